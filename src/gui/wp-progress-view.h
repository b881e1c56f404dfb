/* wp-progress-view.h: the plan's figures, lists and drafted summary
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "wp-context.h"

G_BEGIN_DECLS

#define WP_TYPE_PROGRESS_VIEW (wp_progress_view_get_type ())
G_DECLARE_FINAL_TYPE (WpProgressView, wp_progress_view, WP, PROGRESS_VIEW, AdwBin)

void wp_progress_view_set_plan    (WpProgressView *self,
                                   WpPlan         *plan);
char *wp_progress_view_get_edited_summary (WpProgressView *self);
const char *wp_progress_view_get_agency (WpProgressView *self);
void wp_progress_view_set_agency  (WpProgressView *self,
                                   const char     *agency);

G_END_DECLS
