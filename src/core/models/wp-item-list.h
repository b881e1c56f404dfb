/* wp-item-list.h: the children of one item as a GListModel
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "wp-store.h"

G_BEGIN_DECLS

#define WP_TYPE_ITEM_LIST (wp_item_list_get_type ())
G_DECLARE_FINAL_TYPE (WpItemList, wp_item_list, WP, ITEM_LIST, GObject)

WpItemList *wp_item_list_new           (WpStore    *store,
                                        gint64      plan_id,
                                        gint64      parent_id);
WpItemList *wp_item_list_new_for_item  (WpStore    *store,
                                        WpItem     *parent);
WpItemList *wp_item_list_new_shown     (WpStore    *store,
                                        gint64      plan_id,
                                        gint64      parent_id);
gint64      wp_item_list_get_parent_id (WpItemList *self);

G_END_DECLS
