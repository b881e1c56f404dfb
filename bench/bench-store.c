/* bench-store.c: how fast the store answers what the outline asks of it
 *
 *   bench-store [--items N] [--keep PATH]
 *
 * Generates a plan of N items (default 10,000), then times what the GUI
 * does: open the file, read the top level, expand an area with 1,000
 * children, indent/move/delete/undo an item, search as the user types, and
 * export the plan. Prints one line per measurement.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <locale.h>
#include <glib/gstdio.h>

#include "wp-bench-plan.h"

#define REPEAT 20

static void
report (const char *what,
        double      ms)
{
  g_print ("%-44s %10.2f ms\n", what, ms);
}

static double
time_children (WpStore *store,
               gint64   plan_id,
               gint64   parent_id,
               guint   *n)
{
  g_autoptr(GPtrArray) items = NULL;
  double t0 = wp_bench_now_ms ();

  items = wp_store_list_children (store, plan_id, parent_id, NULL);
  *n = items ? items->len : 0;
  return wp_bench_now_ms () - t0;
}

int
main (int    argc,
      char **argv)
{
  int n_items = 10000;
  g_autofree char *keep = NULL;
  GOptionEntry entries[] = {
    { "items", 'n', 0, G_OPTION_ARG_INT, &n_items, "Items to generate", "N" },
    { "keep", 0, 0, G_OPTION_ARG_FILENAME, &keep, "Keep the generated database here", "PATH" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(WpStore) store = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  WpBenchPlan plan;
  gint64 plan_id;
  guint n;
  double t0, total;

  setlocale (LC_ALL, "");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }

  dir = g_dir_make_tmp ("workplan-bench-XXXXXX", &error);
  g_assert_no_error (error);
  path = keep ? g_strdup (keep) : g_build_filename (dir, "bench.db", NULL);
  g_unlink (path);

  store = wp_store_open (path, WP_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);

  g_print ("Workplan store benchmark, %d items\n", n_items);
  t0 = wp_bench_now_ms ();
  if (!wp_bench_generate_plan (store, 2025, (guint) n_items, &plan, &error))
    g_error ("generate: %s", error->message);
  report ("generate plan (one transaction)", wp_bench_now_ms () - t0);
  plan_id = wp_plan_get_id (plan.plan);
  g_clear_object (&store);

  /* Reopen: what starting the app costs. */
  t0 = wp_bench_now_ms ();
  store = wp_store_open (path, WP_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  report ("open file (checks included)", wp_bench_now_ms () - t0);

  total = time_children (store, plan_id, 0, &n);
  report ("read top level (first frame's rows)", total);
  g_print ("  (%u areas)\n", n);

  total = time_children (store, plan_id, plan.big_area_id, &n);
  report ("expand area with 1,000 key tasks", total);
  g_print ("  (%u key tasks)\n", n);

  /* Indent a key task under the one above it (Tab), then outdent it back
   * (Shift+Tab): the worst case, among 1,000 siblings. */
  {
    g_autoptr(GPtrArray) tasks = wp_store_list_children (store, plan_id, plan.big_area_id, NULL);
    gint64 above = wp_item_get_id (g_ptr_array_index (tasks, 499));
    gint64 task = wp_item_get_id (g_ptr_array_index (tasks, 500));

    t0 = wp_bench_now_ms ();
    for (int i = 0; i < REPEAT; i++)
      {
        if (!wp_store_move_item (store, task, above, -1, &error)
            || !wp_store_move_item (store, task, plan.big_area_id, 500, &error))
          g_error ("move: %s", error->message);
      }
    report ("indent or outdent a key task (each)", (wp_bench_now_ms () - t0) / (2 * REPEAT));
  }

  /* Move a key task among 1,000 siblings. */
  {
    g_autoptr(GPtrArray) tasks = wp_store_list_children (store, plan_id, plan.big_area_id, NULL);
    gint64 task = wp_item_get_id (g_ptr_array_index (tasks, 500));

    t0 = wp_bench_now_ms ();
    for (int i = 0; i < REPEAT; i++)
      if (!wp_store_move_item (store, task, plan.big_area_id, i % 2 ? 500 : 499, &error))
        g_error ("move: %s", error->message);
    report ("move key task among 1,000 siblings", (wp_bench_now_ms () - t0) / REPEAT);

    t0 = wp_bench_now_ms ();
    for (int i = 0; i < REPEAT; i++)
      {
        g_autoptr(GVariant) snapshot = wp_store_delete_item (store, task, &error);

        if (snapshot == NULL || !wp_store_restore_items (store, snapshot, &error))
          g_error ("delete: %s", error->message);
      }
    report ("delete key task + undo (pair)", (wp_bench_now_ms () - t0) / REPEAT);
  }

  /* Search as the user types 综治中心规范化. */
  {
    const char *keystrokes[] = { "综", "综治", "综治中", "综治中心", "综治中心规", "综治中心规范化" };

    for (guint k = 0; k < G_N_ELEMENTS (keystrokes); k++)
      {
        g_autofree char *label = NULL;
        guint hits = 0;

        t0 = wp_bench_now_ms ();
        for (int i = 0; i < 5; i++)
          {
            g_autoptr(GArray) ids = wp_store_search (store, plan_id, keystrokes[k], &error);
            g_assert_no_error (error);
            hits = ids->len;
          }
        label = g_strdup_printf ("search “%s” (%u hits)", keystrokes[k], hits);
        report (label, (wp_bench_now_ms () - t0) / 5);
      }
  }

  {
    g_autofree char *json = NULL;

    t0 = wp_bench_now_ms ();
    json = wp_json_export_plan (store, plan_id, &error);
    g_assert_no_error (error);
    report ("export plan as JSON", wp_bench_now_ms () - t0);
    g_print ("  (%.1f MB)\n", strlen (json) / 1e6);
  }

  {
    g_autofree char *pdf = g_build_filename (dir, "briefing.pdf", NULL);

    t0 = wp_bench_now_ms ();
    if (!wp_briefing_write_pdf (store, plan_id, NULL, NULL, pdf, &error))
      g_error ("pdf: %s", error->message);
    report ("write the PDF briefing", wp_bench_now_ms () - t0);
    g_unlink (pdf);
  }

  g_print ("%-44s %10.1f MB\n", "peak resident memory (RSS now)", wp_bench_rss_kb () / 1024.0);

  g_clear_object (&plan.plan);
  g_clear_object (&store);
  if (keep == NULL)
    {
      g_autofree char *wal = g_strconcat (path, "-wal", NULL);
      g_autofree char *shm = g_strconcat (path, "-shm", NULL);
      g_unlink (path);
      g_unlink (wal);
      g_unlink (shm);
      g_rmdir (dir);
    }
  return 0;
}
