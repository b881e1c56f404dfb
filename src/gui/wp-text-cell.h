/* wp-text-cell.h: a text in a cell of the outline, ellipsized or wrapped
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define WP_TYPE_TEXT_CELL (wp_text_cell_get_type ())
G_DECLARE_FINAL_TYPE (WpTextCell, wp_text_cell, WP, TEXT_CELL, GtkWidget)

GtkWidget  *wp_text_cell_new        (void);
void        wp_text_cell_set_text   (WpTextCell *self,
                                     const char *text);
void        wp_text_cell_set_markup (WpTextCell *self,
                                     const char *markup);
const char *wp_text_cell_get_text   (WpTextCell *self);
const char *wp_text_cell_get_markup (WpTextCell *self);
void        wp_text_cell_set_wrap   (WpTextCell *self,
                                     gboolean    wrap);

G_END_DECLS
