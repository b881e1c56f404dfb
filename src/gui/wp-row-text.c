/* wp-row-text.c: rows of a long list whose subtitles are quick to lay out
 *
 * An AdwActionRow (libadwaita 1.2) wraps its subtitle, and measuring a
 * wrapped label lays its text out again at each width it is asked about,
 * one character a line among them. In the progress view's lists (five
 * lines under a late key task) and the agency directory that cost 15–18 ms
 * of the main thread a row: thirty rows were most of the time the view took
 * to open on a big plan. Unwrapped, each line of the subtitle is laid out
 * once and cut short with "…" when the row is too narrow for it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "wp-row-text.h"

static gboolean
unwrap_in (GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_LABEL (child) && gtk_widget_has_css_class (child, "subtitle"))
        {
          gtk_label_set_wrap (GTK_LABEL (child), FALSE);
          gtk_label_set_ellipsize (GTK_LABEL (child), PANGO_ELLIPSIZE_END);
          return TRUE;
        }
      if (unwrap_in (child))
        return TRUE;
    }
  return FALSE;
}

/**
 * wp_row_unwrap_subtitle:
 * @row: an AdwActionRow
 *
 * Shows each line of the row's subtitle on one line, ending in "…" if it
 * does not fit, instead of wrapping it.
 */
void
wp_row_unwrap_subtitle (GtkWidget *row)
{
  g_return_if_fail (GTK_IS_WIDGET (row));

  unwrap_in (row);
}
