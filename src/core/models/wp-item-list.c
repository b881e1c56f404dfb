/* wp-item-list.c: the children of one item as a GListModel
 *
 * Asked only how many rows there are, the list counts them; asked for a
 * row, it reads the children's ids, and an item only when that item is
 * asked for. A GtkTreeListModel asks every row's child list for its size
 * to know whether the row can be opened, and a view asks for the rows on
 * screen: over a 100k-item plan, opening an area of 1,000 key tasks reads
 * 1,000 ids and a screenful of items. The list follows
 * WpStore::children-changed and reports only the span that differs, so
 * expanded rows stay expanded.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "wp-item-list.h"
#include "wp-item-private.h"
#include "wp-list-feed.h"

/* One child: its id, known once the list has read its ids, and its item,
 * read when it is first asked for. */
typedef struct {
  gint64   id;
  WpItem  *item;          /* NULL until asked for */
  gboolean had_children;  /* as last reported, once the item is read */
} Row;

struct _WpItemList
{
  GObject    parent_instance;

  WpStore   *store;
  gint64     plan_id;
  gint64     parent_id;
  GArray    *rows;          /* Row; NULL until the ids are read */
  gboolean   shown_only;    /* only what the store's search left shown */
  gboolean   counted;       /* n_counted was reported, ids not read yet */
  guint      n_counted;
  gboolean   registered;
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (WpItemList, wp_item_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

#define ROW(self, i) (&g_array_index ((self)->rows, Row, (i)))

static void
row_clear (Row *row)
{
  g_clear_object (&row->item);
}

static GArray *
rows_new (guint size)
{
  GArray *rows = g_array_sized_new (FALSE, TRUE, sizeof (Row), size);

  g_array_set_clear_func (rows, (GDestroyNotify) row_clear);
  return rows;
}

static void
warn_unread (const GError *error)
{
  /* A damaged file is found and told by the check of the file (see
   * wp_store_check_async()); anything else is a fault of ours. */
  if (g_error_matches (error, WP_STORE_ERROR, WP_STORE_ERROR_CORRUPT))
    g_message ("Could not read items: %s", error->message);
  else
    g_warning ("Could not read items: %s", error->message);
}

/* The children's ids, in order, or NULL (told) when they cannot be read. */
static GArray *
read_ids (WpItemList *self)
{
  g_autoptr(GError) error = NULL;
  GArray *ids = self->shown_only
                ? wp_store_list_shown_child_ids (self->store, self->plan_id, self->parent_id,
                                                 &error)
                : wp_store_list_child_ids (self->store, self->plan_id, self->parent_id, &error);

  if (ids == NULL)
    warn_unread (error);
  return ids;
}

/* Rows for @ids; the items of @old that are still there move over. */
static GArray *
rows_from_ids (GArray *ids,
               GArray *old)
{
  g_autoptr(GHashTable) kept = g_hash_table_new (g_int64_hash, g_int64_equal);
  GArray *rows = rows_new (ids->len);

  for (guint i = 0; old != NULL && i < old->len; i++)
    g_hash_table_insert (kept, &g_array_index (old, Row, i).id, &g_array_index (old, Row, i));
  for (guint i = 0; i < ids->len; i++)
    {
      Row row = { g_array_index (ids, gint64, i), NULL, FALSE };
      Row *was = g_hash_table_lookup (kept, &row.id);

      if (was != NULL)
        {
          row.item = g_steal_pointer (&was->item);
          row.had_children = was->had_children;
        }
      g_array_append_val (rows, row);
    }
  return rows;
}

static void
ensure_loaded (WpItemList *self)
{
  g_autoptr(GArray) ids = NULL;

  if (self->rows != NULL)
    return;
  ids = read_ids (self);
  if (ids == NULL)
    {
      /* Keep the size already given (a count reads only the index, which
       * may be whole where the rows are damaged): a list model has an
       * item at every position it said it has, here empty ones. */
      ids = g_array_new (FALSE, TRUE, sizeof (gint64));
      if (self->counted)
        g_array_set_size (ids, self->n_counted);
    }
  self->rows = rows_from_ids (ids, NULL);
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

/* The row's item, read now if it was not yet. */
static WpItem *
row_item (WpItemList *self,
          guint       position)
{
  Row *row = ROW (self, position);

  if (row->item == NULL)
    {
      g_autoptr(GError) error = NULL;

      row->item = wp_store_get_item (self->store, row->id, &error);
      if (row->item == NULL)
        {
          /* A row whose item cannot be read shows as an empty one: a list
           * model has an item at every position. An id just read without
           * its row is a damaged file too (its index and table disagree),
           * which the file's check tells. */
          WpItemData data = {
            .id = row->id, .plan_id = self->plan_id, .parent_id = self->parent_id,
            .position = (int) position, .uuid = g_strdup (""), .kind = WP_ITEM_KIND_ACTION,
            .title = g_strdup (""), .description = g_strdup (""), .due_label = g_strdup (""),
            .progress = -1, .lead = g_new0 (char *, 1), .co = g_new0 (char *, 1),
          };

          if (g_error_matches (error, WP_STORE_ERROR, WP_STORE_ERROR_NOT_FOUND))
            g_message ("Could not read item %" G_GINT64_FORMAT ": %s", row->id, error->message);
          else
            warn_unread (error);
          g_date_clear (&data.due, 1);
          g_date_clear (&data.done_date, 1);
          row->item = _wp_item_new (&data);
        }
      row->had_children = row_has_children (self, row->item);
    }
  return row->item;
}

/* A tree list model decides once, when it creates a row, whether the row can
 * be expanded. When one of our items gains its first child or loses its last,
 * report it as replaced so that its row is made again. Rows whose item was
 * never asked for have no row to make again. */
static void
sync_expandable (WpItemList *self,
                 gint64      only_id)
{
  for (guint i = 0; i < self->rows->len; i++)
    {
      Row *row = ROW (self, i);
      gboolean has;

      if (row->item == NULL || (only_id != 0 && row->id != only_id))
        continue;
      has = row_has_children (self, row->item);
      if (has != row->had_children)
        {
          row->had_children = has;
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

  if (self->rows != NULL)
    return self->rows->len;
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
  WpItem *item;

  ensure_loaded (self);
  if (position >= self->rows->len)
    return NULL;
  item = row_item (self, position);
  return item != NULL ? g_object_ref (item) : NULL;
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = wp_item_list_get_item_type;
  iface->get_n_items = wp_item_list_get_n_items;
  iface->get_item = wp_item_list_get_item;
}

static gint64
id_at (GArray *rows,
       guint   i)
{
  return g_array_index (rows, Row, i).id;
}

/* Whether the span is one item moved from its start to its end or back. */
static gboolean
is_single_move (GArray *old,
                GArray *now,
                guint   start,
                guint   len)
{
  gboolean down = id_at (old, start) == id_at (now, start + len - 1);
  gboolean up = id_at (old, start + len - 1) == id_at (now, start);

  for (guint i = 0; i + 1 < len && (down || up); i++)
    {
      down = down && id_at (old, start + i + 1) == id_at (now, start + i);
      up = up && id_at (old, start + i) == id_at (now, start + i + 1);
    }
  return down || up;
}

/* Reports a move as one removal and one insertion, so that the rows in
 * between stay as they are (expanded, selected) in a tree view. */
static void
report_single_move (WpItemList *self,
                    GArray     *old,
                    guint       start,
                    guint       len,
                    gint64      moving_item)
{
  g_autoptr(GArray) now = g_steal_pointer (&self->rows);
  gboolean down = id_at (old, start) == id_at (now, start + len - 1);
  guint from, to;

  /* Two rows swapped read both ways: the store says which one moved. */
  if (down && id_at (old, start + len - 1) == id_at (now, start)
      && moving_item != 0 && id_at (old, start + len - 1) == moving_item)
    down = FALSE;
  from = down ? start : start + len - 1;
  to = down ? start + len - 1 : start;

  /* The model must read as the middle state while the removal is told:
   * the rows as they are now, but for the one that moved. */
  self->rows = rows_new (now->len - 1);
  for (guint i = 0; i < now->len; i++)
    if (i != to)
      {
        Row row = g_array_index (now, Row, i);

        if (row.item != NULL)
          g_object_ref (row.item);
        g_array_append_val (self->rows, row);
      }
  g_list_model_items_changed (G_LIST_MODEL (self), from, 1, 0);

  g_clear_pointer (&self->rows, g_array_unref);
  self->rows = g_steal_pointer (&now);
  g_list_model_items_changed (G_LIST_MODEL (self), to, 0, 1);
}

gboolean
_wp_item_list_is_shown (GObject *list)
{
  return WP_ITEM_LIST (list)->shown_only;
}

gint64
_wp_item_list_get_plan_id (GObject *list)
{
  return WP_ITEM_LIST (list)->plan_id;
}

void
_wp_item_list_child_count_changed (GObject *list,
                                   gint64   item_id)
{
  WpItemList *self = WP_ITEM_LIST (list);

  if (self->rows != NULL)
    sync_expandable (self, item_id);
}

/* Applies the store's hint (one item came, went or moved) to the rows in
 * memory. Returns FALSE when the rows do not agree with it, and the list
 * must read its ids again. */
static gboolean
apply_hint (WpItemList         *self,
            const WpListChange *change)
{
  gint64 id = change->item_id;
  int from = change->from;
  int to = change->to;
  int len = (int) self->rows->len;
  Row moved = { id, NULL, FALSE };

  if (id == 0 || self->shown_only)
    return FALSE;
  if (from >= 0 && (from >= len || ROW (self, from)->id != id))
    return FALSE;
  if (to >= 0 && to > len - (from >= 0 ? 1 : 0))
    return FALSE;

  if (from >= 0)
    {
      moved = *ROW (self, from);
      ROW (self, from)->item = NULL;  /* moved out, not dropped */
      g_array_remove_index (self->rows, from);
      if (to < 0 || to != from)
        g_list_model_items_changed (G_LIST_MODEL (self), from, 1, 0);
    }
  if (to >= 0)
    {
      g_array_insert_val (self->rows, to, moved);
      if (from < 0 || to != from)
        g_list_model_items_changed (G_LIST_MODEL (self), to, 0, 1);
    }
  else
    g_clear_object (&moved.item);

  for (guint i = 0; i < self->rows->len; i++)
    if (ROW (self, i)->item != NULL)
      _wp_item_set_position (ROW (self, i)->item, (int) i);
  return TRUE;
}

void
_wp_item_list_children_changed (GObject            *list,
                                gint64              plan_id,
                                gint64              parent_id,
                                const WpListChange *change)
{
  WpItemList *self = WP_ITEM_LIST (list);
  g_autoptr(GArray) old = NULL;
  g_autoptr(GArray) ids = NULL;
  guint prefix = 0, suffix = 0, removed, added;

  if (plan_id != self->plan_id)
    return;

  if (self->rows == NULL)
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

  if (apply_hint (self, change))
    {
      sync_expandable (self, 0);
      return;
    }

  /* The ids first; items only for the rows asked for (rows that stay keep
   * theirs). */
  ids = read_ids (self);
  if (ids == NULL)
    return;
  old = g_steal_pointer (&self->rows);
  self->rows = rows_from_ids (ids, old);

  while (prefix < old->len && prefix < self->rows->len
         && id_at (old, prefix) == id_at (self->rows, prefix))
    prefix++;
  while (suffix < old->len - prefix && suffix < self->rows->len - prefix
         && id_at (old, old->len - 1 - suffix) == id_at (self->rows, self->rows->len - 1 - suffix))
    suffix++;
  removed = old->len - prefix - suffix;
  added = self->rows->len - prefix - suffix;

  /* Rows kept keep what they were made with; rows told as new are made
   * again, with what their items are now. */
  for (guint i = prefix; i < prefix + added; i++)
    if (ROW (self, i)->item != NULL)
      ROW (self, i)->had_children = row_has_children (self, ROW (self, i)->item);

  if (removed == added && removed >= 2 && is_single_move (old, self->rows, prefix, removed))
    report_single_move (self, old, prefix, removed, change->moving_item);
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
  g_clear_pointer (&self->rows, g_array_unref);
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
