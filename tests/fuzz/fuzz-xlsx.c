/* fuzz-xlsx.c: libFuzzer target for the .xlsx sheet import (and, included
 * by fuzz-xls.c, for the .xls one)
 *
 * Both readers take a path (one unzips, the other hands the file to FreeXL),
 * so each input is written to one file, made once per process and rewritten
 * for every input. Each table gives interchange JSON that `workplan import`
 * accepts, or a refusal in one line.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <glib/gstdio.h>

#include "workplan-core.h"

#ifdef FUZZ_XLS
static void fuzz_xls_init (void);
static void check_merges (const uint8_t *data,
                          size_t         size);
#endif

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

static char *input_dir;
static char *input_path;

static void
remove_input (void)
{
  g_unlink (input_path);
  g_rmdir (input_dir);
}

static const char *
get_input_path (void)
{
  if (input_path == NULL)
    {
      /* In memory where there is a tmpfs: the file is rewritten for every
       * input */
      const char *base = g_file_test ("/dev/shm", G_FILE_TEST_IS_DIR) ? "/dev/shm"
                                                                     : g_get_tmp_dir ();
      input_dir = g_build_filename (base, "workplan-fuzz-XXXXXX", NULL);
      if (g_mkdtemp (input_dir) == NULL)
        g_error ("Cannot make a folder in %s", base);
      input_path = g_build_filename (input_dir, "input", NULL);
      atexit (remove_input);
    }
  return input_path;
}

static void
assert_one_line (const GError *error)
{
  g_assert_nonnull (error);
  g_assert_nonnull (error->message);
  g_assert_true (g_utf8_validate (error->message, -1, NULL));
  g_assert_null (strchr (error->message, '\n'));
}

static void
import_table (WpTable      *table,
              const GError *error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(WpJsonDocument) doc = NULL;
  g_autofree char *json = NULL;

  if (table == NULL)
    {
      assert_one_line (error);
      return;
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

  json = wp_sheet_import_table (table, 0, "fuzz", &local_error);
  if (json == NULL)
    {
      assert_one_line (local_error);
      return;
    }
  g_assert_no_error (local_error);
  doc = wp_json_document_parse (json, -1, &local_error);
  g_assert_no_error (local_error);
  g_assert_nonnull (doc);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GError) error = NULL;
  const char *path = get_input_path ();

  if (!g_file_set_contents (path, (const char *) data, (gssize) size, &error))
    g_error ("%s", error->message);

  {
#ifdef FUZZ_XLS
    g_autoptr(WpTable) table = NULL;

    fuzz_xls_init ();
    check_merges (data, size);
    table = wp_table_read_xls (path, &error);
#else
    g_autoptr(WpTable) table = wp_table_read_xlsx (path, &error);
#endif

    import_table (table, error);
  }
  return 0;
}
