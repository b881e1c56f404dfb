/* wp-note-queries.c: the SQL of progress notes (进展情况), and nothing else
 *
 * SQLite's side of WpNoteQueries (db/wp-backend.h). No caches, no
 * signals, no transactions: wp-store-notes.c checks the input and runs
 * these.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "wp-backend.h"
#include "wp-db-stmt.h"
#include "wp-deadline.h"
#include "wp-query-util.h"
#include "wp-store-private.h"

/* A note from columns @first … @first + 4: id, date, text, progress, reporter */
static WpNote *
read_note (WpStmt *stmt,
           int     first)
{
  WpNote *n = g_new0 (WpNote, 1);

  n->id = sqlite3_column_int64 (stmt->stmt, first);
  wp_date_from_iso (wp_stmt_column_text (stmt, first + 1), &n->date);
  n->text = g_strdup (wp_stmt_column_text (stmt, first + 2));
  n->progress = sqlite3_column_type (stmt->stmt, first + 3) == SQLITE_NULL
                ? -1 : sqlite3_column_int (stmt->stmt, first + 3);
  n->reporter = g_strdup (wp_stmt_column_text (stmt, first + 4));
  return n;
}

static gboolean
list_of_item (WpStore    *conn,
              gint64      item_id,
              GPtrArray  *notes,
              GError    **error)
{
  g_autoptr(WpStmt) stmt =
    wp_stmt_prepare (conn, "SELECT id, date, text, progress, reporter FROM note"
                           " WHERE item_id = ?1 ORDER BY date, id", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  wp_stmt_bind_int64 (stmt, 1, item_id);
  while ((rc = wp_stmt_step (stmt, error)) == SQLITE_ROW)
    g_ptr_array_add (notes, read_note (stmt, 0));
  return rc == SQLITE_DONE;
}

static gboolean
list_of_plan (WpStore     *conn,
              gint64       plan_id,
              GHashTable  *notes,
              GError     **error)
{
  g_autoptr(WpStmt) stmt =
    wp_stmt_prepare (conn, "SELECT n.item_id, n.id, n.date, n.text, n.progress,"
                           " n.reporter FROM note n"
                           " JOIN item i ON i.id = n.item_id WHERE i.plan_id = ?1"
                           " ORDER BY n.item_id, n.date, n.id", error);
  GPtrArray *current = NULL;
  gint64 current_id = 0;
  int rc;

  if (stmt == NULL)
    return FALSE;
  wp_stmt_bind_int64 (stmt, 1, plan_id);
  while ((rc = wp_stmt_step (stmt, error)) == SQLITE_ROW)
    {
      gint64 item_id = sqlite3_column_int64 (stmt->stmt, 0);

      if (current == NULL || item_id != current_id)
        {
          current = g_ptr_array_new_with_free_func ((GDestroyNotify) wp_note_free);
          current_id = item_id;
          g_hash_table_insert (notes, g_memdup2 (&item_id, sizeof item_id), current);
        }
      g_ptr_array_add (current, read_note (stmt, 1));
    }
  return rc == SQLITE_DONE;
}

static gint64
insert (WpStore     *conn,
        gint64       item_id,
        const char  *date,
        const char  *text,
        int          progress,
        const char  *now,
        const char  *reporter,
        GError     **error)
{
  g_autoptr(WpStmt) stmt =
    wp_stmt_prepare (conn, "INSERT INTO note (item_id, date, text, progress, created,"
                           " reporter) VALUES (?1, ?2, ?3, ?4, ?5, ?6)", error);

  if (stmt == NULL)
    return 0;
  wp_stmt_bind_int64 (stmt, 1, item_id);
  wp_stmt_bind_text (stmt, 2, date);
  wp_stmt_bind_text (stmt, 3, text ? text : "");
  if (progress >= 0)
    wp_stmt_bind_int (stmt, 4, progress);
  wp_stmt_bind_text (stmt, 5, now);
  wp_stmt_bind_text (stmt, 6, reporter);
  if (!wp_stmt_run (stmt, error))
    return 0;
  return sqlite3_last_insert_rowid (conn->db);
}

static gboolean
delete (WpStore  *conn,
        gint64    note_id,
        GError  **error)
{
  g_autoptr(WpStmt) stmt = wp_stmt_prepare (conn, "DELETE FROM note WHERE id = ?1", error);

  if (stmt == NULL)
    return FALSE;
  wp_stmt_bind_int64 (stmt, 1, note_id);
  return wp_query_run_changing (stmt, N_("The progress note no longer exists."), error);
}

const WpNoteQueries wp_sqlite_note_queries = {
  .list_of_item = list_of_item,
  .list_of_plan = list_of_plan,
  .insert = insert,
  .delete = delete,
};
