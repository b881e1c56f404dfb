/* test-tracking.c: the tracking year in the store — lights judged by the
 * plan's own rules and its milestones (issue 21)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "wp-test-util.h"
#include "wp-tracking.h"

typedef struct {
  char        *dir;
  char        *path;
  WpStore     *store;
  WpUndoStack *undo;
  WpPlan      *plan;
  WpItem      *area;
  WpItem      *task;    /* under area, due 2025-12-31 */
  WpItem      *action;  /* under task, 20%, undated */
} Fixture;

static void
set_date (GDate *date, int y, int m, int d)
{
  g_date_clear (date, 1);
  g_date_set_dmy (date, (GDateDay) d, (GDateMonth) m, (GDateYear) y);
}

static void
set_int (WpStore *store, WpItem *item, const char *property, int value)
{
  g_auto(GValue) v = G_VALUE_INIT;
  g_autoptr(GError) error = NULL;

  g_value_init (&v, G_TYPE_INT);
  g_value_set_int (&v, value);
  g_assert_true (wp_store_set_item_property (store, wp_item_get_id (item), property, &v, &error));
  g_assert_no_error (error);
}

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  GDate today;

  f->dir = wp_test_dir_new ();
  f->path = g_build_filename (f->dir, "plan.db", NULL);
  f->store = wp_store_open (f->path, WP_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  f->undo = wp_undo_stack_new (f->store);
  set_date (&today, 2025, 7, 15);
  wp_store_set_judging (f->store, &today, 30);
  f->plan = wp_store_create_plan (f->store, 2025, "2025年工作要点", "某市", &error);
  g_assert_no_error (error);
  f->area = wp_store_create_item (f->store, wp_plan_get_id (f->plan), 0, 0, WP_ITEM_KIND_AREA,
                                  "一、改革", &error);
  f->task = wp_store_create_item (f->store, wp_plan_get_id (f->plan), wp_item_get_id (f->area), 0,
                                  WP_ITEM_KIND_TASK, "深化改革", &error);
  f->action = wp_store_create_item (f->store, wp_plan_get_id (f->plan), wp_item_get_id (f->task),
                                    0, WP_ITEM_KIND_ACTION, "出台方案", &error);
  g_assert_no_error (error);
  set_int (f->store, f->action, "progress", 20);
  g_assert_true (wp_store_set_item_string (f->store, wp_item_get_id (f->action), "status",
                                           "in_progress", &error));
  g_assert_no_error (error);
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  g_clear_object (&f->action);
  g_clear_object (&f->task);
  g_clear_object (&f->area);
  g_assert_finalize_object (f->plan);
  g_assert_finalize_object (f->undo);
  g_assert_finalize_object (f->store);
  g_free (f->path);
  wp_test_dir_free (f->dir);
}

/* A milestone the item is behind turns it (and its parents) yellow or red
 * by the plan's thresholds; a quarter not yet ended does not count. */
static void
test_milestone_judges (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  gint64 plan_id = wp_plan_get_id (f->plan);
  gint64 id = wp_item_get_id (f->action);

  g_assert_cmpint (wp_item_get_light (f->action), ==, WP_LIGHT_GREEN);

  /* Q3 has not ended on 15 July: its 90% expects nothing yet */
  g_assert_true (wp_edit_set_milestone (f->undo, id, 3, "全面推开", 90, &error));
  g_assert_no_error (error);
  g_assert_cmpint (wp_store_get_expected_progress (f->store, plan_id, 2025, id), ==, -1);
  g_assert_cmpint (wp_item_get_light (f->action), ==, WP_LIGHT_GREEN);

  /* Q2 (ended 30 June) expects 40%: 20 points behind is yellow */
  g_assert_true (wp_edit_set_milestone (f->undo, id, 2, "形成初稿", 40, &error));
  g_assert_no_error (error);
  g_assert_cmpint (wp_store_get_expected_progress (f->store, plan_id, 2025, id), ==, 40);
  g_assert_cmpint (wp_item_get_light (f->action), ==, WP_LIGHT_YELLOW);
  g_assert_cmpint (wp_item_get_light (f->task), ==, WP_LIGHT_YELLOW);

  /* 60% expected: 40 points behind, more than 30, is red, up to the area */
  g_assert_true (wp_edit_set_milestone (f->undo, id, 2, "形成初稿", 60, &error));
  g_assert_no_error (error);
  g_assert_cmpint (wp_item_get_light (f->action), ==, WP_LIGHT_RED);
  g_assert_cmpint (wp_item_get_light (f->area), ==, WP_LIGHT_RED);

  /* Undo gives the yellow back */
  g_assert_true (wp_undo_stack_undo (f->undo, &error));
  g_assert_no_error (error);
  g_assert_cmpint (wp_item_get_light (f->action), ==, WP_LIGHT_YELLOW);

  /* The plan's facts carry the expectation too */
  {
    g_autoptr(WpPlanFacts) facts = wp_store_list_plan_facts (f->store, plan_id, &error);
    const WpItemFacts *fa;

    g_assert_no_error (error);
    fa = wp_plan_facts_lookup (facts, id);
    g_assert_nonnull (fa);
    g_assert_cmpint (fa->expected, ==, 40);
    g_assert_cmpint (fa->light, ==, WP_LIGHT_YELLOW);
    g_assert_cmpint (wp_light_pace (fa->status, fa->progress, fa->expected), ==, WP_PACE_BEHIND);
  }
}

/* The plan's own rules decide, and changing them judges every item again */
static void
test_plan_rules (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  WpPlanSettings settings;
  gint64 plan_id = wp_plan_get_id (f->plan);

  g_assert_true (wp_store_get_plan_settings (f->store, plan_id, &settings, &error));
  g_assert_no_error (error);
  g_assert_cmpint (settings.due_soon_days, ==, 30);
  g_assert_cmpint (settings.yellow_points, ==, 10);
  g_assert_cmpint (settings.red_points, ==, 30);
  g_assert_cmpint (settings.report_frequency, ==, WP_REPORT_MONTHLY);
  g_assert_cmpint (settings.report_due_day, ==, 25);
  g_assert_false (settings.review_closeout);

  g_assert_true (wp_store_set_milestone (f->store, wp_item_get_id (f->action), 2, "", 40,
                                         &error));
  g_assert_cmpint (wp_item_get_light (f->action), ==, WP_LIGHT_YELLOW);

  /* An office where 20 points behind is red */
  settings.yellow_points = 5;
  settings.red_points = 15;
  g_assert_true (wp_store_set_plan_settings (f->store, plan_id, &settings, &error));
  g_assert_no_error (error);
  g_assert_cmpint (wp_item_get_light (f->action), ==, WP_LIGHT_RED);

  /* One where 25 points are tolerated */
  settings.yellow_points = 25;
  settings.red_points = 40;
  g_assert_true (wp_store_set_plan_settings (f->store, plan_id, &settings, &error));
  g_assert_cmpint (wp_item_get_light (f->action), ==, WP_LIGHT_GREEN);

  /* Nonsense is refused and nothing changes */
  settings.red_points = 10;
  g_assert_false (wp_store_set_plan_settings (f->store, plan_id, &settings, &error));
  g_assert_error (error, WP_STORE_ERROR, WP_STORE_ERROR_INVALID);
  g_clear_error (&error);
  settings.red_points = 40;
  settings.report_due_day = 32;
  g_assert_false (wp_store_set_plan_settings (f->store, plan_id, &settings, &error));
  g_clear_error (&error);
  g_assert_true (wp_store_get_plan_settings (f->store, plan_id, &settings, &error));
  g_assert_cmpint (settings.yellow_points, ==, 25);
  g_assert_cmpint (settings.report_due_day, ==, 25);

  /* due soon: the task's deadline 40 days ahead is yellow only when N ≥ 40 */
  {
    g_auto(GValue) v = G_VALUE_INIT;

    g_value_init (&v, G_TYPE_STRING);
    g_value_set_string (&v, "2025-08-24");
    g_assert_true (wp_store_set_item_property (f->store, wp_item_get_id (f->task), "due", &v,
                                               &error));
    g_assert_no_error (error);
    set_int (f->store, f->task, "progress", 90);
  }
  g_assert_cmpint (wp_item_get_light (f->task), ==, WP_LIGHT_GREEN);
  settings.due_soon_days = 40;
  g_assert_true (wp_store_set_plan_settings (f->store, plan_id, &settings, &error));
  g_assert_cmpint (wp_item_get_light (f->task), ==, WP_LIGHT_YELLOW);
  settings.due_soon_days = 39;
  g_assert_true (wp_store_set_plan_settings (f->store, plan_id, &settings, &error));
  g_assert_cmpint (wp_item_get_light (f->task), ==, WP_LIGHT_GREEN);
}

/* Another process sets a milestone: the open store judges the item again */
static void
test_outside_milestone (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;

  {
    g_autoptr(WpStore) other = wp_store_open (f->path, WP_STORE_OPEN_DEFAULT, &error);

    g_assert_no_error (error);
    g_assert_true (wp_store_set_milestone (other, wp_item_get_id (f->action), 1, "启动", 60,
                                           &error));
    g_assert_no_error (error);
  }
  g_assert_cmpint (wp_item_get_light (f->action), ==, WP_LIGHT_GREEN);
  wp_store_check_outside_changes (f->store);
  g_assert_cmpint (wp_item_get_light (f->action), ==, WP_LIGHT_RED);
}

/* Progress notes say who reported; a note's reporter survives a reopen */
static void
test_note_reporter (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) notes = NULL;
  GDate day;

  set_date (&day, 2025, 6, 20);
  g_assert_cmpint (wp_store_add_note_by (f->store, wp_item_get_id (f->action), &day, "已报送",
                                         30, " 市公安局 ", &error), >, 0);
  g_assert_no_error (error);
  notes = wp_store_list_notes (f->store, wp_item_get_id (f->action), &error);
  g_assert_cmpuint (notes->len, ==, 1);
  g_assert_cmpstr (((WpNote *) notes->pdata[0])->reporter, ==, "市公安局");
}

/* Milestones (always there), close-outs, year-end reasons, reporters and
 * a plan's own rules go through the interchange JSON and back byte for
 * byte */
static void
test_json_round_trip (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data",
                                                 "tracking-every-field.json", NULL);
  g_autofree char *expected = NULL;
  g_autofree char *got = NULL;
  g_autoptr(WpPlan) plan = NULL;
  WpPlanSettings settings;

  g_assert_true (g_file_get_contents (path, &expected, NULL, NULL));
  plan = wp_json_import (f->store, expected, -1, 2030, FALSE, &error);
  g_assert_no_error (error);
  g_assert_true (wp_store_get_plan_settings (f->store, wp_plan_get_id (plan), &settings,
                                             &error));
  g_assert_cmpint (settings.red_points, ==, 40);
  g_assert_cmpint (settings.report_frequency, ==, WP_REPORT_QUARTERLY);
  g_assert_true (settings.review_closeout);
  got = wp_json_export_plan (f->store, wp_plan_get_id (plan), &error);
  g_assert_no_error (error);
  /* (filed under another year: the rest is the same) */
  g_assert_nonnull (strstr (expected, "\"year\" : 2025"));
  g_assert_nonnull (strstr (got, "\"year\" : 2030"));
  {
    g_autofree char *again = g_strdup (got);
    char *at = strstr (again, "\"year\" : 2030");

    memcpy (at, "\"year\" : 2025", strlen ("\"year\" : 2025"));
    g_assert_cmpstr (again, ==, expected);
  }
  g_assert_nonnull (strstr (got, "\"milestones\" : []"));
  g_assert_nonnull (strstr (got, "\"reporter\" : \"市公安局\""));
}

/* Evidence files go by reference: into a file that holds their bytes they
 * come back, into another they are counted as missing */
static void
test_attachment_by_reference (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = g_bytes_new_static ("会议纪要 PDF", strlen ("会议纪要 PDF"));
  g_autoptr(WpJsonDocument) doc = NULL;
  g_autoptr(WpPlan) copy = NULL;
  g_autofree char *json = NULL;
  g_autofree char *other_path = g_build_filename (f->dir, "other.db", NULL);

  g_assert_cmpint (wp_store_add_attachment (f->store, wp_item_get_id (f->action), "纪要.pdf",
                                            "application/pdf", bytes, &error), >, 0);
  g_assert_no_error (error);
  json = wp_json_export_plan (f->store, wp_plan_get_id (f->plan), &error);
  g_assert_nonnull (strstr (json, "\"name\" : \"纪要.pdf\""));

  doc = wp_json_document_parse (json, -1, &error);
  g_assert_no_error (error);
  copy = wp_json_document_write (doc, f->store, 2031, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (wp_json_document_get_missing_attachments (doc), ==, 0);
  {
    g_autoptr(WpStore) other = wp_store_open (other_path, WP_STORE_OPEN_DEFAULT, &error);
    g_autoptr(WpPlan) elsewhere = NULL;

    g_assert_no_error (error);
    elsewhere = wp_json_document_write (doc, other, 0, FALSE, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (wp_json_document_get_missing_attachments (doc), ==, 1);
  }
}

/* Next year's plan keeps the office's rules */
static void
test_next_year_keeps_rules (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WpPlan) next = NULL;
  WpPlanSettings settings;

  g_assert_true (wp_store_get_plan_settings (f->store, wp_plan_get_id (f->plan), &settings,
                                             &error));
  settings.yellow_points = 12;
  settings.report_due_day = 20;
  settings.review_closeout = TRUE;
  g_assert_true (wp_store_set_plan_settings (f->store, wp_plan_get_id (f->plan), &settings,
                                             &error));
  next = wp_store_start_next_year (f->store, wp_plan_get_id (f->plan), WP_NEXT_YEAR_DEFAULT,
                                   NULL, &error);
  g_assert_no_error (error);
  memset (&settings, 0, sizeof settings);
  g_assert_true (wp_store_get_plan_settings (f->store, wp_plan_get_id (next), &settings,
                                             &error));
  g_assert_cmpint (settings.yellow_points, ==, 12);
  g_assert_cmpint (settings.report_due_day, ==, 20);
  g_assert_true (settings.review_closeout);
}

/* The briefing ends with the year-end check once there is one: when the
 * plan was checked, and each unfinished item with its reason */
static void
test_briefing_year_end_check (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *pdf = g_build_filename (f->dir, "briefing.pdf", NULL);
  g_autofree char *text = NULL;

  if (!wp_test_have_poppler ())
    return;
  g_assert_true (wp_briefing_write_pdf (f->store, wp_plan_get_id (f->plan), NULL, NULL, pdf,
                                        &error));
  text = wp_test_poppler ("pdftotext", pdf, "-");
  g_assert_null (strstr (text, "Year-end Check"));
  g_clear_pointer (&text, g_free);

  g_assert_true (wp_store_set_check_reason (f->store, wp_item_get_id (f->action),
                                            "资金未到位", &error));
  g_assert_true (wp_store_mark_plan_checked (f->store, wp_plan_get_id (f->plan), &error));
  g_assert_no_error (error);
  g_assert_true (wp_briefing_write_pdf (f->store, wp_plan_get_id (f->plan), NULL, NULL, pdf,
                                        &error));
  g_assert_no_error (error);
  text = wp_test_poppler ("pdftotext", pdf, "-");
  g_assert_nonnull (strstr (text, "Year-end Check"));
  g_assert_nonnull (strstr (text, "Checked on"));
  g_assert_nonnull (strstr (text, "1. 出台方案 — 资金未到位"));
}

static int
run_workplan (char **err, ...)
{
  va_list args;
  int status;

  va_start (args, err);
  status = wp_test_run_workplan_va (NULL, err, args);
  va_end (args);
  return status;
}

/* `workplan import` of a JSON whose evidence files this plan file does not
 * hold says so (and imports the rest) */
static void
test_cli_missing_attachments (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = g_bytes_new_static ("批示", strlen ("批示"));
  g_autofree char *json_path = g_build_filename (f->dir, "plan.json", NULL);
  g_autofree char *other = g_build_filename (f->dir, "other.db", NULL);
  g_autofree char *json = NULL;
  g_autofree char *err = NULL;

  g_assert_cmpint (wp_store_add_attachment (f->store, wp_item_get_id (f->action), "批示.jpg",
                                            "image/jpeg", bytes, &error), >, 0);
  json = wp_json_export_plan (f->store, wp_plan_get_id (f->plan), &error);
  g_assert_true (g_file_set_contents (json_path, json, -1, &error));
  g_assert_cmpint (run_workplan (&err, "import", json_path, "--db", other, NULL), ==, 0);
  g_assert_nonnull (strstr (err, "1 attachment"));
  g_clear_pointer (&err, g_free);
  /* into the file that holds them: nothing to say */
  g_assert_cmpint (run_workplan (&err, "import", json_path, "--year", "2032", "--db", f->path,
                                 NULL), ==, 0);
  g_assert_cmpstr (err, ==, "");
}

int
main (int argc, char **argv)
{
  g_autofree char *data_home = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);
  data_home = wp_test_private_data_home ();

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/tracking/milestone-judges", test_milestone_judges);
  ADD ("/tracking/plan-rules", test_plan_rules);
  ADD ("/tracking/outside-milestone", test_outside_milestone);
  ADD ("/tracking/note-reporter", test_note_reporter);
  ADD ("/tracking/json-round-trip", test_json_round_trip);
  ADD ("/tracking/next-year-keeps-rules", test_next_year_keeps_rules);
  ADD ("/tracking/attachment-by-reference", test_attachment_by_reference);
  ADD ("/tracking/cli-missing-attachments", test_cli_missing_attachments);
  ADD ("/tracking/briefing-year-end-check", test_briefing_year_end_check);
#undef ADD
  status = g_test_run ();
  wp_test_remove_tree (data_home);
  return status;
}
