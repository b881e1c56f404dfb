/* wp-board-card.h: one card of the board
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "workplan-core.h"

G_BEGIN_DECLS

#define WP_TYPE_BOARD_CARD (wp_board_card_get_type ())
G_DECLARE_FINAL_TYPE (WpBoardCard, wp_board_card, WP, BOARD_CARD, GtkBox)

GtkWidget  *wp_board_card_new   (void);
void        wp_board_card_show  (WpBoardCard *self,
                                 WpItem      *item,
                                 const char  *path,
                                 gboolean     behind);

G_END_DECLS
