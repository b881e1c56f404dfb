/* wp-plan.h: one year's agenda of one organisation
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define WP_TYPE_PLAN (wp_plan_get_type ())
G_DECLARE_FINAL_TYPE (WpPlan, wp_plan, WP, PLAN, GObject)

WpPlan     *wp_plan_new              (gint64      id,
                                      int         year,
                                      const char *title,
                                      const char *organization);
gint64      wp_plan_get_id           (WpPlan     *self);
int         wp_plan_get_year         (WpPlan     *self);
const char *wp_plan_get_title        (WpPlan     *self);
const char *wp_plan_get_organization (WpPlan     *self);
void        wp_plan_set_title        (WpPlan     *self,
                                      const char *title);
void        wp_plan_set_organization (WpPlan     *self,
                                      const char *organization);

G_END_DECLS
