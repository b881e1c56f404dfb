/* wp-thread-progress.h: a dialog's progress bar, fed from a worker thread
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void wp_thread_progress_post (GObject         *owner,
                              GtkProgressBar  *bar,
                              GCancellable   **running,
                              const guint     *total,
                              guint            done,
                              const char      *name);

G_END_DECLS
