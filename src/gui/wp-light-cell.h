/* wp-light-cell.h: a traffic light as icon and words, drawn as one widget
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "workplan-core.h"

G_BEGIN_DECLS

#define WP_TYPE_LIGHT_CELL (wp_light_cell_get_type ())
G_DECLARE_FINAL_TYPE (WpLightCell, wp_light_cell, WP, LIGHT_CELL, GtkWidget)

GtkWidget *wp_light_cell_new      (void);
void       wp_light_cell_set_item (WpLightCell *self,
                                   WpItem      *item);

const char *wp_light_cell_get_text (WpLightCell *self);

G_END_DECLS
