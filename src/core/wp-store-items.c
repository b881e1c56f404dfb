/* wp-store-items.c: plans and the item hierarchy
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
#include "wp-light.h"
#include "wp-store-private.h"

#define ITEM_SELECT \
  "SELECT i.id, i.plan_id, coalesce (i.parent_id, 0), p.year, i.position, i.uuid, i.kind," \
  " i.title, i.description, i.status, i.progress, i.due, i.due_label, i.ongoing," \
  " i.carried_over, (SELECT count(*) FROM item c WHERE c.plan_id = i.plan_id" \
  "   AND c.parent_id = i.id)," \
  " (SELECT group_concat (name, char(31)) FROM (SELECT a.name AS name FROM item_agency ia" \
  "   JOIN agency a ON a.id = ia.agency_id WHERE ia.item_id = i.id AND ia.role = 'lead'" \
  "   ORDER BY ia.position))," \
  " (SELECT group_concat (name, char(31)) FROM (SELECT a.name AS name FROM item_agency ia" \
  "   JOIN agency a ON a.id = ia.agency_id WHERE ia.item_id = i.id AND ia.role = 'co'" \
  "   ORDER BY ia.position)), i.done_date, i.carried_forward" \
  " FROM item i JOIN plan p ON p.id = i.plan_id "

#define SUBTREE_CTE \
  "WITH RECURSIVE sub (id, depth) AS (SELECT id, 0 FROM item WHERE id = ?1" \
  " UNION ALL SELECT i.id, sub.depth + 1 FROM item i JOIN sub ON i.parent_id = sub.id) "

/* Plans */

static WpPlan *
plan_from_row (WpStmt *stmt)
{
  return wp_plan_new (sqlite3_column_int64 (stmt->stmt, 0),
                      sqlite3_column_int (stmt->stmt, 1),
                      wp_stmt_column_text (stmt, 2),
                      wp_stmt_column_text (stmt, 3));
}

GPtrArray *
wp_store_list_plans (WpStore  *self,
                     GError  **error)
{
  g_autoptr(WpStmt) stmt = NULL;
  g_autoptr(GPtrArray) plans = g_ptr_array_new_with_free_func (g_object_unref);
  int rc;

  g_return_val_if_fail (WP_IS_STORE (self), NULL);

  stmt = wp_stmt_prepare (self, "SELECT id, year, title, organization FROM plan ORDER BY year",
                          error);
  if (stmt == NULL)
    return NULL;

  while ((rc = wp_stmt_step (stmt, error)) == SQLITE_ROW)
    g_ptr_array_add (plans, plan_from_row (stmt));

  return rc == SQLITE_DONE ? g_steal_pointer (&plans) : NULL;
}

static WpPlan *
get_plan_where (WpStore     *self,
                const char  *sql,
                gint64       key,
                GError     **error)
{
  g_autoptr(WpStmt) stmt = wp_stmt_prepare (self, sql, error);
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt->stmt, 1, key);
  rc = wp_stmt_step (stmt, error);
  if (rc == SQLITE_ROW)
    return plan_from_row (stmt);
  if (rc == SQLITE_DONE)
    g_set_error (error, WP_STORE_ERROR, WP_STORE_ERROR_NOT_FOUND,
                 _("There is no such plan in “%s”."), self->path);
  return NULL;
}

WpPlan *
wp_store_get_plan (WpStore  *self,
                   gint64    plan_id,
                   GError  **error)
{
  g_return_val_if_fail (WP_IS_STORE (self), NULL);
  return get_plan_where (self, "SELECT id, year, title, organization FROM plan WHERE id = ?1",
                         plan_id, error);
}

WpPlan *
wp_store_get_plan_by_year (WpStore  *self,
                           int       year,
                           GError  **error)
{
  g_autoptr(GError) local_error = NULL;
  WpPlan *plan;

  g_return_val_if_fail (WP_IS_STORE (self), NULL);

  plan = get_plan_where (self, "SELECT id, year, title, organization FROM plan WHERE year = ?1",
                         year, &local_error);
  if (g_error_matches (local_error, WP_STORE_ERROR, WP_STORE_ERROR_NOT_FOUND))
    g_set_error (error, WP_STORE_ERROR, WP_STORE_ERROR_NOT_FOUND,
                 _("There is no plan for %d in “%s”."), year, self->path);
  else if (local_error != NULL)
    g_propagate_error (error, g_steal_pointer (&local_error));
  return plan;
}

WpPlan *
wp_store_create_plan (WpStore     *self,
                      int          year,
                      const char  *title,
                      const char  *organization,
                      GError     **error)
{
  g_autoptr(WpStmt) stmt = NULL;
  g_autofree char *now = wp_store_now ();
  g_autoptr(WpPlan) existing = NULL;

  g_return_val_if_fail (WP_IS_STORE (self), NULL);

  if (!wp_store_check_writable (self, error))
    return NULL;

  if (year < 1 || year > 9999)
    {
      g_set_error (error, WP_STORE_ERROR, WP_STORE_ERROR_INVALID,
                   _("%d is not a valid year."), year);
      return NULL;
    }

  existing = get_plan_where (self, "SELECT id, year, title, organization FROM plan WHERE year = ?1",
                             year, NULL);
  if (existing != NULL)
    {
      g_set_error (error, WP_STORE_ERROR, WP_STORE_ERROR_EXISTS,
                   _("There is already a plan for %d."), year);
      return NULL;
    }

  stmt = wp_stmt_prepare (self,
                          "INSERT INTO plan (year, title, organization, created, modified)"
                          " VALUES (?1, ?2, ?3, ?4, ?4)", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int (stmt->stmt, 1, year);
  wp_stmt_bind_text (stmt, 2, title ? title : "");
  wp_stmt_bind_text (stmt, 3, organization ? organization : "");
  wp_stmt_bind_text (stmt, 4, now);
  if (!wp_stmt_run (stmt, error))
    return NULL;

  wp_store_plans_changed (self);

  return wp_plan_new (sqlite3_last_insert_rowid (self->db), year, title, organization);
}

gboolean
wp_store_delete_plan (WpStore  *self,
                      gint64    plan_id,
                      GError  **error)
{
  g_autoptr(WpStmt) stmt = NULL;

  g_return_val_if_fail (WP_IS_STORE (self), FALSE);

  if (!wp_store_check_writable (self, error))
    return FALSE;

  stmt = wp_stmt_prepare (self, "DELETE FROM plan WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt->stmt, 1, plan_id);
  if (!wp_stmt_run (stmt, error))
    return FALSE;

  /* Ids of deleted rows can be given out again. */
  wp_store_forget_rollups (self);
  wp_store_plans_changed (self);
  return TRUE;
}

guint
wp_store_count_items (WpStore  *self,
                      gint64    plan_id,
                      GError  **error)
{
  g_autoptr(WpStmt) stmt = NULL;

  g_return_val_if_fail (WP_IS_STORE (self), 0);

  stmt = wp_stmt_prepare (self, "SELECT count(*) FROM item WHERE plan_id = ?1", error);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt->stmt, 1, plan_id);
  if (wp_stmt_step (stmt, error) != SQLITE_ROW)
    return 0;
  return (guint) sqlite3_column_int64 (stmt->stmt, 0);
}

/* Items */

typedef struct {
  double       sum;       /* of the children's effective progress */
  guint        count;
  guint        n_done;
  guint        n_started;  /* in progress or done */
  guint        n_suspended;
  WpLight      worst_light;
  WpLight      worst_unowned_light;  /* of children with no agencies of their own */
} Rollup;

static WpItemStatus
rollup_status (WpItemStatus  stored,
               const Rollup *children)
{
  /* Done and suspended are decisions someone took: they stand. */
  if (children == NULL || children->count == 0
      || stored == WP_ITEM_STATUS_DONE || stored == WP_ITEM_STATUS_SUSPENDED)
    return stored;
  if (children->n_done == children->count)
    return WP_ITEM_STATUS_DONE;
  if (children->n_suspended == children->count)
    return WP_ITEM_STATUS_SUSPENDED;
  if (children->n_started > 0)
    return WP_ITEM_STATUS_IN_PROGRESS;
  return stored;
}

static int
rollup_progress (WpItemStatus  effective_status,
                 int           stored,
                 const Rollup *children)
{
  if (effective_status == WP_ITEM_STATUS_DONE)
    return 100;
  if (stored >= 0)
    return stored;
  if (children != NULL && children->count > 0)
    return (int) (children->sum / children->count + 0.5);
  return 0;
}

/* How a plan's items are judged on the reference date: its light rules,
 * and what each item's milestone expects by then (see own_light()).
 * Dropped with the rollups, and when a milestone changes. */
typedef struct {
  WpLightRules  rules;
  int           quarter;   /* the last quarter ended by the reference date */
  GHashTable   *expected;  /* gint64 item id → GINT_TO_POINTER (progress + 1) */
} Judging;

static void
judging_free (gpointer data)
{
  Judging *judging = data;

  g_clear_pointer (&judging->expected, g_hash_table_unref);
  g_free (judging);
}

static Judging *
get_judging (WpStore *self,
             gint64   plan_id,
             int      plan_year)
{
  Judging *judging;
  WpPlanSettings settings = WP_PLAN_SETTINGS_INIT;
  g_autoptr(WpStmt) stmt = NULL;

  if (self->judging == NULL)
    self->judging = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, judging_free);
  judging = g_hash_table_lookup (self->judging, &plan_id);
  if (judging != NULL)
    return judging;

  judging = g_new0 (Judging, 1);
  judging->expected = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  wp_store_get_plan_settings (self, plan_id, &settings, NULL);
  judging->rules.due_soon_days = settings.due_soon_days;
  judging->rules.yellow_points = settings.yellow_points;
  judging->rules.red_points = settings.red_points;
  judging->quarter = wp_light_last_ended_quarter (plan_year, &self->reference_date);

  /* (the latest quarter ended that expects a progress: the one before
   * stands while a quarter's milestone names a state only) */
  if (judging->quarter > 0)
    stmt = wp_stmt_prepare (self, "SELECT m.item_id, m.progress FROM milestone m"
                                  " JOIN item i ON i.id = m.item_id WHERE i.plan_id = ?1"
                                  " AND m.quarter <= ?2 AND m.progress IS NOT NULL"
                                  " ORDER BY m.item_id, m.quarter", NULL);
  if (stmt != NULL)
    {
      sqlite3_bind_int64 (stmt->stmt, 1, plan_id);
      sqlite3_bind_int (stmt->stmt, 2, judging->quarter);
      while (sqlite3_step (stmt->stmt) == SQLITE_ROW)
        {
          gint64 item_id = sqlite3_column_int64 (stmt->stmt, 0);

          g_hash_table_insert (judging->expected, g_memdup2 (&item_id, sizeof item_id),
                               GINT_TO_POINTER (sqlite3_column_int (stmt->stmt, 1) + 1));
        }
    }
  g_hash_table_insert (self->judging, g_memdup2 (&plan_id, sizeof plan_id), judging);
  return judging;
}

/* Forgets how plans are judged (a milestone or a plan's rules changed) */
void
_wp_store_forget_judging (WpStore *self)
{
  if (self->judging != NULL)
    g_hash_table_remove_all (self->judging);
}

/**
 * wp_store_get_expected_progress:
 *
 * Returns: the progress @item_id's milestone expects by the reference date
 *   (the last quarter ended that sets one), or -1 when none does
 */
int
wp_store_get_expected_progress (WpStore *self,
                                gint64   plan_id,
                                int      plan_year,
                                gint64   item_id)
{
  Judging *judging;

  g_return_val_if_fail (WP_IS_STORE (self), -1);
  judging = get_judging (self, plan_id, plan_year);
  return GPOINTER_TO_INT (g_hash_table_lookup (judging->expected, &item_id)) - 1;
}

static WpLight
own_light (WpStore      *self,
           gint64        plan_id,
           gint64        item_id,
           WpItemStatus  status,
           int           progress,
           const GDate  *due,
           int           plan_year)
{
  Judging *judging = get_judging (self, plan_id, plan_year);
  int expected = GPOINTER_TO_INT (g_hash_table_lookup (judging->expected, &item_id)) - 1;
  GDate start;

  g_date_clear (&start, 1);
  g_date_set_dmy (&start, 1, G_DATE_JANUARY, (GDateYear) CLAMP (plan_year, 1, 9999));
  return wp_light_judge (status, progress, g_date_valid (due) ? due : NULL, &start,
                         &self->reference_date, expected, &judging->rules);
}

/* One item on the way up: its figures from its children's sums (in @sums,
 * by id), added to its parent's; a parent's are cached on the way, so
 * that expanding it later reads no subtree again. Children come before
 * their parents. */
static void
rollup_row (WpStore      *self,
            GHashTable   *sums,
            gint64        plan_id,
            gint64        id,
            gint64        parent,
            int           stored_progress,
            WpItemStatus  status,
            const GDate  *due,
            gboolean      carried_forward,
            int           plan_year)
{
  Rollup *own = g_hash_table_lookup (sums, &id);
  Rollup *up;
  int progress;
  WpLight light;

  status = rollup_status (status, own);
  progress = rollup_progress (status, stored_progress, own);
  light = wp_light_roll_up (own_light (self, plan_id, id, status, progress, due, plan_year),
                            own != NULL ? own->worst_light : WP_LIGHT_NONE, carried_forward);

  up = g_hash_table_lookup (sums, &parent);
  if (up == NULL)
    {
      up = g_new0 (Rollup, 1);
      g_hash_table_insert (sums, g_memdup2 (&parent, sizeof parent), up);
    }
  up->sum += progress;
  up->count++;
  up->n_done += status == WP_ITEM_STATUS_DONE;
  up->n_started += status == WP_ITEM_STATUS_DONE || status == WP_ITEM_STATUS_IN_PROGRESS;
  up->n_suspended += status == WP_ITEM_STATUS_SUSPENDED;
  up->worst_light = MAX (up->worst_light, light);

  if (own != NULL)
    {
      WpRollup *cached = g_new (WpRollup, 1);

      cached->status = status;
      cached->progress = progress;
      cached->light = light;
      g_hash_table_insert (self->rollups, g_memdup2 (&id, sizeof id), cached);
    }
}

static GHashTable *
new_sums (void)
{
  return g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
}

/* A row of _wp_store_rollup_plan() */
typedef struct {
  gint64        id;
  gint64        parent;
  int           progress;  /* as stored, -1 if none */
  WpItemStatus  status;    /* as stored */
  GDate         due;
  int           depth;     /* -1 until known */
  gboolean      carried_forward;
} PlanRow;

static int
compare_deeper_first (gconstpointer a,
                      gconstpointer b)
{
  return ((const PlanRow *) b)->depth - ((const PlanRow *) a)->depth;
}

/* Rolls up every parent of a plan in one read of its items, for the first
 * top-level item asked for: the outline shows the areas first, and each
 * area read its subtree through a recursive query and a row lookup per
 * item, three times slower than reading the plan's items once. */
void
_wp_store_rollup_plan (WpStore *self,
                       gint64   plan_id,
                       int      plan_year)
{
  g_autoptr(WpStmt) stmt = NULL;
  g_autoptr(GArray) rows = g_array_new (FALSE, FALSE, sizeof (PlanRow));
  g_autoptr(GHashTable) by_id = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GHashTable) sums = new_sums ();
  g_autoptr(GArray) path = g_array_new (FALSE, FALSE, sizeof (guint));
  int rc;

  stmt = wp_stmt_prepare (self, "SELECT id, coalesce (parent_id, 0), progress, status, due,"
                                " carried_forward FROM item WHERE plan_id = ?1", NULL);
  if (stmt == NULL)
    return;
  sqlite3_bind_int64 (stmt->stmt, 1, plan_id);
  while ((rc = sqlite3_step (stmt->stmt)) == SQLITE_ROW)
    {
      PlanRow row = { sqlite3_column_int64 (stmt->stmt, 0), sqlite3_column_int64 (stmt->stmt, 1),
                      sqlite3_column_type (stmt->stmt, 2) == SQLITE_NULL
                      ? -1 : sqlite3_column_int (stmt->stmt, 2),
                      WP_ITEM_STATUS_NOT_STARTED, { 0 }, -1,
                      sqlite3_column_int (stmt->stmt, 5) != 0 };

      if (!wp_item_status_from_string ((const char *) sqlite3_column_text (stmt->stmt, 3),
                                       &row.status))
        row.status = WP_ITEM_STATUS_NOT_STARTED;
      wp_date_from_iso ((const char *) sqlite3_column_text (stmt->stmt, 4), &row.due);
      g_array_append_val (rows, row);
    }
  if (rc != SQLITE_DONE)
    return;  /* the subtrees are read one by one instead */

  for (guint i = 0; i < rows->len; i++)
    g_hash_table_insert (by_id, &g_array_index (rows, PlanRow, i).id, GUINT_TO_POINTER (i + 1));

  /* Each item's depth, walking up to the first item whose depth is known */
  for (guint i = 0; i < rows->len; i++)
    {
      guint at = i;
      int depth;

      g_array_set_size (path, 0);
      while (g_array_index (rows, PlanRow, at).depth < 0)
        {
          gint64 *parent_id = &g_array_index (rows, PlanRow, at).parent;
          guint parent = GPOINTER_TO_UINT (g_hash_table_lookup (by_id, parent_id));

          g_array_append_val (path, at);
          if (parent == 0 || path->len > rows->len)
            break;
          at = parent - 1;
        }
      depth = g_array_index (rows, PlanRow, at).depth;
      for (guint k = path->len; k > 0; k--)
        g_array_index (rows, PlanRow, g_array_index (path, guint, k - 1)).depth = ++depth;
    }

  g_array_sort (rows, compare_deeper_first);
  for (guint i = 0; i < rows->len; i++)
    {
      const PlanRow *row = &g_array_index (rows, PlanRow, i);

      rollup_row (self, sums, plan_id, row->id, row->parent, row->progress, row->status, &row->due,
                  row->carried_forward, plan_year);
    }
}

/* Rolls a parent's figures up from its subtree, bottom-up, reading only its
 * descendants: effective status (all children done → done, any started →
 * in progress), effective progress (the mean of the children unless set)
 * and the worst traffic light below it. */
static void
rollup_subtree (WpStore    *self,
                WpItemData *data)
{
  g_autoptr(WpStmt) stmt = NULL;
  g_autoptr(GHashTable) sums = NULL;

  stmt = wp_stmt_prepare (self,
                          SUBTREE_CTE
                          "SELECT i.id, coalesce (i.parent_id, 0), i.progress, i.status, i.due,"
                          " i.carried_forward FROM sub JOIN item i USING (id) WHERE sub.depth > 0"
                          " ORDER BY sub.depth DESC",
                          NULL);
  if (stmt == NULL)
    return;

  sums = new_sums ();
  sqlite3_bind_int64 (stmt->stmt, 1, data->id);

  while (sqlite3_step (stmt->stmt) == SQLITE_ROW)
    {
      WpItemStatus status;
      GDate due;

      if (!wp_item_status_from_string ((const char *) sqlite3_column_text (stmt->stmt, 3),
                                       &status))
        status = WP_ITEM_STATUS_NOT_STARTED;
      wp_date_from_iso ((const char *) sqlite3_column_text (stmt->stmt, 4), &due);
      rollup_row (self, sums, data->plan_id, sqlite3_column_int64 (stmt->stmt, 0),
                  sqlite3_column_int64 (stmt->stmt, 1),
                  sqlite3_column_type (stmt->stmt, 2) == SQLITE_NULL
                  ? -1 : sqlite3_column_int (stmt->stmt, 2),
                  status, &due, sqlite3_column_int (stmt->stmt, 5) != 0, data->plan_year);
    }

  {
    Rollup *children = g_hash_table_lookup (sums, &data->id);

    data->effective_status = rollup_status (data->status, children);
    data->effective_progress = rollup_progress (data->effective_status, data->progress, children);
    data->light = wp_light_roll_up (own_light (self, data->plan_id, data->id,
                                               data->effective_status,
                                               data->effective_progress, &data->due,
                                               data->plan_year),
                                    children != NULL ? children->worst_light : WP_LIGHT_NONE,
                                    data->carried_forward);
  }

  {
    WpRollup *cached = g_new (WpRollup, 1);

    cached->status = data->effective_status;
    cached->progress = data->effective_progress;
    cached->light = data->light;
    g_hash_table_insert (self->rollups, g_memdup2 (&data->id, sizeof data->id), cached);
  }
}

/* Rolls a parent up from its direct children when their own figures are
 * cached, which after an edit is all of them but the few on the edited
 * path: a level read instead of a subtree read. Returns FALSE (and does
 * nothing) when too many children would need their subtrees read anyway. */
static gboolean
rollup_from_children (WpStore    *self,
                      WpItemData *data)
{
  g_autoptr(WpStmt) stmt = NULL;
  g_autoptr(WpStmt) has_children = NULL;
  g_autoptr(GArray) uncached = g_array_new (FALSE, FALSE, sizeof (gint64));
  Rollup children = { 0 };
  int rc;

  stmt = wp_stmt_prepare (self,
                          "SELECT i.id, i.progress, i.status, i.due, i.carried_forward"
                          " FROM item i WHERE i.parent_id = ?1",
                          NULL);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt->stmt, 1, data->id);

  while ((rc = sqlite3_step (stmt->stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt->stmt, 0);
      /* Only parents have cached figures: a child that has them is one,
       * and only the others are looked up (an area's thousand key tasks
       * took 0.5 ms more when each was). */
      WpRollup *cached = g_hash_table_lookup (self->rollups, &id);
      WpItemStatus status;
      int progress;
      WpLight light;

      if (cached != NULL)
        {
          status = cached->status;
          progress = cached->progress;
          light = cached->light;
        }
      else
        {
          GDate due;

          if (has_children == NULL)
            has_children = wp_stmt_prepare (self, "SELECT 1 FROM item"
                                                  " WHERE plan_id = ?2 AND parent_id = ?1", NULL);
          if (has_children == NULL)
            return FALSE;
          sqlite3_reset (has_children->stmt);
          sqlite3_bind_int64 (has_children->stmt, 1, id);
          sqlite3_bind_int64 (has_children->stmt, 2, data->plan_id);
          if (sqlite3_step (has_children->stmt) == SQLITE_ROW)
            {
              /* a parent whose figures are not cached: read below */
              g_array_append_val (uncached, id);
              if (uncached->len > 8)
                return FALSE;
              continue;
            }

          if (!wp_item_status_from_string ((const char *) sqlite3_column_text (stmt->stmt, 2),
                                           &status))
            status = WP_ITEM_STATUS_NOT_STARTED;
          progress = rollup_progress (status, sqlite3_column_type (stmt->stmt, 1) == SQLITE_NULL
                                              ? -1 : sqlite3_column_int (stmt->stmt, 1), NULL);
          wp_date_from_iso ((const char *) sqlite3_column_text (stmt->stmt, 3), &due);
          light = wp_light_roll_up (own_light (self, data->plan_id, id, status, progress, &due,
                                               data->plan_year),
                                    WP_LIGHT_NONE, sqlite3_column_int (stmt->stmt, 4) != 0);
        }

      children.sum += progress;
      children.count++;
      children.n_done += status == WP_ITEM_STATUS_DONE;
      children.n_started += status == WP_ITEM_STATUS_DONE || status == WP_ITEM_STATUS_IN_PROGRESS;
      children.n_suspended += status == WP_ITEM_STATUS_SUSPENDED;
      children.worst_light = MAX (children.worst_light, light);
    }
  if (rc != SQLITE_DONE)
    return FALSE;
  g_clear_pointer (&stmt, wp_stmt_release);

  /* The few children not cached: read them (their subtrees are small). */
  for (guint i = 0; i < uncached->len; i++)
    {
      g_autoptr(WpItem) child = wp_store_get_item (self, g_array_index (uncached, gint64, i), NULL);
      WpItemStatus status;
      int progress;

      if (child == NULL)
        return FALSE;
      status = wp_item_get_effective_status (child);
      progress = wp_item_get_effective_progress (child);
      children.sum += progress;
      children.count++;
      children.n_done += status == WP_ITEM_STATUS_DONE;
      children.n_started += status == WP_ITEM_STATUS_DONE || status == WP_ITEM_STATUS_IN_PROGRESS;
      children.n_suspended += status == WP_ITEM_STATUS_SUSPENDED;
      children.worst_light = MAX (children.worst_light, wp_item_get_light (child));
    }

  data->effective_status = rollup_status (data->status, &children);
  data->effective_progress = rollup_progress (data->effective_status, data->progress, &children);
  data->light = wp_light_roll_up (own_light (self, data->plan_id, data->id,
                                             data->effective_status,
                                             data->effective_progress, &data->due,
                                             data->plan_year),
                                  children.worst_light, data->carried_forward);

  {
    WpRollup *cached = g_new (WpRollup, 1);

    cached->status = data->effective_status;
    cached->progress = data->effective_progress;
    cached->light = data->light;
    g_hash_table_insert (self->rollups, g_memdup2 (&data->id, sizeof data->id), cached);
  }
  return TRUE;
}

void
wp_store_forget_rollups (WpStore *self)
{
  g_hash_table_remove_all (self->rollups);
  _wp_store_forget_judging (self);
  /* (the plans' facts are rolled up the same way) */
  _wp_store_forget_facts (self);
}

static char **
split_names (WpStmt *stmt,
             int     column)
{
  const char *joined = (const char *) sqlite3_column_text (stmt->stmt, column);

  if (joined == NULL || joined[0] == '\0')
    return g_new0 (char *, 1);
  return g_strsplit (joined, "\x1f", -1);
}

static void
read_item_row (WpStore    *self,
               WpStmt     *stmt,
               WpItemData *data)
{
  sqlite3_stmt *s = stmt->stmt;

  memset (data, 0, sizeof *data);
  data->id = sqlite3_column_int64 (s, 0);
  data->plan_id = sqlite3_column_int64 (s, 1);
  data->parent_id = sqlite3_column_int64 (s, 2);
  data->plan_year = sqlite3_column_int (s, 3);
  data->position = sqlite3_column_int (s, 4);
  data->uuid = g_strdup (wp_stmt_column_text (stmt, 5));
  if (!wp_item_kind_from_string (wp_stmt_column_text (stmt, 6), &data->kind))
    data->kind = WP_ITEM_KIND_ACTION;
  data->title = g_strdup (wp_stmt_column_text (stmt, 7));
  data->description = g_strdup (wp_stmt_column_text (stmt, 8));
  if (!wp_item_status_from_string (wp_stmt_column_text (stmt, 9), &data->status))
    data->status = WP_ITEM_STATUS_NOT_STARTED;
  data->progress = sqlite3_column_type (s, 10) == SQLITE_NULL ? -1 : sqlite3_column_int (s, 10);
  wp_date_from_iso ((const char *) sqlite3_column_text (s, 11), &data->due);
  data->due_label = g_strdup (wp_stmt_column_text (stmt, 12));
  data->ongoing = sqlite3_column_int (s, 13) != 0;
  data->carried_over = sqlite3_column_int (s, 14) != 0;
  data->n_children = (guint) sqlite3_column_int64 (s, 15);
  data->lead = split_names (stmt, 16);
  data->co = split_names (stmt, 17);
  wp_date_from_iso ((const char *) sqlite3_column_text (s, 18), &data->done_date);
  data->carried_forward = sqlite3_column_int (s, 19) != 0;

  if (data->n_children > 0)
    {
      WpRollup *cached = g_hash_table_lookup (self->rollups, &data->id);

      /* After an edit, from the children's cached figures; on the first
       * read of an area, the whole plan at once. */
      if (cached == NULL && rollup_from_children (self, data))
        return;
      if (cached == NULL && data->parent_id == 0)
        {
          _wp_store_rollup_plan (self, data->plan_id, data->plan_year);
          cached = g_hash_table_lookup (self->rollups, &data->id);
        }
      if (cached != NULL)
        {
          data->effective_status = cached->status;
          data->effective_progress = cached->progress;
          data->light = cached->light;
        }
      else
        rollup_subtree (self, data);
    }
  else
    {
      data->effective_status = data->status;
      data->effective_progress = rollup_progress (data->status, data->progress, NULL);
      data->light = wp_light_roll_up (own_light (self, data->plan_id, data->id, data->status,
                                                 data->effective_progress,
                                                 &data->due, data->plan_year),
                                      WP_LIGHT_NONE, data->carried_forward);
    }
}

static void
live_item_gone (gpointer  data,
                GObject  *where_the_object_was)
{
  WpStore *self = data;
  gint64 id = wp_item_get_id ((WpItem *) where_the_object_was);

  g_hash_table_remove (self->live_items, &id);
}

/* One object per row: refreshes the live one if there is one. */
static WpItem *
item_from_data (WpStore    *self,
                WpItemData *data)
{
  WpItem *item = g_hash_table_lookup (self->live_items, &data->id);

  if (item != NULL)
    {
      _wp_item_update (item, data);
      return g_object_ref (item);
    }

  item = _wp_item_new (data);
  g_hash_table_insert (self->live_items, g_memdup2 (&(gint64) { wp_item_get_id (item) },
                                                    sizeof (gint64)), item);
  g_object_weak_ref (G_OBJECT (item), live_item_gone, self);
  return item;
}

void
wp_store_forget_live_items (WpStore *self)
{
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, self->live_items);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    g_object_weak_unref (value, live_item_gone, self);
  g_hash_table_remove_all (self->live_items);
}

WpItem *
wp_store_get_item (WpStore  *self,
                   gint64    item_id,
                   GError  **error)
{
  g_autoptr(WpStmt) stmt = NULL;
  WpItemData data;
  int rc;

  g_return_val_if_fail (WP_IS_STORE (self), NULL);

  stmt = wp_stmt_prepare (self, ITEM_SELECT "WHERE i.id = ?1", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt->stmt, 1, item_id);

  rc = wp_stmt_step (stmt, error);
  if (rc == SQLITE_DONE)
    g_set_error (error, WP_STORE_ERROR, WP_STORE_ERROR_NOT_FOUND,
                 _("The item no longer exists; it may have been deleted."));
  if (rc != SQLITE_ROW)
    return NULL;

  read_item_row (self, stmt, &data);
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
        g_autoptr(WpStmt) stmt =
          wp_stmt_prepare (self, "SELECT coalesce (parent_id, 0) FROM item WHERE id = ?1", NULL);

        g_hash_table_remove (self->rollups, &item_id);
        g_array_append_val (chains, item_id);
        if (stmt == NULL)
          break;
        sqlite3_bind_int64 (stmt->stmt, 1, item_id);
        if (sqlite3_step (stmt->stmt) != SQLITE_ROW)
          break;
        item_id = sqlite3_column_int64 (stmt->stmt, 0);
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
          && g_hash_table_contains (self->live_items, &id))
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

/* Reads the items @sql gives for plan ?1 and parent ?2, in order. */
static GPtrArray *
list_items (WpStore     *self,
            const char  *sql,
            gint64       plan_id,
            gint64       parent_id,
            GError     **error)
{
  g_autoptr(WpStmt) stmt = wp_stmt_prepare (self, sql, error);
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt->stmt, 1, plan_id);
  wp_stmt_bind_id (stmt, 2, parent_id);

  while ((rc = wp_stmt_step (stmt, error)) == SQLITE_ROW)
    {
      WpItemData data;

      read_item_row (self, stmt, &data);
      g_ptr_array_add (items, item_from_data (self, &data));
    }

  return rc == SQLITE_DONE ? g_steal_pointer (&items) : NULL;
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
  g_return_val_if_fail (WP_IS_STORE (self), NULL);

  return list_items (self, ITEM_SELECT "WHERE i.plan_id = ?1 AND i.parent_id IS ?2"
                           " ORDER BY i.position", plan_id, parent_id, error);
}

/* Steps through @stmt and collects the ids in its first column, only the
 * ones the current search shows if @shown_only. FALSE (with @error) when
 * the rows cannot be read. */
static gboolean
collect_ids (WpStore   *self,
             WpStmt    *stmt,
             gboolean   shown_only,
             GArray    *ids,
             GError   **error)
{
  int rc;

  while ((rc = wp_stmt_step (stmt, error)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt->stmt, 0);

      if (!shown_only || wp_ids_contain (self->shown_matches, id)
          || wp_ids_contain (self->shown_ancestors, id))
        g_array_append_val (ids, id);
    }
  return rc == SQLITE_DONE;
}

/* The ids of @parent_id's children, by @sql (of ?1 the plan and ?2 the
 * parent), only the shown ones if @shown_only. */
static GArray *
read_child_ids (WpStore     *self,
                const char  *sql,
                gint64       plan_id,
                gint64       parent_id,
                gboolean     shown_only,
                GError     **error)
{
  g_autoptr(WpStmt) stmt = wp_stmt_prepare (self, sql, error);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt->stmt, 1, plan_id);
  wp_stmt_bind_id (stmt, 2, parent_id);
  return collect_ids (self, stmt, shown_only, ids, error) ? g_steal_pointer (&ids) : NULL;
}

/* The ids of @parent_id's children that the current search shows, in no
 * particular order: from the index alone. */
static GArray *
shown_child_ids (WpStore   *self,
                 gint64     plan_id,
                 gint64     parent_id,
                 GError   **error)
{
  return read_child_ids (self, "SELECT i.id FROM item i WHERE i.plan_id = ?1 AND i.parent_id IS ?2",
                         plan_id, parent_id, TRUE, error);
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
  g_autoptr(WpStmt) stmt = NULL;

  g_return_val_if_fail (WP_IS_STORE (self), 0);

  if (shown_only)
    {
      g_autoptr(GArray) ids = shown_child_ids (self, plan_id, parent_id, NULL);
      return ids != NULL ? ids->len : 0;
    }
  stmt = wp_stmt_prepare (self, "SELECT count(*) FROM item WHERE plan_id = ?1 AND parent_id IS ?2",
                          NULL);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt->stmt, 1, plan_id);
  wp_stmt_bind_id (stmt, 2, parent_id);
  if (sqlite3_step (stmt->stmt) != SQLITE_ROW)
    return 0;
  return (guint) sqlite3_column_int64 (stmt->stmt, 0);
}

/* How many items are under @item_id, at every level: what deleting it
 * takes away with it (the toast says so) */
guint
wp_store_count_descendants (WpStore *self,
                            gint64   item_id)
{
  g_autoptr(WpStmt) stmt = NULL;

  g_return_val_if_fail (WP_IS_STORE (self), 0);

  stmt = wp_stmt_prepare (self, SUBTREE_CTE "SELECT count(*) - 1 FROM sub", NULL);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt->stmt, 1, item_id);
  if (sqlite3_step (stmt->stmt) != SQLITE_ROW)
    return 0;
  return (guint) MAX (0, sqlite3_column_int64 (stmt->stmt, 0));
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
  g_autoptr(WpStmt) stmt = NULL;
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GString) json = NULL;

  if (!shown_only)
    return read_child_ids (self, "SELECT i.id FROM item i"
                                 " WHERE i.plan_id = ?1 AND i.parent_id IS ?2"
                                 " ORDER BY i.position", plan_id, parent_id, FALSE, error);

  /* Shown children: the ids alone come from the index; only the ones
   * shown are read for their position (and will be read to be shown
   * anyway). Sorting them all by position read every child's row, most of
   * them for nothing: a key task's actions lie all over the file. */
  ids = shown_child_ids (self, plan_id, parent_id, error);
  if (ids == NULL || ids->len < 2)
    return g_steal_pointer (&ids);
  json = g_string_new ("[");
  for (guint i = 0; i < ids->len; i++)
    wp_ids_append_json (json, g_array_index (ids, gint64, i));
  g_string_append_c (json, ']');
  stmt = wp_stmt_prepare (self, "SELECT i.id FROM json_each (?1) j JOIN item i ON i.id = j.value"
                                " ORDER BY i.position", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt->stmt, 1, json->str, (int) json->len, SQLITE_STATIC);
  g_array_set_size (ids, 0);
  return collect_ids (self, stmt, FALSE, ids, error) ? g_steal_pointer (&ids) : NULL;
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
  g_autoptr(WpStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (WP_IS_STORE (self), 0);

  stmt = wp_stmt_prepare (self, "SELECT id FROM item WHERE plan_id = ?1 AND parent_id IS ?2"
                                " AND position = ?3", error);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt->stmt, 1, plan_id);
  wp_stmt_bind_id (stmt, 2, parent_id);
  sqlite3_bind_int (stmt->stmt, 3, position);
  rc = wp_stmt_step (stmt, error);
  if (rc == SQLITE_DONE)
    g_set_error (error, WP_STORE_ERROR, WP_STORE_ERROR_NOT_FOUND,
                 _("The item no longer exists; it may have been deleted."));
  return rc == SQLITE_ROW ? sqlite3_column_int64 (stmt->stmt, 0) : 0;
}

static gboolean
item_location (WpStore  *self,
               gint64    item_id,
               gint64   *plan_id,
               gint64   *parent_id,
               int      *position,
               GError  **error)
{
  g_autoptr(WpStmt) stmt =
    wp_stmt_prepare (self, "SELECT plan_id, coalesce (parent_id, 0), position FROM item"
                           " WHERE id = ?1", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt->stmt, 1, item_id);
  rc = wp_stmt_step (stmt, error);
  if (rc == SQLITE_DONE)
    g_set_error (error, WP_STORE_ERROR, WP_STORE_ERROR_NOT_FOUND,
                 _("The item no longer exists; it may have been deleted."));
  if (rc != SQLITE_ROW)
    return FALSE;

  *plan_id = sqlite3_column_int64 (stmt->stmt, 0);
  *parent_id = sqlite3_column_int64 (stmt->stmt, 1);
  *position = sqlite3_column_int (stmt->stmt, 2);
  return TRUE;
}

static int
count_siblings (WpStore  *self,
                gint64    plan_id,
                gint64    parent_id,
                gint64    except_id,
                GError  **error)
{
  g_autoptr(WpStmt) stmt =
    wp_stmt_prepare (self, "SELECT count(*) FROM item WHERE plan_id = ?1 AND parent_id IS ?2"
                           " AND id IS NOT ?3", error);

  if (stmt == NULL)
    return -1;
  sqlite3_bind_int64 (stmt->stmt, 1, plan_id);
  wp_stmt_bind_id (stmt, 2, parent_id);
  wp_stmt_bind_id (stmt, 3, except_id);
  if (wp_stmt_step (stmt, error) != SQLITE_ROW)
    return -1;
  return sqlite3_column_int (stmt->stmt, 0);
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
  g_autoptr(WpStmt) stmt =
    wp_stmt_prepare (self, "UPDATE item_all SET position = position + ?4"
                           " WHERE plan_id = ?1 AND parent_id IS ?2 AND deleted_with = 0"
                           " AND position >= ?3 AND id IS NOT ?5 RETURNING id, position", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt->stmt, 1, plan_id);
  wp_stmt_bind_id (stmt, 2, parent_id);
  sqlite3_bind_int (stmt->stmt, 3, from);
  sqlite3_bind_int (stmt->stmt, 4, delta);
  wp_stmt_bind_id (stmt, 5, except_id);

  /* One row of the change log for the shift, not one per sibling */
  if (self->change_log != NULL)
    wp_change_log_pause (self->change_log);
  /* Items a view holds know their new places, loaded in a list or not. */
  while ((rc = wp_stmt_step (stmt, error)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt->stmt, 0);
      WpItem *live = g_hash_table_lookup (self->live_items, &id);

      if (live != NULL)
        _wp_item_set_position (live, sqlite3_column_int (stmt->stmt, 1));
    }
  if (self->change_log == NULL)
    return rc == SQLITE_DONE;
  wp_change_log_resume (self->change_log);
  return rc == SQLITE_DONE
         && (wp_change_log_is_paused (self->change_log)
             || wp_change_log_add_shift (self->db, plan_id, parent_id, from, delta, except_id,
                                         error));
}

/* Lists are kept by parent so that a change reaches the two lists it
 * concerns (the parent's children, and the list holding the parent, whose
 * row may become expandable) and not every list the views hold open. */
void
wp_store_register_list (WpStore *self,
                        GObject *list,
                        gint64   parent_id)
{
  GPtrArray *lists = g_hash_table_lookup (self->lists, &parent_id);

  if (lists == NULL)
    {
      lists = g_ptr_array_new ();
      g_hash_table_insert (self->lists, g_memdup2 (&parent_id, sizeof parent_id), lists);
    }
  g_ptr_array_add (lists, list);
}

void
wp_store_unregister_list (WpStore *self,
                          GObject *list,
                          gint64   parent_id)
{
  GPtrArray *lists = g_hash_table_lookup (self->lists, &parent_id);

  if (lists == NULL)
    return;
  g_ptr_array_remove_fast (lists, list);
  if (lists->len == 0)
    g_hash_table_remove (self->lists, &parent_id);
}

/* A copy with references: handlers may open or close lists meanwhile. */
static GPtrArray *
lists_for (WpStore *self,
           gint64   parent_id)
{
  GPtrArray *lists = g_hash_table_lookup (self->lists, &parent_id);

  if (lists == NULL)
    return NULL;
  return g_ptr_array_copy (lists, (GCopyFunc) (void (*) (void)) g_object_ref, NULL);
}

static gboolean
is_registered (WpStore *self,
               GObject *list,
               gint64   parent_id)
{
  GPtrArray *lists = g_hash_table_lookup (self->lists, &parent_id);

  return lists != NULL && g_ptr_array_find (lists, list, NULL);
}

/**
 * wp_store_shown_changed:
 *
 * Tells every list of what a filtered outline shows (wp_item_list_new_shown())
 * that the shown set changed (wp_store_set_shown()), so that each reports
 * only the rows that came or went: rows that stay keep their widgets from
 * one search keystroke to the next. Top level first; a list dropped on the
 * way (its row went) is skipped.
 */
void
wp_store_shown_changed (WpStore *self,
                        gint64   plan_id)
{
  g_autoptr(GPtrArray) lists = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GArray) parents = g_array_new (FALSE, FALSE, sizeof (gint64));
  GHashTableIter iter;
  gpointer key, value;

  g_return_if_fail (WP_IS_STORE (self));

  g_hash_table_iter_init (&iter, self->lists);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      GPtrArray *registered = value;

      for (guint i = 0; i < registered->len; i++)
        if (_wp_item_list_is_shown (registered->pdata[i]))
          {
            gint64 parent = *(gint64 *) key;
            guint at = parent == 0 ? 0 : lists->len;

            g_ptr_array_insert (lists, (int) at, g_object_ref (registered->pdata[i]));
            g_array_insert_val (parents, at, parent);
          }
    }

  for (guint i = 0; i < lists->len; i++)
    {
      gint64 parent = g_array_index (parents, gint64, i);

      if (is_registered (self, lists->pdata[i], parent))
        _wp_item_list_children_changed (lists->pdata[i], plan_id, parent);
    }
}

static void
dispatch_to_lists (WpStore *self,
                   gint64   plan_id,
                   gint64   parent_id)
{
  g_autoptr(GPtrArray) children_lists = lists_for (self, parent_id);

  for (guint i = 0; children_lists != NULL && i < children_lists->len; i++)
    {
      _wp_item_list_children_changed (children_lists->pdata[i], plan_id, parent_id);
      g_object_unref (children_lists->pdata[i]);
    }

  if (parent_id != 0)
    {
      g_autoptr(WpStmt) stmt =
        wp_stmt_prepare (self, "SELECT coalesce (parent_id, 0) FROM item WHERE id = ?1", NULL);
      g_autoptr(GPtrArray) holding = NULL;

      if (stmt == NULL)
        return;
      sqlite3_bind_int64 (stmt->stmt, 1, parent_id);
      if (sqlite3_step (stmt->stmt) != SQLITE_ROW)
        return;
      holding = lists_for (self, sqlite3_column_int64 (stmt->stmt, 0));
      g_clear_pointer (&stmt, wp_stmt_release);
      for (guint i = 0; holding != NULL && i < holding->len; i++)
        {
          _wp_item_list_child_count_changed (holding->pdata[i], parent_id);
          g_object_unref (holding->pdata[i]);
        }
    }
}

/* Tells the lists and everyone else that @parent_id's children changed
 * (with @item_id, from @from to @to, as a hint to the lists), after
 * reading the parent's chain of items again unless @refreshed. */
static void
children_changed (WpStore  *self,
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
  dispatch_to_lists (self, plan_id, parent_id);
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
  children_changed (self, plan_id, parent_id, item_id, from, to, FALSE);
}

void
wp_store_children_changed (WpStore *self,
                           gint64   plan_id,
                           gint64   parent_id)
{
  children_changed (self, plan_id, parent_id, 0, -1, -1, FALSE);
}

static gboolean
insert_item_row (WpStore     *self,
                 gint64       plan_id,
                 gint64       parent_id,
                 int          position,
                 WpItemKind   kind,
                 const char  *title,
                 gint64      *out_id,
                 GError     **error)
{
  g_autofree char *uuid = g_uuid_string_random ();
  g_autofree char *now = wp_store_now ();
  g_autoptr(WpStmt) stmt =
    wp_stmt_prepare (self, "INSERT INTO item_all (uuid, plan_id, parent_id, position, kind, title,"
                           " created, modified) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7)", error);

  if (stmt == NULL)
    return FALSE;
  wp_stmt_bind_text (stmt, 1, uuid);
  sqlite3_bind_int64 (stmt->stmt, 2, plan_id);
  wp_stmt_bind_id (stmt, 3, parent_id);
  sqlite3_bind_int (stmt->stmt, 4, position);
  wp_stmt_bind_text (stmt, 5, wp_item_kind_to_string (kind));
  wp_stmt_bind_text (stmt, 6, title ? title : "");
  wp_stmt_bind_text (stmt, 7, now);
  if (!wp_stmt_run (stmt, error))
    return FALSE;

  *out_id = sqlite3_last_insert_rowid (self->db);
  return TRUE;
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

      if (!item_location (self, parent_id, &parent_plan, &grandparent, &parent_position, error))
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

  n = count_siblings (self, plan_id, parent_id, 0, error);
  if (n < 0)
    goto fail;
  if (position < 0 || position > n)
    position = n;

  /* Appending moves no sibling: the shift would still read every one of
   * them (positions are not indexed), once per item an import appends. */
  if ((position < n
       && !wp_store_shift_siblings (self, plan_id, parent_id, position, +1, 0, error))
      || !insert_item_row (self, plan_id, parent_id, position, kind, title, &id, error))
    goto fail;

  if (!wp_store_commit (self, error))
    return NULL;

  wp_store_children_changed_hinted (self, plan_id, parent_id, id, -1, position);
  return wp_store_get_item (self, id, error);

fail:
  wp_store_rollback (self);
  return NULL;
}

typedef enum {
  VALUE_TEXT,
  VALUE_KIND,
  VALUE_STATUS,
  VALUE_PROGRESS,
  VALUE_DATE,
  VALUE_BOOLEAN,
} ValueKind;

static const struct {
  const char *property;
  ValueKind   kind;
  const char *sql;
} item_columns[] = {
#define LIVE_ITEM " WHERE id = ?1 AND deleted_with = 0"
/* (writing what is there changes nothing, not even the time it changed:
 * no change-log row, no needless sync) */
#define UNCHANGED_OR_NOW(column) "CASE WHEN " column " IS ?2 THEN modified ELSE ?3 END"
  { "title", VALUE_TEXT,
    "UPDATE item_all SET title = ?2, modified = " UNCHANGED_OR_NOW ("title") LIVE_ITEM },
  { "description", VALUE_TEXT,
    "UPDATE item_all SET description = ?2,"
    " modified = " UNCHANGED_OR_NOW ("description") LIVE_ITEM },
  { "kind", VALUE_KIND,
    "UPDATE item_all SET kind = ?2, modified = " UNCHANGED_OR_NOW ("kind") LIVE_ITEM },
  /* Marking done stamps the day (?4); leaving done clears it. */
  { "status", VALUE_STATUS,
    "UPDATE item_all SET status = ?2, modified = " UNCHANGED_OR_NOW ("status") ", done_date = CASE"
    " WHEN ?2 = 'done' THEN coalesce (done_date, ?4) ELSE NULL END" LIVE_ITEM },
  { "done-date", VALUE_DATE,
    "UPDATE item_all SET done_date = ?2, modified = " UNCHANGED_OR_NOW ("done_date") LIVE_ITEM },
  { "progress", VALUE_PROGRESS,
    "UPDATE item_all SET progress = ?2, modified = " UNCHANGED_OR_NOW ("progress") LIVE_ITEM },
  { "due", VALUE_DATE,
    "UPDATE item_all SET due = ?2, modified = " UNCHANGED_OR_NOW ("due") LIVE_ITEM },
  { "due-label", VALUE_TEXT,
    "UPDATE item_all SET due_label = ?2, modified = " UNCHANGED_OR_NOW ("due_label") LIVE_ITEM },
  { "ongoing", VALUE_BOOLEAN,
    "UPDATE item_all SET ongoing = ?2, modified = " UNCHANGED_OR_NOW ("ongoing") LIVE_ITEM },
  { "carried-over", VALUE_BOOLEAN,
    "UPDATE item_all SET carried_over = ?2,"
    " modified = " UNCHANGED_OR_NOW ("carried_over") LIVE_ITEM },
  { "carried-forward", VALUE_BOOLEAN,
    "UPDATE item_all SET carried_forward = ?2,"
    " modified = " UNCHANGED_OR_NOW ("carried_forward") LIVE_ITEM },
#undef UNCHANGED_OR_NOW
#undef LIVE_ITEM
};

static gboolean
bind_item_value (WpStmt        *stmt,
                 ValueKind      kind,
                 const char    *property,
                 const GValue  *value,
                 GError       **error)
{
  const char *str = G_VALUE_HOLDS_STRING (value) ? g_value_get_string (value) : NULL;
  gboolean ok = TRUE;

  switch (kind)
    {
    case VALUE_TEXT:
      ok = G_VALUE_HOLDS_STRING (value) && (str == NULL || g_utf8_validate (str, -1, NULL));
      wp_stmt_bind_text (stmt, 2, str ? str : "");
      break;
    case VALUE_KIND:
      {
        WpItemKind k;
        ok = wp_item_kind_from_string (str, &k);
        wp_stmt_bind_text (stmt, 2, str);
      }
      break;
    case VALUE_STATUS:
      {
        WpItemStatus s;
        ok = wp_item_status_from_string (str, &s);
        wp_stmt_bind_text (stmt, 2, str);
      }
      break;
    case VALUE_PROGRESS:
      ok = G_VALUE_HOLDS_INT (value) && g_value_get_int (value) >= -1
           && g_value_get_int (value) <= 100;
      if (ok && g_value_get_int (value) < 0)
        sqlite3_bind_null (stmt->stmt, 2);
      else if (ok)
        sqlite3_bind_int (stmt->stmt, 2, g_value_get_int (value));
      break;
    case VALUE_DATE:
      {
        GDate date;
        ok = G_VALUE_HOLDS_STRING (value) && (str == NULL || wp_date_from_iso (str, &date));
        wp_stmt_bind_text (stmt, 2, str);
      }
      break;
    case VALUE_BOOLEAN:
      ok = G_VALUE_HOLDS_BOOLEAN (value);
      if (ok)
        sqlite3_bind_int (stmt->stmt, 2, g_value_get_boolean (value) ? 1 : 0);
      break;
    default:
      g_assert_not_reached ();
    }

  if (!ok)
    g_set_error (error, WP_STORE_ERROR, WP_STORE_ERROR_INVALID,
                 _("“%s” is not a valid value for %s."),
                 str ? str : "?", property);
  return ok;
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
  g_autoptr(WpStmt) stmt = NULL;
  g_autofree char *now = wp_store_now ();

  g_return_val_if_fail (WP_IS_STORE (self), FALSE);

  if (!wp_store_check_writable (self, error))
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (item_columns); i++)
    {
      if (!g_str_equal (property, item_columns[i].property))
        continue;

      stmt = wp_stmt_prepare (self, item_columns[i].sql, error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt->stmt, 1, item_id);
      wp_stmt_bind_text (stmt, 3, now);
      if (sqlite3_bind_parameter_count (stmt->stmt) >= 4)
        {
          GDate day;
          g_autofree char *today = NULL;

          /* The day finished, on the calendar the app judges by */
          wp_date_get_reference (&day);
          today = wp_date_to_iso (&day);
          wp_stmt_bind_text (stmt, 4, today);
        }
      if (!bind_item_value (stmt, item_columns[i].kind, property, value, error))
        return FALSE;
      /* (a status leaves or keeps the item's close-out in the same write) */
      if (item_columns[i].kind == VALUE_STATUS)
        {
          WpItemStatus status = WP_ITEM_STATUS_NOT_STARTED;

          wp_item_status_from_string (g_value_get_string (value), &status);
          if (!wp_store_begin (self, error))
            return FALSE;
          if (!wp_stmt_run (stmt, error))
            {
              wp_store_rollback (self);
              return FALSE;
            }
          if (sqlite3_changes (self->db) == 0)
            {
              wp_store_rollback (self);
              g_set_error (error, WP_STORE_ERROR, WP_STORE_ERROR_NOT_FOUND,
                           _("The item no longer exists; it may have been deleted."));
              return FALSE;
            }
          if (!_wp_store_status_changed (self, item_id, status, error))
            {
              wp_store_rollback (self);
              return FALSE;
            }
          if (!wp_store_commit (self, error))
            return FALSE;
        }
      else if (!wp_stmt_run (stmt, error))
        return FALSE;
      else if (sqlite3_changes (self->db) == 0)
        {
          g_set_error (error, WP_STORE_ERROR, WP_STORE_ERROR_NOT_FOUND,
                       _("The item no longer exists; it may have been deleted."));
          return FALSE;
        }

      wp_store_refresh_item_and_ancestors (self, item_id);
      return TRUE;
    }

  g_set_error (error, WP_STORE_ERROR, WP_STORE_ERROR_INVALID,
               "Items have no property “%s”", property);
  return FALSE;
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

static gboolean
is_in_subtree (WpStore  *self,
               gint64    root_id,
               gint64    candidate_id,
               GError  **error)
{
  g_autoptr(WpStmt) stmt =
    wp_stmt_prepare (self, SUBTREE_CTE "SELECT 1 FROM sub WHERE id = ?2", error);

  if (stmt == NULL)
    return TRUE;
  sqlite3_bind_int64 (stmt->stmt, 1, root_id);
  sqlite3_bind_int64 (stmt->stmt, 2, candidate_id);
  return wp_stmt_step (stmt, NULL) == SQLITE_ROW;
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
  g_autoptr(WpStmt) stmt = NULL;
  g_autofree char *now = wp_store_now ();
  gint64 plan_id, old_parent_id;
  int old_position, n;

  g_return_val_if_fail (WP_IS_STORE (self), FALSE);

  if (!wp_store_check_writable (self, error)
      || !item_location (self, item_id, &plan_id, &old_parent_id, &old_position, error))
    return FALSE;

  if (new_parent_id != 0)
    {
      gint64 parent_plan, grandparent;
      int parent_position;

      if (!item_location (self, new_parent_id, &parent_plan, &grandparent, &parent_position,
                          error))
        return FALSE;
      if (parent_plan != plan_id)
        {
          g_set_error (error, WP_STORE_ERROR, WP_STORE_ERROR_INVALID,
                       _("Items cannot be moved to another plan this way."));
          return FALSE;
        }
      if (is_in_subtree (self, item_id, new_parent_id, error))
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

  n = count_siblings (self, plan_id, new_parent_id, item_id, error);
  if (n < 0)
    goto fail;
  if (new_position < 0 || new_position > n)
    new_position = n;

  if (!wp_store_shift_siblings (self, plan_id, new_parent_id, new_position, +1, item_id, error))
    goto fail;

  stmt = wp_stmt_prepare (self, "UPDATE item_all SET parent_id = ?2, position = ?3,"
                                " modified = ?4 WHERE id = ?1 AND deleted_with = 0", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt->stmt, 1, item_id);
  wp_stmt_bind_id (stmt, 2, new_parent_id);
  sqlite3_bind_int (stmt->stmt, 3, new_position);
  wp_stmt_bind_text (stmt, 4, now);
  if (!wp_stmt_run (stmt, error))
    goto fail;
  g_clear_pointer (&stmt, wp_stmt_release);

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
    children_changed (self, plan_id, old_parent_id, item_id, old_position, new_position, TRUE);
  else
    {
      children_changed (self, plan_id, old_parent_id, item_id, old_position, -1, TRUE);
      children_changed (self, plan_id, new_parent_id, item_id, -1, new_position, TRUE);
    }
  self->moving_item = 0;
  return TRUE;

fail:
  wp_store_rollback (self);
  return FALSE;
}

/* Facts of a whole plan (read and cached in wp-store-facts.c) */

/**
 * _wp_store_roll_up_facts:
 * @items: a plan's facts in outline order, @rows beside them
 *
 * Rolls item @index up from its children (which follow it in outline
 * order, each after the subtree of the one before), the way
 * read_item_row() does: its children must be rolled up already. Here, so
 * that the facts judge items as the outline does.
 */
void
_wp_store_roll_up_facts (WpStore          *self,
                         gint64            plan_id,
                         WpItemFacts      *items,
                         const WpFactsRow *rows,
                         guint             index,
                         int               plan_year)
{
  WpItemFacts *f = &items[index];
  Rollup children = { 0 };
  WpLight own;

  for (guint j = index + 1; j < index + rows[index].size; j += rows[j].size)
    {
      const WpItemFacts *c = &items[j];

      children.sum += c->progress;
      children.count++;
      children.n_done += c->status == WP_ITEM_STATUS_DONE;
      children.n_started += c->status == WP_ITEM_STATUS_DONE
                            || c->status == WP_ITEM_STATUS_IN_PROGRESS;
      children.n_suspended += c->status == WP_ITEM_STATUS_SUSPENDED;
      children.worst_light = MAX (children.worst_light, c->light);
      if (c->n_lead + c->n_co == 0)
        children.worst_unowned_light = MAX (children.worst_unowned_light, c->agency_light);
    }

  f->n_children = children.count;
  f->status = rollup_status (rows[index].status, children.count > 0 ? &children : NULL);
  f->progress = rollup_progress (f->status, rows[index].progress,
                                 children.count > 0 ? &children : NULL);
  own = own_light (self, plan_id, f->id, f->status, f->progress, &f->due, plan_year);
  f->expected = wp_store_get_expected_progress (self, plan_id, plan_year, f->id);
  f->light = wp_light_roll_up (own, children.worst_light, f->carried_forward);
  /* Work under it that names no agency is its agencies' to answer for */
  f->agency_light = wp_light_roll_up (own, children.worst_unowned_light, f->carried_forward);
}
