/* wp-store-debug.c: what tests and benchmarks may ask of a store beyond its API
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "wp-db.h"
#include "wp-store-debug.h"
#include "wp-store-private.h"

/* The one number @sql (a read, e.g. a count of rows) gives, asked on
 * the store's own connection. FALSE with @error set if it gives no row. */
gboolean
wp_store_debug_query_int64 (WpStore     *self,
                            const char  *sql,
                            gint64      *value,
                            GError     **error)
{
  g_return_val_if_fail (WP_IS_STORE (self), FALSE);
  return _wp_db_query_int64 (self, sql, value, error);
}

gboolean
wp_store_debug_exec (WpStore     *self,
                     const char  *sql,
                     GError     **error)
{
  g_return_val_if_fail (WP_IS_STORE (self), FALSE);
  return wp_store_exec (self, sql, error);
}

/* Forgets every parent's cached figures: the next read rolls up again. */
void
wp_store_debug_forget_rollups (WpStore *self)
{
  g_return_if_fail (WP_IS_STORE (self));
  wp_store_forget_rollups (self);
}

/* Rolls the whole plan up at once, as the first read of an area does. */
void
wp_store_debug_rollup_plan (WpStore *self,
                            gint64   plan_id,
                            int      plan_year)
{
  g_return_if_fail (WP_IS_STORE (self));
  _wp_store_rollup_plan (self, plan_id, plan_year);
}

/* How many parents' figures are cached */
guint
wp_store_debug_get_n_rollups (WpStore *self)
{
  g_return_val_if_fail (WP_IS_STORE (self), 0);
  return g_hash_table_size (self->rollups);
}

/* Waits for the thread that reads the newest plan's rows for the first
 * rollup to end; FALSE if there is none (or they have been used) */
gboolean
wp_store_debug_wait_for_prefetch (WpStore *self)
{
  g_return_val_if_fail (WP_IS_STORE (self), FALSE);
  if (self->rollup_prefetch == NULL)
    return FALSE;
  self->backend->rollups->wait_prefetched (self->rollup_prefetch);
  return TRUE;
}

/* Whether the thread that copies the log into the file has been started */
gboolean
wp_store_debug_checkpoint_started (WpStore *self)
{
  g_return_val_if_fail (WP_IS_STORE (self), FALSE);
  return self->checkpoint_thread != NULL;
}

/* Whether that thread has finished its copy */
gboolean
wp_store_debug_checkpoint_done (WpStore *self)
{
  g_return_val_if_fail (WP_IS_STORE (self), FALSE);
  return g_atomic_int_get (&self->checkpoint_done);
}
