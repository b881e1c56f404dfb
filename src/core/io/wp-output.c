/* wp-output.c: where an export writes its bytes
 *
 * A regular file, or a name not taken yet, is written as a temporary file
 * beside it ("NAME.XXXXXX.part"), synced and renamed over it: a failed or
 * interrupted export leaves the old file whole and no half file. Anything
 * else (standard output, /dev/null, a terminal, a FIFO) is written into as
 * it is, because renaming over it would replace the device with a regular
 * file, as root, and never reach the reader of the FIFO. Nothing is opened
 * before the first byte, so an export that fails while it lays out its
 * pages creates no file at all.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
/* realpath(), O_CLOEXEC, O_DIRECTORY and sigaction() are POSIX 2008, not C11. */
#define _XOPEN_SOURCE 700

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "wp-output.h"

#define BUFFER_SIZE 65536  /* cairo writes a PDF a few bytes at a time */

struct _WpOutput {
  char   *path;     /* as the user gave it, for messages */
  char   *target;   /* the regular file the partial one replaces (symlinks resolved) */
  char   *partial;  /* the temporary file while it is written, or NULL */
  int     fd;       /* -1 until the first byte */
  gboolean owns_fd;
  gboolean closed;
  gsize   buffered;
  guint8  buffer[BUFFER_SIZE];
};

/* The partial file being written, for the signal handler: a plain buffer
 * and a flag, since a handler may only read memory and call unlink(). */
static gboolean signals_armed;
static volatile sig_atomic_t partial_known;
static char partial_for_signals[PATH_MAX];

static void
remember_partial (const char *path)
{
  if (!signals_armed)
    return;
  partial_known = 0;
  if (g_strlcpy (partial_for_signals, path, sizeof partial_for_signals)
      < sizeof partial_for_signals)
    partial_known = 1;
}

static void
forget_partial (void)
{
  partial_known = 0;
}

static void
remove_partial_and_die (int sig)
{
  if (partial_known)
    unlink (partial_for_signals);
  signal (sig, SIG_DFL);
  raise (sig);  /* delivered when the handler returns: the status says which signal */
}

/**
 * wp_output_remove_partial_on_signals:
 *
 * Makes SIGINT, SIGTERM and SIGHUP remove the partial file of the output
 * being written before they end the process, as Ctrl+C on a long export
 * would otherwise leave it behind. For the command line: the app has its
 * own handling of signals. A signal that is ignored (nohup) stays ignored.
 */
void
wp_output_remove_partial_on_signals (void)
{
  static const int fatal[] = { SIGINT, SIGTERM, SIGHUP };
  struct sigaction action = { 0 };

  action.sa_handler = remove_partial_and_die;
  sigemptyset (&action.sa_mask);
  for (guint i = 0; i < G_N_ELEMENTS (fatal); i++)
    {
      struct sigaction old;

      if (sigaction (fatal[i], NULL, &old) == 0 && old.sa_handler != SIG_IGN)
        sigaction (fatal[i], &action, NULL);
    }
  signals_armed = TRUE;
}

/* The descriptor a name like /dev/stdout stands for, or -1. Writing to the
 * descriptor itself keeps what the shell set up: `>> file` appends, where
 * reopening the name would write from the start or replace the file. */
static int
standard_fd (const char *path)
{
  static const char *const prefixes[] = { "/dev/fd/", "/proc/self/fd/" };

  if (path == NULL || g_str_equal (path, "-") || g_str_equal (path, "/dev/stdout"))
    return STDOUT_FILENO;
  if (g_str_equal (path, "/dev/stderr"))
    return STDERR_FILENO;
  for (guint i = 0; i < G_N_ELEMENTS (prefixes); i++)
    if (g_str_has_prefix (path, prefixes[i]))
      {
        const char *digits = path + strlen (prefixes[i]);
        guint64 n;

        if (g_ascii_string_to_unsigned (digits, 10, 0, INT_MAX, &n, NULL))
          return (int) n;
      }
  return -1;
}

static const char *
display_name (WpOutput *self)
{
  return self->path != NULL ? self->path : "-";
}

static gboolean
set_errno_error (WpOutput    *self,
                 int          saved_errno,
                 GError     **error)
{
  if (self->path == NULL || g_str_equal (self->path, "-"))
    g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                 _("Could not write to standard output: %s"), g_strerror (saved_errno));
  else
    g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                 _("Could not write “%s”: %s"), display_name (self), g_strerror (saved_errno));
  return FALSE;
}

/**
 * wp_output_new:
 * @path: (nullable): the file to write; %NULL or "-" for standard output
 *
 * Returns: (transfer full): an output that opens @path at its first byte
 */
WpOutput *
wp_output_new (const char *path)
{
  WpOutput *self = g_new0 (WpOutput, 1);

  self->path = g_strdup (path);
  self->fd = -1;
  return self;
}

static gboolean
open_partial (WpOutput  *self,
              GError   **error)
{
  g_autofree char *real = realpath (self->path, NULL);
  struct stat st;
  int fd, saved_errno;

  /* Through a symlink to the file it names, so the link stays a link. */
  self->target = g_strdup (real != NULL ? real : self->path);
  self->partial = g_strconcat (self->target, ".XXXXXX.part", NULL);
  fd = g_mkstemp_full (self->partial, O_WRONLY | O_CLOEXEC, 0666);
  if (fd < 0)
    {
      g_autofree char *folder = g_path_get_dirname (self->target);

      saved_errno = errno;
      g_clear_pointer (&self->partial, g_free);
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                   _("Could not write “%s”: cannot create a file in the folder “%s”: %s"),
                   display_name (self), folder, g_strerror (saved_errno));
      return FALSE;
    }
  remember_partial (self->partial);

  /* A replaced file keeps who may read it; if it cannot, the new one has the
   * permissions of any new file, which is what it would get from cp. */
  if (stat (self->target, &st) == 0 && S_ISREG (st.st_mode))
    (void) fchmod (fd, st.st_mode & 0777);

  self->fd = fd;
  self->owns_fd = TRUE;
  return TRUE;
}

static gboolean
ensure_open (WpOutput  *self,
             GError   **error)
{
  struct stat st;
  int fd;

  if (self->fd >= 0)
    return TRUE;

  fd = standard_fd (self->path);
  if (fd >= 0)
    {
      self->fd = fd;
      self->owns_fd = FALSE;
      return TRUE;
    }

  if (stat (self->path, &st) != 0 || S_ISREG (st.st_mode))
    return open_partial (self, error);
  if (S_ISDIR (st.st_mode))
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_ISDIR,
                   _("“%s” is a folder; give the name of a file to write."), self->path);
      return FALSE;
    }

  /* A device or FIFO: no O_CREAT, and no O_TRUNC, which means nothing to them. A FIFO
   * blocks here until it has a reader, as for `cat > fifo`. */
  fd = open (self->path, O_WRONLY | O_NOCTTY | O_CLOEXEC);
  if (fd < 0)
    return set_errno_error (self, errno, error);
  if (fstat (fd, &st) == 0 && !S_ISREG (st.st_mode))
    {
      self->fd = fd;
      self->owns_fd = TRUE;
      return TRUE;
    }
  close (fd);  /* a regular file took its place meanwhile: replace that */
  return open_partial (self, error);
}

static gboolean
write_all (WpOutput      *self,
           const guint8  *data,
           gsize          size,
           GError       **error)
{
  while (size > 0)
    {
      gssize n = write (self->fd, data, MIN (size, (gsize) G_MAXSSIZE));

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        return set_errno_error (self, errno, error);
      data += n;
      size -= n;
    }
  return TRUE;
}

static gboolean
flush (WpOutput  *self,
       GError   **error)
{
  gsize size = self->buffered;

  self->buffered = 0;
  return write_all (self, self->buffer, size, error);
}

/**
 * wp_output_write:
 *
 * Writes @size bytes, opening the output at the first call.
 */
gboolean
wp_output_write (WpOutput    *self,
                 const void  *data,
                 gsize        size,
                 GError     **error)
{
  g_return_val_if_fail (self != NULL && !self->closed, FALSE);

  if (!ensure_open (self, error))
    return FALSE;
  if (self->buffered + size > BUFFER_SIZE && !flush (self, error))
    return FALSE;
  if (size >= BUFFER_SIZE)
    return write_all (self, data, size, error);
  memcpy (self->buffer + self->buffered, data, size);
  self->buffered += size;
  return TRUE;
}

static void
sync_folder (const char *file)
{
  g_autofree char *folder = g_path_get_dirname (file);
  int fd = open (folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC);

  /* So that the rename outlives a power cut; a folder that cannot be synced changes
   * nothing about the file just written. */
  if (fd >= 0)
    {
      (void) fsync (fd);
      close (fd);
    }
}

static void
remove_partial (WpOutput *self)
{
  if (self->fd >= 0 && self->owns_fd)
    close (self->fd);
  self->fd = -1;
  if (self->partial != NULL)
    g_unlink (self->partial);
  g_clear_pointer (&self->partial, g_free);
  forget_partial ();
}

/**
 * wp_output_close:
 *
 * Writes what is buffered; a regular file is then synced and put in place
 * of the old one. On failure nothing of the new file is left.
 */
gboolean
wp_output_close (WpOutput  *self,
                 GError   **error)
{
  g_return_val_if_fail (self != NULL && !self->closed, FALSE);

  self->closed = TRUE;
  if (!ensure_open (self, error) || !flush (self, error))
    {
      remove_partial (self);
      return FALSE;
    }

  if (self->partial == NULL)
    {
      int fd = self->fd;

      self->fd = -1;
      if (self->owns_fd && close (fd) != 0)
        return set_errno_error (self, errno, error);
      return TRUE;
    }

  /* A full disk may only show when the data reaches it. */
  if (fsync (self->fd) != 0 || close (self->fd) != 0)
    {
      int saved_errno = errno;

      self->fd = -1;
      remove_partial (self);
      return set_errno_error (self, saved_errno, error);
    }
  self->fd = -1;
  if (g_rename (self->partial, self->target) != 0)
    {
      int saved_errno = errno;

      remove_partial (self);
      return set_errno_error (self, saved_errno, error);
    }
  forget_partial ();
  g_clear_pointer (&self->partial, g_free);
  sync_folder (self->target);
  return TRUE;
}

/**
 * wp_output_free:
 *
 * Frees the output; one not closed is abandoned, its partial file removed.
 */
void
wp_output_free (WpOutput *self)
{
  if (self == NULL)
    return;
  remove_partial (self);
  g_free (self->path);
  g_free (self->target);
  g_free (self);
}

static gboolean
same_file (const struct stat *a,
           const struct stat *b)
{
  return a->st_dev == b->st_dev && a->st_ino == b->st_ino;
}

static gboolean
refuse (const char  *path,
        const char  *db_path,
        const char  *suffix,
        GError     **error)
{
  if (suffix[0] == '\0')
    g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_INVAL,
                 _("“%s” is the plan file itself; choose another file to write to."), path);
  else
    g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_INVAL,
                 _("“%s” is part of the plan file “%s”; choose another file to write to."),
                 path, db_path);
  return FALSE;
}

/**
 * wp_output_refuse_plan_file:
 * @path: (nullable): where an export is to be written, as for wp_output_new()
 * @db_path: (nullable): the plan file the export reads
 *
 * Fails when writing @path would overwrite the plan file or its -wal, -shm
 * or -journal, by whatever name: a symlink, a hard link, "../", or standard
 * output sent to it. The same file is told by device and inode, not by name.
 *
 * Returns: %TRUE when @path may be written
 */
gboolean
wp_output_refuse_plan_file (const char  *path,
                            const char  *db_path,
                            GError     **error)
{
  static const char *const suffixes[] = { "", "-wal", "-shm", "-journal" };
  g_autofree char *real_db = NULL;
  const char *db_names[2];
  struct stat out;
  gboolean out_exists;
  int fd;

  if (db_path == NULL)
    return TRUE;

  /* SQLite keeps the journal beside the file a symlink names. */
  real_db = realpath (db_path, NULL);
  db_names[0] = db_path;
  db_names[1] = real_db != NULL ? real_db : db_path;

  fd = standard_fd (path);
  out_exists = fd >= 0 ? fstat (fd, &out) == 0 : stat (path, &out) == 0;

  for (guint n = 0; n < G_N_ELEMENTS (db_names); n++)
    for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
      {
        g_autofree char *name = g_strconcat (db_names[n], suffixes[i], NULL);
        struct stat st;

        if (out_exists && stat (name, &st) == 0 && same_file (&out, &st))
          return refuse (path ? path : "-", db_path, suffixes[i], error);
      }

  /* A name not taken yet must not become the journal the plan file will use next. */
  if (!out_exists && fd < 0)
    {
      g_autofree char *out_folder = g_path_get_dirname (path);
      g_autofree char *out_base = g_path_get_basename (path);
      struct stat out_folder_st;

      if (stat (out_folder, &out_folder_st) != 0)
        return TRUE;  /* nowhere to create it: writing fails by itself */
      for (guint n = 0; n < G_N_ELEMENTS (db_names); n++)
        {
          g_autofree char *db_folder = g_path_get_dirname (db_names[n]);
          g_autofree char *db_base = g_path_get_basename (db_names[n]);
          struct stat db_folder_st;

          if (stat (db_folder, &db_folder_st) != 0 || !same_file (&out_folder_st, &db_folder_st))
            continue;
          for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
            {
              g_autofree char *name = g_strconcat (db_base, suffixes[i], NULL);

              if (g_str_equal (name, out_base))
                return refuse (path, db_path, suffixes[i], error);
            }
        }
    }
  return TRUE;
}
