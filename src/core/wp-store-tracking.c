/* wp-store-tracking.c: the store's facade for the tracking year — plan
 * settings, close-out (销号), evidence files and the year-end check
 *
 * The SQL is behind the backend's WpTrackingQueries (SQLite:
 * queries/wp-tracking-queries.c); this file checks the
 * input, runs each edit in one transaction and tells the views. Undo
 * needs nothing of its own: every table here is on the change log.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "wp-store-private.h"

#define TRACKING(self) ((self)->backend->tracking)

static const char *frequencies[] = {
  [WP_REPORT_MONTHLY] = "monthly",
  [WP_REPORT_SEMIMONTHLY] = "semimonthly",
  [WP_REPORT_QUARTERLY] = "quarterly",
};

const char *
wp_report_frequency_to_string (WpReportFrequency frequency)
{
  g_return_val_if_fail (frequency <= WP_REPORT_QUARTERLY, NULL);
  return frequencies[frequency];
}

gboolean
wp_report_frequency_from_string (const char        *name,
                                 WpReportFrequency *frequency)
{
  for (guint i = 0; i < G_N_ELEMENTS (frequencies); i++)
    if (g_strcmp0 (name, frequencies[i]) == 0)
      {
        *frequency = i;
        return TRUE;
      }
  return FALSE;
}

const char *
wp_closeout_state_to_string (WpCloseoutState state)
{
  switch (state)
    {
    case WP_CLOSEOUT_PENDING_REVIEW:
      return "pending_review";
    case WP_CLOSEOUT_CLOSED:
      return "closed";
    case WP_CLOSEOUT_NONE:
    default:
      return "none";
    }
}

static gboolean
fail (WpStore  *self,
      GError  **error)
{
  wp_store_rollback (self);
  g_assert (error == NULL || *error != NULL);
  return FALSE;
}

/**
 * wp_store_get_plan_settings:
 * @settings: (out caller-allocates): filled with the plan's settings
 *
 * Returns: whether the plan was found; %FALSE with @error set otherwise
 */
gboolean
wp_store_get_plan_settings (WpStore         *self,
                            gint64           plan_id,
                            WpPlanSettings  *settings,
                            GError         **error)
{
  const WpPlanSettings defaults = WP_PLAN_SETTINGS_INIT;

  g_return_val_if_fail (WP_IS_STORE (self), FALSE);
  g_return_val_if_fail (settings != NULL, FALSE);

  *settings = defaults;
  return TRACKING (self)->get_settings (self, plan_id, settings, error);
}

/**
 * wp_store_set_plan_settings:
 *
 * Sets how a plan's items are judged (the light rules) and reported on.
 * Every light of the plan is judged again.
 */
gboolean
wp_store_set_plan_settings (WpStore               *self,
                            gint64                 plan_id,
                            const WpPlanSettings  *settings,
                            GError               **error)
{
  g_return_val_if_fail (WP_IS_STORE (self), FALSE);
  g_return_val_if_fail (settings != NULL, FALSE);

  if (settings->due_soon_days < 0 || settings->due_soon_days > 366
      || settings->yellow_points < 0 || settings->yellow_points > 100
      || settings->red_points < 0 || settings->red_points > 100
      || settings->report_due_day < 1 || settings->report_due_day > 31
      || settings->report_frequency > WP_REPORT_QUARTERLY)
    {
      g_set_error (error, WP_STORE_ERROR, WP_STORE_ERROR_INVALID,
                   _("The days before a deadline are 0 to 366, the points behind 0 to 100, "
                     "and the reporting day 1 to 31."));
      return FALSE;
    }
  if (settings->red_points < settings->yellow_points)
    {
      g_set_error (error, WP_STORE_ERROR, WP_STORE_ERROR_INVALID,
                   _("An item turns red further behind than it turns yellow: the red "
                     "threshold cannot be below the yellow one."));
      return FALSE;
    }
  if (!wp_store_check_writable (self, error) || !wp_store_begin (self, error))
    return FALSE;
  if (!TRACKING (self)->put_settings (self, plan_id, settings, error))
    return fail (self, error);
  if (!wp_store_commit (self, error))
    return FALSE;
  /* (every light of the plan may change) */
  wp_store_forget_rollups (self);
  _wp_store_reread_live_items (self);
  wp_store_plans_changed (self);
  return TRUE;
}

void
wp_closeout_clear (WpCloseout *closeout)
{
  g_clear_pointer (&closeout->completion, g_free);
  g_clear_pointer (&closeout->closed_by, g_free);
  g_clear_pointer (&closeout->closed_at, g_free);
  closeout->state = WP_CLOSEOUT_NONE;
}

/**
 * wp_store_get_closeout:
 * @closeout: (out caller-allocates): the item's close-out, %WP_CLOSEOUT_NONE
 *   when there is none; free its fields with wp_closeout_clear()
 */
gboolean
wp_store_get_closeout (WpStore     *self,
                       gint64       item_id,
                       WpCloseout  *closeout,
                       GError     **error)
{
  g_return_val_if_fail (WP_IS_STORE (self), FALSE);
  return TRACKING (self)->get_closeout (self, item_id, closeout, error);
}

static gint64
plan_of_item (WpStore  *self,
              gint64    item_id,
              GError  **error)
{
  g_autoptr(WpItem) item = wp_store_get_item (self, item_id, error);

  return item != NULL ? wp_item_get_plan_id (item) : 0;
}

/**
 * wp_store_close_out:
 * @completion: the completion note (办结情况): how the work was done
 *
 * Marks an item done with its completion note. When its plan requires
 * review the item then waits as 待销号 until wp_store_confirm_closeout();
 * otherwise it is closed out (已销号) at once. Taking done back from the
 * item ends its close-out.
 */
gboolean
wp_store_close_out (WpStore     *self,
                    gint64       item_id,
                    const char  *completion,
                    GError     **error)
{
  g_autofree char *clean = g_strstrip (g_strdup (completion != NULL ? completion : ""));
  g_autofree char *now = wp_store_now ();
  WpPlanSettings settings;
  gint64 plan_id;

  g_return_val_if_fail (WP_IS_STORE (self), FALSE);

  if (clean[0] == '\0')
    {
      g_set_error (error, WP_STORE_ERROR, WP_STORE_ERROR_INVALID,
                   _("Say how the work was completed: an item is closed out with its "
                     "completion note."));
      return FALSE;
    }
  if (!wp_store_check_writable (self, error))
    return FALSE;
  plan_id = plan_of_item (self, item_id, error);
  if (plan_id == 0 || !wp_store_get_plan_settings (self, plan_id, &settings, error)
      || !wp_store_begin (self, error))
    return FALSE;
  if (!wp_store_set_item_string (self, item_id, "status", "done", error))
    return fail (self, error);
  if (!TRACKING (self)->put_closeout (self, item_id, clean,
                                      settings.review_closeout ? WP_CLOSEOUT_PENDING_REVIEW
                                                               : WP_CLOSEOUT_CLOSED,
                                      "", settings.review_closeout ? NULL : now, error))
    return fail (self, error);
  wp_store_refresh_item_and_ancestors (self, item_id);
  return wp_store_commit (self, error);
}

/**
 * wp_store_confirm_closeout:
 * @by: who confirmed it (a name or an office)
 *
 * Confirms the close-out of an item waiting for review (待销号 → 已销号).
 */
gboolean
wp_store_confirm_closeout (WpStore     *self,
                           gint64       item_id,
                           const char  *by,
                           GError     **error)
{
  g_autofree char *now = wp_store_now ();
  g_autofree char *who = g_strstrip (g_strdup (by != NULL ? by : ""));
  WpCloseout closeout;
  gboolean ok;

  g_return_val_if_fail (WP_IS_STORE (self), FALSE);

  if (!wp_store_check_writable (self, error)
      || !wp_store_get_closeout (self, item_id, &closeout, error))
    return FALSE;
  if (closeout.state != WP_CLOSEOUT_PENDING_REVIEW)
    {
      wp_closeout_clear (&closeout);
      g_set_error (error, WP_STORE_ERROR, WP_STORE_ERROR_INVALID,
                   _("The item is not waiting for its close-out to be confirmed."));
      return FALSE;
    }
  if (!wp_store_begin (self, error))
    {
      wp_closeout_clear (&closeout);
      return FALSE;
    }
  ok = TRACKING (self)->put_closeout (self, item_id, closeout.completion, WP_CLOSEOUT_CLOSED,
                                      who, now, error);
  wp_closeout_clear (&closeout);
  if (!ok)
    return fail (self, error);
  wp_store_refresh_item_and_ancestors (self, item_id);
  return wp_store_commit (self, error);
}

/**
 * wp_store_list_pending_closeouts:
 *
 * Returns: (transfer full) (element-type gint64): the plan's done items
 *   waiting as 待销号, or %NULL with @error set
 */
GArray *
wp_store_list_pending_closeouts (WpStore  *self,
                                 gint64    plan_id,
                                 GError  **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  g_return_val_if_fail (WP_IS_STORE (self), NULL);
  if (!TRACKING (self)->list_pending (self, plan_id, ids, error))
    return NULL;
  return g_steal_pointer (&ids);
}

void
wp_attachment_free (WpAttachment *attachment)
{
  if (attachment == NULL)
    return;
  g_free (attachment->name);
  g_free (attachment->type);
  g_free (attachment->sha256);
  g_free (attachment->added);
  g_free (attachment);
}

/**
 * wp_store_add_attachment:
 * @name: the file's name as the user knows it (no folders)
 * @type: (nullable): its MIME type
 * @data: its bytes, at most %WP_ATTACHMENT_MAX_SIZE
 *
 * Keeps an evidence file (批示, 会议纪要, a photo, a PDF) in the plan file.
 *
 * Returns: the attachment's id, or 0 with @error set
 */
gint64
wp_store_add_attachment (WpStore     *self,
                         gint64       item_id,
                         const char  *name,
                         const char  *type,
                         GBytes      *data,
                         GError     **error)
{
  g_autofree char *base = NULL;
  g_autofree char *sha256 = NULL;
  g_autofree char *now = wp_store_now ();
  gint64 id = 0;

  g_return_val_if_fail (WP_IS_STORE (self), 0);
  g_return_val_if_fail (data != NULL, 0);

  base = g_path_get_basename (name != NULL && name[0] != '\0' ? name : "attachment");
  if (!g_utf8_validate (base, -1, NULL) || g_str_equal (base, ".") || g_str_equal (base, "/"))
    {
      g_set_error (error, WP_STORE_ERROR, WP_STORE_ERROR_INVALID,
                   _("An attachment needs a file name in UTF-8."));
      return 0;
    }
  if (g_bytes_get_size (data) > WP_ATTACHMENT_MAX_SIZE)
    {
      /* (in the binary units the limit is set in, and the file's size
       * with its bytes: rounded, a file just over the limit reads as big
       * as the limit) */
      g_autofree char *limit = g_format_size_full (WP_ATTACHMENT_MAX_SIZE,
                                                   G_FORMAT_SIZE_IEC_UNITS);
      g_autofree char *size = g_format_size_full (g_bytes_get_size (data),
                                                  G_FORMAT_SIZE_IEC_UNITS
                                                  | G_FORMAT_SIZE_LONG_FORMAT);

      g_set_error (error, WP_STORE_ERROR, WP_STORE_ERROR_INVALID,
                   _("“%s” is %s; an attachment can be at most %s. Attach a smaller copy, or "
                     "a scan at a lower resolution."), base, size, limit);
      return 0;
    }
  if (!wp_store_check_writable (self, error))
    return 0;
  if (plan_of_item (self, item_id, error) == 0 || !wp_store_begin (self, error))
    return 0;

  sha256 = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, data);
  if (!TRACKING (self)->put_data (self, sha256, data, error)
      || !TRACKING (self)->add_attachment (self, item_id, base, type != NULL ? type : "",
                                           (gint64) g_bytes_get_size (data), sha256, now,
                                           &id, error))
    {
      fail (self, error);
      return 0;
    }
  wp_store_refresh_item_and_ancestors (self, item_id);
  return wp_store_commit (self, error) ? id : 0;
}

/**
 * wp_store_list_attachments:
 *
 * Returns: (transfer full) (element-type WpAttachment): the item's
 *   evidence files, oldest first, or %NULL with @error set
 */
GPtrArray *
wp_store_list_attachments (WpStore  *self,
                           gint64    item_id,
                           GError  **error)
{
  g_autoptr(GPtrArray) out =
    g_ptr_array_new_with_free_func ((GDestroyNotify) wp_attachment_free);

  g_return_val_if_fail (WP_IS_STORE (self), NULL);
  if (!TRACKING (self)->list_attachments (self, item_id, out, error))
    return NULL;
  return g_steal_pointer (&out);
}

/**
 * wp_store_read_attachment:
 *
 * Returns: (transfer full): the file's bytes, or %NULL with @error set
 */
GBytes *
wp_store_read_attachment (WpStore  *self,
                          gint64    attachment_id,
                          GError  **error)
{
  GBytes *data = NULL;

  g_return_val_if_fail (WP_IS_STORE (self), NULL);
  TRACKING (self)->read_attachment (self, attachment_id, &data, error);
  return data;
}

/**
 * wp_store_delete_attachment:
 *
 * Removes an evidence file from its item. Its bytes stay in the file
 * while undo may still bring it back.
 */
gboolean
wp_store_delete_attachment (WpStore  *self,
                            gint64    attachment_id,
                            GError  **error)
{
  g_return_val_if_fail (WP_IS_STORE (self), FALSE);

  if (!wp_store_check_writable (self, error) || !wp_store_begin (self, error))
    return FALSE;
  if (!TRACKING (self)->drop_attachment (self, attachment_id, error))
    return fail (self, error);
  return wp_store_commit (self, error);
}

/* Drops the bytes of files nothing names any more (see wp_store_purge_deleted()) */
gboolean
_wp_store_drop_unused_attachments (WpStore  *self,
                                   GError  **error)
{
  return TRACKING (self)->drop_unused_data (self, error);
}

/**
 * wp_store_get_check_reason:
 *
 * Returns: (transfer full): why the item was not finished, as the
 *   year-end check records it ("" when none), or %NULL with @error set
 */
char *
wp_store_get_check_reason (WpStore  *self,
                           gint64    item_id,
                           GError  **error)
{
  char *reason = NULL;

  g_return_val_if_fail (WP_IS_STORE (self), NULL);
  if (!TRACKING (self)->get_reason (self, item_id, &reason, error))
    {
      g_free (reason);
      return NULL;
    }
  return reason;
}

/**
 * wp_store_set_check_reason:
 * @reason: (nullable): why the item was not finished this year; empty or
 *   %NULL removes it
 */
gboolean
wp_store_set_check_reason (WpStore     *self,
                           gint64       item_id,
                           const char  *reason,
                           GError     **error)
{
  g_autofree char *clean = g_strstrip (g_strdup (reason != NULL ? reason : ""));

  g_return_val_if_fail (WP_IS_STORE (self), FALSE);

  if (!wp_store_check_writable (self, error))
    return FALSE;
  if (plan_of_item (self, item_id, error) == 0 || !wp_store_begin (self, error))
    return FALSE;
  if (!TRACKING (self)->put_reason (self, item_id, clean, error))
    return fail (self, error);
  wp_store_refresh_item_and_ancestors (self, item_id);
  return wp_store_commit (self, error);
}

/**
 * wp_store_list_unexplained:
 *
 * Returns: (transfer full) (element-type gint64): the plan's unfinished
 *   items without sub-items that have no reason recorded yet (carried-over
 *   work is explained by going on next year), or %NULL with @error set
 */
GArray *
wp_store_list_unexplained (WpStore  *self,
                           gint64    plan_id,
                           GError  **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  g_return_val_if_fail (WP_IS_STORE (self), NULL);
  if (!TRACKING (self)->list_unexplained (self, plan_id, ids, error))
    return NULL;
  return g_steal_pointer (&ids);
}

/**
 * wp_store_mark_plan_checked:
 *
 * Records that the year-end check (年终核查) of the plan is done. Refused
 * while an unfinished item has no reason.
 */
gboolean
wp_store_mark_plan_checked (WpStore  *self,
                            gint64    plan_id,
                            GError  **error)
{
  g_autoptr(GArray) missing = NULL;
  g_autofree char *now = wp_store_now ();

  g_return_val_if_fail (WP_IS_STORE (self), FALSE);

  if (!wp_store_check_writable (self, error))
    return FALSE;
  missing = wp_store_list_unexplained (self, plan_id, error);
  if (missing == NULL)
    return FALSE;
  if (missing->len > 0)
    {
      g_set_error (error, WP_STORE_ERROR, WP_STORE_ERROR_INVALID,
                   g_dngettext (GETTEXT_PACKAGE,
                                "%u unfinished item has no reason yet: give a reason for "
                                "each unfinished item before the check is done.",
                                "%u unfinished items have no reason yet: give a reason for "
                                "each unfinished item before the check is done.",
                                missing->len), missing->len);
      return FALSE;
    }
  if (!wp_store_begin (self, error))
    return FALSE;
  if (!TRACKING (self)->set_checked (self, plan_id, now, error))
    return fail (self, error);
  return wp_store_commit (self, error);
}

/**
 * wp_store_get_plan_checked:
 *
 * Returns: (transfer full) (nullable): when the plan's year-end check was
 *   done (ISO 8601), %NULL when it was not (or on error, with @error set)
 */
char *
wp_store_get_plan_checked (WpStore  *self,
                           gint64    plan_id,
                           GError  **error)
{
  char *when = NULL;

  g_return_val_if_fail (WP_IS_STORE (self), NULL);
  TRACKING (self)->get_checked (self, plan_id, &when, error);
  return when;
}

/* Plan-wide reads for exports */

static void
closeout_free (gpointer data)
{
  wp_closeout_clear (data);
  g_free (data);
}

static void
add_closeout (gint64            item_id,
              const WpCloseout *c,
              gpointer          data)
{
  WpCloseout *copy = g_new0 (WpCloseout, 1);

  copy->state = c->state;
  copy->completion = g_strdup (c->completion != NULL ? c->completion : "");
  copy->closed_by = g_strdup (c->closed_by != NULL ? c->closed_by : "");
  copy->closed_at = g_strdup (c->closed_at);
  g_hash_table_insert (data, g_memdup2 (&item_id, sizeof item_id), copy);
}

static void
add_reason (gint64      item_id,
            const char *reason,
            gpointer    data)
{
  g_hash_table_insert (data, g_memdup2 (&item_id, sizeof item_id), g_strdup (reason));
}

/**
 * wp_store_list_plan_tracking:
 * @closeouts: (out): gint64 item id → WpCloseout
 * @attachments: (out): gint64 item id → GPtrArray of WpAttachment
 * @reasons: (out): gint64 item id → the year-end check's reason
 *
 * The plan's close-outs, evidence files and year-end reasons, each in one
 * query, for exports.
 */
gboolean
wp_store_list_plan_tracking (WpStore     *self,
                             gint64       plan_id,
                             GHashTable **closeouts,
                             GHashTable **attachments,
                             GHashTable **reasons,
                             GError     **error)
{
  g_autoptr(GHashTable) c = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                                   closeout_free);
  g_autoptr(GHashTable) a = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                                   (GDestroyNotify) g_ptr_array_unref);
  g_autoptr(GHashTable) r = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  g_autoptr(GPtrArray) all = g_ptr_array_new ();

  g_return_val_if_fail (WP_IS_STORE (self), FALSE);

  if (!TRACKING (self)->list_plan_closeouts (self, plan_id, add_closeout, c, error)
      || !TRACKING (self)->list_plan_attachments (self, plan_id, all, error)
      || !TRACKING (self)->list_plan_reasons (self, plan_id, add_reason, r, error))
    {
      g_ptr_array_set_free_func (all, (GDestroyNotify) wp_attachment_free);
      return FALSE;
    }
  for (guint i = 0; i < all->len; i++)
    {
      WpAttachment *att = g_ptr_array_index (all, i);
      GPtrArray *list = g_hash_table_lookup (a, &att->item_id);

      if (list == NULL)
        {
          list = g_ptr_array_new_with_free_func ((GDestroyNotify) wp_attachment_free);
          g_hash_table_insert (a, g_memdup2 (&att->item_id, sizeof att->item_id), list);
        }
      g_ptr_array_add (list, att);
    }
  *closeouts = g_steal_pointer (&c);
  *attachments = g_steal_pointer (&a);
  *reasons = g_steal_pointer (&r);
  return TRUE;
}

/**
 * _wp_store_import_tracking:
 * @closeout: (nullable): the item's close-out as a file gave it
 * @attachment_refs: (nullable) (element-type WpAttachment): files it named
 *   by reference; those whose bytes this plan file holds are linked again,
 *   the others are counted in @n_missing
 * @reason: (nullable): its year-end reason
 *
 * Writes an imported item's tracking records, inside the import's
 * transaction (see wp-json-io.c).
 */
gboolean
_wp_store_import_tracking (WpStore          *self,
                           gint64            item_id,
                           const WpCloseout *closeout,
                           GPtrArray        *attachment_refs,
                           const char       *reason,
                           guint            *n_missing,
                           GError          **error)
{
  g_autofree char *now = wp_store_now ();

  if (closeout != NULL && closeout->state != WP_CLOSEOUT_NONE
      && !TRACKING (self)->put_closeout (self, item_id, closeout->completion, closeout->state,
                                         closeout->closed_by, closeout->closed_at, error))
    return FALSE;
  if (reason != NULL && reason[0] != '\0'
      && !TRACKING (self)->put_reason (self, item_id, reason, error))
    return FALSE;
  for (guint i = 0; attachment_refs != NULL && i < attachment_refs->len; i++)
    {
      WpAttachment *a = g_ptr_array_index (attachment_refs, i);
      gboolean has = FALSE;
      gint64 id;

      if (!TRACKING (self)->has_data (self, a->sha256, &has, error))
        return FALSE;
      if (!has)
        {
          (*n_missing)++;
          continue;
        }
      if (!TRACKING (self)->add_attachment (self, item_id, a->name, a->type, a->size, a->sha256,
                                            a->added != NULL ? a->added : now, &id, error))
        return FALSE;
    }
  return TRUE;
}
