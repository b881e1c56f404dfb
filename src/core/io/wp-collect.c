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

#include <glib/gi18n-lib.h>

#include "wp-collect-private.h"
#include "wp-deadline.h"
#include "wp-json-io.h"
#include "wp-sheet.h"
#include "wp-tracking.h"

void
_wp_collect_row_free (gpointer data)
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
      WpCollectRow *row = _wp_collect_read_row (store, sheet->table, r, sheet->columns, sheet->file,
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
  collect->rows = g_ptr_array_new_with_free_func (_wp_collect_row_free);
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
