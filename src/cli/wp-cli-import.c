/* wp-cli-import.c: workplan import and import-report: reading plans in (no widgets)
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

/* A backup of a file that holds plans, before an import adds to it,
 * replaces one, or (@adding) adds items to the year's plan (not before one
 * that will be refused) */
static gboolean
back_up_before_import (WpStore   *store,
                       int        year,
                       gboolean   replace,
                       gboolean   adding,
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
  if (replacing && !replace && !adding)
    return TRUE;

  backup = wp_backup_take (store, replacing && !adding ? WP_BACKUP_BEFORE_REPLACE
                                                      : WP_BACKUP_BEFORE_IMPORT,
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

int
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
  g_autoptr(GOptionContext) context = wp_cli_new_context ("import", _("FILE.json|.xlsx|.xls|.csv"),
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

  if (!wp_cli_parse_options (context, &argc, &argv, &status))
    return status;
  if (argc != 2)
    return wp_cli_usage_error (context, _("Give exactly one file to import."));
  file = argv[1];

  if (year < 0 || year > 9999)
    return wp_cli_usage_error (context, _("--year must be a year such as 2025."));
  if (as_json && !dry_run)
    return wp_cli_usage_error (context, _("--json prints the plan instead of importing it: use it "
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
      return wp_cli_fail (msg);
    }
  if (dry_run)
    {
      g_autofree char *text = NULL;

      if (draft == NULL && !g_file_get_contents (file, &text, NULL, &error))
        return wp_cli_fail (error->message);
      if (as_json)
        g_print ("%s\n", draft != NULL ? draft : text);
      else
        print_draft_summary (draft != NULL ? draft : text, year);
      return EXIT_OK;
    }

  path = wp_cli_db_path ? g_strdup (wp_cli_db_path) : wp_store_default_path ();
  missing = list_missing_plan_files (path);
  store = wp_cli_open_store (WP_STORE_OPEN_DEFAULT, &error);
  if (store == NULL)
    {
      remove_created_plan_files (path, missing, &store);
      return wp_cli_fail (error->message);
    }
  if (!back_up_before_import (store, year ? year : wp_json_document_get_year (doc), replace,
                              FALSE, &error))
    return wp_cli_fail (error->message);

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
      return wp_cli_fail (msg);
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

/* The agency names a plan file knows already, or none when it has none,
 * and their aliases (alias → name) in @aliases */
static char **
directory_names (GHashTable **aliases)
{
  g_autofree char *path = wp_cli_db_path ? g_strdup (wp_cli_db_path) : wp_store_default_path ();
  g_autoptr(WpStore) store = NULL;
  g_autoptr(GPtrArray) agencies = NULL;
  GPtrArray *names = g_ptr_array_new ();

  if (g_file_test (path, G_FILE_TEST_EXISTS))
    store = wp_cli_open_store (WP_STORE_OPEN_READ_ONLY, NULL);
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
      return wp_cli_fail (msg);
    }
  areas = wp_store_list_children (store, wp_plan_get_id (plan), 0, &error);
  if (areas == NULL)
    return wp_cli_fail (error->message);
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
      return wp_cli_fail (msg);
    }
  if (!wp_store_begin (store, &error))
    return wp_cli_fail (error->message);
  if (!wp_report_write_items (store, wp_plan_get_id (plan), area_id, draft->items, &error)
      || !wp_store_commit (store, &error))
    {
      g_autofree char *msg = g_strdup_printf ("%s: %s", file, error->message);

      wp_store_rollback (store);
      return wp_cli_fail (msg);
    }
  if (area_id != 0)
    g_print (_("Added the report to the %d plan under “%s”.\n"), year, area_title);
  else
    g_print (_("Added the report’s areas to the %d plan.\n"), year);
  return EXIT_OK;
}

int
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
  g_autoptr(GOptionContext) context = wp_cli_new_context ("import-report", _("FILE.txt|.docx|.pdf"),
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

  if (!wp_cli_parse_options (context, &argc, &argv, &status))
    return status;
  if (argc != 2)
    return wp_cli_usage_error (context, _("Give exactly one report to import."));
  if (year < 1 || year > 9999)
    return wp_cli_usage_error (context, _("--year must be a year such as 2025."));

  source = wp_report_source_load (argv[1], &error);
  if (source == NULL)
    {
      g_autofree char *msg = g_strdup_printf ("%s: %s", argv[1], error->message);
      return wp_cli_fail (msg);
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
      return wp_cli_fail (msg);
    }
  if (draft->no_structure)
    g_printerr (_("workplan: %s has no headings: each paragraph became an area.\n"), argv[1]);

  json = wp_report_draft_to_string (draft);
  /* the same check and the same writing as `workplan import` */
  doc = wp_json_document_parse (json, -1, &error);
  if (doc == NULL)
    return wp_cli_fail (error->message);

  if (dry_run && as_json)
    {
      g_print ("%s\n", json);
      return EXIT_OK;
    }
  if (!dry_run)
    {
      path = wp_cli_db_path ? g_strdup (wp_cli_db_path) : wp_store_default_path ();
      missing = list_missing_plan_files (path);
      store = wp_cli_open_store (WP_STORE_OPEN_DEFAULT, &error);
      if (store == NULL)
        {
          remove_created_plan_files (path, missing, &store);
          return wp_cli_fail (error->message);
        }
      if (!back_up_before_import (store, year, FALSE, into_plan || into_area != NULL, &error))
        return wp_cli_fail (error->message);
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
          return wp_cli_fail (msg);
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
