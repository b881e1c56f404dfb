/* wp-reporting-view.h: the reporting view (报送)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "wp-context.h"

G_BEGIN_DECLS

#define WP_TYPE_REPORTING_VIEW (wp_reporting_view_get_type ())
G_DECLARE_FINAL_TYPE (WpReportingView, wp_reporting_view, WP, REPORTING_VIEW, AdwBin)

gboolean   wp_reporting_view_select_agency  (WpReportingView *self,
                                             const char      *name);
gboolean   wp_reporting_view_copy_reminder  (WpReportingView *self,
                                             const char      *agency);
GtkWidget *wp_reporting_view_draft_bulletin (WpReportingView *self);
void       wp_reporting_view_refresh_now    (WpReportingView *self);

G_END_DECLS
