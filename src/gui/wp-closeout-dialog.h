/* wp-closeout-dialog.h: marking an item done with its completion note and
 * evidence files (销号)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "wp-undo.h"

G_BEGIN_DECLS

#define WP_TYPE_CLOSEOUT_DIALOG (wp_closeout_dialog_get_type ())
G_DECLARE_FINAL_TYPE (WpCloseoutDialog, wp_closeout_dialog, WP, CLOSEOUT_DIALOG, AdwWindow)

WpCloseoutDialog *wp_closeout_dialog_present    (GtkWidget        *from,
                                                 WpUndoStack      *undo,
                                                 WpItem           *item);
void              wp_closeout_dialog_add_file   (WpCloseoutDialog *self,
                                                 GFile            *file);
guint             wp_closeout_dialog_get_n_files (WpCloseoutDialog *self);
gboolean          wp_closeout_dialog_is_loading (WpCloseoutDialog *self);
void              wp_closeout_dialog_set_completion (WpCloseoutDialog *self,
                                                 const char       *text);
GtkWidget        *wp_closeout_dialog_get_confirm_button (WpCloseoutDialog *self);
WpItem           *wp_closeout_dialog_get_item   (WpCloseoutDialog *self);

G_END_DECLS
