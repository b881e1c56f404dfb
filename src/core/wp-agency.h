/* wp-agency.h: an organisation unit (单位) that leads or supports items
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "wp-enums.h"

G_BEGIN_DECLS

#define WP_TYPE_AGENCY (wp_agency_get_type ())
G_DECLARE_FINAL_TYPE (WpAgency, wp_agency, WP, AGENCY, GObject)

WpAgency     *wp_agency_new            (gint64        id,
                                        const char   *name,
                                        const char   *short_name,
                                        WpAgencyKind  kind);
gint64        wp_agency_get_id         (WpAgency     *self);
const char   *wp_agency_get_name       (WpAgency     *self);
const char   *wp_agency_get_short_name (WpAgency     *self);
WpAgencyKind  wp_agency_get_kind       (WpAgency     *self);
WpAgencyKind  wp_agency_kind_guess     (const char   *name);
guint         wp_agency_names_alike    (const char   *a,
                                        const char   *b);

G_END_DECLS
