/* test-board.c: the board's columns, card moves and the agency directory
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>

#include "wp-test-util.h"

typedef struct {
  char        *dir;
  WpStore     *store;
  WpPlan      *plan;
  WpUndoStack *undo;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->dir = wp_test_dir_new ();
  f->store = wp_test_open_demo (f->dir, &f->plan);
  f->undo = wp_undo_stack_new (f->store);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_assert_finalize_object (f->undo);
  g_assert_finalize_object (f->plan);
  g_assert_finalize_object (f->store);
  wp_test_dir_free (f->dir);
}

/* Every item of the plan, as objects: the truth the board is checked on */
static GPtrArray *
all_items (Fixture *f)
{
  g_autoptr(WpPlanFacts) facts = wp_store_list_plan_facts (f->store, wp_plan_get_id (f->plan),
                                                           NULL);
  GPtrArray *items = g_ptr_array_new_with_free_func (g_object_unref);

  g_assert_nonnull (facts);
  for (guint i = 0; i < facts->items->len; i++)
    g_ptr_array_add (items, wp_store_get_item (f->store, g_array_index (facts->items,
                                                                        WpItemFacts, i).id,
                                               NULL));
  return items;
}

static gint64
find_item (Fixture    *f,
           const char *title_start)
{
  g_autoptr(GPtrArray) items = all_items (f);

  for (guint i = 0; i < items->len; i++)
    if (g_str_has_prefix (wp_item_get_title (g_ptr_array_index (items, i)), title_start))
      return wp_item_get_id (g_ptr_array_index (items, i));
  g_assert_not_reached ();
}

static gint64
find_agency (Fixture    *f,
             const char *name)
{
  g_autoptr(GPtrArray) agencies = wp_store_list_agencies (f->store, NULL);

  for (guint i = 0; i < agencies->len; i++)
    if (g_str_equal (wp_agency_get_name (g_ptr_array_index (agencies, i)), name))
      return wp_agency_get_id (g_ptr_array_index (agencies, i));
  return 0;
}

static GPtrArray *
board (Fixture         *f,
       WpBoardGrouping  grouping,
       WpBoardCards     cards,
       const WpFilter  *filter)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *columns = wp_board_compute (f->store, wp_plan_get_id (f->plan), grouping, cards,
                                         filter, &error);

  g_assert_no_error (error);
  g_assert_nonnull (columns);
  return columns;
}

static WpBoardColumn *
column_of (GPtrArray  *columns,
           const char *key)
{
  for (guint i = 0; i < columns->len; i++)
    if (g_str_equal (((WpBoardColumn *) g_ptr_array_index (columns, i))->key, key))
      return g_ptr_array_index (columns, i);
  return NULL;
}

static gboolean
column_has (WpBoardColumn *column,
            gint64         id)
{
  for (guint i = 0; i < column->ids->len; i++)
    if (g_array_index (column->ids, gint64, i) == id)
      return TRUE;
  return FALSE;
}

static guint
n_cards (GPtrArray *columns)
{
  guint n = 0;

  for (guint i = 0; i < columns->len; i++)
    n += ((WpBoardColumn *) g_ptr_array_index (columns, i))->ids->len;
  return n;
}

/* The facts of every item agree with the item objects the outline shows. */
static void
test_facts_match_items (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(WpPlanFacts) facts = wp_store_list_plan_facts (f->store, wp_plan_get_id (f->plan),
                                                           NULL);
  guint n_done = 0, n_red = 0;

  g_assert_cmpuint (facts->items->len, ==, 3 + 9 + 44);
  for (guint i = 0; i < facts->items->len; i++)
    {
      const WpItemFacts *fact = &g_array_index (facts->items, WpItemFacts, i);
      g_autoptr(WpItem) item = wp_store_get_item (f->store, fact->id, NULL);

      g_assert_cmpint (fact->parent_id, ==, wp_item_get_parent_id (item));
      g_assert_cmpint (fact->kind, ==, wp_item_get_kind (item));
      g_assert_cmpint (fact->status, ==, wp_item_get_effective_status (item));
      g_assert_cmpint (fact->progress, ==, wp_item_get_effective_progress (item));
      g_assert_cmpint (fact->light, ==, wp_item_get_light (item));
      g_assert_cmpuint (fact->n_children, ==, wp_item_get_n_children (item));
      g_assert_cmpuint (fact->n_lead, ==, g_strv_length ((GStrv) wp_item_get_lead_agencies (item)));
      g_assert_cmpuint (fact->n_co, ==, g_strv_length ((GStrv) wp_item_get_co_agencies (item)));
      g_assert_cmpint (fact->depth, ==, fact->kind);  /* the demo's kinds follow the levels */
      /* Outline order: a parent comes right before its first child. */
      if (fact->n_children > 0)
        g_assert_cmpint (g_array_index (facts->items, WpItemFacts, i + 1).parent_id, ==, fact->id);
      n_done += fact->status == WP_ITEM_STATUS_DONE;
      n_red += fact->light == WP_LIGHT_RED;
    }
  g_assert_cmpuint (n_done, ==, 2);
  g_assert_cmpuint (n_red, >, 0);
  g_assert_null (wp_plan_facts_lookup (facts, 999999));
}

static void
test_group_by_status (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GPtrArray) tasks = board (f, WP_BOARD_BY_STATUS, WP_BOARD_CARDS_TASKS, NULL);
  g_autoptr(GPtrArray) actions = board (f, WP_BOARD_BY_STATUS, WP_BOARD_CARDS_ACTIONS, NULL);
  g_autoptr(GPtrArray) both = board (f, WP_BOARD_BY_STATUS, WP_BOARD_CARDS_BOTH, NULL);
  g_autoptr(GPtrArray) items = all_items (f);

  g_assert_cmpuint (tasks->len, ==, 4);
  g_assert_cmpuint (column_of (tasks, "status:in_progress")->ids->len, ==, 9);
  g_assert_cmpuint (n_cards (tasks), ==, 9);
  g_assert_cmpuint (n_cards (actions), ==, 44);
  g_assert_cmpuint (n_cards (both), ==, 53);
  g_assert_cmpuint (column_of (actions, "status:done")->ids->len, ==, 2);
  g_assert_cmpuint (column_of (actions, "status:suspended")->ids->len, ==, 1);
  g_assert_cmpuint (column_of (actions, "status:not_started")->ids->len, ==, 3);

  /* Each action is in the column of the status the outline shows. */
  for (guint i = 0; i < items->len; i++)
    {
      WpItem *item = g_ptr_array_index (items, i);
      g_autofree char *key = g_strdup_printf ("status:%s", wp_item_status_to_string (
                                                wp_item_get_effective_status (item)));

      if (wp_item_get_kind (item) == WP_ITEM_KIND_ACTION)
        g_assert_true (column_has (column_of (actions, key), wp_item_get_id (item)));
    }
}

/* An agency's column is there only if it leads a card of the kind shown:
 * on the demo plan's key tasks, 市公安局 (leading only actions) has none. */
static void
test_lead_columns_of_cards_shown (Fixture       *f,
                                  gconstpointer  data)
{
  g_autoptr(GPtrArray) tasks = board (f, WP_BOARD_BY_LEAD, WP_BOARD_CARDS_TASKS, NULL);
  g_autoptr(GPtrArray) actions = board (f, WP_BOARD_BY_LEAD, WP_BOARD_CARDS_ACTIONS, NULL);
  g_autofree char *police_key = g_strdup_printf ("lead:%" G_GINT64_FORMAT,
                                                 find_agency (f, "市公安局"));

  g_assert_nonnull (column_of (actions, police_key));
  g_assert_null (column_of (tasks, police_key));
  for (guint i = 0; i < tasks->len; i++)
    {
      WpBoardColumn *column = g_ptr_array_index (tasks, i);

      if (!g_str_equal (column->key, "lead:0"))
        g_assert_cmpuint (column->ids->len, >, 0);
    }
}

static void
test_group_by_lead_quarter_area (Fixture       *f,
                                 gconstpointer  data)
{
  g_autoptr(GPtrArray) lead = board (f, WP_BOARD_BY_LEAD, WP_BOARD_CARDS_ACTIONS, NULL);
  g_autoptr(GPtrArray) quarter = board (f, WP_BOARD_BY_QUARTER, WP_BOARD_CARDS_ACTIONS, NULL);
  g_autoptr(GPtrArray) area = board (f, WP_BOARD_BY_AREA, WP_BOARD_CARDS_ACTIONS, NULL);
  g_autoptr(GPtrArray) items = all_items (f);
  gint64 police = find_agency (f, "市公安局");
  g_autofree char *police_key = g_strdup_printf ("lead:%" G_GINT64_FORMAT, police);
  guint n_police = 0;

  g_assert_cmpstr (((WpBoardColumn *) g_ptr_array_index (lead, lead->len - 1))->key, ==, "lead:0");
  g_assert_cmpstr (((WpBoardColumn *) g_ptr_array_index (lead, 0))->title, ==, "市委政法委");
  g_assert_cmpuint (column_of (lead, "lead:0")->ids->len, ==, 0);
  g_assert_nonnull (column_of (lead, police_key));
  g_assert_cmpuint (n_cards (quarter), ==, 44);
  g_assert_null (column_of (quarter, "quarter:6"));  /* nothing is due in 2026 */
  g_assert_cmpuint (area->len, ==, 3);
  g_assert_cmpuint (n_cards (area), ==, 44);

  for (guint i = 0; i < items->len; i++)
    {
      WpItem *item = g_ptr_array_index (items, i);
      const GDate *due = wp_item_get_due (item);
      g_autofree char *key = NULL;
      gint64 area_id = wp_item_get_id (item);

      if (wp_item_get_kind (item) != WP_ITEM_KIND_ACTION)
        continue;
      if (g_strv_contains (wp_item_get_lead_agencies (item), "市公安局"))
        {
          n_police++;
          g_assert_true (column_has (column_of (lead, police_key), wp_item_get_id (item)));
        }
      key = wp_item_get_ongoing (item) ? g_strdup ("quarter:5")
            : due != NULL && g_date_valid (due) ? g_strdup_printf ("quarter:%d", wp_deadline_quarter (due))
            : g_strdup ("quarter:0");
      g_assert_true (column_has (column_of (quarter, key), wp_item_get_id (item)));

      while (TRUE)
        {
          g_autoptr(WpItem) up = wp_store_get_item (f->store, area_id, NULL);
          if (wp_item_get_parent_id (up) == 0)
            break;
          area_id = wp_item_get_parent_id (up);
        }
      g_free (key);
      key = g_strdup_printf ("area:%" G_GINT64_FORMAT, area_id);
      g_assert_true (column_has (column_of (area, key), wp_item_get_id (item)));
    }
  g_assert_cmpuint (column_of (lead, police_key)->ids->len, ==, n_police);
  g_assert_cmpuint (n_police, ==, 7);
  /* 长期坚持 and 常态化: ongoing */
  g_assert_cmpuint (column_of (quarter, "quarter:5")->ids->len, ==, 7);
}

static void
test_filters (Fixture       *f,
              gconstpointer  data)
{
  WpFilter filter;
  g_autoptr(GPtrArray) items = all_items (f);
  guint n_red = 0;

  wp_filter_init (&filter);
  g_assert_true (wp_filter_is_empty (&filter));

  /* Text: the action that says it, and the key task above it */
  filter.text = g_strdup ("禁毒");
  g_assert_false (wp_filter_is_empty (&filter));
  {
    g_autoptr(GPtrArray) actions = board (f, WP_BOARD_BY_STATUS, WP_BOARD_CARDS_ACTIONS, &filter);
    g_autoptr(GPtrArray) tasks = board (f, WP_BOARD_BY_STATUS, WP_BOARD_CARDS_TASKS, &filter);

    g_assert_cmpuint (n_cards (actions), ==, 1);
    g_assert_true (column_has (column_of (actions, "status:in_progress"),
                               find_item (f, "争创全国禁毒示范城市")));
    g_assert_cmpuint (n_cards (tasks), ==, 1);
    g_assert_true (column_has (column_of (tasks, "status:in_progress"),
                               find_item (f, "进一步夯实平安建设根基")));
  }
  wp_filter_clear (&filter);

  /* A word in an area's title shows every card below it. */
  filter.text = g_strdup ("铁军锻造");
  {
    g_autoptr(GPtrArray) actions = board (f, WP_BOARD_BY_AREA, WP_BOARD_CARDS_ACTIONS, &filter);
    g_assert_cmpuint (n_cards (actions), ==, 9);
  }
  wp_filter_clear (&filter);

  /* Agency: lead or supporting */
  filter.agency = g_strdup ("市禁毒办");
  {
    g_autoptr(GPtrArray) actions = board (f, WP_BOARD_BY_STATUS, WP_BOARD_CARDS_ACTIONS, &filter);
    g_assert_cmpuint (n_cards (actions), ==, 1);
  }
  g_free (filter.agency);
  filter.agency = g_strdup ("没有这个单位");
  {
    g_autoptr(GPtrArray) actions = board (f, WP_BOARD_BY_STATUS, WP_BOARD_CARDS_ACTIONS, &filter);
    g_assert_cmpuint (n_cards (actions), ==, 0);
  }
  wp_filter_clear (&filter);

  /* Status and overdue */
  filter.status = WP_ITEM_STATUS_DONE;
  {
    g_autoptr(GPtrArray) actions = board (f, WP_BOARD_BY_LEAD, WP_BOARD_CARDS_ACTIONS, &filter);
    g_assert_cmpuint (n_cards (actions), ==, 2);
  }
  wp_filter_clear (&filter);

  for (guint i = 0; i < items->len; i++)
    n_red += wp_item_get_kind (g_ptr_array_index (items, i)) == WP_ITEM_KIND_ACTION
             && wp_item_get_light (g_ptr_array_index (items, i)) == WP_LIGHT_RED;
  g_assert_cmpuint (n_red, >, 0);
  filter.overdue_only = TRUE;
  {
    g_autoptr(GPtrArray) actions = board (f, WP_BOARD_BY_QUARTER, WP_BOARD_CARDS_ACTIONS, &filter);
    guint n_overdue = 0;

    g_assert_cmpuint (n_cards (actions), ==, n_red);
    for (guint i = 0; i < actions->len; i++)
      n_overdue += ((WpBoardColumn *) g_ptr_array_index (actions, i))->n_overdue;
    g_assert_cmpuint (n_overdue, ==, n_red);
  }
  wp_filter_clear (&filter);
}

static void
move (Fixture         *f,
      WpBoardGrouping  grouping,
      gint64           item_id,
      const char      *key)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) columns = board (f, grouping, WP_BOARD_CARDS_ACTIONS, NULL);

  g_assert_nonnull (column_of (columns, key));
  g_assert_true (wp_board_move_card (f->undo, grouping, item_id, column_of (columns, key),
                                     &error));
  g_assert_no_error (error);
  {
    g_autoptr(GPtrArray) after = board (f, grouping, WP_BOARD_CARDS_ACTIONS, NULL);
    g_assert_true (column_has (column_of (after, key), item_id));
  }
}

static void
test_move_cards (Fixture       *f,
                 gconstpointer  data)
{
  gint64 sea = find_item (f, "深化平安海域创建");
  gint64 fraud = find_item (f, "依法严厉打击各类违法犯罪");
  gint64 area3 = find_item (f, "从严管党治警");
  g_autofree char *key = NULL;
  g_autoptr(WpItem) item = wp_store_get_item (f->store, sea, NULL);
  g_autoptr(WpItem) fraud_item = wp_store_get_item (f->store, fraud, NULL);
  gint64 old_parent = wp_item_get_parent_id (item);
  int old_position = wp_item_get_position (item);
  g_autoptr(GError) error = NULL;

  /* Status */
  move (f, WP_BOARD_BY_STATUS, sea, "status:done");
  g_assert_cmpint (wp_item_get_status (item), ==, WP_ITEM_STATUS_DONE);
  g_assert_true (wp_undo_stack_undo (f->undo, NULL));
  g_assert_cmpint (wp_item_get_status (item), ==, WP_ITEM_STATUS_NOT_STARTED);

  /* Lead agency: a supporting agency becomes the only lead */
  key = g_strdup_printf ("lead:%" G_GINT64_FORMAT, find_agency (f, "市检察院"));
  move (f, WP_BOARD_BY_LEAD, fraud, key);
  g_assert_cmpstrv (wp_item_get_lead_agencies (fraud_item), ((const char *[]) { "市检察院", NULL }));
  g_assert_cmpstrv (wp_item_get_co_agencies (fraud_item), ((const char *[]) { "市中级法院", NULL }));
  g_assert_cmpstr (wp_undo_stack_get_undo_label (f->undo), !=, NULL);
  g_assert_true (wp_undo_stack_undo (f->undo, NULL));
  g_assert_cmpstrv (wp_item_get_lead_agencies (fraud_item), ((const char *[]) { "市公安局", NULL }));
  g_assert_cmpstrv (wp_item_get_co_agencies (fraud_item),
                    ((const char *[]) { "市检察院", "市中级法院", NULL }));
  move (f, WP_BOARD_BY_LEAD, fraud, "lead:0");
  g_assert_cmpstrv (wp_item_get_lead_agencies (fraud_item), ((const char *[]) { NULL }));
  g_assert_true (wp_undo_stack_undo (f->undo, NULL));

  /* Quarter: the end of the quarter, in the plan's words */
  move (f, WP_BOARD_BY_QUARTER, sea, "quarter:2");
  g_assert_cmpstr (wp_item_get_due_label (item), ==, "二季度");
  g_assert_cmpint (g_date_get_month (wp_item_get_due (item)), ==, 6);
  g_assert_cmpint (g_date_get_day (wp_item_get_due (item)), ==, 30);
  move (f, WP_BOARD_BY_QUARTER, sea, "quarter:5");
  g_assert_true (wp_item_get_ongoing (item));
  g_assert_true (wp_undo_stack_undo (f->undo, NULL));
  g_assert_true (wp_undo_stack_undo (f->undo, NULL));
  g_assert_cmpstr (wp_item_get_due_label (item), ==, "年底前");
  g_assert_false (wp_item_get_ongoing (item));

  /* Area: the card becomes the area's last item */
  g_free (key);
  key = g_strdup_printf ("area:%" G_GINT64_FORMAT, area3);
  move (f, WP_BOARD_BY_AREA, sea, key);
  g_assert_cmpint (wp_item_get_parent_id (item), ==, area3);
  g_assert_cmpint (wp_item_get_position (item), ==, 3);
  g_assert_true (wp_undo_stack_undo (f->undo, NULL));
  g_assert_cmpint (wp_item_get_parent_id (item), ==, old_parent);
  g_assert_cmpint (wp_item_get_position (item), ==, old_position);

  /* Reordering: among the same parent's items only */
  g_assert_true (wp_board_reorder_card (f->undo, sea, fraud, &error));
  g_assert_no_error (error);
  g_assert_cmpint (wp_item_get_position (item), ==, wp_item_get_position (fraud_item) - 1);
  g_assert_true (wp_undo_stack_undo (f->undo, NULL));
  g_assert_cmpint (wp_item_get_position (item), ==, old_position);
  g_assert_false (wp_board_reorder_card (f->undo, sea, find_item (f, "认真落实政法委员述职制度"),
                                         &error));
  g_assert_error (error, WP_STORE_ERROR, WP_STORE_ERROR_INVALID);
}

static void
test_agency_directory (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) loads = wp_agency_loads_compute (f->store, wp_plan_get_id (f->plan), &error);
  g_autoptr(GPtrArray) items = all_items (f);
  gint64 drugs = find_agency (f, "市禁毒办");
  gint64 police = find_agency (f, "市公安局");
  gint64 action = find_item (f, "争创全国禁毒示范城市");
  g_autoptr(WpItem) item = wp_store_get_item (f->store, action, NULL);
  g_autoptr(GPtrArray) before = wp_store_list_agencies (f->store, NULL);
  WpAgencyLoad *first;
  guint n_lead = 0, n_co = 0;

  g_assert_no_error (error);
  first = g_ptr_array_index (loads, 0);
  g_assert_cmpstr (wp_agency_get_name (first->agency), ==, "市委政法委");
  for (guint i = 0; i < items->len; i++)
    {
      n_lead += g_strv_contains (wp_item_get_lead_agencies (g_ptr_array_index (items, i)),
                                 "市委政法委");
      n_co += g_strv_contains (wp_item_get_co_agencies (g_ptr_array_index (items, i)),
                               "市委政法委");
    }
  g_assert_cmpuint (first->n_lead, ==, n_lead);
  g_assert_cmpuint (first->n_co, ==, n_co);
  g_assert_cmpuint (first->n_done + first->n_in_progress, <=, n_lead + n_co);

  /* New agencies start with the kind their names state. */
  {
    static const struct { const char *name; WpAgencyKind kind; } kinds[] = {
      { "市中级法院", WP_AGENCY_KIND_COURT }, { "厦门海事法院", WP_AGENCY_KIND_COURT },
      { "市检察院", WP_AGENCY_KIND_PROCURATORATE }, { "市公安局", WP_AGENCY_KIND_PUBLIC_SECURITY },
      { "厦门海警局", WP_AGENCY_KIND_PUBLIC_SECURITY },
      { "市委政法委", WP_AGENCY_KIND_PARTY_COMMITTEE },
      { "各区党委政法委", WP_AGENCY_KIND_PARTY_COMMITTEE },
      { "各区人民政府", WP_AGENCY_KIND_DISTRICT }, { "市司法局", WP_AGENCY_KIND_GOVERNMENT_BUREAU },
      { "市发展改革委", WP_AGENCY_KIND_GOVERNMENT_BUREAU },
      { "市禁毒办", WP_AGENCY_KIND_GOVERNMENT_BUREAU },
      { "市人大常委会法工委", WP_AGENCY_KIND_OTHER }, { "团市委", WP_AGENCY_KIND_OTHER },
      { "厦门仲裁委员会", WP_AGENCY_KIND_OTHER },
    };

    for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
      {
        g_autoptr(WpAgency) agency = wp_store_get_agency (f->store, find_agency (f, kinds[i].name),
                                                          NULL);
        g_assert_nonnull (agency);
        g_assert_cmpint (wp_agency_get_kind (agency), ==, kinds[i].kind);
      }
  }

  /* Rename, short name and kind; another agency's name is refused */
  g_assert_true (wp_edit_update_agency (f->undo, drugs, "市禁毒委员会办公室", "市禁毒办",
                                        WP_AGENCY_KIND_GOVERNMENT_BUREAU, &error));
  g_assert_no_error (error);
  g_assert_cmpstrv (wp_item_get_lead_agencies (item), ((const char *[]) { "市禁毒委员会办公室", NULL }));
  {
    g_autoptr(WpAgency) agency = wp_store_get_agency (f->store, drugs, NULL);
    g_assert_cmpstr (wp_agency_get_short_name (agency), ==, "市禁毒办");
    g_assert_cmpint (wp_agency_get_kind (agency), ==, WP_AGENCY_KIND_GOVERNMENT_BUREAU);
  }
  g_assert_false (wp_edit_update_agency (f->undo, drugs, "市公安局", NULL,
                                         WP_AGENCY_KIND_OTHER, &error));
  g_assert_error (error, WP_STORE_ERROR, WP_STORE_ERROR_EXISTS);
  g_clear_error (&error);
  g_assert_true (wp_undo_stack_undo (f->undo, NULL));
  g_assert_cmpstrv (wp_item_get_lead_agencies (item), ((const char *[]) { "市禁毒办", NULL }));

  /* Merge: the item led by 市禁毒办 and supported by 市公安局 is led by
   * 市公安局 alone; undo brings both back as they were. */
  g_assert_true (wp_edit_merge_agencies (f->undo, drugs, police, &error));
  g_assert_no_error (error);
  g_assert_cmpstrv (wp_item_get_lead_agencies (item), ((const char *[]) { "市公安局", NULL }));
  g_assert_cmpstrv (wp_item_get_co_agencies (item),
                    ((const char *[]) { "市卫生健康委", "市教育局", NULL }));
  g_assert_cmpint (find_agency (f, "市禁毒办"), ==, 0);
  g_assert_false (wp_edit_merge_agencies (f->undo, police, police, &error));
  g_assert_error (error, WP_STORE_ERROR, WP_STORE_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_true (wp_undo_stack_undo (f->undo, &error));
  g_assert_no_error (error);
  g_assert_cmpint (find_agency (f, "市禁毒办"), ==, drugs);
  g_assert_cmpstrv (wp_item_get_lead_agencies (item), ((const char *[]) { "市禁毒办", NULL }));
  g_assert_cmpstrv (wp_item_get_co_agencies (item),
                    ((const char *[]) { "市公安局", "市卫生健康委", "市教育局", NULL }));
  {
    g_autoptr(GPtrArray) after = wp_store_list_agencies (f->store, NULL);
    g_assert_cmpuint (after->len, ==, before->len);
  }
  g_assert_true (wp_undo_stack_redo (f->undo, &error));
  g_assert_no_error (error);
  g_assert_cmpstrv (wp_item_get_lead_agencies (item), ((const char *[]) { "市公安局", NULL }));
}

static void
on_items_changed (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  guint      *out)
{
  out[0] = position;
  out[1] = removed;
  out[2] = added;
  out[3]++;
}

static void
test_id_list (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(WpIdList) list = wp_id_list_new (f->store);
  g_autoptr(WpPlanFacts) facts = wp_store_list_plan_facts (f->store, wp_plan_get_id (f->plan),
                                                           NULL);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  guint seen[4] = { 0 };

  g_signal_connect (list, "items-changed", G_CALLBACK (on_items_changed), seen);
  for (guint i = 0; i < 5; i++)
    g_array_append_val (ids, g_array_index (facts->items, WpItemFacts, i).id);
  wp_id_list_set_ids (list, ids);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 5);
  g_assert_cmpuint (seen[0], ==, 0);
  g_assert_cmpuint (seen[2], ==, 5);

  {
    g_autoptr(WpItem) item = g_list_model_get_item (G_LIST_MODEL (list), 3);
    g_autoptr(WpItem) again = g_list_model_get_item (G_LIST_MODEL (list), 3);

    g_assert_cmpint (wp_item_get_id (item), ==, g_array_index (ids, gint64, 3));
    g_assert_true (item == again);
    g_assert_null (g_list_model_get_item (G_LIST_MODEL (list), 5));
  }

  /* One card leaves the middle: one row reported */
  g_array_remove_index (ids, 2);
  wp_id_list_set_ids (list, ids);
  g_assert_cmpuint (seen[0], ==, 2);
  g_assert_cmpuint (seen[1], ==, 1);
  g_assert_cmpuint (seen[2], ==, 0);
  g_assert_cmpint (wp_id_list_find (list, g_array_index (ids, gint64, 3)), ==, 3);
  g_assert_cmpint (wp_id_list_find (list, -5), ==, -1);

  /* The same ids again: nothing reported */
  wp_id_list_set_ids (list, ids);
  g_assert_cmpuint (seen[3], ==, 2);
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/board/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("facts-match-items", test_facts_match_items);
  ADD ("group-by-status", test_group_by_status);
  ADD ("group-by-lead-quarter-area", test_group_by_lead_quarter_area);
  ADD ("lead-columns-of-cards-shown", test_lead_columns_of_cards_shown);
  ADD ("filters", test_filters);
  ADD ("move-cards", test_move_cards);
  ADD ("agency-directory", test_agency_directory);
  ADD ("id-list", test_id_list);
#undef ADD

  return g_test_run ();
}
