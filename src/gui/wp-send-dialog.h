/* wp-send-dialog.h: sending each agency its task breakdown sheet
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "wp-window.h"

G_BEGIN_DECLS

#define WP_TYPE_SEND_DIALOG (wp_send_dialog_get_type ())
G_DECLARE_FINAL_TYPE (WpSendDialog, wp_send_dialog, WP, SEND_DIALOG, AdwWindow)

WpSendDialog *wp_send_dialog_new        (WpWindow     *window);
void          wp_send_dialog_set_folder (WpSendDialog *self,
                                         GFile        *folder);
GFile        *wp_send_dialog_get_folder (WpSendDialog *self);
void          wp_send_dialog_select     (WpSendDialog *self,
                                         const char   *agency,
                                         gboolean      selected);

G_END_DECLS
