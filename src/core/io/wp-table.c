/* wp-table.c: the cells of a spreadsheet, whatever file they came in, and
 * the CSV reader
 *
 * Offices mail CSV saved by Excel (UTF-8 with a BOM, or the system's
 * GB18030 when "CSV" was picked instead of "CSV UTF-8"), by WPS, or by
 * hand (UTF-16 "Unicode text", semicolons in European settings, tabs).
 * The reader takes all of those, RFC 4180 quoting with line breaks inside
 * quotes included, and refuses what no office sheet is (a million columns).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <sys/stat.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <uchardet.h>

#include "wp-json-io.h"
#include "wp-table.h"

static void
row_clear (gpointer data)
{
  WpTableCell *cell = data;

  g_free (cell->text);
}

static void
row_free (gpointer data)
{
  g_array_unref (data);
}

WpTable *
wp_table_new (WpTableFormat format)
{
  WpTable *table = g_new0 (WpTable, 1);

  table->rows = g_ptr_array_new_with_free_func (row_free);
  table->merges = g_array_new (FALSE, FALSE, sizeof (WpTableRange));
  table->format = format;
  return table;
}

void
wp_table_free (WpTable *table)
{
  if (table == NULL)
    return;
  g_clear_pointer (&table->rows, g_ptr_array_unref);
  g_clear_pointer (&table->merges, g_array_unref);
  g_free (table);
}

static GArray *
new_row (void)
{
  GArray *row = g_array_new (FALSE, TRUE, sizeof (WpTableCell));

  g_array_set_clear_func (row, row_clear);
  return row;
}

/**
 * wp_table_set:
 * @text: (transfer full): the cell's text
 *
 * Stores a cell, growing the table to reach it. Refuses cells past
 * Excel's limits, and more cells than WP_TABLE_MAX_CELLS in all.
 *
 * Returns: (transfer none): the cell, to set its number on, or %NULL with
 *   @error set
 */
WpTableCell *
wp_table_set (WpTable     *table,
              guint        row,
              guint        column,
              char        *text,
              GError     **error)
{
  static const WpTableCell empty = { 0 };
  GArray *cells;
  WpTableCell *cell;
  guint old_len;

  if (row >= WP_TABLE_MAX_ROWS || column >= WP_TABLE_MAX_COLUMNS)
    {
      g_free (text);
      g_set_error (error, WP_IO_ERROR, WP_IO_ERROR_TOO_LARGE,
                   _("The sheet has more than %d rows or %d columns, more than a spreadsheet "
                     "can hold."), WP_TABLE_MAX_ROWS, WP_TABLE_MAX_COLUMNS);
      return NULL;
    }
  while (table->rows->len <= row)
    g_ptr_array_add (table->rows, new_row ());
  cells = g_ptr_array_index (table->rows, row);
  old_len = cells->len;
  if (cells->len <= column)
    {
      table->n_cells += column + 1 - cells->len;
      if (table->n_cells > WP_TABLE_MAX_CELLS)
        {
          g_free (text);
          g_set_error (error, WP_IO_ERROR, WP_IO_ERROR_TOO_LARGE,
                       _("The sheet has more than %d cells, too many to be a work plan."),
                       WP_TABLE_MAX_CELLS);
          return NULL;
        }
      g_array_set_size (cells, column + 1);
      for (guint i = old_len; i < cells->len; i++)
        g_array_index (cells, WpTableCell, i).text = NULL;
    }
  cell = &g_array_index (cells, WpTableCell, column);
  g_free (cell->text);
  *cell = empty;
  cell->text = text;
  return cell;
}

/**
 * wp_table_get:
 *
 * Returns: (nullable): the cell, or %NULL where the sheet has none
 */
const WpTableCell *
wp_table_get (WpTable *table,
              guint    row,
              guint    column)
{
  GArray *cells;
  WpTableCell *cell;

  if (row >= table->rows->len)
    return NULL;
  cells = g_ptr_array_index (table->rows, row);
  if (column >= cells->len)
    return NULL;
  cell = &g_array_index (cells, WpTableCell, column);
  return cell->text != NULL ? cell : NULL;
}

guint
wp_table_n_columns (WpTable *table)
{
  guint n = 0;

  for (guint i = 0; i < table->rows->len; i++)
    n = MAX (n, ((GArray *) g_ptr_array_index (table->rows, i))->len);
  return n;
}

/**
 * wp_table_serial_to_date:
 *
 * Excel counts days from 1900-01-01 as day 1, and takes 1900 for a leap
 * year as Lotus 1-2-3 did: day 60 is a 29 February that never was, and
 * every later serial is one day ahead. Workbooks of the 1904 system count
 * from 1904-01-01 as day 0.
 */
gboolean
wp_table_serial_to_date (double    serial,
                         gboolean  date1904,
                         GDate    *date)
{
  gint64 days = (gint64) serial;

  g_date_clear (date, 1);
  if (serial < 1 || serial > 2958465)  /* (9999-12-31) */
    return FALSE;
  if (date1904)
    {
      g_date_set_dmy (date, 1, G_DATE_JANUARY, 1904);
      g_date_add_days (date, (guint) days);
      return TRUE;
    }
  if (days == 60)
    days = 59;  /* (the day that never was: 28 February) */
  g_date_set_dmy (date, 31, G_DATE_DECEMBER, 1899);
  g_date_add_days (date, (guint) (days < 60 ? days : days - 1));
  return TRUE;
}

/**
 * wp_table_format_is_date:
 *
 * Whether a custom number format shows a date: it has a year, month or day
 * part outside quoted text, escapes and [colour]/[$-locale] brackets. A
 * time-only format (h:mm) is not a deadline.
 */
gboolean
wp_table_format_is_date (const char *code)
{
  gboolean in_quote = FALSE;

  for (const char *p = code; *p != '\0'; p++)
    {
      if (in_quote)
        in_quote = *p != '"';
      else if (*p == '"')
        in_quote = TRUE;
      else if (*p == '\\' || *p == '_' || *p == '*')
        {
          if (p[1] != '\0')
            p++;
        }
      else if (*p == '[')
        {
          const char *end = strchr (p, ']');
          if (end == NULL)
            return FALSE;
          p = end;
        }
      else if (*p == 'y' || *p == 'Y' || *p == 'd' || *p == 'D')
        return TRUE;
      else if ((*p == 'm' || *p == 'M') && strpbrk (code, "hHsS") == NULL)
        return TRUE;
      else if (*p == ';')
        break;  /* (the format of negative numbers and text) */
    }
  return FALSE;
}

/**
 * wp_table_sniff:
 *
 * Tells the format by the content: an xlsx is a zip (PK), an xls an OLE2
 * compound file; anything else is read as CSV if it has no NUL bytes
 * outside UTF-16. The name decides only between those.
 */
WpTableFormat
wp_table_sniff (const char *data,
                gsize       length,
                const char *file_name)
{
  static const char ole2[] = "\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1";

  if (length >= 4 && memcmp (data, "PK\x03\x04", 4) == 0)
    return WP_TABLE_FORMAT_XLSX;
  if (length >= 8 && memcmp (data, ole2, 8) == 0)
    return WP_TABLE_FORMAT_XLS;
  if (length >= 2 && (memcmp (data, "\xff\xfe", 2) == 0 || memcmp (data, "\xfe\xff", 2) == 0))
    return WP_TABLE_FORMAT_CSV;
  if (memchr (data, '\0', length) != NULL)
    return WP_TABLE_FORMAT_UNKNOWN;
  if (length > 0 && (data[0] == '{' || data[0] == '['))
    return WP_TABLE_FORMAT_UNKNOWN;  /* (JSON) */
  return WP_TABLE_FORMAT_CSV;
}

/* CSV */

/* The CSV as UTF-8, from whatever the office's program saved. */
static char *
csv_to_utf8 (const char  *data,
             gsize        length,
             gsize       *out_length,
             GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  const char *charset = NULL;
  char *text;

  if (length >= 3 && memcmp (data, "\xef\xbb\xbf", 3) == 0)
    {
      data += 3;
      length -= 3;
      charset = "UTF-8";
    }
  else if (length >= 2 && memcmp (data, "\xff\xfe", 2) == 0)
    charset = "UTF-16";  /* (iconv reads the BOM) */
  else if (length >= 2 && memcmp (data, "\xfe\xff", 2) == 0)
    charset = "UTF-16";
  else if (g_utf8_validate (data, length, NULL))
    charset = "UTF-8";

  if (charset == NULL)
    {
      uchardet_t detector = uchardet_new ();
      const char *guess;

      uchardet_handle_data (detector, data, MIN (length, 1024 * 1024));
      uchardet_data_end (detector);
      guess = uchardet_get_charset (detector);
      /* Chinese offices' Excel saves the system code page, GBK; GB18030
       * is a superset of it (and of GB2312, which uchardet often says). */
      if (guess != NULL && (g_ascii_strcasecmp (guess, "BIG5") == 0
                            || g_ascii_strcasecmp (guess, "UTF-16") == 0))
        charset = g_intern_string (guess);
      else
        charset = "GB18030";
      uchardet_delete (detector);
    }

  if (g_str_equal (charset, "UTF-8"))
    {
      if (!g_utf8_validate (data, length, NULL))
        {
          g_set_error (error, WP_IO_ERROR, WP_IO_ERROR_INVALID,
                       _("The file says it is UTF-8 text but is not."));
          return NULL;
        }
      *out_length = length;
      return g_strndup (data, length);
    }
  text = g_convert (data, length, "UTF-8", charset, NULL, out_length, &local_error);
  if (text == NULL)
    {
      g_set_error (error, WP_IO_ERROR, WP_IO_ERROR_INVALID,
                   _("The file is neither UTF-8, UTF-16 nor GB18030 text: %s"),
                   local_error->message);
      return NULL;
    }
  return text;
}

/* The separator is the one of comma, semicolon and tab seen most often
 * outside quotes in the first lines (title lines have none). */
static char
csv_detect_separator (const char *text,
                      gsize       length)
{
  static const char candidates[] = { ',', ';', '\t' };
  guint counts[3] = { 0 };
  gboolean quoted = FALSE;
  guint lines = 0;

  for (gsize i = 0; i < length && lines < 30; i++)
    {
      char c = text[i];

      if (c == '"')
        quoted = !quoted;
      else if (!quoted && c == '\n')
        lines++;
      else if (!quoted)
        for (guint k = 0; k < G_N_ELEMENTS (candidates); k++)
          counts[k] += c == candidates[k];
    }
  if (counts[1] > counts[0] && counts[1] >= counts[2])
    return ';';
  if (counts[2] > counts[0] && counts[2] > counts[1])
    return '\t';
  return ',';
}

/**
 * wp_table_read_csv:
 *
 * RFC 4180, leniently: a quote inside an unquoted field is kept as it is,
 * lines end in CRLF, LF or CR. Every cell is text.
 */
WpTable *
wp_table_read_csv (const char  *data,
                   gsize        length,
                   GError     **error)
{
  g_autoptr(WpTable) table = wp_table_new (WP_TABLE_FORMAT_CSV);
  g_autoptr(GString) field = g_string_new (NULL);
  g_autofree char *text = NULL;
  gsize text_length = 0;
  guint row = 0, column = 0;
  gboolean quoted = FALSE, was_quoted = FALSE, any = FALSE;
  char separator;

  if (length > WP_TABLE_MAX_BYTES)
    {
      g_set_error (error, WP_IO_ERROR, WP_IO_ERROR_TOO_LARGE,
                   _("The file is too large to be a work plan (over %d MB)."),
                   WP_TABLE_MAX_BYTES / (1024 * 1024));
      return NULL;
    }
  text = csv_to_utf8 (data, length, &text_length, error);
  if (text == NULL)
    return NULL;
  if (text_length >= 3 && memcmp (text, "\xef\xbb\xbf", 3) == 0)  /* (UTF-16's BOM, converted) */
    {
      memmove (text, text + 3, text_length - 3);
      text_length -= 3;
    }
  separator = csv_detect_separator (text, text_length);

  for (gsize i = 0; i <= text_length; i++)
    {
      char c = i < text_length ? text[i] : '\n';
      gboolean end_of_field = FALSE, end_of_line = FALSE;

      if (quoted)
        {
          if (c == '"' && i + 1 < text_length && text[i + 1] == '"')
            {
              g_string_append_c (field, '"');
              i++;
            }
          else if (c == '"')
            quoted = FALSE;
          else if (i == text_length)
            {
              g_set_error (error, WP_IO_ERROR, WP_IO_ERROR_INVALID,
                           _("Line %u of the file has a quote that is never closed."), row + 1);
              return NULL;
            }
          else
            g_string_append_c (field, c);
          continue;
        }
      if (c == '"' && field->len == 0 && !was_quoted)
        {
          quoted = was_quoted = TRUE;
          continue;
        }
      if (c == separator)
        end_of_field = TRUE;
      else if (c == '\n' || c == '\r')
        {
          end_of_field = end_of_line = TRUE;
          if (c == '\r' && i + 1 < text_length && text[i + 1] == '\n')
            i++;
        }
      else
        {
          g_string_append_c (field, c);
          continue;
        }

      if (end_of_field)
        {
          if (field->len > 0 || was_quoted || column > 0 || !end_of_line)
            {
              WpTableCell *cell = wp_table_set (table, row, column,
                                                g_strndup (field->str, field->len), error);
              if (cell == NULL)
                return NULL;
              any = TRUE;
            }
          g_string_truncate (field, 0);
          was_quoted = FALSE;
          column++;
        }
      if (end_of_line)
        {
          row++;
          column = 0;
          if (row > WP_TABLE_MAX_ROWS)
            {
              g_set_error (error, WP_IO_ERROR, WP_IO_ERROR_TOO_LARGE,
                           _("The sheet has more than %d rows or %d columns, more than a "
                             "spreadsheet can hold."), WP_TABLE_MAX_ROWS, WP_TABLE_MAX_COLUMNS);
              return NULL;
            }
        }
    }
  if (!any)
    {
      g_set_error (error, WP_IO_ERROR, WP_IO_ERROR_INVALID, _("The file has no cells."));
      return NULL;
    }
  return g_steal_pointer (&table);
}

/**
 * wp_table_read_file:
 *
 * Reads the first sheet of @path, in the format its content shows.
 */
WpTable *
wp_table_read_file (const char  *path,
                    GError     **error)
{
  g_autoptr(GMappedFile) mapped = NULL;
  g_autoptr(GError) local_error = NULL;
  const char *data;
  gsize length;
  GStatBuf st;

  /* (a FIFO or a device would be read for ever) */
  if (g_stat (path, &st) != 0 || !S_ISREG (st.st_mode))
    {
      g_set_error (error, WP_IO_ERROR, WP_IO_ERROR_INVALID,
                   _("The file is not a spreadsheet Workplan reads (.xlsx, .xls or .csv)."));
      return NULL;
    }
  if ((guint64) st.st_size > WP_TABLE_MAX_BYTES)
    {
      g_set_error (error, WP_IO_ERROR, WP_IO_ERROR_TOO_LARGE,
                   _("The file is too large to be a work plan (over %d MB)."),
                   WP_TABLE_MAX_BYTES / (1024 * 1024));
      return NULL;
    }
  mapped = g_mapped_file_new (path, FALSE, &local_error);
  if (mapped == NULL)
    {
      g_set_error_literal (error, WP_IO_ERROR, WP_IO_ERROR_INVALID, local_error->message);
      return NULL;
    }
  data = g_mapped_file_get_contents (mapped);
  length = g_mapped_file_get_length (mapped);
  if (length > WP_TABLE_MAX_BYTES)
    {
      g_set_error (error, WP_IO_ERROR, WP_IO_ERROR_TOO_LARGE,
                   _("The file is too large to be a work plan (over %d MB)."),
                   WP_TABLE_MAX_BYTES / (1024 * 1024));
      return NULL;
    }
  switch (wp_table_sniff (data, length, path))
    {
    case WP_TABLE_FORMAT_XLSX:
      return wp_table_read_xlsx (path, error);
    case WP_TABLE_FORMAT_XLS:
      return wp_table_read_xls (path, error);
    case WP_TABLE_FORMAT_CSV:
      return wp_table_read_csv (data != NULL ? data : "", length, error);
    case WP_TABLE_FORMAT_UNKNOWN:
    default:
      g_set_error (error, WP_IO_ERROR, WP_IO_ERROR_UNSUPPORTED,
                   _("The file is not a spreadsheet Workplan reads (.xlsx, .xls or .csv)."));
      return NULL;
    }
}
