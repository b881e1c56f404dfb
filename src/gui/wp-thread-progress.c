/* wp-thread-progress.c: a dialog's progress bar, fed from a worker thread
 *
 * Sending sheets to the agencies and reading the returned ones work in a
 * thread, file by file; each file begun is shown on the dialog's bar as
 * "3 of 12: name", from the main loop.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "wp-thread-progress.h"

typedef struct {
  GObject         *owner;    /* (owned): keeps the fields below alive */
  GtkProgressBar  *bar;
  GCancellable   **running;  /* the owner's work: NULL once it is over */
  const guint     *total;
  guint            done;
  char            *name;
} Progress;

static gboolean
show_progress (gpointer data)
{
  Progress *progress = data;

  if (*progress->running != NULL && *progress->total > 0)
    {
      /* Translators: progress of writing the agencies' sheets or reading
       * the returned ones: done, all, the agency or file */
      g_autofree char *text = g_strdup_printf (_("%u of %u: %s"), progress->done + 1,
                                               *progress->total, progress->name);

      gtk_progress_bar_set_fraction (progress->bar, (double) progress->done / *progress->total);
      gtk_progress_bar_set_text (progress->bar, text);
    }
  g_object_unref (progress->owner);
  g_free (progress->name);
  g_free (progress);
  return G_SOURCE_REMOVE;
}

/**
 * wp_thread_progress_post:
 * @owner: the dialog, which holds @bar, @running and @total
 * @running: where the dialog keeps its work's cancellable, %NULL once over
 * @total: where it keeps the number of files
 * @done: how many are done before this one
 * @name: this one's, as shown
 *
 * From the worker thread: shows on @bar, once the main loop is idle, that
 * @name is being worked on, unless the work is over by then.
 */
void
wp_thread_progress_post (GObject         *owner,
                         GtkProgressBar  *bar,
                         GCancellable   **running,
                         const guint     *total,
                         guint            done,
                         const char      *name)
{
  Progress *progress = g_new0 (Progress, 1);

  progress->owner = g_object_ref (owner);
  progress->bar = bar;
  progress->running = running;
  progress->total = total;
  progress->done = done;
  progress->name = g_strdup (name);
  g_idle_add_full (G_PRIORITY_DEFAULT, show_progress, progress, NULL);
}
