/* wp-stats.h: the figures of a plan on a day, for the progress view and
 * the briefing
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "wp-store.h"

G_BEGIN_DECLS

typedef struct {
  guint total;
  guint done;
  guint in_progress;
  guint not_started;
  guint suspended;
  guint overdue;      /* red: past a deadline, here or below (for one agency:
                         here, or in the work below that names no agency) */
  guint due_soon;     /* yellow */
  double progress;    /* mean effective progress, 0–100 */
  guint pace[WP_PACE_DONE + 1];  /* by WpPace against each item's own milestone
                                    (wp_item_facts_get_pace()): [WP_PACE_NONE] are
                                    those not done with no milestone due yet */
} WpCounts;

typedef struct {
  char     *name;     /* an area's title or an agency's name */
  gint64    id;       /* the area's item id, or the agency's id */
  WpCounts  counts;
} WpGroupCounts;

/* A target with the item it belongs to */
typedef struct {
  WpItem   *item;
  WpTarget *target;
} WpItemTarget;

/* A counted item behind its milestone (欠进度) */
typedef struct {
  WpItem *item;
  int     expected;   /* the progress its milestone expects by the reference date */
  int     progress;   /* its (rolled-up) progress */
} WpItemBehind;

/* What is counted, one rule for the figures, the lists and the bars:
 * - the whole plan: its key tasks (its actions when it has no key tasks),
 *   a key task red or yellow when anything under it is;
 * - one agency: every item it leads or supports, at any level, each once,
 *   judged by the item's own deadline (and that of the work under it that
 *   names no agency), so that another agency's late action is not its own.
 * The lead-agency bars count, for each agency, the items it leads at any
 * level, judged the same way.
 * Against the milestones (形象进度) each counted item is judged by its own
 * milestone only: a key task with none has no milestone due, whatever its
 * actions' milestones say. */
typedef struct {
  gint64   plan_id;
  int      year;
  GDate    as_of;          /* the reference date the figures were taken on */
  char    *agency;         /* the one agency counted, or NULL for the plan */
  WpItemKind unit;         /* for the plan: what is counted, key tasks, or
                              actions when a plan has no key tasks */
  guint    n_lead[WP_ITEM_KIND_ACTION + 1];  /* for one agency: the items it
                                                leads, by kind */
  guint    n_co[WP_ITEM_KIND_ACTION + 1];    /* and those it supports */
  WpCounts counts;         /* all counted items */
  GPtrArray *areas;        /* WpGroupCounts, in outline order */
  GPtrArray *agencies;     /* WpGroupCounts, by lead agency, most items first */
  GPtrArray *overdue;      /* WpItem: the counted items that are red, earliest
                              deadline first (the first few only, from
                              wp_plan_stats_compute_listing(): counts.overdue
                              says how many there are) */
  GPtrArray *due_soon;     /* WpItem: the counted items that are yellow (the
                              same: counts.due_soon) */
  GPtrArray *behind;       /* WpItemBehind: the counted items behind their
                              milestone, furthest behind first */
  GHashTable *below;       /* item id → GPtrArray of WpItem: for a listed item
                              with sub-items, the work under it (items
                              without sub-items) that makes it red or yellow */
  guint    done_by_month[12];  /* finished in each month of the year: for the
                                  plan, items without sub-items; for one
                                  agency, its items (a parent when the last
                                  thing under it was) */
  GPtrArray *targets;      /* WpItemTarget, in outline order */
} WpPlanStats;

WpPlanStats *wp_plan_stats_compute (WpStore      *store,
                                    gint64        plan_id,
                                    const char   *agency,
                                    GError      **error);
WpPlanStats *wp_plan_stats_compute_listing (WpStore    *store,
                                            gint64      plan_id,
                                            const char *agency,
                                            guint       max_listed,
                                            GError    **error);
void         wp_plan_stats_free    (WpPlanStats  *stats);
char        *wp_plan_stats_compose_summary (WpPlanStats *stats,
                                            const char  *plan_title);
char        *wp_target_format_values (const WpTarget *target);
GPtrArray   *wp_plan_stats_get_below (WpPlanStats *stats,
                                      WpItem      *item);
const char  *wp_plan_stats_describe_unit (WpPlanStats *stats);
WpPace       wp_item_facts_get_pace  (const WpItemFacts *facts);
gboolean     wp_counts_have_milestones (const WpCounts *counts);
char        *wp_counts_describe_pace   (const WpCounts *counts);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (WpPlanStats, wp_plan_stats_free)

G_END_DECLS
