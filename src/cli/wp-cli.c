/* wp-cli.c: the command-line subcommands (no widgets)
 *
 *   workplan list-plans [--db PATH] [--json]
 *   workplan export --format json|pdf|xlsx|csv --year N [--agency NAME] [--db PATH] [-o FILE]
 *   workplan import FILE.json|.xlsx|.xls|.csv [--year N] [--replace] [--db PATH] [--dry-run]
 *                   [--json]
 *   workplan import-report FILE.txt|.docx|.pdf --year N [--title T] [--organization O]
 *                 [--into-plan | --into-area TITLE] [--dry-run] [--json] [--db PATH]
 *   workplan note --year N --item TITLE-OR-UUID --text T [--date D] [--progress P]
 *                 [--status S] [--reporter NAME] [--db PATH]
 *   workplan reporting --year N [--period YYYY-MM] [--db PATH] [--json]
 *
 * Errors print one line on stderr and exit non-zero; the database is left
 * as it was.
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
#include "wp-cli.h"
#include "wp-cli-private.h"
#include "wp-reporting.h"

typedef int (*CommandFunc) (int argc, char **argv);

static int cmd_list_plans (int argc, char **argv);
static int cmd_summary (int argc, char **argv);
static int cmd_next_year (int argc, char **argv);

static const struct {
  const char  *name;
  CommandFunc  func;
  const char  *summary;
} commands[] = {
  { "list-plans", cmd_list_plans, N_("List the plans (years) in the database") },
  { "export", cmd_export, N_("Write a plan as JSON") },
  { "import", cmd_import, N_("Read a plan from a JSON file or a spreadsheet (.xlsx, .xls, .csv)") },
  { "summary", cmd_summary, N_("Draft the progress summary of a plan, as plain text") },
  { "note", cmd_note, N_("Add a progress note to an item") },
  { "next-year", cmd_next_year, N_("Start next year's plan with the work not done") },
  { "import-report", cmd_import_report, N_("Draft a plan from a prose work report") },
  { "collect", cmd_collect, N_("Merge the sheets agencies filled in back into the plan") },
  { "reporting", cmd_reporting, N_("Show which lead agencies have reported in a period") },
};

char *wp_cli_db_path;
static gboolean without_damaged_changes;

static GOptionEntry db_entries[] = {
  { "db", 0, 0, G_OPTION_ARG_FILENAME, &wp_cli_db_path,
    N_("The plan database (default: ~/.local/share/workplan/workplan.db)"), N_("PATH") },
  { "without-damaged-changes", 0, 0, G_OPTION_ARG_NONE, &without_damaged_changes,
    N_("Open a plan database whose latest changes are damaged without them (a copy of the "
       "file as it was is kept beside it)"), NULL },
  { NULL }
};

int
wp_cli_fail (const char *message)
{
  g_printerr ("workplan: %s\n", message);
  return EXIT_ERROR;
}

int
wp_cli_usage_error (GOptionContext *context,
                    const char     *message)
{
  g_printerr ("workplan: %s\n", message);
  g_printerr (_("Run “%s --help” to see how to use it.\n"),
              context ? g_option_context_get_summary (context) : "workplan");
  return EXIT_USAGE;
}

GOptionContext *
wp_cli_new_context (const char   *command,
                    const char   *parameters,
                    GOptionEntry *entries)
{
  GOptionContext *context = g_option_context_new (parameters);
  g_autofree char *summary = g_strdup_printf ("workplan %s", command);

  g_option_context_set_summary (context, summary);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_add_main_entries (context, db_entries, GETTEXT_PACKAGE);
  if (entries != NULL)
    g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  return context;
}

gboolean
wp_cli_parse_options (GOptionContext  *context,
                      int             *argc,
                      char          ***argv,
                      int             *status)
{
  g_autoptr(GError) error = NULL;

  if (!g_option_context_parse (context, argc, argv, &error))
    {
      *status = wp_cli_usage_error (context, error->message);
      return FALSE;
    }
  return TRUE;
}

WpStore *
wp_cli_open_store (WpStoreOpenFlags   flags,
                   GError           **error)
{
  g_autofree char *path = wp_cli_db_path ? g_strdup (wp_cli_db_path) : wp_store_default_path ();

  if (!(flags & WP_STORE_OPEN_READ_ONLY))
    {
      g_autofree char *dir = g_path_get_dirname (path);
      if (g_mkdir_with_parents (dir, 0700) != 0)
        {
          g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (errno),
                       _("Cannot create the folder “%s”: %s"), dir, g_strerror (errno));
          return NULL;
        }
    }

  g_autoptr(GError) local_error = NULL;
  WpStore *store = NULL;

  if (without_damaged_changes)
    flags |= WP_STORE_OPEN_DISCARD_DAMAGED_LOG;

  /* Reading never writes (nor waits for another program's write), except
   * to upgrade an older plan file, after a backup copy, when it can. */
  if (flags & WP_STORE_OPEN_READ_ONLY)
    {
      store = wp_store_open (path, flags, &local_error);
      if (store != NULL)
        return store;
      if (g_error_matches (local_error, WP_STORE_ERROR, WP_STORE_ERROR_NEEDS_UPGRADE)
          && g_access (path, W_OK) == 0)
        {
          g_clear_error (&local_error);
          flags &= ~WP_STORE_OPEN_READ_ONLY;
        }
    }

  if (local_error == NULL)
    store = wp_store_open (path, flags, &local_error);
  if (g_error_matches (local_error, WP_STORE_ERROR, WP_STORE_ERROR_DAMAGED_LOG))
    {
      /* TRANSLATORS: %s is the message that the latest changes are damaged */
      g_set_error (error, WP_STORE_ERROR, WP_STORE_ERROR_DAMAGED_LOG,
                   _("%s To open it without them here, run the command again with "
                      "--without-damaged-changes."), local_error->message);
      return NULL;
    }
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  /* A command that writes waits its turn behind another program's write
   * (a long import) instead of giving up after five seconds: nothing
   * waits for it on screen. */
  if (store != NULL && !(flags & WP_STORE_OPEN_READ_ONLY))
    wp_store_set_busy_timeout (store, 120 * 1000);
  return store;
}

static int
cmd_list_plans (int    argc,
                char **argv)
{
  gboolean as_json = FALSE;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &as_json, N_("Print JSON"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = wp_cli_new_context ("list-plans", "", entries);
  g_autoptr(GError) error = NULL;
  g_autoptr(WpStore) store = NULL;
  g_autoptr(GPtrArray) plans = NULL;
  g_autofree char *path = NULL;
  int status;

  if (!wp_cli_parse_options (context, &argc, &argv, &status))
    return status;
  if (argc > 1)
    return wp_cli_usage_error (context, _("list-plans takes no file names."));

  path = wp_cli_db_path ? g_strdup (wp_cli_db_path) : wp_store_default_path ();
  if (!g_file_test (path, G_FILE_TEST_EXISTS) && wp_cli_db_path == NULL)
    plans = g_ptr_array_new ();  /* nothing saved yet: no plans, no error */
  else
    {
      store = wp_cli_open_store (WP_STORE_OPEN_READ_ONLY, &error);
      if (store == NULL)
        return wp_cli_fail (error->message);
      plans = wp_store_list_plans (store, &error);
      if (plans == NULL)
        return wp_cli_fail (error->message);
    }

  if (as_json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonGenerator) generator = json_generator_new ();
      g_autoptr(JsonNode) root = NULL;
      g_autofree char *text = NULL;

      json_builder_begin_array (builder);
      for (guint i = 0; i < plans->len; i++)
        {
          WpPlan *plan = g_ptr_array_index (plans, i);

          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "year");
          json_builder_add_int_value (builder, wp_plan_get_year (plan));
          json_builder_set_member_name (builder, "title");
          json_builder_add_string_value (builder, wp_plan_get_title (plan));
          json_builder_set_member_name (builder, "organization");
          json_builder_add_string_value (builder, wp_plan_get_organization (plan));
          json_builder_set_member_name (builder, "items");
          json_builder_add_int_value (builder, wp_store_count_items (store, wp_plan_get_id (plan),
                                                                     NULL));
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);

      root = json_builder_get_root (builder);
      json_generator_set_pretty (generator, TRUE);
      json_generator_set_root (generator, root);
      text = json_generator_to_data (generator, NULL);
      g_print ("%s\n", text);
      return EXIT_OK;
    }

  if (plans->len == 0)
    {
      g_printerr (_("No plans yet. Import one with “workplan import FILE.json”.\n"));
      return EXIT_OK;
    }

  for (guint i = 0; i < plans->len; i++)
    {
      WpPlan *plan = g_ptr_array_index (plans, i);
      guint n = wp_store_count_items (store, wp_plan_get_id (plan), NULL);

      g_print ("%d\t%s\t%s\t", wp_plan_get_year (plan), wp_plan_get_title (plan),
               wp_plan_get_organization (plan));
      g_print (g_dngettext (GETTEXT_PACKAGE, "%u item\n", "%u items\n", n), n);
    }

  return EXIT_OK;
}

/* Opens the database to read the plan of @year, judging deadlines on
 * @as_of (an ISO date) when given. On failure, *status is the exit status
 * and the message has been printed. */
gboolean
wp_cli_open_plan_of_year (GOptionContext  *context,
                          int              year,
                          const char      *as_of,
                          WpStore        **store_out,
                          WpPlan         **plan_out,
                          int             *status)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WpStore) store = wp_cli_open_store (WP_STORE_OPEN_READ_ONLY, &error);
  g_autoptr(WpPlan) plan = NULL;

  if (store == NULL)
    {
      *status = wp_cli_fail (error->message);
      return FALSE;
    }
  if (as_of != NULL)
    {
      GDate day;

      if (!wp_date_from_iso (as_of, &day))
        {
          *status = wp_cli_usage_error (context, _("--as-of must be a date such as 2025-06-30."));
          return FALSE;
        }
      wp_store_set_judging (store, &day, WP_LIGHT_DEFAULT_DUE_SOON_DAYS);
    }
  plan = wp_store_get_plan_by_year (store, year, &error);
  if (plan == NULL)
    {
      *status = wp_cli_fail (error->message);
      return FALSE;
    }
  *store_out = g_steal_pointer (&store);
  *plan_out = g_steal_pointer (&plan);
  return TRUE;
}

static int
cmd_summary (int    argc,
             char **argv)
{
  g_autofree char *agency = NULL;
  g_autofree char *as_of = NULL;
  int year = 0;
  GOptionEntry entries[] = {
    { "year", 'y', 0, G_OPTION_ARG_INT, &year, N_("The plan's year"), N_("YEAR") },
    { "agency", 0, 0, G_OPTION_ARG_STRING, &agency,
      N_("Only the items this agency leads or supports"), N_("NAME") },
    { "as-of", 0, 0, G_OPTION_ARG_STRING, &as_of,
      N_("Judge deadlines on this day instead of today"), N_("YYYY-MM-DD") },
    { NULL }
  };
  g_autoptr(GOptionContext) context = wp_cli_new_context ("summary", "", entries);
  g_autoptr(GError) error = NULL;
  g_autoptr(WpStore) store = NULL;
  g_autoptr(WpPlan) plan = NULL;
  g_autoptr(WpPlanStats) stats = NULL;
  g_autofree char *text = NULL;
  int status;

  if (!wp_cli_parse_options (context, &argc, &argv, &status))
    return status;
  if (argc > 1)
    return wp_cli_usage_error (context, _("summary takes no file names."));
  if (year == 0)
    return wp_cli_usage_error (context,
                               _("Say which plan to summarise with --year, e.g. --year 2025."));

  if (!wp_cli_open_plan_of_year (context, year, as_of, &store, &plan, &status))
    return status;

  stats = wp_plan_stats_compute (store, wp_plan_get_id (plan), agency, &error);
  if (stats == NULL)
    return wp_cli_fail (error->message);
  text = wp_plan_stats_compose_summary (stats, wp_plan_get_title (plan));
  g_print ("%s\n", text);
  return EXIT_OK;
}

static int
cmd_next_year (int    argc,
               char **argv)
{
  gboolean keep_progress = FALSE;
  int year = 0;
  GOptionEntry entries[] = {
    { "year", 'y', 0, G_OPTION_ARG_INT, &year, N_("The plan's year to start from"), N_("YEAR") },
    { "keep-progress", 0, 0, G_OPTION_ARG_NONE, &keep_progress,
      N_("Keep each item's status and progress instead of starting at 0"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = wp_cli_new_context ("next-year", "", entries);
  g_autoptr(GError) error = NULL;
  g_autoptr(WpStore) store = NULL;
  g_autoptr(WpPlan) plan = NULL;
  g_autoptr(WpPlan) next = NULL;
  g_autoptr(GArray) carried = NULL;
  int status;

  if (!wp_cli_parse_options (context, &argc, &argv, &status))
    return status;
  if (argc > 1)
    return wp_cli_usage_error (context, _("next-year takes no file names."));
  if (year == 0)
    return wp_cli_usage_error (context,
                               _("Say which plan to start from with --year, e.g. --year 2025."));

  store = wp_cli_open_store (WP_STORE_OPEN_DEFAULT, &error);
  if (store == NULL)
    return wp_cli_fail (error->message);
  plan = wp_store_get_plan_by_year (store, year, &error);
  if (plan == NULL)
    return wp_cli_fail (error->message);
  next = wp_store_start_next_year (store, wp_plan_get_id (plan),
                                   keep_progress ? WP_NEXT_YEAR_KEEP_PROGRESS
                                                 : WP_NEXT_YEAR_DEFAULT,
                                   &carried, &error);
  if (next == NULL)
    return wp_cli_fail (error->message);

  g_print (g_dngettext (GETTEXT_PACKAGE,
                        "Started the %d plan: %u item of %d carried over.\n",
                        "Started the %d plan: %u items of %d carried over.\n", carried->len),
           wp_plan_get_year (next), carried->len, year);
  return EXIT_OK;
}

static void
print_help (void)
{
  g_print ("%s\n\n", _("Usage:"));
  g_print ("  workplan [--db PATH]                 %s\n", _("Open the app"));
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    g_print ("  workplan %-28s %s\n", commands[i].name, _(commands[i].summary));
  g_print ("\n%s\n", _("Run “workplan COMMAND --help” for the options of a command."));
}

gboolean
wp_cli_handles (int    argc,
                char **argv)
{
  if (argc < 2)
    return FALSE;

  if (g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h")
      || g_str_equal (argv[1], "help") || g_str_equal (argv[1], "--version"))
    return TRUE;

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if (g_str_equal (argv[1], commands[i].name))
      return TRUE;

  return FALSE;
}

int
wp_cli_run (int    argc,
            char **argv)
{
  g_return_val_if_fail (wp_cli_handles (argc, argv), EXIT_USAGE);

  if (g_str_equal (argv[1], "--version"))
    {
      g_print ("workplan %s\n", PACKAGE_VERSION);
      return EXIT_OK;
    }

  if (!g_str_equal (argv[1], "--help") && !g_str_equal (argv[1], "-h")
      && !g_str_equal (argv[1], "help"))
    {
      for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
        if (g_str_equal (argv[1], commands[i].name))
          {
            int status = commands[i].func (argc - 1, argv + 1);
            g_clear_pointer (&wp_cli_db_path, g_free);
            return status;
          }
    }

  print_help ();
  return EXIT_OK;
}

