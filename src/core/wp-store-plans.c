/* wp-store-plans.c: the plans of a file: listing, reading, creating and deleting them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "wp-store-private.h"

/* Plans */

static WpPlan *
plan_from_row (WpStmt *stmt)
{
  return wp_plan_new (sqlite3_column_int64 (stmt->stmt, 0),
                      sqlite3_column_int (stmt->stmt, 1),
                      wp_stmt_column_text (stmt, 2),
                      wp_stmt_column_text (stmt, 3));
}

GPtrArray *
wp_store_list_plans (WpStore  *self,
                     GError  **error)
{
  g_autoptr(WpStmt) stmt = NULL;
  g_autoptr(GPtrArray) plans = g_ptr_array_new_with_free_func (g_object_unref);
  int rc;

  g_return_val_if_fail (WP_IS_STORE (self), NULL);

  stmt = wp_stmt_prepare (self, "SELECT id, year, title, organization FROM plan ORDER BY year",
                          error);
  if (stmt == NULL)
    return NULL;

  while ((rc = wp_stmt_step (stmt, error)) == SQLITE_ROW)
    g_ptr_array_add (plans, plan_from_row (stmt));

  return rc == SQLITE_DONE ? g_steal_pointer (&plans) : NULL;
}

static WpPlan *
get_plan_where (WpStore     *self,
                const char  *sql,
                gint64       key,
                GError     **error)
{
  g_autoptr(WpStmt) stmt = wp_stmt_prepare (self, sql, error);
  int rc;

  if (stmt == NULL)
    return NULL;
  wp_stmt_bind_int64 (stmt, 1, key);
  rc = wp_stmt_step (stmt, error);
  if (rc == SQLITE_ROW)
    return plan_from_row (stmt);
  if (rc == SQLITE_DONE)
    g_set_error (error, WP_STORE_ERROR, WP_STORE_ERROR_NOT_FOUND,
                 _("There is no such plan in “%s”."), self->path);
  return NULL;
}

WpPlan *
wp_store_get_plan (WpStore  *self,
                   gint64    plan_id,
                   GError  **error)
{
  g_return_val_if_fail (WP_IS_STORE (self), NULL);
  return get_plan_where (self, "SELECT id, year, title, organization FROM plan WHERE id = ?1",
                         plan_id, error);
}

WpPlan *
wp_store_get_plan_by_year (WpStore  *self,
                           int       year,
                           GError  **error)
{
  g_autoptr(GError) local_error = NULL;
  WpPlan *plan;

  g_return_val_if_fail (WP_IS_STORE (self), NULL);

  plan = get_plan_where (self, "SELECT id, year, title, organization FROM plan WHERE year = ?1",
                         year, &local_error);
  if (g_error_matches (local_error, WP_STORE_ERROR, WP_STORE_ERROR_NOT_FOUND))
    g_set_error (error, WP_STORE_ERROR, WP_STORE_ERROR_NOT_FOUND,
                 _("There is no plan for %d in “%s”."), year, self->path);
  else if (local_error != NULL)
    g_propagate_error (error, g_steal_pointer (&local_error));
  return plan;
}

WpPlan *
wp_store_create_plan (WpStore     *self,
                      int          year,
                      const char  *title,
                      const char  *organization,
                      GError     **error)
{
  g_autoptr(WpStmt) stmt = NULL;
  g_autofree char *now = wp_store_now ();
  g_autoptr(WpPlan) existing = NULL;

  g_return_val_if_fail (WP_IS_STORE (self), NULL);

  if (!wp_store_check_writable (self, error))
    return NULL;

  if (year < 1 || year > 9999)
    {
      g_set_error (error, WP_STORE_ERROR, WP_STORE_ERROR_INVALID,
                   _("%d is not a valid year."), year);
      return NULL;
    }

  existing = get_plan_where (self, "SELECT id, year, title, organization FROM plan WHERE year = ?1",
                             year, NULL);
  if (existing != NULL)
    {
      g_set_error (error, WP_STORE_ERROR, WP_STORE_ERROR_EXISTS,
                   _("There is already a plan for %d."), year);
      return NULL;
    }

  stmt = wp_stmt_prepare (self,
                          "INSERT INTO plan (year, title, organization, created, modified)"
                          " VALUES (?1, ?2, ?3, ?4, ?4)", error);
  if (stmt == NULL)
    return NULL;
  wp_stmt_bind_int (stmt, 1, year);
  wp_stmt_bind_text (stmt, 2, title ? title : "");
  wp_stmt_bind_text (stmt, 3, organization ? organization : "");
  wp_stmt_bind_text (stmt, 4, now);
  if (!wp_stmt_run (stmt, error))
    return NULL;

  wp_store_plans_changed (self);

  return wp_plan_new (sqlite3_last_insert_rowid (self->db), year, title, organization);
}

gboolean
wp_store_delete_plan (WpStore  *self,
                      gint64    plan_id,
                      GError  **error)
{
  g_autoptr(WpStmt) stmt = NULL;

  g_return_val_if_fail (WP_IS_STORE (self), FALSE);

  if (!wp_store_check_writable (self, error))
    return FALSE;

  stmt = wp_stmt_prepare (self, "DELETE FROM plan WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  wp_stmt_bind_int64 (stmt, 1, plan_id);
  if (!wp_stmt_run (stmt, error))
    return FALSE;

  /* Ids of deleted rows can be given out again. */
  wp_store_forget_rollups (self);
  wp_store_plans_changed (self);
  return TRUE;
}

guint
wp_store_count_items (WpStore  *self,
                      gint64    plan_id,
                      GError  **error)
{
  g_autoptr(WpStmt) stmt = NULL;

  g_return_val_if_fail (WP_IS_STORE (self), 0);

  stmt = wp_stmt_prepare (self, "SELECT count(*) FROM item WHERE plan_id = ?1", error);
  if (stmt == NULL)
    return 0;
  wp_stmt_bind_int64 (stmt, 1, plan_id);
  if (wp_stmt_step (stmt, error) != SQLITE_ROW)
    return 0;
  return (guint) sqlite3_column_int64 (stmt->stmt, 0);
}
