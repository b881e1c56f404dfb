/* wp-import-preview.h: a spreadsheet's columns, as they will be imported
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "wp-window.h"

G_BEGIN_DECLS

#define WP_TYPE_IMPORT_PREVIEW (wp_import_preview_get_type ())
G_DECLARE_FINAL_TYPE (WpImportPreview, wp_import_preview, WP, IMPORT_PREVIEW, AdwWindow)

WpImportPreview *wp_import_preview_new        (WpWindow        *window,
                                               const char      *path,
                                               GError         **error);
GtkDropDown     *wp_import_preview_get_field_chooser (WpImportPreview *self,
                                               guint            column);
const char      *wp_import_preview_get_summary (WpImportPreview *self);
gboolean         wp_import_preview_import     (WpImportPreview *self);

G_END_DECLS
