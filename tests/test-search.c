/* test-search.c: search through the indexes of format 11 (issue 18)
 *
 * Format 11 keeps no text in the search index: titles and descriptions
 * are read from item_all, notes have an index of their own, and the
 * triggers tell the indexes the old words to take out. These tests make
 * a file of format 10 with format 10's own migrations and triggers, take
 * its search answers, migrate it and compare; then edit, delete, undo and
 * purge, comparing each time with the answers read from the texts
 * themselves, and check both indexes against the tables.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <sqlite3.h>
#include <string.h>

#include "wp-test-util.h"
#include "wp-char-tokenizer.h"
#include "wp-migrations.h"
#include "wp-json-io.h"

/* One and two Chinese characters, longer ones, Latin in any case, words of
 * notes and of descriptions, a query that matches nothing */
static const char *const queries[] = {
  "综", "治", "综治", "禁毒", "法", "中心", "规范化建设", "进展", "约谈", "年底",
  "abc", "ABC", "Ab", "x", "市", "无此内容", "第3项", "旧", "新",
  /* (words of tests/data/bulk-every-field.json) */
  "丙丁4", "阶段", "甲乙1", "引号", "措施1.2",
};

static sqlite3 *
open_raw (const char *path)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (_wp_char_tokenizer_register (db), ==, SQLITE_OK);
  return db;
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

static void
exec (sqlite3    *db,
      const char *sql)
{
  char *message = NULL;

  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
}

/* The ids of format 10's search (wp_store_search() of that version) */
static GArray *
search_format_10 (sqlite3    *db,
                  gint64      plan_id,
                  const char *query)
{
  g_autofree char *phrase = g_strdup_printf ("\"%s\"", query);
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT s.rowid FROM item_search s"
                                           " JOIN item_all i ON i.id = s.rowid"
                                           " WHERE item_search MATCH ?1 AND i.plan_id = ?2"
                                           " AND i.deleted_with = 0 ORDER BY s.rowid",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, phrase, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, plan_id);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (ids, id);
    }
  sqlite3_finalize (stmt);
  return ids;
}

static gboolean
text_has (const char *text,
          const char *query)
{
  g_autofree char *folded_text = g_utf8_strdown (text, -1);
  g_autofree char *folded_query = g_utf8_strdown (query, -1);

  return strstr (folded_text, folded_query) != NULL;
}

/* The ids the search should find, read from the texts themselves: live
 * items of the plan whose title, description or one of whose notes has
 * @query */
static GArray *
search_by_reading (const char *path,
                   gint64      plan_id,
                   const char *query)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT i.id, i.title, i.description, n.text"
                                           " FROM item_all i LEFT JOIN note n ON n.item_id = i.id"
                                           " WHERE i.plan_id = ?1 AND i.deleted_with = 0"
                                           " ORDER BY i.id", -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_int64 (stmt, 1, plan_id);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      gboolean found = FALSE;

      for (int c = 1; c <= 3; c++)
        if (sqlite3_column_text (stmt, c) != NULL
            && text_has ((const char *) sqlite3_column_text (stmt, c), query))
          found = TRUE;
      if (found && (ids->len == 0 || g_array_index (ids, gint64, ids->len - 1) != id))
        g_array_append_val (ids, id);
    }
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return ids;
}

static char *
ids_text (const GArray *ids)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < ids->len; i++)
    g_string_append_printf (text, "%s%" G_GINT64_FORMAT, i > 0 ? " " : "",
                            g_array_index (ids, gint64, i));
  return g_string_free (text, FALSE);
}

/* Each query finds in @store what reading the texts finds */
static void
assert_hits_as_read (WpStore    *store,
                     const char *path,
                     gint64      plan_id)
{
  for (guint q = 0; q < G_N_ELEMENTS (queries); q++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GArray) hits = wp_store_search (store, plan_id, queries[q], &error);
      g_autoptr(GArray) read = search_by_reading (path, plan_id, queries[q]);
      g_autofree char *got = NULL;
      g_autofree char *expected = NULL;

      g_assert_no_error (error);
      got = ids_text (hits);
      expected = ids_text (read);
      g_test_message ("“%s”: %s", queries[q], got);
      g_assert_cmpstr (got, ==, expected);
    }
}

/* FTS5's own check of an index against the table it reads its words
 * from: each row of the table is tokenized again and compared. */
static void
assert_indexes_sound (const char *path)
{
  sqlite3 *db = open_raw (path);

  exec (db, "INSERT INTO item_search (item_search, rank) VALUES ('integrity-check', 1);"
            "INSERT INTO note_search (note_search, rank) VALUES ('integrity-check', 1);");
  sqlite3_close (db);
  {
    g_autofree char *integrity = wp_test_integrity_check (path);
    g_assert_cmpstr (integrity, ==, "ok");
  }
}

/* A plan file of format 10, made by that format's migrations, written
 * through its triggers: titles and descriptions changed, notes added,
 * changed and removed, a deleted subtree not yet purged, another plan. */
static void
make_format_10_file (const char *path)
{
  sqlite3 *db = open_raw (path);
  GString *sql = g_string_new ("BEGIN;");

  exec (db, "PRAGMA application_id = 1464880206");
  for (gint64 v = 0; v < 10; v++)
    exec (db, _wp_migration_sql (v));
  g_string_append (sql, "INSERT INTO plan (id, year, title, created, modified) VALUES"
                        " (1, 2025, '2025年重点工作', 'c', 'm'),"
                        " (2, 2026, '2026年重点工作', 'c', 'm');");
  for (int i = 1; i <= 40; i++)
    {
      const char *subjects[] = { "综治中心规范化建设", "禁毒示范城市创建", "法治政府建设",
                                 "ABC Road 整治", "智慧警务", };
      g_autofree char *title = g_strdup_printf ("推进%s（第%d项）", subjects[i % 5], i);
      g_autofree char *description =
        i % 3 == 0 ? g_strdup_printf ("年底前完成%s", subjects[(i + 1) % 5]) : g_strdup ("");

      g_string_append_printf (sql, "INSERT INTO item_all (id, uuid, plan_id, parent_id, position,"
                                   " kind, title, description, created, modified) VALUES"
                                   " (%d, 'u%d', %d, %s, %d, '%s', '%s', '%s', 'c', 'm');",
                              i, i, i > 35 ? 2 : 1, i <= 5 || i > 35 ? "NULL" : "1", i,
                              i <= 5 || i > 35 ? "area" : "task", title, description);
    }
  /* Notes: several on one item, then one changed and one removed */
  g_string_append (sql, "INSERT INTO note (id, item_id, date, text, created) VALUES"
                        " (1, 7, '2025-03-01', '已约谈相关单位', 'c'),"
                        " (2, 7, '2025-04-01', '工作有进展', 'c'),"
                        " (3, 8, '2025-04-01', '旧的说法', 'c'),"
                        " (4, 9, '2025-05-01', 'abc 试点', 'c'),"
                        " (5, 38, '2025-05-01', '下一年的进展', 'c');"
                        "UPDATE note SET text = '新的说法' WHERE id = 3;"
                        "DELETE FROM note WHERE id = 1;"
                        "UPDATE item_all SET title = '旧标题改为新标题' WHERE id = 10;"
                        "UPDATE item_all SET description = '约谈一次' WHERE id = 11;"
                        /* deleted with item 12, not purged */
                        "UPDATE item_all SET deleted_with = 12 WHERE id IN (12, 13);"
                        "UPDATE item_all SET parent_id = 12 WHERE id = 13;"
                        "PRAGMA user_version = 10;"
                        "COMMIT;");
  exec (db, sql->str);
  g_string_free (sql, TRUE);
  sqlite3_close (db);
}

static void
test_migration_keeps_hits (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = wp_test_dir_new ();
  g_autofree char *path = g_build_filename (dir, "old.db", NULL);
  GPtrArray *before = g_ptr_array_new_with_free_func (g_free);
  sqlite3 *db;

  make_format_10_file (path);

  /* Format 10's answers, from its own index */
  db = open_raw (path);
  for (gint64 plan = 1; plan <= 2; plan++)
    for (guint q = 0; q < G_N_ELEMENTS (queries); q++)
      {
        g_autoptr(GArray) ids = search_format_10 (db, plan, queries[q]);

        g_ptr_array_add (before, ids_text (ids));
      }
  sqlite3_close (db);
  /* (the test's own reading finds the same: it is the measure below) */
  for (gint64 plan = 1; plan <= 2; plan++)
    for (guint q = 0; q < G_N_ELEMENTS (queries); q++)
      {
        g_autoptr(GArray) read = search_by_reading (path, plan, queries[q]);
        g_autofree char *text = ids_text (read);

        g_assert_cmpstr (text, ==, before->pdata[(plan - 1) * G_N_ELEMENTS (queries) + q]);
      }

  {
    g_autoptr(WpStore) store = wp_store_open (path, WP_STORE_OPEN_DEFAULT, &error);
    g_autoptr(WpBackup) backup = NULL;

    g_assert_no_error (error);
    /* backed up before it was changed */
    backup = wp_backup_find_latest_good (path, &error);
    g_assert_no_error (error);
    g_assert_nonnull (backup);

    for (gint64 plan = 1; plan <= 2; plan++)
      for (guint q = 0; q < G_N_ELEMENTS (queries); q++)
        {
          g_autoptr(GArray) hits = wp_store_search (store, plan, queries[q], &error);
          g_autofree char *text = NULL;

          g_assert_no_error (error);
          text = ids_text (hits);
          g_test_message ("plan %d “%s”: %s", (int) plan, queries[q], text);
          g_assert_cmpstr (text, ==, before->pdata[(plan - 1) * G_N_ELEMENTS (queries) + q]);
        }
  }

  g_assert_cmpint (query_int (path, "PRAGMA user_version"), ==, WP_STORE_SCHEMA_VERSION);
  /* No copy of the text: the index's content table is gone */
  g_assert_cmpint (query_int (path, "SELECT count(*) FROM sqlite_schema"
                                            " WHERE name LIKE '%search_content'"
                                            " OR name LIKE '%search_docsize'"), ==, 0);
  /* Compacted once, and able to give back free pages from now on */
  g_assert_cmpint (query_int (path, "PRAGMA auto_vacuum"), ==, 2);
  g_assert_cmpint (query_int (path, "PRAGMA freelist_count"), ==, 0);
  assert_indexes_sound (path);

  g_ptr_array_unref (before);
  wp_test_dir_free (dir);
}

/* Edits after the migration: titles, descriptions, notes added, changed
 * and removed, items deleted (hidden), undone, deleted again and purged;
 * and the indexes stay what the tables say. */
static void
test_edits_keep_indexes (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = wp_test_dir_new ();
  g_autofree char *path = g_build_filename (dir, "old.db", NULL);
  g_autoptr(GVariant) snapshot = NULL;
  GDate day;

  make_format_10_file (path);
  g_date_clear (&day, 1);
  g_date_set_dmy (&day, 1, 6, 2025);
  {
    g_autoptr(WpStore) store = wp_store_open (path, WP_STORE_OPEN_DEFAULT, &error);
    g_autoptr(WpItem) item = NULL;
    gint64 note_id;

    g_assert_no_error (error);
    assert_hits_as_read (store, path, 1);

    g_assert_true (wp_store_set_item_string (store, 14, "title", "禁毒新标题", &error));
    g_assert_no_error (error);
    g_assert_true (wp_store_set_item_string (store, 15, "description", "综治约谈", &error));
    g_assert_no_error (error);
    note_id = wp_store_add_note (store, 16, &day, "年底前ABC验收", -1, &error);
    g_assert_no_error (error);
    g_assert_cmpint (wp_store_add_note (store, 16, &day, "中心进展", -1, &error), >, 0);
    g_assert_no_error (error);
    g_assert_true (wp_store_delete_note (store, note_id, &error));
    g_assert_no_error (error);
    item = wp_store_create_item (store, 1, 1, -1, WP_ITEM_KIND_TASK, "新建的法治任务", &error);
    g_assert_no_error (error);
    assert_hits_as_read (store, path, 1);

    /* hidden, shown again, hidden and purged */
    snapshot = wp_store_delete_item (store, 2, &error);
    g_assert_no_error (error);
    assert_hits_as_read (store, path, 1);
    g_assert_true (wp_store_restore_items (store, snapshot, &error));
    g_assert_no_error (error);
    assert_hits_as_read (store, path, 1);
    g_clear_pointer (&snapshot, g_variant_unref);
    snapshot = wp_store_delete_item (store, 7, &error);
    g_assert_no_error (error);
    g_assert_true (wp_store_purge_deleted (store, &error));
    g_assert_no_error (error);
    assert_hits_as_read (store, path, 1);
    /* and back from the snapshot, notes and all */
    g_assert_true (wp_store_restore_items (store, snapshot, &error));
    g_assert_no_error (error);
    assert_hits_as_read (store, path, 1);
    assert_hits_as_read (store, path, 2);
  }
  assert_indexes_sound (path);

  /* A note's text changed (the change-log's undo writes it so) */
  {
    sqlite3 *db = open_raw (path);

    exec (db, "UPDATE note SET text = '改为禁毒' WHERE id = 2");
    sqlite3_close (db);
  }
  {
    g_autoptr(WpStore) store = wp_store_open (path, WP_STORE_OPEN_DEFAULT, &error);

    g_assert_no_error (error);
    assert_hits_as_read (store, path, 1);
  }
  assert_indexes_sound (path);
  wp_test_dir_free (dir);
}

/* The check above is worth something: an index told other words than the
 * table holds is found out by it. */
static void
test_integrity_check_finds_stale_index (void)
{
  char *dir = wp_test_dir_new ();
  g_autofree char *path = g_build_filename (dir, "old.db", NULL);
  sqlite3 *db;

  make_format_10_file (path);
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(WpStore) store = wp_store_open (path, WP_STORE_OPEN_DEFAULT, &error);

    g_assert_no_error (error);
  }
  db = open_raw (path);
  exec (db, "DROP TRIGGER item_search_au; UPDATE item_all SET title = '别的' WHERE id = 3");
  g_assert_cmpint (sqlite3_exec (db, "INSERT INTO item_search (item_search, rank)"
                                     " VALUES ('integrity-check', 1)", NULL, NULL, NULL) & 0xff,
                   ==, SQLITE_CORRUPT);
  sqlite3_close (db);
  wp_test_dir_free (dir);
}

/* A new file can give back what a large write frees, on close, once the
 * free pages are a quarter of it: here the change log of 10,260 items made
 * one by one, trimmed on close to its last 5,000 rows. */
static void
test_free_pages_given_back (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = wp_test_dir_new ();
  g_autofree char *path = g_build_filename (dir, "new.db", NULL);
  gint64 pages_open, free_open, pages_closed;

  {
    g_autoptr(WpStore) store = wp_store_open (path, WP_STORE_OPEN_DEFAULT, &error);
    g_autoptr(WpPlan) plan = wp_store_create_plan (store, 2025, "2025年", "", &error);

    g_assert_no_error (error);
    g_assert_true (wp_store_begin (store, &error));
    wp_test_generate_plan (store, wp_plan_get_id (plan), 10, 25, 40, NULL, NULL, NULL);
    g_assert_true (wp_store_commit (store, &error));
    g_assert_no_error (error);
    pages_open = query_int (path, "PRAGMA page_count");
    free_open = query_int (path, "PRAGMA freelist_count");
  }
  g_assert_cmpint (query_int (path, "PRAGMA auto_vacuum"), ==, 2);
  pages_closed = query_int (path, "PRAGMA page_count");
  g_test_message ("%" G_GINT64_FORMAT " pages, %" G_GINT64_FORMAT " free; %" G_GINT64_FORMAT
                  " once closed", pages_open, free_open, pages_closed);
  g_assert_cmpint (pages_closed * 4, <, pages_open * 3);
  g_assert_cmpint (query_int (path, "PRAGMA freelist_count"), ==, 0);
  {
    g_autofree char *integrity = wp_test_integrity_check (path);
    g_assert_cmpstr (integrity, ==, "ok");
  }
  assert_indexes_sound (path);
  wp_test_dir_free (dir);
}

/* The bulk write (an import) fills both indexes at its end: what they
 * hold is what the tables say, and found as the texts read. */
static void
test_bulk_fill (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = wp_test_dir_new ();
  g_autofree char *path = g_build_filename (dir, "bulk.db", NULL);
  g_autofree char *json_path = g_test_build_filename (G_TEST_DIST, "data",
                                                      "bulk-every-field.json", NULL);
  g_autofree char *json = NULL;

  g_assert_true (g_file_get_contents (json_path, &json, NULL, &error));
  {
    g_autoptr(WpStore) store = wp_store_open (path, WP_STORE_OPEN_DEFAULT, &error);
    g_autoptr(WpPlan) plan = NULL;

    g_assert_no_error (error);
    plan = wp_json_import (store, json, -1, 0, FALSE, &error);
    g_assert_no_error (error);
    g_assert_cmpint (query_int (path, "SELECT count(*) FROM note"), >, 0);
    assert_hits_as_read (store, path, wp_plan_get_id (plan));
  }
  assert_indexes_sound (path);
  wp_test_dir_free (dir);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/search/migration-keeps-hits", test_migration_keeps_hits);
  g_test_add_func ("/search/edits-keep-indexes", test_edits_keep_indexes);
  g_test_add_func ("/search/integrity-check-finds-stale-index",
                   test_integrity_check_finds_stale_index);
  g_test_add_func ("/search/free-pages-given-back", test_free_pages_given_back);
  g_test_add_func ("/search/bulk-fill", test_bulk_fill);
  return g_test_run ();
}
