/* wp-reporting-queries.c: the SQL of reporting periods (报送), and nothing else
 *
 * SQLite's side of WpReportingQueries (db/wp-backend.h), for
 * wp-reporting.c. These only read: who has reported comes from the
 * progress notes, what is expected from the milestones.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "wp-backend.h"
#include "wp-db-stmt.h"
#include "wp-query-util.h"
#include "wp-store-private.h"

/* Notes are kept on the day they report on, so a late report entered
 * back-dated counts in its own period. */
static gboolean
noted_items (WpStore     *conn,
             gint64       plan_id,
             const char  *from,
             const char  *to,
             WpIdFunc     row,
             gpointer     user_data,
             GError     **error)
{
  g_autoptr(WpStmt) stmt =
    wp_stmt_prepare (conn, "SELECT DISTINCT n.item_id FROM note n"
                           " JOIN item i ON i.id = n.item_id"
                           " WHERE i.plan_id = ?1 AND n.date BETWEEN ?2 AND ?3", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  wp_stmt_bind_int64 (stmt, 1, plan_id);
  wp_stmt_bind_text (stmt, 2, from);
  wp_stmt_bind_text (stmt, 3, to);
  while ((rc = wp_stmt_step (stmt, error)) == SQLITE_ROW)
    row (sqlite3_column_int64 (stmt->stmt, 0), user_data);
  return rc == SQLITE_DONE;
}

/* (the rule the store judges lights by, on another day) */
static gboolean
expected (WpStore             *conn,
          gint64               plan_id,
          int                  quarter,
          WpItemProgressFunc   row,
          gpointer             user_data,
          GError             **error)
{
  g_autoptr(WpStmt) stmt =
    wp_stmt_prepare (conn, "SELECT m.item_id, m.progress FROM milestone m"
                           " JOIN item i ON i.id = m.item_id WHERE i.plan_id = ?1"
                           " AND m.quarter <= ?2 AND m.progress IS NOT NULL"
                           " ORDER BY m.item_id, m.quarter", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  wp_stmt_bind_int64 (stmt, 1, plan_id);
  wp_stmt_bind_int (stmt, 2, quarter);
  while ((rc = wp_stmt_step (stmt, error)) == SQLITE_ROW)
    row (sqlite3_column_int64 (stmt->stmt, 0), sqlite3_column_int (stmt->stmt, 1), user_data);
  return rc == SQLITE_DONE;
}

static gboolean
titles (WpStore         *conn,
        gint64           plan_id,
        WpItemTextFunc   row,
        gpointer         user_data,
        GError         **error)
{
  return wp_query_id_text_rows (conn, "SELECT id, title FROM item WHERE plan_id = ?1", plan_id,
                                row, user_data, error);
}

const WpReportingQueries wp_sqlite_reporting_queries = {
  .noted_items = noted_items,
  .expected = expected,
  .titles = titles,
};
