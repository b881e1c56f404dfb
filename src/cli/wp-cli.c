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
#include "wp-reporting.h"

enum {
  EXIT_OK = 0,
  EXIT_ERROR = 1,
  EXIT_USAGE = 2,
  /* collect --skip-refused: the sound sheets were collected, others not */
  EXIT_PARTIAL = 3,
};

typedef int (*CommandFunc) (int argc, char **argv);

static int cmd_list_plans (int argc, char **argv);
static int cmd_export (int argc, char **argv);
static int cmd_import (int argc, char **argv);
static int cmd_summary (int argc, char **argv);
static int cmd_note (int argc, char **argv);
static int cmd_next_year (int argc, char **argv);
static int cmd_import_report (int argc, char **argv);
static int cmd_collect (int argc, char **argv);
static int cmd_reporting (int argc, char **argv);

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

static char *db_path;
static gboolean without_damaged_changes;

static GOptionEntry db_entries[] = {
  { "db", 0, 0, G_OPTION_ARG_FILENAME, &db_path,
    N_("The plan database (default: ~/.local/share/workplan/workplan.db)"), N_("PATH") },
  { "without-damaged-changes", 0, 0, G_OPTION_ARG_NONE, &without_damaged_changes,
    N_("Open a plan database whose latest changes are damaged without them (a copy of the "
       "file as it was is kept beside it)"), NULL },
  { NULL }
};

static int
fail (const char *message)
{
  g_printerr ("workplan: %s\n", message);
  return EXIT_ERROR;
}

static int
usage_error (GOptionContext *context,
             const char     *message)
{
  g_printerr ("workplan: %s\n", message);
  g_printerr (_("Run “%s --help” to see how to use it.\n"),
              context ? g_option_context_get_summary (context) : "workplan");
  return EXIT_USAGE;
}

static GOptionContext *
new_context (const char   *command,
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

static gboolean
parse_options (GOptionContext  *context,
               int             *argc,
               char          ***argv,
               int             *status)
{
  g_autoptr(GError) error = NULL;

  if (!g_option_context_parse (context, argc, argv, &error))
    {
      *status = usage_error (context, error->message);
      return FALSE;
    }
  return TRUE;
}

static WpStore *
open_store (WpStoreOpenFlags   flags,
            GError           **error)
{
  g_autofree char *path = db_path ? g_strdup (db_path) : wp_store_default_path ();

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
  g_autoptr(GOptionContext) context = new_context ("list-plans", "", entries);
  g_autoptr(GError) error = NULL;
  g_autoptr(WpStore) store = NULL;
  g_autoptr(GPtrArray) plans = NULL;
  g_autofree char *path = NULL;
  int status;

  if (!parse_options (context, &argc, &argv, &status))
    return status;
  if (argc > 1)
    return usage_error (context, _("list-plans takes no file names."));

  path = db_path ? g_strdup (db_path) : wp_store_default_path ();
  if (!g_file_test (path, G_FILE_TEST_EXISTS) && db_path == NULL)
    plans = g_ptr_array_new ();  /* nothing saved yet: no plans, no error */
  else
    {
      store = open_store (WP_STORE_OPEN_READ_ONLY, &error);
      if (store == NULL)
        return fail (error->message);
      plans = wp_store_list_plans (store, &error);
      if (plans == NULL)
        return fail (error->message);
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
static gboolean
open_plan_of_year (GOptionContext  *context,
                   int              year,
                   const char      *as_of,
                   WpStore        **store_out,
                   WpPlan         **plan_out,
                   int             *status)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WpStore) store = open_store (WP_STORE_OPEN_READ_ONLY, &error);
  g_autoptr(WpPlan) plan = NULL;

  if (store == NULL)
    {
      *status = fail (error->message);
      return FALSE;
    }
  if (as_of != NULL)
    {
      GDate day;

      if (!wp_date_from_iso (as_of, &day))
        {
          *status = usage_error (context, _("--as-of must be a date such as 2025-06-30."));
          return FALSE;
        }
      wp_store_set_judging (store, &day, WP_LIGHT_DEFAULT_DUE_SOON_DAYS);
    }
  plan = wp_store_get_plan_by_year (store, year, &error);
  if (plan == NULL)
    {
      *status = fail (error->message);
      return FALSE;
    }
  *store_out = g_steal_pointer (&store);
  *plan_out = g_steal_pointer (&plan);
  return TRUE;
}

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
    return fail (error->message);
  if (names[0] == NULL)
    return fail (_("No item of the plan names a lead agency or a co-agency yet."));
  for (guint i = 0; names[i] != NULL; i++)
    {
      g_autofree char *base = wp_sheet_agency_file_name (wp_plan_get_year (plan), names[i],
                                                           format);
      g_autofree char *path = g_build_filename (folder, base, NULL);
      g_autoptr(WpSheet) sheet = wp_sheet_new (store, wp_plan_get_id (plan), names[i], &error);

      if (sheet == NULL
          || !(g_str_equal (format, "xlsx") ? wp_sheet_write_xlsx
                                             : wp_sheet_write_csv) (sheet, path, &error))
        return fail (error->message);
      g_print ("%s\n", path);
    }
  return EXIT_OK;
}

static int
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
  g_autoptr(GOptionContext) context = new_context ("export", "", entries);
  g_autoptr(GError) error = NULL;
  g_autoptr(WpStore) store = NULL;
  g_autoptr(WpPlan) plan = NULL;
  int status;

  if (!parse_options (context, &argc, &argv, &status))
    return status;
  if (argc > 1)
    return usage_error (context, _("export takes no file names; use -o FILE."));
  if (format == NULL)
    format = g_strdup ("json");
  if (!g_str_equal (format, "json") && !g_str_equal (format, "pdf")
      && !g_str_equal (format, "xlsx") && !g_str_equal (format, "csv"))
    {
      g_autofree char *msg =
        g_strdup_printf (_("Export to “%s” is not available in this version; use --format json, "
                           "pdf, xlsx or csv."), format);
      return usage_error (context, msg);
    }
  if (year == 0)
    return usage_error (context, _("Say which plan to export with --year, e.g. --year 2025."));
  if (all_agencies && agency != NULL)
    return usage_error (context, _("Use either --agency or --all-agencies, not both."));
  if (all_agencies && !g_str_equal (format, "xlsx") && !g_str_equal (format, "csv"))
    return usage_error (context, _("--all-agencies writes spreadsheets: add --format xlsx or "
                                   "--format csv."));
  if (all_agencies && (output == NULL || !g_file_test (output, G_FILE_TEST_IS_DIR)))
    return usage_error (context, _("--all-agencies writes one file per agency: give an existing "
                                   "folder with -o FOLDER."));
  if (g_str_equal (format, "pdf") && (output == NULL || g_str_equal (output, "-")))
    return usage_error (context, _("A PDF is written to a file: add -o FILE.pdf."));

  if (!open_plan_of_year (context, year, as_of, &store, &plan, &status))
    return status;
  if (agency != NULL)
    {
      g_auto(GStrv) names = wp_store_list_plan_agency_names (store, wp_plan_get_id (plan),
                                                             &error);

      if (names == NULL)
        return fail (error->message);
      if (!g_strv_contains ((const char *const *) names, agency))
        {
          g_autofree char *msg =
            g_strdup_printf (_("No item of the %d plan is led or supported by “%s”. Check the "
                               "name as the plan writes it."), year, agency);
          return fail (msg);
        }
    }
  /* -o plan.db would replace every year's plan with one year's export. */
  if (!wp_output_refuse_plan_file (output, wp_store_get_path (store), &error))
    return fail (error->message);
  wp_output_remove_partial_on_signals ();

  if (g_str_equal (format, "pdf"))
    {
      if (!wp_briefing_write_pdf (store, wp_plan_get_id (plan), agency, NULL, output, &error))
        return fail (error->message);
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
        return fail (error->message);
      return EXIT_OK;
    }

  {
    /* Written as it is made: the 100,000-item plan is 65 MB of text. */
    g_autoptr(WpOutput) out = wp_output_new (output);

    if (!wp_json_export_plan_to (store, wp_plan_get_id (plan), out, &error)
        || !wp_output_close (out, &error))
      return fail (error->message);
  }

  return EXIT_OK;
}

/* What a failed import may remove: the plan file, its journals and the
 * folders made for it, each only if it did not exist before the import. */
static const char *const plan_file_suffixes[] = { "", "-wal", "-shm", "-journal" };

/* The plan file's names and folders that do not exist yet, files first,
 * then folders from the innermost. */
static GPtrArray *
list_missing_plan_files (const char *path)
{
  GPtrArray *missing = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *folder = g_path_get_dirname (path);
  GStatBuf st;

  for (guint i = 0; i < G_N_ELEMENTS (plan_file_suffixes); i++)
    {
      char *name = g_strconcat (path, plan_file_suffixes[i], NULL);

      if (g_lstat (name, &st) != 0 && errno == ENOENT)
        g_ptr_array_add (missing, name);
      else
        g_free (name);
    }
  while (g_lstat (folder, &st) != 0 && errno == ENOENT)
    {
      char *parent = g_path_get_dirname (folder);

      g_ptr_array_add (missing, g_steal_pointer (&folder));
      folder = parent;
      if (g_str_equal (folder, g_ptr_array_index (missing, missing->len - 1)))
        break;
    }
  return missing;
}

/* After an import that failed into a plan file it created (a full disk
 * leaves it empty), removes what it created, so that the next try starts
 * afresh. Never a file that existed before, nor one another process has
 * taken up meanwhile. @store is closed first. */
static void
remove_created_plan_files (const char  *path,
                           GPtrArray   *missing,
                           WpStore    **store)
{
  if (missing->len == 0 || !g_str_equal (g_ptr_array_index (missing, 0), path))
    return;  /* the plan file existed: the import changed nothing in it */

  if (*store != NULL)
    {
      g_autoptr(GPtrArray) plans = wp_store_list_plans (*store, NULL);

      if (plans == NULL || plans->len > 0)
        return;  /* another process imported a plan into it meanwhile */
    }
  g_clear_object (store);
  if (wp_store_file_in_use (path))
    return;

  for (guint i = 0; i < missing->len; i++)
    {
      const char *name = g_ptr_array_index (missing, i);

      if (i < G_N_ELEMENTS (plan_file_suffixes))
        g_unlink (name);  /* ENOENT for a journal never made */
      else
        g_rmdir (name);  /* only if empty */
    }
}

/* How many backups to keep: the user's preference, when the settings
 * schema that has it is installed */
static guint
backups_kept (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = source ? g_settings_schema_source_lookup (source, APP_ID,
                                                                                TRUE) : NULL;
  g_autoptr(GSettings) settings = NULL;

  if (schema == NULL || !g_settings_schema_has_key (schema, "backups-kept"))
    return WP_BACKUP_DEFAULT_KEPT;
  settings = g_settings_new_full (schema, NULL, NULL);
  return (guint) MAX (g_settings_get_int (settings, "backups-kept"), 1);
}

/* A backup of a file that holds plans, before an import adds to it or
 * replaces one (not before one that will be refused) */
static gboolean
back_up_before_import (WpStore   *store,
                       int        year,
                       gboolean   replace,
                       GError   **error)
{
  g_autoptr(GPtrArray) plans = wp_store_list_plans (store, error);
  g_autofree char *backup = NULL;
  gboolean replacing = FALSE;

  if (plans == NULL)
    return FALSE;
  if (plans->len == 0)
    return TRUE;
  for (guint i = 0; i < plans->len; i++)
    replacing |= wp_plan_get_year (g_ptr_array_index (plans, i)) == year;
  if (replacing && !replace)
    return TRUE;

  backup = wp_backup_take (store, replacing ? WP_BACKUP_BEFORE_REPLACE : WP_BACKUP_BEFORE_IMPORT,
                           backups_kept (), error);
  if (backup == NULL)
    g_prefix_error (error, _("Nothing was imported: the plan file could not be backed up "
                             "first. "));
  return backup != NULL;
}

static guint
count_json_items (JsonArray *items)
{
  guint n = json_array_get_length (items);
  guint total = n;

  for (guint i = 0; i < n; i++)
    {
      JsonObject *item = json_array_get_object_element (items, i);
      if (item != NULL && json_object_has_member (item, "children"))
        total += count_json_items (json_object_get_array_member (item, "children"));
    }
  return total;
}

/* What --dry-run says of the draft @json: its year, title and items */
static void
print_draft_summary (const char *json,
                     int         year)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *root, *plan;

  if (g_str_has_prefix (json, "\xef\xbb\xbf"))
    json += 3;  /* (a byte order mark is not JSON) */
  if (!json_parser_load_from_data (parser, json, -1, NULL))
    return;
  root = json_node_get_object (json_parser_get_root (parser));
  plan = json_object_get_object_member (root, "plan");
  g_print (_("Would import the %d plan “%s” (%u items); nothing was written.\n"),
           year > 0 ? year : (int) json_object_get_int_member (plan, "year"),
           json_object_get_string_member (plan, "title"),
           count_json_items (json_object_get_array_member (root, "items")));
}

static int
cmd_import (int    argc,
            char **argv)
{
  gboolean replace = FALSE, dry_run = FALSE, as_json = FALSE;
  int year = 0;
  GOptionEntry entries[] = {
    { "year", 'y', 0, G_OPTION_ARG_INT, &year,
      N_("File the plan under this year instead of the file's own"), N_("YEAR") },
    { "replace", 0, 0, G_OPTION_ARG_NONE, &replace,
      N_("Replace an existing plan of the same year"), NULL },
    { "dry-run", 0, 0, G_OPTION_ARG_NONE, &dry_run,
      N_("Read and check the file but write nothing"), NULL },
    { "json", 0, 0, G_OPTION_ARG_NONE, &as_json,
      N_("With --dry-run, print the plan as read, as interchange JSON"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = new_context ("import", _("FILE.json|.xlsx|.xls|.csv"),
                                                   entries);
  g_autofree char *draft = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(WpStore) store = NULL;
  g_autoptr(WpPlan) plan = NULL;
  g_autoptr(WpJsonDocument) doc = NULL;
  g_autoptr(GPtrArray) missing = NULL;
  g_autofree char *path = NULL;
  const char *file;
  int status;

  if (!parse_options (context, &argc, &argv, &status))
    return status;
  if (argc != 2)
    return usage_error (context, _("Give exactly one file to import."));
  file = argv[1];

  if (year < 0 || year > 9999)
    return usage_error (context, _("--year must be a year such as 2025."));
  if (as_json && !dry_run)
    return usage_error (context, _("--json prints the plan instead of importing it: use it "
                                   "with --dry-run."));

  /* Read and check the whole file before creating or opening any database:
   * a sheet becomes interchange JSON, checked as any JSON file is. */
  if (!wp_sheet_import_is_spreadsheet (file))
    doc = wp_json_document_load (file, &error);
  else
    {
      draft = wp_sheet_import_file (file, year, &error);
      if (draft != NULL)
        doc = wp_json_document_parse (draft, -1, &error);
    }
  if (doc == NULL)
    {
      g_autofree char *msg = g_strdup_printf ("%s: %s", file, error->message);
      return fail (msg);
    }
  if (dry_run)
    {
      g_autofree char *text = NULL;

      if (draft == NULL && !g_file_get_contents (file, &text, NULL, &error))
        return fail (error->message);
      if (as_json)
        g_print ("%s\n", draft != NULL ? draft : text);
      else
        print_draft_summary (draft != NULL ? draft : text, year);
      return EXIT_OK;
    }

  path = db_path ? g_strdup (db_path) : wp_store_default_path ();
  missing = list_missing_plan_files (path);
  store = open_store (WP_STORE_OPEN_DEFAULT, &error);
  if (store == NULL)
    {
      remove_created_plan_files (path, missing, &store);
      return fail (error->message);
    }
  if (!back_up_before_import (store, year ? year : wp_json_document_get_year (doc), replace,
                              &error))
    return fail (error->message);

  plan = wp_json_document_write (doc, store, year, replace, &error);
  if (plan == NULL)
    {
      g_autofree char *msg = NULL;

      remove_created_plan_files (path, missing, &store);

      if (g_error_matches (error, WP_STORE_ERROR, WP_STORE_ERROR_EXISTS))
        msg = g_strdup_printf (_("%s Use --replace to replace it, or --year to import it as "
                                 "another year."), error->message);
      else
        msg = g_strdup_printf ("%s: %s", file, error->message);
      return fail (msg);
    }

  g_print (_("Imported the %d plan “%s” (%u items).\n"), wp_plan_get_year (plan),
           wp_plan_get_title (plan), wp_store_count_items (store, wp_plan_get_id (plan), NULL));
  if (wp_json_document_get_missing_attachments (doc) > 0)
    {
      guint n = wp_json_document_get_missing_attachments (doc);

      /* (a JSON file names evidence files; their bytes travel in the plan
       * file, with Save a Copy) */
      g_printerr (g_dngettext (GETTEXT_PACKAGE,
                               "%u attachment named in the file was left out: its content is "
                               "not in this plan file. Copy the plan file itself to keep "
                               "attachments.\n",
                               "%u attachments named in the file were left out: their content "
                               "is not in this plan file. Copy the plan file itself to keep "
                               "attachments.\n", n), n);
    }
  return EXIT_OK;
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
  g_autoptr(GOptionContext) context = new_context ("summary", "", entries);
  g_autoptr(GError) error = NULL;
  g_autoptr(WpStore) store = NULL;
  g_autoptr(WpPlan) plan = NULL;
  g_autoptr(WpPlanStats) stats = NULL;
  g_autofree char *text = NULL;
  int status;

  if (!parse_options (context, &argc, &argv, &status))
    return status;
  if (argc > 1)
    return usage_error (context, _("summary takes no file names."));
  if (year == 0)
    return usage_error (context, _("Say which plan to summarise with --year, e.g. --year 2025."));

  if (!open_plan_of_year (context, year, as_of, &store, &plan, &status))
    return status;

  stats = wp_plan_stats_compute (store, wp_plan_get_id (plan), agency, &error);
  if (stats == NULL)
    return fail (error->message);
  text = wp_plan_stats_compose_summary (stats, wp_plan_get_title (plan));
  g_print ("%s\n", text);
  return EXIT_OK;
}

/* Collects the live items of @plan_id under @parent_id, at any depth, whose
 * uuid or title is @name. A uuid names one item, so when one matches it is
 * the only match. */
static gboolean
find_items_named (WpStore     *store,
                  gint64       plan_id,
                  gint64       parent_id,
                  const char  *name,
                  GPtrArray   *titled,
                  WpItem     **by_uuid,
                  GError     **error)
{
  g_autoptr(GPtrArray) children = wp_store_list_children (store, plan_id, parent_id, error);

  if (children == NULL)
    return FALSE;
  for (guint i = 0; i < children->len && *by_uuid == NULL; i++)
    {
      WpItem *item = g_ptr_array_index (children, i);

      if (g_ascii_strcasecmp (wp_item_get_uuid (item), name) == 0)
        {
          *by_uuid = g_object_ref (item);
          return TRUE;
        }
      if (g_str_equal (wp_item_get_title (item), name))
        g_ptr_array_add (titled, g_object_ref (item));
      if (wp_item_get_n_children (item) > 0
          && !find_items_named (store, plan_id, wp_item_get_id (item), name, titled, by_uuid,
                                error))
        return FALSE;
    }
  return TRUE;
}

/* "Area › Key task › Action": where an item sits, so that a user can tell
 * items of the same title apart. */
static char *
item_path (WpStore *store,
           WpItem  *item)
{
  g_autoptr(GPtrArray) titles = g_ptr_array_new_with_free_func (g_free);
  gint64 parent_id = wp_item_get_parent_id (item);

  g_ptr_array_add (titles, g_strdup (wp_item_get_title (item)));
  while (parent_id != 0)
    {
      g_autoptr(WpItem) parent = wp_store_get_item (store, parent_id, NULL);

      if (parent == NULL)
        break;
      g_ptr_array_insert (titles, 0, g_strdup (wp_item_get_title (parent)));
      parent_id = wp_item_get_parent_id (parent);
    }
  g_ptr_array_add (titles, NULL);
  return g_strjoinv (" › ", (char **) titles->pdata);
}

/* The item of @plan named by @name (its uuid or its title). A title shared
 * by several items is refused: writing to whichever came first would put the
 * note on an item the user did not mean. On failure, *status is the exit
 * status and the message has been printed. */
static WpItem *
find_note_item (WpStore     *store,
                WpPlan      *plan,
                const char  *name,
                int         *status)
{
  g_autoptr(GPtrArray) titled = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;
  g_autoptr(WpItem) by_uuid = NULL;
  g_autoptr(GString) choices = NULL;

  if (!find_items_named (store, wp_plan_get_id (plan), 0, name, titled, &by_uuid, &error))
    {
      *status = fail (error->message);
      return NULL;
    }
  if (by_uuid != NULL)
    return g_steal_pointer (&by_uuid);
  if (titled->len == 1)
    return g_object_ref (g_ptr_array_index (titled, 0));

  if (titled->len == 0)
    {
      g_autofree char *msg =
        g_strdup_printf (_("The %d plan has no item titled “%s”; give its exact title or its "
                           "uuid with --item."), wp_plan_get_year (plan), name);
      *status = fail (msg);
      return NULL;
    }

  /* One line saying what to do, then one line per item to pick from. */
  choices = g_string_new (NULL);
  g_string_printf (choices,
                   g_dngettext (GETTEXT_PACKAGE,
                                "%u item of the %d plan is titled “%s”; name the one you mean "
                                "by its uuid, e.g. --item %s:",
                                "%u items of the %d plan are titled “%s”; name the one you mean "
                                "by its uuid, e.g. --item %s:", titled->len),
                   titled->len, wp_plan_get_year (plan), name,
                   wp_item_get_uuid (g_ptr_array_index (titled, 0)));
  for (guint i = 0; i < titled->len; i++)
    {
      WpItem *item = g_ptr_array_index (titled, i);
      g_autofree char *path = item_path (store, item);

      g_string_append_printf (choices, "\n  %s  %s  (%s)", wp_item_get_uuid (item), path,
                              wp_item_kind_to_label (wp_item_get_kind (item)));
    }
  *status = fail (choices->str);
  return NULL;
}

static int
cmd_note (int    argc,
          char **argv)
{
  g_autofree char *name = NULL;
  g_autofree char *text = NULL;
  g_autofree char *date_text = NULL;
  g_autofree char *progress_text = NULL;
  g_autofree char *status_text = NULL;
  g_autofree char *reporter = NULL;
  int year = 0;
  GOptionEntry entries[] = {
    { "year", 'y', 0, G_OPTION_ARG_INT, &year, N_("The plan's year"), N_("YEAR") },
    { "item", 0, 0, G_OPTION_ARG_STRING, &name, N_("The item, by its title or its uuid"),
      N_("TITLE-OR-UUID") },
    { "text", 0, 0, G_OPTION_ARG_STRING, &text, N_("What the note says"), N_("TEXT") },
    { "date", 0, 0, G_OPTION_ARG_STRING, &date_text,
      N_("The day the note reports on (default: today)"), N_("YYYY-MM-DD") },
    { "progress", 0, 0, G_OPTION_ARG_STRING, &progress_text,
      N_("Also set the item's progress, in percent"), N_("0-100") },
    { "status", 0, 0, G_OPTION_ARG_STRING, &status_text,
      N_("Also set the item's status: not_started, in_progress, done or suspended"),
      N_("STATUS") },
    { "reporter", 0, 0, G_OPTION_ARG_STRING, &reporter,
      N_("Who reported it, e.g. the lead agency"), N_("NAME") },
    { NULL }
  };
  g_autoptr(GOptionContext) context = new_context ("note", "", entries);
  g_autoptr(GError) error = NULL;
  g_autoptr(WpStore) store = NULL;
  g_autoptr(WpPlan) plan = NULL;
  g_autoptr(WpItem) item = NULL;
  WpItemStatus item_status;
  gint64 progress = -1;
  GDate date;
  int status;

  if (!parse_options (context, &argc, &argv, &status))
    return status;
  if (argc > 1)
    return usage_error (context, _("note takes no file names."));
  if (year == 0)
    return usage_error (context, _("Say which plan the item is in with --year, e.g. --year 2025."));
  if (name == NULL || *name == '\0')
    return usage_error (context, _("Say which item the note is for with --item TITLE-OR-UUID."));
  if (text == NULL || *g_strstrip (text) == '\0')
    return usage_error (context, _("Say what the note says with --text."));
  if (!g_utf8_validate (text, -1, NULL) || !g_utf8_validate (name, -1, NULL))
    return usage_error (context, _("--item and --text must be UTF-8 text."));
  if (reporter != NULL && !g_utf8_validate (reporter, -1, NULL))
    return usage_error (context, _("--reporter must be UTF-8 text."));
  if (date_text == NULL)
    wp_date_get_reference (&date);  /* the day the app would date it */
  else if (!wp_date_from_iso (date_text, &date))
    return usage_error (context, _("--date must be a date such as 2025-06-30."));
  if (progress_text != NULL
      && !g_ascii_string_to_signed (progress_text, 10, 0, 100, &progress, NULL))
    return usage_error (context, _("--progress must be a whole number from 0 to 100."));
  if (status_text != NULL && !wp_item_status_from_string (status_text, &item_status))
    return usage_error (context, _("--status must be not_started, in_progress, done or "
                                   "suspended."));

  store = open_store (WP_STORE_OPEN_DEFAULT, &error);
  if (store == NULL)
    return fail (error->message);

  /* The item is looked up inside the transaction, so that no other program
   * can delete or rename it between finding it and writing to it. */
  if (!wp_store_begin (store, &error))
    return fail (error->message);
  plan = wp_store_get_plan_by_year (store, year, &error);
  if (plan == NULL)
    {
      wp_store_rollback (store);
      return fail (error->message);
    }
  item = find_note_item (store, plan, name, &status);
  if (item == NULL)
    {
      wp_store_rollback (store);
      return status;
    }

  if (wp_store_add_note_by (store, wp_item_get_id (item), &date, text, (int) progress, reporter,
                            &error) == 0
      || (progress >= 0
          && !wp_store_set_item_int (store, wp_item_get_id (item), "progress", (int) progress,
                                     &error))
      || (status_text != NULL
          && !wp_store_set_item_string (store, wp_item_get_id (item), "status", status_text,
                                        &error)))
    {
      wp_store_rollback (store);
      return fail (error->message);
    }
  /* A commit that fails has rolled back by itself. */
  if (!wp_store_commit (store, &error))
    return fail (error->message);

  {
    g_autofree char *iso = wp_date_to_iso (&date);
    g_print (_("Added a progress note of %s to “%s”.\n"), iso, wp_item_get_title (item));
  }
  return EXIT_OK;
}

/* collect: what each returned sheet asks for, printed per item; written in
 * one transaction after a backup, or not at all */
static void
print_collect (WpCollect *collect)
{
  for (guint i = 0; i < collect->sheets->len; i++)
    {
      WpCollectSheet *sheet = g_ptr_array_index (collect->sheets, i);

      if (sheet->refusal != NULL)
        /* Translators: a returned sheet refused whole: file, why */
        g_print (_("Refused: %s: %s\n"), sheet->file, sheet->refusal);
    }
  for (guint i = 0; i < collect->rows->len; i++)
    {
      WpCollectRow *row = g_ptr_array_index (collect->rows, i);
      g_autoptr(GString) what = g_string_new (NULL);

      if (row->sheet->left_out && row->refusal == NULL)
        continue;
      if (row->refusal != NULL)
        {
          /* Translators: a refused row of a returned sheet: file, row, title, why */
          g_print (_("Refused: %s, row %u, “%s”: %s\n"), row->file, row->row, row->title,
                   row->refusal);
          continue;
        }
      if (row->set_status)
        /* Translators: a status change collected from a sheet: from, to */
        g_string_append_printf (what, _("status %s → %s"),
                                wp_item_status_to_label (row->old_status),
                                wp_item_status_to_label (row->status));
      if (row->set_progress)
        {
          if (what->len > 0)
            g_string_append (what, _(", "));
          /* Translators: a progress change collected from a sheet: from, to */
          g_string_append_printf (what, _("progress %d%% → %d%%"), row->old_progress,
                                  row->progress);
        }
      if (row->note != NULL)
        {
          if (what->len > 0)
            g_string_append (what, _(", "));
          g_string_append (what, _("a progress note"));
        }
      /* Translators: a change collected from a sheet: file, row, title, what */
      g_print (_("%s, row %u, “%s”: %s\n"), row->file, row->row, row->title, what->str);
    }
  for (guint i = 0; i < collect->sheets->len; i++)
    {
      WpCollectSheet *sheet = g_ptr_array_index (collect->sheets, i);

      if (sheet->left_out)
        /* Translators: a returned sheet left out by --skip-refused */
        g_print (_("Left out: %s (nothing of it is collected)\n"), sheet->file);
    }
}

/* What the refusals mean for the set, on stderr */
static void
print_collect_refusals (WpCollect *collect,
                        gboolean   skipped)
{
  guint n_sheets = 0;

  for (guint i = 0; i < collect->sheets->len; i++)
    {
      WpCollectSheet *sheet = g_ptr_array_index (collect->sheets, i);

      n_sheets += sheet->left_out || !wp_collect_sheet_is_sound (sheet);
    }
  g_printerr ("workplan: ");
  if (skipped)
    {
      g_printerr (g_dngettext (GETTEXT_PACKAGE,
                               "%u sheet was left out (--skip-refused) and the others "
                               "collected. Ask its agency to correct it and send it again.\n",
                               "%u sheets were left out (--skip-refused) and the others "
                               "collected. Ask their agencies to correct them and send them "
                               "again.\n", n_sheets),
                  n_sheets);
      return;
    }
  if (collect->n_refused > 0)
    g_printerr (g_dngettext (GETTEXT_PACKAGE,
                             "%u row is refused; nothing was changed. Send the agency its "
                             "sheet again, or correct the plan, and collect again.",
                             "%u rows are refused; nothing was changed. Send the agencies "
                             "their sheets again, or correct the plan, and collect again.",
                             collect->n_refused),
                collect->n_refused);
  else
    g_printerr (g_dngettext (GETTEXT_PACKAGE, "%u sheet is refused; nothing was changed.",
                             "%u sheets are refused; nothing was changed.", n_sheets),
                n_sheets);
  if (collect->sheets->len > n_sheets)
    g_printerr (" %s", _("Leave out the refused sheets with --skip-refused to collect the "
                         "others."));
  g_printerr ("\n");
}

static int
cmd_collect (int    argc,
             char **argv)
{
  g_autofree char *as_of = NULL;
  gboolean dry_run = FALSE, json = FALSE, skip_refused = FALSE;
  int year = 0;
  GOptionEntry entries[] = {
    { "year", 'y', 0, G_OPTION_ARG_INT, &year, N_("The plan's year"), N_("YEAR") },
    { "as-of", 0, 0, G_OPTION_ARG_STRING, &as_of,
      N_("The date of the progress notes (default: today)"), N_("YYYY-MM-DD") },
    { "skip-refused", 0, 0, G_OPTION_ARG_NONE, &skip_refused,
      N_("Leave out every sheet with a refusal and collect the others (exit status 3 when "
         "any was left out)"), NULL },
    { "dry-run", 'n', 0, G_OPTION_ARG_NONE, &dry_run,
      N_("Show what the sheets would change, and change nothing"), NULL },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print what the sheets change as JSON"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = new_context ("collect", _("FILE…"), entries);
  g_autoptr(GError) error = NULL;
  g_autoptr(WpStore) store = NULL;
  g_autoptr(WpPlan) plan = NULL;
  g_autoptr(WpCollect) collect = NULL;
  g_autofree char *backup = NULL;
  gboolean skipped = FALSE;
  GDate date;
  int status;

  if (!parse_options (context, &argc, &argv, &status))
    return status;
  if (argc < 2)
    return usage_error (context, _("Name the returned sheets to collect, e.g. "
                                   "workplan collect 2025-市司法局.xlsx --year 2025."));
  if (year == 0)
    return usage_error (context, _("Say which plan the sheets are for with --year, e.g. "
                                   "--year 2025."));
  if (as_of != NULL && !wp_date_from_iso (as_of, &date))
    return usage_error (context, _("--as-of must be a date such as 2025-06-30."));

  store = open_store (dry_run ? WP_STORE_OPEN_READ_ONLY : WP_STORE_OPEN_DEFAULT, &error);
  if (store == NULL)
    return fail (error->message);
  if (as_of == NULL)
    date = *wp_store_get_reference_date (store);
  plan = wp_store_get_plan_by_year (store, year, &error);
  if (plan == NULL)
    return fail (error->message);

  collect = wp_collect_read (store, wp_plan_get_id (plan), (const char * const *) argv + 1,
                             &date, &error);
  if (collect == NULL)
    return fail (error->message);
  /* Leaving a sheet out cannot make another refused (of two that
   * disagree, the later is refused), but it is weighed again to be sure. */
  while (skip_refused && wp_collect_leave_out_refused (collect) > 0)
    {
      g_autoptr(GPtrArray) sheets = g_ptr_array_ref (collect->sheets);

      g_clear_pointer (&collect, wp_collect_free);
      collect = wp_collect_evaluate (store, wp_plan_get_id (plan), sheets, &date, &error);
      if (collect == NULL)
        return fail (error->message);
      skipped = TRUE;
    }

  if (json)
    {
      g_autoptr(JsonNode) root = wp_collect_to_json (collect);
      g_autofree char *text = json_to_string (root, TRUE);

      g_print ("%s\n", text);
    }
  else
    print_collect (collect);

  if (!wp_collect_is_sound (collect))
    {
      print_collect_refusals (collect, FALSE);
      return EXIT_ERROR;
    }
  if (skipped)
    {
      gboolean any_left = FALSE;

      for (guint i = 0; i < collect->sheets->len; i++)
        any_left |= !((WpCollectSheet *) g_ptr_array_index (collect->sheets, i))->left_out;
      if (!any_left)
        return fail (_("Every sheet is refused; nothing was changed."));
    }
  if (skipped)
    print_collect_refusals (collect, TRUE);
  if (collect->n_changes == 0)
    {
      if (!json)
        g_print (_("The sheets ask for nothing the plan does not hold already.\n"));
      return skipped ? EXIT_PARTIAL : EXIT_OK;
    }
  if (dry_run)
    {
      if (!json)
        g_print (_("Nothing was written (--dry-run).\n"));
      return skipped ? EXIT_PARTIAL : EXIT_OK;
    }

  backup = wp_backup_take (store, WP_BACKUP_BEFORE_COLLECT, WP_BACKUP_DEFAULT_KEPT, &error);
  if (backup == NULL)
    return fail (error->message);
  if (!wp_collect_apply (store, collect, &error))
    return fail (error->message);
  if (!json)
    g_print (g_dngettext (GETTEXT_PACKAGE, "Collected %u change into the %d plan.\n",
                          "Collected %u changes into the %d plan.\n", collect->n_changes),
             collect->n_changes, year);
  return skipped ? EXIT_PARTIAL : EXIT_OK;
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
  g_autoptr(GOptionContext) context = new_context ("next-year", "", entries);
  g_autoptr(GError) error = NULL;
  g_autoptr(WpStore) store = NULL;
  g_autoptr(WpPlan) plan = NULL;
  g_autoptr(WpPlan) next = NULL;
  g_autoptr(GArray) carried = NULL;
  int status;

  if (!parse_options (context, &argc, &argv, &status))
    return status;
  if (argc > 1)
    return usage_error (context, _("next-year takes no file names."));
  if (year == 0)
    return usage_error (context, _("Say which plan to start from with --year, e.g. --year 2025."));

  store = open_store (WP_STORE_OPEN_DEFAULT, &error);
  if (store == NULL)
    return fail (error->message);
  plan = wp_store_get_plan_by_year (store, year, &error);
  if (plan == NULL)
    return fail (error->message);
  next = wp_store_start_next_year (store, wp_plan_get_id (plan),
                                   keep_progress ? WP_NEXT_YEAR_KEEP_PROGRESS
                                                 : WP_NEXT_YEAR_DEFAULT,
                                   &carried, &error);
  if (next == NULL)
    return fail (error->message);

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
            g_clear_pointer (&db_path, g_free);
            return status;
          }
    }

  print_help ();
  return EXIT_OK;
}

/* The agency names a plan file knows already, or none when it has none,
 * and their aliases (alias → name) in @aliases */
static char **
directory_names (GHashTable **aliases)
{
  g_autofree char *path = db_path ? g_strdup (db_path) : wp_store_default_path ();
  g_autoptr(WpStore) store = NULL;
  g_autoptr(GPtrArray) agencies = NULL;
  GPtrArray *names = g_ptr_array_new ();

  if (g_file_test (path, G_FILE_TEST_EXISTS))
    store = open_store (WP_STORE_OPEN_READ_ONLY, NULL);
  if (store != NULL)
    {
      agencies = wp_store_list_agencies (store, NULL);
      *aliases = wp_store_get_alias_directory (store, NULL);
    }
  for (guint i = 0; agencies != NULL && i < agencies->len; i++)
    g_ptr_array_add (names, g_strdup (wp_agency_get_name (g_ptr_array_index (agencies, i))));
  g_ptr_array_add (names, NULL);
  return (char **) g_ptr_array_free (names, FALSE);
}

/* import-report --into-plan / --into-area: the draft added to the year's
 * plan, under the area titled @area_title or as new areas */
static int
import_report_into (WpStore       *store,
                    WpReportDraft *draft,
                    int            year,
                    const char    *area_title,
                    const char    *file)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WpPlan) plan = wp_store_get_plan_by_year (store, year, NULL);
  g_autoptr(GPtrArray) areas = NULL;
  gint64 area_id = 0;
  guint n = 0;

  if (plan == NULL)
    {
      g_autofree char *msg = g_strdup_printf (_("There is no %d plan to add the report to."),
                                              year);
      return fail (msg);
    }
  areas = wp_store_list_children (store, wp_plan_get_id (plan), 0, &error);
  if (areas == NULL)
    return fail (error->message);
  for (guint i = 0; area_title != NULL && i < areas->len; i++)
    if (g_strcmp0 (wp_item_get_title (g_ptr_array_index (areas, i)), area_title) == 0)
      {
        area_id = wp_item_get_id (g_ptr_array_index (areas, i));
        n++;
      }
  if (area_title != NULL && n != 1)
    {
      g_autofree char *msg =
        n == 0 ? g_strdup_printf (_("The %d plan has no area “%s”."), year, area_title)
               : g_strdup_printf (_("The %d plan has more than one area “%s”."), year,
                                  area_title);
      return fail (msg);
    }
  if (!wp_store_begin (store, &error))
    return fail (error->message);
  if (!wp_report_write_items (store, wp_plan_get_id (plan), area_id, draft->items, &error)
      || !wp_store_commit (store, &error))
    {
      g_autofree char *msg = g_strdup_printf ("%s: %s", file, error->message);

      wp_store_rollback (store);
      return fail (msg);
    }
  if (area_id != 0)
    g_print (_("Added the report to the %d plan under “%s”.\n"), year, area_title);
  else
    g_print (_("Added the report’s areas to the %d plan.\n"), year);
  return EXIT_OK;
}

static int
cmd_import_report (int    argc,
                   char **argv)
{
  int year = 0;
  char *title = NULL, *organization = NULL;
  g_autofree char *into_area = NULL;
  gboolean dry_run = FALSE, as_json = FALSE, into_plan = FALSE;
  g_autoptr(GHashTable) aliases = NULL;
  GOptionEntry entries[] = {
    { "year", 'y', 0, G_OPTION_ARG_INT, &year, N_("The plan's year"), N_("YEAR") },
    { "title", 0, 0, G_OPTION_ARG_STRING, &title,
      N_("The plan's title (default: the report's)"), N_("TITLE") },
    { "organization", 0, 0, G_OPTION_ARG_STRING, &organization,
      N_("The organisation whose plan it is"), N_("NAME") },
    { "dry-run", 'n', 0, G_OPTION_ARG_NONE, &dry_run,
      N_("Show the draft, write nothing"), NULL },
    { "json", 0, 0, G_OPTION_ARG_NONE, &as_json, N_("Print the draft as interchange JSON"),
      NULL },
    { "into-plan", 0, 0, G_OPTION_ARG_NONE, &into_plan,
      N_("Add the report's areas to the year's plan instead of making a new plan"), NULL },
    { "into-area", 0, 0, G_OPTION_ARG_STRING, &into_area,
      N_("Add the report's work under this area of the year's plan"), N_("TITLE") },
    { NULL }
  };
  g_autoptr(GOptionContext) context = new_context ("import-report", _("FILE.txt|.docx|.pdf"),
                                                   entries);
  g_autoptr(GError) error = NULL;
  g_autoptr(WpReportSource) source = NULL;
  g_autoptr(WpReportDraft) draft = NULL;
  g_autoptr(WpJsonDocument) doc = NULL;
  g_autoptr(WpStore) store = NULL;
  g_autoptr(WpPlan) plan = NULL;
  g_autoptr(GPtrArray) missing = NULL;
  g_auto(GStrv) directory = NULL;
  g_autofree char *json = NULL;
  g_autofree char *path = NULL;
  WpReportOptions options = { 0 };
  guint areas, tasks, actions;
  int status;

  if (!parse_options (context, &argc, &argv, &status))
    return status;
  if (argc != 2)
    return usage_error (context, _("Give exactly one report to import."));
  if (year < 1 || year > 9999)
    return usage_error (context, _("--year must be a year such as 2025."));

  source = wp_report_source_load (argv[1], &error);
  if (source == NULL)
    {
      g_autofree char *msg = g_strdup_printf ("%s: %s", argv[1], error->message);
      return fail (msg);
    }
  directory = directory_names (&aliases);
  options.year = year;
  options.title = title;
  options.organization = organization;
  options.directory = (const char **) directory;
  options.aliases = aliases;
  draft = wp_report_import (source, &options);
  wp_report_draft_count (draft, &areas, &tasks, &actions);
  if (areas == 0)
    {
      g_autofree char *msg = g_strdup_printf (_("%s: the report names no work to import."),
                                              argv[1]);
      return fail (msg);
    }
  if (draft->no_structure)
    g_printerr (_("workplan: %s has no headings: each paragraph became an area.\n"), argv[1]);

  json = wp_report_draft_to_string (draft);
  /* the same check and the same writing as `workplan import` */
  doc = wp_json_document_parse (json, -1, &error);
  if (doc == NULL)
    return fail (error->message);

  if (dry_run && as_json)
    {
      g_print ("%s\n", json);
      return EXIT_OK;
    }
  if (!dry_run)
    {
      path = db_path ? g_strdup (db_path) : wp_store_default_path ();
      missing = list_missing_plan_files (path);
      store = open_store (WP_STORE_OPEN_DEFAULT, &error);
      if (store == NULL)
        {
          remove_created_plan_files (path, missing, &store);
          return fail (error->message);
        }
      if (!back_up_before_import (store, year, FALSE, &error))
        return fail (error->message);
      if (into_plan || into_area != NULL)
        return import_report_into (store, draft, year, into_area, argv[1]);
      plan = wp_json_document_write (doc, store, year, FALSE, &error);
      if (plan == NULL)
        {
          g_autofree char *msg = NULL;

          remove_created_plan_files (path, missing, &store);
          if (g_error_matches (error, WP_STORE_ERROR, WP_STORE_ERROR_EXISTS))
            msg = g_strdup_printf (_("%s Use another --year, or remove that plan first."),
                                   error->message);
          else
            msg = g_strdup_printf ("%s: %s", argv[1], error->message);
          return fail (msg);
        }
    }

  if (as_json)
    {
      g_print ("%s\n", json);
      return EXIT_OK;
    }
  if (plan != NULL)
    g_print (_("Imported the %d plan “%s” from the report.\n"), year, wp_plan_get_title (plan));
  else
    g_print (_("Draft of the %d plan (nothing written):\n"), year);
  g_print (_("Areas: %u, key tasks: %u, actions: %u\n"), areas, tasks, actions);
  g_print (_("Agencies found: %u, of which new: %u\n"), draft->agencies->len,
           draft->new_agencies->len);
  for (guint i = 0; i < draft->new_agencies->len; i++)
    g_print ("  + %s\n", (char *) g_ptr_array_index (draft->new_agencies, i));
  if (draft->has_review)
    g_print (_("The previous year's review is in the area “%s”: delete it if it is not wanted.\n"),
             _("Review of the previous year"));
  return EXIT_OK;
}

/* reporting: one period's reports, per lead agency */
static void
print_titles (const WpPeriodReport *report,
              const char           *heading,
              const GArray         *ids)
{
  if (ids->len == 0)
    return;
  g_print ("  %s\n", heading);
  for (guint i = 0; i < ids->len; i++)
    g_print ("    %s\n", wp_period_report_get_title (report, g_array_index (ids, gint64, i)));
}

static int
cmd_reporting (int    argc,
               char **argv)
{
  g_autofree char *period_key = NULL;
  gboolean as_json = FALSE;
  int year = 0;
  GOptionEntry entries[] = {
    { "year", 'y', 0, G_OPTION_ARG_INT, &year, N_("The plan's year"), N_("YEAR") },
    { "period", 0, 0, G_OPTION_ARG_STRING, &period_key,
      N_("The reporting period: a month such as 2025-06 (2025-06a or 2025-06b for half "
         "months, 2025-Q2 for quarters); default: the one today is in"), N_("PERIOD") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &as_json, N_("Print JSON"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = new_context ("reporting", "", entries);
  g_autoptr(GError) error = NULL;
  g_autoptr(WpStore) store = NULL;
  g_autoptr(WpPlan) plan = NULL;
  g_autoptr(WpPeriodReport) report = NULL;
  WpPlanSettings settings = WP_PLAN_SETTINGS_INIT;
  WpReportPeriod period;
  int status;

  if (!parse_options (context, &argc, &argv, &status))
    return status;
  if (argc > 1)
    return usage_error (context, _("reporting takes no file names."));
  if (year == 0)
    return usage_error (context, _("Say which plan with --year, e.g. --year 2025."));
  if (year < 1 || year > 9999)
    return usage_error (context, _("--year must be a year such as 2025."));
  if (period_key != NULL && !g_utf8_validate (period_key, -1, NULL))
    return usage_error (context, _("--period must be a period such as 2025-06."));

  if (!open_plan_of_year (context, year, NULL, &store, &plan, &status))
    return status;
  if (!wp_store_get_plan_settings (store, wp_plan_get_id (plan), &settings, &error))
    return fail (error->message);
  if (period_key != NULL)
    {
      if (!wp_report_period_parse (period_key, year, &settings, &period, &error))
        return usage_error (context, error->message);
    }
  else
    {
      GDate today;

      wp_date_get_reference (&today);
      if (!wp_report_period_containing (year, &settings, &today, &period))
        return usage_error (context, _("Today is not in the plan’s year: say which period "
                                       "with --period, e.g. --period 2025-06."));
    }

  report = wp_period_report_compute (store, wp_plan_get_id (plan), &period, &error);
  if (report == NULL)
    return fail (error->message);

  if (as_json)
    {
      g_autofree char *text = wp_period_report_to_json (report);

      g_print ("%s\n", text);
      return EXIT_OK;
    }

  {
    g_autofree char *label = wp_report_period_label (&period);
    g_autofree char *from = wp_date_format_display (&period.from);
    g_autofree char *to = wp_date_format_display (&period.to);
    g_autofree char *due = wp_date_format_display (&period.due);

    /* Translators: the heading of `workplan reporting`: the period, its
     * first and last days, the day reports are due by */
    g_print (_("%1$s (%2$s – %3$s), reports due by %4$s\n"), label, from, to, due);
  }
  if (report->agencies->len == 0)
    {
      g_print ("%s\n", _("No item of the plan names a lead agency."));
      return EXIT_OK;
    }
  for (guint i = 0; i < report->agencies->len; i++)
    {
      const WpAgencyReport *a = g_ptr_array_index (report->agencies, i);

      /* Translators: an agency's line in `workplan reporting`: name, items
       * reported on, items due a report */
      g_print (g_dngettext (GETTEXT_PACKAGE, "%1$s: %2$u of %3$u item reported\n",
                            "%1$s: %2$u of %3$u items reported\n", a->n_due),
               a->name, a->n_reported, a->n_due);
      print_titles (report, _("Not reported:"), a->missing);
      print_titles (report, _("Behind its milestone:"), a->behind);
    }
  return EXIT_OK;
}
