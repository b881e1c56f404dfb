/* wp-context.h: what every view needs, passed in instead of singletons
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "workplan-core.h"

G_BEGIN_DECLS

#define WP_TYPE_CONTEXT (wp_context_get_type ())
G_DECLARE_FINAL_TYPE (WpContext, wp_context, WP, CONTEXT, GObject)

WpContext   *wp_context_new               (WpStore   *store,
                                           GSettings *settings);
WpStore     *wp_context_get_store         (WpContext *self);
WpUndoStack *wp_context_get_undo_stack    (WpContext *self);
GSettings   *wp_context_get_settings      (WpContext *self);
const GDate *wp_context_get_today         (WpContext *self);
int          wp_context_get_due_soon_days (WpContext *self);
WpPlan      *wp_context_get_plan          (WpContext *self);
void         wp_context_set_plan          (WpContext *self,
                                           WpPlan    *plan);

G_END_DECLS
