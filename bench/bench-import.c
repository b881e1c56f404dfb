/* bench-import.c: the phases of a JSON import and export, for issue 18
 *
 *   bench-import [--import-only] FILE.json
 *   bench-import --generate N DIR
 *   bench-import --soffice FILE.xlsx
 *
 * Reads and checks FILE (the parse), writes it into a new plan file (the
 * store's bulk path), exports it again and writes the PDF briefing, each
 * timed with the resident memory after it; `workplan import` is the parse
 * and the write. --import-only stops there. Each line also gives the peak
 * resident memory so far.
 *
 * --generate writes a generated plan of N items as DIR/plan-N.json and
 * DIR/plan-N.xlsx, for the import to be timed in a process of its own;
 * --soffice times LibreOffice reading the same plan as .xlsx headless
 * (`soffice --headless --convert-to csv`, its first start with a new
 * profile not counted), the floor issue 18 compares the import with.
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

static int
generate (const char *count,
          const char *dir)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WpStore) store = NULL;
  g_autoptr(WpSheet) sheet = NULL;
  g_autofree char *tmp = g_dir_make_tmp ("workplan-bench-XXXXXX", &error);
  g_autofree char *db = NULL;
  g_autofree char *json_path = g_strdup_printf ("%s/plan-%s.json", dir, count);
  g_autofree char *xlsx_path = g_strdup_printf ("%s/plan-%s.xlsx", dir, count);
  g_autofree char *json = NULL;
  WpBenchPlan plan;

  g_assert_no_error (error);
  db = g_build_filename (tmp, "bench.db", NULL);
  store = wp_store_open (db, WP_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  if (!wp_bench_generate_plan (store, 2025, (guint) g_ascii_strtoull (count, NULL, 10), &plan,
                               &error))
    g_error ("generate: %s", error->message);
  json = wp_json_export_plan (store, wp_plan_get_id (plan.plan), &error);
  g_assert_no_error (error);
  if (!g_file_set_contents (json_path, json, -1, &error))
    g_error ("%s", error->message);
  sheet = wp_sheet_new (store, wp_plan_get_id (plan.plan), NULL, &error);
  g_assert_no_error (error);
  if (!wp_sheet_write_xlsx (sheet, xlsx_path, &error))
    g_error ("%s", error->message);
  g_print ("%u items: %s, %s\n", plan.n_items, json_path, xlsx_path);
  g_clear_object (&plan.plan);
  g_clear_object (&store);
  for (const char *suffix = ""; suffix != NULL; suffix = *suffix ? NULL : "-wal")
    {
      g_autofree char *file = g_strconcat (db, suffix, NULL);
      g_unlink (file);
    }
  g_rmdir (tmp);
  return 0;
}

/* LibreOffice's wall and CPU time (its children's rusage) reading @xlsx */
static int
time_soffice (const char *xlsx)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *soffice = g_find_program_in_path ("soffice");
  g_autofree char *dir = g_dir_make_tmp ("workplan-bench-XXXXXX", &error);
  g_autofree char *profile = NULL;
  g_autofree char *small = NULL;
  g_autofree char *out = NULL;

  if (soffice == NULL)
    g_error ("soffice is not installed");
  g_assert_no_error (error);
  profile = g_strdup_printf ("-env:UserInstallation=file://%s/lo-profile", dir);
  small = g_build_filename (dir, "small.csv", NULL);
  out = g_build_filename (dir, "lo", NULL);
  g_assert_true (g_file_set_contents (small, "a,b\n", -1, NULL));
  for (int pass = 0; pass < 2; pass++)
    {
      const char *argv[] = { soffice, profile, "--headless", "--convert-to", "csv", "--outdir",
                             out, pass == 0 ? small : xlsx, NULL };
      struct rusage before, after;
      double t0 = wp_bench_now_ms ();
      int status = 0;

      getrusage (RUSAGE_CHILDREN, &before);
      if (!g_spawn_sync (NULL, (char **) argv, NULL,
                         G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL,
                         NULL, NULL, &status, &error)
          || !g_spawn_check_wait_status (status, &error))
        g_error ("soffice: %s", error->message);
      getrusage (RUSAGE_CHILDREN, &after);
      g_print ("%-28s %10.1f ms wall %10.1f ms CPU  peak %6ld MB\n",
               pass == 0 ? "LibreOffice first start" : "LibreOffice: XLSX → CSV",
               wp_bench_now_ms () - t0,
               (after.ru_utime.tv_sec - before.ru_utime.tv_sec
                + after.ru_stime.tv_sec - before.ru_stime.tv_sec) * 1e3
               + (after.ru_utime.tv_usec - before.ru_utime.tv_usec
                  + after.ru_stime.tv_usec - before.ru_stime.tv_usec) / 1e3,
               after.ru_maxrss / 1024);
    }
  {
    const char *rm[] = { "rm", "-rf", dir, NULL };

    g_spawn_sync (NULL, (char **) rm, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL, NULL,
                  NULL);
  }
  return 0;
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
  if (argc == 4 && g_str_equal (argv[1], "--generate"))
    return generate (argv[2], argv[3]);
  if (argc == 3 && g_str_equal (argv[1], "--soffice"))
    return time_soffice (argv[2]);
  if (argc != 2 && !import_only)
    {
      g_printerr ("Usage: bench-import [--import-only] FILE.json | --generate N DIR"
                  " | --soffice FILE.xlsx\n");
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
