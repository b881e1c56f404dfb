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

  return g_test_run ();
}
