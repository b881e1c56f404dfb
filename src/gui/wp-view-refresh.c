/* wp-view-refresh.c: what the board, the progress view and the agency
 * directory share: refreshing after edits, and toasts
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "wp-view-refresh.h"

#define REFRESH_KEY "wp-view-refresh"

/**
 * wp_view_refresh_init:
 * @func: reads the view's figures again; it calls wp_view_refresh_cancel() first
 * @priority: of the idle refresh, e.g. %G_PRIORITY_DEFAULT_IDLE
 */
void
wp_view_refresh_init (WpViewRefresh *refresh,
                      GtkWidget     *view,
                      WpRefreshFunc  func,
                      int            priority)
{
  memset (refresh, 0, sizeof *refresh);
  refresh->view = view;
  refresh->func = func;
  refresh->priority = priority;
  g_object_set_data (G_OBJECT (view), REFRESH_KEY, refresh);
}

static gboolean
refresh_idle (gpointer data)
{
  WpViewRefresh *refresh = data;

  refresh->idle_id = 0;
  refresh->func (refresh->view);
  return G_SOURCE_REMOVE;
}

void
wp_view_refresh_queue (WpViewRefresh *refresh)
{
  /* A hidden view only notes it: a 100,000-item plan is not counted again
   * for a view nobody looks at. */
  if (!gtk_widget_get_mapped (refresh->view))
    {
      refresh->stale = TRUE;
      return;
    }
  if (refresh->idle_id == 0)
    refresh->idle_id = g_idle_add_full (refresh->priority, refresh_idle, refresh, NULL);
}

/* Drops a queued refresh: the view is refreshing now, or going away. */
void
wp_view_refresh_cancel (WpViewRefresh *refresh)
{
  g_clear_handle_id (&refresh->idle_id, g_source_remove);
}

/* From the view's map(), after chaining up: at once, so the view never
 * shows what it showed before. */
void
wp_view_refresh_mapped (WpViewRefresh *refresh)
{
  if (!refresh->stale)
    return;
  refresh->stale = FALSE;
  refresh->func (refresh->view);
}

static void
on_changed (GtkWidget *view)
{
  WpViewRefresh *refresh = g_object_get_data (G_OBJECT (view), REFRESH_KEY);

  if (refresh != NULL)
    wp_view_refresh_queue (refresh);
}

/**
 * wp_view_refresh_watch:
 *
 * Queues a refresh on every change to the plans, the items and the
 * agencies; every other edit goes through the undo stack, which is
 * watched too.
 */
void
wp_view_refresh_watch (WpViewRefresh *refresh,
                       WpContext     *context)
{
  WpStore *store = wp_context_get_store (context);
  const char *signals[] = { "plans-changed", "children-changed", "agencies-changed" };

  if (store == NULL)
    return;
  for (guint i = 0; i < G_N_ELEMENTS (signals); i++)
    g_signal_connect_object (store, signals[i], G_CALLBACK (on_changed), refresh->view,
                             G_CONNECT_SWAPPED);
  g_signal_connect_object (wp_context_get_undo_stack (context), "notify::undo-label",
                           G_CALLBACK (on_changed), refresh->view, G_CONNECT_SWAPPED);
}

/**
 * wp_view_toast:
 * @with_undo: offer Undo (for an edit just made)
 *
 * Shows @message in the window's toast overlay.
 */
void
wp_view_toast (GtkWidget  *view,
               const char *message,
               gboolean    with_undo)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (view, ADW_TYPE_TOAST_OVERLAY);
  AdwToast *toast;

  if (overlay == NULL)
    {
      g_message ("%s", message);
      return;
    }
  toast = adw_toast_new (message);
  if (with_undo)
    {
      adw_toast_set_button_label (toast, _("_Undo"));
      adw_toast_set_action_name (toast, "win.undo");
    }
  adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), toast);
}
