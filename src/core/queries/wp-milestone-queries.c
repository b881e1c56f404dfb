/* wp-milestone-queries.c: the SQL of milestones (形象进度), and nothing else
 *
 * A query file holds statements and returns SQLite result codes: no
 * caches, no signals, no transactions (the store's facade runs these in
 * its transaction and tells the views). What a second backend implements
 * its own way is exactly this file's functions.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "wp-milestone-queries.h"

static int
finish (sqlite3_stmt *stmt,
        int           rc)
{
  sqlite3_finalize (stmt);
  return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

/* Sets the milestone of @item_id for @quarter (1-4); @progress -1 for none */
int
wp_milestone_queries_put (sqlite3    *db,
                          gint64      item_id,
                          int         quarter,
                          const char *text,
                          int         progress)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (db,
                               "INSERT INTO milestone (item_id, quarter, text, progress)"
                               " VALUES (?1, ?2, ?3, ?4) ON CONFLICT (item_id, quarter)"
                               " DO UPDATE SET text = excluded.text, progress = excluded.progress",
                               -1, &stmt, NULL);

  if (rc != SQLITE_OK)
    return rc;
  sqlite3_bind_int64 (stmt, 1, item_id);
  sqlite3_bind_int (stmt, 2, quarter);
  sqlite3_bind_text (stmt, 3, text != NULL ? text : "", -1, SQLITE_TRANSIENT);
  if (progress >= 0)
    sqlite3_bind_int (stmt, 4, progress);
  return finish (stmt, sqlite3_step (stmt));
}

int
wp_milestone_queries_delete (sqlite3 *db,
                             gint64   item_id,
                             int      quarter)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (db, "DELETE FROM milestone WHERE item_id = ?1 AND quarter = ?2",
                               -1, &stmt, NULL);

  if (rc != SQLITE_OK)
    return rc;
  sqlite3_bind_int64 (stmt, 1, item_id);
  sqlite3_bind_int (stmt, 2, quarter);
  return finish (stmt, sqlite3_step (stmt));
}

/* Calls @row for each milestone of @item_id, by quarter */
int
wp_milestone_queries_list (sqlite3  *db,
                           gint64    item_id,
                           void    (*row) (gpointer    data,
                                           int         quarter,
                                           const char *text,
                                           int         progress),
                           gpointer  data)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (db, "SELECT quarter, text, coalesce (progress, -1) FROM milestone"
                                   " WHERE item_id = ?1 ORDER BY quarter", -1, &stmt, NULL);

  if (rc != SQLITE_OK)
    return rc;
  sqlite3_bind_int64 (stmt, 1, item_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    row (data, sqlite3_column_int (stmt, 0), (const char *) sqlite3_column_text (stmt, 1),
         sqlite3_column_int (stmt, 2));
  return finish (stmt, rc);
}

/* Calls @row for each milestone of the plan's items, by item and quarter */
int
wp_milestone_queries_list_plan (sqlite3  *db,
                                gint64    plan_id,
                                void    (*row) (gpointer    data,
                                                gint64      item_id,
                                                int         quarter,
                                                const char *text,
                                                int         progress),
                                gpointer  data)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (db, "SELECT m.item_id, m.quarter, m.text,"
                                   " coalesce (m.progress, -1) FROM milestone m"
                                   " JOIN item i ON i.id = m.item_id WHERE i.plan_id = ?1"
                                   " ORDER BY m.item_id, m.quarter", -1, &stmt, NULL);

  if (rc != SQLITE_OK)
    return rc;
  sqlite3_bind_int64 (stmt, 1, plan_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    row (data, sqlite3_column_int64 (stmt, 0), sqlite3_column_int (stmt, 1),
         (const char *) sqlite3_column_text (stmt, 2), sqlite3_column_int (stmt, 3));
  return finish (stmt, rc);
}
