/* test-years.c: starting next year's plan, and what the old year shows after
 *
 * A crafted 2025 plan, judged on 1 March 2026 (after its deadlines):
 *   一、生态环境保护 (area)
 *     打好蓝天保卫战 (key task, 6月底前; target PM2.5平均浓度下降: 基数8 现值12.4 目标10)
 *       淘汰燃煤锅炉 (action, in progress 60%, 9月底前, one progress note)
 *       建设监测站 (action, done)
 *     完成节能改造 (key task, done)
 *     推进河湖长制 (key task, in progress 30%, 10月底前)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>
#include <glib/gi18n-lib.h>

#include "wp-test-util.h"

typedef struct {
  char        *dir;
  char        *path;
  WpStore     *store;
  WpUndoStack *undo;
  WpPlan      *plan;
  gint64       area, sky, boilers, station, saving, rivers;
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
add (Fixture    *f,
     gint64      parent,
     WpItemKind  kind,
     const char *title,
     const char *status,
     int         progress,
     const char *due)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WpItem) item = wp_store_create_item (f->store, wp_plan_get_id (f->plan), parent, -1,
                                                 kind, title, &error);
  gint64 id;

  g_assert_no_error (error);
  id = wp_item_get_id (item);
  if (status != NULL)
    g_assert_true (wp_store_set_item_string (f->store, id, "status", status, &error));
  if (progress >= 0)
    g_assert_true (wp_store_set_item_int (f->store, id, "progress", progress, &error));
  if (due != NULL)
    g_assert_true (wp_store_set_item_due_text (f->store, id, due, &error));
  g_assert_no_error (error);
  return id;
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  GDate judged = day (2026, 3, 1), noted = day (2025, 11, 30);
  WpTarget target = { "PM2.5平均浓度下降", "%", 8, 10, 12.4, TRUE, TRUE, TRUE, 0, 0 };
  const char *lead[] = { "市生态环境局", NULL };

  f->dir = wp_test_dir_new ();
  f->path = g_build_filename (f->dir, "plan.db", NULL);
  f->store = wp_store_open (f->path, WP_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  wp_store_set_judging (f->store, &judged, WP_LIGHT_DEFAULT_DUE_SOON_DAYS);
  f->undo = wp_undo_stack_new (f->store);
  f->plan = wp_store_create_plan (f->store, 2025, "2025年生态环境工作要点", "", &error);
  g_assert_no_error (error);

  f->area = add (f, 0, WP_ITEM_KIND_AREA, "一、生态环境保护", NULL, -1, NULL);
  f->sky = add (f, f->area, WP_ITEM_KIND_TASK, "打好蓝天保卫战", NULL, -1, "6月底前");
  f->boilers = add (f, f->sky, WP_ITEM_KIND_ACTION, "淘汰燃煤锅炉", "in_progress", 60,
                    "9月底前");
  f->station = add (f, f->sky, WP_ITEM_KIND_ACTION, "建设监测站", "done", -1, NULL);
  f->saving = add (f, f->area, WP_ITEM_KIND_TASK, "完成节能改造", "done", -1, "3月底前");
  f->rivers = add (f, f->area, WP_ITEM_KIND_TASK, "推进河湖长制", "in_progress", 30, "10月底前");
  g_assert_cmpint (wp_store_add_target (f->store, f->sky, &target, &error), >, 0);
  g_assert_cmpint (wp_store_add_note (f->store, f->boilers, &noted, "已淘汰燃煤锅炉12台", 60,
                                      &error), >, 0);
  g_assert_true (wp_store_set_item_agencies (f->store, f->boilers, WP_AGENCY_ROLE_LEAD, lead,
                                             &error));
  g_assert_no_error (error);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_assert_finalize_object (f->plan);
  g_assert_finalize_object (f->undo);
  g_assert_finalize_object (f->store);
  wp_test_dir_free (f->dir);
  g_free (f->path);
}

static WpItem *
child_titled (Fixture    *f,
              gint64      plan_id,
              gint64      parent,
              const char *title)
{
  g_autoptr(GPtrArray) children = wp_store_list_children (f->store, plan_id, parent, NULL);

  g_assert_nonnull (children);
  for (guint i = 0; i < children->len; i++)
    if (g_str_equal (wp_item_get_title (g_ptr_array_index (children, i)), title))
      return g_object_ref (g_ptr_array_index (children, i));
  return NULL;
}

static gboolean
carried_forward (Fixture *f,
                 gint64   id)
{
  g_autoptr(WpItem) item = wp_store_get_item (f->store, id, NULL);

  g_assert_nonnull (item);
  return wp_item_get_carried_forward (item);
}

static guint
overdue_key_tasks (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WpPlanStats) stats = wp_plan_stats_compute (f->store, wp_plan_get_id (f->plan),
                                                        NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpint (stats->unit, ==, WP_ITEM_KIND_TASK);
  g_assert_cmpuint (stats->counts.total, ==, 3);
  /* The lists of late work agree with the count */
  g_assert_cmpuint (stats->overdue->len, ==, stats->counts.overdue);
  return stats->counts.overdue;
}

/* The items of the plan, by the facts the board and the agency view count */
static guint
red_facts (WpStore *store,
           gint64   plan_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WpPlanFacts) facts = wp_store_list_plan_facts (store, plan_id, &error);
  guint red = 0;

  g_assert_no_error (error);
  for (guint i = 0; i < facts->items->len; i++)
    red += g_array_index (facts->items, WpItemFacts, i).light == WP_LIGHT_RED;
  return red;
}

static char *
first_note (WpStore *store,
            WpItem  *item)
{
  g_autoptr(GPtrArray) notes = wp_store_list_notes (store, wp_item_get_id (item), NULL);

  g_assert_nonnull (notes);
  g_assert_cmpuint (notes->len, ==, 1);
  return g_strdup (((WpNote *) g_ptr_array_index (notes, 0))->text);
}

static void
test_new_year_starts_again (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WpPlan) next = NULL;
  g_autoptr(WpItem) area = NULL;
  g_autoptr(WpItem) sky = NULL;
  g_autoptr(WpItem) boilers = NULL;
  g_autoptr(WpItem) rivers = NULL;
  g_autoptr(GPtrArray) targets = NULL;
  g_autoptr(GPtrArray) actions = NULL;
  g_autofree char *note = NULL;
  const WpTarget *t;
  gint64 id;

  next = wp_edit_start_next_year (f->undo, wp_plan_get_id (f->plan), WP_NEXT_YEAR_DEFAULT,
                                  &error);
  g_assert_no_error (error);
  g_assert_cmpint (wp_plan_get_year (next), ==, 2026);
  g_assert_cmpstr (wp_plan_get_title (next), ==, "2026年生态环境工作要点");
  id = wp_plan_get_id (next);

  area = child_titled (f, id, 0, "一、生态环境保护");
  g_assert_nonnull (area);
  sky = child_titled (f, id, wp_item_get_id (area), "打好蓝天保卫战");
  rivers = child_titled (f, id, wp_item_get_id (area), "推进河湖长制");
  g_assert_nonnull (sky);
  g_assert_nonnull (rivers);
  g_assert_null (child_titled (f, id, wp_item_get_id (area), "完成节能改造"));
  actions = wp_store_list_children (f->store, id, wp_item_get_id (sky), NULL);
  g_assert_cmpuint (actions->len, ==, 1);  /* 建设监测站 was done */
  boilers = g_object_ref (g_ptr_array_index (actions, 0));
  g_assert_cmpstr (wp_item_get_title (boilers), ==, "淘汰燃煤锅炉");

  /* Last year's current value is this year's baseline; the current value
   * waits for this year's figure, so the target is not reached on day one. */
  targets = wp_store_list_targets (f->store, wp_item_get_id (sky), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (targets->len, ==, 1);
  t = g_ptr_array_index (targets, 0);
  g_assert_cmpstr (t->label, ==, "PM2.5平均浓度下降");
  g_assert_cmpstr (t->unit, ==, "%");
  g_assert_true (t->has_baseline);
  g_assert_cmpfloat_with_epsilon (t->baseline, 12.4, 1e-9);
  g_assert_false (t->has_current);
  g_assert_true (t->has_target);
  g_assert_cmpfloat_with_epsilon (t->target, 10, 1e-9);
  g_assert_cmpfloat (wp_target_get_share (t), <, 1.0);

  /* Progress starts again at 0, not started */
  g_assert_cmpint (wp_item_get_status (boilers), ==, WP_ITEM_STATUS_NOT_STARTED);
  g_assert_cmpint (wp_item_get_progress (boilers), ==, 0);
  g_assert_cmpint (wp_item_get_status (rivers), ==, WP_ITEM_STATUS_NOT_STARTED);
  g_assert_cmpint (wp_item_get_progress (rivers), ==, 0);
  g_assert_cmpint (wp_item_get_effective_progress (sky), ==, 0);
  g_assert_true (wp_item_get_carried_over (boilers));
  g_assert_false (wp_item_get_carried_forward (boilers));
  g_assert_cmpstr (wp_item_get_lead_agencies (boilers)[0], ==, "市生态环境局");

  /* A note on each copy says where it came from and what it had reached,
   * with last year's latest progress note */
  note = first_note (f->store, boilers);
  g_test_message ("%s", note);
  g_assert_cmpstr (note, ==, "Carried over from 2025: In progress, progress 60%. "
                             "Last progress note (30/11/2025): 已淘汰燃煤锅炉12台");
  g_clear_pointer (&note, g_free);
  note = first_note (f->store, sky);
  g_assert_cmpstr (note, ==, "Carried over from 2025: In progress, progress 80%, "
                             "PM2.5平均浓度下降 at 12.4%.");
  g_clear_pointer (&note, g_free);
  note = first_note (f->store, rivers);
  g_assert_cmpstr (note, ==, "Carried over from 2025: In progress, progress 30%.");
  /* The area is a heading in both years: no note */
  {
    g_autoptr(GPtrArray) notes = wp_store_list_notes (f->store, wp_item_get_id (area), NULL);
    g_assert_cmpuint (notes->len, ==, 0);
  }
}

static void
test_old_year_marked_carried (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WpPlan) next = NULL;
  g_autoptr(WpItem) sky = NULL;
  g_autoptr(WpItem) boilers = NULL;
  g_autoptr(WpItem) station = NULL;

  /* Judged on 1 March 2026, 打好蓝天保卫战 and 推进河湖长制 are late. */
  g_assert_cmpuint (overdue_key_tasks (f), ==, 2);
  g_assert_cmpuint (red_facts (f->store, wp_plan_get_id (f->plan)), ==, 4);

  next = wp_edit_start_next_year (f->undo, wp_plan_get_id (f->plan), WP_NEXT_YEAR_DEFAULT,
                                  &error);
  g_assert_no_error (error);

  /* What went on is marked in its year (in the file: a new store reads it) */
  g_assert_true (carried_forward (f, f->sky));
  g_assert_true (carried_forward (f, f->boilers));
  g_assert_true (carried_forward (f, f->rivers));
  g_assert_false (carried_forward (f, f->station));
  g_assert_false (carried_forward (f, f->saving));
  g_assert_false (carried_forward (f, f->area));
  {
    g_autoptr(WpStore) again = wp_store_open (f->path, WP_STORE_OPEN_READ_ONLY, &error);
    g_autoptr(WpItem) item = NULL;

    g_assert_no_error (error);
    item = wp_store_get_item (again, f->boilers, &error);
    g_assert_no_error (error);
    g_assert_true (wp_item_get_carried_forward (item));
    g_clear_object (&item);
    g_assert_finalize_object (g_steal_pointer (&again));
  }

  /* … shows 已结转 where status and light show, and is not judged late */
  sky = wp_store_get_item (f->store, f->sky, &error);
  boilers = wp_store_get_item (f->store, f->boilers, &error);
  station = wp_store_get_item (f->store, f->station, &error);
  g_assert_no_error (error);
  g_assert_cmpint (wp_item_get_light (sky), ==, WP_LIGHT_NONE);
  g_assert_cmpint (wp_item_get_light (boilers), ==, WP_LIGHT_NONE);
  g_assert_cmpstr (wp_item_get_status_label (sky), ==, "Carried over");
  g_assert_cmpstr (wp_item_get_light_label (boilers), ==, "Carried over");
  g_assert_cmpstr (wp_item_get_status_label (station), ==, "Done");
  /* Its own figures stay as they were at the end of the year */
  g_assert_cmpint (wp_item_get_progress (boilers), ==, 60);
  g_assert_cmpint (wp_item_get_status (boilers), ==, WP_ITEM_STATUS_IN_PROGRESS);

  /* … and no figure of the old year counts it overdue */
  g_assert_cmpuint (overdue_key_tasks (f), ==, 0);
  g_assert_cmpuint (red_facts (f->store, wp_plan_get_id (f->plan)), ==, 0);
  {
    g_autoptr(WpPlanStats) stats = wp_plan_stats_compute (f->store, wp_plan_get_id (f->plan),
                                                          "市生态环境局", &error);
    g_assert_no_error (error);
    g_assert_cmpuint (stats->counts.overdue, ==, 0);
    g_assert_cmpuint (stats->due_soon->len, ==, 0);
  }
  /* The new year is judged on its own deadlines: 6月底前 is 2026-06-30 */
  g_assert_cmpuint (red_facts (f->store, wp_plan_get_id (next)), ==, 0);
}

static void
test_keep_progress (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WpPlan) next = NULL;
  g_autoptr(WpItem) area = NULL;
  g_autoptr(WpItem) rivers = NULL;
  g_autoptr(WpItem) sky = NULL;
  g_autoptr(GPtrArray) targets = NULL;
  g_autofree char *note = NULL;

  next = wp_store_start_next_year (f->store, wp_plan_get_id (f->plan),
                                   WP_NEXT_YEAR_KEEP_PROGRESS, NULL, &error);
  g_assert_no_error (error);
  area = child_titled (f, wp_plan_get_id (next), 0, "一、生态环境保护");
  rivers = child_titled (f, wp_plan_get_id (next), wp_item_get_id (area), "推进河湖长制");
  sky = child_titled (f, wp_plan_get_id (next), wp_item_get_id (area), "打好蓝天保卫战");
  g_assert_cmpint (wp_item_get_status (rivers), ==, WP_ITEM_STATUS_IN_PROGRESS);
  g_assert_cmpint (wp_item_get_progress (rivers), ==, 30);
  note = first_note (f->store, rivers);
  g_assert_cmpstr (note, ==, "Carried over from 2025: In progress, progress 30%.");
  /* Targets start from where they stood all the same */
  targets = wp_store_list_targets (f->store, wp_item_get_id (sky), &error);
  g_assert_true (((WpTarget *) g_ptr_array_index (targets, 0))->has_baseline);
  g_assert_cmpfloat_with_epsilon (((WpTarget *) g_ptr_array_index (targets, 0))->baseline,
                                  12.4, 1e-9);
  g_assert_false (((WpTarget *) g_ptr_array_index (targets, 0))->has_current);
  g_assert_true (carried_forward (f, f->rivers));
}

static void
test_undo_takes_the_marks_off (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WpPlan) next = NULL;
  g_autoptr(GPtrArray) plans = NULL;

  next = wp_edit_start_next_year (f->undo, wp_plan_get_id (f->plan), WP_NEXT_YEAR_DEFAULT,
                                  &error);
  g_assert_no_error (error);
  g_assert_cmpuint (overdue_key_tasks (f), ==, 0);

  g_assert_true (wp_undo_stack_undo (f->undo, &error));
  g_assert_no_error (error);
  plans = wp_store_list_plans (f->store, &error);
  g_assert_cmpuint (plans->len, ==, 1);
  g_clear_pointer (&plans, g_ptr_array_unref);
  g_assert_false (carried_forward (f, f->sky));
  g_assert_false (carried_forward (f, f->boilers));
  g_assert_false (carried_forward (f, f->rivers));
  g_assert_cmpuint (overdue_key_tasks (f), ==, 2);

  g_assert_true (wp_undo_stack_redo (f->undo, &error));
  g_assert_no_error (error);
  plans = wp_store_list_plans (f->store, &error);
  g_assert_cmpuint (plans->len, ==, 2);
  g_assert_true (carried_forward (f, f->boilers));
  g_assert_cmpuint (overdue_key_tasks (f), ==, 0);
  g_assert_cmpuint (wp_store_count_items (f->store, wp_plan_get_id (next), NULL), ==, 4);
}

static void
test_json_keeps_the_marks (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WpPlan) next = NULL;
  g_autofree char *old_json = NULL;
  g_autofree char *new_json = NULL;
  g_autofree char *other_path = g_build_filename (f->dir, "other.db", NULL);
  g_autoptr(WpStore) other = NULL;
  g_autoptr(WpPlan) imported = NULL;
  g_autoptr(WpItem) rivers = NULL;
  g_autoptr(WpItem) area = NULL;
  g_autofree char *again = NULL;

  next = wp_store_start_next_year (f->store, wp_plan_get_id (f->plan), WP_NEXT_YEAR_DEFAULT,
                                   NULL, &error);
  g_assert_no_error (error);
  old_json = wp_json_export_plan (f->store, wp_plan_get_id (f->plan), &error);
  g_assert_no_error (error);
  new_json = wp_json_export_plan (f->store, wp_plan_get_id (next), &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (old_json, "\"carried_forward\" : true"));
  g_assert_null (strstr (old_json, "\"carried_over\""));
  g_assert_nonnull (strstr (new_json, "\"carried_over\" : true"));
  g_assert_nonnull (strstr (new_json, "\"baseline\" : 12.4"));

  other = wp_store_open (other_path, WP_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  imported = wp_json_import (other, old_json, -1, 0, FALSE, &error);
  g_assert_no_error (error);
  area = child_titled (&(Fixture) { .store = other }, wp_plan_get_id (imported), 0,
                       "一、生态环境保护");
  rivers = child_titled (&(Fixture) { .store = other }, wp_plan_get_id (imported),
                         wp_item_get_id (area), "推进河湖长制");
  g_assert_true (wp_item_get_carried_forward (rivers));
  again = wp_json_export_plan (other, wp_plan_get_id (imported), &error);
  g_assert_cmpstr (again, ==, old_json);
  g_clear_object (&rivers);
  g_clear_object (&area);
  g_clear_object (&imported);
  g_assert_finalize_object (g_steal_pointer (&other));
}

static void
test_note_in_chinese (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WpPlan) next = NULL;
  g_autoptr(WpItem) area = NULL;
  g_autoptr(WpItem) sky = NULL;
  g_autoptr(GPtrArray) actions = NULL;
  g_autofree char *note = NULL;
  g_autofree char *task_note = NULL;
  g_autoptr(WpItem) old_sky = NULL;
  const char *localedir = g_getenv ("WORKPLAN_LOCALEDIR");
  const char *status_label;

  if (localedir == NULL || setlocale (LC_ALL, "zh_CN.UTF-8") == NULL)
    {
      g_test_skip ("the zh_CN.UTF-8 locale or the built translations are missing");
      return;
    }
  bindtextdomain (GETTEXT_PACKAGE, localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");

  next = wp_store_start_next_year (f->store, wp_plan_get_id (f->plan), WP_NEXT_YEAR_DEFAULT,
                                   NULL, &error);
  g_assert_no_error (error);
  area = child_titled (f, wp_plan_get_id (next), 0, "一、生态环境保护");
  sky = child_titled (f, wp_plan_get_id (next), wp_item_get_id (area), "打好蓝天保卫战");
  actions = wp_store_list_children (f->store, wp_plan_get_id (next), wp_item_get_id (sky), NULL);
  note = first_note (f->store, g_ptr_array_index (actions, 0));
  task_note = first_note (f->store, sky);
  old_sky = wp_store_get_item (f->store, f->sky, &error);
  status_label = wp_item_get_status_label (old_sky);
  setlocale (LC_ALL, "C.UTF-8");

  g_test_message ("%s / %s", note, task_note);
  g_assert_cmpstr (note, ==, "由2025年度结转：进行中，完成进度60%。"
                             "上年最新进展（2025年11月30日）：已淘汰燃煤锅炉12台");
  g_assert_cmpstr (task_note, ==, "由2025年度结转：进行中，完成进度80%，"
                                  "PM2.5平均浓度下降现值12.4%。");
  g_assert_cmpstr (status_label, ==, "已结转");
}

static int
run_workplan (char **out,
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

/* workplan next-year --year 2025 [--keep-progress] */
static void
test_cli (Fixture       *f,
          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int status;

  /* (another process writes the file this store has open, as when the
   * app is open) */
  status = run_workplan (&out, &err, "next-year", "--year", "2025", "--keep-progress",
                         "--db", f->path, NULL);
  g_assert_cmpstr (err, ==, "");
  g_assert_cmpint (status, ==, 0);
  g_assert_cmpstr (out, ==, "Started the 2026 plan: 3 items of 2025 carried over.\n");
  g_assert_true (carried_forward (f, f->boilers));
  {
    g_autoptr(WpPlan) next = wp_store_get_plan_by_year (f->store, 2026, &error);
    g_autoptr(WpItem) area = NULL;
    g_autoptr(WpItem) rivers = NULL;

    g_assert_no_error (error);
    area = child_titled (f, wp_plan_get_id (next), 0, "一、生态环境保护");
    rivers = child_titled (f, wp_plan_get_id (next), wp_item_get_id (area), "推进河湖长制");
    g_assert_cmpint (wp_item_get_progress (rivers), ==, 30);
  }

  /* A year that exists already is refused; --year is needed */
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  status = run_workplan (&out, &err, "next-year", "--year", "2025", "--db", f->path,
                         NULL);
  g_assert_cmpint (status, ==, 1);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  status = run_workplan (&out, &err, "next-year", "--db", f->path, NULL);
  g_assert_cmpint (status, ==, 2);
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

#define ADD(name, func) \
  g_test_add ("/years/" name, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("new-year-starts-again", test_new_year_starts_again);
  ADD ("old-year-marked-carried", test_old_year_marked_carried);
  ADD ("keep-progress", test_keep_progress);
  ADD ("undo-takes-the-marks-off", test_undo_takes_the_marks_off);
  ADD ("json-keeps-the-marks", test_json_keeps_the_marks);
  ADD ("note-in-chinese", test_note_in_chinese);
  ADD ("cli", test_cli);
#undef ADD

  return g_test_run ();
}
