/* wp-store-bulk.c: writing many complete items at once (imports)
 *
 * wp_store_create_item() and the setters each make an item the way the
 * outline does: in a savepoint, counting and shifting its siblings,
 * rewriting its row once per field, looking its agencies up by name and
 * re-reading the items above it. Every one of those statements also made
 * the search index write a new segment (three times per item: on insert,
 * on the description, on each note). At 100,000 items that was most of an
 * import's minute. Here each item is its complete row at the place the
 * importer gives, written with others in one multi-row INSERT, agencies
 * are looked up once per name, and the search index triggers are set
 * aside inside the transaction: the items written are indexed in one
 * statement before it commits, and the triggers are back in the same
 * commit. A failure or a cancel rolls all of it back.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "wp-db.h"
#include "wp-deadline.h"
#include "wp-store-bulk.h"
#include "wp-milestone-queries.h"
#include "wp-tracking-queries.h"
#include "wp-store-private.h"

struct _WpStoreBulk {
  WpStore      *store;
  GCancellable *cancellable;
  gboolean      open;         /* in the transaction, not yet committed */
  gboolean      own_tx;       /* the transaction is ours, not the caller's */
  GPtrArray    *trigger_sql;  /* the suspended triggers' CREATE statements */
  gboolean      log_removed;  /* the change log's triggers are off (it is paused) */
  int           cache_size;   /* the connection's PRAGMA cache_size before, or 0 */
  GHashTable   *agencies;     /* char *name → gint64 id */
  gboolean      new_agencies;
  gint64        first_id;     /* the items written: ids first_id..last_id */
  gint64        last_id;
  char         *now;
  char         *today;

  /* Rows are written ITEM_BATCH or LINK_BATCH at a time: each statement
   * costs its own statement journal (SQLite copies every page it is about
   * to change), savepoint and trigger set-up, which for one row each was
   * most of the write. Ids are given here, as AUTOINCREMENT would, so that
   * the caller has an item's id before its row is written. */
  gint64        next_id;      /* 0: not read yet */
  GArray       *items;        /* PendingItem, not written yet */
  GArray       *links;        /* PendingLink, not written yet */
  GStringChunk *strings;      /* the pending items' texts */
  sqlite3_stmt *insert_items; /* ITEM_BATCH rows */
  sqlite3_stmt *insert_item;  /* one row */
  sqlite3_stmt *insert_links; /* LINK_BATCH rows */
  sqlite3_stmt *insert_link;  /* one row */
};

/* The page cache of a bulk write, KiB: a plan's tables and indexes change
 * all over, and with SQLite's 2 MB the pages changed were written out to
 * the WAL and read back before the commit (at 100,000 items a fifth of the
 * write). 100,000 items fill about 45 MB of the file. */
#define BULK_CACHE_KIB (32 * 1024)

#define ITEM_BATCH 64
#define ITEM_COLUMNS 18
#define LINK_BATCH 256
#define LINK_COLUMNS 4

typedef struct {
  gint64      id;
  gint64      plan_id;
  gint64      parent_id;
  int         position;
  int         progress;
  WpItemKind  kind;
  WpItemStatus status;
  gboolean    ongoing;
  gboolean    carried_over;
  gboolean    carried_forward;
  const char *uuid;         /* in strings, as the texts below */
  const char *title;
  const char *description;
  const char *due;
  const char *due_label;
  const char *done_date;
} PendingItem;

typedef struct {
  gint64       item_id;
  gint64       agency_id;
  WpAgencyRole role;
  int          position;
} PendingLink;

/* The search index triggers that fire on writing items and notes; the
 * ones on deletes stay (an import replacing a plan deletes first). */
static const char *const suspended_triggers[] = {
  "item_search_ai", "item_search_au", "note_search_ai", "note_search_au",
};

static gboolean
cancelled (WpStoreBulk  *bulk,
           GError      **error)
{
  return g_cancellable_set_error_if_cancelled (bulk->cancellable, error);
}

static gboolean
suspend_search_triggers (WpStoreBulk  *bulk,
                         GError      **error)
{
  for (guint i = 0; i < G_N_ELEMENTS (suspended_triggers); i++)
    {
      g_autoptr(WpStmt) stmt =
        wp_stmt_prepare (bulk->store, "SELECT sql FROM sqlite_schema"
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
      g_ptr_array_add (bulk->trigger_sql, g_strdup (wp_stmt_column_text (stmt, 0)));
      g_clear_pointer (&stmt, wp_stmt_release);

      drop = g_strdup_printf ("DROP TRIGGER %s", suspended_triggers[i]);
      if (!wp_store_exec (bulk->store, drop, error))
        return FALSE;
    }
  return TRUE;
}

/* INSERT @head VALUES (?, …) with @n_rows rows of @n_columns */
static sqlite3_stmt *
prepare_rows (WpStoreBulk  *bulk,
              const char   *head,
              int           n_columns,
              int           n_rows,
              GError      **error)
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
  rc = sqlite3_prepare_v3 (bulk->store->db, sql->str, (int) sql->len,
                           SQLITE_PREPARE_PERSISTENT, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      wp_store_set_error (bulk->store, rc, error);
      return NULL;
    }
  return stmt;
}

static void
bind_text (sqlite3_stmt *stmt,
           int           index,
           const char   *text)
{
  /* (the texts stay in bulk->strings until the statement has run) */
  if (text == NULL)
    sqlite3_bind_null (stmt, index);
  else
    sqlite3_bind_text (stmt, index, text, -1, SQLITE_STATIC);
}

static void
bind_item (sqlite3_stmt      *stmt,
           int                row,
           const PendingItem *item,
           const char        *now)
{
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
bind_link (sqlite3_stmt      *stmt,
           int                row,
           const PendingLink *link)
{
  int i = row * LINK_COLUMNS;

  sqlite3_bind_int64 (stmt, i + 1, link->item_id);
  sqlite3_bind_int64 (stmt, i + 2, link->agency_id);
  sqlite3_bind_text (stmt, i + 3, wp_agency_role_to_string (link->role), -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, i + 4, link->position);
}

static gboolean
run_rows (WpStoreBulk   *bulk,
          sqlite3_stmt  *stmt,
          GError       **error)
{
  int rc = sqlite3_step (stmt);

  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  if (rc != SQLITE_DONE)
    return wp_store_set_error (bulk->store, rc, error);
  return TRUE;
}

#define ITEM_INSERT "INSERT INTO item_all (id, uuid, plan_id, parent_id, position, kind, title," \
                    " description, status, progress, due, due_label, ongoing, carried_over," \
                    " carried_forward, created, modified, done_date)"
#define LINK_INSERT "INSERT INTO item_agency (item_id, agency_id, role, position)"

/* Writes the pending items: full batches in one statement each, the rest
 * one by one (a statement for every possible count would cost more to
 * prepare than it saves). */
static gboolean
flush_items (WpStoreBulk  *bulk,
             GError      **error)
{
  guint done = 0;

  if (bulk->items->len == 0)
    return TRUE;
  if (bulk->insert_item == NULL
      && (bulk->insert_item = prepare_rows (bulk, ITEM_INSERT, ITEM_COLUMNS, 1, error)) == NULL)
    return FALSE;
  for (; bulk->items->len - done >= ITEM_BATCH; done += ITEM_BATCH)
    {
      if (bulk->insert_items == NULL
          && (bulk->insert_items = prepare_rows (bulk, ITEM_INSERT, ITEM_COLUMNS, ITEM_BATCH,
                                                 error)) == NULL)
        return FALSE;
      for (int row = 0; row < ITEM_BATCH; row++)
        bind_item (bulk->insert_items, row,
                   &g_array_index (bulk->items, PendingItem, done + row), bulk->now);
      if (!run_rows (bulk, bulk->insert_items, error))
        return FALSE;
    }
  for (; done < bulk->items->len; done++)
    {
      bind_item (bulk->insert_item, 0, &g_array_index (bulk->items, PendingItem, done),
                 bulk->now);
      if (!run_rows (bulk, bulk->insert_item, error))
        return FALSE;
    }
  g_array_set_size (bulk->items, 0);
  g_string_chunk_clear (bulk->strings);
  return TRUE;
}

static gboolean
flush_links (WpStoreBulk  *bulk,
             GError      **error)
{
  guint done = 0;

  if (bulk->links->len == 0)
    return TRUE;
  if (bulk->insert_link == NULL
      && (bulk->insert_link = prepare_rows (bulk, LINK_INSERT, LINK_COLUMNS, 1, error)) == NULL)
    return FALSE;
  for (; bulk->links->len - done >= LINK_BATCH; done += LINK_BATCH)
    {
      if (bulk->insert_links == NULL
          && (bulk->insert_links = prepare_rows (bulk, LINK_INSERT, LINK_COLUMNS, LINK_BATCH,
                                                 error)) == NULL)
        return FALSE;
      for (int row = 0; row < LINK_BATCH; row++)
        bind_link (bulk->insert_links, row,
                   &g_array_index (bulk->links, PendingLink, done + row));
      if (!run_rows (bulk, bulk->insert_links, error))
        return FALSE;
    }
  for (; done < bulk->links->len; done++)
    {
      bind_link (bulk->insert_link, 0, &g_array_index (bulk->links, PendingLink, done));
      if (!run_rows (bulk, bulk->insert_link, error))
        return FALSE;
    }
  g_array_set_size (bulk->links, 0);
  return TRUE;
}

/* Writes every pending row: before anything that refers to an item (a
 * note, a target…) and before the commit. */
static gboolean
flush (WpStoreBulk  *bulk,
       GError      **error)
{
  return flush_items (bulk, error) && flush_links (bulk, error);
}

/* A larger page cache for the write (this connection's, until the end) */
static gboolean
set_cache (WpStoreBulk  *bulk,
           GError      **error)
{
  g_autofree char *sql = NULL;
  gint64 size = 0;

  if (!_wp_db_query_int (bulk->store, "PRAGMA cache_size", &size, error))
    return FALSE;
  /* (a positive size counts pages, of 4 KiB here) */
  if ((size < 0 && -size >= BULK_CACHE_KIB) || (size > 0 && size * 4 >= BULK_CACHE_KIB))
    return TRUE;
  sql = g_strdup_printf ("PRAGMA cache_size = -%d", BULK_CACHE_KIB);
  if (!wp_store_exec (bulk->store, sql, error))
    return FALSE;
  bulk->cache_size = (int) size;
  return TRUE;
}

/* Gives the connection its page cache back, and the memory with it. */
static void
restore_cache (WpStoreBulk *bulk)
{
  g_autofree char *sql = NULL;

  if (bulk->cache_size == 0)
    return;
  sql = g_strdup_printf ("PRAGMA cache_size = %d", bulk->cache_size);
  sqlite3_exec (bulk->store->db, sql, NULL, NULL, NULL);
  bulk->cache_size = 0;
}

/**
 * wp_store_bulk_begin:
 * @cancellable: (nullable): cancels the whole write at the next item
 *
 * Starts a bulk write with the store's signals held back until
 * wp_store_bulk_commit() or wp_store_bulk_free(): in a transaction of its
 * own, or else in the caller's, which then rolls back its whole
 * transaction if the bulk write fails. (Not in a savepoint: while one is
 * open, SQLite keeps in memory a copy of pages changed by the statements,
 * and walks that copy at the end of every statement, which made the write
 * slower the bigger the plan.)
 */
WpStoreBulk *
wp_store_bulk_begin (WpStore       *store,
                     GCancellable  *cancellable,
                     GError       **error)
{
  g_autoptr(WpStoreBulk) bulk = g_new0 (WpStoreBulk, 1);
  GDate day;

  g_return_val_if_fail (WP_IS_STORE (store), NULL);

  bulk->store = g_object_ref (store);
  bulk->cancellable = cancellable ? g_object_ref (cancellable) : NULL;
  bulk->trigger_sql = g_ptr_array_new_with_free_func (g_free);
  bulk->agencies = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  bulk->items = g_array_sized_new (FALSE, FALSE, sizeof (PendingItem), ITEM_BATCH);
  bulk->links = g_array_sized_new (FALSE, FALSE, sizeof (PendingLink), LINK_BATCH);
  bulk->strings = g_string_chunk_new (16 * 1024);
  bulk->now = wp_store_now ();
  /* Work marked done is done on the day the app judges by. */
  wp_date_get_reference (&day);
  bulk->today = wp_date_to_iso (&day);

  if (store->tx_depth == 0)
    {
      if (!wp_store_begin (store, error))
        return NULL;
      bulk->own_tx = TRUE;
    }
  bulk->open = TRUE;
  wp_store_freeze_signals (store);
  if (!suspend_search_triggers (bulk, error))
    return NULL;
  /* A paused change log logs nothing row by row (the plan write logs the
   * plan), yet its triggers still ran for every row: off until the commit. */
  if (store->change_log != NULL && wp_change_log_is_paused (store->change_log))
    {
      if (!wp_change_log_remove (store->change_log, error))
        return NULL;
      bulk->log_removed = TRUE;
    }
  if (!set_cache (bulk, error))
    return NULL;
  return g_steal_pointer (&bulk);
}

/* The agency's id, made on first use (with the kind its name states, as
 * wp_store_ensure_agency() does); -1 with @error set. */
static gint64
agency_id (WpStoreBulk  *bulk,
           const char   *name,
           GError      **error)
{
  g_autofree char *clean = NULL;
  gint64 *cached = g_hash_table_lookup (bulk->agencies, name);
  gint64 id = 0;
  int rc;

  if (cached != NULL)
    return *cached;

  if (!g_utf8_validate (name, -1, NULL) || (clean = g_strstrip (g_strdup (name)))[0] == '\0')
    {
      g_set_error (error, WP_STORE_ERROR, WP_STORE_ERROR_INVALID,
                   _("An agency needs a name."));
      return -1;
    }

  {
    g_autoptr(WpStmt) find =
      wp_stmt_prepare (bulk->store, "SELECT id FROM agency WHERE name = ?1", error);

    if (find == NULL)
      return -1;
    wp_stmt_bind_text (find, 1, clean);
    rc = wp_stmt_step (find, error);
    if (rc == SQLITE_ROW)
      id = sqlite3_column_int64 (find->stmt, 0);
    else if (rc != SQLITE_DONE)
      return -1;
  }
  if (id == 0)
    {
      g_autoptr(WpStmt) insert =
        wp_stmt_prepare (bulk->store, "INSERT INTO agency (name, kind) VALUES (?1, ?2)", error);

      if (insert == NULL)
        return -1;
      wp_stmt_bind_text (insert, 1, clean);
      wp_stmt_bind_text (insert, 2, wp_agency_kind_to_string (wp_agency_kind_guess (clean)));
      if (!wp_stmt_run (insert, error))
        return -1;
      id = sqlite3_last_insert_rowid (bulk->store->db);
      bulk->new_agencies = TRUE;
    }

  g_hash_table_insert (bulk->agencies, g_strdup (name), g_memdup2 (&id, sizeof id));
  return id;
}

/* As wp_store_set_item_agencies() gives a new item its lead agencies and
 * then its co-agencies: an agency named in both roles leads (the later
 * row is dropped by ON CONFLICT DO NOTHING, as there). */
static gboolean
add_agencies (WpStoreBulk         *bulk,
              gint64               item_id,
              WpAgencyRole         role,
              const char * const  *names,
              GError             **error)
{
  for (int i = 0; names != NULL && names[i] != NULL; i++)
    {
      PendingLink link = { .item_id = item_id, .role = role, .position = i };

      link.agency_id = agency_id (bulk, names[i], error);
      if (link.agency_id < 0)
        return FALSE;
      g_array_append_val (bulk->links, link);
    }
  return TRUE;
}

/**
 * wp_store_bulk_add_item:
 * @parent_id: an item of the same plan written before, or 0 for the top
 * @position: its place among its siblings; the caller writes each parent's
 *   children in order, from 0, into a parent that had none
 *
 * Returns: the new item's id, or 0 with @error set
 */
gint64
wp_store_bulk_add_item (WpStoreBulk       *bulk,
                        gint64             plan_id,
                        gint64             parent_id,
                        int                position,
                        const WpBulkItem  *item,
                        GError           **error)
{
  PendingItem row = { 0 };
  char uuid[37];

  g_return_val_if_fail (bulk != NULL && bulk->open, 0);
  g_return_val_if_fail (position >= 0, 0);

  if (cancelled (bulk, error))
    return 0;
  if (item->progress < -1 || item->progress > 100)
    {
      g_autofree char *text = g_strdup_printf ("%d", item->progress);

      g_set_error (error, WP_STORE_ERROR, WP_STORE_ERROR_INVALID,
                   _("“%s” is not a valid value for %s."), text, "progress");
      return 0;
    }

  /* The id AUTOINCREMENT would give: above every id the table ever had. */
  if (bulk->next_id == 0)
    {
      g_autoptr(WpStmt) stmt =
        wp_stmt_prepare (bulk->store, "SELECT max (coalesce ((SELECT seq FROM sqlite_sequence"
                                      " WHERE name = 'item_all'), 0), coalesce ((SELECT"
                                      " max (id) FROM item_all), 0)) + 1", error);

      if (stmt == NULL || wp_stmt_step (stmt, error) != SQLITE_ROW)
        return 0;
      bulk->next_id = sqlite3_column_int64 (stmt->stmt, 0);
    }

  {
    g_autofree char *random = g_uuid_string_random ();

    g_strlcpy (uuid, random, sizeof uuid);
  }
  row.id = bulk->next_id++;
  row.plan_id = plan_id;
  row.parent_id = parent_id;
  row.position = position;
  row.progress = item->progress;
  row.kind = item->kind;
  row.status = item->status;
  row.ongoing = item->ongoing;
  row.carried_over = item->carried_over;
  row.carried_forward = item->carried_forward;
  row.uuid = g_string_chunk_insert (bulk->strings, uuid);
  row.title = g_string_chunk_insert (bulk->strings, item->title ? item->title : "");
  row.description = g_string_chunk_insert (bulk->strings,
                                           item->description ? item->description : "");
  row.due = item->due ? g_string_chunk_insert (bulk->strings, item->due) : NULL;
  row.due_label = g_string_chunk_insert (bulk->strings, item->due_label ? item->due_label : "");
  if (item->status == WP_ITEM_STATUS_DONE)
    row.done_date = g_string_chunk_insert (bulk->strings,
                                           item->done_date ? item->done_date : bulk->today);
  g_array_append_val (bulk->items, row);

  if (!add_agencies (bulk, row.id, WP_AGENCY_ROLE_LEAD, item->lead, error)
      || !add_agencies (bulk, row.id, WP_AGENCY_ROLE_CO, item->co, error))
    return 0;
  if ((bulk->items->len >= ITEM_BATCH || bulk->links->len >= LINK_BATCH) && !flush (bulk, error))
    return 0;

  if (bulk->first_id == 0)
    bulk->first_id = row.id;
  bulk->last_id = row.id;
  return row.id;
}

static gboolean
written_here (WpStoreBulk  *bulk,
              gint64        item_id)
{
  /* Ids only grow (AUTOINCREMENT), and nothing else writes meanwhile. */
  g_return_val_if_fail (item_id >= bulk->first_id && item_id <= bulk->last_id
                        && bulk->first_id > 0, FALSE);
  return TRUE;
}

/* Targets go after the item's others, in the order they are added. */
gboolean
wp_store_bulk_add_target (WpStoreBulk     *bulk,
                          gint64           item_id,
                          const WpTarget  *target,
                          GError         **error)
{
  g_return_val_if_fail (bulk != NULL && bulk->open, FALSE);
  if (!written_here (bulk, item_id))
    return FALSE;
  if (!flush (bulk, error))
    return FALSE;
  return wp_store_add_target (bulk->store, item_id, target, error) != 0;
}

/* @item_id is an item of this bulk write: its notes are indexed with it. */
gboolean
wp_store_bulk_add_note (WpStoreBulk  *bulk,
                        gint64        item_id,
                        const GDate  *date,
                        const char   *text,
                        int           progress,
                        const char   *reporter,
                        GError      **error)
{
  g_return_val_if_fail (bulk != NULL && bulk->open, FALSE);
  if (!written_here (bulk, item_id))
    return FALSE;
  if (!flush (bulk, error))
    return FALSE;
  return wp_store_add_note_by (bulk->store, item_id, date, text, progress, reporter,
                               error) != 0;
}

/**
 * wp_store_bulk_set_plan:
 * @checked: (nullable): when its year-end check was done
 *
 * Gives the plan being written its rules and year-end check.
 */
gboolean
wp_store_bulk_set_plan (WpStoreBulk           *bulk,
                        gint64                 plan_id,
                        const WpPlanSettings  *settings,
                        const char            *checked,
                        GError               **error)
{
  int rc;

  g_return_val_if_fail (bulk != NULL && bulk->open, FALSE);
  rc = wp_tracking_queries_put_settings (bulk->store->db, plan_id, settings);
  if (rc == SQLITE_OK && checked != NULL)
    rc = wp_tracking_queries_set_checked (bulk->store->db, plan_id, checked);
  return rc == SQLITE_OK || wp_store_set_error (bulk->store, rc, error);
}

/**
 * wp_store_bulk_add_milestone:
 *
 * Sets the milestone of an item written in this bulk write for a quarter.
 */
gboolean
wp_store_bulk_add_milestone (WpStoreBulk  *bulk,
                             gint64        item_id,
                             int           quarter,
                             const char   *text,
                             int           progress,
                             GError      **error)
{
  int rc;

  g_return_val_if_fail (bulk != NULL && bulk->open, FALSE);
  if (!written_here (bulk, item_id))
    return FALSE;
  if (quarter < 1 || quarter > 4 || progress < -1 || progress > 100)
    {
      g_set_error (error, WP_STORE_ERROR, WP_STORE_ERROR_INVALID,
                   _("A milestone is for a quarter (1 to 4) and its progress is 0 to 100%%."));
      return FALSE;
    }
  if (!flush (bulk, error))
    return FALSE;
  rc = wp_milestone_queries_put (bulk->store->db, item_id, quarter, text, progress);
  return rc == SQLITE_OK || wp_store_set_error (bulk->store, rc, error);
}

/**
 * wp_store_bulk_add_tracking:
 * @n_missing: (inout): counts files named by reference whose bytes this
 *   plan file does not hold (they are left out)
 *
 * Writes the close-out, evidence files and year-end reason of an item
 * written in this bulk write; see _wp_store_import_tracking().
 */
gboolean
wp_store_bulk_add_tracking (WpStoreBulk      *bulk,
                            gint64            item_id,
                            const WpCloseout *closeout,
                            GPtrArray        *attachment_refs,
                            const char       *reason,
                            guint            *n_missing,
                            GError          **error)
{
  g_return_val_if_fail (bulk != NULL && bulk->open, FALSE);
  if (!written_here (bulk, item_id))
    return FALSE;
  if (!flush (bulk, error))
    return FALSE;
  return _wp_store_import_tracking (bulk->store, item_id, closeout, attachment_refs, reason,
                                    n_missing, error);
}

/**
 * wp_store_bulk_commit:
 *
 * Indexes the items written for search, puts the search triggers back and
 * commits (or leaves the caller's transaction to it). On failure
 * everything written is rolled back (begun in the caller's transaction: by
 * the caller).
 */
gboolean
wp_store_bulk_commit (WpStoreBulk  *bulk,
                      GError      **error)
{
  WpStore *store = bulk->store;

  g_return_val_if_fail (bulk->open, FALSE);

  if (cancelled (bulk, error) || !flush (bulk, error))
    return FALSE;

  /* The items written and their notes, indexed as the triggers would
   * have (each index reads only the words it is given: see migration 11) */
  if (bulk->first_id > 0)
    {
      static const char *const fill[] = {
        "INSERT INTO item_search (rowid, title, description)"
        " SELECT id, title, description FROM item_all WHERE id BETWEEN ?1 AND ?2",
        "INSERT INTO note_search (rowid, text)"
        " SELECT id, text FROM note WHERE item_id BETWEEN ?1 AND ?2",
      };

      for (guint i = 0; i < G_N_ELEMENTS (fill); i++)
        {
          g_autoptr(WpStmt) stmt = wp_stmt_prepare (store, fill[i], error);

          if (stmt == NULL)
            return FALSE;
          sqlite3_bind_int64 (stmt->stmt, 1, bulk->first_id);
          sqlite3_bind_int64 (stmt->stmt, 2, bulk->last_id);
          if (!wp_stmt_run (stmt, error))
            return FALSE;
        }
    }

  for (guint i = 0; i < bulk->trigger_sql->len; i++)
    if (!wp_store_exec (store, g_ptr_array_index (bulk->trigger_sql, i), error))
      return FALSE;
  if (bulk->log_removed && !wp_change_log_install (store->change_log, error))
    return FALSE;

  /* A failed commit has rolled back already. */
  bulk->open = FALSE;
  if (bulk->own_tx && !wp_store_commit (store, error))
    {
      restore_cache (bulk);
      wp_store_thaw_signals (store);
      return FALSE;
    }
  /* (after the commit: its changed pages are in that cache) */
  restore_cache (bulk);

  if (bulk->new_agencies)
    g_signal_emit (store, wp_store_signals[SIGNAL_AGENCIES_CHANGED], 0);
  /* The views read the file again: rollups, child counts, plans. */
  wp_store_plans_changed (store);
  wp_store_thaw_signals (store);
  return TRUE;
}

/* Rolls back what was not committed: its own transaction, or (begun in
 * the caller's) nothing, the caller rolling back its transaction. */
void
wp_store_bulk_free (WpStoreBulk *bulk)
{
  if (bulk == NULL)
    return;
  if (bulk->open)
    {
      /* (in the caller's transaction, the caller rolls it back) */
      if (bulk->own_tx)
        wp_store_rollback (bulk->store);
      wp_store_thaw_signals (bulk->store);
    }
  restore_cache (bulk);
  g_clear_object (&bulk->cancellable);
  g_clear_object (&bulk->store);
  g_clear_pointer (&bulk->trigger_sql, g_ptr_array_unref);
  g_clear_pointer (&bulk->agencies, g_hash_table_unref);
  g_clear_pointer (&bulk->items, g_array_unref);
  g_clear_pointer (&bulk->links, g_array_unref);
  g_clear_pointer (&bulk->strings, g_string_chunk_free);
  g_clear_pointer (&bulk->insert_items, sqlite3_finalize);
  g_clear_pointer (&bulk->insert_item, sqlite3_finalize);
  g_clear_pointer (&bulk->insert_links, sqlite3_finalize);
  g_clear_pointer (&bulk->insert_link, sqlite3_finalize);
  g_free (bulk->now);
  g_free (bulk->today);
  g_free (bulk);
}
