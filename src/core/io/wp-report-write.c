/* wp-report-write.c: a report's draft written into a plan that exists
 *
 * An office that has its plan already adds a report's work to it (a
 * speech's tasks under one area, or as areas of their own) instead of
 * making a plan for another year. The items go in through the bulk
 * writer, in the caller's transaction, so that wp_edit_add_report_items()
 * makes them one undoable step.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "wp-report-import.h"
#include "wp-store-bulk.h"

/* @names as the NULL-terminated array the bulk writer takes */
static const char **
name_array (GPtrArray *names)
{
  const char **array = g_new0 (const char *, names->len + 1);

  for (guint i = 0; i < names->len; i++)
    array[i] = g_ptr_array_index (names, i);
  return array;
}

static gboolean
write_item (WpStoreBulk   *bulk,
            gint64         plan_id,
            gint64         parent_id,
            int            position,
            guint          depth,
            WpReportItem  *item,
            GError       **error)
{
  g_autofree const char **lead = name_array (item->lead);
  g_autofree const char **co = name_array (item->co);
  WpBulkItem row = {
    .kind = (WpItemKind) MIN (depth, (guint) WP_ITEM_KIND_ACTION),
    .title = item->title,
    .description = item->description != NULL ? item->description : "",
    .status = WP_ITEM_STATUS_NOT_STARTED,
    .progress = -1,
    .due = item->due,
    .due_label = item->due_label != NULL ? item->due_label : "",
    .ongoing = item->ongoing,
    .lead = lead,
    .co = co,
  };
  gint64 id = wp_store_bulk_add_item (bulk, plan_id, parent_id, position, &row, error);

  if (id == 0)
    return FALSE;
  for (guint i = 0; item->targets != NULL && i < item->targets->len; i++)
    if (!wp_store_bulk_add_target (bulk, id, g_ptr_array_index (item->targets, i), error))
      return FALSE;
  for (guint i = 0; i < item->children->len; i++)
    if (!write_item (bulk, plan_id, id, (int) i, depth + 1, g_ptr_array_index (item->children, i),
                     error))
      return FALSE;
  return TRUE;
}

/**
 * wp_report_write_items:
 * @plan_id: the plan to add to
 * @area_id: the area the items go under (the draft's areas become its key
 *   tasks), or 0 for new areas after the plan's last
 * @items: (element-type WpReportItem): the draft's areas, with their
 *   children; their kinds follow from where they go
 *
 * Adds the items after what is there, all or nothing.
 */
gboolean
wp_report_write_items (WpStore    *store,
                       gint64      plan_id,
                       gint64      area_id,
                       GPtrArray  *items,
                       GError    **error)
{
  g_autoptr(WpStoreBulk) bulk = NULL;
  guint first;

  g_return_val_if_fail (WP_IS_STORE (store), FALSE);

  if (area_id != 0)
    {
      g_autoptr(WpItem) area = wp_store_get_item (store, area_id, error);

      if (area == NULL)
        return FALSE;
      if (wp_item_get_plan_id (area) != plan_id)
        {
          g_set_error (error, WP_STORE_ERROR, WP_STORE_ERROR_INVALID,
                       _("The area is not in that plan."));
          return FALSE;
        }
    }
  first = wp_store_count_children (store, plan_id, area_id, FALSE);
  bulk = wp_store_bulk_begin (store, NULL, error);
  if (bulk == NULL)
    return FALSE;
  for (guint i = 0; i < items->len; i++)
    if (!write_item (bulk, plan_id, area_id, (int) (first + i), area_id != 0 ? 1 : 0,
                     g_ptr_array_index (items, i), error))
      return FALSE;
  return wp_store_bulk_commit (bulk, error);
}
