/* wp-item-editor-milestones.c: the item pane's milestones (形象进度节点)
 *
 * Four rows, a quarter each: the state expected by the quarter's end, the
 * progress expected then, and how the item stands on the quarter it is
 * judged against. Each is saved through the undo stack when applied, when
 * its spin button changes and when the focus leaves it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "wp-light.h"
#include "wp-tooltip.h"

#include "wp-item-editor-private.h"

/* A spin button below 0 stands for "no progress expected" and shows empty. */
#define NO_EXPECTED_PROGRESS (-5)

static gboolean
on_milestone_spin_output (GtkSpinButton *spin,
                          gpointer       data)
{
  double value = gtk_adjustment_get_value (gtk_spin_button_get_adjustment (spin));
  g_autofree char *text = value < 0 ? g_strdup ("") : g_strdup_printf ("%d", (int) value);

  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (spin)), text) != 0)
    gtk_editable_set_text (GTK_EDITABLE (spin), text);
  return TRUE;
}

static int
on_milestone_spin_input (GtkSpinButton *spin,
                         double        *value,
                         gpointer       data)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (spin))));

  if (text[0] != '\0')
    return FALSE;  /* (a number: the spin button's own reading) */
  *value = NO_EXPECTED_PROGRESS;
  return TRUE;
}

static int
spin_progress (GtkSpinButton *spin)
{
  int value = gtk_spin_button_get_value_as_int (spin);

  return value < 0 ? -1 : value;
}

/* The item's milestone for @quarter as stored: its text ("" for none) and
 * progress (-1 for none) */
static void
stored_milestone (GPtrArray   *milestones,
                  int          quarter,
                  const char **text,
                  int         *progress)
{
  *text = "";
  *progress = -1;
  for (guint i = 0; milestones != NULL && i < milestones->len; i++)
    {
      WpMilestone *m = g_ptr_array_index (milestones, i);

      if (m->quarter == quarter)
        {
          *text = m->text;
          *progress = m->progress;
        }
    }
}

/* The quarter whose expected progress the item is judged against now, as
 * the store judges it: the last ended that sets one; 0 for none. */
static int
judged_quarter (WpItemEditor *self,
                GPtrArray    *milestones)
{
  int ended = wp_light_last_ended_quarter (wp_item_get_plan_year (self->item),
                                           wp_context_get_today (self->context));

  for (int q = ended; q > 0; q--)
    {
      const char *text;
      int progress;

      stored_milestone (milestones, q, &text, &progress);
      if (progress >= 0)
        return q;
    }
  return 0;
}

void
_wp_editor_refresh_milestones (WpItemEditor *self,
                    gboolean      keep_typing)
{
  g_autoptr(GPtrArray) milestones = NULL;
  gboolean updating = self->updating;
  int judged;

  if (self->item == NULL || self->context == NULL || wp_context_get_store (self->context) == NULL)
    return;

  milestones = wp_store_list_milestones (wp_context_get_store (self->context),
                                         wp_item_get_id (self->item), NULL);
  judged = judged_quarter (self, milestones);
  self->updating = TRUE;
  for (int q = 1; q <= 4; q++)
    {
      GtkWidget *row = GTK_WIDGET (self->milestone_rows[q - 1]);
      GtkSpinButton *spin = self->milestone_spins[q - 1];
      GtkWidget *mark = GTK_WIDGET (self->milestone_marks[q - 1]);
      const char *text;
      int progress;

      stored_milestone (milestones, q, &text, &progress);
      if (!(keep_typing && _wp_editor_has_focus_within (row)))
        {
          gtk_editable_set_text (GTK_EDITABLE (row), text);
          gtk_spin_button_set_value (spin, progress >= 0 ? progress : NO_EXPECTED_PROGRESS);
        }

      gtk_widget_remove_css_class (mark, "warning");
      gtk_widget_remove_css_class (mark, "success");
      gtk_widget_set_visible (mark, FALSE);
      if (q == judged)
        {
          WpPace pace = wp_light_pace (wp_item_get_effective_status (self->item),
                                       wp_item_get_effective_progress (self->item), progress);

          if (pace != WP_PACE_NONE)
            {
              gtk_label_set_label (GTK_LABEL (mark), wp_pace_to_label (pace));
              gtk_widget_add_css_class (mark, pace == WP_PACE_BEHIND ? "warning" : "success");
              gtk_widget_set_visible (mark, TRUE);
            }
        }
    }
  self->updating = updating;
}

/* Saves the milestone a quarter's row shows, if it differs from the stored one. */
gboolean
_wp_editor_commit_milestone (WpItemEditor  *self,
                  int            quarter,
                  GError       **error)
{
  AdwEntryRow *row = self->milestone_rows[quarter - 1];
  g_autofree char *text = _wp_editor_stripped_text (row);
  int progress = spin_progress (self->milestone_spins[quarter - 1]);
  g_autoptr(GPtrArray) milestones = NULL;
  const char *stored_text;
  int stored_progress;

  milestones = wp_store_list_milestones (wp_context_get_store (self->context),
                                         wp_item_get_id (self->item), error);
  if (milestones == NULL)
    return FALSE;
  stored_milestone (milestones, quarter, &stored_text, &stored_progress);
  if ((g_strcmp0 (text, stored_text) != 0 || progress != stored_progress)
      && !wp_edit_set_milestone (_wp_editor_get_undo (self), wp_item_get_id (self->item),
                                 quarter, text,
                                 progress, error))
    return FALSE;
  _wp_editor_mark_saved (row);
  return TRUE;
}

static void
on_milestone_apply (AdwEntryRow  *row,
                    WpItemEditor *self)
{
  g_autoptr(GError) error = NULL;
  int quarter = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (row), "wp-quarter"));

  if (_wp_editor_can_edit (self) && !_wp_editor_commit_milestone (self, quarter, &error))
    _wp_editor_report (self, error);
}

/* The spin button has taken a value (a step, or what was typed, on Enter
 * or when the focus left it): the quarter's milestone is saved at once. */
static void
on_milestone_spin_changed (GtkSpinButton *spin,
                           WpItemEditor  *self)
{
  g_autoptr(GError) error = NULL;
  int quarter = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (spin), "wp-quarter"));

  if (_wp_editor_can_edit (self) && !_wp_editor_commit_milestone (self, quarter, &error))
    {
      _wp_editor_report (self, error);
      _wp_editor_refresh_milestones (self, TRUE);
    }
}

/* Four rows, a quarter each: the state expected as the row's text, the
 * progress expected in a spin button beside it, and how the item stands
 * on the quarter it is judged against. */
void
_wp_editor_setup_milestones (WpItemEditor *self)
{
  static const char *quarters[] = { N_("Q1"), N_("Q2"), N_("Q3"), N_("Q4") };
  static const char *spin_names[] = {
    N_("Q1 expected progress in percent"), N_("Q2 expected progress in percent"),
    N_("Q3 expected progress in percent"), N_("Q4 expected progress in percent"),
  };

  for (int q = 1; q <= 4; q++)
    {
      GtkWidget *row = adw_entry_row_new ();
      GtkWidget *mark = gtk_label_new (NULL);
      GtkWidget *spin = gtk_spin_button_new_with_range (NO_EXPECTED_PROGRESS, 100, 5);
      GtkWidget *percent = gtk_label_new ("%");

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _(quarters[q - 1]));
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (row), TRUE);
      g_object_set_data (G_OBJECT (row), "wp-quarter", GINT_TO_POINTER (q));
      g_signal_connect (row, "apply", G_CALLBACK (on_milestone_apply), self);

      gtk_widget_set_valign (mark, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (mark, "caption-heading");
      gtk_widget_set_visible (mark, FALSE);
      adw_entry_row_add_suffix (ADW_ENTRY_ROW (row), mark);

      gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
      gtk_spin_button_set_numeric (GTK_SPIN_BUTTON (spin), FALSE);
      gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), NO_EXPECTED_PROGRESS);
      gtk_editable_set_width_chars (GTK_EDITABLE (spin), 3);
      /* A narrow pane leaves the state little room beside a spin button's
       * two buttons: the number is typed, or stepped with the arrow keys
       * and the scroll wheel. */
      for (GtkWidget *child = gtk_widget_get_first_child (spin); child != NULL;
           child = gtk_widget_get_next_sibling (child))
        if (GTK_IS_BUTTON (child))
          gtk_widget_set_visible (child, FALSE);
      gtk_accessible_update_property (GTK_ACCESSIBLE (spin), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _(spin_names[q - 1]), -1);
      wp_tooltip_set_text (spin, _("Expected progress by the quarter’s end; empty for none"));
      g_object_set_data (G_OBJECT (spin), "wp-quarter", GINT_TO_POINTER (q));
      g_signal_connect (spin, "output", G_CALLBACK (on_milestone_spin_output), NULL);
      g_signal_connect (spin, "input", G_CALLBACK (on_milestone_spin_input), NULL);
      g_signal_connect (spin, "value-changed", G_CALLBACK (on_milestone_spin_changed), self);
      adw_entry_row_add_suffix (ADW_ENTRY_ROW (row), spin);
      gtk_widget_set_valign (percent, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (percent, "dim-label");
      adw_entry_row_add_suffix (ADW_ENTRY_ROW (row), percent);

      adw_preferences_group_add (self->milestones_group, row);
      self->milestone_rows[q - 1] = ADW_ENTRY_ROW (row);
      self->milestone_spins[q - 1] = GTK_SPIN_BUTTON (spin);
      self->milestone_marks[q - 1] = GTK_LABEL (mark);
    }
}
