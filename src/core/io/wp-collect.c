/* wp-collect.c: merging the sheets agencies filled in back into the plan
 *
 * An agency's sheet (see wp-sheet-xlsx.c) holds, in a hidden row above its
 * header, the key of every column and whose sheet it is, and in a hidden
 * column each item's uuid. Whatever Excel, WPS or LibreOffice did to the
 * file on saving, those find the rows' items again. From each row of the
 * agency's own items only what the agency reports is taken: 状态, 进度,
 * and the period's progress, problems and next steps as one dated progress
 * note naming the agency and the file. A row whose item is unknown or in
 * another plan, a row whose title, agencies or deadline were edited, a row
 * of someone else's item that was filled in, and values that cannot be
 * read are refused; nothing is written unless every row is sound, and then
 * everything in one transaction. A file that cannot be read, is no
 * agency's sheet or is of another year is refused whole; such a sheet, or
 * one with refused rows, may be left out (wp_collect_sheet_read() reads
 * each file apart from the store, wp_collect_evaluate() weighs them all),
 * and then the others are collected. What a sheet asks for that the plan
 * already holds (the same status, the same note) is not asked again, so
 * collecting a sheet twice adds nothing.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdlib.h>
#include <glib/gi18n-lib.h>

#include "wp-collect.h"
#include "wp-deadline.h"
#include "wp-json-io.h"
#include "wp-sheet.h"
#include "wp-table.h"
#include "wp-tracking.h"

/* The columns of the key row that collect reads */
enum {
  KEY_TITLE,
  KEY_LEAD,
  KEY_CO,
  KEY_DUE,
  KEY_STATUS,
  KEY_PROGRESS,
  KEY_NOTE,
  KEY_PROBLEMS,
  KEY_NEXT_STEPS,
  KEY_UUID,
  N_KEYS
};

G_STATIC_ASSERT (N_KEYS == WP_COLLECT_N_KEYS);

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

static void
row_free (gpointer data)
{
  WpCollectRow *row = data;

  g_free (row->file);
  g_free (row->agency);
  g_free (row->title);
  g_free (row->note);
  g_free (row->refusal);
  g_free (row);
}

void
wp_collect_free (WpCollect *collect)
{
  if (collect == NULL)
    return;
  g_clear_pointer (&collect->rows, g_ptr_array_unref);
  g_clear_pointer (&collect->sheets, g_ptr_array_unref);
  g_free (collect);
}

/* Every item of every plan by uuid, to tell an unknown item from one of
 * another plan */
static void
index_items (WpStore    *store,
             gint64      plan_id,
             gint64      parent_id,
             GHashTable *by_uuid)
{
  g_autoptr(GPtrArray) children = wp_store_list_children (store, plan_id, parent_id, NULL);

  for (guint i = 0; children != NULL && i < children->len; i++)
    {
      WpItem *item = g_ptr_array_index (children, i);

      g_hash_table_insert (by_uuid, g_strdup (wp_item_get_uuid (item)), g_object_ref (item));
      if (wp_item_get_n_children (item) > 0)
        index_items (store, plan_id, wp_item_get_id (item), by_uuid);
    }
}

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
static WpCollectRow *
read_row (WpStore    *store,
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
          row_free (row);
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
      row_free (row);
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
      row_free (row);
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

static gboolean
evaluate_sheet (WpCollect       *collect,
                WpStore         *store,
                gint64           plan_id,
                WpCollectSheet  *sheet,
                GHashTable      *by_uuid,
                GHashTable      *asked,
                GError         **error)
{
  g_autoptr(WpSheet) sent = NULL;
  g_autoptr(GHashTable) expected = NULL;

  sheet->n_changes = sheet->n_refused = 0;
  g_clear_pointer (&sheet->refusal, g_free);
  if (sheet->read_error != NULL)
    sheet->refusal = g_strdup (sheet->read_error);
  else if (sheet->year != collect->year)
    sheet->refusal = g_strdup_printf (_("It is a sheet of the %d plan, not of the %d plan: "
                                        "collect it into the %d plan."),
                                      sheet->year, collect->year, sheet->year);
  if (sheet->refusal != NULL)
    {
      if (!sheet->left_out)
        collect->n_refused_sheets++;
      return TRUE;
    }

  /* The sheet as it would be sent now: what the returned one is checked
   * against */
  sent = wp_sheet_new (store, plan_id, sheet->agency, error);
  if (sent == NULL)
    return FALSE;
  expected = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < sent->rows->len; i++)
    {
      WpSheetRow *row = g_ptr_array_index (sent->rows, i);

      g_hash_table_insert (expected, row->uuid, row);
    }

  /* (the header is the row below the keys) */
  for (guint r = sheet->key_row + 2; r < sheet->table->rows->len; r++)
    {
      WpCollectRow *row = read_row (store, sheet->table, r, sheet->columns, sheet->file,
                                    sheet->agency, collect->year, expected, by_uuid, asked);

      if (row == GINT_TO_POINTER (1))
        {
          if (!sheet->left_out)
            collect->n_unchanged++;
        }
      else if (row != NULL)
        {
          row->sheet = sheet;
          g_ptr_array_add (collect->rows, row);
          if (row->refusal != NULL)
            sheet->n_refused++;
          else
            sheet->n_changes++;
        }
    }
  if (!sheet->left_out)
    {
      collect->n_refused += sheet->n_refused;
      collect->n_changes += sheet->n_changes;
    }
  return TRUE;
}

/**
 * wp_collect_evaluate:
 * @sheets: (element-type WpCollectSheet): the returned sheets as read,
 *   some perhaps left out
 * @date: the date the progress notes are given
 *
 * Works out what each row of @sheets asks for, or why it is refused, and
 * why a sheet is refused whole; sets each sheet's counts. Writes nothing.
 * The sheets left out are weighed after the others, so that they change
 * nothing of what the others ask for (two sheets may disagree on an item:
 * the later is refused).
 *
 * Returns: (transfer full): what the sheets ask for, or %NULL with @error
 *   set when the plan cannot be read
 */
WpCollect *
wp_collect_evaluate (WpStore     *store,
                     gint64       plan_id,
                     GPtrArray   *sheets,
                     const GDate *date,
                     GError     **error)
{
  g_autoptr(WpCollect) collect = g_new0 (WpCollect, 1);
  g_autoptr(GHashTable) by_uuid = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                         g_object_unref);
  g_autoptr(GHashTable) asked = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) plans = wp_store_list_plans (store, error);
  g_autoptr(WpPlan) plan = plans != NULL ? wp_store_get_plan (store, plan_id, error) : NULL;

  if (plans == NULL || plan == NULL)
    return NULL;
  collect->year = wp_plan_get_year (plan);
  collect->date = *date;
  collect->sheets = g_ptr_array_ref (sheets);
  collect->rows = g_ptr_array_new_with_free_func (row_free);
  for (guint i = 0; i < plans->len; i++)
    index_items (store, wp_plan_get_id (g_ptr_array_index (plans, i)), 0, by_uuid);

  for (int left_out = 0; left_out < 2; left_out++)
    for (guint i = 0; i < sheets->len; i++)
      {
        WpCollectSheet *sheet = g_ptr_array_index (sheets, i);

        if (sheet->left_out == left_out
            && !evaluate_sheet (collect, store, plan_id, sheet, by_uuid, asked, error))
          return NULL;
      }
  return g_steal_pointer (&collect);
}

/**
 * wp_collect_read:
 * @files: the returned sheets
 * @date: the date the progress notes are given
 *
 * Reads the sheets and works out what each row asks for, or why it or its
 * whole file is refused (see wp_collect_evaluate()). Writes nothing.
 *
 * Returns: (transfer full): what the sheets ask for, or %NULL with @error
 *   set when the plan cannot be read
 */
WpCollect *
wp_collect_read (WpStore            *store,
                 gint64              plan_id,
                 const char * const *files,
                 const GDate        *date,
                 GError            **error)
{
  g_autoptr(GPtrArray) sheets = g_ptr_array_new_with_free_func (
    (GDestroyNotify) wp_collect_sheet_free);

  for (guint i = 0; files[i] != NULL; i++)
    g_ptr_array_add (sheets, wp_collect_sheet_read (files[i], NULL));
  return wp_collect_evaluate (store, plan_id, sheets, date, error);
}

/**
 * wp_collect_is_sound:
 *
 * Returns: whether every sheet not left out can be collected
 */
gboolean
wp_collect_is_sound (WpCollect *collect)
{
  return collect->n_refused == 0 && collect->n_refused_sheets == 0;
}

/**
 * wp_collect_leave_out_refused:
 *
 * Leaves out every sheet that is refused whole or has a refused row; what
 * the others ask for is then known by evaluating the sheets again
 * (wp_collect_evaluate() with @collect's sheets).
 *
 * Returns: how many sheets were left out by this call
 */
guint
wp_collect_leave_out_refused (WpCollect *collect)
{
  guint n = 0;

  for (guint i = 0; i < collect->sheets->len; i++)
    {
      WpCollectSheet *sheet = g_ptr_array_index (collect->sheets, i);

      if (!sheet->left_out && !wp_collect_sheet_is_sound (sheet))
        {
          sheet->left_out = TRUE;
          n++;
        }
    }
  return n;
}

/* An item an agency's sheet reports done is closed out with what the
 * sheet says of it (its 进展情况, or who reported it where): it is then
 * 待销号, waiting for the office's review, where the plan asks for one
 * (see wp_store_close_out()), like an item marked done in the window. */
static gboolean
close_out (WpStore       *store,
           WpCollectRow  *row,
           GError       **error)
{
  g_autofree char *note = g_strstrip (g_strdup (row->note != NULL ? row->note : ""));
  g_autofree char *completion = NULL;

  if (note[0] == '\0')
    /* Translators: the completion note (办结情况) of an item a returned
     * sheet reports done: the agency, then the sheet's file name */
    completion = g_strdup_printf (_("Reported done by %s in “%s”"),
                                  row->agency != NULL ? row->agency : "", row->file);
  return wp_store_close_out (store, row->item_id, completion != NULL ? completion : note, error);
}

/**
 * wp_collect_apply:
 *
 * Writes what @collect asks for in one transaction, or nothing: refused
 * rows refuse the whole set.
 */
gboolean
wp_collect_apply (WpStore    *store,
                  WpCollect  *collect,
                  GError    **error)
{
  if (collect->n_refused > 0)
    {
      g_set_error (error, WP_IO_ERROR, WP_IO_ERROR_INVALID,
                   g_dngettext (GETTEXT_PACKAGE,
                                "%u row of the sheets is refused; nothing was changed.",
                                "%u rows of the sheets are refused; nothing was changed.",
                                collect->n_refused),
                   collect->n_refused);
      return FALSE;
    }
  if (collect->n_refused_sheets > 0)
    {
      g_set_error (error, WP_IO_ERROR, WP_IO_ERROR_INVALID,
                   g_dngettext (GETTEXT_PACKAGE,
                                "%u sheet is refused; nothing was changed.",
                                "%u sheets are refused; nothing was changed.",
                                collect->n_refused_sheets),
                   collect->n_refused_sheets);
      return FALSE;
    }
  if (!wp_store_begin (store, error))
    return FALSE;
  for (guint i = 0; i < collect->rows->len; i++)
    {
      WpCollectRow *row = g_ptr_array_index (collect->rows, i);

      if (row->sheet != NULL && row->sheet->left_out)
        continue;
      if ((row->set_status && row->status == WP_ITEM_STATUS_DONE
           && !close_out (store, row, error))
          || (row->set_status && row->status != WP_ITEM_STATUS_DONE
              && !wp_store_set_item_string (store, row->item_id, "status",
                                            wp_item_status_to_string (row->status), error))
          || (row->set_progress
              && !wp_store_set_item_int (store, row->item_id, "progress", row->progress, error))
          || (row->note != NULL
              && wp_store_add_note (store, row->item_id, &collect->date, row->note,
                                    row->set_progress ? row->progress : -1, error) == 0))
        {
          wp_store_rollback (store);
          return FALSE;
        }
    }
  return wp_store_commit (store, error);
}

/**
 * wp_collect_to_json:
 *
 * Returns: (transfer full): what the sheets ask for and what is refused,
 *   for `collect --json`
 */
JsonNode *
wp_collect_to_json (WpCollect *collect)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autofree char *date = wp_date_to_iso (&collect->date);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "year");
  json_builder_add_int_value (builder, collect->year);
  json_builder_set_member_name (builder, "date");
  json_builder_add_string_value (builder, date);
  json_builder_set_member_name (builder, "unchanged");
  json_builder_add_int_value (builder, collect->n_unchanged);
  json_builder_set_member_name (builder, "sheets");
  json_builder_begin_array (builder);
  for (guint i = 0; collect->sheets != NULL && i < collect->sheets->len; i++)
    {
      WpCollectSheet *sheet = g_ptr_array_index (collect->sheets, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "file");
      json_builder_add_string_value (builder, sheet->file);
      json_builder_set_member_name (builder, "agency");
      if (sheet->agency != NULL)
        json_builder_add_string_value (builder, sheet->agency);
      else
        json_builder_add_null_value (builder);
      json_builder_set_member_name (builder, "sound");
      json_builder_add_boolean_value (builder, wp_collect_sheet_is_sound (sheet));
      json_builder_set_member_name (builder, "left_out");
      json_builder_add_boolean_value (builder, sheet->left_out);
      json_builder_set_member_name (builder, "reason");
      if (sheet->refusal != NULL)
        json_builder_add_string_value (builder, sheet->refusal);
      else
        json_builder_add_null_value (builder);
      json_builder_set_member_name (builder, "changes");
      json_builder_add_int_value (builder, sheet->n_changes);
      json_builder_set_member_name (builder, "refused_rows");
      json_builder_add_int_value (builder, sheet->n_refused);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  for (int refused = 0; refused < 2; refused++)
    {
      json_builder_set_member_name (builder, refused ? "refused" : "changes");
      json_builder_begin_array (builder);
      for (guint i = 0; i < collect->rows->len; i++)
        {
          WpCollectRow *row = g_ptr_array_index (collect->rows, i);

          if ((row->refusal != NULL) != refused
              || (!refused && row->sheet != NULL && row->sheet->left_out))
            continue;
          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "file");
          json_builder_add_string_value (builder, row->file);
          json_builder_set_member_name (builder, "agency");
          json_builder_add_string_value (builder, row->agency);
          json_builder_set_member_name (builder, "row");
          json_builder_add_int_value (builder, row->row);
          json_builder_set_member_name (builder, "title");
          json_builder_add_string_value (builder, row->title);
          if (refused)
            {
              json_builder_set_member_name (builder, "reason");
              json_builder_add_string_value (builder, row->refusal);
            }
          else
            {
              json_builder_set_member_name (builder, "status");
              if (row->set_status)
                json_builder_add_string_value (builder,
                                               wp_item_status_to_string (row->status));
              else
                json_builder_add_null_value (builder);
              json_builder_set_member_name (builder, "progress");
              if (row->set_progress)
                json_builder_add_int_value (builder, row->progress);
              else
                json_builder_add_null_value (builder);
              json_builder_set_member_name (builder, "note");
              if (row->note != NULL)
                json_builder_add_string_value (builder, row->note);
              else
                json_builder_add_null_value (builder);
            }
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
    }
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}
