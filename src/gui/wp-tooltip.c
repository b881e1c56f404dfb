/* wp-tooltip.c: tooltips that keep short Chinese text on one line
 *
 * GTK 4.8 wraps a tooltip's text at as many "characters" as the text has,
 * measured in the font's approximate character width — a Latin letter's,
 * about half as wide as a Chinese one. So "主菜单" got room for one and a
 * half characters and showed one character per line. A widget adopted
 * here shows its tooltip-text in a label of its own that wraps only at
 * 50 such widths, as GTK does for long text; the text stays the widget's
 * tooltip-text, so screen readers and the .ui files are unchanged.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "wp-tooltip.h"

#define LABEL_KEY "wp-tooltip-label"

/* The widest a tooltip's line gets, in approximate character widths */
#define TOOLTIP_MAX_WIDTH_CHARS 50

static GtkWidget *
ensure_label (GtkWidget *widget)
{
  GtkWidget *label = g_object_get_data (G_OBJECT (widget), LABEL_KEY);

  if (label == NULL)
    {
      label = gtk_label_new (NULL);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
      gtk_label_set_max_width_chars (GTK_LABEL (label), TOOLTIP_MAX_WIDTH_CHARS);
      g_object_set_data_full (G_OBJECT (widget), LABEL_KEY, g_object_ref_sink (label),
                              g_object_unref);
    }
  return label;
}

static gboolean
on_query_tooltip (GtkWidget  *widget,
                  int         x,
                  int         y,
                  gboolean    keyboard_mode,
                  GtkTooltip *tooltip)
{
  const char *text = gtk_widget_get_tooltip_text (widget);
  GtkWidget *label;

  if (text == NULL || text[0] == '\0')
    return FALSE;
  label = ensure_label (widget);
  if (g_strcmp0 (gtk_label_get_text (GTK_LABEL (label)), text) != 0)
    gtk_label_set_text (GTK_LABEL (label), text);
  gtk_tooltip_set_custom (tooltip, label);
  return TRUE;
}

/**
 * wp_tooltip_adopt:
 *
 * Shows @widget's tooltip-text, now and when it changes, in a label that
 * does not wrap short text. Adopting a widget twice does nothing more.
 */
void
wp_tooltip_adopt (GtkWidget *widget)
{
  g_return_if_fail (GTK_IS_WIDGET (widget));

  if (g_object_get_data (G_OBJECT (widget), "wp-tooltip-adopted") != NULL)
    return;
  g_object_set_data (G_OBJECT (widget), "wp-tooltip-adopted", GINT_TO_POINTER (TRUE));
  g_signal_connect (widget, "query-tooltip", G_CALLBACK (on_query_tooltip), NULL);
}

/* Adopts @root and every widget in it that has a tooltip, as made from a
 * .ui file */
void
wp_tooltip_adopt_all (GtkWidget *root)
{
  if (gtk_widget_get_has_tooltip (root))
    wp_tooltip_adopt (root);
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    wp_tooltip_adopt_all (child);
}

/* gtk_widget_set_tooltip_text(), adopting @widget */
void
wp_tooltip_set_text (GtkWidget  *widget,
                     const char *text)
{
  gtk_widget_set_tooltip_text (widget, text);
  wp_tooltip_adopt (widget);
}

/* The label @widget's tooltip shows, made if need be (for tests) */
GtkWidget *
wp_tooltip_get_label (GtkWidget *widget)
{
  const char *text = gtk_widget_get_tooltip_text (widget);
  GtkWidget *label = ensure_label (widget);

  gtk_label_set_text (GTK_LABEL (label), text != NULL ? text : "");
  return label;
}
