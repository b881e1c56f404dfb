/* wp-outline-row.h: one row of the outline, its cells side by side in columns
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

typedef enum {
  WP_OUTLINE_COLUMN_TITLE,
  WP_OUTLINE_COLUMN_LEAD,
  WP_OUTLINE_COLUMN_CO,
  WP_OUTLINE_COLUMN_DUE,
  WP_OUTLINE_COLUMN_STATUS,
  WP_OUTLINE_COLUMN_PROGRESS,
  WP_OUTLINE_COLUMN_LIGHT,
  WP_OUTLINE_COLUMN_MILESTONE,  /* this quarter's milestone; hidden unless asked for */
  WP_OUTLINE_N_COLUMNS
} WpOutlineColumn;

#define WP_TYPE_OUTLINE_ROW (wp_outline_row_get_type ())
G_DECLARE_FINAL_TYPE (WpOutlineRow, wp_outline_row, WP, OUTLINE_ROW, GtkWidget)

GtkWidget  *wp_outline_row_new        (void);
GtkWidget  *wp_outline_row_new_header (void);
void        wp_outline_row_set_cell   (WpOutlineRow    *self,
                                       WpOutlineColumn  column,
                                       GtkWidget       *cell);
GtkWidget  *wp_outline_row_get_cell   (WpOutlineRow    *self,
                                       WpOutlineColumn  column);
void        wp_outline_row_set_expander (WpOutlineRow  *self,
                                         GtkWidget     *expander);
GtkWidget  *wp_outline_row_get_expander (WpOutlineRow  *self);
const char *wp_outline_column_title   (WpOutlineColumn  column);
int         wp_outline_column_get_width (WpOutlineColumn column);
void        wp_outline_column_set_width (WpOutlineColumn column,
                                         int             width);
gboolean    wp_outline_column_get_shown (WpOutlineColumn column);
void        wp_outline_column_set_shown (WpOutlineColumn column,
                                         gboolean        shown);
void        wp_outline_rows_show_columns (GtkWidget     *widget);

G_END_DECLS
