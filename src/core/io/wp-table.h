/* wp-table.h: a spreadsheet's first sheet as rows of cells, read from
 * .xlsx, .xls or .csv, for the sheet importer (no widgets, no store)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Excel's own limits: a file claiming more is damaged or hostile. */
#define WP_TABLE_MAX_ROWS 1048576
#define WP_TABLE_MAX_COLUMNS 16384
/* What the readers unpack or hold at most: a 100,000-item plan's sheet is
 * about 60 MB of XML, so four times that is room enough. */
#define WP_TABLE_MAX_BYTES (256 * 1024 * 1024)
/* Cells held, counting the empty ones left of a cell: 128 MB of them. */
#define WP_TABLE_MAX_CELLS (4 * 1024 * 1024)

typedef enum {
  WP_TABLE_FORMAT_UNKNOWN,
  WP_TABLE_FORMAT_CSV,
  WP_TABLE_FORMAT_XLSX,
  WP_TABLE_FORMAT_XLS,
} WpTableFormat;

typedef struct {
  char     *text;       /* never NULL; a date cell's text is its ISO date */
  gboolean  is_number;  /* the file stored a number (or a date) */
  gboolean  is_date;    /* a number shown as a date */
  gboolean  is_percent; /* a number shown as a percentage (0.5 is 50%) */
  double    number;     /* the raw number when is_number */
  guint8    indent;     /* the indent its format gives it (XLSX alignment), 0 for none */
} WpTableCell;

typedef struct {
  guint first_row, first_column, last_row, last_column;  /* 0-based, inclusive */
} WpTableRange;

typedef struct {
  GPtrArray *rows;      /* GArray of WpTableCell per row; rows may be short */
  GArray    *merges;    /* WpTableRange */
  gboolean   date1904;  /* serials count from 1904-01-01 (old Mac workbooks) */
  WpTableFormat format;
  gsize      n_cells;   /* (for the bound on cells) */
} WpTable;

WpTableFormat wp_table_sniff         (const char    *data,
                                      gsize          length,
                                      const char    *file_name);
WpTable      *wp_table_read_file     (const char    *path,
                                      GError       **error);
WpTable      *wp_table_read_csv      (const char    *data,
                                      gsize          length,
                                      GError       **error);
WpTable      *wp_table_read_xlsx     (const char    *path,
                                      GError       **error);
WpTable      *wp_table_read_xls      (const char    *path,
                                      GError       **error);
void          wp_table_free          (WpTable       *table);

const WpTableCell *wp_table_get      (WpTable       *table,
                                      guint          row,
                                      guint          column);
guint         wp_table_n_columns     (WpTable       *table);

/* Internal to the readers */
WpTable      *_wp_table_read_xls_here (const char  *path,
                                       GError     **error);
void          _wp_table_read_xls_merges (const guint8 *data,
                                         gsize         size,
                                         GArray       *merges);
WpTable      *wp_table_new           (WpTableFormat  format);
WpTableCell  *wp_table_set           (WpTable       *table,
                                      guint          row,
                                      guint          column,
                                      char          *text,
                                      GError       **error);
gboolean      wp_table_serial_to_date (double        serial,
                                       gboolean      date1904,
                                       GDate        *date);
gboolean      wp_table_format_is_date (const char   *format_code);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (WpTable, wp_table_free)

G_END_DECLS
