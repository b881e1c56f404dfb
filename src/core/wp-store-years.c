/* wp-store-years.c: starting next year's plan from this one
 *
 * Planning offices start the new year from the old task list: the areas and
 * key tasks mostly stay, unfinished work carries over (结转至下一年), and what
 * was done stays behind in its year.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "wp-store-private.h"

static gboolean
set_value (WpStore      *self,
           gint64        id,
           const char   *property,
           const GValue *value,
           GError      **error)
{
  return wp_store_set_item_property (self, id, property, value, error);
}

static gboolean
copy_item (WpStore  *self,
           WpItem   *old,
           gint64    new_plan_id,
           gint64    new_parent_id,
           gint64   *new_id,
           GError  **error)
{
  g_autoptr(WpItem) item = NULL;
  g_autoptr(GPtrArray) targets = NULL;
  g_auto(GValue) text = G_VALUE_INIT;
  g_auto(GValue) number = G_VALUE_INIT;
  g_auto(GValue) flag = G_VALUE_INIT;
  gint64 id;

  item = wp_store_create_item (self, new_plan_id, new_parent_id, -1, wp_item_get_kind (old),
                               wp_item_get_title (old), error);
  if (item == NULL)
    return FALSE;
  id = *new_id = wp_item_get_id (item);

  g_value_init (&text, G_TYPE_STRING);
  g_value_init (&number, G_TYPE_INT);
  g_value_init (&flag, G_TYPE_BOOLEAN);

  g_value_set_string (&text, wp_item_get_description (old));
  if (!set_value (self, id, "description", &text, error))
    return FALSE;
  g_value_set_string (&text, wp_item_status_to_string (wp_item_get_status (old)));
  if (!set_value (self, id, "status", &text, error))
    return FALSE;
  g_value_set_int (&number, wp_item_get_progress (old));
  if (!set_value (self, id, "progress", &number, error))
    return FALSE;

  /* 年底前 means the end of the new year now; a fixed date of last year
   * means nothing any more, so only words are carried. */
  if (!wp_store_set_item_due_text (self, id, wp_item_get_due_label (old), error))
    return FALSE;

  g_value_set_boolean (&flag, wp_item_get_kind (old) != WP_ITEM_KIND_AREA);
  if (!set_value (self, id, "carried-over", &flag, error))
    return FALSE;

  if (!wp_store_set_item_agencies (self, id, WP_AGENCY_ROLE_LEAD,
                                   wp_item_get_lead_agencies (old), error)
      || !wp_store_set_item_agencies (self, id, WP_AGENCY_ROLE_CO,
                                      wp_item_get_co_agencies (old), error))
    return FALSE;

  targets = wp_store_list_targets (self, wp_item_get_id (old), error);
  if (targets == NULL)
    return FALSE;
  for (guint i = 0; i < targets->len; i++)
    if (wp_store_add_target (self, id, g_ptr_array_index (targets, i), error) == 0)
      return FALSE;

  return TRUE;
}

static gboolean
copy_level (WpStore  *self,
            gint64    old_plan_id,
            gint64    old_parent_id,
            gint64    new_plan_id,
            gint64    new_parent_id,
            GError  **error)
{
  g_autoptr(GPtrArray) children = wp_store_list_children (self, old_plan_id, old_parent_id,
                                                          error);

  if (children == NULL)
    return FALSE;

  for (guint i = 0; i < children->len; i++)
    {
      WpItem *old = g_ptr_array_index (children, i);
      gint64 new_id;

      /* Done, or everything below done: it stays in its year. */
      if (wp_item_get_effective_status (old) == WP_ITEM_STATUS_DONE)
        continue;

      if (!copy_item (self, old, new_plan_id, new_parent_id, &new_id, error))
        return FALSE;
      if (wp_item_get_n_children (old) > 0
          && !copy_level (self, old_plan_id, wp_item_get_id (old), new_plan_id, new_id, error))
        return FALSE;
    }

  return TRUE;
}

/**
 * wp_store_start_next_year:
 *
 * Makes the plan for the following year from @plan_id: everything not done
 * is copied (key tasks and actions marked as carried over, with their
 * agencies, targets and deadline words re-read for the new year); done work
 * stays behind. The year's title has its year number moved on.
 *
 * Returns: (transfer full): the new plan, or %NULL with @error set and
 *   nothing written
 */
WpPlan *
wp_store_start_next_year (WpStore  *self,
                          gint64    plan_id,
                          GError  **error)
{
  g_autoptr(WpPlan) old = NULL;
  g_autoptr(WpPlan) plan = NULL;
  g_autofree char *old_year = NULL;
  g_autofree char *new_year = NULL;
  g_auto(GStrv) parts = NULL;
  g_autofree char *title = NULL;

  g_return_val_if_fail (WP_IS_STORE (self), NULL);

  old = wp_store_get_plan (self, plan_id, error);
  if (old == NULL)
    return NULL;

  old_year = g_strdup_printf ("%d", wp_plan_get_year (old));
  new_year = g_strdup_printf ("%d", wp_plan_get_year (old) + 1);
  parts = g_strsplit (wp_plan_get_title (old), old_year, -1);
  title = g_strjoinv (new_year, parts);

  if (!wp_store_begin (self, error))
    return NULL;
  wp_store_freeze_signals (self);

  plan = wp_store_create_plan (self, wp_plan_get_year (old) + 1, title,
                               wp_plan_get_organization (old), error);
  if (plan == NULL || !copy_level (self, plan_id, 0, wp_plan_get_id (plan), 0, error))
    {
      wp_store_rollback (self);
      wp_store_thaw_signals (self);
      return NULL;
    }

  if (!wp_store_commit (self, error))
    {
      wp_store_thaw_signals (self);
      return NULL;
    }
  wp_store_thaw_signals (self);
  return g_steal_pointer (&plan);
}
