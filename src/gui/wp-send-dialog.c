/* wp-send-dialog.c: sending each agency its task breakdown sheet (下发任务表)
 *
 * The office picks a folder and the agencies (every lead and supporting
 * agency of the plan, all ticked at first); one sheet per agency is then
 * written there, the items it leads or supports with the fields it fills
 * in unlocked (see wp-sheet-xlsx.c). The sheets are made from the plan on
 * the main thread, which is quick, and written in a thread, which is not:
 * a bar shows how far it is and Cancel stops after the sheet being
 * written, so no sheet is left half written. A toast says how many were
 * written and opens the folder.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "wp-send-dialog.h"
#include "wp-toast.h"
#include "wp-thread-progress.h"
#include "wp-window-private.h"
#include "wp-message-dialog.h"

struct _WpSendDialog
{
  AdwWindow       parent_instance;

  WpWindow       *window;     /* (weak) */
  GFile          *folder;
  GPtrArray      *checks;     /* GtkCheckButton of each agency, "wp-agency" set */
  GtkStack       *stack;
  AdwActionRow   *folder_row;
  GtkWidget      *send_button;
  GtkWidget      *cancel_button;
  GtkProgressBar *bar;
  GCancellable   *cancellable; /* while writing, else NULL */
  guint           n_jobs;
};

G_DEFINE_FINAL_TYPE (WpSendDialog, wp_send_dialog, ADW_TYPE_WINDOW)

/* One sheet to write, made on the main thread */
typedef struct {
  WpSheet *sheet;
  char    *agency;
  char    *path;
} Job;

static void
job_free (gpointer data)
{
  Job *job = data;

  wp_sheet_free (job->sheet);
  g_free (job->agency);
  g_free (job->path);
  g_free (job);
}

static void
update_send_button (WpSendDialog *self)
{
  guint n = 0;

  for (guint i = 0; i < self->checks->len; i++)
    n += gtk_check_button_get_active (g_ptr_array_index (self->checks, i));
  gtk_widget_set_sensitive (self->send_button, n > 0 && self->folder != NULL
                                               && self->cancellable == NULL);
}

static void
update_folder_row (WpSendDialog *self)
{
  g_autofree char *path = self->folder != NULL ? g_file_get_path (self->folder) : NULL;

  if (self->folder_row != NULL)
    adw_action_row_set_subtitle (self->folder_row, path != NULL ? path : _("None chosen"));
  update_send_button (self);
}

void
wp_send_dialog_set_folder (WpSendDialog *self,
                           GFile        *folder)
{
  g_return_if_fail (WP_IS_SEND_DIALOG (self));

  g_set_object (&self->folder, folder);
  update_folder_row (self);
}

GFile *
wp_send_dialog_get_folder (WpSendDialog *self)
{
  g_return_val_if_fail (WP_IS_SEND_DIALOG (self), NULL);
  return self->folder;
}

void
wp_send_dialog_select (WpSendDialog *self,
                       const char   *agency,
                       gboolean      selected)
{
  for (guint i = 0; i < self->checks->len; i++)
    {
      GtkCheckButton *check = g_ptr_array_index (self->checks, i);

      if (agency == NULL || g_strcmp0 (g_object_get_data (G_OBJECT (check), "wp-agency"),
                                       agency) == 0)
        gtk_check_button_set_active (check, selected);
    }
}

static void
on_select_all_clicked (GtkButton    *button,
                       WpSendDialog *self)
{
  wp_send_dialog_select (self, NULL, TRUE);
}

static void
on_select_none_clicked (GtkButton    *button,
                        WpSendDialog *self)
{
  wp_send_dialog_select (self, NULL, FALSE);
}

static void
on_folder_chosen (GtkNativeDialog *chooser,
                  int              response,
                  WpSendDialog    *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) folder = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      wp_send_dialog_set_folder (self, folder);
    }
  g_object_unref (chooser);
}

static void
on_choose_folder_clicked (GtkButton    *button,
                          WpSendDialog *self)
{
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (_("Choose the Folder for the Sheets"),
                                         GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER, _("_Select"),
                                         _("_Cancel"));
  if (self->folder != NULL)
    gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), self->folder, NULL);
  g_signal_connect (chooser, "response", G_CALLBACK (on_folder_chosen), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* Writing, in a thread */

static void
write_sheets (GTask        *task,
              gpointer      source,
              gpointer      task_data,
              GCancellable *cancellable)
{
  WpSendDialog *self = source;
  GPtrArray *jobs = task_data;
  guint written = 0;

  for (guint i = 0; i < jobs->len; i++)
    {
      Job *job = g_ptr_array_index (jobs, i);
      g_autoptr(GError) error = NULL;

      /* (stopped between sheets: each is whole or not there) */
      if (g_cancellable_is_cancelled (cancellable))
        break;
      /* (before the idle redraws, so that the bar keeps up) */
      wp_thread_progress_post (source, self->bar, &self->cancellable, &self->n_jobs, i,
                               job->agency);
      if (!wp_sheet_write_xlsx (job->sheet, job->path, &error))
        {
          g_task_return_error (task, g_steal_pointer (&error));
          g_object_set_data (G_OBJECT (task), "wp-written", GUINT_TO_POINTER (written));
          return;
        }
      written++;
    }
  g_object_set_data (G_OBJECT (task), "wp-written", GUINT_TO_POINTER (written));
  g_task_return_int (task, written);
}

static void
on_open_folder_clicked (AdwToast   *toast,
                        const char *uri)
{
  GtkWidget *widget = g_object_get_data (G_OBJECT (toast), "wp-window");

  gtk_show_uri (widget != NULL ? GTK_WINDOW (widget) : NULL, uri, GDK_CURRENT_TIME);
}

static void
free_uri (gpointer  uri,
          GClosure *closure)
{
  g_free (uri);
}

static void
on_sheets_written (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  WpSendDialog *self = WP_SEND_DIALOG (source);
  g_autoptr(GError) error = NULL;
  guint written = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (result), "wp-written"));
  gboolean cancelled = g_cancellable_is_cancelled (self->cancellable);
  g_autofree char *uri = g_file_get_uri (self->folder);
  g_autofree char *message = NULL;
  WpWindow *window = self->window;

  g_task_propagate_int (G_TASK (result), &error);
  g_clear_object (&self->cancellable);

  if (window != NULL && error != NULL)
    {
      g_autofree char *body =
        g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                      "%s\n\n%u sheet was written before. Free some space or "
                                      "choose another folder, and send the sheets again.",
                                      "%s\n\n%u sheets were written before. Free some space or "
                                      "choose another folder, and send the sheets again.",
                                      written),
                         error->message, written);
      GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (window),
                                                  _("Not All Sheets Were Written"), body);

      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
      gtk_window_present (GTK_WINDOW (dialog));
    }
  if (window != NULL && written > 0)
    {
      AdwToastOverlay *overlay = ADW_TOAST_OVERLAY (
        gtk_widget_get_ancestor (GTK_WIDGET (_wp_window_get_outline (window)),
                                 ADW_TYPE_TOAST_OVERLAY));
      AdwToast *toast;

      if (cancelled)
        message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                "Stopped after %u of %u sheets",
                                                "Stopped after %u of %u sheets", written),
                                   written, self->n_jobs);
      else
        message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u sheet written",
                                                "%u sheets written", written),
                                   written);
      toast = wp_toast_new (message);
      adw_toast_set_button_label (toast, _("_Open Folder"));
      g_object_set_data (G_OBJECT (toast), "wp-window", window);
      g_signal_connect_data (toast, "button-clicked", G_CALLBACK (on_open_folder_clicked),
                             g_steal_pointer (&uri), free_uri, 0);
      adw_toast_overlay_add_toast (overlay, toast);
    }
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
start_writing (WpSendDialog *self,
               GPtrArray    *jobs)
{
  g_autoptr(GTask) task = NULL;

  self->n_jobs = jobs->len;
  self->cancellable = g_cancellable_new ();
  gtk_progress_bar_set_fraction (self->bar, 0);
  gtk_stack_set_visible_child_name (self->stack, "progress");
  gtk_widget_set_sensitive (self->send_button, FALSE);
  gtk_widget_grab_focus (self->cancel_button);
  task = g_task_new (self, self->cancellable, on_sheets_written, NULL);
  g_task_set_task_data (task, g_ptr_array_ref (jobs), (GDestroyNotify) g_ptr_array_unref);
  g_task_run_in_thread (task, write_sheets);
}

static void
on_replace_response (AdwMessageDialog *dialog,
                     const char       *response,
                     WpSendDialog     *self)
{
  GPtrArray *jobs = g_object_get_data (G_OBJECT (dialog), "wp-jobs");

  if (g_str_equal (response, "replace"))
    start_writing (self, jobs);
}

/* Makes every selected agency's sheet; asks before replacing files in
 * the folder (a returned sheet kept there under its sent name would be
 * lost), then writes them. */
static void
on_send_clicked (GtkButton    *button,
                 WpSendDialog *self)
{
  g_autoptr(GPtrArray) jobs = g_ptr_array_new_with_free_func (job_free);
  g_autoptr(GError) error = NULL;
  g_autofree char *folder = g_file_get_path (self->folder);
  WpContext *context = self->window ? _wp_window_get_context (self->window) : NULL;
  WpPlan *plan = self->window ? _wp_window_get_selected_plan (self->window) : NULL;
  g_autofree char *first_existing = NULL;
  guint n_existing = 0;

  if (plan == NULL || folder == NULL || self->cancellable != NULL)
    return;
  for (guint i = 0; i < self->checks->len; i++)
    {
      GtkCheckButton *check = g_ptr_array_index (self->checks, i);
      const char *agency = g_object_get_data (G_OBJECT (check), "wp-agency");
      g_autofree char *base = NULL;
      Job *job;

      if (!gtk_check_button_get_active (check))
        continue;
      job = g_new0 (Job, 1);
      job->agency = g_strdup (agency);
      base = wp_sheet_agency_file_name (wp_plan_get_year (plan), agency, "xlsx");
      job->path = g_build_filename (folder, base, NULL);
      job->sheet = wp_sheet_new (wp_context_get_store (context), wp_plan_get_id (plan), agency,
                                 &error);
      g_ptr_array_add (jobs, job);
      if (job->sheet == NULL)
        {
          _wp_window_toast (self->window, error->message);
          return;
        }
      if (g_file_test (job->path, G_FILE_TEST_EXISTS) && n_existing++ == 0)
        first_existing = g_steal_pointer (&base);
    }
  if (n_existing > 0)
    {
      g_autofree char *heading = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                               "Replace %u Sheet?",
                                                               "Replace %u Sheets?",
                                                               n_existing),
                                                  n_existing);
      g_autofree char *body =
        n_existing == 1
        ? g_strdup_printf (_("“%s” is already in the folder. If it is a sheet an agency "
                             "returned, collect it first or choose another folder."),
                           first_existing)
        : g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                        "“%s” and %u other sheet are already in the folder. "
                                        "If they are sheets agencies returned, collect them "
                                        "first or choose another folder.",
                                        "“%s” and %u other sheets are already in the folder. "
                                        "If they are sheets agencies returned, collect them "
                                        "first or choose another folder.",
                                        n_existing - 1),
                           first_existing, n_existing - 1);
      GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, body);

      wp_message_dialog_add_choice (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"),
                                    "replace", _("_Replace"), ADW_RESPONSE_DESTRUCTIVE);
      g_object_set_data_full (G_OBJECT (dialog), "wp-jobs", g_steal_pointer (&jobs),
                              (GDestroyNotify) g_ptr_array_unref);
      g_signal_connect (dialog, "response", G_CALLBACK (on_replace_response), self);
      gtk_window_present (GTK_WINDOW (dialog));
      return;
    }
  start_writing (self, jobs);
}

static void
on_cancel_clicked (GtkButton    *button,
                   WpSendDialog *self)
{
  if (self->cancellable != NULL)
    {
      g_cancellable_cancel (self->cancellable);
      gtk_progress_bar_set_text (self->bar, _("Stopping after this sheet…"));
      return;
    }
  gtk_window_close (GTK_WINDOW (self));
}

/* Closing while writing stops after the sheet being written; the dialog
 * goes when the thread is done. */
static gboolean
wp_send_dialog_close_request (GtkWindow *window)
{
  WpSendDialog *self = WP_SEND_DIALOG (window);

  if (self->cancellable != NULL)
    {
      on_cancel_clicked (NULL, self);
      return TRUE;
    }
  return GTK_WINDOW_CLASS (wp_send_dialog_parent_class)->close_request (window);
}

static void
wp_send_dialog_dispose (GObject *object)
{
  WpSendDialog *self = WP_SEND_DIALOG (object);

  g_clear_weak_pointer (&self->window);
  g_clear_object (&self->folder);
  g_clear_pointer (&self->checks, g_ptr_array_unref);
  G_OBJECT_CLASS (wp_send_dialog_parent_class)->dispose (object);
}

static void
wp_send_dialog_class_init (WpSendDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = wp_send_dialog_dispose;
  window_class->close_request = wp_send_dialog_close_request;
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
wp_send_dialog_init (WpSendDialog *self)
{
  self->checks = g_ptr_array_new ();
}

static GtkWidget *
agencies_page (WpSendDialog *self,
               WpStore      *store,
               WpPlan       *plan)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) names = wp_store_list_plan_agency_names (store, wp_plan_get_id (plan), &error);
  g_autoptr(GPtrArray) loads = wp_agency_loads_compute (store, wp_plan_get_id (plan), NULL);
  GtkWidget *page = adw_preferences_page_new ();
  GtkWidget *group, *row, *button, *buttons;

  group = adw_preferences_group_new ();
  adw_preferences_group_set_description (
    ADW_PREFERENCES_GROUP (group),
    _("Each agency gets one sheet with the items it leads or supports. It fills in status, "
      "progress and notes and sends the sheet back; the rest of the sheet is locked."));
  row = adw_action_row_new ();
  self->folder_row = ADW_ACTION_ROW (row);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Folder"));
  button = gtk_button_new_with_mnemonic (_("C_hoose…"));
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  g_signal_connect (button, "clicked", G_CALLBACK (on_choose_folder_clicked), self);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), button);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (group));

  group = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Agencies"));
  buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  button = gtk_button_new_with_mnemonic (_("Select _All"));
  g_signal_connect (button, "clicked", G_CALLBACK (on_select_all_clicked), self);
  gtk_box_append (GTK_BOX (buttons), button);
  button = gtk_button_new_with_mnemonic (_("Select _None"));
  g_signal_connect (button, "clicked", G_CALLBACK (on_select_none_clicked), self);
  gtk_box_append (GTK_BOX (buttons), button);
  gtk_widget_set_valign (buttons, GTK_ALIGN_END);
  adw_preferences_group_set_header_suffix (ADW_PREFERENCES_GROUP (group), buttons);

  for (guint i = 0; names != NULL && names[i] != NULL; i++)
    {
      GtkWidget *check = gtk_check_button_new ();
      g_autofree char *subtitle = NULL;

      for (guint k = 0; loads != NULL && k < loads->len && subtitle == NULL; k++)
        {
          WpAgencyLoad *load = g_ptr_array_index (loads, k);

          if (g_strcmp0 (wp_agency_get_name (load->agency), names[i]) == 0)
            /* Translators: what an agency's sheet holds: items led, items supported */
            subtitle = g_strdup_printf (_("Leads %u, supports %u"), load->n_lead, load->n_co);
        }
      row = adw_action_row_new ();
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), names[i]);
      if (subtitle != NULL)
        adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      gtk_check_button_set_active (GTK_CHECK_BUTTON (check), TRUE);
      gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
      gtk_accessible_update_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      names[i], -1);
      g_object_set_data_full (G_OBJECT (check), "wp-agency", g_strdup (names[i]), g_free);
      g_signal_connect_swapped (check, "toggled", G_CALLBACK (update_send_button), self);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
      g_ptr_array_add (self->checks, check);
    }
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (group));

  if (self->checks->len == 0)
    {
      GtkWidget *empty = adw_status_page_new ();

      adw_status_page_set_icon_name (ADW_STATUS_PAGE (empty), "x-office-spreadsheet-symbolic");
      adw_status_page_set_title (ADW_STATUS_PAGE (empty), _("No Agencies to Send To"));
      adw_status_page_set_description (
        ADW_STATUS_PAGE (empty),
        error != NULL ? error->message
                      : _("No item of the plan names a lead or supporting agency yet. Give the "
                          "items their agencies in the outline, then send the sheets."));
      self->folder_row = NULL;  /* (goes with the page) */
      g_object_ref_sink (page);
      g_object_unref (page);
      return empty;
    }
  return page;
}

/**
 * wp_send_dialog_new:
 *
 * Returns: (transfer none): a dialog sending the sheets of @window's plan,
 *   not yet shown
 */
WpSendDialog *
wp_send_dialog_new (WpWindow *window)
{
  WpSendDialog *self = g_object_new (WP_TYPE_SEND_DIALOG, "modal", TRUE,
                                     "transient-for", window, "default-width", 560,
                                     "default-height", 640, NULL);
  WpContext *context = _wp_window_get_context (window);
  WpPlan *plan = _wp_window_get_selected_plan (window);
  GtkWidget *box, *header, *status, *progress_box;
  g_autofree char *title = NULL;
  const char *documents = g_get_user_special_dir (G_USER_DIRECTORY_DOCUMENTS);

  g_set_weak_pointer (&self->window, window);
  /* Translators: the title of the dialog sending the sheets of the %d plan */
  title = g_strdup_printf (_("Send the %d Sheets"), wp_plan_get_year (plan));
  gtk_window_set_title (GTK_WINDOW (self), title);

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  header = adw_header_bar_new ();
  adw_header_bar_set_show_end_title_buttons (ADW_HEADER_BAR (header), FALSE);
  self->cancel_button = gtk_button_new_with_mnemonic (_("_Cancel"));
  g_signal_connect (self->cancel_button, "clicked", G_CALLBACK (on_cancel_clicked), self);
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), self->cancel_button);
  self->send_button = gtk_button_new_with_mnemonic (_("_Write Sheets"));
  gtk_widget_add_css_class (self->send_button, "suggested-action");
  g_signal_connect (self->send_button, "clicked", G_CALLBACK (on_send_clicked), self);
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), self->send_button);
  gtk_box_append (GTK_BOX (box), header);

  self->stack = GTK_STACK (gtk_stack_new ());
  gtk_widget_set_vexpand (GTK_WIDGET (self->stack), TRUE);
  gtk_stack_add_named (self->stack, agencies_page (self, wp_context_get_store (context), plan),
                       "choose");

  status = adw_status_page_new ();
  adw_status_page_set_icon_name (ADW_STATUS_PAGE (status), "document-send-symbolic");
  adw_status_page_set_title (ADW_STATUS_PAGE (status), _("Writing the Sheets…"));
  progress_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  self->bar = GTK_PROGRESS_BAR (gtk_progress_bar_new ());
  gtk_progress_bar_set_show_text (self->bar, TRUE);
  gtk_box_append (GTK_BOX (progress_box), GTK_WIDGET (self->bar));
  adw_status_page_set_child (ADW_STATUS_PAGE (status), progress_box);
  gtk_stack_add_named (self->stack, status, "progress");
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->stack));
  adw_window_set_content (ADW_WINDOW (self), box);

  if (self->checks->len == 0)
    gtk_widget_set_visible (self->send_button, FALSE);
  {
    g_autoptr(GFile) folder = g_file_new_for_path (documents != NULL ? documents
                                                                     : g_get_home_dir ());
    wp_send_dialog_set_folder (self, folder);
  }
  gtk_window_set_default_widget (GTK_WINDOW (self), self->send_button);
  return self;
}
