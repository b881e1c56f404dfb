/* test-undo.c: every edit undoes and redoes, in the database
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "wp-test-util.h"

typedef struct {
  char        *dir;
  WpStore     *store;
  WpUndoStack *undo;
  WpPlan      *plan;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  f->dir = wp_test_dir_new ();
  path = g_build_filename (f->dir, "plan.db", NULL);
  f->store = wp_store_open (path, WP_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  f->undo = wp_undo_stack_new (f->store);
  f->plan = wp_store_create_plan (f->store, 2025, "计划", "", &error);
  g_assert_no_error (error);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_assert_finalize_object (f->plan);
  g_assert_finalize_object (f->undo);
  g_assert_finalize_object (f->store);
  wp_test_dir_free (f->dir);
}

/* The plan as text: "title[kind]" nested with braces, in order. */
static void
dump_level (Fixture *f,
            gint64   parent,
            GString *out)
{
  g_autoptr(GPtrArray) items = wp_store_list_children (f->store, wp_plan_get_id (f->plan),
                                                       parent, NULL);

  for (guint i = 0; i < items->len; i++)
    {
      WpItem *item = g_ptr_array_index (items, i);

      g_string_append_printf (out, "%s%s[%s]", i ? " " : "", wp_item_get_title (item),
                              wp_item_kind_to_string (wp_item_get_kind (item)));
      if (wp_item_get_n_children (item) > 0)
        {
          g_string_append (out, "{");
          dump_level (f, wp_item_get_id (item), out);
          g_string_append (out, "}");
        }
    }
}

static char *
dump (Fixture *f)
{
  GString *out = g_string_new (NULL);
  dump_level (f, 0, out);
  return g_string_free (out, FALSE);
}

#define ASSERT_PLAN(f, expected) \
  G_STMT_START { \
    g_autofree char *_got = dump (f); \
    g_assert_cmpstr (_got, ==, expected); \
  } G_STMT_END

static gint64
add (Fixture    *f,
     gint64      parent,
     WpItemKind  kind,
     const char *title)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WpItem) item = wp_edit_create_item (f->undo, wp_plan_get_id (f->plan), parent, -1,
                                                kind, title, &error);
  g_assert_no_error (error);
  return wp_item_get_id (item);
}

static void
undo_ok (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_assert_true (wp_undo_stack_undo (f->undo, &error));
  g_assert_no_error (error);
}

static void
redo_ok (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_assert_true (wp_undo_stack_redo (f->undo, &error));
  g_assert_no_error (error);
}

static void
test_create_undo_redo (Fixture       *f,
                       gconstpointer  data)
{
  gint64 a = add (f, 0, WP_ITEM_KIND_AREA, "A");

  add (f, a, WP_ITEM_KIND_TASK, "A1");
  ASSERT_PLAN (f, "A[area]{A1[task]}");
  g_assert_cmpstr (wp_undo_stack_get_undo_label (f->undo), ==, "Add “A1”");

  undo_ok (f);
  ASSERT_PLAN (f, "A[area]");
  g_assert_true (wp_undo_stack_can_redo (f->undo));
  undo_ok (f);
  ASSERT_PLAN (f, "");
  g_assert_false (wp_undo_stack_can_undo (f->undo));

  redo_ok (f);
  redo_ok (f);
  ASSERT_PLAN (f, "A[area]{A1[task]}");
  g_assert_false (wp_undo_stack_can_redo (f->undo));

  /* A new edit clears what could be redone. */
  undo_ok (f);
  add (f, a, WP_ITEM_KIND_TASK, "A2");
  g_assert_false (wp_undo_stack_can_redo (f->undo));
  ASSERT_PLAN (f, "A[area]{A2[task]}");
}

static void
test_delete_restores_subtree (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 a = add (f, 0, WP_ITEM_KIND_AREA, "A");
  gint64 b = add (f, 0, WP_ITEM_KIND_AREA, "B");
  gint64 b1 = add (f, b, WP_ITEM_KIND_TASK, "B1");
  const char *lead[] = { "市公安局", NULL };

  add (f, b1, WP_ITEM_KIND_ACTION, "B1a");
  add (f, 0, WP_ITEM_KIND_AREA, "C");
  g_assert_true (wp_edit_set_agencies (f->undo, b1, WP_AGENCY_ROLE_LEAD, lead, &error));

  g_assert_true (wp_edit_delete_item (f->undo, b, &error));
  g_assert_no_error (error);
  ASSERT_PLAN (f, "A[area] C[area]");

  undo_ok (f);
  ASSERT_PLAN (f, "A[area] B[area]{B1[task]{B1a[action]}} C[area]");
  {
    g_autoptr(WpItem) item = wp_store_get_item (f->store, b1, &error);
    g_assert_cmpstr (wp_item_get_lead_agencies (item)[0], ==, "市公安局");
  }

  redo_ok (f);
  ASSERT_PLAN (f, "A[area] C[area]");
  undo_ok (f);
  /* Older commands still find the restored ids: undo the agency change. */
  undo_ok (f);
  {
    g_autoptr(WpItem) item = wp_store_get_item (f->store, b1, &error);
    g_assert_null (wp_item_get_lead_agencies (item)[0]);
  }
  (void) a;
}

static void
test_indent_outdent_and_kinds (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 a, b, c;

  /* Typed as three areas, then shaped into an outline with Tab. */
  a = add (f, 0, WP_ITEM_KIND_AREA, "A");
  b = add (f, 0, WP_ITEM_KIND_AREA, "B");
  c = add (f, 0, WP_ITEM_KIND_AREA, "C");

  g_assert_false (wp_edit_indent (f->undo, a, &error));  /* nothing above */
  g_assert_error (error, WP_STORE_ERROR, WP_STORE_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_true (wp_edit_indent (f->undo, b, &error));
  ASSERT_PLAN (f, "A[area]{B[task]} C[area]");
  g_assert_true (wp_edit_indent (f->undo, c, &error));
  ASSERT_PLAN (f, "A[area]{B[task] C[task]}");
  g_assert_true (wp_edit_indent (f->undo, c, &error));
  ASSERT_PLAN (f, "A[area]{B[task]{C[action]}}");
  g_assert_no_error (error);

  g_assert_true (wp_edit_outdent (f->undo, c, &error));
  ASSERT_PLAN (f, "A[area]{B[task] C[task]}");
  g_assert_true (wp_edit_outdent (f->undo, b, &error));
  ASSERT_PLAN (f, "A[area]{C[task]} B[area]");

  g_assert_false (wp_edit_outdent (f->undo, a, &error));
  g_assert_error (error, WP_STORE_ERROR, WP_STORE_ERROR_INVALID);
  g_clear_error (&error);

  undo_ok (f);
  ASSERT_PLAN (f, "A[area]{B[task] C[task]}");
  undo_ok (f);
  undo_ok (f);
  undo_ok (f);
  undo_ok (f);
  ASSERT_PLAN (f, "A[area] B[area] C[area]");
  redo_ok (f);
  redo_ok (f);
  redo_ok (f);
  ASSERT_PLAN (f, "A[area]{B[task]{C[action]}}");
}

static void
test_kind_set_by_hand_is_kept (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_auto(GValue) v = G_VALUE_INIT;
  gint64 a = add (f, 0, WP_ITEM_KIND_AREA, "A");
  gint64 b = add (f, 0, WP_ITEM_KIND_AREA, "B");

  g_value_init (&v, G_TYPE_STRING);
  g_value_set_string (&v, "action");
  g_assert_true (wp_edit_set_property (f->undo, b, "kind", &v, &error));
  g_assert_true (wp_edit_indent (f->undo, b, &error));
  ASSERT_PLAN (f, "A[area]{B[action]}");
  (void) a;
}

static void
test_move_up_down (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 a = add (f, 0, WP_ITEM_KIND_AREA, "A");
  gint64 c;

  add (f, 0, WP_ITEM_KIND_AREA, "B");
  c = add (f, 0, WP_ITEM_KIND_AREA, "C");

  g_assert_true (wp_edit_move_up (f->undo, c, &error));
  ASSERT_PLAN (f, "A[area] C[area] B[area]");
  g_assert_true (wp_edit_move_up (f->undo, c, &error));
  ASSERT_PLAN (f, "C[area] A[area] B[area]");
  g_assert_false (wp_edit_move_up (f->undo, c, &error));
  g_clear_error (&error);
  g_assert_true (wp_edit_move_down (f->undo, a, &error));
  ASSERT_PLAN (f, "C[area] B[area] A[area]");
  g_assert_false (wp_edit_move_down (f->undo, a, &error));
  g_clear_error (&error);

  undo_ok (f);
  undo_ok (f);
  undo_ok (f);
  ASSERT_PLAN (f, "A[area] B[area] C[area]");
}

static void
test_properties_and_due (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 a = add (f, 0, WP_ITEM_KIND_ACTION, "旧");
  g_autoptr(WpItem) item = wp_store_get_item (f->store, a, &error);
  g_autofree char *iso = NULL;

  g_assert_true (wp_edit_set_title (f->undo, a, "新", &error));
  g_assert_cmpstr (wp_item_get_title (item), ==, "新");
  g_assert_cmpstr (wp_undo_stack_get_undo_label (f->undo), ==, "Rename “旧”");

  g_assert_true (wp_edit_set_due_text (f->undo, a, "上半年", &error));
  iso = wp_date_to_iso (wp_item_get_due (item));
  g_assert_cmpstr (iso, ==, "2025-06-30");
  g_assert_true (wp_edit_set_due_text (f->undo, a, "长期坚持", &error));
  g_assert_true (wp_item_get_ongoing (item));
  g_assert_null (wp_item_get_due (item));

  undo_ok (f);
  g_assert_false (wp_item_get_ongoing (item));
  g_assert_cmpstr (wp_item_get_due_label (item), ==, "上半年");
  g_assert_nonnull (wp_item_get_due (item));
  undo_ok (f);
  g_assert_null (wp_item_get_due (item));
  g_assert_cmpstr (wp_item_get_due_label (item), ==, "");
  undo_ok (f);
  g_assert_cmpstr (wp_item_get_title (item), ==, "旧");
  redo_ok (f);
  redo_ok (f);
  g_assert_cmpstr (wp_item_get_title (item), ==, "新");
  g_assert_cmpstr (wp_item_get_due_label (item), ==, "上半年");
}

static void
test_failed_edit_pushes_nothing (Fixture       *f,
                                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_auto(GValue) v = G_VALUE_INIT;
  gint64 a = add (f, 0, WP_ITEM_KIND_ACTION, "A");

  g_value_init (&v, G_TYPE_STRING);
  g_value_set_string (&v, "finished");
  g_assert_false (wp_edit_set_property (f->undo, a, "status", &v, &error));
  g_assert_error (error, WP_STORE_ERROR, WP_STORE_ERROR_INVALID);
  g_assert_cmpstr (wp_undo_stack_get_undo_label (f->undo), ==, "Add “A”");
}

static void
test_add_note (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 a = add (f, 0, WP_ITEM_KIND_ACTION, "措施");
  g_autoptr(WpItem) item = wp_store_get_item (f->store, a, &error);
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, 28, 6, 2025);
  g_assert_true (wp_edit_add_note (f->undo, a, &date, "已完成验收准备", 60, &error));
  g_assert_no_error (error);
  g_assert_cmpint (wp_item_get_progress (item), ==, 60);
  {
    g_autoptr(GPtrArray) notes = wp_store_list_notes (f->store, a, &error);
    g_assert_cmpuint (notes->len, ==, 1);
    g_assert_cmpint (((WpNote *) g_ptr_array_index (notes, 0))->progress, ==, 60);
  }

  undo_ok (f);
  g_assert_cmpint (wp_item_get_progress (item), ==, -1);
  {
    g_autoptr(GPtrArray) notes = wp_store_list_notes (f->store, a, &error);
    g_assert_cmpuint (notes->len, ==, 0);
  }
  redo_ok (f);
  {
    g_autoptr(GPtrArray) notes = wp_store_list_notes (f->store, a, &error);
    g_assert_cmpuint (notes->len, ==, 1);
    g_assert_cmpstr (((WpNote *) g_ptr_array_index (notes, 0))->text, ==, "已完成验收准备");
  }
  g_assert_cmpint (wp_item_get_progress (item), ==, 60);
}

static void
test_targets (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 a = add (f, 0, WP_ITEM_KIND_ACTION, "综治中心规范化运作");
  WpTarget t = { .label = (char *) "镇(街)综治中心", .unit = (char *) "个",
                 .has_target = TRUE, .target = 45, .has_current = TRUE, .current = 20 };
  g_autoptr(GPtrArray) targets = NULL;
  WpTarget *stored;

  g_assert_true (wp_edit_add_target (f->undo, a, &t, &error));
  g_assert_no_error (error);
  targets = wp_store_list_targets (f->store, a, &error);
  g_assert_cmpuint (targets->len, ==, 1);
  stored = g_ptr_array_index (targets, 0);
  g_assert_cmpfloat (stored->target, ==, 45);

  /* The figure offices update through the year: the current value. */
  {
    g_autoptr(WpTarget) changed = wp_target_copy (stored);

    changed->current = 27;
    g_assert_true (wp_edit_set_target (f->undo, a, changed, &error));
    g_assert_no_error (error);
  }
  g_clear_pointer (&targets, g_ptr_array_unref);
  targets = wp_store_list_targets (f->store, a, &error);
  g_assert_cmpfloat (((WpTarget *) g_ptr_array_index (targets, 0))->current, ==, 27);
  g_clear_pointer (&targets, g_ptr_array_unref);

  undo_ok (f);
  targets = wp_store_list_targets (f->store, a, &error);
  g_assert_cmpfloat (((WpTarget *) g_ptr_array_index (targets, 0))->current, ==, 20);
  g_clear_pointer (&targets, g_ptr_array_unref);
  undo_ok (f);
  targets = wp_store_list_targets (f->store, a, &error);
  g_assert_cmpuint (targets->len, ==, 0);
  g_clear_pointer (&targets, g_ptr_array_unref);
  redo_ok (f);
  redo_ok (f);
  targets = wp_store_list_targets (f->store, a, &error);
  g_assert_cmpuint (targets->len, ==, 1);
  g_assert_cmpfloat (((WpTarget *) g_ptr_array_index (targets, 0))->current, ==, 27);
}

static void
test_next_year_and_plan_undo (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WpPlan) next = NULL;
  g_autoptr(GPtrArray) plans = NULL;
  g_auto(GValue) v = G_VALUE_INIT;
  const char *lead[] = { "市公安局", NULL };
  gint64 a, done_area, t1, t2, x, y;

  /* 2025: area A { T1 { x (done), y (in progress, 年底前) }, T2 (done) }, area D (done) */
  a = add (f, 0, WP_ITEM_KIND_AREA, "A");
  done_area = add (f, 0, WP_ITEM_KIND_AREA, "D");
  t1 = add (f, a, WP_ITEM_KIND_TASK, "T1");
  t2 = add (f, a, WP_ITEM_KIND_TASK, "T2");
  x = add (f, t1, WP_ITEM_KIND_ACTION, "x");
  y = add (f, t1, WP_ITEM_KIND_ACTION, "y");
  g_value_init (&v, G_TYPE_STRING);
  g_value_set_string (&v, "done");
  g_assert_true (wp_edit_set_property (f->undo, x, "status", &v, &error));
  g_assert_true (wp_edit_set_property (f->undo, t2, "status", &v, &error));
  g_assert_true (wp_edit_set_property (f->undo, done_area, "status", &v, &error));
  g_value_set_string (&v, "in_progress");
  g_assert_true (wp_edit_set_property (f->undo, y, "status", &v, &error));
  g_assert_true (wp_edit_set_due_text (f->undo, y, "年底前", &error));
  g_assert_true (wp_edit_set_agencies (f->undo, y, WP_AGENCY_ROLE_LEAD, lead, &error));
  g_assert_no_error (error);

  next = wp_edit_start_next_year (f->undo, wp_plan_get_id (f->plan), WP_NEXT_YEAR_DEFAULT,
                                  &error);
  g_assert_no_error (error);
  g_assert_cmpint (wp_plan_get_year (next), ==, 2026);

  {
    g_autoptr(GPtrArray) areas = wp_store_list_children (f->store, wp_plan_get_id (next), 0, NULL);
    g_autoptr(GPtrArray) tasks = NULL;
    g_autoptr(GPtrArray) actions = NULL;
    g_autofree char *iso = NULL;
    WpItem *carried;

    g_assert_cmpuint (areas->len, ==, 1);   /* the done area stays behind */
    g_assert_cmpstr (wp_item_get_title (g_ptr_array_index (areas, 0)), ==, "A");
    g_assert_false (wp_item_get_carried_over (g_ptr_array_index (areas, 0)));
    tasks = wp_store_list_children (f->store, wp_plan_get_id (next),
                                    wp_item_get_id (g_ptr_array_index (areas, 0)), NULL);
    g_assert_cmpuint (tasks->len, ==, 1);   /* T2 was done */
    actions = wp_store_list_children (f->store, wp_plan_get_id (next),
                                      wp_item_get_id (g_ptr_array_index (tasks, 0)), NULL);
    g_assert_cmpuint (actions->len, ==, 1); /* x was done */
    carried = g_ptr_array_index (actions, 0);
    g_assert_cmpstr (wp_item_get_title (carried), ==, "y");
    g_assert_true (wp_item_get_carried_over (carried));
    /* It starts again in the new year (issue 16) */
    g_assert_cmpint (wp_item_get_status (carried), ==, WP_ITEM_STATUS_NOT_STARTED);
    g_assert_cmpstr (wp_item_get_lead_agencies (carried)[0], ==, "市公安局");
    iso = wp_date_to_iso (wp_item_get_due (carried));
    g_assert_cmpstr (iso, ==, "2026-12-31");  /* 年底前, read for the new year */
  }

  /* The old plan is untouched. */
  g_assert_cmpuint (wp_store_count_items (f->store, wp_plan_get_id (f->plan), NULL), ==, 6);

  /* Undo removes the new year; redo brings it back with the same ids. */
  undo_ok (f);
  plans = wp_store_list_plans (f->store, &error);
  g_assert_cmpuint (plans->len, ==, 1);
  g_clear_pointer (&plans, g_ptr_array_unref);
  redo_ok (f);
  plans = wp_store_list_plans (f->store, &error);
  g_assert_cmpuint (plans->len, ==, 2);
  g_assert_cmpuint (wp_store_count_items (f->store, wp_plan_get_id (next), NULL), ==, 3);

  /* Deleting a plan is undone whole. */
  g_assert_true (wp_edit_delete_plan (f->undo, wp_plan_get_id (next), &error));
  g_assert_cmpuint (wp_store_count_items (f->store, wp_plan_get_id (next), NULL), ==, 0);
  undo_ok (f);
  g_assert_cmpuint (wp_store_count_items (f->store, wp_plan_get_id (next), NULL), ==, 3);

  /* A year that exists is refused. */
  g_assert_null (wp_edit_start_next_year (f->undo, wp_plan_get_id (f->plan),
                                          WP_NEXT_YEAR_DEFAULT, &error));
  g_assert_error (error, WP_STORE_ERROR, WP_STORE_ERROR_EXISTS);
}

static void
on_stepped (WpUndoStack *undo,
            gint64       item_id,
            GArray      *stepped)
{
  g_array_append_val (stepped, item_id);
}

/* What stands for the last edit changes with every edit, undo and redo,
 * and comes back with its edit; undoing or redoing an item's edit names
 * the item, a plan's edit names none. */
static void
test_serials_and_steps (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) stepped = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(WpItem) area = wp_edit_create_item (f->undo, wp_plan_get_id (f->plan), 0, -1,
                                                WP_ITEM_KIND_AREA, "领域", &error);
  guint64 created, deleted;

  g_assert_no_error (error);
  g_signal_connect (f->undo, "stepped", G_CALLBACK (on_stepped), stepped);
  created = wp_undo_stack_get_undo_serial (f->undo);
  g_assert_cmpuint (created, >, 0);
  g_assert_true (wp_edit_delete_item (f->undo, wp_item_get_id (area), &error));
  deleted = wp_undo_stack_get_undo_serial (f->undo);
  g_assert_cmpuint (deleted, !=, created);

  g_assert_true (wp_undo_stack_undo (f->undo, &error));
  g_assert_cmpuint (wp_undo_stack_get_undo_serial (f->undo), ==, created);
  g_assert_true (wp_undo_stack_redo (f->undo, &error));
  g_assert_cmpuint (wp_undo_stack_get_undo_serial (f->undo), ==, deleted);
  g_assert_cmpuint (stepped->len, ==, 2);
  g_assert_cmpint (g_array_index (stepped, gint64, 0), ==, wp_item_get_id (area));
  g_assert_cmpint (g_array_index (stepped, gint64, 1), ==, wp_item_get_id (area));

  /* A plan's edit: no item */
  g_assert_true (wp_edit_delete_plan (f->undo, wp_plan_get_id (f->plan), &error));
  g_assert_true (wp_undo_stack_undo (f->undo, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (stepped->len, ==, 2);
  g_signal_handlers_disconnect_by_func (f->undo, on_stepped, stepped);

  g_assert_true (wp_undo_stack_undo (f->undo, &error));
  g_assert_true (wp_undo_stack_undo (f->undo, &error));
  g_assert_cmpuint (wp_undo_stack_get_undo_serial (f->undo), ==, 0);
}

/* The agencies of @item_id as "lead|co", each list joined with 、 */
static char *
agencies_of (Fixture *f,
             gint64   item_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WpItem) item = wp_store_get_item (f->store, item_id, &error);
  g_autofree char *lead = NULL;
  g_autofree char *co = NULL;

  g_assert_no_error (error);
  lead = g_strjoinv ("、", (char **) wp_item_get_lead_agencies (item));
  co = g_strjoinv ("、", (char **) wp_item_get_co_agencies (item));
  return g_strdup_printf ("%s|%s", lead, co);
}

/* Issue 16: naming as lead an agency that already supported the item was
 * dropped without a word. It moves from the co-agencies to the lead, and
 * undo puts it back where it was. */
static void
test_co_agency_made_lead (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WpItem) item = wp_store_create_item (f->store, wp_plan_get_id (f->plan), 0, -1,
                                                 WP_ITEM_KIND_ACTION, "措施", &error);
  const char *co[] = { "市司法局", "市教育局", NULL };
  const char *lead[] = { "市司法局", NULL };
  const char *back[] = { "市教育局", "市司法局", NULL };
  gint64 id = wp_item_get_id (item);
  char *text;

  g_assert_no_error (error);
  g_assert_true (wp_edit_set_agencies (f->undo, id, WP_AGENCY_ROLE_CO, co, &error));
  g_assert_no_error (error);

  g_assert_true (wp_edit_set_agencies (f->undo, id, WP_AGENCY_ROLE_LEAD, lead, &error));
  g_assert_no_error (error);
  g_assert_cmpstr ((text = agencies_of (f, id)), ==, "市司法局|市教育局");
  g_free (text);

  g_assert_true (wp_undo_stack_undo (f->undo, &error));
  g_assert_no_error (error);
  g_assert_cmpstr ((text = agencies_of (f, id)), ==, "|市司法局、市教育局");
  g_free (text);
  g_assert_true (wp_undo_stack_redo (f->undo, &error));
  g_assert_no_error (error);
  g_assert_cmpstr ((text = agencies_of (f, id)), ==, "市司法局|市教育局");
  g_free (text);

  /* and back: named among the co-agencies, the lead stays lead (leading
   * wins, as the store has always had it) */
  g_assert_true (wp_edit_set_agencies (f->undo, id, WP_AGENCY_ROLE_CO, back, &error));
  g_assert_no_error (error);
  g_assert_cmpstr ((text = agencies_of (f, id)), ==, "市司法局|市教育局");
  g_free (text);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/undo/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("create-undo-redo", test_create_undo_redo);
  ADD ("delete-restores-subtree", test_delete_restores_subtree);
  ADD ("indent-outdent-and-kinds", test_indent_outdent_and_kinds);
  ADD ("kind-set-by-hand-is-kept", test_kind_set_by_hand_is_kept);
  ADD ("move-up-down", test_move_up_down);
  ADD ("properties-and-due", test_properties_and_due);
  ADD ("failed-edit-pushes-nothing", test_failed_edit_pushes_nothing);
  ADD ("add-note", test_add_note);
  ADD ("next-year-and-plan-undo", test_next_year_and_plan_undo);
  ADD ("serials-and-steps", test_serials_and_steps);
  ADD ("targets", test_targets);
  ADD ("co-agency-made-lead", test_co_agency_made_lead);
#undef ADD

  return g_test_run ();
}
