/* wp-backup-restore.c: checking backup copies and putting one back in place of a plan file
 *
 * A backup is checked whole (PRAGMA quick_check) before it is offered or
 * restored; restoring writes a durable copy beside the plan file and
 * renames it over the file, so that a restore cut short leaves the file
 * as it was. (Taking backups: wp-backup.c.)
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

/**
 * wp_backup_check:
 *
 * Reads the whole backup through (PRAGMA quick_check) without changing it.
 *
 * Returns: %TRUE if it is a sound plan file; %FALSE with
 *   %WP_STORE_ERROR_CORRUPT when it is damaged
 */
gboolean
wp_backup_check (const char  *backup_path,
                 GError     **error)
{
  return _wp_db_file_check (backup_path, error);
}

/* How many plans and items the backup holds, to tell backups apart */
gboolean
wp_backup_count (const char  *backup_path,
                 guint       *n_plans,
                 guint       *n_items,
                 GError     **error)
{
  return _wp_db_file_count (backup_path, n_plans, n_items, error);
}

/**
 * wp_backup_find_latest_good:
 *
 * Checks the backups of @plan_path from the newest on and returns the first
 * sound one. Safe to call from a thread.
 *
 * Returns: (transfer full) (nullable): that backup, or %NULL (with @error
 *   unset) when there is none
 */
WpBackup *
wp_backup_find_latest_good (const char  *plan_path,
                            GError     **error)
{
  g_autoptr(GPtrArray) backups = wp_backup_list (plan_path, error);

  if (backups == NULL)
    return NULL;
  for (guint i = 0; i < backups->len; i++)
    if (wp_backup_check (((WpBackup *) g_ptr_array_index (backups, i))->path, NULL))
      return g_ptr_array_steal_index (backups, i);
  return NULL;
}

/* Copies @source to a new hidden file in @folder, made durable; returns its
 * path. */
static char *
copy_durably (const char  *source,
              const char  *folder,
              const char  *base,
              mode_t       mode,
              GError     **error)
{
  g_autofree char *template = g_strdup_printf ("%s/.%s.restoring-XXXXXX", folder, base);
  const char *failed_on = source;
  char buffer[65536];
  gboolean created = FALSE;
  int in, out = -1;
  int saved = 0;

  in = g_open (source, O_RDONLY | O_CLOEXEC, 0);
  if (in < 0)
    goto fail;
  failed_on = template;
  out = g_mkstemp_full (template, O_RDWR | O_CLOEXEC, 0600);
  if (out < 0)
    goto fail;
  created = TRUE;

  for (;;)
    {
      ssize_t n = read (in, buffer, sizeof buffer);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          failed_on = source;
          goto fail;
        }
      if (n == 0)
        break;
      for (ssize_t done = 0; done < n;)
        {
          ssize_t w = write (out, buffer + done, (size_t) (n - done));

          if (w < 0 && errno == EINTR)
            continue;
          if (w < 0)
            goto fail;
          done += w;
        }
    }
  if (fchmod (out, mode) != 0 || fsync (out) != 0)
    goto fail;
  close (in);
  in = -1;
  if (close (out) != 0)
    {
      out = -1;
      goto fail;
    }
  return g_steal_pointer (&template);

fail:
  saved = errno;
  if (in >= 0)
    close (in);
  if (out >= 0)
    close (out);
  if (created)
    g_unlink (template);
  g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
               _("Could not restore the backup: “%s”: %s"), failed_on, g_strerror (saved));
  return NULL;
}

/**
 * wp_backup_restore:
 * @plan_path: the plan file to replace; no store of this process may have
 *   it open (close it first)
 * @backup_path: a backup of it, e.g. from wp_backup_list()
 * @keep: as for wp_backup_take()
 * @saved_path: (out) (optional) (transfer full): where the file as it was
 *   is kept, a before-restore backup (%NULL when there was no file)
 *
 * Puts the backup in the place of the plan file, after checking it and
 * taking a backup of the file as it is (if it can be read at all). The file is replaced at once: a
 * durable copy of the backup is renamed over it, so that it is either the
 * old file or the backup whole, whatever happens.
 */
gboolean
wp_backup_restore (const char  *plan_path,
                   const char  *backup_path,
                   guint        keep,
                   char       **saved_path,
                   GError     **error)
{
  g_autofree char *saved = NULL;
  g_autofree char *folder = NULL;
  g_autofree char *base = NULL;
  g_autofree char *copy = NULL;
  mode_t mode = 0644;
  GStatBuf st;

  g_return_val_if_fail (plan_path != NULL && backup_path != NULL, FALSE);

  if (saved_path != NULL)
    *saved_path = NULL;
  if (!wp_backup_check (backup_path, error))
    return FALSE;
  if (wp_store_file_in_use (plan_path))
    {
      g_set_error (error, WP_STORE_ERROR, WP_STORE_ERROR_FAILED,
                   _("“%s” is open in another program. Close it there and try again."),
                   plan_path);
      return FALSE;
    }

  if (g_stat (plan_path, &st) == 0)
    {
      mode = st.st_mode & 0777;
      /* (a file no one may read has nothing to keep) */
      if (st.st_size > 0 && g_access (plan_path, R_OK) != 0)
        g_message ("“%s” cannot be read: it is replaced without a backup", plan_path);
      else if (st.st_size > 0)
        {
          saved = wp_backup_take_of_file (plan_path, WP_BACKUP_BEFORE_RESTORE, keep, error);
          if (saved == NULL)
            return FALSE;
        }
    }

  folder = g_path_get_dirname (plan_path);
  base = g_path_get_basename (plan_path);
  copy = copy_durably (backup_path, folder, base, mode, error);
  if (copy == NULL)
    return FALSE;

  /* The old file's log and index would be read as the new file's: SQLite
   * would replay the log onto it. Its content is in the backup just
   * taken. */
  {
    const char *suffixes[] = { "-wal", "-shm", "-journal" };

    for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
      {
        g_autofree char *side = g_strconcat (plan_path, suffixes[i], NULL);

        if (g_unlink (side) != 0 && errno != ENOENT)
          {
            int err = errno;
            g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (err),
                         _("Could not restore the backup: “%s”: %s"), side, g_strerror (err));
            g_unlink (copy);
            return FALSE;
          }
      }
  }

  if (g_rename (copy, plan_path) != 0)
    {
      int err = errno;
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (err),
                   _("Could not restore the backup: “%s”: %s"), plan_path, g_strerror (err));
      g_unlink (copy);
      return FALSE;
    }
  if (!_wp_backup_sync_file (folder, TRUE, error))
    return FALSE;

  if (saved_path != NULL)
    *saved_path = g_steal_pointer (&saved);
  return TRUE;
}
