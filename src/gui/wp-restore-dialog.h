/* wp-restore-dialog.h: the list of a plan file's backups, to restore one
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "workplan-core.h"

G_BEGIN_DECLS

#define WP_TYPE_RESTORE_DIALOG (wp_restore_dialog_get_type ())
G_DECLARE_FINAL_TYPE (WpRestoreDialog, wp_restore_dialog, WP, RESTORE_DIALOG,
                      AdwPreferencesWindow)

WpRestoreDialog *wp_restore_dialog_new         (GtkWindow       *parent,
                                                const char      *plan_path,
                                                guint            keep);
char            *wp_backup_format_time         (const WpBackup  *backup);

G_END_DECLS
