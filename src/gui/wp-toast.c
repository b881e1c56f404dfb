/* wp-toast.c: toasts whose text is shown as written, and undo toasts that
 * lose their button when they no longer offer the last edit
 *
 * libadwaita 1.2 reads a toast's title as Pango markup (use-markup came in
 * 1.4): an item titled "R&D" or an error naming a file with "<" in it
 * made an empty toast and a warning. These escape the text.
 *
 * An undo toast's button runs Undo, which undoes whatever edit is last: a
 * toast that said "Deleted X" and stayed on screen while something else
 * was edited would have undone that instead. Its button goes as soon as
 * its edit is no longer the last one (undone, or followed by another).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "wp-toast.h"

#define SERIAL_KEY "wp-undo-serial"
#define STACK_KEY "wp-undo-stack"

static GWeakRef *
weak_ref_new (gpointer object)
{
  GWeakRef *ref = g_new (GWeakRef, 1);

  g_weak_ref_init (ref, object);
  return ref;
}

static void
weak_ref_free (gpointer data)
{
  g_weak_ref_clear (data);
  g_free (data);
}

/* A toast showing @text as it is */
AdwToast *
wp_toast_new (const char *text)
{
  g_autofree char *escaped = g_markup_escape_text (text, -1);

  return adw_toast_new (escaped);
}

/* A toast from a format (itself not escaped) and arguments (escaped) */
AdwToast *
wp_toast_new_printf (const char *format,
                     ...)
{
  g_autofree char *title = NULL;
  va_list args;

  va_start (args, format);
  title = g_markup_vprintf_escaped (format, args);
  va_end (args);
  return adw_toast_new (title);
}

static void
on_undo_changed (WpUndoStack *undo,
                 GParamSpec  *pspec,
                 AdwToast    *toast)
{
  if (wp_toast_is_current (toast))
    return;
  g_signal_handlers_disconnect_by_func (undo, on_undo_changed, toast);
  /* The message stays for its time, without the button, and says so if
   * the edit was undone. (Dismissing the toast instead crashed libadwaita
   * 1.2 when it happened while the toast slid in and the window was
   * closed.) */
  if (wp_undo_stack_get_redo_serial (undo)
      == *(guint64 *) g_object_get_data (G_OBJECT (toast), SERIAL_KEY))
    {
      /* Translators: a toast whose edit was undone, e.g. "Undone: Delete “…”" */
      g_autofree char *title = g_markup_printf_escaped (_("Undone: %s"),
                                                        wp_undo_stack_get_redo_label (undo));

      adw_toast_set_title (toast, title);
    }
  adw_toast_set_button_label (toast, NULL);
  adw_toast_set_action_name (toast, NULL);
}

/* Gives @toast an Undo button for the edit @undo holds last, until that
 * edit is no longer the last. */
void
wp_toast_offer_undo (AdwToast    *toast,
                     WpUndoStack *undo)
{
  guint64 *serial = g_new (guint64, 1);

  *serial = wp_undo_stack_get_undo_serial (undo);
  g_object_set_data_full (G_OBJECT (toast), SERIAL_KEY, serial, g_free);
  /* (weakly: a toast outlives its window for a moment) */
  g_object_set_data_full (G_OBJECT (toast), STACK_KEY, weak_ref_new (undo), weak_ref_free);
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_action_name (toast, "win.undo");
  g_signal_connect_object (undo, "notify::undo-label", G_CALLBACK (on_undo_changed), toast, 0);
}

/* Whether @toast still offers the last edit (a toast without an edit to
 * undo always does) */
gboolean
wp_toast_is_current (AdwToast *toast)
{
  guint64 *serial = g_object_get_data (G_OBJECT (toast), SERIAL_KEY);
  GWeakRef *ref = g_object_get_data (G_OBJECT (toast), STACK_KEY);
  g_autoptr(WpUndoStack) undo = ref != NULL ? g_weak_ref_get (ref) : NULL;

  return serial == NULL || undo == NULL || wp_undo_stack_get_undo_serial (undo) == *serial;
}

/* A toast waiting for the frame that shows its edit to be painted */
typedef struct {
  AdwToastOverlay *overlay;  /* (weak) */
  AdwToast        *toast;
} PendingToast;

static void
pending_toast_free (gpointer data)
{
  PendingToast *pending = data;

  g_clear_object (&pending->toast);
  g_clear_weak_pointer (&pending->overlay);
  g_free (pending);
}

static void
pending_toast_closure_notify (gpointer  data,
                              GClosure *closure)
{
  pending_toast_free (data);
}

static PendingToast *
pending_toast_new (AdwToastOverlay *overlay,
                   AdwToast        *toast)
{
  PendingToast *pending = g_new0 (PendingToast, 1);

  g_set_weak_pointer (&pending->overlay, overlay);
  pending->toast = toast;
  return pending;
}

static gboolean
add_pending_toast (gpointer data)
{
  PendingToast *pending = data;

  /* (unless its edit was undone meanwhile) */
  if (pending->overlay != NULL && wp_toast_is_current (pending->toast))
    adw_toast_overlay_add_toast (pending->overlay, g_steal_pointer (&pending->toast));
  return G_SOURCE_REMOVE;
}

static void
on_edit_painted (GdkFrameClock *clock,
                 gpointer       data)
{
  PendingToast *pending = data;

  /* (disconnecting frees @pending) */
  g_idle_add_full (G_PRIORITY_DEFAULT, add_pending_toast,
                   pending_toast_new (pending->overlay, g_steal_pointer (&pending->toast)),
                   pending_toast_free);
  g_signal_handlers_disconnect_by_func (clock, on_edit_painted, data);
}

/* Shows @toast (transfer full) a frame after the edit it is about: making,
 * laying out and drawing a toast, the first one above all, took 5 ms of
 * the frame that shows the edit (deleting a key task at 100,000 items).
 * The row goes at once; the toast slides in from the next frame on. */
void
wp_toast_add_after_frame (AdwToastOverlay *overlay,
                          AdwToast        *toast)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (overlay));

  if (clock == NULL)
    {
      adw_toast_overlay_add_toast (overlay, toast);
      return;
    }
  g_signal_connect_data (clock, "after-paint", G_CALLBACK (on_edit_painted),
                         pending_toast_new (overlay, toast),
                         pending_toast_closure_notify, 0);
  gdk_frame_clock_request_phase (clock, GDK_FRAME_CLOCK_PHASE_PAINT);
}
