/* wp-import-job.c: importing a large plan in a thread, with progress and Cancel
 *
 * A plan of a few hundred items imports in a blink and is written on the
 * main thread (_wp_window_import_document()). A large one (last year's
 * 任务分解表 of thousands of rows) took seconds to read, back up and write,
 * and the window froze meanwhile. Here the file is read, the plan file
 * backed up and the plan written in a thread, on a connection of its own
 * (WP_STORE_OPEN_SHARED: it leaves the window's deleted items alone); a
 * small window says what is being done, with a bar and Cancel. The
 * window's store learns of the new plan as of any other program's write
 * (wp_store_check_outside_changes()), and the import is one undo step as
 * before.
 *
 * Cancel stops the write wherever it is (wp_store_set_cancellable()): the
 * transaction is rolled back and the file is as it was.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "wp-import-job.h"
#include "wp-window-private.h"

typedef enum {
  PHASE_READING,
  PHASE_BACKING_UP,
  PHASE_WRITING,
} Phase;

typedef struct {
  WpWindow       *window;     /* (owned) */
  char           *db_path;
  char           *name;       /* the file's, for messages and the undo label */
  char           *json_path;  /* the file to read, or NULL: */
  char           *json;       /* the JSON itself */
  guint           keep;       /* backups kept */
  GCancellable   *cancellable;
  gint            phase;      /* (atomic) Phase */
  gint64          plan_id;    /* what was written */

  GtkWindow      *dialog;
  GtkLabel       *phase_label;
  GtkProgressBar *bar;
  guint           pulse;
} ImportJob;

static void
import_job_free (ImportJob *job)
{
  g_clear_handle_id (&job->pulse, g_source_remove);
  if (job->dialog != NULL)
    gtk_window_destroy (job->dialog);
  g_object_set_data (G_OBJECT (job->window), "wp-import-job", NULL);
  g_object_unref (job->window);
  g_object_unref (job->cancellable);
  g_free (job->db_path);
  g_free (job->name);
  g_free (job->json_path);
  g_free (job->json);
  g_free (job);
}

static void
import_in_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  ImportJob *job = task_data;
  g_autoptr(WpJsonDocument) doc = NULL;
  g_autoptr(WpStore) store = NULL;
  g_autoptr(WpPlan) plan = NULL;
  GError *error = NULL;

  doc = job->json_path != NULL ? wp_json_document_load (job->json_path, &error)
                               : wp_json_document_parse (job->json, -1, &error);
  if (doc == NULL || g_cancellable_set_error_if_cancelled (cancellable, &error))
    goto fail;

  store = wp_store_open (job->db_path, WP_STORE_OPEN_SHARED, &error);
  if (store == NULL)
    goto fail;
  wp_store_set_cancellable (store, cancellable);

  g_atomic_int_set (&job->phase, PHASE_BACKING_UP);
  if (!_wp_back_up_before_import (store, wp_json_document_get_year (doc), job->keep, &error))
    goto fail;

  g_atomic_int_set (&job->phase, PHASE_WRITING);
  plan = wp_json_document_write (doc, store, 0, FALSE, &error);
  if (plan == NULL)
    goto fail;
  job->plan_id = wp_plan_get_id (plan);
  g_task_return_boolean (task, TRUE);
  return;

fail:
  g_task_return_error (task, error);
}

static const char *
phase_text (Phase phase)
{
  switch (phase)
    {
    case PHASE_BACKING_UP:
      return _("Backing up the plan file first…");
    case PHASE_WRITING:
      return _("Writing the plan…");
    case PHASE_READING:
    default:
      return _("Reading the file…");
    }
}

static gboolean
on_pulse (gpointer data)
{
  ImportJob *job = data;

  gtk_progress_bar_pulse (job->bar);
  gtk_label_set_text (job->phase_label, phase_text (g_atomic_int_get (&job->phase)));
  return G_SOURCE_CONTINUE;
}

static void
on_import_done (GObject      *source,
                GAsyncResult *result,
                gpointer      data)
{
  ImportJob *job = data;
  WpWindow *window = job->window;
  g_autoptr(GError) error = NULL;
  WpContext *context = _wp_window_get_context (window);
  WpStore *store = context != NULL ? wp_context_get_store (context) : NULL;

  g_clear_handle_id (&job->pulse, g_source_remove);
  g_clear_pointer (&job->dialog, gtk_window_destroy);

  /* (a window closed meanwhile has nothing to show; what was written is
   * in the file, where the next window finds it) */
  if (store == NULL)
    g_task_propagate_boolean (G_TASK (result), NULL);
  else if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        _wp_window_toast (window, _("Import cancelled: nothing was changed"));
      else
        _wp_window_say_import_failed (window, job->name, error);
    }
  else
    {
      g_autoptr(WpPlan) plan = NULL;

      /* (written on another connection: the window's reads it as another
       * program's write) */
      wp_store_check_outside_changes (store);
      plan = wp_store_get_plan (store, job->plan_id, &error);
      if (plan != NULL)
        _wp_window_show_imported (window, job->name, plan);
      else
        _wp_window_say_import_failed (window, job->name, error);
    }
  import_job_free (job);
}

static void
on_cancel_clicked (GtkButton *button,
                   ImportJob *job)
{
  g_cancellable_cancel (job->cancellable);
  gtk_widget_set_sensitive (GTK_WIDGET (button), FALSE);
  gtk_label_set_text (job->phase_label, _("Cancelling…"));
  g_clear_handle_id (&job->pulse, g_source_remove);
}

/* Closing the small window cancels; it goes once the thread has stopped. */
static gboolean
on_close_request (GtkWindow *dialog,
                  ImportJob *job)
{
  g_cancellable_cancel (job->cancellable);
  return TRUE;
}

static gboolean
on_escape (GtkWidget *widget,
           GVariant  *args,
           gpointer   cancel)
{
  return gtk_widget_activate (cancel);
}

static GtkWindow *
progress_window (ImportJob *job)
{
  GtkWidget *dialog = adw_window_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *title, *cancel;
  GtkEventController *keys;
  g_autofree char *heading = g_strdup_printf (_("Importing “%s”"), job->name);

  gtk_window_set_title (GTK_WINDOW (dialog), _("Importing"));
  gtk_window_set_modal (GTK_WINDOW (dialog), TRUE);
  gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (job->window));
  gtk_window_set_default_size (GTK_WINDOW (dialog), 420, -1);
  gtk_window_set_resizable (GTK_WINDOW (dialog), FALSE);

  gtk_widget_set_margin_top (box, 24);
  gtk_widget_set_margin_bottom (box, 24);
  gtk_widget_set_margin_start (box, 24);
  gtk_widget_set_margin_end (box, 24);

  title = gtk_label_new (heading);
  gtk_label_set_wrap (GTK_LABEL (title), TRUE);
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_widget_add_css_class (title, "title-4");
  gtk_box_append (GTK_BOX (box), title);

  job->phase_label = GTK_LABEL (gtk_label_new (phase_text (PHASE_READING)));
  gtk_label_set_xalign (job->phase_label, 0);
  gtk_widget_add_css_class (GTK_WIDGET (job->phase_label), "dim-label");
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (job->phase_label));

  job->bar = GTK_PROGRESS_BAR (gtk_progress_bar_new ());
  gtk_accessible_update_property (GTK_ACCESSIBLE (job->bar), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Import progress"), -1);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (job->bar));

  cancel = gtk_button_new_with_mnemonic (_("_Cancel"));
  gtk_widget_set_halign (cancel, GTK_ALIGN_END);
  g_signal_connect (cancel, "clicked", G_CALLBACK (on_cancel_clicked), job);
  gtk_box_append (GTK_BOX (box), cancel);

  /* Escape is Cancel */
  keys = GTK_EVENT_CONTROLLER (gtk_shortcut_controller_new ());
  gtk_shortcut_controller_add_shortcut (
    GTK_SHORTCUT_CONTROLLER (keys),
    gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Escape, 0),
                      gtk_callback_action_new (on_escape, cancel, NULL)));
  gtk_shortcut_controller_set_scope (GTK_SHORTCUT_CONTROLLER (keys), GTK_SHORTCUT_SCOPE_GLOBAL);
  gtk_widget_add_controller (dialog, keys);

  adw_window_set_content (ADW_WINDOW (dialog), box);
  g_signal_connect (dialog, "close-request", G_CALLBACK (on_close_request), job);
  return GTK_WINDOW (dialog);
}

/**
 * _wp_window_import_in_thread:
 * @name: the file's name, for messages and the undo step
 * @json_path: (nullable): an interchange JSON file to read, or %NULL for:
 * @json: (nullable) (transfer full): the JSON itself
 *
 * Imports a plan as a new plan in a thread (see the top of this file).
 */
void
_wp_window_import_in_thread (WpWindow   *self,
                             const char *name,
                             const char *json_path,
                             char       *json)
{
  WpStore *store = wp_context_get_store (_wp_window_get_context (self));
  g_autoptr(GTask) task = NULL;
  ImportJob *job = g_new0 (ImportJob, 1);

  job->window = g_object_ref (self);
  job->db_path = g_strdup (wp_store_get_path (store));
  job->name = g_strdup (name);
  job->json_path = g_strdup (json_path);
  job->json = json;
  job->keep = _wp_window_get_backups_kept (self);
  job->cancellable = g_cancellable_new ();
  g_object_set_data (G_OBJECT (self), "wp-import-job", job);

  job->dialog = progress_window (job);
  job->pulse = g_timeout_add (100, on_pulse, job);
  gtk_window_present (job->dialog);

  task = g_task_new (NULL, job->cancellable, on_import_done, job);
  g_task_set_task_data (task, job, NULL);
  g_task_run_in_thread (task, import_in_thread);
}

/* Whether an import of _wp_window_import_in_thread() is under way */
gboolean
_wp_window_is_importing (WpWindow *self)
{
  return g_object_get_data (G_OBJECT (self), "wp-import-job") != NULL;
}

/* Cancels the import under way, if any, as its Cancel button does */
void
_wp_window_cancel_import (WpWindow *self)
{
  ImportJob *job = g_object_get_data (G_OBJECT (self), "wp-import-job");

  if (job != NULL)
    g_cancellable_cancel (job->cancellable);
}
