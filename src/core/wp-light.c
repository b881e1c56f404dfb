/* wp-light.c: the one function that decides an item's traffic light
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "wp-light.h"

/**
 * wp_light_compute:
 * @status: the item's status
 * @progress: effective progress, 0–100
 * @due: (nullable): the due date; %NULL or invalid for ongoing or undated items
 * @start: (nullable): when the work started (the plan's first day), for the
 *   "progress behind elapsed time" check
 * @today: the day to judge on
 * @due_soon_days: how many days before the deadline an item turns yellow
 *
 * Done is green; suspended is not judged. Past the deadline is red. Within
 * @due_soon_days of it, or with progress behind the share of time elapsed
 * between @start and @due, is yellow. Everything else is green.
 */
WpLight
wp_light_compute (WpItemStatus  status,
                  int           progress,
                  const GDate  *due,
                  const GDate  *start,
                  const GDate  *today,
                  int           due_soon_days)
{
  int days_left;

  g_return_val_if_fail (today != NULL && g_date_valid (today), WP_LIGHT_NONE);

  if (status == WP_ITEM_STATUS_DONE)
    return WP_LIGHT_GREEN;
  if (status == WP_ITEM_STATUS_SUSPENDED)
    return WP_LIGHT_NONE;
  if (due == NULL || !g_date_valid (due))
    return WP_LIGHT_GREEN;

  days_left = g_date_days_between (today, due);
  if (days_left < 0)
    return WP_LIGHT_RED;
  if (days_left <= due_soon_days)
    return WP_LIGHT_YELLOW;

  if (start != NULL && g_date_valid (start) && g_date_compare (start, due) < 0
      && g_date_compare (today, start) > 0)
    {
      double total = g_date_days_between (start, due);
      double elapsed = g_date_days_between (start, today);
      double expected = 100.0 * elapsed / total;

      if (CLAMP (progress, 0, 100) + WP_LIGHT_PROGRESS_TOLERANCE < expected)
        return WP_LIGHT_YELLOW;
    }

  return WP_LIGHT_GREEN;
}

/**
 * wp_light_roll_up:
 * @own: the item's own light, from wp_light_compute()
 * @worst_below: the worst light of its sub-items, %WP_LIGHT_NONE if none
 * @carried_forward: whether the item went on into next year's plan
 *
 * An item shows the worst of its own light and its sub-items'. Work
 * carried over into next year's plan (已结转) is judged there, not in its
 * old year: it is not judged at all, whatever its deadline or its sub-items
 * say, so no view or count of the old year calls it overdue.
 */
WpLight
wp_light_roll_up (WpLight  own,
                  WpLight  worst_below,
                  gboolean carried_forward)
{
  if (carried_forward)
    return WP_LIGHT_NONE;
  return MAX (own, worst_below);
}

const char *
wp_light_to_string (WpLight light)
{
  static const char *names[] = { "none", "green", "yellow", "red" };
  g_return_val_if_fail (light <= WP_LIGHT_RED, NULL);
  return names[light];
}

/* Colour is never the only signal: views show this text beside the light. */
const char *
wp_light_to_label (WpLight light)
{
  switch (light)
    {
    case WP_LIGHT_GREEN:
      return _("On schedule");
    case WP_LIGHT_YELLOW:
      return _("At risk");
    case WP_LIGHT_RED:
      return _("Overdue");
    case WP_LIGHT_NONE:
    default:
      return _("Not judged");
    }
}
