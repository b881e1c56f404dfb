/* wp-item-editor-notes.c: the item pane's progress notes (进展)
 *
 * The item's notes, newest first, and the fields of a new one: its text,
 * the day it is for (today unless another is chosen) and who reports.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "wp-item-editor-private.h"

void
_wp_editor_refresh_notes (WpItemEditor *self)
{
  g_autoptr(GPtrArray) notes = NULL;

  if (self->item == NULL || self->context == NULL)
    return;

  _wp_editor_clear_rows (self->notes_group, self->note_rows);
  notes = wp_store_list_notes (wp_context_get_store (self->context),
                               wp_item_get_id (self->item), NULL);
  /* Newest first: the latest report is what people look for. */
  for (guint i = notes ? notes->len : 0; i > 0; i--)
    {
      WpNote *note = g_ptr_array_index (notes, i - 1);
      g_autofree char *date = wp_date_format_display (&note->date);
      g_autofree char *dated = note->progress >= 0
                               /* Translators: a progress note's date and reported progress */
                               ? g_strdup_printf (_("%s · %d%%"), date, note->progress)
                               : g_strdup (date);
      g_autofree char *title = note->reporter != NULL && note->reporter[0] != '\0'
                               /* Translators: a progress note's date (and progress), and
                                  who reported it */
                               ? g_strdup_printf (_("%s · %s"), dated, note->reporter)
                               : g_strdup (dated);
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), note->text);
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
      gtk_widget_add_css_class (row, "property");
      adw_preferences_group_add (self->notes_group, row);
      g_ptr_array_add (self->note_rows, row);
    }
}

/* Shows the day a new note is for: today unless another was chosen */
static void
show_note_date (WpItemEditor *self)
{
  const GDate *today = self->context != NULL ? wp_context_get_today (self->context) : NULL;
  g_autofree char *label = NULL;

  if (!g_date_valid (&self->note_date) || today == NULL
      || g_date_compare (&self->note_date, today) == 0)
    {
      g_date_clear (&self->note_date, 1);
      /* Translators: the day of a new progress note, when it is today */
      gtk_menu_button_set_label (self->note_date_button, _("Today"));
      return;
    }
  label = wp_date_format_display (&self->note_date);
  gtk_menu_button_set_label (self->note_date_button, label);
}

void
_wp_editor_note_day_selected (WpItemEditor *self)
{
  g_autoptr(GDateTime) day = gtk_calendar_get_date (self->note_calendar);

  g_date_clear (&self->note_date, 1);
  g_date_set_dmy (&self->note_date, (GDateDay) g_date_time_get_day_of_month (day),
                  (GDateMonth) g_date_time_get_month (day),
                  (GDateYear) g_date_time_get_year (day));
  show_note_date (self);
  gtk_menu_button_popdown (self->note_date_button);
}

/* Who reports on an item, unless told otherwise: its first lead agency */
void
_wp_editor_reset_note_fields (WpItemEditor *self)
{
  const char * const *lead = self->item != NULL ? wp_item_get_lead_agencies (self->item) : NULL;

  g_date_clear (&self->note_date, 1);
  show_note_date (self);
  gtk_editable_set_text (GTK_EDITABLE (self->note_reporter_row),
                         lead != NULL && lead[0] != NULL ? lead[0] : "");
}

void
_wp_editor_note_apply (WpItemEditor *self)
{
  g_autofree char *reporter = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  int progress;

  if (!_wp_editor_can_edit (self))
    return;
  text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->note_row))));
  if (text[0] == '\0')
    return;

  /* A note records the progress shown now, so the history keeps it. */
  progress = gtk_spin_button_get_value_as_int (self->progress_spin);
  reporter = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->note_reporter_row))));
  if (!wp_edit_add_note_by (_wp_editor_get_undo (self), wp_item_get_id (self->item),
                            g_date_valid (&self->note_date) ? &self->note_date
                                                            : wp_context_get_today (self->context),
                            text, progress, reporter, &error))
    {
      _wp_editor_report (self, error);
      return;
    }
  gtk_editable_set_text (GTK_EDITABLE (self->note_row), "");
  _wp_editor_reset_note_fields (self);
  _wp_editor_refresh_notes (self);
}
