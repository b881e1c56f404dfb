/* wp-store-search.c: finding items by their words, and the items a search shows
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "wp-alias-queries.h"
#include "wp-id-list.h"
#include "wp-store-private.h"

/* Search */

typedef struct {
  gint64 id;
  gint64 parent;
} SearchHit;

static int
compare_hits (gconstpointer a,
              gconstpointer b)
{
  gint64 x = ((const SearchHit *) a)->id, y = ((const SearchHit *) b)->id;

  return x < y ? -1 : x > y;
}

/* Appends the (item id, parent id) rows of @sql for @phrase in @plan_id */
static gboolean
collect_hits (WpStore     *self,
              GArray      *hits,
              const char  *sql,
              const char  *phrase,
              gint64       plan_id,
              GError     **error)
{
  g_autoptr(WpStmt) stmt = wp_stmt_prepare (self, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  wp_stmt_bind_text (stmt, 1, phrase);
  sqlite3_bind_int64 (stmt->stmt, 2, plan_id);
  while ((rc = wp_stmt_step (stmt, error)) == SQLITE_ROW)
    {
      SearchHit hit = { sqlite3_column_int64 (stmt->stmt, 0),
                        sqlite3_column_int64 (stmt->stmt, 1) };

      g_array_append_val (hits, hit);
    }
  return rc == SQLITE_DONE;
}

/**
 * wp_store_search:
 * @query: text to find in titles, descriptions and progress notes
 *
 * Finds @query as written (letters in any case) anywhere in an item's
 * title, description or one of its progress notes, through the search
 * indexes, and the items of the agency @query is the name, short name or
 * an alias of. The indexes have
 * a token per character, so @query is a phrase of its characters and one
 * or two (常见 in Chinese: 禁毒, 法) are found as fast as more.
 *
 * Returns: (transfer full) (element-type gint64): ids of matching items,
 *   in order
 */
GArray *
wp_store_search (WpStore     *self,
                 gint64       plan_id,
                 const char  *query,
                 GError     **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) hits = NULL;
  g_autofree char *clean = NULL;
  g_autofree char *phrase = NULL;
  g_auto(GStrv) parts = NULL;
  g_autofree char *escaped = NULL;
  g_autoptr(GArray) parents = NULL;

  g_return_val_if_fail (WP_IS_STORE (self), NULL);

  if (query == NULL || !g_utf8_validate (query, -1, NULL))
    return g_steal_pointer (&ids);
  clean = g_strstrip (g_strdup (query));
  if (clean[0] == '\0')
    return g_steal_pointer (&ids);

  /* One phrase, its quotes doubled */
  parts = g_strsplit (clean, "\"", -1);
  escaped = g_strjoinv ("\"\"", parts);
  phrase = g_strdup_printf ("\"%s\"", escaped);

  /* Titles and descriptions are indexed by item, notes by note (see
   * migration 11); a note's item is read from its row. The plan is looked
   * up in the small index of live items' plans and parents, which also
   * leaves out deleted items the search indexes still hold until they are
   * purged; the parents are kept for wp_store_set_shown(). Each index is
   * read by a statement of its own and the hits merged here: one
   * statement with both in a subquery took twice as long (100,000 items
   * with notes, 98,000 hits: 140 ms of CPU against 65). */
  hits = g_array_new (FALSE, FALSE, sizeof (SearchHit));
  if (!collect_hits (self, hits, "SELECT s.rowid, i.parent_id FROM item_search s"
                                 " JOIN item_all i INDEXED BY item_tree ON i.id = s.rowid"
                                 " WHERE item_search MATCH ?1 AND i.plan_id = ?2"
                                 " AND i.deleted_with = 0", phrase, plan_id, error)
      || !collect_hits (self, hits, "SELECT n.item_id, i.parent_id FROM note_search s"
                                    " JOIN note n ON n.id = s.rowid"
                                    " JOIN item_all i INDEXED BY item_tree ON i.id = n.item_id"
                                    " WHERE note_search MATCH ?1 AND i.plan_id = ?2"
                                    " AND i.deleted_with = 0", phrase, plan_id, error)
      /* the items an agency called @query leads or supports: 发改委 finds
       * those of 市发展改革委, whose alias it is */
      || !collect_hits (self, hits, wp_alias_queries_items_of_named_agency, clean, plan_id,
                        error))
    return NULL;
  g_array_sort (hits, compare_hits);

  g_clear_pointer (&self->hit_ids, g_array_unref);
  g_clear_pointer (&self->hit_parents, g_array_unref);
  parents = g_array_sized_new (FALSE, FALSE, sizeof (gint64), hits->len);
  for (guint i = 0; i < hits->len; i++)
    {
      const SearchHit *hit = &g_array_index (hits, SearchHit, i);

      if (ids->len > 0 && g_array_index (ids, gint64, ids->len - 1) == hit->id)
        continue;
      g_array_append_val (ids, hit->id);
      g_array_append_val (parents, hit->parent);
    }
  /* (in order of id, each once: a set to look hits up in) */
  self->hit_ids = g_array_copy (ids);
  self->hit_parents = g_steal_pointer (&parents);
  self->hit_parents_changes = sqlite3_total_changes64 (self->db);
  return g_steal_pointer (&ids);
}

/* @id's parent (0 at the top) as the last search read it, if that search
 * found @id and nothing changed since; -1 if not known. */
static gint64
hit_parent (WpStore *self,
            gint64   id)
{
  int at;

  if (self->hit_ids == NULL || self->hit_parents_changes != sqlite3_total_changes64 (self->db))
    return -1;
  at = wp_ids_find (self->hit_ids, id);
  return at >= 0 ? g_array_index (self->hit_parents, gint64, at) : -1;
}

/**
 * wp_store_set_shown:
 * @hits: (element-type gint64): the items that match, e.g. from
 *   wp_filter_find()
 * @matches: (out) (optional) (transfer full) (element-type gint64): ids of
 *   the items that match, a set (see wp_ids_contain())
 * @ancestors: (out) (optional) (transfer full) (element-type gint64): ids
 *   of the items above a match, a set
 *
 * Remembers what a filtered outline shows (@hits and the items above them)
 * for wp_store_list_shown_child_ids(). The set is kept in memory, not in a
 * table: a search writes nothing, so it works on a file still being
 * checked, and the lists filter their children's ids with it.
 */
gboolean
wp_store_set_shown (WpStore       *self,
                    gint64         plan_id,
                    const GArray  *hits,
                    GArray       **matches,
                    GArray       **ancestors,
                    GError       **error)
{
  g_autoptr(GArray) match_set = g_array_sized_new (FALSE, FALSE, sizeof (gint64), hits->len);
  g_autoptr(GArray) ancestor_set = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) unknown = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GString) json = g_string_sized_new (hits->len * 8 + 2);
  g_autoptr(WpStmt) up = NULL;
  int rc;

  g_return_val_if_fail (WP_IS_STORE (self), FALSE);

  /* The hits' parents are known from the search that found them; the
   * items above those, and the parents of hits found otherwise, are read.
   * What is read goes through the small index of each item's plan and
   * parent (item_tree) rather than the item rows: a search lights on
   * items all over the file, and reading their rows read most of it. */
  g_array_append_vals (match_set, hits->data, hits->len);
  wp_ids_sort_unique (match_set);
  for (guint i = 0; i < match_set->len; i++)
    {
      gint64 id = g_array_index (match_set, gint64, i);
      gint64 parent = hit_parent (self, id);

      if (parent < 0)
        g_array_append_val (unknown, id);
      else if (parent > 0)
        g_array_append_val (ancestor_set, parent);
    }
  wp_ids_sort_unique (ancestor_set);

  g_string_append_c (json, '[');
  for (guint i = 0; i < ancestor_set->len; i++)
    wp_ids_append_json (json, g_array_index (ancestor_set, gint64, i));
  for (guint i = 0; i < unknown->len; i++)
    wp_ids_append_json (json, g_array_index (unknown, gint64, i));
  g_string_append_c (json, ']');

  up = wp_stmt_prepare (self, "WITH RECURSIVE up (id) AS ("
                              " SELECT i.parent_id FROM json_each (?1) j"
                              "  JOIN item_all i INDEXED BY item_tree ON i.id = j.value"
                              "  WHERE i.plan_id = ?2 AND i.parent_id IS NOT NULL"
                              "  AND i.deleted_with = 0"
                              " UNION SELECT i.parent_id FROM up"
                              "  JOIN item_all i INDEXED BY item_tree ON i.id = up.id"
                              "  WHERE i.parent_id IS NOT NULL AND i.deleted_with = 0)"
                              " SELECT id FROM up", error);
  if (up == NULL)
    return FALSE;
  sqlite3_bind_text (up->stmt, 1, json->str, (int) json->len, SQLITE_STATIC);
  sqlite3_bind_int64 (up->stmt, 2, plan_id);
  while ((rc = wp_stmt_step (up, error)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (up->stmt, 0);
      g_array_append_val (ancestor_set, id);
    }
  if (rc != SQLITE_DONE)
    return FALSE;
  wp_ids_sort_unique (ancestor_set);

  g_clear_pointer (&self->shown_matches, g_array_unref);
  self->shown_matches = g_array_ref (match_set);
  g_clear_pointer (&self->shown_ancestors, g_array_unref);
  self->shown_ancestors = g_array_ref (ancestor_set);

  if (matches != NULL)
    *matches = g_steal_pointer (&match_set);
  if (ancestors != NULL)
    *ancestors = g_steal_pointer (&ancestor_set);
  return TRUE;
}

gboolean
_wp_store_is_shown_ancestor (WpStore *self,
                             gint64   item_id)
{
  return wp_ids_contain (self->shown_ancestors, item_id);
}
