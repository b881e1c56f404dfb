/* fuzz-replay.c: runs a fuzz target over files, for builds without libFuzzer
 *
 * Every build, gcc's included, runs each target over its seed corpus and
 * over the inputs that once broke it (regressions/), so a fix stays fixed
 * where clang is not installed. Arguments are folders or files; libFuzzer's
 * own options (-runs=0 …) are ignored, so one command line serves both.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <glib.h>

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

static gint
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static void
run_file (const char *path,
          guint      *n_inputs)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length;

  if (!g_file_get_contents (path, &contents, &length, &error))
    g_error ("%s", error->message);
  /* A copy of exactly the input's size, so that ASan builds catch reads
   * past its end as libFuzzer does; never NULL, as from libFuzzer */
  {
    g_autofree uint8_t *input = g_malloc (MAX (length, 1));

    memcpy (input, contents, length);

    g_print ("%s (%" G_GSIZE_FORMAT " bytes)\n", path, length);
    LLVMFuzzerTestOneInput (input, length);
  }
  (*n_inputs)++;
}

int
main (int    argc,
      char **argv)
{
  guint n_inputs = 0;

  for (int i = 1; i < argc; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GDir) dir = NULL;
      g_autoptr(GPtrArray) names = NULL;
      const char *name;

      if (argv[i][0] == '-')
        continue;
      if (!g_file_test (argv[i], G_FILE_TEST_IS_DIR))
        {
          run_file (argv[i], &n_inputs);
          continue;
        }

      dir = g_dir_open (argv[i], 0, &error);
      if (dir == NULL)
        g_error ("%s", error->message);
      names = g_ptr_array_new_with_free_func (g_free);
      while ((name = g_dir_read_name (dir)) != NULL)
        if (name[0] != '.')
          g_ptr_array_add (names, g_build_filename (argv[i], name, NULL));
      g_ptr_array_sort (names, compare_names);
      for (guint k = 0; k < names->len; k++)
        run_file (g_ptr_array_index (names, k), &n_inputs);
    }

  g_print ("%u inputs, none crashed\n", n_inputs);
  /* No input at all means the corpus went missing: that is a failure. */
  return n_inputs > 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
