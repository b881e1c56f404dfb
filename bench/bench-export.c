/* bench-export.c: the exports of a plan file, one at a time (issue 18)
 *
 *   bench-export --db PLAN.db [--year N] [--format json|pdf] [--agency NAME] [--out PATH]
 *
 * Writes the plan's JSON or its PDF briefing into a temporary file, in a
 * process of its own so that the peak resident memory printed is the
 * export's (with what opening the file costs): wall time, CPU time (the
 * machine is shared: wall time is not all ours), peak, and the load
 * average beside them. Make a plan with `bench-store --items N --keep`.
 *
 * --floor (pdf): the briefing laid out first (its time printed apart),
 * then its pages drawn and written by cairo into a file as
 * wp_briefing_write_pdf() does: the part no store read and no shaping is
 * in, what the export cannot go below. --out keeps the file written.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
/* getloadavg() */
#define _DEFAULT_SOURCE

#include <errno.h>
#include <locale.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <cairo-pdf.h>
#include <glib/gstdio.h>
#include <pango/pangocairo.h>

#include "wp-bench-plan.h"

static double
cpu_ms (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return (usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * 1e3
         + (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e3;
}

static long
peak_kb (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return usage.ru_maxrss;
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *db = NULL;
  g_autofree char *format = NULL;
  g_autofree char *agency = NULL;
  g_autofree char *keep = NULL;
  int year = 0;
  gboolean floor = FALSE;
  GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &db, "The plan file", "PATH" },
    { "year", 'y', 0, G_OPTION_ARG_INT, &year, "The plan's year (default: the first)", "N" },
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format, "json (default) or pdf", "FORMAT" },
    { "agency", 0, 0, G_OPTION_ARG_STRING, &agency, "Only this agency's items (pdf)", "NAME" },
    { "floor", 0, 0, G_OPTION_ARG_NONE, &floor, "Time the drawing apart from the laying out (pdf)", NULL },
    { "out", 'o', 0, G_OPTION_ARG_FILENAME, &keep, "Keep the file written here", "PATH" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(WpStore) store = NULL;
  g_autoptr(GPtrArray) plans = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *out = NULL;
  g_autoptr(WpOutput) output = NULL;
  gint64 plan_id = 0;
  double t0, c0, load[3] = { 0 };
  GStatBuf st;

  setlocale (LC_ALL, "");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || db == NULL)
    {
      g_printerr ("%s\n", error != NULL ? error->message : "Usage: bench-export --db PATH");
      return 2;
    }
  store = wp_store_open (db, WP_STORE_OPEN_DEFAULT, &error);
  if (store == NULL || (plans = wp_store_list_plans (store, &error)) == NULL)
    g_error ("%s", error->message);
  for (guint i = 0; i < plans->len && plan_id == 0; i++)
    if (year == 0 || wp_plan_get_year (g_ptr_array_index (plans, i)) == year)
      plan_id = wp_plan_get_id (g_ptr_array_index (plans, i));
  if (plan_id == 0)
    g_error ("no plan of %d in %s", year, db);

  dir = g_dir_make_tmp ("workplan-bench-XXXXXX", &error);
  g_assert_no_error (error);
  out = g_build_filename (dir, floor || g_strcmp0 (format, "pdf") == 0 ? "out.pdf" : "out.json", NULL);
  t0 = wp_bench_now_ms ();
  c0 = cpu_ms ();
  if (floor)
    {
      cairo_surface_t *surface = cairo_pdf_surface_create (out, 595.28, 841.89);
      cairo_t *cr = cairo_create (surface);
      PangoContext *pango = pango_cairo_create_context (cr);
      WpBriefing *briefing;
      double t1, c1;

      pango_cairo_context_set_resolution (pango, 72);
      briefing = wp_briefing_new (store, plan_id, agency, NULL, pango, &error);
      if (briefing == NULL)
        g_error ("%s", error->message);
      g_object_unref (pango);
      t1 = wp_bench_now_ms ();
      c1 = cpu_ms ();
      g_print ("lay out      %8.0f ms wall %8.0f ms CPU  %d pages\n", t1 - t0, c1 - c0,
               wp_briefing_get_n_pages (briefing));
      for (int page = 0; page < wp_briefing_get_n_pages (briefing); page++)
        {
          wp_briefing_draw_page (briefing, cr, page);
          cairo_show_page (cr);
        }
      wp_briefing_free (briefing);
      cairo_destroy (cr);
      cairo_surface_finish (surface);
      cairo_surface_destroy (surface);
      g_print ("draw, write  %8.0f ms wall %8.0f ms CPU  (the floor)\n",
               wp_bench_now_ms () - t1, cpu_ms () - c1);
    }
  else if (g_strcmp0 (format, "pdf") == 0)
    {
      if (!wp_briefing_write_pdf (store, plan_id, agency, NULL, out, &error))
        g_error ("%s", error->message);
    }
  else
    {
      output = wp_output_new (out);
      if (!wp_json_export_plan_to (store, plan_id, output, &error)
          || !wp_output_close (output, &error))
        g_error ("%s", error->message);
    }
  getloadavg (load, 3);
  g_stat (out, &st);
  g_print ("export %-4s %8.0f ms wall %8.0f ms CPU  peak %4ld MB  %5.1f MB out  load %.1f\n",
           floor || g_strcmp0 (format, "pdf") == 0 ? "pdf" : "json", wp_bench_now_ms () - t0,
           cpu_ms () - c0, peak_kb () / 1024, st.st_size / 1e6, load[0]);
  if (keep != NULL ? g_rename (out, keep) != 0 : g_unlink (out) != 0)
    g_printerr ("%s: %s\n", keep != NULL ? keep : out, g_strerror (errno));
  g_rmdir (dir);
  return 0;
}
