/* wp-item-cache.h: the live WpItems views hold, one per row
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "wp-item-private.h"

G_BEGIN_DECLS

typedef struct _WpItemCache WpItemCache;

WpItemCache *wp_item_cache_new      (void);
void         wp_item_cache_free     (WpItemCache  *self);
WpItem      *wp_item_cache_take     (WpItemCache  *self,
                                     WpItemData   *data);
WpItem      *wp_item_cache_lookup   (WpItemCache  *self,
                                     gint64        item_id);
gboolean     wp_item_cache_contains (WpItemCache  *self,
                                     gint64        item_id);
guint        wp_item_cache_size     (WpItemCache  *self);
GArray      *wp_item_cache_ids      (WpItemCache  *self);
void         wp_item_cache_clear    (WpItemCache  *self);

G_END_DECLS
