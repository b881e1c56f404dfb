/* wp-walk-queries.c: the SQL of reading a whole plan in outline order
 *
 * SQLite's side of WpWalkQueries (db/wp-backend.h). No caches, no
 * signals, no transactions: wp-store-walk.c runs these.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "wp-backend.h"
#include "wp-db-stmt.h"
#include "wp-deadline.h"
#include "wp-store-private.h"

/* The recursive part's ORDER BY makes its queue a priority queue: the
 * deepest row first, then the lowest position among them. The deepest
 * rows waiting are always the children of the row taken last, so rows come
 * out depth first, in pre-order (see "Controlling Depth-First Versus
 * Breadth-First Search" in SQLite's WITH documentation). SQLite 3.40 keeps
 * that order only while nothing is joined to the walk (a join gave the top
 * level first): the agencies are read on their own (links()). */
#define WALK_SQL \
  "WITH RECURSIVE walk (id, depth, position, kind, title, description, status, progress," \
  "  due, due_label, ongoing, carried_over, carried_forward) AS (" \
  " SELECT id, 0, position, kind, title, description, status, progress, due, due_label," \
  "  ongoing, carried_over, carried_forward FROM item" \
  "  WHERE plan_id = ?1 AND parent_id IS NULL" \
  " UNION ALL" \
  " SELECT i.id, w.depth + 1, i.position, i.kind, i.title, i.description, i.status," \
  "  i.progress, i.due, i.due_label, i.ongoing, i.carried_over, i.carried_forward" \
  "  FROM walk w JOIN item i ON i.parent_id = w.id" \
  "  ORDER BY 2 DESC, 3, 1)" \
  " SELECT id, depth, kind, title, description, status, progress, due, due_label, ongoing," \
  "  carried_over, carried_forward FROM walk"

static gboolean
links (WpStore      *conn,
       gint64        plan_id,
       WpLinkFunc    link,
       gpointer      user_data,
       GError      **error)
{
  g_autoptr(WpStmt) stmt =
    wp_stmt_prepare (conn, "SELECT ia.item_id, ia.role = 'co', ia.position, a.name"
                           " FROM item_agency ia JOIN item i ON i.id = ia.item_id"
                           " JOIN agency a ON a.id = ia.agency_id WHERE i.plan_id = ?1", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  wp_stmt_bind_int64 (stmt, 1, plan_id);
  while ((rc = wp_stmt_step (stmt, error)) == SQLITE_ROW)
    link (sqlite3_column_int64 (stmt->stmt, 0), sqlite3_column_int (stmt->stmt, 1) != 0,
          sqlite3_column_int (stmt->stmt, 2), wp_stmt_column_text (stmt, 3), user_data);
  return rc == SQLITE_DONE;
}

static gboolean
walk (WpStore        *conn,
      gint64          plan_id,
      WpItemRowFunc   func,
      gpointer        user_data,
      GError        **error)
{
  g_autoptr(WpStmt) stmt = wp_stmt_prepare (conn, WALK_SQL, error);
  gboolean ok = TRUE;
  int rc = SQLITE_DONE;

  if (stmt == NULL)
    return FALSE;
  wp_stmt_bind_int64 (stmt, 1, plan_id);
  while (ok && (rc = wp_stmt_step (stmt, error)) == SQLITE_ROW)
    {
      sqlite3_stmt *s = stmt->stmt;
      WpItemRow row = {
        .id = sqlite3_column_int64 (s, 0),
        .depth = (guint) sqlite3_column_int (s, 1),
        .title = wp_stmt_column_text (stmt, 3),
        .description = wp_stmt_column_text (stmt, 4),
        .progress = sqlite3_column_type (s, 6) == SQLITE_NULL ? -1 : sqlite3_column_int (s, 6),
        .due_label = wp_stmt_column_text (stmt, 8),
        .ongoing = sqlite3_column_int (s, 9) != 0,
        .carried_over = sqlite3_column_int (s, 10) != 0,
        .carried_forward = sqlite3_column_int (s, 11) != 0,
      };

      /* (unknown values read as wp-item-queries.c reads them) */
      if (!wp_item_kind_from_string (wp_stmt_column_text (stmt, 2), &row.kind))
        row.kind = WP_ITEM_KIND_ACTION;
      if (!wp_item_status_from_string (wp_stmt_column_text (stmt, 5), &row.status))
        row.status = WP_ITEM_STATUS_NOT_STARTED;
      wp_date_from_iso ((const char *) sqlite3_column_text (s, 7), &row.due);
      ok = func (&row, user_data, error);
    }
  return ok && rc == SQLITE_DONE;
}

const WpWalkQueries wp_sqlite_walk_queries = {
  .links = links,
  .walk = walk,
};
