/* wp-reporting-texts.c: the 催报 and 通报 texts, and the JSON of a period's reports
 *
 * Made from a WpPeriodReport (wp-reporting.c computes it); nothing here
 * reads the plan file.
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

/* A day of the reporting year, compact: 6月25日 */
static char *
format_compact_date (const GDate *date)
{
  /* Translators: a day without its year; %1$u is the month, %2$u the day,
   * e.g. "%1$u月%2$u日" */
  return g_strdup_printf (C_("day of the year", "%1$u/%2$u"), (guint) g_date_get_month (date),
                          (guint) g_date_get_day (date));
}

/* Texts */

/**
 * wp_period_report_compose_reminder:
 *
 * The 催报 for one agency, to paste into an OA message: which items it has
 * not reported on, by which day, e.g. "请市公安局于6月25日前报送以下2项工作
 * 进展：1. 反诈宣传；2. 社区矫正。"
 *
 * Returns: (transfer full) (nullable): the text, or %NULL when the agency
 *   has reported on everything due
 */
char *
wp_period_report_compose_reminder (const WpPeriodReport *report,
                                   const WpAgencyReport *agency)
{
  g_autoptr(GString) list = g_string_new (NULL);
  g_autofree char *by = NULL;
  guint n = agency->missing->len;

  if (n == 0)
    return NULL;
  for (guint i = 0; i < n; i++)
    {
      if (i > 0)
        /* Translators: separates the numbered items of a reminder, e.g. "1. 甲；2. 乙" */
        g_string_append (list, C_("numbered list", "; "));
      /* Translators: one numbered item of a reminder: its number and title */
      g_string_append_printf (list, _("%1$u. %2$s"), i + 1,
                              wp_period_report_get_title (report,
                                                          g_array_index (agency->missing,
                                                                         gint64, i)));
    }
  by = format_compact_date (&report->period.due);
  /* Translators: a reminder (催报) to paste into a message to an agency:
   * %1$s is the agency, %2$s the day, %3$u the number of items, %4$s the
   * numbered items */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "%1$s: please report the progress of the following "
                                       "%3$u item by %2$s: %4$s.",
                                       "%1$s: please report the progress of the following "
                                       "%3$u items by %2$s: %4$s.", n),
                          agency->name, by, n, list->str);
}

/**
 * wp_period_report_compose_bulletin:
 *
 * A draft 通报 of the period: how many agencies were due to report and
 * reported, the agencies that have not (with how many items), and the
 * items behind their milestones (with their lead agencies).
 *
 * Returns: (transfer full): the draft, paragraphs separated by blank lines
 */
char *
wp_period_report_compose_bulletin (const WpPeriodReport *report)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GString) late = g_string_new (NULL);
  g_autoptr(GString) behind = g_string_new (NULL);
  g_autoptr(GArray) behind_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GHashTable) behind_leads =
    g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                           (GDestroyNotify) g_ptr_array_unref);
  g_autofree char *label = wp_report_period_label (&report->period);
  g_autofree char *by = format_compact_date (&report->period.due);
  guint n_agencies = 0, n_items = 0, n_complete = 0;

  for (guint i = 0; i < report->agencies->len; i++)
    {
      const WpAgencyReport *a = g_ptr_array_index (report->agencies, i);

      if (a->n_due > 0)
        {
          n_agencies++;
          n_items += a->n_due;
          n_complete += a->n_reported == a->n_due;
        }
      if (a->missing->len > 0)
        {
          if (late->len > 0)
            g_string_append (late, _(", "));
          /* Translators: an agency that has not reported, and on how many items */
          g_string_append_printf (late, g_dngettext (GETTEXT_PACKAGE, "%1$s (%2$u item)",
                                                     "%1$s (%2$u items)", a->missing->len),
                                  a->name, a->missing->len);
        }
      for (guint j = 0; j < a->behind->len; j++)
        {
          gint64 id = g_array_index (a->behind, gint64, j);
          GPtrArray *leads = g_hash_table_lookup (behind_leads, &id);

          if (leads == NULL)
            {
              leads = g_ptr_array_new ();
              g_hash_table_insert (behind_leads, g_memdup2 (&id, sizeof id), leads);
              g_array_append_val (behind_ids, id);
            }
          g_ptr_array_add (leads, a->name);
        }
    }
  for (guint i = 0; i < behind_ids->len; i++)
    {
      gint64 id = g_array_index (behind_ids, gint64, i);
      GPtrArray *leads = g_hash_table_lookup (behind_leads, &id);
      g_autoptr(GString) names = g_string_new (NULL);

      for (guint l = 0; l < leads->len; l++)
        {
          if (l > 0)
            g_string_append (names, _(", "));
          g_string_append (names, g_ptr_array_index (leads, l));
        }
      if (i > 0)
        /* Translators: separates the items behind schedule in a bulletin */
        g_string_append (behind, C_("bulletin list", "; "));
      /* Translators: an item behind its milestone in a bulletin, and its lead agencies */
      g_string_append_printf (behind, _("%1$s (%2$s)"), wp_period_report_get_title (report, id),
                              names->str);
    }

  /* Translators: the title of a bulletin (通报); %s is the reporting period */
  g_string_append_printf (out, _("Bulletin on the progress reports of %s"), label);
  g_string_append (out, "\n\n");
  /* Translators: %1$s is the day reports were due by; %2$u agencies were
   * due to report on %3$u items; %4$u agencies reported on all of theirs */
  g_string_append_printf (out, _("Lead agencies were due to report their progress by %1$s: "
                                 "%2$u agencies, on %3$u items. Agencies that reported on all "
                                 "their items: %4$u."),
                          by, n_agencies, n_items, n_complete);
  if (late->len > 0)
    {
      g_string_append (out, "\n\n");
      /* Translators: %s lists the agencies, e.g. "市公安局（2项）、市民政局（1项）" */
      g_string_append_printf (out, _("Not reported on time: %s."), late->str);
    }
  if (behind->len > 0)
    {
      g_string_append (out, "\n\n");
      /* Translators: %s lists the items with their lead agencies */
      g_string_append_printf (out, _("Work behind its milestone: %s."), behind->str);
    }
  g_string_append (out, "\n\n");
  if (late->len == 0 && behind->len == 0)
    g_string_append (out, _("Every agency reported on time, and no work is behind its "
                            "milestone."));
  else if (behind->len == 0)
    g_string_append (out, _("The agencies that have not reported are asked to report without "
                            "delay."));
  else if (late->len == 0)
    g_string_append (out, _("The agencies leading the work behind schedule are asked to speed "
                            "it up so that it is finished on time."));
  else
    g_string_append (out, _("The agencies that have not reported are asked to report without "
                            "delay, and those leading the work behind schedule to speed it up "
                            "so that it is finished on time."));
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static void
add_titles (JsonBuilder          *builder,
            const WpPeriodReport *report,
            const GArray         *ids)
{
  json_builder_begin_array (builder);
  for (guint i = 0; i < ids->len; i++)
    json_builder_add_string_value (builder,
                                   wp_period_report_get_title (report,
                                                               g_array_index (ids, gint64, i)));
  json_builder_end_array (builder);
}

/**
 * wp_period_report_to_json:
 *
 * Returns: (transfer full): the report as `workplan reporting --json`
 *   prints it: {"period", "from", "to", "due_day", "agencies": [{"name",
 *   "due", "reported", "missing", "behind"}]}, missing and behind as titles
 */
char *
wp_period_report_to_json (const WpPeriodReport *report)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *from = wp_date_to_iso (&report->period.from);
  g_autofree char *to = wp_date_to_iso (&report->period.to);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "period");
  json_builder_add_string_value (builder, report->period.key);
  json_builder_set_member_name (builder, "from");
  json_builder_add_string_value (builder, from);
  json_builder_set_member_name (builder, "to");
  json_builder_add_string_value (builder, to);
  json_builder_set_member_name (builder, "due_day");
  json_builder_add_int_value (builder, g_date_get_day (&report->period.due));
  json_builder_set_member_name (builder, "agencies");
  json_builder_begin_array (builder);
  for (guint i = 0; i < report->agencies->len; i++)
    {
      const WpAgencyReport *a = g_ptr_array_index (report->agencies, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "name");
      json_builder_add_string_value (builder, a->name);
      json_builder_set_member_name (builder, "due");
      json_builder_add_int_value (builder, a->n_due);
      json_builder_set_member_name (builder, "reported");
      json_builder_add_int_value (builder, a->n_reported);
      json_builder_set_member_name (builder, "missing");
      add_titles (builder, report, a->missing);
      json_builder_set_member_name (builder, "behind");
      add_titles (builder, report, a->behind);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_pretty (generator, TRUE);
  json_generator_set_root (generator, root);
  return json_generator_to_data (generator, NULL);
}
