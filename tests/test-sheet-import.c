/* test-sheet-import.c: task breakdown sheets (任务分解表) read back in
 *
 * Our own exports must come back as the plan they were; sheets as offices
 * write them (make-sheet-fixtures.py writes them with openpyxl, part by
 * part where openpyxl cannot, and LibreOffice turns one into an .xls) must
 * come in as the right hierarchy; hostile files must be refused with the
 * database left byte for byte as it was.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <json-glib/json-glib.h>

#include "wp-test-util.h"

static int
run_workplan (char **out,
              char **err,
              ...)
{
  va_list args;
  int status;

  va_start (args, err);
  status = wp_test_run_workplan_va (out, err, args);
  va_end (args);
  return status;
}

/* The fixtures, written once per run into a folder of their own */
static char *fixtures;

static gboolean
have_fixtures (void)
{
  const char *argv[] = { "/usr/bin/python3", NULL, NULL, NULL };
  g_autofree char *script = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  int status = 0;

  if (fixtures != NULL)
    return TRUE;
  if (!wp_test_have_openpyxl ())
    {
      g_test_skip ("python3-openpyxl is not installed");
      return FALSE;
    }
  fixtures = wp_test_dir_new ();
  script = g_test_build_filename (G_TEST_DIST, "make-sheet-fixtures.py", NULL);
  argv[1] = script;
  argv[2] = fixtures;
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, NULL, &err, &status,
                &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("make-sheet-fixtures.py failed: %s", err);
  return TRUE;
}

static char *
fixture (const char *name)
{
  return g_build_filename (fixtures, name, NULL);
}

/* The draft of a sheet, parsed */
static JsonNode *
import_json (const char *path,
             int         year)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *json = wp_sheet_import_file (path, year, &error);
  g_autoptr(WpJsonDocument) doc = NULL;

  g_assert_no_error (error);
  g_assert_nonnull (json);
  /* (what the CLI writes goes through the JSON reader's checks) */
  doc = wp_json_document_parse (json, -1, &error);
  g_assert_no_error (error);
  return json_from_string (json, &error);
}

static JsonObject *
item_at (JsonNode   *root,
         const char *path)
{
  g_auto(GStrv) steps = g_strsplit (path, "/", -1);
  JsonArray *items = json_object_get_array_member (json_node_get_object (root), "items");
  JsonObject *item = NULL;

  for (guint i = 0; steps[i] != NULL; i++)
    {
      guint index = (guint) atoi (steps[i]);

      g_assert_cmpuint (index, <, json_array_get_length (items));
      item = json_array_get_object_element (items, index);
      items = json_object_get_array_member (item, "children");
    }
  return item;
}

static guint
n_children (JsonObject *item)
{
  return json_array_get_length (json_object_get_array_member (item, "children"));
}

static const char *
str (JsonObject *item,
     const char *key)
{
  JsonNode *node = json_object_get_member (item, key);
  return JSON_NODE_HOLDS_NULL (node) ? NULL : json_node_get_string (node);
}

/* The agencies of @key joined with | */
static char *
names (JsonObject *item,
       const char *key)
{
  JsonArray *array = json_object_get_array_member (item, key);
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint i = 0; i < json_array_get_length (array); i++)
    g_string_append_printf (out, "%s%s", i > 0 ? "|" : "", json_array_get_string_element (array, i));
  return g_string_free (g_steal_pointer (&out), FALSE);
}

#define assert_item(root, path, kind, title)                                     \
  G_STMT_START {                                                                 \
    JsonObject *_it = item_at (root, path);                                      \
    g_assert_cmpstr (str (_it, "kind"), ==, kind);                               \
    g_assert_cmpstr (str (_it, "title"), ==, title);                             \
  } G_STMT_END

#define assert_names(root, path, key, expected)                                  \
  G_STMT_START {                                                                 \
    g_autofree char *_n = names (item_at (root, path), key);                     \
    g_assert_cmpstr (_n, ==, expected);                                          \
  } G_STMT_END

/* Round trip */

static char *
latest_note (WpStore *store,
             WpItem  *item)
{
  g_autoptr(GPtrArray) notes = wp_store_list_notes (store, wp_item_get_id (item), NULL);
  WpNote *note;
  g_autofree char *date = NULL;

  if (notes == NULL || notes->len == 0)
    return g_strdup ("");
  note = g_ptr_array_index (notes, notes->len - 1);
  date = wp_date_to_iso (&note->date);
  return g_strdup_printf ("%s %s", date, note->text);
}

static guint
compare_children (WpStore *a,
                  gint64   plan_a,
                  gint64   parent_a,
                  WpStore *b,
                  gint64   plan_b,
                  gint64   parent_b)
{
  g_autoptr(GPtrArray) ca = wp_store_list_children (a, plan_a, parent_a, NULL);
  g_autoptr(GPtrArray) cb = wp_store_list_children (b, plan_b, parent_b, NULL);
  guint n = 0;

  g_assert_nonnull (ca);
  g_assert_nonnull (cb);
  g_assert_cmpuint (ca->len, ==, cb->len);
  for (guint i = 0; i < ca->len; i++)
    {
      WpItem *x = g_ptr_array_index (ca, i), *y = g_ptr_array_index (cb, i);
      g_autofree char *lead_x = g_strjoinv ("|", (char **) wp_item_get_lead_agencies (x));
      g_autofree char *lead_y = g_strjoinv ("|", (char **) wp_item_get_lead_agencies (y));
      g_autofree char *co_x = g_strjoinv ("|", (char **) wp_item_get_co_agencies (x));
      g_autofree char *co_y = g_strjoinv ("|", (char **) wp_item_get_co_agencies (y));
      g_autofree char *due_x = wp_date_to_iso (wp_item_get_due (x));
      g_autofree char *due_y = wp_date_to_iso (wp_item_get_due (y));
      g_autofree char *note_x = latest_note (a, x);
      g_autofree char *note_y = latest_note (b, y);

      g_assert_cmpstr (wp_item_get_title (x), ==, wp_item_get_title (y));
      g_assert_cmpint (wp_item_get_kind (x), ==, wp_item_get_kind (y));
      g_assert_cmpstr (wp_item_get_description (x), ==, wp_item_get_description (y));
      g_assert_cmpstr (lead_x, ==, lead_y);
      g_assert_cmpstr (co_x, ==, co_y);
      g_assert_cmpstr (due_x, ==, due_y);
      g_assert_cmpstr (wp_item_get_due_label (x), ==, wp_item_get_due_label (y));
      g_assert_cmpint (wp_item_get_ongoing (x), ==, wp_item_get_ongoing (y));
      g_assert_cmpint (wp_item_get_effective_status (x), ==, wp_item_get_effective_status (y));
      g_assert_cmpint (wp_item_get_effective_progress (x), ==,
                       wp_item_get_effective_progress (y));
      g_assert_cmpstr (note_x, ==, note_y);
      {
        g_autoptr(GPtrArray) mx = wp_store_list_milestones (a, wp_item_get_id (x), NULL);
        g_autoptr(GPtrArray) my = wp_store_list_milestones (b, wp_item_get_id (y), NULL);

        g_assert_cmpuint (mx->len, ==, my->len);
        for (guint k = 0; k < mx->len; k++)
          {
            WpMilestone *p = g_ptr_array_index (mx, k), *q = g_ptr_array_index (my, k);

            g_assert_cmpint (p->quarter, ==, q->quarter);
            g_assert_cmpstr (p->text, ==, q->text);
            g_assert_cmpint (p->progress, ==, q->progress);
          }
      }
      n += 1 + compare_children (a, plan_a, wp_item_get_id (x), b, plan_b, wp_item_get_id (y));
    }
  return n;
}

static void
round_trip (WpStore  *store,
            WpPlan   *plan,
            gboolean  xlsx,
            gboolean  resave)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = wp_test_dir_new ();
  g_autofree char *sheet_path = g_build_filename (dir, xlsx ? "plan.xlsx" : "plan.csv", NULL);
  g_autofree char *db = g_build_filename (dir, "back.db", NULL);
  g_autoptr(WpSheet) sheet = wp_sheet_new (store, wp_plan_get_id (plan), NULL, &error);
  g_autofree char *json = NULL;
  g_autoptr(WpStore) back = NULL;
  g_autoptr(WpPlan) imported = NULL;
  guint n;

  g_assert_no_error (error);
  if (xlsx)
    wp_sheet_write_xlsx (sheet, sheet_path, &error);
  else
    wp_sheet_write_csv (sheet, sheet_path, &error);
  g_assert_no_error (error);

  if (resave)
    {
      /* what comes back from an office that opened and saved it in
       * LibreOffice: its own shared strings, styles and date formats */
      g_autofree char *soffice = g_find_program_in_path ("soffice");
      g_autofree char *outdir = g_build_filename (dir, "resaved", NULL);
      g_autofree char *profile = g_build_filename (dir, "lo-profile", NULL);
      g_autofree char *profile_arg = g_strconcat ("-env:UserInstallation=file://", profile,
                                                  NULL);
      const char *argv[] = { soffice, profile_arg, "--headless", "--convert-to", "xlsx",
                             "--outdir", outdir, sheet_path, NULL };
      int status = 0;

      g_assert_nonnull (soffice);
      g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL
                    | G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, NULL, NULL, &status, &error);
      g_assert_no_error (error);
      g_free (sheet_path);
      sheet_path = g_build_filename (outdir, "plan.xlsx", NULL);
      g_assert_true (g_file_test (sheet_path, G_FILE_TEST_EXISTS));
    }
  json = wp_sheet_import_file (sheet_path, wp_plan_get_year (plan), &error);
  g_assert_no_error (error);
  back = wp_store_open (db, WP_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  imported = wp_json_import (back, json, -1, 0, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (wp_plan_get_year (imported), ==, wp_plan_get_year (plan));
  if (xlsx)  /* (a CSV has no title row) */
    g_assert_cmpstr (wp_plan_get_title (imported), ==, wp_plan_get_title (plan));

  n = compare_children (store, wp_plan_get_id (plan), 0, back, wp_plan_get_id (imported), 0);
  g_assert_cmpuint (n, ==, wp_store_count_items (store, wp_plan_get_id (plan), NULL));
  g_assert_cmpuint (n, ==, sheet->rows->len);

  g_clear_object (&imported);
  g_assert_finalize_object (g_steal_pointer (&back));
  g_unlink (db);
  wp_test_remove_tree (dir);
}

static void
test_round_trip_demo (gconstpointer data)
{
  g_autofree char *dir = wp_test_dir_new ();
  WpPlan *plan = NULL;
  WpStore *store = wp_test_open_demo (dir, &plan);

  round_trip (store, plan, GPOINTER_TO_INT (data), FALSE);
  g_assert_finalize_object (plan);
  g_assert_finalize_object (store);
  wp_test_dir_free (g_steal_pointer (&dir));
}

static void
test_round_trip_libreoffice (void)
{
  g_autofree char *soffice = g_find_program_in_path ("soffice");
  g_autofree char *dir = NULL;
  WpPlan *plan = NULL;
  WpStore *store;

  if (soffice == NULL)
    {
      g_test_skip ("LibreOffice (soffice) is not installed");
      return;
    }
  dir = wp_test_dir_new ();
  store = wp_test_open_demo (dir, &plan);
  round_trip (store, plan, TRUE, TRUE);
  g_assert_finalize_object (plan);
  g_assert_finalize_object (store);
  wp_test_dir_free (g_steal_pointer (&dir));
}

/* Text that needs quoting, text a spreadsheet would take for a formula,
 * a note, a status of each kind */
static const char crafted[] =
  "{\"format\": \"workplan\", \"version\": 1,"
  " \"plan\": {\"year\": 2025, \"title\": \"2025年测试计划\", \"organization\": \"某市委政法委\"},"
  " \"items\": ["
  "  {\"kind\": \"area\", \"title\": \"领域一\", \"description\": \"说明，\\\"引号\\\"\","
  "   \"lead\": [\"市委政法委\"], \"children\": ["
  "    {\"kind\": \"task\", \"title\": \"=HYPERLINK(\\\"http://x\\\")\", \"lead\": [\"市公安局\"],"
  "     \"children\": ["
  "      {\"kind\": \"action\", \"title\": \"完善机制，\\\"三项\\\"制度\\n第二行\","
  "       \"lead\": [\"市公安局\"], \"co\": [\"市司法局\", \"市教育局\"],"
  "       \"due\": \"2025-06-30\", \"due_label\": \"6月底前\", \"progress\": 40,"
  "       \"status\": \"in_progress\","
  "       \"notes\": [{\"date\": \"2025-03-01\", \"text\": \"旧进展\", \"progress\": 10},"
  "                 {\"date\": \"2025-05-01\", \"text\": \"已召开推进会\", \"progress\": 40}],"
  "       \"milestones\": [{\"quarter\": 1, \"text\": \"启动（建立台账）\", \"progress\": 20},"
  "                      {\"quarter\": 2, \"text\": \"覆盖率达90%\", \"progress\": null},"
  "                      {\"quarter\": 4, \"text\": \"\", \"progress\": 100}]},"
  "      {\"kind\": \"action\", \"title\": \"-5%的目标\", \"lead\": [\"市教育局\"],"
  "       \"due\": \"2025-11-15\", \"status\": \"done\", \"progress\": 100},"
  "      {\"kind\": \"action\", \"title\": \"+常态化\", \"lead\": [\"市教育局\"],"
  "       \"due_label\": \"长期坚持\", \"ongoing\": true, \"status\": \"suspended\"}"
  "     ]}"
  "   ]},"
  "  {\"kind\": \"area\", \"title\": \"@领域二\", \"lead\": [\"市委政法委\"],"
  "   \"children\": ["
  "    {\"kind\": \"task\", \"title\": \"任务\", \"lead\": [\"市检察院\"], \"due\": \"2025-12-31\","
  "     \"due_label\": \"年底前\", \"milestones\": [{\"quarter\": 3, \"text\": \"全面推开\","
  "     \"progress\": 75}]}"
  "   ]}"
  " ]}";

static void
test_round_trip_crafted (gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = wp_test_dir_new ();
  g_autofree char *db = g_build_filename (dir, "plan.db", NULL);
  WpStore *store = wp_store_open (db, WP_STORE_OPEN_DEFAULT, &error);
  WpPlan *plan;

  g_assert_no_error (error);
  plan = wp_json_import (store, crafted, -1, 0, FALSE, &error);
  g_assert_no_error (error);
  round_trip (store, plan, GPOINTER_TO_INT (data), FALSE);
  g_assert_finalize_object (plan);
  g_assert_finalize_object (store);
  wp_test_dir_free (g_steal_pointer (&dir));
}

/* Sheets as offices write them */

static void
test_office_xlsx (void)
{
  g_autofree char *path = NULL;
  g_autoptr(JsonNode) root = NULL;
  JsonObject *plan, *item;

  if (!have_fixtures ())
    return;
  path = fixture ("office.xlsx");
  root = import_json (path, 0);
  plan = json_object_get_object_member (json_node_get_object (root), "plan");
  /* two title rows, the year from the first */
  g_assert_cmpstr (json_object_get_string_member (plan, "title"), ==,
                   "2025年全市政法工作要点任务分解表");
  g_assert_cmpint (json_object_get_int_member (plan, "year"), ==, 2025);

  /* areas merged across, numbering taken off; 小计/合计 rows skipped */
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (
                      json_node_get_object (root), "items")), ==, 2);
  assert_item (root, "0", "area", "平安建设");
  assert_item (root, "1", "area", "法治建设");
  /* the key task merged down over three actions */
  assert_item (root, "0/0", "task", "守牢社会稳定底线");
  g_assert_cmpuint (n_children (item_at (root, "0")), ==, 1);
  g_assert_cmpuint (n_children (item_at (root, "0/0")), ==, 3);
  assert_item (root, "0/0/0", "action", "落实维护稳定责任制");
  assert_item (root, "0/0/1", "action", "开展矛盾纠纷排查化解");
  assert_item (root, "0/0/2", "action", "完善信访工作机制");
  /* 责任单位 merged down belongs to each action; 协办单位 split on ，/ and spaces */
  assert_names (root, "0/0/0", "lead", "市委政法委|市信访局");
  assert_names (root, "0/0/2", "lead", "市委政法委|市信访局");
  assert_names (root, "0/0/0", "co", "各区党委政法委|市公安局");
  assert_names (root, "0/0/1", "co", "市司法局|市信访局");
  assert_names (root, "0/0/2", "co", "市信访局|市人社局");
  assert_names (root, "1/1/0", "lead", "市司法局|市教育局");
  /* an Excel date in a Chinese format, words, 长期坚持, an ISO-formatted date, 2025.9.30 */
  item = item_at (root, "0/0/0");
  g_assert_cmpstr (str (item, "due"), ==, "2025-06-30");
  g_assert_cmpstr (str (item, "due_label"), ==, "");
  item = item_at (root, "0/0/1");
  g_assert_cmpstr (str (item, "due"), ==, "2025-06-30");
  g_assert_cmpstr (str (item, "due_label"), ==, "2025年6月底前");
  item = item_at (root, "0/0/2");
  g_assert_null (str (item, "due"));
  g_assert_true (json_object_get_boolean_member (item, "ongoing"));
  g_assert_cmpstr (str (item_at (root, "1/0/0"), "due"), ==, "2025-09-30");
  item = item_at (root, "1/1/0");
  g_assert_cmpstr (str (item, "due"), ==, "2025-09-30");
  g_assert_cmpstr (str (item, "due_label"), ==, "2025.9.30");
  /* 推进情况 as the note; 形象进度 by quarter as the item's milestones (issue
   * 21), 备注 in the description */
  item = item_at (root, "0/0/0");
  g_assert_cmpstr (json_object_get_string_member (
                     json_array_get_object_element (json_object_get_array_member (item, "notes"),
                                                    0), "text"), ==, "已召开部署会");
  g_assert_cmpstr (str (item, "description"), ==, "重点");
  {
    JsonArray *milestones = json_object_get_array_member (item, "milestones");
    const char *expected[] = { "部署", "推进", "深化", "总结" };

    g_assert_cmpuint (json_array_get_length (milestones), ==, 4);
    for (guint q = 0; q < 4; q++)
      {
        JsonObject *m = json_array_get_object_element (milestones, q);

        g_assert_cmpint (json_object_get_int_member (m, "quarter"), ==, q + 1);
        g_assert_cmpstr (json_object_get_string_member (m, "text"), ==, expected[q]);
        g_assert_true (json_object_get_null_member (m, "progress"));
      }
  }
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (
                      item_at (root, "0/0/2"), "notes")), ==, 0);
}

/* Rich text and phonetic runs, inline strings, cached formula values,
 * built-in and custom date formats, percentages, the 1904 date system,
 * the first visible sheet */
static void
check_raw (const char *name)
{
  g_autofree char *path = fixture (name);
  g_autoptr(JsonNode) root = import_json (path, 0);
  JsonObject *item;

  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (
                      json_node_get_object (root), "items")), ==, 4);
  /* one flat list of the 具体措施 column */
  item = item_at (root, "0");
  g_assert_cmpstr (str (item, "kind"), ==, "action");
  g_assert_cmpstr (str (item, "title"), ==, "完善矛盾 调解机制");  /* (no ワンセイ) */
  g_assert_cmpstr (str (item, "due"), ==, "2025-06-30");  /* built-in 31 */
  g_assert_cmpint (json_object_get_int_member (item, "progress"), ==, 25);  /* 25% */
  g_assert_cmpstr (json_object_get_string_member (
                     json_array_get_object_element (json_object_get_array_member (item, "notes"),
                                                    0), "text"), ==, "第一行\n第二行");
  item = item_at (root, "1");
  g_assert_cmpstr (str (item, "title"), ==, "规范执法");  /* a formula's cached text */
  assert_names (root, "1", "lead", "市公安局");  /* an inline string in two runs */
  g_assert_cmpstr (str (item, "due"), ==, "2025-03-31");  /* built-in 14 */
  g_assert_cmpint (json_object_get_int_member (item, "progress"), ==, 30);  /* cached, not evaluated */
  item = item_at (root, "2");
  g_assert_cmpstr (str (item, "due"), ==, "2025-09-01");  /* built-in 57 */
  g_assert_true (JSON_NODE_HOLDS_NULL (json_object_get_member (item, "progress")));  /* #DIV/0! */
  g_assert_cmpstr (str (item_at (root, "3"), "due"), ==, "2025-12-31");  /* custom "截至"yyyy年… */
}

static void
test_raw_xlsx (void)
{
  if (!have_fixtures ())
    return;
  check_raw ("raw.xlsx");
  check_raw ("raw1904.xlsx");
}

static JsonNode *import_csv_text (const char *csv);

/* Hierarchy shown by indenting (make-sheet-fixtures.py, indented()): the
 * same plan of two areas, three key tasks and four actions, whether the
 * actions stand one column right of their key tasks under one header, or
 * the titles are indented with spaces and full-width spaces, or with the
 * cells' own indent */
static void
check_indented (const char *name)
{
  g_autofree char *path = fixture (name);
  g_autoptr(JsonNode) root = import_json (path, 2025);

  g_test_message ("%s", name);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (
                      json_node_get_object (root), "items")), ==, 2);
  assert_item (root, "0", "area", "法治政府建设");
  g_assert_cmpuint (n_children (item_at (root, "0")), ==, 2);
  assert_item (root, "0/0", "task", "深化行政执法体制改革");
  g_assert_cmpuint (n_children (item_at (root, "0/0")), ==, 2);
  assert_item (root, "0/0/0", "action", "推进综合行政执法");
  assert_item (root, "0/0/1", "action", "规范执法自由裁量权");
  assert_names (root, "0/0/1", "lead", g_str_equal (name, "indent-columns.xlsx")
                                       ? "市司法局|市公安局" : "市司法局");
  g_assert_cmpstr (str (item_at (root, "0/0/1"), "due"), ==, "2025-09-30");
  assert_item (root, "0/1", "task", "加强行政复议工作");
  assert_item (root, "0/1/0", "action", "畅通复议渠道");
  assert_item (root, "1", "area", "法治社会建设");
  assert_item (root, "1/0", "task", "深入开展普法");
  assert_item (root, "1/0/0", "action", "落实普法责任制");
  assert_names (root, "1/0/0", "lead", "市司法局");
}

static void
test_indented (void)
{
  if (!have_fixtures ())
    return;
  check_indented ("indent-columns.xlsx");
  check_indented ("indent-spaces.xlsx");
  check_indented ("indent-format.xlsx");
}

/* The same as CSV, which has neither merges nor formats: the actions one
 * column right, and the titles indented with blanks */
static void
test_indented_csv (void)
{
  g_autoptr(JsonNode) columns = import_csv_text (
    "序号,重点任务/具体措施,,牵头单位\n"
    "1,守牢社会稳定底线,,市委政法委\n"
    ",,落实维护稳定责任制,市信访局\n"
    ",,开展矛盾纠纷排查化解,市司法局\n"
    "2,推进法治建设,,市司法局\n"
    ",,落实普法责任制,市司法局\n");
  g_autoptr(JsonNode) blanks = import_csv_text (
    "工作任务,牵头单位\n"
    "守牢社会稳定底线,市委政法委\n"
    "\u3000落实维护稳定责任制,市信访局\n"
    "  开展矛盾纠纷排查化解,市司法局\n"
    "推进法治建设,市司法局\n"
    "\u3000落实普法责任制,市司法局\n"
    " 一个空格不算缩进,市司法局\n");

  for (guint i = 0; i < 2; i++)
    {
      JsonNode *root = i == 0 ? columns : blanks;

      g_assert_cmpuint (n_children (item_at (root, "0")), ==, 2);
      g_assert_cmpstr (str (item_at (root, "0"), "title"), ==, "守牢社会稳定底线");
      g_assert_cmpstr (str (item_at (root, "0/1"), "title"), ==, "开展矛盾纠纷排查化解");
      assert_names (root, "0/1", "lead", "市司法局");
      g_assert_cmpstr (str (item_at (root, "1/0"), "title"), ==, "落实普法责任制");
    }
  /* (a single space is a slip of the keyboard, not a level) */
  g_assert_cmpstr (str (item_at (blanks, "2"), "title"), ==, "一个空格不算缩进");
}

static void
check_ledger (const char *name)
{
  g_autofree char *path = fixture (name);
  g_autoptr(JsonNode) root = import_json (path, 0);

  /* 一、 / （一） / 1. / （1） in 序号 only */
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (
                      json_node_get_object (root), "items")), ==, 2);
  assert_item (root, "0", "area", "平安建设");
  assert_item (root, "0/0", "task", "社会治安防控");
  assert_item (root, "0/0/0", "action", "开展打击整治行动");
  assert_item (root, "0/0/1", "action", "推进视频监控建设");
  assert_item (root, "0/1", "task", "矛盾纠纷化解");
  assert_item (root, "0/1/0", "action", "健全调解网络");
  assert_item (root, "0/1/0/0", "action", "建设调解室");
  assert_item (root, "1", "area", "法治建设");
  assert_item (root, "1/0", "task", "普法宣传");
  g_assert_cmpuint (n_children (item_at (root, "0/0")), ==, 2);
  g_assert_cmpuint (n_children (item_at (root, "1")), ==, 1);
  assert_names (root, "0/0/0", "co", "市检察院|市法院");
  assert_names (root, "0/0/1", "co", "市大数据局|市财政局");
  g_assert_cmpstr (str (item_at (root, "0/0/1"), "due"), ==, "2025-09-30");
  g_assert_cmpstr (str (item_at (root, "0/0/1"), "due_label"), ==, "三季度");
  g_assert_cmpstr (str (item_at (root, "0/1/0/0"), "due"), ==, "2025-09-30");
}

static void
test_gbk_ledger (void)
{
  if (!have_fixtures ())
    return;
  check_ledger ("ledger-gbk.csv");
  check_ledger ("ledger-utf16.csv");
}

static void
test_xls (void)
{
  g_autofree char *soffice = g_find_program_in_path ("soffice");
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *xls = NULL;
  g_autofree char *profile = NULL;
  g_autofree char *profile_arg = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = NULL;
  int status = 0;

  if (!have_fixtures ())
    return;
  if (soffice == NULL)
    {
      g_test_skip ("LibreOffice (soffice) is not installed");
      return;
    }
  {
    g_autofree char *office = fixture ("office.xlsx");
    profile = fixture ("lo-profile");
    profile_arg = g_strconcat ("-env:UserInstallation=file://", profile, NULL);
    const char *argv[] = { soffice, profile_arg, "--headless", "--convert-to", "xls",
                           "--outdir", fixtures, office, NULL };

    g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status,
                  &error);
    g_assert_no_error (error);
  }
  xls = fixture ("office.xls");
  if (!g_file_test (xls, G_FILE_TEST_EXISTS))
    g_error ("soffice did not convert office.xlsx: %s %s", out, err);

  root = import_json (xls, 0);
  /* FreeXL reports no merged ranges; wp-table-xls-merges.c reads them, so
   * the lead agency merged down over three actions is each one's. */
  assert_item (root, "0", "area", "平安建设");
  assert_item (root, "0/0", "task", "守牢社会稳定底线");
  g_assert_cmpuint (n_children (item_at (root, "0/0")), ==, 3);
  assert_item (root, "0/0/2", "action", "完善信访工作机制");
  assert_item (root, "1/1/0", "action", "落实普法责任制");
  assert_names (root, "0/0/0", "lead", "市委政法委|市信访局");
  assert_names (root, "0/0/1", "lead", "市委政法委|市信访局");
  assert_names (root, "0/0/2", "lead", "市委政法委|市信访局");
  g_assert_cmpstr (str (item_at (root, "0/0/0"), "due"), ==, "2025-06-30");
  g_assert_cmpstr (str (item_at (root, "1/0/0"), "due"), ==, "2025-09-30");
}

/* category.xlsx saved as .xls by LibreOffice: 类别 merged down over four
 * key tasks makes them one area's, and a lead agency merged over two
 * tasks is both tasks' (the ranges read from the BIFF records) */
static void
test_xls_merged_category (void)
{
  g_autofree char *soffice = g_find_program_in_path ("soffice");
  g_autofree char *xlsx = NULL;
  g_autofree char *xls = NULL;
  g_autofree char *profile = NULL;
  g_autofree char *profile_arg = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(WpTable) table = NULL;
  int status = 0;

  if (!have_fixtures ())
    return;
  if (soffice == NULL)
    {
      g_test_skip ("LibreOffice (soffice) is not installed");
      return;
    }
  xlsx = fixture ("category.xlsx");
  profile = fixture ("lo-profile");
  profile_arg = g_strconcat ("-env:UserInstallation=file://", profile, NULL);
  {
    const char *argv[] = { soffice, profile_arg, "--headless", "--convert-to", "xls",
                           "--outdir", fixtures, xlsx, NULL };

    g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL
                  | G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, NULL, NULL, &status, &error);
    g_assert_no_error (error);
  }
  xls = fixture ("category.xls");
  g_assert_true (g_file_test (xls, G_FILE_TEST_EXISTS));

  table = wp_table_read_file (xls, &error);
  g_assert_no_error (error);
  g_assert_cmpint (table->format, ==, WP_TABLE_FORMAT_XLS);
  g_assert_cmpuint (table->merges->len, ==, 4);  /* (the title's, and the three) */

  root = import_json (xls, 0);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (
                      json_node_get_object (root), "items")), ==, 2);
  assert_item (root, "0", "area", "平安建设");
  g_assert_cmpuint (n_children (item_at (root, "0")), ==, 4);
  assert_item (root, "0/3", "task", "加强重点人群服务管理");
  assert_names (root, "0/0", "lead", "市公安局");
  assert_names (root, "0/1", "lead", "市公安局");
  assert_names (root, "0/2", "lead", "市司法局");
  assert_item (root, "1", "area", "法治建设");
  g_assert_cmpuint (n_children (item_at (root, "1")), ==, 2);
  g_assert_cmpstr (str (item_at (root, "1/1"), "due"), ==, "2025-12-31");
}

/* Headers and cells read by the CSV reader, and the synonyms */

static JsonNode *
import_csv_text (const char *csv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WpTable) table = wp_table_read_csv (csv, strlen (csv), &error);
  g_autofree char *json = NULL;

  g_assert_no_error (error);
  json = wp_sheet_import_table (table, 2025, "t", &error);
  g_assert_no_error (error);
  return json_from_string (json, &error);
}

static void
test_csv_reader (void)
{
  g_autoptr(GError) error = NULL;
  const char quoted[] = "a,\"b,\"\"c\"\"\nd\",e\r\n\"\",x\ry\n";
  g_autoptr(WpTable) table = wp_table_read_csv (quoted, strlen (quoted), &error);
  g_autoptr(WpTable) semi = NULL;
  g_autoptr(WpTable) tabs = NULL;
  g_autoptr(WpTable) bad = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (table->rows->len, ==, 3);
  g_assert_cmpstr (wp_table_get (table, 0, 1)->text, ==, "b,\"c\"\nd");
  g_assert_cmpstr (wp_table_get (table, 0, 2)->text, ==, "e");
  g_assert_cmpstr (wp_table_get (table, 1, 0)->text, ==, "");
  g_assert_cmpstr (wp_table_get (table, 1, 1)->text, ==, "x");
  g_assert_cmpstr (wp_table_get (table, 2, 0)->text, ==, "y");  /* (a lone CR ends a line) */

  semi = wp_table_read_csv ("a;b,c;d\n1;2,5;3\n", 16, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (wp_table_get (semi, 1, 1)->text, ==, "2,5");
  tabs = wp_table_read_csv ("a\tb\n1\t\"x\ty\"\n", 13, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (wp_table_get (tabs, 1, 1)->text, ==, "x\ty");

  bad = wp_table_read_csv ("a,\"b\n", 5, &error);
  g_assert_error (error, WP_IO_ERROR, WP_IO_ERROR_INVALID);
  g_assert_null (bad);
}

static void
test_synonyms (void)
{
  g_autoptr(JsonNode) root = import_csv_text (
    "\xef\xbb\xbf" "编号,主要任务,具体举措,牵头部门,责任（配合）单位,完成期限,目前进展,完成状态,完成进度,存在问题,下步打算\n"
    "1,任务甲,措施一,市公安局/市检察院,市法院；市司法局,2025年6月底前,已部署,进行中,40%,经费不足,加快推进\n"
    ",,措施二,市法院,,上半年,,已完成,100,,\n"
    "2,任务乙,措施三,市教育局,,12月31日前,,暂缓,0,,\n"
    "小计,,,,,,,,,,\n");
  JsonObject *item;

  assert_item (root, "0", "task", "任务甲");
  assert_item (root, "0/0", "action", "措施一");
  assert_item (root, "0/1", "action", "措施二");  /* an empty parent cell: the same task */
  assert_item (root, "1", "task", "任务乙");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (
                      json_node_get_object (root), "items")), ==, 2);
  item = item_at (root, "0/0");
  assert_names (root, "0/0", "lead", "市公安局|市检察院");
  assert_names (root, "0/0", "co", "市法院|市司法局");
  g_assert_cmpstr (str (item, "status"), ==, "in_progress");
  g_assert_cmpint (json_object_get_int_member (item, "progress"), ==, 40);
  g_assert_cmpstr (str (item, "description"), ==, "存在问题：经费不足\n下步打算：加快推进");
  g_assert_cmpstr (str (item_at (root, "0/1"), "status"), ==, "done");
  g_assert_cmpstr (str (item_at (root, "0/1"), "due"), ==, "2025-06-30");
  g_assert_cmpstr (str (item_at (root, "0/1"), "due_label"), ==, "上半年");
  g_assert_cmpstr (str (item_at (root, "1/0"), "status"), ==, "suspended");
  g_assert_cmpstr (str (item_at (root, "1/0"), "due"), ==, "2025-12-31");
}

/* 类别 holding the areas' names (merged down in the sheet, or written on
 * the area's first row only) */
static void
test_category_areas (void)
{
  g_autoptr(JsonNode) root = import_csv_text (
    "序号,类别,重点任务,牵头单位\n"
    "1,平安建设,任务一,市公安局\n"
    "2,,任务二,市法院\n"
    "3,法治建设,任务三,市司法局\n");

  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (
                      json_node_get_object (root), "items")), ==, 2);
  assert_item (root, "0", "area", "平安建设");
  assert_item (root, "0/0", "task", "任务一");
  assert_item (root, "0/1", "task", "任务二");
  assert_item (root, "1", "area", "法治建设");
  assert_item (root, "1/0", "task", "任务三");
  g_assert_cmpuint (n_children (item_at (root, "0")), ==, 2);
  assert_names (root, "0/1", "lead", "市法院");
}

/* The column-mapping preview: the header row and each column's field as
 * guessed, then the sheet imported with the columns as the user chose */
static void
test_mapping (void)
{
  const char csv[] =
    "2025年台账\n"
    "序号,重点任务/具体措施,主办处室,配合单位,备注\n"
    "1,任务一,市公安局,市法院,说明一\n"
    "2,任务二,市司法局,,\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(WpTable) table = wp_table_read_csv (csv, strlen (csv), &error);
  g_autoptr(WpSheetMapping) mapping = NULL;
  g_autofree char *json = NULL;
  g_autoptr(JsonNode) root = NULL;

  g_assert_no_error (error);
  mapping = wp_sheet_import_guess (table, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (mapping->header_row, ==, 1);
  g_assert_cmpuint (mapping->first_row, ==, 2);
  g_assert_cmpuint (mapping->n_columns, ==, 5);
  g_assert_cmpstr (mapping->headers[2], ==, "主办处室");
  g_assert_cmpint (mapping->fields[0], ==, WP_SHEET_FIELD_NUMBER);
  g_assert_cmpint (mapping->fields[1], ==, WP_SHEET_FIELD_TITLE);
  g_assert_cmpint (mapping->fields[2], ==, WP_SHEET_FIELD_EXTRA);  /* (not a synonym) */
  g_assert_cmpint (mapping->fields[3], ==, WP_SHEET_FIELD_CO);

  /* 主办处室 is the lead agency; 配合单位 and 备注 are left out */
  mapping->fields[2] = WP_SHEET_FIELD_LEAD;
  mapping->fields[3] = WP_SHEET_FIELD_NONE;
  mapping->fields[4] = WP_SHEET_FIELD_NONE;
  json = wp_sheet_import_table_mapped (table, mapping, 0, "t", &error);
  g_assert_no_error (error);
  root = json_from_string (json, &error);
  assert_item (root, "0", "task", "任务一");
  assert_names (root, "0", "lead", "市公安局");
  assert_names (root, "0", "co", "");
  g_assert_cmpstr (str (item_at (root, "0"), "description"), ==, "");
  assert_names (root, "1", "lead", "市司法局");

  /* no column of tasks: refused, saying what to choose */
  g_clear_pointer (&json, g_free);
  mapping->fields[1] = WP_SHEET_FIELD_REMARK;
  json = wp_sheet_import_table_mapped (table, mapping, 0, "t", &error);
  g_assert_error (error, WP_IO_ERROR, WP_IO_ERROR_INVALID);
  g_assert_null (json);
}

static void
test_no_header (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WpTable) table = wp_table_read_csv ("a,b,c\n1,2,3\n", 12, &error);
  g_autofree char *json = NULL;

  g_assert_no_error (error);
  json = wp_sheet_import_table (table, 2025, "t", &error);
  g_assert_error (error, WP_IO_ERROR, WP_IO_ERROR_INVALID);
  g_assert_null (json);
}

static void
test_serial_dates (void)
{
  GDate date;

  g_assert_true (wp_table_serial_to_date (45838, FALSE, &date));  /* 2025-06-30 */
  g_assert_cmpint (g_date_get_year (&date), ==, 2025);
  g_assert_cmpint (g_date_get_month (&date), ==, 6);
  g_assert_cmpint (g_date_get_day (&date), ==, 30);
  g_assert_true (wp_table_serial_to_date (61, FALSE, &date));  /* after Lotus's 29 February */
  g_assert_cmpint (g_date_get_month (&date), ==, 3);
  g_assert_cmpint (g_date_get_day (&date), ==, 1);
  g_assert_true (wp_table_serial_to_date (59, FALSE, &date));
  g_assert_cmpint (g_date_get_month (&date), ==, 2);
  g_assert_cmpint (g_date_get_day (&date), ==, 28);
  g_assert_true (wp_table_serial_to_date (1, FALSE, &date));
  g_assert_cmpint (g_date_get_year (&date), ==, 1900);
  g_assert_cmpint (g_date_get_day (&date), ==, 1);
  g_assert_true (wp_table_serial_to_date (45838 - 1462, TRUE, &date));  /* 1904 system */
  g_assert_cmpint (g_date_get_year (&date), ==, 2025);
  g_assert_cmpint (g_date_get_day (&date), ==, 30);
  g_assert_false (wp_table_serial_to_date (0, FALSE, &date));
  g_assert_false (wp_table_serial_to_date (1e9, FALSE, &date));

  g_assert_true (wp_table_format_is_date ("yyyy\"年\"m\"月\"d\"日\""));
  g_assert_true (wp_table_format_is_date ("[$-804]yyyy/m/d"));
  g_assert_true (wp_table_format_is_date ("m/d"));
  g_assert_false (wp_table_format_is_date ("General"));
  g_assert_false (wp_table_format_is_date ("0.00%"));
  g_assert_false (wp_table_format_is_date ("\"day\"0"));
  g_assert_false (wp_table_format_is_date ("[Red]0.0"));
  g_assert_false (wp_table_format_is_date ("mm:ss"));
}

/* Hostile and broken files: one line on stderr, non-zero exit, the
 * database byte for byte as it was */

static void
refuse (const char *db,
        const char *file,
        const char *message)
{
  g_autofree char *before = wp_test_file_checksum (db);
  g_autofree char *after = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int status = run_workplan (&out, &err, "import", file, "--db", db, "--year", "2030", NULL);

  g_test_message ("%s: %s", file, err);
  g_assert_cmpint (status, ==, 1);
  g_assert_nonnull (strstr (err, message));
  /* (one line) */
  g_assert_true (g_str_has_suffix (err, "\n"));
  g_assert_true (strchr (err, '\n') == err + strlen (err) - 1);
  after = wp_test_file_checksum (db);
  g_assert_cmpstr (before, ==, after);
}

static void
write_file (const char *path,
            const char *data,
            gssize      length)
{
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, data, length, &error);
  g_assert_no_error (error);
}

static void
test_hostile (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *db = NULL;
  g_autofree char *sample = wp_test_sample_path ("xiamen-2025.json");
  g_autofree char *path = NULL;
  g_autoptr(GString) wide = g_string_new ("序号,具体措施,牵头单位\n1,");
  g_autofree char *out = NULL;
  int status;

  if (!have_fixtures ())
    return;
  dir = wp_test_dir_new ();
  db = g_build_filename (dir, "plan.db", NULL);
  status = run_workplan (&out, NULL, "import", sample, "--db", db, NULL);
  g_assert_cmpint (status, ==, 0);

  path = fixture ("bomb.xlsx");
  refuse (db, path, "unpacks to more than");
  g_free (path), path = fixture ("xxe.xlsx");
  refuse (db, path, "document type");
  g_free (path), path = fixture ("laughs.xlsx");
  refuse (db, path, "document type");
  g_free (path), path = fixture ("notxlsx.xlsx");
  refuse (db, path, "not an Excel workbook");
  g_free (path), path = fixture ("truncated.xlsx");
  refuse (db, path, "not a readable Excel workbook");
  g_free (path), path = fixture ("rows.xlsx");
  refuse (db, path, "1048576 rows");

  /* a million-column CSV line */
  for (guint i = 0; i < WP_TABLE_MAX_COLUMNS + 10; i++)
    g_string_append_c (wide, ',');
  g_free (path), path = fixture ("wide.csv");
  write_file (path, wide->str, (gssize) wide->len);
  refuse (db, path, "16384 columns");
  /* a sheet of no known layout, binary junk, a truncated .xls */
  g_free (path), path = fixture ("plain.csv");
  write_file (path, "名称,数量\n甲,1\n", -1);
  refuse (db, path, "No header row");
  g_free (path), path = fixture ("junk.xlsx");
  write_file (path, "\x01\x02\x00\x03junk", 8);
  refuse (db, path, "not a spreadsheet");
  g_free (path), path = fixture ("broken.xls");
  write_file (path, "\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1\x00\x00", 10);
  refuse (db, path, ".xls");
  /* files that crash FreeXL itself (found by fuzz-xls): the reader's
   * process stops, not the program */
  g_free (path);
  path = g_test_build_filename (G_TEST_DIST, "fuzz", "known-freexl", "double-free.xls", NULL);
  refuse (db, path, ".xls");
  g_free (path);
  path = g_test_build_filename (G_TEST_DIST, "fuzz", "known-freexl", "memcpy-segv.xls", NULL);
  refuse (db, path, ".xls");

  wp_test_dir_free (g_steal_pointer (&dir));
}

static void
test_cli (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *db = NULL;
  g_autofree char *path = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(JsonNode) draft = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  if (!have_fixtures ())
    return;
  dir = wp_test_dir_new ();
  db = g_build_filename (dir, "plan.db", NULL);
  /* an .xlsx under another name: the content tells */
  path = fixture ("ledger.dat");
  {
    g_autofree char *from = fixture ("office.xlsx");
    wp_test_copy_file (from, path);
  }

  status = run_workplan (&out, &err, "import", path, "--db", db, "--dry-run", "--json", NULL);
  g_assert_cmpint (status, ==, 0);
  g_assert_false (g_file_test (db, G_FILE_TEST_EXISTS));
  draft = json_from_string (out, &error);
  g_assert_no_error (error);
  assert_item (draft, "0/0/0", "action", "落实维护稳定责任制");

  g_free (out), out = NULL;
  status = run_workplan (&out, NULL, "import", path, "--db", db, "--year", "2026", NULL);
  g_assert_cmpint (status, ==, 0);
  g_assert_nonnull (strstr (out, "2026"));
  g_assert_nonnull (strstr (out, "10"));  /* (2 areas, 3 key tasks, 5 actions) */

  g_free (out), out = NULL;
  g_free (err), err = NULL;
  status = run_workplan (&out, &err, "import", path, "--db", db, "--json", NULL);
  g_assert_cmpint (status, ==, 2);
  wp_test_dir_free (g_steal_pointer (&dir));
}

int
main (int    argc,
      char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  g_test_add_data_func ("/sheet-import/round-trip/demo-xlsx", GINT_TO_POINTER (TRUE),
                        test_round_trip_demo);
  g_test_add_data_func ("/sheet-import/round-trip/demo-csv", GINT_TO_POINTER (FALSE),
                        test_round_trip_demo);
  g_test_add_data_func ("/sheet-import/round-trip/crafted-xlsx", GINT_TO_POINTER (TRUE),
                        test_round_trip_crafted);
  g_test_add_data_func ("/sheet-import/round-trip/crafted-csv", GINT_TO_POINTER (FALSE),
                        test_round_trip_crafted);
  g_test_add_func ("/sheet-import/round-trip/demo-libreoffice", test_round_trip_libreoffice);
  g_test_add_func ("/sheet-import/office-xlsx", test_office_xlsx);
  g_test_add_func ("/sheet-import/raw-xlsx", test_raw_xlsx);
  g_test_add_func ("/sheet-import/gbk-ledger", test_gbk_ledger);
  g_test_add_func ("/sheet-import/xls", test_xls);
  g_test_add_func ("/sheet-import/indented", test_indented);
  g_test_add_func ("/sheet-import/xls-merged-category", test_xls_merged_category);
  g_test_add_func ("/sheet-import/indented-csv", test_indented_csv);
  g_test_add_func ("/sheet-import/csv-reader", test_csv_reader);
  g_test_add_func ("/sheet-import/synonyms", test_synonyms);
  g_test_add_func ("/sheet-import/category-areas", test_category_areas);
  g_test_add_func ("/sheet-import/no-header", test_no_header);
  g_test_add_func ("/sheet-import/mapping", test_mapping);
  g_test_add_func ("/sheet-import/serial-dates", test_serial_dates);
  g_test_add_func ("/sheet-import/hostile", test_hostile);
  g_test_add_func ("/sheet-import/cli", test_cli);
  status = g_test_run ();
  if (fixtures != NULL)
    wp_test_remove_tree (fixtures);
  g_free (fixtures);
  return status;
}
