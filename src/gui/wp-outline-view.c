/* wp-outline-view.c: the plan as a tree of areas, key tasks and actions
 *
 * A GtkTreeListModel over the store's lazy child models, shown as a
 * one-column grid of rows (see wp-outline-row.c): a level is read from the
 * database only when its parent row is expanded, and then only the items
 * on screen, so a 100k-item plan shows its top level after reading a
 * handful of rows. Right click, the Menu key or Shift+F10 give a row's
 * menu.
 *
 * Editing is keyboard-first, as in an outliner: Enter adds a sibling below
 * and edits its title; Tab and Shift+Tab indent and outdent (also while
 * typing a title); Alt+Up/Down move among siblings; F2 edits; Delete removes
 * with an undo toast. Every edit goes through the undo stack and is written
 * to the database at once.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "wp-outline-row.h"
#include "wp-outline-view-private.h"
#include "wp-view.h"
#include "wp-toast.h"
#include "wp-view-refresh.h"


static void wp_outline_view_view_init (WpViewInterface *iface);
static void on_context_changed (WpOutlineView *self,
                                WpContext     *old);

G_DEFINE_FINAL_TYPE_WITH_CODE (WpOutlineView, wp_outline_view, ADW_TYPE_BIN,
                               G_IMPLEMENT_INTERFACE (WP_TYPE_VIEW, wp_outline_view_view_init))

#define MAX_ROWS_OPENED_AT_START 300

WpContext *
_wp_outline_view_get_context (WpOutlineView *self)
{
  return self->binding.context;
}

/* Returns: (transfer none) (nullable): the store the outline shows */
WpStore *
_wp_outline_get_store (WpOutlineView *self)
{
  return self->binding.context != NULL ? wp_context_get_store (self->binding.context) : NULL;
}

WpUndoStack *
_wp_outline_get_undo (WpOutlineView *self)
{
  return self->binding.context ? wp_context_get_undo_stack (self->binding.context) : NULL;
}

AdwToastOverlay *
_wp_outline_get_toast_overlay (WpOutlineView *self)
{
  return ADW_TOAST_OVERLAY (gtk_widget_get_ancestor (GTK_WIDGET (self),
                                                     ADW_TYPE_TOAST_OVERLAY));
}


void
_wp_outline_show_error (WpOutlineView *self,
                        const GError  *error)
{
  AdwToastOverlay *overlay = _wp_outline_get_toast_overlay (self);

  if (overlay != NULL)
    adw_toast_overlay_add_toast (overlay, wp_toast_new (error->message));
  else
    g_message ("%s", error->message);
}

/* The selected item, or NULL. */
WpItem *
_wp_outline_selected_item (WpOutlineView *self)
{
  GtkTreeListRow *row;

  if (self->selection == NULL)
    return NULL;
  row = gtk_single_selection_get_selected_item (self->selection);
  return row ? gtk_tree_list_row_get_item (row) : NULL;
}

guint
_wp_outline_find_row (WpOutlineView *self,
                      gint64         item_id)
{
  guint n;

  if (self->tree == NULL)
    return GTK_INVALID_LIST_POSITION;
  n = g_list_model_get_n_items (G_LIST_MODEL (self->tree));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GtkTreeListRow) row = g_list_model_get_item (G_LIST_MODEL (self->tree), i);
      g_autoptr(WpItem) item = gtk_tree_list_row_get_item (row);

      if (wp_item_get_id (item) == item_id)
        return i;
    }
  return GTK_INVALID_LIST_POSITION;
}

/* Expands the rows above @item_id so that it is shown. */
static void
reveal (WpOutlineView *self,
        gint64         item_id)
{
  g_autoptr(GArray) chain = g_array_new (FALSE, FALSE, sizeof (gint64));
  WpStore *store = _wp_outline_get_store (self);
  gint64 id = item_id;

  while (id != 0)
    {
      g_autoptr(WpItem) item = wp_store_get_item (store, id, NULL);

      if (item == NULL)
        return;
      id = wp_item_get_parent_id (item);
      if (id != 0)
        g_array_prepend_val (chain, id);
    }

  for (guint i = 0; i < chain->len; i++)
    {
      guint pos = _wp_outline_find_row (self, g_array_index (chain, gint64, i));
      g_autoptr(GtkTreeListRow) row = NULL;

      if (pos == GTK_INVALID_LIST_POSITION)
        return;
      row = gtk_tree_list_model_get_row (self->tree, pos);
      gtk_tree_list_row_set_expanded (row, TRUE);
    }
}

/* Whether the row of @item_id is on screen, whole */
static gboolean
row_in_view (WpOutlineView *self,
             gint64         item_id)
{
  GtkWidget *cell = g_hash_table_lookup (self->title_cells, &item_id);
  GtkWidget *viewport = gtk_widget_get_parent (GTK_WIDGET (self->grid_view));
  graphene_rect_t bounds;

  if (cell == NULL || viewport == NULL || !gtk_widget_get_mapped (cell)
      || !gtk_widget_compute_bounds (cell, viewport, &bounds))
    return FALSE;
  return bounds.origin.y >= 0
         && bounds.origin.y + bounds.size.height <= gtk_widget_get_height (viewport);
}

static void
on_painted_scroll (GdkFrameClock *clock,
                   WpOutlineView *self)
{
  gint64 id = self->pending_scroll;
  guint pos;

  g_clear_signal_handler (&self->pending_scroll_handler, clock);
  self->pending_scroll = 0;
  if (self->tree == NULL || row_in_view (self, id))
    return;
  pos = _wp_outline_find_row (self, id);
  if (pos != GTK_INVALID_LIST_POSITION)
    gtk_widget_activate_action (GTK_WIDGET (self->grid_view), "list.scroll-to-item", "u", pos);
}

/* Selects the row of @item_id, opening the rows above it. With @scroll,
 * scrolls to it at once; else only if it is out of view once the frame is
 * drawn: scrolling to a row holds it in place while rows above it come
 * and go, and GTK 4.8 then lays the list out again frame after frame at
 * every later edit above it. */
gboolean
_wp_outline_select_row (WpOutlineView *self,
                        gint64         item_id,
                        gboolean       scroll)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (self));
  guint pos;

  reveal (self, item_id);
  pos = _wp_outline_find_row (self, item_id);
  if (pos == GTK_INVALID_LIST_POSITION)
    return FALSE;

  gtk_single_selection_set_selected (self->selection, pos);
  if (scroll || clock == NULL)
    {
      gtk_widget_activate_action (GTK_WIDGET (self->grid_view), "list.scroll-to-item", "u", pos);
      return TRUE;
    }
  self->pending_scroll = item_id;
  if (self->pending_scroll_handler == 0)
    self->pending_scroll_handler = g_signal_connect_object (clock, "after-paint",
                                                            G_CALLBACK (on_painted_scroll),
                                                            self, 0);
  gdk_frame_clock_request_phase (clock, GDK_FRAME_CLOCK_PHASE_PAINT);
  return TRUE;
}

/* Selects the item's row and scrolls to it. */
gboolean
_wp_outline_select_item (WpOutlineView *self,
                         gint64         item_id)
{
  return _wp_outline_select_row (self, item_id, TRUE);
}

void
_wp_outline_update_empty_state (WpOutlineView *self)
{
  if (self->binding.plan != NULL && _wp_outline_is_filtering (self)
      && (self->root == NULL || g_list_model_get_n_items (self->root) == 0))
    {
      adw_status_page_set_icon_name (self->empty_page, "edit-find-symbolic");
      adw_status_page_set_title (self->empty_page, _("No Results Found"));
      adw_status_page_set_description (self->empty_page,
                                       wp_filter_has_criteria (&self->criteria)
                                       ? _("No item matches the search and filters. Clear a "
                                           "filter or try other words.")
                                       : _("No title, description or progress note contains "
                                           "these words. Try fewer or other words."));
      gtk_widget_set_visible (GTK_WIDGET (self->add_area_button), FALSE);
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }

  /* (each icon is set as its page shows, and taken away as it hides: GTK
   * looks a status page's large icon up when styling even a hidden page,
   * which loads librsvg, 6 MB and 10 ms at start) */
  if (self->binding.plan == NULL)
    {
      adw_status_page_set_icon_name (self->empty_page, "view-list-bullet-symbolic");
      adw_status_page_set_title (self->empty_page, _("No Plans Yet"));
      adw_status_page_set_description (
        self->empty_page,
        _("Start one with New Plan in the main menu (Ctrl+N), or import one with "
          "Import Plan."));
      gtk_button_set_label (self->add_area_button, _("_New Plan…"));
      gtk_widget_set_visible (GTK_WIDGET (self->add_area_button),
                              self->binding.context != NULL
                              && _wp_outline_get_store (self) != NULL);
      gtk_stack_set_visible_child_name (self->stack, "empty");
    }
  else if (self->root == NULL || g_list_model_get_n_items (self->root) == 0)
    {
      adw_status_page_set_icon_name (self->empty_page, "view-list-bullet-symbolic");
      adw_status_page_set_title (self->empty_page, _("This Plan Is Empty"));
      adw_status_page_set_description (self->empty_page,
                                       _("Add its first area, then press Enter to add the "
                                         "next item and Tab to put it under the one above."));
      gtk_button_set_label (self->add_area_button, _("_Add Area"));
      gtk_widget_set_visible (GTK_WIDGET (self->add_area_button), TRUE);
      gtk_stack_set_visible_child_name (self->stack, "empty");
      gtk_widget_grab_focus (GTK_WIDGET (self->add_area_button));
    }
  else
    {
      adw_status_page_set_icon_name (self->empty_page, NULL);
      gtk_stack_set_visible_child_name (self->stack, "tree");
    }
}

static void
on_root_items_changed (WpOutlineView *self)
{
  _wp_outline_update_empty_state (self);
}

static void
on_selection_changed (WpOutlineView *self)
{
  _wp_outline_update_actions (self);
  wp_view_selection_changed (WP_VIEW (self));
}

void
_wp_outline_emit_item_activated (WpOutlineView *self)
{
  wp_view_item_activated (WP_VIEW (self));
}

static void
on_activate (WpOutlineView *self,
             guint          position)
{
  wp_view_item_activated (WP_VIEW (self));
}


/* The context shows another plan, or the same one read again: after
 * another program added or replaced a year, say. The same plan's rows
 * follow its changes by themselves (the store's lists); making them anew
 * dropped what was being typed, the rows opened and the selection. */
static void
on_plan_changed (WpOutlineView *self,
                 gboolean       another)
{
  if (self->tree != NULL && self->binding.plan != NULL
      && wp_plan_get_id (self->binding.plan) == self->shown_plan_id)
    {
      _wp_outline_update_actions (self);
      return;
    }
  _wp_outline_reload (self);
}

void
_wp_outline_reload (WpOutlineView *self)
{
  if (self->root != NULL)
    g_signal_handlers_disconnect_by_func (self->root, on_root_items_changed, self);
  g_clear_object (&self->root);
  g_clear_object (&self->tree);
  self->editing = self->pending_edit = self->just_created = self->created_from = 0;
  g_clear_pointer (&self->pending_text, g_free);
  g_clear_pointer (&self->to_open, g_ptr_array_unref);
  self->shown_plan_id = self->binding.plan != NULL ? wp_plan_get_id (self->binding.plan) : 0;

  if (self->binding.plan == NULL || _wp_outline_get_store (self) == NULL)
    {
      gtk_single_selection_set_model (self->selection, NULL);
      _wp_outline_update_empty_state (self);
      return;
    }

  if (_wp_outline_is_filtering (self))
    {
      g_autoptr(GError) error = NULL;

      if (!_wp_outline_find_shown (self, &error))
        {
          _wp_outline_show_error (self, error);
          g_clear_pointer (&self->search, g_free);
          wp_filter_clear (&self->criteria);
        }
    }

  self->root = _wp_outline_is_filtering (self)
               ? wp_store_get_shown_children_model (_wp_outline_get_store (self),
                                                    wp_plan_get_id (self->binding.plan), 0)
               : wp_store_get_children_model (_wp_outline_get_store (self),
                                              wp_plan_get_id (self->binding.plan), 0);
  g_signal_connect_swapped (self->root, "items-changed", G_CALLBACK (on_root_items_changed), self);

  self->tree = gtk_tree_list_model_new (g_object_ref (self->root), FALSE, FALSE,
                                        _wp_outline_create_child_model, self, NULL);
  /* Open on the areas' key tasks: a plan has a handful of areas, and the
   * tasks under them are what people look for first. A plan with hundreds
   * of key tasks opens closed instead, so that it opens at once. From the
   * last row up, so expanding one does not shift the rows still to visit. */
  if (!_wp_outline_is_filtering (self))
    {
      guint n_areas = g_list_model_get_n_items (self->root);
      guint n_tasks = 0;

      for (guint i = 0; i < n_areas; i++)
        {
          g_autoptr(WpItem) area = g_list_model_get_item (self->root, i);
          n_tasks += wp_item_get_n_children (area);
        }
      for (guint i = n_tasks <= MAX_ROWS_OPENED_AT_START ? n_areas : 0; i > 0; i--)
        {
          g_autoptr(GtkTreeListRow) row = gtk_tree_list_model_get_child_row (self->tree, i - 1);

          if (row != NULL)
            gtk_tree_list_row_set_expanded (row, TRUE);
        }
    }
  else
    _wp_outline_open_first_rows (self);

  /* Rows are opened before the view sees the tree: opened in view, each
   * one made the view make and drop rows as the ones below moved down.
   * The grid view keeps its selection model; only what it selects from
   * changes. Giving the view a new model would make every row anew. */
  gtk_single_selection_set_model (self->selection, G_LIST_MODEL (self->tree));

  _wp_outline_update_empty_state (self);
  _wp_outline_update_actions (self);
  wp_view_selection_changed (WP_VIEW (self));
}

static void
on_add_area_clicked (WpOutlineView *self)
{
  if (self->binding.plan == NULL)
    gtk_widget_activate_action (GTK_WIDGET (self), "win.new-plan", NULL);
  else
    _wp_outline_add_sibling (self);
}

/* Column widths, remembered in GSettings */

static void
load_column_widths (WpOutlineView *self)
{
  GSettings *settings = self->binding.context != NULL
                        ? wp_context_get_settings (self->binding.context) : NULL;
  g_autoptr(GVariant) widths = NULL;
  gsize n;
  const gint32 *values;

  if (settings == NULL)
    return;
  widths = g_settings_get_value (settings, "outline-column-widths");
  values = g_variant_get_fixed_array (widths, &n, sizeof (gint32));
  /* (empty: the default widths; shorter: saved before the later columns
   * were added, which keep theirs) */
  if (n == 0 || n > WP_OUTLINE_N_COLUMNS - 1)
    return;
  for (guint i = 0; i < n; i++)
    wp_outline_column_set_width (i + 1, values[i]);
  gtk_widget_queue_resize (GTK_WIDGET (self->grid_view));
}

static void
on_columns_resized (WpOutlineView *self)
{
  GSettings *settings = self->binding.context != NULL
                        ? wp_context_get_settings (self->binding.context) : NULL;
  gint32 values[WP_OUTLINE_N_COLUMNS - 1];

  if (settings == NULL)
    return;
  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    values[i] = wp_outline_column_get_width (i + 1);
  g_settings_set_value (settings, "outline-column-widths",
                        g_variant_new_fixed_array (G_VARIANT_TYPE_INT32, values,
                                                   G_N_ELEMENTS (values), sizeof (gint32)));
}

static void
wp_outline_view_dispose (GObject *object)
{
  WpOutlineView *self = WP_OUTLINE_VIEW (object);

  if (self->grid_view != NULL)
    gtk_grid_view_set_model (self->grid_view, NULL);
  if (self->selection != NULL)
    g_signal_handlers_disconnect_by_func (self->selection, on_selection_changed, self);
  if (self->root != NULL)
    g_signal_handlers_disconnect_by_func (self->root, on_root_items_changed, self);
  g_clear_object (&self->root);
  g_clear_object (&self->tree);
  g_clear_object (&self->selection);
  wp_view_binding_clear (&self->binding, self);
  g_clear_pointer (&self->title_cells, g_hash_table_unref);
  g_clear_pointer (&self->deleted_open, g_hash_table_unref);
  g_clear_pointer (&self->to_open, g_ptr_array_unref);
  g_clear_handle_id (&self->open_idle, g_source_remove);
  g_clear_object (&self->bindings);
  g_clear_pointer (&self->search, g_free);
  g_clear_pointer (&self->pending_text, g_free);
  wp_filter_clear (&self->criteria);
  g_clear_pointer (&self->matches, g_array_unref);
  g_clear_pointer (&self->ancestors, g_array_unref);

  G_OBJECT_CLASS (wp_outline_view_parent_class)->dispose (object);
}

static WpItem *
view_get_selected_item (WpView *view)
{
  return _wp_outline_selected_item (WP_OUTLINE_VIEW (view));
}

static gboolean
view_show_item (WpView *view,
                gint64  item_id)
{
  return wp_outline_view_show_item (WP_OUTLINE_VIEW (view), item_id);
}

static void
view_set_filter (WpView         *view,
                 const WpFilter *filter)
{
  wp_outline_view_set_filter (WP_OUTLINE_VIEW (view), filter);
}

static gboolean
view_is_editing (WpView *view)
{
  return _wp_outline_is_editing (WP_OUTLINE_VIEW (view));
}

static void
wp_outline_view_view_init (WpViewInterface *iface)
{
  iface->name = "outline";
  iface->title = NC_("view", "Outline");
  iface->icon_name = "view-list-bullet-symbolic";
  iface->get_selected_item = view_get_selected_item;
  iface->show_item = view_show_item;
  iface->set_filter = view_set_filter;
  iface->is_editing = view_is_editing;
}

static void
wp_outline_view_class_init (WpOutlineViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = wp_outline_view_dispose;
  WP_VIEW_CLASS_BIND (klass, WpOutlineView, on_context_changed, on_plan_changed);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/workplan/Workplan/wp-outline-view.ui");
  gtk_widget_class_bind_template_child (widget_class, WpOutlineView, stack);
  gtk_widget_class_bind_template_child (widget_class, WpOutlineView, grid_view);
  gtk_widget_class_bind_template_child (widget_class, WpOutlineView, table_box);
  gtk_widget_class_bind_template_child (widget_class, WpOutlineView, empty_page);
  gtk_widget_class_bind_template_child (widget_class, WpOutlineView, add_area_button);
  gtk_widget_class_bind_template_child (widget_class, WpOutlineView, row_menu);
  gtk_widget_class_bind_template_callback (widget_class, on_add_area_clicked);

  _wp_outline_class_add_actions (widget_class);

}

static void
wp_outline_view_init (WpOutlineView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  wp_filter_init (&self->criteria);
  self->title_cells = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  {
    g_autoptr(GtkListItemFactory) factory = wp_outline_columns_new_factory (self);

    GtkWidget *header = wp_outline_row_new_header ();

    gtk_grid_view_set_factory (self->grid_view, factory);
    gtk_box_prepend (self->table_box, header);
    g_signal_connect_object (header, "columns-resized", G_CALLBACK (on_columns_resized), self,
                             G_CONNECT_SWAPPED);
  }

  self->selection = gtk_single_selection_new (NULL);
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  g_signal_connect_swapped (self->selection, "notify::selected-item",
                            G_CALLBACK (on_selection_changed), self);
  gtk_grid_view_set_model (self->grid_view, GTK_SELECTION_MODEL (self->selection));
  g_signal_connect_swapped (self->grid_view, "activate", G_CALLBACK (on_activate), self);
  wp_outline_dnd_setup_view (GTK_WIDGET (self->grid_view));

  _wp_outline_setup_keys (self);

  _wp_outline_update_empty_state (self);
}

/* Returns: (transfer full) (nullable): the selected item */
WpItem *
wp_outline_view_get_selected_item (WpOutlineView *self)
{
  g_return_val_if_fail (WP_IS_OUTLINE_VIEW (self), NULL);
  return _wp_outline_selected_item (self);
}

/* An edit undone or redone: its item is selected and scrolled to, as after
 * the edit itself (an item brought back by undoing its delete, above all). */
static void
on_undo_stepped (WpOutlineView *self,
                 gint64         item_id)
{
  g_autoptr(WpItem) item = NULL;

  if (!gtk_widget_get_mapped (GTK_WIDGET (self)) || self->binding.plan == NULL
      || self->tree == NULL)
    return;
  item = wp_store_get_item (_wp_outline_get_store (self), item_id, NULL);
  if (item != NULL && wp_item_get_plan_id (item) == wp_plan_get_id (self->binding.plan))
    {
      _wp_outline_reopen_rows (self, item_id);
      _wp_outline_select_row (self, item_id, FALSE);
    }
}

/**
 * wp_outline_view_set_milestone_column_shown:
 *
 * Shows or hides the column of this quarter's milestones (in every
 * outline, as the columns' widths are).
 */
void
wp_outline_view_set_milestone_column_shown (WpOutlineView *self,
                                            gboolean       shown)
{
  g_return_if_fail (WP_IS_OUTLINE_VIEW (self));

  wp_outline_column_set_shown (WP_OUTLINE_COLUMN_MILESTONE, shown);
  wp_outline_rows_show_columns (GTK_WIDGET (self->table_box));
  _wp_outline_redraw_milestones (self);
}

static void
on_milestone_setting_changed (WpOutlineView *self)
{
  GSettings *settings = wp_context_get_settings (self->binding.context);

  wp_outline_view_set_milestone_column_shown (
    self, g_settings_get_boolean (settings, "outline-show-milestone"));
}

/* The outline took its context (@old the one before): it follows the
 * undo stack and the milestone column's setting, and reads the plan */
static void
on_context_changed (WpOutlineView *self,
                    WpContext     *old)
{
  WpContext *context = self->binding.context;

  if (old != NULL)
    {
      if (wp_context_get_undo_stack (old) != NULL)
        {
          g_signal_handlers_disconnect_by_func (wp_context_get_undo_stack (old),
                                                on_undo_stepped, self);
          g_signal_handlers_disconnect_by_func (wp_context_get_undo_stack (old),
                                                _wp_outline_redraw_milestones, self);
        }
      if (wp_context_get_settings (old) != NULL)
        g_signal_handlers_disconnect_by_func (wp_context_get_settings (old),
                                              on_milestone_setting_changed, self);
    }
  if (context != NULL)
    {
      if (wp_context_get_undo_stack (context) != NULL)
        {
          g_signal_connect_object (wp_context_get_undo_stack (context), "stepped",
                                   G_CALLBACK (on_undo_stepped), self, G_CONNECT_SWAPPED);
          /* (a milestone edited, undone or redone changes no item's property) */
          g_signal_connect_object (wp_context_get_undo_stack (context), "notify::undo-label",
                                   G_CALLBACK (_wp_outline_redraw_milestones), self,
                                   G_CONNECT_SWAPPED);
        }
      if (wp_context_get_settings (context) != NULL)
        {
          g_signal_connect_object (wp_context_get_settings (context),
                                   "changed::outline-show-milestone",
                                   G_CALLBACK (on_milestone_setting_changed), self,
                                   G_CONNECT_SWAPPED);
          on_milestone_setting_changed (self);
        }
    }
  load_column_widths (self);
  _wp_outline_reload (self);
}
/**
 * wp_outline_view_show_item:
 *
 * Opens the rows above the item, selects it, scrolls to it and gives the
 * outline the keyboard focus.
 *
 * Returns: %FALSE if the item is not in the plan shown (or hidden by a search)
 */
gboolean
wp_outline_view_show_item (WpOutlineView *self,
                           gint64         item_id)
{
  g_return_val_if_fail (WP_IS_OUTLINE_VIEW (self), FALSE);

  if (self->tree == NULL || !_wp_outline_select_item (self, item_id))
    return FALSE;
  gtk_widget_grab_focus (GTK_WIDGET (self->grid_view));
  return TRUE;
}

/* Whether a title is being typed (and not yet saved) */
gboolean
wp_outline_view_is_editing (WpOutlineView *self)
{
  g_return_val_if_fail (WP_IS_OUTLINE_VIEW (self), FALSE);
  return _wp_outline_is_editing (self);
}
