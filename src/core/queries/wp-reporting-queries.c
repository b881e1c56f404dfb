/* wp-reporting-queries.c: the SQL of reporting periods (报送), and nothing else
 *
 * A query file holds statements and returns SQLite result codes: no
 * caches, no signals, no transactions (see wp-milestone-queries.c). These
 * only read: who has reported comes from the progress notes, what is
 * expected from the milestones.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "wp-reporting-queries.h"

static int
finish (sqlite3_stmt *stmt,
        int           rc)
{
  sqlite3_finalize (stmt);
  return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

/* Calls @row once for each live item of @plan_id with a progress note
 * dated from @from to @to (ISO dates, both included). Notes are kept on
 * the day they report on, so a late report entered back-dated counts in
 * its own period. */
int
wp_reporting_queries_noted_items (sqlite3    *db,
                                  gint64      plan_id,
                                  const char *from,
                                  const char *to,
                                  void      (*row) (gpointer data,
                                                    gint64   item_id),
                                  gpointer    data)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (db, "SELECT DISTINCT n.item_id FROM note n"
                                   " JOIN item i ON i.id = n.item_id"
                                   " WHERE i.plan_id = ?1 AND n.date BETWEEN ?2 AND ?3",
                               -1, &stmt, NULL);

  if (rc != SQLITE_OK)
    return rc;
  sqlite3_bind_int64 (stmt, 1, plan_id);
  sqlite3_bind_text (stmt, 2, from, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, to, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    row (data, sqlite3_column_int64 (stmt, 0));
  return finish (stmt, rc);
}

/* Calls @row with each milestone progress of @plan_id's items up to
 * @quarter, by item and then quarter: the last call for an item is the
 * progress expected once @quarter has ended (the rule the store judges
 * lights by, on another day). */
int
wp_reporting_queries_expected (sqlite3  *db,
                               gint64    plan_id,
                               int       quarter,
                               void    (*row) (gpointer data,
                                               gint64   item_id,
                                               int      progress),
                               gpointer  data)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (db, "SELECT m.item_id, m.progress FROM milestone m"
                                   " JOIN item i ON i.id = m.item_id WHERE i.plan_id = ?1"
                                   " AND m.quarter <= ?2 AND m.progress IS NOT NULL"
                                   " ORDER BY m.item_id, m.quarter", -1, &stmt, NULL);

  if (rc != SQLITE_OK)
    return rc;
  sqlite3_bind_int64 (stmt, 1, plan_id);
  sqlite3_bind_int (stmt, 2, quarter);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    row (data, sqlite3_column_int64 (stmt, 0), sqlite3_column_int (stmt, 1));
  return finish (stmt, rc);
}

/* Calls @row with the id and title of every live item of @plan_id */
int
wp_reporting_queries_titles (sqlite3  *db,
                             gint64    plan_id,
                             void    (*row) (gpointer    data,
                                             gint64      item_id,
                                             const char *title),
                             gpointer  data)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (db, "SELECT id, title FROM item WHERE plan_id = ?1",
                               -1, &stmt, NULL);

  if (rc != SQLITE_OK)
    return rc;
  sqlite3_bind_int64 (stmt, 1, plan_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    row (data, sqlite3_column_int64 (stmt, 0), (const char *) sqlite3_column_text (stmt, 1));
  return finish (stmt, rc);
}
