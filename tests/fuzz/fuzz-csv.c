/* fuzz-csv.c: libFuzzer target for the CSV sheet import
 *
 * Each input is read as a CSV task breakdown sheet, as `workplan
 * import-sheet` reads one: into a table, then the table into interchange
 * JSON, which `workplan import` must accept. A refusal must be one line.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stdint.h>
#include <string.h>

#include "workplan-core.h"

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

static void
assert_one_line (const GError *error)
{
  g_assert_nonnull (error);
  g_assert_nonnull (error->message);
  g_assert_true (g_utf8_validate (error->message, -1, NULL));
  g_assert_null (strchr (error->message, '\n'));
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WpTable) table = NULL;
  g_autoptr(WpJsonDocument) doc = NULL;
  g_autofree char *json = NULL;

  table = wp_table_read_csv ((const char *) data, size, &error);
  if (table == NULL)
    {
      assert_one_line (error);
      return 0;
    }
  g_assert_no_error (error);
  for (guint r = 0; r < table->rows->len; r++)
    {
      GArray *row = g_ptr_array_index (table->rows, r);

      for (guint c = 0; c < row->len; c++)
        {
          const char *text = g_array_index (row, WpTableCell, c).text;

          /* (NULL: a gap in the row) */
          g_assert_true (text == NULL || g_utf8_validate (text, -1, NULL));
        }
    }

  json = wp_sheet_import_table (table, 0, "fuzz", &error);
  if (json == NULL)
    {
      assert_one_line (error);
      return 0;
    }
  g_assert_no_error (error);
  doc = wp_json_document_parse (json, -1, &error);
  g_assert_no_error (error);
  g_assert_nonnull (doc);
  return 0;
}
