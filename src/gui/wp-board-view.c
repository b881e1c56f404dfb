/* wp-board-view.c: the kanban board (看板)
 *
 * Columns come from the core (wp_board_compute()): by status, lead agency,
 * quarter or area. Each column is a GtkListView over a WpIdList, so a
 * column of 100,000 cards makes widgets and item objects only for the
 * cards on screen, and a refresh after an edit reports only what changed
 * (scroll positions stay).
 *
 * A card moves by drag and drop (onto a column: change the field; onto a
 * card of the same column: reorder) or by keyboard: Ctrl+Left/Right to the
 * next column, Alt+Up/Down among its siblings, and the context menu (Menu
 * key, Shift+F10 or right click) lists every column. Each move is one
 * undoable command with an undo toast.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "wp-tooltip.h"
#include "wp-board-view.h"
#include "wp-view-refresh.h"
#include "wp-light-cell.h"
#include "wp-progress-cell.h"

#define COLUMN_WIDTH 256
/* Cards a column shows before "Show More": GTK 4.8's list view keeps up to
 * 200 rows of widgets whatever the height, which for twenty columns of
 * wrapped Chinese titles is seconds of layout. */
#define FIRST_CARDS 24
#define MORE_CARDS 100

typedef struct _Column Column;

struct _WpBoardView
{
  AdwBin           parent_instance;

  WpContext       *context;
  WpPlan          *plan;
  WpFilter         filter;        /* the window's search and filters */
  WpBoardGrouping  grouping;
  WpBoardCards     cards;

  GtkDropDown     *grouping_dropdown;
  GtkDropDown     *cards_dropdown;
  GtkStack        *stack;
  AdwStatusPage   *empty_page;
  GtkButton       *clear_button;
  GtkBox          *columns_box;

  GPtrArray       *columns;       /* Column */
  GtkScrolledWindow *board_scroller;
  double           drag_x;        /* the pointer during a drag, for edge scrolling */
  guint            autoscroll_id;
  GtkDropControllerMotion *drag_motion;
  WpViewRefresh   refresh;
  gint64           follow_id;     /* a card just moved: select it where it lands */
  GHashTable      *paths;         /* parent id → "area › task", for the cards shown */
  gboolean         updating;
};

struct _Column
{
  WpBoardView        *view;
  WpBoardColumn      *data;
  GtkWidget          *box;
  GtkWidget          *title;
  GtkWidget          *count;
  GtkWidget          *overdue;
  GtkWidget          *list;
  GtkWidget          *more;
  WpIdList           *ids;
  GtkSingleSelection *selection;
};

G_DEFINE_FINAL_TYPE (WpBoardView, wp_board_view, ADW_TYPE_BIN)

enum {
  SELECTION_CHANGED,
  ITEM_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void refresh (WpBoardView *self);

static WpStore *
get_store (WpBoardView *self)
{
  return self->context != NULL ? wp_context_get_store (self->context) : NULL;
}

static void
column_free (Column *column)
{
  g_clear_pointer (&column->data, wp_board_column_free);
  g_clear_object (&column->selection);
  g_clear_object (&column->ids);
  g_free (column);
}

static Column *
find_column (WpBoardView *self,
             const char  *key)
{
  for (guint i = 0; i < self->columns->len; i++)
    {
      Column *column = g_ptr_array_index (self->columns, i);

      if (g_strcmp0 (column->data->key, key) == 0)
        return column;
    }
  return NULL;
}

static Column *
column_of_widget (WpBoardView *self,
                  GtkWidget   *widget)
{
  for (guint i = 0; i < self->columns->len; i++)
    {
      Column *column = g_ptr_array_index (self->columns, i);

      if (widget == column->box || gtk_widget_is_ancestor (widget, column->box))
        return column;
    }
  return NULL;
}

static Column *
selected_column (WpBoardView *self)
{
  for (guint i = 0; i < self->columns->len; i++)
    {
      Column *column = g_ptr_array_index (self->columns, i);

      if (gtk_single_selection_get_selected (column->selection) != GTK_INVALID_LIST_POSITION)
        return column;
    }
  return NULL;
}

/* Moves and reorders */

static void
moved (WpBoardView *self,
       gint64       item_id,
       const char  *column_title)
{
  g_autoptr(WpItem) item = wp_store_get_item (get_store (self), item_id, NULL);
  g_autofree char *message = NULL;

  self->follow_id = item_id;
  refresh (self);
  if (item == NULL)
    return;
  /* Translators: a toast after a card was dragged to a column */
  message = g_strdup_printf (_("Moved “%s” to %s"), wp_item_get_title (item), column_title);
  wp_view_toast (GTK_WIDGET (self), message, wp_context_get_undo_stack (self->context));
}

static gboolean
move_card (WpBoardView *self,
           gint64       item_id,
           Column      *to)
{
  g_autoptr(GError) error = NULL;
  WpUndoStack *undo = wp_context_get_undo_stack (self->context);
  const char *label_before = wp_undo_stack_get_undo_label (undo);
  g_autofree char *title = g_strdup (to->data->title);

  if (!wp_board_move_card (undo, self->grouping, item_id, to->data, &error))
    {
      wp_view_toast (GTK_WIDGET (self), error->message, NULL);
      return FALSE;
    }
  /* Dropped where it was: no command, no toast. */
  if (label_before == wp_undo_stack_get_undo_label (undo))
    return TRUE;
  moved (self, item_id, title);
  return TRUE;
}

static gboolean
reorder_card (WpBoardView *self,
              gint64       item_id,
              gint64       before_id)
{
  g_autoptr(GError) error = NULL;

  if (!wp_board_reorder_card (wp_context_get_undo_stack (self->context), item_id, before_id,
                              &error))
    {
      wp_view_toast (GTK_WIDGET (self), error->message, NULL);
      return FALSE;
    }
  self->follow_id = item_id;
  refresh (self);
  return TRUE;
}

/**
 * wp_board_view_move_selected:
 * @column_key: the key of the column to move the selected card to
 *
 * What the "Move To" menu and the keyboard do; the tests use it too.
 */
gboolean
wp_board_view_move_selected (WpBoardView  *self,
                             const char   *column_key,
                             GError      **error)
{
  g_autoptr(WpItem) item = wp_board_view_get_selected_item (self);
  Column *to = find_column (self, column_key);
  WpUndoStack *undo;
  const char *label_before;
  g_autofree char *title = NULL;
  gint64 id;

  g_return_val_if_fail (WP_IS_BOARD_VIEW (self), FALSE);

  if (item == NULL || to == NULL)
    {
      g_set_error_literal (error, WP_STORE_ERROR, WP_STORE_ERROR_NOT_FOUND,
                           _("Select a card first."));
      return FALSE;
    }
  undo = wp_context_get_undo_stack (self->context);
  label_before = wp_undo_stack_get_undo_label (undo);
  title = g_strdup (to->data->title);
  id = wp_item_get_id (item);
  if (!wp_board_move_card (undo, self->grouping, id, to->data, error))
    return FALSE;
  if (label_before != wp_undo_stack_get_undo_label (undo))
    moved (self, id, title);
  return TRUE;
}

static void
move_to_activated (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  WpBoardView *self = WP_BOARD_VIEW (widget);
  g_autoptr(GError) error = NULL;

  if (!wp_board_view_move_selected (self, g_variant_get_string (parameter, NULL), &error))
    wp_view_toast (GTK_WIDGET (self), error->message, NULL);
}

static void
open_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  WpBoardView *self = WP_BOARD_VIEW (widget);
  g_autoptr(WpItem) item = wp_board_view_get_selected_item (self);

  if (item != NULL)
    g_signal_emit (self, signals[ITEM_ACTIVATED], 0);
}

/* The context menu: every other column the card can go to */
static void
show_move_menu (WpBoardView *self,
                GtkWidget   *anchor,
                double       x,
                double       y)
{
  g_autoptr(GMenu) menu = g_menu_new ();
  g_autoptr(GMenu) targets = g_menu_new ();
  Column *current = selected_column (self);

  g_menu_append (menu, _("_Open Details"), "board.open");
  for (guint i = 0; i < self->columns->len; i++)
    {
      Column *column = g_ptr_array_index (self->columns, i);
      g_autoptr(GMenuItem) entry = NULL;

      if (column == current || !column->data->accepts_drops)
        continue;
      entry = g_menu_item_new (column->data->title, NULL);
      g_menu_item_set_action_and_target (entry, "board.move-to", "s", column->data->key);
      g_menu_append_item (targets, entry);
    }
  /* Translators: the section of a card's menu listing the columns */
  g_menu_append_section (menu, _("Move To"), G_MENU_MODEL (targets));

  wp_view_popup_menu (anchor, G_MENU_MODEL (menu), x, y);
}

/* Cards */

/* Cached per parent until the next refresh: a column's cards share them. */
static const char *
area_path (WpBoardView *self,
           WpItem      *item)
{
  WpStore *store = get_store (self);
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

static void
string_free_all (GString *string)
{
  g_string_free (string, TRUE);
}

typedef struct {
  GtkWidget *title;
  GtkWidget *path;
  GtkWidget *lead;
  GtkWidget *due;
  GtkWidget *bar;
  GtkWidget *light;
} Card;

static void
update_card (GtkListItem *list_item)
{
  WpBoardView *self = g_object_get_data (G_OBJECT (list_item), "wp-view");
  GtkWidget *widget = gtk_list_item_get_child (list_item);
  Card *card = g_object_get_data (G_OBJECT (widget), "wp-card");
  WpItem *item = gtk_list_item_get_item (list_item);
  const char *path;
  g_autofree char *lead = NULL;
  g_autofree char *percent = NULL;
  g_autofree char *due = NULL;
  g_autofree char *accessible = NULL;
  const char *due_label;

  if (item == NULL || self == NULL)
    return;

  gtk_label_set_label (GTK_LABEL (card->title), wp_item_get_title (item));
  path = area_path (self, item);
  gtk_label_set_label (GTK_LABEL (card->path), path);
  gtk_widget_set_visible (card->path, path[0] != '\0');

  lead = g_strjoinv ("、", (char **) wp_item_get_lead_agencies (item));
  gtk_label_set_label (GTK_LABEL (card->lead), lead[0] != '\0' ? lead : _("No lead agency"));
  gtk_widget_set_opacity (card->lead, lead[0] != '\0' ? 1.0 : 0.6);

  due_label = wp_item_get_due_label (item);
  if (due_label != NULL && due_label[0] != '\0')
    due = g_strdup (due_label);
  else if (wp_item_get_due (item) != NULL && g_date_valid (wp_item_get_due (item)))
    due = wp_date_to_iso (wp_item_get_due (item));
  gtk_label_set_label (GTK_LABEL (card->due), due != NULL ? due : "");
  gtk_widget_set_visible (card->due, due != NULL);

  wp_progress_cell_set_percent (WP_PROGRESS_CELL (card->bar),
                                wp_item_get_effective_progress (item));
  percent = g_strdup_printf (_("%d%%"), wp_item_get_effective_progress (item));
  wp_light_cell_set_item (WP_LIGHT_CELL (card->light), item);

  /* Translators: what a screen reader says for a card: title, lead
   * agency, deadline, progress and light */
  accessible = g_strdup_printf (_("%s; lead: %s; due: %s; %s; %s"), wp_item_get_title (item),
                                lead[0] != '\0' ? lead : _("No lead agency"),
                                due != NULL ? due : _("No Deadline"), percent,
                                wp_light_cell_get_text (WP_LIGHT_CELL (card->light)));
  gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  accessible, -1);
  g_object_set_data (G_OBJECT (widget), "wp-revision",
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
  column = column_of_widget (self, card);
  if (column == NULL)
    return FALSE;
  if (wp_id_list_find (column->ids, dragged) >= 0)
    return reorder_card (self, dragged, wp_item_get_id (onto));
  return move_card (self, dragged, column);
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
  Column *column = self != NULL ? column_of_widget (self, card) : NULL;

  if (column == NULL)
    return;
  gtk_single_selection_set_selected (column->selection, gtk_list_item_get_position (list_item));
  show_move_menu (self, card, x, y);
}

static void
setup_card (GtkSignalListItemFactory *factory,
            GtkListItem              *list_item,
            WpBoardView              *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *progress = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  Card *card = g_new0 (Card, 1);
  GtkDragSource *source = gtk_drag_source_new ();
  GtkDropTarget *target = gtk_drop_target_new (G_TYPE_INT64, GDK_ACTION_MOVE);
  GtkGesture *click = gtk_gesture_click_new ();

  g_object_set_data (G_OBJECT (list_item), "wp-view", self);
  gtk_widget_add_css_class (box, "card");
  gtk_widget_add_css_class (box, "wp-card");

  card->title = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (card->title), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (card->title), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_lines (GTK_LABEL (card->title), 3);
  gtk_label_set_ellipsize (GTK_LABEL (card->title), PANGO_ELLIPSIZE_END);
  gtk_label_set_xalign (GTK_LABEL (card->title), 0);
  gtk_widget_add_css_class (card->title, "wp-card-title");
  gtk_box_append (GTK_BOX (box), card->title);

  card->path = gtk_label_new (NULL);
  gtk_label_set_ellipsize (GTK_LABEL (card->path), PANGO_ELLIPSIZE_MIDDLE);
  gtk_label_set_xalign (GTK_LABEL (card->path), 0);
  gtk_widget_add_css_class (card->path, "caption");
  gtk_widget_add_css_class (card->path, "dim-label");
  gtk_box_append (GTK_BOX (box), card->path);

  card->lead = gtk_label_new (NULL);
  gtk_label_set_ellipsize (GTK_LABEL (card->lead), PANGO_ELLIPSIZE_END);
  gtk_label_set_xalign (GTK_LABEL (card->lead), 0);
  gtk_widget_set_hexpand (card->lead, TRUE);
  gtk_widget_add_css_class (card->lead, "caption-heading");
  gtk_box_append (GTK_BOX (row), card->lead);
  card->due = gtk_label_new (NULL);
  gtk_widget_add_css_class (card->due, "caption");
  gtk_box_append (GTK_BOX (row), card->due);
  gtk_box_append (GTK_BOX (box), row);

  /* Drawn cells, as in the outline: a column shows dozens of cards. */
  card->bar = wp_progress_cell_new ();
  gtk_widget_set_hexpand (card->bar, TRUE);
  gtk_widget_set_valign (card->bar, GTK_ALIGN_END);
  gtk_box_append (GTK_BOX (progress), card->bar);
  card->light = wp_light_cell_new ();
  gtk_widget_set_valign (card->light, GTK_ALIGN_END);
  gtk_box_append (GTK_BOX (progress), card->light);
  gtk_box_append (GTK_BOX (box), progress);

  g_object_set_data_full (G_OBJECT (box), "wp-card", card, g_free);
  gtk_list_item_set_child (list_item, box);

  gtk_drag_source_set_actions (source, GDK_ACTION_MOVE);
  g_signal_connect (source, "prepare", G_CALLBACK (on_drag_prepare), list_item);
  g_signal_connect (source, "drag-begin", G_CALLBACK (on_drag_begin), list_item);
  g_signal_connect (source, "drag-end", G_CALLBACK (on_drag_end), list_item);
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
  return move_card (column->view, g_value_get_int64 (value), column);
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
  g_signal_emit (self, signals[SELECTION_CHANGED], 0);
}

static void
on_column_activate (GtkListView *list,
                    guint        position,
                    Column      *column)
{
  gtk_single_selection_set_selected (column->selection, position);
  g_signal_emit (column->view, signals[ITEM_ACTIVATED], 0);
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
      move_card (self, wp_item_get_id (item), g_ptr_array_index (self->columns, i));
      return TRUE;
    }

  if (mods == GDK_ALT_MASK && (keyval == GDK_KEY_Up || keyval == GDK_KEY_Down))
    {
      WpUndoStack *undo = wp_context_get_undo_stack (self->context);
      gboolean ok = keyval == GDK_KEY_Up
                    ? wp_edit_move_up (undo, wp_item_get_id (item), &error)
                    : wp_edit_move_down (undo, wp_item_get_id (item), &error);

      if (!ok)
        gtk_widget_error_bell (GTK_WIDGET (self));
      else
        {
          self->follow_id = wp_item_get_id (item);
          refresh (self);
        }
      return TRUE;
    }

  if ((keyval == GDK_KEY_Menu && mods == 0) || (keyval == GDK_KEY_F10 && mods == GDK_SHIFT_MASK))
    {
      GtkWidget *focus = gtk_root_get_focus (gtk_widget_get_root (GTK_WIDGET (self)));

      show_move_menu (self, focus != NULL && gtk_widget_is_ancestor (focus, column->list)
                              ? focus : column->list, -1, -1);
      return TRUE;
    }
  return FALSE;
}

static void
update_more (Column *column)
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
  update_more (column);
}

static Column *
column_new (WpBoardView   *self,
            WpBoardColumn *data)
{
  Column *column = g_new0 (Column, 1);
  GtkWidget *header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkDropTarget *target = gtk_drop_target_new (G_TYPE_INT64, GDK_ACTION_MOVE);
  GtkEventController *key = gtk_event_controller_key_new ();

  column->view = self;
  column->data = data;
  column->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_widget_set_size_request (column->box, COLUMN_WIDTH, -1);
  gtk_widget_set_hexpand (column->box, TRUE);
  gtk_widget_add_css_class (column->box, "wp-board-column");

  column->title = gtk_label_new (NULL);
  gtk_label_set_ellipsize (GTK_LABEL (column->title), PANGO_ELLIPSIZE_END);
  gtk_label_set_xalign (GTK_LABEL (column->title), 0);
  gtk_widget_set_hexpand (column->title, TRUE);
  gtk_widget_add_css_class (column->title, "heading");
  gtk_box_append (GTK_BOX (header), column->title);
  column->overdue = gtk_label_new (NULL);
  gtk_widget_add_css_class (column->overdue, "caption");
  gtk_widget_add_css_class (column->overdue, "wp-overdue-count");
  gtk_box_append (GTK_BOX (header), column->overdue);
  column->count = gtk_label_new (NULL);
  gtk_widget_add_css_class (column->count, "wp-count");
  gtk_widget_add_css_class (column->count, "numeric");
  gtk_box_append (GTK_BOX (header), column->count);
  gtk_widget_add_css_class (header, "wp-board-column-header");
  gtk_box_append (GTK_BOX (column->box), header);

  column->ids = wp_id_list_new (get_store (self));
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
  column->list = gtk_list_view_new (GTK_SELECTION_MODEL (g_object_ref (column->selection)),
                                    factory);
  gtk_list_view_set_single_click_activate (GTK_LIST_VIEW (column->list), FALSE);
  gtk_widget_add_css_class (column->list, "wp-board-list");
  gtk_widget_add_css_class (column->list, "navigation-sidebar");
  g_signal_connect (column->list, "activate", G_CALLBACK (on_column_activate), column);
  g_signal_connect (key, "key-pressed", G_CALLBACK (on_list_key), column);
  gtk_widget_add_controller (column->list, key);

  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), column->list);
  gtk_widget_set_vexpand (scrolled, TRUE);
  gtk_box_append (GTK_BOX (column->box), scrolled);

  column->more = gtk_button_new ();
  gtk_widget_add_css_class (column->more, "flat");
  gtk_widget_set_margin_start (column->more, 6);
  gtk_widget_set_margin_end (column->more, 6);
  gtk_widget_set_margin_bottom (column->more, 6);
  gtk_widget_set_visible (column->more, FALSE);
  g_signal_connect_swapped (column->more, "clicked", G_CALLBACK (on_more_clicked), column);
  gtk_box_append (GTK_BOX (column->box), column->more);

  g_signal_connect (target, "drop", G_CALLBACK (on_column_drop), column);
  g_signal_connect (target, "enter", G_CALLBACK (on_column_enter), column);
  g_signal_connect (target, "leave", G_CALLBACK (on_column_leave), column);
  gtk_widget_add_controller (column->box, GTK_EVENT_CONTROLLER (target));
  return column;
}

static void
column_update (Column *column)
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
  wp_id_list_set_ids (column->ids, column->data->ids);
  update_more (column);

  /* Translators: a board column for screen readers: its name and number of cards */
  accessible = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s, %u card", "%s, %u cards",
                                             column->data->ids->len),
                                column->data->title, column->data->ids->len);
  gtk_accessible_update_property (GTK_ACCESSIBLE (column->list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  accessible, -1);
}

/* Refresh */

static void
fill_filter (WpBoardView *self,
             WpFilter    *filter)
{
  wp_filter_init (filter);
  wp_filter_copy (&self->filter, filter);
}

static void
show_empty (WpBoardView *self,
            const char  *icon,
            const char  *title,
            const char  *description,
            gboolean     can_clear)
{
  adw_status_page_set_icon_name (self->empty_page, icon);
  adw_status_page_set_title (self->empty_page, title);
  adw_status_page_set_description (self->empty_page, description);
  gtk_widget_set_visible (GTK_WIDGET (self->clear_button), can_clear);
  gtk_stack_set_visible_child_name (self->stack, "empty");
}

static void
follow (WpBoardView *self)
{
  gint64 id = self->follow_id;

  self->follow_id = 0;
  if (id != 0)
    wp_board_view_select_item (self, id);
}

static void
refresh (WpBoardView *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) columns = NULL;
  WpFilter filter;
  gboolean same = TRUE;
  guint total = 0;

  wp_view_refresh_cancel (&self->refresh);
  g_hash_table_remove_all (self->paths);
  if (self->plan == NULL || get_store (self) == NULL)
    {
      show_empty (self, "view-grid-symbolic", _("No Plan"),
                  _("Create a plan for a year, or import one, to see its board."), FALSE);
      return;
    }

  fill_filter (self, &filter);
  columns = wp_board_compute (get_store (self), wp_plan_get_id (self->plan), self->grouping,
                              self->cards, &filter, &error);
  if (columns == NULL)
    {
      wp_filter_clear (&filter);
      wp_view_toast (GTK_WIDGET (self), error->message, NULL);
      return;
    }

  same = columns->len == self->columns->len;
  for (guint i = 0; same && i < columns->len; i++)
    same = g_str_equal (((WpBoardColumn *) g_ptr_array_index (columns, i))->key,
                        ((Column *) g_ptr_array_index (self->columns, i))->data->key);

  if (!same)
    {
      GtkWidget *child;

      while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->columns_box))) != NULL)
        gtk_box_remove (self->columns_box, child);
      g_ptr_array_set_size (self->columns, 0);
    }

  /* The columns' data move to the columns shown: new ones, or the same
   * ones (their rows kept) */
  g_ptr_array_set_free_func (columns, NULL);
  for (guint i = 0; i < columns->len; i++)
    {
      WpBoardColumn *data = g_ptr_array_index (columns, i);

      if (same)
        {
          Column *column = g_ptr_array_index (self->columns, i);

          wp_board_column_free (column->data);
          column->data = data;
        }
      else
        {
          Column *column = column_new (self, data);

          g_ptr_array_add (self->columns, column);
          gtk_box_append (self->columns_box, column->box);
        }
    }

  for (guint i = 0; i < self->columns->len; i++)
    {
      Column *column = g_ptr_array_index (self->columns, i);

      column_update (column);
      total += column->data->ids->len;
    }

  if (total > 0)
    gtk_stack_set_visible_child_name (self->stack, "board");
  else if (!wp_filter_is_empty (&filter))
    show_empty (self, "edit-find-symbolic", _("No Matching Cards"),
                _("No card matches the search and filters."), TRUE);
  else
    show_empty (self, "view-grid-symbolic", _("No Cards Yet"),
                self->cards == WP_BOARD_CARDS_TASKS
                ? _("Key tasks of the plan show here as cards. Add them in the outline, or "
                    "show actions instead.")
                : _("Key tasks and actions of the plan show here as cards. Add them in the "
                    "outline."),
                FALSE);
  wp_filter_clear (&filter);
  follow (self);
}

static void
queue_refresh (WpBoardView *self)
{
  wp_view_refresh_queue (&self->refresh);
}


static void
on_options_changed (WpBoardView *self)
{
  GSettings *settings = self->context != NULL ? wp_context_get_settings (self->context) : NULL;
  guint grouping = gtk_drop_down_get_selected (self->grouping_dropdown);
  guint cards = gtk_drop_down_get_selected (self->cards_dropdown);

  if (self->updating)
    return;
  self->grouping = grouping != GTK_INVALID_LIST_POSITION ? grouping : WP_BOARD_BY_STATUS;
  self->cards = cards == 1 ? WP_BOARD_CARDS_ACTIONS
                : cards == 2 ? WP_BOARD_CARDS_BOTH : WP_BOARD_CARDS_TASKS;
  if (settings != NULL)
    {
      g_settings_set_enum (settings, "board-grouping", (int) self->grouping);
      g_settings_set_enum (settings, "board-cards", (int) self->cards);
    }
  refresh (self);
}

/* The search and filters belong to the window: closing its search bar
 * clears them everywhere. */
static void
clear_filters (WpBoardView *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "win.close-search", NULL);
}

/* Edge scrolling: a card dragged near the left or right edge of the board
 * scrolls it, so that every column can be reached in one drag. */

#define EDGE 56

static void
stop_autoscroll (WpBoardView *self)
{
  if (self->autoscroll_id != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self->board_scroller), self->autoscroll_id);
  self->autoscroll_id = 0;
}

static gboolean
autoscroll_tick (GtkWidget     *widget,
                 GdkFrameClock *clock,
                 gpointer       data)
{
  WpBoardView *self = data;
  GtkAdjustment *adj = gtk_scrolled_window_get_hadjustment (self->board_scroller);
  double width = gtk_widget_get_width (widget);
  double step = 0;

  /* The drag may have ended at the edge */
  if (!gtk_drop_controller_motion_contains_pointer (self->drag_motion))
    step = 0;
  else if (self->drag_x < EDGE)
    step = -(EDGE - self->drag_x) / 2;
  else if (self->drag_x > width - EDGE)
    step = (self->drag_x - (width - EDGE)) / 2;
  if (step == 0)
    {
      self->autoscroll_id = 0;
      return G_SOURCE_REMOVE;
    }
  gtk_adjustment_set_value (adj, gtk_adjustment_get_value (adj) + step);
  return G_SOURCE_CONTINUE;
}

static void
on_drag_motion (GtkDropControllerMotion *motion,
                double                   x,
                double                   y,
                WpBoardView             *self)
{
  double width = gtk_widget_get_width (GTK_WIDGET (self->board_scroller));

  self->drag_x = x;
  if ((x < EDGE || x > width - EDGE) && self->autoscroll_id == 0)
    self->autoscroll_id = gtk_widget_add_tick_callback (GTK_WIDGET (self->board_scroller),
                                                        autoscroll_tick, self, NULL);
}

/* Construction */

static GtkWidget *
labelled (const char *text,
          GtkWidget  *widget)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *label = gtk_label_new (text);

  gtk_widget_add_css_class (label, "dim-label");
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), widget);
  gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL, text,
                                  -1);
  return box;
}

static void
wp_board_view_dispose (GObject *object)
{
  WpBoardView *self = WP_BOARD_VIEW (object);

  wp_view_refresh_cancel (&self->refresh);
  if (self->board_scroller != NULL)
    stop_autoscroll (self);
  if (self->columns != NULL)
    g_ptr_array_set_size (self->columns, 0);
  adw_bin_set_child (ADW_BIN (self), NULL);
  g_clear_object (&self->plan);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (wp_board_view_parent_class)->dispose (object);
}

static void
wp_board_view_finalize (GObject *object)
{
  WpBoardView *self = WP_BOARD_VIEW (object);

  g_clear_pointer (&self->columns, g_ptr_array_unref);
  g_clear_pointer (&self->paths, g_hash_table_unref);
  wp_filter_clear (&self->filter);

  G_OBJECT_CLASS (wp_board_view_parent_class)->finalize (object);
}

static void
wp_board_view_map (GtkWidget *widget)
{
  WpBoardView *self = WP_BOARD_VIEW (widget);

  GTK_WIDGET_CLASS (wp_board_view_parent_class)->map (widget);
  wp_view_refresh_mapped (&self->refresh);
}

static void
wp_board_view_class_init (WpBoardViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = wp_board_view_dispose;
  widget_class->map = wp_board_view_map;
  object_class->finalize = wp_board_view_finalize;

  /**
   * WpBoardView::selection-changed:
   *
   * Another card was selected; see wp_board_view_get_selected_item().
   */
  signals[SELECTION_CHANGED] =
    g_signal_new ("selection-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  /**
   * WpBoardView::item-activated:
   *
   * A card was opened (Enter or double click): show its details.
   */
  signals[ITEM_ACTIVATED] =
    g_signal_new ("item-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_install_action (widget_class, "board.move-to", "s", move_to_activated);
  gtk_widget_class_install_action (widget_class, "board.open", NULL, open_activated);
  gtk_widget_class_set_css_name (widget_class, "board");
}

static void
wp_board_view_init (WpBoardView *self)
{
  GtkWidget *outer = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *toolbar = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 18);
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *clear;
  const char *groupings[] = {
    /* Translators: board grouping choices */
    C_("group by", "Status"), C_("group by", "Lead Agency"), C_("group by", "Quarter"),
    C_("group by", "Area"), NULL
  };
  const char *cards[] = { _("Key Tasks"), _("Actions"), _("Key Tasks and Actions"), NULL };

  wp_view_refresh_init (&self->refresh, GTK_WIDGET (self), (WpRefreshFunc) refresh,
                        G_PRIORITY_DEFAULT_IDLE);
  self->columns = g_ptr_array_new_with_free_func ((GDestroyNotify) column_free);
  wp_filter_init (&self->filter);
  self->paths = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                       (GDestroyNotify) string_free_all);
  self->grouping = WP_BOARD_BY_STATUS;
  self->cards = WP_BOARD_CARDS_TASKS;

  gtk_widget_add_css_class (toolbar, "toolbar");
  gtk_widget_add_css_class (toolbar, "wp-board-toolbar");
  self->grouping_dropdown = GTK_DROP_DOWN (gtk_drop_down_new_from_strings (groupings));
  gtk_box_append (GTK_BOX (toolbar), labelled (_("Group by"),
                                               GTK_WIDGET (self->grouping_dropdown)));
  self->cards_dropdown = GTK_DROP_DOWN (gtk_drop_down_new_from_strings (cards));
  gtk_box_append (GTK_BOX (toolbar), labelled (_("Cards"), GTK_WIDGET (self->cards_dropdown)));

  gtk_box_append (GTK_BOX (outer), toolbar);

  self->columns_box = GTK_BOX (gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12));
  gtk_widget_add_css_class (GTK_WIDGET (self->columns_box), "wp-board-columns");
  gtk_box_set_homogeneous (self->columns_box, TRUE);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_AUTOMATIC,
                                  GTK_POLICY_NEVER);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled),
                                 GTK_WIDGET (self->columns_box));
  self->board_scroller = GTK_SCROLLED_WINDOW (scrolled);
  {
    GtkEventController *motion = gtk_drop_controller_motion_new ();

    self->drag_motion = GTK_DROP_CONTROLLER_MOTION (motion);
    g_signal_connect (motion, "motion", G_CALLBACK (on_drag_motion), self);
    g_signal_connect_swapped (motion, "leave", G_CALLBACK (stop_autoscroll), self);
    gtk_widget_add_controller (scrolled, motion);
  }

  self->empty_page = ADW_STATUS_PAGE (adw_status_page_new ());
  clear = gtk_button_new_with_mnemonic (_("_Clear Filters"));
  gtk_widget_set_halign (clear, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (clear, "pill");
  self->clear_button = GTK_BUTTON (clear);
  adw_status_page_set_child (self->empty_page, clear);

  self->stack = GTK_STACK (gtk_stack_new ());
  gtk_widget_set_vexpand (GTK_WIDGET (self->stack), TRUE);
  gtk_stack_add_named (self->stack, scrolled, "board");
  gtk_stack_add_named (self->stack, GTK_WIDGET (self->empty_page), "empty");
  gtk_box_append (GTK_BOX (outer), GTK_WIDGET (self->stack));
  adw_bin_set_child (ADW_BIN (self), outer);

  g_signal_connect_swapped (self->grouping_dropdown, "notify::selected",
                            G_CALLBACK (on_options_changed), self);
  g_signal_connect_swapped (self->cards_dropdown, "notify::selected",
                            G_CALLBACK (on_options_changed), self);
  g_signal_connect_swapped (clear, "clicked", G_CALLBACK (clear_filters), self);
}

void
wp_board_view_set_context (WpBoardView *self,
                           WpContext   *context)
{
  GSettings *settings;

  g_return_if_fail (WP_IS_BOARD_VIEW (self));

  if (!g_set_object (&self->context, context) || context == NULL)
    return;

  settings = wp_context_get_settings (context);
  if (settings != NULL)
    {
      self->updating = TRUE;
      gtk_drop_down_set_selected (self->grouping_dropdown,
                                  (guint) g_settings_get_enum (settings, "board-grouping"));
      switch (g_settings_get_enum (settings, "board-cards"))
        {
        case WP_BOARD_CARDS_ACTIONS:
          gtk_drop_down_set_selected (self->cards_dropdown, 1);
          break;
        case WP_BOARD_CARDS_BOTH:
          gtk_drop_down_set_selected (self->cards_dropdown, 2);
          break;
        default:
          gtk_drop_down_set_selected (self->cards_dropdown, 0);
        }
      self->updating = FALSE;
      self->grouping = gtk_drop_down_get_selected (self->grouping_dropdown);
      self->cards = (WpBoardCards) g_settings_get_enum (settings, "board-cards");
    }

  wp_view_refresh_watch (&self->refresh, context);
  queue_refresh (self);
}

void
wp_board_view_set_plan (WpBoardView *self,
                        WpPlan      *plan)
{
  g_return_if_fail (WP_IS_BOARD_VIEW (self));

  g_set_object (&self->plan, plan);
  queue_refresh (self);
}

/**
 * wp_board_view_set_filter:
 * @filter: (nullable): the window's search words and filters
 */
void
wp_board_view_set_filter (WpBoardView    *self,
                          const WpFilter *filter)
{
  WpFilter wanted;

  g_return_if_fail (WP_IS_BOARD_VIEW (self));

  wp_filter_init (&wanted);
  wp_filter_copy (filter, &wanted);
  if (wp_filter_equal (&wanted, &self->filter))
    {
      wp_filter_clear (&wanted);
      return;
    }
  wp_filter_clear (&self->filter);
  self->filter = wanted;
  queue_refresh (self);
}

void
wp_board_view_set_grouping (WpBoardView     *self,
                            WpBoardGrouping  grouping)
{
  g_return_if_fail (WP_IS_BOARD_VIEW (self));
  gtk_drop_down_set_selected (self->grouping_dropdown, grouping);
}

void
wp_board_view_set_cards (WpBoardView  *self,
                         WpBoardCards  cards)
{
  g_return_if_fail (WP_IS_BOARD_VIEW (self));
  gtk_drop_down_set_selected (self->cards_dropdown,
                              cards == WP_BOARD_CARDS_ACTIONS ? 1
                              : cards == WP_BOARD_CARDS_BOTH ? 2 : 0);
}

/**
 * wp_board_view_get_selected_item:
 *
 * Returns: (transfer full) (nullable): the selected card's item
 */
WpItem *
wp_board_view_get_selected_item (WpBoardView *self)
{
  Column *column;

  g_return_val_if_fail (WP_IS_BOARD_VIEW (self), NULL);

  column = selected_column (self);
  if (column == NULL)
    return NULL;
  return g_list_model_get_item (G_LIST_MODEL (column->selection),
                                gtk_single_selection_get_selected (column->selection));
}

/**
 * wp_board_view_select_item:
 *
 * Selects the card of @item_id (in the first column that has it), scrolls
 * to it and gives it the focus.
 *
 * Returns: whether the board shows that card
 */
gboolean
wp_board_view_select_item (WpBoardView *self,
                           gint64       item_id)
{
  g_return_val_if_fail (WP_IS_BOARD_VIEW (self), FALSE);

  for (guint i = 0; i < self->columns->len; i++)
    {
      Column *column = g_ptr_array_index (self->columns, i);
      int pos = wp_id_list_find (column->ids, item_id);

      if (pos < 0)
        continue;
      if ((guint) pos >= wp_id_list_get_limit (column->ids))
        {
          wp_id_list_set_limit (column->ids, (guint) pos + 1 + FIRST_CARDS / 2);
          update_more (column);
        }
      gtk_single_selection_set_selected (column->selection, (guint) pos);
      gtk_widget_activate_action (column->list, "list.scroll-to-item", "u", (guint) pos);
      return TRUE;
    }
  return FALSE;
}

/* For the tests and the bench: refresh at once instead of when idle */
void
wp_board_view_refresh_now (WpBoardView *self)
{
  g_return_if_fail (WP_IS_BOARD_VIEW (self));
  refresh (self);
}
