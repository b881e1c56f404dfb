/* wp-board-columns.c: the board's columns and their cards
 *
 * A column is a list view of cards over the column's ids; its first cards
 * show, the rest behind "Show More". Cards are dragged between columns and
 * among their siblings; a column's keys move its selected card.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "wp-board-card.h"
#include "wp-board-view-private.h"
#include "wp-tooltip.h"
#include "wp-view.h"

/* Cards */

/* Cached per parent until the next refresh: a column's cards share them. */
static const char *
area_path (WpBoardView *self,
           WpItem      *item)
{
  WpStore *store = _wp_board_get_store (self);
  g_autoptr(GPtrArray) titles = g_ptr_array_new_with_free_func (g_free);
  GString *path;
  gint64 up = wp_item_get_parent_id (item);
  GString *cached = g_hash_table_lookup (self->paths, &up);

  if (cached != NULL)
    return cached->str;
  path = g_string_new (NULL);
  g_hash_table_insert (self->paths, g_memdup2 (&up, sizeof up), path);

  while (up != 0 && titles->len < 8)
    {
      g_autoptr(WpItem) above = wp_store_get_item (store, up, NULL);

      if (above == NULL)
        break;
      g_ptr_array_insert (titles, 0, g_strdup (wp_item_get_title (above)));
      up = wp_item_get_parent_id (above);
    }
  for (guint i = 0; i < titles->len; i++)
    {
      if (i > 0)
        g_string_append (path, " › ");
      g_string_append (path, g_ptr_array_index (titles, i));
    }
  return path->str;
}

void
_wp_board_string_free_all (GString *string)
{
  g_string_free (string, TRUE);
}

static void
update_card (GtkListItem *list_item)
{
  WpBoardView *self = g_object_get_data (G_OBJECT (list_item), "wp-view");
  GtkWidget *card = gtk_list_item_get_child (list_item);
  WpItem *item = gtk_list_item_get_item (list_item);
  gboolean behind;

  if (item == NULL || self == NULL)
    return;
  behind = wp_light_pace (wp_item_get_effective_status (item),
                          wp_item_get_effective_progress (item),
                          wp_store_get_expected_progress (_wp_board_get_store (self),
                                                          wp_item_get_plan_id (item),
                                                          wp_item_get_plan_year (item),
                                                          wp_item_get_id (item)))
           == WP_PACE_BEHIND;
  wp_board_card_show (WP_BOARD_CARD (card), item, area_path (self, item), behind);
  g_object_set_data (G_OBJECT (card), "wp-revision",
                     GUINT_TO_POINTER (wp_item_get_revision (item)));
}

/* Only what a card shows: a move notifies every sibling's position. */
static void
on_item_notify (GtkListItem *list_item)
{
  GtkWidget *card = gtk_list_item_get_child (list_item);
  WpItem *item = gtk_list_item_get_item (list_item);
  guint drawn = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (card), "wp-revision"));

  if (item != NULL && wp_item_get_revision (item) != drawn)
    update_card (list_item);
}

static GdkContentProvider *
on_drag_prepare (GtkDragSource *source,
                 double         x,
                 double         y,
                 GtkListItem   *list_item)
{
  WpItem *item = gtk_list_item_get_item (list_item);

  if (item == NULL)
    return NULL;
  return gdk_content_provider_new_typed (G_TYPE_INT64, wp_item_get_id (item));
}

static void
on_drag_begin (GtkDragSource *source,
               GdkDrag       *drag,
               GtkListItem   *list_item)
{
  GtkWidget *card = gtk_list_item_get_child (list_item);
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (card);

  gtk_drag_source_set_icon (source, paintable, gtk_widget_get_width (card) / 2, 12);
}

/* Takes the drop marks off @widget and everything in it. A drop onto a
 * card goes to the card's target alone, which stops it there: the column
 * around it saw the drag come in but sees neither the drop nor, on X11, a
 * leave, so its mark stayed. The board clears them all when a drag ends. */
static void
clear_drop_marks (GtkWidget *widget)
{
  gtk_widget_remove_css_class (widget, "wp-drop-column");
  gtk_widget_remove_css_class (widget, "wp-drop-before");
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    clear_drop_marks (child);
}

/* However the drag ended (dropped on the board, elsewhere or cancelled) */
static void
on_drag_end (GtkDragSource *source,
             GdkDrag       *drag,
             gboolean       delete_data,
             GtkListItem   *list_item)
{
  WpBoardView *self = g_object_get_data (G_OBJECT (list_item), "wp-view");

  if (self != NULL)
    clear_drop_marks (GTK_WIDGET (self));
}

/* A card dropped on a card: reorder within a column, or move to that
 * card's column. */
static gboolean
on_card_drop (GtkDropTarget *target,
              const GValue  *value,
              double         x,
              double         y,
              GtkListItem   *list_item)
{
  WpBoardView *self = g_object_get_data (G_OBJECT (list_item), "wp-view");
  GtkWidget *card = gtk_list_item_get_child (list_item);
  WpItem *onto = gtk_list_item_get_item (list_item);
  gint64 dragged = g_value_get_int64 (value);
  Column *column;

  if (self == NULL)
    return FALSE;
  clear_drop_marks (GTK_WIDGET (self));
  if (onto == NULL)
    return FALSE;
  column = _wp_board_column_of_widget (self, card);
  if (column == NULL)
    return FALSE;
  if (wp_id_list_find (column->ids, dragged) >= 0)
    return _wp_board_reorder_card (self, dragged, wp_item_get_id (onto));
  return _wp_board_move_card (self, dragged, column);
}

static GdkDragAction
on_card_enter (GtkDropTarget *target,
               double         x,
               double         y,
               GtkListItem   *list_item)
{
  gtk_widget_add_css_class (gtk_list_item_get_child (list_item), "wp-drop-before");
  return GDK_ACTION_MOVE;
}

static void
on_card_leave (GtkDropTarget *target,
               GtkListItem   *list_item)
{
  gtk_widget_remove_css_class (gtk_list_item_get_child (list_item), "wp-drop-before");
}

static void
on_card_pressed (GtkGestureClick *gesture,
                 int              n_press,
                 double           x,
                 double           y,
                 GtkListItem     *list_item)
{
  WpBoardView *self = g_object_get_data (G_OBJECT (list_item), "wp-view");
  GtkWidget *card = gtk_list_item_get_child (list_item);
  Column *column = self != NULL ? _wp_board_column_of_widget (self, card) : NULL;

  if (column == NULL)
    return;
  gtk_single_selection_set_selected (column->selection, gtk_list_item_get_position (list_item));
  _wp_board_show_move_menu (self, card, x, y);
}

static void
setup_card (GtkSignalListItemFactory *factory,
            GtkListItem              *list_item,
            WpBoardView              *self)
{
  GtkWidget *box = wp_board_card_new ();
  GtkDragSource *source = gtk_drag_source_new ();
  GtkDropTarget *target = gtk_drop_target_new (G_TYPE_INT64, GDK_ACTION_MOVE);
  GtkGesture *click = gtk_gesture_click_new ();

  g_object_set_data (G_OBJECT (list_item), "wp-view", self);
  gtk_list_item_set_child (list_item, box);

  gtk_drag_source_set_actions (source, GDK_ACTION_MOVE);
  g_signal_connect (source, "prepare", G_CALLBACK (on_drag_prepare), list_item);
  g_signal_connect (source, "drag-begin", G_CALLBACK (on_drag_begin), list_item);
  /* (the drop may rebuild the column and free @list_item before the drag
   * ends: the handler goes with it) */
  g_signal_connect_object (source, "drag-end", G_CALLBACK (on_drag_end), list_item, 0);
  gtk_widget_add_controller (box, GTK_EVENT_CONTROLLER (source));
  g_signal_connect (target, "drop", G_CALLBACK (on_card_drop), list_item);
  g_signal_connect (target, "enter", G_CALLBACK (on_card_enter), list_item);
  g_signal_connect (target, "leave", G_CALLBACK (on_card_leave), list_item);
  gtk_widget_add_controller (box, GTK_EVENT_CONTROLLER (target));
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_SECONDARY);
  g_signal_connect (click, "pressed", G_CALLBACK (on_card_pressed), list_item);
  gtk_widget_add_controller (box, GTK_EVENT_CONTROLLER (click));
}

static void
bind_card (GtkSignalListItemFactory *factory,
           GtkListItem              *list_item,
           WpBoardView              *self)
{
  WpItem *item = gtk_list_item_get_item (list_item);

  if (item == NULL)
    return;
  update_card (list_item);
  g_signal_connect_object (item, "notify", G_CALLBACK (on_item_notify), list_item,
                           G_CONNECT_SWAPPED);
}

static void
unbind_card (GtkSignalListItemFactory *factory,
             GtkListItem              *list_item,
             WpBoardView              *self)
{
  WpItem *item = gtk_list_item_get_item (list_item);

  if (item != NULL)
    g_signal_handlers_disconnect_by_func (item, on_item_notify, list_item);
}

/* Columns */

static gboolean
on_column_drop (GtkDropTarget *target,
                const GValue  *value,
                double         x,
                double         y,
                Column        *column)
{
  clear_drop_marks (GTK_WIDGET (column->view));
  return _wp_board_move_card (column->view, g_value_get_int64 (value), column);
}

static GdkDragAction
on_column_enter (GtkDropTarget *target,
                 double         x,
                 double         y,
                 Column        *column)
{
  if (!column->data->accepts_drops)
    return 0;
  gtk_widget_add_css_class (column->box, "wp-drop-column");
  return GDK_ACTION_MOVE;
}

static void
on_column_leave (GtkDropTarget *target,
                 Column        *column)
{
  gtk_widget_remove_css_class (column->box, "wp-drop-column");
}

static void
on_column_selection (Column *column)
{
  WpBoardView *self = column->view;

  if (gtk_single_selection_get_selected (column->selection) == GTK_INVALID_LIST_POSITION)
    return;
  /* One selected card on the whole board */
  for (guint i = 0; i < self->columns->len; i++)
    {
      Column *other = g_ptr_array_index (self->columns, i);

      if (other != column)
        gtk_single_selection_set_selected (other->selection, GTK_INVALID_LIST_POSITION);
    }
  wp_view_selection_changed (WP_VIEW (self));
}

static void
on_column_activate (GtkListView *list,
                    guint        position,
                    Column      *column)
{
  gtk_single_selection_set_selected (column->selection, position);
  wp_view_item_activated (WP_VIEW (column->view));
}

static int
column_index (WpBoardView *self,
              Column      *column)
{
  for (guint i = 0; i < self->columns->len; i++)
    if (g_ptr_array_index (self->columns, i) == column)
      return (int) i;
  return -1;
}

static gboolean
on_list_key (GtkEventControllerKey *key,
             guint                  keyval,
             guint                  keycode,
             GdkModifierType        state,
             Column                *column)
{
  WpBoardView *self = column->view;
  GdkModifierType mods = state & gtk_accelerator_get_default_mod_mask ();
  g_autoptr(WpItem) item = wp_board_view_get_selected_item (self);
  g_autoptr(GError) error = NULL;

  if (item == NULL)
    return FALSE;

  if (mods == GDK_CONTROL_MASK && (keyval == GDK_KEY_Left || keyval == GDK_KEY_Right))
    {
      int step = keyval == GDK_KEY_Left ? -1 : 1;
      int i = column_index (self, column) + step;

      if (gtk_widget_get_direction (GTK_WIDGET (self)) == GTK_TEXT_DIR_RTL)
        i = column_index (self, column) - step;
      while (i >= 0 && i < (int) self->columns->len
             && !((Column *) g_ptr_array_index (self->columns, i))->data->accepts_drops)
        i += step;
      if (i < 0 || i >= (int) self->columns->len)
        {
          gtk_widget_error_bell (GTK_WIDGET (self));
          return TRUE;
        }
      _wp_board_move_card (self, wp_item_get_id (item), g_ptr_array_index (self->columns, i));
      return TRUE;
    }

  if (mods == GDK_ALT_MASK && (keyval == GDK_KEY_Up || keyval == GDK_KEY_Down))
    {
      WpUndoStack *undo = wp_context_get_undo_stack (self->binding.context);
      gboolean ok = keyval == GDK_KEY_Up
                    ? wp_edit_move_up (undo, wp_item_get_id (item), &error)
                    : wp_edit_move_down (undo, wp_item_get_id (item), &error);

      if (!ok)
        gtk_widget_error_bell (GTK_WIDGET (self));
      else
        {
          self->follow_id = wp_item_get_id (item);
          _wp_board_refresh (self);
        }
      return TRUE;
    }

  if ((keyval == GDK_KEY_Menu && mods == 0) || (keyval == GDK_KEY_F10 && mods == GDK_SHIFT_MASK))
    {
      GtkWidget *focus = gtk_root_get_focus (gtk_widget_get_root (GTK_WIDGET (self)));

      _wp_board_show_move_menu (self, focus != NULL && gtk_widget_is_ancestor (focus, column->list)
                              ? focus : column->list, -1, -1);
      return TRUE;
    }
  return FALSE;
}

/* Gives a column its cards, if it has not had them yet */
void
_wp_board_column_fill (Column *column)
{
  if (column->filled)
    return;
  column->filled = TRUE;
  wp_id_list_set_ids (column->ids, column->data->ids);
  _wp_board_update_more (column);
}

void
_wp_board_update_more (Column *column)
{
  guint n = wp_id_list_get_n_ids (column->ids);
  guint shown = MIN (n, wp_id_list_get_limit (column->ids));

  if (shown < n)
    {
      g_autofree char *label =
        n - shown <= MORE_CARDS
        /* Translators: the button under a board column with a few more cards */
        ? g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Show the Other Card",
                                        "Show the Other %u Cards", n - shown), n - shown)
        /* Translators: the button under a board column with many more cards */
        : g_strdup_printf (_("Show %u More of %u"), MORE_CARDS, n - shown);
      gtk_button_set_label (GTK_BUTTON (column->more), label);
    }
  gtk_widget_set_visible (column->more, shown < n);
}

static void
on_more_clicked (Column *column)
{
  wp_id_list_set_limit (column->ids, wp_id_list_get_limit (column->ids) + MORE_CARDS);
  _wp_board_update_more (column);
}

Column *
_wp_board_column_new (WpBoardView   *self,
                      WpBoardColumn *data)
{
  g_autoptr(GtkBuilder) builder =
    gtk_builder_new_from_resource ("/io/github/workplan/Workplan/wp-board-column.ui");
  Column *column = g_new0 (Column, 1);
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkDropTarget *target = gtk_drop_target_new (G_TYPE_INT64, GDK_ACTION_MOVE);
  GtkEventController *key = gtk_event_controller_key_new ();

  column->view = self;
  column->data = data;
  column->box = GTK_WIDGET (gtk_builder_get_object (builder, "column"));
  gtk_widget_set_size_request (column->box, COLUMN_WIDTH, -1);
  column->title = GTK_WIDGET (gtk_builder_get_object (builder, "title"));
  column->overdue = GTK_WIDGET (gtk_builder_get_object (builder, "overdue"));
  column->count = GTK_WIDGET (gtk_builder_get_object (builder, "count"));
  column->list = GTK_WIDGET (gtk_builder_get_object (builder, "list"));
  column->more = GTK_WIDGET (gtk_builder_get_object (builder, "more"));

  column->ids = wp_id_list_new (_wp_board_get_store (self));
  wp_id_list_set_limit (column->ids, FIRST_CARDS);
  column->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (column->ids)));
  gtk_single_selection_set_autoselect (column->selection, FALSE);
  gtk_single_selection_set_can_unselect (column->selection, TRUE);
  gtk_single_selection_set_selected (column->selection, GTK_INVALID_LIST_POSITION);
  g_signal_connect_swapped (column->selection, "notify::selected",
                            G_CALLBACK (on_column_selection), column);

  g_signal_connect (factory, "setup", G_CALLBACK (setup_card), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_card), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_card), self);
  gtk_list_view_set_model (GTK_LIST_VIEW (column->list),
                           GTK_SELECTION_MODEL (column->selection));
  gtk_list_view_set_factory (GTK_LIST_VIEW (column->list), factory);
  g_object_unref (factory);
  g_signal_connect (column->list, "activate", G_CALLBACK (on_column_activate), column);
  g_signal_connect (key, "key-pressed", G_CALLBACK (on_list_key), column);
  gtk_widget_add_controller (column->list, key);

  g_signal_connect_swapped (column->more, "clicked", G_CALLBACK (on_more_clicked), column);

  g_signal_connect (target, "drop", G_CALLBACK (on_column_drop), column);
  g_signal_connect (target, "enter", G_CALLBACK (on_column_enter), column);
  g_signal_connect (target, "leave", G_CALLBACK (on_column_leave), column);
  gtk_widget_add_controller (column->box, GTK_EVENT_CONTROLLER (target));
  /* (the board holds it from here; the builder lets go of it) */
  gtk_box_append (self->columns_box, column->box);
  return column;
}

/* Readies a column's widgets to show another column's cards */
void
_wp_board_column_reset (Column *column)
{
  GtkWidget *scroller = gtk_widget_get_ancestor (column->list, GTK_TYPE_SCROLLED_WINDOW);

  gtk_single_selection_set_selected (column->selection, GTK_INVALID_LIST_POSITION);
  if (scroller != NULL)
    gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller)),
                              0);
}

void
_wp_board_column_update (Column *column)
{
  g_autofree char *count = g_strdup_printf ("%u", column->data->ids->len);
  g_autofree char *accessible = NULL;

  gtk_label_set_label (GTK_LABEL (column->title), column->data->title);
  wp_tooltip_set_text (column->title, column->data->title);
  gtk_label_set_label (GTK_LABEL (column->count), count);
  if (column->data->n_overdue > 0)
    {
      /* Translators: in a board column's header */
      g_autofree char *overdue = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u overdue",
                                                               "%u overdue",
                                                               column->data->n_overdue),
                                                  column->data->n_overdue);
      gtk_label_set_label (GTK_LABEL (column->overdue), overdue);
    }
  gtk_widget_set_visible (column->overdue, column->data->n_overdue > 0);
  /* (a column off screen gets its cards when it scrolls into view) */
  if (column->filled)
    {
      wp_id_list_set_ids (column->ids, column->data->ids);
      _wp_board_update_more (column);
    }

  /* Translators: a board column for screen readers: its name and number of cards */
  accessible = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s, %u card", "%s, %u cards",
                                             column->data->ids->len),
                                column->data->title, column->data->ids->len);
  gtk_accessible_update_property (GTK_ACCESSIBLE (column->list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  accessible, -1);
}

