/* wp-db-file.h: a plan file read by a connection of its own
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <sqlite3.h>

G_BEGIN_DECLS

sqlite3  *_wp_db_file_open_read_only (const char    *path,
                                      GError       **error);
gboolean  _wp_db_file_check          (const char    *path,
                                      GError       **error);
gboolean  _wp_db_file_count          (const char    *path,
                                      guint         *n_plans,
                                      guint         *n_items,
                                      GError       **error);
gboolean  _wp_db_file_vacuum_into    (const char    *source,
                                      const char    *dest,
                                      GCancellable  *cancellable,
                                      GError       **error);

G_END_DECLS
