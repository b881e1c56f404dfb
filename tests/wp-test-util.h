/* wp-test-util.h: fixtures shared by the test programs
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <errno.h>
#include <glib/gstdio.h>
#include <stdarg.h>
#include <sys/wait.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>

#include "workplan-core.h"

G_BEGIN_DECLS

/* Runs the workplan binary under test (WORKPLAN_BIN) with the arguments
 * of @args up to a NULL; returns its exit status (-1 if it did not exit),
 * with what it printed in @out and @err (either may be NULL). */
static inline int
wp_test_run_workplan_va (char    **out,
                         char    **err,
                         va_list   args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  const char *bin = g_getenv ("WORKPLAN_BIN");
  const char *arg;
  int wait_status = 0;

  g_assert_nonnull (bin);
  g_ptr_array_add (argv, (char *) bin);
  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, (char *) arg);
  g_ptr_array_add (argv, NULL);

  g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL, out, err,
                &wait_status, &error);
  g_assert_no_error (error);
  return WIFEXITED (wait_status) ? WEXITSTATUS (wait_status) : -1;
}

/* A fresh temporary folder, removed with its files by wp_test_dir_free(). */
static inline char *
wp_test_dir_new (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("workplan-test-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

static inline void
wp_test_dir_free (char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      /* chmod() follows a symlink: one to /dev/null would make the device private */
      if (!g_file_test (path, G_FILE_TEST_IS_SYMLINK))
        g_chmod (path, 0600);
      g_unlink (path);
    }
  g_chmod (dir, 0700);
  g_rmdir (dir);
  g_free (dir);
}

static inline char *
wp_test_file_checksum (const char *path)
{
  g_autofree char *contents = NULL;
  gsize length = 0;

  if (!g_file_get_contents (path, &contents, &length, NULL))
    return NULL;
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, length);
}

static inline char *
wp_test_sample_path (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "..", "data", "samples", name, NULL);
}

/* Opens a new database in @dir holding the demo plan (Xiamen 2025), judged
 * on 15 July 2025 as `make run` shows it. */
static inline WpStore *
wp_test_open_demo (const char  *dir,
                   WpPlan     **plan)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (dir, "plan.db", NULL);
  g_autofree char *sample = wp_test_sample_path ("xiamen-2025.json");
  g_autofree char *json = NULL;
  WpStore *store;
  GDate day;

  store = wp_store_open (path, WP_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (sample, &json, NULL, NULL));
  *plan = wp_json_import (store, json, -1, 0, FALSE, &error);
  g_assert_no_error (error);

  g_date_clear (&day, 1);
  g_date_set_dmy (&day, 15, 7, 2025);
  wp_store_set_judging (store, &day, 30);
  return store;
}

/* A plan file of 200 actions with its second half scribbled over and its
 * header and schema intact: opening it reads fine, a check finds the
 * damage. */
static inline void
wp_test_make_damaged_file (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length;

  {
    g_autoptr(WpStore) store = wp_store_open (path, WP_STORE_OPEN_DEFAULT, &error);
    g_autoptr(WpPlan) plan = NULL;

    g_assert_no_error (error);
    plan = wp_store_create_plan (store, 2025, "计划", "", &error);
    g_assert_no_error (error);
    for (int i = 0; i < 200; i++)
      {
        g_autofree char *title = g_strdup_printf ("第%d项具体措施：推进综治中心规范化建设", i);
        g_autoptr(WpItem) item = wp_store_create_item (store, wp_plan_get_id (plan), 0, -1,
                                                       WP_ITEM_KIND_ACTION, title, &error);
        g_assert_no_error (error);
      }
  }

  /* The item table's leaf pages are damaged: the file still opens (its
   * schema is sound), reading items fails. */
  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  g_assert_cmpuint (length, >, 8192);
  {
    sqlite3 *db;
    sqlite3_stmt *stmt;
    guint n_damaged = 0;

    g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT pageno, pgsize FROM dbstat"
                                             " WHERE name = 'item_all' AND pagetype = 'leaf'",
                                         -1, &stmt, NULL), ==, SQLITE_OK);
    while (sqlite3_step (stmt) == SQLITE_ROW)
      {
        gsize start = (gsize) (sqlite3_column_int64 (stmt, 0) - 1) * sqlite3_column_int (stmt, 1);

        for (gsize i = start; i < start + sqlite3_column_int (stmt, 1) && i < length; i += 7)
          contents[i] = (char) (i * 31);
        n_damaged++;
      }
    sqlite3_finalize (stmt);
    sqlite3_close (db);
    g_assert_cmpuint (n_damaged, >, 1);
  }
  g_assert_true (g_file_set_contents (path, contents, length, NULL));
}

/* Called for each action wp_test_generate_plan() makes: its item, its
 * key task, and a running number */
typedef void (*WpTestActionFunc) (WpStore *store,
                                  WpItem  *action,
                                  WpItem  *task,
                                  int      n,
                                  gpointer data);

/* Fills @plan_id with @n_areas areas × @n_tasks key tasks × @n_actions
 * actions, titled "<prefix>a.t.i" etc., calling @func on every action. */
static inline void
wp_test_generate_plan (WpStore          *store,
                       gint64            plan_id,
                       int               n_areas,
                       int               n_tasks,
                       int               n_actions,
                       const char       *action_title,
                       WpTestActionFunc  func,
                       gpointer          data)
{
  g_autoptr(GError) error = NULL;
  int n = 0;

  for (int a = 0; a < n_areas; a++)
    {
      g_autofree char *at = g_strdup_printf ("工作领域%d", a + 1);
      g_autoptr(WpItem) area = wp_store_create_item (store, plan_id, 0, -1, WP_ITEM_KIND_AREA,
                                                     at, &error);

      g_assert_no_error (error);
      for (int t = 0; t < n_tasks; t++)
        {
          g_autofree char *tt = g_strdup_printf ("重点任务%d.%d", a + 1, t + 1);
          g_autoptr(WpItem) task = wp_store_create_item (store, plan_id, wp_item_get_id (area), -1,
                                                         WP_ITEM_KIND_TASK, tt, &error);

          g_assert_no_error (error);
          for (int i = 0; i < n_actions; i++)
            {
              g_autofree char *it = g_strdup_printf ("具体措施%d.%d.%d%s", a + 1, t + 1, i + 1,
                                                     action_title != NULL ? action_title : "");
              g_autoptr(WpItem) action = wp_store_create_item (store, plan_id,
                                                               wp_item_get_id (task), -1,
                                                               WP_ITEM_KIND_ACTION, it, &error);

              g_assert_no_error (error);
              if (func != NULL)
                func (store, action, task, n, data);
              n++;
            }
        }
    }
}

/* Runs a poppler tool (pdftotext, pdfinfo, pdffonts) on a PDF and returns
 * what it printed; @last_arg is "-" for pdftotext's standard output. */
G_GNUC_NO_INLINE static char *
wp_test_poppler (const char *tool,
                 const char *pdf,
                 const char *last_arg)
{
  g_autoptr(GError) error = NULL;
  char *out = NULL;
  const char *argv[] = { tool, pdf, last_arg, NULL };
  int status = 0;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                NULL, NULL, &out, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return out;
}

static inline int
wp_test_pdf_pages (const char *pdf)
{
  char *info = wp_test_poppler ("pdfinfo", pdf, NULL);
  const char *pages = strstr (info, "Pages:");
  int n;

  g_assert_nonnull (pages);
  n = atoi (pages + strlen ("Pages:"));
  g_free (info);
  return n;
}

/* Skips the test when poppler-utils is missing (make check installs it) */
static inline gboolean
wp_test_have_poppler (void)
{
  g_autofree char *a = g_find_program_in_path ("pdftotext");
  g_autofree char *b = g_find_program_in_path ("pdffonts");
  g_autofree char *c = g_find_program_in_path ("pdfinfo");

  if (a && b && c)
    return TRUE;
  g_test_skip ("poppler-utils (pdftotext, pdffonts, pdfinfo) are not installed");
  return FALSE;
}

/* A full disk, on demand, for SQLite only.
 *
 * wp_test_fail_writes_after (N) lets the SQLite writes of this process go on
 * for N more bytes; then every write fails with ENOSPC, as on a full disk,
 * and the one that crosses the limit is cut short there, as the kernel cuts
 * it. wp_test_restore_writes() ends it. It replaces the system calls of
 * SQLite's unix VFS (pwrite64, pwrite, write and fallocate, through
 * sqlite3_vfs.xSetSystemCall), so it reaches every connection, open or to
 * come, and nothing else: GLib, cairo and the test's own files write as
 * usual. SQLite then reports SQLITE_FULL, as it does on a real full disk.
 * Loop over N (0, a few KiB, more) to fail at each stage of an operation. */
typedef ssize_t (*WpTestPwrite) (int fd, const void *buf, size_t count, off_t offset);
typedef ssize_t (*WpTestWrite) (int fd, const void *buf, size_t count);
typedef int (*WpTestFallocate) (int fd, off_t offset, off_t length);

static WpTestPwrite wp_test_real_pwrite64;
static WpTestPwrite wp_test_real_pwrite;
static WpTestWrite wp_test_real_write;
static WpTestFallocate wp_test_real_fallocate;
static gsize wp_test_write_budget;

/* How much of @count may still be written */
static inline size_t
wp_test_take_write_budget (size_t count)
{
  size_t n = MIN (count, wp_test_write_budget);

  wp_test_write_budget -= n;
  return n;
}

static inline ssize_t
wp_test_full_pwrite64 (int fd, const void *buf, size_t count, off_t offset)
{
  size_t n = wp_test_take_write_budget (count);

  if (n == 0 && count > 0)
    {
      errno = ENOSPC;
      return -1;
    }
  return wp_test_real_pwrite64 (fd, buf, n, offset);
}

static inline ssize_t
wp_test_full_pwrite (int fd, const void *buf, size_t count, off_t offset)
{
  size_t n = wp_test_take_write_budget (count);

  if (n == 0 && count > 0)
    {
      errno = ENOSPC;
      return -1;
    }
  return wp_test_real_pwrite (fd, buf, n, offset);
}

static inline ssize_t
wp_test_full_write (int fd, const void *buf, size_t count)
{
  size_t n = wp_test_take_write_budget (count);

  if (n == 0 && count > 0)
    {
      errno = ENOSPC;
      return -1;
    }
  return wp_test_real_write (fd, buf, n);
}

/* posix_fallocate() returns its error instead of setting errno */
static inline int
wp_test_full_fallocate (int fd, off_t offset, off_t length)
{
  if (length > 0 && (gsize) length > wp_test_write_budget)
    {
      wp_test_write_budget = 0;
      return ENOSPC;
    }
  wp_test_write_budget -= length > 0 ? (gsize) length : 0;
  return wp_test_real_fallocate (fd, offset, length);
}

static inline void
wp_test_restore_writes (void)
{
  sqlite3_vfs *vfs = sqlite3_vfs_find (NULL);
  static const char *const names[] = { "pwrite64", "pwrite", "write", "fallocate" };

  /* A NULL pointer gives a call back its default */
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (vfs->xGetSystemCall (vfs, names[i]) != NULL)
      g_assert_cmpint (vfs->xSetSystemCall (vfs, names[i], NULL), ==, SQLITE_OK);
}

static inline void
wp_test_fail_writes_after (gsize bytes)
{
  sqlite3_vfs *vfs = sqlite3_vfs_find (NULL);
  const struct {
    const char           *name;
    sqlite3_syscall_ptr  *real;
    sqlite3_syscall_ptr   full;
  } calls[] = {
    { "pwrite64", (sqlite3_syscall_ptr *) &wp_test_real_pwrite64,
      (sqlite3_syscall_ptr) wp_test_full_pwrite64 },
    { "pwrite", (sqlite3_syscall_ptr *) &wp_test_real_pwrite,
      (sqlite3_syscall_ptr) wp_test_full_pwrite },
    { "write", (sqlite3_syscall_ptr *) &wp_test_real_write,
      (sqlite3_syscall_ptr) wp_test_full_write },
    { "fallocate", (sqlite3_syscall_ptr *) &wp_test_real_fallocate,
      (sqlite3_syscall_ptr) wp_test_full_fallocate },
  };

  g_assert_nonnull (vfs);
  wp_test_restore_writes ();
  wp_test_write_budget = bytes;
  for (guint i = 0; i < G_N_ELEMENTS (calls); i++)
    {
      /* A call this build of SQLite does not use is not in its table */
      *calls[i].real = vfs->xGetSystemCall (vfs, calls[i].name);
      if (*calls[i].real != NULL)
        g_assert_cmpint (vfs->xSetSystemCall (vfs, calls[i].name, calls[i].full), ==, SQLITE_OK);
    }
}

/* The result of PRAGMA integrity_check on the plan file at @path: "ok" when
 * it is sound. */
static inline char *
wp_test_integrity_check (const char *path)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  char *result;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA integrity_check", -1, &stmt, NULL), ==,
                   SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  result = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return result;
}

/* Removes @path and, for a folder, everything in it. */
static inline void
wp_test_remove_tree (const char *path)
{
  if (g_file_test (path, G_FILE_TEST_IS_DIR) && !g_file_test (path, G_FILE_TEST_IS_SYMLINK))
    {
      g_autoptr(GDir) d = g_dir_open (path, 0, NULL);
      const char *name;

      while (d != NULL && (name = g_dir_read_name (d)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);
          wp_test_remove_tree (child);
        }
      g_rmdir (path);
    }
  else
    g_unlink (path);
}

/* Gives this test program and what it runs a data folder of its own (for
 * backups and recent files), removed by wp_test_remove_tree() at the end. */
static inline char *
wp_test_private_data_home (void)
{
  char *dir = wp_test_dir_new ();

  g_setenv ("XDG_DATA_HOME", dir, TRUE);
  return dir;
}

static inline void
wp_test_copy_file (const char *from,
                   const char *to)
{
  g_autofree char *contents = NULL;
  gsize length;

  g_assert_true (g_file_get_contents (from, &contents, &length, NULL));
  g_assert_true (g_file_set_contents (to, contents, length, NULL));
}

/* Makes @dir/crashed.db as a program killed after five saved edits (five
 * plans, 2030-2034) leaves it, its log not yet copied in, and then damages
 * a byte of the log's second frame: SQLite would drop most of the edits
 * without a word. Returns the file's path. */
static inline char *
wp_test_make_damaged_log (const char *dir)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (dir, "saved.db", NULL);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  char *crashed = g_build_filename (dir, "crashed.db", NULL);
  g_autofree char *crashed_wal = g_strconcat (crashed, "-wal", NULL);
  g_autofree char *contents = NULL;
  gsize length;
  WpStore *store = wp_store_open (path, WP_STORE_OPEN_DEFAULT, &error);

  g_assert_no_error (error);
  for (int year = 2030; year < 2035; year++)
    {
      g_autoptr(WpPlan) plan = wp_store_create_plan (store, year, "计划", "", &error);
      g_assert_no_error (error);
    }
  wp_test_copy_file (path, crashed);
  wp_test_copy_file (wal, crashed_wal);
  g_assert_finalize_object (store);
  g_unlink (path);

  g_assert_true (g_file_get_contents (crashed_wal, &contents, &length, NULL));
  g_assert_cmpuint (length, >, 32 + 4 * (24 + 4096));
  contents[32 + (24 + 4096) + 24 + 2000] ^= 0x10;
  g_assert_true (g_file_set_contents (crashed_wal, contents, length, NULL));
  return crashed;
}

/* A crafted 2025 plan, judged on 15 July 2025, where lateness and leads
 * sit at different levels:
 *
 *   领域一 (no agencies)
 *     任务甲  lead 甲单位, co 乙单位, no deadline
 *       措施1  lead 丙单位, due 3/31                 red (丙's alone)
 *       措施2  lead 乙单位, due 12/31, 50%           green
 *     任务乙  lead 丙单位, co 乙单位, no deadline
 *       措施3  lead 乙单位, due 6/30                 red (乙 leads)
 *       措施4  lead 丙单位, co 乙单位, due 5/31      red (乙 supports)
 *     任务丙  lead 乙单位, due 6/30                  red by its own deadline
 *       措施5  no agencies, due 4/30                 red (任务丙's agencies answer)
 *       措施6  lead 丁单位, due 12/31, 50%           green (丁 leads only this)
 *     任务丁  lead 甲单位, no deadline
 *       措施7  lead 甲单位, co 乙单位, due 7/31, 20% yellow
 */
#define WP_TEST_ITEM_JSON(kind, title, lead, co, status, progress, due) \
  "{\"kind\": \"" kind "\", \"title\": \"" title "\", \"lead\": [" lead "], \"co\": [" co "]," \
  " \"status\": \"" status "\", \"progress\": " progress ", \"due\": " due ", \"children\": ["
#define WP_TEST_CRAFTED_PLAN \
  "{\"format\": \"workplan\", \"version\": 1," \
  " \"plan\": {\"year\": 2025, \"title\": \"测试计划\", \"organization\": \"测试\"}," \
  " \"items\": [" \
  WP_TEST_ITEM_JSON ("area", "领域一", "", "", "not_started", "null", "null") \
    WP_TEST_ITEM_JSON ("task", "任务甲", "\"甲单位\"", "\"乙单位\"", "not_started", "null", "null") \
      WP_TEST_ITEM_JSON ("action", "措施1", "\"丙单位\"", "", "in_progress", "50", \
                         "\"2025-03-31\"") "]}," \
      WP_TEST_ITEM_JSON ("action", "措施2", "\"乙单位\"", "", "in_progress", "50", \
                         "\"2025-12-31\"") "]}" \
    "]}," \
    WP_TEST_ITEM_JSON ("task", "任务乙", "\"丙单位\"", "\"乙单位\"", "not_started", "null", "null") \
      WP_TEST_ITEM_JSON ("action", "措施3", "\"乙单位\"", "", "in_progress", "60", \
                         "\"2025-06-30\"") "]}," \
      WP_TEST_ITEM_JSON ("action", "措施4", "\"丙单位\"", "\"乙单位\"", "not_started", "null", \
                         "\"2025-05-31\"") "]}" \
    "]}," \
    WP_TEST_ITEM_JSON ("task", "任务丙", "\"乙单位\"", "", "in_progress", "30", "\"2025-06-30\"") \
      WP_TEST_ITEM_JSON ("action", "措施5", "", "", "in_progress", "30", "\"2025-04-30\"") "]}," \
      WP_TEST_ITEM_JSON ("action", "措施6", "\"丁单位\"", "", "in_progress", "50", \
                         "\"2025-12-31\"") "]}" \
    "]}," \
    WP_TEST_ITEM_JSON ("task", "任务丁", "\"甲单位\"", "", "not_started", "null", "null") \
      WP_TEST_ITEM_JSON ("action", "措施7", "\"甲单位\"", "\"乙单位\"", "in_progress", "20", \
                         "\"2025-07-31\"") "]}" \
    "]}" \
  "]}]}"

static inline WpStore *
wp_test_open_crafted (const char  *dir,
                      WpPlan     **plan)
{
  g_autofree char *path = g_build_filename (dir, "crafted.db", NULL);
  g_autoptr(GError) error = NULL;
  WpStore *store = wp_store_open (path, WP_STORE_OPEN_DEFAULT, &error);
  GDate day;

  g_assert_no_error (error);
  *plan = wp_json_import (store, WP_TEST_CRAFTED_PLAN, -1, 0, FALSE, &error);
  g_assert_no_error (error);
  g_date_clear (&day, 1);
  g_date_set_dmy (&day, 15, 7, 2025);
  wp_store_set_judging (store, &day, 30);
  return store;
}

/* Whether /usr/bin/python3 has openpyxl, which the spreadsheet tests read
 * and fill workbooks with (python3-openpyxl; .ci/run installs it) */
static inline gboolean
wp_test_have_openpyxl (void)
{
  const char *argv[] = { "/usr/bin/python3", "-c", "import openpyxl", NULL };
  int status = 1;

  return g_spawn_sync (NULL, (char **) argv, NULL,
                       G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL,
                       NULL, NULL, &status, NULL)
         && g_spawn_check_wait_status (status, NULL);
}

/* The id of the item titled @title in the plan, or 0 */
static inline gint64
wp_test_item_by_title (WpStore    *store,
                       gint64      plan_id,
                       const char *title)
{
  g_autoptr(WpPlanFacts) facts = wp_store_list_plan_facts (store, plan_id, NULL);

  g_assert_nonnull (facts);
  for (guint i = 0; i < facts->items->len; i++)
    {
      gint64 id = g_array_index (facts->items, WpItemFacts, i).id;
      g_autoptr(WpItem) item = wp_store_get_item (store, id, NULL);

      if (item != NULL && g_strcmp0 (wp_item_get_title (item), title) == 0)
        return id;
    }
  return 0;
}

/* A crafted 2025 plan with quarterly milestones (形象进度), judged on 30
 * June 2025, the second quarter's last day, when its milestones count:
 *
 *   领域一
 *     任务A  lead 甲单位, 50%, Q1 30% Q2 50%        on track (ahead on 29 June)
 *     任务B  lead 甲单位, 49%, Q2 50%               behind by 1 (none on 29 June)
 *     任务C  lead 乙单位, done at 30%, Q2 80%       done, whatever the milestone
 *     任务D  lead 乙单位, 60%, no milestone         none
 *   领域二
 *     任务E  lead 乙单位, 70%, Q2 60%               ahead (none on 29 June)
 *     任务F  lead 甲单位, 20%, Q1 40%, Q2 text only behind by 20 (Q1's stands)
 *     任务G  lead 丙单位, done, no milestone        done
 *     任务H  lead 丙单位, no milestone of its own   none
 *       措施h  lead 丙单位, 10%, Q2 50%             behind (not counted for the plan)
 */
#define WP_TEST_PACED_PLAN \
  "{\"format\": \"workplan\", \"version\": 1," \
  " \"plan\": {\"year\": 2025, \"title\": \"形象进度测试\", \"organization\": \"测试\"}," \
  " \"items\": [" \
  WP_TEST_ITEM_JSON ("area", "领域一", "", "", "not_started", "null", "null") \
    WP_TEST_ITEM_JSON ("task", "任务A", "\"甲单位\"", "", "in_progress", "50", "\"2025-12-31\"") \
      "]}," \
    WP_TEST_ITEM_JSON ("task", "任务B", "\"甲单位\"", "", "in_progress", "49", "\"2025-12-31\"") \
      "]}," \
    WP_TEST_ITEM_JSON ("task", "任务C", "\"乙单位\"", "", "done", "30", "\"2025-12-31\"") "]}," \
    WP_TEST_ITEM_JSON ("task", "任务D", "\"乙单位\"", "", "in_progress", "60", "\"2025-12-31\"") \
      "]}" \
  "]}," \
  WP_TEST_ITEM_JSON ("area", "领域二", "", "", "not_started", "null", "null") \
    WP_TEST_ITEM_JSON ("task", "任务E", "\"乙单位\"", "", "in_progress", "70", "\"2025-12-31\"") \
      "]}," \
    WP_TEST_ITEM_JSON ("task", "任务F", "\"甲单位\"", "", "in_progress", "20", "\"2025-12-31\"") \
      "]}," \
    WP_TEST_ITEM_JSON ("task", "任务G", "\"丙单位\"", "", "done", "100", "\"2025-12-31\"") "]}," \
    WP_TEST_ITEM_JSON ("task", "任务H", "\"丙单位\"", "", "not_started", "null", "\"2025-12-31\"") \
      WP_TEST_ITEM_JSON ("action", "措施h", "\"丙单位\"", "", "in_progress", "10", \
                         "\"2025-12-31\"") "]}" \
    "]}" \
  "]}]}"

static inline void
wp_test_set_milestone (WpStore    *store,
                       gint64      plan_id,
                       const char *title,
                       int         quarter,
                       const char *text,
                       int         progress)
{
  g_autoptr(GError) error = NULL;
  gint64 id = wp_test_item_by_title (store, plan_id, title);

  g_assert_cmpint (id, !=, 0);
  wp_store_set_milestone (store, id, quarter, text, progress, &error);
  g_assert_no_error (error);
}

/* Opens the plan above in a new database in @dir (see WP_TEST_PACED_PLAN) */
static inline WpStore *
wp_test_open_paced (const char  *dir,
                    WpPlan     **plan)
{
  g_autofree char *path = g_build_filename (dir, "paced.db", NULL);
  g_autoptr(GError) error = NULL;
  WpStore *store = wp_store_open (path, WP_STORE_OPEN_DEFAULT, &error);
  gint64 id;
  GDate day;

  g_assert_no_error (error);
  *plan = wp_json_import (store, WP_TEST_PACED_PLAN, -1, 0, FALSE, &error);
  g_assert_no_error (error);
  id = wp_plan_get_id (*plan);
  wp_test_set_milestone (store, id, "任务A", 1, "启动", 30);
  wp_test_set_milestone (store, id, "任务A", 2, "过半", 50);
  wp_test_set_milestone (store, id, "任务B", 2, "过半", 50);
  wp_test_set_milestone (store, id, "任务C", 2, NULL, 80);
  wp_test_set_milestone (store, id, "任务E", 2, NULL, 60);
  wp_test_set_milestone (store, id, "任务F", 1, "方案印发", 40);
  wp_test_set_milestone (store, id, "任务F", 2, "组织实施", -1);
  wp_test_set_milestone (store, id, "措施h", 2, NULL, 50);
  g_date_clear (&day, 1);
  g_date_set_dmy (&day, 30, 6, 2025);
  wp_store_set_judging (store, &day, 30);
  return store;
}

G_END_DECLS
