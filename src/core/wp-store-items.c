/* wp-store-items.c: the item hierarchy: reading, adding, changing and moving items
 *
 * Positions among siblings are kept contiguous (0 … n-1) by every write.
 * Each public function is one transaction; composite commands nest them
 * with wp_store_begin()/wp_store_commit().
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "wp-deadline.h"
#include "wp-id-list.h"
#include "wp-item-list.h"
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

/* Items */

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
read_item_row (WpStore    *self,
               WpStmt     *stmt,
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

  _wp_store_roll_up_item (self, data);
}

static void
live_item_gone (gpointer  data,
                GObject  *where_the_object_was)
{
  WpStore *self = data;
  gint64 id = wp_item_get_id ((WpItem *) where_the_object_was);

  g_hash_table_remove (self->live_items, &id);
}

/* One object per row: refreshes the live one if there is one. */
static WpItem *
item_from_data (WpStore    *self,
                WpItemData *data)
{
  WpItem *item = g_hash_table_lookup (self->live_items, &data->id);

  if (item != NULL)
    {
      _wp_item_update (item, data);
      return g_object_ref (item);
    }

  item = _wp_item_new (data);
  g_hash_table_insert (self->live_items, g_memdup2 (&(gint64) { wp_item_get_id (item) },
                                                    sizeof (gint64)), item);
  g_object_weak_ref (G_OBJECT (item), live_item_gone, self);
  return item;
}

void
wp_store_forget_live_items (WpStore *self)
{
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, self->live_items);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    g_object_weak_unref (value, live_item_gone, self);
  g_hash_table_remove_all (self->live_items);
}

WpItem *
wp_store_get_item (WpStore  *self,
                   gint64    item_id,
                   GError  **error)
{
  g_autoptr(WpStmt) stmt = NULL;
  WpItemData data;
  int rc;

  g_return_val_if_fail (WP_IS_STORE (self), NULL);

  stmt = wp_stmt_prepare (self, ITEM_SELECT "WHERE i.id = ?1", error);
  if (stmt == NULL)
    return NULL;
  wp_stmt_bind_int64 (stmt, 1, item_id);

  rc = wp_stmt_step (stmt, error);
  if (rc == SQLITE_DONE)
    g_set_error (error, WP_STORE_ERROR, WP_STORE_ERROR_NOT_FOUND,
                 _("The item no longer exists; it may have been deleted."));
  if (rc != SQLITE_ROW)
    return NULL;

  read_item_row (self, stmt, &data);
  return item_from_data (self, &data);
}

/* Re-reads the live items among @ids and everything above them, once each,
 * deepest first: their figures may have changed. The cached figures of all
 * of them are forgotten first (even while signals are held back), so that
 * none is rolled up from another's old figures. */
void
_wp_store_refresh_chains (WpStore      *self,
                const gint64 *ids,
                guint         n_ids)
{
  g_autoptr(GArray) chains = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GHashTable) last = g_hash_table_new (g_int64_hash, g_int64_equal);

  for (guint k = 0; k < n_ids; k++)
    for (gint64 item_id = ids[k]; item_id != 0;)
      {
        g_autoptr(WpStmt) stmt =
          wp_stmt_prepare (self, "SELECT coalesce (parent_id, 0) FROM item WHERE id = ?1", NULL);

        g_hash_table_remove (self->rollups, &item_id);
        g_array_append_val (chains, item_id);
        if (stmt == NULL)
          break;
        wp_stmt_bind_int64 (stmt, 1, item_id);
        if (sqlite3_step (stmt->stmt) != SQLITE_ROW)
          break;
        item_id = sqlite3_column_int64 (stmt->stmt, 0);
      }

  if (self->frozen > 0)
    {
      self->missed_signals = TRUE;
      return;
    }

  /* An item's last place in the chains comes after everything below it */
  for (guint i = 0; i < chains->len; i++)
    g_hash_table_insert (last, &g_array_index (chains, gint64, i), GUINT_TO_POINTER (i));
  for (guint i = 0; i < chains->len; i++)
    {
      gint64 id = g_array_index (chains, gint64, i);

      if (GPOINTER_TO_UINT (g_hash_table_lookup (last, &id)) == i
          && g_hash_table_contains (self->live_items, &id))
        {
          g_autoptr(WpItem) item = wp_store_get_item (self, id, NULL);
        }
    }
}

/* Re-reads a live item (if any view holds one) and its ancestors, whose
 * child counts and derived progress may have changed. */
void
wp_store_refresh_item_and_ancestors (WpStore *self,
                                     gint64   item_id)
{
  _wp_store_refresh_chains (self, &item_id, 1);
}

/* Reads the items @sql gives for plan ?1 and parent ?2, in order. */
static GPtrArray *
list_items (WpStore     *self,
            const char  *sql,
            gint64       plan_id,
            gint64       parent_id,
            GError     **error)
{
  g_autoptr(WpStmt) stmt = wp_stmt_prepare (self, sql, error);
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  int rc;

  if (stmt == NULL)
    return NULL;
  wp_stmt_bind_int64 (stmt, 1, plan_id);
  wp_stmt_bind_id (stmt, 2, parent_id);

  while ((rc = wp_stmt_step (stmt, error)) == SQLITE_ROW)
    {
      WpItemData data;

      read_item_row (self, stmt, &data);
      g_ptr_array_add (items, item_from_data (self, &data));
    }

  return rc == SQLITE_DONE ? g_steal_pointer (&items) : NULL;
}

/**
 * wp_store_list_children:
 * @parent_id: the parent item, or 0 for the plan's top level
 *
 * Returns: (transfer full) (element-type WpItem): the children in order
 */
GPtrArray *
wp_store_list_children (WpStore  *self,
                        gint64    plan_id,
                        gint64    parent_id,
                        GError  **error)
{
  g_return_val_if_fail (WP_IS_STORE (self), NULL);

  return list_items (self, ITEM_SELECT "WHERE i.plan_id = ?1 AND i.parent_id IS ?2"
                           " ORDER BY i.position", plan_id, parent_id, error);
}

/* Steps through @stmt and collects the ids in its first column, only the
 * ones the current search shows if @shown_only. FALSE (with @error) when
 * the rows cannot be read. */
static gboolean
collect_ids (WpStore   *self,
             WpStmt    *stmt,
             gboolean   shown_only,
             GArray    *ids,
             GError   **error)
{
  int rc;

  while ((rc = wp_stmt_step (stmt, error)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt->stmt, 0);

      if (!shown_only || wp_ids_contain (self->shown_matches, id)
          || wp_ids_contain (self->shown_ancestors, id))
        g_array_append_val (ids, id);
    }
  return rc == SQLITE_DONE;
}

/* The ids of @parent_id's children, by @sql (of ?1 the plan and ?2 the
 * parent), only the shown ones if @shown_only. */
static GArray *
read_child_ids (WpStore     *self,
                const char  *sql,
                gint64       plan_id,
                gint64       parent_id,
                gboolean     shown_only,
                GError     **error)
{
  g_autoptr(WpStmt) stmt = wp_stmt_prepare (self, sql, error);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  if (stmt == NULL)
    return NULL;
  wp_stmt_bind_int64 (stmt, 1, plan_id);
  wp_stmt_bind_id (stmt, 2, parent_id);
  return collect_ids (self, stmt, shown_only, ids, error) ? g_steal_pointer (&ids) : NULL;
}

/* The ids of @parent_id's children that the current search shows, in no
 * particular order: from the index alone. */
static GArray *
shown_child_ids (WpStore   *self,
                 gint64     plan_id,
                 gint64     parent_id,
                 GError   **error)
{
  return read_child_ids (self, "SELECT i.id FROM item i WHERE i.plan_id = ?1 AND i.parent_id IS ?2",
                         plan_id, parent_id, TRUE, error);
}

/**
 * wp_store_count_children:
 * @shown_only: count only what the current search shows
 *
 * Returns: how many children @parent_id has, without reading them
 */
guint
wp_store_count_children (WpStore  *self,
                         gint64    plan_id,
                         gint64    parent_id,
                         gboolean  shown_only)
{
  g_autoptr(WpStmt) stmt = NULL;

  g_return_val_if_fail (WP_IS_STORE (self), 0);

  if (shown_only)
    {
      g_autoptr(GArray) ids = shown_child_ids (self, plan_id, parent_id, NULL);
      return ids != NULL ? ids->len : 0;
    }
  stmt = wp_stmt_prepare (self, "SELECT count(*) FROM item WHERE plan_id = ?1 AND parent_id IS ?2",
                          NULL);
  if (stmt == NULL)
    return 0;
  wp_stmt_bind_int64 (stmt, 1, plan_id);
  wp_stmt_bind_id (stmt, 2, parent_id);
  if (sqlite3_step (stmt->stmt) != SQLITE_ROW)
    return 0;
  return (guint) sqlite3_column_int64 (stmt->stmt, 0);
}

/* How many items are under @item_id, at every level: what deleting it
 * takes away with it (the toast says so) */
guint
wp_store_count_descendants (WpStore *self,
                            gint64   item_id)
{
  g_autoptr(WpStmt) stmt = NULL;

  g_return_val_if_fail (WP_IS_STORE (self), 0);

  stmt = wp_stmt_prepare (self, SUBTREE_CTE "SELECT count(*) - 1 FROM sub", NULL);
  if (stmt == NULL)
    return 0;
  wp_stmt_bind_int64 (stmt, 1, item_id);
  if (sqlite3_step (stmt->stmt) != SQLITE_ROW)
    return 0;
  return (guint) MAX (0, sqlite3_column_int64 (stmt->stmt, 0));
}

/* The ids of @parent_id's children (only those in the shown set with
 * @shown_only), in order. */
static GArray *
list_child_ids (WpStore   *self,
                gint64     plan_id,
                gint64     parent_id,
                gboolean   shown_only,
                GError   **error)
{
  g_autoptr(WpStmt) stmt = NULL;
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GString) json = NULL;

  if (!shown_only)
    return read_child_ids (self, "SELECT i.id FROM item i"
                                 " WHERE i.plan_id = ?1 AND i.parent_id IS ?2"
                                 " ORDER BY i.position", plan_id, parent_id, FALSE, error);

  /* Shown children: the ids alone come from the index; only the ones
   * shown are read for their position (and will be read to be shown
   * anyway). Sorting them all by position read every child's row, most of
   * them for nothing: a key task's actions lie all over the file. */
  ids = shown_child_ids (self, plan_id, parent_id, error);
  if (ids == NULL || ids->len < 2)
    return g_steal_pointer (&ids);
  json = g_string_new ("[");
  for (guint i = 0; i < ids->len; i++)
    wp_ids_append_json (json, g_array_index (ids, gint64, i));
  g_string_append_c (json, ']');
  stmt = wp_stmt_prepare (self, "SELECT i.id FROM json_each (?1) j JOIN item i ON i.id = j.value"
                                " ORDER BY i.position", error);
  if (stmt == NULL)
    return NULL;
  wp_stmt_bind_static_text (stmt, 1, json->str, (int) json->len);
  g_array_set_size (ids, 0);
  return collect_ids (self, stmt, FALSE, ids, error) ? g_steal_pointer (&ids) : NULL;
}

/**
 * wp_store_list_child_ids:
 *
 * Returns: (transfer full) (element-type gint64): the ids of the children
 *   of @parent_id, in order — what a list knows of its rows before it reads
 *   the ones shown
 */
GArray *
wp_store_list_child_ids (WpStore  *self,
                         gint64    plan_id,
                         gint64    parent_id,
                         GError  **error)
{
  g_return_val_if_fail (WP_IS_STORE (self), NULL);
  return list_child_ids (self, plan_id, parent_id, FALSE, error);
}

/**
 * wp_store_list_shown_child_ids:
 *
 * Returns: (transfer full) (element-type gint64): the ids of the shown
 *   children of @parent_id, in order
 */
GArray *
wp_store_list_shown_child_ids (WpStore  *self,
                               gint64    plan_id,
                               gint64    parent_id,
                               GError  **error)
{
  g_return_val_if_fail (WP_IS_STORE (self), NULL);
  return list_child_ids (self, plan_id, parent_id, TRUE, error);
}

GListModel *
wp_store_get_shown_children_model (WpStore *self,
                                   gint64   plan_id,
                                   gint64   parent_id)
{
  g_return_val_if_fail (WP_IS_STORE (self), NULL);
  return G_LIST_MODEL (wp_item_list_new_shown (self, plan_id, parent_id));
}

/**
 * wp_store_get_children_model:
 *
 * Returns: (transfer full): a list model of the children that loads them
 *   when first asked and follows later changes.
 */
GListModel *
wp_store_get_children_model (WpStore *self,
                             gint64   plan_id,
                             gint64   parent_id)
{
  g_return_val_if_fail (WP_IS_STORE (self), NULL);
  return G_LIST_MODEL (wp_item_list_new (self, plan_id, parent_id));
}

/**
 * wp_store_get_child_id:
 * @parent_id: the parent item, or 0 for the top level
 *
 * Returns: the id of the child at @position, or 0 (with @error) if there is
 *   none
 */
gint64
wp_store_get_child_id (WpStore  *self,
                       gint64    plan_id,
                       gint64    parent_id,
                       int       position,
                       GError  **error)
{
  g_autoptr(WpStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (WP_IS_STORE (self), 0);

  stmt = wp_stmt_prepare (self, "SELECT id FROM item WHERE plan_id = ?1 AND parent_id IS ?2"
                                " AND position = ?3", error);
  if (stmt == NULL)
    return 0;
  wp_stmt_bind_int64 (stmt, 1, plan_id);
  wp_stmt_bind_id (stmt, 2, parent_id);
  wp_stmt_bind_int (stmt, 3, position);
  rc = wp_stmt_step (stmt, error);
  if (rc == SQLITE_DONE)
    g_set_error (error, WP_STORE_ERROR, WP_STORE_ERROR_NOT_FOUND,
                 _("The item no longer exists; it may have been deleted."));
  return rc == SQLITE_ROW ? sqlite3_column_int64 (stmt->stmt, 0) : 0;
}

static gboolean
item_location (WpStore  *self,
               gint64    item_id,
               gint64   *plan_id,
               gint64   *parent_id,
               int      *position,
               GError  **error)
{
  g_autoptr(WpStmt) stmt =
    wp_stmt_prepare (self, "SELECT plan_id, coalesce (parent_id, 0), position FROM item"
                           " WHERE id = ?1", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  wp_stmt_bind_int64 (stmt, 1, item_id);
  rc = wp_stmt_step (stmt, error);
  if (rc == SQLITE_DONE)
    g_set_error (error, WP_STORE_ERROR, WP_STORE_ERROR_NOT_FOUND,
                 _("The item no longer exists; it may have been deleted."));
  if (rc != SQLITE_ROW)
    return FALSE;

  *plan_id = sqlite3_column_int64 (stmt->stmt, 0);
  *parent_id = sqlite3_column_int64 (stmt->stmt, 1);
  *position = sqlite3_column_int (stmt->stmt, 2);
  return TRUE;
}

static int
count_siblings (WpStore  *self,
                gint64    plan_id,
                gint64    parent_id,
                gint64    except_id,
                GError  **error)
{
  g_autoptr(WpStmt) stmt =
    wp_stmt_prepare (self, "SELECT count(*) FROM item WHERE plan_id = ?1 AND parent_id IS ?2"
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

/* Moves live siblings at or after @from by @delta (+1 opens a gap, -1
 * closes one), but not @except_id. */
gboolean
wp_store_shift_siblings (WpStore  *self,
                         gint64    plan_id,
                         gint64    parent_id,
                         int       from,
                         int       delta,
                         gint64    except_id,
                         GError  **error)
{
  g_autoptr(WpStmt) stmt =
    wp_stmt_prepare (self, "UPDATE item_all SET position = position + ?4"
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

  /* One row of the change log for the shift, not one per sibling */
  if (self->change_log != NULL)
    wp_change_log_pause (self->change_log);
  /* Items a view holds know their new places, loaded in a list or not. */
  while ((rc = wp_stmt_step (stmt, error)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt->stmt, 0);
      WpItem *live = g_hash_table_lookup (self->live_items, &id);

      if (live != NULL)
        _wp_item_set_position (live, sqlite3_column_int (stmt->stmt, 1));
    }
  if (self->change_log == NULL)
    return rc == SQLITE_DONE;
  wp_change_log_resume (self->change_log);
  return rc == SQLITE_DONE
         && (wp_change_log_is_paused (self->change_log)
             || wp_change_log_add_shift (self->db, plan_id, parent_id, from, delta, except_id,
                                         error));
}

static gboolean
insert_item_row (WpStore     *self,
                 gint64       plan_id,
                 gint64       parent_id,
                 int          position,
                 WpItemKind   kind,
                 const char  *title,
                 gint64      *out_id,
                 GError     **error)
{
  g_autofree char *uuid = g_uuid_string_random ();
  g_autofree char *now = wp_store_now ();
  g_autoptr(WpStmt) stmt =
    wp_stmt_prepare (self, "INSERT INTO item_all (uuid, plan_id, parent_id, position, kind, title,"
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

  *out_id = sqlite3_last_insert_rowid (self->db);
  return TRUE;
}

/**
 * wp_store_create_item:
 * @parent_id: the parent, or 0 for the top level
 * @position: where among the siblings, or -1 to append
 *
 * Returns: (transfer full): the new item
 */
WpItem *
wp_store_create_item (WpStore     *self,
                      gint64       plan_id,
                      gint64       parent_id,
                      int          position,
                      WpItemKind   kind,
                      const char  *title,
                      GError     **error)
{
  g_autoptr(WpPlan) plan = NULL;
  gint64 id = 0;
  int n;

  g_return_val_if_fail (WP_IS_STORE (self), NULL);

  if (!wp_store_check_writable (self, error))
    return NULL;

  plan = wp_store_get_plan (self, plan_id, error);
  if (plan == NULL)
    return NULL;

  if (parent_id != 0)
    {
      gint64 parent_plan, grandparent;
      int parent_position;

      if (!item_location (self, parent_id, &parent_plan, &grandparent, &parent_position, error))
        return NULL;
      if (parent_plan != plan_id)
        {
          g_set_error (error, WP_STORE_ERROR, WP_STORE_ERROR_INVALID,
                       _("The parent item belongs to another plan."));
          return NULL;
        }
    }

  if (!wp_store_begin (self, error))
    return NULL;

  n = count_siblings (self, plan_id, parent_id, 0, error);
  if (n < 0)
    goto fail;
  if (position < 0 || position > n)
    position = n;

  /* Appending moves no sibling: the shift would still read every one of
   * them (positions are not indexed), once per item an import appends. */
  if ((position < n
       && !wp_store_shift_siblings (self, plan_id, parent_id, position, +1, 0, error))
      || !insert_item_row (self, plan_id, parent_id, position, kind, title, &id, error))
    goto fail;

  if (!wp_store_commit (self, error))
    return NULL;

  wp_store_children_changed_hinted (self, plan_id, parent_id, id, -1, position);
  return wp_store_get_item (self, id, error);

fail:
  wp_store_rollback (self);
  return NULL;
}

typedef enum {
  VALUE_TEXT,
  VALUE_KIND,
  VALUE_STATUS,
  VALUE_PROGRESS,
  VALUE_DATE,
  VALUE_BOOLEAN,
} ValueKind;

static const struct {
  const char *property;
  ValueKind   kind;
  const char *sql;
} item_columns[] = {
#define LIVE_ITEM " WHERE id = ?1 AND deleted_with = 0"
/* (writing what is there changes nothing, not even the time it changed:
 * no change-log row, no needless sync) */
#define UNCHANGED_OR_NOW(column) "CASE WHEN " column " IS ?2 THEN modified ELSE ?3 END"
  { "title", VALUE_TEXT,
    "UPDATE item_all SET title = ?2, modified = " UNCHANGED_OR_NOW ("title") LIVE_ITEM },
  { "description", VALUE_TEXT,
    "UPDATE item_all SET description = ?2,"
    " modified = " UNCHANGED_OR_NOW ("description") LIVE_ITEM },
  { "kind", VALUE_KIND,
    "UPDATE item_all SET kind = ?2, modified = " UNCHANGED_OR_NOW ("kind") LIVE_ITEM },
  /* Marking done stamps the day (?4); leaving done clears it. */
  { "status", VALUE_STATUS,
    "UPDATE item_all SET status = ?2, modified = " UNCHANGED_OR_NOW ("status") ", done_date = CASE"
    " WHEN ?2 = 'done' THEN coalesce (done_date, ?4) ELSE NULL END" LIVE_ITEM },
  { "done-date", VALUE_DATE,
    "UPDATE item_all SET done_date = ?2, modified = " UNCHANGED_OR_NOW ("done_date") LIVE_ITEM },
  { "progress", VALUE_PROGRESS,
    "UPDATE item_all SET progress = ?2, modified = " UNCHANGED_OR_NOW ("progress") LIVE_ITEM },
  { "due", VALUE_DATE,
    "UPDATE item_all SET due = ?2, modified = " UNCHANGED_OR_NOW ("due") LIVE_ITEM },
  { "due-label", VALUE_TEXT,
    "UPDATE item_all SET due_label = ?2, modified = " UNCHANGED_OR_NOW ("due_label") LIVE_ITEM },
  { "ongoing", VALUE_BOOLEAN,
    "UPDATE item_all SET ongoing = ?2, modified = " UNCHANGED_OR_NOW ("ongoing") LIVE_ITEM },
  { "carried-over", VALUE_BOOLEAN,
    "UPDATE item_all SET carried_over = ?2,"
    " modified = " UNCHANGED_OR_NOW ("carried_over") LIVE_ITEM },
  { "carried-forward", VALUE_BOOLEAN,
    "UPDATE item_all SET carried_forward = ?2,"
    " modified = " UNCHANGED_OR_NOW ("carried_forward") LIVE_ITEM },
#undef UNCHANGED_OR_NOW
#undef LIVE_ITEM
};

static gboolean
bind_item_value (WpStmt        *stmt,
                 ValueKind      kind,
                 const char    *property,
                 const GValue  *value,
                 GError       **error)
{
  const char *str = G_VALUE_HOLDS_STRING (value) ? g_value_get_string (value) : NULL;
  gboolean ok = TRUE;

  switch (kind)
    {
    case VALUE_TEXT:
      ok = G_VALUE_HOLDS_STRING (value) && (str == NULL || g_utf8_validate (str, -1, NULL));
      wp_stmt_bind_text (stmt, 2, str ? str : "");
      break;
    case VALUE_KIND:
      {
        WpItemKind k;
        ok = wp_item_kind_from_string (str, &k);
        wp_stmt_bind_text (stmt, 2, str);
      }
      break;
    case VALUE_STATUS:
      {
        WpItemStatus s;
        ok = wp_item_status_from_string (str, &s);
        wp_stmt_bind_text (stmt, 2, str);
      }
      break;
    case VALUE_PROGRESS:
      ok = G_VALUE_HOLDS_INT (value) && g_value_get_int (value) >= -1
           && g_value_get_int (value) <= 100;
      if (ok && g_value_get_int (value) < 0)
        wp_stmt_bind_null (stmt, 2);
      else if (ok)
        wp_stmt_bind_int (stmt, 2, g_value_get_int (value));
      break;
    case VALUE_DATE:
      {
        GDate date;
        ok = G_VALUE_HOLDS_STRING (value) && (str == NULL || wp_date_from_iso (str, &date));
        wp_stmt_bind_text (stmt, 2, str);
      }
      break;
    case VALUE_BOOLEAN:
      ok = G_VALUE_HOLDS_BOOLEAN (value);
      if (ok)
        wp_stmt_bind_int (stmt, 2, g_value_get_boolean (value) ? 1 : 0);
      break;
    default:
      g_assert_not_reached ();
    }

  if (!ok)
    g_set_error (error, WP_STORE_ERROR, WP_STORE_ERROR_INVALID,
                 _("“%s” is not a valid value for %s."),
                 str ? str : "?", property);
  return ok;
}

/**
 * wp_store_set_item_property:
 * @property: one of title, description, kind, status, progress (-1 for
 *   derived), due (ISO date or %NULL), due-label, ongoing, carried-over,
 *   carried-forward
 * @value: the new value, of the property's type on #WpItem
 */
gboolean
wp_store_set_item_property (WpStore       *self,
                            gint64         item_id,
                            const char    *property,
                            const GValue  *value,
                            GError       **error)
{
  g_autoptr(WpStmt) stmt = NULL;
  g_autofree char *now = wp_store_now ();

  g_return_val_if_fail (WP_IS_STORE (self), FALSE);

  if (!wp_store_check_writable (self, error))
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (item_columns); i++)
    {
      if (!g_str_equal (property, item_columns[i].property))
        continue;

      stmt = wp_stmt_prepare (self, item_columns[i].sql, error);
      if (stmt == NULL)
        return FALSE;
      wp_stmt_bind_int64 (stmt, 1, item_id);
      wp_stmt_bind_text (stmt, 3, now);
      if (sqlite3_bind_parameter_count (stmt->stmt) >= 4)
        {
          GDate day;
          g_autofree char *today = NULL;

          /* The day finished, on the calendar the app judges by */
          wp_date_get_reference (&day);
          today = wp_date_to_iso (&day);
          wp_stmt_bind_text (stmt, 4, today);
        }
      if (!bind_item_value (stmt, item_columns[i].kind, property, value, error))
        return FALSE;
      /* (a status leaves or keeps the item's close-out in the same write) */
      if (item_columns[i].kind == VALUE_STATUS)
        {
          WpItemStatus status = WP_ITEM_STATUS_NOT_STARTED;

          wp_item_status_from_string (g_value_get_string (value), &status);
          if (!wp_store_begin (self, error))
            return FALSE;
          if (!wp_stmt_run (stmt, error))
            {
              wp_store_rollback (self);
              return FALSE;
            }
          if (sqlite3_changes (self->db) == 0)
            {
              wp_store_rollback (self);
              g_set_error (error, WP_STORE_ERROR, WP_STORE_ERROR_NOT_FOUND,
                           _("The item no longer exists; it may have been deleted."));
              return FALSE;
            }
          if (!_wp_store_status_changed (self, item_id, status, error))
            {
              wp_store_rollback (self);
              return FALSE;
            }
          if (!wp_store_commit (self, error))
            return FALSE;
        }
      else if (!wp_stmt_run (stmt, error))
        return FALSE;
      else if (sqlite3_changes (self->db) == 0)
        {
          g_set_error (error, WP_STORE_ERROR, WP_STORE_ERROR_NOT_FOUND,
                       _("The item no longer exists; it may have been deleted."));
          return FALSE;
        }

      wp_store_refresh_item_and_ancestors (self, item_id);
      return TRUE;
    }

  g_set_error (error, WP_STORE_ERROR, WP_STORE_ERROR_INVALID,
               "Items have no property “%s”", property);
  return FALSE;
}

/* wp_store_set_item_property() for a text property (status and kind by
 * their names in the file, dates as ISO text) */
gboolean
wp_store_set_item_string (WpStore     *self,
                          gint64       item_id,
                          const char  *property,
                          const char  *text,
                          GError     **error)
{
  g_auto(GValue) value = G_VALUE_INIT;

  g_value_init (&value, G_TYPE_STRING);
  g_value_set_string (&value, text);
  return wp_store_set_item_property (self, item_id, property, &value, error);
}

/* wp_store_set_item_property() for a number property (progress) */
gboolean
wp_store_set_item_int (WpStore     *self,
                       gint64       item_id,
                       const char  *property,
                       int          number,
                       GError     **error)
{
  g_auto(GValue) value = G_VALUE_INIT;

  g_value_init (&value, G_TYPE_INT);
  g_value_set_int (&value, number);
  return wp_store_set_item_property (self, item_id, property, &value, error);
}

/**
 * wp_store_set_item_due_text:
 * @text: the deadline as the user wrote it (上半年, 6月底前, 2025-06-30, 长期坚持)
 *
 * Keeps @text as the due label and sets the due date and the ongoing flag
 * from it; words the parser does not know keep the label with no date.
 */
gboolean
wp_store_set_item_due_text (WpStore     *self,
                            gint64       item_id,
                            const char  *text,
                            GError     **error)
{
  g_autoptr(WpItem) item = NULL;
  g_auto(GValue) label = G_VALUE_INIT;
  g_auto(GValue) due = G_VALUE_INIT;
  g_auto(GValue) ongoing = G_VALUE_INIT;
  WpDeadline deadline;

  item = wp_store_get_item (self, item_id, error);
  if (item == NULL)
    return FALSE;

  text = text ? text : "";
  wp_deadline_parse (text, wp_item_get_plan_year (item), &deadline);

  g_value_init (&label, G_TYPE_STRING);
  g_value_set_string (&label, text);
  g_value_init (&due, G_TYPE_STRING);
  g_value_take_string (&due, wp_date_to_iso (&deadline.date));
  g_value_init (&ongoing, G_TYPE_BOOLEAN);
  g_value_set_boolean (&ongoing, deadline.ongoing);

  if (!wp_store_begin (self, error))
    return FALSE;
  if (!wp_store_set_item_property (self, item_id, "due-label", &label, error)
      || !wp_store_set_item_property (self, item_id, "due", &due, error)
      || !wp_store_set_item_property (self, item_id, "ongoing", &ongoing, error))
    {
      wp_store_rollback (self);
      return FALSE;
    }
  return wp_store_commit (self, error);
}

static gboolean
is_in_subtree (WpStore  *self,
               gint64    root_id,
               gint64    candidate_id,
               GError  **error)
{
  g_autoptr(WpStmt) stmt =
    wp_stmt_prepare (self, SUBTREE_CTE "SELECT 1 FROM sub WHERE id = ?2", error);

  if (stmt == NULL)
    return TRUE;
  wp_stmt_bind_int64 (stmt, 1, root_id);
  wp_stmt_bind_int64 (stmt, 2, candidate_id);
  return wp_stmt_step (stmt, NULL) == SQLITE_ROW;
}

/**
 * wp_store_move_item:
 * @new_parent_id: the new parent, or 0 for the top level
 * @new_position: the position among the new siblings, or -1 to append
 *
 * Moves an item with its children, within its parent or to another one.
 */
gboolean
wp_store_move_item (WpStore  *self,
                    gint64    item_id,
                    gint64    new_parent_id,
                    int       new_position,
                    GError  **error)
{
  g_autoptr(WpStmt) stmt = NULL;
  g_autofree char *now = wp_store_now ();
  gint64 plan_id, old_parent_id;
  int old_position, n;

  g_return_val_if_fail (WP_IS_STORE (self), FALSE);

  if (!wp_store_check_writable (self, error)
      || !item_location (self, item_id, &plan_id, &old_parent_id, &old_position, error))
    return FALSE;

  if (new_parent_id != 0)
    {
      gint64 parent_plan, grandparent;
      int parent_position;

      if (!item_location (self, new_parent_id, &parent_plan, &grandparent, &parent_position,
                          error))
        return FALSE;
      if (parent_plan != plan_id)
        {
          g_set_error (error, WP_STORE_ERROR, WP_STORE_ERROR_INVALID,
                       _("Items cannot be moved to another plan this way."));
          return FALSE;
        }
      if (is_in_subtree (self, item_id, new_parent_id, error))
        {
          g_set_error (error, WP_STORE_ERROR, WP_STORE_ERROR_INVALID,
                       _("An item cannot be moved into itself or one of its own sub-items."));
          return FALSE;
        }
    }

  if (!wp_store_begin (self, error))
    return FALSE;

  if (!wp_store_shift_siblings (self, plan_id, old_parent_id, old_position + 1, -1, item_id, error))
    goto fail;

  n = count_siblings (self, plan_id, new_parent_id, item_id, error);
  if (n < 0)
    goto fail;
  if (new_position < 0 || new_position > n)
    new_position = n;

  if (!wp_store_shift_siblings (self, plan_id, new_parent_id, new_position, +1, item_id, error))
    goto fail;

  stmt = wp_stmt_prepare (self, "UPDATE item_all SET parent_id = ?2, position = ?3,"
                                " modified = ?4 WHERE id = ?1 AND deleted_with = 0", error);
  if (stmt == NULL)
    goto fail;
  wp_stmt_bind_int64 (stmt, 1, item_id);
  wp_stmt_bind_id (stmt, 2, new_parent_id);
  wp_stmt_bind_int (stmt, 3, new_position);
  wp_stmt_bind_text (stmt, 4, now);
  if (!wp_stmt_run (stmt, error))
    goto fail;
  g_clear_pointer (&stmt, wp_stmt_release);

  if (!wp_store_commit (self, error))
    return FALSE;

  /* Both parents, the item and everything above them are read again once,
   * before anyone is told: refreshed one by one, the parents they share
   * were rolled up three times (each time from a thousand key tasks under
   * an area). */
  {
    gint64 changed[] = { item_id, new_parent_id, old_parent_id };

    _wp_store_refresh_chains (self, changed, new_parent_id == old_parent_id ? 2 : 3);
  }
  self->moving_item = item_id;
  if (new_parent_id == old_parent_id)
    _wp_store_children_changed (self, plan_id, old_parent_id, item_id, old_position, new_position, TRUE);
  else
    {
      _wp_store_children_changed (self, plan_id, old_parent_id, item_id, old_position, -1, TRUE);
      _wp_store_children_changed (self, plan_id, new_parent_id, item_id, -1, new_position, TRUE);
    }
  self->moving_item = 0;
  return TRUE;

fail:
  wp_store_rollback (self);
  return FALSE;
}
