/* wp-change.h: one row of the change log, as every backend gives it
 *
 * What the store reads back after a write (its own, or another process's)
 * and what undo reverses. The SQLite backend's log is db/wp-change-log.c;
 * the store reaches it only through WpChangeLogQueries
 * (db/wp-backend-changes.h).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

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

/* A backend's log of one connection (its triggers' state) */
typedef struct _WpChangeLog WpChangeLog;

void         wp_change_free           (WpChange     *change);
const char  *wp_record_kind_to_string (WpRecordKind  kind);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (WpChange, wp_change_free)

G_END_DECLS
