/* wp-bulk-queries.c: the SQL of writing many complete items at once
 *
 * SQLite's side of WpBulkQueries (db/wp-backend.h): rows written many to
 * one INSERT, ids given as AUTOINCREMENT would give them, the FTS5
 * triggers set aside for the write and the index filled in one statement
 * at the end, and a larger page cache meanwhile. No signals, no
 * transactions: wp-store-bulk.c runs these in its transaction.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "wp-backend.h"
#include "wp-db.h"
#include "wp-db-stmt.h"
#include "wp-store-private.h"

/* The page cache of a bulk write, KiB: a plan's tables and indexes change
 * all over, and with SQLite's 2 MB the pages changed were written out to
 * the WAL and read back before the commit (at 100,000 items a fifth of the
 * write). 100,000 items fill about 45 MB of the file. */
#define BULK_CACHE_KIB (32 * 1024)

/* Rows are written ITEM_BATCH or LINK_BATCH at a time: each statement
 * costs its own statement journal (SQLite copies every page it is about
 * to change), savepoint and trigger set-up, which for one row each was
 * most of the write. */
#define ITEM_BATCH 64
#define ITEM_COLUMNS 18
#define LINK_BATCH 256
#define LINK_COLUMNS 4

struct _WpBulkWriter {
  WpStore      *store;
  GPtrArray    *trigger_sql;  /* the suspended triggers' CREATE statements */
  int           cache_size;   /* the connection's PRAGMA cache_size before, or 0 */
  sqlite3_stmt *insert_items; /* ITEM_BATCH rows */
  sqlite3_stmt *insert_item;  /* one row */
  sqlite3_stmt *insert_links; /* LINK_BATCH rows */
  sqlite3_stmt *insert_link;  /* one row */
};

/* The search index triggers that fire on writing items and notes; the
 * ones on deletes stay (an import replacing a plan deletes first). */
static const char *const suspended_triggers[] = {
  "item_search_ai", "item_search_au", "note_search_ai", "note_search_au",
};

static gboolean
suspend_search_triggers (WpBulkWriter  *writer,
                         GError       **error)
{
  for (guint i = 0; i < G_N_ELEMENTS (suspended_triggers); i++)
    {
      g_autoptr(WpStmt) stmt =
        wp_stmt_prepare (writer->store, "SELECT sql FROM sqlite_schema"
                                        " WHERE type = 'trigger' AND name = ?1", error);
      g_autofree char *drop = NULL;
      int rc;

      if (stmt == NULL)
        return FALSE;
      wp_stmt_bind_text (stmt, 1, suspended_triggers[i]);
      rc = wp_stmt_step (stmt, error);
      if (rc == SQLITE_DONE)
        continue;
      if (rc != SQLITE_ROW)
        return FALSE;
      g_ptr_array_add (writer->trigger_sql, g_strdup (wp_stmt_column_text (stmt, 0)));
      g_clear_pointer (&stmt, wp_stmt_release);

      drop = g_strdup_printf ("DROP TRIGGER %s", suspended_triggers[i]);
      if (!wp_store_exec (writer->store, drop, error))
        return FALSE;
    }
  return TRUE;
}

/* A larger page cache for the write (this connection's, until the end) */
static gboolean
set_cache (WpBulkWriter  *writer,
           GError       **error)
{
  g_autofree char *sql = NULL;
  gint64 size = 0;

  if (!_wp_db_query_int (writer->store, "PRAGMA cache_size", &size, error))
    return FALSE;
  /* (a positive size counts pages, of 4 KiB here) */
  if ((size < 0 && -size >= BULK_CACHE_KIB) || (size > 0 && size * 4 >= BULK_CACHE_KIB))
    return TRUE;
  sql = g_strdup_printf ("PRAGMA cache_size = -%d", BULK_CACHE_KIB);
  if (!wp_store_exec (writer->store, sql, error))
    return FALSE;
  writer->cache_size = (int) size;
  return TRUE;
}

/* Gives the connection its page cache back, and the memory with it. */
static void
restore_cache (WpBulkWriter *writer)
{
  g_autofree char *sql = NULL;

  if (writer->cache_size == 0)
    return;
  sql = g_strdup_printf ("PRAGMA cache_size = %d", writer->cache_size);
  sqlite3_exec (writer->store->db, sql, NULL, NULL, NULL);
  writer->cache_size = 0;
}

static void
writer_free (WpBulkWriter *writer)
{
  if (writer == NULL)
    return;
  restore_cache (writer);
  g_clear_pointer (&writer->trigger_sql, g_ptr_array_unref);
  g_clear_pointer (&writer->insert_items, sqlite3_finalize);
  g_clear_pointer (&writer->insert_item, sqlite3_finalize);
  g_clear_pointer (&writer->insert_links, sqlite3_finalize);
  g_clear_pointer (&writer->insert_link, sqlite3_finalize);
  g_free (writer);
}

static WpBulkWriter *
begin (WpStore  *conn,
       GError  **error)
{
  WpBulkWriter *writer = g_new0 (WpBulkWriter, 1);

  writer->store = conn;
  writer->trigger_sql = g_ptr_array_new_with_free_func (g_free);
  if (!suspend_search_triggers (writer, error) || !set_cache (writer, error))
    {
      writer_free (writer);
      return NULL;
    }
  return writer;
}

static gint64
next_item_id (WpBulkWriter  *writer,
              GError       **error)
{
  g_autoptr(WpStmt) stmt =
    wp_stmt_prepare (writer->store, "SELECT max (coalesce ((SELECT seq FROM sqlite_sequence"
                                    " WHERE name = 'item_all'), 0), coalesce ((SELECT"
                                    " max (id) FROM item_all), 0)) + 1", error);

  if (stmt == NULL || wp_stmt_step (stmt, error) != SQLITE_ROW)
    return 0;
  return sqlite3_column_int64 (stmt->stmt, 0);
}

/* INSERT @head VALUES (?, …) with @n_rows rows of @n_columns */
static sqlite3_stmt *
prepare_rows (WpBulkWriter  *writer,
              const char    *head,
              int            n_columns,
              int            n_rows,
              GError       **error)
{
  g_autoptr(GString) sql = g_string_new (head);
  sqlite3_stmt *stmt = NULL;
  int rc;

  g_string_append (sql, " VALUES ");
  for (int row = 0; row < n_rows; row++)
    {
      g_string_append (sql, row == 0 ? "(?" : ", (?");
      for (int column = 1; column < n_columns; column++)
        g_string_append (sql, ", ?");
      g_string_append_c (sql, ')');
    }
  if (g_str_has_prefix (head, "INSERT INTO item_agency"))
    g_string_append (sql, " ON CONFLICT DO NOTHING");
  rc = sqlite3_prepare_v3 (writer->store->db, sql->str, (int) sql->len,
                           SQLITE_PREPARE_PERSISTENT, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      wp_store_set_error (writer->store, rc, error);
      return NULL;
    }
  return stmt;
}

static void
bind_text (sqlite3_stmt *stmt,
           int           index,
           const char   *text)
{
  /* (the caller keeps the texts until the statement has run) */
  if (text == NULL)
    sqlite3_bind_null (stmt, index);
  else
    sqlite3_bind_text (stmt, index, text, -1, SQLITE_STATIC);
}

static void
bind_item (sqlite3_stmt  *stmt,
           int            row,
           gconstpointer  data,
           const char    *now)
{
  const WpBulkItemRow *item = data;
  int i = row * ITEM_COLUMNS;

  sqlite3_bind_int64 (stmt, i + 1, item->id);
  bind_text (stmt, i + 2, item->uuid);
  sqlite3_bind_int64 (stmt, i + 3, item->plan_id);
  if (item->parent_id != 0)
    sqlite3_bind_int64 (stmt, i + 4, item->parent_id);
  else
    sqlite3_bind_null (stmt, i + 4);
  sqlite3_bind_int (stmt, i + 5, item->position);
  bind_text (stmt, i + 6, wp_item_kind_to_string (item->kind));
  bind_text (stmt, i + 7, item->title);
  bind_text (stmt, i + 8, item->description);
  bind_text (stmt, i + 9, wp_item_status_to_string (item->status));
  if (item->progress >= 0)
    sqlite3_bind_int (stmt, i + 10, item->progress);
  else
    sqlite3_bind_null (stmt, i + 10);
  bind_text (stmt, i + 11, item->due);
  bind_text (stmt, i + 12, item->due_label);
  sqlite3_bind_int (stmt, i + 13, item->ongoing ? 1 : 0);
  sqlite3_bind_int (stmt, i + 14, item->carried_over ? 1 : 0);
  sqlite3_bind_int (stmt, i + 15, item->carried_forward ? 1 : 0);
  bind_text (stmt, i + 16, now);  /* created */
  bind_text (stmt, i + 17, now);  /* modified */
  bind_text (stmt, i + 18, item->done_date);
}

static void
bind_link (sqlite3_stmt  *stmt,
           int            row,
           gconstpointer  data,
           const char    *now)
{
  const WpBulkLinkRow *link = data;
  int i = row * LINK_COLUMNS;

  sqlite3_bind_int64 (stmt, i + 1, link->item_id);
  sqlite3_bind_int64 (stmt, i + 2, link->agency_id);
  sqlite3_bind_text (stmt, i + 3, wp_agency_role_to_string (link->role), -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, i + 4, link->position);
}

static gboolean
run_rows (WpBulkWriter  *writer,
          sqlite3_stmt  *stmt,
          GError       **error)
{
  int rc = sqlite3_step (stmt);

  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  if (rc != SQLITE_DONE)
    return wp_store_set_error (writer->store, rc, error);
  return TRUE;
}

#define ITEM_INSERT "INSERT INTO item_all (id, uuid, plan_id, parent_id, position, kind, title," \
                    " description, status, progress, due, due_label, ongoing, carried_over," \
                    " carried_forward, created, modified, done_date)"
#define LINK_INSERT "INSERT INTO item_agency (item_id, agency_id, role, position)"

/* One kind of row: its INSERT, how many go in one statement, its binds */
typedef struct {
  const char  *head;
  int          n_columns;
  guint        batch;
  gsize        size;
  void       (*bind) (sqlite3_stmt  *stmt,
                      int            row,
                      gconstpointer  data,
                      const char    *now);
} RowKind;

/* Full batches in one statement (@many) each, the rest one by one (@one):
 * a statement for every possible count would cost more to prepare than it
 * saves. */
static gboolean
write_rows (WpBulkWriter    *writer,
            const RowKind   *kind,
            sqlite3_stmt   **one,
            sqlite3_stmt   **many,
            const guint8    *rows,
            guint            n_rows,
            const char      *now,
            GError         **error)
{
  guint done = 0;

  if (n_rows == 0)
    return TRUE;
  if (*one == NULL && (*one = prepare_rows (writer, kind->head, kind->n_columns, 1,
                                            error)) == NULL)
    return FALSE;
  for (; n_rows - done >= kind->batch; done += kind->batch)
    {
      if (*many == NULL && (*many = prepare_rows (writer, kind->head, kind->n_columns,
                                                  (int) kind->batch, error)) == NULL)
        return FALSE;
      for (guint row = 0; row < kind->batch; row++)
        kind->bind (*many, (int) row, rows + (done + row) * kind->size, now);
      if (!run_rows (writer, *many, error))
        return FALSE;
    }
  for (; done < n_rows; done++)
    {
      kind->bind (*one, 0, rows + done * kind->size, now);
      if (!run_rows (writer, *one, error))
        return FALSE;
    }
  return TRUE;
}

static const RowKind item_rows = {
  ITEM_INSERT, ITEM_COLUMNS, ITEM_BATCH, sizeof (WpBulkItemRow), bind_item
};
static const RowKind link_rows = {
  LINK_INSERT, LINK_COLUMNS, LINK_BATCH, sizeof (WpBulkLinkRow), bind_link
};

static gboolean
write_items (WpBulkWriter         *writer,
             const WpBulkItemRow  *items,
             guint                 n_items,
             const char           *now,
             GError              **error)
{
  return write_rows (writer, &item_rows, &writer->insert_item, &writer->insert_items,
                     (const guint8 *) items, n_items, now, error);
}

static gboolean
write_links (WpBulkWriter         *writer,
             const WpBulkLinkRow  *links,
             guint                 n_links,
             GError              **error)
{
  return write_rows (writer, &link_rows, &writer->insert_link, &writer->insert_links,
                     (const guint8 *) links, n_links, NULL, error);
}

static gboolean
finish (WpBulkWriter  *writer,
        gint64         first_id,
        gint64         last_id,
        GError       **error)
{
  /* The items written and their notes, indexed as the triggers would
   * have (each index reads only the words it is given: see migration 11) */
  if (first_id > 0)
    {
      static const char *const fill[] = {
        "INSERT INTO item_search (rowid, title, description)"
        " SELECT id, title, description FROM item_all WHERE id BETWEEN ?1 AND ?2",
        "INSERT INTO note_search (rowid, text)"
        " SELECT id, text FROM note WHERE item_id BETWEEN ?1 AND ?2",
      };

      for (guint i = 0; i < G_N_ELEMENTS (fill); i++)
        {
          g_autoptr(WpStmt) stmt = wp_stmt_prepare (writer->store, fill[i], error);

          if (stmt == NULL)
            return FALSE;
          wp_stmt_bind_int64 (stmt, 1, first_id);
          wp_stmt_bind_int64 (stmt, 2, last_id);
          if (!wp_stmt_run (stmt, error))
            return FALSE;
        }
    }

  for (guint i = 0; i < writer->trigger_sql->len; i++)
    if (!wp_store_exec (writer->store, g_ptr_array_index (writer->trigger_sql, i), error))
      return FALSE;
  g_ptr_array_set_size (writer->trigger_sql, 0);
  return TRUE;
}

const WpBulkQueries wp_sqlite_bulk_queries = {
  .begin = begin,
  .next_item_id = next_item_id,
  .write_items = write_items,
  .write_links = write_links,
  .finish = finish,
  .restore_cache = restore_cache,
  .free = writer_free,
};
