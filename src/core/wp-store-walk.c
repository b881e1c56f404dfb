/* wp-store-walk.c: a plan's items in outline order, in one read of its tree
 *
 * Exports write a whole plan, parent before children and siblings in
 * their order. Asking for each parent's children took one query per item
 * and made a WpItem (with its rolled-up figures) of every row; this reads
 * the plan's tree once, as ids, puts it in order and reads each row by its
 * id as it comes to it (queries/wp-walk-queries.c), handing each over as it
 * is read, so that nothing of the plan is held but the tree and the names
 * of its agencies, which are read first.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "wp-backend.h"
#include "wp-store-private.h"
#include "wp-store-walk.h"

#define WALK(self) ((self)->backend->walk)

typedef struct {
  gint64      item_id;
  gboolean    co;
  int         position;
  const char *name;   /* in Links.chunk */
} Link;

/* Every item's agency names, as NULL-ended lead then co lists, one after
 * the other in one array: the few names are stored once. */
typedef struct {
  GStringChunk *chunk;
  GPtrArray    *names;
  GArray       *ids;     /* gint64, the keys of starts */
  GHashTable   *starts;  /* gint64 item id → GUINT_TO_POINTER (its lead list's start + 1) */
  GArray       *rows;    /* Link, while they are read */
} Links;

static void
links_clear (Links *links)
{
  g_clear_pointer (&links->starts, g_hash_table_unref);
  g_clear_pointer (&links->ids, g_array_unref);
  g_clear_pointer (&links->names, g_ptr_array_unref);
  g_clear_pointer (&links->chunk, g_string_chunk_free);
}

static int
compare_links (gconstpointer a,
               gconstpointer b)
{
  const Link *x = a, *y = b;

  if (x->item_id != y->item_id)
    return (x->item_id > y->item_id) - (x->item_id < y->item_id);
  if (x->co != y->co)
    return x->co - y->co;
  return (x->position > y->position) - (x->position < y->position);
}

static void
add_link (gint64      item_id,
          gboolean    co,
          int         position,
          const char *name,
          gpointer    user_data)
{
  Links *links = user_data;
  Link link = {
    .item_id = item_id,
    .co = co,
    .position = position,
    .name = g_string_chunk_insert_const (links->chunk, name),
  };

  g_array_append_val (links->rows, link);
}

static gboolean
read_links (WpStore  *self,
            gint64    plan_id,
            Links    *links,
            GError  **error)
{
  g_autoptr(GArray) rows = g_array_new (FALSE, FALSE, sizeof (Link));

  links->chunk = g_string_chunk_new (4096);
  links->rows = rows;
  if (!WALK (self)->links (self, plan_id, add_link, links, error))
    return FALSE;
  links->rows = NULL;

  g_array_sort (rows, compare_links);
  links->names = g_ptr_array_sized_new (rows->len + 2);
  links->ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  /* (an item without agencies has the two empty lists at the start) */
  g_ptr_array_add (links->names, NULL);
  g_ptr_array_add (links->names, NULL);
  for (guint i = 0; i < rows->len;)
    {
      gint64 item_id = g_array_index (rows, Link, i).item_id;

      g_array_append_val (links->ids, item_id);
      g_array_append_val (links->ids, (gint64) { links->names->len });
      for (; i < rows->len && g_array_index (rows, Link, i).item_id == item_id
             && !g_array_index (rows, Link, i).co; i++)
        g_ptr_array_add (links->names, (gpointer) g_array_index (rows, Link, i).name);
      g_ptr_array_add (links->names, NULL);
      for (; i < rows->len && g_array_index (rows, Link, i).item_id == item_id; i++)
        g_ptr_array_add (links->names, (gpointer) g_array_index (rows, Link, i).name);
      g_ptr_array_add (links->names, NULL);
    }
  /* (the ids no longer move) */
  links->starts = g_hash_table_new (g_int64_hash, g_int64_equal);
  for (guint i = 0; i < links->ids->len; i += 2)
    g_hash_table_insert (links->starts, &g_array_index (links->ids, gint64, i),
                         &g_array_index (links->ids, gint64, i + 1));
  return TRUE;
}

/* Points @row's lead and co at its lists */
static void
links_find (Links     *links,
            WpItemRow *row)
{
  gint64 *start = g_hash_table_lookup (links->starts, &row->id);
  const char **lead = (const char **) links->names->pdata + (start != NULL ? *start : 0);

  row->lead = lead;
  while (*lead != NULL)
    lead++;
  row->co = lead + 1;
}

typedef struct {
  Links         *links;
  WpItemRowFunc  func;
  gpointer       user_data;
} WalkData;

/* Gives the caller @row with its agencies */
static gboolean
give_row (const WpItemRow  *row,
          gpointer          user_data,
          GError          **error)
{
  WalkData *data = user_data;
  WpItemRow with_links = *row;

  links_find (data->links, &with_links);
  return data->func (&with_links, data->user_data, error);
}

/**
 * wp_store_walk_plan:
 * @func: called for each item of the plan, parent before its children,
 *   siblings in their order
 *
 * Returns: FALSE with @error set when the items could not be read or
 *   @func stopped the walk
 */
gboolean
wp_store_walk_plan (WpStore        *self,
                    gint64          plan_id,
                    WpItemRowFunc   func,
                    gpointer        user_data,
                    GError        **error)
{
  Links links = { NULL };
  WalkData data = { &links, func, user_data };
  gboolean ok;

  g_return_val_if_fail (WP_IS_STORE (self), FALSE);

  ok = read_links (self, plan_id, &links, error)
       && WALK (self)->walk (self, plan_id, give_row, &data, error);
  links_clear (&links);
  return ok;
}
