/* wp-outline-dnd.c: dragging rows of the outline to reorder and reparent
 *
 * One drop target on the whole outline finds the row under the pointer,
 * so rows take drops without a controller on each of them (rows are made
 * and dropped as the outline scrolls). The title is what one drags. Where the pointer is
 * in the row decides what a drop does: the top quarter puts
 * the item before the row's item, the bottom quarter after it, the middle
 * makes it the row item's last child. The row shows which, with a line
 * above or below or a highlight. A drop is one undoable move; moving an
 * item into itself or its own sub-items is refused.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "wp-outline-view-private.h"

typedef enum {
  DROP_BEFORE,
  DROP_INTO,
  DROP_AFTER,
} DropZone;

static const char *zone_classes[] = { "wp-drop-before", "wp-drop-into", "wp-drop-after" };

static WpItem *
cell_item (GtkWidget *cell)
{
  GtkListItem *list_item = g_object_get_data (G_OBJECT (cell), "wp-list-item");
  GtkTreeListRow *row = list_item ? gtk_list_item_get_item (list_item) : NULL;

  return row ? gtk_tree_list_row_get_item (row) : NULL;
}

/* The list's widget around a row, which shows the feedback. */
static GtkWidget *
row_widget (GtkWidget *cell)
{
  return gtk_widget_get_parent (cell);
}

static DropZone
zone_at (GtkWidget *cell,
         double     y)
{
  GtkWidget *row = row_widget (cell);
  double height, row_y = y;

  if (row != NULL)
    {
      graphene_point_t in_cell = GRAPHENE_POINT_INIT (0, y), in_row;

      if (gtk_widget_compute_point (cell, row, &in_cell, &in_row))
        row_y = in_row.y;
      height = gtk_widget_get_height (row);
    }
  else
    height = gtk_widget_get_height (cell);

  if (row_y < height * 0.25)
    return DROP_BEFORE;
  if (row_y > height * 0.75)
    return DROP_AFTER;
  return DROP_INTO;
}

static GdkContentProvider *
on_drag_prepare (GtkDragSource *source,
                 double         x,
                 double         y,
                 GtkWidget     *cell)
{
  g_autoptr(WpItem) item = cell_item (g_object_get_data (G_OBJECT (cell), "wp-row"));

  if (item == NULL)
    return NULL;
  return gdk_content_provider_new_typed (WP_TYPE_ITEM, item);
}

static void
on_drag_begin (GtkDragSource *source,
               GdkDrag       *drag,
               GtkWidget     *cell)
{
  g_autoptr(GdkPaintable) icon = gtk_widget_paintable_new (cell);

  gtk_drag_source_set_icon (source, icon, 0, 0);
}

/* The cell under a point of the outline, or NULL */
static GtkWidget *
cell_at (GtkWidget *view,
         double     x,
         double     y,
         double    *cell_y)
{
  GtkWidget *widget = gtk_widget_pick (view, x, y, GTK_PICK_DEFAULT);

  for (; widget != NULL && widget != view; widget = gtk_widget_get_parent (widget))
    if (g_object_get_data (G_OBJECT (widget), "wp-list-item") != NULL)
      {
        graphene_point_t in_view = GRAPHENE_POINT_INIT (x, y), in_cell;

        if (!gtk_widget_compute_point (view, widget, &in_view, &in_cell))
          return NULL;
        *cell_y = in_cell.y;
        return widget;
      }
  return NULL;
}

/* The row showing feedback, for the next motion or the leave to clear */
static void
set_feedback (GtkWidget *view,
              GtkWidget *row,
              DropZone   zone)
{
  GtkWidget *shown = g_object_get_data (G_OBJECT (view), "wp-drop-row");

  for (guint i = 0; shown != NULL && i < G_N_ELEMENTS (zone_classes); i++)
    gtk_widget_remove_css_class (shown, zone_classes[i]);
  g_object_set_data_full (G_OBJECT (view), "wp-drop-row",
                          row != NULL ? g_object_ref (row) : NULL, g_object_unref);
  if (row != NULL)
    gtk_widget_add_css_class (row, zone_classes[zone]);
}

static GdkDragAction
on_motion (GtkDropTarget *target,
           double         x,
           double         y,
           GtkWidget     *view)
{
  double cell_y;
  GtkWidget *cell = cell_at (view, x, y, &cell_y);

  if (cell == NULL)
    {
      set_feedback (view, NULL, DROP_INTO);
      return 0;
    }
  set_feedback (view, row_widget (cell), zone_at (cell, cell_y));
  return GDK_ACTION_MOVE;
}

static void
on_leave (GtkDropTarget *target,
          GtkWidget     *view)
{
  set_feedback (view, NULL, DROP_INTO);
}

/* Where among its future siblings the dragged item goes: positions count the
 * siblings without the item itself, as the store's move does. */
static int
position_for (WpItem   *dragged,
              WpItem   *target,
              DropZone  zone)
{
  int position = wp_item_get_position (target) + (zone == DROP_AFTER ? 1 : 0);

  if (wp_item_get_parent_id (dragged) == wp_item_get_parent_id (target)
      && wp_item_get_position (dragged) < wp_item_get_position (target))
    position--;
  return position;
}

static gboolean
on_drop (GtkDropTarget *drop,
         const GValue  *value,
         double         x,
         double         y,
         GtkWidget     *view)
{
  double cell_y;
  GtkWidget *cell = cell_at (view, x, y, &cell_y);
  WpOutlineView *self;
  g_autoptr(WpItem) target = NULL;
  WpItem *dragged = g_value_get_object (value);
  DropZone zone;

  set_feedback (view, NULL, DROP_INTO);
  if (cell == NULL)
    return FALSE;
  self = g_object_get_data (G_OBJECT (cell), "wp-outline");
  target = cell_item (cell);
  zone = zone_at (cell, cell_y);
  if (target == NULL || dragged == NULL || dragged == target)
    return FALSE;

  if (zone == DROP_INTO)
    return _wp_outline_view_move (self, wp_item_get_id (dragged), wp_item_get_id (target), -1);
  return _wp_outline_view_move (self, wp_item_get_id (dragged), wp_item_get_parent_id (target),
                                position_for (dragged, target, zone));
}

/* Makes the outline (its grid of rows) take drops. */
void
wp_outline_dnd_setup_view (GtkWidget *view)
{
  GtkDropTarget *target = gtk_drop_target_new (WP_TYPE_ITEM, GDK_ACTION_MOVE);

  g_signal_connect (target, "motion", G_CALLBACK (on_motion), view);
  g_signal_connect (target, "leave", G_CALLBACK (on_leave), view);
  g_signal_connect (target, "drop", G_CALLBACK (on_drop), view);
  gtk_widget_add_controller (view, GTK_EVENT_CONTROLLER (target));
}

/* Makes a row of the outline findable by the drop target, and its title a
 * drag source. */
void
wp_outline_dnd_setup_row (WpOutlineView *self,
                          GtkListItem   *list_item,
                          GtkWidget     *row,
                          GtkWidget     *title)
{
  GtkDragSource *source = gtk_drag_source_new ();

  g_object_set_data (G_OBJECT (row), "wp-list-item", list_item);
  g_object_set_data (G_OBJECT (row), "wp-outline", self);
  g_object_set_data (G_OBJECT (title), "wp-row", row);

  gtk_drag_source_set_actions (source, GDK_ACTION_MOVE);
  g_signal_connect (source, "prepare", G_CALLBACK (on_drag_prepare), title);
  g_signal_connect (source, "drag-begin", G_CALLBACK (on_drag_begin), title);
  gtk_widget_add_controller (title, GTK_EVENT_CONTROLLER (source));
}
