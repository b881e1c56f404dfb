/* test-gui.c: the main window on real widgets (under Xvfb)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>
#include <adwaita.h>
#ifdef GDK_WINDOWING_X11
#include <gdk/x11/gdkx.h>
#endif
#include <glib/gi18n.h>

#include "wp-test-util.h"
#include "wp-agency-view.h"
#include "wp-board-view.h"
#include "wp-item-editor.h"
#include "wp-light-cell.h"
#include "wp-outline-row.h"
#include "wp-text-cell.h"
#include "wp-outline-view.h"
#include "wp-print.h"
#include "wp-progress-view.h"
#include "wp-reporting-view.h"
#include "wp-restore-dialog.h"
#include "wp-view.h"
#include "wp-window-private.h"
#include "wp-send-dialog.h"
#include "wp-collect-dialog.h"
#include "wp-import-job.h"
#include "wp-import-preview.h"
#include "wp-preferences-window.h"
#include "wp-closeout-dialog.h"
#include "wp-year-check-dialog.h"
#include "wp-report-dialog.h"

/* Widgets are found by walking the tree depth first for the first match. */
typedef gboolean (*Match) (GtkWidget *widget, gconstpointer data);

static GtkWidget *
find_widget (GtkWidget     *widget,
             Match          match,
             gconstpointer  data)
{
  if (widget == NULL)
    return NULL;
  if (match (widget, data))
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget (child, match, data);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
is_of_type (GtkWidget *widget, gconstpointer type)
{
  return G_TYPE_CHECK_INSTANCE_TYPE (widget, GPOINTER_TO_SIZE (type));
}

static gboolean
is_mapped_of_type (GtkWidget *widget, gconstpointer type)
{
  return is_of_type (widget, type) && gtk_widget_get_mapped (widget);
}

/* A row of the progress view that stands for an item */
static gboolean
is_item_row (GtkWidget *widget, gconstpointer data)
{
  return ADW_IS_ACTION_ROW (widget) && g_object_get_data (G_OBJECT (widget), "wp-item-id") != NULL;
}

static gboolean
is_group_titled (GtkWidget *widget, gconstpointer title)
{
  return ADW_IS_PREFERENCES_GROUP (widget)
         && g_strcmp0 (adw_preferences_group_get_title (ADW_PREFERENCES_GROUP (widget)),
                       title) == 0;
}

static gboolean
is_button_labelled (GtkWidget *widget, gconstpointer label)
{
  return GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0;
}

static gboolean
is_entry_row_titled (GtkWidget *widget, gconstpointer title)
{
  return ADW_IS_ENTRY_ROW (widget)
         && g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), title) == 0;
}

static gboolean
is_stack_with_page (GtkWidget *widget, gconstpointer name)
{
  return GTK_IS_STACK (widget) && gtk_stack_get_child_by_name (GTK_STACK (widget), name) != NULL;
}

#define find_entry_row(w, title) ((AdwEntryRow *) find_widget ((w), is_entry_row_titled, (title)))
#define find_descendant(w, type) find_widget ((w), is_of_type, GSIZE_TO_POINTER (type))
#define find_mapped(w, type) find_widget ((w), is_mapped_of_type, GSIZE_TO_POINTER (type))
#define find_item_row(w) find_widget ((w), is_item_row, NULL)
#define find_group(w, title) find_widget ((w), is_group_titled, (title))
#define find_button_labelled(w, label) find_widget ((w), is_button_labelled, (label))

static void
spin (void)
{
  for (int i = 0; i < 50; i++)
    while (g_main_context_iteration (NULL, FALSE))
      ;
}

/* Every row shown lays its cells out side by side, and a long title wraps
 * within its column (a row measured for no width in particular let titles
 * run over the lead agency). Returns how many rows it looked at and how
 * many of them wrapped. */
static guint
assert_rows_fit (GtkWidget *widget,
                 guint     *wrapped)
{
  guint n = 0;

  if (WP_IS_OUTLINE_ROW (widget) && !gtk_widget_has_css_class (widget, "wp-outline-header")
      && gtk_widget_get_mapped (widget))
    {
      WpOutlineRow *row = WP_OUTLINE_ROW (widget);
      GtkWidget *title = wp_outline_row_get_cell (row, WP_OUTLINE_COLUMN_TITLE);
      GtkWidget *lead = wp_outline_row_get_cell (row, WP_OUTLINE_COLUMN_LEAD);
      GtkWidget *label = gtk_stack_get_visible_child (GTK_STACK (title));
      graphene_rect_t title_box, lead_box, label_box;
      int min_height;

      g_assert_true (gtk_widget_compute_bounds (title, widget, &title_box));
      g_assert_true (gtk_widget_compute_bounds (lead, widget, &lead_box));
      g_assert_true (gtk_widget_compute_bounds (label, widget, &label_box));
      g_assert_cmpfloat (title_box.origin.x + title_box.size.width, <=, lead_box.origin.x);
      g_assert_cmpfloat (label_box.origin.x + label_box.size.width, <=, lead_box.origin.x);
      /* The label has the height its text needs at its width. */
      gtk_widget_measure (label, GTK_ORIENTATION_VERTICAL, gtk_widget_get_width (label),
                          &min_height, NULL, NULL, NULL);
      g_assert_cmpint (gtk_widget_get_height (label), >=, min_height);
      {
        int line;

        /* (the lead agency: one line) */
        gtk_widget_measure (lead, GTK_ORIENTATION_VERTICAL, -1, &line, NULL, NULL, NULL);
        if (min_height > line * 3 / 2)
          (*wrapped)++;
      }
      return 1;
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n += assert_rows_fit (child, wrapped);
  return n;
}

static void
on_after_paint (GdkFrameClock *clock,
                gboolean      *painted)
{
  *painted = TRUE;
}

/* Runs the main loop until @widget's window has painted a new frame, so
 * that everything is laid out. */
static void
wait_frame (GtkWidget *widget)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (widget);
  gboolean painted = FALSE;
  gulong id;

  g_assert_nonnull (clock);
  id = g_signal_connect (clock, "after-paint", G_CALLBACK (on_after_paint), &painted);
  gtk_widget_queue_draw (widget);
  while (!painted)
    g_main_context_iteration (NULL, TRUE);
  g_signal_handler_disconnect (clock, id);
}

static WpStore *
demo_store (const char *dir)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (dir, "demo.db", NULL);
  g_autofree char *sample = wp_test_sample_path ("xiamen-2025.json");
  g_autofree char *json = NULL;
  WpStore *store = wp_store_open (path, WP_STORE_OPEN_DEFAULT, &error);
  g_autoptr(WpPlan) plan = NULL;

  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (sample, &json, NULL, NULL));
  plan = wp_json_import (store, json, -1, 0, FALSE, &error);
  g_assert_no_error (error);
  return store;
}

/* The demo plan in a window, for the tests that drive it. */
typedef struct {
  char      *dir;
  WpStore   *store;
  WpContext *context;
  WpWindow  *window;
} Demo;

static void
demo_setup (Demo          *d,
            gconstpointer  data)
{
  d->dir = wp_test_dir_new ();
  d->store = demo_store (d->dir);
  d->context = wp_context_new (d->store, NULL);
  d->window = wp_window_new (NULL, d->context, NULL);
  gtk_window_present (GTK_WINDOW (d->window));
  spin ();
}

static void
demo_teardown (Demo          *d,
               gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (d->window));
  spin ();
  g_clear_object (&d->context);
  /* Closing the window lets go of every list, item and the store: no
   * item the window showed is still alive. */
  g_assert_cmpuint (wp_store_get_n_live_items (d->store), ==, 0);
  g_assert_finalize_object (g_steal_pointer (&d->store));
  wp_test_dir_free (g_steal_pointer (&d->dir));
}

static void
test_outline_shows_demo (Demo          *d,
                         gconstpointer  data)
{
  WpWindow *window = d->window;
  WpStore *store = d->store;
  GtkGridView *view;
  GListModel *rows;
  GtkDropDown *years;
  g_autoptr(GtkTreeListRow) first = NULL;
  g_autoptr(GtkStringObject) year = NULL;
  WpItem *area;
  guint n_top;

  g_assert_true (g_str_has_prefix (gtk_window_get_title (GTK_WINDOW (window)),
                                   "2025年全市政法工作任务分解"));

  years = GTK_DROP_DOWN (find_descendant (GTK_WIDGET (window), GTK_TYPE_DROP_DOWN));
  g_assert_cmpuint (g_list_model_get_n_items (gtk_drop_down_get_model (years)), ==, 1);
  year = g_list_model_get_item (gtk_drop_down_get_model (years), 0);
  g_assert_nonnull (strstr (gtk_string_object_get_string (year), "2025"));

  view = GTK_GRID_VIEW (find_descendant (GTK_WIDGET (window), GTK_TYPE_GRID_VIEW));
  g_assert_nonnull (view);
  /* Seven columns, named by the header above the rows. */
  {
    GtkWidget *header = find_descendant (GTK_WIDGET (window), WP_TYPE_OUTLINE_ROW);

    g_assert_true (gtk_widget_has_css_class (header, "wp-outline-header"));
    for (guint i = 0; i < WP_OUTLINE_N_COLUMNS; i++)
      g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (wp_outline_row_get_cell (WP_OUTLINE_ROW (header), i))),
                       ==, wp_outline_column_title (i));
  }
  rows = G_LIST_MODEL (gtk_grid_view_get_model (view));
  /* The three areas open on their key tasks (2 + 4 + 3). */
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, 3 + 2 + 4 + 3);

  /* Collapsing and expanding the first area hides and shows its key tasks. */
  first = g_list_model_get_item (rows, 0);
  area = gtk_tree_list_row_get_item (first);
  g_assert_cmpstr (wp_item_get_title (area), ==, "坚持主动创稳 强化系统治理");
  {
    /* A key task shown in a row is let go of once its row is gone: rows
     * hold their items only while they show them. */
    g_autoptr(GtkTreeListRow) task_row = g_list_model_get_item (rows, 2);
    WpItem *task = gtk_tree_list_row_get_item (task_row);

    g_assert_cmpint (wp_item_get_parent_id (task), ==, wp_item_get_id (area));
    g_object_add_weak_pointer (G_OBJECT (task), (gpointer *) &task);
    g_object_unref (task);
    g_clear_object (&task_row);
    gtk_tree_list_row_set_expanded (first, FALSE);
    spin ();
    wait_frame (GTK_WIDGET (view));
    g_assert_null (task);
  }
  n_top = g_list_model_get_n_items (rows);
  g_assert_cmpuint (n_top, ==, 3 + 4 + 3);
  gtk_tree_list_row_set_expanded (first, TRUE);
  spin ();
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, n_top + wp_item_get_n_children (area));
  g_object_unref (area);

  /* Everything open, in a window too narrow for the longest titles: they
   * wrap within the title column. */
  {
    WpOutlineView *outline = WP_OUTLINE_VIEW (find_descendant (GTK_WIDGET (window),
                                                               WP_TYPE_OUTLINE_VIEW));
    guint wrapped = 0;

    gtk_window_set_default_size (GTK_WINDOW (window), 1200, 800);
    wp_outline_view_expand_all (outline, TRUE);
    spin ();
    wait_frame (GTK_WIDGET (view));
    g_assert_cmpuint (assert_rows_fit (GTK_WIDGET (view), &wrapped), >, 10);
    g_assert_cmpuint (wrapped, >, 0);

    /* A wider lead agency column takes its room from the titles, in every
     * row and the header (with the item pane closed, the outline wide
     * enough for the columns' own widths: narrower, all of them narrow). */
    {
      AdwFlap *flap = ADW_FLAP (find_descendant (GTK_WIDGET (window), ADW_TYPE_FLAP));

      adw_flap_set_reveal_flap (flap, FALSE);
      while (adw_flap_get_reveal_progress (flap) > 0)
        wait_frame (GTK_WIDGET (view));
      wait_frame (GTK_WIDGET (view));
    }
    {
      GtkWidget *header = find_descendant (GTK_WIDGET (window), WP_TYPE_OUTLINE_ROW);
      GtkWidget *first_row = find_descendant (GTK_WIDGET (view), WP_TYPE_OUTLINE_ROW);
      int title_before = gtk_widget_get_width (wp_outline_row_get_cell (WP_OUTLINE_ROW (first_row),
                                                                        WP_OUTLINE_COLUMN_TITLE));
      int lead_before = wp_outline_column_get_width (WP_OUTLINE_COLUMN_LEAD);

      wp_outline_column_set_width (WP_OUTLINE_COLUMN_LEAD, lead_before + 60);
      gtk_widget_queue_resize (header);
      gtk_widget_queue_resize (first_row);
      wait_frame (GTK_WIDGET (view));
      g_assert_cmpint (gtk_widget_get_width (wp_outline_row_get_cell (WP_OUTLINE_ROW (first_row),
                                                                      WP_OUTLINE_COLUMN_TITLE)),
                       ==, title_before - 60);
      wrapped = 0;
      g_assert_cmpuint (assert_rows_fit (GTK_WIDGET (view), &wrapped), >, 10);
      wp_outline_column_set_width (WP_OUTLINE_COLUMN_LEAD, 1);
      g_assert_cmpint (wp_outline_column_get_width (WP_OUTLINE_COLUMN_LEAD), >=, 40);
      wp_outline_column_set_width (WP_OUTLINE_COLUMN_LEAD, lead_before);
      gtk_widget_queue_resize (header);
    }
    wp_outline_view_expand_all (outline, FALSE);
    spin ();
  }

  /* An edit made through the store shows without a reload. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(WpItem) item = NULL;
    g_autoptr(GtkTreeListRow) row = g_list_model_get_item (rows, 1);
    g_auto(GValue) v = G_VALUE_INIT;

    item = gtk_tree_list_row_get_item (row);
    g_value_init (&v, G_TYPE_STRING);
    g_value_set_string (&v, "改过的标题");
    g_assert_true (wp_store_set_item_property (store, wp_item_get_id (item), "title", &v, &error));
    g_assert_no_error (error);
    spin ();
    g_assert_cmpstr (wp_item_get_title (item), ==, "改过的标题");
  }

  g_clear_object (&first);
}

/* How many rows shown have @words highlighted in their title, and that
 * every row whose title has them does. */
static guint
count_highlighted (GtkWidget  *widget,
                   const char *words)
{
  guint n = 0;

  if (WP_IS_OUTLINE_ROW (widget) && !gtk_widget_has_css_class (widget, "wp-outline-header")
      && gtk_widget_get_mapped (widget))
    {
      GtkWidget *title = wp_outline_row_get_cell (WP_OUTLINE_ROW (widget), WP_OUTLINE_COLUMN_TITLE);
      WpTextCell *text = WP_TEXT_CELL (gtk_stack_get_visible_child (GTK_STACK (title)));
      g_autofree char *marked = g_strdup_printf (">%s</span>", words);
      gboolean has_words = strstr (wp_text_cell_get_text (text), words) != NULL;

      g_assert_nonnull (wp_text_cell_get_markup (text));
      g_assert_cmpint (has_words, ==, strstr (wp_text_cell_get_markup (text), marked) != NULL);
      return has_words ? 1 : 0;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n += count_highlighted (child, words);
  return n;
}

static void
test_search_filters_outline (Demo          *d,
                             gconstpointer  data)
{
  WpWindow *window = d->window;
  WpOutlineView *outline;
  GtkGridView *view;
  GListModel *rows;
  AdwStatusPage *page;

  outline = WP_OUTLINE_VIEW (find_descendant (GTK_WIDGET (window), WP_TYPE_OUTLINE_VIEW));
  view = GTK_GRID_VIEW (find_descendant (GTK_WIDGET (outline), GTK_TYPE_GRID_VIEW));

  /* Two-character Chinese query: the matches with the rows above them, opened. */
  wp_outline_view_set_search (outline, "综治");
  spin ();
  rows = G_LIST_MODEL (gtk_grid_view_get_model (view));
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, 2 + 2 + 3);
  {
    g_autoptr(GtkTreeListRow) last = g_list_model_get_item (rows, 6);
    g_autoptr(WpItem) item = gtk_tree_list_row_get_item (last);
    g_assert_nonnull (strstr (wp_item_get_title (item), "综治"));
  }
  /* and the words are highlighted in the titles that have them */
  g_assert_cmpuint (count_highlighted (GTK_WIDGET (view), "综治"), ==, 3);

  /* The next keystroke's search updates the rows in place: the same rows
   * as a search from scratch. */
  wp_outline_view_set_search (outline, "禁毒");
  spin ();
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, 3);
  {
    g_autoptr(GtkTreeListRow) last = g_list_model_get_item (rows, 2);
    g_autoptr(WpItem) item = gtk_tree_list_row_get_item (last);
    g_assert_nonnull (strstr (wp_item_get_title (item), "禁毒"));
  }
  wp_outline_view_set_search (outline, "综治");
  spin ();
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, 2 + 2 + 3);
  for (guint i = 0; i < 7; i++)
    {
      g_autoptr(GtkTreeListRow) row = g_list_model_get_item (rows, i);
      g_autoptr(WpItem) item = gtk_tree_list_row_get_item (row);

      /* every row is a match or above one, and opened */
      g_assert_true (strstr (wp_item_get_title (item), "综治") != NULL
                     || gtk_tree_list_row_get_expanded (row));
    }

  /* A row that matched alone opens when its children match too. */
  wp_outline_view_set_search (outline, "夯实平安");
  spin ();
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, 2);
  wp_outline_view_set_search (outline, "平安");
  spin ();
  {
    gboolean sea = FALSE;

    for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
      {
        g_autoptr(GtkTreeListRow) row = g_list_model_get_item (rows, i);
        g_autoptr(WpItem) item = gtk_tree_list_row_get_item (row);

        sea |= g_str_equal (wp_item_get_title (item), "深化平安海域创建");
      }
    g_assert_true (sea);
  }

  wp_outline_view_set_search (outline, "没有这样的任务");
  spin ();
  page = ADW_STATUS_PAGE (find_mapped (GTK_WIDGET (outline), ADW_TYPE_STATUS_PAGE));
  g_assert_nonnull (page);
  g_assert_cmpstr (adw_status_page_get_title (page), ==, "No Results Found");

  wp_outline_view_set_search (outline, NULL);
  spin ();
  rows = G_LIST_MODEL (gtk_grid_view_get_model (view));
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, 3 + 2 + 4 + 3);
}

static AdwMessageDialog *
find_dialog (const char *heading)
{
  GListModel *toplevels = gtk_window_get_toplevels ();  /* transfer none */

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window))
          && g_strcmp0 (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (window)), heading) == 0)
        return ADW_MESSAGE_DIALOG (window);
    }
  return NULL;
}

static void
test_next_year_and_new_plan (Demo          *d,
                             gconstpointer  data)
{
  WpWindow *window = d->window;
  WpStore *store = d->store;
  GtkDropDown *years;
  AdwMessageDialog *dialog;
  g_autoptr(GPtrArray) plans = NULL;

  years = GTK_DROP_DOWN (find_descendant (GTK_WIDGET (window), GTK_TYPE_DROP_DOWN));

  /* Start 2026 from 2025 through the menu's action and its dialog. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.next-year", NULL));
  spin ();
  dialog = find_dialog ("Start 2026 from This Plan?");
  g_assert_nonnull (dialog);
  adw_message_dialog_response (dialog, "start");
  spin ();

  plans = wp_store_list_plans (store, NULL);
  g_assert_cmpuint (plans->len, ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (gtk_drop_down_get_model (years)), ==, 2);
  g_assert_cmpuint (gtk_drop_down_get_selected (years), ==, 1);  /* 2026 is shown */
  g_assert_nonnull (strstr (gtk_window_get_title (GTK_WINDOW (window)), "2026"));
  g_clear_pointer (&plans, g_ptr_array_unref);

  /* Ctrl+Z takes the new year away again. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  spin ();
  plans = wp_store_list_plans (store, NULL);
  g_assert_cmpuint (plans->len, ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (gtk_drop_down_get_model (years)), ==, 1);
  g_clear_pointer (&plans, g_ptr_array_unref);

  /* A new, empty plan offers to add its first area. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.new-plan", NULL));
  spin ();
  dialog = find_dialog ("New Plan");
  g_assert_nonnull (dialog);
  adw_message_dialog_response (dialog, "create");
  spin ();
  plans = wp_store_list_plans (store, NULL);
  g_assert_cmpuint (plans->len, ==, 2);
  g_assert_cmpint (wp_plan_get_year (g_ptr_array_index (plans, 1)), ==, 2026);
  {
    AdwStatusPage *page = ADW_STATUS_PAGE (find_mapped (GTK_WIDGET (window),
                                                        ADW_TYPE_STATUS_PAGE));
    g_assert_nonnull (page);
    g_assert_cmpstr (adw_status_page_get_title (page), ==, "This Plan Is Empty");
  }
}

static void
test_editor_edits_with_completion (Demo          *d,
                                   gconstpointer  data)
{
  WpWindow *window = d->window;
  GtkGridView *view;
  AdwEntryRow *lead, *due;
  GtkPopover *popover;
  GtkListBox *list;
  g_autoptr(GtkTreeListRow) row = NULL;
  g_autoptr(WpItem) task = NULL;

  view = GTK_GRID_VIEW (find_descendant (GTK_WIDGET (window), GTK_TYPE_GRID_VIEW));

  /* The window opens with the pane closed, and the editor is made when the
   * pane first opens, showing what is selected by then: the first key task. */
  {
    g_autoptr(GVariant) shown = g_action_group_get_action_state (G_ACTION_GROUP (window),
                                                                  "show-editor");
    g_assert_false (g_variant_get_boolean (shown));
  }
  g_assert_null (find_descendant (GTK_WIDGET (window), WP_TYPE_ITEM_EDITOR));
  gtk_selection_model_select_item (gtk_grid_view_get_model (view), 1, TRUE);
  spin ();
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-editor", NULL));
  spin ();
  g_assert_nonnull (find_descendant (GTK_WIDGET (window), WP_TYPE_ITEM_EDITOR));
  row = g_list_model_get_item (G_LIST_MODEL (gtk_grid_view_get_model (view)), 1);
  task = gtk_tree_list_row_get_item (row);
  lead = find_entry_row (GTK_WIDGET (window), "Lead agency");
  g_assert_nonnull (lead);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (lead)), ==, "市委政法委");

  /* Typing part of a name offers the directory's agencies that contain it. */
  gtk_widget_grab_focus (GTK_WIDGET (lead));
  gtk_editable_set_text (GTK_EDITABLE (lead), "市委政法委、公安");
  spin ();
  popover = GTK_POPOVER (find_descendant (GTK_WIDGET (lead), GTK_TYPE_POPOVER));
  g_assert_nonnull (popover);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (popover)));
  list = GTK_LIST_BOX (find_descendant (GTK_WIDGET (popover), GTK_TYPE_LIST_BOX));
  g_assert_nonnull (gtk_list_box_get_row_at_index (list, 0));
  g_assert_cmpstr (g_object_get_data (G_OBJECT (gtk_list_box_get_row_at_index (list, 0)),
                                      "wp-name"), ==, "市公安局");
  g_assert_null (gtk_list_box_get_row_at_index (list, 1));

  g_signal_emit_by_name (list, "row-activated", gtk_list_box_get_row_at_index (list, 0));
  spin ();
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (lead)), ==, "市委政法委、市公安局");
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (popover)));

  /* Applying writes both agencies to the database, and undo takes it back. */
  g_signal_emit_by_name (lead, "apply");
  spin ();
  g_assert_cmpuint (g_strv_length ((char **) wp_item_get_lead_agencies (task)), ==, 2);
  g_assert_cmpstr (wp_item_get_lead_agencies (task)[1], ==, "市公安局");

  /* The deadline field reads 上半年 as 30 June. */
  due = find_entry_row (GTK_WIDGET (window), "Deadline");
  gtk_editable_set_text (GTK_EDITABLE (due), "上半年");
  g_signal_emit_by_name (due, "apply");
  spin ();
  {
    g_autofree char *iso = wp_date_to_iso (wp_item_get_due (task));
    g_assert_cmpstr (iso, ==, "2025-06-30");
  }

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  spin ();
  g_assert_cmpuint (g_strv_length ((char **) wp_item_get_lead_agencies (task)), ==, 1);
  g_assert_null (wp_item_get_due (task));

  g_clear_object (&task);
  g_clear_object (&row);
}

static void
test_progress_view (Demo          *d,
                    gconstpointer  data)
{
  GtkWidget *progress;
  GtkTextView *summary;
  GtkTextIter start, end;
  g_autofree char *text = NULL;
  GDate day;

  /* The view is made when first shown. */
  g_assert_null (find_descendant (GTK_WIDGET (d->window), WP_TYPE_PROGRESS_VIEW));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (d->window), "win.show-view", "s",
                                             "progress"));
  progress = find_descendant (GTK_WIDGET (d->window), WP_TYPE_PROGRESS_VIEW);
  g_assert_nonnull (progress);
  g_date_clear (&day, 1);
  g_date_set_dmy (&day, 15, 7, 2025);
  wp_store_set_judging (d->store, &day, 30);
  wp_progress_view_set_plan (WP_PROGRESS_VIEW (progress), NULL);
  {
    g_autoptr(WpPlan) plan = wp_store_get_plan_by_year (d->store, 2025, NULL);
    wp_progress_view_set_plan (WP_PROGRESS_VIEW (progress), plan);
  }
  spin ();

  summary = GTK_TEXT_VIEW (find_descendant (progress, GTK_TYPE_TEXT_VIEW));
  gtk_text_buffer_get_bounds (gtk_text_view_get_buffer (summary), &start, &end);
  text = gtk_text_buffer_get_text (gtk_text_view_get_buffer (summary), &start, &end, FALSE);
  g_assert_nonnull (strstr (text, "has 9 key tasks: 0 done (0.0%), 9 in progress"));

  /* An overdue item's row leads to it in the outline: opened, selected. */
  {
    AdwViewStack *views = ADW_VIEW_STACK (find_descendant (GTK_WIDGET (d->window),
                                                           ADW_TYPE_VIEW_STACK));
    WpOutlineView *outline = WP_OUTLINE_VIEW (find_descendant (GTK_WIDGET (d->window),
                                                               WP_TYPE_OUTLINE_VIEW));
    GtkWidget *row;
    gint64 wanted;
    g_autoptr(WpItem) overdue = NULL;
    g_autoptr(WpItem) selected = NULL;

    adw_view_stack_set_visible_child_name (views, "progress");
    spin ();
    row = find_item_row (find_group (progress, "Overdue"));
    g_assert_nonnull (row);
    wanted = *(gint64 *) g_object_get_data (G_OBJECT (row), "wp-item-id");
    overdue = wp_store_get_item (d->store, wanted, NULL);
    g_assert_nonnull (overdue);
    /* a key task or an action, under a closed area */
    g_assert_cmpint (wp_item_get_parent_id (overdue), !=, 0);
    g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==,
                     wp_item_get_title (overdue));

    /* The targets are listed with their values and lead to their items too */
    {
      GtkWidget *target_row = find_item_row (find_group (progress, "Targets"));

      g_assert_nonnull (target_row);
      g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (target_row)), ==,
                       "群众安全感率");
      g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (target_row)), ==,
                       "坚持主动创稳 强化系统治理 · baseline 99% → target 99%");
    }

    adw_action_row_activate (ADW_ACTION_ROW (row));
    spin ();
    g_assert_cmpstr (adw_view_stack_get_visible_child_name (views), ==, "outline");
    selected = wp_outline_view_get_selected_item (outline);
    g_assert_nonnull (selected);
    g_assert_cmpint (wp_item_get_id (selected), ==, wanted);
  }

  /* One agency's work: the list offers the plan's agencies, the figures and
   * the draft follow the choice, and a new plan starts with all of them. */
  {
    GtkDropDown *agencies = GTK_DROP_DOWN (find_descendant (progress, GTK_TYPE_DROP_DOWN));
    GListModel *names = gtk_drop_down_get_model (agencies);
    gboolean has_police = FALSE;
    GtkTextIter s, e;
    g_autofree char *police_text = NULL;

    g_assert_cmpuint (g_list_model_get_n_items (names), >, 3);
    g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (names), 0), ==, "All Agencies");
    for (guint i = 1; i < g_list_model_get_n_items (names); i++)
      has_police |= g_str_equal (gtk_string_list_get_string (GTK_STRING_LIST (names), i),
                                 "市公安局");
    g_assert_true (has_police);

    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (d->window), "win.show-view", "s",
                                               "progress"));
    wp_progress_view_set_agency (WP_PROGRESS_VIEW (progress), "市公安局");
    spin ();
    g_assert_cmpstr (wp_progress_view_get_agency (WP_PROGRESS_VIEW (progress)), ==, "市公安局");
    gtk_text_buffer_get_bounds (gtk_text_view_get_buffer (summary), &s, &e);
    police_text = gtk_text_buffer_get_text (gtk_text_view_get_buffer (summary), &s, &e, FALSE);
    g_assert_null (strstr (police_text, "has 9 key tasks"));

    wp_progress_view_set_agency (WP_PROGRESS_VIEW (progress), NULL);
    spin ();
    g_assert_null (wp_progress_view_get_agency (WP_PROGRESS_VIEW (progress)));
  }

  /* An edit shows in the figures without a reload: finish every action of the
   * first key task and it counts as done. */
  {
    g_autoptr(WpPlan) plan = wp_store_get_plan_by_year (d->store, 2025, NULL);
    g_autoptr(GPtrArray) areas = wp_store_list_children (d->store, wp_plan_get_id (plan), 0, NULL);
    g_autoptr(GPtrArray) tasks = wp_store_list_children (
      d->store, wp_plan_get_id (plan), wp_item_get_id (g_ptr_array_index (areas, 0)), NULL);
    g_autoptr(GPtrArray) actions = wp_store_list_children (
      d->store, wp_plan_get_id (plan), wp_item_get_id (g_ptr_array_index (tasks, 0)), NULL);
    WpUndoStack *undo = wp_context_get_undo_stack (d->context);
    g_auto(GValue) v = G_VALUE_INIT;
    g_autofree char *after = NULL;

    g_value_init (&v, G_TYPE_STRING);
    g_value_set_string (&v, "done");
    for (guint i = 0; i < actions->len; i++)
      g_assert_true (wp_edit_set_property (undo, wp_item_get_id (g_ptr_array_index (actions, i)),
                                           "status", &v, NULL));
    spin ();
    gtk_text_buffer_get_bounds (gtk_text_view_get_buffer (summary), &start, &end);
    after = gtk_text_buffer_get_text (gtk_text_view_get_buffer (summary), &start, &end, FALSE);
    g_assert_nonnull (strstr (after, "has 9 key tasks: 1 done (11.1%), 8 in progress"));
  }
}

/* Printing draws the same A4 pages as the PDF export: run the window's print
 * operation to a file and read the file back. */
static void
test_print_briefing (Demo          *d,
                     gconstpointer  data)
{
  g_autoptr(WpPlan) plan = wp_store_get_plan_by_year (d->store, 2025, NULL);
  g_autofree char *printed = g_build_filename (d->dir, "printed.pdf", NULL);
  g_autofree char *exported = g_build_filename (d->dir, "exported.pdf", NULL);
  g_autoptr(GtkPrintOperation) operation = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *info = NULL, *text = NULL, *footer = NULL;
  GtkPrintOperationResult result;
  int n_pages;
  GtkWidget *progress;
  GtkTextBuffer *buffer;
  g_autofree char *summary = NULL;

  if (!wp_test_have_poppler ())
    return;

  /* The action is there for the plan on screen */
  g_assert_true (g_action_group_get_action_enabled (G_ACTION_GROUP (d->window), "print"));

  /* The user rewrites the drafted summary: paper gets their words. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (d->window), "win.show-view", "s",
                                             "progress"));
  progress = find_descendant (GTK_WIDGET (d->window), WP_TYPE_PROGRESS_VIEW);
  spin ();
  spin ();
  g_assert_null (wp_progress_view_get_edited_summary (WP_PROGRESS_VIEW (progress)));
  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (find_descendant (progress,
                                                                     GTK_TYPE_TEXT_VIEW)));
  gtk_text_buffer_set_text (buffer, "上半年各项工作总体平稳有序。", -1);
  summary = wp_progress_view_get_edited_summary (WP_PROGRESS_VIEW (progress));
  g_assert_cmpstr (summary, ==, "上半年各项工作总体平稳有序。");

  operation = wp_print_operation_new (d->store, wp_plan_get_id (plan), NULL, summary);
  gtk_print_operation_set_allow_async (operation, FALSE);
  gtk_print_operation_set_show_progress (operation, FALSE);
  gtk_print_operation_set_export_filename (operation, printed);
  result = gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_EXPORT,
                                    GTK_WINDOW (d->window), &error);
  g_assert_no_error (error);
  g_assert_cmpint (result, ==, GTK_PRINT_OPERATION_RESULT_APPLY);
  g_assert_null (wp_print_operation_get_failure (operation));

  g_assert_true (wp_briefing_write_pdf (d->store, wp_plan_get_id (plan), NULL, summary, exported,
                                        &error));
  g_assert_no_error (error);

  info = wp_test_poppler ("pdfinfo", printed, NULL);
  g_assert_nonnull (strstr (info, "(A4)"));
  n_pages = wp_test_pdf_pages (printed);
  g_assert_cmpint (n_pages, >=, 2);
  g_assert_cmpint (wp_test_pdf_pages (exported), ==, n_pages);

  text = wp_test_poppler ("pdftotext", printed, "-");
  g_assert_nonnull (strstr (text, "Progress Briefing"));
  g_assert_nonnull (strstr (text, "Lead agency"));
  footer = g_strdup_printf ("Page %d of %d", n_pages, n_pages);
  g_assert_nonnull (strstr (text, footer));
  g_assert_nonnull (strstr (text, "总体平稳有序"));
  g_assert_null (strstr (text, "key tasks: 0 done"));

  /* An edit to the plan leaves the user's words alone; Redraft brings the
   * figures back. */
  {
    g_autoptr(GPtrArray) areas = wp_store_list_children (d->store, wp_plan_get_id (plan), 0, NULL);
    g_autofree char *still = NULL;
    GtkWidget *redraft;

    g_assert_true (wp_edit_set_title (wp_context_get_undo_stack (d->context),
                                      wp_item_get_id (g_ptr_array_index (areas, 0)),
                                      "坚持主动创稳", NULL));
    spin ();
    still = wp_progress_view_get_edited_summary (WP_PROGRESS_VIEW (progress));
    g_assert_cmpstr (still, ==, "上半年各项工作总体平稳有序。");

    redraft = find_button_labelled (progress, "_Redraft");
    g_assert_nonnull (redraft);
    g_assert_true (gtk_widget_get_visible (redraft));
    g_signal_emit_by_name (redraft, "clicked");
    spin ();
    g_assert_null (wp_progress_view_get_edited_summary (WP_PROGRESS_VIEW (progress)));
    g_assert_false (gtk_widget_get_visible (redraft));
    {
      GtkTextIter start, end;
      g_autofree char *draft = NULL;

      gtk_text_buffer_get_bounds (buffer, &start, &end);
      draft = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
      g_assert_nonnull (strstr (draft, "has 9 key tasks"));
      g_assert_nonnull (strstr (draft, "坚持主动创稳"));
    }
  }
}

static void
test_empty_database (void)
{
  g_autofree char *dir = wp_test_dir_new ();
  g_autofree char *path = g_build_filename (dir, "empty.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(WpStore) store = wp_store_open (path, WP_STORE_OPEN_DEFAULT, &error);
  g_autoptr(WpContext) context = wp_context_new (store, NULL);
  WpWindow *window = wp_window_new (NULL, context, NULL);
  AdwStatusPage *page;

  g_assert_no_error (error);
  gtk_window_present (GTK_WINDOW (window));
  spin ();

  page = ADW_STATUS_PAGE (find_mapped (GTK_WIDGET (window), ADW_TYPE_STATUS_PAGE));
  g_assert_nonnull (page);
  g_assert_cmpstr (adw_status_page_get_title (page), ==, "No Plans Yet");

  /* The other views say the same in their words. */
  {
    AdwViewStack *views = ADW_VIEW_STACK (find_descendant (GTK_WIDGET (window),
                                                           ADW_TYPE_VIEW_STACK));
    const struct { const char *view, *title; } empty[] = {
      { "board", "No Plan" }, { "agencies", "No Agencies Yet" },
    };

    for (guint i = 0; i < G_N_ELEMENTS (empty); i++)
      {
        adw_view_stack_set_visible_child_name (views, empty[i].view);
        spin ();
        page = ADW_STATUS_PAGE (find_mapped (GTK_WIDGET (window), ADW_TYPE_STATUS_PAGE));
        g_assert_nonnull (page);
        g_assert_cmpstr (adw_status_page_get_title (page), ==, empty[i].title);
      }
    adw_view_stack_set_visible_child_name (views, "outline");
    spin ();
  }

  /* A plan imported while the window is open appears in it. */
  {
    g_autofree char *sample = wp_test_sample_path ("xiamen-2025.json");
    g_autofree char *json = NULL;
    g_autoptr(WpPlan) plan = NULL;
    GtkGridView *view;

    g_assert_true (g_file_get_contents (sample, &json, NULL, NULL));
    plan = wp_json_import (store, json, -1, 0, FALSE, &error);
    g_assert_no_error (error);
    spin ();
    view = GTK_GRID_VIEW (find_descendant (GTK_WIDGET (window), GTK_TYPE_GRID_VIEW));
    g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (view)));
    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (gtk_grid_view_get_model (view))),
                      ==, 3 + 2 + 4 + 3);
  }

  gtk_window_destroy (GTK_WINDOW (window));
  spin ();
  g_clear_object (&context);
  g_assert_finalize_object (g_steal_pointer (&store));
  wp_test_dir_free (g_steal_pointer (&dir));
}

static void
test_open_error_shown (void)
{
  g_autofree char *dir = wp_test_dir_new ();
  g_autofree char *path = g_build_filename (dir, "notes.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(WpStore) store = NULL;
  g_autoptr(WpContext) context = NULL;
  WpWindow *window;
  AdwStatusPage *page = NULL;

  g_assert_true (g_file_set_contents (path, "not a database", -1, NULL));
  store = wp_store_open (path, WP_STORE_OPEN_DEFAULT, &error);
  g_assert_null (store);
  context = wp_context_new (NULL, NULL);
  window = wp_window_new (NULL, context, error);
  gtk_window_present (GTK_WINDOW (window));
  spin ();

  /* The status page on screen carries the store's message. */
  page = ADW_STATUS_PAGE (find_mapped (GTK_WIDGET (window), ADW_TYPE_STATUS_PAGE));
  g_assert_nonnull (page);
  g_assert_cmpstr (adw_status_page_get_description (page), ==, error->message);

  gtk_window_destroy (GTK_WINDOW (window));
  spin ();
  wp_test_dir_free (g_steal_pointer (&dir));
}

/* A file that opens but is damaged further in: the window shows it while
 * checking it, then says it is damaged; nothing is written to it. */
static void
test_damage_found_later (void)
{
  g_autofree char *dir = wp_test_dir_new ();
  g_autofree char *path = g_build_filename (dir, "broken.db", NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;
  AdwStatusPage *page;
  WpWindow *window;

  wp_test_make_damaged_file (path);
  before = wp_test_file_checksum (path);
  {
    g_autoptr(WpStore) store = wp_store_open (path, WP_STORE_OPEN_CHECK_LATER, &error);
    g_autoptr(WpContext) context = NULL;

    g_assert_no_error (error);
    context = wp_context_new (store, NULL);
    window = wp_window_new (NULL, context, NULL);
    gtk_window_present (GTK_WINDOW (window));
    while (wp_store_is_check_pending (store))
      g_main_context_iteration (NULL, TRUE);
    spin ();

    page = ADW_STATUS_PAGE (find_mapped (GTK_WIDGET (window), ADW_TYPE_STATUS_PAGE));
    g_assert_nonnull (page);
    g_assert_nonnull (strstr (adw_status_page_get_description (page), path));
    g_assert_cmpstr (adw_status_page_get_title (page), ==, "The Plan File Is Damaged");
    gtk_window_destroy (GTK_WINDOW (window));
    spin ();
  }
  after = wp_test_file_checksum (path);
  g_assert_cmpstr (before, ==, after);
  wp_test_dir_free (g_steal_pointer (&dir));
}

/* A search with many matches opens the rows above them from the top down
 * a few screens far, and the others as they come into view. */
static void
test_search_opens_rows_in_view (Demo          *d,
                                gconstpointer  data)
{
  g_autoptr(WpPlan) plan = wp_store_get_plan_by_year (d->store, 2025, NULL);
  WpOutlineView *outline = WP_OUTLINE_VIEW (find_descendant (GTK_WIDGET (d->window),
                                                             WP_TYPE_OUTLINE_VIEW));
  GtkGridView *view = GTK_GRID_VIEW (find_descendant (GTK_WIDGET (outline), GTK_TYPE_GRID_VIEW));
  GListModel *rows;
  /* the demo's 7 rows for 综治; 2 areas, 60 key tasks, 180 actions */
  const guint all = 7 + 2 + 60 + 180;
  guint n = 0;

  wp_test_generate_plan (d->store, wp_plan_get_id (plan), 2, 30, 3, "综治", NULL, NULL);
  wp_outline_view_set_search (outline, "综治");
  spin ();
  rows = G_LIST_MODEL (gtk_grid_view_get_model (view));
  g_assert_cmpuint (g_list_model_get_n_items (rows), >=, 40);
  g_assert_cmpuint (g_list_model_get_n_items (rows), <, all);

  /* Scrolling down through them opens the rest (each step laid out and
   * drawn, so that the rows in view are the ones bound). */
  for (guint i = 0; i < g_list_model_get_n_items (rows) + 10; i += 10)
    {
      guint last = g_list_model_get_n_items (rows) - 1;

      gtk_widget_activate_action (GTK_WIDGET (view), "list.scroll-to-item", "u", MIN (i, last));
      spin ();
      wait_frame (GTK_WIDGET (view));
      spin ();
    }
  n = g_list_model_get_n_items (rows);
  g_assert_cmpuint (n, ==, all);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GtkTreeListRow) row = g_list_model_get_item (rows, i);
      g_autoptr(WpItem) item = gtk_tree_list_row_get_item (row);

      g_assert_true (strstr (wp_item_get_title (item), "综治") != NULL
                     || gtk_tree_list_row_get_expanded (row));
    }
}

static gboolean
is_visible_button_labelled (GtkWidget *widget, gconstpointer label)
{
  return is_button_labelled (widget, label) && gtk_widget_get_visible (widget);
}

static gboolean
is_label_with_text (GtkWidget *widget, gconstpointer text)
{
  return GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0;
}

/* A key task titled with markup characters, first under the demo's first
 * area */
static gint64
add_marked_up_task (Demo *d)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WpPlan) plan = wp_store_get_plan_by_year (d->store, 2025, NULL);
  g_autoptr(GPtrArray) areas = wp_store_list_children (d->store, wp_plan_get_id (plan), 0, NULL);
  g_autoptr(WpItem) task = wp_store_create_item (d->store, wp_plan_get_id (plan),
                                                 wp_item_get_id (areas->pdata[0]), 0,
                                                 WP_ITEM_KIND_TASK, "R&D <试点> 任务", &error);

  g_assert_no_error (error);
  spin ();
  return wp_item_get_id (task);
}

/* Deletes item @id through the outline's action, as the Delete key does,
 * and waits for its toast: the row goes first, the toast comes with the
 * frames after. Returns the toast's Undo button. */
static GtkWidget *
delete_until_toast (Demo      *d,
                    GtkWidget *outline,
                    gint64     id)
{
  GtkWidget *undo = NULL;

  g_assert_true (wp_outline_view_show_item (WP_OUTLINE_VIEW (outline), id));
  gtk_widget_activate_action (outline, "outline.delete", NULL);
  for (int i = 0; i < 100; i++)
    {
      g_autoptr(WpItem) still = wp_store_get_item (d->store, id, NULL);

      if (still == NULL)
        break;
      g_main_context_iteration (NULL, TRUE);
    }
  {
    g_autoptr(WpItem) gone = wp_store_get_item (d->store, id, NULL);
    g_assert_null (gone);
  }
  for (int i = 0; i < 100 && undo == NULL; i++)
    {
      wait_frame (GTK_WIDGET (d->window));
      spin ();
      undo = find_widget (GTK_WIDGET (d->window), is_visible_button_labelled, "_Undo");
    }
  g_assert_nonnull (undo);
  /* (its title as written: libadwaita 1.2 reads toast titles as markup) */
  g_assert_nonnull (find_widget (GTK_WIDGET (d->window), is_label_with_text,
                                 "Deleted “R&D <试点> 任务”"));
  return undo;
}

/* The Delete key's action takes the selected key task away and offers to
 * undo it in a toast; the toast's button brings it back, selected. */
static void
test_delete_offers_undo (Demo          *d,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  GtkWidget *outline = find_descendant (GTK_WIDGET (d->window), WP_TYPE_OUTLINE_VIEW);
  gint64 id = add_marked_up_task (d);
  GtkWidget *undo = delete_until_toast (d, outline, id);
  g_autoptr(WpItem) back = NULL;
  g_autoptr(WpItem) selected = NULL;

  g_signal_emit_by_name (undo, "clicked");
  spin ();
  back = wp_store_get_item (d->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (wp_item_get_title (back), ==, "R&D <试点> 任务");
  g_assert_cmpint (wp_item_get_position (back), ==, 0);
  selected = wp_outline_view_get_selected_item (WP_OUTLINE_VIEW (outline));
  g_assert_nonnull (selected);
  g_assert_cmpint (wp_item_get_id (selected), ==, id);
}

/* Issue 15, defect 3: on a full disk a title typed with F2 was shown as if
 * saved, and a deleted area was gone from the view, though the toast said
 * nothing was changed. The view shows what the file holds; the typed
 * title stays in its entry for another try. */
static void
test_disk_full_keeps_typing (Demo          *d,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  GtkWidget *outline = find_descendant (GTK_WIDGET (d->window), WP_TYPE_OUTLINE_VIEW);
  gint64 id = add_marked_up_task (d);
  GtkWidget *focus;
  GtkWidget *entry;

  g_assert_true (wp_outline_view_show_item (WP_OUTLINE_VIEW (outline), id));
  spin ();
  wp_test_fail_writes_after (0);

  /* A delete that cannot be saved leaves the row */
  gtk_widget_activate_action (outline, "outline.delete", NULL);
  spin ();
  {
    g_autoptr(WpItem) item = wp_store_get_item (d->store, id, &error);

    g_assert_no_error (error);
    g_assert_nonnull (item);
  }
  g_assert_true (wp_outline_view_show_item (WP_OUTLINE_VIEW (outline), id));
  spin ();

  /* A title that cannot be saved stays typed in its entry */
  gtk_widget_activate_action (outline, "outline.rename", NULL);
  spin ();
  focus = gtk_root_get_focus (GTK_ROOT (d->window));
  entry = focus != NULL ? gtk_widget_get_ancestor (focus, GTK_TYPE_ENTRY) : NULL;
  g_assert_nonnull (entry);
  gtk_editable_set_text (GTK_EDITABLE (entry), "磁盘满时输入的标题");
  g_signal_emit_by_name (entry, "activate");
  spin ();
  {
    g_autoptr(WpItem) item = wp_store_get_item (d->store, id, &error);

    g_assert_no_error (error);
    g_assert_cmpstr (wp_item_get_title (item), ==, "R&D <试点> 任务");
  }
  g_assert_true (gtk_widget_get_mapped (entry));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "磁盘满时输入的标题");
  g_assert_null (find_widget (GTK_WIDGET (d->window), is_label_with_text, "磁盘满时输入的标题"));

  /* Space again: Enter saves what was typed */
  wp_test_restore_writes ();
  g_signal_emit_by_name (entry, "activate");
  spin ();
  {
    g_autoptr(WpItem) item = wp_store_get_item (d->store, id, &error);

    g_assert_no_error (error);
    g_assert_cmpstr (wp_item_get_title (item), ==, "磁盘满时输入的标题");
  }
}

/* Issue 15, defect 8: while another program wrote, each edit froze the
 * window for five seconds and then dropped the typed title. The edit now
 * does not wait: it keeps the title typed, says it waits, and saves it by
 * itself once the other program is done; the window shows what the other
 * program saved. */
static void
test_other_writer_keeps_typing (Demo          *d,
                                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  GtkWidget *outline = find_descendant (GTK_WIDGET (d->window), WP_TYPE_OUTLINE_VIEW);
  gint64 id = add_marked_up_task (d);
  g_autoptr(WpPlan) plan = wp_store_get_plan_by_year (d->store, 2025, NULL);
  GtkWidget *focus;
  GtkWidget *entry;
  sqlite3 *writer = NULL;

  g_assert_true (wp_outline_view_show_item (WP_OUTLINE_VIEW (outline), id));
  spin ();
  g_assert_cmpint (sqlite3_open (wp_store_get_path (d->store), &writer), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (writer, "BEGIN IMMEDIATE;"
                                         "UPDATE plan SET title = '别的程序改的标题';", NULL,
                                 NULL, NULL), ==, SQLITE_OK);

  gtk_widget_activate_action (outline, "outline.rename", NULL);
  spin ();
  focus = gtk_root_get_focus (GTK_ROOT (d->window));
  entry = focus != NULL ? gtk_widget_get_ancestor (focus, GTK_TYPE_ENTRY) : NULL;
  g_assert_nonnull (entry);
  gtk_editable_set_text (GTK_EDITABLE (entry), "另一程序写入时输入的标题");
  g_signal_emit_by_name (entry, "activate");
  spin ();
  g_assert_true (gtk_widget_get_mapped (entry));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "另一程序写入时输入的标题");
  g_assert_true (wp_outline_view_is_editing (WP_OUTLINE_VIEW (outline)));

  /* Enter again while it waits: still kept, no second message */
  g_signal_emit_by_name (entry, "activate");
  spin ();
  g_assert_true (wp_outline_view_is_editing (WP_OUTLINE_VIEW (outline)));

  /* The other program is done: the title is saved without another Enter,
   * and the other program's change shows */
  g_assert_cmpint (sqlite3_exec (writer, "COMMIT", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (writer);
  for (guint k = 0; k < 500 && wp_outline_view_is_editing (WP_OUTLINE_VIEW (outline)); k++)
    {
      g_usleep (10 * 1000);
      spin ();
    }
  g_assert_false (wp_outline_view_is_editing (WP_OUTLINE_VIEW (outline)));
  {
    g_autoptr(WpItem) item = wp_store_get_item (d->store, id, &error);

    g_assert_no_error (error);
    g_assert_cmpstr (wp_item_get_title (item), ==, "另一程序写入时输入的标题");
  }
  /* (the window looks every second: it may have seen it already) */
  wp_store_check_outside_changes (d->store);
  spin ();
  {
    g_autoptr(WpPlan) again = wp_store_get_plan_by_year (d->store, 2025, NULL);

    g_assert_cmpstr (wp_plan_get_title (again), ==, "别的程序改的标题");
    g_assert_nonnull (strstr (gtk_window_get_title (GTK_WINDOW (d->window)), "别的程序改的标题"));
  }
}

/* Issue 15, defect 7: a plan file one may only read was refused; it is
 * shown read-only, with a bar that says so and offers a copy to edit. */
static void
test_read_only_file_shown (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = wp_test_dir_new ();
  g_autofree char *path = NULL;
  WpStore *store;
  g_autoptr(WpContext) context = NULL;
  WpWindow *window;
  GtkWidget *bar;

  {
    g_autoptr(WpPlan) plan = NULL;
    WpStore *demo = wp_test_open_demo (dir, &plan);

    path = g_strdup (wp_store_get_path (demo));
    g_clear_object (&plan);
    g_assert_finalize_object (demo);
  }
  store = wp_store_open (path, WP_STORE_OPEN_CHECK_LATER | WP_STORE_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  context = wp_context_new (store, NULL);
  window = wp_window_new (NULL, context, NULL);
  gtk_window_present (GTK_WINDOW (window));
  spin ();

  bar = find_descendant (GTK_WIDGET (window), GTK_TYPE_INFO_BAR);
  g_assert_nonnull (bar);
  g_assert_true (gtk_info_bar_get_revealed (GTK_INFO_BAR (bar)));
  g_assert_nonnull (find_widget (bar, is_label_with_text,
                                 "This plan file is read-only: nothing can be changed in it. "
                                 "Save a copy to edit it."));
  g_assert_true (g_str_has_prefix (gtk_window_get_title (GTK_WINDOW (window)),
                                   "2025年全市政法工作任务分解"));

  gtk_window_destroy (GTK_WINDOW (window));
  spin ();
  g_clear_object (&context);
  g_assert_finalize_object (store);
  wp_test_dir_free (dir);
}

/* Issue 15, defect 6: a file whose latest changes are damaged is refused
 * with a page that says what was kept, and opens without them when asked. */
static void
test_damaged_log_page (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = wp_test_dir_new ();
  g_autofree char *path = wp_test_make_damaged_log (dir);
  g_autoptr(WpStore) store = wp_store_open (path, WP_STORE_OPEN_CHECK_LATER, &error);
  g_autoptr(WpContext) context = wp_context_new (NULL, NULL);
  WpWindow *window;
  GtkWidget *button;
  GtkWindow *reopened = NULL;

  g_assert_null (store);
  g_assert_error (error, WP_STORE_ERROR, WP_STORE_ERROR_DAMAGED_LOG);
  window = wp_window_new_for_path (NULL, context, path, error);
  gtk_window_present (GTK_WINDOW (window));
  spin ();
  g_assert_nonnull (find_widget (GTK_WIDGET (window), is_label_with_text,
                                 "The Latest Changes Are Damaged"));
  button = find_widget (GTK_WIDGET (window), is_visible_button_labelled,
                        "Open Without the Damaged Changes");
  g_assert_nonnull (button);

  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &window);
  g_assert_true (gtk_widget_activate_action (button, "win.open-without-damaged-changes", NULL));
  spin ();
  g_assert_null (window);
  {
    GList *windows = gtk_window_list_toplevels ();

    for (GList *l = windows; l != NULL; l = l->next)
      if (WP_IS_WINDOW (l->data))
        reopened = l->data;
    g_list_free (windows);
  }
  g_assert_nonnull (reopened);
  spin ();
  g_assert_null (find_widget (GTK_WIDGET (reopened), is_visible_button_labelled,
                              "Open Without the Damaged Changes"));
  g_assert_nonnull (find_mapped (GTK_WIDGET (reopened), WP_TYPE_OUTLINE_VIEW));
  gtk_window_destroy (reopened);
  spin ();
  {
    g_autofree char *names = NULL;
    g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
    const char *name;

    /* the file and its log as they were, kept beside it */
    while ((name = g_dir_read_name (d)) != NULL)
      if (g_str_has_prefix (name, "crashed.db.damaged-log-"))
        {
          g_autofree char *kept = g_build_filename (dir, name, NULL);
          g_autofree char *db = g_build_filename (kept, "crashed.db", NULL);
          g_autofree char *wal = g_build_filename (kept, "crashed.db-wal", NULL);

          g_assert_true (g_file_test (wal, G_FILE_TEST_EXISTS));
          g_unlink (db);
          g_unlink (wal);
          g_rmdir (kept);
          names = g_strdup (name);
        }
    g_assert_nonnull (names);
  }
  wp_test_dir_free (dir);
}

/* Undone another way (Ctrl+Z), the toast says so and offers nothing more;
 * followed by another edit, it offers nothing either: its button would
 * have undone that edit. */
static void
test_undo_toast_goes_stale (Demo          *d,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  GtkWidget *outline = find_descendant (GTK_WIDGET (d->window), WP_TYPE_OUTLINE_VIEW);
  gint64 id = add_marked_up_task (d);
  GtkWidget *undo = delete_until_toast (d, outline, id);
  g_autoptr(WpItem) selected = NULL;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (d->window), "win.undo", NULL));
  spin ();
  g_assert_false (gtk_widget_get_visible (undo));
  g_assert_nonnull (find_widget (GTK_WIDGET (d->window), is_label_with_text,
                                 "Undone: Delete “R&D <试点> 任务”"));
  selected = wp_outline_view_get_selected_item (WP_OUTLINE_VIEW (outline));
  g_assert_nonnull (selected);
  g_assert_cmpint (wp_item_get_id (selected), ==, id);
}

static void
test_undo_toast_superseded (Demo          *d,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  GtkWidget *outline = find_descendant (GTK_WIDGET (d->window), WP_TYPE_OUTLINE_VIEW);
  gint64 id = add_marked_up_task (d);
  GtkWidget *undo = delete_until_toast (d, outline, id);
  g_autoptr(WpPlan) plan = wp_store_get_plan_by_year (d->store, 2025, NULL);
  g_autoptr(GPtrArray) areas = wp_store_list_children (d->store, wp_plan_get_id (plan), 0, NULL);

  g_assert_true (wp_edit_set_title (wp_context_get_undo_stack (d->context),
                                    wp_item_get_id (areas->pdata[0]), "改过的领域", &error));
  g_assert_no_error (error);
  spin ();
  g_assert_false (gtk_widget_get_visible (undo));
  g_assert_nonnull (find_widget (GTK_WIDGET (d->window), is_label_with_text,
                                 "Deleted “R&D <试点> 任务”"));
}

/* Column widths dragged in the header are kept in GSettings and given to
 * the next outline. */
static void
test_column_widths_remembered (void)
{
  g_autofree char *dir = wp_test_dir_new ();
  g_autoptr(WpStore) store = demo_store (dir);
  g_autoptr(GSettings) settings = g_settings_new ("io.github.workplan.Workplan");
  g_autoptr(WpContext) context = wp_context_new (store, settings);
  g_autoptr(GVariant) stored = NULL;
  int lead = wp_outline_column_get_width (WP_OUTLINE_COLUMN_LEAD);
  GtkWidget *header;
  WpWindow *window;

  window = wp_window_new (NULL, context, NULL);
  gtk_window_present (GTK_WINDOW (window));
  spin ();
  header = find_descendant (GTK_WIDGET (window), WP_TYPE_OUTLINE_ROW);
  g_assert_true (gtk_widget_has_css_class (header, "wp-outline-header"));

  wp_outline_column_set_width (WP_OUTLINE_COLUMN_LEAD, lead + 44);
  g_signal_emit_by_name (header, "columns-resized");
  stored = g_settings_get_value (settings, "outline-column-widths");
  g_assert_cmpuint (g_variant_n_children (stored), ==, WP_OUTLINE_N_COLUMNS - 1);
  {
    g_autoptr(GVariant) first = g_variant_get_child_value (stored, 0);
    g_assert_cmpint (g_variant_get_int32 (first), ==, lead + 44);
  }
  gtk_window_destroy (GTK_WINDOW (window));
  spin ();

  /* The next window starts with them. */
  wp_outline_column_set_width (WP_OUTLINE_COLUMN_LEAD, lead);
  window = wp_window_new (NULL, context, NULL);
  g_assert_cmpint (wp_outline_column_get_width (WP_OUTLINE_COLUMN_LEAD), ==, lead + 44);
  gtk_window_destroy (GTK_WINDOW (window));
  spin ();

  wp_outline_column_set_width (WP_OUTLINE_COLUMN_LEAD, lead);
  g_settings_reset (settings, "outline-column-widths");
  g_clear_object (&context);
  g_clear_object (&store);
  wp_test_dir_free (g_steal_pointer (&dir));
}

static gint64
item_titled (WpStore    *store,
             const char *words)
{
  g_autoptr(WpPlan) plan = wp_store_get_plan_by_year (store, 2025, NULL);
  g_autoptr(GArray) ids = wp_store_search (store, wp_plan_get_id (plan), words, NULL);

  g_assert_nonnull (ids);
  g_assert_cmpuint (ids->len, ==, 1);
  return g_array_index (ids, gint64, 0);
}

static gint64
agency_named (WpStore    *store,
              const char *name)
{
  g_autoptr(GPtrArray) agencies = wp_store_list_agencies (store, NULL);

  for (guint i = 0; i < agencies->len; i++)
    if (g_str_equal (wp_agency_get_name (g_ptr_array_index (agencies, i)), name))
      return wp_agency_get_id (g_ptr_array_index (agencies, i));
  return 0;
}

static WpItemStatus
stored_status (WpStore *store,
               gint64   id)
{
  g_autoptr(WpItem) item = wp_store_get_item (store, id, NULL);

  return wp_item_get_status (item);
}

/* The board: a card moved between status columns and between agency
 * columns through the Move To menu's action (the keyboard's and the
 * drop's code), undone with Ctrl+Z's action; the database checked. */
static GtkWindow *wait_for_window (GType      type,
                                   GtkWindow *old);

static void
test_board_moves_cards (Demo          *d,
                        gconstpointer  data)
{
  WpBoardView *board;
  AdwViewStack *views = ADW_VIEW_STACK (find_descendant (GTK_WIDGET (d->window),
                                                         ADW_TYPE_VIEW_STACK));
  gint64 sea = item_titled (d->store, "平安海域");
  gint64 crime = item_titled (d->store, "依法严厉打击各类违法犯罪");
  g_autofree char *prosecutors = g_strdup_printf ("lead:%" G_GINT64_FORMAT,
                                                  agency_named (d->store, "市检察院"));
  GtkStack *stack;

  adw_view_stack_set_visible_child_name (views, "board");
  board = WP_BOARD_VIEW (find_descendant (GTK_WIDGET (d->window), WP_TYPE_BOARD_VIEW));
  wp_board_view_set_grouping (board, WP_BOARD_BY_STATUS);
  wp_board_view_set_cards (board, WP_BOARD_CARDS_ACTIONS);
  spin ();
  stack = GTK_STACK (find_widget (GTK_WIDGET (board), is_stack_with_page, "board"));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "board");

  /* Select a card: the item editor shows it. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (d->window), "win.show-editor", NULL));
  g_assert_true (wp_board_view_select_item (board, sea));
  spin ();
  {
    g_autoptr(WpItem) selected = wp_board_view_get_selected_item (board);
    AdwEntryRow *title = find_entry_row (GTK_WIDGET (d->window), "Title");

    g_assert_cmpint (wp_item_get_id (selected), ==, sea);
    g_assert_nonnull (title);
    g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (title)), ==, "深化平安海域创建");
  }

  /* Not started → done is a close-out: it asks for the completion note,
   * and the card stays selected in its new column */
  g_assert_cmpint (stored_status (d->store, sea), ==, WP_ITEM_STATUS_NOT_STARTED);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (board), "board.move-to", "s",
                                             "status:done"));
  spin ();
  g_assert_cmpint (stored_status (d->store, sea), ==, WP_ITEM_STATUS_NOT_STARTED);
  {
    WpCloseoutDialog *closeout =
      WP_CLOSEOUT_DIALOG (wait_for_window (WP_TYPE_CLOSEOUT_DIALOG, NULL));

    wp_closeout_dialog_set_completion (closeout, "海域巡查全覆盖");
    g_signal_emit_by_name (wp_closeout_dialog_get_confirm_button (closeout), "clicked");
    spin ();
  }
  g_assert_cmpint (stored_status (d->store, sea), ==, WP_ITEM_STATUS_DONE);
  {
    g_autoptr(WpItem) selected = wp_board_view_get_selected_item (board);
    g_assert_cmpint (wp_item_get_id (selected), ==, sea);
  }
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (d->window), "win.undo", NULL));
  spin ();
  g_assert_cmpint (stored_status (d->store, sea), ==, WP_ITEM_STATUS_NOT_STARTED);

  /* Between agency columns: the new lead replaces the old one. */
  wp_board_view_set_grouping (board, WP_BOARD_BY_LEAD);
  spin ();
  g_assert_true (wp_board_view_select_item (board, crime));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (board), "board.move-to", "s",
                                             prosecutors));
  spin ();
  {
    g_autoptr(WpItem) item = wp_store_get_item (d->store, crime, NULL);
    g_assert_cmpstrv (wp_item_get_lead_agencies (item), ((const char *[]) { "市检察院", NULL }));
  }
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (d->window), "win.undo", NULL));
  spin ();
  {
    g_autoptr(WpItem) item = wp_store_get_item (d->store, crime, NULL);
    g_assert_cmpstrv (wp_item_get_lead_agencies (item), ((const char *[]) { "市公安局", NULL }));
  }

  /* The window's search narrows the board; nothing found says so. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (d->window), "win.search", NULL));
  spin ();
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (views), ==, "board");
  {
    GtkWidget *entry = find_descendant (find_descendant (GTK_WIDGET (d->window),
                                                         GTK_TYPE_SEARCH_BAR),
                                        GTK_TYPE_SEARCH_ENTRY);

    gtk_editable_set_text (GTK_EDITABLE (entry), "没有这样的词");
    g_signal_emit_by_name (entry, "search-changed");  /* without the typing delay */
  }
  wp_board_view_refresh_now (board);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "empty");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (d->window), "win.close-search", NULL));
  spin ();
  wp_board_view_refresh_now (board);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "board");

  /* Back to the default for the next run's settings */
  wp_board_view_set_grouping (board, WP_BOARD_BY_STATUS);
  wp_board_view_set_cards (board, WP_BOARD_CARDS_TASKS);
}

static void
collect_list_views (GtkWidget *widget,
                    GPtrArray *lists)
{
  if (GTK_IS_LIST_VIEW (widget) && gtk_widget_has_css_class (widget, "wp-board-list"))
    g_ptr_array_add (lists, widget);
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    collect_list_views (c, lists);
}

static guint
n_cards_of (GtkWidget *list)
{
  return g_list_model_get_n_items (G_LIST_MODEL (gtk_list_view_get_model (GTK_LIST_VIEW (list))));
}

/* By lead agency the board has a column for each agency: those off screen
 * get their cards as they scroll into view, and a card selected in one
 * of them is there at once. */
static void
test_board_fills_columns_as_shown (Demo          *d,
                                   gconstpointer  data)
{
  WpBoardView *board;
  AdwViewStack *views = ADW_VIEW_STACK (find_descendant (GTK_WIDGET (d->window),
                                                         ADW_TYPE_VIEW_STACK));
  g_autoptr(GPtrArray) plans = wp_store_list_plans (d->store, NULL);
  WpPlan *plan = g_ptr_array_index (plans, plans->len - 1);
  g_autoptr(GPtrArray) columns = wp_board_compute (d->store, wp_plan_get_id (plan),
                                                   WP_BOARD_BY_LEAD, WP_BOARD_CARDS_ACTIONS,
                                                   NULL, NULL);
  g_autoptr(GPtrArray) lists = g_ptr_array_new ();
  g_autoptr(WpItem) selected = NULL;
  GtkScrolledWindow *scroller;
  GtkAdjustment *adj;
  GtkWidget *far;
  guint n_far = 0;
  gint64 id;

  /* The last column with cards (未分配, last, may have none) */
  for (guint i = 0; i < columns->len; i++)
    if (((WpBoardColumn *) g_ptr_array_index (columns, i))->ids->len > 0)
      n_far = i;
  g_assert_cmpuint (n_far, >=, 5);

  gtk_window_set_default_size (GTK_WINDOW (d->window), 640, 600);
  adw_view_stack_set_visible_child_name (views, "board");
  board = WP_BOARD_VIEW (find_descendant (GTK_WIDGET (d->window), WP_TYPE_BOARD_VIEW));
  wp_board_view_set_cards (board, WP_BOARD_CARDS_ACTIONS);
  wp_board_view_set_grouping (board, WP_BOARD_BY_LEAD);
  spin ();
  wait_frame (GTK_WIDGET (board));
  collect_list_views (GTK_WIDGET (board), lists);
  g_assert_cmpuint (lists->len, ==, columns->len);
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (board)), <, 700);
  g_assert_cmpuint (n_cards_of (g_ptr_array_index (lists, 0)), >, 0);
  far = g_ptr_array_index (lists, n_far);
  g_assert_cmpuint (n_cards_of (far), ==, 0);

  /* Scrolled to the end, the far column has its cards */
  /* (the board's scroller, around the columns' own) */
  scroller = GTK_SCROLLED_WINDOW (gtk_widget_get_ancestor (far, GTK_TYPE_SCROLLED_WINDOW));
  scroller = GTK_SCROLLED_WINDOW (gtk_widget_get_ancestor (gtk_widget_get_parent (GTK_WIDGET (scroller)),
                                                           GTK_TYPE_SCROLLED_WINDOW));
  adj = gtk_scrolled_window_get_hadjustment (scroller);
  gtk_adjustment_set_value (adj, gtk_adjustment_get_upper (adj));
  spin ();
  g_assert_cmpuint (n_cards_of (far), >, 0);

  /* A card in a column not yet shown is selected there */
  gtk_adjustment_set_value (adj, 0);
  wp_board_view_set_grouping (board, WP_BOARD_BY_STATUS);
  spin ();
  wp_board_view_set_grouping (board, WP_BOARD_BY_LEAD);
  spin ();
  g_ptr_array_set_size (lists, 0);
  collect_list_views (GTK_WIDGET (board), lists);
  far = g_ptr_array_index (lists, n_far);
  g_assert_cmpuint (n_cards_of (far), ==, 0);
  /* (the first columns' widgets, kept from the other grouping, show this
   * one's cards, none of them selected) */
  for (guint i = 0; i < 2; i++)
    {
      GListModel *model = G_LIST_MODEL (gtk_list_view_get_model (
                                          GTK_LIST_VIEW (g_ptr_array_index (lists, i))));
      WpBoardColumn *column = g_ptr_array_index (columns, i);
      g_autoptr(WpItem) first = g_list_model_get_item (model, 0);

      g_assert_nonnull (first);
      g_assert_cmpint (wp_item_get_id (first), ==, g_array_index (column->ids, gint64, 0));
      g_assert_cmpuint (g_list_model_get_n_items (model), <=, column->ids->len);
      g_assert_cmpuint (gtk_single_selection_get_selected (GTK_SINGLE_SELECTION (model)), ==,
                        GTK_INVALID_LIST_POSITION);
    }
  id = g_array_index (((WpBoardColumn *) g_ptr_array_index (columns, n_far))->ids, gint64, 0);
  g_assert_true (wp_board_view_select_item (board, id));
  spin ();
  g_assert_cmpuint (n_cards_of (far), >, 0);
  selected = wp_board_view_get_selected_item (board);
  g_assert_cmpint (wp_item_get_id (selected), ==, id);

  wp_board_view_set_grouping (board, WP_BOARD_BY_STATUS);
  wp_board_view_set_cards (board, WP_BOARD_CARDS_TASKS);
  spin ();
}

/* The directory: an agency renamed and two merged through their dialogs,
 * undone; activating an agency shows its cards on the board. */
/* The board is made when first shown: made while a search narrows the
 * outline, it shows only what the search asks for, as if it had been
 * there all along. */
static void
test_board_made_under_a_search (Demo          *d,
                                gconstpointer  data)
{
  AdwViewStack *views = ADW_VIEW_STACK (find_descendant (GTK_WIDGET (d->window),
                                                         ADW_TYPE_VIEW_STACK));
  gint64 sea = item_titled (d->store, "平安海域");
  gint64 crime = item_titled (d->store, "依法严厉打击各类违法犯罪");
  WpBoardView *board;

  g_assert_null (find_descendant (GTK_WIDGET (d->window), WP_TYPE_BOARD_VIEW));
  /* 市海洋发展局 leads 深化平安海域创建, not the crackdown (市公安局's) */
  wp_window_show_filter (d->window, "市海洋发展局", -1, 0);
  spin ();
  adw_view_stack_set_visible_child_name (views, "board");
  board = WP_BOARD_VIEW (find_descendant (GTK_WIDGET (d->window), WP_TYPE_BOARD_VIEW));
  g_assert_nonnull (board);
  wp_board_view_set_cards (board, WP_BOARD_CARDS_ACTIONS);
  spin ();
  g_assert_true (wp_board_view_select_item (board, sea));
  g_assert_false (wp_board_view_select_item (board, crime));

  /* Closing the search shows every card again */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (d->window), "win.close-search", NULL));
  spin ();
  g_assert_true (wp_board_view_select_item (board, crime));
}

static void
test_agency_directory (Demo          *d,
                       gconstpointer  data)
{
  WpAgencyView *agencies;
  AdwViewStack *views = ADW_VIEW_STACK (find_descendant (GTK_WIDGET (d->window),
                                                         ADW_TYPE_VIEW_STACK));
  gint64 drugs = agency_named (d->store, "市禁毒办");
  gint64 police = agency_named (d->store, "市公安局");
  gint64 action = item_titled (d->store, "争创全国禁毒示范城市");
  AdwMessageDialog *dialog;
  AdwComboRow *into;
  GListModel *names;
  GtkListBoxRow *first;

  adw_view_stack_set_visible_child_name (views, "agencies");
  agencies = WP_AGENCY_VIEW (find_descendant (GTK_WIDGET (d->window), WP_TYPE_AGENCY_VIEW));
  wp_agency_view_refresh_now (agencies);
  spin ();

  /* Rename with a short name */
  wp_agency_view_edit (agencies, drugs);
  spin ();
  dialog = find_dialog ("Edit Agency");
  g_assert_nonnull (dialog);
  gtk_editable_set_text (GTK_EDITABLE (find_entry_row (GTK_WIDGET (dialog), "Name")),
                         "市禁毒委员会办公室");
  gtk_editable_set_text (GTK_EDITABLE (find_entry_row (GTK_WIDGET (dialog), "Short Name")),
                         "市禁毒办");
  adw_message_dialog_response (dialog, "save");
  spin ();
  {
    g_autoptr(WpAgency) agency = wp_store_get_agency (d->store, drugs, NULL);
    g_autoptr(WpItem) item = wp_store_get_item (d->store, action, NULL);

    g_assert_cmpstr (wp_agency_get_name (agency), ==, "市禁毒委员会办公室");
    g_assert_cmpstr (wp_agency_get_short_name (agency), ==, "市禁毒办");
    g_assert_cmpstrv (wp_item_get_lead_agencies (item),
                      ((const char *[]) { "市禁毒委员会办公室", NULL }));
  }
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (d->window), "win.undo", NULL));
  spin ();

  /* Merge into 市公安局 */
  wp_agency_view_refresh_now (agencies);
  wp_agency_view_merge (agencies, drugs);
  spin ();
  dialog = find_dialog ("Merge Agency");
  g_assert_nonnull (dialog);
  into = ADW_COMBO_ROW (find_descendant (GTK_WIDGET (dialog), ADW_TYPE_COMBO_ROW));
  names = adw_combo_row_get_model (into);
  for (guint i = 0; i < g_list_model_get_n_items (names); i++)
    if (g_str_equal (gtk_string_list_get_string (GTK_STRING_LIST (names), i), "市公安局"))
      adw_combo_row_set_selected (into, i);
  adw_message_dialog_response (dialog, "merge");
  spin ();
  g_assert_cmpint (agency_named (d->store, "市禁毒办"), ==, 0);
  {
    g_autoptr(WpItem) item = wp_store_get_item (d->store, action, NULL);
    g_assert_cmpstrv (wp_item_get_lead_agencies (item), ((const char *[]) { "市公安局", NULL }));
  }
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (d->window), "win.undo", NULL));
  spin ();
  g_assert_cmpint (agency_named (d->store, "市禁毒办"), ==, drugs);
  g_assert_cmpint (agency_named (d->store, "市公安局"), ==, police);
  {
    g_autoptr(WpItem) item = wp_store_get_item (d->store, action, NULL);
    g_assert_cmpstrv (wp_item_get_lead_agencies (item), ((const char *[]) { "市禁毒办", NULL }));
  }

  /* The busiest agency first; opening it shows its cards on the board */
  wp_agency_view_refresh_now (agencies);
  first = GTK_LIST_BOX_ROW (find_descendant (GTK_WIDGET (agencies), ADW_TYPE_ACTION_ROW));
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (first)), ==, "市委政法委");
  g_signal_emit_by_name (gtk_widget_get_parent (GTK_WIDGET (first)), "row-activated", first);
  spin ();
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (views), ==, "board");
  {
    GtkWidget *bar = find_descendant (GTK_WIDGET (d->window), GTK_TYPE_SEARCH_BAR);
    GtkDropDown *agency = GTK_DROP_DOWN (find_descendant (bar, GTK_TYPE_DROP_DOWN));
    WpOutlineView *outline = WP_OUTLINE_VIEW (find_descendant (GTK_WIDGET (d->window),
                                                               WP_TYPE_OUTLINE_VIEW));
    GtkGridView *view = GTK_GRID_VIEW (find_descendant (GTK_WIDGET (outline),
                                                            GTK_TYPE_GRID_VIEW));
    GListModel *rows = G_LIST_MODEL (gtk_grid_view_get_model (view));

    /* The window's agency filter is set, and narrows the outline too */
    g_assert_true (gtk_search_bar_get_search_mode (GTK_SEARCH_BAR (bar)));
    g_assert_cmpstr (gtk_string_object_get_string (gtk_drop_down_get_selected_item (agency)), ==,
                     "市委政法委");
    for (guint i = 0; i < g_list_model_get_n_items (gtk_drop_down_get_model (agency)); i++)
      if (g_str_equal (gtk_string_list_get_string (GTK_STRING_LIST (
                         gtk_drop_down_get_model (agency)), i), "市禁毒办"))
        gtk_drop_down_set_selected (agency, i);
    spin ();
    /* 争创全国禁毒示范城市 with its key task and area */
    g_assert_cmpuint (g_list_model_get_n_items (rows), ==, 3);
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (d->window), "win.close-search", NULL));
    spin ();
    g_assert_cmpuint (g_list_model_get_n_items (rows), >, 3);
  }

  /* The progress view's status ring asks for the done items: the outline
   * shows the two done actions with their key tasks and areas. */
  {
    GtkWidget *progress;
    GtkGridView *view = GTK_GRID_VIEW (find_descendant (GTK_WIDGET (d->window),
                                                            GTK_TYPE_GRID_VIEW));
    GListModel *rows = G_LIST_MODEL (gtk_grid_view_get_model (view));

    adw_view_stack_set_visible_child_name (views, "progress");
    progress = find_descendant (GTK_WIDGET (d->window), WP_TYPE_PROGRESS_VIEW);
    g_signal_emit_by_name (progress, "filter-activated", NULL, (int) WP_ITEM_STATUS_DONE, 0);
    spin ();
    g_assert_cmpstr (adw_view_stack_get_visible_child_name (views), ==, "outline");
    g_assert_cmpuint (g_list_model_get_n_items (rows), ==, 6);
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (d->window), "win.close-search", NULL));
    spin ();

    /* The trend's month: what was done in it; the button takes it away */
    {
      g_autoptr(WpPlan) plan = wp_store_get_plan_by_year (d->store, 2025, NULL);
      g_autoptr(WpPlanStats) stats = wp_plan_stats_compute (d->store, wp_plan_get_id (plan),
                                                            NULL, NULL);
      int month = 0;
      guint n_rows;

      for (int m = 12; m >= 1; m--)
        if (stats->done_by_month[m - 1] == 1)
          month = m;
      g_assert_cmpint (month, >, 0);
      g_signal_emit_by_name (progress, "filter-activated", NULL, -1, month);
      spin ();
      /* one done action, with its key task and area */
      g_assert_cmpuint (g_list_model_get_n_items (rows), ==, 3);
      {
        g_autofree char *label = g_strdup_printf ("Done in %d ✕", month);
        GtkWidget *chip = find_button_labelled (GTK_WIDGET (d->window), label);

        g_assert_nonnull (chip);
        g_signal_emit_by_name (chip, "clicked");
      }
      spin ();
      n_rows = g_list_model_get_n_items (rows);
      g_assert_cmpuint (n_rows, >, 3);
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (d->window), "win.close-search",
                                                 NULL));
      spin ();
    }
  }
}

/* How long wait_for_window() waits before it fails the test: the restore
 * it waits for gives up on a window's file after 30 s, so past this
 * something is wrong, and a failure says where instead of a hang. */
#define WAIT_FOR_WINDOW_SECONDS 60

static gboolean
on_wait_for_window_too_long (gpointer data)
{
  gboolean *too_long = data;

  *too_long = TRUE;
  return G_SOURCE_REMOVE;
}

/* Runs the main loop until a window of @type other than @old shows. @old
 * is held weakly: once it is finalized, a new window may be given its
 * address (a window reopened on a restored file was), and only the weak
 * pointer tells the two apart. */
static GtkWindow *
wait_for_window (GType      type,
                 GtkWindow *old)
{
  GtkWindow *old_window = NULL;
  gboolean too_long = FALSE;
  guint timeout = g_timeout_add_seconds (WAIT_FOR_WINDOW_SECONDS, on_wait_for_window_too_long,
                                         &too_long);
  GtkWindow *found = NULL;

  g_set_weak_pointer (&old_window, old);
  while (found == NULL && !too_long)
    {
      GList *windows = gtk_window_list_toplevels ();

      for (GList *l = windows; l != NULL; l = l->next)
        if (G_TYPE_CHECK_INSTANCE_TYPE (l->data, type) && l->data != old_window
            && gtk_widget_get_visible (l->data))
          found = l->data;
      g_list_free (windows);
      if (found == NULL)
        g_main_context_iteration (NULL, TRUE);
    }
  if (!too_long)
    g_source_remove (timeout);
  g_clear_weak_pointer (&old_window);
  if (found == NULL)
    g_test_message ("No window of type %s showed within %d s", g_type_name (type),
                    WAIT_FOR_WINDOW_SECONDS);
  g_assert_nonnull (found);
  return found;
}

/* With WORKPLAN_SHOT_DIR set, the screen as it is goes to NAME.png there. */
static void
take_shot (GtkWidget  *widget,
           const char *name)
{
  const char *dir = g_getenv ("WORKPLAN_SHOT_DIR");
  g_autofree char *file = NULL;
  g_autoptr(GError) error = NULL;

  if (dir == NULL)
    return;
  wait_frame (widget);
  spin ();
  wait_frame (widget);
  file = g_strdup_printf ("%s/%s.png", dir, name);
  {
    const char *argv[] = { "import", "-window", "root", file, NULL };

    g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL, NULL,
                  &error);
    g_assert_no_error (error);
  }
}

static gboolean
use_chinese (void)
{
  const char *localedir = g_getenv ("WORKPLAN_LOCALEDIR");

  if (localedir == NULL || setlocale (LC_ALL, "zh_CN.UTF-8") == NULL)
    {
      g_test_skip ("the zh_CN.UTF-8 locale or the built translations are missing");
      return FALSE;
    }
  bindtextdomain (GETTEXT_PACKAGE, localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  return TRUE;
}

/* Puts a backup of another, sound file among the backups of @path, as if
 * it had been taken before @path was damaged; returns its path. */
static char *
plant_good_backup (const char *dir,
                   const char *path,
                   const char *title)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *good = g_build_filename (dir, "good.db", NULL);
  g_autoptr(WpStore) store = wp_store_open (good, WP_STORE_OPEN_DEFAULT, &error);
  g_autoptr(WpPlan) plan = wp_store_create_plan (store, 2025, title, "", &error);
  g_autofree char *taken = NULL;
  g_autofree char *folder = wp_backup_get_folder (path);
  g_autofree char *name = NULL;
  char *planted;

  g_assert_no_error (error);
  wp_test_generate_plan (store, wp_plan_get_id (plan), 2, 3, 4, NULL, NULL, NULL);
  taken = wp_backup_take (store, WP_BACKUP_DAILY, 0, &error);
  g_assert_no_error (error);
  name = g_path_get_basename (taken);
  planted = g_build_filename (folder, name, NULL);
  g_assert_cmpint (g_mkdir_with_parents (folder, 0700), ==, 0);
  g_assert_cmpint (g_rename (taken, planted), ==, 0);
  return planted;
}

static char *
title_of_2025 (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WpStore) store = wp_store_open (path, WP_STORE_OPEN_READ_ONLY, &error);
  g_autoptr(WpPlan) plan = NULL;

  g_assert_no_error (error);
  plan = wp_store_get_plan_by_year (store, 2025, &error);
  g_assert_no_error (error);
  return g_strdup (wp_plan_get_title (plan));
}

static guint
count_plans (const char *path)
{
  g_autoptr(GError) error = NULL;
  guint n_plans = 0, n_items = 0;

  g_assert_true (wp_backup_count (path, &n_plans, &n_items, &error));
  return n_plans;
}

/* A damaged file's page says so in plain Chinese, without SQLite's English
 * report, and offers the latest good backup, skipping a damaged one;
 * restoring it opens the file again, restored. */
static void
test_damaged_page_offers_backup (void)
{
  g_autofree char *dir = wp_test_dir_new ();
  g_autofree char *path = g_build_filename (dir, "broken.db", NULL);
  g_autofree char *good = NULL;
  g_autofree char *title = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) backups = NULL;
  AdwStatusPage *page;
  GtkWidget *button;
  WpWindow *window;
  WpWindow *reopened;
  WpStore *store;

  if (!use_chinese ())
    return;

  wp_test_make_damaged_file (path);
  good = plant_good_backup (dir, path, "完好的计划");
  /* a newer backup, of the damaged file: not the one offered */
  g_free (wp_backup_take_of_file (path, WP_BACKUP_BEFORE_IMPORT, 0, &error));
  g_assert_no_error (error);

  store = wp_store_open (path, WP_STORE_OPEN_CHECK_LATER, &error);
  g_assert_no_error (error);
  {
    g_autoptr(WpContext) context = wp_context_new (store, NULL);

    window = wp_window_new (NULL, context, NULL);
  }
  g_object_add_weak_pointer (G_OBJECT (store), (gpointer *) &store);
  g_object_unref (store);
  gtk_window_present (GTK_WINDOW (window));
  while (store != NULL && wp_store_is_check_pending (store))
    g_main_context_iteration (NULL, TRUE);
  while (_wp_window_is_looking_for_backup (window))
    g_main_context_iteration (NULL, TRUE);
  spin ();

  page = ADW_STATUS_PAGE (find_mapped (GTK_WIDGET (window), ADW_TYPE_STATUS_PAGE));
  g_assert_nonnull (page);
  g_assert_cmpstr (adw_status_page_get_title (page), ==, "计划文件已损坏");
  {
    g_autofree char *text = g_strdup (adw_status_page_get_description (page));
    char *at = strstr (text, path);

    g_test_message ("%s", text);
    /* Nothing in English but the file's name: no "quick_check", no
     * "integrity", no "database disk image is malformed" */
    g_assert_nonnull (at);
    memset (at, ' ', strlen (path));
    for (const char *c = text; *c != '\0'; c++)
      g_assert_false (g_ascii_isalpha (*c));
    g_assert_nonnull (strstr (text, "最近一份完好的备份"));
  }
  button = find_widget (GTK_WIDGET (page), is_button_labelled, "恢复最近一份完好的备份…");
  g_assert_nonnull (button);
  g_assert_true (gtk_widget_get_mapped (button));
  take_shot (GTK_WIDGET (window), "damaged-zh_CN");

  /* Restoring it, after a confirmation */
  g_assert_true (gtk_widget_activate_action (button, "win.restore-latest", NULL));
  {
    GtkWindow *confirm = wait_for_window (ADW_TYPE_MESSAGE_DIALOG, NULL);

    g_assert_nonnull (strstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (confirm)),
                              "备份"));
    adw_message_dialog_response (ADW_MESSAGE_DIALOG (confirm), "restore");
  }
  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &window);
  reopened = WP_WINDOW (wait_for_window (WP_TYPE_WINDOW, GTK_WINDOW (window)));
  spin ();
  g_assert_null (window);
  g_assert_null (store);
  g_assert_true (g_str_has_prefix (gtk_window_get_title (GTK_WINDOW (reopened)), "完好的计划"));
  title = title_of_2025 (path);
  g_assert_cmpstr (title, ==, "完好的计划");

  /* The damaged file is kept, as it was, among the backups */
  backups = wp_backup_list (path, &error);
  g_assert_cmpuint (backups->len, >=, 3);
  g_assert_cmpint (((WpBackup *) g_ptr_array_index (backups, 0))->reason, ==,
                   WP_BACKUP_BEFORE_RESTORE);
  g_assert_false (wp_backup_check (((WpBackup *) g_ptr_array_index (backups, 0))->path, NULL));

  gtk_window_destroy (GTK_WINDOW (reopened));
  spin ();
  setlocale (LC_ALL, "C.UTF-8");
  wp_test_dir_free (g_steal_pointer (&dir));
}

/* Whether @text has ASCII letters once every copy of @path is blanked out */
static gboolean
has_ascii_words_besides (const char *text,
                         const char *path)
{
  g_autofree char *copy = g_strdup (text);

  for (char *at = strstr (copy, path); at != NULL; at = strstr (at, path))
    memset (at, ' ', strlen (path));
  for (const char *c = copy; *c != '\0'; c++)
    if (g_ascii_isalpha (*c))
      return TRUE;
  return FALSE;
}

/* Issue 16: a file found damaged on opening. In zh_CN the error and the
 * page say so in Chinese only; SQLite's English report ("*** in database
 * main *** ... invalid page number") is kept as the error's detail, shown
 * folded under 技术细节. */
static void
test_damaged_details_zh_CN (void)
{
  g_autofree char *dir = wp_test_dir_new ();
  g_autofree char *path = g_build_filename (dir, "broken.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(WpContext) context = NULL;
  g_autoptr(WpStore) store = NULL;
  AdwStatusPage *page;
  GtkExpander *details;
  WpWindow *window;

  if (!use_chinese ())
    return;

  wp_test_make_damaged_file (path);
  store = wp_store_open (path, WP_STORE_OPEN_DEFAULT, &error);
  g_assert_null (store);
  g_assert_error (error, WP_STORE_ERROR, WP_STORE_ERROR_CORRUPT);
  g_test_message ("%s", error->message);
  g_assert_false (has_ascii_words_besides (error->message, path));
  g_assert_nonnull (strstr (error->message, "备份"));
  g_assert_nonnull (wp_store_error_get_detail (error));
  g_assert_true (has_ascii_words_besides (wp_store_error_get_detail (error), path));

  context = wp_context_new (NULL, NULL);
  window = wp_window_new_for_path (NULL, context, path, error);
  gtk_window_present (GTK_WINDOW (window));
  while (_wp_window_is_looking_for_backup (window))
    g_main_context_iteration (NULL, TRUE);
  spin ();

  page = ADW_STATUS_PAGE (find_mapped (GTK_WIDGET (window), ADW_TYPE_STATUS_PAGE));
  g_assert_nonnull (page);
  g_assert_cmpstr (adw_status_page_get_title (page), ==, "计划文件已损坏");
  g_assert_false (has_ascii_words_besides (adw_status_page_get_description (page), path));
  details = GTK_EXPANDER (find_descendant (GTK_WIDGET (page), GTK_TYPE_EXPANDER));
  g_assert_nonnull (details);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (details)));
  g_assert_false (gtk_expander_get_expanded (details));
  g_assert_cmpstr (gtk_expander_get_label (details), ==, "技术细节");
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (gtk_expander_get_child (details))), ==,
                   wp_store_error_get_detail (error));
  take_shot (GTK_WIDGET (window), "damaged-details-zh_CN");
  gtk_expander_set_expanded (details, TRUE);
  take_shot (GTK_WIDGET (window), "damaged-details-open-zh_CN");

  gtk_window_destroy (GTK_WINDOW (window));
  spin ();
  setlocale (LC_ALL, "C.UTF-8");
  wp_test_dir_free (g_steal_pointer (&dir));
}

/* A file that could not be opened at all because it is damaged gets the
 * same page and offer. */
static void
test_damaged_on_open_offers_backup (void)
{
  g_autofree char *dir = wp_test_dir_new ();
  g_autofree char *path = g_build_filename (dir, "broken.db", NULL);
  g_autofree char *good = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(WpContext) context = wp_context_new (NULL, NULL);
  AdwStatusPage *page;
  WpWindow *window;

  wp_test_make_damaged_file (path);
  good = plant_good_backup (dir, path, "完好的计划");
  g_set_error (&error, WP_STORE_ERROR, WP_STORE_ERROR_CORRUPT,
               "“%s” is damaged (*** in database main ***\nTree 4 page 4 cell 0: invalid "
               "page number 0). Restore it from a backup copy.", path);
  window = wp_window_new_for_path (NULL, context, path, error);
  gtk_window_present (GTK_WINDOW (window));
  while (_wp_window_is_looking_for_backup (window))
    g_main_context_iteration (NULL, TRUE);
  spin ();

  page = ADW_STATUS_PAGE (find_mapped (GTK_WIDGET (window), ADW_TYPE_STATUS_PAGE));
  g_assert_cmpstr (adw_status_page_get_title (page), ==, "The Plan File Is Damaged");
  g_assert_null (strstr (adw_status_page_get_description (page), "Tree 4"));
  g_assert_null (strstr (adw_status_page_get_description (page), "database"));
  g_assert_nonnull (strstr (adw_status_page_get_description (page), "latest good backup"));
  g_assert_true (gtk_widget_get_mapped (find_button_labelled (GTK_WIDGET (page),
                                                              "Restore the Latest Good Backup…")));
  g_assert_true (g_action_group_get_action_enabled (G_ACTION_GROUP (window), "restore-backup"));

  gtk_window_destroy (GTK_WINDOW (window));
  spin ();
  wp_test_dir_free (g_steal_pointer (&dir));
}

/* Restore from Backup… lists the file's backups, newest first; restoring
 * one replaces the file and opens it again, and what it replaced is the
 * newest backup. */
static void
test_restore_from_backup (void)
{
  g_autofree char *dir = wp_test_dir_new ();
  g_autofree char *before_edit = NULL;
  g_autofree char *title = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) backups = NULL;
  gboolean chinese = g_getenv ("WORKPLAN_SHOT_DIR") != NULL && use_chinese ();
  WpRestoreDialog *dialog;
  WpWindow *window;
  WpWindow *reopened;
  WpStore *store = demo_store (dir);
  GListModel *rows;
  guint n_rows = 0;

  path = g_strdup (wp_store_get_path (store));
  {
    g_autoptr(WpContext) context = wp_context_new (store, NULL);

    window = wp_window_new (NULL, context, NULL);
  }
  gtk_window_present (GTK_WINDOW (window));
  spin ();
  while (_wp_window_is_backing_up (window))
    g_main_context_iteration (NULL, TRUE);
  /* The window took the day's backup. */
  backups = wp_backup_list (path, &error);
  g_assert_cmpuint (backups->len, ==, 1);
  g_assert_cmpint (((WpBackup *) g_ptr_array_index (backups, 0))->reason, ==, WP_BACKUP_DAILY);
  g_clear_pointer (&backups, g_ptr_array_unref);

  before_edit = wp_backup_take (store, WP_BACKUP_BEFORE_IMPORT, 10, &error);
  g_assert_no_error (error);
  /* an edit after it */
  {
    g_autoptr(WpPlan) plan = wp_store_create_plan (store, 2026, "后来加的计划", "", &error);
    g_assert_no_error (error);
  }
  g_object_add_weak_pointer (G_OBJECT (store), (gpointer *) &store);
  g_object_unref (store);

  g_assert_true (g_action_group_get_action_enabled (G_ACTION_GROUP (window), "restore-backup"));
  g_action_group_activate_action (G_ACTION_GROUP (window), "restore-backup", NULL);
  dialog = WP_RESTORE_DIALOG (wait_for_window (WP_TYPE_RESTORE_DIALOG, NULL));
  spin ();
  rows = gtk_widget_observe_children (GTK_WIDGET (find_descendant (GTK_WIDGET (dialog),
                                                                   GTK_TYPE_LIST_BOX)));
  for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
    {
      g_autoptr(GObject) row = g_list_model_get_item (rows, i);
      n_rows += ADW_IS_ACTION_ROW (row);
    }
  g_object_unref (rows);
  g_assert_cmpuint (n_rows, ==, 2);
  {
    AdwActionRow *first = ADW_ACTION_ROW (find_descendant (GTK_WIDGET (dialog),
                                                           ADW_TYPE_ACTION_ROW));
    const char *subtitle = adw_action_row_get_subtitle (first);

    g_test_message ("%s / %s", adw_preferences_row_get_title (ADW_PREFERENCES_ROW (first)),
                    subtitle);
    /* the newest first: the one before the edit, with what it holds */
    g_assert_nonnull (strstr (subtitle, chinese ? "导入前" : "Before an import"));
    g_assert_nonnull (strstr (subtitle, chinese ? "56" : "1 plan, 56 items"));
    take_shot (GTK_WIDGET (dialog), "restore-dialog-zh_CN");
    gtk_widget_activate (find_descendant (GTK_WIDGET (first), GTK_TYPE_BUTTON));
  }
  {
    GtkWindow *confirm = wait_for_window (ADW_TYPE_MESSAGE_DIALOG, NULL);

    take_shot (GTK_WIDGET (confirm), "restore-confirm-zh_CN");
    adw_message_dialog_response (ADW_MESSAGE_DIALOG (confirm), "restore");
  }
  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &window);
  reopened = WP_WINDOW (wait_for_window (WP_TYPE_WINDOW, GTK_WINDOW (window)));
  spin ();
  g_assert_null (window);
  g_assert_null (store);
  title = title_of_2025 (path);
  g_assert_cmpstr (title, ==, "2025年全市政法工作任务分解");
  g_assert_cmpint (count_plans (path), ==, 1);
  g_assert_true (g_str_has_prefix (gtk_window_get_title (GTK_WINDOW (reopened)),
                                   "2025年全市政法工作任务分解"));

  backups = wp_backup_list (path, &error);
  g_assert_cmpuint (backups->len, ==, 3);
  g_assert_cmpint (((WpBackup *) g_ptr_array_index (backups, 0))->reason, ==,
                   WP_BACKUP_BEFORE_RESTORE);
  g_assert_cmpint (count_plans (((WpBackup *) g_ptr_array_index (backups, 0))->path), ==, 2);

  gtk_window_destroy (GTK_WINDOW (reopened));
  spin ();
  if (chinese)
    setlocale (LC_ALL, "C.UTF-8");
  wp_test_dir_free (g_steal_pointer (&dir));
}


static gboolean
is_light_cell_saying (GtkWidget *widget, gconstpointer text)
{
  return WP_IS_LIGHT_CELL (widget) && gtk_widget_get_mapped (widget)
         && g_strcmp0 (wp_light_cell_get_text (WP_LIGHT_CELL (widget)), text) == 0;
}

/* The first carried-over key task of @plan_id that had progress, or 0 */
static gint64
first_carried_with_progress (WpStore *store,
                             gint64   plan_id)
{
  g_autoptr(WpPlanFacts) facts = wp_store_list_plan_facts (store, plan_id, NULL);

  for (guint i = 0; facts != NULL && i < facts->items->len; i++)
    {
      const WpItemFacts *f = &g_array_index (facts->items, WpItemFacts, i);

      if (f->carried_forward && f->n_children == 0 && f->progress > 0)
        return f->id;
    }
  return 0;
}

/* Start next year with "Keep status and progress" ticked: the 2026 copy
 * keeps its figure; in 2025 the outline says 已结转 (Carried over) where
 * the light was, and nothing of 2025 counts red. */
static void
test_next_year_marks_old_year (Demo          *d,
                               gconstpointer  data)
{
  WpWindow *window = d->window;
  WpStore *store = d->store;
  g_autoptr(WpPlan) old = wp_store_get_plan_by_year (store, 2025, NULL);
  g_autoptr(WpPlan) next = NULL;
  g_autoptr(WpItem) old_item = NULL;
  g_autoptr(GPtrArray) notes = NULL;
  AdwMessageDialog *dialog;
  GtkWidget *keep;
  gint64 carried;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.next-year", NULL));
  spin ();
  dialog = find_dialog ("Start 2026 from This Plan?");
  g_assert_nonnull (dialog);
  keep = find_descendant (GTK_WIDGET (dialog), GTK_TYPE_CHECK_BUTTON);
  g_assert_nonnull (keep);
  g_assert_cmpstr (gtk_check_button_get_label (GTK_CHECK_BUTTON (keep)), ==,
                   "_Keep status and progress");
  g_assert_false (gtk_check_button_get_active (GTK_CHECK_BUTTON (keep)));
  gtk_check_button_set_active (GTK_CHECK_BUTTON (keep), TRUE);
  adw_message_dialog_response (dialog, "start");
  spin ();

  next = wp_store_get_plan_by_year (store, 2026, NULL);
  g_assert_nonnull (next);
  carried = first_carried_with_progress (store, wp_plan_get_id (old));
  g_assert_cmpint (carried, !=, 0);
  old_item = wp_store_get_item (store, carried, NULL);
  {
    g_autoptr(WpPlanFacts) facts = wp_store_list_plan_facts (store, wp_plan_get_id (next), NULL);
    g_autoptr(WpItem) copy = NULL;

    for (guint i = 0; copy == NULL && i < facts->items->len; i++)
      {
        g_autoptr(WpItem) item =
          wp_store_get_item (store, g_array_index (facts->items, WpItemFacts, i).id, NULL);

        if (g_str_equal (wp_item_get_title (item), wp_item_get_title (old_item)))
          copy = g_steal_pointer (&item);
      }
    g_assert_nonnull (copy);
    g_assert_cmpint (wp_item_get_progress (copy), ==, wp_item_get_progress (old_item));
    notes = wp_store_list_notes (store, wp_item_get_id (copy), NULL);
    g_assert_cmpuint (notes->len, ==, 1);
    g_assert_true (g_str_has_prefix (((WpNote *) g_ptr_array_index (notes, 0))->text,
                                     "Carried over from 2025: "));
  }

  /* Back in 2025, every row shows it */
  wp_window_select_year (window, 2025);
  spin ();
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.expand-all", NULL));
  spin ();
  wait_frame (GTK_WIDGET (window));
  g_assert_nonnull (find_widget (GTK_WIDGET (window), is_light_cell_saying, "Carried over"));
  g_assert_null (find_widget (GTK_WIDGET (window), is_light_cell_saying, "Overdue"));
  {
    g_autoptr(WpPlanStats) stats = wp_plan_stats_compute (store, wp_plan_get_id (old), NULL,
                                                          NULL);
    g_assert_cmpuint (stats->counts.overdue, ==, 0);
    g_assert_cmpuint (stats->overdue->len, ==, 0);
  }
}

/* The same in Chinese, for the screenshot: 已结转 in the 2025 outline. */
static void
test_next_year_carried_zh_CN (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(WpStore) store = NULL;
  g_autoptr(WpContext) context = NULL;
  g_autoptr(WpPlan) old = NULL;
  g_autoptr(WpPlan) next = NULL;
  g_autoptr(GError) error = NULL;
  WpWindow *window;

  if (!use_chinese ())
    return;
  dir = wp_test_dir_new ();
  store = demo_store (dir);
  old = wp_store_get_plan_by_year (store, 2025, &error);
  next = wp_store_start_next_year (store, wp_plan_get_id (old), WP_NEXT_YEAR_DEFAULT, NULL,
                                   &error);
  g_assert_no_error (error);
  context = wp_context_new (store, NULL);
  window = wp_window_new (NULL, context, NULL);
  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 800);
  gtk_window_present (GTK_WINDOW (window));
  spin ();
  wp_window_select_year (window, 2025);
  spin ();
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.expand-all", NULL));
  spin ();
  wait_frame (GTK_WIDGET (window));
  g_assert_nonnull (find_widget (GTK_WIDGET (window), is_light_cell_saying, "已结转"));
  take_shot (GTK_WIDGET (window), "nextyear-outline-zh_CN");

  gtk_window_destroy (GTK_WINDOW (window));
  spin ();
  g_clear_object (&next);
  g_clear_object (&old);
  g_clear_object (&context);
  g_assert_finalize_object (g_steal_pointer (&store));
  setlocale (LC_ALL, "C.UTF-8");
  wp_test_dir_free (g_steal_pointer (&dir));
}

/* Issue 16: editing in place in the outline, by the keys' own handlers */

/* The key task @task of area @area of the demo, counted from 0 */
static gint64
demo_task (Demo *d,
           guint area,
           guint task)
{
  g_autoptr(WpPlan) plan = wp_store_get_plan_by_year (d->store, 2025, NULL);
  g_autoptr(GPtrArray) areas = wp_store_list_children (d->store, wp_plan_get_id (plan), 0, NULL);
  g_autoptr(GPtrArray) tasks = wp_store_list_children (d->store, wp_plan_get_id (plan),
                                                       wp_item_get_id (areas->pdata[area]),
                                                       NULL);

  return wp_item_get_id (tasks->pdata[task]);
}

/* How many items of the demo plan have the title @title */
static guint
count_titled (Demo       *d,
              const char *title)
{
  g_autoptr(WpPlan) plan = wp_store_get_plan_by_year (d->store, 2025, NULL);
  g_autoptr(GPtrArray) todo = g_ptr_array_new_with_free_func (g_object_unref);
  guint n = 0;

  {
    g_autoptr(GPtrArray) top = wp_store_list_children (d->store, wp_plan_get_id (plan), 0, NULL);
    for (guint i = 0; i < top->len; i++)
      g_ptr_array_add (todo, g_object_ref (top->pdata[i]));
  }
  while (todo->len > 0)
    {
      g_autoptr(WpItem) item = g_ptr_array_steal_index (todo, todo->len - 1);
      g_autoptr(GPtrArray) children = wp_store_list_children (d->store, wp_plan_get_id (plan),
                                                              wp_item_get_id (item), NULL);

      if (g_strcmp0 (wp_item_get_title (item), title) == 0)
        n++;
      for (guint i = 0; i < children->len; i++)
        g_ptr_array_add (todo, g_object_ref (children->pdata[i]));
    }
  return n;
}

static guint
count_items (Demo *d)
{
  g_autoptr(WpPlan) plan = wp_store_get_plan_by_year (d->store, 2025, NULL);

  return wp_store_count_items (d->store, wp_plan_get_id (plan), NULL);
}

/* A key press as the widget's own key controllers get it; whether one
 * handled it */
static gboolean
press_key (GtkWidget       *widget,
           guint            keyval,
           GdkModifierType  mods)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);
  gboolean handled = FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (controllers) && !handled; i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_EVENT_CONTROLLER_KEY (controller))
        g_signal_emit_by_name (controller, "key-pressed", keyval, 0, mods, &handled);
    }
  spin ();
  return handled;
}

static GtkWidget *
outline_grid (Demo *d)
{
  GtkWidget *outline = find_descendant (GTK_WIDGET (d->window), WP_TYPE_OUTLINE_VIEW);

  return find_descendant (outline, GTK_TYPE_GRID_VIEW);
}

/* The title entry that has the keyboard focus, or NULL */
static GtkWidget *
focused_entry (Demo *d)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (d->window));

  return focus != NULL ? gtk_widget_get_ancestor (focus, GTK_TYPE_ENTRY) : NULL;
}

/* The item of the outline row that has the keyboard focus, or 0 */
static gint64
focused_row_item (Demo *d)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (d->window));
  GtkWidget *row = NULL;
  GtkWidget *title;

  if (focus == NULL)
    return 0;
  row = gtk_widget_get_ancestor (focus, WP_TYPE_OUTLINE_ROW);
  if (row == NULL)
    row = find_descendant (focus, WP_TYPE_OUTLINE_ROW);
  if (row == NULL)
    return 0;
  title = wp_outline_row_get_cell (WP_OUTLINE_ROW (row), WP_OUTLINE_COLUMN_TITLE);
  return (gint64) GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (title), "wp-item-id"));
}

static gint64
selected_id (Demo *d)
{
  GtkWidget *outline = find_descendant (GTK_WIDGET (d->window), WP_TYPE_OUTLINE_VIEW);
  g_autoptr(WpItem) item = wp_outline_view_get_selected_item (WP_OUTLINE_VIEW (outline));

  return item != NULL ? wp_item_get_id (item) : 0;
}

/* Enter on the row of @id: a new row below, its title being typed */
static GtkWidget *
enter_new_row (Demo   *d,
               gint64  id)
{
  GtkWidget *outline = find_descendant (GTK_WIDGET (d->window), WP_TYPE_OUTLINE_VIEW);
  GtkWidget *entry;

  g_assert_true (wp_outline_view_show_item (WP_OUTLINE_VIEW (outline), id));
  spin ();
  g_assert_true (press_key (outline_grid (d), GDK_KEY_Return, 0));
  entry = focused_entry (d);
  g_assert_nonnull (entry);
  g_assert_true (wp_outline_view_is_editing (WP_OUTLINE_VIEW (outline)));
  return entry;
}

/* Issue 16, items 6 and 8: Escape on a new row took the row and its typed
 * title away, and Redo brought back an untitled one. Escape keeps what
 * was typed; an empty new row goes, with nothing left to redo, and the
 * row Enter was pressed on is selected and focused (not the last action
 * under it). */
static void
test_escape_keeps_new_title (Demo          *d,
                             gconstpointer  data)
{
  WpUndoStack *undo = wp_context_get_undo_stack (d->context);
  GtkWidget *outline = find_descendant (GTK_WIDGET (d->window), WP_TYPE_OUTLINE_VIEW);
  gint64 task = demo_task (d, 1, 0);
  guint n = count_items (d);
  GtkWidget *entry;

  entry = enter_new_row (d, task);
  gtk_editable_set_text (GTK_EDITABLE (entry), "按Esc前输入的任务");
  g_assert_true (press_key (entry, GDK_KEY_Escape, 0));
  g_assert_false (wp_outline_view_is_editing (WP_OUTLINE_VIEW (outline)));
  g_assert_cmpuint (count_titled (d, "按Esc前输入的任务"), ==, 1);
  g_assert_cmpuint (count_items (d), ==, n + 1);
  g_assert_cmpuint (count_titled (d, ""), ==, 0);

  /* Opened, the key task's actions come under it; Enter and Escape come
   * back to it, focus and selection together. */
  {
    guint pos = GTK_INVALID_LIST_POSITION;
    GListModel *rows = G_LIST_MODEL (gtk_grid_view_get_model (GTK_GRID_VIEW (outline_grid (d))));

    g_assert_true (wp_outline_view_show_item (WP_OUTLINE_VIEW (outline), task));
    spin ();
    pos = gtk_single_selection_get_selected (GTK_SINGLE_SELECTION (rows));
    {
      g_autoptr(GtkTreeListRow) row = g_list_model_get_item (rows, pos);
      gtk_tree_list_row_set_expanded (row, TRUE);
    }
    spin ();
  }
  n = count_items (d);
  entry = enter_new_row (d, task);
  g_assert_true (press_key (entry, GDK_KEY_Escape, 0));
  g_assert_false (wp_outline_view_is_editing (WP_OUTLINE_VIEW (outline)));
  g_assert_cmpuint (count_items (d), ==, n);
  g_assert_cmpuint (count_titled (d, ""), ==, 0);
  g_assert_false (wp_undo_stack_can_redo (undo));
  g_assert_cmpint (selected_id (d), ==, task);
  wait_frame (GTK_WIDGET (d->window));
  g_assert_cmpint (focused_row_item (d), ==, task);

  /* Undo takes back the typed key task, not an untitled one */
  g_assert_true (wp_undo_stack_undo (undo, NULL));
  spin ();
  g_assert_cmpuint (count_titled (d, "按Esc前输入的任务"), ==, 0);
  g_assert_cmpuint (count_titled (d, ""), ==, 0);
}

/* Issue 16, item 7: Enter, then a click elsewhere, stored an untitled key
 * task that the figures counted. A new row left empty goes when editing
 * ends, however it ends; Enter on an empty new row ends typing there. */
static void
test_empty_new_row_not_saved (Demo          *d,
                              gconstpointer  data)
{
  GtkWidget *outline = find_descendant (GTK_WIDGET (d->window), WP_TYPE_OUTLINE_VIEW);
  gint64 task = demo_task (d, 0, 0);
  guint n = count_items (d);
  GtkWidget *elsewhere;

  enter_new_row (d, task);
  g_assert_cmpuint (count_items (d), ==, n + 1);
  /* The focus goes to the year's drop-down, as a click there gives it */
  elsewhere = find_descendant (GTK_WIDGET (d->window), GTK_TYPE_DROP_DOWN);
  g_assert_true (gtk_widget_grab_focus (elsewhere));
  spin ();
  g_assert_false (wp_outline_view_is_editing (WP_OUTLINE_VIEW (outline)));
  g_assert_cmpuint (count_items (d), ==, n);
  g_assert_cmpuint (count_titled (d, ""), ==, 0);
  g_assert_false (wp_undo_stack_can_redo (wp_context_get_undo_stack (d->context)));

  /* Enter on an empty new row adds no other one */
  {
    GtkWidget *entry = enter_new_row (d, task);

    g_signal_emit_by_name (entry, "activate");
    spin ();
    g_assert_false (wp_outline_view_is_editing (WP_OUTLINE_VIEW (outline)));
    g_assert_cmpuint (count_items (d), ==, n);
    g_assert_cmpint (selected_id (d), ==, task);
  }

  /* Typed and indented, then left: kept where it went */
  {
    GtkWidget *entry = enter_new_row (d, task);

    g_assert_true (press_key (entry, GDK_KEY_Tab, 0));
    entry = focused_entry (d);
    g_assert_nonnull (entry);
    gtk_editable_set_text (GTK_EDITABLE (entry), "缩进后输入的措施");
    g_assert_true (gtk_widget_grab_focus (elsewhere));
    spin ();
    g_assert_cmpuint (count_items (d), ==, n + 1);
    g_assert_cmpuint (count_titled (d, "缩进后输入的措施"), ==, 1);
  }
}

/* Issue 16, item 8: Enter after F2 added a new row instead of just saving
 * the title; Ctrl+Enter while typing did nothing. */
static void
test_enter_confirms_rename (Demo          *d,
                            gconstpointer  data)
{
  GtkWidget *outline = find_descendant (GTK_WIDGET (d->window), WP_TYPE_OUTLINE_VIEW);
  gint64 task = demo_task (d, 0, 1);
  guint n = count_items (d);
  GtkWidget *entry;

  g_assert_true (wp_outline_view_show_item (WP_OUTLINE_VIEW (outline), task));
  spin ();
  g_assert_true (press_key (outline_grid (d), GDK_KEY_F2, 0));
  entry = focused_entry (d);
  g_assert_nonnull (entry);
  gtk_editable_set_text (GTK_EDITABLE (entry), "改名后的重点任务");
  g_signal_emit_by_name (entry, "activate");
  spin ();
  g_assert_false (wp_outline_view_is_editing (WP_OUTLINE_VIEW (outline)));
  g_assert_cmpuint (count_items (d), ==, n);
  {
    g_autoptr(WpItem) item = wp_store_get_item (d->store, task, NULL);
    g_assert_cmpstr (wp_item_get_title (item), ==, "改名后的重点任务");
  }
  g_assert_cmpint (selected_id (d), ==, task);
  wait_frame (GTK_WIDGET (d->window));
  g_assert_cmpint (focused_row_item (d), ==, task);

  /* Ctrl+Enter on a title being typed saves it and adds a sub-item */
  entry = enter_new_row (d, task);
  gtk_editable_set_text (GTK_EDITABLE (entry), "新加的重点任务");
  g_assert_true (press_key (entry, GDK_KEY_Return, GDK_CONTROL_MASK));
  g_assert_cmpuint (count_titled (d, "新加的重点任务"), ==, 1);
  g_assert_true (wp_outline_view_is_editing (WP_OUTLINE_VIEW (outline)));
  g_assert_nonnull (focused_entry (d));
  {
    g_autoptr(WpItem) child = wp_store_get_item (d->store, selected_id (d), NULL);
    g_autoptr(WpItem) parent = wp_store_get_item (d->store, wp_item_get_parent_id (child), NULL);

    g_assert_cmpstr (wp_item_get_title (parent), ==, "新加的重点任务");
    g_assert_cmpint (wp_item_get_kind (child), ==, WP_ITEM_KIND_ACTION);
    gtk_editable_set_text (GTK_EDITABLE (focused_entry (d)), "它下面的措施");
  }
  g_assert_true (press_key (focused_entry (d), GDK_KEY_Escape, 0));
  g_assert_cmpuint (count_titled (d, "它下面的措施"), ==, 1);
  g_assert_cmpuint (count_items (d), ==, n + 2);
}

/* Issue 16, item 10: in an 800×700 window the status light column was
 * cut off, with no way to scroll to it. The columns narrow so that every
 * one of them is in view, the light last, aligned with the header's. */
static void
test_narrow_window_shows_every_column (Demo          *d,
                                       gconstpointer  data)
{
  GtkWidget *outline = find_descendant (GTK_WIDGET (d->window), WP_TYPE_OUTLINE_VIEW);
  GtkWidget *header = find_descendant (outline, WP_TYPE_OUTLINE_ROW);
  GtkWidget *row;
  graphene_rect_t light, header_light;

  gtk_window_set_default_size (GTK_WINDOW (d->window), 800, 700);
  /* (the window's width less its shadow) */
  for (int i = 0; i < 20 && gtk_widget_get_width (GTK_WIDGET (d->window)) > 800; i++)
    wait_frame (GTK_WIDGET (d->window));
  wait_frame (GTK_WIDGET (d->window));
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (d->window)), <=, 800);

  row = find_mapped (outline_grid (d), WP_TYPE_OUTLINE_ROW);
  g_assert_nonnull (row);
  g_assert_true (gtk_widget_compute_bounds (wp_outline_row_get_cell (WP_OUTLINE_ROW (row),
                                                                     WP_OUTLINE_COLUMN_LIGHT),
                                            outline, &light));
  g_assert_true (gtk_widget_compute_bounds (wp_outline_row_get_cell (WP_OUTLINE_ROW (header),
                                                                     WP_OUTLINE_COLUMN_LIGHT),
                                            outline, &header_light));
  g_assert_cmpfloat (light.origin.x, >, 0);
  g_assert_cmpfloat (light.origin.x + light.size.width, <=, gtk_widget_get_width (outline));
  /* (the rows are a few pixels narrower than the header, in the grid) */
  g_assert_cmpfloat (ABS (light.origin.x - header_light.origin.x), <, 4);
  /* (wide enough for its word) */
  g_assert_cmpfloat (light.size.width, >=, 70);
  take_shot (GTK_WIDGET (d->window), "outline-800x700");
}

/* Issue 16, item 11: the delete toast did not say that the sub-items
 * went too, and undoing the delete brought the branch back closed. */
static void
test_delete_says_sub_items (Demo          *d,
                            gconstpointer  data)
{
  GtkWidget *outline = find_descendant (GTK_WIDGET (d->window), WP_TYPE_OUTLINE_VIEW);
  GListModel *rows = G_LIST_MODEL (gtk_grid_view_get_model (GTK_GRID_VIEW (outline_grid (d))));
  gint64 task = demo_task (d, 1, 0);
  g_autoptr(WpItem) item = wp_store_get_item (d->store, task, NULL);
  g_autofree char *text = g_strdup_printf ("Deleted “%s” and its 6 sub-items",
                                           wp_item_get_title (item));
  GtkWidget *undo = NULL;

  g_assert_true (wp_outline_view_show_item (WP_OUTLINE_VIEW (outline), task));
  spin ();
  {
    g_autoptr(GtkTreeListRow) row =
      g_list_model_get_item (rows, gtk_single_selection_get_selected (GTK_SINGLE_SELECTION (rows)));
    gtk_tree_list_row_set_expanded (row, TRUE);
  }
  spin ();
  gtk_widget_activate_action (outline, "outline.delete", NULL);
  for (int i = 0; i < 100 && undo == NULL; i++)
    {
      wait_frame (GTK_WIDGET (d->window));
      spin ();
      undo = find_widget (GTK_WIDGET (d->window), is_visible_button_labelled, "_Undo");
    }
  g_assert_nonnull (undo);
  g_assert_nonnull (find_widget (GTK_WIDGET (d->window), is_label_with_text, text));

  g_signal_emit_by_name (undo, "clicked");
  spin ();
  g_assert_cmpint (selected_id (d), ==, task);
  {
    g_autoptr(GtkTreeListRow) row =
      g_list_model_get_item (rows, gtk_single_selection_get_selected (GTK_SINGLE_SELECTION (rows)));
    g_assert_true (gtk_tree_list_row_get_expanded (row));
  }
}

/* Issue 16, items 5, 8 and 9: the details pane. */

/* The details pane's editor, opened as F9 opens it */
static WpItemEditor *
open_pane (Demo *d)
{
  GtkWidget *editor;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (d->window), "win.show-editor", NULL));
  spin ();
  editor = find_descendant (GTK_WIDGET (d->window), WP_TYPE_ITEM_EDITOR);
  g_assert_nonnull (editor);
  return WP_ITEM_EDITOR (editor);
}

static GtkGridView *
outline_grid_view (Demo *d)
{
  return GTK_GRID_VIEW (outline_grid (d));
}

/* The item of the outline's row at @pos */
static WpItem *
outline_item_at (Demo  *d,
                 guint  pos)
{
  g_autoptr(GtkTreeListRow) row =
    g_list_model_get_item (G_LIST_MODEL (gtk_grid_view_get_model (outline_grid_view (d))), pos);

  g_assert_nonnull (row);
  return gtk_tree_list_row_get_item (row);
}

/* Selects the outline's row at @pos as a program does: the keyboard focus
 * stays where it is. */
static void
select_outline_row (Demo  *d,
                    guint  pos)
{
  gtk_selection_model_select_item (gtk_grid_view_get_model (outline_grid_view (d)), pos, TRUE);
  spin ();
}

static gboolean
focus_is_in (GtkWidget *widget)
{
  GtkWidget *focus = gtk_root_get_focus (gtk_widget_get_root (widget));

  return focus != NULL && (focus == widget || gtk_widget_is_ancestor (focus, widget));
}

static void
type_into (GtkWidget  *field,
           const char *text)
{
  gtk_widget_grab_focus (field);
  spin ();
  g_assert_true (focus_is_in (field));
  gtk_editable_set_text (GTK_EDITABLE (field), text);
  spin ();
}

/* Item 5: what is typed in a field of the pane is saved when the pane
 * moves to another item, when the focus leaves the field and when the
 * pane closes, without Enter or the apply button. */
static void
test_pane_saves_on_leaving (Demo          *d,
                            gconstpointer  data)
{
  GtkWidget *pane;
  g_autoptr(WpItem) first = outline_item_at (d, 1);
  g_autoptr(WpItem) second = outline_item_at (d, 2);
  g_autoptr(WpItem) third = outline_item_at (d, 3);
  g_autoptr(WpItem) fourth = outline_item_at (d, 4);
  g_autoptr(WpItem) fifth = outline_item_at (d, 5);

  select_outline_row (d, 1);
  pane = GTK_WIDGET (open_pane (d));
  g_assert_true (wp_item_editor_get_item (WP_ITEM_EDITOR (pane)) == first);

  /* The selection changes while the field still has the focus */
  type_into (GTK_WIDGET (find_entry_row (pane, "Supporting agencies")), "市公安局，市司法局");
  select_outline_row (d, 2);
  g_assert_true (wp_item_editor_get_item (WP_ITEM_EDITOR (pane)) == second);
  g_assert_cmpuint (g_strv_length ((char **) wp_item_get_co_agencies (first)), ==, 2);
  g_assert_cmpstr (wp_item_get_co_agencies (first)[0], ==, "市公安局");
  g_assert_cmpstr (wp_item_get_co_agencies (first)[1], ==, "市司法局");

  type_into (GTK_WIDGET (find_entry_row (pane, "Title")), "换行前输入的名称");
  select_outline_row (d, 3);
  g_assert_cmpstr (wp_item_get_title (second), ==, "换行前输入的名称");

  type_into (GTK_WIDGET (find_entry_row (pane, "Deadline")), "三季度");
  select_outline_row (d, 4);
  g_assert_cmpstr (wp_item_get_due_label (third), ==, "三季度");
  {
    g_autofree char *iso = wp_date_to_iso (wp_item_get_due (third));
    g_assert_cmpstr (iso, ==, "2025-09-30");
  }

  /* (an agency that does not support the item already) */
  type_into (GTK_WIDGET (find_entry_row (pane, "Lead agency")), "市档案局");
  select_outline_row (d, 5);
  g_assert_cmpuint (g_strv_length ((char **) wp_item_get_lead_agencies (fourth)), ==, 1);
  g_assert_cmpstr (wp_item_get_lead_agencies (fourth)[0], ==, "市档案局");
  /* (what the pane shows now is the fifth item's, not what was typed) */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (find_entry_row (pane, "Title"))), ==,
                   wp_item_get_title (fifth));

  /* The focus leaves the field for the outline */
  type_into (GTK_WIDGET (find_entry_row (pane, "Lead agency")), "市公安局");
  gtk_widget_grab_focus (GTK_WIDGET (outline_grid_view (d)));
  spin ();
  g_assert_cmpstr (wp_item_get_lead_agencies (fifth)[0], ==, "市公安局");

  /* The pane closes */
  type_into (GTK_WIDGET (find_entry_row (pane, "Title")), "关窗格前输入的名称");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (d->window), "win.show-editor", NULL));
  spin ();
  g_assert_cmpstr (wp_item_get_title (fifth), ==, "关窗格前输入的名称");
  /* and one undo takes back one field's change */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (d->window), "win.undo", NULL));
  spin ();
  g_assert_cmpstr (wp_item_get_title (fifth), !=, "关窗格前输入的名称");
  g_assert_cmpstr (wp_item_get_lead_agencies (fifth)[0], ==, "市公安局");
}

static gboolean
is_toast (GtkWidget *widget, gconstpointer data)
{
  return g_str_equal (G_OBJECT_TYPE_NAME (widget), "AdwToastWidget");
}

/* Item 5: a field that cannot be saved keeps what was typed, says why, and
 * the pane stays on its item until it is saved. */
static void
test_pane_keeps_unsaved_text (Demo          *d,
                              gconstpointer  data)
{
  GtkWidget *pane;
  GtkWidget *due;
  g_autoptr(WpItem) first = outline_item_at (d, 1);
  g_autoptr(WpItem) second = outline_item_at (d, 2);
  g_autofree char *before = NULL;

  select_outline_row (d, 1);
  pane = GTK_WIDGET (open_pane (d));
  before = g_strdup (wp_item_get_due_label (first));
  due = GTK_WIDGET (find_entry_row (pane, "Deadline"));
  g_assert_null (find_widget (GTK_WIDGET (d->window), is_toast, NULL));

  wp_test_fail_writes_after (0);
  type_into (due, "三季度");
  gtk_widget_grab_focus (GTK_WIDGET (outline_grid_view (d)));
  spin ();
  g_assert_cmpstr (wp_item_get_due_label (first), ==, before);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (due)), ==, "三季度");
  wait_frame (GTK_WIDGET (d->window));
  g_assert_nonnull (find_widget (GTK_WIDGET (d->window), is_toast, NULL));

  /* Another row is chosen: the pane keeps the text, on its item */
  select_outline_row (d, 2);
  g_assert_true (wp_item_editor_get_item (WP_ITEM_EDITOR (pane)) == first);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (due)), ==, "三季度");
  g_assert_cmpstr (wp_item_get_due_label (first), ==, before);

  /* Once it can be saved, it is, and the pane follows the selection */
  wp_test_restore_writes ();
  select_outline_row (d, 1);
  select_outline_row (d, 2);
  g_assert_cmpstr (wp_item_get_due_label (first), ==, "三季度");
  g_assert_true (wp_item_editor_get_item (WP_ITEM_EDITOR (pane)) == second);
}

#define WAIT_SECONDS 20

static gboolean
on_waited_too_long (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

typedef gboolean (*Condition) (gconstpointer data);

/* Runs the main loop until @condition holds, for events that come back
 * from the X server; fails after WAIT_SECONDS. */
static void
wait_until (Condition      condition,
            gconstpointer  data)
{
  gboolean too_long = FALSE;
  guint timeout = g_timeout_add_seconds (WAIT_SECONDS, on_waited_too_long, &too_long);

  while (!condition (data) && !too_long)
    g_main_context_iteration (NULL, TRUE);
  if (!too_long)
    g_source_remove (timeout);
  spin ();
  g_assert_true (condition (data));
}

/* A real event through XTest (xdotool): @args after the window's id is
 * put in for "WINDOW". FALSE when xdotool or the X11 display is missing. */
static gboolean
xdotool (GtkWidget   *widget,
         const char **args)
{
  GdkSurface *surface = gtk_native_get_surface (gtk_widget_get_native (widget));
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_find_program_in_path ("xdotool");
  int status = 0;

#ifdef GDK_WINDOWING_X11
  if (path == NULL || !GDK_IS_X11_SURFACE (surface))
    return FALSE;
  g_ptr_array_add (argv, g_strdup (path));
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, g_str_equal (args[i], "WINDOW")
                           ? g_strdup_printf ("%lu", gdk_x11_surface_get_xid (surface))
                           : g_strdup (args[i]));
#else
  return FALSE;
#endif
  g_ptr_array_add (argv, NULL);
  g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL, NULL, NULL,
                &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return TRUE;
}

/* A click of the pointer in the middle of @widget */
static gboolean
click (GtkWidget *widget)
{
  GtkNative *native = gtk_widget_get_native (widget);
  graphene_point_t middle = GRAPHENE_POINT_INIT (gtk_widget_get_width (widget) / 2.f,
                                                 gtk_widget_get_height (widget) / 2.f);
  graphene_point_t point;
  double sx, sy;
  g_autofree char *x = NULL;
  g_autofree char *y = NULL;

  g_assert_true (gtk_widget_compute_point (widget, GTK_WIDGET (native), &middle, &point));
  gtk_native_get_surface_transform (native, &sx, &sy);
  x = g_strdup_printf ("%d", (int) (point.x + sx));
  y = g_strdup_printf ("%d", (int) (point.y + sy));
  return xdotool (widget, (const char *[]) { "mousemove", "--sync", "--window", "WINDOW", x, y,
                                             "click", "1", NULL });
}

/* The outline's row widget showing @item's title */
static gboolean
is_title_label_of (GtkWidget *widget, gconstpointer item)
{
  return WP_IS_TEXT_CELL (widget) && gtk_widget_get_mapped (widget)
         && gtk_widget_get_ancestor (widget, WP_TYPE_OUTLINE_ROW) != NULL
         && g_strcmp0 (wp_text_cell_get_text (WP_TEXT_CELL (widget)),
                       wp_item_get_title ((WpItem *) item)) == 0;
}

typedef struct {
  WpItemEditor *editor;
  WpItem       *item;
} Shows;

static gboolean
pane_shows (gconstpointer data)
{
  const Shows *s = data;

  return wp_item_editor_get_item (s->editor) == s->item;
}

/* Item 9: at the window's first width the pane lies beside the outline,
 * and a click on another row shows that row's item in it. */
static void
test_pane_follows_clicks (Demo          *d,
                          gconstpointer  data)
{
  GtkWidget *pane;
  GtkWidget *outline = find_descendant (GTK_WIDGET (d->window), WP_TYPE_OUTLINE_VIEW);
  g_autoptr(WpItem) third = outline_item_at (d, 3);
  graphene_rect_t pane_box, outline_box;
  GtkWidget *label;

  {
    int width, height;

    gtk_window_get_default_size (GTK_WINDOW (d->window), &width, &height);
    g_assert_cmpint (width, ==, 1100);
  }
  select_outline_row (d, 1);
  pane = GTK_WIDGET (open_pane (d));
  wait_frame (GTK_WIDGET (d->window));
  g_assert_true (gtk_widget_compute_bounds (pane, GTK_WIDGET (d->window), &pane_box));
  g_assert_true (gtk_widget_compute_bounds (outline, GTK_WIDGET (d->window), &outline_box));
  g_assert_cmpfloat (outline_box.origin.x + outline_box.size.width, <=, pane_box.origin.x);

  label = find_widget (outline, is_title_label_of, third);
  g_assert_nonnull (label);
  if (!click (label))
    {
      g_test_skip ("xdotool or the X11 display is missing");
      return;
    }
  wait_until (pane_shows, &(Shows) { WP_ITEM_EDITOR (pane), third });
  {
    g_autoptr(GVariant) shown = g_action_group_get_action_state (G_ACTION_GROUP (d->window),
                                                                  "show-editor");
    g_assert_true (g_variant_get_boolean (shown));
  }
  g_assert_true (gtk_widget_get_mapped (pane));
  g_assert_false (focus_is_in (pane));
}

/* Item 9: showing another view does not put the focus in the pane. */
static void
test_view_switch_leaves_pane_alone (Demo          *d,
                                    gconstpointer  data)
{
  const char *views[] = { "board", "outline", "progress", "agencies", "outline" };
  GtkWidget *pane;
  g_autoptr(WpItem) first = outline_item_at (d, 1);

  select_outline_row (d, 1);
  pane = GTK_WIDGET (open_pane (d));
  g_assert_true (wp_outline_view_show_item (
                   WP_OUTLINE_VIEW (find_descendant (GTK_WIDGET (d->window),
                                                     WP_TYPE_OUTLINE_VIEW)),
                   wp_item_get_id (first)));
  spin ();
  g_assert_false (focus_is_in (pane));
  for (guint i = 0; i < G_N_ELEMENTS (views); i++)
    {
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (d->window), "win.show-view", "s",
                                                 views[i]));
      spin ();
      wait_frame (GTK_WIDGET (d->window));
      g_test_message ("in the %s view", views[i]);
      g_assert_false (focus_is_in (pane));
    }
}

static gboolean
focus_in (gconstpointer widget)
{
  return focus_is_in ((GtkWidget *) widget);
}

static gboolean
is_unmapped (gconstpointer widget)
{
  return !gtk_widget_get_mapped ((GtkWidget *) widget);
}

/* Item 8: F9 opens the pane with the focus in its first field; Escape
 * there gives the focus back to the outline's row, and F9 closes it. */
static void
test_pane_key_moves_focus (Demo          *d,
                           gconstpointer  data)
{
  GtkWidget *pane;
  GtkWidget *title;
  GtkWidget *grid = GTK_WIDGET (outline_grid_view (d));
  g_autoptr(WpItem) first = outline_item_at (d, 1);

  select_outline_row (d, 1);
  gtk_widget_grab_focus (grid);
  pane = GTK_WIDGET (open_pane (d));
  title = GTK_WIDGET (find_entry_row (pane, "Title"));
  g_assert_true (focus_is_in (title));
  /* (the title is not selected, so a key typed by mistake does not replace it) */
  {
    int start, end;

    g_assert_false (gtk_editable_get_selection_bounds (GTK_EDITABLE (title), &start, &end));
  }

  /* Escape, a real key */
  if (xdotool (pane, (const char *[]) { "windowfocus", "--sync", "WINDOW", NULL }))
    {
      g_assert_true (xdotool (pane, (const char *[]) { "key", "Escape", NULL }));
      wait_until (focus_in, grid);
      g_assert_true (gtk_widget_get_mapped (pane));
      g_assert_true (wp_item_editor_get_item (WP_ITEM_EDITOR (pane)) == first);
      /* and back */
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (d->window), "win.focus-pane",
                                                 NULL));
      spin ();
      g_assert_true (focus_is_in (title));
    }

  /* F9 again closes the pane and the focus goes back to the row */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (d->window), "win.show-editor", NULL));
  spin ();
  g_assert_true (focus_is_in (grid));
  wait_until (is_unmapped, pane);
}

/* Item 5: closing the window saves what is typed in the pane. */
static void
test_pane_saved_on_close (void)
{
  Demo d = { 0 };
  GtkWidget *pane;
  g_autoptr(WpItem) first = NULL;

  demo_setup (&d, NULL);
  first = outline_item_at (&d, 1);
  select_outline_row (&d, 1);
  pane = GTK_WIDGET (open_pane (&d));
  type_into (GTK_WIDGET (find_entry_row (pane, "Title")), "关窗前输入的名称");
  gtk_window_close (GTK_WINDOW (d.window));
  spin ();
  g_assert_cmpstr (wp_item_get_title (first), ==, "关窗前输入的名称");

  g_clear_object (&first);
  g_clear_object (&d.context);
  g_assert_finalize_object (g_steal_pointer (&d.store));
  wp_test_dir_free (g_steal_pointer (&d.dir));
}

/* Figures (issue 16, items 1, 2 and 11): on the demo judged on 15 July
 * 2025 the progress view's tiles and lists count the same key tasks (4
 * overdue, 3 at risk) and say so; the agency view gives 市司法局 its own
 * lateness, 3 (not 6); the merge dialog preselects no unrelated agency. */
static gboolean
is_action_row_titled (GtkWidget *widget, gconstpointer title)
{
  return ADW_IS_ACTION_ROW (widget)
         && g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), title) == 0;
}

static guint
count_item_rows (GtkWidget *widget)
{
  guint n = is_item_row (widget, NULL);

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n += count_item_rows (child);
  return n;
}

/* The number on the progress view's tile with @caption */
static int
tile_number (GtkWidget  *progress,
             const char *caption)
{
  GtkWidget *tiles = find_descendant (progress, GTK_TYPE_FLOW_BOX);

  for (GtkWidget *child = gtk_widget_get_first_child (tiles); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *box = gtk_flow_box_child_get_child (GTK_FLOW_BOX_CHILD (child));
      GtkWidget *value = gtk_widget_get_first_child (box);
      GtkWidget *label = gtk_widget_get_next_sibling (value);

      if (g_str_equal (gtk_label_get_label (GTK_LABEL (label)), caption))
        return atoi (gtk_label_get_label (GTK_LABEL (value)));
    }
  return -1;
}

static gboolean
is_label_starting (GtkWidget *widget, gconstpointer start)
{
  return GTK_IS_LABEL (widget) && g_str_has_prefix (gtk_label_get_label (GTK_LABEL (widget)),
                                                    start);
}

static void
test_progress_view_levels (Demo          *d,
                           gconstpointer  data)
{
  AdwViewStack *views = ADW_VIEW_STACK (find_descendant (GTK_WIDGET (d->window),
                                                         ADW_TYPE_VIEW_STACK));
  g_autoptr(WpPlan) plan = wp_store_get_plan_by_year (d->store, 2025, NULL);
  GtkWidget *progress;
  GDate day;

  g_date_clear (&day, 1);
  g_date_set_dmy (&day, 15, 7, 2025);
  wp_store_set_judging (d->store, &day, 30);
  adw_view_stack_set_visible_child_name (views, "progress");
  progress = find_descendant (GTK_WIDGET (d->window), WP_TYPE_PROGRESS_VIEW);
  wp_progress_view_set_plan (WP_PROGRESS_VIEW (progress), NULL);
  wp_progress_view_set_plan (WP_PROGRESS_VIEW (progress), plan);
  spin ();

  g_assert_cmpint (tile_number (progress, "Key tasks"), ==, 9);
  g_assert_cmpint (tile_number (progress, "Overdue"), ==, 4);
  g_assert_cmpint (tile_number (progress, "At risk"), ==, 3);
  g_assert_cmpuint (count_item_rows (find_group (progress, "Overdue")), ==, 4);
  g_assert_cmpuint (count_item_rows (find_group (progress, "At Risk")), ==, 3);
  g_assert_nonnull (find_widget (progress, is_label_starting, "Counted by key task"));
}

static void
test_agency_figures_and_merge (Demo          *d,
                               gconstpointer  data)
{
  AdwViewStack *views = ADW_VIEW_STACK (find_descendant (GTK_WIDGET (d->window),
                                                         ADW_TYPE_VIEW_STACK));
  WpAgencyView *agencies;
  AdwMessageDialog *dialog;
  AdwComboRow *into;
  GtkWidget *row;
  GDate day;

  g_date_clear (&day, 1);
  g_date_set_dmy (&day, 15, 7, 2025);
  wp_store_set_judging (d->store, &day, 30);
  adw_view_stack_set_visible_child_name (views, "agencies");
  agencies = WP_AGENCY_VIEW (find_descendant (GTK_WIDGET (d->window), WP_TYPE_AGENCY_VIEW));
  wp_agency_view_refresh_now (agencies);
  spin ();

  row = find_widget (GTK_WIDGET (agencies), is_action_row_titled, "市司法局");
  g_assert_nonnull (row);
  g_test_message ("%s", adw_action_row_get_subtitle (ADW_ACTION_ROW (row)));
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)),
                            " · 3 overdue · "));

  /* 市禁毒办 is like no other name: nothing is chosen, Merge waits */
  wp_agency_view_merge (agencies, agency_named (d->store, "市禁毒办"));
  spin ();
  dialog = find_dialog ("Merge Agency");
  g_assert_nonnull (dialog);
  into = ADW_COMBO_ROW (find_descendant (GTK_WIDGET (dialog), ADW_TYPE_COMBO_ROW));
  g_assert_cmpuint (adw_combo_row_get_selected (into), ==, GTK_INVALID_LIST_POSITION);
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "merge"));
  adw_combo_row_set_selected (into, 0);
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "merge"));
  adw_message_dialog_response (dialog, "cancel");
  /* (a response given by the program leaves the dialog open) */
  gtk_window_destroy (GTK_WINDOW (dialog));
  spin ();

  /* A longer form of 市委政法委's name offers it */
  wp_agency_view_merge (agencies, agency_named (d->store, "市纪委监委驻市委政法委纪检监察组"));
  spin ();
  dialog = find_dialog ("Merge Agency");
  into = ADW_COMBO_ROW (find_descendant (GTK_WIDGET (dialog), ADW_TYPE_COMBO_ROW));
  g_assert_cmpstr (gtk_string_object_get_string (adw_combo_row_get_selected_item (into)), ==,
                   "市委政法委");
  adw_message_dialog_response (dialog, "cancel");
  gtk_window_destroy (GTK_WINDOW (dialog));
  spin ();
}

/* Every widget under @widget that has @css_class, depth first */
static void
collect_with_class (GtkWidget  *widget,
                    const char *css_class,
                    GPtrArray  *found)
{
  if (gtk_widget_has_css_class (widget, css_class))
    g_ptr_array_add (found, widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_with_class (child, css_class, found);
}

static GtkDropTarget *
drop_target_of (GtkWidget *widget)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_DROP_TARGET (controller))
        return GTK_DROP_TARGET (controller);
    }
  return NULL;
}

/* Issue 16: a card dragged over a column and dropped onto a card in it.
 * GTK emits the column's "enter" when the pointer comes in, then gives
 * the drop to the card's target only, which stops the event; on X11 no
 * "leave" follows, so the column kept its drop highlight. Driven here
 * through the targets' signals in the order GTK emits them. */
static void
test_board_drop_clears_highlight (Demo          *d,
                                  gconstpointer  data)
{
  AdwViewStack *views = ADW_VIEW_STACK (find_descendant (GTK_WIDGET (d->window),
                                                         ADW_TYPE_VIEW_STACK));
  gint64 sea = item_titled (d->store, "平安海域");
  g_autoptr(GPtrArray) columns = g_ptr_array_new ();
  WpBoardView *board;
  GtkWidget *into = NULL;
  GtkWidget *onto = NULL;
  GdkDragAction action = 0;
  gboolean dropped = FALSE;
  GValue value = G_VALUE_INIT;

  adw_view_stack_set_visible_child_name (views, "board");
  board = WP_BOARD_VIEW (find_descendant (GTK_WIDGET (d->window), WP_TYPE_BOARD_VIEW));
  wp_board_view_set_grouping (board, WP_BOARD_BY_STATUS);
  wp_board_view_set_cards (board, WP_BOARD_CARDS_ACTIONS);
  spin ();
  g_assert_cmpint (stored_status (d->store, sea), ==, WP_ITEM_STATUS_NOT_STARTED);

  /* The first column that shows a card, other than 平安海域's (未开始) */
  collect_with_class (GTK_WIDGET (board), "wp-board-column", columns);
  g_assert_cmpuint (columns->len, >=, 2);
  for (guint i = 1; i < columns->len && onto == NULL; i++)
    {
      g_autoptr(GPtrArray) cards = g_ptr_array_new ();

      collect_with_class (g_ptr_array_index (columns, i), "wp-card", cards);
      if (cards->len > 0)
        {
          into = g_ptr_array_index (columns, i);
          onto = g_ptr_array_index (cards, 0);
        }
    }
  g_assert_nonnull (onto);

  g_signal_emit_by_name (drop_target_of (into), "enter", 10.0, 10.0, &action);
  g_assert_cmpint (action, ==, GDK_ACTION_MOVE);
  g_assert_true (gtk_widget_has_css_class (into, "wp-drop-column"));
  g_signal_emit_by_name (drop_target_of (onto), "enter", 10.0, 10.0, &action);
  g_value_init (&value, G_TYPE_INT64);
  g_value_set_int64 (&value, sea);
  g_signal_emit_by_name (drop_target_of (onto), "drop", &value, 10.0, 10.0, &dropped);
  g_value_unset (&value);
  spin ();
  g_assert_true (dropped);
  g_assert_cmpint (stored_status (d->store, sea), !=, WP_ITEM_STATUS_NOT_STARTED);

  /* Nothing on the board is still marked as a drop place */
  {
    g_autoptr(GPtrArray) marked = g_ptr_array_new ();

    collect_with_class (GTK_WIDGET (board), "wp-drop-column", marked);
    collect_with_class (GTK_WIDGET (board), "wp-drop-before", marked);
    g_assert_cmpuint (marked->len, ==, 0);
  }
}

static gboolean
on_tooltip_wait_over (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

static gboolean
is_shown_tooltip (GtkWidget *widget, gconstpointer data)
{
  return g_str_equal (gtk_widget_get_css_name (widget), "tooltip") && gtk_widget_get_mapped (widget);
}

static gboolean
is_mapped_label (GtkWidget *widget, gconstpointer data)
{
  return GTK_IS_LABEL (widget) && gtk_widget_get_mapped (widget);
}

/* Moves the pointer over @widget (xdotool, on the test's X server, where
 * windows open at 0,0) and waits for GTK to show its tooltip; asserts that
 * the tooltip's text is on one line, as wide as the text. */
static void
assert_tooltip_on_one_line (GtkWidget  *window,
                            GtkWidget  *widget,
                            const char *text)
{
  graphene_point_t centre = GRAPHENE_POINT_INIT (gtk_widget_get_width (widget) / 2.0,
                                                 gtk_widget_get_height (widget) / 2.0);
  graphene_point_t at;
  double sx, sy;
  gboolean over = FALSE;
  guint guard;
  GtkWidget *tooltip;
  GtkWidget *label;
  g_autoptr(PangoLayout) layout = NULL;
  int text_width, text_height;

  g_assert_cmpstr (gtk_widget_get_tooltip_text (widget), ==, text);
  g_assert_true (gtk_widget_compute_point (widget, window, &centre, &at));
  gtk_native_get_surface_transform (GTK_NATIVE (window), &sx, &sy);
  for (int dx = 0; dx < 2; dx++)
    {
      g_autofree char *x = g_strdup_printf ("%d", (int) (at.x + sx) + dx);
      g_autofree char *y = g_strdup_printf ("%d", (int) (at.y + sy));
      const char *argv[] = { "xdotool", "mousemove", x, y, NULL };
      g_autoptr(GError) error = NULL;

      g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL,
                    NULL, &error);
      g_assert_no_error (error);
      spin ();
    }
  /* (a guard, not a measure: GTK shows it after half a second) */
  guard = g_timeout_add_seconds (30, on_tooltip_wait_over, &over);
  while ((tooltip = find_widget (window, is_shown_tooltip, NULL)) == NULL && !over)
    g_main_context_iteration (NULL, TRUE);
  if (!over)
    g_source_remove (guard);
  g_assert_nonnull (tooltip);
  wait_frame (tooltip);

  label = find_widget (tooltip, is_mapped_label, NULL);
  g_assert_nonnull (label);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (label)), ==, text);
  layout = gtk_widget_create_pango_layout (label, text);
  pango_layout_get_pixel_size (layout, &text_width, &text_height);
  g_test_message ("“%s”: text %d×%d px, tooltip label %d×%d px", text, text_width, text_height,
                  gtk_widget_get_width (label), gtk_widget_get_height (label));
  g_assert_cmpint (gtk_widget_get_width (label), >=, text_width);
  g_assert_cmpint (gtk_widget_get_height (label), <, 2 * text_height);
}

static gboolean
is_menu_button_with_tooltip (GtkWidget *widget, gconstpointer text)
{
  return GTK_IS_MENU_BUTTON (widget) && gtk_widget_get_mapped (widget)
         && g_strcmp0 (gtk_widget_get_tooltip_text (widget), text) == 0;
}

/* Issue 16: in zh_CN the tooltips 主菜单 and 编辑或合并 showed one
 * character per line: GTK 4.8 gives a tooltip's text as many Latin-letter
 * widths as it has characters, half of what Chinese needs. */
static void
test_tooltips_one_line_zh_CN (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(WpStore) store = NULL;
  g_autoptr(WpContext) context = NULL;
  g_autofree char *xdotool = g_find_program_in_path ("xdotool");
  AdwViewStack *views;
  GtkWidget *button;
  WpWindow *window;

  if (xdotool == NULL)
    {
      g_test_skip ("xdotool is not installed");
      return;
    }
  if (!use_chinese ())
    return;
  dir = wp_test_dir_new ();
  store = demo_store (dir);
  context = wp_context_new (store, NULL);
  window = wp_window_new (NULL, context, NULL);
  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 700);
  gtk_window_present (GTK_WINDOW (window));
  spin ();
  wait_frame (GTK_WIDGET (window));

  button = find_widget (GTK_WIDGET (window), is_menu_button_with_tooltip, "主菜单");
  g_assert_nonnull (button);
  assert_tooltip_on_one_line (GTK_WIDGET (window), button, "主菜单");

  views = ADW_VIEW_STACK (find_descendant (GTK_WIDGET (window), ADW_TYPE_VIEW_STACK));
  adw_view_stack_set_visible_child_name (views, "agencies");
  spin ();
  wait_frame (GTK_WIDGET (window));
  button = find_widget (GTK_WIDGET (window), is_menu_button_with_tooltip, "编辑或合并");
  g_assert_nonnull (button);
  assert_tooltip_on_one_line (GTK_WIDGET (window), button, "编辑或合并");
  take_shot (GTK_WIDGET (window), "tooltip-agency-zh_CN");

  gtk_window_destroy (GTK_WINDOW (window));
  spin ();
  g_clear_object (&context);
  g_assert_finalize_object (g_steal_pointer (&store));
  setlocale (LC_ALL, "C.UTF-8");
  wp_test_dir_free (g_steal_pointer (&dir));
}

/* Issue 20: the window exports the task breakdown sheet, and imports a
 * spreadsheet (here a CSV ledger) as a new plan in one undoable step. */
static void
test_sheet_export_and_import (Demo          *d,
                              gconstpointer  data)
{
  g_autofree char *xlsx = g_build_filename (d->dir, "任务分解表.xlsx", NULL);
  g_autofree char *csv = g_build_filename (d->dir, "ledger.csv", NULL);
  g_autoptr(WpPlan) imported = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length = 0;

  _wp_window_export_sheet (d->window, xlsx);
  spin ();
  g_assert_true (g_file_get_contents (xlsx, &contents, &length, NULL));
  g_assert_true (length > 1000 && memcmp (contents, "PK\x03\x04", 4) == 0);

  g_assert_true (g_file_set_contents (csv,
    "2031年测试计划\n"
    "序号,类别,重点任务/具体措施,牵头单位,配合单位,完成时限\n"
    "一,,领域一,,,\n"
    "（一）,,任务一,市公安局,,\n"
    "1,,措施一,市公安局,市司法局,6月底前\n"
    "2,,措施二,市司法局,,年底前\n", -1, NULL));
  _wp_window_import_file (d->window, csv);
  spin ();
  /* (a spreadsheet is shown in the column-mapping preview first) */
  g_assert_true (wp_import_preview_import (WP_IMPORT_PREVIEW (
    wait_for_window (WP_TYPE_IMPORT_PREVIEW, NULL))));
  spin ();
  imported = wp_store_get_plan_by_year (d->store, 2031, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (wp_store_count_items (d->store, wp_plan_get_id (imported), NULL), ==, 4);
  /* the window shows the new plan */
  g_assert_cmpint (wp_plan_get_year (_wp_window_get_selected_plan (d->window)), ==, 2031);

  /* one undo takes the whole import back */
  g_assert_true (wp_undo_stack_undo (wp_context_get_undo_stack (d->context), &error));
  g_assert_no_error (error);
  g_clear_object (&imported);
  imported = wp_store_get_plan_by_year (d->store, 2031, NULL);
  g_assert_null (imported);
}

/* Issue 20, the reporting round */

static gboolean
is_agency_check (GtkWidget *widget, gconstpointer agency)
{
  return GTK_IS_CHECK_BUTTON (widget)
         && g_strcmp0 (g_object_get_data (G_OBJECT (widget), "wp-agency"), agency) == 0;
}

static gboolean
is_row_saying (GtkWidget *widget, gconstpointer text)
{
  return ADW_IS_ACTION_ROW (widget)
         && (strstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), text) != NULL
             || strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (widget))
                        ? adw_action_row_get_subtitle (ADW_ACTION_ROW (widget)) : "", text)
                != NULL);
}

static gboolean
is_status_page_titled (GtkWidget *widget, gconstpointer title)
{
  return ADW_IS_STATUS_PAGE (widget)
         && g_strcmp0 (adw_status_page_get_title (ADW_STATUS_PAGE (widget)), title) == 0;
}

static guint
count_files (const char *folder)
{
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  guint n = 0;

  while (dir != NULL && g_dir_read_name (dir) != NULL)
    n++;
  return n;
}

/* Clicks @button of @window and runs the main loop until @window is gone */
static void
click_until_closed (gpointer   window,
                    GtkWidget *button)
{
  GtkWindow *weak = NULL;

  g_set_weak_pointer (&weak, window);
  g_signal_emit_by_name (button, "clicked");
  while (weak != NULL)
    g_main_context_iteration (NULL, TRUE);
}

/* Send Sheets to Agencies writes one sheet for each agency ticked, in a
 * thread, and a toast says how many; sending again asks before replacing
 * them, and Cancel there writes nothing. */
static void
test_send_sheets (Demo          *d,
                  gconstpointer  data)
{
  g_autofree char *folder = g_build_filename (d->dir, "下发", NULL);
  g_autoptr(GFile) gfolder = g_file_new_for_path (folder);
  g_autofree char *justice = g_build_filename (folder, "2025-市司法局.xlsx", NULL);
  g_autofree char *police = g_build_filename (folder, "2025-市公安局.xlsx", NULL);
  g_autofree char *contents = NULL;
  WpSendDialog *dialog;
  GtkWidget *write, *check;
  AdwMessageDialog *replace;
  gsize length = 0;

  g_assert_cmpint (g_mkdir (folder, 0700), ==, 0);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (d->window), "win.send-sheets", NULL));
  dialog = WP_SEND_DIALOG (wait_for_window (WP_TYPE_SEND_DIALOG, NULL));
  wp_send_dialog_set_folder (dialog, gfolder);
  write = find_button_labelled (GTK_WIDGET (dialog), "_Write Sheets");
  g_assert_nonnull (write);
  g_assert_true (gtk_widget_get_sensitive (write));
  take_shot (GTK_WIDGET (dialog), "send-sheets");

  /* none ticked: nothing to write */
  g_signal_emit_by_name (find_button_labelled (GTK_WIDGET (dialog), "Select _None"), "clicked");
  g_assert_false (gtk_widget_get_sensitive (write));
  for (guint i = 0; i < 2; i++)
    {
      check = find_widget (GTK_WIDGET (dialog), is_agency_check, i == 0 ? "市司法局" : "市公安局");
      g_assert_nonnull (check);
      gtk_widget_activate (check);
    }
  g_assert_true (gtk_widget_get_sensitive (write));
  click_until_closed (dialog, write);
  spin ();

  g_assert_cmpuint (count_files (folder), ==, 2);
  g_assert_true (g_file_get_contents (justice, &contents, &length, NULL));
  g_assert_true (length > 1000 && memcmp (contents, "PK\x03\x04", 4) == 0);
  g_assert_true (g_file_test (police, G_FILE_TEST_IS_REGULAR));
  g_assert_nonnull (find_widget (GTK_WIDGET (d->window), is_label_with_text,
                                 "2 sheets written"));

  /* again, every agency: two of the sheets are there already */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (d->window), "win.send-sheets", NULL));
  dialog = WP_SEND_DIALOG (wait_for_window (WP_TYPE_SEND_DIALOG, NULL));
  wp_send_dialog_set_folder (dialog, gfolder);
  g_signal_emit_by_name (find_button_labelled (GTK_WIDGET (dialog), "_Write Sheets"), "clicked");
  spin ();
  replace = find_dialog ("Replace 2 Sheets?");
  g_assert_nonnull (replace);
  adw_message_dialog_response (replace, "cancel");
  spin ();
  g_assert_cmpuint (count_files (folder), ==, 2);
  gtk_window_close (GTK_WINDOW (dialog));
  spin ();

  /* a plan whose items name no agency yet: nothing to send, and why */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(WpPlan) empty = wp_edit_new_plan (wp_context_get_undo_stack (d->context), 2026,
                                                "2026年工作要点", "", &error);

    g_assert_no_error (error);
    wp_window_select_year (d->window, 2026);
    spin ();
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (d->window), "win.send-sheets",
                                               NULL));
    dialog = WP_SEND_DIALOG (wait_for_window (WP_TYPE_SEND_DIALOG, NULL));
    g_assert_nonnull (find_widget (GTK_WIDGET (dialog), is_status_page_titled,
                                   "No Agencies to Send To"));
    g_assert_false (gtk_widget_get_visible (find_button_labelled (GTK_WIDGET (dialog),
                                                                  "_Write Sheets")));
    gtk_window_close (GTK_WINDOW (dialog));
    spin ();
  }
}

/* Sends every agency its sheet into @folder and stops it: at once by
 * closing the dialog, or with Cancel once the bar shows the first sheet.
 * Returns how many sheets were written; each is whole. */
static guint
send_and_stop (Demo       *d,
               const char *folder,
               gboolean    at_once,
               guint      *n_agencies)
{
  g_autoptr(GFile) gfolder = g_file_new_for_path (folder);
  g_autoptr(GDir) dir = NULL;
  g_autofree char *toast = NULL;
  g_autofree char *all = NULL;
  WpSendDialog *dialog;
  GtkProgressBar *bar;
  GtkWindow *weak = NULL;
  const char *name;
  guint written = 0;

  {
    g_auto(GStrv) names = wp_store_list_plan_agency_names (
      d->store, wp_plan_get_id (_wp_window_get_selected_plan (d->window)), NULL);

    *n_agencies = g_strv_length (names);
  }
  g_assert_cmpint (g_mkdir (folder, 0700), ==, 0);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (d->window), "win.send-sheets", NULL));
  dialog = WP_SEND_DIALOG (wait_for_window (WP_TYPE_SEND_DIALOG, NULL));
  wp_send_dialog_set_folder (dialog, gfolder);
  bar = GTK_PROGRESS_BAR (find_descendant (GTK_WIDGET (dialog), GTK_TYPE_PROGRESS_BAR));
  g_set_weak_pointer (&weak, GTK_WINDOW (dialog));
  g_signal_emit_by_name (find_button_labelled (GTK_WIDGET (dialog), "_Write Sheets"), "clicked");
  if (at_once)
    {
      /* (closing while writing is Cancel too; the dialog stays until the thread ends) */
      gtk_window_close (GTK_WINDOW (dialog));
      g_assert_nonnull (weak);
    }
  else
    {
      while (weak != NULL && gtk_progress_bar_get_text (bar) == NULL)
        g_main_context_iteration (NULL, TRUE);
      /* (of the screen: the dialog may be gone by the time it is taken) */
      if (weak != NULL)
        take_shot (GTK_WIDGET (d->window), "send-progress");
      if (weak != NULL)
        g_signal_emit_by_name (find_button_labelled (GTK_WIDGET (dialog), "_Cancel"),
                               "clicked");
    }
  while (weak != NULL)
    g_main_context_iteration (NULL, TRUE);
  spin ();

  dir = g_dir_open (folder, 0, NULL);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (folder, name, NULL);
      g_autoptr(GError) error = NULL;
      g_autoptr(WpTable) table = wp_table_read_file (path, &error);

      g_assert_no_error (error);
      g_assert_nonnull (table);
      written++;
    }
  g_test_message ("%u of %u sheets written before stopping", written, *n_agencies);
  g_assert_cmpuint (written, <=, *n_agencies);
  toast = g_strdup_printf ("Stopped after %u of %u sheets", written, *n_agencies);
  all = g_strdup_printf ("%u sheets written", written);
  /* (the toast of an earlier run may still be showing, this one queued) */
  g_assert_true (at_once || written == 0
                 || find_widget (GTK_WIDGET (d->window), is_label_with_text, toast) != NULL
                 /* (a fast machine may have written them all before Cancel) */
                 || (written == *n_agencies
                     && find_widget (GTK_WIDGET (d->window), is_label_with_text, all) != NULL));
  return written;
}

/* Cancel while the sheets are written stops after the sheet being
 * written: every sheet there is whole, and the toast says how many. */
static void
test_send_sheets_cancelled (Demo          *d,
                            gconstpointer  data)
{
  g_autofree char *first = g_build_filename (d->dir, "closed", NULL);
  g_autofree char *second = g_build_filename (d->dir, "cancelled", NULL);
  guint n_agencies;

  /* the sheet the bar showed was being written: it is finished */
  g_assert_cmpuint (send_and_stop (d, second, FALSE, &n_agencies), >=, 1);
  send_and_stop (d, first, TRUE, &n_agencies);
}

/* A sheet as @agency would return it, filled in by openpyxl */
static char *
returned_sheet_of (Demo       *d,
                   const char *agency,
                   const char *name,
                   const char *edits)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WpSheet) sheet = NULL;
  g_autofree char *sent = g_build_filename (d->dir, "sent.xlsx", NULL);
  g_autofree char *json = g_build_filename (d->dir, "edits.json", NULL);
  g_autofree char *script = g_test_build_filename (G_TEST_DIST, "fill-sheet.py", NULL);
  char *filled = g_build_filename (d->dir, name, NULL);
  const char *argv[] = { "/usr/bin/python3", script, sent, filled, json, NULL };
  int status = 1;

  sheet = wp_sheet_new (d->store, wp_plan_get_id (_wp_window_get_selected_plan (d->window)),
                        agency, &error);
  g_assert_no_error (error);
  g_assert_true (wp_sheet_write_xlsx (sheet, sent, &error));
  g_assert_true (g_file_set_contents (json, edits, -1, NULL));
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, NULL,
                               NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return filled;
}

static char *
returned_sheet (Demo       *d,
                const char *name,
                const char *edits)
{
  return returned_sheet_of (d, "市司法局", name, edits);
}

/* The collect dialog reads its files in a thread: until they are read */
static void
wait_until_read (WpCollectDialog *dialog)
{
  while (wp_collect_dialog_is_reading (dialog))
    g_main_context_iteration (NULL, TRUE);
  spin ();
}

static guint
count_notes (Demo   *d,
             gint64  item_id)
{
  g_autoptr(GPtrArray) notes = wp_store_list_notes (d->store, item_id, NULL);

  return notes->len;
}

/* Collect Returned Sheets lists what a sheet changes, collects it in one
 * step and Ctrl+Z's action puts every item back; a sheet edited in a
 * locked column is refused in words that say what to do, and nothing can
 * be collected. */
static void
test_collect_sheets (Demo          *d,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *filled = NULL;
  g_autofree char *tampered = NULL;
  WpCollectDialog *dialog;
  GtkWidget *collect;
  gint64 reported, advanced;
  WpItemStatus old_status;
  int old_progress, old_advanced;
  guint old_notes;

  if (!wp_test_have_openpyxl ())
    {
      g_test_skip ("python3-openpyxl is not installed");
      return;
    }
  reported = item_titled (d->store, "完善重大行政决策");
  advanced = item_titled (d->store, "推动建设市、区、镇");
  {
    g_autoptr(WpItem) item = wp_store_get_item (d->store, reported, NULL);
    g_autoptr(WpItem) other = wp_store_get_item (d->store, advanced, NULL);

    old_status = wp_item_get_status (item);
    old_progress = wp_item_get_progress (item);
    old_advanced = wp_item_get_progress (other);
    old_notes = count_notes (d, reported);
  }
  g_assert_cmpint (old_status, !=, WP_ITEM_STATUS_DONE);
  g_assert_cmpint (old_advanced, !=, 30);

  filled = returned_sheet (d, "2025-市司法局-已填.xlsx",
    "[{\"title\": \"完善重大行政决策\", \"key\": \"status\", \"value\": \"已完成\"},"
    " {\"title\": \"完善重大行政决策\", \"key\": \"progress\", \"value\": 100},"
    " {\"title\": \"完善重大行政决策\", \"key\": \"note\", \"value\": \"已出台审查办法\"},"
    " {\"title\": \"推动建设市、区、镇\", \"key\": \"progress\", \"value\": 30}]");
  {
    const char *files[] = { filled, NULL };

    dialog = wp_collect_dialog_new (d->window, files);
  }
  gtk_window_present (GTK_WINDOW (dialog));
  wait_until_read (dialog);
  g_assert_true (wp_collect_dialog_can_apply (dialog));
  g_assert_nonnull (find_widget (GTK_WIDGET (dialog), is_row_saying, "Status: "));
  g_assert_nonnull (find_widget (GTK_WIDGET (dialog), is_row_saying, "→ 30%"));
  g_assert_nonnull (find_widget (GTK_WIDGET (dialog), is_row_saying,
                                 "New note: Reported by 市司法局"));
  take_shot (GTK_WIDGET (dialog), "collect-review");
  collect = find_button_labelled (GTK_WIDGET (dialog), "C_ollect");
  g_assert_true (gtk_widget_get_sensitive (collect));
  click_until_closed (dialog, collect);
  spin ();

  {
    g_autoptr(WpItem) item = wp_store_get_item (d->store, reported, NULL);
    g_autoptr(WpItem) other = wp_store_get_item (d->store, advanced, NULL);

    g_assert_cmpint (wp_item_get_status (item), ==, WP_ITEM_STATUS_DONE);
    g_assert_cmpint (wp_item_get_progress (item), ==, 100);
    g_assert_cmpint (wp_item_get_progress (other), ==, 30);
    g_assert_cmpuint (count_notes (d, reported), ==, old_notes + 1);
  }
  /* the file as it was is kept, as the command line keeps it */
  {
    g_autoptr(GPtrArray) backups = wp_backup_list (wp_store_get_path (d->store), NULL);
    gboolean before_collect = FALSE;

    for (guint i = 0; backups != NULL && i < backups->len; i++)
      before_collect |= ((WpBackup *) g_ptr_array_index (backups, i))->reason
                        == WP_BACKUP_BEFORE_COLLECT;
    g_assert_true (before_collect);
  }

  /* the same sheet again: nothing new, nothing to press */
  {
    const char *files[] = { filled, NULL };

    dialog = wp_collect_dialog_new (d->window, files);
    gtk_window_present (GTK_WINDOW (dialog));
    wait_until_read (dialog);
    g_assert_nonnull (find_widget (GTK_WIDGET (dialog), is_status_page_titled,
                                   "Nothing New to Collect"));
    g_assert_false (gtk_widget_get_visible (find_button_labelled (GTK_WIDGET (dialog),
                                                                  "C_ollect")));
    gtk_window_close (GTK_WINDOW (dialog));
    spin ();
  }

  /* one step back puts all of it back */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (d->window), "win.undo", NULL));
  spin ();
  {
    g_autoptr(WpItem) item = wp_store_get_item (d->store, reported, NULL);
    g_autoptr(WpItem) other = wp_store_get_item (d->store, advanced, NULL);

    g_assert_cmpint (wp_item_get_status (item), ==, old_status);
    g_assert_cmpint (wp_item_get_progress (item), ==, old_progress);
    g_assert_cmpint (wp_item_get_progress (other), ==, old_advanced);
    g_assert_cmpuint (count_notes (d, reported), ==, old_notes);
  }
  g_assert_false (wp_undo_stack_can_undo (wp_context_get_undo_stack (d->context)));

  /* a lead agency changed in the sheet: refused, and nothing can be collected */
  tampered = returned_sheet (d, "2025-市司法局-改.xlsx",
    "[{\"title\": \"完善重大行政决策\", \"key\": \"status\", \"value\": \"已完成\"},"
    " {\"title\": \"完善重大行政决策\", \"key\": \"lead\", \"value\": \"市公安局\"}]");
  {
    const char *files[] = { tampered, filled, NULL };

    dialog = wp_collect_dialog_new (d->window, files);
  }
  gtk_window_present (GTK_WINDOW (dialog));
  wait_until_read (dialog);
  g_assert_false (wp_collect_dialog_can_apply (dialog));
  g_assert_false (gtk_widget_get_sensitive (find_button_labelled (GTK_WIDGET (dialog),
                                                                  "C_ollect")));
  g_assert_nonnull (find_widget (GTK_WIDGET (dialog), is_row_saying,
                                 "are changed in the plan, not in returned sheets"));
  g_assert_nonnull (find_widget (GTK_WIDGET (dialog), is_group_titled,
                                 "1 problem to correct before collecting"));
  g_assert_false (wp_collect_dialog_apply (dialog));
  take_shot (GTK_WIDGET (dialog), "collect-refused");
  gtk_window_close (GTK_WINDOW (dialog));
  spin ();
  {
    g_autoptr(WpItem) item = wp_store_get_item (d->store, reported, NULL);

    g_assert_cmpint (wp_item_get_status (item), ==, old_status);
  }

  /* the 2025 sheet while the window shows another year: it says which plan */
  {
    g_autoptr(WpPlan) next = wp_edit_new_plan (wp_context_get_undo_stack (d->context), 2026,
                                               "2026年工作要点", "", &error);
    const char *files[] = { filled, NULL };

    g_assert_no_error (error);
    wp_window_select_year (d->window, 2026);
    spin ();
    dialog = wp_collect_dialog_new (d->window, files);
    gtk_window_present (GTK_WINDOW (dialog));
    wait_until_read (dialog);
    g_assert_false (wp_collect_dialog_can_apply (dialog));
    g_assert_nonnull (find_widget (GTK_WIDGET (dialog), is_row_saying,
                                   "collect it into the 2025 plan"));
    gtk_window_close (GTK_WINDOW (dialog));
    spin ();
  }
}

/* Importing a spreadsheet shows its columns first: a column the importer
 * does not know is changed to the lead agency with its drop-down, the
 * preview follows, Import takes it so, and the next sheet with the same
 * headers gets the same choice. */
static void
test_import_preview_mapping (Demo          *d,
                             gconstpointer  data)
{
  g_autofree char *csv = g_build_filename (d->dir, "台账.csv", NULL);
  g_autofree char *again = g_build_filename (d->dir, "台账2.csv", NULL);
  const char *ledger =
    "2032年台账\n"
    "序号,重点任务/具体措施,主办处室,完成时限\n"
    "一,领域一,,\n"
    "（一）,任务一,市公安局,\n"
    "1,措施一,市司法局,6月底前\n"
    "2,措施二,市司法局,年底前\n";
  g_autoptr(WpPlan) plan = NULL;
  g_autoptr(GError) error = NULL;
  WpImportPreview *preview;
  GtkDropDown *chooser;
  gint64 action;

  g_assert_true (g_file_set_contents (csv, ledger, -1, NULL));
  _wp_window_import_file (d->window, csv);
  preview = WP_IMPORT_PREVIEW (wait_for_window (WP_TYPE_IMPORT_PREVIEW, NULL));
  g_assert_nonnull (strstr (wp_import_preview_get_summary (preview),
                            "1 area, 1 key task, 2 actions"));
  chooser = wp_import_preview_get_field_chooser (preview, 2);
  g_assert_cmpuint (gtk_drop_down_get_selected (chooser), ==, WP_SHEET_FIELD_EXTRA);

  /* no column of tasks: the preview says what to choose, Import is off */
  gtk_drop_down_set_selected (wp_import_preview_get_field_chooser (preview, 1),
                              WP_SHEET_FIELD_NONE);
  g_assert_nonnull (strstr (wp_import_preview_get_summary (preview), "choose “Key task"));
  g_assert_false (gtk_widget_get_sensitive (find_button_labelled (GTK_WIDGET (preview),
                                                                  "_Import")));
  gtk_drop_down_set_selected (wp_import_preview_get_field_chooser (preview, 1),
                              WP_SHEET_FIELD_TITLE);
  gtk_drop_down_set_selected (chooser, WP_SHEET_FIELD_LEAD);
  g_assert_nonnull (find_widget (GTK_WIDGET (preview), is_label_with_text, "市司法局"));
  take_shot (GTK_WIDGET (preview), "import-preview");
  g_assert_true (wp_import_preview_import (preview));
  spin ();

  plan = wp_store_get_plan_by_year (d->store, 2032, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (wp_store_count_items (d->store, wp_plan_get_id (plan), NULL), ==, 4);
  {
    g_autoptr(GArray) ids = wp_store_search (d->store, wp_plan_get_id (plan), "措施一", NULL);

    g_assert_cmpuint (ids->len, ==, 1);
    action = g_array_index (ids, gint64, 0);
  }
  {
    g_autoptr(WpItem) item = wp_store_get_item (d->store, action, NULL);

    g_assert_true (g_strv_contains (wp_item_get_lead_agencies (item), "市司法局"));
  }

  /* the same headers again: the column is taken for the lead agency */
  g_assert_true (g_file_set_contents (again, ledger, -1, NULL));
  _wp_window_import_file (d->window, again);
  preview = WP_IMPORT_PREVIEW (wait_for_window (WP_TYPE_IMPORT_PREVIEW, NULL));
  g_assert_cmpuint (gtk_drop_down_get_selected (wp_import_preview_get_field_chooser (preview, 2)),
                    ==, WP_SHEET_FIELD_LEAD);
  gtk_window_close (GTK_WINDOW (preview));
  spin ();
}


/* The three dialogs of the reporting round in Chinese, for the eye
 * (WORKPLAN_SHOT_DIR) and for their words */
static void
test_reporting_round_zh_CN (void)
{
  Demo demo = { 0 }, *d = &demo;
  g_autofree char *filled = NULL;
  g_autofree char *csv = NULL;
  WpCollectDialog *collect;
  WpImportPreview *preview;
  WpSendDialog *send;

  if (!use_chinese ())
    return;
  demo_setup (d, NULL);
  gtk_window_set_default_size (GTK_WINDOW (d->window), 1100, 800);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (d->window), "win.send-sheets", NULL));
  send = WP_SEND_DIALOG (wait_for_window (WP_TYPE_SEND_DIALOG, NULL));
  g_assert_nonnull (find_button_labelled (GTK_WIDGET (send), "生成任务表(_W)"));
  take_shot (GTK_WIDGET (send), "send-sheets-zh_CN");
  gtk_window_close (GTK_WINDOW (send));
  spin ();

  if (wp_test_have_openpyxl ())
    {
      filled = returned_sheet (d, "2025-市司法局.xlsx",
        "[{\"title\": \"完善重大行政决策\", \"key\": \"status\", \"value\": \"已完成\"},"
        " {\"title\": \"完善重大行政决策\", \"key\": \"note\", \"value\": \"已出台审查办法\"},"
        " {\"title\": \"推动建设市、区、镇\", \"key\": \"progress\", \"value\": 30}]");
      {
        const char *files[] = { filled, NULL };

        collect = wp_collect_dialog_new (d->window, files);
      }
      gtk_window_present (GTK_WINDOW (collect));
      wait_until_read (collect);
      g_assert_nonnull (find_widget (GTK_WIDGET (collect), is_group_titled, "待汇总 2 处更新"));
      g_assert_nonnull (find_widget (GTK_WIDGET (collect), is_row_saying, "状态：进行中 → 已完成"));
      take_shot (GTK_WIDGET (collect), "collect-review-zh_CN");
      gtk_window_close (GTK_WINDOW (collect));
      spin ();

      /* with a file that is no workbook: refused, then left out */
      {
        g_autofree char *broken = g_build_filename (d->dir, "2025-市信访局.xlsx", NULL);
        const char *files[] = { filled, broken, NULL };

        g_assert_true (g_file_set_contents (broken, "PK\003\004", -1, NULL));
        collect = wp_collect_dialog_new (d->window, files);
        gtk_window_present (GTK_WINDOW (collect));
        wait_until_read (collect);
        g_assert_nonnull (find_widget (GTK_WIDGET (collect), is_group_titled,
                                       "汇总前需更正 1 处问题"));
        take_shot (GTK_WIDGET (collect), "collect-refused-zh_CN");
        gtk_toggle_button_set_active (
          GTK_TOGGLE_BUTTON (find_button_labelled (GTK_WIDGET (collect), "略过(_L)")), TRUE);
        spin ();
        g_assert_true (wp_collect_dialog_can_apply (collect));
        take_shot (GTK_WIDGET (collect), "collect-left-out-zh_CN");
        gtk_window_close (GTK_WINDOW (collect));
        spin ();
      }
    }

  csv = g_build_filename (d->dir, "台账.csv", NULL);
  g_assert_true (g_file_set_contents (csv,
    "2033年政法工作任务分解表\n"
    "序号,重点任务/具体措施,责任单位,协办单位,完成时间,备注\n"
    "一,深化平安建设,,,,\n"
    "（一）,推进社会治理现代化,市委政法委,,,\n"
    "1,完善网格化服务管理,市委政法委,各区党委政法委,2033年6月底前,\n"
    "2,健全矛盾纠纷多元化解机制,市司法局,市信访局、市法院,年底前,重点督办\n", -1, NULL));
  _wp_window_import_file (d->window, csv);
  preview = WP_IMPORT_PREVIEW (wait_for_window (WP_TYPE_IMPORT_PREVIEW, NULL));
  g_assert_nonnull (strstr (wp_import_preview_get_summary (preview), "2033年计划"));
  take_shot (GTK_WIDGET (preview), "import-preview-zh_CN");
  gtk_window_close (GTK_WINDOW (preview));
  spin ();

  demo_teardown (d, NULL);
  setlocale (LC_ALL, "C.UTF-8");
}

/* Issue 17: an edit made by another process (the command line) appears
 * in the open window within a moment, in place: the row shows the new
 * progress, the selection stays where it was, and the views are not made
 * to read everything again. */
static gboolean
item_has_progress_77 (gconstpointer data)
{
  return wp_item_get_progress ((WpItem *) data) == 77;
}

static void
on_plans_changed_count (WpStore *store,
                        guint   *count)
{
  (*count)++;
}

static void
test_cli_edit_appears_in_place (Demo          *d,
                                gconstpointer  data)
{
  GtkWidget *outline = find_descendant (GTK_WIDGET (d->window), WP_TYPE_OUTLINE_VIEW);
  GtkGridView *view = GTK_GRID_VIEW (find_descendant (GTK_WIDGET (d->window), GTK_TYPE_GRID_VIEW));
  GListModel *rows = G_LIST_MODEL (gtk_grid_view_get_model (view));
  g_autoptr(WpItem) selected = NULL;
  g_autoptr(WpItem) other = NULL;
  g_autoptr(WpItem) still = NULL;
  g_autofree char *out = NULL;
  guint n_rows, plans_changed = 0;

  /* The second key task is selected; the first gets a note from the CLI */
  for (guint i = 0; i < g_list_model_get_n_items (rows) && selected == NULL; i++)
    {
      g_autoptr(GtkTreeListRow) row = g_list_model_get_item (rows, i);
      WpItem *item = gtk_tree_list_row_get_item (row);

      if (wp_item_get_kind (item) == WP_ITEM_KIND_TASK)
        {
          if (other == NULL)
            other = g_object_ref (item);
          else
            selected = g_object_ref (item);
        }
      g_object_unref (item);
    }
  g_assert_nonnull (selected);
  g_assert_cmpint (wp_item_get_progress (other), !=, 77);
  g_assert_true (wp_outline_view_show_item (WP_OUTLINE_VIEW (outline),
                                            wp_item_get_id (selected)));
  spin ();
  n_rows = g_list_model_get_n_items (rows);
  g_signal_connect (d->store, "plans-changed", G_CALLBACK (on_plans_changed_count),
                    &plans_changed);

  {
    const char *argv[] = { g_getenv ("WORKPLAN_BIN"), "note", "--db", wp_store_get_path (d->store),
                           "--year", "2025", "--item", wp_item_get_uuid (other),
                           "--text", "命令行写入的进展", "--progress", "77", NULL };
    g_autoptr(GError) error = NULL;
    int status = 0;

    g_assert_nonnull (argv[0]);
    g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, NULL, &status,
                  &error);
    g_assert_no_error (error);
    g_assert_true (g_spawn_check_wait_status (status, NULL));
  }
  /* (the window looks every second; nothing here asks the store) */
  wait_until (item_has_progress_77, other);

  still = wp_outline_view_get_selected_item (WP_OUTLINE_VIEW (outline));
  g_assert_nonnull (still);
  g_assert_cmpint (wp_item_get_id (still), ==, wp_item_get_id (selected));
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, n_rows);
  g_assert_cmpuint (plans_changed, ==, 0);
  g_signal_handlers_disconnect_by_data (d->store, &plans_changed);
}

/* Every page of the window's view stack holds a WpView (once shown), which
 * takes the window's context and follows it: another plan set on the
 * context reaches every view. */
static void
test_views_follow_context (Demo          *d,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  AdwViewStack *stack = ADW_VIEW_STACK (find_descendant (GTK_WIDGET (d->window),
                                                         ADW_TYPE_VIEW_STACK));
  g_autoptr(GtkSelectionModel) pages = adw_view_stack_get_pages (stack);
  g_autoptr(WpPlan) other = NULL;
  WpPlan *shown = wp_context_get_plan (d->context);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (pages));

  g_assert_nonnull (shown);
  g_assert_cmpint (wp_plan_get_year (shown), ==, 2025);
  g_assert_cmpuint (n, ==, 5);  /* outline, board, progress, agencies, reporting */
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(AdwViewStackPage) page = g_list_model_get_item (G_LIST_MODEL (pages), i);
      GtkWidget *child = adw_view_stack_page_get_child (page);
      GtkWidget *view;
      g_autoptr(WpPlan) plan = NULL;

      /* (made when first shown) */
      gtk_widget_activate_action (GTK_WIDGET (d->window), "win.show-view", "s",
                                  adw_view_stack_page_get_name (page));
      spin ();
      view = ADW_IS_BIN (child) ? adw_bin_get_child (ADW_BIN (child)) : child;
      g_assert_true (WP_IS_VIEW (view));
      g_assert_cmpstr (wp_view_type_get_name (G_OBJECT_TYPE (view)), ==,
                       adw_view_stack_page_get_name (page));
      g_assert_cmpstr (wp_view_type_get_title (G_OBJECT_TYPE (view)), ==,
                       adw_view_stack_page_get_title (page));
      g_assert_true (wp_view_get_context (WP_VIEW (view)) == d->context);
      plan = wp_view_dup_plan (WP_VIEW (view));
      g_assert_true (plan == shown);
    }

  /* Another year on the context: each view shows it */
  other = wp_store_create_plan (d->store, 2030, "另一年的计划", "", &error);
  g_assert_no_error (error);
  spin ();
  wp_context_set_plan (d->context, other);
  spin ();
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(AdwViewStackPage) page = g_list_model_get_item (G_LIST_MODEL (pages), i);
      GtkWidget *child = adw_view_stack_page_get_child (page);
      GtkWidget *view = ADW_IS_BIN (child) ? adw_bin_get_child (ADW_BIN (child)) : child;
      g_autoptr(WpPlan) plan = wp_view_dup_plan (WP_VIEW (view));

      g_assert_true (plan == other);
    }
  /* (and the outline shows that plan, which is empty) */
  {
    GtkWidget *outline = find_descendant (GTK_WIDGET (d->window), WP_TYPE_OUTLINE_VIEW);
    GtkStack *outline_stack = GTK_STACK (find_descendant (outline, GTK_TYPE_STACK));

    g_assert_cmpstr (gtk_stack_get_visible_child_name (outline_stack), ==, "empty");
  }
}

/* A model button of an open menu, labelled @label (without its mnemonic) */
static gboolean
is_model_button_labelled (GtkWidget     *widget,
                          gconstpointer  label)
{
  g_autofree char *text = NULL;

  if (G_OBJECT_TYPE (widget) != g_type_from_name ("GtkModelButton")
      || !gtk_widget_get_mapped (widget))
    return FALSE;
  g_object_get (widget, "text", &text, NULL);
  return g_strcmp0 (text, label) == 0;
}

/* An outline command runs by its action's name and by its key binding,
 * and the row's menu shows that binding. */
static void
test_outline_command_action_and_key (Demo          *d,
                                     gconstpointer  data)
{
  GtkWidget *outline = find_descendant (GTK_WIDGET (d->window), WP_TYPE_OUTLINE_VIEW);
  gint64 first = demo_task (d, 0, 0);
  gint64 second = demo_task (d, 0, 1);

  g_assert_true (wp_outline_view_show_item (WP_OUTLINE_VIEW (outline), first));
  spin ();

  /* by name: the first key task goes below the second */
  g_assert_true (gtk_widget_activate_action (outline, "outline.move-down", NULL));
  spin ();
  g_assert_cmpint (demo_task (d, 0, 0), ==, second);
  g_assert_cmpint (demo_task (d, 0, 1), ==, first);

  /* by its binding, Alt+Up, as the grid's keys get it: back up */
  g_assert_true (press_key (outline_grid (d), GDK_KEY_Up, GDK_ALT_MASK));
  g_assert_cmpint (demo_task (d, 0, 0), ==, first);
  g_assert_cmpint (demo_task (d, 0, 1), ==, second);

  /* a key bound to nothing goes on to the list */
  g_assert_false (press_key (outline_grid (d), GDK_KEY_Up, GDK_SUPER_MASK));

  /* The row's menu (the Menu key's action) shows the bindings */
  g_assert_true (gtk_widget_activate_action (outline, "outline.show-menu", NULL));
  {
    GtkWidget *below = NULL;
    g_autofree char *accel = NULL;

    for (int i = 0; i < 100 && below == NULL; i++)
      {
        spin ();
        below = find_widget (outline, is_model_button_labelled, "Add Item Below");
      }
    g_assert_nonnull (below);
    g_object_get (below, "accel", &accel, NULL);
    g_assert_cmpstr (accel, ==, "Return");
    gtk_popover_popdown (GTK_POPOVER (gtk_widget_get_ancestor (below, GTK_TYPE_POPOVER)));
    spin ();
  }
}

static gboolean
is_group_describing (GtkWidget *widget, gconstpointer text)
{
  return ADW_IS_PREFERENCES_GROUP (widget)
         && adw_preferences_group_get_description (ADW_PREFERENCES_GROUP (widget)) != NULL
         && strstr (adw_preferences_group_get_description (ADW_PREFERENCES_GROUP (widget)),
                    text) != NULL;
}

static guint
count_collect_backups (Demo *d)
{
  g_autoptr(GPtrArray) backups = wp_backup_list (wp_store_get_path (d->store), NULL);
  guint n = 0;

  for (guint i = 0; backups != NULL && i < backups->len; i++)
    n += ((WpBackup *) g_ptr_array_index (backups, i))->reason == WP_BACKUP_BEFORE_COLLECT;
  return n;
}

/* what a collect of the two sheets would change */
static char *
describe_two (Demo   *d,
              gint64  a_id,
              gint64  b_id)
{
  g_autoptr(WpItem) a = wp_store_get_item (d->store, a_id, NULL);
  g_autoptr(WpItem) b = wp_store_get_item (d->store, b_id, NULL);

  return g_strdup_printf ("%d %d %u %u", wp_item_get_progress (a), wp_item_get_progress (b),
                          count_notes (d, a_id), count_notes (d, b_id));
}

/* Of three returned sheets the middle one is no workbook at all. Cancel
 * while they are read writes nothing. Read through, the broken one is
 * listed as refused and Collect is off; leaving it out collects the other
 * two, and the summary says it was left out. */
static void
test_collect_skips_broken_sheet (Demo          *d,
                                 gconstpointer  data)
{
  g_autofree char *justice = NULL;
  g_autofree char *police = NULL;
  g_autofree char *broken = g_build_filename (d->dir, "2025-市信访局.xlsx", NULL);
  g_autofree char *before = NULL;
  WpCollectDialog *dialog;
  GtkWidget *group, *leave_out;
  gint64 advanced, fraud;
  int old_advanced, old_fraud;

  if (!wp_test_have_openpyxl ())
    {
      g_test_skip ("python3-openpyxl is not installed");
      return;
    }
  advanced = item_titled (d->store, "推动建设市、区、镇");
  fraud = item_titled (d->store, "深化电信网络诈骗犯罪打击整治");
  {
    g_autoptr(WpItem) a = wp_store_get_item (d->store, advanced, NULL);
    g_autoptr(WpItem) f = wp_store_get_item (d->store, fraud, NULL);

    old_advanced = wp_item_get_progress (a);
    old_fraud = wp_item_get_progress (f);
  }
  g_assert_cmpint (old_advanced, !=, 30);
  g_assert_cmpint (old_fraud, !=, 80);
  justice = returned_sheet_of (d, "市司法局", "2025-市司法局.xlsx",
    "[{\"title\": \"推动建设市、区、镇\", \"key\": \"progress\", \"value\": 30}]");
  police = returned_sheet_of (d, "市公安局", "2025-市公安局.xlsx",
    "[{\"title\": \"深化电信网络诈骗犯罪打击整治\", \"key\": \"progress\", \"value\": 80}]");
  g_assert_true (g_file_set_contents (broken, "PK\003\004 保存时出错", -1, NULL));
  before = describe_two (d, advanced, fraud);

  /* Cancel while the files are read: the dialog goes, nothing is written */
  {
    const char *files[] = { justice, broken, police, NULL };

    dialog = wp_collect_dialog_new (d->window, files);
  }
  gtk_window_present (GTK_WINDOW (dialog));
  g_assert_true (wp_collect_dialog_is_reading (dialog));
  g_assert_false (wp_collect_dialog_can_apply (dialog));
  click_until_closed (dialog, find_button_labelled (GTK_WIDGET (dialog), "_Cancel"));
  spin ();
  {
    g_autofree char *after = describe_two (d, advanced, fraud);

    g_assert_cmpstr (after, ==, before);
  }
  g_assert_cmpuint (count_collect_backups (d), ==, 0);
  g_assert_false (wp_undo_stack_can_undo (wp_context_get_undo_stack (d->context)));

  /* read through: the broken file is refused, the others are listed */
  {
    const char *files[] = { justice, broken, police, NULL };

    dialog = wp_collect_dialog_new (d->window, files);
  }
  gtk_window_present (GTK_WINDOW (dialog));
  wait_until_read (dialog);
  group = find_widget (GTK_WIDGET (dialog), is_group_titled, "2025-市信访局.xlsx");
  g_assert_nonnull (group);
  g_assert_nonnull (find_widget (group, is_row_saying, "not a readable Excel workbook"));
  g_assert_nonnull (find_widget (GTK_WIDGET (dialog), is_row_saying, "→ 30%"));
  g_assert_nonnull (find_widget (GTK_WIDGET (dialog), is_row_saying, "→ 80%"));
  g_assert_nonnull (find_widget (GTK_WIDGET (dialog), is_group_titled,
                                 "1 problem to correct before collecting"));
  g_assert_false (wp_collect_dialog_can_apply (dialog));
  g_assert_false (gtk_widget_get_sensitive (find_button_labelled (GTK_WIDGET (dialog),
                                                                  "C_ollect")));
  g_assert_false (wp_collect_dialog_apply (dialog));
  take_shot (GTK_WIDGET (dialog), "collect-broken-sheet");

  /* only the refused sheet can be left out */
  leave_out = find_button_labelled (GTK_WIDGET (dialog), "_Leave Out");
  g_assert_nonnull (leave_out);
  g_assert_true (gtk_widget_is_ancestor (leave_out, group));
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (leave_out), TRUE);
  spin ();
  g_assert_true (wp_collect_dialog_can_apply (dialog));
  g_assert_nonnull (find_widget (GTK_WIDGET (dialog), is_group_titled, "2 changes to collect"));
  g_assert_nonnull (find_widget (GTK_WIDGET (dialog), is_group_describing,
                                 "1 sheet is left out and not collected."));
  g_assert_nonnull (find_widget (GTK_WIDGET (dialog), is_group_describing,
                                 "Left out: nothing of this sheet is collected."));
  /* (the focus stays on the button, rebuilt with the review) */
  g_assert_true (gtk_toggle_button_get_active (
    GTK_TOGGLE_BUTTON (find_button_labelled (GTK_WIDGET (dialog), "_Leave Out"))));
  click_until_closed (dialog, find_button_labelled (GTK_WIDGET (dialog), "C_ollect"));
  spin ();
  {
    g_autoptr(WpItem) a = wp_store_get_item (d->store, advanced, NULL);
    g_autoptr(WpItem) f = wp_store_get_item (d->store, fraud, NULL);

    g_assert_cmpint (wp_item_get_progress (a), ==, 30);
    g_assert_cmpint (wp_item_get_progress (f), ==, 80);
  }
  g_assert_cmpuint (count_collect_backups (d), ==, 1);
}

/* Issue 19: Import Work Report… reads a report in a thread, shows its
 * draft beside the text, takes the user's fixes and writes them as one
 * undoable plan; Cancel writes nothing. */
static gboolean
is_named (GtkWidget *widget, gconstpointer name)
{
  return g_strcmp0 (gtk_widget_get_name (widget), name) == 0;
}

static gboolean
is_label_marked_up (GtkWidget *widget, gconstpointer markup)
{
  return GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_label (GTK_LABEL (widget)), markup) == 0;
}

static WpReportDialog *
wait_for_report (void)
{
  WpReportDialog *dialog = WP_REPORT_DIALOG (wait_for_window (WP_TYPE_REPORT_DIALOG, NULL));

  while (wp_report_dialog_is_reading (dialog))
    g_main_context_iteration (NULL, TRUE);
  spin ();
  return dialog;
}

static const char *
report_page (WpReportDialog *dialog)
{
  GtkWidget *stack = find_widget (GTK_WIDGET (dialog), is_stack_with_page, "review");

  return gtk_stack_get_visible_child_name (GTK_STACK (stack));
}

static WpReportRow *
report_row (WpReportDialog *dialog,
            guint           position)
{
  g_autoptr(WpReportRow) row = g_list_model_get_item (wp_report_dialog_get_rows (dialog),
                                                      position);

  g_assert_nonnull (row);
  return row;
}

/* The words of the report the selected item is marked on */
static char *
marked_text (WpReportDialog *dialog)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (wp_report_dialog_get_source_view (dialog));
  GtkTextTag *tag = gtk_text_tag_table_lookup (gtk_text_buffer_get_tag_table (buffer), "wp-span");
  GtkTextIter start, end;

  gtk_text_buffer_get_start_iter (buffer, &start);
  if (!gtk_text_iter_starts_tag (&start, tag) && !gtk_text_iter_forward_to_tag_toggle (&start, tag))
    return g_strdup ("");
  end = start;
  gtk_text_iter_forward_to_tag_toggle (&end, tag);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static void
set_report_field (WpReportDialog *dialog,
                  const char     *name,
                  const char     *text)
{
  GtkWidget *entry = find_widget (GTK_WIDGET (dialog), is_named, name);

  g_assert_nonnull (entry);
  gtk_editable_set_text (GTK_EDITABLE (entry), text);
}

static guint
count_all_plans (WpStore *store)
{
  g_autoptr(GPtrArray) plans = wp_store_list_plans (store, NULL);

  return plans->len;
}

static void
test_report_review_imports (Demo          *d,
                            gconstpointer  data)
{
  g_autofree char *txt = g_test_build_filename (G_TEST_DIST, "data", "reports",
                                                "xiamen-2025-work-report.txt", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(WpPlan) plan = NULL;
  WpUndoStack *undo = wp_context_get_undo_stack (d->context);
  WpReportDialog *dialog;
  AdwMessageDialog *taken;
  GListModel *rows;
  guint n_rows, n_plans = count_all_plans (d->store);
  gint64 renamed;

  /* a report file given to Import Plan goes to the review too */
  _wp_window_import_file (d->window, txt);
  dialog = wait_for_report ();
  g_assert_cmpstr (report_page (dialog), ==, "review");
  rows = wp_report_dialog_get_rows (dialog);
  g_assert_cmpuint (g_list_model_get_n_items (rows), >, 20);

  /* the review of 2024 goes whole, with what is under it */
  g_assert_cmpstr (wp_report_row_get_title (report_row (dialog, 0)), ==,
                   "Review of the previous year");
  n_rows = g_list_model_get_n_items (rows);
  wp_report_dialog_select (dialog, 0);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "report.delete-item", NULL));
  g_assert_cmpuint (g_list_model_get_n_items (rows), <, n_rows - 20);
  g_assert_cmpstr (wp_report_row_get_title (report_row (dialog, 0)), ==, "坚持主动创稳 强化系统治理");

  /* selecting an item marks where it came from; renaming it */
  wp_report_dialog_select (dialog, 1);
  g_assert_cmpstr (wp_report_row_get_title (report_row (dialog, 1)), ==, "进一步守牢社会稳定底线");
  {
    g_autofree char *marked = marked_text (dialog);

    g_assert_nonnull (strstr (marked, "进一步守牢社会稳定底线"));
  }
  set_report_field (dialog, "item-title", "守牢社会稳定底线（改）");
  g_assert_cmpstr (wp_report_row_get_title (report_row (dialog, 1)), ==, "守牢社会稳定底线（改）");

  /* an action up a level and back; its lead agency typed */
  wp_report_dialog_select (dialog, 2);
  g_assert_cmpuint (wp_report_row_get_level (report_row (dialog, 2)), ==, 2);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "report.promote", NULL));
  g_assert_cmpuint (wp_report_row_get_level (report_row (dialog, 2)), ==, 1);
  g_assert_cmpuint (wp_report_row_get_level (report_row (dialog, 3)), ==, 2);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "report.demote", NULL));
  g_assert_cmpuint (wp_report_row_get_level (report_row (dialog, 2)), ==, 2);
  set_report_field (dialog, "item-lead", "市委政法委、市新设局");
  spin ();
  /* an agency the directory does not know is marked for checking */
  g_assert_nonnull (find_widget (GTK_WIDGET (dialog), is_label_marked_up,
                                 "市委政法委、<i>市新设局</i><small>(new)</small>"));
  set_report_field (dialog, "item-lead", "市委政法委、市公安局");
  set_report_field (dialog, "item-deadline", "6月底前");
  take_shot (GTK_WIDGET (dialog), "report-review");

  /* 2025 has a plan: Import offers 2026 and writes nothing meanwhile */
  g_assert_true (gtk_widget_get_visible (find_widget (GTK_WIDGET (dialog), is_label_with_text,
                                                      "There is already a 2025 plan: choose "
                                                      "another year.")));
  n_rows = g_list_model_get_n_items (rows);
  g_assert_false (wp_report_dialog_import (dialog));
  g_assert_cmpuint (count_all_plans (d->store), ==, n_plans);
  taken = ADW_MESSAGE_DIALOG (wait_for_window (ADW_TYPE_MESSAGE_DIALOG, NULL));
  g_assert_cmpstr (adw_message_dialog_get_heading (taken), ==, "There Is Already a 2025 Plan");
  adw_message_dialog_response (taken, "other");
  spin ();

  plan = wp_store_get_plan_by_year (d->store, 2026, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (wp_store_count_items (d->store, wp_plan_get_id (plan), NULL), ==, n_rows);
  {
    g_autoptr(GArray) ids = wp_store_search (d->store, wp_plan_get_id (plan), "守牢社会稳定底线（改）",
                                             NULL);
    g_autoptr(GArray) review = wp_store_search (d->store, wp_plan_get_id (plan),
                                                "刑事警情数同比下降16.35%", NULL);

    g_assert_cmpuint (ids->len, ==, 1);
    renamed = g_array_index (ids, gint64, 0);
    g_assert_cmpuint (review->len, ==, 0);
  }
  {
    g_autoptr(WpItem) task = wp_store_get_item (d->store, renamed, NULL);
    g_autoptr(GPtrArray) actions = wp_store_list_children (d->store, wp_plan_get_id (plan),
                                                           renamed, NULL);
    WpItem *action = g_ptr_array_index (actions, 0);

    g_assert_cmpint (wp_item_get_kind (task), ==, WP_ITEM_KIND_TASK);
    g_assert_cmpint (wp_item_get_kind (action), ==, WP_ITEM_KIND_ACTION);
    g_assert_true (g_strv_contains (wp_item_get_lead_agencies (action), "市委政法委"));
    g_assert_true (g_strv_contains (wp_item_get_lead_agencies (action), "市公安局"));
  }
  g_clear_object (&plan);

  /* one step: Undo takes the plan away, Redo brings it back whole */
  g_assert_true (wp_undo_stack_undo (undo, &error));
  g_assert_no_error (error);
  spin ();
  g_assert_null (wp_store_get_plan_by_year (d->store, 2026, NULL));
  g_assert_cmpuint (count_all_plans (d->store), ==, n_plans);
  g_assert_true (wp_undo_stack_redo (undo, &error));
  g_assert_no_error (error);
  spin ();
  plan = wp_store_get_plan_by_year (d->store, 2026, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (wp_store_count_items (d->store, wp_plan_get_id (plan), NULL), ==, n_rows);
}

static void
test_report_review_cancelled (Demo          *d,
                              gconstpointer  data)
{
  g_autofree char *docx = g_test_build_filename (G_TEST_DIST, "data", "reports",
                                                 "xiamen-2025-work-report.docx", NULL);
  g_autofree char *junk = g_build_filename (d->dir, "扫描件.txt", NULL);
  g_autofree char *noise = g_build_filename (d->dir, "转发.txt", NULL);
  const char bytes[] = { 0x00, 0x01, 0x02, 0xff, 0xfe, 0x00, 0x7f, 0x10, 0x00, 0x00, 0x80 };
  guint n_plans = count_all_plans (d->store);
  WpReportDialog *dialog;

  /* read, edited, cancelled: nothing written */
  _wp_window_review_report (d->window, docx);
  dialog = wait_for_report ();
  g_assert_cmpstr (report_page (dialog), ==, "review");
  g_assert_cmpuint (g_list_model_get_n_items (wp_report_dialog_get_rows (dialog)), >, 20);
  set_report_field (dialog, "plan-year", "2040");
  set_report_field (dialog, "item-title", "不会写入");
  gtk_widget_activate (find_button_labelled (GTK_WIDGET (dialog), "_Cancel"));
  spin ();
  g_assert_cmpuint (count_all_plans (d->store), ==, n_plans);
  g_assert_null (wp_store_get_plan_by_year (d->store, 2040, NULL));

  /* closed while it reads: the window lives on, nothing written */
  dialog = _wp_window_review_report (d->window, docx);
  g_assert_true (wp_report_dialog_is_reading (dialog));
  gtk_window_close (GTK_WINDOW (dialog));
  spin ();
  g_assert_cmpuint (count_all_plans (d->store), ==, n_plans);

  /* a binary file: the reader's message, Import off */
  g_assert_true (g_file_set_contents (junk, bytes, sizeof bytes, NULL));
  _wp_window_review_report (d->window, junk);
  dialog = wait_for_report ();
  g_assert_cmpstr (report_page (dialog), ==, "error");
  g_assert_nonnull (find_button_labelled (GTK_WIDGET (dialog), "_Close"));
  take_shot (GTK_WIDGET (dialog), "report-error");
  g_assert_false (gtk_widget_get_sensitive (find_button_labelled (GTK_WIDGET (dialog),
                                                                  "_Import")));
  g_assert_false (wp_report_dialog_import (dialog));
  gtk_window_close (GTK_WINDOW (dialog));
  spin ();

  /* page furniture only: the dialog says nothing was found and what to do */
  g_assert_true (g_file_set_contents (noise, "分享到：\n责任编辑：张三\n", -1, NULL));
  _wp_window_review_report (d->window, noise);
  dialog = wait_for_report ();
  g_assert_cmpstr (report_page (dialog), ==, "empty");
  take_shot (GTK_WIDGET (dialog), "report-empty");
  g_assert_false (gtk_widget_get_sensitive (find_button_labelled (GTK_WIDGET (dialog),
                                                                  "_Import")));
  gtk_window_close (GTK_WINDOW (dialog));
  spin ();
  g_assert_cmpuint (count_all_plans (d->store), ==, n_plans);
}

/* The review in Chinese, for the eye (WORKPLAN_SHOT_DIR) and its words */
static void
test_report_review_zh_CN (void)
{
  Demo demo = { 0 }, *d = &demo;
  g_autofree char *txt = g_test_build_filename (G_TEST_DIST, "data", "reports",
                                                "xiamen-2025-work-report.txt", NULL);
  WpReportDialog *dialog;

  if (!use_chinese ())
    return;
  demo_setup (d, NULL);
  _wp_window_review_report (d->window, txt);
  dialog = wait_for_report ();
  g_assert_nonnull (find_button_labelled (GTK_WIDGET (dialog), "导入(_I)"));
  wp_report_dialog_select (dialog, 1);
  take_shot (GTK_WIDGET (dialog), "report-review-zh_CN");
  wp_report_dialog_select (dialog, 40);
  take_shot (GTK_WIDGET (dialog), "report-review-zh_CN-2");
  gtk_window_close (GTK_WINDOW (dialog));
  spin ();
  demo_teardown (d, NULL);
  setlocale (LC_ALL, "C.UTF-8");
}

/* Issue 21: the reporting view (报送) on a crafted plan, judged on 20 June
 * 2025: January to June in the grid, June shown below it. 市公安局 owes
 * three reports (one made), 市司法局 one (made in May), 市委政法委 none
 * (it leads the area only). */
static WpStore *
reporting_store (const char *dir)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (dir, "reporting.db", NULL);
  WpStore *store = wp_store_open (path, WP_STORE_OPEN_DEFAULT, &error);
  g_autoptr(WpPlan) plan = NULL;
  const struct {
    int         parent;  /* index in this list, or -1 */
    WpItemKind  kind;
    const char *title;
    const char *lead[3];
    const char *note;    /* the day of its one progress note, or NULL */
  } items[] = {
    { -1, WP_ITEM_KIND_AREA, "平安建设", { "市委政法委" }, NULL },
    { 0, WP_ITEM_KIND_TASK, "防范电信网络诈骗", { "市公安局" }, NULL },
    { 1, WP_ITEM_KIND_ACTION, "反诈宣传", { "市公安局" }, NULL },
    { 1, WP_ITEM_KIND_ACTION, "打击电诈", { "市公安局" }, "2025-06-10" },
    { 0, WP_ITEM_KIND_ACTION, "社区矫正", { "市司法局", "市公安局" }, "2025-05-31" },
  };
  gint64 ids[G_N_ELEMENTS (items)];
  GDate day;

  g_assert_no_error (error);
  plan = wp_store_create_plan (store, 2025, "2025年平安建设工作要点", "市委政法委", &error);
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (items); i++)
    {
      g_autoptr(WpItem) item =
        wp_store_create_item (store, wp_plan_get_id (plan),
                              items[i].parent >= 0 ? ids[items[i].parent] : 0, -1, items[i].kind,
                              items[i].title, &error);

      g_assert_no_error (error);
      ids[i] = wp_item_get_id (item);
      g_assert_true (wp_store_set_item_agencies (store, ids[i], WP_AGENCY_ROLE_LEAD,
                                                 items[i].lead, &error));
      if (items[i].note != NULL)
        {
          g_assert_true (wp_date_from_iso (items[i].note, &day));
          g_assert_cmpint (wp_store_add_note_by (store, ids[i], &day, "已推进", -1, NULL, &error),
                           >, 0);
        }
      g_assert_no_error (error);
    }
  /* 反诈宣传 at 20% is behind its second quarter's 50% */
  g_assert_true (wp_store_set_item_int (store, ids[2], "progress", 20, &error));
  g_assert_true (wp_store_set_milestone (store, ids[2], 2, "覆盖全部社区", 50, &error));
  g_assert_no_error (error);
  return store;
}

/* The cells of @agency's row in the grid, from January on */
static GPtrArray *
grid_cells (WpReportingView *view,
            const char      *agency)
{
  GPtrArray *cells = g_ptr_array_new ();
  GtkWidget *grid = find_widget (GTK_WIDGET (view), is_of_type,
                                 GSIZE_TO_POINTER (GTK_TYPE_LIST_BOX));

  for (GtkWidget *row = gtk_widget_get_first_child (grid); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    if (g_strcmp0 (g_object_get_data (G_OBJECT (row), "wp-agency"), agency) == 0)
      {
        GtkWidget *box = gtk_list_box_row_get_child (GTK_LIST_BOX_ROW (row));

        /* (after the agency's name) */
        for (GtkWidget *cell = gtk_widget_get_next_sibling (gtk_widget_get_first_child (box));
             cell != NULL; cell = gtk_widget_get_next_sibling (cell))
          g_ptr_array_add (cells, cell);
      }
  return cells;
}

static void
assert_cell (GPtrArray  *cells,
             guint       index,
             const char *text,
             const char *css_class)
{
  GtkWidget *cell = g_ptr_array_index (cells, index);

  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (cell)), ==, text);
  g_assert_true (gtk_widget_has_css_class (cell, css_class));
}

static char *
clipboard_text (GtkWidget *widget)
{
  GdkContentProvider *content = gdk_clipboard_get_content (gtk_widget_get_clipboard (widget));
  g_auto(GValue) value = G_VALUE_INIT;
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (content);
  g_value_init (&value, G_TYPE_STRING);
  g_assert_true (gdk_content_provider_get_value (content, &value, &error));
  g_assert_no_error (error);
  return g_value_dup_string (&value);
}

/* Shows the reporting view of a window on reporting_store()'s plan */
static WpReportingView *
show_reporting (WpWindow *window,
                WpStore  *store)
{
  WpReportingView *view;
  GDate day;

  /* (the window judges on today; the test, on 20 June) */
  g_date_clear (&day, 1);
  g_date_set_dmy (&day, 20, 6, 2025);
  wp_store_set_judging (store, &day, 30);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-view", "s", "reporting");
  spin ();
  view = WP_REPORTING_VIEW (find_mapped (GTK_WIDGET (window), WP_TYPE_REPORTING_VIEW));
  g_assert_nonnull (view);
  wp_reporting_view_refresh_now (view);
  spin ();
  return view;
}

static void
test_reporting_view (void)
{
  g_autofree char *dir = wp_test_dir_new ();
  g_autoptr(WpStore) store = reporting_store (dir);
  g_autoptr(WpContext) context = wp_context_new (store, NULL);
  WpWindow *window = wp_window_new (NULL, context, NULL);
  WpReportingView *view;
  g_autoptr(GPtrArray) police = NULL;
  g_autoptr(GPtrArray) justice = NULL;
  g_autoptr(GPtrArray) committee = NULL;
  g_autofree char *text = NULL;
  GtkWidget *row, *button;
  AdwMessageDialog *dialog;

  gtk_window_present (GTK_WINDOW (window));
  spin ();
  view = show_reporting (window, store);

  /* The grid: January to June, with counts; June shown below */
  police = grid_cells (view, "市公安局");
  justice = grid_cells (view, "市司法局");
  committee = grid_cells (view, "市委政法委");
  g_assert_cmpuint (police->len, ==, 6);
  assert_cell (police, 5, "1/3", "wp-partly");
  assert_cell (police, 4, "1/3", "wp-partly");
  assert_cell (police, 0, "0/3", "wp-missing");
  assert_cell (justice, 4, "1/1", "wp-reported");
  assert_cell (justice, 5, "0/1", "wp-missing");
  assert_cell (committee, 5, "—", "wp-nothing-due");
  g_assert_true (gtk_widget_has_css_class (g_ptr_array_index (police, 5), "wp-shown-period"));

  /* June's items not reported, per agency; the item behind its milestone */
  row = find_widget (GTK_WIDGET (view), is_action_row_titled, "市公安局 · 2 items");
  g_assert_nonnull (row);
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==, "反诈宣传, 社区矫正");
  g_assert_nonnull (find_widget (GTK_WIDGET (view), is_action_row_titled, "市司法局 · 1 item"));
  g_assert_nonnull (find_widget (GTK_WIDGET (view), is_action_row_titled, "市公安局 · 1 item"));

  /* Copy Reminder puts the agency's 催报 on the clipboard */
  button = find_button_labelled (row, "_Copy Reminder");
  g_assert_nonnull (button);
  g_signal_emit_by_name (button, "clicked");
  spin ();
  text = clipboard_text (GTK_WIDGET (view));
  g_assert_cmpstr (text, ==, "市公安局: please report the progress of the following 2 items by "
                             "6/25: 1. 反诈宣传; 2. 社区矫正.");

  /* Selecting an agency lists its items, reported or not */
  g_assert_null (find_widget (GTK_WIDGET (view), is_action_row_titled, "打击电诈"));
  g_assert_true (wp_reporting_view_select_agency (view, "市公安局"));
  spin ();
  g_assert_nonnull (find_widget (GTK_WIDGET (view), is_action_row_titled, "打击电诈"));
  g_assert_nonnull (find_widget (GTK_WIDGET (view), is_action_row_titled, "反诈宣传"));
  g_assert_nonnull (find_widget (GTK_WIDGET (view), is_action_row_titled, "社区矫正"));
  take_shot (GTK_WIDGET (window), "reporting-view");

  /* Another period's heading shows that period below; the selection stays */
  {
    GtkWidget *may = find_button_labelled (GTK_WIDGET (view), "5");

    g_assert_nonnull (may);
    g_signal_emit_by_name (may, "clicked");
    spin ();
    g_assert_nonnull (find_widget (GTK_WIDGET (view), is_action_row_titled,
                                   "市公安局 · 2 items"));
    g_assert_null (find_widget (GTK_WIDGET (view), is_action_row_titled, "市司法局 · 1 item"));
    g_assert_nonnull (find_widget (GTK_WIDGET (view), is_action_row_titled, "打击电诈"));
    g_signal_emit_by_name (find_button_labelled (GTK_WIDGET (view), "6"), "clicked");
    spin ();
  }

  /* Draft Bulletin: the 通报, to copy */
  g_signal_emit_by_name (find_button_labelled (GTK_WIDGET (view), "_Draft Bulletin"), "clicked");
  spin ();
  dialog = find_dialog ("Draft Bulletin");
  g_assert_nonnull (dialog);
  take_shot (GTK_WIDGET (dialog), "reporting-bulletin");
  adw_message_dialog_response (dialog, "copy");
  gtk_window_destroy (GTK_WINDOW (dialog));
  spin ();
  g_clear_pointer (&text, g_free);
  text = clipboard_text (GTK_WIDGET (view));
  g_assert_true (g_str_has_prefix (text, "Bulletin on the progress reports of 2025-06\n\n"));
  g_assert_nonnull (strstr (text, "Not reported on time: 市公安局 (2 items), 市司法局 (1 item)."));
  g_assert_nonnull (strstr (text, "Work behind its milestone: 反诈宣传 (市公安局)."));

  /* No lead agencies: the empty state */
  {
    g_autoptr(WpPlanFacts) facts = wp_store_list_plan_facts (store, wp_plan_get_id (
                                                               wp_context_get_plan (context)),
                                                             NULL);
    const char *none[] = { NULL };

    for (guint i = 0; i < facts->items->len; i++)
      g_assert_true (wp_store_set_item_agencies (store, g_array_index (facts->items, WpItemFacts,
                                                                       i).id,
                                                 WP_AGENCY_ROLE_LEAD, none, NULL));
    wp_reporting_view_refresh_now (view);
    spin ();
    g_assert_cmpstr (gtk_stack_get_visible_child_name (
                       GTK_STACK (find_widget (GTK_WIDGET (view), is_stack_with_page, "empty"))),
                     ==, "empty");
  }

  gtk_window_destroy (GTK_WINDOW (window));
  spin ();
  g_clear_object (&context);
  g_assert_finalize_object (g_steal_pointer (&store));
  wp_test_dir_free (g_steal_pointer (&dir));
}

/* The view in the office's Chinese: the 催报 as it is pasted into an OA
 * message, and a screenshot */
static void
test_reporting_view_zh_CN (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(WpStore) store = NULL;
  g_autoptr(WpContext) context = NULL;
  WpWindow *window;
  WpReportingView *view;
  g_autofree char *text = NULL;
  GtkWidget *row;

  if (!use_chinese ())
    return;
  dir = wp_test_dir_new ();
  store = reporting_store (dir);
  context = wp_context_new (store, NULL);
  window = wp_window_new (NULL, context, NULL);
  gtk_window_present (GTK_WINDOW (window));
  spin ();
  view = show_reporting (window, store);
  g_assert_true (wp_reporting_view_select_agency (view, "市公安局"));
  spin ();
  take_shot (GTK_WIDGET (window), "reporting-view-zh_CN");
  /* (counts, not the day of the year a "%1$u/%2$u" translation would make) */
  {
    g_autoptr(GPtrArray) police = grid_cells (view, "市公安局");

    assert_cell (police, 5, "1/3", "wp-partly");
  }

  row = find_widget (GTK_WIDGET (view), is_action_row_titled, "市公安局 · 2项");
  g_assert_nonnull (row);
  g_signal_emit_by_name (find_button_labelled (row, "复制催报(_C)"), "clicked");
  spin ();
  text = clipboard_text (GTK_WIDGET (view));
  g_assert_cmpstr (text, ==, "请市公安局于6月25日前报送以下2项工作进展：1. 反诈宣传；2. 社区矫正。");

  g_signal_emit_by_name (find_button_labelled (GTK_WIDGET (view), "起草通报(_D)"), "clicked");
  spin ();
  g_assert_nonnull (find_dialog ("起草通报"));
  take_shot (GTK_WIDGET (find_dialog ("起草通报")), "reporting-bulletin-zh_CN");
  gtk_window_destroy (GTK_WINDOW (find_dialog ("起草通报")));

  gtk_window_destroy (GTK_WINDOW (window));
  spin ();
  setlocale (LC_ALL, "C.UTF-8");
  g_clear_object (&context);
  g_assert_finalize_object (g_steal_pointer (&store));
  wp_test_dir_free (g_steal_pointer (&dir));
}

/* The progress view's breakdown against the milestones (形象进度): its
 * counts on a crafted plan, the items behind, and a click on a 欠进度
 * segment showing just those items in the outline */
static double
test_chart_scale (GtkWidget *widget)
{
  int dpi = 0;

  g_object_get (gtk_widget_get_settings (widget), "gtk-xft-dpi", &dpi, NULL);
  return dpi > 0 ? CLAMP (dpi / (96.0 * 1024), 1.0, 3.0) : 1.0;
}

/* Clicks the middle of @pace's segment of bar @index of a breakdown chart */
static void
click_pace_segment (GtkWidget *chart,
                    GPtrArray *groups,
                    guint      index,
                    WpPace     pace)
{
  double k = test_chart_scale (chart), x = 0, y = 0;
  GtkEventController *click = NULL;
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (chart);

  g_assert_cmpint (gtk_widget_get_width (chart), >, 0);
  g_assert_true (wp_chart_pace_segment_centre (groups, 12, gtk_widget_get_width (chart) / k,
                                               index, pace, &x, &y));
  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) c = g_list_model_get_item (controllers, i);

      if (GTK_IS_GESTURE_CLICK (c))
        click = c;
    }
  g_assert_nonnull (click);
  g_signal_emit_by_name (click, "released", 1, x * k, y * k);
  spin ();
}

static guint
group_index (GPtrArray  *groups,
             const char *name)
{
  for (guint i = 0; i < groups->len; i++)
    if (g_str_equal (((WpGroupCounts *) g_ptr_array_index (groups, i))->name, name))
      return i;
  g_assert_not_reached ();
}

static void
test_progress_pace_breakdown (void)
{
  g_autofree char *dir = wp_test_dir_new ();
  g_autoptr(WpPlan) plan = NULL;
  WpStore *store = wp_test_open_paced (dir, &plan);
  WpContext *context = wp_context_new (store, NULL);
  WpWindow *window = wp_window_new (NULL, context, NULL);
  g_autoptr(WpPlanStats) stats = wp_plan_stats_compute (store, wp_plan_get_id (plan), NULL,
                                                        NULL);
  AdwViewStack *views;
  GtkWidget *progress, *group, *areas_chart, *agencies_chart, *behind, *row, *chip;
  GListModel *rows;
  g_autofree char *chip_label = NULL;

  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 800);
  gtk_window_present (GTK_WINDOW (window));
  spin ();
  views = ADW_VIEW_STACK (find_descendant (GTK_WIDGET (window), ADW_TYPE_VIEW_STACK));
  rows = G_LIST_MODEL (gtk_grid_view_get_model (GTK_GRID_VIEW (
                         find_descendant (GTK_WIDGET (window), GTK_TYPE_GRID_VIEW))));
  adw_view_stack_set_visible_child_name (views, "progress");
  spin ();
  progress = find_descendant (GTK_WIDGET (window), WP_TYPE_PROGRESS_VIEW);
  group = find_group (progress, "Against the Milestones");
  g_assert_nonnull (group);
  g_assert_cmpstr (adw_preferences_group_get_description (ADW_PREFERENCES_GROUP (group)), ==,
                   "1 ahead, 1 on track, 2 behind and 2 done; 2 have no milestone due yet. "
                   "Each item by its own milestone for the last quarter ended; lead agencies "
                   "by the items they lead at any level.");
  areas_chart = find_descendant (group, GTK_TYPE_DRAWING_AREA);
  agencies_chart = gtk_widget_get_next_sibling (gtk_widget_get_next_sibling (areas_chart));
  g_assert_true (GTK_IS_DRAWING_AREA (agencies_chart));
  /* a legend row and a bar for each area, each lead agency */
  g_assert_cmpint (gtk_drawing_area_get_content_height (GTK_DRAWING_AREA (areas_chart)), ==,
                   (int) (wp_chart_pace_height (2) * test_chart_scale (areas_chart)));
  g_assert_cmpint (gtk_drawing_area_get_content_height (GTK_DRAWING_AREA (agencies_chart)), ==,
                   (int) (wp_chart_pace_height (3) * test_chart_scale (areas_chart)));

  /* The items behind, furthest first, with expected and actual progress */
  behind = find_group (progress, "Behind Milestone");
  g_assert_true (gtk_widget_get_visible (behind));
  row = find_item_row (behind);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, "任务F");
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==,
                   "甲单位 · expected 40%, actual 20%");
  row = gtk_widget_get_next_sibling (row);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, "任务B");

  /* 甲单位's 欠进度: the two key tasks it leads behind, under their areas */
  wait_frame (agencies_chart);
  g_assert_true (gtk_widget_get_mapped (agencies_chart));
  click_pace_segment (agencies_chart, stats->agencies, group_index (stats->agencies, "甲单位"),
                      WP_PACE_BEHIND);
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (views), ==, "outline");
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, 4);
  {
    g_autoptr(GtkTreeListRow) first = g_list_model_get_item (rows, 1);
    g_autoptr(GtkTreeListRow) second = g_list_model_get_item (rows, 3);
    g_autoptr(WpItem) b = gtk_tree_list_row_get_item (first);
    g_autoptr(WpItem) f = gtk_tree_list_row_get_item (second);

    g_assert_cmpstr (wp_item_get_title (b), ==, "任务B");
    g_assert_cmpstr (wp_item_get_title (f), ==, "任务F");
  }
  chip_label = g_strdup_printf ("甲单位 · %s ✕", wp_pace_to_label (WP_PACE_BEHIND));
  chip = find_button_labelled (GTK_WIDGET (window), chip_label);
  g_assert_nonnull (chip);
  g_assert_true (gtk_widget_get_visible (chip));

  /* An area's 欠进度: its key task behind, not 丙单位's action under 任务H */
  adw_view_stack_set_visible_child_name (views, "progress");
  spin ();
  wait_frame (areas_chart);
  click_pace_segment (areas_chart, stats->areas, 1, WP_PACE_BEHIND);
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (views), ==, "outline");
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, 2);   /* 领域二, 任务F */

  /* The button takes the segment away: every item again */
  chip = find_button_labelled (GTK_WIDGET (window), "领域二 · Behind ✕");
  g_assert_nonnull (chip);
  g_signal_emit_by_name (chip, "clicked");
  spin ();
  g_assert_false (gtk_widget_get_visible (chip));
  g_assert_cmpuint (g_list_model_get_n_items (rows), >, 2);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.close-search", NULL));
  spin ();

  /* Before the first quarter ends no milestone is due: one line says so */
  {
    GDate day;

    g_date_clear (&day, 1);
    g_date_set_dmy (&day, 30, 3, 2025);
    wp_store_set_judging (store, &day, 30);
  }
  adw_view_stack_set_visible_child_name (views, "progress");
  wp_progress_view_set_plan (WP_PROGRESS_VIEW (progress), plan);
  spin ();
  g_assert_cmpstr (adw_preferences_group_get_description (ADW_PREFERENCES_GROUP (group)), ==,
                   "No item has a milestone due by 30/3/2025.");
  g_assert_false (gtk_widget_get_visible (gtk_widget_get_parent (areas_chart)));
  g_assert_false (gtk_widget_get_visible (behind));

  gtk_window_destroy (GTK_WINDOW (window));
  spin ();
  g_clear_object (&plan);
  g_clear_pointer (&stats, wp_plan_stats_free);
  g_object_unref (context);
  g_assert_cmpuint (wp_store_get_n_live_items (store), ==, 0);
  g_assert_finalize_object (store);
  wp_test_dir_free (g_steal_pointer (&dir));
}


/* Issue 21: close-out (销号), evidence files and the year-end check */

/* The outline's view, the item @title selected in it and in the pane */
static WpItemEditor *
pane_on_item (Demo       *d,
              const char *title)
{
  GtkWidget *outline = find_descendant (GTK_WIDGET (d->window), WP_TYPE_OUTLINE_VIEW);
  WpItemEditor *editor;

  g_assert_true (wp_outline_view_show_item (WP_OUTLINE_VIEW (outline),
                                            item_titled (d->store, title)));
  spin ();
  editor = open_pane (d);
  g_assert_cmpstr (wp_item_get_title (wp_item_editor_get_item (editor)), ==, title);
  return editor;
}

static void
wait_files_read (WpCloseoutDialog *dialog)
{
  while (wp_closeout_dialog_is_loading (dialog))
    g_main_context_iteration (NULL, TRUE);
  spin ();
}

static gboolean
is_row_titled (GtkWidget *widget, gconstpointer title)
{
  return ADW_IS_PREFERENCES_ROW (widget)
         && g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), title) == 0
         && gtk_widget_is_visible (widget);
}

static gboolean
is_button_with_tooltip (GtkWidget *widget, gconstpointer text)
{
  return GTK_IS_BUTTON (widget)
         && g_strcmp0 (gtk_widget_get_tooltip_text (widget), text) == 0;
}

static guint
count_attachments (WpStore *store,
                   gint64   item_id)
{
  g_autoptr(GPtrArray) list = wp_store_list_attachments (store, item_id, NULL);

  return list->len;
}

/* Marking an item done in the pane asks for its completion note (the
 * Close Out button is off while it is empty) and takes evidence files; a
 * file over 50 MiB is refused. Confirm writes it all as one undo step, and
 * the pane then shows the close-out and the file. */
static void
test_closeout_with_file (Demo          *d,
                         gconstpointer  data)
{
  const char *title = "深化平安海域创建";
  gint64 id = item_titled (d->store, title);
  WpItemEditor *editor = pane_on_item (d, title);
  AdwComboRow *status;
  WpCloseoutDialog *dialog;
  GtkWidget *confirm;
  g_autofree char *small_path = g_build_filename (d->dir, "巡查纪要.pdf", NULL);
  g_autofree char *big_path = g_build_filename (d->dir, "航拍.mov", NULL);
  g_autofree char *contents = g_strnfill (200000, 'x');
  g_autoptr(GFile) small = g_file_new_for_path (small_path);
  g_autoptr(GFile) big = g_file_new_for_path (big_path);
  g_autoptr(GBytes) back = NULL;

  g_assert_true (g_file_set_contents (small_path, contents, -1, NULL));
  {
    FILE *f = fopen (big_path, "w");

    g_assert_nonnull (f);
    g_assert_cmpint (ftruncate (fileno (f), WP_ATTACHMENT_MAX_SIZE + 1), ==, 0);
    fclose (f);
  }

  status = ADW_COMBO_ROW (find_widget (GTK_WIDGET (editor), is_row_titled, "Status"));
  g_assert_nonnull (status);
  adw_combo_row_set_selected (status, WP_ITEM_STATUS_DONE);
  dialog = WP_CLOSEOUT_DIALOG (wait_for_window (WP_TYPE_CLOSEOUT_DIALOG, NULL));
  /* (nothing is written until the dialog is confirmed) */
  g_assert_cmpint (stored_status (d->store, id), ==, WP_ITEM_STATUS_NOT_STARTED);
  g_assert_cmpuint (adw_combo_row_get_selected (status), ==, WP_ITEM_STATUS_NOT_STARTED);

  confirm = wp_closeout_dialog_get_confirm_button (dialog);
  g_assert_false (gtk_widget_get_sensitive (confirm));
  wp_closeout_dialog_set_completion (dialog, "   ");
  g_assert_false (gtk_widget_get_sensitive (confirm));
  wp_closeout_dialog_set_completion (dialog, "全年开展海域联合巡查24次，平安海域创建通过验收");
  g_assert_true (gtk_widget_get_sensitive (confirm));

  wp_closeout_dialog_add_file (dialog, small);
  wp_closeout_dialog_add_file (dialog, big);
  wait_files_read (dialog);
  g_assert_cmpuint (wp_closeout_dialog_get_n_files (dialog), ==, 1);
  g_assert_nonnull (find_widget (GTK_WIDGET (dialog), is_row_titled, "巡查纪要.pdf"));
  g_assert_null (find_widget (GTK_WIDGET (dialog), is_row_titled, "航拍.mov"));
  /* (the dialog says why, naming the file and the limit) */
  g_assert_nonnull (find_widget (GTK_WIDGET (dialog), is_label_starting,
                                 "“航拍.mov” is 50.0\u00a0MiB, more than the 50.0\u00a0MiB"));

  g_signal_emit_by_name (confirm, "clicked");
  spin ();
  g_assert_cmpint (stored_status (d->store, id), ==, WP_ITEM_STATUS_DONE);
  g_assert_cmpuint (count_attachments (d->store, id), ==, 1);
  {
    g_autoptr(GPtrArray) list = wp_store_list_attachments (d->store, id, NULL);
    WpAttachment *attachment = g_ptr_array_index (list, 0);
    g_autofree char *sum = g_compute_checksum_for_string (G_CHECKSUM_SHA256, contents, -1);

    g_assert_cmpstr (attachment->name, ==, "巡查纪要.pdf");
    g_assert_cmpstr (attachment->type, ==, "application/pdf");
    g_assert_cmpstr (attachment->sha256, ==, sum);
    back = wp_store_read_attachment (d->store, attachment->id, NULL);
    g_assert_cmpmem (g_bytes_get_data (back, NULL), g_bytes_get_size (back), contents,
                     strlen (contents));
  }

  /* The pane shows the close-out and the file */
  g_assert_cmpuint (adw_combo_row_get_selected (status), ==, WP_ITEM_STATUS_DONE);
  g_assert_nonnull (find_widget (GTK_WIDGET (editor), is_row_titled, "Closed out"));
  g_assert_nonnull (find_widget (GTK_WIDGET (editor), is_row_titled,
                                 "全年开展海域联合巡查24次，平安海域创建通过验收"));
  g_assert_nonnull (find_widget (GTK_WIDGET (editor), is_row_titled, "巡查纪要.pdf"));

  /* Removing the file is undone like any edit */
  {
    GtkWidget *row = find_widget (GTK_WIDGET (editor), is_row_titled, "巡查纪要.pdf");
    GtkWidget *remove = find_widget (row, is_button_with_tooltip, "Remove");

    g_assert_nonnull (remove);
    g_signal_emit_by_name (remove, "clicked");
    spin ();
    g_assert_cmpuint (count_attachments (d->store, id), ==, 0);
    g_assert_null (find_widget (GTK_WIDGET (editor), is_row_titled, "巡查纪要.pdf"));
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (d->window), "win.undo", NULL));
    spin ();
    g_assert_cmpuint (count_attachments (d->store, id), ==, 1);
    g_assert_nonnull (find_widget (GTK_WIDGET (editor), is_row_titled, "巡查纪要.pdf"));
  }

  /* One undo takes the close-out back whole: status, note and file */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (d->window), "win.undo", NULL));
  spin ();
  g_assert_cmpint (stored_status (d->store, id), ==, WP_ITEM_STATUS_NOT_STARTED);
  g_assert_cmpuint (count_attachments (d->store, id), ==, 0);
  g_assert_null (find_widget (GTK_WIDGET (editor), is_row_titled, "Closed out"));
}

static gboolean
on_open_too_long (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Open writes a copy of the file, byte for byte, to the cache (named as
 * the user knows it) and hands it to the desktop; with no app for the
 * file here, the pane says it could not be opened. */
static void
test_attachment_open (Demo          *d,
                      gconstpointer  data)
{
  const char *title = "争创全国禁毒示范城市";
  gint64 id = item_titled (d->store, title);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) blob = NULL;
  g_autofree char *sum = NULL;
  g_autofree char *copy = NULL;
  g_autofree char *contents = NULL;
  gsize length = 0;
  guchar bytes[4096];
  WpItemEditor *editor;
  GtkWidget *row, *open;
  gboolean too_long = FALSE;
  guint guard;

  for (guint i = 0; i < sizeof bytes; i++)
    bytes[i] = (guchar) g_random_int ();
  blob = g_bytes_new (bytes, sizeof bytes);
  sum = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, blob);
  /* (a type no app opens, so that no app starts under the test) */
  g_assert_cmpint (wp_edit_add_attachment (wp_context_get_undo_stack (d->context), id,
                                           "禁毒台账.wpdata", NULL, blob, &error), >, 0);
  g_assert_no_error (error);
  editor = pane_on_item (d, title);
  row = find_widget (GTK_WIDGET (editor), is_row_titled, "禁毒台账.wpdata");
  g_assert_nonnull (row);
  open = find_widget (row, is_button_with_tooltip, "Open");
  g_assert_nonnull (open);

  copy = g_build_filename (g_get_user_cache_dir (), "workplan", "attachments", sum,
                           "禁毒台账.wpdata", NULL);
  g_unlink (copy);
  g_signal_emit_by_name (open, "clicked");
  guard = g_timeout_add_seconds (30, on_open_too_long, &too_long);
  while (!too_long
         && find_widget (GTK_WIDGET (d->window), is_label_starting,
                         "The file could not be opened") == NULL)
    g_main_context_iteration (NULL, TRUE);
  if (!too_long)
    g_source_remove (guard);
  g_assert_false (too_long);
  g_assert_true (g_file_get_contents (copy, &contents, &length, NULL));
  g_assert_cmpmem (contents, length, bytes, sizeof bytes);
  g_unlink (copy);
}

/* The outline's Mark as Done opens the close-out dialog too; when the
 * plan requires review the item waits as awaiting close-out, and Confirm
 * Close-out asks who confirms. */
static void
test_closeout_confirm_review (Demo          *d,
                              gconstpointer  data)
{
  const char *title = "争创全国禁毒示范城市";
  gint64 id = item_titled (d->store, title);
  g_autoptr(WpPlan) plan = wp_store_get_plan_by_year (d->store, 2025, NULL);
  GtkWidget *outline = find_descendant (GTK_WIDGET (d->window), WP_TYPE_OUTLINE_VIEW);
  g_autoptr(GError) error = NULL;
  WpPlanSettings settings;
  WpCloseoutDialog *dialog;
  WpItemEditor *editor;
  AdwMessageDialog *ask;
  GtkWidget *button, *entry;
  WpCloseout closeout = { 0 };

  g_assert_true (wp_store_get_plan_settings (d->store, wp_plan_get_id (plan), &settings, NULL));
  settings.review_closeout = TRUE;
  g_assert_true (wp_store_set_plan_settings (d->store, wp_plan_get_id (plan), &settings,
                                             &error));
  g_assert_no_error (error);

  editor = pane_on_item (d, title);
  g_assert_true (gtk_widget_activate_action (outline, "outline.mark-done", NULL));
  dialog = WP_CLOSEOUT_DIALOG (wait_for_window (WP_TYPE_CLOSEOUT_DIALOG, NULL));
  wp_closeout_dialog_set_completion (dialog, "通过全国禁毒示范城市复评");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "closeout.confirm", NULL));
  spin ();
  g_assert_cmpint (stored_status (d->store, id), ==, WP_ITEM_STATUS_DONE);
  g_assert_true (wp_store_get_closeout (d->store, id, &closeout, NULL));
  g_assert_cmpint (closeout.state, ==, WP_CLOSEOUT_PENDING_REVIEW);
  wp_closeout_clear (&closeout);
  g_assert_nonnull (find_widget (GTK_WIDGET (editor), is_row_titled, "Awaiting close-out"));

  button = find_button_labelled (GTK_WIDGET (editor), "Con_firm Close-out…");
  g_assert_nonnull (button);
  g_signal_emit_by_name (button, "clicked");
  spin ();
  ask = find_dialog ("Confirm the Close-out?");
  g_assert_nonnull (ask);
  g_assert_false (adw_message_dialog_get_response_enabled (ask, "confirm"));
  entry = adw_message_dialog_get_extra_child (ask);
  gtk_editable_set_text (GTK_EDITABLE (entry), "市委政法委督查室");
  g_assert_true (adw_message_dialog_get_response_enabled (ask, "confirm"));
  adw_message_dialog_response (ask, "confirm");
  spin ();

  g_assert_true (wp_store_get_closeout (d->store, id, &closeout, NULL));
  g_assert_cmpint (closeout.state, ==, WP_CLOSEOUT_CLOSED);
  g_assert_cmpstr (closeout.closed_by, ==, "市委政法委督查室");
  wp_closeout_clear (&closeout);
  g_assert_nonnull (find_widget (GTK_WIDGET (editor), is_row_titled, "Closed out"));
  g_assert_null (find_button_labelled (GTK_WIDGET (editor), "Con_firm Close-out…"));

  /* Undo puts it back to waiting */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (d->window), "win.undo", NULL));
  spin ();
  g_assert_true (wp_store_get_closeout (d->store, id, &closeout, NULL));
  g_assert_cmpint (closeout.state, ==, WP_CLOSEOUT_PENDING_REVIEW);
  wp_closeout_clear (&closeout);
  g_assert_nonnull (find_widget (GTK_WIDGET (editor), is_row_titled, "Awaiting close-out"));
}

/* The year-end check is refused while an unfinished item has no reason,
 * saying how many, and done once each has one. */
static void
test_year_end_check (Demo          *d,
                     gconstpointer  data)
{
  g_autoptr(WpPlan) plan = wp_store_get_plan_by_year (d->store, 2025, NULL);
  g_autoptr(GArray) missing = wp_store_list_unexplained (d->store, wp_plan_get_id (plan), NULL);
  g_autofree char *count = g_strdup_printf ("%u unfinished items", missing->len);
  g_autofree char *checked = NULL;
  WpYearCheckDialog *dialog;
  GtkWidget *button;

  g_assert_cmpuint (missing->len, >, 1);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (d->window), "win.year-end-check",
                                             NULL));
  dialog = WP_YEAR_CHECK_DIALOG (wait_for_window (WP_TYPE_YEAR_CHECK_DIALOG, NULL));
  g_assert_nonnull (strstr (wp_year_check_dialog_get_status (dialog), count));

  /* Every item is listed, with its final state */
  g_assert_nonnull (find_widget (GTK_WIDGET (dialog), is_row_titled, "深化平安海域创建"));

  button = find_button_labelled (GTK_WIDGET (dialog), "_Mark as Checked");
  g_assert_nonnull (button);
  g_signal_emit_by_name (button, "clicked");
  spin ();
  g_assert_null (wp_store_get_plan_checked (d->store, wp_plan_get_id (plan), NULL));
  g_assert_nonnull (strstr (wp_year_check_dialog_get_status (dialog), count));
  {
    g_autofree char *refused = g_strdup_printf ("%u unfinished items have no reason yet",
                                                missing->len);

    g_assert_nonnull (find_widget (GTK_WIDGET (dialog), is_label_starting, refused));
  }

  /* A reason is saved when applied, undoably */
  {
    gint64 first = g_array_index (missing, gint64, 0);
    AdwEntryRow *row = wp_year_check_dialog_get_reason_row (dialog, first);
    g_autofree char *reason = NULL;

    g_assert_nonnull (row);
    gtk_editable_set_text (GTK_EDITABLE (row), "资金未到位，顺延实施");
    g_signal_emit_by_name (row, "apply");
    spin ();
    reason = wp_store_get_check_reason (d->store, first, NULL);
    g_assert_cmpstr (reason, ==, "资金未到位，顺延实施");
  }
  /* The rest are typed and saved by Mark as Checked itself */
  for (guint i = 1; i < missing->len; i++)
    {
      AdwEntryRow *row = wp_year_check_dialog_get_reason_row (dialog,
                                                              g_array_index (missing, gint64, i));

      g_assert_nonnull (row);
      gtk_editable_set_text (GTK_EDITABLE (row), "跨年度实施");
    }
  g_signal_emit_by_name (button, "clicked");
  spin ();
  checked = wp_store_get_plan_checked (d->store, wp_plan_get_id (plan), NULL);
  g_assert_nonnull (checked);
  g_assert_nonnull (strstr (wp_year_check_dialog_get_status (dialog),
                            "The year-end check of this plan was done on"));
  gtk_window_close (GTK_WINDOW (dialog));
  spin ();
}

static gboolean
is_row_subtitled_ending (GtkWidget *widget, gconstpointer end)
{
  return ADW_IS_ACTION_ROW (widget)
         && g_str_has_suffix (adw_action_row_get_subtitle (ADW_ACTION_ROW (widget)), end);
}

/* Items carried into next year's plan go on there: they need no reason,
 * the check says so, and it can be marked done at once. */
static void
test_year_end_check_carried (Demo          *d,
                             gconstpointer  data)
{
  g_autoptr(WpPlan) plan = wp_store_get_plan_by_year (d->store, 2025, NULL);
  g_autoptr(GArray) unfinished = wp_store_list_unexplained (d->store, wp_plan_get_id (plan),
                                                            NULL);
  g_autoptr(WpPlan) next = NULL;
  g_autoptr(GError) error = NULL;
  WpYearCheckDialog *dialog;

  next = wp_edit_start_next_year (wp_context_get_undo_stack (d->context), wp_plan_get_id (plan),
                                  WP_NEXT_YEAR_DEFAULT, &error);
  g_assert_no_error (error);
  spin ();
  /* (the window stays on the plan it showed) */
  g_assert_cmpint (wp_plan_get_id (_wp_window_get_selected_plan (d->window)), ==,
                   wp_plan_get_id (plan));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (d->window), "win.year-end-check",
                                             NULL));
  dialog = WP_YEAR_CHECK_DIALOG (wait_for_window (WP_TYPE_YEAR_CHECK_DIALOG, NULL));
  g_assert_null (wp_year_check_dialog_get_reason_row (dialog,
                                                      g_array_index (unfinished, gint64, 0)));
  g_assert_nonnull (find_widget (GTK_WIDGET (dialog), is_row_subtitled_ending,
                                 "Goes on next year"));
  g_assert_cmpstr (wp_year_check_dialog_get_status (dialog), ==,
                   "Every unfinished item has its reason: the check can be marked done.");
  g_assert_true (wp_year_check_dialog_mark_checked (dialog));
  gtk_window_close (GTK_WINDOW (dialog));
  spin ();
}

/* The close-out dialog, the pane and the year-end check in Chinese; with
 * WORKPLAN_SHOT_DIR set, screenshots of each */
static void
test_closeout_zh_CN (void)
{
  Demo demo = { 0 }, *d = &demo;
  g_autofree char *path = NULL;
  g_autoptr(GFile) file = NULL;
  WpCloseoutDialog *dialog;
  WpYearCheckDialog *check;
  WpItemEditor *editor;

  if (!use_chinese ())
    return;
  demo_setup (d, NULL);
  gtk_window_set_default_size (GTK_WINDOW (d->window), 1100, 800);
  path = g_build_filename (d->dir, "海域联合巡查会议纪要.pdf", NULL);
  g_assert_true (g_file_set_contents (path, "%PDF-1.4 纪要", -1, NULL));
  file = g_file_new_for_path (path);

  editor = pane_on_item (d, "深化平安海域创建");
  g_assert_true (gtk_widget_activate_action (find_descendant (GTK_WIDGET (d->window),
                                                              WP_TYPE_OUTLINE_VIEW),
                                             "outline.mark-done", NULL));
  dialog = WP_CLOSEOUT_DIALOG (wait_for_window (WP_TYPE_CLOSEOUT_DIALOG, NULL));
  g_assert_nonnull (find_button_labelled (GTK_WIDGET (dialog), "添加附件(_A)…"));
  g_assert_nonnull (find_group (GTK_WIDGET (dialog), "办结情况"));
  wp_closeout_dialog_set_completion (dialog, "全年开展海域联合巡查24次，查处涉海违法案件15起，"
                                     "平安海域创建通过省级验收。");
  wp_closeout_dialog_add_file (dialog, file);
  wait_files_read (dialog);
  take_shot (GTK_WIDGET (dialog), "closeout-dialog-zh_CN");
  g_signal_emit_by_name (wp_closeout_dialog_get_confirm_button (dialog), "clicked");
  spin ();
  g_assert_nonnull (find_widget (GTK_WIDGET (editor), is_row_titled, "已销号"));
  take_shot (GTK_WIDGET (d->window), "closeout-pane-zh_CN");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (d->window), "win.year-end-check",
                                             NULL));
  check = WP_YEAR_CHECK_DIALOG (wait_for_window (WP_TYPE_YEAR_CHECK_DIALOG, NULL));
  g_assert_nonnull (find_button_labelled (GTK_WIDGET (check), "完成核查(_M)"));
  g_signal_emit_by_name (find_button_labelled (GTK_WIDGET (check), "完成核查(_M)"), "clicked");
  spin ();
  g_assert_nonnull (find_widget (GTK_WIDGET (check), is_label_starting, "尚有 "));
  take_shot (GTK_WIDGET (check), "year-end-check-zh_CN");
  {
    g_autoptr(WpPlan) plan = wp_store_get_plan_by_year (d->store, 2025, NULL);
    g_autoptr(GArray) missing = wp_store_list_unexplained (d->store, wp_plan_get_id (plan),
                                                           NULL);

    for (guint i = 0; i < missing->len; i++)
      gtk_editable_set_text (GTK_EDITABLE (wp_year_check_dialog_get_reason_row (
                               check, g_array_index (missing, gint64, i))),
                             i % 2 ? "跨年度实施，已纳入下一年度计划" : "受资金拨付进度影响，顺延实施");
  }
  g_signal_emit_by_name (find_button_labelled (GTK_WIDGET (check), "完成核查(_M)"), "clicked");
  spin ();
  g_assert_true (g_str_has_prefix (wp_year_check_dialog_get_status (check), "本计划已于"));
  take_shot (GTK_WIDGET (check), "year-end-check-done-zh_CN");
  gtk_window_close (GTK_WINDOW (check));
  spin ();
  demo_teardown (d, NULL);
  setlocale (LC_ALL, "C.UTF-8");
}

/* Every action of the plan is due by the end of March */
static void
due_in_march (WpStore *store,
              WpItem  *action,
              WpItem  *task,
              int      n,
              gpointer data)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (wp_store_set_item_due_text (store, wp_item_get_id (action), "3月底前", &error));
  g_assert_no_error (error);
}

static gboolean
is_row_titled_starting (GtkWidget *widget, gconstpointer start)
{
  return ADW_IS_PREFERENCES_ROW (widget)
         && g_str_has_prefix (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), start);
}

/* A long list shows its first ten rows and a row that shows the rest;
 * they stay shown when the figures change, and another plan's list starts
 * short again. */
static void
test_progress_lists_show_more (void)
{
  g_autofree char *dir = wp_test_dir_new ();
  g_autofree char *path = g_build_filename (dir, "late.db", NULL);
  g_autoptr(GError) error = NULL;
  WpStore *store = wp_store_open (path, WP_STORE_OPEN_DEFAULT, &error);
  g_autoptr(WpPlan) plan = NULL;
  g_autoptr(WpPlan) other = NULL;
  WpContext *context;
  WpWindow *window;
  GtkWidget *progress, *overdue, *more;
  GDate day;

  g_assert_no_error (error);
  plan = wp_store_create_plan (store, 2025, "逾期较多的计划", "市委政法委", &error);
  g_assert_no_error (error);
  wp_test_generate_plan (store, wp_plan_get_id (plan), 1, 15, 1, NULL, due_in_march, NULL);
  other = wp_store_create_plan (store, 2026, "另一计划", "市委政法委", &error);
  g_assert_no_error (error);
  wp_test_generate_plan (store, wp_plan_get_id (other), 1, 15, 1, NULL, due_in_march, NULL);
  g_date_clear (&day, 1);
  g_date_set_dmy (&day, 15, 7, 2025);
  wp_store_set_judging (store, &day, 30);

  context = wp_context_new (store, NULL);
  window = wp_window_new (NULL, context, NULL);
  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 800);
  gtk_window_present (GTK_WINDOW (window));
  spin ();
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-view", "s",
                                             "progress"));
  progress = find_descendant (GTK_WIDGET (window), WP_TYPE_PROGRESS_VIEW);
  wp_progress_view_set_plan (WP_PROGRESS_VIEW (progress), plan);
  spin ();

  overdue = find_group (progress, "Overdue");
  g_assert_cmpint (tile_number (progress, "Overdue"), ==, 15);
  g_assert_cmpuint (count_item_rows (overdue), ==, 10);
  more = find_widget (overdue, is_row_titled, "Show 5 more");
  g_assert_nonnull (more);
  g_assert_null (find_widget (overdue, is_row_titled_starting, "and "));

  adw_action_row_activate (ADW_ACTION_ROW (more));
  spin ();
  g_assert_cmpuint (count_item_rows (overdue), ==, 15);
  g_assert_null (find_widget (overdue, is_row_titled_starting, "Show "));

  /* An edit: the figures are read again, and the list stays whole */
  {
    g_autoptr(GPtrArray) areas = wp_store_list_children (store, wp_plan_get_id (plan), 0, NULL);
    g_auto(GValue) v = G_VALUE_INIT;

    g_value_init (&v, G_TYPE_STRING);
    g_value_set_string (&v, "新的领域名称");
    g_assert_true (wp_edit_set_property (wp_context_get_undo_stack (context),
                                         wp_item_get_id (g_ptr_array_index (areas, 0)), "title",
                                         &v, NULL));
    spin ();
    g_assert_cmpuint (count_item_rows (overdue), ==, 15);
  }

  wp_progress_view_set_plan (WP_PROGRESS_VIEW (progress), other);
  spin ();
  g_assert_cmpuint (count_item_rows (overdue), ==, 10);
  g_assert_nonnull (find_widget (overdue, is_row_titled, "Show 5 more"));

  gtk_window_destroy (GTK_WINDOW (window));
  spin ();
  g_clear_object (&plan);
  g_clear_object (&other);
  g_object_unref (context);
  g_assert_cmpuint (wp_store_get_n_live_items (store), ==, 0);
  g_assert_finalize_object (store);
  wp_test_dir_free (g_steal_pointer (&dir));
}

/* Issue 21: the tests of milestones and light rules run on 15 July 2025,
 * when the second quarter has ended and is the one judged. */
static void
july_setup (Demo          *d,
            gconstpointer  data)
{
  g_setenv ("WORKPLAN_TODAY", "2025-07-15", TRUE);
  demo_setup (d, data);
  g_unsetenv ("WORKPLAN_TODAY");
}

static void
set_progress_of (Demo   *d,
                 WpItem *item,
                 int     progress)
{
  g_autoptr(GError) error = NULL;
  g_auto(GValue) v = G_VALUE_INIT;

  g_value_init (&v, G_TYPE_INT);
  g_value_set_int (&v, progress);
  g_assert_true (wp_edit_set_property (wp_context_get_undo_stack (d->context),
                                       wp_item_get_id (item), "progress", &v, &error));
  g_assert_no_error (error);
  spin ();
}

/* The milestone the store holds for @quarter, or NULL */
static WpMilestone *
stored_milestone_of (Demo   *d,
                     WpItem *item,
                     int     quarter)
{
  g_autoptr(GPtrArray) milestones = wp_store_list_milestones (d->store, wp_item_get_id (item),
                                                              NULL);

  g_assert_nonnull (milestones);
  for (guint i = 0; i < milestones->len; i++)
    {
      WpMilestone *m = g_ptr_array_index (milestones, i);

      if (m->quarter == quarter)
        {
          WpMilestone *copy = g_new0 (WpMilestone, 1);

          copy->quarter = m->quarter;
          copy->text = g_strdup (m->text);
          copy->progress = m->progress;
          return copy;
        }
    }
  return NULL;
}

static gboolean
is_shown_label (GtkWidget *widget, gconstpointer text)
{
  return is_label_with_text (widget, text) && gtk_widget_get_visible (widget);
}

/* A quarter's milestone is typed in the pane: the state when its row is
 * applied, the expected progress from the spin button, another quarter's
 * when the focus leaves; each is stored, and undo takes them back. The
 * row of the quarter judged says the item is behind. */
static void
test_pane_edits_milestone (Demo          *d,
                           gconstpointer  data)
{
  g_autoptr(WpItem) item = outline_item_at (d, 1);
  g_autoptr(WpMilestone) m = NULL;
  WpItemEditor *pane;
  AdwEntryRow *q2, *q3;
  GtkSpinButton *q2_spin;

  set_progress_of (d, item, 20);
  select_outline_row (d, 1);
  pane = open_pane (d);
  q2 = find_entry_row (GTK_WIDGET (pane), "Q2");
  q3 = find_entry_row (GTK_WIDGET (pane), "Q3");
  g_assert_nonnull (q2);
  g_assert_nonnull (q3);
  q2_spin = GTK_SPIN_BUTTON (find_descendant (GTK_WIDGET (q2), GTK_TYPE_SPIN_BUTTON));
  /* (no progress expected: the spin button is empty) */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (q2_spin)), ==, "");

  type_into (GTK_WIDGET (q2), "完成方案制定");
  g_signal_emit_by_name (q2, "apply");
  spin ();
  m = stored_milestone_of (d, item, 2);
  g_assert_nonnull (m);
  g_assert_cmpstr (m->text, ==, "完成方案制定");
  g_assert_cmpint (m->progress, ==, -1);
  g_clear_pointer (&m, wp_milestone_free);
  g_assert_null (find_widget (GTK_WIDGET (q2), is_shown_label, "Behind"));

  gtk_spin_button_set_value (q2_spin, 60);
  spin ();
  m = stored_milestone_of (d, item, 2);
  g_assert_cmpstr (m->text, ==, "完成方案制定");
  g_assert_cmpint (m->progress, ==, 60);
  g_clear_pointer (&m, wp_milestone_free);
  /* 20% against the 60% the ended second quarter expects */
  g_assert_nonnull (find_widget (GTK_WIDGET (q2), is_shown_label, "Behind"));
  g_assert_null (find_widget (GTK_WIDGET (q3), is_shown_label, "Behind"));

  type_into (GTK_WIDGET (q3), "全面推开");
  gtk_widget_grab_focus (GTK_WIDGET (outline_grid_view (d)));
  spin ();
  m = stored_milestone_of (d, item, 3);
  g_assert_nonnull (m);
  g_assert_cmpstr (m->text, ==, "全面推开");
  g_clear_pointer (&m, wp_milestone_free);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (d->window), "win.undo", NULL));
  spin ();
  g_assert_null (stored_milestone_of (d, item, 3));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (q3)), ==, "");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (d->window), "win.undo", NULL));
  spin ();
  m = stored_milestone_of (d, item, 2);
  g_assert_cmpint (m->progress, ==, -1);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (q2_spin)), ==, "");
  g_assert_null (find_widget (GTK_WIDGET (q2), is_shown_label, "Behind"));
}

/* A key task first under the demo's first area, with no deadline and no
 * sub-items, so that its light follows its milestone alone: @progress
 * done, and the second quarter's milestone (ended on 15 July) expecting
 * @expected. */
static WpItem *
add_milestone_task (Demo *d,
                    int   progress,
                    int   expected)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WpPlan) plan = wp_store_get_plan_by_year (d->store, 2025, NULL);
  g_autoptr(GPtrArray) areas = wp_store_list_children (d->store, wp_plan_get_id (plan), 0, NULL);
  WpItem *task = wp_store_create_item (d->store, wp_plan_get_id (plan),
                                       wp_item_get_id (areas->pdata[0]), 0, WP_ITEM_KIND_TASK,
                                       "形象进度试点任务", &error);

  g_assert_no_error (error);
  g_assert_true (wp_store_set_milestone (d->store, wp_item_get_id (task), 2, "完成方案制定",
                                         expected, &error));
  g_assert_no_error (error);
  spin ();
  set_progress_of (d, task, progress);
  return task;
}

static gboolean
is_row_of (GtkWidget *widget, gconstpointer item)
{
  return WP_IS_OUTLINE_ROW (widget) && g_object_get_data (G_OBJECT (widget), "wp-row-item") == item;
}

/* The outline's row that shows @item */
static WpOutlineRow *
outline_row_of (Demo   *d,
                WpItem *item)
{
  GtkWidget *row;

  g_assert_true (wp_outline_view_show_item (_wp_window_get_outline (d->window),
                                            wp_item_get_id (item)));
  spin ();
  row = find_widget (GTK_WIDGET (outline_grid_view (d)), is_row_of, item);
  g_assert_nonnull (row);
  return WP_OUTLINE_ROW (row);
}

/* The plan's yellow threshold set in Preferences recolours the outline at
 * once, and undo puts both back. */
static void
test_preferences_set_light_rules (Demo          *d,
                                  gconstpointer  data)
{
  g_autoptr(WpItem) task = add_milestone_task (d, 50, 60);
  g_autoptr(GError) error = NULL;
  WpPlanSettings settings = WP_PLAN_SETTINGS_INIT;
  GtkWidget *light = wp_outline_row_get_cell (outline_row_of (d, task), WP_OUTLINE_COLUMN_LIGHT);
  GtkWidget *prefs = NULL;
  GtkSpinButton *yellow;

  /* 10 points behind its milestone: yellow by the default rule (10) */
  g_assert_cmpint (wp_item_get_light (task), ==, WP_LIGHT_YELLOW);
  g_assert_cmpstr (wp_light_cell_get_text (WP_LIGHT_CELL (light)), ==,
                   wp_light_to_label (WP_LIGHT_YELLOW));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (d->window), "win.preferences", NULL));
  spin ();
  {
    GListModel *toplevels = gtk_window_get_toplevels ();

    for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
      {
        g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

        if (WP_IS_PREFERENCES_WINDOW (window))
          prefs = GTK_WIDGET (window);
      }
  }
  g_assert_nonnull (prefs);
  /* (the app-wide setting no longer decides: the plan's rules are shown) */
  g_assert_nonnull (find_widget (prefs, is_action_row_titled, "Days before the deadline"));
  yellow = GTK_SPIN_BUTTON (find_descendant (find_widget (prefs, is_action_row_titled,
                                                          "Yellow when behind by"),
                                             GTK_TYPE_SPIN_BUTTON));
  g_assert_cmpint (gtk_spin_button_get_value_as_int (yellow), ==, 10);

  gtk_spin_button_set_value (yellow, 20);
  spin ();
  g_assert_true (wp_store_get_plan_settings (d->store, wp_item_get_plan_id (task), &settings,
                                             &error));
  g_assert_no_error (error);
  g_assert_cmpint (settings.yellow_points, ==, 20);
  g_assert_cmpint (settings.due_soon_days, ==, 30);
  g_assert_cmpint (settings.red_points, ==, 30);
  g_assert_cmpint (wp_item_get_light (task), ==, WP_LIGHT_GREEN);
  light = wp_outline_row_get_cell (outline_row_of (d, task), WP_OUTLINE_COLUMN_LIGHT);
  g_assert_cmpstr (wp_light_cell_get_text (WP_LIGHT_CELL (light)), ==,
                   wp_light_to_label (WP_LIGHT_GREEN));

  /* A yellow threshold above the red one is refused; the field goes back */
  gtk_spin_button_set_value (yellow, 40);
  spin ();
  g_assert_true (wp_store_get_plan_settings (d->store, wp_item_get_plan_id (task), &settings,
                                             NULL));
  g_assert_cmpint (settings.yellow_points, ==, 20);
  g_assert_cmpint (gtk_spin_button_get_value_as_int (yellow), ==, 20);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (d->window), "win.undo", NULL));
  spin ();
  g_assert_true (wp_store_get_plan_settings (d->store, wp_item_get_plan_id (task), &settings,
                                             NULL));
  g_assert_cmpint (settings.yellow_points, ==, 10);
  g_assert_cmpint (gtk_spin_button_get_value_as_int (yellow), ==, 10);
  g_assert_cmpint (wp_item_get_light (task), ==, WP_LIGHT_YELLOW);
  light = wp_outline_row_get_cell (outline_row_of (d, task), WP_OUTLINE_COLUMN_LIGHT);
  g_assert_cmpstr (wp_light_cell_get_text (WP_LIGHT_CELL (light)), ==,
                   wp_light_to_label (WP_LIGHT_YELLOW));
  gtk_window_destroy (GTK_WINDOW (prefs));
  spin ();
}

static gboolean
is_shown_behind_mark (GtkWidget *widget, gconstpointer data)
{
  return GTK_IS_LABEL (widget) && gtk_widget_has_css_class (widget, "wp-card-behind")
         && gtk_widget_get_mapped (widget);
}

/* The outline's optional column shows this quarter's milestone and says,
 * in words, when the item is behind the last quarter's; the board's card
 * says so too. */
static void
test_outline_milestone_column (Demo          *d,
                               gconstpointer  data)
{
  g_autoptr(WpItem) task = add_milestone_task (d, 20, 60);
  g_autoptr(GError) error = NULL;
  WpOutlineView *outline = _wp_window_get_outline (d->window);
  GtkWidget *cell;
  const char *markup;

  /* (15 July: the third quarter is this quarter) */
  g_assert_true (wp_store_set_milestone (d->store, wp_item_get_id (task), 3, "全面推开", 80,
                                         &error));
  g_assert_no_error (error);
  spin ();

  /* Hidden until asked for */
  cell = wp_outline_row_get_cell (outline_row_of (d, task), WP_OUTLINE_COLUMN_MILESTONE);
  g_assert_false (gtk_widget_get_visible (cell));

  wp_outline_view_set_milestone_column_shown (outline, TRUE);
  spin ();
  {
    GtkWidget *header = find_descendant (GTK_WIDGET (d->window), WP_TYPE_OUTLINE_ROW);
    GtkWidget *title = wp_outline_row_get_cell (WP_OUTLINE_ROW (header),
                                                WP_OUTLINE_COLUMN_MILESTONE);

    g_assert_true (gtk_widget_get_mapped (title));
    g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (title)), ==, "This quarter’s milestone");
  }
  cell = wp_outline_row_get_cell (outline_row_of (d, task), WP_OUTLINE_COLUMN_MILESTONE);
  g_assert_true (gtk_widget_get_mapped (cell));
  markup = wp_text_cell_get_markup (WP_TEXT_CELL (cell));
  g_assert_nonnull (strstr (markup, "80% · 全面推开"));
  g_assert_nonnull (strstr (markup, "Behind (60% expected)"));

  /* The board's card says it too */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (d->window), "win.show-view", "s",
                                             "board"));
  spin ();
  g_assert_nonnull (find_widget (GTK_WIDGET (d->window), is_shown_behind_mark, NULL));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (d->window), "win.show-view", "s",
                                             "outline"));
  spin ();

  /* Caught up: no mark; the milestone edited elsewhere shows at once */
  set_progress_of (d, task, 70);
  g_assert_true (wp_edit_set_milestone (wp_context_get_undo_stack (d->context),
                                        wp_item_get_id (task), 3, "全面完成", 90, &error));
  g_assert_no_error (error);
  spin ();
  cell = wp_outline_row_get_cell (outline_row_of (d, task), WP_OUTLINE_COLUMN_MILESTONE);
  markup = wp_text_cell_get_markup (WP_TEXT_CELL (cell));
  g_assert_nonnull (strstr (markup, "90% · 全面完成"));
  g_assert_null (strstr (markup, "Behind"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (d->window), "win.show-view", "s",
                                             "board"));
  spin ();
  g_assert_null (find_widget (GTK_WIDGET (d->window), is_shown_behind_mark, NULL));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (d->window), "win.show-view", "s",
                                             "outline"));
  spin ();

  wp_outline_view_set_milestone_column_shown (outline, FALSE);
  spin ();
  g_assert_false (gtk_widget_get_visible (cell));
}

static gboolean
is_menu_button_labelled (GtkWidget *widget, gconstpointer label)
{
  return GTK_IS_MENU_BUTTON (widget)
         && g_strcmp0 (gtk_menu_button_get_label (GTK_MENU_BUTTON (widget)), label) == 0;
}

/* Issue 21: a report received late is entered in the pane on its own day,
 * with who reported it; it does not set back the progress a later report
 * gave, and undo takes it away. */
static void
test_pane_backdated_note (Demo          *d,
                          gconstpointer  data)
{
  g_autoptr(WpItem) item = outline_item_at (d, 1);
  g_autoptr(GPtrArray) notes = NULL;
  g_autoptr(GDateTime) june = g_date_time_new_local (2025, 6, 20, 0, 0, 0);
  g_autoptr(GError) error = NULL;
  WpItemEditor *pane;
  AdwEntryRow *note, *reporter;
  GtkCalendar *calendar;
  GDate day;
  WpNote *n = NULL;
  guint before;

  set_progress_of (d, item, 60);
  select_outline_row (d, 1);
  pane = open_pane (d);
  note = find_entry_row (GTK_WIDGET (pane), "New progress note");
  reporter = find_entry_row (GTK_WIDGET (pane), "Reported By");
  calendar = GTK_CALENDAR (find_descendant (GTK_WIDGET (pane), GTK_TYPE_CALENDAR));
  g_assert_nonnull (note);
  g_assert_nonnull (reporter);
  g_assert_nonnull (calendar);
  /* (who reports defaults to the item's first lead agency) */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (reporter)), ==,
                   wp_item_get_lead_agencies (item)[0]);
  g_assert_nonnull (find_widget (GTK_WIDGET (pane), is_menu_button_labelled, "Today"));

  notes = wp_store_list_notes (d->store, wp_item_get_id (item), &error);
  before = notes->len;
  g_clear_pointer (&notes, g_ptr_array_unref);

  gtk_calendar_select_day (calendar, june);
  spin ();
  g_assert_null (find_widget (GTK_WIDGET (pane), is_menu_button_labelled, "Today"));
  type_into (GTK_WIDGET (reporter), "市公安局");
  type_into (GTK_WIDGET (note), "上半年完成排查");
  g_signal_emit_by_name (note, "apply");
  spin ();

  notes = wp_store_list_notes (d->store, wp_item_get_id (item), &error);
  g_assert_cmpuint (notes->len, ==, before + 1);
  g_date_clear (&day, 1);
  g_date_set_dmy (&day, 20, G_DATE_JUNE, 2025);
  for (guint i = 0; i < notes->len; i++)
    if (g_str_equal (((WpNote *) notes->pdata[i])->text, "上半年完成排查"))
      n = notes->pdata[i];
  g_assert_nonnull (n);
  g_assert_cmpint (g_date_compare (&n->date, &day), ==, 0);
  g_assert_cmpstr (n->reporter, ==, "市公安局");
  /* (the fields are ready for the next report: today, the lead agency) */
  g_assert_nonnull (find_widget (GTK_WIDGET (pane), is_menu_button_labelled, "Today"));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (reporter)), ==,
                   wp_item_get_lead_agencies (item)[0]);

  /* A late report with an older progress leaves what a later one said */
  {
    g_autoptr(WpItem) again = wp_store_get_item (d->store, wp_item_get_id (item), NULL);
    GDate later;

    g_date_clear (&later, 1);
    g_date_set_dmy (&later, 10, G_DATE_JULY, 2025);
    g_assert_true (wp_edit_add_note_by (wp_context_get_undo_stack (d->context),
                                        wp_item_get_id (item), &later, "七月进展", 70, NULL,
                                        &error));
    g_assert_true (wp_edit_add_note_by (wp_context_get_undo_stack (d->context),
                                        wp_item_get_id (item), &day, "补报", 40, "市公安局",
                                        &error));
    g_assert_no_error (error);
    g_clear_object (&again);
    again = wp_store_get_item (d->store, wp_item_get_id (item), NULL);
    g_assert_cmpint (wp_item_get_progress (again), ==, 70);
  }

  g_assert_true (wp_undo_stack_undo (wp_context_get_undo_stack (d->context), &error));
  g_assert_true (wp_undo_stack_undo (wp_context_get_undo_stack (d->context), &error));
  g_assert_true (wp_undo_stack_undo (wp_context_get_undo_stack (d->context), &error));
  g_assert_no_error (error);
  g_clear_pointer (&notes, g_ptr_array_unref);
  notes = wp_store_list_notes (d->store, wp_item_get_id (item), &error);
  g_assert_cmpuint (notes->len, ==, before);
}

/* Issue 21: the progress view lists the items waiting as 待销号 when the
 * plan requires review, and forgets one once its close-out is confirmed */
static void
test_progress_lists_pending (Demo          *d,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WpItem) item = outline_item_at (d, 1);
  WpPlanSettings settings;
  GtkWidget *progress, *group;
  gint64 plan_id = wp_item_get_plan_id (item);

  g_assert_true (wp_store_get_plan_settings (d->store, plan_id, &settings, &error));
  settings.review_closeout = TRUE;
  g_assert_true (wp_store_set_plan_settings (d->store, plan_id, &settings, &error));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (d->window), "win.show-view", "s",
                                             "progress"));
  spin ();
  progress = find_descendant (GTK_WIDGET (d->window), WP_TYPE_PROGRESS_VIEW);
  group = find_widget (progress, is_group_titled, "Awaiting Close-out");
  g_assert_nonnull (group);
  g_assert_false (gtk_widget_get_visible (group));

  g_assert_true (wp_edit_close_out (wp_context_get_undo_stack (d->context),
                                    wp_item_get_id (item), "已按期完成", NULL, 0, &error));
  g_assert_no_error (error);
  group = find_widget (progress, is_group_titled, "Awaiting Close-out");
  for (guint k = 0; k < 100 && !gtk_widget_get_visible (group); k++)
    {
      spin ();
      g_usleep (20000);
    }
  g_assert_true (gtk_widget_get_visible (group));
  g_assert_nonnull (find_widget (group, is_row_titled, wp_item_get_title (item)));

  g_assert_true (wp_edit_confirm_closeout (wp_context_get_undo_stack (d->context),
                                           wp_item_get_id (item), "督查室", &error));
  g_assert_no_error (error);
  for (guint k = 0; k < 100 && gtk_widget_get_visible (group); k++)
    {
      spin ();
      g_usleep (20000);
    }
  g_assert_false (gtk_widget_get_visible (group));
}

/* A large plan (over WP_IMPORT_IN_THREAD_BYTES of JSON) is read and
 * written in a thread: the window keeps running, shows a bar with Cancel,
 * and the plan arrives as one undo step. */
static char *
write_large_plan (Demo *d,
                  int   year)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *db = g_build_filename (d->dir, "large-source.db", NULL);
  char *json_path = g_build_filename (d->dir, "large.json", NULL);
  g_autoptr(WpStore) store = wp_store_open (db, WP_STORE_OPEN_DEFAULT, &error);
  g_autoptr(WpPlan) plan = NULL;
  g_autofree char *json = NULL;

  g_assert_no_error (error);
  plan = wp_store_create_plan (store, year, "大计划", "市委政法委", &error);
  g_assert_no_error (error);
  /* (one transaction: one write to the disk, not one per item) */
  g_assert_true (wp_store_begin (store, NULL));
  wp_test_generate_plan (store, wp_plan_get_id (plan), 3, 25, 30,
                         "推进综治中心规范化建设，完善矛盾纠纷多元化解机制", NULL, NULL);
  g_assert_true (wp_store_commit (store, NULL));
  json = wp_json_export_plan (store, wp_plan_get_id (plan), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (strlen (json), >, WP_IMPORT_IN_THREAD_BYTES);
  g_assert_true (g_file_set_contents (json_path, json, -1, NULL));
  return json_path;
}

static void
wait_for_import (Demo *d)
{
  for (guint k = 0; k < 3000 && _wp_window_is_importing (d->window); k++)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (10000);
    }
  g_assert_false (_wp_window_is_importing (d->window));
  spin ();
}

static void
test_import_large_in_thread (Demo          *d,
                             gconstpointer  data)
{
  g_autofree char *path = write_large_plan (d, 2035);
  g_autoptr(GError) error = NULL;
  g_autoptr(WpPlan) plan = NULL;
  GtkWindow *progress;

  _wp_window_import_file (d->window, path);
  g_assert_true (_wp_window_is_importing (d->window));
  progress = wait_for_window (ADW_TYPE_WINDOW, GTK_WINDOW (d->window));
  g_assert_cmpstr (gtk_window_get_title (progress), ==, "Importing");
  g_assert_nonnull (find_button_labelled (GTK_WIDGET (progress), "_Cancel"));
  wait_for_import (d);

  plan = wp_store_get_plan_by_year (d->store, 2035, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (wp_store_count_items (d->store, wp_plan_get_id (plan), NULL), ==,
                    3 + 3 * 25 + 3 * 25 * 30);
  g_assert_cmpint (wp_plan_get_year (_wp_window_get_selected_plan (d->window)), ==, 2035);
  /* one undo takes it back */
  g_assert_true (wp_undo_stack_undo (wp_context_get_undo_stack (d->context), &error));
  g_assert_no_error (error);
  g_clear_object (&plan);
  plan = wp_store_get_plan_by_year (d->store, 2035, NULL);
  g_assert_null (plan);
}

/* Cancel leaves the file as it was */
static void
test_import_large_cancelled (Demo          *d,
                             gconstpointer  data)
{
  g_autofree char *path = write_large_plan (d, 2036);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) before = wp_store_list_plans (d->store, NULL);
  g_autoptr(GPtrArray) after = NULL;
  g_autoptr(WpPlan) plan = NULL;
  g_autofree char *demo_before = wp_json_export_plan (d->store,
                                                      wp_plan_get_id (before->pdata[0]), NULL);
  g_autofree char *demo_after = NULL;
  GtkWindow *progress;

  _wp_window_import_file (d->window, path);
  progress = wait_for_window (ADW_TYPE_WINDOW, GTK_WINDOW (d->window));
  /* (clicked at once: a button's activation is held back a moment, long
   * enough for a small import to finish) */
  g_signal_emit_by_name (find_button_labelled (GTK_WIDGET (progress), "_Cancel"), "clicked");
  wait_for_import (d);

  plan = wp_store_get_plan_by_year (d->store, 2036, NULL);
  g_assert_null (plan);
  after = wp_store_list_plans (d->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (after->len, ==, before->len);
  demo_after = wp_json_export_plan (d->store, wp_plan_get_id (after->pdata[0]), NULL);
  g_assert_cmpstr (demo_after, ==, demo_before);
  /* and nothing to undo */
  g_assert_false (wp_undo_stack_can_undo (wp_context_get_undo_stack (d->context)));
}

/* A report dropped on the window opens its review; other files are refused.
 * The drop goes through the window's own GtkDropTarget. */
static gboolean
drop_on_window (WpWindow          *window,
                const char *const *paths)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (window));
  GSList *files = NULL;
  GValue value = G_VALUE_INIT;
  gboolean accepted = FALSE;
  GtkDropTarget *target = NULL;

  for (guint i = 0; i < g_list_model_get_n_items (controllers) && target == NULL; i++)
    {
      g_autoptr(GObject) c = g_list_model_get_item (controllers, i);

      if (GTK_IS_DROP_TARGET (c)
          && gdk_content_formats_contain_gtype (gtk_drop_target_get_formats (GTK_DROP_TARGET (c)),
                                                GDK_TYPE_FILE_LIST))
        target = GTK_DROP_TARGET (c);
    }
  g_assert_nonnull (target);
  for (guint i = 0; paths[i] != NULL; i++)
    files = g_slist_append (files, g_file_new_for_path (paths[i]));
  g_value_init (&value, GDK_TYPE_FILE_LIST);
  g_value_take_boxed (&value, gdk_file_list_new_from_list (files));
  g_signal_emit_by_name (target, "drop", &value, 0.0, 0.0, &accepted);
  g_value_unset (&value);
  g_slist_free_full (files, g_object_unref);
  return accepted;
}

static gboolean
report_dialog_shown (void)
{
  GList *windows = gtk_window_list_toplevels ();
  gboolean shown = FALSE;

  for (GList *l = windows; l != NULL; l = l->next)
    shown |= WP_IS_REPORT_DIALOG (l->data) && gtk_widget_get_visible (l->data);
  g_list_free (windows);
  return shown;
}

static void
test_report_dropped (Demo          *d,
                     gconstpointer  data)
{
  g_autofree char *docx = g_test_build_filename (G_TEST_DIST, "data", "reports",
                                                 "nanping-2023-rule-of-law.docx", NULL);
  g_autofree char *json = g_test_build_filename (G_TEST_DIST, "data", "bulk-every-field.json",
                                                 NULL);
  const char *only_json[] = { json, NULL };
  const char *both[] = { json, docx, NULL };
  guint n_plans = count_all_plans (d->store);
  WpReportDialog *dialog;

  /* not a report: refused, no dialog, nothing written */
  g_assert_false (drop_on_window (d->window, only_json));
  spin ();
  g_assert_false (report_dialog_shown ());
  g_assert_cmpuint (count_all_plans (d->store), ==, n_plans);

  /* the report among the files is reviewed */
  g_assert_true (drop_on_window (d->window, both));
  dialog = wait_for_report ();
  g_assert_cmpstr (report_page (dialog), ==, "review");
  g_assert_cmpstr (wp_report_row_get_title (report_row (dialog, 0)), ==,
                   "加强党对法治政府建设的领导");
  gtk_window_close (GTK_WINDOW (dialog));
  spin ();
  g_assert_cmpuint (count_all_plans (d->store), ==, n_plans);
}

static gboolean
is_button_for_action (GtkWidget *widget, gconstpointer action)
{
  return GTK_IS_BUTTON (widget)
         && g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), action) == 0;
}

/* Words of the report the importer left, selected in its text, become an
 * item with the agencies they name, and are imported with the rest */
static void
test_report_new_from_selection (Demo          *d,
                                gconstpointer  data)
{
  g_autofree char *txt = g_test_build_filename (G_TEST_DIST, "data", "reports",
                                                "nanping-2023-rule-of-law.txt", NULL);
  const char *words = "于2023年12月20日前将落实情况报送市委依法治市办";
  WpReportDialog *dialog;
  GtkTextBuffer *buffer;
  GtkTextIter start, end;
  GListModel *rows;
  guint n_rows;
  WpReportRow *row;
  GtkWidget *button;
  g_autoptr(WpPlan) plan = NULL;

  _wp_window_review_report (d->window, txt);
  dialog = wait_for_report ();
  rows = wp_report_dialog_get_rows (dialog);
  n_rows = g_list_model_get_n_items (rows);
  /* off until words are selected */
  button = find_widget (GTK_WIDGET (dialog), is_button_for_action, "report.new-from-selection");
  g_assert_nonnull (button);
  g_assert_false (gtk_widget_get_sensitive (button));

  buffer = gtk_text_view_get_buffer (wp_report_dialog_get_source_view (dialog));
  gtk_text_buffer_get_start_iter (buffer, &start);
  g_assert_true (gtk_text_iter_forward_search (&start, words, 0, &start, &end, NULL));
  gtk_text_buffer_select_range (buffer, &start, &end);
  wp_report_dialog_select (dialog, 0);
  g_assert_true (gtk_widget_get_sensitive (button));
  g_signal_emit_by_name (button, "clicked");
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, n_rows + 1);
  /* a key task at the end of the area selected, the words its source */
  row = report_row (dialog, 3);
  g_assert_cmpstr (wp_report_row_get_title (row), ==, words);
  g_assert_cmpuint (wp_report_row_get_level (row), ==, 1);
  /* its deadline read from its words; the office it reports to is no lead */
  g_assert_cmpstr (wp_report_row_get_item (row)->due, ==, "2023-12-20");
  g_assert_cmpuint (wp_report_row_get_item (row)->lead->len, ==, 0);
  {
    g_autofree char *marked = marked_text (dialog);
    g_assert_cmpstr (marked, ==, words);
  }
  g_assert_true (wp_report_dialog_import (dialog));
  spin ();
  plan = wp_store_get_plan_by_year (d->store, 2023, NULL);
  g_assert_nonnull (plan);
  g_assert_cmpuint (wp_store_count_items (d->store, wp_plan_get_id (plan), NULL), ==,
                    n_rows + 1);
}

/* While a title is typed, another program adds a year to the file (an
 * import of another plan): the outline's rows were made anew, and what was
 * being typed went, with the rows opened and the selection. They stay; the
 * typed title is saved by Enter afterwards. */
static gboolean
store_has_plan_2026 (gconstpointer data)
{
  const Demo *d = data;
  g_autoptr(GPtrArray) plans = wp_store_list_plans (d->store, NULL);

  for (guint i = 0; plans != NULL && i < plans->len; i++)
    if (wp_plan_get_year (g_ptr_array_index (plans, i)) == 2026)
      return TRUE;
  return FALSE;
}

static void
test_typing_kept_when_year_added (Demo          *d,
                                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  GtkWidget *outline = find_descendant (GTK_WIDGET (d->window), WP_TYPE_OUTLINE_VIEW);
  gint64 id = add_marked_up_task (d);
  GtkWidget *focus;
  GtkWidget *entry;

  g_assert_true (wp_outline_view_show_item (WP_OUTLINE_VIEW (outline), id));
  spin ();
  gtk_widget_activate_action (outline, "outline.rename", NULL);
  spin ();
  focus = gtk_root_get_focus (GTK_ROOT (d->window));
  entry = focus != NULL ? gtk_widget_get_ancestor (focus, GTK_TYPE_ENTRY) : NULL;
  g_assert_nonnull (entry);
  gtk_editable_set_text (GTK_EDITABLE (entry), "另一程序导入时正在输入的标题");

  {
    const char *argv[] = { g_getenv ("WORKPLAN_BIN"), "next-year", "--db",
                           wp_store_get_path (d->store), "--year", "2025", NULL };
    g_autofree char *err = NULL;
    int status = 0;

    g_assert_nonnull (argv[0]);
    g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL, NULL, &err,
                  &status, &error);
    g_assert_no_error (error);
    g_test_message ("%s", err);
    g_assert_true (g_spawn_check_wait_status (status, NULL));
  }
  /* (the window looks every second) */
  wait_until (store_has_plan_2026, d);
  wp_store_check_outside_changes (d->store);
  spin ();

  g_assert_true (wp_outline_view_is_editing (WP_OUTLINE_VIEW (outline)));
  focus = gtk_root_get_focus (GTK_ROOT (d->window));
  entry = focus != NULL ? gtk_widget_get_ancestor (focus, GTK_TYPE_ENTRY) : NULL;
  g_assert_nonnull (entry);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "另一程序导入时正在输入的标题");
  g_signal_emit_by_name (entry, "activate");
  spin ();
  {
    g_autoptr(WpItem) item = wp_store_get_item (d->store, id, &error);

    g_assert_no_error (error);
    g_assert_cmpstr (wp_item_get_title (item), ==, "另一程序导入时正在输入的标题");
  }
}

/* Issue 15, defect 8, in the item pane: a deadline typed while another
 * program writes is kept, and saved by itself once that program is done. */
static gboolean
item_due_is_q3 (gconstpointer data)
{
  spin ();
  return g_strcmp0 (wp_item_get_due_label ((WpItem *) data), "三季度") == 0;
}

static void
test_pane_saves_after_other_writer (Demo          *d,
                                    gconstpointer  data)
{
  GtkWidget *pane;
  GtkWidget *due;
  g_autoptr(WpItem) first = outline_item_at (d, 1);
  g_autofree char *before = NULL;
  sqlite3 *writer = NULL;

  select_outline_row (d, 1);
  pane = GTK_WIDGET (open_pane (d));
  before = g_strdup (wp_item_get_due_label (first));
  due = GTK_WIDGET (find_entry_row (pane, "Deadline"));

  g_assert_cmpint (sqlite3_open (wp_store_get_path (d->store), &writer), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (writer, "BEGIN IMMEDIATE;"
                                         "UPDATE plan SET organization = '别的程序';", NULL,
                                 NULL, NULL), ==, SQLITE_OK);
  type_into (due, "三季度");
  gtk_widget_grab_focus (GTK_WIDGET (outline_grid_view (d)));
  spin ();
  g_assert_cmpstr (wp_item_get_due_label (first), ==, before);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (due)), ==, "三季度");

  g_assert_cmpint (sqlite3_exec (writer, "COMMIT", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (writer);
  wait_until (item_due_is_q3, first);
}

/* Issue 18: the file's check waits for the window's first frame, and a
 * window closed while it is still to come or running lets go of itself and
 * its store at once (a check that held them failed /gui/read-only-file-shown
 * in CI, the store still held when the window closed). */
static void
test_check_lets_window_go (void)
{
  char *dir = wp_test_dir_new ();
  g_autofree char *path = NULL;

  {
    g_autoptr(WpPlan) plan = NULL;
    WpStore *demo = wp_test_open_demo (dir, &plan);

    path = g_strdup (wp_store_get_path (demo));
    g_clear_object (&plan);
    g_assert_finalize_object (demo);
  }
  /* Closed before its first frame, and closed once shown, with no turn of
   * the main loop for the check to end in (read-only, as in CI: a file
   * that can be written is backed up once checked, and the backup holds
   * the window till it is written) */
  for (int shown = 0; shown < 2; shown++)
    {
      g_autoptr(GError) error = NULL;
      WpStore *store = wp_store_open (path, WP_STORE_OPEN_CHECK_LATER | WP_STORE_OPEN_READ_ONLY,
                                      &error);
      WpContext *context;
      WpWindow *window;

      g_assert_no_error (error);
      context = wp_context_new (store, NULL);
      window = wp_window_new (NULL, context, NULL);
      g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &window);
      gtk_window_present (GTK_WINDOW (window));
      if (shown)
        spin ();
      /* (not checked yet before the first frame) */
      g_assert_true (shown || wp_store_is_check_pending (store));
      gtk_window_destroy (GTK_WINDOW (window));
      g_assert_null (window);
      g_assert_finalize_object (context);
      g_assert_finalize_object (store);
      /* (the check, if still running, ends without a store) */
      spin ();
    }

  /* Kept open, the file is checked once shown, and can be edited */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(WpStore) store = wp_store_open (path, WP_STORE_OPEN_CHECK_LATER, &error);
    g_autoptr(WpContext) context = wp_context_new (store, NULL);
    WpWindow *window = wp_window_new (NULL, context, NULL);

    gtk_window_present (GTK_WINDOW (window));
    while (wp_store_is_check_pending (store))
      g_main_context_iteration (NULL, TRUE);
    g_assert_false (wp_store_is_read_only (store));
    gtk_window_destroy (GTK_WINDOW (window));
    spin ();
  }
  wp_test_dir_free (dir);
}

/* The Agencies view's Edit dialog lists an agency's aliases (also known
 * as), adds one with Enter and removes one with its button, each an edit
 * Undo takes back; a search for the alias finds the agency's items */
static void
test_agency_aliases_edited (Demo          *d,
                            gconstpointer  data)
{
  WpAgencyView *agencies;
  AdwViewStack *views = ADW_VIEW_STACK (find_descendant (GTK_WIDGET (d->window),
                                                         ADW_TYPE_VIEW_STACK));
  gint64 drugs = agency_named (d->store, "市禁毒办");
  AdwMessageDialog *dialog;
  GtkWidget *add, *remove;
  g_autoptr(GError) error = NULL;

  adw_view_stack_set_visible_child_name (views, "agencies");
  agencies = WP_AGENCY_VIEW (find_descendant (GTK_WIDGET (d->window), WP_TYPE_AGENCY_VIEW));
  wp_agency_view_refresh_now (agencies);
  spin ();
  wp_agency_view_edit (agencies, drugs);
  spin ();
  dialog = find_dialog ("Edit Agency");
  g_assert_nonnull (dialog);
  add = find_widget (GTK_WIDGET (dialog), is_named, "add-alias");
  g_assert_nonnull (add);
  g_assert_true (gtk_widget_get_focusable (add) || gtk_widget_get_first_child (add) != NULL);
  gtk_editable_set_text (GTK_EDITABLE (add), "禁毒办");
  g_signal_emit_by_name (add, "entry-activated");
  spin ();
  {
    g_auto(GStrv) aliases = wp_store_list_agency_aliases (d->store, drugs, &error);
    g_autoptr(WpPlan) plan = wp_store_get_plan_by_year (d->store, 2025, NULL);
    g_autoptr(GArray) hits = wp_store_search (d->store, wp_plan_get_id (plan), "禁毒办",
                                              &error);

    g_assert_cmpstrv (aliases, ((const char *[]) { "禁毒办", NULL }));
    g_assert_cmpuint (hits->len, >, 0);
  }
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (add)), ==, "");
  remove = find_widget (GTK_WIDGET (dialog), is_named, "remove-alias");
  g_assert_nonnull (remove);
  g_assert_true (gtk_widget_get_focusable (remove));
  g_signal_emit_by_name (remove, "clicked");
  spin ();
  {
    g_auto(GStrv) aliases = wp_store_list_agency_aliases (d->store, drugs, &error);

    g_assert_cmpstrv (aliases, ((const char *[]) { NULL }));
  }
  g_assert_null (find_widget (GTK_WIDGET (dialog), is_named, "remove-alias"));
  adw_message_dialog_response (dialog, "cancel");
  spin ();
  /* Undo brings the removed alias back, and again takes the added one away */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (d->window), "win.undo", NULL));
  spin ();
  {
    g_auto(GStrv) aliases = wp_store_list_agency_aliases (d->store, drugs, &error);

    g_assert_cmpstrv (aliases, ((const char *[]) { "禁毒办", NULL }));
  }
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (d->window), "win.undo", NULL));
  spin ();
  {
    g_auto(GStrv) aliases = wp_store_list_agency_aliases (d->store, drugs, &error);

    g_assert_cmpstrv (aliases, ((const char *[]) { NULL }));
  }
}

/* The review adds a report to the plan the window shows, under an area
 * chosen in its drop-down, as one step Undo takes back and Redo brings */
static void
test_report_into_current_plan (Demo          *d,
                               gconstpointer  data)
{
  g_autofree char *txt = g_test_build_filename (G_TEST_DIST, "data", "reports",
                                                "city-speeches.txt", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(WpPlan) plan = wp_store_get_plan_by_year (d->store, 2025, NULL);
  g_autoptr(GPtrArray) areas = wp_store_list_children (d->store, wp_plan_get_id (plan), 0,
                                                       &error);
  WpUndoStack *undo = wp_context_get_undo_stack (d->context);
  gint64 area_id = wp_item_get_id (g_ptr_array_index (areas, 1));
  guint n_before = wp_store_count_items (d->store, wp_plan_get_id (plan), NULL);
  guint n_under = wp_store_count_children (d->store, wp_plan_get_id (plan), area_id, FALSE);
  guint n_plans = count_all_plans (d->store);
  WpReportDialog *dialog;
  GtkWidget *into, *area_list;
  guint n_rows, n_backups;

  _wp_window_import_file (d->window, txt);
  dialog = wait_for_report ();
  g_assert_cmpstr (report_page (dialog), ==, "review");
  n_rows = g_list_model_get_n_items (wp_report_dialog_get_rows (dialog));
  into = find_widget (GTK_WIDGET (dialog), is_named, "into-current");
  area_list = find_widget (GTK_WIDGET (dialog), is_named, "into-area");
  g_assert_nonnull (into);
  g_assert_false (gtk_widget_get_sensitive (area_list));
  gtk_check_button_set_active (GTK_CHECK_BUTTON (into), TRUE);
  g_assert_true (gtk_widget_get_sensitive (area_list));
  g_assert_false (gtk_widget_get_sensitive (find_widget (GTK_WIDGET (dialog), is_named,
                                                         "plan-year")));
  /* (0 is "as new areas"; then the plan's areas in order) */
  gtk_drop_down_set_selected (GTK_DROP_DOWN (area_list), 2);
  {
    g_autoptr(GPtrArray) backups = wp_backup_list (wp_store_get_path (d->store), NULL);

    n_backups = backups != NULL ? backups->len : 0;
  }
  g_assert_true (wp_report_dialog_import (dialog));
  spin ();

  /* a copy of the file was taken first, as before any import */
  {
    g_autoptr(GPtrArray) backups = wp_backup_list (wp_store_get_path (d->store), &error);

    g_assert_no_error (error);
    g_assert_cmpuint (backups->len, ==, n_backups + 1);
  }
  g_assert_cmpuint (count_all_plans (d->store), ==, n_plans);
  g_assert_cmpuint (wp_store_count_items (d->store, wp_plan_get_id (plan), NULL), ==,
                    n_before + n_rows);
  g_assert_cmpuint (wp_store_count_children (d->store, wp_plan_get_id (plan), area_id, FALSE),
                    >, n_under);
  g_assert_true (wp_undo_stack_undo (undo, &error));
  g_assert_no_error (error);
  spin ();
  g_assert_cmpuint (wp_store_count_items (d->store, wp_plan_get_id (plan), NULL), ==, n_before);
  g_assert_true (wp_undo_stack_redo (undo, &error));
  g_assert_no_error (error);
  spin ();
  g_assert_cmpuint (wp_store_count_items (d->store, wp_plan_get_id (plan), NULL), ==,
                    n_before + n_rows);
}

static gboolean
is_label_containing (GtkWidget *widget, gconstpointer text)
{
  return GTK_IS_LABEL (widget) && strstr (gtk_label_get_text (GTK_LABEL (widget)), text) != NULL;
}

/* The review's check boxes: unchecking an area leaves its subtree out,
 * checking an action back checks its parents, Space toggles the selected
 * row, the summary says what is left out, and Import writes the rest */
static void
test_report_checkboxes (Demo          *d,
                        gconstpointer  data)
{
  g_autofree char *txt = g_test_build_filename (G_TEST_DIST, "data", "reports",
                                                "city-speeches.txt", NULL);
  WpReportDialog *dialog;
  GListModel *rows;
  guint n, end = 1, n_plans = count_all_plans (d->store);
  GtkWidget *summary;

  _wp_window_import_file (d->window, txt);
  dialog = wait_for_report ();
  g_assert_cmpstr (report_page (dialog), ==, "review");
  rows = wp_report_dialog_get_rows (dialog);
  n = g_list_model_get_n_items (rows);
  g_assert_cmpuint (wp_report_row_get_level (report_row (dialog, 0)), ==, 0);
  while (end < n && wp_report_row_get_level (report_row (dialog, end)) > 0)
    end++;
  g_assert_cmpuint (end, >, 2);
  g_assert_nonnull (find_widget (GTK_WIDGET (dialog), is_named, "include-item"));

  /* the first area unchecked: all under it too */
  wp_report_row_set_included (report_row (dialog, 0), FALSE);
  for (guint i = 0; i < end; i++)
    g_assert_false (wp_report_row_get_included (report_row (dialog, i)));
  g_assert_true (wp_report_row_get_included (report_row (dialog, end)));
  {
    g_autofree char *left = g_strdup_printf ("%u unchecked items are left out.", end);

    summary = find_widget (GTK_WIDGET (dialog), is_label_containing, left);
    g_assert_nonnull (summary);
  }
  /* one of its items checked again, from the keyboard: its area is back
   * (but not the area's other items) */
  wp_report_dialog_select (dialog, end - 1);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "report.toggle-included",
                                             NULL));
  g_assert_true (wp_report_row_get_included (report_row (dialog, end - 1)));
  g_assert_true (wp_report_row_get_included (report_row (dialog, 0)));
  if (wp_report_row_get_level (report_row (dialog, end - 1)) == 1)
    g_assert_false (wp_report_row_get_included (report_row (dialog, 1)));

  /* Import writes the checked ones only */
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (find_widget (GTK_WIDGET (dialog), is_named,
                                                           "plan-year")), 2031);
  {
    guint expected = 0;
    g_autoptr(WpPlan) plan = NULL;

    for (guint i = 0; i < n; i++)
      {
        gboolean in = wp_report_row_get_included (report_row (dialog, i));
        guint level = wp_report_row_get_level (report_row (dialog, i));

        /* (a checked row under an unchecked one is not written) */
        for (guint k = i; in && k-- > 0 && level > 0;)
          if (wp_report_row_get_level (report_row (dialog, k)) < level)
            {
              in = wp_report_row_get_included (report_row (dialog, k));
              level = wp_report_row_get_level (report_row (dialog, k));
            }
        expected += in;
      }
    g_assert_true (wp_report_dialog_import (dialog));
    spin ();
    g_assert_cmpuint (count_all_plans (d->store), ==, n_plans + 1);
    plan = wp_store_get_plan_by_year (d->store, 2031, NULL);
    g_assert_nonnull (plan);
    g_assert_cmpuint (wp_store_count_items (d->store, wp_plan_get_id (plan), NULL), ==,
                      expected);
    g_assert_cmpuint (expected, <, n);
  }
}

/* The Agencies list's filter finds an agency by an alias too, as search does */
static guint
count_shown_rows (GtkListBox *list)
{
  guint n = 0;

  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (list)); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    n += GTK_IS_LIST_BOX_ROW (row) && gtk_widget_get_child_visible (row);
  return n;
}

static void
test_agency_filter_finds_alias (Demo          *d,
                                gconstpointer  data)
{
  WpAgencyView *agencies;
  AdwViewStack *views = ADW_VIEW_STACK (find_descendant (GTK_WIDGET (d->window),
                                                         ADW_TYPE_VIEW_STACK));
  gint64 drugs = agency_named (d->store, "市禁毒办");
  g_autoptr(GError) error = NULL;
  GtkWidget *filter;
  GtkListBox *list;

  g_assert_true (wp_store_add_agency_alias (d->store, drugs, "毒品问题治理办", &error));
  g_assert_no_error (error);
  adw_view_stack_set_visible_child_name (views, "agencies");
  agencies = WP_AGENCY_VIEW (find_descendant (GTK_WIDGET (d->window), WP_TYPE_AGENCY_VIEW));
  wp_agency_view_refresh_now (agencies);
  spin ();
  filter = find_descendant (GTK_WIDGET (agencies), GTK_TYPE_SEARCH_ENTRY);
  list = GTK_LIST_BOX (find_descendant (GTK_WIDGET (agencies), GTK_TYPE_LIST_BOX));
  g_assert_cmpuint (count_shown_rows (list), >, 1);
  gtk_editable_set_text (GTK_EDITABLE (filter), "毒品问题");
  gtk_list_box_invalidate_filter (list);
  spin ();
  g_assert_cmpuint (count_shown_rows (list), ==, 1);
}

int
main (int    argc,
      char **argv)
{
  /* (the backups the windows take of the tests' files are not kept) */
  g_autofree char *data_home = wp_test_private_data_home ();
  int status;

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

#define ADD(path, func) g_test_add ("/gui/" path, Demo, NULL, demo_setup, func, demo_teardown)
  ADD ("outline-shows-demo", test_outline_shows_demo);
  ADD ("search-filters-outline", test_search_filters_outline);
  ADD ("search-opens-rows-in-view", test_search_opens_rows_in_view);
  ADD ("delete-offers-undo", test_delete_offers_undo);
  ADD ("undo-toast-goes-stale", test_undo_toast_goes_stale);
  ADD ("undo-toast-superseded", test_undo_toast_superseded);
  ADD ("next-year-and-new-plan", test_next_year_and_new_plan);
  ADD ("editor-edits-with-completion", test_editor_edits_with_completion);
  ADD ("progress-view", test_progress_view);
  ADD ("print-briefing", test_print_briefing);
  ADD ("board-moves-cards", test_board_moves_cards);
  ADD ("agency-directory", test_agency_directory);
  ADD ("board-made-under-a-search", test_board_made_under_a_search);
  ADD ("disk-full-keeps-typing", test_disk_full_keeps_typing);
  ADD ("other-writer-keeps-typing", test_other_writer_keeps_typing);
  ADD ("cli-edit-appears-in-place", test_cli_edit_appears_in_place);
  ADD ("typing-kept-when-year-added", test_typing_kept_when_year_added);
  ADD ("pane-saves-after-other-writer", test_pane_saves_after_other_writer);
#undef ADD
  g_test_add_func ("/gui/empty-database", test_empty_database);
  g_test_add_func ("/gui/read-only-file-shown", test_read_only_file_shown);
  g_test_add_func ("/gui/damaged-log-page", test_damaged_log_page);
  g_test_add_func ("/gui/open-error-shown", test_open_error_shown);
  g_test_add_func ("/gui/damage-found-later", test_damage_found_later);
  g_test_add_func ("/gui/column-widths-remembered", test_column_widths_remembered);
  g_test_add_func ("/gui/damaged-page-offers-backup", test_damaged_page_offers_backup);
  g_test_add_func ("/gui/damaged-on-open-offers-backup", test_damaged_on_open_offers_backup);
  g_test_add_func ("/gui/damaged-details-zh_CN", test_damaged_details_zh_CN);
  g_test_add_func ("/gui/restore-from-backup", test_restore_from_backup);
  g_test_add ("/gui/next-year-marks-old-year", Demo, NULL, demo_setup,
              test_next_year_marks_old_year, demo_teardown);
  g_test_add_func ("/gui/next-year-carried-zh_CN", test_next_year_carried_zh_CN);
  g_test_add ("/gui/escape-keeps-new-title", Demo, NULL, demo_setup, test_escape_keeps_new_title,
              demo_teardown);
  g_test_add ("/gui/empty-new-row-not-saved", Demo, NULL, demo_setup,
              test_empty_new_row_not_saved, demo_teardown);
  g_test_add ("/gui/enter-confirms-rename", Demo, NULL, demo_setup, test_enter_confirms_rename,
              demo_teardown);
  g_test_add ("/gui/narrow-window-shows-every-column", Demo, NULL, demo_setup,
              test_narrow_window_shows_every_column, demo_teardown);
  g_test_add ("/gui/delete-says-sub-items", Demo, NULL, demo_setup, test_delete_says_sub_items,
              demo_teardown);
  g_test_add ("/gui/pane-saves-on-leaving", Demo, NULL, demo_setup, test_pane_saves_on_leaving,
              demo_teardown);
  g_test_add ("/gui/pane-keeps-unsaved-text", Demo, NULL, demo_setup,
              test_pane_keeps_unsaved_text, demo_teardown);
  g_test_add ("/gui/pane-follows-clicks", Demo, NULL, demo_setup, test_pane_follows_clicks,
              demo_teardown);
  g_test_add ("/gui/view-switch-leaves-pane-alone", Demo, NULL, demo_setup,
              test_view_switch_leaves_pane_alone, demo_teardown);
  g_test_add ("/gui/pane-key-moves-focus", Demo, NULL, demo_setup, test_pane_key_moves_focus,
              demo_teardown);
  g_test_add_func ("/gui/pane-saved-on-close", test_pane_saved_on_close);
  g_test_add ("/gui/sheet-export-and-import", Demo, NULL, demo_setup,
              test_sheet_export_and_import, demo_teardown);

  g_test_add ("/gui/progress-view-levels", Demo, NULL, demo_setup, test_progress_view_levels,
              demo_teardown);
  g_test_add ("/gui/agency-figures-and-merge", Demo, NULL, demo_setup,
              test_agency_figures_and_merge, demo_teardown);
  g_test_add ("/gui/board-drop-clears-highlight", Demo, NULL, demo_setup,
              test_board_drop_clears_highlight, demo_teardown);
  g_test_add ("/gui/board-fills-columns-as-shown", Demo, NULL, demo_setup,
              test_board_fills_columns_as_shown, demo_teardown);
  g_test_add_func ("/gui/tooltips-one-line-zh_CN", test_tooltips_one_line_zh_CN);

  g_test_add ("/gui/views-follow-context", Demo, NULL, demo_setup, test_views_follow_context,
              demo_teardown);
  g_test_add ("/gui/outline-command-action-and-key", Demo, NULL, demo_setup,
              test_outline_command_action_and_key, demo_teardown);
  g_test_add ("/gui/send-sheets", Demo, NULL, demo_setup, test_send_sheets, demo_teardown);
  g_test_add ("/gui/send-sheets-cancelled", Demo, NULL, demo_setup, test_send_sheets_cancelled,
              demo_teardown);
  g_test_add ("/gui/collect-sheets", Demo, NULL, demo_setup, test_collect_sheets,
              demo_teardown);
  g_test_add ("/gui/import-preview-mapping", Demo, NULL, demo_setup,
              test_import_preview_mapping, demo_teardown);
  g_test_add_func ("/gui/reporting-round-zh_CN", test_reporting_round_zh_CN);
  g_test_add ("/gui/collect-skips-broken-sheet", Demo, NULL, demo_setup,
              test_collect_skips_broken_sheet, demo_teardown);
  g_test_add ("/gui/report-review-imports", Demo, NULL, demo_setup, test_report_review_imports,
              demo_teardown);
  g_test_add ("/gui/report-review-cancelled", Demo, NULL, demo_setup,
              test_report_review_cancelled, demo_teardown);
  g_test_add_func ("/gui/report-review-zh_CN", test_report_review_zh_CN);
  g_test_add_func ("/gui/reporting-view", test_reporting_view);
  g_test_add_func ("/gui/reporting-view-zh_CN", test_reporting_view_zh_CN);

  g_test_add_func ("/gui/progress-pace-breakdown", test_progress_pace_breakdown);
  g_test_add_func ("/gui/progress-lists-show-more", test_progress_lists_show_more);

  g_test_add ("/gui/closeout-with-file", Demo, NULL, demo_setup, test_closeout_with_file,
              demo_teardown);
  g_test_add ("/gui/closeout-confirm-review", Demo, NULL, demo_setup,
              test_closeout_confirm_review, demo_teardown);
  g_test_add ("/gui/year-end-check", Demo, NULL, demo_setup, test_year_end_check,
              demo_teardown);
  g_test_add ("/gui/year-end-check-carried", Demo, NULL, demo_setup,
              test_year_end_check_carried, demo_teardown);
  g_test_add ("/gui/attachment-open", Demo, NULL, demo_setup, test_attachment_open,
              demo_teardown);
  g_test_add_func ("/gui/closeout-zh_CN", test_closeout_zh_CN);

  g_test_add ("/gui/pane-edits-milestone", Demo, NULL, july_setup, test_pane_edits_milestone,
              demo_teardown);

  g_test_add ("/gui/preferences-set-light-rules", Demo, NULL, july_setup,
              test_preferences_set_light_rules, demo_teardown);
  g_test_add ("/gui/outline-milestone-column", Demo, NULL, july_setup,
              test_outline_milestone_column, demo_teardown);

  g_test_add ("/gui/pane-backdated-note", Demo, NULL, july_setup, test_pane_backdated_note,
              demo_teardown);

  g_test_add ("/gui/progress-lists-pending", Demo, NULL, demo_setup,
              test_progress_lists_pending, demo_teardown);

  g_test_add ("/gui/import-large-in-thread", Demo, NULL, demo_setup,
              test_import_large_in_thread, demo_teardown);
  g_test_add ("/gui/import-large-cancelled", Demo, NULL, demo_setup,
              test_import_large_cancelled, demo_teardown);

  g_test_add ("/gui/report-dropped", Demo, NULL, demo_setup, test_report_dropped,
              demo_teardown);
  g_test_add ("/gui/report-new-from-selection", Demo, NULL, demo_setup,
              test_report_new_from_selection, demo_teardown);

  g_test_add_func ("/gui/check-lets-window-go", test_check_lets_window_go);
  g_test_add ("/gui/agency-filter-finds-alias", Demo, NULL, demo_setup,
              test_agency_filter_finds_alias, demo_teardown);
  g_test_add ("/gui/agency-aliases-edited", Demo, NULL, demo_setup,
              test_agency_aliases_edited, demo_teardown);
  g_test_add ("/gui/report-into-current-plan", Demo, NULL, demo_setup,
              test_report_into_current_plan, demo_teardown);
  g_test_add ("/gui/report-checkboxes", Demo, NULL, demo_setup, test_report_checkboxes,
              demo_teardown);

  status = g_test_run ();
  wp_test_remove_tree (data_home);
  return status;
}
