/* test-reporting.c: reporting periods (报送) — who owes which report, the
 * counts of a period, the 催报 and 通报 texts, and `workplan reporting`
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>
#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "wp-test-util.h"
#include "wp-reporting.h"

typedef struct {
  char    *dir;
  char    *path;
  WpStore *store;
  gint64   plan_id;
  gint64   fraud_talks;   /* 反诈宣传: 市公安局, no note, behind its Q2 milestone */
  gint64   fraud_cases;   /* 打击电诈: 市公安局, a note on 30 June */
  gint64   community;     /* 社区矫正: 市司法局 and 市公安局, a note back-dated to 31 May */
  gint64   school;        /* 校园安全: 市教育局, a note on 1 July */
} Fixture;

static GDate
day (int y, int m, int d)
{
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, (GDateDay) d, (GDateMonth) m, (GDateYear) y);
  return date;
}

static gint64
add_item (Fixture    *f,
          gint64      parent_id,
          WpItemKind  kind,
          const char *title,
          const char *lead,
          const char *lead2)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WpItem) item = wp_store_create_item (f->store, f->plan_id, parent_id, -1, kind, title,
                                                 &error);
  const char *names[] = { lead, lead2, NULL };

  g_assert_no_error (error);
  if (lead != NULL)
    {
      wp_store_set_item_agencies (f->store, wp_item_get_id (item), WP_AGENCY_ROLE_LEAD, names,
                                  &error);
      g_assert_no_error (error);
    }
  return wp_item_get_id (item);
}

static void
add_note (Fixture *f,
          gint64   item_id,
          GDate    date)
{
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (wp_store_add_note_by (f->store, item_id, &date, "已按计划推进", -1, NULL,
                                         &error), >, 0);
  g_assert_no_error (error);
}

static void
set_string (Fixture    *f,
            gint64      item_id,
            const char *property,
            const char *value)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (wp_store_set_item_string (f->store, item_id, property, value, &error));
  g_assert_no_error (error);
}

/* A plan whose every rule of who owes a report shows: an area and a key
 * task that lead (parents: not due), leaf actions with one lead and with
 * two, a done and a suspended action, one that names only a supporting
 * agency, one with no agency, and notes on and just off the edges of June. */
static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WpPlan) plan = NULL;
  gint64 area, task, done, suspended, co_only;

  f->dir = wp_test_dir_new ();
  f->path = g_build_filename (f->dir, "plan.db", NULL);
  f->store = wp_store_open (f->path, WP_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  plan = wp_store_create_plan (f->store, 2025, "2025年平安建设工作要点", "市委政法委", &error);
  g_assert_no_error (error);
  f->plan_id = wp_plan_get_id (plan);

  area = add_item (f, 0, WP_ITEM_KIND_AREA, "平安建设", "市委政法委", NULL);
  task = add_item (f, area, WP_ITEM_KIND_TASK, "防范电信网络诈骗", "市公安局", NULL);
  f->fraud_talks = add_item (f, task, WP_ITEM_KIND_ACTION, "反诈宣传", "市公安局", NULL);
  f->fraud_cases = add_item (f, task, WP_ITEM_KIND_ACTION, "打击电诈", "市公安局", NULL);
  f->community = add_item (f, area, WP_ITEM_KIND_ACTION, "社区矫正", "市司法局", "市公安局");
  done = add_item (f, area, WP_ITEM_KIND_ACTION, "禁毒宣传", "市禁毒办", NULL);
  suspended = add_item (f, area, WP_ITEM_KIND_ACTION, "信访积案化解", "市信访局", NULL);
  f->school = add_item (f, area, WP_ITEM_KIND_ACTION, "校园安全", "市教育局", NULL);
  add_item (f, area, WP_ITEM_KIND_ACTION, "无人牵头的措施", NULL, NULL);
  co_only = add_item (f, area, WP_ITEM_KIND_ACTION, "只有配合单位", NULL, NULL);
  {
    const char *co[] = { "市民政局", NULL };

    g_assert_true (wp_store_set_item_agencies (f->store, co_only, WP_AGENCY_ROLE_CO, co, &error));
    g_assert_no_error (error);
  }

  set_string (f, done, "status", "done");
  set_string (f, suspended, "status", "suspended");
  g_assert_true (wp_store_set_item_int (f->store, f->fraud_talks, "progress", 20, &error));
  g_assert_true (wp_store_set_item_int (f->store, f->fraud_cases, "progress", 40, &error));
  g_assert_true (wp_store_set_milestone (f->store, f->fraud_talks, 2, "覆盖全部社区", 50, &error));
  g_assert_true (wp_store_set_milestone (f->store, f->fraud_cases, 1, "", 30, &error));
  g_assert_no_error (error);

  add_note (f, f->fraud_cases, day (2025, 6, 30));
  /* (received in June, entered on the day it was made) */
  add_note (f, f->community, day (2025, 5, 31));
  add_note (f, f->school, day (2025, 7, 1));
  /* Notes on items that are not due count for nothing */
  add_note (f, done, day (2025, 6, 3));
  add_note (f, area, day (2025, 6, 3));
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->store);
  g_free (f->path);
  wp_test_dir_free (f->dir);
}

static WpPeriodReport *
compute (Fixture    *f,
         const char *key)
{
  g_autoptr(GError) error = NULL;
  WpPlanSettings settings = WP_PLAN_SETTINGS_INIT;
  WpReportPeriod period;
  WpPeriodReport *report;

  g_assert_true (wp_store_get_plan_settings (f->store, f->plan_id, &settings, &error));
  g_assert_true (wp_report_period_parse (key, 2025, &settings, &period, &error));
  g_assert_no_error (error);
  report = wp_period_report_compute (f->store, f->plan_id, &period, &error);
  g_assert_no_error (error);
  return report;
}

/* "a, b" of the titles of @ids */
static char *
titles (const WpPeriodReport *report,
        const GArray         *ids)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new ();

  for (guint i = 0; i < ids->len; i++)
    g_ptr_array_add (names, (char *) wp_period_report_get_title (report,
                                                                 g_array_index (ids, gint64, i)));
  g_ptr_array_add (names, NULL);
  return g_strjoinv (", ", (char **) names->pdata);
}

static void
assert_agency (const WpPeriodReport *report,
               const char           *name,
               guint                 n_due,
               guint                 n_reported,
               const char           *missing,
               const char           *behind)
{
  const WpAgencyReport *a = wp_period_report_find_agency (report, name);
  g_autofree char *missing_titles = NULL;
  g_autofree char *behind_titles = NULL;

  g_assert_nonnull (a);
  missing_titles = titles (report, a->missing);
  behind_titles = titles (report, a->behind);
  g_assert_cmpuint (a->n_due, ==, n_due);
  g_assert_cmpuint (a->n_reported, ==, n_reported);
  g_assert_cmpuint (a->due->len, ==, n_due);
  g_assert_cmpstr (missing_titles, ==, missing);
  g_assert_cmpstr (behind_titles, ==, behind);
}

static void
test_periods (void)
{
  WpPlanSettings settings = WP_PLAN_SETTINGS_INIT;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) months = NULL;
  g_autoptr(GArray) halves = NULL;
  g_autoptr(GArray) quarters = NULL;
  WpReportPeriod period;
  const WpReportPeriod *p;
  g_autofree char *from = NULL, *to = NULL, *due = NULL;

  /* Monthly, due by the 31st: clamped to each month's length */
  settings.report_due_day = 31;
  months = wp_report_periods_of_year (2025, &settings);
  g_assert_cmpuint (months->len, ==, 12);
  p = &g_array_index (months, WpReportPeriod, 1);
  g_assert_cmpstr (p->key, ==, "2025-02");
  g_assert_cmpint (g_date_get_day (&p->to), ==, 28);
  g_assert_cmpint (g_date_get_day (&p->due), ==, 28);
  p = &g_array_index (months, WpReportPeriod, 5);
  g_assert_cmpstr (p->key, ==, "2025-06");
  g_assert_cmpint (g_date_get_day (&p->due), ==, 30);

  /* Twice a month: the 1st-15th and the 16th to the end, the due day kept
   * in its place in each half */
  settings.report_frequency = WP_REPORT_SEMIMONTHLY;
  settings.report_due_day = 25;
  halves = wp_report_periods_of_year (2025, &settings);
  g_assert_cmpuint (halves->len, ==, 24);
  p = &g_array_index (halves, WpReportPeriod, 10);
  from = wp_date_to_iso (&p->from);
  to = wp_date_to_iso (&p->to);
  due = wp_date_to_iso (&p->due);
  g_assert_cmpstr (p->key, ==, "2025-06a");
  g_assert_cmpstr (from, ==, "2025-06-01");
  g_assert_cmpstr (to, ==, "2025-06-15");
  g_assert_cmpstr (due, ==, "2025-06-10");
  g_clear_pointer (&from, g_free);
  g_clear_pointer (&to, g_free);
  g_clear_pointer (&due, g_free);
  p = &g_array_index (halves, WpReportPeriod, 11);
  from = wp_date_to_iso (&p->from);
  to = wp_date_to_iso (&p->to);
  due = wp_date_to_iso (&p->due);
  g_assert_cmpstr (p->key, ==, "2025-06b");
  g_assert_cmpstr (from, ==, "2025-06-16");
  g_assert_cmpstr (to, ==, "2025-06-30");
  g_assert_cmpstr (due, ==, "2025-06-25");
  g_assert_true (wp_report_period_parse ("2025-06b", 2025, &settings, &period, &error));
  g_assert_cmpint (period.index, ==, 12);
  g_assert_false (wp_report_period_parse ("2025-06", 2025, &settings, &period, &error));
  g_assert_error (error, WP_STORE_ERROR, WP_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "2025-06a"));
  g_clear_error (&error);
  {
    GDate d = day (2025, 6, 16);

    g_assert_true (wp_report_period_containing (2025, &settings, &d, &period));
    g_assert_cmpstr (period.key, ==, "2025-06b");
    d = day (2026, 1, 1);
    g_assert_false (wp_report_period_containing (2025, &settings, &d, &period));
  }

  /* Quarterly: due in the quarter's last month; a month names its quarter */
  settings.report_frequency = WP_REPORT_QUARTERLY;
  quarters = wp_report_periods_of_year (2025, &settings);
  g_assert_cmpuint (quarters->len, ==, 4);
  g_clear_pointer (&from, g_free);
  g_clear_pointer (&to, g_free);
  g_clear_pointer (&due, g_free);
  p = &g_array_index (quarters, WpReportPeriod, 1);
  from = wp_date_to_iso (&p->from);
  to = wp_date_to_iso (&p->to);
  due = wp_date_to_iso (&p->due);
  g_assert_cmpstr (p->key, ==, "2025-Q2");
  g_assert_cmpstr (from, ==, "2025-04-01");
  g_assert_cmpstr (to, ==, "2025-06-30");
  g_assert_cmpstr (due, ==, "2025-06-25");
  g_assert_true (wp_report_period_parse ("2025-05", 2025, &settings, &period, &error));
  g_assert_cmpstr (period.key, ==, "2025-Q2");
  g_assert_true (wp_report_period_parse ("2025-Q4", 2025, &settings, &period, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (period.key, ==, "2025-Q4");

  /* What is not a period of the plan is refused, saying why */
  settings.report_frequency = WP_REPORT_MONTHLY;
  {
    const char *bad[] = { "2025-13", "2025-00", "2025-6", "2025-06a", "2025-Q2", "六月", "",
                          "2025-06-01" };

    for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
      {
        g_assert_false (wp_report_period_parse (bad[i], 2025, &settings, &period, &error));
        g_assert_error (error, WP_STORE_ERROR, WP_STORE_ERROR_INVALID);
        g_clear_error (&error);
      }
  }
  g_assert_false (wp_report_period_parse ("2024-06", 2025, &settings, &period, &error));
  g_assert_nonnull (strstr (error->message, "2025"));
}

/* June: leaf items only; done, suspended, parents and items without a lead
 * not due; the note on 30 June counts, those of 31 May and 1 July do not;
 * an item with two leads is due from each. */
static void
test_june (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(WpPeriodReport) report = compute (f, "2025-06");
  const char *order[] = { "市委政法委", "市公安局", "市司法局", "市禁毒办", "市信访局",
                          "市教育局" };

  /* Every lead agency, in the order the outline first names them; the
   * supporting agency owes nothing */
  g_assert_cmpuint (report->agencies->len, ==, G_N_ELEMENTS (order));
  for (guint i = 0; i < G_N_ELEMENTS (order); i++)
    g_assert_cmpstr (((WpAgencyReport *) g_ptr_array_index (report->agencies, i))->name, ==,
                     order[i]);
  g_assert_null (wp_period_report_find_agency (report, "市民政局"));

  assert_agency (report, "市委政法委", 0, 0, "", "");
  /* 反诈宣传 is below its second quarter's 50%, ended on 30 June */
  assert_agency (report, "市公安局", 3, 1, "反诈宣传, 社区矫正", "反诈宣传");
  assert_agency (report, "市司法局", 1, 0, "社区矫正", "");
  assert_agency (report, "市禁毒办", 0, 0, "", "");
  assert_agency (report, "市信访局", 0, 0, "", "");
  assert_agency (report, "市教育局", 1, 0, "校园安全", "");
}

/* The back-dated note counts in May; in May no milestone has come due for
 * 反诈宣传 yet (the first quarter's was set for 打击电诈 only, and it is ahead) */
static void
test_back_dated_and_other_months (Fixture       *f,
                                  gconstpointer  data)
{
  g_autoptr(WpPeriodReport) may = compute (f, "2025-05");
  g_autoptr(WpPeriodReport) july = compute (f, "2025-07");

  assert_agency (may, "市公安局", 3, 1, "反诈宣传, 打击电诈", "");
  assert_agency (may, "市司法局", 1, 1, "", "");
  assert_agency (may, "市教育局", 1, 0, "校园安全", "");
  assert_agency (july, "市教育局", 1, 1, "", "");
  assert_agency (july, "市公安局", 3, 0, "反诈宣传, 打击电诈, 社区矫正", "反诈宣传");

  /* Quarterly, the second quarter holds both the May and the June notes */
  {
    g_autoptr(GError) error = NULL;
    WpPlanSettings settings = WP_PLAN_SETTINGS_INIT;
    g_autoptr(WpPeriodReport) q2 = NULL;

    settings.report_frequency = WP_REPORT_QUARTERLY;
    g_assert_true (wp_store_set_plan_settings (f->store, f->plan_id, &settings, &error));
    g_assert_no_error (error);
    q2 = compute (f, "2025-Q2");
    assert_agency (q2, "市公安局", 3, 2, "反诈宣传", "反诈宣传");
    assert_agency (q2, "市司法局", 1, 1, "", "");
  }
}

/* Computing all periods at once gives what computing each does */
static void
test_many (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  WpPlanSettings settings = WP_PLAN_SETTINGS_INIT;
  g_autoptr(GArray) periods = wp_report_periods_of_year (2025, &settings);
  g_autoptr(GPtrArray) reports = wp_period_report_compute_many (f->store, f->plan_id,
                                                                (WpReportPeriod *) periods->data,
                                                                periods->len, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (reports->len, ==, 12);
  for (guint i = 0; i < reports->len; i++)
    {
      WpPeriodReport *many = g_ptr_array_index (reports, i);
      g_autoptr(WpPeriodReport) one = compute (f, many->period.key);
      g_autofree char *a = wp_period_report_to_json (many);
      g_autofree char *b = wp_period_report_to_json (one);

      g_assert_cmpstr (a, ==, b);
    }
}

static gboolean
use_chinese (void)
{
  const char *localedir = g_getenv ("WORKPLAN_LOCALEDIR");

  if (localedir == NULL || setlocale (LC_ALL, "zh_CN.UTF-8") == NULL)
    return FALSE;
  bindtextdomain (GETTEXT_PACKAGE, localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  return TRUE;
}

/* The 催报 and the 通报, in English and in the office's Chinese */
static void
test_texts (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(WpPeriodReport) report = compute (f, "2025-06");
  const WpAgencyReport *police = wp_period_report_find_agency (report, "市公安局");
  g_autofree char *reminder = wp_period_report_compose_reminder (report, police);
  g_autofree char *bulletin = wp_period_report_compose_bulletin (report);
  g_autofree char *none = wp_period_report_compose_reminder (
    report, wp_period_report_find_agency (report, "市委政法委"));

  g_assert_null (none);
  g_assert_cmpstr (reminder, ==, "市公安局: please report the progress of the following 2 items "
                                 "by 6/25: 1. 反诈宣传; 2. 社区矫正.");
  g_assert_cmpstr (bulletin, ==,
                   "Bulletin on the progress reports of 2025-06\n\n"
                   "Lead agencies were due to report their progress by 6/25: 3 agencies, on 5 "
                   "items. Agencies that reported on all their items: 0.\n\n"
                   "Not reported on time: 市公安局 (2 items), 市司法局 (1 item), 市教育局 "
                   "(1 item).\n\n"
                   "Work behind its milestone: 反诈宣传 (市公安局).\n\n"
                   "The agencies that have not reported are asked to report without delay, "
                   "and those leading the work behind schedule to speed it up so that it is "
                   "finished on time.");

  if (!use_chinese ())
    {
      g_test_skip ("the zh_CN.UTF-8 locale or the built translations are missing");
      return;
    }
  g_clear_pointer (&reminder, g_free);
  g_clear_pointer (&bulletin, g_free);
  reminder = wp_period_report_compose_reminder (report, police);
  bulletin = wp_period_report_compose_bulletin (report);
  setlocale (LC_ALL, "C.UTF-8");
  g_assert_cmpstr (reminder, ==,
                   "请市公安局于6月25日前报送以下2项工作进展：1. 反诈宣传；2. 社区矫正。");
  g_assert_cmpstr (bulletin, ==,
                   "关于2025年6月工作进展报送情况的通报\n\n"
                   "按要求，各牵头单位应于6月25日前报送工作进展，涉及单位3个、事项5项，"
                   "其中全部报送的单位0个。\n\n"
                   "截至目前，以下单位未按时报送：市公安局（2项）、市司法局（1项）、"
                   "市教育局（1项）。\n\n"
                   "以下工作滞后于形象进度：反诈宣传（市公安局）。\n\n"
                   "请未报送单位抓紧补报，请滞后工作的牵头单位加快推进，确保按期完成。");
}

static int
run_cli (char **out,
         char **err,
         ...)
{
  va_list args;
  int status;

  va_start (args, err);
  status = wp_test_run_workplan_va (out, err, args);
  va_end (args);
  return status;
}

/* `workplan reporting --json` prints the JSON exactly; `workplan
 * note --reporter --date` enters a late report on its own day */
static void
test_cli_json (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL, *err = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autofree char *compact = NULL;

  g_clear_object (&f->store);
  g_assert_cmpint (run_cli (&out, &err, "reporting", "--year", "2025", "--period",
                            "2025-06", "--db", f->path, "--json", NULL), ==, 0);
  g_assert_true (json_parser_load_from_data (parser, out, -1, &error));
  g_assert_no_error (error);
  json_generator_set_root (generator, json_parser_get_root (parser));
  compact = json_generator_to_data (generator, NULL);
  g_assert_cmpstr (compact, ==,
                   "{\"period\":\"2025-06\",\"from\":\"2025-06-01\",\"to\":\"2025-06-30\","
                   "\"due_day\":25,\"agencies\":["
                   "{\"name\":\"市委政法委\",\"due\":0,\"reported\":0,\"missing\":[],"
                   "\"behind\":[]},"
                   "{\"name\":\"市公安局\",\"due\":3,\"reported\":1,"
                   "\"missing\":[\"反诈宣传\",\"社区矫正\"],\"behind\":[\"反诈宣传\"]},"
                   "{\"name\":\"市司法局\",\"due\":1,\"reported\":0,\"missing\":[\"社区矫正\"],"
                   "\"behind\":[]},"
                   "{\"name\":\"市禁毒办\",\"due\":0,\"reported\":0,\"missing\":[],"
                   "\"behind\":[]},"
                   "{\"name\":\"市信访局\",\"due\":0,\"reported\":0,\"missing\":[],"
                   "\"behind\":[]},"
                   "{\"name\":\"市教育局\",\"due\":1,\"reported\":0,\"missing\":[\"校园安全\"],"
                   "\"behind\":[]}]}");

  /* A late report, entered on the day it was made, by whom */
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (&out, &err, "note", "--year", "2025", "--item", "反诈宣传",
                            "--text", "已开展反诈宣传进社区120场", "--date", "2025-06-20",
                            "--reporter", "市公安局", "--db", f->path, NULL), ==, 0);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (&out, &err, "reporting", "--year", "2025", "--period",
                            "2025-06", "--db", f->path, NULL), ==, 0);
  g_assert_nonnull (strstr (out, "市公安局: 2 of 3 items reported\n"));
  g_assert_nonnull (strstr (out, "市司法局: 0 of 1 item reported\n  Not reported:\n    社区矫正\n"));

  f->store = wp_store_open (f->path, WP_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  {
    g_autoptr(GPtrArray) notes = wp_store_list_notes (f->store, f->fraud_talks, &error);
    WpNote *note;

    g_assert_no_error (error);
    g_assert_cmpuint (notes->len, ==, 1);
    note = g_ptr_array_index (notes, 0);
    g_assert_cmpstr (note->reporter, ==, "市公安局");
    g_assert_cmpint (g_date_get_day (&note->date), ==, 20);
  }

  /* A bad period or year is refused, saying what to give */
  g_clear_object (&f->store);
  {
    const char *bad[][2] = { { "2025", "2025-13" }, { "2025", "2024-06" }, { "2025", "2025-Q2" },
                             { "0", "2025-06" }, { "12345", "2025-06" } };

    for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
      {
        g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
        g_assert_cmpint (run_cli (&out, &err, "reporting", "--year", bad[i][0],
                                  "--period", bad[i][1], "--db", f->path, NULL), ==, 2);
        g_assert_true (g_str_has_prefix (err, "workplan: "));
      }
  }
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (&out, &err, "reporting", "--year", "2024", "--period",
                            "2024-06", "--db", f->path, NULL), ==, 1);
  g_assert_nonnull (strstr (err, "2024"));
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

#define ADD(name, func) \
  g_test_add ("/reporting/" name, Fixture, NULL, fixture_setup, func, fixture_teardown)
  g_test_add_func ("/reporting/periods", test_periods);
  ADD ("june", test_june);
  ADD ("back-dated-and-other-months", test_back_dated_and_other_months);
  ADD ("many-periods", test_many);
  ADD ("texts", test_texts);
  ADD ("cli-json", test_cli_json);
#undef ADD
  return g_test_run ();
}
