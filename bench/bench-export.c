/* bench-export.c: the exports of a plan file, one at a time (issue 18)
 *
 *   bench-export --db PLAN.db [--year N] [--format json|pdf] [--agency NAME]
 *
 * Writes the plan's JSON or its PDF briefing into a temporary file, in a
 * process of its own so that the peak resident memory printed is the
 * export's (with what opening the file costs): wall time, CPU time (the
 * machine is shared: wall time is not all ours), peak, and the load
 * average beside them. Make a plan with `bench-store --items N --keep`.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
/* getloadavg() */
#define _DEFAULT_SOURCE

#include <locale.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <glib/gstdio.h>

#include "wp-bench-plan.h"

static double
cpu_ms (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return (usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * 1e3
         + (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e3;
}

static long
peak_kb (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return usage.ru_maxrss;
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *db = NULL;
  g_autofree char *format = NULL;
  g_autofree char *agency = NULL;
  int year = 0;
  GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &db, "The plan file", "PATH" },
    { "year", 'y', 0, G_OPTION_ARG_INT, &year, "The plan's year (default: the first)", "N" },
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format, "json (default) or pdf", "FORMAT" },
    { "agency", 0, 0, G_OPTION_ARG_STRING, &agency, "Only this agency's items (pdf)", "NAME" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(WpStore) store = NULL;
  g_autoptr(GPtrArray) plans = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *out = NULL;
  g_autoptr(WpOutput) output = NULL;
  gint64 plan_id = 0;
  double t0, c0, load[3] = { 0 };
  GStatBuf st;

  setlocale (LC_ALL, "");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || db == NULL)
    {
      g_printerr ("%s\n", error != NULL ? error->message : "Usage: bench-export --db PATH");
      return 2;
    }
  store = wp_store_open (db, WP_STORE_OPEN_DEFAULT, &error);
  if (store == NULL || (plans = wp_store_list_plans (store, &error)) == NULL)
    g_error ("%s", error->message);
  for (guint i = 0; i < plans->len && plan_id == 0; i++)
    if (year == 0 || wp_plan_get_year (g_ptr_array_index (plans, i)) == year)
      plan_id = wp_plan_get_id (g_ptr_array_index (plans, i));
  if (plan_id == 0)
    g_error ("no plan of %d in %s", year, db);

  dir = g_dir_make_tmp ("workplan-bench-XXXXXX", &error);
  g_assert_no_error (error);
  out = g_build_filename (dir, g_strcmp0 (format, "pdf") == 0 ? "out.pdf" : "out.json", NULL);
  t0 = wp_bench_now_ms ();
  c0 = cpu_ms ();
  if (g_strcmp0 (format, "pdf") == 0)
    {
      if (!wp_briefing_write_pdf (store, plan_id, agency, NULL, out, &error))
        g_error ("%s", error->message);
    }
  else
    {
      output = wp_output_new (out);
      if (!wp_json_export_plan_to (store, plan_id, output, &error)
          || !wp_output_close (output, &error))
        g_error ("%s", error->message);
    }
  getloadavg (load, 3);
  g_stat (out, &st);
  g_print ("export %-4s %8.0f ms wall %8.0f ms CPU  peak %4ld MB  %5.1f MB out  load %.1f\n",
           g_strcmp0 (format, "pdf") == 0 ? "pdf" : "json", wp_bench_now_ms () - t0,
           cpu_ms () - c0, peak_kb () / 1024, st.st_size / 1e6, load[0]);
  g_unlink (out);
  g_rmdir (dir);
  return 0;
}
