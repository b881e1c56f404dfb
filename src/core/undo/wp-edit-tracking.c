/* wp-edit-tracking.c: close-out, evidence files, the year-end check and plan settings
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

/* Close-out (销号), evidence files and the year-end check (年终核查):
 * each a label and store calls run through _wp_undo_run_logged(), so they undo by
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

  title = _wp_edit_item_title (self->store, item_id);
  return _wp_undo_run_logged (self, item_id, g_strdup_printf (_("Close out “%s”"), title),
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

  title = _wp_edit_item_title (self->store, item_id);
  return _wp_undo_run_logged (self, item_id,
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

  title = _wp_edit_item_title (self->store, item_id);
  base = g_path_get_basename (name != NULL && name[0] != '\0' ? name : "attachment");
  if (!_wp_undo_run_logged (self, item_id,
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
  return _wp_undo_run_logged (self, attachment->item_id,
                              g_strdup_printf (_("Remove the attachment “%s”"),
                                               attachment->name),
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

  title = _wp_edit_item_title (self->store, item_id);
  return _wp_undo_run_logged (self, item_id,
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

  return _wp_undo_run_logged (self, 0, g_strdup (_("Finish the year-end check")),
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
  return _wp_undo_run_logged (self, 0,
                              g_strdup_printf (
                                _("Change the light and reporting rules of the %d plan"),
                                wp_plan_get_year (plan)),
                              set_plan_settings, &edit, error);
}
