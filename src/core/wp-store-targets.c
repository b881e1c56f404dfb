/* wp-store-targets.c: quantified targets (目标指标) of items
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "wp-store-private.h"

/* Targets */

static GPtrArray *
read_targets (WpStmt  *stmt,
              GError **error)
{
  g_autoptr(GPtrArray) targets = g_ptr_array_new_with_free_func ((GDestroyNotify) wp_target_free);
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

  return rc == SQLITE_DONE ? g_steal_pointer (&targets) : NULL;
}

GPtrArray *
wp_store_list_targets (WpStore  *self,
                       gint64    item_id,
                       GError  **error)
{
  g_autoptr(WpStmt) stmt = NULL;

  g_return_val_if_fail (WP_IS_STORE (self), NULL);

  stmt = wp_stmt_prepare (self, "SELECT label, unit, baseline, target, current, id, item_id"
                                " FROM target WHERE item_id = ?1 ORDER BY position", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt->stmt, 1, item_id);
  return read_targets (stmt, error);
}

/**
 * wp_store_list_plan_targets:
 *
 * Returns: (transfer container): every target of the plan's items, item
 *   by item in the order they were created, each item's in its own order
 */
GPtrArray *
wp_store_list_plan_targets (WpStore  *self,
                            gint64    plan_id,
                            GError  **error)
{
  g_autoptr(WpStmt) stmt = NULL;

  g_return_val_if_fail (WP_IS_STORE (self), NULL);

  /* (CROSS JOIN: from the targets, few, to their items, not through the
   * plan's 100,000 items to find those with targets: 100 ms) */
  stmt = wp_stmt_prepare (self, "SELECT t.label, t.unit, t.baseline, t.target, t.current, t.id,"
                                " t.item_id FROM target t CROSS JOIN item i ON i.id = t.item_id"
                                " WHERE i.plan_id = ?1 ORDER BY i.id, t.position", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt->stmt, 1, plan_id);
  return read_targets (stmt, error);
}

/**
 * wp_target_get_share:
 *
 * How far the current value has come from the baseline (or from nothing)
 * to the target: 0 at the baseline, 1 when it is reached or passed, for
 * targets that go up as well as for those that go down.
 *
 * Returns: between 0 and 1, or -1 when there is no current value or target
 */
double
wp_target_get_share (const WpTarget *target)
{
  double start = target->has_baseline ? target->baseline : 0;
  double span = target->target - start;

  if (!target->has_target || !target->has_current)
    return -1;
  if (span == 0)
    return target->current >= target->target ? 1 : 0;
  return CLAMP ((target->current - start) / span, 0, 1);
}

static void
bind_optional_double (WpStmt   *stmt,
                      int       index,
                      gboolean  has_value,
                      double    value)
{
  if (has_value)
    sqlite3_bind_double (stmt->stmt, index, value);
  else
    sqlite3_bind_null (stmt->stmt, index);
}

static gint64
insert_target (WpStore         *self,
               gint64           item_id,
               const WpTarget  *target,
               gint64           id,
               GError         **error)
{
  g_autoptr(WpStmt) stmt = NULL;

  g_return_val_if_fail (WP_IS_STORE (self), 0);

  if (!wp_store_check_writable (self, error))
    return 0;

  stmt = wp_stmt_prepare (self,
                          "INSERT INTO target (id, item_id, position, label, unit, baseline,"
                          " target, current) VALUES (nullif (?7, 0), ?1,"
                          " (SELECT count(*) FROM target WHERE item_id = ?1), ?2, ?3, ?4, ?5, ?6)",
                          error);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt->stmt, 1, item_id);
  wp_stmt_bind_text (stmt, 2, target->label ? target->label : "");
  wp_stmt_bind_text (stmt, 3, target->unit ? target->unit : "");
  bind_optional_double (stmt, 4, target->has_baseline, target->baseline);
  bind_optional_double (stmt, 5, target->has_target, target->target);
  bind_optional_double (stmt, 6, target->has_current, target->current);
  sqlite3_bind_int64 (stmt->stmt, 7, id);
  if (!wp_stmt_run (stmt, error))
    return 0;
  return sqlite3_last_insert_rowid (self->db);
}

/* Returns: the new target's id, or 0 with @error set */
gint64
wp_store_add_target (WpStore         *self,
                     gint64           item_id,
                     const WpTarget  *target,
                     GError         **error)
{
  return insert_target (self, item_id, target, 0, error);
}

WpTarget *
wp_target_copy (const WpTarget *target)
{
  WpTarget *copy = g_memdup2 (target, sizeof *target);

  copy->label = g_strdup (target->label);
  copy->unit = g_strdup (target->unit);
  return copy;
}

static gboolean
target_changed (WpStore  *self,
                gint64    target_id,
                GError  **error)
{
  if (sqlite3_changes (self->db) > 0)
    return TRUE;
  g_set_error (error, WP_STORE_ERROR, WP_STORE_ERROR_NOT_FOUND,
               _("The target no longer exists."));
  return FALSE;
}

/* Writes @target's label, unit and figures over the stored target of the
 * same id. */
gboolean
wp_store_update_target (WpStore         *self,
                        const WpTarget  *target,
                        GError         **error)
{
  g_autoptr(WpStmt) stmt = NULL;

  g_return_val_if_fail (WP_IS_STORE (self), FALSE);

  if (!wp_store_check_writable (self, error))
    return FALSE;
  stmt = wp_stmt_prepare (self, "UPDATE target SET label = ?2, unit = ?3, baseline = ?4,"
                                " target = ?5, current = ?6 WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt->stmt, 1, target->id);
  wp_stmt_bind_text (stmt, 2, target->label ? target->label : "");
  wp_stmt_bind_text (stmt, 3, target->unit ? target->unit : "");
  bind_optional_double (stmt, 4, target->has_baseline, target->baseline);
  bind_optional_double (stmt, 5, target->has_target, target->target);
  bind_optional_double (stmt, 6, target->has_current, target->current);
  return wp_stmt_run (stmt, error) && target_changed (self, target->id, error);
}

gboolean
wp_store_delete_target (WpStore  *self,
                        gint64    target_id,
                        GError  **error)
{
  g_autoptr(WpStmt) stmt = NULL;

  g_return_val_if_fail (WP_IS_STORE (self), FALSE);

  if (!wp_store_check_writable (self, error))
    return FALSE;
  stmt = wp_stmt_prepare (self, "DELETE FROM target WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt->stmt, 1, target_id);
  return wp_stmt_run (stmt, error) && target_changed (self, target_id, error);
}
