/* wp-undo-stack.c: the undo stack, its commands and how each is reversed
 *
 * Editing code calls wp_edit_*() (wp-edit*.c): each writes to the store at
 * once (there is no Save) and pushes a command that knows how to reverse
 * itself. Most are the rows the edit left in the change log, undone by
 * writing their reverse (_wp_undo_run_logged()); deleting items or plans
 * and imports keep a snapshot instead (see apply()). Undo is a new write,
 * not a rollback: what was shown as saved is saved. Deleted subtrees come
 * back with their ids, so older commands naming them keep working.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "wp-undo-private.h"
#include "wp-change.h"

#define MAX_COMMANDS 500


G_DEFINE_FINAL_TYPE (WpUndoStack, wp_undo_stack, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_CAN_UNDO,
  PROP_CAN_REDO,
  PROP_UNDO_LABEL,
  PROP_REDO_LABEL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  SIGNAL_STEPPED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

void
_wp_undo_command_free (Command *cmd)
{
  g_free (cmd->label);
  g_clear_pointer (&cmd->snapshot, g_variant_unref);
  g_clear_pointer (&cmd->changes, g_ptr_array_unref);
  g_free (cmd);
}

Command *
_wp_undo_command_new (CommandKind  kind,
                      gint64       item_id,
                      char        *label)
{
  Command *cmd = g_new0 (Command, 1);

  cmd->kind = kind;
  cmd->item_id = item_id;
  cmd->label = label;
  return cmd;
}

/* Writes the reverse of @cmd's changes, which become what the reverse
 * wrote: undo and redo alike, the reverse of what was written last. */
static gboolean
reverse_changes (WpUndoStack  *self,
                 Command      *cmd,
                 GError      **error)
{
  GPtrArray *made;

  if (cmd->changes == NULL || cmd->changes->len == 0)
    return TRUE;
  made = wp_store_reverse_changes (self->store, cmd->changes, error);
  if (made == NULL)
    return FALSE;
  g_ptr_array_unref (cmd->changes);
  cmd->changes = made;
  return TRUE;
}

/* Takes @id away with @take, keeping what it took in @cmd's snapshot, or
 * brings the snapshot back with @bring */
static gboolean
take_or_bring (WpUndoStack  *self,
               Command      *cmd,
               gint64        id,
               GVariant   *(*take) (WpStore *, gint64, GError **),
               gboolean    (*bring) (WpStore *, GVariant *, GError **),
               gboolean      take_away,
               GError      **error)
{
  if (take_away)
    {
      GVariant *snapshot = take (self->store, id, error);

      if (snapshot == NULL)
        return FALSE;
      g_clear_pointer (&cmd->snapshot, g_variant_unref);
      cmd->snapshot = snapshot;
      return TRUE;
    }
  if (!bring (self->store, cmd->snapshot, error))
    return FALSE;
  g_clear_pointer (&cmd->snapshot, g_variant_unref);
  return TRUE;
}

/* Takes @cmd's plan away, keeping it in a snapshot, or brings it back */
static gboolean
remove_or_restore_plan (WpUndoStack  *self,
                        Command      *cmd,
                        gboolean      remove,
                        GError      **error)
{
  return take_or_bring (self, cmd, cmd->plan_id, wp_store_delete_plan_with_snapshot,
                        wp_store_restore_plan, remove, error);
}

static gboolean
apply (WpUndoStack  *self,
       Command      *cmd,
       gboolean      undo,
       GError      **error)
{
  switch (cmd->kind)
    {
    case CMD_CHANGES:
      return reverse_changes (self, cmd, error);

    case CMD_DELETE:
      return take_or_bring (self, cmd, cmd->item_id, wp_store_delete_item,
                            wp_store_restore_items, !undo, error);

    case CMD_DELETE_PLAN:
      return remove_or_restore_plan (self, cmd, !undo, error);

    case CMD_WRITE_PLAN:
      /* (the plan first when it comes back, last when it goes) */
      if (undo)
        return reverse_changes (self, cmd, error)
               && remove_or_restore_plan (self, cmd, TRUE, error);
      return remove_or_restore_plan (self, cmd, FALSE, error)
             && reverse_changes (self, cmd, error);

    default:
      g_assert_not_reached ();
    }
}

void
_wp_undo_notify_state (WpUndoStack *self)
{
  g_object_freeze_notify (G_OBJECT (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_UNDO]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_REDO]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UNDO_LABEL]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REDO_LABEL]);
  g_object_thaw_notify (G_OBJECT (self));
}

void
_wp_undo_push (WpUndoStack *self,
               Command     *cmd)
{
  cmd->serial = ++self->serials;
  g_ptr_array_add (self->undo, cmd);
  if (self->undo->len > MAX_COMMANDS)
    g_ptr_array_remove_index (self->undo, 0);
  g_ptr_array_set_size (self->redo, 0);
  _wp_undo_notify_state (self);
}

/* Runs @cmd forward in one transaction and pushes it, or leaves the store and
 * the stack as they were. */
gboolean
_wp_undo_run_and_push (WpUndoStack  *self,
                       Command      *cmd,
                       GError      **error)
{
  if (!wp_store_begin (self->store, error))
    {
      _wp_undo_command_free (cmd);
      return FALSE;
    }
  if (!apply (self, cmd, FALSE, error))
    {
      wp_store_rollback (self->store);
      _wp_undo_command_free (cmd);
      return FALSE;
    }
  if (!wp_store_commit (self->store, error))
    {
      _wp_undo_command_free (cmd);
      return FALSE;
    }
  _wp_undo_push (self, cmd);
  return TRUE;
}

/* Runs @edit in one transaction and returns what it wrote, read from the
 * change log (a plan written at once is left out: its one BULK row cannot
 * be reversed), or %NULL with @error set and nothing written. */
GPtrArray *
_wp_undo_run_reading (WpUndoStack  *self,
                      EditFunc      edit,
                      gpointer      data,
                      GError      **error)
{
  g_autoptr(GPtrArray) changes = NULL;
  gint64 mark;

  if (!wp_store_begin (self->store, error))
    return NULL;
  mark = wp_store_get_change_mark (self->store);
  if (!edit (self->store, data, error)
      || (changes = wp_store_read_changes (self->store, mark, error)) == NULL)
    {
      wp_store_rollback (self->store);
      return NULL;
    }
  if (!wp_store_commit (self->store, error))
    return NULL;
  for (guint i = changes->len; i-- > 0;)
    if (((WpChange *) g_ptr_array_index (changes, i))->op == WP_CHANGE_BULK)
      g_ptr_array_remove_index (changes, i);
  return g_steal_pointer (&changes);
}

/* Runs @edit in one transaction and pushes what it wrote as one command
 * labelled @label (taken): undoing it reverses those rows, so an edit
 * made this way needs no undo code of its own. @item_id is the item to
 * show when it is undone, or 0. */
gboolean
_wp_undo_run_logged (WpUndoStack  *self,
                     gint64        item_id,
                     char         *label,
                     EditFunc      edit,
                     gpointer      data,
                     GError      **error)
{
  GPtrArray *changes = _wp_undo_run_reading (self, edit, data, error);

  if (changes == NULL)
    {
      g_free (label);
      return FALSE;
    }
  _wp_undo_push_changes (self, item_id, label, changes);
  return TRUE;
}

/* Pushes @changes (taken), rows an edit wrote, as one command labelled
 * @label (taken) about @item_id; nothing when there are none (nothing
 * changed: nothing to undo). */
void
_wp_undo_push_changes (WpUndoStack *self,
                       gint64       item_id,
                       char        *label,
                       GPtrArray   *changes)
{
  Command *cmd;

  if (changes->len == 0)
    {
      g_free (label);
      g_ptr_array_unref (changes);
      return;
    }
  cmd = _wp_undo_command_new (CMD_CHANGES, item_id, label);
  cmd->changes = changes;
  _wp_undo_push (self, cmd);
}

/* The item @cmd is about, or 0 for a plan's or an agency's */
static gint64
command_item (const Command *cmd)
{
  return cmd->item_id;
}

/* Whether @cmd made the item @item_id (its rows insert it) */
static gboolean
command_creates (const Command *cmd,
                 gint64         item_id)
{
  if (cmd->kind != CMD_CHANGES)
    return FALSE;
  for (guint i = 0; i < cmd->changes->len; i++)
    {
      const WpChange *change = g_ptr_array_index (cmd->changes, i);

      if (change->record == WP_RECORD_ITEM && change->op == WP_CHANGE_INSERT
          && change->record_id == item_id)
        return TRUE;
    }
  return FALSE;
}

static gboolean
step (WpUndoStack  *self,
      GPtrArray    *from,
      GPtrArray    *to,
      gboolean      undo,
      GError      **error)
{
  Command *cmd;

  if (from->len == 0)
    return TRUE;

  cmd = g_ptr_array_index (from, from->len - 1);
  if (!wp_store_begin (self->store, error))
    return FALSE;
  if (!apply (self, cmd, undo, error))
    {
      wp_store_rollback (self->store);
      return FALSE;
    }
  if (!wp_store_commit (self->store, error))
    return FALSE;

  g_ptr_array_add (to, g_ptr_array_steal_index (from, from->len - 1));
  _wp_undo_notify_state (self);
  if (command_item (cmd) != 0)
    g_signal_emit (self, signals[SIGNAL_STEPPED], 0, command_item (cmd));
  return TRUE;
}

static void
wp_undo_stack_finalize (GObject *object)
{
  WpUndoStack *self = WP_UNDO_STACK (object);

  g_clear_pointer (&self->undo, g_ptr_array_unref);
  g_clear_pointer (&self->redo, g_ptr_array_unref);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (wp_undo_stack_parent_class)->finalize (object);
}

static void
wp_undo_stack_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  WpUndoStack *self = WP_UNDO_STACK (object);

  switch (prop_id)
    {
    case PROP_CAN_UNDO:
      g_value_set_boolean (value, wp_undo_stack_can_undo (self));
      break;
    case PROP_CAN_REDO:
      g_value_set_boolean (value, wp_undo_stack_can_redo (self));
      break;
    case PROP_UNDO_LABEL:
      g_value_set_string (value, wp_undo_stack_get_undo_label (self));
      break;
    case PROP_REDO_LABEL:
      g_value_set_string (value, wp_undo_stack_get_redo_label (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wp_undo_stack_class_init (WpUndoStackClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = wp_undo_stack_finalize;
  object_class->get_property = wp_undo_stack_get_property;

  properties[PROP_CAN_UNDO] = g_param_spec_boolean ("can-undo", NULL, NULL, FALSE, flags);
  properties[PROP_CAN_REDO] = g_param_spec_boolean ("can-redo", NULL, NULL, FALSE, flags);
  properties[PROP_UNDO_LABEL] = g_param_spec_string ("undo-label", NULL, NULL, NULL, flags);
  properties[PROP_REDO_LABEL] = g_param_spec_string ("redo-label", NULL, NULL, NULL, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * WpUndoStack::stepped:
   * @item_id: the item the edit was about
   *
   * An edit of an item was undone or redone (not one of a plan or an
   * agency): views show that item.
   */
  signals[SIGNAL_STEPPED] =
    g_signal_new ("stepped", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_INT64);
}

static void
wp_undo_stack_init (WpUndoStack *self)
{
  self->undo = g_ptr_array_new_with_free_func ((GDestroyNotify) _wp_undo_command_free);
  self->redo = g_ptr_array_new_with_free_func ((GDestroyNotify) _wp_undo_command_free);
}

WpUndoStack *
wp_undo_stack_new (WpStore *store)
{
  WpUndoStack *self = g_object_new (WP_TYPE_UNDO_STACK, NULL);

  self->store = g_object_ref (store);
  return self;
}

WpStore *
wp_undo_stack_get_store (WpUndoStack *self)
{
  g_return_val_if_fail (WP_IS_UNDO_STACK (self), NULL);
  return self->store;
}

gboolean
wp_undo_stack_can_undo (WpUndoStack *self)
{
  g_return_val_if_fail (WP_IS_UNDO_STACK (self), FALSE);
  return self->undo->len > 0;
}

gboolean
wp_undo_stack_can_redo (WpUndoStack *self)
{
  g_return_val_if_fail (WP_IS_UNDO_STACK (self), FALSE);
  return self->redo->len > 0;
}

/* Returns: what stands for the edit Undo would undo, 0 if none: it
 * changes whenever another edit is made, undone or redone (an undo toast
 * loses its button when it is no longer about the last edit). */
guint64
wp_undo_stack_get_undo_serial (WpUndoStack *self)
{
  g_return_val_if_fail (WP_IS_UNDO_STACK (self), 0);
  if (self->undo->len == 0)
    return 0;
  return ((Command *) g_ptr_array_index (self->undo, self->undo->len - 1))->serial;
}

/* Returns: what stands for the edit Redo would redo, 0 if none */
guint64
wp_undo_stack_get_redo_serial (WpUndoStack *self)
{
  g_return_val_if_fail (WP_IS_UNDO_STACK (self), 0);
  if (self->redo->len == 0)
    return 0;
  return ((Command *) g_ptr_array_index (self->redo, self->redo->len - 1))->serial;
}

/* Returns: (nullable): what Undo would undo, e.g. "Delete “平安建设”" */
const char *
wp_undo_stack_get_undo_label (WpUndoStack *self)
{
  g_return_val_if_fail (WP_IS_UNDO_STACK (self), NULL);
  if (self->undo->len == 0)
    return NULL;
  return ((Command *) g_ptr_array_index (self->undo, self->undo->len - 1))->label;
}

const char *
wp_undo_stack_get_redo_label (WpUndoStack *self)
{
  g_return_val_if_fail (WP_IS_UNDO_STACK (self), NULL);
  if (self->redo->len == 0)
    return NULL;
  return ((Command *) g_ptr_array_index (self->redo, self->redo->len - 1))->label;
}

gboolean
wp_undo_stack_undo (WpUndoStack  *self,
                    GError      **error)
{
  g_return_val_if_fail (WP_IS_UNDO_STACK (self), FALSE);
  return step (self, self->undo, self->redo, TRUE, error);
}

gboolean
wp_undo_stack_redo (WpUndoStack  *self,
                    GError      **error)
{
  g_return_val_if_fail (WP_IS_UNDO_STACK (self), FALSE);
  return step (self, self->redo, self->undo, FALSE, error);
}

/* Forgets every command, e.g. when another plan file is opened. */
void
wp_undo_stack_clear (WpUndoStack *self)
{
  g_return_if_fail (WP_IS_UNDO_STACK (self));
  g_ptr_array_set_size (self->undo, 0);
  g_ptr_array_set_size (self->redo, 0);
  _wp_undo_notify_state (self);
}

/* The creation of @item_id when it and edits of that item since are the
 * newest commands, or NULL; *n_commands says how many they are. */
Command *
_wp_undo_creation_on_top (WpUndoStack *self,
                          gint64       item_id,
                          guint       *n_commands)
{
  guint n = 0;

  for (guint i = self->undo->len; i > 0; i--)
    {
      Command *cmd = g_ptr_array_index (self->undo, i - 1);

      if (command_item (cmd) != item_id)
        break;
      n++;
      if (command_creates (cmd, item_id))
        {
          if (n_commands != NULL)
            *n_commands = n;
          return cmd;
        }
    }
  return NULL;
}

/**
 * wp_undo_stack_take_back_item:
 * @item_id: an item made with wp_edit_create_item()
 *
 * Takes a new item away again as if it had never been made: a row added
 * in the outline and left without a title. Its creation and the edits of
 * it since (moves while its title was typed) are undone and forgotten, so
 * that Redo cannot bring an untitled item back. Refused, with
 * %WP_STORE_ERROR_INVALID, when an edit of something else came after its
 * creation: undoing that is the user's to choose.
 */
gboolean
wp_undo_stack_take_back_item (WpUndoStack  *self,
                              gint64        item_id,
                              GError      **error)
{
  guint n = 0;  /* the newest commands, all about @item_id, its creation last */

  g_return_val_if_fail (WP_IS_UNDO_STACK (self), FALSE);

  if (_wp_undo_creation_on_top (self, item_id, &n) == NULL)
    {
      g_set_error_literal (error, WP_STORE_ERROR, WP_STORE_ERROR_INVALID,
                           _("The item was edited since it was added."));
      return FALSE;
    }

  if (!wp_store_begin (self->store, error))
    return FALSE;
  for (guint k = 0; k < n; k++)
    if (!apply (self, g_ptr_array_index (self->undo, self->undo->len - 1 - k), TRUE, error))
      {
        wp_store_rollback (self->store);
        return FALSE;
      }
  if (!wp_store_commit (self->store, error))
    return FALSE;

  g_ptr_array_set_size (self->undo, self->undo->len - n);
  /* (edits of it undone meanwhile would name an item that is no more) */
  for (guint i = self->redo->len; i > 0; i--)
    if (command_item (g_ptr_array_index (self->redo, i - 1)) == item_id)
      g_ptr_array_remove_index (self->redo, i - 1);
  _wp_undo_notify_state (self);
  return TRUE;
}
/* Plans */

/**
 * wp_undo_stack_push_plan_created:
 * @label: what Undo will say, e.g. "Import “2025年工作要点”"
 *
 * Records that a plan was made by other means (an import), so that Undo
 * removes it again.
 */
void
wp_undo_stack_push_plan_created (WpUndoStack *self,
                                 gint64       plan_id,
                                 const char  *label)
{
  g_return_if_fail (WP_IS_UNDO_STACK (self));
  _wp_undo_push_plan_written (self, plan_id, g_strdup (label), NULL);
}

/* Pushes that @plan_id was written at once (undone by taking it away with
 * a snapshot), with @changes (taken, nullable): what else that write
 * logged row by row, reversed with it */
void
_wp_undo_push_plan_written (WpUndoStack *self,
                            gint64       plan_id,
                            char        *label,
                            GPtrArray   *changes)
{
  Command *cmd = _wp_undo_command_new (CMD_WRITE_PLAN, 0, label);

  cmd->plan_id = plan_id;
  cmd->changes = changes;
  _wp_undo_push (self, cmd);
}

