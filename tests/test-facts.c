/* test-facts.c: the plan's facts the store keeps stay those of the file,
 * whoever writes it: the store's own edits, undo and redo, and another
 * connection
 *
 * Each check compares the facts the store hands out (kept and updated
 * from the change log) with those a store that never read the plan before
 * computes from the file.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>

#include "wp-test-util.h"

#define DUE_SOON_DAYS 30

typedef struct {
  char        *dir;
  char        *path;
  WpStore     *store;
  WpPlan      *plan;
  WpUndoStack *undo;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->dir = wp_test_dir_new ();
  f->path = g_build_filename (f->dir, "plan.db", NULL);
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
  g_free (f->path);
  wp_test_dir_free (f->dir);
}

static WpPlanFacts *
list_facts (WpStore *store,
            gint64   plan_id)
{
  g_autoptr(GError) error = NULL;
  WpPlanFacts *facts = wp_store_list_plan_facts (store, plan_id, &error);

  g_assert_no_error (error);
  g_assert_nonnull (facts);
  return facts;
}

static void
assert_dates_equal (const GDate *a,
                    const GDate *b)
{
  g_assert_cmpint (g_date_valid (a), ==, g_date_valid (b));
  if (g_date_valid (a))
    g_assert_cmpint (g_date_compare (a, b), ==, 0);
}

static void
assert_facts_equal (const WpPlanFacts *a,
                    const WpPlanFacts *b)
{
  g_assert_cmpint (a->plan_id, ==, b->plan_id);
  g_assert_cmpint (a->year, ==, b->year);
  g_assert_cmpuint (a->items->len, ==, b->items->len);
  for (guint i = 0; i < a->items->len; i++)
    {
      const WpItemFacts *x = &g_array_index (a->items, WpItemFacts, i);
      const WpItemFacts *y = &g_array_index (b->items, WpItemFacts, i);

      g_assert_cmpint (x->id, ==, y->id);
      g_assert_cmpint (x->parent_id, ==, y->parent_id);
      g_assert_cmpint (x->area_id, ==, y->area_id);
      g_assert_cmpuint (x->depth, ==, y->depth);
      g_assert_cmpuint (x->n_children, ==, y->n_children);
      g_assert_cmpint (x->kind, ==, y->kind);
      g_assert_cmpint (x->status, ==, y->status);
      g_assert_cmpint (x->progress, ==, y->progress);
      g_assert_cmpint (x->light, ==, y->light);
      g_assert_cmpint (x->agency_light, ==, y->agency_light);
      assert_dates_equal (&x->due, &y->due);
      assert_dates_equal (&x->done_date, &y->done_date);
      g_assert_cmpint (x->ongoing, ==, y->ongoing);
      g_assert_cmpint (x->carried_forward, ==, y->carried_forward);
      g_assert_cmpmem (x->lead, x->n_lead * sizeof (gint64), y->lead, y->n_lead * sizeof (gint64));
      g_assert_cmpmem (x->co, x->n_co * sizeof (gint64), y->co, y->n_co * sizeof (gint64));
      g_assert_true (wp_plan_facts_lookup (a, x->id) == x);
    }
}

/* The store's facts are those computed afresh from the file */
static void
assert_fresh (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WpPlanFacts) kept = list_facts (f->store, wp_plan_get_id (f->plan));
  g_autoptr(WpStore) other = wp_store_open (f->path, WP_STORE_OPEN_READ_ONLY, &error);
  g_autoptr(WpPlanFacts) fresh = NULL;

  g_assert_no_error (error);
  wp_store_set_judging (other, wp_store_get_reference_date (f->store), DUE_SOON_DAYS);
  fresh = list_facts (other, wp_plan_get_id (f->plan));
  assert_facts_equal (kept, fresh);
}

/* The facts of one item, as the store has them now */
static WpItemFacts
item_facts (WpStore *store,
            gint64   plan_id,
            gint64   id)
{
  g_autoptr(WpPlanFacts) facts = list_facts (store, plan_id);
  const WpItemFacts *found = wp_plan_facts_lookup (facts, id);
  WpItemFacts copy;

  g_assert_nonnull (found);
  copy = *found;
  copy.lead = copy.co = NULL;
  return copy;
}

/* Actions (the n-th, by outline order) not done, under a key task */
static gint64
nth_open_action (Fixture *f,
                 guint    n)
{
  g_autoptr(WpPlanFacts) facts = list_facts (f->store, wp_plan_get_id (f->plan));

  for (guint i = 0; i < facts->items->len; i++)
    {
      const WpItemFacts *x = &g_array_index (facts->items, WpItemFacts, i);

      if (x->kind == WP_ITEM_KIND_ACTION && x->depth >= 2 && x->status != WP_ITEM_STATUS_DONE
          && n-- == 0)
        return x->id;
    }
  g_assert_not_reached ();
}

static void
set_status (WpStore    *store,
            gint64      id,
            const char *status)
{
  g_autoptr(GError) error = NULL;
  g_auto(GValue) value = G_VALUE_INIT;

  g_value_init (&value, G_TYPE_STRING);
  g_value_set_string (&value, status);
  g_assert_true (wp_store_set_item_property (store, id, "status", &value, &error));
  g_assert_no_error (error);
}

static void
set_lead (WpStore    *store,
          gint64      id,
          const char *name)
{
  g_autoptr(GError) error = NULL;
  const char *names[] = { name, NULL };

  g_assert_true (wp_store_set_item_agencies (store, id, WP_AGENCY_ROLE_LEAD, names, &error));
  g_assert_no_error (error);
}

/* Each kind of edit through the store's own functions; facts held across
 * an edit stay as they were given */
static void
test_store_edits (Fixture       *f,
                  gconstpointer  data)
{
  gint64 plan_id = wp_plan_get_id (f->plan);
  gint64 a = nth_open_action (f, 0), b = nth_open_action (f, 5), c = nth_open_action (f, 9);
  g_autoptr(WpPlanFacts) held = list_facts (f->store, plan_id);
  WpItemStatus status_before = wp_plan_facts_lookup (held, a)->status;
  g_autoptr(GError) error = NULL;

  assert_fresh (f);

  set_status (f->store, a, "done");
  g_assert_cmpint (item_facts (f->store, plan_id, a).status, ==, WP_ITEM_STATUS_DONE);
  g_assert_cmpint (wp_plan_facts_lookup (held, a)->status, ==, status_before);
  assert_fresh (f);

  g_assert_true (wp_store_set_item_int (f->store, b, "progress", 80, &error));
  g_assert_no_error (error);
  g_assert_cmpint (item_facts (f->store, plan_id, b).progress, ==, 80);
  assert_fresh (f);

  set_lead (f->store, c, "市审计局");
  g_assert_cmpuint (item_facts (f->store, plan_id, c).n_lead, ==, 1);
  assert_fresh (f);

  /* (a deadline long past turns it and what is above it red) */
  g_assert_true (wp_store_set_item_due_text (f->store, c, "2025年1月10日", &error));
  g_assert_no_error (error);
  g_assert_cmpint (item_facts (f->store, plan_id, c).light, ==, WP_LIGHT_RED);
  assert_fresh (f);

  /* Several edits in one transaction */
  g_assert_true (wp_store_begin (f->store, &error));
  set_status (f->store, b, "suspended");
  set_status (f->store, c, "done");
  g_assert_true (wp_store_commit (f->store, &error));
  g_assert_no_error (error);
  assert_fresh (f);

  /* The outline's shape: an item added, moved and deleted */
  {
    g_autoptr(WpItem) added = wp_store_create_item (f->store, plan_id,
                                                    item_facts (f->store, plan_id, a).parent_id,
                                                    0, WP_ITEM_KIND_ACTION, "新加的", &error);
    g_autoptr(GVariant) snapshot = NULL;

    g_assert_no_error (error);
    assert_fresh (f);
    g_assert_true (wp_store_move_item (f->store, wp_item_get_id (added),
                                       item_facts (f->store, plan_id, c).parent_id, 0, &error));
    g_assert_no_error (error);
    assert_fresh (f);
    snapshot = wp_store_delete_item (f->store, wp_item_get_id (added), &error);
    g_assert_no_error (error);
    assert_fresh (f);
  }

  /* Another day to judge on */
  {
    GDate day;

    g_date_clear (&day, 1);
    g_date_set_dmy (&day, 1, 12, 2025);
    wp_store_set_judging (f->store, &day, DUE_SOON_DAYS);
    assert_fresh (f);
  }
}

/* Edits pushed on the undo stack, undone and redone */
static void
test_undo (Fixture       *f,
           gconstpointer  data)
{
  gint64 plan_id = wp_plan_get_id (f->plan);
  gint64 a = nth_open_action (f, 1), b = nth_open_action (f, 7);
  g_autoptr(GError) error = NULL;
  g_auto(GValue) value = G_VALUE_INIT;
  WpItemFacts before = item_facts (f->store, plan_id, a);

  g_value_init (&value, G_TYPE_STRING);
  g_value_set_string (&value, "done");
  g_assert_true (wp_edit_set_property (f->undo, a, "status", &value, &error));
  g_assert_true (wp_edit_set_due_text (f->undo, b, "2025年2月1日", &error));
  g_assert_true (wp_edit_set_lead_agency (f->undo, b, "市审计局", &error));
  g_assert_no_error (error);
  g_assert_cmpint (item_facts (f->store, plan_id, a).status, ==, WP_ITEM_STATUS_DONE);
  assert_fresh (f);

  for (guint i = 0; i < 3; i++)
    {
      g_assert_true (wp_undo_stack_undo (f->undo, &error));
      g_assert_no_error (error);
      assert_fresh (f);
    }
  g_assert_cmpint (item_facts (f->store, plan_id, a).status, ==, before.status);

  for (guint i = 0; i < 3; i++)
    {
      g_assert_true (wp_undo_stack_redo (f->undo, &error));
      g_assert_no_error (error);
      assert_fresh (f);
    }
  g_assert_cmpint (item_facts (f->store, plan_id, a).status, ==, WP_ITEM_STATUS_DONE);

  /* An indent changes the outline's shape; its undo changes it back */
  g_assert_true (wp_edit_indent (f->undo, b, &error));
  g_assert_no_error (error);
  assert_fresh (f);
  g_assert_true (wp_undo_stack_undo (f->undo, &error));
  g_assert_no_error (error);
  assert_fresh (f);
}

/* Another connection (another program) writes the file; this store learns
 * of it from the change log */
static void
test_other_connection (Fixture       *f,
                       gconstpointer  data)
{
  gint64 plan_id = wp_plan_get_id (f->plan);
  gint64 a = nth_open_action (f, 2), b = nth_open_action (f, 3), c = nth_open_action (f, 11);
  g_autoptr(GError) error = NULL;

  assert_fresh (f);
  {
    g_autoptr(WpStore) other = wp_store_open (f->path, WP_STORE_OPEN_DEFAULT, &error);

    g_assert_no_error (error);
    set_status (other, a, "done");
    g_assert_true (wp_store_set_item_int (other, b, "progress", 65, &error));
    set_lead (other, c, "市审计局");
    g_assert_true (wp_store_set_item_due_text (other, c, "2025年3月1日", &error));
    g_assert_no_error (error);
  }
  g_assert_true (wp_store_check_outside_changes (f->store));
  g_assert_cmpint (item_facts (f->store, plan_id, a).status, ==, WP_ITEM_STATUS_DONE);
  g_assert_cmpint (item_facts (f->store, plan_id, b).progress, ==, 65);
  assert_fresh (f);

  /* Its edit committed while this store's own transaction waited */
  {
    g_autoptr(WpStore) other = wp_store_open (f->path, WP_STORE_OPEN_DEFAULT, &error);

    g_assert_no_error (error);
    set_status (other, b, "done");
  }
  set_status (f->store, c, "done");
  g_assert_cmpint (item_facts (f->store, plan_id, b).status, ==, WP_ITEM_STATUS_DONE);
  assert_fresh (f);

  /* And an item it added */
  {
    g_autoptr(WpStore) other = wp_store_open (f->path, WP_STORE_OPEN_DEFAULT, &error);
    g_autoptr(WpItem) added = NULL;

    g_assert_no_error (error);
    added = wp_store_create_item (other, plan_id, item_facts (f->store, plan_id, a).parent_id,
                                  0, WP_ITEM_KIND_ACTION, "另一个进程加的", &error);
    g_assert_no_error (error);
  }
  g_assert_true (wp_store_check_outside_changes (f->store));
  assert_fresh (f);
}

/* The plan's agencies, most linked first, as the file's rows count them */
static void
test_agency_names (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) expected = g_ptr_array_new_with_free_func (g_free);
  g_auto(GStrv) names = NULL;
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  /* (one more link for an agency, so that the order changes) */
  set_lead (f->store, nth_open_action (f, 4), "市审计局");
  names = wp_store_list_plan_agency_names (f->store, wp_plan_get_id (f->plan), &error);
  g_assert_no_error (error);

  g_assert_cmpint (sqlite3_open_v2 (f->path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT a.name FROM item_agency ia"
                                           " JOIN agency a ON a.id = ia.agency_id"
                                           " JOIN item_all i ON i.id = ia.item_id"
                                           " WHERE i.plan_id = ?1 AND i.deleted_with = 0"
                                           " GROUP BY a.id ORDER BY COUNT(*) DESC, a.name",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_int64 (stmt, 1, wp_plan_get_id (f->plan));
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (expected, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  g_ptr_array_add (expected, NULL);

  g_assert_cmpuint (expected->len, >, 3);
  g_assert_cmpstrv (names, (const char * const *) expected->pdata);
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/facts/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("store-edits", test_store_edits);
  ADD ("undo", test_undo);
  ADD ("other-connection", test_other_connection);
  ADD ("agency-names", test_agency_names);
#undef ADD
  return g_test_run ();
}
