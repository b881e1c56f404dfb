/* wp-store-snapshot.c: deleting items so that undo can bring them back
 *
 * Deleting hides a subtree: its rows stay in item_all, marked with the id
 * of the item the delete was of (deleted_with), and every query reads the
 * view "item", which leaves them out. Undo shows them again. Hidden rows
 * are removed from the file when it is closed or next opened
 * (wp_store_purge_deleted()). Hiding a key task with its actions rewrites
 * its rows and two small indexes; removing it rewrote some three hundred
 * scattered pages (agency links, indexes, the search index) and took most
 * of a frame at 100,000 items.
 *
 * The subtree is also kept as a GVariant of its raw rows (items, agency
 * links, targets, notes, milestones), ids included, taken before it is
 * hidden: if the hidden rows are gone when it is restored (another program
 * opened the file and purged them), it is put back from those, with the
 * same ids, so that later undo steps that name them still work.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "wp-id-list.h"
#include "wp-store-private.h"

/* Items hidden before, below the one deleted, are in it too: they come
 * back hidden, as they were. */
#define SUBTREE_CTE \
  "WITH RECURSIVE sub (id, depth) AS (SELECT id, 0 FROM item_all WHERE id = ?1" \
  " UNION ALL SELECT i.id, sub.depth + 1 FROM item_all i JOIN sub ON i.parent_id = sub.id) "

#define SNAPSHOT_TYPE "(xxxia(saav))"

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
snapshot_rows (WpStore          *self,
               const char       *table,
               const char       *select_sql,
               gint64            key,
               const GString    *json,
               GVariantBuilder  *tables,
               GArray           *ids,
               GError          **error)
{
  g_autoptr(WpStmt) stmt = wp_stmt_prepare (self, select_sql, error);
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
snapshot_subtree (WpStore          *self,
                  gint64            item_id,
                  GVariantBuilder  *tables,
                  GArray           *ids,
                  GString          *json,
                  GError          **error)
{
  g_string_assign (json, "[");
  if (!snapshot_rows (self, "item_all", SUBTREE_ITEMS_SQL, item_id, NULL, tables, ids, error))
    return FALSE;
  for (guint i = 0; i < ids->len; i++)
    wp_ids_append_json (json, g_array_index (ids, gint64, i));
  g_string_append_c (json, ']');

  for (guint i = 0; i < G_N_ELEMENTS (item_tables); i++)
    if (!snapshot_rows (self, item_tables[i].table, item_tables[i].select_sql, 0, json, tables,
                        NULL, error))
      return FALSE;
  return TRUE;
}

static gboolean
get_location (WpStore  *self,
              gint64    item_id,
              gint64   *plan_id,
              gint64   *parent_id,
              int      *position,
              GError  **error)
{
  g_autoptr(WpItem) item = wp_store_get_item (self, item_id, error);

  if (item == NULL)
    return FALSE;
  *plan_id = wp_item_get_plan_id (item);
  *parent_id = wp_item_get_parent_id (item);
  *position = wp_item_get_position (item);
  return TRUE;
}

/**
 * wp_store_delete_item:
 *
 * Deletes an item and everything below it.
 *
 * Returns: (transfer full): a snapshot for wp_store_restore_items(), or
 *   %NULL with @error set
 */
GVariant *
wp_store_delete_item (WpStore  *self,
                      gint64    item_id,
                      GError  **error)
{
  g_autoptr(WpStmt) stmt = NULL;
  g_autoptr(GArray) gone = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GString) json = g_string_new (NULL);
  GVariantBuilder tables;
  GVariant *snapshot;
  gint64 plan_id, parent_id;
  int position;

  g_return_val_if_fail (WP_IS_STORE (self), NULL);

  if (!wp_store_check_writable (self, error)
      || !get_location (self, item_id, &plan_id, &parent_id, &position, error)
      || !wp_store_begin (self, error))
    return NULL;

  /* The snapshot, and the ids going, whose figures must not outlive them */
  g_variant_builder_init (&tables, G_VARIANT_TYPE ("a(saav)"));
  if (!snapshot_subtree (self, item_id, &tables, gone, json, error))
    {
      g_variant_builder_clear (&tables);
      goto fail;
    }
  snapshot = g_variant_ref_sink (g_variant_new (SNAPSHOT_TYPE, plan_id, parent_id, item_id,
                                                position, &tables));

  /* Hidden, not removed (see the top of this file); items hidden before
   * keep the delete they went with. */
  stmt = wp_stmt_prepare (self, "UPDATE item_all SET deleted_with = ?1"
                                " WHERE id IN (SELECT value FROM json_each (?2))"
                                " AND deleted_with = 0", error);
  if (stmt == NULL)
    goto fail_snapshot;
  wp_stmt_bind_int64 (stmt, 1, item_id);
  wp_stmt_bind_static_text (stmt, 2, json->str, (int) json->len);
  if (!wp_stmt_run (stmt, error))
    goto fail_snapshot;
  g_clear_pointer (&stmt, wp_stmt_release);

  if (!wp_store_shift_siblings (self, plan_id, parent_id, position + 1, -1, 0, error))
    goto fail_snapshot;

  if (!wp_store_commit (self, error))
    {
      g_variant_unref (snapshot);
      return NULL;
    }

  /* No figures may outlive the items: were they purged and their ids
   * given out again, the new items would inherit them. (Forgetting all
   * figures had the next read of the area roll the whole plan up again.)
   * The parent's chain is read again below. */
  for (guint i = 0; i < gone->len; i++)
    g_hash_table_remove (self->rollups, &g_array_index (gone, gint64, i));
  wp_store_children_changed_hinted (self, plan_id, parent_id, item_id, position, -1);
  return snapshot;

fail_snapshot:
  g_variant_unref (snapshot);
fail:
  wp_store_rollback (self);
  return NULL;
}

/**
 * wp_store_purge_deleted:
 *
 * Removes from the file the items deleted (hidden) so far, with their
 * agency links, targets, notes and search index entries. Done when the
 * store is closed, and when a file is opened (a program that stopped
 * before closing it leaves them behind). Undo can then no longer show
 * them again; it puts them back from its snapshot instead.
 */
gboolean
wp_store_purge_deleted (WpStore  *self,
                        GError  **error)
{
  g_autoptr(WpStmt) stmt = NULL;
  gboolean ok;

  g_return_val_if_fail (WP_IS_STORE (self), FALSE);

  if (!wp_store_check_writable (self, error))
    return FALSE;
  /* (their children go with them: the foreign key cascades) */
  stmt = wp_stmt_prepare (self, "DELETE FROM item_all WHERE deleted_with > 0", error);
  if (stmt == NULL || !wp_store_begin (self, error))
    return FALSE;
  /* (no view shows these rows: the change log need not list them; a
   * store that may write always has its log) */
  wp_change_log_pause (self->change_log);
  ok = wp_stmt_run (stmt, error) && _wp_store_drop_unused_attachments (self, error);
  wp_change_log_resume (self->change_log);
  if (!ok)
    {
      wp_store_rollback (self);
      return FALSE;
    }
  return wp_store_commit (self, error);
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
insert_rows (WpStore     *self,
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

      stmt = wp_stmt_prepare (self, g_intern_string (sql->str), error);
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

/**
 * wp_store_restore_items:
 * @snapshot: what wp_store_delete_item() returned
 *
 * Puts a deleted subtree back where it was, with the same ids.
 */
gboolean
wp_store_restore_items (WpStore   *self,
                        GVariant  *snapshot,
                        GError   **error)
{
  g_autoptr(GVariantIter) tables = NULL;
  gint64 plan_id, parent_id, root_id;
  int position;
  const char *table;
  GVariant *rows;

  g_return_val_if_fail (WP_IS_STORE (self), FALSE);
  g_return_val_if_fail (g_variant_is_of_type (snapshot, G_VARIANT_TYPE (SNAPSHOT_TYPE)), FALSE);

  if (!wp_store_check_writable (self, error))
    return FALSE;

  g_variant_get (snapshot, SNAPSHOT_TYPE, &plan_id, &parent_id, &root_id, &position, &tables);

  if (!wp_store_begin (self, error))
    return FALSE;

  if (!wp_store_shift_siblings (self, plan_id, parent_id, position, +1, 0, error))
    goto fail;

  /* Still hidden: shown again, the deleted item where it was */
  {
    g_autoptr(WpStmt) stmt =
      wp_stmt_prepare (self, "UPDATE item_all SET deleted_with = 0,"
                             " position = CASE WHEN id = ?1 THEN ?2 ELSE position END"
                             " WHERE deleted_with > 0 AND deleted_with = ?1", error);
    if (stmt == NULL)
      goto fail;
    wp_stmt_bind_int64 (stmt, 1, root_id);
    wp_stmt_bind_int (stmt, 2, position);
    if (!wp_stmt_run (stmt, error))
      goto fail;
    if (sqlite3_changes (self->db) > 0)
      goto done;
  }

  /* Purged meanwhile: put back from the snapshot */
  while (g_variant_iter_next (tables, "(&s@aav)", &table, &rows))
    {
      g_autoptr(GVariant) owned_rows = rows;

      if (!is_snapshot_table (table))
        {
          g_set_error (error, WP_STORE_ERROR, WP_STORE_ERROR_INVALID,
                       "Snapshot names an unknown table “%s”", table);
          goto fail;
        }
      if (!insert_rows (self, table, rows, error))
        goto fail;
    }

done:
  if (!wp_store_commit (self, error))
    return FALSE;

  wp_store_children_changed_hinted (self, plan_id, parent_id, root_id, -1, position);
  return TRUE;

fail:
  wp_store_rollback (self);
  return FALSE;
}

/* Plans: the same raw-row snapshot for a whole plan. */

#define PLAN_SNAPSHOT_TYPE "(xa(saav))"

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

/**
 * wp_store_delete_plan_with_snapshot:
 *
 * Deletes a plan with all its items.
 *
 * Returns: (transfer full): a snapshot for wp_store_restore_plan()
 */
GVariant *
wp_store_delete_plan_with_snapshot (WpStore  *self,
                                    gint64    plan_id,
                                    GError  **error)
{
  GVariantBuilder tables;
  GVariant *snapshot;

  g_return_val_if_fail (WP_IS_STORE (self), NULL);

  if (!wp_store_check_writable (self, error) || !wp_store_begin (self, error))
    return NULL;

  g_variant_builder_init (&tables, G_VARIANT_TYPE ("a(saav)"));
  for (guint i = 0; i < G_N_ELEMENTS (plan_tables); i++)
    if (!snapshot_rows (self, plan_tables[i].table, plan_tables[i].select_sql, plan_id, NULL,
                        &tables, NULL, error))
      {
        g_variant_builder_clear (&tables);
        wp_store_rollback (self);
        return NULL;
      }
  snapshot = g_variant_ref_sink (g_variant_new (PLAN_SNAPSHOT_TYPE, plan_id, &tables));

  if (!wp_store_delete_plan (self, plan_id, error) || !wp_store_commit (self, error))
    {
      if (self->tx_depth > 0)
        wp_store_rollback (self);
      g_variant_unref (snapshot);
      return NULL;
    }

  return snapshot;
}

gboolean
wp_store_restore_plan (WpStore   *self,
                       GVariant  *snapshot,
                       GError   **error)
{
  g_autoptr(GVariantIter) tables = NULL;
  const char *table;
  GVariant *rows;
  gint64 plan_id;

  g_return_val_if_fail (WP_IS_STORE (self), FALSE);
  g_return_val_if_fail (g_variant_is_of_type (snapshot, G_VARIANT_TYPE (PLAN_SNAPSHOT_TYPE)),
                        FALSE);

  if (!wp_store_check_writable (self, error) || !wp_store_begin (self, error))
    return FALSE;

  g_variant_get (snapshot, PLAN_SNAPSHOT_TYPE, &plan_id, &tables);
  while (g_variant_iter_next (tables, "(&s@aav)", &table, &rows))
    {
      g_autoptr(GVariant) owned_rows = rows;

      if (!g_str_equal (table, "plan") && !is_snapshot_table (table))
        {
          g_set_error (error, WP_STORE_ERROR, WP_STORE_ERROR_INVALID,
                       "Snapshot names an unknown table “%s”", table);
          wp_store_rollback (self);
          return FALSE;
        }
      if (!insert_rows (self, table, rows, error))
        {
          wp_store_rollback (self);
          return FALSE;
        }
    }

  if (!wp_store_commit (self, error))
    return FALSE;

  wp_store_plans_changed (self);
  return TRUE;
}
