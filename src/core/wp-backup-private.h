/* wp-backup-private.h: what wp-backup.c and wp-backup-restore.c share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* 'WPLN', as in wp-store.c: a backup must be a plan file. */
#define WP_APPLICATION_ID 0x57504C4E

gboolean  _wp_backup_sync_file      (const char  *path,
                                     gboolean     is_folder,
                                     GError     **error);

G_END_DECLS
