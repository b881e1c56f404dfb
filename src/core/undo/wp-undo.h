/* wp-undo.h: every edit as an undoable command
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "wp-store.h"
#include "wp-tracking.h"

G_BEGIN_DECLS

#define WP_TYPE_UNDO_STACK (wp_undo_stack_get_type ())
G_DECLARE_FINAL_TYPE (WpUndoStack, wp_undo_stack, WP, UNDO_STACK, GObject)

WpUndoStack *wp_undo_stack_new            (WpStore             *store);
WpStore     *wp_undo_stack_get_store      (WpUndoStack         *self);
gboolean     wp_undo_stack_can_undo       (WpUndoStack         *self);
gboolean     wp_undo_stack_can_redo       (WpUndoStack         *self);
const char  *wp_undo_stack_get_undo_label (WpUndoStack         *self);
guint64      wp_undo_stack_get_undo_serial (WpUndoStack        *self);
guint64      wp_undo_stack_get_redo_serial (WpUndoStack        *self);
const char  *wp_undo_stack_get_redo_label (WpUndoStack         *self);
gboolean     wp_undo_stack_undo           (WpUndoStack         *self,
                                           GError             **error);
gboolean     wp_undo_stack_redo           (WpUndoStack         *self,
                                           GError             **error);
void         wp_undo_stack_clear          (WpUndoStack         *self);
void         wp_undo_stack_push_plan_created (WpUndoStack      *self,
                                           gint64               plan_id,
                                           const char          *label);

gboolean     wp_undo_stack_take_back_item (WpUndoStack         *self,
                                           gint64               item_id,
                                           GError             **error);
/* Edits: each writes at once and pushes one command. */
WpItem      *wp_edit_create_item          (WpUndoStack         *self,
                                           gint64               plan_id,
                                           gint64               parent_id,
                                           int                  position,
                                           WpItemKind           kind,
                                           const char          *title,
                                           GError             **error);
gboolean     wp_edit_set_property         (WpUndoStack         *self,
                                           gint64               item_id,
                                           const char          *property,
                                           const GValue        *value,
                                           GError             **error);
gboolean     wp_edit_set_title            (WpUndoStack         *self,
                                           gint64               item_id,
                                           const char          *title,
                                           GError             **error);
gboolean     wp_edit_set_due_text         (WpUndoStack         *self,
                                           gint64               item_id,
                                           const char          *text,
                                           GError             **error);
gboolean     wp_edit_set_agencies         (WpUndoStack         *self,
                                           gint64               item_id,
                                           WpAgencyRole         role,
                                           const char * const  *names,
                                           GError             **error);
gboolean     wp_edit_move_item            (WpUndoStack         *self,
                                           gint64               item_id,
                                           gint64               new_parent_id,
                                           int                  new_position,
                                           GError             **error);
gboolean     wp_edit_move_item_keep_kind  (WpUndoStack         *self,
                                           gint64               item_id,
                                           gint64               new_parent_id,
                                           int                  new_position,
                                           GError             **error);
gboolean     wp_edit_indent               (WpUndoStack         *self,
                                           gint64               item_id,
                                           GError             **error);
gboolean     wp_edit_outdent              (WpUndoStack         *self,
                                           gint64               item_id,
                                           GError             **error);
gboolean     wp_edit_move_up              (WpUndoStack         *self,
                                           gint64               item_id,
                                           GError             **error);
gboolean     wp_edit_move_down            (WpUndoStack         *self,
                                           gint64               item_id,
                                           GError             **error);
gboolean     wp_edit_delete_item          (WpUndoStack         *self,
                                           gint64               item_id,
                                           GError             **error);
gboolean     wp_edit_add_note             (WpUndoStack         *self,
                                           gint64               item_id,
                                           const GDate         *date,
                                           const char          *text,
                                           int                  progress,
                                           GError             **error);
gboolean     wp_edit_add_note_by          (WpUndoStack         *self,
                                           gint64               item_id,
                                           const GDate         *date,
                                           const char          *text,
                                           int                  progress,
                                           const char          *reporter,
                                           GError             **error);
WpPlan      *wp_edit_new_plan             (WpUndoStack         *self,
                                           int                  year,
                                           const char          *title,
                                           const char          *organization,
                                           GError             **error);
WpPlan      *wp_edit_start_next_year      (WpUndoStack         *self,
                                           gint64               plan_id,
                                           WpNextYearFlags      flags,
                                           GError             **error);
gboolean     wp_edit_delete_plan          (WpUndoStack         *self,
                                           gint64               plan_id,
                                           GError             **error);
gboolean     wp_edit_add_target           (WpUndoStack         *self,
                                           gint64               item_id,
                                           const WpTarget      *target,
                                           GError             **error);
gboolean     wp_edit_set_target           (WpUndoStack         *self,
                                           gint64               item_id,
                                           const WpTarget      *target,
                                           GError             **error);

gboolean     wp_edit_set_milestone        (WpUndoStack         *self,
                                           gint64               item_id,
                                           int                  quarter,
                                           const char          *text,
                                           int                  progress,
                                           GError             **error);
gboolean     wp_edit_set_lead_agency      (WpUndoStack         *self,
                                           gint64               item_id,
                                           const char          *name,
                                           GError             **error);
gboolean     wp_edit_update_agency        (WpUndoStack         *self,
                                           gint64               agency_id,
                                           const char          *name,
                                           const char          *short_name,
                                           WpAgencyKind         kind,
                                           GError             **error);
gboolean     wp_edit_merge_agencies       (WpUndoStack         *self,
                                           gint64               from_id,
                                           gint64               into_id,
                                           GError             **error);
gboolean     wp_edit_set_agency_alias     (WpUndoStack         *self,
                                           gint64               agency_id,
                                           const char          *alias,
                                           gboolean             add,
                                           GError             **error);
gboolean     wp_edit_add_report_items     (WpUndoStack         *self,
                                           gint64               plan_id,
                                           gint64               area_id,
                                           GPtrArray           *items,
                                           const char          *label,
                                           GError             **error);
gboolean     wp_edit_set_plan_settings    (WpUndoStack         *self,
                                           gint64               plan_id,
                                           const WpPlanSettings *settings,
                                           GError             **error);


/* An evidence file to keep with a close-out (see wp_edit_close_out()) */
typedef struct {
  const char *name;  /* the file's name, no folders */
  const char *type;  /* a MIME type, or NULL */
  GBytes     *data;
} WpNewAttachment;

gboolean     wp_edit_close_out            (WpUndoStack         *self,
                                           gint64               item_id,
                                           const char          *completion,
                                           const WpNewAttachment *files,
                                           guint                n_files,
                                           GError             **error);
gboolean     wp_edit_confirm_closeout     (WpUndoStack         *self,
                                           gint64               item_id,
                                           const char          *by,
                                           GError             **error);
gint64       wp_edit_add_attachment       (WpUndoStack         *self,
                                           gint64               item_id,
                                           const char          *name,
                                           const char          *type,
                                           GBytes              *data,
                                           GError             **error);
gboolean     wp_edit_delete_attachment    (WpUndoStack         *self,
                                           const WpAttachment  *attachment,
                                           GError             **error);
gboolean     wp_edit_set_check_reason     (WpUndoStack         *self,
                                           gint64               item_id,
                                           const char          *reason,
                                           GError             **error);
gboolean     wp_edit_mark_plan_checked    (WpUndoStack         *self,
                                           gint64               plan_id,
                                           GError             **error);

G_END_DECLS
