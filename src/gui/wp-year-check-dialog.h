/* wp-year-check-dialog.h: the year-end check of a plan (年终核查)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "wp-window.h"

G_BEGIN_DECLS

#define WP_TYPE_YEAR_CHECK_DIALOG (wp_year_check_dialog_get_type ())
G_DECLARE_FINAL_TYPE (WpYearCheckDialog, wp_year_check_dialog, WP, YEAR_CHECK_DIALOG, AdwWindow)

WpYearCheckDialog *wp_year_check_dialog_new          (WpWindow          *window);
AdwEntryRow       *wp_year_check_dialog_get_reason_row (WpYearCheckDialog *self,
                                                      gint64             item_id);
gboolean           wp_year_check_dialog_mark_checked (WpYearCheckDialog *self);
const char        *wp_year_check_dialog_get_status   (WpYearCheckDialog *self);

G_END_DECLS
