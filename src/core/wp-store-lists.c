/* wp-store-lists.c: the lists of children views hold, and telling them of changes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "wp-backend.h"
#include "wp-item-list.h"
#include "wp-store-private.h"

/* Lists are kept by parent so that a change reaches the two lists it
 * concerns (the parent's children, and the list holding the parent, whose
 * row may become expandable) and not every list the views hold open. */
void
wp_store_register_list (WpStore *self,
                        GObject *list,
                        gint64   parent_id)
{
  GPtrArray *lists = g_hash_table_lookup (self->lists, &parent_id);

  if (lists == NULL)
    {
      lists = g_ptr_array_new ();
      g_hash_table_insert (self->lists, g_memdup2 (&parent_id, sizeof parent_id), lists);
    }
  g_ptr_array_add (lists, list);
}

void
wp_store_unregister_list (WpStore *self,
                          GObject *list,
                          gint64   parent_id)
{
  GPtrArray *lists = g_hash_table_lookup (self->lists, &parent_id);

  if (lists == NULL)
    return;
  g_ptr_array_remove_fast (lists, list);
  if (lists->len == 0)
    g_hash_table_remove (self->lists, &parent_id);
}

/* A copy with references: handlers may open or close lists meanwhile. */
static GPtrArray *
lists_for (WpStore *self,
           gint64   parent_id)
{
  GPtrArray *lists = g_hash_table_lookup (self->lists, &parent_id);

  if (lists == NULL)
    return NULL;
  return g_ptr_array_copy (lists, (GCopyFunc) (void (*) (void)) g_object_ref, NULL);
}

static gboolean
is_registered (WpStore *self,
               GObject *list,
               gint64   parent_id)
{
  GPtrArray *lists = g_hash_table_lookup (self->lists, &parent_id);

  return lists != NULL && g_ptr_array_find (lists, list, NULL);
}

/* What the change being told is about, as the lists are given it */
static WpListChange
current_change (WpStore *self)
{
  return (WpListChange) { self->hint.item_id, self->hint.from, self->hint.to,
                          self->moving_item };
}

/* Every open list (with @shown_only, of what a filtered outline shows)
 * reads its rows again, top level first; a list dropped on the way (its
 * row went) is skipped. For @plan_id, or each for its own with 0. */
static void
reread_lists (WpStore  *self,
              gint64    plan_id,
              gboolean  shown_only)
{
  g_autoptr(GPtrArray) lists = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GArray) parents = g_array_new (FALSE, FALSE, sizeof (gint64));
  WpListChange change = current_change (self);
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, self->lists);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      GPtrArray *registered = value;

      for (guint i = 0; i < registered->len; i++)
        if (!shown_only || _wp_item_list_is_shown (registered->pdata[i]))
          {
            gint64 parent = *(gint64 *) key;
            guint at = parent == 0 ? 0 : lists->len;

            g_ptr_array_insert (lists, (int) at, g_object_ref (registered->pdata[i]));
            g_array_insert_val (parents, at, parent);
          }
    }

  for (guint i = 0; i < lists->len; i++)
    {
      gint64 parent = g_array_index (parents, gint64, i);

      if (is_registered (self, lists->pdata[i], parent))
        _wp_item_list_children_changed (lists->pdata[i],
                                        plan_id != 0 ? plan_id
                                                     : _wp_item_list_get_plan_id (lists->pdata[i]),
                                        parent, &change);
    }
}

/* Every open list reads its rows again: after the file was read again as a
 * whole (a write that failed half way, a plan another program added).
 * Rows that stay keep their widgets, and a title being typed in one. */
void
_wp_store_reread_lists (WpStore *self)
{
  reread_lists (self, 0, FALSE);
}

/**
 * wp_store_shown_changed:
 *
 * Tells every list of what a filtered outline shows (wp_item_list_new_shown())
 * that the shown set changed (wp_store_set_shown()), so that each reports
 * only the rows that came or went: rows that stay keep their widgets from
 * one search keystroke to the next. Top level first; a list dropped on the
 * way (its row went) is skipped.
 */
void
wp_store_shown_changed (WpStore *self,
                        gint64   plan_id)
{
  g_return_if_fail (WP_IS_STORE (self));

  reread_lists (self, plan_id, TRUE);
}

/* Tells the open lists of @parent_id's children (and of its parent, its
 * child count) what changed: see _wp_store_children_changed() */
void
_wp_store_dispatch_to_lists (WpStore *self,
                             gint64   plan_id,
                             gint64   parent_id)
{
  g_autoptr(GPtrArray) children_lists = lists_for (self, parent_id);
  WpListChange change = current_change (self);

  for (guint i = 0; children_lists != NULL && i < children_lists->len; i++)
    {
      _wp_item_list_children_changed (children_lists->pdata[i], plan_id, parent_id, &change);
      g_object_unref (children_lists->pdata[i]);
    }

  if (parent_id != 0)
    {
      g_autoptr(GPtrArray) holding = NULL;
      gint64 grandparent_id;

      if (!self->backend->items->get_parent (self, parent_id, &grandparent_id))
        return;
      holding = lists_for (self, grandparent_id);
      for (guint i = 0; holding != NULL && i < holding->len; i++)
        {
          _wp_item_list_child_count_changed (holding->pdata[i], parent_id);
          g_object_unref (holding->pdata[i]);
        }
    }
}
