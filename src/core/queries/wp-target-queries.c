/* wp-target-queries.c: the SQL of quantified targets (目标指标), and nothing else
 *
 * SQLite's side of WpTargetQueries (db/wp-backend.h). No caches, no
 * signals, no transactions: wp-store-targets.c runs these.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "wp-backend.h"
#include "wp-db-stmt.h"
#include "wp-query-util.h"
#include "wp-store-private.h"

static gboolean
read_targets (WpStmt     *stmt,
              GPtrArray  *targets,
              GError    **error)
{
  int rc;

  while ((rc = wp_stmt_step (stmt, error)) == SQLITE_ROW)
    {
      WpTarget *t = g_new0 (WpTarget, 1);

      t->label = g_strdup (wp_stmt_column_text (stmt, 0));
      t->unit = g_strdup (wp_stmt_column_text (stmt, 1));
      t->has_baseline = sqlite3_column_type (stmt->stmt, 2) != SQLITE_NULL;
      t->baseline = sqlite3_column_double (stmt->stmt, 2);
      t->has_target = sqlite3_column_type (stmt->stmt, 3) != SQLITE_NULL;
      t->target = sqlite3_column_double (stmt->stmt, 3);
      t->has_current = sqlite3_column_type (stmt->stmt, 4) != SQLITE_NULL;
      t->current = sqlite3_column_double (stmt->stmt, 4);
      t->id = sqlite3_column_int64 (stmt->stmt, 5);
      t->item_id = sqlite3_column_int64 (stmt->stmt, 6);
      g_ptr_array_add (targets, t);
    }
  return rc == SQLITE_DONE;
}

static gboolean
list_of_item (WpStore    *conn,
              gint64      item_id,
              GPtrArray  *targets,
              GError    **error)
{
  g_autoptr(WpStmt) stmt =
    wp_stmt_prepare (conn, "SELECT label, unit, baseline, target, current, id, item_id"
                           " FROM target WHERE item_id = ?1 ORDER BY position", error);

  if (stmt == NULL)
    return FALSE;
  wp_stmt_bind_int64 (stmt, 1, item_id);
  return read_targets (stmt, targets, error);
}

static gboolean
list_of_plan (WpStore    *conn,
              gint64      plan_id,
              GPtrArray  *targets,
              GError    **error)
{
  g_autoptr(WpStmt) stmt =
    /* (CROSS JOIN: from the targets, few, to their items, not through the
     * plan's 100,000 items to find those with targets: 100 ms) */
    wp_stmt_prepare (conn, "SELECT t.label, t.unit, t.baseline, t.target, t.current, t.id,"
                           " t.item_id FROM target t CROSS JOIN item i ON i.id = t.item_id"
                           " WHERE i.plan_id = ?1 ORDER BY i.id, t.position", error);

  if (stmt == NULL)
    return FALSE;
  wp_stmt_bind_int64 (stmt, 1, plan_id);
  return read_targets (stmt, targets, error);
}

static void
bind_optional_double (WpStmt   *stmt,
                      int       index,
                      gboolean  has_value,
                      double    value)
{
  if (has_value)
    wp_stmt_bind_double (stmt, index, value);
  else
    wp_stmt_bind_null (stmt, index);
}

/* ?2 … ?6: the label, unit and figures */
static void
bind_figures (WpStmt         *stmt,
              const WpTarget *target)
{
  wp_stmt_bind_text (stmt, 2, target->label ? target->label : "");
  wp_stmt_bind_text (stmt, 3, target->unit ? target->unit : "");
  bind_optional_double (stmt, 4, target->has_baseline, target->baseline);
  bind_optional_double (stmt, 5, target->has_target, target->target);
  bind_optional_double (stmt, 6, target->has_current, target->current);
}

static gint64
insert (WpStore         *conn,
        gint64           item_id,
        const WpTarget  *target,
        gint64           id,
        GError         **error)
{
  g_autoptr(WpStmt) stmt =
    wp_stmt_prepare (conn, "INSERT INTO target (id, item_id, position, label, unit, baseline,"
                           " target, current) VALUES (nullif (?7, 0), ?1,"
                           " (SELECT count(*) FROM target WHERE item_id = ?1), ?2, ?3, ?4, ?5, ?6)",
                     error);

  if (stmt == NULL)
    return 0;
  wp_stmt_bind_int64 (stmt, 1, item_id);
  bind_figures (stmt, target);
  wp_stmt_bind_int64 (stmt, 7, id);
  if (!wp_stmt_run (stmt, error))
    return 0;
  return sqlite3_last_insert_rowid (conn->db);
}

#define TARGET_GONE N_("The target no longer exists.")

static gboolean
update (WpStore         *conn,
        const WpTarget  *target,
        GError         **error)
{
  g_autoptr(WpStmt) stmt =
    wp_stmt_prepare (conn, "UPDATE target SET label = ?2, unit = ?3, baseline = ?4,"
                           " target = ?5, current = ?6 WHERE id = ?1", error);

  if (stmt == NULL)
    return FALSE;
  wp_stmt_bind_int64 (stmt, 1, target->id);
  bind_figures (stmt, target);
  return wp_query_run_changing (stmt, TARGET_GONE, error);
}

static gboolean
delete (WpStore  *conn,
        gint64    target_id,
        GError  **error)
{
  g_autoptr(WpStmt) stmt = wp_stmt_prepare (conn, "DELETE FROM target WHERE id = ?1", error);

  if (stmt == NULL)
    return FALSE;
  wp_stmt_bind_int64 (stmt, 1, target_id);
  return wp_query_run_changing (stmt, TARGET_GONE, error);
}

const WpTargetQueries wp_sqlite_target_queries = {
  .list_of_item = list_of_item,
  .list_of_plan = list_of_plan,
  .insert = insert,
  .update = update,
  .delete = delete,
};
