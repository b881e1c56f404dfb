/* wp-item.h: a node of a plan's hierarchy (area, key task or action)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "wp-enums.h"
#include "wp-light.h"

G_BEGIN_DECLS

#define WP_TYPE_ITEM (wp_item_get_type ())
G_DECLARE_FINAL_TYPE (WpItem, wp_item, WP, ITEM, GObject)

gint64               wp_item_get_id                 (WpItem      *self);
const char          *wp_item_get_uuid               (WpItem      *self);
gint64               wp_item_get_plan_id            (WpItem      *self);
int                  wp_item_get_plan_year          (WpItem      *self);
gint64               wp_item_get_parent_id          (WpItem      *self);
int                  wp_item_get_position           (WpItem      *self);
WpItemKind           wp_item_get_kind               (WpItem      *self);
const char          *wp_item_get_title              (WpItem      *self);
const char          *wp_item_get_description        (WpItem      *self);
WpItemStatus         wp_item_get_status             (WpItem      *self);
int                  wp_item_get_progress           (WpItem      *self);
int                  wp_item_get_effective_progress (WpItem      *self);
const GDate         *wp_item_get_due                (WpItem      *self);
const GDate         *wp_item_get_done_date          (WpItem      *self);
const char          *wp_item_get_due_label          (WpItem      *self);
gboolean             wp_item_get_ongoing            (WpItem      *self);
gboolean             wp_item_get_carried_over       (WpItem      *self);
gboolean             wp_item_get_carried_forward    (WpItem      *self);
guint                wp_item_get_n_children         (WpItem      *self);
const char * const  *wp_item_get_lead_agencies      (WpItem      *self);
const char * const  *wp_item_get_co_agencies        (WpItem      *self);
WpItemStatus         wp_item_get_effective_status   (WpItem      *self);
guint                wp_item_get_revision           (WpItem      *self);
WpLight              wp_item_get_light              (WpItem      *self);
const char          *wp_item_get_status_label       (WpItem      *self);
const char          *wp_item_get_light_label        (WpItem      *self);

G_END_DECLS
