/* wp-search-queries.c: the SQL of finding items by their words (FTS5)
 *
 * SQLite's side of WpSearchQueries (db/wp-backend.h): the two FTS5
 * indexes (item_search over titles and descriptions, note_search over
 * progress notes, a token per character: see wp-char-tokenizer.c) and the
 * walk up from the hits to the items above them. No caches, no signals,
 * no transactions: wp-store-search.c runs these.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "wp-backend.h"
#include "wp-db-stmt.h"
#include "wp-id-list.h"
#include "wp-store-private.h"

/* Calls @hit for each (item id, parent id) row of @sql for @text in @plan_id */
static gboolean
collect_hits (WpStore       *conn,
              const char    *sql,
              const char    *text,
              gint64         plan_id,
              WpSearchFunc   hit,
              gpointer       user_data,
              GError       **error)
{
  g_autoptr(WpStmt) stmt = wp_stmt_prepare (conn, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  wp_stmt_bind_text (stmt, 1, text);
  wp_stmt_bind_int64 (stmt, 2, plan_id);
  while ((rc = wp_stmt_step (stmt, error)) == SQLITE_ROW)
    hit (sqlite3_column_int64 (stmt->stmt, 0), sqlite3_column_int64 (stmt->stmt, 1), user_data);
  return rc == SQLITE_DONE;
}

static gboolean
find (WpStore       *conn,
      gint64         plan_id,
      const char    *text,
      WpSearchFunc   hit,
      gpointer       user_data,
      GError       **error)
{
  g_auto(GStrv) parts = NULL;
  g_autofree char *escaped = NULL;
  g_autofree char *phrase = NULL;

  /* One FTS5 phrase, its quotes doubled */
  parts = g_strsplit (text, "\"", -1);
  escaped = g_strjoinv ("\"\"", parts);
  phrase = g_strdup_printf ("\"%s\"", escaped);

  /* Titles and descriptions are indexed by item, notes by note (see
   * migration 11); a note's item is read from its row. The plan is looked
   * up in the small index of live items' plans and parents, which also
   * leaves out deleted items the search indexes still hold until they are
   * purged. Each index is read by a statement of its own and the hits
   * merged by the caller: one statement with both in a subquery took twice
   * as long (100,000 items with notes, 98,000 hits: 140 ms of CPU against
   * 65). */
  return collect_hits (conn, "SELECT s.rowid, i.parent_id FROM item_search s"
                             " JOIN item_all i INDEXED BY item_tree ON i.id = s.rowid"
                             " WHERE item_search MATCH ?1 AND i.plan_id = ?2"
                             " AND i.deleted_with = 0", phrase, plan_id, hit, user_data, error)
         && collect_hits (conn, "SELECT n.item_id, i.parent_id FROM note_search s"
                                " JOIN note n ON n.id = s.rowid"
                                " JOIN item_all i INDEXED BY item_tree ON i.id = n.item_id"
                                " WHERE note_search MATCH ?1 AND i.plan_id = ?2"
                                " AND i.deleted_with = 0", phrase, plan_id, hit, user_data,
                          error)
         /* the items an agency called @text leads or supports: 发改委 finds
          * those of 市发展改革委, whose alias it is */
         && collect_hits (conn, "SELECT DISTINCT i.id, i.parent_id FROM item_agency ia"
                                " JOIN item_all i ON i.id = ia.item_id"
                                " WHERE ia.agency_id IN (SELECT id FROM agency WHERE name = ?1"
                                "   OR (short_name = ?1 AND short_name <> '')"
                                "   UNION SELECT agency_id FROM agency_alias WHERE name = ?1)"
                                " AND i.plan_id = ?2 AND i.deleted_with = 0",
                          text, plan_id, hit, user_data, error);
}

static gboolean
ancestors (WpStore       *conn,
           gint64         plan_id,
           const GArray  *from,
           GArray        *ancestors,
           GError       **error)
{
  g_autoptr(GString) json = g_string_sized_new (from->len * 8 + 2);
  g_autoptr(WpStmt) up = NULL;
  int rc;

  g_string_append_c (json, '[');
  for (guint i = 0; i < from->len; i++)
    wp_ids_append_json (json, g_array_index (from, gint64, i));
  g_string_append_c (json, ']');

  /* Through the small index of each item's plan and parent (item_tree)
   * rather than the item rows: a search lights on items all over the
   * file, and reading their rows read most of it. */
  up = wp_stmt_prepare (conn, "WITH RECURSIVE up (id) AS ("
                              " SELECT i.parent_id FROM json_each (?1) j"
                              "  JOIN item_all i INDEXED BY item_tree ON i.id = j.value"
                              "  WHERE i.plan_id = ?2 AND i.parent_id IS NOT NULL"
                              "  AND i.deleted_with = 0"
                              " UNION SELECT i.parent_id FROM up"
                              "  JOIN item_all i INDEXED BY item_tree ON i.id = up.id"
                              "  WHERE i.parent_id IS NOT NULL AND i.deleted_with = 0)"
                              " SELECT id FROM up", error);
  if (up == NULL)
    return FALSE;
  wp_stmt_bind_static_text (up, 1, json->str, (gssize) json->len);
  wp_stmt_bind_int64 (up, 2, plan_id);
  while ((rc = wp_stmt_step (up, error)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (up->stmt, 0);
      g_array_append_val (ancestors, id);
    }
  return rc == SQLITE_DONE;
}

const WpSearchQueries wp_sqlite_search_queries = {
  .find = find,
  .ancestors = ancestors,
};
