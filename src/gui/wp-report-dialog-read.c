/* wp-report-dialog-read.c: reading a report in a thread, then showing its draft
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "wp-report-dialog-private.h"
#include "wp-deadline.h"

/* Reading, in a thread */

typedef struct {
  char  *path;
  int    fallback_year;
  GStrv       directory;
  GHashTable *aliases;
  GWeakRef   *dialog;  /* (atomic rc box) for the progress: only the main
                        * loop takes the dialog from it */
} ReadJob;

typedef struct {
  WpReportSource *source;
  WpReportDraft  *draft;
} ReadResult;

static void
read_job_free (ReadJob *job)
{
  g_free (job->path);
  g_strfreev (job->directory);
  g_clear_pointer (&job->aliases, g_hash_table_unref);
  if (job->dialog != NULL)
    g_atomic_rc_box_release_full (job->dialog, (GDestroyNotify) g_weak_ref_clear);
  g_free (job);
}

static void
read_result_free (ReadResult *result)
{
  g_clear_pointer (&result->source, wp_report_source_free);
  g_clear_pointer (&result->draft, wp_report_draft_free);
  g_free (result);
}

/* How far the reading is, on the dialog's bar, from the main loop */
typedef struct {
  GWeakRef *dialog;  /* (atomic rc box) */
  double    fraction;
} Progress;

static gboolean
show_progress (gpointer data)
{
  Progress *progress = data;
  g_autoptr(WpReportDialog) self = g_weak_ref_get (progress->dialog);

  if (self != NULL && self->reading)
    gtk_progress_bar_set_fraction (self->bar, progress->fraction);
  g_atomic_rc_box_release_full (progress->dialog, (GDestroyNotify) g_weak_ref_clear);
  g_free (progress);
  return G_SOURCE_REMOVE;
}

/* From the thread: the dialog is never touched here, not even its
 * reference count (its last reference must go in the main loop) */
static void
post_progress (double   fraction,
               gpointer data)
{
  ReadJob *job = data;
  Progress *progress = g_new0 (Progress, 1);

  progress->dialog = g_atomic_rc_box_acquire (job->dialog);
  progress->fraction = fraction;
  g_idle_add (show_progress, progress);
}

static void
read_in_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  ReadJob *job = task_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(WpReportSource) source = wp_report_source_load (job->path, &error);
  WpReportOptions options = { 0 };
  ReadResult *result;

  if (source == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (g_task_return_error_if_cancelled (task))
    return;
  options.year = wp_report_guess_year (source);
  if (options.year == 0)
    options.year = job->fallback_year;
  options.directory = (const char **) job->directory;
  options.aliases = job->aliases;
  options.progress = post_progress;
  options.progress_data = job;
  result = g_new0 (ReadResult, 1);
  result->draft = wp_report_import (source, &options);
  result->source = g_steal_pointer (&source);
  g_task_return_pointer (task, result, (GDestroyNotify) read_result_free);
}

/* The draft's tree, flat: each row takes its item, and each item's
 * children array lets go of the children (they are rows of their own). */
static void
flatten (GPtrArray *items,
         guint      level,
         GPtrArray *rows)
{
  for (guint i = 0; i < items->len; i++)
    {
      WpReportItem *item = g_ptr_array_index (items, i);
      g_ptr_array_add (rows, wp_report_row_new (item, level));
      flatten (item->children, level + 1, rows);
      g_ptr_array_set_free_func (item->children, NULL);
      g_ptr_array_set_size (item->children, 0);
    }
}

void
_wp_report_dialog_show_draft (WpReportDialog *self)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_object_unref);
  WpPlan *current = self->window != NULL ? _wp_window_get_selected_plan (self->window) : NULL;
  const char *organization = self->draft->organization;

  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->source_view), self->source->text,
                            (int) self->source->length);
  flatten (self->draft->items, 0, rows);
  g_ptr_array_set_free_func (self->draft->items, NULL);
  g_ptr_array_set_size (self->draft->items, 0);
  g_list_store_splice (self->rows, 0, 0, rows->pdata, rows->len);

  gtk_spin_button_set_value (self->year, self->draft->year);
  _wp_report_dialog_on_year_changed (self->year, self);
  gtk_editable_set_text (self->title, self->draft->title != NULL ? self->draft->title : "");
  /* an office writes the same organisation on every year's plan */
  if ((organization == NULL || organization[0] == '\0') && current != NULL)
    organization = wp_plan_get_organization (current);
  gtk_editable_set_text (self->organization, organization != NULL ? organization : "");
  _wp_report_dialog_update_summary (self);
  if (rows->len == 0)
    {
      gtk_stack_set_visible_child_name (self->stack, "empty");
      gtk_widget_set_sensitive (self->import_button, FALSE);
      gtk_button_set_label (GTK_BUTTON (self->cancel_button), _("_Close"));
      return;
    }
  gtk_stack_set_visible_child_name (self->stack, "review");
  gtk_single_selection_set_selected (self->selection, 0);
  _wp_report_dialog_load_editor (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->outline));
}

static void
on_read (GObject      *object,
         GAsyncResult *res,
         gpointer      user_data)
{
  WpReportDialog *self = WP_REPORT_DIALOG (object);
  g_autoptr(GError) error = NULL;
  ReadResult *result = g_task_propagate_pointer (G_TASK (res), &error);

  /* (cancelled: the dialog is closing) */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self->reading = FALSE;
  if (result == NULL)
    {
      g_autofree char *message = g_markup_escape_text (error->message, -1);

      adw_status_page_set_description (self->error_page, message);
      gtk_stack_set_visible_child_name (self->stack, "error");
      gtk_button_set_label (GTK_BUTTON (self->cancel_button), _("_Close"));
      return;
    }
  self->source = g_steal_pointer (&result->source);
  self->draft = g_steal_pointer (&result->draft);
  read_result_free (result);
  _wp_report_dialog_show_draft (self);
}

void
_wp_report_dialog_start_reading (WpReportDialog *self)
{
  g_autoptr(GTask) task = g_task_new (self, self->cancellable, on_read, NULL);
  ReadJob *job = g_new0 (ReadJob, 1);
  WpStore *store = _wp_report_dialog_store (self);
  g_autoptr(GPtrArray) agencies = store != NULL ? wp_store_list_agencies (store, NULL) : NULL;
  GPtrArray *names = g_ptr_array_new ();
  WpPlan *current = self->window != NULL ? _wp_window_get_selected_plan (self->window) : NULL;

  /* the store stays in this thread: the directory goes along as names */
  for (guint i = 0; agencies != NULL && i < agencies->len; i++)
    g_ptr_array_add (names, g_strdup (wp_agency_get_name (g_ptr_array_index (agencies, i))));
  g_ptr_array_add (names, NULL);
  job->directory = (GStrv) g_ptr_array_free (names, FALSE);
  for (guint i = 0; job->directory[i] != NULL; i++)
    g_hash_table_add (self->directory, g_strdup (job->directory[i]));
  /* (a copy: the thread reads its own) */
  if (store != NULL)
    {
      g_clear_pointer (&self->aliases, g_hash_table_unref);
      self->aliases = wp_store_get_alias_directory (store, NULL);
      job->aliases = wp_store_get_alias_directory (store, NULL);
    }
  job->path = g_strdup (self->path);
  if (current != NULL)
    job->fallback_year = wp_plan_get_year (current);
  else
    {
      GDate today;

      wp_date_get_reference (&today);
      job->fallback_year = g_date_get_year (&today);
    }
  self->reading = TRUE;
  job->dialog = g_atomic_rc_box_new0 (GWeakRef);
  g_weak_ref_init (job->dialog, self);
  gtk_progress_bar_set_fraction (self->bar, 0.0);
  g_task_set_task_data (task, job, (GDestroyNotify) read_job_free);
  /* Cancel answers at once; what the thread still finds is dropped */
  g_task_set_return_on_cancel (task, TRUE);
  g_task_run_in_thread (task, read_in_thread);
}
