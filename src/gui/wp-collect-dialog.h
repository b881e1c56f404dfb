/* wp-collect-dialog.h: reviewing and collecting the sheets agencies returned
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "wp-window.h"

G_BEGIN_DECLS

#define WP_TYPE_COLLECT_DIALOG (wp_collect_dialog_get_type ())
G_DECLARE_FINAL_TYPE (WpCollectDialog, wp_collect_dialog, WP, COLLECT_DIALOG, AdwWindow)

WpCollectDialog *wp_collect_dialog_new       (WpWindow           *window,
                                              const char * const *files);
gboolean         wp_collect_dialog_can_apply (WpCollectDialog    *self);
gboolean         wp_collect_dialog_apply     (WpCollectDialog    *self);
gboolean         wp_collect_dialog_is_reading (WpCollectDialog   *self);

G_END_DECLS
