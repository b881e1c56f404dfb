/* test-light.c: the traffic-light rule
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "workplan-core.h"

static GDate
day (int y, int m, int d)
{
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, (GDateDay) d, (GDateMonth) m, (GDateYear) y);
  return date;
}

static void
test_done_is_green (void)
{
  GDate due = day (2025, 3, 31), start = day (2025, 1, 1), today = day (2025, 12, 1);

  /* Done wins even long after the deadline and with no progress recorded. */
  g_assert_cmpint (wp_light_compute (WP_ITEM_STATUS_DONE, 0, &due, &start, &today, 30), ==,
                   WP_LIGHT_GREEN);
}

static void
test_overdue_is_red (void)
{
  GDate due = day (2025, 6, 30), start = day (2025, 1, 1), today = day (2025, 7, 1);

  g_assert_cmpint (wp_light_compute (WP_ITEM_STATUS_IN_PROGRESS, 95, &due, &start, &today, 30),
                   ==, WP_LIGHT_RED);
  g_assert_cmpint (wp_light_compute (WP_ITEM_STATUS_NOT_STARTED, 0, &due, &start, &today, 30),
                   ==, WP_LIGHT_RED);

  /* On the due day itself it is not yet overdue. */
  today = day (2025, 6, 30);
  g_assert_cmpint (wp_light_compute (WP_ITEM_STATUS_IN_PROGRESS, 95, &due, &start, &today, 30),
                   ==, WP_LIGHT_YELLOW);
}

static void
test_due_soon_is_yellow (void)
{
  GDate due = day (2025, 6, 30), start = day (2025, 1, 1);
  GDate today = day (2025, 5, 31);  /* 30 days left */

  g_assert_cmpint (wp_light_compute (WP_ITEM_STATUS_IN_PROGRESS, 99, &due, &start, &today, 30),
                   ==, WP_LIGHT_YELLOW);
  today = day (2025, 5, 30);  /* 31 days left */
  g_assert_cmpint (wp_light_compute (WP_ITEM_STATUS_IN_PROGRESS, 99, &due, &start, &today, 30),
                   ==, WP_LIGHT_GREEN);
  /* The window is a preference. */
  g_assert_cmpint (wp_light_compute (WP_ITEM_STATUS_IN_PROGRESS, 99, &due, &start, &today, 45),
                   ==, WP_LIGHT_YELLOW);
}

static void
test_behind_schedule_is_yellow (void)
{
  GDate due = day (2025, 12, 31), start = day (2025, 1, 1);
  GDate today = day (2025, 7, 2);  /* half the year gone: 50% expected */

  g_assert_cmpint (wp_light_compute (WP_ITEM_STATUS_IN_PROGRESS, 20, &due, &start, &today, 30),
                   ==, WP_LIGHT_YELLOW);
  /* Within the tolerance */
  g_assert_cmpint (wp_light_compute (WP_ITEM_STATUS_IN_PROGRESS, 45, &due, &start, &today, 30),
                   ==, WP_LIGHT_GREEN);
  g_assert_cmpint (wp_light_compute (WP_ITEM_STATUS_IN_PROGRESS, 80, &due, &start, &today, 30),
                   ==, WP_LIGHT_GREEN);
  /* Without a start there is no schedule to be behind. */
  g_assert_cmpint (wp_light_compute (WP_ITEM_STATUS_IN_PROGRESS, 0, &due, NULL, &today, 30),
                   ==, WP_LIGHT_GREEN);
}

static void
test_undated_and_suspended (void)
{
  GDate due = day (2025, 3, 31), today = day (2025, 7, 1);

  g_assert_cmpint (wp_light_compute (WP_ITEM_STATUS_IN_PROGRESS, 0, NULL, NULL, &today, 30),
                   ==, WP_LIGHT_GREEN);
  g_assert_cmpint (wp_light_compute (WP_ITEM_STATUS_SUSPENDED, 0, &due, NULL, &today, 30),
                   ==, WP_LIGHT_NONE);
  g_assert_cmpstr (wp_light_to_string (WP_LIGHT_RED), ==, "red");
}

/* Each threshold of a plan's rules at its edge (issue 21) */
static void
test_rules_edges (void)
{
  GDate due = day (2025, 12, 31), start = day (2025, 1, 1);
  GDate today = day (2025, 7, 2);  /* 50% of the year gone */
  WpLightRules rules = WP_LIGHT_RULES_DEFAULT;
  WpLightRules strict = { 45, 5, 20 };

  /* Defaults as before: 30 days, 10 points, and the elapsed share alone
   * never makes red */
  g_assert_cmpint (rules.due_soon_days, ==, 30);
  g_assert_cmpint (rules.yellow_points, ==, 10);
  g_assert_cmpint (rules.red_points, ==, 30);
  g_assert_cmpint (wp_light_judge (WP_ITEM_STATUS_IN_PROGRESS, 0, &due, &start, &today, -1,
                                   &rules), ==, WP_LIGHT_YELLOW);

  /* Milestone: behind by exactly Y is yellow, by Y-1 green */
  g_assert_cmpint (wp_light_judge (WP_ITEM_STATUS_IN_PROGRESS, 50, &due, NULL, &today, 60,
                                   &rules), ==, WP_LIGHT_YELLOW);
  g_assert_cmpint (wp_light_judge (WP_ITEM_STATUS_IN_PROGRESS, 51, &due, NULL, &today, 60,
                                   &rules), ==, WP_LIGHT_GREEN);
  /* behind by exactly R is yellow, by R+1 red */
  g_assert_cmpint (wp_light_judge (WP_ITEM_STATUS_IN_PROGRESS, 30, &due, NULL, &today, 60,
                                   &rules), ==, WP_LIGHT_YELLOW);
  g_assert_cmpint (wp_light_judge (WP_ITEM_STATUS_IN_PROGRESS, 29, &due, NULL, &today, 60,
                                   &rules), ==, WP_LIGHT_RED);
  /* the same item under an office's stricter rules */
  g_assert_cmpint (wp_light_judge (WP_ITEM_STATUS_IN_PROGRESS, 55, &due, NULL, &today, 60,
                                   &strict), ==, WP_LIGHT_YELLOW);
  g_assert_cmpint (wp_light_judge (WP_ITEM_STATUS_IN_PROGRESS, 39, &due, NULL, &today, 60,
                                   &strict), ==, WP_LIGHT_RED);
  g_assert_cmpint (wp_light_judge (WP_ITEM_STATUS_IN_PROGRESS, 40, &due, NULL, &today, 60,
                                   &strict), ==, WP_LIGHT_YELLOW);
  /* an undated item is judged against its milestone too */
  g_assert_cmpint (wp_light_judge (WP_ITEM_STATUS_IN_PROGRESS, 0, NULL, NULL, &today, 60,
                                   &rules), ==, WP_LIGHT_RED);
  /* ahead of the milestone, done, suspended */
  g_assert_cmpint (wp_light_judge (WP_ITEM_STATUS_IN_PROGRESS, 90, &due, NULL, &today, 60,
                                   &rules), ==, WP_LIGHT_GREEN);
  g_assert_cmpint (wp_light_judge (WP_ITEM_STATUS_DONE, 0, &due, NULL, &today, 60, &rules),
                   ==, WP_LIGHT_GREEN);
  g_assert_cmpint (wp_light_judge (WP_ITEM_STATUS_SUSPENDED, 0, &due, NULL, &today, 60,
                                   &rules), ==, WP_LIGHT_NONE);

  /* Due soon: N days left is yellow, N+1 green */
  {
    GDate soon = day (2025, 8, 1);  /* 30 days after 2 July */
    GDate later = day (2025, 8, 2);

    g_assert_cmpint (wp_light_judge (WP_ITEM_STATUS_IN_PROGRESS, 99, &soon, NULL, &today, -1,
                                     &rules), ==, WP_LIGHT_YELLOW);
    g_assert_cmpint (wp_light_judge (WP_ITEM_STATUS_IN_PROGRESS, 99, &later, NULL, &today, -1,
                                     &rules), ==, WP_LIGHT_GREEN);
    g_assert_cmpint (wp_light_judge (WP_ITEM_STATUS_IN_PROGRESS, 99, &later, NULL, &today, -1,
                                     &strict), ==, WP_LIGHT_YELLOW);
  }

  /* Elapsed share: Y points behind is yellow (share 50.14%: 40 is 10.1 behind) */
  g_assert_cmpint (wp_light_judge (WP_ITEM_STATUS_IN_PROGRESS, 40, &due, &start, &today, -1,
                                   &rules), ==, WP_LIGHT_YELLOW);
  g_assert_cmpint (wp_light_judge (WP_ITEM_STATUS_IN_PROGRESS, 41, &due, &start, &today, -1,
                                   &rules), ==, WP_LIGHT_GREEN);
  /* past the deadline is red whatever the progress */
  {
    GDate past = day (2025, 6, 30);

    g_assert_cmpint (wp_light_judge (WP_ITEM_STATUS_IN_PROGRESS, 99, &past, NULL, &today, 10,
                                     &rules), ==, WP_LIGHT_RED);
  }
}

/* A quarter's milestone is due on its last day (issue 21) */
static void
test_last_ended_quarter (void)
{
  GDate d;

  d = day (2025, 3, 30);
  g_assert_cmpint (wp_light_last_ended_quarter (2025, &d), ==, 0);
  d = day (2025, 3, 31);
  g_assert_cmpint (wp_light_last_ended_quarter (2025, &d), ==, 1);
  d = day (2025, 4, 1);
  g_assert_cmpint (wp_light_last_ended_quarter (2025, &d), ==, 1);
  d = day (2025, 6, 30);
  g_assert_cmpint (wp_light_last_ended_quarter (2025, &d), ==, 2);
  d = day (2025, 12, 30);
  g_assert_cmpint (wp_light_last_ended_quarter (2025, &d), ==, 3);
  d = day (2025, 12, 31);
  g_assert_cmpint (wp_light_last_ended_quarter (2025, &d), ==, 4);
  d = day (2026, 1, 5);
  g_assert_cmpint (wp_light_last_ended_quarter (2025, &d), ==, 4);
  g_assert_cmpint (wp_light_last_ended_quarter (2027, &d), ==, 0);
}

static void
test_pace (void)
{
  g_assert_cmpint (wp_light_pace (WP_ITEM_STATUS_IN_PROGRESS, 61, 60), ==, WP_PACE_AHEAD);
  g_assert_cmpint (wp_light_pace (WP_ITEM_STATUS_IN_PROGRESS, 60, 60), ==, WP_PACE_ON_TRACK);
  g_assert_cmpint (wp_light_pace (WP_ITEM_STATUS_IN_PROGRESS, 59, 60), ==, WP_PACE_BEHIND);
  g_assert_cmpint (wp_light_pace (WP_ITEM_STATUS_DONE, 0, 60), ==, WP_PACE_DONE);
  g_assert_cmpint (wp_light_pace (WP_ITEM_STATUS_IN_PROGRESS, 0, -1), ==, WP_PACE_NONE);
  g_assert_cmpint (wp_light_pace (WP_ITEM_STATUS_SUSPENDED, 0, 60), ==, WP_PACE_NONE);
  g_assert_cmpstr (wp_pace_to_string (WP_PACE_ON_TRACK), ==, "on_track");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/light/done-is-green", test_done_is_green);
  g_test_add_func ("/light/overdue-is-red", test_overdue_is_red);
  g_test_add_func ("/light/due-soon-is-yellow", test_due_soon_is_yellow);
  g_test_add_func ("/light/behind-schedule-is-yellow", test_behind_schedule_is_yellow);
  g_test_add_func ("/light/undated-and-suspended", test_undated_and_suspended);
  g_test_add_func ("/light/rules-edges", test_rules_edges);
  g_test_add_func ("/light/last-ended-quarter", test_last_ended_quarter);
  g_test_add_func ("/light/pace", test_pace);

  return g_test_run ();
}
