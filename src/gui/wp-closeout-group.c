/* wp-closeout-group.c: an item's close-out and evidence files in the item
 * pane
 *
 * Shows how a done item was closed out (its completion note, 待销号 or
 * 已销号, by whom and when), confirms a close-out waiting for review, and
 * lists the item's evidence files: Open writes a copy to the cache and
 * hands it to the desktop's default app (through the portal when
 * sandboxed), Save As writes a copy where the user says, Remove is undone
 * like any edit.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>

#include "wp-closeout-group.h"
#include "wp-toast.h"
#include "wp-tooltip.h"
#include "wp-message-dialog.h"

struct _WpCloseoutGroup
{
  AdwBin               parent_instance;

  WpContext           *context;
  WpItem              *item;
  GtkWidget           *box;
  AdwPreferencesGroup *closeout_group;
  AdwPreferencesGroup *files_group;
  GPtrArray           *rows;  /* rows of both groups, removed at each refresh */
};

G_DEFINE_FINAL_TYPE (WpCloseoutGroup, wp_closeout_group, ADW_TYPE_BIN)

/**
 * wp_format_timestamp:
 * @iso: (nullable): an ISO 8601 date and time, as the store writes them
 *
 * Returns: (transfer full): it as the user reads dates, in local time
 */
char *
wp_format_timestamp (const char *iso)
{
  g_autoptr(GDateTime) utc = iso != NULL ? g_date_time_new_from_iso8601 (iso, NULL) : NULL;
  g_autoptr(GDateTime) local = NULL;
  g_autofree char *day = NULL;
  GDate date;

  if (utc == NULL)
    return g_strdup (iso != NULL ? iso : "");
  local = g_date_time_to_local (utc);
  g_date_clear (&date, 1);
  g_date_set_dmy (&date, g_date_time_get_day_of_month (local),
                  g_date_time_get_month (local), g_date_time_get_year (local));
  day = wp_date_format_display (&date);
  /* Translators: a date and a time of day, e.g. "2025年6月30日 14:05" */
  return g_strdup_printf (_("%s %02d:%02d"), day, g_date_time_get_hour (local),
                          g_date_time_get_minute (local));
}

static WpStore *
get_store (WpCloseoutGroup *self)
{
  return wp_context_get_store (self->context);
}

static void
say (WpCloseoutGroup *self,
     const char      *message,
     gboolean         offer_undo)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);
  AdwToast *toast;

  if (overlay == NULL)
    {
      g_message ("%s", message);
      return;
    }
  toast = wp_toast_new (message);
  if (offer_undo)
    wp_toast_offer_undo (toast, wp_context_get_undo_stack (self->context));
  adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), toast);
}

static WpAttachment *
row_attachment (GtkWidget *widget)
{
  GtkWidget *row = gtk_widget_get_ancestor (widget, ADW_TYPE_ACTION_ROW);

  return g_object_get_data (G_OBJECT (row), "wp-attachment");
}

/* Open: a copy in the cache, opened by the desktop */

static void
on_launched (GObject      *source,
             GAsyncResult *result,
             gpointer      data)
{
  g_autoptr(WpCloseoutGroup) self = data;
  g_autoptr(GError) error = NULL;

  if (!g_app_info_launch_default_for_uri_finish (result, &error))
    {
      g_autofree char *message =
        g_strdup_printf (_("The file could not be opened: %s"), error->message);
      say (self, message, FALSE);
    }
}

static void
launch (WpCloseoutGroup *self,
        GFile           *file)
{
  g_autofree char *uri = g_file_get_uri (file);
  g_autoptr(GdkAppLaunchContext) launch_context =
    gdk_display_get_app_launch_context (gtk_widget_get_display (GTK_WIDGET (self)));

  g_app_info_launch_default_for_uri_async (uri, G_APP_LAUNCH_CONTEXT (launch_context), NULL,
                                           on_launched, g_object_ref (self));
}

typedef struct {
  WpCloseoutGroup *self;
  GFile           *file;
  gboolean         open;
} Write;

static void
on_copy_written (GObject      *source,
                 GAsyncResult *result,
                 gpointer      data)
{
  Write *write = data;
  g_autoptr(GError) error = NULL;

  if (!g_file_replace_contents_finish (G_FILE (source), result, NULL, &error))
    {
      g_autofree char *message =
        g_strdup_printf (_("The copy could not be written: %s"), error->message);
      say (write->self, message, FALSE);
    }
  else if (write->open)
    launch (write->self, write->file);
  g_object_unref (write->self);
  g_object_unref (write->file);
  g_free (write);
}

static void
write_copy (WpCloseoutGroup    *self,
            const WpAttachment *attachment,
            GFile              *file,
            gboolean            open)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) data = wp_store_read_attachment (get_store (self), attachment->id, &error);
  Write *write;

  if (data == NULL)
    {
      say (self, error->message, FALSE);
      return;
    }
  write = g_new0 (Write, 1);
  write->self = g_object_ref (self);
  write->file = g_object_ref (file);
  write->open = open;
  g_file_replace_contents_bytes_async (file, data, NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION,
                                       NULL, on_copy_written, write);
}

/* Where Open puts a copy of @attachment: a folder per content, so that the
 * copy keeps the name the user knows and two files of one name do not meet. */
static GFile *
cache_file (const WpAttachment  *attachment,
            GError             **error)
{
  g_autofree char *dir = g_build_filename (g_get_user_cache_dir (), "workplan", "attachments",
                                           attachment->sha256, NULL);
  g_autofree char *path = g_build_filename (dir, attachment->name, NULL);

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _("The folder for opened attachments could not be made: %s"),
                   g_strerror (saved));
      return NULL;
    }
  return g_file_new_for_path (path);
}

static void
on_open_clicked (GtkButton       *button,
                 WpCloseoutGroup *self)
{
  WpAttachment *attachment = row_attachment (GTK_WIDGET (button));
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = cache_file (attachment, &error);

  if (file == NULL)
    {
      say (self, error->message, FALSE);
      return;
    }
  write_copy (self, attachment, file, TRUE);
}

static void
on_save_chosen (GtkNativeDialog *chooser,
                int              response,
                WpCloseoutGroup *self)
{
  WpAttachment *attachment = g_object_get_data (G_OBJECT (chooser), "wp-attachment");

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      if (file != NULL)
        write_copy (self, attachment, file, FALSE);
    }
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
}

static void
on_save_clicked (GtkButton       *button,
                 WpCloseoutGroup *self)
{
  WpAttachment *attachment = row_attachment (GTK_WIDGET (button));
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkFileChooserNative *chooser =
    gtk_file_chooser_native_new (_("Save a Copy of the Attachment"),
                                 GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                 GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  WpAttachment *copy = g_new0 (WpAttachment, 1);

  *copy = *attachment;
  copy->name = g_strdup (attachment->name);
  copy->type = g_strdup (attachment->type);
  copy->sha256 = g_strdup (attachment->sha256);
  copy->added = g_strdup (attachment->added);
  g_object_set_data_full (G_OBJECT (chooser), "wp-attachment", copy,
                          (GDestroyNotify) wp_attachment_free);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), attachment->name);
  g_signal_connect (chooser, "response", G_CALLBACK (on_save_chosen), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
on_remove_clicked (GtkButton       *button,
                   WpCloseoutGroup *self)
{
  WpAttachment *attachment = row_attachment (GTK_WIDGET (button));
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  /* (the row goes with the refresh: keep what the toast names) */
  message = g_strdup_printf (_("Removed the attachment “%s”"), attachment->name);
  if (!wp_edit_delete_attachment (wp_context_get_undo_stack (self->context), attachment,
                                  &error))
    {
      say (self, error->message, FALSE);
      return;
    }
  wp_closeout_group_refresh (self);
  say (self, message, TRUE);
}

/* Confirming a close-out waiting for review */

static void
on_by_changed (GtkEditable      *entry,
               AdwMessageDialog *dialog)
{
  g_autofree char *who = g_strstrip (g_strdup (gtk_editable_get_text (entry)));

  adw_message_dialog_set_response_enabled (dialog, "confirm", who[0] != '\0');
}

static void
on_confirm_response (AdwMessageDialog *dialog,
                     const char       *response,
                     WpCloseoutGroup  *self)
{
  GtkEditable *entry = GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog));
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (response, "confirm") != 0 || self->item == NULL)
    return;
  if (!wp_edit_confirm_closeout (wp_context_get_undo_stack (self->context),
                                 wp_item_get_id (self->item), gtk_editable_get_text (entry),
                                 &error))
    say (self, error->message, FALSE);
  wp_closeout_group_refresh (self);
}

static void
on_confirm_clicked (WpCloseoutGroup *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *dialog, *entry;

  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   _("Confirm the Close-out?"), NULL);
  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                  _("“%s” will be closed out. Who confirms it?"),
                                  wp_item_get_title (self->item));
  entry = gtk_entry_new ();
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), _("A name or an office"));
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Confirmed by"), -1);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), entry);
  wp_message_dialog_add_choice (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"),
                                "confirm", _("C_onfirm"), ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (dialog), "confirm", FALSE);
  g_signal_connect (entry, "changed", G_CALLBACK (on_by_changed), dialog);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_confirm_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (entry);
}

/* The rows */

static GtkWidget *
add_row (WpCloseoutGroup     *self,
         AdwPreferencesGroup *group,
         const char          *title,
         const char          *subtitle)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_preferences_group_add (group, row);
  g_ptr_array_add (self->rows, row);
  return row;
}

static GtkWidget *
row_button (GtkWidget  *row,
            const char *icon,
            const char *label,
            GCallback   callback,
            gpointer    data)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon);

  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  wp_tooltip_set_text (button, label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);
  g_signal_connect (button, "clicked", callback, data);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
  return button;
}

static void
refresh_closeout (WpCloseoutGroup *self)
{
  g_autoptr(GError) error = NULL;
  WpCloseout closeout = { 0 };
  GtkWidget *row;

  if (!wp_store_get_closeout (get_store (self), wp_item_get_id (self->item), &closeout, &error))
    {
      add_row (self, self->closeout_group, error->message, NULL);
      return;
    }
  gtk_widget_set_visible (GTK_WIDGET (self->closeout_group),
                          closeout.state != WP_CLOSEOUT_NONE);
  if (closeout.state == WP_CLOSEOUT_PENDING_REVIEW)
    {
      GtkWidget *button;

      row = add_row (self, self->closeout_group, _("Awaiting close-out"),
                     _("The plan requires review: confirm the close-out once the work is shown "
                       "done."));
      button = gtk_button_new_with_mnemonic (_("Con_firm Close-out…"));
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      g_signal_connect_swapped (button, "clicked", G_CALLBACK (on_confirm_clicked), self);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
    }
  else if (closeout.state == WP_CLOSEOUT_CLOSED)
    {
      g_autofree char *when = wp_format_timestamp (closeout.closed_at);
      g_autofree char *subtitle =
        closeout.closed_by != NULL && closeout.closed_by[0] != '\0'
        /* Translators: who confirmed a close-out, and when */
        ? g_strdup_printf (_("Confirmed by %s, %s"), closeout.closed_by, when)
        : g_strdup (when);

      add_row (self, self->closeout_group, _("Closed out"), subtitle);
    }
  if (closeout.state != WP_CLOSEOUT_NONE)
    {
      row = add_row (self, self->closeout_group, closeout.completion, _("Completion note"));
      gtk_widget_add_css_class (row, "property");
      adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
    }
  wp_closeout_clear (&closeout);
}

static void
refresh_files (WpCloseoutGroup *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) files = wp_store_list_attachments (get_store (self),
                                                          wp_item_get_id (self->item), &error);

  if (files == NULL)
    {
      add_row (self, self->files_group, error->message, NULL);
      return;
    }
  gtk_widget_set_visible (GTK_WIDGET (self->files_group), files->len > 0);
  while (files->len > 0)
    {
      WpAttachment *attachment = g_ptr_array_steal_index (files, 0);
      g_autofree char *size = g_format_size (attachment->size);
      GtkWidget *row = add_row (self, self->files_group, attachment->name, size);

      g_object_set_data_full (G_OBJECT (row), "wp-attachment", attachment,
                              (GDestroyNotify) wp_attachment_free);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row),
                                 gtk_image_new_from_icon_name ("mail-attachment-symbolic"));
      row_button (row, "document-open-symbolic", _("Open"), G_CALLBACK (on_open_clicked),
                  self);
      row_button (row, "document-save-as-symbolic", _("Save As…"), G_CALLBACK (on_save_clicked),
                  self);
      row_button (row, "user-trash-symbolic", _("Remove"), G_CALLBACK (on_remove_clicked),
                  self);
    }
}

void
wp_closeout_group_refresh (WpCloseoutGroup *self)
{
  g_return_if_fail (WP_IS_CLOSEOUT_GROUP (self));

  for (guint i = 0; i < self->rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->rows, i);
      GtkWidget *group = gtk_widget_get_ancestor (row, ADW_TYPE_PREFERENCES_GROUP);

      adw_preferences_group_remove (ADW_PREFERENCES_GROUP (group), row);
    }
  g_ptr_array_set_size (self->rows, 0);
  if (self->item == NULL || self->context == NULL)
    {
      gtk_widget_set_visible (GTK_WIDGET (self->closeout_group), FALSE);
      gtk_widget_set_visible (GTK_WIDGET (self->files_group), FALSE);
      return;
    }
  refresh_closeout (self);
  refresh_files (self);
}

void
wp_closeout_group_set_context (WpCloseoutGroup *self,
                               WpContext       *context)
{
  g_return_if_fail (WP_IS_CLOSEOUT_GROUP (self));
  g_set_object (&self->context, context);
  wp_closeout_group_refresh (self);
}

void
wp_closeout_group_set_item (WpCloseoutGroup *self,
                            WpItem          *item)
{
  g_return_if_fail (WP_IS_CLOSEOUT_GROUP (self));
  g_set_object (&self->item, item);
  wp_closeout_group_refresh (self);
}

static void
wp_closeout_group_dispose (GObject *object)
{
  WpCloseoutGroup *self = WP_CLOSEOUT_GROUP (object);

  g_clear_object (&self->context);
  g_clear_object (&self->item);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  G_OBJECT_CLASS (wp_closeout_group_parent_class)->dispose (object);
}

static void
wp_closeout_group_class_init (WpCloseoutGroupClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = wp_closeout_group_dispose;
}

static void
wp_closeout_group_init (WpCloseoutGroup *self)
{
  self->rows = g_ptr_array_new ();
  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 18);
  self->closeout_group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (self->closeout_group, _("Close-out"));
  self->files_group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (self->files_group, _("Attachments"));
  gtk_box_append (GTK_BOX (self->box), GTK_WIDGET (self->closeout_group));
  gtk_box_append (GTK_BOX (self->box), GTK_WIDGET (self->files_group));
  adw_bin_set_child (ADW_BIN (self), self->box);
  gtk_widget_set_visible (GTK_WIDGET (self->closeout_group), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->files_group), FALSE);
}

GtkWidget *
wp_closeout_group_new (void)
{
  return g_object_new (WP_TYPE_CLOSEOUT_GROUP, NULL);
}
