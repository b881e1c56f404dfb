/* test-cli.c: the command line, run as a user runs it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
/* mkfifo(), symlink(), kill(), poll() and setrlimit() are POSIX 2008, not C11. */
#define _XOPEN_SOURCE 700

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <json-glib/json-glib.h>

#include "wp-cli.h"
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
  va_list args;

  va_start (args, run);
  run->status = wp_test_run_workplan_va (&run->out, &run->err, args);
  va_end (args);
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

/* Runs the command line with its standard output going to @stdout_fd. */
static int
run_workplan_to_fd (int         stdout_fd,
                    const char *first,
                    ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  const char *arg = first;
  int wait_status = 0;
  GPid pid;
  va_list args;

  g_ptr_array_add (argv, (char *) g_getenv ("WORKPLAN_BIN"));
  va_start (args, first);
  for (; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (char *) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  g_spawn_async_with_fds (NULL, (char **) argv->pdata, NULL, G_SPAWN_DO_NOT_REAP_CHILD, NULL,
                          NULL, &pid, -1, stdout_fd, -1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (waitpid (pid, &wait_status, 0), ==, pid);
  g_spawn_close_pid (pid);
  return WIFEXITED (wait_status) ? WEXITSTATUS (wait_status) : -1;
}

static void
assert_plan_file_intact (const char *db)
{
  g_autofree char *sample = wp_test_sample_path ("xiamen-2025.json");
  g_autofree char *sample_text = NULL;
  g_autofree char *integrity = wp_test_integrity_check (db);
  g_auto(Run) list = { 0 };
  g_auto(Run) export = { 0 };

  g_assert_cmpstr (integrity, ==, "ok");
  run_workplan (&list, "list-plans", "--db", db, NULL);
  g_assert_cmpint (list.status, ==, 0);
  g_assert_true (g_str_has_prefix (list.out, "2025\t2025年全市政法工作任务分解\t"));
  g_assert_nonnull (strstr (list.out, "56 items"));
  run_workplan (&export, "export", "--year", "2025", "--db", db, NULL);
  g_assert_true (g_file_get_contents (sample, &sample_text, NULL, NULL));
  g_assert_cmpstr (export.out, ==, sample_text);
}

/* `export -o` onto the plan file replaced every year's plan with one year's
 * JSON, and said nothing. The plan file, its -wal and -shm are refused by
 * any name. */
static void
test_export_refuses_plan_file (void)
{
  g_autofree char *dir = wp_test_dir_new ();
  g_autofree char *base = g_path_get_basename (dir);
  g_autofree char *db = g_build_filename (dir, "plans.db", NULL);
  g_autofree char *wal = g_strconcat (db, "-wal", NULL);
  g_autofree char *shm = g_strconcat (db, "-shm", NULL);
  g_autofree char *via_parent = g_build_filename (dir, "..", base, "plans.db", NULL);
  g_autofree char *sym = g_build_filename (dir, "link.db", NULL);
  g_autofree char *hard = g_build_filename (dir, "hard.db", NULL);
  g_autofree char *sample = wp_test_sample_path ("xiamen-2025.json");
  const char *targets[] = { db, via_parent, sym, hard, wal, shm };
  const char *formats[] = { "json", "pdf" };
  g_auto(Run) import = { 0 };
  sqlite3 *reader = NULL;

  run_workplan (&import, "import", sample, "--db", db, NULL);
  g_assert_cmpint (import.status, ==, 0);
  g_assert_cmpint (symlink ("plans.db", sym), ==, 0);
  g_assert_cmpint (link (db, hard), ==, 0);

  /* First with no -wal and -shm on disk (told by name), then with another
   * connection keeping them (told by inode). */
  for (int pass = 0; pass < 2; pass++)
    {
      if (pass == 1)
        {
          g_assert_cmpint (sqlite3_open_v2 (db, &reader, SQLITE_OPEN_READONLY, NULL), ==,
                           SQLITE_OK);
          g_assert_cmpint (sqlite3_exec (reader, "SELECT count(*) FROM sqlite_master", NULL,
                                         NULL, NULL), ==, SQLITE_OK);
          g_assert_true (g_file_test (shm, G_FILE_TEST_EXISTS));
        }
      for (guint f = 0; f < G_N_ELEMENTS (formats); f++)
        for (guint t = 0; t < G_N_ELEMENTS (targets); t++)
          {
            g_auto(Run) run = { 0 };

            g_test_message ("export --format %s -o %s", formats[f], targets[t]);
            run_workplan (&run, "export", "--format", formats[f], "--year", "2025",
                          "--db", db, "-o", targets[t], NULL);
            g_assert_cmpint (run.status, ==, 1);
            assert_one_error_line (&run);
            g_assert_nonnull (strstr (run.err, "plan file"));
          }
    }
  g_assert_cmpint (sqlite3_close (reader), ==, SQLITE_OK);

  /* The plan file named through a symlink given as --db */
  {
    g_auto(Run) run = { 0 };

    run_workplan (&run, "export", "--year", "2025", "--db", sym, "-o", db, NULL);
    g_assert_cmpint (run.status, ==, 1);
    assert_one_error_line (&run);
  }

  /* Standard output sent to the plan file, as `>> plans.db` does */
  {
    int fd = g_open (db, O_WRONLY | O_APPEND, 0);

    g_assert_cmpint (fd, >=, 0);
    g_assert_cmpint (run_workplan_to_fd (fd, "export", "--year", "2025", "--db", db, NULL), ==,
                     1);
    g_assert_cmpint (run_workplan_to_fd (fd, "export", "--year", "2025", "--db", db,
                                         "-o", "/dev/fd/1", NULL), ==, 1);
    close (fd);
  }

  assert_plan_file_intact (db);
  wp_test_dir_free (g_steal_pointer (&dir));
}

/* Reads the FIFO at @fifo as the command line runs with @argv and writes
 * into it; returns what came through. */
static GBytes *
run_workplan_into_fifo (const char  *fifo,
                        int         *status,
                        const char **argv)
{
  g_autoptr(GPtrArray) full = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  GByteArray *bytes = g_byte_array_new ();
  gboolean exited = FALSE;
  int wait_status = 0;
  GPid pid;
  int fd;

  /* Open first, without blocking, so the writer's open finds a reader */
  fd = g_open (fifo, O_RDONLY | O_NONBLOCK, 0);
  g_assert_cmpint (fd, >=, 0);

  g_ptr_array_add (full, (char *) g_getenv ("WORKPLAN_BIN"));
  for (guint i = 0; argv[i] != NULL; i++)
    g_ptr_array_add (full, (char *) argv[i]);
  g_ptr_array_add (full, NULL);
  g_spawn_async (NULL, (char **) full->pdata, NULL,
                 G_SPAWN_DO_NOT_REAP_CHILD | G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL, &pid,
                 &error);
  g_assert_no_error (error);

  for (;;)
    {
      struct pollfd poll_fd = { fd, POLLIN, 0 };
      guint8 buffer[65536];
      gssize n;

      poll (&poll_fd, 1, 50);
      while ((n = read (fd, buffer, sizeof buffer)) > 0)
        g_byte_array_append (bytes, buffer, n);
      if (exited)
        break;
      /* Once it has exited, what it wrote is all in the FIFO: read it once more. */
      exited = waitpid (pid, &wait_status, WNOHANG) == pid;
    }
  close (fd);
  g_spawn_close_pid (pid);
  *status = WIFEXITED (wait_status) ? WEXITSTATUS (wait_status) : -1;
  return g_byte_array_free_to_bytes (bytes);
}

/* /dev/null, standard output and a FIFO are written into, never replaced:
 * as root the export replaced /dev/null with a regular file. /dev/null is
 * reached through a symlink, so that a broken export replaces the link,
 * not the device. */
static void
test_export_writes_into_devices (void)
{
  g_autofree char *dir = wp_test_dir_new ();
  g_autofree char *db = g_build_filename (dir, "plans.db", NULL);
  g_autofree char *null_link = g_build_filename (dir, "null", NULL);
  g_autofree char *fifo = g_build_filename (dir, "fifo", NULL);
  g_autofree char *appended = g_build_filename (dir, "appended.json", NULL);
  g_autofree char *sample = wp_test_sample_path ("xiamen-2025.json");
  g_autofree char *sample_text = NULL;
  g_autofree char *appended_text = NULL;
  g_autofree char *target = NULL;
  const char *formats[] = { "json", "pdf" };
  g_auto(Run) import = { 0 };
  GStatBuf st, null_before;

  g_assert_true (g_file_get_contents (sample, &sample_text, NULL, NULL));
  run_workplan (&import, "import", sample, "--db", db, NULL);
  g_assert_cmpint (import.status, ==, 0);

  g_assert_cmpint (g_stat ("/dev/null", &null_before), ==, 0);
  g_assert_cmpint (symlink ("/dev/null", null_link), ==, 0);
  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
  for (guint f = 0; f < G_N_ELEMENTS (formats); f++)
    {
      const char *argv[] = { "export", "--format", formats[f], "--year", "2025", "--db", db,
                             "-o", fifo, NULL };
      g_auto(Run) to_null = { 0 };
      g_autoptr(GBytes) through = NULL;
      int status;

      run_workplan (&to_null, "export", "--format", formats[f], "--year", "2025", "--db", db,
                    "-o", null_link, NULL);
      g_assert_cmpint (to_null.status, ==, 0);
      g_assert_cmpint (g_lstat (null_link, &st), ==, 0);
      g_assert_true (S_ISLNK (st.st_mode));
      g_assert_cmpint (g_stat ("/dev/null", &st), ==, 0);
      g_assert_true (S_ISCHR (st.st_mode));
      g_assert_cmpuint (st.st_mode, ==, null_before.st_mode);
      g_assert_cmpuint (st.st_rdev, ==, null_before.st_rdev);

      /* A reader of the FIFO gets the export. */
      through = run_workplan_into_fifo (fifo, &status, argv);
      g_assert_cmpint (status, ==, 0);
      g_assert_cmpint (g_lstat (fifo, &st), ==, 0);
      g_assert_true (S_ISFIFO (st.st_mode));
      if (f == 0)
        g_assert_cmpmem (g_bytes_get_data (through, NULL), g_bytes_get_size (through),
                         sample_text, strlen (sample_text));
      else
        {
          g_assert_cmpuint (g_bytes_get_size (through), >, 65536);  /* more than a pipe holds */
          g_assert_cmpint (memcmp (g_bytes_get_data (through, NULL), "%PDF-", 5), ==, 0);
        }
    }
  target = g_file_read_link (null_link, NULL);
  g_assert_cmpstr (target, ==, "/dev/null");

  /* Standard output by its names */
  {
    g_auto(Run) dash = { 0 };
    g_auto(Run) fd1 = { 0 };

    run_workplan (&dash, "export", "--year", "2025", "--db", db, "-o", "-", NULL);
    g_assert_cmpint (dash.status, ==, 0);
    g_assert_cmpstr (dash.out, ==, sample_text);
    run_workplan (&fd1, "export", "--year", "2025", "--db", db, "-o", "/dev/fd/1", NULL);
    g_assert_cmpint (fd1.status, ==, 0);
    g_assert_cmpstr (fd1.out, ==, sample_text);
  }

  /* `-o /dev/fd/1 >> FILE` appends, as the shell was asked to. */
  {
    int fd;

    g_assert_true (g_file_set_contents (appended, "before\n", -1, NULL));
    fd = g_open (appended, O_WRONLY | O_APPEND, 0);
    g_assert_cmpint (fd, >=, 0);
    g_assert_cmpint (run_workplan_to_fd (fd, "export", "--year", "2025", "--db", db,
                                         "-o", "/dev/fd/1", NULL), ==, 0);
    close (fd);
    g_assert_true (g_file_get_contents (appended, &appended_text, NULL, NULL));
    g_assert_true (g_str_has_prefix (appended_text, "before\n"));
    g_assert_cmpstr (appended_text + strlen ("before\n"), ==, sample_text);
  }

  g_assert_cmpint (g_unlink (null_link), ==, 0);
  wp_test_dir_free (g_steal_pointer (&dir));
}

/* The names in @dir that end in @suffix */
static guint
count_files_ending (const char *dir,
                    const char *suffix)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;
  guint n = 0;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    if (g_str_has_suffix (name, suffix))
      {
        g_test_message ("left behind: %s", name);
        n++;
      }
  return n;
}

static void
limit_file_size (gpointer data)
{
  struct rlimit limit = { 65536, 65536 };

  /* The write past the limit fails with EFBIG instead of killing the process */
  signal (SIGXFSZ, SIG_IGN);
  setrlimit (RLIMIT_FSIZE, &limit);
}

/* A regular file is replaced whole or not at all; a symlink to one stays a
 * link and its file keeps its permissions. */
static void
test_export_replaces_regular_file (void)
{
  g_autofree char *dir = wp_test_dir_new ();
  g_autofree char *db = g_build_filename (dir, "plans.db", NULL);
  g_autofree char *real = g_build_filename (dir, "real.json", NULL);
  g_autofree char *sym = g_build_filename (dir, "link.json", NULL);
  g_autofree char *pdf = g_build_filename (dir, "briefing.pdf", NULL);
  g_autofree char *no_folder = g_build_filename (dir, "missing", "out.json", NULL);
  g_autofree char *sample = wp_test_sample_path ("xiamen-2025.json");
  g_autofree char *sample_text = NULL;
  g_autofree char *text = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_auto(Run) import = { 0 };
  g_auto(Run) through_link = { 0 };
  g_auto(Run) missing = { 0 };
  GStatBuf st;

  g_assert_true (g_file_get_contents (sample, &sample_text, NULL, NULL));
  run_workplan (&import, "import", sample, "--db", db, NULL);
  g_assert_cmpint (import.status, ==, 0);

  g_assert_true (g_file_set_contents (real, "{}\n", -1, NULL));
  g_assert_cmpint (g_chmod (real, 0640), ==, 0);
  g_assert_cmpint (symlink ("real.json", sym), ==, 0);
  run_workplan (&through_link, "export", "--year", "2025", "--db", db, "-o", sym, NULL);
  g_assert_cmpint (through_link.status, ==, 0);
  g_assert_cmpint (g_lstat (sym, &st), ==, 0);
  g_assert_true (S_ISLNK (st.st_mode));
  g_assert_cmpint (g_stat (real, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0640);
  g_assert_true (g_file_get_contents (real, &text, NULL, NULL));
  g_assert_cmpstr (text, ==, sample_text);

  run_workplan (&missing, "export", "--year", "2025", "--db", db, "-o", no_folder, NULL);
  g_assert_cmpint (missing.status, ==, 1);
  assert_one_error_line (&missing);

  /* A write that fails halfway (the file may not grow past 64 KiB) leaves
   * the old briefing as it was, and no partial file. */
  g_assert_true (g_file_set_contents (pdf, "the briefing of last week", -1, NULL));
  before = wp_test_file_checksum (pdf);
  {
    const char *argv[] = { g_getenv ("WORKPLAN_BIN"), "export", "--format", "pdf", "--year",
                           "2025", "--db", db, "-o", pdf, NULL };
    g_autoptr(GError) error = NULL;
    g_auto(Run) run = { 0 };
    int wait_status = 0;

    g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, limit_file_size, NULL,
                  &run.out, &run.err, &wait_status, &error);
    g_assert_no_error (error);
    g_assert_true (WIFEXITED (wait_status));
    g_assert_cmpint (WEXITSTATUS (wait_status), ==, 1);
    assert_one_error_line (&run);
  }
  after = wp_test_file_checksum (pdf);
  g_assert_cmpstr (before, ==, after);

  g_assert_cmpuint (count_files_ending (dir, ".part"), ==, 0);
  g_assert_false (g_file_test (no_folder, G_FILE_TEST_EXISTS));
  assert_plan_file_intact (db);
  wp_test_dir_free (g_steal_pointer (&dir));
}

/* Ctrl+C on a long export used to leave NAME.part behind. The output is
 * written in a subprocess that is interrupted while its partial file is
 * open. */
static void
test_export_interrupted (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *out = NULL;

  if (g_test_subprocess ())
    {
      g_autoptr(WpOutput) output = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *chunk = g_strnfill (200000, 'x');

      out = g_build_filename (g_getenv ("WORKPLAN_TEST_OUTPUT_DIR"), "out.json", NULL);
      wp_output_remove_partial_on_signals ();
      output = wp_output_new (out);
      g_assert_true (wp_output_write (output, chunk, strlen (chunk), &error));
      g_assert_no_error (error);
      g_assert_cmpuint (count_files_ending (g_getenv ("WORKPLAN_TEST_OUTPUT_DIR"), ".part"), ==,
                        1);
      raise (SIGINT);
      g_assert_not_reached ();
    }

  dir = wp_test_dir_new ();
  g_setenv ("WORKPLAN_TEST_OUTPUT_DIR", dir, TRUE);
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_failed ();
  g_unsetenv ("WORKPLAN_TEST_OUTPUT_DIR");

  out = g_build_filename (dir, "out.json", NULL);
  g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (count_files_ending (dir, ".part"), ==, 0);
  wp_test_dir_free (g_steal_pointer (&dir));
}

static GString *printed_in_process;

/* g_test_message() prints with g_print(): collect here, log after. */
static void
collect_printed (const char *text)
{
  g_string_append (printed_in_process, text);
}

/* Runs the command line in this process, where wp_test_fail_writes_after()
 * reaches its SQLite; what it prints goes to the test log, out of the TAP
 * stream. */
static int
run_workplan_in_process (const char *first,
                         ...)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new_with_free_func (g_free);
  g_autofree char **argv = NULL;
  const char *arg = first;
  GPrintFunc old_print, old_printerr;
  int status;
  va_list ap;

  g_ptr_array_add (args, g_strdup ("workplan"));
  va_start (ap, first);
  for (; arg != NULL; arg = va_arg (ap, const char *))
    g_ptr_array_add (args, g_strdup (arg));
  va_end (ap);

  /* The option parser reorders argv: give it a copy of the pointers. */
  argv = g_new0 (char *, args->len + 1);
  memcpy (argv, args->pdata, args->len * sizeof (char *));
  printed_in_process = g_string_new (NULL);
  old_print = g_set_print_handler (collect_printed);
  old_printerr = g_set_printerr_handler (collect_printed);
  status = wp_cli_run ((int) args->len, argv);
  g_set_print_handler (old_print);
  g_set_printerr_handler (old_printerr);
  g_test_message ("workplan said: %s", printed_in_process->str);
  g_string_free (g_steal_pointer (&printed_in_process), TRUE);
  return status;
}

/* A disk-full import into a new plan file left a 0-byte file (and the
 * folders made for it), which the next try or the app then met. It now
 * removes what it created, at whatever stage the disk fills up; a plan file
 * that existed keeps its plans. */
static void
test_import_disk_full (void)
{
  g_autofree char *dir = wp_test_dir_new ();
  g_autofree char *folder = g_build_filename (dir, "new", NULL);
  g_autofree char *db = g_build_filename (folder, "plans.db", NULL);
  g_autofree char *sample = wp_test_sample_path ("xiamen-2025.json");
  g_autofree char *integrity = NULL;
  const char *suffixes[] = { "", "-wal", "-shm", "-journal" };
  guint n_failed = 0;
  int status = -1;
  g_auto(Run) list = { 0 };

  /* A disk full at every stage: creating the file, its schema, the plan */
  for (gsize budget = 0; budget < 64 * 1024 * 1024; budget = budget * 2 + 1024)
    {
      wp_test_fail_writes_after (budget);
      status = run_workplan_in_process ("import", sample, "--db", db, NULL);
      wp_test_restore_writes ();
      if (status == 0)
        break;

      g_test_message ("%zu bytes: the import failed", budget);
      g_assert_cmpint (status, ==, 1);
      n_failed++;
      for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
        {
          g_autofree char *name = g_strconcat (db, suffixes[i], NULL);

          g_assert_false (g_file_test (name, G_FILE_TEST_EXISTS));
        }
      g_assert_false (g_file_test (folder, G_FILE_TEST_EXISTS));
    }
  g_assert_cmpint (status, ==, 0);
  g_assert_cmpuint (n_failed, >=, 3);

  /* The plan file exists now: a failed import leaves it, with its plan. */
  wp_test_fail_writes_after (0);
  status = run_workplan_in_process ("import", sample, "--year", "2026", "--db", db, NULL);
  wp_test_restore_writes ();
  g_assert_cmpint (status, ==, 1);
  integrity = wp_test_integrity_check (db);
  g_assert_cmpstr (integrity, ==, "ok");
  run_workplan (&list, "list-plans", "--db", db, NULL);
  g_assert_cmpint (list.status, ==, 0);
  g_assert_true (g_str_has_prefix (list.out, "2025\t"));
  g_assert_null (strstr (list.out, "2026"));

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *name = g_strconcat (db, suffixes[i], NULL);
      g_unlink (name);
    }
  g_rmdir (folder);
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

/* The same for a report: a FIFO waited for a writer for ever, and
 * /dev/zero was read to the size limit before it was refused. */
static void
test_import_report_refuses_special_files (void)
{
  g_autofree char *dir = wp_test_dir_new ();
  g_autofree char *db = g_build_filename (dir, "plans.db", NULL);
  g_autofree char *fifo = g_build_filename (dir, "report.txt", NULL);
  const char *files[] = { "/dev/zero", fifo };

  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_auto(Run) run = { 0 };

      run_workplan (&run, "import-report", files[i], "--year", "2025", "--db", db, NULL);
      g_assert_cmpint (run.status, ==, 1);
      assert_one_error_line (&run);
      g_assert_nonnull (strstr (run.err, "not a regular file"));
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

/* Importing onto a file that holds plans backs it up first: --replace
 * keeps the plan it replaces in a before-replace backup. */
static void
test_import_replace_backs_up (void)
{
  g_autofree char *dir = wp_test_dir_new ();
  g_autofree char *db = g_build_filename (dir, "plans.db", NULL);
  g_autofree char *sample = wp_test_sample_path ("xiamen-2025.json");
  g_autofree char *edited = g_build_filename (dir, "edited.json", NULL);
  g_autofree char *folder = wp_backup_get_folder (db);
  g_autofree char *text = NULL;
  g_autoptr(GPtrArray) backups = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(Run) first = { 0 };
  g_auto(Run) refused = { 0 };
  g_auto(Run) replace = { 0 };

  /* (the folder is the one the program uses: it has this data folder) */
  g_assert_true (g_str_has_prefix (folder, g_getenv ("XDG_DATA_HOME")));

  /* A new file: nothing to back up */
  run_workplan (&first, "import", sample, "--db", db, NULL);
  g_assert_cmpint (first.status, ==, 0);
  g_assert_false (g_file_test (folder, G_FILE_TEST_EXISTS));

  /* Refused without --replace: nothing written, nothing backed up */
  run_workplan (&refused, "import", sample, "--db", db, NULL);
  g_assert_cmpint (refused.status, ==, 1);
  g_assert_false (g_file_test (folder, G_FILE_TEST_EXISTS));

  g_assert_true (g_file_get_contents (sample, &text, NULL, NULL));
  {
    g_autofree char *other = NULL;
    GString *s = g_string_new (text);

    g_string_replace (s, "2025年全市政法工作任务分解", "替换后的计划", 1);
    other = g_string_free (s, FALSE);
    g_assert_true (g_file_set_contents (edited, other, -1, NULL));
  }
  run_workplan (&replace, "import", edited, "--replace", "--db", db, NULL);
  g_assert_cmpint (replace.status, ==, 0);

  /* One backup: the plan as it was before it was replaced */
  backups = wp_backup_list (db, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (backups->len, ==, 1);
  {
    WpBackup *backup = g_ptr_array_index (backups, 0);
    g_autoptr(WpStore) old = wp_store_open (backup->path, WP_STORE_OPEN_READ_ONLY, &error);
    g_autoptr(WpPlan) plan = NULL;
    g_auto(Run) now = { 0 };

    g_assert_no_error (error);
    g_assert_cmpint (backup->reason, ==, WP_BACKUP_BEFORE_REPLACE);
    g_assert_true (g_str_has_suffix (backup->path, "-before-replace.db"));
    plan = wp_store_get_plan_by_year (old, 2025, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (wp_plan_get_title (plan), ==, "2025年全市政法工作任务分解");
    g_assert_cmpuint (wp_store_count_items (old, wp_plan_get_id (plan), NULL), ==, 56);
    run_workplan (&now, "list-plans", "--db", db, NULL);
    g_assert_true (g_str_has_prefix (now.out, "2025\t替换后的计划\t"));
  }

  wp_test_remove_tree (folder);
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

/* Issue 15: a plan whose latest changes are damaged is refused, with the
 * way to open it without them; the option opens it. */
static void
test_damaged_log_option (void)
{
  g_autofree char *dir = wp_test_dir_new ();
  g_autofree char *db = wp_test_make_damaged_log (dir);
  g_auto(Run) refused = { 0 };
  g_auto(Run) opened = { 0 };

  run_workplan (&refused, "list-plans", "--db", db, NULL);
  g_assert_cmpint (refused.status, ==, 1);
  assert_one_error_line (&refused);
  g_assert_nonnull (strstr (refused.err, "--without-damaged-changes"));
  g_assert_cmpstr (refused.out, ==, "");

  run_workplan (&opened, "list-plans", "--without-damaged-changes", "--db", db, NULL);
  g_assert_cmpint (opened.status, ==, 0);
  /* (the damage is in the log's second change: no plan was saved before it) */
  g_assert_cmpstr (opened.out, ==, "");
  g_assert_nonnull (strstr (opened.err, "No plans yet"));

  wp_test_dir_free (g_steal_pointer (&dir));
}

/* Every command judges on the day the app does: WORKPLAN_TODAY pins it for
 * `summary` as for the window, and dates a note added without --date. A
 * crafted plan whose one action (due 30 September 2025, 90% done) is on
 * schedule in July 2025 and overdue on any later real day. */
static void
test_summary_reference_date (void)
{
  g_autofree char *dir = wp_test_dir_new ();
  g_autofree char *db = g_build_filename (dir, "plans.db", NULL);
  g_autofree char *json = g_build_filename (dir, "plan.json", NULL);
  g_autoptr(JsonNode) root = NULL;
  g_auto(Run) import = { 0 };
  g_auto(Run) pinned = { 0 };
  g_auto(Run) today = { 0 };
  g_auto(Run) note = { 0 };
  JsonObject *item;
  JsonArray *notes;

  g_assert_true (g_file_set_contents (json,
    "{\"format\": \"workplan\", \"version\": 1,"
    " \"plan\": {\"year\": 2025, \"title\": \"日期测试\"},"
    " \"items\": [{\"kind\": \"area\", \"title\": \"领域\", \"children\": ["
    "  {\"kind\": \"task\", \"title\": \"任务\", \"children\": ["
    "   {\"kind\": \"action\", \"title\": \"措施\", \"lead\": [\"甲单位\"],"
    "    \"status\": \"in_progress\", \"progress\": 90, \"due\": \"2025-09-30\"}]}]}]}",
    -1, NULL));
  run_workplan (&import, "import", json, "--db", db, NULL);
  g_assert_cmpint (import.status, ==, 0);

  g_setenv ("WORKPLAN_TODAY", "2025-07-15", TRUE);
  run_workplan (&pinned, "summary", "--year", "2025", "--db", db, NULL);
  run_workplan (&note, "note", "--year", "2025", "--item", "措施", "--text", "已推进",
                "--db", db, NULL);
  g_unsetenv ("WORKPLAN_TODAY");
  g_assert_cmpint (pinned.status, ==, 0);
  g_assert_cmpstr (pinned.out, ==, "As of 15/7/2025, “日期测试” has 1 key task: 0 done (0.0%), "
                                   "1 in progress, 0 not started and 0 suspended; 0 are overdue "
                                   "and 0 need attention.\n\n"
                                   "领域: 1 key task, 0 done, overall progress 90%, 0 are overdue.\n");
  g_assert_cmpint (note.status, ==, 0);

  /* Unpinned, the real day, long after the deadline */
  run_workplan (&today, "summary", "--year", "2025", "--db", db, NULL);
  g_assert_cmpint (today.status, ==, 0);
  g_assert_null (strstr (today.out, "As of 15/7/2025"));
  g_assert_nonnull (strstr (today.out, "1 is overdue"));

  root = export_plan (db, "2025");
  item = find_exported_item (json_object_get_array_member (json_node_get_object (root),
                                                           "items"), "措施");
  g_assert_nonnull (item);
  notes = json_object_get_array_member (item, "notes");
  g_assert_cmpuint (json_array_get_length (notes), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (notes, 0),
                                                  "date"), ==, "2025-07-15");

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

/* ---- import-report ---- */

static char *
report_path (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "data", "reports", name, NULL);
}

/* `--dry-run --json` of a report, parsed: valid interchange JSON that
 * `workplan import` takes, and nothing written */
static JsonNode *
dry_run_report (const char *path,
                const char *db)
{
  g_auto(Run) run = { 0 };
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  run_workplan (&run, "import-report", path, "--year", "2025", "--dry-run", "--json", "--db",
                db, NULL);
  g_test_message ("%s: %s", path, run.err);
  g_assert_cmpint (run.status, ==, 0);
  json_parser_load_from_data (parser, run.out, -1, &error);
  g_assert_no_error (error);
  g_assert_false (g_file_test (db, G_FILE_TEST_EXISTS));
  return json_node_ref (json_parser_get_root (parser));
}

static guint
n_items (JsonNode *root)
{
  return json_array_get_length (json_object_get_array_member (json_node_get_object (root),
                                                              "items"));
}

static void
test_import_report_formats (void)
{
  g_autofree char *dir = wp_test_dir_new ();
  g_autofree char *db = g_build_filename (dir, "plans.db", NULL);
  g_autofree char *txt = report_path ("city-speeches.txt");
  g_autofree char *docx = report_path ("city-speeches.docx");
  g_autofree char *pdf = report_path ("city-speeches.pdf");
  g_autofree char *rules = report_path ("rules.docx");
  /* named as a text file: the content says what it is */
  g_autofree char *renamed = g_build_filename (dir, "report.txt", NULL);
  g_autofree char *contents = NULL;
  gsize length = 0;
  g_autoptr(JsonNode) from_txt = dry_run_report (txt, db);
  g_autoptr(JsonNode) from_docx = dry_run_report (docx, db);
  g_autoptr(JsonNode) from_pdf = dry_run_report (pdf, db);
  g_autoptr(JsonNode) from_renamed = NULL;
  g_auto(Run) run = { 0 };

  /* the same speeches, whatever the file */
  g_assert_cmpuint (n_items (from_txt), ==, 4);
  g_assert_cmpuint (n_items (from_docx), ==, n_items (from_txt));
  g_assert_cmpuint (n_items (from_pdf), ==, n_items (from_txt));

  g_assert_true (g_file_get_contents (rules, &contents, &length, NULL));
  g_assert_true (g_file_set_contents (renamed, contents, (gssize) length, NULL));
  from_renamed = dry_run_report (renamed, db);
  g_assert_cmpuint (n_items (from_renamed), ==, 3);

  /* written for real: the table's tasks and agencies too */
  run_workplan (&run, "import-report", rules, "--year", "2025", "--db", db, NULL);
  g_test_message ("%s%s", run.out, run.err);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (g_file_test (db, G_FILE_TEST_EXISTS));

  wp_test_dir_free (g_steal_pointer (&dir));
}

static void
test_import_report_refusals (void)
{
  g_autofree char *dir = wp_test_dir_new ();
  g_autofree char *db = g_build_filename (dir, "plans.db", NULL);
  g_autofree char *doc = g_build_filename (dir, "report.docx", NULL);
  g_autofree char *zip = g_build_filename (dir, "broken.docx", NULL);
  g_auto(Run) old = { 0 };
  g_auto(Run) broken = { 0 };

  /* an old Word file, whatever its name says */
  g_assert_true (g_file_set_contents (doc, "\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1\0\0\0\0\0\0\0\0",
                                      16, NULL));
  run_workplan (&old, "import-report", doc, "--year", "2025", "--db", db, NULL);
  g_assert_cmpint (old.status, ==, 1);
  assert_one_error_line (&old);
  g_assert_nonnull (strstr (old.err, ".docx"));

  g_assert_true (g_file_set_contents (zip, "PK\003\004\024\0\0\0\010\0broken", 16, NULL));
  run_workplan (&broken, "import-report", zip, "--year", "2025", "--db", db, NULL);
  g_assert_cmpint (broken.status, ==, 1);
  assert_one_error_line (&broken);
  g_assert_nonnull (strstr (broken.err, "zip"));

  g_assert_false (g_file_test (db, G_FILE_TEST_EXISTS));
  wp_test_dir_free (g_steal_pointer (&dir));
}

static gint64
cli_query_int (const char *db,
               const char *sql)
{
  sqlite3 *reader = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 value = -1;

  g_assert_cmpint (sqlite3_open_v2 (db, &reader, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (reader, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (reader);
  return value;
}

/* --into-area adds the report under an area of the year's plan, and
 * --into-plan as areas after its last; an area it lacks writes nothing */
static void
test_import_report_into_area (void)
{
  g_autofree char *dir = wp_test_dir_new ();
  g_autofree char *db = g_build_filename (dir, "plans.db", NULL);
  g_autofree char *sample = wp_test_sample_path ("xiamen-2025.json");
  g_autofree char *txt = report_path ("city-speeches.txt");
  const char *area = "坚持守正创新 维护公平正义";
  g_auto(Run) import = { 0 };
  g_auto(Run) missing = { 0 };
  g_auto(Run) under = { 0 };
  g_auto(Run) areas = { 0 };
  gint64 before, after_missing, after_under, n_areas;
  guint n_backups;

  run_workplan (&import, "import", sample, "--db", db, NULL);
  g_assert_cmpint (import.status, ==, 0);
  before = cli_query_int (db, "SELECT count(*) FROM item");
  run_workplan (&missing, "import-report", txt, "--year", "2025", "--into-area", "无此领域",
                "--db", db, NULL);
  g_assert_cmpint (missing.status, ==, 1);
  assert_one_error_line (&missing);
  after_missing = cli_query_int (db, "SELECT count(*) FROM item");
  g_assert_cmpint (after_missing, ==, before);

  {
    g_autoptr(GPtrArray) backups = wp_backup_list (db, NULL);

    n_backups = backups != NULL ? backups->len : 0;
  }
  run_workplan (&under, "import-report", txt, "--year", "2025", "--into-area", area, "--db", db,
                NULL);
  g_test_message ("%s%s", under.out, under.err);
  g_assert_cmpint (under.status, ==, 0);
  after_under = cli_query_int (db, "SELECT count(*) FROM item");
  g_assert_cmpint (after_under, >, before);
  /* a copy of the file was taken first, as before any import */
  {
    g_autoptr(GPtrArray) backups = wp_backup_list (db, NULL);

    g_assert_nonnull (backups);
    g_assert_cmpuint (backups->len, ==, n_backups + 1);
  }
  /* still one plan, its areas as they were; the report's areas are key tasks */
  g_assert_cmpint (cli_query_int (db, "SELECT count(*) FROM plan"), ==, 1);
  n_areas = cli_query_int (db, "SELECT count(*) FROM item WHERE parent_id IS NULL");
  g_assert_cmpint (cli_query_int (db, "SELECT count(*) FROM item WHERE kind = 'area'"), ==,
                   n_areas);

  run_workplan (&areas, "import-report", txt, "--year", "2025", "--into-plan", "--db", db, NULL);
  g_assert_cmpint (areas.status, ==, 0);
  g_assert_cmpint (cli_query_int (db, "SELECT count(*) FROM item WHERE parent_id IS NULL"), ==,
                   n_areas + 4);
  wp_test_dir_free (g_steal_pointer (&dir));
}

int
main (int    argc,
      char **argv)
{
  /* (the backups of the files imported here are not kept) */
  g_autofree char *data_home = wp_test_private_data_home ();
  int status;

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cli/version-and-help", test_version_and_help);
  g_test_add_func ("/cli/import-list-export", test_import_list_export);
  g_test_add_func ("/cli/bad-json-leaves-database", test_bad_json_leaves_database);
  g_test_add_func ("/cli/bad-json-creates-no-database", test_bad_json_creates_no_database);
  g_test_add_func ("/cli/errors", test_errors);
  g_test_add_func ("/cli/summary", test_summary);
  g_test_add_func ("/cli/summary-reference-date", test_summary_reference_date);
  g_test_add_func ("/cli/export-refuses-plan-file", test_export_refuses_plan_file);
  g_test_add_func ("/cli/export-writes-into-devices", test_export_writes_into_devices);
  g_test_add_func ("/cli/export-replaces-regular-file", test_export_replaces_regular_file);
  g_test_add_func ("/cli/export-interrupted", test_export_interrupted);
  g_test_add_func ("/cli/import-disk-full", test_import_disk_full);
  g_test_add_func ("/cli/import-refuses-special-files", test_import_refuses_special_files);
  g_test_add_func ("/cli/import-refuses-hostile-json", test_import_refuses_hostile_json);
  g_test_add_func ("/cli/import-replace-backs-up", test_import_replace_backs_up);
  g_test_add_func ("/cli/damaged-log-option", test_damaged_log_option);
  g_test_add_func ("/cli/note", test_note);
  g_test_add_func ("/cli/note-ambiguous-title", test_note_ambiguous_title);
  g_test_add_func ("/cli/note-errors", test_note_errors);
  g_test_add_func ("/cli/import-report-formats", test_import_report_formats);
  g_test_add_func ("/cli/import-report-refusals", test_import_report_refusals);

  g_test_add_func ("/cli/import-report-refuses-special-files",
                   test_import_report_refuses_special_files);
  g_test_add_func ("/cli/import-report-into-area", test_import_report_into_area);

  status = g_test_run ();
  wp_test_remove_tree (data_home);
  return status;
}
