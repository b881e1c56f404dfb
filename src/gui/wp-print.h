/* wp-print.h: printing the progress briefing
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "workplan-core.h"

G_BEGIN_DECLS

GtkPrintOperation *wp_print_operation_new (WpStore    *store,
                                           gint64      plan_id,
                                           const char *agency,
                                           const char *summary);
const GError      *wp_print_operation_get_failure (GtkPrintOperation *operation);

G_END_DECLS
