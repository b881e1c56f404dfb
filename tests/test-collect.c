/* test-collect.c: agencies' sheets sent out, filled in, saved again by
 * another program, and collected back
 *
 * The sheets are filled in with openpyxl (tests/fill-sheet.py) and saved
 * again by LibreOffice when it is installed (.ci/run installs it), as an
 * agency's office would; without python3-openpyxl the tests are skipped.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <json-glib/json-glib.h>

#include "wp-test-util.h"

typedef struct {
  char    *dir;
  WpStore *store;
  WpPlan  *plan;
} Fixture;

static void
fixture_setup (Fixture       *f,
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

static gboolean
run (const char *const *argv,
     char             **out)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  int status = 0;

  g_spawn_sync (NULL, (char **) argv, NULL,
                G_SPAWN_SEARCH_PATH | (out == NULL ? G_SPAWN_STDOUT_TO_DEV_NULL : 0), NULL, NULL,
                out, &err, &status, &error);
  g_assert_no_error (error);
  g_test_message ("%s: %s", argv[0], err);
  return g_spawn_check_wait_status (status, NULL);
}

static char *
agency_sheet (Fixture    *f,
              const char *agency,
              const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WpSheet) sheet = wp_sheet_new (f->store, wp_plan_get_id (f->plan), agency, &error);
  char *path = g_build_filename (f->dir, name, NULL);

  g_assert_no_error (error);
  g_assert_true (wp_sheet_write_xlsx (sheet, path, &error));
  g_assert_no_error (error);
  return path;
}

/* Fills @in as the agency would (see fill-sheet.py); returns the filled
 * file, saved again by LibreOffice when it is installed */
static char *
fill (const char *dir,
      const char *in,
      const char *name,
      const char *edits)
{
  g_autofree char *script = g_test_build_filename (G_TEST_DIST, "fill-sheet.py", NULL);
  g_autofree char *json = g_build_filename (dir, "edits.json", NULL);
  g_autofree char *filled = g_build_filename (dir, name, NULL);
  g_autofree char *soffice = g_find_program_in_path ("soffice");
  g_autofree char *saved_dir = g_build_filename (dir, "saved", NULL);
  g_autofree char *profile = g_strdup_printf ("-env:UserInstallation=file://%s/lo-profile", dir);
  const char *fill_argv[] = { "/usr/bin/python3", script, in, filled, json, NULL };

  g_assert_true (g_file_set_contents (json, edits, -1, NULL));
  g_assert_true (run (fill_argv, NULL));
  if (soffice != NULL)
    {
      const char *argv[] = { soffice, profile, "--headless", "--convert-to", "xlsx",
                             "--outdir", saved_dir, filled, NULL };

      g_assert_true (run (argv, NULL));
      return g_build_filename (saved_dir, name, NULL);
    }
  return g_steal_pointer (&filled);
}

static WpItem *
find_item (WpStore    *store,
           gint64      plan_id,
           gint64      parent_id,
           const char *prefix)
{
  g_autoptr(GPtrArray) children = wp_store_list_children (store, plan_id, parent_id, NULL);

  for (guint i = 0; i < children->len; i++)
    {
      WpItem *item = g_ptr_array_index (children, i);
      WpItem *found;

      if (g_str_has_prefix (wp_item_get_title (item), prefix))
        return g_object_ref (item);
      found = find_item (store, plan_id, wp_item_get_id (item), prefix);
      if (found != NULL)
        return found;
    }
  return NULL;
}

/* status, progress and number of notes of every item, in outline order */
static void
describe (WpStore  *store,
          gint64    plan_id,
          gint64    parent_id,
          GString  *out)
{
  g_autoptr(GPtrArray) children = wp_store_list_children (store, plan_id, parent_id, NULL);

  for (guint i = 0; i < children->len; i++)
    {
      WpItem *item = g_ptr_array_index (children, i);
      g_autoptr(GPtrArray) notes = wp_store_list_notes (store, wp_item_get_id (item), NULL);

      g_string_append_printf (out, "%s %s %d %u\n", wp_item_get_title (item),
                              wp_item_status_to_string (wp_item_get_status (item)),
                              wp_item_get_progress (item), notes->len);
      describe (store, plan_id, wp_item_get_id (item), out);
    }
}

static char *
describe_plan (Fixture *f)
{
  GString *out = g_string_new (NULL);

  describe (f->store, wp_plan_get_id (f->plan), 0, out);
  return g_string_free (out, FALSE);
}

static WpCollect *
collect (Fixture    *f,
         const char *file,
         const char *other)
{
  g_autoptr(GError) error = NULL;
  const char *files[] = { file, other, NULL };
  WpCollect *collect = wp_collect_read (f->store, wp_plan_get_id (f->plan), files,
                                        wp_store_get_reference_date (f->store), &error);

  g_assert_no_error (error);
  for (guint i = 0; i < collect->rows->len; i++)
    {
      WpCollectRow *row = g_ptr_array_index (collect->rows, i);

      g_test_message ("row %u “%s”: %s", row->row, row->title,
                      row->refusal ? row->refusal : "change");
    }
  return collect;
}

/* 市司法局 reports on two of its actions; only what it filled in changes,
 * as one transaction; collecting the same sheet again changes nothing. */
static void
test_round_trip (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *sent = NULL;
  g_autofree char *filled = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *expected = NULL;
  g_autoptr(WpCollect) first = NULL;
  g_autoptr(WpCollect) again = NULL;
  g_autoptr(WpItem) reported = NULL;
  g_autoptr(WpItem) advanced = NULL;
  g_autoptr(GPtrArray) notes = NULL;
  g_autoptr(GString) want = g_string_new (NULL);
  WpNote *note;
  int advanced_notes;

  if (!wp_test_have_openpyxl ())
    {
      g_test_skip ("python3-openpyxl is not installed");
      return;
    }
  reported = find_item (f->store, wp_plan_get_id (f->plan), 0, "完善重大行政决策");
  advanced = find_item (f->store, wp_plan_get_id (f->plan), 0, "推动建设市、区、镇");
  g_assert_nonnull (reported);
  g_assert_nonnull (advanced);
  g_assert_true (g_strv_contains (wp_item_get_lead_agencies (reported), "市司法局"));
  g_assert_cmpint (wp_item_get_status (reported), !=, WP_ITEM_STATUS_DONE);
  g_assert_cmpint (wp_item_get_progress (advanced), !=, 30);
  {
    g_autoptr(GPtrArray) old = wp_store_list_notes (f->store, wp_item_get_id (advanced), NULL);
    advanced_notes = old->len;
  }

  sent = agency_sheet (f, "市司法局", "2025-市司法局.xlsx");
  filled = fill (f->dir, sent, "returned.xlsx",
                 "[{\"title\": \"完善重大行政决策\", \"key\": \"status\", \"value\": \"已完成\"},"
                 " {\"title\": \"完善重大行政决策\", \"key\": \"progress\", \"value\": 100},"
                 " {\"title\": \"完善重大行政决策\", \"key\": \"note\", \"value\": \"已出台审查办法\"},"
                 " {\"title\": \"完善重大行政决策\", \"key\": \"problems\", \"value\": \"人手不足\"},"
                 " {\"title\": \"推动建设市、区、镇\", \"key\": \"progress\", \"value\": 30}]");

  /* what the plan should read after: the two items, and nothing else */
  before = describe_plan (f);
  first = collect (f, filled, NULL);
  g_assert_cmpuint (first->n_refused, ==, 0);
  g_assert_cmpuint (first->n_changes, ==, 2);
  g_assert_true (wp_collect_apply (f->store, first, &error));
  g_assert_no_error (error);
  after = describe_plan (f);

  g_clear_object (&reported);
  g_clear_object (&advanced);
  reported = find_item (f->store, wp_plan_get_id (f->plan), 0, "完善重大行政决策");
  advanced = find_item (f->store, wp_plan_get_id (f->plan), 0, "推动建设市、区、镇");
  g_assert_cmpint (wp_item_get_status (reported), ==, WP_ITEM_STATUS_DONE);
  g_assert_cmpint (wp_item_get_progress (reported), ==, 100);
  notes = wp_store_list_notes (f->store, wp_item_get_id (reported), NULL);
  note = g_ptr_array_index (notes, notes->len - 1);
  g_assert_cmpstr (note->text, ==,
                   "Reported by 市司法局 in “returned.xlsx”: 已出台审查办法 Problems: 人手不足");
  g_assert_cmpint (note->progress, ==, 100);
  g_assert_cmpint (g_date_compare (&note->date, wp_store_get_reference_date (f->store)), ==, 0);
  g_assert_cmpint (wp_item_get_progress (advanced), ==, 30);
  g_clear_pointer (&notes, g_ptr_array_unref);
  notes = wp_store_list_notes (f->store, wp_item_get_id (advanced), NULL);
  g_assert_cmpint (notes->len, ==, advanced_notes);

  /* every other item as it was: the descriptions differ in two lines */
  {
    g_auto(GStrv) a = g_strsplit (before, "\n", -1);
    g_auto(GStrv) b = g_strsplit (after, "\n", -1);
    guint differ = 0;

    g_assert_cmpuint (g_strv_length (a), ==, g_strv_length (b));
    for (guint i = 0; a[i] != NULL; i++)
      if (!g_str_equal (a[i], b[i]))
        {
          differ++;
          g_assert_true (g_str_has_prefix (a[i], "完善重大行政决策")
                         || g_str_has_prefix (a[i], "推动建设市、区、镇"));
        }
    g_assert_cmpuint (differ, ==, 2);
  }

  again = collect (f, filled, NULL);
  g_assert_cmpuint (again->n_changes, ==, 0);
  g_assert_cmpuint (again->n_refused, ==, 0);
  g_assert_cmpuint (again->n_unchanged, >, 0);
}

/* An item both a lead and a co-agency report on: their notes are both
 * kept, but a different progress from each is refused. */
static void
test_sheets_disagree (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(WpItem) item = NULL;
  g_autofree char *lead_sheet = NULL, *co_sheet = NULL, *lead_filled = NULL, *co_filled = NULL;
  g_autofree char *edits = NULL;
  g_autoptr(WpCollect) both = NULL;
  const char *lead, *co;

  if (!wp_test_have_openpyxl ())
    {
      g_test_skip ("python3-openpyxl is not installed");
      return;
    }
  item = find_item (f->store, wp_plan_get_id (f->plan), 0, "全面落实重大决策");
  g_assert_nonnull (wp_item_get_co_agencies (item)[0]);
  lead = wp_item_get_lead_agencies (item)[0];
  co = wp_item_get_co_agencies (item)[0];

  lead_sheet = agency_sheet (f, lead, "lead.xlsx");
  co_sheet = agency_sheet (f, co, "co.xlsx");
  edits = g_strdup ("[{\"title\": \"全面落实重大决策\", \"key\": \"progress\", \"value\": 50}]");
  lead_filled = fill (f->dir, lead_sheet, "lead-back.xlsx", edits);
  g_free (edits);
  edits = g_strdup ("[{\"title\": \"全面落实重大决策\", \"key\": \"progress\", \"value\": 60},"
                    " {\"title\": \"全面落实重大决策\", \"key\": \"note\", \"value\": \"已配合\"}]");
  co_filled = fill (f->dir, co_sheet, "co-back.xlsx", edits);

  both = collect (f, lead_filled, co_filled);
  g_assert_cmpuint (both->n_changes, ==, 1);
  g_assert_cmpuint (both->n_refused, ==, 1);
  g_assert_false (wp_collect_apply (f->store, both, NULL));
}

static int
run_cli (char **out,
         char **err,
         ...)
{
  g_autofree char *ignored = NULL;
  va_list args;
  int status;

  /* (what it prints must not reach the test's own output) */
  va_start (args, err);
  status = wp_test_run_workplan_va (out != NULL ? out : &ignored, err, args);
  va_end (args);
  return status;
}

/* A sheet whose title, lead or ids were edited, or with a progress of
 * 120, is refused row by row, and the plan file stays byte for byte as it
 * was. A plan's own sheet (not an agency's) is refused whole. */
static void
test_tampered_sheet_refused (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *db = NULL;
  g_autofree char *sent = NULL;
  g_autofree char *plain = NULL;
  g_autofree char *filled = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *out = NULL, *err = NULL;
  g_autofree char *sample = wp_test_sample_path ("xiamen-2025.json");

  if (!wp_test_have_openpyxl ())
    {
      g_test_skip ("python3-openpyxl is not installed");
      return;
    }
  dir = wp_test_dir_new ();
  db = g_build_filename (dir, "plan.db", NULL);
  sent = g_build_filename (dir, "sent.xlsx", NULL);
  plain = g_build_filename (dir, "plan.xlsx", NULL);
  g_assert_cmpint (run_cli (NULL, NULL, "import", sample, "--db", db, NULL), ==, 0);
  g_assert_cmpint (run_cli (NULL, NULL, "export", "--format", "xlsx", "--year", "2025",
                            "--agency", "市司法局", "-o", sent, "--db", db, NULL), ==, 0);
  g_assert_cmpint (run_cli (NULL, NULL, "export", "--format", "xlsx", "--year", "2025",
                            "-o", plain, "--db", db, NULL), ==, 0);
  filled = fill (dir, sent, "tampered.xlsx",
                 "[{\"title\": \"完善重大行政决策\", \"key\": \"title\", \"value\": \"改过的名称\"},"
                 " {\"title\": \"推动建设市、区、镇\", \"key\": \"lead\", \"value\": \"市公安局\"},"
                 " {\"title\": \"推动商事调解特区立法\", \"key\": \"uuid\","
                 "  \"value\": \"00000000-0000-4000-8000-000000000000\"},"
                 " {\"title\": \"设立国际仲裁促进中心\", \"key\": \"progress\", \"value\": 120}]");

  before = wp_test_file_checksum (db);
  g_assert_cmpint (run_cli (&out, &err, "collect", filled, "--year", "2025", "--db", db, NULL),
                   ==, 1);
  g_test_message ("%s%s", out, err);
  g_assert_nonnull (strstr (out, "Refused: tampered.xlsx"));
  g_assert_nonnull (strstr (err, "4 rows are refused; nothing was changed."));
  g_assert_nonnull (strstr (out, "“改过的名称” in the sheet"));
  g_assert_nonnull (strstr (out, "No item of the plan has this id"));
  g_assert_nonnull (strstr (out, "“120” is not a progress"));
  after = wp_test_file_checksum (db);
  g_assert_cmpstr (before, ==, after);

  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (&out, &err, "collect", plain, "--year", "2025", "--db", db, NULL),
                   ==, 1);
  g_assert_nonnull (strstr (out, "Refused: plan.xlsx: It is not a sheet sent to an agency"));
  g_assert_nonnull (strstr (out, "has no item ids"));
  g_assert_nonnull (strstr (err, "1 sheet is refused; nothing was changed."));
  g_clear_pointer (&after, g_free);
  after = wp_test_file_checksum (db);
  g_assert_cmpstr (before, ==, after);
  wp_test_dir_free (g_steal_pointer (&dir));
}

/* Of three returned sheets one is sound, one is no agency's sheet and one
 * is no spreadsheet at all: collect names each refused file and why and
 * writes nothing (exit status 1); with --skip-refused it leaves the two
 * out, collects the sound one and says so with exit status 3. */
static void
test_cli_skip_refused (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *db = NULL;
  g_autofree char *sent = NULL;
  g_autofree char *plain = NULL;
  g_autofree char *corrupt = NULL;
  g_autofree char *filled = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *out = NULL, *err = NULL;
  g_autofree char *sample = wp_test_sample_path ("xiamen-2025.json");
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonArray *sheets;

  if (!wp_test_have_openpyxl ())
    {
      g_test_skip ("python3-openpyxl is not installed");
      return;
    }
  dir = wp_test_dir_new ();
  db = g_build_filename (dir, "plan.db", NULL);
  sent = g_build_filename (dir, "sent.xlsx", NULL);
  plain = g_build_filename (dir, "plan.xlsx", NULL);
  corrupt = g_build_filename (dir, "broken.xlsx", NULL);
  g_assert_true (g_file_set_contents (corrupt, "PK\003\004 not a workbook", -1, NULL));
  g_assert_cmpint (run_cli (NULL, NULL, "import", sample, "--db", db, NULL), ==, 0);
  g_assert_cmpint (run_cli (NULL, NULL, "export", "--format", "xlsx", "--year", "2025",
                            "--agency", "市司法局", "-o", sent, "--db", db, NULL), ==, 0);
  g_assert_cmpint (run_cli (NULL, NULL, "export", "--format", "xlsx", "--year", "2025",
                            "-o", plain, "--db", db, NULL), ==, 0);
  filled = fill (dir, sent, "returned.xlsx",
                 "[{\"title\": \"推动建设市、区、镇\", \"key\": \"progress\", \"value\": 30}]");

  before = wp_test_file_checksum (db);
  g_assert_cmpint (run_cli (&out, &err, "collect", filled, corrupt, plain, "--year", "2025",
                            "--db", db, NULL), ==, 1);
  g_test_message ("%s%s", out, err);
  g_assert_nonnull (strstr (out, "Refused: broken.xlsx: The file is not a readable Excel workbook"));
  g_assert_nonnull (strstr (out, "Refused: plan.xlsx: It is not a sheet sent to an agency"));
  g_assert_nonnull (strstr (out, "returned.xlsx, row "));
  g_assert_nonnull (strstr (err, "2 sheets are refused; nothing was changed."));
  g_assert_nonnull (strstr (err, "--skip-refused"));
  after = wp_test_file_checksum (db);
  g_assert_cmpstr (before, ==, after);

  /* the same as JSON: each sheet, sound or not */
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (run_cli (&out, NULL, "collect", filled, corrupt, plain, "--year", "2025",
                            "--db", db, "--json", NULL), ==, 1);
  g_assert_true (json_parser_load_from_data (parser, out, -1, &error));
  g_assert_no_error (error);
  sheets = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)),
                                         "sheets");
  g_assert_cmpuint (json_array_get_length (sheets), ==, 3);
  g_assert_true (json_object_get_boolean_member (json_array_get_object_element (sheets, 0),
                                                 "sound"));
  g_assert_false (json_object_get_boolean_member (json_array_get_object_element (sheets, 1),
                                                  "sound"));
  g_assert_nonnull (json_object_get_string_member (json_array_get_object_element (sheets, 2),
                                                   "reason"));

  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (&out, &err, "collect", filled, corrupt, plain, "--year", "2025",
                            "--db", db, "--skip-refused", NULL), ==, 3);
  g_test_message ("%s%s", out, err);
  g_assert_nonnull (strstr (out, "Left out: broken.xlsx"));
  g_assert_nonnull (strstr (out, "Left out: plan.xlsx"));
  g_assert_nonnull (strstr (out, "Collected 1 change into the 2025 plan."));
  g_assert_nonnull (strstr (err, "2 sheets were left out (--skip-refused)"));
  g_clear_pointer (&after, g_free);
  after = wp_test_file_checksum (db);
  g_assert_cmpstr (before, !=, after);

  /* every sheet refused: nothing to collect, and so an error */
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (NULL, &err, "collect", corrupt, plain, "--year", "2025",
                            "--db", db, "--skip-refused", NULL), ==, 1);
  g_assert_nonnull (strstr (err, "Every sheet is refused; nothing was changed."));

  /* nothing is left to collect from the sound one; still 3 for the others */
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (run_cli (&out, NULL, "collect", filled, corrupt, "--year", "2025",
                            "--db", db, "--skip-refused", NULL), ==, 3);
  g_assert_nonnull (strstr (out, "nothing the plan does not hold already"));
  wp_test_dir_free (g_steal_pointer (&dir));
}

/* Collected through the undo stack, the sheet is one step: Undo puts
 * every item's status, progress and notes back, Redo collects it again. */
static void
test_collect_undoable (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WpUndoStack) undo = NULL;
  g_autoptr(WpCollect) first = NULL;
  g_autofree char *sent = NULL;
  g_autofree char *filled = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *undone = NULL;
  g_autofree char *redone = NULL;

  if (!wp_test_have_openpyxl ())
    {
      g_test_skip ("python3-openpyxl is not installed");
      return;
    }
  undo = wp_undo_stack_new (f->store);
  sent = agency_sheet (f, "市司法局", "2025-市司法局.xlsx");
  filled = fill (f->dir, sent, "returned.xlsx",
                 "[{\"title\": \"完善重大行政决策\", \"key\": \"status\", \"value\": \"已完成\"},"
                 " {\"title\": \"完善重大行政决策\", \"key\": \"progress\", \"value\": 100},"
                 " {\"title\": \"完善重大行政决策\", \"key\": \"note\", \"value\": \"已出台\"},"
                 " {\"title\": \"推动建设市、区、镇\", \"key\": \"progress\", \"value\": 30}]");
  before = describe_plan (f);
  first = collect (f, filled, NULL);
  g_assert_cmpuint (first->n_changes, ==, 2);
  g_assert_true (wp_edit_collect (undo, first, &error));
  g_assert_no_error (error);
  after = describe_plan (f);
  g_assert_cmpstr (before, !=, after);

  g_assert_true (wp_undo_stack_undo (undo, &error));
  g_assert_no_error (error);
  undone = describe_plan (f);
  g_assert_cmpstr (undone, ==, before);
  g_assert_false (wp_undo_stack_can_undo (undo));

  g_assert_true (wp_undo_stack_redo (undo, &error));
  g_assert_no_error (error);
  redone = describe_plan (f);
  g_assert_cmpstr (redone, ==, after);
}

/* An item a sheet reports done is closed out with the sheet's words, and
 * waits for review (待销号) where the plan asks for one, as one marked
 * done in the window does; one reported done with no words says who
 * reported it where. */
static void
test_collect_closes_out (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WpCollect) returned = NULL;
  g_autoptr(WpItem) decision = NULL;
  g_autoptr(WpItem) network = NULL;
  g_autoptr(GArray) pending = NULL;
  g_autofree char *sent = NULL;
  g_autofree char *filled = NULL;
  WpPlanSettings settings = WP_PLAN_SETTINGS_INIT;
  WpCloseout closeout = { 0 };

  if (!wp_test_have_openpyxl ())
    {
      g_test_skip ("python3-openpyxl is not installed");
      return;
    }
  settings.review_closeout = TRUE;
  g_assert_true (wp_store_set_plan_settings (f->store, wp_plan_get_id (f->plan), &settings,
                                             &error));
  g_assert_no_error (error);
  decision = find_item (f->store, wp_plan_get_id (f->plan), 0, "完善重大行政决策");
  network = find_item (f->store, wp_plan_get_id (f->plan), 0, "推动建设市、区、镇");
  g_assert_nonnull (decision);
  g_assert_nonnull (network);

  sent = agency_sheet (f, "市司法局", "2025-市司法局.xlsx");
  filled = fill (f->dir, sent, "returned.xlsx",
                 "[{\"title\": \"完善重大行政决策\", \"key\": \"status\", \"value\": \"已完成\"},"
                 " {\"title\": \"完善重大行政决策\", \"key\": \"note\", \"value\": \"已出台办法\"},"
                 " {\"title\": \"推动建设市、区、镇\", \"key\": \"status\", \"value\": \"已完成\"}]");
  returned = collect (f, filled, NULL);
  g_assert_true (wp_collect_apply (f->store, returned, &error));
  g_assert_no_error (error);

  g_assert_true (wp_store_get_closeout (f->store, wp_item_get_id (decision), &closeout, &error));
  g_assert_no_error (error);
  g_assert_cmpint (closeout.state, ==, WP_CLOSEOUT_PENDING_REVIEW);
  g_assert_nonnull (strstr (closeout.completion, "已出台办法"));
  wp_closeout_clear (&closeout);

  g_assert_true (wp_store_get_closeout (f->store, wp_item_get_id (network), &closeout, &error));
  g_assert_no_error (error);
  g_assert_cmpint (closeout.state, ==, WP_CLOSEOUT_PENDING_REVIEW);
  g_assert_nonnull (strstr (closeout.completion, "市司法局"));
  g_assert_nonnull (strstr (closeout.completion, "returned.xlsx"));
  wp_closeout_clear (&closeout);

  pending = wp_store_list_pending_closeouts (f->store, wp_plan_get_id (f->plan), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (pending->len, >=, 2);
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *data_home = wp_test_private_data_home ();
  int status;

  g_test_init (&argc, &argv, NULL);
  g_test_add ("/collect/round-trip", Fixture, NULL, fixture_setup, test_round_trip,
              fixture_teardown);
  g_test_add ("/collect/sheets-disagree", Fixture, NULL, fixture_setup, test_sheets_disagree,
              fixture_teardown);
  g_test_add_func ("/collect/tampered-sheet-refused", test_tampered_sheet_refused);
  g_test_add ("/collect/undoable", Fixture, NULL, fixture_setup, test_collect_undoable,
              fixture_teardown);
  g_test_add_func ("/collect/cli-skip-refused", test_cli_skip_refused);
  g_test_add ("/collect/closes-out", Fixture, NULL, fixture_setup, test_collect_closes_out,
              fixture_teardown);
  status = g_test_run ();
  wp_test_remove_tree (data_home);
  return status;
}
