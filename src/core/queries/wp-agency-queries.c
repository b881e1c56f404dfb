/* wp-agency-queries.c: the SQL of agencies and their links to items, and nothing else
 *
 * SQLite's side of WpAgencyQueries (db/wp-backend.h). No caches, no
 * signals, no transactions: wp-store-agencies.c checks the names, runs
 * these in its transaction and tells the views.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "wp-backend.h"
#include "wp-db-stmt.h"
#include "wp-query-util.h"
#include "wp-store-private.h"

#define AGENCY_GONE N_("The agency no longer exists; it may have been merged into another.")

static WpAgencyKind
kind_of (WpStmt *stmt,
         int     column)
{
  WpAgencyKind kind;

  if (!wp_agency_kind_from_string (wp_stmt_column_text (stmt, column), &kind))
    kind = WP_AGENCY_KIND_OTHER;
  return kind;
}

static gboolean
list_all (WpStore    *conn,
          GPtrArray  *agencies,
          GError    **error)
{
  g_autoptr(WpStmt) stmt =
    wp_stmt_prepare (conn, "SELECT id, name, short_name, kind FROM agency ORDER BY name", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  while ((rc = wp_stmt_step (stmt, error)) == SQLITE_ROW)
    g_ptr_array_add (agencies, wp_agency_new (sqlite3_column_int64 (stmt->stmt, 0),
                                              wp_stmt_column_text (stmt, 1),
                                              wp_stmt_column_text (stmt, 2), kind_of (stmt, 3)));
  return rc == SQLITE_DONE;
}

static gint64
find (WpStore     *conn,
      const char  *name,
      GError     **error)
{
  g_autoptr(WpStmt) stmt = wp_stmt_prepare (conn, "SELECT id FROM agency WHERE name = ?1", error);
  int rc;

  if (stmt == NULL)
    return -1;
  wp_stmt_bind_text (stmt, 1, name);
  rc = wp_stmt_step (stmt, error);
  if (rc == SQLITE_ROW)
    return sqlite3_column_int64 (stmt->stmt, 0);
  return rc == SQLITE_DONE ? 0 : -1;
}

static gint64
insert (WpStore       *conn,
        const char    *name,
        WpAgencyKind   kind,
        GError       **error)
{
  g_autoptr(WpStmt) stmt =
    wp_stmt_prepare (conn, "INSERT INTO agency (name, kind) VALUES (?1, ?2)", error);

  if (stmt == NULL)
    return -1;
  wp_stmt_bind_text (stmt, 1, name);
  wp_stmt_bind_text (stmt, 2, wp_agency_kind_to_string (kind));
  if (!wp_stmt_run (stmt, error))
    return -1;
  return sqlite3_last_insert_rowid (conn->db);
}

static WpAgency *
get (WpStore  *conn,
     gint64    agency_id,
     GError  **error)
{
  g_autoptr(WpStmt) stmt =
    wp_stmt_prepare (conn, "SELECT name, short_name, kind FROM agency WHERE id = ?1", error);

  if (stmt == NULL)
    return NULL;
  wp_stmt_bind_int64 (stmt, 1, agency_id);
  if (!wp_query_step_row (stmt, AGENCY_GONE, error))
    return NULL;
  return wp_agency_new (agency_id, wp_stmt_column_text (stmt, 0), wp_stmt_column_text (stmt, 1),
                        kind_of (stmt, 2));
}

static gboolean
update (WpStore       *conn,
        gint64         agency_id,
        const char    *name,
        const char    *short_name,
        WpAgencyKind   kind,
        GError       **error)
{
  g_autoptr(WpStmt) stmt =
    wp_stmt_prepare (conn, "UPDATE agency SET name = ?2, short_name = ?3, kind = ?4"
                           " WHERE id = ?1", error);

  if (stmt == NULL)
    return FALSE;
  wp_stmt_bind_int64 (stmt, 1, agency_id);
  wp_stmt_bind_text (stmt, 2, name);
  wp_stmt_bind_text (stmt, 3, short_name);
  wp_stmt_bind_text (stmt, 4, wp_agency_kind_to_string (kind));
  return wp_query_run_changing (stmt, AGENCY_GONE, error);
}

static gboolean
unlink_role (WpStore       *conn,
             gint64         item_id,
             WpAgencyRole   role,
             GError       **error)
{
  g_autoptr(WpStmt) stmt =
    wp_stmt_prepare (conn, "DELETE FROM item_agency WHERE item_id = ?1 AND role = ?2", error);

  if (stmt == NULL)
    return FALSE;
  wp_stmt_bind_int64 (stmt, 1, item_id);
  wp_stmt_bind_text (stmt, 2, wp_agency_role_to_string (role));
  return wp_stmt_run (stmt, error);
}

static gboolean
unlink_other_role (WpStore       *conn,
                   gint64         item_id,
                   gint64         agency_id,
                   WpAgencyRole   role,
                   GError       **error)
{
  g_autoptr(WpStmt) stmt =
    wp_stmt_prepare (conn, "DELETE FROM item_agency"
                           " WHERE item_id = ?1 AND agency_id = ?2 AND role <> ?3", error);

  if (stmt == NULL)
    return FALSE;
  wp_stmt_bind_int64 (stmt, 1, item_id);
  wp_stmt_bind_int64 (stmt, 2, agency_id);
  wp_stmt_bind_text (stmt, 3, wp_agency_role_to_string (role));
  return wp_stmt_run (stmt, error);
}

static gboolean
link_item (WpStore       *conn,
           gint64         item_id,
           gint64         agency_id,
           WpAgencyRole   role,
           int            position,
           GError       **error)
{
  /* (a name given twice in the list is there once) */
  g_autoptr(WpStmt) stmt =
    wp_stmt_prepare (conn, "INSERT INTO item_agency (item_id, agency_id, role, position)"
                           " VALUES (?1, ?2, ?3, ?4) ON CONFLICT DO NOTHING", error);

  if (stmt == NULL)
    return FALSE;
  wp_stmt_bind_int64 (stmt, 1, item_id);
  wp_stmt_bind_int64 (stmt, 2, agency_id);
  wp_stmt_bind_text (stmt, 3, wp_agency_role_to_string (role));
  wp_stmt_bind_int (stmt, 4, position);
  return wp_stmt_run (stmt, error);
}

static gboolean
item_ids (WpStore *conn,
          gint64   agency_id,
          GArray  *ids)
{
  g_autoptr(WpStmt) stmt =
    wp_stmt_prepare (conn, "SELECT item_id FROM item_agency WHERE agency_id = ?1", NULL);

  if (stmt == NULL)
    return FALSE;
  wp_stmt_bind_int64 (stmt, 1, agency_id);
  while (wp_stmt_step (stmt, NULL) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt->stmt, 0);

      g_array_append_val (ids, id);
    }
  return TRUE;
}

static gboolean
merge (WpStore  *conn,
       gint64    from_id,
       gint64    into_id,
       GError  **error)
{
  /* Lead wins where an item had both; then the rest moves over. */
  g_autoptr(WpStmt) promote =
    wp_stmt_prepare (conn, "UPDATE item_agency SET role = 'lead', position = (SELECT f.position"
                           "  FROM item_agency f WHERE f.item_id = item_agency.item_id"
                           "  AND f.agency_id = ?1)"
                           " WHERE agency_id = ?2 AND role = 'co' AND item_id IN (SELECT item_id"
                           "  FROM item_agency WHERE agency_id = ?1 AND role = 'lead')", error);
  g_autoptr(WpStmt) move =
    wp_stmt_prepare (conn, "UPDATE OR IGNORE item_agency SET agency_id = ?2"
                           " WHERE agency_id = ?1", error);
  g_autoptr(WpStmt) drop =
    wp_stmt_prepare (conn, "DELETE FROM agency WHERE id = ?1", error);

  if (promote == NULL || move == NULL || drop == NULL)
    return FALSE;
  wp_stmt_bind_int64 (promote, 1, from_id);
  wp_stmt_bind_int64 (promote, 2, into_id);
  wp_stmt_bind_int64 (move, 1, from_id);
  wp_stmt_bind_int64 (move, 2, into_id);
  wp_stmt_bind_int64 (drop, 1, from_id);
  /* Deleting the agency cascades to the links UPDATE OR IGNORE left. */
  return wp_stmt_run (promote, error) && wp_stmt_run (move, error) && wp_stmt_run (drop, error);
}

const WpAgencyQueries wp_sqlite_agency_queries = {
  .list = list_all,
  .find = find,
  .insert = insert,
  .get = get,
  .update = update,
  .unlink_role = unlink_role,
  .unlink_other_role = unlink_other_role,
  .link = link_item,
  .item_ids = item_ids,
  .merge = merge,
};
