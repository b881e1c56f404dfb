/* wp-store-locks.c: locks on the shared memory that no close() can drop
 *
 * SQLite's unix VFS locks files with POSIX record locks, and closing any
 * descriptor of a file drops every POSIX lock its process holds on that
 * file. Code of the app that has nothing to do with the store opens the
 * plan's files now and then: the file chooser and the recent-files list
 * sniff the type of every file they show (plan.db-shm and plan.db-wal
 * included), a thumbnailer reads them. After that the window's locks on
 * the shared memory (plan.db-shm) are gone while SQLite believes it holds
 * them: the next program to open the file finds no one holding the
 * shared memory, truncates it and rebuilds it from the log while the
 * window reads it, and a checkpoint may copy over pages that a reader of
 * the window still needs.
 *
 * Open file description locks (F_OFD_SETLK, Linux 3.15) belong to the
 * descriptor they were taken on and are dropped only when it is closed,
 * and they conflict with other processes' POSIX locks as POSIX locks do.
 * SQLite takes every lock on a file's shared memory through one
 * descriptor per process (its unixShmNode), so taking those locks as open
 * file description locks changes nothing else. The database file's own
 * locks are left as they are: SQLite takes them through each
 * connection's descriptor and counts them per process, which open file
 * description locks would not match; their loss is made harmless by
 * SQLITE_FCNTL_PERSIST_WAL (see _wp_db_open_connection()). SQLite is
 * made to take them so by _wp_db_protect_shm_locks() (db/wp-db-conn.c);
 * the locks this file takes itself are open file description locks too.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define _GNU_SOURCE
#include "config.h"

#include <fcntl.h>
#include <unistd.h>
#include <sys/stat.h>
#include <glib/gstdio.h>

#include "wp-db.h"
#include "wp-store-private.h"

/* Removes the log and shared memory of @path that the last connection of
 * this process left behind (every connection keeps them: see
 * open_connection()), if no connection of any process uses them and the
 * log holds nothing. It locks as SQLite does before it removes them: the
 * database file exclusively, so that no program opens the log meanwhile
 * (one that tries waits for its busy timeout); and the shared memory's
 * byte 128 exclusively, which fails while any program has it open, even
 * one whose locks on the database file were dropped. Locks are taken on
 * descriptors of their own and go with them. */
void
_wp_store_remove_unused_log (const char *path)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);
  struct flock database_lock = { .l_type = F_WRLCK, .l_whence = SEEK_SET,
                                 .l_start = DATABASE_LOCKS_START, .l_len = 512 };
  struct flock shm_lock = { .l_type = F_WRLCK, .l_whence = SEEK_SET, .l_start = 128,
                            .l_len = 1 };
  struct stat st;
  int db_fd, shm_fd = -1;

  db_fd = open (path, O_RDWR | O_CLOEXEC);
  if (db_fd < 0)
    return;
#ifdef F_OFD_SETLK
  if (fcntl (db_fd, F_OFD_SETLK, &database_lock) == 0
      && (shm_fd = open (shm, O_RDWR | O_CLOEXEC)) >= 0
      && fcntl (shm_fd, F_OFD_SETLK, &shm_lock) == 0
      && g_stat (wal, &st) == 0 && st.st_size == 0)
    {
      g_unlink (wal);
      g_unlink (shm);
    }
#endif
  if (shm_fd >= 0)
    close (shm_fd);
  close (db_fd);
}

/**
 * wp_store_file_in_use:
 * @path: a plan file
 *
 * Whether a connection has @path open: SQLite locks bytes from 1 GiB in
 * the database file during a transaction and, in WAL mode, bytes 120-128
 * of its -shm for as long as a connection is open (PENDING_BYTE and
 * UNIX_SHM_DMS in os_unix.c). F_GETLK only asks. It sees other processes'
 * locks, and this process's own shared-memory locks too, since those are
 * open file description locks: ask after closing this process's own
 * connections. A lock that cannot be asked about counts as in use.
 */
gboolean
wp_store_file_in_use (const char *path)
{
  static const struct {
    const char *suffix;
    off_t       start;
    off_t       length;
  } locks[] = {
    { "", DATABASE_LOCKS_START, 512 },
    { "-shm", 120, 9 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (locks); i++)
    {
      g_autofree char *name = g_strconcat (path, locks[i].suffix, NULL);
      struct flock lock = { .l_type = F_WRLCK, .l_whence = SEEK_SET,
                            .l_start = locks[i].start, .l_len = locks[i].length };
      int fd = g_open (name, O_RDONLY | O_CLOEXEC, 0);
      gboolean locked;

      if (fd < 0)
        continue;
      locked = fcntl (fd, F_GETLK, &lock) != 0 || lock.l_type != F_UNLCK;
      close (fd);
      if (locked)
        return TRUE;
    }
  return FALSE;
}

/**
 * wp_store_file_refuses_readers:
 * @path: a plan file
 *
 * Whether another program holds @path locked so that not even a reader
 * gets in (an exclusive locking mode, a rollback journal's write). Asked
 * without waiting, since the store waits seconds for a lock, and on the
 * main thread that froze the window (issue 15, defect 8).
 */
gboolean
wp_store_file_refuses_readers (const char *path)
{
  return _wp_db_file_refuses_readers (path);
}

/* The mark this process keeps on a database file it has open: a read lock
 * on the range SQLite locks for its SHARED lock, taken as an open file
 * description lock on a descriptor of its own, so that no close() drops it.
 * SQLite's own SHARED lock is a POSIX lock and goes when code of the app
 * sniffs the file; then another program's plain SQLite connection (the
 * sqlite3 shell, a backup tool) got its EXCLUSIVE lock when it closed,
 * took itself for the last connection and removed the log this process
 * was writing to. The mark keeps such a program from ever getting that
 * lock while the file is open here. Connections of this process cannot
 * get it either, which they only try for at close, to do what
 * _wp_store_remove_unused_log() does after the mark is gone. */
struct _WpOpenMark {
  dev_t device;
  ino_t inode;
  int   fd;
  guint refs;
};

G_LOCK_DEFINE_STATIC (open_marks);
static GList *open_marks;

/* Returns a mark on @path (shared with other stores of this process that
 * have the same file open), or %NULL if it cannot be taken: that only
 * loses the protection, not the file. */
WpOpenMark *
_wp_store_mark_open (const char *path)
{
#ifdef F_OFD_SETLK
  struct flock lock = { .l_type = F_RDLCK, .l_whence = SEEK_SET,
                        .l_start = DATABASE_LOCKS_START + 2, .l_len = 510 };
  WpOpenMark *mark = NULL;
  struct stat st;
  int fd;

  /* (asked by name: closing a descriptor of the file would drop this
   * process's POSIX locks on it) */
  if (g_stat (path, &st) != 0)
    return NULL;

  G_LOCK (open_marks);
  for (GList *l = open_marks; l != NULL; l = l->next)
    {
      WpOpenMark *other = l->data;

      if (other->device == st.st_dev && other->inode == st.st_ino)
        {
          mark = other;
          mark->refs++;
          break;
        }
    }
  if (mark == NULL && (fd = open (path, O_RDONLY | O_CLOEXEC)) >= 0)
    {
      if (fcntl (fd, F_OFD_SETLK, &lock) == 0)
        {
          mark = g_new0 (WpOpenMark, 1);
          mark->device = st.st_dev;
          mark->inode = st.st_ino;
          mark->fd = fd;
          mark->refs = 1;
          open_marks = g_list_prepend (open_marks, mark);
        }
      else
        close (fd);
    }
  G_UNLOCK (open_marks);

  return mark;
#else
  return NULL;
#endif
}

void
_wp_store_unmark_open (WpOpenMark *mark)
{
  if (mark == NULL)
    return;
  G_LOCK (open_marks);
  if (--mark->refs == 0)
    {
      open_marks = g_list_remove (open_marks, mark);
      close (mark->fd);
      g_free (mark);
    }
  G_UNLOCK (open_marks);
}
