/* wp-json-scan.h: a strict check of JSON text before json-glib reads it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

gboolean wp_json_scan (const char  *data,
                       gsize        length,
                       guint        max_depth,
                       GError     **error);

G_END_DECLS
