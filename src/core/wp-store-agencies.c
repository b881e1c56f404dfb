/* wp-store-agencies.c: agencies: the directory, and which items they lead or support
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "wp-store-private.h"

#define AGENCIES(self) ((self)->backend->agencies)

GPtrArray *
wp_store_list_agencies (WpStore  *self,
                        GError  **error)
{
  g_autoptr(GPtrArray) agencies = g_ptr_array_new_with_free_func (g_object_unref);

  g_return_val_if_fail (WP_IS_STORE (self), NULL);

  if (!AGENCIES (self)->list (self, agencies, error))
    return NULL;
  return g_steal_pointer (&agencies);
}

static gint64
ensure_agency_id (WpStore     *self,
                  const char  *name,
                  gboolean    *created,
                  GError     **error)
{
  gint64 id = AGENCIES (self)->find (self, name, error);

  if (id != 0)
    return id;
  /* (发改委 typed or imported is the agency it is an alias of) */
  id = _wp_store_agency_of_alias (self, name, error);
  if (id != 0)
    return id;

  /* A new agency starts with the kind its name states (法院, 市委…). */
  id = AGENCIES (self)->insert (self, name, wp_agency_kind_guess (name), error);
  if (id > 0)
    *created = TRUE;
  return id;
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

  if (!AGENCIES (self)->unlink_role (self, item_id, role, error))
    goto fail;

  for (guint i = 0; names != NULL && names[i] != NULL; i++)
    {
      g_autofree char *clean = clean_agency_name (names[i], error);
      gint64 agency_id;

      if (clean == NULL)
        goto fail;
      agency_id = ensure_agency_id (self, clean, &created, error);
      if (agency_id < 0)
        goto fail;

      /* An agency is on an item once, and leading wins: one named lead
       * is no longer a co-agency; one named co-agency that leads stays
       * lead (the insert below does nothing). */
      if ((role == WP_AGENCY_ROLE_LEAD
           && !AGENCIES (self)->unlink_other_role (self, item_id, agency_id, role, error))
          || !AGENCIES (self)->link (self, item_id, agency_id, role, position++, error))
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
  g_autofree guint *counts = NULL;  /* by agency id */
  gint64 max_id = 0;
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
  /* (counted in an array by id: a plan has hundreds of thousands of
   * links and a directory hundreds of agencies, their ids never reused) */
  for (guint i = 0; i < agencies->len; i++)
    max_id = MAX (max_id, wp_agency_get_id (g_ptr_array_index (agencies, i)));
  counts = g_new0 (guint, max_id + 1);
  for (guint i = 0; i < facts->items->len; i++)
    {
      WpItemFacts *f = &g_array_index (facts->items, WpItemFacts, i);

      for (guint k = 0; k < f->n_lead + f->n_co; k++)
        {
          gint64 id = k < f->n_lead ? f->lead[k] : f->co[k - f->n_lead];

          if (id > 0 && id <= max_id)
            counts[id]++;
        }
    }
  for (guint i = 0; i < agencies->len; i++)
    {
      WpAgency *agency = g_ptr_array_index (agencies, i);
      guint n = counts[wp_agency_get_id (agency)];

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
  g_autoptr(GArray) all = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  if (!AGENCIES (self)->item_ids (self, agency_id, all))
    return;
  for (guint i = 0; i < all->len; i++)
    {
      gint64 id = g_array_index (all, gint64, i);

      if (wp_item_cache_contains (self->live_items, id))
        g_array_append_val (ids, id);
    }

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
  g_return_val_if_fail (WP_IS_STORE (self), NULL);
  return AGENCIES (self)->get (self, agency_id, error);
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

  existing = AGENCIES (self)->find (self, clean, error);
  if (existing < 0)
    return FALSE;
  if (existing != 0 && existing != agency_id)
    {
      g_set_error (error, WP_STORE_ERROR, WP_STORE_ERROR_EXISTS,
                   _("There is already an agency called “%s”. To make them one, merge them."),
                   clean);
      return FALSE;
    }

  if (!AGENCIES (self)->update (self, agency_id, clean, clean_short, kind, error))
    return FALSE;

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
 * was lead. @from_id's name and aliases become aliases of @into_id.
 * (Undone from the change log, like every edit.)
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
  /* (the aliases go over before the agency does: deleting it takes its
   * own with it) */
  if (!_wp_store_keep_aliases_on_merge (self, from_id, wp_agency_get_name (from), into_id, error)
      || !AGENCIES (self)->merge (self, from_id, into_id, error))
    goto rollback;
  if (!wp_store_commit (self, error))
    return FALSE;

  g_signal_emit (self, wp_store_signals[SIGNAL_AGENCIES_CHANGED], 0);
  refresh_items_of_agency (self, into_id);
  return TRUE;

rollback:
  wp_store_rollback (self);
  return FALSE;
}
