/* wp-id-list.c: a list of items given by id, as a GListModel that makes
 * item objects only for the rows asked for
 *
 * A board column of 100,000 cards is an array of ids; a list view asks for
 * the few dozen it shows. Setting new ids reports only the changed middle
 * (common head and tail kept), so a view keeps its scroll position and
 * its rows when one card moves.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "wp-id-list.h"

struct _WpIdList
{
  GObject     parent_instance;

  WpStore    *store;
  GArray     *ids;      /* gint64 */
  guint       limit;    /* rows shown: the first @limit ids */
  GHashTable *items;    /* gint64 id → WpItem, the ones asked for */
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (WpIdList, wp_id_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

static GType
wp_id_list_get_item_type (GListModel *model)
{
  return WP_TYPE_ITEM;
}

static guint
wp_id_list_get_n_items (GListModel *model)
{
  WpIdList *self = WP_ID_LIST (model);

  return MIN (self->ids->len, self->limit);
}

static gpointer
wp_id_list_get_item (GListModel *model,
                     guint       position)
{
  WpIdList *self = WP_ID_LIST (model);
  gint64 id;
  WpItem *item;

  if (position >= MIN (self->ids->len, self->limit))
    return NULL;
  id = g_array_index (self->ids, gint64, position);

  /* Kept while the id is in the list: a card deleted a moment ago still
   * has its object until the list is told. */
  item = g_hash_table_lookup (self->items, &id);
  if (item == NULL)
    {
      item = wp_store_get_item (self->store, id, NULL);
      if (item == NULL)
        return NULL;
      g_hash_table_insert (self->items, g_memdup2 (&id, sizeof id), item);
    }
  return g_object_ref (item);
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = wp_id_list_get_item_type;
  iface->get_n_items = wp_id_list_get_n_items;
  iface->get_item = wp_id_list_get_item;
}

static void
wp_id_list_finalize (GObject *object)
{
  WpIdList *self = WP_ID_LIST (object);

  g_clear_pointer (&self->items, g_hash_table_unref);
  g_clear_pointer (&self->ids, g_array_unref);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (wp_id_list_parent_class)->finalize (object);
}

static void
wp_id_list_class_init (WpIdListClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = wp_id_list_finalize;
}

static void
wp_id_list_init (WpIdList *self)
{
  self->ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->limit = G_MAXUINT;
  self->items = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_object_unref);
}

WpIdList *
wp_id_list_new (WpStore *store)
{
  WpIdList *self = g_object_new (WP_TYPE_ID_LIST, NULL);

  self->store = g_object_ref (store);
  return self;
}

/**
 * wp_id_list_set_ids:
 * @ids: (element-type gint64): the new ids, in order
 */
void
wp_id_list_set_ids (WpIdList     *self,
                    const GArray *ids)
{
  const gint64 *old = (const gint64 *) (gpointer) self->ids->data;
  const gint64 *new = (const gint64 *) (gpointer) ids->data;
  guint n_old = MIN (self->ids->len, self->limit), n_new = MIN (ids->len, self->limit);
  guint head = 0, tail = 0;

  g_return_if_fail (WP_IS_ID_LIST (self));

  while (head < n_old && head < n_new && old[head] == new[head])
    head++;
  while (tail < n_old - head && tail < n_new - head
         && old[n_old - 1 - tail] == new[n_new - 1 - tail])
    tail++;
  if (head == n_old && head == n_new)
    {
      /* The rows shown are the same; what lies past the limit may not be. */
      g_array_set_size (self->ids, 0);
      g_array_append_vals (self->ids, ids->data, ids->len);
      return;
    }

  /* Forget the objects of ids that left the changed middle. */
  for (guint i = head; i < n_old - tail; i++)
    g_hash_table_remove (self->items, &old[i]);

  g_array_set_size (self->ids, 0);
  g_array_append_vals (self->ids, ids->data, ids->len);
  g_list_model_items_changed (G_LIST_MODEL (self), head, n_old - head - tail,
                              n_new - head - tail);
}

/**
 * wp_id_list_set_limit:
 * @limit: how many of the ids are rows, or %G_MAXUINT for all
 *
 * A view of many cards shows the first ones and offers more on demand:
 * every row a GtkListView of GTK 4.8 keeps around (up to 200) costs a
 * widget, whether on screen or not.
 */
void
wp_id_list_set_limit (WpIdList *self,
                      guint     limit)
{
  guint before, after;

  g_return_if_fail (WP_IS_ID_LIST (self));

  before = MIN (self->ids->len, self->limit);
  after = MIN (self->ids->len, limit);
  self->limit = limit;
  if (after > before)
    g_list_model_items_changed (G_LIST_MODEL (self), before, 0, after - before);
  else if (after < before)
    {
      for (guint i = after; i < before; i++)
        g_hash_table_remove (self->items, &g_array_index (self->ids, gint64, i));
      g_list_model_items_changed (G_LIST_MODEL (self), after, before - after, 0);
    }
}

guint
wp_id_list_get_limit (WpIdList *self)
{
  g_return_val_if_fail (WP_IS_ID_LIST (self), 0);
  return self->limit;
}

/* All ids, shown or not */
guint
wp_id_list_get_n_ids (WpIdList *self)
{
  g_return_val_if_fail (WP_IS_ID_LIST (self), 0);
  return self->ids->len;
}

/**
 * wp_id_list_find:
 *
 * Returns: the position of @id, or -1
 */
int
wp_id_list_find (WpIdList *self,
                 gint64    id)
{
  g_return_val_if_fail (WP_IS_ID_LIST (self), -1);

  for (guint i = 0; i < self->ids->len; i++)
    if (g_array_index (self->ids, gint64, i) == id)
      return (int) i;
  return -1;
}

static int
compare_ids (gconstpointer a,
             gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return x < y ? -1 : x > y;
}

/**
 * wp_ids_sort_unique:
 * @ids: (element-type gint64): ids, made a set: in order, each once
 *
 * A set of ids as a sorted array: a search's thousands of matches and the
 * items above them are sets that were a hash table's thousands of
 * allocations to make and to free on every keystroke.
 */
void
wp_ids_sort_unique (GArray *ids)
{
  guint kept = 0;

  g_return_if_fail (ids != NULL);

  /* A search's hits come in the order of their ids: no need to sort */
  for (guint i = 1; i < ids->len; i++)
    if (g_array_index (ids, gint64, i - 1) > g_array_index (ids, gint64, i))
      {
        g_array_sort (ids, compare_ids);
        break;
      }
  for (guint i = 0; i < ids->len; i++)
    if (kept == 0 || g_array_index (ids, gint64, kept - 1) != g_array_index (ids, gint64, i))
      g_array_index (ids, gint64, kept++) = g_array_index (ids, gint64, i);
  g_array_set_size (ids, kept);
}

/**
 * wp_ids_find:
 * @sorted_ids: (nullable) (element-type gint64): a set from wp_ids_sort_unique()
 *
 * Returns: where @id is in @sorted_ids, or -1
 */
int
wp_ids_find (const GArray *sorted_ids,
             gint64        id)
{
  guint lo = 0, hi;

  if (sorted_ids == NULL)
    return -1;
  hi = sorted_ids->len;
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      gint64 at = g_array_index (sorted_ids, gint64, mid);

      if (at == id)
        return (int) mid;
      if (at < id)
        lo = mid + 1;
      else
        hi = mid;
    }
  return -1;
}

/**
 * wp_ids_contain:
 * @sorted_ids: (nullable) (element-type gint64): a set from wp_ids_sort_unique()
 */
gboolean
wp_ids_contain (const GArray *sorted_ids,
                gint64        id)
{
  return wp_ids_find (sorted_ids, id) >= 0;
}

/**
 * wp_ids_append_json:
 * @json: a JSON array being written, from its "["
 *
 * Appends @id to @json, after a comma unless it is the first: the lists of
 * ids handed to the database as JSON run to thousands on a keystroke, and
 * g_string_append_printf() took a microsecond for each.
 */
void
wp_ids_append_json (GString *json,
                    gint64   id)
{
  char digits[24];
  guint n = 0;
  guint64 v = id < 0 ? -(guint64) id : (guint64) id;

  if (json->len > 1)
    g_string_append_c (json, ',');
  if (id < 0)
    g_string_append_c (json, '-');
  do
    digits[n++] = (char) ('0' + v % 10);
  while ((v /= 10) > 0);
  while (n > 0)
    g_string_append_c (json, digits[--n]);
}
