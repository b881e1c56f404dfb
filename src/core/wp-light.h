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
#define WP_LIGHT_DEFAULT_RED_POINTS 30

/* A plan's light rules (see WpPlanSettings): an office publishes its own */
typedef struct {
  int due_soon_days;  /* yellow within this many days of the deadline */
  int yellow_points;  /* yellow when this many points or more behind */
  int red_points;     /* red when more than this many points behind a milestone */
} WpLightRules;

#define WP_LIGHT_RULES_DEFAULT { WP_LIGHT_DEFAULT_DUE_SOON_DAYS, \
                                 WP_LIGHT_PROGRESS_TOLERANCE, WP_LIGHT_DEFAULT_RED_POINTS }

/* How an item stands against its milestone (超进度 / 达进度 / 欠进度 / 已完成) */
typedef enum {
  WP_PACE_NONE,      /* no milestone is due yet, or it is not judged */
  WP_PACE_AHEAD,
  WP_PACE_ON_TRACK,
  WP_PACE_BEHIND,
  WP_PACE_DONE,
} WpPace;

WpLight      wp_light_compute   (WpItemStatus  status,
                                 int           progress,
                                 const GDate  *due,
                                 const GDate  *start,
                                 const GDate  *today,
                                 int           due_soon_days);
WpLight      wp_light_judge     (WpItemStatus        status,
                                 int                 progress,
                                 const GDate        *due,
                                 const GDate        *start,
                                 const GDate        *today,
                                 int                 expected,
                                 const WpLightRules *rules);
int          wp_light_last_ended_quarter (int          plan_year,
                                 const GDate  *today);
WpPace       wp_light_pace      (WpItemStatus  status,
                                 int           progress,
                                 int           expected);
const char  *wp_pace_to_string  (WpPace        pace);
const char  *wp_pace_to_label   (WpPace        pace);
WpLight      wp_light_roll_up   (WpLight       own,
                                 WpLight       worst_below,
                                 gboolean      carried_forward);
const char  *wp_light_to_string (WpLight       light);
const char  *wp_light_to_label  (WpLight       light);

G_END_DECLS
