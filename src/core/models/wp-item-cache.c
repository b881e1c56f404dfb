/* wp-item-cache.c: the live WpItems views hold, one per row
 *
 * Every read of a row that a view holds an object for gives that object,
 * updated with what was read (it notifies what changed), so that every view
 * showing an item shows the same object. The cache holds its items weakly:
 * an item no view holds any more leaves it. No store internals: the store
 * hands it the rows it read (WpItemData) and asks it which items are live.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "wp-item-cache.h"

struct _WpItemCache {
  GHashTable *items;  /* gint64 id → WpItem* (weak) */
};

WpItemCache *
wp_item_cache_new (void)
{
  WpItemCache *self = g_new0 (WpItemCache, 1);

  self->items = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  return self;
}

static void
item_gone (gpointer  data,
           GObject  *where_the_object_was)
{
  WpItemCache *self = data;
  gint64 id = wp_item_get_id ((WpItem *) where_the_object_was);

  g_hash_table_remove (self->items, &id);
}

/* Forgets every item: the next read of each row gives a new object. */
void
wp_item_cache_clear (WpItemCache *self)
{
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, self->items);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    g_object_weak_unref (value, item_gone, self);
  g_hash_table_remove_all (self->items);
}

void
wp_item_cache_free (WpItemCache *self)
{
  if (self == NULL)
    return;
  wp_item_cache_clear (self);
  g_hash_table_unref (self->items);
  g_free (self);
}

/**
 * wp_item_cache_take:
 * @data: a row just read; its strings are taken
 *
 * Returns: (transfer full): the live item of @data's row, updated with it,
 *   or a new one that is live from now on
 */
WpItem *
wp_item_cache_take (WpItemCache *self,
                    WpItemData  *data)
{
  WpItem *item = g_hash_table_lookup (self->items, &data->id);

  if (item != NULL)
    {
      _wp_item_update (item, data);
      return g_object_ref (item);
    }

  item = _wp_item_new (data);
  g_hash_table_insert (self->items, g_memdup2 (&(gint64) { wp_item_get_id (item) },
                                               sizeof (gint64)), item);
  g_object_weak_ref (G_OBJECT (item), item_gone, self);
  return item;
}

/* Returns: (transfer none) (nullable): the live item of @item_id */
WpItem *
wp_item_cache_lookup (WpItemCache *self,
                      gint64       item_id)
{
  return g_hash_table_lookup (self->items, &item_id);
}

gboolean
wp_item_cache_contains (WpItemCache *self,
                        gint64       item_id)
{
  return g_hash_table_contains (self->items, &item_id);
}

guint
wp_item_cache_size (WpItemCache *self)
{
  return g_hash_table_size (self->items);
}

/* Returns: (transfer full) (element-type gint64): the live items' ids */
GArray *
wp_item_cache_ids (WpItemCache *self)
{
  GArray *ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64),
                                   g_hash_table_size (self->items));
  GHashTableIter iter;
  gpointer key;

  g_hash_table_iter_init (&iter, self->items);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_array_append_val (ids, *(gint64 *) key);
  return ids;
}
