/* wp-alias-queries.c: the SQL of agency aliases (别名), and nothing else
 *
 * SQLite's side of WpAliasQueries (db/wp-backend.h). No caches, no
 * signals, no transactions: wp-store-aliases.c runs these.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "wp-backend.h"
#include "wp-db-stmt.h"
#include "wp-query-util.h"
#include "wp-store-private.h"

static gboolean
add (WpStore     *conn,
     gint64       agency_id,
     const char  *name,
     GError     **error)
{
  g_autoptr(WpStmt) stmt =
    wp_stmt_prepare (conn, "INSERT INTO agency_alias (agency_id, name) VALUES (?1, ?2)", error);

  if (stmt == NULL)
    return FALSE;
  wp_stmt_bind_int64 (stmt, 1, agency_id);
  wp_stmt_bind_text (stmt, 2, name);
  return wp_stmt_run (stmt, error);
}

static gboolean
remove_alias (WpStore     *conn,
              gint64       agency_id,
              const char  *name,
              gboolean    *removed,
              GError     **error)
{
  g_autoptr(WpStmt) stmt =
    wp_stmt_prepare (conn, "DELETE FROM agency_alias WHERE agency_id = ?1 AND name = ?2", error);

  *removed = FALSE;
  if (stmt == NULL)
    return FALSE;
  wp_stmt_bind_int64 (stmt, 1, agency_id);
  wp_stmt_bind_text (stmt, 2, name);
  if (!wp_stmt_run (stmt, error))
    return FALSE;
  *removed = sqlite3_changes (conn->db) > 0;
  return TRUE;
}

static gboolean
owner (WpStore     *conn,
       const char  *name,
       gint64      *agency_id,
       gboolean    *is_alias,
       GError     **error)
{
  g_autoptr(WpStmt) stmt =
    wp_stmt_prepare (conn, "SELECT id, 0 FROM agency WHERE name = ?1"
                           " UNION ALL SELECT agency_id, 1 FROM agency_alias"
                           " WHERE name = ?1 LIMIT 1", error);
  int rc;

  *agency_id = 0;
  *is_alias = FALSE;
  if (stmt == NULL)
    return FALSE;
  wp_stmt_bind_text (stmt, 1, name);
  rc = wp_stmt_step (stmt, error);
  if (rc == SQLITE_ROW)
    {
      *agency_id = sqlite3_column_int64 (stmt->stmt, 0);
      *is_alias = sqlite3_column_int (stmt->stmt, 1) != 0;
      return TRUE;
    }
  return rc == SQLITE_DONE;
}

static gboolean
list (WpStore        *conn,
      gint64          agency_id,
      WpAliasFunc     row,
      gpointer        user_data,
      GError        **error)
{
  g_autoptr(WpStmt) stmt =
    wp_stmt_prepare (conn, "SELECT name FROM agency_alias WHERE agency_id = ?1 ORDER BY id",
                     error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  wp_stmt_bind_int64 (stmt, 1, agency_id);
  while ((rc = wp_stmt_step (stmt, error)) == SQLITE_ROW)
    row (wp_stmt_column_text (stmt, 0), NULL, user_data);
  return rc == SQLITE_DONE;
}

static gboolean
list_all (WpStore      *conn,
          WpAliasFunc   row,
          gpointer      user_data,
          GError      **error)
{
  g_autoptr(WpStmt) stmt =
    wp_stmt_prepare (conn, "SELECT a.name, g.name FROM agency_alias a"
                           " JOIN agency g ON g.id = a.agency_id ORDER BY a.id", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  while ((rc = wp_stmt_step (stmt, error)) == SQLITE_ROW)
    row (wp_stmt_column_text (stmt, 0), wp_stmt_column_text (stmt, 1), user_data);
  return rc == SQLITE_DONE;
}

static gboolean
move (WpStore  *conn,
      gint64    from_id,
      gint64    into_id,
      GError  **error)
{
  g_autoptr(WpStmt) stmt =
    wp_stmt_prepare (conn, "UPDATE agency_alias SET agency_id = ?2 WHERE agency_id = ?1",
                     error);

  if (stmt == NULL)
    return FALSE;
  wp_stmt_bind_int64 (stmt, 1, from_id);
  wp_stmt_bind_int64 (stmt, 2, into_id);
  return wp_stmt_run (stmt, error);
}

const WpAliasQueries wp_sqlite_alias_queries = {
  .add = add,
  .remove = remove_alias,
  .owner = owner,
  .list = list,
  .list_all = list_all,
  .move = move,
};
