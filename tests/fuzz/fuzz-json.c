/* fuzz-json.c: libFuzzer target for the interchange JSON import
 *
 * Each input is parsed and checked as `workplan import` does. A document
 * that passes is written into a plan file, exported, and the export must
 * import again and export to the same text: whatever Workplan accepts it
 * can also give back. A refusal must be one line in WP_IO_ERROR.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stdint.h>
#include <stdlib.h>
#include <unistd.h>
#include <glib/gstdio.h>

#include "workplan-core.h"

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

/* Plans are filed under this year whatever the input says, replacing the
 * last input's plan, so the file stays small. */
#define FUZZ_YEAR 2000

static char *store_dir;
static char *store_path;
static WpStore *store;
static guint n_writes;

static void
remove_store (void)
{
  const char *suffixes[] = { "", "-wal", "-shm", "-journal" };

  g_clear_object (&store);
  for (guint i = 0; store_path != NULL && i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *path = g_strconcat (store_path, suffixes[i], NULL);
      g_unlink (path);
    }
  if (store_dir != NULL)
    g_rmdir (store_dir);
}

static WpStore *
get_store (void)
{
  g_autoptr(GError) error = NULL;

  /* Deleted plans stay in the file for undo until it is opened again:
   * start a new file now and then. */
  if (store != NULL && ++n_writes % 500 == 0)
    {
      g_clear_object (&store);
      g_unlink (store_path);
    }
  if (store != NULL)
    return store;

  if (store_dir == NULL)
    {
      /* In memory where there is a tmpfs: syncing to disk would be most of
       * the time spent */
      const char *base = g_file_test ("/dev/shm", G_FILE_TEST_IS_DIR) ? "/dev/shm"
                                                                     : g_get_tmp_dir ();
      store_dir = g_build_filename (base, "workplan-fuzz-XXXXXX", NULL);
      if (g_mkdtemp (store_dir) == NULL)
        g_error ("Cannot make a folder in %s", base);
      store_path = g_build_filename (store_dir, "fuzz.db", NULL);
      atexit (remove_store);
    }
  store = wp_store_open (store_path, WP_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  return store;
}

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
  g_autoptr(WpJsonDocument) doc = NULL;
  g_autoptr(WpJsonDocument) again = NULL;
  g_autoptr(WpPlan) plan = NULL;
  g_autoptr(WpPlan) plan2 = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  WpStore *s;

  doc = wp_json_document_parse ((const char *) data, (gssize) size, &error);
  if (doc == NULL)
    {
      g_assert_true (error->domain == WP_IO_ERROR);
      assert_one_line (error);
      return 0;
    }
  g_assert_no_error (error);

  s = get_store ();
  plan = wp_json_document_write (doc, s, FUZZ_YEAR, TRUE, &error);
  if (plan == NULL)
    {
      /* The store may refuse what the check let through, as a whole. */
      assert_one_line (error);
      return 0;
    }

  first = wp_json_export_plan (s, wp_plan_get_id (plan), &error);
  g_assert_no_error (error);
  again = wp_json_document_parse (first, -1, &error);
  g_assert_no_error (error);
  plan2 = wp_json_document_write (again, s, FUZZ_YEAR, TRUE, &error);
  g_assert_no_error (error);
  second = wp_json_export_plan (s, wp_plan_get_id (plan2), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (first, ==, second);

  return 0;
}
