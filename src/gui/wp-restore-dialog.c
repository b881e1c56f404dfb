/* wp-restore-dialog.c: the list of a plan file's backups, to restore one
 *
 * Newest first, each with when and why it was taken, how many plans and
 * items it holds and its size. Choosing one asks for a confirmation and
 * then emits WpRestoreDialog::restore-requested: the window closes the
 * file, restores the backup and opens it again (see wp-window-backups.c).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "wp-restore-dialog.h"

struct _WpRestoreDialog
{
  AdwPreferencesWindow  parent_instance;

  AdwPreferencesGroup  *group;
};

G_DEFINE_FINAL_TYPE (WpRestoreDialog, wp_restore_dialog, ADW_TYPE_PREFERENCES_WINDOW)

enum {
  SIGNAL_RESTORE_REQUESTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/**
 * wp_backup_format_time:
 *
 * Returns: (transfer full): when @backup was taken, in the local time and
 *   the user's language, e.g. 2025年7月15日 16:30
 */
char *
wp_backup_format_time (const WpBackup *backup)
{
  g_autoptr(GDateTime) local = g_date_time_to_local (backup->time);
  g_autofree char *time = g_date_time_format (local, "%H:%M");
  g_autofree char *date = NULL;
  GDate day;

  g_date_clear (&day, 1);
  g_date_set_dmy (&day, (GDateDay) g_date_time_get_day_of_month (local),
                  (GDateMonth) g_date_time_get_month (local),
                  (GDateYear) g_date_time_get_year (local));
  date = wp_date_format_display (&day);
  /* Translators: when a backup was taken: its date, then the time of day */
  return g_strdup_printf (C_("backup time", "%s, %s"), date, time);
}

static void
on_confirm_response (AdwMessageDialog *confirm,
                     const char       *response,
                     WpRestoreDialog  *self)
{
  const char *path = g_object_get_data (G_OBJECT (confirm), "wp-backup-path");

  if (g_str_equal (response, "restore"))
    g_signal_emit (self, signals[SIGNAL_RESTORE_REQUESTED], 0, path);
}

static void
on_restore_clicked (GtkButton       *button,
                    WpRestoreDialog *self)
{
  const char *path = g_object_get_data (G_OBJECT (button), "wp-backup-path");
  const char *when = g_object_get_data (G_OBJECT (button), "wp-backup-time");
  g_autofree char *heading = g_strdup_printf (_("Restore the Backup of %s?"), when);
  GtkWidget *confirm;

  confirm = adw_message_dialog_new (GTK_WINDOW (self), heading,
                                    _("The plan file is replaced by this backup. The file as it "
                                      "is now is backed up first: you can go back to it from "
                                      "this list."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (confirm),
                                    "cancel", _("_Cancel"),
                                    "restore", _("_Restore"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (confirm), "restore",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (confirm), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (confirm), "cancel");
  g_object_set_data_full (G_OBJECT (confirm), "wp-backup-path", g_strdup (path), g_free);
  g_signal_connect_object (confirm, "response", G_CALLBACK (on_confirm_response), self, 0);
  gtk_window_present (GTK_WINDOW (confirm));
}

/* Why it was taken, what it holds and its size, e.g.
 * "Daily backup · 2 plans, 312 items · 1.2 MB" */
static char *
describe (const WpBackup *backup,
          gboolean       *readable)
{
  g_autofree char *size = g_format_size ((guint64) backup->size);
  g_autofree char *contents = NULL;
  guint n_plans = 0, n_items = 0;

  *readable = wp_backup_count (backup->path, &n_plans, &n_items, NULL);
  if (*readable)
    {
      g_autofree char *plans = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u plan",
                                                             "%u plans", n_plans), n_plans);
      g_autofree char *items = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u item",
                                                             "%u items", n_items), n_items);

      /* Translators: what a backup holds, e.g. "2 plans, 312 items" */
      contents = g_strdup_printf (C_("backup contents", "%s, %s"), plans, items);
    }
  else
    contents = g_strdup (_("cannot be read"));

  /* Translators: a backup's reason, contents and size, e.g.
   * "Daily backup · 2 plans, 312 items · 1.2 MB" */
  return g_strdup_printf (_("%s · %s · %s"), wp_backup_reason_to_label (backup->reason),
                          contents, size);
}

static GtkWidget *
backup_row (WpRestoreDialog *self,
            const WpBackup  *backup)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *button = gtk_button_new_with_mnemonic (_("_Restore…"));
  g_autofree char *when = wp_backup_format_time (backup);
  g_autofree char *subtitle = NULL;
  gboolean readable;

  subtitle = describe (backup, &readable);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), when);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_sensitive (button, readable);
  g_object_set_data_full (G_OBJECT (button), "wp-backup-path", g_strdup (backup->path), g_free);
  g_object_set_data_full (G_OBJECT (button), "wp-backup-time", g_strdup (when), g_free);
  g_signal_connect_object (button, "clicked", G_CALLBACK (on_restore_clicked), self, 0);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), button);
  return row;
}

static void
wp_restore_dialog_class_init (WpRestoreDialogClass *klass)
{
  /**
   * WpRestoreDialog::restore-requested:
   * @backup_path: the backup the user chose and confirmed
   */
  signals[SIGNAL_RESTORE_REQUESTED] =
    g_signal_new ("restore-requested", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
wp_restore_dialog_init (WpRestoreDialog *self)
{
  AdwPreferencesPage *page = ADW_PREFERENCES_PAGE (adw_preferences_page_new ());

  gtk_window_set_title (GTK_WINDOW (self), _("Restore from Backup"));
  gtk_window_set_modal (GTK_WINDOW (self), TRUE);
  gtk_window_set_default_size (GTK_WINDOW (self), 600, 560);
  adw_preferences_window_set_search_enabled (ADW_PREFERENCES_WINDOW (self), FALSE);
  self->group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_page_add (page, self->group);
  adw_preferences_window_add (ADW_PREFERENCES_WINDOW (self), page);
}

/**
 * wp_restore_dialog_new:
 * @plan_path: the plan file whose backups are listed
 * @keep: how many backups of a file are kept, to say so
 */
WpRestoreDialog *
wp_restore_dialog_new (GtkWindow  *parent,
                       const char *plan_path,
                       guint       keep)
{
  WpRestoreDialog *self = g_object_new (WP_TYPE_RESTORE_DIALOG, "transient-for", parent,
                                        "destroy-with-parent", TRUE, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) backups = wp_backup_list (plan_path, &error);
  g_autofree char *name = g_path_get_basename (plan_path);
  g_autofree char *title = NULL;
  g_autofree char *description = NULL;

  /* Translators: the heading of the list of backups; %s is the plan file's name */
  title = g_strdup_printf (_("Backups of “%s”"), name);
  adw_preferences_group_set_title (self->group, title);

  if (backups == NULL)
    description = g_strdup (error->message);
  else if (backups->len == 0)
    description = g_strdup (_("There are no backups of this plan file yet. Workplan makes one "
                              "each day you edit it and before every import, upgrade and "
                              "restore."));
  else
    description = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                "Workplan keeps the newest %u backup of each "
                                                "plan file: one a day while you edit it, and one "
                                                "before every import, upgrade and restore.",
                                                "Workplan keeps the newest %u backups of each "
                                                "plan file: one a day while you edit it, and one "
                                                "before every import, upgrade and restore.",
                                                keep), keep);
  adw_preferences_group_set_description (self->group, description);

  for (guint i = 0; backups != NULL && i < backups->len; i++)
    adw_preferences_group_add (self->group, backup_row (self, g_ptr_array_index (backups, i)));

  return self;
}
