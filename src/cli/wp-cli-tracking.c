/* wp-cli-tracking.c: workplan note, collect and reporting: running the year (no widgets)
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
      *status = wp_cli_fail (error->message);
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
      *status = wp_cli_fail (msg);
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
  *status = wp_cli_fail (choices->str);
  return NULL;
}

int
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
  g_autoptr(GOptionContext) context = wp_cli_new_context ("note", "", entries);
  g_autoptr(GError) error = NULL;
  g_autoptr(WpStore) store = NULL;
  g_autoptr(WpPlan) plan = NULL;
  g_autoptr(WpItem) item = NULL;
  WpItemStatus item_status;
  gint64 progress = -1;
  GDate date;
  int status;

  if (!wp_cli_parse_options (context, &argc, &argv, &status))
    return status;
  if (argc > 1)
    return wp_cli_usage_error (context, _("note takes no file names."));
  if (year == 0)
    return wp_cli_usage_error (context,
                               _("Say which plan the item is in with --year, e.g. --year 2025."));
  if (name == NULL || *name == '\0')
    return wp_cli_usage_error (context,
                               _("Say which item the note is for with --item TITLE-OR-UUID."));
  if (text == NULL || *g_strstrip (text) == '\0')
    return wp_cli_usage_error (context, _("Say what the note says with --text."));
  if (!g_utf8_validate (text, -1, NULL) || !g_utf8_validate (name, -1, NULL))
    return wp_cli_usage_error (context, _("--item and --text must be UTF-8 text."));
  if (reporter != NULL && !g_utf8_validate (reporter, -1, NULL))
    return wp_cli_usage_error (context, _("--reporter must be UTF-8 text."));
  if (date_text == NULL)
    wp_date_get_reference (&date);  /* the day the app would date it */
  else if (!wp_date_from_iso (date_text, &date))
    return wp_cli_usage_error (context, _("--date must be a date such as 2025-06-30."));
  if (progress_text != NULL
      && !g_ascii_string_to_signed (progress_text, 10, 0, 100, &progress, NULL))
    return wp_cli_usage_error (context, _("--progress must be a whole number from 0 to 100."));
  if (status_text != NULL && !wp_item_status_from_string (status_text, &item_status))
    return wp_cli_usage_error (context, _("--status must be not_started, in_progress, done or "
                                          "suspended."));

  store = wp_cli_open_store (WP_STORE_OPEN_DEFAULT, &error);
  if (store == NULL)
    return wp_cli_fail (error->message);

  /* The item is looked up inside the transaction, so that no other program
   * can delete or rename it between finding it and writing to it. */
  if (!wp_store_begin (store, &error))
    return wp_cli_fail (error->message);
  plan = wp_store_get_plan_by_year (store, year, &error);
  if (plan == NULL)
    {
      wp_store_rollback (store);
      return wp_cli_fail (error->message);
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
      return wp_cli_fail (error->message);
    }
  /* A commit that fails has rolled back by itself. */
  if (!wp_store_commit (store, &error))
    return wp_cli_fail (error->message);

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

int
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
  g_autoptr(GOptionContext) context = wp_cli_new_context ("collect", _("FILE…"), entries);
  g_autoptr(GError) error = NULL;
  g_autoptr(WpStore) store = NULL;
  g_autoptr(WpPlan) plan = NULL;
  g_autoptr(WpCollect) collect = NULL;
  g_autofree char *backup = NULL;
  gboolean skipped = FALSE;
  GDate date;
  int status;

  if (!wp_cli_parse_options (context, &argc, &argv, &status))
    return status;
  if (argc < 2)
    return wp_cli_usage_error (context, _("Name the returned sheets to collect, e.g. "
                                          "workplan collect 2025-市司法局.xlsx --year 2025."));
  if (year == 0)
    return wp_cli_usage_error (context, _("Say which plan the sheets are for with --year, e.g. "
                                          "--year 2025."));
  if (as_of != NULL && !wp_date_from_iso (as_of, &date))
    return wp_cli_usage_error (context, _("--as-of must be a date such as 2025-06-30."));

  store = wp_cli_open_store (dry_run ? WP_STORE_OPEN_READ_ONLY : WP_STORE_OPEN_DEFAULT, &error);
  if (store == NULL)
    return wp_cli_fail (error->message);
  if (as_of == NULL)
    date = *wp_store_get_reference_date (store);
  plan = wp_store_get_plan_by_year (store, year, &error);
  if (plan == NULL)
    return wp_cli_fail (error->message);

  collect = wp_collect_read (store, wp_plan_get_id (plan), (const char * const *) argv + 1,
                             &date, &error);
  if (collect == NULL)
    return wp_cli_fail (error->message);
  /* Leaving a sheet out cannot make another refused (of two that
   * disagree, the later is refused), but it is weighed again to be sure. */
  while (skip_refused && wp_collect_leave_out_refused (collect) > 0)
    {
      g_autoptr(GPtrArray) sheets = g_ptr_array_ref (collect->sheets);

      g_clear_pointer (&collect, wp_collect_free);
      collect = wp_collect_evaluate (store, wp_plan_get_id (plan), sheets, &date, &error);
      if (collect == NULL)
        return wp_cli_fail (error->message);
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
        return wp_cli_fail (_("Every sheet is refused; nothing was changed."));
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
    return wp_cli_fail (error->message);
  if (!wp_collect_apply (store, collect, &error))
    return wp_cli_fail (error->message);
  if (!json)
    g_print (g_dngettext (GETTEXT_PACKAGE, "Collected %u change into the %d plan.\n",
                          "Collected %u changes into the %d plan.\n", collect->n_changes),
             collect->n_changes, year);
  return skipped ? EXIT_PARTIAL : EXIT_OK;
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

int
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
  g_autoptr(GOptionContext) context = wp_cli_new_context ("reporting", "", entries);
  g_autoptr(GError) error = NULL;
  g_autoptr(WpStore) store = NULL;
  g_autoptr(WpPlan) plan = NULL;
  g_autoptr(WpPeriodReport) report = NULL;
  WpPlanSettings settings = WP_PLAN_SETTINGS_INIT;
  WpReportPeriod period;
  int status;

  if (!wp_cli_parse_options (context, &argc, &argv, &status))
    return status;
  if (argc > 1)
    return wp_cli_usage_error (context, _("reporting takes no file names."));
  if (year == 0)
    return wp_cli_usage_error (context, _("Say which plan with --year, e.g. --year 2025."));
  if (year < 1 || year > 9999)
    return wp_cli_usage_error (context, _("--year must be a year such as 2025."));
  if (period_key != NULL && !g_utf8_validate (period_key, -1, NULL))
    return wp_cli_usage_error (context, _("--period must be a period such as 2025-06."));

  if (!wp_cli_open_plan_of_year (context, year, NULL, &store, &plan, &status))
    return status;
  if (!wp_store_get_plan_settings (store, wp_plan_get_id (plan), &settings, &error))
    return wp_cli_fail (error->message);
  if (period_key != NULL)
    {
      if (!wp_report_period_parse (period_key, year, &settings, &period, &error))
        return wp_cli_usage_error (context, error->message);
    }
  else
    {
      GDate today;

      wp_date_get_reference (&today);
      if (!wp_report_period_containing (year, &settings, &today, &period))
        return wp_cli_usage_error (context, _("Today is not in the plan’s year: say which period "
                                              "with --period, e.g. --period 2025-06."));
    }

  report = wp_period_report_compute (store, wp_plan_get_id (plan), &period, &error);
  if (report == NULL)
    return wp_cli_fail (error->message);

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
