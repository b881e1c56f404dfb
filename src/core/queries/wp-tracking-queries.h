/* wp-tracking-queries.h: the SQL of plan settings, close-out, evidence
 * files and the year-end check
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <sqlite3.h>

#include "wp-tracking.h"

G_BEGIN_DECLS

int  wp_tracking_queries_get_settings   (sqlite3              *db,
                                         gint64                plan_id,
                                         WpPlanSettings       *settings);
int  wp_tracking_queries_put_settings   (sqlite3              *db,
                                         gint64                plan_id,
                                         const WpPlanSettings *settings);
int  wp_tracking_queries_get_closeout   (sqlite3              *db,
                                         gint64                item_id,
                                         WpCloseout           *closeout);
int  wp_tracking_queries_put_closeout   (sqlite3              *db,
                                         gint64                item_id,
                                         const char           *completion,
                                         WpCloseoutState       state,
                                         const char           *closed_by,
                                         const char           *closed_at);
int  wp_tracking_queries_drop_closeout  (sqlite3              *db,
                                         gint64                item_id);
int  wp_tracking_queries_list_pending   (sqlite3              *db,
                                         gint64                plan_id,
                                         GArray               *ids);
int  wp_tracking_queries_put_data       (sqlite3              *db,
                                         const char           *sha256,
                                         GBytes               *data);
int  wp_tracking_queries_add_attachment (sqlite3              *db,
                                         gint64                item_id,
                                         const char           *name,
                                         const char           *type,
                                         gint64                size,
                                         const char           *sha256,
                                         const char           *added,
                                         gint64               *id);
int  wp_tracking_queries_list_attachments (sqlite3            *db,
                                         gint64                item_id,
                                         GPtrArray            *out);
int  wp_tracking_queries_read_attachment (sqlite3             *db,
                                         gint64                attachment_id,
                                         GBytes              **data);
int  wp_tracking_queries_drop_attachment (sqlite3             *db,
                                         gint64                attachment_id);
int  wp_tracking_queries_drop_unused_data (sqlite3            *db);
int  wp_tracking_queries_get_reason     (sqlite3              *db,
                                         gint64                item_id,
                                         char                **reason);
int  wp_tracking_queries_put_reason     (sqlite3              *db,
                                         gint64                item_id,
                                         const char           *reason);
int  wp_tracking_queries_list_unexplained (sqlite3            *db,
                                         gint64                plan_id,
                                         GArray               *ids);
int  wp_tracking_queries_set_checked    (sqlite3              *db,
                                         gint64                plan_id,
                                         const char           *when);
int  wp_tracking_queries_get_checked    (sqlite3              *db,
                                         gint64                plan_id,
                                         char                **when);

int  wp_tracking_queries_list_plan_closeouts (sqlite3     *db,
                                         gint64                plan_id,
                                         void                (*row) (gpointer          data,
                                                                     gint64            item_id,
                                                                     const WpCloseout *closeout),
                                         gpointer              data);
int  wp_tracking_queries_list_plan_attachments (sqlite3   *db,
                                         gint64                plan_id,
                                         GPtrArray            *out);
int  wp_tracking_queries_list_plan_reasons (sqlite3       *db,
                                         gint64                plan_id,
                                         void                (*row) (gpointer    data,
                                                                     gint64      item_id,
                                                                     const char *reason),
                                         gpointer              data);
int  wp_tracking_queries_has_data       (sqlite3              *db,
                                         const char           *sha256,
                                         gboolean             *has);

G_END_DECLS
