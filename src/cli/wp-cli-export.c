/* wp-cli-export.c: workplan export (no widgets)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
/* lstat() is POSIX 2008, not C11. */
#define _XOPEN_SOURCE 700

#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "workplan-core.h"
#include "wp-cli-private.h"
#include "wp-reporting.h"

/* export --all-agencies: one sheet per agency of the plan into @folder,
 * each written whole or not at all; prints each file written. */
static int
write_agency_sheets (WpStore    *store,
                     WpPlan     *plan,
                     const char *format,
                     const char *folder)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) names = wp_store_list_plan_agency_names (store, wp_plan_get_id (plan), &error);

  if (names == NULL)
    return wp_cli_fail (error->message);
  if (names[0] == NULL)
    return wp_cli_fail (_("No item of the plan names a lead agency or a co-agency yet."));
  for (guint i = 0; names[i] != NULL; i++)
    {
      g_autofree char *base = wp_sheet_agency_file_name (wp_plan_get_year (plan), names[i],
                                                           format);
      g_autofree char *path = g_build_filename (folder, base, NULL);
      g_autoptr(WpSheet) sheet = wp_sheet_new (store, wp_plan_get_id (plan), names[i], &error);

      if (sheet == NULL
          || !(g_str_equal (format, "xlsx") ? wp_sheet_write_xlsx
                                             : wp_sheet_write_csv) (sheet, path, &error))
        return wp_cli_fail (error->message);
      g_print ("%s\n", path);
    }
  return EXIT_OK;
}

int
cmd_export (int    argc,
            char **argv)
{
  g_autofree char *format = NULL;
  g_autofree char *output = NULL;
  g_autofree char *agency = NULL;
  g_autofree char *as_of = NULL;
  gboolean all_agencies = FALSE;
  int year = 0;
  GOptionEntry entries[] = {
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format,
      N_("Output format: json, pdf, xlsx or csv"), N_("FORMAT") },
    { "year", 'y', 0, G_OPTION_ARG_INT, &year, N_("The plan's year"), N_("YEAR") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
      N_("Write to FILE instead of standard output"), N_("FILE") },
    { "agency", 0, 0, G_OPTION_ARG_STRING, &agency,
      N_("Only the items this agency leads or supports (pdf, xlsx, csv)"), N_("NAME") },
    { "all-agencies", 0, 0, G_OPTION_ARG_NONE, &all_agencies,
      N_("One sheet per agency, written into the folder given with -o (xlsx, csv)"), NULL },
    { "as-of", 0, 0, G_OPTION_ARG_STRING, &as_of,
      N_("Judge deadlines on this day instead of today (pdf)"), N_("YYYY-MM-DD") },
    { NULL }
  };
  g_autoptr(GOptionContext) context = wp_cli_new_context ("export", "", entries);
  g_autoptr(GError) error = NULL;
  g_autoptr(WpStore) store = NULL;
  g_autoptr(WpPlan) plan = NULL;
  int status;

  if (!wp_cli_parse_options (context, &argc, &argv, &status))
    return status;
  if (argc > 1)
    return wp_cli_usage_error (context, _("export takes no file names; use -o FILE."));
  if (format == NULL)
    format = g_strdup ("json");
  if (!g_str_equal (format, "json") && !g_str_equal (format, "pdf")
      && !g_str_equal (format, "xlsx") && !g_str_equal (format, "csv"))
    {
      g_autofree char *msg =
        g_strdup_printf (_("Export to “%s” is not available in this version; use --format json, "
                           "pdf, xlsx or csv."), format);
      return wp_cli_usage_error (context, msg);
    }
  if (year == 0)
    return wp_cli_usage_error (context,
                               _("Say which plan to export with --year, e.g. --year 2025."));
  if (all_agencies && agency != NULL)
    return wp_cli_usage_error (context, _("Use either --agency or --all-agencies, not both."));
  if (all_agencies && !g_str_equal (format, "xlsx") && !g_str_equal (format, "csv"))
    return wp_cli_usage_error (context,
                               _("--all-agencies writes spreadsheets: add --format xlsx or "
                                  "--format csv."));
  if (all_agencies && (output == NULL || !g_file_test (output, G_FILE_TEST_IS_DIR)))
    return wp_cli_usage_error (context,
                               _("--all-agencies writes one file per agency: give an existing "
                                  "folder with -o FOLDER."));
  if (g_str_equal (format, "pdf") && (output == NULL || g_str_equal (output, "-")))
    return wp_cli_usage_error (context, _("A PDF is written to a file: add -o FILE.pdf."));

  if (!wp_cli_open_plan_of_year (context, year, as_of, &store, &plan, &status))
    return status;
  if (agency != NULL)
    {
      g_auto(GStrv) names = wp_store_list_plan_agency_names (store, wp_plan_get_id (plan),
                                                             &error);

      if (names == NULL)
        return wp_cli_fail (error->message);
      if (!g_strv_contains ((const char *const *) names, agency))
        {
          g_autofree char *msg =
            g_strdup_printf (_("No item of the %d plan is led or supported by “%s”. Check the "
                               "name as the plan writes it."), year, agency);
          return wp_cli_fail (msg);
        }
    }
  /* -o plan.db would replace every year's plan with one year's export. */
  if (!wp_output_refuse_plan_file (output, wp_store_get_path (store), &error))
    return wp_cli_fail (error->message);
  wp_output_remove_partial_on_signals ();

  if (g_str_equal (format, "pdf"))
    {
      if (!wp_briefing_write_pdf (store, wp_plan_get_id (plan), agency, NULL, output, &error))
        return wp_cli_fail (error->message);
      return EXIT_OK;
    }
  if (all_agencies)
    return write_agency_sheets (store, plan, format, output);
  if (g_str_equal (format, "xlsx") || g_str_equal (format, "csv"))
    {
      g_autoptr(WpSheet) sheet = wp_sheet_new (store, wp_plan_get_id (plan), agency, &error);
      gboolean xlsx = g_str_equal (format, "xlsx");

      if (sheet == NULL
          || !(xlsx ? wp_sheet_write_xlsx : wp_sheet_write_csv) (sheet, output ? output : "-",
                                                                 &error))
        return wp_cli_fail (error->message);
      return EXIT_OK;
    }

  {
    /* Written as it is made: the 100,000-item plan is 65 MB of text. */
    g_autoptr(WpOutput) out = wp_output_new (output);

    if (!wp_json_export_plan_to (store, wp_plan_get_id (plan), out, &error)
        || !wp_output_close (out, &error))
      return wp_cli_fail (error->message);
  }

  return EXIT_OK;
}
