/* test-cli.c: the command line, run as a user runs it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <sys/wait.h>
#include <json-glib/json-glib.h>

#include "wp-test-util.h"

typedef struct {
  int   status;
  char *out;
  char *err;
} Run;

static void
run_clear (Run *run)
{
  g_free (run->out);
  g_free (run->err);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Run, run_clear)

static void
run_workplan (Run *run,
              ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  const char *bin = g_getenv ("WORKPLAN_BIN");
  const char *arg;
  int wait_status = 0;
  va_list args;

  g_assert_nonnull (bin);
  g_ptr_array_add (argv, (char *) bin);
  va_start (args, run);
  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, (char *) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                &run->out, &run->err, &wait_status, &error);
  g_assert_no_error (error);
  run->status = WIFEXITED (wait_status) ? WEXITSTATUS (wait_status) : -1;
}

/* One clear line on stderr, naming the program. */
static void
assert_one_error_line (Run *run)
{
  const char *newline = strchr (run->err, '\n');

  g_test_message ("stderr: %s", run->err);
  g_assert_true (g_str_has_prefix (run->err, "workplan: "));
  g_assert_nonnull (newline);
  g_assert_cmpstr (newline + 1, ==, "");
}

static void
test_version_and_help (void)
{
  g_auto(Run) version = { 0 };
  g_auto(Run) help = { 0 };

  run_workplan (&version, "--version", NULL);
  g_assert_cmpint (version.status, ==, 0);
  g_assert_true (g_str_has_prefix (version.out, "workplan "));

  run_workplan (&help, "--help", NULL);
  g_assert_cmpint (help.status, ==, 0);
  g_assert_nonnull (strstr (help.out, "list-plans"));
  g_assert_nonnull (strstr (help.out, "import"));
  g_assert_nonnull (strstr (help.out, "export"));
}

static void
test_import_list_export (void)
{
  g_autofree char *dir = wp_test_dir_new ();
  g_autofree char *db = g_build_filename (dir, "plans.db", NULL);
  g_autofree char *out = g_build_filename (dir, "out.json", NULL);
  g_autofree char *sample = wp_test_sample_path ("xiamen-2025.json");
  g_autofree char *sample_text = NULL;
  g_autofree char *out_text = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_auto(Run) import = { 0 };
  g_auto(Run) list = { 0 };
  g_auto(Run) list_json = { 0 };
  g_auto(Run) export = { 0 };
  g_auto(Run) to_stdout = { 0 };
  JsonArray *plans;

  run_workplan (&import, "import", sample, "--db", db, NULL);
  g_assert_cmpint (import.status, ==, 0);
  g_assert_nonnull (strstr (import.out, "56"));

  run_workplan (&list, "list-plans", "--db", db, NULL);
  g_assert_cmpint (list.status, ==, 0);
  g_assert_true (g_str_has_prefix (list.out, "2025\t2025年全市政法工作任务分解\t"));

  run_workplan (&list_json, "list-plans", "--json", "--db", db, NULL);
  g_assert_cmpint (list_json.status, ==, 0);
  json_parser_load_from_data (parser, list_json.out, -1, &error);
  g_assert_no_error (error);
  plans = json_node_get_array (json_parser_get_root (parser));
  g_assert_cmpuint (json_array_get_length (plans), ==, 1);
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (plans, 0), "items"),
                   ==, 56);

  run_workplan (&export, "export", "--format", "json", "--year", "2025", "--db", db, "-o", out,
                NULL);
  g_assert_cmpint (export.status, ==, 0);
  g_assert_true (g_file_get_contents (sample, &sample_text, NULL, NULL));
  g_assert_true (g_file_get_contents (out, &out_text, NULL, NULL));
  g_assert_cmpstr (out_text, ==, sample_text);

  run_workplan (&to_stdout, "export", "--year", "2025", "--db", db, NULL);
  g_assert_cmpint (to_stdout.status, ==, 0);
  g_assert_cmpstr (to_stdout.out, ==, sample_text);

  wp_test_dir_free (g_steal_pointer (&dir));
}

static void
test_bad_json_leaves_database (void)
{
  g_autofree char *dir = wp_test_dir_new ();
  g_autofree char *db = g_build_filename (dir, "plans.db", NULL);
  g_autofree char *bad = g_build_filename (dir, "bad.json", NULL);
  g_autofree char *sample = wp_test_sample_path ("xiamen-2025.json");
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_auto(Run) import = { 0 };
  g_auto(Run) bad_run = { 0 };

  run_workplan (&import, "import", sample, "--db", db, NULL);
  g_assert_cmpint (import.status, ==, 0);
  before = wp_test_file_checksum (db);

  g_assert_true (g_file_set_contents (bad, "{\"format\": \"workplan\", \"version\": 1, "
                                           "\"plan\": {\"year\": 2026}, \"items\": [{\"kind\": "
                                           "\"area\", \"title\": \"x\", \"status\": \"完成\"}]}",
                                      -1, NULL));
  run_workplan (&bad_run, "import", bad, "--db", db, NULL);
  g_assert_cmpint (bad_run.status, !=, 0);
  assert_one_error_line (&bad_run);
  g_assert_nonnull (strstr (bad_run.err, "status"));

  after = wp_test_file_checksum (db);
  g_assert_cmpstr (before, ==, after);

  wp_test_dir_free (g_steal_pointer (&dir));
}

static void
test_bad_json_creates_no_database (void)
{
  g_autofree char *dir = wp_test_dir_new ();
  g_autofree char *db = g_build_filename (dir, "new.db", NULL);
  g_autofree char *bad = g_build_filename (dir, "bad.json", NULL);
  g_autofree char *missing = g_build_filename (dir, "missing.json", NULL);
  g_auto(Run) run = { 0 };
  g_auto(Run) run_missing = { 0 };

  g_assert_true (g_file_set_contents (bad, "{ not json", -1, NULL));
  run_workplan (&run, "import", bad, "--db", db, NULL);
  g_assert_cmpint (run.status, ==, 1);
  assert_one_error_line (&run);
  g_assert_false (g_file_test (db, G_FILE_TEST_EXISTS));

  run_workplan (&run_missing, "import", missing, "--db", db, NULL);
  g_assert_cmpint (run_missing.status, ==, 1);
  assert_one_error_line (&run_missing);
  g_assert_false (g_file_test (db, G_FILE_TEST_EXISTS));

  wp_test_dir_free (g_steal_pointer (&dir));
}

static void
test_summary (void)
{
  g_autofree char *dir = wp_test_dir_new ();
  g_autofree char *db = g_build_filename (dir, "plans.db", NULL);
  g_autofree char *sample = wp_test_sample_path ("xiamen-2025.json");
  g_auto(Run) import = { 0 };
  g_auto(Run) summary = { 0 };
  g_auto(Run) agency = { 0 };
  g_auto(Run) bad_date = { 0 };

  run_workplan (&import, "import", sample, "--db", db, NULL);
  g_assert_cmpint (import.status, ==, 0);

  run_workplan (&summary, "summary", "--year", "2025", "--as-of", "2025-07-15", "--db", db,
                NULL);
  g_assert_cmpint (summary.status, ==, 0);
  g_assert_true (g_str_has_prefix (summary.out, "As of 15/7/2025, "));
  g_assert_nonnull (strstr (summary.out, "has 9 key tasks: 0 done (0.0%), 9 in progress"));
  g_assert_nonnull (strstr (summary.out, "4 are overdue"));

  /* An agency's own briefing counts only its items. */
  run_workplan (&agency, "summary", "--year", "2025", "--as-of", "2025-07-15",
                "--agency", "市司法局", "--db", db, NULL);
  g_assert_cmpint (agency.status, ==, 0);
  g_assert_null (strstr (agency.out, "has 9 key tasks"));

  run_workplan (&bad_date, "summary", "--year", "2025", "--as-of", "下个月", "--db", db, NULL);
  g_assert_cmpint (bad_date.status, ==, 2);

  wp_test_dir_free (g_steal_pointer (&dir));
}

static void
test_errors (void)
{
  g_autofree char *dir = wp_test_dir_new ();
  g_autofree char *db = g_build_filename (dir, "plans.db", NULL);
  g_autofree char *text = g_build_filename (dir, "notes.txt", NULL);
  g_autofree char *sample = wp_test_sample_path ("xiamen-2025.json");
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_auto(Run) import = { 0 };
  g_auto(Run) again = { 0 };
  g_auto(Run) no_year = { 0 };
  g_auto(Run) wrong_year = { 0 };
  g_auto(Run) format = { 0 };
  g_auto(Run) foreign = { 0 };
  g_auto(Run) unknown = { 0 };

  run_workplan (&import, "import", sample, "--db", db, NULL);
  g_assert_cmpint (import.status, ==, 0);

  run_workplan (&again, "import", sample, "--db", db, NULL);
  g_assert_cmpint (again.status, ==, 1);
  assert_one_error_line (&again);
  g_assert_nonnull (strstr (again.err, "--replace"));

  run_workplan (&no_year, "export", "--db", db, NULL);
  g_assert_cmpint (no_year.status, ==, 2);

  run_workplan (&wrong_year, "export", "--year", "1999", "--db", db, NULL);
  g_assert_cmpint (wrong_year.status, ==, 1);
  assert_one_error_line (&wrong_year);

  run_workplan (&format, "export", "--format", "docx", "--year", "2025", "--db", db, NULL);
  g_assert_cmpint (format.status, ==, 2);

  run_workplan (&unknown, "list-plans", "--frobnicate", "--db", db, NULL);
  g_assert_cmpint (unknown.status, ==, 2);

  /* A file that is not a plan database is refused and left alone. */
  g_assert_true (g_file_set_contents (text, "会议纪要\n", -1, NULL));
  before = wp_test_file_checksum (text);
  run_workplan (&foreign, "list-plans", "--db", text, NULL);
  g_assert_cmpint (foreign.status, ==, 1);
  assert_one_error_line (&foreign);
  after = wp_test_file_checksum (text);
  g_assert_cmpstr (before, ==, after);

  wp_test_dir_free (g_steal_pointer (&dir));
}

/* The item titled @title among @items, at any depth */
static JsonObject *
find_exported_item (JsonArray  *items,
                    const char *title)
{
  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      JsonObject *item = json_array_get_object_element (items, i);
      JsonObject *found;

      if (g_str_equal (json_object_get_string_member (item, "title"), title))
        return item;
      found = find_exported_item (json_object_get_array_member (item, "children"), title);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static JsonNode *
export_plan (const char *db,
             const char *year)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_auto(Run) export = { 0 };

  run_workplan (&export, "export", "--year", year, "--db", db, NULL);
  g_assert_cmpint (export.status, ==, 0);
  json_parser_load_from_data (parser, export.out, -1, &error);
  g_assert_no_error (error);
  return json_node_copy (json_parser_get_root (parser));
}

static void
test_note (void)
{
  g_autofree char *dir = wp_test_dir_new ();
  g_autofree char *db = g_build_filename (dir, "plans.db", NULL);
  g_autofree char *sample = wp_test_sample_path ("xiamen-2025.json");
  const char *title = "坚持主动创稳 强化系统治理";
  g_autoptr(JsonNode) root = NULL;
  g_auto(Run) import = { 0 };
  g_auto(Run) note = { 0 };
  g_auto(Run) plain = { 0 };
  JsonObject *item;
  JsonArray *notes;
  JsonObject *first, *second;

  run_workplan (&import, "import", sample, "--db", db, NULL);
  g_assert_cmpint (import.status, ==, 0);

  run_workplan (&note, "note", "--year", "2025", "--item", title, "--text", "已召开专题会议",
                "--date", "2025-03-01", "--progress", "30", "--status", "suspended",
                "--db", db, NULL);
  g_assert_cmpint (note.status, ==, 0);
  g_assert_nonnull (strstr (note.out, title));

  /* Without --progress and --status, only the note is added. */
  run_workplan (&plain, "note", "--year", "2025", "--item", title, "--text", "已印发方案",
                "--date", "2025-04-02", "--db", db, NULL);
  g_assert_cmpint (plain.status, ==, 0);

  root = export_plan (db, "2025");
  item = find_exported_item (json_object_get_array_member (json_node_get_object (root),
                                                           "items"), title);
  g_assert_nonnull (item);
  g_assert_cmpint (json_object_get_int_member (item, "progress"), ==, 30);
  g_assert_cmpstr (json_object_get_string_member (item, "status"), ==, "suspended");
  notes = json_object_get_array_member (item, "notes");
  g_assert_cmpuint (json_array_get_length (notes), ==, 2);
  first = json_array_get_object_element (notes, 0);
  second = json_array_get_object_element (notes, 1);
  g_assert_cmpstr (json_object_get_string_member (first, "date"), ==, "2025-03-01");
  g_assert_cmpstr (json_object_get_string_member (first, "text"), ==, "已召开专题会议");
  g_assert_cmpint (json_object_get_int_member (first, "progress"), ==, 30);
  g_assert_cmpstr (json_object_get_string_member (second, "text"), ==, "已印发方案");
  g_assert_true (json_object_get_null_member (second, "progress"));

  wp_test_dir_free (g_steal_pointer (&dir));
}

/* A title two items share names neither: the refusal lists both with their
 * uuids, and the uuid then picks one. */
static void
test_note_ambiguous_title (void)
{
  g_autofree char *dir = wp_test_dir_new ();
  g_autofree char *db = g_build_filename (dir, "plans.db", NULL);
  g_autofree char *plan = g_build_filename (dir, "plan.json", NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *uuid = NULL;
  g_autoptr(GRegex) line = NULL;
  g_autoptr(GMatchInfo) match = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_auto(Run) import = { 0 };
  g_auto(Run) ambiguous = { 0 };
  g_auto(Run) picked = { 0 };
  JsonArray *areas;
  JsonObject *chosen, *other;
  guint n_lines = 0;

  g_assert_true (g_file_set_contents (plan,
    "{\"format\": \"workplan\", \"version\": 1, \"plan\": {\"year\": 2026, \"title\": \"同名\"},"
    " \"items\": [{\"kind\": \"area\", \"title\": \"平安建设\", \"children\":"
    " [{\"kind\": \"task\", \"title\": \"开展专项整治\"}]},"
    " {\"kind\": \"area\", \"title\": \"法治建设\", \"children\":"
    " [{\"kind\": \"task\", \"title\": \"开展专项整治\"}]}]}", -1, NULL));
  run_workplan (&import, "import", plan, "--db", db, NULL);
  g_assert_cmpint (import.status, ==, 0);
  before = wp_test_file_checksum (db);

  run_workplan (&ambiguous, "note", "--year", "2026", "--item", "开展专项整治", "--text", "x",
                "--db", db, NULL);
  g_test_message ("stderr: %s", ambiguous.err);
  g_assert_cmpint (ambiguous.status, ==, 1);
  g_assert_true (g_str_has_prefix (ambiguous.err, "workplan: "));
  g_assert_nonnull (strstr (ambiguous.err, "uuid"));
  after = wp_test_file_checksum (db);
  g_assert_cmpstr (before, ==, after);

  /* One line per item: its uuid and where it sits. */
  line = g_regex_new ("^  ([0-9a-f-]{36})  (\\S+) › 开展专项整治", G_REGEX_MULTILINE, 0, NULL);
  g_regex_match (line, ambiguous.err, 0, &match);
  while (g_match_info_matches (match))
    {
      g_autofree char *area = g_match_info_fetch (match, 2);

      n_lines++;
      if (g_str_equal (area, "法治建设"))
        uuid = g_match_info_fetch (match, 1);
      g_match_info_next (match, NULL);
    }
  g_assert_cmpuint (n_lines, ==, 2);
  g_assert_nonnull (uuid);

  run_workplan (&picked, "note", "--year", "2026", "--item", uuid, "--text", "已部署",
                "--db", db, NULL);
  g_assert_cmpint (picked.status, ==, 0);

  root = export_plan (db, "2026");
  areas = json_object_get_array_member (json_node_get_object (root), "items");
  chosen = json_array_get_object_element (json_object_get_array_member (
             json_array_get_object_element (areas, 1), "children"), 0);
  other = json_array_get_object_element (json_object_get_array_member (
            json_array_get_object_element (areas, 0), "children"), 0);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (chosen, "notes")), ==, 1);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (other, "notes")), ==, 0);

  wp_test_dir_free (g_steal_pointer (&dir));
}

static void
test_note_errors (void)
{
  g_autofree char *dir = wp_test_dir_new ();
  g_autofree char *db = g_build_filename (dir, "plans.db", NULL);
  g_autofree char *sample = wp_test_sample_path ("xiamen-2025.json");
  const char *title = "坚持主动创稳 强化系统治理";
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_auto(Run) import = { 0 };
  g_auto(Run) unknown = { 0 };
  g_auto(Run) no_plan = { 0 };
  g_auto(Run) progress = { 0 };
  g_auto(Run) status = { 0 };
  g_auto(Run) date = { 0 };
  g_auto(Run) no_text = { 0 };

  run_workplan (&import, "import", sample, "--db", db, NULL);
  g_assert_cmpint (import.status, ==, 0);
  before = wp_test_file_checksum (db);

  run_workplan (&unknown, "note", "--year", "2025", "--item", "没有这一项", "--text", "x",
                "--db", db, NULL);
  g_assert_cmpint (unknown.status, ==, 1);
  assert_one_error_line (&unknown);

  run_workplan (&no_plan, "note", "--year", "1999", "--item", title, "--text", "x",
                "--db", db, NULL);
  g_assert_cmpint (no_plan.status, ==, 1);
  assert_one_error_line (&no_plan);

  run_workplan (&progress, "note", "--year", "2025", "--item", title, "--text", "x",
                "--progress", "120", "--db", db, NULL);
  g_assert_cmpint (progress.status, ==, 2);
  run_workplan (&status, "note", "--year", "2025", "--item", title, "--text", "x",
                "--status", "完成", "--db", db, NULL);
  g_assert_cmpint (status.status, ==, 2);
  run_workplan (&date, "note", "--year", "2025", "--item", title, "--text", "x",
                "--date", "下个月", "--db", db, NULL);
  g_assert_cmpint (date.status, ==, 2);
  run_workplan (&no_text, "note", "--year", "2025", "--item", title, "--db", db, NULL);
  g_assert_cmpint (no_text.status, ==, 2);

  after = wp_test_file_checksum (db);
  g_assert_cmpstr (before, ==, after);

  wp_test_dir_free (g_steal_pointer (&dir));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cli/version-and-help", test_version_and_help);
  g_test_add_func ("/cli/import-list-export", test_import_list_export);
  g_test_add_func ("/cli/bad-json-leaves-database", test_bad_json_leaves_database);
  g_test_add_func ("/cli/bad-json-creates-no-database", test_bad_json_creates_no_database);
  g_test_add_func ("/cli/errors", test_errors);
  g_test_add_func ("/cli/summary", test_summary);
  g_test_add_func ("/cli/note", test_note);
  g_test_add_func ("/cli/note-ambiguous-title", test_note_ambiguous_title);
  g_test_add_func ("/cli/note-errors", test_note_errors);

  return g_test_run ();
}
