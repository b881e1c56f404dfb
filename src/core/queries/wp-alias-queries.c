/* wp-alias-queries.c: the SQL of agency aliases (别名), and nothing else
 *
 * A query file holds statements and returns SQLite result codes: no
 * caches, no signals, no transactions (see wp-milestone-queries.c).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "wp-alias-queries.h"

static int
finish (sqlite3_stmt *stmt,
        int           rc)
{
  sqlite3_finalize (stmt);
  return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

int
wp_alias_queries_add (sqlite3    *db,
                      gint64      agency_id,
                      const char *name)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (db, "INSERT INTO agency_alias (agency_id, name) VALUES (?1, ?2)",
                               -1, &stmt, NULL);

  if (rc != SQLITE_OK)
    return rc;
  sqlite3_bind_int64 (stmt, 1, agency_id);
  sqlite3_bind_text (stmt, 2, name, -1, SQLITE_TRANSIENT);
  return finish (stmt, sqlite3_step (stmt));
}

int
wp_alias_queries_remove (sqlite3    *db,
                         gint64      agency_id,
                         const char *name)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (db, "DELETE FROM agency_alias WHERE agency_id = ?1 AND name = ?2",
                               -1, &stmt, NULL);

  if (rc != SQLITE_OK)
    return rc;
  sqlite3_bind_int64 (stmt, 1, agency_id);
  sqlite3_bind_text (stmt, 2, name, -1, SQLITE_TRANSIENT);
  return finish (stmt, sqlite3_step (stmt));
}

/* The agency @name is the name or an alias of; *@agency_id 0 for none */
int
wp_alias_queries_owner (sqlite3    *db,
                        const char *name,
                        gint64     *agency_id,
                        gboolean   *is_alias)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (db, "SELECT id, 0 FROM agency WHERE name = ?1"
                                   " UNION ALL SELECT agency_id, 1 FROM agency_alias"
                                   " WHERE name = ?1 LIMIT 1", -1, &stmt, NULL);

  *agency_id = 0;
  *is_alias = FALSE;
  if (rc != SQLITE_OK)
    return rc;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      *agency_id = sqlite3_column_int64 (stmt, 0);
      *is_alias = sqlite3_column_int (stmt, 1) != 0;
      rc = SQLITE_DONE;
    }
  return finish (stmt, rc);
}

/* Calls @row for each alias of @agency_id, in the order they were added */
int
wp_alias_queries_list (sqlite3  *db,
                       gint64    agency_id,
                       void    (*row) (gpointer    data,
                                       const char *name),
                       gpointer  data)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (db, "SELECT name FROM agency_alias WHERE agency_id = ?1"
                                   " ORDER BY id", -1, &stmt, NULL);

  if (rc != SQLITE_OK)
    return rc;
  sqlite3_bind_int64 (stmt, 1, agency_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    row (data, (const char *) sqlite3_column_text (stmt, 0));
  return finish (stmt, rc);
}

/* Calls @row for every alias with the name of its agency */
int
wp_alias_queries_list_all (sqlite3  *db,
                           void    (*row) (gpointer    data,
                                           const char *alias,
                                           const char *agency),
                           gpointer  data)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (db, "SELECT a.name, g.name FROM agency_alias a"
                                   " JOIN agency g ON g.id = a.agency_id ORDER BY a.id",
                                   -1, &stmt, NULL);

  if (rc != SQLITE_OK)
    return rc;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    row (data, (const char *) sqlite3_column_text (stmt, 0),
         (const char *) sqlite3_column_text (stmt, 1));
  return finish (stmt, rc);
}

/* @from_id's aliases become @into_id's (a merge) */
int
wp_alias_queries_move (sqlite3 *db,
                       gint64   from_id,
                       gint64   into_id)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (db, "UPDATE agency_alias SET agency_id = ?2 WHERE agency_id = ?1",
                               -1, &stmt, NULL);

  if (rc != SQLITE_OK)
    return rc;
  sqlite3_bind_int64 (stmt, 1, from_id);
  sqlite3_bind_int64 (stmt, 2, into_id);
  return finish (stmt, sqlite3_step (stmt));
}

/* ?1 the words searched for, ?2 the plan: (item id, parent id) rows */
const char wp_alias_queries_items_of_named_agency[] =
  "SELECT DISTINCT i.id, i.parent_id FROM item_agency ia"
  " JOIN item_all i ON i.id = ia.item_id"
  " WHERE ia.agency_id IN (SELECT id FROM agency WHERE name = ?1"
  "                         OR (short_name = ?1 AND short_name <> '')"
  "                        UNION SELECT agency_id FROM agency_alias WHERE name = ?1)"
  " AND i.plan_id = ?2 AND i.deleted_with = 0";
