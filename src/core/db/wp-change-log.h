/* wp-change-log.h: every write to the plan's tables as a row of the change log
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <sqlite3.h>

#include "wp-store.h"

G_BEGIN_DECLS

/* The kinds of record the log knows; each is one table. */
typedef enum {
  WP_RECORD_PLAN,
  WP_RECORD_ITEM,
  WP_RECORD_AGENCY,
  WP_RECORD_ITEM_AGENCY,
  WP_RECORD_TARGET,
  WP_RECORD_NOTE,
  WP_RECORD_MILESTONE,
  WP_RECORD_CLOSEOUT,
  WP_RECORD_ATTACHMENT,
  WP_RECORD_YEAR_CHECK,
  WP_RECORD_AGENCY_ALIAS,
  WP_N_RECORDS
} WpRecordKind;

typedef enum {
  WP_CHANGE_INSERT = 1,
  WP_CHANGE_UPDATE = 2,
  WP_CHANGE_DELETE = 3,
  /* a bulk write (an import) that logged this one row for a whole plan;
   * it cannot be reversed row by row */
  WP_CHANGE_BULK = 4,
  /* items' positions among their siblings moved by one statement: @key
   * holds plan_id and parent_id, @after from, delta and except (an item
   * left as it was); logged as one row, not one per sibling */
  WP_CHANGE_SHIFT = 5,
} WpChangeOp;

/* One row of the log. The JSON objects hold the record's columns by name:
 * @key its primary key (after the change, or before a delete), @before and
 * @after the row (%NULL where there is none): whole for an insert or a
 * delete, for an update the columns that changed and those that route it
 * (key, item_id, plan_id, parent_id, position, deleted_with). */
typedef struct {
  gint64        id;
  WpRecordKind  record;
  WpChangeOp    op;
  char         *key;
  char         *before;
  char         *after;
  /* read from the JSON for those who route changes: the item (or plan,
   * agency) the record belongs to, and for items where it sat before and
   * after, 0 for none; -1 for a position that is not known */
  gint64        record_id;
  gint64        item_id;
  gint64        plan_before;
  gint64        plan_after;
  gint64        parent_before;
  gint64        parent_after;
  int           position_before;
  int           position_after;
  gboolean      shown_before;  /* an item not deleted (deleted_with = 0) */
  gboolean      shown_after;
  /* for WP_CHANGE_SHIFT (plan and parent are in the _before and _after
   * fields alike) */
  int           shift_from;
  int           shift_delta;
  gint64        shift_except;
} WpChange;

typedef struct _WpChangeLog WpChangeLog;

void         wp_change_free          (WpChange     *change);
const char  *wp_record_kind_to_string (WpRecordKind kind);

WpChangeLog *wp_change_log_new       (WpStore      *store,
                                      GError      **error);
void         wp_change_log_free      (WpChangeLog  *log);
gboolean     wp_change_log_install   (WpChangeLog  *log,
                                      GError      **error);
void         wp_change_log_pause     (WpChangeLog  *log);
void         wp_change_log_resume    (WpChangeLog  *log);
gboolean     wp_change_log_is_paused (WpChangeLog  *log);
gboolean     wp_change_log_remove    (WpChangeLog  *log,
                                      GError      **error);
gboolean     wp_change_log_last      (WpStore      *store,
                                      gint64       *last,
                                      GError      **error);
gboolean     wp_change_log_first     (WpStore      *store,
                                      gint64       *first,
                                      GError      **error);
GPtrArray   *wp_change_log_read      (WpStore      *store,
                                      gint64        after,
                                      GError      **error);
gboolean     wp_change_log_add_bulk  (WpStore      *store,
                                      gint64        plan_id,
                                      GError      **error);
gboolean     wp_change_log_add_shift (WpStore      *store,
                                      gint64        plan_id,
                                      gint64        parent_id,
                                      int           from,
                                      int           delta,
                                      gint64        except_id,
                                      GError      **error);
gboolean     wp_change_log_reverse   (WpChangeLog  *log,
                                      GPtrArray    *changes,
                                      GError      **error);
gboolean     wp_change_log_trim      (WpStore      *store,
                                      gint64        keep,
                                      GError      **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (WpChange, wp_change_free)

G_END_DECLS
