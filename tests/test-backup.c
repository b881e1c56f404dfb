/* test-backup.c: backup copies of plan files, rotated, checked, restored
 *
 * Each test has a data folder of its own (G_TEST_OPTION_ISOLATE_DIRS), so
 * no backup is seen by another test or left behind.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <sys/wait.h>
#include <unistd.h>

#include "wp-test-util.h"
#include "db/wp-migrations.h"
#include "wp-char-tokenizer.h"

static WpStore *
open_with_plan (const char *path,
                int         year,
                const char *title)
{
  g_autoptr(GError) error = NULL;
  WpStore *store = wp_store_open (path, WP_STORE_OPEN_DEFAULT, &error);
  g_autoptr(WpPlan) plan = NULL;

  g_assert_no_error (error);
  plan = wp_store_create_plan (store, year, title, "", &error);
  g_assert_no_error (error);
  return store;
}

static char *
plan_title (const char *path,
            int         year)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WpStore) store = wp_store_open (path, WP_STORE_OPEN_READ_ONLY, &error);
  g_autoptr(WpPlan) plan = NULL;

  g_assert_no_error (error);
  plan = wp_store_get_plan_by_year (store, year, &error);
  if (plan == NULL)
    return NULL;
  return g_strdup (wp_plan_get_title (plan));
}

/* Renames a backup as if it had been taken at @iso_time (UTC) */
static char *
backdate (const char *backup,
          const char *stamp,
          const char *reason)
{
  g_autofree char *folder = g_path_get_dirname (backup);
  g_autofree char *name = g_strdup_printf ("%s-%s.db", stamp, reason);
  char *path = g_build_filename (folder, name, NULL);

  g_assert_cmpint (g_rename (backup, path), ==, 0);
  return path;
}

/* Overwrites a stretch of bytes in the middle of the file, as a bad disk
 * sector or a stray write would. */
static void
damage_middle (const char *path)
{
  g_autofree char *contents = NULL;
  gsize length;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  g_assert_cmpuint (length, >, 16 * 4096);
  for (gsize i = length / 2 - 4096; i < length / 2 + 4096; i++)
    contents[i] = (char) (i * 37 + 11);
  g_assert_true (g_file_set_contents (path, contents, length, NULL));
}

static void
test_take_and_list (void)
{
  g_autofree char *dir = wp_test_dir_new ();
  g_autofree char *sub = g_build_filename (dir, "other", NULL);
  g_autofree char *path = g_build_filename (dir, "plan.db", NULL);
  g_autofree char *other_path = g_build_filename (sub, "plan.db", NULL);
  g_autofree char *root = g_build_filename (g_get_user_data_dir (), "workplan", "backups", NULL);
  g_autoptr(WpStore) store = open_with_plan (path, 2025, "甲");
  g_autoptr(WpStore) other = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) backups = NULL;
  g_autoptr(GPtrArray) others = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *backup = NULL;
  g_autofree char *other_backup = NULL;
  g_autofree char *folder = NULL;
  WpBackup *b;

  backup = wp_backup_take (store, WP_BACKUP_BEFORE_IMPORT, 10, &error);
  g_assert_no_error (error);
  g_assert_nonnull (backup);
  g_test_message ("backup: %s", backup);

  /* In the user's data folder, in one of the file's own */
  folder = g_path_get_dirname (backup);
  g_assert_true (g_str_has_prefix (backup, root));
  g_assert_true (g_str_has_prefix (folder + strlen (root), "/plan.db-"));
  g_assert_true (g_str_has_suffix (backup, "Z-before-import.db"));
  g_assert_true (wp_backup_check (backup, &error));

  backups = wp_backup_list (path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (backups->len, ==, 1);
  b = g_ptr_array_index (backups, 0);
  g_assert_cmpstr (b->path, ==, backup);
  g_assert_cmpint (b->reason, ==, WP_BACKUP_BEFORE_IMPORT);
  g_assert_cmpint (b->size, >, 0);
  g_assert_cmpint (ABS (g_date_time_difference (now, b->time)), <, 60 * G_TIME_SPAN_SECOND);
  {
    guint n_plans = 0, n_items = 0;

    g_assert_true (wp_backup_count (backup, &n_plans, &n_items, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (n_plans, ==, 1);
    g_assert_cmpuint (n_items, ==, 0);
  }

  /* A plan.db in another folder has backups of its own. */
  g_assert_cmpint (g_mkdir (sub, 0700), ==, 0);
  other = open_with_plan (other_path, 2026, "乙");
  other_backup = wp_backup_take (other, WP_BACKUP_DAILY, 10, &error);
  g_assert_no_error (error);
  {
    g_autofree char *other_folder = wp_backup_get_folder (other_path);
    g_assert_cmpstr (other_folder, !=, folder);
  }
  others = wp_backup_list (other_path, &error);
  g_assert_cmpuint (others->len, ==, 1);
  g_assert_cmpstr (((WpBackup *) g_ptr_array_index (others, 0))->path, ==, other_backup);
  g_clear_pointer (&backups, g_ptr_array_unref);
  backups = wp_backup_list (path, &error);
  g_assert_cmpuint (backups->len, ==, 1);

  /* The same file named another way is the same file. */
  {
    g_autofree char *dotted = g_build_filename (dir, "other", "..", "plan.db", NULL);
    g_autofree char *f1 = wp_backup_get_folder (dotted);

    g_assert_cmpstr (f1, ==, folder);
  }

  g_clear_object (&other);
  g_clear_object (&store);
  g_unlink (other_path);
  g_rmdir (sub);
  wp_test_dir_free (g_steal_pointer (&dir));
}

static void
test_rotate_keeps_n (void)
{
  g_autofree char *dir = wp_test_dir_new ();
  g_autofree char *path = g_build_filename (dir, "plan.db", NULL);
  g_autoptr(WpStore) store = open_with_plan (path, 2025, "甲");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) taken = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) backups = NULL;

  for (int i = 0; i < 6; i++)
    {
      char *backup = wp_backup_take (store, i % 2 ? WP_BACKUP_DAILY : WP_BACKUP_BEFORE_IMPORT, 3,
                                     &error);

      g_assert_no_error (error);
      g_ptr_array_add (taken, backup);
    }

  /* The newest three are left, newest first. */
  backups = wp_backup_list (path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (backups->len, ==, 3);
  for (guint i = 0; i < 3; i++)
    {
      WpBackup *b = g_ptr_array_index (backups, i);

      g_assert_cmpstr (b->path, ==, g_ptr_array_index (taken, 5 - i));
      g_assert_true (g_file_test (b->path, G_FILE_TEST_EXISTS));
    }
  for (guint i = 0; i < 3; i++)
    g_assert_false (g_file_test (g_ptr_array_index (taken, i), G_FILE_TEST_EXISTS));

  /* With the clock set back (a backup seems to come from the future), the
   * backup just taken is still never the one removed. */
  {
    WpBackup *newest = g_ptr_array_index (backups, 0);
    g_autofree char *future = backdate (newest->path, "2099-01-01T000000.000Z", "daily");
    g_autofree char *now = wp_backup_take (store, WP_BACKUP_BEFORE_REPLACE, 1, &error);

    g_assert_no_error (error);
    g_clear_pointer (&backups, g_ptr_array_unref);
    backups = wp_backup_list (path, &error);
    g_assert_cmpuint (backups->len, ==, 1);
    g_assert_cmpstr (((WpBackup *) g_ptr_array_index (backups, 0))->path, ==, now);
    g_assert_false (g_file_test (future, G_FILE_TEST_EXISTS));
  }

  /* Keeping 0 removes none. */
  for (int i = 0; i < 3; i++)
    g_free (wp_backup_take (store, WP_BACKUP_BEFORE_MIGRATION, 0, &error));
  g_clear_pointer (&backups, g_ptr_array_unref);
  backups = wp_backup_list (path, &error);
  g_assert_cmpuint (backups->len, ==, 4);

  g_clear_object (&store);
  wp_test_dir_free (g_steal_pointer (&dir));
}

static void
test_list_order (void)
{
  g_autofree char *dir = wp_test_dir_new ();
  g_autofree char *path = g_build_filename (dir, "plan.db", NULL);
  g_autoptr(WpStore) store = open_with_plan (path, 2025, "甲");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) backups = NULL;
  const struct {
    const char     *stamp;
    const char     *nick;
    WpBackupReason  reason;
  } taken[] = {
    { "2025-03-01T080000.000Z", "before-migration", WP_BACKUP_BEFORE_MIGRATION },
    { "2025-07-15T083012.345Z", "before-restore", WP_BACKUP_BEFORE_RESTORE },
    { "2024-12-31T235959.999Z", "before-collect", WP_BACKUP_BEFORE_COLLECT },
    { "2025-07-15T083012.344Z", "daily", WP_BACKUP_DAILY },
    { "2025-01-02T000000.000Z", "made-by-a-later-version", WP_BACKUP_OTHER },
  };
  const guint order[] = { 1, 3, 0, 4, 2 };
  g_autofree char *folder = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (taken); i++)
    {
      g_autofree char *backup = wp_backup_take (store, WP_BACKUP_DAILY, 0, &error);

      g_assert_no_error (error);
      g_free (backdate (backup, taken[i].stamp, taken[i].nick));
      if (folder == NULL)
        folder = g_path_get_dirname (backup);
    }
  /* Other files in the folder are not backups. */
  {
    const char *others[] = { ".partial-2025-07-16T000000.000Z-daily.db", "notes.txt",
                             "2025-07-16T000000.000Z-daily.db-wal",
                             "2025-7-16T000000.000Z-daily.db", "+025-07-16T000000.000Z-daily.db" };

    for (guint i = 0; i < G_N_ELEMENTS (others); i++)
      {
        g_autofree char *p = g_build_filename (folder, others[i], NULL);
        g_assert_true (g_file_set_contents (p, "x", 1, NULL));
      }
  }

  backups = wp_backup_list (path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (backups->len, ==, G_N_ELEMENTS (taken));
  for (guint i = 0; i < backups->len; i++)
    {
      WpBackup *b = g_ptr_array_index (backups, i);
      g_autofree char *iso = g_date_time_format (b->time, "%Y-%m-%dT%H%M%S.%fZ");

      g_assert_cmpint (b->reason, ==, taken[order[i]].reason);
      /* (to the millisecond) */
      g_assert_cmpint (strncmp (iso, taken[order[i]].stamp, 19), ==, 0);
      if (i > 0)
        g_assert_cmpint (g_date_time_compare (((WpBackup *) backups->pdata[i - 1])->time,
                                              b->time), ==, 1);
    }
  g_assert_cmpint (g_date_time_get_microsecond (((WpBackup *) backups->pdata[0])->time) / 1000,
                   ==, 345);
  g_assert_cmpstr (wp_backup_reason_to_label (WP_BACKUP_DAILY), ==, "Daily backup");

  g_clear_object (&store);
  wp_test_dir_free (g_steal_pointer (&dir));
}

static void
add_items (WpStore *store,
           int      year,
           int      n)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WpPlan) plan = wp_store_get_plan_by_year (store, year, &error);

  g_assert_no_error (error);
  wp_store_freeze_signals (store);
  g_assert_true (wp_store_begin (store, &error));
  wp_test_generate_plan (store, wp_plan_get_id (plan), 2, n / 2, 1, "：推进综治中心规范化建设",
                         NULL, NULL);
  g_assert_true (wp_store_commit (store, &error));
  wp_store_thaw_signals (store);
}

static void
test_latest_good_skips_damaged (void)
{
  g_autofree char *dir = wp_test_dir_new ();
  g_autofree char *path = g_build_filename (dir, "plan.db", NULL);
  g_autoptr(WpStore) store = open_with_plan (path, 2025, "甲");
  g_autoptr(GError) error = NULL;
  g_autoptr(WpBackup) good = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;

  add_items (store, 2025, 400);
  first = wp_backup_take (store, WP_BACKUP_DAILY, 10, &error);
  g_assert_no_error (error);
  second = wp_backup_take (store, WP_BACKUP_BEFORE_IMPORT, 10, &error);
  g_assert_no_error (error);

  good = wp_backup_find_latest_good (path, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (good->path, ==, second);
  g_clear_pointer (&good, wp_backup_free);
  g_assert_true (wp_backup_check (second, &error));

  damage_middle (second);
  g_assert_false (wp_backup_check (second, &error));
  g_assert_error (error, WP_STORE_ERROR, WP_STORE_ERROR_CORRUPT);
  g_clear_error (&error);

  good = wp_backup_find_latest_good (path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (good);
  g_assert_cmpstr (good->path, ==, first);
  g_clear_pointer (&good, wp_backup_free);

  /* None good: none found, and that is no error. */
  damage_middle (first);
  good = wp_backup_find_latest_good (path, &error);
  g_assert_no_error (error);
  g_assert_null (good);

  /* Restoring a damaged backup is refused; the file stays as it was. */
  g_clear_object (&store);
  {
    g_autofree char *before = wp_test_file_checksum (path);
    g_autofree char *after = NULL;

    g_assert_false (wp_backup_restore (path, first, 10, NULL, &error));
    g_assert_error (error, WP_STORE_ERROR, WP_STORE_ERROR_CORRUPT);
    after = wp_test_file_checksum (path);
    g_assert_cmpstr (before, ==, after);
  }

  wp_test_dir_free (g_steal_pointer (&dir));
}

static void
test_restore (void)
{
  g_autofree char *dir = wp_test_dir_new ();
  g_autofree char *path = g_build_filename (dir, "plan.db", NULL);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *backup = NULL;
  g_autofree char *saved = NULL;
  g_autofree char *title = NULL;
  g_autoptr(GPtrArray) backups = NULL;
  pid_t child;
  int status = 0;

  {
    g_autoptr(WpStore) store = open_with_plan (path, 2025, "恢复前的标题");
    g_autoptr(WpPlan) plan = NULL;

    backup = wp_backup_take (store, WP_BACKUP_DAILY, 10, &error);
    g_assert_no_error (error);
    /* An edit after the backup */
    plan = wp_store_create_plan (store, 2026, "后来加的计划", "", &error);
    g_assert_no_error (error);
  }
  g_assert_cmpint (g_chmod (path, 0640), ==, 0);

  /* A program that stopped without closing the file left its last edit
   * in the file's log. */
  child = fork ();
  g_assert_cmpint (child, >=, 0);
  if (child == 0)
    {
      sqlite3 *db = NULL;

      if (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK
          || sqlite3_exec (db, "PRAGMA journal_mode = WAL;"
                               "INSERT INTO plan (year, title, created, modified)"
                               "  VALUES (2027, '停止前写入', '', '')", NULL, NULL,
                           NULL) != SQLITE_OK)
        _exit (1);
      _exit (0);
    }
  g_assert_cmpint (waitpid (child, &status, 0), ==, child);
  g_assert_true (WIFEXITED (status) && WEXITSTATUS (status) == 0);
  g_assert_true (g_file_test (wal, G_FILE_TEST_EXISTS));

  g_assert_true (wp_backup_restore (path, backup, 10, &saved, &error));
  g_assert_no_error (error);

  /* The file is the backup's, with the file's own permissions; the old
   * file's log was not replayed onto it. */
  title = plan_title (path, 2025);
  g_assert_cmpstr (title, ==, "恢复前的标题");
  g_assert_null (plan_title (path, 2026));
  g_assert_null (plan_title (path, 2027));
  g_assert_true (wp_backup_check (path, &error));
  {
    GStatBuf st;

    g_assert_cmpint (g_stat (path, &st), ==, 0);
    g_assert_cmpint (st.st_mode & 0777, ==, 0640);
  }
  {
    g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
    const char *name;

    /* (nothing half-written left in the folder) */
    while ((name = g_dir_read_name (d)) != NULL)
      g_assert_null (strstr (name, "restoring"));
  }

  /* What was replaced is kept as a before-restore backup, and can be
   * restored in turn. */
  g_assert_nonnull (saved);
  g_assert_true (g_str_has_suffix (saved, "-before-restore.db"));
  g_assert_true (wp_backup_check (saved, &error));
  backups = wp_backup_list (path, &error);
  g_assert_cmpuint (backups->len, ==, 2);
  g_assert_cmpstr (((WpBackup *) g_ptr_array_index (backups, 0))->path, ==, saved);
  g_assert_cmpint (((WpBackup *) g_ptr_array_index (backups, 0))->reason, ==,
                   WP_BACKUP_BEFORE_RESTORE);
  {
    g_autofree char *again = NULL;
    g_autofree char *t2026 = NULL;
    g_autofree char *t2027 = NULL;

    g_assert_true (wp_backup_restore (path, saved, 10, &again, &error));
    g_assert_no_error (error);
    t2026 = plan_title (path, 2026);
    g_assert_cmpstr (t2026, ==, "后来加的计划");
    /* (with what was in the log) */
    t2027 = plan_title (path, 2027);
    g_assert_cmpstr (t2027, ==, "停止前写入");
  }

  /* A file that is not there is simply put in place. */
  {
    g_autofree char *gone = NULL;

    g_assert_cmpint (g_unlink (path), ==, 0);
    g_assert_true (wp_backup_restore (path, backup, 10, &gone, &error));
    g_assert_no_error (error);
    g_assert_null (gone);
    g_free (title);
    title = plan_title (path, 2025);
    g_assert_cmpstr (title, ==, "恢复前的标题");
  }

  wp_test_dir_free (g_steal_pointer (&dir));
}

/* A damaged plan file is copied byte for byte before the backup replaces
 * it; that copy is not taken for a good backup. */
static void
test_restore_damaged_file (void)
{
  g_autofree char *dir = wp_test_dir_new ();
  g_autofree char *path = g_build_filename (dir, "plan.db", NULL);
  g_autofree char *good_path = g_build_filename (dir, "good.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *backup = NULL;
  g_autofree char *saved = NULL;
  g_autofree char *damaged = NULL;
  g_autofree char *copied = NULL;
  gsize damaged_length, copied_length;

  wp_test_make_damaged_file (path);
  g_assert_true (g_file_get_contents (path, &damaged, &damaged_length, NULL));
  /* a good backup of it, from before the damage */
  {
    g_autoptr(WpStore) store = open_with_plan (good_path, 2025, "完好的计划");
    g_autofree char *of_good = wp_backup_take (store, WP_BACKUP_DAILY, 10, &error);
    g_autofree char *folder = wp_backup_get_folder (path);
    g_autofree char *base = g_path_get_basename (of_good);

    g_assert_no_error (error);
    backup = g_build_filename (folder, base, NULL);
    g_assert_cmpint (g_mkdir_with_parents (folder, 0700), ==, 0);
    g_assert_cmpint (g_rename (of_good, backup), ==, 0);
  }

  g_assert_true (wp_backup_restore (path, backup, 10, &saved, &error));
  g_assert_no_error (error);
  g_assert_nonnull (saved);
  /* The copy has the damaged file's pages (only the WAL mark is taken
   * off: it is without its log). */
  g_assert_true (g_file_get_contents (saved, &copied, &copied_length, NULL));
  g_assert_cmpmem (copied, 18, damaged, 18);
  g_assert_cmpint (copied[18], ==, 1);
  g_assert_cmpmem (copied + 20, copied_length - 20, damaged + 20, damaged_length - 20);
  g_assert_false (wp_backup_check (saved, NULL));
  {
    g_autoptr(WpBackup) good = wp_backup_find_latest_good (path, &error);

    g_assert_no_error (error);
    g_assert_cmpstr (good->path, ==, backup);
  }
  {
    g_autofree char *title = plan_title (path, 2025);
    g_assert_cmpstr (title, ==, "完好的计划");
  }
  {
    g_autofree char *folder = wp_backup_get_folder (path);
    g_autoptr(GDir) d = g_dir_open (folder, 0, NULL);
    const char *name;

    /* Checking the damaged copy left nothing next to it. */
    while ((name = g_dir_read_name (d)) != NULL)
      g_assert_true (g_str_has_suffix (name, ".db"));
  }

  wp_test_dir_free (g_steal_pointer (&dir));
}

/* Another process with the file open: restoring is refused until it has
 * closed it. */
static void
test_restore_refused_while_open_elsewhere (void)
{
  g_autofree char *dir = wp_test_dir_new ();
  g_autofree char *path = g_build_filename (dir, "plan.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *backup = NULL;
  int ready[2], done[2];
  pid_t child;
  char byte = 0;
  int status = 0;

  {
    g_autoptr(WpStore) store = open_with_plan (path, 2025, "甲");

    backup = wp_backup_take (store, WP_BACKUP_DAILY, 10, &error);
    g_assert_no_error (error);
  }

  g_assert_cmpint (pipe (ready), ==, 0);
  g_assert_cmpint (pipe (done), ==, 0);
  child = fork ();
  g_assert_cmpint (child, >=, 0);
  if (child == 0)
    {
      sqlite3 *db = NULL;
      char c = 1;

      /* (the child only reads the file and waits) */
      if (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK
          || sqlite3_exec (db, "PRAGMA journal_mode = WAL; SELECT count(*) FROM plan", NULL, NULL,
                           NULL) != SQLITE_OK)
        _exit (1);
      if (write (ready[1], &c, 1) != 1 || read (done[0], &c, 1) != 1)
        _exit (2);
      sqlite3_close (db);
      _exit (0);
    }
  g_assert_cmpint (read (ready[0], &byte, 1), ==, 1);

  g_assert_false (wp_backup_restore (path, backup, 10, NULL, &error));
  g_assert_error (error, WP_STORE_ERROR, WP_STORE_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "another program"));
  g_clear_error (&error);

  g_assert_cmpint (write (done[1], &byte, 1), ==, 1);
  g_assert_cmpint (waitpid (child, &status, 0), ==, child);
  g_assert_true (WIFEXITED (status) && WEXITSTATUS (status) == 0);
  g_assert_true (wp_backup_restore (path, backup, 10, NULL, &error));
  g_assert_no_error (error);

  close (ready[0]);
  close (ready[1]);
  close (done[0]);
  close (done[1]);
  wp_test_dir_free (g_steal_pointer (&dir));
}

/* Upgrading a file of an older format backs it up into its backups
 * folder, as it was, and writes nothing next to it. */
static void
test_migration_backup (void)
{
  g_autofree char *dir = wp_test_dir_new ();
  g_autofree char *path = g_build_filename (dir, "old.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) backups = NULL;
  sqlite3 *db;

  /* A file of format 5, made by the migrations as they were then */
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (_wp_char_tokenizer_register (db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA application_id = 1464880206", NULL, NULL, NULL), ==,
                   SQLITE_OK);
  for (gint64 v = 0; v < 5; v++)
    g_assert_cmpint (sqlite3_exec (db, _wp_migration_sql (v), NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA user_version = 5;"
                                     "INSERT INTO plan (year, title, created, modified)"
                                     "  VALUES (2025, '旧格式', '', '')", NULL, NULL, NULL),
                   ==, SQLITE_OK);
  sqlite3_close (db);

  {
    g_autoptr(WpStore) store = wp_store_open (path, WP_STORE_OPEN_DEFAULT, &error);
    g_assert_no_error (error);
  }

  backups = wp_backup_list (path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (backups->len, ==, 1);
  {
    WpBackup *b = g_ptr_array_index (backups, 0);
    g_autofree char *root = g_build_filename (g_get_user_data_dir (), "workplan", "backups", NULL);
    sqlite3_stmt *stmt;

    g_assert_cmpint (b->reason, ==, WP_BACKUP_BEFORE_MIGRATION);
    g_assert_true (g_str_has_prefix (b->path, root));
    g_assert_cmpint (sqlite3_open_v2 (b->path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA user_version", -1, &stmt, NULL), ==,
                     SQLITE_OK);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 5);
    sqlite3_finalize (stmt);
    sqlite3_close (db);
  }
  {
    g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
    const char *name;

    while ((name = g_dir_read_name (d)) != NULL)
      g_assert_false (g_str_has_suffix (name, ".bak"));
  }

  wp_test_dir_free (g_steal_pointer (&dir));
}

static void
test_daily (void)
{
  g_autofree char *dir = wp_test_dir_new ();
  g_autofree char *path = g_build_filename (dir, "plan.db", NULL);
  g_autofree char *empty_path = g_build_filename (dir, "empty.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(WpStore) store = open_with_plan (path, 2025, "甲");
  g_autoptr(WpStore) empty = wp_store_open (empty_path, WP_STORE_OPEN_DEFAULT, &error);
  g_autofree char *first = NULL;
  g_autofree char *again = NULL;
  g_autofree char *later = NULL;
  g_autofree char *old = NULL;

  /* The first of the day, then none until a day has gone by */
  first = wp_backup_take_daily (store, 10, &error);
  g_assert_no_error (error);
  g_assert_nonnull (first);
  g_assert_true (g_str_has_suffix (first, "-daily.db"));
  again = wp_backup_take_daily (store, 10, &error);
  g_assert_no_error (error);
  g_assert_null (again);

  {
    g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
    g_autoptr(GDateTime) then = g_date_time_add_hours (now, -25);
    g_autofree char *stamp = g_date_time_format (then, "%Y-%m-%dT%H%M%S.000Z");

    old = backdate (first, stamp, "daily");
  }
  later = wp_backup_take_daily (store, 10, &error);
  g_assert_no_error (error);
  g_assert_nonnull (later);

  /* A file without plans has nothing to keep. */
  g_assert_no_error (error);
  g_assert_null (wp_backup_take_daily (empty, 10, &error));
  g_assert_no_error (error);

  g_clear_object (&store);
  g_clear_object (&empty);
  wp_test_dir_free (g_steal_pointer (&dir));
}

static void
on_daily_done (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static char *
take_daily_async (WpStore      *store,
                  GCancellable *cancellable,
                  GError      **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  wp_backup_take_daily_async (store, 10, cancellable, on_daily_done, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  return wp_backup_take_daily_finish (result, error);
}

/* The daily backup written in a thread: what was deleted is not in it (as
 * the file shows it), and one stopped leaves nothing behind. */
static void
test_daily_async (void)
{
  g_autofree char *dir = wp_test_dir_new ();
  g_autofree char *path = g_build_filename (dir, "plan.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(WpStore) store = open_with_plan (path, 2025, "甲");
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GPtrArray) backups = NULL;
  g_autofree char *backup = NULL;
  g_autofree char *folder = wp_backup_get_folder (path);

  add_items (store, 2025, 400);
  {
    g_autoptr(WpPlan) plan = wp_store_get_plan_by_year (store, 2025, &error);
    g_autoptr(GPtrArray) top = wp_store_list_children (store, wp_plan_get_id (plan), 0, &error);
    g_autoptr(GVariant) snapshot = wp_store_delete_item (store,
                                                         wp_item_get_id (top->pdata[0]), &error);

    g_assert_no_error (error);
  }

  g_cancellable_cancel (cancellable);
  g_assert_null (take_daily_async (store, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  {
    g_autoptr(GDir) d = g_dir_open (folder, 0, NULL);

    /* (no backup, and nothing half-written) */
    g_assert_true (d == NULL || g_dir_read_name (d) == NULL);
  }

  backup = take_daily_async (store, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (backup);
  g_assert_true (wp_backup_check (backup, &error));
  {
    guint n_plans = 0, n_items = 0;

    /* 2 areas × 200 key tasks × 1 action, one area deleted */
    g_assert_true (wp_backup_count (backup, &n_plans, &n_items, &error));
    g_assert_cmpuint (n_items, ==, 1 + 200 + 200);
  }
  g_assert_null (take_daily_async (store, NULL, &error));
  g_assert_no_error (error);
  backups = wp_backup_list (path, &error);
  g_assert_cmpuint (backups->len, ==, 1);

  g_clear_object (&store);
  wp_test_dir_free (g_steal_pointer (&dir));
}

/* The window's backups leave what its undo may bring back in the file:
 * undoing a delete after one still works, and the backup does not show
 * the deleted items. */
static void
test_keeping_deleted (void)
{
  g_autofree char *dir = wp_test_dir_new ();
  g_autofree char *path = g_build_filename (dir, "plan.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(WpStore) store = open_with_plan (path, 2025, "甲");
  g_autoptr(WpPlan) plan = wp_store_get_plan_by_year (store, 2025, &error);
  g_autoptr(GPtrArray) top = NULL;
  g_autoptr(GVariant) snapshot = NULL;
  g_autofree char *backup = NULL;
  guint n_plans = 0, n_items = 0;
  gint64 id;

  add_items (store, 2025, 20);
  top = wp_store_list_children (store, wp_plan_get_id (plan), 0, &error);
  id = wp_item_get_id (top->pdata[1]);
  snapshot = wp_store_delete_item (store, id, &error);
  g_assert_no_error (error);

  backup = wp_backup_take_keeping_deleted (store, WP_BACKUP_BEFORE_IMPORT, 10, &error);
  g_assert_no_error (error);
  g_assert_true (wp_backup_count (backup, &n_plans, &n_items, &error));
  g_assert_cmpuint (n_items, ==, 1 + 10 + 10);  /* one area of two, with its tasks and actions */

  /* (a new item does not take the deleted one's id) */
  {
    g_autoptr(WpItem) added = wp_store_create_item (store, wp_plan_get_id (plan), 0, -1,
                                                    WP_ITEM_KIND_AREA, "新领域", &error);
    g_assert_no_error (error);
  }
  g_assert_true (wp_store_restore_items (store, snapshot, &error));
  g_assert_no_error (error);
  {
    g_autoptr(WpItem) back = wp_store_get_item (store, id, &error);

    g_assert_no_error (error);
    g_assert_nonnull (back);
  }

  g_clear_object (&store);
  wp_test_dir_free (g_steal_pointer (&dir));
}

/* Two imports at once back the file up in the same millisecond: neither
 * writes into or removes the other's copy, and neither replaces the
 * other's backup (three processes, forty backups each, at once). */
static void
test_backups_at_once (void)
{
  enum { PROCESSES = 3, EACH = 40 };
  g_autofree char *dir = wp_test_dir_new ();
  g_autofree char *path = g_build_filename (dir, "plan.db", NULL);
  g_autofree char *folder = NULL;
  g_autoptr(GPtrArray) backups = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) listing = NULL;
  pid_t children[PROCESSES];
  const char *name;
  int go[2];

  g_object_unref (open_with_plan (path, 2025, "同时备份"));
  g_assert_cmpint (pipe (go), ==, 0);
  for (int i = 0; i < PROCESSES; i++)
    {
      children[i] = fork ();
      g_assert_cmpint (children[i], >=, 0);
      if (children[i] == 0)
        {
          WpStore *store;
          char byte;
          int failed = 0;

          close (go[1]);
          store = wp_store_open (path, WP_STORE_OPEN_DEFAULT, NULL);
          if (store == NULL || read (go[0], &byte, 1) != 1)
            _exit (2);
          for (int n = 0; n < EACH; n++)
            {
              GError *local = NULL;
              char *backup = wp_backup_take (store, WP_BACKUP_BEFORE_REPLACE, 0, &local);

              if (backup == NULL)
                {
                  g_printerr ("%s\n", local->message);
                  g_error_free (local);
                  failed++;
                }
              g_free (backup);
            }
          g_object_unref (store);
          _exit (failed ? 1 : 0);
        }
    }
  close (go[0]);
  g_usleep (G_USEC_PER_SEC / 5);  /* every one waits at the pipe */
  g_assert_cmpint (write (go[1], "xxx", PROCESSES), ==, PROCESSES);
  close (go[1]);
  for (int i = 0; i < PROCESSES; i++)
    {
      int status = 0;

      g_assert_cmpint (waitpid (children[i], &status, 0), ==, children[i]);
      g_assert_true (WIFEXITED (status));
      g_assert_cmpint (WEXITSTATUS (status), ==, 0);
    }

  backups = wp_backup_list (path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (backups->len, ==, PROCESSES * EACH);
  for (guint i = 0; i < backups->len; i++)
    {
      WpBackup *backup = g_ptr_array_index (backups, i);
      guint n_plans = 0, n_items = 0;

      g_assert_true (wp_backup_count (backup->path, &n_plans, &n_items, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (n_plans, ==, 1);
    }
  /* (no copy left half-written) */
  folder = wp_backup_get_folder (path);
  listing = g_dir_open (folder, 0, &error);
  g_assert_no_error (error);
  while ((name = g_dir_read_name (listing)) != NULL)
    g_assert_false (g_str_has_prefix (name, ".partial-"));

  wp_test_dir_free (g_steal_pointer (&dir));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/backup/take-and-list", test_take_and_list);
  g_test_add_func ("/backup/rotate-keeps-n", test_rotate_keeps_n);
  g_test_add_func ("/backup/list-order", test_list_order);
  g_test_add_func ("/backup/latest-good-skips-damaged", test_latest_good_skips_damaged);
  g_test_add_func ("/backup/restore", test_restore);
  g_test_add_func ("/backup/restore-damaged-file", test_restore_damaged_file);
  g_test_add_func ("/backup/restore-refused-while-open-elsewhere",
                   test_restore_refused_while_open_elsewhere);
  g_test_add_func ("/backup/migration-backup", test_migration_backup);
  g_test_add_func ("/backup/daily", test_daily);
  g_test_add_func ("/backup/daily-async", test_daily_async);
  g_test_add_func ("/backup/keeping-deleted", test_keeping_deleted);
  g_test_add_func ("/backup/backups-at-once", test_backups_at_once);

  return g_test_run ();
}
