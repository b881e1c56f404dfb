/* wp-sheet.c: a plan as the rows of a 任务分解表, and that sheet as CSV
 *
 * The layout is the one offices mail around (see DESIGN.md, "Spreadsheet
 * format"): 序号 1 / 1.1 / 1.1.1, 类别, title, 牵头单位, 配合单位, 完成时限,
 * 状态, 进度(%), 进展情况 (the latest progress note), 备注. The XLSX writer
 * (wp-sheet-xlsx.c) and the CSV writer here read the same rows, so both
 * always say the same.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdlib.h>
#include <glib/gi18n-lib.h>

#include "wp-board.h"
#include "wp-deadline.h"
#include "wp-output.h"
#include "wp-sheet.h"

static const char *const headers[WP_SHEET_N_COLUMNS] = {
  /* Translators: the columns of the task breakdown sheet (任务分解表) */
  [WP_SHEET_NUMBER] = N_("No."),
  [WP_SHEET_KIND] = N_("Level"),
  [WP_SHEET_TITLE] = N_("Key Task / Action"),
  [WP_SHEET_LEAD] = N_("Lead Agency"),
  [WP_SHEET_CO] = N_("Co-agencies"),
  [WP_SHEET_DUE] = N_("Deadline"),
  [WP_SHEET_STATUS] = N_("Status"),
  [WP_SHEET_PROGRESS] = N_("Progress (%)"),
  [WP_SHEET_NOTE] = N_("Progress Notes"),
  [WP_SHEET_REMARK] = N_("Remarks"),
  /* Translators: the quarterly milestone (形象进度) columns of the sheet */
  [WP_SHEET_MILESTONE_Q1] = N_("Q1 Milestone"),
  [WP_SHEET_MILESTONE_Q2] = N_("Q2 Milestone"),
  [WP_SHEET_MILESTONE_Q3] = N_("Q3 Milestone"),
  [WP_SHEET_MILESTONE_Q4] = N_("Q4 Milestone"),
};

const char *
wp_sheet_column_header (WpSheetColumn column)
{
  g_return_val_if_fail (column < WP_SHEET_N_COLUMNS, NULL);
  return _(headers[column]);
}

static void
row_free (gpointer data)
{
  WpSheetRow *row = data;

  for (guint i = 0; i < WP_SHEET_N_COLUMNS; i++)
    g_free (row->cells[i]);
  g_free (row->uuid);
  g_free (row);
}

void
wp_sheet_free (WpSheet *sheet)
{
  if (sheet == NULL)
    return;
  g_free (sheet->agency);
  g_free (sheet->title);
  g_free (sheet->subtitle);
  g_clear_pointer (&sheet->rows, g_ptr_array_unref);
  g_clear_pointer (&sheet->loads, g_ptr_array_unref);
  g_free (sheet);
}

/**
 * wp_sheet_latest_note:
 *
 * Returns: (transfer full): the item's latest progress note with its date,
 *   as 进展情况 shows it, or ""
 */
char *
wp_sheet_latest_note (WpStore *store,
                      WpItem  *item)
{
  g_autoptr(GPtrArray) notes = wp_store_list_notes (store, wp_item_get_id (item), NULL);
  WpNote *note;
  g_autofree char *date = NULL;

  if (notes == NULL || notes->len == 0)
    return g_strdup ("");
  note = g_ptr_array_index (notes, notes->len - 1);
  date = wp_date_format_display (&note->date);
  return g_strdup_printf ("%s %s", date, note->text);
}

/**
 * wp_sheet_format_milestone:
 * @progress: the progress expected, or -1
 *
 * Returns: (transfer full): a milestone as its sheet cell shows it, e.g.
 *   "形成初稿（30%）"; wp_sheet_parse_milestone() reads it back
 */
char *
wp_sheet_format_milestone (const char *text,
                           int         progress)
{
  if (progress < 0)
    return g_strdup (text != NULL ? text : "");
  if (text == NULL || text[0] == '\0')
    return g_strdup_printf ("%d%%", progress);
  return g_strdup_printf ("%s（%d%%）", text, progress);
}

/**
 * wp_sheet_parse_milestone:
 * @cell: a milestone cell: "形成初稿（30%）", "形成初稿（预期30%）", "30%" or
 *   words only ("覆盖率达90%" is words: the expected progress is written in
 *   brackets after them, or alone)
 * @text: (out): the expected state
 * @progress: (out): the expected progress, or -1 when the cell gives none
 */
void
wp_sheet_parse_milestone (const char  *cell,
                          char       **text,
                          int         *progress)
{
  g_autofree char *clean = g_strstrip (g_strdup (cell != NULL ? cell : ""));
  g_autoptr(GRegex) bracketed = g_regex_new ("^(.*?)\\s*[（(]\\s*(?:预期|应达)?\\s*(\\d{1,3})"
                                             "\\s*[%％]\\s*[）)]$", 0, 0, NULL);
  g_autoptr(GRegex) alone = g_regex_new ("^()(\\d{1,3})\\s*[%％]$", 0, 0, NULL);
  GRegex *forms[] = { bracketed, alone };

  *progress = -1;
  for (guint i = 0; i < G_N_ELEMENTS (forms); i++)
    {
      g_autoptr(GMatchInfo) match = NULL;

      if (forms[i] != NULL && g_regex_match (forms[i], clean, 0, &match))
        {
          g_autofree char *number = g_match_info_fetch (match, 2);
          int value = atoi (number);

          if (value <= 100)
            {
              *progress = value;
              *text = g_strstrip (g_match_info_fetch (match, 1));
              return;
            }
        }
    }
  *text = g_steal_pointer (&clean);
}

/* Whether @agency (any agency when %NULL) leads or supports @item */
gboolean
wp_sheet_involves (WpItem     *item,
                   const char *agency)
{
  return agency == NULL
         || g_strv_contains (wp_item_get_lead_agencies (item), agency)
         || g_strv_contains (wp_item_get_co_agencies (item), agency);
}

static WpSheetRow *
row_new (WpStore    *store,
         WpItem     *item,
         const char *number,
         guint       depth)
{
  WpSheetRow *row = g_new0 (WpSheetRow, 1);
  const char *due_label = wp_item_get_due_label (item);

  row->kind = wp_item_get_kind (item);
  row->depth = depth;
  row->progress = wp_item_get_effective_progress (item);
  row->status = wp_item_get_effective_status (item);
  row->light = wp_item_get_light (item);
  row->rolled_status = wp_item_get_n_children (item) > 0;
  row->rolled_progress = row->rolled_status && wp_item_get_progress (item) < 0;
  row->uuid = g_strdup (wp_item_get_uuid (item));
  row->cells[WP_SHEET_NUMBER] = g_strdup (number);
  row->cells[WP_SHEET_KIND] = g_strdup (wp_item_kind_to_label (row->kind));
  row->cells[WP_SHEET_TITLE] = g_strdup (wp_item_get_title (item));
  row->cells[WP_SHEET_LEAD] = g_strjoinv ("、", (char **) wp_item_get_lead_agencies (item));
  row->cells[WP_SHEET_CO] = g_strjoinv ("、", (char **) wp_item_get_co_agencies (item));
  row->cells[WP_SHEET_DUE] = due_label[0] != '\0'
                             ? g_strdup (due_label)
                             : wp_date_format_display (wp_item_get_due (item));
  row->cells[WP_SHEET_STATUS] = g_strdup (wp_item_get_status_label (item));
  row->cells[WP_SHEET_PROGRESS] = g_strdup_printf ("%d", row->progress);
  row->cells[WP_SHEET_NOTE] = wp_sheet_latest_note (store, item);
  row->cells[WP_SHEET_REMARK] = g_strdup (wp_item_get_description (item));
  for (guint q = 0; q < 4; q++)
    row->cells[WP_SHEET_MILESTONE_Q1 + q] = g_strdup ("");
  {
    g_autoptr(GPtrArray) milestones = wp_store_list_milestones (store, wp_item_get_id (item),
                                                                NULL);

    for (guint i = 0; milestones != NULL && i < milestones->len; i++)
      {
        WpMilestone *m = g_ptr_array_index (milestones, i);
        char **cell = &row->cells[WP_SHEET_MILESTONE_Q1 + m->quarter - 1];

        g_free (*cell);
        *cell = wp_sheet_format_milestone (m->text, m->progress);
      }
  }
  return row;
}

/* Adds the rows of @parent_id's sub-items and below; returns whether any
 * of them is @agency's. An agency's sheet keeps the areas and key tasks
 * above its items, marked as context, and nothing else. */
static gboolean
add_rows (WpSheet     *sheet,
          WpStore     *store,
          gint64       plan_id,
          gint64       parent_id,
          const char  *prefix,
          guint        depth,
          const char  *agency,
          GError     **error)
{
  g_autoptr(GPtrArray) children = wp_store_list_children (store, plan_id, parent_id, error);
  gboolean any = FALSE;

  if (children == NULL)
    return FALSE;
  for (guint i = 0; i < children->len; i++)
    {
      WpItem *item = g_ptr_array_index (children, i);
      g_autofree char *number = prefix != NULL ? g_strdup_printf ("%s.%u", prefix, i + 1)
                                               : g_strdup_printf ("%u", i + 1);
      WpSheetRow *row = row_new (store, item, number, depth);
      guint at = sheet->rows->len;
      gboolean own = wp_sheet_involves (item, agency);
      gboolean below = FALSE;

      g_ptr_array_add (sheet->rows, row);
      if (wp_item_get_n_children (item) > 0)
        {
          g_autoptr(GError) local_error = NULL;

          below = add_rows (sheet, store, plan_id, wp_item_get_id (item), number, depth + 1,
                            agency, &local_error);
          if (local_error != NULL)
            {
              g_propagate_error (error, g_steal_pointer (&local_error));
              return FALSE;
            }
        }
      if (!own && !below)
        g_ptr_array_remove_index (sheet->rows, at);  /* (nothing below it was added) */
      else
        row->context = !own;
      any = any || own || below;
    }
  return any;
}

/**
 * wp_sheet_new:
 * @agency: (nullable): only the items this agency leads or supports, with
 *   the items above them for context
 *
 * Returns: (transfer full): the plan's sheet, or %NULL with @error set
 */
WpSheet *
wp_sheet_new (WpStore     *store,
              gint64       plan_id,
              const char  *agency,
              GError     **error)
{
  g_autoptr(WpSheet) sheet = g_new0 (WpSheet, 1);
  g_autoptr(WpPlan) plan = wp_store_get_plan (store, plan_id, error);
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GStrvBuilder) parts = NULL;
  g_auto(GStrv) strv = NULL;
  g_autofree char *date = NULL;
  g_autofree char *year = NULL;
  g_autofree char *as_of = NULL;
  const char *organization;

  if (plan == NULL)
    return NULL;
  sheet->year = wp_plan_get_year (plan);
  sheet->agency = g_strdup (agency);
  sheet->rows = g_ptr_array_new_with_free_func (row_free);
  add_rows (sheet, store, plan_id, 0, NULL, 0, agency, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  /* 按单位统计: what each agency leads and supports, by its own items */
  if (agency == NULL)
    {
      sheet->loads = wp_agency_loads_compute (store, plan_id, error);
      if (sheet->loads == NULL)
        return NULL;
    }

  /* The plan's title, with its year when the title does not say it */
  year = g_strdup_printf ("%d", wp_plan_get_year (plan));
  if (strstr (wp_plan_get_title (plan), year) != NULL)
    sheet->title = g_strdup (wp_plan_get_title (plan));
  else
    /* Translators: a sheet's title when the plan's title has no year: year, title */
    sheet->title = g_strdup_printf (_("%d: %s"), wp_plan_get_year (plan),
                                    wp_plan_get_title (plan));
  date = wp_date_format_display (wp_store_get_reference_date (store));
  /* Translators: under a sheet's title, after the organisation and agency */
  as_of = g_strdup_printf (_("as of %s"), date);
  organization = wp_plan_get_organization (plan);
  parts = g_strv_builder_new ();
  if (organization[0] != '\0')
    g_strv_builder_add (parts, organization);
  if (agency != NULL)
    g_strv_builder_add (parts, agency);
  g_strv_builder_add (parts, as_of);
  strv = g_strv_builder_end (parts);
  sheet->subtitle = g_strjoinv (" · ", strv);
  return g_steal_pointer (&sheet);
}

/**
 * wp_sheet_neutralise:
 *
 * A spreadsheet program takes a cell that begins with = + - or @ (or a
 * tab or carriage return before one) as a formula, and a formula in a
 * mailed sheet can run commands (CSV injection). Such text gets a leading
 * apostrophe, which Excel, WPS and LibreOffice show as text.
 *
 * Returns: (transfer full): @text, neutralised where needed
 */
char *
wp_sheet_neutralise (const char *text)
{
  if (text[0] == '=' || text[0] == '+' || text[0] == '-' || text[0] == '@'
      || text[0] == '\t' || text[0] == '\r')
    return g_strconcat ("'", text, NULL);
  return g_strdup (text);
}

/* RFC 4180: a field with a comma, quote or line break is quoted, its
 * quotes doubled. Line breaks inside a field stay as they are. */
static void
append_csv_field (GString    *out,
                  const char *text)
{
  g_autofree char *safe = wp_sheet_neutralise (text);

  if (strpbrk (safe, ",\"\r\n") == NULL)
    {
      g_string_append (out, safe);
      return;
    }
  g_string_append_c (out, '"');
  for (const char *p = safe; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

static void
append_csv_line (GString           *out,
                 const char *const *cells)
{
  for (guint i = 0; i < WP_SHEET_N_COLUMNS; i++)
    {
      if (i > 0)
        g_string_append_c (out, ',');
      append_csv_field (out, cells[i]);
    }
  g_string_append (out, "\r\n");
}

/**
 * wp_sheet_write_csv:
 * @path: a file, or "-" for standard output (see wp_output_new())
 *
 * Writes the sheet as CSV: RFC 4180, UTF-8 with a byte order mark (so
 * that Excel reads Chinese), CRLF line ends, a header line, one line per
 * row. Written a row at a time.
 */
gboolean
wp_sheet_write_csv (WpSheet     *sheet,
                    const char  *path,
                    GError     **error)
{
  g_autoptr(WpOutput) output = wp_output_new (path);
  g_autoptr(GString) out = g_string_new ("\xef\xbb\xbf");
  const char *header[WP_SHEET_N_COLUMNS];

  for (guint i = 0; i < WP_SHEET_N_COLUMNS; i++)
    header[i] = wp_sheet_column_header (i);
  append_csv_line (out, header);
  for (guint i = 0; i < sheet->rows->len; i++)
    {
      WpSheetRow *row = g_ptr_array_index (sheet->rows, i);

      append_csv_line (out, (const char *const *) row->cells);
      if (out->len >= 64 * 1024)
        {
          if (!wp_output_write (output, out->str, out->len, error))
            return FALSE;
          g_string_truncate (out, 0);
        }
    }
  return wp_output_write (output, out->str, out->len, error)
         && wp_output_close (output, error);
}

/**
 * wp_sheet_agency_file_name:
 * @format: "xlsx" or "csv"
 *
 * Returns: (transfer full): the file name @agency's sheet is sent under,
 *   e.g. 2025-市公安局.xlsx: the name as it is, with what a file system (or
 *   Windows, where the sheet goes) refuses replaced
 */
char *
wp_sheet_agency_file_name (int         year,
                           const char *agency,
                           const char *format)
{
  char *name = g_strdup_printf ("%d-%s.%s", year, agency, format);

  g_strdelimit (name, "/\\:*?\"<>|", '_');
  return name;
}
