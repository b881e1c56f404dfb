/* wp-db-stmt.h: prepared statements of a store's connection
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <sqlite3.h>

#include "wp-store.h"

G_BEGIN_DECLS

/* A prepared statement borrowed from the cache (or, when the cached one is
 * in use further up the stack, a fresh one); released with g_autoptr.
 * The wp_stmt_bind_*() return FALSE when a value cannot be bound (out of
 * memory, too big, no such parameter); the first such failure is also
 * kept, and the next wp_stmt_step() or wp_stmt_run() fails with it as a
 * GError, so that no statement runs with a value missing. */
typedef struct {
  WpStore      *store;
  sqlite3_stmt *stmt;
  gboolean      cached;
  int           bind_rc;  /* the first failed bind's result, or SQLITE_OK */
} WpStmt;

WpStmt   *wp_stmt_prepare       (WpStore     *self,
                                 const char  *sql,
                                 GError     **error);
void      wp_stmt_release       (WpStmt      *stmt);
int       wp_stmt_step          (WpStmt      *stmt,
                                 GError     **error);
gboolean  wp_stmt_run           (WpStmt      *stmt,
                                 GError     **error);
gboolean  wp_stmt_bind_text     (WpStmt      *stmt,
                                 int          index,
                                 const char  *text);
gboolean  wp_stmt_bind_static_text (WpStmt   *stmt,
                                    int       index,
                                    const char *text,
                                    gssize    len);
gboolean  wp_stmt_bind_id       (WpStmt      *stmt,
                                 int          index,
                                 gint64       id);
gboolean  wp_stmt_bind_int64    (WpStmt      *stmt,
                                 int          index,
                                 gint64       value);
gboolean  wp_stmt_bind_int      (WpStmt      *stmt,
                                 int          index,
                                 int          value);
gboolean  wp_stmt_bind_double   (WpStmt      *stmt,
                                 int          index,
                                 double       value);
gboolean  wp_stmt_bind_null     (WpStmt      *stmt,
                                 int          index);
gboolean  wp_stmt_bind_blob     (WpStmt      *stmt,
                                 int          index,
                                 gconstpointer data,
                                 gsize        len);
gboolean  wp_stmt_bind_static_blob (WpStmt   *stmt,
                                    int       index,
                                    gconstpointer data,
                                    gsize     len);
const char *wp_stmt_column_text (WpStmt      *stmt,
                                 int          column);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (WpStmt, wp_stmt_release)
gboolean  wp_store_set_error    (WpStore     *self,
                                 int          rc,
                                 GError     **error);
gboolean  wp_store_exec         (WpStore     *self,
                                 const char  *sql,
                                 GError     **error);

G_END_DECLS
