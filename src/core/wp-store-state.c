/* wp-store-state.c: what a store may do now, below every record's file
 *
 * Whether the file may be written (not read-only, not damaged, its check
 * done), the time written into rows, and telling views that plans came or
 * went, held back inside a transaction or a bulk write. Every record's file
 * calls these; they call none of them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "wp-store-private.h"

gboolean
wp_store_check_writable (WpStore  *self,
                         GError  **error)
{
  if (self->check_pending)
    {
      g_set_error (error, WP_STORE_ERROR, WP_STORE_ERROR_READ_ONLY,
                   _("“%s” is still being checked. Try again in a moment."), self->path);
      return FALSE;
    }
  if (self->check_failed)
    {
      g_set_error (error, WP_STORE_ERROR, WP_STORE_ERROR_CORRUPT,
                   _("“%s” is damaged: nothing can be changed in it. Restore it from a backup "
                     "copy."), self->path);
      return FALSE;
    }
  if (!self->read_only)
    return TRUE;

  g_set_error (error, WP_STORE_ERROR, WP_STORE_ERROR_READ_ONLY,
               _("“%s” is open read-only: nothing can be changed in it."), self->path);
  return FALSE;
}

char *
wp_store_now (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  return g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");
}

/* Tells views that plans came or went, or holds it back during a bulk
 * write (see wp_store_freeze_signals()). */
void
wp_store_plans_changed (WpStore *self)
{
  if (self->tx_depth > 0)
    self->told_in_transaction = TRUE;
  if (self->frozen > 0)
    self->missed_signals = TRUE;
  else
    g_signal_emit (self, wp_store_signals[SIGNAL_PLANS_CHANGED], 0);
}
