/* wp-preferences-window.h: a plan's light rules and reporting cycle
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "wp-context.h"

G_BEGIN_DECLS

#define WP_TYPE_PREFERENCES_WINDOW (wp_preferences_window_get_type ())
G_DECLARE_FINAL_TYPE (WpPreferencesWindow, wp_preferences_window, WP, PREFERENCES_WINDOW,
                      AdwPreferencesWindow)

WpPreferencesWindow *wp_preferences_window_new (GtkWindow *parent,
                                                WpContext *context,
                                                WpPlan    *plan);

G_END_DECLS
