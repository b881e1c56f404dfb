/* bench-import.c: the phases of a JSON import and export, for issue 18
 *
 *   bench-import [--import-only] FILE.json
 *
 * Reads and checks FILE (the parse), writes it into a new plan file (the
 * store's bulk path), exports it again and writes the PDF briefing, each
 * timed with the resident memory after it; `workplan import` is the parse
 * and the write. --import-only stops there. Each line also gives the peak
 * resident memory so far.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <locale.h>
#include <sys/resource.h>
#include <glib/gstdio.h>

#include "wp-bench-plan.h"

/* CPU time so far, ms: the machine is shared, wall time is not all ours */
static double
cpu_ms (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return (usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * 1e3
         + (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e3;
}

static double cpu0;

static void
report (const char *what,
        double      t0)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  g_print ("%-28s %10.1f ms wall %10.1f ms CPU  RSS %6ld MB  peak %6ld MB\n", what,
           wp_bench_now_ms () - t0, cpu_ms () - cpu0, wp_bench_rss_kb () / 1024,
           usage.ru_maxrss / 1024);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WpJsonDocument) doc = NULL;
  g_autoptr(WpStore) store = NULL;
  g_autoptr(WpPlan) plan = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *json = NULL;
  g_autofree char *pdf = NULL;
  gboolean import_only = argc == 3 && g_str_equal (argv[1], "--import-only");
  double t0;

  setlocale (LC_ALL, "");
  if (argc != 2 && !import_only)
    {
      g_printerr ("Usage: bench-import [--import-only] FILE.json\n");
      return 2;
    }
  if (import_only)
    argv++;
  dir = g_dir_make_tmp ("workplan-bench-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (dir, "bench.db", NULL);
  store = wp_store_open (path, WP_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);

  t0 = wp_bench_now_ms ();
  cpu0 = cpu_ms ();
  doc = wp_json_document_load (argv[1], &error);
  if (doc == NULL)
    g_error ("%s", error->message);
  report ("read and check (parse)", t0);

  t0 = wp_bench_now_ms ();
  cpu0 = cpu_ms ();
  plan = wp_json_document_write (doc, store, 0, FALSE, &error);
  if (plan == NULL)
    g_error ("%s", error->message);
  report ("write into the store", t0);
  g_clear_pointer (&doc, wp_json_document_free);

  if (import_only)
    goto done;
  t0 = wp_bench_now_ms ();
  cpu0 = cpu_ms ();
  json = wp_json_export_plan (store, wp_plan_get_id (plan), &error);
  g_assert_no_error (error);
  report ("export JSON", t0);
  g_clear_pointer (&json, g_free);

  pdf = g_build_filename (dir, "briefing.pdf", NULL);
  t0 = wp_bench_now_ms ();
  cpu0 = cpu_ms ();
  if (!wp_briefing_write_pdf (store, wp_plan_get_id (plan), NULL, NULL, pdf, &error))
    g_error ("%s", error->message);
  report ("write the PDF briefing", t0);
  g_unlink (pdf);

done:
  g_clear_object (&store);
  for (const char *suffix = ""; suffix != NULL; suffix = *suffix ? NULL : "-wal")
    {
      g_autofree char *file = g_strconcat (path, suffix, NULL);
      g_unlink (file);
    }
  g_rmdir (dir);
  return 0;
}
