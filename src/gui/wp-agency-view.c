/* wp-agency-view.c: the agency directory (单位)
 *
 * Every agency with what it leads and supports in the selected plan, how
 * much of that is done, under way and overdue, and a bar of its workload.
 * Activating an agency shows its cards on the board; its menu renames it
 * (with short name and kind) or merges it into another, both undoable.
 * The counts come from the core (wp_agency_loads_compute()).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "wp-tooltip.h"
#include "wp-agency-view.h"
#include "wp-row-text.h"
#include "wp-view-refresh.h"
#include "wp-view.h"
#include "wp-message-dialog.h"

struct _WpAgencyView
{
  AdwBin          parent_instance;

  WpViewBinding   binding;
  GPtrArray      *loads;      /* WpAgencyLoad, as shown */
  GHashTable     *aliases;    /* alias → the agency's name, for the filter */
  WpViewRefresh   refresh;

  GtkSearchEntry *filter_entry;
  GtkListBox     *list;
  GtkStack       *stack;
  AdwStatusPage  *empty_page;
};

static void wp_agency_view_view_init (WpViewInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (WpAgencyView, wp_agency_view, ADW_TYPE_BIN,
                               G_IMPLEMENT_INTERFACE (WP_TYPE_VIEW, wp_agency_view_view_init))

static const WpAgencyKind kinds[] = {
  WP_AGENCY_KIND_PARTY_COMMITTEE, WP_AGENCY_KIND_GOVERNMENT_BUREAU, WP_AGENCY_KIND_COURT,
  WP_AGENCY_KIND_PROCURATORATE, WP_AGENCY_KIND_PUBLIC_SECURITY, WP_AGENCY_KIND_DISTRICT,
  WP_AGENCY_KIND_OTHER,
};

/* The kind as the interface names it */
static const char *
kind_label (WpAgencyKind kind)
{
  switch (kind)
    {
    case WP_AGENCY_KIND_PARTY_COMMITTEE: return _("Party Committee Body");
    case WP_AGENCY_KIND_GOVERNMENT_BUREAU: return _("Government Department");
    case WP_AGENCY_KIND_COURT: return _("Court");
    case WP_AGENCY_KIND_PROCURATORATE: return _("Procuratorate");
    case WP_AGENCY_KIND_PUBLIC_SECURITY: return _("Public Security");
    case WP_AGENCY_KIND_DISTRICT: return _("District");
    case WP_AGENCY_KIND_OTHER:
    default: return _("Other");
    }
}

static WpAgencyLoad *
load_of_row (WpAgencyView  *self,
             GtkListBoxRow *row)
{
  gint64 *id = g_object_get_data (G_OBJECT (row), "wp-agency-id");

  for (guint i = 0; id != NULL && self->loads != NULL && i < self->loads->len; i++)
    {
      WpAgencyLoad *load = g_ptr_array_index (self->loads, i);

      if (wp_agency_get_id (load->agency) == *id)
        return load;
    }
  return NULL;
}

/* Edit: name, short name, kind */

typedef struct {
  WpAgencyView *view;
  gint64        agency_id;
  GtkEditable  *name;
  GtkEditable  *short_name;
  AdwComboRow  *kind;
} EditDialog;

static void
on_edit_response (AdwMessageDialog *dialog,
                  const char       *response,
                  EditDialog       *d)
{
  g_autoptr(GError) error = NULL;

  if (g_str_equal (response, "save"))
    {
      guint kind = adw_combo_row_get_selected (d->kind);
      WpUndoStack *undo = wp_context_get_undo_stack (d->view->binding.context);

      if (!wp_edit_update_agency (undo, d->agency_id,
                                  gtk_editable_get_text (d->name),
                                  gtk_editable_get_text (d->short_name),
                                  kind < G_N_ELEMENTS (kinds) ? kinds[kind]
                                                              : WP_AGENCY_KIND_OTHER,
                                  &error))
        wp_view_toast (GTK_WIDGET (d->view), error->message, NULL);
    }
  g_object_unref (d->view);
  g_free (d);
}

static GtkWidget *
entry_row (const char  *title,
           const char  *text,
           GtkEditable **out)
{
  GtkWidget *row = adw_entry_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_editable_set_text (GTK_EDITABLE (row), text);
  *out = GTK_EDITABLE (row);
  return row;
}

/* Also known as (别名): each alias with a button that removes it, and a
 * row that adds one. Each is its own undoable edit, made at once: Save
 * and Cancel are for the name, short name and kind. */

static void alias_row_add (EditDialog *d,
                           GtkListBox *box,
                           const char *alias);

static void
on_remove_alias_clicked (GtkButton  *button,
                         EditDialog *d)
{
  g_autoptr(GError) error = NULL;
  GtkWidget *row = gtk_widget_get_ancestor (GTK_WIDGET (button), ADW_TYPE_ACTION_ROW);
  const char *alias = g_object_get_data (G_OBJECT (row), "wp-alias");
  WpUndoStack *undo = wp_context_get_undo_stack (d->view->binding.context);

  if (!wp_edit_set_agency_alias (undo, d->agency_id, alias, FALSE, &error))
    {
      wp_view_toast (GTK_WIDGET (d->view), error->message, NULL);
      return;
    }
  gtk_list_box_remove (GTK_LIST_BOX (gtk_widget_get_parent (row)), row);
}

static void
alias_row_add (EditDialog *d,
               GtkListBox *box,
               const char *alias)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *remove = gtk_button_new_from_icon_name ("list-remove-symbolic");
  g_autofree char *tooltip = g_strdup_printf (_("Remove the alias “%s”"), alias);
  GtkWidget *last = gtk_widget_get_last_child (GTK_WIDGET (box));

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), alias);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  g_object_set_data_full (G_OBJECT (row), "wp-alias", g_strdup (alias), g_free);
  gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (remove, "flat");
  gtk_widget_set_name (remove, "remove-alias");
  wp_tooltip_set_text (remove, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  tooltip, -1);
  g_signal_connect (remove, "clicked", G_CALLBACK (on_remove_alias_clicked), d);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);
  /* (before the row that adds one, which stays last) */
  if (last != NULL && ADW_IS_ENTRY_ROW (last))
    gtk_list_box_insert (box, row, gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (last)));
  else
    gtk_list_box_append (box, row);
}

static void
on_add_alias_apply (AdwEntryRow *entry,
                    EditDialog  *d)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *alias = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (entry))));
  WpUndoStack *undo = wp_context_get_undo_stack (d->view->binding.context);
  GtkListBox *box = GTK_LIST_BOX (gtk_widget_get_parent (GTK_WIDGET (entry)));

  if (alias[0] == '\0')
    return;
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (box)); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    if (g_strcmp0 (g_object_get_data (G_OBJECT (row), "wp-alias"), alias) == 0)
      {
        gtk_editable_set_text (GTK_EDITABLE (entry), "");
        return;
      }
  if (!wp_edit_set_agency_alias (undo, d->agency_id, alias, TRUE, &error))
    {
      wp_view_toast (GTK_WIDGET (d->view), error->message, NULL);
      return;
    }
  alias_row_add (d, box, alias);
  gtk_editable_set_text (GTK_EDITABLE (entry), "");
}

static GtkWidget *
aliases_section (EditDialog *d)
{
  g_autoptr(GError) error = NULL;
  GtkWidget *section = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *heading = gtk_label_new (_("Also Known As"));
  GtkWidget *box = gtk_list_box_new ();
  GtkWidget *add = adw_entry_row_new ();
  g_auto(GStrv) aliases =
    wp_store_list_agency_aliases (wp_context_get_store (d->view->binding.context),
                                  d->agency_id, &error);

  gtk_widget_set_margin_top (section, 12);
  gtk_label_set_xalign (GTK_LABEL (heading), 0);
  gtk_widget_add_css_class (heading, "heading");
  gtk_box_append (GTK_BOX (section), heading);
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (box), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (box, "boxed-list");
  gtk_widget_set_name (box, "aliases");
  gtk_accessible_update_property (GTK_ACCESSIBLE (box), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Also Known As"), -1);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (add),
                                 _("Add another way of writing the name"));
  adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (add), TRUE);
  gtk_widget_set_name (add, "add-alias");
  g_signal_connect (add, "apply", G_CALLBACK (on_add_alias_apply), d);
  /* (Enter adds, as the apply button does) */
  g_signal_connect (add, "entry-activated", G_CALLBACK (on_add_alias_apply), d);
  gtk_list_box_append (GTK_LIST_BOX (box), add);
  for (guint i = 0; aliases != NULL && aliases[i] != NULL; i++)
    alias_row_add (d, GTK_LIST_BOX (box), aliases[i]);
  gtk_box_append (GTK_BOX (section), box);
  return section;
}

/**
 * wp_agency_view_edit:
 *
 * Opens the dialog that renames an agency and sets its short name and kind.
 */
void
wp_agency_view_edit (WpAgencyView *self,
                     gint64        agency_id)
{
  g_autoptr(WpAgency) agency = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GtkStringList) kind_names = gtk_string_list_new (NULL);
  GtkWidget *dialog, *box, *kind_row;
  EditDialog *d;

  agency = wp_store_get_agency (wp_context_get_store (self->binding.context), agency_id, &error);
  if (agency == NULL)
    {
      wp_view_toast (GTK_WIDGET (self), error->message, NULL);
      return;
    }

  d = g_new0 (EditDialog, 1);
  d->view = g_object_ref (self);
  d->agency_id = agency_id;
  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                   _("Edit Agency"), NULL);
  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                  _("Items that name “%s” will show the new name."),
                                  wp_agency_get_name (agency));
  box = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (box), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (box, "boxed-list");
  gtk_list_box_append (GTK_LIST_BOX (box), entry_row (_("Name"), wp_agency_get_name (agency),
                                                      &d->name));
  gtk_list_box_append (GTK_LIST_BOX (box),
                       entry_row (_("Short Name"), wp_agency_get_short_name (agency),
                                  &d->short_name));
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    gtk_string_list_append (kind_names, kind_label (kinds[i]));
  kind_row = adw_combo_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (kind_row), _("Kind"));
  adw_combo_row_set_model (ADW_COMBO_ROW (kind_row), G_LIST_MODEL (kind_names));
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    if (kinds[i] == wp_agency_get_kind (agency))
      adw_combo_row_set_selected (ADW_COMBO_ROW (kind_row), i);
  gtk_list_box_append (GTK_LIST_BOX (box), kind_row);
  d->kind = ADW_COMBO_ROW (kind_row);
  {
    GtkWidget *details = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);

    gtk_box_append (GTK_BOX (details), box);
    gtk_box_append (GTK_BOX (details), aliases_section (d));
    adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), details);
  }

  wp_message_dialog_add_choice (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"),
                                "save", _("_Save"), ADW_RESPONSE_SUGGESTED);
  g_signal_connect (dialog, "response", G_CALLBACK (on_edit_response), d);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Merge */

typedef struct {
  WpAgencyView *view;
  gint64        from_id;
  GArray       *targets;   /* gint64 ids, in the drop-down's order */
  GtkWidget    *row;
} MergeDialog;

static void
on_merge_response (AdwMessageDialog *dialog,
                   const char       *response,
                   MergeDialog      *d)
{
  g_autoptr(GError) error = NULL;

  if (g_str_equal (response, "merge"))
    {
      guint selected = adw_combo_row_get_selected (ADW_COMBO_ROW (d->row));

      if (selected < d->targets->len
          && !wp_edit_merge_agencies (wp_context_get_undo_stack (d->view->binding.context),
                                      d->from_id,
                                      g_array_index (d->targets, gint64, selected), &error))
        wp_view_toast (GTK_WIDGET (d->view), error->message, NULL);
      else if (selected < d->targets->len)
        wp_view_toast (GTK_WIDGET (d->view), _("Agencies merged"),
                       wp_context_get_undo_stack (d->view->binding.context));
    }
  g_object_unref (d->view);
  g_array_unref (d->targets);
  g_free (d);
}

static void
on_merge_target_selected (AdwComboRow      *row,
                          GParamSpec       *pspec,
                          AdwMessageDialog *dialog)
{
  adw_message_dialog_set_response_enabled (dialog, "merge",
                                           adw_combo_row_get_selected (row)
                                           != GTK_INVALID_LIST_POSITION);
}

/**
 * wp_agency_view_merge:
 *
 * Opens the dialog that merges an agency into another one.
 */
void
wp_agency_view_merge (WpAgencyView *self,
                      gint64        agency_id)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  WpAgencyLoad *from = NULL;
  GtkWidget *dialog, *box;
  MergeDialog *d;
  guint likeliest = GTK_INVALID_LIST_POSITION, best = 0;

  for (guint i = 0; self->loads != NULL && i < self->loads->len; i++)
    if (wp_agency_get_id (((WpAgencyLoad *) g_ptr_array_index (self->loads, i))->agency)
        == agency_id)
      from = g_ptr_array_index (self->loads, i);
  if (from == NULL)
    return;

  d = g_new0 (MergeDialog, 1);
  d->view = g_object_ref (self);
  d->from_id = agency_id;
  d->targets = g_array_new (FALSE, FALSE, sizeof (gint64));
  for (guint i = 0; i < self->loads->len; i++)
    {
      WpAgency *agency = ((WpAgencyLoad *) g_ptr_array_index (self->loads, i))->agency;
      gint64 id = wp_agency_get_id (agency);

      if (id == agency_id)
        continue;
      /* The one most like it in name or short name, if any is: merging is
       * for one agency written two ways */
      for (guint k = 0; k < 4; k++)
        {
          const char *x = k % 2 ? wp_agency_get_short_name (from->agency)
                                : wp_agency_get_name (from->agency);
          const char *y = k / 2 ? wp_agency_get_short_name (agency) : wp_agency_get_name (agency);
          guint alike = wp_agency_names_alike (x, y);

          if (alike > best)
            {
              best = alike;
              likeliest = d->targets->len;
            }
        }
      g_array_append_val (d->targets, id);
      gtk_string_list_append (names, wp_agency_get_name (agency));
    }

  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                   _("Merge Agency"), NULL);
  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                  _("The items of “%s” go to the agency chosen below, in the "
                                    "same role, and “%s” leaves the directory. For one agency "
                                    "written two ways."),
                                  wp_agency_get_name (from->agency),
                                  wp_agency_get_name (from->agency));
  box = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (box), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (box, "boxed-list");
  d->row = adw_combo_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (d->row), _("Merge Into"));
  adw_combo_row_set_model (ADW_COMBO_ROW (d->row), G_LIST_MODEL (names));
  adw_combo_row_set_use_subtitle (ADW_COMBO_ROW (d->row), FALSE);
  /* Nothing chosen unless a name is alike: an unrelated agency one click
   * away is a merge nobody meant */
  adw_combo_row_set_selected (ADW_COMBO_ROW (d->row), likeliest);
  gtk_list_box_append (GTK_LIST_BOX (box), d->row);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), box);

  wp_message_dialog_add_choice (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"),
                                "merge", _("_Merge"), ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (dialog), "merge",
                                           likeliest < d->targets->len);
  g_signal_connect_object (d->row, "notify::selected", G_CALLBACK (on_merge_target_selected),
                           dialog, 0);
  g_signal_connect (dialog, "response", G_CALLBACK (on_merge_response), d);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
agency_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  WpAgencyView *self = WP_AGENCY_VIEW (widget);
  gint64 id = g_variant_get_int64 (parameter);

  if (g_str_equal (action_name, "agency.edit"))
    wp_agency_view_edit (self, id);
  else
    wp_agency_view_merge (self, id);
}

/* Rows */

/* The workload: lead items, then supporting ones, against the busiest
 * agency, drawn as two bars side by side. */
static void
draw_workload (GtkDrawingArea *area,
               cairo_t        *cr,
               int             width,
               int             height,
               gpointer        data)
{
  WpAgencyView *self = data;
  gint64 *id = g_object_get_data (G_OBJECT (area), "wp-agency-id");
  guint max = 1, lead = 0, co = 0;
  GdkRGBA accent, muted;
  GtkStyleContext *style = gtk_widget_get_style_context (GTK_WIDGET (area));

  for (guint i = 0; self->loads != NULL && i < self->loads->len; i++)
    {
      WpAgencyLoad *load = g_ptr_array_index (self->loads, i);

      max = MAX (max, load->n_lead + load->n_co);
      if (wp_agency_get_id (load->agency) == *id)
        {
          lead = load->n_lead;
          co = load->n_co;
        }
    }

  if (!gtk_style_context_lookup_color (style, "accent_bg_color", &accent))
    gdk_rgba_parse (&accent, "#3584e4");
  gtk_style_context_get_color (style, &muted);
  muted.alpha = 0.3;

  cairo_rectangle (cr, 0, height / 2.0 - 4, width, 8);
  cairo_set_source_rgba (cr, muted.red, muted.green, muted.blue, 0.12);
  cairo_fill (cr);
  gdk_cairo_set_source_rgba (cr, &accent);
  cairo_rectangle (cr, 0, height / 2.0 - 4, width * (double) lead / max, 8);
  cairo_fill (cr);
  gdk_cairo_set_source_rgba (cr, &muted);
  cairo_rectangle (cr, width * (double) lead / max, height / 2.0 - 4, width * (double) co / max,
                   8);
  cairo_fill (cr);
}

static GtkWidget *
row_new (WpAgencyView *self,
         WpAgencyLoad *load)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *bar = gtk_drawing_area_new ();
  GtkWidget *menu_button = gtk_menu_button_new ();
  g_autoptr(GMenu) menu = g_menu_new ();
  g_autoptr(GMenuItem) edit = g_menu_item_new (_("_Edit…"), NULL);
  g_autoptr(GMenuItem) merge = g_menu_item_new (_("_Merge Into…"), NULL);
  gint64 id = wp_agency_get_id (load->agency);
  const char *short_name = wp_agency_get_short_name (load->agency);
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *workload = NULL;

  title = short_name[0] != '\0' && g_strcmp0 (short_name, wp_agency_get_name (load->agency)) != 0
          /* Translators: an agency's name with its short name */
          ? g_strdup_printf (_("%s (%s)"), wp_agency_get_name (load->agency), short_name)
          : g_strdup (wp_agency_get_name (load->agency));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  if (load->n_lead + load->n_co > 0)
    /* Translators: an agency's workload in the directory: lead, supporting,
     * done, in progress and overdue items; then its kind */
    subtitle = g_strdup_printf (_("Leads %u · supports %u · %u done · %u in progress · "
                                  "%u overdue · %s"),
                                load->n_lead, load->n_co, load->n_done, load->n_in_progress,
                                load->n_overdue, kind_label (wp_agency_get_kind (load->agency)));
  else
    subtitle = g_strdup_printf (_("No items in this plan · %s"),
                                kind_label (wp_agency_get_kind (load->agency)));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  /* (wrapped, each row took 18 ms to lay out: see wp-row-text.c) */
  wp_row_unwrap_subtitle (row);
  if (load->n_overdue > 0)
    gtk_widget_add_css_class (row, "wp-has-overdue");

  g_object_set_data_full (G_OBJECT (row), "wp-agency-id", g_memdup2 (&id, sizeof id), g_free);
  g_object_set_data_full (G_OBJECT (bar), "wp-agency-id", g_memdup2 (&id, sizeof id), g_free);
  gtk_drawing_area_set_content_width (GTK_DRAWING_AREA (bar), 160);
  gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (bar), 16);
  gtk_widget_set_valign (bar, GTK_ALIGN_CENTER);
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (bar), draw_workload, self, NULL);
  /* Translators: the workload bar's text for screen readers */
  workload = g_strdup_printf (_("Workload: leads %u, supports %u"), load->n_lead, load->n_co);
  gtk_accessible_update_property (GTK_ACCESSIBLE (bar), GTK_ACCESSIBLE_PROPERTY_LABEL, workload,
                                  -1);
  wp_tooltip_set_text (bar, workload);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), bar);

  g_menu_item_set_action_and_target (edit, "agency.edit", "x", id);
  g_menu_item_set_action_and_target (merge, "agency.merge", "x", id);
  g_menu_append_item (menu, edit);
  g_menu_append_item (menu, merge);
  gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (menu_button), G_MENU_MODEL (menu));
  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (menu_button), "view-more-symbolic");
  gtk_widget_set_valign (menu_button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (menu_button, "flat");
  wp_tooltip_set_text (menu_button, _("Edit or merge"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (menu_button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Edit or merge"), -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), menu_button);

  if (load->n_lead + load->n_co > 0)
    {
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                 gtk_image_new_from_icon_name ("go-next-symbolic"));
    }
  return row;
}

static gboolean
filter_row (GtkListBoxRow *row,
            gpointer       data)
{
  WpAgencyView *self = data;
  WpAgencyLoad *load = load_of_row (self, row);
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->filter_entry));

  GHashTableIter iter;
  gpointer alias, name;

  if (load == NULL || text == NULL || text[0] == '\0')
    return TRUE;
  if (strstr (wp_agency_get_name (load->agency), text) != NULL
      || strstr (wp_agency_get_short_name (load->agency), text) != NULL)
    return TRUE;
  /* (发改委 finds 市发展改革委, as search does) */
  if (self->aliases == NULL)
    return FALSE;
  g_hash_table_iter_init (&iter, self->aliases);
  while (g_hash_table_iter_next (&iter, &alias, &name))
    if (strstr (alias, text) != NULL && g_str_equal (name, wp_agency_get_name (load->agency)))
      return TRUE;
  return FALSE;
}

static void
on_row_activated (WpAgencyView  *self,
                  GtkListBoxRow *row)
{
  WpAgencyLoad *load = load_of_row (self, row);

  if (load != NULL && load->n_lead + load->n_co > 0)
    gtk_widget_activate_action (GTK_WIDGET (self), "win.show-agency", "s",
                                wp_agency_get_name (load->agency));
}

static void
refresh (WpAgencyView *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) loads = NULL;
  GtkWidget *child;

  wp_view_refresh_cancel (&self->refresh);
  if (self->binding.context == NULL || wp_context_get_store (self->binding.context) == NULL)
    return;

  loads = wp_agency_loads_compute (wp_context_get_store (self->binding.context),
                                   self->binding.plan != NULL
                                   ? wp_plan_get_id (self->binding.plan) : 0,
                                   &error);
  if (loads == NULL)
    {
      wp_view_toast (GTK_WIDGET (self), error->message, NULL);
      return;
    }

  g_clear_pointer (&self->aliases, g_hash_table_unref);
  self->aliases = wp_store_get_alias_directory (wp_context_get_store (self->binding.context),
                                                NULL);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list))) != NULL)
    gtk_list_box_remove (self->list, child);
  g_clear_pointer (&self->loads, g_ptr_array_unref);
  self->loads = g_steal_pointer (&loads);
  for (guint i = 0; i < self->loads->len; i++)
    gtk_list_box_append (self->list, row_new (self, g_ptr_array_index (self->loads, i)));

  gtk_stack_set_visible_child_name (self->stack, self->loads->len > 0 ? "list" : "empty");
}

static void
queue_refresh (WpAgencyView *self)
{
  wp_view_refresh_queue (&self->refresh);
}

static void
on_context_changed (WpAgencyView *self)
{
  wp_view_refresh_follow (&self->refresh, self->binding.context);
}

static void
wp_agency_view_dispose (GObject *object)
{
  WpAgencyView *self = WP_AGENCY_VIEW (object);

  wp_view_refresh_cancel (&self->refresh);
  adw_bin_set_child (ADW_BIN (self), NULL);
  g_clear_pointer (&self->loads, g_ptr_array_unref);
  g_clear_pointer (&self->aliases, g_hash_table_unref);
  wp_view_binding_clear (&self->binding, self);

  G_OBJECT_CLASS (wp_agency_view_parent_class)->dispose (object);
}

static void
wp_agency_view_view_init (WpViewInterface *iface)
{
  iface->name = "agencies";
  iface->title = NC_("view", "Agencies");
  iface->icon_name = "system-users-symbolic";
}

static void
wp_agency_view_class_init (WpAgencyViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = wp_agency_view_dispose;
  WP_VIEW_CLASS_BIND (klass, WpAgencyView, on_context_changed, queue_refresh);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/workplan/Workplan/wp-agency-view.ui");
  gtk_widget_class_bind_template_child (widget_class, WpAgencyView, filter_entry);
  gtk_widget_class_bind_template_child (widget_class, WpAgencyView, list);
  gtk_widget_class_bind_template_child (widget_class, WpAgencyView, stack);
  gtk_widget_class_bind_template_child (widget_class, WpAgencyView, empty_page);

  gtk_widget_class_install_action (widget_class, "agency.edit", "x", agency_action);
  gtk_widget_class_install_action (widget_class, "agency.merge", "x", agency_action);
}

static void
wp_agency_view_init (WpAgencyView *self)
{
  wp_view_refresh_init (&self->refresh, GTK_WIDGET (self), (WpRefreshFunc) refresh,
                        G_PRIORITY_DEFAULT_IDLE);
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_list_box_set_filter_func (self->list, filter_row, self, NULL);
  gtk_stack_set_visible_child_name (self->stack, "empty");

  g_signal_connect_swapped (self->filter_entry, "search-changed",
                            G_CALLBACK (gtk_list_box_invalidate_filter), self->list);
  g_signal_connect_swapped (self->list, "row-activated", G_CALLBACK (on_row_activated), self);
}
/* For the tests: refresh at once instead of when idle */
void
wp_agency_view_refresh_now (WpAgencyView *self)
{
  g_return_if_fail (WP_IS_AGENCY_VIEW (self));
  refresh (self);
}
