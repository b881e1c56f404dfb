/* wp-progress-view-private.h: what the progress view's files share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "wp-progress-view.h"
#include "wp-stats.h"
#include "wp-view-refresh.h"
#include "wp-view.h"

G_BEGIN_DECLS

/* The lead agencies a chart shows at the most */
#define MAX_AGENCIES 12
/* The items a list names at the most (no fewer than the 20 overdue items
 * the drafted summary names, which is drafted from the same figures:
 * SUMMARY_MAX_OVERDUE in wp-stats.c) */
#define MAX_LISTED 30

struct _WpProgressView
{
  AdwBin               parent_instance;

  GtkStack            *stack;
  GtkLabel            *heading;
  GtkLabel            *unit_caption;   /* what the figures count */
  AdwPreferencesGroup *trend_group;
  GtkDropDown         *agency_dropdown;
  GtkStringList       *agency_names;    /* "All agencies", then the plan's */
  GtkFlowBox          *tiles;
  AdwPreferencesGroup *areas_group;
  AdwPreferencesGroup *agencies_group;
  AdwPreferencesGroup *targets_group;
  AdwPreferencesGroup *overdue_group;
  AdwPreferencesGroup *due_soon_group;
  GtkTextView         *summary_view;
  GtkButton           *redraft_button;
  GtkDrawingArea      *status_chart;
  GtkDrawingArea      *trend_chart;
  GtkDrawingArea      *areas_chart;
  GtkDrawingArea      *agencies_chart;
  AdwPreferencesGroup *pace_group;      /* against the milestones (形象进度) */
  GtkWidget           *pace_charts;
  GtkDrawingArea      *pace_areas_chart;
  GtkDrawingArea      *pace_agencies_chart;
  AdwPreferencesGroup *behind_group;
  AdwPreferencesGroup *pending_group;

  WpViewBinding        binding;
  GPtrArray           *rows;      /* rows added to the groups, to remove */
  WpPlanStats         *stats;     /* what the charts draw */
  WpViewRefresh   refresh;
  char                *agency;          /* the one agency shown, or NULL for all */
  gboolean             listing;         /* the view is filling the agency list */
  gboolean             drafting;        /* the view is writing the summary */
  gboolean             summary_edited;  /* the user changed the summary */
  char                *draft;           /* the summary drafted, till it is shown */
  guint                after_frame_idle;  /* the draft, the agency list */
  gboolean             agencies_later;  /* the agency list is to be filled */
};

/* wp-progress-view.c */
void _wp_progress_show_in_outline  (WpProgressView *self,
                                    gint64          item_id);
void _wp_progress_filter_activated (WpProgressView *self,
                                    const char     *agency,
                                    int             status,
                                    int             month);

/* wp-progress-lists.c */
GtkWidget *_wp_progress_add_group_row (WpProgressView      *self,
                                       AdwPreferencesGroup *group,
                                       const char          *title,
                                       const char          *subtitle,
                                       double               progress);
GtkWidget *_wp_progress_add_item_row  (WpProgressView      *self,
                                       AdwPreferencesGroup *group,
                                       WpItem              *item,
                                       const char          *title,
                                       const char          *subtitle,
                                       double               progress);
void _wp_progress_fill_overdue     (WpProgressView *self,
                                    guint           from);
void _wp_progress_fill_due_soon    (WpProgressView *self,
                                    guint           from);
void _wp_progress_fill_behind      (WpProgressView *self,
                                    guint           from);
void _wp_progress_fill_pending     (WpProgressView *self,
                                    guint           from);

/* wp-progress-charts.c */
void _wp_progress_setup_charts     (WpProgressView *self);
void _wp_progress_size_charts      (WpProgressView *self,
                                    WpPlanStats    *stats);
void _wp_progress_size_pace_charts (WpProgressView *self,
                                    WpPlanStats    *stats);
void _wp_progress_redraw_charts    (WpProgressView *self);

G_END_DECLS
