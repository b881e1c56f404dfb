/* wp-charts.h: the progress charts, drawn with Cairo and Pango, for the
 * screen, the PDF and print alike
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>

#include "wp-stats.h"

G_BEGIN_DECLS

/* Colours of the statuses, shared by every chart. */
void   wp_chart_status_rgb (WpItemStatus     status,
                            double          *r,
                            double          *g,
                            double          *b);

void   wp_chart_draw_status (cairo_t         *cr,
                             const WpCounts  *counts,
                             double           width,
                             double           height);
int    wp_chart_status_hit  (const WpCounts  *counts,
                             double           width,
                             double           height,
                             double           x,
                             double           y);
int    wp_chart_trend_hit   (double           width,
                             double           x);
double wp_chart_bars_height (guint            n_groups);
int    wp_chart_bars_hit    (guint            n_groups,
                             double           y);
void   wp_chart_draw_bars   (cairo_t         *cr,
                             GPtrArray       *groups,
                             guint            max_groups,
                             double           width);
double wp_chart_pace_height (guint           n_groups);
void   wp_chart_draw_pace   (cairo_t         *cr,
                             GPtrArray       *groups,
                             guint            max_groups,
                             double           width);
int    wp_chart_pace_hit    (GPtrArray       *groups,
                             guint            max_groups,
                             double           width,
                             double           x,
                             double           y,
                             WpPace          *pace);
gboolean wp_chart_pace_segment_centre (GPtrArray *groups,
                             guint            max_groups,
                             double           width,
                             guint            index,
                             WpPace           pace,
                             double          *x,
                             double          *y);
void   wp_chart_draw_trend  (cairo_t         *cr,
                             const guint     *done_by_month,
                             double           width,
                             double           height);

G_END_DECLS
