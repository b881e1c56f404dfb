/* wp-progress-charts.c: the progress view's charts
 *
 * The status ring, the trend of the months, the bars of the areas and the
 * lead agencies, and the breakdown against the milestones (形象进度). They
 * are drawn by the core (wp-chart.c), as in the PDF briefing; here they
 * are sized to their bars and the text size, described for screen readers,
 * and made clickable: every chart leads to its items in the outline.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "wp-progress-view-private.h"
#include "wp-tooltip.h"

/* The charts' text follows the desktop's text size (Large Text): the
 * charts are drawn in units of 96 dpi and scaled by the font resolution. */
static double
chart_scale (GtkWidget *widget)
{
  int dpi = 0;

  g_object_get (gtk_widget_get_settings (widget), "gtk-xft-dpi", &dpi, NULL);
  return dpi > 0 ? CLAMP (dpi / (96.0 * 1024), 1.0, 3.0) : 1.0;
}

/* What a breakdown chart shows, in words, for screen readers: one line
 * per bar */
static void
describe_pace_chart (GtkDrawingArea *chart,
                     GPtrArray      *groups,
                     guint           max_groups)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < MIN (groups->len, max_groups); i++)
    {
      WpGroupCounts *group = g_ptr_array_index (groups, i);
      g_autofree char *counts = wp_counts_describe_pace (&group->counts);

      if (i > 0)
        g_string_append_c (text, '\n');
      /* Translators: one bar of the milestone breakdown, read out: the
       * area or agency, then its counts */
      g_string_append_printf (text, _("%s: %s"), group->name, counts);
    }
  gtk_accessible_update_property (GTK_ACCESSIBLE (chart), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  text->str, -1);
}

/* The charts are drawn by the core, as in the briefing */
static void
draw_chart (GtkDrawingArea *area,
            cairo_t        *cr,
            int             width,
            int             height,
            gpointer        data)
{
  WpProgressView *self = data;
  double k = chart_scale (GTK_WIDGET (area));

  if (self->stats == NULL)
    return;
  cairo_scale (cr, k, k);
  if (area == self->status_chart)
    wp_chart_draw_status (cr, &self->stats->counts, width / k, height / k);
  else if (area == self->trend_chart)
    wp_chart_draw_trend (cr, self->stats->done_by_month, width / k, height / k);
  else if (area == self->areas_chart)
    wp_chart_draw_bars (cr, self->stats->areas, G_MAXUINT, width / k);
  else if (area == self->pace_areas_chart)
    wp_chart_draw_pace (cr, self->stats->areas, G_MAXUINT, width / k);
  else if (area == self->pace_agencies_chart)
    wp_chart_draw_pace (cr, self->stats->agencies, MAX_AGENCIES, width / k);
  else
    wp_chart_draw_bars (cr, self->stats->agencies, MAX_AGENCIES, width / k);
}

/* A click on a lead agency's bar shows its items in the outline */
static void
on_agencies_chart_pressed (GtkGestureClick *gesture,
                           int              n_press,
                           double           x,
                           double           y,
                           WpProgressView  *self)
{
  int index;

  if (self->stats == NULL)
    return;
  index = wp_chart_bars_hit (MIN (self->stats->agencies->len, MAX_AGENCIES),
                             y / chart_scale (GTK_WIDGET (self)));
  if (index >= 0)
    _wp_progress_filter_activated (
      self, ((WpGroupCounts *) g_ptr_array_index (self->stats->agencies, index))->name, -1, 0);
}

/* A click on a status of the ring shows the items of that status (of the
 * agency shown) in the outline */
static void
on_status_chart_pressed (GtkGestureClick *gesture,
                         int              n_press,
                         double           x,
                         double           y,
                         WpProgressView  *self)
{
  double k = chart_scale (GTK_WIDGET (self));
  int status;

  if (self->stats == NULL)
    return;
  status = wp_chart_status_hit (&self->stats->counts,
                                gtk_widget_get_width (GTK_WIDGET (self->status_chart)) / k,
                                gtk_widget_get_height (GTK_WIDGET (self->status_chart)) / k,
                                x / k, y / k);
  if (status >= 0)
    _wp_progress_filter_activated (self, self->agency, status, 0);
}

/* A click on a month of the trend shows what was done in it */
static void
on_trend_chart_pressed (GtkGestureClick *gesture,
                        int              n_press,
                        double           x,
                        double           y,
                        WpProgressView  *self)
{
  double k = chart_scale (GTK_WIDGET (self));
  int month = wp_chart_trend_hit (gtk_widget_get_width (GTK_WIDGET (self->trend_chart)) / k,
                                  x / k);

  if (self->stats != NULL && month > 0 && self->stats->done_by_month[month - 1] > 0)
    _wp_progress_filter_activated (self, self->agency, -1, month);
}

/* A click on an area's bar shows the area in the outline */
static void
on_areas_chart_pressed (GtkGestureClick *gesture,
                        int              n_press,
                        double           x,
                        double           y,
                        WpProgressView  *self)
{
  int index;

  if (self->stats == NULL)
    return;
  index = wp_chart_bars_hit (self->stats->areas->len, y / chart_scale (GTK_WIDGET (self)));
  if (index < 0)
    return;
  _wp_progress_show_in_outline (
    self, ((WpGroupCounts *) g_ptr_array_index (self->stats->areas, index))->id);
}

/* A click on a segment of the milestone breakdown shows the items it
 * counts in the outline: for an area, its counted items; for a lead
 * agency, the items it leads; for one agency, of the items it is on */
static void
on_pace_chart_pressed (GtkGestureClick *gesture,
                       int              n_press,
                       double           x,
                       double           y,
                       WpProgressView  *self)
{
  GtkWidget *chart = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (gesture));
  gboolean by_agency = chart == GTK_WIDGET (self->pace_agencies_chart);
  double k = chart_scale (GTK_WIDGET (self));
  GPtrArray *groups;
  WpGroupCounts *group;
  g_autofree char *label = NULL;
  WpPace pace = WP_PACE_NONE;
  int index;

  if (self->stats == NULL)
    return;
  groups = by_agency ? self->stats->agencies : self->stats->areas;
  index = wp_chart_pace_hit (groups, by_agency ? MAX_AGENCIES : G_MAXUINT,
                             gtk_widget_get_width (chart) / k, x / k, y / k, &pace);
  if (index < 0)
    return;
  group = g_ptr_array_index (groups, index);
  /* Translators: the filter of one segment of the milestone breakdown,
   * e.g. "市公安局 · 欠进度"; a click takes it away */
  label = g_strdup_printf (_("%s · %s ✕"), group->name, wp_pace_to_label (pace));
  gtk_widget_activate_action (GTK_WIDGET (self), "win.show-pace-filter", "(smsxiix)", label,
                              self->agency, by_agency ? (gint64) 0 : group->id,
                              by_agency || self->agency != NULL ? -1 : (int) self->stats->unit,
                              (int) pace, by_agency ? group->id : (gint64) 0);
}

/* Every chart leads to its items: a click, a pointer cursor, a tooltip */
static void
make_clickable (WpProgressView *self,
                GtkDrawingArea *chart,
                GCallback       on_released,
                const char     *tooltip)
{
  GtkGesture *click = gtk_gesture_click_new ();

  g_signal_connect (click, "released", on_released, self);
  gtk_widget_add_controller (GTK_WIDGET (chart), GTK_EVENT_CONTROLLER (click));
  gtk_widget_set_cursor_from_name (GTK_WIDGET (chart), "pointer");
  wp_tooltip_set_text (GTK_WIDGET (chart), tooltip);
}

/* From the view's init */
void
_wp_progress_setup_charts (WpProgressView *self)
{
  gtk_drawing_area_set_draw_func (self->status_chart, draw_chart, self, NULL);
  gtk_drawing_area_set_draw_func (self->trend_chart, draw_chart, self, NULL);
  gtk_drawing_area_set_draw_func (self->areas_chart, draw_chart, self, NULL);
  gtk_drawing_area_set_draw_func (self->agencies_chart, draw_chart, self, NULL);
  gtk_drawing_area_set_draw_func (self->pace_areas_chart, draw_chart, self, NULL);
  gtk_drawing_area_set_draw_func (self->pace_agencies_chart, draw_chart, self, NULL);

  make_clickable (self, self->areas_chart, G_CALLBACK (on_areas_chart_pressed),
                  _("Click an area to show it in the outline"));
  make_clickable (self, self->agencies_chart, G_CALLBACK (on_agencies_chart_pressed),
                  _("Click an agency to show its items in the outline"));
  make_clickable (self, self->status_chart, G_CALLBACK (on_status_chart_pressed),
                  _("Click a status to show its items in the outline"));
  make_clickable (self, self->trend_chart, G_CALLBACK (on_trend_chart_pressed),
                  _("Click a month to show what was done in it in the outline"));
  make_clickable (self, self->pace_areas_chart, G_CALLBACK (on_pace_chart_pressed),
                  _("Click a part of a bar to show those items in the outline"));
  make_clickable (self, self->pace_agencies_chart, G_CALLBACK (on_pace_chart_pressed),
                  _("Click a part of a bar to show those items in the outline"));
}

/* Their heights follow the number of bars, and the text size. */
void
_wp_progress_size_charts (WpProgressView *self,
                          WpPlanStats    *stats)
{
  double k = chart_scale (GTK_WIDGET (self));

  gtk_drawing_area_set_content_height (self->status_chart, (int) (150 * k));
  gtk_drawing_area_set_content_height (self->trend_chart, (int) (150 * k));
  gtk_drawing_area_set_content_height (self->areas_chart,
                                       (int) (wp_chart_bars_height (stats->areas->len) * k));
  gtk_drawing_area_set_content_height (self->agencies_chart,
                                       (int) (wp_chart_bars_height (MIN (stats->agencies->len,
                                                                         MAX_AGENCIES))
                                              * k));
}

/* The breakdown against the milestones, when any is due */
void
_wp_progress_size_pace_charts (WpProgressView *self,
                               WpPlanStats    *stats)
{
  double k = chart_scale (GTK_WIDGET (self));

  gtk_drawing_area_set_content_height (self->pace_areas_chart,
                                       (int) (wp_chart_pace_height (stats->areas->len) * k));
  gtk_drawing_area_set_content_height (self->pace_agencies_chart,
                                       (int) (wp_chart_pace_height (
                                                MIN (stats->agencies->len, MAX_AGENCIES))
                                              * k));
  describe_pace_chart (self->pace_areas_chart, stats->areas, G_MAXUINT);
  describe_pace_chart (self->pace_agencies_chart, stats->agencies, MAX_AGENCIES);
}

void
_wp_progress_redraw_charts (WpProgressView *self)
{
  GtkDrawingArea *charts[] = {
    self->status_chart, self->trend_chart, self->areas_chart, self->agencies_chart,
    self->pace_areas_chart, self->pace_agencies_chart,
  };

  for (guint i = 0; i < G_N_ELEMENTS (charts); i++)
    gtk_widget_queue_draw (GTK_WIDGET (charts[i]));
}
