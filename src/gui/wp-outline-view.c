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
#include "wp-toast.h"
#include "wp-view-refresh.h"

struct _WpOutlineView
{
  AdwBin              parent_instance;

  GtkStack           *stack;
  GtkGridView        *grid_view;
  GtkBox             *table_box;
  AdwStatusPage      *empty_page;
  GtkButton          *add_area_button;

  WpContext          *context;
  WpPlan             *plan;
  GListModel         *root;
  GtkTreeListModel   *tree;
  GtkSingleSelection *selection;
  GHashTable         *title_cells;    /* gint64 item id → title cell widget */
  gint64              pending_edit;   /* item to edit as soon as its cell is bound */
  gint64              pending_scroll; /* item to scroll to after this frame, if out of view */
  gulong              pending_scroll_handler;
  gint64              editing;        /* item whose title is being edited */
  gint64              just_created;   /* new item still being edited for the first time */
  gint64              created_from;   /* the item selected when it was made */
  GHashTable         *deleted_open;   /* deleted item id → GArray of the ids of its rows
                                       * that were open, for an undo to open again */
  char               *search;         /* NULL when not searching */
  WpFilter            criteria;       /* agency, status, overdue; no text */
  GArray             *matches;        /* ids of items that match the search (a set) */
  GArray             *ancestors;      /* ids of items above a match (a set) */
  guint               search_serial;  /* changes with every search, for cells */
  GPtrArray          *to_open;        /* GtkListItems showing rows to open */
  guint               open_idle;
  char               *menu_action;    /* chosen in the row's menu, to run */
};

G_DEFINE_FINAL_TYPE (WpOutlineView, wp_outline_view, ADW_TYPE_BIN)

#define MAX_ROWS_OPENED_AT_START 300

/* A search opens the rows above its matches from the top down as far as
 * this many rows; the rest open when they come into view. Opening them all
 * at once read every match of a common character (5,556 items of the 100k
 * plan for 综) before showing anything. */
#define SEARCH_ROWS_OPENED_AT_ONCE 40

enum {
  SIGNAL_SELECTION_CHANGED,
  SIGNAL_ITEM_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void start_editing (WpOutlineView *self,
                           gint64         item_id);
static void connect_title_entry (WpOutlineView *self,
                                 GtkWidget     *entry);
static gboolean select_item (WpOutlineView *self,
                             gint64         item_id);

WpContext *
_wp_outline_view_get_context (WpOutlineView *self)
{
  return self->context;
}

static WpUndoStack *
get_undo (WpOutlineView *self)
{
  return self->context ? wp_context_get_undo_stack (self->context) : NULL;
}

static AdwToastOverlay *
get_toast_overlay (WpOutlineView *self)
{
  return ADW_TOAST_OVERLAY (gtk_widget_get_ancestor (GTK_WIDGET (self),
                                                     ADW_TYPE_TOAST_OVERLAY));
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

static void
show_error (WpOutlineView *self,
            const GError  *error)
{
  AdwToastOverlay *overlay = get_toast_overlay (self);

  if (overlay != NULL)
    adw_toast_overlay_add_toast (overlay, wp_toast_new (error->message));
  else
    g_message ("%s", error->message);
}

/* The selected item, or NULL. */
static WpItem *
selected_item (WpOutlineView *self)
{
  GtkTreeListRow *row;

  if (self->selection == NULL)
    return NULL;
  row = gtk_single_selection_get_selected_item (self->selection);
  return row ? gtk_tree_list_row_get_item (row) : NULL;
}

static guint
find_row (WpOutlineView *self,
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
  WpStore *store = wp_context_get_store (self->context);
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
      guint pos = find_row (self, g_array_index (chain, gint64, i));
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
  pos = find_row (self, id);
  if (pos != GTK_INVALID_LIST_POSITION)
    gtk_widget_activate_action (GTK_WIDGET (self->grid_view), "list.scroll-to-item", "u", pos);
}

/* Selects the row of @item_id, opening the rows above it. With @scroll,
 * scrolls to it at once; else only if it is out of view once the frame is
 * drawn: scrolling to a row holds it in place while rows above it come
 * and go, and GTK 4.8 then lays the list out again frame after frame at
 * every later edit above it. */
static gboolean
select_row (WpOutlineView *self,
            gint64         item_id,
            gboolean       scroll)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (self));
  guint pos;

  reveal (self, item_id);
  pos = find_row (self, item_id);
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
static gboolean
select_item (WpOutlineView *self,
             gint64         item_id)
{
  return select_row (self, item_id, TRUE);
}

/* Title editing */

void
_wp_outline_view_title_bound (WpOutlineView *self,
                              WpItem        *item,
                              GtkWidget     *title_cell)
{
  gint64 id = wp_item_get_id (item);

  g_hash_table_insert (self->title_cells, g_memdup2 (&id, sizeof id), title_cell);
  g_object_set_data (G_OBJECT (title_cell), "wp-item-id", GSIZE_TO_POINTER ((gsize) id));

  if (self->pending_edit == id)
    {
      self->pending_edit = 0;
      start_editing (self, id);
    }
}

void
_wp_outline_view_title_unbound (WpOutlineView *self,
                                WpItem        *item,
                                GtkWidget     *title_cell)
{
  gint64 id = wp_item_get_id (item);

  if (g_hash_table_lookup (self->title_cells, &id) == title_cell)
    g_hash_table_remove (self->title_cells, &id);
  if (self->editing == id)
    {
      self->editing = 0;
      gtk_stack_set_visible_child_name (GTK_STACK (title_cell), "label");
    }
}

static void
start_editing (WpOutlineView *self,
               gint64         item_id)
{
  GtkWidget *cell = g_hash_table_lookup (self->title_cells, &item_id);
  g_autoptr(WpItem) item = NULL;
  GtkWidget *entry;

  if (cell == NULL)
    {
      /* Not on screen yet: edit when its row is made. */
      self->pending_edit = item_id;
      return;
    }

  item = wp_store_get_item (wp_context_get_store (self->context), item_id, NULL);
  if (item == NULL)
    return;

  entry = wp_outline_title_get_entry (cell);
  if (g_object_steal_data (G_OBJECT (entry), "wp-new-entry") != NULL)
    connect_title_entry (self, entry);
  self->editing = item_id;
  gtk_editable_set_text (GTK_EDITABLE (entry), wp_item_get_title (item));
  gtk_stack_set_visible_child_name (GTK_STACK (cell), "entry");
  gtk_widget_grab_focus (entry);
  /* Caret at the end, to go on typing. (Not select-all: GTK 4.8's entry
   * warns about a blinking selection when one is made on focus.) */
  gtk_editable_set_position (GTK_EDITABLE (entry), -1);
}

/* Ends editing; with @commit the typed title is saved. Returns the item
 * that was being edited, or 0. If the title cannot be saved (a full disk,
 * a file another program holds), editing goes on with the text as typed,
 * for another try, and 0 is returned: is_editing() then tells so. */
static gint64
finish_editing (WpOutlineView *self,
                gboolean       commit)
{
  g_autoptr(GError) error = NULL;
  gint64 id = self->editing;
  GtkWidget *cell;
  const char *text;

  if (id == 0)
    return 0;
  self->editing = 0;

  cell = g_hash_table_lookup (self->title_cells, &id);
  if (cell == NULL)
    return id;

  text = gtk_editable_get_text (GTK_EDITABLE (wp_outline_title_get_entry (cell)));
  if (commit)
    {
      g_autoptr(WpItem) item = wp_store_get_item (wp_context_get_store (self->context), id, NULL);
      g_autofree char *clean = g_strstrip (g_strdup (text));

      if (item != NULL && g_strcmp0 (clean, wp_item_get_title (item)) != 0
          && !wp_edit_set_title (get_undo (self), id, clean, &error))
        {
          show_error (self, error);
          self->editing = id;
          return 0;
        }
    }

  gtk_stack_set_visible_child_name (GTK_STACK (cell), "label");
  return id;
}

/* Gives the keyboard focus to the selected row, so that the focus ring
 * and the selection are on the same row: the grid view on its own gives
 * it back to the row that last had it, which may be another. */
static void
focus_selected_row (WpOutlineView *self)
{
  g_autoptr(WpItem) item = selected_item (self);
  gint64 id = item != NULL ? wp_item_get_id (item) : 0;
  GtkWidget *cell = id != 0 ? g_hash_table_lookup (self->title_cells, &id) : NULL;
  GtkWidget *row = cell != NULL ? gtk_widget_get_ancestor (cell, WP_TYPE_OUTLINE_ROW) : NULL;

  /* (the row's parent is the grid view's child for the item) */
  if (row == NULL || !gtk_widget_grab_focus (gtk_widget_get_parent (row)))
    gtk_widget_grab_focus (GTK_WIDGET (self->grid_view));
}

/* Takes away the new row @id, left without a title, and selects the row
 * it was added from (or the one above it). Nothing of it stays in the
 * undo history: Redo would bring back an untitled item. */
static void
take_back_new_row (WpOutlineView *self,
                   gint64         id)
{
  g_autoptr(GError) error = NULL;
  guint pos = find_row (self, id);
  gint64 from = self->created_from;

  self->created_from = 0;
  if (!wp_undo_stack_take_back_item (get_undo (self), id, &error))
    {
      /* Another edit came after it: the row stays, as any other would. */
      if (!g_error_matches (error, WP_STORE_ERROR, WP_STORE_ERROR_INVALID))
        show_error (self, error);
      return;
    }
  if (from == 0 || !select_row (self, from, FALSE))
    {
      guint n = g_list_model_get_n_items (G_LIST_MODEL (self->tree));

      if (pos != GTK_INVALID_LIST_POSITION && n > 0)
        gtk_single_selection_set_selected (self->selection, MIN (pos > 0 ? pos - 1 : 0, n - 1));
    }
}

/* Whether @id is a new row whose title is (still) empty */
static gboolean
is_empty_new_row (WpOutlineView *self,
                  gint64         id)
{
  g_autoptr(WpItem) item = NULL;

  if (id == 0 || id != self->just_created)
    return FALSE;
  item = wp_store_get_item (wp_context_get_store (self->context), id, NULL);
  return item != NULL && wp_item_get_title (item)[0] == '\0';
}

/* Ends editing for good, whatever ended it: with @commit the typed title
 * is saved, and a new row left without one is taken away again. Returns
 * the item that was being edited, or 0 when none is (any more). */
static gint64
end_editing (WpOutlineView *self,
             gboolean       commit)
{
  gint64 id = finish_editing (self, commit);
  gboolean empty;

  if (id == 0 || id != self->just_created)
    return id;
  empty = is_empty_new_row (self, id);
  self->just_created = 0;
  if (!empty)
    {
      self->created_from = 0;
      return id;
    }
  take_back_new_row (self, id);
  return 0;
}

/* Structure edits, shared by the keyboard shortcuts and the menu */

static gboolean
require_selection (WpOutlineView  *self,
                   WpItem        **item)
{
  *item = selected_item (self);
  return *item != NULL && get_undo (self) != NULL;
}

static void
add_sibling (WpOutlineView *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WpItem) current = selected_item (self);
  g_autoptr(WpItem) item = NULL;

  if (self->plan == NULL || get_undo (self) == NULL)
    return;

  if (current != NULL)
    item = wp_edit_create_item (get_undo (self), wp_plan_get_id (self->plan),
                                wp_item_get_parent_id (current),
                                wp_item_get_position (current) + 1,
                                wp_item_get_kind (current), "", &error);
  else
    item = wp_edit_create_item (get_undo (self), wp_plan_get_id (self->plan), 0, -1,
                                WP_ITEM_KIND_AREA, "", &error);
  if (item == NULL)
    {
      show_error (self, error);
      return;
    }

  self->just_created = wp_item_get_id (item);
  self->created_from = current != NULL ? wp_item_get_id (current) : 0;
  select_item (self, wp_item_get_id (item));
  start_editing (self, wp_item_get_id (item));
}

static void
add_child (WpOutlineView *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WpItem) current = NULL;
  g_autoptr(WpItem) item = NULL;
  WpItemKind kind;

  if (!require_selection (self, &current))
    return;

  kind = wp_item_get_kind (current) == WP_ITEM_KIND_AREA ? WP_ITEM_KIND_TASK
                                                          : WP_ITEM_KIND_ACTION;
  item = wp_edit_create_item (get_undo (self), wp_plan_get_id (self->plan),
                              wp_item_get_id (current), -1, kind, "", &error);
  if (item == NULL)
    {
      show_error (self, error);
      return;
    }

  self->just_created = wp_item_get_id (item);
  self->created_from = current != NULL ? wp_item_get_id (current) : 0;
  select_item (self, wp_item_get_id (item));
  start_editing (self, wp_item_get_id (item));
}

typedef gboolean (*StructureEdit) (WpUndoStack  *undo,
                                   gint64        item_id,
                                   GError      **error);

/* Runs a move-type edit on the selected item and keeps it selected. Edits
 * that cannot apply (indenting the first row) do nothing, quietly: the
 * keys are pressed often and the outline shows why. */
static void
run_structure_edit (WpOutlineView *self,
                    StructureEdit  edit,
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

  if (!edit (get_undo (self), id, &error))
    {
      if (!g_error_matches (error, WP_STORE_ERROR, WP_STORE_ERROR_INVALID))
        show_error (self, error);
      else
        gtk_widget_error_bell (GTK_WIDGET (self));
    }

  /* A moved row is made anew; open it again if it was open. */
  if (select_item (self, id) && expanded)
    {
      GtkTreeListRow *row = gtk_single_selection_get_selected_item (self->selection);
      if (row != NULL)
        gtk_tree_list_row_set_expanded (row, TRUE);
    }
  if (keep_editing)
    start_editing (self, id);
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
static void
reopen_rows (WpOutlineView *self,
             gint64         item_id)
{
  GArray *open = self->deleted_open != NULL
                 ? g_hash_table_lookup (self->deleted_open, &item_id) : NULL;

  /* From the top down: a row is found once the one above it is open. */
  for (guint i = 0; open != NULL && i < open->len; i++)
    {
      guint pos = find_row (self, g_array_index (open, gint64, i));
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

  if (!wp_edit_delete_item (get_undo (self), wp_item_get_id (item), &error))
    {
      show_error (self, error);
      return;
    }

  overlay = get_toast_overlay (self);
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
      wp_toast_offer_undo (toast, get_undo (self));
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
          select_item (self, wp_item_get_id (item));
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

  if (get_undo (self) == NULL)
    return FALSE;
  end_editing (self, TRUE);
  {
    g_autoptr(WpItem) still = wp_store_get_item (wp_context_get_store (self->context), item_id,
                                                 NULL);

    if (still == NULL)
      return FALSE;  /* (the empty new row dragged, gone) */
  }
  if (!wp_edit_move_item (get_undo (self), item_id, new_parent_id, new_position, &error))
    {
      gtk_widget_error_bell (GTK_WIDGET (self));
      show_error (self, error);
      return FALSE;
    }
  select_item (self, item_id);
  return TRUE;
}

/* The context menu: right click, the Menu key or Shift+F10 */

static gboolean
run_menu_action (gpointer data)
{
  g_autoptr(WpOutlineView) self = data;
  g_autofree char *action_name = g_steal_pointer (&self->menu_action);
  g_autoptr(WpItem) item = selected_item (self);

  if (action_name == NULL || self->context == NULL)
    return G_SOURCE_REMOVE;
  if (g_str_equal (action_name, "outline.add-sibling"))
    add_sibling (self);
  else if (g_str_equal (action_name, "outline.add-child"))
    add_child (self);
  else if (g_str_equal (action_name, "outline.indent"))
    run_structure_edit (self, wp_edit_indent, FALSE);
  else if (g_str_equal (action_name, "outline.outdent"))
    run_structure_edit (self, wp_edit_outdent, FALSE);
  else if (g_str_equal (action_name, "outline.move-up"))
    run_structure_edit (self, wp_edit_move_up, FALSE);
  else if (g_str_equal (action_name, "outline.move-down"))
    run_structure_edit (self, wp_edit_move_down, FALSE);
  else if (g_str_equal (action_name, "outline.rename") && item != NULL)
    start_editing (self, wp_item_get_id (item));
  else if (g_str_equal (action_name, "outline.details") && item != NULL)
    g_signal_emit (self, signals[SIGNAL_ITEM_ACTIVATED], 0);
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
  g_autoptr(WpItem) item = selected_item (self);
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
  end_editing (self, TRUE);
  if (gtk_list_item_get_item (list_item) == NULL)
    return;  /* (the empty new row clicked, gone) */
  gtk_single_selection_set_selected (self->selection, gtk_list_item_get_position (list_item));
  show_row_menu (self, grid, x, y);
}

/* Keyboard */

static gboolean
is_editing (WpOutlineView *self)
{
  return self->editing != 0;
}

static gboolean
on_key_pressed (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                WpOutlineView         *self)
{
  GdkModifierType mods = state & gtk_accelerator_get_default_mod_mask ();

  if (is_editing (self) || self->plan == NULL)
    return GDK_EVENT_PROPAGATE;

  switch (keyval)
    {
    case GDK_KEY_Return:
    case GDK_KEY_KP_Enter:
    case GDK_KEY_ISO_Enter:
      if (mods == GDK_CONTROL_MASK)
        add_child (self);
      else if (mods == 0)
        add_sibling (self);
      else
        return GDK_EVENT_PROPAGATE;
      return GDK_EVENT_STOP;

    case GDK_KEY_Tab:
    case GDK_KEY_KP_Tab:
      if (mods != 0)
        return GDK_EVENT_PROPAGATE;
      run_structure_edit (self, wp_edit_indent, FALSE);
      return GDK_EVENT_STOP;

    case GDK_KEY_ISO_Left_Tab:
      run_structure_edit (self, wp_edit_outdent, FALSE);
      return GDK_EVENT_STOP;

    case GDK_KEY_Up:
    case GDK_KEY_Down:
      if (mods != GDK_ALT_MASK)
        return GDK_EVENT_PROPAGATE;
      run_structure_edit (self, keyval == GDK_KEY_Up ? wp_edit_move_up : wp_edit_move_down,
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
        g_autoptr(WpItem) item = selected_item (self);

        if (item == NULL)
          return GDK_EVENT_PROPAGATE;
        start_editing (self, wp_item_get_id (item));
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

static gboolean
entry_is_blank (GtkEventControllerKey *controller)
{
  GtkWidget *entry = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (controller));
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (entry))));

  return text[0] == '\0';
}

/* Keys in the title entry: the entry's own handling (and the input method's:
 * Enter while composing Chinese text belongs to the input method) comes
 * first; what it leaves reaches this handler. */
static gboolean
on_entry_key_pressed (GtkEventControllerKey *controller,
                      guint                  keyval,
                      guint                  keycode,
                      GdkModifierType        state,
                      WpOutlineView         *self)
{
  GdkModifierType mods = state & gtk_accelerator_get_default_mod_mask ();

  if (!is_editing (self))
    return GDK_EVENT_PROPAGATE;

  switch (keyval)
    {
    case GDK_KEY_Escape:
      /* Escape ends editing. A rename goes back to the title as it was;
       * a row being added keeps what was typed (it has nothing to go back
       * to), or goes away again if nothing was. */
      if (end_editing (self, self->editing == self->just_created) == 0 && is_editing (self))
        return GDK_EVENT_STOP;  /* (the title could not be saved: still typed) */
      focus_selected_row (self);
      return GDK_EVENT_STOP;

    case GDK_KEY_Return:
    case GDK_KEY_KP_Enter:
    case GDK_KEY_ISO_Enter:
      {
        gint64 id = self->editing;

        /* Ctrl+Enter saves the title and adds a sub-item under it, as
         * outside editing. (Enter alone is the entry's activate.) */
        if (mods != GDK_CONTROL_MASK)
          return GDK_EVENT_PROPAGATE;
        if (is_empty_new_row (self, id) && entry_is_blank (controller))
          {
            /* (an untitled item to put it under would be left) */
            gtk_widget_error_bell (GTK_WIDGET (self));
            return GDK_EVENT_STOP;
          }
        if (end_editing (self, TRUE) != 0 && select_item (self, id))
          add_child (self);
        return GDK_EVENT_STOP;
      }

    case GDK_KEY_Tab:
    case GDK_KEY_KP_Tab:
      if (mods != 0)
        return GDK_EVENT_PROPAGATE;
      if (finish_editing (self, TRUE) != 0)
        run_structure_edit (self, wp_edit_indent, TRUE);
      return GDK_EVENT_STOP;

    case GDK_KEY_ISO_Left_Tab:
      if (finish_editing (self, TRUE) != 0)
        run_structure_edit (self, wp_edit_outdent, TRUE);
      return GDK_EVENT_STOP;

    default:
      return GDK_EVENT_PROPAGATE;
    }
}

/* Enter: a rename is done; a row being added is done too, and the next
 * one is added below it to go on typing, unless it was left empty: then
 * it goes away and typing stops there. */
static void
on_entry_activate (GtkEntry      *entry,
                   WpOutlineView *self)
{
  gboolean adding = is_editing (self) && self->editing == self->just_created;

  if (!is_editing (self))
    return;
  if (end_editing (self, TRUE) == 0)
    {
      if (!is_editing (self))
        focus_selected_row (self);
      return;
    }
  if (adding)
    add_sibling (self);
  else
    focus_selected_row (self);
}

/* A new row whose editing ended when the focus left it */
typedef struct {
  WpOutlineView *self;
  gint64         id;
} LeftRow;

static gboolean
take_back_left_row (gpointer data)
{
  g_autofree LeftRow *left = data;
  g_autoptr(WpOutlineView) self = left->self;

  /* (unless it is being edited again) */
  if (self->context == NULL || is_editing (self) || self->just_created != left->id)
    return G_SOURCE_REMOVE;
  if (is_empty_new_row (self, left->id))
    take_back_new_row (self, left->id);
  self->just_created = 0;
  self->created_from = 0;
  return G_SOURCE_REMOVE;
}

static void
on_focus_leave (GtkEventControllerFocus *controller,
                WpOutlineView           *self)
{
  GtkWidget *entry = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (controller));
  GtkWidget *cell = gtk_widget_get_parent (entry);
  gint64 id;

  if (cell == NULL)
    return;  /* (its row was taken away) */
  id = (gint64) GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (cell), "wp-item-id"));

  if (!is_editing (self) || id != self->editing)
    return;
  /* A new row left empty goes, once the focus has moved on: it takes
   * away the entry that had the focus. */
  if (finish_editing (self, TRUE) != 0 && id == self->just_created)
    {
      LeftRow *left = g_new (LeftRow, 1);

      left->self = g_object_ref (self);
      left->id = id;
      g_idle_add_full (G_PRIORITY_HIGH_IDLE, take_back_left_row, left, NULL);
    }
}

/* Called by the columns when a title cell is made. */
static void
connect_title_entry (WpOutlineView *self,
                     GtkWidget     *entry)
{
  GtkEventController *key = gtk_event_controller_key_new ();
  GtkEventController *focus = gtk_event_controller_focus_new ();

  g_signal_connect (key, "key-pressed", G_CALLBACK (on_entry_key_pressed), self);
  gtk_widget_add_controller (entry, key);
  g_signal_connect (focus, "leave", G_CALLBACK (on_focus_leave), self);
  gtk_widget_add_controller (entry, focus);
  g_signal_connect (entry, "activate", G_CALLBACK (on_entry_activate), self);
}

/* Model */

/* Showing only some items: words, an agency, a status or overdue ones */
static gboolean
is_filtering (WpOutlineView *self)
{
  return self->search != NULL || wp_filter_has_criteria (&self->criteria);
}

static GListModel *
create_child_model (gpointer item,
                    gpointer user_data)
{
  WpOutlineView *self = user_data;
  gint64 id = wp_item_get_id (item);

  if (wp_item_get_n_children (item) == 0)
    return NULL;
  if (is_filtering (self))
    {
      /* Searching: only the rows above a match open, on what leads to it. */
      if (!wp_ids_contain (self->ancestors, id))
        return NULL;
      return wp_store_get_shown_children_model (wp_context_get_store (self->context),
                                                wp_item_get_plan_id (item), id);
    }
  return G_LIST_MODEL (wp_item_list_new_for_item (wp_context_get_store (self->context), item));
}

const char *
_wp_outline_view_get_search (WpOutlineView *self)
{
  return self->search;
}

guint
_wp_outline_view_get_search_serial (WpOutlineView *self)
{
  return self->search_serial;
}

gboolean
_wp_outline_view_is_match (WpOutlineView *self,
                           gint64         item_id)
{
  return wp_ids_contain (self->matches, item_id);
}

static void
update_empty_state (WpOutlineView *self)
{
  if (self->plan != NULL && is_filtering (self)
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

  adw_status_page_set_icon_name (self->empty_page, "view-list-bullet-symbolic");
  if (self->plan == NULL)
    {
      adw_status_page_set_title (self->empty_page, _("No Plans Yet"));
      adw_status_page_set_description (
        self->empty_page,
        _("Start one with New Plan in the main menu (Ctrl+N), or import one with "
          "Import Plan."));
      gtk_button_set_label (self->add_area_button, _("_New Plan…"));
      gtk_widget_set_visible (GTK_WIDGET (self->add_area_button),
                              self->context != NULL
                              && wp_context_get_store (self->context) != NULL);
      gtk_stack_set_visible_child_name (self->stack, "empty");
    }
  else if (self->root == NULL || g_list_model_get_n_items (self->root) == 0)
    {
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
    gtk_stack_set_visible_child_name (self->stack, "tree");
}

static void
on_root_items_changed (WpOutlineView *self)
{
  update_empty_state (self);
}

static void
on_selection_changed (WpOutlineView *self)
{
  g_signal_emit (self, signals[SIGNAL_SELECTION_CHANGED], 0);
}

static void
on_activate (WpOutlineView *self,
             guint          position)
{
  g_signal_emit (self, signals[SIGNAL_ITEM_ACTIVATED], 0);
}

static void reload (WpOutlineView *self);

/* Whether @row is above a match and was not opened before (a row the user
 * closed stays closed). */
static gboolean
wants_open (WpOutlineView  *self,
            GtkTreeListRow *row,
            WpItem         *item)
{
  gint64 id = wp_item_get_id (item);

  return self->ancestors != NULL && !gtk_tree_list_row_get_expanded (row)
         && wp_ids_contain (self->ancestors, id)
         && g_object_get_data (G_OBJECT (row), "wp-opened") == NULL;
}

static void
open_for_search (WpOutlineView  *self,
                 GtkTreeListRow *row)
{
  g_autoptr(WpItem) item = gtk_tree_list_row_get_item (row);

  if (item == NULL || !wants_open (self, row, item))
    return;
  g_object_set_data (G_OBJECT (row), "wp-opened", GINT_TO_POINTER (TRUE));
  gtk_tree_list_row_set_expanded (row, TRUE);
}

/* Opens the search's rows from the top, down to the first few screens. */
static void
open_first_rows (WpOutlineView *self)
{
  for (guint i = 0; i < SEARCH_ROWS_OPENED_AT_ONCE
                    && i < g_list_model_get_n_items (G_LIST_MODEL (self->tree)); i++)
    {
      g_autoptr(GtkTreeListRow) row = gtk_tree_list_model_get_row (self->tree, i);

      if (row != NULL)
        open_for_search (self, row);
    }
}

static gboolean
open_rows_in_view (gpointer user_data)
{
  WpOutlineView *self = user_data;
  g_autoptr(GPtrArray) shown = g_steal_pointer (&self->to_open);

  self->open_idle = 0;
  /* Only the rows still shown: opening rows shifts the ones below, and GTK
   * shows many rows for a moment on the way. */
  for (guint i = 0; shown != NULL && self->ancestors != NULL && i < shown->len; i++)
    {
      GtkTreeListRow *row = gtk_list_item_get_item (g_ptr_array_index (shown, i));

      if (row != NULL)
        open_for_search (self, row);
    }
  return G_SOURCE_REMOVE;
}

/* Called by the rows as they come into view: a closed row above a match
 * opens, after GTK has done making rows. */
void
_wp_outline_view_row_shown (WpOutlineView  *self,
                            GtkListItem    *list_item,
                            WpItem         *item)
{
  GtkTreeListRow *row = gtk_list_item_get_item (list_item);

  if (row == NULL || !wants_open (self, row, item))
    return;
  if (self->to_open == NULL)
    self->to_open = g_ptr_array_new_with_free_func (g_object_unref);
  if (!g_ptr_array_find (self->to_open, list_item, NULL))
    g_ptr_array_add (self->to_open, g_object_ref (list_item));
  if (self->open_idle == 0)
    self->open_idle = g_idle_add_full (G_PRIORITY_HIGH_IDLE + 15, open_rows_in_view, self, NULL);
}

/* What the words and criteria show: the matches, and the items above them
 * (in the store's shown set) */
static gboolean
find_shown (WpOutlineView  *self,
            GError        **error)
{
  g_autoptr(GArray) hits = NULL;
  WpFilter filter = self->criteria;

  filter.text = self->search;
  g_clear_pointer (&self->matches, g_array_unref);
  g_clear_pointer (&self->ancestors, g_array_unref);
  hits = wp_filter_find (wp_context_get_store (self->context), wp_plan_get_id (self->plan),
                         &filter, error);
  return hits != NULL
         && wp_store_set_shown (wp_context_get_store (self->context), wp_plan_get_id (self->plan),
                                hits, &self->matches, &self->ancestors, error);
}

/* From one search to the next: the shown lists report only the rows that
 * came or went, so rows that stay keep their widgets; their titles are
 * highlighted again for the new words. */
static void
refilter (WpOutlineView *self)
{
  g_autoptr(GError) error = NULL;
  GHashTableIter iter;
  gpointer key, value;

  if (!find_shown (self, &error))
    {
      show_error (self, error);
      g_clear_pointer (&self->search, g_free);
      wp_filter_clear (&self->criteria);
      reload (self);
      return;
    }
  wp_store_shown_changed (wp_context_get_store (self->context), wp_plan_get_id (self->plan));
  open_first_rows (self);

  g_hash_table_iter_init (&iter, self->title_cells);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      g_autoptr(WpItem) item = wp_store_get_item (wp_context_get_store (self->context),
                                                  *(gint64 *) key, NULL);

      if (item != NULL)
        wp_outline_title_draw (self, value, item);
    }
  update_empty_state (self);
}

static void
reload (WpOutlineView *self)
{
  if (self->root != NULL)
    g_signal_handlers_disconnect_by_func (self->root, on_root_items_changed, self);
  g_clear_object (&self->root);
  g_clear_object (&self->tree);
  self->editing = self->pending_edit = self->just_created = self->created_from = 0;
  g_clear_pointer (&self->to_open, g_ptr_array_unref);

  if (self->context == NULL || self->plan == NULL || wp_context_get_store (self->context) == NULL)
    {
      gtk_single_selection_set_model (self->selection, NULL);
      update_empty_state (self);
      return;
    }

  if (is_filtering (self))
    {
      g_autoptr(GError) error = NULL;

      if (!find_shown (self, &error))
        {
          show_error (self, error);
          g_clear_pointer (&self->search, g_free);
          wp_filter_clear (&self->criteria);
        }
    }

  self->root = is_filtering (self)
               ? wp_store_get_shown_children_model (wp_context_get_store (self->context),
                                                    wp_plan_get_id (self->plan), 0)
               : wp_store_get_children_model (wp_context_get_store (self->context),
                                              wp_plan_get_id (self->plan), 0);
  g_signal_connect_swapped (self->root, "items-changed", G_CALLBACK (on_root_items_changed), self);

  self->tree = gtk_tree_list_model_new (g_object_ref (self->root), FALSE, FALSE,
                                        create_child_model, self, NULL);
  /* Open on the areas' key tasks: a plan has a handful of areas, and the
   * tasks under them are what people look for first. A plan with hundreds
   * of key tasks opens closed instead, so that it opens at once. From the
   * last row up, so expanding one does not shift the rows still to visit. */
  if (!is_filtering (self))
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
    open_first_rows (self);

  /* Rows are opened before the view sees the tree: opened in view, each
   * one made the view make and drop rows as the ones below moved down.
   * The grid view keeps its selection model; only what it selects from
   * changes. Giving the view a new model would make every row anew. */
  gtk_single_selection_set_model (self->selection, G_LIST_MODEL (self->tree));

  update_empty_state (self);
  g_signal_emit (self, signals[SIGNAL_SELECTION_CHANGED], 0);
}

static void
on_add_area_clicked (WpOutlineView *self)
{
  if (self->plan == NULL)
    gtk_widget_activate_action (GTK_WIDGET (self), "win.new-plan", NULL);
  else
    add_sibling (self);
}

/* Column widths, remembered in GSettings */

static void
load_column_widths (WpOutlineView *self)
{
  GSettings *settings = self->context != NULL ? wp_context_get_settings (self->context) : NULL;
  g_autoptr(GVariant) widths = NULL;
  gsize n;
  const gint32 *values;

  if (settings == NULL)
    return;
  widths = g_settings_get_value (settings, "outline-column-widths");
  values = g_variant_get_fixed_array (widths, &n, sizeof (gint32));
  if (n != WP_OUTLINE_N_COLUMNS - 1)
    return;  /* the default widths */
  for (guint i = 0; i < n; i++)
    wp_outline_column_set_width (i + 1, values[i]);
  gtk_widget_queue_resize (GTK_WIDGET (self->grid_view));
}

static void
on_columns_resized (WpOutlineView *self)
{
  GSettings *settings = self->context != NULL ? wp_context_get_settings (self->context) : NULL;
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
  g_clear_object (&self->plan);
  g_clear_object (&self->context);
  g_clear_pointer (&self->title_cells, g_hash_table_unref);
  g_clear_pointer (&self->deleted_open, g_hash_table_unref);
  g_clear_pointer (&self->to_open, g_ptr_array_unref);
  g_clear_handle_id (&self->open_idle, g_source_remove);
  g_clear_pointer (&self->menu_action, g_free);
  g_clear_pointer (&self->search, g_free);
  wp_filter_clear (&self->criteria);
  g_clear_pointer (&self->matches, g_array_unref);
  g_clear_pointer (&self->ancestors, g_array_unref);

  G_OBJECT_CLASS (wp_outline_view_parent_class)->dispose (object);
}

static void
wp_outline_view_class_init (WpOutlineViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = wp_outline_view_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/workplan/Workplan/wp-outline-view.ui");
  gtk_widget_class_bind_template_child (widget_class, WpOutlineView, stack);
  gtk_widget_class_bind_template_child (widget_class, WpOutlineView, grid_view);
  gtk_widget_class_bind_template_child (widget_class, WpOutlineView, table_box);
  gtk_widget_class_bind_template_child (widget_class, WpOutlineView, empty_page);
  gtk_widget_class_bind_template_child (widget_class, WpOutlineView, add_area_button);
  gtk_widget_class_bind_template_callback (widget_class, on_add_area_clicked);

  {
    const char *actions[] = {
      "outline.add-sibling", "outline.add-child", "outline.indent", "outline.outdent",
      "outline.move-up", "outline.move-down", "outline.rename", "outline.details",
      "outline.delete",
    };

    for (guint i = 0; i < G_N_ELEMENTS (actions); i++)
      gtk_widget_class_install_action (widget_class, actions[i], NULL, menu_action);
  }

  /**
   * WpOutlineView::selection-changed:
   *
   * Another item (or none) was selected; see
   * wp_outline_view_get_selected_item().
   */
  signals[SIGNAL_SELECTION_CHANGED] =
    g_signal_new ("selection-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  /**
   * WpOutlineView::item-activated:
   *
   * A row was double-clicked: the window shows the item editor.
   */
  signals[SIGNAL_ITEM_ACTIVATED] =
    g_signal_new ("item-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
wp_outline_view_init (WpOutlineView *self)
{
  GtkEventController *key;

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

  update_empty_state (self);
}

/* Returns: (transfer full) (nullable): the selected item */
WpItem *
wp_outline_view_get_selected_item (WpOutlineView *self)
{
  g_return_val_if_fail (WP_IS_OUTLINE_VIEW (self), NULL);
  return selected_item (self);
}

/* An edit undone or redone: its item is selected and scrolled to, as after
 * the edit itself (an item brought back by undoing its delete, above all). */
static void
on_undo_stepped (WpOutlineView *self,
                 gint64         item_id)
{
  g_autoptr(WpItem) item = NULL;

  if (!gtk_widget_get_mapped (GTK_WIDGET (self)) || self->plan == NULL || self->tree == NULL)
    return;
  item = wp_store_get_item (wp_context_get_store (self->context), item_id, NULL);
  if (item != NULL && wp_item_get_plan_id (item) == wp_plan_get_id (self->plan))
    {
      reopen_rows (self, item_id);
      select_row (self, item_id, FALSE);
    }
}

void
wp_outline_view_set_context (WpOutlineView *self,
                             WpContext     *context)
{
  g_return_if_fail (WP_IS_OUTLINE_VIEW (self));

  if (self->context == context)
    return;
  if (self->context != NULL)
    g_signal_handlers_disconnect_by_func (wp_context_get_undo_stack (self->context),
                                          on_undo_stepped, self);
  g_set_object (&self->context, context);
  if (context != NULL)
    g_signal_connect_object (wp_context_get_undo_stack (context), "stepped",
                             G_CALLBACK (on_undo_stepped), self, G_CONNECT_SWAPPED);
  load_column_widths (self);
  reload (self);
}

/**
 * wp_outline_view_set_search:
 * @query: (nullable): words to find, or %NULL (or empty) to show everything
 *
 * Filters the outline to the items whose title, description or progress
 * notes contain @query, with the items above them, all opened.
 */
void
wp_outline_view_set_search (WpOutlineView *self,
                            const char    *query)
{
  WpFilter filter = self->criteria;

  g_return_if_fail (WP_IS_OUTLINE_VIEW (self));

  filter.text = (char *) query;
  wp_outline_view_set_filter (self, &filter);
}

/**
 * wp_outline_view_set_filter:
 * @filter: (nullable): words and criteria, or %NULL to show everything
 *
 * Filters the outline to the items that match the words (in title,
 * description or progress notes) and the agency, status and overdue
 * criteria, with the items above them, all opened.
 */
void
wp_outline_view_set_filter (WpOutlineView  *self,
                            const WpFilter *filter)
{
  WpFilter wanted;
  gboolean was_filtering;

  g_return_if_fail (WP_IS_OUTLINE_VIEW (self));

  wp_filter_init (&wanted);
  wp_filter_copy (filter, &wanted);
  {
    /* The same words and criteria: nothing to do */
    WpFilter current = self->criteria;

    current.text = self->search;
    if (wp_filter_equal (&wanted, &current))
      {
        wp_filter_clear (&wanted);
        return;
      }
  }

  end_editing (self, TRUE);
  was_filtering = is_filtering (self);
  g_free (self->search);
  self->search = g_steal_pointer (&wanted.text);
  wp_filter_clear (&self->criteria);
  self->criteria = wanted;
  self->search_serial++;
  if (!is_filtering (self))
    {
      g_clear_pointer (&self->matches, g_array_unref);
      g_clear_pointer (&self->ancestors, g_array_unref);
    }
  if (was_filtering && is_filtering (self) && self->root != NULL && self->plan != NULL)
    refilter (self);
  else
    reload (self);
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

  selected = selected_item (self);
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
    select_item (self, wp_item_get_id (selected));
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

  if (self->tree == NULL || !select_item (self, item_id))
    return FALSE;
  gtk_widget_grab_focus (GTK_WIDGET (self->grid_view));
  return TRUE;
}

/* Whether a title is being typed (and not yet saved) */
gboolean
wp_outline_view_is_editing (WpOutlineView *self)
{
  g_return_val_if_fail (WP_IS_OUTLINE_VIEW (self), FALSE);
  return is_editing (self);
}

void
wp_outline_view_set_plan (WpOutlineView *self,
                          WpPlan        *plan)
{
  g_return_if_fail (WP_IS_OUTLINE_VIEW (self));

  g_set_object (&self->plan, plan);
  reload (self);
}
