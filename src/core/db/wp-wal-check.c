/* wp-wal-check.c: finding committed changes a damaged log would lose
 *
 * When SQLite opens a file whose write-ahead log was not copied into it
 * (the program stopped first), it reads the log frame by frame and stops
 * at the first frame whose checksum is wrong: every change after it is
 * silently dropped, and the next checkpoint makes that final. One
 * flipped byte in the middle of a log dropped three of five saved edits.
 * This reads the log the same way, before SQLite does, and counts the
 * commits that stand after the first bad frame, so that the store can
 * set a copy aside and say so before anything folds the log into the
 * file (see wp_store_open()).
 *
 * The format is SQLite's (https://www.sqlite.org/fileformat.html, "The
 * Write-Ahead Log"): a 32-byte header, then frames of a 24-byte header
 * and one page, each with a running checksum over everything before.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <gio/gio.h>
#include <glib/gi18n-lib.h>
#include <string.h>

#include "wp-wal-check.h"

#define WAL_HEADER_SIZE 32
#define FRAME_HEADER_SIZE 24
#define WAL_MAGIC 0x377f0682

static guint32
read_be32 (const guchar *p)
{
  return ((guint32) p[0] << 24) | ((guint32) p[1] << 16) | ((guint32) p[2] << 8) | p[3];
}

/* SQLite's walChecksumBytes(): pairs of 32-bit words, read big-endian or
 * in the machine's order as the log's magic number says. */
static void
checksum (gboolean      big_endian,
          const guchar *data,
          gsize         length,
          guint32       sum[2])
{
  guint32 s1 = sum[0], s2 = sum[1];

  for (gsize i = 0; i + 8 <= length; i += 8)
    {
      guint32 x0, x1;

      if (big_endian)
        {
          x0 = read_be32 (data + i);
          x1 = read_be32 (data + i + 4);
        }
      else
        {
          memcpy (&x0, data + i, 4);
          memcpy (&x1, data + i + 4, 4);
          x0 = GUINT32_FROM_LE (x0);
          x1 = GUINT32_FROM_LE (x1);
        }
      s1 += x0 + s2;
      s2 += x1 + s1;
    }
  sum[0] = s1;
  sum[1] = s2;
}

/**
 * _wp_wal_count_lost_commits:
 * @wal_path: a database's -wal file
 * @n_lost: (out): commits SQLite would drop
 *
 * Counts the commits written after the first damaged frame of the log
 * (or in a log whose header is damaged). A program killed while it wrote
 * its last transaction leaves at most that one transaction torn, which
 * was never reported as saved; so one commit after a bad frame is taken
 * for that, and only two or more are counted as lost.
 *
 * Returns: FALSE with @error set if the log cannot be read.
 */
gboolean
_wp_wal_count_lost_commits (const char  *wal_path,
                            guint       *n_lost,
                            GError     **error)
{
  g_autoptr(GMappedFile) mapped = NULL;
  g_autoptr(GError) local_error = NULL;
  const guchar *data;
  gsize length, page_size, frame_size, first_bad = 0;
  guint32 salt1, salt2, sum[2] = { 0, 0 };
  gboolean big_endian, header_ok;
  guint n_after = 0;

  *n_lost = 0;
  mapped = g_mapped_file_new (wal_path, FALSE, &local_error);
  if (mapped == NULL)
    {
      if (g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        return TRUE;
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  data = (const guchar *) g_mapped_file_get_contents (mapped);
  length = g_mapped_file_get_length (mapped);
  if (length < WAL_HEADER_SIZE)
    return TRUE;

  if ((read_be32 (data) & 0xfffffffe) != WAL_MAGIC)
    return TRUE;  /* not a log SQLite would read either */
  big_endian = (read_be32 (data) & 1) != 0;
  page_size = read_be32 (data + 8);
  if (page_size == 1)
    page_size = 65536;
  if (page_size < 512 || page_size > 65536 || (page_size & (page_size - 1)) != 0)
    return TRUE;
  frame_size = FRAME_HEADER_SIZE + page_size;
  salt1 = read_be32 (data + 16);
  salt2 = read_be32 (data + 20);
  checksum (big_endian, data, 24, sum);
  header_ok = sum[0] == read_be32 (data + 24) && sum[1] == read_be32 (data + 28);

  for (gsize offset = WAL_HEADER_SIZE; offset + frame_size <= length; offset += frame_size)
    {
      const guchar *frame = data + offset;
      gboolean ours = read_be32 (frame + 8) == salt1 && read_be32 (frame + 12) == salt2;
      gboolean commit = read_be32 (frame + 4) != 0;

      if (first_bad == 0 && header_ok)
        {
          checksum (big_endian, frame, 8, sum);
          checksum (big_endian, frame + FRAME_HEADER_SIZE, page_size, sum);
          if (ours && read_be32 (frame) != 0 && sum[0] == read_be32 (frame + 16)
              && sum[1] == read_be32 (frame + 20))
            continue;
          first_bad = offset;
        }
      else if (!header_ok && first_bad == 0)
        first_bad = offset;
      /* Frames of this log after the bad one (older ones, left from
       * before the log last started again, carry other salts). */
      if (ours && commit)
        n_after++;
    }

  *n_lost = n_after >= 2 ? n_after : 0;
  return TRUE;
}

/* The first hex digits of a file's SHA-256, to name a copy of it by. */
static char *
file_checksum_prefix (const char *path)
{
  g_autoptr(GMappedFile) mapped = g_mapped_file_new (path, FALSE, NULL);
  g_autofree char *sum = NULL;

  if (mapped == NULL)
    return NULL;
  sum = g_compute_checksum_for_data (G_CHECKSUM_SHA256,
                                     (const guchar *) g_mapped_file_get_contents (mapped),
                                     g_mapped_file_get_length (mapped));
  return g_strndup (sum, 12);
}

/* Copies @path and its log, as found, into a folder beside it (or, if
 * its folder is read-only, in the user's data folder) named after the
 * log's content, so that opening the same damaged file again keeps one
 * copy. Returns: the folder, or NULL with @error set */
static char *
set_aside_damaged_log (const char  *path,
                       GError     **error)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *sum = file_checksum_prefix (wal);
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *name = g_strdup_printf ("%s.damaged-log-%s", base, sum ? sum : "x");
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *folder = g_build_filename (dir, name, NULL);
  const char *files[] = { path, wal };

  if (g_mkdir_with_parents (folder, 0700) != 0)
    {
      g_free (folder);
      folder = g_build_filename (g_get_user_data_dir (), "workplan", name, NULL);
      if (g_mkdir_with_parents (folder, 0700) != 0)
        {
          g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (errno),
                       _("Could not keep a copy of “%s” in “%s”: %s"), path, folder,
                       g_strerror (errno));
          return NULL;
        }
    }
  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autofree char *file_base = g_path_get_basename (files[i]);
      g_autoptr(GFile) source = g_file_new_for_path (files[i]);
      g_autoptr(GFile) copy = g_file_new_build_filename (folder, file_base, NULL);

      if (!g_file_copy (source, copy, G_FILE_COPY_OVERWRITE, NULL, NULL, NULL, error))
        return NULL;
    }
  return g_steal_pointer (&folder);
}

/* Refuses a file whose log holds saved changes SQLite would silently
 * drop when it reads the log (see wp-wal-check.c), after setting a copy
 * of the file and its log aside. */
gboolean
_wp_wal_check_before_open (const char        *path,
                           WpStoreOpenFlags   flags,
                           GError           **error)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *folder = NULL;
  g_autoptr(GError) local_error = NULL;
  guint n_lost = 0;

  if (!_wp_wal_count_lost_commits (wal, &n_lost, &local_error))
    {
      g_set_error (error, WP_STORE_ERROR, WP_STORE_ERROR_FAILED, _("Cannot read “%s”: %s"),
                   wal, local_error->message);
      return FALSE;
    }
  if (n_lost == 0)
    return TRUE;
  folder = set_aside_damaged_log (path, error);
  if (folder == NULL)
    return FALSE;
  g_info ("The log of “%s” is damaged: %u saved changes after the damage; copied to “%s”",
          path, n_lost, folder);
  if (flags & WP_STORE_OPEN_DISCARD_DAMAGED_LOG)
    return TRUE;
  g_set_error (error, WP_STORE_ERROR, WP_STORE_ERROR_DAMAGED_LOG,
               g_dngettext (GETTEXT_PACKAGE,
                            "The latest changes to “%s” are damaged: %u saved change cannot be "
                            "read. Nothing was changed; the file and its log are copied as they "
                            "were to “%s”. Open it without the damaged changes, or restore a "
                            "backup.",
                            "The latest changes to “%s” are damaged: %u saved changes cannot be "
                            "read. Nothing was changed; the file and its log are copied as they "
                            "were to “%s”. Open it without the damaged changes, or restore a "
                            "backup.", n_lost),
               path, n_lost, folder);
  return FALSE;
}
