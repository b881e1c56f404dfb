/* wp-progress-cell.h: a percentage over a bar, drawn as one widget
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define WP_TYPE_PROGRESS_CELL (wp_progress_cell_get_type ())
G_DECLARE_FINAL_TYPE (WpProgressCell, wp_progress_cell, WP, PROGRESS_CELL, GtkWidget)

GtkWidget *wp_progress_cell_new         (void);
void       wp_progress_cell_set_percent (WpProgressCell *self,
                                         int             percent);

G_END_DECLS
