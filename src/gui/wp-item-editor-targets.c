/* wp-item-editor-targets.c: the item pane's targets (指标)
 *
 * A row for each of the item's measurable targets (baseline → current of
 * target); a dialog adds one or edits it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "wp-item-editor-private.h"
#include "wp-message-dialog.h"

static char *
format_number (double value)
{
  return g_strdup_printf ("%g", value);
}

static void edit_target (WpItemEditor *self,
                         AdwActionRow *row);

void
_wp_editor_refresh_targets (WpItemEditor *self)
{
  g_autoptr(GPtrArray) targets = NULL;

  _wp_editor_clear_rows (self->targets_group, self->target_rows);
  targets = wp_store_list_targets (wp_context_get_store (self->context),
                                   wp_item_get_id (self->item), NULL);

  for (guint i = 0; targets != NULL && i < targets->len; i++)
    {
      WpTarget *t = g_ptr_array_index (targets, i);
      g_autofree char *baseline = t->has_baseline ? format_number (t->baseline) : g_strdup ("—");
      g_autofree char *current = t->has_current ? format_number (t->current) : g_strdup ("—");
      g_autofree char *target = t->has_target ? format_number (t->target) : g_strdup ("—");
      g_autofree char *subtitle = NULL;
      GtkWidget *row = adw_action_row_new ();

      /* Translators: a target's figures: baseline → current, of target, then the unit */
      subtitle = g_strdup_printf (_("%s → %s of %s %s"), baseline, current, target, t->unit);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), t->label);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                 gtk_image_new_from_icon_name ("document-edit-symbolic"));
      g_object_set_data_full (G_OBJECT (row), "wp-target", wp_target_copy (t),
                              (GDestroyNotify) wp_target_free);
      g_signal_connect_swapped (row, "activated", G_CALLBACK (edit_target), self);
      adw_preferences_group_add (self->targets_group, row);
      g_ptr_array_add (self->target_rows, row);
    }
}

typedef struct {
  WpItemEditor *editor;
  WpTarget     *target;    /* NULL when adding */
  GtkEditable  *fields[5]; /* label, unit, baseline, target, current */
} TargetDialog;

static void
target_dialog_free (TargetDialog *d)
{
  g_clear_pointer (&d->target, wp_target_free);
  g_free (d);
}

/* An empty field is "no value"; anything else must be a number. */
static gboolean
parse_figure (GtkEditable *field,
              gboolean    *has_value,
              double      *value)
{
  const char *text = gtk_editable_get_text (field);
  g_autofree char *clean = g_strstrip (g_strdup (text));
  char *end = NULL;

  *has_value = FALSE;
  if (clean[0] == '\0')
    return TRUE;
  *value = g_ascii_strtod (clean, &end);
  if (end == clean || *end != '\0' || !isfinite (*value))
    return FALSE;
  *has_value = TRUE;
  return TRUE;
}

static void
on_target_response (AdwMessageDialog *dialog,
                    const char       *response,
                    TargetDialog     *d)
{
  WpItemEditor *self = d->editor;
  g_autoptr(GError) error = NULL;
  WpTarget t = { 0 };
  g_autofree char *label = NULL;
  g_autofree char *unit = NULL;
  gboolean ok;

  if (!g_str_equal (response, "save") || !_wp_editor_can_edit (self))
    return;

  label = g_strstrip (g_strdup (gtk_editable_get_text (d->fields[0])));
  unit = g_strstrip (g_strdup (gtk_editable_get_text (d->fields[1])));
  t.label = label;
  t.unit = unit;
  t.id = d->target ? d->target->id : 0;
  if (!parse_figure (d->fields[2], &t.has_baseline, &t.baseline)
      || !parse_figure (d->fields[3], &t.has_target, &t.target)
      || !parse_figure (d->fields[4], &t.has_current, &t.current))
    {
      _wp_editor_report_message (self, _("Baseline, target and current value must be numbers, "
                              "such as 45 or 99.5, or left empty."));
      return;
    }

  ok = d->target != NULL
       ? wp_edit_set_target (_wp_editor_get_undo (self), wp_item_get_id (self->item), &t, &error)
       : wp_edit_add_target (_wp_editor_get_undo (self), wp_item_get_id (self->item), &t, &error);
  if (!ok)
    _wp_editor_report (self, error);
  _wp_editor_refresh_targets (self);
}

static char *
figure_text (gboolean has_value,
             double   value)
{
  return has_value ? g_strdup_printf ("%g", value) : g_strdup ("");
}

static void
open_target_dialog (WpItemEditor   *self,
                    const WpTarget *target)
{
  static const char *labels[] = {
    N_("_What is measured"), N_("_Unit"), N_("_Baseline"), N_("_Target"), N_("_Current"),
  };
  TargetDialog *d = g_new0 (TargetDialog, 1);
  GtkWidget *grid = gtk_grid_new ();
  GtkWidget *dialog;

  d->editor = self;
  d->target = target ? wp_target_copy (target) : NULL;
  gtk_grid_set_row_spacing (GTK_GRID (grid), 12);
  gtk_grid_set_column_spacing (GTK_GRID (grid), 12);
  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    {
      GtkWidget *label = gtk_label_new_with_mnemonic (_(labels[i]));
      GtkWidget *entry = gtk_entry_new ();

      gtk_label_set_xalign (GTK_LABEL (label), 1);
      gtk_label_set_mnemonic_widget (GTK_LABEL (label), entry);
      gtk_widget_set_hexpand (entry, TRUE);
      gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
      gtk_grid_attach (GTK_GRID (grid), label, 0, i, 1, 1);
      gtk_grid_attach (GTK_GRID (grid), entry, 1, i, 1, 1);
      d->fields[i] = GTK_EDITABLE (entry);
    }
  if (target != NULL)
    {
      g_autofree char *baseline = figure_text (target->has_baseline, target->baseline);
      g_autofree char *goal = figure_text (target->has_target, target->target);
      g_autofree char *current = figure_text (target->has_current, target->current);

      gtk_editable_set_text (d->fields[0], target->label);
      gtk_editable_set_text (d->fields[1], target->unit);
      gtk_editable_set_text (d->fields[2], baseline);
      gtk_editable_set_text (d->fields[3], goal);
      gtk_editable_set_text (d->fields[4], current);
    }

  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                   target ? _("Edit Target") : _("New Target"),
                                   _("A quantified goal, such as 45 镇(街) 综治中心 or "
                                     "群众安全感率 99%."));
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), grid);
  wp_message_dialog_add_choice (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"),
                                "save", target ? _("_Save") : _("_Add"), ADW_RESPONSE_SUGGESTED);
  g_signal_connect (dialog, "response", G_CALLBACK (on_target_response), d);
  g_object_set_data_full (G_OBJECT (dialog), "wp-target-dialog", d,
                          (GDestroyNotify) target_dialog_free);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
edit_target (WpItemEditor *self,
             AdwActionRow *row)
{
  open_target_dialog (self, g_object_get_data (G_OBJECT (row), "wp-target"));
}

void
_wp_editor_add_target (WpItemEditor *self)
{
  if (self->item != NULL)
    open_target_dialog (self, NULL);
}
