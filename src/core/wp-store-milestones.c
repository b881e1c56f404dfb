/* wp-store-milestones.c: the store's facade for milestones (形象进度)
 *
 * The pattern for a record kind on the change log: the SQL is behind the
 * backend's WpMilestoneQueries (SQLite: queries/wp-milestone-queries.c),
 * this facade checks the input,
 * runs it in one transaction and tells the views; undo needs nothing (see
 * wp_edit_set_milestone()).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "wp-store-private.h"

#define MILESTONES(self) ((self)->backend->milestones)

void
wp_milestone_free (WpMilestone *milestone)
{
  if (milestone == NULL)
    return;
  g_free (milestone->text);
  g_free (milestone);
}

/**
 * wp_store_set_milestone:
 * @quarter: 1 to 4
 * @text: (nullable): the state expected by the quarter's end
 * @progress: the progress expected by then (0-100), or -1 for none
 *
 * Sets an item's milestone for a quarter; with no text and no progress
 * the milestone goes.
 */
gboolean
wp_store_set_milestone (WpStore     *self,
                        gint64       item_id,
                        int          quarter,
                        const char  *text,
                        int          progress,
                        GError     **error)
{
  g_autoptr(WpItem) item = NULL;
  g_autofree char *clean = g_strstrip (g_strdup (text != NULL ? text : ""));
  gboolean ok;

  g_return_val_if_fail (WP_IS_STORE (self), FALSE);

  if (quarter < 1 || quarter > 4 || progress < -1 || progress > 100)
    {
      g_set_error (error, WP_STORE_ERROR, WP_STORE_ERROR_INVALID,
                   _("A milestone is for a quarter (1 to 4) and its progress is 0 to 100%%."));
      return FALSE;
    }
  if (!wp_store_check_writable (self, error))
    return FALSE;
  item = wp_store_get_item (self, item_id, error);
  if (item == NULL)
    return FALSE;

  ok = clean[0] == '\0' && progress < 0
       ? MILESTONES (self)->delete (self, item_id, quarter, error)
       : MILESTONES (self)->put (self, item_id, quarter, clean, progress, error);
  if (!ok)
    return FALSE;
  _wp_store_forget_judging (self);
  wp_store_refresh_item_and_ancestors (self, item_id);
  return TRUE;
}

static void
add_row (gint64      item_id,
         int         quarter,
         const char *text,
         int         progress,
         gpointer    data)
{
  WpMilestone *milestone = g_new0 (WpMilestone, 1);

  milestone->quarter = quarter;
  milestone->text = g_strdup (text != NULL ? text : "");
  milestone->progress = progress;
  g_ptr_array_add (data, milestone);
}

/**
 * wp_store_list_milestones:
 *
 * Returns: (transfer full) (element-type WpMilestone): the item's
 *   milestones by quarter (only the quarters that have one), or %NULL with
 *   @error set
 */
GPtrArray *
wp_store_list_milestones (WpStore  *self,
                          gint64    item_id,
                          GError  **error)
{
  g_autoptr(GPtrArray) milestones =
    g_ptr_array_new_with_free_func ((GDestroyNotify) wp_milestone_free);

  g_return_val_if_fail (WP_IS_STORE (self), NULL);

  if (!MILESTONES (self)->list_of_item (self, item_id, add_row, milestones, error))
    return NULL;
  return g_steal_pointer (&milestones);
}

static void
add_plan_row (gint64      item_id,
              int         quarter,
              const char *text,
              int         progress,
              gpointer    data)
{
  GHashTable *by_item = data;
  GPtrArray *list = g_hash_table_lookup (by_item, &item_id);

  if (list == NULL)
    {
      list = g_ptr_array_new_with_free_func ((GDestroyNotify) wp_milestone_free);
      g_hash_table_insert (by_item, g_memdup2 (&item_id, sizeof item_id), list);
    }
  add_row (item_id, quarter, text, progress, list);
}

/**
 * wp_store_list_plan_milestones:
 *
 * Every milestone of the plan's items in one query, for exports.
 *
 * Returns: (transfer full): gint64 item id → GPtrArray of WpMilestone by
 *   quarter, or %NULL with @error set
 */
GHashTable *
wp_store_list_plan_milestones (WpStore  *self,
                               gint64    plan_id,
                               GError  **error)
{
  g_autoptr(GHashTable) by_item =
    g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                           (GDestroyNotify) g_ptr_array_unref);

  g_return_val_if_fail (WP_IS_STORE (self), NULL);

  if (!MILESTONES (self)->list_of_plan (self, plan_id, add_plan_row, by_item, error))
    return NULL;
  return g_steal_pointer (&by_item);
}
