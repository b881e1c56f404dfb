/* wp-window.c: the main window
 *
 * Header bar with the year selector and the view switcher; the views in an
 * AdwViewStack, made from the list below and driven alike through WpView:
 * each follows the window's WpContext (the plan shown is the context's).
 * Window size is kept in GSettings.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "wp-tooltip.h"
#include "wp-agency-view.h"
#include "wp-board-view.h"
#include "wp-item-editor.h"
#include "wp-progress-view.h"
#include "wp-reporting-view.h"
#include "wp-toast.h"
#include "wp-view.h"
#include "wp-window-private.h"

/* The views, in the switcher's order. The first is made with the window;
 * the others when first shown or needed: most sessions are spent in the
 * outline, and making and measuring the other views held up the first
 * frame by 40-60 ms. */
static GType (* const view_types[]) (void) = {
  wp_outline_view_get_type,
  wp_board_view_get_type,
  wp_progress_view_get_type,
  wp_agency_view_get_type,
  wp_reporting_view_get_type,
};

#define N_VIEWS WP_WINDOW_N_VIEWS
G_STATIC_ASSERT (G_N_ELEMENTS (view_types) == WP_WINDOW_N_VIEWS);

G_DEFINE_FINAL_TYPE (WpWindow, wp_window, ADW_TYPE_APPLICATION_WINDOW)

static WpPlan *
selected_plan (WpWindow *self)
{
  guint pos = gtk_drop_down_get_selected (self->year_dropdown);

  if (self->plans == NULL || pos == GTK_INVALID_LIST_POSITION || pos >= self->plans->len)
    return NULL;
  return g_ptr_array_index (self->plans, pos);
}

static int
compare_recent (GtkRecentInfo *a,
                GtkRecentInfo *b)
{
  GDateTime *ma = gtk_recent_info_get_modified (a);
  GDateTime *mb = gtk_recent_info_get_modified (b);

  return g_date_time_compare (mb, ma);
}

WpContext *
_wp_window_get_context (WpWindow *self)
{
  return self->context;
}

WpPlan *
_wp_window_get_selected_plan (WpWindow *self)
{
  return selected_plan (self);
}

static WpView *ensure_view (WpWindow *self, guint index);

/* The view of @type, made if need be */
static WpView *
get_view (WpWindow *self,
          GType     type)
{
  for (guint i = 0; i < N_VIEWS; i++)
    if (view_types[i] () == type)
      return ensure_view (self, i);
  g_return_val_if_reached (NULL);
}

/* The view shown, or NULL when not made */
WpView *
_wp_window_get_visible_view (WpWindow *self)
{
  GtkWidget *page = adw_view_stack_get_visible_child (self->view_stack);

  for (guint i = 0; i < N_VIEWS; i++)
    if (page == GTK_WIDGET (self->pages[i]))
      return self->views[i];
  return NULL;
}

WpOutlineView *
_wp_window_get_outline (WpWindow *self)
{
  return WP_OUTLINE_VIEW (get_view (self, WP_TYPE_OUTLINE_VIEW));
}

WpProgressView *
_wp_window_get_progress (WpWindow *self)
{
  return WP_PROGRESS_VIEW (get_view (self, WP_TYPE_PROGRESS_VIEW));
}

WpWindowBackups *
_wp_window_get_backups (WpWindow *self)
{
  return &self->backups;
}

AdwStatusPage *
_wp_window_get_error_page (WpWindow *self)
{
  return self->error_page;
}

GtkWidget *
_wp_window_get_restore_button (WpWindow *self)
{
  return self->restore_button;
}

void
_wp_window_toast (WpWindow   *self,
                  const char *message)
{
  adw_toast_overlay_add_toast (self->toast_overlay, wp_toast_new (message));
}

/* The plan files opened lately, newest first, in the main menu. */
static void
update_recent_menu (WpWindow *self)
{
  GMenu *section = self->recent_section;
  GtkRecentManager *manager = gtk_recent_manager_get_default ();
  GList *items = gtk_recent_manager_get_items (manager);
  guint n = 0;

  if (section == NULL)
    {
      g_list_free_full (items, (GDestroyNotify) gtk_recent_info_unref);
      return;
    }
  g_menu_remove_all (section);

  items = g_list_sort (items, (GCompareFunc) compare_recent);
  for (GList *l = items; l != NULL && n < 8; l = l->next)
    {
      GtkRecentInfo *info = l->data;
      g_autoptr(GFile) file = NULL;
      g_autofree char *path = NULL;
      g_autofree char *action = NULL;

      if (!gtk_recent_info_has_application (info, "Workplan") || !gtk_recent_info_exists (info))
        continue;
      file = g_file_new_for_uri (gtk_recent_info_get_uri (info));
      path = g_file_get_path (file);
      if (path == NULL)
        continue;
      action = g_action_print_detailed_name ("app.open-recent", g_variant_new_string (path));
      g_menu_append (section, gtk_recent_info_get_display_name (info), action);
      n++;
    }
  g_list_free_full (items, (GDestroyNotify) gtk_recent_info_unref);
}

static void
on_year_selected (WpWindow *self)
{
  WpPlan *plan = selected_plan (self);
  GSettings *settings = wp_context_get_settings (self->context);

  /* (every view follows the context's plan) */
  wp_context_set_plan (self->context, plan);
  _wp_window_mark_filter_agencies (self);
  _wp_window_update_plan_actions (self);

  if (plan != NULL)
    {
      g_autofree char *title = NULL;

      /* Translators: window title: the plan's title and year */
      title = g_strdup_printf (_("%s — Workplan"), wp_plan_get_title (plan));
      gtk_window_set_title (GTK_WINDOW (self), title);
      if (settings != NULL)
        g_settings_set_int (settings, "last-year", wp_plan_get_year (plan));
    }
  else
    gtk_window_set_title (GTK_WINDOW (self), _("Workplan"));
}

static void
reload_plans (WpWindow *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GtkStringList) years = gtk_string_list_new (NULL);
  WpStore *store = wp_context_get_store (self->context);
  GSettings *settings = wp_context_get_settings (self->context);
  int wanted = settings ? g_settings_get_int (settings, "last-year") : 0;
  WpPlan *current = selected_plan (self);
  guint select = GTK_INVALID_LIST_POSITION;

  if (current != NULL)
    wanted = wp_plan_get_year (current);

  g_clear_pointer (&self->plans, g_ptr_array_unref);
  self->plans = wp_store_list_plans (store, &error);
  if (self->plans == NULL)
    {
      adw_toast_overlay_add_toast (self->toast_overlay, wp_toast_new (error->message));
      self->plans = g_ptr_array_new_with_free_func (g_object_unref);
    }

  for (guint i = 0; i < self->plans->len; i++)
    {
      WpPlan *plan = g_ptr_array_index (self->plans, i);
      /* Translators: a plan's year in the year selector, e.g. 2025年 */
      g_autofree char *label = g_strdup_printf (C_("year selector", "%d"),
                                                wp_plan_get_year (plan));

      gtk_string_list_append (years, label);
      if (wp_plan_get_year (plan) == wanted)
        select = i;
    }

  /* Without a remembered year, open the latest plan. */
  if (select == GTK_INVALID_LIST_POSITION && self->plans->len > 0)
    select = self->plans->len - 1;

  g_signal_handlers_block_by_func (self->year_dropdown, on_year_selected, self);
  gtk_drop_down_set_model (self->year_dropdown, G_LIST_MODEL (years));
  gtk_drop_down_set_selected (self->year_dropdown, select);
  g_signal_handlers_unblock_by_func (self->year_dropdown, on_year_selected, self);
  gtk_widget_set_sensitive (GTK_WIDGET (self->year_dropdown), self->plans->len > 0);

  on_year_selected (self);
}

static void
undo_activated (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  WpWindow *self = user_data;
  WpUndoStack *undo = wp_context_get_undo_stack (self->context);
  g_autoptr(GError) error = NULL;
  gboolean redo = g_str_equal (g_action_get_name (G_ACTION (action)), "redo");

  if (undo == NULL)
    return;
  if (!(redo ? wp_undo_stack_redo (undo, &error) : wp_undo_stack_undo (undo, &error)))
    adw_toast_overlay_add_toast (self->toast_overlay, wp_toast_new (error->message));
}

static void
update_undo_actions (WpWindow *self)
{
  WpUndoStack *undo = wp_context_get_undo_stack (self->context);
  GAction *action;

  action = g_action_map_lookup_action (G_ACTION_MAP (self), "undo");
  g_simple_action_set_enabled (G_SIMPLE_ACTION (action),
                               undo != NULL && wp_undo_stack_can_undo (undo));
  action = g_action_map_lookup_action (G_ACTION_MAP (self), "redo");
  g_simple_action_set_enabled (G_SIMPLE_ACTION (action),
                               undo != NULL && wp_undo_stack_can_redo (undo));
}

/* The editor shows what the visible view has selected. */
static void
on_view_changed (WpWindow *self)
{
  const char *name = adw_view_stack_get_visible_child_name (self->view_stack);
  /* (still on the view left, if the stack found nothing to focus in a
   * view not made yet; GTK would then move it to the first field of the
   * item pane) */
  gboolean had_focus = _wp_window_focus_is_within (self, GTK_WIDGET (self->view_stack));

  for (guint i = 0; i < N_VIEWS; i++)
    if (g_strcmp0 (name, wp_view_type_get_name (view_types[i] ())) == 0)
      ensure_view (self, i);
  if (had_focus
      && !_wp_window_focus_is_within (self, adw_view_stack_get_visible_child (self->view_stack)))
    _wp_window_focus_view (self);
  _wp_window_show_visible_selection (self);
}

/* The first view, which shows every item: the outline */
void
_wp_window_show_main_view (WpWindow *self)
{
  adw_view_stack_set_visible_child (self->view_stack, GTK_WIDGET (self->pages[0]));
}

/* From the progress view's lists to the item in the outline */
static void
show_item_activated (GSimpleAction *action,
                     GVariant      *parameter,
                     gpointer       user_data)
{
  WpWindow *self = user_data;

  gtk_search_bar_set_search_mode (self->search_bar, FALSE);
  _wp_window_show_main_view (self);
  wp_view_show_item (self->views[0], g_variant_get_int64 (parameter));
}

/* Alt+1 … Alt+5 */
static void
show_view_activated (GSimpleAction *action,
                     GVariant      *parameter,
                     gpointer       user_data)
{
  WpWindow *self = user_data;

  adw_view_stack_set_visible_child_name (self->view_stack, g_variant_get_string (parameter, NULL));
}

static const GActionEntry win_actions[] = {
  { "show-view", show_view_activated, "s" },
  { "show-item", show_item_activated, "x" },
  { "undo", undo_activated },
  { "redo", undo_activated },
};

static gboolean
wp_window_close_request (GtkWindow *window)
{
  WpWindow *self = WP_WINDOW (window);
  GSettings *settings = self->context ? wp_context_get_settings (self->context) : NULL;

  /* What is typed in the item pane is saved; if it cannot be, the window
   * stays open once, with the field's text and the toast that says why. */
  if (!_wp_window_save_editor (self) && !self->closing_unsaved)
    {
      self->closing_unsaved = TRUE;
      return TRUE;
    }

  if (settings != NULL)
    {
      int width, height;

      gtk_window_get_default_size (window, &width, &height);
      g_settings_delay (settings);
      g_settings_set_boolean (settings, "window-maximized", gtk_window_is_maximized (window));
      if (!gtk_window_is_maximized (window))
        {
          g_settings_set_int (settings, "window-width", width);
          g_settings_set_int (settings, "window-height", height);
        }
      g_settings_apply (settings);
    }

  return GTK_WINDOW_CLASS (wp_window_parent_class)->close_request (window);
}

#define OUTSIDE_CHANGES_SECONDS 1

static void
check_outside_changes (WpWindow *self)
{
  WpStore *store = self->context != NULL ? wp_context_get_store (self->context) : NULL;

  /* (not while a title is typed: the views would read their rows again
   * and the entry go; the next check comes soon) */
  if (store == NULL)
    return;
  for (guint i = 0; i < N_VIEWS; i++)
    if (self->views[i] != NULL && wp_view_is_editing (self->views[i]))
      return;
  wp_store_check_outside_changes (store);
}

static gboolean
on_outside_changes_timer (gpointer data)
{
  check_outside_changes (data);
  return G_SOURCE_CONTINUE;
}

static void start_check (WpWindow *self,
                         gboolean  closing);

static void
wp_window_dispose (GObject *object)
{
  WpWindow *self = WP_WINDOW (object);

  g_clear_handle_id (&self->outside_changes_source, g_source_remove);

  if (self->context != NULL && wp_context_get_store (self->context) != NULL)
    g_clear_signal_handler (&self->plans_changed_id, wp_context_get_store (self->context));
  g_clear_pointer (&self->plans, g_ptr_array_unref);
  g_clear_object (&self->agency_names);
  g_clear_handle_id (&self->recent_idle, g_source_remove);
  if (self->check_tick != 0 || self->check_idle != 0)
    start_check (self, TRUE);
  _wp_window_clear_backups (self);

  gtk_widget_dispose_template (GTK_WIDGET (self), WP_TYPE_WINDOW);

  g_clear_object (&self->context);

  G_OBJECT_CLASS (wp_window_parent_class)->dispose (object);
}

static void
wp_window_class_init (WpWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = wp_window_dispose;
  window_class->close_request = wp_window_close_request;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/workplan/Workplan/wp-window.ui");
  gtk_widget_class_bind_template_child (widget_class, WpWindow, year_dropdown);
  gtk_widget_class_bind_template_child (widget_class, WpWindow, view_stack);
  gtk_widget_class_bind_template_child (widget_class, WpWindow, switcher_title);
  gtk_widget_class_bind_template_child (widget_class, WpWindow, switcher_bar);
  gtk_widget_class_bind_template_child (widget_class, WpWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, WpWindow, read_only_bar);
  gtk_widget_class_bind_template_child (widget_class, WpWindow, discard_log_button);
  gtk_widget_class_bind_template_child (widget_class, WpWindow, error_page);
  gtk_widget_class_bind_template_child (widget_class, WpWindow, restore_button);
  gtk_widget_class_bind_template_child (widget_class, WpWindow, error_details);
  gtk_widget_class_bind_template_child (widget_class, WpWindow, error_details_label);
  gtk_widget_class_bind_template_child (widget_class, WpWindow, flap);
  gtk_widget_class_bind_template_child (widget_class, WpWindow, search_bar);
  gtk_widget_class_bind_template_child (widget_class, WpWindow, search_entry);
  gtk_widget_class_bind_template_child (widget_class, WpWindow, filter_box);
  gtk_widget_class_bind_template_child (widget_class, WpWindow, search_button);
  gtk_widget_class_bind_template_child (widget_class, WpWindow, recent_section);
  gtk_widget_class_bind_template_callback_full (widget_class, "on_search_changed",
                                                G_CALLBACK (_wp_window_search_changed));
  gtk_widget_class_bind_template_child (widget_class, WpWindow, editor_page);
  gtk_widget_class_bind_template_child (widget_class, WpWindow, toast_overlay);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK,
                                       "window.close", NULL);
}

static gboolean
follow_recent_files (gpointer user_data)
{
  WpWindow *self = user_data;

  self->recent_idle = 0;
  update_recent_menu (self);
  g_signal_connect_object (gtk_recent_manager_get_default (), "changed",
                           G_CALLBACK (update_recent_menu), self, G_CONNECT_SWAPPED);
  return G_SOURCE_REMOVE;
}

/* A page for each view; the first view made at once */
static void
add_views (WpWindow *self)
{
  for (guint i = 0; i < N_VIEWS; i++)
    {
      GType type = view_types[i] ();

      self->pages[i] = ADW_BIN (adw_bin_new ());
      adw_view_stack_add_titled_with_icon (self->view_stack, GTK_WIDGET (self->pages[i]),
                                           wp_view_type_get_name (type),
                                           wp_view_type_get_title (type),
                                           wp_view_type_get_icon_name (type));
    }
  /* (the switchers are given the stack with all its pages: given it empty,
   * they made their buttons again for each page added, 10 ms at start) */
  adw_view_switcher_title_set_stack (self->switcher_title, self->view_stack);
  adw_view_switcher_bar_set_stack (self->switcher_bar, self->view_stack);
  ensure_view (self, 0);
}

static void
wp_window_init (WpWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  add_views (self);
  wp_tooltip_adopt_all (GTK_WIDGET (self));

  g_action_map_add_action_entries (G_ACTION_MAP (self), win_actions, G_N_ELEMENTS (win_actions),
                                   self);
  _wp_window_add_pane (self);
  _wp_window_add_plan_actions (self);
  _wp_window_add_backup_actions (self);
  /* Reading the list of recent files waits until the window shows */
  self->recent_idle = g_idle_add_full (G_PRIORITY_LOW, follow_recent_files, self, NULL);
  _wp_window_add_search (self);

  g_signal_connect_swapped (self->year_dropdown, "notify::selected",
                            G_CALLBACK (on_year_selected), self);
}

/* @user_data: a weak reference to the window: the check holds neither the
 * window nor its store (see wp_store_check_async()) */
static void
on_store_checked (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  GWeakRef *ref = user_data;
  g_autoptr(WpWindow) self = g_weak_ref_get (ref);
  g_autoptr(GError) error = NULL;
  gboolean sound;

  g_weak_ref_clear (ref);
  g_free (ref);
  /* (the store learns the outcome even if its window has gone) */
  sound = wp_store_check_finish (NULL, result, &error);
  /* (A window closed meanwhile has nothing to show.) */
  if (self == NULL || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CLOSED))
    return;
  if (!sound)
    {
      if (self->main_stack != NULL)
        wp_window_show_open_error (self, error);
    }
  else if (self->context != NULL)
    _wp_window_take_daily_backup (self);
}

/* The file's check reads every page of it in a thread: at 100,000 items
 * that took the second core from the window's start. It starts once the
 * first frame is drawn and nothing else waits (edits wait for it, the store
 * says it is still being checked, for a fraction of a second). A window
 * closed before that starts it as it goes: the file is checked all the
 * same. */
static void
start_check (WpWindow *self,
             gboolean  closing)
{
  WpStore *store = self->context != NULL ? wp_context_get_store (self->context) : NULL;
  GWeakRef *ref;

  if (self->check_started)
    return;
  self->check_started = TRUE;
  g_clear_handle_id (&self->check_idle, g_source_remove);
  if (self->check_tick != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->check_tick);
  self->check_tick = 0;
  if (store == NULL)
    return;
  ref = g_new0 (GWeakRef, 1);
  /* (a window going away is not told) */
  g_weak_ref_init (ref, closing ? NULL : self);
  wp_store_check_async (store, NULL, on_store_checked, ref);
}

static gboolean
on_check_idle (gpointer data)
{
  WpWindow *self = data;

  self->check_idle = 0;
  start_check (self, FALSE);
  return G_SOURCE_REMOVE;
}

/* The first frame's update: its layout and paint follow in the same
 * dispatch, and then the idle */
static gboolean
on_first_tick (GtkWidget     *widget,
               GdkFrameClock *clock,
               gpointer       data)
{
  WpWindow *self = WP_WINDOW (widget);

  self->check_tick = 0;
  if (!self->check_started && self->check_idle == 0)
    self->check_idle = g_idle_add_full (G_PRIORITY_LOW, on_check_idle, self, NULL);
  return G_SOURCE_REMOVE;
}

/**
 * wp_window_show_open_error:
 * @error: (nullable): why the plan file cannot be used
 *
 * Shows why the plan file cannot be used instead of the views, also when
 * that is found after the window showed it (a damaged file).
 */
void
wp_window_show_open_error (WpWindow     *self,
                           const GError *error)
{
  const char *detail = wp_store_error_get_detail (error);

  g_return_if_fail (WP_IS_WINDOW (self));

  /* The page says what is wrong and what to do in the user's language;
   * SQLite's English report is kept, folded, for whoever looks into it. */
  gtk_label_set_text (self->error_details_label, detail != NULL ? detail : "");
  gtk_expander_set_expanded (self->error_details, FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->error_details), detail != NULL && detail[0] != '\0');
  if (g_error_matches (error, WP_STORE_ERROR, WP_STORE_ERROR_CORRUPT))
    _wp_window_show_damaged (self, error);
  else
    {
      g_autofree char *markup = error ? g_markup_escape_text (error->message, -1) : NULL;

      gboolean damaged_log = g_error_matches (error, WP_STORE_ERROR,
                                              WP_STORE_ERROR_DAMAGED_LOG);

      adw_status_page_set_title (self->error_page,
                                 damaged_log ? _("The Latest Changes Are Damaged")
                                             : _("Cannot Open the Plan File"));
      adw_status_page_set_description (self->error_page, markup);
      gtk_widget_set_visible (self->restore_button, FALSE);
      gtk_widget_set_visible (self->discard_log_button, damaged_log);
    }
  /* (set here, not in the template: GTK looks a status page's large icon
   * up when styling even a hidden page, and that loads librsvg, 6 MB and
   * 10 ms before the first frame) */
  adw_status_page_set_icon_name (self->error_page, "dialog-error-symbolic");
  gtk_stack_set_visible_child_name (self->main_stack, "error");
  gtk_widget_set_sensitive (GTK_WIDGET (self->year_dropdown), FALSE);
}

/* Makes the view @index of the list when first shown or needed (see
 * view_types): it then follows the context, and the search if it filters. */
static WpView *
ensure_view (WpWindow *self,
             guint     index)
{
  WpContext *context = self->context;
  WpView *view = self->views[index];
  WpFilter filter;

  /* (not without a plan file: the window shows why instead) */
  if (view == NULL && index > 0 && (context == NULL || wp_context_get_store (context) == NULL))
    return NULL;
  if (view == NULL)
    {
      view = self->views[index] = g_object_new (view_types[index] (), NULL);
      g_signal_connect_object (view, "selection-changed",
                               G_CALLBACK (_wp_window_pane_follow_view), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (view, "item-activated",
                               G_CALLBACK (_wp_window_open_pane), self, G_CONNECT_SWAPPED);
    }
  if (context != NULL && wp_context_get_store (context) != NULL
      && wp_view_get_context (view) != context)
    {
      wp_view_set_context (view, context);
      _wp_window_get_filter (self, &filter);
      wp_view_set_filter (view, &filter);
      wp_filter_clear (&filter);
    }
  /* (put on its page once it has its plan: mapped, it then shows it at once) */
  if (gtk_widget_get_parent (GTK_WIDGET (view)) == NULL)
    adw_bin_set_child (self->pages[index], GTK_WIDGET (view));
  return view;
}

/**
 * wp_window_new:
 * @open_error: (nullable): why the plan file could not be opened; the
 *   window then says so instead of showing the views
 */
WpWindow *
wp_window_new (GtkApplication *application,
               WpContext      *context,
               const GError   *open_error)
{
  WpStore *store = wp_context_get_store (context);

  return wp_window_new_for_path (application, context, store ? wp_store_get_path (store) : NULL,
                                 open_error);
}

/**
 * wp_window_new_for_path:
 * @path: (nullable): the plan file, also when it could not be opened (its
 *   backups can then be restored)
 */
WpWindow *
wp_window_new_for_path (GtkApplication *application,
                        WpContext      *context,
                        const char     *path,
                        const GError   *open_error)
{
  WpWindow *self = g_object_new (WP_TYPE_WINDOW, "application", application, NULL);
  GSettings *settings = wp_context_get_settings (context);

  self->context = g_object_ref (context);
  self->backups.plan_path = g_strdup (path);
  _wp_window_update_backup_actions (self);
  update_undo_actions (self);
  _wp_window_update_plan_actions (self);

  if (settings != NULL)
    {
      gtk_window_set_default_size (GTK_WINDOW (self),
                                   g_settings_get_int (settings, "window-width"),
                                   g_settings_get_int (settings, "window-height"));
      if (g_settings_get_boolean (settings, "window-maximized"))
        gtk_window_maximize (GTK_WINDOW (self));
      g_settings_bind (settings, "show-editor", self->flap, "reveal-flap", G_SETTINGS_BIND_DEFAULT);
      /* (the outline follows the setting: see its on_context_changed()) */
      {
        g_autoptr(GAction) column = g_settings_create_action (settings,
                                                              "outline-show-milestone");

        g_action_map_add_action (G_ACTION_MAP (self), column);
      }
    }

  if (open_error != NULL || wp_context_get_store (context) == NULL)
    {
      wp_window_show_open_error (self, open_error);
      return self;
    }

  gtk_info_bar_set_revealed (self->read_only_bar,
                             wp_store_is_read_only (wp_context_get_store (context)));

  /* A file opened to be checked later is checked while it shows, once
   * the first frame is drawn (see start_check()). */
  self->check_tick = gtk_widget_add_tick_callback (GTK_WIDGET (self), on_first_tick, NULL, NULL);

  ensure_view (self, 0);
  if (adw_flap_get_reveal_flap (self->flap))
    _wp_window_ensure_editor (self);
  g_signal_connect_object (wp_context_get_store (context), "agencies-changed",
                           G_CALLBACK (_wp_window_mark_filter_agencies), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->view_stack, "notify::visible-child",
                           G_CALLBACK (on_view_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (wp_context_get_undo_stack (context), "notify::can-undo",
                           G_CALLBACK (update_undo_actions), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (wp_context_get_undo_stack (context), "notify::can-redo",
                           G_CALLBACK (update_undo_actions), self, G_CONNECT_SWAPPED);
  /* (every edit, undo and redo notifies it) */
  g_signal_connect_object (wp_context_get_undo_stack (context), "notify::can-undo",
                           G_CALLBACK (_wp_window_take_daily_backup), self, G_CONNECT_SWAPPED);
  update_undo_actions (self);
  self->plans_changed_id = g_signal_connect_object (wp_context_get_store (context),
                                                    "plans-changed",
                                                    G_CALLBACK (reload_plans), self,
                                                    G_CONNECT_SWAPPED);
  reload_plans (self);

  /* An edit made while another program writes does not wait (that froze
   * the window): it fails at once, what was typed is kept and saved by
   * itself in a moment, and it goes before that program's next write. */
  wp_store_set_interactive (wp_context_get_store (context), TRUE);
  /* What other programs (the command line, another window) save shows
   * here when the window comes to the front, and every few seconds. */
  g_signal_connect_object (self, "notify::is-active", G_CALLBACK (check_outside_changes),
                           self, G_CONNECT_SWAPPED);
  self->outside_changes_source =
    g_timeout_add_seconds (OUTSIDE_CHANGES_SECONDS, on_outside_changes_timer, self);
  return self;
}

void
wp_window_select_year (WpWindow *self,
                       int       year)
{
  g_return_if_fail (WP_IS_WINDOW (self));

  for (guint i = 0; self->plans != NULL && i < self->plans->len; i++)
    if (wp_plan_get_year (g_ptr_array_index (self->plans, i)) == year)
      gtk_drop_down_set_selected (self->year_dropdown, i);
}
