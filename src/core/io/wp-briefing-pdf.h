/* wp-briefing-pdf.h: the progress briefing (工作进展通报) as an A4 PDF
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <pango/pangocairo.h>

#include "wp-store.h"

G_BEGIN_DECLS

/* A briefing laid out on A4 pages, to draw on a PDF or a printer. */
typedef struct _WpBriefing WpBriefing;

WpBriefing *wp_briefing_new        (WpStore       *store,
                                    gint64         plan_id,
                                    const char    *agency,
                                    const char    *summary,
                                    PangoContext  *pango,
                                    GError       **error);
void        wp_briefing_free       (WpBriefing    *self);
int         wp_briefing_get_n_pages (WpBriefing   *self);
const char *wp_briefing_get_title  (WpBriefing    *self);
void        wp_briefing_draw_page  (WpBriefing    *self,
                                    cairo_t       *cr,
                                    int            page);

gboolean wp_briefing_write_pdf (WpStore     *store,
                                gint64       plan_id,
                                const char  *agency,
                                const char  *summary,
                                const char  *path,
                                GError     **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (WpBriefing, wp_briefing_free)

G_END_DECLS
