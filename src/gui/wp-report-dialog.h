/* wp-report-dialog.h: a work report, read into a draft plan the user fixes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "wp-report-row.h"
#include "wp-window.h"

G_BEGIN_DECLS

#define WP_TYPE_REPORT_DIALOG (wp_report_dialog_get_type ())
G_DECLARE_FINAL_TYPE (WpReportDialog, wp_report_dialog, WP, REPORT_DIALOG, AdwWindow)

WpReportDialog *wp_report_dialog_new       (WpWindow       *window,
                                            const char     *path);
gboolean        wp_report_dialog_is_reading (WpReportDialog *self);
GListModel     *wp_report_dialog_get_rows  (WpReportDialog *self);
void            wp_report_dialog_select    (WpReportDialog *self,
                                            guint           position);
GtkTextView    *wp_report_dialog_get_source_view (WpReportDialog *self);
gboolean        wp_report_dialog_import    (WpReportDialog *self);

G_END_DECLS
