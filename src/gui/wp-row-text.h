/* wp-row-text.h: rows of a long list whose subtitles are quick to lay out
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void       wp_row_unwrap_subtitle  (GtkWidget  *row);

G_END_DECLS
