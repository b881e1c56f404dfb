/* wp-db.h: the connection's machinery, for the store's facade (wp-store.c)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "wp-store-private.h"

G_BEGIN_DECLS

/* Where SQLite's locks on a database file start (its PENDING_BYTE, the
 * default of every build); locks on the shared memory are on its bytes
 * 120-128, far below. A database file is unlocked whole from byte 0. */
#define DATABASE_LOCKS_START 0x40000000

/* Opening */
gboolean  _wp_db_check_file_header (const char  *path,
                                    GError     **error);
gboolean  _wp_db_can_only_be_read  (const char  *path);
char     *_wp_db_plain_file_uri    (const char  *path);
char     *_wp_db_immutable_uri     (const char  *path);
int       _wp_db_open_connection   (const char  *path,
                                    int          flags,
                                    sqlite3    **db);
gboolean  _wp_db_query_int         (WpStore     *self,
                                    const char  *sql,
                                    gint64      *out,
                                    GError     **error);
gboolean  _wp_db_query_int64       (WpStore     *self,
                                    const char  *sql,
                                    gint64      *value,
                                    GError     **error);
gint64    _wp_db_total_changes     (WpStore     *self);
gboolean  _wp_db_set_pragma        (WpStore     *self,
                                    const char  *set_sql,
                                    const char  *get_sql,
                                    const char  *expected,
                                    GError     **error);

/* Checking and migrating */
gboolean  _wp_db_check_database    (WpStore     *self,
                                    gboolean     check_later,
                                    gboolean    *is_new,
                                    gint64      *version,
                                    GError     **error);
gboolean  _wp_db_check_result      (WpStore     *self,
                                    const char  *check,
                                    GError     **error);
gboolean  _wp_db_migrate           (WpStore     *self,
                                    gint64       from_version,
                                    GError     **error);

/* The connection's life (wp-db-conn.c) */
void        _wp_db_protect_shm_locks      (void);
gboolean    _wp_db_open                   (WpStore     *self,
                                           GError     **error);
GHashTable *_wp_db_new_statement_cache    (void);
void        _wp_db_use_plain_result_codes (WpStore     *self);
gboolean    _wp_db_set_query_only         (WpStore     *self,
                                           gboolean     on,
                                           GError     **error);
gboolean    _wp_db_ready_for_writing      (WpStore     *self,
                                           gboolean     is_new,
                                           gint64       version,
                                           GError     **error);
gboolean    _wp_db_enforce_foreign_keys   (WpStore     *self,
                                           GError     **error);
void        _wp_db_give_back_free_pages   (WpStore     *self);
void        _wp_db_truncate_log           (WpStore     *self);
gboolean    _wp_db_close                  (WpStore     *self);
gboolean    _wp_db_file_refuses_readers   (const char  *path);
char       *_wp_db_quick_check            (const char  *uri,
                                           GError     **error);
gboolean    _wp_db_vacuum_into            (WpStore     *self,
                                           const char  *dest_path,
                                           GError     **error);
void        _wp_db_follow_cancellable     (WpStore     *self);

/* The log: copied into the file in a thread once long, or when idle */
void      _wp_db_wait_as_a_batch   (WpStore     *self);
void      _wp_db_forget_turn       (WpStore     *self);
int       _wp_db_on_wal_commit     (void        *user_data,
                                    sqlite3     *db,
                                    const char  *name,
                                    int          n_pages);

G_END_DECLS
