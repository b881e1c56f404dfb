/* wp-filter.c: what the outline and the board can be narrowed to
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "wp-filter.h"
#include "wp-stats.h"

void
wp_filter_init (WpFilter *filter)
{
  memset (filter, 0, sizeof *filter);
  filter->status = -1;
  filter->pace = -1;
  filter->kind = -1;
}

void
wp_filter_clear (WpFilter *filter)
{
  g_clear_pointer (&filter->text, g_free);
  g_clear_pointer (&filter->agency, g_free);
  wp_filter_init (filter);
}

static gboolean
is_blank (const char *text)
{
  for (; text != NULL && *text != '\0'; text = g_utf8_next_char (text))
    if (!g_unichar_isspace (g_utf8_get_char (text)))
      return FALSE;
  return TRUE;
}

/* Copies @from into @to (cleared first), blank fields as none. */
void
wp_filter_copy (const WpFilter *from,
                WpFilter       *to)
{
  wp_filter_clear (to);
  if (from == NULL)
    return;
  to->text = is_blank (from->text) ? NULL : g_strstrip (g_strdup (from->text));
  to->agency = is_blank (from->agency) ? NULL : g_strdup (from->agency);
  to->status = from->status;
  to->overdue_only = from->overdue_only;
  to->done_month = from->done_month >= 1 && from->done_month <= 12 ? from->done_month : 0;
  to->pace = from->pace >= 0 && from->pace <= WP_PACE_DONE ? from->pace : -1;
  to->area_id = MAX (from->area_id, 0);
  to->kind = from->kind >= 0 && from->kind <= WP_ITEM_KIND_ACTION ? from->kind : -1;
  to->lead_id = MAX (from->lead_id, 0);
}

gboolean
wp_filter_equal (const WpFilter *a,
                 const WpFilter *b)
{
  return g_strcmp0 (a->text, b->text) == 0 && g_strcmp0 (a->agency, b->agency) == 0
         && a->status == b->status && a->overdue_only == b->overdue_only
         && a->done_month == b->done_month && a->pace == b->pace && a->area_id == b->area_id
         && a->kind == b->kind && a->lead_id == b->lead_id;
}

gboolean
wp_filter_is_empty (const WpFilter *filter)
{
  return filter == NULL || (is_blank (filter->text) && !wp_filter_has_criteria (filter));
}

/* Narrows by more than words: agency, status, overdue, month done or pace */
gboolean
wp_filter_has_criteria (const WpFilter *filter)
{
  return filter != NULL
         && (!is_blank (filter->agency) || filter->status >= 0 || filter->overdue_only
             || filter->done_month > 0 || filter->pace >= 0 || filter->area_id > 0
             || filter->kind >= 0 || filter->lead_id > 0);
}

/**
 * wp_filter_passes:
 * @agency_id: the filter's agency, resolved: 0 for any, -1 for one no
 *   item has
 *
 * Whether an item passes the filter's criteria (not its words).
 */
gboolean
wp_filter_passes (const WpFilter    *filter,
                  const WpPlanFacts *facts,
                  const WpItemFacts *f,
                  gint64             agency_id)
{
  if (filter->status >= 0 && f->status != (WpItemStatus) filter->status)
    return FALSE;
  if (agency_id != 0 && !wp_item_facts_involves (f, agency_id))
    return FALSE;
  if (filter->lead_id > 0)
    {
      gboolean leads = FALSE;

      for (guint k = 0; k < f->n_lead; k++)
        leads |= f->lead[k] == filter->lead_id;
      if (!leads)
        return FALSE;
    }
  if (filter->kind >= 0 && f->kind != (WpItemKind) filter->kind)
    return FALSE;
  if (filter->area_id > 0 && f->area_id != filter->area_id)
    return FALSE;
  if (filter->pace >= 0 && wp_item_facts_get_pace (f) != (WpPace) filter->pace)
    return FALSE;
  /* With an agency, its own lateness: a key task red only because of
   * another agency's action is not overdue for this one */
  if (filter->overdue_only
      && (agency_id != 0 ? f->agency_light : f->light) != WP_LIGHT_RED)
    return FALSE;
  if (filter->done_month > 0
      && (f->status != WP_ITEM_STATUS_DONE || !g_date_valid (&f->done_date)
          || g_date_get_year (&f->done_date) != (GDateYear) facts->year
          || g_date_get_month (&f->done_date) != (GDateMonth) filter->done_month))
    return FALSE;
  return TRUE;
}

/**
 * wp_filter_find:
 *
 * The items of the plan that pass the filter themselves: their text has
 * the words, an agency named leads or supports them, their rolled-up
 * status is the one asked for, they are overdue. What the outline shows,
 * with the items above them.
 *
 * Returns: (transfer full) (element-type gint64): their ids
 */
GArray *
wp_filter_find (WpStore         *store,
                gint64           plan_id,
                const WpFilter  *filter,
                GError         **error)
{
  g_autoptr(GArray) hits = NULL;
  g_autoptr(GHashTable) hit_set = NULL;
  g_autoptr(WpPlanFacts) facts = NULL;
  g_autoptr(GArray) found = NULL;
  gint64 agency_id = 0;

  g_return_val_if_fail (WP_IS_STORE (store), NULL);

  if (!is_blank (filter->text))
    {
      hits = wp_store_search (store, plan_id, filter->text, error);
      if (hits == NULL)
        return NULL;
      if (!wp_filter_has_criteria (filter))
        return g_steal_pointer (&hits);
      hit_set = g_hash_table_new (g_int64_hash, g_int64_equal);
      for (guint i = 0; i < hits->len; i++)
        g_hash_table_add (hit_set, &g_array_index (hits, gint64, i));
    }

  if (!is_blank (filter->agency))
    {
      g_autoptr(GPtrArray) agencies = wp_store_list_agencies (store, error);

      if (agencies == NULL)
        return NULL;
      agency_id = -1;
      for (guint i = 0; i < agencies->len; i++)
        if (g_strcmp0 (wp_agency_get_name (g_ptr_array_index (agencies, i)), filter->agency) == 0)
          agency_id = wp_agency_get_id (g_ptr_array_index (agencies, i));
    }

  facts = wp_store_list_plan_facts (store, plan_id, error);
  if (facts == NULL)
    return NULL;
  found = g_array_new (FALSE, FALSE, sizeof (gint64));
  for (guint i = 0; i < facts->items->len; i++)
    {
      const WpItemFacts *f = &g_array_index (facts->items, WpItemFacts, i);

      if ((hit_set != NULL && !g_hash_table_contains (hit_set, &f->id))
          || !wp_filter_passes (filter, facts, f, agency_id))
        continue;
      g_array_append_val (found, f->id);
    }
  return g_steal_pointer (&found);
}
