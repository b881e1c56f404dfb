/* wp-store.h: the plan database (the only code that speaks SQL)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "wp-agency.h"
#include "wp-item.h"
#include "wp-plan.h"

G_BEGIN_DECLS

#define WP_STORE_ERROR (wp_store_error_quark ())

typedef enum {
  WP_STORE_ERROR_FAILED,
  WP_STORE_ERROR_NOT_WORKPLAN,
  WP_STORE_ERROR_CORRUPT,
  WP_STORE_ERROR_TOO_NEW,
  WP_STORE_ERROR_READ_ONLY,
  WP_STORE_ERROR_NOT_FOUND,
  WP_STORE_ERROR_INVALID,
  WP_STORE_ERROR_EXISTS,
  /* opened read-only, but in an older format that must be upgraded first */
  WP_STORE_ERROR_NEEDS_UPGRADE,
  /* its log holds saved changes that cannot be read; a copy was set aside */
  WP_STORE_ERROR_DAMAGED_LOG,
  /* another program is writing to it: try again in a moment */
  WP_STORE_ERROR_BUSY,
} WpStoreError;

typedef enum {
  WP_STORE_OPEN_DEFAULT   = 0,
  WP_STORE_OPEN_READ_ONLY = 1 << 0,
  /* Check the file for damage later, with wp_store_check_async(). */
  WP_STORE_OPEN_CHECK_LATER = 1 << 1,
  /* Open a file whose log is damaged (%WP_STORE_ERROR_DAMAGED_LOG) without
   * the changes that cannot be read. */
  WP_STORE_OPEN_DISCARD_DAMAGED_LOG = 1 << 2,
  /* A second connection of a program that has the file open already (a
   * window importing in a thread): the items the program deleted stay
   * hidden, for its undo, rather than leave the file on opening and
   * closing, and the change log is not trimmed. */
  WP_STORE_OPEN_SHARED = 1 << 3,
} WpStoreOpenFlags;

/* How wp_store_start_next_year() copies the work that goes on */
typedef enum {
  WP_NEXT_YEAR_DEFAULT = 0,
  /* keep each item's status and progress instead of starting them again */
  WP_NEXT_YEAR_KEEP_PROGRESS = 1 << 0,
} WpNextYearFlags;

/* The schema version this build writes; see db/wp-migrations.c. */
#define WP_STORE_SCHEMA_VERSION 12

typedef struct {
  char     *label;
  char     *unit;
  double    baseline;
  double    target;
  double    current;
  gboolean  has_baseline;
  gboolean  has_target;
  gboolean  has_current;
  gint64    id;        /* set by the store when listing */
  gint64    item_id;   /* set by the store when listing */
} WpTarget;

typedef struct {
  gint64  id;
  GDate   date;
  char   *text;
  int     progress;  /* -1 when the note carries no progress value */
  char   *reporter;  /* who reported it (an agency), or "" */
} WpNote;

/* What an item is expected to show by the end of a quarter (形象进度) */
typedef struct {
  int   quarter;   /* 1-4 */
  char *text;
  int   progress;  /* -1 when none is expected */
} WpMilestone;

/* What views group and count by, for one item (see
 * wp_store_list_plan_facts()) */
typedef struct {
  gint64        id;
  gint64        parent_id;   /* 0 at the top level */
  gint64        area_id;     /* the top-level item above it, or itself */
  guint         depth;       /* 0 at the top level */
  guint         n_children;
  WpItemKind    kind;
  WpItemStatus  status;      /* rolled up, as the outline shows it */
  int           progress;    /* rolled up */
  WpLight       light;       /* the worst of its subtree */
  int           expected;    /* the progress its milestone expects by the reference date,
                                or -1 (see wp_store_get_expected_progress()) */
  WpLight       agency_light; /* by its own deadline, and those of the work under it that
                                names no agency: the lateness its agencies answer for, not
                                that of sub-items other agencies are on */
  GDate         due;
  GDate         done_date;   /* the day it was set done, if it was */
  gboolean      ongoing;
  gboolean      carried_forward;  /* went on into next year's plan (已结转) */
  gint64       *lead;        /* agency ids, in order */
  guint         n_lead;
  gint64       *co;
  guint         n_co;
} WpItemFacts;

typedef struct {
  gint64      plan_id;
  int         year;
  GArray     *items;   /* WpItemFacts, in outline order */
  GHashTable *index;   /* gint64 id → index into @items */
} WpPlanFacts;

#define WP_TYPE_STORE (wp_store_get_type ())
G_DECLARE_FINAL_TYPE (WpStore, wp_store, WP, STORE, GObject)

GQuark      wp_store_error_quark        (void);
const char *wp_store_error_get_detail   (const GError      *error);
void        wp_store_error_set_detail   (GError           **error,
                                         const char        *detail);
char       *wp_store_default_path       (void);
WpStore    *wp_store_open               (const char        *path,
                                         WpStoreOpenFlags   flags,
                                         GError           **error);
const char *wp_store_get_path           (WpStore           *self);
gboolean    wp_store_file_in_use        (const char        *path);
gboolean    wp_store_file_refuses_readers (const char      *path);
gboolean    wp_store_is_read_only       (WpStore           *self);
void        wp_store_check_async        (WpStore           *self,
                                         GCancellable      *cancellable,
                                         GAsyncReadyCallback callback,
                                         gpointer           user_data);
gboolean    wp_store_check_finish       (WpStore           *self,
                                         GAsyncResult      *result,
                                         GError           **error);
gboolean    wp_store_is_check_pending   (WpStore           *self);
void        wp_store_set_busy_timeout   (WpStore           *self,
                                         int                milliseconds);
void        wp_store_set_interactive    (WpStore           *self,
                                         gboolean           interactive);
gboolean    wp_store_check_outside_changes (WpStore        *self);
void        wp_store_set_cancellable   (WpStore           *self,
                                        GCancellable      *cancellable);
gboolean    wp_store_begin              (WpStore           *self,
                                         GError           **error);
gboolean    wp_store_commit             (WpStore           *self,
                                         GError           **error);
void        wp_store_rollback           (WpStore           *self);
gboolean    wp_store_begin_plan_write         (WpStore           *self,
                                         GError           **error);
gboolean    wp_store_commit_plan_write        (WpStore           *self,
                                         gint64             plan_id,
                                         gint64             old_plan_id,
                                         GError           **error);
void        wp_store_rollback_plan_write      (WpStore           *self);
void        wp_milestone_free           (WpMilestone       *milestone);
GHashTable *wp_store_list_plan_milestones (WpStore         *self,
                                         gint64             plan_id,
                                         GError           **error);
int         wp_store_get_expected_progress (WpStore        *self,
                                         gint64             plan_id,
                                         int                plan_year,
                                         gint64             item_id);
gboolean    wp_store_set_milestone      (WpStore           *self,
                                         gint64             item_id,
                                         int                quarter,
                                         const char        *text,
                                         int                progress,
                                         GError           **error);
GPtrArray  *wp_store_list_milestones    (WpStore           *self,
                                         gint64             item_id,
                                         GError           **error);
/* The change log (wp-store-changes.c): GPtrArrays of WpChange, see
 * db/wp-change-log.h */
gint64      wp_store_get_change_mark    (WpStore           *self);
guint       wp_store_get_n_live_items   (WpStore           *self);
GPtrArray  *wp_store_read_changes       (WpStore           *self,
                                         gint64             after,
                                         GError           **error);
GPtrArray  *wp_store_reverse_changes    (WpStore           *self,
                                         GPtrArray         *changes,
                                         GError           **error);
gboolean    wp_store_save_copy          (WpStore           *self,
                                         const char        *dest_path,
                                         GError           **error);
void        wp_store_set_judging        (WpStore           *self,
                                         const GDate       *reference_date,
                                         int                due_soon_days);
const GDate *wp_store_get_reference_date (WpStore          *self);
void        wp_store_freeze_signals     (WpStore           *self);
void        wp_store_thaw_signals       (WpStore           *self);

/* Plans */
GPtrArray  *wp_store_list_plans         (WpStore           *self,
                                         GError           **error);
WpPlan     *wp_store_get_plan           (WpStore           *self,
                                         gint64             plan_id,
                                         GError           **error);
WpPlan     *wp_store_get_plan_by_year   (WpStore           *self,
                                         int                year,
                                         GError           **error);
WpPlan     *wp_store_create_plan        (WpStore           *self,
                                         int                year,
                                         const char        *title,
                                         const char        *organization,
                                         GError           **error);
gboolean    wp_store_delete_plan        (WpStore           *self,
                                         gint64             plan_id,
                                         GError           **error);
GVariant   *wp_store_delete_plan_with_snapshot (WpStore     *self,
                                         gint64             plan_id,
                                         GError           **error);
gboolean    wp_store_restore_plan       (WpStore           *self,
                                         GVariant          *snapshot,
                                         GError           **error);
WpPlan     *wp_store_start_next_year    (WpStore           *self,
                                         gint64             plan_id,
                                         WpNextYearFlags    flags,
                                         GArray           **carried,
                                         GError           **error);
guint       wp_store_count_items        (WpStore           *self,
                                         gint64             plan_id,
                                         GError           **error);

/* Items */
WpItem     *wp_store_get_item           (WpStore           *self,
                                         gint64             item_id,
                                         GError           **error);
GPtrArray  *wp_store_list_children      (WpStore           *self,
                                         gint64             plan_id,
                                         gint64             parent_id,
                                         GError           **error);
gint64      wp_store_get_child_id       (WpStore           *self,
                                         gint64             plan_id,
                                         gint64             parent_id,
                                         int                position,
                                         GError           **error);
guint       wp_store_count_children     (WpStore           *self,
                                         gint64             plan_id,
                                         gint64             parent_id,
                                         gboolean           shown_only);
guint       wp_store_count_descendants  (WpStore           *self,
                                         gint64             item_id);
GListModel *wp_store_get_children_model (WpStore           *self,
                                         gint64             plan_id,
                                         gint64             parent_id);
WpItem     *wp_store_create_item        (WpStore           *self,
                                         gint64             plan_id,
                                         gint64             parent_id,
                                         int                position,
                                         WpItemKind         kind,
                                         const char        *title,
                                         GError           **error);
gboolean    wp_store_set_item_property  (WpStore           *self,
                                         gint64             item_id,
                                         const char        *property,
                                         const GValue      *value,
                                         GError           **error);
gboolean    wp_store_set_item_string    (WpStore           *self,
                                         gint64             item_id,
                                         const char        *property,
                                         const char        *text,
                                         GError           **error);
gboolean    wp_store_set_item_int       (WpStore           *self,
                                         gint64             item_id,
                                         const char        *property,
                                         int                number,
                                         GError           **error);
gboolean    wp_store_set_item_due_text  (WpStore           *self,
                                         gint64             item_id,
                                         const char        *text,
                                         GError           **error);
gboolean    wp_store_move_item          (WpStore           *self,
                                         gint64             item_id,
                                         gint64             new_parent_id,
                                         int                new_position,
                                         GError           **error);
GVariant   *wp_store_delete_item        (WpStore           *self,
                                         gint64             item_id,
                                         GError           **error);
gboolean    wp_store_restore_items      (WpStore           *self,
                                         GVariant          *snapshot,
                                         GError           **error);
gboolean    wp_store_purge_deleted      (WpStore           *self,
                                         GError           **error);

WpPlanFacts *wp_store_list_plan_facts  (WpStore          *self,
                                         gint64             plan_id,
                                         GError           **error);
gboolean    wp_store_keeps_plan_facts   (WpStore           *self,
                                         gint64             plan_id);
void        wp_store_forget_plan_facts  (WpStore           *self,
                                         gint64             plan_id);
const WpItemFacts *wp_plan_facts_lookup (const WpPlanFacts *facts,
                                         gint64             id);
gboolean    wp_item_facts_involves      (const WpItemFacts *facts,
                                         gint64             agency_id);
void        wp_plan_facts_free          (WpPlanFacts       *facts);

/* Agencies */
GPtrArray  *wp_store_list_agencies      (WpStore           *self,
                                         GError           **error);
char      **wp_store_list_plan_agency_names (WpStore       *self,
                                         gint64             plan_id,
                                         GError           **error);
WpAgency   *wp_store_ensure_agency      (WpStore           *self,
                                         const char        *name,
                                         GError           **error);
WpAgency   *wp_store_get_agency         (WpStore           *self,
                                         gint64             agency_id,
                                         GError           **error);
gboolean    wp_store_update_agency      (WpStore           *self,
                                         gint64             agency_id,
                                         const char        *name,
                                         const char        *short_name,
                                         WpAgencyKind       kind,
                                         GError           **error);
gboolean    wp_store_merge_agencies     (WpStore           *self,
                                         gint64             from_id,
                                         gint64             into_id,
                                         GError           **error);
gboolean    wp_store_set_item_agencies  (WpStore           *self,
                                         gint64             item_id,
                                         WpAgencyRole       role,
                                         const char * const *names,
                                         GError           **error);
/* Agency aliases (wp-store-aliases.c) */
GStrv       wp_store_list_agency_aliases (WpStore          *self,
                                         gint64             agency_id,
                                         GError           **error);
gboolean    wp_store_add_agency_alias   (WpStore           *self,
                                         gint64             agency_id,
                                         const char        *alias,
                                         GError           **error);
gboolean    wp_store_remove_agency_alias (WpStore          *self,
                                         gint64             agency_id,
                                         const char        *alias,
                                         GError           **error);
GHashTable *wp_store_get_alias_directory (WpStore          *self,
                                         GError           **error);

/* Targets and progress notes */
GPtrArray  *wp_store_list_targets       (WpStore           *self,
                                         gint64             item_id,
                                         GError           **error);
gint64      wp_store_add_target         (WpStore           *self,
                                         gint64             item_id,
                                         const WpTarget    *target,
                                         GError           **error);
gboolean    wp_store_update_target      (WpStore           *self,
                                         const WpTarget    *target,
                                         GError           **error);
gboolean    wp_store_delete_target      (WpStore           *self,
                                         gint64             target_id,
                                         GError           **error);
GPtrArray  *wp_store_list_plan_targets  (WpStore           *self,
                                         gint64             plan_id,
                                         GError           **error);
WpTarget   *wp_target_copy              (const WpTarget    *target);
double      wp_target_get_share         (const WpTarget    *target);

GPtrArray  *wp_store_list_notes         (WpStore           *self,
                                         gint64             item_id,
                                         GError           **error);
GHashTable *wp_store_list_plan_notes    (WpStore           *self,
                                         gint64             plan_id,
                                         GError           **error);
gint64      wp_store_add_note           (WpStore           *self,
                                         gint64             item_id,
                                         const GDate       *date,
                                         const char        *text,
                                         int                progress,
                                         GError           **error);
gint64      wp_store_add_note_by        (WpStore           *self,
                                         gint64             item_id,
                                         const GDate       *date,
                                         const char        *text,
                                         int                progress,
                                         const char        *reporter,
                                         GError           **error);
gboolean    wp_store_delete_note        (WpStore           *self,
                                         gint64             note_id,
                                         GError           **error);

/* Search */
GArray     *wp_store_search             (WpStore           *self,
                                         gint64             plan_id,
                                         const char        *query,
                                         GError           **error);
gboolean    wp_store_set_shown          (WpStore           *self,
                                         gint64             plan_id,
                                         const GArray      *hits,
                                         GArray           **matches,
                                         GArray           **ancestors,
                                         GError           **error);
void        wp_store_shown_changed      (WpStore           *self,
                                         gint64             plan_id);
GArray     *wp_store_list_child_ids     (WpStore       *self,
                                         gint64         plan_id,
                                         gint64         parent_id,
                                         GError       **error);
GArray     *wp_store_list_shown_child_ids (WpStore       *self,
                                         gint64             plan_id,
                                         gint64             parent_id,
                                         GError           **error);
GListModel *wp_store_get_shown_children_model (WpStore     *self,
                                         gint64             plan_id,
                                         gint64             parent_id);

void        wp_target_free              (WpTarget          *target);
void        wp_note_free                (WpNote            *note);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (WpTarget, wp_target_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (WpPlanFacts, wp_plan_facts_free)

G_DEFINE_AUTOPTR_CLEANUP_FUNC (WpMilestone, wp_milestone_free)

G_END_DECLS
