/* wp-item-editor-fields.c: what the item pane shows in the item's own
 * fields, refreshed from the item without overwriting what is being typed
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "wp-item-editor-private.h"

static char *
join_names (const char * const *names)
{
  return g_strjoinv ("、", (char **) names);
}

static void
set_text_unless_typing (GtkWidget  *editable,
                        const char *text,
                        gboolean    keep_typing)
{
  if (!(keep_typing && _wp_editor_has_focus_within (editable)))
    gtk_editable_set_text (GTK_EDITABLE (editable), text);
}

/* What @row shows of the item, as saved */
static char *
field_text (WpItemEditor *self,
            AdwEntryRow  *row)
{
  if (row == self->title_row)
    return g_strdup (wp_item_get_title (self->item));
  if (row == self->due_row)
    return g_strdup (wp_item_get_due_label (self->item));
  if (row == self->lead_row)
    return join_names (wp_item_get_lead_agencies (self->item));
  return join_names (wp_item_get_co_agencies (self->item));
}

void
_wp_editor_show_field (WpItemEditor *self,
                       AdwEntryRow  *row)
{
  g_autofree char *text = field_text (self, row);
  gboolean updating = self->updating;

  self->updating = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (row), text);
  self->updating = updating;
}

void
_wp_editor_refresh_fields (WpItemEditor *self,
                           gboolean      keep_typing)
{
  g_autofree char *lead = NULL;
  g_autofree char *co = NULL;
  const GDate *due;
  gboolean parent;

  if (self->item == NULL)
    {
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }

  self->updating = TRUE;

  parent = wp_item_get_n_children (self->item) > 0;
  set_text_unless_typing (GTK_WIDGET (self->title_row), wp_item_get_title (self->item),
                          keep_typing);
  adw_combo_row_set_selected (self->kind_row, wp_item_get_kind (self->item));
  adw_combo_row_set_selected (self->status_row, wp_item_get_status (self->item));
  /* A parent's status can roll up from its items: say what the outline shows. */
  if (wp_item_get_effective_status (self->item) != wp_item_get_status (self->item))
    {
      g_autofree char *shown = g_strdup_printf (
        /* Translators: under an item's status, when its sub-items decide what
         * the outline shows, e.g. "Shown as In progress, from its sub-items" */
        _("Shown as %s, from its sub-items"),
        wp_item_status_to_label (wp_item_get_effective_status (self->item)));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (self->status_row), shown);
    }
  else
    adw_action_row_set_subtitle (ADW_ACTION_ROW (self->status_row), NULL);
  gtk_spin_button_set_value (self->progress_spin, wp_item_get_effective_progress (self->item));
  gtk_widget_set_sensitive (GTK_WIDGET (self->progress_spin),
                            !parent || wp_item_get_progress (self->item) >= 0);
  gtk_widget_set_visible (GTK_WIDGET (self->derived_row), parent);
  gtk_switch_set_active (self->derived_switch, wp_item_get_progress (self->item) < 0);

  set_text_unless_typing (GTK_WIDGET (self->due_row), wp_item_get_due_label (self->item),
                          keep_typing);
  due = wp_item_get_due (self->item);
  if (due != NULL)
    {
      g_autofree char *text = wp_date_format_display (due);
      adw_action_row_set_subtitle (self->due_date_row, text);
    }
  else if (wp_item_get_ongoing (self->item))
    adw_action_row_set_subtitle (self->due_date_row, _("Ongoing, no end date"));
  else if (wp_item_get_due_label (self->item)[0] != '\0')
    adw_action_row_set_subtitle (self->due_date_row, _("No date could be read from the deadline"));
  else
    adw_action_row_set_subtitle (self->due_date_row, _("None"));

  lead = join_names (wp_item_get_lead_agencies (self->item));
  co = join_names (wp_item_get_co_agencies (self->item));
  set_text_unless_typing (GTK_WIDGET (self->lead_row), lead, keep_typing);
  set_text_unless_typing (GTK_WIDGET (self->co_row), co, keep_typing);

  if (!(keep_typing && _wp_editor_has_focus_within (GTK_WIDGET (self->description_view))))
    gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->description_view),
                              wp_item_get_description (self->item), -1);

  _wp_editor_refresh_milestones (self, keep_typing);
  _wp_editor_refresh_targets (self);
  _wp_editor_refresh_notes (self);

  self->updating = FALSE;
  gtk_stack_set_visible_child_name (self->stack, "item");
}
