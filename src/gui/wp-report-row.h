/* wp-report-row.h: one item of a report's draft, as the review shows it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "wp-report-import.h"

G_BEGIN_DECLS

#define WP_REPORT_ROW_MAX_LEVEL 2

#define WP_TYPE_REPORT_ROW (wp_report_row_get_type ())
G_DECLARE_FINAL_TYPE (WpReportRow, wp_report_row, WP, REPORT_ROW, GObject)

WpReportRow  *wp_report_row_new       (WpReportItem *item,
                                       guint         level);
WpReportItem *wp_report_row_get_item  (WpReportRow  *self);
const char   *wp_report_row_get_title (WpReportRow  *self);
guint         wp_report_row_get_level (WpReportRow  *self);
void          wp_report_row_set_level (WpReportRow  *self,
                                       guint         level);
char         *wp_report_join_names    (GPtrArray    *names);
gboolean      wp_report_row_get_included (WpReportRow *self);
void          wp_report_row_set_included (WpReportRow *self,
                                          gboolean     included);

G_END_DECLS
