/* wp-item-editor.c: the side pane that edits one item
 *
 * Every field writes through the undo stack when it is applied (Enter or
 * the apply button in an entry row, a choice in a combo row) and when
 * the focus leaves it, the pane moves to another item or closes, so what
 * is typed is never dropped, and each change can be undone. A field that
 * cannot be saved keeps its text and says why. The pane follows the
 * item's notify signals, so undo and edits made in the outline show here
 * too.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <glib/gi18n.h>

#include "wp-tooltip.h"
#include "wp-agency-completion.h"
#include "wp-closeout-dialog.h"
#include "wp-closeout-group.h"
#include "wp-item-editor-private.h"
#include "wp-toast.h"
#include "wp-busy-retry.h"
#include "wp-light.h"

G_DEFINE_FINAL_TYPE (WpItemEditor, wp_item_editor, ADW_TYPE_BIN)

WpUndoStack *
_wp_editor_get_undo (WpItemEditor *self)
{
  return self->context ? wp_context_get_undo_stack (self->context) : NULL;
}

void
_wp_editor_report_message (WpItemEditor *self,
                           const char   *message)
{
  AdwToastOverlay *overlay =
    ADW_TOAST_OVERLAY (gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY));

  if (overlay != NULL)
    adw_toast_overlay_add_toast (overlay, wp_toast_new (message));
}

void
_wp_editor_report (WpItemEditor *self,
                   const GError *error)
{
  _wp_editor_report_message (self, error->message);
}

static gboolean
retry_save (GtkWidget  *owner,
            GError    **error)
{
  return wp_item_editor_save (WP_ITEM_EDITOR (owner), error);
}

/* Typed text that could not be saved: while another program writes to the
 * file, it is saved by itself once it is done (wp-busy-retry.c); other
 * reasons are told. */
static void
report_unsaved (WpItemEditor *self,
                const GError *error)
{
  if (!wp_busy_retry_start (GTK_WIDGET (self), error, retry_save))
    _wp_editor_report (self, error);
}

gboolean
_wp_editor_can_edit (WpItemEditor *self)
{
  return !self->updating && self->item != NULL && _wp_editor_get_undo (self) != NULL;
}

/* Agency names as typed: separated by 、 ， , ; or spaces around them. */
static GStrv
split_names (const char *text)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(GRegex) sep = g_regex_new ("\\s*[、，,;；]\\s*", 0, 0, NULL);
  g_auto(GStrv) parts = g_regex_split (sep, text, 0);

  for (guint i = 0; parts[i] != NULL; i++)
    {
      g_autofree char *name = g_strstrip (g_strdup (parts[i]));
      if (name[0] != '\0')
        g_strv_builder_add (builder, name);
    }
  return g_strv_builder_end (builder);
}

void
_wp_editor_clear_rows (AdwPreferencesGroup *group,
                       GPtrArray           *rows)
{
  for (guint i = 0; i < rows->len; i++)
    adw_preferences_group_remove (group, g_ptr_array_index (rows, i));
  g_ptr_array_set_size (rows, 0);
}

/* Whether the keyboard focus is inside @widget, or it holds text typed
 * and not saved: such a field is being typed in, and a refresh must not
 * overwrite it. */
gboolean
_wp_editor_has_focus_within (GtkWidget *widget)
{
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *focus = root ? gtk_root_get_focus (root) : NULL;

  if (g_object_get_data (G_OBJECT (widget), "wp-edited") != NULL)
    return TRUE;
  return focus != NULL && (focus == widget || gtk_widget_is_ancestor (focus, widget));
}

static void
refresh (WpItemEditor *self)
{
  _wp_editor_refresh_fields (self, FALSE);
}

static void
set_string_property (WpItemEditor *self,
                     const char   *property,
                     const char   *value)
{
  g_autoptr(GError) error = NULL;
  g_auto(GValue) v = G_VALUE_INIT;

  g_value_init (&v, G_TYPE_STRING);
  g_value_set_string (&v, value);
  if (!wp_edit_set_property (_wp_editor_get_undo (self), wp_item_get_id (self->item), property,
                             &v, &error))
    {
      _wp_editor_report (self, error);
      /* (back to what is saved, but not over text being typed) */
      _wp_editor_refresh_fields (self, TRUE);
    }
}

/* The text of an entry row without the spaces around it */
char *
_wp_editor_stripped_text (AdwEntryRow *row)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
}

/* Hides a row's apply button once what it shows is saved: the button is
 * only reset by a click on it otherwise, and would say that something is
 * still to be applied. */
void
_wp_editor_mark_saved (AdwEntryRow *row)
{
  adw_entry_row_set_show_apply_button (row, FALSE);
  adw_entry_row_set_show_apply_button (row, TRUE);
  g_object_set_data (G_OBJECT (row), "wp-edited", NULL);
}

static gboolean
commit_title (WpItemEditor  *self,
              GError       **error)
{
  g_autofree char *title = _wp_editor_stripped_text (self->title_row);

  if (g_strcmp0 (title, wp_item_get_title (self->item)) != 0
      && !wp_edit_set_title (_wp_editor_get_undo (self), wp_item_get_id (self->item), title, error))
    return FALSE;
  _wp_editor_mark_saved (self->title_row);
  return TRUE;
}

static void
on_title_apply (WpItemEditor *self)
{
  g_autoptr(GError) error = NULL;

  if (_wp_editor_can_edit (self) && !commit_title (self, &error))
    report_unsaved (self, error);
}

static void
on_kind_selected (WpItemEditor *self)
{
  guint kind = adw_combo_row_get_selected (self->kind_row);

  if (_wp_editor_can_edit (self) && kind <= WP_ITEM_KIND_ACTION
      && kind != wp_item_get_kind (self->item))
    set_string_property (self, "kind", wp_item_kind_to_string (kind));
}

static void
on_status_selected (WpItemEditor *self)
{
  guint status = adw_combo_row_get_selected (self->status_row);

  if (!_wp_editor_can_edit (self) || status > WP_ITEM_STATUS_SUSPENDED
      || status == wp_item_get_status (self->item))
    return;
  if (status == WP_ITEM_STATUS_DONE)
    {
      /* Done is a close-out: the dialog asks for the completion note and
       * sets done itself; until then the item keeps its status. */
      self->updating = TRUE;
      adw_combo_row_set_selected (self->status_row, wp_item_get_status (self->item));
      self->updating = FALSE;
      wp_closeout_dialog_present (GTK_WIDGET (self), _wp_editor_get_undo (self), self->item);
      return;
    }
  set_string_property (self, "status", wp_item_status_to_string (status));
}

static void
set_progress (WpItemEditor *self,
              int           progress)
{
  g_autoptr(GError) error = NULL;
  g_auto(GValue) v = G_VALUE_INIT;

  g_value_init (&v, G_TYPE_INT);
  g_value_set_int (&v, progress);
  if (!wp_edit_set_property (_wp_editor_get_undo (self), wp_item_get_id (self->item),
                             "progress", &v,
                             &error))
    _wp_editor_report (self, error);
}

static void
on_progress_changed (WpItemEditor *self)
{
  int value = gtk_spin_button_get_value_as_int (self->progress_spin);

  if (_wp_editor_can_edit (self) && value != wp_item_get_effective_progress (self->item))
    set_progress (self, value);
}

static void
on_derived_toggled (WpItemEditor *self)
{
  if (!_wp_editor_can_edit (self))
    return;
  set_progress (self, gtk_switch_get_active (self->derived_switch)
                      ? -1 : wp_item_get_effective_progress (self->item));
}

static gboolean
commit_due (WpItemEditor  *self,
            GError       **error)
{
  g_autofree char *text = _wp_editor_stripped_text (self->due_row);

  if (g_strcmp0 (text, wp_item_get_due_label (self->item)) != 0
      && !wp_edit_set_due_text (_wp_editor_get_undo (self), wp_item_get_id (self->item), text,
                                error))
    return FALSE;
  _wp_editor_mark_saved (self->due_row);
  return TRUE;
}

static void
on_due_apply (WpItemEditor *self)
{
  g_autoptr(GError) error = NULL;

  if (_wp_editor_can_edit (self) && !commit_due (self, &error))
    report_unsaved (self, error);
}

static gboolean
commit_agencies (WpItemEditor  *self,
                 AdwEntryRow   *row,
                 GError       **error)
{
  WpAgencyRole role = row == self->lead_row ? WP_AGENCY_ROLE_LEAD : WP_AGENCY_ROLE_CO;
  const char * const *now = role == WP_AGENCY_ROLE_LEAD
                            ? wp_item_get_lead_agencies (self->item)
                            : wp_item_get_co_agencies (self->item);
  g_auto(GStrv) names = split_names (gtk_editable_get_text (GTK_EDITABLE (row)));

  /* (the same names written another way, with commas, are no change) */
  if (!g_strv_equal ((const char * const *) names, now)
      && !wp_edit_set_agencies (_wp_editor_get_undo (self), wp_item_get_id (self->item), role,
                                (const char * const *) names, error))
    return FALSE;
  _wp_editor_mark_saved (row);
  return TRUE;
}

static void
on_lead_apply (WpItemEditor *self)
{
  g_autoptr(GError) error = NULL;

  if (_wp_editor_can_edit (self) && !commit_agencies (self, self->lead_row, &error))
    report_unsaved (self, error);
}

static void
on_co_apply (WpItemEditor *self)
{
  g_autoptr(GError) error = NULL;

  if (_wp_editor_can_edit (self) && !commit_agencies (self, self->co_row, &error))
    report_unsaved (self, error);
}

static gboolean
commit_description (WpItemEditor  *self,
                    GError       **error)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->description_view);
  g_autofree char *text = NULL;
  g_auto(GValue) v = G_VALUE_INIT;
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  if (g_strcmp0 (text, wp_item_get_description (self->item)) == 0)
    return TRUE;
  g_value_init (&v, G_TYPE_STRING);
  g_value_set_string (&v, text);
  return wp_edit_set_property (_wp_editor_get_undo (self), wp_item_get_id (self->item),
                               "description", &v,
                               error);
}

/* A field typed in is marked until what it shows is saved: no refresh
 * overwrites it, and only what was typed is written (another field shown
 * before a change elsewhere reached it must not write its old value). */
static void
on_field_changed (GObject      *field,
                  WpItemEditor *self)
{
  if (!self->updating && self->item != NULL)
    g_object_set_data (G_OBJECT (field), "wp-edited", GINT_TO_POINTER (TRUE));
}

static void
on_description_changed (GtkTextBuffer *buffer,
                        WpItemEditor  *self)
{
  on_field_changed (G_OBJECT (self->description_view), self);
}

/* Saves what was typed in the field @widget, if it differs from the item. */
static gboolean
commit_field (WpItemEditor  *self,
              GtkWidget     *widget,
              GError       **error)
{
  gboolean saved = TRUE;

  if (!_wp_editor_can_edit (self) || g_object_get_data (G_OBJECT (widget), "wp-edited") == NULL)
    return TRUE;
  if (widget == GTK_WIDGET (self->title_row))
    saved = commit_title (self, error);
  else if (widget == GTK_WIDGET (self->due_row))
    saved = commit_due (self, error);
  else if (widget == GTK_WIDGET (self->lead_row) || widget == GTK_WIDGET (self->co_row))
    saved = commit_agencies (self, ADW_ENTRY_ROW (widget), error);
  else if (widget == GTK_WIDGET (self->description_view))
    saved = commit_description (self, error);
  else if (g_object_get_data (G_OBJECT (widget), "wp-quarter") != NULL)
    saved = _wp_editor_commit_milestone (self,
                              GPOINTER_TO_INT (g_object_get_data (G_OBJECT (widget),
                                                                  "wp-quarter")),
                              error);
  if (saved)
    {
      g_object_set_data (G_OBJECT (widget), "wp-edited", NULL);
      /* Names written with commas show as saved, with 、 */
      if (ADW_IS_ENTRY_ROW (widget) && !_wp_editor_has_focus_within (widget)
          && g_object_get_data (G_OBJECT (widget), "wp-quarter") == NULL)
        _wp_editor_show_field (self, ADW_ENTRY_ROW (widget));
    }
  return saved;
}

/* The focus left a field: what it shows is saved, or it keeps the text
 * and says why not. */
static void
on_field_leave (GtkEventControllerFocus *controller,
                WpItemEditor            *self)
{
  g_autoptr(GError) error = NULL;

  if (!commit_field (self, gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (controller)),
                     &error))
    report_unsaved (self, error);
}

static void
on_item_notify (WpItemEditor *self)
{
  /* Do not overwrite what is being typed in another field. */
  _wp_editor_refresh_fields (self, TRUE);
  wp_closeout_group_refresh (self->closeout);
}

static void
on_undo_changed (WpItemEditor *self)
{
  if (self->item == NULL)
    return;
  _wp_editor_refresh_notes (self);
  _wp_editor_refresh_targets (self);
  wp_closeout_group_refresh (self->closeout);
  /* (a milestone changes no property of the item: the undo stack tells) */
  _wp_editor_refresh_milestones (self, TRUE);
}

static GListModel *
new_choices (const char *(*label) (guint value),
             guint       n)
{
  GtkStringList *list = gtk_string_list_new (NULL);

  for (guint i = 0; i < n; i++)
    gtk_string_list_append (list, label (i));
  return G_LIST_MODEL (list);
}

static const char *
kind_label (guint value)
{
  return wp_item_kind_to_label (value);
}

static const char *
status_label (guint value)
{
  return wp_item_status_to_label (value);
}

static void
wp_item_editor_dispose (GObject *object)
{
  WpItemEditor *self = WP_ITEM_EDITOR (object);

  wp_item_editor_set_item (self, NULL);
  if (self->context != NULL && _wp_editor_get_undo (self) != NULL)
    g_signal_handlers_disconnect_by_func (_wp_editor_get_undo (self), on_undo_changed, self);
  g_clear_object (&self->context);
  g_clear_pointer (&self->target_rows, g_ptr_array_unref);
  g_clear_pointer (&self->note_rows, g_ptr_array_unref);

  G_OBJECT_CLASS (wp_item_editor_parent_class)->dispose (object);
}

static void
wp_item_editor_class_init (WpItemEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = wp_item_editor_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/workplan/Workplan/wp-item-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, WpItemEditor, stack);
  gtk_widget_class_bind_template_child (widget_class, WpItemEditor, title_row);
  gtk_widget_class_bind_template_child (widget_class, WpItemEditor, kind_row);
  gtk_widget_class_bind_template_child (widget_class, WpItemEditor, status_row);
  gtk_widget_class_bind_template_child (widget_class, WpItemEditor, progress_row);
  gtk_widget_class_bind_template_child (widget_class, WpItemEditor, progress_spin);
  gtk_widget_class_bind_template_child (widget_class, WpItemEditor, derived_row);
  gtk_widget_class_bind_template_child (widget_class, WpItemEditor, derived_switch);
  gtk_widget_class_bind_template_child (widget_class, WpItemEditor, due_row);
  gtk_widget_class_bind_template_child (widget_class, WpItemEditor, due_date_row);
  gtk_widget_class_bind_template_child (widget_class, WpItemEditor, lead_row);
  gtk_widget_class_bind_template_child (widget_class, WpItemEditor, co_row);
  gtk_widget_class_bind_template_child (widget_class, WpItemEditor, description_view);
  gtk_widget_class_bind_template_child (widget_class, WpItemEditor, milestones_group);
  gtk_widget_class_bind_template_child (widget_class, WpItemEditor, targets_group);
  gtk_widget_class_bind_template_child (widget_class, WpItemEditor, notes_group);
  gtk_widget_class_bind_template_child (widget_class, WpItemEditor, note_row);
  gtk_widget_class_bind_template_child (widget_class, WpItemEditor, note_date_row);
  gtk_widget_class_bind_template_child (widget_class, WpItemEditor, note_date_button);
  gtk_widget_class_bind_template_child (widget_class, WpItemEditor, note_calendar);
  gtk_widget_class_bind_template_child (widget_class, WpItemEditor, note_reporter_row);
  gtk_widget_class_bind_template_callback (widget_class, on_title_apply);
  gtk_widget_class_bind_template_callback (widget_class, on_kind_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_status_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_progress_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_derived_toggled);
  gtk_widget_class_bind_template_callback (widget_class, on_due_apply);
  gtk_widget_class_bind_template_callback (widget_class, on_lead_apply);
  gtk_widget_class_bind_template_callback (widget_class, on_co_apply);
  gtk_widget_class_bind_template_callback_full (widget_class, "on_note_apply",
                                                G_CALLBACK (_wp_editor_note_apply));
  gtk_widget_class_bind_template_callback_full (widget_class, "on_note_day_selected",
                                                G_CALLBACK (_wp_editor_note_day_selected));
}

static void
wp_item_editor_init (WpItemEditor *self)
{
  g_autoptr(GListModel) kinds = NULL;
  g_autoptr(GListModel) statuses = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->target_rows = g_ptr_array_new ();
  self->note_rows = g_ptr_array_new ();

  /* The close-out goes under the status it belongs with */
  {
    GtkWidget *status_group = gtk_widget_get_ancestor (GTK_WIDGET (self->status_row),
                                                       ADW_TYPE_PREFERENCES_GROUP);

    self->closeout = WP_CLOSEOUT_GROUP (wp_closeout_group_new ());
    gtk_box_insert_child_after (GTK_BOX (gtk_widget_get_parent (status_group)),
                                GTK_WIDGET (self->closeout), status_group);
  }

  self->updating = TRUE;
  kinds = new_choices (kind_label, WP_ITEM_KIND_ACTION + 1);
  statuses = new_choices (status_label, WP_ITEM_STATUS_SUSPENDED + 1);
  adw_combo_row_set_model (self->kind_row, kinds);
  adw_combo_row_set_model (self->status_row, statuses);
  self->updating = FALSE;

  {
    GtkWidget *add = gtk_button_new_from_icon_name ("list-add-symbolic");

    gtk_widget_add_css_class (add, "flat");
    wp_tooltip_set_text (add, _("Add a Target"));
    gtk_accessible_update_property (GTK_ACCESSIBLE (add), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                    _("Add a Target"), -1);
    g_signal_connect_swapped (add, "clicked", G_CALLBACK (_wp_editor_add_target), self);
    adw_preferences_group_set_header_suffix (self->targets_group, add);
  }

  _wp_editor_setup_milestones (self);

  {
    GtkWidget *fields[] = {
      GTK_WIDGET (self->title_row), GTK_WIDGET (self->due_row), GTK_WIDGET (self->lead_row),
      GTK_WIDGET (self->co_row), GTK_WIDGET (self->description_view),
      GTK_WIDGET (self->milestone_rows[0]), GTK_WIDGET (self->milestone_rows[1]),
      GTK_WIDGET (self->milestone_rows[2]), GTK_WIDGET (self->milestone_rows[3]),
    };

    for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
      {
        GtkEventController *focus = gtk_event_controller_focus_new ();

        g_signal_connect (focus, "leave", G_CALLBACK (on_field_leave), self);
        gtk_widget_add_controller (fields[i], focus);
        if (GTK_IS_EDITABLE (fields[i]))
          g_signal_connect (fields[i], "changed", G_CALLBACK (on_field_changed), self);
      }
    g_signal_connect (gtk_text_view_get_buffer (self->description_view), "changed",
                      G_CALLBACK (on_description_changed), self);
  }
}

void
wp_item_editor_set_context (WpItemEditor *self,
                            WpContext    *context)
{
  g_return_if_fail (WP_IS_ITEM_EDITOR (self));

  if (self->context != NULL && _wp_editor_get_undo (self) != NULL)
    g_signal_handlers_disconnect_by_func (_wp_editor_get_undo (self), on_undo_changed, self);
  g_set_object (&self->context, context);
  wp_closeout_group_set_context (self->closeout, context);
  if (context != NULL && _wp_editor_get_undo (self) != NULL)
    g_signal_connect_swapped (_wp_editor_get_undo (self), "notify::undo-label",
                              G_CALLBACK (on_undo_changed), self);
  if (context != NULL && wp_context_get_store (context) != NULL
      && g_object_get_data (G_OBJECT (self->lead_row), "wp-agency-completion") == NULL)
    {
      wp_agency_completion_attach (self->lead_row, wp_context_get_store (context));
      wp_agency_completion_attach (self->co_row, wp_context_get_store (context));
    }
}

/**
 * wp_item_editor_save:
 *
 * Saves what the fields show that differs from the item: what is typed
 * and not yet applied. A field that cannot be saved keeps its text.
 *
 * Returns: %FALSE with @error if a field could not be saved
 */
gboolean
wp_item_editor_save (WpItemEditor  *self,
                     GError       **error)
{
  GtkWidget *fields[] = {
    GTK_WIDGET (self->title_row), GTK_WIDGET (self->due_row), GTK_WIDGET (self->lead_row),
    GTK_WIDGET (self->co_row), GTK_WIDGET (self->description_view),
    GTK_WIDGET (self->milestone_rows[0]), GTK_WIDGET (self->milestone_rows[1]),
    GTK_WIDGET (self->milestone_rows[2]), GTK_WIDGET (self->milestone_rows[3]),
  };
  gboolean saved = TRUE;

  g_return_val_if_fail (WP_IS_ITEM_EDITOR (self), FALSE);

  /* (a percentage typed and not yet taken by its spin button is taken now,
   * which saves its quarter) */
  for (guint i = 0; i < G_N_ELEMENTS (self->milestone_spins); i++)
    gtk_spin_button_update (self->milestone_spins[i]);

  /* (every field is tried: one that fails does not keep the others back) */
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      g_autoptr(GError) local_error = NULL;

      if (!commit_field (self, fields[i], &local_error))
        {
          if (saved)
            g_propagate_error (error, g_steal_pointer (&local_error));
          saved = FALSE;
        }
    }
  return saved;
}

/* Whether the item shown is still in the file (undo can take it away) */
static gboolean
item_exists (WpItemEditor *self)
{
  g_autoptr(WpItem) again = wp_store_get_item (wp_context_get_store (self->context),
                                               wp_item_get_id (self->item), NULL);

  return again != NULL;
}

/* Shows @item, or the empty page for %NULL. What is typed for the item
 * shown is saved first; if it cannot be, the pane says why and stays on
 * that item with the text, to be tried again at the next change. */
void
wp_item_editor_set_item (WpItemEditor *self,
                         WpItem       *item)
{
  g_return_if_fail (WP_IS_ITEM_EDITOR (self));

  if (self->item == item)
    return;

  if (self->item != NULL)
    {
      g_autoptr(GError) error = NULL;

      if (!wp_item_editor_save (self, &error) && item != NULL && item_exists (self))
        {
          _wp_editor_report (self, error);
          return;
        }
      g_signal_handlers_disconnect_by_func (self->item, on_item_notify, self);
    }
  g_set_object (&self->item, item);
  if (item != NULL)
    g_signal_connect_swapped (item, "notify", G_CALLBACK (on_item_notify), self);
  g_object_set_data (G_OBJECT (self->description_view), "wp-edited", NULL);
  refresh (self);
  _wp_editor_reset_note_fields (self);
  wp_closeout_group_set_item (self->closeout, item);
  /* (what another item showed was saved or is gone with it) */
  _wp_editor_mark_saved (self->title_row);
  _wp_editor_mark_saved (self->due_row);
  _wp_editor_mark_saved (self->lead_row);
  _wp_editor_mark_saved (self->co_row);
  for (guint i = 0; i < G_N_ELEMENTS (self->milestone_rows); i++)
    _wp_editor_mark_saved (self->milestone_rows[i]);
}

/**
 * wp_item_editor_focus_first_field:
 *
 * Puts the keyboard focus in the first field, its text not selected, so
 * that a key pressed by mistake does not replace it.
 */
void
wp_item_editor_focus_first_field (WpItemEditor *self)
{
  GtkEditable *text;

  g_return_if_fail (WP_IS_ITEM_EDITOR (self));

  text = gtk_editable_get_delegate (GTK_EDITABLE (self->title_row));
  if (self->item != NULL && GTK_IS_TEXT (text))
    gtk_text_grab_focus_without_selecting (GTK_TEXT (text));
  else
    gtk_widget_child_focus (GTK_WIDGET (self), GTK_DIR_TAB_FORWARD);
}

WpItem *
wp_item_editor_get_item (WpItemEditor *self)
{
  g_return_val_if_fail (WP_IS_ITEM_EDITOR (self), NULL);
  return self->item;
}
