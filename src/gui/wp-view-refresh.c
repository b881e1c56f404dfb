/* wp-view-refresh.c: what the board, the progress view and the agency
 * directory share: refreshing after edits, and toasts
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "wp-toast.h"
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
  /* (after the view's own map(), so it shows its plan's figures at once) */
  g_signal_connect_swapped (view, "map", G_CALLBACK (wp_view_refresh_mapped), refresh);
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

/* When the view is mapped: at once, so it never shows what it showed
 * before. */
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

/* A view that took @context (maybe %NULL): watches it, and reads the
 * figures of its plan */
void
wp_view_refresh_follow (WpViewRefresh *refresh,
                        WpContext     *context)
{
  if (context == NULL)
    return;
  wp_view_refresh_watch (refresh, context);
  wp_view_refresh_queue (refresh);
}

/**
 * wp_view_toast:
 * @undo: (nullable): the undo stack that holds the edit just made, to
 *   offer undoing it; %NULL for a message alone
 *
 * Shows @message in the window's toast overlay.
 */
void
wp_view_toast (GtkWidget   *view,
               const char  *message,
               WpUndoStack *undo)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (view, ADW_TYPE_TOAST_OVERLAY);
  AdwToast *toast;

  if (overlay == NULL)
    {
      g_message ("%s", message);
      return;
    }
  toast = wp_toast_new (message);
  if (undo != NULL)
    wp_toast_offer_undo (toast, undo);
  adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), toast);
}

static gboolean
unparent_later (gpointer data)
{
  g_autoptr(GtkWidget) popover = data;

  if (gtk_widget_get_parent (popover) != NULL)
    gtk_widget_unparent (popover);
  return G_SOURCE_REMOVE;
}

/* A menu closes before it activates the item chosen, which needs the menu
 * still in place to find its action: it goes after that. The keyboard
 * focus goes back where it was (the chosen item may move it on). */
static void
on_menu_closed (GtkWidget *popover)
{
  GWeakRef *focus = g_object_get_data (G_OBJECT (popover), "wp-focus");
  g_autoptr(GtkWidget) widget = focus != NULL ? g_weak_ref_get (focus) : NULL;
  GtkRoot *root = gtk_widget_get_root (popover);
  GtkWidget *now = root != NULL ? gtk_root_get_focus (root) : NULL;

  /* (unless the chosen item, run first, has put it somewhere) */
  if (widget != NULL && gtk_widget_get_mapped (widget)
      && (now == NULL || now == popover || gtk_widget_is_ancestor (now, popover)))
    gtk_widget_grab_focus (widget);
  g_idle_add (unparent_later, g_object_ref (popover));
}

static void
weak_ref_free (GWeakRef *ref)
{
  g_weak_ref_clear (ref);
  g_free (ref);
}

/**
 * wp_view_popup_menu:
 * @x: where the pointer is in @anchor, or -1 to point at the whole anchor
 *
 * Pops a context menu up by @anchor; it goes away when closed.
 *
 * Returns: (transfer none): the menu's popover
 */
GtkWidget *
wp_view_popup_menu (GtkWidget  *anchor,
                    GMenuModel *menu,
                    double      x,
                    double      y)
{
  GtkWidget *popover = gtk_popover_menu_new_from_model (menu);
  GtkRoot *root = gtk_widget_get_root (anchor);
  GWeakRef *focus = g_new0 (GWeakRef, 1);

  g_weak_ref_init (focus, root != NULL ? gtk_root_get_focus (root) : NULL);
  g_object_set_data_full (G_OBJECT (popover), "wp-focus", focus, (GDestroyNotify) weak_ref_free);
  gtk_widget_set_parent (popover, anchor);
  gtk_popover_set_has_arrow (GTK_POPOVER (popover), FALSE);
  if (x >= 0)
    gtk_popover_set_pointing_to (GTK_POPOVER (popover),
                                 &(GdkRectangle) { (int) x, (int) y, 1, 1 });
  g_signal_connect (popover, "closed", G_CALLBACK (on_menu_closed), NULL);
  gtk_popover_popup (GTK_POPOVER (popover));
  return popover;
}
