/* test-changes.c: the change log under the store — what edits leave in it,
 * another process's edits shown in place, undo by reversing the rows
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "wp-test-util.h"
#include "wp-change.h"

typedef struct {
  char    *dir;
  char    *path;
  WpStore *store;
  WpPlan  *plan;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->dir = wp_test_dir_new ();
  f->path = g_build_filename (f->dir, "plan.db", NULL);
  f->store = wp_test_open_demo (f->dir, &f->plan);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_assert_finalize_object (f->plan);
  g_assert_finalize_object (f->store);
  g_free (f->path);
  wp_test_dir_free (f->dir);
}

static WpItem *
nth_top_item (WpStore *store,
              WpPlan  *plan,
              guint    n)
{
  g_autoptr(GPtrArray) items = wp_store_list_children (store, wp_plan_get_id (plan), 0, NULL);

  g_assert_cmpuint (items->len, >, n);
  return g_object_ref (g_ptr_array_index (items, n));
}

static void
set_title (WpStore    *store,
           gint64      item_id,
           const char *title)
{
  g_autoptr(GError) error = NULL;
  g_auto(GValue) value = G_VALUE_INIT;

  g_value_init (&value, G_TYPE_STRING);
  g_value_set_string (&value, title);
  g_assert_true (wp_store_set_item_property (store, item_id, "title", &value, &error));
  g_assert_no_error (error);
}

/* An edit leaves one row: the record, the operation, before and after. */
static void
test_edit_is_logged (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(WpItem) item = nth_top_item (f->store, f->plan, 0);
  g_autoptr(GPtrArray) changes = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *old_title = g_strdup (wp_item_get_title (item));
  gint64 mark = wp_store_get_change_mark (f->store);
  WpChange *change;

  set_title (f->store, wp_item_get_id (item), "改过的标题");
  changes = wp_store_read_changes (f->store, mark, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (changes->len, ==, 1);
  change = g_ptr_array_index (changes, 0);
  g_assert_cmpint (change->record, ==, WP_RECORD_ITEM);
  g_assert_cmpint (change->op, ==, WP_CHANGE_UPDATE);
  g_assert_cmpint (change->record_id, ==, wp_item_get_id (item));
  g_assert_nonnull (strstr (change->before, old_title));
  g_assert_nonnull (strstr (change->after, "改过的标题"));
  g_assert_cmpint (change->parent_before, ==, 0);
  g_assert_true (change->shown_before && change->shown_after);

  /* Writing what is there is no change */
  mark = wp_store_get_change_mark (f->store);
  set_title (f->store, wp_item_get_id (item), "改过的标题");
  g_clear_pointer (&changes, g_ptr_array_unref);
  changes = wp_store_read_changes (f->store, mark, &error);
  g_assert_cmpuint (changes->len, ==, 0);
}

/* Importing a whole plan logs one row for it, not one per item. */
static void
test_bulk_import (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *sample = wp_test_sample_path ("xiamen-2025.json");
  g_autofree char *json = NULL;
  g_autoptr(WpPlan) copy = NULL;
  g_autoptr(GPtrArray) changes = NULL;
  gint64 mark = wp_store_get_change_mark (f->store);

  g_assert_true (g_file_get_contents (sample, &json, NULL, NULL));
  copy = wp_json_import (f->store, json, -1, 2026, FALSE, &error);
  g_assert_no_error (error);
  changes = wp_store_read_changes (f->store, mark, &error);
  g_assert_cmpuint (changes->len, ==, 1);
  g_assert_cmpint (((WpChange *) g_ptr_array_index (changes, 0))->op, ==, WP_CHANGE_BULK);
  g_assert_cmpint (((WpChange *) g_ptr_array_index (changes, 0))->record_id, ==,
                   wp_plan_get_id (copy));
}

typedef struct {
  guint position, removed, added;
  guint n_items_changed;
  guint n_plans_changed;
} Seen;

static void
on_items_changed (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  Seen       *seen)
{
  seen->position = position;
  seen->removed = removed;
  seen->added = added;
  seen->n_items_changed++;
}

static void
on_plans_changed (WpStore *store,
                  Seen    *seen)
{
  seen->n_plans_changed++;
}

/* What a second connection (another process: the command line, a second
 * window) commits is shown where it happened: the item shown is read
 * again, and the list reports just the row that came, so a view keeps its
 * other rows, and with them what is selected and expanded. */
static void
test_outside_edits_in_place (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WpItemList) list = wp_item_list_new (f->store, wp_plan_get_id (f->plan), 0);
  g_autoptr(WpItem) first = NULL;
  g_autoptr(WpItem) shown = NULL;
  guint n_before = g_list_model_get_n_items (G_LIST_MODEL (list));
  Seen seen = { 0 };

  shown = g_list_model_get_item (G_LIST_MODEL (list), 1);
  first = g_list_model_get_item (G_LIST_MODEL (list), 0);
  g_signal_connect (list, "items-changed", G_CALLBACK (on_items_changed), &seen);
  g_signal_connect (f->store, "plans-changed", G_CALLBACK (on_plans_changed), &seen);
  g_assert_false (wp_store_check_outside_changes (f->store));

  {
    g_autoptr(WpStore) other = wp_store_open (f->path, WP_STORE_OPEN_DEFAULT, &error);
    g_autoptr(WpItem) added = NULL;

    g_assert_no_error (error);
    set_title (other, wp_item_get_id (shown), "另一个进程改的");
    added = wp_store_create_item (other, wp_plan_get_id (f->plan), 0, (int) n_before,
                                  WP_ITEM_KIND_AREA, "另一个进程加的", &error);
    g_assert_no_error (error);
  }

  g_assert_true (wp_store_check_outside_changes (f->store));
  g_assert_cmpstr (wp_item_get_title (shown), ==, "另一个进程改的");
  g_assert_cmpuint (seen.n_plans_changed, ==, 0);
  g_assert_cmpuint (seen.n_items_changed, ==, 1);
  g_assert_cmpuint (seen.position, ==, n_before);
  g_assert_cmpuint (seen.removed, ==, 0);
  g_assert_cmpuint (seen.added, ==, 1);
  /* the rows that were there are the same objects */
  {
    g_autoptr(WpItem) again = g_list_model_get_item (G_LIST_MODEL (list), 0);

    g_assert_true (again == first);
  }
  g_assert_false (wp_store_check_outside_changes (f->store));

  /* The store's own edit after another's: the other's is shown once */
  {
    g_autoptr(WpStore) other = wp_store_open (f->path, WP_STORE_OPEN_DEFAULT, &error);

    g_assert_no_error (error);
    set_title (other, wp_item_get_id (first), "又改了");
  }
  set_title (f->store, wp_item_get_id (shown), "自己改的");
  g_assert_cmpstr (wp_item_get_title (first), ==, "又改了");
  g_assert_false (wp_store_check_outside_changes (f->store));
  g_assert_cmpuint (seen.n_plans_changed, ==, 0);

  g_signal_handlers_disconnect_by_data (f->store, &seen);
}

/* A program that keeps no log (the sqlite3 shell) leaves no rows: then
 * everything is read again. */
static void
test_foreign_write_reads_all (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(WpItem) item = nth_top_item (f->store, f->plan, 0);
  g_autofree char *sql = NULL;
  Seen seen = { 0 };
  sqlite3 *db = NULL;

  g_signal_connect (f->store, "plans-changed", G_CALLBACK (on_plans_changed), &seen);
  /* (status: the search index's tokenizer is not the shell's to run) */
  g_assert_cmpint (sqlite3_open (f->path, &db), ==, SQLITE_OK);
  sql = g_strdup_printf ("UPDATE item_all SET status = 'suspended' WHERE id = %" G_GINT64_FORMAT,
                         wp_item_get_id (item));
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  g_assert_true (wp_store_check_outside_changes (f->store));
  g_assert_cmpuint (seen.n_plans_changed, ==, 1);
  g_assert_cmpint (wp_item_get_status (item), ==, WP_ITEM_STATUS_SUSPENDED);
  g_signal_handlers_disconnect_by_data (f->store, &seen);
}

/* Reversing the rows of edits of every kind gives the plan back byte for
 * byte; reversing the reverse gives the edits again. */
static void
test_reverse_and_again (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WpItem) area = nth_top_item (f->store, f->plan, 0);
  g_autoptr(GPtrArray) done = NULL;
  g_autoptr(GPtrArray) undone = NULL;
  g_autoptr(GPtrArray) redone = NULL;
  g_autofree char *before = wp_json_export_plan (f->store, wp_plan_get_id (f->plan), NULL);
  g_autofree char *edited = NULL;
  g_autofree char *after_undo = NULL;
  g_autofree char *after_redo = NULL;
  g_autoptr(GVariant) snapshot = NULL;
  const char *lead[] = { "市新单位", NULL };
  WpTarget target = { .label = "指标", .unit = "%", .target = 10, .has_target = TRUE };
  gint64 mark = wp_store_get_change_mark (f->store);
  GDate day;

  g_date_clear (&day, 1);
  g_date_set_dmy (&day, 1, 8, 2025);
  g_assert_true (wp_store_begin (f->store, &error));
  set_title (f->store, wp_item_get_id (area), "新标题");
  g_assert_cmpint (wp_store_add_note (f->store, wp_item_get_id (area), &day, "进展", 40, &error),
                   >, 0);
  g_assert_cmpint (wp_store_add_target (f->store, wp_item_get_id (area), &target, &error), >, 0);
  g_assert_true (wp_store_set_item_agencies (f->store, wp_item_get_id (area), WP_AGENCY_ROLE_LEAD,
                                             lead, &error));
  g_assert_true (wp_store_set_milestone (f->store, wp_item_get_id (area), 2, "完成一半", 50,
                                         &error));
  g_assert_true (wp_store_move_item (f->store, wp_item_get_id (area), 0, 2, &error));
  g_assert_no_error (error);
  g_assert_true (wp_store_commit (f->store, &error));
  edited = wp_json_export_plan (f->store, wp_plan_get_id (f->plan), NULL);
  g_assert_cmpstr (edited, !=, before);

  done = wp_store_read_changes (f->store, mark, &error);
  g_assert_no_error (error);
  undone = wp_store_reverse_changes (f->store, done, &error);
  g_assert_no_error (error);
  after_undo = wp_json_export_plan (f->store, wp_plan_get_id (f->plan), NULL);
  g_assert_cmpstr (after_undo, ==, before);
  g_assert_cmpstr (wp_item_get_title (area), !=, "新标题");

  redone = wp_store_reverse_changes (f->store, undone, &error);
  g_assert_no_error (error);
  after_redo = wp_json_export_plan (f->store, wp_plan_get_id (f->plan), NULL);
  g_assert_cmpstr (after_redo, ==, edited);
  g_assert_cmpstr (wp_item_get_title (area), ==, "新标题");
  g_assert_cmpuint (redone->len, ==, done->len);
}

/* A new kind of edit, written only as a store call and a label in
 * wp-undo.c's edits (no undo code), undoes and redoes. */
static void
test_new_edit_kind_undoes (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WpUndoStack) undo = wp_undo_stack_new (f->store);
  g_autoptr(WpItem) area = nth_top_item (f->store, f->plan, 1);
  g_autoptr(GPtrArray) milestones = NULL;
  gint64 id = wp_item_get_id (area);

  g_assert_true (wp_edit_set_milestone (undo, id, 1, "启动", 20, &error));
  g_assert_true (wp_edit_set_milestone (undo, id, 1, "全面启动", 25, &error));
  g_assert_no_error (error);
  g_assert_nonnull (strstr (wp_undo_stack_get_undo_label (undo), wp_item_get_title (area)));
  milestones = wp_store_list_milestones (f->store, id, &error);
  g_assert_cmpuint (milestones->len, ==, 1);
  g_assert_cmpstr (((WpMilestone *) g_ptr_array_index (milestones, 0))->text, ==, "全面启动");

  g_assert_true (wp_undo_stack_undo (undo, &error));
  g_clear_pointer (&milestones, g_ptr_array_unref);
  milestones = wp_store_list_milestones (f->store, id, &error);
  g_assert_cmpstr (((WpMilestone *) g_ptr_array_index (milestones, 0))->text, ==, "启动");
  g_assert_cmpint (((WpMilestone *) g_ptr_array_index (milestones, 0))->progress, ==, 20);

  g_assert_true (wp_undo_stack_undo (undo, &error));
  g_clear_pointer (&milestones, g_ptr_array_unref);
  milestones = wp_store_list_milestones (f->store, id, &error);
  g_assert_cmpuint (milestones->len, ==, 0);
  g_assert_false (wp_undo_stack_can_undo (undo));

  g_assert_true (wp_undo_stack_redo (undo, &error));
  g_assert_true (wp_undo_stack_redo (undo, &error));
  g_assert_no_error (error);
  g_clear_pointer (&milestones, g_ptr_array_unref);
  milestones = wp_store_list_milestones (f->store, id, &error);
  g_assert_cmpuint (milestones->len, ==, 1);
  g_assert_cmpstr (((WpMilestone *) g_ptr_array_index (milestones, 0))->text, ==, "全面启动");

  /* Bad input is refused and leaves nothing to undo */
  g_assert_false (wp_edit_set_milestone (undo, id, 5, "x", 10, &error));
  g_assert_error (error, WP_STORE_ERROR, WP_STORE_ERROR_INVALID);
  g_assert_true (wp_undo_stack_can_undo (undo));
  g_assert_finalize_object (g_steal_pointer (&undo));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/changes/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("edit-is-logged", test_edit_is_logged);
  ADD ("bulk-import", test_bulk_import);
  ADD ("outside-edits-in-place", test_outside_edits_in_place);
  ADD ("foreign-write-reads-all", test_foreign_write_reads_all);
  ADD ("reverse-and-again", test_reverse_and_again);
  ADD ("new-edit-kind-undoes", test_new_edit_kind_undoes);
#undef ADD

  return g_test_run ();
}
