/* wp-walk-queries.c: the SQL of reading a whole plan in outline order
 *
 * SQLite's side of WpWalkQueries (db/wp-backend.h). No caches, no
 * signals, no transactions: wp-store-walk.c runs these.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "wp-backend.h"
#include "wp-db-stmt.h"
#include "wp-deadline.h"
#include "wp-store-private.h"

/* The walk is put in order here rather than by SQLite: a recursive query
 * whose queue is a priority queue (ORDER BY depth DESC, position, id)
 * gave the same order, but carried every row's text through that queue,
 * most of an export's time at 100,000 items. The plan's tree is read
 * first as ids alone and sorted by parent, position and id; each item's
 * row is then read by its id as the walk comes to it, so that no more of
 * the plan is held than the tree. */
typedef struct {
  gint64 id;
  gint64 parent_id;  /* 0: at the top */
  int    position;
} Node;

static int
compare_nodes (gconstpointer a,
               gconstpointer b)
{
  const Node *x = a, *y = b;

  if (x->parent_id != y->parent_id)
    return (x->parent_id > y->parent_id) - (x->parent_id < y->parent_id);
  if (x->position != y->position)
    return (x->position > y->position) - (x->position < y->position);
  return (x->id > y->id) - (x->id < y->id);
}

/* Where the children of @parent_id start in @nodes (sorted), and end */
static guint
children_of (const Node *nodes,
             guint       n_nodes,
             gint64      parent_id,
             guint      *end)
{
  guint low = 0, high = n_nodes;

  while (low < high)
    {
      guint mid = low + (high - low) / 2;

      if (nodes[mid].parent_id < parent_id)
        low = mid + 1;
      else
        high = mid;
    }
  for (*end = low; *end < n_nodes && nodes[*end].parent_id == parent_id; (*end)++)
    ;
  return low;
}

/* The live items of the plan, sorted; NULL with @error set */
static GArray *
read_tree (WpStore  *conn,
           gint64    plan_id,
           GError  **error)
{
  g_autoptr(WpStmt) stmt =
    wp_stmt_prepare (conn, "SELECT id, parent_id, position FROM item WHERE plan_id = ?1", error);
  g_autoptr(GArray) nodes = g_array_new (FALSE, FALSE, sizeof (Node));
  int rc;

  if (stmt == NULL)
    return NULL;
  wp_stmt_bind_int64 (stmt, 1, plan_id);
  while ((rc = wp_stmt_step (stmt, error)) == SQLITE_ROW)
    {
      Node node = {
        .id = sqlite3_column_int64 (stmt->stmt, 0),
        .parent_id = sqlite3_column_int64 (stmt->stmt, 1),  /* (NULL reads as 0) */
        .position = sqlite3_column_int (stmt->stmt, 2),
      };

      g_array_append_val (nodes, node);
    }
  if (rc != SQLITE_DONE)
    return NULL;
  g_array_sort (nodes, compare_nodes);
  return g_steal_pointer (&nodes);
}

#define ROW_SQL \
  "SELECT kind, title, description, status, progress, due, due_label, ongoing, carried_over," \
  " carried_forward FROM item_all WHERE id = ?1"

/* Reads item @id's row and hands it to @func */
static gboolean
give_item (WpStmt         *stmt,
           gint64          id,
           guint           depth,
           WpItemRowFunc   func,
           gpointer        user_data,
           GError        **error)
{
  sqlite3_stmt *s = stmt->stmt;
  gboolean ok;
  int rc;

  wp_stmt_bind_int64 (stmt, 1, id);
  rc = wp_stmt_step (stmt, error);
  if (rc != SQLITE_ROW)
    {
      sqlite3_reset (s);
      return rc == SQLITE_DONE;
    }
  {
    WpItemRow row = {
      .id = id,
      .depth = depth,
      .title = wp_stmt_column_text (stmt, 1),
      .description = wp_stmt_column_text (stmt, 2),
      .progress = sqlite3_column_type (s, 4) == SQLITE_NULL ? -1 : sqlite3_column_int (s, 4),
      .due_label = wp_stmt_column_text (stmt, 6),
      .ongoing = sqlite3_column_int (s, 7) != 0,
      .carried_over = sqlite3_column_int (s, 8) != 0,
      .carried_forward = sqlite3_column_int (s, 9) != 0,
    };

    /* (unknown values read as wp-item-queries.c reads them) */
    if (!wp_item_kind_from_string (wp_stmt_column_text (stmt, 0), &row.kind))
      row.kind = WP_ITEM_KIND_ACTION;
    if (!wp_item_status_from_string (wp_stmt_column_text (stmt, 3), &row.status))
      row.status = WP_ITEM_STATUS_NOT_STARTED;
    wp_date_from_iso ((const char *) sqlite3_column_text (s, 5), &row.due);
    ok = func (&row, user_data, error);
  }
  sqlite3_reset (s);
  return ok;
}

static gboolean
links (WpStore      *conn,
       gint64        plan_id,
       WpLinkFunc    link,
       gpointer      user_data,
       GError      **error)
{
  g_autoptr(WpStmt) stmt =
    wp_stmt_prepare (conn, "SELECT ia.item_id, ia.role = 'co', ia.position, a.name"
                           " FROM item_agency ia JOIN item i ON i.id = ia.item_id"
                           " JOIN agency a ON a.id = ia.agency_id WHERE i.plan_id = ?1", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  wp_stmt_bind_int64 (stmt, 1, plan_id);
  while ((rc = wp_stmt_step (stmt, error)) == SQLITE_ROW)
    link (sqlite3_column_int64 (stmt->stmt, 0), sqlite3_column_int (stmt->stmt, 1) != 0,
          sqlite3_column_int (stmt->stmt, 2), wp_stmt_column_text (stmt, 3), user_data);
  return rc == SQLITE_DONE;
}

/* Parent before children, siblings by position (then id), from the top */
typedef struct {
  guint next;
  guint end;
} Siblings;

static gboolean
walk (WpStore        *conn,
      gint64          plan_id,
      WpItemRowFunc   func,
      gpointer        user_data,
      GError        **error)
{
  g_autoptr(WpStmt) snapshot = wp_stmt_prepare (conn, "SELECT id FROM plan WHERE id = ?1", error);
  g_autoptr(GArray) tree = NULL;
  g_autoptr(WpStmt) stmt = NULL;
  g_autoptr(GArray) stack = g_array_new (FALSE, FALSE, sizeof (Siblings));
  const Node *nodes;
  Siblings top;
  int rc;

  /* The tree and the rows read in one read transaction, as one statement
   * would: that of this statement, left open (not reset) till the end */
  if (snapshot == NULL)
    return FALSE;
  wp_stmt_bind_int64 (snapshot, 1, plan_id);
  rc = wp_stmt_step (snapshot, error);
  if (rc == SQLITE_DONE)
    return TRUE;  /* (no such plan: no items) */
  if (rc != SQLITE_ROW)
    return FALSE;
  if ((tree = read_tree (conn, plan_id, error)) == NULL
      || (stmt = wp_stmt_prepare (conn, ROW_SQL, error)) == NULL)
    return FALSE;
  nodes = (const Node *) tree->data;
  top.next = children_of (nodes, tree->len, 0, &top.end);
  g_array_append_val (stack, top);
  while (stack->len > 0)
    {
      Siblings *level = &g_array_index (stack, Siblings, stack->len - 1);
      const Node *node;
      Siblings below;

      if (level->next == level->end)
        {
          g_array_set_size (stack, stack->len - 1);
          continue;
        }
      node = &nodes[level->next++];
      if (!give_item (stmt, node->id, stack->len - 1, func, user_data, error))
        return FALSE;
      below.next = children_of (nodes, tree->len, node->id, &below.end);
      if (below.next < below.end)
        g_array_append_val (stack, below);
    }
  return TRUE;
}

const WpWalkQueries wp_sqlite_walk_queries = {
  .links = links,
  .walk = walk,
};
