/* wp-milestone-queries.c: the SQL of milestones (形象进度), and nothing else
 *
 * SQLite's side of WpMilestoneQueries (db/wp-backend.h). No caches, no
 * signals, no transactions: wp-store-milestones.c checks the input and
 * runs these.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "wp-backend.h"
#include "wp-db-stmt.h"
#include "wp-store-private.h"

static gboolean
put (WpStore     *conn,
     gint64       item_id,
     int          quarter,
     const char  *text,
     int          progress,
     GError     **error)
{
  g_autoptr(WpStmt) stmt =
    wp_stmt_prepare (conn, "INSERT INTO milestone (item_id, quarter, text, progress)"
                           " VALUES (?1, ?2, ?3, ?4) ON CONFLICT (item_id, quarter)"
                           " DO UPDATE SET text = excluded.text, progress = excluded.progress",
                     error);

  if (stmt == NULL)
    return FALSE;
  wp_stmt_bind_int64 (stmt, 1, item_id);
  wp_stmt_bind_int (stmt, 2, quarter);
  wp_stmt_bind_text (stmt, 3, text != NULL ? text : "");
  if (progress >= 0)
    wp_stmt_bind_int (stmt, 4, progress);
  return wp_stmt_run (stmt, error);
}

static gboolean
delete (WpStore  *conn,
        gint64    item_id,
        int       quarter,
        GError  **error)
{
  g_autoptr(WpStmt) stmt =
    wp_stmt_prepare (conn, "DELETE FROM milestone WHERE item_id = ?1 AND quarter = ?2", error);

  if (stmt == NULL)
    return FALSE;
  wp_stmt_bind_int64 (stmt, 1, item_id);
  wp_stmt_bind_int (stmt, 2, quarter);
  return wp_stmt_run (stmt, error);
}

static gboolean
list_of_item (WpStore          *conn,
              gint64            item_id,
              WpMilestoneFunc   row,
              gpointer          user_data,
              GError          **error)
{
  g_autoptr(WpStmt) stmt =
    wp_stmt_prepare (conn, "SELECT quarter, text, coalesce (progress, -1) FROM milestone"
                           " WHERE item_id = ?1 ORDER BY quarter", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  wp_stmt_bind_int64 (stmt, 1, item_id);
  while ((rc = wp_stmt_step (stmt, error)) == SQLITE_ROW)
    row (0, sqlite3_column_int (stmt->stmt, 0), wp_stmt_column_text (stmt, 1),
         sqlite3_column_int (stmt->stmt, 2), user_data);
  return rc == SQLITE_DONE;
}

static gboolean
list_of_plan (WpStore          *conn,
              gint64            plan_id,
              WpMilestoneFunc   row,
              gpointer          user_data,
              GError          **error)
{
  g_autoptr(WpStmt) stmt =
    wp_stmt_prepare (conn, "SELECT m.item_id, m.quarter, m.text,"
                           " coalesce (m.progress, -1) FROM milestone m"
                           " JOIN item i ON i.id = m.item_id WHERE i.plan_id = ?1"
                           " ORDER BY m.item_id, m.quarter", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  wp_stmt_bind_int64 (stmt, 1, plan_id);
  while ((rc = wp_stmt_step (stmt, error)) == SQLITE_ROW)
    row (sqlite3_column_int64 (stmt->stmt, 0), sqlite3_column_int (stmt->stmt, 1),
         wp_stmt_column_text (stmt, 2), sqlite3_column_int (stmt->stmt, 3), user_data);
  return rc == SQLITE_DONE;
}

const WpMilestoneQueries wp_sqlite_milestone_queries = {
  .put = put,
  .delete = delete,
  .list_of_item = list_of_item,
  .list_of_plan = list_of_plan,
};
