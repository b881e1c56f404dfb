/* test-json.c: the interchange JSON — round trip and bad input
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "wp-test-util.h"

typedef struct {
  char    *dir;
  WpStore *store;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  f->dir = wp_test_dir_new ();
  path = g_build_filename (f->dir, "plan.db", NULL);
  f->store = wp_store_open (path, WP_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_assert_finalize_object (f->store);
  wp_test_dir_free (f->dir);
}

static char *
read_sample (void)
{
  g_autofree char *path = wp_test_sample_path ("xiamen-2025.json");
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  return contents;
}

static void
test_round_trip (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *sample = read_sample ();
  g_autoptr(WpPlan) plan = NULL;
  g_autoptr(WpPlan) plan2 = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autofree char *path2 = g_build_filename (f->dir, "second.db", NULL);
  g_autoptr(WpStore) store2 = NULL;

  plan = wp_json_import (f->store, sample, -1, 0, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (wp_plan_get_year (plan), ==, 2025);
  g_assert_cmpuint (wp_store_count_items (f->store, wp_plan_get_id (plan), NULL), ==, 56);

  first = wp_json_export_plan (f->store, wp_plan_get_id (plan), &error);
  g_assert_no_error (error);
  /* The shipped demo plan is already in canonical form. */
  g_assert_cmpstr (first, ==, sample);

  /* export → import into an empty database → export: identical */
  store2 = wp_store_open (path2, WP_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  plan2 = wp_json_import (store2, first, -1, 0, FALSE, &error);
  g_assert_no_error (error);
  second = wp_json_export_plan (store2, wp_plan_get_id (plan2), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (first, ==, second);
}

static void
test_demo_content (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *sample = read_sample ();
  g_autoptr(WpPlan) plan = wp_json_import (f->store, sample, -1, 0, FALSE, &error);
  g_autoptr(GPtrArray) areas = NULL;
  g_autoptr(GArray) hits = NULL;
  g_autoptr(GPtrArray) targets = NULL;
  GDate today;
  guint red = 0, done = 0, in_progress = 0;
  g_autoptr(GPtrArray) stack = g_ptr_array_new_with_free_func (g_object_unref);

  g_assert_no_error (error);
  areas = wp_store_list_children (f->store, wp_plan_get_id (plan), 0, &error);
  g_assert_cmpuint (areas->len, ==, 3);
  g_assert_cmpstr (wp_item_get_title (g_ptr_array_index (areas, 0)), ==,
                   "坚持主动创稳 强化系统治理");
  g_assert_cmpstr (wp_item_get_title (g_ptr_array_index (areas, 2)), ==,
                   "从严管党治警 深化铁军锻造");

  /* 45 个镇(街) 综治中心 is a target of its action */
  hits = wp_store_search (f->store, wp_plan_get_id (plan), "45个镇(街)综治中心", &error);
  g_assert_cmpuint (hits->len, ==, 1);
  targets = wp_store_list_targets (f->store, g_array_index (hits, gint64, 0), &error);
  g_assert_cmpuint (targets->len, ==, 1);
  g_assert_cmpfloat (((WpTarget *) g_ptr_array_index (targets, 0))->target, ==, 45);

  /* Work done before the import is dated by its last progress note. */
  {
    g_autoptr(GArray) six = wp_store_search (f->store, wp_plan_get_id (plan), "6个区综治中心",
                                             &error);
    g_autoptr(WpItem) finished = NULL;
    g_autofree char *iso = NULL;

    g_assert_cmpuint (six->len, ==, 1);
    finished = wp_store_get_item (f->store, g_array_index (six, gint64, 0), &error);
    g_assert_cmpint (wp_item_get_status (finished), ==, WP_ITEM_STATUS_DONE);
    iso = wp_date_to_iso (wp_item_get_done_date (finished));
    g_assert_cmpstr (iso, ==, "2025-06-20");
  }

  /* Walk every item: the demo has done, in-progress and overdue work on 15 July 2025. */
  g_date_clear (&today, 1);
  g_date_set_dmy (&today, 15, 7, 2025);
  wp_store_set_judging (f->store, &today, 30);
  for (guint i = 0; i < areas->len; i++)
    g_ptr_array_add (stack, g_object_ref (g_ptr_array_index (areas, i)));
  while (stack->len > 0)
    {
      g_autoptr(WpItem) item = g_ptr_array_steal_index (stack, stack->len - 1);
      g_autoptr(GPtrArray) children = wp_store_list_children (f->store, wp_plan_get_id (plan),
                                                              wp_item_get_id (item), NULL);

      for (guint i = 0; i < children->len; i++)
        g_ptr_array_add (stack, g_object_ref (g_ptr_array_index (children, i)));
      if (wp_item_get_kind (item) != WP_ITEM_KIND_ACTION)
        continue;
      g_assert_cmpuint (g_strv_length ((char **) wp_item_get_lead_agencies (item)), >=, 1);
      red += wp_item_get_light (item) == WP_LIGHT_RED;
      done += wp_item_get_status (item) == WP_ITEM_STATUS_DONE;
      in_progress += wp_item_get_status (item) == WP_ITEM_STATUS_IN_PROGRESS;
    }
  g_assert_cmpuint (red, >=, 3);
  /* Overdue actions show on their areas too. */
  g_assert_cmpint (wp_item_get_light (g_ptr_array_index (areas, 0)), ==, WP_LIGHT_RED);
  g_assert_cmpuint (done, >=, 2);
  g_assert_cmpuint (in_progress, >=, 20);
}

static const struct {
  const char *name;
  const char *json;
  int         code;
} bad_documents[] = {
  { "empty", "", WP_IO_ERROR_INVALID },
  { "not-json", "任务分解表", WP_IO_ERROR_INVALID },
  { "truncated", "{\"format\": \"workplan\", \"version\": 1, \"plan\": {\"year\": 20",
    WP_IO_ERROR_INVALID },
  { "array", "[1, 2, 3]", WP_IO_ERROR_INVALID },
  { "other-format", "{\"format\": \"todo\", \"version\": 1}", WP_IO_ERROR_INVALID },
  { "newer-version", "{\"format\": \"workplan\", \"version\": 2, \"plan\": {\"year\": 2027}}",
    WP_IO_ERROR_UNSUPPORTED },
  { "no-plan", "{\"format\": \"workplan\", \"version\": 1}", WP_IO_ERROR_INVALID },
  { "bad-year", "{\"format\": \"workplan\", \"version\": 1, \"plan\": {\"year\": \"明年\"}}",
    WP_IO_ERROR_INVALID },
  { "year-out-of-range", "{\"format\": \"workplan\", \"version\": 1, \"plan\": {\"year\": 123456}}",
    WP_IO_ERROR_INVALID },
  { "bad-kind", "{\"format\": \"workplan\", \"version\": 1, \"plan\": {\"year\": 2027},"
    " \"items\": [{\"kind\": \"goal\", \"title\": \"x\"}]}", WP_IO_ERROR_INVALID },
  { "bad-status-deep", "{\"format\": \"workplan\", \"version\": 1, \"plan\": {\"year\": 2027},"
    " \"items\": [{\"kind\": \"area\", \"title\": \"x\", \"children\": [{\"kind\": \"task\","
    " \"title\": \"y\", \"status\": \"finished\"}]}]}", WP_IO_ERROR_INVALID },
  { "bad-progress", "{\"format\": \"workplan\", \"version\": 1, \"plan\": {\"year\": 2027},"
    " \"items\": [{\"kind\": \"area\", \"title\": \"x\", \"progress\": 150}]}",
    WP_IO_ERROR_INVALID },
  { "bad-due", "{\"format\": \"workplan\", \"version\": 1, \"plan\": {\"year\": 2027},"
    " \"items\": [{\"kind\": \"area\", \"title\": \"x\", \"due\": \"年底前\"}]}",
    WP_IO_ERROR_INVALID },
  { "lead-not-list", "{\"format\": \"workplan\", \"version\": 1, \"plan\": {\"year\": 2027},"
    " \"items\": [{\"kind\": \"area\", \"title\": \"x\", \"lead\": \"市公安局\"}]}",
    WP_IO_ERROR_INVALID },
  { "empty-agency", "{\"format\": \"workplan\", \"version\": 1, \"plan\": {\"year\": 2027},"
    " \"items\": [{\"kind\": \"area\", \"title\": \"x\", \"co\": [\" \"]}]}",
    WP_IO_ERROR_INVALID },
  { "bad-note-date", "{\"format\": \"workplan\", \"version\": 1, \"plan\": {\"year\": 2027},"
    " \"items\": [{\"kind\": \"area\", \"title\": \"x\", \"notes\": [{\"date\": \"昨天\","
    " \"text\": \"y\"}]}]}", WP_IO_ERROR_INVALID },
  { "target-not-number", "{\"format\": \"workplan\", \"version\": 1, \"plan\": {\"year\": 2027},"
    " \"items\": [{\"kind\": \"area\", \"title\": \"x\", \"targets\": [{\"label\": \"率\","
    " \"target\": \"99%\"}]}]}", WP_IO_ERROR_INVALID },
  { "item-not-object", "{\"format\": \"workplan\", \"version\": 1, \"plan\": {\"year\": 2027},"
    " \"items\": [42]}", WP_IO_ERROR_INVALID },
};

static void
test_bad_input_changes_nothing (Fixture       *f,
                                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *sample = read_sample ();
  g_autoptr(WpPlan) plan = wp_json_import (f->store, sample, -1, 0, FALSE, &error);
  g_autofree char *before = NULL;

  g_assert_no_error (error);
  before = wp_json_export_plan (f->store, wp_plan_get_id (plan), &error);

  for (guint i = 0; i < G_N_ELEMENTS (bad_documents); i++)
    {
      g_autoptr(WpPlan) imported = NULL;
      g_autoptr(GPtrArray) plans = NULL;
      g_autofree char *after = NULL;

      g_test_message ("bad document: %s", bad_documents[i].name);
      imported = wp_json_import (f->store, bad_documents[i].json, -1, 0, FALSE, &error);
      g_assert_null (imported);
      g_assert_error (error, WP_IO_ERROR, bad_documents[i].code);
      g_assert_null (strchr (error->message, '\n'));
      g_clear_error (&error);

      plans = wp_store_list_plans (f->store, &error);
      g_assert_cmpuint (plans->len, ==, 1);
      after = wp_json_export_plan (f->store, wp_plan_get_id (plan), &error);
      g_assert_cmpstr (before, ==, after);
    }

  /* A valid document for a year that exists is refused unless replacing. */
  g_assert_null (wp_json_import (f->store, sample, -1, 0, FALSE, &error));
  g_assert_error (error, WP_STORE_ERROR, WP_STORE_ERROR_EXISTS);
  g_clear_error (&error);

  /* Binary data */
  {
    const char binary[] = { 0x7f, 'E', 'L', 'F', 0, 1, 2, (char) 0xff };
    g_assert_null (wp_json_import (f->store, binary, sizeof binary, 0, FALSE, &error));
    g_assert_error (error, WP_IO_ERROR, WP_IO_ERROR_INVALID);
    g_clear_error (&error);
  }
}

static void
test_year_override_and_replace (Fixture       *f,
                                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *sample = read_sample ();
  g_autoptr(WpPlan) p2025 = wp_json_import (f->store, sample, -1, 0, FALSE, &error);
  g_autoptr(WpPlan) p2026 = NULL;
  g_autoptr(WpPlan) again = NULL;
  g_autoptr(GPtrArray) plans = NULL;

  g_assert_no_error (error);
  p2026 = wp_json_import (f->store, sample, -1, 2026, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (wp_plan_get_year (p2026), ==, 2026);

  again = wp_json_import (f->store, sample, -1, 2026, TRUE, &error);
  g_assert_no_error (error);
  plans = wp_store_list_plans (f->store, &error);
  g_assert_cmpuint (plans->len, ==, 2);
  g_assert_cmpint (wp_plan_get_year (g_ptr_array_index (plans, 1)), ==, 2026);
  g_assert_cmpuint (wp_store_count_items (f->store, wp_plan_get_id (again), NULL), ==, 56);
  /* The replaced plan's items are gone, not added to. */
  g_assert_cmpuint (wp_store_count_items (f->store, wp_plan_get_id (p2025), NULL), ==, 56);
}

static void
test_minimal_document (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  const char *doc = "{\"format\": \"workplan\", \"version\": 1, \"plan\": {\"year\": 2024},"
                    " \"items\": [{\"kind\": \"area\", \"title\": \"只有标题\"}]}";
  g_autoptr(WpPlan) plan = wp_json_import (f->store, doc, -1, 0, FALSE, &error);
  g_autofree char *out = NULL;

  g_assert_no_error (error);
  out = wp_json_export_plan (f->store, wp_plan_get_id (plan), &error);
  /* Every key is written out, even those the input left out. */
  g_assert_nonnull (strstr (out, "\"due_label\" : \"\""));
  g_assert_nonnull (strstr (out, "\"progress\" : null"));
  g_assert_nonnull (strstr (out, "\"children\" : []"));
  g_assert_nonnull (strstr (out, "\"organization\" : \"\""));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/json/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("round-trip", test_round_trip);
  ADD ("demo-content", test_demo_content);
  ADD ("bad-input-changes-nothing", test_bad_input_changes_nothing);
  ADD ("year-override-and-replace", test_year_override_and_replace);
  ADD ("minimal-document", test_minimal_document);
#undef ADD

  return g_test_run ();
}
