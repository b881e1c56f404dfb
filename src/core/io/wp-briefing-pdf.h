/* wp-briefing-pdf.h: the progress briefing (工作进展通报) as an A4 PDF
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "wp-store.h"

G_BEGIN_DECLS

gboolean wp_briefing_write_pdf (WpStore     *store,
                                gint64       plan_id,
                                const char  *agency,
                                const char  *path,
                                GError     **error);

G_END_DECLS
