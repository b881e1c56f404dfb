/* test-pace.c: the breakdown against the quarterly milestones (形象进度):
 * its counts by area and by lead agency, the items behind, the filter and
 * the drafted summary
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>

#include "wp-test-util.h"

typedef struct {
  guint ahead, on_track, behind, done, none;
} Pace;

static void
assert_pace (const WpCounts *counts,
             Pace            want)
{
  g_assert_cmpuint (counts->pace[WP_PACE_AHEAD], ==, want.ahead);
  g_assert_cmpuint (counts->pace[WP_PACE_ON_TRACK], ==, want.on_track);
  g_assert_cmpuint (counts->pace[WP_PACE_BEHIND], ==, want.behind);
  g_assert_cmpuint (counts->pace[WP_PACE_DONE], ==, want.done);
  g_assert_cmpuint (counts->pace[WP_PACE_NONE], ==, want.none);
}

static const WpGroupCounts *
group_named (GPtrArray  *groups,
             const char *name)
{
  for (guint i = 0; i < groups->len; i++)
    if (g_str_equal (((WpGroupCounts *) g_ptr_array_index (groups, i))->name, name))
      return g_ptr_array_index (groups, i);
  g_assert_not_reached ();
}

static void
judge_on (WpStore *store,
          int      day,
          int      month)
{
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, day, month, 2025);
  wp_store_set_judging (store, &date, 30);
}

static gint64
agency_id (WpStore    *store,
           const char *name)
{
  g_autoptr(GPtrArray) agencies = wp_store_list_agencies (store, NULL);

  for (guint i = 0; i < agencies->len; i++)
    if (g_str_equal (wp_agency_get_name (g_ptr_array_index (agencies, i)), name))
      return wp_agency_get_id (g_ptr_array_index (agencies, i));
  g_assert_not_reached ();
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

/* The titles wp_filter_find() gives, sorted, joined by spaces */
static char *
found_titles (WpStore  *store,
              gint64    plan_id,
              WpFilter *filter)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) found = wp_filter_find (store, plan_id, filter, &error);
  g_autoptr(GPtrArray) titles = g_ptr_array_new_with_free_func (g_free);

  g_assert_no_error (error);
  for (guint i = 0; i < found->len; i++)
    {
      g_autoptr(WpItem) item = wp_store_get_item (store, g_array_index (found, gint64, i), NULL);

      g_ptr_array_add (titles, g_strdup (wp_item_get_title (item)));
    }
  g_ptr_array_sort (titles, compare_strings);
  g_ptr_array_add (titles, NULL);
  wp_filter_clear (filter);
  return g_strjoinv (" ", (char **) titles->pdata);
}

/* On the second quarter's last day its milestones count: the plan's key
 * tasks, each by its own milestone, by area and by lead agency (at any
 * level, so 丙单位's 措施h counts for it, not for the plan) */
static void
test_breakdown_counts (void)
{
  g_autofree char *dir = wp_test_dir_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(WpPlan) plan = NULL;
  g_autoptr(WpStore) store = wp_test_open_paced (dir, &plan);
  g_autoptr(WpPlanStats) stats = wp_plan_stats_compute (store, wp_plan_get_id (plan), NULL,
                                                        &error);
  WpItemBehind *first, *second;

  g_assert_no_error (error);
  g_assert_cmpint (stats->unit, ==, WP_ITEM_KIND_TASK);
  g_assert_cmpuint (stats->counts.total, ==, 8);
  g_assert_true (wp_counts_have_milestones (&stats->counts));
  /* E ahead; A on track (50 of 50); B (49 of 50) and F behind; C and G
   * done (C at 30% of its 80%); D and H with no milestone of their own */
  assert_pace (&stats->counts, (Pace) { 1, 1, 2, 2, 2 });
  assert_pace (&group_named (stats->areas, "领域一")->counts, (Pace) { 0, 1, 1, 1, 1 });
  assert_pace (&group_named (stats->areas, "领域二")->counts, (Pace) { 1, 0, 1, 1, 1 });
  assert_pace (&group_named (stats->agencies, "甲单位")->counts, (Pace) { 0, 1, 2, 0, 0 });
  assert_pace (&group_named (stats->agencies, "乙单位")->counts, (Pace) { 1, 0, 0, 1, 1 });
  assert_pace (&group_named (stats->agencies, "丙单位")->counts, (Pace) { 0, 0, 1, 1, 1 });

  /* Behind, furthest first: F by 20 (its first quarter's 40% stands while
   * the second names a state only), then B by one point */
  g_assert_cmpuint (stats->behind->len, ==, 2);
  first = g_ptr_array_index (stats->behind, 0);
  second = g_ptr_array_index (stats->behind, 1);
  g_assert_cmpstr (wp_item_get_title (first->item), ==, "任务F");
  g_assert_cmpint (first->expected, ==, 40);
  g_assert_cmpint (first->progress, ==, 20);
  g_assert_cmpstr (wp_item_get_title (second->item), ==, "任务B");
  g_assert_cmpint (second->expected, ==, 50);
  g_assert_cmpint (second->progress, ==, 49);

  g_clear_pointer (&stats, wp_plan_stats_free);
  /* One agency: the items it is on, at any level */
  stats = wp_plan_stats_compute (store, wp_plan_get_id (plan), "丙单位", &error);
  g_assert_no_error (error);
  assert_pace (&stats->counts, (Pace) { 0, 0, 1, 1, 1 });
  g_assert_cmpuint (stats->behind->len, ==, 1);
  g_assert_cmpstr (wp_item_get_title (((WpItemBehind *) g_ptr_array_index (stats->behind,
                                                                           0))->item), ==,
                   "措施h");

  g_clear_object (&plan);
  g_clear_pointer (&stats, wp_plan_stats_free);
  g_assert_finalize_object (g_steal_pointer (&store));
  wp_test_dir_free (g_steal_pointer (&dir));
}

/* A quarter's milestone counts from its last day on, not before */
static void
test_quarter_edges (void)
{
  g_autofree char *dir = wp_test_dir_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(WpPlan) plan = NULL;
  g_autoptr(WpStore) store = wp_test_open_paced (dir, &plan);
  g_autoptr(WpPlanStats) stats = NULL;

  /* 29 June: only the first quarter's milestones, A's 30% and F's 40% */
  judge_on (store, 29, 6);
  stats = wp_plan_stats_compute (store, wp_plan_get_id (plan), NULL, &error);
  g_assert_no_error (error);
  assert_pace (&stats->counts, (Pace) { 1, 0, 1, 2, 4 });
  g_assert_cmpuint (stats->behind->len, ==, 1);
  g_clear_pointer (&stats, wp_plan_stats_free);

  /* 1 July: as on 30 June, the third quarter not ended */
  judge_on (store, 1, 7);
  stats = wp_plan_stats_compute (store, wp_plan_get_id (plan), NULL, &error);
  g_assert_no_error (error);
  assert_pace (&stats->counts, (Pace) { 1, 1, 2, 2, 2 });
  g_clear_pointer (&stats, wp_plan_stats_free);

  /* Before the first quarter ends nothing is due: only the done count */
  judge_on (store, 30, 3);
  stats = wp_plan_stats_compute (store, wp_plan_get_id (plan), NULL, &error);
  g_assert_no_error (error);
  assert_pace (&stats->counts, (Pace) { 0, 0, 0, 2, 6 });
  g_assert_false (wp_counts_have_milestones (&stats->counts));
  g_clear_pointer (&stats, wp_plan_stats_free);
  judge_on (store, 31, 3);
  stats = wp_plan_stats_compute (store, wp_plan_get_id (plan), NULL, &error);
  g_assert_no_error (error);
  assert_pace (&stats->counts, (Pace) { 1, 0, 1, 2, 4 });

  /* B catches up to its 50% exactly: on track, not ahead */
  judge_on (store, 30, 6);
  g_assert_true (wp_store_set_item_int (store, wp_test_item_by_title (store,
                                                                      wp_plan_get_id (plan),
                                                                      "任务B"),
                                        "progress", 50, &error));
  g_assert_no_error (error);
  g_clear_pointer (&stats, wp_plan_stats_free);
  stats = wp_plan_stats_compute (store, wp_plan_get_id (plan), NULL, &error);
  g_assert_no_error (error);
  assert_pace (&stats->counts, (Pace) { 1, 2, 1, 2, 2 });

  g_clear_object (&plan);
  g_clear_pointer (&stats, wp_plan_stats_free);
  g_assert_finalize_object (g_steal_pointer (&store));
  wp_test_dir_free (g_steal_pointer (&dir));
}

/* The filter finds what each segment counts */
static void
test_filter_by_pace (void)
{
  g_autofree char *dir = wp_test_dir_new ();
  g_autoptr(WpPlan) plan = NULL;
  g_autoptr(WpStore) store = wp_test_open_paced (dir, &plan);
  gint64 plan_id = wp_plan_get_id (plan);
  gint64 area_two = wp_test_item_by_title (store, plan_id, "领域二");
  g_autofree char *titles = NULL;
  WpFilter filter, copy;

  /* The plan's 欠进度: key tasks */
  wp_filter_init (&filter);
  filter.pace = WP_PACE_BEHIND;
  filter.kind = WP_ITEM_KIND_TASK;
  g_assert_true (wp_filter_has_criteria (&filter));
  titles = found_titles (store, plan_id, &filter);
  g_assert_cmpstr (titles, ==, "任务B 任务F");
  g_clear_pointer (&titles, g_free);

  /* At any level, 措施h too */
  wp_filter_init (&filter);
  filter.pace = WP_PACE_BEHIND;
  titles = found_titles (store, plan_id, &filter);
  g_assert_cmpstr (titles, ==, "任务B 任务F 措施h");
  g_clear_pointer (&titles, g_free);

  /* One area's segment */
  wp_filter_init (&filter);
  filter.pace = WP_PACE_BEHIND;
  filter.kind = WP_ITEM_KIND_TASK;
  filter.area_id = area_two;
  titles = found_titles (store, plan_id, &filter);
  g_assert_cmpstr (titles, ==, "任务F");
  g_clear_pointer (&titles, g_free);

  /* A lead agency's: the items it leads at any level */
  wp_filter_init (&filter);
  filter.pace = WP_PACE_NONE;
  filter.lead_id = agency_id (store, "丙单位");
  titles = found_titles (store, plan_id, &filter);
  g_assert_cmpstr (titles, ==, "任务H");
  g_clear_pointer (&titles, g_free);
  wp_filter_init (&filter);
  filter.pace = WP_PACE_DONE;
  filter.lead_id = agency_id (store, "乙单位");
  titles = found_titles (store, plan_id, &filter);
  g_assert_cmpstr (titles, ==, "任务C");
  g_clear_pointer (&titles, g_free);

  /* One agency's view of another's bar: what 甲单位 leads that 乙单位 is on
   * (the crafted plan has supporting agencies) */
  {
    g_autofree char *crafted_dir = wp_test_dir_new ();
    g_autoptr(WpPlan) crafted = NULL;
    g_autoptr(WpStore) other = wp_test_open_crafted (crafted_dir, &crafted);

    wp_filter_init (&filter);
    filter.agency = g_strdup ("乙单位");
    filter.lead_id = agency_id (other, "甲单位");
    titles = found_titles (other, wp_plan_get_id (crafted), &filter);
    g_assert_cmpstr (titles, ==, "任务甲 措施7");
    g_clear_pointer (&titles, g_free);
    g_clear_object (&crafted);
    g_assert_finalize_object (g_steal_pointer (&other));
    wp_test_dir_free (g_steal_pointer (&crafted_dir));
  }

  /* Copies and compares with its new fields */
  wp_filter_init (&filter);
  wp_filter_init (&copy);
  filter.pace = WP_PACE_AHEAD;
  filter.area_id = area_two;
  filter.kind = WP_ITEM_KIND_TASK;
  filter.agency = g_strdup ("乙单位");
  filter.lead_id = agency_id (store, "乙单位");
  wp_filter_copy (&filter, &copy);
  g_assert_true (wp_filter_equal (&filter, &copy));
  copy.pace = WP_PACE_BEHIND;
  g_assert_false (wp_filter_equal (&filter, &copy));
  wp_filter_clear (&filter);
  wp_filter_clear (&copy);
  g_assert_cmpint (copy.pace, ==, -1);
  g_assert_cmpint (copy.kind, ==, -1);

  g_clear_object (&plan);
  g_assert_finalize_object (g_steal_pointer (&store));
  wp_test_dir_free (g_steal_pointer (&dir));
}

/* The drafted summary names the items behind after the overdue ones, with
 * what was expected and what was done; a plan with no milestone due says
 * nothing of them */
static void
test_summary_names_behind (void)
{
  g_autofree char *dir = wp_test_dir_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(WpPlan) plan = NULL;
  g_autoptr(WpStore) store = wp_test_open_paced (dir, &plan);
  g_autoptr(WpPlanStats) stats = wp_plan_stats_compute (store, wp_plan_get_id (plan), NULL,
                                                        &error);
  g_autofree char *text = NULL;
  g_autofree char *none = NULL;
  const char *pace;

  g_assert_no_error (error);
  text = wp_plan_stats_compose_summary (stats, "形象进度测试");
  g_test_message ("%s", text);
  pace = strstr (text, "\n\nAgainst the milestones: 1 ahead, 1 on track, 2 behind and 2 done; "
                       "2 have no milestone due yet. Behind their milestone: 任务F (led by "
                       "甲单位, expected 40%, actual 20%); 任务B (led by 甲单位, expected 50%, "
                       "actual 49%).");
  g_assert_nonnull (pace);
  /* the last paragraph */
  g_assert_null (strstr (pace + 2, "\n\n"));

  g_clear_pointer (&stats, wp_plan_stats_free);
  judge_on (store, 30, 3);
  stats = wp_plan_stats_compute (store, wp_plan_get_id (plan), NULL, &error);
  g_assert_no_error (error);
  none = wp_plan_stats_compose_summary (stats, "形象进度测试");
  g_assert_null (strstr (none, "milestone"));

  g_clear_object (&plan);
  g_clear_pointer (&stats, wp_plan_stats_free);
  g_assert_finalize_object (g_steal_pointer (&store));
  wp_test_dir_free (g_steal_pointer (&dir));
}

/* A click on a segment finds it: the middle of each segment drawn hits it */
static void
test_chart_hit (void)
{
  g_autofree char *dir = wp_test_dir_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(WpPlan) plan = NULL;
  g_autoptr(WpStore) store = wp_test_open_paced (dir, &plan);
  g_autoptr(WpPlanStats) stats = wp_plan_stats_compute (store, wp_plan_get_id (plan), NULL,
                                                        &error);
  guint hits = 0;

  g_assert_no_error (error);
  for (guint i = 0; i < stats->agencies->len; i++)
    for (int p = WP_PACE_NONE; p <= WP_PACE_DONE; p++)
      {
        WpGroupCounts *group = g_ptr_array_index (stats->agencies, i);
        double x, y;
        WpPace pace = WP_PACE_NONE;

        g_assert_cmpint (wp_chart_pace_segment_centre (stats->agencies, 12, 600, i, p, &x, &y),
                         ==, group->counts.pace[p] > 0);
        if (group->counts.pace[p] == 0)
          continue;
        g_assert_cmpint (wp_chart_pace_hit (stats->agencies, 12, 600, x, y, &pace), ==, i);
        g_assert_cmpint (pace, ==, p);
        hits++;
      }
  g_assert_cmpuint (hits, ==, 8);
  /* the legend and the names are not segments */
  {
    WpPace pace;

    g_assert_cmpint (wp_chart_pace_hit (stats->agencies, 12, 600, 300, 5, &pace), ==, -1);
    g_assert_cmpint (wp_chart_pace_hit (stats->agencies, 12, 600, 2, 40, &pace), ==, -1);
  }

  g_clear_object (&plan);
  g_clear_pointer (&stats, wp_plan_stats_free);
  g_assert_finalize_object (g_steal_pointer (&store));
  wp_test_dir_free (g_steal_pointer (&dir));
}

/* The briefing shows the breakdown and names the items behind their
 * milestone after the overdue ones */
static void
test_briefing_names_behind (void)
{
  g_autofree char *dir = wp_test_dir_new ();
  g_autofree char *pdf = g_build_filename (dir, "briefing.pdf", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(WpPlan) plan = NULL;
  g_autoptr(WpStore) store = wp_test_open_paced (dir, &plan);
  g_autofree char *text = NULL;
  g_autofree char *flat = NULL;
  const char *overdue, *behind;

  if (!wp_test_have_poppler ())
    {
      g_clear_object (&plan);
      g_clear_object (&store);
      wp_test_dir_free (g_steal_pointer (&dir));
      g_test_skip ("no pdftotext");
      return;
    }
  g_assert_true (wp_briefing_write_pdf (store, wp_plan_get_id (plan), NULL, NULL, pdf, &error));
  g_assert_no_error (error);
  text = wp_test_poppler ("pdftotext", pdf, "-");
  g_test_message ("%s", text);
  /* (pdftotext breaks lines where the page does) */
  flat = g_strdelimit (g_strdup (text), "\n", ' ');
  g_assert_nonnull (strstr (flat, "Against the Milestones"));
  g_assert_nonnull (strstr (flat, "1 ahead, 1 on track, 2 behind and 2 done; 2 have no milestone "
                                  "due yet."));
  overdue = strstr (flat, "Overdue Items");
  behind = strstr (flat, "Items Behind Their Milestone");
  g_assert_nonnull (overdue);
  g_assert_nonnull (behind);
  g_assert_true (behind > overdue);
  g_assert_nonnull (strstr (behind, "1. 任务F — 甲单位, expected 40%, actual 20%"));
  g_assert_nonnull (strstr (behind, "2. 任务B — 甲单位, expected 50%, actual 49%"));

  g_clear_object (&plan);
  g_assert_finalize_object (g_steal_pointer (&store));
  wp_test_dir_free (g_steal_pointer (&dir));
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/pace/breakdown-counts", test_breakdown_counts);
  g_test_add_func ("/pace/quarter-edges", test_quarter_edges);
  g_test_add_func ("/pace/filter", test_filter_by_pace);
  g_test_add_func ("/pace/summary-names-behind", test_summary_names_behind);
  g_test_add_func ("/pace/chart-hit", test_chart_hit);
  g_test_add_func ("/pace/briefing-names-behind", test_briefing_names_behind);

  return g_test_run ();
}
