/* wp-stats-summary.c: the figures of a plan in words: the drafted progress
 * summary (工作进展情况通报), the breakdown against the milestones in a
 * phrase, and a target's values (wp-stats.c counts them)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "wp-deadline.h"
#include "wp-stats.h"

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
