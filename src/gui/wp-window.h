/* wp-window.h: the main window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "wp-context.h"

G_BEGIN_DECLS

#define WP_TYPE_WINDOW (wp_window_get_type ())
G_DECLARE_FINAL_TYPE (WpWindow, wp_window, WP, WINDOW, AdwApplicationWindow)

WpWindow *wp_window_new             (GtkApplication *application,
                                     WpContext      *context,
                                     const GError   *open_error);
WpWindow *wp_window_new_for_path    (GtkApplication *application,
                                     WpContext      *context,
                                     const char     *path,
                                     const GError   *open_error);
void      wp_window_select_year     (WpWindow       *self,
                                     int             year);
void      wp_window_show_open_error (WpWindow       *self,
                                     const GError   *error);

void      wp_window_show_filter (WpWindow   *self,
                                 const char *agency,
                                 int         status,
                                 int         month);
void      wp_window_show_pace_filter (WpWindow   *self,
                                      const char *label,
                                      const char *agency,
                                      gint64      area_id,
                                      int         kind,
                                      int         pace,
                                      gint64      lead_id);

G_END_DECLS
