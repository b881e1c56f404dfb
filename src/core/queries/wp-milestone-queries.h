/* wp-milestone-queries.h: the SQL of milestones (形象进度), and nothing else
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <sqlite3.h>

G_BEGIN_DECLS

int  wp_milestone_queries_put    (sqlite3    *db,
                                  gint64      item_id,
                                  int         quarter,
                                  const char *text,
                                  int         progress);
int  wp_milestone_queries_delete (sqlite3    *db,
                                  gint64      item_id,
                                  int         quarter);
int  wp_milestone_queries_list   (sqlite3    *db,
                                  gint64      item_id,
                                  void      (*row) (gpointer    data,
                                                    int         quarter,
                                                    const char *text,
                                                    int         progress),
                                  gpointer    data);

int  wp_milestone_queries_list_plan (sqlite3  *db,
                                     gint64    plan_id,
                                     void    (*row) (gpointer    data,
                                                     gint64      item_id,
                                                     int         quarter,
                                                     const char *text,
                                                     int         progress),
                                     gpointer  data);

G_END_DECLS
