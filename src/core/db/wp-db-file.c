/* wp-db-file.c: a plan file read by a connection of its own, not a store's
 *
 * What backups ask of a file by its path: whether it is a sound plan file
 * (PRAGMA quick_check), how many plans and items it holds, and a copy of it
 * by VACUUM INTO that a GCancellable stops. Each connection is read-only
 * and, as every connection to a plan file, keeps the write-ahead log
 * (SQLITE_FCNTL_PERSIST_WAL).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <sqlite3.h>

#include "wp-char-tokenizer.h"
#include "wp-db-file.h"
#include "wp-backup-private.h"
#include "wp-store.h"

sqlite3 *
_wp_db_file_open_read_only (const char  *path,
                            GError     **error)
{
  sqlite3 *db = NULL;
  int persist_wal = 1;
  int rc = sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, NULL);

  /* (as every connection to a plan file: see open_connection() in
   * wp-store.c) */
  if (rc == SQLITE_OK)
    rc = sqlite3_file_control (db, "main", SQLITE_FCNTL_PERSIST_WAL, &persist_wal);
  if (rc == SQLITE_OK)
    rc = _wp_char_tokenizer_register (db);
  if (rc == SQLITE_OK)
    rc = sqlite3_busy_timeout (db, 5000);
  if (rc != SQLITE_OK)
    {
      g_set_error (error, WP_STORE_ERROR, WP_STORE_ERROR_FAILED, _("Cannot read “%s”: %s"), path,
                   db ? sqlite3_errmsg (db) : sqlite3_errstr (rc));
      sqlite3_close (db);
      return NULL;
    }
  return db;
}

static void
interrupt (GCancellable *cancellable,
           sqlite3      *db)
{
  sqlite3_interrupt (db);
}

/* VACUUM INTO from a connection of its own, which @cancellable stops */
gboolean
_wp_db_file_vacuum_into (const char    *source,
                         const char    *dest,
                         GCancellable  *cancellable,
                         GError       **error)
{
  sqlite3 *db = _wp_db_file_open_read_only (source, error);
  sqlite3_stmt *stmt = NULL;
  gulong handler = 0;
  int rc;

  if (db == NULL)
    return FALSE;
  if (cancellable != NULL)
    handler = g_cancellable_connect (cancellable, G_CALLBACK (interrupt), db, NULL);
  /* An import sets the search index's triggers aside and back in its
   * transaction (wp-store-bulk.c): a schema changed between preparing
   * the VACUUM and running it makes SQLite run it again over the tables
   * it had copied ("table … already exists"). It goes well the next time. */
  for (int attempt = 0; attempt < 5; attempt++)
    {
      rc = sqlite3_prepare_v2 (db, "VACUUM INTO ?", -1, &stmt, NULL);
      if (rc == SQLITE_OK)
        {
          sqlite3_bind_text (stmt, 1, dest, -1, SQLITE_TRANSIENT);
          rc = sqlite3_step (stmt);
        }
      if (rc == SQLITE_DONE || rc != SQLITE_ERROR
          || g_cancellable_is_cancelled (cancellable) || attempt == 4)
        break;
      sqlite3_finalize (stmt);
      stmt = NULL;
      g_unlink (dest);
    }
  g_cancellable_disconnect (cancellable, handler);
  if (rc != SQLITE_DONE)
    {
      if (!g_cancellable_set_error_if_cancelled (cancellable, error))
        g_set_error (error, WP_STORE_ERROR, WP_STORE_ERROR_FAILED,
                     _("Could not write a copy to “%s”: %s"), dest, sqlite3_errmsg (db));
    }
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return rc == SQLITE_DONE;
}

gboolean
_wp_db_file_check (const char  *backup_path,
                   GError     **error)
{
  sqlite3 *db = _wp_db_file_open_read_only (backup_path, error);
  sqlite3_stmt *stmt = NULL;
  gint64 app_id = 0;
  gboolean ok = FALSE;
  int rc;

  if (db == NULL)
    return FALSE;

  rc = sqlite3_prepare_v2 (db, "PRAGMA application_id", -1, &stmt, NULL);
  if (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    app_id = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  stmt = NULL;

  if (rc == SQLITE_ROW && app_id != WP_APPLICATION_ID)
    {
      g_set_error (error, WP_STORE_ERROR, WP_STORE_ERROR_NOT_WORKPLAN,
                   _("“%s” is not a Workplan plan file."), backup_path);
      sqlite3_close (db);
      return FALSE;
    }

  if (rc == SQLITE_ROW)
    rc = sqlite3_prepare_v2 (db, "PRAGMA quick_check", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      ok = TRUE;
      /* One row per problem found, or one "ok" */
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        if (g_strcmp0 ((const char *) sqlite3_column_text (stmt, 0), "ok") != 0)
          {
            g_message ("The backup “%s” is damaged: %s", backup_path,
                       (const char *) sqlite3_column_text (stmt, 0));
            ok = FALSE;
            break;
          }
      ok = ok && rc == SQLITE_DONE;
    }
  if (!ok)
    {
      if (rc != SQLITE_DONE && rc != SQLITE_ROW)
        g_message ("The backup “%s” cannot be read through: %s", backup_path,
                   sqlite3_errmsg (db));
      g_set_error (error, WP_STORE_ERROR, WP_STORE_ERROR_CORRUPT,
                   _("The backup “%s” is damaged."), backup_path);
    }
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return ok;
}

/* How many plans and items the file holds, to tell backups apart */
gboolean
_wp_db_file_count (const char  *backup_path,
                   guint       *n_plans,
                   guint       *n_items,
                   GError     **error)
{
  sqlite3 *db = _wp_db_file_open_read_only (backup_path, error);
  sqlite3_stmt *stmt = NULL;
  int rc;

  if (db == NULL)
    return FALSE;
  /* ("item" is a table in files of format 4 and older, a view after) */
  rc = sqlite3_prepare_v2 (db, "SELECT (SELECT count(*) FROM plan), (SELECT count(*) FROM item)",
                           -1, &stmt, NULL);
  if (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      *n_plans = (guint) sqlite3_column_int64 (stmt, 0);
      *n_items = (guint) sqlite3_column_int64 (stmt, 1);
    }
  else
    g_set_error (error, WP_STORE_ERROR, WP_STORE_ERROR_FAILED, _("Cannot read “%s”: %s"),
                 backup_path, sqlite3_errmsg (db));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return rc == SQLITE_ROW;
}
