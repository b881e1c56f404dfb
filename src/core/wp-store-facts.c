/* wp-store-facts.c: what views group and count by, for every item of a
 * plan, read once and kept up to date
 *
 * The board, the progress view, the agency directory and the filters all
 * start from the facts of the whole plan (wp_store_list_plan_facts()):
 * 100,000 items take a quarter of a second to read and roll up, and the
 * views ask for them on every refresh. So the store keeps each plan's
 * facts once read. Each time they are asked for, the change log's rows
 * since the last time (every write leaves some: this store's, undo's,
 * other processes') say which items changed: those rows are read again
 * and rolled up with what is above them. A change of the outline's shape
 * (an item added, deleted or moved), of a plan or of an agency, reads the
 * plan again, and so does anything the log cannot tell (a write that kept
 * no log, another day to judge on: see wp_store_forget_rollups()).
 *
 * The facts handed out are shared and must not be changed: the cache
 * writes into its own copy only when no one else holds it, and otherwise
 * makes a new one.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "wp-backend.h"
#include "wp-deadline.h"
#include "wp-store-private.h"

#define FACTS(self) ((self)->backend->facts)

/* More changed items than this, and the plan is read again: cheaper than
 * as many one-row reads. */
#define MAX_ITEMS_UPDATED 2000

/* Facts as handed out, with what rolling up needs beside them */
typedef struct {
  WpPlanFacts     facts;   /* first: callers hold a pointer to it */
  gatomicrefcount ref_count;
  GArray         *rows;    /* WpFactsRow, beside facts.items */
} SharedFacts;

/* One plan's facts in the cache */
typedef struct {
  SharedFacts *shared;
  GHashTable  *dirty;      /* gint64 ids of items whose rows changed since */
} CachedFacts;

static void
clear_item_facts (WpItemFacts *f)
{
  g_clear_pointer (&f->lead, g_free);
  g_clear_pointer (&f->co, g_free);
}

static SharedFacts *
shared_new (gint64 plan_id,
            int    year,
            guint  n)
{
  SharedFacts *shared = g_new0 (SharedFacts, 1);

  g_atomic_ref_count_init (&shared->ref_count);
  shared->facts.plan_id = plan_id;
  shared->facts.year = year;
  shared->facts.items = g_array_sized_new (FALSE, TRUE, sizeof (WpItemFacts), n);
  g_array_set_clear_func (shared->facts.items, (GDestroyNotify) clear_item_facts);
  shared->rows = g_array_sized_new (FALSE, TRUE, sizeof (WpFactsRow), n);
  return shared;
}

static void
shared_index (SharedFacts *shared)
{
  GArray *items = shared->facts.items;

  shared->facts.index = g_hash_table_new (g_int64_hash, g_int64_equal);
  for (guint i = 0; i < items->len; i++)
    g_hash_table_insert (shared->facts.index, &g_array_index (items, WpItemFacts, i).id,
                         GUINT_TO_POINTER (i));
}

static SharedFacts *
shared_ref (SharedFacts *shared)
{
  g_atomic_ref_count_inc (&shared->ref_count);
  return shared;
}

static void
shared_unref (SharedFacts *shared)
{
  if (!g_atomic_ref_count_dec (&shared->ref_count))
    return;
  g_clear_pointer (&shared->facts.items, g_array_unref);
  g_clear_pointer (&shared->facts.index, g_hash_table_unref);
  g_clear_pointer (&shared->rows, g_array_unref);
  g_free (shared);
}

/* A copy to write into while someone holds @shared */
static SharedFacts *
shared_copy (SharedFacts *shared)
{
  GArray *items = shared->facts.items;
  SharedFacts *copy = shared_new (shared->facts.plan_id, shared->facts.year, items->len);

  g_array_append_vals (copy->facts.items, items->data, items->len);
  g_array_append_vals (copy->rows, shared->rows->data, shared->rows->len);
  for (guint i = 0; i < items->len; i++)
    {
      WpItemFacts *f = &g_array_index (copy->facts.items, WpItemFacts, i);

      f->lead = f->n_lead > 0 ? g_memdup2 (f->lead, f->n_lead * sizeof (gint64)) : NULL;
      f->co = f->n_co > 0 ? g_memdup2 (f->co, f->n_co * sizeof (gint64)) : NULL;
    }
  shared_index (copy);
  return copy;
}

static void
cached_facts_free (CachedFacts *cached)
{
  g_clear_pointer (&cached->shared, shared_unref);
  g_clear_pointer (&cached->dirty, g_hash_table_unref);
  g_free (cached);
}

/**
 * wp_plan_facts_free:
 *
 * Lets go of facts from wp_store_list_plan_facts() (the store may keep
 * them).
 */
void
wp_plan_facts_free (WpPlanFacts *facts)
{
  if (facts != NULL)
    shared_unref ((SharedFacts *) facts);
}

/* Reading a plan */

typedef struct {
  WpItemFacts facts;
  WpFactsRow  row;
  int         position;
  GArray     *children;        /* row indices, in position order */
  int        *lead_positions;  /* while reading: where each agency goes */
  int        *co_positions;
} ReadRow;

static void
read_row_clear (gpointer data)
{
  ReadRow *row = data;

  g_clear_pointer (&row->children, g_array_unref);
  g_free (row->facts.lead);
  g_free (row->facts.co);
  g_free (row->lead_positions);
  g_free (row->co_positions);
}

static int
compare_positions (gconstpointer a,
                   gconstpointer b,
                   gpointer      rows)
{
  int x = g_array_index ((GArray *) rows, ReadRow, *(const guint *) a).position;
  int y = g_array_index ((GArray *) rows, ReadRow, *(const guint *) b).position;

  return (x > y) - (x < y);
}

/* Puts @id into @ids (of @n) in the order of @position; lists are short. */
static void
insert_agency (gint64 **ids,
               int    **positions,
               guint   *n,
               gint64   id,
               int      position)
{
  guint at = *n;

  *ids = g_renew (gint64, *ids, *n + 1);
  *positions = g_renew (int, *positions, *n + 1);
  while (at > 0 && (*positions)[at - 1] > position)
    {
      (*ids)[at] = (*ids)[at - 1];
      (*positions)[at] = (*positions)[at - 1];
      at--;
    }
  (*ids)[at] = id;
  (*positions)[at] = position;
  (*n)++;
}

/* Takes @item's row as @row's */
static void
take_item (ReadRow           *row,
           const WpFactsItem *item)
{
  row->facts.parent_id = item->parent_id;
  row->facts.kind = item->kind;
  row->row.status = item->status;
  row->facts.status = item->status;
  row->row.progress = item->progress;
  row->facts.due = item->due;
  row->facts.ongoing = item->ongoing;
  row->position = item->position;
  row->facts.done_date = item->done_date;
  row->facts.carried_forward = item->carried_forward;
}

static void
add_row (const WpFactsItem *item,
         gpointer           user_data)
{
  ReadRow row = { 0 };

  row.facts.id = item->id;
  take_item (&row, item);
  g_array_append_val ((GArray *) user_data, row);
}

/* Puts an agency on @row, in its role and order */
static void
add_link_to_row (ReadRow *row,
                 gint64   agency_id,
                 gboolean lead,
                 int      position)
{
  if (lead)
    insert_agency (&row->facts.lead, &row->lead_positions, &row->facts.n_lead, agency_id,
                   position);
  else
    insert_agency (&row->facts.co, &row->co_positions, &row->facts.n_co, agency_id, position);
}

typedef struct {
  GArray     *rows;
  GHashTable *by_id;
} PlanRows;

static void
add_plan_link (gint64   item_id,
               gint64   agency_id,
               gboolean lead,
               int      position,
               gpointer user_data)
{
  PlanRows *plan = user_data;
  gpointer index;

  if (g_hash_table_lookup_extended (plan->by_id, &item_id, NULL, &index))
    add_link_to_row (&g_array_index (plan->rows, ReadRow, GPOINTER_TO_UINT (index)), agency_id,
                     lead, position);
}

static void
add_item_link (gint64   item_id,
               gint64   agency_id,
               gboolean lead,
               int      position,
               gpointer user_data)
{
  add_link_to_row (user_data, agency_id, lead, position);
}

/* Depth first, appending to @out in outline order */
static void
place (GArray      *rows,
       guint        index,
       gint64       area_id,
       guint        depth,
       SharedFacts *out)
{
  ReadRow *row = &g_array_index (rows, ReadRow, index);
  guint at = out->facts.items->len;

  row->facts.area_id = area_id != 0 ? area_id : row->facts.id;
  row->facts.depth = depth;
  g_array_append_val (out->facts.items, row->facts);
  row->facts.lead = row->facts.co = NULL;  /* owned by @out now */
  g_array_append_val (out->rows, row->row);

  for (guint i = 0; row->children != NULL && i < row->children->len; i++)
    place (rows, g_array_index (row->children, guint, i), row->facts.area_id, depth + 1, out);
  g_array_index (out->rows, WpFactsRow, at).size = out->facts.items->len - at;
}

/* Reads the facts of every item of the plan in two queries, without
 * making an item object per row */
static SharedFacts *
read_plan_facts (WpStore  *self,
                 gint64    plan_id,
                 GError  **error)
{
  g_autoptr(GArray) rows = g_array_new (FALSE, TRUE, sizeof (ReadRow));
  g_autoptr(GHashTable) by_id = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GArray) roots = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(WpPlan) plan = NULL;
  SharedFacts *shared;
  PlanRows plan_rows;

  /* (from the backend: the facts are a cache below the plans' API) */
  if (!self->backend->plans->find (self, FALSE, plan_id, &plan, error))
    return NULL;
  if (plan == NULL)
    {
      g_set_error (error, WP_STORE_ERROR, WP_STORE_ERROR_NOT_FOUND,
                   _("There is no such plan in “%s”."), self->path);
      return NULL;
    }

  g_array_set_clear_func (rows, read_row_clear);
  /* (in any order: siblings are sorted here) */
  if (!FACTS (self)->plan_items (self, plan_id, add_row, rows, error))
    return NULL;

  for (guint i = 0; i < rows->len; i++)
    g_hash_table_insert (by_id, &g_array_index (rows, ReadRow, i).facts.id, GUINT_TO_POINTER (i));

  for (guint i = 0; i < rows->len; i++)
    {
      ReadRow *row = &g_array_index (rows, ReadRow, i);
      gpointer parent_index;

      if (row->facts.parent_id != 0
          && g_hash_table_lookup_extended (by_id, &row->facts.parent_id, NULL, &parent_index))
        {
          ReadRow *parent = &g_array_index (rows, ReadRow, GPOINTER_TO_UINT (parent_index));

          if (parent->children == NULL)
            parent->children = g_array_new (FALSE, FALSE, sizeof (guint));
          g_array_append_val (parent->children, i);
        }
      else
        g_array_append_val (roots, i);
    }
  g_array_sort_with_data (roots, compare_positions, rows);
  for (guint i = 0; i < rows->len; i++)
    {
      ReadRow *row = &g_array_index (rows, ReadRow, i);

      if (row->children != NULL && row->children->len > 1)
        g_array_sort_with_data (row->children, compare_positions, rows);
    }

  /* Agencies: lead ones and supporting ones, each in their order. */
  /* (deleted items' links too: they are not in @by_id) */
  plan_rows = (PlanRows) { rows, by_id };
  if (!FACTS (self)->plan_links (self, plan_id, add_plan_link, &plan_rows, error))
    return NULL;

  shared = shared_new (plan_id, wp_plan_get_year (plan), rows->len);
  for (guint i = 0; i < roots->len; i++)
    place (rows, g_array_index (roots, guint, i), 0, 0, shared);
  /* Children come after their parents: backwards, they are rolled up first */
  for (guint i = shared->facts.items->len; i-- > 0;)
    _wp_store_roll_up_facts (self, plan_id, (WpItemFacts *) shared->facts.items->data,
                             (const WpFactsRow *) shared->rows->data, i, shared->facts.year);
  shared_index (shared);
  return shared;
}

/* Updating a plan's facts */

/* Reads item @index of @shared again. Returns: %FALSE if it has moved
 * (its facts cannot be updated in place), with @error set on a failure */
static gboolean
read_item_again (WpStore      *self,
                 SharedFacts  *shared,
                 guint         index,
                 GError      **error)
{
  WpItemFacts *f = &g_array_index (shared->facts.items, WpItemFacts, index);
  WpFactsRow *out = &g_array_index (shared->rows, WpFactsRow, index);
  WpFactsItem item;
  ReadRow row = { 0 };
  gboolean found;

  if (!FACTS (self)->item (self, f->id, &item, &found, error) || !found)
    return FALSE;
  if (item.plan_id != shared->facts.plan_id || item.deleted || item.parent_id != f->parent_id)
    return FALSE;
  take_item (&row, &item);
  if (!FACTS (self)->item_links (self, f->id, add_item_link, &row, error))
    {
      read_row_clear (&row);
      return FALSE;
    }

  /* (where it sits stays: the rest is its row's) */
  row.facts.id = f->id;
  row.facts.area_id = f->area_id;
  row.facts.depth = f->depth;
  clear_item_facts (f);
  *f = row.facts;
  row.facts.lead = row.facts.co = NULL;
  out->status = row.row.status;
  out->progress = row.row.progress;
  read_row_clear (&row);
  return TRUE;
}

static int
compare_indices_down (gconstpointer a,
                      gconstpointer b)
{
  guint x = *(const guint *) a, y = *(const guint *) b;

  return (x < y) - (x > y);
}

/* Reads the changed items of @cached again and rolls them up with
 * everything above them. Returns: %FALSE if the plan must be read again,
 * with @error set on a failure */
static gboolean
update_facts (WpStore      *self,
              CachedFacts  *cached,
              GError      **error)
{
  g_autoptr(GHashTable) marked = g_hash_table_new (g_direct_hash, g_direct_equal);
  g_autoptr(GArray) order = g_array_new (FALSE, FALSE, sizeof (guint));
  GHashTableIter iter;
  gpointer key;
  SharedFacts *shared;
  WpItemFacts *items;

  if (g_hash_table_size (cached->dirty) > MAX_ITEMS_UPDATED)
    return FALSE;
  /* (those who hold them keep the facts they were given) */
  if (g_atomic_ref_count_compare (&cached->shared->ref_count, 1) == FALSE)
    {
      SharedFacts *copy = shared_copy (cached->shared);

      shared_unref (cached->shared);
      cached->shared = copy;
    }
  shared = cached->shared;
  items = (WpItemFacts *) shared->facts.items->data;

  g_hash_table_iter_init (&iter, cached->dirty);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      gpointer found;
      guint index;

      /* (not in the plan: a deleted item's note, say) */
      if (!g_hash_table_lookup_extended (shared->facts.index, key, NULL, &found))
        continue;
      index = GPOINTER_TO_UINT (found);
      if (!read_item_again (self, shared, index, error))
        return FALSE;
      /* It and everything above it are rolled up again */
      while (!g_hash_table_contains (marked, GUINT_TO_POINTER (index + 1)))
        {
          g_hash_table_add (marked, GUINT_TO_POINTER (index + 1));
          g_array_append_val (order, index);
          if (items[index].parent_id == 0
              || !g_hash_table_lookup_extended (shared->facts.index, &items[index].parent_id,
                                                NULL, &found))
            break;
          index = GPOINTER_TO_UINT (found);
        }
    }
  g_hash_table_remove_all (cached->dirty);

  /* Children come after their parents: from the last, they are rolled up first */
  g_array_sort (order, compare_indices_down);
  for (guint i = 0; i < order->len; i++)
    _wp_store_roll_up_facts (self, shared->facts.plan_id, items,
                             (const WpFactsRow *) shared->rows->data,
                             g_array_index (order, guint, i), shared->facts.year);
  return TRUE;
}

static void note_changes (WpStore   *self,
                          GPtrArray *changes);

/* Tells the facts kept what the change log holds since they were last
 * told: every write, whichever function or program made it, leaves rows
 * there. Returns: %FALSE if the log cannot be read */
static gboolean
catch_up (WpStore *self)
{
  g_autoptr(GPtrArray) changes = NULL;
  gint64 last = 0, first = 0;

  if (!CHANGE_LOG (self)->last (self, &last, NULL))
    {
      _wp_store_forget_facts (self);
      return FALSE;
    }
  if (g_hash_table_size (self->plan_facts) > 0 && last != self->facts_told)
    {
      /* (rows gone before they were read: trimmed by another program) */
      if (last < self->facts_told || !CHANGE_LOG (self)->first (self, &first, NULL)
          || first > self->facts_told + 1
          || (changes = CHANGE_LOG (self)->read (self, self->facts_told, NULL)) == NULL)
        _wp_store_forget_facts (self);
      else
        note_changes (self, changes);
    }
  self->facts_told = last;
  return TRUE;
}

/**
 * wp_store_list_plan_facts:
 *
 * Reads what views group and count by — kind, rolled-up status, progress
 * and light, due date, agencies — for every item of the plan: the board
 * and the agency directory of a 100,000-item plan are built from this.
 * The store keeps them and updates what changed since (see the top of
 * this file), so asking again is cheap.
 *
 * Returns: (transfer full): the facts in outline order, to be let go of
 *   with wp_plan_facts_free() and not changed
 */
WpPlanFacts *
wp_store_list_plan_facts (WpStore  *self,
                          gint64    plan_id,
                          GError  **error)
{
  CachedFacts *cached;
  SharedFacts *shared;

  g_return_val_if_fail (WP_IS_STORE (self), NULL);

  /* Inside a transaction, its writes are not in the log's account yet
   * (and may be rolled back): read what the file holds now. */
  if (self->tx_depth > 0)
    {
      shared = read_plan_facts (self, plan_id, error);
      return shared != NULL ? &shared->facts : NULL;
    }

  if (self->plan_facts == NULL)
    self->plan_facts = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                              (GDestroyNotify) cached_facts_free);
  if (!catch_up (self))
    {
      /* (a file without a change log to follow: nothing is kept) */
      shared = read_plan_facts (self, plan_id, error);
      return shared != NULL ? &shared->facts : NULL;
    }
  cached = g_hash_table_lookup (self->plan_facts, &plan_id);
  if (cached != NULL && g_hash_table_size (cached->dirty) > 0)
    {
      g_autoptr(GError) local_error = NULL;

      if (!update_facts (self, cached, &local_error))
        {
          g_hash_table_remove (self->plan_facts, &plan_id);
          cached = NULL;
          if (local_error != NULL)
            {
              g_propagate_error (error, g_steal_pointer (&local_error));
              return NULL;
            }
        }
    }
  if (cached == NULL)
    {
      shared = read_plan_facts (self, plan_id, error);
      if (shared == NULL)
        return NULL;
      cached = g_new0 (CachedFacts, 1);
      cached->shared = shared;
      cached->dirty = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
      g_hash_table_insert (self->plan_facts, g_memdup2 (&plan_id, sizeof plan_id), cached);
    }
  return &shared_ref (cached->shared)->facts;
}

/**
 * wp_store_keeps_plan_facts:
 *
 * Whether the store keeps the facts of plan @plan_id, read by an earlier
 * wp_store_list_plan_facts().
 */
gboolean
wp_store_keeps_plan_facts (WpStore *self,
                           gint64   plan_id)
{
  g_return_val_if_fail (WP_IS_STORE (self), FALSE);

  return self->plan_facts != NULL && g_hash_table_contains (self->plan_facts, &plan_id);
}

/**
 * wp_store_forget_plan_facts:
 *
 * Lets the facts the store keeps of plan @plan_id go, once no one holds
 * them: a reader that asked for them once, and found them not kept (an
 * export), gives back their memory, 20 MB for 100,000 items. The next
 * wp_store_list_plan_facts() reads the plan again.
 */
void
wp_store_forget_plan_facts (WpStore *self,
                            gint64   plan_id)
{
  g_return_if_fail (WP_IS_STORE (self));

  if (self->plan_facts != NULL)
    g_hash_table_remove (self->plan_facts, &plan_id);
}

/* What the change log says */

/* Forgets every plan's facts: the next ask reads the plan again. */
void
_wp_store_forget_facts (WpStore *self)
{
  if (self->plan_facts != NULL)
    g_hash_table_remove_all (self->plan_facts);
}

/* Forgets every rolled-up figure: the parents' and the plans' facts */
void
wp_store_forget_rollups (WpStore *self)
{
  _wp_store_clear_rollups (self);
  _wp_store_forget_facts (self);
}

static void
forget_plan (WpStore *self,
             gint64   plan_id)
{
  if (plan_id == 0)
    _wp_store_forget_facts (self);
  else
    g_hash_table_remove (self->plan_facts, &plan_id);
}

/* Notes that item @item_id's rows changed, in the plan that has it */
static void
note_item (WpStore *self,
           gint64   item_id)
{
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, self->plan_facts);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      CachedFacts *cached = value;

      if (g_hash_table_contains (cached->shared->facts.index, &item_id))
        {
          if (!g_hash_table_contains (cached->dirty, &item_id))
            g_hash_table_add (cached->dirty, g_memdup2 (&item_id, sizeof item_id));
          return;
        }
    }
}

/* Tells the plans' facts what @changes (rows of the change log,
 * committed) did: see the top of this file. */
static void
note_changes (WpStore   *self,
              GPtrArray *changes)
{
  for (guint i = 0; i < changes->len; i++)
    {
      const WpChange *change = g_ptr_array_index (changes, i);

      if (self->plan_facts == NULL || g_hash_table_size (self->plan_facts) == 0)
        return;
      switch (change->record)
        {
        case WP_RECORD_ITEM:
          /* Its place in the outline: the plan's shape changed */
          if (change->op != WP_CHANGE_UPDATE
              || change->shown_before != change->shown_after
              || change->plan_before != change->plan_after
              || change->parent_before != change->parent_after
              || change->position_before != change->position_after)
            {
              forget_plan (self, change->plan_before);
              if (change->plan_after != change->plan_before)
                forget_plan (self, change->plan_after);
            }
          else
            note_item (self, change->item_id);
          break;
        case WP_RECORD_CLOSEOUT:
        case WP_RECORD_ATTACHMENT:
        case WP_RECORD_YEAR_CHECK:
          break;  /* (nothing the facts hold) */
        case WP_RECORD_MILESTONE:
          /* (what the item's light is judged against changed) */
          _wp_store_forget_judging (self);
          G_GNUC_FALLTHROUGH;
        case WP_RECORD_ITEM_AGENCY:
        case WP_RECORD_TARGET:
        case WP_RECORD_NOTE:
          if (change->op == WP_CHANGE_BULK || change->op == WP_CHANGE_SHIFT
              || change->item_id == 0)
            _wp_store_forget_facts (self);
          else
            note_item (self, change->item_id);
          break;
        /* A plan's year, an agency gone, a whole plan written, or a kind
         * of record this does not know: every plan is read again */
        case WP_RECORD_PLAN:
        case WP_RECORD_AGENCY:
        case WP_N_RECORDS:
        default:
          _wp_store_forget_facts (self);
          break;
        }
    }
}

/**
 * wp_item_facts_involves:
 *
 * Returns: whether agency @agency_id leads or supports the item
 */
gboolean
wp_item_facts_involves (const WpItemFacts *facts,
                        gint64             agency_id)
{
  for (guint i = 0; i < facts->n_lead; i++)
    if (facts->lead[i] == agency_id)
      return TRUE;
  for (guint i = 0; i < facts->n_co; i++)
    if (facts->co[i] == agency_id)
      return TRUE;
  return FALSE;
}

/**
 * wp_plan_facts_lookup:
 *
 * Returns: (nullable): the facts of item @id, or %NULL if it is not in the plan
 */
const WpItemFacts *
wp_plan_facts_lookup (const WpPlanFacts *facts,
                      gint64             id)
{
  gpointer index;

  if (!g_hash_table_lookup_extended (facts->index, &id, NULL, &index))
    return NULL;
  return &g_array_index (facts->items, WpItemFacts, GPOINTER_TO_UINT (index));
}
