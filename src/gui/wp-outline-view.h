/* wp-outline-view.h: the plan as a tree of areas, key tasks and actions
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "wp-context.h"

G_BEGIN_DECLS

#define WP_TYPE_OUTLINE_VIEW (wp_outline_view_get_type ())
G_DECLARE_FINAL_TYPE (WpOutlineView, wp_outline_view, WP, OUTLINE_VIEW, AdwBin)

WpItem *wp_outline_view_get_selected_item (WpOutlineView *self);
void wp_outline_view_set_milestone_column_shown (WpOutlineView *self,
                                                 gboolean       shown);
void wp_outline_view_expand_all  (WpOutlineView *self,
                                  gboolean       expand);
void wp_outline_view_set_search  (WpOutlineView *self,
                                  const char    *query);
void wp_outline_view_set_filter  (WpOutlineView  *self,
                                  const WpFilter *filter);

gboolean wp_outline_view_is_editing (WpOutlineView *self);
gboolean wp_outline_view_show_item (WpOutlineView *self,
                                    gint64         item_id);

G_END_DECLS
