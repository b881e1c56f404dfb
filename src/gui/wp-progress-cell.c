/* wp-progress-cell.c: a percentage over a bar, drawn as one widget
 *
 * The outline shows one in every row. A GtkProgressBar with its text is
 * four widgets (trough, progress, label and itself); rows are made by the
 * hundred when an area opens or a search changes, so this draws the same
 * thing itself: the percentage, small, right-aligned, over a thin bar in
 * the accent colour. Screen readers get a progress bar with its value.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "wp-progress-cell.h"

#define BAR_HEIGHT 6
#define SPACING 2

struct _WpProgressCell
{
  GtkWidget    parent_instance;

  int          percent;
  PangoLayout *layout;
};

G_DEFINE_FINAL_TYPE (WpProgressCell, wp_progress_cell, GTK_TYPE_WIDGET)

static void
set_text (WpProgressCell *self)
{
  g_autofree char *text = g_strdup_printf (_("%d%%"), self->percent);

  pango_layout_set_text (self->layout, text, -1);
}

/* The text, laid out once and again only when it changes: it follows the
 * widget's font by itself (the layout is on the widget's Pango context). */
static void
ensure_layout (WpProgressCell *self)
{
  PangoAttrList *attrs;

  if (self->layout != NULL)
    return;
  self->layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), NULL);
  attrs = pango_attr_list_new ();
  pango_attr_list_insert (attrs, pango_attr_scale_new (PANGO_SCALE_SMALL));
  pango_attr_list_insert (attrs, pango_attr_font_features_new ("tnum=1"));
  pango_layout_set_attributes (self->layout, attrs);
  pango_attr_list_unref (attrs);
  set_text (self);
}

static void
wp_progress_cell_measure (GtkWidget      *widget,
                          GtkOrientation  orientation,
                          int             for_size,
                          int            *minimum,
                          int            *natural,
                          int            *minimum_baseline,
                          int            *natural_baseline)
{
  WpProgressCell *self = WP_PROGRESS_CELL (widget);
  int width, height;

  ensure_layout (self);
  pango_layout_get_pixel_size (self->layout, &width, &height);
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = MAX (width, 40);
      *natural = MAX (width, 100);
    }
  else
    *minimum = *natural = height + SPACING + BAR_HEIGHT;
}

static void
append_rounded (GtkSnapshot   *snapshot,
                graphene_rect_t *rect,
                const GdkRGBA *color)
{
  GskRoundedRect rounded;

  gsk_rounded_rect_init_from_rect (&rounded, rect, rect->size.height / 2);
  gtk_snapshot_push_rounded_clip (snapshot, &rounded);
  gtk_snapshot_append_color (snapshot, color, rect);
  gtk_snapshot_pop (snapshot);
}

static void
wp_progress_cell_snapshot (GtkWidget   *widget,
                           GtkSnapshot *snapshot)
{
  WpProgressCell *self = WP_PROGRESS_CELL (widget);
  GtkStyleContext *style = gtk_widget_get_style_context (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  int text_width, text_height;
  GdkRGBA fg, trough, accent;
  double top;

  ensure_layout (self);
  pango_layout_get_pixel_size (self->layout, &text_width, &text_height);
  top = MAX (0, (height - text_height - SPACING - BAR_HEIGHT) / 2.0);

  gtk_style_context_get_color (style, &fg);
  if (!gtk_style_context_lookup_color (style, "accent_bg_color", &accent))
    gdk_rgba_parse (&accent, "#3584e4");
  trough = fg;
  trough.alpha *= 0.15;
  fg.alpha *= 0.6;

  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (width - text_width, top));
  gtk_snapshot_append_layout (snapshot, self->layout, &fg);
  gtk_snapshot_restore (snapshot);

  {
    graphene_rect_t bar = GRAPHENE_RECT_INIT (0, top + text_height + SPACING, width, BAR_HEIGHT);
    graphene_rect_t done = GRAPHENE_RECT_INIT (0, top + text_height + SPACING,
                                               width * CLAMP (self->percent, 0, 100) / 100.0,
                                               BAR_HEIGHT);

    append_rounded (snapshot, &bar, &trough);
    if (done.size.width > 0)
      append_rounded (snapshot, &done, &accent);
  }
}

static void
wp_progress_cell_finalize (GObject *object)
{
  g_clear_object (&WP_PROGRESS_CELL (object)->layout);
  G_OBJECT_CLASS (wp_progress_cell_parent_class)->finalize (object);
}

static void
wp_progress_cell_class_init (WpProgressCellClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->finalize = wp_progress_cell_finalize;
  widget_class->measure = wp_progress_cell_measure;
  widget_class->snapshot = wp_progress_cell_snapshot;
  gtk_widget_class_set_css_name (widget_class, "progresscell");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_PROGRESS_BAR);
}

static void
wp_progress_cell_init (WpProgressCell *self)
{
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_VALUE_MIN, 0.0,
                                  GTK_ACCESSIBLE_PROPERTY_VALUE_MAX, 100.0,
                                  GTK_ACCESSIBLE_PROPERTY_VALUE_NOW, 0.0, -1);
}

GtkWidget *
wp_progress_cell_new (void)
{
  return g_object_new (WP_TYPE_PROGRESS_CELL, NULL);
}

void
wp_progress_cell_set_percent (WpProgressCell *self,
                              int             percent)
{
  g_return_if_fail (WP_IS_PROGRESS_CELL (self));

  if (self->percent == percent)
    return;
  self->percent = percent;
  if (self->layout != NULL)
    set_text (self);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_VALUE_NOW,
                                  (double) percent, -1);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}
