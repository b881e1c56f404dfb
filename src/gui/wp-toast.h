/* wp-toast.h: toasts whose text is shown as written, and undo toasts that
 * lose their button when they no longer offer the last edit
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "wp-undo.h"

G_BEGIN_DECLS

AdwToast *wp_toast_new         (const char  *text);
AdwToast *wp_toast_new_printf  (const char  *format,
                                ...) G_GNUC_PRINTF (1, 2);
void      wp_toast_offer_undo  (AdwToast    *toast,
                                WpUndoStack *undo);
gboolean  wp_toast_is_current  (AdwToast    *toast);

void      wp_toast_add_after_frame (AdwToastOverlay *overlay,
                                    AdwToast        *toast);

G_END_DECLS
