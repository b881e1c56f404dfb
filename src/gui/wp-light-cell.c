/* wp-light-cell.c: a traffic light as icon and words, drawn as one widget
 *
 * What wp-light-badge.c makes of three widgets (a box, an image, a label),
 * drawn by one, for the outline's rows, which are made by the hundred:
 * the light's symbolic icon in its colour and its word (red for overdue).
 * Never colour alone; screen readers get the word.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "wp-light-cell.h"

#define ICON_SIZE 16
#define SPACING 6

struct _WpLightCell
{
  GtkWidget    parent_instance;

  WpLight      light;
  const char  *text;     /* static: a light's or a status's label */
  PangoLayout *layout;
};

G_DEFINE_FINAL_TYPE (WpLightCell, wp_light_cell, GTK_TYPE_WIDGET)

static const char *icons[] = {
  "content-loading-symbolic", "emblem-ok-symbolic", "dialog-warning-symbolic",
  "task-past-due-symbolic",
};
static const char *colors[] = { NULL, "success_color", "warning_color", "error_color" };

/* The text, laid out once and again only when it changes: it follows the
 * widget's font by itself (the layout is on the widget's Pango context). */
static void
ensure_layout (WpLightCell *self)
{
  if (self->layout == NULL)
    self->layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), self->text);
}

static void
wp_light_cell_measure (GtkWidget      *widget,
                       GtkOrientation  orientation,
                       int             for_size,
                       int            *minimum,
                       int            *natural,
                       int            *minimum_baseline,
                       int            *natural_baseline)
{
  WpLightCell *self = WP_LIGHT_CELL (widget);
  int width, height;

  ensure_layout (self);
  pango_layout_get_pixel_size (self->layout, &width, &height);
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    *minimum = *natural = ICON_SIZE + SPACING + width;
  else
    *minimum = *natural = MAX (ICON_SIZE, height);
}

static void
wp_light_cell_snapshot (GtkWidget   *widget,
                        GtkSnapshot *snapshot)
{
  WpLightCell *self = WP_LIGHT_CELL (widget);
  GtkStyleContext *style = gtk_widget_get_style_context (widget);
  int height = gtk_widget_get_height (widget);
  g_autoptr(GtkIconPaintable) icon = NULL;
  GdkRGBA fg, tint;
  int text_width, text_height;

  gtk_style_context_get_color (style, &fg);
  tint = fg;
  if (colors[self->light] == NULL || !gtk_style_context_lookup_color (style, colors[self->light],
                                                                      &tint))
    tint.alpha *= 0.6;

  icon = gtk_icon_theme_lookup_icon (gtk_icon_theme_get_for_display (gtk_widget_get_display (widget)),
                                     icons[self->light], NULL, ICON_SIZE,
                                     gtk_widget_get_scale_factor (widget),
                                     gtk_widget_get_direction (widget), 0);
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (0, (height - ICON_SIZE) / 2.0));
  gtk_symbolic_paintable_snapshot_symbolic (GTK_SYMBOLIC_PAINTABLE (icon), snapshot,
                                            ICON_SIZE, ICON_SIZE, &tint, 1);
  gtk_snapshot_restore (snapshot);

  ensure_layout (self);
  pango_layout_get_pixel_size (self->layout, &text_width, &text_height);
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (ICON_SIZE + SPACING,
                                                          (height - text_height) / 2.0));
  gtk_snapshot_append_layout (snapshot, self->layout,
                              self->light == WP_LIGHT_RED ? &tint
                              : self->light == WP_LIGHT_NONE ? &tint : &fg);
  gtk_snapshot_restore (snapshot);
}

static void
wp_light_cell_finalize (GObject *object)
{
  g_clear_object (&WP_LIGHT_CELL (object)->layout);
  G_OBJECT_CLASS (wp_light_cell_parent_class)->finalize (object);
}

static void
wp_light_cell_class_init (WpLightCellClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->finalize = wp_light_cell_finalize;
  widget_class->measure = wp_light_cell_measure;
  widget_class->snapshot = wp_light_cell_snapshot;
  gtk_widget_class_set_css_name (widget_class, "lightcell");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
wp_light_cell_init (WpLightCell *self)
{
}

/* The word shown, for a screen reader's longer text */
const char *
wp_light_cell_get_text (WpLightCell *self)
{
  g_return_val_if_fail (WP_IS_LIGHT_CELL (self), NULL);
  return self->text != NULL ? self->text : "";
}

GtkWidget *
wp_light_cell_new (void)
{
  return g_object_new (WP_TYPE_LIGHT_CELL, NULL);
}

/* The item's light; green on a finished item says it is done. */
void
wp_light_cell_set_item (WpLightCell *self,
                        WpItem      *item)
{
  WpLight light = wp_item_get_light (item);
  const char *text = light == WP_LIGHT_GREEN
                     && wp_item_get_effective_status (item) == WP_ITEM_STATUS_DONE
                     ? wp_item_status_to_label (WP_ITEM_STATUS_DONE)
                     : wp_light_to_label (light);

  g_return_if_fail (WP_IS_LIGHT_CELL (self));

  if (self->light == light && self->text == text)
    return;
  self->light = light;
  self->text = text;
  if (self->layout != NULL)
    pango_layout_set_text (self->layout, text != NULL ? text : "", -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, text, -1);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}
