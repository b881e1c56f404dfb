/* test-aliases.c: agency aliases (别名), schema 12 (issue 19)
 *
 * One agency written several ways: the directory keeps its aliases, a
 * name typed or imported in an alias's form is the agency, a search for
 * an alias finds the agency's items, a merge keeps the name that went as
 * an alias, and adding, removing and merging undo. A file of schema 11
 * migrates, with a backup.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <sqlite3.h>

#include "wp-test-util.h"
#include "wp-char-tokenizer.h"
#include "wp-migrations.h"
#include "wp-json-io.h"
#include "wp-report-import.h"
#include "wp-undo.h"

typedef struct {
  char        *dir;
  WpStore     *store;
  WpUndoStack *undo;
  gint64       plan_id;
  gint64       ndrc;    /* 市发展改革委 */
  gint64       court;   /* 市中级人民法院 */
  gint64       item_id; /* led by 市发展改革委 */
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autoptr(WpPlan) plan = NULL;
  g_autoptr(WpItem) area = NULL, task = NULL, other = NULL;
  g_autoptr(WpAgency) ndrc = NULL, court = NULL;
  const char *lead[] = { "市发展改革委", NULL };
  const char *court_lead[] = { "市中级人民法院", NULL };

  f->dir = wp_test_dir_new ();
  path = g_build_filename (f->dir, "plan.db", NULL);
  f->store = wp_store_open (path, WP_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  f->undo = wp_undo_stack_new (f->store);
  plan = wp_store_create_plan (f->store, 2025, "2025年重点工作", "", &error);
  g_assert_no_error (error);
  f->plan_id = wp_plan_get_id (plan);
  area = wp_store_create_item (f->store, f->plan_id, 0, 0, WP_ITEM_KIND_AREA, "经济发展",
                               &error);
  g_assert_no_error (error);
  task = wp_store_create_item (f->store, f->plan_id, wp_item_get_id (area), 0,
                               WP_ITEM_KIND_TASK, "推进重大项目建设", &error);
  g_assert_no_error (error);
  other = wp_store_create_item (f->store, f->plan_id, wp_item_get_id (area), 1,
                                WP_ITEM_KIND_TASK, "审理涉企案件", &error);
  g_assert_no_error (error);
  f->item_id = wp_item_get_id (task);
  g_assert_true (wp_store_set_item_agencies (f->store, f->item_id, WP_AGENCY_ROLE_LEAD, lead,
                                             &error));
  g_assert_no_error (error);
  g_assert_true (wp_store_set_item_agencies (f->store, wp_item_get_id (other),
                                             WP_AGENCY_ROLE_LEAD, court_lead, &error));
  g_assert_no_error (error);
  ndrc = wp_store_ensure_agency (f->store, "市发展改革委", &error);
  court = wp_store_ensure_agency (f->store, "市中级人民法院", &error);
  g_assert_no_error (error);
  f->ndrc = wp_agency_get_id (ndrc);
  f->court = wp_agency_get_id (court);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->undo);
  g_assert_finalize_object (f->store);
  wp_test_dir_free (f->dir);
}

static char *
aliases_text (WpStore *store,
              gint64   agency_id)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) aliases = wp_store_list_agency_aliases (store, agency_id, &error);

  g_assert_no_error (error);
  return g_strjoinv ("|", aliases);
}

static void
test_add_list_remove (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) directory = NULL;
  g_autofree char *text = NULL;

  g_assert_true (wp_store_add_agency_alias (f->store, f->ndrc, " 发改委 ", &error));
  g_assert_no_error (error);
  g_assert_true (wp_store_add_agency_alias (f->store, f->ndrc, "市发展和改革委员会", &error));
  g_assert_no_error (error);
  /* (twice changes nothing) */
  g_assert_true (wp_store_add_agency_alias (f->store, f->ndrc, "发改委", &error));
  g_assert_no_error (error);
  text = aliases_text (f->store, f->ndrc);
  g_assert_cmpstr (text, ==, "发改委|市发展和改革委员会");

  /* One written form names one agency */
  g_assert_false (wp_store_add_agency_alias (f->store, f->court, "发改委", &error));
  g_assert_error (error, WP_STORE_ERROR, WP_STORE_ERROR_EXISTS);
  g_clear_error (&error);
  g_assert_false (wp_store_add_agency_alias (f->store, f->court, "市发展改革委", &error));
  g_assert_error (error, WP_STORE_ERROR, WP_STORE_ERROR_EXISTS);
  g_clear_error (&error);
  g_assert_false (wp_store_add_agency_alias (f->store, f->court, "市中级人民法院", &error));
  g_assert_error (error, WP_STORE_ERROR, WP_STORE_ERROR_EXISTS);
  g_clear_error (&error);
  g_assert_false (wp_store_add_agency_alias (f->store, f->court, "  ", &error));
  g_assert_error (error, WP_STORE_ERROR, WP_STORE_ERROR_INVALID);
  g_clear_error (&error);

  directory = wp_store_get_alias_directory (f->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_hash_table_size (directory), ==, 2);
  g_assert_cmpstr (g_hash_table_lookup (directory, "发改委"), ==, "市发展改革委");

  g_assert_true (wp_store_remove_agency_alias (f->store, f->ndrc, "发改委", &error));
  g_assert_no_error (error);
  g_clear_pointer (&text, g_free);
  text = aliases_text (f->store, f->ndrc);
  g_assert_cmpstr (text, ==, "市发展和改革委员会");
}

/* A name typed or imported in an alias's form is the agency */
static void
test_alias_is_the_agency (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WpAgency) agency = NULL;
  g_autoptr(GPtrArray) agencies = NULL;

  g_assert_true (wp_store_add_agency_alias (f->store, f->ndrc, "发改委", &error));
  agency = wp_store_ensure_agency (f->store, "发改委", &error);
  g_assert_no_error (error);
  g_assert_cmpint (wp_agency_get_id (agency), ==, f->ndrc);
  agencies = wp_store_list_agencies (f->store, &error);
  g_assert_cmpuint (agencies->len, ==, 2);
}

static char *
search_text (WpStore    *store,
             gint64      plan_id,
             const char *query)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) hits = wp_store_search (store, plan_id, query, &error);
  g_autoptr(GString) text = g_string_new (NULL);

  g_assert_no_error (error);
  for (guint i = 0; i < hits->len; i++)
    {
      g_autoptr(WpItem) item = wp_store_get_item (store, g_array_index (hits, gint64, i), NULL);

      g_string_append_printf (text, "%s%s", i > 0 ? "|" : "", wp_item_get_title (item));
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
test_search_by_alias (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = search_text (f->store, f->plan_id, "发改委");
  g_autofree char *after = NULL, *by_name = NULL, *by_part = NULL, *removed = NULL;

  g_assert_cmpstr (before, ==, "");
  g_assert_true (wp_store_add_agency_alias (f->store, f->ndrc, "发改委", &error));
  g_assert_no_error (error);
  after = search_text (f->store, f->plan_id, " 发改委");
  g_assert_cmpstr (after, ==, "推进重大项目建设");
  /* (the agency's own name finds them too; a piece of a word still finds
   * only words) */
  by_name = search_text (f->store, f->plan_id, "市中级人民法院");
  g_assert_cmpstr (by_name, ==, "审理涉企案件");
  by_part = search_text (f->store, f->plan_id, "改委");
  g_assert_cmpstr (by_part, ==, "");
  g_assert_true (wp_store_remove_agency_alias (f->store, f->ndrc, "发改委", &error));
  removed = search_text (f->store, f->plan_id, "发改委");
  g_assert_cmpstr (removed, ==, "");
}

static void
test_undo_redo (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *added = NULL, *undone = NULL, *redone = NULL, *removed = NULL;
  g_autofree char *back = NULL;

  g_assert_true (wp_edit_set_agency_alias (f->undo, f->ndrc, "发改委", TRUE, &error));
  g_assert_no_error (error);
  added = aliases_text (f->store, f->ndrc);
  g_assert_cmpstr (added, ==, "发改委");
  g_assert_true (wp_undo_stack_undo (f->undo, &error));
  g_assert_no_error (error);
  undone = aliases_text (f->store, f->ndrc);
  g_assert_cmpstr (undone, ==, "");
  g_assert_true (wp_undo_stack_redo (f->undo, &error));
  g_assert_no_error (error);
  redone = aliases_text (f->store, f->ndrc);
  g_assert_cmpstr (redone, ==, "发改委");
  g_assert_true (wp_edit_set_agency_alias (f->undo, f->ndrc, "发改委", FALSE, &error));
  removed = aliases_text (f->store, f->ndrc);
  g_assert_cmpstr (removed, ==, "");
  g_assert_true (wp_undo_stack_undo (f->undo, &error));
  g_assert_no_error (error);
  back = aliases_text (f->store, f->ndrc);
  g_assert_cmpstr (back, ==, "发改委");
}

/* Merging keeps both names: the one that went is an alias of the one
 * that stays, with the aliases it had; undo brings it back whole */
static void
test_merge_keeps_names (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WpAgency) short_form = wp_store_ensure_agency (f->store, "发展改革委", &error);
  gint64 short_id = wp_agency_get_id (short_form);
  g_autofree char *merged = NULL, *undone = NULL, *undone_short = NULL, *hits = NULL;
  g_autoptr(WpAgency) gone = NULL;

  g_assert_true (wp_store_add_agency_alias (f->store, short_id, "发改委", &error));
  g_assert_true (wp_store_add_agency_alias (f->store, f->ndrc, "市发展和改革委员会", &error));
  g_assert_no_error (error);
  g_assert_true (wp_edit_merge_agencies (f->undo, short_id, f->ndrc, &error));
  g_assert_no_error (error);
  merged = aliases_text (f->store, f->ndrc);
  g_assert_cmpstr (merged, ==, "发改委|市发展和改革委员会|发展改革委");
  hits = search_text (f->store, f->plan_id, "发展改革委");
  g_assert_cmpstr (hits, ==, "推进重大项目建设");

  g_assert_true (wp_undo_stack_undo (f->undo, &error));
  g_assert_no_error (error);
  undone = aliases_text (f->store, f->ndrc);
  g_assert_cmpstr (undone, ==, "市发展和改革委员会");
  gone = wp_store_get_agency (f->store, short_id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (wp_agency_get_name (gone), ==, "发展改革委");
  undone_short = aliases_text (f->store, short_id);
  g_assert_cmpstr (undone_short, ==, "发改委");
}

static gint64
query_int (const char *path,
           const char *sql)
{
  sqlite3 *db;
  sqlite3_stmt *stmt;
  gint64 value = -1;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return value;
}

/* A file of schema 11 gets the alias table, keeps its agencies and is
 * backed up first */
static void
test_migration_11_to_12 (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = wp_test_dir_new ();
  g_autofree char *path = g_build_filename (dir, "old.db", NULL);
  g_autoptr(GString) sql = g_string_new ("PRAGMA application_id = 1464880206;");
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (_wp_char_tokenizer_register (db), ==, SQLITE_OK);
  for (gint64 v = 0; v < 11; v++)
    g_string_append (sql, _wp_migration_sql (v));
  g_string_append (sql, "INSERT INTO agency (id, name) VALUES (1, '市发展改革委');"
                        "PRAGMA user_version = 11;");
  g_assert_cmpint (sqlite3_exec (db, sql->str, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  {
    g_autoptr(WpStore) store = wp_store_open (path, WP_STORE_OPEN_DEFAULT, &error);
    g_autoptr(WpBackup) backup = NULL;
    g_autofree char *text = NULL;

    g_assert_no_error (error);
    backup = wp_backup_find_latest_good (path, &error);
    g_assert_no_error (error);
    g_assert_nonnull (backup);
    g_assert_true (wp_store_add_agency_alias (store, 1, "发改委", &error));
    g_assert_no_error (error);
    text = aliases_text (store, 1);
    g_assert_cmpstr (text, ==, "发改委");
  }
  g_assert_cmpint (query_int (path, "PRAGMA user_version"), ==, 12);
  g_assert_cmpint (query_int (path, "SELECT count(*) FROM agency_alias"), ==, 1);
  wp_test_dir_free (dir);
}

/* Export names the aliases of the plan's agencies; import brings them
 * back; a file of before (no "aliases") still imports */
static void
test_json_carries_aliases (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *plain = NULL, *json = NULL, *other_path = NULL, *text = NULL;
  g_autoptr(WpStore) other = NULL;
  g_autoptr(WpPlan) plan = NULL, old_plan = NULL;
  g_autoptr(WpAgency) agency = NULL;

  plain = wp_json_export_plan (f->store, f->plan_id, &error);
  g_assert_no_error (error);
  g_assert_null (strstr (plain, "\"aliases\""));
  g_assert_true (wp_store_add_agency_alias (f->store, f->ndrc, "发改委", &error));
  g_assert_true (wp_store_add_agency_alias (f->store, f->ndrc, "市发展和改革委员会", &error));
  g_assert_no_error (error);
  json = wp_json_export_plan (f->store, f->plan_id, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (json, "\"aliases\" : {"));

  other_path = g_build_filename (f->dir, "other.db", NULL);
  other = wp_store_open (other_path, WP_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  plan = wp_json_import (other, json, -1, 0, FALSE, &error);
  g_assert_no_error (error);
  agency = wp_store_ensure_agency (other, "市发展改革委", &error);
  text = aliases_text (other, wp_agency_get_id (agency));
  g_assert_cmpstr (text, ==, "发改委|市发展和改革委员会");
  /* the file of before */
  old_plan = wp_json_import (other, plain, -1, 2026, FALSE, &error);
  g_assert_no_error (error);
  g_assert_nonnull (old_plan);
}

/* The export names the aliases of the agencies the plan's items name, as a
 * co-agency too, in the directory's order, and no others' */
static void
test_json_aliases_of_named_only (Fixture       *f,
                                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WpAgency) unnamed = NULL, co = NULL;
  g_autofree char *json = NULL;
  const char *co_names[] = { "市财政局", NULL };
  const char *ndrc_at, *co_at;

  unnamed = wp_store_ensure_agency (f->store, "市无关局", &error);
  g_assert_no_error (error);
  co = wp_store_ensure_agency (f->store, "市财政局", &error);
  g_assert_no_error (error);
  g_assert_true (wp_store_set_item_agencies (f->store, f->item_id, WP_AGENCY_ROLE_CO, co_names,
                                             &error));
  g_assert_true (wp_store_add_agency_alias (f->store, wp_agency_get_id (unnamed), "无关局",
                                            &error));
  g_assert_true (wp_store_add_agency_alias (f->store, wp_agency_get_id (co), "财政局", &error));
  g_assert_true (wp_store_add_agency_alias (f->store, f->ndrc, "发改委", &error));
  g_assert_no_error (error);

  json = wp_json_export_plan (f->store, f->plan_id, &error);
  g_assert_no_error (error);
  g_assert_null (strstr (json, "无关局"));
  ndrc_at = strstr (json, "\"市发展改革委\" : [\n      \"发改委\"\n    ]");
  co_at = strstr (json, "\"市财政局\" : [\n      \"财政局\"\n    ]");
  g_assert_nonnull (ndrc_at);
  g_assert_nonnull (co_at);
  g_assert_true (ndrc_at > strstr (json, "\"aliases\" : {"));
  g_assert_true (ndrc_at < co_at);  /* (made first) */
}

/* The importer reads an alias as its agency: not a new one */
static void
test_report_import_uses_aliases (void)
{
  const char *text = "2025年全市发展改革工作要点\n\n一、扎实推进重大项目建设\n"
                     "（一）加快推进重点项目前期工作。全面梳理重点项目清单，加快办理用地、"
                     "规划等手续，确保项目按期开工建设。（牵头单位：重点办）\n"
                     "二、持续优化营商环境\n"
                     "（一）深化审批制度改革。精简审批环节，压缩办理时限，由市中级法院牵头，"
                     "上半年完成。\n";
  g_autoptr(WpReportSource) source = wp_report_source_new_for_text (text, strlen (text), NULL);
  const char *directory[] = { "市重点项目推进中心", "市中级人民法院", NULL };
  g_autoptr(GHashTable) aliases = g_hash_table_new (g_str_hash, g_str_equal);
  WpReportOptions options = { .year = 2025, .directory = directory };
  g_autoptr(WpReportDraft) without = NULL, with = NULL;
  WpReportItem *area, *task;

  without = wp_report_import (source, &options);
  area = g_ptr_array_index (without->items, 0);
  task = g_ptr_array_index (area->children, 0);
  g_assert_false (task->lead->len == 1
                  && g_str_equal (g_ptr_array_index (task->lead, 0), "市重点项目推进中心"));

  g_hash_table_insert (aliases, "重点办", "市重点项目推进中心");
  g_hash_table_insert (aliases, "市中级法院", "市中级人民法院");
  options.aliases = aliases;
  with = wp_report_import (source, &options);
  g_assert_cmpuint (with->items->len, ==, 2);
  area = g_ptr_array_index (with->items, 0);
  task = g_ptr_array_index (area->children, 0);
  g_assert_cmpuint (task->lead->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (task->lead, 0), ==, "市重点项目推进中心");
  area = g_ptr_array_index (with->items, 1);
  task = g_ptr_array_index (area->children, 0);
  g_assert_cmpuint (task->lead->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (task->lead, 0), ==, "市中级人民法院");
  g_assert_cmpuint (with->new_agencies->len, ==, 0);
}

/* A report added to a plan that exists, under an area: one undo step */
static void
test_report_into_area (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  const char *text = "2025年全市发展改革工作要点\n\n一、扎实推进重大项目建设\n"
                     "（一）加快推进重点项目前期工作。由市发展改革委牵头，年底前完成。\n"
                     "（二）强化项目要素保障。\n二、持续优化营商环境\n"
                     "（一）深化审批制度改革。\n";
  g_autoptr(WpReportSource) source = wp_report_source_new_for_text (text, strlen (text), NULL);
  WpReportOptions options = { .year = 2025 };
  g_autoptr(WpReportDraft) draft = wp_report_import (source, &options);
  g_autoptr(GPtrArray) areas = wp_store_list_children (f->store, f->plan_id, 0, &error);
  gint64 area_id = wp_item_get_id (g_ptr_array_index (areas, 0));
  g_autoptr(GPtrArray) under = NULL;
  g_autoptr(GPtrArray) top = NULL;
  WpItem *first;

  g_assert_cmpuint (draft->items->len, ==, 2);
  g_assert_true (wp_edit_add_report_items (f->undo, f->plan_id, area_id, draft->items,
                                           "Import", &error));
  g_assert_no_error (error);
  under = wp_store_list_children (f->store, f->plan_id, area_id, &error);
  /* (two tasks there before, then the report's two areas as key tasks) */
  g_assert_cmpuint (under->len, ==, 4);
  first = g_ptr_array_index (under, 2);
  g_assert_cmpstr (wp_item_get_title (first), ==, "扎实推进重大项目建设");
  g_assert_cmpint (wp_item_get_kind (first), ==, WP_ITEM_KIND_TASK);
  g_assert_cmpuint (wp_store_count_descendants (f->store, wp_item_get_id (first)), ==, 2);
  g_assert_cmpuint (wp_store_count_items (f->store, f->plan_id, NULL), ==, 3 + 5);

  g_assert_true (wp_undo_stack_undo (f->undo, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (wp_store_count_items (f->store, f->plan_id, NULL), ==, 3);
  g_assert_true (wp_undo_stack_redo (f->undo, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (wp_store_count_items (f->store, f->plan_id, NULL), ==, 3 + 5);

  /* as new areas, after the plan's last */
  g_assert_true (wp_edit_add_report_items (f->undo, f->plan_id, 0, draft->items, "Import",
                                           &error));
  g_assert_no_error (error);
  top = wp_store_list_children (f->store, f->plan_id, 0, &error);
  g_assert_cmpuint (top->len, ==, 3);
  g_assert_cmpint (wp_item_get_kind (g_ptr_array_index (top, 1)), ==, WP_ITEM_KIND_AREA);
  g_assert_cmpstr (wp_item_get_title (g_ptr_array_index (top, 2)), ==, "持续优化营商环境");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD_F(name, func) \
  g_test_add ("/aliases/" name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD_F ("add-list-remove", test_add_list_remove);
  ADD_F ("alias-is-the-agency", test_alias_is_the_agency);
  ADD_F ("search-by-alias", test_search_by_alias);
  ADD_F ("undo-redo", test_undo_redo);
  ADD_F ("merge-keeps-names", test_merge_keeps_names);
  ADD_F ("json-carries-aliases", test_json_carries_aliases);
  ADD_F ("json-aliases-of-named-only", test_json_aliases_of_named_only);
  ADD_F ("report-into-area", test_report_into_area);
  g_test_add_func ("/aliases/migration-11-to-12", test_migration_11_to_12);
  g_test_add_func ("/aliases/report-import-uses-aliases", test_report_import_uses_aliases);
  return g_test_run ();
}
