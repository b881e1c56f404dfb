/* test-json.c: the interchange JSON — round trip and bad input
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <json-glib/json-glib.h>

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

#define HEAD "{\"format\": \"workplan\", \"version\": 1, \"plan\": {\"year\": 2027}, "
#define ITEM HEAD "\"items\": [{\"kind\": \"area\", \"title\": \"x\", "

static const struct {
  const char *name;
  const char *json;
  int         code;
  const char *where;  /* how the message starts, when it names a place */
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
  /* Numbers json-glib would wrap around to negative or turn into infinity */
  { "int-over-int64", ITEM "\"targets\": [{\"target\": 9223372036854775808}]}]}",
    WP_IO_ERROR_INVALID, "$.items[0].targets[0].target: " },
  { "negative-int-over-int64", ITEM "\"targets\": [{\"baseline\": -9223372036854775809}]}]}",
    WP_IO_ERROR_INVALID, "$.items[0].targets[0].baseline: " },
  { "progress-over-int64", ITEM "\"progress\": 18446744073709551716}]}",
    WP_IO_ERROR_INVALID, "$.items[0].progress: " },
  { "year-over-int64", "{\"format\": \"workplan\", \"version\": 1,"
    " \"plan\": {\"year\": 18446744073709553641}}", WP_IO_ERROR_INVALID, "$.plan.year: " },
  { "float-overflows", ITEM "\"targets\": [{\"current\": 1e400}]}]}",
    WP_IO_ERROR_INVALID, "$.items[0].targets[0].current: " },
  /* Text that is not Unicode, or that a C string cannot hold */
  { "lone-high-surrogate", ITEM "\"description\": \"\\ud800\"}]}",
    WP_IO_ERROR_INVALID, "$.items[0].description: " },
  { "high-surrogate-then-letter", ITEM "\"description\": \"\\ud800x\"}]}",
    WP_IO_ERROR_INVALID, "$.items[0].description: " },
  { "two-high-surrogates", ITEM "\"description\": \"\\ud800\\ud800\"}]}",
    WP_IO_ERROR_INVALID, "$.items[0].description: " },
  { "lone-low-surrogate", ITEM "\"lead\": [\"\\udc00\"]}]}",
    WP_IO_ERROR_INVALID, "$.items[0].lead[0]: " },
  { "nul-escape", ITEM "\"description\": \"前\\u0000后\"}]}",
    WP_IO_ERROR_INVALID, "$.items[0].description: " },
  { "nul-in-key", ITEM "\"no\\u0000tes\": []}]}", WP_IO_ERROR_INVALID, "$.items[0]: " },
  /* What json-glib reads without a word */
  { "duplicate-key", ITEM "\"title\": \"y\"}]}", WP_IO_ERROR_INVALID, "$.items[0]: " },
  { "duplicate-key-escaped", ITEM "\"\\u0074itle\": \"y\"}]}", WP_IO_ERROR_INVALID,
    "$.items[0]: " },
  { "duplicate-root-key", HEAD "\"items\": [], \"items\": []}", WP_IO_ERROR_INVALID, "$: " },
  { "second-document", HEAD "\"items\": []} {}", WP_IO_ERROR_INVALID, "$: " },
  { "trailing-garbage", HEAD "\"items\": []}x", WP_IO_ERROR_INVALID, "$: " },
  { "comment", HEAD "\"items\": [] /* 备注 */}", WP_IO_ERROR_INVALID, NULL },
  { "single-quotes", HEAD "'items': []}", WP_IO_ERROR_INVALID, NULL },
  { "hex-number", ITEM "\"progress\": 0x10}]}", WP_IO_ERROR_INVALID, NULL },
  /* Agency names that are only blank */
  { "full-width-space-agency", ITEM "\"lead\": [\"\u3000\"]}]}", WP_IO_ERROR_INVALID,
    "$.items[0]: " },
  { "zero-width-space-agency", ITEM "\"co\": [\"\u200b \\u3000\"]}]}", WP_IO_ERROR_INVALID,
    "$.items[0]: " },
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
      if (bad_documents[i].where != NULL)
        g_assert_true (g_str_has_prefix (error->message, bad_documents[i].where));
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

/* An item in the plain form an export writes and the same item in other
 * forms a file may take (a whole number written as 50.0, null for a list
 * or a mark, blanks around an agency's name, members the reader does not
 * know, the children before the rest) are read alike: the plain ones are
 * read without json-glib's nodes, the others with them. */
static void
test_plain_and_other_forms_read_alike (Fixture       *f,
                                       gconstpointer  data)
{
  const char *plain =
    "{\"format\": \"workplan\", \"version\": 1, \"plan\": {\"year\": 2025},"
    " \"items\": [{\"kind\": \"task\", \"title\": \"甲\", \"description\": \"说明\","
    " \"lead\": [\"市公安局\"], \"co\": [\"市财政局\", \"同安区\"], \"status\": \"in_progress\","
    " \"progress\": 50, \"due\": \"2025-06-30\", \"due_label\": \"6月底前\", \"ongoing\": true,"
    " \"carried_over\": true, \"targets\": [], \"notes\": [], \"milestones\": [],"
    " \"children\": [{\"kind\": \"action\", \"title\": \"乙\", \"lead\": [], \"co\": [],"
    " \"status\": \"done\", \"progress\": 100, \"due\": null, \"due_label\": \"\","
    " \"ongoing\": false, \"carried_forward\": true}]}]}";
  const char *other =
    "{\"format\": \"workplan\", \"version\": 1, \"plan\": {\"year\": 2025},"
    " \"items\": [{\"children\": [{\"kind\": \"action\", \"title\": \"乙\", \"lead\": null,"
    " \"status\": \"done\", \"progress\": 1e2, \"carried_forward\": true, \"ongoing\": null,"
    " \"x_later\": {\"a\": [1, 2]}}],"
    " \"kind\": \"task\", \"x_first\": 1, \"title\": \"甲\", \"description\": \"说明\","
    " \"lead\": [\" 市公安局\u3000\"], \"co\": [\"市财政局\", \"同安区\"],"
    " \"status\": \"in_progress\", \"progress\": 50.0, \"due\": \"2025-06-30\","
    " \"due_label\": \"6月底前\", \"ongoing\": true, \"carried_over\": true,"
    " \"targets\": null, \"notes\": [ ], \"milestones\": []}]}";
  g_autofree char *plain_out = NULL, *other_out = NULL;

  for (int i = 0; i < 2; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(WpPlan) plan = wp_json_import (f->store, i == 0 ? plain : other, -1, 2030 + i,
                                               FALSE, &error);
      char *out;

      g_assert_no_error (error);
      out = wp_json_export_plan (f->store, wp_plan_get_id (plan), &error);
      g_assert_no_error (error);
      *(i == 0 ? &plain_out : &other_out) = out;
    }
  g_assert_nonnull (strstr (plain_out, "\"progress\" : 50,"));
  g_assert_nonnull (strstr (plain_out, "\"市公安局\""));
  g_assert_cmpstr (strstr (plain_out, "\"items\""), ==, strstr (other_out, "\"items\""));
}

/* The parser recursed once per level: 100,000 “[” overflowed its stack. */
static void
test_deep_nesting (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) deep = g_string_new (NULL);
  g_autoptr(GString) chain = g_string_new (NULL);
  g_autoptr(GString) too_deep = NULL;
  g_autoptr(WpPlan) plan = NULL;
  g_autoptr(WpPlan) again = NULL;
  g_autofree char *out = NULL;
  g_autofree char *out2 = NULL;

  for (int i = 0; i < 100000; i++)
    g_string_append_c (deep, '[');
  g_assert_null (wp_json_import (f->store, deep->str, -1, 0, FALSE, &error));
  g_assert_error (error, WP_IO_ERROR, WP_IO_ERROR_INVALID);
  g_test_message ("%.200s", error->message);
  g_assert_true (g_str_has_prefix (error->message, "$[0][0][0]"));
  g_assert_nonnull (strstr (error->message, "levels deep"));
  g_assert_null (strchr (error->message, '\n'));
  g_clear_error (&error);

  /* Objects too, and a closed document as well as an open one */
  g_string_truncate (deep, 0);
  for (int i = 0; i < 100000; i++)
    g_string_append (deep, "{\"a\":");
  g_string_append (deep, "1");
  for (int i = 0; i < 100000; i++)
    g_string_append_c (deep, '}');
  g_assert_null (wp_json_import (f->store, deep->str, -1, 0, FALSE, &error));
  g_assert_error (error, WP_IO_ERROR, WP_IO_ERROR_INVALID);
  g_assert_true (g_str_has_prefix (error->message, "$.a.a.a"));
  g_clear_error (&error);

  /* Items nested as deeply as the import allows are read, written back and
   * read again: what Workplan exports it can import. */
  g_string_append (chain, HEAD "\"items\": [");
  for (int i = 0; i <= 64; i++)
    g_string_append_printf (chain, "{\"kind\": \"action\", \"title\": \"第%d层\", "
                            "\"targets\": [{\"label\": \"率\", \"target\": %d}], \"children\": [",
                            i, i);
  for (int i = 0; i <= 64; i++)
    g_string_append (chain, "]}");
  g_string_append (chain, "]}");
  plan = wp_json_import (f->store, chain->str, -1, 0, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (wp_store_count_items (f->store, wp_plan_get_id (plan), NULL), ==, 65);
  out = wp_json_export_plan (f->store, wp_plan_get_id (plan), &error);
  g_assert_no_error (error);
  again = wp_json_import (f->store, out, -1, 2028, FALSE, &error);
  g_assert_no_error (error);
  out2 = wp_json_export_plan (f->store, wp_plan_get_id (again), &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (out2, "\"year\" : 2028"));
  g_assert_cmpstr (strstr (out, "\"items\""), ==, strstr (out2, "\"items\""));

  /* One level more is refused with the item's place. */
  too_deep = g_string_new (HEAD "\"items\": [");
  for (int i = 0; i <= 65; i++)
    g_string_append (too_deep, "{\"kind\": \"action\", \"title\": \"深\", \"children\": [");
  for (int i = 0; i <= 65; i++)
    g_string_append (too_deep, "]}");
  g_string_append (too_deep, "]}");
  g_assert_null (wp_json_import (f->store, too_deep->str, -1, 2029, FALSE, &error));
  g_assert_error (error, WP_IO_ERROR, WP_IO_ERROR_INVALID);
  g_assert_true (g_str_has_prefix (error->message, "$.items[0].children[0].children[0]"));
}

static WpTarget *
target_new (const char *label,
            double      value)
{
  WpTarget *t = g_new0 (WpTarget, 1);

  t->label = g_strdup (label);
  t->unit = g_strdup ("");
  t->has_target = TRUE;
  t->target = value;
  return t;
}

/* Exported 1e17 as “1e+17.0”, which no JSON reader accepts, and control
 * characters (U+001F) unescaped: the export could not be restored. */
static void
test_extreme_values_round_trip (Fixture       *f,
                                gconstpointer  data)
{
  static const double values[] = {
    0, -0.0, 0.1, -2.5, 99.5, 1e15 - 1, 1e15, 1e16, 1e17, 2e17, 123456789012345678.0,
    9007199254740993.0, 9223372036854775807.0, 1e19, 1e20, 1e100, 1.7976931348623157e308,
    -1.7976931348623157e308, 1e-7, 1e-10, 5e-324, 2.2250738585072014e-308, -1e-300,
    0.30000000000000004, 1.0 / 3.0,
  };
  const char *odd_text = "控制\x01\x02\x1f\x7f 引号\" 反斜杠\\ 斜杠/ \t\n\r\b\f 表情😀 \u2028\u2029 末";
  g_autoptr(GError) error = NULL;
  g_autoptr(WpPlan) plan = wp_store_create_plan (f->store, 2030, odd_text, "机构", &error);
  g_autoptr(WpItem) item = NULL;
  g_autoptr(WpPlan) copy = NULL;
  g_autoptr(GPtrArray) targets = NULL;
  g_autoptr(GPtrArray) children = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  const char *lead[] = { "市\x1f局", NULL };
  GDate day;

  g_assert_no_error (error);
  item = wp_store_create_item (f->store, wp_plan_get_id (plan), 0, -1, WP_ITEM_KIND_ACTION,
                               odd_text, &error);
  g_assert_no_error (error);
  wp_store_set_item_agencies (f->store, wp_item_get_id (item), WP_AGENCY_ROLE_LEAD, lead, &error);
  g_assert_no_error (error);
  g_date_clear (&day, 1);
  g_date_set_dmy (&day, 1, 3, 2030);
  wp_store_add_note (f->store, wp_item_get_id (item), &day, odd_text, 50, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    {
      g_autoptr(WpTarget) t = target_new (odd_text, values[i]);
      g_autoptr(WpTarget) u = target_new ("负", -values[i]);

      g_assert_cmpint (wp_store_add_target (f->store, wp_item_get_id (item), t, &error), >, 0);
      g_assert_cmpint (wp_store_add_target (f->store, wp_item_get_id (item), u, &error), >, 0);
    }

  first = wp_json_export_plan (f->store, wp_plan_get_id (plan), &error);
  g_assert_no_error (error);
  g_test_message ("%s", first);
  g_assert_true (g_utf8_validate (first, -1, NULL));
  g_assert_null (strstr (first, "e+17.0"));
  g_assert_null (strstr (first, "\x1f"));

  copy = wp_json_import (f->store, first, -1, 2031, FALSE, &error);
  g_assert_no_error (error);
  second = wp_json_export_plan (f->store, wp_plan_get_id (copy), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (strstr (first, "\"title\""), ==, strstr (second, "\"title\""));

  /* Every number comes back as the same double. */
  children = wp_store_list_children (f->store, wp_plan_get_id (copy), 0, &error);
  g_assert_cmpuint (children->len, ==, 1);
  g_assert_cmpstr (wp_item_get_title (g_ptr_array_index (children, 0)), ==, odd_text);
  targets = wp_store_list_targets (f->store, wp_item_get_id (g_ptr_array_index (children, 0)),
                                   &error);
  g_assert_cmpuint (targets->len, ==, 2 * G_N_ELEMENTS (values));
  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    {
      WpTarget *t = g_ptr_array_index (targets, 2 * i);
      WpTarget *u = g_ptr_array_index (targets, 2 * i + 1);

      g_test_message ("target %.17g", values[i]);
      g_assert_true (t->has_target && u->has_target);
      g_assert_cmpfloat (t->target, ==, values[i]);
      g_assert_cmpfloat (u->target, ==, -values[i]);
      g_assert_cmpstr (t->label, ==, odd_text);
    }
}

/* Escapes other programs write (Python's json.dumps writes \uXXXX for all
 * non-ASCII text, and pairs for emoji), and a byte-order mark Windows
 * editors put in front, are read as the text they stand for. */
static void
test_escapes_and_bom_accepted (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WpPlan) plan = NULL;
  g_autoptr(GPtrArray) items = NULL;
  WpItem *item;

  plan = wp_json_import (f->store, "\xef\xbb\xbf" ITEM "\"description\": "
                         "\"\\u5e02\\u516c\\u5b89\\u5c40\\ud83d\\ude00\\/\\\"\", "
                         "\"lead\": [\" \\u5e02\\u516c\\u5b89\\u5c40\\u3000\"]}]}",
                         -1, 0, FALSE, &error);
  g_assert_no_error (error);
  items = wp_store_list_children (f->store, wp_plan_get_id (plan), 0, &error);
  item = g_ptr_array_index (items, 0);
  g_assert_cmpstr (wp_item_get_description (item), ==, "市公安局😀/\"");
  /* Blank around an agency's name, full-width too, is not part of it. */
  g_assert_cmpstr (wp_item_get_lead_agencies (item)[0], ==, "市公安局");
}

/* /dev/zero was read until memory ran out, a FIFO hung, and a file over
 * the limit was read whole before it was refused. */
static void
test_load_refuses_special_files (Fixture       *f,
                                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *fifo = g_build_filename (f->dir, "pipe.json", NULL);
  g_autofree char *huge = g_build_filename (f->dir, "huge.json", NULL);
  g_autofree char *sample = wp_test_sample_path ("xiamen-2025.json");
  g_autoptr(WpJsonDocument) doc = NULL;
  int fd;

  g_assert_null (wp_json_document_load ("/dev/zero", &error));
  g_assert_error (error, WP_IO_ERROR, WP_IO_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "not a regular file"));
  g_clear_error (&error);

  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
  g_assert_null (wp_json_document_load (fifo, &error));
  g_assert_error (error, WP_IO_ERROR, WP_IO_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "not a regular file"));
  g_clear_error (&error);

  g_assert_null (wp_json_document_load (f->dir, &error));
  g_assert_error (error, WP_IO_ERROR, WP_IO_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "folder"));
  g_clear_error (&error);

  /* A sparse file of 4 TiB: reading it whole would never end. */
  fd = g_open (huge, O_WRONLY | O_CREAT, 0600);
  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (ftruncate (fd, (off_t) 4 << 40), ==, 0);
  close (fd);
  g_assert_null (wp_json_document_load (huge, &error));
  g_assert_error (error, WP_IO_ERROR, WP_IO_ERROR_TOO_LARGE);
  g_clear_error (&error);

  doc = wp_json_document_load (sample, &error);
  g_assert_no_error (error);
  g_assert_cmpint (wp_json_document_get_year (doc), ==, 2025);
}

/* A plan of @n_areas areas of @n_actions actions each, 1 KB apiece: a
 * file large enough that the reader gives its text back as it goes.
 * @last_kind is the kind of the very last action. */
static char *
large_document (guint       n_areas,
                guint       n_actions,
                const char *last_kind)
{
  GString *text = g_string_new ("{\"format\": \"workplan\", \"version\": 1,\n"
                                " \"plan\": {\"year\": 2025, \"title\": \"大计划\"},\n"
                                " \"items\": [");

  for (guint a = 0; a < n_areas; a++)
    {
      g_string_append_printf (text, "%s\n  {\"kind\": \"area\", \"title\": \"领域%u\", "
                              "\"lead\": [\"市发改委\"], \"children\": [", a ? "," : "", a);
      for (guint i = 0; i < n_actions; i++)
        {
          gboolean last = a == n_areas - 1 && i == n_actions - 1;

          g_string_append_printf (text, "%s\n   {\"kind\": \"%s\", \"title\": \"措施\\u%04x %u.%u\", "
                                  "\"lead\": [\"区%u\"], \"co\": [\"市财政局\", \"区%u\"], "
                                  "\"due\": \"2025-%02u-28\", \"progress\": %u, \"description\": \"",
                                  i ? "," : "", last ? last_kind : "action", 0x4e00 + i % 500,
                                  a, i, i % 7, (i + 3) % 7, 1 + i % 12, i % 101);
          for (guint k = 0; k < 40; k++)
            g_string_append_printf (text, "第%u条说明文字，", (a * n_actions + i) * 40 + k);
          g_string_append (text, "\"}");
        }
      g_string_append (text, "]}");
    }
  g_string_append (text, "]}\n");
  return g_string_free (text, FALSE);
}

static char *
write_temp_file (Fixture    *f,
                 const char *name,
                 const char *text)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (f->dir, name, NULL);

  g_file_set_contents (path, text, -1, &error);
  g_assert_no_error (error);
  return path;
}

/* A file is read into memory that the reader gives back page by page as
 * it reads on: what it reads is what it reads from the same text in the
 * caller's memory, and errors after the text given back are the same. */
static void
test_load_large_file_as_parsed (Fixture       *f,
                                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) parse_error = NULL;
  g_autofree char *text = large_document (3, 2400, "action");
  g_autofree char *path = write_temp_file (f, "large.json", text);
  g_autoptr(WpJsonDocument) loaded = NULL;
  g_autoptr(WpJsonDocument) parsed = NULL;
  g_autoptr(WpPlan) plan = NULL;
  g_autoptr(WpPlan) plan2 = NULL;
  g_autofree char *from_file = NULL;
  g_autofree char *from_memory = NULL;
  g_autofree char *bad = NULL;
  const char *cases[] = { "bogus", NULL };

  g_assert_cmpuint (strlen (text), >, 8 * 1024 * 1024);
  loaded = wp_json_document_load (path, &error);
  g_assert_no_error (error);
  parsed = wp_json_document_parse (text, -1, &error);
  g_assert_no_error (error);
  plan = wp_json_document_write (loaded, f->store, 2025, FALSE, &error);
  g_assert_no_error (error);
  plan2 = wp_json_document_write (parsed, f->store, 2026, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (wp_store_count_items (f->store, wp_plan_get_id (plan), NULL), ==,
                    3 + 3 * 2400);
  from_file = wp_json_export_plan (f->store, wp_plan_get_id (plan), &error);
  g_assert_no_error (error);
  from_memory = wp_json_export_plan (f->store, wp_plan_get_id (plan2), &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (from_file, "\"措施\u4e00 2.2000\""));
  g_assert_nonnull (strstr (from_file, "第287999条说明文字，\""));
  g_assert_cmpstr (strstr (from_file, "\"items\""), ==, strstr (from_memory, "\"items\""));

  /* the last action's error, and a syntax error at the very end */
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *bad_text = cases[i] != NULL ? large_document (3, 2400, cases[i])
                                                   : g_strconcat (text, "]", NULL);
      g_autoptr(WpJsonDocument) none = NULL;

      g_clear_pointer (&bad, g_free);
      bad = write_temp_file (f, "bad.json", bad_text);
      g_clear_error (&error);
      g_clear_error (&parse_error);
      none = wp_json_document_load (bad, &error);
      g_assert_null (none);
      g_assert_error (error, WP_IO_ERROR, WP_IO_ERROR_INVALID);
      g_assert_null (wp_json_document_parse (bad_text, -1, &parse_error));
      g_assert_cmpstr (error->message, ==, parse_error->message);
      g_assert_cmpstr (error->message, ==, cases[i] != NULL
                       ? "$.items[2].children[2399]: “kind” must be area, task or action"
                       : "$: there is more after the end of the document (line 7207, column 1)");
    }
}

/* Each exported item against what the outline shows under its parent,
 * child by child: order, titles and agencies in their order. */
static void
assert_children_exported (WpStore   *store,
                          gint64     plan_id,
                          gint64     parent_id,
                          JsonArray *exported)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) children = wp_store_list_children (store, plan_id, parent_id, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (json_array_get_length (exported), ==, children->len);
  for (guint i = 0; i < children->len; i++)
    {
      WpItem *item = g_ptr_array_index (children, i);
      JsonObject *object = json_array_get_object_element (exported, i);
      const char * const *roles[] = { wp_item_get_lead_agencies (item),
                                      wp_item_get_co_agencies (item) };
      const char *keys[] = { "lead", "co" };

      g_assert_cmpstr (json_object_get_string_member (object, "title"), ==,
                       wp_item_get_title (item));
      for (guint r = 0; r < G_N_ELEMENTS (keys); r++)
        {
          JsonArray *names = json_object_get_array_member (object, keys[r]);

          g_assert_cmpuint (json_array_get_length (names), ==, g_strv_length ((char **) roles[r]));
          for (guint k = 0; roles[r][k] != NULL; k++)
            g_assert_cmpstr (json_array_get_string_element (names, k), ==, roles[r][k]);
        }
      assert_children_exported (store, plan_id, wp_item_get_id (item),
                                json_object_get_array_member (object, "children"));
    }
}

/* The export reads the plan in one walk, not parent by parent: after moves,
 * a delete and agencies named out of the order they were made in, it
 * still writes what the outline shows, in its order. */
static void
test_export_in_outline_order (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *sample = read_sample ();
  g_autoptr(WpPlan) plan = NULL;
  g_autoptr(GPtrArray) top = NULL;
  g_autoptr(GPtrArray) tasks = NULL;
  g_autoptr(GVariant) deleted = NULL;
  g_autoptr(WpItem) added = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *out = NULL;
  const char *lead[] = { "乙局", "甲局", NULL };
  const char *co[] = { "丙局", "甲局", NULL };
  gint64 plan_id, area_id;

  plan = wp_json_import (f->store, sample, -1, 0, FALSE, &error);
  g_assert_no_error (error);
  plan_id = wp_plan_get_id (plan);
  top = wp_store_list_children (f->store, plan_id, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (top->len, >=, 3);

  /* The last area first, the first area's last key task first and its
   * first one gone; an item made now (the highest id) put at the top */
  g_assert_true (wp_store_move_item (f->store, wp_item_get_id (g_ptr_array_index (top,
                                                                                  top->len - 1)),
                                     0, 0, &error));
  g_assert_no_error (error);
  area_id = wp_item_get_id (g_ptr_array_index (top, 0));
  tasks = wp_store_list_children (f->store, plan_id, area_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (tasks->len, >=, 2);
  g_assert_true (wp_store_move_item (f->store,
                                     wp_item_get_id (g_ptr_array_index (tasks, tasks->len - 1)),
                                     area_id, 0, &error));
  g_assert_no_error (error);
  deleted = wp_store_delete_item (f->store, wp_item_get_id (g_ptr_array_index (tasks, 0)),
                                  &error);
  g_assert_no_error (error);
  added = wp_store_create_item (f->store, plan_id, 0, 0, WP_ITEM_KIND_AREA, "新加的领域", &error);
  g_assert_no_error (error);
  /* (甲局 is made first, so it is not first by id in either list) */
  g_assert_true (wp_store_set_item_agencies (f->store, wp_item_get_id (added), WP_AGENCY_ROLE_CO,
                                             co, &error));
  g_assert_true (wp_store_set_item_agencies (f->store, wp_item_get_id (added),
                                             WP_AGENCY_ROLE_LEAD, lead, &error));
  g_assert_no_error (error);

  out = wp_json_export_plan (f->store, plan_id, &error);
  g_assert_no_error (error);
  json_parser_load_from_data (parser, out, -1, &error);
  g_assert_no_error (error);
  assert_children_exported (f->store, plan_id, 0,
                            json_object_get_array_member (
                              json_node_get_object (json_parser_get_root (parser)), "items"));
  g_assert_nonnull (strstr (out, "\"新加的领域\""));
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
  ADD ("plain-and-other-forms-read-alike", test_plain_and_other_forms_read_alike);
  ADD ("deep-nesting", test_deep_nesting);
  ADD ("extreme-values-round-trip", test_extreme_values_round_trip);
  ADD ("escapes-and-bom-accepted", test_escapes_and_bom_accepted);
  ADD ("load-refuses-special-files", test_load_refuses_special_files);
  ADD ("export-in-outline-order", test_export_in_outline_order);
  ADD ("load-large-file-as-parsed", test_load_large_file_as_parsed);
#undef ADD

  return g_test_run ();
}
