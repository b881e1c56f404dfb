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

#include "wp-board.h"
#include "wp-output.h"
#include "wp-sheet.h"

/* Excel keeps at most 32,767 characters in a cell. */
#define MAX_CELL_CHARS 32000

/* What a column of the workbook shows */
enum {
  FROM_EMPTY = -1,   /* a column the agency fills in, empty */
  FROM_UUID = -2,    /* the item's uuid: how collect finds the item again */
};

typedef struct {
  int         source;    /* a WpSheetColumn, or FROM_* */
  const char *header;    /* (nullable): the column's own header, else the source's */
  const char *key;       /* the column's name in an agency sheet's hidden key row */
  double      width;
  gboolean    fill;      /* unlocked: the agency fills it in */
} Column;

/* The plan's sheet */
static const Column plan_columns[] = {
  { WP_SHEET_NUMBER, NULL, "number", 8, FALSE },
  { WP_SHEET_KIND, NULL, "kind", 9, FALSE },
  { WP_SHEET_TITLE, NULL, "title", 48, FALSE },
  { WP_SHEET_LEAD, NULL, "lead", 16, FALSE },
  { WP_SHEET_CO, NULL, "co", 22, FALSE },
  { WP_SHEET_DUE, NULL, "due", 12, FALSE },
  { WP_SHEET_STATUS, NULL, "status", 9, FALSE },
  { WP_SHEET_PROGRESS, NULL, "progress", 8, FALSE },
  { WP_SHEET_NOTE, NULL, "note", 40, FALSE },
  { WP_SHEET_REMARK, NULL, "remark", 28, FALSE },
  { WP_SHEET_MILESTONE_Q1, NULL, "milestone_q1", 18, FALSE },
  { WP_SHEET_MILESTONE_Q2, NULL, "milestone_q2", 18, FALSE },
  { WP_SHEET_MILESTONE_Q3, NULL, "milestone_q3", 18, FALSE },
  { WP_SHEET_MILESTONE_Q4, NULL, "milestone_q4", 18, FALSE },
};

/* The sheet sent to an agency to fill in and send back (see collect):
 * what it reports on, locked; what it reports, unlocked; and each item's
 * uuid in a hidden column. The hidden row above the header names each
 * column, whatever the header's language. */
static const Column agency_columns[] = {
  { WP_SHEET_NUMBER, NULL, "number", 8, FALSE },
  { WP_SHEET_KIND, NULL, "kind", 9, FALSE },
  { WP_SHEET_TITLE, NULL, "title", 40, FALSE },
  { WP_SHEET_LEAD, NULL, "lead", 14, FALSE },
  { WP_SHEET_CO, NULL, "co", 16, FALSE },
  { WP_SHEET_DUE, NULL, "due", 11, FALSE },
  { WP_SHEET_NOTE, N_("Last Reported"), "last_note", 28, FALSE },
  { WP_SHEET_STATUS, NULL, "status", 9, TRUE },
  { WP_SHEET_PROGRESS, NULL, "progress", 8, TRUE },
  { FROM_EMPTY, N_("Progress This Period"), "note", 36, TRUE },
  { FROM_EMPTY, N_("Problems"), "problems", 24, TRUE },
  { FROM_EMPTY, N_("Next Steps"), "next_steps", 24, TRUE },
  { FROM_UUID, N_("Item ID"), "uuid", 38, FALSE },
};

typedef struct {
  const Column *columns;
  guint         n_columns;
  guint         first_row;   /* of the items */
  gboolean      for_agency;
} Layout;

enum { PLAIN, YELLOW, RED, CONTEXT, N_SHADES };
enum { TEXT, NUMBER, TITLE, N_KINDS };

typedef struct {
  /* [level: area, task, action][shade][kind of cell][unlocked] */
  lxw_format *cells[3][N_SHADES][N_KINDS][2];
} Formats;

static int
shade_of (WpSheetRow *row,
          gboolean    for_agency)
{
  if (for_agency && row->context)
    return CONTEXT;
  return row->light == WP_LIGHT_RED ? RED : row->light == WP_LIGHT_YELLOW ? YELLOW : PLAIN;
}

static lxw_format *
new_cell_format (lxw_workbook *workbook,
                 int           level,
                 int           shade,
                 int           kind,
                 gboolean      unlocked)
{
  static const uint32_t fills[N_SHADES] = { 0, 0xFFF2CC, 0xF8CBAD, 0xF2F2F2 };
  lxw_format *format = workbook_add_format (workbook);

  format_set_text_wrap (format);
  format_set_align (format, LXW_ALIGN_VERTICAL_TOP);
  format_set_border (format, LXW_BORDER_THIN);
  format_set_border_color (format, 0xBFBFBF);
  format_set_font_name (format, "宋体");
  format_set_font_size (format, 11);
  if (level < 2)
    format_set_bold (format);
  if (shade == CONTEXT)
    format_set_font_color (format, 0x595959);
  if (shade != PLAIN)
    format_set_bg_color (format, fills[shade]);
  else if (level == 0)
    format_set_bg_color (format, 0xDDEBF7);
  if (unlocked)
    {
      format_set_unlocked (format);
      format_set_bg_color (format, 0xFFFFFF);
    }
  if (kind == NUMBER)
    {
      format_set_num_format (format, "0");
      format_set_align (format, LXW_ALIGN_CENTER);
    }
  if (kind == TITLE)
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

static const char *
column_header (const Column *column)
{
  return column->header != NULL ? _(column->header) : wp_sheet_column_header (column->source);
}

static lxw_error
write_row (lxw_worksheet *sheet,
           const Layout  *layout,
           Formats       *formats,
           lxw_row_t      at,
           WpSheetRow    *row)
{
  int level = level_of (row->kind);
  int shade = shade_of (row, layout->for_agency);
  lxw_row_col_options options = { .level = MIN (row->depth, 7) };
  guint lines = 1;
  lxw_error err;

  for (guint i = 0; i < layout->n_columns; i++)
    if (layout->columns[i].source >= 0)
      lines = MAX (lines, count_lines (row->cells[layout->columns[i].source],
                                       layout->columns[i].width));
  /* (Excel's tallest row is 409 points) */
  err = worksheet_set_row_opt (sheet, at, MIN (lines * 14.4 + 3, 409), NULL, &options);
  for (guint i = 0; err == LXW_NO_ERROR && i < layout->n_columns; i++)
    {
      const Column *column = &layout->columns[i];
      /* (an agency fills in only the rows of its own items, and not the
       * status or progress that come from the items below) */
      gboolean unlocked = column->fill && !row->context
                          && !(column->source == WP_SHEET_STATUS && row->rolled_status)
                          && !(column->source == WP_SHEET_PROGRESS && row->rolled_progress);
      g_autofree char *text = NULL;

      if (column->source == WP_SHEET_PROGRESS)
        {
          err = worksheet_write_number (sheet, at, i, row->progress,
                                        formats->cells[level][shade][NUMBER][unlocked]);
          continue;
        }
      if (column->source == FROM_UUID)
        text = g_strdup (row->uuid);
      else if (column->source == FROM_EMPTY)
        text = g_strdup ("");
      else
        text = cell_text (row->cells[column->source]);
      err = worksheet_write_string (sheet, at, i, text,
                                    formats->cells[level][shade]
                                                  [column->source == WP_SHEET_TITLE ? TITLE
                                                                                    : TEXT]
                                                  [unlocked]);
    }
  return err;
}

static lxw_col_t
find_column (const Layout *layout,
             int           source)
{
  for (guint i = 0; i < layout->n_columns; i++)
    if (layout->columns[i].source == source)
      return i;
  g_return_val_if_reached (0);
}

static void
add_validations (lxw_worksheet *ws,
                 const Layout  *layout,
                 lxw_row_t      last)
{
  g_autofree char **statuses = g_new0 (char *, 5);
  lxw_data_validation status = { 0 };
  lxw_data_validation progress = { 0 };
  lxw_col_t column;

  /* 状态 is picked from the plan's words for it */
  for (int i = WP_ITEM_STATUS_NOT_STARTED, n = 0; i <= WP_ITEM_STATUS_SUSPENDED; i++)
    statuses[n++] = (char *) wp_item_status_to_label (i);
  status.validate = LXW_VALIDATION_TYPE_LIST;
  status.value_list = statuses;
  status.ignore_blank = LXW_VALIDATION_ON;
  status.error_type = LXW_VALIDATION_ERROR_TYPE_STOP;
  status.error_title = (char *) _("Status");
  status.error_message = (char *) _("Choose a status from the list.");
  column = find_column (layout, WP_SHEET_STATUS);
  worksheet_data_validation_range (ws, layout->first_row, column, last, column, &status);

  progress.validate = LXW_VALIDATION_TYPE_INTEGER;
  progress.criteria = LXW_VALIDATION_CRITERIA_BETWEEN;
  progress.minimum_number = 0;
  progress.maximum_number = 100;
  progress.error_type = LXW_VALIDATION_ERROR_TYPE_STOP;
  progress.error_title = (char *) _("Progress (%)");
  progress.error_message = (char *) _("Enter a whole number from 0 to 100.");
  column = find_column (layout, WP_SHEET_PROGRESS);
  worksheet_data_validation_range (ws, layout->first_row, column, last, column, &progress);
}

static lxw_error
write_sheet (lxw_workbook *workbook,
             WpSheet      *sheet,
             const Layout *layout,
             Formats      *formats)
{
  lxw_worksheet *ws = workbook_add_worksheet (workbook, _("Task Breakdown"));
  lxw_format *title = workbook_add_format (workbook);
  lxw_format *subtitle = workbook_add_format (workbook);
  lxw_format *header = workbook_add_format (workbook);
  lxw_format *header_fill = workbook_add_format (workbook);
  g_autofree char *footer = NULL;
  lxw_col_t last_column = layout->n_columns - 1;
  lxw_row_t header_row = layout->first_row - 1;
  lxw_row_t last = layout->first_row + MAX (sheet->rows->len, 1) - 1;
  lxw_error err = LXW_NO_ERROR;

  if (ws == NULL)
    return LXW_ERROR_MEMORY_MALLOC_FAILED;

  format_set_bold (title);
  format_set_font_size (title, 16);
  format_set_align (title, LXW_ALIGN_CENTER);
  format_set_align (title, LXW_ALIGN_VERTICAL_CENTER);
  format_set_font_color (subtitle, 0x595959);
  format_set_align (subtitle, LXW_ALIGN_CENTER);
  for (int i = 0; i < 2; i++)
    {
      lxw_format *format = i == 0 ? header : header_fill;

      format_set_bold (format);
      format_set_text_wrap (format);
      format_set_align (format, LXW_ALIGN_CENTER);
      format_set_align (format, LXW_ALIGN_VERTICAL_CENTER);
      format_set_bg_color (format, i == 0 ? 0xD9D9D9 : 0xC6E0B4);  /* to fill in: green */
      format_set_border (format, LXW_BORDER_THIN);
    }

  for (guint i = 0; i < layout->n_columns; i++)
    {
      lxw_row_col_options hidden = { .hidden = LXW_TRUE };

      worksheet_set_column_opt (ws, i, i, layout->columns[i].width, NULL,
                                layout->columns[i].source == FROM_UUID ? &hidden : NULL);
    }
  worksheet_set_row (ws, 0, 30, NULL);
  worksheet_merge_range (ws, 0, 0, 0, last_column, sheet->title, title);
  worksheet_merge_range (ws, 1, 0, 1, last_column, sheet->subtitle, subtitle);
  if (layout->for_agency)
    {
      lxw_row_col_options hidden = { .hidden = LXW_TRUE };

      worksheet_set_row_opt (ws, 2, LXW_DEF_ROW_HEIGHT, NULL, &hidden);
      g_autofree char *agency = g_strconcat ("agency=", sheet->agency, NULL);
      g_autofree char *year = g_strdup_printf ("year=%d", sheet->year);

      for (guint i = 0; i < layout->n_columns; i++)
        worksheet_write_string (ws, 2, i, layout->columns[i].key, NULL);
      /* whose sheet it is, for collect */
      worksheet_write_string (ws, 2, layout->n_columns, agency, NULL);
      worksheet_write_string (ws, 2, layout->n_columns + 1, year, NULL);
    }
  worksheet_set_row (ws, header_row, 30, NULL);
  for (guint i = 0; i < layout->n_columns; i++)
    worksheet_write_string (ws, header_row, i, column_header (&layout->columns[i]),
                            layout->columns[i].fill ? header_fill : header);

  for (guint i = 0; err == LXW_NO_ERROR && i < sheet->rows->len; i++)
    err = write_row (ws, layout, formats, layout->first_row + i,
                     g_ptr_array_index (sheet->rows, i));
  if (err != LXW_NO_ERROR)
    return err;

  worksheet_freeze_panes (ws, layout->first_row, 0);
  worksheet_autofilter (ws, header_row, 0, last, last_column);
  worksheet_outline_settings (ws, LXW_TRUE, LXW_FALSE, LXW_TRUE, LXW_FALSE);
  add_validations (ws, layout, last);
  if (layout->for_agency)
    {
      /* Only the columns to fill in take typing; widths, rows and the
       * filter still work. No password: this keeps mistakes out, it is no
       * lock (collect checks what comes back). */
      lxw_protection protection = { .format_columns = LXW_TRUE, .format_rows = LXW_TRUE,
                                    .autofilter = LXW_TRUE, .sort = LXW_FALSE };

      worksheet_protect (ws, NULL, &protection);
    }

  worksheet_set_landscape (ws);
  worksheet_set_paper (ws, 9);  /* A4 */
  worksheet_set_margins (ws, 0.4, 0.4, 0.6, 0.6);
  worksheet_repeat_rows (ws, header_row, header_row);
  worksheet_fit_to_pages (ws, 1, 0);
  /* Translators: the footer of a printed sheet; keep &P (page) and &N (pages) */
  footer = g_strdup_printf ("&C%s", _("Page &P of &N"));
  worksheet_set_footer (ws, footer);
  return LXW_NO_ERROR;
}

/* 按单位统计: per agency, what it leads and supports, done, under way and
 * overdue, counted on its own items (see wp_agency_loads_compute()). */
static lxw_error
write_loads (lxw_workbook *workbook,
             WpSheet      *sheet)
{
  static const struct {
    const char *header;
    double      width;
  } columns[] = {
    { N_("Agency"), 28 },
    { N_("Leads"), 10 },
    { N_("Supports"), 10 },
    { N_("Done"), 10 },
    { N_("In Progress"), 10 },
    { N_("Overdue"), 10 },
  };
  lxw_worksheet *ws = workbook_add_worksheet (workbook, _("By Agency"));
  lxw_format *header = workbook_add_format (workbook);
  lxw_format *cell = workbook_add_format (workbook);
  lxw_format *late = workbook_add_format (workbook);
  lxw_error err = LXW_NO_ERROR;

  if (ws == NULL)
    return LXW_ERROR_MEMORY_MALLOC_FAILED;
  format_set_bold (header);
  format_set_bg_color (header, 0xD9D9D9);
  format_set_border (header, LXW_BORDER_THIN);
  format_set_align (header, LXW_ALIGN_CENTER);
  format_set_border (cell, LXW_BORDER_THIN);
  format_set_border_color (cell, 0xBFBFBF);
  format_set_border (late, LXW_BORDER_THIN);
  format_set_border_color (late, 0xBFBFBF);
  format_set_bg_color (late, 0xF8CBAD);
  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    {
      worksheet_set_column (ws, i, i, columns[i].width, NULL);
      worksheet_write_string (ws, 0, i, _(columns[i].header), header);
    }
  for (guint i = 0; err == LXW_NO_ERROR && i < sheet->loads->len; i++)
    {
      WpAgencyLoad *load = g_ptr_array_index (sheet->loads, i);
      const guint counts[] = { load->n_lead, load->n_co, load->n_done, load->n_in_progress,
                               load->n_overdue };
      lxw_format *format = load->n_overdue > 0 ? late : cell;

      err = worksheet_write_string (ws, i + 1, 0, wp_agency_get_name (load->agency), format);
      for (guint k = 0; err == LXW_NO_ERROR && k < G_N_ELEMENTS (counts); k++)
        err = worksheet_write_number (ws, i + 1, k + 1, counts[k], format);
    }
  worksheet_freeze_panes (ws, 1, 0);
  worksheet_autofilter (ws, 0, 0, MAX (sheet->loads->len, 1), G_N_ELEMENTS (columns) - 1);
  worksheet_set_paper (ws, 9);
  return err;
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
  Layout layout = {
    sheet->agency != NULL ? agency_columns : plan_columns,
    sheet->agency != NULL ? G_N_ELEMENTS (agency_columns) : G_N_ELEMENTS (plan_columns),
    sheet->agency != NULL ? 4 : 3,  /* the title, the subtitle, (the keys,) the header */
    sheet->agency != NULL,
  };
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

  if (sheet->agency != NULL)
    {
      workbook_set_custom_property_string (workbook, "Workplan agency", sheet->agency);
      workbook_set_custom_property_integer (workbook, "Workplan year", sheet->year);
    }

  for (int level = 0; level < 3; level++)
    for (int shade = 0; shade < N_SHADES; shade++)
      for (int kind = 0; kind < N_KINDS; kind++)
        for (int unlocked = 0; unlocked < 2; unlocked++)
          formats.cells[level][shade][kind][unlocked] =
            new_cell_format (workbook, level, shade, kind, unlocked);

  err = write_sheet (workbook, sheet, &layout, &formats);
  if (err == LXW_NO_ERROR && sheet->loads != NULL)
    err = write_loads (workbook, sheet);
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
