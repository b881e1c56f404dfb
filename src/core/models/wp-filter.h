/* wp-filter.h: what the outline and the board can be narrowed to
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "wp-store.h"

G_BEGIN_DECLS

/* Empty fields narrow nothing. */
typedef struct {
  char     *text;          /* search words */
  char     *agency;        /* leads or supports */
  int       status;        /* a WpItemStatus, rolled up, or -1 for any */
  gboolean  overdue_only;  /* red light */
  int       done_month;    /* 1–12: done in that month of the plan's year; 0: any */
  /* What a segment of the progress view's milestone breakdown counts: */
  int       pace;          /* a WpPace against the item's own milestone, or -1 for any */
  gint64    area_id;       /* in this area (the top-level item), or 0 for any */
  int       kind;          /* a WpItemKind, or -1 for any */
  gint64    lead_id;       /* led by this agency (its id), at any level, or 0 for any */
} WpFilter;

void      wp_filter_init          (WpFilter        *filter);
void      wp_filter_clear         (WpFilter        *filter);
void      wp_filter_copy          (const WpFilter  *from,
                                   WpFilter        *to);
gboolean  wp_filter_equal         (const WpFilter  *a,
                                   const WpFilter  *b);
gboolean  wp_filter_is_empty      (const WpFilter  *filter);
gboolean  wp_filter_has_criteria  (const WpFilter  *filter);
gboolean  wp_filter_passes        (const WpFilter    *filter,
                                   const WpPlanFacts *facts,
                                   const WpItemFacts *f,
                                   gint64             agency_id);
GArray   *wp_filter_find          (WpStore         *store,
                                   gint64           plan_id,
                                   const WpFilter  *filter,
                                   GError         **error);

G_END_DECLS
