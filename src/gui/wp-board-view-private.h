/* wp-board-view-private.h: the board's parts: the view, and its columns
 * and cards (wp-board-columns.c)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "wp-board-view.h"
#include "wp-view-refresh.h"
#include "wp-view.h"

G_BEGIN_DECLS

#define COLUMN_WIDTH 256
/* Cards a column shows before "Show More": GTK 4.8's list view keeps up to
 * 200 rows of widgets whatever the height, which for twenty columns of
 * wrapped Chinese titles is seconds of layout. */
#define FIRST_CARDS 24
#define MORE_CARDS 100

typedef struct _Column Column;

struct _WpBoardView
{
  AdwBin           parent_instance;

  WpViewBinding    binding;
  WpFilter         filter;        /* the window's search and filters */
  WpBoardGrouping  grouping;
  WpBoardCards     cards;

  GtkDropDown     *grouping_dropdown;
  GtkDropDown     *cards_dropdown;
  GtkStack        *stack;
  AdwStatusPage   *empty_page;
  GtkButton       *clear_button;
  GtkBox          *columns_box;

  GPtrArray       *columns;       /* Column */
  GtkScrolledWindow *board_scroller;
  double           drag_x;        /* the pointer during a drag, for edge scrolling */
  guint            autoscroll_id;
  GtkDropControllerMotion *drag_motion;
  WpViewRefresh   refresh;
  gint64           follow_id;     /* a card just moved: select it where it lands */
  GHashTable      *paths;         /* parent id → "area › task", for the cards shown */
  guint            fill_idle;     /* the columns scrolled into view get their cards */
  gboolean         updating;
};

struct _Column
{
  WpBoardView        *view;
  WpBoardColumn      *data;
  GtkWidget          *box;
  GtkWidget          *title;
  GtkWidget          *count;
  GtkWidget          *overdue;
  GtkWidget          *list;
  GtkWidget          *more;
  WpIdList           *ids;
  GtkSingleSelection *selection;
  gboolean            filled;     /* its ids given to its list (see _wp_board_fill_shown()) */
};

/* wp-board-columns.c: a new column is put at the end of the board */
Column      *_wp_board_column_new       (WpBoardView   *self,
                                         WpBoardColumn *data);
void         _wp_board_column_update    (Column        *column);
void         _wp_board_column_reset     (Column        *column);
void         _wp_board_update_more      (Column        *column);
void         _wp_board_column_fill      (Column        *column);
void         _wp_board_string_free_all  (GString       *string);

/* wp-board-view.c */
WpStore     *_wp_board_get_store        (WpBoardView   *self);
void         _wp_board_fill_shown       (WpBoardView   *self);
void         _wp_board_column_free      (Column        *column);
Column      *_wp_board_column_of_widget (WpBoardView   *self,
                                         GtkWidget     *widget);
void         _wp_board_show_move_menu   (WpBoardView   *self,
                                         GtkWidget     *anchor,
                                         double         x,
                                         double         y);
gboolean     _wp_board_move_card        (WpBoardView   *self,
                                         gint64         item_id,
                                         Column        *to);
gboolean     _wp_board_reorder_card     (WpBoardView   *self,
                                         gint64         item_id,
                                         gint64         before_id);
void         _wp_board_refresh          (WpBoardView   *self);

/* wp-board-scroll.c */
void      _wp_board_stop_autoscroll  (WpBoardView             *self);
void      _wp_board_on_drag_motion   (GtkDropControllerMotion *motion,
                                      double                   x,
                                      double                   y,
                                      WpBoardView             *self);

G_END_DECLS
