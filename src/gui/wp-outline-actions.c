/* wp-outline-actions.c: the outline's commands
 *
 * Adding, indenting, moving and deleting rows, opening and closing them,
 * and the row's context menu. Every edit goes through the undo stack.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "wp-outline-row.h"
#include "wp-outline-view-private.h"
#include "wp-toast.h"
#include "wp-view-refresh.h"


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
static void
add_toast_after_frame (AdwToastOverlay *overlay,
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

/* Structure edits, shared by the keyboard shortcuts and the menu */

static gboolean
require_selection (WpOutlineView  *self,
                   WpItem        **item)
{
  *item = _wp_outline_selected_item (self);
  return *item != NULL && _wp_outline_get_undo (self) != NULL;
}

void
_wp_outline_add_sibling (WpOutlineView *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WpItem) current = _wp_outline_selected_item (self);
  g_autoptr(WpItem) item = NULL;

  if (self->plan == NULL || _wp_outline_get_undo (self) == NULL)
    return;

  if (current != NULL)
    item = wp_edit_create_item (_wp_outline_get_undo (self), wp_plan_get_id (self->plan),
                                wp_item_get_parent_id (current),
                                wp_item_get_position (current) + 1,
                                wp_item_get_kind (current), "", &error);
  else
    item = wp_edit_create_item (_wp_outline_get_undo (self), wp_plan_get_id (self->plan), 0, -1,
                                WP_ITEM_KIND_AREA, "", &error);
  if (item == NULL)
    {
      _wp_outline_show_error (self, error);
      return;
    }

  self->just_created = wp_item_get_id (item);
  self->created_from = current != NULL ? wp_item_get_id (current) : 0;
  _wp_outline_select_item (self, wp_item_get_id (item));
  _wp_outline_start_editing (self, wp_item_get_id (item));
}

void
_wp_outline_add_child (WpOutlineView *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WpItem) current = NULL;
  g_autoptr(WpItem) item = NULL;
  WpItemKind kind;

  if (!require_selection (self, &current))
    return;

  kind = wp_item_get_kind (current) == WP_ITEM_KIND_AREA ? WP_ITEM_KIND_TASK
                                                          : WP_ITEM_KIND_ACTION;
  item = wp_edit_create_item (_wp_outline_get_undo (self), wp_plan_get_id (self->plan),
                              wp_item_get_id (current), -1, kind, "", &error);
  if (item == NULL)
    {
      _wp_outline_show_error (self, error);
      return;
    }

  self->just_created = wp_item_get_id (item);
  self->created_from = current != NULL ? wp_item_get_id (current) : 0;
  _wp_outline_select_item (self, wp_item_get_id (item));
  _wp_outline_start_editing (self, wp_item_get_id (item));
}

/* Runs a move-type edit on the selected item and keeps it selected. Edits
 * that cannot apply (indenting the first row) do nothing, quietly: the
 * keys are pressed often and the outline shows why. */
void
_wp_outline_run_structure_edit (WpOutlineView *self,
                    WpOutlineEdit  edit,
                    gboolean       keep_editing)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WpItem) item = NULL;
  gboolean expanded;
  gint64 id;

  if (!require_selection (self, &item))
    return;
  id = wp_item_get_id (item);
  {
    GtkTreeListRow *row = gtk_single_selection_get_selected_item (self->selection);
    expanded = row != NULL && gtk_tree_list_row_get_expanded (row);
  }

  if (!edit (_wp_outline_get_undo (self), id, &error))
    {
      if (!g_error_matches (error, WP_STORE_ERROR, WP_STORE_ERROR_INVALID))
        _wp_outline_show_error (self, error);
      else
        gtk_widget_error_bell (GTK_WIDGET (self));
    }

  /* A moved row is made anew; open it again if it was open. */
  if (_wp_outline_select_item (self, id) && expanded)
    {
      GtkTreeListRow *row = gtk_single_selection_get_selected_item (self->selection);
      if (row != NULL)
        gtk_tree_list_row_set_expanded (row, TRUE);
    }
  if (keep_editing)
    _wp_outline_start_editing (self, id);
}

/* Notes which rows of the branch at @pos are open, for an undo of its
 * delete to open them again: it came back closed. */
static void
remember_open_rows (WpOutlineView *self,
                    guint          pos)
{
  g_autoptr(GtkTreeListRow) top = gtk_tree_list_model_get_row (self->tree, pos);
  g_autoptr(WpItem) item = NULL;
  GArray *open;
  guint depth;

  if (top == NULL)
    return;
  item = gtk_tree_list_row_get_item (top);
  depth = gtk_tree_list_row_get_depth (top);
  open = g_array_new (FALSE, FALSE, sizeof (gint64));
  for (guint i = pos; ; i++)
    {
      g_autoptr(GtkTreeListRow) row = gtk_tree_list_model_get_row (self->tree, i);
      g_autoptr(WpItem) below = NULL;

      if (row == NULL || (i > pos && gtk_tree_list_row_get_depth (row) <= depth))
        break;
      below = gtk_tree_list_row_get_item (row);
      if (gtk_tree_list_row_get_expanded (row))
        g_array_append_val (open, (gint64) { wp_item_get_id (below) });
    }
  if (self->deleted_open == NULL)
    self->deleted_open = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                                (GDestroyNotify) g_array_unref);
  g_hash_table_insert (self->deleted_open, g_memdup2 (&(gint64) { wp_item_get_id (item) },
                                                      sizeof (gint64)), open);
}

/* Opens again the rows of a branch brought back by undoing its delete */
void
_wp_outline_reopen_rows (WpOutlineView *self,
             gint64         item_id)
{
  GArray *open = self->deleted_open != NULL
                 ? g_hash_table_lookup (self->deleted_open, &item_id) : NULL;

  /* From the top down: a row is found once the one above it is open. */
  for (guint i = 0; open != NULL && i < open->len; i++)
    {
      guint pos = _wp_outline_find_row (self, g_array_index (open, gint64, i));
      g_autoptr(GtkTreeListRow) row = NULL;

      if (pos == GTK_INVALID_LIST_POSITION)
        continue;
      row = gtk_tree_list_model_get_row (self->tree, pos);
      gtk_tree_list_row_set_expanded (row, TRUE);
    }
  /* (once: a later undo of another edit of it leaves its rows be) */
  if (open != NULL)
    g_hash_table_remove (self->deleted_open, &item_id);
}

static void
delete_selected (WpOutlineView *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WpItem) item = NULL;
  g_autofree char *title = NULL;
  AdwToastOverlay *overlay;
  gint64 parent;
  int position;
  guint pos, n_under;

  if (!require_selection (self, &item))
    return;

  parent = wp_item_get_parent_id (item);
  position = wp_item_get_position (item);
  pos = gtk_single_selection_get_selected (self->selection);
  n_under = wp_store_count_descendants (wp_context_get_store (self->context),
                                        wp_item_get_id (item));
  remember_open_rows (self, pos);

  if (!wp_edit_delete_item (_wp_outline_get_undo (self), wp_item_get_id (item), &error))
    {
      _wp_outline_show_error (self, error);
      return;
    }

  overlay = _wp_outline_get_toast_overlay (self);
  if (overlay != NULL)
    {
      AdwToast *toast;

      title = g_strdup (wp_item_get_title (item)[0] ? wp_item_get_title (item)
                                                     : _("(untitled)"));
      if (n_under == 0)
        toast = wp_toast_new_printf (_("Deleted “%s”"), title);
      else
        toast = wp_toast_new_printf (g_dngettext (GETTEXT_PACKAGE,
                                                  "Deleted “%s” and its %u sub-item",
                                                  "Deleted “%s” and its %u sub-items", n_under),
                                     title, n_under);
      wp_toast_offer_undo (toast, _wp_outline_get_undo (self));
      add_toast_after_frame (overlay, toast);
    }

  /* Select what took its place: the next row, or the one before. */
  {
    guint n = g_list_model_get_n_items (G_LIST_MODEL (self->tree));

    if (n > 0)
      gtk_single_selection_set_selected (self->selection, MIN (pos, n - 1));
  }
  (void) parent;
  (void) position;
}

/* Right opens the selected row; Left closes it, or goes up to its parent. */
static void
expand_or_collapse (WpOutlineView *self,
                    gboolean       expand)
{
  GtkTreeListRow *row;

  if (self->selection == NULL)
    return;
  row = gtk_single_selection_get_selected_item (self->selection);
  if (row == NULL)
    return;

  if (expand)
    gtk_tree_list_row_set_expanded (row, TRUE);
  else if (gtk_tree_list_row_get_expanded (row))
    gtk_tree_list_row_set_expanded (row, FALSE);
  else
    {
      g_autoptr(GtkTreeListRow) parent = gtk_tree_list_row_get_parent (row);

      if (parent != NULL)
        {
          g_autoptr(WpItem) item = gtk_tree_list_row_get_item (parent);
          _wp_outline_select_item (self, wp_item_get_id (item));
        }
    }
}

/* Moves an item (a drop), keeping it selected; refusals ring the bell
 * and say why. */
gboolean
_wp_outline_view_move (WpOutlineView *self,
                       gint64         item_id,
                       gint64         new_parent_id,
                       int            new_position)
{
  g_autoptr(GError) error = NULL;

  if (_wp_outline_get_undo (self) == NULL)
    return FALSE;
  _wp_outline_end_editing (self, TRUE);
  {
    g_autoptr(WpItem) still = wp_store_get_item (wp_context_get_store (self->context), item_id,
                                                 NULL);

    if (still == NULL)
      return FALSE;  /* (the empty new row dragged, gone) */
  }
  if (!wp_edit_move_item (_wp_outline_get_undo (self), item_id, new_parent_id, new_position, &error))
    {
      gtk_widget_error_bell (GTK_WIDGET (self));
      _wp_outline_show_error (self, error);
      return FALSE;
    }
  _wp_outline_select_item (self, item_id);
  return TRUE;
}

/* The context menu: right click, the Menu key or Shift+F10 */

static gboolean
run_menu_action (gpointer data)
{
  g_autoptr(WpOutlineView) self = data;
  g_autofree char *action_name = g_steal_pointer (&self->menu_action);
  g_autoptr(WpItem) item = _wp_outline_selected_item (self);

  if (action_name == NULL || self->context == NULL)
    return G_SOURCE_REMOVE;
  if (g_str_equal (action_name, "outline.add-sibling"))
    _wp_outline_add_sibling (self);
  else if (g_str_equal (action_name, "outline.add-child"))
    _wp_outline_add_child (self);
  else if (g_str_equal (action_name, "outline.indent"))
    _wp_outline_run_structure_edit (self, wp_edit_indent, FALSE);
  else if (g_str_equal (action_name, "outline.outdent"))
    _wp_outline_run_structure_edit (self, wp_edit_outdent, FALSE);
  else if (g_str_equal (action_name, "outline.move-up"))
    _wp_outline_run_structure_edit (self, wp_edit_move_up, FALSE);
  else if (g_str_equal (action_name, "outline.move-down"))
    _wp_outline_run_structure_edit (self, wp_edit_move_down, FALSE);
  else if (g_str_equal (action_name, "outline.rename") && item != NULL)
    _wp_outline_start_editing (self, wp_item_get_id (item));
  else if (g_str_equal (action_name, "outline.details") && item != NULL)
    _wp_outline_emit_item_activated (self);
  else if (g_str_equal (action_name, "outline.delete"))
    delete_selected (self);
  return G_SOURCE_REMOVE;
}

/* The menu's items run once the menu has gone, with the keyboard focus
 * back on the row: renaming and adding put it in a title entry. */
static void
menu_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  WpOutlineView *self = WP_OUTLINE_VIEW (widget);

  g_free (self->menu_action);
  self->menu_action = g_strdup (action_name);
  g_idle_add_full (G_PRIORITY_DEFAULT_IDLE + 10, run_menu_action, g_object_ref (self), NULL);
}

static GMenuModel *
new_row_menu (void)
{
  static const struct {
    const char *label;
    const char *action;
    const char *accel;
    int         section;
  } entries[] = {
    { N_("_Open Details"), "outline.details", NULL, 0 },
    { N_("_Rename"), "outline.rename", "F2", 0 },
    { N_("Add Item _Below"), "outline.add-sibling", "Return", 1 },
    { N_("Add _Sub-item"), "outline.add-child", "<Control>Return", 1 },
    { N_("_Indent"), "outline.indent", "Tab", 2 },
    { N_("Ou_tdent"), "outline.outdent", "<Shift>Tab", 2 },
    { N_("Move _Up"), "outline.move-up", "<Alt>Up", 2 },
    { N_("Move Do_wn"), "outline.move-down", "<Alt>Down", 2 },
    { N_("_Delete"), "outline.delete", "Delete", 3 },
  };
  GMenu *menu = g_menu_new ();
  g_autoptr(GMenu) section = NULL;
  int current = -1;

  for (guint i = 0; i < G_N_ELEMENTS (entries); i++)
    {
      g_autoptr(GMenuItem) entry = g_menu_item_new (_(entries[i].label), entries[i].action);

      if (entries[i].section != current)
        {
          if (section != NULL)
            g_menu_append_section (menu, NULL, G_MENU_MODEL (section));
          g_clear_object (&section);
          section = g_menu_new ();
          current = entries[i].section;
        }
      if (entries[i].accel != NULL)
        g_menu_item_set_attribute (entry, "accel", "s", entries[i].accel);
      g_menu_append_item (section, entry);
    }
  g_menu_append_section (menu, NULL, G_MENU_MODEL (section));
  return G_MENU_MODEL (menu);
}

/* The row showing the selected item, or NULL when it is not made. */
static GtkWidget *
selected_row_widget (WpOutlineView *self)
{
  g_autoptr(WpItem) item = _wp_outline_selected_item (self);
  gint64 id;
  GtkWidget *title;

  if (item == NULL)
    return NULL;
  id = wp_item_get_id (item);
  title = g_hash_table_lookup (self->title_cells, &id);
  return title != NULL ? gtk_widget_get_ancestor (title, WP_TYPE_OUTLINE_ROW) : NULL;
}

static void
show_row_menu (WpOutlineView *self,
               GtkWidget     *anchor,
               double         x,
               double         y)
{
  g_autoptr(GMenuModel) menu = new_row_menu ();
  graphene_point_t at = GRAPHENE_POINT_INIT (MAX (x, 0), MAX (y, 0));

  /* Anchored to the view: the rows scroll and are made anew. */
  if (!gtk_widget_compute_point (anchor, GTK_WIDGET (self), &at, &at))
    return;
  wp_view_popup_menu (GTK_WIDGET (self), menu, at.x, at.y);
}

/* Right click: the row under the pointer is selected and its menu shown. */
static void
on_secondary_pressed (GtkGestureClick *click,
                      int              n_press,
                      double           x,
                      double           y,
                      WpOutlineView   *self)
{
  GtkWidget *grid = GTK_WIDGET (self->grid_view);
  GtkWidget *picked = gtk_widget_pick (grid, x, y, GTK_PICK_DEFAULT);
  GtkWidget *row = picked != NULL ? gtk_widget_get_ancestor (picked, WP_TYPE_OUTLINE_ROW) : NULL;
  GtkListItem *list_item = row != NULL ? g_object_get_data (G_OBJECT (row), "wp-list-item") : NULL;

  if (list_item == NULL || self->plan == NULL)
    return;
  gtk_gesture_set_state (GTK_GESTURE (click), GTK_EVENT_SEQUENCE_CLAIMED);
  _wp_outline_end_editing (self, TRUE);
  if (gtk_list_item_get_item (list_item) == NULL)
    return;  /* (the empty new row clicked, gone) */
  gtk_single_selection_set_selected (self->selection, gtk_list_item_get_position (list_item));
  show_row_menu (self, grid, x, y);
}


static gboolean
on_key_pressed (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                WpOutlineView         *self)
{
  GdkModifierType mods = state & gtk_accelerator_get_default_mod_mask ();

  if (_wp_outline_is_editing (self) || self->plan == NULL)
    return GDK_EVENT_PROPAGATE;

  switch (keyval)
    {
    case GDK_KEY_Return:
    case GDK_KEY_KP_Enter:
    case GDK_KEY_ISO_Enter:
      if (mods == GDK_CONTROL_MASK)
        _wp_outline_add_child (self);
      else if (mods == 0)
        _wp_outline_add_sibling (self);
      else
        return GDK_EVENT_PROPAGATE;
      return GDK_EVENT_STOP;

    case GDK_KEY_Tab:
    case GDK_KEY_KP_Tab:
      if (mods != 0)
        return GDK_EVENT_PROPAGATE;
      _wp_outline_run_structure_edit (self, wp_edit_indent, FALSE);
      return GDK_EVENT_STOP;

    case GDK_KEY_ISO_Left_Tab:
      _wp_outline_run_structure_edit (self, wp_edit_outdent, FALSE);
      return GDK_EVENT_STOP;

    case GDK_KEY_Up:
    case GDK_KEY_Down:
      if (mods != GDK_ALT_MASK)
        return GDK_EVENT_PROPAGATE;
      _wp_outline_run_structure_edit (self, keyval == GDK_KEY_Up ? wp_edit_move_up : wp_edit_move_down,
                          FALSE);
      return GDK_EVENT_STOP;

    case GDK_KEY_Left:
    case GDK_KEY_Right:
      if (mods == (GDK_CONTROL_MASK | GDK_SHIFT_MASK))
        wp_outline_view_expand_all (self, keyval == GDK_KEY_Right);
      else if (mods == 0)
        expand_or_collapse (self, keyval == GDK_KEY_Right);
      else
        return GDK_EVENT_PROPAGATE;
      return GDK_EVENT_STOP;

    case GDK_KEY_F2:
      {
        g_autoptr(WpItem) item = _wp_outline_selected_item (self);

        if (item == NULL)
          return GDK_EVENT_PROPAGATE;
        _wp_outline_start_editing (self, wp_item_get_id (item));
        return GDK_EVENT_STOP;
      }

    case GDK_KEY_Delete:
    case GDK_KEY_KP_Delete:
      if (mods != 0)
        return GDK_EVENT_PROPAGATE;
      delete_selected (self);
      return GDK_EVENT_STOP;

    case GDK_KEY_Menu:
    case GDK_KEY_F10:
      {
        GtkWidget *row = selected_row_widget (self);
        gboolean menu_key = (keyval == GDK_KEY_Menu && mods == 0)
                            || (keyval == GDK_KEY_F10 && mods == GDK_SHIFT_MASK);

        if (!menu_key || row == NULL)
          return GDK_EVENT_PROPAGATE;
        /* Under the start of the title, as a right click there would */
        show_row_menu (self, row, 48, gtk_widget_get_height (row));
        return GDK_EVENT_STOP;
      }

    default:
      return GDK_EVENT_PROPAGATE;
    }
}




/**
 * wp_outline_view_expand_all:
 * @expand: %TRUE to open every row, %FALSE to close them all
 */
void
wp_outline_view_expand_all (WpOutlineView *self,
                            gboolean       expand)
{
  g_autoptr(WpItem) selected = NULL;

  g_return_if_fail (WP_IS_OUTLINE_VIEW (self));
  if (self->tree == NULL)
    return;

  selected = _wp_outline_selected_item (self);
  if (expand)
    {
      /* Rows appear below each opened one: walk forward to the end. */
      for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->tree)); i++)
        {
          g_autoptr(GtkTreeListRow) row = gtk_tree_list_model_get_row (self->tree, i);
          gtk_tree_list_row_set_expanded (row, TRUE);
        }
    }
  else
    {
      for (guint i = g_list_model_get_n_items (self->root); i > 0; i--)
        {
          g_autoptr(GtkTreeListRow) row = gtk_tree_list_model_get_child_row (self->tree, i - 1);
          gtk_tree_list_row_set_expanded (row, FALSE);
        }
    }
  if (selected != NULL && expand)
    _wp_outline_select_item (self, wp_item_get_id (selected));
}

void
_wp_outline_class_add_actions (GtkWidgetClass *widget_class)
{
    const char *actions[] = {
      "outline.add-sibling", "outline.add-child", "outline.indent", "outline.outdent",
      "outline.move-up", "outline.move-down", "outline.rename", "outline.details",
      "outline.delete",
    };

    for (guint i = 0; i < G_N_ELEMENTS (actions); i++)
      gtk_widget_class_install_action (widget_class, actions[i], NULL, menu_action);}

void
_wp_outline_setup_keys (WpOutlineView *self)
{
  GtkEventController *key;

  /* Capture phase: Tab and Enter must reach us before the list's own
   * focus and activation handling. */
  key = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (key, GTK_PHASE_CAPTURE);
  g_signal_connect (key, "key-pressed", G_CALLBACK (on_key_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self->grid_view), key);

  {
    GtkGesture *click = gtk_gesture_click_new ();

    gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_SECONDARY);
    g_signal_connect (click, "pressed", G_CALLBACK (on_secondary_pressed), self);
    gtk_widget_add_controller (GTK_WIDGET (self->grid_view), GTK_EVENT_CONTROLLER (click));
  }
}
