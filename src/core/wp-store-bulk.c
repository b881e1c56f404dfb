/* wp-store-bulk.c: writing many complete items at once (imports)
 *
 * wp_store_create_item() and the setters each make an item the way the
 * outline does: in a savepoint, counting and shifting its siblings,
 * rewriting its row once per field, looking its agencies up by name and
 * re-reading the items above it. Every one of those statements also made
 * the search index write a new segment (three times per item: on insert,
 * on the description, on each note). At 100,000 items that was most of an
 * import's minute. Here each item is its complete row at the place the
 * importer gives, written with others in one multi-row statement, agencies
 * are looked up once per name, and the search index triggers are set
 * aside inside the transaction: the items written are indexed in one
 * statement before it commits, and the triggers are back in the same
 * commit (the SQL: queries/wp-bulk-queries.c). A failure or a cancel
 * rolls all of it back.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "wp-backend.h"
#include "wp-deadline.h"
#include "wp-store-bulk.h"
#include "wp-store-private.h"

struct _WpStoreBulk {
  WpStore      *store;
  GCancellable *cancellable;
  gboolean      open;         /* in the transaction, not yet committed */
  gboolean      own_tx;       /* the transaction is ours, not the caller's */
  WpBulkWriter *writer;       /* the backend's side of the write */
  gboolean      log_removed;  /* the change log's triggers are off (it is paused) */
  GHashTable   *agencies;     /* char *name → gint64 id */
  gboolean      new_agencies;
  gint64        first_id;     /* the items written: ids first_id..last_id */
  gint64        last_id;
  char         *now;
  char         *today;

  /* Rows are written ITEM_BATCH or LINK_BATCH at a time: the backend
   * writes many in one statement (see queries/wp-bulk-queries.c). Ids are
   * given here, as AUTOINCREMENT would, so that the caller has an item's
   * id before its row is written. */
  gint64        next_id;      /* 0: not read yet */
  GArray       *items;        /* WpBulkItemRow, not written yet */
  GArray       *links;        /* WpBulkLinkRow, not written yet */
  GStringChunk *strings;      /* the pending items' texts */

  /* The items' uuids: random (version 4) ones that grow, so that each
   * goes in at the end of the others in the uuid index (see next_uuid()) */
  guint64       uuid_high;    /* random, the version's bits set */
  guint64       uuid_low;     /* the last one's, the variant's bits apart */
};

#define ITEM_BATCH 64
#define LINK_BATCH 256

#define BULK(store) ((store)->backend->bulk)
#define AGENCIES(store) ((store)->backend->agencies)
#define MILESTONES(store) ((store)->backend->milestones)
#define TRACKING(store) ((store)->backend->tracking)

static gboolean
cancelled (WpStoreBulk  *bulk,
           GError      **error)
{
  return g_cancellable_set_error_if_cancelled (bulk->cancellable, error);
}

static gboolean
flush_items (WpStoreBulk  *bulk,
             GError      **error)
{
  if (!BULK (bulk->store)->write_items (bulk->writer, (const WpBulkItemRow *) bulk->items->data,
                                        bulk->items->len, bulk->now, error))
    return FALSE;
  g_array_set_size (bulk->items, 0);
  g_string_chunk_clear (bulk->strings);
  return TRUE;
}

static gboolean
flush_links (WpStoreBulk  *bulk,
             GError      **error)
{
  if (!BULK (bulk->store)->write_links (bulk->writer, (const WpBulkLinkRow *) bulk->links->data,
                                        bulk->links->len, error))
    return FALSE;
  g_array_set_size (bulk->links, 0);
  return TRUE;
}

/* Writes every pending row: before anything that refers to an item (a
 * note, a target…) and before the commit. */
static gboolean
flush (WpStoreBulk  *bulk,
       GError      **error)
{
  return flush_items (bulk, error) && flush_links (bulk, error);
}

/**
 * wp_store_bulk_begin:
 * @cancellable: (nullable): cancels the whole write at the next item
 *
 * Starts a bulk write with the store's signals held back until
 * wp_store_bulk_commit() or wp_store_bulk_free(): in a transaction of its
 * own, or else in the caller's, which then rolls back its whole
 * transaction if the bulk write fails. (Not in a savepoint: while one is
 * open, SQLite keeps in memory a copy of pages changed by the statements,
 * and walks that copy at the end of every statement, which made the write
 * slower the bigger the plan.)
 */
WpStoreBulk *
wp_store_bulk_begin (WpStore       *store,
                     GCancellable  *cancellable,
                     GError       **error)
{
  g_autoptr(WpStoreBulk) bulk = g_new0 (WpStoreBulk, 1);
  GDate day;

  g_return_val_if_fail (WP_IS_STORE (store), NULL);

  bulk->store = g_object_ref (store);
  bulk->cancellable = cancellable ? g_object_ref (cancellable) : NULL;
  bulk->agencies = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  bulk->items = g_array_sized_new (FALSE, FALSE, sizeof (WpBulkItemRow), ITEM_BATCH);
  bulk->links = g_array_sized_new (FALSE, FALSE, sizeof (WpBulkLinkRow), LINK_BATCH);
  bulk->strings = g_string_chunk_new (16 * 1024);
  bulk->now = wp_store_now ();
  /* Work marked done is done on the day the app judges by. */
  wp_date_get_reference (&day);
  bulk->today = wp_date_to_iso (&day);

  if (store->tx_depth == 0)
    {
      if (!wp_store_begin (store, error))
        return NULL;
      bulk->own_tx = TRUE;
    }
  bulk->open = TRUE;
  wp_store_freeze_signals (store);
  bulk->writer = BULK (store)->begin (store, error);
  if (bulk->writer == NULL)
    return NULL;
  /* A paused change log logs nothing row by row (the plan write logs the
   * plan), yet its triggers still ran for every row: off until the commit. */
  if (store->change_log != NULL && CHANGE_LOG (store)->is_paused (store->change_log))
    {
      if (!CHANGE_LOG (store)->remove (store->change_log, error))
        return NULL;
      bulk->log_removed = TRUE;
    }
  return g_steal_pointer (&bulk);
}

/* Writes the next item's uuid into @uuid (37 bytes). As random as
 * g_uuid_string_random()'s in their first half and where they start, but
 * each above the one before by a random step: uuids drawn anywhere went in
 * all over the uuid index, and in a bulk write each statement copied every
 * page it touched for its own rollback (100,000 pages at 100,000 items);
 * these touch one page at a time. */
static void
next_uuid (WpStoreBulk *bulk,
           char        *uuid)
{
  guint64 low;

  if (bulk->uuid_high == 0)
    {
      bulk->uuid_high = ((guint64) g_random_int () << 32) | g_random_int ();
      bulk->uuid_high = (bulk->uuid_high & ~G_GUINT64_CONSTANT (0xf000)) | 0x4000;  /* version 4 */
      /* (below 2^61: 2^32 steps of 2^32 still fit in the 62 bits) */
      bulk->uuid_low = (((guint64) g_random_int () << 32) | g_random_int ())
                       & ((G_GUINT64_CONSTANT (1) << 61) - 1);
    }
  bulk->uuid_low += 1 + g_random_int ();
  low = (bulk->uuid_low & ((G_GUINT64_CONSTANT (1) << 62) - 1))
        | (G_GUINT64_CONSTANT (2) << 62);  /* the variant: 10xx */
  g_snprintf (uuid, 37, "%08x-%04x-%04x-%04x-%012" G_GINT64_MODIFIER "x",
              (guint) (bulk->uuid_high >> 32), (guint) ((bulk->uuid_high >> 16) & 0xffff),
              (guint) (bulk->uuid_high & 0xffff), (guint) (low >> 48),
              low & G_GUINT64_CONSTANT (0xffffffffffff));
}

/* The agency's id, made on first use (with the kind its name states, as
 * wp_store_ensure_agency() does); -1 with @error set. */
static gint64
agency_id (WpStoreBulk  *bulk,
           const char   *name,
           GError      **error)
{
  g_autofree char *clean = NULL;
  gint64 *cached = g_hash_table_lookup (bulk->agencies, name);
  gint64 id;

  if (cached != NULL)
    return *cached;

  if (!g_utf8_validate (name, -1, NULL) || (clean = g_strstrip (g_strdup (name)))[0] == '\0')
    {
      g_set_error (error, WP_STORE_ERROR, WP_STORE_ERROR_INVALID,
                   _("An agency needs a name."));
      return -1;
    }

  id = AGENCIES (bulk->store)->find (bulk->store, clean, error);
  if (id < 0)
    return -1;
  if (id == 0)
    {
      id = AGENCIES (bulk->store)->insert (bulk->store, clean, wp_agency_kind_guess (clean),
                                           error);
      if (id < 0)
        return -1;
      bulk->new_agencies = TRUE;
    }

  g_hash_table_insert (bulk->agencies, g_strdup (name), g_memdup2 (&id, sizeof id));
  return id;
}

/* As wp_store_set_item_agencies() gives a new item its lead agencies and
 * then its co-agencies: an agency named in both roles leads (the later
 * row is dropped by ON CONFLICT DO NOTHING, as there). */
static gboolean
add_agencies (WpStoreBulk         *bulk,
              gint64               item_id,
              WpAgencyRole         role,
              const char * const  *names,
              GError             **error)
{
  for (int i = 0; names != NULL && names[i] != NULL; i++)
    {
      WpBulkLinkRow link = { .item_id = item_id, .role = role, .position = i };

      link.agency_id = agency_id (bulk, names[i], error);
      if (link.agency_id < 0)
        return FALSE;
      g_array_append_val (bulk->links, link);
    }
  return TRUE;
}

/**
 * wp_store_bulk_add_item:
 * @parent_id: an item of the same plan written before, or 0 for the top
 * @position: its place among its siblings; the caller writes each parent's
 *   children in order, from 0, into a parent that had none
 *
 * Returns: the new item's id, or 0 with @error set
 */
gint64
wp_store_bulk_add_item (WpStoreBulk       *bulk,
                        gint64             plan_id,
                        gint64             parent_id,
                        int                position,
                        const WpBulkItem  *item,
                        GError           **error)
{
  WpBulkItemRow row = { 0 };
  char uuid[37];

  g_return_val_if_fail (bulk != NULL && bulk->open, 0);
  g_return_val_if_fail (position >= 0, 0);

  if (cancelled (bulk, error))
    return 0;
  if (item->progress < -1 || item->progress > 100)
    {
      g_autofree char *text = g_strdup_printf ("%d", item->progress);

      g_set_error (error, WP_STORE_ERROR, WP_STORE_ERROR_INVALID,
                   _("“%s” is not a valid value for %s."), text, "progress");
      return 0;
    }

  /* The id AUTOINCREMENT would give: above every id the table ever had. */
  if (bulk->next_id == 0)
    {
      bulk->next_id = BULK (bulk->store)->next_item_id (bulk->writer, error);
      if (bulk->next_id == 0)
        return 0;
    }

  next_uuid (bulk, uuid);
  row.id = bulk->next_id++;
  row.plan_id = plan_id;
  row.parent_id = parent_id;
  row.position = position;
  row.progress = item->progress;
  row.kind = item->kind;
  row.status = item->status;
  row.ongoing = item->ongoing;
  row.carried_over = item->carried_over;
  row.carried_forward = item->carried_forward;
  row.uuid = g_string_chunk_insert (bulk->strings, uuid);
  row.title = g_string_chunk_insert (bulk->strings, item->title ? item->title : "");
  row.description = g_string_chunk_insert (bulk->strings,
                                           item->description ? item->description : "");
  row.due = item->due ? g_string_chunk_insert (bulk->strings, item->due) : NULL;
  row.due_label = g_string_chunk_insert (bulk->strings, item->due_label ? item->due_label : "");
  if (item->status == WP_ITEM_STATUS_DONE)
    row.done_date = g_string_chunk_insert (bulk->strings,
                                           item->done_date ? item->done_date : bulk->today);
  g_array_append_val (bulk->items, row);

  if (!add_agencies (bulk, row.id, WP_AGENCY_ROLE_LEAD, item->lead, error)
      || !add_agencies (bulk, row.id, WP_AGENCY_ROLE_CO, item->co, error))
    return 0;
  if ((bulk->items->len >= ITEM_BATCH || bulk->links->len >= LINK_BATCH) && !flush (bulk, error))
    return 0;

  if (bulk->first_id == 0)
    bulk->first_id = row.id;
  bulk->last_id = row.id;
  return row.id;
}

static gboolean
written_here (WpStoreBulk  *bulk,
              gint64        item_id)
{
  /* Ids only grow (AUTOINCREMENT), and nothing else writes meanwhile. */
  g_return_val_if_fail (item_id >= bulk->first_id && item_id <= bulk->last_id
                        && bulk->first_id > 0, FALSE);
  return TRUE;
}

/* Targets go after the item's others, in the order they are added. */
gboolean
wp_store_bulk_add_target (WpStoreBulk     *bulk,
                          gint64           item_id,
                          const WpTarget  *target,
                          GError         **error)
{
  g_return_val_if_fail (bulk != NULL && bulk->open, FALSE);
  if (!written_here (bulk, item_id))
    return FALSE;
  if (!flush (bulk, error))
    return FALSE;
  return wp_store_add_target (bulk->store, item_id, target, error) != 0;
}

/* @item_id is an item of this bulk write: its notes are indexed with it. */
gboolean
wp_store_bulk_add_note (WpStoreBulk  *bulk,
                        gint64        item_id,
                        const GDate  *date,
                        const char   *text,
                        int           progress,
                        const char   *reporter,
                        GError      **error)
{
  g_return_val_if_fail (bulk != NULL && bulk->open, FALSE);
  if (!written_here (bulk, item_id))
    return FALSE;
  if (!flush (bulk, error))
    return FALSE;
  return wp_store_add_note_by (bulk->store, item_id, date, text, progress, reporter,
                               error) != 0;
}

/**
 * wp_store_bulk_set_plan:
 * @checked: (nullable): when its year-end check was done
 *
 * Gives the plan being written its rules and year-end check.
 */
gboolean
wp_store_bulk_set_plan (WpStoreBulk           *bulk,
                        gint64                 plan_id,
                        const WpPlanSettings  *settings,
                        const char            *checked,
                        GError               **error)
{
  g_return_val_if_fail (bulk != NULL && bulk->open, FALSE);
  return TRACKING (bulk->store)->put_settings (bulk->store, plan_id, settings, error)
         && (checked == NULL
             || TRACKING (bulk->store)->set_checked (bulk->store, plan_id, checked, error));
}

/**
 * wp_store_bulk_add_milestone:
 *
 * Sets the milestone of an item written in this bulk write for a quarter.
 */
gboolean
wp_store_bulk_add_milestone (WpStoreBulk  *bulk,
                             gint64        item_id,
                             int           quarter,
                             const char   *text,
                             int           progress,
                             GError      **error)
{
  g_return_val_if_fail (bulk != NULL && bulk->open, FALSE);
  if (!written_here (bulk, item_id))
    return FALSE;
  if (quarter < 1 || quarter > 4 || progress < -1 || progress > 100)
    {
      g_set_error (error, WP_STORE_ERROR, WP_STORE_ERROR_INVALID,
                   _("A milestone is for a quarter (1 to 4) and its progress is 0 to 100%%."));
      return FALSE;
    }
  if (!flush (bulk, error))
    return FALSE;
  return MILESTONES (bulk->store)->put (bulk->store, item_id, quarter, text, progress, error);
}

/**
 * wp_store_bulk_add_tracking:
 * @n_missing: (inout): counts files named by reference whose bytes this
 *   plan file does not hold (they are left out)
 *
 * Writes the close-out, evidence files and year-end reason of an item
 * written in this bulk write; see _wp_store_import_tracking().
 */
gboolean
wp_store_bulk_add_tracking (WpStoreBulk      *bulk,
                            gint64            item_id,
                            const WpCloseout *closeout,
                            GPtrArray        *attachment_refs,
                            const char       *reason,
                            guint            *n_missing,
                            GError          **error)
{
  g_return_val_if_fail (bulk != NULL && bulk->open, FALSE);
  if (!written_here (bulk, item_id))
    return FALSE;
  if (!flush (bulk, error))
    return FALSE;
  return _wp_store_import_tracking (bulk->store, item_id, closeout, attachment_refs, reason,
                                    n_missing, error);
}

/**
 * wp_store_bulk_commit:
 *
 * Indexes the items written for search, puts the search triggers back and
 * commits (or leaves the caller's transaction to it). On failure
 * everything written is rolled back (begun in the caller's transaction: by
 * the caller).
 */
gboolean
wp_store_bulk_commit (WpStoreBulk  *bulk,
                      GError      **error)
{
  WpStore *store = bulk->store;

  g_return_val_if_fail (bulk->open, FALSE);

  if (cancelled (bulk, error) || !flush (bulk, error))
    return FALSE;

  if (!BULK (store)->finish (bulk->writer, bulk->first_id, bulk->last_id, error))
    return FALSE;
  if (bulk->log_removed && !CHANGE_LOG (store)->install (store->change_log, error))
    return FALSE;

  /* A failed commit has rolled back already. */
  bulk->open = FALSE;
  if (bulk->own_tx && !wp_store_commit (store, error))
    {
      BULK (store)->restore_cache (bulk->writer);
      wp_store_thaw_signals (store);
      return FALSE;
    }
  /* (after the commit: its changed pages are in that cache) */
  BULK (store)->restore_cache (bulk->writer);

  if (bulk->new_agencies)
    g_signal_emit (store, wp_store_signals[SIGNAL_AGENCIES_CHANGED], 0);
  /* The views read the file again: rollups, child counts, plans. */
  wp_store_plans_changed (store);
  wp_store_thaw_signals (store);
  return TRUE;
}

/* Rolls back what was not committed: its own transaction, or (begun in
 * the caller's) nothing, the caller rolling back its transaction. */
void
wp_store_bulk_free (WpStoreBulk *bulk)
{
  if (bulk == NULL)
    return;
  if (bulk->open)
    {
      /* (in the caller's transaction, the caller rolls it back) */
      if (bulk->own_tx)
        wp_store_rollback (bulk->store);
      wp_store_thaw_signals (bulk->store);
    }
  if (bulk->writer != NULL)
    BULK (bulk->store)->free (bulk->writer);
  g_clear_object (&bulk->cancellable);
  g_clear_object (&bulk->store);
  g_clear_pointer (&bulk->agencies, g_hash_table_unref);
  g_clear_pointer (&bulk->items, g_array_unref);
  g_clear_pointer (&bulk->links, g_array_unref);
  g_clear_pointer (&bulk->strings, g_string_chunk_free);
  g_free (bulk->now);
  g_free (bulk->today);
  g_free (bulk);
}
