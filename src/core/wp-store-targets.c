/* wp-store-targets.c: quantified targets (目标指标) of items
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "wp-store-private.h"

#define TARGETS(self) ((self)->backend->targets)

/* Targets */

GPtrArray *
wp_store_list_targets (WpStore  *self,
                       gint64    item_id,
                       GError  **error)
{
  g_autoptr(GPtrArray) targets = g_ptr_array_new_with_free_func ((GDestroyNotify) wp_target_free);

  g_return_val_if_fail (WP_IS_STORE (self), NULL);

  if (!TARGETS (self)->list_of_item (self, item_id, targets, error))
    return NULL;
  return g_steal_pointer (&targets);
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
  g_autoptr(GPtrArray) targets = g_ptr_array_new_with_free_func ((GDestroyNotify) wp_target_free);

  g_return_val_if_fail (WP_IS_STORE (self), NULL);

  if (!TARGETS (self)->list_of_plan (self, plan_id, targets, error))
    return NULL;
  return g_steal_pointer (&targets);
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

static gint64
insert_target (WpStore         *self,
               gint64           item_id,
               const WpTarget  *target,
               gint64           id,
               GError         **error)
{
  g_return_val_if_fail (WP_IS_STORE (self), 0);

  if (!wp_store_check_writable (self, error))
    return 0;
  return TARGETS (self)->insert (self, item_id, target, id, error);
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

/* Writes @target's label, unit and figures over the stored target of the
 * same id. */
gboolean
wp_store_update_target (WpStore         *self,
                        const WpTarget  *target,
                        GError         **error)
{
  g_return_val_if_fail (WP_IS_STORE (self), FALSE);

  if (!wp_store_check_writable (self, error))
    return FALSE;
  return TARGETS (self)->update (self, target, error);
}

gboolean
wp_store_delete_target (WpStore  *self,
                        gint64    target_id,
                        GError  **error)
{
  g_return_val_if_fail (WP_IS_STORE (self), FALSE);

  if (!wp_store_check_writable (self, error))
    return FALSE;
  return TARGETS (self)->delete (self, target_id, error);
}
