/* wp-tracking-queries.c: the SQL of plan settings, close-out (销号),
 * evidence files and the year-end check (年终核查), and nothing else
 *
 * SQLite's side of WpTrackingQueries (db/wp-backend.h). No caches, no
 * signals, no transactions: wp-store-tracking.c checks the input and runs
 * these.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "wp-backend.h"
#include "wp-db-stmt.h"
#include "wp-query-util.h"
#include "wp-store-private.h"

#define PLAN_GONE N_("The plan no longer exists; it may have been deleted.")
#define ATTACHMENT_GONE N_("The attachment no longer exists; it may have been removed.")

/* A copy of @column's text, NULL for NULL */
static char *
column_dup (WpStmt *stmt,
            int     column)
{
  return g_strdup ((const char *) sqlite3_column_text (stmt->stmt, column));
}

static WpCloseoutState
closeout_state (WpStmt *stmt,
                int     column)
{
  return g_strcmp0 ((const char *) sqlite3_column_text (stmt->stmt, column),
                    "pending_review") == 0 ? WP_CLOSEOUT_PENDING_REVIEW : WP_CLOSEOUT_CLOSED;
}

static gboolean
get_settings (WpStore         *conn,
              gint64           plan_id,
              WpPlanSettings  *settings,
              GError         **error)
{
  g_autoptr(WpStmt) stmt =
    wp_stmt_prepare (conn, "SELECT due_soon_days, yellow_points, red_points,"
                           " report_frequency, report_due_day, review_closeout"
                           " FROM plan WHERE id = ?1", error);

  if (stmt == NULL)
    return FALSE;
  wp_stmt_bind_int64 (stmt, 1, plan_id);
  if (!wp_query_step_row (stmt, PLAN_GONE, error))
    return FALSE;
  settings->due_soon_days = sqlite3_column_int (stmt->stmt, 0);
  settings->yellow_points = sqlite3_column_int (stmt->stmt, 1);
  settings->red_points = sqlite3_column_int (stmt->stmt, 2);
  if (!wp_report_frequency_from_string (wp_stmt_column_text (stmt, 3),
                                        &settings->report_frequency))
    settings->report_frequency = WP_REPORT_MONTHLY;
  settings->report_due_day = sqlite3_column_int (stmt->stmt, 4);
  settings->review_closeout = sqlite3_column_int (stmt->stmt, 5) != 0;
  return TRUE;
}

static gboolean
put_settings (WpStore               *conn,
              gint64                 plan_id,
              const WpPlanSettings  *settings,
              GError               **error)
{
  g_autoptr(WpStmt) stmt =
    wp_stmt_prepare (conn, "UPDATE plan SET due_soon_days = ?2, yellow_points = ?3,"
                           " red_points = ?4, report_frequency = ?5,"
                           " report_due_day = ?6, review_closeout = ?7 WHERE id = ?1", error);

  if (stmt == NULL)
    return FALSE;
  wp_stmt_bind_int64 (stmt, 1, plan_id);
  wp_stmt_bind_int (stmt, 2, settings->due_soon_days);
  wp_stmt_bind_int (stmt, 3, settings->yellow_points);
  wp_stmt_bind_int (stmt, 4, settings->red_points);
  wp_stmt_bind_static_text (stmt, 5, wp_report_frequency_to_string (settings->report_frequency),
                            -1);
  wp_stmt_bind_int (stmt, 6, settings->report_due_day);
  wp_stmt_bind_int (stmt, 7, settings->review_closeout ? 1 : 0);
  return wp_query_run_changing (stmt, PLAN_GONE, error);
}

static gboolean
get_closeout (WpStore     *conn,
              gint64       item_id,
              WpCloseout  *closeout,
              GError     **error)
{
  g_autoptr(WpStmt) stmt =
    wp_stmt_prepare (conn, "SELECT completion, state, closed_by, closed_at"
                           " FROM closeout WHERE item_id = ?1", error);
  int rc;

  memset (closeout, 0, sizeof *closeout);
  if (stmt == NULL)
    return FALSE;
  wp_stmt_bind_int64 (stmt, 1, item_id);
  rc = wp_stmt_step (stmt, error);
  if (rc == SQLITE_ROW)
    {
      closeout->completion = column_dup (stmt, 0);
      closeout->state = closeout_state (stmt, 1);
      closeout->closed_by = column_dup (stmt, 2);
      closeout->closed_at = column_dup (stmt, 3);
    }
  else if (rc == SQLITE_DONE)
    closeout->completion = g_strdup ("");
  return rc != 0;
}

static gboolean
put_closeout (WpStore          *conn,
              gint64            item_id,
              const char       *completion,
              WpCloseoutState   state,
              const char       *closed_by,
              const char       *closed_at,
              GError          **error)
{
  g_autoptr(WpStmt) stmt =
    wp_stmt_prepare (conn, "INSERT INTO closeout (item_id, completion, state, closed_by,"
                           " closed_at) VALUES (?1, ?2, ?3, ?4, ?5)"
                           " ON CONFLICT (item_id) DO UPDATE SET"
                           " completion = excluded.completion, state = excluded.state,"
                           " closed_by = excluded.closed_by,"
                           " closed_at = excluded.closed_at", error);

  if (stmt == NULL)
    return FALSE;
  wp_stmt_bind_int64 (stmt, 1, item_id);
  wp_stmt_bind_text (stmt, 2, completion != NULL ? completion : "");
  wp_stmt_bind_static_text (stmt, 3, wp_closeout_state_to_string (state), -1);
  wp_stmt_bind_text (stmt, 4, closed_by != NULL ? closed_by : "");
  if (closed_at != NULL)
    wp_stmt_bind_text (stmt, 5, closed_at);
  return wp_stmt_run (stmt, error);
}

/* Runs @sql, whose one parameter is @id */
static gboolean
run_with_id (WpStore     *conn,
             const char  *sql,
             gint64       id,
             GError     **error)
{
  g_autoptr(WpStmt) stmt = wp_stmt_prepare (conn, sql, error);

  if (stmt == NULL)
    return FALSE;
  wp_stmt_bind_int64 (stmt, 1, id);
  return wp_stmt_run (stmt, error);
}

static gboolean
drop_closeout (WpStore  *conn,
               gint64    item_id,
               GError  **error)
{
  return run_with_id (conn, "DELETE FROM closeout WHERE item_id = ?1", item_id, error);
}

/* Appends the ids @sql gives for @plan_id to @ids */
static gboolean
list_ids (WpStore     *conn,
          const char  *sql,
          gint64       plan_id,
          GArray      *ids,
          GError     **error)
{
  g_autoptr(WpStmt) stmt = wp_stmt_prepare (conn, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  wp_stmt_bind_int64 (stmt, 1, plan_id);
  while ((rc = wp_stmt_step (stmt, error)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt->stmt, 0);
      g_array_append_val (ids, id);
    }
  return rc == SQLITE_DONE;
}

static gboolean
list_pending (WpStore  *conn,
              gint64    plan_id,
              GArray   *ids,
              GError  **error)
{
  /* (CROSS JOIN: from the close-outs to their items, not through every
   * item of the plan) */
  return list_ids (conn, "SELECT c.item_id FROM closeout c CROSS JOIN item i"
                         " ON i.id = c.item_id WHERE i.plan_id = ?1"
                         " AND c.state = 'pending_review' AND i.status = 'done'"
                         " ORDER BY c.item_id", plan_id, ids, error);
}

static gboolean
put_data (WpStore     *conn,
          const char  *sha256,
          GBytes      *data,
          GError     **error)
{
  g_autoptr(WpStmt) stmt =
    wp_stmt_prepare (conn, "INSERT INTO attachment_data (sha256, data) VALUES (?1, ?2)"
                           " ON CONFLICT (sha256) DO NOTHING", error);
  gsize size;
  gconstpointer bytes = g_bytes_get_data (data, &size);

  if (stmt == NULL)
    return FALSE;
  wp_stmt_bind_text (stmt, 1, sha256);
  /* (the caller's @data lives through the run: no copy of a big file) */
  wp_stmt_bind_static_blob (stmt, 2, bytes, size);
  return wp_stmt_run (stmt, error);
}

static gboolean
has_data (WpStore     *conn,
          const char  *sha256,
          gboolean    *has,
          GError     **error)
{
  g_autoptr(WpStmt) stmt =
    wp_stmt_prepare (conn, "SELECT 1 FROM attachment_data WHERE sha256 = ?1", error);
  int rc;

  *has = FALSE;
  if (stmt == NULL)
    return FALSE;
  wp_stmt_bind_text (stmt, 1, sha256);
  rc = wp_stmt_step (stmt, error);
  *has = rc == SQLITE_ROW;
  return rc != 0;
}

static gboolean
drop_unused_data (WpStore  *conn,
                  GError  **error)
{
  g_autoptr(WpStmt) stmt =
    wp_stmt_prepare (conn, "DELETE FROM attachment_data WHERE sha256 NOT IN"
                           " (SELECT sha256 FROM attachment) AND sha256 NOT IN"
                           " (SELECT json_extract (before, '$.sha256') FROM change_log"
                           "  WHERE record = 'attachment' AND before IS NOT NULL)", error);

  return stmt != NULL && wp_stmt_run (stmt, error);
}

static gboolean
add_attachment (WpStore     *conn,
                gint64       item_id,
                const char  *name,
                const char  *type,
                gint64       size,
                const char  *sha256,
                const char  *added,
                gint64      *id,
                GError     **error)
{
  g_autoptr(WpStmt) stmt =
    wp_stmt_prepare (conn, "INSERT INTO attachment (item_id, name, type, size, sha256,"
                           " added) VALUES (?1, ?2, ?3, ?4, ?5, ?6)", error);

  if (stmt == NULL)
    return FALSE;
  wp_stmt_bind_int64 (stmt, 1, item_id);
  wp_stmt_bind_text (stmt, 2, name);
  wp_stmt_bind_text (stmt, 3, type != NULL ? type : "");
  wp_stmt_bind_int64 (stmt, 4, size);
  wp_stmt_bind_text (stmt, 5, sha256);
  wp_stmt_bind_text (stmt, 6, added);
  if (!wp_stmt_run (stmt, error))
    return FALSE;
  *id = sqlite3_last_insert_rowid (conn->db);
  return TRUE;
}

/* Adds a WpAttachment to @out for each row of @stmt (id, item_id, name,
 * type, size, sha256, added) */
static gboolean
read_attachments (WpStmt     *stmt,
                  GPtrArray  *out,
                  GError    **error)
{
  int rc;

  while ((rc = wp_stmt_step (stmt, error)) == SQLITE_ROW)
    {
      WpAttachment *a = g_new0 (WpAttachment, 1);

      a->id = sqlite3_column_int64 (stmt->stmt, 0);
      a->item_id = sqlite3_column_int64 (stmt->stmt, 1);
      a->name = column_dup (stmt, 2);
      a->type = column_dup (stmt, 3);
      a->size = sqlite3_column_int64 (stmt->stmt, 4);
      a->sha256 = column_dup (stmt, 5);
      a->added = column_dup (stmt, 6);
      g_ptr_array_add (out, a);
    }
  return rc == SQLITE_DONE;
}

static gboolean
list_attachments (WpStore    *conn,
                  gint64      item_id,
                  GPtrArray  *out,
                  GError    **error)
{
  g_autoptr(WpStmt) stmt =
    wp_stmt_prepare (conn, "SELECT id, item_id, name, type, size, sha256, added"
                           " FROM attachment WHERE item_id = ?1 ORDER BY id", error);

  if (stmt == NULL)
    return FALSE;
  wp_stmt_bind_int64 (stmt, 1, item_id);
  return read_attachments (stmt, out, error);
}

static gboolean
read_attachment (WpStore   *conn,
                 gint64     attachment_id,
                 GBytes   **data,
                 GError   **error)
{
  g_autoptr(WpStmt) stmt =
    wp_stmt_prepare (conn, "SELECT d.data FROM attachment a JOIN attachment_data d"
                           " ON d.sha256 = a.sha256 WHERE a.id = ?1", error);

  *data = NULL;
  if (stmt == NULL)
    return FALSE;
  wp_stmt_bind_int64 (stmt, 1, attachment_id);
  if (!wp_query_step_row (stmt, ATTACHMENT_GONE, error))
    return FALSE;
  *data = g_bytes_new (sqlite3_column_blob (stmt->stmt, 0),
                       (gsize) sqlite3_column_bytes (stmt->stmt, 0));
  return TRUE;
}

static gboolean
drop_attachment (WpStore  *conn,
                 gint64    attachment_id,
                 GError  **error)
{
  g_autoptr(WpStmt) stmt =
    wp_stmt_prepare (conn, "DELETE FROM attachment WHERE id = ?1", error);

  if (stmt == NULL)
    return FALSE;
  wp_stmt_bind_int64 (stmt, 1, attachment_id);
  return wp_query_run_changing (stmt, ATTACHMENT_GONE, error);
}

/* The text @sql reads for @id in *@text (the caller's), a copy of @none
 * when there is no row */
static gboolean
text_of_id (WpStore     *conn,
            const char  *sql,
            gint64       id,
            const char  *none,
            char       **text,
            GError     **error)
{
  g_autoptr(WpStmt) stmt = wp_stmt_prepare (conn, sql, error);
  int rc;

  *text = NULL;
  if (stmt == NULL)
    return FALSE;
  wp_stmt_bind_int64 (stmt, 1, id);
  rc = wp_stmt_step (stmt, error);
  if (rc == 0)
    return FALSE;
  *text = rc == SQLITE_ROW ? column_dup (stmt, 0) : g_strdup (none);
  return TRUE;
}

static gboolean
get_reason (WpStore   *conn,
            gint64     item_id,
            char     **reason,
            GError   **error)
{
  return text_of_id (conn, "SELECT reason FROM year_check WHERE item_id = ?1", item_id, "",
                     reason, error);
}

static gboolean
put_reason (WpStore     *conn,
            gint64       item_id,
            const char  *reason,
            GError     **error)
{
  g_autoptr(WpStmt) stmt = NULL;

  if (reason == NULL || reason[0] == '\0')
    return run_with_id (conn, "DELETE FROM year_check WHERE item_id = ?1", item_id, error);
  stmt = wp_stmt_prepare (conn, "INSERT INTO year_check (item_id, reason) VALUES (?1, ?2)"
                                " ON CONFLICT (item_id) DO UPDATE SET reason = excluded.reason",
                          error);
  if (stmt == NULL)
    return FALSE;
  wp_stmt_bind_int64 (stmt, 1, item_id);
  wp_stmt_bind_text (stmt, 2, reason);
  return wp_stmt_run (stmt, error);
}

static gboolean
list_unexplained (WpStore  *conn,
                  gint64    plan_id,
                  GArray   *ids,
                  GError  **error)
{
  return list_ids (conn, "SELECT i.id FROM item i WHERE i.plan_id = ?1"
                         " AND i.status <> 'done' AND i.carried_forward = 0"
                         " AND NOT EXISTS (SELECT 1 FROM item c WHERE c.parent_id = i.id)"
                         " AND NOT EXISTS (SELECT 1 FROM year_check y WHERE y.item_id = i.id"
                         "   AND y.reason <> '')"
                         " ORDER BY i.id", plan_id, ids, error);
}

static gboolean
set_checked (WpStore     *conn,
             gint64       plan_id,
             const char  *when,
             GError     **error)
{
  g_autoptr(WpStmt) stmt =
    wp_stmt_prepare (conn, "UPDATE plan SET checked = ?2 WHERE id = ?1", error);

  if (stmt == NULL)
    return FALSE;
  wp_stmt_bind_int64 (stmt, 1, plan_id);
  wp_stmt_bind_text (stmt, 2, when);
  return wp_stmt_run (stmt, error);
}

static gboolean
get_checked (WpStore   *conn,
             gint64     plan_id,
             char     **when,
             GError   **error)
{
  return text_of_id (conn, "SELECT checked FROM plan WHERE id = ?1", plan_id, NULL, when, error);
}

static gboolean
list_plan_closeouts (WpStore         *conn,
                     gint64           plan_id,
                     WpCloseoutFunc   row,
                     gpointer         user_data,
                     GError         **error)
{
  g_autoptr(WpStmt) stmt =
    wp_stmt_prepare (conn, "SELECT c.item_id, c.completion, c.state, c.closed_by,"
                           " c.closed_at FROM closeout c JOIN item i ON i.id = c.item_id"
                           " WHERE i.plan_id = ?1 ORDER BY c.item_id", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  wp_stmt_bind_int64 (stmt, 1, plan_id);
  while ((rc = wp_stmt_step (stmt, error)) == SQLITE_ROW)
    {
      WpCloseout c = {
        .completion = (char *) sqlite3_column_text (stmt->stmt, 1),
        .state = closeout_state (stmt, 2),
        .closed_by = (char *) sqlite3_column_text (stmt->stmt, 3),
        .closed_at = (char *) sqlite3_column_text (stmt->stmt, 4),
      };
      row (sqlite3_column_int64 (stmt->stmt, 0), &c, user_data);
    }
  return rc == SQLITE_DONE;
}

static gboolean
list_plan_attachments (WpStore    *conn,
                       gint64      plan_id,
                       GPtrArray  *out,
                       GError    **error)
{
  g_autoptr(WpStmt) stmt =
    wp_stmt_prepare (conn, "SELECT a.id, a.item_id, a.name, a.type, a.size, a.sha256,"
                           " a.added FROM attachment a JOIN item i ON i.id = a.item_id"
                           " WHERE i.plan_id = ?1 ORDER BY a.item_id, a.id", error);

  if (stmt == NULL)
    return FALSE;
  wp_stmt_bind_int64 (stmt, 1, plan_id);
  return read_attachments (stmt, out, error);
}

static gboolean
list_plan_reasons (WpStore         *conn,
                   gint64           plan_id,
                   WpItemTextFunc   row,
                   gpointer         user_data,
                   GError         **error)
{
  return wp_query_id_text_rows (conn, "SELECT y.item_id, y.reason FROM year_check y"
                                      " JOIN item i ON i.id = y.item_id WHERE i.plan_id = ?1"
                                      " ORDER BY y.item_id", plan_id, row, user_data, error);
}

const WpTrackingQueries wp_sqlite_tracking_queries = {
  .get_settings = get_settings,
  .put_settings = put_settings,
  .get_closeout = get_closeout,
  .put_closeout = put_closeout,
  .drop_closeout = drop_closeout,
  .list_pending = list_pending,
  .put_data = put_data,
  .has_data = has_data,
  .drop_unused_data = drop_unused_data,
  .add_attachment = add_attachment,
  .list_attachments = list_attachments,
  .read_attachment = read_attachment,
  .drop_attachment = drop_attachment,
  .get_reason = get_reason,
  .put_reason = put_reason,
  .list_unexplained = list_unexplained,
  .set_checked = set_checked,
  .get_checked = get_checked,
  .list_plan_closeouts = list_plan_closeouts,
  .list_plan_attachments = list_plan_attachments,
  .list_plan_reasons = list_plan_reasons,
};
