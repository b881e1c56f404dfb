/* wp-store-milestones.c: the store's facade for milestones (形象进度)
 *
 * The pattern for a record kind on the change log: the SQL is in a query
 * file (queries/wp-milestone-queries.c), this facade checks the input,
 * runs it in one transaction and tells the views; undo needs nothing (see
 * wp_edit_set_milestone()).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "wp-milestone-queries.h"
#include "wp-store-private.h"

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
  int rc;

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

  rc = clean[0] == '\0' && progress < 0
       ? wp_milestone_queries_delete (self->db, item_id, quarter)
       : wp_milestone_queries_put (self->db, item_id, quarter, clean, progress);
  if (rc != SQLITE_OK)
    return wp_store_set_error (self, rc, error);
  _wp_store_forget_judging (self);
  wp_store_refresh_item_and_ancestors (self, item_id);
  return TRUE;
}

static void
add_row (gpointer    data,
         int         quarter,
         const char *text,
         int         progress)
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
  int rc;

  g_return_val_if_fail (WP_IS_STORE (self), NULL);

  rc = wp_milestone_queries_list (self->db, item_id, add_row, milestones);
  if (rc != SQLITE_OK)
    {
      wp_store_set_error (self, rc, error);
      return NULL;
    }
  return g_steal_pointer (&milestones);
}

static void
add_plan_row (gpointer    data,
              gint64      item_id,
              int         quarter,
              const char *text,
              int         progress)
{
  GHashTable *by_item = data;
  GPtrArray *list = g_hash_table_lookup (by_item, &item_id);

  if (list == NULL)
    {
      list = g_ptr_array_new_with_free_func ((GDestroyNotify) wp_milestone_free);
      g_hash_table_insert (by_item, g_memdup2 (&item_id, sizeof item_id), list);
    }
  add_row (list, quarter, text, progress);
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
  int rc;

  g_return_val_if_fail (WP_IS_STORE (self), NULL);

  rc = wp_milestone_queries_list_plan (self->db, plan_id, add_plan_row, by_item);
  if (rc != SQLITE_OK)
    {
      wp_store_set_error (self, rc, error);
      return NULL;
    }
  return g_steal_pointer (&by_item);
}
