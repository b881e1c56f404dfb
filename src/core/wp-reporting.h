/* wp-reporting.h: reporting periods (报送周期) — which lead agency owes a
 * progress report on which item in a period, who has reported, and the
 * 催报 and 通报 texts an office sends about it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "wp-store.h"
#include "wp-tracking.h"

G_BEGIN_DECLS

/* One reporting period of a plan's year */
typedef struct {
  char              key[16];    /* "2025-06"; "2025-06a" / "2025-06b"; "2025-Q2" */
  WpReportFrequency frequency;
  int               year;
  int               index;      /* in the year, from 1: the month, the half or the quarter */
  GDate             from;       /* its first day */
  GDate             to;         /* its last day */
  GDate             due;        /* reports are due by this day */
} WpReportPeriod;

/* What one lead agency owes in a period */
typedef struct {
  gint64  agency_id;
  char   *name;
  guint   n_due;       /* its items due a report */
  guint   n_reported;  /* of those, the ones with a note dated within the period */
  GArray *due;         /* gint64 item ids due a report, in outline order */
  GArray *missing;     /* gint64 ids of the due items not reported on */
  GArray *behind;      /* gint64 ids of the open items it leads behind their milestone */
} WpAgencyReport;

/* Every lead agency's reporting in one period */
typedef struct {
  gint64          plan_id;
  WpReportPeriod  period;
  GPtrArray      *agencies;  /* WpAgencyReport, in the order the outline first names them */
  GHashTable     *titles;    /* gint64 item id → title */
} WpPeriodReport;

GArray         *wp_report_periods_of_year   (int                    year,
                                             const WpPlanSettings  *settings);
gboolean        wp_report_period_parse      (const char            *key,
                                             int                    year,
                                             const WpPlanSettings  *settings,
                                             WpReportPeriod        *period,
                                             GError               **error);
gboolean        wp_report_period_containing (int                    year,
                                             const WpPlanSettings  *settings,
                                             const GDate           *day,
                                             WpReportPeriod        *period);
char           *wp_report_period_label      (const WpReportPeriod  *period);
char           *wp_report_period_short_label (const WpReportPeriod *period);

WpPeriodReport *wp_period_report_compute    (WpStore               *store,
                                             gint64                 plan_id,
                                             const WpReportPeriod  *period,
                                             GError               **error);
GPtrArray      *wp_period_report_compute_many (WpStore             *store,
                                             gint64                 plan_id,
                                             const WpReportPeriod  *periods,
                                             guint                  n_periods,
                                             GError               **error);
const char     *wp_period_report_get_title  (const WpPeriodReport  *report,
                                             gint64                 item_id);
const WpAgencyReport *wp_period_report_find_agency (const WpPeriodReport *report,
                                             const char            *name);
char           *wp_period_report_compose_reminder (const WpPeriodReport *report,
                                             const WpAgencyReport  *agency);
char           *wp_period_report_compose_bulletin (const WpPeriodReport *report);
char           *wp_period_report_to_json    (const WpPeriodReport  *report);
void            wp_period_report_free       (WpPeriodReport        *report);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (WpPeriodReport, wp_period_report_free)

G_END_DECLS
