/* wp-light-badge.h: a traffic light as icon and words, never colour alone
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "workplan-core.h"

G_BEGIN_DECLS

GtkWidget *wp_light_badge_new (void);
void       wp_light_badge_set (GtkWidget *badge,
                               WpLight    light);

void       wp_light_badge_set_item (GtkWidget *badge,
                                    WpItem    *item);

G_END_DECLS
