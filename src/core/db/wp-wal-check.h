/* wp-wal-check.h: finding committed changes a damaged log would lose
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "wp-store.h"

G_BEGIN_DECLS

gboolean _wp_wal_count_lost_commits (const char  *wal_path,
                                     guint       *n_lost,
                                     GError     **error);
gboolean _wp_wal_check_before_open  (const char        *path,
                                     WpStoreOpenFlags   flags,
                                     GError           **error);

G_END_DECLS
