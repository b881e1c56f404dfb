/* wp-print.c: printing the progress briefing
 *
 * The print operation lays the briefing out with the printer's own Pango
 * context when printing begins, then draws the same A4 pages as the PDF
 * export, so paper, PDF and screen agree. The briefing is drawn on the
 * whole sheet in points; its own margins keep it clear of the printer's.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "wp-print.h"

typedef struct {
  WpStore    *store;
  gint64      plan_id;
  char       *agency;
  char       *summary;
  WpBriefing *briefing;
} PrintJob;

static void
print_job_free (PrintJob *job)
{
  g_clear_object (&job->store);
  g_free (job->summary);
  g_free (job->agency);
  g_clear_pointer (&job->briefing, wp_briefing_free);
  g_free (job);
}

static void
on_begin_print (GtkPrintOperation *operation,
                GtkPrintContext   *context,
                PrintJob          *job)
{
  g_autoptr(GError) error = NULL;
  PangoContext *pango = gtk_print_context_create_pango_context (context);

  /* The briefing is laid out in points, like the PDF. */
  pango_cairo_context_set_resolution (pango, 72);
  g_clear_pointer (&job->briefing, wp_briefing_free);
  job->briefing = wp_briefing_new (job->store, job->plan_id, job->agency, job->summary, pango,
                                   &error);
  g_object_unref (pango);
  if (job->briefing == NULL)
    {
      /* Shown by whoever ran the operation, see wp_print_operation_get_failure() */
      g_object_set_data_full (G_OBJECT (operation), "wp-print-failure",
                              g_steal_pointer (&error), (GDestroyNotify) g_error_free);
      gtk_print_operation_cancel (operation);
      return;
    }
  gtk_print_operation_set_n_pages (operation, wp_briefing_get_n_pages (job->briefing));
}

static void
on_draw_page (GtkPrintOperation *operation,
              GtkPrintContext   *context,
              int                page,
              PrintJob          *job)
{
  if (job->briefing != NULL)
    wp_briefing_draw_page (job->briefing, gtk_print_context_get_cairo_context (context), page);
}

/**
 * wp_print_operation_new:
 * @agency: (nullable): only this agency's items, or %NULL for all
 * @summary: (nullable): the summary as the user edited it, or %NULL for the
 *   draft
 *
 * Returns: (transfer full): a print operation for the plan's progress
 *   briefing, on A4 paper, to run with gtk_print_operation_run()
 */
GtkPrintOperation *
wp_print_operation_new (WpStore    *store,
                        gint64      plan_id,
                        const char *agency,
                        const char *summary)
{
  GtkPrintOperation *operation = gtk_print_operation_new ();
  g_autoptr(GtkPageSetup) setup = gtk_page_setup_new ();
  g_autoptr(GtkPaperSize) a4 = gtk_paper_size_new (GTK_PAPER_NAME_A4);
  g_autoptr(WpPlan) plan = wp_store_get_plan (store, plan_id, NULL);
  PrintJob *job = g_new0 (PrintJob, 1);

  job->store = g_object_ref (store);
  job->plan_id = plan_id;
  job->summary = g_strdup (summary);
  job->agency = g_strdup (agency);

  gtk_page_setup_set_paper_size_and_default_margins (setup, a4);
  gtk_page_setup_set_orientation (setup, GTK_PAGE_ORIENTATION_PORTRAIT);
  gtk_print_operation_set_default_page_setup (operation, setup);
  gtk_print_operation_set_unit (operation, GTK_UNIT_POINTS);
  gtk_print_operation_set_use_full_page (operation, TRUE);
  gtk_print_operation_set_embed_page_setup (operation, FALSE);
  gtk_print_operation_set_allow_async (operation, TRUE);
  gtk_print_operation_set_show_progress (operation, TRUE);
  if (plan != NULL)
    gtk_print_operation_set_job_name (operation, wp_plan_get_title (plan));

  g_signal_connect (operation, "begin-print", G_CALLBACK (on_begin_print), job);
  g_signal_connect (operation, "draw-page", G_CALLBACK (on_draw_page), job);
  g_object_set_data_full (G_OBJECT (operation), "wp-print-job", job,
                          (GDestroyNotify) print_job_free);
  return operation;
}

/**
 * wp_print_operation_get_failure:
 *
 * Returns: (nullable): why the briefing could not be laid out, after an
 *   operation that ended as cancelled
 */
const GError *
wp_print_operation_get_failure (GtkPrintOperation *operation)
{
  return g_object_get_data (G_OBJECT (operation), "wp-print-failure");
}
