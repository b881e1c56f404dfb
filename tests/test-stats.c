/* test-stats.c: the figures and the drafted summary of a plan
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>
#include <glib/gi18n-lib.h>

#include "wp-test-util.h"

typedef struct {
  char    *dir;
  WpStore *store;
  WpPlan  *plan;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->dir = wp_test_dir_new ();
  f->store = wp_test_open_demo (f->dir, &f->plan);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_assert_finalize_object (f->plan);
  g_assert_finalize_object (f->store);
  wp_test_dir_free (f->dir);
}

static gboolean
titles_contain (GPtrArray  *items,
                const char *part)
{
  for (guint i = 0; i < items->len; i++)
    if (strstr (wp_item_get_title (g_ptr_array_index (items, i)), part) != NULL)
      return TRUE;
  return FALSE;
}

static void
test_demo_figures (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WpPlanStats) stats = wp_plan_stats_compute (f->store, wp_plan_get_id (f->plan),
                                                        NULL, &error);
  guint area_total = 0, agency_max = 0;
  WpGroupCounts *first_agency;

  g_assert_no_error (error);
  g_assert_cmpint (stats->unit, ==, WP_ITEM_KIND_TASK);

  /* 9 key tasks, all under way on 15 July 2025 (each has started actions). */
  g_assert_cmpuint (stats->counts.total, ==, 9);
  g_assert_cmpuint (stats->counts.in_progress, ==, 9);
  g_assert_cmpuint (stats->counts.done + stats->counts.not_started + stats->counts.suspended,
                    ==, 0);
  /* Four key tasks hold an overdue action; three are behind or due soon. */
  g_assert_cmpuint (stats->counts.overdue, ==, 4);
  g_assert_cmpuint (stats->counts.due_soon, ==, 3);

  /* The list holds what the tile counts: the four key tasks, earliest
   * late action first, each with the overdue actions under it. */
  g_assert_cmpuint (stats->overdue->len, ==, 4);
  g_assert_cmpuint (stats->due_soon->len, ==, 3);
  g_assert_cmpstr (wp_item_get_title (g_ptr_array_index (stats->overdue, 0)), ==,
                   "全面深化政法领域改革");
  {
    GPtrArray *below = wp_plan_stats_get_below (stats, g_ptr_array_index (stats->overdue, 0));

    g_assert_cmpuint (below->len, ==, 1);
    g_assert_true (g_str_has_prefix (wp_item_get_title (g_ptr_array_index (below, 0)),
                                     "加快推进矛盾纠纷多元化解信息系统"));  /* 5月底前 */
  }
  g_assert_true (titles_contain (stats->overdue, "进一步守牢社会稳定底线"));
  g_assert_true (titles_contain (stats->overdue, "大力推进严格执法公正司法"));
  g_assert_true (titles_contain (stats->overdue, "全面推进海丝中央法务区建设"));

  /* Areas add up to the whole. */
  g_assert_cmpuint (stats->areas->len, ==, 3);
  for (guint i = 0; i < stats->areas->len; i++)
    area_total += ((WpGroupCounts *) g_ptr_array_index (stats->areas, i))->counts.total;
  g_assert_cmpuint (area_total, ==, stats->counts.total);
  g_assert_cmpuint (((WpGroupCounts *) g_ptr_array_index (stats->areas, 1))->counts.total, ==, 4);

  /* The lead agency with most key tasks comes first. */
  first_agency = g_ptr_array_index (stats->agencies, 0);
  for (guint i = 0; i < stats->agencies->len; i++)
    agency_max = MAX (agency_max,
                      ((WpGroupCounts *) g_ptr_array_index (stats->agencies, i))->counts.total);
  g_assert_cmpstr (first_agency->name, ==, "市委政法委");
  g_assert_cmpuint (first_agency->counts.total, ==, agency_max);

  /* Completions by month: March (述职) and June (6 个区综治中心). */
  g_assert_cmpuint (stats->done_by_month[2], ==, 1);
  g_assert_cmpuint (stats->done_by_month[5], ==, 1);
  g_assert_cmpuint (stats->done_by_month[6], ==, 0);

  /* The demo's four targets, in outline order, with how far each has come. */
  g_assert_cmpuint (stats->targets->len, ==, 4);
  {
    WpItemTarget *first = g_ptr_array_index (stats->targets, 0);
    WpItemTarget *towns = g_ptr_array_index (stats->targets, 3);
    WpItemTarget *districts = g_ptr_array_index (stats->targets, 2);
    WpItemTarget *fraud = g_ptr_array_index (stats->targets, 1);

    g_assert_cmpstr (first->target->label, ==, "群众安全感率");
    g_assert_cmpstr (wp_item_get_title (first->item), ==, "坚持主动创稳 强化系统治理");
    g_assert_cmpfloat (wp_target_get_share (first->target), ==, -1);  /* no current value */
    g_assert_cmpstr (fraud->target->label, ==, "电诈全口径刑事警情数同比下降");
    g_assert_cmpfloat (wp_target_get_share (fraud->target), ==, 1);   /* 12.4 of 10 */
    g_assert_cmpstr (districts->target->label, ==, "区级综治中心规范化运作");
    g_assert_cmpfloat (wp_target_get_share (districts->target), ==, 1);
    g_assert_cmpstr (towns->target->unit, ==, "个镇(街)");
    g_assert_cmpfloat_with_epsilon (wp_target_get_share (towns->target), 27.0 / 45, 1e-9);

    {
      g_autofree char *a = wp_target_format_values (first->target);
      g_autofree char *b = wp_target_format_values (towns->target);

      g_assert_cmpstr (a, ==, "baseline 99% → target 99%");
      g_assert_cmpstr (b, ==, "baseline 0 → now 27 → target 45 (个镇(街))");
    }
  }
}

/* A point on the bars chart names the bar drawn there */
static void
test_bars_hit (void)
{
  double height = wp_chart_bars_height (3);

  g_assert_cmpfloat (height, >, 0);
  g_assert_cmpint (wp_chart_bars_hit (3, 0), ==, 0);
  g_assert_cmpint (wp_chart_bars_hit (3, height / 3 + 1), ==, 1);
  g_assert_cmpint (wp_chart_bars_hit (3, height - 0.5), ==, 2);
  g_assert_cmpint (wp_chart_bars_hit (3, height), ==, -1);
  g_assert_cmpint (wp_chart_bars_hit (3, -1), ==, -1);
  g_assert_cmpint (wp_chart_bars_hit (0, 0), ==, -1);
}

/* A point on the status ring or its legend names the status drawn there:
 * with the legend on the right of a 100 px ring, half done (right half of
 * the ring, clockwise from twelve) and half in progress. */
static void
test_status_hit (void)
{
  WpCounts counts = { .total = 4, .done = 2, .in_progress = 2 };
  double w = 300, h = 100, r = 48;  /* the ring: 100 px, centre (50, 50) */

  g_assert_cmpint (wp_chart_status_hit (&counts, w, h, 50 + r * 0.84, 50), ==,
                   WP_ITEM_STATUS_DONE);
  g_assert_cmpint (wp_chart_status_hit (&counts, w, h, 50 - r * 0.84, 50), ==,
                   WP_ITEM_STATUS_IN_PROGRESS);
  g_assert_cmpint (wp_chart_status_hit (&counts, w, h, 50, 50), ==, -1);  /* the hole */
  /* Legend rows: done, in progress, not started, suspended, 20 px each */
  g_assert_cmpint (wp_chart_status_hit (&counts, w, h, 130, 15), ==, WP_ITEM_STATUS_DONE);
  g_assert_cmpint (wp_chart_status_hit (&counts, w, h, 130, 75), ==, WP_ITEM_STATUS_SUSPENDED);
  g_assert_cmpint (wp_chart_status_hit (&counts, w, h, 130, 95), ==, -1);
}

/* From the baseline to the target, up or down */
static void
test_target_share (void)
{
  WpTarget down = { .has_baseline = TRUE, .baseline = 100, .has_target = TRUE, .target = 80,
                    .has_current = TRUE, .current = 90 };
  WpTarget flat = { .has_baseline = TRUE, .baseline = 99, .has_target = TRUE, .target = 99,
                    .has_current = TRUE, .current = 98.5 };
  WpTarget over = { .has_target = TRUE, .target = 45, .has_current = TRUE, .current = 50 };

  g_assert_cmpfloat_with_epsilon (wp_target_get_share (&down), 0.5, 1e-9);
  g_assert_cmpfloat (wp_target_get_share (&flat), ==, 0);
  flat.current = 99.2;
  g_assert_cmpfloat (wp_target_get_share (&flat), ==, 1);
  g_assert_cmpfloat (wp_target_get_share (&over), ==, 1);
  over.current = -3;
  g_assert_cmpfloat (wp_target_get_share (&over), ==, 0);
  over.has_target = FALSE;
  g_assert_cmpfloat (wp_target_get_share (&over), ==, -1);
}

static void
test_agency_filter (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WpPlanStats) all = wp_plan_stats_compute (f->store, wp_plan_get_id (f->plan), NULL,
                                                      &error);
  g_autoptr(WpPlanStats) police = wp_plan_stats_compute (f->store, wp_plan_get_id (f->plan),
                                                         "市公安局", &error);

  g_autoptr(WpPlanFacts) facts = wp_store_list_plan_facts (f->store, wp_plan_get_id (f->plan),
                                                           &error);
  guint on = 0;

  g_assert_no_error (error);
  /* One agency's figures count every item it is on, at any level */
  for (guint i = 0; i < facts->items->len; i++)
    {
      const WpItemFacts *item = &g_array_index (facts->items, WpItemFacts, i);
      g_autoptr(WpItem) live = wp_store_get_item (f->store, item->id, NULL);

      on += g_strv_contains (wp_item_get_lead_agencies (live), "市公安局")
            || g_strv_contains (wp_item_get_co_agencies (live), "市公安局");
    }
  g_assert_cmpuint (police->counts.total, ==, on);
  g_assert_cmpuint (police->counts.total, >=, 1);
  for (guint i = 0; i < police->overdue->len; i++)
    {
      WpItem *item = g_ptr_array_index (police->overdue, i);
      g_assert_true (g_strv_contains (wp_item_get_lead_agencies (item), "市公安局")
                     || g_strv_contains (wp_item_get_co_agencies (item), "市公安局"));
    }
  /* Only the areas the agency has work in */
  g_assert_cmpuint (police->areas->len, <=, all->areas->len);
  {
    g_autoptr(WpPlanStats) drugs = wp_plan_stats_compute (f->store, wp_plan_get_id (f->plan),
                                                          "市禁毒办", &error);

    g_assert_cmpuint (drugs->areas->len, ==, 1);
  }
  for (guint i = 0; i < police->areas->len; i++)
    g_assert_cmpuint (((WpGroupCounts *) g_ptr_array_index (police->areas, i))->counts.total, >, 0);
  /* Only the targets of the agency's own items */
  g_assert_cmpuint (police->targets->len, <, all->targets->len);
  for (guint i = 0; i < police->targets->len; i++)
    {
      WpItemTarget *pair = g_ptr_array_index (police->targets, i);
      g_assert_true (g_strv_contains (wp_item_get_lead_agencies (pair->item), "市公安局")
                     || g_strv_contains (wp_item_get_co_agencies (pair->item), "市公安局"));
    }
}

static void
test_summary_english (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WpPlanStats) stats = wp_plan_stats_compute (f->store, wp_plan_get_id (f->plan),
                                                        NULL, &error);
  g_autofree char *text = wp_plan_stats_compose_summary (stats, wp_plan_get_title (f->plan));

  g_test_message ("%s", text);
  g_assert_true (g_str_has_prefix (text, "As of 15/7/2025, “2025年全市政法工作任务分解” has 9 key "
                                         "tasks: 0 done (0.0%), 9 in progress, 0 not started "
                                         "and 0 suspended; 4 are overdue and 3 need attention."));
  g_assert_nonnull (strstr (text, "坚持守正创新 维护公平正义: 4 key tasks, 0 done"));
  g_assert_nonnull (strstr (text, "Overdue: 全面深化政法领域改革 — 加快推进矛盾纠纷多元化解信息系统、"
                                  "综治中心信息化等重点项目建设 (led by 市委政法委, due 5月底前)"));
}

static void
test_summary_chinese (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WpPlanStats) stats = NULL;
  g_autofree char *text = NULL;
  const char *localedir = g_getenv ("WORKPLAN_LOCALEDIR");

  if (localedir == NULL || setlocale (LC_ALL, "zh_CN.UTF-8") == NULL)
    {
      g_test_skip ("the zh_CN.UTF-8 locale or the built translations are missing");
      return;
    }
  bindtextdomain (GETTEXT_PACKAGE, localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");

  stats = wp_plan_stats_compute (f->store, wp_plan_get_id (f->plan), NULL, &error);
  text = wp_plan_stats_compose_summary (stats, wp_plan_get_title (f->plan));
  setlocale (LC_ALL, "C.UTF-8");

  g_test_message ("%s", text);
  g_assert_true (g_str_has_prefix (text, "截至2025年7月15日，“2025年全市政法工作任务分解”共部署"
                                         "重点任务9项，已完成0项（0.0%），推进中9项，未开始0项，"
                                         "暂缓0项；逾期4项，需关注3项。"));
  g_assert_nonnull (strstr (text, "坚持守正创新 维护公平正义：重点任务4项，已完成0项"));
  g_assert_nonnull (strstr (text, "逾期事项：全面深化政法领域改革——加快推进矛盾纠纷多元化解信息系统、"
                                  "综治中心信息化等重点项目建设（市委政法委牵头，完成时限5月底前）；"));
  g_assert_true (g_str_has_suffix (text, "。"));
}

/* Statuses and deadlines spread over the actions, two lead agencies over
 * the key tasks */
static void
spread_action (WpStore *store,
               WpItem  *action,
               WpItem  *task,
               int      n,
               gpointer data)
{
  const char *dues[] = { "一季度", "上半年", "5月底前", "三季度", "年底前", "长期坚持" };
  const char *statuses[] = { "not_started", "in_progress", "in_progress", "done", "suspended" };
  const char *lead[] = { (n / 5) % 2 ? "市公安局" : "市司法局", NULL };
  g_autoptr(GError) error = NULL;
  g_auto(GValue) value = G_VALUE_INIT;

  if (n % 5 == 0)
    g_assert_true (wp_store_set_item_agencies (store, wp_item_get_id (task), WP_AGENCY_ROLE_LEAD,
                                               lead, &error));
  g_value_init (&value, G_TYPE_STRING);
  g_value_set_string (&value, statuses[(n * 7) % G_N_ELEMENTS (statuses)]);
  g_assert_true (wp_store_set_item_property (store, wp_item_get_id (action), "status", &value,
                                             &error));
  g_assert_true (wp_store_set_item_due_text (store, wp_item_get_id (action),
                                             dues[(n * 5) % G_N_ELEMENTS (dues)], &error));
  g_assert_no_error (error);
}

/* A generated plan: 4 areas × 8 key tasks × 5 actions, statuses and
 * deadlines spread so that many actions are overdue. Every figure of the
 * summary is checked against the items themselves. */
static void
test_generated_plan (void)
{
  g_autofree char *dir = wp_test_dir_new ();
  g_autofree char *path = g_build_filename (dir, "generated.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(WpStore) store = wp_store_open (path, WP_STORE_OPEN_DEFAULT, &error);
  g_autoptr(WpPlan) plan = NULL;
  g_autoptr(WpPlanStats) stats = NULL;
  g_autofree char *text = NULL;
  g_autofree char *head = NULL;
  g_autofree char *more = NULL;
  guint n_tasks = 0, n_done = 0, n_in_progress = 0, n_overdue_tasks = 0, n_overdue_actions = 0;
  GDate day;

  g_assert_no_error (error);
  plan = wp_store_create_plan (store, 2025, "生成的计划", "测试", &error);
  g_assert_no_error (error);
  wp_test_generate_plan (store, wp_plan_get_id (plan), 4, 8, 5, NULL, spread_action, NULL);

  g_date_clear (&day, 1);
  g_date_set_dmy (&day, 30, 6, 2025);
  wp_store_set_judging (store, &day, 30);

  /* The truth, from the items */
  {
    g_autoptr(GPtrArray) areas = wp_store_list_children (store, wp_plan_get_id (plan), 0, NULL);

    for (guint a = 0; a < areas->len; a++)
      {
        g_autoptr(GPtrArray) tasks = wp_store_list_children (store, wp_plan_get_id (plan),
                                                             wp_item_get_id (g_ptr_array_index (areas, a)),
                                                             NULL);
        for (guint t = 0; t < tasks->len; t++)
          {
            WpItem *task = g_ptr_array_index (tasks, t);
            g_autoptr(GPtrArray) actions = wp_store_list_children (store, wp_plan_get_id (plan),
                                                                   wp_item_get_id (task), NULL);

            n_tasks++;
            n_done += wp_item_get_effective_status (task) == WP_ITEM_STATUS_DONE;
            n_in_progress += wp_item_get_effective_status (task) == WP_ITEM_STATUS_IN_PROGRESS;
            n_overdue_tasks += wp_item_get_light (task) == WP_LIGHT_RED;
            for (guint k = 0; k < actions->len; k++)
              n_overdue_actions += wp_item_get_light (g_ptr_array_index (actions, k)) == WP_LIGHT_RED;
          }
      }
  }
  g_assert_cmpuint (n_tasks, ==, 32);
  g_assert_cmpuint (n_overdue_tasks, >, 20);
  g_assert_cmpuint (n_overdue_actions, >, n_overdue_tasks);

  stats = wp_plan_stats_compute (store, wp_plan_get_id (plan), NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (stats->counts.total, ==, n_tasks);
  g_assert_cmpuint (stats->counts.done, ==, n_done);
  g_assert_cmpuint (stats->counts.in_progress, ==, n_in_progress);
  g_assert_cmpuint (stats->counts.overdue, ==, n_overdue_tasks);
  /* The list holds the overdue key tasks, each with its overdue actions,
   * in the order of their earliest late action */
  g_assert_cmpuint (stats->overdue->len, ==, n_overdue_tasks);
  {
    guint n_below = 0;
    const GDate *last = NULL;

    for (guint i = 0; i < stats->overdue->len; i++)
      {
        GPtrArray *below = wp_plan_stats_get_below (stats, g_ptr_array_index (stats->overdue, i));
        const GDate *first;

        g_assert_nonnull (below);
        n_below += below->len;
        first = wp_item_get_due (g_ptr_array_index (below, 0));
        if (last != NULL)
          g_assert_cmpint (g_date_compare (last, first), <=, 0);
        last = first;
      }
    g_assert_cmpuint (n_below, ==, n_overdue_actions);
  }

  text = wp_plan_stats_compose_summary (stats, wp_plan_get_title (plan));
  g_test_message ("%s", text);
  head = g_strdup_printf ("“生成的计划” has %u key tasks: %u done (%.1f%%), %u in progress",
                          n_tasks, n_done, 100.0 * n_done / n_tasks, n_in_progress);
  g_assert_nonnull (strstr (text, head));
  /* The first twenty overdue key tasks by name, then how many more */
  g_assert_nonnull (strstr (text, wp_item_get_title (g_ptr_array_index (stats->overdue, 19))));
  g_assert_null (strstr (text, wp_item_get_title (g_ptr_array_index (stats->overdue, 20))));
  more = g_strdup_printf ("and %u more overdue items (see the overdue list).",
                          n_overdue_tasks - 20);
  g_assert_true (g_str_has_suffix (text, more));

  g_clear_object (&plan);
  g_assert_finalize_object (g_steal_pointer (&store));
  wp_test_dir_free (g_steal_pointer (&dir));
}

static WpGroupCounts *
find_group (GPtrArray  *groups,
            const char *name)
{
  for (guint i = 0; i < groups->len; i++)
    if (g_strcmp0 (((WpGroupCounts *) g_ptr_array_index (groups, i))->name, name) == 0)
      return g_ptr_array_index (groups, i);
  return NULL;
}

static const char *
title_at (GPtrArray *items,
          guint      i)
{
  return wp_item_get_title (g_ptr_array_index (items, i));
}

/* An agency's lateness is that of the items it is on, by their own
 * deadlines, each once: 乙单位 supports 任务甲, red only through 丙单位's
 * 措施1, which is not its lateness; its own are 措施3 (leads), 措施4
 * (supports) and 任务丙 (leads, late itself and through 措施5, which names
 * no agency): 3, not the 5 items with a red light. */
static void
test_agency_counts_with_parents (void)
{
  g_autofree char *dir = wp_test_dir_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(WpPlan) plan = NULL;
  g_autoptr(WpStore) store = wp_test_open_crafted (dir, &plan);
  g_autoptr(GPtrArray) loads = wp_agency_loads_compute (store, wp_plan_get_id (plan), &error);
  g_autoptr(WpPlanStats) b = NULL;
  g_autoptr(GArray) found = NULL;
  g_autofree char *text = NULL;
  WpFilter filter;
  guint seen = 0;

  g_assert_no_error (error);
  for (guint i = 0; i < loads->len; i++)
    {
      WpAgencyLoad *load = g_ptr_array_index (loads, i);
      const char *name = wp_agency_get_name (load->agency);

      if (g_str_equal (name, "乙单位"))
        {
          g_assert_cmpuint (load->n_lead, ==, 3);
          g_assert_cmpuint (load->n_co, ==, 4);
          g_assert_cmpuint (load->n_overdue, ==, 3);
          seen++;
        }
      else if (g_str_equal (name, "丙单位"))
        {
          /* 措施1 and 措施4; not 任务乙, red only through 乙单位's 措施3 */
          g_assert_cmpuint (load->n_overdue, ==, 2);
          seen++;
        }
      else if (g_str_equal (name, "甲单位"))
        {
          /* 任务甲 is red only through 丙单位's 措施1 */
          g_assert_cmpuint (load->n_overdue, ==, 0);
          seen++;
        }
    }
  g_assert_cmpuint (seen, ==, 3);

  /* The outline's filter: 乙单位 + only overdue */
  wp_filter_init (&filter);
  filter.agency = g_strdup ("乙单位");
  filter.overdue_only = TRUE;
  found = wp_filter_find (store, wp_plan_get_id (plan), &filter, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, ==, 3);
  for (guint i = 0; i < found->len; i++)
    {
      g_autoptr(WpItem) item = wp_store_get_item (store, g_array_index (found, gint64, i), NULL);
      const char *title = wp_item_get_title (item);

      g_assert_true (g_str_equal (title, "措施3") || g_str_equal (title, "措施4")
                     || g_str_equal (title, "任务丙"));
    }
  wp_filter_clear (&filter);

  /* The agency's figures, summary and lists say the same */
  b = wp_plan_stats_compute (store, wp_plan_get_id (plan), "乙单位", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (b->counts.total, ==, 7);
  g_assert_cmpuint (b->counts.overdue, ==, 3);
  g_assert_cmpuint (b->counts.due_soon, ==, 1);
  g_assert_cmpuint (b->n_lead[WP_ITEM_KIND_TASK], ==, 1);
  g_assert_cmpuint (b->n_lead[WP_ITEM_KIND_ACTION], ==, 2);
  g_assert_cmpuint (b->n_co[WP_ITEM_KIND_TASK], ==, 2);
  g_assert_cmpuint (b->n_co[WP_ITEM_KIND_ACTION], ==, 2);
  g_assert_cmpuint (b->overdue->len, ==, 3);
  g_assert_cmpstr (title_at (b->overdue, 0), ==, "任务丙");   /* 措施5, 4/30, under it */
  g_assert_cmpstr (title_at (b->overdue, 1), ==, "措施4");    /* 5/31 */
  g_assert_cmpstr (title_at (b->overdue, 2), ==, "措施3");    /* 6/30 */
  g_assert_cmpuint (b->due_soon->len, ==, 1);
  g_assert_cmpstr (title_at (b->due_soon, 0), ==, "措施7");

  text = wp_plan_stats_compose_summary (b, "测试计划");
  g_test_message ("%s", text);
  g_assert_true (g_str_has_prefix (text, "As of 15/7/2025, 乙单位 in “测试计划” leads 1 key task "
                                         "and 2 actions, supports 2 key tasks and 2 actions: "
                                         "0 done (0.0%), 6 in progress, 1 not started and 0 "
                                         "suspended; by their own deadlines 3 are overdue and "
                                         "1 needs attention."));
  g_assert_nonnull (strstr (text, "领域一: 7 items, 0 done"));
  g_assert_null (strstr (text, "任务甲"));

  g_clear_object (&plan);
  g_assert_finalize_object (g_steal_pointer (&store));
  wp_test_dir_free (g_steal_pointer (&dir));
}

/* The plan's figures, lists and bars count at one level: the tiles' 3
 * overdue and 1 at-risk key tasks are the lists' rows, each naming the
 * actions under it that make it so; the lead-agency bars count the items
 * each agency leads at any level, so 丁单位, which leads one action, is
 * there. */
static void
test_progress_levels (void)
{
  g_autofree char *dir = wp_test_dir_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(WpPlan) plan = NULL;
  g_autoptr(WpStore) store = wp_test_open_crafted (dir, &plan);
  g_autoptr(WpPlanStats) stats = wp_plan_stats_compute (store, wp_plan_get_id (plan), NULL,
                                                        &error);
  WpGroupCounts *group;
  GPtrArray *below;

  g_assert_no_error (error);
  g_assert_cmpint (stats->unit, ==, WP_ITEM_KIND_TASK);
  g_assert_cmpuint (stats->counts.total, ==, 4);
  g_assert_cmpuint (stats->counts.overdue, ==, 3);
  g_assert_cmpuint (stats->counts.due_soon, ==, 1);
  /* The lists: as many rows as the tiles say, and of the same level */
  g_assert_cmpuint (stats->overdue->len, ==, stats->counts.overdue);
  g_assert_cmpuint (stats->due_soon->len, ==, stats->counts.due_soon);
  g_assert_cmpstr (title_at (stats->overdue, 0), ==, "任务甲");  /* 措施1, 3/31 */
  g_assert_cmpstr (title_at (stats->overdue, 1), ==, "任务丙");  /* 措施5, 4/30 */
  g_assert_cmpstr (title_at (stats->overdue, 2), ==, "任务乙");  /* 措施4, 5/31 */
  g_assert_cmpstr (title_at (stats->due_soon, 0), ==, "任务丁");
  below = wp_plan_stats_get_below (stats, g_ptr_array_index (stats->overdue, 2));
  g_assert_nonnull (below);
  g_assert_cmpuint (below->len, ==, 2);
  g_assert_cmpstr (title_at (below, 0), ==, "措施4");
  g_assert_cmpstr (title_at (below, 1), ==, "措施3");
  below = wp_plan_stats_get_below (stats, g_ptr_array_index (stats->due_soon, 0));
  g_assert_cmpuint (below->len, ==, 1);
  g_assert_cmpstr (title_at (below, 0), ==, "措施7");
  g_assert_nonnull (strstr (wp_plan_stats_describe_unit (stats), "key task"));

  /* Lead agencies at any level, each judged on its own items */
  group = find_group (stats->agencies, "甲单位");       /* 任务甲, 任务丁, 措施7 */
  g_assert_nonnull (group);
  g_assert_cmpuint (group->counts.total, ==, 3);
  g_assert_cmpuint (group->counts.overdue, ==, 0);
  g_assert_cmpuint (group->counts.due_soon, ==, 1);
  group = find_group (stats->agencies, "乙单位");       /* 措施2, 措施3, 任务丙 */
  g_assert_nonnull (group);
  g_assert_cmpuint (group->counts.total, ==, 3);
  g_assert_cmpuint (group->counts.overdue, ==, 2);
  group = find_group (stats->agencies, "丙单位");       /* 措施1, 任务乙, 措施4 */
  g_assert_nonnull (group);
  g_assert_cmpuint (group->counts.total, ==, 3);
  g_assert_cmpuint (group->counts.overdue, ==, 2);
  group = find_group (stats->agencies, "丁单位");       /* 措施6 only */
  g_assert_nonnull (group);
  g_assert_cmpuint (group->counts.total, ==, 1);
  g_assert_cmpfloat (group->counts.progress, ==, 50);
  g_assert_cmpuint (stats->agencies->len, ==, 4);

  g_clear_object (&plan);
  g_assert_finalize_object (g_steal_pointer (&store));
  wp_test_dir_free (g_steal_pointer (&dir));
}

/* The merge dialog offers only a name alike (wp_agency_names_alike()) */
static void
test_agency_names_alike (void)
{
  g_assert_cmpuint (wp_agency_names_alike ("市禁毒办", "市禁毒委员会办公室"), ==, 3);
  g_assert_cmpuint (wp_agency_names_alike ("司法局", "市司法局"), ==, 3);
  g_assert_cmpuint (wp_agency_names_alike ("市委政法委", "市纪委监委驻市委政法委纪检监察组"), ==, 5);
  /* The 市 and 局 every bureau has are not a likeness */
  g_assert_cmpuint (wp_agency_names_alike ("市司法局", "市公安局"), ==, 0);
  g_assert_cmpuint (wp_agency_names_alike ("市禁毒办", "市委政法委"), ==, 0);
  g_assert_cmpuint (wp_agency_names_alike ("市委依法治市办", "市委政法委"), ==, 0);
  g_assert_cmpuint (wp_agency_names_alike ("", "市委政法委"), ==, 0);
}

static void
test_empty_plan (void)
{
  g_autofree char *dir = wp_test_dir_new ();
  g_autofree char *path = g_build_filename (dir, "empty.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(WpStore) store = wp_store_open (path, WP_STORE_OPEN_DEFAULT, &error);
  g_autoptr(WpPlan) plan = wp_store_create_plan (store, 2026, "空计划", "", &error);
  g_autoptr(WpPlanStats) stats = wp_plan_stats_compute (store, wp_plan_get_id (plan), NULL,
                                                        &error);
  g_autofree char *text = wp_plan_stats_compose_summary (stats, "空计划");

  g_assert_no_error (error);
  g_assert_cmpuint (stats->counts.total, ==, 0);
  g_assert_cmpfloat (stats->counts.progress, ==, 0);
  g_assert_nonnull (strstr (text, "has no actions yet"));
  g_clear_object (&plan);
  g_clear_object (&store);
  wp_test_dir_free (g_steal_pointer (&dir));
}

/* A view that lists the first few overdue and at-risk items gets those of
 * the whole listing, with the work under them, the same counts, and reads
 * no other item */
static void
test_listing_reads_what_it_lists (void)
{
  g_autofree char *dir = wp_test_dir_new ();
  g_autofree char *path = g_build_filename (dir, "generated.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(WpStore) store = wp_store_open (path, WP_STORE_OPEN_DEFAULT, &error);
  g_autoptr(WpPlan) plan = NULL;
  g_autoptr(WpPlanStats) all = NULL;
  g_autoptr(WpPlanStats) few = NULL;
  guint n_read = 0;
  GDate day;

  g_assert_no_error (error);
  plan = wp_store_create_plan (store, 2025, "生成的计划", "测试", &error);
  g_assert_no_error (error);
  wp_test_generate_plan (store, wp_plan_get_id (plan), 4, 8, 5, NULL, spread_action, NULL);
  g_date_clear (&day, 1);
  g_date_set_dmy (&day, 30, 6, 2025);
  wp_store_set_judging (store, &day, 30);

  all = wp_plan_stats_compute (store, wp_plan_get_id (plan), NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (all->overdue->len, ==, all->counts.overdue);
  g_assert_cmpuint (all->due_soon->len, ==, all->counts.due_soon);
  g_assert_cmpuint (all->overdue->len, >, 3);
  g_assert_cmpuint (all->due_soon->len, >, 0);
  g_clear_pointer (&all, wp_plan_stats_free);
  /* (what was read for it is let go of) */
  g_assert_cmpuint (wp_store_get_n_live_items (store), ==, 0);

  few = wp_plan_stats_compute_listing (store, wp_plan_get_id (plan), NULL, 3, &error);
  g_assert_no_error (error);
  all = wp_plan_stats_compute (store, wp_plan_get_id (plan), NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpmem (&few->counts, sizeof few->counts, &all->counts, sizeof all->counts);
  g_assert_cmpmem (few->done_by_month, sizeof few->done_by_month,
                   all->done_by_month, sizeof all->done_by_month);
  g_assert_cmpuint (few->overdue->len, ==, 3);
  g_assert_cmpuint (few->due_soon->len, ==, MIN (3, all->due_soon->len));
  for (guint list = 0; list < 2; list++)
    {
      GPtrArray *mine = list == 0 ? few->overdue : few->due_soon;
      GPtrArray *theirs = list == 0 ? all->overdue : all->due_soon;

      for (guint i = 0; i < mine->len; i++)
        {
          WpItem *item = g_ptr_array_index (mine, i);
          GPtrArray *below = wp_plan_stats_get_below (few, item);
          GPtrArray *all_below = wp_plan_stats_get_below (all, item);

          g_assert_true (item == g_ptr_array_index (theirs, i));
          g_assert_cmpuint (below != NULL ? below->len : 0, ==,
                            all_below != NULL ? all_below->len : 0);
          for (guint k = 0; below != NULL && k < below->len; k++)
            g_assert_true (g_ptr_array_index (below, k) == g_ptr_array_index (all_below, k));
          n_read += 1 + (below != NULL ? below->len : 0);
        }
    }
  g_clear_pointer (&all, wp_plan_stats_free);
  /* Only the listed items and the work under them were read */
  g_assert_cmpuint (wp_store_get_n_live_items (store), ==, n_read);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/stats/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("demo-figures", test_demo_figures);
  ADD ("agency-filter", test_agency_filter);
  ADD ("summary-english", test_summary_english);
  ADD ("summary-chinese", test_summary_chinese);
#undef ADD
  g_test_add_func ("/stats/empty-plan", test_empty_plan);
  g_test_add_func ("/stats/generated-plan", test_generated_plan);
  g_test_add_func ("/stats/target-share", test_target_share);
  g_test_add_func ("/stats/bars-hit", test_bars_hit);
  g_test_add_func ("/stats/status-hit", test_status_hit);
  g_test_add_func ("/stats/agency-counts-with-parents", test_agency_counts_with_parents);
  g_test_add_func ("/stats/progress-levels", test_progress_levels);
  g_test_add_func ("/stats/agency-names-alike", test_agency_names_alike);
  g_test_add_func ("/stats/listing-reads-what-it-lists", test_listing_reads_what_it_lists);

  return g_test_run ();
}
