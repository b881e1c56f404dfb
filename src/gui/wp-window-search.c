/* wp-window-search.c: the window's search bar and its filters
 *
 * The words typed, the agency, status and "overdue only" filters, and the
 * narrowing the progress view's charts ask for (a month's done items, a
 * segment of the milestone breakdown) make one WpFilter, which every view
 * that filters follows; the views that do not send the search to the
 * outline.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "wp-board-view.h"
#include "wp-tooltip.h"
#include "wp-view.h"
#include "wp-window-private.h"

/* The months of the progress view's trend narrow to what was done in one:
 * a button says so, and takes it away. */
static void
set_done_month (WpWindow *self,
                int       month)
{
  self->done_month = month;
  if (month > 0)
    {
      g_autofree char *name = g_strdup_printf (C_("month", "%u"), (guint) month);
      /* Translators: the filter of the items done in a month, e.g. "7月完成"; a
       * click takes it away */
      g_autofree char *label = g_strdup_printf (_("Done in %s ✕"), name);
      gtk_button_set_label (self->month_filter, label);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->month_filter), month > 0);
}

static void
on_month_filter_clicked (WpWindow *self)
{
  set_done_month (self, 0);
  _wp_window_search_changed (self);
}

/* A segment of the progress view's milestone breakdown narrows to the
 * items it counts: a button names it, and takes it away. @label: (nullable) */
static void
set_pace_filter (WpWindow   *self,
                 const char *label,
                 gint64      area_id,
                 int         kind,
                 int         pace,
                 gint64      lead_id)
{
  self->pace.pace = label != NULL ? pace : -1;
  self->pace.area_id = label != NULL ? area_id : 0;
  self->pace.kind = label != NULL ? kind : -1;
  self->pace.lead_id = label != NULL ? lead_id : 0;
  if (label != NULL)
    gtk_button_set_label (self->pace_filter, label);
  gtk_widget_set_visible (GTK_WIDGET (self->pace_filter), label != NULL);
}

static void
on_pace_filter_clicked (WpWindow *self)
{
  set_pace_filter (self, NULL, 0, -1, -1, 0);
  _wp_window_search_changed (self);
}

/* What the search bar's words and filters ask for */
void
_wp_window_get_filter (WpWindow *self,
            WpFilter *filter)
{
  guint agency = gtk_drop_down_get_selected (self->agency_filter);
  guint status = gtk_drop_down_get_selected (self->status_filter);

  wp_filter_init (filter);
  if (gtk_search_bar_get_search_mode (self->search_bar))
    {
      filter->text = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
      if (agency != GTK_INVALID_LIST_POSITION && agency > 0)
        filter->agency = g_strdup (gtk_string_list_get_string (self->agency_names, agency));
      filter->status = status != GTK_INVALID_LIST_POSITION && status > 0 ? (int) status - 1 : -1;
      filter->overdue_only = gtk_toggle_button_get_active (self->overdue_filter);
      filter->done_month = self->done_month;
      filter->pace = self->pace.pace;
      filter->area_id = self->pace.area_id;
      filter->kind = self->pace.kind;
      filter->lead_id = self->pace.lead_id;
    }
}

/* The search bar's words and filters narrow the outline and the board. */
void
_wp_window_search_changed (WpWindow *self)
{
  WpFilter filter;

  _wp_window_get_filter (self, &filter);
  for (guint i = 0; i < WP_WINDOW_N_VIEWS; i++)
    if (self->views[i] != NULL)
      wp_view_set_filter (self->views[i], &filter);
  wp_filter_clear (&filter);
}

static void
on_search_mode_changed (WpWindow *self)
{
  if (!gtk_search_bar_get_search_mode (self->search_bar))
    {
      g_signal_handlers_block_by_func (self->search_entry, _wp_window_search_changed, self);
      gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
      g_signal_handlers_unblock_by_func (self->search_entry, _wp_window_search_changed, self);
      gtk_drop_down_set_selected (self->agency_filter, 0);
      gtk_drop_down_set_selected (self->status_filter, 0);
      gtk_toggle_button_set_active (self->overdue_filter, FALSE);
      set_done_month (self, 0);
      set_pace_filter (self, NULL, 0, -1, -1, 0);
    }
  else if (self->agencies_stale)
    _wp_window_update_filter_agencies (self);
  _wp_window_search_changed (self);
}

static void
add_filters (WpWindow *self)
{
  const char *statuses[] = {
    _("Any Status"), wp_item_status_to_label (WP_ITEM_STATUS_NOT_STARTED),
    wp_item_status_to_label (WP_ITEM_STATUS_IN_PROGRESS),
    wp_item_status_to_label (WP_ITEM_STATUS_DONE),
    wp_item_status_to_label (WP_ITEM_STATUS_SUSPENDED), NULL
  };

  self->agency_names = gtk_string_list_new ((const char *[]) { _("All Agencies"), NULL });
  self->agency_filter = GTK_DROP_DOWN (gtk_drop_down_new (
                                         g_object_ref (G_LIST_MODEL (self->agency_names)), NULL));
  gtk_drop_down_set_enable_search (self->agency_filter, TRUE);
  gtk_drop_down_set_expression (self->agency_filter,
                                gtk_property_expression_new (GTK_TYPE_STRING_OBJECT, NULL,
                                                             "string"));
  wp_tooltip_set_text (GTK_WIDGET (self->agency_filter),
                               _("Show only what an agency leads or supports"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->agency_filter),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Agency"), -1);
  gtk_box_append (self->filter_box, GTK_WIDGET (self->agency_filter));

  self->status_filter = GTK_DROP_DOWN (gtk_drop_down_new_from_strings (statuses));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->status_filter),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Status"), -1);
  gtk_box_append (self->filter_box, GTK_WIDGET (self->status_filter));

  self->overdue_filter = GTK_TOGGLE_BUTTON (gtk_toggle_button_new_with_mnemonic (
                                              _("_Overdue Only")));
  gtk_box_append (self->filter_box, GTK_WIDGET (self->overdue_filter));

  self->month_filter = GTK_BUTTON (gtk_button_new ());
  wp_tooltip_set_text (GTK_WIDGET (self->month_filter), _("Show every month"));
  gtk_widget_add_css_class (GTK_WIDGET (self->month_filter), "pill");
  gtk_widget_set_visible (GTK_WIDGET (self->month_filter), FALSE);
  g_signal_connect_swapped (self->month_filter, "clicked", G_CALLBACK (on_month_filter_clicked),
                            self);
  gtk_box_append (self->filter_box, GTK_WIDGET (self->month_filter));

  self->pace_filter = GTK_BUTTON (gtk_button_new ());
  wp_tooltip_set_text (GTK_WIDGET (self->pace_filter), _("Show every item again"));
  gtk_widget_add_css_class (GTK_WIDGET (self->pace_filter), "pill");
  gtk_widget_set_visible (GTK_WIDGET (self->pace_filter), FALSE);
  wp_filter_init (&self->pace);
  g_signal_connect_swapped (self->pace_filter, "clicked", G_CALLBACK (on_pace_filter_clicked),
                            self);
  gtk_box_append (self->filter_box, GTK_WIDGET (self->pace_filter));

  g_signal_connect_swapped (self->agency_filter, "notify::selected",
                            G_CALLBACK (_wp_window_search_changed), self);
  g_signal_connect_swapped (self->status_filter, "notify::selected",
                            G_CALLBACK (_wp_window_search_changed), self);
  g_signal_connect_swapped (self->overdue_filter, "toggled",
                            G_CALLBACK (_wp_window_search_changed), self);
}

/* The agencies of the plan shown, for the agency filter */
void
_wp_window_update_filter_agencies (WpWindow *self)
{
  WpPlan *plan = _wp_window_get_selected_plan (self);
  g_auto(GStrv) names = NULL;
  g_autofree char *current = NULL;
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->agency_names));
  guint selected = gtk_drop_down_get_selected (self->agency_filter);

  if (self->context == NULL || wp_context_get_store (self->context) == NULL)
    return;
  self->agencies_stale = FALSE;
  if (selected != GTK_INVALID_LIST_POSITION && selected > 0 && selected < n)
    current = g_strdup (gtk_string_list_get_string (self->agency_names, selected));
  if (plan != NULL)
    names = wp_store_list_plan_agency_names (wp_context_get_store (self->context),
                                             wp_plan_get_id (plan), NULL);

  g_signal_handlers_block_by_func (self->agency_filter, _wp_window_search_changed, self);
  gtk_string_list_splice (self->agency_names, 1, n - 1, (const char * const *) names);
  selected = 0;
  for (guint i = 0; current != NULL && names != NULL && names[i] != NULL; i++)
    if (g_str_equal (names[i], current))
      selected = i + 1;
  gtk_drop_down_set_selected (self->agency_filter, selected);
  g_signal_handlers_unblock_by_func (self->agency_filter, _wp_window_search_changed, self);
}

/* The list is read when the search bar shows: a plan's agencies are a
 * GROUP BY over all its items, not something to do at start-up. */
void
_wp_window_mark_filter_agencies (WpWindow *self)
{
  self->agencies_stale = TRUE;
  if (gtk_search_bar_get_search_mode (self->search_bar))
    _wp_window_update_filter_agencies (self);
}

/**
 * wp_window_show_filter:
 * @agency: (nullable): an agency's name, or %NULL for all
 * @status: a #WpItemStatus, or -1 for any
 * @month: 1–12 for what was done in that month, or 0 for any
 *
 * Shows the search bar with its filters set, so the outline and the board
 * show only those items.
 */
void
wp_window_show_filter (WpWindow   *self,
                       const char *agency,
                       int         status,
                       int         month)
{
  guint n;

  g_return_if_fail (WP_IS_WINDOW (self));

  set_done_month (self, month);
  set_pace_filter (self, NULL, 0, -1, -1, 0);
  gtk_search_bar_set_search_mode (self->search_bar, TRUE);
  if (self->agencies_stale)
    _wp_window_update_filter_agencies (self);
  n = g_list_model_get_n_items (G_LIST_MODEL (self->agency_names));
  gtk_drop_down_set_selected (self->agency_filter, 0);
  for (guint i = 1; agency != NULL && i < n; i++)
    if (g_strcmp0 (gtk_string_list_get_string (self->agency_names, i), agency) == 0)
      gtk_drop_down_set_selected (self->agency_filter, i);
  gtk_drop_down_set_selected (self->status_filter, status >= 0 ? (guint) status + 1 : 0);
  _wp_window_search_changed (self);
}

/* From the progress view's charts to those items in the outline */
static void
show_filter_activated (GSimpleAction *action,
                       GVariant      *parameter,
                       gpointer       user_data)
{
  WpWindow *self = user_data;
  g_autofree char *agency = NULL;
  int status, month;

  g_variant_get (parameter, "(msii)", &agency, &status, &month);
  _wp_window_show_main_view (self);
  wp_window_show_filter (self, agency, status, month);
}

/**
 * wp_window_show_pace_filter:
 * @label: what the filter's button says
 * @agency: (nullable): an agency's name, or %NULL for all
 * @area_id: an area's id, or 0 for all
 * @kind: a #WpItemKind, or -1 for any
 * @pace: a #WpPace against the items' own milestones
 * @lead_id: the id of the agency leading them, or 0 for any
 *
 * Shows the search bar narrowed to what a segment of the milestone
 * breakdown counts (see WpFilter).
 */
void
wp_window_show_pace_filter (WpWindow   *self,
                            const char *label,
                            const char *agency,
                            gint64      area_id,
                            int         kind,
                            int         pace,
                            gint64      lead_id)
{
  g_return_if_fail (WP_IS_WINDOW (self));
  g_return_if_fail (label != NULL);

  /* (the other filters as the chart's segment has them, then the segment) */
  g_signal_handlers_block_by_func (self->agency_filter, _wp_window_search_changed, self);
  g_signal_handlers_block_by_func (self->status_filter, _wp_window_search_changed, self);
  wp_window_show_filter (self, agency, -1, 0);
  g_signal_handlers_unblock_by_func (self->agency_filter, _wp_window_search_changed, self);
  g_signal_handlers_unblock_by_func (self->status_filter, _wp_window_search_changed, self);
  gtk_toggle_button_set_active (self->overdue_filter, FALSE);
  set_pace_filter (self, label, area_id, kind, pace, lead_id);
  _wp_window_search_changed (self);
}

static void
show_pace_filter_activated (GSimpleAction *action,
                            GVariant      *parameter,
                            gpointer       user_data)
{
  WpWindow *self = user_data;
  g_autofree char *label = NULL;
  g_autofree char *agency = NULL;
  gint64 area_id;
  int kind, pace;
  gint64 lead_id;

  g_variant_get (parameter, "(smsxiix)", &label, &agency, &area_id, &kind, &pace, &lead_id);
  _wp_window_show_main_view (self);
  wp_window_show_pace_filter (self, label, agency, area_id, kind, pace, lead_id);
}

/* From the directory to the agency's cards on the board */
static void
show_agency_activated (GSimpleAction *action,
                       GVariant      *parameter,
                       gpointer       user_data)
{
  WpWindow *self = user_data;

  adw_view_stack_set_visible_child_name (self->view_stack,
                                         wp_view_type_get_name (WP_TYPE_BOARD_VIEW));
  wp_window_show_filter (self, g_variant_get_string (parameter, NULL), -1, 0);
}

static void
close_search_activated (GSimpleAction *action,
                        GVariant      *parameter,
                        gpointer       user_data)
{
  WpWindow *self = user_data;

  gtk_search_bar_set_search_mode (self->search_bar, FALSE);
}

static void
search_activated (GSimpleAction *action,
                  GVariant      *parameter,
                  gpointer       user_data)
{
  WpWindow *self = user_data;
  WpView *view = _wp_window_get_visible_view (self);

  /* The outline and the board filter by the search; the other views
   * send it to the outline. */
  if (view == NULL || !wp_view_type_can_filter (G_OBJECT_TYPE (view)))
    _wp_window_show_main_view (self);
  gtk_search_bar_set_search_mode (self->search_bar, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static const GActionEntry search_actions[] = {
  { "show-filter", show_filter_activated, "(msii)" },
  { "show-pace-filter", show_pace_filter_activated, "(smsxiix)" },
  { "show-agency", show_agency_activated, "s" },
  { "search", search_activated },
  { "close-search", close_search_activated },
};

/* From the window's init: the search bar, its filters and actions */
void
_wp_window_add_search (WpWindow *self)
{
  g_action_map_add_action_entries (G_ACTION_MAP (self), search_actions,
                                   G_N_ELEMENTS (search_actions), self);
  g_object_bind_property (self->search_button, "active", self->search_bar, "search-mode-enabled",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
  g_signal_connect_swapped (self->search_bar, "notify::search-mode-enabled",
                            G_CALLBACK (on_search_mode_changed), self);
  gtk_search_bar_connect_entry (self->search_bar, GTK_EDITABLE (self->search_entry));
  add_filters (self);
}
