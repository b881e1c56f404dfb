/* wp-window-plans.c: the window's actions on whole plans and files
 *
 * New plan, next year's plan from this one, delete a plan (all undoable),
 * save a copy of the plan file, expand or collapse the whole outline.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "wp-import-job.h"
#include "wp-preferences-window.h"
#include "wp-print.h"
#include "wp-toast.h"
#include "wp-window-private.h"
#include "wp-message-dialog.h"

static void
report (WpWindow     *self,
        const GError *error)
{
  _wp_window_toast (self, error->message);
}

/* New plan */

typedef struct {
  GtkSpinButton *year;
  GtkEntry      *title;
  GtkEntry      *organization;
} NewPlanFields;

static void
on_new_plan_response (AdwMessageDialog *dialog,
                      const char       *response,
                      WpWindow         *self)
{
  NewPlanFields *fields = g_object_get_data (G_OBJECT (dialog), "fields");
  g_autoptr(GError) error = NULL;
  g_autoptr(WpPlan) plan = NULL;
  int year;

  if (!g_str_equal (response, "create"))
    return;

  year = gtk_spin_button_get_value_as_int (fields->year);
  plan = wp_edit_new_plan (wp_context_get_undo_stack (_wp_window_get_context (self)), year,
                           gtk_editable_get_text (GTK_EDITABLE (fields->title)),
                           gtk_editable_get_text (GTK_EDITABLE (fields->organization)), &error);
  if (plan == NULL)
    {
      report (self, error);
      return;
    }
  wp_window_select_year (self, year);
}

static GtkWidget *
labelled (GtkGrid    *grid,
          int         row,
          const char *text,
          GtkWidget  *field)
{
  GtkWidget *label = gtk_label_new_with_mnemonic (text);

  gtk_label_set_xalign (GTK_LABEL (label), 1);
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), field);
  gtk_widget_set_hexpand (field, TRUE);
  gtk_grid_attach (grid, label, 0, row, 1, 1);
  gtk_grid_attach (grid, field, 1, row, 1, 1);
  return field;
}

static void
new_plan_activated (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  WpWindow *self = user_data;
  WpPlan *current = _wp_window_get_selected_plan (self);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  NewPlanFields *fields = g_new0 (NewPlanFields, 1);
  GtkWidget *grid = gtk_grid_new ();
  GtkWidget *dialog;
  int year = current ? wp_plan_get_year (current) + 1 : g_date_time_get_year (now);
  g_autofree char *title = NULL;

  gtk_grid_set_row_spacing (GTK_GRID (grid), 12);
  gtk_grid_set_column_spacing (GTK_GRID (grid), 12);
  fields->year = GTK_SPIN_BUTTON (labelled (GTK_GRID (grid), 0, _("_Year"),
                                            gtk_spin_button_new_with_range (1990, 2100, 1)));
  gtk_spin_button_set_value (fields->year, year);
  fields->title = GTK_ENTRY (labelled (GTK_GRID (grid), 1, _("_Title"), gtk_entry_new ()));
  /* Translators: the default title of a new plan; %d is its year */
  title = g_strdup_printf (_("%d Work Plan"), year);
  gtk_editable_set_text (GTK_EDITABLE (fields->title), title);
  gtk_entry_set_activates_default (fields->title, TRUE);
  fields->organization = GTK_ENTRY (labelled (GTK_GRID (grid), 2, _("_Organization"),
                                              gtk_entry_new ()));
  if (current != NULL)
    gtk_editable_set_text (GTK_EDITABLE (fields->organization),
                           wp_plan_get_organization (current));
  gtk_entry_set_activates_default (fields->organization, TRUE);

  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("New Plan"),
                                   _("A plan holds one year’s areas, key tasks and actions."));
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), grid);
  wp_message_dialog_add_choice (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"),
                                "create", _("C_reate"), ADW_RESPONSE_SUGGESTED);
  g_object_set_data_full (G_OBJECT (dialog), "fields", fields, g_free);
  g_signal_connect (dialog, "response", G_CALLBACK (on_new_plan_response), self);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Next year */

static void
on_next_year_response (AdwMessageDialog *dialog,
                       const char       *response,
                       WpWindow         *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WpPlan) plan = NULL;
  WpPlan *current = _wp_window_get_selected_plan (self);
  GtkCheckButton *keep = g_object_get_data (G_OBJECT (dialog), "keep-progress");

  if (!g_str_equal (response, "start") || current == NULL)
    return;

  plan = wp_edit_start_next_year (wp_context_get_undo_stack (_wp_window_get_context (self)),
                                  wp_plan_get_id (current),
                                  gtk_check_button_get_active (keep)
                                  ? WP_NEXT_YEAR_KEEP_PROGRESS : WP_NEXT_YEAR_DEFAULT,
                                  &error);
  if (plan == NULL)
    {
      report (self, error);
      return;
    }
  wp_window_select_year (self, wp_plan_get_year (plan));
  {
    g_autofree char *message =
      g_strdup_printf (_("Started the %d plan with the unfinished work of %d"),
                       wp_plan_get_year (plan), wp_plan_get_year (plan) - 1);
    _wp_window_toast (self, message);
  }
}

static void
next_year_activated (GSimpleAction *action,
                     GVariant      *parameter,
                     gpointer       user_data)
{
  WpWindow *self = user_data;
  WpPlan *current = _wp_window_get_selected_plan (self);
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;
  GtkWidget *dialog;
  GtkWidget *keep;

  if (current == NULL)
    return;

  heading = g_strdup_printf (_("Start %d from This Plan?"), wp_plan_get_year (current) + 1);
  body = g_strdup_printf (_("Key tasks and actions that are not done go on into a new %d plan "
                            "with their agencies, targets and deadlines; there they start "
                            "again at 0%%, and each target starts from the value it has now. "
                            "In %d they are marked carried over and no longer count as "
                            "overdue; what was done stays there."),
                          wp_plan_get_year (current) + 1, wp_plan_get_year (current));
  dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, body);
  keep = gtk_check_button_new_with_mnemonic (_("_Keep status and progress"));
  /* (off by default; some offices report carried work as going on where
   * it stood) */
  gtk_widget_set_halign (keep, GTK_ALIGN_CENTER);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), keep);
  g_object_set_data (G_OBJECT (dialog), "keep-progress", keep);
  wp_message_dialog_add_choice (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"),
                                "start", _("_Start"), ADW_RESPONSE_SUGGESTED);
  g_signal_connect (dialog, "response", G_CALLBACK (on_next_year_response), self);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Delete */

static void
on_delete_response (AdwMessageDialog *dialog,
                    const char       *response,
                    WpWindow         *self)
{
  g_autoptr(GError) error = NULL;
  WpPlan *current = _wp_window_get_selected_plan (self);
  g_autofree char *message = NULL;
  int year;

  if (!g_str_equal (response, "delete") || current == NULL)
    return;

  year = wp_plan_get_year (current);
  if (!wp_edit_delete_plan (wp_context_get_undo_stack (_wp_window_get_context (self)),
                            wp_plan_get_id (current), &error))
    {
      report (self, error);
      return;
    }
  message = g_strdup_printf (_("Deleted the %d plan"), year);
  {
    AdwToastOverlay *overlay =
      ADW_TOAST_OVERLAY (gtk_widget_get_ancestor (GTK_WIDGET (_wp_window_get_outline (self)),
                                                  ADW_TYPE_TOAST_OVERLAY));
    AdwToast *toast = wp_toast_new (message);

    wp_toast_offer_undo (toast, wp_context_get_undo_stack (_wp_window_get_context (self)));
    adw_toast_overlay_add_toast (overlay, toast);
  }
}

static void
delete_plan_activated (GSimpleAction *action,
                       GVariant      *parameter,
                       gpointer       user_data)
{
  WpWindow *self = user_data;
  WpPlan *current = _wp_window_get_selected_plan (self);
  g_autofree char *heading = NULL;
  GtkWidget *dialog;

  if (current == NULL)
    return;

  heading = g_strdup_printf (_("Delete the %d Plan?"), wp_plan_get_year (current));
  dialog = adw_message_dialog_new (GTK_WINDOW (self), heading,
                                   _("All its items, agencies’ assignments and progress notes "
                                     "are deleted. You can undo this until you close the "
                                     "window."));
  wp_message_dialog_add_choice (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"),
                                "delete", _("_Delete"), ADW_RESPONSE_DESTRUCTIVE);
  g_signal_connect (dialog, "response", G_CALLBACK (on_delete_response), self);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* The file chooser of an action: once a local file is chosen, @on_chosen
 * is called with its path (the chooser gone by then, as a dialog the
 * action shows may need the window). */

static void
on_file_chooser_response (GtkNativeDialog *chooser,
                          int              response,
                          WpWindow        *self)
{
  WpWindowFileFunc on_chosen = (WpWindowFileFunc) g_object_get_data (G_OBJECT (chooser),
                                                                     "wp-on-chosen");
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      path = g_file_get_path (file);
    }
  g_object_unref (chooser);
  if (path != NULL)
    on_chosen (self, path);
}

void
_wp_window_show_file_chooser (WpWindow             *self,
                              GtkFileChooserNative *chooser,
                              WpWindowFileFunc      on_chosen)
{
  g_object_set_data (G_OBJECT (chooser), "wp-on-chosen", (gpointer) on_chosen);
  g_signal_connect (chooser, "response", G_CALLBACK (on_file_chooser_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* Save a copy */

static void
save_copy_to (WpWindow   *self,
              const char *path)
{
  g_autoptr(GError) error = NULL;

  /* The chooser asked before replacing; VACUUM INTO will not overwrite. */
  if (g_file_test (path, G_FILE_TEST_EXISTS))
    g_unlink (path);
  if (!wp_store_save_copy (wp_context_get_store (_wp_window_get_context (self)), path, &error))
    report (self, error);
  else
    {
      g_autofree char *name = g_path_get_basename (path);
      g_autofree char *message = g_strdup_printf (_("Saved a copy as “%s”"), name);
      _wp_window_toast (self, message);
    }
}
static void
save_copy_activated (GSimpleAction *action,
                     GVariant      *parameter,
                     gpointer       user_data)
{
  WpWindow *self = user_data;
  GtkFileChooserNative *chooser;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *date = g_date_time_format (now, "%Y-%m-%d");
  /* Translators: suggested file name of a copy; %s is today's date */
  g_autofree char *name = g_strdup_printf (_("Workplan copy %s.workplan"), date);

  chooser = gtk_file_chooser_native_new (_("Save a Copy of the Plan File"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  _wp_window_show_file_chooser (self, chooser, save_copy_to);
}

/* Import */

/* Imports @path (interchange JSON, or a spreadsheet) as a new plan, in
 * one undoable step; says what went wrong in a dialog. A spreadsheet is
 * shown in the column-mapping preview first (wp-import-preview.c), which
 * imports it with the columns as the user chose them; a work report in
 * the review of its draft (wp-report-dialog.c). */
void
_wp_window_import_file (WpWindow   *self,
                        const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WpJsonDocument) doc = NULL;
  g_autofree char *name = path != NULL ? g_path_get_basename (path) : g_strdup ("");

  /* The whole file is read and checked before anything is written. */
  if (path != NULL && _wp_window_is_report (path))
    {
      _wp_window_review_report (self, path);
      return;
    }
  if (path != NULL && wp_sheet_import_is_spreadsheet (path))
    {
      if (_wp_window_preview_import (self, path, &error))
        return;
    }
  else if (path != NULL)
    {
      GStatBuf st;

      /* (a large plan is read and written in a thread, with a bar) */
      if (g_stat (path, &st) == 0 && S_ISREG (st.st_mode)
          && st.st_size > WP_IMPORT_IN_THREAD_BYTES)
        {
          _wp_window_import_in_thread (self, name, path, NULL);
          return;
        }
      doc = wp_json_document_load (path, &error);
    }
  _wp_window_import_document (self, name, doc, error);
}

/* Says in a dialog that importing the file @name failed, and why */
void
_wp_window_say_import_failed (WpWindow     *self,
                              const char   *name,
                              const GError *error)
{
  g_autofree char *message = g_strdup_printf (_("Could not import “%s”: %s"), name,
                                              error ? error->message : "");
  AdwMessageDialog *dialog =
    ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), _("Import Failed"),
                                                message));

  adw_message_dialog_add_response (dialog, "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Shows the plan just imported from the file @name, as one undo step */
void
_wp_window_show_imported (WpWindow   *self,
                          const char *name,
                          WpPlan     *plan)
{
  WpContext *context = _wp_window_get_context (self);
  g_autofree char *label = g_strdup_printf (_("Import “%s”"), name);
  g_autofree char *message = NULL;
  AdwToast *toast;
  AdwToastOverlay *overlay;

  wp_undo_stack_push_plan_created (wp_context_get_undo_stack (context), wp_plan_get_id (plan),
                                   label);
  wp_window_select_year (self, wp_plan_get_year (plan));
  message = g_strdup_printf (_("Imported the %d plan with %u items"), wp_plan_get_year (plan),
                             wp_store_count_items (wp_context_get_store (context),
                                                   wp_plan_get_id (plan), NULL));
  toast = wp_toast_new (message);
  overlay = ADW_TOAST_OVERLAY (gtk_widget_get_ancestor (GTK_WIDGET (_wp_window_get_outline (self)),
                                                        ADW_TYPE_TOAST_OVERLAY));
  wp_toast_offer_undo (toast, wp_context_get_undo_stack (context));
  adw_toast_overlay_add_toast (overlay, toast);
}

/* Writes @doc read from the file @name as a new plan, or says why it
 * cannot (@doc NULL, @error set). */
gboolean
_wp_window_import_document (WpWindow       *self,
                            const char     *name,
                            WpJsonDocument *doc,
                            const GError   *read_error)
{
  g_autoptr(GError) error = read_error != NULL ? g_error_copy (read_error) : NULL;
  g_autoptr(WpPlan) plan = NULL;
  WpContext *context = _wp_window_get_context (self);

  if (doc != NULL
      && _wp_window_back_up_before_import (self, wp_json_document_get_year (doc), &error))
    plan = wp_json_document_write (doc, wp_context_get_store (context), 0, FALSE, &error);
  if (plan == NULL)
    {
      _wp_window_say_import_failed (self, name, error);
      return FALSE;
    }
  _wp_window_show_imported (self, name, plan);
  return TRUE;
}

static const char *const sheet_suffixes[] = { "xlsx", "xls", "csv", "XLSX", "XLS", "CSV" };

static void
import_activated (GSimpleAction *action,
                  GVariant      *parameter,
                  gpointer       user_data)
{
  WpWindow *self = user_data;
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) json = gtk_file_filter_new ();

  chooser = gtk_file_chooser_native_new (_("Import a Plan"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Import"),
                                         _("_Cancel"));
  gtk_file_filter_set_name (json, _("Plans (JSON, Excel, CSV)"));
  gtk_file_filter_add_suffix (json, "json");
  gtk_file_filter_add_mime_type (json, "application/json");
  for (guint i = 0; i < G_N_ELEMENTS (sheet_suffixes); i++)
    gtk_file_filter_add_suffix (json, sheet_suffixes[i]);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), json);
  _wp_window_show_file_chooser (self, chooser, _wp_window_import_file);
}

/* Task breakdown sheet (任务分解表) */

/* Writes the selected plan's sheet to @path: CSV when the name says so,
 * else Excel; a toast says where, a dialog what went wrong. */
void
_wp_window_export_sheet (WpWindow   *self,
                         const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WpSheet) sheet = NULL;
  WpPlan *plan = _wp_window_get_selected_plan (self);

  if (plan == NULL)
    return;
  sheet = wp_sheet_new (wp_context_get_store (_wp_window_get_context (self)),
                        wp_plan_get_id (plan), NULL, &error);
  if (sheet == NULL
      || !(g_str_has_suffix (path, ".csv") || g_str_has_suffix (path, ".CSV")
           ? wp_sheet_write_csv : wp_sheet_write_xlsx) (sheet, path, &error))
    report (self, error);
  else
    {
      g_autofree char *name = g_path_get_basename (path);
      g_autofree char *message = g_strdup_printf (_("Saved the task breakdown sheet as "
                                                    "“%s”"), name);
      _wp_window_toast (self, message);
    }
}

static void
export_sheet_activated (GSimpleAction *action,
                        GVariant      *parameter,
                        gpointer       user_data)
{
  WpWindow *self = user_data;
  WpPlan *plan = _wp_window_get_selected_plan (self);
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) xlsx = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) csv = gtk_file_filter_new ();
  g_autofree char *name = NULL;

  if (plan == NULL)
    return;
  /* Translators: suggested file name of the task breakdown sheet; %d is the year */
  name = g_strdup_printf (_("Task breakdown %d.xlsx"), wp_plan_get_year (plan));
  chooser = gtk_file_chooser_native_new (_("Export the Task Breakdown Sheet"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"),
                                         _("_Cancel"));
  gtk_file_filter_set_name (xlsx, _("Excel workbooks (.xlsx)"));
  gtk_file_filter_add_suffix (xlsx, "xlsx");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), xlsx);
  gtk_file_filter_set_name (csv, _("CSV files (.csv)"));
  gtk_file_filter_add_suffix (csv, "csv");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), csv);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  _wp_window_show_file_chooser (self, chooser, _wp_window_export_sheet);
}

/* Briefing PDF */

static void
export_pdf_to (WpWindow   *self,
               const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *summary = wp_progress_view_get_edited_summary (_wp_window_get_progress (self));
  WpPlan *plan = _wp_window_get_selected_plan (self);

  if (plan == NULL)
    return;
  if (!wp_briefing_write_pdf (wp_context_get_store (_wp_window_get_context (self)),
                              wp_plan_get_id (plan),
                              wp_progress_view_get_agency (_wp_window_get_progress (self)),
                              summary, path, &error))
    report (self, error);
  else
    {
      g_autofree char *name = g_path_get_basename (path);
      g_autofree char *message = g_strdup_printf (_("Saved the briefing as “%s”"), name);
      _wp_window_toast (self, message);
    }
}
static void
export_pdf_activated (GSimpleAction *action,
                      GVariant      *parameter,
                      gpointer       user_data)
{
  WpWindow *self = user_data;
  WpPlan *plan = _wp_window_get_selected_plan (self);
  GtkFileChooserNative *chooser;
  g_autofree char *name = NULL;
  const char *agency;

  if (plan == NULL)
    return;
  agency = wp_progress_view_get_agency (_wp_window_get_progress (self));
  if (agency != NULL)
    /* Translators: suggested file name of one agency's PDF briefing: year, agency */
    name = g_strdup_printf (_("Progress briefing %d %s.pdf"), wp_plan_get_year (plan), agency);
  else
    /* Translators: suggested file name of the PDF briefing; %d is the plan's year */
    name = g_strdup_printf (_("Progress briefing %d.pdf"), wp_plan_get_year (plan));
  chooser = gtk_file_chooser_native_new (_("Export the Progress Briefing"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"),
                                         _("_Cancel"));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  _wp_window_show_file_chooser (self, chooser, export_pdf_to);
}

static void
on_print_done (GtkPrintOperation       *operation,
               GtkPrintOperationResult  result,
               WpWindow                *self)
{
  g_autoptr(GError) error = NULL;

  if (wp_print_operation_get_failure (operation) != NULL)
    {
      report (self, wp_print_operation_get_failure (operation));
      return;
    }
  /* Errors of a run that ended before returning are reported by the caller */
  if (result == GTK_PRINT_OPERATION_RESULT_ERROR
      && g_object_get_data (G_OBJECT (operation), "wp-async") != NULL)
    {
      gtk_print_operation_get_error (operation, &error);
      if (error != NULL)
        report (self, error);
    }
}

static void
print_activated (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  WpWindow *self = user_data;
  WpPlan *plan = _wp_window_get_selected_plan (self);
  GtkPrintOperation *operation;
  GtkPrintOperationResult result;
  g_autoptr(GError) error = NULL;
  g_autofree char *summary = NULL;

  if (plan == NULL)
    return;
  summary = wp_progress_view_get_edited_summary (_wp_window_get_progress (self));
  operation = wp_print_operation_new (wp_context_get_store (_wp_window_get_context (self)),
                                      wp_plan_get_id (plan),
                                      wp_progress_view_get_agency (_wp_window_get_progress (self)),
                                      summary);
  /* The window keeps the last operation, which may still be running */
  g_object_set_data_full (G_OBJECT (self), "wp-print-operation", operation, g_object_unref);
  g_signal_connect_object (operation, "done", G_CALLBACK (on_print_done), self, 0);
  result = gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG,
                                    GTK_WINDOW (self), &error);
  if (result == GTK_PRINT_OPERATION_RESULT_IN_PROGRESS)
    g_object_set_data (G_OBJECT (operation), "wp-async", GINT_TO_POINTER (TRUE));
  else if (result == GTK_PRINT_OPERATION_RESULT_ERROR && error != NULL)
    report (self, error);
}

static void
expand_all_activated (GSimpleAction *action,
                      GVariant      *parameter,
                      gpointer       user_data)
{
  WpWindow *self = user_data;

  wp_outline_view_expand_all (_wp_window_get_outline (self),
                              g_str_equal (g_action_get_name (G_ACTION (action)), "expand-all"));
}

/* The plan's light rules and reporting cycle */
static void
preferences_activated (GSimpleAction *action,
                       GVariant      *parameter,
                       gpointer       user_data)
{
  WpWindow *self = user_data;
  WpPlan *plan = _wp_window_get_selected_plan (self);
  WpContext *context = _wp_window_get_context (self);

  if (plan == NULL || context == NULL || wp_context_get_store (context) == NULL)
    return;
  gtk_window_present (GTK_WINDOW (wp_preferences_window_new (GTK_WINDOW (self), context, plan)));
}

static const GActionEntry plan_actions[] = {
  { "new-plan", new_plan_activated },
  { "next-year", next_year_activated },
  { "delete-plan", delete_plan_activated },
  { "save-copy", save_copy_activated },
  { "import", import_activated },
  { "export-pdf", export_pdf_activated },
  { "export-sheet", export_sheet_activated },
  { "print", print_activated },
  { "expand-all", expand_all_activated },
  { "collapse-all", expand_all_activated },
  { "preferences", preferences_activated },
};

void
_wp_window_add_plan_actions (WpWindow *self)
{
  g_action_map_add_action_entries (G_ACTION_MAP (self), plan_actions, G_N_ELEMENTS (plan_actions),
                                   self);
  _wp_window_add_sheet_actions (self);
}

/* Actions on a plan need one, and a plan file that could be opened. */
void
_wp_window_update_plan_actions (WpWindow *self)
{
  WpContext *context = _wp_window_get_context (self);
  gboolean has_store = context != NULL && wp_context_get_store (context) != NULL;
  gboolean has_plan = has_store && _wp_window_get_selected_plan (self) != NULL;
  const char *need_plan[] = { "next-year", "delete-plan", "expand-all", "collapse-all",
                              "export-pdf", "export-sheet", "print", "preferences" };

  for (guint i = 0; i < G_N_ELEMENTS (need_plan); i++)
    g_simple_action_set_enabled (
      G_SIMPLE_ACTION (g_action_map_lookup_action (G_ACTION_MAP (self), need_plan[i])), has_plan);
  g_simple_action_set_enabled (
    G_SIMPLE_ACTION (g_action_map_lookup_action (G_ACTION_MAP (self), "new-plan")), has_store);
  g_simple_action_set_enabled (
    G_SIMPLE_ACTION (g_action_map_lookup_action (G_ACTION_MAP (self), "save-copy")), has_store);
  g_simple_action_set_enabled (
    G_SIMPLE_ACTION (g_action_map_lookup_action (G_ACTION_MAP (self), "import")), has_store);
  _wp_window_update_sheet_actions (self, has_plan);
}
