/* wp-busy-retry.c: saving again what could not be saved while another
 * program wrote to the file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A window's store never waits for another program's write (it would hold
 * up everything the window shows: wp_store_set_interactive()); an edit
 * then fails with WP_STORE_ERROR_BUSY and keeps what was typed. For typed
 * text, waiting for the user to press Enter again is not enough: the
 * window tries again by itself, a few times a second, and the store sees
 * that this try goes before the other program's next write. The user is
 * told once, when the wait begins.
 */
#include "config.h"

#include "wp-busy-retry.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "wp-store.h"
#include "wp-toast.h"

/* How often a save is tried again: the other program lets the window go
 * first as soon as its own write is done, so this is how long the window
 * may take to notice. */
#define RETRY_MS 50

typedef struct {
  GWeakRef        owner;
  WpBusyRetryFunc retry;
  guint           source;
} Retry;

static const char *RETRY_KEY = "wp-busy-retry";

static void
retry_free (gpointer data)
{
  Retry *retry = data;

  g_clear_handle_id (&retry->source, g_source_remove);
  g_weak_ref_clear (&retry->owner);
  g_free (retry);
}

static void
say (GtkWidget  *owner,
     const char *message)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (owner, ADW_TYPE_TOAST_OVERLAY);

  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), wp_toast_new (message));
  else
    g_message ("%s", message);
}

static gboolean
on_retry (gpointer data)
{
  Retry *retry = data;
  g_autoptr(GtkWidget) owner = g_weak_ref_get (&retry->owner);
  g_autoptr(GError) error = NULL;

  /* (a window closed meanwhile saved what it could as it closed) */
  if (owner == NULL || gtk_widget_get_root (owner) == NULL)
    {
      retry->source = 0;
      if (owner != NULL)
        g_object_set_data (G_OBJECT (owner), RETRY_KEY, NULL);
      return G_SOURCE_REMOVE;
    }
  if (!retry->retry (owner, &error)
      && g_error_matches (error, WP_STORE_ERROR, WP_STORE_ERROR_BUSY))
    return G_SOURCE_CONTINUE;

  retry->source = 0;
  if (error != NULL)
    say (owner, error->message);
  /* (frees @retry) */
  g_object_set_data (G_OBJECT (owner), RETRY_KEY, NULL);
  return G_SOURCE_REMOVE;
}

/**
 * wp_busy_retry_start:
 * @owner: the widget whose typed text could not be saved
 * @error: why not
 * @retry: tries to save it again
 *
 * If @error says another program was writing to the file, tries @retry
 * again and again, without waiting in the main loop, until it has saved
 * or fails for another reason (then says why), and says once that the
 * window waits. Other errors are left to the caller.
 *
 * Returns: whether @owner now tries again by itself
 */
gboolean
wp_busy_retry_start (GtkWidget       *owner,
                     const GError    *error,
                     WpBusyRetryFunc  retry)
{
  Retry *r;

  g_return_val_if_fail (GTK_IS_WIDGET (owner), FALSE);

  if (!g_error_matches (error, WP_STORE_ERROR, WP_STORE_ERROR_BUSY))
    return FALSE;
  if (wp_busy_retry_is_active (owner))
    return TRUE;

  r = g_new0 (Retry, 1);
  g_weak_ref_init (&r->owner, owner);
  r->retry = retry;
  r->source = g_timeout_add (RETRY_MS, on_retry, r);
  g_object_set_data_full (G_OBJECT (owner), RETRY_KEY, r, retry_free);
  say (owner, _("Another program is saving to this plan. What you typed is kept and will be "
                "saved as soon as it is done."));
  return TRUE;
}

/* Whether @owner is waiting to save again */
gboolean
wp_busy_retry_is_active (GtkWidget *owner)
{
  return g_object_get_data (G_OBJECT (owner), RETRY_KEY) != NULL;
}
