/* wp-window-pane.c: the window's item pane (the flap beside the views)
 *
 * The item editor is made when the pane first opens and shows what the
 * view on screen selects. F9 opens and closes the pane, F6 moves the
 * keyboard focus between it and the view, Escape gives it back to the
 * view; what is typed in the pane is saved when it closes.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "wp-window-private.h"

/* The item pane shows what a view selects (or that none is) */
void
_wp_window_pane_follow_view (WpWindow *self,
                           WpView   *view)
{
  g_autoptr(WpItem) item = NULL;

  if (self->item_editor == NULL)
    return;
  item = wp_view_get_selected_item (view);
  wp_item_editor_set_item (self->item_editor, item);
}

/* ... and, when another view shows, what that one has selected, if any */
void
_wp_window_show_visible_selection (WpWindow *self)
{
  WpView *view = _wp_window_get_visible_view (self);
  g_autoptr(WpItem) item = NULL;

  if (self->item_editor == NULL || view == NULL)
    return;
  item = wp_view_get_selected_item (view);
  if (item != NULL)
    wp_item_editor_set_item (self->item_editor, item);
}

/* The item editor is made when the pane first opens, showing what the
 * view on screen has selected: making and measuring it held the first
 * frame up by 20-25 ms. */
void
_wp_window_ensure_editor (WpWindow *self)
{
  if (self->item_editor != NULL || self->context == NULL
      || wp_context_get_store (self->context) == NULL)
    return;

  self->item_editor = g_object_new (WP_TYPE_ITEM_EDITOR, NULL);
  wp_item_editor_set_context (self->item_editor, self->context);
  adw_bin_set_child (self->editor_page, GTK_WIDGET (self->item_editor));
  _wp_window_show_visible_selection (self);
}

gboolean
_wp_window_focus_is_within (WpWindow  *self,
                 GtkWidget *widget)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));

  return focus != NULL && (focus == widget || gtk_widget_is_ancestor (focus, widget));
}

/* Gives the keyboard focus to the view shown: the outline's selected row
 * or what the view had focused, else the view's first control. */
void
_wp_window_focus_view (WpWindow *self)
{
  GtkWidget *view = adw_view_stack_get_visible_child (self->view_stack);
  WpView *shown = _wp_window_get_visible_view (self);
  g_autoptr(WpItem) item = shown != NULL ? wp_view_get_selected_item (shown) : NULL;

  if (item != NULL && wp_view_show_item (shown, wp_item_get_id (item))
      && _wp_window_focus_is_within (self, view))
    return;
  if (view == NULL || !gtk_widget_grab_focus (view))
    if (view == NULL || !gtk_widget_child_focus (view, GTK_DIR_TAB_FORWARD))
      gtk_root_set_focus (GTK_ROOT (self), NULL);
}

void
_wp_window_open_pane (WpWindow *self)
{
  adw_flap_set_reveal_flap (self->flap, TRUE);
}

/* Saves what is typed in the item pane; a field that cannot be saved
 * keeps its text, and the toast says why. */
gboolean
_wp_window_save_editor (WpWindow *self)
{
  g_autoptr(GError) error = NULL;

  if (self->item_editor == NULL || wp_item_editor_save (self->item_editor, &error))
    return TRUE;
  _wp_window_toast (self, error->message);
  return FALSE;
}

static void
focus_editor (WpWindow *self)
{
  _wp_window_ensure_editor (self);
  if (self->item_editor != NULL)
    wp_item_editor_focus_first_field (self->item_editor);
}

/* A stateful action rather than a GPropertyAction: that one would hold
 * the flap, and with it every view, past the window's end. F9 opens the
 * pane with the focus in it, as asked, and closing it gives the focus
 * back to the view. */
static void
show_editor_changed (GSimpleAction *action,
                     GVariant      *state,
                     gpointer       user_data)
{
  WpWindow *self = user_data;
  gboolean show = g_variant_get_boolean (state);

  if (!show)
    {
      _wp_window_save_editor (self);
      if (_wp_window_focus_is_within (self, GTK_WIDGET (self->editor_page)))
        _wp_window_focus_view (self);
    }
  g_simple_action_set_state (action, state);
  adw_flap_set_reveal_flap (self->flap, show);
  if (show)
    focus_editor (self);
}

/* F6, as between the panes of GTK: into the item pane (opening it) and
 * back to the view */
static void
focus_pane_activated (GSimpleAction *action,
                      GVariant      *parameter,
                      gpointer       user_data)
{
  WpWindow *self = user_data;

  if (adw_flap_get_reveal_flap (self->flap)
      && _wp_window_focus_is_within (self, GTK_WIDGET (self->editor_page)))
    _wp_window_focus_view (self);
  else
    {
      adw_flap_set_reveal_flap (self->flap, TRUE);
      focus_editor (self);
    }
}

/* Escape in the item pane gives the focus back to the view, the pane
 * staying open. (The pane's own popovers take their Escape first.) */
static gboolean
on_editor_key (WpWindow        *self,
               guint            keyval,
               guint            keycode,
               GdkModifierType  state)
{
  if (keyval != GDK_KEY_Escape || (state & gtk_accelerator_get_default_mod_mask ()) != 0)
    return GDK_EVENT_PROPAGATE;
  _wp_window_focus_view (self);
  return GDK_EVENT_STOP;
}

static void
on_flap_revealed (WpWindow *self)
{
  GAction *action = g_action_map_lookup_action (G_ACTION_MAP (self), "show-editor");

  if (adw_flap_get_reveal_flap (self->flap))
    _wp_window_ensure_editor (self);

  g_simple_action_set_state (G_SIMPLE_ACTION (action),
                             g_variant_new_boolean (adw_flap_get_reveal_flap (self->flap)));
}

static const GActionEntry pane_actions[] = {
  { "show-editor", NULL, NULL, "false", show_editor_changed },
  { "focus-pane", focus_pane_activated },
};

/* From the window's init: the pane's actions and keys */
void
_wp_window_add_pane (WpWindow *self)
{
  GtkEventController *key = gtk_event_controller_key_new ();

  g_action_map_add_action_entries (G_ACTION_MAP (self), pane_actions,
                                   G_N_ELEMENTS (pane_actions), self);
  g_signal_connect_swapped (self->flap, "notify::reveal-flap",
                            G_CALLBACK (on_flap_revealed), self);
  g_signal_connect_swapped (key, "key-pressed", G_CALLBACK (on_editor_key), self);
  gtk_widget_add_controller (GTK_WIDGET (self->editor_page), key);
}
