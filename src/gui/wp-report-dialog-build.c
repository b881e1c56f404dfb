/* wp-report-dialog-build.c: the widgets of the report review
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "wp-report-dialog-private.h"

/* Building the dialog */

static GtkWidget *
heading_label (const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "heading");
  return label;
}

static GtkWidget *
field_label (const char *mnemonic,
             GtkWidget  *field)
{
  GtkWidget *label = gtk_label_new_with_mnemonic (mnemonic);

  gtk_label_set_xalign (GTK_LABEL (label), 1);
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), field);
  return label;
}

static GtkEditable *
item_field (WpReportDialog *self,
            GtkGrid        *grid,
            int             row,
            const char     *mnemonic,
            const char     *name,
            const char     *property)
{
  GtkWidget *entry = gtk_entry_new ();

  gtk_widget_set_name (entry, name);
  gtk_widget_set_hexpand (entry, TRUE);
  g_object_set_data (G_OBJECT (entry), "wp-property", (gpointer) property);
  g_signal_connect (entry, "changed", G_CALLBACK (_wp_report_dialog_on_item_field_changed), self);
  gtk_grid_attach (grid, field_label (mnemonic, entry), 0, row, 1, 1);
  gtk_grid_attach (grid, entry, 1, row, 1, 1);
  return GTK_EDITABLE (entry);
}

static GtkWidget *
tool_button (const char *icon,
             const char *label,
             const char *tooltip,
             const char *action)
{
  GtkWidget *button = gtk_button_new ();
  GtkWidget *content = adw_button_content_new ();

  adw_button_content_set_icon_name (ADW_BUTTON_CONTENT (content), icon);
  adw_button_content_set_label (ADW_BUTTON_CONTENT (content), label);
  adw_button_content_set_use_underline (ADW_BUTTON_CONTENT (content), TRUE);
  gtk_button_set_child (GTK_BUTTON (button), content);
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  return button;
}

static void
on_destination_toggled (GtkCheckButton *button,
                        WpReportDialog *self)
{
  gboolean into = gtk_check_button_get_active (self->into_current);

  gtk_widget_set_sensitive (GTK_WIDGET (self->into_area), into);
  /* (the year, title and organisation are those of a new plan) */
  gtk_widget_set_sensitive (GTK_WIDGET (self->year), !into);
  gtk_widget_set_sensitive (GTK_WIDGET (self->title), !into);
  gtk_widget_set_sensitive (GTK_WIDGET (self->organization), !into);
  if (into)
    gtk_widget_set_visible (GTK_WIDGET (self->year_warning), FALSE);
  else
    _wp_report_dialog_on_year_changed (self->year, self);
}

/* "New plan" or "Add to the current plan, under: [as new areas | area]" */
static GtkWidget *
build_destination (WpReportDialog *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *new_plan = gtk_check_button_new_with_mnemonic (_("_New plan"));
  GtkWidget *into = NULL;
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  GtkWidget *areas;
  WpPlan *current = self->window != NULL ? _wp_window_get_selected_plan (self->window) : NULL;
  WpStore *store = _wp_report_dialog_store (self);
  g_autoptr(GPtrArray) children = NULL;
  g_autofree char *into_label = NULL;
  gint64 none = 0;

  self->area_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  /* Translators: where the report's work goes, in the report review */
  gtk_string_list_append (names, _("as new areas"));
  g_array_append_val (self->area_ids, none);
  if (current != NULL && store != NULL)
    children = wp_store_list_children (store, wp_plan_get_id (current), 0, NULL);
  for (guint i = 0; children != NULL && i < children->len; i++)
    {
      WpItem *area = g_ptr_array_index (children, i);
      gint64 id = wp_item_get_id (area);

      gtk_string_list_append (names, wp_item_get_title (area));
      g_array_append_val (self->area_ids, id);
    }
  into_label = current != NULL
               /* Translators: %d is the year of the plan the window shows */
               ? g_strdup_printf (_("_Add to the %d plan, under:"), wp_plan_get_year (current))
               : g_strdup (_("_Add to the current plan, under:"));
  into = gtk_check_button_new_with_mnemonic (into_label);
  gtk_check_button_set_group (GTK_CHECK_BUTTON (into), GTK_CHECK_BUTTON (new_plan));
  gtk_check_button_set_active (GTK_CHECK_BUTTON (new_plan), TRUE);
  gtk_widget_set_sensitive (into, current != NULL);
  gtk_widget_set_name (new_plan, "as-new-plan");
  gtk_widget_set_name (into, "into-current");
  areas = gtk_drop_down_new (G_LIST_MODEL (g_object_ref (names)), NULL);
  gtk_widget_set_name (areas, "into-area");
  gtk_widget_set_sensitive (areas, FALSE);
  gtk_widget_set_hexpand (areas, TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (areas), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("The area the report’s work goes under"), -1);
  gtk_box_append (GTK_BOX (box), new_plan);
  gtk_box_append (GTK_BOX (box), into);
  gtk_box_append (GTK_BOX (box), areas);
  self->as_new_plan = GTK_CHECK_BUTTON (new_plan);
  self->into_current = GTK_CHECK_BUTTON (into);
  self->into_area = GTK_DROP_DOWN (areas);
  g_signal_connect (into, "toggled", G_CALLBACK (on_destination_toggled), self);
  return box;
}

static GtkWidget *
build_plan_fields (WpReportDialog *self)
{
  GtkWidget *grid = gtk_grid_new ();
  GtkWidget *year = gtk_spin_button_new_with_range (1, 9999, 1);
  GtkWidget *title = gtk_entry_new ();
  GtkWidget *organization = gtk_entry_new ();
  GtkWidget *warning = gtk_label_new (NULL);

  gtk_grid_set_column_spacing (GTK_GRID (grid), 8);
  gtk_grid_set_row_spacing (GTK_GRID (grid), 6);
  gtk_spin_button_set_numeric (GTK_SPIN_BUTTON (year), TRUE);
  gtk_editable_set_width_chars (GTK_EDITABLE (year), 5);
  gtk_widget_set_name (year, "plan-year");
  gtk_widget_set_name (title, "plan-title");
  gtk_widget_set_name (organization, "plan-organization");
  gtk_widget_set_hexpand (title, TRUE);
  gtk_widget_set_hexpand (organization, TRUE);
  gtk_grid_attach (GTK_GRID (grid), field_label (_("_Year"), year), 0, 0, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), year, 1, 0, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), field_label (_("_Title"), title), 2, 0, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), title, 3, 0, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), field_label (_("_Organization"), organization), 4, 0, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), organization, 5, 0, 1, 1);
  gtk_label_set_xalign (GTK_LABEL (warning), 0);
  gtk_label_set_wrap (GTK_LABEL (warning), TRUE);
  gtk_widget_add_css_class (warning, "error");
  gtk_widget_set_visible (warning, FALSE);
  gtk_grid_attach (GTK_GRID (grid), warning, 1, 1, 5, 1);
  g_signal_connect (year, "value-changed", G_CALLBACK (_wp_report_dialog_on_year_changed), self);
  gtk_grid_attach (GTK_GRID (grid), build_destination (self), 0, 2, 6, 1);
  self->year = GTK_SPIN_BUTTON (year);
  self->title = GTK_EDITABLE (title);
  self->organization = GTK_EDITABLE (organization);
  self->year_warning = GTK_LABEL (warning);
  return grid;
}

static GtkWidget *
build_source_pane (WpReportDialog *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *view = gtk_text_view_new ();
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));
  GtkTextIter start;

  gtk_box_append (GTK_BOX (box), heading_label (_("The report")));
  gtk_text_view_set_editable (GTK_TEXT_VIEW (view), FALSE);
  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (view), GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_pixels_below_lines (GTK_TEXT_VIEW (view), 6);
  gtk_text_view_set_left_margin (GTK_TEXT_VIEW (view), 8);
  gtk_text_view_set_right_margin (GTK_TEXT_VIEW (view), 8);
  gtk_text_view_set_top_margin (GTK_TEXT_VIEW (view), 6);
  gtk_accessible_update_property (GTK_ACCESSIBLE (view), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("The report"), -1);
  self->span_tag = gtk_text_buffer_create_tag (buffer, "wp-span",
                                               "background", "rgba(53,132,228,0.25)",
                                               NULL);
  gtk_text_buffer_get_start_iter (buffer, &start);
  self->span_mark = gtk_text_buffer_create_mark (buffer, "wp-span", &start, TRUE);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), view);
  gtk_widget_set_vexpand (scrolled, TRUE);
  gtk_widget_add_css_class (scrolled, "card");
  gtk_box_append (GTK_BOX (box), scrolled);
  self->source_view = GTK_TEXT_VIEW (view);
  {
    GtkWidget *add = tool_button ("list-add-symbolic", _("_New Item from Selection"),
                                  _("Make an item of the words selected in the report"),
                                  "report.new-from-selection");

    gtk_widget_set_halign (add, GTK_ALIGN_START);
    gtk_box_append (GTK_BOX (box), add);
    g_signal_connect (buffer, "notify::has-selection", G_CALLBACK (_wp_report_dialog_on_source_selection), self);
  }
  return box;
}

static GtkWidget *
build_draft_pane (WpReportDialog *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *tools = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *grid = gtk_grid_new ();
  GtkEventController *keys = gtk_shortcut_controller_new ();
  GtkColumnView *view;

  gtk_box_append (GTK_BOX (box), heading_label (_("The draft plan")));
  self->outline = view = GTK_COLUMN_VIEW (gtk_column_view_new (
    GTK_SELECTION_MODEL (g_object_ref (self->selection))));
  gtk_column_view_set_show_row_separators (view, TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (view), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("The draft plan"), -1);
  _wp_report_dialog_add_check_column (self);
  _wp_report_dialog_add_column (self, _("Item"), NULL, -1);
  _wp_report_dialog_add_column (self, _("Lead agency"), "lead", 120);
  _wp_report_dialog_add_column (self, _("Supporting agencies"), "co", 150);
  _wp_report_dialog_add_column (self, _("Deadline"), "deadline", 84);
  /* Tab and Shift+Tab change the level, as in the plan's outline */
  gtk_shortcut_controller_add_shortcut (
    GTK_SHORTCUT_CONTROLLER (keys),
    gtk_shortcut_new (gtk_shortcut_trigger_parse_string ("Tab"),
                      gtk_named_action_new ("report.demote")));
  gtk_shortcut_controller_add_shortcut (
    GTK_SHORTCUT_CONTROLLER (keys),
    gtk_shortcut_new (gtk_shortcut_trigger_parse_string ("<Shift>Tab|<Shift>ISO_Left_Tab"),
                      gtk_named_action_new ("report.promote")));
  gtk_shortcut_controller_add_shortcut (
    GTK_SHORTCUT_CONTROLLER (keys),
    gtk_shortcut_new (gtk_shortcut_trigger_parse_string ("Delete|KP_Delete"),
                      gtk_named_action_new ("report.delete-item")));
  gtk_shortcut_controller_add_shortcut (
    GTK_SHORTCUT_CONTROLLER (keys),
    gtk_shortcut_new (gtk_shortcut_trigger_parse_string ("space"),
                      gtk_named_action_new ("report.toggle-included")));
  gtk_widget_add_controller (GTK_WIDGET (view), keys);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), GTK_WIDGET (view));
  gtk_widget_set_vexpand (scrolled, TRUE);
  gtk_widget_add_css_class (scrolled, "card");
  gtk_box_append (GTK_BOX (box), scrolled);

  gtk_box_append (GTK_BOX (tools),
                  tool_button ("go-previous-symbolic", _("_Up a Level"),
                               _("Make the item one level higher (Shift+Tab)"),
                               "report.promote"));
  gtk_box_append (GTK_BOX (tools),
                  tool_button ("go-next-symbolic", _("_Down a Level"),
                               _("Put the item under the one above it (Tab)"),
                               "report.demote"));
  gtk_box_append (GTK_BOX (tools),
                  tool_button ("user-trash-symbolic", C_("report review", "_Leave Out"),
                               _("Leave the item and what is under it out of the plan (Delete)"),
                               "report.delete-item"));
  gtk_box_append (GTK_BOX (box), tools);

  gtk_grid_set_column_spacing (GTK_GRID (grid), 8);
  gtk_grid_set_row_spacing (GTK_GRID (grid), 6);
  self->item_title = item_field (self, GTK_GRID (grid), 0, _("Item _title"), "item-title",
                                 "title");
  self->item_lead = item_field (self, GTK_GRID (grid), 1, _("L_ead agency"), "item-lead",
                                "lead");
  self->item_co = item_field (self, GTK_GRID (grid), 2, _("_Supporting agencies"), "item-co",
                              "co");
  self->item_deadline = item_field (self, GTK_GRID (grid), 3, _("Dead_line"), "item-deadline",
                                    "deadline");
  self->editor = grid;
  gtk_box_append (GTK_BOX (box), grid);
  return box;
}

GtkWidget *
_wp_report_dialog_build_review_page (WpReportDialog *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *paned = gtk_paned_new (GTK_ORIENTATION_HORIZONTAL);
  GtkWidget *source = build_source_pane (self);
  GtkWidget *draft = build_draft_pane (self);

  gtk_widget_set_margin_start (box, 18);
  gtk_widget_set_margin_end (box, 18);
  gtk_widget_set_margin_top (box, 12);
  gtk_widget_set_margin_bottom (box, 18);
  gtk_box_append (GTK_BOX (box), build_plan_fields (self));
  self->summary = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->summary, TRUE);
  gtk_label_set_xalign (self->summary, 0);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->summary));
  gtk_widget_set_margin_end (source, 6);
  gtk_widget_set_margin_start (draft, 6);
  gtk_paned_set_start_child (GTK_PANED (paned), source);
  gtk_paned_set_end_child (GTK_PANED (paned), draft);
  gtk_paned_set_shrink_start_child (GTK_PANED (paned), FALSE);
  gtk_paned_set_shrink_end_child (GTK_PANED (paned), FALSE);
  gtk_paned_set_position (GTK_PANED (paned), 380);
  gtk_widget_set_vexpand (paned, TRUE);
  gtk_box_append (GTK_BOX (box), paned);
  return box;
}

GtkWidget *
_wp_report_dialog_build_reading_page (WpReportDialog *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *bar = gtk_progress_bar_new ();
  g_autofree char *text = g_strdup_printf (_("Reading “%s”…"), self->name);
  GtkWidget *label = gtk_label_new (text);
  GtkWidget *hint = gtk_label_new (_("A long report takes a few seconds. Cancel stops it; "
                                     "nothing is written."));

  gtk_widget_set_valign (box, GTK_ALIGN_CENTER);
  /* (the share of the report read, as a percentage) */
  gtk_progress_bar_set_show_text (GTK_PROGRESS_BAR (bar), TRUE);
  gtk_widget_set_size_request (bar, 320, -1);
  gtk_widget_set_halign (bar, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (label, "title-2");
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_widget_add_css_class (hint, "dim-label");
  gtk_label_set_wrap (GTK_LABEL (hint), TRUE);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), bar);
  gtk_box_append (GTK_BOX (box), hint);
  self->bar = GTK_PROGRESS_BAR (bar);
  return box;
}
