/* wp-outline-view-private.h: what the outline's rows tell the view
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "wp-outline-view.h"

G_BEGIN_DECLS

/* wp-outline-columns.c */
GtkListItemFactory *wp_outline_columns_new_factory (WpOutlineView *self);
GtkWidget *wp_outline_title_get_entry  (GtkWidget     *title_cell);
GtkWidget *wp_outline_title_get_label  (GtkWidget     *title_cell);
void       wp_outline_title_draw       (WpOutlineView *self,
                                        GtkWidget     *title_cell,
                                        WpItem        *item);

/* wp-outline-dnd.c */
void       wp_outline_dnd_setup_view   (GtkWidget     *view);
void       wp_outline_dnd_setup_row    (WpOutlineView *self,
                                        GtkListItem   *list_item,
                                        GtkWidget     *row,
                                        GtkWidget     *title);

/* wp-outline-view.c */
gboolean   _wp_outline_view_move        (WpOutlineView *self,
                                         gint64         item_id,
                                         gint64         new_parent_id,
                                         int            new_position);
WpContext *_wp_outline_view_get_context (WpOutlineView *self);
const char *_wp_outline_view_get_search (WpOutlineView *self);
guint      _wp_outline_view_get_search_serial (WpOutlineView *self);
gboolean   _wp_outline_view_is_match    (WpOutlineView *self,
                                         gint64         item_id);
void       _wp_outline_view_title_bound (WpOutlineView *self,
                                         WpItem        *item,
                                         GtkWidget     *title_cell);
void       _wp_outline_view_row_shown   (WpOutlineView  *self,
                                         GtkListItem    *list_item,
                                         WpItem         *item);
void       _wp_outline_view_title_unbound (WpOutlineView *self,
                                           WpItem        *item,
                                           GtkWidget     *title_cell);

G_END_DECLS
