/* bench-sheet.c: the task breakdown sheet of a generated plan, written as
 * XLSX and CSV (issue 20: 10k items to XLSX in under 1 s)
 *
 *   bench-sheet [--items N] [--runs R]
 *
 * Prints the median time of each step and the peak memory.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>

#include "wp-bench-plan.h"

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static double
median (GArray *times)
{
  g_array_sort (times, compare_doubles);
  return g_array_index (times, double, times->len / 2);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *xlsx = NULL;
  g_autofree char *csv = NULL;
  g_autoptr(WpStore) store = NULL;
  g_autoptr(GArray) rows = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) xlsx_times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) csv_times = g_array_new (FALSE, FALSE, sizeof (double));
  WpBenchPlan plan = { 0 };
  int items = 10000, runs = 3;
  GStatBuf st;
  GOptionEntry entries[] = {
    { "items", 0, 0, G_OPTION_ARG_INT, &items, "Items in the generated plan", "N" },
    { "runs", 0, 0, G_OPTION_ARG_INT, &runs, "Runs of each step", "R" },
    { NULL }
  };

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    g_error ("%s", error->message);

  dir = g_dir_make_tmp ("bench-sheet-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (dir, "plan.db", NULL);
  xlsx = g_build_filename (dir, "plan.xlsx", NULL);
  csv = g_build_filename (dir, "plan.csv", NULL);
  store = wp_store_open (path, WP_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  if (!wp_bench_generate_plan (store, 2025, items, &plan, &error))
    g_error ("%s", error->message);

  for (int run = 0; run < runs; run++)
    {
      double t0 = wp_bench_now_ms (), t1, t2, t3;
      g_autoptr(WpSheet) sheet = wp_sheet_new (store, wp_plan_get_id (plan.plan), NULL, &error);

      g_assert_no_error (error);
      t1 = wp_bench_now_ms ();
      g_assert_true (wp_sheet_write_xlsx (sheet, xlsx, &error));
      t2 = wp_bench_now_ms ();
      g_assert_true (wp_sheet_write_csv (sheet, csv, &error));
      t3 = wp_bench_now_ms ();
      g_array_append_vals (rows, &(double) { t1 - t0 }, 1);
      g_array_append_vals (xlsx_times, &(double) { (t1 - t0) + (t2 - t1) }, 1);
      g_array_append_vals (csv_times, &(double) { (t1 - t0) + (t3 - t2) }, 1);
    }

  g_print ("plan of %u items, median of %d runs\n", plan.n_items, runs);
  g_print ("%-36s %10.1f ms\n", "rows read from the store", median (rows));
  g_stat (xlsx, &st);
  g_print ("%-36s %10.1f ms  (%.1f MB)\n", "export to XLSX (rows + workbook)", median (xlsx_times),
           st.st_size / 1e6);
  g_stat (csv, &st);
  g_print ("%-36s %10.1f ms  (%.1f MB)\n", "export to CSV (rows + file)", median (csv_times),
           st.st_size / 1e6);
  g_print ("%-36s %10.1f MB\n", "peak resident memory", wp_bench_rss_kb () / 1024.0);

  g_clear_object (&plan.plan);
  g_clear_object (&store);
  g_unlink (xlsx);
  g_unlink (csv);
  g_unlink (path);
  g_rmdir (dir);
  return 0;
}
