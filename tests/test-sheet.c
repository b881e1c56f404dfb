/* test-sheet.c: the task breakdown sheet (任务分解表) as CSV and XLSX
 *
 * The XLSX is read back with openpyxl and with LibreOffice when they are
 * installed (.ci/run installs both), so what is checked is what another
 * program sees.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <json-glib/json-glib.h>

#include "wp-test-util.h"

/* A crafted plan: text that needs quoting, text a spreadsheet would take
 * for a formula, an agency on one action only, an overdue action. */
static const char crafted[] =
  "{\"format\": \"workplan\", \"version\": 1,"
  " \"plan\": {\"year\": 2025, \"title\": \"测试计划\", \"organization\": \"某市委政法委\"},"
  " \"items\": ["
  "  {\"kind\": \"area\", \"title\": \"领域一\", \"lead\": [\"市委政法委\"],"
  "   \"children\": ["
  "    {\"kind\": \"task\", \"title\": \"=HYPERLINK(\\\"http://x\\\")\", \"lead\": [\"市公安局\"],"
  "     \"children\": ["
  "      {\"kind\": \"action\", \"title\": \"完善机制，\\\"三项\\\"制度\\n第二行\","
  "       \"lead\": [\"市公安局\"], \"co\": [\"市司法局\", \"市教育局\"],"
  "       \"due\": \"2025-06-30\", \"due_label\": \"6月底前\", \"progress\": 40,"
  "       \"status\": \"in_progress\","
  "       \"notes\": [{\"date\": \"2025-05-01\", \"text\": \"已召开推进会\", \"progress\": 40}]},"
  "      {\"kind\": \"action\", \"title\": \"-5%的目标\", \"lead\": [\"市教育局\"],"
  "       \"due\": \"2025-12-31\", \"due_label\": \"年底前\"}"
  "     ]}"
  "   ]},"
  "  {\"kind\": \"area\", \"title\": \"领域二\", \"lead\": [\"市委政法委\"],"
  "   \"children\": ["
  "    {\"kind\": \"task\", \"title\": \"@任务\", \"lead\": [\"市检察院\"]}"
  "   ]}"
  " ]}";

typedef struct {
  char    *dir;
  WpStore *store;
  WpPlan  *plan;
} Fixture;

static void
crafted_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  GDate day;

  f->dir = wp_test_dir_new ();
  path = g_build_filename (f->dir, "plan.db", NULL);
  f->store = wp_store_open (path, WP_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  f->plan = wp_json_import (f->store, crafted, -1, 0, FALSE, &error);
  g_assert_no_error (error);
  g_date_clear (&day, 1);
  g_date_set_dmy (&day, 15, 7, 2025);
  wp_store_set_judging (f->store, &day, 30);
}

static void
demo_setup (Fixture       *f,
            gconstpointer  data)
{
  f->dir = wp_test_dir_new ();
  f->store = wp_test_open_demo (f->dir, &f->plan);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_assert_finalize_object (f->plan);
  g_assert_finalize_object (f->store);
  wp_test_dir_free (f->dir);
}

static char *
write_csv (Fixture    *f,
           const char *agency)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WpSheet) sheet = wp_sheet_new (f->store, wp_plan_get_id (f->plan), agency, &error);
  g_autofree char *path = g_build_filename (f->dir, "plan.csv", NULL);
  char *contents = NULL;

  g_assert_no_error (error);
  g_assert_true (wp_sheet_write_csv (sheet, path, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  return contents;
}

static void
test_csv (Fixture       *f,
          gconstpointer  data)
{
  g_autofree char *csv = write_csv (f, NULL);
  g_auto(GStrv) lines = NULL;
  g_autofree char *note_date = NULL;
  g_autofree char *expected = NULL;
  GDate date;

  /* UTF-8 with a byte order mark, CRLF line ends, the header first */
  g_assert_true (g_str_has_prefix (csv, "\xef\xbb\xbf" "No.,Level,Key Task / Action,"
                                        "Lead Agency,Co-agencies,Deadline,Status,"
                                        "Progress (%),Progress Notes,Remarks,"
                                        "Q1 Milestone,Q2 Milestone,Q3 Milestone,Q4 Milestone\r\n"));
  g_assert_true (g_str_has_suffix (csv, "\r\n"));
  lines = g_strsplit (csv + 3, "\r\n", -1);
  /* header, 6 items, the empty string after the last CRLF */
  g_assert_cmpuint (g_strv_length (lines), ==, 8);

  g_assert_cmpstr (lines[1], ==, "1,Area,领域一,市委政法委,,,In progress,20,,,,,,");
  /* a formula is neutralised, and quoted since it holds quotes */
  g_assert_cmpstr (lines[2], ==,
                   "1.1,Key task,\"'=HYPERLINK(\"\"http://x\"\")\",市公安局,,,In progress,20,,,,,,");
  /* a comma, quotes and a line break inside a field: one quoted field */
  g_date_clear (&date, 1);
  g_date_set_dmy (&date, 1, 5, 2025);
  note_date = wp_date_format_display (&date);
  expected = g_strdup_printf ("1.1.1,Action,\"完善机制，\"\"三项\"\"制度\n第二行\",市公安局,"
                              "市司法局、市教育局,6月底前,In progress,40,%s 已召开推进会,,,,,",
                              note_date);
  g_assert_cmpstr (lines[3], ==, expected);
  g_assert_cmpstr (lines[4], ==, "1.1.2,Action,'-5%的目标,市教育局,,年底前,Not started,0,,,,,,");
  g_assert_cmpstr (lines[5], ==, "2,Area,领域二,市委政法委,,,Not started,0,,,,,,");
  g_assert_cmpstr (lines[6], ==, "2.1,Key task,'@任务,市检察院,,,Not started,0,,,,,,");
  g_assert_cmpstr (lines[7], ==, "");
}

/* An agency's sheet: its items, with the areas and key tasks above them
 * for context, and nothing else. */
static void
test_agency_rows (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WpSheet) sheet = wp_sheet_new (f->store, wp_plan_get_id (f->plan), "市司法局",
                                           &error);
  WpSheetRow *row;

  g_assert_no_error (error);
  g_assert_cmpuint (sheet->rows->len, ==, 3);
  row = g_ptr_array_index (sheet->rows, 0);
  g_assert_cmpstr (row->cells[WP_SHEET_NUMBER], ==, "1");
  g_assert_true (row->context);
  row = g_ptr_array_index (sheet->rows, 1);
  g_assert_cmpstr (row->cells[WP_SHEET_NUMBER], ==, "1.1");
  g_assert_true (row->context);
  row = g_ptr_array_index (sheet->rows, 2);
  g_assert_cmpstr (row->cells[WP_SHEET_NUMBER], ==, "1.1.1");
  g_assert_false (row->context);
  g_assert_cmpint (row->light, ==, WP_LIGHT_RED);  /* 6月底前, judged on 15 July */
  g_assert_true (g_str_has_prefix (sheet->subtitle, "某市委政法委 · 市司法局 · as of "));
}

static char *
write_xlsx (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WpSheet) sheet = wp_sheet_new (f->store, wp_plan_get_id (f->plan), NULL, &error);
  char *path = g_build_filename (f->dir, "plan.xlsx", NULL);

  g_assert_no_error (error);
  g_assert_true (wp_sheet_write_xlsx (sheet, path, &error));
  g_assert_no_error (error);
  return path;
}

/* The titles of the plan in outline order, as the store holds them */
static void
collect_titles (WpStore   *store,
                gint64     plan_id,
                gint64     parent_id,
                GPtrArray *titles)
{
  g_autoptr(GPtrArray) children = wp_store_list_children (store, plan_id, parent_id, NULL);

  for (guint i = 0; i < children->len; i++)
    {
      WpItem *item = g_ptr_array_index (children, i);

      g_ptr_array_add (titles, g_strdup (wp_item_get_title (item)));
      collect_titles (store, plan_id, wp_item_get_id (item), titles);
    }
}

static JsonObject *
read_with_openpyxl (const char *xlsx)
{
  g_autofree char *script = g_test_build_filename (G_TEST_DIST, "read-xlsx.py", NULL);
  const char *argv[] = { "/usr/bin/python3", script, xlsx, NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  int status = 0;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status,
                &error);
  g_assert_no_error (error);
  g_test_message ("read-xlsx.py: %s", err);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  g_assert_true (json_parser_load_from_data (parser, out, -1, &error));
  g_assert_no_error (error);
  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

/* What Excel is told: the title and date, a frozen header with a filter,
 * every title intact (formulas as text), rows grouped by level, a list
 * for 状态, the red row red, A4 landscape fitted to the width. */
static void
test_xlsx_layout (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *xlsx = NULL;
  g_autoptr(JsonObject) book = NULL;
  JsonArray *rows;
  JsonArray *row;

  if (!wp_test_have_openpyxl ())
    {
      g_test_skip ("python3-openpyxl is not installed");
      return;
    }
  xlsx = write_xlsx (f);
  book = read_with_openpyxl (xlsx);

  g_assert_cmpstr (json_object_get_string_member (book, "sheet"), ==, "Task Breakdown");
  g_assert_cmpstr (json_object_get_string_member (book, "freeze"), ==, "A4");
  g_assert_cmpstr (json_object_get_string_member (book, "filter"), ==, "A3:N9");
  g_assert_cmpstr (json_object_get_string_member (book, "validation"), ==,
                   "\"Not started,In progress,Done,Suspended\" G4:G9");
  g_assert_cmpstr (json_object_get_string_member (book, "orientation"), ==, "landscape");
  g_assert_cmpint (json_object_get_int_member (book, "paper"), ==, 9);
  /* one page wide, as many pages high as it takes */
  g_assert_cmpstr (json_object_get_string_member (book, "fit"), ==, "True 1×0");
  g_assert_cmpstr (json_object_get_string_member (book, "print_titles"), ==, "$3:$3");

  rows = json_object_get_array_member (book, "rows");
  g_assert_cmpuint (json_array_get_length (rows), ==, 9);
  row = json_array_get_array_element (rows, 0);
  g_assert_cmpstr (json_array_get_string_element (row, 0), ==, "2025: 测试计划");
  row = json_array_get_array_element (rows, 1);
  g_assert_true (g_str_has_prefix (json_array_get_string_element (row, 0),
                                   "某市委政法委 · as of "));
  row = json_array_get_array_element (rows, 2);
  g_assert_cmpstr (json_array_get_string_element (row, 2), ==, "Key Task / Action");
  /* one 形象进度 column per quarter, after 备注 (issue 20) */
  g_assert_cmpstr (json_array_get_string_element (row, 10), ==, "Q1 Milestone");
  g_assert_cmpstr (json_array_get_string_element (row, 13), ==, "Q4 Milestone");
  /* a formula stays text, as written (a string cell is never evaluated) */
  row = json_array_get_array_element (rows, 4);
  g_assert_cmpstr (json_array_get_string_element (row, 2), ==, "=HYPERLINK(\"http://x\")");
  row = json_array_get_array_element (rows, 5);
  g_assert_cmpstr (json_array_get_string_element (row, 2), ==, "完善机制，\"三项\"制度\n第二行");
  g_assert_cmpint (json_array_get_int_element (row, 7), ==, 40);

  /* level: 0 for areas. Rows take the light the outline shows: the
   * overdue action is red, and so are the key task and area above it; the
   * action at 0 % half-way through the year is yellow; the second area,
   * green, keeps an area's blue band. Areas and key tasks are bold. */
  g_assert_cmpstr (json_object_get_string_member (book, "levels"), ==, "0,1,2,2,0,1");
  g_assert_cmpstr (json_object_get_string_member (book, "fills"), ==,
                   "FFF8CBAD,FFF8CBAD,FFF8CBAD,FFFFF2CC,FFDDEBF7,00000000");
  g_assert_cmpstr (json_object_get_string_member (book, "bold"), ==, "1,1,0,0,1,1");

  /* 按单位统计, each agency on its own items, judged on 15 July 2025: the
   * late action counts for its lead and both co-agencies, not for the
   * key task above it (市公安局 leads both) nor the area (市委政法委). */
  g_assert_cmpstr (json_object_get_string_member (book, "sheets"), ==,
                   "Task Breakdown,By Agency");
  {
    static const char *const expected[] = {
      "Agency Leads Supports Done In Progress Overdue",
      "市公安局 2 0 0 2 1",
      "市委政法委 2 0 0 1 0",
      "市教育局 1 1 0 1 1",
      "市司法局 0 1 0 1 1",
      "市检察院 1 0 0 0 0",
    };
    JsonArray *loads = json_object_get_array_member (book, "loads");

    g_assert_cmpuint (json_array_get_length (loads), ==, G_N_ELEMENTS (expected));
    for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
      {
        JsonArray *cells = json_array_get_array_element (loads, i);
        g_autoptr(GString) line = g_string_new (NULL);

        for (guint k = 0; k < json_array_get_length (cells); k++)
          {
            JsonNode *cell = json_array_get_element (cells, k);

            if (k > 0)
              g_string_append_c (line, ' ');
            if (json_node_get_value_type (cell) == G_TYPE_STRING)
              g_string_append (line, json_node_get_string (cell));
            else
              g_string_append_printf (line, "%" G_GINT64_FORMAT, json_node_get_int (cell));
          }
        g_assert_cmpstr (line->str, ==, expected[i]);
      }
  }
}

/* The sheet an agency fills in: its items with the areas and key tasks
 * above them, locked but for what it reports (状态, 进度, this period's
 * progress, problems, next steps) on its own rows; each item's uuid in a
 * hidden column and the columns' keys in a hidden row, for collect. */
static void
test_agency_xlsx (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WpSheet) sheet = NULL;
  g_autofree char *xlsx = g_build_filename (f->dir, "agency.xlsx", NULL);
  g_autoptr(JsonObject) book = NULL;
  g_autoptr(WpItem) action = NULL;
  JsonArray *rows, *unlocked, *row;

  if (!wp_test_have_openpyxl ())
    {
      g_test_skip ("python3-openpyxl is not installed");
      return;
    }
  sheet = wp_sheet_new (f->store, wp_plan_get_id (f->plan), "市司法局", &error);
  g_assert_no_error (error);
  g_assert_true (wp_sheet_write_xlsx (sheet, xlsx, &error));
  g_assert_no_error (error);
  book = read_with_openpyxl (xlsx);

  g_assert_cmpstr (json_object_get_string_member (book, "sheets"), ==, "Task Breakdown");
  g_assert_true (json_object_get_boolean_member (book, "protected"));
  g_assert_cmpstr (json_object_get_string_member (book, "keys"), ==,
                   "number,kind,title,lead,co,due,last_note,status,progress,note,problems,"
                   "next_steps,uuid,agency=市司法局,year=2025");
  g_assert_cmpstr (json_object_get_string_member (book, "hidden_columns"), ==, "M");
  g_assert_cmpstr (json_object_get_string_member (book, "freeze"), ==, "A5");

  /* the area and key task are context, locked; the action is its own */
  unlocked = json_object_get_array_member (book, "unlocked");
  g_assert_cmpuint (json_array_get_length (unlocked), ==, 3);
  g_assert_cmpstr (json_array_get_string_element (unlocked, 0), ==, "");
  g_assert_cmpstr (json_array_get_string_element (unlocked, 1), ==, "");
  g_assert_cmpstr (json_array_get_string_element (unlocked, 2), ==, "H,I,J,K,L");

  rows = json_object_get_array_member (book, "rows");
  row = json_array_get_array_element (rows, 3);
  g_assert_cmpstr (json_array_get_string_element (row, 6), ==, "Last Reported");
  g_assert_cmpstr (json_array_get_string_element (row, 9), ==, "Progress This Period");
  row = json_array_get_array_element (rows, 6);
  g_assert_true (g_str_has_prefix (json_array_get_string_element (row, 2), "完善机制"));
  g_assert_true (json_array_get_null_element (row, 9) ||
                 g_str_equal (json_array_get_string_element (row, 9), ""));
  action = wp_store_get_item (f->store, wp_store_get_child_id (
             f->store, wp_plan_get_id (f->plan),
             wp_store_get_child_id (f->store, wp_plan_get_id (f->plan),
                                    wp_store_get_child_id (f->store, wp_plan_get_id (f->plan),
                                                           0, 0, NULL), 0, NULL), 0, NULL),
           &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_array_get_string_element (row, 12), ==, wp_item_get_uuid (action));
}

/* The demo plan as LibreOffice reads it: every title intact, in order. */
static void
test_xlsx_in_libreoffice (Fixture       *f,
                          gconstpointer  data)
{
  g_autofree char *soffice = g_find_program_in_path ("soffice");
  g_autofree char *xlsx = NULL;
  g_autofree char *profile = NULL;
  g_autofree char *csv_path = NULL;
  g_autofree char *csv = NULL;
  g_autoptr(GPtrArray) titles = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) lines = NULL;
  int status = 0;

  if (soffice == NULL)
    {
      g_test_skip ("LibreOffice is not installed");
      return;
    }
  xlsx = write_xlsx (f);
  profile = g_strdup_printf ("-env:UserInstallation=file://%s/lo-profile", f->dir);
  {
    const char *argv[] = { soffice, profile, "--headless", "--convert-to",
                           "csv:Text - txt - csv (StarCalc):44,34,76", "--outdir", f->dir,
                           xlsx, NULL };

    g_spawn_sync (NULL, (char **) argv, NULL,
                  G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, NULL,
                  NULL, &status, &error);
  }
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  csv_path = g_build_filename (f->dir, "plan.csv", NULL);
  g_assert_true (g_file_get_contents (csv_path, &csv, NULL, NULL));

  collect_titles (f->store, wp_plan_get_id (f->plan), 0, titles);
  g_assert_cmpuint (titles->len, ==, 56);
  lines = g_strsplit (csv, "\n", -1);
  /* the title, the subtitle, the header, then one line per item (no title
   * of the demo holds a line break, a comma or a quote) */
  g_assert_cmpuint (g_strv_length (lines), >=, 3 + titles->len);
  for (guint i = 0; i < titles->len; i++)
    {
      g_auto(GStrv) cells = g_strsplit (lines[3 + i], ",", 4);

      g_assert_cmpuint (g_strv_length (cells), ==, 4);
      g_assert_cmpstr (cells[2], ==, g_ptr_array_index (titles, i));
    }
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *data_home = wp_test_private_data_home ();
  int status;

  g_test_init (&argc, &argv, NULL);
  g_test_add ("/sheet/csv", Fixture, NULL, crafted_setup, test_csv, fixture_teardown);
  g_test_add ("/sheet/agency-rows", Fixture, NULL, crafted_setup, test_agency_rows,
              fixture_teardown);
  g_test_add ("/sheet/xlsx-layout", Fixture, NULL, crafted_setup, test_xlsx_layout,
              fixture_teardown);
  g_test_add ("/sheet/agency-xlsx", Fixture, NULL, crafted_setup, test_agency_xlsx,
              fixture_teardown);
  g_test_add ("/sheet/xlsx-in-libreoffice", Fixture, NULL, demo_setup,
              test_xlsx_in_libreoffice, fixture_teardown);
  status = g_test_run ();
  wp_test_remove_tree (data_home);
  return status;
}
