/* wp-backend-changes.h: the change log, as a backend keeps it
 *
 * Every write a connection makes leaves rows (WpChange, db/wp-change.h)
 * in the same transaction; the store reads them after its own edits (undo)
 * and after other processes' commits (to show them in place). The SQLite
 * backend keeps them with TEMP triggers (db/wp-change-log.c); a PostgreSQL
 * backend would fill the same rows from its own triggers and wake other
 * clients with LISTEN/NOTIFY. The store calls these only through
 * WpBackend.changes.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "wp-change.h"
#include "wp-store.h"

G_BEGIN_DECLS

typedef struct {
  /* The log of @conn's connection, not yet writing rows */
  WpChangeLog *(*open)      (WpStore      *conn,
                             GError      **error);
  void         (*close)     (WpChangeLog  *log);
  /* Starts (or stops) logging @log's writes */
  gboolean     (*install)   (WpChangeLog  *log,
                             GError      **error);
  gboolean     (*remove)    (WpChangeLog  *log,
                             GError      **error);
  /* Writes made while paused leave no rows; pauses nest */
  void         (*pause)     (WpChangeLog  *log);
  void         (*resume)    (WpChangeLog  *log);
  gboolean     (*is_paused) (WpChangeLog  *log);
  /* The id of the newest (oldest) row, 0 when there is none */
  gboolean     (*last)      (WpStore      *conn,
                             gint64       *last,
                             GError      **error);
  gboolean     (*first)     (WpStore      *conn,
                             gint64       *first,
                             GError      **error);
  /* (element-type WpChange): the rows after @after, oldest first */
  GPtrArray   *(*read)      (WpStore      *conn,
                             gint64        after,
                             GError      **error);
  /* One row for a plan written at once (WP_CHANGE_BULK) */
  gboolean     (*add_bulk)  (WpStore      *conn,
                             gint64        plan_id,
                             GError      **error);
  /* One row for siblings moved along by @delta (WP_CHANGE_SHIFT) */
  gboolean     (*add_shift) (WpStore      *conn,
                             gint64        plan_id,
                             gint64        parent_id,
                             int           from,
                             int           delta,
                             gint64        except_id,
                             GError      **error);
  /* Writes the reverse of @changes, newest first, in the caller's
   * transaction; the reverse is logged like any write */
  gboolean     (*reverse)   (WpChangeLog  *log,
                             GPtrArray    *changes,
                             GError      **error);
  /* Keeps only the newest @keep rows */
  gboolean     (*trim)      (WpStore      *conn,
                             gint64        keep,
                             GError      **error);
} WpChangeLogQueries;

G_END_DECLS
