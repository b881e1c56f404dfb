/* wp-collect-sheet.c: one agency's sheet read back: its key row, and
 * what each row asks for or why it is refused
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <stdlib.h>
#include <glib/gi18n-lib.h>

#include "wp-collect-private.h"
#include "wp-deadline.h"
#include "wp-sheet.h"
#include "wp-table.h"
#include "wp-tracking.h"

static const char *const key_names[N_KEYS] = {
  "title", "lead", "co", "due", "status", "progress", "note", "problems", "next_steps", "uuid",
};

/* The sheet's columns compared with the plan, and the names they are
 * given in a refusal */
static const struct {
  int           key;
  WpSheetColumn column;
} structure[] = {
  { KEY_TITLE, WP_SHEET_TITLE },
  { KEY_LEAD, WP_SHEET_LEAD },
  { KEY_CO, WP_SHEET_CO },
  { KEY_DUE, WP_SHEET_DUE },
};

/* A cell's text as the plan would write it: trimmed, with CRLF as LF
 * (spreadsheet programs write line breaks either way) */
static char *
cell_text (WpTable *table,
           guint    row,
           int      column)
{
  const WpTableCell *cell = column >= 0 ? wp_table_get (table, row, column) : NULL;
  g_autoptr(GString) text = NULL;

  if (cell == NULL)
    return g_strdup ("");
  text = g_string_new (cell->text);
  g_string_replace (text, "\r\n", "\n", 0);
  g_strstrip (text->str);
  return g_strdup (text->str);
}

/* The row holding the column keys: within the first rows, one naming
 * "uuid" and "status" */
static gboolean
find_keys (WpTable  *table,
           guint    *key_row,
           int       columns[N_KEYS],
           char    **agency,
           int      *year)
{
  for (guint r = 0; r < MIN (table->rows->len, 8); r++)
    {
      guint n = wp_table_n_columns (table);

      for (guint k = 0; k < N_KEYS; k++)
        columns[k] = -1;
      *agency = NULL;
      *year = 0;
      for (guint c = 0; c < n; c++)
        {
          g_autofree char *text = cell_text (table, r, c);

          for (guint k = 0; k < N_KEYS; k++)
            if (g_str_equal (text, key_names[k]))
              columns[k] = c;
          if (g_str_has_prefix (text, "agency=") && *agency == NULL)
            *agency = g_strdup (text + strlen ("agency="));
          if (g_str_has_prefix (text, "year="))
            *year = atoi (text + strlen ("year="));
        }
      if (columns[KEY_UUID] >= 0 && columns[KEY_STATUS] >= 0 && *agency != NULL)
        {
          *key_row = r;
          return TRUE;
        }
      g_clear_pointer (agency, g_free);
    }
  return FALSE;
}

/* 状态 as written in the sheet: in the words of this locale, of the
 * sheet's (English or Chinese), or the interchange names */
static gboolean
parse_status (const char   *text,
              WpItemStatus *status)
{
  static const char *const chinese[] = { "未开始", "进行中", "已完成", "暂缓" };
  static const char *const english[] = { "Not started", "In progress", "Done", "Suspended" };

  for (WpItemStatus s = WP_ITEM_STATUS_NOT_STARTED; s <= WP_ITEM_STATUS_SUSPENDED; s++)
    if (g_str_equal (text, wp_item_status_to_label (s)) || g_str_equal (text, chinese[s])
        || g_ascii_strcasecmp (text, english[s]) == 0
        || g_str_equal (text, wp_item_status_to_string (s)))
      {
        *status = s;
        return TRUE;
      }
  return FALSE;
}

/* 进度: a number of 0–100, "60%", or a percentage cell (0.6) */
static gboolean
parse_progress (WpTable *table,
                guint    row,
                int      column,
                int     *progress)
{
  const WpTableCell *cell = wp_table_get (table, row, column);
  g_autofree char *text = cell_text (table, row, column);
  double value;
  char *end;

  if (cell != NULL && cell->is_number)
    value = cell->is_percent ? cell->number * 100 : cell->number;
  else
    {
      value = g_ascii_strtod (text, &end);
      if (end == text || (*end != '\0' && !g_str_equal (end, "%") && !g_str_equal (end, "％")))
        return FALSE;
    }
  if (value < 0 || value > 100 || value != (int) value)
    return FALSE;
  *progress = (int) value;
  return TRUE;
}

static char *
compose_note (const char *agency,
              const char *file,
              const char *progress,
              const char *problems,
              const char *next_steps)
{
  g_autoptr(GString) note = g_string_new (NULL);

  /* Translators: opens a progress note taken from an agency's returned
   * sheet: the agency, the file */
  g_string_append_printf (note, _("Reported by %s in “%s”:"), agency, file);
  if (progress[0] != '\0')
    g_string_append_printf (note, " %s", progress);
  if (problems[0] != '\0')
    /* Translators: part of a progress note from a returned sheet (存在问题) */
    g_string_append_printf (note, _(" Problems: %s"), problems);
  if (next_steps[0] != '\0')
    /* Translators: part of a progress note from a returned sheet (下步打算) */
    g_string_append_printf (note, _(" Next steps: %s"), next_steps);
  return g_string_free (g_steal_pointer (&note), FALSE);
}

static gboolean
has_note (WpStore    *store,
          gint64      item_id,
          const char *text)
{
  g_autoptr(GPtrArray) notes = wp_store_list_notes (store, item_id, NULL);

  for (guint i = 0; notes != NULL && i < notes->len; i++)
    if (g_str_equal (((WpNote *) g_ptr_array_index (notes, i))->text, text))
      return TRUE;
  return FALSE;
}

static WpCollectRow *
refuse (WpCollectRow *row,
        const char   *format,
        ...) G_GNUC_PRINTF (2, 3);

static WpCollectRow *
refuse (WpCollectRow *row,
        const char   *format,
        ...)
{
  va_list args;

  va_start (args, format);
  g_free (row->refusal);
  row->refusal = g_strdup_vprintf (format, args);
  va_end (args);
  row->set_status = row->set_progress = FALSE;
  g_clear_pointer (&row->note, g_free);
  return row;
}

/* What row @r of the table asks for, or NULL when it asks for nothing */
WpCollectRow *
_wp_collect_read_row (WpStore    *store,
                      WpTable    *table,
                      guint       r,
                      const int   columns[N_KEYS],
                      const char *file,
                      const char *agency,
                      int         year,
                      GHashTable *expected,
                      GHashTable *by_uuid,
                      GHashTable *asked)
{
  g_autofree char *uuid = cell_text (table, r, columns[KEY_UUID]);
  g_autofree char *status_text = cell_text (table, r, columns[KEY_STATUS]);
  g_autofree char *progress_text = cell_text (table, r, columns[KEY_PROGRESS]);
  g_autofree char *note_text = cell_text (table, r, columns[KEY_NOTE]);
  g_autofree char *problems = cell_text (table, r, columns[KEY_PROBLEMS]);
  g_autofree char *next_steps = cell_text (table, r, columns[KEY_NEXT_STEPS]);
  g_autofree char *title = cell_text (table, r, columns[KEY_TITLE]);
  gboolean filled = note_text[0] != '\0' || problems[0] != '\0' || next_steps[0] != '\0';
  WpCollectRow *row;
  WpSheetRow *now;
  WpItem *item;

  if (uuid[0] == '\0' && !filled && title[0] == '\0')
    return NULL;  /* an empty line */

  row = g_new0 (WpCollectRow, 1);
  row->file = g_strdup (file);
  row->agency = g_strdup (agency);
  row->row = r + 1;
  row->title = g_strdup (title);

  if (uuid[0] == '\0')
    return refuse (row, _("The row has no item id: rows are added in the plan, not in "
                          "returned sheets."));
  now = g_hash_table_lookup (expected, uuid);
  item = g_hash_table_lookup (by_uuid, uuid);
  if (now == NULL && item != NULL && wp_item_get_plan_year (item) != year)
    return refuse (row, _("The item is in the %d plan, not in the %d plan."),
                   wp_item_get_plan_year (item), year);
  if (now == NULL && item != NULL)
    {
      if (!filled && status_text[0] == '\0')
        {
          _wp_collect_row_free (row);
          return NULL;
        }
      return refuse (row, _("%s is no longer on this item: the plan changed since the sheet "
                            "was sent."), agency);
    }
  if (now == NULL)
    return refuse (row, _("No item of the plan has this id: it was deleted from the plan, or "
                          "the id was changed."));
  row->item_id = wp_item_get_id (item);
  g_free (row->title);
  row->title = g_strdup (wp_item_get_title (item));

  if (now->context)
    {
      if (filled)
        return refuse (row, _("%s neither leads nor supports this item; only its own items "
                              "are filled in."), agency);
      _wp_collect_row_free (row);
      return NULL;  /* the area or key task above its items, as sent */
    }

  for (guint i = 0; i < G_N_ELEMENTS (structure); i++)
    {
      g_autofree char *sent = cell_text (table, r, columns[structure[i].key]);
      g_autofree char *plan = g_strstrip (g_strdup (now->cells[structure[i].column]));

      if (columns[structure[i].key] >= 0 && !g_str_equal (sent, plan))
        return refuse (row, _("Its %s reads “%s” in the sheet but “%s” in the plan: titles, "
                              "agencies and deadlines are changed in the plan, not in returned "
                              "sheets."),
                       wp_sheet_column_header (structure[i].column), sent, plan);
    }

  /* The sheet was sent with the status and progress the plan shows: a
   * change is a value other than that. */
  /* What comes from the items below is locked in the sheet and not read:
   * it changed when they did. */
  if (status_text[0] != '\0' && !now->rolled_status)
    {
      if (!parse_status (status_text, &row->status))
        return refuse (row, _("“%s” is not a status: choose one from the cell's list."),
                       status_text);
      row->old_status = now->status;
      row->set_status = row->status != row->old_status;
    }
  if (progress_text[0] != '\0' && !now->rolled_progress)
    {
      if (!parse_progress (table, r, columns[KEY_PROGRESS], &row->progress))
        return refuse (row, _("“%s” is not a progress: give a whole number from 0 to 100."),
                       progress_text);
      row->old_progress = now->progress;
      row->set_progress = row->progress != row->old_progress;
    }
  if (filled)
    {
      row->note = compose_note (agency, file, note_text, problems, next_steps);
      if (has_note (store, row->item_id, row->note))
        g_clear_pointer (&row->note, g_free);
    }

  /* Two sheets may both report on an item (its lead's and a co-agency's):
   * their notes are both kept, but they must not disagree on its status
   * and progress. */
  if (row->set_status || row->set_progress)
    {
      WpCollectRow *other = g_hash_table_lookup (asked, uuid);

      if (other != NULL
          && ((row->set_status && other->set_status && row->status != other->status)
              || (row->set_progress && other->set_progress
                  && row->progress != other->progress)))
        return refuse (row, _("“%s” (row %u) gives the item another status or progress."),
                       other->file, other->row);
      g_hash_table_insert (asked, g_strdup (uuid), row);
    }
  if (!row->set_status && !row->set_progress && row->note == NULL)
    {
      _wp_collect_row_free (row);
      return GINT_TO_POINTER (1);  /* the agency's row, asking for nothing new */
    }
  return row;
}

/**
 * wp_collect_sheet_read:
 * @path: a returned sheet
 * @cancellable: (nullable): checked before the file is read
 *
 * Reads @path and finds its key row, its agency and its year; needs no
 * store, so that the files may be read in a thread. A file that cannot be
 * read, or is no agency's sheet, is not an error: it is returned refused,
 * so that the others can still be collected.
 *
 * Returns: (transfer full): the sheet as read, or %NULL when @cancellable
 *   was cancelled
 */
WpCollectSheet *
wp_collect_sheet_read (const char   *path,
                       GCancellable *cancellable)
{
  g_autoptr(WpCollectSheet) sheet = g_new0 (WpCollectSheet, 1);
  g_autoptr(GError) error = NULL;

  if (g_cancellable_is_cancelled (cancellable))
    return NULL;
  sheet->path = g_strdup (path);
  sheet->file = g_path_get_basename (path);
  sheet->table = wp_table_read_file (path, &error);
  /* (the file is named wherever the refusal is shown) */
  if (sheet->table == NULL)
    sheet->read_error = g_strdup (error->message);
  else if (!find_keys (sheet->table, &sheet->key_row, sheet->columns, &sheet->agency,
                       &sheet->year))
    {
      sheet->read_error =
        g_strdup (_("It is not a sheet sent to an agency: it has no item ids. Send each agency "
                    "its sheet with “workplan export --format xlsx --agency NAME”."));
      g_clear_pointer (&sheet->table, wp_table_free);
    }
  return g_steal_pointer (&sheet);
}

void
wp_collect_sheet_free (WpCollectSheet *sheet)
{
  if (sheet == NULL)
    return;
  g_free (sheet->path);
  g_free (sheet->file);
  g_free (sheet->agency);
  g_free (sheet->refusal);
  g_free (sheet->read_error);
  g_clear_pointer (&sheet->table, wp_table_free);
  g_free (sheet);
}

/**
 * wp_collect_sheet_is_sound:
 *
 * Returns: whether the sheet, as last evaluated, can be collected: it was
 *   read, is of the plan and none of its rows is refused
 */
gboolean
wp_collect_sheet_is_sound (const WpCollectSheet *sheet)
{
  return sheet->refusal == NULL && sheet->n_refused == 0;
}
