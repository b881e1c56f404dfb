/* wp-report-dialog.h: a work report, read into a draft plan the user fixes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "wp-window.h"

G_BEGIN_DECLS

#define WP_TYPE_REPORT_DIALOG (wp_report_dialog_get_type ())
G_DECLARE_FINAL_TYPE (WpReportDialog, wp_report_dialog, WP, REPORT_DIALOG, AdwWindow)

/* One item of the draft as the review shows it: the report's order, with
 * its level (0 area, 1 key task, 2 action) */
#define WP_TYPE_REPORT_ROW (wp_report_row_get_type ())
G_DECLARE_FINAL_TYPE (WpReportRow, wp_report_row, WP, REPORT_ROW, GObject)

const char     *wp_report_row_get_title    (WpReportRow    *row);
guint           wp_report_row_get_level    (WpReportRow    *row);

WpReportDialog *wp_report_dialog_new       (WpWindow       *window,
                                            const char     *path);
gboolean        wp_report_dialog_is_reading (WpReportDialog *self);
GListModel     *wp_report_dialog_get_rows  (WpReportDialog *self);
void            wp_report_dialog_select    (WpReportDialog *self,
                                            guint           position);
GtkTextView    *wp_report_dialog_get_source_view (WpReportDialog *self);
gboolean        wp_report_dialog_import    (WpReportDialog *self);

G_END_DECLS
