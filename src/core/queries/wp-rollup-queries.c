/* wp-rollup-queries.c: the SQL of rolling a parent's figures up
 *
 * SQLite's side of WpRollupQueries (db/wp-backend.h): the rows a rollup
 * reads (a whole plan, a subtree, a level) and what the milestones expect.
 * No caches, no signals, no transactions: wp-store-rollups.c rolls up and
 * keeps the figures.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "wp-backend.h"
#include "wp-db.h"
#include "wp-db-stmt.h"
#include "wp-deadline.h"
#include "wp-store-private.h"

/* The columns read_row() takes, from its @first on */
#define ROW_COLUMNS(prefix) \
  prefix "id, coalesce (" prefix "parent_id, 0), " prefix "progress, " prefix "status, " \
  prefix "due, " prefix "carried_forward"

/* The due dates a plan's rows share (a handful: the ends of quarters and
 * of the year), each parsed once and with its day number worked out, which
 * judging a light needs: at 100,000 rows, a tenth of their reading */
#define N_DUES 8

typedef struct {
  char   iso[N_DUES][11];
  GDate  date[N_DUES];
  guint  n, next;
} DueCache;

static void
read_due (DueCache   *dues,
          const char *iso,
          GDate      *due)
{
  guint slot;

  g_date_clear (due, 1);
  if (iso == NULL || strlen (iso) != 10)
    {
      wp_date_from_iso (iso, due);
      return;
    }
  for (guint i = 0; i < dues->n; i++)
    if (memcmp (dues->iso[i], iso, 10) == 0)
      {
        *due = dues->date[i];
        return;
      }
  wp_date_from_iso (iso, due);
  if (g_date_valid (due))
    g_date_get_julian (due);
  slot = dues->n < N_DUES ? dues->n++ : dues->next++ % N_DUES;
  memcpy (dues->iso[slot], iso, 11);
  dues->date[slot] = *due;
}

static void
read_row (sqlite3_stmt *s,
          int           first,
          DueCache     *dues,
          WpRollupRow  *row)
{
  row->id = sqlite3_column_int64 (s, first);
  row->parent_id = sqlite3_column_int64 (s, first + 1);
  row->progress = sqlite3_column_type (s, first + 2) == SQLITE_NULL
                  ? -1 : sqlite3_column_int (s, first + 2);
  if (!wp_item_status_from_string ((const char *) sqlite3_column_text (s, first + 3) ?: "",
                                   &row->status))
    row->status = WP_ITEM_STATUS_NOT_STARTED;
  read_due (dues, (const char *) sqlite3_column_text (s, first + 4), &row->due);
  row->carried_forward = sqlite3_column_int (s, first + 5) != 0;
}

/* Calls @func for each row of @stmt until it says stop */
static gboolean
each_row (WpStmt           *stmt,
          WpRollupRowFunc   func,
          gpointer          user_data,
          GError          **error)
{
  DueCache dues = { .n = 0 };
  int rc;

  while ((rc = wp_stmt_step (stmt, error)) == SQLITE_ROW)
    {
      WpRollupRow row;

      read_row (stmt->stmt, 0, &dues, &row);
      if (!func (&row, user_data))
        return TRUE;
    }
  return rc == SQLITE_DONE;
}

static gboolean
expected (WpStore          *conn,
          gint64            plan_id,
          int               quarter,
          WpItemProgressFunc func,
          gpointer          user_data,
          GError          **error)
{
  g_autoptr(WpStmt) stmt = NULL;
  int rc;

  /* (driven from the milestones: from the plan's items, SQLite looked each
   * of 100,000 up in the milestones, 10 ms at start for none) */
  stmt = wp_stmt_prepare (conn, "SELECT m.item_id, m.progress FROM milestone m"
                                " CROSS JOIN item i ON i.id = m.item_id WHERE i.plan_id = ?1"
                                " AND m.quarter <= ?2 AND m.progress IS NOT NULL"
                                " ORDER BY m.item_id, m.quarter", error);
  if (stmt == NULL)
    return FALSE;
  wp_stmt_bind_int64 (stmt, 1, plan_id);
  wp_stmt_bind_int (stmt, 2, quarter);
  while ((rc = wp_stmt_step (stmt, error)) == SQLITE_ROW)
    func (sqlite3_column_int64 (stmt->stmt, 0), sqlite3_column_int (stmt->stmt, 1), user_data);
  return rc == SQLITE_DONE;
}

/* A plan's live rows in the run of ids ?2 to ?3, in id order */
#define RUN_ROWS_SQL \
  "SELECT " ROW_COLUMNS ("") " FROM item_all NOT INDEXED WHERE id BETWEEN ?2 AND ?3" \
  " AND plan_id = ?1 AND deleted_with = 0 ORDER BY id"

/* The range of ids @plan_id's items have (deleted ones too), and how many
 * ids in it other plans' ranges overlap: the most rows of theirs a scan of
 * the range would pass over. Each is a bisection of the index by plan. */
static gboolean
plan_id_range (WpStore  *conn,
               gint64    plan_id,
               gint64   *lo,
               gint64   *hi,
               gint64   *foreign,
               GError  **error)
{
  g_autoptr(WpStmt) stmt = NULL;

  stmt = wp_stmt_prepare (conn, "SELECT coalesce ((SELECT min (id) FROM item_all"
                                " WHERE plan_id = ?1), 0), coalesce ((SELECT max (id)"
                                " FROM item_all WHERE plan_id = ?1), -1)", error);
  if (stmt == NULL)
    return FALSE;
  wp_stmt_bind_int64 (stmt, 1, plan_id);
  if (wp_stmt_step (stmt, error) != SQLITE_ROW)
    return FALSE;
  *lo = sqlite3_column_int64 (stmt->stmt, 0);
  *hi = sqlite3_column_int64 (stmt->stmt, 1);
  g_clear_pointer (&stmt, wp_stmt_release);

  stmt = wp_stmt_prepare (conn, "SELECT coalesce (sum (max (0, min (?3, hi) - max (?2, lo) + 1)),"
                                " 0) FROM (SELECT (SELECT min (id) FROM item_all"
                                " WHERE plan_id = p.id) AS lo, (SELECT max (id) FROM item_all"
                                " WHERE plan_id = p.id) AS hi FROM plan p WHERE p.id <> ?1)",
                          error);
  if (stmt == NULL)
    return FALSE;
  wp_stmt_bind_int64 (stmt, 1, plan_id);
  wp_stmt_bind_int64 (stmt, 2, *lo);
  wp_stmt_bind_int64 (stmt, 3, *hi);
  if (wp_stmt_step (stmt, error) != SQLITE_ROW)
    return FALSE;
  *foreign = sqlite3_column_int64 (stmt->stmt, 0);
  return TRUE;
}

/* Whether a plan whose ids run from @lo to @hi, with @foreign of other
 * plans' among them, is read along the run rather than by the index */
static gboolean
read_along_run (gint64 lo,
                gint64 hi,
                gint64 foreign)
{
  return foreign <= (hi - lo + 1 - foreign) * 2;
}

static gboolean
plan_rows (WpStore          *conn,
           gint64            plan_id,
           WpRollupRowFunc   func,
           gpointer          user_data,
           GError          **error)
{
  g_autoptr(WpStmt) stmt = NULL;
  gint64 lo, hi, foreign;

  if (!plan_id_range (conn, plan_id, &lo, &hi, &foreign, error))
    return FALSE;
  if (hi < lo)
    return TRUE;

  /* A plan's items are mostly one run of ids (a plan is imported or
   * started at once, and an item added later comes after): the table read
   * along that run gives them in id order at a third less than the index
   * by plan, which looks each row up again (issue 18: 100,000 items read
   * before the first frame). Another plan's rows in the run cost little
   * to pass over; when they may be more than twice its own, the index. */
  if (read_along_run (lo, hi, foreign))
    {
      stmt = wp_stmt_prepare (conn, RUN_ROWS_SQL, error);
      if (stmt == NULL)
        return FALSE;
      wp_stmt_bind_int64 (stmt, 2, lo);
      wp_stmt_bind_int64 (stmt, 3, hi);
    }
  else
    {
      /* (in id order: the index by plan gives it with no sort) */
      stmt = wp_stmt_prepare (conn, "SELECT " ROW_COLUMNS ("")
                                    " FROM item WHERE plan_id = ?1 ORDER BY id", error);
      if (stmt == NULL)
        return FALSE;
    }
  wp_stmt_bind_int64 (stmt, 1, plan_id);
  return each_row (stmt, func, user_data, error);
}

/* Reading a plan's rows beside the main thread
 *
 * The first window rolls its plan up before its first frame, and at
 * 100,000 items reading the rows is most of that (issue 18). A store
 * opened to be shown starts reading them in a thread, on a read-only
 * connection of its own, while the window is being built; when the
 * outline asks, the main thread reads the parts the thread has not begun
 * and waits for the rest. The parts are runs of ids: the thread takes
 * them from the first, the main thread from the last.
 *
 * The two connections read the same rows only if no one wrote between
 * the start and the end: the main connection's data version (another
 * connection's commit) and its own changes are compared, and the rows
 * are thrown away if either moved. */

#define PREFETCH_MIN_IDS 1024  /* a part's ids, at least */
#define PREFETCH_MAX_PARTS 8

typedef enum {
  PART_WAITING,   /* for someone to read it */
  PART_IN_THREAD, /* being read by the thread */
  PART_IN_MAIN,   /* being read by the main thread */
  PART_READ,
  PART_FAILED,
} PartState;

typedef struct {
  gint64     lo, hi;
  GArray    *rows;  /* WpRollupRow */
  PartState  state;
} Part;

struct _WpRollupPrefetch {
  GMutex         lock;
  GCond          changed;  /* a part's state */
  char          *uri;
  gint64         plan_id;
  gint64         data_version;   /* of the main connection at the start */
  gint64         total_changes;  /* its own changes then */
  Part           parts[PREFETCH_MAX_PARTS];
  guint          n_parts;
  gboolean       dropped;
  gboolean       thread_done;
  GThread       *thread;
};

/* (its thread has ended or never began) */
static void
prefetch_free (WpRollupPrefetch *prefetch)
{
  for (guint i = 0; i < prefetch->n_parts; i++)
    g_clear_pointer (&prefetch->parts[i].rows, g_array_unref);
  g_free (prefetch->uri);
  g_mutex_clear (&prefetch->lock);
  g_cond_clear (&prefetch->changed);
  g_free (prefetch);
}

/* Reads @part's rows with @stmt (RUN_ROWS_SQL) */
static gboolean
read_part (sqlite3_stmt *stmt,
           gint64        plan_id,
           Part         *part)
{
  DueCache dues = { .n = 0 };
  int rc;

  sqlite3_bind_int64 (stmt, 1, plan_id);
  sqlite3_bind_int64 (stmt, 2, part->lo);
  sqlite3_bind_int64 (stmt, 3, part->hi);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      WpRollupRow row;

      read_row (stmt, 0, &dues, &row);
      g_array_append_val (part->rows, row);
    }
  sqlite3_reset (stmt);
  return rc == SQLITE_DONE;
}

/* Takes the next part waiting, from the first (@from_last: the last), or -1 */
static int
claim_part (WpRollupPrefetch *prefetch,
            gboolean          from_last,
            PartState         state)
{
  int found = -1;

  g_mutex_lock (&prefetch->lock);
  for (guint k = 0; k < prefetch->n_parts && found < 0 && !prefetch->dropped; k++)
    {
      guint i = from_last ? prefetch->n_parts - 1 - k : k;

      if (prefetch->parts[i].state == PART_WAITING)
        {
          prefetch->parts[i].state = state;
          found = (int) i;
        }
    }
  g_mutex_unlock (&prefetch->lock);
  return found;
}

static void
finish_part (WpRollupPrefetch *prefetch,
             int               i,
             gboolean          read)
{
  g_mutex_lock (&prefetch->lock);
  prefetch->parts[i].state = read ? PART_READ : PART_FAILED;
  g_cond_broadcast (&prefetch->changed);
  g_mutex_unlock (&prefetch->lock);
}

static gpointer
prefetch_in_thread (gpointer data)
{
  WpRollupPrefetch *prefetch = data;
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  int i;

  /* (one read transaction: the parts it reads are of one moment) */
  /* (and without waiting for a writer: the main thread reads then) */
  if (_wp_db_open_connection (prefetch->uri, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, &db)
        == SQLITE_OK
      && sqlite3_busy_timeout (db, 0) == SQLITE_OK
      && sqlite3_exec (db, "BEGIN", NULL, NULL, NULL) == SQLITE_OK
      && sqlite3_prepare_v2 (db, RUN_ROWS_SQL, -1, &stmt, NULL) == SQLITE_OK)
    while ((i = claim_part (prefetch, FALSE, PART_IN_THREAD)) >= 0)
      finish_part (prefetch, i, read_part (stmt, prefetch->plan_id, &prefetch->parts[i]));
  /* (what it could not read, the main thread reads) */
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  g_mutex_lock (&prefetch->lock);
  prefetch->thread_done = TRUE;
  g_cond_broadcast (&prefetch->changed);
  g_mutex_unlock (&prefetch->lock);
  return NULL;
}

static WpRollupPrefetch *
prefetch (WpStore    *conn,
          const char *uri,
          gint64      plan_id)
{
  WpRollupPrefetch *prefetch;
  gint64 lo, hi, foreign, span, version;
  guint n;

  if (!plan_id_range (conn, plan_id, &lo, &hi, &foreign, NULL) || hi < lo
      || !read_along_run (lo, hi, foreign)
      || !_wp_store_query_data_version (conn, &version))
    return NULL;

  prefetch = g_new0 (WpRollupPrefetch, 1);
  g_mutex_init (&prefetch->lock);
  g_cond_init (&prefetch->changed);
  prefetch->uri = g_strdup (uri);
  prefetch->plan_id = plan_id;
  prefetch->data_version = version;
  prefetch->total_changes = _wp_db_total_changes (conn);
  span = hi - lo + 1;
  n = (guint) CLAMP (span / PREFETCH_MIN_IDS, 1, PREFETCH_MAX_PARTS);
  for (guint i = 0; i < n; i++)
    {
      Part *part = &prefetch->parts[i];

      part->lo = lo + span * i / n;
      part->hi = lo + span * (i + 1) / n - 1;
      part->rows = g_array_sized_new (FALSE, FALSE, sizeof (WpRollupRow),
                                      (guint) MIN (span / n + 1, 1 << 20));
      part->state = PART_WAITING;
    }
  prefetch->n_parts = n;

  /* (drop_prefetched() joins it before the prefetch goes) */
  prefetch->thread = g_thread_try_new ("wp-rollup-read", prefetch_in_thread, prefetch, NULL);
  if (prefetch->thread == NULL)
    {
      prefetch_free (prefetch);
      return NULL;
    }
  return prefetch;
}

static gboolean
take_prefetched (WpStore          *conn,
                 WpRollupPrefetch *prefetch,
                 gint64            plan_id,
                 WpRollupRowFunc   func,
                 gpointer          user_data)
{
  gboolean all_read = TRUE;
  gint64 version;
  int i;

  if (prefetch->plan_id != plan_id)
    return FALSE;

  /* The parts the thread has not begun, from the last */
  while ((i = claim_part (prefetch, TRUE, PART_IN_MAIN)) >= 0)
    {
      g_autoptr(WpStmt) stmt = wp_stmt_prepare (conn, RUN_ROWS_SQL, NULL);

      finish_part (prefetch, i,
                   stmt != NULL && read_part (stmt->stmt, plan_id, &prefetch->parts[i]));
    }

  g_mutex_lock (&prefetch->lock);
  for (guint k = 0; k < prefetch->n_parts; k++)
    {
      while (prefetch->parts[k].state == PART_IN_THREAD)
        g_cond_wait (&prefetch->changed, &prefetch->lock);
      all_read &= prefetch->parts[k].state == PART_READ;
    }
  g_mutex_unlock (&prefetch->lock);

  /* Nothing written since it began, by this connection or another */
  if (!all_read || !_wp_store_query_data_version (conn, &version)
      || version != prefetch->data_version
      || _wp_db_total_changes (conn) != prefetch->total_changes)
    return FALSE;

  for (guint k = 0; k < prefetch->n_parts; k++)
    for (guint r = 0; r < prefetch->parts[k].rows->len; r++)
      if (!func (&g_array_index (prefetch->parts[k].rows, WpRollupRow, r), user_data))
        return TRUE;
  return TRUE;
}

/* (for tests) */
static void
wait_prefetched (WpRollupPrefetch *prefetch)
{
  g_mutex_lock (&prefetch->lock);
  while (!prefetch->thread_done)
    g_cond_wait (&prefetch->changed, &prefetch->lock);
  g_mutex_unlock (&prefetch->lock);
}

static void
drop_prefetched (WpRollupPrefetch *prefetch)
{
  g_mutex_lock (&prefetch->lock);
  prefetch->dropped = TRUE;
  g_mutex_unlock (&prefetch->lock);
  /* (it ends after the part it is reading: its connection is closed when
   * the store's is, and the log can go with it) */
  g_thread_join (g_steal_pointer (&prefetch->thread));
  prefetch_free (prefetch);
}

static gboolean
descendants (WpStore          *conn,
             gint64            item_id,
             WpRollupRowFunc   func,
             gpointer          user_data,
             GError          **error)
{
  g_autoptr(WpStmt) stmt = NULL;

  stmt = wp_stmt_prepare (conn,
                          "WITH RECURSIVE sub (id, depth) AS (SELECT id, 0 FROM item WHERE id = ?1"
                          " UNION ALL SELECT i.id, sub.depth + 1 FROM item i"
                          " JOIN sub ON i.parent_id = sub.id) "
                          "SELECT " ROW_COLUMNS ("i.")
                          " FROM sub JOIN item i USING (id) WHERE sub.depth > 0"
                          " ORDER BY sub.depth DESC", error);
  if (stmt == NULL)
    return FALSE;
  wp_stmt_bind_int64 (stmt, 1, item_id);
  return each_row (stmt, func, user_data, error);
}

static gboolean
children (WpStore          *conn,
          gint64            parent_id,
          WpRollupRowFunc   func,
          gpointer          user_data,
          GError          **error)
{
  g_autoptr(WpStmt) stmt = NULL;

  stmt = wp_stmt_prepare (conn, "SELECT " ROW_COLUMNS ("")
                                " FROM item WHERE parent_id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  wp_stmt_bind_int64 (stmt, 1, parent_id);
  return each_row (stmt, func, user_data, error);
}

static int
has_children (WpStore   *conn,
              gint64     plan_id,
              gint64     item_id,
              GError   **error)
{
  g_autoptr(WpStmt) stmt = NULL;
  int rc;

  stmt = wp_stmt_prepare (conn, "SELECT 1 FROM item WHERE plan_id = ?2 AND parent_id = ?1",
                          error);
  if (stmt == NULL)
    return -1;
  wp_stmt_bind_int64 (stmt, 1, item_id);
  wp_stmt_bind_int64 (stmt, 2, plan_id);
  rc = wp_stmt_step (stmt, error);
  if (rc == SQLITE_ROW)
    return 1;
  return rc == SQLITE_DONE ? 0 : -1;
}

const WpRollupQueries wp_sqlite_rollup_queries = {
  .expected = expected,
  .plan_rows = plan_rows,
  .prefetch = prefetch,
  .take_prefetched = take_prefetched,
  .drop_prefetched = drop_prefetched,
  .wait_prefetched = wait_prefetched,
  .descendants = descendants,
  .children = children,
  .has_children = has_children,
};
