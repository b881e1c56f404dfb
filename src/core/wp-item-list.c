/* wp-item-list.c: the children of one item as a GListModel
 *
 * Rows are read from the store the first time an item is asked for; asked
 * only how many there are, the list counts them without reading them. A
 * GtkTreeListModel asks every row's child list for its size to know whether
 * the row can be opened, so over a 100k-item plan this is the difference
 * between reading the rows on screen and reading the plan. The list follows WpStore::children-changed and reports
 * only the span that differs, so expanded rows stay expanded.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "wp-item-list.h"
#include "wp-store-private.h"

struct _WpItemList
{
  GObject    parent_instance;

  WpStore   *store;
  gint64     plan_id;
  gint64     parent_id;
  GPtrArray *items;    /* NULL until first asked */
  GArray    *had_children;  /* gboolean per item, as last reported */
  gboolean   shown_only;    /* only what the store's search left shown */
  gboolean   counted;       /* n_counted was reported, items not read yet */
  guint      n_counted;
  gboolean   registered;
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (WpItemList, wp_item_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

static GPtrArray *
load (WpItemList *self)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *items = self->shown_only
                     ? wp_store_list_shown_children (self->store, self->plan_id, self->parent_id,
                                                     &error)
                     : wp_store_list_children (self->store, self->plan_id, self->parent_id, &error);

  if (items == NULL)
    {
      /* A damaged file is found and told by the check of the file (see
       * wp_store_check_async()); anything else is a fault of ours. */
      if (g_error_matches (error, WP_STORE_ERROR, WP_STORE_ERROR_CORRUPT))
        g_message ("Could not read items: %s", error->message);
      else
        g_warning ("Could not read items: %s", error->message);
      items = g_ptr_array_new_with_free_func (g_object_unref);
    }
  return items;
}

/* Whether a row can open: it has children, or, showing a search, children
 * that are shown. */
static gboolean
row_has_children (WpItemList *self,
                  WpItem     *item)
{
  if (self->shown_only)
    return _wp_store_is_shown_ancestor (self->store, wp_item_get_id (item));
  return wp_item_get_n_children (item) > 0;
}

static void
remember_children (WpItemList *self)
{
  g_array_set_size (self->had_children, self->items->len);
  for (guint i = 0; i < self->items->len; i++)
    g_array_index (self->had_children, gboolean, i) =
      row_has_children (self, g_ptr_array_index (self->items, i));
}

/* A search's next keystroke: the shown children's ids first, and objects
 * read only for the rows that are new (rows that stay keep theirs).
 * Returns NULL when the ids could not be read. */
static GPtrArray *
load_shown (WpItemList *self,
            GPtrArray  *old)
{
  g_autoptr(GArray) ids = wp_store_list_shown_child_ids (self->store, self->plan_id,
                                                         self->parent_id, NULL);
  g_autoptr(GHashTable) kept = NULL;
  GPtrArray *items;

  if (ids == NULL)
    return NULL;
  kept = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  for (guint i = 0; i < old->len; i++)
    {
      WpItem *item = g_ptr_array_index (old, i);
      gint64 *id = g_new (gint64, 1);

      *id = wp_item_get_id (item);
      g_hash_table_insert (kept, id, item);
    }

  items = g_ptr_array_new_full (ids->len, g_object_unref);
  for (guint i = 0; i < ids->len; i++)
    {
      gint64 id = g_array_index (ids, gint64, i);
      WpItem *item = g_hash_table_lookup (kept, &id);

      item = item != NULL ? g_object_ref (item) : wp_store_get_item (self->store, id, NULL);
      if (item == NULL)
        {
          g_ptr_array_unref (items);
          return NULL;
        }
      g_ptr_array_add (items, item);
    }
  return items;
}

static void
ensure_loaded (WpItemList *self)
{
  if (self->items == NULL)
    {
      self->items = load (self);
      remember_children (self);
    }
}

/* A tree list model decides once, when it creates a row, whether the row can
 * be expanded. When one of our items gains its first child or loses its last,
 * report it as replaced so that its row is made again. */
static void
sync_expandable (WpItemList *self,
                 gint64      only_id)
{
  for (guint i = 0; i < self->items->len; i++)
    {
      WpItem *item = g_ptr_array_index (self->items, i);
      gboolean has;

      if (only_id != 0 && wp_item_get_id (item) != only_id)
        continue;
      has = row_has_children (self, item);

      if (has != g_array_index (self->had_children, gboolean, i))
        {
          g_array_index (self->had_children, gboolean, i) = has;
          g_list_model_items_changed (G_LIST_MODEL (self), i, 1, 1);
        }
    }
}

static GType
wp_item_list_get_item_type (GListModel *model)
{
  return WP_TYPE_ITEM;
}

static guint
wp_item_list_get_n_items (GListModel *model)
{
  WpItemList *self = WP_ITEM_LIST (model);

  if (self->items != NULL)
    return self->items->len;
  if (!self->counted)
    {
      self->n_counted = wp_store_count_children (self->store, self->plan_id, self->parent_id,
                                                 self->shown_only);
      self->counted = TRUE;
    }
  return self->n_counted;
}

static gpointer
wp_item_list_get_item (GListModel *model,
                       guint       position)
{
  WpItemList *self = WP_ITEM_LIST (model);

  ensure_loaded (self);
  if (position >= self->items->len)
    return NULL;
  return g_object_ref (g_ptr_array_index (self->items, position));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = wp_item_list_get_item_type;
  iface->get_n_items = wp_item_list_get_n_items;
  iface->get_item = wp_item_list_get_item;
}

/* Whether the span is one item moved from its start to its end or back. */
static gboolean
is_single_move (GPtrArray *old,
                GPtrArray *now,
                guint      start,
                guint      len)
{
  gboolean down = old->pdata[start] == now->pdata[start + len - 1];
  gboolean up = old->pdata[start + len - 1] == now->pdata[start];

  for (guint i = 0; i + 1 < len && (down || up); i++)
    {
      down = down && old->pdata[start + i + 1] == now->pdata[start + i];
      up = up && old->pdata[start + i] == now->pdata[start + i + 1];
    }
  return down || up;
}

/* Reports a move as one removal and one insertion, so that the rows in
 * between stay as they are (expanded, selected) in a tree view. */
static void
report_single_move (WpItemList *self,
                    GPtrArray  *old,
                    guint       start,
                    guint       len)
{
  g_autoptr(GPtrArray) now = g_steal_pointer (&self->items);
  gboolean down = old->pdata[start] == now->pdata[start + len - 1];

  /* Two rows swapped read both ways: the store says which one moved. */
  if (down && old->pdata[start + len - 1] == now->pdata[start]
      && self->store->moving_item != 0
      && wp_item_get_id (old->pdata[start + len - 1]) == self->store->moving_item)
    down = FALSE;
  guint from = down ? start : start + len - 1;
  guint to = down ? start + len - 1 : start;

  /* The model must read as the middle state while the removal is told. */
  self->items = g_ptr_array_new_full (old->len, g_object_unref);
  for (guint i = 0; i < old->len; i++)
    if (i != from)
      g_ptr_array_add (self->items, g_object_ref (old->pdata[i]));
  g_list_model_items_changed (G_LIST_MODEL (self), from, 1, 0);

  g_clear_pointer (&self->items, g_ptr_array_unref);
  self->items = g_steal_pointer (&now);
  g_list_model_items_changed (G_LIST_MODEL (self), to, 0, 1);
}

gboolean
_wp_item_list_is_shown (GObject *list)
{
  return WP_ITEM_LIST (list)->shown_only;
}

void
_wp_item_list_child_count_changed (GObject *list,
                                   gint64   item_id)
{
  WpItemList *self = WP_ITEM_LIST (list);

  if (self->items != NULL)
    sync_expandable (self, item_id);
}

/* Applies the store's hint (one item came, went or moved) to the rows in
 * memory. Returns FALSE when the rows do not agree with it, and the list
 * must read its rows again. */
static gboolean
apply_hint (WpItemList *self)
{
  gint64 id = self->store->hint.item_id;
  int from = self->store->hint.from;
  int to = self->store->hint.to;
  g_autoptr(WpItem) moved = NULL;
  gboolean had = FALSE;
  int len = (int) self->items->len;

  if (id == 0 || self->shown_only)
    return FALSE;
  if (from >= 0 && (from >= len || wp_item_get_id (self->items->pdata[from]) != id))
    return FALSE;
  if (to >= 0 && to > len - (from >= 0 ? 1 : 0))
    return FALSE;
  if (to >= 0)
    {
      moved = wp_store_get_item (self->store, id, NULL);
      if (moved == NULL)
        return FALSE;
    }

  if (from >= 0)
    {
      had = g_array_index (self->had_children, gboolean, from);
      g_ptr_array_remove_index (self->items, from);
      g_array_remove_index (self->had_children, from);
      if (to < 0 || to != from)
        g_list_model_items_changed (G_LIST_MODEL (self), from, 1, 0);
    }
  if (to >= 0)
    {
      if (from < 0)
        had = row_has_children (self, moved);
      g_ptr_array_insert (self->items, to, g_object_ref (moved));
      g_array_insert_val (self->had_children, to, had);
      if (from < 0 || to != from)
        g_list_model_items_changed (G_LIST_MODEL (self), to, 0, 1);
    }

  for (guint i = 0; i < self->items->len; i++)
    _wp_item_set_position (self->items->pdata[i], (int) i);
  return TRUE;
}

void
_wp_item_list_children_changed (GObject *list,
                                gint64   plan_id,
                                gint64   parent_id)
{
  WpItemList *self = WP_ITEM_LIST (list);
  g_autoptr(GPtrArray) old = NULL;
  g_autoptr(GArray) old_had = NULL;
  guint prefix = 0, suffix = 0, removed, added;

  if (plan_id != self->plan_id)
    return;

  if (self->items == NULL)
    {
      /* Only the size was reported: report the new size. */
      if (self->counted && parent_id == self->parent_id)
        {
          guint before = self->n_counted;

          self->n_counted = wp_store_count_children (self->store, self->plan_id,
                                                     self->parent_id, self->shown_only);
          if (before != self->n_counted)
            g_list_model_items_changed (G_LIST_MODEL (self), 0, before, self->n_counted);
        }
      return;
    }

  if (parent_id != self->parent_id)
    return;

  if (apply_hint (self))
    {
      sync_expandable (self, 0);
      return;
    }

  old = g_steal_pointer (&self->items);
  old_had = g_steal_pointer (&self->had_children);
  self->items = self->shown_only ? load_shown (self, old) : NULL;
  if (self->items == NULL)
    self->items = load (self);

  /* Items are one object per row, so pointer equality means same row. */
  while (prefix < old->len && prefix < self->items->len
         && old->pdata[prefix] == self->items->pdata[prefix])
    prefix++;
  while (suffix < old->len - prefix && suffix < self->items->len - prefix
         && old->pdata[old->len - 1 - suffix] == self->items->pdata[self->items->len - 1 - suffix])
    suffix++;
  removed = old->len - prefix - suffix;
  added = self->items->len - prefix - suffix;

  /* Rows kept keep what they were made with; new rows are made now. */
  self->had_children = g_array_new (FALSE, TRUE, sizeof (gboolean));
  g_array_set_size (self->had_children, self->items->len);
  for (guint i = 0; i < self->items->len; i++)
    {
      gboolean *had = &g_array_index (self->had_children, gboolean, i);

      if (i < prefix)
        *had = g_array_index (old_had, gboolean, i);
      else if (i >= prefix + added)
        *had = g_array_index (old_had, gboolean, i - added + removed);
      else
        *had = row_has_children (self, g_ptr_array_index (self->items, i));
    }

  if (removed == added && removed >= 2 && is_single_move (old, self->items, prefix, removed))
    report_single_move (self, old, prefix, removed);
  else if (removed > 0 || added > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), prefix, removed, added);
  sync_expandable (self, 0);
}

static void
wp_item_list_dispose (GObject *object)
{
  WpItemList *self = WP_ITEM_LIST (object);

  if (self->registered)
    wp_store_unregister_list (self->store, G_OBJECT (self), self->parent_id);
  self->registered = FALSE;
  g_clear_pointer (&self->items, g_ptr_array_unref);
  g_clear_pointer (&self->had_children, g_array_unref);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (wp_item_list_parent_class)->dispose (object);
}

static void
wp_item_list_class_init (WpItemListClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = wp_item_list_dispose;
}

static void
wp_item_list_init (WpItemList *self)
{
  self->had_children = g_array_new (FALSE, TRUE, sizeof (gboolean));
}

WpItemList *
wp_item_list_new (WpStore *store,
                  gint64   plan_id,
                  gint64   parent_id)
{
  WpItemList *self = g_object_new (WP_TYPE_ITEM_LIST, NULL);

  self->store = g_object_ref (store);
  self->plan_id = plan_id;
  self->parent_id = parent_id;
  wp_store_register_list (store, G_OBJECT (self), parent_id);
  self->registered = TRUE;
  return self;
}

/* The children that the store's current search shows (matches and the items
 * above them), for a filtered outline. */
WpItemList *
wp_item_list_new_shown (WpStore *store,
                        gint64   plan_id,
                        gint64   parent_id)
{
  WpItemList *self = wp_item_list_new (store, plan_id, parent_id);

  self->shown_only = TRUE;
  return self;
}

/* A list of the children of @parent, whose size is already known from it:
 * a tree view asking that size reads nothing. */
WpItemList *
wp_item_list_new_for_item (WpStore *store,
                           WpItem  *parent)
{
  WpItemList *self = wp_item_list_new (store, wp_item_get_plan_id (parent),
                                       wp_item_get_id (parent));

  self->n_counted = wp_item_get_n_children (parent);
  self->counted = TRUE;
  return self;
}

gint64
wp_item_list_get_parent_id (WpItemList *self)
{
  g_return_val_if_fail (WP_IS_ITEM_LIST (self), 0);
  return self->parent_id;
}
