/* wp-store-changes.c: what the change log tells the store's caches and lists
 *
 * Every write leaves rows in the change log (db/wp-change-log.c). Changes
 * this store did not make through its own functions — another process's
 * commits, and the reverse of an edit that undo writes — are read back as
 * those rows and shown where they happened: the items they touched are read
 * again with everything above them (figures roll up), the parents whose
 * children came, went or moved tell their lists (which keep their other
 * rows, and so what is selected and expanded), and a new or deleted plan
 * or agency tells everyone. Only when the rows cannot say what happened
 * (another program wrote without logging, or the log was trimmed past
 * what this store has seen) is everything read again.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "wp-store-private.h"

/* The log keeps this many rows; a store that fell further behind reads
 * everything again. Trimmed when a file is opened and the log has grown
 * to twice this. */
#define KEEP_CHANGES 5000

typedef struct {
  gint64 plan_id;
  gint64 parent_id;
} Parent;

static void
add_parent (GArray *parents,
            gint64  plan_id,
            gint64  parent_id)
{
  for (guint i = 0; i < parents->len; i++)
    {
      Parent *p = &g_array_index (parents, Parent, i);

      if (p->plan_id == plan_id && p->parent_id == parent_id)
        return;
    }
  g_array_append_val (parents, ((Parent) { plan_id, parent_id }));
}

static void
add_item (GArray     *items,
          GHashTable *seen,
          gint64      item_id)
{
  if (item_id == 0 || g_hash_table_contains (seen, &item_id))
    return;
  g_array_append_val (items, item_id);
  g_hash_table_add (seen, &g_array_index (items, gint64, items->len - 1));
}

/* Whether an item's change moves it among its siblings, or in or out of
 * a list */
static gboolean
moves_item (const WpChange *change)
{
  return change->op != WP_CHANGE_UPDATE
         || change->shown_before != change->shown_after
         || change->plan_before != change->plan_after
         || change->parent_before != change->parent_after
         || change->position_before != change->position_after;
}

/**
 * _wp_store_deliver_changes:
 * @changes: (element-type WpChange): changes already in the file, oldest
 *   first
 *
 * Shows @changes: see the top of this file.
 */
void
_wp_store_deliver_changes (WpStore   *self,
                           GPtrArray *changes)
{
  g_autoptr(GArray) parents = g_array_new (FALSE, FALSE, sizeof (Parent));
  g_autoptr(GArray) items = g_array_sized_new (FALSE, FALSE, sizeof (gint64), changes->len);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_int64_hash, g_int64_equal);
  gboolean plans = FALSE, agencies = FALSE, agency_rows = FALSE, shifted = FALSE;

  if (changes->len == 0)
    return;

  for (guint i = 0; i < changes->len; i++)
    {
      const WpChange *change = g_ptr_array_index (changes, i);

      switch (change->record)
        {
        case WP_RECORD_PLAN:
          plans = TRUE;
          break;
        case WP_RECORD_AGENCY:
          agencies = agency_rows = TRUE;
          break;
        case WP_RECORD_ITEM_AGENCY:
          agencies = TRUE;
          add_item (items, seen, change->item_id);
          break;
        case WP_RECORD_AGENCY_ALIAS:
          agencies = TRUE;  /* (the directory's names; no item changed) */
          break;
        case WP_RECORD_ITEM:
          if (change->op == WP_CHANGE_SHIFT)
            {
              /* (siblings' places: the items shown among them learn theirs) */
              add_parent (parents, change->plan_after, change->parent_after);
              shifted = TRUE;
              break;
            }
          if (moves_item (change))
            {
              if (change->shown_before)
                add_parent (parents, change->plan_before, change->parent_before);
              if (change->shown_after)
                add_parent (parents, change->plan_after, change->parent_after);
            }
          if (change->shown_after)
            add_item (items, seen, change->item_id);
          break;
        case WP_RECORD_MILESTONE:
          /* (what the item is judged against changed) */
          _wp_store_forget_judging (self);
          add_item (items, seen, change->item_id);
          break;
        case WP_RECORD_TARGET:
        case WP_RECORD_NOTE:
        case WP_RECORD_CLOSEOUT:
        case WP_RECORD_ATTACHMENT:
        case WP_RECORD_YEAR_CHECK:
        case WP_N_RECORDS:
        default:
          add_item (items, seen, change->item_id);
          break;
        }
    }

  /* (told before the whole edit is saved: see wp_store_rollback()) */
  if (self->tx_depth > 0)
    self->told_in_transaction = TRUE;

  /* A whole plan came or went: every list reads its rows again (those
   * that stay keep their widgets), and the views the plans. */
  if (plans)
    {
      wp_store_forget_rollups (self);
      _wp_store_reread_live_items (self);
      _wp_store_reread_lists (self);
      wp_store_plans_changed (self);
      g_signal_emit (self, wp_store_signals[SIGNAL_AGENCIES_CHANGED], 0);
      return;
    }

  /* (an agency renamed shows on every item it is on: rare enough to read
   * every item shown again) */
  if (agency_rows || shifted)
    _wp_store_reread_live_items (self);
  _wp_store_refresh_chains (self, (const gint64 *) items->data, items->len);
  for (guint i = 0; i < parents->len; i++)
    {
      Parent *p = &g_array_index (parents, Parent, i);

      wp_store_children_changed (self, p->plan_id, p->parent_id);
    }
  if (agencies)
    g_signal_emit (self, wp_store_signals[SIGNAL_AGENCIES_CHANGED], 0);
}

/* Called once a file is open: where the log stands. The triggers are put
 * on by the caller. */
gboolean
_wp_store_open_change_log (WpStore  *self,
                           GError  **error)
{
  return CHANGE_LOG (self)->last (self, &self->last_change, error);
}

/* Called before the store closes the file: a log that has grown to twice
 * what is kept is trimmed (here, not when a file is opened: a trim of a
 * long log takes a moment, and opening is what the user waits for). */
void
_wp_store_close_change_log (WpStore *self)
{
  g_autoptr(GError) error = NULL;
  gint64 first = 0, last = 0;

  if (self->change_log == NULL || self->check_pending || self->check_failed
      || !CHANGE_LOG (self)->first (self, &first, NULL)
      || !CHANGE_LOG (self)->last (self, &last, NULL)
      || first == 0 || last - first < 2 * KEEP_CHANGES)
    return;
  /* (not now if another program is writing: it can wait) */
  if (!CHANGE_LOG (self)->trim (self, KEEP_CHANGES, &error))
    g_info ("Could not trim the change log of “%s”: %s", self->path, error->message);
}

/* Called when the outermost transaction has begun */
void
_wp_store_changes_begun (WpStore *self)
{
  if (!CHANGE_LOG (self)->last (self, &self->tx_first_change, NULL))
    self->tx_first_change = self->last_change;
  /* (no one else commits while this transaction holds the write lock) */
  if (!_wp_store_query_data_version (self, &self->tx_data_version))
    self->tx_data_version = self->data_version;
}

/* Called when the outermost transaction is committed: what other
 * processes committed before it began, and logged, is shown now (the
 * store's own edits have told the views already). Their commits then count
 * as seen; a commit that left no rows still shows at the next check. */
void
_wp_store_changes_committed (WpStore *self)
{
  gint64 seen = self->last_change;
  gint64 last = 0;

  if (!CHANGE_LOG (self)->last (self, &last, NULL))
    return;
  self->last_change = last;
  if (self->tx_first_change > seen)
    {
      g_autoptr(GPtrArray) outside = CHANGE_LOG (self)->read (self, seen, NULL);

      if (outside == NULL)
        _wp_store_show_the_file_again (self);
      else
        {
          /* (only theirs: ours follow them) */
          while (outside->len > 0
                 && ((WpChange *) g_ptr_array_index (outside, outside->len - 1))->id
                    > self->tx_first_change)
            g_ptr_array_remove_index (outside, outside->len - 1);
          _wp_store_deliver_changes (self, outside);
          self->data_version = self->tx_data_version;
        }
    }
}

/**
 * wp_store_check_outside_changes:
 *
 * Asks the file whether another program (or another connection) has
 * committed since the last time; if so, shows what it changed: the items
 * are read again where views show them, lists of children that changed
 * update in place (keeping selection), and if the change log cannot say
 * what changed, every view reads its rows again. Cheap: call it when the
 * window comes to the front and every second or so.
 *
 * Returns: whether there were such changes
 */
gboolean
wp_store_check_outside_changes (WpStore *self)
{
  g_autoptr(GPtrArray) changes = NULL;
  gint64 version = 0, last = 0, first = 0;

  g_return_val_if_fail (WP_IS_STORE (self), FALSE);

  if (self->tx_depth > 0 || !_wp_store_query_data_version (self, &version))
    return FALSE;
  if (self->data_version == 0)
    {
      self->data_version = version;
      return FALSE;
    }
  if (version == self->data_version)
    return FALSE;
  self->data_version = version;

  if (CHANGE_LOG (self)->last (self, &last, NULL) && last > self->last_change
      && CHANGE_LOG (self)->first (self, &first, NULL) && first <= self->last_change + 1)
    changes = CHANGE_LOG (self)->read (self, self->last_change, NULL);

  if (changes == NULL || changes->len == 0)
    {
      /* Written by a program that keeps no log (or trimmed past us) */
      self->last_change = MAX (last, self->last_change);
      wp_store_forget_rollups (self);
      _wp_store_show_the_file_again (self);
      return TRUE;
    }

  self->last_change = last;
  _wp_store_deliver_changes (self, changes);
  return TRUE;
}

/**
 * wp_store_get_change_mark:
 *
 * Returns: the id of the newest change in the log, in the current
 *   transaction too; wp_store_read_changes() of it gives what was written
 *   since
 */
gint64
wp_store_get_change_mark (WpStore *self)
{
  gint64 last = 0;

  g_return_val_if_fail (WP_IS_STORE (self), 0);
  CHANGE_LOG (self)->last (self, &last, NULL);
  return last;
}

/**
 * wp_store_get_n_live_items:
 *
 * Returns: how many items someone holds (and the store keeps up to date):
 *   0 once every view that showed the plan is gone
 */
guint
wp_store_get_n_live_items (WpStore *self)
{
  g_return_val_if_fail (WP_IS_STORE (self), 0);
  return wp_item_cache_size (self->live_items);
}

/**
 * wp_store_read_changes:
 * @after: a mark from wp_store_get_change_mark()
 *
 * Returns: (transfer full) (element-type WpChange): the changes written
 *   since @after, oldest first, or %NULL with @error set
 */
GPtrArray *
wp_store_read_changes (WpStore  *self,
                       gint64    after,
                       GError  **error)
{
  g_return_val_if_fail (WP_IS_STORE (self), NULL);
  return CHANGE_LOG (self)->read (self, after, error);
}

/**
 * wp_store_reverse_changes:
 * @changes: (element-type WpChange): changes from wp_store_read_changes()
 *
 * Writes the reverse of @changes in one transaction (see
 * wp_change_log_reverse()) and shows it.
 *
 * Returns: (transfer full) (element-type WpChange): the changes the
 *   reverse wrote (whose reverse is @changes again), or %NULL with @error
 *   set and nothing written
 */
GPtrArray *
wp_store_reverse_changes (WpStore    *self,
                          GPtrArray  *changes,
                          GError    **error)
{
  g_autoptr(GPtrArray) made = NULL;
  gint64 mark;

  g_return_val_if_fail (WP_IS_STORE (self), NULL);

  if (self->change_log == NULL)
    {
      g_set_error (error, WP_STORE_ERROR, WP_STORE_ERROR_READ_ONLY,
                   _("The plan is open read-only."));
      return NULL;
    }
  if (!wp_store_begin (self, error))
    return NULL;
  mark = wp_store_get_change_mark (self);
  if (!CHANGE_LOG (self)->reverse (self->change_log, changes, error)
      || (made = CHANGE_LOG (self)->read (self, mark, error)) == NULL)
    {
      wp_store_rollback (self);
      return NULL;
    }
  if (!wp_store_commit (self, error))
    return NULL;
  _wp_store_deliver_changes (self, made);
  return g_steal_pointer (&made);
}

/**
 * wp_store_begin_plan_write:
 *
 * Starts a transaction that writes many rows of one plan at once (an
 * import): the change log keeps one row for the plan instead of one per
 * row, written by wp_store_commit_plan_write(). Such a write cannot be undone
 * step by step.
 */
gboolean
wp_store_begin_plan_write (WpStore  *self,
                     GError  **error)
{
  if (!wp_store_begin (self, error))
    return FALSE;
  if (self->change_log != NULL)
    CHANGE_LOG (self)->pause (self->change_log);
  return TRUE;
}

/* Ends what wp_store_begin_plan_write() began: commits, logging that @plan_id
 * (and, if not 0, @old_plan_id, which it replaced) was written. On error,
 * everything is rolled back. */
gboolean
wp_store_commit_plan_write (WpStore  *self,
                      gint64    plan_id,
                      gint64    old_plan_id,
                      GError  **error)
{
  if (self->change_log != NULL)
    CHANGE_LOG (self)->resume (self->change_log);
  if ((plan_id != 0 && !CHANGE_LOG (self)->add_bulk (self, plan_id, error))
      || (old_plan_id != 0 && !CHANGE_LOG (self)->add_bulk (self, old_plan_id, error)))
    {
      wp_store_rollback (self);
      return FALSE;
    }
  return wp_store_commit (self, error);
}

void
wp_store_rollback_plan_write (WpStore *self)
{
  if (self->change_log != NULL)
    CHANGE_LOG (self)->resume (self->change_log);
  wp_store_rollback (self);
}

/* Reads every item a view holds from the file again. */
void
_wp_store_reread_live_items (WpStore *self)
{
  g_autoptr(GArray) ids = wp_item_cache_ids (self->live_items);

  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(WpItem) item = wp_store_get_item (self, g_array_index (ids, gint64, i), NULL);
    }
}

/* Reads every item a view holds again and tells the views to read the
 * rest: the file holds something else than they were told. */
void
_wp_store_show_the_file_again (WpStore *self)
{
  _wp_store_forget_facts (self);
  _wp_store_reread_live_items (self);
  _wp_store_reread_lists (self);
  wp_store_plans_changed (self);
  g_signal_emit (self, wp_store_signals[SIGNAL_AGENCIES_CHANGED], 0);
}
