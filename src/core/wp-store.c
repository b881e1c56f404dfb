/* wp-store.c: opening, checking and migrating the plan database
 *
 * One SQLite file holds every plan. Opening never alters a file that is not
 * ours, is corrupt, is newer than this build, or is read-only: all of that is
 * checked with read-only queries before the first write (even the switch to
 * WAL rewrites the header, so it waits until the file is known to be ours).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <string.h>
#include <unistd.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "wp-store-private.h"
#include "db/wp-migrations.h"
#include "db/wp-wal-check.h"
#include "wp-backup.h"
#include "wp-deadline.h"
#include "wp-char-tokenizer.h"
#include "wp-item-list.h"

/* 'WPLN': marks a SQLite file as a Workplan plan file. */
#define WP_APPLICATION_ID 0x57504C4E

G_DEFINE_FINAL_TYPE (WpStore, wp_store, G_TYPE_OBJECT)

guint wp_store_signals[N_SIGNALS];

/* A store error may carry SQLite's own report, in English, beside the
 * message told to the user: the message says what is wrong and what to
 * do, the detail is for whoever looks into it. */
typedef struct {
  char *detail;
} WpStoreErrorPrivate;

static void
wp_store_error_private_init (WpStoreErrorPrivate *priv)
{
  priv->detail = NULL;
}

static void
wp_store_error_private_copy (const WpStoreErrorPrivate *src,
                             WpStoreErrorPrivate       *dest)
{
  dest->detail = g_strdup (src->detail);
}

static void
wp_store_error_private_clear (WpStoreErrorPrivate *priv)
{
  g_clear_pointer (&priv->detail, g_free);
}

G_DEFINE_EXTENDED_ERROR (WpStoreError, wp_store_error)

/**
 * wp_store_error_get_detail:
 * @error: (nullable): any error
 *
 * Returns: (nullable): SQLite's report behind a %WP_STORE_ERROR, untranslated,
 *   or %NULL
 */
const char *
wp_store_error_get_detail (const GError *error)
{
  WpStoreErrorPrivate *priv = error != NULL ? wp_store_error_get_private (error) : NULL;

  return priv != NULL ? priv->detail : NULL;
}

/* Sets the technical detail of a %WP_STORE_ERROR just set, if there is one */
void
wp_store_error_set_detail (GError     **error,
                           const char  *detail)
{
  WpStoreErrorPrivate *priv;

  if (error == NULL || *error == NULL)
    return;
  priv = wp_store_error_get_private (*error);
  if (priv == NULL)
    return;
  g_free (priv->detail);
  priv->detail = g_strdup (detail);
}

static void
finalize_statement (gpointer data)
{
  sqlite3_finalize (data);
}

static void
wp_store_finalize (GObject *object)
{
  WpStore *self = WP_STORE (object);

  /* Deleted items leave the file with the program's undo history. */
  if (self->opened && !self->read_only && !self->check_pending && !self->check_failed)
    {
      g_autoptr(GError) error = NULL;

      _wp_store_close_change_log (self);
      if (!wp_store_purge_deleted (self, &error))
        g_message ("Could not remove deleted items from “%s”: %s", self->path, error->message);
    }
  g_clear_pointer (&self->statements, g_hash_table_unref);
  wp_store_forget_live_items (self);
  g_clear_pointer (&self->live_items, g_hash_table_unref);
  g_clear_pointer (&self->rollups, g_hash_table_unref);
  g_clear_pointer (&self->judging, g_hash_table_unref);
  g_clear_pointer (&self->lists, g_hash_table_unref);
  g_clear_pointer (&self->plan_facts, g_hash_table_unref);
  g_clear_pointer (&self->shown_matches, g_array_unref);
  g_clear_pointer (&self->hit_ids, g_array_unref);
  g_clear_pointer (&self->hit_parents, g_array_unref);
  g_clear_pointer (&self->shown_ancestors, g_array_unref);
  g_clear_handle_id (&self->idle_checkpoint_source, g_source_remove);
  /* A checkpoint under way finishes first. */
  if (self->checkpoint_thread != NULL)
    g_thread_join (g_steal_pointer (&self->checkpoint_thread));
  if (self->db != NULL)
    {
      /* The log is copied into the file and emptied; then it goes, with
       * the shared memory, if no one else uses them (no connection of
       * ours removes them on close: see open_connection()). Reading a
       * file, even one refused, makes them too. */
      if (self->opened && !self->read_only && !self->check_pending)
        sqlite3_exec (self->db, "PRAGMA wal_checkpoint (TRUNCATE)", NULL, NULL, NULL);
      g_clear_pointer (&self->open_mark, _wp_store_unmark_open);
      g_clear_pointer (&self->change_log, wp_change_log_free);
      if (sqlite3_close (self->db) != SQLITE_OK)
        g_warning ("Could not close %s: %s", self->path, sqlite3_errmsg (self->db));
      else
        _wp_store_remove_unused_log (self->path);
      self->db = NULL;
    }
  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->immutable_uri, g_free);

  G_OBJECT_CLASS (wp_store_parent_class)->finalize (object);
}

static void
wp_store_class_init (WpStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = wp_store_finalize;

  /**
   * WpStore::plans-changed:
   *
   * A plan was created, renamed or deleted, or a whole plan was imported.
   */
  wp_store_signals[SIGNAL_PLANS_CHANGED] =
    g_signal_new ("plans-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  /**
   * WpStore::children-changed:
   * @plan_id: the plan
   * @parent_id: the parent whose children were added, removed or reordered
   *   (0 for the top level)
   */
  wp_store_signals[SIGNAL_CHILDREN_CHANGED] =
    g_signal_new ("children-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_INT64, G_TYPE_INT64);

  wp_store_signals[SIGNAL_AGENCIES_CHANGED] =
    g_signal_new ("agencies-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
wp_store_init (WpStore *self)
{
  self->statements = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, finalize_statement);
  self->live_items = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self->rollups = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  self->lists = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                       (GDestroyNotify) g_ptr_array_unref);
  self->due_soon_days = WP_LIGHT_DEFAULT_DUE_SOON_DAYS;
  /* The same day the window judges on, for the command line too */
  wp_date_get_reference (&self->reference_date);
}

/* Maps an SQLite result code to a GError that tells the user what to do. */
gboolean
wp_store_set_error (WpStore  *self,
                    int       rc,
                    GError  **error)
{
  const char *msg = self->db ? sqlite3_errmsg (self->db) : sqlite3_errstr (rc);

  switch (rc & 0xff)
    {
    case SQLITE_READONLY:
    case SQLITE_PERM:
    case SQLITE_CANTOPEN:
      g_set_error (error, WP_STORE_ERROR, WP_STORE_ERROR_READ_ONLY,
                   _("Cannot write to “%s”: the file or its folder is read-only. "
                     "Save a copy somewhere you can write to."), self->path);
      break;
    case SQLITE_CORRUPT:
      g_set_error (error, WP_STORE_ERROR, WP_STORE_ERROR_CORRUPT,
                   _("Part of “%s” cannot be read: the file is damaged. Restore it from a "
                     "backup copy."), self->path);
      wp_store_error_set_detail (error, msg);
      break;
    case SQLITE_NOTADB:
      g_set_error (error, WP_STORE_ERROR, WP_STORE_ERROR_NOT_WORKPLAN,
                   _("“%s” is not a Workplan plan file."), self->path);
      break;
    case SQLITE_FULL:
      g_set_error (error, WP_STORE_ERROR, WP_STORE_ERROR_FAILED,
                   _("The disk is full: nothing was changed. Free some space and try again."));
      break;
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      g_set_error (error, WP_STORE_ERROR, WP_STORE_ERROR_BUSY,
                   _("“%s” is in use by another program. Close it there and try again."),
                   self->path);
      break;
    case SQLITE_CONSTRAINT:
      g_set_error (error, WP_STORE_ERROR, WP_STORE_ERROR_INVALID,
                   _("The change breaks a rule of the plan file (%s)."), msg);
      break;
    default:
      g_set_error (error, WP_STORE_ERROR, WP_STORE_ERROR_FAILED,
                   _("Database error in “%s”: %s"), self->path, msg);
      break;
    }

  return FALSE;
}

WpStmt *
wp_stmt_prepare (WpStore     *self,
                 const char  *sql,
                 GError     **error)
{
  sqlite3_stmt *stmt = g_hash_table_lookup (self->statements, sql);
  WpStmt *ret;
  int rc;

  if (stmt != NULL && !sqlite3_stmt_busy (stmt))
    {
      ret = g_new0 (WpStmt, 1);
      ret->store = self;
      ret->stmt = stmt;
      ret->cached = TRUE;
      return ret;
    }

  rc = sqlite3_prepare_v3 (self->db, sql, -1,
                           stmt == NULL ? SQLITE_PREPARE_PERSISTENT : 0, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      wp_store_set_error (self, rc, error);
      return NULL;
    }

  ret = g_new0 (WpStmt, 1);
  ret->store = self;
  ret->stmt = stmt;
  if (!g_hash_table_contains (self->statements, sql))
    {
      g_hash_table_insert (self->statements, (gpointer) sql, stmt);
      ret->cached = TRUE;
    }

  return ret;
}

void
wp_stmt_release (WpStmt *stmt)
{
  if (stmt == NULL)
    return;

  if (stmt->cached)
    {
      sqlite3_reset (stmt->stmt);
      sqlite3_clear_bindings (stmt->stmt);
    }
  else
    sqlite3_finalize (stmt->stmt);

  g_free (stmt);
}

/* Returns SQLITE_ROW or SQLITE_DONE, or 0 with @error set. */
int
wp_stmt_step (WpStmt  *stmt,
              GError **error)
{
  int rc = sqlite3_step (stmt->stmt);

  if (rc == SQLITE_ROW || rc == SQLITE_DONE)
    return rc;

  wp_store_set_error (stmt->store, rc, error);
  return 0;
}

gboolean
wp_stmt_run (WpStmt  *stmt,
             GError **error)
{
  WpStore *self = stmt->store;
  gboolean own_transaction;
  int rc;

  /* A write outside a transaction gets one of its own, so that the change
   * log knows which of its rows are this store's (see
   * _wp_store_changes_committed()). */
  own_transaction = self->tx_depth == 0 && !sqlite3_stmt_readonly (stmt->stmt);
  if (own_transaction && !wp_store_begin (self, error))
    return FALSE;
  while ((rc = wp_stmt_step (stmt, error)) == SQLITE_ROW)
    ;
  if (!own_transaction)
    return rc == SQLITE_DONE;
  if (rc != SQLITE_DONE)
    {
      wp_store_rollback (self);
      return FALSE;
    }
  return wp_store_commit (self, error);
}

void
wp_stmt_bind_text (WpStmt     *stmt,
                   int         index,
                   const char *text)
{
  if (text == NULL)
    sqlite3_bind_null (stmt->stmt, index);
  else
    sqlite3_bind_text (stmt->stmt, index, text, -1, SQLITE_TRANSIENT);
}

/* Binds an id, with 0 meaning "none" (NULL), as for a top-level parent. */
void
wp_stmt_bind_id (WpStmt *stmt,
                 int     index,
                 gint64  id)
{
  if (id == 0)
    sqlite3_bind_null (stmt->stmt, index);
  else
    sqlite3_bind_int64 (stmt->stmt, index, id);
}

const char *
wp_stmt_column_text (WpStmt *stmt,
                     int     column)
{
  const char *text = (const char *) sqlite3_column_text (stmt->stmt, column);
  return text ? text : "";
}

gboolean
wp_store_exec (WpStore     *self,
               const char  *sql,
               GError     **error)
{
  int rc = sqlite3_exec (self->db, sql, NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    return wp_store_set_error (self, rc, error);
  return TRUE;
}

gboolean
wp_store_check_writable (WpStore  *self,
                         GError  **error)
{
  if (self->check_pending)
    {
      g_set_error (error, WP_STORE_ERROR, WP_STORE_ERROR_READ_ONLY,
                   _("“%s” is still being checked. Try again in a moment."), self->path);
      return FALSE;
    }
  if (self->check_failed)
    {
      g_set_error (error, WP_STORE_ERROR, WP_STORE_ERROR_CORRUPT,
                   _("“%s” is damaged: nothing can be changed in it. Restore it from a backup "
                     "copy."), self->path);
      return FALSE;
    }
  if (!self->read_only)
    return TRUE;

  g_set_error (error, WP_STORE_ERROR, WP_STORE_ERROR_READ_ONLY,
               _("“%s” is open read-only: nothing can be changed in it."), self->path);
  return FALSE;
}

char *
wp_store_now (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  return g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");
}

static int on_wal_commit (void       *user_data,
                          sqlite3    *db,
                          const char *name,
                          int         n_pages);

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

static gboolean
query_int (WpStore     *self,
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
static gboolean
set_pragma (WpStore     *self,
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
static gboolean
check_file_header (const char  *path,
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
static gboolean
check_result (WpStore     *self,
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
static gboolean
check_database (WpStore   *self,
                gboolean   check_later,
                gboolean  *is_new,
                gint64    *version,
                GError   **error)
{
  g_autofree char *check = NULL;
  gint64 app_id, n_objects;

  *is_new = FALSE;

  if (!query_int (self, "PRAGMA application_id", &app_id, error)
      || !query_int (self, "PRAGMA user_version", version, error)
      || !query_int (self, "SELECT count(*) FROM sqlite_master", &n_objects, error))
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
  return check_result (self, check, error);
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

static gboolean
migrate (WpStore  *self,
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

  return TRUE;
}

G_STATIC_ASSERT (WP_APPLICATION_ID == 1464880206);

/* Whether @path is a file no one may change here (a read-only file or
 * folder, or read-only media) whose log holds nothing: it is read as it
 * is, without the log and shared memory SQLite would otherwise need to
 * make beside it, and without locks. A log with content is read through
 * SQLite's usual way, which needs the shared memory. */
static gboolean
can_only_be_read (const char *path)
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
static char *
plain_file_uri (const char *path)
{
  g_autofree char *absolute = g_canonicalize_filename (path, NULL);

  return g_filename_to_uri (absolute, NULL, NULL);
}

/* file:///…?immutable=1, for sqlite3_open_v2() with SQLITE_OPEN_URI */
static char *
immutable_uri (const char *path)
{
  g_autofree char *uri = plain_file_uri (path);

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
static int
open_connection (const char  *path,
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

/**
 * wp_store_open:
 * @path: the plan file; created when it does not exist
 * @flags: %WP_STORE_OPEN_READ_ONLY to only read it
 *
 * Returns: (transfer full): the store, or %NULL with @error set. In that case
 *   an existing file was not modified.
 */
WpStore *
wp_store_open (const char        *path,
               WpStoreOpenFlags   flags,
               GError           **error)
{
  g_autoptr(WpStore) self = NULL;
  gboolean exists, is_new;
  gint64 version;
  int open_flags;
  int rc;

  g_return_val_if_fail (path != NULL, NULL);

  self = g_object_new (WP_TYPE_STORE, NULL);
  self->path = g_strdup (path);
  self->read_only = (flags & WP_STORE_OPEN_READ_ONLY) != 0;

  exists = g_file_test (path, G_FILE_TEST_EXISTS);
  if (exists && !check_file_header (path, error))
    return NULL;

  if (!exists && self->read_only)
    {
      g_set_error (error, WP_STORE_ERROR, WP_STORE_ERROR_NOT_FOUND,
                   _("“%s” does not exist."), path);
      return NULL;
    }

  if (exists && !self->read_only && g_access (path, W_OK) != 0)
    {
      g_set_error (error, WP_STORE_ERROR, WP_STORE_ERROR_READ_ONLY,
                   _("“%s” is read-only. Save a copy somewhere you can write to, or "
                     "make the file writable."), path);
      return NULL;
    }

  if (exists && !_wp_wal_check_before_open (path, flags, error))
    return NULL;

  open_flags = self->read_only ? SQLITE_OPEN_READONLY
                               : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
  _wp_store_protect_shm_locks ();
  if (self->read_only && can_only_be_read (path))
    {
      g_autofree char *uri = immutable_uri (path);

      rc = uri != NULL ? open_connection (uri, open_flags | SQLITE_OPEN_URI, &self->db)
                       : SQLITE_CANTOPEN;
      self->immutable_uri = g_steal_pointer (&uri);
    }
  else
    rc = open_connection (path, open_flags, &self->db);
  if (rc != SQLITE_OK)
    {
      wp_store_set_error (self, rc, error);
      return NULL;
    }
  sqlite3_extended_result_codes (self->db, FALSE);

  if (!check_database (self, (flags & WP_STORE_OPEN_CHECK_LATER) != 0, &is_new, &version,
                       error))
    return NULL;

  if (self->read_only)
    {
      if (is_new || version < WP_STORE_SCHEMA_VERSION)
        {
          g_set_error (error, WP_STORE_ERROR, WP_STORE_ERROR_NEEDS_UPGRADE,
                       _("“%s” needs to be upgraded before it can be read, but it is "
                         "opened read-only."), path);
          return NULL;
        }
      if (!set_pragma (self, "PRAGMA query_only = ON", "PRAGMA query_only", "1", error))
        return NULL;
    }
  else
    {
      if (!set_pragma (self, "PRAGMA journal_mode = WAL", "PRAGMA journal_mode", "wal", error)
          || !set_pragma (self, "PRAGMA synchronous = FULL", "PRAGMA synchronous", "2", error)
          || !set_pragma (self, "PRAGMA temp_store = MEMORY", "PRAGMA temp_store", "2", error)
          || !migrate (self, version, error))
        return NULL;
      /* The log is copied back into the file in a thread (see
       * on_wal_commit()), not by the edit that happens to fill it. */
      if (!set_pragma (self, "PRAGMA wal_autocheckpoint = 0", "PRAGMA wal_autocheckpoint", "0",
                       error))
        return NULL;
      sqlite3_wal_hook (self->db, on_wal_commit, self);
      /* Every write from now on leaves its rows in the change log. */
      self->change_log = wp_change_log_new (self->db, error);
      if (self->change_log == NULL || !wp_change_log_install (self->change_log, error))
        return NULL;
    }

  if (!set_pragma (self, "PRAGMA foreign_keys = ON", "PRAGMA foreign_keys", "1", error)
      || !set_pragma (self, "PRAGMA busy_timeout = 5000", "PRAGMA busy_timeout", "5000", error))
    return NULL;

  /* Until the check has found the file sound, nothing may write to it. */
  if (self->check_pending && !self->read_only
      && !set_pragma (self, "PRAGMA query_only = ON", "PRAGMA query_only", "1", error))
    return NULL;

  /* Items deleted by a program that stopped before closing the file (not
   * now if another program is writing: it is tidying, not an edit) */
  if (!self->read_only && !self->check_pending)
    {
      g_autoptr(GError) local_error = NULL;

      if (!wp_store_purge_deleted (self, &local_error)
          && !g_error_matches (local_error, WP_STORE_ERROR, WP_STORE_ERROR_BUSY))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }
    }

  /* (a file opened immutable is not shared with anyone who writes) */
  if (self->immutable_uri == NULL)
    self->open_mark = _wp_store_mark_open (path);
  if (!_wp_store_open_change_log (self, error))
    return NULL;
  self->opened = TRUE;
  wp_store_check_outside_changes (self);  /* (the version to compare with) */
  return g_steal_pointer (&self);
}

static void
check_in_thread (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  const char *path = task_data;
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  int rc;

  /* A connection of its own: the main one goes on reading meanwhile. */
  /* (a file only to be read is read as the store reads it: see
   * can_only_be_read()) */
  rc = open_connection (path, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, &db);
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
        g_task_return_pointer (task, g_string_free (result, FALSE), g_free);
      else
        g_string_free (result, TRUE);
    }
  /* A check that stops at damage says so, like one that lists it; other
   * failures are told with the file they are about. */
  if (rc == SQLITE_CORRUPT || rc == SQLITE_NOTADB)
    g_task_return_pointer (task, g_strdup (db != NULL ? sqlite3_errmsg (db) : sqlite3_errstr (rc)),
                           g_free);
  else if (rc != SQLITE_DONE)
    g_task_return_new_error (task, WP_STORE_ERROR, WP_STORE_ERROR_FAILED,
                             _("Could not check “%s” for damage: %s"), path,
                             db != NULL ? sqlite3_errmsg (db) : sqlite3_errstr (rc));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
}

/**
 * wp_store_check_async:
 *
 * Checks a store opened with %WP_STORE_OPEN_CHECK_LATER for damage, in a
 * thread, while the store can already be read. Until the check has found
 * the file sound, every write is refused.
 */
void
wp_store_check_async (WpStore             *self,
                      GCancellable        *cancellable,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (WP_IS_STORE (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, wp_store_check_async);
  if (!self->check_pending)
    {
      g_task_return_pointer (task, g_strdup ("ok"), g_free);
      return;
    }
  g_task_set_task_data (task, self->immutable_uri != NULL ? g_strdup (self->immutable_uri)
                                                          : plain_file_uri (self->path),
                        g_free);
  g_task_run_in_thread (task, check_in_thread);
}

/* Whether a check of wp_store_check_async() is still to come or running. */
gboolean
wp_store_is_check_pending (WpStore *self)
{
  g_return_val_if_fail (WP_IS_STORE (self), FALSE);
  return self->check_pending;
}

/* Returns FALSE with %WP_STORE_ERROR_CORRUPT if the file is damaged; it then
 * stays read-only. */
gboolean
wp_store_check_finish (WpStore       *self,
                       GAsyncResult  *result,
                       GError       **error)
{
  g_autofree char *check = NULL;

  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  if (!self->check_pending)
    return TRUE;
  check = g_task_propagate_pointer (G_TASK (result), error);
  if (check == NULL || !check_result (self, check, error))
    {
      self->check_pending = FALSE;
      self->check_failed = TRUE;
      return FALSE;
    }

  self->check_pending = FALSE;
  if (!self->read_only)
    return set_pragma (self, "PRAGMA query_only = OFF", "PRAGMA query_only", "0", error)
           && wp_store_purge_deleted (self, error);
  return TRUE;
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

  rc = open_connection (self->path, SQLITE_OPEN_READWRITE, &db);
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

static int
on_wal_commit (void       *user_data,
               sqlite3    *db,
               const char *name,
               int         n_pages)
{
  WpStore *self = user_data;

  if (g_strcmp0 (name, "main") != 0)
    return SQLITE_OK;
  self->last_commit_time = g_get_monotonic_time ();
  if (n_pages >= WAL_CHECKPOINT_PAGES)
    start_checkpoint (self);
  else if (self->idle_checkpoint_source == 0)
    self->idle_checkpoint_source = g_timeout_add_seconds (IDLE_CHECKPOINT_SECONDS,
                                                          on_idle_checkpoint, self);
  return SQLITE_OK;
}

/* $XDG_DATA_HOME/workplan/workplan.db */
char *
wp_store_default_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "workplan", "workplan.db", NULL);
}

const char *
wp_store_get_path (WpStore *self)
{
  g_return_val_if_fail (WP_IS_STORE (self), NULL);
  return self->path;
}

gboolean
wp_store_is_read_only (WpStore *self)
{
  g_return_val_if_fail (WP_IS_STORE (self), TRUE);
  return self->read_only;
}

/* Transactions nest: the outermost one is a real transaction, inner ones are
 * savepoints, so a command made of commands is still atomic. */
gboolean
wp_store_begin (WpStore  *self,
                GError  **error)
{
  g_autofree char *sql = NULL;

  g_return_val_if_fail (WP_IS_STORE (self), FALSE);

  if (!wp_store_check_writable (self, error))
    return FALSE;

  sql = self->tx_depth == 0 ? g_strdup ("BEGIN IMMEDIATE")
                            : g_strdup_printf ("SAVEPOINT sp%u", self->tx_depth);
  if (!wp_store_exec (self, sql, error))
    return FALSE;
  if (self->tx_depth++ == 0)
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

/* Reads every item a view holds from the file again. */
void
_wp_store_reread_live_items (WpStore *self)
{
  g_autoptr(GList) ids = g_hash_table_get_keys (self->live_items);

  for (GList *l = ids; l != NULL; l = l->next)
    {
      g_autoptr(WpItem) item = wp_store_get_item (self, *(gint64 *) l->data, NULL);
    }
}

/* Reads every item a view holds again and tells the views to read the
 * rest: the file holds something else than they were told. */
void
_wp_store_show_the_file_again (WpStore *self)
{
  _wp_store_forget_facts (self);
  _wp_store_reread_live_items (self);
  wp_store_plans_changed (self);
  g_signal_emit (self, wp_store_signals[SIGNAL_AGENCIES_CHANGED], 0);
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
 * How long an edit waits for another program's write to end before it
 * fails with %WP_STORE_ERROR_BUSY (5 s unless set). The window sets it
 * short: waiting holds up everything it shows.
 */
void
wp_store_set_busy_timeout (WpStore *self,
                           int      milliseconds)
{
  g_return_if_fail (WP_IS_STORE (self));
  sqlite3_busy_timeout (self->db, MAX (milliseconds, 0));
}

gboolean
_wp_store_query_data_version (WpStore *self,
                              gint64  *version)
{
  return query_int (self, "PRAGMA data_version", version, NULL);
}

/**
 * wp_store_save_copy:
 * @dest_path: where to write the copy; must not exist
 *
 * Writes a consistent, compacted copy of the whole database (VACUUM INTO).
 */
gboolean
wp_store_save_copy (WpStore     *self,
                    const char  *dest_path,
                    GError     **error)
{
  sqlite3_stmt *raw = NULL;
  int rc;

  g_return_val_if_fail (WP_IS_STORE (self), FALSE);

  if (g_file_test (dest_path, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, WP_STORE_ERROR, WP_STORE_ERROR_EXISTS,
                   _("“%s” already exists; choose another name."), dest_path);
      return FALSE;
    }

  /* What was deleted is not copied, even hidden (the copy is often sent
   * to others); undo puts it back from its snapshot afterwards. */
  if (self->opened && !self->read_only && !self->check_pending && !self->check_failed
      && !wp_store_purge_deleted (self, error))
    return FALSE;

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
                   _("Could not write a copy to “%s”: %s"), dest_path, sqlite3_errmsg (self->db));
      return FALSE;
    }

  return TRUE;
}

/**
 * wp_store_set_judging:
 * @reference_date: the day traffic lights are judged on (usually today; a
 *   briefing "as of" another day uses that day)
 * @due_soon_days: how many days before its deadline an item turns yellow
 *
 * Live items are re-read so that every view shows the new lights.
 */
void
wp_store_set_judging (WpStore     *self,
                      const GDate *reference_date,
                      int          due_soon_days)
{
  g_return_if_fail (WP_IS_STORE (self));
  g_return_if_fail (reference_date != NULL && g_date_valid (reference_date));

  self->reference_date = *reference_date;
  self->due_soon_days = MAX (due_soon_days, 0);
  wp_store_forget_rollups (self);
  _wp_store_reread_live_items (self);
}

/* Tells views that plans came or went, or holds it back during a bulk
 * write (see wp_store_freeze_signals()). */
void
wp_store_plans_changed (WpStore *self)
{
  if (self->tx_depth > 0)
    self->told_in_transaction = TRUE;
  if (self->frozen > 0)
    self->missed_signals = TRUE;
  else
    g_signal_emit (self, wp_store_signals[SIGNAL_PLANS_CHANGED], 0);
}

const GDate *
wp_store_get_reference_date (WpStore *self)
{
  g_return_val_if_fail (WP_IS_STORE (self), NULL);
  return &self->reference_date;
}

/**
 * wp_store_freeze_signals:
 *
 * Holds back change signals and item refreshes during a bulk write such as
 * an import; wp_store_thaw_signals() then emits WpStore::plans-changed once,
 * which tells views to reload.
 */
void
wp_store_freeze_signals (WpStore *self)
{
  g_return_if_fail (WP_IS_STORE (self));
  self->frozen++;
}

void
wp_store_thaw_signals (WpStore *self)
{
  g_return_if_fail (WP_IS_STORE (self));
  g_return_if_fail (self->frozen > 0);

  if (--self->frozen == 0 && self->missed_signals)
    {
      wp_store_forget_rollups (self);
      self->missed_signals = FALSE;
      g_signal_emit (self, wp_store_signals[SIGNAL_PLANS_CHANGED], 0);
    }
}

void
wp_target_free (WpTarget *target)
{
  if (target == NULL)
    return;
  g_free (target->label);
  g_free (target->unit);
  g_free (target);
}

void
wp_note_free (WpNote *note)
{
  if (note == NULL)
    return;
  g_free (note->text);
  g_free (note->reporter);
  g_free (note);
}
