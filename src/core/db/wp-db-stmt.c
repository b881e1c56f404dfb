/* wp-db-stmt.c: prepared statements, binds, steps and what SQLite's errors mean
 *
 * Statements are prepared once and kept by their SQL (a string that lives
 * as long as the program: a literal or an interned one). Every bind says
 * whether it worked, and a statement whose bind failed does not run: its
 * step fails with the bind's error.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "wp-store-private.h"

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
      /* (a window tries again at once, and goes next: see
       * wp_store_set_interactive()) */
      if (self->interactive)
        g_set_error (error, WP_STORE_ERROR, WP_STORE_ERROR_BUSY,
                     _("Another program is saving to “%s”. Try again in a moment."),
                     self->path);
      else
        g_set_error (error, WP_STORE_ERROR, WP_STORE_ERROR_BUSY,
                     _("“%s” is in use by another program. Close it there and try again."),
                     self->path);
      break;
    case SQLITE_CONSTRAINT:
      g_set_error (error, WP_STORE_ERROR, WP_STORE_ERROR_INVALID,
                   _("The change breaks a rule of the plan file (%s)."), msg);
      break;
    case SQLITE_INTERRUPT:
      /* (wp_store_set_cancellable()) */
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                           _("Cancelled: nothing was changed."));
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
  int rc;

  if (stmt->bind_rc != SQLITE_OK)
    {
      wp_store_set_error (stmt->store, stmt->bind_rc, error);
      return 0;
    }
  rc = sqlite3_step (stmt->stmt);

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

/* Keeps the first failed bind for wp_stmt_step() (see WpStmt) */
static gboolean
bound (WpStmt *stmt,
       int     rc)
{
  if (rc == SQLITE_OK)
    return TRUE;
  if (stmt->bind_rc == SQLITE_OK)
    stmt->bind_rc = rc;
  return FALSE;
}

/* Binds a copy of @text, or NULL for %NULL. */
gboolean
wp_stmt_bind_text (WpStmt     *stmt,
                   int         index,
                   const char *text)
{
  if (text == NULL)
    return bound (stmt, sqlite3_bind_null (stmt->stmt, index));
  return bound (stmt, sqlite3_bind_text (stmt->stmt, index, text, -1, SQLITE_TRANSIENT));
}

/* Binds @text itself, not a copy: it must outlive the statement's run
 * (as a JSON list of ids built for one query does). */
gboolean
wp_stmt_bind_static_text (WpStmt     *stmt,
                          int         index,
                          const char *text,
                          gssize      len)
{
  return bound (stmt, sqlite3_bind_text (stmt->stmt, index, text, (int) len, SQLITE_STATIC));
}

/* Binds an id, with 0 meaning "none" (NULL), as for a top-level parent. */
gboolean
wp_stmt_bind_id (WpStmt *stmt,
                 int     index,
                 gint64  id)
{
  if (id == 0)
    return bound (stmt, sqlite3_bind_null (stmt->stmt, index));
  return bound (stmt, sqlite3_bind_int64 (stmt->stmt, index, id));
}

gboolean
wp_stmt_bind_int64 (WpStmt *stmt,
                    int     index,
                    gint64  value)
{
  return bound (stmt, sqlite3_bind_int64 (stmt->stmt, index, value));
}

gboolean
wp_stmt_bind_int (WpStmt *stmt,
                  int     index,
                  int     value)
{
  return bound (stmt, sqlite3_bind_int (stmt->stmt, index, value));
}

gboolean
wp_stmt_bind_double (WpStmt *stmt,
                     int     index,
                     double  value)
{
  return bound (stmt, sqlite3_bind_double (stmt->stmt, index, value));
}

gboolean
wp_stmt_bind_null (WpStmt *stmt,
                   int     index)
{
  return bound (stmt, sqlite3_bind_null (stmt->stmt, index));
}

/* Binds a copy of @len bytes of @data */
gboolean
wp_stmt_bind_blob (WpStmt        *stmt,
                   int            index,
                   gconstpointer  data,
                   gsize          len)
{
  if (len > G_MAXINT)
    return bound (stmt, SQLITE_TOOBIG);
  return bound (stmt, sqlite3_bind_blob (stmt->stmt, index, data, (int) len, SQLITE_TRANSIENT));
}

/* Binds @data itself, not a copy (an evidence file's bytes): it must
 * outlive the statement's run. A zero-length blob, not NULL, when @len is 0. */
gboolean
wp_stmt_bind_static_blob (WpStmt        *stmt,
                          int            index,
                          gconstpointer  data,
                          gsize          len)
{
  return bound (stmt, sqlite3_bind_blob64 (stmt->stmt, index, len > 0 ? data : "", len,
                                           SQLITE_STATIC));
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
