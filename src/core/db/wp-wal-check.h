/* wp-wal-check.h: finding committed changes a damaged log would lose
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

gboolean _wp_wal_count_lost_commits (const char  *wal_path,
                                     guint       *n_lost,
                                     GError     **error);

G_END_DECLS
