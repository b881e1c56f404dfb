/* wp-store.c: the store object: opening a plan file, checking it, copying it
 *
 * One SQLite file holds every plan. The connection's machinery (checks,
 * migrations, PRAGMAs, transactions) is in db/wp-db.c, closing, copying
 * and cancelling in db/wp-db-conn.c, statements in db/wp-db-stmt.c; this
 * file is the object that owns them, its caches and its signals.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <string.h>
#include <unistd.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "wp-store-private.h"
#include "db/wp-db.h"
#include "db/wp-migrations.h"
#include "db/wp-wal-check.h"
#include "wp-backup.h"
#include "wp-deadline.h"
#include "wp-char-tokenizer.h"
#include "wp-item-list.h"

G_DEFINE_FINAL_TYPE (WpStore, wp_store, G_TYPE_OBJECT)

guint wp_store_signals[N_SIGNALS];

/* A store error may carry SQLite's own report, in English, beside the
 * message told to the user: the message says what is wrong and what to
 * do, the detail is for whoever looks into it. */
typedef struct {
  char *detail;
} WpStoreErrorPrivate;

static void
wp_store_error_private_init (WpStoreErrorPrivate *priv)
{
  priv->detail = NULL;
}

static void
wp_store_error_private_copy (const WpStoreErrorPrivate *src,
                             WpStoreErrorPrivate       *dest)
{
  dest->detail = g_strdup (src->detail);
}

static void
wp_store_error_private_clear (WpStoreErrorPrivate *priv)
{
  g_clear_pointer (&priv->detail, g_free);
}

G_DEFINE_EXTENDED_ERROR (WpStoreError, wp_store_error)

/**
 * wp_store_error_get_detail:
 * @error: (nullable): any error
 *
 * Returns: (nullable): SQLite's report behind a %WP_STORE_ERROR, untranslated,
 *   or %NULL
 */
const char *
wp_store_error_get_detail (const GError *error)
{
  WpStoreErrorPrivate *priv = error != NULL ? wp_store_error_get_private (error) : NULL;

  return priv != NULL ? priv->detail : NULL;
}

/* Sets the technical detail of a %WP_STORE_ERROR just set, if there is one */
void
wp_store_error_set_detail (GError     **error,
                           const char  *detail)
{
  WpStoreErrorPrivate *priv;

  if (error == NULL || *error == NULL)
    return;
  priv = wp_store_error_get_private (*error);
  if (priv == NULL)
    return;
  g_free (priv->detail);
  priv->detail = g_strdup (detail);
}

static void
wp_store_finalize (GObject *object)
{
  WpStore *self = WP_STORE (object);

  /* Deleted items leave the file with the program's undo history. */
  if (self->opened && !self->read_only && !self->shared && !self->check_pending
      && !self->check_failed)
    {
      g_autoptr(GError) error = NULL;

      _wp_store_close_change_log (self);
      if (!wp_store_purge_deleted (self, &error))
        g_message ("Could not remove deleted items from “%s”: %s", self->path, error->message);
      else
        _wp_db_give_back_free_pages (self);
    }
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->statements, g_hash_table_unref);
  g_clear_pointer (&self->live_items, wp_item_cache_free);
  g_clear_pointer (&self->rollups, g_hash_table_unref);
  g_clear_pointer (&self->judging, g_hash_table_unref);
  g_clear_pointer (&self->rollup_prefetch, self->backend->rollups->drop_prefetched);
  g_clear_pointer (&self->lists, g_hash_table_unref);
  g_clear_pointer (&self->plan_facts, g_hash_table_unref);
  g_clear_pointer (&self->shown_matches, g_array_unref);
  g_clear_pointer (&self->hit_ids, g_array_unref);
  g_clear_pointer (&self->hit_parents, g_array_unref);
  g_clear_pointer (&self->shown_ancestors, g_array_unref);
  g_clear_handle_id (&self->idle_checkpoint_source, g_source_remove);
  _wp_db_forget_turn (self);
  /* A checkpoint under way finishes first. */
  if (self->checkpoint_thread != NULL)
    g_thread_join (g_steal_pointer (&self->checkpoint_thread));
  if (self->db != NULL)
    {
      /* The log is copied into the file and emptied; then it goes, with
       * the shared memory, if no one else uses them (no connection of
       * ours removes them on close: see _wp_db_open_connection()). Reading a
       * file, even one refused, makes them too. */
      if (self->opened && !self->read_only && !self->check_pending)
        _wp_db_truncate_log (self);
      g_clear_pointer (&self->open_mark, _wp_store_unmark_open);
      g_clear_pointer (&self->change_log, CHANGE_LOG (self)->close);
      if (_wp_db_close (self))
        _wp_store_remove_unused_log (self->path);
      self->db = NULL;
    }
  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->immutable_uri, g_free);

  G_OBJECT_CLASS (wp_store_parent_class)->finalize (object);
}

static void
wp_store_class_init (WpStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = wp_store_finalize;

  /**
   * WpStore::plans-changed:
   *
   * A plan was created, renamed or deleted, or a whole plan was imported.
   */
  wp_store_signals[SIGNAL_PLANS_CHANGED] =
    g_signal_new ("plans-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  /**
   * WpStore::children-changed:
   * @plan_id: the plan
   * @parent_id: the parent whose children were added, removed or reordered
   *   (0 for the top level)
   */
  wp_store_signals[SIGNAL_CHILDREN_CHANGED] =
    g_signal_new ("children-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_INT64, G_TYPE_INT64);

  wp_store_signals[SIGNAL_AGENCIES_CHANGED] =
    g_signal_new ("agencies-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
wp_store_init (WpStore *self)
{
  self->backend = &wp_sqlite_backend;
  self->statements = _wp_db_new_statement_cache ();
  self->live_items = wp_item_cache_new ();
  self->rollups = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  self->lists = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                       (GDestroyNotify) g_ptr_array_unref);
  self->due_soon_days = WP_LIGHT_DEFAULT_DUE_SOON_DAYS;
  /* The same day the window judges on, for the command line too */
  wp_date_get_reference (&self->reference_date);
}

/* How a connection of its own (the check, the rollup's rows read in a
 * thread) names the file: as the store opened it */
static char *
own_connection_uri (WpStore *self)
{
  return self->immutable_uri != NULL ? g_strdup (self->immutable_uri)
                                     : _wp_db_plain_file_uri (self->path);
}

/**
 * wp_store_open:
 * @path: the plan file; created when it does not exist
 * @flags: %WP_STORE_OPEN_READ_ONLY to only read it
 *
 * Returns: (transfer full): the store, or %NULL with @error set. In that case
 *   an existing file was not modified.
 */
WpStore *
wp_store_open (const char        *path,
               WpStoreOpenFlags   flags,
               GError           **error)
{
  g_autoptr(WpStore) self = NULL;
  gboolean exists, is_new;
  gint64 version;

  g_return_val_if_fail (path != NULL, NULL);

  self = g_object_new (WP_TYPE_STORE, NULL);
  self->path = g_strdup (path);
  self->read_only = (flags & WP_STORE_OPEN_READ_ONLY) != 0;
  self->shared = (flags & WP_STORE_OPEN_SHARED) != 0;

  exists = g_file_test (path, G_FILE_TEST_EXISTS);
  if (exists && !_wp_db_check_file_header (path, error))
    return NULL;

  if (!exists && self->read_only)
    {
      g_set_error (error, WP_STORE_ERROR, WP_STORE_ERROR_NOT_FOUND,
                   _("“%s” does not exist."), path);
      return NULL;
    }

  if (exists && !self->read_only && g_access (path, W_OK) != 0)
    {
      g_set_error (error, WP_STORE_ERROR, WP_STORE_ERROR_READ_ONLY,
                   _("“%s” is read-only. Save a copy somewhere you can write to, or "
                     "make the file writable."), path);
      return NULL;
    }

  if (exists && !_wp_wal_check_before_open (path, flags, error))
    return NULL;

  if (!_wp_db_open (self, error))
    return NULL;
  /* (waits for other programs' writes as a batch write does, letting a
   * window go first, until wp_store_set_interactive()) */
  _wp_db_wait_as_a_batch (self);

  if (!_wp_db_check_database (self, (flags & WP_STORE_OPEN_CHECK_LATER) != 0, &is_new, &version,
                              error))
    return NULL;

  if (self->read_only)
    {
      if (is_new || version < WP_STORE_SCHEMA_VERSION)
        {
          g_set_error (error, WP_STORE_ERROR, WP_STORE_ERROR_NEEDS_UPGRADE,
                       _("“%s” needs to be upgraded before it can be read, but it is "
                         "opened read-only."), path);
          return NULL;
        }
      if (!_wp_db_set_query_only (self, TRUE, error))
        return NULL;
    }
  else
    {
      if (!_wp_db_ready_for_writing (self, is_new, version, error))
        return NULL;
      /* Every write from now on leaves its rows in the change log. */
      self->change_log = CHANGE_LOG (self)->open (self, error);
      if (self->change_log == NULL || !CHANGE_LOG (self)->install (self->change_log, error))
        return NULL;
    }

  if (!_wp_db_enforce_foreign_keys (self, error))
    return NULL;

  /* Until the check has found the file sound, nothing may write to it. */
  if (self->check_pending && !self->read_only
      && !_wp_db_set_query_only (self, TRUE, error))
    return NULL;

  /* Items deleted by a program that stopped before closing the file (not
   * now if another program is writing: it is tidying, not an edit) */
  if (!self->read_only && !self->shared && !self->check_pending)
    {
      g_autoptr(GError) local_error = NULL;

      if (!wp_store_purge_deleted (self, &local_error)
          && !g_error_matches (local_error, WP_STORE_ERROR, WP_STORE_ERROR_BUSY))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }
    }

  /* (a file opened immutable is not shared with anyone who writes) */
  if (self->immutable_uri == NULL)
    self->open_mark = _wp_store_mark_open (path);
  if (!_wp_store_open_change_log (self, error))
    return NULL;
  self->opened = TRUE;
  wp_store_check_outside_changes (self);  /* (the version to compare with) */
  /* A store opened to be shown: its window's first rollup finds the rows
   * read meanwhile */
  if ((flags & WP_STORE_OPEN_CHECK_LATER) != 0)
    {
      g_autofree char *uri = own_connection_uri (self);

      _wp_store_prefetch_rollup (self, uri);
    }
  return g_steal_pointer (&self);
}

/* What a check runs on: the file, by name, on a connection of its own; and
 * the store that asked, weakly (see wp_store_check_async()) */
typedef struct {
  char     *uri;
  GWeakRef  store;
} CheckData;

static void
check_data_free (CheckData *data)
{
  g_free (data->uri);
  g_weak_ref_clear (&data->store);
  g_free (data);
}

static void
check_in_thread (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  GError *error = NULL;
  /* A connection of its own: the main one goes on reading meanwhile. */
  char *found = _wp_db_quick_check (((CheckData *) task_data)->uri, &error);

  if (found != NULL)
    g_task_return_pointer (task, found, g_free);
  else
    g_task_return_error (task, error);
}

/**
 * wp_store_check_async:
 *
 * Checks a store opened with %WP_STORE_OPEN_CHECK_LATER for damage, in a
 * thread, while the store can already be read. Until the check has found
 * the file sound, every write is refused.
 *
 * The check reads the file by its name on a connection of its own and
 * holds no reference to the store: a window closed while its file is
 * still being checked lets go of it at once (the store is finalized, the
 * thread reads on to its end). The callback's source object is therefore
 * %NULL; wp_store_check_finish() finds the store itself.
 */
void
wp_store_check_async (WpStore             *self,
                      GCancellable        *cancellable,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  CheckData *data;

  g_return_if_fail (WP_IS_STORE (self));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, wp_store_check_async);
  data = g_new0 (CheckData, 1);
  g_weak_ref_init (&data->store, self);
  data->uri = own_connection_uri (self);
  g_task_set_task_data (task, data, (GDestroyNotify) check_data_free);
  if (!self->check_pending)
    {
      g_task_return_pointer (task, g_strdup ("ok"), g_free);
      return;
    }
  g_task_run_in_thread (task, check_in_thread);
}

/* Whether a check of wp_store_check_async() is still to come or running. */
gboolean
wp_store_is_check_pending (WpStore *self)
{
  g_return_val_if_fail (WP_IS_STORE (self), FALSE);
  return self->check_pending;
}

/**
 * wp_store_check_finish:
 * @self: (nullable): the store checked, or %NULL for the one the check was
 *   started on (the callback's source object is %NULL)
 *
 * Returns FALSE with %WP_STORE_ERROR_CORRUPT if the file is damaged; it then
 * stays read-only. Returns FALSE with %G_IO_ERROR_CLOSED if the store was
 * finalized before the check ended.
 */
gboolean
wp_store_check_finish (WpStore       *self,
                       GAsyncResult  *result,
                       GError       **error)
{
  g_autofree char *check = NULL;
  g_autoptr(WpStore) started_on = NULL;

  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == wp_store_check_async, FALSE);

  started_on = g_weak_ref_get (&((CheckData *) g_task_get_task_data (G_TASK (result)))->store);
  if (self == NULL)
    self = started_on;
  if (self == NULL)
    {
      /* (not shown: the window that asked has gone with its store) */
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CLOSED,
                           "The plan file was closed before its check ended");
      return FALSE;
    }
  g_return_val_if_fail (WP_IS_STORE (self), FALSE);

  if (!self->check_pending)
    return TRUE;
  check = g_task_propagate_pointer (G_TASK (result), error);
  if (check == NULL || !_wp_db_check_result (self, check, error))
    {
      self->check_pending = FALSE;
      self->check_failed = TRUE;
      return FALSE;
    }

  self->check_pending = FALSE;
  if (!self->read_only)
    return _wp_db_set_query_only (self, FALSE, error)
           && (self->shared || wp_store_purge_deleted (self, error));
  return TRUE;
}

/* $XDG_DATA_HOME/workplan/workplan.db */
char *
wp_store_default_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "workplan", "workplan.db", NULL);
}

const char *
wp_store_get_path (WpStore *self)
{
  g_return_val_if_fail (WP_IS_STORE (self), NULL);
  return self->path;
}

gboolean
wp_store_is_read_only (WpStore *self)
{
  g_return_val_if_fail (WP_IS_STORE (self), TRUE);
  return self->read_only;
}

/**
 * wp_store_save_copy:
 * @dest_path: where to write the copy; must not exist
 *
 * Writes a consistent, compacted copy of the whole database (VACUUM INTO).
 */
gboolean
wp_store_save_copy (WpStore     *self,
                    const char  *dest_path,
                    GError     **error)
{
  g_return_val_if_fail (WP_IS_STORE (self), FALSE);

  if (g_file_test (dest_path, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, WP_STORE_ERROR, WP_STORE_ERROR_EXISTS,
                   _("“%s” already exists; choose another name."), dest_path);
      return FALSE;
    }

  /* What was deleted is not copied, even hidden (the copy is often sent
   * to others); undo puts it back from its snapshot afterwards. */
  if (self->opened && !self->read_only && !self->check_pending && !self->check_failed
      && !wp_store_purge_deleted (self, error))
    return FALSE;

  return _wp_db_vacuum_into (self, dest_path, error);
}

/**
 * wp_store_set_judging:
 * @reference_date: the day traffic lights are judged on (usually today; a
 *   briefing "as of" another day uses that day)
 * @due_soon_days: how many days before its deadline an item turns yellow
 *
 * Live items are re-read so that every view shows the new lights.
 */
void
wp_store_set_judging (WpStore     *self,
                      const GDate *reference_date,
                      int          due_soon_days)
{
  g_return_if_fail (WP_IS_STORE (self));
  g_return_if_fail (reference_date != NULL && g_date_valid (reference_date));

  self->reference_date = *reference_date;
  self->due_soon_days = MAX (due_soon_days, 0);
  wp_store_forget_rollups (self);
  _wp_store_reread_live_items (self);
}

const GDate *
wp_store_get_reference_date (WpStore *self)
{
  g_return_val_if_fail (WP_IS_STORE (self), NULL);
  return &self->reference_date;
}

/**
 * wp_store_freeze_signals:
 *
 * Holds back change signals and item refreshes during a bulk write such as
 * an import; wp_store_thaw_signals() then emits WpStore::plans-changed once,
 * which tells views to reload.
 */
void
wp_store_freeze_signals (WpStore *self)
{
  g_return_if_fail (WP_IS_STORE (self));
  self->frozen++;
}

void
wp_store_thaw_signals (WpStore *self)
{
  g_return_if_fail (WP_IS_STORE (self));
  g_return_if_fail (self->frozen > 0);

  if (--self->frozen == 0 && self->missed_signals)
    {
      wp_store_forget_rollups (self);
      self->missed_signals = FALSE;
      g_signal_emit (self, wp_store_signals[SIGNAL_PLANS_CHANGED], 0);
    }
}

void
wp_target_free (WpTarget *target)
{
  if (target == NULL)
    return;
  g_free (target->label);
  g_free (target->unit);
  g_free (target);
}

void
wp_note_free (WpNote *note)
{
  if (note == NULL)
    return;
  g_free (note->text);
  g_free (note->reporter);
  g_free (note);
}

/**
 * wp_store_set_cancellable:
 * @cancellable: (nullable): stops the store's statements once cancelled
 *
 * Once @cancellable is cancelled (from any thread), whatever statement
 * the store runs stops, and the call fails with %G_IO_ERROR_CANCELLED;
 * its transaction is rolled back as for any error. For a long write (an
 * import) that must be cancellable.
 */
void
wp_store_set_cancellable (WpStore      *self,
                          GCancellable *cancellable)
{
  g_return_if_fail (WP_IS_STORE (self));

  g_set_object (&self->cancellable, cancellable);
  _wp_db_follow_cancellable (self);
}
