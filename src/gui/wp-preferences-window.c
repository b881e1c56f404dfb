/* wp-preferences-window.c: a plan's light rules and reporting cycle
 *
 * Offices publish their own rules (how many days before a deadline is
 * "due soon", how far behind is yellow or red) and their own reporting
 * cycle, so these belong to the plan, not to the app: each change is one
 * undoable edit of the plan (wp_edit_set_plan_settings()), and the store
 * judges every light again at once. The window follows the plan, so an
 * undo made in the main window shows here too.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "wp-preferences-window.h"

struct _WpPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  WpContext            *context;
  WpPlan               *plan;
  GtkSpinButton        *due_soon_spin;
  GtkSpinButton        *yellow_spin;
  GtkSpinButton        *red_spin;
  AdwComboRow          *frequency_row;
  GtkSpinButton        *due_day_spin;
  GtkSwitch            *review_switch;
  gboolean              loading;
};

G_DEFINE_FINAL_TYPE (WpPreferencesWindow, wp_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

static void
show_error (WpPreferencesWindow *self,
            const GError        *error)
{
  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self),
                                    adw_toast_new (error->message));
}

/* Shows the plan's settings as stored. */
static void
load (WpPreferencesWindow *self)
{
  g_autoptr(GError) error = NULL;
  WpPlanSettings settings = WP_PLAN_SETTINGS_INIT;

  if (!wp_store_get_plan_settings (wp_context_get_store (self->context),
                                   wp_plan_get_id (self->plan), &settings, &error))
    show_error (self, error);
  self->loading = TRUE;
  gtk_spin_button_set_value (self->due_soon_spin, settings.due_soon_days);
  gtk_spin_button_set_value (self->yellow_spin, settings.yellow_points);
  gtk_spin_button_set_value (self->red_spin, settings.red_points);
  adw_combo_row_set_selected (self->frequency_row, settings.report_frequency);
  gtk_spin_button_set_value (self->due_day_spin, settings.report_due_day);
  gtk_switch_set_active (self->review_switch, settings.review_closeout);
  self->loading = FALSE;
}

/* A field took a new value: the plan's settings, all of them as shown,
 * are saved as one edit; refused, the fields show what is stored. */
static void
on_changed (WpPreferencesWindow *self)
{
  g_autoptr(GError) error = NULL;
  WpPlanSettings settings = WP_PLAN_SETTINGS_INIT;
  WpPlanSettings stored = WP_PLAN_SETTINGS_INIT;
  WpUndoStack *undo = wp_context_get_undo_stack (self->context);
  guint frequency = adw_combo_row_get_selected (self->frequency_row);

  if (self->loading || undo == NULL)
    return;
  settings.due_soon_days = gtk_spin_button_get_value_as_int (self->due_soon_spin);
  settings.yellow_points = gtk_spin_button_get_value_as_int (self->yellow_spin);
  settings.red_points = gtk_spin_button_get_value_as_int (self->red_spin);
  settings.report_frequency = frequency <= WP_REPORT_QUARTERLY ? frequency : WP_REPORT_MONTHLY;
  settings.report_due_day = gtk_spin_button_get_value_as_int (self->due_day_spin);
  settings.review_closeout = gtk_switch_get_active (self->review_switch);

  /* (a value typed back as it was is no edit to undo) */
  if (wp_store_get_plan_settings (wp_context_get_store (self->context),
                                  wp_plan_get_id (self->plan), &stored, NULL)
      && stored.due_soon_days == settings.due_soon_days
      && stored.yellow_points == settings.yellow_points
      && stored.red_points == settings.red_points
      && stored.report_frequency == settings.report_frequency
      && stored.report_due_day == settings.report_due_day
      && !stored.review_closeout == !settings.review_closeout)
    return;
  if (!wp_edit_set_plan_settings (undo, wp_plan_get_id (self->plan), &settings, &error))
    {
      show_error (self, error);
      load (self);
    }
}

static void
on_plans_changed (WpPreferencesWindow *self)
{
  g_autoptr(WpPlan) plan = wp_store_get_plan (wp_context_get_store (self->context),
                                              wp_plan_get_id (self->plan), NULL);

  /* (the plan deleted: nothing left to set) */
  if (plan == NULL)
    {
      gtk_window_close (GTK_WINDOW (self));
      return;
    }
  load (self);
}

static GtkSpinButton *
add_spin_row (WpPreferencesWindow *self,
              AdwPreferencesGroup *group,
              const char          *title,
              const char          *subtitle,
              int                  lower,
              int                  upper)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *spin = gtk_spin_button_new_with_range (lower, upper, 1);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
  gtk_spin_button_set_numeric (GTK_SPIN_BUTTON (spin), TRUE);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (spin), GTK_ACCESSIBLE_RELATION_LABELLED_BY,
                                  row, NULL, -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), spin);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), spin);
  g_signal_connect_swapped (spin, "value-changed", G_CALLBACK (on_changed), self);
  adw_preferences_group_add (group, row);
  return GTK_SPIN_BUTTON (spin);
}

static void
build (WpPreferencesWindow *self)
{
  GtkWidget *page = adw_preferences_page_new ();
  GtkWidget *lights = adw_preferences_group_new ();
  GtkWidget *reporting = adw_preferences_group_new ();
  g_autofree char *lights_title = NULL;
  g_autoptr(GtkStringList) frequencies = NULL;
  GtkWidget *review_row;

  adw_preferences_page_set_title (ADW_PREFERENCES_PAGE (page), _("Plan"));
  adw_preferences_page_set_icon_name (ADW_PREFERENCES_PAGE (page), "x-office-calendar-symbolic");

  /* Translators: the heading of a plan's light rules, e.g. "Status Lights of the 2025 Plan" */
  lights_title = g_strdup_printf (_("Status Lights of the %d Plan"), wp_plan_get_year (self->plan));
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (lights), lights_title);
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (lights),
    _("Each plan keeps the rules its office publishes. Progress is measured against the "
      "milestone of the last quarter ended, or else against the share of the year gone by."));
  self->due_soon_spin = add_spin_row (self, ADW_PREFERENCES_GROUP (lights),
                                      _("Days before the deadline"),
                                      _("Yellow when the deadline is this many days away or "
                                        "fewer"),
                                      0, 366);
  self->yellow_spin = add_spin_row (self, ADW_PREFERENCES_GROUP (lights),
                                    _("Yellow when behind by"),
                                    _("Percentage points of progress or more"), 0, 100);
  self->red_spin = add_spin_row (self, ADW_PREFERENCES_GROUP (lights),
                                 _("Red when behind a milestone by more than"),
                                 _("Percentage points of progress; overdue items are red "
                                   "too"),
                                 0, 100);
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (lights));

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (reporting), _("Reporting"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (reporting),
    _("How often the lead agencies report progress on their open items, and by which day."));
  self->frequency_row = ADW_COMBO_ROW (adw_combo_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->frequency_row),
                                 _("Reporting frequency"));
  /* (in the order of WpReportFrequency) */
  frequencies = gtk_string_list_new ((const char *[]) {
    _("Monthly"), _("Twice a month"), _("Quarterly"), NULL });
  adw_combo_row_set_model (self->frequency_row, G_LIST_MODEL (frequencies));
  g_signal_connect_swapped (self->frequency_row, "notify::selected", G_CALLBACK (on_changed),
                            self);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (reporting), GTK_WIDGET (self->frequency_row));
  self->due_day_spin = add_spin_row (self, ADW_PREFERENCES_GROUP (reporting),
                                     _("Reporting day"),
                                     _("Agencies report by this day of the month; in a short "
                                       "month, by its last day"),
                                     1, 31);

  review_row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (review_row),
                                 _("Review before close-out"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (review_row),
                               _("Items marked done wait as awaiting close-out until someone "
                                 "confirms them"));
  self->review_switch = GTK_SWITCH (gtk_switch_new ());
  gtk_widget_set_valign (GTK_WIDGET (self->review_switch), GTK_ALIGN_CENTER);
  adw_action_row_add_suffix (ADW_ACTION_ROW (review_row), GTK_WIDGET (self->review_switch));
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (review_row),
                                         GTK_WIDGET (self->review_switch));
  g_signal_connect_swapped (self->review_switch, "notify::active", G_CALLBACK (on_changed),
                            self);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (reporting), review_row);
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (reporting));

  adw_preferences_window_add (ADW_PREFERENCES_WINDOW (self), ADW_PREFERENCES_PAGE (page));
}

static void
wp_preferences_window_dispose (GObject *object)
{
  WpPreferencesWindow *self = WP_PREFERENCES_WINDOW (object);

  g_clear_object (&self->plan);
  g_clear_object (&self->context);
  G_OBJECT_CLASS (wp_preferences_window_parent_class)->dispose (object);
}

static void
wp_preferences_window_class_init (WpPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = wp_preferences_window_dispose;
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
wp_preferences_window_init (WpPreferencesWindow *self)
{
  gtk_window_set_title (GTK_WINDOW (self), _("Preferences"));
  gtk_window_set_default_size (GTK_WINDOW (self), 560, 640);
  adw_preferences_window_set_search_enabled (ADW_PREFERENCES_WINDOW (self), FALSE);
}

/**
 * wp_preferences_window_new:
 * @plan: the plan whose rules are shown and set
 */
WpPreferencesWindow *
wp_preferences_window_new (GtkWindow *parent,
                           WpContext *context,
                           WpPlan    *plan)
{
  WpPreferencesWindow *self;

  g_return_val_if_fail (WP_IS_CONTEXT (context) && wp_context_get_store (context) != NULL, NULL);
  g_return_val_if_fail (WP_IS_PLAN (plan), NULL);

  self = g_object_new (WP_TYPE_PREFERENCES_WINDOW, "modal", TRUE, "transient-for", parent,
                       "hide-on-close", FALSE, NULL);
  self->context = g_object_ref (context);
  self->plan = g_object_ref (plan);
  build (self);
  load (self);
  g_signal_connect_object (wp_context_get_store (context), "plans-changed",
                           G_CALLBACK (on_plans_changed), self, G_CONNECT_SWAPPED);
  return self;
}
