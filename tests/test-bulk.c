/* test-bulk.c: the bulk write path imports use (wp-store-bulk.c)
 *
 * The JSON import writes through it: the plan it gives must be the plan
 * the item-by-item path gives, searchable the same way, with positions in
 * order, and a cancelled bulk write must leave the file as it was.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "wp-test-util.h"

typedef struct {
  char    *dir;
  WpStore *store;
  gint64   plan_id;
} Fixture;

static WpStore *
open_store (const char *dir,
            const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (dir, name, NULL);
  WpStore *store = wp_store_open (path, WP_STORE_OPEN_DEFAULT, &error);

  g_assert_no_error (error);
  return store;
}

/* Every field an item can have, varied by @n, set the way the outline sets
 * them, one at a time. */
static void
fill_action (WpStore *store,
             WpItem  *action,
             WpItem  *task,
             int      n,
             gpointer data)
{
  static const char *const statuses[] = { "not_started", "in_progress", "done", "suspended" };
  static const char *const dues[] = { "上半年", "6月底前", "2025-09-30", "长期坚持", "年底前" };
  g_autoptr(GError) error = NULL;
  gint64 id = wp_item_get_id (action);
  g_autofree char *description = g_strdup_printf ("说明甲乙%d，含“引号”\\和\n换行", n);
  g_autofree char *note = g_strdup_printf ("进展丙丁%d", n);
  const char *lead[] = { n % 2 ? "市公安局" : "市教育局", NULL };
  const char *co[] = { "市财政局", n % 3 ? "市公安局" : "区人民政府", NULL };
  g_auto(GValue) yes = G_VALUE_INIT;
  GDate date;

  g_value_init (&yes, G_TYPE_BOOLEAN);
  g_value_set_boolean (&yes, TRUE);
  g_assert_true (wp_store_set_item_string (store, id, "description", description, &error));
  g_assert_true (wp_store_set_item_agencies (store, id, WP_AGENCY_ROLE_LEAD, lead, &error));
  g_assert_true (wp_store_set_item_agencies (store, id, WP_AGENCY_ROLE_CO, co, &error));
  g_assert_true (wp_store_set_item_due_text (store, id, dues[n % G_N_ELEMENTS (dues)], &error));
  g_assert_true (wp_store_set_item_string (store, id, "status",
                                           statuses[n % G_N_ELEMENTS (statuses)], &error));
  if (n % 5 != 4)
    g_assert_true (wp_store_set_item_int (store, id, "progress", (n * 37) % 101, &error));
  if (n % 7 == 1)
    g_assert_true (wp_store_set_item_property (store, id, "carried-over", &yes, &error));
  if (n % 7 == 2)
    g_assert_true (wp_store_set_item_property (store, id, "carried-forward", &yes, &error));
  if (n % 2 == 0)
    {
      WpTarget target = { .label = "完成数量", .unit = "个", .has_baseline = TRUE,
                          .baseline = 10, .has_target = TRUE, .target = 20.5 + n };
      g_assert_cmpint (wp_store_add_target (store, id, &target, &error), >, 0);
      target.label = "覆盖率";
      target.has_current = TRUE;
      target.current = 0.125;
      g_assert_cmpint (wp_store_add_target (store, id, &target, &error), >, 0);
    }
  g_date_clear (&date, 1);
  g_date_set_dmy (&date, 1 + n % 28, 3, 2025);
  g_assert_cmpint (wp_store_add_note (store, id, &date, note, n % 3 ? 30 : -1, &error), >, 0);
  g_date_set_dmy (&date, 1 + n % 28, 6, 2025);
  g_assert_cmpint (wp_store_add_note (store, id, &date, "阶段性完成", -1, &error), >, 0);
  g_assert_no_error (error);
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WpPlan) plan = NULL;

  f->dir = wp_test_dir_new ();
  f->store = open_store (f->dir, "by-item.db");
  plan = wp_store_create_plan (f->store, 2025, "2025年重点工作", "某市人民政府", &error);
  g_assert_no_error (error);
  f->plan_id = wp_plan_get_id (plan);
  wp_test_generate_plan (f->store, f->plan_id, 3, 4, 5, NULL, fill_action, NULL);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_assert_finalize_object (f->store);
  wp_test_dir_free (f->dir);
}

/* The titles of what @query finds, in order, as one string. */
static char *
search_titles (WpStore    *store,
               gint64      plan_id,
               const char *query)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = wp_store_search (store, plan_id, query, &error);
  GString *titles = g_string_new (NULL);

  g_assert_no_error (error);
  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(WpItem) item = wp_store_get_item (store, g_array_index (ids, gint64, i), &error);

      g_assert_no_error (error);
      g_string_append_printf (titles, "%s|", wp_item_get_title (item));
    }
  return g_string_free (titles, FALSE);
}

static void
test_same_plan_as_item_by_item (Fixture       *f,
                                gconstpointer  data)
{
  const char *queries[] = { "具体措施1.2.3", "甲乙17", "丙丁42", "丙", "阶段性完成", "引号",
                            "工作领域2", "重点任务3.4", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(WpStore) store2 = open_store (f->dir, "bulk.db");
  g_autoptr(WpPlan) plan2 = NULL;
  g_autofree char *by_item = wp_json_export_plan (f->store, f->plan_id, &error);
  g_autofree char *bulk = NULL;

  g_assert_no_error (error);
  plan2 = wp_json_import (store2, by_item, -1, 0, FALSE, &error);
  g_assert_no_error (error);
  bulk = wp_json_export_plan (store2, wp_plan_get_id (plan2), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (bulk, ==, by_item);
  g_assert_cmpuint (wp_store_count_items (store2, wp_plan_get_id (plan2), NULL), ==,
                    3 + 3 * 4 + 3 * 4 * 5);

  /* The search index filled at the end answers as the triggers' did. */
  for (guint i = 0; queries[i] != NULL; i++)
    {
      g_autofree char *expected = search_titles (f->store, f->plan_id, queries[i]);
      g_autofree char *got = search_titles (store2, wp_plan_get_id (plan2), queries[i]);

      g_assert_cmpstr (expected, !=, "");
      g_assert_cmpstr (got, ==, expected);
    }
}

/* The streaming export writes what the JsonBuilder tree wrote: the file
 * was exported from this fixture's plan before the export was rewritten;
 * the demo plan's own file is checked by test-json's round trip. */
static void
test_export_same_bytes_as_before (Fixture       *f,
                                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "bulk-every-field.json",
                                                 NULL);
  g_autofree char *expected = NULL;
  g_autofree char *got = wp_json_export_plan (f->store, f->plan_id, &error);
  g_autofree char *out_path = g_build_filename (f->dir, "streamed.json", NULL);
  g_autofree char *streamed = NULL;
  g_autoptr(WpOutput) out = wp_output_new (out_path);

  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &expected, NULL, NULL));
  g_assert_cmpstr (got, ==, expected);

  /* and written as it goes, to a file */
  g_assert_true (wp_json_export_plan_to (f->store, f->plan_id, out, &error));
  g_assert_true (wp_output_close (out, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (out_path, &streamed, NULL, NULL));
  g_assert_cmpstr (streamed, ==, expected);
}

/* After the import the index triggers are back: edits are found. */
static void
test_search_follows_edits_after_import (Fixture       *f,
                                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WpStore) store2 = open_store (f->dir, "bulk.db");
  g_autofree char *json = wp_json_export_plan (f->store, f->plan_id, &error);
  g_autoptr(WpPlan) plan = wp_json_import (store2, json, -1, 0, FALSE, &error);
  g_autoptr(GArray) hits = NULL;
  g_autoptr(WpItem) made = NULL;
  g_autofree char *found = NULL;
  gint64 plan_id, id;
  GDate date;

  g_assert_no_error (error);
  plan_id = wp_plan_get_id (plan);
  hits = wp_store_search (store2, plan_id, "具体措施2.3.4", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (hits->len, ==, 1);
  id = g_array_index (hits, gint64, 0);

  g_assert_true (wp_store_set_item_string (store2, id, "title", "改名后的措施", &error));
  g_assert_no_error (error);
  found = search_titles (store2, plan_id, "改名后");
  g_assert_cmpstr (found, ==, "改名后的措施|");
  g_clear_pointer (&found, g_free);
  found = search_titles (store2, plan_id, "具体措施2.3.4");
  g_assert_cmpstr (found, ==, "");
  g_clear_pointer (&found, g_free);

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, 1, 7, 2025);
  g_assert_cmpint (wp_store_add_note (store2, id, &date, "新加的进展戊己", -1, &error), >, 0);
  found = search_titles (store2, plan_id, "戊己");
  g_assert_cmpstr (found, ==, "改名后的措施|");
  g_clear_pointer (&found, g_free);

  made = wp_store_create_item (store2, plan_id, 0, -1, WP_ITEM_KIND_AREA, "新的领域庚辛", &error);
  g_assert_no_error (error);
  found = search_titles (store2, plan_id, "庚辛");
  g_assert_cmpstr (found, ==, "新的领域庚辛|");
}

static void
assert_positions_in_order (WpStore *store,
                           gint64   plan_id,
                           gint64   parent_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) children = wp_store_list_children (store, plan_id, parent_id, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < children->len; i++)
    {
      WpItem *child = g_ptr_array_index (children, i);

      g_assert_cmpint (wp_item_get_position (child), ==, i);
      assert_positions_in_order (store, plan_id, wp_item_get_id (child));
    }
}

/* Imported siblings are numbered from 0 in order, and appending after
 * them (which moves no sibling) or inserting among them keeps it so. */
static void
test_positions_after_import_and_appends (Fixture       *f,
                                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WpStore) store2 = open_store (f->dir, "bulk.db");
  g_autofree char *json = wp_json_export_plan (f->store, f->plan_id, &error);
  g_autoptr(WpPlan) plan = wp_json_import (store2, json, -1, 0, FALSE, &error);
  g_autoptr(GPtrArray) areas = NULL;
  g_autoptr(GPtrArray) tasks = NULL;
  gint64 plan_id, task_id;

  g_assert_no_error (error);
  plan_id = wp_plan_get_id (plan);
  assert_positions_in_order (store2, plan_id, 0);

  areas = wp_store_list_children (store2, plan_id, 0, &error);
  g_assert_no_error (error);
  tasks = wp_store_list_children (store2, plan_id,
                                  wp_item_get_id (g_ptr_array_index (areas, 1)), &error);
  g_assert_no_error (error);
  task_id = wp_item_get_id (g_ptr_array_index (tasks, 2));
  for (int i = 0; i < 3; i++)
    {
      g_autoptr(WpItem) appended = wp_store_create_item (store2, plan_id, task_id, -1,
                                                         WP_ITEM_KIND_ACTION, "追加", &error);
      g_autoptr(WpItem) at_end = NULL;

      g_assert_no_error (error);
      g_assert_cmpint (wp_item_get_position (appended), ==, 5 + 2 * i);
      /* the position just past the last one is an append too */
      at_end = wp_store_create_item (store2, plan_id, task_id, 6 + 2 * i, WP_ITEM_KIND_ACTION,
                                     "末尾", &error);
      g_assert_no_error (error);
      g_assert_cmpint (wp_item_get_position (at_end), ==, 6 + 2 * i);
    }
  {
    g_autoptr(WpItem) first = wp_store_create_item (store2, plan_id, task_id, 0,
                                                    WP_ITEM_KIND_ACTION, "最前", &error);
    g_autoptr(WpItem) middle = wp_store_create_item (store2, plan_id, task_id, 3,
                                                     WP_ITEM_KIND_ACTION, "中间", &error);
    g_autoptr(GPtrArray) actions = wp_store_list_children (store2, plan_id, task_id, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (actions->len, ==, 13);
    g_assert_cmpstr (wp_item_get_title (g_ptr_array_index (actions, 0)), ==, "最前");
    g_assert_cmpstr (wp_item_get_title (g_ptr_array_index (actions, 3)), ==, "中间");
    g_assert_cmpstr (wp_item_get_title (g_ptr_array_index (actions, 12)), ==, "末尾");
  }
  assert_positions_in_order (store2, plan_id, 0);
}

/* A bulk write cancelled half way leaves the file as it was, search index
 * triggers included. */
static void
test_cancelled_bulk_write_changes_nothing (Fixture       *f,
                                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autofree char *before = wp_json_export_plan (f->store, f->plan_id, &error);
  g_autofree char *after = NULL;
  g_autofree char *found = NULL;
  g_autoptr(WpItem) made = NULL;
  WpStoreBulk *bulk;
  WpBulkItem row = { .kind = WP_ITEM_KIND_AREA, .title = "不该留下壬癸", .progress = -1 };
  gint64 id;

  bulk = wp_store_bulk_begin (f->store, cancellable, &error);
  g_assert_no_error (error);
  id = wp_store_bulk_add_item (bulk, f->plan_id, 0, 3, &row, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  g_cancellable_cancel (cancellable);
  g_assert_cmpint (wp_store_bulk_add_item (bulk, f->plan_id, id, 0, &row, &error), ==, 0);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  g_assert_false (wp_store_bulk_commit (bulk, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  wp_store_bulk_free (bulk);

  after = wp_json_export_plan (f->store, f->plan_id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (after, ==, before);
  found = search_titles (f->store, f->plan_id, "壬癸");
  g_assert_cmpstr (found, ==, "");
  g_clear_pointer (&found, g_free);

  made = wp_store_create_item (f->store, f->plan_id, 0, -1, WP_ITEM_KIND_AREA, "之后新建壬癸",
                               &error);
  g_assert_no_error (error);
  found = search_titles (f->store, f->plan_id, "壬癸");
  g_assert_cmpstr (found, ==, "之后新建壬癸|");
}

/* Agencies and a deadline on every action, notes on a few: most rows go in
 * by the batch (wp-store-bulk.c writes ITEM_BATCH items and LINK_BATCH
 * agency rows per statement), some in between notes. */
static void
fill_plain_action (WpStore *store,
                   WpItem  *action,
                   WpItem  *task,
                   int      n,
                   gpointer data)
{
  g_autoptr(GError) error = NULL;
  gint64 id = wp_item_get_id (action);
  const char *lead[] = { n % 2 ? "市公安局" : "市教育局", n % 5 ? NULL : "市财政局", NULL };
  const char *co[] = { "市财政局", n % 3 ? "市公安局" : "区人民政府", "市民政局", NULL };
  GDate date;

  g_assert_true (wp_store_set_item_agencies (store, id, WP_AGENCY_ROLE_LEAD, lead, &error));
  g_assert_true (wp_store_set_item_agencies (store, id, WP_AGENCY_ROLE_CO, co, &error));
  g_assert_true (wp_store_set_item_due_text (store, id, n % 2 ? "6月底前" : "年底前", &error));
  if (n % 3 == 0)
    g_assert_true (wp_store_set_item_string (store, id, "status", "done", &error));
  if (n % 97 == 5)
    {
      g_date_clear (&date, 1);
      g_date_set_dmy (&date, 1 + n % 28, 4, 2025);
      g_assert_cmpint (wp_store_add_note (store, id, &date, "偶有进展", 40, &error), >, 0);
    }
  g_assert_no_error (error);
}

static void
test_batched_rows_same_plan (void)
{
  const char *queries[] = { "具体措施2.5.33", "偶有进展", "重点任务3.4", NULL };
  g_autofree char *dir = wp_test_dir_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(WpStore) store = open_store (dir, "by-item.db");
  g_autoptr(WpStore) store2 = open_store (dir, "bulk.db");
  g_autoptr(WpPlan) plan = wp_store_create_plan (store, 2025, "2025年重点工作", "某市", &error);
  g_autoptr(WpPlan) plan2 = NULL;
  g_autoptr(WpPlan) again = NULL;
  g_autoptr(WpItem) made = NULL;
  g_autofree char *by_item = NULL;
  g_autofree char *bulk = NULL;
  g_autoptr(GPtrArray) top = NULL;
  gint64 last_id;
  guint n_items = 3 + 3 * 5 + 3 * 5 * 45;

  g_assert_no_error (error);
  wp_test_generate_plan (store, wp_plan_get_id (plan), 3, 5, 45, NULL, fill_plain_action, NULL);
  by_item = wp_json_export_plan (store, wp_plan_get_id (plan), &error);
  g_assert_no_error (error);

  plan2 = wp_json_import (store2, by_item, -1, 0, FALSE, &error);
  g_assert_no_error (error);
  bulk = wp_json_export_plan (store2, wp_plan_get_id (plan2), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (bulk, ==, by_item);
  g_assert_cmpuint (wp_store_count_items (store2, wp_plan_get_id (plan2), NULL), ==, n_items);
  assert_positions_in_order (store2, wp_plan_get_id (plan2), 0);
  for (guint i = 0; queries[i] != NULL; i++)
    {
      g_autofree char *expected = search_titles (store, wp_plan_get_id (plan), queries[i]);
      g_autofree char *got = search_titles (store2, wp_plan_get_id (plan2), queries[i]);

      g_assert_cmpstr (expected, !=, "");
      g_assert_cmpstr (got, ==, expected);
    }

  /* The ids given are those AUTOINCREMENT gives: in order, and never one
   * an item of a deleted plan had. */
  top = wp_store_list_children (store2, wp_plan_get_id (plan2), 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (top->len, ==, 3);
  made = wp_store_create_item (store2, wp_plan_get_id (plan2), 0, -1, WP_ITEM_KIND_AREA,
                               "之后新建", &error);
  g_assert_no_error (error);
  last_id = wp_item_get_id (made);
  g_assert_cmpint (last_id, ==, wp_item_get_id (g_ptr_array_index (top, 0)) + n_items);
  g_clear_object (&made);
  g_assert_true (wp_store_delete_plan (store2, wp_plan_get_id (plan2), &error));
  g_assert_true (wp_store_purge_deleted (store2, &error));
  g_assert_no_error (error);
  again = wp_json_import (store2, by_item, -1, 0, FALSE, &error);
  g_assert_no_error (error);
  g_clear_pointer (&top, g_ptr_array_unref);
  top = wp_store_list_children (store2, wp_plan_get_id (again), 0, &error);
  g_assert_no_error (error);
  g_assert_cmpint (wp_item_get_id (g_ptr_array_index (top, 0)), ==, last_id + 1);
  g_clear_pointer (&bulk, g_free);
  bulk = wp_json_export_plan (store2, wp_plan_get_id (again), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (bulk, ==, by_item);

  g_clear_pointer (&top, g_ptr_array_unref);
  g_clear_object (&plan);
  g_clear_object (&plan2);
  g_clear_object (&again);
  g_assert_finalize_object (g_steal_pointer (&store));
  g_assert_finalize_object (g_steal_pointer (&store2));
  wp_test_dir_free (g_steal_pointer (&dir));
}

/* Every item under @parent_id, into @items */
static void
collect_items (WpStore   *store,
               gint64     plan_id,
               gint64     parent_id,
               GPtrArray *items)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) children = wp_store_list_children (store, plan_id, parent_id, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < children->len; i++)
    {
      WpItem *child = g_ptr_array_index (children, i);

      g_ptr_array_add (items, g_object_ref (child));
      collect_items (store, plan_id, wp_item_get_id (child), items);
    }
}

static int
compare_ids (gconstpointer a,
             gconstpointer b)
{
  gint64 x = wp_item_get_id (*(WpItem **) a), y = wp_item_get_id (*(WpItem **) b);

  return (x > y) - (x < y);
}

/* The uuids a bulk write gives are version 4 uuids, all different, from
 * those of another write of the same plan too, and (for the uuid index)
 * each above the one before */
static void
test_uuids_valid_and_distinct (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *json = wp_json_export_plan (f->store, f->plan_id, &error);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  guint n_items = 0;

  g_assert_no_error (error);
  for (int year = 2030; year < 2032; year++)
    {
      g_autoptr(WpPlan) plan = wp_json_import (f->store, json, -1, year, FALSE, &error);
      g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
      g_autofree char *last = g_strdup ("");

      g_assert_no_error (error);
      collect_items (f->store, wp_plan_get_id (plan), 0, items);
      g_ptr_array_sort (items, compare_ids);
      g_assert_cmpuint (items->len, >, 64);  /* (more than one batch) */
      for (guint i = 0; i < items->len; i++)
        {
          const char *uuid = wp_item_get_uuid (g_ptr_array_index (items, i));

          g_assert_true (g_uuid_string_is_valid (uuid));
          g_assert_cmpint (uuid[14], ==, '4');
          g_assert_nonnull (strchr ("89ab", uuid[19]));
          g_assert_cmpstr (uuid, >, last);
          g_assert_true (g_hash_table_add (seen, g_strdup (uuid)));
          g_free (last);
          last = g_strdup (uuid);
          n_items++;
        }
    }
  g_assert_cmpuint (g_hash_table_size (seen), ==, n_items);
}

/* A bulk write begun in the caller's transaction fails with rows still
 * waiting to be written: the caller rolls back and the file is as it was,
 * search index triggers included. */
static void
test_failed_bulk_write_in_transaction (Fixture       *f,
                                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = wp_json_export_plan (f->store, f->plan_id, &error);
  g_autofree char *after = NULL;
  g_autofree char *found = NULL;
  g_autoptr(WpItem) made = NULL;
  g_autoptr(GPtrArray) agencies = NULL;
  const char *lead[] = { "新来的单位壬癸", NULL };
  WpBulkItem row = { .kind = WP_ITEM_KIND_AREA, .title = "不该留下壬癸", .progress = -1,
                     .lead = lead };
  WpStoreBulk *bulk;
  gint64 parent;

  g_assert_no_error (error);
  g_assert_true (wp_store_begin (f->store, &error));
  bulk = wp_store_bulk_begin (f->store, NULL, &error);
  g_assert_no_error (error);
  parent = wp_store_bulk_add_item (bulk, f->plan_id, 0, 3, &row, &error);
  g_assert_cmpint (parent, >, 0);
  row.kind = WP_ITEM_KIND_TASK;
  for (int i = 0; i < 100; i++)
    g_assert_cmpint (wp_store_bulk_add_item (bulk, f->plan_id, parent, i, &row, &error), >, 0);
  row.progress = 101;
  g_assert_cmpint (wp_store_bulk_add_item (bulk, f->plan_id, parent, 100, &row, &error), ==, 0);
  g_assert_error (error, WP_STORE_ERROR, WP_STORE_ERROR_INVALID);
  g_clear_error (&error);
  wp_store_bulk_free (bulk);
  wp_store_rollback (f->store);

  after = wp_json_export_plan (f->store, f->plan_id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (after, ==, before);
  found = search_titles (f->store, f->plan_id, "壬癸");
  g_assert_cmpstr (found, ==, "");
  g_clear_pointer (&found, g_free);
  agencies = wp_store_list_agencies (f->store, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < agencies->len; i++)
    g_assert_cmpstr (wp_agency_get_name (g_ptr_array_index (agencies, i)), !=, "新来的单位壬癸");

  made = wp_store_create_item (f->store, f->plan_id, 0, -1, WP_ITEM_KIND_AREA, "之后新建壬癸",
                               &error);
  g_assert_no_error (error);
  found = search_titles (f->store, f->plan_id, "壬癸");
  g_assert_cmpstr (found, ==, "之后新建壬癸|");
}

/* Rows in the change log of the file @store writes, read on a second
 * connection (what another process would see) */
static gint64
count_logged (WpStore *store)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 n;

  g_assert_cmpint (sqlite3_open_v2 (wp_store_get_path (store), &db, SQLITE_OPEN_READONLY, NULL),
                   ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT count(*) FROM change_log", -1, &stmt, NULL),
                   ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return n;
}

/* Renames @item_id and checks that the rename left one row in the log. */
static void
assert_rename_logged (WpStore    *store,
                      gint64      item_id,
                      const char *title)
{
  g_autoptr(GError) error = NULL;
  gint64 before = count_logged (store);

  g_assert_true (wp_store_set_item_string (store, item_id, "title", title, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count_logged (store), ==, before + 1);
}

/* A plan write takes the change log's triggers off for its bulk write
 * (wp_change_log_remove()): they are back after it, committed, cancelled
 * or failed, and the edits after it are logged (undo and other processes
 * read them there). */
static void
test_change_log_after_bulk_write (Fixture       *f,
                                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autofree char *json = wp_json_export_plan (f->store, f->plan_id, &error);
  g_autoptr(WpPlan) copy = NULL;
  g_autoptr(GPtrArray) top = NULL;
  WpBulkItem row = { .kind = WP_ITEM_KIND_AREA, .title = "不该留下壬癸", .progress = -1 };
  WpStoreBulk *bulk;
  gint64 logged;

  g_assert_no_error (error);
  logged = count_logged (f->store);
  copy = wp_json_import (f->store, json, -1, 2026, FALSE, &error);
  g_assert_no_error (error);
  /* the import: one row for the plan, none per item */
  g_assert_cmpint (count_logged (f->store), <, logged + 5);
  top = wp_store_list_children (f->store, wp_plan_get_id (copy), 0, &error);
  g_assert_no_error (error);
  assert_rename_logged (f->store, wp_item_get_id (g_ptr_array_index (top, 0)), "导入后改名");

  /* cancelled */
  g_assert_true (wp_store_begin_plan_write (f->store, &error));
  bulk = wp_store_bulk_begin (f->store, cancellable, &error);
  g_assert_no_error (error);
  g_assert_cmpint (wp_store_bulk_add_item (bulk, f->plan_id, 0, 3, &row, &error), >, 0);
  g_cancellable_cancel (cancellable);
  g_assert_false (wp_store_bulk_commit (bulk, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  wp_store_bulk_free (bulk);
  wp_store_rollback_plan_write (f->store);
  assert_rename_logged (f->store, wp_item_get_id (g_ptr_array_index (top, 0)), "取消后改名");

  /* failed */
  g_assert_true (wp_store_begin_plan_write (f->store, &error));
  bulk = wp_store_bulk_begin (f->store, NULL, &error);
  g_assert_no_error (error);
  row.progress = 101;
  g_assert_cmpint (wp_store_bulk_add_item (bulk, f->plan_id, 0, 3, &row, &error), ==, 0);
  g_assert_error (error, WP_STORE_ERROR, WP_STORE_ERROR_INVALID);
  g_clear_error (&error);
  wp_store_bulk_free (bulk);
  wp_store_rollback_plan_write (f->store);
  assert_rename_logged (f->store, wp_item_get_id (g_ptr_array_index (top, 0)), "失败后改名");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/bulk/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("same-plan-as-item-by-item", test_same_plan_as_item_by_item);
  ADD ("export-same-bytes-as-before", test_export_same_bytes_as_before);
  ADD ("search-follows-edits-after-import", test_search_follows_edits_after_import);
  ADD ("positions-after-import-and-appends", test_positions_after_import_and_appends);
  ADD ("cancelled-bulk-write-changes-nothing", test_cancelled_bulk_write_changes_nothing);
  ADD ("failed-bulk-write-in-transaction", test_failed_bulk_write_in_transaction);
  ADD ("change-log-after-bulk-write", test_change_log_after_bulk_write);
  ADD ("uuids-valid-and-distinct", test_uuids_valid_and_distinct);
#undef ADD
  g_test_add_func ("/bulk/batched-rows-same-plan", test_batched_rows_same_plan);

  return g_test_run ();
}
