/* wp-change-log.c: every write to the plan's tables as a row of the change log
 *
 * Each connection that writes puts TEMP triggers on the plan's tables
 * (plan, item_all, agency, item_agency, target, note, milestone). Every
 * insert, update and delete then adds a row to the change_log table in the
 * same transaction: the record kind, the operation, the record's key, and
 * the row before and after as JSON objects (an update: only the columns
 * that changed, and those that say where the record sits). So
 *
 *  - what another process (the command line, a second window) committed
 *    can be read back as changes and shown where it happened, instead of
 *    reading every view again (see wp_store_check_outside_changes());
 *  - undo is the reverse of the rows an edit left (wp_change_log_reverse()):
 *    an edit of a new kind needs no undo code of its own.
 *
 * The triggers are made from the tables' own columns (PRAGMA table_info),
 * so a migration that adds a column is logged without a change here. They
 * are TEMP so that another program's connection to the file (the sqlite3
 * shell, an older Workplan) needs nothing of ours to write; its writes
 * leave no rows, and the store then reads everything again. A bulk write
 * (an import of a whole plan) pauses the triggers and logs one row for the
 * plan instead of one per item.
 *
 * This file and the query files are the only ones that know the change log
 * is made of SQLite triggers; a PostgreSQL backend would fill the same rows
 * from its own triggers and tell other clients with NOTIFY.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "wp-change-log.h"
#include "wp-store-private.h"

static const struct {
  const char *name;   /* as the log names it */
  const char *table;
} records[WP_N_RECORDS] = {
  [WP_RECORD_PLAN] = { "plan", "plan" },
  [WP_RECORD_ITEM] = { "item", "item_all" },
  [WP_RECORD_AGENCY] = { "agency", "agency" },
  [WP_RECORD_ITEM_AGENCY] = { "item_agency", "item_agency" },
  [WP_RECORD_TARGET] = { "target", "target" },
  [WP_RECORD_NOTE] = { "note", "note" },
  [WP_RECORD_MILESTONE] = { "milestone", "milestone" },
  [WP_RECORD_CLOSEOUT] = { "closeout", "closeout" },
  [WP_RECORD_ATTACHMENT] = { "attachment", "attachment" },
  [WP_RECORD_YEAR_CHECK] = { "year_check", "year_check" },
  [WP_RECORD_AGENCY_ALIAS] = { "agency_alias", "agency_alias" },
};

/* The triggers' names end in these, by the op they log */
static const char *const trigger_suffixes[] = { NULL, "ai", "au", "ad" };

typedef struct {
  GStrv         columns;
  GStrv         key;       /* the primary key's columns */
  sqlite3_stmt *reverse[WP_CHANGE_DELETE + 1];  /* by the op it reverses */
} Table;

struct _WpChangeLog
{
  WpStore *store;  /* (not owned: it owns the log) */
  sqlite3 *db;
  guint    paused;
  Table    tables[WP_N_RECORDS];
};

const char *
wp_record_kind_to_string (WpRecordKind kind)
{
  g_return_val_if_fail (kind < WP_N_RECORDS, NULL);
  return records[kind].name;
}

static gboolean
record_kind_from_string (const char   *name,
                         WpRecordKind *kind)
{
  for (guint i = 0; i < WP_N_RECORDS; i++)
    if (g_strcmp0 (records[i].name, name) == 0)
      {
        *kind = i;
        return TRUE;
      }
  return FALSE;
}

void
wp_change_free (WpChange *change)
{
  if (change == NULL)
    return;
  g_free (change->key);
  g_free (change->before);
  g_free (change->after);
  g_free (change);
}

static gboolean
set_error (sqlite3  *db,
           GError  **error)
{
  g_set_error (error, WP_STORE_ERROR,
               sqlite3_errcode (db) == SQLITE_READONLY ? WP_STORE_ERROR_READ_ONLY
                                                       : WP_STORE_ERROR_FAILED,
               _("The plan file could not be written: %s"), sqlite3_errmsg (db));
  return FALSE;
}

/* wp_logging(): whether the triggers log, read from the connection's log */
static void
logging_function (sqlite3_context  *context,
                  int               argc,
                  sqlite3_value   **argv)
{
  WpChangeLog *log = sqlite3_user_data (context);

  sqlite3_result_int (context, log->paused == 0);
}

static gboolean
read_columns (sqlite3     *db,
              const char  *table,
              Table       *out,
              GError     **error)
{
  g_autofree char *sql = g_strdup_printf ("PRAGMA main.table_info (%s)", table);
  g_autoptr(GStrvBuilder) columns = g_strv_builder_new ();
  g_autoptr(GStrvBuilder) key = g_strv_builder_new ();
  sqlite3_stmt *stmt = NULL;
  int rc;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    return set_error (db, error);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *name = (const char *) sqlite3_column_text (stmt, 1);

      g_strv_builder_add (columns, name);
      if (sqlite3_column_int (stmt, 5) > 0)
        g_strv_builder_add (key, name);
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return set_error (db, error);

  out->columns = g_strv_builder_end (columns);
  out->key = g_strv_builder_end (key);
  if (out->columns[0] == NULL || out->key[0] == NULL)
    {
      g_set_error (error, WP_STORE_ERROR, WP_STORE_ERROR_CORRUPT,
                   _("The plan file lacks the table “%s”."), table);
      return FALSE;
    }
  return TRUE;
}

/**
 * wp_change_log_new:
 * @db: a connection to a plan file of the current schema
 *
 * Returns: (transfer full): the log of @db's writes (not yet recording:
 *   see wp_change_log_install()), or %NULL with @error set
 */
WpChangeLog *
wp_change_log_new (WpStore  *store,
                   GError  **error)
{
  sqlite3 *db = store->db;
  WpChangeLog *log = g_new0 (WpChangeLog, 1);

  log->store = store;
  log->db = db;
  for (guint i = 0; i < WP_N_RECORDS; i++)
    if (!read_columns (db, records[i].table, &log->tables[i], error))
      {
        wp_change_log_free (log);
        return NULL;
      }
  return log;
}

void
wp_change_log_free (WpChangeLog *log)
{
  if (log == NULL)
    return;
  for (guint i = 0; i < WP_N_RECORDS; i++)
    {
      g_strfreev (log->tables[i].columns);
      g_strfreev (log->tables[i].key);
      for (guint op = 0; op < G_N_ELEMENTS (log->tables[i].reverse); op++)
        sqlite3_finalize (log->tables[i].reverse[op]);
    }
  g_free (log);
}

/* json_object ('a', ROW.a, 'b', ROW.b, …) over @columns */
static void
append_json_object (GString            *sql,
                    const char * const *columns,
                    const char         *row)
{
  g_string_append (sql, "json_object (");
  for (guint i = 0; columns[i] != NULL; i++)
    g_string_append_printf (sql, "%s'%s', %s.\"%s\"", i > 0 ? ", " : "", columns[i], row,
                            columns[i]);
  g_string_append (sql, ")");
}

/* Columns an update's row always carries, changed or not: what routes a
 * change to the views (see wp-store-changes.c) */
static gboolean
always_logged (const Table *table,
               const char  *column)
{
  static const char *routing[] = { "item_id", "plan_id", "parent_id", "position",
                                   "deleted_with", NULL };

  return g_strv_contains ((const char * const *) table->key, column)
         || g_strv_contains (routing, column);
}

/* An update's row before or after: the columns that changed and those
 * that route it. A column that was NULL (or became NULL) is missing from
 * that side: json_patch() drops a key set to null, and the reverse knows
 * a column missing before but there after was NULL before. Titles and
 * descriptions are logged only when they change. */
static void
append_update_row (GString     *sql,
                   const Table *table,
                   const char  *row)
{
  g_string_append (sql, "json_patch (json_object (");
  for (guint i = 0, n = 0; table->columns[i] != NULL; i++)
    if (always_logged (table, table->columns[i]))
      g_string_append_printf (sql, "%s'%s', %s.\"%s\"", n++ > 0 ? ", " : "", table->columns[i],
                              row, table->columns[i]);
  /* (the changed columns are stripped of their nulls first: patched in
   * as they are, an unchanged column's null would remove the routing
   * column of that name, and a note's item_id was lost that way) */
  g_string_append (sql, "), json_patch ('{}', json_object (");
  for (guint i = 0; table->columns[i] != NULL; i++)
    g_string_append_printf (sql,
                            "%s'%s', CASE WHEN old.\"%s\" IS NOT new.\"%s\" THEN %s.\"%s\" END",
                            i > 0 ? ", " : "", table->columns[i], table->columns[i],
                            table->columns[i], row, table->columns[i]);
  g_string_append (sql, ")))");
}

static char *
trigger_sql (WpRecordKind  kind,
             const Table  *table,
             WpChangeOp    op)
{
  static const char *events[] = { NULL, "INSERT", "UPDATE", "DELETE" };
  GString *sql = g_string_new (NULL);
  const char *row = op == WP_CHANGE_DELETE ? "old" : "new";

  g_string_append_printf (sql, "CREATE TEMP TRIGGER wp_log_%s_%s AFTER %s ON main.\"%s\""
                               " WHEN wp_logging ()", records[kind].name, trigger_suffixes[op],
                          events[op], records[kind].table);
  /* (an UPDATE that writes what was there is no change) */
  if (op == WP_CHANGE_UPDATE)
    {
      g_string_append (sql, " AND (");
      for (guint i = 0; table->columns[i] != NULL; i++)
        g_string_append_printf (sql, "%sold.\"%s\" IS NOT new.\"%s\"", i > 0 ? " OR " : "",
                                table->columns[i], table->columns[i]);
      g_string_append (sql, ")");
    }
  g_string_append_printf (sql, " BEGIN INSERT INTO change_log (record, op, key, before,"
                               " after) VALUES ('%s', %d, ", records[kind].name, op);
  append_json_object (sql, (const char * const *) table->key, row);
  g_string_append (sql, ", ");
  if (op == WP_CHANGE_INSERT)
    g_string_append (sql, "NULL");
  else if (op == WP_CHANGE_UPDATE)
    append_update_row (sql, table, "old");
  else
    append_json_object (sql, (const char * const *) table->columns, "old");
  g_string_append (sql, ", ");
  if (op == WP_CHANGE_DELETE)
    g_string_append (sql, "NULL");
  else if (op == WP_CHANGE_UPDATE)
    append_update_row (sql, table, "new");
  else
    append_json_object (sql, (const char * const *) table->columns, "new");
  g_string_append (sql, "); END;");
  return g_string_free (sql, FALSE);
}

/**
 * wp_change_log_install:
 *
 * Makes every later write of the connection to the plan's tables leave a
 * row in the change log, until the connection is closed.
 */
gboolean
wp_change_log_install (WpChangeLog  *log,
                       GError      **error)
{
  if (sqlite3_create_function_v2 (log->db, "wp_logging", 0, SQLITE_UTF8 | SQLITE_INNOCUOUS,
                                  log, logging_function, NULL, NULL, NULL) != SQLITE_OK)
    return set_error (log->db, error);

  for (guint kind = 0; kind < WP_N_RECORDS; kind++)
    for (WpChangeOp op = WP_CHANGE_INSERT; op <= WP_CHANGE_DELETE; op++)
      {
        g_autofree char *sql = trigger_sql (kind, &log->tables[kind], op);

        if (sqlite3_exec (log->db, sql, NULL, NULL, NULL) != SQLITE_OK)
          return set_error (log->db, error);
      }
  return TRUE;
}

/* Pauses the triggers for a bulk write, which logs a WP_CHANGE_BULK row
 * instead (wp_change_log_add_bulk()). Pauses nest. */
void
wp_change_log_pause (WpChangeLog *log)
{
  log->paused++;
}

void
wp_change_log_resume (WpChangeLog *log)
{
  g_return_if_fail (log->paused > 0);
  log->paused--;
}

gboolean
wp_change_log_is_paused (WpChangeLog *log)
{
  return log->paused > 0;
}

/**
 * wp_change_log_remove:
 *
 * Takes the triggers off while the log is paused, for a bulk write inside
 * a transaction; wp_change_log_install() puts them back before it
 * commits, and a rollback puts them back by itself (they are TEMP: the
 * change is this connection's own, no other process sees it). Paused, a
 * trigger still ran for every row written, to find out from its WHEN that
 * it had nothing to do: a frame of its own for each row, a third of the
 * time an import spent writing agency links, and it made every statement
 * keep a statement journal.
 */
gboolean
wp_change_log_remove (WpChangeLog  *log,
                      GError      **error)
{

  g_return_val_if_fail (log->paused > 0, FALSE);
  g_return_val_if_fail (!sqlite3_get_autocommit (log->db), FALSE);
  for (guint kind = 0; kind < WP_N_RECORDS; kind++)
    for (WpChangeOp op = WP_CHANGE_INSERT; op <= WP_CHANGE_DELETE; op++)
      {
        g_autofree char *sql = g_strdup_printf ("DROP TRIGGER IF EXISTS temp.wp_log_%s_%s",
                                                records[kind].name, trigger_suffixes[op]);

        if (sqlite3_exec (log->db, sql, NULL, NULL, NULL) != SQLITE_OK)
          return set_error (log->db, error);
      }
  return TRUE;
}

static gboolean
query_id (sqlite3     *db,
          const char  *sql,
          gint64      *out,
          GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    return set_error (db, error);
  rc = sqlite3_step (stmt);
  *out = rc == SQLITE_ROW ? sqlite3_column_int64 (stmt, 0) : 0;
  sqlite3_finalize (stmt);
  return rc == SQLITE_ROW || rc == SQLITE_DONE ? TRUE : set_error (db, error);
}

/* The id of the newest row of the log, 0 when it is empty */
gboolean
wp_change_log_last (WpStore  *store,
                    gint64   *last,
                    GError  **error)
{
  sqlite3 *db = store->db;
  return query_id (db, "SELECT coalesce (max (id), 0) FROM main.change_log", last, error);
}

/* The id of the oldest row the log still has, 0 when it is empty */
gboolean
wp_change_log_first (WpStore  *store,
                     gint64   *first,
                     GError  **error)
{
  sqlite3 *db = store->db;
  return query_id (db, "SELECT coalesce (min (id), 0) FROM main.change_log", first, error);
}

static gint64
column_id (sqlite3_stmt *stmt,
           int           column,
           gint64        none)
{
  return sqlite3_column_type (stmt, column) == SQLITE_NULL ? none
                                                            : sqlite3_column_int64 (stmt, column);
}

static char *
column_dup (sqlite3_stmt *stmt,
            int           column)
{
  return g_strdup ((const char *) sqlite3_column_text (stmt, column));
}

/**
 * wp_change_log_read:
 * @after: read the rows newer than this id
 *
 * Returns: (transfer full) (element-type WpChange): the rows, oldest first,
 *   or %NULL with @error set
 */
GPtrArray *
wp_change_log_read (WpStore  *store,
                    gint64    after,
                    GError  **error)
{
  sqlite3 *db = store->db;
  g_autoptr(GPtrArray) changes = g_ptr_array_new_with_free_func ((GDestroyNotify) wp_change_free);
  sqlite3_stmt *stmt = NULL;
  int rc;

  if (sqlite3_prepare_v2 (db,
                          "SELECT id, record, op, key, before, after,"
                          "  json_extract (key, '$.id'),"
                          "  coalesce (json_extract (after, '$.item_id'),"
                          "            json_extract (before, '$.item_id')),"
                          "  json_extract (before, '$.plan_id'), json_extract (after, '$.plan_id'),"
                          "  json_extract (before, '$.parent_id'),"
                          "  json_extract (after, '$.parent_id'),"
                          "  json_extract (before, '$.position'),"
                          "  json_extract (after, '$.position'),"
                          "  coalesce (json_extract (before, '$.deleted_with'), 0) = 0,"
                          "  coalesce (json_extract (after, '$.deleted_with'), 0) = 0,"
                          "  json_extract (key, '$.plan_id'), json_extract (key, '$.parent_id'),"
                          "  json_extract (after, '$.from'), json_extract (after, '$.delta'),"
                          "  json_extract (after, '$.except')"
                          " FROM main.change_log WHERE id > ?1 ORDER BY id",
                          -1, &stmt, NULL) != SQLITE_OK)
    {
      set_error (db, error);
      return NULL;
    }
  sqlite3_bind_int64 (stmt, 1, after);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(WpChange) change = g_new0 (WpChange, 1);
      int op = sqlite3_column_int (stmt, 2);

      change->id = sqlite3_column_int64 (stmt, 0);
      if (!record_kind_from_string ((const char *) sqlite3_column_text (stmt, 1),
                                    &change->record)
          || op < WP_CHANGE_INSERT || op > WP_CHANGE_SHIFT)
        continue;  /* a kind of a newer version of ours: nothing to route */
      change->op = op;
      change->key = column_dup (stmt, 3);
      change->before = column_dup (stmt, 4);
      change->after = column_dup (stmt, 5);
      change->record_id = column_id (stmt, 6, 0);
      change->item_id = change->record == WP_RECORD_ITEM ? change->record_id
                                                         : column_id (stmt, 7, 0);
      change->plan_before = column_id (stmt, 8, 0);
      change->plan_after = column_id (stmt, 9, 0);
      change->parent_before = column_id (stmt, 10, 0);
      change->parent_after = column_id (stmt, 11, 0);
      change->position_before = (int) column_id (stmt, 12, -1);
      change->position_after = (int) column_id (stmt, 13, -1);
      change->shown_before = change->before != NULL && sqlite3_column_int (stmt, 14);
      change->shown_after = change->after != NULL && sqlite3_column_int (stmt, 15);
      if (change->op == WP_CHANGE_SHIFT)
        {
          change->plan_before = change->plan_after = column_id (stmt, 16, 0);
          change->parent_before = change->parent_after = column_id (stmt, 17, 0);
          change->shift_from = (int) column_id (stmt, 18, 0);
          change->shift_delta = (int) column_id (stmt, 19, 0);
          change->shift_except = column_id (stmt, 20, 0);
          change->shown_before = change->shown_after = TRUE;
        }
      g_ptr_array_add (changes, g_steal_pointer (&change));
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      set_error (db, error);
      return NULL;
    }
  return g_steal_pointer (&changes);
}

/* Logs that plan @plan_id was written in bulk (while the log was paused) */
gboolean
wp_change_log_add_bulk (WpStore  *store,
                        gint64    plan_id,
                        GError  **error)
{
  sqlite3 *db = store->db;
  sqlite3_stmt *stmt = NULL;
  int rc;

  if (sqlite3_prepare_v2 (db, "INSERT INTO main.change_log (record, op, key)"
                              " VALUES ('plan', 4, json_object ('id', ?1))",
                          -1, &stmt, NULL) != SQLITE_OK)
    return set_error (db, error);
  sqlite3_bind_int64 (stmt, 1, plan_id);
  rc = sqlite3_step (stmt);
  sqlite3_finalize (stmt);
  return rc == SQLITE_DONE ? TRUE : set_error (db, error);
}

/* Logs that wp_store_shift_siblings() moved the live siblings of
 * @parent_id at or after @from by @delta, all but @except_id, while the
 * triggers were paused */
gboolean
wp_change_log_add_shift (WpStore  *store,
                         gint64    plan_id,
                         gint64    parent_id,
                         int       from,
                         int       delta,
                         gint64    except_id,
                         GError  **error)
{
  sqlite3 *db = store->db;
  sqlite3_stmt *stmt = NULL;
  int rc;

  if (sqlite3_prepare_v2 (db, "INSERT INTO main.change_log (record, op, key, after)"
                              " VALUES ('item', 5, json_object ('plan_id', ?1, 'parent_id', ?2),"
                              " json_object ('from', ?3, 'delta', ?4, 'except', ?5))",
                          -1, &stmt, NULL) != SQLITE_OK)
    return set_error (db, error);
  sqlite3_bind_int64 (stmt, 1, plan_id);
  if (parent_id != 0)
    sqlite3_bind_int64 (stmt, 2, parent_id);
  sqlite3_bind_int (stmt, 3, from);
  sqlite3_bind_int (stmt, 4, delta);
  if (except_id != 0)
    sqlite3_bind_int64 (stmt, 5, except_id);
  rc = sqlite3_step (stmt);
  sqlite3_finalize (stmt);
  return rc == SQLITE_DONE ? TRUE : set_error (db, error);
}

/* The reverse of a shift: the siblings it moved (now at or after
 * from + delta) move back. Exact when reversed in order, as
 * wp_change_log_reverse() does: whatever else was written after the
 * shift has been reversed first. */
static gboolean
reverse_shift (sqlite3         *db,
               const WpChange  *change,
               GError         **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  if (sqlite3_prepare_v2 (db, "UPDATE main.item_all SET position = position"
                              "   - json_extract (?2, '$.delta')"
                              " WHERE plan_id = json_extract (?1, '$.plan_id')"
                              " AND parent_id IS json_extract (?1, '$.parent_id')"
                              " AND deleted_with = 0"
                              " AND position >= json_extract (?2, '$.from')"
                              "                 + json_extract (?2, '$.delta')"
                              " AND id IS NOT json_extract (?2, '$.except')",
                          -1, &stmt, NULL) != SQLITE_OK)
    return set_error (db, error);
  sqlite3_bind_text (stmt, 1, change->key, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, change->after, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  sqlite3_finalize (stmt);
  return rc == SQLITE_DONE ? TRUE : set_error (db, error);
}

/* WHERE k1 = json_extract (?1, '$.k1') AND … */
static void
append_key_match (GString            *sql,
                  const char * const *key)
{
  g_string_append (sql, " WHERE ");
  for (guint i = 0; key[i] != NULL; i++)
    g_string_append_printf (sql, "%s\"%s\" = json_extract (?1, '$.%s')", i > 0 ? " AND " : "",
                            key[i], key[i]);
}

/* The statement that undoes an @op of a record of @kind: ?1 is the
 * change's key, ?2 the row before it, ?3 the row after it. */
static sqlite3_stmt *
reverse_statement (WpChangeLog  *log,
                   WpRecordKind  kind,
                   WpChangeOp    op,
                   GError      **error)
{
  Table *table = &log->tables[kind];
  const char * const *columns = (const char * const *) table->columns;
  g_autoptr(GString) sql = g_string_new (NULL);

  if (table->reverse[op] != NULL)
    {
      sqlite3_reset (table->reverse[op]);
      sqlite3_clear_bindings (table->reverse[op]);
      return table->reverse[op];
    }

  switch (op)
    {
    case WP_CHANGE_INSERT:
      g_string_append_printf (sql, "DELETE FROM main.\"%s\"", records[kind].table);
      append_key_match (sql, (const char * const *) table->key);
      break;

    case WP_CHANGE_UPDATE:
      /* (a column in neither row did not change; one only in the row after
       * was NULL before: see append_update_row()) */
      g_string_append_printf (sql, "UPDATE main.\"%s\" SET ", records[kind].table);
      for (guint i = 0; columns[i] != NULL; i++)
        g_string_append_printf (sql, "%s\"%s\" = CASE"
                                     " WHEN json_type (?2, '$.%s') IS NOT NULL"
                                     "  THEN json_extract (?2, '$.%s')"
                                     " WHEN json_type (?3, '$.%s') IS NOT NULL THEN NULL"
                                     " ELSE \"%s\" END",
                                i > 0 ? ", " : "", columns[i], columns[i], columns[i], columns[i],
                                columns[i]);
      append_key_match (sql, (const char * const *) table->key);
      break;

    case WP_CHANGE_DELETE:
      g_string_append_printf (sql, "INSERT INTO main.\"%s\" (", records[kind].table);
      for (guint i = 0; columns[i] != NULL; i++)
        g_string_append_printf (sql, "%s\"%s\"", i > 0 ? ", " : "", columns[i]);
      g_string_append (sql, ") VALUES (");
      for (guint i = 0; columns[i] != NULL; i++)
        g_string_append_printf (sql, "%sjson_extract (?2, '$.%s')", i > 0 ? ", " : "",
                                columns[i]);
      g_string_append (sql, ")");
      break;

    case WP_CHANGE_BULK:
    default:
      g_assert_not_reached ();
    }

  if (sqlite3_prepare_v2 (log->db, sql->str, -1, &table->reverse[op], NULL) != SQLITE_OK)
    {
      set_error (log->db, error);
      return NULL;
    }
  return table->reverse[op];
}

/**
 * wp_change_log_reverse:
 * @changes: (element-type WpChange): changes the connection made, oldest
 *   first
 *
 * Writes the reverse of each of @changes, newest first, in the caller's
 * transaction: a row inserted is deleted, one deleted comes back with its
 * id, an updated one gets its columns back. Foreign keys are checked at
 * the commit (a subtree comes back children before parents). The reverse
 * is logged like any other write, so it can itself be reversed (redo).
 */
gboolean
wp_change_log_reverse (WpChangeLog  *log,
                       GPtrArray    *changes,
                       GError      **error)
{
  g_return_val_if_fail (!sqlite3_get_autocommit (log->db), FALSE);

  if (sqlite3_exec (log->db, "PRAGMA defer_foreign_keys = ON", NULL, NULL, NULL) != SQLITE_OK)
    return set_error (log->db, error);

  for (guint i = changes->len; i-- > 0;)
    {
      WpChange *change = g_ptr_array_index (changes, i);
      sqlite3_stmt *stmt;

      if (change->op == WP_CHANGE_BULK)
        {
          g_set_error (error, WP_STORE_ERROR, WP_STORE_ERROR_INVALID,
                       _("A whole plan was written at once here; it cannot be taken back "
                         "step by step. Restore a backup instead."));
          return FALSE;
        }
      if (change->op == WP_CHANGE_SHIFT)
        {
          /* (logged as itself: the triggers would log each sibling) */
          gboolean ok;

          wp_change_log_pause (log);
          ok = reverse_shift (log->db, change, error)
               && wp_change_log_add_shift (log->store, change->plan_after, change->parent_after,
                                           change->shift_from + change->shift_delta,
                                           -change->shift_delta, change->shift_except, error);
          wp_change_log_resume (log);
          if (!ok)
            return FALSE;
          continue;
        }
      stmt = reverse_statement (log, change->record, change->op, error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, change->key, -1, SQLITE_STATIC);
      if (change->before != NULL)
        sqlite3_bind_text (stmt, 2, change->before, -1, SQLITE_STATIC);
      if (change->after != NULL && change->op == WP_CHANGE_UPDATE)
        sqlite3_bind_text (stmt, 3, change->after, -1, SQLITE_STATIC);
      if (sqlite3_step (stmt) != SQLITE_DONE)
        {
          set_error (log->db, error);
          sqlite3_reset (stmt);
          return FALSE;
        }
      sqlite3_reset (stmt);
    }
  return TRUE;
}

/* Deletes all but the newest @keep rows of the log */
gboolean
wp_change_log_trim (WpStore  *store,
                    gint64    keep,
                    GError  **error)
{
  sqlite3 *db = store->db;
  sqlite3_stmt *stmt = NULL;
  int rc;

  if (sqlite3_prepare_v2 (db, "DELETE FROM main.change_log"
                              " WHERE id <= (SELECT max (id) FROM main.change_log) - ?1",
                          -1, &stmt, NULL) != SQLITE_OK)
    return set_error (db, error);
  sqlite3_bind_int64 (stmt, 1, keep);
  rc = sqlite3_step (stmt);
  sqlite3_finalize (stmt);
  return rc == SQLITE_DONE ? TRUE : set_error (db, error);
}
