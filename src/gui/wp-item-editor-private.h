/* wp-item-editor-private.h: what the item pane's sections share
 *
 * The pane (wp-item-editor.c) saves the item's own fields, which
 * wp-item-editor-fields.c shows; its sections live in files of their
 * own: the quarters' milestones (wp-item-editor-milestones.c), the
 * targets (wp-item-editor-targets.c) and the progress notes
 * (wp-item-editor-notes.c).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "wp-closeout-group.h"
#include "wp-item-editor.h"

G_BEGIN_DECLS

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

/* wp-item-editor.c */
WpUndoStack *_wp_editor_get_undo         (WpItemEditor        *self);
gboolean     _wp_editor_can_edit         (WpItemEditor        *self);
void         _wp_editor_report_message   (WpItemEditor        *self,
                                          const char          *message);
void         _wp_editor_report           (WpItemEditor        *self,
                                          const GError        *error);
gboolean     _wp_editor_has_focus_within (GtkWidget           *widget);
char        *_wp_editor_stripped_text    (AdwEntryRow         *row);
void         _wp_editor_mark_saved       (AdwEntryRow         *row);
void         _wp_editor_clear_rows       (AdwPreferencesGroup *group,
                                          GPtrArray           *rows);

/* wp-item-editor-fields.c */
void         _wp_editor_show_field         (WpItemEditor  *self,
                                            AdwEntryRow   *row);
void         _wp_editor_refresh_fields     (WpItemEditor  *self,
                                            gboolean       keep_typing);

/* wp-item-editor-milestones.c */
void         _wp_editor_setup_milestones   (WpItemEditor  *self);
void         _wp_editor_refresh_milestones (WpItemEditor  *self,
                                            gboolean       keep_typing);
gboolean     _wp_editor_commit_milestone   (WpItemEditor  *self,
                                            int            quarter,
                                            GError       **error);

/* wp-item-editor-targets.c */
void         _wp_editor_refresh_targets    (WpItemEditor  *self);
void         _wp_editor_add_target         (WpItemEditor  *self);

/* wp-item-editor-notes.c */
void         _wp_editor_refresh_notes      (WpItemEditor  *self);
void         _wp_editor_reset_note_fields  (WpItemEditor  *self);
void         _wp_editor_note_apply         (WpItemEditor  *self);
void         _wp_editor_note_day_selected  (WpItemEditor  *self);

G_END_DECLS
