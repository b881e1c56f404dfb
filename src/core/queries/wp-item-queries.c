/* wp-item-queries.c: the SQL of the item hierarchy, and nothing else
 *
 * SQLite's side of WpItemQueries (db/wp-backend.h): statements from the
 * store's cache, rows into WpItemData. No caches, no signals, no
 * transactions: wp-store-items.c runs these in its transaction, rolls the
 * figures up and tells the views.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "wp-backend.h"
#include "wp-db-stmt.h"
#include "wp-deadline.h"
#include "wp-id-list.h"
#include "wp-query-util.h"
#include "wp-store-private.h"

#define ITEM_SELECT \
  "SELECT i.id, i.plan_id, coalesce (i.parent_id, 0), p.year, i.position, i.uuid, i.kind," \
  " i.title, i.description, i.status, i.progress, i.due, i.due_label, i.ongoing," \
  " i.carried_over, (SELECT count(*) FROM item c WHERE c.plan_id = i.plan_id" \
  "   AND c.parent_id = i.id)," \
  " (SELECT group_concat (name, char(31)) FROM (SELECT a.name AS name FROM item_agency ia" \
  "   JOIN agency a ON a.id = ia.agency_id WHERE ia.item_id = i.id AND ia.role = 'lead'" \
  "   ORDER BY ia.position))," \
  " (SELECT group_concat (name, char(31)) FROM (SELECT a.name AS name FROM item_agency ia" \
  "   JOIN agency a ON a.id = ia.agency_id WHERE ia.item_id = i.id AND ia.role = 'co'" \
  "   ORDER BY ia.position)), i.done_date, i.carried_forward" \
  " FROM item i JOIN plan p ON p.id = i.plan_id "

#define SUBTREE_CTE \
  "WITH RECURSIVE sub (id, depth) AS (SELECT id, 0 FROM item WHERE id = ?1" \
  " UNION ALL SELECT i.id, sub.depth + 1 FROM item i JOIN sub ON i.parent_id = sub.id) "

#define ITEM_GONE N_("The item no longer exists; it may have been deleted.")

static char **
split_names (WpStmt *stmt,
             int     column)
{
  const char *joined = (const char *) sqlite3_column_text (stmt->stmt, column);

  if (joined == NULL || joined[0] == '\0')
    return g_new0 (char *, 1);
  return g_strsplit (joined, "\x1f", -1);
}

static void
read_item_row (WpStmt     *stmt,
               WpItemData *data)
{
  sqlite3_stmt *s = stmt->stmt;

  memset (data, 0, sizeof *data);
  data->id = sqlite3_column_int64 (s, 0);
  data->plan_id = sqlite3_column_int64 (s, 1);
  data->parent_id = sqlite3_column_int64 (s, 2);
  data->plan_year = sqlite3_column_int (s, 3);
  data->position = sqlite3_column_int (s, 4);
  data->uuid = g_strdup (wp_stmt_column_text (stmt, 5));
  if (!wp_item_kind_from_string (wp_stmt_column_text (stmt, 6), &data->kind))
    data->kind = WP_ITEM_KIND_ACTION;
  data->title = g_strdup (wp_stmt_column_text (stmt, 7));
  data->description = g_strdup (wp_stmt_column_text (stmt, 8));
  if (!wp_item_status_from_string (wp_stmt_column_text (stmt, 9), &data->status))
    data->status = WP_ITEM_STATUS_NOT_STARTED;
  data->progress = sqlite3_column_type (s, 10) == SQLITE_NULL ? -1 : sqlite3_column_int (s, 10);
  wp_date_from_iso ((const char *) sqlite3_column_text (s, 11), &data->due);
  data->due_label = g_strdup (wp_stmt_column_text (stmt, 12));
  data->ongoing = sqlite3_column_int (s, 13) != 0;
  data->carried_over = sqlite3_column_int (s, 14) != 0;
  data->n_children = (guint) sqlite3_column_int64 (s, 15);
  data->lead = split_names (stmt, 16);
  data->co = split_names (stmt, 17);
  wp_date_from_iso ((const char *) sqlite3_column_text (s, 18), &data->done_date);
  data->carried_forward = sqlite3_column_int (s, 19) != 0;
}

static gboolean
get (WpStore     *conn,
     gint64       item_id,
     WpItemData  *data,
     GError     **error)
{
  g_autoptr(WpStmt) stmt = wp_stmt_prepare (conn, ITEM_SELECT "WHERE i.id = ?1", error);

  if (stmt == NULL)
    return FALSE;
  wp_stmt_bind_int64 (stmt, 1, item_id);
  if (!wp_query_step_row (stmt, ITEM_GONE, error))
    return FALSE;

  read_item_row (stmt, data);
  return TRUE;
}

static gboolean
list_children (WpStore        *conn,
               gint64          plan_id,
               gint64          parent_id,
               WpItemDataFunc   row,
               gpointer        user_data,
               GError        **error)
{
  g_autoptr(WpStmt) stmt =
    wp_stmt_prepare (conn, ITEM_SELECT "WHERE i.plan_id = ?1 AND i.parent_id IS ?2"
                           " ORDER BY i.position", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  wp_stmt_bind_int64 (stmt, 1, plan_id);
  wp_stmt_bind_id (stmt, 2, parent_id);

  while ((rc = wp_stmt_step (stmt, error)) == SQLITE_ROW)
    {
      WpItemData data;

      read_item_row (stmt, &data);
      row (&data, user_data);
    }
  return rc == SQLITE_DONE;
}

static gboolean
get_parent (WpStore *conn,
            gint64   item_id,
            gint64  *parent_id)
{
  g_autoptr(WpStmt) stmt =
    wp_stmt_prepare (conn, "SELECT coalesce (parent_id, 0) FROM item WHERE id = ?1", NULL);

  if (stmt == NULL)
    return FALSE;
  wp_stmt_bind_int64 (stmt, 1, item_id);
  if (sqlite3_step (stmt->stmt) != SQLITE_ROW)
    return FALSE;
  *parent_id = sqlite3_column_int64 (stmt->stmt, 0);
  return TRUE;
}

/* Steps through @stmt and appends the ids in its first column */
static gboolean
collect_ids (WpStmt   *stmt,
             GArray   *ids,
             GError  **error)
{
  int rc;

  while ((rc = wp_stmt_step (stmt, error)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt->stmt, 0);

      g_array_append_val (ids, id);
    }
  return rc == SQLITE_DONE;
}

static gboolean
child_ids (WpStore   *conn,
           gint64     plan_id,
           gint64     parent_id,
           gboolean   ordered,
           GArray    *ids,
           GError   **error)
{
  /* (unordered: from the index alone, without reading the rows) */
  g_autoptr(WpStmt) stmt =
    wp_stmt_prepare (conn, ordered ? "SELECT i.id FROM item i"
                                     " WHERE i.plan_id = ?1 AND i.parent_id IS ?2"
                                     " ORDER BY i.position"
                                   : "SELECT i.id FROM item i"
                                     " WHERE i.plan_id = ?1 AND i.parent_id IS ?2", error);

  if (stmt == NULL)
    return FALSE;
  wp_stmt_bind_int64 (stmt, 1, plan_id);
  wp_stmt_bind_id (stmt, 2, parent_id);
  return collect_ids (stmt, ids, error);
}

static gboolean
order_by_position (WpStore  *conn,
                   GArray   *ids,
                   GError  **error)
{
  g_autoptr(WpStmt) stmt = NULL;
  g_autoptr(GString) json = NULL;

  if (ids->len < 2)
    return TRUE;
  json = g_string_new ("[");
  for (guint i = 0; i < ids->len; i++)
    wp_ids_append_json (json, g_array_index (ids, gint64, i));
  g_string_append_c (json, ']');
  stmt = wp_stmt_prepare (conn, "SELECT i.id FROM json_each (?1) j JOIN item i ON i.id = j.value"
                                " ORDER BY i.position", error);
  if (stmt == NULL)
    return FALSE;
  wp_stmt_bind_static_text (stmt, 1, json->str, (int) json->len);
  g_array_set_size (ids, 0);
  return collect_ids (stmt, ids, error);
}

static guint
count_children (WpStore *conn,
                gint64   plan_id,
                gint64   parent_id)
{
  g_autoptr(WpStmt) stmt =
    wp_stmt_prepare (conn, "SELECT count(*) FROM item WHERE plan_id = ?1 AND parent_id IS ?2",
                     NULL);

  if (stmt == NULL)
    return 0;
  wp_stmt_bind_int64 (stmt, 1, plan_id);
  wp_stmt_bind_id (stmt, 2, parent_id);
  if (sqlite3_step (stmt->stmt) != SQLITE_ROW)
    return 0;
  return (guint) sqlite3_column_int64 (stmt->stmt, 0);
}

static guint
count_descendants (WpStore *conn,
                   gint64   item_id)
{
  g_autoptr(WpStmt) stmt =
    wp_stmt_prepare (conn, SUBTREE_CTE "SELECT count(*) - 1 FROM sub", NULL);

  if (stmt == NULL)
    return 0;
  wp_stmt_bind_int64 (stmt, 1, item_id);
  if (sqlite3_step (stmt->stmt) != SQLITE_ROW)
    return 0;
  return (guint) MAX (0, sqlite3_column_int64 (stmt->stmt, 0));
}

static gint64
child_at (WpStore  *conn,
          gint64    plan_id,
          gint64    parent_id,
          int       position,
          GError  **error)
{
  g_autoptr(WpStmt) stmt =
    wp_stmt_prepare (conn, "SELECT id FROM item WHERE plan_id = ?1 AND parent_id IS ?2"
                           " AND position = ?3", error);

  if (stmt == NULL)
    return 0;
  wp_stmt_bind_int64 (stmt, 1, plan_id);
  wp_stmt_bind_id (stmt, 2, parent_id);
  wp_stmt_bind_int (stmt, 3, position);
  return wp_query_step_row (stmt, ITEM_GONE, error) ? sqlite3_column_int64 (stmt->stmt, 0) : 0;
}

static gboolean
locate (WpStore  *conn,
        gint64    item_id,
        gint64   *plan_id,
        gint64   *parent_id,
        int      *position,
        GError  **error)
{
  g_autoptr(WpStmt) stmt =
    wp_stmt_prepare (conn, "SELECT plan_id, coalesce (parent_id, 0), position FROM item"
                           " WHERE id = ?1", error);

  if (stmt == NULL)
    return FALSE;
  wp_stmt_bind_int64 (stmt, 1, item_id);
  if (!wp_query_step_row (stmt, ITEM_GONE, error))
    return FALSE;

  *plan_id = sqlite3_column_int64 (stmt->stmt, 0);
  *parent_id = sqlite3_column_int64 (stmt->stmt, 1);
  *position = sqlite3_column_int (stmt->stmt, 2);
  return TRUE;
}

static int
count_siblings (WpStore  *conn,
                gint64    plan_id,
                gint64    parent_id,
                gint64    except_id,
                GError  **error)
{
  g_autoptr(WpStmt) stmt =
    wp_stmt_prepare (conn, "SELECT count(*) FROM item WHERE plan_id = ?1 AND parent_id IS ?2"
                           " AND id IS NOT ?3", error);

  if (stmt == NULL)
    return -1;
  wp_stmt_bind_int64 (stmt, 1, plan_id);
  wp_stmt_bind_id (stmt, 2, parent_id);
  wp_stmt_bind_id (stmt, 3, except_id);
  if (wp_stmt_step (stmt, error) != SQLITE_ROW)
    return -1;
  return sqlite3_column_int (stmt->stmt, 0);
}

static gboolean
shift_siblings (WpStore        *conn,
                gint64          plan_id,
                gint64          parent_id,
                int             from,
                int             delta,
                gint64          except_id,
                WpShiftedFunc   shifted,
                gpointer        user_data,
                GError        **error)
{
  g_autoptr(WpStmt) stmt =
    wp_stmt_prepare (conn, "UPDATE item_all SET position = position + ?4"
                           " WHERE plan_id = ?1 AND parent_id IS ?2 AND deleted_with = 0"
                           " AND position >= ?3 AND id IS NOT ?5 RETURNING id, position", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  wp_stmt_bind_int64 (stmt, 1, plan_id);
  wp_stmt_bind_id (stmt, 2, parent_id);
  wp_stmt_bind_int (stmt, 3, from);
  wp_stmt_bind_int (stmt, 4, delta);
  wp_stmt_bind_id (stmt, 5, except_id);
  while ((rc = wp_stmt_step (stmt, error)) == SQLITE_ROW)
    shifted (sqlite3_column_int64 (stmt->stmt, 0), sqlite3_column_int (stmt->stmt, 1),
             user_data);
  return rc == SQLITE_DONE;
}

static gboolean
insert (WpStore     *conn,
        gint64       plan_id,
        gint64       parent_id,
        int          position,
        WpItemKind   kind,
        const char  *title,
        const char  *now,
        gint64      *out_id,
        GError     **error)
{
  g_autofree char *uuid = g_uuid_string_random ();
  g_autoptr(WpStmt) stmt =
    wp_stmt_prepare (conn, "INSERT INTO item_all (uuid, plan_id, parent_id, position, kind, title,"
                           " created, modified) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7)", error);

  if (stmt == NULL)
    return FALSE;
  wp_stmt_bind_text (stmt, 1, uuid);
  wp_stmt_bind_int64 (stmt, 2, plan_id);
  wp_stmt_bind_id (stmt, 3, parent_id);
  wp_stmt_bind_int (stmt, 4, position);
  wp_stmt_bind_text (stmt, 5, wp_item_kind_to_string (kind));
  wp_stmt_bind_text (stmt, 6, title ? title : "");
  wp_stmt_bind_text (stmt, 7, now);
  if (!wp_stmt_run (stmt, error))
    return FALSE;
  *out_id = sqlite3_last_insert_rowid (conn->db);
  return TRUE;
}

static const struct {
  const char      *property;
  WpItemValueKind  kind;
  const char      *sql;
} item_columns[] = {
#define LIVE_ITEM " WHERE id = ?1 AND deleted_with = 0"
/* (writing what is there changes nothing, not even the time it changed:
 * no change-log row, no needless sync) */
#define UNCHANGED_OR_NOW(column) "CASE WHEN " column " IS ?2 THEN modified ELSE ?3 END"
  { "title", WP_ITEM_VALUE_TEXT,
    "UPDATE item_all SET title = ?2, modified = " UNCHANGED_OR_NOW ("title") LIVE_ITEM },
  { "description", WP_ITEM_VALUE_TEXT,
    "UPDATE item_all SET description = ?2,"
    " modified = " UNCHANGED_OR_NOW ("description") LIVE_ITEM },
  { "kind", WP_ITEM_VALUE_KIND,
    "UPDATE item_all SET kind = ?2, modified = " UNCHANGED_OR_NOW ("kind") LIVE_ITEM },
  /* Marking done stamps the day (?4); leaving done clears it. */
  { "status", WP_ITEM_VALUE_STATUS,
    "UPDATE item_all SET status = ?2, modified = " UNCHANGED_OR_NOW ("status") ", done_date = CASE"
    " WHEN ?2 = 'done' THEN coalesce (done_date, ?4) ELSE NULL END" LIVE_ITEM },
  { "done-date", WP_ITEM_VALUE_DATE,
    "UPDATE item_all SET done_date = ?2, modified = " UNCHANGED_OR_NOW ("done_date") LIVE_ITEM },
  { "progress", WP_ITEM_VALUE_PROGRESS,
    "UPDATE item_all SET progress = ?2, modified = " UNCHANGED_OR_NOW ("progress") LIVE_ITEM },
  { "due", WP_ITEM_VALUE_DATE,
    "UPDATE item_all SET due = ?2, modified = " UNCHANGED_OR_NOW ("due") LIVE_ITEM },
  { "due-label", WP_ITEM_VALUE_TEXT,
    "UPDATE item_all SET due_label = ?2, modified = " UNCHANGED_OR_NOW ("due_label") LIVE_ITEM },
  { "ongoing", WP_ITEM_VALUE_BOOLEAN,
    "UPDATE item_all SET ongoing = ?2, modified = " UNCHANGED_OR_NOW ("ongoing") LIVE_ITEM },
  { "carried-over", WP_ITEM_VALUE_BOOLEAN,
    "UPDATE item_all SET carried_over = ?2,"
    " modified = " UNCHANGED_OR_NOW ("carried_over") LIVE_ITEM },
  { "carried-forward", WP_ITEM_VALUE_BOOLEAN,
    "UPDATE item_all SET carried_forward = ?2,"
    " modified = " UNCHANGED_OR_NOW ("carried_forward") LIVE_ITEM },
#undef UNCHANGED_OR_NOW
#undef LIVE_ITEM
};

static int
find_column (const char *property)
{
  for (guint i = 0; i < G_N_ELEMENTS (item_columns); i++)
    if (g_str_equal (property, item_columns[i].property))
      return (int) i;
  return -1;
}

static WpItemValueKind
property_kind (const char *property)
{
  int i = find_column (property);

  return i < 0 ? WP_ITEM_VALUE_NONE : item_columns[i].kind;
}

static void
bind_item_value (WpStmt          *stmt,
                 WpItemValueKind  kind,
                 const GValue    *value)
{
  const char *str = G_VALUE_HOLDS_STRING (value) ? g_value_get_string (value) : NULL;

  switch (kind)
    {
    case WP_ITEM_VALUE_TEXT:
      wp_stmt_bind_text (stmt, 2, str ? str : "");
      break;
    case WP_ITEM_VALUE_KIND:
    case WP_ITEM_VALUE_STATUS:
    case WP_ITEM_VALUE_DATE:
      wp_stmt_bind_text (stmt, 2, str);
      break;
    case WP_ITEM_VALUE_PROGRESS:
      if (g_value_get_int (value) < 0)
        wp_stmt_bind_null (stmt, 2);
      else
        wp_stmt_bind_int (stmt, 2, g_value_get_int (value));
      break;
    case WP_ITEM_VALUE_BOOLEAN:
      wp_stmt_bind_int (stmt, 2, g_value_get_boolean (value) ? 1 : 0);
      break;
    case WP_ITEM_VALUE_NONE:
    default:
      g_assert_not_reached ();
    }
}

static gboolean
set_property (WpStore       *conn,
              gint64         item_id,
              const char    *property,
              const GValue  *value,
              const char    *now,
              const char    *today,
              GError       **error)
{
  g_autoptr(WpStmt) stmt = NULL;
  int i = find_column (property);

  g_return_val_if_fail (i >= 0, FALSE);

  stmt = wp_stmt_prepare (conn, item_columns[i].sql, error);
  if (stmt == NULL)
    return FALSE;
  wp_stmt_bind_int64 (stmt, 1, item_id);
  wp_stmt_bind_text (stmt, 3, now);
  if (sqlite3_bind_parameter_count (stmt->stmt) >= 4)
    wp_stmt_bind_text (stmt, 4, today);
  bind_item_value (stmt, item_columns[i].kind, value);
  return wp_query_run_changing (stmt, ITEM_GONE, error);
}

static gboolean
is_in_subtree (WpStore *conn,
               gint64   root_id,
               gint64   candidate_id)
{
  g_autoptr(WpStmt) stmt =
    wp_stmt_prepare (conn, SUBTREE_CTE "SELECT 1 FROM sub WHERE id = ?2", NULL);

  if (stmt == NULL)
    return TRUE;
  wp_stmt_bind_int64 (stmt, 1, root_id);
  wp_stmt_bind_int64 (stmt, 2, candidate_id);
  return wp_stmt_step (stmt, NULL) == SQLITE_ROW;
}

static gboolean
set_place (WpStore     *conn,
           gint64       item_id,
           gint64       parent_id,
           int          position,
           const char  *now,
           GError     **error)
{
  g_autoptr(WpStmt) stmt =
    wp_stmt_prepare (conn, "UPDATE item_all SET parent_id = ?2, position = ?3,"
                           " modified = ?4 WHERE id = ?1 AND deleted_with = 0", error);

  if (stmt == NULL)
    return FALSE;
  wp_stmt_bind_int64 (stmt, 1, item_id);
  wp_stmt_bind_id (stmt, 2, parent_id);
  wp_stmt_bind_int (stmt, 3, position);
  wp_stmt_bind_text (stmt, 4, now);
  return wp_stmt_run (stmt, error);
}

const WpItemQueries wp_sqlite_item_queries = {
  .get = get,
  .list_children = list_children,
  .get_parent = get_parent,
  .child_ids = child_ids,
  .order_by_position = order_by_position,
  .count_children = count_children,
  .count_descendants = count_descendants,
  .child_at = child_at,
  .locate = locate,
  .count_siblings = count_siblings,
  .shift_siblings = shift_siblings,
  .insert = insert,
  .property_kind = property_kind,
  .set_property = set_property,
  .is_in_subtree = is_in_subtree,
  .set_place = set_place,
};
