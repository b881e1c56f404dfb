/* wp-store-rollups.c: the figures a parent shows, rolled up from its subtree
 *
 * A parent's status, progress and light come from its children on the
 * reference date (the plan's rules and milestones judge each item: see
 * get_judging()). They are cached by item in self->rollups, filled for a
 * whole plan on the first read of an area, and recomputed after an edit
 * from the children's cached figures. The plan facts (wp-store-facts.c)
 * roll up the same way through _wp_store_roll_up_facts().
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "wp-deadline.h"
#include "wp-light.h"
#include "wp-store-private.h"

#define ROLLUPS(self) ((self)->backend->rollups)

typedef struct {
  double       sum;       /* of the children's effective progress */
  guint        count;
  guint        n_done;
  guint        n_started;  /* in progress or done */
  guint        n_suspended;
  WpLight      worst_light;
  WpLight      worst_unowned_light;  /* of children with no agencies of their own */
} Rollup;

static WpItemStatus
rollup_status (WpItemStatus  stored,
               const Rollup *children)
{
  /* Done and suspended are decisions someone took: they stand. */
  if (children == NULL || children->count == 0
      || stored == WP_ITEM_STATUS_DONE || stored == WP_ITEM_STATUS_SUSPENDED)
    return stored;
  if (children->n_done == children->count)
    return WP_ITEM_STATUS_DONE;
  if (children->n_suspended == children->count)
    return WP_ITEM_STATUS_SUSPENDED;
  if (children->n_started > 0)
    return WP_ITEM_STATUS_IN_PROGRESS;
  return stored;
}

static int
rollup_progress (WpItemStatus  effective_status,
                 int           stored,
                 const Rollup *children)
{
  if (effective_status == WP_ITEM_STATUS_DONE)
    return 100;
  if (stored >= 0)
    return stored;
  if (children != NULL && children->count > 0)
    return (int) (children->sum / children->count + 0.5);
  return 0;
}

/* Adds a child's figures to its parent's sums */
static void
rollup_add (Rollup        *sums,
            WpItemStatus   status,
            int            progress,
            WpLight        light)
{
  sums->sum += progress;
  sums->count++;
  sums->n_done += status == WP_ITEM_STATUS_DONE;
  sums->n_started += status == WP_ITEM_STATUS_DONE || status == WP_ITEM_STATUS_IN_PROGRESS;
  sums->n_suspended += status == WP_ITEM_STATUS_SUSPENDED;
  sums->worst_light = MAX (sums->worst_light, light);
}

/* Keeps a parent's figures */
static void
cache_figures (WpStore       *self,
               gint64         id,
               WpItemStatus   status,
               int            progress,
               WpLight        light)
{
  WpRollup *cached = g_new (WpRollup, 1);

  cached->status = status;
  cached->progress = progress;
  cached->light = light;
  g_hash_table_insert (self->rollups, g_memdup2 (&id, sizeof id), cached);
}

/* How a plan's items are judged on the reference date: its light rules,
 * and what each item's milestone expects by then (see own_light()).
 * Dropped with the rollups, and when a milestone changes. */
typedef struct {
  WpLightRules  rules;
  int           quarter;   /* the last quarter ended by the reference date */
  GHashTable   *expected;  /* gint64 item id → GINT_TO_POINTER (progress + 1) */
} Judging;

static void
judging_free (gpointer data)
{
  Judging *judging = data;

  g_clear_pointer (&judging->expected, g_hash_table_unref);
  g_free (judging);
}

static void
add_expected (gint64    item_id,
              int       progress,
              gpointer  user_data)
{
  g_hash_table_insert (user_data, g_memdup2 (&item_id, sizeof item_id),
                       GINT_TO_POINTER (progress + 1));
}

static Judging *
get_judging (WpStore *self,
             gint64   plan_id,
             int      plan_year)
{
  Judging *judging;
  WpPlanSettings settings = WP_PLAN_SETTINGS_INIT;

  if (self->judging == NULL)
    self->judging = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, judging_free);
  judging = g_hash_table_lookup (self->judging, &plan_id);
  if (judging != NULL)
    return judging;

  judging = g_new0 (Judging, 1);
  judging->expected = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  /* (from the backend: rollups are below the tracking year's API) */
  self->backend->tracking->get_settings (self, plan_id, &settings, NULL);
  judging->rules.due_soon_days = settings.due_soon_days;
  judging->rules.yellow_points = settings.yellow_points;
  judging->rules.red_points = settings.red_points;
  judging->quarter = wp_light_last_ended_quarter (plan_year, &self->reference_date);

  /* (the latest quarter ended that expects a progress: the one before
   * stands while a quarter's milestone names a state only) */
  if (judging->quarter > 0)
    ROLLUPS (self)->expected (self, plan_id, judging->quarter, add_expected, judging->expected,
                              NULL);
  g_hash_table_insert (self->judging, g_memdup2 (&plan_id, sizeof plan_id), judging);
  return judging;
}

/* Forgets how plans are judged (a milestone or a plan's rules changed) */
void
_wp_store_forget_judging (WpStore *self)
{
  if (self->judging != NULL)
    g_hash_table_remove_all (self->judging);
}

/**
 * wp_store_get_expected_progress:
 *
 * Returns: the progress @item_id's milestone expects by the reference date
 *   (the last quarter ended that sets one), or -1 when none does
 */
int
wp_store_get_expected_progress (WpStore *self,
                                gint64   plan_id,
                                int      plan_year,
                                gint64   item_id)
{
  Judging *judging;

  g_return_val_if_fail (WP_IS_STORE (self), -1);
  judging = get_judging (self, plan_id, plan_year);
  return GPOINTER_TO_INT (g_hash_table_lookup (judging->expected, &item_id)) - 1;
}

static WpLight
own_light (WpStore      *self,
           gint64        plan_id,
           gint64        item_id,
           WpItemStatus  status,
           int           progress,
           const GDate  *due,
           int           plan_year)
{
  Judging *judging = get_judging (self, plan_id, plan_year);
  int expected = GPOINTER_TO_INT (g_hash_table_lookup (judging->expected, &item_id)) - 1;
  GDate start;

  g_date_clear (&start, 1);
  g_date_set_dmy (&start, 1, G_DATE_JANUARY, (GDateYear) CLAMP (plan_year, 1, 9999));
  return wp_light_judge (status, progress, g_date_valid (due) ? due : NULL, &start,
                         &self->reference_date, expected, &judging->rules);
}

/* One item on the way up: its figures from its children's sums (in @sums,
 * by id), added to its parent's; a parent's are cached on the way, so
 * that expanding it later reads no subtree again. Children come before
 * their parents. */
static void
rollup_row (WpStore      *self,
            GHashTable   *sums,
            gint64        plan_id,
            gint64        id,
            gint64        parent,
            int           stored_progress,
            WpItemStatus  status,
            const GDate  *due,
            gboolean      carried_forward,
            int           plan_year)
{
  Rollup *own = g_hash_table_lookup (sums, &id);
  Rollup *up;
  int progress;
  WpLight light;

  status = rollup_status (status, own);
  progress = rollup_progress (status, stored_progress, own);
  light = wp_light_roll_up (own_light (self, plan_id, id, status, progress, due, plan_year),
                            own != NULL ? own->worst_light : WP_LIGHT_NONE, carried_forward);

  up = g_hash_table_lookup (sums, &parent);
  if (up == NULL)
    {
      up = g_new0 (Rollup, 1);
      g_hash_table_insert (sums, g_memdup2 (&parent, sizeof parent), up);
    }
  rollup_add (up, status, progress, light);
  if (own != NULL)
    cache_figures (self, id, status, progress, light);
}

static GHashTable *
new_sums (void)
{
  return g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
}

/* A row of _wp_store_rollup_plan() */
typedef struct {
  gint64        id;
  gint64        parent;
  int           progress;  /* as stored, -1 if none */
  WpItemStatus  status;    /* as stored */
  GDate         due;
  guint         up;        /* the parent's row + 1, 0 for none */
  guint         sums;      /* its children's sums in the array of them + 1, 0 if none */
  int           depth;     /* -1 until known */
  gboolean      carried_forward;
} PlanRow;

static int
compare_ids (gconstpointer a,
             gconstpointer b)
{
  gint64 x = ((const PlanRow *) a)->id, y = ((const PlanRow *) b)->id;

  return (x > y) - (x < y);
}

/* The row of item @id in @rows (sorted by id) + 1, or 0 */
static guint
find_row (GArray *rows,
          gint64  id)
{
  guint lo = 0, hi = rows->len;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      gint64 at = g_array_index (rows, PlanRow, mid).id;

      if (at == id)
        return mid + 1;
      if (at < id)
        lo = mid + 1;
      else
        hi = mid;
    }
  return 0;
}

static gboolean
add_plan_row (const WpRollupRow *row,
              gpointer           user_data)
{
  PlanRow plan_row = { row->id, row->parent_id, row->progress, row->status, row->due,
                       0, 0, -1, row->carried_forward };

  g_array_append_val ((GArray *) user_data, plan_row);
  return TRUE;
}

/* Rolls up every parent of a plan in one read of its items, for the first
 * top-level item asked for: the outline shows the areas first, and each
 * area read its subtree through a recursive query and a row lookup per
 * item, three times slower than reading the plan's items once. It runs
 * before the window's first frame, so it keeps to arrays: rows by id, a
 * parent found by bisection, children's sums for parents only, and the
 * rows taken deepest first by counting (on 100,000 items, hash tables and
 * a sort took twice the time of reading them). */
void
_wp_store_rollup_plan (WpStore *self,
                       gint64   plan_id,
                       int      plan_year)
{
  g_autoptr(GArray) rows = g_array_sized_new (FALSE, FALSE, sizeof (PlanRow), 4096);
  g_autoptr(GArray) sums = g_array_new (FALSE, TRUE, sizeof (Rollup));
  g_autoptr(GArray) path = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autofree guint *order = NULL;
  g_autofree guint *at_depth = NULL;
  g_autofree guint *by_id = NULL;
  gint64 first_id = 0, span = 0;
  Judging *judging = get_judging (self, plan_id, plan_year);
  gboolean any_expected = g_hash_table_size (judging->expected) > 0;
  gboolean sorted = TRUE, taken;
  int max_depth = 0;
  GDate start;

  /* (read in a thread since the store opened, if it is the plan then
   * newest; used once, either way) */
  taken = self->rollup_prefetch != NULL
          && ROLLUPS (self)->take_prefetched (self, self->rollup_prefetch, plan_id,
                                              add_plan_row, rows);
  g_clear_pointer (&self->rollup_prefetch, ROLLUPS (self)->drop_prefetched);
  if (!taken && !ROLLUPS (self)->plan_rows (self, plan_id, add_plan_row, rows, NULL))
    return;  /* the subtrees are read one by one instead */
  for (guint i = 1; i < rows->len && sorted; i++)
    sorted = g_array_index (rows, PlanRow, i - 1).id < g_array_index (rows, PlanRow, i).id;
  if (!sorted)
    g_array_sort (rows, compare_ids);

  /* Rows by id, when the ids are one run with few gaps (a plan imported
   * or started at once): a parent found at once rather than by bisection,
   * which siblings that do not follow each other made a tenth of the time */
  if (rows->len > 0)
    {
      first_id = g_array_index (rows, PlanRow, 0).id;
      span = g_array_index (rows, PlanRow, rows->len - 1).id - first_id + 1;
      if (span <= (gint64) rows->len * 4)
        {
          by_id = g_new0 (guint, span);
          for (guint i = 0; i < rows->len; i++)
            by_id[g_array_index (rows, PlanRow, i).id - first_id] = i + 1;
        }
    }

  /* Each row's parent, and a place for the sums of each parent's children */
  for (guint i = 0; i < rows->len; i++)
    {
      PlanRow *row = &g_array_index (rows, PlanRow, i);
      PlanRow *up;

      /* (siblings mostly follow each other: their parent is looked up once) */
      if (i > 0 && row->parent == g_array_index (rows, PlanRow, i - 1).parent)
        row->up = g_array_index (rows, PlanRow, i - 1).up;
      else if (row->parent != 0 && by_id != NULL)
        row->up = row->parent >= first_id && row->parent - first_id < span
                  ? by_id[row->parent - first_id] : 0;
      else if (row->parent != 0)
        row->up = find_row (rows, row->parent);
      if (row->up == 0)
        continue;
      up = &g_array_index (rows, PlanRow, row->up - 1);
      if (up->sums == 0)
        {
          g_array_set_size (sums, sums->len + 1);
          up->sums = sums->len;
        }
    }

  /* Each item's depth, walking up to the first item whose depth is known */
  for (guint i = 0; i < rows->len; i++)
    {
      guint at = i;
      int depth;

      g_array_set_size (path, 0);
      while (g_array_index (rows, PlanRow, at).depth < 0)
        {
          guint up = g_array_index (rows, PlanRow, at).up;

          g_array_append_val (path, at);
          if (up == 0 || path->len > rows->len)
            break;
          at = up - 1;
        }
      depth = g_array_index (rows, PlanRow, at).depth;
      for (guint k = path->len; k > 0; k--)
        g_array_index (rows, PlanRow, g_array_index (path, guint, k - 1)).depth = ++depth;
      max_depth = MAX (max_depth, depth);
    }

  /* The rows deepest first: children before their parents */
  at_depth = g_new0 (guint, max_depth + 2);
  for (guint i = 0; i < rows->len; i++)
    at_depth[max_depth - g_array_index (rows, PlanRow, i).depth + 1]++;
  for (int d = 1; d <= max_depth + 1; d++)
    at_depth[d] += at_depth[d - 1];
  order = g_new (guint, rows->len);
  for (guint i = 0; i < rows->len; i++)
    order[at_depth[max_depth - g_array_index (rows, PlanRow, i).depth]++] = i;

  g_date_clear (&start, 1);
  g_date_set_dmy (&start, 1, G_DATE_JANUARY, (GDateYear) CLAMP (plan_year, 1, 9999));
  for (guint i = 0; i < rows->len; i++)
    {
      const PlanRow *row = &g_array_index (rows, PlanRow, order[i]);
      const Rollup *own = row->sums != 0 ? &g_array_index (sums, Rollup, row->sums - 1) : NULL;
      int expected = -1;
      WpItemStatus status;
      int progress;
      WpLight light;

      status = rollup_status (row->status, own);
      progress = rollup_progress (status, row->progress, own);
      if (any_expected)
        expected = GPOINTER_TO_INT (g_hash_table_lookup (judging->expected, &row->id)) - 1;
      light = wp_light_roll_up (wp_light_judge (status, progress,
                                                g_date_valid (&row->due) ? &row->due : NULL,
                                                &start, &self->reference_date, expected,
                                                &judging->rules),
                                own != NULL ? own->worst_light : WP_LIGHT_NONE,
                                row->carried_forward);

      if (row->up != 0)
        rollup_add (&g_array_index (sums, Rollup,
                                    g_array_index (rows, PlanRow, row->up - 1).sums - 1),
                    status, progress, light);
      if (own != NULL)
        cache_figures (self, row->id, status, progress, light);
    }
}

/* Rolls a parent's figures up from its subtree, bottom-up, reading only its
 * descendants: effective status (all children done → done, any started →
 * in progress), effective progress (the mean of the children unless set)
 * and the worst traffic light below it. */
typedef struct {
  WpStore           *self;
  GHashTable        *sums;
  const WpItemData  *data;
} SubtreeRead;

static gboolean
add_subtree_row (const WpRollupRow *row,
                 gpointer           user_data)
{
  SubtreeRead *read = user_data;

  rollup_row (read->self, read->sums, read->data->plan_id, row->id, row->parent_id,
              row->progress, row->status, &row->due, row->carried_forward,
              read->data->plan_year);
  return TRUE;
}

static void
rollup_subtree (WpStore    *self,
                WpItemData *data)
{
  g_autoptr(GHashTable) sums = new_sums ();
  SubtreeRead read = { self, sums, data };

  if (!ROLLUPS (self)->descendants (self, data->id, add_subtree_row, &read, NULL))
    return;

  {
    Rollup *children = g_hash_table_lookup (sums, &data->id);

    data->effective_status = rollup_status (data->status, children);
    data->effective_progress = rollup_progress (data->effective_status, data->progress, children);
    data->light = wp_light_roll_up (own_light (self, data->plan_id, data->id,
                                               data->effective_status,
                                               data->effective_progress, &data->due,
                                               data->plan_year),
                                    children != NULL ? children->worst_light : WP_LIGHT_NONE,
                                    data->carried_forward);
  }

  cache_figures (self, data->id, data->effective_status, data->effective_progress, data->light);
}

typedef struct {
  WpStore           *self;
  const WpItemData  *data;
  Rollup             children;
  GArray            *uncached;  /* children whose figures are not cached */
  gboolean           failed;
} LevelRead;

static gboolean
add_child_row (const WpRollupRow *row,
               gpointer           user_data)
{
  LevelRead *read = user_data;
  /* Only parents have cached figures: a child that has them is one, and
   * only the others are looked up (an area's thousand key tasks took
   * 0.5 ms more when each was). */
  WpRollup *cached = g_hash_table_lookup (read->self->rollups, &row->id);
  int progress;

  if (cached != NULL)
    {
      rollup_add (&read->children, cached->status, cached->progress, cached->light);
      return TRUE;
    }
  switch (ROLLUPS (read->self)->has_children (read->self, read->data->plan_id, row->id, NULL))
    {
    case 1:
      /* a parent whose figures are not cached: read below, if few */
      g_array_append_val (read->uncached, row->id);
      read->failed = read->uncached->len > 8;
      return !read->failed;
    case 0:
      break;
    default:
      read->failed = TRUE;
      return FALSE;
    }
  progress = rollup_progress (row->status, row->progress, NULL);
  rollup_add (&read->children, row->status, progress,
              wp_light_roll_up (own_light (read->self, read->data->plan_id, row->id, row->status,
                                           progress, &row->due, read->data->plan_year),
                                WP_LIGHT_NONE, row->carried_forward));
  return TRUE;
}

/* Rolls a parent up from its direct children when their own figures are
 * cached, which after an edit is all of them but the few on the edited
 * path: a level read instead of a subtree read. Returns FALSE (and does
 * nothing) when too many children would need their subtrees read anyway. */
static gboolean
rollup_from_children (WpStore    *self,
                      WpItemData *data)
{
  g_autoptr(GArray) uncached = g_array_new (FALSE, FALSE, sizeof (gint64));
  LevelRead read = { self, data, { 0 }, uncached, FALSE };

  if (!ROLLUPS (self)->children (self, data->id, add_child_row, &read, NULL) || read.failed)
    return FALSE;

  /* The few children not cached: read them (their subtrees are small). */
  for (guint i = 0; i < uncached->len; i++)
    {
      WpItemData child;

      if (!self->backend->items->get (self, g_array_index (uncached, gint64, i), &child, NULL))
        return FALSE;
      _wp_store_roll_up_item (self, &child);
      rollup_add (&read.children, child.effective_status, child.effective_progress, child.light);
      wp_item_data_clear (&child);
    }

  data->effective_status = rollup_status (data->status, &read.children);
  data->effective_progress = rollup_progress (data->effective_status, data->progress,
                                              &read.children);
  data->light = wp_light_roll_up (own_light (self, data->plan_id, data->id,
                                             data->effective_status,
                                             data->effective_progress, &data->due,
                                             data->plan_year),
                                  read.children.worst_light, data->carried_forward);
  cache_figures (self, data->id, data->effective_status, data->effective_progress, data->light);
  return TRUE;
}

/* Starts reading the rows of the newest plan, which a window shows first
 * (unless it remembers another year), in a thread on a connection of its
 * own to @uri: the first rollup, before the window's first frame, finds
 * them read (see take_prefetched() in queries/wp-rollup-queries.c). */
void
_wp_store_prefetch_rollup (WpStore    *self,
                           const char *uri)
{
  g_autoptr(GPtrArray) plans = g_ptr_array_new_with_free_func (g_object_unref);
  WpPlan *newest = NULL;

  /* (by year: the last) */
  if (self->backend->plans->list (self, plans, NULL) && plans->len > 0)
    newest = g_ptr_array_index (plans, plans->len - 1);
  if (newest != NULL)
    self->rollup_prefetch = ROLLUPS (self)->prefetch (self, uri, wp_plan_get_id (newest));
}

/* Forgets every parent's figures and how plans are judged (the plans'
 * facts, rolled up the same way, go with them in wp_store_forget_rollups()) */
void
_wp_store_clear_rollups (WpStore *self)
{
  g_hash_table_remove_all (self->rollups);
  _wp_store_forget_judging (self);
}

/* Gives @data, an item just read, its figures: its own if it has no
 * children; else from the cache, from its children's cached figures after
 * an edit, or (on the first read of an area) from the whole plan at once. */
void
_wp_store_roll_up_item (WpStore    *self,
                        WpItemData *data)
{
  if (data->n_children > 0)
    {
      WpRollup *cached = g_hash_table_lookup (self->rollups, &data->id);

      /* After an edit, from the children's cached figures; on the first
       * read of an area, the whole plan at once. */
      if (cached == NULL && rollup_from_children (self, data))
        return;
      if (cached == NULL && data->parent_id == 0)
        {
          _wp_store_rollup_plan (self, data->plan_id, data->plan_year);
          cached = g_hash_table_lookup (self->rollups, &data->id);
        }
      if (cached != NULL)
        {
          data->effective_status = cached->status;
          data->effective_progress = cached->progress;
          data->light = cached->light;
        }
      else
        rollup_subtree (self, data);
    }
  else
    {
      data->effective_status = data->status;
      data->effective_progress = rollup_progress (data->status, data->progress, NULL);
      data->light = wp_light_roll_up (own_light (self, data->plan_id, data->id, data->status,
                                                 data->effective_progress,
                                                 &data->due, data->plan_year),
                                      WP_LIGHT_NONE, data->carried_forward);
    }
}

/* Facts of a whole plan (read and cached in wp-store-facts.c) */

/**
 * _wp_store_roll_up_facts:
 * @items: a plan's facts in outline order, @rows beside them
 *
 * Rolls item @index up from its children (which follow it in outline
 * order, each after the subtree of the one before), the way
 * read_item_row() does: its children must be rolled up already. Here, so
 * that the facts judge items as the outline does.
 */
void
_wp_store_roll_up_facts (WpStore          *self,
                         gint64            plan_id,
                         WpItemFacts      *items,
                         const WpFactsRow *rows,
                         guint             index,
                         int               plan_year)
{
  WpItemFacts *f = &items[index];
  Rollup children = { 0 };
  WpLight own;

  for (guint j = index + 1; j < index + rows[index].size; j += rows[j].size)
    {
      const WpItemFacts *c = &items[j];

      children.sum += c->progress;
      children.count++;
      children.n_done += c->status == WP_ITEM_STATUS_DONE;
      children.n_started += c->status == WP_ITEM_STATUS_DONE
                            || c->status == WP_ITEM_STATUS_IN_PROGRESS;
      children.n_suspended += c->status == WP_ITEM_STATUS_SUSPENDED;
      children.worst_light = MAX (children.worst_light, c->light);
      if (c->n_lead + c->n_co == 0)
        children.worst_unowned_light = MAX (children.worst_unowned_light, c->agency_light);
    }

  f->n_children = children.count;
  f->status = rollup_status (rows[index].status, children.count > 0 ? &children : NULL);
  f->progress = rollup_progress (f->status, rows[index].progress,
                                 children.count > 0 ? &children : NULL);
  own = own_light (self, plan_id, f->id, f->status, f->progress, &f->due, plan_year);
  f->expected = wp_store_get_expected_progress (self, plan_id, plan_year, f->id);
  f->light = wp_light_roll_up (own, children.worst_light, f->carried_forward);
  /* Work under it that names no agency is its agencies' to answer for */
  f->agency_light = wp_light_roll_up (own, children.worst_unowned_light, f->carried_forward);
}
