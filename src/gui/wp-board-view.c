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

#include "wp-closeout-dialog.h"
#include "wp-tooltip.h"
#include "wp-board-view-private.h"
#include "wp-view-refresh.h"
#include "wp-view.h"
#include "wp-light-cell.h"
#include "wp-progress-cell.h"


static void wp_board_view_view_init (WpViewInterface *iface);
static void on_context_changed (WpBoardView *self);

G_DEFINE_FINAL_TYPE_WITH_CODE (WpBoardView, wp_board_view, ADW_TYPE_BIN,
                               G_IMPLEMENT_INTERFACE (WP_TYPE_VIEW, wp_board_view_view_init))



WpStore *
_wp_board_get_store (WpBoardView *self)
{
  return self->binding.context != NULL ? wp_context_get_store (self->binding.context) : NULL;
}

void
_wp_board_column_free (Column *column)
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

Column *
_wp_board_column_of_widget (WpBoardView *self,
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
  g_autoptr(WpItem) item = wp_store_get_item (_wp_board_get_store (self), item_id, NULL);
  g_autofree char *message = NULL;

  self->follow_id = item_id;
  _wp_board_refresh (self);
  if (item == NULL)
    return;
  /* Translators: a toast after a card was dragged to a column */
  message = g_strdup_printf (_("Moved “%s” to %s"), wp_item_get_title (item), column_title);
  wp_view_toast (GTK_WIDGET (self), message, wp_context_get_undo_stack (self->binding.context));
}

static void
on_closed_out (WpCloseoutDialog *dialog,
               WpBoardView      *self)
{
  moved (self, wp_item_get_id (wp_closeout_dialog_get_item (dialog)),
         wp_item_status_to_label (WP_ITEM_STATUS_DONE));
}

/* A card moved to Done is closed out (销号): the dialog asks for the
 * completion note and sets done itself, and the card is followed to its
 * column then. Returns whether the dialog was shown. */
static gboolean
close_out_instead (WpBoardView *self,
                   gint64       item_id,
                   Column      *to)
{
  g_autoptr(WpItem) item = NULL;
  WpCloseoutDialog *dialog;

  if (self->grouping != WP_BOARD_BY_STATUS || to->data->value != WP_ITEM_STATUS_DONE)
    return FALSE;
  item = wp_store_get_item (_wp_board_get_store (self), item_id, NULL);
  if (item == NULL || wp_item_get_effective_status (item) == WP_ITEM_STATUS_DONE)
    return FALSE;
  dialog = wp_closeout_dialog_present (GTK_WIDGET (self),
                                       wp_context_get_undo_stack (self->binding.context), item);
  g_signal_connect_object (dialog, "closed-out", G_CALLBACK (on_closed_out), self, 0);
  return TRUE;
}

gboolean
_wp_board_move_card (WpBoardView *self,
                     gint64       item_id,
                     Column      *to)
{
  g_autoptr(GError) error = NULL;
  WpUndoStack *undo = wp_context_get_undo_stack (self->binding.context);
  const char *label_before = wp_undo_stack_get_undo_label (undo);
  g_autofree char *title = g_strdup (to->data->title);

  if (close_out_instead (self, item_id, to))
    return TRUE;
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

gboolean
_wp_board_reorder_card (WpBoardView *self,
                        gint64       item_id,
                        gint64       before_id)
{
  g_autoptr(GError) error = NULL;

  if (!wp_board_reorder_card (wp_context_get_undo_stack (self->binding.context), item_id, before_id,
                              &error))
    {
      wp_view_toast (GTK_WIDGET (self), error->message, NULL);
      return FALSE;
    }
  self->follow_id = item_id;
  _wp_board_refresh (self);
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
  undo = wp_context_get_undo_stack (self->binding.context);
  label_before = wp_undo_stack_get_undo_label (undo);
  title = g_strdup (to->data->title);
  id = wp_item_get_id (item);
  if (close_out_instead (self, id, to))
    return TRUE;
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
    wp_view_item_activated (WP_VIEW (self));
}

/* The context menu: every other column the card can go to */
void
_wp_board_show_move_menu (WpBoardView *self,
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

/* Gives the columns on screen, and one either side, their cards: by lead
 * agency, the board has a column for each of some twenty agencies, and
 * made the cards of all of them (four times the work of those shown,
 * some 250 ms of CPU at 100,000 items) before its first frame. The others get theirs
 * as they scroll into view (the focus going to one scrolls to it). */
void
_wp_board_fill_shown (WpBoardView *self)
{
  GtkAdjustment *adj = gtk_scrolled_window_get_hadjustment (self->board_scroller);
  double from = gtk_adjustment_get_value (adj);
  double width = gtk_adjustment_get_page_size (adj);
  double step = COLUMN_WIDTH + gtk_box_get_spacing (self->columns_box);

  if (width <= 0)
    width = gtk_widget_get_width (GTK_WIDGET (self->board_scroller));
  if (width <= 0 && gtk_widget_get_root (GTK_WIDGET (self)) != NULL)
    width = gtk_widget_get_width (GTK_WIDGET (gtk_widget_get_root (GTK_WIDGET (self))));
  if (width <= 0)
    width = G_MAXINT;  /* (not shown yet: all of them) */

  for (guint i = 0; i < self->columns->len; i++)
    {
      Column *column = g_ptr_array_index (self->columns, i);
      double x = i * step;
      graphene_rect_t bounds;

      /* (where it is, once laid out: columns are as wide as the widest) */
      if (gtk_widget_compute_bounds (column->box, GTK_WIDGET (self->columns_box), &bounds)
          && bounds.size.width > 0)
        {
          x = bounds.origin.x;
          step = bounds.size.width + gtk_box_get_spacing (self->columns_box);
        }
      if (x + step >= from - step && x <= from + width + step)
        _wp_board_column_fill (column);
    }
}

static gboolean
fill_shown_when_idle (gpointer data)
{
  WpBoardView *self = data;

  self->fill_idle = 0;
  _wp_board_fill_shown (self);
  return G_SOURCE_REMOVE;
}

/* (the adjustment changes while the board is laid out: the columns get
 * their cards after, not in the middle of it) */
static void
on_scrolled (WpBoardView *self)
{
  if (self->fill_idle == 0)
    self->fill_idle = g_idle_add (fill_shown_when_idle, self);
}

void
_wp_board_refresh (WpBoardView *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) columns = NULL;
  WpFilter filter;
  gboolean same = TRUE;
  guint total = 0;

  wp_view_refresh_cancel (&self->refresh);
  g_hash_table_remove_all (self->paths);
  if (self->binding.plan == NULL || _wp_board_get_store (self) == NULL)
    {
      show_empty (self, "view-grid-symbolic", _("No Plan"),
                  _("Create a plan for a year, or import one, to see its board."), FALSE);
      return;
    }

  fill_filter (self, &filter);
  columns = wp_board_compute (_wp_board_get_store (self), wp_plan_get_id (self->binding.plan),
                              self->grouping, self->cards, &filter, &error);
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

  /* Another grouping: the columns' widgets stay to show the new columns
   * (making them is most of what a column costs), emptied of their
   * selection and scrolled back to the top; those left over go. */
  while (self->columns->len > columns->len)
    {
      Column *column = g_ptr_array_index (self->columns, self->columns->len - 1);

      gtk_box_remove (self->columns_box, column->box);
      g_ptr_array_remove_index (self->columns, self->columns->len - 1);
    }

  /* The columns' data move to the columns shown: the same ones (their
   * rows kept), others reused, or new ones */
  g_ptr_array_set_free_func (columns, NULL);
  for (guint i = 0; i < columns->len; i++)
    {
      WpBoardColumn *data = g_ptr_array_index (columns, i);

      if (i < self->columns->len)
        {
          Column *column = g_ptr_array_index (self->columns, i);

          wp_board_column_free (column->data);
          column->data = data;
          if (!same)
            _wp_board_column_reset (column);
        }
      else
        g_ptr_array_add (self->columns, _wp_board_column_new (self, data));
    }

  for (guint i = 0; i < self->columns->len; i++)
    {
      Column *column = g_ptr_array_index (self->columns, i);

      _wp_board_column_update (column);
      total += column->data->ids->len;
    }
  _wp_board_fill_shown (self);

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
  GSettings *settings = self->binding.context != NULL
                        ? wp_context_get_settings (self->binding.context) : NULL;
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
  _wp_board_refresh (self);
}

/* The search and filters belong to the window: closing its search bar
 * clears them everywhere. */
static void
clear_filters (WpBoardView *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "win.close-search", NULL);
}

/* Construction */

static void
wp_board_view_dispose (GObject *object)
{
  WpBoardView *self = WP_BOARD_VIEW (object);

  wp_view_refresh_cancel (&self->refresh);
  g_clear_handle_id (&self->fill_idle, g_source_remove);
  if (self->board_scroller != NULL)
    _wp_board_stop_autoscroll (self);
  if (self->columns != NULL)
    g_ptr_array_set_size (self->columns, 0);
  adw_bin_set_child (ADW_BIN (self), NULL);
  wp_view_binding_clear (&self->binding, self);

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

static WpItem *
view_get_selected_item (WpView *view)
{
  return wp_board_view_get_selected_item (WP_BOARD_VIEW (view));
}

static gboolean
view_show_item (WpView *view,
                gint64  item_id)
{
  return wp_board_view_select_item (WP_BOARD_VIEW (view), item_id);
}

static void
view_set_filter (WpView         *view,
                 const WpFilter *filter)
{
  wp_board_view_set_filter (WP_BOARD_VIEW (view), filter);
}

static void
wp_board_view_view_init (WpViewInterface *iface)
{
  iface->name = "board";
  iface->title = NC_("view", "Board");
  iface->icon_name = "view-grid-symbolic";
  iface->get_selected_item = view_get_selected_item;
  iface->show_item = view_show_item;
  iface->set_filter = view_set_filter;
}

static void
wp_board_view_class_init (WpBoardViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = wp_board_view_dispose;
  WP_VIEW_CLASS_BIND (klass, WpBoardView, on_context_changed, queue_refresh);
  object_class->finalize = wp_board_view_finalize;


  gtk_widget_class_install_action (widget_class, "board.move-to", "s", move_to_activated);
  gtk_widget_class_install_action (widget_class, "board.open", NULL, open_activated);
  gtk_widget_class_set_css_name (widget_class, "board");

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/workplan/Workplan/wp-board-view.ui");
  gtk_widget_class_bind_template_child (widget_class, WpBoardView, grouping_dropdown);
  gtk_widget_class_bind_template_child (widget_class, WpBoardView, cards_dropdown);
  gtk_widget_class_bind_template_child (widget_class, WpBoardView, stack);
  gtk_widget_class_bind_template_child (widget_class, WpBoardView, empty_page);
  gtk_widget_class_bind_template_child (widget_class, WpBoardView, clear_button);
  gtk_widget_class_bind_template_child (widget_class, WpBoardView, columns_box);
  gtk_widget_class_bind_template_child (widget_class, WpBoardView, board_scroller);
  gtk_widget_class_bind_template_child (widget_class, WpBoardView, drag_motion);
  gtk_widget_class_bind_template_callback (widget_class, on_options_changed);
  gtk_widget_class_bind_template_callback_full (widget_class, "on_drag_motion",
                                                G_CALLBACK (_wp_board_on_drag_motion));
  gtk_widget_class_bind_template_callback_full (widget_class, "stop_autoscroll",
                                                G_CALLBACK (_wp_board_stop_autoscroll));
  gtk_widget_class_bind_template_callback (widget_class, clear_filters);
}

static void
wp_board_view_init (WpBoardView *self)
{
  wp_view_refresh_init (&self->refresh, GTK_WIDGET (self), (WpRefreshFunc) _wp_board_refresh,
                        G_PRIORITY_DEFAULT_IDLE);
  self->columns = g_ptr_array_new_with_free_func ((GDestroyNotify) _wp_board_column_free);
  wp_filter_init (&self->filter);
  self->paths = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                       (GDestroyNotify) _wp_board_string_free_all);
  self->grouping = WP_BOARD_BY_STATUS;
  self->cards = WP_BOARD_CARDS_TASKS;

  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect_object (gtk_scrolled_window_get_hadjustment (self->board_scroller),
                           "value-changed", G_CALLBACK (on_scrolled), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (gtk_scrolled_window_get_hadjustment (self->board_scroller),
                           "changed", G_CALLBACK (on_scrolled), self,
                           G_CONNECT_SWAPPED);
}

/* The board took its context: it shows the grouping and cards last chosen */
static void
on_context_changed (WpBoardView *self)
{
  WpContext *context = self->binding.context;
  GSettings *settings;

  if (context == NULL)
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

  wp_view_refresh_follow (&self->refresh, context);
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
      int pos;

      if (!column->filled)
        {
          gboolean has = FALSE;

          for (guint k = 0; !has && k < column->data->ids->len; k++)
            has = g_array_index (column->data->ids, gint64, k) == item_id;
          if (!has)
            continue;
          _wp_board_column_fill (column);
        }
      pos = wp_id_list_find (column->ids, item_id);
      if (pos < 0)
        continue;
      if ((guint) pos >= wp_id_list_get_limit (column->ids))
        {
          wp_id_list_set_limit (column->ids, (guint) pos + 1 + FIRST_CARDS / 2);
          _wp_board_update_more (column);
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
  _wp_board_refresh (self);
}
