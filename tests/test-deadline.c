/* test-deadline.c: the fuzzy-deadline parser
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "workplan-core.h"

typedef struct {
  const char *text;
  const char *iso;      /* NULL: no date */
  gboolean    ongoing;
} Case;

static void
check_cases (const Case *cases,
             gsize       n_cases)
{
  for (gsize i = 0; i < n_cases; i++)
    {
      WpDeadline d;
      g_autofree char *iso = NULL;

      g_test_message ("parsing “%s”", cases[i].text);
      g_assert_true (wp_deadline_parse (cases[i].text, 2025, &d));
      iso = wp_date_to_iso (&d.date);
      g_assert_cmpstr (iso, ==, cases[i].iso);
      g_assert_cmpint (d.ongoing, ==, cases[i].ongoing);
    }
}

static void
test_quarters_and_halves (void)
{
  static const Case cases[] = {
    { "一季度", "2025-03-31", FALSE },
    { "第一季度", "2025-03-31", FALSE },
    { "二季度", "2025-06-30", FALSE },
    { "第二季度末", "2025-06-30", FALSE },
    { "三季度", "2025-09-30", FALSE },
    { "第三季度前", "2025-09-30", FALSE },
    { "四季度", "2025-12-31", FALSE },
    { "1季度", "2025-03-31", FALSE },
    { "Q3", "2025-09-30", FALSE },
    { "上半年", "2025-06-30", FALSE },
    { "上半年前", "2025-06-30", FALSE },
    { "今年上半年", "2025-06-30", FALSE },
    { "力争上半年完成", "2025-06-30", FALSE },
    { "下半年", "2025-12-31", FALSE },
  };
  check_cases (cases, G_N_ELEMENTS (cases));
}

static void
test_year_end (void)
{
  static const Case cases[] = {
    { "年底前", "2025-12-31", FALSE },
    { "年底", "2025-12-31", FALSE },
    { "年内", "2025-12-31", FALSE },
    { "全年", "2025-12-31", FALSE },
    { "年末", "2025-12-31", FALSE },
    { "今年年底前", "2025-12-31", FALSE },
    { "年底前完成", "2025-12-31", FALSE },
    { "2026年底前", "2026-12-31", FALSE },
    { "明年年底前", "2026-12-31", FALSE },
    { " 年底前 ", "2025-12-31", FALSE },
  };
  check_cases (cases, G_N_ELEMENTS (cases));
}

static void
test_months_and_days (void)
{
  static const Case cases[] = {
    { "6月底前", "2025-06-30", FALSE },
    { "6月底", "2025-06-30", FALSE },
    { "2月底前", "2025-02-28", FALSE },
    { "六月底前", "2025-06-30", FALSE },
    { "十二月底前", "2025-12-31", FALSE },
    { "１０月底前", "2025-10-31", FALSE },
    { "9月", "2025-09-30", FALSE },
    { "9月份", "2025-09-30", FALSE },
    { "3月中旬", "2025-03-20", FALSE },
    { "5月上旬", "2025-05-10", FALSE },
    { "5月下旬", "2025-05-31", FALSE },
    { "6月30日前", "2025-06-30", FALSE },
    { "9月15日", "2025-09-15", FALSE },
    { "十月一日前", "2025-10-01", FALSE },
    { "8月20号前", "2025-08-20", FALSE },
    { "2026年3月底前", "2026-03-31", FALSE },
    { "2025年6月30日", "2025-06-30", FALSE },
  };
  check_cases (cases, G_N_ELEMENTS (cases));
}

static void
test_iso (void)
{
  static const Case cases[] = {
    { "2025-06-30", "2025-06-30", FALSE },
    { "2025-6-3", "2025-06-03", FALSE },
    { "2025/06/30", "2025-06-30", FALSE },
    { "2025.6.30", "2025-06-30", FALSE },
    { "2024-02-29", "2024-02-29", FALSE },
  };
  check_cases (cases, G_N_ELEMENTS (cases));
}

static void
test_ongoing (void)
{
  static const Case cases[] = {
    { "长期坚持", NULL, TRUE },
    { "长期", NULL, TRUE },
    { "持续推进", NULL, TRUE },
    { "持续", NULL, TRUE },
    { "常态化", NULL, TRUE },
    { "常态化推进", NULL, TRUE },
  };
  check_cases (cases, G_N_ELEMENTS (cases));
}

static void
test_rejects (void)
{
  static const char *bad[] = {
    "", "   ", "尽快", "视情况而定", "13月底前", "2月30日前", "2025-02-30", "2025-13-01",
    "0季度", "五季度", "3", "2025", "2025-06-30x", "hello", "6月底前后",
    /* Read as the end of June */
    "2025-6-0", "2025-06-00", "2025/6/00",
  };
  WpDeadline d;

  for (gsize i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_test_message ("rejecting “%s”", bad[i]);
      g_assert_false (wp_deadline_parse (bad[i], 2025, &d));
      g_assert_false (g_date_valid (&d.date));
      g_assert_false (d.ongoing);
    }

  {
    GDate date;

    /* The stored form's reader refused 2025-06-00 but took 2025-6-0 */
    g_assert_false (wp_date_from_iso ("2025-06-00", &date));
    g_assert_false (wp_date_from_iso ("2025-6-0", &date));
  }

  g_assert_false (wp_deadline_parse (NULL, 2025, &d));
  g_assert_false (wp_deadline_parse ("\xff\xfe", 2025, &d));
}

static void
test_plan_year_used (void)
{
  WpDeadline d;
  g_autofree char *iso = NULL;

  g_assert_true (wp_deadline_parse ("上半年", 2031, &d));
  iso = wp_date_to_iso (&d.date);
  g_assert_cmpstr (iso, ==, "2031-06-30");

  /* Found by fuzz-deadline: 明年 of the last int overflowed (UBSan). */
  g_assert_false (wp_deadline_parse ("明年年底前", G_MAXINT, &d));
  g_assert_false (wp_deadline_parse ("明年年底前", 9999, &d));
  g_assert_true (wp_deadline_parse ("明年年底前", 9998, &d));
  g_clear_pointer (&iso, g_free);
  iso = wp_date_to_iso (&d.date);
  g_assert_cmpstr (iso, ==, "9999-12-31");

  /* A leap year's February */
  g_assert_true (wp_deadline_parse ("2月底前", 2028, &d));
  g_assert_cmpint (g_date_get_day (&d.date), ==, 29);
}

static void
test_quarter_of_date (void)
{
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, 31, 3, 2025);
  g_assert_cmpint (wp_deadline_quarter (&date), ==, 1);
  g_date_set_dmy (&date, 1, 4, 2025);
  g_assert_cmpint (wp_deadline_quarter (&date), ==, 2);
  g_date_set_dmy (&date, 30, 9, 2025);
  g_assert_cmpint (wp_deadline_quarter (&date), ==, 3);
  g_date_set_dmy (&date, 31, 12, 2025);
  g_assert_cmpint (wp_deadline_quarter (&date), ==, 4);
}

static void
test_report_forms (void)
{
  static const Case cases[] = {
    { "年中", "2025-06-30", FALSE },
    { "年中前完成", "2025-06-30", FALSE },
    { "次年3月底前", "2026-03-31", FALSE },
    { "明年一季度", "2026-03-31", FALSE },
    { "十月底前", "2025-10-31", FALSE },
    { "十二月中旬", "2025-12-20", FALSE },
    { "6月下旬", "2025-06-30", FALSE },
    { "力争今年上半年完成", "2025-06-30", FALSE },
  };
  check_cases (cases, G_N_ELEMENTS (cases));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/deadline/quarters-and-halves", test_quarters_and_halves);
  g_test_add_func ("/deadline/year-end", test_year_end);
  g_test_add_func ("/deadline/months-and-days", test_months_and_days);
  g_test_add_func ("/deadline/iso", test_iso);
  g_test_add_func ("/deadline/ongoing", test_ongoing);
  g_test_add_func ("/deadline/rejects", test_rejects);
  g_test_add_func ("/deadline/plan-year", test_plan_year_used);
  g_test_add_func ("/deadline/quarter-of-date", test_quarter_of_date);

  g_test_add_func ("/deadline/report-forms", test_report_forms);
  return g_test_run ();
}
