/* wp-sheet.h: a plan as the rows of a 任务分解表 (task breakdown sheet),
 * for the spreadsheet exports
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "wp-light.h"
#include "wp-store.h"

G_BEGIN_DECLS

typedef enum {
  WP_SHEET_NUMBER,     /* 序号: 1 / 1.1 / 1.1.1 */
  WP_SHEET_KIND,       /* 类别 */
  WP_SHEET_TITLE,      /* 重点任务/具体措施 */
  WP_SHEET_LEAD,       /* 牵头单位 */
  WP_SHEET_CO,         /* 配合单位 */
  WP_SHEET_DUE,        /* 完成时限, as the plan words it */
  WP_SHEET_STATUS,     /* 状态 */
  WP_SHEET_PROGRESS,   /* 进度(%) */
  WP_SHEET_NOTE,       /* 进展情况: the latest progress note */
  WP_SHEET_REMARK,     /* 备注: the item's description */
  WP_SHEET_MILESTONE_Q1, /* 一季度形象进度 … 四季度形象进度: the state and progress */
  WP_SHEET_MILESTONE_Q2, /*   expected by each quarter's end */
  WP_SHEET_MILESTONE_Q3,
  WP_SHEET_MILESTONE_Q4,
  WP_SHEET_N_COLUMNS
} WpSheetColumn;

typedef struct {
  char        *cells[WP_SHEET_N_COLUMNS];  /* text of each column; progress too */
  WpItemKind   kind;
  guint        depth;      /* 0 for the top level */
  int          progress;   /* effective progress, 0–100 */
  WpItemStatus status;     /* effective status */
  WpLight      light;      /* the item's light, with what is below it */
  gboolean     context;    /* only shown for the items below it (an agency's sheet) */
  gboolean     rolled_status;    /* its status comes from its sub-items */
  gboolean     rolled_progress;  /* its progress comes from its sub-items */
  char        *uuid;
} WpSheetRow;

typedef struct {
  int        year;
  char      *agency;       /* (nullable): the agency whose sheet this is */
  char      *title;        /* e.g. "2025年政法工作任务分解表" */
  char      *subtitle;     /* organisation, agency and the reference date */
  GPtrArray *rows;         /* WpSheetRow, in outline order */
  GPtrArray *loads;        /* WpAgencyLoad of each agency, for a plan's sheet; else NULL */
} WpSheet;

const char *wp_sheet_column_header (WpSheetColumn  column);
WpSheet    *wp_sheet_new           (WpStore       *store,
                                    gint64         plan_id,
                                    const char    *agency,
                                    GError       **error);
void        wp_sheet_free          (WpSheet       *sheet);
char       *wp_sheet_neutralise    (const char    *text);
char       *wp_sheet_latest_note   (WpStore       *store,
                                    WpItem        *item);
char       *wp_sheet_format_milestone (const char *text,
                                    int            progress);
void        wp_sheet_parse_milestone (const char  *cell,
                                    char         **text,
                                    int           *progress);
gboolean    wp_sheet_involves      (WpItem        *item,
                                    const char    *agency);
char       *wp_sheet_agency_file_name (int         year,
                                    const char    *agency,
                                    const char    *format);

gboolean    wp_sheet_write_csv     (WpSheet       *sheet,
                                    const char    *path,
                                    GError       **error);
gboolean    wp_sheet_write_xlsx    (WpSheet       *sheet,
                                    const char    *path,
                                    GError       **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (WpSheet, wp_sheet_free)

G_END_DECLS
