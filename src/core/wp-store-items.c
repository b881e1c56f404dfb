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

#define ITEMS(self) ((self)->backend->items)

/* Items */

/* One object per row: refreshes the live one if there is one. */
static WpItem *
item_from_data (WpStore    *self,
                WpItemData *data)
{
  return wp_item_cache_take (self->live_items, data);
}

void
wp_store_forget_live_items (WpStore *self)
{
  wp_item_cache_clear (self->live_items);
}

WpItem *
wp_store_get_item (WpStore  *self,
                   gint64    item_id,
                   GError  **error)
{
  WpItemData data;

  g_return_val_if_fail (WP_IS_STORE (self), NULL);

  if (!ITEMS (self)->get (self, item_id, &data, error))
    return NULL;
  _wp_store_roll_up_item (self, &data);
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
        g_hash_table_remove (self->rollups, &item_id);
        g_array_append_val (chains, item_id);
        if (!ITEMS (self)->get_parent (self, item_id, &item_id))
          break;
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
          && wp_item_cache_contains (self->live_items, id))
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

typedef struct {
  WpStore   *store;
  GPtrArray *items;
} ListRows;

static void
add_listed_item (WpItemData *data,
                 gpointer    user_data)
{
  ListRows *rows = user_data;

  _wp_store_roll_up_item (rows->store, data);
  g_ptr_array_add (rows->items, item_from_data (rows->store, data));
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
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  ListRows rows = { self, items };

  g_return_val_if_fail (WP_IS_STORE (self), NULL);

  if (!ITEMS (self)->list_children (self, plan_id, parent_id, add_listed_item, &rows, error))
    return NULL;
  return g_steal_pointer (&items);
}

/* The ids of @parent_id's children that the current search shows, in no
 * particular order: from the index alone. */
static GArray *
shown_child_ids (WpStore   *self,
                 gint64     plan_id,
                 gint64     parent_id,
                 GError   **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  guint kept = 0;

  if (!ITEMS (self)->child_ids (self, plan_id, parent_id, FALSE, ids, error))
    return NULL;
  for (guint i = 0; i < ids->len; i++)
    {
      gint64 id = g_array_index (ids, gint64, i);

      if (wp_ids_contain (self->shown_matches, id) || wp_ids_contain (self->shown_ancestors, id))
        g_array_index (ids, gint64, kept++) = id;
    }
  g_array_set_size (ids, kept);
  return g_steal_pointer (&ids);
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
  g_return_val_if_fail (WP_IS_STORE (self), 0);

  if (shown_only)
    {
      g_autoptr(GArray) ids = shown_child_ids (self, plan_id, parent_id, NULL);
      return ids != NULL ? ids->len : 0;
    }
  return ITEMS (self)->count_children (self, plan_id, parent_id);
}

/* How many items are under @item_id, at every level: what deleting it
 * takes away with it (the toast says so) */
guint
wp_store_count_descendants (WpStore *self,
                            gint64   item_id)
{
  g_return_val_if_fail (WP_IS_STORE (self), 0);
  return ITEMS (self)->count_descendants (self, item_id);
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
  g_autoptr(GArray) ids = NULL;

  if (!shown_only)
    {
      ids = g_array_new (FALSE, FALSE, sizeof (gint64));
      if (!ITEMS (self)->child_ids (self, plan_id, parent_id, TRUE, ids, error))
        return NULL;
      return g_steal_pointer (&ids);
    }

  /* Shown children: the ids alone come from the index; only the ones
   * shown are read for their position (and will be read to be shown
   * anyway). Sorting them all by position read every child's row, most of
   * them for nothing: a key task's actions lie all over the file. */
  ids = shown_child_ids (self, plan_id, parent_id, error);
  if (ids == NULL || !ITEMS (self)->order_by_position (self, ids, error))
    return NULL;
  return g_steal_pointer (&ids);
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
  g_return_val_if_fail (WP_IS_STORE (self), 0);
  return ITEMS (self)->child_at (self, plan_id, parent_id, position, error);
}

static void
place_live_item (gint64   item_id,
                 int      position,
                 gpointer user_data)
{
  WpStore *self = user_data;
  WpItem *live = wp_item_cache_lookup (self->live_items, item_id);

  if (live != NULL)
    _wp_item_set_position (live, position);
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
  gboolean ok;

  /* One row of the change log for the shift, not one per sibling */
  if (self->change_log != NULL)
    CHANGE_LOG (self)->pause (self->change_log);
  /* Items a view holds know their new places, loaded in a list or not. */
  ok = ITEMS (self)->shift_siblings (self, plan_id, parent_id, from, delta, except_id,
                                     place_live_item, self, error);
  if (self->change_log == NULL)
    return ok;
  CHANGE_LOG (self)->resume (self->change_log);
  return ok
         && (CHANGE_LOG (self)->is_paused (self->change_log)
             || CHANGE_LOG (self)->add_shift (self, plan_id, parent_id, from, delta, except_id,
                                         error));
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
  g_autofree char *now = wp_store_now ();
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

      if (!ITEMS (self)->locate (self, parent_id, &parent_plan, &grandparent, &parent_position, error))
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

  n = ITEMS (self)->count_siblings (self, plan_id, parent_id, 0, error);
  if (n < 0)
    goto fail;
  if (position < 0 || position > n)
    position = n;

  /* Appending moves no sibling: the shift would still read every one of
   * them (positions are not indexed), once per item an import appends. */
  if ((position < n
       && !wp_store_shift_siblings (self, plan_id, parent_id, position, +1, 0, error))
      || !ITEMS (self)->insert (self, plan_id, parent_id, position, kind, title, now, &id,
                                error))
    goto fail;

  if (!wp_store_commit (self, error))
    return NULL;

  wp_store_children_changed_hinted (self, plan_id, parent_id, id, -1, position);
  return wp_store_get_item (self, id, error);

fail:
  wp_store_rollback (self);
  return NULL;
}

/* FALSE (with @error) unless @value suits a property of @kind */
static gboolean
check_item_value (WpItemValueKind  kind,
                  const char      *property,
                  const GValue    *value,
                  GError         **error)
{
  const char *str = G_VALUE_HOLDS_STRING (value) ? g_value_get_string (value) : NULL;
  gboolean ok = TRUE;
  WpItemKind k;
  WpItemStatus s;
  GDate date;

  switch (kind)
    {
    case WP_ITEM_VALUE_TEXT:
      ok = G_VALUE_HOLDS_STRING (value) && (str == NULL || g_utf8_validate (str, -1, NULL));
      break;
    case WP_ITEM_VALUE_KIND:
      ok = wp_item_kind_from_string (str, &k);
      break;
    case WP_ITEM_VALUE_STATUS:
      ok = wp_item_status_from_string (str, &s);
      break;
    case WP_ITEM_VALUE_PROGRESS:
      ok = G_VALUE_HOLDS_INT (value) && g_value_get_int (value) >= -1
           && g_value_get_int (value) <= 100;
      break;
    case WP_ITEM_VALUE_DATE:
      ok = G_VALUE_HOLDS_STRING (value) && (str == NULL || wp_date_from_iso (str, &date));
      break;
    case WP_ITEM_VALUE_BOOLEAN:
      ok = G_VALUE_HOLDS_BOOLEAN (value);
      break;
    case WP_ITEM_VALUE_NONE:
    default:
      g_assert_not_reached ();
    }

  if (!ok)
    g_set_error (error, WP_STORE_ERROR, WP_STORE_ERROR_INVALID,
                 _("“%s” is not a valid value for %s."),
                 str ? str : "?", property);
  return ok;
}

/* Called by wp_store_set_item_property(): an item no longer done is no
 * longer closed out */
static gboolean
status_changed (WpStore       *self,
                gint64         item_id,
                WpItemStatus   status,
                GError       **error)
{
  if (status == WP_ITEM_STATUS_DONE)
    return TRUE;
  return self->backend->tracking->drop_closeout (self, item_id, error);
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
  g_autofree char *now = wp_store_now ();
  g_autofree char *today = NULL;
  WpItemValueKind kind;

  g_return_val_if_fail (WP_IS_STORE (self), FALSE);

  if (!wp_store_check_writable (self, error))
    return FALSE;

  kind = ITEMS (self)->property_kind (property);
  if (kind == WP_ITEM_VALUE_NONE)
    {
      g_set_error (error, WP_STORE_ERROR, WP_STORE_ERROR_INVALID,
                   "Items have no property “%s”", property);
      return FALSE;
    }
  if (!check_item_value (kind, property, value, error))
    return FALSE;

  if (kind == WP_ITEM_VALUE_STATUS)
    {
      WpItemStatus status = WP_ITEM_STATUS_NOT_STARTED;
      GDate day;

      /* The day finished, on the calendar the app judges by */
      wp_date_get_reference (&day);
      today = wp_date_to_iso (&day);
      /* (a status leaves or keeps the item's close-out in the same write) */
      wp_item_status_from_string (g_value_get_string (value), &status);
      if (!wp_store_begin (self, error))
        return FALSE;
      if (!ITEMS (self)->set_property (self, item_id, property, value, now, today, error)
          || !status_changed (self, item_id, status, error))
        {
          wp_store_rollback (self);
          return FALSE;
        }
      if (!wp_store_commit (self, error))
        return FALSE;
    }
  else if (!ITEMS (self)->set_property (self, item_id, property, value, now, NULL, error))
    return FALSE;

  wp_store_refresh_item_and_ancestors (self, item_id);
  return TRUE;
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
  g_autofree char *now = wp_store_now ();
  gint64 plan_id, old_parent_id;
  int old_position, n;

  g_return_val_if_fail (WP_IS_STORE (self), FALSE);

  if (!wp_store_check_writable (self, error)
      || !ITEMS (self)->locate (self, item_id, &plan_id, &old_parent_id, &old_position, error))
    return FALSE;

  if (new_parent_id != 0)
    {
      gint64 parent_plan, grandparent;
      int parent_position;

      if (!ITEMS (self)->locate (self, new_parent_id, &parent_plan, &grandparent, &parent_position,
                          error))
        return FALSE;
      if (parent_plan != plan_id)
        {
          g_set_error (error, WP_STORE_ERROR, WP_STORE_ERROR_INVALID,
                       _("Items cannot be moved to another plan this way."));
          return FALSE;
        }
      if (ITEMS (self)->is_in_subtree (self, item_id, new_parent_id))
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

  n = ITEMS (self)->count_siblings (self, plan_id, new_parent_id, item_id, error);
  if (n < 0)
    goto fail;
  if (new_position < 0 || new_position > n)
    new_position = n;

  if (!wp_store_shift_siblings (self, plan_id, new_parent_id, new_position, +1, item_id, error))
    goto fail;

  if (!ITEMS (self)->set_place (self, item_id, new_parent_id, new_position, now, error))
    goto fail;

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

/* Tells the lists and everyone else that @parent_id's children changed
 * (with @item_id, from @from to @to, as a hint to the lists), after
 * reading the parent's chain of items again unless @refreshed. */
void
_wp_store_children_changed (WpStore  *self,
                            gint64    plan_id,
                            gint64    parent_id,
                            gint64    item_id,
                            int       from,
                            int       to,
                            gboolean  refreshed)
{
  if (self->frozen > 0)
    {
      self->missed_signals = TRUE;
      return;
    }
  /* (told before the whole edit is saved: see wp_store_rollback()) */
  if (self->tx_depth > 0)
    self->told_in_transaction = TRUE;
  /* Refresh first, so handlers see the parent's new child count. */
  if (!refreshed)
    wp_store_refresh_item_and_ancestors (self, parent_id);
  self->hint.item_id = item_id;
  self->hint.from = from;
  self->hint.to = to;
  _wp_store_dispatch_to_lists (self, plan_id, parent_id);
  g_signal_emit (self, wp_store_signals[SIGNAL_CHILDREN_CHANGED], 0, plan_id, parent_id);
  self->hint.item_id = 0;
}

/* Like wp_store_children_changed(), saying that only @item_id came, went or
 * moved (from one position to another, -1 where it is not), so that open
 * lists can update themselves without reading their rows again. */
void
wp_store_children_changed_hinted (WpStore *self,
                                  gint64   plan_id,
                                  gint64   parent_id,
                                  gint64   item_id,
                                  int      from,
                                  int      to)
{
  _wp_store_children_changed (self, plan_id, parent_id, item_id, from, to, FALSE);
}

void
wp_store_children_changed (WpStore *self,
                           gint64   plan_id,
                           gint64   parent_id)
{
  _wp_store_children_changed (self, plan_id, parent_id, 0, -1, -1, FALSE);
}
