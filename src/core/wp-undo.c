/* wp-undo.c: every edit as an undoable command
 *
 * Editing code calls wp_edit_*(): each writes to the store at once (there is
 * no Save) and pushes a command that knows how to reverse itself. Undo is a
 * new write, not a rollback, so undoing after a crash-free restart of the
 * stack is never needed: what was shown as saved is saved. Deleted subtrees
 * come back with their ids, so older commands naming them keep working.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "wp-undo.h"
#include "wp-collect.h"
#include "wp-change-log.h"

#define MAX_COMMANDS 500

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

static void
command_free (Command *cmd)
{
  g_free (cmd->label);
  g_free (cmd->property);
  if (G_IS_VALUE (&cmd->old_value))
    g_value_unset (&cmd->old_value);
  if (G_IS_VALUE (&cmd->new_value))
    g_value_unset (&cmd->new_value);
  g_clear_pointer (&cmd->snapshot, g_variant_unref);
  g_clear_pointer (&cmd->children, g_ptr_array_unref);
  g_clear_pointer (&cmd->changes, g_ptr_array_unref);
  g_free (cmd);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Command, command_free)

static Command *
command_new (CommandKind  kind,
             gint64       item_id,
             char        *label)
{
  Command *cmd = g_new0 (Command, 1);

  cmd->kind = kind;
  cmd->item_id = item_id;
  cmd->label = label;
  return cmd;
}

static gboolean
apply (WpUndoStack  *self,
       Command      *cmd,
       gboolean      undo,
       GError      **error)
{
  switch (cmd->kind)
    {
    case CMD_SET_PROPERTY:
      return wp_store_set_item_property (self->store, cmd->item_id, cmd->property,
                                         undo ? &cmd->old_value : &cmd->new_value, error);

    case CMD_MOVE:
      return wp_store_move_item (self->store, cmd->item_id,
                                 undo ? cmd->old_parent : cmd->new_parent,
                                 undo ? cmd->old_position : cmd->new_position, error);

    case CMD_CREATE:
    case CMD_DELETE:
      /* Creating is undone by deleting, deleting by restoring. */
      if ((cmd->kind == CMD_CREATE) == undo)
        {
          GVariant *snapshot = wp_store_delete_item (self->store, cmd->item_id, error);

          if (snapshot == NULL)
            return FALSE;
          g_clear_pointer (&cmd->snapshot, g_variant_unref);
          cmd->snapshot = snapshot;
          return TRUE;
        }
      if (!wp_store_restore_items (self->store, cmd->snapshot, error))
        return FALSE;
      g_clear_pointer (&cmd->snapshot, g_variant_unref);
      return TRUE;

    case CMD_CREATE_PLAN:
    case CMD_DELETE_PLAN:
      /* item_id holds the plan's id here. */
      if ((cmd->kind == CMD_CREATE_PLAN) == undo)
        {
          GVariant *snapshot = wp_store_delete_plan_with_snapshot (self->store, cmd->item_id,
                                                                   error);
          if (snapshot == NULL)
            return FALSE;
          g_clear_pointer (&cmd->snapshot, g_variant_unref);
          cmd->snapshot = snapshot;
          return TRUE;
        }
      if (!wp_store_restore_plan (self->store, cmd->snapshot, error))
        return FALSE;
      g_clear_pointer (&cmd->snapshot, g_variant_unref);
      return TRUE;

    case CMD_CHANGES:
      {
        /* Undo and redo alike: the reverse of what was written last */
        GPtrArray *made = wp_store_reverse_changes (self->store, cmd->changes, error);

        if (made == NULL)
          return FALSE;
        g_ptr_array_unref (cmd->changes);
        cmd->changes = made;
        return TRUE;
      }

    case CMD_GROUP:
    case CMD_NEXT_YEAR:
      for (guint i = 0; i < cmd->children->len; i++)
        {
          guint k = undo ? cmd->children->len - 1 - i : i;
          if (!apply (self, g_ptr_array_index (cmd->children, k), undo, error))
            return FALSE;
        }
      return TRUE;

    default:
      g_assert_not_reached ();
    }
}

static void
notify_state (WpUndoStack *self)
{
  g_object_freeze_notify (G_OBJECT (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_UNDO]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_REDO]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UNDO_LABEL]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REDO_LABEL]);
  g_object_thaw_notify (G_OBJECT (self));
}

static void
push (WpUndoStack *self,
      Command     *cmd)
{
  cmd->serial = ++self->serials;
  g_ptr_array_add (self->undo, cmd);
  if (self->undo->len > MAX_COMMANDS)
    g_ptr_array_remove_index (self->undo, 0);
  g_ptr_array_set_size (self->redo, 0);
  notify_state (self);
}

/* Runs @cmd forward in one transaction and pushes it, or leaves the store and
 * the stack as they were. */
static gboolean
run_and_push (WpUndoStack  *self,
              Command      *cmd,
              GError      **error)
{
  if (!wp_store_begin (self->store, error))
    {
      command_free (cmd);
      return FALSE;
    }
  if (!apply (self, cmd, FALSE, error))
    {
      wp_store_rollback (self->store);
      command_free (cmd);
      return FALSE;
    }
  if (!wp_store_commit (self->store, error))
    {
      command_free (cmd);
      return FALSE;
    }
  push (self, cmd);
  return TRUE;
}

typedef gboolean (*EditFunc) (WpStore   *store,
                              gpointer   data,
                              GError   **error);

/* Runs @edit in one transaction and pushes what it wrote, read from the
 * change log, as one command labelled @label (taken): undoing it reverses
 * those rows, so an edit made this way needs no undo code of its own.
 * @item_id is the item to show when it is undone, or 0. */
static gboolean
run_logged (WpUndoStack  *self,
            gint64        item_id,
            char         *label,
            EditFunc      edit,
            gpointer      data,
            GError      **error)
{
  g_autofree char *owned_label = label;
  g_autoptr(GPtrArray) changes = NULL;
  Command *cmd;
  gint64 mark;

  if (!wp_store_begin (self->store, error))
    return FALSE;
  mark = wp_store_get_change_mark (self->store);
  if (!edit (self->store, data, error)
      || (changes = wp_store_read_changes (self->store, mark, error)) == NULL)
    {
      wp_store_rollback (self->store);
      return FALSE;
    }
  if (!wp_store_commit (self->store, error))
    return FALSE;
  if (changes->len == 0)
    return TRUE;  /* nothing changed: nothing to undo */

  cmd = command_new (CMD_CHANGES, item_id, g_steal_pointer (&owned_label));
  cmd->changes = g_steal_pointer (&changes);
  push (self, cmd);
  return TRUE;
}

/* The item @cmd is about, or 0 for a plan's or an agency's */
static gint64
command_item (const Command *cmd)
{
  switch (cmd->kind)
    {
    case CMD_CREATE_PLAN:
    case CMD_DELETE_PLAN:
    case CMD_NEXT_YEAR:
      return 0;  /* (item_id holds the plan's or the agency's id) */
    case CMD_GROUP:
      for (guint i = 0; i < cmd->children->len; i++)
        {
          gint64 id = command_item (g_ptr_array_index (cmd->children, i));

          if (id != 0)
            return id;
        }
      return 0;
    case CMD_SET_PROPERTY:
    case CMD_MOVE:
    case CMD_CREATE:
    case CMD_DELETE:
    case CMD_CHANGES:
    default:
      return cmd->item_id;
    }
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
  notify_state (self);
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
  self->undo = g_ptr_array_new_with_free_func ((GDestroyNotify) command_free);
  self->redo = g_ptr_array_new_with_free_func ((GDestroyNotify) command_free);
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
  notify_state (self);
}

/* The creation of @item_id when it and edits of that item since are the
 * newest commands, or NULL; *n_commands says how many they are. */
static Command *
creation_on_top (WpUndoStack *self,
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
      if (cmd->kind == CMD_CREATE)
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

  if (creation_on_top (self, item_id, &n) == NULL)
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
  notify_state (self);
  return TRUE;
}

/* Edits */

static char *
item_title (WpStore *store,
            gint64   item_id)
{
  g_autoptr(WpItem) item = wp_store_get_item (store, item_id, NULL);
  const char *title = item ? wp_item_get_title (item) : "";
  glong len = g_utf8_strlen (title, -1);

  if (len <= 20)
    return g_strdup (title);
  {
    g_autofree char *head = g_utf8_substring (title, 0, 19);
    return g_strconcat (head, "…", NULL);
  }
}

static Command *
property_command (WpStore      *store,
                  WpItem       *item,
                  const char   *property,
                  const GValue *value,
                  char         *label,
                  GError      **error)
{
  GParamSpec *pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (item), property);
  Command *cmd;

  if (pspec == NULL)
    {
      g_set_error (error, WP_STORE_ERROR, WP_STORE_ERROR_INVALID,
                   "Items have no property “%s”", property);
      g_free (label);
      return NULL;
    }

  cmd = command_new (CMD_SET_PROPERTY, wp_item_get_id (item), label);
  cmd->property = g_strdup (property);
  g_value_init (&cmd->old_value, pspec->value_type);
  g_object_get_property (G_OBJECT (item), property, &cmd->old_value);
  g_value_init (&cmd->new_value, G_VALUE_TYPE (value));
  g_value_copy (value, &cmd->new_value);
  return cmd;
}

typedef struct {
  gint64              item_id;
  const char         *property;
  const GValue       *value;
  const char         *text;
  WpAgencyRole        role;
  const char * const *names;
} ItemEdit;

static gboolean
set_property (WpStore   *store,
              gpointer   data,
              GError   **error)
{
  ItemEdit *edit = data;

  return wp_store_set_item_property (store, edit->item_id, edit->property, edit->value, error);
}

gboolean
wp_edit_set_property (WpUndoStack   *self,
                      gint64         item_id,
                      const char    *property,
                      const GValue  *value,
                      GError       **error)
{
  ItemEdit edit = { .item_id = item_id, .property = property, .value = value };
  g_autoptr(WpItem) item = NULL;
  g_autofree char *title = NULL;

  g_return_val_if_fail (WP_IS_UNDO_STACK (self), FALSE);

  item = wp_store_get_item (self->store, item_id, error);
  if (item == NULL)
    return FALSE;
  if (g_object_class_find_property (G_OBJECT_GET_CLASS (item), property) == NULL)
    {
      g_set_error (error, WP_STORE_ERROR, WP_STORE_ERROR_INVALID,
                   "Items have no property “%s”", property);
      return FALSE;
    }

  title = item_title (self->store, item_id);
  return run_logged (self, item_id,
                     g_str_equal (property, "title")
                     /* Translators: an undoable edit, shown as "Undo Rename …" */
                     ? g_strdup_printf (_("Rename “%s”"), title)
                     /* Translators: an undoable edit of an item's field */
                     : g_strdup_printf (_("Change “%s”"), title),
                     set_property, &edit, error);
}

gboolean
wp_edit_set_title (WpUndoStack  *self,
                   gint64        item_id,
                   const char   *title,
                   GError      **error)
{
  g_auto(GValue) value = G_VALUE_INIT;
  Command *created;

  g_return_val_if_fail (WP_IS_UNDO_STACK (self), FALSE);

  g_value_init (&value, G_TYPE_STRING);
  g_value_set_string (&value, title);

  /* The first title of an item just added is part of adding it: one Undo
   * takes the new item away, rather than leave it there untitled. */
  created = creation_on_top (self, item_id, NULL);
  if (created != NULL && title != NULL && title[0] != '\0')
    {
      g_autoptr(WpItem) item = wp_store_get_item (self->store, item_id, error);

      if (item == NULL)
        return FALSE;
      if (wp_item_get_title (item)[0] == '\0')
        {
          if (!wp_store_begin (self->store, error))
            return FALSE;
          if (!wp_store_set_item_property (self->store, item_id, "title", &value, error))
            {
              wp_store_rollback (self->store);
              return FALSE;
            }
          if (!wp_store_commit (self->store, error))
            return FALSE;
          g_free (created->label);
          created->label = g_strdup_printf (_("Add “%s”"), title);
          notify_state (self);
          return TRUE;
        }
    }
  return wp_edit_set_property (self, item_id, "title", &value, error);
}

static gboolean
set_due_text (WpStore   *store,
              gpointer   data,
              GError   **error)
{
  ItemEdit *edit = data;

  return wp_store_set_item_due_text (store, edit->item_id, edit->text, error);
}

/* The deadline is three fields (label, date, ongoing) the store makes of
 * the text; one command. */
gboolean
wp_edit_set_due_text (WpUndoStack  *self,
                      gint64        item_id,
                      const char   *text,
                      GError      **error)
{
  ItemEdit edit = { .item_id = item_id, .text = text };
  g_autofree char *title = NULL;

  g_return_val_if_fail (WP_IS_UNDO_STACK (self), FALSE);

  title = item_title (self->store, item_id);
  return run_logged (self, item_id,
                     g_strdup_printf (_("Change the deadline of “%s”"), title),
                     set_due_text, &edit, error);
}

static gboolean
set_agencies (WpStore   *store,
              gpointer   data,
              GError   **error)
{
  ItemEdit *edit = data;

  return wp_store_set_item_agencies (store, edit->item_id, edit->role, edit->names, error);
}

/* (a co-agency named lead stops being one: see wp_store_set_item_agencies();
 * undo puts it back, as it reverses every row the edit wrote) */
gboolean
wp_edit_set_agencies (WpUndoStack         *self,
                      gint64               item_id,
                      WpAgencyRole         role,
                      const char * const  *names,
                      GError             **error)
{
  ItemEdit edit = { .item_id = item_id, .role = role, .names = names };
  g_autofree char *title = NULL;

  g_return_val_if_fail (WP_IS_UNDO_STACK (self), FALSE);

  title = item_title (self->store, item_id);
  return run_logged (self, item_id,
                     role == WP_AGENCY_ROLE_LEAD
                     ? g_strdup_printf (_("Change the lead agency of “%s”"), title)
                     : g_strdup_printf (_("Change the supporting agencies of “%s”"), title),
                     set_agencies, &edit, error);
}

WpItem *
wp_edit_create_item (WpUndoStack  *self,
                     gint64        plan_id,
                     gint64        parent_id,
                     int           position,
                     WpItemKind    kind,
                     const char   *title,
                     GError      **error)
{
  g_autoptr(WpItem) item = NULL;

  g_return_val_if_fail (WP_IS_UNDO_STACK (self), NULL);

  item = wp_store_create_item (self->store, plan_id, parent_id, position, kind, title, error);
  if (item == NULL)
    return NULL;

  push (self, command_new (CMD_CREATE, wp_item_get_id (item),
                           g_strdup_printf (_("Add “%s”"), title && *title
                                                           ? title
                                                           : wp_item_kind_to_label (kind))));
  return g_steal_pointer (&item);
}

gboolean
wp_edit_delete_item (WpUndoStack  *self,
                     gint64        item_id,
                     GError      **error)
{
  g_autofree char *title = NULL;

  g_return_val_if_fail (WP_IS_UNDO_STACK (self), FALSE);

  title = item_title (self->store, item_id);
  return run_and_push (self, command_new (CMD_DELETE, item_id,
                                          g_strdup_printf (_("Delete “%s”"), title)),
                       error);
}

static int
item_depth (WpStore *store,
            WpItem  *item)
{
  int depth = 0;
  gint64 parent = wp_item_get_parent_id (item);

  while (parent != 0 && depth < 64)
    {
      g_autoptr(WpItem) up = wp_store_get_item (store, parent, NULL);

      if (up == NULL)
        break;
      parent = wp_item_get_parent_id (up);
      depth++;
    }
  return depth;
}

static WpItemKind
kind_for_depth (int depth)
{
  return depth == 0 ? WP_ITEM_KIND_AREA : depth == 1 ? WP_ITEM_KIND_TASK : WP_ITEM_KIND_ACTION;
}

static Command *
move_command (WpItem *item,
              gint64  new_parent_id,
              int     new_position,
              char   *label)
{
  Command *move = command_new (CMD_MOVE, wp_item_get_id (item), label);

  move->old_parent = wp_item_get_parent_id (item);
  move->old_position = wp_item_get_position (item);
  move->new_parent = new_parent_id;
  move->new_position = new_position;
  return move;
}

/* A move, plus a change of kind when the item had the usual kind for its
 * old level (area, key task, action) and so should have the new level's. */
static gboolean
move_with_kind (WpUndoStack  *self,
                WpItem       *item,
                gint64        new_parent_id,
                int           new_position,
                int           new_depth,
                char         *label,
                GError      **error)
{
  g_autoptr(Command) group = command_new (CMD_GROUP, wp_item_get_id (item), label);
  WpItemKind kind = wp_item_get_kind (item);

  group->children = g_ptr_array_new_with_free_func ((GDestroyNotify) command_free);
  g_ptr_array_add (group->children, move_command (item, new_parent_id, new_position, NULL));

  if (kind == kind_for_depth (item_depth (self->store, item))
      && kind != kind_for_depth (new_depth))
    {
      g_auto(GValue) value = G_VALUE_INIT;

      g_value_init (&value, G_TYPE_STRING);
      g_value_set_string (&value, wp_item_kind_to_string (kind_for_depth (new_depth)));
      g_ptr_array_add (group->children,
                       property_command (self->store, item, "kind", &value, NULL, NULL));
    }

  return run_and_push (self, g_steal_pointer (&group), error);
}

gboolean
wp_edit_move_item (WpUndoStack  *self,
                   gint64        item_id,
                   gint64        new_parent_id,
                   int           new_position,
                   GError      **error)
{
  g_autoptr(WpItem) item = NULL;
  g_autoptr(WpItem) parent = NULL;
  g_autofree char *title = NULL;
  int depth = 0;

  g_return_val_if_fail (WP_IS_UNDO_STACK (self), FALSE);

  item = wp_store_get_item (self->store, item_id, error);
  if (item == NULL)
    return FALSE;
  if (new_parent_id != 0)
    {
      parent = wp_store_get_item (self->store, new_parent_id, error);
      if (parent == NULL)
        return FALSE;
      depth = item_depth (self->store, parent) + 1;
    }
  title = item_title (self->store, item_id);
  return move_with_kind (self, item, new_parent_id, new_position, depth,
                         g_strdup_printf (_("Move “%s”"), title), error);
}

/**
 * wp_edit_move_item_keep_kind:
 *
 * Moves an item and keeps its kind whatever the new level, as the board
 * does: an action card dropped on another area stays an action.
 */
gboolean
wp_edit_move_item_keep_kind (WpUndoStack  *self,
                             gint64        item_id,
                             gint64        new_parent_id,
                             int           new_position,
                             GError      **error)
{
  g_autoptr(WpItem) item = NULL;
  g_autofree char *title = NULL;

  g_return_val_if_fail (WP_IS_UNDO_STACK (self), FALSE);

  item = wp_store_get_item (self->store, item_id, error);
  if (item == NULL)
    return FALSE;
  title = item_title (self->store, item_id);
  return run_and_push (self, move_command (item, new_parent_id, new_position,
                                           g_strdup_printf (_("Move “%s”"), title)),
                       error);
}

static gboolean
nothing_to_do (GError     **error,
               const char  *message)
{
  g_set_error_literal (error, WP_STORE_ERROR, WP_STORE_ERROR_INVALID, message);
  return FALSE;
}

/* Makes the item the last child of the sibling above it (Tab). */
gboolean
wp_edit_indent (WpUndoStack  *self,
                gint64        item_id,
                GError      **error)
{
  g_autoptr(WpItem) item = NULL;
  g_autofree char *title = NULL;
  gint64 above;

  g_return_val_if_fail (WP_IS_UNDO_STACK (self), FALSE);

  item = wp_store_get_item (self->store, item_id, error);
  if (item == NULL)
    return FALSE;
  if (wp_item_get_position (item) == 0)
    return nothing_to_do (error, _("There is no item above to indent it under."));

  /* The sibling above, by its place: not a read of all the siblings */
  above = wp_store_get_child_id (self->store, wp_item_get_plan_id (item),
                                 wp_item_get_parent_id (item), wp_item_get_position (item) - 1,
                                 error);
  if (above == 0)
    return FALSE;
  title = item_title (self->store, item_id);
  return move_with_kind (self, item, above, -1,
                         item_depth (self->store, item) + 1,
                         g_strdup_printf (_("Indent “%s”"), title), error);
}

/* Makes the item the sibling after its parent (Shift+Tab). */
gboolean
wp_edit_outdent (WpUndoStack  *self,
                 gint64        item_id,
                 GError      **error)
{
  g_autoptr(WpItem) item = NULL;
  g_autoptr(WpItem) parent = NULL;
  g_autofree char *title = NULL;

  g_return_val_if_fail (WP_IS_UNDO_STACK (self), FALSE);

  item = wp_store_get_item (self->store, item_id, error);
  if (item == NULL)
    return FALSE;
  if (wp_item_get_parent_id (item) == 0)
    return nothing_to_do (error, _("The item is already at the top level."));

  parent = wp_store_get_item (self->store, wp_item_get_parent_id (item), error);
  if (parent == NULL)
    return FALSE;
  title = item_title (self->store, item_id);
  return move_with_kind (self, item, wp_item_get_parent_id (parent),
                         wp_item_get_position (parent) + 1, item_depth (self->store, parent),
                         g_strdup_printf (_("Outdent “%s”"), title), error);
}

static gboolean
move_by (WpUndoStack  *self,
         gint64        item_id,
         int           delta,
         GError      **error)
{
  g_autoptr(WpItem) item = NULL;
  g_autofree char *title = NULL;
  Command *cmd;
  int n;

  item = wp_store_get_item (self->store, item_id, error);
  if (item == NULL)
    return FALSE;

  n = (int) wp_store_count_children (self->store, wp_item_get_plan_id (item),
                                     wp_item_get_parent_id (item), FALSE);

  if (wp_item_get_position (item) + delta < 0 || wp_item_get_position (item) + delta >= n)
    return nothing_to_do (error, delta < 0 ? _("The item is already the first.")
                                           : _("The item is already the last."));

  title = item_title (self->store, item_id);
  cmd = command_new (CMD_MOVE, item_id, g_strdup_printf (_("Move “%s”"), title));
  cmd->old_parent = cmd->new_parent = wp_item_get_parent_id (item);
  cmd->old_position = wp_item_get_position (item);
  cmd->new_position = cmd->old_position + delta;
  return run_and_push (self, cmd, error);
}

gboolean
wp_edit_move_up (WpUndoStack  *self,
                 gint64        item_id,
                 GError      **error)
{
  g_return_val_if_fail (WP_IS_UNDO_STACK (self), FALSE);
  return move_by (self, item_id, -1, error);
}

gboolean
wp_edit_move_down (WpUndoStack  *self,
                   gint64        item_id,
                   GError      **error)
{
  g_return_val_if_fail (WP_IS_UNDO_STACK (self), FALSE);
  return move_by (self, item_id, +1, error);
}

typedef struct {
  gint64       item_id;
  const GDate *date;
  const char  *text;
  int          progress;
  const char  *reporter;
} NoteEdit;

/* Whether the item has a note dated after @date (a report entered late,
 * on its own day, does not set back what later reports said) */
static gboolean
has_later_note (WpStore     *store,
                gint64       item_id,
                const GDate *date)
{
  g_autoptr(GPtrArray) notes = wp_store_list_notes (store, item_id, NULL);

  for (guint i = 0; notes != NULL && i < notes->len; i++)
    if (g_date_compare (&((WpNote *) notes->pdata[i])->date, date) > 0)
      return TRUE;
  return FALSE;
}

static gboolean
add_note (WpStore   *store,
          gpointer   data,
          GError   **error)
{
  NoteEdit *edit = data;
  g_autoptr(WpItem) item = wp_store_get_item (store, edit->item_id, error);
  g_auto(GValue) value = G_VALUE_INIT;

  gboolean later;

  if (item == NULL)
    return FALSE;
  later = has_later_note (store, edit->item_id, edit->date);
  if (wp_store_add_note_by (store, edit->item_id, edit->date, edit->text, edit->progress,
                            edit->reporter, error) == 0)
    return FALSE;
  if (edit->progress < 0 || later || edit->progress == wp_item_get_progress (item))
    return TRUE;
  g_value_init (&value, G_TYPE_INT);
  g_value_set_int (&value, edit->progress);
  return wp_store_set_item_property (store, edit->item_id, "progress", &value, error);
}

/**
 * wp_edit_add_note:
 * @progress: the progress the note reports, or -1; it also becomes the
 *   item's progress
 *
 * Adds a dated progress note (进展情况) to an item.
 */
gboolean
wp_edit_add_note (WpUndoStack  *self,
                  gint64        item_id,
                  const GDate  *date,
                  const char   *text,
                  int           progress,
                  GError      **error)
{
  return wp_edit_add_note_by (self, item_id, date, text, progress, NULL, error);
}

/**
 * wp_edit_add_note_by:
 * @date: the day of the report: one received late is entered on its own
 *   day, and counts in that day's reporting period
 * @progress: the progress the note reports, or -1; it becomes the item's
 *   progress unless a later report says otherwise
 * @reporter: (nullable): who reported (an agency)
 *
 * Adds a dated progress note (进展情况) to an item, saying who reported it.
 */
gboolean
wp_edit_add_note_by (WpUndoStack  *self,
                     gint64        item_id,
                     const GDate  *date,
                     const char   *text,
                     int           progress,
                     const char   *reporter,
                     GError      **error)
{
  NoteEdit edit = { item_id, date, text != NULL ? text : "", progress, reporter };
  g_autofree char *title = NULL;

  g_return_val_if_fail (WP_IS_UNDO_STACK (self), FALSE);

  title = item_title (self->store, item_id);
  return run_logged (self, item_id, g_strdup_printf (_("Add a progress note to “%s”"), title),
                     add_note, &edit, error);
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
  push (self, command_new (CMD_CREATE_PLAN, plan_id, g_strdup (label)));
}

WpPlan *
wp_edit_new_plan (WpUndoStack  *self,
                  int           year,
                  const char   *title,
                  const char   *organization,
                  GError      **error)
{
  g_autoptr(WpPlan) plan = NULL;
  g_autofree char *label = NULL;

  g_return_val_if_fail (WP_IS_UNDO_STACK (self), NULL);

  plan = wp_store_create_plan (self->store, year, title, organization, error);
  if (plan == NULL)
    return NULL;
  label = g_strdup_printf (_("Create the %d plan"), year);
  wp_undo_stack_push_plan_created (self, wp_plan_get_id (plan), label);
  return g_steal_pointer (&plan);
}

/**
 * wp_edit_start_next_year:
 * @flags: see wp_store_start_next_year()
 *
 * Starts next year's plan as one step: Undo removes the new plan and
 * takes the 已结转 mark off the old year's items again.
 */
WpPlan *
wp_edit_start_next_year (WpUndoStack      *self,
                         gint64            plan_id,
                         WpNextYearFlags   flags,
                         GError          **error)
{
  g_autoptr(WpPlan) plan = NULL;
  g_autoptr(GArray) carried = NULL;
  Command *group;

  g_return_val_if_fail (WP_IS_UNDO_STACK (self), NULL);

  plan = wp_store_start_next_year (self->store, plan_id, flags, &carried, error);
  if (plan == NULL)
    return NULL;

  group = command_new (CMD_NEXT_YEAR, wp_plan_get_id (plan),
                       g_strdup_printf (_("Create the %d plan"), wp_plan_get_year (plan)));
  group->children = g_ptr_array_new_with_free_func ((GDestroyNotify) command_free);
  g_ptr_array_add (group->children, command_new (CMD_CREATE_PLAN, wp_plan_get_id (plan), NULL));
  for (guint i = 0; i < carried->len; i++)
    {
      Command *mark = command_new (CMD_SET_PROPERTY, g_array_index (carried, gint64, i), NULL);

      mark->property = g_strdup ("carried-forward");
      g_value_init (&mark->old_value, G_TYPE_BOOLEAN);
      g_value_init (&mark->new_value, G_TYPE_BOOLEAN);
      g_value_set_boolean (&mark->new_value, TRUE);
      g_ptr_array_add (group->children, mark);
    }
  push (self, group);
  return g_steal_pointer (&plan);
}

gboolean
wp_edit_delete_plan (WpUndoStack  *self,
                     gint64        plan_id,
                     GError      **error)
{
  g_autoptr(WpPlan) plan = NULL;

  g_return_val_if_fail (WP_IS_UNDO_STACK (self), FALSE);

  plan = wp_store_get_plan (self->store, plan_id, error);
  if (plan == NULL)
    return FALSE;
  return run_and_push (self, command_new (CMD_DELETE_PLAN, plan_id,
                                          g_strdup_printf (_("Delete the %d plan"),
                                                           wp_plan_get_year (plan))),
                       error);
}

typedef struct {
  gint64          item_id;
  const WpTarget *target;
} TargetEdit;

static gboolean
add_target (WpStore   *store,
            gpointer   data,
            GError   **error)
{
  TargetEdit *edit = data;

  return wp_store_add_target (store, edit->item_id, edit->target, error) != 0;
}

/**
 * wp_edit_add_target:
 *
 * Adds a quantified target (目标指标) to an item.
 */
gboolean
wp_edit_add_target (WpUndoStack     *self,
                    gint64           item_id,
                    const WpTarget  *target,
                    GError         **error)
{
  TargetEdit edit = { item_id, target };
  g_autofree char *title = NULL;

  g_return_val_if_fail (WP_IS_UNDO_STACK (self), FALSE);

  title = item_title (self->store, item_id);
  return run_logged (self, item_id, g_strdup_printf (_("Add a target to “%s”"), title),
                     add_target, &edit, error);
}

static gboolean
set_target (WpStore   *store,
            gpointer   data,
            GError   **error)
{
  TargetEdit *edit = data;
  g_autoptr(GPtrArray) targets = wp_store_list_targets (store, edit->item_id, error);

  if (targets == NULL)
    return FALSE;
  for (guint i = 0; i < targets->len; i++)
    if (((WpTarget *) g_ptr_array_index (targets, i))->id == edit->target->id)
      return wp_store_update_target (store, edit->target, error);
  g_set_error (error, WP_STORE_ERROR, WP_STORE_ERROR_NOT_FOUND,
               _("The target no longer exists."));
  return FALSE;
}

/**
 * wp_edit_set_target:
 * @target: the target with its stored id and the new label, unit and figures
 */
gboolean
wp_edit_set_target (WpUndoStack     *self,
                    gint64           item_id,
                    const WpTarget  *target,
                    GError         **error)
{
  TargetEdit edit = { item_id, target };
  g_autofree char *title = NULL;

  g_return_val_if_fail (WP_IS_UNDO_STACK (self), FALSE);

  title = item_title (self->store, item_id);
  return run_logged (self, item_id, g_strdup_printf (_("Change a target of “%s”"), title),
                     set_target, &edit, error);
}

typedef struct {
  gint64        agency_id;
  const char   *name;
  const char   *short_name;
  WpAgencyKind  kind;
  gint64        into_id;
} AgencyEdit;

static gboolean
update_agency (WpStore   *store,
               gpointer   data,
               GError   **error)
{
  AgencyEdit *edit = data;

  return wp_store_update_agency (store, edit->agency_id, edit->name, edit->short_name,
                                 edit->kind, error);
}

/**
 * wp_edit_update_agency:
 *
 * Renames an agency and sets its short name and kind, as one command.
 */
gboolean
wp_edit_update_agency (WpUndoStack   *self,
                       gint64         agency_id,
                       const char    *name,
                       const char    *short_name,
                       WpAgencyKind   kind,
                       GError       **error)
{
  AgencyEdit edit = { agency_id, name, short_name, kind, 0 };
  g_autoptr(WpAgency) agency = NULL;

  g_return_val_if_fail (WP_IS_UNDO_STACK (self), FALSE);

  agency = wp_store_get_agency (self->store, agency_id, error);
  if (agency == NULL)
    return FALSE;
  return run_logged (self, 0,
                     g_strcmp0 (name, wp_agency_get_name (agency)) != 0
                     ? g_strdup_printf (_("Rename “%s”"), wp_agency_get_name (agency))
                     : g_strdup_printf (_("Change “%s”"), wp_agency_get_name (agency)),
                     update_agency, &edit, error);
}

static gboolean
merge_agencies (WpStore   *store,
                gpointer   data,
                GError   **error)
{
  AgencyEdit *edit = data;

  return wp_store_merge_agencies (store, edit->agency_id, edit->into_id, error);
}

/**
 * wp_edit_merge_agencies:
 * @from_id: the agency that goes
 * @into_id: the agency that stays and takes over its items
 */
gboolean
wp_edit_merge_agencies (WpUndoStack  *self,
                        gint64        from_id,
                        gint64        into_id,
                        GError      **error)
{
  AgencyEdit edit = { .agency_id = from_id, .into_id = into_id };
  g_autoptr(WpAgency) from = NULL;
  g_autoptr(WpAgency) into = NULL;

  g_return_val_if_fail (WP_IS_UNDO_STACK (self), FALSE);

  from = wp_store_get_agency (self->store, from_id, error);
  if (from == NULL)
    return FALSE;
  into = wp_store_get_agency (self->store, into_id, error);
  if (into == NULL)
    return FALSE;
  return run_logged (self, 0, g_strdup_printf (_("Merge “%s” into “%s”"),
                                               wp_agency_get_name (from),
                                               wp_agency_get_name (into)),
                     merge_agencies, &edit, error);
}


typedef struct {
  gint64      item_id;
  int         quarter;
  const char *text;
  int         progress;
} MilestoneEdit;

static gboolean
set_milestone (WpStore   *store,
               gpointer   data,
               GError   **error)
{
  MilestoneEdit *edit = data;

  return wp_store_set_milestone (store, edit->item_id, edit->quarter, edit->text,
                                 edit->progress, error);
}

/**
 * wp_edit_set_milestone:
 * @quarter: 1 to 4
 * @text: (nullable): the state expected by the quarter's end
 * @progress: the progress expected by then, or -1
 *
 * Sets an item's milestone (形象进度) for a quarter. An edit of the change
 * log's kind: a label and one store call, undone by reversing its rows.
 */
gboolean
wp_edit_set_milestone (WpUndoStack  *self,
                       gint64        item_id,
                       int           quarter,
                       const char   *text,
                       int           progress,
                       GError      **error)
{
  MilestoneEdit edit = { item_id, quarter, text, progress };
  g_autofree char *title = NULL;

  g_return_val_if_fail (WP_IS_UNDO_STACK (self), FALSE);

  title = item_title (self->store, item_id);
  return run_logged (self, item_id,
                     g_strdup_printf (_("Set the milestone of “%s” for quarter %d"), title,
                                      quarter),
                     set_milestone, &edit, error);
}

/**
 * wp_edit_set_lead_agency:
 * @name: (nullable): the one lead agency, or %NULL for none
 *
 * Makes @name the item's only lead agency, as a board's drop does; if it
 * was a supporting agency of the item it stops being one. One command.
 */
gboolean
wp_edit_set_lead_agency (WpUndoStack  *self,
                         gint64        item_id,
                         const char   *name,
                         GError      **error)
{
  const char *lead[] = { name, NULL };

  return wp_edit_set_agencies (self, item_id, WP_AGENCY_ROLE_LEAD, lead, error);
}

/* Returned sheets */

static gboolean
apply_collect (WpStore   *store,
               gpointer   data,
               GError   **error)
{
  return wp_collect_apply (store, data, error);
}

/**
 * wp_edit_collect:
 * @collect: what the returned sheets ask for (see wp_collect_read())
 *
 * Writes what @collect asks for as one step, in one transaction: Undo puts
 * every item's status and progress back and takes the added notes away.
 * Refused rows or sheets not left out refuse the whole set, as
 * wp_collect_apply() does.
 */
gboolean
wp_edit_collect (WpUndoStack  *self,
                 WpCollect    *collect,
                 GError      **error)
{
  g_return_val_if_fail (WP_IS_UNDO_STACK (self), FALSE);

  if (!wp_collect_is_sound (collect))
    return wp_collect_apply (self->store, collect, error);  /* (says why, writes nothing) */
  return run_logged (self,
                     collect->rows->len > 0
                     ? ((WpCollectRow *) g_ptr_array_index (collect->rows, 0))->item_id : 0,
                     g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                   "Collect %u change from returned sheets",
                                                   "Collect %u changes from returned sheets",
                                                   collect->n_changes),
                                      collect->n_changes),
                     apply_collect, collect, error);
}

/* Close-out (销号), evidence files and the year-end check (年终核查):
 * each a label and store calls run through run_logged(), so they undo by
 * reversing the rows they wrote. */

typedef struct {
  gint64                  item_id;
  const char             *completion;
  const WpNewAttachment  *files;
  guint                   n_files;
} CloseOutEdit;

static gboolean
close_out (WpStore   *store,
           gpointer   data,
           GError   **error)
{
  CloseOutEdit *edit = data;

  if (!wp_store_close_out (store, edit->item_id, edit->completion, error))
    return FALSE;
  for (guint i = 0; i < edit->n_files; i++)
    if (wp_store_add_attachment (store, edit->item_id, edit->files[i].name, edit->files[i].type,
                                 edit->files[i].data, error) == 0)
      return FALSE;
  return TRUE;
}

/**
 * wp_edit_close_out:
 * @completion: the completion note (办结情况), required
 * @files: (array length=n_files) (nullable): evidence files to keep with it
 *
 * Marks an item done with its completion note and its evidence files, as
 * one step: Undo takes the files, the note and done back together. Refused
 * as a whole (nothing written) if the note is empty or a file cannot be
 * kept.
 */
gboolean
wp_edit_close_out (WpUndoStack            *self,
                   gint64                  item_id,
                   const char             *completion,
                   const WpNewAttachment  *files,
                   guint                   n_files,
                   GError                **error)
{
  CloseOutEdit edit = { item_id, completion, files, n_files };
  g_autofree char *title = NULL;

  g_return_val_if_fail (WP_IS_UNDO_STACK (self), FALSE);

  title = item_title (self->store, item_id);
  return run_logged (self, item_id, g_strdup_printf (_("Close out “%s”"), title),
                     close_out, &edit, error);
}

typedef struct {
  gint64      item_id;
  const char *text;
} ItemTextEdit;

static gboolean
confirm_closeout (WpStore   *store,
                  gpointer   data,
                  GError   **error)
{
  ItemTextEdit *edit = data;

  return wp_store_confirm_closeout (store, edit->item_id, edit->text, error);
}

/**
 * wp_edit_confirm_closeout:
 * @by: who confirms it
 *
 * Confirms an item's close-out waiting for review (待销号 → 已销号).
 */
gboolean
wp_edit_confirm_closeout (WpUndoStack  *self,
                          gint64        item_id,
                          const char   *by,
                          GError      **error)
{
  ItemTextEdit edit = { item_id, by };
  g_autofree char *title = NULL;

  g_return_val_if_fail (WP_IS_UNDO_STACK (self), FALSE);

  title = item_title (self->store, item_id);
  return run_logged (self, item_id,
                     g_strdup_printf (_("Confirm the close-out of “%s”"), title),
                     confirm_closeout, &edit, error);
}

typedef struct {
  gint64      item_id;
  const char *name;
  const char *type;
  GBytes     *data;
  gint64      id;
} AttachmentEdit;

static gboolean
add_attachment (WpStore   *store,
                gpointer   data,
                GError   **error)
{
  AttachmentEdit *edit = data;

  edit->id = wp_store_add_attachment (store, edit->item_id, edit->name, edit->type, edit->data,
                                      error);
  return edit->id != 0;
}

/**
 * wp_edit_add_attachment:
 * @type: (nullable): the file's MIME type
 * @data: its bytes, at most %WP_ATTACHMENT_MAX_SIZE
 *
 * Keeps an evidence file with an item.
 *
 * Returns: the attachment's id, or 0 with @error set
 */
gint64
wp_edit_add_attachment (WpUndoStack  *self,
                        gint64        item_id,
                        const char   *name,
                        const char   *type,
                        GBytes       *data,
                        GError      **error)
{
  AttachmentEdit edit = { item_id, name, type, data, 0 };
  g_autofree char *title = NULL;
  g_autofree char *base = NULL;

  g_return_val_if_fail (WP_IS_UNDO_STACK (self), 0);

  title = item_title (self->store, item_id);
  base = g_path_get_basename (name != NULL && name[0] != '\0' ? name : "attachment");
  if (!run_logged (self, item_id,
                   g_strdup_printf (_("Attach “%s” to “%s”"), base, title),
                   add_attachment, &edit, error))
    return 0;
  return edit.id;
}

static gboolean
delete_attachment (WpStore   *store,
                   gpointer   data,
                   GError   **error)
{
  return wp_store_delete_attachment (store, *(gint64 *) data, error);
}

/**
 * wp_edit_delete_attachment:
 *
 * Removes an evidence file from its item; Undo gives it back with its
 * bytes.
 */
gboolean
wp_edit_delete_attachment (WpUndoStack         *self,
                           const WpAttachment  *attachment,
                           GError             **error)
{
  gint64 id;

  g_return_val_if_fail (WP_IS_UNDO_STACK (self), FALSE);
  g_return_val_if_fail (attachment != NULL, FALSE);

  id = attachment->id;
  return run_logged (self, attachment->item_id,
                     g_strdup_printf (_("Remove the attachment “%s”"), attachment->name),
                     delete_attachment, &id, error);
}

static gboolean
set_check_reason (WpStore   *store,
                  gpointer   data,
                  GError   **error)
{
  ItemTextEdit *edit = data;

  return wp_store_set_check_reason (store, edit->item_id, edit->text, error);
}

/**
 * wp_edit_set_check_reason:
 * @reason: (nullable): why the item was not finished this year; empty
 *   removes it
 *
 * Records the year-end check's reason for an unfinished item.
 */
gboolean
wp_edit_set_check_reason (WpUndoStack  *self,
                          gint64        item_id,
                          const char   *reason,
                          GError      **error)
{
  ItemTextEdit edit = { item_id, reason };
  g_autofree char *title = NULL;

  g_return_val_if_fail (WP_IS_UNDO_STACK (self), FALSE);

  title = item_title (self->store, item_id);
  return run_logged (self, item_id,
                     g_strdup_printf (_("Give the reason “%s” is unfinished"), title),
                     set_check_reason, &edit, error);
}

static gboolean
mark_plan_checked (WpStore   *store,
                   gpointer   data,
                   GError   **error)
{
  return wp_store_mark_plan_checked (store, *(gint64 *) data, error);
}

/**
 * wp_edit_mark_plan_checked:
 *
 * Records that the plan's year-end check is done; refused (nothing
 * written) while an unfinished item has no reason.
 */
gboolean
wp_edit_mark_plan_checked (WpUndoStack  *self,
                           gint64        plan_id,
                           GError      **error)
{
  g_return_val_if_fail (WP_IS_UNDO_STACK (self), FALSE);

  return run_logged (self, 0, g_strdup (_("Finish the year-end check")),
                     mark_plan_checked, &plan_id, error);
}

/* A plan's light rules and reporting cycle */

typedef struct {
  gint64                plan_id;
  const WpPlanSettings *settings;
} PlanSettingsEdit;

static gboolean
set_plan_settings (WpStore   *store,
                   gpointer   data,
                   GError   **error)
{
  PlanSettingsEdit *edit = data;

  return wp_store_set_plan_settings (store, edit->plan_id, edit->settings, error);
}

/**
 * wp_edit_set_plan_settings:
 * @settings: the plan's light rules and reporting cycle, all of them
 *
 * Sets how a plan's items are judged and reported on, as one step: undo
 * puts the plan's settings back as they were, and every light with them.
 */
gboolean
wp_edit_set_plan_settings (WpUndoStack           *self,
                           gint64                 plan_id,
                           const WpPlanSettings  *settings,
                           GError               **error)
{
  PlanSettingsEdit edit = { plan_id, settings };
  g_autoptr(WpPlan) plan = NULL;

  g_return_val_if_fail (WP_IS_UNDO_STACK (self), FALSE);
  g_return_val_if_fail (settings != NULL, FALSE);

  plan = wp_store_get_plan (self->store, plan_id, error);
  if (plan == NULL)
    return FALSE;
  return run_logged (self, 0,
                     g_strdup_printf (_("Change the light and reporting rules of the %d plan"),
                                      wp_plan_get_year (plan)),
                     set_plan_settings, &edit, error);
}
