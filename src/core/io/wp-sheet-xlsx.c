/* wp-sheet-xlsx.c: the task breakdown sheet as an Excel workbook
 *
 * Written with libxlsxwriter the way an office would lay the sheet out by
 * hand: a title row with the plan and the date, a bold frozen header with
 * a filter, widths for Chinese text, wrapped cells, areas and key tasks in
 * bold with their rows grouped under them (Excel's outline), titles
 * indented by level, a list to pick 状态 from, red and yellow rows for the
 * items whose light is red or yellow, and a page set up to print: A4
 * landscape, fitted to the width, the header repeated on every page.
 *
 * Text goes into cells as strings, never as formulas, so a title that
 * begins with "=" is shown as written and never evaluated.
 *
 * libxlsxwriter writes to a file name; the workbook is written to a
 * temporary file and then copied to the destination through WpOutput, so
 * that -o replaces a file whole or not at all, and standard output works.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <unistd.h>
#include <glib/gstdio.h>
#include <glib/gi18n-lib.h>
#include <xlsxwriter.h>

#include "wp-output.h"
#include "wp-sheet.h"

/* Excel keeps at most 32,767 characters in a cell. */
#define MAX_CELL_CHARS 32000

#define FIRST_ROW 3   /* the title, the subtitle, the header, then the items */

static const double widths[WP_SHEET_N_COLUMNS] = {
  [WP_SHEET_NUMBER] = 8,
  [WP_SHEET_KIND] = 9,
  [WP_SHEET_TITLE] = 48,
  [WP_SHEET_LEAD] = 16,
  [WP_SHEET_CO] = 22,
  [WP_SHEET_DUE] = 12,
  [WP_SHEET_STATUS] = 9,
  [WP_SHEET_PROGRESS] = 8,
  [WP_SHEET_NOTE] = 40,
  [WP_SHEET_REMARK] = 28,
};

enum { PLAIN, YELLOW, RED, N_SHADES };

typedef struct {
  lxw_workbook *workbook;
  /* [level: area, task, action][shade][text, number, title] */
  lxw_format   *cells[3][N_SHADES][3];
} Formats;

static int
shade_of (WpLight light)
{
  return light == WP_LIGHT_RED ? RED : light == WP_LIGHT_YELLOW ? YELLOW : PLAIN;
}

static lxw_format *
new_cell_format (lxw_workbook *workbook,
                 int           level,
                 int           shade,
                 int           which)
{
  static const uint32_t fills[N_SHADES] = { 0, 0xFFF2CC, 0xF8CBAD };
  lxw_format *format = workbook_add_format (workbook);

  format_set_text_wrap (format);
  format_set_align (format, LXW_ALIGN_VERTICAL_TOP);
  format_set_border (format, LXW_BORDER_THIN);
  format_set_border_color (format, 0xBFBFBF);
  format_set_font_name (format, "宋体");
  format_set_font_size (format, 11);
  if (level < 2)
    format_set_bold (format);
  if (shade != PLAIN)
    format_set_bg_color (format, fills[shade]);
  else if (level == 0)
    format_set_bg_color (format, 0xDDEBF7);
  if (which == 1)
    {
      format_set_num_format (format, "0");
      format_set_align (format, LXW_ALIGN_CENTER);
    }
  if (which == 2)
    format_set_indent (format, level);
  return format;
}

static int
level_of (WpItemKind kind)
{
  return kind == WP_ITEM_KIND_AREA ? 0 : kind == WP_ITEM_KIND_TASK ? 1 : 2;
}

static char *
cell_text (const char *text)
{
  if (g_utf8_strlen (text, -1) <= MAX_CELL_CHARS)
    return g_strdup (text);
  return g_utf8_substring (text, 0, MAX_CELL_CHARS);
}

/* How many lines @text takes in a wrapped cell @width characters wide (a
 * Chinese character is two wide), so that the row can be made tall enough:
 * Excel does not grow a row for wrapped text it did not type itself. */
static guint
count_lines (const char *text,
             double      width)
{
  guint lines = 1;
  double used = 0;

  width = MAX (width - 1, 2);
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      double w = g_unichar_iswide (c) ? 2 : 1;

      if (c == '\n')
        {
          lines++;
          used = 0;
          continue;
        }
      if (used + w > width)
        {
          lines++;
          used = 0;
        }
      used += w;
    }
  return lines;
}

static lxw_error
write_row (lxw_worksheet *sheet,
           Formats       *formats,
           lxw_row_t      at,
           WpSheetRow    *row)
{
  int level = level_of (row->kind);
  int shade = shade_of (row->light);
  lxw_row_col_options options = { .level = MIN (row->depth, 7) };
  guint lines = 1;
  lxw_error err;

  for (guint column = 0; column < WP_SHEET_N_COLUMNS; column++)
    lines = MAX (lines, count_lines (row->cells[column], widths[column]));
  /* (Excel's tallest row is 409 points) */
  err = worksheet_set_row_opt (sheet, at, MIN (lines * 14.4 + 3, 409), NULL, &options);
  for (guint column = 0; err == LXW_NO_ERROR && column < WP_SHEET_N_COLUMNS; column++)
    {
      g_autofree char *text = NULL;

      if (column == WP_SHEET_PROGRESS)
        {
          err = worksheet_write_number (sheet, at, column, row->progress,
                                        formats->cells[level][shade][1]);
          continue;
        }
      text = cell_text (row->cells[column]);
      err = worksheet_write_string (sheet, at, column, text,
                                    formats->cells[level][shade]
                                                  [column == WP_SHEET_TITLE ? 2 : 0]);
    }
  return err;
}

static lxw_error
write_sheet (lxw_workbook *workbook,
             WpSheet      *sheet,
             Formats      *formats)
{
  lxw_worksheet *ws = workbook_add_worksheet (workbook, _("Task Breakdown"));
  lxw_format *title = workbook_add_format (workbook);
  lxw_format *subtitle = workbook_add_format (workbook);
  lxw_format *header = workbook_add_format (workbook);
  g_autofree char *footer = NULL;
  g_autofree char **statuses = NULL;
  lxw_data_validation validation = { 0 };
  lxw_row_t last = FIRST_ROW + MAX (sheet->rows->len, 1) - 1;
  lxw_error err = LXW_NO_ERROR;

  if (ws == NULL)
    return LXW_ERROR_MEMORY_MALLOC_FAILED;

  format_set_bold (title);
  format_set_font_size (title, 16);
  format_set_align (title, LXW_ALIGN_CENTER);
  format_set_align (title, LXW_ALIGN_VERTICAL_CENTER);
  format_set_font_color (subtitle, 0x595959);
  format_set_align (subtitle, LXW_ALIGN_CENTER);
  format_set_bold (header);
  format_set_text_wrap (header);
  format_set_align (header, LXW_ALIGN_CENTER);
  format_set_align (header, LXW_ALIGN_VERTICAL_CENTER);
  format_set_bg_color (header, 0xD9D9D9);
  format_set_border (header, LXW_BORDER_THIN);

  for (guint column = 0; column < WP_SHEET_N_COLUMNS; column++)
    worksheet_set_column (ws, column, column, widths[column], NULL);
  worksheet_set_row (ws, 0, 30, NULL);
  worksheet_merge_range (ws, 0, 0, 0, WP_SHEET_N_COLUMNS - 1, sheet->title, title);
  worksheet_merge_range (ws, 1, 0, 1, WP_SHEET_N_COLUMNS - 1, sheet->subtitle, subtitle);
  worksheet_set_row (ws, FIRST_ROW - 1, 30, NULL);
  for (guint column = 0; column < WP_SHEET_N_COLUMNS; column++)
    worksheet_write_string (ws, FIRST_ROW - 1, column, wp_sheet_column_header (column), header);

  for (guint i = 0; err == LXW_NO_ERROR && i < sheet->rows->len; i++)
    err = write_row (ws, formats, FIRST_ROW + i, g_ptr_array_index (sheet->rows, i));
  if (err != LXW_NO_ERROR)
    return err;

  worksheet_freeze_panes (ws, FIRST_ROW, 0);
  worksheet_autofilter (ws, FIRST_ROW - 1, 0, last, WP_SHEET_N_COLUMNS - 1);
  worksheet_outline_settings (ws, LXW_TRUE, LXW_FALSE, LXW_TRUE, LXW_FALSE);

  /* 状态 is picked from the plan's words for it */
  statuses = g_new0 (char *, 5);
  for (int status = WP_ITEM_STATUS_NOT_STARTED, n = 0; status <= WP_ITEM_STATUS_SUSPENDED;
       status++)
    statuses[n++] = (char *) wp_item_status_to_label (status);
  validation.validate = LXW_VALIDATION_TYPE_LIST;
  validation.value_list = statuses;
  validation.ignore_blank = LXW_VALIDATION_ON;
  validation.error_type = LXW_VALIDATION_ERROR_TYPE_STOP;
  validation.error_title = (char *) _("Status");
  validation.error_message = (char *) _("Choose a status from the list.");
  worksheet_data_validation_range (ws, FIRST_ROW, WP_SHEET_STATUS, last, WP_SHEET_STATUS,
                                   &validation);

  worksheet_set_landscape (ws);
  worksheet_set_paper (ws, 9);  /* A4 */
  worksheet_set_margins (ws, 0.4, 0.4, 0.6, 0.6);
  worksheet_repeat_rows (ws, FIRST_ROW - 1, FIRST_ROW - 1);
  worksheet_fit_to_pages (ws, 1, 0);
  /* Translators: the footer of a printed sheet; keep &P (page) and &N (pages) */
  footer = g_strdup_printf ("&C%s", _("Page &P of &N"));
  worksheet_set_footer (ws, footer);
  return LXW_NO_ERROR;
}

static gboolean
copy_to_output (const char  *from,
                const char  *path,
                GError     **error)
{
  g_autoptr(WpOutput) output = wp_output_new (path);
  g_autofree char *contents = NULL;
  gsize length;

  return g_file_get_contents (from, &contents, &length, error)
         && wp_output_write (output, contents, length, error)
         && wp_output_close (output, error);
}

/**
 * wp_sheet_write_xlsx:
 * @path: a file, or "-" for standard output (see wp_output_new())
 */
gboolean
wp_sheet_write_xlsx (WpSheet     *sheet,
                     const char  *path,
                     GError     **error)
{
  g_autofree char *temporary = NULL;
  lxw_workbook_options options = { .constant_memory = LXW_FALSE };
  lxw_doc_properties properties = { 0 };
  lxw_workbook *workbook;
  Formats formats = { 0 };
  lxw_error err;
  gboolean ok;
  int fd;

  fd = g_file_open_tmp ("workplan-XXXXXX.xlsx", &temporary, error);
  if (fd < 0)
    return FALSE;
  close (fd);
  options.tmpdir = (char *) g_get_tmp_dir ();
  workbook = workbook_new_opt (temporary, &options);
  if (workbook == NULL)
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_FAILED,
                   _("Could not start the workbook in “%s”."), temporary);
      g_unlink (temporary);
      return FALSE;
    }
  properties.title = sheet->title;
  properties.author = (char *) "Workplan";
  workbook_set_properties (workbook, &properties);

  formats.workbook = workbook;
  for (int level = 0; level < 3; level++)
    for (int shade = 0; shade < N_SHADES; shade++)
      for (int which = 0; which < 3; which++)
        formats.cells[level][shade][which] = new_cell_format (workbook, level, shade, which);

  err = write_sheet (workbook, sheet, &formats);
  if (err != LXW_NO_ERROR)
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_FAILED,
                   _("Could not write the workbook: %s"), lxw_strerror (err));
      workbook_close (workbook);
      g_unlink (temporary);
      return FALSE;
    }
  err = workbook_close (workbook);
  if (err != LXW_NO_ERROR)
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_FAILED,
                   _("Could not write the workbook: %s"), lxw_strerror (err));
      g_unlink (temporary);
      return FALSE;
    }
  ok = copy_to_output (temporary, path, error);
  g_unlink (temporary);
  return ok;
}
