/* wp-undo-private.h: the undo stack's commands, for the files of edits
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "wp-undo.h"

G_BEGIN_DECLS

/* What a command does when undone and redone. Every edit is CMD_CHANGES:
 * the rows it left in the change log, undone by reversing them. Three
 * keep a snapshot instead, because their rows are not in the log or may
 * not be in the file when undone: deleting items and deleting a plan (a
 * purge by another process may remove the hidden rows), and a plan
 * written at once (an import or next year, logged as one BULK row). */
typedef enum {
  CMD_CHANGES,
  CMD_DELETE,       /* the item deleted with its subtree, @item_id */
  CMD_DELETE_PLAN,  /* the plan deleted, @plan_id */
  CMD_WRITE_PLAN,   /* the plan @plan_id written at once; and @changes,
                     * what the write logged row by row (next year's
                     * marks on the old year's items), or NULL */
} CommandKind;

typedef struct {
  CommandKind   kind;
  guint64       serial;  /* given when pushed, never twice in a stack */
  char         *label;
  gint64        item_id;  /* the item to show when it is undone, or 0 */
  gint64        plan_id;
  GVariant     *snapshot;
  GPtrArray    *changes;  /* WpChange: what to reverse next */
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
void      _wp_undo_push_changes    (WpUndoStack  *self,
                                    gint64        item_id,
                                    char         *label,
                                    GPtrArray    *changes);
void      _wp_undo_push_plan_written (WpUndoStack *self,
                                    gint64        plan_id,
                                    char         *label,
                                    GPtrArray    *changes);
GPtrArray *_wp_undo_run_reading    (WpUndoStack  *self,
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
