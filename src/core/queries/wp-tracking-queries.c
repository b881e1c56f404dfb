/* wp-tracking-queries.c: the SQL of plan settings, close-out (销号),
 * evidence files and the year-end check (年终核查), and nothing else
 *
 * Like every query file: statements and SQLite result codes only, no
 * caches, signals or transactions (see wp-milestone-queries.c).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "wp-tracking-queries.h"

static int
finish (sqlite3_stmt *stmt,
        int           rc)
{
  sqlite3_finalize (stmt);
  return rc == SQLITE_DONE || rc == SQLITE_ROW ? SQLITE_OK : rc;
}

static char *
column_dup (sqlite3_stmt *stmt,
            int           column)
{
  const unsigned char *text = sqlite3_column_text (stmt, column);

  return text != NULL ? g_strdup ((const char *) text) : NULL;
}

int
wp_tracking_queries_get_settings (sqlite3        *db,
                                  gint64          plan_id,
                                  WpPlanSettings *settings)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (db, "SELECT due_soon_days, yellow_points, red_points,"
                                   " report_frequency, report_due_day, review_closeout"
                                   " FROM plan WHERE id = ?1", -1, &stmt, NULL);

  if (rc != SQLITE_OK)
    return rc;
  sqlite3_bind_int64 (stmt, 1, plan_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      settings->due_soon_days = sqlite3_column_int (stmt, 0);
      settings->yellow_points = sqlite3_column_int (stmt, 1);
      settings->red_points = sqlite3_column_int (stmt, 2);
      if (!wp_report_frequency_from_string ((const char *) sqlite3_column_text (stmt, 3),
                                            &settings->report_frequency))
        settings->report_frequency = WP_REPORT_MONTHLY;
      settings->report_due_day = sqlite3_column_int (stmt, 4);
      settings->review_closeout = sqlite3_column_int (stmt, 5) != 0;
    }
  else if (rc == SQLITE_DONE)
    rc = SQLITE_NOTFOUND;
  sqlite3_finalize (stmt);
  return rc == SQLITE_ROW ? SQLITE_OK : rc;
}

int
wp_tracking_queries_put_settings (sqlite3              *db,
                                  gint64                plan_id,
                                  const WpPlanSettings *settings)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (db, "UPDATE plan SET due_soon_days = ?2, yellow_points = ?3,"
                                   " red_points = ?4, report_frequency = ?5,"
                                   " report_due_day = ?6, review_closeout = ?7 WHERE id = ?1",
                               -1, &stmt, NULL);

  if (rc != SQLITE_OK)
    return rc;
  sqlite3_bind_int64 (stmt, 1, plan_id);
  sqlite3_bind_int (stmt, 2, settings->due_soon_days);
  sqlite3_bind_int (stmt, 3, settings->yellow_points);
  sqlite3_bind_int (stmt, 4, settings->red_points);
  sqlite3_bind_text (stmt, 5, wp_report_frequency_to_string (settings->report_frequency), -1,
                     SQLITE_STATIC);
  sqlite3_bind_int (stmt, 6, settings->report_due_day);
  sqlite3_bind_int (stmt, 7, settings->review_closeout ? 1 : 0);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE && sqlite3_changes (db) == 0)
    rc = SQLITE_NOTFOUND;
  return finish (stmt, rc);
}

int
wp_tracking_queries_get_closeout (sqlite3    *db,
                                  gint64      item_id,
                                  WpCloseout *closeout)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (db, "SELECT completion, state, closed_by, closed_at"
                                   " FROM closeout WHERE item_id = ?1", -1, &stmt, NULL);

  memset (closeout, 0, sizeof *closeout);
  if (rc != SQLITE_OK)
    return rc;
  sqlite3_bind_int64 (stmt, 1, item_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      const char *state = (const char *) sqlite3_column_text (stmt, 1);

      closeout->completion = column_dup (stmt, 0);
      closeout->state = g_strcmp0 (state, "pending_review") == 0 ? WP_CLOSEOUT_PENDING_REVIEW
                                                                  : WP_CLOSEOUT_CLOSED;
      closeout->closed_by = column_dup (stmt, 2);
      closeout->closed_at = column_dup (stmt, 3);
    }
  else if (rc == SQLITE_DONE)
    closeout->completion = g_strdup ("");
  return finish (stmt, rc);
}

int
wp_tracking_queries_put_closeout (sqlite3         *db,
                                  gint64           item_id,
                                  const char      *completion,
                                  WpCloseoutState  state,
                                  const char      *closed_by,
                                  const char      *closed_at)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (db, "INSERT INTO closeout (item_id, completion, state, closed_by,"
                                   " closed_at) VALUES (?1, ?2, ?3, ?4, ?5)"
                                   " ON CONFLICT (item_id) DO UPDATE SET"
                                   " completion = excluded.completion, state = excluded.state,"
                                   " closed_by = excluded.closed_by,"
                                   " closed_at = excluded.closed_at", -1, &stmt, NULL);

  if (rc != SQLITE_OK)
    return rc;
  sqlite3_bind_int64 (stmt, 1, item_id);
  sqlite3_bind_text (stmt, 2, completion != NULL ? completion : "", -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, wp_closeout_state_to_string (state), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, closed_by != NULL ? closed_by : "", -1, SQLITE_TRANSIENT);
  if (closed_at != NULL)
    sqlite3_bind_text (stmt, 5, closed_at, -1, SQLITE_TRANSIENT);
  return finish (stmt, sqlite3_step (stmt));
}

int
wp_tracking_queries_drop_closeout (sqlite3 *db,
                                   gint64   item_id)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (db, "DELETE FROM closeout WHERE item_id = ?1", -1, &stmt, NULL);

  if (rc != SQLITE_OK)
    return rc;
  sqlite3_bind_int64 (stmt, 1, item_id);
  return finish (stmt, sqlite3_step (stmt));
}

static int
list_ids (sqlite3    *db,
          const char *sql,
          gint64      plan_id,
          GArray     *ids)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);

  if (rc != SQLITE_OK)
    return rc;
  sqlite3_bind_int64 (stmt, 1, plan_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (ids, id);
    }
  return finish (stmt, rc);
}

/* The plan's items waiting for their close-out to be confirmed, in outline
 * order of their rows (id order within a plan is creation order) */
int
wp_tracking_queries_list_pending (sqlite3 *db,
                                  gint64   plan_id,
                                  GArray  *ids)
{
  /* (CROSS JOIN: from the close-outs to their items, not through every
   * item of the plan) */
  return list_ids (db, "SELECT c.item_id FROM closeout c CROSS JOIN item i ON i.id = c.item_id"
                       " WHERE i.plan_id = ?1 AND c.state = 'pending_review'"
                       " AND i.status = 'done' ORDER BY c.item_id", plan_id, ids);
}

/* Keeps @data once under its digest (a second file with the same bytes
 * shares them) */
int
wp_tracking_queries_put_data (sqlite3    *db,
                              const char *sha256,
                              GBytes     *data)
{
  sqlite3_stmt *stmt = NULL;
  gsize size;
  gconstpointer bytes = g_bytes_get_data (data, &size);
  int rc = sqlite3_prepare_v2 (db, "INSERT INTO attachment_data (sha256, data) VALUES (?1, ?2)"
                                   " ON CONFLICT (sha256) DO NOTHING", -1, &stmt, NULL);

  if (rc != SQLITE_OK)
    return rc;
  sqlite3_bind_text (stmt, 1, sha256, -1, SQLITE_STATIC);
  /* (a zero-length blob, not NULL, for an empty file) */
  sqlite3_bind_blob64 (stmt, 2, size > 0 ? bytes : "", size, SQLITE_STATIC);
  return finish (stmt, sqlite3_step (stmt));
}

int
wp_tracking_queries_add_attachment (sqlite3    *db,
                                    gint64      item_id,
                                    const char *name,
                                    const char *type,
                                    gint64      size,
                                    const char *sha256,
                                    const char *added,
                                    gint64     *id)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (db, "INSERT INTO attachment (item_id, name, type, size, sha256,"
                                   " added) VALUES (?1, ?2, ?3, ?4, ?5, ?6)", -1, &stmt, NULL);

  if (rc != SQLITE_OK)
    return rc;
  sqlite3_bind_int64 (stmt, 1, item_id);
  sqlite3_bind_text (stmt, 2, name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, type != NULL ? type : "", -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 4, size);
  sqlite3_bind_text (stmt, 5, sha256, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 6, added, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    *id = sqlite3_last_insert_rowid (db);
  return finish (stmt, rc);
}

/* Adds a WpAttachment to @out for each row of @stmt (id, item_id, name,
 * type, size, sha256, added), and finalizes it */
static int
read_attachments (sqlite3_stmt *stmt,
                  GPtrArray    *out)
{
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      WpAttachment *a = g_new0 (WpAttachment, 1);

      a->id = sqlite3_column_int64 (stmt, 0);
      a->item_id = sqlite3_column_int64 (stmt, 1);
      a->name = column_dup (stmt, 2);
      a->type = column_dup (stmt, 3);
      a->size = sqlite3_column_int64 (stmt, 4);
      a->sha256 = column_dup (stmt, 5);
      a->added = column_dup (stmt, 6);
      g_ptr_array_add (out, a);
    }
  return finish (stmt, rc);
}

/* Adds a WpAttachment to @out for each file of @item_id, oldest first */
int
wp_tracking_queries_list_attachments (sqlite3   *db,
                                      gint64     item_id,
                                      GPtrArray *out)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (db, "SELECT id, item_id, name, type, size, sha256, added"
                                   " FROM attachment WHERE item_id = ?1 ORDER BY id",
                               -1, &stmt, NULL);

  if (rc != SQLITE_OK)
    return rc;
  sqlite3_bind_int64 (stmt, 1, item_id);
  return read_attachments (stmt, out);
}

int
wp_tracking_queries_read_attachment (sqlite3  *db,
                                     gint64    attachment_id,
                                     GBytes  **data)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (db, "SELECT d.data FROM attachment a JOIN attachment_data d"
                                   " ON d.sha256 = a.sha256 WHERE a.id = ?1", -1, &stmt, NULL);

  *data = NULL;
  if (rc != SQLITE_OK)
    return rc;
  sqlite3_bind_int64 (stmt, 1, attachment_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    *data = g_bytes_new (sqlite3_column_blob (stmt, 0), (gsize) sqlite3_column_bytes (stmt, 0));
  else if (rc == SQLITE_DONE)
    rc = SQLITE_NOTFOUND;
  sqlite3_finalize (stmt);
  return rc == SQLITE_ROW ? SQLITE_OK : rc;
}

int
wp_tracking_queries_drop_attachment (sqlite3 *db,
                                     gint64   attachment_id)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (db, "DELETE FROM attachment WHERE id = ?1", -1, &stmt, NULL);

  if (rc != SQLITE_OK)
    return rc;
  sqlite3_bind_int64 (stmt, 1, attachment_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE && sqlite3_changes (db) == 0)
    rc = SQLITE_NOTFOUND;
  return finish (stmt, rc);
}

/* Removes the bytes no file row names any more, nor a change-log row that
 * undo could still put back */
int
wp_tracking_queries_drop_unused_data (sqlite3 *db)
{
  return sqlite3_exec (db, "DELETE FROM attachment_data WHERE sha256 NOT IN"
                           " (SELECT sha256 FROM attachment) AND sha256 NOT IN"
                           " (SELECT json_extract (before, '$.sha256') FROM change_log"
                           "  WHERE record = 'attachment' AND before IS NOT NULL)",
                       NULL, NULL, NULL);
}

int
wp_tracking_queries_get_reason (sqlite3  *db,
                                gint64    item_id,
                                char    **reason)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (db, "SELECT reason FROM year_check WHERE item_id = ?1", -1,
                               &stmt, NULL);

  *reason = NULL;
  if (rc != SQLITE_OK)
    return rc;
  sqlite3_bind_int64 (stmt, 1, item_id);
  rc = sqlite3_step (stmt);
  *reason = rc == SQLITE_ROW ? column_dup (stmt, 0) : g_strdup ("");
  return finish (stmt, rc);
}

int
wp_tracking_queries_put_reason (sqlite3    *db,
                                gint64      item_id,
                                const char *reason)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  if (reason == NULL || reason[0] == '\0')
    rc = sqlite3_prepare_v2 (db, "DELETE FROM year_check WHERE item_id = ?1", -1, &stmt, NULL);
  else
    rc = sqlite3_prepare_v2 (db, "INSERT INTO year_check (item_id, reason) VALUES (?1, ?2)"
                                 " ON CONFLICT (item_id) DO UPDATE SET reason = excluded.reason",
                             -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    return rc;
  sqlite3_bind_int64 (stmt, 1, item_id);
  if (reason != NULL && reason[0] != '\0')
    sqlite3_bind_text (stmt, 2, reason, -1, SQLITE_TRANSIENT);
  return finish (stmt, sqlite3_step (stmt));
}

/* The plan's unfinished items with no sub-items and no reason given: what
 * the year-end check still needs (an item carried into next year's plan is
 * explained by that) */
int
wp_tracking_queries_list_unexplained (sqlite3 *db,
                                      gint64   plan_id,
                                      GArray  *ids)
{
  return list_ids (db, "SELECT i.id FROM item i WHERE i.plan_id = ?1"
                       " AND i.status <> 'done' AND i.carried_forward = 0"
                       " AND NOT EXISTS (SELECT 1 FROM item c WHERE c.parent_id = i.id)"
                       " AND NOT EXISTS (SELECT 1 FROM year_check y WHERE y.item_id = i.id"
                       "   AND y.reason <> '')"
                       " ORDER BY i.id", plan_id, ids);
}

int
wp_tracking_queries_set_checked (sqlite3    *db,
                                 gint64      plan_id,
                                 const char *when)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (db, "UPDATE plan SET checked = ?2 WHERE id = ?1", -1, &stmt,
                               NULL);

  if (rc != SQLITE_OK)
    return rc;
  sqlite3_bind_int64 (stmt, 1, plan_id);
  if (when != NULL)
    sqlite3_bind_text (stmt, 2, when, -1, SQLITE_TRANSIENT);
  return finish (stmt, sqlite3_step (stmt));
}

int
wp_tracking_queries_get_checked (sqlite3  *db,
                                 gint64    plan_id,
                                 char    **when)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (db, "SELECT checked FROM plan WHERE id = ?1", -1, &stmt, NULL);

  *when = NULL;
  if (rc != SQLITE_OK)
    return rc;
  sqlite3_bind_int64 (stmt, 1, plan_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    *when = column_dup (stmt, 0);
  return finish (stmt, rc);
}

/* Plan-wide reads, for exports: each calls @row once per record of the
 * plan's items, in item order. */

int
wp_tracking_queries_list_plan_closeouts (sqlite3  *db,
                                         gint64    plan_id,
                                         void    (*row) (gpointer          data,
                                                         gint64            item_id,
                                                         const WpCloseout *closeout),
                                         gpointer  data)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (db, "SELECT c.item_id, c.completion, c.state, c.closed_by,"
                                   " c.closed_at FROM closeout c JOIN item i ON i.id = c.item_id"
                                   " WHERE i.plan_id = ?1 ORDER BY c.item_id", -1, &stmt, NULL);

  if (rc != SQLITE_OK)
    return rc;
  sqlite3_bind_int64 (stmt, 1, plan_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      WpCloseout c = {
        .completion = (char *) sqlite3_column_text (stmt, 1),
        .state = g_strcmp0 ((const char *) sqlite3_column_text (stmt, 2), "pending_review") == 0
                 ? WP_CLOSEOUT_PENDING_REVIEW : WP_CLOSEOUT_CLOSED,
        .closed_by = (char *) sqlite3_column_text (stmt, 3),
        .closed_at = (char *) sqlite3_column_text (stmt, 4),
      };
      row (data, sqlite3_column_int64 (stmt, 0), &c);
    }
  return finish (stmt, rc);
}

int
wp_tracking_queries_list_plan_attachments (sqlite3   *db,
                                           gint64     plan_id,
                                           GPtrArray *out)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (db, "SELECT a.id, a.item_id, a.name, a.type, a.size, a.sha256,"
                                   " a.added FROM attachment a JOIN item i ON i.id = a.item_id"
                                   " WHERE i.plan_id = ?1 ORDER BY a.item_id, a.id",
                               -1, &stmt, NULL);

  if (rc != SQLITE_OK)
    return rc;
  sqlite3_bind_int64 (stmt, 1, plan_id);
  return read_attachments (stmt, out);
}

int
wp_tracking_queries_list_plan_reasons (sqlite3  *db,
                                       gint64    plan_id,
                                       void    (*row) (gpointer    data,
                                                       gint64      item_id,
                                                       const char *reason),
                                       gpointer  data)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (db, "SELECT y.item_id, y.reason FROM year_check y"
                                   " JOIN item i ON i.id = y.item_id WHERE i.plan_id = ?1"
                                   " ORDER BY y.item_id", -1, &stmt, NULL);

  if (rc != SQLITE_OK)
    return rc;
  sqlite3_bind_int64 (stmt, 1, plan_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    row (data, sqlite3_column_int64 (stmt, 0), (const char *) sqlite3_column_text (stmt, 1));
  return finish (stmt, rc);
}

/* Whether the file holds the bytes of @sha256 (an attachment imported by
 * reference can point at them) */
int
wp_tracking_queries_has_data (sqlite3    *db,
                              const char *sha256,
                              gboolean   *has)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (db, "SELECT 1 FROM attachment_data WHERE sha256 = ?1", -1, &stmt,
                               NULL);

  *has = FALSE;
  if (rc != SQLITE_OK)
    return rc;
  sqlite3_bind_text (stmt, 1, sha256, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  *has = rc == SQLITE_ROW;
  return finish (stmt, rc);
}
