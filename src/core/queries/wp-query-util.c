/* wp-query-util.c: the steps every SQLite query file repeats
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "wp-query-util.h"
#include "wp-store-private.h"

static void
set_gone (const char  *gone,
          GError     **error)
{
  g_set_error_literal (error, WP_STORE_ERROR, WP_STORE_ERROR_NOT_FOUND, _(gone));
}

gboolean
wp_query_step_row (WpStmt      *stmt,
                   const char  *gone,
                   GError     **error)
{
  int rc = wp_stmt_step (stmt, error);

  if (rc == SQLITE_DONE)
    set_gone (gone, error);
  return rc == SQLITE_ROW;
}

gboolean
wp_query_run_changing (WpStmt      *stmt,
                       const char  *gone,
                       GError     **error)
{
  if (!wp_stmt_run (stmt, error))
    return FALSE;
  if (sqlite3_changes (stmt->store->db) > 0)
    return TRUE;
  set_gone (gone, error);
  return FALSE;
}

gboolean
wp_query_id_text_rows (WpStore         *conn,
                       const char      *sql,
                       gint64           id,
                       WpItemTextFunc   row,
                       gpointer         user_data,
                       GError         **error)
{
  g_autoptr(WpStmt) stmt = wp_stmt_prepare (conn, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  wp_stmt_bind_int64 (stmt, 1, id);
  while ((rc = wp_stmt_step (stmt, error)) == SQLITE_ROW)
    row (sqlite3_column_int64 (stmt->stmt, 0),
         (const char *) sqlite3_column_text (stmt->stmt, 1), user_data);
  return rc == SQLITE_DONE;
}
