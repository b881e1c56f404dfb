/* bench-gui.c: how fast the outline shows a big plan, measured on real
 * widgets (run it under xvfb-run)
 *
 *   bench-gui --db PATH     a plan file made with bench-store --keep PATH
 *   bench-gui --bare        the floor: a bare libadwaita window
 *
 * --bare (or BENCH_BARE=1) starts an AdwApplication whose
 * AdwApplicationWindow holds a header bar and an empty view stack, and
 * prints its start to first frame and resident memory at that frame,
 * measured as the plan's window's are: what the outline adds is the
 * difference between the two runs' lines.
 *
 * Times: start to first frame of the window (and from exec to main()) with
 * the resident memory then,
 * expanding the area with 1,000 key tasks (to the next frame), indenting,
 * moving and deleting a key task and deleting an action, undoing each, a
 * search keystroke;
 * the board of every action (by status and by lead agency), moving a card
 * and undoing it; the agency directory; and resident memory.
 *
 * For profiling: BENCH_INDENT_HIDDEN=1 also times an indent with the outline
 * hidden (the models' share); BENCH_REPEAT_EXPAND=1, BENCH_REPEAT_INDENT=1 and
 * BENCH_REPEAT_SEARCH=1 repeat those steps and stop there, for `perf record`.
 * BENCH_REPEAT_SEARCH=first repeats the first keystroke of a search (from
 * none) BENCH_REPEAT_N times (10 unless told), each with its time to frame
 * and the CPU time it took: take the median, this machine's speed varies.
 * BENCH_REPEAT_DELETE=1 deletes the key task and undoes it 40 times, =other
 * a different key task each time (rows not yet in memory), each with the
 * edit's own time. BENCH_START_ONLY=1 stops at the first frame;
 * BENCH_VIEWS_ONLY=1 skips the outline's steps.
 * BENCH_CPU=1 prints the main thread's CPU time of each step waited for.
 * BENCH_SMAPS=PATH writes /proc/self/smaps at the first frame (with --bare
 * too), to compare what each mapping holds.
 * BENCH_FRAMES=1 splits each frame waited for: until it began (our code,
 * mostly), GTK's layout, its paint (rendering and putting it on the
 * screen), and what follows the paint.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <locale.h>
#include <time.h>
#include <adwaita.h>

#include "wp-agency-view.h"
#include "wp-bench-plan.h"
#include "wp-board-view.h"
#include "wp-progress-view.h"
#include "wp-outline-view.h"
#include "wp-window.h"

static double t_start;
static gboolean painted;
static double cpu_at_start;  /* the main thread's CPU time when a timed step began */

/* The main thread's CPU time: on a machine others share, steadier than the
 * wall clock (BENCH_CPU=1 prints it for each step waited for) */
static double
thread_cpu_ms (void)
{
  struct timespec now;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &now);
  return now.tv_sec * 1e3 + now.tv_nsec / 1e6;
}

static void
on_after_paint (GdkFrameClock *clock,
                gpointer       user_data)
{
  painted = TRUE;
}

/* When the frame began, and when GTK's layout and paint ended (BENCH_FRAMES):
 * GTK's own handlers of the frame clock's signals were connected first, so
 * ours run after them. */
static double frame_at[3];

static void
on_phase (GdkFrameClock *clock,
          gpointer       phase)
{
  frame_at[GPOINTER_TO_INT (phase)] = wp_bench_now_ms ();
}

/* Runs the main loop until the window has painted a new frame. */
static double
wait_frame (GtkWidget *window,
            double     since)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (window);
  gboolean phases = g_getenv ("BENCH_FRAMES") != NULL;
  gulong id, ids[3] = { 0 };
  double now;

  painted = FALSE;
  if (clock == NULL)
    return -1;
  id = g_signal_connect (clock, "after-paint", G_CALLBACK (on_after_paint), NULL);
  if (phases)
    {
      ids[0] = g_signal_connect (clock, "before-paint", G_CALLBACK (on_phase), GINT_TO_POINTER (0));
      ids[1] = g_signal_connect (clock, "layout", G_CALLBACK (on_phase), GINT_TO_POINTER (1));
      ids[2] = g_signal_connect (clock, "paint", G_CALLBACK (on_phase), GINT_TO_POINTER (2));
    }
  gtk_widget_queue_draw (window);
  while (!painted)
    g_main_context_iteration (NULL, TRUE);
  now = wp_bench_now_ms ();
  g_signal_handler_disconnect (clock, id);
  if (phases)
    {
      for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
        g_signal_handler_disconnect (clock, ids[i]);
      g_print ("  (frame: %.1f ms until it began, layout %.1f, paint %.1f, after it %.1f)\n",
               frame_at[0] - since, frame_at[1] - frame_at[0], frame_at[2] - frame_at[1],
               now - frame_at[2]);
      /* (the monotonic clock's seconds, for `perf record -k CLOCK_MONOTONIC` and
       * `perf report --time FROM,TO`) */
      g_print ("  (from %.6f to %.6f s)\n", since / 1e3, now / 1e3);
    }
  if (g_getenv ("BENCH_CPU") != NULL)
    g_print ("  (main thread's CPU time to the frame: %.1f ms)\n", thread_cpu_ms () - cpu_at_start);
  return now - since;
}

/* Prints the resident memory, and what of it is the heap's and what the
 * files' (libraries, fonts, the plan's pages): the floor's and the
 * window's lines compare. */
static void
print_rss (const char *label)
{
  g_autofree char *status = NULL;
  const char *anon, *file;

  g_print ("%-44s %10.1f MB\n", label, wp_bench_rss_kb () / 1024.0);
  /* (BENCH_SMAPS=PATH keeps /proc/self/smaps then, to see by mapping
   * what the window holds beyond the floor) */
  if (g_getenv ("BENCH_SMAPS") != NULL)
    {
      g_autofree char *smaps = NULL;

      if (g_file_get_contents ("/proc/self/smaps", &smaps, NULL, NULL))
        g_file_set_contents (g_getenv ("BENCH_SMAPS"), smaps, -1, NULL);
    }
  if (g_file_get_contents ("/proc/self/status", &status, NULL, NULL)
      && (anon = strstr (status, "RssAnon:")) != NULL
      && (file = strstr (status, "RssFile:")) != NULL)
    g_print ("  (%.1f MB anonymous, %.1f MB of files)\n", strtol (anon + 8, NULL, 10) / 1024.0,
             strtol (file + 8, NULL, 10) / 1024.0);
}

static gboolean
on_settled (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Lets 100 ms pass before a timed step, as between a person's keystrokes:
 * the frame clock paints at most once per refresh (60 Hz here), so a step
 * started right after a frame would wait up to 16.7 ms for the next one. */
static guint
count_type (GtkWidget *widget,
            GType      type)
{
  guint n = G_TYPE_CHECK_INSTANCE_TYPE (widget, type) ? 1 : 0;

  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    n += count_type (c, type);
  return n;
}

static double
start_timing (void)
{
  gboolean settled = FALSE;

  g_timeout_add (100, on_settled, &settled);
  while (!settled)
    g_main_context_iteration (NULL, TRUE);
  cpu_at_start = thread_cpu_ms ();
  return wp_bench_now_ms ();
}

/* Opens row @open of the outline, waits for the frame, and gives the item
 * of row @take, which is of @kind. */
static WpItem *
open_and_take (GtkWidget  *window,
               GListModel *rows,
               guint       open,
               guint       take,
               WpItemKind  kind)
{
  g_autoptr(GtkTreeListRow) opened = g_list_model_get_item (rows, open);
  g_autoptr(GtkTreeListRow) taken = NULL;
  WpItem *item;

  gtk_tree_list_row_set_expanded (opened, TRUE);
  wait_frame (window, wp_bench_now_ms ());
  taken = g_list_model_get_item (rows, take);
  item = gtk_tree_list_row_get_item (taken);
  g_assert (wp_item_get_kind (item) == kind);
  return item;
}

static GtkWidget *
find (GtkWidget *widget,
      GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find (c, type);
      if (found)
        return found;
    }
  return NULL;
}

/* The floor (--bare): what libadwaita alone takes to show a window */
static void
on_bare_activate (GApplication *app,
                  gpointer      user_data)
{
  GtkWidget *window = adw_application_window_new (GTK_APPLICATION (app));
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *view = adw_view_stack_new ();

  gtk_box_append (GTK_BOX (box), adw_header_bar_new ());
  gtk_widget_set_vexpand (view, TRUE);
  gtk_box_append (GTK_BOX (box), view);
  adw_application_window_set_content (ADW_APPLICATION_WINDOW (window), box);
  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 800);
  gtk_window_present (GTK_WINDOW (window));
  g_print ("%-44s %10.1f ms\n", "start to first frame of a bare window",
           wait_frame (window, t_start));
  print_rss ("resident memory at the first frame");
  gtk_window_destroy (GTK_WINDOW (window));
}

static int
run_bare (char *argv0)
{
  g_autoptr(AdwApplication) app = adw_application_new ("org.gnome.Workplan.BenchBare",
                                                       G_APPLICATION_NON_UNIQUE);
  char *args[] = { argv0, NULL };

  g_signal_connect (app, "activate", G_CALLBACK (on_bare_activate), NULL);
  return g_application_run (G_APPLICATION (app), 1, args);
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *db = NULL;
  gboolean bare = g_getenv ("BENCH_BARE") != NULL;
  GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &db, "Plan file (from bench-store --keep)", "PATH" },
    { "bare", 0, 0, G_OPTION_ARG_NONE, &bare, "Time a bare libadwaita window instead", NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) options = g_option_context_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(WpStore) store = NULL;
  g_autoptr(WpContext) context = NULL;
  WpWindow *window;
  GtkGridView *view;
  GListModel *rows;
  double t0, before_main;

  t_start = wp_bench_now_ms ();
  before_main = wp_bench_process_age_ms ();
  /* Under Xvfb there is no GPU: the cairo renderer measures our work and
   * GTK's, not a software OpenGL. */
  g_setenv ("GSK_RENDERER", "cairo", FALSE);
  setlocale (LC_ALL, "");
  g_option_context_add_main_entries (options, entries, NULL);
  if (!g_option_context_parse (options, &argc, &argv, &error) || (db == NULL && !bare))
    {
      g_printerr ("usage: bench-gui --db PATH | --bare\n");
      return 2;
    }
  if (bare)
    return run_bare (argv[0]);

  /* As the app opens a file: before GTK starts (the store reads the plan's
   * rows in a thread meanwhile: see open_early() in wp-application.c), and
   * the window checks it for damage in a thread while it shows it. */
  store = wp_store_open (db, WP_STORE_OPEN_CHECK_LATER, &error);
  if (store == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  if (g_getenv ("BENCH_PHASES"))
    g_print ("  store open at %.1f ms\n", wp_bench_now_ms () - t_start);
  gtk_init ();
  adw_init ();
  if (g_getenv ("BENCH_PHASES"))
    g_print ("  gtk+adw init at %.1f ms\n", wp_bench_now_ms () - t_start);
  context = wp_context_new (store, NULL);
  window = wp_window_new (NULL, context, NULL);
  if (g_getenv ("BENCH_PHASES"))
    g_print ("  window built at %.1f ms\n", wp_bench_now_ms () - t_start);
  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 800);
  gtk_window_present (GTK_WINDOW (window));
  g_print ("%-44s %10.1f ms\n", "start to first frame of the outline",
           wait_frame (GTK_WIDGET (window), t_start));
  print_rss ("resident memory at the first frame");
  g_print ("  (and %.0f ms from exec to main, to 10 ms)\n", before_main);

  if (g_getenv ("BENCH_START_ONLY"))
    return 0;  /* (for a profiler) */
  view = GTK_GRID_VIEW (find (GTK_WIDGET (window), GTK_TYPE_GRID_VIEW));
  rows = G_LIST_MODEL (gtk_grid_view_get_model (view));
  g_print ("  (%u rows shown)\n", g_list_model_get_n_items (rows));
  /* Edits wait for the file's check, as in the app. */
  while (wp_store_is_check_pending (store))
    g_main_context_iteration (NULL, TRUE);
  if (g_getenv ("BENCH_PHASES"))
    g_print ("  file checked at %.1f ms\n", wp_bench_now_ms () - t_start);

  /* (BENCH_VIEWS_ONLY=1: straight to the board, progress and agency
   * views, for a profiler) */
  if (g_getenv ("BENCH_VIEWS_ONLY"))
    goto views;

  /* Open the first area (1,000 key tasks). */
  {
    g_autoptr(GtkTreeListRow) first = g_list_model_get_item (rows, 0);

    gtk_tree_list_row_set_expanded (first, FALSE);
    wait_frame (GTK_WIDGET (window), wp_bench_now_ms ());
    t0 = start_timing ();
    gtk_tree_list_row_set_expanded (first, TRUE);
    g_print ("  (expanding itself, before drawing: %.1f ms)\n", wp_bench_now_ms () - t0);
    g_print ("%-44s %10.1f ms\n", "expand area with 1,000 key tasks (to frame)",
             wait_frame (GTK_WIDGET (window), t0));
    for (int i = 0; g_getenv ("BENCH_REPEAT_EXPAND") && i < 15; i++)
      {
        gtk_tree_list_row_set_expanded (first, FALSE);
        wait_frame (GTK_WIDGET (window), wp_bench_now_ms ());
        gtk_tree_list_row_set_expanded (first, TRUE);
        wait_frame (GTK_WIDGET (window), wp_bench_now_ms ());
      }
    if (g_getenv ("BENCH_REPEAT_EXPAND"))
      return 0;
  }

  /* Indent the second key task under the first, through the undo stack. */
  {
    g_autoptr(GtkTreeListRow) row = g_list_model_get_item (rows, 2);
    g_autoptr(WpItem) item = gtk_tree_list_row_get_item (row);

    t0 = start_timing ();
    if (!wp_edit_indent (wp_context_get_undo_stack (context), wp_item_get_id (item), &error))
      g_error ("%s", error->message);
    g_print ("  (the edit itself, before drawing: %.1f ms)\n", wp_bench_now_ms () - t0);
    g_print ("%-44s %10.1f ms\n", "indent a key task (to frame)",
             wait_frame (GTK_WIDGET (window), t0));
    t0 = start_timing ();
    wp_undo_stack_undo (wp_context_get_undo_stack (context), NULL);
    g_print ("%-44s %10.1f ms\n", "undo it (to frame)", wait_frame (GTK_WIDGET (window), t0));

    /* Move it down among its 1,000 siblings (Alt+Down), then delete it
     * with its actions, and undo both. */
    t0 = start_timing ();
    if (!wp_edit_move_down (wp_context_get_undo_stack (context), wp_item_get_id (item), &error))
      g_error ("%s", error->message);
    g_print ("%-44s %10.1f ms\n", "move a key task down (to frame)",
             wait_frame (GTK_WIDGET (window), t0));
    t0 = start_timing ();
    wp_undo_stack_undo (wp_context_get_undo_stack (context), NULL);
    g_print ("%-44s %10.1f ms\n", "undo it (to frame)", wait_frame (GTK_WIDGET (window), t0));
    t0 = start_timing ();
    if (!wp_edit_delete_item (wp_context_get_undo_stack (context), wp_item_get_id (item), &error))
      g_error ("%s", error->message);
    if (g_getenv ("BENCH_PHASES"))
      g_print ("  (the edit itself, before drawing: %.1f ms)\n", wp_bench_now_ms () - t0);
    g_print ("%-44s %10.1f ms\n", "delete a key task and its actions (to frame)",
             wait_frame (GTK_WIDGET (window), t0));
    t0 = start_timing ();
    wp_undo_stack_undo (wp_context_get_undo_stack (context), NULL);
    g_print ("%-44s %10.1f ms\n", "undo it (to frame)", wait_frame (GTK_WIDGET (window), t0));

    /* Delete one action (a line of the sheet): open the key task above
     * it, take its first action away, undo; close the key task again. */
    {
      g_autoptr(GtkTreeListRow) task_row = g_list_model_get_item (rows, 1);
      g_autoptr(WpItem) action = open_and_take (GTK_WIDGET (window), rows, 1, 2,
                                                WP_ITEM_KIND_ACTION);

      t0 = start_timing ();
      if (!wp_edit_delete_item (wp_context_get_undo_stack (context), wp_item_get_id (action),
                                &error))
        g_error ("%s", error->message);
      g_print ("%-44s %10.1f ms\n", "delete an action (to frame)",
               wait_frame (GTK_WIDGET (window), t0));
      t0 = start_timing ();
      wp_undo_stack_undo (wp_context_get_undo_stack (context), NULL);
      g_print ("%-44s %10.1f ms\n", "undo it (to frame)", wait_frame (GTK_WIDGET (window), t0));
      gtk_tree_list_row_set_expanded (task_row, FALSE);
      wait_frame (GTK_WIDGET (window), wp_bench_now_ms ());
    }
    if (g_getenv ("BENCH_INDENT_HIDDEN"))
      {
        AdwViewStack *views = ADW_VIEW_STACK (find (GTK_WIDGET (window), ADW_TYPE_VIEW_STACK));
        adw_view_stack_set_visible_child_name (views, "agencies");
        wait_frame (GTK_WIDGET (window), wp_bench_now_ms ());
        t0 = start_timing ();
        wp_edit_indent (wp_context_get_undo_stack (context), wp_item_get_id (item), NULL);
        g_print ("  (indent with the outline hidden: %.1f ms)\n", wp_bench_now_ms () - t0);
        t0 = start_timing ();
        wp_undo_stack_undo (wp_context_get_undo_stack (context), NULL);
        g_print ("  (undo with the outline hidden: %.1f ms)\n", wp_bench_now_ms () - t0);
        adw_view_stack_set_visible_child_name (views, "outline");
        wait_frame (GTK_WIDGET (window), wp_bench_now_ms ());
      }
    /* BENCH_REPEAT_DELETE: delete and undo again and again, for a
     * profiler; =other deletes a different key task each time, whose rows
     * are not in memory yet. */
    for (int i = 0; g_getenv ("BENCH_REPEAT_DELETE") && i < 40; i++)
      {
        g_autoptr(GtkTreeListRow) other = g_list_model_get_item (rows, 3 + i);
        g_autoptr(WpItem) victim = gtk_tree_list_row_get_item (other);
        double edit;

        if (!g_str_equal (g_getenv ("BENCH_REPEAT_DELETE"), "other"))
          g_set_object (&victim, item);
        t0 = start_timing ();
        wp_edit_delete_item (wp_context_get_undo_stack (context), wp_item_get_id (victim), NULL);
        edit = wp_bench_now_ms () - t0;
        g_print ("delete again: edit %.1f ms, frame %.1f ms\n", edit,
                 wait_frame (GTK_WIDGET (window), t0));
        wp_undo_stack_undo (wp_context_get_undo_stack (context), NULL);
        wait_frame (GTK_WIDGET (window), wp_bench_now_ms ());
      }
    if (g_getenv ("BENCH_REPEAT_DELETE"))
      return 0;
    for (int i = 0; g_getenv ("BENCH_REPEAT_INDENT") && i < 40; i++)
      {
        wp_edit_indent (wp_context_get_undo_stack (context), wp_item_get_id (item), NULL);
        wp_undo_stack_undo (wp_context_get_undo_stack (context), NULL);
      }
    if (g_getenv ("BENCH_REPEAT_INDENT"))
      return 0;
  }

  /* Search keystrokes. */
  {
    WpOutlineView *outline = WP_OUTLINE_VIEW (find (GTK_WIDGET (window), WP_TYPE_OUTLINE_VIEW));
    const char *keys[] = { "综", "综治", "综治中", "综治中心" };

    for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
      {
        g_autofree char *label = g_strdup_printf ("search “%s” (to frame)", keys[i]);

        t0 = start_timing ();
        wp_outline_view_set_search (outline, keys[i]);
        g_print ("%-44s %10.1f ms\n", label, wait_frame (GTK_WIDGET (window), t0));
        if (g_getenv ("BENCH_PHASES"))
          g_print ("  (%u rows of widgets)\n",
                   count_type (GTK_WIDGET (window), GTK_TYPE_TREE_EXPANDER));
      }
    t0 = start_timing ();
    wp_outline_view_set_search (outline, NULL);
    g_print ("%-44s %10.1f ms\n", "clear search (to frame)", wait_frame (GTK_WIDGET (window), t0));
    for (int i = 0, n = g_getenv ("BENCH_REPEAT_N") ? atoi (g_getenv ("BENCH_REPEAT_N")) : 10;
         g_getenv ("BENCH_REPEAT_SEARCH") && i < n; i++)
      {
        /* BENCH_REPEAT_SEARCH=first: the first keystroke, from no search */
        if (g_str_equal (g_getenv ("BENCH_REPEAT_SEARCH"), "first"))
          {
            wp_outline_view_set_search (outline, "");
            wait_frame (GTK_WIDGET (window), wp_bench_now_ms ());
            t0 = start_timing ();
            {
              struct timespec c0, c1;
              double wall;

              clock_gettime (CLOCK_THREAD_CPUTIME_ID, &c0);
              wp_outline_view_set_search (outline, "综");
              wall = wait_frame (GTK_WIDGET (window), t0);
              clock_gettime (CLOCK_THREAD_CPUTIME_ID, &c1);
              g_print ("  first keystroke again: %.1f ms (cpu %.1f ms)\n", wall,
                       (c1.tv_sec - c0.tv_sec) * 1e3 + (c1.tv_nsec - c0.tv_nsec) / 1e6);
            }
            continue;
          }
        wp_outline_view_set_search (outline, "综治");
        wait_frame (GTK_WIDGET (window), wp_bench_now_ms ());
        wp_outline_view_set_search (outline, "综治中");
        wait_frame (GTK_WIDGET (window), wp_bench_now_ms ());
      }
    if (g_getenv ("BENCH_REPEAT_SEARCH"))
      return 0;
  }

  /* A key task deleted as the Delete key does it: on the selected row,
   * with the toast that offers to undo it (which comes in the frame after).
   * Last of the outline's steps: the toast stays on screen for a while. */
  {
    GtkWidget *outline = find (GTK_WIDGET (window), WP_TYPE_OUTLINE_VIEW);
    g_autoptr(WpItem) item = open_and_take (GTK_WIDGET (window), rows, 0, 2, WP_ITEM_KIND_TASK);

    if (!wp_outline_view_show_item (WP_OUTLINE_VIEW (outline), wp_item_get_id (item)))
      g_error ("the key task is not in the outline");
    wait_frame (GTK_WIDGET (window), wp_bench_now_ms ());
    t0 = start_timing ();
    /* (the action runs from an idle, as after a menu; the key runs it
     * at once) */
    gtk_widget_activate_action (outline, "outline.delete", NULL);
    for (;;)
      {
        g_autoptr(WpItem) still = wp_store_get_item (store, wp_item_get_id (item), NULL);

        if (still == NULL)
          break;
        g_main_context_iteration (NULL, TRUE);
      }
    g_print ("%-44s %10.1f ms\n", "delete a key task with the Delete key (to frame)",
             wait_frame (GTK_WIDGET (window), t0));
    /* (after the toast has slid in: while it moves, frames come at the
     * screen's rate, and an edit waits for the next one) */
    for (int i = 0; i < 4; i++)
      start_timing ();
    t0 = start_timing ();
    wp_undo_stack_undo (wp_context_get_undo_stack (context), NULL);
    g_print ("%-44s %10.1f ms\n", "undo it (to frame)", wait_frame (GTK_WIDGET (window), t0));
  }

  g_print ("%-44s %10.1f MB\n", "resident memory after the outline", wp_bench_rss_kb () / 1024.0);

views:

  /* The board: every action a card */
  {
    WpBoardView *board;
    AdwViewStack *views = ADW_VIEW_STACK (find (GTK_WIDGET (window), ADW_TYPE_VIEW_STACK));
    g_autoptr(WpPlan) plan = NULL;
    g_autoptr(GPtrArray) plans = wp_store_list_plans (store, NULL);
    g_autoptr(GPtrArray) columns = NULL;
    g_autoptr(WpItem) card = NULL;
    guint n_cards = 0;
    char key[64];

    plan = g_object_ref (g_ptr_array_index (plans, plans->len - 1));
    t0 = start_timing ();
    columns = wp_board_compute (store, wp_plan_get_id (plan), WP_BOARD_BY_STATUS,
                                WP_BOARD_CARDS_ACTIONS, NULL, &error);
    g_assert_no_error (error);
    for (guint i = 0; i < columns->len; i++)
      n_cards += ((WpBoardColumn *) g_ptr_array_index (columns, i))->ids->len;
    g_print ("%-44s %10.1f ms\n", "board columns of every action (core)", wp_bench_now_ms () - t0);
    g_print ("  (%u cards)\n", n_cards);

    /* (the view is made when first shown: this includes making it) */
    t0 = start_timing ();
    adw_view_stack_set_visible_child_name (views, "board");
    board = WP_BOARD_VIEW (find (GTK_WIDGET (window), WP_TYPE_BOARD_VIEW));
    wp_board_view_set_grouping (board, WP_BOARD_BY_STATUS);
    wp_board_view_set_cards (board, WP_BOARD_CARDS_ACTIONS);
    g_print ("%-44s %10.1f ms\n", "board of every action by status (to frame)",
             wait_frame (GTK_WIDGET (window), t0));

    t0 = start_timing ();
    wp_board_view_set_grouping (board, WP_BOARD_BY_LEAD);
    g_print ("%-44s %10.1f ms\n", "group by lead agency (to frame)",
             wait_frame (GTK_WIDGET (window), t0));

    wp_board_view_set_grouping (board, WP_BOARD_BY_STATUS);
    wait_frame (GTK_WIDGET (window), wp_bench_now_ms ());
    {
      WpBoardColumn *first = g_ptr_array_index (columns, 1);  /* in progress */

      wp_board_view_select_item (board, g_array_index (first->ids, gint64, 0));
    }
    card = wp_board_view_get_selected_item (board);
    /* (the card chosen is shown chosen first, as a click would: the move
     * is timed from there) */
    wait_frame (GTK_WIDGET (window), wp_bench_now_ms ());
    /* (not to Done: that asks for the close-out note in a dialog first) */
    g_snprintf (key, sizeof key, "status:%s",
                wp_item_get_status (card) == WP_ITEM_STATUS_NOT_STARTED ? "in_progress"
                                                                         : "not_started");
    t0 = start_timing ();
    if (!wp_board_view_move_selected (board, key, &error))
      g_error ("%s", error->message);
    g_print ("%-44s %10.1f ms\n", "move a card to another column (to frame)",
             wait_frame (GTK_WIDGET (window), t0));
    t0 = start_timing ();
    wp_undo_stack_undo (wp_context_get_undo_stack (context), NULL);
    wp_board_view_refresh_now (board);
    g_print ("%-44s %10.1f ms\n", "undo it (to frame)", wait_frame (GTK_WIDGET (window), t0));
  }

  /* The progress view: figures, charts, lists and the drafted summary */
  {
    AdwViewStack *views = ADW_VIEW_STACK (find (GTK_WIDGET (window), ADW_TYPE_VIEW_STACK));

    t0 = start_timing ();
    adw_view_stack_set_visible_child_name (views, "progress");
    g_print ("%-44s %10.1f ms\n", "progress view (to frame)",
             wait_frame (GTK_WIDGET (window), t0));
  }

  /* The agency directory */
  {
    WpAgencyView *agencies;
    AdwViewStack *views = ADW_VIEW_STACK (find (GTK_WIDGET (window), ADW_TYPE_VIEW_STACK));

    t0 = start_timing ();
    adw_view_stack_set_visible_child_name (views, "agencies");
    agencies = WP_AGENCY_VIEW (find (GTK_WIDGET (window), WP_TYPE_AGENCY_VIEW));
    wp_agency_view_refresh_now (agencies);
    g_print ("%-44s %10.1f ms\n", "agency directory (to frame)",
             wait_frame (GTK_WIDGET (window), t0));
  }

  g_print ("%-44s %10.1f MB\n", "resident memory after every view", wp_bench_rss_kb () / 1024.0);

  gtk_window_destroy (GTK_WINDOW (window));
  return 0;
}
