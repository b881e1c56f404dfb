/* wp-bench-plan.c: generated plans of realistic shape for benchmarks
 *
 * Ten areas; the first has 1,000 key tasks (the "expand an area with 1,000
 * children" case), the others 100 each; actions under every task, and
 * sub-actions under some actions, for a depth of 3–4. Titles, agencies and
 * deadlines are drawn from the words real task sheets use.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stdio.h>
#include <string.h>

#include "wp-bench-plan.h"

#include <time.h>
#include <unistd.h>

static const char *verbs[] = {
  "深化", "推进", "健全", "完善", "加强", "推动", "落实", "开展", "提升", "建设",
};
static const char *subjects[] = {
  "综治中心规范化建设", "矛盾纠纷多元化解", "电信网络诈骗打击整治", "扫黑除恶常态化",
  "法治政府建设", "公共法律服务体系", "智慧警务建设", "执法司法监督", "青少年违法犯罪预防",
  "重点部位安全防护", "平安海域创建", "海丝中央法务区建设", "知识产权保护", "政法队伍建设",
  "信访工作法治化", "社会稳定风险评估", "禁毒示范城市创建", "数字政法建设",
};
static const char *agencies[] = {
  "市委政法委", "市公安局", "市中级法院", "市检察院", "市司法局", "市信访局", "市教育局",
  "市卫生健康委", "市应急管理局", "市商务局", "市市场监管局", "市大数据管理局", "思明区",
  "湖里区", "集美区", "海沧区", "同安区", "翔安区",
};
static const char *deadlines[] = {
  "一季度", "上半年", "6月底前", "三季度", "年底前", "年底前", "长期坚持", "9月30日前",
};
static const char *statuses[] = { "not_started", "in_progress", "in_progress", "done" };

double
wp_bench_now_ms (void)
{
  return g_get_monotonic_time () / 1000.0;
}

/* How long ago the process started (exec, with the dynamic linker's
 * work before main()), to the kernel's clock tick (10 ms). */
double
wp_bench_process_age_ms (void)
{
  g_autofree char *stat = NULL;
  g_auto(GStrv) fields = NULL;
  const char *after_name;
  struct timespec now;

  if (!g_file_get_contents ("/proc/self/stat", &stat, NULL, NULL)
      || (after_name = strrchr (stat, ')')) == NULL
      || clock_gettime (CLOCK_BOOTTIME, &now) != 0)
    return -1;
  /* starttime is the 22nd field; the 3rd is the first after the name */
  fields = g_strsplit (after_name + 2, " ", 21);
  if (g_strv_length (fields) < 20)
    return -1;
  return now.tv_sec * 1000.0 + now.tv_nsec / 1e6
         - g_ascii_strtod (fields[19], NULL) * 1000.0 / sysconf (_SC_CLK_TCK);
}

long
wp_bench_rss_kb (void)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return -1;
  line = strstr (status, "VmRSS:");
  return line ? strtol (line + 6, NULL, 10) : -1;
}

static gboolean
fill_item (WpStore   *store,
           WpItem    *item,
           guint      n,
           gboolean   leaf,
           GError   **error)
{
  g_auto(GValue) status = G_VALUE_INIT;
  g_auto(GValue) progress = G_VALUE_INIT;
  const char *lead[] = { agencies[n % G_N_ELEMENTS (agencies)], NULL };
  const char *co[] = { agencies[(n * 7 + 3) % G_N_ELEMENTS (agencies)],
                       agencies[(n * 11 + 5) % G_N_ELEMENTS (agencies)], NULL };
  gint64 id = wp_item_get_id (item);

  if (!wp_store_set_item_agencies (store, id, WP_AGENCY_ROLE_LEAD, lead, error)
      || !wp_store_set_item_agencies (store, id, WP_AGENCY_ROLE_CO, co, error))
    return FALSE;
  if (!leaf)
    return TRUE;

  g_value_init (&status, G_TYPE_STRING);
  g_value_set_string (&status, statuses[n % G_N_ELEMENTS (statuses)]);
  g_value_init (&progress, G_TYPE_INT);
  g_value_set_int (&progress, (int) ((n * 37) % 101));
  return wp_store_set_item_due_text (store, id, deadlines[n % G_N_ELEMENTS (deadlines)], error)
         && wp_store_set_item_property (store, id, "status", &status, error)
         && wp_store_set_item_property (store, id, "progress", &progress, error);
}

static WpItem *
add_item (WpStore     *store,
          gint64       plan_id,
          gint64       parent_id,
          WpItemKind   kind,
          guint        n,
          GError     **error)
{
  g_autofree char *title = g_strdup_printf ("%s%s（第%u项）", verbs[n % G_N_ELEMENTS (verbs)],
                                            subjects[(n / 3) % G_N_ELEMENTS (subjects)], n);
  g_autoptr(WpItem) item = wp_store_create_item (store, plan_id, parent_id, -1, kind, title, error);

  if (item == NULL || !fill_item (store, item, n, kind == WP_ITEM_KIND_ACTION, error))
    return NULL;
  return g_steal_pointer (&item);
}

gboolean
wp_bench_generate_plan (WpStore      *store,
                        int           year,
                        guint         n_items,
                        WpBenchPlan  *out,
                        GError      **error)
{
  g_autoptr(GArray) tasks = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autofree char *title = g_strdup_printf ("%d年全市重点工作任务分解（生成）", year);
  const guint n_areas = 10;
  guint n = 0, i;
  gint64 plan_id;

  memset (out, 0, sizeof *out);
  if (!wp_store_begin (store, error))
    return FALSE;
  wp_store_freeze_signals (store);

  out->plan = wp_store_create_plan (store, year, title, "生成的测试计划", error);
  if (out->plan == NULL)
    goto fail;
  plan_id = wp_plan_get_id (out->plan);

  for (i = 0; i < n_areas; i++)
    {
      g_autoptr(WpItem) area = add_item (store, plan_id, 0, WP_ITEM_KIND_AREA, n++, error);
      guint n_tasks = i == 0 ? 1000 : 100;

      if (area == NULL)
        goto fail;
      if (i == 0)
        out->big_area_id = wp_item_get_id (area);
      for (guint t = 0; t < n_tasks && n < n_items; t++)
        {
          g_autoptr(WpItem) task = add_item (store, plan_id, wp_item_get_id (area),
                                             WP_ITEM_KIND_TASK, n++, error);
          gint64 id;

          if (task == NULL)
            goto fail;
          id = wp_item_get_id (task);
          g_array_append_val (tasks, id);
        }
    }

  /* What is left: actions spread over the tasks, every other one with two
   * sub-actions (depth 4). */

  for (i = 0; n < n_items; i++)
    {
      gint64 task_id = g_array_index (tasks, gint64, i % tasks->len);
      g_autoptr(WpItem) action = add_item (store, plan_id, task_id, WP_ITEM_KIND_ACTION, n++,
                                           error);

      if (action == NULL)
        goto fail;
      if (n < n_items && i % 2 == 0)
        {
          for (guint s = 0; s < 2 && n < n_items; s++)
            {
              g_autoptr(WpItem) sub = add_item (store, plan_id, wp_item_get_id (action),
                                                WP_ITEM_KIND_ACTION, n++, error);
              if (sub == NULL)
                goto fail;
              out->sample_action = wp_item_get_id (sub);
            }
        }
    }

  if (!wp_store_commit (store, error))
    {
      wp_store_thaw_signals (store);
      return FALSE;
    }
  wp_store_thaw_signals (store);
  out->n_items = n;
  return TRUE;

fail:
  wp_store_rollback (store);
  wp_store_thaw_signals (store);
  g_clear_object (&out->plan);
  return FALSE;
}
