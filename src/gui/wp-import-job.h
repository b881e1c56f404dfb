/* wp-import-job.h: importing a large plan in a thread, with progress and Cancel
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "wp-window.h"

G_BEGIN_DECLS

/* JSON larger than this is imported in a thread (about 1,500 items) */
#define WP_IMPORT_IN_THREAD_BYTES (1024 * 1024)

void      _wp_window_import_in_thread (WpWindow   *self,
                                       const char *name,
                                       const char *json_path,
                                       char       *json);
gboolean  _wp_window_is_importing     (WpWindow   *self);
void      _wp_window_cancel_import    (WpWindow   *self);

G_END_DECLS
