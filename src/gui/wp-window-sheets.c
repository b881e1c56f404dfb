/* wp-window-sheets.c: the window's actions of the reporting round
 *
 * Send Sheets to Agencies (wp-send-dialog.c), Collect Returned Sheets
 * (wp-collect-dialog.c), and the column-mapping preview shown before a
 * spreadsheet is imported as a plan (wp-import-preview.c); Import Work
 * Report… and the review of the draft made of a report (wp-report-dialog.c),
 * also of a report dropped on the window.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "wp-collect-dialog.h"
#include "wp-import-preview.h"
#include "wp-report-dialog.h"
#include "wp-send-dialog.h"
#include "wp-window-private.h"
#include "wp-year-check-dialog.h"

static void
send_sheets_activated (GSimpleAction *action,
                       GVariant      *parameter,
                       gpointer       user_data)
{
  WpWindow *self = user_data;

  if (_wp_window_get_selected_plan (self) == NULL)
    return;
  gtk_window_present (GTK_WINDOW (wp_send_dialog_new (self)));
}

static void
on_collect_files_chosen (GtkNativeDialog *chooser,
                         int              response,
                         WpWindow        *self)
{
  g_autoptr(GListModel) files = NULL;
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);

  if (response == GTK_RESPONSE_ACCEPT)
    files = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (chooser));
  g_object_unref (chooser);
  for (guint i = 0; files != NULL && i < g_list_model_get_n_items (files); i++)
    {
      g_autoptr(GFile) file = g_list_model_get_item (files, i);
      char *path = g_file_get_path (file);

      if (path != NULL)
        g_ptr_array_add (paths, path);
    }
  if (paths->len == 0 || _wp_window_get_selected_plan (self) == NULL)
    return;
  g_ptr_array_add (paths, NULL);
  gtk_window_present (GTK_WINDOW (wp_collect_dialog_new (self,
                                                         (const char * const *) paths->pdata)));
}

static void
collect_sheets_activated (GSimpleAction *action,
                          GVariant      *parameter,
                          gpointer       user_data)
{
  WpWindow *self = user_data;
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) sheets = gtk_file_filter_new ();

  if (_wp_window_get_selected_plan (self) == NULL)
    return;
  chooser = gtk_file_chooser_native_new (_("Choose the Returned Sheets"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Review"),
                                         _("_Cancel"));
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (chooser), TRUE);
  gtk_file_filter_set_name (sheets, _("Spreadsheets (Excel, CSV)"));
  gtk_file_filter_add_suffix (sheets, "xlsx");
  gtk_file_filter_add_suffix (sheets, "xls");
  gtk_file_filter_add_suffix (sheets, "csv");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), sheets);
  g_signal_connect (chooser, "response", G_CALLBACK (on_collect_files_chosen), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
review_report (WpWindow   *self,
               const char *path)
{
  _wp_window_review_report (self, path);
}

static void
import_report_activated (GSimpleAction *action,
                         GVariant      *parameter,
                         gpointer       user_data)
{
  WpWindow *self = user_data;
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) reports = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();
  const char *suffixes[] = { "txt", "docx", "pdf", "TXT", "DOCX", "PDF" };

  chooser = gtk_file_chooser_native_new (_("Import a Work Report"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Review"),
                                         _("_Cancel"));
  gtk_file_filter_set_name (reports, _("Work reports (text, Word, PDF)"));
  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    gtk_file_filter_add_suffix (reports, suffixes[i]);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), reports);
  gtk_file_filter_set_name (all, _("All files"));
  gtk_file_filter_add_pattern (all, "*");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), all);
  _wp_window_show_file_chooser (self, chooser, review_report);
}

static const GActionEntry report_actions[] = {
  { "import-report", import_report_activated },
};

static void
year_end_check_activated (GSimpleAction *action,
                          GVariant      *parameter,
                          gpointer       user_data)
{
  WpWindow *self = user_data;

  if (_wp_window_get_selected_plan (self) == NULL)
    return;
  gtk_window_present (GTK_WINDOW (wp_year_check_dialog_new (self)));
}

static const GActionEntry sheet_actions[] = {
  { "send-sheets", send_sheets_activated },
  { "collect-sheets", collect_sheets_activated },
  { "year-end-check", year_end_check_activated },
};

/* Files dropped on the window: the first work report among them goes to
 * its review, as Import Work Report… would take it. Anything else is
 * refused, so the file manager shows the drop did nothing. */
gboolean
_wp_window_drop_files (WpWindow *self,
                       GSList   *files)
{
  GAction *import = g_action_map_lookup_action (G_ACTION_MAP (self), "import-report");

  if (import == NULL || !g_action_get_enabled (import))
    return FALSE;
  for (GSList *l = files; l != NULL; l = l->next)
    {
      g_autofree char *path = g_file_get_path (l->data);

      if (path != NULL && _wp_window_is_report (path))
        {
          _wp_window_review_report (self, path);
          return TRUE;
        }
    }
  return FALSE;
}

static gboolean
on_files_dropped (GtkDropTarget *target,
                  const GValue  *value,
                  double         x,
                  double         y,
                  WpWindow      *self)
{
  GdkFileList *list = g_value_get_boxed (value);
  g_autoptr(GSList) files = list != NULL ? gdk_file_list_get_files (list) : NULL;

  return _wp_window_drop_files (self, files);
}

void
_wp_window_add_sheet_actions (WpWindow *self)
{
  GtkDropTarget *target = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);

  g_action_map_add_action_entries (G_ACTION_MAP (self), sheet_actions,
                                   G_N_ELEMENTS (sheet_actions), self);
  g_action_map_add_action_entries (G_ACTION_MAP (self), report_actions,
                                   G_N_ELEMENTS (report_actions), self);
  g_signal_connect (target, "drop", G_CALLBACK (on_files_dropped), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (target));
}

void
_wp_window_update_sheet_actions (WpWindow *self,
                                 gboolean  has_plan)
{
  for (guint i = 0; i < G_N_ELEMENTS (sheet_actions); i++)
    g_simple_action_set_enabled (
      G_SIMPLE_ACTION (g_action_map_lookup_action (G_ACTION_MAP (self), sheet_actions[i].name)),
      has_plan);
  {
    WpContext *context = _wp_window_get_context (self);

    /* a report becomes a plan of its own: it needs a plan file, not a plan */
    g_simple_action_set_enabled (
      G_SIMPLE_ACTION (g_action_map_lookup_action (G_ACTION_MAP (self), "import-report")),
      context != NULL && wp_context_get_store (context) != NULL);
  }
}

/* Shows the spreadsheet @path in the column-mapping preview, which
 * imports it; FALSE with @error set when it cannot be read as a sheet. */
gboolean
_wp_window_preview_import (WpWindow    *self,
                           const char  *path,
                           GError     **error)
{
  WpImportPreview *preview = wp_import_preview_new (self, path, error);

  if (preview == NULL)
    return FALSE;
  gtk_window_present (GTK_WINDOW (preview));
  return TRUE;
}

/* A work report: .txt, .docx, .pdf, or the old Word formats the reader
 * explains it cannot take */
gboolean
_wp_window_is_report (const char *path)
{
  const char *suffixes[] = { ".txt", ".docx", ".pdf", ".doc", ".wps" };
  g_autofree char *lower = g_ascii_strdown (path, -1);

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    if (g_str_has_suffix (lower, suffixes[i]))
      return TRUE;
  return FALSE;
}

/* Reads the report @path and shows its draft for review, which imports it */
WpReportDialog *
_wp_window_review_report (WpWindow   *self,
                          const char *path)
{
  WpReportDialog *dialog = wp_report_dialog_new (self, path);

  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}
