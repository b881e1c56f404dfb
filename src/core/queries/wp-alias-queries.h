/* wp-alias-queries.h: the SQL of agency aliases (别名), and nothing else
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <sqlite3.h>

G_BEGIN_DECLS

int  wp_alias_queries_add          (sqlite3    *db,
                                    gint64      agency_id,
                                    const char *name);
int  wp_alias_queries_remove       (sqlite3    *db,
                                    gint64      agency_id,
                                    const char *name);
int  wp_alias_queries_owner        (sqlite3    *db,
                                    const char *name,
                                    gint64     *agency_id,
                                    gboolean   *is_alias);
int  wp_alias_queries_list         (sqlite3    *db,
                                    gint64      agency_id,
                                    void      (*row) (gpointer    data,
                                                      const char *name),
                                    gpointer    data);
int  wp_alias_queries_list_all     (sqlite3    *db,
                                    void      (*row) (gpointer    data,
                                                      const char *alias,
                                                      const char *agency),
                                    gpointer    data);
int  wp_alias_queries_move         (sqlite3    *db,
                                    gint64      from_id,
                                    gint64      into_id);

/* What a search for @name finds besides words: the items of the agency
 * that is called @name, by its name, short name or an alias */
extern const char wp_alias_queries_items_of_named_agency[];

G_END_DECLS
