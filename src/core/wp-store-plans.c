/* wp-store-plans.c: the plans of a file: listing, reading, creating and deleting them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "wp-store-private.h"

#define PLANS(self) ((self)->backend->plans)

/* Plans */

GPtrArray *
wp_store_list_plans (WpStore  *self,
                     GError  **error)
{
  g_autoptr(GPtrArray) plans = g_ptr_array_new_with_free_func (g_object_unref);

  g_return_val_if_fail (WP_IS_STORE (self), NULL);

  if (!PLANS (self)->list (self, plans, error))
    return NULL;
  return g_steal_pointer (&plans);
}

static WpPlan *
get_plan_where (WpStore   *self,
                gboolean   by_year,
                gint64     key,
                GError   **error)
{
  WpPlan *plan = NULL;

  if (!PLANS (self)->find (self, by_year, key, &plan, error))
    return NULL;
  if (plan == NULL)
    g_set_error (error, WP_STORE_ERROR, WP_STORE_ERROR_NOT_FOUND,
                 _("There is no such plan in “%s”."), self->path);
  return plan;
}

WpPlan *
wp_store_get_plan (WpStore  *self,
                   gint64    plan_id,
                   GError  **error)
{
  g_return_val_if_fail (WP_IS_STORE (self), NULL);
  return get_plan_where (self, FALSE, plan_id, error);
}

WpPlan *
wp_store_get_plan_by_year (WpStore  *self,
                           int       year,
                           GError  **error)
{
  g_autoptr(GError) local_error = NULL;
  WpPlan *plan;

  g_return_val_if_fail (WP_IS_STORE (self), NULL);

  plan = get_plan_where (self, TRUE, year, &local_error);
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
  g_autofree char *now = wp_store_now ();
  g_autoptr(WpPlan) existing = NULL;
  gint64 id;

  g_return_val_if_fail (WP_IS_STORE (self), NULL);

  if (!wp_store_check_writable (self, error))
    return NULL;

  if (year < 1 || year > 9999)
    {
      g_set_error (error, WP_STORE_ERROR, WP_STORE_ERROR_INVALID,
                   _("%d is not a valid year."), year);
      return NULL;
    }

  existing = get_plan_where (self, TRUE, year, NULL);
  if (existing != NULL)
    {
      g_set_error (error, WP_STORE_ERROR, WP_STORE_ERROR_EXISTS,
                   _("There is already a plan for %d."), year);
      return NULL;
    }

  id = PLANS (self)->insert (self, year, title, organization, now, error);
  if (id == 0)
    return NULL;

  wp_store_plans_changed (self);
  return wp_plan_new (id, year, title, organization);
}

gboolean
wp_store_delete_plan (WpStore  *self,
                      gint64    plan_id,
                      GError  **error)
{
  g_return_val_if_fail (WP_IS_STORE (self), FALSE);

  if (!wp_store_check_writable (self, error)
      || !PLANS (self)->delete (self, plan_id, error))
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
  g_return_val_if_fail (WP_IS_STORE (self), 0);
  return PLANS (self)->count_items (self, plan_id, error);
}
