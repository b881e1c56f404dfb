/* wp-board-view.h: the kanban board (看板)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "wp-context.h"

G_BEGIN_DECLS

#define WP_TYPE_BOARD_VIEW (wp_board_view_get_type ())
G_DECLARE_FINAL_TYPE (WpBoardView, wp_board_view, WP, BOARD_VIEW, AdwBin)

void     wp_board_view_set_filter        (WpBoardView     *self,
                                          const WpFilter  *filter);
void     wp_board_view_set_grouping      (WpBoardView     *self,
                                          WpBoardGrouping  grouping);
void     wp_board_view_set_cards         (WpBoardView     *self,
                                          WpBoardCards     cards);
WpItem  *wp_board_view_get_selected_item (WpBoardView     *self);
gboolean wp_board_view_select_item       (WpBoardView     *self,
                                          gint64           item_id);
gboolean wp_board_view_move_selected     (WpBoardView     *self,
                                          const char      *column_key,
                                          GError         **error);
void     wp_board_view_refresh_now       (WpBoardView     *self);

G_END_DECLS
