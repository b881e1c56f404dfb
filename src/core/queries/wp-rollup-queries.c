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
read_row (WpStmt       *stmt,
          int           first,
          DueCache     *dues,
          WpRollupRow  *row)
{
  sqlite3_stmt *s = stmt->stmt;

  row->id = sqlite3_column_int64 (s, first);
  row->parent_id = sqlite3_column_int64 (s, first + 1);
  row->progress = sqlite3_column_type (s, first + 2) == SQLITE_NULL
                  ? -1 : sqlite3_column_int (s, first + 2);
  if (!wp_item_status_from_string (wp_stmt_column_text (stmt, first + 3), &row->status))
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

      read_row (stmt, 0, &dues, &row);
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
  if (foreign <= (hi - lo + 1 - foreign) * 2)
    {
      stmt = wp_stmt_prepare (conn, "SELECT " ROW_COLUMNS ("") " FROM item_all NOT INDEXED"
                                    " WHERE id BETWEEN ?2 AND ?3 AND plan_id = ?1"
                                    " AND deleted_with = 0 ORDER BY id", error);
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
  .descendants = descendants,
  .children = children,
  .has_children = has_children,
};
