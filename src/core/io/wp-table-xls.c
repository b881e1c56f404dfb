/* wp-table-xls.c: the first sheet of an old binary .xls workbook (BIFF,
 * still what many WPS offices save), as WpTable, read with libfreexl
 *
 * FreeXL gives values, not layout: merged ranges are not read, so an .xls
 * gives its merged cells' text in their first cell only (the importer
 * takes an empty parent cell as "the same as above").
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <freexl.h>
#include <math.h>
#include <glib/gi18n-lib.h>

#include "wp-json-io.h"
#include "wp-table.h"

static WpTable *
freexl_failed (const void  *handle,
               int          code,
               GError     **error)
{
  if (handle != NULL)
    freexl_close (handle);
  if (code == FREEXL_BIFF_OBFUSCATED)
    g_set_error (error, WP_IO_ERROR, WP_IO_ERROR_UNSUPPORTED,
                 _("The workbook is password-protected; save it without a password first."));
  else
    g_set_error (error, WP_IO_ERROR, WP_IO_ERROR_INVALID,
                 _("The file is not a readable Excel 97–2003 workbook (.xls) (error %d)."), code);
  return NULL;
}

/**
 * wp_table_read_xls:
 *
 * Returns: (transfer full): the first sheet of the workbook @path, or
 *   %NULL with @error set
 */
WpTable *
wp_table_read_xls (const char  *path,
                   GError     **error)
{
  g_autoptr(WpTable) table = wp_table_new (WP_TABLE_FORMAT_XLS);
  const void *handle = NULL;
  unsigned int rows = 0, info = 0;
  unsigned short columns = 0;
  int ret;

  ret = freexl_open (path, &handle);
  if (ret != FREEXL_OK)
    return freexl_failed (handle, ret, error);
  if (freexl_get_info (handle, FREEXL_BIFF_PASSWORD, &info) == FREEXL_OK
      && info == FREEXL_BIFF_OBFUSCATED)
    return freexl_failed (handle, FREEXL_BIFF_OBFUSCATED, error);
  if (freexl_get_info (handle, FREEXL_BIFF_DATEMODE, &info) == FREEXL_OK)
    table->date1904 = info == FREEXL_BIFF_DATEMODE_1904;
  ret = freexl_select_active_worksheet (handle, 0);
  if (ret == FREEXL_OK)
    ret = freexl_worksheet_dimensions (handle, &rows, &columns);
  if (ret != FREEXL_OK)
    return freexl_failed (handle, ret, error);
  if (rows > WP_TABLE_MAX_ROWS || (gsize) rows * columns > WP_TABLE_MAX_CELLS)
    {
      freexl_close (handle);
      g_set_error (error, WP_IO_ERROR, WP_IO_ERROR_TOO_LARGE,
                   _("The sheet has more than %d cells, too many to be a work plan."),
                   WP_TABLE_MAX_CELLS);
      return NULL;
    }

  for (unsigned int r = 0; r < rows; r++)
    for (unsigned short c = 0; c < columns; c++)
      {
        FreeXL_CellValue value;
        WpTableCell *cell = NULL;
        char buffer[G_ASCII_DTOSTR_BUF_SIZE];

        ret = freexl_get_cell_value (handle, r, c, &value);
        if (ret != FREEXL_OK)
          return freexl_failed (handle, ret, error);
        switch (value.type)
          {
          case FREEXL_CELL_INT:
            cell = wp_table_set (table, r, c, g_strdup_printf ("%d", value.value.int_value),
                                 error);
            if (cell != NULL)
              cell->number = value.value.int_value;
            break;
          case FREEXL_CELL_DOUBLE:
            if (!isfinite (value.value.double_value))
              continue;
            g_ascii_formatd (buffer, sizeof buffer, "%.15g", value.value.double_value);
            cell = wp_table_set (table, r, c, g_strdup (buffer), error);
            if (cell != NULL)
              cell->number = value.value.double_value;
            break;
          case FREEXL_CELL_TEXT:
          case FREEXL_CELL_SST_TEXT:
            if (value.value.text_value == NULL
                || !g_utf8_validate (value.value.text_value, -1, NULL))
              continue;
            if (wp_table_set (table, r, c, g_strdup (value.value.text_value), error) == NULL)
              {
                freexl_close (handle);
                return NULL;
              }
            continue;
          case FREEXL_CELL_DATE:
          case FREEXL_CELL_DATETIME:
            if (value.value.text_value == NULL)
              continue;
            cell = wp_table_set (table, r, c, g_strndup (value.value.text_value, 10), error);
            if (cell != NULL)
              cell->is_date = TRUE;
            break;
          default:
            continue;  /* (empty, or a time of day: no deadline) */
          }
        if (cell == NULL)
          {
            freexl_close (handle);
            return NULL;
          }
        cell->is_number = TRUE;
      }
  freexl_close (handle);
  return g_steal_pointer (&table);
}
