/* wp-reporting.c: reporting periods (报送周期), who owes which report, and
 * the 催报 and 通报 texts
 *
 * A plan's settings say how often its lead agencies report and by which
 * day. In a period, every open leaf item (not done, not suspended, no
 * children, not carried forward into next year) is due a report from each
 * of its lead agencies; it counts as reported when it has a progress note
 * dated within the period. Only notes say so: an office enters a report
 * received late on the day it was made, and it then counts in that day's
 * period. The SQL is behind the backend's WpReportingQueries (SQLite:
 * queries/wp-reporting-queries.c); the texts made
 * from a period's reports are in wp-reporting-texts.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "wp-deadline.h"
#include "wp-reporting.h"
#include "wp-store-private.h"

#define REPORTING(store) ((store)->backend->reporting)

static int
clamp_day (int day,
           int month,
           int year)
{
  return CLAMP (day, 1, (int) g_date_get_days_in_month ((GDateMonth) month, (GDateYear) year));
}

static void
set_day (GDate *date,
         int    day,
         int    month,
         int    year)
{
  g_date_clear (date, 1);
  g_date_set_dmy (date, (GDateDay) day, (GDateMonth) month, (GDateYear) year);
}

/* The period @index (from 1) of @year */
static void
make_period (WpReportPeriod       *period,
             int                   year,
             int                   index,
             const WpPlanSettings *settings)
{
  int due_day = CLAMP (settings->report_due_day, 1, 31);
  int month, last_month;

  memset (period, 0, sizeof *period);
  period->frequency = settings->report_frequency;
  period->year = year;
  period->index = index;

  switch (settings->report_frequency)
    {
    case WP_REPORT_SEMIMONTHLY:
      {
        gboolean second = index % 2 == 0;
        int days = g_date_get_days_in_month ((GDateMonth) ((index + 1) / 2), (GDateYear) year);

        month = (index + 1) / 2;
        g_snprintf (period->key, sizeof period->key, "%04d-%02d%c", year, month,
                    second ? 'b' : 'a');
        set_day (&period->from, second ? 16 : 1, month, year);
        set_day (&period->to, second ? days : 15, month, year);
        /* The due day keeps its place in each half: reports due on the
         * 25th of a month are due on the 10th and the 25th twice a month
         * (and those due on the 10th, on the 10th and the 25th too). */
        if (second)
          set_day (&period->due, clamp_day (due_day > 15 ? due_day : due_day + 15, month, year),
                   month, year);
        else
          set_day (&period->due, CLAMP (due_day > 15 ? due_day - 15 : due_day, 1, 15), month,
                   year);
        return;
      }
    case WP_REPORT_QUARTERLY:
      month = (index - 1) * 3 + 1;
      last_month = month + 2;
      g_snprintf (period->key, sizeof period->key, "%04d-Q%d", year, index);
      break;
    case WP_REPORT_MONTHLY:
    default:
      period->frequency = WP_REPORT_MONTHLY;
      month = last_month = index;
      g_snprintf (period->key, sizeof period->key, "%04d-%02d", year, month);
      break;
    }
  set_day (&period->from, 1, month, year);
  set_day (&period->to, g_date_get_days_in_month ((GDateMonth) last_month, (GDateYear) year),
           last_month, year);
  set_day (&period->due, clamp_day (due_day, last_month, year), last_month, year);
}

static int
periods_per_year (WpReportFrequency frequency)
{
  switch (frequency)
    {
    case WP_REPORT_SEMIMONTHLY:
      return 24;
    case WP_REPORT_QUARTERLY:
      return 4;
    case WP_REPORT_MONTHLY:
    default:
      return 12;
    }
}

/**
 * wp_report_periods_of_year:
 *
 * Returns: (transfer full) (element-type WpReportPeriod): the reporting
 *   periods of @year under @settings, in order: months keyed "2025-06";
 *   half months keyed "2025-06a" (the 1st to the 15th) and "2025-06b" (the
 *   16th to the month's end); quarters keyed "2025-Q2". Each is due by the
 *   plan's due day in its last month, clamped to that month's length (a
 *   due day of 31 is 30 June); a half month's due day is the plan's,
 *   moved into the half (see make_period()).
 */
GArray *
wp_report_periods_of_year (int                   year,
                           const WpPlanSettings *settings)
{
  int n = periods_per_year (settings->report_frequency);
  GArray *periods = g_array_sized_new (FALSE, TRUE, sizeof (WpReportPeriod), n);

  g_return_val_if_fail (year >= 1 && year <= 9999, periods);

  for (int i = 1; i <= n; i++)
    {
      WpReportPeriod period;

      make_period (&period, year, i, settings);
      g_array_append_val (periods, period);
    }
  return periods;
}

static gboolean
parse_digits (const char *text,
              int         n,
              int        *value)
{
  *value = 0;
  for (int i = 0; i < n; i++)
    {
      if (!g_ascii_isdigit (text[i]))
        return FALSE;
      *value = *value * 10 + (text[i] - '0');
    }
  return TRUE;
}

static void
set_not_a_period (GError               **error,
                  const char            *key,
                  int                    year,
                  const WpPlanSettings  *settings)
{
  switch (settings->report_frequency)
    {
    case WP_REPORT_SEMIMONTHLY:
      g_set_error (error, WP_STORE_ERROR, WP_STORE_ERROR_INVALID,
                   _("“%s” is not a reporting period of this plan, which reports twice a month: "
                     "name a half month such as %d-06a (the 1st to the 15th) or %d-06b (the "
                     "16th to the month’s end)."), key, year, year);
      break;
    case WP_REPORT_QUARTERLY:
      g_set_error (error, WP_STORE_ERROR, WP_STORE_ERROR_INVALID,
                   _("“%s” is not a reporting period of this plan, which reports quarterly: "
                     "name a quarter such as %d-Q2, or a month in it."), key, year);
      break;
    case WP_REPORT_MONTHLY:
    default:
      g_set_error (error, WP_STORE_ERROR, WP_STORE_ERROR_INVALID,
                   _("“%s” is not a reporting period of this plan, which reports monthly: "
                     "name a month such as %d-06."), key, year);
      break;
    }
}

/**
 * wp_report_period_parse:
 * @key: "2025-06" (monthly; quarterly plans take the quarter the month is
 *   in), "2025-06a" / "2025-06b" (twice a month) or "2025-Q2" (quarterly)
 * @year: the plan's year, which the period must be in
 *
 * Returns: whether @key names one of the plan's periods; %FALSE with
 *   @error saying what to name instead
 */
gboolean
wp_report_period_parse (const char            *key,
                        int                    year,
                        const WpPlanSettings  *settings,
                        WpReportPeriod        *period,
                        GError               **error)
{
  int key_year, number, index = 0;
  size_t length = key != NULL ? strlen (key) : 0;

  if (length < 7 || !parse_digits (key, 4, &key_year) || key[4] != '-')
    {
      set_not_a_period (error, key != NULL ? key : "", year, settings);
      return FALSE;
    }
  if (key_year != year)
    {
      g_set_error (error, WP_STORE_ERROR, WP_STORE_ERROR_INVALID,
                   _("The period “%s” is not in %d, the plan’s year."), key, year);
      return FALSE;
    }

  if (length == 7 && (key[5] == 'Q' || key[5] == 'q') && parse_digits (key + 6, 1, &number)
      && number >= 1 && number <= 4 && settings->report_frequency == WP_REPORT_QUARTERLY)
    index = number;
  else if (length >= 7 && parse_digits (key + 5, 2, &number) && number >= 1 && number <= 12)
    {
      if (length == 7 && settings->report_frequency == WP_REPORT_MONTHLY)
        index = number;
      else if (length == 7 && settings->report_frequency == WP_REPORT_QUARTERLY)
        index = (number - 1) / 3 + 1;
      else if (length == 8 && settings->report_frequency == WP_REPORT_SEMIMONTHLY
               && (key[7] == 'a' || key[7] == 'b'))
        index = number * 2 - (key[7] == 'a');
    }
  if (index == 0)
    {
      set_not_a_period (error, key, year, settings);
      return FALSE;
    }
  make_period (period, year, index, settings);
  return TRUE;
}

/**
 * wp_report_period_containing:
 *
 * Returns: whether @day is in @year; if so, @period is the period it falls in
 */
gboolean
wp_report_period_containing (int                   year,
                             const WpPlanSettings *settings,
                             const GDate          *day,
                             WpReportPeriod       *period)
{
  int month, index;

  g_return_val_if_fail (day != NULL && g_date_valid (day), FALSE);

  if (g_date_get_year (day) != year)
    return FALSE;
  month = g_date_get_month (day);
  switch (settings->report_frequency)
    {
    case WP_REPORT_SEMIMONTHLY:
      index = month * 2 - (g_date_get_day (day) <= 15);
      break;
    case WP_REPORT_QUARTERLY:
      index = (month - 1) / 3 + 1;
      break;
    case WP_REPORT_MONTHLY:
    default:
      index = month;
      break;
    }
  make_period (period, year, index, settings);
  return TRUE;
}

static const char *
quarter_name (int quarter)
{
  static const char *names[] = { N_("Q1"), N_("Q2"), N_("Q3"), N_("Q4") };

  return _(names[CLAMP (quarter, 1, 4) - 1]);
}

/**
 * wp_report_period_label:
 *
 * Returns: (transfer full): the period as a bulletin names it: 2025年6月,
 *   2025年6月上半月, 2025年二季度
 */
char *
wp_report_period_label (const WpReportPeriod *period)
{
  switch (period->frequency)
    {
    case WP_REPORT_SEMIMONTHLY:
      if (period->index % 2 == 1)
        /* Translators: a reporting period of half a month; %1$u is the year, %2$u the month */
        return g_strdup_printf (_("%1$u-%2$02u, first half"), (guint) period->year,
                                (guint) (period->index + 1) / 2);
      /* Translators: a reporting period of half a month; %1$u is the year, %2$u the month */
      return g_strdup_printf (_("%1$u-%2$02u, second half"), (guint) period->year,
                              (guint) period->index / 2);
    case WP_REPORT_QUARTERLY:
      /* Translators: a quarterly reporting period; %1$u is the year, %2$s the quarter (Q2) */
      return g_strdup_printf (_("%2$s %1$u"), (guint) period->year, quarter_name (period->index));
    case WP_REPORT_MONTHLY:
    default:
      /* Translators: a monthly reporting period; %1$u is the year, %2$u the month */
      return g_strdup_printf (_("%1$u-%2$02u"), (guint) period->year, (guint) period->index);
    }
}

/**
 * wp_report_period_short_label:
 *
 * Returns: (transfer full): the period as a column heading names it: 6月,
 *   6月上, 二季度
 */
char *
wp_report_period_short_label (const WpReportPeriod *period)
{
  switch (period->frequency)
    {
    case WP_REPORT_SEMIMONTHLY:
      if (period->index % 2 == 1)
        /* Translators: the first half of month %u as a narrow column heading
         * (the key 2025-06a names it), e.g. "6月上" */
        return g_strdup_printf (_("%ua"), (guint) (period->index + 1) / 2);
      /* Translators: the second half of month %u as a narrow column heading
       * (the key 2025-06b names it), e.g. "6月下" */
      return g_strdup_printf (_("%ub"), (guint) period->index / 2);
    case WP_REPORT_QUARTERLY:
      return g_strdup (quarter_name (period->index));
    case WP_REPORT_MONTHLY:
    default:
      return g_strdup_printf (C_("month", "%u"), (guint) period->index);
    }
}

/* Computing */

static void
agency_report_free (gpointer data)
{
  WpAgencyReport *agency = data;

  g_free (agency->name);
  g_clear_pointer (&agency->due, g_array_unref);
  g_clear_pointer (&agency->missing, g_array_unref);
  g_clear_pointer (&agency->behind, g_array_unref);
  g_free (agency);
}

void
wp_period_report_free (WpPeriodReport *report)
{
  if (report == NULL)
    return;
  g_clear_pointer (&report->agencies, g_ptr_array_unref);
  g_clear_pointer (&report->titles, g_hash_table_unref);
  g_free (report);
}

static void
add_noted (gint64   item_id,
           gpointer data)
{
  g_hash_table_add (data, g_memdup2 (&item_id, sizeof item_id));
}

static void
add_expected (gint64   item_id,
              int      progress,
              gpointer data)
{
  /* (by quarter: the latest one wins) */
  g_hash_table_insert (data, g_memdup2 (&item_id, sizeof item_id), GINT_TO_POINTER (progress + 1));
}

static void
add_title (gint64      item_id,
           const char *title,
           gpointer    data)
{
  g_hash_table_insert (data, g_memdup2 (&item_id, sizeof item_id),
                       g_strdup (title != NULL ? title : ""));
}

static GHashTable *
new_id_set (void)
{
  return g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
}

static gboolean
item_is_open (const WpItemFacts *f)
{
  return f->status != WP_ITEM_STATUS_DONE && f->status != WP_ITEM_STATUS_SUSPENDED
         && !f->carried_forward;
}

/* The reports of one period, from the facts read once for all periods */
static WpPeriodReport *
compute_period (WpStore               *store,
                const WpPlanFacts     *facts,
                const WpReportPeriod  *period,
                GHashTable            *titles,
                GHashTable            *expected,
                const GArray          *agency_ids,
                GHashTable            *agency_index,
                GError               **error)
{
  g_autoptr(WpPeriodReport) report = g_new0 (WpPeriodReport, 1);
  g_autoptr(GHashTable) noted = new_id_set ();
  g_autofree char *from = wp_date_to_iso (&period->from);
  g_autofree char *to = wp_date_to_iso (&period->to);

  report->plan_id = facts->plan_id;
  report->period = *period;
  report->titles = g_hash_table_ref (titles);
  report->agencies = g_ptr_array_new_with_free_func (agency_report_free);

  if (!REPORTING (store)->noted_items (store, facts->plan_id, from, to, add_noted, noted, error))
    return NULL;

  for (guint i = 0; i < agency_ids->len; i++)
    {
      gint64 id = g_array_index (agency_ids, gint64, i);
      g_autoptr(WpAgency) agency = wp_store_get_agency (store, id, error);
      WpAgencyReport *a;

      if (agency == NULL)
        return NULL;
      a = g_new0 (WpAgencyReport, 1);
      a->agency_id = id;
      a->name = g_strdup (wp_agency_get_name (agency));
      a->due = g_array_new (FALSE, FALSE, sizeof (gint64));
      a->missing = g_array_new (FALSE, FALSE, sizeof (gint64));
      a->behind = g_array_new (FALSE, FALSE, sizeof (gint64));
      g_ptr_array_add (report->agencies, a);
    }

  for (guint i = 0; i < facts->items->len; i++)
    {
      const WpItemFacts *f = &g_array_index (facts->items, WpItemFacts, i);
      gboolean due, reported, behind;
      int want;

      if (f->n_lead == 0 || !item_is_open (f))
        continue;
      due = f->n_children == 0;
      reported = due && g_hash_table_contains (noted, &f->id);
      want = GPOINTER_TO_INT (g_hash_table_lookup (expected, &f->id)) - 1;
      /* (any open item it leads: a milestone is often set on a key task) */
      behind = wp_light_pace (f->status, f->progress, want) == WP_PACE_BEHIND;

      for (guint l = 0; l < f->n_lead; l++)
        {
          WpAgencyReport *a =
            g_ptr_array_index (report->agencies,
                               GPOINTER_TO_UINT (g_hash_table_lookup (agency_index,
                                                                      &f->lead[l])) - 1);

          if (due)
            {
              g_array_append_val (a->due, f->id);
              a->n_due++;
              if (reported)
                a->n_reported++;
              else
                g_array_append_val (a->missing, f->id);
            }
          if (behind)
            g_array_append_val (a->behind, f->id);
        }
    }
  return g_steal_pointer (&report);
}

/**
 * wp_period_report_compute_many:
 * @periods: (array length=n_periods): periods of the plan's year
 *
 * Every lead agency's reporting in each of @periods. The agencies are
 * every agency that leads an item of the plan, in the order the outline
 * first names them (as the plan itself lists them), the same in every
 * period; one with nothing due in a period has 0 due. An item is behind
 * when wp_light_pace() says so against the milestone expected by the
 * period's last day, whatever the day the store judges lights on.
 *
 * Returns: (transfer full) (element-type WpPeriodReport): one report per
 *   period, or %NULL with @error set
 */
GPtrArray *
wp_period_report_compute_many (WpStore               *store,
                               gint64                 plan_id,
                               const WpReportPeriod  *periods,
                               guint                  n_periods,
                               GError               **error)
{
  g_autoptr(WpPlanFacts) facts = NULL;
  g_autoptr(GHashTable) titles = NULL;
  g_autoptr(GHashTable) agency_index = g_hash_table_new_full (g_int64_hash, g_int64_equal,
                                                              g_free, NULL);
  g_autoptr(GArray) agency_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GPtrArray) reports =
    g_ptr_array_new_with_free_func ((GDestroyNotify) wp_period_report_free);
  GHashTable *expected[5] = { NULL };  /* by the last quarter ended */
  gboolean ok = TRUE;

  g_return_val_if_fail (WP_IS_STORE (store), NULL);

  facts = wp_store_list_plan_facts (store, plan_id, error);
  if (facts == NULL)
    return NULL;
  titles = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  if (!REPORTING (store)->titles (store, plan_id, add_title, titles, error))
    return NULL;

  for (guint i = 0; i < facts->items->len; i++)
    {
      const WpItemFacts *f = &g_array_index (facts->items, WpItemFacts, i);

      for (guint l = 0; l < f->n_lead; l++)
        if (!g_hash_table_contains (agency_index, &f->lead[l]))
          {
            g_array_append_val (agency_ids, f->lead[l]);
            g_hash_table_insert (agency_index, g_memdup2 (&f->lead[l], sizeof (gint64)),
                                 GUINT_TO_POINTER (agency_ids->len));
          }
    }

  for (guint p = 0; ok && p < n_periods; p++)
    {
      int quarter = wp_light_last_ended_quarter (facts->year, &periods[p].to);
      WpPeriodReport *report;

      if (expected[quarter] == NULL)
        {
          expected[quarter] = new_id_set ();
          if (quarter > 0
              && !REPORTING (store)->expected (store, plan_id, quarter, add_expected,
                                               expected[quarter], error))
            {
              ok = FALSE;
              break;
            }
        }
      report = compute_period (store, facts, &periods[p], titles, expected[quarter], agency_ids,
                               agency_index, error);
      if (report == NULL)
        ok = FALSE;
      else
        g_ptr_array_add (reports, report);
    }

  for (guint q = 0; q < G_N_ELEMENTS (expected); q++)
    g_clear_pointer (&expected[q], g_hash_table_unref);
  return ok ? g_steal_pointer (&reports) : NULL;
}

/**
 * wp_period_report_compute:
 *
 * Returns: (transfer full): every lead agency's reporting in @period (see
 *   wp_period_report_compute_many()), or %NULL with @error set
 */
WpPeriodReport *
wp_period_report_compute (WpStore               *store,
                          gint64                 plan_id,
                          const WpReportPeriod  *period,
                          GError               **error)
{
  g_autoptr(GPtrArray) reports = wp_period_report_compute_many (store, plan_id, period, 1, error);

  if (reports == NULL)
    return NULL;
  return g_ptr_array_steal_index (reports, 0);
}

const char *
wp_period_report_get_title (const WpPeriodReport *report,
                            gint64                item_id)
{
  const char *title = g_hash_table_lookup (report->titles, &item_id);

  return title != NULL ? title : "";
}

/**
 * wp_period_report_find_agency:
 *
 * Returns: (nullable): the agency of @report named @name
 */
const WpAgencyReport *
wp_period_report_find_agency (const WpPeriodReport *report,
                              const char           *name)
{
  for (guint i = 0; i < report->agencies->len; i++)
    {
      const WpAgencyReport *a = g_ptr_array_index (report->agencies, i);

      if (g_strcmp0 (a->name, name) == 0)
        return a;
    }
  return NULL;
}
