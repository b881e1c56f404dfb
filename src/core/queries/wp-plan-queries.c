/* wp-plan-queries.c: the SQL of plans, and nothing else
 *
 * SQLite's side of WpPlanQueries (db/wp-backend.h). No caches, no
 * signals, no transactions: wp-store-plans.c checks the input, runs these
 * and tells the views.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "wp-backend.h"
#include "wp-db-stmt.h"
#include "wp-store-private.h"

#define PLAN_SELECT "SELECT id, year, title, organization FROM plan "

static WpPlan *
plan_from_row (WpStmt *stmt)
{
  return wp_plan_new (sqlite3_column_int64 (stmt->stmt, 0),
                      sqlite3_column_int (stmt->stmt, 1),
                      wp_stmt_column_text (stmt, 2),
                      wp_stmt_column_text (stmt, 3));
}

static gboolean
list_all (WpStore    *conn,
          GPtrArray  *plans,
          GError    **error)
{
  g_autoptr(WpStmt) stmt = wp_stmt_prepare (conn, PLAN_SELECT "ORDER BY year", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  while ((rc = wp_stmt_step (stmt, error)) == SQLITE_ROW)
    g_ptr_array_add (plans, plan_from_row (stmt));
  return rc == SQLITE_DONE;
}

static gboolean
find (WpStore   *conn,
      gboolean   by_year,
      gint64     key,
      WpPlan   **plan,
      GError   **error)
{
  g_autoptr(WpStmt) stmt =
    wp_stmt_prepare (conn, by_year ? PLAN_SELECT "WHERE year = ?1" : PLAN_SELECT "WHERE id = ?1",
                     error);
  int rc;

  *plan = NULL;
  if (stmt == NULL)
    return FALSE;
  wp_stmt_bind_int64 (stmt, 1, key);
  rc = wp_stmt_step (stmt, error);
  if (rc == SQLITE_ROW)
    *plan = plan_from_row (stmt);
  return rc == SQLITE_ROW || rc == SQLITE_DONE;
}

static gint64
insert (WpStore     *conn,
        int          year,
        const char  *title,
        const char  *organization,
        const char  *now,
        GError     **error)
{
  g_autoptr(WpStmt) stmt =
    wp_stmt_prepare (conn, "INSERT INTO plan (year, title, organization, created, modified)"
                           " VALUES (?1, ?2, ?3, ?4, ?4)", error);

  if (stmt == NULL)
    return 0;
  wp_stmt_bind_int (stmt, 1, year);
  wp_stmt_bind_text (stmt, 2, title ? title : "");
  wp_stmt_bind_text (stmt, 3, organization ? organization : "");
  wp_stmt_bind_text (stmt, 4, now);
  if (!wp_stmt_run (stmt, error))
    return 0;
  return sqlite3_last_insert_rowid (conn->db);
}

static gboolean
delete (WpStore  *conn,
        gint64    plan_id,
        GError  **error)
{
  g_autoptr(WpStmt) stmt = wp_stmt_prepare (conn, "DELETE FROM plan WHERE id = ?1", error);

  if (stmt == NULL)
    return FALSE;
  wp_stmt_bind_int64 (stmt, 1, plan_id);
  return wp_stmt_run (stmt, error);
}

static guint
count_items (WpStore  *conn,
             gint64    plan_id,
             GError  **error)
{
  g_autoptr(WpStmt) stmt =
    wp_stmt_prepare (conn, "SELECT count(*) FROM item WHERE plan_id = ?1", error);

  if (stmt == NULL)
    return 0;
  wp_stmt_bind_int64 (stmt, 1, plan_id);
  if (wp_stmt_step (stmt, error) != SQLITE_ROW)
    return 0;
  return (guint) sqlite3_column_int64 (stmt->stmt, 0);
}

const WpPlanQueries wp_sqlite_plan_queries = {
  .list = list_all,
  .find = find,
  .insert = insert,
  .delete = delete,
  .count_items = count_items,
};
