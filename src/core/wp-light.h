/* wp-light.h: the traffic-light rule (红黄绿灯) every view uses
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "wp-enums.h"

G_BEGIN_DECLS

typedef enum {
  WP_LIGHT_NONE,    /* suspended or carried over to next year: not judged */
  WP_LIGHT_GREEN,
  WP_LIGHT_YELLOW,
  WP_LIGHT_RED,
} WpLight;

/* Progress may trail the elapsed share of the schedule by this many
 * percentage points before an item turns yellow. */
#define WP_LIGHT_PROGRESS_TOLERANCE 10
#define WP_LIGHT_DEFAULT_DUE_SOON_DAYS 30

WpLight      wp_light_compute   (WpItemStatus  status,
                                 int           progress,
                                 const GDate  *due,
                                 const GDate  *start,
                                 const GDate  *today,
                                 int           due_soon_days);
WpLight      wp_light_roll_up   (WpLight       own,
                                 WpLight       worst_below,
                                 gboolean      carried_forward);
const char  *wp_light_to_string (WpLight       light);
const char  *wp_light_to_label  (WpLight       light);

G_END_DECLS
