/* wp-application.h: the GTK application
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define WP_TYPE_APPLICATION (wp_application_get_type ())
G_DECLARE_FINAL_TYPE (WpApplication, wp_application, WP, APPLICATION, AdwApplication)

WpApplication *wp_application_new (void);

G_END_DECLS
