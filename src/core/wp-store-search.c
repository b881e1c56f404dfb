/* wp-store-search.c: finding items by their words, and the items a search shows
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "wp-backend.h"
#include "wp-db.h"
#include "wp-id-list.h"
#include "wp-store-private.h"

#define SEARCH(self) ((self)->backend->search)

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

static void
add_hit (gint64   item_id,
         gint64   parent_id,
         gpointer user_data)
{
  SearchHit hit = { item_id, parent_id };

  g_array_append_val ((GArray *) user_data, hit);
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
  g_autoptr(GArray) parents = NULL;

  g_return_val_if_fail (WP_IS_STORE (self), NULL);

  if (query == NULL || !g_utf8_validate (query, -1, NULL))
    return g_steal_pointer (&ids);
  clean = g_strstrip (g_strdup (query));
  if (clean[0] == '\0')
    return g_steal_pointer (&ids);

  /* The parents are kept for wp_store_set_shown(). */
  hits = g_array_new (FALSE, FALSE, sizeof (SearchHit));
  if (!SEARCH (self)->find (self, plan_id, clean, add_hit, hits, error))
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
  self->hit_parents_changes = _wp_db_total_changes (self);
  return g_steal_pointer (&ids);
}

/* @id's parent (0 at the top) as the last search read it, if that search
 * found @id and nothing changed since; -1 if not known. */
static gint64
hit_parent (WpStore *self,
            gint64   id)
{
  int at;

  if (self->hit_ids == NULL || self->hit_parents_changes != _wp_db_total_changes (self))
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

  g_return_val_if_fail (WP_IS_STORE (self), FALSE);

  /* The hits' parents are known from the search that found them; the
   * items above those, and the parents of hits found otherwise, are read. */
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

  /* Up from the known parents and from the hits whose parent is not known */
  g_array_prepend_vals (unknown, ancestor_set->data, ancestor_set->len);
  if (!SEARCH (self)->ancestors (self, plan_id, unknown, ancestor_set, error))
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
