/* wp-stats.c: the figures of a plan on a day, for the progress view and
 * the briefing
 *
 * What is counted is the key task (重点任务), as offices report "部署重点任务
 * 45项，已完成12项"; a plan without key tasks counts its actions. Status,
 * progress and light are the rolled-up ones the outline shows, judged on
 * the store's reference date, so every view and the briefing agree. One
 * agency's figures count the items it is on, at any level, by their own
 * deadlines (see WpPlanStats). The figures in words, the drafted summary
 * among them, are in wp-stats-summary.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "wp-deadline.h"
#include "wp-stats.h"

static void
group_free (WpGroupCounts *group)
{
  g_free (group->name);
  g_free (group);
}

static void
item_behind_free (WpItemBehind *behind)
{
  g_object_unref (behind->item);
  g_free (behind);
}

static void
item_target_free (WpItemTarget *pair)
{
  g_object_unref (pair->item);
  wp_target_free (pair->target);
  g_free (pair);
}

void
wp_plan_stats_free (WpPlanStats *stats)
{
  if (stats == NULL)
    return;
  g_free (stats->agency);
  g_clear_pointer (&stats->areas, g_ptr_array_unref);
  g_clear_pointer (&stats->agencies, g_ptr_array_unref);
  g_clear_pointer (&stats->overdue, g_ptr_array_unref);
  g_clear_pointer (&stats->due_soon, g_ptr_array_unref);
  g_clear_pointer (&stats->behind, g_ptr_array_unref);
  g_clear_pointer (&stats->below, g_hash_table_unref);
  g_clear_pointer (&stats->targets, g_ptr_array_unref);
  g_free (stats);
}

/**
 * wp_item_facts_get_pace:
 *
 * Where an item stands against its own milestone on the reference date,
 * by wp_light_pace(): the one rule of the breakdown, its lists and the
 * filter. Work carried over into next year is judged there, as its light
 * is (see wp_light_roll_up()).
 */
WpPace
wp_item_facts_get_pace (const WpItemFacts *f)
{
  if (f->carried_forward && f->status != WP_ITEM_STATUS_DONE)
    return WP_PACE_NONE;
  return wp_light_pace (f->status, f->progress, f->expected);
}

/**
 * wp_counts_have_milestones:
 *
 * Returns: whether any counted item not done has a milestone due, that is
 *   whether the breakdown against the milestones says anything
 */
gboolean
wp_counts_have_milestones (const WpCounts *counts)
{
  return counts->pace[WP_PACE_AHEAD] + counts->pace[WP_PACE_ON_TRACK]
         + counts->pace[WP_PACE_BEHIND] > 0;
}

/* @light: the light the item is judged by, for this count; @pace: its
 * wp_item_facts_get_pace(), worked out once for every count it is in */
static void
count (WpCounts          *counts,
       const WpItemFacts *f,
       WpLight            light,
       WpPace             pace)
{
  counts->total++;
  counts->pace[pace]++;
  switch (f->status)
    {
    case WP_ITEM_STATUS_DONE:
      counts->done++;
      break;
    case WP_ITEM_STATUS_IN_PROGRESS:
      counts->in_progress++;
      break;
    case WP_ITEM_STATUS_SUSPENDED:
      counts->suspended++;
      break;
    case WP_ITEM_STATUS_NOT_STARTED:
    default:
      counts->not_started++;
      break;
    }
  counts->overdue += light == WP_LIGHT_RED;
  counts->due_soon += light == WP_LIGHT_YELLOW;
  /* Summed here, divided by the total at the end. */
  counts->progress += f->progress;
}

static void
finish (WpCounts *counts)
{
  counts->progress = counts->total > 0 ? counts->progress / counts->total : 0;
}

static int
compare_agencies (gconstpointer a,
                  gconstpointer b)
{
  const WpGroupCounts *x = *(WpGroupCounts * const *) a;
  const WpGroupCounts *y = *(WpGroupCounts * const *) b;

  if (x->counts.total != y->counts.total)
    return x->counts.total > y->counts.total ? -1 : 1;
  return g_strcmp0 (x->name, y->name);
}

/* A deadline from the facts, NULL for none */
static const GDate *
facts_due (const WpItemFacts *f)
{
  return g_date_valid (&f->due) ? &f->due : NULL;
}

static int
compare_due (gconstpointer a,
             gconstpointer b)
{
  const GDate *x = facts_due (*(const WpItemFacts * const *) a);
  const GDate *y = facts_due (*(const WpItemFacts * const *) b);

  if (x == NULL || y == NULL)
    return (x == NULL) - (y == NULL);
  return g_date_compare (x, y);
}

/* The furthest behind its milestone first */
static int
compare_behind (gconstpointer a,
                gconstpointer b)
{
  const WpItemBehind *x = *(WpItemBehind * const *) a;
  const WpItemBehind *y = *(WpItemBehind * const *) b;
  int gap_x = x->expected - x->progress, gap_y = y->expected - y->progress;

  return (gap_x < gap_y) - (gap_x > gap_y);
}

/* The earliest deadline of a listed item or of the work under it, in
 * @below (id → GPtrArray of facts) */
static const GDate *
listed_due (GHashTable        *below,
            const WpItemFacts *f)
{
  GPtrArray *work = g_hash_table_lookup (below, &f->id);
  const GDate *due = facts_due (f);

  for (guint i = 0; work != NULL && i < work->len; i++)
    {
      const GDate *d = facts_due (g_ptr_array_index (work, i));

      if (d != NULL && (due == NULL || g_date_compare (d, due) < 0))
        due = d;
    }
  return due;
}

/* A listed item with its sort key, read once rather than at every
 * comparison (the work under an item can be long) */
typedef struct {
  const WpItemFacts *facts;
  guint32            due;    /* its listed_due() as a Julian day, 0 for none */
  guint              order;  /* in outline order */
} ListedKey;

static int
compare_listed_keys (gconstpointer a,
                     gconstpointer b)
{
  const ListedKey *x = a, *y = b;

  /* (no deadline last; equal deadlines in outline order) */
  if ((x->due == 0) != (y->due == 0))
    return x->due == 0 ? 1 : -1;
  if (x->due != y->due)
    return x->due < y->due ? -1 : 1;
  return (x->order > y->order) - (x->order < y->order);
}

/* Sorts @listed (facts) by the earliest deadline of each item or of the
 * work under it, in @below */
static void
sort_listed (GPtrArray  *listed,
             GHashTable *below)
{
  g_autoptr(GArray) keys = g_array_sized_new (FALSE, FALSE, sizeof (ListedKey), listed->len);

  for (guint i = 0; i < listed->len; i++)
    {
      const WpItemFacts *f = g_ptr_array_index (listed, i);
      const GDate *due = listed_due (below, f);
      ListedKey key = { f, due != NULL ? g_date_get_julian (due) : 0, i };

      g_array_append_val (keys, key);
    }
  g_array_sort (keys, compare_listed_keys);
  for (guint i = 0; i < keys->len; i++)
    g_ptr_array_index (listed, i) = (gpointer) g_array_index (keys, ListedKey, i).facts;
}

/* Item objects for the first @max of @listed (facts), each with the work
 * under it (from @below, put in order here, earliest deadline first) in
 * @stats->below: what is shown is all that is read. */
static gboolean
read_listed (WpStore      *store,
             WpPlanStats  *stats,
             GPtrArray    *listed,
             GHashTable   *below,
             guint         max,
             GPtrArray    *out,
             GError      **error)
{
  for (guint i = 0; i < MIN (listed->len, max); i++)
    {
      const WpItemFacts *f = g_ptr_array_index (listed, i);
      GPtrArray *work = g_hash_table_lookup (below, &f->id);
      WpItem *item = wp_store_get_item (store, f->id, error);

      if (item == NULL)
        return FALSE;
      g_ptr_array_add (out, item);
      if (work == NULL)
        continue;
      /* (only the work under the items read is put in order: on a big
       * plan, hundreds of late key tasks have dozens of actions each) */
      g_ptr_array_sort (work, compare_due);
      {
        GPtrArray *items = g_ptr_array_new_full (work->len, g_object_unref);

        g_hash_table_insert (stats->below, g_memdup2 (&f->id, sizeof f->id), items);
        for (guint k = 0; k < work->len; k++)
          {
            WpItem *under = wp_store_get_item (store, ((const WpItemFacts *)
                                                       g_ptr_array_index (work, k))->id, error);

            if (under == NULL)
              return FALSE;
            g_ptr_array_add (items, under);
          }
      }
    }
  return TRUE;
}

/* Whether the stats count @f: one of the plan's units, or an item the
 * agency (@agency_id) is on */
static gboolean
is_counted (const WpPlanStats *stats,
            const WpItemFacts *f,
            gint64             agency_id)
{
  if (agency_id != 0)
    return wp_item_facts_involves (f, agency_id);
  return f->kind == stats->unit;
}

/* The light a counted item is judged by */
static WpLight
counted_light (const WpItemFacts *f,
               gint64             agency_id)
{
  return agency_id != 0 ? f->agency_light : f->light;
}

/* The counted item a piece of work (an item without sub-items) makes red
 * or yellow: for the plan, the unit above it; for an agency, the nearest
 * item above it (or itself) that names any agency, if the agency is on it.
 * Returns: (nullable): its facts */
static const WpItemFacts *
answering_item (const WpPlanStats *stats,
                const WpPlanFacts *facts,
                const WpItemFacts *f,
                gint64             agency_id)
{
  const WpItemFacts *up = f;

  while (up != NULL)
    {
      if (agency_id != 0 && up->n_lead + up->n_co > 0)
        return wp_item_facts_involves (up, agency_id) ? up : NULL;
      if (agency_id == 0 && up->kind == stats->unit)
        return up;
      up = up->parent_id != 0 ? wp_plan_facts_lookup (facts, up->parent_id) : NULL;
    }
  return NULL;
}

/* The agencies of the directory by id, for counting a plan's links
 * without a hash lookup each (ids are never reused: the array is as long
 * as the directory has ever been) */
typedef struct {
  gint64          max_id;
  const char    **names;   /* by id, NULL for none */
  WpGroupCounts **groups;  /* by id, made when first counted */
} AgencySlots;

static void
agency_slots_init (AgencySlots *slots,
                   GPtrArray   *agencies)
{
  slots->max_id = 0;
  for (guint i = 0; i < agencies->len; i++)
    slots->max_id = MAX (slots->max_id, wp_agency_get_id (g_ptr_array_index (agencies, i)));
  slots->names = g_new0 (const char *, slots->max_id + 1);
  slots->groups = g_new0 (WpGroupCounts *, slots->max_id + 1);
  for (guint i = 0; i < agencies->len; i++)
    {
      WpAgency *a = g_ptr_array_index (agencies, i);

      slots->names[wp_agency_get_id (a)] = wp_agency_get_name (a);
    }
}

static void
agency_slots_clear (AgencySlots *slots)
{
  g_clear_pointer (&slots->names, g_free);
  g_clear_pointer (&slots->groups, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (AgencySlots, agency_slots_clear)

/* Adds @f to the group of each agency leading it, once each */
static void
count_leads (WpPlanStats       *stats,
             AgencySlots       *slots,
             const WpItemFacts *f,
             WpPace             pace)
{
  for (guint k = 0; k < f->n_lead; k++)
    {
      gint64 id = f->lead[k];
      WpGroupCounts *group;
      gboolean again = FALSE;

      for (guint j = 0; j < k; j++)
        again |= f->lead[j] == id;
      if (again || id <= 0 || id > slots->max_id)
        continue;
      group = slots->groups[id];
      if (group == NULL)
        {
          group = slots->groups[id] = g_new0 (WpGroupCounts, 1);
          group->name = g_strdup (slots->names[id]);
          group->id = id;
          g_ptr_array_add (stats->agencies, group);
        }
      /* An agency answers for its own lateness, at whatever level */
      count (&group->counts, f, f->agency_light, pace);
    }
}

/* The day each item was finished: its own, or that of the last thing
 * finished under it (a key task is done when its last action is) */
static GHashTable *
finished_days (const WpPlanFacts *facts)
{
  GHashTable *days = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL, g_free);

  /* Outline order puts children after their parent: backwards, they come first */
  for (guint i = facts->items->len; i > 0; i--)
    {
      const WpItemFacts *f = &g_array_index (facts->items, WpItemFacts, i - 1);
      GDate *day = g_hash_table_lookup (days, &f->id);
      GDate *up;

      if (g_date_valid (&f->done_date) && (day == NULL || g_date_compare (&f->done_date, day) > 0))
        {
          if (day == NULL)
            {
              day = g_new (GDate, 1);
              g_hash_table_insert (days, (gpointer) &f->id, day);
            }
          *day = f->done_date;
        }
      if (day == NULL || f->parent_id == 0)
        continue;
      up = g_hash_table_lookup (days, &f->parent_id);
      if (up == NULL)
        {
          const WpItemFacts *parent = wp_plan_facts_lookup (facts, f->parent_id);

          if (parent == NULL)
            continue;
          up = g_new (GDate, 1);
          *up = *day;
          g_hash_table_insert (days, (gpointer) &parent->id, up);
        }
      else if (g_date_compare (day, up) > 0)
        *up = *day;
    }
  return days;
}

/**
 * wp_plan_stats_compute:
 * @agency: (nullable): count only items this agency leads or supports
 *
 * Returns: (transfer full): the plan's figures on the store's reference
 *   date, counted as WpPlanStats says, every overdue and at-risk item
 *   listed
 */
WpPlanStats *
wp_plan_stats_compute (WpStore     *store,
                       gint64       plan_id,
                       const char  *agency,
                       GError     **error)
{
  return wp_plan_stats_compute_listing (store, plan_id, agency, G_MAXUINT, error);
}

/**
 * wp_plan_stats_compute_listing:
 * @max_listed: how many overdue and at-risk items to list (and read)
 *
 * As wp_plan_stats_compute(), for a view that lists only the first
 * @max_listed of each: the counts (counts.overdue, counts.due_soon) are
 * still those of all, and only the items listed are read.
 *
 * Returns: (transfer full): the plan's figures
 */
WpPlanStats *
wp_plan_stats_compute_listing (WpStore     *store,
                               gint64       plan_id,
                               const char  *agency,
                               guint        max_listed,
                               GError     **error)
{
  g_autoptr(WpPlanStats) stats = g_new0 (WpPlanStats, 1);
  g_autoptr(WpPlanFacts) facts = NULL;
  g_autoptr(GPtrArray) agencies = NULL;
  g_autoptr(GPtrArray) top = NULL;
  g_autoptr(GHashTable) area_index = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_auto(AgencySlots) slots = { 0 };
  g_autoptr(GHashTable) listed = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GPtrArray) overdue = g_ptr_array_new ();   /* facts, till sorted */
  g_autoptr(GPtrArray) due_soon = g_ptr_array_new ();
  g_autoptr(GHashTable) below = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL,
                                                       (GDestroyNotify) g_ptr_array_unref);
  g_autoptr(GHashTable) targets_by_item = NULL;
  g_autoptr(GHashTable) finished = NULL;
  g_autoptr(GPtrArray) targets = NULL;
  gint64 agency_id = 0;
  gboolean has_tasks = FALSE;

  g_return_val_if_fail (WP_IS_STORE (store), NULL);

  /* The whole plan in two queries; item objects only for what is listed. */
  facts = wp_store_list_plan_facts (store, plan_id, error);
  if (facts == NULL)
    return NULL;
  agencies = wp_store_list_agencies (store, error);
  if (agencies == NULL)
    return NULL;
  agency_slots_init (&slots, agencies);
  top = wp_store_list_children (store, plan_id, 0, error);
  if (top == NULL)
    return NULL;

  stats->plan_id = plan_id;
  stats->year = facts->year;
  stats->as_of = *wp_store_get_reference_date (store);
  stats->agency = g_strdup (agency);
  stats->areas = g_ptr_array_new_with_free_func ((GDestroyNotify) group_free);
  stats->agencies = g_ptr_array_new_with_free_func ((GDestroyNotify) group_free);
  stats->overdue = g_ptr_array_new_with_free_func (g_object_unref);
  stats->due_soon = g_ptr_array_new_with_free_func (g_object_unref);
  stats->behind = g_ptr_array_new_with_free_func ((GDestroyNotify) item_behind_free);
  stats->below = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                        (GDestroyNotify) g_ptr_array_unref);
  stats->targets = g_ptr_array_new_with_free_func ((GDestroyNotify) item_target_free);

  for (guint i = 0; agency != NULL && i < agencies->len; i++)
    if (g_strcmp0 (wp_agency_get_name (g_ptr_array_index (agencies, i)), agency) == 0)
      agency_id = wp_agency_get_id (g_ptr_array_index (agencies, i));
  /* An agency no item names: nothing is counted */
  if (agency != NULL && agency_id == 0)
    agency_id = -1;

  for (guint i = 0; i < top->len; i++)
    {
      WpGroupCounts *group = g_new0 (WpGroupCounts, 1);

      group->name = g_strdup (wp_item_get_title (g_ptr_array_index (top, i)));
      group->id = wp_item_get_id (g_ptr_array_index (top, i));
      g_ptr_array_add (stats->areas, group);
      g_hash_table_insert (area_index, &group->id, group);
    }

  /* Targets by item, to list them in outline order below */
  targets = wp_store_list_plan_targets (store, plan_id, error);
  if (targets == NULL)
    return NULL;
  targets_by_item = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL,
                                           (GDestroyNotify) g_ptr_array_unref);
  for (guint i = 0; i < targets->len; i++)
    {
      WpTarget *t = g_ptr_array_index (targets, i);
      GPtrArray *list = g_hash_table_lookup (targets_by_item, &t->item_id);

      if (list == NULL)
        {
          list = g_ptr_array_new ();
          g_hash_table_insert (targets_by_item, &t->item_id, list);
        }
      g_ptr_array_add (list, t);
    }

  for (guint i = 0; i < facts->items->len; i++)
    has_tasks |= g_array_index (facts->items, WpItemFacts, i).kind == WP_ITEM_KIND_TASK;
  stats->unit = has_tasks ? WP_ITEM_KIND_TASK : WP_ITEM_KIND_ACTION;
  /* (for one agency's month chart only) */
  if (agency_id != 0)
    finished = finished_days (facts);

  for (guint i = 0; i < facts->items->len; i++)
    {
      const WpItemFacts *f = &g_array_index (facts->items, WpItemFacts, i);
      WpLight light = counted_light (f, agency_id);
      WpPace pace;
      GPtrArray *list;

      if (agency_id != 0 && !wp_item_facts_involves (f, agency_id))
        continue;
      pace = wp_item_facts_get_pace (f);

      list = g_hash_table_lookup (targets_by_item, &f->id);
      if (list != NULL)
        {
          g_autoptr(WpItem) item = wp_store_get_item (store, f->id, error);

          if (item == NULL)
            return NULL;
          for (guint k = 0; k < list->len; k++)
            {
              WpItemTarget *pair = g_new0 (WpItemTarget, 1);

              pair->item = g_object_ref (item);
              pair->target = wp_target_copy (g_ptr_array_index (list, k));
              g_ptr_array_add (stats->targets, pair);
            }
        }

      /* Leads at any level: actions led by an agency under key tasks led
       * by another are still the first one's */
      count_leads (stats, &slots, f, pace);

      if (!is_counted (stats, f, agency_id))
        continue;
      {
        WpGroupCounts *area = g_hash_table_lookup (area_index, &f->area_id);
        const GDate *day = finished != NULL ? g_hash_table_lookup (finished, &f->id) : NULL;
        gboolean leads = FALSE;

        count (&stats->counts, f, light, pace);
        if (area != NULL)
          count (&area->counts, f, light, pace);
        for (guint k = 0; k < f->n_lead; k++)
          leads |= f->lead[k] == agency_id;
        if (agency_id > 0 && f->kind <= WP_ITEM_KIND_ACTION)
          (leads ? stats->n_lead : stats->n_co)[f->kind]++;

        if (light == WP_LIGHT_RED || light == WP_LIGHT_YELLOW)
          {
            g_ptr_array_add (light == WP_LIGHT_RED ? overdue : due_soon, (gpointer) f);
            g_hash_table_add (listed, (gpointer) &f->id);
          }
        if (pace == WP_PACE_BEHIND)
          {
            WpItemBehind *behind = g_new0 (WpItemBehind, 1);

            behind->item = wp_store_get_item (store, f->id, error);
            if (behind->item == NULL)
              {
                g_free (behind);
                return NULL;
              }
            behind->expected = f->expected;
            behind->progress = f->progress;
            g_ptr_array_add (stats->behind, behind);
          }
        if (agency_id != 0 && f->status == WP_ITEM_STATUS_DONE && day != NULL
            && g_date_get_year (day) == (GDateYear) stats->year)
          stats->done_by_month[g_date_get_month (day) - 1]++;
      }
    }

  /* For the plan, the month chart counts the work itself, the actions: a
   * key task is finished only with its last action, too seldom to show */
  for (guint i = 0; agency_id == 0 && i < facts->items->len; i++)
    {
      const WpItemFacts *f = &g_array_index (facts->items, WpItemFacts, i);

      if (f->n_children == 0 && f->status == WP_ITEM_STATUS_DONE && g_date_valid (&f->done_date)
          && g_date_get_year (&f->done_date) == (GDateYear) stats->year)
        stats->done_by_month[g_date_get_month (&f->done_date) - 1]++;
    }

  /* The work that makes each listed item red or yellow, named under it */
  for (guint i = 0; i < facts->items->len; i++)
    {
      const WpItemFacts *f = &g_array_index (facts->items, WpItemFacts, i);
      const WpItemFacts *up;
      GPtrArray *work;

      if (f->n_children > 0 || (f->light != WP_LIGHT_RED && f->light != WP_LIGHT_YELLOW))
        continue;
      up = answering_item (stats, facts, f, agency_id);
      if (up == NULL || up == f || !g_hash_table_contains (listed, &up->id)
          || counted_light (up, agency_id) != f->light)
        continue;
      work = g_hash_table_lookup (below, &up->id);
      if (work == NULL)
        {
          work = g_ptr_array_new ();
          g_hash_table_insert (below, (gpointer) &up->id, work);
        }
      g_ptr_array_add (work, (gpointer) f);
    }

  finish (&stats->counts);
  for (guint i = 0; i < stats->areas->len; i++)
    finish (&((WpGroupCounts *) g_ptr_array_index (stats->areas, i))->counts);
  for (guint i = 0; i < stats->agencies->len; i++)
    finish (&((WpGroupCounts *) g_ptr_array_index (stats->agencies, i))->counts);
  /* For one agency, the areas it has no work in are left out */
  for (guint i = stats->areas->len; agency != NULL && i > 0; i--)
    if (((WpGroupCounts *) g_ptr_array_index (stats->areas, i - 1))->counts.total == 0)
      g_ptr_array_remove_index (stats->areas, i - 1);
  g_ptr_array_sort (stats->agencies, compare_agencies);
  sort_listed (overdue, below);
  sort_listed (due_soon, below);
  /* (a stable sort: equal gaps stay in outline order) */
  g_ptr_array_sort (stats->behind, compare_behind);
  if (!read_listed (store, stats, overdue, below, max_listed, stats->overdue, error)
      || !read_listed (store, stats, due_soon, below, max_listed, stats->due_soon, error))
    return NULL;

  return g_steal_pointer (&stats);
}

/**
 * wp_plan_stats_get_below:
 *
 * Returns: (nullable) (transfer none) (element-type WpItem): the work under
 *   a listed @item that makes it red or yellow, earliest deadline first
 */
GPtrArray *
wp_plan_stats_get_below (WpPlanStats *stats,
                         WpItem      *item)
{
  gint64 id = wp_item_get_id (item);
  return g_hash_table_lookup (stats->below, &id);
}

/**
 * wp_plan_stats_describe_unit:
 *
 * Returns: what the figures count, as the view and the briefing state it
 */
const char *
wp_plan_stats_describe_unit (WpPlanStats *stats)
{
  if (stats->agency != NULL)
    return _("Counted on the items the agency leads or supports, at any level, each once, "
             "by their own deadlines");
  if (stats->unit == WP_ITEM_KIND_TASK)
    return _("Counted by key task: a key task is overdue or at risk when anything under it "
             "is; lead agencies by the items they lead at any level");
  return _("Counted by action; lead agencies by the items they lead at any level");
}
