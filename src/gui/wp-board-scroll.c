/* wp-board-scroll.c: the board scrolls when a card is dragged to its edge
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "wp-board-view-private.h"

/* Edge scrolling: a card dragged near the left or right edge of the board
 * scrolls it, so that every column can be reached in one drag. */

#define EDGE 56

void
_wp_board_stop_autoscroll (WpBoardView *self)
{
  if (self->autoscroll_id != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self->board_scroller), self->autoscroll_id);
  self->autoscroll_id = 0;
}

static gboolean
autoscroll_tick (GtkWidget     *widget,
                 GdkFrameClock *clock,
                 gpointer       data)
{
  WpBoardView *self = data;
  GtkAdjustment *adj = gtk_scrolled_window_get_hadjustment (self->board_scroller);
  double width = gtk_widget_get_width (widget);
  double step = 0;

  /* The drag may have ended at the edge */
  if (!gtk_drop_controller_motion_contains_pointer (self->drag_motion))
    step = 0;
  else if (self->drag_x < EDGE)
    step = -(EDGE - self->drag_x) / 2;
  else if (self->drag_x > width - EDGE)
    step = (self->drag_x - (width - EDGE)) / 2;
  if (step == 0)
    {
      self->autoscroll_id = 0;
      return G_SOURCE_REMOVE;
    }
  gtk_adjustment_set_value (adj, gtk_adjustment_get_value (adj) + step);
  return G_SOURCE_CONTINUE;
}

void
_wp_board_on_drag_motion (GtkDropControllerMotion *motion,
                double                   x,
                double                   y,
                WpBoardView             *self)
{
  double width = gtk_widget_get_width (GTK_WIDGET (self->board_scroller));

  self->drag_x = x;
  if ((x < EDGE || x > width - EDGE) && self->autoscroll_id == 0)
    self->autoscroll_id = gtk_widget_add_tick_callback (GTK_WIDGET (self->board_scroller),
                                                        autoscroll_tick, self, NULL);
}
