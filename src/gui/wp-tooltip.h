/* wp-tooltip.h: tooltips that keep short Chinese text on one line
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void       wp_tooltip_adopt        (GtkWidget  *widget);
void       wp_tooltip_adopt_all    (GtkWidget  *root);
void       wp_tooltip_set_text     (GtkWidget  *widget,
                                    const char *text);
GtkWidget *wp_tooltip_get_label    (GtkWidget  *widget);

G_END_DECLS
