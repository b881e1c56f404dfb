/* wp-change-log.h: the SQLite backend's change log (TEMP triggers)
 *
 * Only the backend's table (queries/wp-sqlite-backend.c) names these; the
 * store calls them through WpChangeLogQueries (db/wp-backend-changes.h).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <sqlite3.h>

#include "wp-change.h"
#include "wp-store.h"

G_BEGIN_DECLS

WpChangeLog *wp_change_log_new       (WpStore      *store,
                                      GError      **error);
void         wp_change_log_free      (WpChangeLog  *log);
gboolean     wp_change_log_install   (WpChangeLog  *log,
                                      GError      **error);
void         wp_change_log_pause     (WpChangeLog  *log);
void         wp_change_log_resume    (WpChangeLog  *log);
gboolean     wp_change_log_is_paused (WpChangeLog  *log);
gboolean     wp_change_log_remove    (WpChangeLog  *log,
                                      GError      **error);
gboolean     wp_change_log_last      (WpStore      *store,
                                      gint64       *last,
                                      GError      **error);
gboolean     wp_change_log_first     (WpStore      *store,
                                      gint64       *first,
                                      GError      **error);
GPtrArray   *wp_change_log_read      (WpStore      *store,
                                      gint64        after,
                                      GError      **error);
gboolean     wp_change_log_add_bulk  (WpStore      *store,
                                      gint64        plan_id,
                                      GError      **error);
gboolean     wp_change_log_add_shift (WpStore      *store,
                                      gint64        plan_id,
                                      gint64        parent_id,
                                      int           from,
                                      int           delta,
                                      gint64        except_id,
                                      GError      **error);
gboolean     wp_change_log_reverse   (WpChangeLog  *log,
                                      GPtrArray    *changes,
                                      GError      **error);
gboolean     wp_change_log_trim      (WpStore      *store,
                                      gint64        keep,
                                      GError      **error);

G_END_DECLS
