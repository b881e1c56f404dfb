/* wp-outline-search.c: the outline narrowed to a search and filters
 *
 * Only the matches and the rows above them show, the latter opened from
 * the top down as they come into view.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "wp-outline-row.h"
#include "wp-outline-view-private.h"


/* Model */

/* Showing only some items: words, an agency, a status or overdue ones */
gboolean
_wp_outline_is_filtering (WpOutlineView *self)
{
  return self->search != NULL || wp_filter_has_criteria (&self->criteria);
}

GListModel *
_wp_outline_create_child_model (gpointer item,
                                gpointer user_data)
{
  WpOutlineView *self = user_data;
  gint64 id = wp_item_get_id (item);

  if (wp_item_get_n_children (item) == 0)
    return NULL;
  if (_wp_outline_is_filtering (self))
    {
      /* Searching: only the rows above a match open, on what leads to it. */
      if (!wp_ids_contain (self->ancestors, id))
        return NULL;
      return wp_store_get_shown_children_model (_wp_outline_get_store (self),
                                                wp_item_get_plan_id (item), id);
    }
  return G_LIST_MODEL (wp_item_list_new_for_item (_wp_outline_get_store (self), item));
}

const char *
_wp_outline_view_get_search (WpOutlineView *self)
{
  return self->search;
}

guint
_wp_outline_view_get_search_serial (WpOutlineView *self)
{
  return self->search_serial;
}

gboolean
_wp_outline_view_is_match (WpOutlineView *self,
                           gint64         item_id)
{
  return wp_ids_contain (self->matches, item_id);
}


/* Whether @row is above a match and was not opened before (a row the user
 * closed stays closed). */
static gboolean
wants_open (WpOutlineView  *self,
            GtkTreeListRow *row,
            WpItem         *item)
{
  gint64 id = wp_item_get_id (item);

  return self->ancestors != NULL && !gtk_tree_list_row_get_expanded (row)
         && wp_ids_contain (self->ancestors, id)
         && g_object_get_data (G_OBJECT (row), "wp-opened") == NULL;
}

static void
open_for_search (WpOutlineView  *self,
                 GtkTreeListRow *row)
{
  g_autoptr(WpItem) item = gtk_tree_list_row_get_item (row);

  if (item == NULL || !wants_open (self, row, item))
    return;
  g_object_set_data (G_OBJECT (row), "wp-opened", GINT_TO_POINTER (TRUE));
  gtk_tree_list_row_set_expanded (row, TRUE);
}

/* Opens the search's rows from the top, down to the first few screens. */
void
_wp_outline_open_first_rows (WpOutlineView *self)
{
  for (guint i = 0; i < SEARCH_ROWS_OPENED_AT_ONCE
                    && i < g_list_model_get_n_items (G_LIST_MODEL (self->tree)); i++)
    {
      g_autoptr(GtkTreeListRow) row = gtk_tree_list_model_get_row (self->tree, i);

      if (row != NULL)
        open_for_search (self, row);
    }
}

static gboolean
open_rows_in_view (gpointer user_data)
{
  WpOutlineView *self = user_data;
  g_autoptr(GPtrArray) shown = g_steal_pointer (&self->to_open);

  self->open_idle = 0;
  /* Only the rows still shown: opening rows shifts the ones below, and GTK
   * shows many rows for a moment on the way. */
  for (guint i = 0; shown != NULL && self->ancestors != NULL && i < shown->len; i++)
    {
      GtkTreeListRow *row = gtk_list_item_get_item (g_ptr_array_index (shown, i));

      if (row != NULL)
        open_for_search (self, row);
    }
  return G_SOURCE_REMOVE;
}

/* Called by the rows as they come into view: a closed row above a match
 * opens, after GTK has done making rows. */
void
_wp_outline_view_row_shown (WpOutlineView  *self,
                            GtkListItem    *list_item,
                            WpItem         *item)
{
  GtkTreeListRow *row = gtk_list_item_get_item (list_item);

  if (row == NULL || !wants_open (self, row, item))
    return;
  if (self->to_open == NULL)
    self->to_open = g_ptr_array_new_with_free_func (g_object_unref);
  if (!g_ptr_array_find (self->to_open, list_item, NULL))
    g_ptr_array_add (self->to_open, g_object_ref (list_item));
  if (self->open_idle == 0)
    self->open_idle = g_idle_add_full (G_PRIORITY_HIGH_IDLE + 15, open_rows_in_view, self, NULL);
}

/* What the words and criteria show: the matches, and the items above them
 * (in the store's shown set) */
gboolean
_wp_outline_find_shown (WpOutlineView  *self,
                        GError        **error)
{
  g_autoptr(GArray) hits = NULL;
  WpFilter filter = self->criteria;

  filter.text = self->search;
  g_clear_pointer (&self->matches, g_array_unref);
  g_clear_pointer (&self->ancestors, g_array_unref);
  hits = wp_filter_find (_wp_outline_get_store (self), wp_plan_get_id (self->binding.plan),
                         &filter, error);
  return hits != NULL
         && wp_store_set_shown (_wp_outline_get_store (self), wp_plan_get_id (self->binding.plan),
                                hits, &self->matches, &self->ancestors, error);
}

/* From one search to the next: the shown lists report only the rows that
 * came or went, so rows that stay keep their widgets; their titles are
 * highlighted again for the new words. */
void
_wp_outline_refilter (WpOutlineView *self)
{
  g_autoptr(GError) error = NULL;
  GHashTableIter iter;
  gpointer key, value;

  if (!_wp_outline_find_shown (self, &error))
    {
      _wp_outline_show_error (self, error);
      g_clear_pointer (&self->search, g_free);
      wp_filter_clear (&self->criteria);
      _wp_outline_reload (self);
      return;
    }
  wp_store_shown_changed (_wp_outline_get_store (self), wp_plan_get_id (self->binding.plan));
  _wp_outline_open_first_rows (self);

  g_hash_table_iter_init (&iter, self->title_cells);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      g_autoptr(WpItem) item = wp_store_get_item (_wp_outline_get_store (self),
                                                  *(gint64 *) key, NULL);

      if (item != NULL)
        wp_outline_title_draw (self, value, item);
    }
  _wp_outline_update_empty_state (self);
}

/**
 * wp_outline_view_set_search:
 * @query: (nullable): words to find, or %NULL (or empty) to show everything
 *
 * Filters the outline to the items whose title, description or progress
 * notes contain @query, with the items above them, all opened.
 */
void
wp_outline_view_set_search (WpOutlineView *self,
                            const char    *query)
{
  WpFilter filter = self->criteria;

  g_return_if_fail (WP_IS_OUTLINE_VIEW (self));

  filter.text = (char *) query;
  wp_outline_view_set_filter (self, &filter);
}

/**
 * wp_outline_view_set_filter:
 * @filter: (nullable): words and criteria, or %NULL to show everything
 *
 * Filters the outline to the items that match the words (in title,
 * description or progress notes) and the agency, status and overdue
 * criteria, with the items above them, all opened.
 */
void
wp_outline_view_set_filter (WpOutlineView  *self,
                            const WpFilter *filter)
{
  WpFilter wanted;
  gboolean was_filtering;

  g_return_if_fail (WP_IS_OUTLINE_VIEW (self));

  wp_filter_init (&wanted);
  wp_filter_copy (filter, &wanted);
  {
    /* The same words and criteria: nothing to do */
    WpFilter current = self->criteria;

    current.text = self->search;
    if (wp_filter_equal (&wanted, &current))
      {
        wp_filter_clear (&wanted);
        return;
      }
  }

  _wp_outline_end_editing (self, TRUE);
  was_filtering = _wp_outline_is_filtering (self);
  g_free (self->search);
  self->search = g_steal_pointer (&wanted.text);
  wp_filter_clear (&self->criteria);
  self->criteria = wanted;
  self->search_serial++;
  if (!_wp_outline_is_filtering (self))
    {
      g_clear_pointer (&self->matches, g_array_unref);
      g_clear_pointer (&self->ancestors, g_array_unref);
    }
  if (was_filtering && _wp_outline_is_filtering (self) && self->root != NULL
      && self->binding.plan != NULL)
    _wp_outline_refilter (self);
  else
    _wp_outline_reload (self);
}

