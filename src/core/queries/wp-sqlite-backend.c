/* wp-sqlite-backend.c: the SQLite backend, the query files' tables together
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "wp-backend.h"
#include "wp-change-log.h"

/* The change log: TEMP triggers (db/wp-change-log.c) */
const WpChangeLogQueries wp_sqlite_change_log = {
  .open = wp_change_log_new,
  .close = wp_change_log_free,
  .install = wp_change_log_install,
  .remove = wp_change_log_remove,
  .pause = wp_change_log_pause,
  .resume = wp_change_log_resume,
  .is_paused = wp_change_log_is_paused,
  .last = wp_change_log_last,
  .first = wp_change_log_first,
  .read = wp_change_log_read,
  .add_bulk = wp_change_log_add_bulk,
  .add_shift = wp_change_log_add_shift,
  .reverse = wp_change_log_reverse,
  .trim = wp_change_log_trim,
};

const WpBackend wp_sqlite_backend = {
  .name = "sqlite",
  .plans = &wp_sqlite_plan_queries,
  .items = &wp_sqlite_item_queries,
  .agencies = &wp_sqlite_agency_queries,
  .aliases = &wp_sqlite_alias_queries,
  .targets = &wp_sqlite_target_queries,
  .notes = &wp_sqlite_note_queries,
  .snapshots = &wp_sqlite_snapshot_queries,
  .search = &wp_sqlite_search_queries,
  .walk = &wp_sqlite_walk_queries,
  .facts = &wp_sqlite_facts_queries,
  .bulk = &wp_sqlite_bulk_queries,
  .rollups = &wp_sqlite_rollup_queries,
  .milestones = &wp_sqlite_milestone_queries,
  .tracking = &wp_sqlite_tracking_queries,
  .reporting = &wp_sqlite_reporting_queries,
  .changes = &wp_sqlite_change_log,
};
