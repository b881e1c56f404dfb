/* wp-sheet-import.h: a 任务分解表 as offices write it → interchange JSON
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "wp-table.h"

G_BEGIN_DECLS

/* What a column of a sheet holds, as the importer reads it */
typedef enum {
  WP_SHEET_FIELD_NONE,       /* not imported */
  WP_SHEET_FIELD_NUMBER,     /* 序号 */
  WP_SHEET_FIELD_KIND,       /* 类别: a level's name, or the area's */
  WP_SHEET_FIELD_AREA,
  WP_SHEET_FIELD_TASK,
  WP_SHEET_FIELD_ACTION,
  WP_SHEET_FIELD_TITLE,      /* 重点任务/具体措施: items of every level */
  WP_SHEET_FIELD_LEAD,
  WP_SHEET_FIELD_CO,
  WP_SHEET_FIELD_DUE,
  WP_SHEET_FIELD_STATUS,
  WP_SHEET_FIELD_PROGRESS,
  WP_SHEET_FIELD_NOTE,
  WP_SHEET_FIELD_REMARK,
  WP_SHEET_FIELD_EXTRA,      /* kept in the description under its header */
  WP_SHEET_FIELD_MILESTONE,  /* 形象进度 of a quarter */
  WP_SHEET_N_FIELDS
} WpSheetField;

/* The header row found and what each column is taken for; the user may
 * change the fields before importing */
typedef struct {
  guint         header_row;    /* from 0 */
  guint         first_row;     /* the first row of items, from 0 */
  guint         n_columns;
  char        **headers;       /* each column's header as read ("" for none) */
  WpSheetField *fields;
} WpSheetMapping;

const char     *wp_sheet_field_to_label      (WpSheetField          field);
WpSheetMapping *wp_sheet_import_guess        (WpTable              *table,
                                              GError              **error);
void            wp_sheet_mapping_free        (WpSheetMapping       *mapping);
char           *wp_sheet_import_table_mapped (WpTable              *table,
                                              const WpSheetMapping *mapping,
                                              int                   year,
                                              const char           *fallback_title,
                                              GError              **error);

char *wp_sheet_import_table (WpTable     *table,
                             int          year,
                             const char  *fallback_title,
                             GError     **error);
char *wp_sheet_import_file  (const char  *path,
                             int          year,
                             GError     **error);
gboolean wp_sheet_import_is_spreadsheet (const char *path);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (WpSheetMapping, wp_sheet_mapping_free)

G_END_DECLS
