/* wp-reporting-queries.h: the SQL of reporting periods (报送), and nothing else
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <sqlite3.h>

G_BEGIN_DECLS

int  wp_reporting_queries_noted_items (sqlite3    *db,
                                       gint64      plan_id,
                                       const char *from,
                                       const char *to,
                                       void      (*row) (gpointer data,
                                                         gint64   item_id),
                                       gpointer    data);
int  wp_reporting_queries_expected    (sqlite3    *db,
                                       gint64      plan_id,
                                       int         quarter,
                                       void      (*row) (gpointer data,
                                                         gint64   item_id,
                                                         int      progress),
                                       gpointer    data);
int  wp_reporting_queries_titles      (sqlite3    *db,
                                       gint64      plan_id,
                                       void      (*row) (gpointer    data,
                                                         gint64      item_id,
                                                         const char *title),
                                       gpointer    data);

G_END_DECLS
