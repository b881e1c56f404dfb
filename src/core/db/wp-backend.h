/* wp-backend.h: what a database backend implements for the store
 *
 * The store's facade (wp-store-*.c) keeps the public wp_store_* API, the
 * transactions, the caches of live items and rolled-up figures, the lists
 * and the change log. Everything it asks of the database itself goes
 * through the tables of functions below; the SQLite backend fills them in
 * src/core/queries/ (wp-item-queries.c, …) and wp_sqlite_backend holds
 * them. A second backend (PostgreSQL for shared offices) fills the same
 * structs with its own SQL; the facade does not change.
 *
 * The rules every function keeps:
 * - SQL only: no caches, no signals, no transactions of its own (the
 *   facade runs them inside its transaction);
 * - the first argument is the store whose connection is used (SQLite: its
 *   cache of prepared statements, db/wp-db-stmt.c);
 * - FALSE (or -1 / 0 where a count is returned) with @error set when the
 *   database fails; a record that is not there is %WP_STORE_ERROR_NOT_FOUND;
 * - what is SQLite's own stays behind a function: ordering a set of ids
 *   (json_each), the search index (FTS5), and choosing an index (INDEXED
 *   BY) are each one entry here that another backend writes its own way
 *   (PostgreSQL: unnest (?::bigint[]), tsvector or pg_trgm, its planner).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "wp-store.h"
#include "wp-item-private.h"
#include "wp-store-walk.h"
#include "wp-tracking.h"
#include "wp-backend-changes.h"

G_BEGIN_DECLS

/* Called once per row read; @data's strings become the callee's */
typedef void (*WpItemDataFunc)   (WpItemData *data,
                                 gpointer    user_data);
/* Called once per sibling a shift moved, with its new position */
typedef void (*WpShiftedFunc)   (gint64      item_id,
                                 int         position,
                                 gpointer    user_data);

/* What an item property is, for checking a value before it is written */
typedef enum {
  WP_ITEM_VALUE_NONE = -1,  /* no such property */
  WP_ITEM_VALUE_TEXT,
  WP_ITEM_VALUE_KIND,
  WP_ITEM_VALUE_STATUS,
  WP_ITEM_VALUE_PROGRESS,
  WP_ITEM_VALUE_DATE,
  WP_ITEM_VALUE_BOOLEAN,
} WpItemValueKind;

/* Plans (queries/wp-plan-queries.c) */
typedef struct {
  /* Appends every plan to @plans, by year */
  gboolean (*list)        (WpStore      *conn,
                           GPtrArray    *plans,
                           GError      **error);
  /* The plan of id (or year, if @by_year) @key in *@plan, NULL if none */
  gboolean (*find)        (WpStore      *conn,
                           gboolean      by_year,
                           gint64        key,
                           WpPlan      **plan,
                           GError      **error);
  /* The new plan's id, or 0 */
  gint64   (*insert)      (WpStore      *conn,
                           int           year,
                           const char   *title,
                           const char   *organization,
                           const char   *now,
                           GError      **error);
  /* Deletes the plan and, by its foreign keys, everything in it */
  gboolean (*delete)      (WpStore      *conn,
                           gint64        plan_id,
                           GError      **error);
  guint    (*count_items) (WpStore      *conn,
                           gint64        plan_id,
                           GError      **error);
} WpPlanQueries;

/* Items: the hierarchy (queries/wp-item-queries.c) */
typedef struct {
  /* One item with its agencies' names and child count (not rolled up) */
  gboolean (*get)              (WpStore        *conn,
                                gint64          item_id,
                                WpItemData     *data,
                                GError        **error);
  /* The children of @parent_id (0: the top level), in order */
  gboolean (*list_children)    (WpStore        *conn,
                                gint64          plan_id,
                                gint64          parent_id,
                                WpItemDataFunc   row,
                                gpointer        user_data,
                                GError        **error);
  /* @item_id's parent (0 at the top), FALSE when there is no such item */
  gboolean (*get_parent)       (WpStore        *conn,
                                gint64          item_id,
                                gint64         *parent_id);
  /* Appends the ids of @parent_id's children to @ids: in order if @ordered,
   * else in whatever order the index gives them fastest */
  gboolean (*child_ids)        (WpStore        *conn,
                                gint64          plan_id,
                                gint64          parent_id,
                                gboolean        ordered,
                                GArray         *ids,
                                GError        **error);
  /* Sorts @ids (gint64 item ids) by position among their siblings
   * (SQLite: json_each over the set) */
  gboolean (*order_by_position) (WpStore       *conn,
                                 GArray        *ids,
                                 GError       **error);
  guint    (*count_children)   (WpStore        *conn,
                                gint64          plan_id,
                                gint64          parent_id);
  guint    (*count_descendants) (WpStore       *conn,
                                 gint64         item_id);
  /* The child at @position, or 0 with NOT_FOUND */
  gint64   (*child_at)         (WpStore        *conn,
                                gint64          plan_id,
                                gint64          parent_id,
                                int             position,
                                GError        **error);
  gboolean (*locate)           (WpStore        *conn,
                                gint64          item_id,
                                gint64         *plan_id,
                                gint64         *parent_id,
                                int            *position,
                                GError        **error);
  /* Siblings under @parent_id other than @except_id (0: none), or -1 */
  int      (*count_siblings)   (WpStore        *conn,
                                gint64          plan_id,
                                gint64          parent_id,
                                gint64          except_id,
                                GError        **error);
  /* Moves live siblings at or after @from by @delta, not @except_id */
  gboolean (*shift_siblings)   (WpStore        *conn,
                                gint64          plan_id,
                                gint64          parent_id,
                                int             from,
                                int             delta,
                                gint64          except_id,
                                WpShiftedFunc   shifted,
                                gpointer        user_data,
                                GError        **error);
  gboolean (*insert)           (WpStore        *conn,
                                gint64          plan_id,
                                gint64          parent_id,
                                int             position,
                                WpItemKind      kind,
                                const char     *title,
                                const char     *now,
                                gint64         *out_id,
                                GError        **error);
  WpItemValueKind (*property_kind) (const char *property);
  /* Writes one property (already checked against its kind); @today is the
   * day a status of done stamps. NOT_FOUND when the item is gone. */
  gboolean (*set_property)     (WpStore        *conn,
                                gint64          item_id,
                                const char     *property,
                                const GValue   *value,
                                const char     *now,
                                const char     *today,
                                GError        **error);
  gboolean (*is_in_subtree)    (WpStore        *conn,
                                gint64          root_id,
                                gint64          candidate_id);
  gboolean (*set_place)        (WpStore        *conn,
                                gint64          item_id,
                                gint64          parent_id,
                                int             position,
                                const char     *now,
                                GError        **error);
} WpItemQueries;

/* Agencies: the directory and their links to items (queries/wp-agency-queries.c) */
typedef struct {
  /* Appends every agency to @agencies, by name */
  gboolean   (*list)     (WpStore       *conn,
                          GPtrArray     *agencies,
                          GError       **error);
  /* The id of the agency called @name, 0 if none, -1 on failure */
  gint64     (*find)     (WpStore       *conn,
                          const char    *name,
                          GError       **error);
  /* A new agency's id, or -1 */
  gint64     (*insert)   (WpStore       *conn,
                          const char    *name,
                          WpAgencyKind   kind,
                          GError       **error);
  WpAgency  *(*get)      (WpStore       *conn,
                          gint64         agency_id,
                          GError       **error);
  gboolean   (*update)   (WpStore       *conn,
                          gint64         agency_id,
                          const char    *name,
                          const char    *short_name,
                          WpAgencyKind   kind,
                          GError       **error);
  /* Takes every agency in @role off @item_id */
  gboolean   (*unlink_role) (WpStore    *conn,
                             gint64      item_id,
                             WpAgencyRole role,
                             GError    **error);
  /* Takes @agency_id off @item_id in any role but @role */
  gboolean   (*unlink_other_role) (WpStore      *conn,
                                   gint64        item_id,
                                   gint64        agency_id,
                                   WpAgencyRole  role,
                                   GError      **error);
  /* Puts @agency_id on @item_id in @role at @position; nothing if it is
   * there already */
  gboolean   (*link)     (WpStore       *conn,
                          gint64         item_id,
                          gint64         agency_id,
                          WpAgencyRole   role,
                          int            position,
                          GError       **error);
  /* Appends the items @agency_id leads or supports */
  gboolean   (*item_ids) (WpStore       *conn,
                          gint64         agency_id,
                          GArray        *ids);
  /* Gives @from_id's links to @into_id (lead wins) and deletes @from_id */
  gboolean   (*merge)    (WpStore       *conn,
                          gint64         from_id,
                          gint64         into_id,
                          GError       **error);
} WpAgencyQueries;

/* Called once per alias read; @agency is its agency's name (list_all) */
typedef void (*WpAliasFunc)     (const char *alias,
                                 const char *agency,
                                 gpointer    user_data);

/* Agency aliases, other written forms of a name (queries/wp-alias-queries.c) */
typedef struct {
  gboolean (*add)      (WpStore      *conn,
                        gint64        agency_id,
                        const char   *name,
                        GError      **error);
  /* *@removed says whether @agency_id had the alias @name */
  gboolean (*remove)   (WpStore      *conn,
                        gint64        agency_id,
                        const char   *name,
                        gboolean     *removed,
                        GError      **error);
  /* The agency @name is the name or an alias of; *@agency_id 0 for none */
  gboolean (*owner)    (WpStore      *conn,
                        const char   *name,
                        gint64       *agency_id,
                        gboolean     *is_alias,
                        GError      **error);
  /* Calls @row for each alias of @agency_id, in the order they were added */
  gboolean (*list)     (WpStore      *conn,
                        gint64        agency_id,
                        WpAliasFunc   row,
                        gpointer      user_data,
                        GError      **error);
  /* Calls @row for every alias with the name of its agency */
  gboolean (*list_all) (WpStore      *conn,
                        WpAliasFunc   row,
                        gpointer      user_data,
                        GError      **error);
  /* @from_id's aliases become @into_id's (a merge) */
  gboolean (*move)     (WpStore      *conn,
                        gint64        from_id,
                        gint64        into_id,
                        GError      **error);
} WpAliasQueries;

/* Called once per item a search finds, with its parent (0 at the top) */
typedef void (*WpSearchFunc)    (gint64      item_id,
                                 gint64      parent_id,
                                 gpointer    user_data);

/* Finding items by their words (queries/wp-search-queries.c; SQLite: FTS5
 * indexes with a token per character) */
typedef struct {
  /* Calls @hit for every live item of @plan_id whose title, description or
   * a progress note holds @text as written (letters in any case), and
   * every item the agency called @text (by name, short name or alias)
   * leads or supports; an item may come more than once, in any order */
  gboolean (*find)      (WpStore       *conn,
                         gint64         plan_id,
                         const char    *text,
                         WpSearchFunc   hit,
                         gpointer       user_data,
                         GError       **error);
  /* Appends to @ancestors the ids of every live item of @plan_id above an
   * item of @from (gint64 ids), each at least once, in any order */
  gboolean (*ancestors) (WpStore       *conn,
                         gint64         plan_id,
                         const GArray  *from,
                         GArray        *ancestors,
                         GError       **error);
} WpSearchQueries;

/* Called once per agency on an item, @co for a supporting one */
typedef void (*WpLinkFunc)      (gint64      item_id,
                                 gboolean    co,
                                 int         position,
                                 const char *name,
                                 gpointer    user_data);

/* A whole plan in outline order, for exports (queries/wp-walk-queries.c) */
typedef struct {
  /* Calls @link for every agency on every item of @plan_id, in any order */
  gboolean (*links) (WpStore        *conn,
                     gint64          plan_id,
                     WpLinkFunc      link,
                     gpointer        user_data,
                     GError        **error);
  /* Calls @func for each live item of @plan_id, parent before its
   * children and siblings in their order, its lead and co NULL; stops,
   * FALSE, when @func does */
  gboolean (*walk)  (WpStore        *conn,
                     gint64          plan_id,
                     WpItemRowFunc   func,
                     gpointer        user_data,
                     GError        **error);
} WpWalkQueries;

/* An item's row as a plan's facts take it */
typedef struct {
  gint64        id;
  gint64        plan_id;
  gint64        parent_id;        /* 0 at the top */
  gboolean      deleted;          /* (item(): hidden with a deleted item) */
  WpItemKind    kind;
  WpItemStatus  status;
  int           progress;         /* -1: none */
  GDate         due;              /* cleared: none */
  gboolean      ongoing;
  int           position;
  GDate         done_date;
  gboolean      carried_forward;
} WpFactsItem;

typedef void (*WpFactsItemFunc) (const WpFactsItem *item,
                                 gpointer           user_data);
/* Called once per agency on an item, @lead or supporting, at @position */
typedef void (*WpFactsLinkFunc) (gint64      item_id,
                                 gint64      agency_id,
                                 gboolean    lead,
                                 int         position,
                                 gpointer    user_data);

/* A plan's facts, what views group and count by (queries/wp-facts-queries.c) */
typedef struct {
  /* Calls @row for every live item of @plan_id, in any order */
  gboolean (*plan_items) (WpStore          *conn,
                          gint64            plan_id,
                          WpFactsItemFunc   row,
                          gpointer          user_data,
                          GError          **error);
  /* Calls @link for every agency on an item of @plan_id (deleted items'
   * too), in any order */
  gboolean (*plan_links) (WpStore          *conn,
                          gint64            plan_id,
                          WpFactsLinkFunc   link,
                          gpointer          user_data,
                          GError          **error);
  /* Reads @item_id, deleted or not, into @item; *@found FALSE if it is
   * not in the file */
  gboolean (*item)       (WpStore          *conn,
                          gint64            item_id,
                          WpFactsItem      *item,
                          gboolean         *found,
                          GError          **error);
  gboolean (*item_links) (WpStore          *conn,
                          gint64            item_id,
                          WpFactsLinkFunc   link,
                          gpointer          user_data,
                          GError          **error);
} WpFactsQueries;

/* One complete item of a bulk write; the texts stay the caller's until
 * write_items() returns */
typedef struct {
  gint64        id;
  gint64        plan_id;
  gint64        parent_id;       /* 0 at the top */
  int           position;
  int           progress;        /* -1: none */
  WpItemKind    kind;
  WpItemStatus  status;
  gboolean      ongoing;
  gboolean      carried_over;
  gboolean      carried_forward;
  const char   *uuid;
  const char   *title;
  const char   *description;
  const char   *due;             /* ISO, or NULL */
  const char   *due_label;
  const char   *done_date;       /* ISO, or NULL */
} WpBulkItemRow;

typedef struct {
  gint64        item_id;
  gint64        agency_id;
  WpAgencyRole  role;
  int           position;
} WpBulkLinkRow;

/* A bulk write's state in the backend (SQLite: its prepared statements
 * and the search triggers set aside) */
typedef struct _WpBulkWriter WpBulkWriter;

/* Writing many complete items at once, in the caller's transaction
 * (queries/wp-bulk-queries.c) */
typedef struct {
  /* Readies the connection for a bulk write: the search index stops
   * following writes of items and notes until finish() (SQLite: its FTS5
   * triggers are dropped), and a larger page cache until restore_cache() */
  WpBulkWriter *(*begin)        (WpStore              *conn,
                                 GError              **error);
  /* The id the next new item would get, above every id ever given; 0 */
  gint64        (*next_item_id) (WpBulkWriter         *writer,
                                 GError              **error);
  /* Writes @items, which have their ids, created and modified @now */
  gboolean      (*write_items)  (WpBulkWriter         *writer,
                                 const WpBulkItemRow  *items,
                                 guint                 n_items,
                                 const char           *now,
                                 GError              **error);
  /* Writes @links; one already there (an agency named twice) is left */
  gboolean      (*write_links)  (WpBulkWriter         *writer,
                                 const WpBulkLinkRow  *links,
                                 guint                 n_links,
                                 GError              **error);
  /* Indexes the items @first_id to @last_id (none if 0) and their notes
   * for search, and has the index follow writes again */
  gboolean      (*finish)       (WpBulkWriter         *writer,
                                 gint64                first_id,
                                 gint64                last_id,
                                 GError              **error);
  /* Gives the connection its page cache back (after the commit) */
  void          (*restore_cache) (WpBulkWriter        *writer);
  /* Restores the page cache and lets go of the writer */
  void          (*free)         (WpBulkWriter         *writer);
} WpBulkQueries;

/* Quantified targets (queries/wp-target-queries.c) */
typedef struct {
  /* Append #WpTarget rows (freed with wp_target_free()) to @targets */
  gboolean (*list_of_item) (WpStore         *conn,
                            gint64           item_id,
                            GPtrArray       *targets,
                            GError         **error);
  gboolean (*list_of_plan) (WpStore         *conn,
                            gint64           plan_id,
                            GPtrArray       *targets,
                            GError         **error);
  /* Appends @target to @item_id's, with @id (0: a new one); its id or 0 */
  gint64   (*insert)       (WpStore         *conn,
                            gint64           item_id,
                            const WpTarget  *target,
                            gint64           id,
                            GError         **error);
  gboolean (*update)       (WpStore         *conn,
                            const WpTarget  *target,
                            GError         **error);
  gboolean (*delete)       (WpStore         *conn,
                            gint64           target_id,
                            GError         **error);
} WpTargetQueries;

/* Progress notes (queries/wp-note-queries.c) */
typedef struct {
  /* Append #WpNote rows (freed with wp_note_free()), by date */
  gboolean (*list_of_item) (WpStore      *conn,
                            gint64        item_id,
                            GPtrArray    *notes,
                            GError      **error);
  /* Fills @notes: gint64 item id → GPtrArray of #WpNote */
  gboolean (*list_of_plan) (WpStore      *conn,
                            gint64        plan_id,
                            GHashTable   *notes,
                            GError      **error);
  /* @date as ISO text, @progress -1 for none; the new id, or 0 */
  gint64   (*insert)       (WpStore      *conn,
                            gint64        item_id,
                            const char   *date,
                            const char   *text,
                            int           progress,
                            const char   *now,
                            const char   *reporter,
                            GError      **error);
  gboolean (*delete)       (WpStore      *conn,
                            gint64        note_id,
                            GError      **error);
} WpNoteQueries;

/* Deleting so that undo can bring items back (queries/wp-snapshot-queries.c).
 * A snapshot is raw rows as GVariant: a(saav), per table its rows, each
 * row its columns in the table's order (int64, double, string, bytes or
 * () for NULL), ids included. */
typedef struct {
  /* Adds @item_id's subtree (hidden items too) and every row hanging off
   * it to @tables; its item ids to @ids, and as a JSON array to @json */
  gboolean (*take_subtree) (WpStore          *conn,
                            gint64            item_id,
                            GVariantBuilder  *tables,
                            GArray           *ids,
                            GString          *json,
                            GError          **error);
  /* Adds the plan row and everything in the plan to @tables */
  gboolean (*take_plan)    (WpStore          *conn,
                            gint64            plan_id,
                            GVariantBuilder  *tables,
                            GError          **error);
  /* Marks the items of @json (as take_subtree() gave it) deleted with
   * @item_id (SQLite: json_each) */
  gboolean (*hide)         (WpStore          *conn,
                            gint64            item_id,
                            const GString    *json,
                            GError          **error);
  gboolean (*unhide)       (WpStore          *conn,
                            gint64            root_id,
                            int               position,
                            gboolean         *found,
                            GError          **error);
  /* Removes every hidden item from the file */
  gboolean (*purge)        (WpStore          *conn,
                            GError          **error);
  /* Inserts one table's rows of a snapshot; "plan" only if @whole_plan */
  gboolean (*put_back)     (WpStore          *conn,
                            const char       *table,
                            GVariant         *rows,
                            gboolean          whole_plan,
                            GError          **error);
} WpSnapshotQueries;

/* The tracking year's tables: milestones, tracking, reporting */
#include "wp-backend-tracking.h"

/* An item's row as a rollup reads it */
typedef struct {
  gint64        id;
  gint64        parent_id;        /* 0 at the top */
  int           progress;         /* as stored; -1: none */
  WpItemStatus  status;           /* as stored */
  GDate         due;              /* cleared: none */
  gboolean      carried_forward;
} WpRollupRow;

/* Returns FALSE to stop */
typedef gboolean (*WpRollupRowFunc) (const WpRollupRow *row,
                                     gpointer           user_data);

/* A plan's rows read in a thread, beside the main one */
typedef struct _WpRollupPrefetch WpRollupPrefetch;

/* The rows a parent's figures are rolled up from (queries/wp-rollup-queries.c) */
typedef struct {
  /* The progress the milestones of @plan_id's items expect by the end of
   * @quarter, in item then quarter order (the later quarter last) */
  gboolean (*expected)     (WpStore          *conn,
                            gint64            plan_id,
                            int               quarter,
                            WpItemProgressFunc func,
                            gpointer          user_data,
                            GError          **error);
  /* @plan_id's live items, in id order */
  gboolean (*plan_rows)    (WpStore          *conn,
                            gint64            plan_id,
                            WpRollupRowFunc   func,
                            gpointer          user_data,
                            GError          **error);
  /* Starts reading @plan_id's rows, as plan_rows() gives them, in a
   * thread on a read-only connection of its own to @uri; NULL if it
   * cannot (the plan's ids are not one run) */
  WpRollupPrefetch *(*prefetch) (WpStore        *conn,
                                 const char     *uri,
                                 gint64          plan_id);
  /* Gives @func the rows @prefetch read, reading what it has not begun
   * on @conn meanwhile. FALSE, with nothing given, when they are not
   * @plan_id's, could not be read, or the file changed since it began:
   * plan_rows() reads them then. */
  gboolean (*take_prefetched) (WpStore          *conn,
                               WpRollupPrefetch *prefetch,
                               gint64            plan_id,
                               WpRollupRowFunc   func,
                               gpointer          user_data);
  /* Lets go of @prefetch, once its thread has stopped after the rows it is
   * reading */
  void     (*drop_prefetched) (WpRollupPrefetch *prefetch);
  /* Waits for @prefetch's thread to end (for tests) */
  void     (*wait_prefetched) (WpRollupPrefetch *prefetch);
  /* @item_id's descendants, the deepest first */
  gboolean (*descendants)  (WpStore          *conn,
                            gint64            item_id,
                            WpRollupRowFunc   func,
                            gpointer          user_data,
                            GError          **error);
  /* @parent_id's children, in any order */
  gboolean (*children)     (WpStore          *conn,
                            gint64            parent_id,
                            WpRollupRowFunc   func,
                            gpointer          user_data,
                            GError          **error);
  /* 1 if @item_id has children, 0 if not, -1 with @error set */
  int      (*has_children) (WpStore          *conn,
                            gint64            plan_id,
                            gint64            item_id,
                            GError          **error);
} WpRollupQueries;
/* A backend: one table per record kind */
typedef struct {
  const char            *name;
  const WpPlanQueries   *plans;
  const WpItemQueries   *items;
  const WpAgencyQueries *agencies;
  const WpAliasQueries  *aliases;
  const WpTargetQueries *targets;
  const WpNoteQueries   *notes;
  const WpSnapshotQueries *snapshots;
  const WpSearchQueries *search;
  const WpWalkQueries   *walk;
  const WpFactsQueries  *facts;
  const WpBulkQueries   *bulk;
  const WpRollupQueries *rollups;
  const WpMilestoneQueries *milestones;
  const WpTrackingQueries *tracking;
  const WpReportingQueries *reporting;
  const WpChangeLogQueries *changes;
} WpBackend;

/* The SQLite backend (src/core/queries/) */
extern const WpBackend     wp_sqlite_backend;
extern const WpChangeLogQueries wp_sqlite_change_log;
extern const WpPlanQueries   wp_sqlite_plan_queries;
extern const WpItemQueries   wp_sqlite_item_queries;
extern const WpAgencyQueries wp_sqlite_agency_queries;
extern const WpAliasQueries  wp_sqlite_alias_queries;
extern const WpTargetQueries wp_sqlite_target_queries;
extern const WpNoteQueries   wp_sqlite_note_queries;
extern const WpSnapshotQueries wp_sqlite_snapshot_queries;
extern const WpSearchQueries wp_sqlite_search_queries;
extern const WpWalkQueries   wp_sqlite_walk_queries;
extern const WpFactsQueries  wp_sqlite_facts_queries;
extern const WpBulkQueries   wp_sqlite_bulk_queries;
extern const WpRollupQueries wp_sqlite_rollup_queries;
extern const WpMilestoneQueries wp_sqlite_milestone_queries;
extern const WpTrackingQueries wp_sqlite_tracking_queries;
extern const WpReportingQueries wp_sqlite_reporting_queries;

G_END_DECLS
