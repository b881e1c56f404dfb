/* wp-db-conn.c: the connection's machinery beyond migrating: the shared
 * memory's locks, opening with the right flags, closing, copies, the check
 * for damage in a thread, cancelling, and the odd number asked of it
 *
 * The shared memory's locks are taken as open file description locks,
 * which no close() of another descriptor drops: see wp-store-locks.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define _GNU_SOURCE
#include "config.h"

#include <fcntl.h>
#include <stdarg.h>
#include <glib/gi18n-lib.h>

#include "wp-db.h"

static sqlite3_syscall_ptr real_fcntl;

static int
fcntl_with_shm_ofd_locks (int fd,
                          int cmd,
                          ...)
{
  int (*call) (int, int, ...) = (int (*) (int, int, ...)) real_fcntl;
  va_list args;
  void *arg;

  va_start (args, cmd);
  arg = va_arg (args, void *);
  va_end (args);

#ifdef F_OFD_SETLK
  if (cmd == F_SETLK || cmd == F_SETLKW || cmd == F_GETLK)
    {
      struct flock *lock = arg;

      /* (unlocking a whole database file is from byte 0 to its end) */
      if (lock->l_start < DATABASE_LOCKS_START && lock->l_len > 0)
        {
          lock->l_pid = 0;  /* required of open file description locks */
          cmd = cmd == F_SETLK ? F_OFD_SETLK : cmd == F_SETLKW ? F_OFD_SETLKW : F_OFD_GETLK;
        }
    }
#endif
  return call (fd, cmd, arg);
}

/* Called once, before the first connection is opened. */
void
_wp_db_protect_shm_locks (void)
{
  static gsize done = 0;

  if (g_once_init_enter (&done))
    {
      sqlite3_vfs *vfs = sqlite3_vfs_find ("unix");

      if (vfs != NULL && vfs->iVersion >= 3 && vfs->xGetSystemCall != NULL)
        {
          real_fcntl = vfs->xGetSystemCall (vfs, "fcntl");
          if (real_fcntl == NULL
              || vfs->xSetSystemCall (vfs, "fcntl",
                                      (sqlite3_syscall_ptr) fcntl_with_shm_ofd_locks)
                 != SQLITE_OK)
            g_warning ("Could not protect the plan file's locks against other code opening it");
        }
      g_once_init_leave (&done, 1);
    }
}

/* The one number @sql (a read) gives; FALSE with @error set, NOT_FOUND
 * if it gives no row */
gboolean
_wp_db_query_int64 (WpStore     *self,
                    const char  *sql,
                    gint64      *value,
                    GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    return wp_store_set_error (self, rc, error);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      if (rc == SQLITE_DONE)
        g_set_error (error, WP_STORE_ERROR, WP_STORE_ERROR_NOT_FOUND, "“%s” gave no row", sql);
      else
        wp_store_set_error (self, rc, error);
      sqlite3_finalize (stmt);
      return FALSE;
    }
  *value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return TRUE;
}

/* Rows written by this connection since it opened: unchanged, nothing
 * it read can have changed by its own hand */
gint64
_wp_db_total_changes (WpStore *self)
{
  return sqlite3_total_changes64 (self->db);
}

/* Refuses every write (or no longer), and says so if SQLite would not */
gboolean
_wp_db_set_query_only (WpStore   *self,
                       gboolean   on,
                       GError   **error)
{
  return _wp_db_set_pragma (self, on ? "PRAGMA query_only = ON" : "PRAGMA query_only = OFF",
                            "PRAGMA query_only", on ? "1" : "0", error);
}

/* A file opened to be written: its log, its safety on power loss, the
 * schema brought up to date from @version */
gboolean
_wp_db_ready_for_writing (WpStore   *self,
                          gboolean   is_new,
                          gint64     version,
                          GError   **error)
{
  /* (only an empty file takes it, before anything else is written) */
  if ((is_new && !_wp_db_set_pragma (self, "PRAGMA auto_vacuum = INCREMENTAL",
                                     "PRAGMA auto_vacuum", "2", error))
      || !_wp_db_set_pragma (self, "PRAGMA journal_mode = WAL", "PRAGMA journal_mode", "wal",
                             error)
      || !_wp_db_set_pragma (self, "PRAGMA synchronous = FULL", "PRAGMA synchronous", "2",
                             error)
      /* Statement journals (and sorts) in memory, not in files of their own:
       * a bulk write's many-row statements each copied the pages they
       * changed into one, most of an import's system time. They are never
       * read after a crash, the log is. (Set before any TEMP object.) */
      || !_wp_db_set_pragma (self, "PRAGMA temp_store = MEMORY", "PRAGMA temp_store", "2",
                             error)
      || !_wp_db_migrate (self, version, error))
    return FALSE;
  /* The log is copied back into the file in a thread (see
   * _wp_db_on_wal_commit()), not by the edit that happens to fill it. */
  if (!_wp_db_set_pragma (self, "PRAGMA wal_autocheckpoint = 0", "PRAGMA wal_autocheckpoint",
                          "0", error))
    return FALSE;
  sqlite3_wal_hook (self->db, _wp_db_on_wal_commit, self);
  return TRUE;
}

gboolean
_wp_db_enforce_foreign_keys (WpStore  *self,
                             GError  **error)
{
  return _wp_db_set_pragma (self, "PRAGMA foreign_keys = ON", "PRAGMA foreign_keys", "1", error);
}

static void
finalize_statement (gpointer data)
{
  sqlite3_finalize (data);
}

/* The cache of prepared statements (db/wp-db-stmt.c): SQL text → statement */
GHashTable *
_wp_db_new_statement_cache (void)
{
  return g_hash_table_new_full (g_str_hash, g_str_equal, NULL, finalize_statement);
}

/* Opens the store's connection to self->path, to write or (read_only)
 * only to read; a file no one may change here whose log holds nothing
 * (see _wp_db_can_only_be_read()) is read as immutable, by the URI kept in
 * immutable_uri. Results come back as the messages know them (not
 * extended). */
gboolean
_wp_db_open (WpStore  *self,
             GError  **error)
{
  int flags = self->read_only ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
  int rc;

  _wp_db_protect_shm_locks ();
  if (self->read_only && _wp_db_can_only_be_read (self->path))
    {
      g_autofree char *uri = _wp_db_immutable_uri (self->path);

      rc = uri != NULL ? _wp_db_open_connection (uri, flags | SQLITE_OPEN_URI, &self->db)
                       : SQLITE_CANTOPEN;
      self->immutable_uri = g_steal_pointer (&uri);
    }
  else
    rc = _wp_db_open_connection (self->path, flags, &self->db);
  if (rc != SQLITE_OK)
    return wp_store_set_error (self, rc, error);
  _wp_db_use_plain_result_codes (self);
  return TRUE;
}

/* Result codes as the messages know them (not extended) */
void
_wp_db_use_plain_result_codes (WpStore *self)
{
  sqlite3_extended_result_codes (self->db, FALSE);
}

/* A file keeps the pages its tables no longer use and fills them again
 * later; what one large write frees could stay most of the file: a plan
 * of 100,000 items made item by item left 156 MB free of 208 (the change
 * log of its edits, trimmed on close, and the search index's segments,
 * merged as it went). Files since format 11 can give such pages back
 * (auto_vacuum = INCREMENTAL, see _wp_db_migrate()); this is done when the file
 * is closed, once the free pages are a quarter of it, so that the usual
 * few are reused, not moved. */
void
_wp_db_give_back_free_pages (WpStore *self)
{
  gint64 pages, free_pages;

  if (!_wp_db_query_int (self, "PRAGMA page_count", &pages, NULL)
      || !_wp_db_query_int (self, "PRAGMA freelist_count", &free_pages, NULL)
      || free_pages < 64 || free_pages * 4 < pages)
    return;
  if (sqlite3_exec (self->db, "PRAGMA incremental_vacuum", NULL, NULL, NULL) != SQLITE_OK)
    g_message ("Could not give back the unused space of “%s”: %s", self->path,
               sqlite3_errmsg (self->db));
}

/* Copies the log into the file and empties it */
void
_wp_db_truncate_log (WpStore *self)
{
  sqlite3_exec (self->db, "PRAGMA wal_checkpoint (TRUNCATE)", NULL, NULL, NULL);
}

/* Closes the connection; FALSE (with a warning) if SQLite would not */
gboolean
_wp_db_close (WpStore *self)
{
  if (sqlite3_close (self->db) != SQLITE_OK)
    {
      g_warning ("Could not close %s: %s", self->path, sqlite3_errmsg (self->db));
      return FALSE;
    }
  self->db = NULL;
  return TRUE;
}

/* Runs SQLite's quick check of @uri on a connection of its own (in the
 * caller's thread). Returns: what it found ("ok" when sound, else each
 * problem or the damage that stopped it), or NULL with @error set when
 * the file could not be checked */
/* Whether a read of @path is refused at once: a connection of SQLite's
 * own, which keeps the locks of the process's other connections (see
 * _wp_db_protect_shm_locks()), never removes the log and never waits. */
gboolean
_wp_db_file_refuses_readers (const char *path)
{
  sqlite3 *db = NULL;
  int persist_wal = 1;
  int rc;

  rc = sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_file_control (db, "main", SQLITE_FCNTL_PERSIST_WAL, &persist_wal);
  if (rc == SQLITE_OK)
    rc = sqlite3_busy_timeout (db, 0);
  if (rc == SQLITE_OK)
    rc = sqlite3_exec (db, "SELECT count(*) FROM sqlite_master", NULL, NULL, NULL);
  sqlite3_close (db);
  return rc == SQLITE_BUSY || rc == SQLITE_LOCKED;
}

char *
_wp_db_quick_check (const char  *uri,
                    GError     **error)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  char *found = NULL;
  int rc;

  /* (a file only to be read is read as the store reads it: see
   * _wp_db_can_only_be_read()) */
  rc = _wp_db_open_connection (uri, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, &db);
  if (rc == SQLITE_OK)
    rc = sqlite3_prepare_v2 (db, "PRAGMA quick_check", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      GString *result = g_string_new (NULL);

      /* One row per problem found, or one "ok". */
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          if (result->len > 0)
            g_string_append (result, "; ");
          g_string_append (result, (const char *) sqlite3_column_text (stmt, 0) ?: "?");
        }
      if (rc == SQLITE_DONE)
        found = g_string_free (result, FALSE);
      else
        g_string_free (result, TRUE);
    }
  /* A check that stops at damage says so, like one that lists it; other
   * failures are told with the file they are about. */
  if (rc == SQLITE_CORRUPT || rc == SQLITE_NOTADB)
    found = g_strdup (db != NULL ? sqlite3_errmsg (db) : sqlite3_errstr (rc));
  else if (rc != SQLITE_DONE)
    g_set_error (error, WP_STORE_ERROR, WP_STORE_ERROR_FAILED,
                 _("Could not check “%s” for damage: %s"), uri,
                 db != NULL ? sqlite3_errmsg (db) : sqlite3_errstr (rc));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return found;
}

/* Writes a consistent, compacted copy of the whole database to @dest_path */
gboolean
_wp_db_vacuum_into (WpStore     *self,
                    const char  *dest_path,
                    GError     **error)
{
  sqlite3_stmt *raw = NULL;
  int rc;

  /* Not cached: VACUUM cannot run while other statements are pending. */
  rc = sqlite3_prepare_v2 (self->db, "VACUUM INTO ?", -1, &raw, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_bind_text (raw, 1, dest_path, -1, SQLITE_TRANSIENT);
      rc = sqlite3_step (raw);
    }
  sqlite3_finalize (raw);

  if (rc != SQLITE_DONE)
    {
      g_set_error (error, WP_STORE_ERROR, WP_STORE_ERROR_FAILED,
                   _("Could not write a copy to “%s”: %s"), dest_path,
                   sqlite3_errmsg (self->db));
      return FALSE;
    }
  return TRUE;
}

static int
on_progress (void *data)
{
  WpStore *self = data;

  return g_cancellable_is_cancelled (self->cancellable);
}

/* Has every statement stop once self->cancellable is cancelled (none: never) */
void
_wp_db_follow_cancellable (WpStore *self)
{
  /* (every thousand steps of SQLite's machine: a few microseconds) */
  sqlite3_progress_handler (self->db, self->cancellable != NULL ? 1000 : 0,
                            self->cancellable != NULL ? on_progress : NULL, self);
}
