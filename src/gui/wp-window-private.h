/* wp-window-private.h: what the window's action files use of it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "wp-outline-view.h"
#include "wp-progress-view.h"
#include "wp-window.h"

G_BEGIN_DECLS

WpContext     *_wp_window_get_context       (WpWindow   *self);
WpPlan        *_wp_window_get_selected_plan (WpWindow   *self);
WpOutlineView *_wp_window_get_outline       (WpWindow   *self);
WpProgressView *_wp_window_get_progress     (WpWindow   *self);
void           _wp_window_toast             (WpWindow   *self,
                                             const char *message);

/* wp-window-plans.c */
void           _wp_window_add_plan_actions  (WpWindow   *self);
void           _wp_window_update_plan_actions (WpWindow *self);

G_END_DECLS
