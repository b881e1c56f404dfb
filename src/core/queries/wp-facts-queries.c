/* wp-facts-queries.c: the SQL of reading a plan's facts (what views group
 * and count by)
 *
 * SQLite's side of WpFactsQueries (db/wp-backend.h). No caches, no
 * signals, no transactions: wp-store-facts.c keeps the facts read.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "wp-backend.h"
#include "wp-db-stmt.h"
#include "wp-deadline.h"
#include "wp-store-private.h"

/* The columns both reads of items take, from read_item()'s @first on */
#define ITEM_COLUMNS "coalesce (parent_id, 0), kind, status, progress, due, ongoing, position," \
                     " done_date, carried_forward"

static void
read_item (WpStmt       *stmt,
           int           first,
           WpFactsItem  *item)
{
  sqlite3_stmt *s = stmt->stmt;

  item->parent_id = sqlite3_column_int64 (s, first);
  if (!wp_item_kind_from_string (wp_stmt_column_text (stmt, first + 1), &item->kind))
    item->kind = WP_ITEM_KIND_ACTION;
  if (!wp_item_status_from_string (wp_stmt_column_text (stmt, first + 2), &item->status))
    item->status = WP_ITEM_STATUS_NOT_STARTED;
  item->progress = sqlite3_column_type (s, first + 3) == SQLITE_NULL
                   ? -1 : sqlite3_column_int (s, first + 3);
  g_date_clear (&item->due, 1);
  wp_date_from_iso ((const char *) sqlite3_column_text (s, first + 4), &item->due);
  item->ongoing = sqlite3_column_int (s, first + 5) != 0;
  item->position = sqlite3_column_int (s, first + 6);
  g_date_clear (&item->done_date, 1);
  wp_date_from_iso ((const char *) sqlite3_column_text (s, first + 7), &item->done_date);
  item->carried_forward = sqlite3_column_int (s, first + 8) != 0;
}

static gboolean
plan_items (WpStore           *conn,
            gint64             plan_id,
            WpFactsItemFunc    row,
            gpointer           user_data,
            GError           **error)
{
  g_autoptr(WpStmt) stmt = NULL;
  int rc;

  /* No ORDER BY: sorting in SQLite costs more than sorting siblings in
   * the store. The plan's own index gives its rows in the order they are
   * stored in. */
  stmt = wp_stmt_prepare (conn, "SELECT id, " ITEM_COLUMNS
                                " FROM item_all INDEXED BY item_by_plan"
                                " WHERE plan_id = ?1 AND deleted_with = 0", error);
  if (stmt == NULL)
    return FALSE;
  wp_stmt_bind_int64 (stmt, 1, plan_id);
  while ((rc = wp_stmt_step (stmt, error)) == SQLITE_ROW)
    {
      WpFactsItem item = { .plan_id = plan_id };

      item.id = sqlite3_column_int64 (stmt->stmt, 0);
      read_item (stmt, 1, &item);
      row (&item, user_data);
    }
  return rc == SQLITE_DONE;
}

/* Calls @link for each row of @stmt: (item id, agency id, role, position) */
static gboolean
read_links (WpStmt          *stmt,
            WpFactsLinkFunc  link,
            gpointer         user_data,
            GError         **error)
{
  int rc;

  while ((rc = wp_stmt_step (stmt, error)) == SQLITE_ROW)
    link (sqlite3_column_int64 (stmt->stmt, 0), sqlite3_column_int64 (stmt->stmt, 1),
          g_strcmp0 (wp_stmt_column_text (stmt, 2), "lead") == 0,
          sqlite3_column_int (stmt->stmt, 3), user_data);
  return rc == SQLITE_DONE;
}

static gboolean
plan_links (WpStore          *conn,
            gint64            plan_id,
            WpFactsLinkFunc   link,
            gpointer          user_data,
            GError          **error)
{
  g_autoptr(WpStmt) stmt =
    wp_stmt_prepare (conn, "SELECT ia.item_id, ia.agency_id, ia.role, ia.position"
                           " FROM item_all i INDEXED BY item_by_plan"
                           " JOIN item_agency ia ON ia.item_id = i.id WHERE i.plan_id = ?1",
                     error);

  if (stmt == NULL)
    return FALSE;
  wp_stmt_bind_int64 (stmt, 1, plan_id);
  return read_links (stmt, link, user_data, error);
}

static gboolean
item (WpStore      *conn,
      gint64        item_id,
      WpFactsItem  *item,
      gboolean     *found,
      GError      **error)
{
  g_autoptr(WpStmt) stmt =
    wp_stmt_prepare (conn, "SELECT plan_id, deleted_with, " ITEM_COLUMNS
                           " FROM item_all WHERE id = ?1", error);
  int rc;

  *found = FALSE;
  if (stmt == NULL)
    return FALSE;
  wp_stmt_bind_int64 (stmt, 1, item_id);
  rc = wp_stmt_step (stmt, error);
  if (rc == SQLITE_DONE)
    return TRUE;
  if (rc != SQLITE_ROW)
    return FALSE;
  item->id = item_id;
  item->plan_id = sqlite3_column_int64 (stmt->stmt, 0);
  item->deleted = sqlite3_column_int64 (stmt->stmt, 1) != 0;
  read_item (stmt, 2, item);
  *found = TRUE;
  return TRUE;
}

static gboolean
item_links (WpStore          *conn,
            gint64            item_id,
            WpFactsLinkFunc   link,
            gpointer          user_data,
            GError          **error)
{
  g_autoptr(WpStmt) stmt =
    wp_stmt_prepare (conn, "SELECT item_id, agency_id, role, position FROM item_agency"
                           " WHERE item_id = ?1", error);

  if (stmt == NULL)
    return FALSE;
  wp_stmt_bind_int64 (stmt, 1, item_id);
  return read_links (stmt, link, user_data, error);
}

const WpFactsQueries wp_sqlite_facts_queries = {
  .plan_items = plan_items,
  .plan_links = plan_links,
  .item = item,
  .item_links = item_links,
};
