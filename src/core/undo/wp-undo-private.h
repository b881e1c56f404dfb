/* wp-undo-private.h: the undo stack's commands, for the files of edits
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "wp-undo.h"

G_BEGIN_DECLS

typedef enum {
  CMD_SET_PROPERTY,
  CMD_MOVE,
  CMD_CREATE,
  CMD_DELETE,
  CMD_GROUP,
  CMD_CREATE_PLAN,
  CMD_DELETE_PLAN,
  CMD_NEXT_YEAR,  /* a group: the new plan, then the old year's items marked */
  CMD_CHANGES,    /* the rows an edit left in the change log; undone by reversing them */
} CommandKind;

typedef struct {
  CommandKind   kind;
  guint64       serial;  /* given when pushed, never twice in a stack */
  char         *label;
  gint64        item_id;
  char         *property;
  GValue        old_value;
  GValue        new_value;
  gint64        old_parent;
  gint64        new_parent;
  int           old_position;
  int           new_position;
  GVariant     *snapshot;
  GPtrArray    *children;
  GPtrArray    *changes;  /* WpChange: what to reverse next, for CMD_CHANGES */
} Command;

struct _WpUndoStack
{
  GObject    parent_instance;

  WpStore   *store;
  GPtrArray *undo;  /* Command, newest last */
  GPtrArray *redo;
  guint64    serials;
};

/* An edit as a function of the store: run by _wp_undo_run_logged() */
typedef gboolean (*EditFunc) (WpStore   *store,
                              gpointer   data,
                              GError   **error);

Command  *_wp_undo_command_new     (CommandKind   kind,
                                    gint64        item_id,
                                    char         *label);
void      _wp_undo_command_free    (Command      *cmd);
void      _wp_undo_push            (WpUndoStack  *self,
                                    Command      *cmd);
gboolean  _wp_undo_run_and_push    (WpUndoStack  *self,
                                    Command      *cmd,
                                    GError      **error);
gboolean  _wp_undo_run_logged      (WpUndoStack  *self,
                                    gint64        item_id,
                                    char         *label,
                                    EditFunc      edit,
                                    gpointer      data,
                                    GError      **error);
Command  *_wp_undo_creation_on_top (WpUndoStack  *self,
                                    gint64        item_id,
                                    guint        *n_commands);
void      _wp_undo_notify_state    (WpUndoStack  *self);

char     *_wp_edit_item_title      (WpStore      *store,
                                    gint64        item_id);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Command, _wp_undo_command_free)

G_END_DECLS
