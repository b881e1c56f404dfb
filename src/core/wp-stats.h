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
  guint overdue;      /* red: past a deadline, here or below */
  guint due_soon;     /* yellow */
  double progress;    /* mean effective progress, 0–100 */
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

typedef struct {
  gint64   plan_id;
  int      year;
  GDate    as_of;          /* the reference date the figures were taken on */
  WpItemKind unit;         /* what is counted: key tasks, or actions when a
                              plan has no key tasks */
  WpCounts counts;         /* all counted items */
  GPtrArray *areas;        /* WpGroupCounts, in outline order */
  GPtrArray *agencies;     /* WpGroupCounts, by lead agency, most items first */
  GPtrArray *overdue;      /* WpItem: actions (items without sub-items) past due */
  GPtrArray *due_soon;     /* WpItem: items without sub-items due soon */
  guint    done_by_month[12];  /* items finished in each month of the year */
  GPtrArray *targets;      /* WpItemTarget, in outline order */
} WpPlanStats;

WpPlanStats *wp_plan_stats_compute (WpStore      *store,
                                    gint64        plan_id,
                                    const char   *agency,
                                    GError      **error);
void         wp_plan_stats_free    (WpPlanStats  *stats);
char        *wp_plan_stats_compose_summary (WpPlanStats *stats,
                                            const char  *plan_title);
char        *wp_target_format_values (const WpTarget *target);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (WpPlanStats, wp_plan_stats_free)

G_END_DECLS
