/* wp-store-private.h: what the store's source files share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <sqlite3.h>

#include "wp-store.h"
#include "wp-item-private.h"
#include "wp-item-cache.h"
#include "wp-change.h"
#include "wp-tracking.h"
#include "wp-backend.h"

G_BEGIN_DECLS

/* The backend's change log (db/wp-backend-changes.h) */
#define CHANGE_LOG(self) ((self)->backend->changes)

typedef struct _WpOpenMark WpOpenMark;

struct _WpStore
{
  GObject     parent_instance;

  sqlite3    *db;
  const WpBackend *backend;  /* its queries (db/wp-backend.h): SQLite's */
  char       *path;
  char       *immutable_uri; /* how a file only to be read was opened, or NULL */
  WpOpenMark *open_mark;     /* see _wp_store_mark_open() */
  gboolean    read_only;
  gboolean    shared;     /* WP_STORE_OPEN_SHARED: leaves tidying to the other */
  GCancellable *cancellable;  /* stops what runs once cancelled, or NULL */
  gboolean    check_pending; /* opened to be checked later; writes wait for it */
  gboolean    check_failed;  /* that check found the file damaged */
  gboolean    opened;        /* wp_store_open() succeeded: the schema is ours */
  GThread    *checkpoint_thread; /* copies the log into the file, or NULL */
  gint        checkpoint_done;   /* (atomic) that thread has finished */
  guint       idle_checkpoint_source; /* copies the log in once edits pause */
  gint64      last_commit_time;  /* monotonic */
  gint64      data_version;      /* PRAGMA data_version when last asked, or 0 */
  WpChangeLog *change_log;       /* the triggers' state; NULL when read-only */
  gint64      last_change;       /* the newest row of the change log shown */
  gint64      tx_first_change;   /* the newest row when the transaction began */
  gint64      tx_data_version;   /* PRAGMA data_version then */
  guint       tx_depth;
  guint       frozen;      /* signals held back during bulk writes */
  gint64      moving_item; /* the item a move is reporting, for list diffs */
  struct {
    gint64    item_id;     /* 0: no hint, lists read their rows again */
    int       from;        /* its position before, or -1 if it was not there */
    int       to;          /* its position after, or -1 if it is gone */
  } hint;                  /* what a children-changed is about, while it is told */
  gboolean    missed_signals;
  gboolean    told_in_transaction; /* views were told of changes not yet committed */
  GHashTable *statements;  /* const char *sql → sqlite3_stmt* */
  WpItemCache *live_items;  /* the WpItems views hold (models/wp-item-cache.c) */
  GHashTable *rollups;     /* gint64 id → WpRollup, for items with children */
  GHashTable *judging;     /* gint64 plan id → how its lights are judged (wp-store-rollups.c) */
  WpRollupPrefetch *rollup_prefetch; /* the newest plan's rows read for its first rollup */
  GHashTable *lists;       /* gint64 parent id → GPtrArray of WpItemList (weak) */
  GHashTable *plan_facts;  /* gint64 plan id → its facts, kept up to date (wp-store-facts.c) */
  gint64      facts_told;  /* the newest row of the change log they were told of */
  GArray     *shown_matches;   /* gint64 ids a filtered outline shows as matches, */
  GArray     *shown_ancestors; /* and above them (sets); NULL when there is none */
  GArray     *hit_ids;         /* gint64, the last search's hits, in order */
  GArray     *hit_parents;     /* gint64, each one's parent (0 at the top) */
  sqlite3_int64 hit_parents_changes; /* sqlite3_total_changes64() then */
  /* Waiting for other programs' writes (db/wp-db.c) */
  struct _WpDbTurn *turn;      /* a window's wish to write next, or NULL */
  gboolean    interactive;     /* wp_store_set_interactive() */
  gboolean    taking_write_lock; /* in the BEGIN of an outermost transaction */
  int         busy_timeout_ms;
  gint64      busy_since;      /* monotonic, when the present wait began */
  gint64      yield_until;     /* monotonic, how long a batch write lets a window go first */
  guint       turn_source;     /* lets go of an unused wish for a turn */
  GDate       reference_date;  /* the day traffic lights are judged on */
  int         due_soon_days;
};

/* What a parent shows, rolled up from its subtree on the reference date. */
typedef struct {
  WpItemStatus status;
  int          progress;
  WpLight      light;
} WpRollup;

enum {
  SIGNAL_PLANS_CHANGED,
  SIGNAL_CHILDREN_CHANGED,
  SIGNAL_AGENCIES_CHANGED,
  N_SIGNALS
};

extern guint wp_store_signals[N_SIGNALS];

/* Statements (db/wp-db-stmt.c) */
#include "wp-db-stmt.h"

gboolean  wp_store_check_writable (WpStore   *self,
                                   GError   **error);
char     *wp_store_now          (void);

/* wp-store.c */
void      _wp_store_reread_live_items   (WpStore *self);
void      _wp_store_show_the_file_again (WpStore *self);
gboolean  _wp_store_query_data_version  (WpStore *self,
                                         gint64  *version);

/* wp-store-changes.c */
void      _wp_store_deliver_changes   (WpStore   *self,
                                       GPtrArray *changes);
gboolean  _wp_store_open_change_log   (WpStore   *self,
                                       GError   **error);
void      _wp_store_close_change_log  (WpStore   *self);
void      _wp_store_changes_begun     (WpStore   *self);
void      _wp_store_changes_committed (WpStore   *self);

/* wp-store-tracking.c */
gboolean  _wp_store_drop_unused_attachments (WpStore  *self,
                                       GError  **error);
gboolean  _wp_store_import_tracking   (WpStore          *self,
                                       gint64            item_id,
                                       const WpCloseout *closeout,
                                       GPtrArray        *attachment_refs,
                                       const char       *reason,
                                       guint            *n_missing,
                                       GError          **error);

/* wp-store-facts.c */
typedef struct {
  WpItemStatus status;    /* as stored, before rolling up */
  int          progress;  /* as stored, -1 when none */
  guint        size;      /* of its subtree, itself included: the items after
                             it in outline order */
} WpFactsRow;

void      _wp_store_forget_facts       (WpStore   *self);
/* (in wp-store-rollups.c, beside the rest of rolling up) */
void      _wp_store_roll_up_facts      (WpStore          *self,
                                        gint64            plan_id,
                                        WpItemFacts      *items,
                                        const WpFactsRow *rows,
                                        guint             index,
                                        int               plan_year);

/* wp-store-locks.c */
void      _wp_store_remove_unused_log (const char *path);
WpOpenMark *_wp_store_mark_open   (const char *path);
void        _wp_store_unmark_open (WpOpenMark *mark);

/* wp-store-items.c */
void      wp_store_forget_live_items (WpStore *self);

/* wp-store-rollups.c */
void      wp_store_forget_rollups    (WpStore *self);
void      _wp_store_forget_judging   (WpStore *self);
void      _wp_store_clear_rollups    (WpStore *self);
void      _wp_store_prefetch_rollup  (WpStore    *self,
                                      const char *uri);
void      _wp_store_rollup_plan      (WpStore *self,
                                      gint64   plan_id,
                                      int      plan_year);
void      _wp_store_roll_up_item     (WpStore    *self,
                                      WpItemData *data);

/* wp-store-lists.c, and what lists are told (models/wp-list-feed.h) */
#include "wp-list-feed.h"

void      _wp_store_reread_lists      (WpStore *self);
void      wp_store_plans_changed     (WpStore *self);
void      wp_store_children_changed  (WpStore *self,
                                      gint64   plan_id,
                                      gint64   parent_id);
void      _wp_store_dispatch_to_lists (WpStore *self,
                                       gint64   plan_id,
                                       gint64   parent_id);
void      _wp_store_children_changed (WpStore  *self,
                                      gint64    plan_id,
                                      gint64    parent_id,
                                      gint64    item_id,
                                      int       from,
                                      int       to,
                                      gboolean  refreshed);
void      wp_store_children_changed_hinted (WpStore *self,
                                            gint64   plan_id,
                                            gint64   parent_id,
                                            gint64   item_id,
                                            int      from,
                                            int      to);
gboolean  wp_store_shift_siblings    (WpStore  *self,
                                      gint64    plan_id,
                                      gint64    parent_id,
                                      int       from,
                                      int       delta,
                                      gint64    except_id,
                                      GError  **error);
void      wp_store_refresh_item_and_ancestors (WpStore *self,
                                               gint64   item_id);
void      _wp_store_refresh_chains   (WpStore      *self,
                                      const gint64 *ids,
                                      guint         n_ids);

/* wp-store-aliases.c */
gint64    _wp_store_agency_of_alias       (WpStore     *self,
                                           const char  *name,
                                           GError     **error);
gboolean  _wp_store_keep_aliases_on_merge (WpStore     *self,
                                           gint64       from_id,
                                           const char  *from_name,
                                           gint64       into_id,
                                           GError     **error);

G_END_DECLS
