/* wp-reporting-view.c: the reporting view (报送)
 *
 * Who has reported in each period of the year so far: a grid of the lead
 * agencies by period (reported, partly, not reported, with counts); under
 * it, the shown period's items not reported, per agency, each with a
 * button that copies its 催报, and the items behind their milestones.
 * Selecting an agency lists its items beside the grid; a period's heading
 * shows that period below. "Draft Bulletin" opens the period's 通报 to
 * edit and copy. The counts and texts come from the core (wp-reporting.c).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "wp-reporting.h"
#include "wp-reporting-view.h"
#include "wp-view-refresh.h"
#include "wp-view.h"
#include "wp-message-dialog.h"

/* The width of a period's column in the grid */
#define CELL_WIDTH 64

struct _WpReportingView
{
  AdwBin          parent_instance;

  WpViewBinding   binding;
  GPtrArray      *reports;   /* WpPeriodReport, the year's periods up to the current one */
  guint           shown;     /* the period shown below the grid */
  char           *selected;  /* the agency whose items are listed, or NULL */
  WpViewRefresh   refresh;
  GtkSizeGroup   *names;     /* the first column, in the header and every row */

  GtkStack       *stack;
  GtkLabel       *heading;
  GtkLabel       *caption;
  GtkButton      *bulletin_button;
  GtkBox         *grid_header;
  GtkListBox     *grid;
  GtkLabel       *missing_heading;
  GtkListBox     *missing_list;
  GtkListBox     *behind_list;
  GtkStack       *detail_stack;
  GtkLabel       *detail_title;
  GtkLabel       *detail_caption;
  GtkButton      *detail_reminder_button;
  GtkListBox     *detail_list;
};

static void wp_reporting_view_view_init (WpViewInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (WpReportingView, wp_reporting_view, ADW_TYPE_BIN,
                               G_IMPLEMENT_INTERFACE (WP_TYPE_VIEW, wp_reporting_view_view_init))

static void show_details (WpReportingView *self);

static WpPeriodReport *
shown_report (WpReportingView *self)
{
  if (self->reports == NULL || self->shown >= self->reports->len)
    return NULL;
  return g_ptr_array_index (self->reports, self->shown);
}

static void
remove_all (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);
}

/* "甲、乙" of the titles of @ids */
static char *
join_titles (const WpPeriodReport *report,
             const GArray         *ids)
{
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint i = 0; i < ids->len; i++)
    {
      if (i > 0)
        g_string_append (out, _(", "));
      g_string_append (out, wp_period_report_get_title (report, g_array_index (ids, gint64, i)));
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static gboolean
ids_contain (const GArray *ids,
             gint64        id)
{
  for (guint i = 0; i < ids->len; i++)
    if (g_array_index (ids, gint64, i) == id)
      return TRUE;
  return FALSE;
}

/* Copying */

/**
 * wp_reporting_view_copy_reminder:
 *
 * Puts the 催报 of @agency for the period shown on the clipboard.
 *
 * Returns: whether it had one (items not reported)
 */
gboolean
wp_reporting_view_copy_reminder (WpReportingView *self,
                                 const char      *agency)
{
  WpPeriodReport *report = shown_report (self);
  const WpAgencyReport *a = report != NULL ? wp_period_report_find_agency (report, agency)
                                           : NULL;
  g_autofree char *text = a != NULL ? wp_period_report_compose_reminder (report, a) : NULL;

  if (text == NULL)
    return FALSE;
  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (self)), text);
  wp_view_toast (GTK_WIDGET (self), _("Reminder copied"), NULL);
  return TRUE;
}

static void
on_reminder_clicked (GtkButton       *button,
                     WpReportingView *self)
{
  wp_reporting_view_copy_reminder (self, g_object_get_data (G_OBJECT (button), "wp-agency"));
}

static void
on_bulletin_response (AdwMessageDialog *dialog,
                      const char       *response,
                      GtkTextBuffer    *buffer)
{
  GtkTextIter start, end;
  g_autofree char *text = NULL;
  GtkWidget *view = g_object_get_data (G_OBJECT (dialog), "wp-view");

  if (!g_str_equal (response, "copy") || view == NULL)
    return;
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  gdk_clipboard_set_text (gtk_widget_get_clipboard (view), text);
  wp_view_toast (view, _("Bulletin copied"), NULL);
}

/**
 * wp_reporting_view_draft_bulletin:
 *
 * Opens the 通报 of the period shown, to edit and copy.
 *
 * Returns: (transfer none) (nullable): the dialog
 */
GtkWidget *
wp_reporting_view_draft_bulletin (WpReportingView *self)
{
  WpPeriodReport *report = shown_report (self);
  g_autofree char *text = NULL;
  GtkWidget *dialog, *scrolled, *text_view;
  GtkTextBuffer *buffer;

  if (report == NULL)
    return NULL;
  text = wp_period_report_compose_bulletin (report);
  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                   _("Draft Bulletin"),
                                   _("Edit the draft as needed, then copy it into the message "
                                     "or document that goes out."));
  text_view = gtk_text_view_new ();
  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (text_view));
  gtk_text_buffer_set_text (buffer, text, -1);
  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (text_view), GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_left_margin (GTK_TEXT_VIEW (text_view), 8);
  gtk_text_view_set_right_margin (GTK_TEXT_VIEW (text_view), 8);
  gtk_text_view_set_top_margin (GTK_TEXT_VIEW (text_view), 8);
  gtk_text_view_set_bottom_margin (GTK_TEXT_VIEW (text_view), 8);
  gtk_accessible_update_property (GTK_ACCESSIBLE (text_view), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Draft Bulletin"), -1);
  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scrolled), 260);
  gtk_scrolled_window_set_min_content_width (GTK_SCROLLED_WINDOW (scrolled), 480);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), text_view);
  gtk_widget_add_css_class (scrolled, "card");
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), scrolled);
  wp_message_dialog_add_choice (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"),
                                "copy", _("C_opy"), ADW_RESPONSE_SUGGESTED);
  g_object_set_data_full (G_OBJECT (dialog), "wp-view", g_object_ref (self), g_object_unref);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_bulletin_response), buffer, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}

static void
on_bulletin_clicked (WpReportingView *self)
{
  wp_reporting_view_draft_bulletin (self);
}

/* The grid */

/* A count of the grid: its state as a colour, the figures as text */
static GtkWidget *
cell_new (const WpPeriodReport *report,
          const WpAgencyReport *agency)
{
  g_autofree char *text = NULL;
  g_autofree char *period = wp_report_period_short_label (&report->period);
  g_autofree char *description = NULL;
  GtkWidget *cell;

  if (agency->n_due == 0)
    {
      text = g_strdup ("—");
      /* Translators: a cell of the reporting grid, for screen readers: the period */
      description = g_strdup_printf (_("%s: nothing due"), period);
    }
  else
    {
      /* Translators: a cell of the reporting grid: items reported / items due */
      text = g_strdup_printf (C_("reporting grid", "%1$u/%2$u"), agency->n_reported,
                              agency->n_due);
      /* Translators: a cell of the reporting grid, for screen readers: the
       * period, items reported, items due */
      description = g_strdup_printf (_("%1$s: %2$u of %3$u reported"), period,
                                     agency->n_reported, agency->n_due);
    }
  cell = gtk_label_new (text);
  gtk_widget_set_size_request (cell, CELL_WIDTH, -1);
  gtk_widget_add_css_class (cell, "wp-report-cell");
  gtk_widget_add_css_class (cell, agency->n_due == 0 ? "wp-nothing-due"
                                  : agency->n_reported == agency->n_due ? "wp-reported"
                                  : agency->n_reported > 0 ? "wp-partly"
                                  : "wp-missing");
  gtk_widget_set_tooltip_text (cell, description);
  gtk_accessible_update_property (GTK_ACCESSIBLE (cell), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  description, -1);
  return cell;
}

static GtkWidget *
grid_row_new (WpReportingView *self,
              guint            index)
{
  const WpAgencyReport *first = g_ptr_array_index (((WpPeriodReport *) g_ptr_array_index (
                                                      self->reports, 0))->agencies, index);
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  GtkWidget *name = gtk_label_new (first->name);

  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_label_set_ellipsize (GTK_LABEL (name), PANGO_ELLIPSIZE_END);
  gtk_label_set_width_chars (GTK_LABEL (name), 12);
  gtk_label_set_max_width_chars (GTK_LABEL (name), 16);
  gtk_widget_set_tooltip_text (name, first->name);
  gtk_widget_add_css_class (name, "wp-report-agency");
  gtk_size_group_add_widget (self->names, name);
  gtk_box_append (GTK_BOX (box), name);
  for (guint p = 0; p < self->reports->len; p++)
    {
      WpPeriodReport *report = g_ptr_array_index (self->reports, p);
      GtkWidget *cell = cell_new (report, g_ptr_array_index (report->agencies, index));

      if (p == self->shown)
        gtk_widget_add_css_class (cell, "wp-shown-period");
      gtk_box_append (GTK_BOX (box), cell);
    }
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  g_object_set_data_full (G_OBJECT (row), "wp-agency", g_strdup (first->name), g_free);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  first->name, -1);
  return row;
}

static void show_period (WpReportingView *self,
                         guint            index);

static void
on_period_clicked (GtkButton       *button,
                   WpReportingView *self)
{
  show_period (self, GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "wp-period")));
}

static void
fill_grid (WpReportingView *self)
{
  WpPeriodReport *first = g_ptr_array_index (self->reports, 0);
  GtkWidget *child, *corner;
  GtkListBoxRow *selected = NULL;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->grid_header))) != NULL)
    gtk_box_remove (self->grid_header, child);
  corner = gtk_label_new (_("Agency"));
  gtk_label_set_xalign (GTK_LABEL (corner), 0);
  gtk_size_group_add_widget (self->names, corner);
  gtk_box_append (self->grid_header, corner);
  for (guint p = 0; p < self->reports->len; p++)
    {
      WpPeriodReport *report = g_ptr_array_index (self->reports, p);
      g_autofree char *label = wp_report_period_short_label (&report->period);
      g_autofree char *full = wp_report_period_label (&report->period);
      GtkWidget *button = gtk_button_new_with_label (label);

      gtk_widget_set_size_request (button, CELL_WIDTH, -1);
      gtk_widget_add_css_class (button, "flat");
      if (p == self->shown)
        gtk_widget_add_css_class (button, "wp-shown-period");
      /* Translators: the tooltip of a period's heading in the reporting grid */
      g_autofree char *tip = g_strdup_printf (_("Show %s below"), full);
      gtk_widget_set_tooltip_text (button, tip);
      g_object_set_data (G_OBJECT (button), "wp-period", GUINT_TO_POINTER (p));
      g_signal_connect (button, "clicked", G_CALLBACK (on_period_clicked), self);
      gtk_box_append (self->grid_header, button);
    }

  remove_all (self->grid);
  for (guint i = 0; i < first->agencies->len; i++)
    {
      GtkWidget *row = grid_row_new (self, i);

      gtk_list_box_append (self->grid, row);
      if (g_strcmp0 (self->selected, g_object_get_data (G_OBJECT (row), "wp-agency")) == 0)
        selected = GTK_LIST_BOX_ROW (row);
    }
  /* (the selection survives edits and another period shown) */
  g_signal_handlers_block_by_func (self->grid, show_details, self);
  gtk_list_box_select_row (self->grid, selected);
  g_signal_handlers_unblock_by_func (self->grid, show_details, self);
}

/* The period shown: the missing and behind lists */

static GtkWidget *
reminder_button_new (WpReportingView      *self,
                     const WpAgencyReport *agency)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (_("_Copy Reminder"));

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, _("Copy a reminder naming the items not reported, to "
                                         "paste into a message"));
  g_object_set_data_full (G_OBJECT (button), "wp-agency", g_strdup (agency->name), g_free);
  g_signal_connect (button, "clicked", G_CALLBACK (on_reminder_clicked), self);
  return button;
}

static GtkWidget *
placeholder_row_new (const char *text)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), text);
  gtk_widget_add_css_class (row, "dim-label");
  return row;
}

/* An agency in the list of items not reported, or of those behind their
 * milestones: its name, how many, and their titles */
static GtkWidget *
agency_items_row_new (const WpPeriodReport *report,
                      const WpAgencyReport *a,
                      const GArray         *items)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *titles = join_titles (report, items);
  /* Translators: an agency in the list of items not reported (or behind
   * schedule): its name, and how many of its items are */
  g_autofree char *title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                         "%1$s · %2$u item",
                                                         "%1$s · %2$u items",
                                                         items->len),
                                            a->name, items->len);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), titles);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 3);
  return row;
}

static void
fill_lists (WpReportingView *self)
{
  WpPeriodReport *report = shown_report (self);
  g_autofree char *label = wp_report_period_label (&report->period);
  g_autofree char *due = wp_date_format_display (&report->period.due);
  g_autofree char *heading = NULL;
  g_autofree char *caption = NULL;
  guint n_agencies = 0, n_late = 0, n_behind = 0;

  for (guint i = 0; i < report->agencies->len; i++)
    {
      const WpAgencyReport *a = g_ptr_array_index (report->agencies, i);

      n_agencies += a->n_due > 0;
      n_late += a->missing->len > 0;
      n_behind += a->behind->len > 0;
    }
  /* Translators: the reporting view's heading; %s is the period, e.g. 2025年6月 */
  heading = g_strdup_printf (_("Reports of %s"), label);
  gtk_label_set_text (self->heading, heading);
  /* Translators: under the reporting view's heading: the due day, then
   * how many agencies owe reports and how many have not sent them all */
  caption = g_strdup_printf (_("Due by %1$s · %2$u agencies due to report · %3$u not reported "
                               "in full"), due, n_agencies, n_late);
  gtk_label_set_text (self->caption, caption);
  /* Translators: the heading of the list of items not reported; %s is the period */
  g_clear_pointer (&heading, g_free);
  heading = g_strdup_printf (_("Not Reported in %s"), label);
  gtk_label_set_text (self->missing_heading, heading);

  remove_all (self->missing_list);
  remove_all (self->behind_list);
  for (guint i = 0; i < report->agencies->len; i++)
    {
      const WpAgencyReport *a = g_ptr_array_index (report->agencies, i);

      if (a->missing->len > 0)
        {
          GtkWidget *row = agency_items_row_new (report, a, a->missing);

          adw_action_row_add_suffix (ADW_ACTION_ROW (row), reminder_button_new (self, a));
          g_object_set_data_full (G_OBJECT (row), "wp-agency", g_strdup (a->name), g_free);
          gtk_list_box_append (self->missing_list, row);
        }
      if (a->behind->len > 0)
        gtk_list_box_append (self->behind_list, agency_items_row_new (report, a, a->behind));
    }
  if (n_late == 0)
    gtk_list_box_append (self->missing_list,
                         placeholder_row_new (_("Every agency has reported on all its items.")));
  if (n_behind == 0)
    gtk_list_box_append (self->behind_list,
                         placeholder_row_new (_("No item is behind its milestone.")));
}

/* The selected agency's items */

static void
on_item_row_activated (GtkListBox    *list,
                       GtkListBoxRow *row,
                       gpointer       data)
{
  gint64 *id = g_object_get_data (G_OBJECT (row), "wp-item-id");

  if (id != NULL)
    gtk_widget_activate_action (GTK_WIDGET (list), "win.show-item", "x", *id);
}

static GtkWidget *
tag_new (const char *text,
         const char *css_class)
{
  GtkWidget *tag = gtk_label_new (text);

  gtk_widget_set_valign (tag, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (tag, "wp-report-tag");
  gtk_widget_add_css_class (tag, css_class);
  return tag;
}

static GtkWidget *
item_row_new (const WpPeriodReport *report,
              const WpAgencyReport *agency,
              gint64                id)
{
  GtkWidget *row = adw_action_row_new ();
  gboolean due = ids_contain (agency->due, id);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                 wp_period_report_get_title (report, id));
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 3);
  if (ids_contain (agency->behind, id))
    adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                               tag_new (C_("reporting", "Behind"), "wp-partly"));
  if (due && ids_contain (agency->missing, id))
    adw_action_row_add_suffix (ADW_ACTION_ROW (row), tag_new (_("Not reported"), "wp-missing"));
  else if (due)
    adw_action_row_add_suffix (ADW_ACTION_ROW (row), tag_new (_("Reported"), "wp-reported"));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  g_object_set_data_full (G_OBJECT (row), "wp-item-id", g_memdup2 (&id, sizeof id), g_free);
  return row;
}

static void
show_details (WpReportingView *self)
{
  GtkListBoxRow *row = gtk_list_box_get_selected_row (self->grid);
  WpPeriodReport *report = shown_report (self);
  const WpAgencyReport *a;
  g_autofree char *caption = NULL;
  g_autofree char *label = NULL;

  g_free (self->selected);
  self->selected = row != NULL ? g_strdup (g_object_get_data (G_OBJECT (row), "wp-agency"))
                               : NULL;
  a = report != NULL && self->selected != NULL
      ? wp_period_report_find_agency (report, self->selected) : NULL;
  if (a == NULL)
    {
      gtk_stack_set_visible_child_name (self->detail_stack, "none");
      return;
    }

  label = wp_report_period_label (&report->period);
  gtk_label_set_text (self->detail_title, a->name);
  /* Translators: the selected agency in the reporting view: the period,
   * items reported, items due */
  caption = g_strdup_printf (_("%1$s: %2$u of %3$u reported"), label, a->n_reported, a->n_due);
  gtk_label_set_text (self->detail_caption, caption);
  g_object_set_data_full (G_OBJECT (self->detail_reminder_button), "wp-agency",
                          g_strdup (a->name), g_free);
  gtk_widget_set_sensitive (GTK_WIDGET (self->detail_reminder_button), a->missing->len > 0);

  remove_all (self->detail_list);
  for (guint i = 0; i < a->due->len; i++)
    gtk_list_box_append (self->detail_list,
                         item_row_new (report, a, g_array_index (a->due, gint64, i)));
  /* (then what it leads above them that is behind: a key task's milestone) */
  for (guint i = 0; i < a->behind->len; i++)
    if (!ids_contain (a->due, g_array_index (a->behind, gint64, i)))
      gtk_list_box_append (self->detail_list,
                           item_row_new (report, a, g_array_index (a->behind, gint64, i)));
  if (a->due->len + a->behind->len == 0)
    gtk_list_box_append (self->detail_list,
                         placeholder_row_new (_("Nothing is due from this agency.")));
  gtk_stack_set_visible_child_name (self->detail_stack, "agency");
}

static void
show_period (WpReportingView *self,
             guint            index)
{
  if (self->reports == NULL || index >= self->reports->len)
    return;
  self->shown = index;
  fill_grid (self);
  fill_lists (self);
  show_details (self);
}

/* Reading */

static void
refresh (WpReportingView *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) periods = NULL;
  g_autoptr(GPtrArray) reports = NULL;
  WpPlanSettings settings = WP_PLAN_SETTINGS_INIT;
  WpStore *store;
  const GDate *today;
  guint n = 0;
  gboolean was_current;

  wp_view_refresh_cancel (&self->refresh);
  /* (none once disposed, with its widgets) */
  if (self->binding.context == NULL)
    return;
  if ((store = wp_context_get_store (self->binding.context)) == NULL || self->binding.plan == NULL)
    {
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }

  if (!wp_store_get_plan_settings (store, wp_plan_get_id (self->binding.plan), &settings, &error))
    {
      wp_view_toast (GTK_WIDGET (self), error->message, NULL);
      return;
    }
  /* The periods of the year up to the one the reference day is in */
  periods = wp_report_periods_of_year (wp_plan_get_year (self->binding.plan), &settings);
  today = wp_store_get_reference_date (store);
  while (n < periods->len
         && g_date_compare (&g_array_index (periods, WpReportPeriod, n).from, today) <= 0)
    n++;
  n = MAX (n, 1);
  reports = wp_period_report_compute_many (store, wp_plan_get_id (self->binding.plan),
                                           (WpReportPeriod *) periods->data, n, &error);
  if (reports == NULL)
    {
      wp_view_toast (GTK_WIDGET (self), error->message, NULL);
      return;
    }

  was_current = self->reports == NULL || self->shown + 1 >= self->reports->len;
  g_clear_pointer (&self->reports, g_ptr_array_unref);
  self->reports = g_steal_pointer (&reports);
  if (((WpPeriodReport *) g_ptr_array_index (self->reports, 0))->agencies->len == 0)
    {
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }
  /* (the current period, unless another was chosen and is still there) */
  show_period (self, was_current ? self->reports->len - 1
                                 : MIN (self->shown, self->reports->len - 1));
  gtk_stack_set_visible_child_name (self->stack, "reports");
}

/**
 * wp_reporting_view_select_agency:
 *
 * Selects @name in the grid and lists its items.
 *
 * Returns: whether the grid has it
 */
gboolean
wp_reporting_view_select_agency (WpReportingView *self,
                                 const char      *name)
{
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->grid)); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    if (GTK_IS_LIST_BOX_ROW (row)
        && g_strcmp0 (g_object_get_data (G_OBJECT (row), "wp-agency"), name) == 0)
      {
        gtk_list_box_select_row (self->grid, GTK_LIST_BOX_ROW (row));
        return TRUE;
      }
  return FALSE;
}

/* For the tests: refresh at once instead of when idle */
void
wp_reporting_view_refresh_now (WpReportingView *self)
{
  g_return_if_fail (WP_IS_REPORTING_VIEW (self));
  refresh (self);
}

static void
queue_refresh (WpReportingView *self)
{
  wp_view_refresh_queue (&self->refresh);
}

static void
on_context_changed (WpReportingView *self)
{
  wp_view_refresh_follow (&self->refresh, self->binding.context);
}
static void
wp_reporting_view_dispose (GObject *object)
{
  WpReportingView *self = WP_REPORTING_VIEW (object);

  wp_view_refresh_cancel (&self->refresh);
  /* (the grid's rows go with the template, and its selection with them) */
  if (self->grid != NULL)
    g_signal_handlers_disconnect_by_func (self->grid, show_details, self);
  g_clear_pointer (&self->reports, g_ptr_array_unref);
  g_clear_pointer (&self->selected, g_free);
  g_clear_object (&self->names);
  wp_view_binding_clear (&self->binding, self);

  G_OBJECT_CLASS (wp_reporting_view_parent_class)->dispose (object);
}

static void
wp_reporting_view_view_init (WpViewInterface *iface)
{
  iface->name = "reporting";
  iface->title = NC_("view", "Reporting");
  iface->icon_name = "mail-send-symbolic";
}

static void
wp_reporting_view_class_init (WpReportingViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = wp_reporting_view_dispose;
  WP_VIEW_CLASS_BIND (klass, WpReportingView, on_context_changed, queue_refresh);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/workplan/Workplan/"
                                               "wp-reporting-view.ui");
  gtk_widget_class_bind_template_child (widget_class, WpReportingView, stack);
  gtk_widget_class_bind_template_child (widget_class, WpReportingView, heading);
  gtk_widget_class_bind_template_child (widget_class, WpReportingView, caption);
  gtk_widget_class_bind_template_child (widget_class, WpReportingView, bulletin_button);
  gtk_widget_class_bind_template_child (widget_class, WpReportingView, grid_header);
  gtk_widget_class_bind_template_child (widget_class, WpReportingView, grid);
  gtk_widget_class_bind_template_child (widget_class, WpReportingView, missing_heading);
  gtk_widget_class_bind_template_child (widget_class, WpReportingView, missing_list);
  gtk_widget_class_bind_template_child (widget_class, WpReportingView, behind_list);
  gtk_widget_class_bind_template_child (widget_class, WpReportingView, detail_stack);
  gtk_widget_class_bind_template_child (widget_class, WpReportingView, detail_title);
  gtk_widget_class_bind_template_child (widget_class, WpReportingView, detail_caption);
  gtk_widget_class_bind_template_child (widget_class, WpReportingView, detail_reminder_button);
  gtk_widget_class_bind_template_child (widget_class, WpReportingView, detail_list);
}

static void
wp_reporting_view_init (WpReportingView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  wp_view_refresh_init (&self->refresh, GTK_WIDGET (self), (WpRefreshFunc) refresh,
                        G_PRIORITY_DEFAULT_IDLE);
  self->names = gtk_size_group_new (GTK_SIZE_GROUP_HORIZONTAL);
  g_signal_connect_swapped (self->bulletin_button, "clicked", G_CALLBACK (on_bulletin_clicked),
                            self);
  g_signal_connect_swapped (self->grid, "selected-rows-changed", G_CALLBACK (show_details), self);
  g_signal_connect (self->detail_reminder_button, "clicked", G_CALLBACK (on_reminder_clicked),
                    self);
  g_signal_connect (self->detail_list, "row-activated", G_CALLBACK (on_item_row_activated), NULL);
}
