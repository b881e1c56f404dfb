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
  gboolean     carried;  /* gone on into next year's plan: an arrow, not a light */
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

/* The light's icon in its colour, drawn once for each icon file, colour
 * and scale and kept: drawn from the symbolic icon at every frame, it was
 * recoloured through a colour matrix, which the software renderer applies
 * pixel by pixel on a surface of its own, twice for each row redrawn. */
static GdkTexture *
get_icon_texture (GtkIconPaintable *icon,
                  const GdkRGBA    *tint,
                  int               scale)
{
  static GHashTable *textures = NULL;  /* "uri rgba scale" → GdkTexture */
  g_autoptr(GFile) file = gtk_icon_paintable_get_file (icon);
  g_autofree char *uri = file != NULL ? g_file_get_uri (file) : NULL;
  g_autofree char *color = gdk_rgba_to_string (tint);
  char *key = g_strdup_printf ("%s %s %d", uri != NULL ? uri : "", color, scale);
  GdkTexture *texture;
  GtkSnapshot *snapshot;
  GskRenderNode *node;
  cairo_surface_t *surface;
  g_autoptr(GBytes) bytes = NULL;
  int size = ICON_SIZE * scale;

  if (textures == NULL)
    textures = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  texture = g_hash_table_lookup (textures, key);
  if (texture != NULL)
    {
      g_free (key);
      return texture;
    }

  snapshot = gtk_snapshot_new ();
  gtk_symbolic_paintable_snapshot_symbolic (GTK_SYMBOLIC_PAINTABLE (icon), snapshot, size, size,
                                            tint, 1);
  node = gtk_snapshot_free_to_node (snapshot);
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, size, size);
  if (node != NULL)
    {
      cairo_t *cr = cairo_create (surface);

      gsk_render_node_draw (node, cr);
      cairo_destroy (cr);
      gsk_render_node_unref (node);
    }
  cairo_surface_flush (surface);
  /* (cairo's ARGB32 is GDK's default memory format) */
  bytes = g_bytes_new (cairo_image_surface_get_data (surface),
                       (gsize) cairo_image_surface_get_stride (surface) * size);
  texture = gdk_memory_texture_new (size, size, GDK_MEMORY_DEFAULT, bytes,
                                    cairo_image_surface_get_stride (surface));
  cairo_surface_destroy (surface);
  g_hash_table_insert (textures, key, texture);
  return texture;
}

static void
wp_light_cell_snapshot (GtkWidget   *widget,
                        GtkSnapshot *snapshot)
{
  WpLightCell *self = WP_LIGHT_CELL (widget);
  GtkStyleContext *style = gtk_widget_get_style_context (widget);
  int height = gtk_widget_get_height (widget);
  GtkIconTheme *theme;
  g_autoptr(GtkIconPaintable) icon = NULL;
  GdkRGBA fg, tint;
  int text_width, text_height;

  gtk_style_context_get_color (style, &fg);
  tint = fg;
  if (colors[self->light] == NULL || !gtk_style_context_lookup_color (style, colors[self->light],
                                                                      &tint))
    tint.alpha *= 0.6;

  theme = gtk_icon_theme_get_for_display (gtk_widget_get_display (widget));
  icon = gtk_icon_theme_lookup_icon (theme, self->carried ? "go-next-symbolic"
                                                          : icons[self->light], NULL, ICON_SIZE,
                                     gtk_widget_get_scale_factor (widget),
                                     gtk_widget_get_direction (widget), 0);
  gtk_snapshot_append_texture (snapshot,
                               get_icon_texture (icon, &tint, gtk_widget_get_scale_factor (widget)),
                               &GRAPHENE_RECT_INIT (0, (height - ICON_SIZE) / 2.0, ICON_SIZE,
                                                    ICON_SIZE));

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
  const char *text = wp_item_get_light_label (item);

  g_return_if_fail (WP_IS_LIGHT_CELL (self));

  if (self->light == light && self->text == text
      && self->carried == wp_item_get_carried_forward (item))
    return;
  self->light = light;
  self->carried = wp_item_get_carried_forward (item);
  self->text = text;
  if (self->layout != NULL)
    pango_layout_set_text (self->layout, text != NULL ? text : "", -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, text, -1);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}
