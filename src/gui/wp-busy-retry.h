/* wp-busy-retry.h: saving again what could not be saved while another
 * program wrote to the file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Tries to save again what @owner shows. Returns %FALSE with @error if it
 * still cannot; %TRUE once saved, or once there is nothing left to save. */
typedef gboolean (*WpBusyRetryFunc) (GtkWidget  *owner,
                                     GError    **error);

gboolean wp_busy_retry_start     (GtkWidget        *owner,
                                  const GError     *error,
                                  WpBusyRetryFunc   retry);
gboolean wp_busy_retry_is_active (GtkWidget        *owner);

G_END_DECLS
