/* wp-store-notes.c: dated progress notes (进展情况) of items
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "wp-deadline.h"
#include "wp-store-private.h"

#define NOTES(self) ((self)->backend->notes)

/* Progress notes */

GPtrArray *
wp_store_list_notes (WpStore  *self,
                     gint64    item_id,
                     GError  **error)
{
  g_autoptr(GPtrArray) notes = g_ptr_array_new_with_free_func ((GDestroyNotify) wp_note_free);

  g_return_val_if_fail (WP_IS_STORE (self), NULL);

  if (!NOTES (self)->list_of_item (self, item_id, notes, error))
    return NULL;
  return g_steal_pointer (&notes);
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
  g_autoptr(GHashTable) notes =
    g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                           (GDestroyNotify) g_ptr_array_unref);

  g_return_val_if_fail (WP_IS_STORE (self), NULL);

  if (!NOTES (self)->list_of_plan (self, plan_id, notes, error))
    return NULL;
  return g_steal_pointer (&notes);
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

  return NOTES (self)->insert (self, item_id, iso, text, progress, now, who, error);
}

gboolean
wp_store_delete_note (WpStore  *self,
                      gint64    note_id,
                      GError  **error)
{
  g_return_val_if_fail (WP_IS_STORE (self), FALSE);

  if (!wp_store_check_writable (self, error))
    return FALSE;
  return NOTES (self)->delete (self, note_id, error);
}
