/* wp-store-agencies.c: agencies, targets, progress notes and search
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "wp-deadline.h"
#include "wp-id-list.h"
#include "wp-store-private.h"

GPtrArray *
wp_store_list_agencies (WpStore  *self,
                        GError  **error)
{
  g_autoptr(WpStmt) stmt = NULL;
  g_autoptr(GPtrArray) agencies = g_ptr_array_new_with_free_func (g_object_unref);
  int rc;

  g_return_val_if_fail (WP_IS_STORE (self), NULL);

  stmt = wp_stmt_prepare (self, "SELECT id, name, short_name, kind FROM agency ORDER BY name",
                          error);
  if (stmt == NULL)
    return NULL;

  while ((rc = wp_stmt_step (stmt, error)) == SQLITE_ROW)
    {
      WpAgencyKind kind;

      if (!wp_agency_kind_from_string (wp_stmt_column_text (stmt, 3), &kind))
        kind = WP_AGENCY_KIND_OTHER;
      g_ptr_array_add (agencies, wp_agency_new (sqlite3_column_int64 (stmt->stmt, 0),
                                                wp_stmt_column_text (stmt, 1),
                                                wp_stmt_column_text (stmt, 2), kind));
    }

  return rc == SQLITE_DONE ? g_steal_pointer (&agencies) : NULL;
}

static gint64
find_agency (WpStore     *self,
             const char  *name,
             GError     **error)
{
  g_autoptr(WpStmt) stmt = wp_stmt_prepare (self, "SELECT id FROM agency WHERE name = ?1", error);
  int rc;

  if (stmt == NULL)
    return -1;
  wp_stmt_bind_text (stmt, 1, name);
  rc = wp_stmt_step (stmt, error);
  if (rc == SQLITE_ROW)
    return sqlite3_column_int64 (stmt->stmt, 0);
  return rc == SQLITE_DONE ? 0 : -1;
}

static gint64
ensure_agency_id (WpStore     *self,
                  const char  *name,
                  gboolean    *created,
                  GError     **error)
{
  g_autoptr(WpStmt) stmt = NULL;
  gint64 id = find_agency (self, name, error);

  if (id != 0)
    return id;

  /* A new agency starts with the kind its name states (法院, 市委…). */
  stmt = wp_stmt_prepare (self, "INSERT INTO agency (name, kind) VALUES (?1, ?2)", error);
  if (stmt == NULL)
    return -1;
  wp_stmt_bind_text (stmt, 1, name);
  wp_stmt_bind_text (stmt, 2, wp_agency_kind_to_string (wp_agency_kind_guess (name)));
  if (!wp_stmt_run (stmt, error))
    return -1;
  *created = TRUE;
  return sqlite3_last_insert_rowid (self->db);
}

static char *
clean_agency_name (const char  *name,
                   GError     **error)
{
  char *clean;

  if (name == NULL || !g_utf8_validate (name, -1, NULL))
    {
      g_set_error (error, WP_STORE_ERROR, WP_STORE_ERROR_INVALID,
                   _("An agency name is not valid text."));
      return NULL;
    }

  clean = g_strstrip (g_strdup (name));
  if (clean[0] == '\0')
    {
      g_set_error (error, WP_STORE_ERROR, WP_STORE_ERROR_INVALID,
                   _("An agency needs a name."));
      g_free (clean);
      return NULL;
    }
  return clean;
}

/**
 * wp_store_ensure_agency:
 *
 * Returns: (transfer full): the agency of that name, created if new
 */
WpAgency *
wp_store_ensure_agency (WpStore     *self,
                        const char  *name,
                        GError     **error)
{
  g_autofree char *clean = NULL;
  gboolean created = FALSE;
  gint64 id;

  g_return_val_if_fail (WP_IS_STORE (self), NULL);

  if (!wp_store_check_writable (self, error))
    return NULL;
  clean = clean_agency_name (name, error);
  if (clean == NULL)
    return NULL;

  id = ensure_agency_id (self, clean, &created, error);
  if (id < 0)
    return NULL;
  if (created)
    g_signal_emit (self, wp_store_signals[SIGNAL_AGENCIES_CHANGED], 0);

  return wp_store_get_agency (self, id, error);
}

/**
 * wp_store_set_item_agencies:
 * @role: lead or co
 * @names: (array zero-terminated=1): the agencies in order; new names
 *   become new agencies
 *
 * Replaces the item's lead or supporting agencies. An agency already in the
 * other role keeps that role.
 */
gboolean
wp_store_set_item_agencies (WpStore             *self,
                            gint64               item_id,
                            WpAgencyRole         role,
                            const char * const  *names,
                            GError             **error)
{
  gboolean created = FALSE;
  int position = 0;

  g_return_val_if_fail (WP_IS_STORE (self), FALSE);

  if (!wp_store_check_writable (self, error) || !wp_store_begin (self, error))
    return FALSE;

  {
    g_autoptr(WpStmt) stmt =
      wp_stmt_prepare (self, "DELETE FROM item_agency WHERE item_id = ?1 AND role = ?2", error);
    if (stmt == NULL)
      goto fail;
    sqlite3_bind_int64 (stmt->stmt, 1, item_id);
    wp_stmt_bind_text (stmt, 2, wp_agency_role_to_string (role));
    if (!wp_stmt_run (stmt, error))
      goto fail;
  }

  for (guint i = 0; names != NULL && names[i] != NULL; i++)
    {
      g_autofree char *clean = clean_agency_name (names[i], error);
      g_autoptr(WpStmt) stmt = NULL;
      gint64 agency_id;

      if (clean == NULL)
        goto fail;
      agency_id = ensure_agency_id (self, clean, &created, error);
      if (agency_id < 0)
        goto fail;

      /* An agency is on an item once, and leading wins: one named lead
       * is no longer a co-agency; one named co-agency that leads stays
       * lead (the insert below does nothing). */
      if (role == WP_AGENCY_ROLE_LEAD)
        {
          g_autoptr(WpStmt) other =
            wp_stmt_prepare (self, "DELETE FROM item_agency"
                                   " WHERE item_id = ?1 AND agency_id = ?2 AND role <> ?3", error);
          if (other == NULL)
            goto fail;
          sqlite3_bind_int64 (other->stmt, 1, item_id);
          sqlite3_bind_int64 (other->stmt, 2, agency_id);
          wp_stmt_bind_text (other, 3, wp_agency_role_to_string (role));
          if (!wp_stmt_run (other, error))
            goto fail;
        }
      /* (a name given twice in the list is there once) */
      stmt = wp_stmt_prepare (self, "INSERT INTO item_agency (item_id, agency_id, role, position)"
                                    " VALUES (?1, ?2, ?3, ?4) ON CONFLICT DO NOTHING", error);
      if (stmt == NULL)
        goto fail;
      sqlite3_bind_int64 (stmt->stmt, 1, item_id);
      sqlite3_bind_int64 (stmt->stmt, 2, agency_id);
      wp_stmt_bind_text (stmt, 3, wp_agency_role_to_string (role));
      sqlite3_bind_int (stmt->stmt, 4, position++);
      if (!wp_stmt_run (stmt, error))
        goto fail;
    }

  if (!wp_store_commit (self, error))
    return FALSE;

  if (created)
    g_signal_emit (self, wp_store_signals[SIGNAL_AGENCIES_CHANGED], 0);
  wp_store_refresh_item_and_ancestors (self, item_id);
  return TRUE;

fail:
  wp_store_rollback (self);
  return FALSE;
}

/* Targets */

static GPtrArray *
read_targets (WpStmt  *stmt,
              GError **error)
{
  g_autoptr(GPtrArray) targets = g_ptr_array_new_with_free_func ((GDestroyNotify) wp_target_free);
  int rc;

  while ((rc = wp_stmt_step (stmt, error)) == SQLITE_ROW)
    {
      WpTarget *t = g_new0 (WpTarget, 1);

      t->label = g_strdup (wp_stmt_column_text (stmt, 0));
      t->unit = g_strdup (wp_stmt_column_text (stmt, 1));
      t->has_baseline = sqlite3_column_type (stmt->stmt, 2) != SQLITE_NULL;
      t->baseline = sqlite3_column_double (stmt->stmt, 2);
      t->has_target = sqlite3_column_type (stmt->stmt, 3) != SQLITE_NULL;
      t->target = sqlite3_column_double (stmt->stmt, 3);
      t->has_current = sqlite3_column_type (stmt->stmt, 4) != SQLITE_NULL;
      t->current = sqlite3_column_double (stmt->stmt, 4);
      t->id = sqlite3_column_int64 (stmt->stmt, 5);
      t->item_id = sqlite3_column_int64 (stmt->stmt, 6);
      g_ptr_array_add (targets, t);
    }

  return rc == SQLITE_DONE ? g_steal_pointer (&targets) : NULL;
}

GPtrArray *
wp_store_list_targets (WpStore  *self,
                       gint64    item_id,
                       GError  **error)
{
  g_autoptr(WpStmt) stmt = NULL;

  g_return_val_if_fail (WP_IS_STORE (self), NULL);

  stmt = wp_stmt_prepare (self, "SELECT label, unit, baseline, target, current, id, item_id"
                                " FROM target WHERE item_id = ?1 ORDER BY position", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt->stmt, 1, item_id);
  return read_targets (stmt, error);
}

/**
 * wp_store_list_plan_targets:
 *
 * Returns: (transfer container): every target of the plan's items, item
 *   by item in the order they were created, each item's in its own order
 */
GPtrArray *
wp_store_list_plan_targets (WpStore  *self,
                            gint64    plan_id,
                            GError  **error)
{
  g_autoptr(WpStmt) stmt = NULL;

  g_return_val_if_fail (WP_IS_STORE (self), NULL);

  stmt = wp_stmt_prepare (self, "SELECT t.label, t.unit, t.baseline, t.target, t.current, t.id,"
                                " t.item_id FROM target t JOIN item i ON i.id = t.item_id"
                                " WHERE i.plan_id = ?1 ORDER BY i.id, t.position", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt->stmt, 1, plan_id);
  return read_targets (stmt, error);
}

/**
 * wp_target_get_share:
 *
 * How far the current value has come from the baseline (or from nothing)
 * to the target: 0 at the baseline, 1 when it is reached or passed, for
 * targets that go up as well as for those that go down.
 *
 * Returns: between 0 and 1, or -1 when there is no current value or target
 */
double
wp_target_get_share (const WpTarget *target)
{
  double start = target->has_baseline ? target->baseline : 0;
  double span = target->target - start;

  if (!target->has_target || !target->has_current)
    return -1;
  if (span == 0)
    return target->current >= target->target ? 1 : 0;
  return CLAMP ((target->current - start) / span, 0, 1);
}

static void
bind_optional_double (WpStmt   *stmt,
                      int       index,
                      gboolean  has_value,
                      double    value)
{
  if (has_value)
    sqlite3_bind_double (stmt->stmt, index, value);
  else
    sqlite3_bind_null (stmt->stmt, index);
}

static gint64
insert_target (WpStore         *self,
               gint64           item_id,
               const WpTarget  *target,
               gint64           id,
               GError         **error)
{
  g_autoptr(WpStmt) stmt = NULL;

  g_return_val_if_fail (WP_IS_STORE (self), 0);

  if (!wp_store_check_writable (self, error))
    return 0;

  stmt = wp_stmt_prepare (self,
                          "INSERT INTO target (id, item_id, position, label, unit, baseline,"
                          " target, current) VALUES (nullif (?7, 0), ?1,"
                          " (SELECT count(*) FROM target WHERE item_id = ?1), ?2, ?3, ?4, ?5, ?6)",
                          error);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt->stmt, 1, item_id);
  wp_stmt_bind_text (stmt, 2, target->label ? target->label : "");
  wp_stmt_bind_text (stmt, 3, target->unit ? target->unit : "");
  bind_optional_double (stmt, 4, target->has_baseline, target->baseline);
  bind_optional_double (stmt, 5, target->has_target, target->target);
  bind_optional_double (stmt, 6, target->has_current, target->current);
  sqlite3_bind_int64 (stmt->stmt, 7, id);
  if (!wp_stmt_run (stmt, error))
    return 0;
  return sqlite3_last_insert_rowid (self->db);
}

/* Returns: the new target's id, or 0 with @error set */
gint64
wp_store_add_target (WpStore         *self,
                     gint64           item_id,
                     const WpTarget  *target,
                     GError         **error)
{
  return insert_target (self, item_id, target, 0, error);
}

WpTarget *
wp_target_copy (const WpTarget *target)
{
  WpTarget *copy = g_memdup2 (target, sizeof *target);

  copy->label = g_strdup (target->label);
  copy->unit = g_strdup (target->unit);
  return copy;
}

static gboolean
target_changed (WpStore  *self,
                gint64    target_id,
                GError  **error)
{
  if (sqlite3_changes (self->db) > 0)
    return TRUE;
  g_set_error (error, WP_STORE_ERROR, WP_STORE_ERROR_NOT_FOUND,
               _("The target no longer exists."));
  return FALSE;
}

/* Writes @target's label, unit and figures over the stored target of the
 * same id. */
gboolean
wp_store_update_target (WpStore         *self,
                        const WpTarget  *target,
                        GError         **error)
{
  g_autoptr(WpStmt) stmt = NULL;

  g_return_val_if_fail (WP_IS_STORE (self), FALSE);

  if (!wp_store_check_writable (self, error))
    return FALSE;
  stmt = wp_stmt_prepare (self, "UPDATE target SET label = ?2, unit = ?3, baseline = ?4,"
                                " target = ?5, current = ?6 WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt->stmt, 1, target->id);
  wp_stmt_bind_text (stmt, 2, target->label ? target->label : "");
  wp_stmt_bind_text (stmt, 3, target->unit ? target->unit : "");
  bind_optional_double (stmt, 4, target->has_baseline, target->baseline);
  bind_optional_double (stmt, 5, target->has_target, target->target);
  bind_optional_double (stmt, 6, target->has_current, target->current);
  return wp_stmt_run (stmt, error) && target_changed (self, target->id, error);
}

gboolean
wp_store_delete_target (WpStore  *self,
                        gint64    target_id,
                        GError  **error)
{
  g_autoptr(WpStmt) stmt = NULL;

  g_return_val_if_fail (WP_IS_STORE (self), FALSE);

  if (!wp_store_check_writable (self, error))
    return FALSE;
  stmt = wp_stmt_prepare (self, "DELETE FROM target WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt->stmt, 1, target_id);
  return wp_stmt_run (stmt, error) && target_changed (self, target_id, error);
}

/* Progress notes */

GPtrArray *
wp_store_list_notes (WpStore  *self,
                     gint64    item_id,
                     GError  **error)
{
  g_autoptr(WpStmt) stmt = NULL;
  g_autoptr(GPtrArray) notes = g_ptr_array_new_with_free_func ((GDestroyNotify) wp_note_free);
  int rc;

  g_return_val_if_fail (WP_IS_STORE (self), NULL);

  stmt = wp_stmt_prepare (self, "SELECT id, date, text, progress, reporter FROM note"
                                " WHERE item_id = ?1 ORDER BY date, id", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt->stmt, 1, item_id);

  while ((rc = wp_stmt_step (stmt, error)) == SQLITE_ROW)
    {
      WpNote *n = g_new0 (WpNote, 1);

      n->id = sqlite3_column_int64 (stmt->stmt, 0);
      wp_date_from_iso (wp_stmt_column_text (stmt, 1), &n->date);
      n->text = g_strdup (wp_stmt_column_text (stmt, 2));
      n->progress = sqlite3_column_type (stmt->stmt, 3) == SQLITE_NULL
                    ? -1 : sqlite3_column_int (stmt->stmt, 3);
      n->reporter = g_strdup (wp_stmt_column_text (stmt, 4));
      g_ptr_array_add (notes, n);
    }

  return rc == SQLITE_DONE ? g_steal_pointer (&notes) : NULL;
}

/**
 * wp_store_list_plan_notes:
 *
 * Every progress note of the plan's items in one query, for exports that
 * would otherwise ask once per item.
 *
 * Returns: (transfer full): gint64 item id → GPtrArray of WpNote, each
 *   item's in the order wp_store_list_notes() gives
 */
GHashTable *
wp_store_list_plan_notes (WpStore  *self,
                          gint64    plan_id,
                          GError  **error)
{
  g_autoptr(WpStmt) stmt = NULL;
  g_autoptr(GHashTable) notes =
    g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                           (GDestroyNotify) g_ptr_array_unref);
  GPtrArray *current = NULL;
  gint64 current_id = 0;
  int rc;

  g_return_val_if_fail (WP_IS_STORE (self), NULL);

  stmt = wp_stmt_prepare (self, "SELECT n.item_id, n.id, n.date, n.text, n.progress,"
                                " n.reporter FROM note n"
                                " JOIN item i ON i.id = n.item_id WHERE i.plan_id = ?1"
                                " ORDER BY n.item_id, n.date, n.id", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt->stmt, 1, plan_id);

  while ((rc = wp_stmt_step (stmt, error)) == SQLITE_ROW)
    {
      gint64 item_id = sqlite3_column_int64 (stmt->stmt, 0);
      WpNote *n = g_new0 (WpNote, 1);

      if (current == NULL || item_id != current_id)
        {
          current = g_ptr_array_new_with_free_func ((GDestroyNotify) wp_note_free);
          current_id = item_id;
          g_hash_table_insert (notes, g_memdup2 (&item_id, sizeof item_id), current);
        }
      n->id = sqlite3_column_int64 (stmt->stmt, 1);
      wp_date_from_iso (wp_stmt_column_text (stmt, 2), &n->date);
      n->text = g_strdup (wp_stmt_column_text (stmt, 3));
      n->progress = sqlite3_column_type (stmt->stmt, 4) == SQLITE_NULL
                    ? -1 : sqlite3_column_int (stmt->stmt, 4);
      n->reporter = g_strdup (wp_stmt_column_text (stmt, 5));
      g_ptr_array_add (current, n);
    }

  return rc == SQLITE_DONE ? g_steal_pointer (&notes) : NULL;
}

/**
 * wp_store_add_note:
 * @progress: the progress the note reports, or -1
 *
 * Returns: the new note's id, or 0 with @error set
 */
gint64
wp_store_add_note (WpStore      *self,
                   gint64        item_id,
                   const GDate  *date,
                   const char   *text,
                   int           progress,
                   GError      **error)
{
  return wp_store_add_note_by (self, item_id, date, text, progress, NULL, error);
}

/**
 * wp_store_add_note_by:
 * @date: the day the report was made: a report received late is entered
 *   on its own day, and counts in that day's reporting period
 * @progress: the progress the note reports, or -1
 * @reporter: (nullable): who reported it (an agency's name)
 *
 * Returns: the new note's id, or 0 with @error set
 */
gint64
wp_store_add_note_by (WpStore      *self,
                      gint64        item_id,
                      const GDate  *date,
                      const char   *text,
                      int           progress,
                      const char   *reporter,
                      GError      **error)
{
  g_autoptr(WpStmt) stmt = NULL;
  g_autofree char *iso = wp_date_to_iso (date);
  g_autofree char *now = wp_store_now ();
  g_autofree char *who = g_strstrip (g_strdup (reporter != NULL ? reporter : ""));

  g_return_val_if_fail (WP_IS_STORE (self), 0);

  if (!wp_store_check_writable (self, error))
    return 0;
  if (iso == NULL || progress < -1 || progress > 100)
    {
      g_set_error (error, WP_STORE_ERROR, WP_STORE_ERROR_INVALID,
                   _("A progress note needs a valid date and a progress between 0 and 100."));
      return 0;
    }
  if (reporter != NULL && !g_utf8_validate (reporter, -1, NULL))
    {
      g_set_error (error, WP_STORE_ERROR, WP_STORE_ERROR_INVALID,
                   _("Who reported must be UTF-8 text."));
      return 0;
    }

  stmt = wp_stmt_prepare (self, "INSERT INTO note (item_id, date, text, progress, created,"
                                " reporter) VALUES (?1, ?2, ?3, ?4, ?5, ?6)", error);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt->stmt, 1, item_id);
  wp_stmt_bind_text (stmt, 2, iso);
  wp_stmt_bind_text (stmt, 3, text ? text : "");
  if (progress >= 0)
    sqlite3_bind_int (stmt->stmt, 4, progress);
  wp_stmt_bind_text (stmt, 5, now);
  wp_stmt_bind_text (stmt, 6, who);
  if (!wp_stmt_run (stmt, error))
    return 0;

  return sqlite3_last_insert_rowid (self->db);
}

gboolean
wp_store_delete_note (WpStore  *self,
                      gint64    note_id,
                      GError  **error)
{
  g_autoptr(WpStmt) stmt = NULL;

  g_return_val_if_fail (WP_IS_STORE (self), FALSE);

  if (!wp_store_check_writable (self, error))
    return FALSE;
  stmt = wp_stmt_prepare (self, "DELETE FROM note WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt->stmt, 1, note_id);
  if (!wp_stmt_run (stmt, error))
    return FALSE;
  if (sqlite3_changes (self->db) == 0)
    {
      g_set_error (error, WP_STORE_ERROR, WP_STORE_ERROR_NOT_FOUND,
                   _("The progress note no longer exists."));
      return FALSE;
    }
  return TRUE;
}

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

/* Appends the (item id, parent id) rows of @sql for @phrase in @plan_id */
static gboolean
collect_hits (WpStore     *self,
              GArray      *hits,
              const char  *sql,
              const char  *phrase,
              gint64       plan_id,
              GError     **error)
{
  g_autoptr(WpStmt) stmt = wp_stmt_prepare (self, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  wp_stmt_bind_text (stmt, 1, phrase);
  sqlite3_bind_int64 (stmt->stmt, 2, plan_id);
  while ((rc = wp_stmt_step (stmt, error)) == SQLITE_ROW)
    {
      SearchHit hit = { sqlite3_column_int64 (stmt->stmt, 0),
                        sqlite3_column_int64 (stmt->stmt, 1) };

      g_array_append_val (hits, hit);
    }
  return rc == SQLITE_DONE;
}

/**
 * wp_store_search:
 * @query: text to find in titles, descriptions and progress notes
 *
 * Finds @query as written (letters in any case) anywhere in an item's
 * title, description or one of its progress notes, through the search
 * indexes: it has
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
  g_autofree char *phrase = NULL;
  g_auto(GStrv) parts = NULL;
  g_autofree char *escaped = NULL;
  g_autoptr(GArray) parents = NULL;

  g_return_val_if_fail (WP_IS_STORE (self), NULL);

  if (query == NULL || !g_utf8_validate (query, -1, NULL))
    return g_steal_pointer (&ids);
  clean = g_strstrip (g_strdup (query));
  if (clean[0] == '\0')
    return g_steal_pointer (&ids);

  /* One phrase, its quotes doubled */
  parts = g_strsplit (clean, "\"", -1);
  escaped = g_strjoinv ("\"\"", parts);
  phrase = g_strdup_printf ("\"%s\"", escaped);

  /* Titles and descriptions are indexed by item, notes by note (see
   * migration 11); a note's item is read from its row. The plan is looked
   * up in the small index of live items' plans and parents, which also
   * leaves out deleted items the search indexes still hold until they are
   * purged; the parents are kept for wp_store_set_shown(). Each index is
   * read by a statement of its own and the hits merged here: one
   * statement with both in a subquery took twice as long (100,000 items
   * with notes, 98,000 hits: 140 ms of CPU against 65). */
  hits = g_array_new (FALSE, FALSE, sizeof (SearchHit));
  if (!collect_hits (self, hits, "SELECT s.rowid, i.parent_id FROM item_search s"
                                 " JOIN item_all i INDEXED BY item_tree ON i.id = s.rowid"
                                 " WHERE item_search MATCH ?1 AND i.plan_id = ?2"
                                 " AND i.deleted_with = 0", phrase, plan_id, error)
      || !collect_hits (self, hits, "SELECT n.item_id, i.parent_id FROM note_search s"
                                    " JOIN note n ON n.id = s.rowid"
                                    " JOIN item_all i INDEXED BY item_tree ON i.id = n.item_id"
                                    " WHERE note_search MATCH ?1 AND i.plan_id = ?2"
                                    " AND i.deleted_with = 0", phrase, plan_id, error))
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
  self->hit_parents_changes = sqlite3_total_changes64 (self->db);
  return g_steal_pointer (&ids);
}

/* @id's parent (0 at the top) as the last search read it, if that search
 * found @id and nothing changed since; -1 if not known. */
static gint64
hit_parent (WpStore *self,
            gint64   id)
{
  int at;

  if (self->hit_ids == NULL || self->hit_parents_changes != sqlite3_total_changes64 (self->db))
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
  g_autoptr(GString) json = g_string_sized_new (hits->len * 8 + 2);
  g_autoptr(WpStmt) up = NULL;
  int rc;

  g_return_val_if_fail (WP_IS_STORE (self), FALSE);

  /* The hits' parents are known from the search that found them; the
   * items above those, and the parents of hits found otherwise, are read.
   * What is read goes through the small index of each item's plan and
   * parent (item_tree) rather than the item rows: a search lights on
   * items all over the file, and reading their rows read most of it. */
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

  g_string_append_c (json, '[');
  for (guint i = 0; i < ancestor_set->len; i++)
    wp_ids_append_json (json, g_array_index (ancestor_set, gint64, i));
  for (guint i = 0; i < unknown->len; i++)
    wp_ids_append_json (json, g_array_index (unknown, gint64, i));
  g_string_append_c (json, ']');

  up = wp_stmt_prepare (self, "WITH RECURSIVE up (id) AS ("
                              " SELECT i.parent_id FROM json_each (?1) j"
                              "  JOIN item_all i INDEXED BY item_tree ON i.id = j.value"
                              "  WHERE i.plan_id = ?2 AND i.parent_id IS NOT NULL"
                              "  AND i.deleted_with = 0"
                              " UNION SELECT i.parent_id FROM up"
                              "  JOIN item_all i INDEXED BY item_tree ON i.id = up.id"
                              "  WHERE i.parent_id IS NOT NULL AND i.deleted_with = 0)"
                              " SELECT id FROM up", error);
  if (up == NULL)
    return FALSE;
  sqlite3_bind_text (up->stmt, 1, json->str, (int) json->len, SQLITE_STATIC);
  sqlite3_bind_int64 (up->stmt, 2, plan_id);
  while ((rc = wp_stmt_step (up, error)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (up->stmt, 0);
      g_array_append_val (ancestor_set, id);
    }
  if (rc != SQLITE_DONE)
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

/**
 * wp_store_list_plan_agency_names:
 *
 * Returns: (transfer full): the agencies that lead or support any item of
 *   the plan, those with most items first
 */
typedef struct {
  const char *name;
  guint       n;     /* links to the plan's items */
} NamedCount;

static int
compare_named_counts (gconstpointer a,
                      gconstpointer b)
{
  const NamedCount *x = a, *y = b;

  if (x->n != y->n)
    return x->n > y->n ? -1 : 1;
  return strcmp (x->name, y->name);
}

char **
wp_store_list_plan_agency_names (WpStore  *self,
                                 gint64    plan_id,
                                 GError  **error)
{
  g_autoptr(WpPlanFacts) facts = NULL;
  g_autoptr(GPtrArray) agencies = NULL;
  g_autoptr(GHashTable) counts = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GArray) named = g_array_new (FALSE, FALSE, sizeof (NamedCount));
  g_autoptr(GStrvBuilder) names = g_strv_builder_new ();

  g_return_val_if_fail (WP_IS_STORE (self), NULL);

  /* From the plan's facts, which the store keeps: no pass over the plan */
  facts = wp_store_list_plan_facts (self, plan_id, error);
  if (facts == NULL)
    return NULL;
  agencies = wp_store_list_agencies (self, error);
  if (agencies == NULL)
    return NULL;
  for (guint i = 0; i < facts->items->len; i++)
    {
      WpItemFacts *f = &g_array_index (facts->items, WpItemFacts, i);

      for (guint k = 0; k < f->n_lead + f->n_co; k++)
        {
          gint64 *id = k < f->n_lead ? &f->lead[k] : &f->co[k - f->n_lead];

          g_hash_table_insert (counts, id, GUINT_TO_POINTER (
                                 GPOINTER_TO_UINT (g_hash_table_lookup (counts, id)) + 1));
        }
    }
  for (guint i = 0; i < agencies->len; i++)
    {
      WpAgency *agency = g_ptr_array_index (agencies, i);
      gint64 id = wp_agency_get_id (agency);
      guint n = GPOINTER_TO_UINT (g_hash_table_lookup (counts, &id));

      if (n > 0)
        g_array_append_val (named, ((NamedCount) { wp_agency_get_name (agency), n }));
    }
  g_array_sort (named, compare_named_counts);
  for (guint i = 0; i < named->len; i++)
    g_strv_builder_add (names, g_array_index (named, NamedCount, i).name);
  return g_strv_builder_end (names);
}

/* The directory: renaming, details, merging */

/* Live items naming an agency show its new name. */
static void
refresh_items_of_agency (WpStore *self,
                         gint64   agency_id)
{
  g_autoptr(WpStmt) stmt =
    wp_stmt_prepare (self, "SELECT item_id FROM item_agency WHERE agency_id = ?1", NULL);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  if (stmt == NULL)
    return;
  sqlite3_bind_int64 (stmt->stmt, 1, agency_id);
  while (sqlite3_step (stmt->stmt) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt->stmt, 0);

      if (g_hash_table_contains (self->live_items, &id))
        g_array_append_val (ids, id);
    }
  g_clear_pointer (&stmt, wp_stmt_release);

  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(WpItem) item = wp_store_get_item (self, g_array_index (ids, gint64, i), NULL);
    }
}

/**
 * wp_store_get_agency:
 *
 * Returns: (transfer full): the agency with id @agency_id
 */
WpAgency *
wp_store_get_agency (WpStore  *self,
                     gint64    agency_id,
                     GError  **error)
{
  g_autoptr(WpStmt) stmt = NULL;
  WpAgencyKind kind;
  int rc;

  g_return_val_if_fail (WP_IS_STORE (self), NULL);

  stmt = wp_stmt_prepare (self, "SELECT name, short_name, kind FROM agency WHERE id = ?1", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt->stmt, 1, agency_id);
  rc = wp_stmt_step (stmt, error);
  if (rc == SQLITE_DONE)
    g_set_error (error, WP_STORE_ERROR, WP_STORE_ERROR_NOT_FOUND,
                 _("The agency no longer exists; it may have been merged into another."));
  if (rc != SQLITE_ROW)
    return NULL;
  if (!wp_agency_kind_from_string (wp_stmt_column_text (stmt, 2), &kind))
    kind = WP_AGENCY_KIND_OTHER;
  return wp_agency_new (agency_id, wp_stmt_column_text (stmt, 0), wp_stmt_column_text (stmt, 1),
                        kind);
}

/**
 * wp_store_update_agency:
 * @name: the new full name; another agency may not have it
 * @short_name: (nullable): the short name (简称), or %NULL or "" for none
 *
 * Renames an agency and sets its short name and kind. Every item it leads
 * or supports shows the new name.
 */
gboolean
wp_store_update_agency (WpStore       *self,
                        gint64         agency_id,
                        const char    *name,
                        const char    *short_name,
                        WpAgencyKind   kind,
                        GError       **error)
{
  g_autofree char *clean = NULL;
  g_autofree char *clean_short = NULL;
  g_autoptr(WpStmt) stmt = NULL;
  gint64 existing;

  g_return_val_if_fail (WP_IS_STORE (self), FALSE);

  if (!wp_store_check_writable (self, error))
    return FALSE;
  clean = clean_agency_name (name, error);
  if (clean == NULL)
    return FALSE;
  if (short_name != NULL && !g_utf8_validate (short_name, -1, NULL))
    {
      g_set_error (error, WP_STORE_ERROR, WP_STORE_ERROR_INVALID,
                   _("An agency name is not valid text."));
      return FALSE;
    }
  clean_short = g_strstrip (g_strdup (short_name != NULL ? short_name : ""));

  existing = find_agency (self, clean, error);
  if (existing < 0)
    return FALSE;
  if (existing != 0 && existing != agency_id)
    {
      g_set_error (error, WP_STORE_ERROR, WP_STORE_ERROR_EXISTS,
                   _("There is already an agency called “%s”. To make them one, merge them."),
                   clean);
      return FALSE;
    }

  stmt = wp_stmt_prepare (self, "UPDATE agency SET name = ?2, short_name = ?3, kind = ?4"
                                " WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt->stmt, 1, agency_id);
  wp_stmt_bind_text (stmt, 2, clean);
  wp_stmt_bind_text (stmt, 3, clean_short);
  wp_stmt_bind_text (stmt, 4, wp_agency_kind_to_string (kind));
  if (!wp_stmt_run (stmt, error))
    return FALSE;
  if (sqlite3_changes (self->db) == 0)
    {
      g_set_error (error, WP_STORE_ERROR, WP_STORE_ERROR_NOT_FOUND,
                   _("The agency no longer exists; it may have been merged into another."));
      return FALSE;
    }

  g_signal_emit (self, wp_store_signals[SIGNAL_AGENCIES_CHANGED], 0);
  refresh_items_of_agency (self, agency_id);
  return TRUE;
}

/**
 * wp_store_merge_agencies:
 * @from_id: the agency that goes (e.g. 公安局, written another way)
 * @into_id: the agency that stays (市公安局)
 *
 * Gives every item of @from_id to @into_id in the same role and place and
 * deletes @from_id. An item that had both keeps @into_id, as lead if either
 * was lead. (Undone from the change log, like every edit.)
 */
gboolean
wp_store_merge_agencies (WpStore  *self,
                         gint64    from_id,
                         gint64    into_id,
                         GError  **error)
{
  g_autoptr(WpAgency) from = NULL;
  g_autoptr(WpAgency) into = NULL;

  g_return_val_if_fail (WP_IS_STORE (self), FALSE);

  if (!wp_store_check_writable (self, error))
    return FALSE;
  if (from_id == into_id)
    {
      g_set_error (error, WP_STORE_ERROR, WP_STORE_ERROR_INVALID,
                   _("An agency cannot be merged into itself."));
      return FALSE;
    }
  from = wp_store_get_agency (self, from_id, error);
  if (from == NULL)
    return FALSE;
  into = wp_store_get_agency (self, into_id, error);
  if (into == NULL)
    return FALSE;

  if (!wp_store_begin (self, error))
    return FALSE;
  {
    /* Lead wins where an item had both; then the rest moves over. */
    g_autoptr(WpStmt) promote =
      wp_stmt_prepare (self, "UPDATE item_agency SET role = 'lead', position = (SELECT f.position"
                             "  FROM item_agency f WHERE f.item_id = item_agency.item_id"
                             "  AND f.agency_id = ?1)"
                             " WHERE agency_id = ?2 AND role = 'co' AND item_id IN (SELECT item_id"
                             "  FROM item_agency WHERE agency_id = ?1 AND role = 'lead')", error);
    g_autoptr(WpStmt) move =
      wp_stmt_prepare (self, "UPDATE OR IGNORE item_agency SET agency_id = ?2"
                             " WHERE agency_id = ?1", error);
    g_autoptr(WpStmt) drop =
      wp_stmt_prepare (self, "DELETE FROM agency WHERE id = ?1", error);

    if (promote == NULL || move == NULL || drop == NULL)
      goto rollback;
    sqlite3_bind_int64 (promote->stmt, 1, from_id);
    sqlite3_bind_int64 (promote->stmt, 2, into_id);
    sqlite3_bind_int64 (move->stmt, 1, from_id);
    sqlite3_bind_int64 (move->stmt, 2, into_id);
    sqlite3_bind_int64 (drop->stmt, 1, from_id);
    /* Deleting the agency cascades to the links UPDATE OR IGNORE left. */
    if (!wp_stmt_run (promote, error) || !wp_stmt_run (move, error) || !wp_stmt_run (drop, error))
      goto rollback;
  }
  if (!wp_store_commit (self, error))
    return FALSE;

  g_signal_emit (self, wp_store_signals[SIGNAL_AGENCIES_CHANGED], 0);
  refresh_items_of_agency (self, into_id);
  return TRUE;

rollback:
  wp_store_rollback (self);
  return FALSE;
}
