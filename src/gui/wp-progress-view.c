/* wp-progress-view.c: the plan's figures, lists and drafted summary
 *
 * The numbers come from wp_plan_stats_compute(), the same the summary and
 * the briefing use, so the screen and the paper agree. The view follows
 * edits (any write or undo) and recomputes once the main loop is idle.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "wp-tooltip.h"
#include "wp-progress-view-private.h"
#include "wp-toast.h"
#include "wp-row-text.h"
#include "wp-view-refresh.h"
#include "wp-view.h"

static void wp_progress_view_view_init (WpViewInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (WpProgressView, wp_progress_view, ADW_TYPE_BIN,
                               G_IMPLEMENT_INTERFACE (WP_TYPE_VIEW, wp_progress_view_view_init))

enum {
  FILTER_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* An item of the lists or charts, shown in the outline (by the window) */
void
_wp_progress_show_in_outline (WpProgressView *self,
                 gint64          item_id)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "win.show-item", "x", item_id);
}

/* What ::filter-activated asks for: the outline showing those items */
static void
filter_activated (WpProgressView *self,
                  const char     *agency,
                  int             status,
                  int             month)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "win.show-filter", "(msii)", agency, status,
                              month);
}

static void
add_tile (WpProgressView *self,
          guint           number,
          const char     *caption,
          const char     *style)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  g_autofree char *text = g_strdup_printf ("%u", number);
  GtkWidget *value = gtk_label_new (text);
  GtkWidget *label = gtk_label_new (caption);

  gtk_widget_add_css_class (box, "card");
  gtk_widget_add_css_class (box, "wp-tile");
  gtk_widget_add_css_class (value, "title-1");
  if (style != NULL)
    gtk_widget_add_css_class (value, style);
  gtk_widget_add_css_class (label, "dim-label");
  gtk_box_append (GTK_BOX (box), value);
  gtk_box_append (GTK_BOX (box), label);
  gtk_flow_box_append (self->tiles, box);
}

static WpStore *
get_store (WpProgressView *self)
{
  return wp_context_get_store (self->binding.context);
}

static void
clear (WpProgressView *self)
{
  GtkWidget *child;

  for (guint i = 0; i < self->rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->rows, i);
      adw_preferences_group_remove (ADW_PREFERENCES_GROUP (gtk_widget_get_ancestor (
                                      row, ADW_TYPE_PREFERENCES_GROUP)), row);
    }
  g_ptr_array_set_size (self->rows, 0);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->tiles))) != NULL)
    gtk_flow_box_remove (self->tiles, child);
}

/* Puts the drafted summary in its place, unless the user has written
 * their own meanwhile */
static void
set_draft (WpProgressView *self)
{
  g_autofree char *draft = g_steal_pointer (&self->draft);

  if (draft == NULL || self->summary_edited)
    return;
  self->drafting = TRUE;
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->summary_view), draft, -1);
  self->drafting = FALSE;
}

static void update_agencies (WpProgressView *self);

/* What waits for the frame: the draft, and the agency list */
static gboolean
after_frame_idle (gpointer data)
{
  WpProgressView *self = data;

  self->after_frame_idle = 0;
  if (self->agencies_later && self->binding.context != NULL && self->binding.plan != NULL
      && get_store (self) != NULL)
    update_agencies (self);
  self->agencies_later = FALSE;
  set_draft (self);
  return G_SOURCE_REMOVE;
}

/* After the frame that is due: GTK paints at a higher priority than
 * this idle's */
static void
queue_after_frame (WpProgressView *self)
{
  if (self->after_frame_idle == 0)
    self->after_frame_idle = g_idle_add_full (G_PRIORITY_LOW, after_frame_idle, self, NULL);
}

static void
cancel_draft (WpProgressView *self)
{
  g_clear_pointer (&self->draft, g_free);
}

/* The summary of a big plan is thousands of characters to lay out (it
 * names the work under each late key task), and it is at the bottom of
 * the view: it goes in after the frame with the figures on top.
 * (@draft: transfer full) */
static void
draft_summary (WpProgressView *self,
               char           *draft)
{
  cancel_draft (self);
  self->draft = draft;
  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      set_draft (self);
      return;
    }
  queue_after_frame (self);
}

static void queue_refresh      (WpProgressView *self);
static void set_summary_edited (WpProgressView *self,
                                gboolean        edited);

/* The plan's agencies in the list, keeping the one chosen if it is still there */
static void
update_agencies (WpProgressView *self)
{
  g_auto(GStrv) names = wp_store_list_plan_agency_names (get_store (self),
                                                         wp_plan_get_id (self->binding.plan), NULL);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->agency_names));
  guint selected = 0;
  g_autoptr(GPtrArray) all = g_ptr_array_new ();

  g_ptr_array_add (all, (char *) _("All Agencies"));
  for (guint i = 0; names != NULL && names[i] != NULL; i++)
    {
      g_ptr_array_add (all, names[i]);
      if (g_strcmp0 (names[i], self->agency) == 0)
        selected = i + 1;
    }
  g_ptr_array_add (all, NULL);

  self->listing = TRUE;
  gtk_string_list_splice (self->agency_names, 0, n, (const char * const *) all->pdata);
  gtk_drop_down_set_selected (self->agency_dropdown, selected);
  self->listing = FALSE;
  if (selected == 0)
    g_clear_pointer (&self->agency, g_free);
}

static void
on_agency_selected (WpProgressView *self)
{
  guint selected = gtk_drop_down_get_selected (self->agency_dropdown);

  if (self->listing)
    return;
  g_free (self->agency);
  self->agency = selected == 0 || selected == GTK_INVALID_LIST_POSITION
                 ? NULL
                 : g_strdup (gtk_string_list_get_string (self->agency_names, selected));
  /* The summary was about other figures */
  set_summary_edited (self, FALSE);
  queue_refresh (self);
}

/* The breakdown against the milestones (形象进度), or one line saying none
 * is due yet; then the items behind theirs */
static void
show_pace (WpProgressView *self,
           WpPlanStats    *stats)
{
  gboolean any = wp_counts_have_milestones (&stats->counts);
  g_autofree char *as_of = wp_date_format_display (&stats->as_of);
  g_autofree char *counts = NULL;
  g_autofree char *description = NULL;

  gtk_widget_set_visible (self->pace_charts, any);
  if (!any)
    {
      /* Translators: the milestone breakdown when nothing is to be judged yet */
      description = g_strdup_printf (_("No item has a milestone due by %s."), as_of);
      adw_preferences_group_set_description (self->pace_group, description);
    }
  else
    {
      counts = wp_counts_describe_pace (&stats->counts);
      /* Translators: under the heading of the milestone breakdown: the
       * counts, then what is counted */
      description = g_strdup_printf (_("%s. Each item by its own milestone for the last "
                                       "quarter ended; lead agencies by the items they lead "
                                       "at any level."), counts);
      adw_preferences_group_set_description (self->pace_group, description);
      _wp_progress_size_pace_charts (self, stats);
    }

  _wp_progress_fill_behind (self, 0);
}

static void
refresh (WpProgressView *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WpPlanStats) computed = NULL;
  WpPlanStats *stats;
  g_autofree char *as_of = NULL;
  g_autofree char *heading = NULL;
  gboolean tasks;

  wp_view_refresh_cancel (&self->refresh);
  cancel_draft (self);

  clear (self);
  if (self->binding.context == NULL || self->binding.plan == NULL
      || get_store (self) == NULL)
    {
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }

  /* The list of agencies is for when it is opened: with all of them
   * shown, it is filled after the frame (its first line is "All
   * Agencies"); an agency chosen must be found in it now, or forgotten */
  if (self->agency != NULL || !gtk_widget_get_mapped (GTK_WIDGET (self)))
    update_agencies (self);
  else
    {
      if (g_list_model_get_n_items (G_LIST_MODEL (self->agency_names)) == 0)
        {
          self->listing = TRUE;
          gtk_string_list_append (self->agency_names, _("All Agencies"));
          self->listing = FALSE;
        }
      self->agencies_later = TRUE;
      queue_after_frame (self);
    }
  /* (only the items the lists show are read) */
  stats = computed = wp_plan_stats_compute_listing (get_store (self),
                                                    wp_plan_get_id (self->binding.plan),
                                                    self->agency, MAX_LISTED, &error);
  /* One agency with nothing counted still shows its (empty) figures, so
   * that the agency list stays at hand */
  if (stats == NULL || (stats->counts.total == 0 && self->agency == NULL))
    {
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }
  tasks = stats->unit == WP_ITEM_KIND_TASK;
  /* The rows below read the lists' sub-items from the new figures */
  g_clear_pointer (&self->stats, wp_plan_stats_free);
  self->stats = g_steal_pointer (&computed);
  gtk_label_set_label (self->unit_caption, wp_plan_stats_describe_unit (stats));
  adw_preferences_group_set_title (self->trend_group,
                                   self->agency == NULL ? _("Actions Finished by Month")
                                                        : _("Finished by Month"));

  as_of = wp_date_format_display (&stats->as_of);
  /* Translators: heading of the progress view: the plan and the day */
  heading = g_strdup_printf (_("%s, as of %s"), wp_plan_get_title (self->binding.plan), as_of);
  gtk_label_set_label (self->heading, heading);

  add_tile (self, stats->counts.total,
            self->agency != NULL ? _("Items") : tasks ? _("Key tasks") : _("Actions"), NULL);
  add_tile (self, stats->counts.done, _("Done"), "success");
  add_tile (self, stats->counts.in_progress, _("In progress"), "accent");
  add_tile (self, stats->counts.overdue, _("Overdue"), "error");
  add_tile (self, stats->counts.due_soon, _("At risk"), "warning");

  _wp_progress_size_charts (self, stats);

  gtk_widget_set_visible (GTK_WIDGET (self->targets_group), stats->targets->len > 0);
  for (guint i = 0; i < stats->targets->len; i++)
    {
      WpItemTarget *pair = g_ptr_array_index (stats->targets, i);
      g_autofree char *values = wp_target_format_values (pair->target);
      double share = wp_target_get_share (pair->target);
      /* Translators: under a target: the item it belongs to, and its values */
      g_autofree char *line = g_strdup_printf (_("%s · %s"), wp_item_get_title (pair->item),
                                               values);

      _wp_progress_add_item_row (self, self->targets_group, pair->item, pair->target->label, line,
                    share >= 0 ? 100 * share : -1);
    }

  _wp_progress_fill_overdue (self, 0);
  _wp_progress_fill_due_soon (self, 0);
  show_pace (self, stats);
  _wp_progress_fill_pending (self, 0);

  /* The user's wording stands until they ask for a new draft */
  if (!self->summary_edited)
    draft_summary (self, wp_plan_stats_compose_summary (stats,
                                                        wp_plan_get_title (self->binding.plan)));

  _wp_progress_redraw_charts (self);

  gtk_stack_set_visible_child_name (self->stack, "figures");
}

/* For the charts: the outline showing those items */
void
_wp_progress_filter_activated (WpProgressView *self,
                               const char     *agency,
                               int             status,
                               int             month)
{
  g_signal_emit (self, signals[FILTER_ACTIVATED], 0, agency, status, month);
}

static void
queue_refresh (WpProgressView *self)
{
  wp_view_refresh_queue (&self->refresh);
}

static void
set_summary_edited (WpProgressView *self,
                    gboolean        edited)
{
  self->summary_edited = edited;
  gtk_widget_set_visible (GTK_WIDGET (self->redraft_button), edited);
}

static void
on_summary_changed (WpProgressView *self)
{
  if (!self->drafting)
    set_summary_edited (self, TRUE);
}

static void
on_redraft_clicked (WpProgressView *self)
{
  set_summary_edited (self, FALSE);
  queue_refresh (self);
}

static void
on_copy_clicked (WpProgressView *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->summary_view);
  g_autofree char *text = NULL;
  GtkTextIter start, end;
  AdwToastOverlay *overlay;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (self)), text);

  overlay = ADW_TOAST_OVERLAY (gtk_widget_get_ancestor (GTK_WIDGET (self),
                                                        ADW_TYPE_TOAST_OVERLAY));
  if (overlay != NULL)
    adw_toast_overlay_add_toast (overlay, wp_toast_new (_("Summary copied")));
}

static void
on_context_changed (WpProgressView *self)
{
  wp_view_refresh_follow (&self->refresh, self->binding.context);
}

static void
on_plan_changed (WpProgressView *self,
                 gboolean        another)
{
  /* Another plan: the edited summary and the agency were about the one before */
  if (another)
    {
      AdwPreferencesGroup *lists[] = { self->overdue_group, self->due_soon_group,
                                       self->behind_group, self->pending_group };

      set_summary_edited (self, FALSE);
      g_clear_pointer (&self->agency, g_free);
      /* (its lists start short again) */
      for (guint i = 0; i < G_N_ELEMENTS (lists); i++)
        g_object_set_data (G_OBJECT (lists[i]), "wp-show-all", NULL);
    }
  queue_refresh (self);
}

static void
wp_progress_view_dispose (GObject *object)
{
  WpProgressView *self = WP_PROGRESS_VIEW (object);

  wp_view_refresh_cancel (&self->refresh);
  cancel_draft (self);
  g_clear_handle_id (&self->after_frame_idle, g_source_remove);
  wp_view_binding_clear (&self->binding, self);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_pointer (&self->stats, wp_plan_stats_free);
  g_clear_pointer (&self->agency, g_free);

  G_OBJECT_CLASS (wp_progress_view_parent_class)->dispose (object);
}

static void
wp_progress_view_view_init (WpViewInterface *iface)
{
  iface->name = "progress";
  iface->title = NC_("view", "Progress");
  iface->icon_name = "x-office-presentation-symbolic";
}

static void
wp_progress_view_class_init (WpProgressViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = wp_progress_view_dispose;
  WP_VIEW_CLASS_BIND (klass, WpProgressView, on_context_changed, on_plan_changed);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/workplan/Workplan/wp-progress-view.ui");
  gtk_widget_class_bind_template_child (widget_class, WpProgressView, stack);
  gtk_widget_class_bind_template_child (widget_class, WpProgressView, heading);
  gtk_widget_class_bind_template_child (widget_class, WpProgressView, unit_caption);
  gtk_widget_class_bind_template_child (widget_class, WpProgressView, trend_group);
  gtk_widget_class_bind_template_child (widget_class, WpProgressView, tiles);
  gtk_widget_class_bind_template_child (widget_class, WpProgressView, areas_group);
  gtk_widget_class_bind_template_child (widget_class, WpProgressView, agencies_group);
  gtk_widget_class_bind_template_child (widget_class, WpProgressView, targets_group);
  gtk_widget_class_bind_template_child (widget_class, WpProgressView, agency_dropdown);
  gtk_widget_class_bind_template_child (widget_class, WpProgressView, agency_names);
  gtk_widget_class_bind_template_child (widget_class, WpProgressView, overdue_group);
  gtk_widget_class_bind_template_child (widget_class, WpProgressView, due_soon_group);
  gtk_widget_class_bind_template_child (widget_class, WpProgressView, pending_group);
  gtk_widget_class_bind_template_child (widget_class, WpProgressView, summary_view);
  gtk_widget_class_bind_template_child (widget_class, WpProgressView, status_chart);
  gtk_widget_class_bind_template_child (widget_class, WpProgressView, trend_chart);
  gtk_widget_class_bind_template_child (widget_class, WpProgressView, areas_chart);
  gtk_widget_class_bind_template_child (widget_class, WpProgressView, agencies_chart);
  gtk_widget_class_bind_template_child (widget_class, WpProgressView, pace_group);
  gtk_widget_class_bind_template_child (widget_class, WpProgressView, pace_charts);
  gtk_widget_class_bind_template_child (widget_class, WpProgressView, pace_areas_chart);
  gtk_widget_class_bind_template_child (widget_class, WpProgressView, pace_agencies_chart);
  gtk_widget_class_bind_template_child (widget_class, WpProgressView, behind_group);
  gtk_widget_class_bind_template_callback (widget_class, on_copy_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_redraft_clicked);
  gtk_widget_class_bind_template_child (widget_class, WpProgressView, redraft_button);

  /**
   * WpProgressView::filter-activated:
   * @agency: (nullable): an agency's name
   * @status: a #WpItemStatus, or -1
   * @month: 1–12 for the items done in that month, or 0
   *
   * Asks for the outline to show the items of an agency, a status or a
   * month's completions.
   */
  signals[FILTER_ACTIVATED] = g_signal_new_class_handler ("filter-activated",
                                                          G_TYPE_FROM_CLASS (klass),
                                                          G_SIGNAL_RUN_LAST,
                                                          G_CALLBACK (filter_activated),
                                                          NULL, NULL, NULL,
                                                          G_TYPE_NONE, 3, G_TYPE_STRING,
                                                          G_TYPE_INT, G_TYPE_INT);
}

static void
wp_progress_view_init (WpProgressView *self)
{
  wp_view_refresh_init (&self->refresh, GTK_WIDGET (self), (WpRefreshFunc) refresh,
                        G_PRIORITY_LOW);
  gtk_widget_init_template (GTK_WIDGET (self));
  wp_tooltip_adopt_all (GTK_WIDGET (self));
  self->rows = g_ptr_array_new ();
  g_signal_connect_swapped (gtk_text_view_get_buffer (self->summary_view), "changed",
                            G_CALLBACK (on_summary_changed), self);
  g_signal_connect_swapped (self->agency_dropdown, "notify::selected",
                            G_CALLBACK (on_agency_selected), self);
  _wp_progress_setup_charts (self);
}

void
wp_progress_view_set_plan (WpProgressView *self,
                           WpPlan         *plan)
{
  g_return_if_fail (WP_IS_PROGRESS_VIEW (self));
  wp_view_set_plan (WP_VIEW (self), plan);
}
/**
 * wp_progress_view_get_edited_summary:
 *
 * Returns: (transfer full) (nullable): the summary as the user edited it,
 *   or %NULL while it is the draft
 */
char *
wp_progress_view_get_edited_summary (WpProgressView *self)
{
  GtkTextBuffer *buffer;
  GtkTextIter start, end;

  g_return_val_if_fail (WP_IS_PROGRESS_VIEW (self), NULL);

  if (!self->summary_edited)
    return NULL;
  buffer = gtk_text_view_get_buffer (self->summary_view);
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

/**
 * wp_progress_view_get_agency:
 *
 * Returns: (nullable): the one agency whose work is shown, or %NULL for all
 */
const char *
wp_progress_view_get_agency (WpProgressView *self)
{
  g_return_val_if_fail (WP_IS_PROGRESS_VIEW (self), NULL);
  return self->agency;
}

/* For the tests: show one agency's work, or all with %NULL */
void
wp_progress_view_set_agency (WpProgressView *self,
                             const char     *agency)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->agency_names));

  g_return_if_fail (WP_IS_PROGRESS_VIEW (self));

  for (guint i = 0; i < n; i++)
    if ((agency == NULL && i == 0)
        || (agency != NULL && i > 0
            && g_strcmp0 (gtk_string_list_get_string (self->agency_names, i), agency) == 0))
      {
        gtk_drop_down_set_selected (self->agency_dropdown, i);
        return;
      }
}
