/* wp-stats.c: the figures of a plan on a day, for the progress view and
 * the briefing
 *
 * What is counted is the key task (重点任务), as offices report "部署重点任务
 * 45项，已完成12项"; a plan without key tasks counts its actions. Status,
 * progress and light are the rolled-up ones the outline shows, judged on
 * the store's reference date, so every view and the briefing agree. One
 * agency's figures count the items it is on, at any level, by their own
 * deadlines (see WpPlanStats).
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

/* @light: the light the item is judged by, for this count */
static void
count (WpCounts          *counts,
       const WpItemFacts *f,
       WpLight            light)
{
  counts->total++;
  counts->pace[wp_item_facts_get_pace (f)]++;
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

static int
compare_listed (gconstpointer a,
                gconstpointer b,
                gpointer      below)
{
  const GDate *x = listed_due (below, *(const WpItemFacts * const *) a);
  const GDate *y = listed_due (below, *(const WpItemFacts * const *) b);

  if (x == NULL || y == NULL)
    return (x == NULL) - (y == NULL);
  return g_date_compare (x, y);
}

/* Item objects for the first @max of @listed (facts), each with the work
 * under it (from @below) in @stats->below: what is shown is all that is
 * read. */
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

/* Adds @f to the group of each agency leading it, once each */
static void
count_leads (WpPlanStats       *stats,
             GHashTable        *by_agency,
             GHashTable        *names,
             const WpItemFacts *f)
{
  for (guint k = 0; k < f->n_lead; k++)
    {
      WpGroupCounts *group = g_hash_table_lookup (by_agency, &f->lead[k]);
      gboolean again = FALSE;

      for (guint j = 0; j < k; j++)
        again |= f->lead[j] == f->lead[k];
      if (again)
        continue;
      if (group == NULL)
        {
          group = g_new0 (WpGroupCounts, 1);
          group->name = g_strdup (g_hash_table_lookup (names, &f->lead[k]));
          group->id = f->lead[k];
          g_ptr_array_add (stats->agencies, group);
          g_hash_table_insert (by_agency, &group->id, group);
        }
      /* An agency answers for its own lateness, at whatever level */
      count (&group->counts, f, f->agency_light);
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
  g_autoptr(GHashTable) names = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autoptr(GHashTable) area_index = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GHashTable) by_agency = g_hash_table_new (g_int64_hash, g_int64_equal);
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

  for (guint i = 0; i < agencies->len; i++)
    {
      WpAgency *a = g_ptr_array_index (agencies, i);
      gint64 *id = g_new (gint64, 1);

      *id = wp_agency_get_id (a);
      g_hash_table_insert (names, id, (gpointer) wp_agency_get_name (a));
      if (agency != NULL && g_strcmp0 (wp_agency_get_name (a), agency) == 0)
        agency_id = *id;
    }
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
  finished = finished_days (facts);

  for (guint i = 0; i < facts->items->len; i++)
    {
      const WpItemFacts *f = &g_array_index (facts->items, WpItemFacts, i);
      WpLight light = counted_light (f, agency_id);
      GPtrArray *list;

      if (agency_id != 0 && !wp_item_facts_involves (f, agency_id))
        continue;

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
      count_leads (stats, by_agency, names, f);

      if (!is_counted (stats, f, agency_id))
        continue;
      {
        WpGroupCounts *area = g_hash_table_lookup (area_index, &f->area_id);
        const GDate *day = g_hash_table_lookup (finished, &f->id);
        gboolean leads = FALSE;

        count (&stats->counts, f, light);
        if (area != NULL)
          count (&area->counts, f, light);
        for (guint k = 0; k < f->n_lead; k++)
          leads |= f->lead[k] == agency_id;
        if (agency_id > 0 && f->kind <= WP_ITEM_KIND_ACTION)
          (leads ? stats->n_lead : stats->n_co)[f->kind]++;

        if (light == WP_LIGHT_RED || light == WP_LIGHT_YELLOW)
          {
            g_ptr_array_add (light == WP_LIGHT_RED ? overdue : due_soon, (gpointer) f);
            g_hash_table_add (listed, (gpointer) &f->id);
          }
        if (wp_item_facts_get_pace (f) == WP_PACE_BEHIND)
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
  {
    GHashTableIter iter;
    gpointer work;

    g_hash_table_iter_init (&iter, below);
    while (g_hash_table_iter_next (&iter, NULL, &work))
      g_ptr_array_sort (work, compare_due);
  }
  g_ptr_array_sort_with_data (overdue, compare_listed, below);
  g_ptr_array_sort_with_data (due_soon, compare_listed, below);
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

/* Overdue items the drafted summary names one by one */
#define SUMMARY_MAX_OVERDUE 20

static char *
percent (guint part,
         guint whole)
{
  /* Translators: a share with one decimal, e.g. 26.7% */
  return g_strdup_printf (_("%.1f%%"), whole > 0 ? 100.0 * part / whole : 0.0);
}

static void
append_item_line (GString *out,
                  WpItem  *item)
{
  g_autofree char *leads = g_strjoinv ("、", (char **) wp_item_get_lead_agencies (item));
  const char *label = wp_item_get_due_label (item);
  g_autofree char *date = wp_date_format_display (wp_item_get_due (item));

  if (label[0] == '\0')
    label = date;
  if (leads[0] != '\0')
    /* Translators: an overdue item in the briefing: its title, lead agency
     * and deadline */
    g_string_append_printf (out, _("%s (led by %s, due %s)"), wp_item_get_title (item), leads,
                            label);
  else
    /* Translators: an overdue item without a lead agency: title and deadline */
    g_string_append_printf (out, _("%s (due %s)"), wp_item_get_title (item), label);
}

/* A listed item, with the work under it that makes it late when there is
 * some: "key task — action (led by …, due …), action (…)" */
static void
append_listed_item (GString     *out,
                    WpPlanStats *stats,
                    WpItem      *item)
{
  GPtrArray *below = wp_plan_stats_get_below (stats, item);
  g_autoptr(GString) work = NULL;

  if (below == NULL || below->len == 0)
    {
      append_item_line (out, item);
      return;
    }
  work = g_string_new (NULL);
  for (guint i = 0; i < below->len; i++)
    {
      if (i > 0)
        /* Translators: separates the late actions under one key task */
        g_string_append (work, _(", "));
      append_item_line (work, g_ptr_array_index (below, i));
    }
  /* Translators: in the briefing, a late key task and then the late
   * actions under it that make it so */
  g_string_append_printf (out, _("%s — %s"), wp_item_get_title (item), work->str);
}

/* How many items of each level, e.g. "2 key tasks and 9 actions", for
 * the counts in @n (by kind) */
static char *
levels_phrase (const guint *n)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);

  if (n[WP_ITEM_KIND_AREA] > 0)
    /* Translators: how many items of a level an agency is on, e.g. "工作领域1项" */
    g_ptr_array_add (parts, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u area", "%u areas",
                                                          n[WP_ITEM_KIND_AREA]),
                                             n[WP_ITEM_KIND_AREA]));
  if (n[WP_ITEM_KIND_TASK] > 0)
    /* Translators: e.g. "重点任务3项" */
    g_ptr_array_add (parts, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u key task",
                                                          "%u key tasks", n[WP_ITEM_KIND_TASK]),
                                             n[WP_ITEM_KIND_TASK]));
  if (n[WP_ITEM_KIND_ACTION] > 0)
    /* Translators: e.g. "具体措施6项" */
    g_ptr_array_add (parts, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u action",
                                                          "%u actions", n[WP_ITEM_KIND_ACTION]),
                                             n[WP_ITEM_KIND_ACTION]));
  if (parts->len == 0)
    return NULL;
  g_ptr_array_add (parts, NULL);
  /* Translators: joins the levels, e.g. the "、" in "重点任务3项、具体措施6项" */
  return g_strjoinv (_(" and "), (char **) parts->pdata);
}

/* What one agency is on, by role and level: "leads 9 actions, supports 4
 * key tasks and 7 actions" */
static char *
agency_share (WpPlanStats *stats)
{
  g_autofree char *led = levels_phrase (stats->n_lead);
  g_autofree char *supported = levels_phrase (stats->n_co);
  g_autofree char *lead_part = NULL;
  g_autofree char *co_part = NULL;

  if (led != NULL)
    /* Translators: e.g. "牵头具体措施2项" */
    lead_part = g_strdup_printf (_("leads %s"), led);
  if (supported != NULL)
    /* Translators: e.g. "配合重点任务3项、具体措施6项" */
    co_part = g_strdup_printf (_("supports %s"), supported);
  if (lead_part != NULL && co_part != NULL)
    /* Translators: what an agency leads, then what it supports */
    return g_strdup_printf (C_("leads and supports", "%s, %s"), lead_part, co_part);
  return g_strdup (lead_part != NULL ? lead_part : co_part != NULL ? co_part : "");
}

/* The briefing's figures by state, each a phrase with its own plural:
 * done (with @share), in progress, not started, suspended, overdue and
 * needing attention */
static GStrv
state_phrases (const WpCounts *c,
               const char     *share)
{
  GStrv n = g_new0 (char *, 7);

  /* Translators: in the briefing, e.g. "已完成2项（20.0%）"; the %s is the share */
  n[0] = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u done (%s)", "%u done (%s)",
                                       c->done), c->done, share);
  /* Translators: in the briefing, e.g. "推进中3项" */
  n[1] = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u in progress", "%u in progress",
                                       c->in_progress), c->in_progress);
  /* Translators: in the briefing, e.g. "未开始1项" */
  n[2] = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u not started", "%u not started",
                                       c->not_started), c->not_started);
  /* Translators: in the briefing, e.g. "暂缓0项" */
  n[3] = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u suspended", "%u suspended",
                                       c->suspended), c->suspended);
  /* Translators: in the briefing, e.g. "逾期4项" */
  n[4] = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u is overdue", "%u are overdue",
                                       c->overdue), c->overdue);
  /* Translators: in the briefing, e.g. "需关注3项" */
  n[5] = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u needs attention",
                                       "%u need attention", c->due_soon), c->due_soon);
  return n;
}

/* An item behind its milestone: "title (led by …, expected 50%, actual 30%)" */
static void
append_behind_line (GString            *out,
                    const WpItemBehind *behind)
{
  g_autofree char *leads = g_strjoinv ("、", (char **) wp_item_get_lead_agencies (behind->item));

  if (leads[0] != '\0')
    /* Translators: an item behind its milestone in the briefing: its title, lead
     * agency, the progress its milestone expects and its own, e.g.
     * "任务乙（乙单位牵头，应达50%，实际30%）" */
    g_string_append_printf (out, _("%s (led by %s, expected %d%%, actual %d%%)"),
                            wp_item_get_title (behind->item), leads, behind->expected,
                            behind->progress);
  else
    /* Translators: an item behind its milestone without a lead agency */
    g_string_append_printf (out, _("%s (expected %d%%, actual %d%%)"),
                            wp_item_get_title (behind->item), behind->expected,
                            behind->progress);
}

/**
 * wp_counts_describe_pace:
 *
 * Returns: (transfer full): where the counted items stand against their
 *   milestones, in words: "1 ahead, 2 on track, 1 behind and 4 done; 3
 *   have no milestone due yet"
 */
char *
wp_counts_describe_pace (const WpCounts *counts)
{
  const guint *n = counts->pace;
  g_autofree char *ahead = NULL;
  g_autofree char *on_track = NULL;
  g_autofree char *behind = NULL;
  g_autofree char *done = NULL;
  g_autofree char *none = NULL;

  /* Translators: in the milestone breakdown, e.g. "超进度2项" */
  ahead = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u ahead", "%u ahead",
                                        n[WP_PACE_AHEAD]), n[WP_PACE_AHEAD]);
  /* Translators: e.g. "达进度3项" */
  on_track = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u on track", "%u on track",
                                           n[WP_PACE_ON_TRACK]), n[WP_PACE_ON_TRACK]);
  /* Translators: e.g. "欠进度1项" */
  behind = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u behind", "%u behind",
                                         n[WP_PACE_BEHIND]), n[WP_PACE_BEHIND]);
  /* Translators: e.g. "已完成4项" */
  done = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u done", "%u done",
                                       n[WP_PACE_DONE]), n[WP_PACE_DONE]);
  /* Translators: e.g. "5项暂无到期节点" */
  none = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u has no milestone due yet",
                                       "%u have no milestone due yet", n[WP_PACE_NONE]),
                          n[WP_PACE_NONE]);
  /* Translators: the breakdown against the quarterly milestones (形象进度):
   * ahead, on track, behind, done, and those with none due yet */
  return g_strdup_printf (_("%s, %s, %s and %s; %s"), ahead, on_track, behind, done, none);
}

/* The paragraph of the breakdown against the milestones (形象进度) and the
 * items behind theirs, as a mid-year review states them */
static void
append_pace (GString     *out,
             WpPlanStats *stats)
{
  g_autofree char *breakdown = wp_counts_describe_pace (&stats->counts);

  g_string_append (out, "\n\n");
  /* Translators: opens the briefing's paragraph on the quarterly milestones */
  g_string_append_printf (out, _("Against the milestones: %s."), breakdown);
  if (stats->behind->len == 0)
    return;

  /* Translators: starts the list of the items behind their milestone */
  g_string_append (out, _(" Behind their milestone: "));
  for (guint i = 0; i < MIN (stats->behind->len, SUMMARY_MAX_OVERDUE); i++)
    {
      if (i > 0)
        g_string_append (out, _("; "));
      append_behind_line (out, g_ptr_array_index (stats->behind, i));
    }
  if (stats->behind->len > SUMMARY_MAX_OVERDUE)
    {
      guint rest = stats->behind->len - SUMMARY_MAX_OVERDUE;

      /* Translators: after the first items behind their milestone of a long list */
      g_string_append_printf (out, g_dngettext (GETTEXT_PACKAGE,
                                                "; and %u more item behind its milestone",
                                                "; and %u more items behind their milestones",
                                                rest), rest);
    }
  g_string_append (out, _("."));
}

/**
 * wp_plan_stats_compose_summary:
 * @plan_title: the plan's title, as the summary names it
 *
 * Drafts the progress summary (工作进展情况通报) staff write by hand today:
 * one paragraph of totals, one per area, the overdue items with their
 * lead agencies, and, once milestones are due, how the items stand against
 * them with those behind named, in the language of the user interface. The numbers are
 * those of @stats, so they match the tables. For one agency it says what
 * the agency leads and supports, at the level the items are.
 *
 * Returns: (transfer full): the text, paragraphs separated by blank lines
 */
char *
wp_plan_stats_compose_summary (WpPlanStats *stats,
                               const char  *plan_title)
{
  GString *out = g_string_new (NULL);
  g_autofree char *as_of = wp_date_format_display (&stats->as_of);
  g_autofree char *share = percent (stats->counts.done, stats->counts.total);
  const WpCounts *c = &stats->counts;
  gboolean tasks = stats->unit == WP_ITEM_KIND_TASK;
  gboolean one = stats->agency != NULL;

  if (c->total == 0)
    {
      if (one)
        /* Translators: an agency's briefing when it is on no item */
        g_string_append_printf (out, _("As of %s, %s leads or supports no item of “%s”."),
                                as_of, stats->agency, plan_title);
      else
        g_string_append_printf (out, tasks ? _("As of %s, “%s” has no key tasks yet.")
                                           : _("As of %s, “%s” has no actions yet."),
                                as_of, plan_title);
      return g_string_free (out, FALSE);
    }

  if (one)
    {
      g_autofree char *on = agency_share (stats);
      g_auto(GStrv) n = state_phrases (c, share);

      g_string_append_printf (out,
                              /* Translators: an agency's briefing's opening sentence:
                               * the date, the agency, the plan, what it leads and
                               * supports, then the figures of those items, each
                               * counted by its own phrase */
                              _("As of %s, %s in “%s” %s: %s, %s, %s and %s; by their own "
                                "deadlines %s and %s."),
                              as_of, stats->agency, plan_title, on, n[0], n[1], n[2], n[3],
                              n[4], n[5]);
    }
  else
    {
      g_auto(GStrv) n = state_phrases (c, share);
      g_autofree char *has = NULL;

      if (tasks)
        /* Translators: opens the briefing: the plan and how many key tasks it has */
        has = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "“%s” has %u key task",
                                            "“%s” has %u key tasks", c->total),
                               plan_title, c->total);
      else
        /* Translators: opens the briefing: the plan and how many actions it has */
        has = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "“%s” has %u action",
                                            "“%s” has %u actions", c->total),
                               plan_title, c->total);
      g_string_append_printf (out,
                              /* Translators: the briefing's opening sentence: the date,
                               * what the plan has, then its figures, each counted by its
                               * own phrase. Keep the order or use %1$s-style positions. */
                              _("As of %s, %s: %s, %s, %s and %s; %s and %s."),
                              as_of, has, n[0], n[1], n[2], n[3], n[4], n[5]);
    }

  for (guint i = 0; i < stats->areas->len; i++)
    {
      WpGroupCounts *area = g_ptr_array_index (stats->areas, i);
      guint total = area->counts.total;
      g_autofree char *has = NULL;
      g_autofree char *done = NULL;
      g_autofree char *overdue = NULL;

      if (total == 0)
        continue;
      if (one)
        /* Translators: opens one area in an agency's briefing: the area and how
         * many of its items the agency is on */
        has = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s: %u item", "%s: %u items",
                                            total), area->name, total);
      else if (tasks)
        /* Translators: opens one area in the briefing */
        has = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s: %u key task",
                                            "%s: %u key tasks", total), area->name, total);
      else
        has = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s: %u action", "%s: %u actions",
                                            total), area->name, total);
      done = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u done", "%u done",
                                           area->counts.done), area->counts.done);
      overdue = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u is overdue", "%u are overdue",
                                              area->counts.overdue), area->counts.overdue);
      g_string_append (out, "\n\n");
      g_string_append_printf (out,
                              /* Translators: one area in the briefing: the area and its
                               * items, how many are done, its progress, how many are
                               * overdue */
                              _("%s, %s, overall progress %.0f%%, %s."),
                              has, done, area->counts.progress, overdue);
    }

  if (stats->overdue->len > 0)
    {
      g_string_append (out, "\n\n");
      /* Translators: starts the list of overdue items in the briefing */
      g_string_append (out, _("Overdue: "));
      for (guint i = 0; i < MIN (stats->overdue->len, SUMMARY_MAX_OVERDUE); i++)
        {
          if (i > 0)
            /* Translators: separates the overdue items in the briefing */
            g_string_append (out, _("; "));
          append_listed_item (out, stats, g_ptr_array_index (stats->overdue, i));
        }
      /* A paragraph, not a register: the rest is in the briefing's table. */
      /* (the count: a view's figures list only the first few) */
      if (stats->counts.overdue > SUMMARY_MAX_OVERDUE)
        {
          guint rest = stats->counts.overdue - SUMMARY_MAX_OVERDUE;

          /* Translators: after the first overdue items of a long list */
          g_string_append_printf (out, g_dngettext (GETTEXT_PACKAGE,
                                                    "; and %u more overdue item (see the "
                                                    "overdue list)",
                                                    "; and %u more overdue items (see the "
                                                    "overdue list)", rest), rest);
        }
      /* Translators: ends the list of overdue items */
      g_string_append (out, _("."));
    }

  if (wp_counts_have_milestones (c))
    append_pace (out, stats);

  return g_string_free (out, FALSE);
}

static char *
target_number (double      value,
               const char *unit)
{
  /* A percentage keeps its sign on the number; other units go at the end */
  if (g_strcmp0 (unit, "%") == 0)
    return g_strdup_printf ("%g%%", value);
  return g_strdup_printf ("%g", value);
}

/**
 * wp_target_format_values:
 *
 * The values of a target from the baseline over the current value to the
 * target, with its unit, e.g. "基数 0 → 现值 27 → 目标 45（个镇(街)）".
 *
 * Returns: (transfer full): the text, empty when the target has no values
 */
char *
wp_target_format_values (const WpTarget *target)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *values = NULL;
  const char *unit = target->unit ? target->unit : "";

  if (target->has_baseline)
    {
      g_autofree char *n = target_number (target->baseline, unit);
      /* Translators: a target's starting value, e.g. "基数 0" */
      g_ptr_array_add (parts, g_strdup_printf (_("baseline %s"), n));
    }
  if (target->has_current)
    {
      g_autofree char *n = target_number (target->current, unit);
      /* Translators: a target's value today, e.g. "现值 27" */
      g_ptr_array_add (parts, g_strdup_printf (_("now %s"), n));
    }
  if (target->has_target)
    {
      g_autofree char *n = target_number (target->target, unit);
      /* Translators: the value a target aims at, e.g. "目标 45" */
      g_ptr_array_add (parts, g_strdup_printf (_("target %s"), n));
    }
  g_ptr_array_add (parts, NULL);
  values = g_strjoinv (" → ", (char **) parts->pdata);

  if (values[0] == '\0' || unit[0] == '\0' || g_str_equal (unit, "%"))
    return g_steal_pointer (&values);
  /* Translators: a target's values and then its unit, e.g. "目标 45（个镇(街)）" */
  return g_strdup_printf (_("%s (%s)"), values, unit);
}
