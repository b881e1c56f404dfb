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
#include "wp-item-editor.h"
#include "wp-toast.h"
#include "wp-light.h"

struct _WpItemEditor
{
  AdwBin               parent_instance;

  GtkStack            *stack;
  AdwEntryRow         *title_row;
  AdwComboRow         *kind_row;
  AdwComboRow         *status_row;
  AdwActionRow        *progress_row;
  GtkSpinButton       *progress_spin;
  AdwActionRow        *derived_row;
  GtkSwitch           *derived_switch;
  AdwEntryRow         *due_row;
  AdwActionRow        *due_date_row;
  AdwEntryRow         *lead_row;
  AdwEntryRow         *co_row;
  GtkTextView         *description_view;
  AdwPreferencesGroup *milestones_group;
  AdwEntryRow         *milestone_rows[4];   /* the state expected by each quarter's end */
  GtkSpinButton       *milestone_spins[4];  /* and the progress, empty for none */
  GtkLabel            *milestone_marks[4];  /* how the item stands, on the quarter judged */
  AdwPreferencesGroup *targets_group;
  AdwPreferencesGroup *notes_group;
  AdwEntryRow         *note_row;
  AdwActionRow        *note_date_row;
  GtkMenuButton       *note_date_button;
  GtkCalendar         *note_calendar;
  AdwEntryRow         *note_reporter_row;
  GDate                note_date;    /* the day a new note is for; invalid: today */
  WpCloseoutGroup     *closeout;

  WpContext           *context;
  WpItem              *item;
  GPtrArray           *target_rows;
  GPtrArray           *note_rows;
  gboolean             updating;
};

G_DEFINE_FINAL_TYPE (WpItemEditor, wp_item_editor, ADW_TYPE_BIN)

static WpUndoStack *
get_undo (WpItemEditor *self)
{
  return self->context ? wp_context_get_undo_stack (self->context) : NULL;
}

static void
report_message (WpItemEditor *self,
                const char   *message)
{
  AdwToastOverlay *overlay =
    ADW_TOAST_OVERLAY (gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY));

  if (overlay != NULL)
    adw_toast_overlay_add_toast (overlay, wp_toast_new (message));
}

static void
report (WpItemEditor *self,
        const GError *error)
{
  report_message (self, error->message);
}

static gboolean
can_edit (WpItemEditor *self)
{
  return !self->updating && self->item != NULL && get_undo (self) != NULL;
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

static char *
join_names (const char * const *names)
{
  return g_strjoinv ("、", (char **) names);
}

static void
clear_rows (AdwPreferencesGroup *group,
            GPtrArray           *rows)
{
  for (guint i = 0; i < rows->len; i++)
    adw_preferences_group_remove (group, g_ptr_array_index (rows, i));
  g_ptr_array_set_size (rows, 0);
}

static char *
format_number (double value)
{
  return g_strdup_printf ("%g", value);
}

static void edit_target (WpItemEditor *self,
                         AdwActionRow *row);

static void
refresh_targets (WpItemEditor *self)
{
  g_autoptr(GPtrArray) targets = NULL;

  clear_rows (self->targets_group, self->target_rows);
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

  if (!g_str_equal (response, "save") || !can_edit (self))
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
      report_message (self, _("Baseline, target and current value must be numbers, "
                              "such as 45 or 99.5, or left empty."));
      return;
    }

  ok = d->target != NULL
       ? wp_edit_set_target (get_undo (self), wp_item_get_id (self->item), &t, &error)
       : wp_edit_add_target (get_undo (self), wp_item_get_id (self->item), &t, &error);
  if (!ok)
    report (self, error);
  refresh_targets (self);
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
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "save", target ? _("_Save") : _("_Add"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "save",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "save");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
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

static void
on_add_target_clicked (WpItemEditor *self)
{
  if (self->item != NULL)
    open_target_dialog (self, NULL);
}

static void
refresh_notes (WpItemEditor *self)
{
  g_autoptr(GPtrArray) notes = NULL;

  if (self->item == NULL || self->context == NULL)
    return;

  clear_rows (self->notes_group, self->note_rows);
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

/* Whether the keyboard focus is inside @widget, or it holds text typed
 * and not saved: such a field is being typed in, and a refresh must not
 * overwrite it. */
static gboolean
has_focus_within (GtkWidget *widget)
{
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *focus = root ? gtk_root_get_focus (root) : NULL;

  if (g_object_get_data (G_OBJECT (widget), "wp-edited") != NULL)
    return TRUE;
  return focus != NULL && (focus == widget || gtk_widget_is_ancestor (focus, widget));
}

static void
set_text_unless_typing (GtkWidget  *editable,
                        const char *text,
                        gboolean    keep_typing)
{
  if (!(keep_typing && has_focus_within (editable)))
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

static void
show_field (WpItemEditor *self,
            AdwEntryRow  *row)
{
  g_autofree char *text = field_text (self, row);
  gboolean updating = self->updating;

  self->updating = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (row), text);
  self->updating = updating;
}

/* Milestones */

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

static void
refresh_milestones (WpItemEditor *self,
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
      if (!(keep_typing && has_focus_within (row)))
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

static void
refresh_fields (WpItemEditor *self,
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

  if (!(keep_typing && has_focus_within (GTK_WIDGET (self->description_view))))
    gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->description_view),
                              wp_item_get_description (self->item), -1);

  refresh_milestones (self, keep_typing);
  refresh_targets (self);
  refresh_notes (self);

  self->updating = FALSE;
  gtk_stack_set_visible_child_name (self->stack, "item");
}

static void
refresh (WpItemEditor *self)
{
  refresh_fields (self, FALSE);
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
  if (!wp_edit_set_property (get_undo (self), wp_item_get_id (self->item), property, &v, &error))
    {
      report (self, error);
      /* (back to what is saved, but not over text being typed) */
      refresh_fields (self, TRUE);
    }
}

/* The text of an entry row without the spaces around it */
static char *
stripped_text (AdwEntryRow *row)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
}

/* Hides a row's apply button once what it shows is saved: the button is
 * only reset by a click on it otherwise, and would say that something is
 * still to be applied. */
static void
mark_saved (AdwEntryRow *row)
{
  adw_entry_row_set_show_apply_button (row, FALSE);
  adw_entry_row_set_show_apply_button (row, TRUE);
  g_object_set_data (G_OBJECT (row), "wp-edited", NULL);
}

static gboolean
commit_title (WpItemEditor  *self,
              GError       **error)
{
  g_autofree char *title = stripped_text (self->title_row);

  if (g_strcmp0 (title, wp_item_get_title (self->item)) != 0
      && !wp_edit_set_title (get_undo (self), wp_item_get_id (self->item), title, error))
    return FALSE;
  mark_saved (self->title_row);
  return TRUE;
}

static void
on_title_apply (WpItemEditor *self)
{
  g_autoptr(GError) error = NULL;

  if (can_edit (self) && !commit_title (self, &error))
    report (self, error);
}

static void
on_kind_selected (WpItemEditor *self)
{
  guint kind = adw_combo_row_get_selected (self->kind_row);

  if (can_edit (self) && kind <= WP_ITEM_KIND_ACTION && kind != wp_item_get_kind (self->item))
    set_string_property (self, "kind", wp_item_kind_to_string (kind));
}

static void
on_status_selected (WpItemEditor *self)
{
  guint status = adw_combo_row_get_selected (self->status_row);

  if (!can_edit (self) || status > WP_ITEM_STATUS_SUSPENDED
      || status == wp_item_get_status (self->item))
    return;
  if (status == WP_ITEM_STATUS_DONE)
    {
      /* Done is a close-out: the dialog asks for the completion note and
       * sets done itself; until then the item keeps its status. */
      self->updating = TRUE;
      adw_combo_row_set_selected (self->status_row, wp_item_get_status (self->item));
      self->updating = FALSE;
      wp_closeout_dialog_present (GTK_WIDGET (self), get_undo (self), self->item);
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
  if (!wp_edit_set_property (get_undo (self), wp_item_get_id (self->item), "progress", &v,
                             &error))
    report (self, error);
}

static void
on_progress_changed (WpItemEditor *self)
{
  int value = gtk_spin_button_get_value_as_int (self->progress_spin);

  if (can_edit (self) && value != wp_item_get_effective_progress (self->item))
    set_progress (self, value);
}

static void
on_derived_toggled (WpItemEditor *self)
{
  if (!can_edit (self))
    return;
  set_progress (self, gtk_switch_get_active (self->derived_switch)
                      ? -1 : wp_item_get_effective_progress (self->item));
}

static gboolean
commit_due (WpItemEditor  *self,
            GError       **error)
{
  g_autofree char *text = stripped_text (self->due_row);

  if (g_strcmp0 (text, wp_item_get_due_label (self->item)) != 0
      && !wp_edit_set_due_text (get_undo (self), wp_item_get_id (self->item), text, error))
    return FALSE;
  mark_saved (self->due_row);
  return TRUE;
}

static void
on_due_apply (WpItemEditor *self)
{
  g_autoptr(GError) error = NULL;

  if (can_edit (self) && !commit_due (self, &error))
    report (self, error);
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
      && !wp_edit_set_agencies (get_undo (self), wp_item_get_id (self->item), role,
                                (const char * const *) names, error))
    return FALSE;
  mark_saved (row);
  return TRUE;
}

static void
on_lead_apply (WpItemEditor *self)
{
  g_autoptr(GError) error = NULL;

  if (can_edit (self) && !commit_agencies (self, self->lead_row, &error))
    report (self, error);
}

static void
on_co_apply (WpItemEditor *self)
{
  g_autoptr(GError) error = NULL;

  if (can_edit (self) && !commit_agencies (self, self->co_row, &error))
    report (self, error);
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
  return wp_edit_set_property (get_undo (self), wp_item_get_id (self->item), "description", &v,
                               error);
}

/* Saves the milestone a quarter's row shows, if it differs from the stored one. */
static gboolean
commit_milestone (WpItemEditor  *self,
                  int            quarter,
                  GError       **error)
{
  AdwEntryRow *row = self->milestone_rows[quarter - 1];
  g_autofree char *text = stripped_text (row);
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
      && !wp_edit_set_milestone (get_undo (self), wp_item_get_id (self->item), quarter, text,
                                 progress, error))
    return FALSE;
  mark_saved (row);
  return TRUE;
}

static void
on_milestone_apply (AdwEntryRow  *row,
                    WpItemEditor *self)
{
  g_autoptr(GError) error = NULL;
  int quarter = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (row), "wp-quarter"));

  if (can_edit (self) && !commit_milestone (self, quarter, &error))
    report (self, error);
}

/* The spin button has taken a value (a step, or what was typed, on Enter
 * or when the focus left it): the quarter's milestone is saved at once. */
static void
on_milestone_spin_changed (GtkSpinButton *spin,
                           WpItemEditor  *self)
{
  g_autoptr(GError) error = NULL;
  int quarter = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (spin), "wp-quarter"));

  if (can_edit (self) && !commit_milestone (self, quarter, &error))
    {
      report (self, error);
      refresh_milestones (self, TRUE);
    }
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

  if (!can_edit (self) || g_object_get_data (G_OBJECT (widget), "wp-edited") == NULL)
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
    saved = commit_milestone (self,
                              GPOINTER_TO_INT (g_object_get_data (G_OBJECT (widget),
                                                                  "wp-quarter")),
                              error);
  if (saved)
    {
      g_object_set_data (G_OBJECT (widget), "wp-edited", NULL);
      /* Names written with commas show as saved, with 、 */
      if (ADW_IS_ENTRY_ROW (widget) && !has_focus_within (widget)
          && g_object_get_data (G_OBJECT (widget), "wp-quarter") == NULL)
        show_field (self, ADW_ENTRY_ROW (widget));
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
    report (self, error);
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

static void
on_note_day_selected (WpItemEditor *self)
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
static void
reset_note_fields (WpItemEditor *self)
{
  const char * const *lead = self->item != NULL ? wp_item_get_lead_agencies (self->item) : NULL;

  g_date_clear (&self->note_date, 1);
  show_note_date (self);
  gtk_editable_set_text (GTK_EDITABLE (self->note_reporter_row),
                         lead != NULL && lead[0] != NULL ? lead[0] : "");
}

static void
on_note_apply (WpItemEditor *self)
{
  g_autofree char *reporter = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  int progress;

  if (!can_edit (self))
    return;
  text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->note_row))));
  if (text[0] == '\0')
    return;

  /* A note records the progress shown now, so the history keeps it. */
  progress = gtk_spin_button_get_value_as_int (self->progress_spin);
  reporter = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->note_reporter_row))));
  if (!wp_edit_add_note_by (get_undo (self), wp_item_get_id (self->item),
                            g_date_valid (&self->note_date) ? &self->note_date
                                                            : wp_context_get_today (self->context),
                            text, progress, reporter, &error))
    {
      report (self, error);
      return;
    }
  gtk_editable_set_text (GTK_EDITABLE (self->note_row), "");
  reset_note_fields (self);
  refresh_notes (self);
}

static void
on_item_notify (WpItemEditor *self)
{
  /* Do not overwrite what is being typed in another field. */
  refresh_fields (self, TRUE);
  wp_closeout_group_refresh (self->closeout);
}

static void
on_undo_changed (WpItemEditor *self)
{
  if (self->item == NULL)
    return;
  refresh_notes (self);
  refresh_targets (self);
  wp_closeout_group_refresh (self->closeout);
  /* (a milestone changes no property of the item: the undo stack tells) */
  refresh_milestones (self, TRUE);
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
  if (self->context != NULL && get_undo (self) != NULL)
    g_signal_handlers_disconnect_by_func (get_undo (self), on_undo_changed, self);
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
  gtk_widget_class_bind_template_callback (widget_class, on_note_apply);
  gtk_widget_class_bind_template_callback (widget_class, on_note_day_selected);
}

/* Four rows, a quarter each: the state expected as the row's text, the
 * progress expected in a spin button beside it, and how the item stands
 * on the quarter it is judged against. */
static void
setup_milestone_rows (WpItemEditor *self)
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
    g_signal_connect_swapped (add, "clicked", G_CALLBACK (on_add_target_clicked), self);
    adw_preferences_group_set_header_suffix (self->targets_group, add);
  }

  setup_milestone_rows (self);

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

  if (self->context != NULL && get_undo (self) != NULL)
    g_signal_handlers_disconnect_by_func (get_undo (self), on_undo_changed, self);
  g_set_object (&self->context, context);
  wp_closeout_group_set_context (self->closeout, context);
  if (context != NULL && get_undo (self) != NULL)
    g_signal_connect_swapped (get_undo (self), "notify::undo-label",
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
          report (self, error);
          return;
        }
      g_signal_handlers_disconnect_by_func (self->item, on_item_notify, self);
    }
  g_set_object (&self->item, item);
  if (item != NULL)
    g_signal_connect_swapped (item, "notify", G_CALLBACK (on_item_notify), self);
  g_object_set_data (G_OBJECT (self->description_view), "wp-edited", NULL);
  refresh (self);
  reset_note_fields (self);
  wp_closeout_group_set_item (self->closeout, item);
  /* (what another item showed was saved or is gone with it) */
  mark_saved (self->title_row);
  mark_saved (self->due_row);
  mark_saved (self->lead_row);
  mark_saved (self->co_row);
  for (guint i = 0; i < G_N_ELEMENTS (self->milestone_rows); i++)
    mark_saved (self->milestone_rows[i]);
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
