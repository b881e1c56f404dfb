/* wp-db.c: the connection: opening, checking, migrating, PRAGMAs,
 * transactions and copying the log into the file
 *
 * Opening never alters a file that is not ours, is corrupt, is newer than
 * this build, or is read-only: all of that is checked with read-only
 * queries before the first write (even the switch to WAL rewrites the
 * header, so it waits until the file is known to be ours). Transactions
 * nest as savepoints; the outermost commit hands the change log's rows to
 * the store (_wp_store_changes_committed()).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <string.h>
#include <unistd.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "wp-db.h"
#include "wp-db-turn.h"
#include "wp-migrations.h"
#include "wp-wal-check.h"
#include "wp-backup.h"
#include "wp-char-tokenizer.h"

/* 'WPLN': marks a SQLite file as a Workplan plan file. */
#define WP_APPLICATION_ID 0x57504C4E


/* Runs a PRAGMA (or any one-row query) and returns its first column as text. */
static char *
query_text (WpStore     *self,
            const char  *sql,
            GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  char *ret = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      wp_store_set_error (self, rc, error);
      sqlite3_finalize (stmt);
      return NULL;
    }

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      const char *text = (const char *) sqlite3_column_text (stmt, 0);
      ret = g_strdup (text ? text : "");
    }
  else if (rc == SQLITE_DONE)
    ret = g_strdup ("");
  else
    wp_store_set_error (self, rc, error);

  sqlite3_finalize (stmt);
  return ret;
}

gboolean
_wp_db_query_int (WpStore     *self,
                  const char  *sql,
                  gint64      *out,
                  GError     **error)
{
  g_autofree char *text = query_text (self, sql, error);

  if (text == NULL)
    return FALSE;
  *out = g_ascii_strtoll (text, NULL, 10);
  return TRUE;
}

/* Sets a PRAGMA and reads it back: SQLite ignores unknown or refused
 * PRAGMAs silently, so only the read-back proves it took effect. */
gboolean
_wp_db_set_pragma (WpStore     *self,
                   const char  *set_sql,
                   const char  *get_sql,
                   const char  *expected,
                   GError     **error)
{
  g_autofree char *got = NULL;
  g_autofree char *ignored = query_text (self, set_sql, error);

  if (ignored == NULL)
    return FALSE;

  got = query_text (self, get_sql, error);
  if (got == NULL)
    return FALSE;

  if (g_ascii_strcasecmp (got, expected) != 0)
    {
      g_set_error (error, WP_STORE_ERROR, WP_STORE_ERROR_FAILED,
                   _("Could not prepare “%s” (%s gave “%s”, expected “%s”)."),
                   self->path, get_sql, got, expected);
      return FALSE;
    }

  return TRUE;
}

/* Reads the first bytes of an existing file: a non-SQLite file is refused
 * before SQLite ever opens it. */
gboolean
_wp_db_check_file_header (const char  *path,
                          GError     **error)
{
  static const char magic[16] = "SQLite format 3";
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileInputStream) in = NULL;
  g_autoptr(GError) local_error = NULL;
  char header[100];
  gsize n_read = 0;

  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, WP_STORE_ERROR, WP_STORE_ERROR_NOT_WORKPLAN,
                   _("“%s” is a folder, not a Workplan plan file."), path);
      return FALSE;
    }

  in = g_file_read (file, NULL, &local_error);
  if (in == NULL
      || !g_input_stream_read_all (G_INPUT_STREAM (in), header, sizeof header, &n_read,
                                   NULL, &local_error))
    {
      g_set_error (error, WP_STORE_ERROR, WP_STORE_ERROR_FAILED,
                   _("Cannot read “%s”: %s"), path, local_error->message);
      return FALSE;
    }

  if (n_read == 0)
    return TRUE;  /* an empty file is a new, empty database */

  if (n_read < sizeof header || memcmp (header, magic, sizeof magic) != 0)
    {
      g_set_error (error, WP_STORE_ERROR, WP_STORE_ERROR_NOT_WORKPLAN,
                   _("“%s” is not a Workplan plan file."), path);
      return FALSE;
    }

  return TRUE;
}

/* What PRAGMA quick_check said, as an error if the file is damaged. */
gboolean
_wp_db_check_result (WpStore     *self,
                     const char  *check,
                     GError     **error)
{
  if (g_str_equal (check, "ok"))
    return TRUE;
  g_set_error (error, WP_STORE_ERROR, WP_STORE_ERROR_CORRUPT,
               _("Part of “%s” cannot be read: the file is damaged. Restore it from a "
                 "backup copy."), self->path);
  wp_store_error_set_detail (error, check);
  return FALSE;
}

/* Checks, without writing anything, that the open file is ours and sound.
 * Sets *is_new when it is an empty database we may initialise. */
gboolean
_wp_db_check_database (WpStore   *self,
                       gboolean   check_later,
                       gboolean  *is_new,
                       gint64    *version,
                       GError   **error)
{
  g_autofree char *check = NULL;
  gint64 app_id, n_objects;

  *is_new = FALSE;

  if (!_wp_db_query_int (self, "PRAGMA application_id", &app_id, error)
      || !_wp_db_query_int (self, "PRAGMA user_version", version, error)
      || !_wp_db_query_int (self, "SELECT count(*) FROM sqlite_master", &n_objects, error))
    return FALSE;

  if (app_id == 0 && *version == 0 && n_objects == 0)
    {
      *is_new = TRUE;
      return TRUE;
    }

  if (app_id != WP_APPLICATION_ID)
    {
      g_set_error (error, WP_STORE_ERROR, WP_STORE_ERROR_NOT_WORKPLAN,
                   _("“%s” is a database of another program, not a Workplan plan file."),
                   self->path);
      return FALSE;
    }

  if (*version > WP_STORE_SCHEMA_VERSION)
    {
      g_set_error (error, WP_STORE_ERROR, WP_STORE_ERROR_TOO_NEW,
                   _("“%s” was saved by a newer version of Workplan (format %d; this version "
                     "reads up to %d). Update Workplan to open it."),
                   self->path, (int) *version, WP_STORE_SCHEMA_VERSION);
      return FALSE;
    }

  /* A file of another program may carry our id: nothing is written (no
   * backup, no migration) to one that lacks what its version must have. */
  {
    g_autofree char *missing = NULL;

    if (*version < 1 || !_wp_migrations_check_schema (self->db, *version, &missing))
      {
        g_message ("“%s” says it is a Workplan file of format %d, but lacks %s", self->path,
                   (int) *version, missing != NULL ? missing : "a version");
        g_set_error (error, WP_STORE_ERROR, WP_STORE_ERROR_NOT_WORKPLAN,
                     _("“%s” is not a Workplan plan file, or not a whole one: it lacks parts "
                       "every plan file has."), self->path);
        return FALSE;
      }
  }

  /* A file to upgrade is checked before anything is written to it. */
  if (check_later && *version == WP_STORE_SCHEMA_VERSION)
    {
      self->check_pending = TRUE;
      return TRUE;
    }

  check = query_text (self, "PRAGMA quick_check", error);
  if (check == NULL)
    return FALSE;
  return _wp_db_check_result (self, check, error);
}

static gboolean
backup_before_migration (WpStore  *self,
                         gint64    version,
                         GError  **error)
{
  g_autoptr(GError) local_error = NULL;
  /* With the file's other backups; none is removed for it (how many are
   * kept is the user's preference, which the GUI and the CLI apply). */
  g_autofree char *backup = wp_backup_take (self, WP_BACKUP_BEFORE_MIGRATION, 0, &local_error);

  if (backup == NULL)
    {
      g_propagate_prefixed_error (error, g_steal_pointer (&local_error),
                                  _("Could not back up before upgrading: "));
      return FALSE;
    }
  return TRUE;
}

/* The first format whose files can give back free pages (see
 * give_back_free_pages() in wp-store.c) */
#define FORMAT_AUTO_VACUUM 11

/* A file older than that is made anew once, compacted, so that it can:
 * after its backup, outside the migrations' transactions (VACUUM cannot
 * run in one). A failure (a full disk) leaves the file as it was, only
 * larger than it might be. */
static void
compact_for_auto_vacuum (WpStore *self)
{
  gint64 mode;

  if (!_wp_db_query_int (self, "PRAGMA auto_vacuum", &mode, NULL) || mode != 0)
    return;
  if (sqlite3_exec (self->db, "PRAGMA auto_vacuum = INCREMENTAL; VACUUM", NULL, NULL, NULL)
      != SQLITE_OK)
    g_message ("Could not compact “%s”: %s", self->path, sqlite3_errmsg (self->db));
}

gboolean
_wp_db_migrate (WpStore  *self,
                gint64    from_version,
                GError  **error)
{
  if (from_version > 0 && from_version < WP_STORE_SCHEMA_VERSION
      && !backup_before_migration (self, from_version, error))
    return FALSE;

  for (gint64 v = from_version; v < WP_STORE_SCHEMA_VERSION; v++)
    {
      g_autofree char *set_version =
        g_strdup_printf ("PRAGMA user_version = %d", (int) v + 1);

      if (!wp_store_exec (self, "BEGIN IMMEDIATE", error))
        return FALSE;

      if ((v == 0 && !wp_store_exec (self, "PRAGMA application_id = 1464880206", error))
          || !wp_store_exec (self, _wp_migration_sql (v), error)
          || !wp_store_exec (self, set_version, error)
          || !wp_store_exec (self, "COMMIT", error))
        {
          wp_store_exec (self, "ROLLBACK", NULL);
          return FALSE;
        }
    }


  if (from_version > 0 && from_version < FORMAT_AUTO_VACUUM)
    compact_for_auto_vacuum (self);
  return TRUE;
}

G_STATIC_ASSERT (WP_APPLICATION_ID == 1464880206);

/* Whether @path is a file no one may change here (a read-only file or
 * folder, or read-only media) whose log holds nothing: it is read as it
 * is, without the log and shared memory SQLite would otherwise need to
 * make beside it, and without locks. A log with content is read through
 * SQLite's usual way, which needs the shared memory. */
gboolean
_wp_db_can_only_be_read (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  GStatBuf st;

  if (g_access (path, W_OK) == 0 && g_access (dir, W_OK) == 0)
    return FALSE;
  return g_stat (wal, &st) != 0 || st.st_size == 0;
}

/* file:///… for sqlite3_open_v2() with SQLITE_OPEN_URI: a name with "?" or
 * "#" in it is not read as a URI's query */
char *
_wp_db_plain_file_uri (const char *path)
{
  g_autofree char *absolute = g_canonicalize_filename (path, NULL);

  return g_filename_to_uri (absolute, NULL, NULL);
}

/* file:///…?immutable=1, for sqlite3_open_v2() with SQLITE_OPEN_URI */
char *
_wp_db_immutable_uri (const char *path)
{
  g_autofree char *uri = _wp_db_plain_file_uri (path);

  return uri != NULL ? g_strconcat (uri, "?immutable=1", NULL) : NULL;
}

/* How long a statement waits for another program's write to finish. */
#define BUSY_TIMEOUT_MS 5000

/* Opens a connection to a plan file as every connection of ours must be:
 * the log is never removed when it closes (SQLITE_FCNTL_PERSIST_WAL).
 * SQLite decides it may remove the log and shared memory when it gets an
 * exclusive lock at close, taking itself for the last connection; but
 * closing any descriptor of a file drops every POSIX lock its process
 * holds on it, and a file chooser, the recent-files list or a thumbnailer
 * of the app opens the plan file to sniff its type. The command line then
 * removed the log the window was still writing to, and its later edits
 * were lost and the file damaged (issue 15). */
int
_wp_db_open_connection (const char  *path,
                        int          flags,
                        sqlite3    **db)
{
  int persist_wal = 1;
  int rc;

  rc = sqlite3_open_v2 (path, db, flags | SQLITE_OPEN_NOMUTEX, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_file_control (*db, "main", SQLITE_FCNTL_PERSIST_WAL, &persist_wal);
  /* The search index's triggers need it to write items. */
  if (rc == SQLITE_OK)
    rc = _wp_char_tokenizer_register (*db);
  if (rc == SQLITE_OK)
    rc = sqlite3_busy_timeout (*db, BUSY_TIMEOUT_MS);
  return rc;
}

/* The write-ahead log is copied back into the file once it holds this many
 * pages (SQLite's own default), by a connection of its own in a thread:
 * done by the edit that filled the log, it held that edit up for 100-250
 * ms now and then. A passive checkpoint waits for no one and stops at the
 * first page a reader still needs; the next one goes on from there. */
#define WAL_CHECKPOINT_PAGES 1000

static gpointer
checkpoint_in_thread (gpointer data)
{
  WpStore *self = data;  /* outlives the thread: finalize() joins it */
  sqlite3 *db = NULL;
  int rc;

  rc = _wp_db_open_connection (self->path, SQLITE_OPEN_READWRITE, &db);
  /* (run as a statement: the connection opens the file, and learns it is
   * in WAL mode, only when it first reads it) */
  if (rc == SQLITE_OK)
    rc = sqlite3_exec (db, "PRAGMA wal_checkpoint (PASSIVE)", NULL, NULL, NULL);
  if (rc != SQLITE_OK && rc != SQLITE_BUSY)
    g_message ("Could not copy the log of “%s” into it: %s", self->path,
               db != NULL ? sqlite3_errmsg (db) : sqlite3_errstr (rc));
  sqlite3_close (db);
  g_atomic_int_set (&self->checkpoint_done, TRUE);
  return NULL;
}

/* Copies the log into the file in a thread, unless the last copy is still
 * at it. */
static void
start_checkpoint (WpStore *self)
{
  if (self->checkpoint_thread != NULL)
    {
      if (!g_atomic_int_get (&self->checkpoint_done))
        return;  /* the last one is still at it */
      g_thread_join (g_steal_pointer (&self->checkpoint_thread));
    }
  g_atomic_int_set (&self->checkpoint_done, FALSE);
  self->checkpoint_thread = g_thread_new ("wp-checkpoint", checkpoint_in_thread, self);
}

/* Once edits stop for a moment, the log is copied into the file, so that
 * it holds seconds of work, not hours: a log is the one part of a plan
 * file that a damaged byte makes SQLite drop whole from there on (see
 * wp-wal-check.c). Runs where a main loop runs (the app); the command
 * line closes its files, which copies the log in, long before. */
#define IDLE_CHECKPOINT_SECONDS 2

static gboolean
on_idle_checkpoint (gpointer data)
{
  WpStore *self = data;

  if (g_get_monotonic_time () - self->last_commit_time
      < IDLE_CHECKPOINT_SECONDS * G_USEC_PER_SEC)
    return G_SOURCE_CONTINUE;
  self->idle_checkpoint_source = 0;
  start_checkpoint (self);
  return G_SOURCE_REMOVE;
}

int
_wp_db_on_wal_commit (void       *user_data,
                      sqlite3    *db,
                      const char *name,
                      int         n_pages)
{
  WpStore *self = user_data;

  if (g_strcmp0 (name, "main") != 0)
    return SQLITE_OK;
  self->last_commit_time = g_get_monotonic_time ();
  /* (a shared connection runs in a thread of its own, where no main loop
   * runs for the timeout: a long log is still copied in at once) */
  if (n_pages >= WAL_CHECKPOINT_PAGES)
    start_checkpoint (self);
  else if (self->idle_checkpoint_source == 0 && !self->shared)
    self->idle_checkpoint_source = g_timeout_add_seconds (IDLE_CHECKPOINT_SECONDS,
                                                          on_idle_checkpoint, self);
  return SQLITE_OK;
}

/* How long a batch write (an import, a command) lets a window that waits
 * for its turn go first: a window takes it within a few tenths of a
 * second, and one that never does must not hold up the rest for ever. */
#define TURN_YIELD_MS 3000
/* How long a window's wish for a turn lasts once its last try failed */
#define TURN_WISH_SECONDS 5
/* How long a window's read waits, at most (a reader waits only while
 * another connection rebuilds the log's index, which is quick) */
#define INTERACTIVE_READ_WAIT_MS 100

static void
let_go_of_turn (WpStore *self)
{
  g_clear_handle_id (&self->turn_source, g_source_remove);
  if (self->turn != NULL)
    _wp_db_turn_let_go (self->turn);
}

static gboolean
on_turn_wish_expired (gpointer data)
{
  WpStore *self = data;

  self->turn_source = 0;
  let_go_of_turn (self);
  return G_SOURCE_REMOVE;
}

/* The window's write found the file busy: the next turn is its. */
static void
want_turn (WpStore *self)
{
  if (self->turn == NULL || !_wp_db_turn_want (self->turn))
    return;
  /* (a try given up, the text thrown away: others go on soon) */
  g_clear_handle_id (&self->turn_source, g_source_remove);
  self->turn_source = g_timeout_add_seconds (TURN_WISH_SECONDS, on_turn_wish_expired, self);
}

/* A batch write lets a window waiting for its turn go first, until
 * self->yield_until. */
static void
yield_turn (WpStore *self)
{
  while (self->turn != NULL && _wp_db_turn_is_wanted (self->turn)
         && g_get_monotonic_time () < self->yield_until
         && !g_cancellable_is_cancelled (self->cancellable))
    g_usleep (2 * 1000);
}

/* SQLite's busy handler for a store's connection: @count is how many
 * times it was called for this wait. Returns whether to try again. */
static int
on_busy (void *data,
         int   count)
{
  WpStore *self = data;
  gint64 now = g_get_monotonic_time ();
  gint64 waited_ms;

  if (count == 0)
    self->busy_since = now;
  waited_ms = (now - self->busy_since) / 1000;
  if (self->interactive)
    {
      /* A window's write never waits (wp_store_begin() says it wants the
       * next turn); a read waits a moment. */
      if (self->taking_write_lock || waited_ms >= INTERACTIVE_READ_WAIT_MS)
        return 0;
      g_usleep (1000);
      return 1;
    }
  if (waited_ms >= self->busy_timeout_ms
      || g_cancellable_is_cancelled (self->cancellable))
    return 0;
  /* Short sleeps, so that the file is taken soon after it is free
   * (SQLite's own handler sleeps up to 100 ms at a time) */
  g_usleep ((count < 10 ? 1 : 5) * 1000);
  if (self->taking_write_lock)
    yield_turn (self);
  return 1;
}

/* Sets how the store's connection waits for others' writes: as a batch
 * write, until wp_store_set_interactive(). */
void
_wp_db_wait_as_a_batch (WpStore *self)
{
  if (self->turn == NULL && self->path != NULL && !self->read_only)
    self->turn = _wp_db_turn_new (self->path);
  if (self->busy_timeout_ms == 0)
    self->busy_timeout_ms = BUSY_TIMEOUT_MS;
  sqlite3_busy_handler (self->db, on_busy, self);
}

void
_wp_db_forget_turn (WpStore *self)
{
  let_go_of_turn (self);
  g_clear_pointer (&self->turn, _wp_db_turn_free);
}

static gboolean
begin_outermost (WpStore  *self,
                 GError  **error)
{
  gboolean begun;

  self->yield_until = g_get_monotonic_time () + TURN_YIELD_MS * 1000;
  if (!self->interactive)
    yield_turn (self);
  self->taking_write_lock = TRUE;
  begun = wp_store_exec (self, "BEGIN IMMEDIATE", error);
  self->taking_write_lock = FALSE;
  if (!self->interactive)
    return begun;
  if (begun)
    let_go_of_turn (self);  /* (the file is the window's until it commits) */
  else if (error == NULL || g_error_matches (*error, WP_STORE_ERROR, WP_STORE_ERROR_BUSY))
    want_turn (self);
  return begun;
}

/* Transactions nest: the outermost one is a real transaction, inner ones are
 * savepoints, so a command made of commands is still atomic. */
gboolean
wp_store_begin (WpStore  *self,
                GError  **error)
{
  g_autofree char *sql = NULL;

  g_return_val_if_fail (WP_IS_STORE (self), FALSE);

  if (!wp_store_check_writable (self, error)
      || g_cancellable_set_error_if_cancelled (self->cancellable, error))
    return FALSE;

  if (self->tx_depth > 0)
    {
      sql = g_strdup_printf ("SAVEPOINT sp%u", self->tx_depth);
      if (!wp_store_exec (self, sql, error))
        return FALSE;
      self->tx_depth++;
      return TRUE;
    }

  if (!begin_outermost (self, error))
    return FALSE;
  self->tx_depth++;
  _wp_store_changes_begun (self);
  return TRUE;
}

gboolean
wp_store_commit (WpStore  *self,
                 GError  **error)
{
  g_autofree char *sql = NULL;

  g_return_val_if_fail (WP_IS_STORE (self), FALSE);
  g_return_val_if_fail (self->tx_depth > 0, FALSE);

  /* A write cancelled meanwhile is not saved, however far it got (the
   * progress handler stops only statements long enough to call it) */
  if (g_cancellable_set_error_if_cancelled (self->cancellable, error))
    {
      wp_store_rollback (self);
      return FALSE;
    }
  sql = self->tx_depth == 1 ? g_strdup ("COMMIT")
                            : g_strdup_printf ("RELEASE sp%u", self->tx_depth - 1);
  if (!wp_store_exec (self, sql, error))
    {
      wp_store_rollback (self);
      return FALSE;
    }
  if (--self->tx_depth == 0)
    {
      self->told_in_transaction = FALSE;
      _wp_store_changes_committed (self);
    }
  return TRUE;
}

void
wp_store_rollback (WpStore *self)
{
  g_autofree char *sql = NULL;

  g_return_if_fail (WP_IS_STORE (self));
  g_return_if_fail (self->tx_depth > 0);

  /* On some errors (a full disk, an I/O error) SQLite has already rolled
   * the whole transaction back; each level still unwinds its count. */
  if (!sqlite3_get_autocommit (self->db))
    {
      if (self->tx_depth == 1)
        sql = g_strdup ("ROLLBACK");
      else
        sql = g_strdup_printf ("ROLLBACK TO sp%u; RELEASE sp%u", self->tx_depth - 1,
                               self->tx_depth - 1);
      if (sqlite3_exec (self->db, sql, NULL, NULL, NULL) != SQLITE_OK)
        g_warning ("Rollback failed: %s", sqlite3_errmsg (self->db));
    }
  self->tx_depth--;
  /* Figures may have been rolled up from rows that are now gone, and
   * items a view shows may have been told of changes that never were
   * (their new places among siblings, say): they show the file again. */
  wp_store_forget_rollups (self);
  if (self->tx_depth == 0)
    {
      /* A step of an edit made of steps (an undoable command runs in a
       * transaction of its own) may have told the views of its change
       * when it was done; the edit as a whole then failed to be saved
       * (a full disk): the views read the file again. */
      if (self->told_in_transaction)
        {
          self->told_in_transaction = FALSE;
          _wp_store_show_the_file_again (self);
        }
      else
        _wp_store_reread_live_items (self);
    }
}

/**
 * wp_store_set_busy_timeout:
 *
 * How long a write waits for another program's write to end before it
 * fails with %WP_STORE_ERROR_BUSY (5 s unless set). (A window's store
 * never waits: see wp_store_set_interactive().)
 */
void
wp_store_set_busy_timeout (WpStore *self,
                           int      milliseconds)
{
  g_return_if_fail (WP_IS_STORE (self));
  self->busy_timeout_ms = MAX (milliseconds, 0);
}

/**
 * wp_store_set_interactive:
 *
 * Makes @self the store of a window, which must never wait for another
 * program: its writes fail at once with %WP_STORE_ERROR_BUSY while
 * another program writes (the caller keeps what was typed and tries again
 * in a moment), and then go before that program's next write, and any
 * other's (see wp-db-turn.c). Reads still wait the moment a reader may
 * have to, 0.1 s at most.
 */
void
wp_store_set_interactive (WpStore  *self,
                          gboolean  interactive)
{
  g_return_if_fail (WP_IS_STORE (self));
  self->interactive = interactive;
  if (!interactive)
    let_go_of_turn (self);
}

gboolean
_wp_store_query_data_version (WpStore *self,
                              gint64  *version)
{
  return _wp_db_query_int (self, "PRAGMA data_version", version, NULL);
}
