/* wp-outline-actions.c: the outline's commands
 *
 * Adding, indenting, moving and deleting rows, opening and closing them,
 * and the row's context menu. Every edit goes through the undo stack.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "wp-closeout-dialog.h"
#include "wp-outline-row.h"
#include "wp-outline-view-private.h"
#include "wp-toast.h"
#include "wp-view-refresh.h"


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

  if (self->binding.plan == NULL || _wp_outline_get_undo (self) == NULL)
    return;

  if (current != NULL)
    item = wp_edit_create_item (_wp_outline_get_undo (self), wp_plan_get_id (self->binding.plan),
                                wp_item_get_parent_id (current),
                                wp_item_get_position (current) + 1,
                                wp_item_get_kind (current), "", &error);
  else
    item = wp_edit_create_item (_wp_outline_get_undo (self),
                                wp_plan_get_id (self->binding.plan), 0, -1,
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
  item = wp_edit_create_item (_wp_outline_get_undo (self), wp_plan_get_id (self->binding.plan),
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
  n_under = wp_store_count_descendants (_wp_outline_get_store (self),
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
      wp_toast_add_after_frame (overlay, toast);
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
    g_autoptr(WpItem) still = wp_store_get_item (_wp_outline_get_store (self), item_id,
                                                 NULL);

    if (still == NULL)
      return FALSE;  /* (the empty new row dragged, gone) */
  }
  if (!wp_edit_move_item (_wp_outline_get_undo (self), item_id, new_parent_id, new_position,
                          &error))
    {
      gtk_widget_error_bell (GTK_WIDGET (self));
      _wp_outline_show_error (self, error);
      return FALSE;
    }
  _wp_outline_select_item (self, item_id);
  return TRUE;
}

/* The context menu: right click, the Menu key or Shift+F10 */

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

static gboolean
forget_row_menu (gpointer data)
{
  g_autoptr(WpOutlineView) self = data;

  self->menu_shown = FALSE;
  return G_SOURCE_REMOVE;
}

static void
on_row_menu_closed (WpOutlineView *self)
{
  /* (after the item chosen, if any, has been activated) */
  g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, forget_row_menu, g_object_ref (self), NULL);
}

static void
show_row_menu (WpOutlineView *self,
               GtkWidget     *anchor,
               double         x,
               double         y)
{
  graphene_point_t at = GRAPHENE_POINT_INIT (MAX (x, 0), MAX (y, 0));
  GtkWidget *popover;

  /* Anchored to the view: the rows scroll and are made anew. */
  if (!gtk_widget_compute_point (anchor, GTK_WIDGET (self), &at, &at))
    return;
  popover = wp_view_popup_menu (GTK_WIDGET (self), self->row_menu, at.x, at.y);
  self->menu_shown = TRUE;
  g_signal_connect_object (popover, "closed", G_CALLBACK (on_row_menu_closed), self,
                           G_CONNECT_SWAPPED);
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

  if (list_item == NULL || self->binding.plan == NULL)
    return;
  gtk_gesture_set_state (GTK_GESTURE (click), GTK_EVENT_SEQUENCE_CLAIMED);
  _wp_outline_end_editing (self, TRUE);
  if (gtk_list_item_get_item (list_item) == NULL)
    return;  /* (the empty new row clicked, gone) */
  gtk_single_selection_set_selected (self->selection, gtk_list_item_get_position (list_item));
  show_row_menu (self, grid, x, y);
}

/* The commands. Chosen in the row's menu, a command runs once the menu has
 * gone, with the keyboard focus back on the row: renaming and adding put
 * it in a title entry. From a key, it runs at once. */

typedef void (*OutlineCommand) (WpOutlineView *self);

typedef struct {
  WpOutlineView  *self;
  OutlineCommand  command;
} MenuCommand;

static gboolean
run_menu_command (gpointer data)
{
  g_autofree MenuCommand *chosen = data;
  g_autoptr(WpOutlineView) self = chosen->self;

  if (self->binding.context != NULL)
    chosen->command (self);
  return G_SOURCE_REMOVE;
}

static void
run_command (GtkWidget      *widget,
             OutlineCommand  command)
{
  WpOutlineView *self = WP_OUTLINE_VIEW (widget);
  MenuCommand *chosen;

  if (!self->menu_shown)
    {
      command (self);
      return;
    }
  chosen = g_new (MenuCommand, 1);
  chosen->self = g_object_ref (self);
  chosen->command = command;
  g_idle_add_full (G_PRIORITY_DEFAULT_IDLE + 10, run_menu_command, chosen, NULL);
}

static void
indent (WpOutlineView *self)
{
  _wp_outline_run_structure_edit (self, wp_edit_indent, FALSE);
}

static void
outdent (WpOutlineView *self)
{
  _wp_outline_run_structure_edit (self, wp_edit_outdent, FALSE);
}

static void
move_up (WpOutlineView *self)
{
  _wp_outline_run_structure_edit (self, wp_edit_move_up, FALSE);
}

static void
move_down (WpOutlineView *self)
{
  _wp_outline_run_structure_edit (self, wp_edit_move_down, FALSE);
}

static void
rename_selected (WpOutlineView *self)
{
  g_autoptr(WpItem) item = _wp_outline_selected_item (self);

  if (item != NULL)
    _wp_outline_start_editing (self, wp_item_get_id (item));
}

static void
open_details (WpOutlineView *self)
{
  g_autoptr(WpItem) item = _wp_outline_selected_item (self);

  if (item != NULL)
    _wp_outline_emit_item_activated (self);
}

static void
add_sibling_activated (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  run_command (widget, _wp_outline_add_sibling);
}

static void
add_child_activated (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  run_command (widget, _wp_outline_add_child);
}

static void
indent_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  run_command (widget, indent);
}

static void
outdent_activated (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  run_command (widget, outdent);
}

static void
move_up_activated (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  run_command (widget, move_up);
}

static void
move_down_activated (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  run_command (widget, move_down);
}

static void
rename_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  run_command (widget, rename_selected);
}

static void
details_activated (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  run_command (widget, open_details);
}

/* Done is a close-out (销号): the dialog asks for the completion note */
static void
mark_done (WpOutlineView *self)
{
  g_autoptr(WpItem) item = NULL;
  WpCloseout closeout = { 0 };
  gboolean closed;

  if (!require_selection (self, &item))
    return;
  closed = wp_store_get_closeout (_wp_outline_get_store (self), wp_item_get_id (item),
                                  &closeout, NULL)
           && closeout.state != WP_CLOSEOUT_NONE;
  wp_closeout_clear (&closeout);
  if (closed)
    {
      g_autofree char *message = g_strdup_printf (_("“%s” is already closed out."),
                                                  wp_item_get_title (item));
      AdwToastOverlay *overlay = _wp_outline_get_toast_overlay (self);

      if (overlay != NULL)
        adw_toast_overlay_add_toast (overlay, wp_toast_new (message));
      return;
    }
  wp_closeout_dialog_present (GTK_WIDGET (self), _wp_outline_get_undo (self), item);
}

static void
mark_done_activated (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  run_command (widget, mark_done);
}

static void
delete_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  run_command (widget, delete_selected);
}

/* Right and Left */
static void
expand_row_activated (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  expand_or_collapse (WP_OUTLINE_VIEW (widget), g_variant_get_boolean (parameter));
}

/* Ctrl+Shift+Right and Left */
static void
expand_all_activated (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  wp_outline_view_expand_all (WP_OUTLINE_VIEW (widget), g_variant_get_boolean (parameter));
}

/* The Menu key and Shift+F10 */
static void
show_menu_activated (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  WpOutlineView *self = WP_OUTLINE_VIEW (widget);
  GtkWidget *row = selected_row_widget (self);

  /* Under the start of the title, as a right click there would */
  if (row != NULL)
    show_row_menu (self, row, 48, gtk_widget_get_height (row));
}

/* What can be done: with a plan, editing its rows; with a row selected,
 * that row's commands too. Keys of a command that cannot be done go on to
 * the list. */
void
_wp_outline_update_actions (WpOutlineView *self)
{
  static const char *with_plan[] = {
    "outline.add-sibling", "outline.add-child", "outline.indent", "outline.outdent",
    "outline.move-up", "outline.move-down", "outline.delete", "outline.expand-row",
    "outline.expand-all",
  };
  static const char *with_row[] = {
    "outline.rename", "outline.details", "outline.show-menu", "outline.mark-done",
  };
  gboolean plan = self->binding.plan != NULL && _wp_outline_get_undo (self) != NULL;
  gboolean row = plan && self->selection != NULL
                 && gtk_single_selection_get_selected_item (self->selection) != NULL;

  for (guint i = 0; i < G_N_ELEMENTS (with_plan); i++)
    gtk_widget_action_set_enabled (GTK_WIDGET (self), with_plan[i], plan);
  for (guint i = 0; i < G_N_ELEMENTS (with_row); i++)
    gtk_widget_action_set_enabled (GTK_WIDGET (self), with_row[i], row);
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
  gtk_widget_class_install_action (widget_class, "outline.add-sibling", NULL,
                                   add_sibling_activated);
  gtk_widget_class_install_action (widget_class, "outline.add-child", NULL, add_child_activated);
  gtk_widget_class_install_action (widget_class, "outline.indent", NULL, indent_activated);
  gtk_widget_class_install_action (widget_class, "outline.outdent", NULL, outdent_activated);
  gtk_widget_class_install_action (widget_class, "outline.move-up", NULL, move_up_activated);
  gtk_widget_class_install_action (widget_class, "outline.move-down", NULL, move_down_activated);
  gtk_widget_class_install_action (widget_class, "outline.rename", NULL, rename_activated);
  gtk_widget_class_install_action (widget_class, "outline.details", NULL, details_activated);
  gtk_widget_class_install_action (widget_class, "outline.delete", NULL, delete_activated);
  gtk_widget_class_install_action (widget_class, "outline.mark-done", NULL,
                                   mark_done_activated);
  gtk_widget_class_install_action (widget_class, "outline.expand-row", "b",
                                   expand_row_activated);
  gtk_widget_class_install_action (widget_class, "outline.expand-all", "b",
                                   expand_all_activated);
  gtk_widget_class_install_action (widget_class, "outline.show-menu", NULL,
                                   show_menu_activated);

  /* An action's last binding is the one its menu item shows. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Enter, 0,
                                       "outline.add-sibling", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_ISO_Enter, 0,
                                       "outline.add-sibling", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, 0,
                                       "outline.add-sibling", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Enter, GDK_CONTROL_MASK,
                                       "outline.add-child", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_ISO_Enter, GDK_CONTROL_MASK,
                                       "outline.add-child", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK,
                                       "outline.add-child", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Tab, 0, "outline.indent", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Tab, 0, "outline.indent", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Tab, GDK_SHIFT_MASK,
                                       "outline.outdent", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Up, GDK_ALT_MASK,
                                       "outline.move-up", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Down, GDK_ALT_MASK,
                                       "outline.move-down", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F2, 0, "outline.rename", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Delete, 0,
                                       "outline.delete", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Delete, 0, "outline.delete", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Right, 0,
                                       "outline.expand-row", "b", TRUE);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, 0,
                                       "outline.expand-row", "b", FALSE);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Right,
                                       GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "outline.expand-all", "b", TRUE);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left,
                                       GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "outline.expand-all", "b", FALSE);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Menu, 0, "outline.show-menu", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F10, GDK_SHIFT_MASK,
                                       "outline.show-menu", NULL);
}

/* The keys of the bindings above, taken where the rows are: in the grid
 * view's capture phase, before its own handling of Enter (activating the
 * row) and of the arrows, and not while a title is typed. (The class's
 * own shortcut controller, on the whole view and in the bubble phase,
 * would come after the list and also take keys from the title entry.) */
static gboolean
on_key_pressed (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                WpOutlineView         *self)
{
  GdkModifierType mods = state & gtk_accelerator_get_default_mod_mask ();
  guint n;

  /* (as the triggers keep them: Shift+Tab comes as ISO_Left_Tab) */
  keyval = keyval == GDK_KEY_ISO_Left_Tab ? GDK_KEY_Tab : gdk_keyval_to_lower (keyval);

  if (_wp_outline_is_editing (self) || self->binding.plan == NULL || self->bindings == NULL)
    return GDK_EVENT_PROPAGATE;

  n = g_list_model_get_n_items (self->bindings);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (self->bindings, i);
      GtkShortcutTrigger *trigger = gtk_shortcut_get_trigger (shortcut);

      if (GTK_IS_KEYVAL_TRIGGER (trigger)
          && gtk_keyval_trigger_get_keyval (GTK_KEYVAL_TRIGGER (trigger)) == keyval
          && gtk_keyval_trigger_get_modifiers (GTK_KEYVAL_TRIGGER (trigger)) == mods
          && gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut),
                                           GTK_SHORTCUT_ACTION_EXCLUSIVE, GTK_WIDGET (self),
                                           gtk_shortcut_get_arguments (shortcut)))
        return GDK_EVENT_STOP;
    }
  return GDK_EVENT_PROPAGATE;
}

void
_wp_outline_setup_keys (WpOutlineView *self)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (self));
  GtkEventController *key;
  GtkGesture *click;

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_SHORTCUT_CONTROLLER (controller)
          && g_strcmp0 (gtk_event_controller_get_name (controller),
                        "gtk-widget-class-shortcuts") == 0)
        {
          g_set_object (&self->bindings, G_LIST_MODEL (controller));
          gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_NONE);
        }
    }
  g_warn_if_fail (self->bindings != NULL);

  key = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (key, GTK_PHASE_CAPTURE);
  g_signal_connect (key, "key-pressed", G_CALLBACK (on_key_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self->grid_view), key);

  click = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_SECONDARY);
  g_signal_connect (click, "pressed", G_CALLBACK (on_secondary_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self->grid_view), GTK_EVENT_CONTROLLER (click));
  _wp_outline_update_actions (self);
}
