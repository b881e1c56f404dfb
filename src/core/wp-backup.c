/* wp-backup.c: backup copies of plan files, kept in the user's data folder
 *
 * A plan office's whole year lives in one file, so a copy of it is taken
 * before every step that rewrites much of it (an upgrade of the format, an
 * import, a replaced plan, collected sheets, a restore) and once a day while
 * it is edited. Copies live in $XDG_DATA_HOME/workplan/backups/, one folder
 * per plan file, named after the file and a hash of its absolute path (two
 * plan.db in different folders do not mix), and are named
 * 2025-07-15T083012.345Z-daily.db: the time they were taken, in UTC, and
 * why. Only the newest N of a file are kept.
 *
 * A copy is written by VACUUM INTO (a consistent snapshot, also of what
 * the write-ahead log holds) to a hidden name, made durable and renamed, so
 * that a copy cut short never looks like a backup. Checking a backup and
 * restoring one are in wp-backup-restore.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define _GNU_SOURCE
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "wp-backup.h"
#include "wp-backup-private.h"
#include "wp-db-file.h"
#include "wp-char-tokenizer.h"

/* "2025-07-15T083012.345Z": the fixed-width start of a backup's name, which
 * sorts as the times do */
#define STAMP_LEN 22

static const char *reason_nicks[] = {
  [WP_BACKUP_OTHER] = "backup",
  [WP_BACKUP_BEFORE_MIGRATION] = "before-migration",
  [WP_BACKUP_BEFORE_IMPORT] = "before-import",
  [WP_BACKUP_BEFORE_REPLACE] = "before-replace",
  [WP_BACKUP_BEFORE_COLLECT] = "before-collect",
  [WP_BACKUP_DAILY] = "daily",
  [WP_BACKUP_BEFORE_RESTORE] = "before-restore",
};

void
wp_backup_free (WpBackup *backup)
{
  if (backup == NULL)
    return;
  g_free (backup->path);
  g_clear_pointer (&backup->time, g_date_time_unref);
  g_free (backup);
}

const char *
wp_backup_reason_to_nick (WpBackupReason reason)
{
  g_return_val_if_fail (reason < G_N_ELEMENTS (reason_nicks), "backup");
  return reason_nicks[reason];
}

/* Why a backup was taken, in words for the list of backups */
const char *
wp_backup_reason_to_label (WpBackupReason reason)
{
  switch (reason)
    {
    case WP_BACKUP_BEFORE_MIGRATION:
      return _("Before the file was upgraded to a new format");
    case WP_BACKUP_BEFORE_IMPORT:
      return _("Before an import");
    case WP_BACKUP_BEFORE_REPLACE:
      return _("Before a plan was replaced");
    case WP_BACKUP_BEFORE_COLLECT:
      return _("Before returned sheets were collected");
    case WP_BACKUP_DAILY:
      return _("Daily backup");
    case WP_BACKUP_BEFORE_RESTORE:
      return _("Before a backup was restored");
    case WP_BACKUP_OTHER:
    default:
      return _("Backup");
    }
}

static WpBackupReason
reason_from_nick (const char *nick,
                  gsize       length)
{
  for (guint i = 1; i < G_N_ELEMENTS (reason_nicks); i++)
    if (strlen (reason_nicks[i]) == length && strncmp (reason_nicks[i], nick, length) == 0)
      return i;
  return WP_BACKUP_OTHER;
}

/* The plan file's absolute path, with its folder's symbolic links resolved
 * (the file itself need not exist: its backups are listed also when it is
 * gone). */
static char *
absolute_path (const char *plan_path)
{
  g_autofree char *dir = g_path_get_dirname (plan_path);
  g_autofree char *base = g_path_get_basename (plan_path);
  char *real = realpath (dir, NULL);
  g_autofree char *folder = real ? g_strdup (real) : g_canonicalize_filename (dir, NULL);

  free (real);
  return g_build_filename (folder, base, NULL);
}

/**
 * wp_backup_get_folder:
 *
 * Returns: (transfer full): the folder that holds the backups of
 *   @plan_path, e.g. ~/.local/share/workplan/backups/plan.db-1a2b3c4d
 */
char *
wp_backup_get_folder (const char *plan_path)
{
  g_autofree char *absolute = absolute_path (plan_path);
  g_autofree char *base = g_path_get_basename (absolute);
  g_autofree char *hash = g_compute_checksum_for_string (G_CHECKSUM_SHA256, absolute, -1);
  g_autofree char *name = NULL;
  gsize n = strlen (base);

  /* Room for the hash within a file name's 255 bytes, cut between
   * characters */
  if (n > 200)
    {
      n = 200;
      while (n > 0 && ((guchar) base[n] & 0xC0) == 0x80)
        n--;
      base[n] = '\0';
    }
  hash[8] = '\0';
  name = g_strdup_printf ("%s-%s", base, hash);
  return g_build_filename (g_get_user_data_dir (), "workplan", "backups", name, NULL);
}

/* Parses a backup's file name; FALSE for anything else in the folder. */
static gboolean
parse_name (const char      *name,
            GDateTime      **time,
            WpBackupReason  *reason)
{
  gsize length = strlen (name);
  int year, month, day, hour, minute, second, ms;
  char check[STAMP_LEN + 8];

  if (length < STAMP_LEN + 1 + 1 + 3 || name[STAMP_LEN] != '-'
      || !g_str_has_suffix (name, ".db")
      || sscanf (name, "%4d-%2d-%2dT%2d%2d%2d.%3dZ", &year, &month, &day, &hour, &minute,
                 &second, &ms) != 7)
    return FALSE;
  /* (sscanf also takes signs and spaces: only the exact form is ours) */
  g_snprintf (check, sizeof check, "%04d-%02d-%02dT%02d%02d%02d.%03dZ", year, month, day,
              hour, minute, second, ms);
  if (strncmp (check, name, STAMP_LEN) != 0)
    return FALSE;

  *time = g_date_time_new_utc (year, month, day, hour, minute, second + ms / 1000.0);
  if (*time == NULL)
    return FALSE;
  *reason = reason_from_nick (name + STAMP_LEN + 1, length - STAMP_LEN - 1 - 3);
  return TRUE;
}

static char *
backup_name (gint64          when,
             WpBackupReason  reason)
{
  g_autoptr(GDateTime) time = g_date_time_new_from_unix_utc (when / G_USEC_PER_SEC);
  g_autofree char *stamp = g_date_time_format (time, "%Y-%m-%dT%H%M%S");

  return g_strdup_printf ("%s.%03dZ-%s.db", stamp, (int) (when / 1000 % 1000),
                          wp_backup_reason_to_nick (reason));
}

static int
compare_newest_first (gconstpointer a,
                      gconstpointer b)
{
  const WpBackup *x = *(WpBackup * const *) a;
  const WpBackup *y = *(WpBackup * const *) b;

  return -strcmp (x->path, y->path);
}

/**
 * wp_backup_list:
 *
 * Returns: (transfer container) (element-type WpBackup): the backups of
 *   @plan_path, newest first (none when it has none)
 */
GPtrArray *
wp_backup_list (const char  *plan_path,
                GError     **error)
{
  g_autofree char *folder = wp_backup_get_folder (plan_path);
  g_autoptr(GPtrArray) backups = g_ptr_array_new_with_free_func ((GDestroyNotify) wp_backup_free);
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GDir) dir = g_dir_open (folder, 0, &local_error);
  const char *name;

  if (dir == NULL)
    {
      if (g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        return g_steal_pointer (&backups);
      g_set_error (error, WP_STORE_ERROR, WP_STORE_ERROR_FAILED,
                   _("Cannot read the backups in “%s”: %s"), folder, local_error->message);
      return NULL;
    }

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autoptr(WpBackup) backup = g_new0 (WpBackup, 1);
      GStatBuf st;

      if (!parse_name (name, &backup->time, &backup->reason))
        continue;
      backup->path = g_build_filename (folder, name, NULL);
      if (g_stat (backup->path, &st) != 0 || !S_ISREG (st.st_mode))
        continue;
      backup->size = st.st_size;
      g_ptr_array_add (backups, g_steal_pointer (&backup));
    }

  g_ptr_array_sort (backups, compare_newest_first);
  return g_steal_pointer (&backups);
}

/* Makes what was written to @path survive a power cut, with its name. */
gboolean
_wp_backup_sync_file (const char  *path,
                      gboolean     is_folder,
                      GError     **error)
{
  int fd = g_open (path, O_RDONLY | O_CLOEXEC | (is_folder ? O_DIRECTORY : 0), 0);

  if (fd < 0 || fsync (fd) != 0)
    {
      int saved = errno;

      if (fd >= 0)
        close (fd);
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
                   _("Could not write “%s” to the disk: %s"), path, g_strerror (saved));
      return FALSE;
    }
  close (fd);
  return TRUE;
}

/* Removes the oldest backups of @plan_path beyond @keep (0: none), never the
 * one just written, @written, even when the clock makes it look older. */
static void
rotate (const char *plan_path,
        const char *written,
        guint       keep)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) backups = NULL;
  guint kept = 1;  /* @written */

  if (keep == 0)
    return;
  backups = wp_backup_list (plan_path, &error);
  if (backups == NULL)
    {
      g_message ("Could not remove old backups: %s", error->message);
      return;
    }
  for (guint i = 0; i < backups->len; i++)
    {
      WpBackup *backup = g_ptr_array_index (backups, i);

      if (g_str_equal (backup->path, written))
        continue;
      if (kept < keep)
        {
          kept++;
          continue;
        }
      if (g_unlink (backup->path) != 0)
        g_message ("Could not remove the old backup “%s”: %s", backup->path, g_strerror (errno));
    }
}

/* Removes the copies of processes cut short more than a day ago (one still
 * writing its copy is not touched). */
static void
remove_stale_partials (const char *folder)
{
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  const char *name;

  if (dir == NULL)
    return;
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = NULL;
      GStatBuf st;

      if (!g_str_has_prefix (name, ".partial-"))
        continue;
      path = g_build_filename (folder, name, NULL);
      if (g_lstat (path, &st) == 0 && S_ISREG (st.st_mode) && st.st_mtime < now - 24 * 3600)
        g_unlink (path);
    }
}

typedef gboolean (*CopyFunc) (gpointer     source,
                              const char  *dest,
                              GError     **error);

/* Writes a new backup of @plan_path with @copy and removes old ones. */
static char *
write_backup (const char      *plan_path,
              CopyFunc         copy,
              gpointer         source,
              WpBackupReason   reason,
              guint            keep,
              GError         **error)
{
  g_autofree char *folder = wp_backup_get_folder (plan_path);
  g_autofree char *path = NULL;
  g_autofree char *partial = NULL;
  gint64 when = g_get_real_time ();

  if (g_mkdir_with_parents (folder, 0700) != 0)
    {
      int saved = errno;
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
                   _("Cannot create the folder “%s”: %s"), folder, g_strerror (saved));
      return NULL;
    }

  /* The copy is written under a name of this process' own: two programs
   * backing up one file in the same millisecond (two imports at once) do
   * not write into, or remove, each other's copy. */
  {
    g_autofree char *name = backup_name (when, reason);
    g_autofree char *hidden = g_strdup_printf (".partial-%d-%s", (int) getpid (), name);

    partial = g_build_filename (folder, hidden, NULL);
  }
  g_unlink (partial);  /* left by a copy of this process cut short */
  if (!copy (source, partial, error)
      || !_wp_backup_sync_file (partial, FALSE, error))
    {
      g_unlink (partial);
      return NULL;
    }

  /* Published under the first free name from its time on: link() fails
   * when the name is taken, also by another process a moment ago, where a
   * test for the name and a rename would replace that process' backup. */
  for (;; when += 1000)
    {
      g_autofree char *name = backup_name (when, reason);

      g_free (path);
      path = g_build_filename (folder, name, NULL);
      if (link (partial, path) == 0)
        break;
      if (errno == EEXIST)
        continue;
      /* (a file system without hard links: the test and rename of old) */
      if (errno == EPERM || errno == EOPNOTSUPP || errno == ENOSYS)
        {
          if (g_file_test (path, G_FILE_TEST_EXISTS))
            continue;
          if (g_rename (partial, path) == 0)
            break;
        }
      {
        int saved = errno;
        g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
                     _("Could not write the backup “%s”: %s"), path, g_strerror (saved));
        g_unlink (partial);
        return NULL;
      }
    }
  g_unlink (partial);
  if (!_wp_backup_sync_file (folder, TRUE, error))
    return NULL;

  rotate (plan_path, path, keep);
  remove_stale_partials (folder);
  return g_steal_pointer (&path);
}

static gboolean
copy_store (gpointer     source,
            const char  *dest,
            GError     **error)
{
  return wp_store_save_copy (source, dest, error);
}

/**
 * wp_backup_take:
 * @reason: why, which names the copy
 * @keep: how many backups of the file to keep, the newest; 0 keeps all
 *
 * Writes a backup copy of the store's file into its backups folder. What
 * is deleted but still hidden in the file is removed from it first (see
 * wp_store_save_copy()).
 *
 * Returns: (transfer full): the backup's path, or %NULL with @error set
 */
char *
wp_backup_take (WpStore         *store,
                WpBackupReason   reason,
                guint            keep,
                GError         **error)
{
  g_return_val_if_fail (WP_IS_STORE (store), NULL);

  return write_backup (wp_store_get_path (store), copy_store, store, reason, keep, error);
}

/* A copy of the file's bytes, for a file SQLite cannot copy (a damaged
 * one): what can still be read of it is kept. The copy is marked as not in
 * WAL mode, as it is without its log, so that reading it leaves nothing
 * next to it. */
static gboolean
copy_bytes (const char  *source,
            const char  *dest,
            GError     **error)
{
  g_autofree char *contents = NULL;
  gsize length = 0;

  if (!g_file_get_contents (source, &contents, &length, error))
    return FALSE;
  if (length >= 20 && memcmp (contents, "SQLite format 3", 16) == 0
      && contents[18] == 2 && contents[19] == 2)
    contents[18] = contents[19] = 1;
  return g_file_set_contents_full (dest, contents, length, G_FILE_SET_CONTENTS_NONE, 0600,
                                   error);
}

static gboolean
copy_file (gpointer     data,
           const char  *dest,
           GError     **error)
{
  const char *source = data;
  g_autoptr(GError) local_error = NULL;

  if (_wp_db_file_vacuum_into (source, dest, NULL, &local_error))
    return TRUE;
  g_message ("%s; copying the bytes of “%s” instead", local_error->message, source);
  g_unlink (dest);
  return copy_bytes (source, dest, error);
}

static gboolean
copy_keeping_deleted (gpointer     data,
                      const char  *dest,
                      GError     **error)
{
  return _wp_db_file_vacuum_into (data, dest, NULL, error);
}

/**
 * wp_backup_take_keeping_deleted:
 *
 * Like wp_backup_take(), for a store being edited (the window's): the
 * copy is read by a connection of its own and nothing is written to the
 * file for it, not even the removal of deleted items that its undo
 * history may still bring back (they are copied hidden, as they are in the
 * file).
 */
char *
wp_backup_take_keeping_deleted (WpStore         *store,
                                WpBackupReason   reason,
                                guint            keep,
                                GError         **error)
{
  const char *path;

  g_return_val_if_fail (WP_IS_STORE (store), NULL);

  path = wp_store_get_path (store);
  return write_backup (path, copy_keeping_deleted, (gpointer) path, reason, keep, error);
}

/**
 * wp_backup_take_of_file:
 *
 * Like wp_backup_take() for a plan file that no store of this process has
 * open (opening and closing it here would drop that store's locks). A file
 * SQLite cannot copy, a damaged one, is copied byte for byte.
 */
char *
wp_backup_take_of_file (const char      *plan_path,
                        WpBackupReason   reason,
                        guint            keep,
                        GError         **error)
{
  g_return_val_if_fail (plan_path != NULL, NULL);

  if (!g_file_test (plan_path, G_FILE_TEST_IS_REGULAR))
    {
      g_set_error (error, WP_STORE_ERROR, WP_STORE_ERROR_NOT_FOUND, _("“%s” does not exist."),
                   plan_path);
      return NULL;
    }
  return write_backup (plan_path, copy_file, (gpointer) plan_path, reason, keep, error);
}

/* Whether the store's file is due for a daily backup: its newest backup is
 * older than a day (or there is none) and it holds a plan. */
static gboolean
daily_needed (WpStore  *store,
              GError  **error)
{
  g_autoptr(GPtrArray) backups = wp_backup_list (wp_store_get_path (store), error);
  g_autoptr(GPtrArray) plans = NULL;

  if (backups == NULL)
    return FALSE;
  if (backups->len > 0)
    {
      WpBackup *newest = g_ptr_array_index (backups, 0);
      g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
      GTimeSpan age = g_date_time_difference (now, newest->time);

      /* (one from the future is a clock set back: it does not count) */
      if (age >= 0 && age < WP_BACKUP_DAILY_INTERVAL)
        return FALSE;
    }

  plans = wp_store_list_plans (store, error);
  return plans != NULL && plans->len > 0;
}

/**
 * wp_backup_take_daily:
 *
 * Takes a daily backup of the store's file when its newest backup is older
 * than a day (or there is none) and it holds a plan.
 *
 * Returns: (transfer full) (nullable): the new backup's path; %NULL with
 *   @error unset when none was needed
 */
char *
wp_backup_take_daily (WpStore  *store,
                      guint     keep,
                      GError  **error)
{
  g_return_val_if_fail (WP_IS_STORE (store), NULL);

  if (!daily_needed (store, error))
    return NULL;
  return wp_backup_take (store, WP_BACKUP_DAILY, keep, error);
}

typedef struct {
  char         *plan_path;
  guint         keep;
  GCancellable *cancellable;
} DailyBackup;

static void
daily_backup_free (DailyBackup *daily)
{
  g_free (daily->plan_path);
  g_clear_object (&daily->cancellable);
  g_free (daily);
}

static gboolean
copy_daily (gpointer     data,
            const char  *dest,
            GError     **error)
{
  DailyBackup *daily = data;

  /* (SQLite forgets an interruption that comes before the statement) */
  if (g_cancellable_set_error_if_cancelled (daily->cancellable, error))
    return FALSE;
  return _wp_db_file_vacuum_into (daily->plan_path, dest, daily->cancellable, error)
         && !g_cancellable_set_error_if_cancelled (daily->cancellable, error);
}

static void
take_daily_in_thread (GTask        *task,
                      gpointer      source_object,
                      gpointer      task_data,
                      GCancellable *cancellable)
{
  DailyBackup *daily = task_data;
  GError *error = NULL;
  char *path = write_backup (daily->plan_path, copy_daily, daily, WP_BACKUP_DAILY, daily->keep,
                             &error);

  if (path == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, path, g_free);
}

/**
 * wp_backup_take_daily_async:
 *
 * Like wp_backup_take_daily(), with the copy written in a thread, by a
 * connection of its own, while the store goes on being read and edited.
 * Items deleted but still hidden are copied hidden, as by
 * wp_backup_take_keeping_deleted(). The task does not hold the store:
 * @cancellable stops the copy at once, for a store about to be closed.
 */
void
wp_backup_take_daily_async (WpStore             *store,
                            guint                keep,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  g_autoptr(GError) error = NULL;
  DailyBackup *daily;

  g_return_if_fail (WP_IS_STORE (store));

  g_task_set_source_tag (task, wp_backup_take_daily_async);
  /* (a backup written is told as written, even if stopped just after) */
  g_task_set_check_cancellable (task, FALSE);
  if (!daily_needed (store, &error))
    {
      if (error != NULL)
        g_task_return_error (task, g_steal_pointer (&error));
      else
        g_task_return_pointer (task, NULL, NULL);
      return;
    }
  daily = g_new0 (DailyBackup, 1);
  daily->plan_path = g_strdup (wp_store_get_path (store));
  daily->keep = keep;
  daily->cancellable = cancellable ? g_object_ref (cancellable) : NULL;
  g_task_set_task_data (task, daily, (GDestroyNotify) daily_backup_free);
  g_task_run_in_thread (task, take_daily_in_thread);
}

/* Returns: (transfer full) (nullable): as wp_backup_take_daily() */
char *
wp_backup_take_daily_finish (GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
