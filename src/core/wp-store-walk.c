/* wp-store-walk.c: a plan's items in outline order, in one query
 *
 * Exports write a whole plan, parent before children and siblings in
 * their order. Asking for each parent's children took one query per item
 * and made a WpItem (with its rolled-up figures) of every row; this walks
 * the tree in SQLite instead and hands each row over as it is read, so
 * that nothing of the plan is held but the rows waiting on the way down
 * and the names of its agencies.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "wp-deadline.h"
#include "wp-store-private.h"
#include "wp-store-walk.h"

/* The recursive part's ORDER BY makes its queue a priority queue: the
 * deepest row first, then the lowest position among them. The deepest
 * rows waiting are always the children of the row taken last, so rows come
 * out depth first, in pre-order (see "Controlling Depth-First Versus
 * Breadth-First Search" in SQLite's WITH documentation). SQLite 3.40 keeps
 * that order only while nothing is joined to the walk (a join gave the top
 * level first): the agencies are read on their own, before. */
#define WALK_SQL \
  "WITH RECURSIVE walk (id, depth, position, kind, title, description, status, progress," \
  "  due, due_label, ongoing, carried_over, carried_forward) AS (" \
  " SELECT id, 0, position, kind, title, description, status, progress, due, due_label," \
  "  ongoing, carried_over, carried_forward FROM item" \
  "  WHERE plan_id = ?1 AND parent_id IS NULL" \
  " UNION ALL" \
  " SELECT i.id, w.depth + 1, i.position, i.kind, i.title, i.description, i.status," \
  "  i.progress, i.due, i.due_label, i.ongoing, i.carried_over, i.carried_forward" \
  "  FROM walk w JOIN item i ON i.parent_id = w.id" \
  "  ORDER BY 2 DESC, 3, 1)" \
  " SELECT id, depth, kind, title, description, status, progress, due, due_label, ongoing," \
  "  carried_over, carried_forward FROM walk"

#define LINKS_SQL \
  "SELECT ia.item_id, ia.role = 'co', ia.position, a.name FROM item_agency ia" \
  " JOIN item i ON i.id = ia.item_id JOIN agency a ON a.id = ia.agency_id" \
  " WHERE i.plan_id = ?1"

typedef struct {
  gint64      item_id;
  gboolean    co;
  int         position;
  const char *name;   /* in Links.chunk */
} Link;

/* Every item's agency names, as NULL-ended lead then co lists, one after
 * the other in one array: the few names are stored once. */
typedef struct {
  GStringChunk *chunk;
  GPtrArray    *names;
  GArray       *ids;     /* gint64, the keys of starts */
  GHashTable   *starts;  /* gint64 item id → GUINT_TO_POINTER (its lead list's start + 1) */
} Links;

static void
links_clear (Links *links)
{
  g_clear_pointer (&links->starts, g_hash_table_unref);
  g_clear_pointer (&links->ids, g_array_unref);
  g_clear_pointer (&links->names, g_ptr_array_unref);
  g_clear_pointer (&links->chunk, g_string_chunk_free);
}

static int
compare_links (gconstpointer a,
               gconstpointer b)
{
  const Link *x = a, *y = b;

  if (x->item_id != y->item_id)
    return (x->item_id > y->item_id) - (x->item_id < y->item_id);
  if (x->co != y->co)
    return x->co - y->co;
  return (x->position > y->position) - (x->position < y->position);
}

static gboolean
read_links (WpStore  *self,
            gint64    plan_id,
            Links    *links,
            GError  **error)
{
  g_autoptr(WpStmt) stmt = wp_stmt_prepare (self, LINKS_SQL, error);
  g_autoptr(GArray) rows = g_array_new (FALSE, FALSE, sizeof (Link));
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt->stmt, 1, plan_id);
  links->chunk = g_string_chunk_new (4096);
  while ((rc = wp_stmt_step (stmt, error)) == SQLITE_ROW)
    {
      Link link = {
        .item_id = sqlite3_column_int64 (stmt->stmt, 0),
        .co = sqlite3_column_int (stmt->stmt, 1) != 0,
        .position = sqlite3_column_int (stmt->stmt, 2),
        .name = g_string_chunk_insert_const (links->chunk, wp_stmt_column_text (stmt, 3)),
      };

      g_array_append_val (rows, link);
    }
  if (rc != SQLITE_DONE)
    return FALSE;

  g_array_sort (rows, compare_links);
  links->names = g_ptr_array_sized_new (rows->len + 2);
  links->ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  /* (an item without agencies has the two empty lists at the start) */
  g_ptr_array_add (links->names, NULL);
  g_ptr_array_add (links->names, NULL);
  for (guint i = 0; i < rows->len;)
    {
      gint64 item_id = g_array_index (rows, Link, i).item_id;

      g_array_append_val (links->ids, item_id);
      g_array_append_val (links->ids, (gint64) { links->names->len });
      for (; i < rows->len && g_array_index (rows, Link, i).item_id == item_id
             && !g_array_index (rows, Link, i).co; i++)
        g_ptr_array_add (links->names, (gpointer) g_array_index (rows, Link, i).name);
      g_ptr_array_add (links->names, NULL);
      for (; i < rows->len && g_array_index (rows, Link, i).item_id == item_id; i++)
        g_ptr_array_add (links->names, (gpointer) g_array_index (rows, Link, i).name);
      g_ptr_array_add (links->names, NULL);
    }
  /* (the ids no longer move) */
  links->starts = g_hash_table_new (g_int64_hash, g_int64_equal);
  for (guint i = 0; i < links->ids->len; i += 2)
    g_hash_table_insert (links->starts, &g_array_index (links->ids, gint64, i),
                         &g_array_index (links->ids, gint64, i + 1));
  return TRUE;
}

/* Points @row's lead and co at its lists */
static void
links_find (Links     *links,
            WpItemRow *row)
{
  gint64 *start = g_hash_table_lookup (links->starts, &row->id);
  const char **lead = (const char **) links->names->pdata + (start != NULL ? *start : 0);

  row->lead = lead;
  while (*lead != NULL)
    lead++;
  row->co = lead + 1;
}

/**
 * wp_store_walk_plan:
 * @func: called for each item of the plan, parent before its children,
 *   siblings in their order
 *
 * Returns: FALSE with @error set when the items could not be read or
 *   @func stopped the walk
 */
gboolean
wp_store_walk_plan (WpStore        *self,
                    gint64          plan_id,
                    WpItemRowFunc   func,
                    gpointer        user_data,
                    GError        **error)
{
  g_autoptr(WpStmt) stmt = NULL;
  Links links = { NULL };
  gboolean ok = TRUE;
  int rc = SQLITE_DONE;

  g_return_val_if_fail (WP_IS_STORE (self), FALSE);

  stmt = wp_stmt_prepare (self, WALK_SQL, error);
  if (stmt == NULL || !read_links (self, plan_id, &links, error))
    {
      links_clear (&links);
      return FALSE;
    }
  sqlite3_bind_int64 (stmt->stmt, 1, plan_id);

  while (ok && (rc = wp_stmt_step (stmt, error)) == SQLITE_ROW)
    {
      sqlite3_stmt *s = stmt->stmt;
      WpItemRow row = {
        .id = sqlite3_column_int64 (s, 0),
        .depth = (guint) sqlite3_column_int (s, 1),
        .title = wp_stmt_column_text (stmt, 3),
        .description = wp_stmt_column_text (stmt, 4),
        .progress = sqlite3_column_type (s, 6) == SQLITE_NULL ? -1 : sqlite3_column_int (s, 6),
        .due_label = wp_stmt_column_text (stmt, 8),
        .ongoing = sqlite3_column_int (s, 9) != 0,
        .carried_over = sqlite3_column_int (s, 10) != 0,
        .carried_forward = sqlite3_column_int (s, 11) != 0,
      };

      /* (unknown values read as wp-store-items.c reads them) */
      if (!wp_item_kind_from_string (wp_stmt_column_text (stmt, 2), &row.kind))
        row.kind = WP_ITEM_KIND_ACTION;
      if (!wp_item_status_from_string (wp_stmt_column_text (stmt, 5), &row.status))
        row.status = WP_ITEM_STATUS_NOT_STARTED;
      wp_date_from_iso ((const char *) sqlite3_column_text (s, 7), &row.due);
      links_find (&links, &row);
      ok = func (&row, user_data, error);
    }
  links_clear (&links);
  return ok && rc == SQLITE_DONE;
}
