/* wp-snapshot-queries.c: the SQL of deleting so that undo can bring items back, and nothing else
 *
 * SQLite's side of WpSnapshotQueries (db/wp-backend.h): a subtree's or a
 * plan's raw rows as GVariant values (ids included), hiding and showing
 * items by their deleted_with mark, removing hidden rows, and putting rows
 * back from a snapshot. No caches, no signals, no transactions:
 * wp-store-snapshot.c runs these (see there for why items are hidden).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "wp-backend.h"
#include "wp-db-stmt.h"
#include "wp-id-list.h"
#include "wp-store-private.h"

/* Items hidden before, below the one deleted, are in it too: they come
 * back hidden, as they were. */
#define SUBTREE_CTE \
  "WITH RECURSIVE sub (id, depth) AS (SELECT id, 0 FROM item_all WHERE id = ?1" \
  " UNION ALL SELECT i.id, sub.depth + 1 FROM item_all i JOIN sub ON i.parent_id = sub.id) "

/* A subtree's items, parents before children, so that restoring them in
 * this order never inserts a child before its parent. Its first column is
 * the id (INTEGER PRIMARY KEY comes first in the table). */
#define SUBTREE_ITEMS_SQL \
  SUBTREE_CTE "SELECT t.* FROM item_all t JOIN sub USING (id) ORDER BY sub.depth, t.position"

/* The rows hanging off those items, found by the ids read with them (one
 * walk of the subtree instead of one per table); ?1 is a JSON array. */
static const struct {
  const char *table;
  const char *select_sql;
} item_tables[] = {
#define OF_ITEMS " t WHERE t.item_id IN (SELECT value FROM json_each (?1))"
  { "item_agency", "SELECT t.* FROM item_agency" OF_ITEMS },
  { "target", "SELECT t.* FROM target" OF_ITEMS },
  { "note", "SELECT t.* FROM note" OF_ITEMS },
  { "milestone", "SELECT t.* FROM milestone" OF_ITEMS },
  { "closeout", "SELECT t.* FROM closeout" OF_ITEMS },
  { "attachment", "SELECT t.* FROM attachment" OF_ITEMS },
  { "year_check", "SELECT t.* FROM year_check" OF_ITEMS },
#undef OF_ITEMS
};

static GVariant *
column_to_variant (sqlite3_stmt *stmt,
                   int           column)
{
  switch (sqlite3_column_type (stmt, column))
    {
    case SQLITE_INTEGER:
      return g_variant_new_int64 (sqlite3_column_int64 (stmt, column));
    case SQLITE_FLOAT:
      return g_variant_new_double (sqlite3_column_double (stmt, column));
    case SQLITE_TEXT:
      return g_variant_new_string ((const char *) sqlite3_column_text (stmt, column));
    case SQLITE_BLOB:
      return g_variant_new_fixed_array (G_VARIANT_TYPE_BYTE, sqlite3_column_blob (stmt, column),
                                        (gsize) sqlite3_column_bytes (stmt, column), 1);
    case SQLITE_NULL:
    default:
      return g_variant_new ("()");
    }
}

/* Adds the rows @select_sql gives to @tables as raw values under @table.
 * ?1 is @json if given, else @key. With @ids, adds the first column of
 * every row to it too. */
static gboolean
snapshot_rows (WpStore          *conn,
               const char       *table,
               const char       *select_sql,
               gint64            key,
               const GString    *json,
               GVariantBuilder  *tables,
               GArray           *ids,
               GError          **error)
{
  g_autoptr(WpStmt) stmt = wp_stmt_prepare (conn, select_sql, error);
  GVariantBuilder rows;
  int rc;

  if (stmt == NULL)
    return FALSE;
  if (json != NULL)
    wp_stmt_bind_static_text (stmt, 1, json->str, (int) json->len);
  else
    wp_stmt_bind_int64 (stmt, 1, key);

  g_variant_builder_init (&rows, G_VARIANT_TYPE ("aav"));
  while ((rc = wp_stmt_step (stmt, error)) == SQLITE_ROW)
    {
      GVariantBuilder row;

      g_variant_builder_init (&row, G_VARIANT_TYPE ("av"));
      for (int c = 0; c < sqlite3_column_count (stmt->stmt); c++)
        g_variant_builder_add (&row, "v", column_to_variant (stmt->stmt, c));
      g_variant_builder_add_value (&rows, g_variant_builder_end (&row));
      if (ids != NULL)
        {
          gint64 id = sqlite3_column_int64 (stmt->stmt, 0);
          g_array_append_val (ids, id);
        }
    }

  if (rc != SQLITE_DONE)
    {
      g_variant_builder_clear (&rows);
      return FALSE;
    }

  g_variant_builder_add (tables, "(s@aav)", table, g_variant_builder_end (&rows));
  return TRUE;
}

/* Snapshots the subtree under @item_id, and gives the ids in it, in
 * @ids and as a JSON array in @json. */
static gboolean
take_subtree (WpStore          *conn,
              gint64            item_id,
              GVariantBuilder  *tables,
              GArray           *ids,
              GString          *json,
              GError          **error)
{
  g_string_assign (json, "[");
  if (!snapshot_rows (conn, "item_all", SUBTREE_ITEMS_SQL, item_id, NULL, tables, ids, error))
    return FALSE;
  for (guint i = 0; i < ids->len; i++)
    wp_ids_append_json (json, g_array_index (ids, gint64, i));
  g_string_append_c (json, ']');

  for (guint i = 0; i < G_N_ELEMENTS (item_tables); i++)
    if (!snapshot_rows (conn, item_tables[i].table, item_tables[i].select_sql, 0, json, tables,
                        NULL, error))
      return FALSE;
  return TRUE;
}

/* A whole plan's rows, for deleting a plan */
static const struct {
  const char *table;
  const char *select_sql;
} plan_tables[] = {
  { "plan", "SELECT * FROM plan WHERE id = ?1" },
  /* (hidden items too: deleting the plan removes them with it) */
  { "item_all", "WITH RECURSIVE sub (id, depth) AS (SELECT id, 0 FROM item_all"
                " WHERE plan_id = ?1 AND parent_id IS NULL UNION ALL SELECT i.id, sub.depth + 1"
                " FROM item_all i JOIN sub ON i.parent_id = sub.id)"
                " SELECT t.* FROM item_all t JOIN sub USING (id) ORDER BY sub.depth, t.position" },
  { "item_agency", "SELECT t.* FROM item_agency t JOIN item_all i ON i.id = t.item_id"
                   " WHERE i.plan_id = ?1" },
  { "target", "SELECT t.* FROM target t JOIN item_all i ON i.id = t.item_id"
              " WHERE i.plan_id = ?1" },
  { "note", "SELECT t.* FROM note t JOIN item_all i ON i.id = t.item_id WHERE i.plan_id = ?1" },
  { "milestone", "SELECT t.* FROM milestone t JOIN item_all i ON i.id = t.item_id"
                 " WHERE i.plan_id = ?1" },
  { "closeout", "SELECT t.* FROM closeout t JOIN item_all i ON i.id = t.item_id"
                " WHERE i.plan_id = ?1" },
  { "attachment", "SELECT t.* FROM attachment t JOIN item_all i ON i.id = t.item_id"
                  " WHERE i.plan_id = ?1" },
  { "year_check", "SELECT t.* FROM year_check t JOIN item_all i ON i.id = t.item_id"
                  " WHERE i.plan_id = ?1" },
};

/* Adds every row of plan @plan_id (its items, hidden ones too, and all
 * that hangs off them) to @tables */
static gboolean
take_plan (WpStore          *conn,
           gint64            plan_id,
           GVariantBuilder  *tables,
           GError          **error)
{
  for (guint i = 0; i < G_N_ELEMENTS (plan_tables); i++)
    if (!snapshot_rows (conn, plan_tables[i].table, plan_tables[i].select_sql, plan_id, NULL,
                        tables, NULL, error))
      return FALSE;
  return TRUE;
}

/* Hides the items of @json (a JSON array of ids) as deleted with @item_id;
 * items hidden before keep the delete they went with. */
static gboolean
hide (WpStore        *conn,
      gint64          item_id,
      const GString  *json,
      GError        **error)
{
  g_autoptr(WpStmt) stmt =
    wp_stmt_prepare (conn, "UPDATE item_all SET deleted_with = ?1"
                           " WHERE id IN (SELECT value FROM json_each (?2))"
                           " AND deleted_with = 0", error);

  if (stmt == NULL)
    return FALSE;
  wp_stmt_bind_int64 (stmt, 1, item_id);
  wp_stmt_bind_static_text (stmt, 2, json->str, (int) json->len);
  return wp_stmt_run (stmt, error);
}

/* Shows again what was hidden with @root_id, @root_id at @position;
 * *@found is FALSE when nothing was hidden with it (purged meanwhile). */
static gboolean
unhide (WpStore   *conn,
        gint64     root_id,
        int        position,
        gboolean  *found,
        GError   **error)
{
  g_autoptr(WpStmt) stmt =
    wp_stmt_prepare (conn, "UPDATE item_all SET deleted_with = 0,"
                           " position = CASE WHEN id = ?1 THEN ?2 ELSE position END"
                           " WHERE deleted_with > 0 AND deleted_with = ?1", error);

  *found = FALSE;
  if (stmt == NULL)
    return FALSE;
  wp_stmt_bind_int64 (stmt, 1, root_id);
  wp_stmt_bind_int (stmt, 2, position);
  if (!wp_stmt_run (stmt, error))
    return FALSE;
  *found = sqlite3_changes (conn->db) > 0;
  return TRUE;
}

/* Removes the hidden items (their children go with them: the foreign key
 * cascades) */
static gboolean
purge (WpStore  *conn,
       GError  **error)
{
  g_autoptr(WpStmt) stmt =
    wp_stmt_prepare (conn, "DELETE FROM item_all WHERE deleted_with > 0", error);

  return stmt != NULL && wp_stmt_run (stmt, error);
}

static gboolean
bind_variant (WpStmt   *stmt,
              int       index,
              GVariant *value)
{
  if (g_variant_is_of_type (value, G_VARIANT_TYPE_INT64))
    return wp_stmt_bind_int64 (stmt, index, g_variant_get_int64 (value));
  if (g_variant_is_of_type (value, G_VARIANT_TYPE_DOUBLE))
    return wp_stmt_bind_double (stmt, index, g_variant_get_double (value));
  if (g_variant_is_of_type (value, G_VARIANT_TYPE_STRING))
    return wp_stmt_bind_text (stmt, index, g_variant_get_string (value, NULL));
  if (g_variant_is_of_type (value, G_VARIANT_TYPE_BYTESTRING))
    {
      gsize len;
      gconstpointer data = g_variant_get_fixed_array (value, &len, 1);

      return wp_stmt_bind_blob (stmt, index, data, len);
    }
  return wp_stmt_bind_null (stmt, index);
}

static gboolean
is_snapshot_table (const char *table)
{
  if (g_str_equal (table, "item_all"))
    return TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (item_tables); i++)
    if (g_str_equal (table, item_tables[i].table))
      return TRUE;
  return FALSE;
}

static gboolean
insert_rows (WpStore     *conn,
             const char  *table,
             GVariant    *rows,
             GError     **error)
{
  GVariantIter iter;
  GVariant *row;

  g_variant_iter_init (&iter, rows);
  while ((row = g_variant_iter_next_value (&iter)) != NULL)
    {
      g_autoptr(GVariant) owned_row = row;
      g_autoptr(GString) sql = g_string_new ("INSERT INTO ");
      g_autoptr(WpStmt) stmt = NULL;
      gsize n = g_variant_n_children (row);

      /* The table name comes from the fixed list above, never from data. */
      g_string_append (sql, table);
      g_string_append (sql, " VALUES (");
      for (gsize c = 0; c < n; c++)
        g_string_append (sql, c == 0 ? "?" : ", ?");
      g_string_append (sql, ")");

      stmt = wp_stmt_prepare (conn, g_intern_string (sql->str), error);
      if (stmt == NULL)
        return FALSE;
      for (gsize c = 0; c < n; c++)
        {
          g_autoptr(GVariant) boxed = g_variant_get_child_value (row, c);
          g_autoptr(GVariant) value = g_variant_get_variant (boxed);
          bind_variant (stmt, (int) c + 1, value);
        }
      if (!wp_stmt_run (stmt, error))
        return FALSE;
    }

  return TRUE;
}

/* Inserts @rows (as take_subtree() or take_plan() gave them) into
 * @table, which must be one of theirs ("plan" only if @whole_plan) */
static gboolean
put_back (WpStore     *conn,
          const char  *table,
          GVariant    *rows,
          gboolean     whole_plan,
          GError     **error)
{
  if (!(whole_plan && g_str_equal (table, "plan")) && !is_snapshot_table (table))
    {
      g_set_error (error, WP_STORE_ERROR, WP_STORE_ERROR_INVALID,
                   "Snapshot names an unknown table “%s”", table);
      return FALSE;
    }
  return insert_rows (conn, table, rows, error);
}

const WpSnapshotQueries wp_sqlite_snapshot_queries = {
  .take_subtree = take_subtree,
  .take_plan = take_plan,
  .hide = hide,
  .unhide = unhide,
  .purge = purge,
  .put_back = put_back,
};
