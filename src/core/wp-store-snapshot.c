/* wp-store-snapshot.c: deleting items so that undo can bring them back
 *
 * Deleting hides a subtree: its rows stay in item_all, marked with the id
 * of the item the delete was of (deleted_with), and every query reads the
 * view "item", which leaves them out. Undo shows them again. Hidden rows
 * are removed from the file when it is closed or next opened
 * (wp_store_purge_deleted()). Hiding a key task with its actions rewrites
 * its rows and two small indexes; removing it rewrote some three hundred
 * scattered pages (agency links, indexes, the search index) and took most
 * of a frame at 100,000 items.
 *
 * The subtree is also kept as a GVariant of its raw rows (items, agency
 * links, targets, notes, milestones), ids included, taken before it is
 * hidden: if the hidden rows are gone when it is restored (another program
 * opened the file and purged them), it is put back from those, with the
 * same ids, so that later undo steps that name them still work.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "wp-store-private.h"

#define SNAPSHOTS(self) ((self)->backend->snapshots)

#define SNAPSHOT_TYPE "(xxxia(saav))"

static gboolean
get_location (WpStore  *self,
              gint64    item_id,
              gint64   *plan_id,
              gint64   *parent_id,
              int      *position,
              GError  **error)
{
  g_autoptr(WpItem) item = wp_store_get_item (self, item_id, error);

  if (item == NULL)
    return FALSE;
  *plan_id = wp_item_get_plan_id (item);
  *parent_id = wp_item_get_parent_id (item);
  *position = wp_item_get_position (item);
  return TRUE;
}

/**
 * wp_store_delete_item:
 *
 * Deletes an item and everything below it.
 *
 * Returns: (transfer full): a snapshot for wp_store_restore_items(), or
 *   %NULL with @error set
 */
GVariant *
wp_store_delete_item (WpStore  *self,
                      gint64    item_id,
                      GError  **error)
{
  g_autoptr(GArray) gone = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GString) json = g_string_new (NULL);
  GVariantBuilder tables;
  GVariant *snapshot;
  gint64 plan_id, parent_id;
  int position;

  g_return_val_if_fail (WP_IS_STORE (self), NULL);

  if (!wp_store_check_writable (self, error)
      || !get_location (self, item_id, &plan_id, &parent_id, &position, error)
      || !wp_store_begin (self, error))
    return NULL;

  /* The snapshot, and the ids going, whose figures must not outlive them */
  g_variant_builder_init (&tables, G_VARIANT_TYPE ("a(saav)"));
  if (!SNAPSHOTS (self)->take_subtree (self, item_id, &tables, gone, json, error))
    {
      g_variant_builder_clear (&tables);
      goto fail;
    }
  snapshot = g_variant_ref_sink (g_variant_new (SNAPSHOT_TYPE, plan_id, parent_id, item_id,
                                                position, &tables));

  /* Hidden, not removed (see the top of this file) */
  if (!SNAPSHOTS (self)->hide (self, item_id, json, error))
    goto fail_snapshot;

  if (!wp_store_shift_siblings (self, plan_id, parent_id, position + 1, -1, 0, error))
    goto fail_snapshot;

  if (!wp_store_commit (self, error))
    {
      g_variant_unref (snapshot);
      return NULL;
    }

  /* No figures may outlive the items: were they purged and their ids
   * given out again, the new items would inherit them. (Forgetting all
   * figures had the next read of the area roll the whole plan up again.)
   * The parent's chain is read again below. */
  for (guint i = 0; i < gone->len; i++)
    g_hash_table_remove (self->rollups, &g_array_index (gone, gint64, i));
  wp_store_children_changed_hinted (self, plan_id, parent_id, item_id, position, -1);
  return snapshot;

fail_snapshot:
  g_variant_unref (snapshot);
fail:
  wp_store_rollback (self);
  return NULL;
}

/**
 * wp_store_purge_deleted:
 *
 * Removes from the file the items deleted (hidden) so far, with their
 * agency links, targets, notes and search index entries. Done when the
 * store is closed, and when a file is opened (a program that stopped
 * before closing it leaves them behind). Undo can then no longer show
 * them again; it puts them back from its snapshot instead.
 */
gboolean
wp_store_purge_deleted (WpStore  *self,
                        GError  **error)
{
  gboolean ok;

  g_return_val_if_fail (WP_IS_STORE (self), FALSE);

  if (!wp_store_check_writable (self, error) || !wp_store_begin (self, error))
    return FALSE;
  /* (no view shows these rows: the change log need not list them; a
   * store that may write always has its log) */
  CHANGE_LOG (self)->pause (self->change_log);
  ok = SNAPSHOTS (self)->purge (self, error) && _wp_store_drop_unused_attachments (self, error);
  CHANGE_LOG (self)->resume (self->change_log);
  if (!ok)
    {
      wp_store_rollback (self);
      return FALSE;
    }
  return wp_store_commit (self, error);
}

/**
 * wp_store_restore_items:
 * @snapshot: what wp_store_delete_item() returned
 *
 * Puts a deleted subtree back where it was, with the same ids.
 */
gboolean
wp_store_restore_items (WpStore   *self,
                        GVariant  *snapshot,
                        GError   **error)
{
  g_autoptr(GVariantIter) tables = NULL;
  gint64 plan_id, parent_id, root_id;
  gboolean found;
  int position;
  const char *table;
  GVariant *rows;

  g_return_val_if_fail (WP_IS_STORE (self), FALSE);
  g_return_val_if_fail (g_variant_is_of_type (snapshot, G_VARIANT_TYPE (SNAPSHOT_TYPE)), FALSE);

  if (!wp_store_check_writable (self, error))
    return FALSE;

  g_variant_get (snapshot, SNAPSHOT_TYPE, &plan_id, &parent_id, &root_id, &position, &tables);

  if (!wp_store_begin (self, error))
    return FALSE;

  if (!wp_store_shift_siblings (self, plan_id, parent_id, position, +1, 0, error))
    goto fail;

  /* Still hidden: shown again, the deleted item where it was */
  if (!SNAPSHOTS (self)->unhide (self, root_id, position, &found, error))
    goto fail;
  if (found)
    goto done;

  /* Purged meanwhile: put back from the snapshot */
  while (g_variant_iter_next (tables, "(&s@aav)", &table, &rows))
    {
      g_autoptr(GVariant) owned_rows = rows;

      if (!SNAPSHOTS (self)->put_back (self, table, rows, FALSE, error))
        goto fail;
    }

done:
  if (!wp_store_commit (self, error))
    return FALSE;

  wp_store_children_changed_hinted (self, plan_id, parent_id, root_id, -1, position);
  return TRUE;

fail:
  wp_store_rollback (self);
  return FALSE;
}

/* Plans: the same raw-row snapshot for a whole plan. */

#define PLAN_SNAPSHOT_TYPE "(xa(saav))"

/**
 * wp_store_delete_plan_with_snapshot:
 *
 * Deletes a plan with all its items.
 *
 * Returns: (transfer full): a snapshot for wp_store_restore_plan()
 */
GVariant *
wp_store_delete_plan_with_snapshot (WpStore  *self,
                                    gint64    plan_id,
                                    GError  **error)
{
  GVariantBuilder tables;
  GVariant *snapshot;

  g_return_val_if_fail (WP_IS_STORE (self), NULL);

  if (!wp_store_check_writable (self, error) || !wp_store_begin (self, error))
    return NULL;

  g_variant_builder_init (&tables, G_VARIANT_TYPE ("a(saav)"));
  if (!SNAPSHOTS (self)->take_plan (self, plan_id, &tables, error))
    {
      g_variant_builder_clear (&tables);
      wp_store_rollback (self);
      return NULL;
    }
  snapshot = g_variant_ref_sink (g_variant_new (PLAN_SNAPSHOT_TYPE, plan_id, &tables));

  if (!wp_store_delete_plan (self, plan_id, error) || !wp_store_commit (self, error))
    {
      if (self->tx_depth > 0)
        wp_store_rollback (self);
      g_variant_unref (snapshot);
      return NULL;
    }

  return snapshot;
}

gboolean
wp_store_restore_plan (WpStore   *self,
                       GVariant  *snapshot,
                       GError   **error)
{
  g_autoptr(GVariantIter) tables = NULL;
  const char *table;
  GVariant *rows;
  gint64 plan_id;

  g_return_val_if_fail (WP_IS_STORE (self), FALSE);
  g_return_val_if_fail (g_variant_is_of_type (snapshot, G_VARIANT_TYPE (PLAN_SNAPSHOT_TYPE)),
                        FALSE);

  if (!wp_store_check_writable (self, error) || !wp_store_begin (self, error))
    return FALSE;

  g_variant_get (snapshot, PLAN_SNAPSHOT_TYPE, &plan_id, &tables);
  while (g_variant_iter_next (tables, "(&s@aav)", &table, &rows))
    {
      g_autoptr(GVariant) owned_rows = rows;

      if (!SNAPSHOTS (self)->put_back (self, table, rows, TRUE, error))
        {
          wp_store_rollback (self);
          return FALSE;
        }
    }

  if (!wp_store_commit (self, error))
    return FALSE;

  wp_store_plans_changed (self);
  return TRUE;
}
