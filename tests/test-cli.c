/* test-cli.c: the command line, run as a user runs it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
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

/* Files that are not plans are refused at once, with one line, and no
 * database is made: /dev/zero was read until memory ran out, a FIFO
 * waited for a writer for ever and a huge file was read before refused. */
static void
test_import_refuses_special_files (void)
{
  g_autofree char *dir = wp_test_dir_new ();
  g_autofree char *db = g_build_filename (dir, "plans.db", NULL);
  g_autofree char *fifo = g_build_filename (dir, "plan.json", NULL);
  g_autofree char *huge = g_build_filename (dir, "huge.json", NULL);
  const char *files[] = { "/dev/zero", fifo, dir, huge };
  int fd;

  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
  /* 4 TiB, sparse: read whole, it would never end */
  fd = g_open (huge, O_WRONLY | O_CREAT, 0600);
  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (ftruncate (fd, (off_t) 4 << 40), ==, 0);
  close (fd);
  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_auto(Run) run = { 0 };

      run_workplan (&run, "import", files[i], "--db", db, NULL);
      g_assert_cmpint (run.status, ==, 1);
      assert_one_error_line (&run);
      g_assert_nonnull (strstr (run.err, files[i]));
      g_assert_false (g_file_test (db, G_FILE_TEST_EXISTS));
    }

  wp_test_dir_free (g_steal_pointer (&dir));
}

/* Hostile JSON is refused with the place named and the database left as
 * it was; 100,000 “[” crashed the importer. */
static void
test_import_refuses_hostile_json (void)
{
  static const struct {
    const char *json;
    const char *where;
  } cases[] = {
    { NULL, "$[0][0]" },  /* 100,000 “[” */
    { "{\"format\": \"workplan\", \"version\": 1, \"plan\": {\"year\": 18446744073709553641}}",
      ": $.plan.year: " },
    { "{\"format\": \"workplan\", \"version\": 1, \"plan\": {\"year\": 2026}, \"items\": "
      "[{\"kind\": \"area\", \"title\": \"a\", \"kind\": \"task\"}]}", ": $.items[0]: " },
    { "{\"format\": \"workplan\", \"version\": 1, \"plan\": {\"year\": 2026}, \"items\": "
      "[{\"kind\": \"area\", \"title\": \"\\ud800\"}]}", ": $.items[0].title: " },
    { "{\"format\": \"workplan\", \"version\": 1, \"plan\": {\"year\": 2026}} "
      "{\"format\": \"workplan\", \"version\": 1, \"plan\": {\"year\": 2027}}", ": $: " },
  };
  g_autofree char *dir = wp_test_dir_new ();
  g_autofree char *db = g_build_filename (dir, "plans.db", NULL);
  g_autofree char *bad = g_build_filename (dir, "bad.json", NULL);
  g_autofree char *sample = wp_test_sample_path ("xiamen-2025.json");
  g_autofree char *before = NULL;
  g_auto(Run) import = { 0 };

  run_workplan (&import, "import", sample, "--db", db, NULL);
  g_assert_cmpint (import.status, ==, 0);
  before = wp_test_file_checksum (db);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *deep = cases[i].json == NULL ? g_strnfill (100000, '[') : NULL;
      g_autofree char *after = NULL;
      g_auto(Run) run = { 0 };

      g_assert_true (g_file_set_contents (bad, deep != NULL ? deep : cases[i].json, -1, NULL));
      run_workplan (&run, "import", bad, "--db", db, NULL);
      g_assert_cmpint (run.status, ==, 1);
      assert_one_error_line (&run);
      g_assert_nonnull (strstr (run.err, cases[i].where));
      after = wp_test_file_checksum (db);
      g_assert_cmpstr (before, ==, after);
    }

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
  g_test_add_func ("/cli/import-refuses-special-files", test_import_refuses_special_files);
  g_test_add_func ("/cli/import-refuses-hostile-json", test_import_refuses_hostile_json);

  return g_test_run ();
}
