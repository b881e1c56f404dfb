/* wp-closeout-dialog.c: marking an item done with its completion note and
 * evidence files (销号)
 *
 * Wherever an item is marked done the window asks for the completion note
 * (办结情况), which is required, and lets the office attach evidence files
 * (批示, 会议纪要, photos, PDFs). Files are read as they are chosen, so a
 * file too big or unreadable is refused there and then, not at Confirm;
 * Confirm writes the close-out and every file as one undoable step.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "wp-closeout-dialog.h"
#include "wp-toast.h"
#include "wp-tooltip.h"

struct _WpCloseoutDialog
{
  AdwWindow            parent_instance;

  WpUndoStack         *undo;
  WpItem              *item;
  GtkTextView         *note_view;
  GtkWidget           *confirm_button;
  AdwPreferencesGroup *files_group;
  GtkWidget           *no_files_row;
  AdwToastOverlay     *toasts;
  GPtrArray           *files;        /* ChosenFile, in the order chosen */
  GCancellable        *cancellable;  /* the reads under way */
  guint                n_loading;
};

G_DEFINE_FINAL_TYPE (WpCloseoutDialog, wp_closeout_dialog, ADW_TYPE_WINDOW)

enum {
  SIGNAL_CLOSED_OUT,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

typedef struct {
  char      *name;
  char      *type;
  GBytes    *data;
  GtkWidget *row;
} ChosenFile;

static void
chosen_file_free (gpointer data)
{
  ChosenFile *file = data;

  g_free (file->name);
  g_free (file->type);
  g_bytes_unref (file->data);
  g_free (file);
}

static char *
note_text (WpCloseoutDialog *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->note_view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return g_strstrip (gtk_text_buffer_get_text (buffer, &start, &end, FALSE));
}

static void
update_confirm (WpCloseoutDialog *self)
{
  g_autofree char *text = note_text (self);

  /* (a file still being read would otherwise be left out) */
  gtk_widget_set_sensitive (self->confirm_button, text[0] != '\0' && self->n_loading == 0);
}

static void
say (WpCloseoutDialog *self,
     const char       *message)
{
  adw_toast_overlay_add_toast (self->toasts, wp_toast_new (message));
}

static void
on_remove_file_clicked (GtkButton        *button,
                        WpCloseoutDialog *self)
{
  GtkWidget *row = gtk_widget_get_ancestor (GTK_WIDGET (button), ADW_TYPE_ACTION_ROW);

  for (guint i = 0; i < self->files->len; i++)
    {
      ChosenFile *file = g_ptr_array_index (self->files, i);

      if (file->row == row)
        {
          adw_preferences_group_remove (self->files_group, row);
          g_ptr_array_remove_index (self->files, i);
          break;
        }
    }
  gtk_widget_set_visible (self->no_files_row, self->files->len == 0);
}

static void
add_chosen (WpCloseoutDialog *self,
            const char       *name,
            const char       *type,
            GBytes           *data)
{
  ChosenFile *file = g_new0 (ChosenFile, 1);
  g_autofree char *size = g_format_size (g_bytes_get_size (data));
  GtkWidget *remove;

  file->name = g_strdup (name);
  file->type = g_strdup (type);
  file->data = g_bytes_ref (data);
  file->row = adw_action_row_new ();
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (file->row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (file->row), name);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (file->row), size);
  adw_action_row_add_prefix (ADW_ACTION_ROW (file->row),
                             gtk_image_new_from_icon_name ("mail-attachment-symbolic"));
  remove = gtk_button_new_from_icon_name ("user-trash-symbolic");
  gtk_widget_add_css_class (remove, "flat");
  gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
  wp_tooltip_set_text (remove, _("Leave This File Out"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Leave This File Out"), -1);
  g_signal_connect (remove, "clicked", G_CALLBACK (on_remove_file_clicked), self);
  adw_action_row_add_suffix (ADW_ACTION_ROW (file->row), remove);
  adw_preferences_group_add (self->files_group, file->row);
  g_ptr_array_add (self->files, file);
  gtk_widget_set_visible (self->no_files_row, FALSE);
}

static char *
too_big_message (const char *name,
                 goffset     size)
{
  g_autofree char *limit = g_format_size_full (WP_ATTACHMENT_MAX_SIZE, G_FORMAT_SIZE_IEC_UNITS);
  g_autofree char *shown = g_format_size_full (size, G_FORMAT_SIZE_IEC_UNITS);

  /* Translators: a chosen evidence file is refused: its name, its size, the limit */
  return g_strdup_printf (_("“%s” is %s, more than the %s an attachment can be. Attach a "
                            "smaller copy, or a scan at a lower resolution."),
                          name, shown, limit);
}

/* Reading one chosen file: its size and type first, so that a file too big
 * is refused without being read, then its bytes */

typedef struct {
  WpCloseoutDialog *self;
  GFile            *file;
  char             *name;
  char             *type;
} Load;

static void
load_free (Load *load)
{
  g_object_unref (load->self);
  g_object_unref (load->file);
  g_free (load->name);
  g_free (load->type);
  g_free (load);
}

/* Whether the dialog is gone (closed while a file was read) */
static gboolean
load_orphaned (Load *load)
{
  return load->self->files == NULL;
}

static void
load_done (Load *load)
{
  WpCloseoutDialog *self = load->self;

  self->n_loading--;
  if (!load_orphaned (load))
    update_confirm (self);
  load_free (load);
}

static void
on_bytes_loaded (GObject      *source,
                 GAsyncResult *result,
                 gpointer      data)
{
  Load *load = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = g_file_load_bytes_finish (G_FILE (source), result, NULL, &error);

  if (load_orphaned (load))
    ;
  else if (bytes == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_autofree char *message =
            g_strdup_printf (_("“%s” could not be read: %s"), load->name, error->message);
          say (load->self, message);
        }
    }
  else if (g_bytes_get_size (bytes) > WP_ATTACHMENT_MAX_SIZE)
    {
      /* (it grew since its size was asked) */
      g_autofree char *message = too_big_message (load->name, g_bytes_get_size (bytes));
      say (load->self, message);
    }
  else
    add_chosen (load->self, load->name, load->type, bytes);
  load_done (load);
}

static void
on_info_read (GObject      *source,
              GAsyncResult *result,
              gpointer      data)
{
  Load *load = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFileInfo) info = g_file_query_info_finish (G_FILE (source), result, &error);
  const char *content_type;

  if (info == NULL || load_orphaned (load))
    {
      if (error != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_autofree char *message =
            g_strdup_printf (_("“%s” could not be read: %s"), load->name, error->message);
          say (load->self, message);
        }
      load_done (load);
      return;
    }
  if (g_file_info_get_display_name (info) != NULL)
    {
      g_free (load->name);
      load->name = g_strdup (g_file_info_get_display_name (info));
    }
  content_type = g_file_info_get_content_type (info);
  load->type = content_type != NULL ? g_content_type_get_mime_type (content_type) : NULL;
  if (g_file_info_get_file_type (info) != G_FILE_TYPE_REGULAR)
    {
      g_autofree char *message = g_strdup_printf (_("“%s” is not a file."), load->name);
      say (load->self, message);
      load_done (load);
      return;
    }
  if (g_file_info_get_size (info) > WP_ATTACHMENT_MAX_SIZE)
    {
      g_autofree char *message = too_big_message (load->name, g_file_info_get_size (info));
      say (load->self, message);
      load_done (load);
      return;
    }
  g_file_load_bytes_async (load->file, load->self->cancellable, on_bytes_loaded, load);
}

/**
 * wp_closeout_dialog_add_file:
 *
 * Reads @file and lists it among the files to attach, or says why not.
 * What the file chooser calls for each file chosen; tests call it too.
 */
void
wp_closeout_dialog_add_file (WpCloseoutDialog *self,
                             GFile            *file)
{
  Load *load;

  g_return_if_fail (WP_IS_CLOSEOUT_DIALOG (self));
  g_return_if_fail (G_IS_FILE (file));

  load = g_new0 (Load, 1);
  load->self = g_object_ref (self);
  load->file = g_object_ref (file);
  load->name = g_file_get_basename (file);
  self->n_loading++;
  update_confirm (self);
  g_file_query_info_async (file,
                           G_FILE_ATTRIBUTE_STANDARD_DISPLAY_NAME ","
                           G_FILE_ATTRIBUTE_STANDARD_CONTENT_TYPE ","
                           G_FILE_ATTRIBUTE_STANDARD_SIZE ","
                           G_FILE_ATTRIBUTE_STANDARD_TYPE,
                           G_FILE_QUERY_INFO_NONE, G_PRIORITY_DEFAULT, self->cancellable,
                           on_info_read, load);
}

static void
on_files_chosen (GtkNativeDialog  *chooser,
                 int               response,
                 WpCloseoutDialog *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GListModel) files = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (chooser));

      for (guint i = 0; i < g_list_model_get_n_items (files); i++)
        {
          g_autoptr(GFile) file = g_list_model_get_item (files, i);

          wp_closeout_dialog_add_file (self, file);
        }
    }
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
}

static void
on_add_files_clicked (WpCloseoutDialog *self)
{
  GtkFileChooserNative *chooser =
    gtk_file_chooser_native_new (_("Attach Files"), GTK_WINDOW (self),
                                 GTK_FILE_CHOOSER_ACTION_OPEN, _("_Attach"), _("_Cancel"));

  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (on_files_chosen), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
on_confirm_clicked (WpCloseoutDialog *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) files = g_array_new (FALSE, TRUE, sizeof (WpNewAttachment));
  g_autofree char *text = note_text (self);

  if (text[0] == '\0' || self->n_loading > 0)
    return;
  for (guint i = 0; i < self->files->len; i++)
    {
      ChosenFile *chosen = g_ptr_array_index (self->files, i);
      WpNewAttachment file = { chosen->name, chosen->type, chosen->data };

      g_array_append_val (files, file);
    }
  if (!wp_edit_close_out (self->undo, wp_item_get_id (self->item), text,
                          (WpNewAttachment *) files->data, files->len, &error))
    {
      say (self, error->message);
      return;
    }
  g_signal_emit (self, signals[SIGNAL_CLOSED_OUT], 0);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
confirm_activated (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  on_confirm_clicked (WP_CLOSEOUT_DIALOG (widget));
}

static void
wp_closeout_dialog_dispose (GObject *object)
{
  WpCloseoutDialog *self = WP_CLOSEOUT_DIALOG (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->undo);
  g_clear_object (&self->item);
  g_clear_pointer (&self->files, g_ptr_array_unref);
  G_OBJECT_CLASS (wp_closeout_dialog_parent_class)->dispose (object);
}

static void
wp_closeout_dialog_class_init (WpCloseoutDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = wp_closeout_dialog_dispose;
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  /* (Enter in the note starts a new line: Ctrl+Enter confirms) */
  gtk_widget_class_install_action (widget_class, "closeout.confirm", NULL, confirm_activated);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK,
                                       "closeout.confirm", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Enter, GDK_CONTROL_MASK,
                                       "closeout.confirm", NULL);

  /**
   * WpCloseoutDialog::closed-out:
   *
   * The item was closed out; the dialog then goes.
   */
  signals[SIGNAL_CLOSED_OUT] = g_signal_new ("closed-out", G_TYPE_FROM_CLASS (klass),
                                             G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                             G_TYPE_NONE, 0);
}

static void
wp_closeout_dialog_init (WpCloseoutDialog *self)
{
  self->files = g_ptr_array_new_with_free_func (chosen_file_free);
  self->cancellable = g_cancellable_new ();
}

static void
build (WpCloseoutDialog *self,
       gboolean          review)
{
  GtkWidget *box, *header, *title, *cancel, *page, *group, *frame, *add;

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  header = adw_header_bar_new ();
  adw_header_bar_set_show_end_title_buttons (ADW_HEADER_BAR (header), FALSE);
  title = adw_window_title_new (_("Mark as Done"), wp_item_get_title (self->item));
  adw_header_bar_set_title_widget (ADW_HEADER_BAR (header), title);
  cancel = gtk_button_new_with_mnemonic (_("_Cancel"));
  g_signal_connect_swapped (cancel, "clicked", G_CALLBACK (gtk_window_close), self);
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), cancel);
  self->confirm_button = gtk_button_new_with_mnemonic (_("C_lose Out"));
  gtk_widget_add_css_class (self->confirm_button, "suggested-action");
  g_signal_connect_swapped (self->confirm_button, "clicked", G_CALLBACK (on_confirm_clicked),
                            self);
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), self->confirm_button);
  gtk_box_append (GTK_BOX (box), header);

  page = adw_preferences_page_new ();
  group = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Completion Note"));
  adw_preferences_group_set_description (
    ADW_PREFERENCES_GROUP (group),
    review ? _("Say how the work was completed. This plan requires review: the item waits "
               "as awaiting close-out until its close-out is confirmed.")
           : _("Say how the work was completed: an item is closed out with its completion "
               "note."));
  frame = gtk_frame_new (NULL);
  self->note_view = GTK_TEXT_VIEW (gtk_text_view_new ());
  gtk_text_view_set_wrap_mode (self->note_view, GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_top_margin (self->note_view, 8);
  gtk_text_view_set_bottom_margin (self->note_view, 8);
  gtk_text_view_set_left_margin (self->note_view, 8);
  gtk_text_view_set_right_margin (self->note_view, 8);
  gtk_widget_set_size_request (GTK_WIDGET (self->note_view), -1, 120);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->note_view),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Completion Note"), -1);
  g_signal_connect_swapped (gtk_text_view_get_buffer (self->note_view), "changed",
                            G_CALLBACK (update_confirm), self);
  gtk_frame_set_child (GTK_FRAME (frame), GTK_WIDGET (self->note_view));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), frame);
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (group));

  group = adw_preferences_group_new ();
  self->files_group = ADW_PREFERENCES_GROUP (group);
  adw_preferences_group_set_title (self->files_group, _("Attachments"));
  {
    g_autofree char *limit = g_format_size_full (WP_ATTACHMENT_MAX_SIZE,
                                                 G_FORMAT_SIZE_IEC_UNITS);
    g_autofree char *description =
      /* Translators: %s is the largest size of a file, e.g. 50.0 MiB */
      g_strdup_printf (_("Evidence of the work: instructions, meeting minutes, photos, PDFs; "
                         "up to %s each. They are kept in the plan file."), limit);
    adw_preferences_group_set_description (self->files_group, description);
  }
  add = gtk_button_new_with_mnemonic (_("_Add Files…"));
  gtk_widget_set_valign (add, GTK_ALIGN_END);
  g_signal_connect_swapped (add, "clicked", G_CALLBACK (on_add_files_clicked), self);
  adw_preferences_group_set_header_suffix (self->files_group, add);
  self->no_files_row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->no_files_row), _("No files yet"));
  gtk_widget_add_css_class (self->no_files_row, "dim-label");
  adw_preferences_group_add (self->files_group, self->no_files_row);
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), self->files_group);

  self->toasts = ADW_TOAST_OVERLAY (adw_toast_overlay_new ());
  adw_toast_overlay_set_child (self->toasts, page);
  gtk_widget_set_vexpand (GTK_WIDGET (self->toasts), TRUE);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->toasts));
  adw_window_set_content (ADW_WINDOW (self), box);
  update_confirm (self);
}

/**
 * wp_closeout_dialog_present:
 * @from: a widget of the window to put the dialog over
 *
 * Asks for @item's completion note and evidence files and closes it out.
 *
 * Returns: (transfer none): the dialog, shown
 */
WpCloseoutDialog *
wp_closeout_dialog_present (GtkWidget   *from,
                            WpUndoStack *undo,
                            WpItem      *item)
{
  GtkRoot *root = gtk_widget_get_root (from);
  WpPlanSettings settings = WP_PLAN_SETTINGS_INIT;
  WpCloseoutDialog *self;

  g_return_val_if_fail (WP_IS_UNDO_STACK (undo), NULL);
  g_return_val_if_fail (WP_IS_ITEM (item), NULL);

  self = g_object_new (WP_TYPE_CLOSEOUT_DIALOG, "modal", TRUE,
                       "transient-for", GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                       "default-width", 520, "default-height", 560, NULL);
  self->undo = g_object_ref (undo);
  self->item = g_object_ref (item);
  /* (the defaults when the settings cannot be read: no review) */
  wp_store_get_plan_settings (wp_undo_stack_get_store (undo), wp_item_get_plan_id (item),
                              &settings, NULL);
  gtk_window_set_title (GTK_WINDOW (self), _("Mark as Done"));
  build (self, settings.review_closeout);
  gtk_window_present (GTK_WINDOW (self));
  gtk_widget_grab_focus (GTK_WIDGET (self->note_view));
  return self;
}

/* The files read and listed so far */
guint
wp_closeout_dialog_get_n_files (WpCloseoutDialog *self)
{
  g_return_val_if_fail (WP_IS_CLOSEOUT_DIALOG (self), 0);
  return self->files->len;
}

/* Whether a chosen file is still being read */
gboolean
wp_closeout_dialog_is_loading (WpCloseoutDialog *self)
{
  g_return_val_if_fail (WP_IS_CLOSEOUT_DIALOG (self), FALSE);
  return self->n_loading > 0;
}

void
wp_closeout_dialog_set_completion (WpCloseoutDialog *self,
                                   const char       *text)
{
  g_return_if_fail (WP_IS_CLOSEOUT_DIALOG (self));
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->note_view), text, -1);
}

GtkWidget *
wp_closeout_dialog_get_confirm_button (WpCloseoutDialog *self)
{
  g_return_val_if_fail (WP_IS_CLOSEOUT_DIALOG (self), NULL);
  return self->confirm_button;
}

WpItem *
wp_closeout_dialog_get_item (WpCloseoutDialog *self)
{
  g_return_val_if_fail (WP_IS_CLOSEOUT_DIALOG (self), NULL);
  return self->item;
}
