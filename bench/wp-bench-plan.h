/* wp-bench-plan.h: generated plans of realistic shape for benchmarks
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "workplan-core.h"

G_BEGIN_DECLS

/* Ids of interesting items in a generated plan. */
typedef struct {
  WpPlan *plan;
  gint64  big_area_id;    /* the area with 1,000 key tasks */
  gint64  sample_action;  /* an action deep in the tree */
  guint   n_items;
} WpBenchPlan;

gboolean wp_bench_generate_plan (WpStore      *store,
                                 int           year,
                                 guint         n_items,
                                 WpBenchPlan  *out,
                                 GError      **error);
double   wp_bench_now_ms        (void);
double   wp_bench_process_age_ms (void);
long     wp_bench_rss_kb        (void);

G_END_DECLS
