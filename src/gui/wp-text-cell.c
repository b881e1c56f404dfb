/* wp-text-cell.c: a short text in a cell of the outline, ellipsized
 *
 * The title, agencies, deadline and status of a row. A GtkLabel did it, but a
 * label is measured for every width it is asked about and lays its text
 * out anew each time; with four of them in each of a screenful of new
 * rows, they were a quarter of the frame after a search keystroke over a
 * 100,000-item plan. A cell's width is its column's, so its text is laid
 * out once for that width (and again when the text or the width changes);
 * its font follows the widget's style by itself, since the layout is on
 * the widget's Pango context. Screen readers read it as a label.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "wp-text-cell.h"

struct _WpTextCell
{
  GtkWidget    parent_instance;

  char        *text;      /* as shown, without markup */
  char        *markup;    /* or NULL for plain text */
  PangoLayout *layout;    /* NULL until measured or drawn */
  int          width;     /* the layout's width in Pango units, or -1 */
  gboolean     wrap;      /* lines wrap (a title) instead of ending in "…" */
};

G_DEFINE_FINAL_TYPE (WpTextCell, wp_text_cell, GTK_TYPE_WIDGET)

#define MAX_WRAPPED_LINES 4

static void
set_layout_text (WpTextCell *self)
{
  if (self->markup != NULL)
    pango_layout_set_markup (self->layout, self->markup, -1);
  else
    pango_layout_set_text (self->layout, self->text != NULL ? self->text : "", -1);
}

/* The layout for @width pixels (-1: as wide as the text) */
static PangoLayout *
get_layout (WpTextCell *self,
            int         width)
{
  int pango_width = width < 0 ? -1 : width * PANGO_SCALE;

  if (self->layout == NULL)
    {
      self->layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), NULL);
      if (self->wrap)
        {
          /* A title of a megabyte made a row tens of thousands of pixels
           * high, over the rows below: a few lines, then "…". */
          pango_layout_set_wrap (self->layout, PANGO_WRAP_WORD_CHAR);
          pango_layout_set_height (self->layout, -MAX_WRAPPED_LINES);
        }
      pango_layout_set_ellipsize (self->layout, PANGO_ELLIPSIZE_END);
      /* From the start of the cell, as the window reads */
      pango_layout_set_auto_dir (self->layout, FALSE);
      pango_layout_set_alignment (self->layout,
                                  gtk_widget_get_direction (GTK_WIDGET (self)) == GTK_TEXT_DIR_RTL
                                  ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT);
      set_layout_text (self);
      self->width = -1;
    }
  /* A cell not yet given a width keeps the one it will get */
  if (width >= 0 && pango_width != self->width)
    {
      pango_layout_set_width (self->layout, pango_width);
      self->width = pango_width;
    }
  return self->layout;
}

/* Eight ems: about eight Chinese characters, a few words of a Latin
 * script. A title wraps down to that, not to a column of characters. */
static int
min_wrapped_width (WpTextCell *self)
{
  const PangoFontDescription *font =
    pango_context_get_font_description (gtk_widget_get_pango_context (GTK_WIDGET (self)));
  double size = font != NULL ? pango_font_description_get_size (font) / (double) PANGO_SCALE : 11;

  if (font != NULL && !pango_font_description_get_size_is_absolute (font))
    size = size * 96.0 / 72.0;
  return (int) (8 * MAX (size, 6) + 0.5);
}

static void
wp_text_cell_measure (GtkWidget      *widget,
                      GtkOrientation  orientation,
                      int             for_size,
                      int            *minimum,
                      int            *natural,
                      int            *minimum_baseline,
                      int            *natural_baseline)
{
  WpTextCell *self = WP_TEXT_CELL (widget);
  int height;

  /* Ellipsized, any width will do; wrapped, a few words' width. The
   * column's width is given anyway. */
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = *natural = self->wrap ? min_wrapped_width (self) : 0;
      return;
    }
  pango_layout_get_pixel_size (get_layout (self, for_size), NULL, &height);
  *minimum = *natural = height;
}

static GtkSizeRequestMode
wp_text_cell_get_request_mode (GtkWidget *widget)
{
  return WP_TEXT_CELL (widget)->wrap ? GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH
                                     : GTK_SIZE_REQUEST_CONSTANT_SIZE;
}

static void
wp_text_cell_size_allocate (GtkWidget *widget,
                            int        width,
                            int        height,
                            int        baseline)
{
  get_layout (WP_TEXT_CELL (widget), width);
}

static void
wp_text_cell_snapshot (GtkWidget   *widget,
                       GtkSnapshot *snapshot)
{
  WpTextCell *self = WP_TEXT_CELL (widget);
  PangoLayout *layout = get_layout (self, gtk_widget_get_width (widget));
  GdkRGBA color;
  int height, top;

  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &color);
  G_GNUC_END_IGNORE_DEPRECATIONS
  pango_layout_get_pixel_size (layout, NULL, &height);
  top = MAX (0, (gtk_widget_get_height (widget) - height) / 2);
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (0, top));
  gtk_snapshot_append_layout (snapshot, layout, &color);
  gtk_snapshot_restore (snapshot);
}

static void
wp_text_cell_direction_changed (GtkWidget        *widget,
                                GtkTextDirection  previous)
{
  WpTextCell *self = WP_TEXT_CELL (widget);

  GTK_WIDGET_CLASS (wp_text_cell_parent_class)->direction_changed (widget, previous);
  g_clear_object (&self->layout);
  gtk_widget_queue_resize (widget);
}

static void
wp_text_cell_finalize (GObject *object)
{
  WpTextCell *self = WP_TEXT_CELL (object);

  g_clear_object (&self->layout);
  g_free (self->text);
  g_free (self->markup);
  G_OBJECT_CLASS (wp_text_cell_parent_class)->finalize (object);
}

static void
wp_text_cell_class_init (WpTextCellClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->finalize = wp_text_cell_finalize;
  widget_class->measure = wp_text_cell_measure;
  widget_class->get_request_mode = wp_text_cell_get_request_mode;
  widget_class->size_allocate = wp_text_cell_size_allocate;
  widget_class->snapshot = wp_text_cell_snapshot;
  widget_class->direction_changed = wp_text_cell_direction_changed;
  gtk_widget_class_set_css_name (widget_class, "textcell");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_LABEL);
}

static void
wp_text_cell_init (WpTextCell *self)
{
  self->width = -1;
  /* Nothing drawn outside its column, whatever the text */
  gtk_widget_set_overflow (GTK_WIDGET (self), GTK_OVERFLOW_HIDDEN);
}

GtkWidget *
wp_text_cell_new (void)
{
  return g_object_new (WP_TYPE_TEXT_CELL, NULL);
}

static void
changed (WpTextCell *self)
{
  if (self->layout != NULL)
    set_layout_text (self);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  self->text != NULL ? self->text : "", -1);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

void
wp_text_cell_set_text (WpTextCell *self,
                       const char *text)
{
  g_return_if_fail (WP_IS_TEXT_CELL (self));

  if (self->markup == NULL && g_strcmp0 (self->text, text) == 0)
    return;
  g_clear_pointer (&self->markup, g_free);
  g_free (self->text);
  self->text = g_strdup (text);
  changed (self);
}

/**
 * wp_text_cell_set_markup:
 * @markup: Pango markup; lines apart are shown one under the other
 */
void
wp_text_cell_set_markup (WpTextCell *self,
                         const char *markup)
{
  g_autofree char *text = NULL;

  g_return_if_fail (WP_IS_TEXT_CELL (self));

  if (g_strcmp0 (self->markup, markup) == 0)
    return;
  if (!pango_parse_markup (markup, -1, 0, NULL, &text, NULL, NULL))
    {
      g_warning ("Not Pango markup: %s", markup);
      return;
    }
  g_free (self->markup);
  self->markup = g_strdup (markup);
  g_free (self->text);
  self->text = g_steal_pointer (&text);
  changed (self);
}

/**
 * wp_text_cell_set_wrap:
 * @wrap: whether long lines wrap at the cell's width (at word or, in
 *   Chinese, character boundaries) rather than end in "…"
 */
void
wp_text_cell_set_wrap (WpTextCell *self,
                       gboolean    wrap)
{
  g_return_if_fail (WP_IS_TEXT_CELL (self));

  if (self->wrap == !!wrap)
    return;
  self->wrap = !!wrap;
  g_clear_object (&self->layout);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

/* The markup last set, or NULL if the text is plain */
const char *
wp_text_cell_get_markup (WpTextCell *self)
{
  g_return_val_if_fail (WP_IS_TEXT_CELL (self), NULL);
  return self->markup;
}

const char *
wp_text_cell_get_text (WpTextCell *self)
{
  g_return_val_if_fail (WP_IS_TEXT_CELL (self), NULL);
  return self->text != NULL ? self->text : "";
}
