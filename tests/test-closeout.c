/* test-closeout.c: close-out (销号), evidence files and the year-end check
 * (年终核查) as undoable edits
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
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

/* The first item without sub-items that is not done, depth first */
static gint64
find_open_leaf (WpStore *store,
                gint64   plan_id,
                gint64   parent_id)
{
  g_autoptr(GPtrArray) items = wp_store_list_children (store, plan_id, parent_id, NULL);

  for (guint i = 0; items != NULL && i < items->len; i++)
    {
      WpItem *item = g_ptr_array_index (items, i);
      gint64 found;

      if (wp_item_get_n_children (item) == 0)
        {
          if (wp_item_get_status (item) != WP_ITEM_STATUS_DONE)
            return wp_item_get_id (item);
          continue;
        }
      if ((found = find_open_leaf (store, plan_id, wp_item_get_id (item))) != 0)
        return found;
    }
  return 0;
}

static WpItemStatus
status_of (WpStore *store,
           gint64   item_id)
{
  g_autoptr(WpItem) item = wp_store_get_item (store, item_id, NULL);

  g_assert_nonnull (item);
  return wp_item_get_status (item);
}

static WpCloseoutState
closeout_state (WpStore  *store,
                gint64    item_id,
                char    **completion)
{
  g_autoptr(GError) error = NULL;
  WpCloseout closeout = { 0 };
  WpCloseoutState state;

  g_assert_true (wp_store_get_closeout (store, item_id, &closeout, &error));
  g_assert_no_error (error);
  state = closeout.state;
  if (completion != NULL)
    *completion = g_strdup (closeout.completion);
  wp_closeout_clear (&closeout);
  return state;
}

static guint
n_attachments (WpStore *store,
               gint64   item_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = wp_store_list_attachments (store, item_id, &error);

  g_assert_no_error (error);
  return list->len;
}

static GBytes *
random_bytes (gsize size)
{
  guint32 *words = g_new (guint32, size / 4 + 1);
  g_autoptr(GRand) rand = g_rand_new_with_seed (21);

  for (gsize i = 0; i < size / 4 + 1; i++)
    words[i] = g_rand_int (rand);
  return g_bytes_new_take (words, size);
}

static void
set_review (Fixture  *f,
            gboolean  review)
{
  g_autoptr(GError) error = NULL;
  WpPlanSettings settings;

  g_assert_true (wp_store_get_plan_settings (f->store, wp_plan_get_id (f->plan), &settings,
                                             &error));
  settings.review_closeout = review;
  g_assert_true (wp_store_set_plan_settings (f->store, wp_plan_get_id (f->plan), &settings,
                                             &error));
  g_assert_no_error (error);
}

/* Close-out with a file is one step: undo takes the note, the file and
 * done back together, redo brings them again. */
static void
test_close_out_undoes (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) blob = g_bytes_new_static ("纪要", strlen ("纪要"));
  WpNewAttachment files[] = { { "会议纪要.txt", "text/plain", blob } };
  gint64 id = find_open_leaf (f->store, wp_plan_get_id (f->plan), 0);
  WpItemStatus before;
  g_autofree char *completion = NULL;

  g_assert_cmpint (id, !=, 0);
  before = status_of (f->store, id);
  g_assert_true (wp_edit_close_out (f->undo, id, "  已完成验收  ", files, 1, &error));
  g_assert_no_error (error);
  g_assert_cmpint (status_of (f->store, id), ==, WP_ITEM_STATUS_DONE);
  g_assert_cmpint (closeout_state (f->store, id, &completion), ==, WP_CLOSEOUT_CLOSED);
  g_assert_cmpstr (completion, ==, "已完成验收");
  g_assert_cmpuint (n_attachments (f->store, id), ==, 1);

  g_assert_true (wp_undo_stack_undo (f->undo, &error));
  g_assert_no_error (error);
  g_assert_cmpint (status_of (f->store, id), ==, before);
  g_assert_cmpint (closeout_state (f->store, id, NULL), ==, WP_CLOSEOUT_NONE);
  g_assert_cmpuint (n_attachments (f->store, id), ==, 0);
  g_assert_false (wp_undo_stack_can_undo (f->undo));

  g_assert_true (wp_undo_stack_redo (f->undo, &error));
  g_assert_no_error (error);
  g_assert_cmpint (status_of (f->store, id), ==, WP_ITEM_STATUS_DONE);
  g_assert_cmpint (closeout_state (f->store, id, NULL), ==, WP_CLOSEOUT_CLOSED);
  g_assert_cmpuint (n_attachments (f->store, id), ==, 1);
}

/* An empty completion note is refused and nothing is written: not done,
 * no file kept, nothing to undo. */
static void
test_close_out_needs_note (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) blob = g_bytes_new_static ("x", 1);
  WpNewAttachment files[] = { { "a.txt", NULL, blob } };
  gint64 id = find_open_leaf (f->store, wp_plan_get_id (f->plan), 0);
  WpItemStatus before = status_of (f->store, id);

  g_assert_false (wp_edit_close_out (f->undo, id, " \n ", files, 1, &error));
  g_assert_error (error, WP_STORE_ERROR, WP_STORE_ERROR_INVALID);
  g_assert_cmpint (status_of (f->store, id), ==, before);
  g_assert_cmpint (closeout_state (f->store, id, NULL), ==, WP_CLOSEOUT_NONE);
  g_assert_cmpuint (n_attachments (f->store, id), ==, 0);
  g_assert_false (wp_undo_stack_can_undo (f->undo));
}

/* Taking done back ends the close-out; undoing that brings it back */
static void
test_undone_ends_close_out (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_auto(GValue) value = G_VALUE_INIT;
  gint64 id = find_open_leaf (f->store, wp_plan_get_id (f->plan), 0);

  g_assert_true (wp_edit_close_out (f->undo, id, "已办结", NULL, 0, &error));
  g_value_init (&value, G_TYPE_STRING);
  g_value_set_string (&value, "in_progress");
  g_assert_true (wp_edit_set_property (f->undo, id, "status", &value, &error));
  g_assert_no_error (error);
  g_assert_cmpint (closeout_state (f->store, id, NULL), ==, WP_CLOSEOUT_NONE);

  g_assert_true (wp_undo_stack_undo (f->undo, &error));
  g_assert_no_error (error);
  g_assert_cmpint (status_of (f->store, id), ==, WP_ITEM_STATUS_DONE);
  g_assert_cmpint (closeout_state (f->store, id, NULL), ==, WP_CLOSEOUT_CLOSED);
}

/* When the plan requires review a close-out waits as 待销号 until it is
 * confirmed; confirming undoes and redoes. */
static void
test_confirm_undoes (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 id = find_open_leaf (f->store, wp_plan_get_id (f->plan), 0);
  WpCloseout closeout = { 0 };

  set_review (f, TRUE);
  g_assert_true (wp_edit_close_out (f->undo, id, "已办结", NULL, 0, &error));
  g_assert_cmpint (closeout_state (f->store, id, NULL), ==, WP_CLOSEOUT_PENDING_REVIEW);
  g_assert_true (wp_edit_confirm_closeout (f->undo, id, "督查室", &error));
  g_assert_no_error (error);
  g_assert_true (wp_store_get_closeout (f->store, id, &closeout, &error));
  g_assert_cmpint (closeout.state, ==, WP_CLOSEOUT_CLOSED);
  g_assert_cmpstr (closeout.closed_by, ==, "督查室");
  g_assert_nonnull (closeout.closed_at);
  wp_closeout_clear (&closeout);

  g_assert_true (wp_undo_stack_undo (f->undo, &error));
  g_assert_cmpint (closeout_state (f->store, id, NULL), ==, WP_CLOSEOUT_PENDING_REVIEW);
  g_assert_true (wp_undo_stack_redo (f->undo, &error));
  g_assert_no_error (error);
  g_assert_cmpint (closeout_state (f->store, id, NULL), ==, WP_CLOSEOUT_CLOSED);
}

/* A 1 MB random file reads back byte for byte, through undo and redo;
 * two identical files keep their bytes once. */
static void
test_attachment_bytes (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) blob = random_bytes (1024 * 1024);
  g_autoptr(GBytes) back = NULL;
  g_autofree char *sum = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, blob);
  g_autofree char *sum_back = NULL;
  gint64 item = find_open_leaf (f->store, wp_plan_get_id (f->plan), 0);
  gint64 a, b;
  sqlite3 *db;
  sqlite3_stmt *stmt;
  g_autofree char *path = g_build_filename (f->dir, "plan.db", NULL);

  a = wp_edit_add_attachment (f->undo, item, "/tmp/照片.jpg", "image/jpeg", blob, &error);
  g_assert_no_error (error);
  g_assert_cmpint (a, >, 0);
  back = wp_store_read_attachment (f->store, a, &error);
  g_assert_no_error (error);
  sum_back = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, back);
  g_assert_cmpstr (sum_back, ==, sum);
  g_assert_true (g_bytes_equal (back, blob));

  g_assert_true (wp_undo_stack_undo (f->undo, &error));
  g_assert_cmpuint (n_attachments (f->store, item), ==, 0);
  g_assert_true (wp_undo_stack_redo (f->undo, &error));
  g_assert_no_error (error);
  {
    g_autoptr(GPtrArray) list = wp_store_list_attachments (f->store, item, &error);
    WpAttachment *at = g_ptr_array_index (list, 0);

    g_assert_cmpuint (list->len, ==, 1);
    g_assert_cmpint (at->id, ==, a);
    g_assert_cmpstr (at->name, ==, "照片.jpg");
    g_assert_cmpstr (at->type, ==, "image/jpeg");
    g_assert_cmpint (at->size, ==, 1024 * 1024);
    g_assert_cmpstr (at->sha256, ==, sum);
  }
  g_clear_pointer (&back, g_bytes_unref);
  back = wp_store_read_attachment (f->store, a, &error);
  g_assert_true (g_bytes_equal (back, blob));

  /* the same file twice: two attachments, one copy of the bytes */
  b = wp_edit_add_attachment (f->undo, item, "照片副本.jpg", "image/jpeg", blob, &error);
  g_assert_no_error (error);
  g_assert_cmpint (b, !=, a);
  g_assert_cmpuint (n_attachments (f->store, item), ==, 2);
  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT count(*) FROM attachment_data", -1, &stmt,
                                       NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 1);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
}

/* A file over 50 MB is refused with a message naming the limit */
static void
test_attachment_too_big (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) big = g_bytes_new_take (g_malloc0 (WP_ATTACHMENT_MAX_SIZE + 1),
                                            WP_ATTACHMENT_MAX_SIZE + 1);
  gint64 item = find_open_leaf (f->store, wp_plan_get_id (f->plan), 0);

  g_assert_cmpint (wp_edit_add_attachment (f->undo, item, "扫描件.pdf", "application/pdf", big,
                                           &error), ==, 0);
  g_assert_error (error, WP_STORE_ERROR, WP_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "扫描件.pdf"));
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "at most 50.0\u00a0MiB"));
  g_assert_nonnull (strstr (error->message, "52428801"));  /* (its size, to the byte) */
  g_assert_cmpuint (n_attachments (f->store, item), ==, 0);
  g_assert_false (wp_undo_stack_can_undo (f->undo));
}

/* An empty file is kept as an empty file; one removed, or a plan that is
 * not there, is NOT_FOUND with a message saying so */
static void
test_attachment_empty_and_gone (Fixture       *f,
                                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) empty = g_bytes_new_static ("", 0);
  g_autoptr(GBytes) back = NULL;
  gint64 item = find_open_leaf (f->store, wp_plan_get_id (f->plan), 0);
  WpPlanSettings settings;
  gint64 a;

  a = wp_store_add_attachment (f->store, item, "空白.txt", "text/plain", empty, &error);
  g_assert_no_error (error);
  g_assert_cmpint (a, >, 0);
  back = wp_store_read_attachment (f->store, a, &error);
  g_assert_no_error (error);
  g_assert_nonnull (back);
  g_assert_cmpuint (g_bytes_get_size (back), ==, 0);
  g_clear_pointer (&back, g_bytes_unref);

  g_assert_true (wp_store_delete_attachment (f->store, a, &error));
  g_assert_no_error (error);
  back = wp_store_read_attachment (f->store, a, &error);
  g_assert_null (back);
  g_assert_error (error, WP_STORE_ERROR, WP_STORE_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "attachment no longer exists"));
  g_clear_error (&error);
  g_assert_false (wp_store_delete_attachment (f->store, a, &error));
  g_assert_error (error, WP_STORE_ERROR, WP_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_assert_false (wp_store_get_plan_settings (f->store, wp_plan_get_id (f->plan) + 1000,
                                              &settings, &error));
  g_assert_error (error, WP_STORE_ERROR, WP_STORE_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "plan no longer exists"));
  g_clear_error (&error);
  settings.yellow_points = 10;
  settings.red_points = 20;
  g_assert_false (wp_store_set_plan_settings (f->store, wp_plan_get_id (f->plan) + 1000,
                                              &settings, &error));
  g_assert_error (error, WP_STORE_ERROR, WP_STORE_ERROR_NOT_FOUND);
}

/* Removing a file then undoing gives it back with its bytes, even when the
 * store purged what is deleted in between (as closing the file does). */
static void
test_delete_attachment_undoes (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) blob = random_bytes (4096);
  g_autoptr(GBytes) back = NULL;
  g_autoptr(GPtrArray) list = NULL;
  gint64 item = find_open_leaf (f->store, wp_plan_get_id (f->plan), 0);
  gint64 id = wp_edit_add_attachment (f->undo, item, "批示.pdf", "application/pdf", blob,
                                      &error);

  g_assert_no_error (error);
  list = wp_store_list_attachments (f->store, item, &error);
  g_assert_true (wp_edit_delete_attachment (f->undo, g_ptr_array_index (list, 0), &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_attachments (f->store, item), ==, 0);
  g_assert_true (wp_store_purge_deleted (f->store, &error));
  g_assert_no_error (error);

  g_assert_true (wp_undo_stack_undo (f->undo, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_attachments (f->store, item), ==, 1);
  back = wp_store_read_attachment (f->store, id, &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (back, blob));

  g_assert_true (wp_undo_stack_redo (f->undo, &error));
  g_assert_cmpuint (n_attachments (f->store, item), ==, 0);
}

/* The year-end check is refused while an unfinished leaf item has no
 * reason, then done once each has one; reasons undo and redo. */
static void
test_year_end_check (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) missing = NULL;
  g_autofree char *count = NULL;
  g_autofree char *reason = NULL;
  g_autofree char *checked = NULL;
  gint64 plan_id = wp_plan_get_id (f->plan);
  gint64 first;

  missing = wp_store_list_unexplained (f->store, plan_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (missing->len, >, 1);
  count = g_strdup_printf ("%u", missing->len);

  g_assert_false (wp_edit_mark_plan_checked (f->undo, plan_id, &error));
  g_assert_error (error, WP_STORE_ERROR, WP_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, count));
  g_clear_error (&error);
  g_assert_false (wp_undo_stack_can_undo (f->undo));
  g_assert_null (wp_store_get_plan_checked (f->store, plan_id, &error));

  first = g_array_index (missing, gint64, 0);
  g_assert_true (wp_edit_set_check_reason (f->undo, first, "资金未到位", &error));
  g_assert_no_error (error);
  reason = wp_store_get_check_reason (f->store, first, &error);
  g_assert_cmpstr (reason, ==, "资金未到位");
  g_assert_true (wp_undo_stack_undo (f->undo, &error));
  g_clear_pointer (&reason, g_free);
  reason = wp_store_get_check_reason (f->store, first, &error);
  g_assert_cmpstr (reason, ==, "");
  g_assert_true (wp_undo_stack_redo (f->undo, &error));
  g_clear_pointer (&reason, g_free);
  reason = wp_store_get_check_reason (f->store, first, &error);
  g_assert_cmpstr (reason, ==, "资金未到位");

  for (guint i = 1; i < missing->len; i++)
    g_assert_true (wp_edit_set_check_reason (f->undo, g_array_index (missing, gint64, i),
                                             "跨年度实施", &error));
  g_assert_no_error (error);
  g_assert_true (wp_edit_mark_plan_checked (f->undo, plan_id, &error));
  g_assert_no_error (error);
  checked = wp_store_get_plan_checked (f->store, plan_id, &error);
  g_assert_nonnull (checked);

  g_assert_true (wp_undo_stack_undo (f->undo, &error));
  g_clear_pointer (&checked, g_free);
  g_assert_null (wp_store_get_plan_checked (f->store, plan_id, &error));
  g_assert_true (wp_undo_stack_redo (f->undo, &error));
  g_assert_no_error (error);
  checked = wp_store_get_plan_checked (f->store, plan_id, &error);
  g_assert_nonnull (checked);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/closeout/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("close-out-undoes", test_close_out_undoes);
  ADD ("close-out-needs-note", test_close_out_needs_note);
  ADD ("undone-ends-close-out", test_undone_ends_close_out);
  ADD ("confirm-undoes", test_confirm_undoes);
  ADD ("attachment-bytes", test_attachment_bytes);
  ADD ("attachment-too-big", test_attachment_too_big);
  ADD ("attachment-empty-and-gone", test_attachment_empty_and_gone);
  ADD ("delete-attachment-undoes", test_delete_attachment_undoes);
  ADD ("year-end-check", test_year_end_check);
#undef ADD

  return g_test_run ();
}
