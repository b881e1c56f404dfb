/* wp-store-notes.c: dated progress notes (进展情况) of items
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "wp-deadline.h"
#include "wp-store-private.h"

/* Progress notes */

GPtrArray *
wp_store_list_notes (WpStore  *self,
                     gint64    item_id,
                     GError  **error)
{
  g_autoptr(WpStmt) stmt = NULL;
  g_autoptr(GPtrArray) notes = g_ptr_array_new_with_free_func ((GDestroyNotify) wp_note_free);
  int rc;

  g_return_val_if_fail (WP_IS_STORE (self), NULL);

  stmt = wp_stmt_prepare (self, "SELECT id, date, text, progress, reporter FROM note"
                                " WHERE item_id = ?1 ORDER BY date, id", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt->stmt, 1, item_id);

  while ((rc = wp_stmt_step (stmt, error)) == SQLITE_ROW)
    {
      WpNote *n = g_new0 (WpNote, 1);

      n->id = sqlite3_column_int64 (stmt->stmt, 0);
      wp_date_from_iso (wp_stmt_column_text (stmt, 1), &n->date);
      n->text = g_strdup (wp_stmt_column_text (stmt, 2));
      n->progress = sqlite3_column_type (stmt->stmt, 3) == SQLITE_NULL
                    ? -1 : sqlite3_column_int (stmt->stmt, 3);
      n->reporter = g_strdup (wp_stmt_column_text (stmt, 4));
      g_ptr_array_add (notes, n);
    }

  return rc == SQLITE_DONE ? g_steal_pointer (&notes) : NULL;
}

/**
 * wp_store_list_plan_notes:
 *
 * Every progress note of the plan's items in one query, for exports that
 * would otherwise ask once per item.
 *
 * Returns: (transfer full): gint64 item id → GPtrArray of WpNote, each
 *   item's in the order wp_store_list_notes() gives
 */
GHashTable *
wp_store_list_plan_notes (WpStore  *self,
                          gint64    plan_id,
                          GError  **error)
{
  g_autoptr(WpStmt) stmt = NULL;
  g_autoptr(GHashTable) notes =
    g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                           (GDestroyNotify) g_ptr_array_unref);
  GPtrArray *current = NULL;
  gint64 current_id = 0;
  int rc;

  g_return_val_if_fail (WP_IS_STORE (self), NULL);

  stmt = wp_stmt_prepare (self, "SELECT n.item_id, n.id, n.date, n.text, n.progress,"
                                " n.reporter FROM note n"
                                " JOIN item i ON i.id = n.item_id WHERE i.plan_id = ?1"
                                " ORDER BY n.item_id, n.date, n.id", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt->stmt, 1, plan_id);

  while ((rc = wp_stmt_step (stmt, error)) == SQLITE_ROW)
    {
      gint64 item_id = sqlite3_column_int64 (stmt->stmt, 0);
      WpNote *n = g_new0 (WpNote, 1);

      if (current == NULL || item_id != current_id)
        {
          current = g_ptr_array_new_with_free_func ((GDestroyNotify) wp_note_free);
          current_id = item_id;
          g_hash_table_insert (notes, g_memdup2 (&item_id, sizeof item_id), current);
        }
      n->id = sqlite3_column_int64 (stmt->stmt, 1);
      wp_date_from_iso (wp_stmt_column_text (stmt, 2), &n->date);
      n->text = g_strdup (wp_stmt_column_text (stmt, 3));
      n->progress = sqlite3_column_type (stmt->stmt, 4) == SQLITE_NULL
                    ? -1 : sqlite3_column_int (stmt->stmt, 4);
      n->reporter = g_strdup (wp_stmt_column_text (stmt, 5));
      g_ptr_array_add (current, n);
    }

  return rc == SQLITE_DONE ? g_steal_pointer (&notes) : NULL;
}

/**
 * wp_store_add_note:
 * @progress: the progress the note reports, or -1
 *
 * Returns: the new note's id, or 0 with @error set
 */
gint64
wp_store_add_note (WpStore      *self,
                   gint64        item_id,
                   const GDate  *date,
                   const char   *text,
                   int           progress,
                   GError      **error)
{
  return wp_store_add_note_by (self, item_id, date, text, progress, NULL, error);
}

/**
 * wp_store_add_note_by:
 * @date: the day the report was made: a report received late is entered
 *   on its own day, and counts in that day's reporting period
 * @progress: the progress the note reports, or -1
 * @reporter: (nullable): who reported it (an agency's name)
 *
 * Returns: the new note's id, or 0 with @error set
 */
gint64
wp_store_add_note_by (WpStore      *self,
                      gint64        item_id,
                      const GDate  *date,
                      const char   *text,
                      int           progress,
                      const char   *reporter,
                      GError      **error)
{
  g_autoptr(WpStmt) stmt = NULL;
  g_autofree char *iso = wp_date_to_iso (date);
  g_autofree char *now = wp_store_now ();
  g_autofree char *who = g_strstrip (g_strdup (reporter != NULL ? reporter : ""));

  g_return_val_if_fail (WP_IS_STORE (self), 0);

  if (!wp_store_check_writable (self, error))
    return 0;
  if (iso == NULL || progress < -1 || progress > 100)
    {
      g_set_error (error, WP_STORE_ERROR, WP_STORE_ERROR_INVALID,
                   _("A progress note needs a valid date and a progress between 0 and 100."));
      return 0;
    }
  if (reporter != NULL && !g_utf8_validate (reporter, -1, NULL))
    {
      g_set_error (error, WP_STORE_ERROR, WP_STORE_ERROR_INVALID,
                   _("Who reported must be UTF-8 text."));
      return 0;
    }

  stmt = wp_stmt_prepare (self, "INSERT INTO note (item_id, date, text, progress, created,"
                                " reporter) VALUES (?1, ?2, ?3, ?4, ?5, ?6)", error);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt->stmt, 1, item_id);
  wp_stmt_bind_text (stmt, 2, iso);
  wp_stmt_bind_text (stmt, 3, text ? text : "");
  if (progress >= 0)
    sqlite3_bind_int (stmt->stmt, 4, progress);
  wp_stmt_bind_text (stmt, 5, now);
  wp_stmt_bind_text (stmt, 6, who);
  if (!wp_stmt_run (stmt, error))
    return 0;

  return sqlite3_last_insert_rowid (self->db);
}

gboolean
wp_store_delete_note (WpStore  *self,
                      gint64    note_id,
                      GError  **error)
{
  g_autoptr(WpStmt) stmt = NULL;

  g_return_val_if_fail (WP_IS_STORE (self), FALSE);

  if (!wp_store_check_writable (self, error))
    return FALSE;
  stmt = wp_stmt_prepare (self, "DELETE FROM note WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt->stmt, 1, note_id);
  if (!wp_stmt_run (stmt, error))
    return FALSE;
  if (sqlite3_changes (self->db) == 0)
    {
      g_set_error (error, WP_STORE_ERROR, WP_STORE_ERROR_NOT_FOUND,
                   _("The progress note no longer exists."));
      return FALSE;
    }
  return TRUE;
}
