/* wp-report-dialog-import.c: the report review's Import
 *
 * The rows are built into a tree again from their levels (the checked
 * ones only) and written as a new plan through the interchange JSON, as
 * `workplan import-report` does, or added to the plan the window shows,
 * each as one undoable step.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "wp-deadline.h"
#include "wp-report-dialog-private.h"
#include "wp-undo.h"
#include "wp-view-refresh.h"

/* Importing */

/* The rows' tree, built again from their levels, deadlines read again for
 * @year (they may have been typed). The children arrays borrow the rows'
 * items: forget_tree() empties them for the next try. */
static GPtrArray *
build_tree (WpReportDialog *self,
            int             year)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->rows));
  GPtrArray *roots = g_ptr_array_new ();
  WpReportItem *parents[WP_REPORT_ROW_MAX_LEVEL + 1] = { NULL };

  for (guint i = 0; i < n; i++)
    {
      WpReportRow *row = _wp_report_dialog_row_at (self, i);
      WpReportItem *item = wp_report_row_get_item (row);
      guint level = wp_report_row_get_level (row);
      WpDeadline deadline;

      if (!_wp_report_dialog_row_is_imported (self, i))
        continue;
      while (level > 0 && parents[level - 1] == NULL)
        level--;
      item->kind = (WpItemKind) level;
      g_clear_pointer (&item->due, g_free);
      item->ongoing = FALSE;
      if (item->due_label[0] != '\0' && wp_deadline_parse (item->due_label, year, &deadline))
        {
          item->ongoing = deadline.ongoing;
          if (g_date_valid (&deadline.date))
            item->due = wp_date_to_iso (&deadline.date);
        }
      g_ptr_array_add (level == 0 ? roots : parents[level - 1]->children, item);
      parents[level] = item;
      for (guint l = level + 1; l <= WP_REPORT_ROW_MAX_LEVEL; l++)
        parents[l] = NULL;
    }
  return roots;
}

static void
forget_tree (WpReportDialog *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->rows));

  for (guint i = 0; i < n; i++)
    g_ptr_array_set_size (wp_report_row_get_item (_wp_report_dialog_row_at (self, i))->children,
                          0);
}

/* The rows as interchange JSON, for a new plan of @year */
static char *
draft_json (WpReportDialog *self,
            int             year)
{
  g_autoptr(GPtrArray) roots = build_tree (self, year);
  g_autofree char *title = g_strstrip (g_strdup (gtk_editable_get_text (self->title)));
  g_autofree char *organization =
    g_strstrip (g_strdup (gtk_editable_get_text (self->organization)));
  WpReportDraft view = *self->draft;
  char *json;

  view.year = year;
  view.title = title[0] != '\0' ? title : self->draft->title;
  view.organization = organization;
  view.items = roots;
  json = wp_report_draft_to_string (&view);
  forget_tree (self);
  return json;
}

/* Adds the rows to the plan the window shows, under the area chosen or
 * as new areas, as one undoable step */
static gboolean
import_into_current (WpReportDialog *self)
{
  g_autoptr(GError) error = NULL;
  WpPlan *shown = _wp_window_get_selected_plan (self->window);
  /* (the window may take another object for the plan once it changed) */
  g_autoptr(WpPlan) plan = shown != NULL ? g_object_ref (shown) : NULL;
  WpContext *context = _wp_window_get_context (self->window);
  guint chosen = gtk_drop_down_get_selected (self->into_area);
  gint64 area_id = 0;
  g_autoptr(GPtrArray) roots = NULL;
  g_autofree char *label = NULL;
  g_autofree char *message = NULL;
  guint n = 0;
  gboolean ok;

  if (plan == NULL || context == NULL)
    return FALSE;
  if (self->area_ids != NULL && chosen < self->area_ids->len)
    area_id = g_array_index (self->area_ids, gint64, chosen);
  roots = build_tree (self, wp_plan_get_year (plan));
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->rows)); i++)
    n += _wp_report_dialog_row_is_imported (self, i);
  label = g_strdup_printf (_("Import “%s”"), self->name);
  /* (a copy of the file first, as before any import) */
  ok = _wp_window_back_up_before_adding (self->window, &error)
       && wp_edit_add_report_items (wp_context_get_undo_stack (context), wp_plan_get_id (plan),
                                    area_id, roots, label, &error);
  forget_tree (self);
  if (!ok)
    {
      _wp_window_say_import_failed (self->window, self->name, error);
      return FALSE;
    }
  message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Added %u item to the %d plan",
                                          "Added %u items to the %d plan", n),
                             n, wp_plan_get_year (plan));
  wp_view_toast (GTK_WIDGET (_wp_window_get_outline (self->window)), message,
                 wp_context_get_undo_stack (context));
  gtk_window_destroy (GTK_WINDOW (self));
  return TRUE;
}

static gboolean
import_later (gpointer user_data)
{
  WpReportDialog *self = user_data;

  if (gtk_widget_get_realized (GTK_WIDGET (self)))
    wp_report_dialog_import (self);
  return G_SOURCE_REMOVE;
}

static void
on_other_year_response (AdwMessageDialog *dialog,
                        const char       *response,
                        WpReportDialog   *self)
{
  int year = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (dialog), "wp-year"));

  if (g_strcmp0 (response, "other") != 0)
    {
      gtk_widget_grab_focus (GTK_WIDGET (self->year));
      return;
    }
  gtk_spin_button_set_value (self->year, year);
  /* once the question has gone: Import closes the dialog it belongs to */
  g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, import_later, g_object_ref (self), g_object_unref);
}

/* A year holds one plan: offer the next free year */
static void
offer_other_year (WpReportDialog *self,
                  int             year)
{
  int free_year = year + 1;
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;
  g_autofree char *other = NULL;
  AdwMessageDialog *dialog;

  while (free_year < 9999 && _wp_report_dialog_year_has_plan (self, free_year))
    free_year++;
  heading = g_strdup_printf (_("There Is Already a %d Plan"), year);
  body = g_strdup_printf (_("Each year holds one plan. Import the report as the %d plan "
                            "instead, or choose the year yourself."), free_year);
  /* Translators: a button; %d is a year */
  other = g_strdup_printf (_("Import as %d"), free_year);
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), heading, body));
  adw_message_dialog_add_responses (dialog, "cancel", _("_Choose Another Year"),
                                    "other", other, NULL);
  adw_message_dialog_set_response_appearance (dialog, "other", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "other");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_object_set_data (G_OBJECT (dialog), "wp-year", GINT_TO_POINTER (free_year));
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_other_year_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/**
 * wp_report_dialog_import:
 *
 * Writes the draft as shown as a new plan, or into the window's plan when
 * the user chose so, in one undoable step, shows it in the window and
 * closes the dialog. When the year has a plan already,
 * offers another year and writes nothing; on failure the window says why
 * and the dialog stays open.
 *
 * Returns: whether the plan was written
 */
gboolean
wp_report_dialog_import (WpReportDialog *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WpJsonDocument) doc = NULL;
  g_autofree char *json = NULL;
  int year;

  g_return_val_if_fail (WP_IS_REPORT_DIALOG (self), FALSE);
  if (self->reading || self->draft == NULL || self->window == NULL
      || g_list_model_get_n_items (G_LIST_MODEL (self->rows)) == 0)
    return FALSE;
  if (gtk_check_button_get_active (self->into_current))
    return import_into_current (self);
  gtk_spin_button_update (self->year);
  year = gtk_spin_button_get_value_as_int (self->year);
  if (_wp_report_dialog_year_has_plan (self, year))
    {
      offer_other_year (self, year);
      return FALSE;
    }
  json = draft_json (self, year);
  doc = wp_json_document_parse (json, -1, &error);
  if (!_wp_window_import_document (self->window, self->name, doc, error))
    return FALSE;
  gtk_window_destroy (GTK_WINDOW (self));
  return TRUE;
}
