/* wp-stats.c: the figures of a plan on a day, for the progress view and
 * the briefing
 *
 * What is counted is the key task (重点任务), as offices report "部署重点任务
 * 45项，已完成12项"; a plan without key tasks counts its actions. Status,
 * progress and light are the rolled-up ones the outline shows, judged on
 * the store's reference date, so every view and the briefing agree.
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
  g_clear_pointer (&stats->areas, g_ptr_array_unref);
  g_clear_pointer (&stats->agencies, g_ptr_array_unref);
  g_clear_pointer (&stats->overdue, g_ptr_array_unref);
  g_clear_pointer (&stats->due_soon, g_ptr_array_unref);
  g_clear_pointer (&stats->targets, g_ptr_array_unref);
  g_free (stats);
}

static void
count (WpCounts          *counts,
       const WpItemFacts *f)
{
  counts->total++;
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
  counts->overdue += f->light == WP_LIGHT_RED;
  counts->due_soon += f->light == WP_LIGHT_YELLOW;
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

static int
compare_due (gconstpointer a,
             gconstpointer b)
{
  const GDate *x = wp_item_get_due (*(WpItem * const *) a);
  const GDate *y = wp_item_get_due (*(WpItem * const *) b);

  if (x == NULL || y == NULL)
    return (x == NULL) - (y == NULL);
  return g_date_compare (x, y);
}

/**
 * wp_plan_stats_compute:
 * @agency: (nullable): count only items this agency leads or supports
 *
 * Returns: (transfer full): the plan's figures on the store's reference date
 */
WpPlanStats *
wp_plan_stats_compute (WpStore     *store,
                       gint64       plan_id,
                       const char  *agency,
                       GError     **error)
{
  g_autoptr(WpPlanStats) stats = g_new0 (WpPlanStats, 1);
  g_autoptr(WpPlanFacts) facts = NULL;
  g_autoptr(GPtrArray) agencies = NULL;
  g_autoptr(GPtrArray) top = NULL;
  g_autoptr(GHashTable) names = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autoptr(GHashTable) area_index = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GHashTable) by_agency = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GHashTable) targets_by_item = NULL;
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
  stats->areas = g_ptr_array_new_with_free_func ((GDestroyNotify) group_free);
  stats->agencies = g_ptr_array_new_with_free_func ((GDestroyNotify) group_free);
  stats->overdue = g_ptr_array_new_with_free_func (g_object_unref);
  stats->due_soon = g_ptr_array_new_with_free_func (g_object_unref);
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

  for (guint i = 0; i < facts->items->len; i++)
    {
      const WpItemFacts *f = &g_array_index (facts->items, WpItemFacts, i);
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

      if (f->kind == stats->unit)
        {
          WpGroupCounts *area = g_hash_table_lookup (area_index, &f->area_id);

          count (&stats->counts, f);
          if (area != NULL)
            count (&area->counts, f);
          for (guint k = 0; k < f->n_lead; k++)
            {
              WpGroupCounts *group = g_hash_table_lookup (by_agency, &f->lead[k]);

              if (group == NULL)
                {
                  group = g_new0 (WpGroupCounts, 1);
                  group->name = g_strdup (g_hash_table_lookup (names, &f->lead[k]));
                  group->id = f->lead[k];
                  g_ptr_array_add (stats->agencies, group);
                  g_hash_table_insert (by_agency, &group->id, group);
                }
              count (&group->counts, f);
            }
        }

      /* The lists name the work itself: items without sub-items. */
      if (f->n_children == 0)
        {
          if (f->light == WP_LIGHT_RED || f->light == WP_LIGHT_YELLOW)
            {
              WpItem *item = wp_store_get_item (store, f->id, error);

              if (item == NULL)
                return NULL;
              g_ptr_array_add (f->light == WP_LIGHT_RED ? stats->overdue : stats->due_soon, item);
            }
          if (f->status == WP_ITEM_STATUS_DONE && g_date_valid (&f->done_date)
              && g_date_get_year (&f->done_date) == (GDateYear) stats->year)
            stats->done_by_month[g_date_get_month (&f->done_date) - 1]++;
        }
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
  g_ptr_array_sort (stats->overdue, compare_due);
  g_ptr_array_sort (stats->due_soon, compare_due);

  return g_steal_pointer (&stats);
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

/**
 * wp_plan_stats_compose_summary:
 * @plan_title: the plan's title, as the summary names it
 *
 * Drafts the progress summary (工作进展情况通报) staff write by hand today:
 * one paragraph of totals, one per area, and the overdue items with their
 * lead agencies, in the language of the user interface. The numbers are
 * those of @stats, so they match the tables.
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

  if (c->total == 0)
    {
      g_string_append_printf (out, tasks ? _("As of %s, “%s” has no key tasks yet.")
                                         : _("As of %s, “%s” has no actions yet."),
                              as_of, plan_title);
      return g_string_free (out, FALSE);
    }

  g_string_append_printf (out,
                          tasks
                          /* Translators: the briefing's opening sentence. Keep the
                           * order of the numbers or use %1$s-style positions. */
                          ? _("As of %s, “%s” has %u key tasks: %u done (%s), %u in progress, "
                              "%u not started and %u suspended; %u are overdue and %u need "
                              "attention.")
                          : _("As of %s, “%s” has %u actions: %u done (%s), %u in progress, "
                              "%u not started and %u suspended; %u are overdue and %u need "
                              "attention."),
                          as_of, plan_title, c->total, c->done, share, c->in_progress,
                          c->not_started, c->suspended, c->overdue, c->due_soon);

  for (guint i = 0; i < stats->areas->len; i++)
    {
      WpGroupCounts *area = g_ptr_array_index (stats->areas, i);

      if (area->counts.total == 0)
        continue;
      g_string_append (out, "\n\n");
      g_string_append_printf (out,
                              tasks
                              /* Translators: one area in the briefing */
                              ? _("%s: %u key tasks, %u done, overall progress %.0f%%, "
                                  "%u overdue.")
                              : _("%s: %u actions, %u done, overall progress %.0f%%, "
                                  "%u overdue."),
                              area->name, area->counts.total, area->counts.done,
                              area->counts.progress, area->counts.overdue);
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
          append_item_line (out, g_ptr_array_index (stats->overdue, i));
        }
      /* A paragraph, not a register: the rest is in the briefing's table. */
      if (stats->overdue->len > SUMMARY_MAX_OVERDUE)
        {
          guint rest = stats->overdue->len - SUMMARY_MAX_OVERDUE;

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
