/* wp-agency-view.h: the agency directory (单位)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "wp-context.h"

G_BEGIN_DECLS

#define WP_TYPE_AGENCY_VIEW (wp_agency_view_get_type ())
G_DECLARE_FINAL_TYPE (WpAgencyView, wp_agency_view, WP, AGENCY_VIEW, AdwBin)

void wp_agency_view_edit        (WpAgencyView *self,
                                 gint64        agency_id);
void wp_agency_view_merge       (WpAgencyView *self,
                                 gint64        agency_id);
void wp_agency_view_refresh_now (WpAgencyView *self);

G_END_DECLS
