/* wp-edit.c: editing items: fields, agencies, adding, deleting, moving, notes
 *
 * Each edit is a label and one or a few store calls, run in one
 * transaction by _wp_undo_run_logged(): it undoes by reversing the rows it
 * left in the change log, with no undo code of its own.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "wp-undo-private.h"

char *
_wp_edit_item_title (WpStore *store,
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

typedef struct {
  gint64              item_id;
  const char         *property;
  const GValue       *value;
  const char         *text;
  WpAgencyRole        role;
  const char * const *names;
  /* creating and moving */
  gint64              plan_id;
  gint64              parent_id;
  int                 position;
  WpItemKind          kind;
  gboolean            set_kind;  /* and give the item @kind when moved */
  WpItem             *made;
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

  title = _wp_edit_item_title (self->store, item_id);
  return _wp_undo_run_logged (self, item_id,
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
  created = _wp_undo_creation_on_top (self, item_id, NULL);
  if (created != NULL && title != NULL && title[0] != '\0')
    {
      g_autoptr(WpItem) item = wp_store_get_item (self->store, item_id, error);

      if (item == NULL)
        return FALSE;
      if (wp_item_get_title (item)[0] == '\0')
        {
          ItemEdit edit = { .item_id = item_id, .property = "title", .value = &value };
          g_autoptr(GPtrArray) changes = _wp_undo_run_reading (self, set_property, &edit, error);

          if (changes == NULL)
            return FALSE;
          g_ptr_array_extend_and_steal (created->changes, g_steal_pointer (&changes));
          g_free (created->label);
          created->label = g_strdup_printf (_("Add “%s”"), title);
          _wp_undo_notify_state (self);
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

  title = _wp_edit_item_title (self->store, item_id);
  return _wp_undo_run_logged (self, item_id,
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

  title = _wp_edit_item_title (self->store, item_id);
  return _wp_undo_run_logged (self, item_id,
                              role == WP_AGENCY_ROLE_LEAD
                              ? g_strdup_printf (_("Change the lead agency of “%s”"), title)
                              : g_strdup_printf (_("Change the supporting agencies of “%s”"),
                                                 title),
                              set_agencies, &edit, error);
}

static gboolean
create_item (WpStore   *store,
             gpointer   data,
             GError   **error)
{
  ItemEdit *edit = data;

  edit->made = wp_store_create_item (store, edit->plan_id, edit->parent_id, edit->position,
                                     edit->kind, edit->text, error);
  return edit->made != NULL;
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
  ItemEdit edit = { .plan_id = plan_id, .parent_id = parent_id, .position = position,
                    .kind = kind, .text = title };
  GPtrArray *changes;

  g_return_val_if_fail (WP_IS_UNDO_STACK (self), NULL);

  /* (_wp_undo_run_logged() but for the item, known once it is made) */
  changes = _wp_undo_run_reading (self, create_item, &edit, error);
  if (changes == NULL)
    {
      g_clear_object (&edit.made);
      return NULL;
    }
  _wp_undo_push_changes (self, wp_item_get_id (edit.made),
                         g_strdup_printf (_("Add “%s”"),
                                          title && *title ? title : wp_item_kind_to_label (kind)),
                         changes);
  return edit.made;
}

gboolean
wp_edit_delete_item (WpUndoStack  *self,
                     gint64        item_id,
                     GError      **error)
{
  g_autofree char *title = NULL;
  char *label;

  g_return_val_if_fail (WP_IS_UNDO_STACK (self), FALSE);

  title = _wp_edit_item_title (self->store, item_id);
  label = g_strdup_printf (_("Delete “%s”"), title);
  return _wp_undo_run_and_push (self, _wp_undo_command_new (CMD_DELETE, item_id, label), error);
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

static gboolean
move_item (WpStore   *store,
           gpointer   data,
           GError   **error)
{
  ItemEdit *edit = data;
  g_auto(GValue) value = G_VALUE_INIT;

  if (!wp_store_move_item (store, edit->item_id, edit->parent_id, edit->position, error))
    return FALSE;
  if (!edit->set_kind)
    return TRUE;
  g_value_init (&value, G_TYPE_STRING);
  g_value_set_string (&value, wp_item_kind_to_string (edit->kind));
  return wp_store_set_item_property (store, edit->item_id, "kind", &value, error);
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
  WpItemKind kind = wp_item_get_kind (item);
  ItemEdit edit = { .item_id = wp_item_get_id (item), .parent_id = new_parent_id,
                    .position = new_position, .kind = kind_for_depth (new_depth) };

  edit.set_kind = kind == kind_for_depth (item_depth (self->store, item))
                  && kind != kind_for_depth (new_depth);
  return _wp_undo_run_logged (self, edit.item_id, label, move_item, &edit, error);
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
  title = _wp_edit_item_title (self->store, item_id);
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
  title = _wp_edit_item_title (self->store, item_id);
  return _wp_undo_run_logged (self, item_id, g_strdup_printf (_("Move “%s”"), title), move_item,
                              &(ItemEdit) { .item_id = item_id, .parent_id = new_parent_id,
                                            .position = new_position },
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
  title = _wp_edit_item_title (self->store, item_id);
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
  title = _wp_edit_item_title (self->store, item_id);
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
  int n;

  item = wp_store_get_item (self->store, item_id, error);
  if (item == NULL)
    return FALSE;

  n = (int) wp_store_count_children (self->store, wp_item_get_plan_id (item),
                                     wp_item_get_parent_id (item), FALSE);

  if (wp_item_get_position (item) + delta < 0 || wp_item_get_position (item) + delta >= n)
    return nothing_to_do (error, delta < 0 ? _("The item is already the first.")
                                           : _("The item is already the last."));

  title = _wp_edit_item_title (self->store, item_id);
  return _wp_undo_run_logged (self, item_id, g_strdup_printf (_("Move “%s”"), title), move_item,
                              &(ItemEdit) { .item_id = item_id,
                                            .parent_id = wp_item_get_parent_id (item),
                                            .position = wp_item_get_position (item) + delta },
                              error);
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

  title = _wp_edit_item_title (self->store, item_id);
  return _wp_undo_run_logged (self, item_id,
                              g_strdup_printf (_("Add a progress note to “%s”"), title),
                              add_note, &edit, error);
}
