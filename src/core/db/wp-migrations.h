/* wp-migrations.h: the plan file's schema, version by version
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <sqlite3.h>

G_BEGIN_DECLS

const char *_wp_migration_sql            (gint64    from_version);
gboolean    _wp_migrations_check_schema  (sqlite3  *db,
                                          gint64    version,
                                          char    **missing);
gboolean    _wp_migrations_check_listed_schema (char **listing);

G_END_DECLS
