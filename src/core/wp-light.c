/* wp-light.c: the one function that decides an item's traffic light
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "wp-light.h"

/**
 * wp_light_judge:
 * @status: the item's status
 * @progress: effective progress, 0–100
 * @due: (nullable): the due date; %NULL or invalid for ongoing or undated items
 * @start: (nullable): when the work started (the plan's first day), for the
 *   "progress behind elapsed time" check
 * @today: the day to judge on
 * @expected: the progress the item's milestone expects by now (see
 *   wp_light_last_ended_quarter()), or -1 when it has none
 * @rules: the plan's thresholds
 *
 * The one rule every view, export and count uses. Done is green;
 * suspended is not judged. Past the deadline is red, and so is progress
 * more than @rules->red_points behind the milestone. Within
 * @rules->due_soon_days of the deadline, or @rules->yellow_points or more
 * behind the milestone or the share of time elapsed between @start and
 * @due, is yellow. Everything else is green.
 *
 * The elapsed share of the year is only an estimate of where work should
 * be (work rarely goes on evenly), so it never makes an item red by
 * itself: a milestone the office set does.
 */
WpLight
wp_light_judge (WpItemStatus        status,
                int                 progress,
                const GDate        *due,
                const GDate        *start,
                const GDate        *today,
                int                 expected,
                const WpLightRules *rules)
{
  gboolean dated;
  int days_left = 0;

  g_return_val_if_fail (today != NULL && g_date_valid (today), WP_LIGHT_NONE);
  g_return_val_if_fail (rules != NULL, WP_LIGHT_NONE);

  if (status == WP_ITEM_STATUS_DONE)
    return WP_LIGHT_GREEN;
  if (status == WP_ITEM_STATUS_SUSPENDED)
    return WP_LIGHT_NONE;
  progress = CLAMP (progress, 0, 100);

  dated = due != NULL && g_date_valid (due);
  if (dated)
    {
      days_left = g_date_days_between (today, due);
      if (days_left < 0)
        return WP_LIGHT_RED;
    }
  if (expected >= 0 && expected - progress > rules->red_points)
    return WP_LIGHT_RED;
  if (expected >= 0 && expected - progress >= rules->yellow_points
      && expected - progress > 0)
    return WP_LIGHT_YELLOW;
  if (!dated)
    return WP_LIGHT_GREEN;
  if (days_left <= rules->due_soon_days)
    return WP_LIGHT_YELLOW;

  if (start != NULL && g_date_valid (start) && g_date_compare (start, due) < 0
      && g_date_compare (today, start) > 0)
    {
      double total = g_date_days_between (start, due);
      double elapsed = g_date_days_between (start, today);
      double share = 100.0 * elapsed / total;

      if (share - progress >= rules->yellow_points && share - progress > 0)
        return WP_LIGHT_YELLOW;
    }

  return WP_LIGHT_GREEN;
}

/**
 * wp_light_compute:
 * @due_soon_days: how many days before the deadline an item turns yellow
 *
 * wp_light_judge() with the default rules and no milestone.
 */
WpLight
wp_light_compute (WpItemStatus  status,
                  int           progress,
                  const GDate  *due,
                  const GDate  *start,
                  const GDate  *today,
                  int           due_soon_days)
{
  WpLightRules rules = WP_LIGHT_RULES_DEFAULT;

  rules.due_soon_days = due_soon_days;
  return wp_light_judge (status, progress, due, start, today, -1, &rules);
}

/**
 * wp_light_last_ended_quarter:
 * @plan_year: the plan's year
 * @today: the day to judge on
 *
 * A quarter's milestone is due by its last day: on 31 March the first
 * quarter's counts, on 1 April still the first quarter's.
 *
 * Returns: the last quarter of @plan_year that has ended by @today, 0 when
 *   none has (and 4 in any later year)
 */
int
wp_light_last_ended_quarter (int          plan_year,
                             const GDate *today)
{
  int year, month, day;

  g_return_val_if_fail (today != NULL && g_date_valid (today), 0);

  year = g_date_get_year (today);
  if (year > plan_year)
    return 4;
  if (year < plan_year)
    return 0;
  month = g_date_get_month (today);
  day = g_date_get_day (today);
  /* (the quarter whose last month this is, on its last day, has ended) */
  if (month % 3 == 0 && day == g_date_get_days_in_month (month, year))
    return month / 3;
  return (month - 1) / 3;
}

/**
 * wp_light_pace:
 * @expected: the progress the milestone expects by now, or -1
 *
 * Where an item stands against its milestone, as a mid-year review counts
 * it: done, ahead of it, on it, or behind it (below it, by any amount).
 */
WpPace
wp_light_pace (WpItemStatus status,
               int          progress,
               int          expected)
{
  if (status == WP_ITEM_STATUS_DONE)
    return WP_PACE_DONE;
  if (expected < 0 || status == WP_ITEM_STATUS_SUSPENDED)
    return WP_PACE_NONE;
  if (progress > expected)
    return WP_PACE_AHEAD;
  if (progress == expected)
    return WP_PACE_ON_TRACK;
  return WP_PACE_BEHIND;
}

const char *
wp_pace_to_string (WpPace pace)
{
  static const char *names[] = { "none", "ahead", "on_track", "behind", "done" };
  g_return_val_if_fail (pace <= WP_PACE_DONE, NULL);
  return names[pace];
}

const char *
wp_pace_to_label (WpPace pace)
{
  switch (pace)
    {
    case WP_PACE_AHEAD:
      return _("Ahead");
    case WP_PACE_ON_TRACK:
      return _("On track");
    case WP_PACE_BEHIND:
      return _("Behind");
    case WP_PACE_DONE:
      return _("Done");
    case WP_PACE_NONE:
    default:
      return _("No milestone due");
    }
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
