/* wp-closeout-group.h: an item's close-out and evidence files in the item
 * pane
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "wp-context.h"

G_BEGIN_DECLS

#define WP_TYPE_CLOSEOUT_GROUP (wp_closeout_group_get_type ())
G_DECLARE_FINAL_TYPE (WpCloseoutGroup, wp_closeout_group, WP, CLOSEOUT_GROUP, AdwBin)

GtkWidget *wp_closeout_group_new         (void);
void       wp_closeout_group_set_context (WpCloseoutGroup *self,
                                          WpContext       *context);
void       wp_closeout_group_set_item    (WpCloseoutGroup *self,
                                          WpItem          *item);
void       wp_closeout_group_refresh     (WpCloseoutGroup *self);

char      *wp_format_timestamp           (const char      *iso);

G_END_DECLS
