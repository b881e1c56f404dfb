/* wp-collect-dialog.c: reviewing and collecting the sheets agencies
 * returned (汇总报送表)
 *
 * The sheets are read first without writing anything (wp_collect_read()),
 * and every change they ask for is listed under its file: the item, its
 * status, progress and the note to be added. What cannot be taken (a
 * sheet of another year, an item no longer in the plan, a title or agency
 * edited in a locked column) is listed in the core's words, which say what
 * to do; while anything is refused nothing can be collected, as the core
 * takes a set of sheets whole or not at all. Collect writes everything in
 * one transaction as one undoable step (wp_edit_collect()), after a
 * backup of the plan file.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "wp-collect-dialog.h"
#include "wp-toast.h"
#include "wp-window-private.h"

struct _WpCollectDialog
{
  AdwWindow   parent_instance;

  WpWindow   *window;   /* (weak) */
  WpCollect  *collect;  /* what the sound sheets ask for, or NULL */
  guint       n_files;
  guint       n_failed; /* files that are no sheet of this plan */
  GtkWidget  *apply_button;
};

G_DEFINE_FINAL_TYPE (WpCollectDialog, wp_collect_dialog, ADW_TYPE_WINDOW)

gboolean
wp_collect_dialog_can_apply (WpCollectDialog *self)
{
  return self->collect != NULL && self->n_failed == 0 && self->collect->n_refused == 0
         && self->collect->n_changes > 0;
}

/* What a row changes, in one line or a few */
static char *
describe_change (const WpCollectRow *row)
{
  g_autoptr(GString) text = g_string_new (NULL);

  if (row->set_status)
    /* Translators: a status change from a returned sheet: old, new */
    g_string_append_printf (text, _("Status: %s → %s"), wp_item_status_to_label (row->old_status),
                            wp_item_status_to_label (row->status));
  if (row->set_progress)
    {
      if (text->len > 0)
        g_string_append (text, C_("list of changes", ", "));
      /* Translators: a progress change from a returned sheet: old, new percent */
      g_string_append_printf (text, _("Progress: %d%% → %d%%"), row->old_progress,
                              row->progress);
    }
  if (row->note != NULL)
    {
      if (text->len > 0)
        g_string_append_c (text, '\n');
      /* Translators: the progress note a returned sheet adds to an item */
      g_string_append_printf (text, _("New note: %s"), row->note);
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static GtkWidget *
row_new (const char *title,
         const char *subtitle,
         gboolean    refused)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 2);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
  if (refused)
    {
      GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");

      gtk_widget_add_css_class (icon, "warning");
      gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _("Refused"), -1);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
    }
  /* (rows can take the focus, so the list is read with the keyboard) */
  gtk_widget_set_focusable (row, TRUE);
  return row;
}

/* The group of one file: its agency and year, then each change or refusal */
static GtkWidget *
file_group (WpCollectDialog *self,
            const char      *file)
{
  GtkWidget *group = adw_preferences_group_new ();
  const char *agency = NULL;
  guint n_changes = 0, n_refused = 0;
  g_autofree char *description = NULL;

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), file);
  for (guint i = 0; i < self->collect->rows->len; i++)
    {
      WpCollectRow *row = g_ptr_array_index (self->collect->rows, i);
      g_autofree char *title = NULL;
      g_autofree char *subtitle = NULL;

      if (!g_str_equal (row->file, file))
        continue;
      agency = row->agency;
      /* Translators: a row of a returned sheet: its row number, the item's title */
      title = g_strdup_printf (_("Row %u: %s"), row->row,
                               row->title[0] != '\0' ? row->title : _("(no title)"));
      if (row->refusal != NULL)
        n_refused++;
      else
        n_changes++;
      subtitle = row->refusal != NULL ? g_strdup (row->refusal) : describe_change (row);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                                 row_new (title, subtitle, row->refusal != NULL));
    }
  if (n_changes + n_refused == 0)
    description = g_strdup_printf (_("The %d plan: nothing new in this sheet."),
                                   self->collect->year);
  else
    {
      g_autofree char *changes = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u change",
                                                               "%u changes", n_changes),
                                                  n_changes);
      g_autofree char *refused = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u refused",
                                                               "%u refused", n_refused),
                                                  n_refused);

      /* Translators: under a returned sheet's name: agency, year, changes, refused rows */
      description = n_refused > 0 && n_changes == 0
                    /* Translators: under a returned sheet's name: agency, year, refused rows */
                    ? g_strdup_printf (_("%s, the %d plan: %s"), agency, self->collect->year,
                                       refused)
                    : n_refused > 0
                    ? g_strdup_printf (_("%s, the %d plan: %s, %s"), agency, self->collect->year,
                                       changes, refused)
                    /* Translators: under a returned sheet's name: agency, year, changes */
                    : g_strdup_printf (_("%s, the %d plan: %s"), agency, self->collect->year,
                                       changes);
    }
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), description);
  return group;
}

static GtkWidget *
failed_group (const char   *path,
              const GError *error)
{
  GtkWidget *group = adw_preferences_group_new ();
  g_autofree char *file = g_path_get_basename (path);

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), file);
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group),
                                         _("This file cannot be collected."));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                             row_new (_("Refused"), error->message, TRUE));
  return group;
}

static void
on_cancel_clicked (GtkButton       *button,
                   WpCollectDialog *self)
{
  gtk_window_close (GTK_WINDOW (self));
}

/**
 * wp_collect_dialog_apply:
 *
 * Collects what the sheets ask for as one undoable step, says so in a
 * toast and closes the dialog; on failure says why and stays open.
 */
gboolean
wp_collect_dialog_apply (WpCollectDialog *self)
{
  g_autoptr(GError) error = NULL;
  WpContext *context;
  g_autofree char *message = NULL;
  g_autofree char *backup = NULL;
  AdwToastOverlay *overlay;
  AdwToast *toast;

  if (self->window == NULL || !wp_collect_dialog_can_apply (self))
    return FALSE;
  context = _wp_window_get_context (self->window);
  /* As the command line does: the file as it was is kept first (with
   * what the undo history may still bring back). */
  backup = wp_backup_take_keeping_deleted (wp_context_get_store (context),
                                           WP_BACKUP_BEFORE_COLLECT,
                                           _wp_window_get_backups_kept (self->window), &error);
  if (backup == NULL)
    g_prefix_error (&error, _("The plan file could not be backed up first. "));
  if (backup == NULL
      || !wp_edit_collect (wp_context_get_undo_stack (context), self->collect, &error))
    {
      g_autofree char *body = g_strdup_printf (_("Nothing was changed: %s"), error->message);
      GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self),
                                                  _("The Sheets Were Not Collected"), body);

      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
      gtk_window_present (GTK_WINDOW (dialog));
      return FALSE;
    }
  message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                          "Collected %u change from the returned sheets",
                                          "Collected %u changes from the returned sheets",
                                          self->collect->n_changes),
                             self->collect->n_changes);
  overlay = ADW_TOAST_OVERLAY (gtk_widget_get_ancestor (
    GTK_WIDGET (_wp_window_get_outline (self->window)), ADW_TYPE_TOAST_OVERLAY));
  toast = wp_toast_new (message);
  wp_toast_offer_undo (toast, wp_context_get_undo_stack (context));
  adw_toast_overlay_add_toast (overlay, toast);
  gtk_window_destroy (GTK_WINDOW (self));
  return TRUE;
}

static void
on_apply_clicked (GtkButton       *button,
                  WpCollectDialog *self)
{
  wp_collect_dialog_apply (self);
}

static void
wp_collect_dialog_dispose (GObject *object)
{
  WpCollectDialog *self = WP_COLLECT_DIALOG (object);

  g_clear_weak_pointer (&self->window);
  g_clear_pointer (&self->collect, wp_collect_free);
  G_OBJECT_CLASS (wp_collect_dialog_parent_class)->dispose (object);
}

static void
wp_collect_dialog_class_init (WpCollectDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = wp_collect_dialog_dispose;
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
wp_collect_dialog_init (WpCollectDialog *self)
{
}

/* Reads @files together; when that fails, each alone, to tell which of
 * them cannot be collected and why. */
static GPtrArray *
read_sheets (WpCollectDialog    *self,
             WpStore            *store,
             gint64              plan_id,
             const char * const *files,
             GPtrArray          *failed_groups)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) sound = g_ptr_array_new ();
  const GDate *date = wp_store_get_reference_date (store);

  self->collect = wp_collect_read (store, plan_id, files, date, &error);
  if (self->collect != NULL)
    return NULL;
  for (guint i = 0; files[i] != NULL; i++)
    {
      const char *one[] = { files[i], NULL };
      g_autoptr(GError) file_error = NULL;
      g_autoptr(WpCollect) alone = wp_collect_read (store, plan_id, one, date, &file_error);

      if (alone == NULL)
        {
          g_ptr_array_add (failed_groups, failed_group (files[i], file_error));
          self->n_failed++;
        }
      else
        g_ptr_array_add (sound, (gpointer) files[i]);
    }
  g_ptr_array_add (sound, NULL);
  g_clear_error (&error);
  if (sound->len > 1)
    self->collect = wp_collect_read (store, plan_id, (const char * const *) sound->pdata, date,
                                     &error);
  /* (each could be read alone: what fails together is the set's, said once) */
  if (self->collect == NULL && error != NULL)
    {
      g_ptr_array_add (failed_groups, failed_group (files[0], error));
      self->n_failed++;
    }
  return g_steal_pointer (&sound);
}

/**
 * wp_collect_dialog_new:
 * @files: the returned sheets, by path
 *
 * Reads @files (nothing is written yet) and lists what they would change.
 *
 * Returns: (transfer none): the dialog, not yet shown
 */
WpCollectDialog *
wp_collect_dialog_new (WpWindow           *window,
                       const char * const *files)
{
  WpCollectDialog *self = g_object_new (WP_TYPE_COLLECT_DIALOG, "modal", TRUE,
                                        "transient-for", window, "default-width", 720,
                                        "default-height", 640, NULL);
  WpContext *context = _wp_window_get_context (window);
  WpPlan *plan = _wp_window_get_selected_plan (window);
  WpStore *store = wp_context_get_store (context);
  g_autoptr(GPtrArray) failed = g_ptr_array_new ();
  g_autoptr(GPtrArray) sound = NULL;
  g_autofree char *title = NULL;
  g_autofree char *heading = NULL;
  g_autofree char *date = NULL;
  const char *advice;
  GtkWidget *box, *header, *cancel, *page, *summary, *content;
  guint n_refused;

  g_set_weak_pointer (&self->window, window);
  self->n_files = g_strv_length ((char **) files);
  title = g_strdup_printf (_("Collect Returned Sheets into the %d Plan"),
                           wp_plan_get_year (plan));
  gtk_window_set_title (GTK_WINDOW (self), title);
  sound = read_sheets (self, store, wp_plan_get_id (plan), files, failed);
  n_refused = self->collect != NULL ? self->collect->n_refused : 0;

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  header = adw_header_bar_new ();
  adw_header_bar_set_show_end_title_buttons (ADW_HEADER_BAR (header), FALSE);
  cancel = gtk_button_new_with_mnemonic (_("_Cancel"));
  g_signal_connect (cancel, "clicked", G_CALLBACK (on_cancel_clicked), self);
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), cancel);
  self->apply_button = gtk_button_new_with_mnemonic (_("C_ollect"));
  gtk_widget_add_css_class (self->apply_button, "suggested-action");
  g_signal_connect (self->apply_button, "clicked", G_CALLBACK (on_apply_clicked), self);
  gtk_widget_set_sensitive (self->apply_button, wp_collect_dialog_can_apply (self));
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), self->apply_button);
  gtk_box_append (GTK_BOX (box), header);

  if (self->n_failed == 0 && (self->collect == NULL || self->collect->rows->len == 0))
    {
      content = adw_status_page_new ();
      adw_status_page_set_icon_name (ADW_STATUS_PAGE (content), "x-office-spreadsheet-symbolic");
      adw_status_page_set_title (ADW_STATUS_PAGE (content), _("Nothing New to Collect"));
      adw_status_page_set_description (
        ADW_STATUS_PAGE (content),
        _("The sheets ask for nothing the plan does not already hold: they were collected "
          "before, or the agencies have not filled them in yet."));
      gtk_widget_set_vexpand (content, TRUE);
      gtk_box_append (GTK_BOX (box), content);
      adw_window_set_content (ADW_WINDOW (self), box);
      gtk_widget_set_visible (self->apply_button, FALSE);
      gtk_window_set_default_widget (GTK_WINDOW (self), cancel);
      return self;
    }

  page = adw_preferences_page_new ();
  gtk_widget_set_vexpand (page, TRUE);
  summary = adw_preferences_group_new ();
  if (self->n_failed + n_refused > 0)
    {
      heading = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                              "%u problem to correct before collecting",
                                              "%u problems to correct before collecting",
                                              self->n_failed + n_refused),
                                 self->n_failed + n_refused);
      advice = _("Nothing is collected while anything is refused. Ask the agency to correct "
                 "its sheet and send it again, or leave the file out, then collect again.");
    }
  else
    {
      guint n = self->collect->n_changes;

      heading = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u change to collect",
                                              "%u changes to collect", n),
                                 n);
      date = wp_date_format_display (&self->collect->date);
      advice = NULL;
      {
        g_autofree char *sheets = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                                "%u sheet", "%u sheets",
                                                                self->n_files),
                                                   self->n_files);
        /* Translators: the number of sheets, then the date the collected
         * progress notes are given */
        g_autofree char *text = g_strdup_printf (_("From %s; the notes are dated %s. Collect "
                                                   "writes every change at once, and Undo "
                                                   "takes all of them back."), sheets, date);
        adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (summary), text);
      }
    }
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (summary), heading);
  if (advice != NULL)
    adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (summary), advice);
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (summary));

  for (guint i = 0; i < failed->len; i++)
    adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), g_ptr_array_index (failed, i));
  for (guint i = 0; self->collect != NULL && files[i] != NULL; i++)
    {
      g_autofree char *file = g_path_get_basename (files[i]);
      gboolean seen = FALSE;

      for (guint k = 0; sound != NULL && k + 1 < sound->len && !seen; k++)
        seen = g_ptr_array_index (sound, k) == files[i];
      if (sound == NULL || seen)
        adw_preferences_page_add (ADW_PREFERENCES_PAGE (page),
                                  ADW_PREFERENCES_GROUP (file_group (self, file)));
    }
  gtk_box_append (GTK_BOX (box), page);
  adw_window_set_content (ADW_WINDOW (self), box);
  gtk_window_set_default_widget (GTK_WINDOW (self), wp_collect_dialog_can_apply (self)
                                                    ? self->apply_button : cancel);
  return self;
}
