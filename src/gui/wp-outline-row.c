/* wp-outline-row.c: one row of the outline, its cells side by side in columns
 *
 * The outline is a one-column GtkGridView of these rows, with one more as
 * its header. Not a GtkColumnView: GTK 4.8's list views keep two hundred
 * rows of widgets whatever the height of the window, and a column view
 * wraps every cell of them in a widget of its own; a grid view keeps
 * thirty rows (making them taller when the window is very tall), so
 * opening an area of a thousand key tasks or typing a search makes a
 * screenful of rows instead of two hundred.
 *
 * Every row lays its cells out the same way: the title takes what the
 * other columns, of fixed widths, leave.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "wp-outline-row.h"

struct _WpOutlineRow
{
  GtkWidget  parent_instance;

  GtkWidget *expander;   /* before the title, in the title column */
  GtkWidget *cells[WP_OUTLINE_N_COLUMNS];
};

G_DEFINE_FINAL_TYPE (WpOutlineRow, wp_outline_row, GTK_TYPE_WIDGET)

enum {
  SIGNAL_COLUMNS_RESIZED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Widths of the columns after the title's, shared by every outline; the
 * header's edges drag them wider or narrower. */
static const int default_widths[WP_OUTLINE_N_COLUMNS] = { 0, 140, 160, 130, 90, 110, 130, 200 };
static int fixed_widths[WP_OUTLINE_N_COLUMNS] = { 0, 140, 160, 130, 90, 110, 130, 200 };

/* Which columns show, in every outline: the milestone's only when asked for
 * (see wp_outline_column_set_shown()). A hidden column takes no width. */
static gboolean shown_columns[WP_OUTLINE_N_COLUMNS] = {
  TRUE, TRUE, TRUE, TRUE, TRUE, TRUE, TRUE, FALSE,
};

#define MIN_COLUMN_WIDTH 48

/* In a narrow window the columns after the title give up some of their
 * width, down to this share of it, so that the title keeps this much and
 * every column, the status light last, stays in view (at 800 px the light
 * was cut off). Every row and the header narrow them alike: it depends on
 * the row's width alone. Narrower still, the outline scrolls sideways. */
#define TITLE_KEPT 200
#define MIN_SHARE 0.6
#define EDGE_GRAB 5     /* how near an edge the pointer takes it, in pixels */

const char *
wp_outline_column_title (WpOutlineColumn column)
{
  switch (column)
    {
    case WP_OUTLINE_COLUMN_TITLE: return _("Title");
    case WP_OUTLINE_COLUMN_LEAD: return _("Lead agency");
    case WP_OUTLINE_COLUMN_CO: return _("Supporting agencies");
    case WP_OUTLINE_COLUMN_DUE: return _("Deadline");
    case WP_OUTLINE_COLUMN_STATUS: return _("Status");
    case WP_OUTLINE_COLUMN_PROGRESS: return _("Progress");
    case WP_OUTLINE_COLUMN_LIGHT: return _("Status light");
    case WP_OUTLINE_COLUMN_MILESTONE: return _("This quarter’s milestone");
    case WP_OUTLINE_N_COLUMNS:
    default:
      g_return_val_if_reached (NULL);
    }
}

static int
fixed_total (void)
{
  int total = 0;

  for (guint i = 1; i < WP_OUTLINE_N_COLUMNS; i++)
    if (shown_columns[i])
      total += fixed_widths[i];
  return total;
}

/* The width of column @i after the title in a row @width wide (-1: as
 * wide as it would like) */
static int
column_width (guint i,
              int   width)
{
  int total = fixed_total ();
  double share = 1.0;

  if (!shown_columns[i])
    return 0;
  if (width >= 0 && width - TITLE_KEPT < total)
    share = MAX (MIN_SHARE, (double) (width - TITLE_KEPT) / total);
  return (int) (fixed_widths[i] * share);
}

/* The width all the columns after the title take in a row @width wide */
static int
columns_total (int width)
{
  int total = 0;

  for (guint i = 1; i < WP_OUTLINE_N_COLUMNS; i++)
    total += column_width (i, width);
  return total;
}

/* The width of the expander before the title (its indentation and arrow). */
static int
expander_width (WpOutlineRow *self)
{
  int width = 0;

  if (self->expander != NULL)
    gtk_widget_measure (self->expander, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &width, NULL, NULL);
  return width;
}

/* The smallest and natural widths of the title column, the expander
 * included. */
static void
title_sizes (WpOutlineRow *self,
             int          *min,
             int          *nat)
{
  int expander = expander_width (self);

  *min = *nat = 0;
  if (self->cells[WP_OUTLINE_COLUMN_TITLE] != NULL)
    gtk_widget_measure (self->cells[WP_OUTLINE_COLUMN_TITLE], GTK_ORIENTATION_HORIZONTAL, -1,
                        min, nat, NULL, NULL);
  *min += expander;
  *nat += expander;
}

/* The width the title column gets in a row @width wide, the expander
 * included. */
static int
title_width (WpOutlineRow *self,
             int           width)
{
  int min, nat;

  title_sizes (self, &min, &nat);
  if (width < 0)
    return nat;
  return MAX (min, width - columns_total (width));
}

static void
wp_outline_row_measure (GtkWidget      *widget,
                        GtkOrientation  orientation,
                        int             for_size,
                        int            *minimum,
                        int            *natural,
                        int            *minimum_baseline,
                        int            *natural_baseline)
{
  WpOutlineRow *self = WP_OUTLINE_ROW (widget);

  *minimum = *natural = 0;
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      title_sizes (self, minimum, natural);
      *minimum += (int) (fixed_total () * MIN_SHARE) + 1;
      *natural += fixed_total ();
      return;
    }

  if (self->expander != NULL)
    gtk_widget_measure (self->expander, orientation, -1, minimum, natural, NULL, NULL);
  for (guint i = 0; i < WP_OUTLINE_N_COLUMNS; i++)
    {
      int width = i == WP_OUTLINE_COLUMN_TITLE
                  ? title_width (self, for_size) - expander_width (self)
                  : column_width (i, for_size);
      int min = 0, nat = 0;

      if (self->cells[i] == NULL || !gtk_widget_get_visible (self->cells[i]))
        continue;
      gtk_widget_measure (self->cells[i], orientation, width, &min, &nat, NULL, NULL);
      *minimum = MAX (*minimum, min);
      *natural = MAX (*natural, nat);
    }
}

/* Titles wrap: a row's height depends on its width. */
static GtkSizeRequestMode
wp_outline_row_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
wp_outline_row_size_allocate (GtkWidget *widget,
                              int        width,
                              int        height,
                              int        baseline)
{
  WpOutlineRow *self = WP_OUTLINE_ROW (widget);
  gboolean rtl = gtk_widget_get_direction (widget) == GTK_TEXT_DIR_RTL;
  int x = 0;

  /* The expander first, then the title beside it. Neither is ever asked
   * its width for a height: a wrapping label answers that by trying widths
   * one after the other, which a tree expander's box made it do for every
   * row drawn. */
  if (self->expander != NULL)
    {
      int expander = expander_width (self);

      gtk_widget_size_allocate (self->expander,
                                &(GtkAllocation) { rtl ? width - expander : 0, 0,
                                                   expander, height },
                                -1);
      x = expander;
    }

  for (guint i = 0; i < WP_OUTLINE_N_COLUMNS; i++)
    {
      int cell_width = i == WP_OUTLINE_COLUMN_TITLE ? title_width (self, width) - x
                                                    : column_width (i, width);

      if (self->cells[i] != NULL && gtk_widget_get_visible (self->cells[i]))
        gtk_widget_size_allocate (self->cells[i],
                                  &(GtkAllocation) {
                                    rtl ? width - x - cell_width : x, 0, cell_width, height
                                  }, -1);
      x += cell_width;
    }
}

static void
wp_outline_row_dispose (GObject *object)
{
  WpOutlineRow *self = WP_OUTLINE_ROW (object);

  g_clear_pointer (&self->expander, gtk_widget_unparent);
  for (guint i = 0; i < WP_OUTLINE_N_COLUMNS; i++)
    g_clear_pointer (&self->cells[i], gtk_widget_unparent);

  G_OBJECT_CLASS (wp_outline_row_parent_class)->dispose (object);
}

static void
wp_outline_row_class_init (WpOutlineRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = wp_outline_row_dispose;
  widget_class->get_request_mode = wp_outline_row_get_request_mode;
  widget_class->measure = wp_outline_row_measure;
  widget_class->size_allocate = wp_outline_row_size_allocate;

  gtk_widget_class_set_css_name (widget_class, "wp-outline-row");

  /**
   * WpOutlineRow::columns-resized:
   *
   * The header's edges were dragged or reset: the columns have other
   * widths (see wp_outline_column_get_width()).
   */
  signals[SIGNAL_COLUMNS_RESIZED] =
    g_signal_new ("columns-resized", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
wp_outline_row_init (WpOutlineRow *self)
{
}

GtkWidget *
wp_outline_row_new (void)
{
  return g_object_new (WP_TYPE_OUTLINE_ROW, NULL);
}

/* Resizing columns from the header */

/* The column whose right edge is at @x in the header, or -1. The title
 * takes what the others leave, so its edge is not one to drag. */
static int
edge_at (WpOutlineRow *self,
         double        x)
{
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  int edge = title_width (self, width);

  if (gtk_widget_get_direction (GTK_WIDGET (self)) == GTK_TEXT_DIR_RTL)
    x = width - x;
  for (guint i = WP_OUTLINE_COLUMN_LEAD; i < WP_OUTLINE_N_COLUMNS; i++)
    {
      if (!shown_columns[i])
        continue;
      edge += column_width (i, width);
      if (ABS (x - edge) <= EDGE_GRAB)
        return i;
    }
  return -1;
}

/* Lays out again every row under @widget. */
static void
relayout_rows (GtkWidget *widget)
{
  if (WP_IS_OUTLINE_ROW (widget))
    {
      gtk_widget_queue_resize (widget);
      return;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    relayout_rows (child);
}

static void
on_header_motion (GtkEventControllerMotion *motion,
                  double                    x,
                  double                    y,
                  WpOutlineRow             *self)
{
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self), edge_at (self, x) >= 0 ? "col-resize" : NULL);
}

static void
on_header_drag_begin (GtkGestureDrag *drag,
                      double          x,
                      double          y,
                      WpOutlineRow   *self)
{
  int column = edge_at (self, x);

  if (column < 0)
    {
      gtk_gesture_set_state (GTK_GESTURE (drag), GTK_EVENT_SEQUENCE_DENIED);
      return;
    }
  gtk_gesture_set_state (GTK_GESTURE (drag), GTK_EVENT_SEQUENCE_CLAIMED);
  g_object_set_data (G_OBJECT (drag), "wp-column", GINT_TO_POINTER (column));
  g_object_set_data (G_OBJECT (drag), "wp-width", GINT_TO_POINTER (fixed_widths[column]));
}

static void
on_header_drag_end (GtkGestureDrag *drag,
                    double          dx,
                    double          dy,
                    WpOutlineRow   *self)
{
  g_signal_emit (self, signals[SIGNAL_COLUMNS_RESIZED], 0);
}

static void
on_header_drag_update (GtkGestureDrag *drag,
                       double          dx,
                       double          dy,
                       WpOutlineRow   *self)
{
  int column = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (drag), "wp-column"));
  int start = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (drag), "wp-width"));

  if (gtk_widget_get_direction (GTK_WIDGET (self)) == GTK_TEXT_DIR_RTL)
    dx = -dx;
  wp_outline_column_set_width (column, start + (int) dx);
  /* The header's parent holds the outline's rows too. */
  relayout_rows (gtk_widget_get_parent (GTK_WIDGET (self)));
}

/* Double clicking an edge gives the column its width back. */
static void
on_header_pressed (GtkGestureClick *click,
                   int              n_press,
                   double           x,
                   double           y,
                   WpOutlineRow    *self)
{
  int column = edge_at (self, x);

  if (n_press != 2 || column < 0)
    return;
  wp_outline_column_set_width (column, default_widths[column]);
  relayout_rows (gtk_widget_get_parent (GTK_WIDGET (self)));
  g_signal_emit (self, signals[SIGNAL_COLUMNS_RESIZED], 0);
}

/**
 * wp_outline_column_set_width:
 *
 * Sets the width of a column after the title, in every outline; the rows
 * must be laid out again.
 */
void
wp_outline_column_set_width (WpOutlineColumn column,
                             int             width)
{
  g_return_if_fail (column > WP_OUTLINE_COLUMN_TITLE && column < WP_OUTLINE_N_COLUMNS);
  fixed_widths[column] = MAX (MIN_COLUMN_WIDTH, width);
}

gboolean
wp_outline_column_get_shown (WpOutlineColumn column)
{
  g_return_val_if_fail (column < WP_OUTLINE_N_COLUMNS, FALSE);
  return shown_columns[column];
}

/**
 * wp_outline_column_set_shown:
 *
 * Shows or hides a column after the title, in every outline; the rows
 * made already learn it from wp_outline_rows_show_columns().
 */
void
wp_outline_column_set_shown (WpOutlineColumn column,
                             gboolean        shown)
{
  g_return_if_fail (column > WP_OUTLINE_COLUMN_TITLE && column < WP_OUTLINE_N_COLUMNS);
  shown_columns[column] = shown;
}

/* Shows and hides the cells of every row under @widget (the header's
 * too) as their columns are, and lays the rows out again. */
void
wp_outline_rows_show_columns (GtkWidget *widget)
{
  if (WP_IS_OUTLINE_ROW (widget))
    {
      WpOutlineRow *self = WP_OUTLINE_ROW (widget);

      for (guint i = 1; i < WP_OUTLINE_N_COLUMNS; i++)
        if (self->cells[i] != NULL)
          gtk_widget_set_visible (self->cells[i], shown_columns[i]);
      gtk_widget_queue_resize (widget);
      return;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    wp_outline_rows_show_columns (child);
}

int
wp_outline_column_get_width (WpOutlineColumn column)
{
  g_return_val_if_fail (column < WP_OUTLINE_N_COLUMNS, 0);
  return fixed_widths[column];
}

/* A row of the columns' names, to head the outline; dragging the edges
 * between them resizes the columns. */
GtkWidget *
wp_outline_row_new_header (void)
{
  WpOutlineRow *self = g_object_new (WP_TYPE_OUTLINE_ROW, NULL);
  GtkEventController *motion = gtk_event_controller_motion_new ();
  GtkGesture *drag = gtk_gesture_drag_new ();
  GtkGesture *click = gtk_gesture_click_new ();

  g_signal_connect (motion, "enter", G_CALLBACK (on_header_motion), self);
  g_signal_connect (motion, "motion", G_CALLBACK (on_header_motion), self);
  gtk_widget_add_controller (GTK_WIDGET (self), motion);
  g_signal_connect (drag, "drag-begin", G_CALLBACK (on_header_drag_begin), self);
  g_signal_connect (drag, "drag-update", G_CALLBACK (on_header_drag_update), self);
  g_signal_connect (drag, "drag-end", G_CALLBACK (on_header_drag_end), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drag));
  g_signal_connect (click, "pressed", G_CALLBACK (on_header_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));

  gtk_widget_add_css_class (GTK_WIDGET (self), "wp-outline-header");
  for (guint i = 0; i < WP_OUTLINE_N_COLUMNS; i++)
    {
      GtkWidget *label = gtk_label_new (wp_outline_column_title (i));

      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_accessible_update_property (GTK_ACCESSIBLE (label), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      wp_outline_column_title (i), -1);
      wp_outline_row_set_cell (self, i, label);
    }
  return GTK_WIDGET (self);
}

void
wp_outline_row_set_cell (WpOutlineRow    *self,
                         WpOutlineColumn  column,
                         GtkWidget       *cell)
{
  g_return_if_fail (WP_IS_OUTLINE_ROW (self));
  g_return_if_fail (column < WP_OUTLINE_N_COLUMNS);

  g_clear_pointer (&self->cells[column], gtk_widget_unparent);
  self->cells[column] = cell;
  if (cell == NULL)
    return;
  gtk_widget_set_visible (cell, shown_columns[column]);

  /* Children in column order, for focus and screen readers. */
  {
    GtkWidget *before = NULL;

    for (guint i = column + 1; i < WP_OUTLINE_N_COLUMNS && before == NULL; i++)
      before = self->cells[i];
    gtk_widget_insert_before (cell, GTK_WIDGET (self), before);
  }
}

/* The tree expander (indentation and arrow) before the title. */
void
wp_outline_row_set_expander (WpOutlineRow *self,
                             GtkWidget    *expander)
{
  g_return_if_fail (WP_IS_OUTLINE_ROW (self));

  g_clear_pointer (&self->expander, gtk_widget_unparent);
  self->expander = expander;
  if (expander != NULL)
    gtk_widget_insert_after (expander, GTK_WIDGET (self), NULL);
}

GtkWidget *
wp_outline_row_get_expander (WpOutlineRow *self)
{
  g_return_val_if_fail (WP_IS_OUTLINE_ROW (self), NULL);
  return self->expander;
}

GtkWidget *
wp_outline_row_get_cell (WpOutlineRow    *self,
                         WpOutlineColumn  column)
{
  g_return_val_if_fail (WP_IS_OUTLINE_ROW (self), NULL);
  g_return_val_if_fail (column < WP_OUTLINE_N_COLUMNS, NULL);

  return self->cells[column];
}
