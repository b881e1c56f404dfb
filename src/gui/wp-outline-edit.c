/* wp-outline-edit.c: typing a row's title in the outline
 *
 * A row's title turns into an entry; Enter, Escape, Tab and focus leaving
 * end it, and a new row left without a title goes away again.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "wp-outline-row.h"
#include "wp-outline-view-private.h"
#include "wp-busy-retry.h"


/* Title editing */

static void connect_title_entry (WpOutlineView *self,
                                 GtkWidget     *entry);

void
_wp_outline_view_title_bound (WpOutlineView *self,
                              WpItem        *item,
                              GtkWidget     *title_cell)
{
  gint64 id = wp_item_get_id (item);

  g_hash_table_insert (self->title_cells, g_memdup2 (&id, sizeof id), title_cell);
  g_object_set_data (G_OBJECT (title_cell), "wp-item-id", GSIZE_TO_POINTER ((gsize) id));

  if (self->pending_edit == id)
    {
      g_autofree char *typed = g_steal_pointer (&self->pending_text);

      self->pending_edit = 0;
      _wp_outline_start_editing (self, id);
      /* (made anew while it was edited: what was typed goes on) */
      if (typed != NULL && self->editing == id)
        {
          GtkWidget *entry = wp_outline_title_get_entry (title_cell);

          gtk_editable_set_text (GTK_EDITABLE (entry), typed);
          gtk_editable_set_position (GTK_EDITABLE (entry), -1);
        }
    }
}

void
_wp_outline_view_title_unbound (WpOutlineView *self,
                                WpItem        *item,
                                GtkWidget     *title_cell)
{
  gint64 id = wp_item_get_id (item);

  if (g_hash_table_lookup (self->title_cells, &id) == title_cell)
    g_hash_table_remove (self->title_cells, &id);
  /* A row being edited can go while it is edited: scrolled away, or made
   * anew. What was typed is kept, and editing goes on when it is back. */
  if (self->editing == id)
    {
      GtkWidget *entry = wp_outline_title_get_entry (title_cell);

      g_free (self->pending_text);
      self->pending_text = g_strdup (gtk_editable_get_text (GTK_EDITABLE (entry)));
      self->pending_edit = id;
      self->editing = 0;
      gtk_stack_set_visible_child_name (GTK_STACK (title_cell), "label");
    }
}

void
_wp_outline_start_editing (WpOutlineView *self,
                           gint64         item_id)
{
  GtkWidget *cell = g_hash_table_lookup (self->title_cells, &item_id);
  g_autoptr(WpItem) item = NULL;
  GtkWidget *entry;

  if (cell == NULL)
    {
      /* Not on screen yet: edit when its row is made. */
      self->pending_edit = item_id;
      return;
    }

  item = wp_store_get_item (_wp_outline_get_store (self), item_id, NULL);
  if (item == NULL)
    return;

  entry = wp_outline_title_get_entry (cell);
  if (g_object_steal_data (G_OBJECT (entry), "wp-new-entry") != NULL)
    connect_title_entry (self, entry);
  self->editing = item_id;
  gtk_editable_set_text (GTK_EDITABLE (entry), wp_item_get_title (item));
  gtk_stack_set_visible_child_name (GTK_STACK (cell), "entry");
  gtk_widget_grab_focus (entry);
  /* Caret at the end, to go on typing. (Not select-all: GTK 4.8's entry
   * warns about a blinking selection when one is made on focus.) */
  gtk_editable_set_position (GTK_EDITABLE (entry), -1);
}

/* Ends editing; with @commit the typed title is saved. Sets @id to the
 * item that was being edited, or 0. If the title cannot be saved (a full
 * disk, a file another program holds), editing goes on with the text as
 * typed, for another try, and %FALSE is returned with @error. */
static gboolean
finish_editing (WpOutlineView  *self,
                gboolean        commit,
                gint64         *id,
                GError        **error)
{
  GtkWidget *cell;
  const char *text;

  *id = self->editing;
  if (*id == 0)
    return TRUE;
  self->editing = 0;

  cell = g_hash_table_lookup (self->title_cells, id);
  if (cell == NULL)
    return TRUE;

  text = gtk_editable_get_text (GTK_EDITABLE (wp_outline_title_get_entry (cell)));
  if (commit)
    {
      g_autoptr(WpItem) item = wp_store_get_item (_wp_outline_get_store (self), *id, NULL);
      g_autofree char *clean = g_strstrip (g_strdup (text));

      if (item != NULL && g_strcmp0 (clean, wp_item_get_title (item)) != 0
          && !wp_edit_set_title (_wp_outline_get_undo (self), *id, clean, error))
        {
          self->editing = *id;
          *id = 0;
          return FALSE;
        }
    }

  gtk_stack_set_visible_child_name (GTK_STACK (cell), "label");
  return TRUE;
}

/* A title typed while another program wrote to the file is saved once it
 * is done (wp-busy-retry.c), unless editing ended meanwhile. */
static gboolean
retry_rename (GtkWidget  *owner,
              GError    **error)
{
  WpOutlineView *self = WP_OUTLINE_VIEW (owner);
  gint64 id;

  /* (its row went meanwhile: the title typed is saved all the same) */
  if (self->editing == 0 && self->pending_edit != 0 && self->pending_text != NULL)
    {
      g_autofree char *clean = g_strstrip (g_strdup (self->pending_text));

      if (!wp_edit_set_title (_wp_outline_get_undo (self), self->pending_edit, clean, error))
        return FALSE;
      self->pending_edit = 0;
      g_clear_pointer (&self->pending_text, g_free);
      return TRUE;
    }
  return self->editing == 0 || finish_editing (self, TRUE, &id, error);
}

/* Ends editing; with @commit the typed title is saved. Returns the item
 * that was being edited, or 0. If the title cannot be saved (a full disk,
 * a file another program holds), editing goes on with the text as typed,
 * for another try, and 0 is returned: _wp_outline_is_editing() then tells
 * so. While another program writes, it is tried again by itself. */
gint64
_wp_outline_finish_editing (WpOutlineView *self,
                            gboolean       commit)
{
  g_autoptr(GError) error = NULL;
  gint64 id;

  if (!finish_editing (self, commit, &id, &error)
      && !wp_busy_retry_start (GTK_WIDGET (self), error, retry_rename))
    _wp_outline_show_error (self, error);
  return id;
}

/* Gives the keyboard focus to the selected row, so that the focus ring
 * and the selection are on the same row: the grid view on its own gives
 * it back to the row that last had it, which may be another. */
static void
focus_selected_row (WpOutlineView *self)
{
  g_autoptr(WpItem) item = _wp_outline_selected_item (self);
  gint64 id = item != NULL ? wp_item_get_id (item) : 0;
  GtkWidget *cell = id != 0 ? g_hash_table_lookup (self->title_cells, &id) : NULL;
  GtkWidget *row = cell != NULL ? gtk_widget_get_ancestor (cell, WP_TYPE_OUTLINE_ROW) : NULL;

  /* (the row's parent is the grid view's child for the item) */
  if (row == NULL || !gtk_widget_grab_focus (gtk_widget_get_parent (row)))
    gtk_widget_grab_focus (GTK_WIDGET (self->grid_view));
}

/* Takes away the new row @id, left without a title, and selects the row
 * it was added from (or the one above it). Nothing of it stays in the
 * undo history: Redo would bring back an untitled item. */
static void
take_back_new_row (WpOutlineView *self,
                   gint64         id)
{
  g_autoptr(GError) error = NULL;
  guint pos = _wp_outline_find_row (self, id);
  gint64 from = self->created_from;

  self->created_from = 0;
  if (!wp_undo_stack_take_back_item (_wp_outline_get_undo (self), id, &error))
    {
      /* Another edit came after it: the row stays, as any other would. */
      if (!g_error_matches (error, WP_STORE_ERROR, WP_STORE_ERROR_INVALID))
        _wp_outline_show_error (self, error);
      return;
    }
  if (from == 0 || !_wp_outline_select_row (self, from, FALSE))
    {
      guint n = g_list_model_get_n_items (G_LIST_MODEL (self->tree));

      if (pos != GTK_INVALID_LIST_POSITION && n > 0)
        gtk_single_selection_set_selected (self->selection, MIN (pos > 0 ? pos - 1 : 0, n - 1));
    }
}

/* Whether @id is a new row whose title is (still) empty */
static gboolean
is_empty_new_row (WpOutlineView *self,
                  gint64         id)
{
  g_autoptr(WpItem) item = NULL;

  if (id == 0 || id != self->just_created)
    return FALSE;
  item = wp_store_get_item (_wp_outline_get_store (self), id, NULL);
  return item != NULL && wp_item_get_title (item)[0] == '\0';
}

/* Ends editing for good, whatever ended it: with @commit the typed title
 * is saved, and a new row left without one is taken away again. Returns
 * the item that was being edited, or 0 when none is (any more). */
gint64
_wp_outline_end_editing (WpOutlineView *self,
                         gboolean       commit)
{
  gint64 id = _wp_outline_finish_editing (self, commit);
  gboolean empty;

  if (id == 0 || id != self->just_created)
    return id;
  empty = is_empty_new_row (self, id);
  self->just_created = 0;
  if (!empty)
    {
      self->created_from = 0;
      return id;
    }
  take_back_new_row (self, id);
  return 0;
}

/* Keyboard */

gboolean
_wp_outline_is_editing (WpOutlineView *self)
{
  return self->editing != 0;
}


static gboolean
entry_is_blank (GtkEventControllerKey *controller)
{
  GtkWidget *entry = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (controller));
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (entry))));

  return text[0] == '\0';
}

/* Keys in the title entry: the entry's own handling (and the input method's:
 * Enter while composing Chinese text belongs to the input method) comes
 * first; what it leaves reaches this handler. */
static gboolean
on_entry_key_pressed (GtkEventControllerKey *controller,
                      guint                  keyval,
                      guint                  keycode,
                      GdkModifierType        state,
                      WpOutlineView         *self)
{
  GdkModifierType mods = state & gtk_accelerator_get_default_mod_mask ();

  if (!_wp_outline_is_editing (self))
    return GDK_EVENT_PROPAGATE;

  switch (keyval)
    {
    case GDK_KEY_Escape:
      /* Escape ends editing. A rename goes back to the title as it was;
       * a row being added keeps what was typed (it has nothing to go back
       * to), or goes away again if nothing was. */
      if (_wp_outline_end_editing (self, self->editing == self->just_created) == 0
          && _wp_outline_is_editing (self))
        return GDK_EVENT_STOP;  /* (the title could not be saved: still typed) */
      focus_selected_row (self);
      return GDK_EVENT_STOP;

    case GDK_KEY_Return:
    case GDK_KEY_KP_Enter:
    case GDK_KEY_ISO_Enter:
      {
        gint64 id = self->editing;

        /* Ctrl+Enter saves the title and adds a sub-item under it, as
         * outside editing. (Enter alone is the entry's activate.) */
        if (mods != GDK_CONTROL_MASK)
          return GDK_EVENT_PROPAGATE;
        if (is_empty_new_row (self, id) && entry_is_blank (controller))
          {
            /* (an untitled item to put it under would be left) */
            gtk_widget_error_bell (GTK_WIDGET (self));
            return GDK_EVENT_STOP;
          }
        if (_wp_outline_end_editing (self, TRUE) != 0 && _wp_outline_select_item (self, id))
          _wp_outline_add_child (self);
        return GDK_EVENT_STOP;
      }

    case GDK_KEY_Tab:
    case GDK_KEY_KP_Tab:
      if (mods != 0)
        return GDK_EVENT_PROPAGATE;
      if (_wp_outline_finish_editing (self, TRUE) != 0)
        _wp_outline_run_structure_edit (self, wp_edit_indent, TRUE);
      return GDK_EVENT_STOP;

    case GDK_KEY_ISO_Left_Tab:
      if (_wp_outline_finish_editing (self, TRUE) != 0)
        _wp_outline_run_structure_edit (self, wp_edit_outdent, TRUE);
      return GDK_EVENT_STOP;

    default:
      return GDK_EVENT_PROPAGATE;
    }
}

/* Enter: a rename is done; a row being added is done too, and the next
 * one is added below it to go on typing, unless it was left empty: then
 * it goes away and typing stops there. */
static void
on_entry_activate (GtkEntry      *entry,
                   WpOutlineView *self)
{
  gboolean adding = _wp_outline_is_editing (self) && self->editing == self->just_created;

  if (!_wp_outline_is_editing (self))
    return;
  if (_wp_outline_end_editing (self, TRUE) == 0)
    {
      if (!_wp_outline_is_editing (self))
        focus_selected_row (self);
      return;
    }
  if (adding)
    _wp_outline_add_sibling (self);
  else
    focus_selected_row (self);
}

/* A new row whose editing ended when the focus left it */
typedef struct {
  WpOutlineView *self;
  gint64         id;
} LeftRow;

static gboolean
take_back_left_row (gpointer data)
{
  g_autofree LeftRow *left = data;
  g_autoptr(WpOutlineView) self = left->self;

  /* (unless it is being edited again) */
  if (self->binding.context == NULL || _wp_outline_is_editing (self)
      || self->just_created != left->id)
    return G_SOURCE_REMOVE;
  if (is_empty_new_row (self, left->id))
    take_back_new_row (self, left->id);
  self->just_created = 0;
  self->created_from = 0;
  return G_SOURCE_REMOVE;
}

static void
on_focus_leave (GtkEventControllerFocus *controller,
                WpOutlineView           *self)
{
  GtkWidget *entry = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (controller));
  GtkWidget *cell = gtk_widget_get_parent (entry);
  gint64 id;

  if (cell == NULL)
    return;  /* (its row was taken away) */
  id = (gint64) GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (cell), "wp-item-id"));

  if (!_wp_outline_is_editing (self) || id != self->editing)
    return;
  /* A new row left empty goes, once the focus has moved on: it takes
   * away the entry that had the focus. */
  if (_wp_outline_finish_editing (self, TRUE) != 0 && id == self->just_created)
    {
      LeftRow *left = g_new (LeftRow, 1);

      left->self = g_object_ref (self);
      left->id = id;
      g_idle_add_full (G_PRIORITY_HIGH_IDLE, take_back_left_row, left, NULL);
    }
}

/* Called by the columns when a title cell is made. */
static void
connect_title_entry (WpOutlineView *self,
                     GtkWidget     *entry)
{
  GtkEventController *key = gtk_event_controller_key_new ();
  GtkEventController *focus = gtk_event_controller_focus_new ();

  g_signal_connect (key, "key-pressed", G_CALLBACK (on_entry_key_pressed), self);
  gtk_widget_add_controller (entry, key);
  g_signal_connect (focus, "leave", G_CALLBACK (on_focus_leave), self);
  gtk_widget_add_controller (entry, focus);
  g_signal_connect (entry, "activate", G_CALLBACK (on_entry_activate), self);
}

