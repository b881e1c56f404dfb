/* wp-window-backups.c: the window's backups of its plan file
 *
 * A daily backup while the file is edited; Restore from Backup…; and the
 * page of a damaged file, which says so in plain words and offers the
 * latest good backup. Restoring closes the window (and with it the file),
 * puts the backup in place and opens a new window on it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "wp-restore-dialog.h"
#include "wp-toast.h"
#include "wp-window-private.h"
#include "wp-message-dialog.h"

/* How many backups of a file to keep: the user's preference */
guint
_wp_window_get_backups_kept (WpWindow *self)
{
  GSettings *settings = wp_context_get_settings (_wp_window_get_context (self));
  g_autoptr(GSettingsSchema) schema = NULL;

  if (settings == NULL)
    return WP_BACKUP_DEFAULT_KEPT;
  g_object_get (settings, "settings-schema", &schema, NULL);
  if (!g_settings_schema_has_key (schema, "backups-kept"))
    return WP_BACKUP_DEFAULT_KEPT;
  return (guint) MAX (g_settings_get_int (settings, "backups-kept"), 1);
}

void
_wp_window_clear_backups (WpWindow *self)
{
  WpWindowBackups *b = _wp_window_get_backups (self);

  g_cancellable_cancel (b->cancellable);
  g_clear_object (&b->cancellable);
  /* (its callback lets go of it) */
  g_cancellable_cancel (b->daily);
  g_clear_pointer (&b->latest_good, wp_backup_free);
  g_clear_pointer (&b->plan_path, g_free);
}

/* Daily backups */

static gboolean close_for_restore (gpointer data);

typedef struct {
  WpWindow     *window;
  GApplication *app;     /* held until the backup is written, or NULL */
} DailyCall;

static void
on_daily_backup_done (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  DailyCall *call = user_data;
  g_autoptr(WpWindow) self = call->window;
  WpWindowBackups *b = _wp_window_get_backups (self);
  g_autoptr(GError) error = NULL;
  g_autofree char *path = wp_backup_take_daily_finish (result, &error);

  if (call->app != NULL)
    {
      g_application_release (call->app);
      g_object_unref (call->app);
    }
  g_free (call);
  g_clear_object (&b->daily);
  if (b->restore != NULL)
    g_idle_add (close_for_restore, g_steal_pointer (&b->restore));

  /* (stopped: the window is closing) */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || b->plan_path == NULL)
    return;
  if (error != NULL)
    {
      g_message ("No daily backup of “%s”: %s", b->plan_path, error->message);
      /* (said once: the next tries are in the log) */
      if (!b->daily_failed)
        {
          g_autofree char *message =
            g_strdup_printf (_("Could not make today’s backup of the plan file: %s"),
                             error->message);
          _wp_window_toast (self, message);
        }
      b->daily_failed = TRUE;
    }
}

/**
 * _wp_window_take_daily_backup:
 *
 * Called when the file is found sound and after each edit: takes the day's
 * backup, in a thread, when the newest one is a day old. Between two looks
 * at the backups folder an hour goes by, so that an edit costs nothing.
 */
void
_wp_window_take_daily_backup (WpWindow *self)
{
  WpWindowBackups *b = _wp_window_get_backups (self);
  WpContext *context = _wp_window_get_context (self);
  WpStore *store = context ? wp_context_get_store (context) : NULL;
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));
  gint64 now = g_get_real_time ();
  DailyCall *call;

  if (store == NULL || wp_store_is_read_only (store) || wp_store_is_check_pending (store)
      || b->daily != NULL || now < b->next_daily)
    return;
  b->next_daily = now + G_TIME_SPAN_HOUR;

  b->daily = g_cancellable_new ();
  call = g_new0 (DailyCall, 1);
  call->window = g_object_ref (self);
  /* (the application does not quit halfway through it) */
  if (app != NULL)
    {
      call->app = G_APPLICATION (g_object_ref (app));
      g_application_hold (call->app);
    }
  wp_backup_take_daily_async (store, _wp_window_get_backups_kept (self), b->daily,
                              on_daily_backup_done, call);
}

/* Whether a daily backup is being written */
gboolean
_wp_window_is_backing_up (WpWindow *self)
{
  return _wp_window_get_backups (self)->daily != NULL;
}

static gboolean
take_import_backup (WpStore  *store,
                    guint     keep,
                    GError  **error)
{
  /* (what the undo history may still bring back stays in the file) */
  g_autofree char *backup = wp_backup_take_keeping_deleted (store, WP_BACKUP_BEFORE_IMPORT,
                                                            keep, error);

  if (backup == NULL)
    g_prefix_error (error, _("Nothing was imported: the plan file could not be backed up "
                             "first. "));
  return backup != NULL;
}

/* Before importing into the file (not before an import that is refused
 * because the year has a plan already) */
gboolean
_wp_window_back_up_before_import (WpWindow  *self,
                                  int        year,
                                  GError   **error)
{
  return _wp_back_up_before_import (wp_context_get_store (_wp_window_get_context (self)), year,
                                    _wp_window_get_backups_kept (self), error);
}

/* The same on any connection to the file (an import's in a thread), with
 * the last @keep backups kept */
gboolean
_wp_back_up_before_import (WpStore  *store,
                           int       year,
                           guint     keep,
                           GError  **error)
{
  g_autoptr(GPtrArray) plans = wp_store_list_plans (store, error);

  if (plans == NULL)
    return FALSE;
  for (guint i = 0; i < plans->len; i++)
    if (wp_plan_get_year (g_ptr_array_index (plans, i)) == year)
      return TRUE;
  if (plans->len == 0)
    return TRUE;

  return take_import_backup (store, keep, error);
}

/* Before a report's items are added to a plan the file holds already: as
 * many items at once as an import writes, into a year's work */
gboolean
_wp_window_back_up_before_adding (WpWindow  *self,
                                  GError   **error)
{
  return take_import_backup (wp_context_get_store (_wp_window_get_context (self)),
                             _wp_window_get_backups_kept (self), error);
}

/* Restoring */

typedef struct {
  GtkApplication *app;
  GSettings      *settings;
  char           *plan_path;
  char           *backup_path;
  char           *when;
  guint           keep;
  WpWindow       *window;  /* (weak) until it is closed */
  GtkWindow      *dialog;  /* (weak) the list of backups, if it was used */
  WpStore        *store;   /* (weak) the window's, until it lets go of it */
  guint           timeout; /* for that */
  gboolean        closed;  /* the window is */
  gboolean        finishing;
} Restore;

/* How long the closed window may take to let go of its store (its views
 * drop theirs in idle callbacks): something that holds it longer is a
 * bug, and the file is then left alone. */
#define RESTORE_WAIT_SECONDS 30

static void on_store_closed (gpointer  data,
                             GObject  *store);

static void
restore_free (Restore *r)
{
  g_clear_weak_pointer (&r->window);
  g_clear_weak_pointer (&r->dialog);
  if (r->store != NULL)
    g_object_weak_unref (G_OBJECT (r->store), on_store_closed, r);
  g_clear_handle_id (&r->timeout, g_source_remove);
  if (r->app != NULL)
    g_application_release (G_APPLICATION (r->app));
  g_clear_object (&r->app);
  g_clear_object (&r->settings);
  g_free (r->plan_path);
  g_free (r->backup_path);
  g_free (r->when);
  g_free (r);
}

static gboolean
finish_restore (gpointer data)
{
  Restore *r = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) open_error = NULL;
  g_autoptr(WpStore) store = NULL;
  g_autoptr(WpContext) context = NULL;
  WpWindow *window;

  if (r->store != NULL)
    g_set_error (&error, WP_STORE_ERROR, WP_STORE_ERROR_FAILED,
                 _("“%s” is still open in Workplan. Close Workplan, open it again and try "
                   "again."), r->plan_path);
  else
    wp_backup_restore (r->plan_path, r->backup_path, r->keep, NULL, &error);

  store = wp_store_open (r->plan_path, WP_STORE_OPEN_CHECK_LATER, &open_error);
  context = wp_context_new (store, r->settings);
  window = wp_window_new_for_path (r->app, context, r->plan_path, open_error);
  gtk_window_present (GTK_WINDOW (window));

  if (error != NULL)
    {
      AdwMessageDialog *dialog =
        ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (window),
                                                    _("The Backup Was Not Restored"),
                                                    error->message));

      adw_message_dialog_add_response (dialog, "close", _("_Close"));
      gtk_window_present (GTK_WINDOW (dialog));
    }
  else
    {
      g_autofree char *message =
        g_strdup_printf (_("Restored the backup of %s; the file as it was is kept among the "
                           "backups"), r->when);
      _wp_window_toast (window, message);
    }

  restore_free (r);
  return G_SOURCE_REMOVE;
}

static void
schedule_finish (Restore *r)
{
  if (r->finishing)
    return;
  r->finishing = TRUE;
  g_clear_handle_id (&r->timeout, g_source_remove);
  g_idle_add (finish_restore, r);
}

static void
on_store_closed (gpointer  data,
                 GObject  *store)
{
  Restore *r = data;

  r->store = NULL;
  if (r->closed)
    schedule_finish (r);
}

static gboolean
on_wait_too_long (gpointer data)
{
  Restore *r = data;

  r->timeout = 0;
  schedule_finish (r);
  return G_SOURCE_REMOVE;
}

/* Out of the dialogs' responses, which close their windows after */
static gboolean
close_for_restore (gpointer data)
{
  Restore *r = data;

  r->closed = TRUE;
  if (r->dialog != NULL)
    gtk_window_destroy (r->dialog);
  if (r->window != NULL)
    gtk_window_destroy (GTK_WINDOW (r->window));
  /* The file is replaced only once the store has closed it. */
  if (r->store == NULL)
    schedule_finish (r);
  else if (!r->finishing)
    r->timeout = g_timeout_add_seconds (RESTORE_WAIT_SECONDS, on_wait_too_long, r);
  return G_SOURCE_REMOVE;
}

/* Closes @dialog, the window and its file, restores @backup and opens the
 * file again in a new window. */
static void
restore_backup (WpWindow       *self,
                const WpBackup *backup,
                GtkWindow      *dialog)
{
  WpContext *context = _wp_window_get_context (self);
  WpWindowBackups *b = _wp_window_get_backups (self);
  Restore *r;

  if (b->restore != NULL)
    return;  /* (one is waiting already) */
  r = g_new0 (Restore, 1);
  r->app = gtk_window_get_application (GTK_WINDOW (self));
  /* (the application runs on while it has no window) */
  if (r->app != NULL)
    {
      g_object_ref (r->app);
      g_application_hold (G_APPLICATION (r->app));
    }
  if (wp_context_get_settings (context) != NULL)
    r->settings = g_object_ref (wp_context_get_settings (context));
  r->plan_path = g_strdup (b->plan_path);
  r->backup_path = g_strdup (backup->path);
  r->when = wp_backup_format_time (backup);
  r->keep = _wp_window_get_backups_kept (self);
  g_set_weak_pointer (&r->window, self);
  g_set_weak_pointer (&r->dialog, dialog);
  r->store = wp_context_get_store (context);
  if (r->store != NULL)
    g_object_weak_ref (G_OBJECT (r->store), on_store_closed, r);
  /* A daily backup being written reads the file: it is stopped first. */
  if (b->daily != NULL)
    {
      b->restore = r;
      g_cancellable_cancel (b->daily);
    }
  else
    g_idle_add (close_for_restore, r);
}

static void
on_restore_requested (WpRestoreDialog *dialog,
                      const char      *backup_path,
                      WpWindow        *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) backups = NULL;
  WpWindowBackups *b = _wp_window_get_backups (self);

  backups = wp_backup_list (b->plan_path, &error);
  for (guint i = 0; backups != NULL && i < backups->len; i++)
    {
      WpBackup *backup = g_ptr_array_index (backups, i);

      if (g_str_equal (backup->path, backup_path))
        {
          restore_backup (self, backup, GTK_WINDOW (dialog));
          return;
        }
    }
  _wp_window_toast (self, error ? error->message : _("That backup is no longer there."));
}

static void
restore_backup_activated (GSimpleAction *action,
                          GVariant      *parameter,
                          gpointer       user_data)
{
  WpWindow *self = user_data;
  WpWindowBackups *b = _wp_window_get_backups (self);
  WpRestoreDialog *dialog;

  if (b->plan_path == NULL)
    return;
  dialog = wp_restore_dialog_new (GTK_WINDOW (self), b->plan_path,
                                  _wp_window_get_backups_kept (self));
  g_signal_connect_object (dialog, "restore-requested", G_CALLBACK (on_restore_requested), self,
                           0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_restore_latest_response (AdwMessageDialog *dialog,
                            const char       *response,
                            WpWindow         *self)
{
  WpWindowBackups *b = _wp_window_get_backups (self);

  if (g_str_equal (response, "restore") && b->latest_good != NULL)
    restore_backup (self, b->latest_good, NULL);
}

static void
restore_latest_activated (GSimpleAction *action,
                          GVariant      *parameter,
                          gpointer       user_data)
{
  WpWindow *self = user_data;
  WpWindowBackups *b = _wp_window_get_backups (self);
  g_autofree char *when = NULL;
  g_autofree char *heading = NULL;
  GtkWidget *dialog;

  if (b->latest_good == NULL)
    return;
  when = wp_backup_format_time (b->latest_good);
  heading = g_strdup_printf (_("Restore the Backup of %s?"), when);
  dialog = adw_message_dialog_new (GTK_WINDOW (self), heading,
                                   _("The damaged plan file is replaced by this backup. It is "
                                     "backed up first as it is, so that nothing of it is "
                                     "lost."));
  wp_message_dialog_add_choice (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"),
                                "restore", _("_Restore"), ADW_RESPONSE_SUGGESTED);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_restore_latest_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* A file whose log is damaged (WP_STORE_ERROR_DAMAGED_LOG) was refused and
 * a copy of it set aside; told so, the user opens it without the changes
 * that cannot be read, in a new window. */
static void
open_without_damaged_changes_activated (GSimpleAction *action,
                                        GVariant      *parameter,
                                        gpointer       user_data)
{
  WpWindow *self = user_data;
  WpWindowBackups *b = _wp_window_get_backups (self);
  g_autoptr(GError) error = NULL;
  g_autoptr(WpStore) store = NULL;
  g_autoptr(WpContext) context = NULL;
  WpWindow *window;

  if (b->plan_path == NULL)
    return;
  store = wp_store_open (b->plan_path,
                         WP_STORE_OPEN_CHECK_LATER | WP_STORE_OPEN_DISCARD_DAMAGED_LOG, &error);
  context = wp_context_new (store, wp_context_get_settings (_wp_window_get_context (self)));
  window = wp_window_new_for_path (gtk_window_get_application (GTK_WINDOW (self)), context,
                                   b->plan_path, error);
  gtk_window_present (GTK_WINDOW (window));
  gtk_window_destroy (GTK_WINDOW (self));
}

static const GActionEntry backup_actions[] = {
  { "restore-backup", restore_backup_activated },
  { "restore-latest", restore_latest_activated },
  { "open-without-damaged-changes", open_without_damaged_changes_activated },
};

void
_wp_window_add_backup_actions (WpWindow *self)
{
  g_action_map_add_action_entries (G_ACTION_MAP (self), backup_actions,
                                   G_N_ELEMENTS (backup_actions), self);
  _wp_window_update_backup_actions (self);
}

void
_wp_window_update_backup_actions (WpWindow *self)
{
  WpWindowBackups *b = _wp_window_get_backups (self);

  g_simple_action_set_enabled (
    G_SIMPLE_ACTION (g_action_map_lookup_action (G_ACTION_MAP (self), "restore-backup")),
    b->plan_path != NULL);
  g_simple_action_set_enabled (
    G_SIMPLE_ACTION (g_action_map_lookup_action (G_ACTION_MAP (self), "restore-latest")),
    b->latest_good != NULL);
}

/* The damaged file's page */

/* What the page says; @latest: the backup found, or NULL (none, or still
 * looking) */
static void
describe_damage (WpWindow *self)
{
  WpWindowBackups *b = _wp_window_get_backups (self);
  AdwStatusPage *page = _wp_window_get_error_page (self);
  g_autofree char *name = b->plan_path ? g_filename_display_name (b->plan_path)
                                       : g_strdup (_("The plan file"));
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *markup = NULL;

  g_string_append_printf (text, _("Part of “%s” cannot be read."), name);
  g_string_append_c (text, '\n');
  g_string_append (text, _("Workplan leaves the file as it is, so that nothing more of it is "
                           "lost."));
  if (b->latest_good != NULL)
    {
      g_autofree char *when = wp_backup_format_time (b->latest_good);

      g_string_append_c (text, '\n');
      g_string_append_printf (text, _("The latest good backup of it is from %s."), when);
    }
  else if (!b->looking)
    {
      g_string_append_c (text, '\n');
      g_string_append (text, _("There is no good backup of it. If you keep a copy of it "
                               "elsewhere, open that with Open Plan File."));
    }

  markup = g_markup_escape_text (text->str, -1);
  adw_status_page_set_title (page, _("The Plan File Is Damaged"));
  adw_status_page_set_description (page, markup);
  gtk_widget_set_visible (_wp_window_get_restore_button (self), b->latest_good != NULL);
  _wp_window_update_backup_actions (self);
}

static void
find_in_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  g_autoptr(GError) error = NULL;
  WpBackup *backup = wp_backup_find_latest_good (task_data, &error);

  if (error != NULL)
    g_message ("%s", error->message);
  g_task_return_pointer (task, backup, (GDestroyNotify) wp_backup_free);
}

static void
on_latest_good_found (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  WpWindow *self = WP_WINDOW (source);
  WpWindowBackups *b = _wp_window_get_backups (self);
  WpBackup *backup = g_task_propagate_pointer (G_TASK (result), NULL);

  /* (a window closed meanwhile has nothing to show) */
  if (g_task_had_error (G_TASK (result)) || b->cancellable == NULL)
    {
      wp_backup_free (backup);
      return;
    }
  b->looking = FALSE;
  g_clear_pointer (&b->latest_good, wp_backup_free);
  b->latest_good = backup;
  describe_damage (self);
}

/* Whether the damaged page is still looking for a good backup */
gboolean
_wp_window_is_looking_for_backup (WpWindow *self)
{
  return _wp_window_get_backups (self)->looking;
}

/**
 * _wp_window_show_damaged:
 * @error: what the store said (%WP_STORE_ERROR_CORRUPT)
 *
 * Says that the file is damaged, in the user's words: SQLite's own report
 * goes to the log only. Its backups are checked in a thread, the newest
 * first, for the latest good one to offer.
 */
void
_wp_window_show_damaged (WpWindow     *self,
                         const GError *error)
{
  WpWindowBackups *b = _wp_window_get_backups (self);
  g_autoptr(GTask) task = NULL;

  g_message ("%s (%s)", error->message, wp_store_error_get_detail (error) ?: "");
  g_cancellable_cancel (b->cancellable);
  g_clear_object (&b->cancellable);
  g_clear_pointer (&b->latest_good, wp_backup_free);
  b->looking = b->plan_path != NULL;
  describe_damage (self);
  if (b->plan_path == NULL)
    return;

  b->cancellable = g_cancellable_new ();
  task = g_task_new (self, b->cancellable, on_latest_good_found, NULL);
  g_task_set_source_tag (task, _wp_window_show_damaged);
  g_task_set_return_on_cancel (task, TRUE);
  g_task_set_task_data (task, g_strdup (b->plan_path), g_free);
  g_task_run_in_thread (task, find_in_thread);
}
