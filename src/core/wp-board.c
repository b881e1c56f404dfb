/* wp-board.c: the kanban board's columns and the agency directory's
 * workload, computed from a plan's facts (no widgets)
 *
 * Both read the whole plan in two queries (wp_store_list_plan_facts()) and
 * make no item objects: a column holds ids, and the view makes objects
 * only for the cards it shows.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "wp-board.h"
#include "wp-deadline.h"

void
wp_board_column_free (WpBoardColumn *column)
{
  g_free (column->key);
  g_free (column->title);
  g_clear_pointer (&column->ids, g_array_unref);
  g_free (column);
}

void
wp_agency_load_free (WpAgencyLoad *load)
{
  g_clear_object (&load->agency);
  g_free (load);
}

/* What a filter needs, resolved once against the plan */
typedef struct {
  const WpFilter *filter;
  gint64          agency_id;   /* 0: any; -1: an agency no item has */
  GHashTable     *hits;        /* search matches, or NULL for no search */
  GHashTable     *above_hits;  /* items with a match below them */
} Narrowing;

static void
narrowing_clear (Narrowing *n)
{
  g_clear_pointer (&n->hits, g_hash_table_unref);
  g_clear_pointer (&n->above_hits, g_hash_table_unref);
}

static gboolean
narrowing_init (Narrowing          *n,
                WpStore            *store,
                const WpPlanFacts  *facts,
                const WpFilter     *filter,
                GPtrArray          *agencies,
                GError            **error)
{
  memset (n, 0, sizeof *n);
  n->filter = filter;
  if (filter == NULL)
    return TRUE;

  if (filter->agency != NULL && filter->agency[0] != '\0')
    {
      n->agency_id = -1;
      for (guint i = 0; i < agencies->len; i++)
        if (g_strcmp0 (wp_agency_get_name (g_ptr_array_index (agencies, i)), filter->agency) == 0)
          n->agency_id = wp_agency_get_id (g_ptr_array_index (agencies, i));
    }

  if (filter->text != NULL)
    {
      g_autofree char *text = g_strstrip (g_strdup (filter->text));
      g_autoptr(GArray) hits = NULL;

      if (text[0] == '\0')
        return TRUE;
      hits = wp_store_search (store, facts->plan_id, text, error);
      if (hits == NULL)
        return FALSE;
      n->hits = g_hash_table_new (g_int64_hash, g_int64_equal);
      n->above_hits = g_hash_table_new (g_int64_hash, g_int64_equal);
      for (guint i = 0; i < hits->len; i++)
        {
          const WpItemFacts *f = wp_plan_facts_lookup (facts, g_array_index (hits, gint64, i));

          if (f == NULL)
            continue;
          g_hash_table_add (n->hits, (gpointer) &f->id);
          while (f->parent_id != 0 && (f = wp_plan_facts_lookup (facts, f->parent_id)) != NULL
                 && g_hash_table_add (n->above_hits, (gpointer) &f->id))
            ;
        }
    }
  return TRUE;
}

/* An item passes a search when it, something below it or something above
 * it matches: a key task shows when one of its actions mentions the word. */
static gboolean
narrowing_passes (const Narrowing   *n,
                  const WpPlanFacts *facts,
                  const WpItemFacts *f)
{
  const WpFilter *filter = n->filter;

  if (filter == NULL)
    return TRUE;
  if (!wp_filter_passes (filter, facts, f, n->agency_id))
    return FALSE;
  if (n->hits != NULL)
    {
      const WpItemFacts *up = f;

      if (g_hash_table_contains (n->hits, &f->id) || g_hash_table_contains (n->above_hits, &f->id))
        return TRUE;
      while (up->parent_id != 0 && (up = wp_plan_facts_lookup (facts, up->parent_id)) != NULL)
        if (g_hash_table_contains (n->hits, &up->id))
          return TRUE;
      return FALSE;
    }
  return TRUE;
}

static WpBoardColumn *
column_new (char        *key,
            const char  *title,
            gint64       value)
{
  WpBoardColumn *column = g_new0 (WpBoardColumn, 1);

  column->key = key;
  column->title = g_strdup (title);
  column->value = value;
  column->accepts_drops = TRUE;
  column->ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  return column;
}

/* @light: the light the column counts the card's lateness by */
static void
column_add (WpBoardColumn     *column,
            const WpItemFacts *f,
            WpLight            light)
{
  g_array_append_val (column->ids, f->id);
  column->n_overdue += light == WP_LIGHT_RED;
}

/**
 * wp_board_quarter_label:
 *
 * Returns: the name of a quarter column (一季度 … 四季度, 长期, 无期限)
 */
const char *
wp_board_quarter_label (int quarter)
{
  switch (quarter)
    {
    case 1: return _("Q1");
    case 2: return _("Q2");
    case 3: return _("Q3");
    case 4: return _("Q4");
    case WP_BOARD_QUARTER_ONGOING: return _("Ongoing");
    case WP_BOARD_QUARTER_LATER: return _("Later Years");
    case WP_BOARD_QUARTER_NONE:
    default: return _("No Deadline");
    }
}

static int
quarter_of (const WpItemFacts *f,
            int                year)
{
  if (f->ongoing)
    return WP_BOARD_QUARTER_ONGOING;
  if (!g_date_valid (&f->due))
    return WP_BOARD_QUARTER_NONE;
  if (g_date_get_year (&f->due) > year)
    return WP_BOARD_QUARTER_LATER;
  if (g_date_get_year (&f->due) < year)
    return 1;
  return wp_deadline_quarter (&f->due);
}

/* Most items led first (@led: counts by agency id), then by name */
static int
compare_by_load (gconstpointer a,
                 gconstpointer b,
                 gpointer      led)
{
  const WpBoardColumn *x = *(WpBoardColumn * const *) a;
  const WpBoardColumn *y = *(WpBoardColumn * const *) b;
  guint nx = ((const guint *) led)[x->value];
  guint ny = ((const guint *) led)[y->value];
  g_autofree char *kx = NULL;
  g_autofree char *ky = NULL;

  if (nx != ny)
    return nx > ny ? -1 : 1;
  kx = g_utf8_collate_key (x->title, -1);
  ky = g_utf8_collate_key (y->title, -1);
  return strcmp (kx, ky);
}

static gboolean
is_card (const WpItemFacts *f,
         WpBoardCards       cards)
{
  return (f->kind == WP_ITEM_KIND_TASK && (cards & WP_BOARD_CARDS_TASKS) != 0)
         || (f->kind == WP_ITEM_KIND_ACTION && (cards & WP_BOARD_CARDS_ACTIONS) != 0);
}

/**
 * wp_board_compute:
 * @cards: which kinds of items are cards
 * @filter: (nullable): what to narrow the cards to
 *
 * Groups the plan's cards into columns: by status (four columns), by lead
 * agency (every agency leading a card in the plan, busiest first, then
 * 未分配; a card with two lead agencies is in both columns), by the quarter
 * of its deadline, or by area.
 *
 * Returns: (transfer full) (element-type WpBoardColumn): the columns
 */
GPtrArray *
wp_board_compute (WpStore          *store,
                  gint64            plan_id,
                  WpBoardGrouping   grouping,
                  WpBoardCards      cards,
                  const WpFilter   *filter,
                  GError          **error)
{
  g_autoptr(WpPlanFacts) facts = NULL;
  g_autoptr(GPtrArray) agencies = NULL;
  g_autoptr(GPtrArray) columns =
    g_ptr_array_new_with_free_func ((GDestroyNotify) wp_board_column_free);
  g_autoptr(GHashTable) by_value = g_hash_table_new (g_int64_hash, g_int64_equal);
  Narrowing narrowing;
  WpBoardColumn *later = NULL;
  g_autofree WpBoardColumn **lead_columns = NULL;  /* by agency id, for BY_LEAD */
  gint64 max_agency = 0;

  g_return_val_if_fail (WP_IS_STORE (store), NULL);

  facts = wp_store_list_plan_facts (store, plan_id, error);
  if (facts == NULL)
    return NULL;
  agencies = wp_store_list_agencies (store, error);
  if (agencies == NULL)
    return NULL;
  if (!narrowing_init (&narrowing, store, facts, filter, agencies, error))
    return NULL;

  switch (grouping)
    {
    case WP_BOARD_BY_STATUS:
      for (int s = WP_ITEM_STATUS_NOT_STARTED; s <= WP_ITEM_STATUS_SUSPENDED; s++)
        g_ptr_array_add (columns, column_new (g_strdup_printf ("status:%s",
                                                               wp_item_status_to_string (s)),
                                              wp_item_status_to_label (s), s));
      break;

    case WP_BOARD_BY_LEAD:
      {
        /* Agencies that lead cards of the kinds shown (one that leads only
         * actions has no column among key tasks), those leading most
         * first; then the column of cards without one. (Counted in an
         * array by agency id: a directory has hundreds of agencies, a
         * plan hundreds of thousands of links.) */
        g_autofree guint *led = NULL;

        for (guint i = 0; i < agencies->len; i++)
          max_agency = MAX (max_agency, wp_agency_get_id (g_ptr_array_index (agencies, i)));
        led = g_new0 (guint, max_agency + 1);
        lead_columns = g_new0 (WpBoardColumn *, max_agency + 1);
        for (guint i = 0; i < facts->items->len; i++)
          {
            WpItemFacts *f = &g_array_index (facts->items, WpItemFacts, i);

            if (!is_card (f, cards))
              continue;
            for (guint k = 0; k < f->n_lead; k++)
              if (f->lead[k] > 0 && f->lead[k] <= max_agency)
                led[f->lead[k]]++;
          }
        for (guint i = 0; i < agencies->len; i++)
          {
            WpAgency *agency = g_ptr_array_index (agencies, i);
            gint64 id = wp_agency_get_id (agency);

            if (led[id] > 0)
              {
                lead_columns[id] = column_new (g_strdup_printf ("lead:%" G_GINT64_FORMAT, id),
                                               wp_agency_get_name (agency), id);
                g_ptr_array_add (columns, lead_columns[id]);
              }
          }
        g_ptr_array_sort_with_data (columns, compare_by_load, led);
        /* Translators: the board column of items without a lead agency */
        g_ptr_array_add (columns, column_new (g_strdup ("lead:0"), _("Unassigned"), 0));
      }
      break;

    case WP_BOARD_BY_QUARTER:
      {
        const int order[] = { 1, 2, 3, 4, WP_BOARD_QUARTER_ONGOING, WP_BOARD_QUARTER_NONE };

        for (guint i = 0; i < G_N_ELEMENTS (order); i++)
          g_ptr_array_add (columns, column_new (g_strdup_printf ("quarter:%d", order[i]),
                                                wp_board_quarter_label (order[i]), order[i]));
        later = column_new (g_strdup_printf ("quarter:%d", WP_BOARD_QUARTER_LATER),
                            wp_board_quarter_label (WP_BOARD_QUARTER_LATER),
                            WP_BOARD_QUARTER_LATER);
        later->accepts_drops = FALSE;
      }
      break;

    case WP_BOARD_BY_AREA:
      {
        g_autoptr(GPtrArray) top = wp_store_list_children (store, plan_id, 0, error);

        if (top == NULL)
          {
            narrowing_clear (&narrowing);
            return NULL;
          }
        for (guint i = 0; i < top->len; i++)
          {
            WpItem *area = g_ptr_array_index (top, i);

            g_ptr_array_add (columns, column_new (g_strdup_printf ("area:%" G_GINT64_FORMAT,
                                                                   wp_item_get_id (area)),
                                                  wp_item_get_title (area),
                                                  wp_item_get_id (area)));
          }
      }
      break;

    default:
      g_assert_not_reached ();
    }
  if (later != NULL)
    g_ptr_array_add (columns, later);

  for (guint i = 0; i < columns->len; i++)
    {
      WpBoardColumn *column = g_ptr_array_index (columns, i);
      g_hash_table_insert (by_value, &column->value, column);
    }

  for (guint i = 0; i < facts->items->len; i++)
    {
      const WpItemFacts *f = &g_array_index (facts->items, WpItemFacts, i);
      WpBoardColumn *column;
      gint64 value;

      if (!is_card (f, cards) || !narrowing_passes (&narrowing, facts, f))
        continue;

      switch (grouping)
        {
        case WP_BOARD_BY_LEAD:
          /* An agency's column counts its own lateness, not that of
           * sub-items other agencies are on */
          for (guint k = 0; k < f->n_lead; k++)
            if (f->lead[k] > 0 && f->lead[k] <= max_agency
                && (column = lead_columns[f->lead[k]]) != NULL)
              column_add (column, f, f->agency_light);
          value = 0;
          if (f->n_lead == 0 && (column = g_hash_table_lookup (by_value, &value)) != NULL)
            column_add (column, f, f->light);
          continue;
        case WP_BOARD_BY_STATUS:
          value = f->status;
          break;
        case WP_BOARD_BY_QUARTER:
          value = quarter_of (f, facts->year);
          break;
        case WP_BOARD_BY_AREA:
        default:
          value = f->area_id;
          break;
        }
      if ((column = g_hash_table_lookup (by_value, &value)) != NULL)
        column_add (column, f, f->light);
    }

  /* Cards due in a later year are rare: their column shows only then. */
  if (later != NULL && later->ids->len == 0)
    g_ptr_array_remove (columns, later);

  narrowing_clear (&narrowing);
  return g_steal_pointer (&columns);
}

/* Deadline words the fuzzy-deadline parser reads back as the quarter's end;
 * they are the plan's words (Chinese), not the interface's. */
static const char *
quarter_due_text (int quarter)
{
  switch (quarter)
    {
    case 1: return "一季度";
    case 2: return "二季度";
    case 3: return "三季度";
    case 4: return "四季度";
    case WP_BOARD_QUARTER_ONGOING: return "长期坚持";
    default: return "";
    }
}

/**
 * wp_board_move_card:
 * @to: the column the card was dropped on
 *
 * Changes the field the board is grouped by to the column's value, as one
 * undoable command: the status; the lead agency (replacing the lead); the
 * deadline (the end of the quarter); or the area (the item becomes the
 * last item of that area). Moving to the column a card is in already
 * changes nothing.
 */
gboolean
wp_board_move_card (WpUndoStack          *undo,
                    WpBoardGrouping       grouping,
                    gint64                item_id,
                    const WpBoardColumn  *to,
                    GError              **error)
{
  WpStore *store = wp_undo_stack_get_store (undo);
  g_autoptr(WpItem) item = wp_store_get_item (store, item_id, error);

  if (item == NULL)
    return FALSE;
  if (!to->accepts_drops)
    {
      g_set_error (error, WP_STORE_ERROR, WP_STORE_ERROR_INVALID,
                   _("Cards cannot be moved to “%s”; change the deadline in the item editor."),
                   to->title);
      return FALSE;
    }

  switch (grouping)
    {
    case WP_BOARD_BY_STATUS:
      {
        g_auto(GValue) value = G_VALUE_INIT;

        if (wp_item_get_effective_status (item) == (WpItemStatus) to->value)
          return TRUE;
        g_value_init (&value, G_TYPE_STRING);
        g_value_set_string (&value, wp_item_status_to_string ((WpItemStatus) to->value));
        return wp_edit_set_property (undo, item_id, "status", &value, error);
      }

    case WP_BOARD_BY_LEAD:
      {
        g_autoptr(WpAgency) agency = NULL;
        const char * const *lead = wp_item_get_lead_agencies (item);

        if (to->value == 0)
          return lead[0] == NULL || wp_edit_set_lead_agency (undo, item_id, NULL, error);
        agency = wp_store_get_agency (store, to->value, error);
        if (agency == NULL)
          return FALSE;
        if (lead[0] != NULL && lead[1] == NULL
            && g_strcmp0 (lead[0], wp_agency_get_name (agency)) == 0)
          return TRUE;
        return wp_edit_set_lead_agency (undo, item_id, wp_agency_get_name (agency), error);
      }

    case WP_BOARD_BY_QUARTER:
      return wp_edit_set_due_text (undo, item_id, quarter_due_text ((int) to->value), error);

    case WP_BOARD_BY_AREA:
      {
        gint64 up = item_id;

        /* Already somewhere in that area: nothing to do. */
        while (up != 0)
          {
            g_autoptr(WpItem) above = wp_store_get_item (store, up, error);

            if (above == NULL)
              return FALSE;
            if (wp_item_get_id (above) == to->value)
              return TRUE;
            up = wp_item_get_parent_id (above);
          }
        return wp_edit_move_item_keep_kind (undo, item_id, to->value, -1, error);
      }

    default:
      g_assert_not_reached ();
    }
}

/**
 * wp_board_reorder_card:
 * @before_id: the card to put it before
 *
 * Moves a card before another card of the same parent (the order of a
 * column is the outline's order).
 */
gboolean
wp_board_reorder_card (WpUndoStack  *undo,
                       gint64        item_id,
                       gint64        before_id,
                       GError      **error)
{
  WpStore *store = wp_undo_stack_get_store (undo);
  g_autoptr(WpItem) item = wp_store_get_item (store, item_id, error);
  g_autoptr(WpItem) before = NULL;
  int position;

  if (item == NULL)
    return FALSE;
  before = wp_store_get_item (store, before_id, error);
  if (before == NULL)
    return FALSE;
  if (item_id == before_id)
    return TRUE;
  if (wp_item_get_parent_id (item) != wp_item_get_parent_id (before))
    {
      g_set_error (error, WP_STORE_ERROR, WP_STORE_ERROR_INVALID,
                   _("Only cards under the same item can be reordered; use the outline to move "
                     "“%s” elsewhere."), wp_item_get_title (item));
      return FALSE;
    }

  position = wp_item_get_position (before);
  if (wp_item_get_position (item) < position)
    position--;
  if (position == wp_item_get_position (item))
    return TRUE;
  return wp_edit_move_item_keep_kind (undo, item_id, wp_item_get_parent_id (item), position,
                                      error);
}

static int
compare_loads (gconstpointer a,
               gconstpointer b)
{
  const WpAgencyLoad *x = *(WpAgencyLoad * const *) a;
  const WpAgencyLoad *y = *(WpAgencyLoad * const *) b;
  guint tx = x->n_lead + x->n_co, ty = y->n_lead + y->n_co;

  if (tx != ty)
    return tx > ty ? -1 : 1;
  return g_strcmp0 (wp_agency_get_name (x->agency), wp_agency_get_name (y->agency));
}

/* Whether the @k-th agency of an item (lead ones first, then supporting
 * ones) is not named before it on the same item */
static gboolean
agency_first_named (const WpItemFacts *f,
                    guint              k)
{
  gint64 id = k < f->n_lead ? f->lead[k] : f->co[k - f->n_lead];

  for (guint j = 0; j < k; j++)
    if ((j < f->n_lead ? f->lead[j] : f->co[j - f->n_lead]) == id)
      return FALSE;
  return TRUE;
}

/**
 * wp_agency_loads_compute:
 *
 * Counts, for every agency of the directory, the plan's items it leads and
 * supports (items with agencies of their own: what the sheet lists for
 * it), and how many of those are done, in progress and overdue by their
 * own deadlines (agency_light: a key task red only because of another
 * agency's action is not this agency's lateness). Agencies
 * with most items come first; those without any in this plan last.
 *
 * Returns: (transfer full) (element-type WpAgencyLoad): the loads
 */
GPtrArray *
wp_agency_loads_compute (WpStore  *store,
                         gint64    plan_id,
                         GError  **error)
{
  g_autoptr(WpPlanFacts) facts = NULL;
  g_autoptr(GPtrArray) agencies = NULL;
  g_autoptr(GPtrArray) loads =
    g_ptr_array_new_with_free_func ((GDestroyNotify) wp_agency_load_free);
  g_autoptr(GHashTable) by_id = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);

  g_return_val_if_fail (WP_IS_STORE (store), NULL);

  agencies = wp_store_list_agencies (store, error);
  if (agencies == NULL)
    return NULL;
  if (plan_id != 0)
    {
      facts = wp_store_list_plan_facts (store, plan_id, error);
      if (facts == NULL)
        return NULL;
    }

  for (guint i = 0; i < agencies->len; i++)
    {
      WpAgencyLoad *load = g_new0 (WpAgencyLoad, 1);
      gint64 id;

      load->agency = g_object_ref (g_ptr_array_index (agencies, i));
      id = wp_agency_get_id (load->agency);
      g_ptr_array_add (loads, load);
      g_hash_table_insert (by_id, g_memdup2 (&id, sizeof id), load);
    }

  for (guint i = 0; facts != NULL && i < facts->items->len; i++)
    {
      const WpItemFacts *f = &g_array_index (facts->items, WpItemFacts, i);

      for (guint k = 0; k < f->n_lead + f->n_co; k++)
        {
          gboolean lead = k < f->n_lead;
          const gint64 *id = lead ? &f->lead[k] : &f->co[k - f->n_lead];
          WpAgencyLoad *load = g_hash_table_lookup (by_id, id);

          /* Each item once, even if named twice; leading comes first */
          if (load == NULL || !agency_first_named (f, k))
            continue;
          load->n_lead += lead;
          load->n_co += !lead;
          load->n_done += f->status == WP_ITEM_STATUS_DONE;
          load->n_in_progress += f->status == WP_ITEM_STATUS_IN_PROGRESS;
          /* Its own lateness, not that of sub-items other agencies are on */
          load->n_overdue += f->agency_light == WP_LIGHT_RED;
        }
    }

  g_ptr_array_sort (loads, compare_loads);
  return g_steal_pointer (&loads);
}
