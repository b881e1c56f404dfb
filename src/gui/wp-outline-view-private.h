/* wp-outline-view-private.h: the outline's parts: the view, its commands,
 * title editing and search, and what its rows tell it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "wp-outline-view.h"
#include "wp-view.h"

G_BEGIN_DECLS

struct _WpOutlineView
{
  AdwBin              parent_instance;

  GtkStack           *stack;
  GtkGridView        *grid_view;
  GtkBox             *table_box;
  AdwStatusPage      *empty_page;
  GtkButton          *add_area_button;

  WpViewBinding       binding;
  GListModel         *root;
  GtkTreeListModel   *tree;
  GtkSingleSelection *selection;
  GHashTable         *title_cells;    /* gint64 item id → title cell widget */
  gint64              pending_edit;   /* item to edit as soon as its cell is bound */
  gint64              pending_scroll; /* item to scroll to after this frame, if out of view */
  gulong              pending_scroll_handler;
  gint64              editing;        /* item whose title is being edited */
  char               *pending_text;   /* typed in pending_edit's title when its row went */
  gint64              shown_plan_id;  /* the plan the rows are of, or 0 */
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
  GMenuModel         *row_menu;       /* (template) */
  GListModel         *bindings;       /* the class's key bindings */
  gboolean            menu_shown;     /* the row's menu, until its choice has run */
};

/* A search opens the rows above its matches from the top down as far as
 * this many rows; the rest open when they come into view. Opening them all
 * at once read every match of a common character (5,556 items of the 100k
 * plan for 综) before showing anything. */
#define SEARCH_ROWS_OPENED_AT_ONCE 40

/* wp-outline-columns.c */
GtkListItemFactory *wp_outline_columns_new_factory (WpOutlineView *self);
GtkWidget *wp_outline_title_get_entry  (GtkWidget     *title_cell);
GtkWidget *wp_outline_title_get_label  (GtkWidget     *title_cell);
void       wp_outline_title_draw       (WpOutlineView *self,
                                        GtkWidget     *title_cell,
                                        WpItem        *item);
void       _wp_outline_redraw_milestones (WpOutlineView *self);

/* wp-outline-dnd.c */
void       wp_outline_dnd_setup_view   (GtkWidget     *view);
void       wp_outline_dnd_setup_row    (WpOutlineView *self,
                                        GtkListItem   *list_item,
                                        GtkWidget     *row,
                                        GtkWidget     *title);

/* wp-outline-actions.c: the commands, as installed actions with bindings */
void       _wp_outline_class_add_actions (GtkWidgetClass *widget_class);
void       _wp_outline_setup_keys       (WpOutlineView *self);
void       _wp_outline_update_actions   (WpOutlineView *self);
void       _wp_outline_add_sibling      (WpOutlineView *self);
void       _wp_outline_add_child        (WpOutlineView *self);
typedef gboolean (*WpOutlineEdit) (WpUndoStack  *undo,
                                   gint64        item_id,
                                   GError      **error);
void       _wp_outline_run_structure_edit (WpOutlineView *self,
                                           WpOutlineEdit  edit,
                                           gboolean       keep_editing);
void       _wp_outline_reopen_rows      (WpOutlineView *self,
                                         gint64         item_id);

/* wp-outline-edit.c: typing a row's title */
void       _wp_outline_start_editing    (WpOutlineView *self,
                                         gint64         item_id);
gint64     _wp_outline_finish_editing   (WpOutlineView *self,
                                         gboolean       commit);
gint64     _wp_outline_end_editing      (WpOutlineView *self,
                                         gboolean       commit);
gboolean   _wp_outline_is_editing       (WpOutlineView *self);

/* wp-outline-search.c: showing only what matches */
gboolean   _wp_outline_is_filtering     (WpOutlineView *self);
GListModel *_wp_outline_create_child_model (gpointer    item,
                                           gpointer    user_data);
void       _wp_outline_open_first_rows  (WpOutlineView *self);
gboolean   _wp_outline_find_shown       (WpOutlineView  *self,
                                         GError        **error);

/* wp-outline-view.c */
WpStore   *_wp_outline_get_store        (WpOutlineView *self);
WpUndoStack *_wp_outline_get_undo       (WpOutlineView *self);
AdwToastOverlay *_wp_outline_get_toast_overlay (WpOutlineView *self);
void       _wp_outline_show_error       (WpOutlineView *self,
                                         const GError  *error);
WpItem    *_wp_outline_selected_item    (WpOutlineView *self);
guint      _wp_outline_find_row         (WpOutlineView *self,
                                         gint64         item_id);
gboolean   _wp_outline_select_row       (WpOutlineView *self,
                                         gint64         item_id,
                                         gboolean       scroll);
gboolean   _wp_outline_select_item      (WpOutlineView *self,
                                         gint64         item_id);
void       _wp_outline_reload           (WpOutlineView *self);
void       _wp_outline_refilter         (WpOutlineView *self);
void       _wp_outline_update_empty_state (WpOutlineView *self);
void       _wp_outline_emit_item_activated (WpOutlineView *self);
gboolean   _wp_outline_view_move        (WpOutlineView *self,
                                         gint64         item_id,
                                         gint64         new_parent_id,
                                         int            new_position);
WpContext *_wp_outline_view_get_context (WpOutlineView *self);
const char *_wp_outline_view_get_search (WpOutlineView *self);
guint      _wp_outline_view_get_search_serial (WpOutlineView *self);
gboolean   _wp_outline_view_is_match    (WpOutlineView *self,
                                         gint64         item_id);
void       _wp_outline_view_title_bound (WpOutlineView *self,
                                         WpItem        *item,
                                         GtkWidget     *title_cell);
void       _wp_outline_view_row_shown   (WpOutlineView  *self,
                                         GtkListItem    *list_item,
                                         WpItem         *item);
void       _wp_outline_view_title_unbound (WpOutlineView *self,
                                           WpItem        *item,
                                           GtkWidget     *title_cell);

G_END_DECLS
