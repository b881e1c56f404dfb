/* wp-sheet-import.h: a 任务分解表 as offices write it → interchange JSON
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "wp-table.h"

G_BEGIN_DECLS

char *wp_sheet_import_table (WpTable     *table,
                             int          year,
                             const char  *fallback_title,
                             GError     **error);
char *wp_sheet_import_file  (const char  *path,
                             int          year,
                             GError     **error);
gboolean wp_sheet_import_is_spreadsheet (const char *path);

G_END_DECLS
