/* wp-store-aliases.c: the store's facade for agency aliases (别名)
 *
 * An office writes one agency several ways: 发改委, 市发展改革委,
 * 市发展和改革委员会. The directory keeps one name per agency and its other
 * forms as aliases, which the report importer reads as the agency, a
 * search finds its items by, and a name typed in an agency field becomes.
 * The SQL is in queries/wp-alias-queries.c; the rows are on the change
 * log, so adding and removing undo with no code of their own.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "wp-backend.h"
#include "wp-store-private.h"

#define ALIASES(self) ((self)->backend->aliases)

/* (as long as a name may be: see clean_agency_name()) */
#define MAX_ALIAS_CHARS 200

static void
add_name (const char *name,
          const char *agency,
          gpointer    data)
{
  g_strv_builder_add (data, name);
}

/**
 * wp_store_list_agency_aliases:
 *
 * Returns: (transfer full): the aliases of @agency_id, in the order they
 *   were added
 */
GStrv
wp_store_list_agency_aliases (WpStore  *self,
                              gint64    agency_id,
                              GError  **error)
{
  g_autoptr(GStrvBuilder) names = g_strv_builder_new ();

  g_return_val_if_fail (WP_IS_STORE (self), NULL);

  if (!ALIASES (self)->list (self, agency_id, add_name, names, error))
    return NULL;
  return g_strv_builder_end (names);
}

static void
add_pair (const char *alias,
          const char *agency,
          gpointer    data)
{
  g_hash_table_insert (data, g_strdup (alias), g_strdup (agency));
}

/**
 * wp_store_get_alias_directory:
 *
 * Returns: (transfer full) (element-type utf8 utf8): every alias, with the
 *   name of the agency it stands for
 */
GHashTable *
wp_store_get_alias_directory (WpStore  *self,
                              GError  **error)
{
  g_autoptr(GHashTable) aliases = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                         g_free);

  g_return_val_if_fail (WP_IS_STORE (self), NULL);

  if (!ALIASES (self)->list_all (self, add_pair, aliases, error))
    return NULL;
  return g_steal_pointer (&aliases);
}

/* @alias, stripped, or NULL with @error set */
static char *
clean_alias (const char  *alias,
             GError     **error)
{
  g_autofree char *clean = NULL;

  if (alias == NULL || !g_utf8_validate (alias, -1, NULL))
    {
      g_set_error (error, WP_STORE_ERROR, WP_STORE_ERROR_INVALID,
                   _("An agency name is not valid text."));
      return NULL;
    }
  clean = g_strstrip (g_strdup (alias));
  if (clean[0] == '\0' || g_utf8_strlen (clean, -1) > MAX_ALIAS_CHARS
      || strpbrk (clean, "\n\r\t") != NULL)
    {
      g_set_error (error, WP_STORE_ERROR, WP_STORE_ERROR_INVALID,
                   _("An alias is another way of writing the agency’s name, on one line."));
      return NULL;
    }
  return g_steal_pointer (&clean);
}

/**
 * wp_store_add_agency_alias:
 * @alias: another written form of the agency's name (发改委)
 *
 * Adds @alias to @agency_id. It may not be another agency's name or
 * alias: one written form names one agency. Adding an alias the agency
 * has already changes nothing.
 */
gboolean
wp_store_add_agency_alias (WpStore     *self,
                           gint64       agency_id,
                           const char  *alias,
                           GError     **error)
{
  g_autoptr(WpAgency) agency = NULL;
  g_autofree char *clean = NULL;
  gint64 owner;
  gboolean is_alias;

  g_return_val_if_fail (WP_IS_STORE (self), FALSE);

  if (!wp_store_check_writable (self, error))
    return FALSE;
  clean = clean_alias (alias, error);
  if (clean == NULL)
    return FALSE;
  agency = self->backend->agencies->get (self, agency_id, error);
  if (agency == NULL)
    return FALSE;
  if (!ALIASES (self)->owner (self, clean, &owner, &is_alias, error))
    return FALSE;
  if (owner == agency_id && is_alias)
    return TRUE;
  if (owner == agency_id)
    {
      g_set_error (error, WP_STORE_ERROR, WP_STORE_ERROR_EXISTS,
                   _("“%s” is the agency’s own name."), clean);
      return FALSE;
    }
  if (owner != 0)
    {
      g_autoptr(WpAgency) other = self->backend->agencies->get (self, owner, NULL);

      g_set_error (error, WP_STORE_ERROR, WP_STORE_ERROR_EXISTS,
                   is_alias ? _("“%s” is already another name of “%s”.")
                            : _("“%s” is already an agency of its own (“%s”). To make them "
                                "one, merge them."),
                   clean, other != NULL ? wp_agency_get_name (other) : "");
      return FALSE;
    }
  if (!ALIASES (self)->add (self, agency_id, clean, error))
    return FALSE;
  g_signal_emit (self, wp_store_signals[SIGNAL_AGENCIES_CHANGED], 0);
  return TRUE;
}

/**
 * wp_store_remove_agency_alias:
 *
 * Takes @alias from @agency_id; an alias it does not have changes nothing.
 */
gboolean
wp_store_remove_agency_alias (WpStore     *self,
                              gint64       agency_id,
                              const char  *alias,
                              GError     **error)
{
  gboolean removed;

  g_return_val_if_fail (WP_IS_STORE (self), FALSE);
  g_return_val_if_fail (alias != NULL, FALSE);

  if (!wp_store_check_writable (self, error))
    return FALSE;
  if (!ALIASES (self)->remove (self, agency_id, alias, &removed, error))
    return FALSE;
  if (removed)
    g_signal_emit (self, wp_store_signals[SIGNAL_AGENCIES_CHANGED], 0);
  return TRUE;
}

/* The agency @name is an alias of, or 0 (-1 on failure): a name typed or
 * imported in an alias's form is the agency */
gint64
_wp_store_agency_of_alias (WpStore     *self,
                           const char  *name,
                           GError     **error)
{
  gint64 owner;
  gboolean is_alias;

  if (!ALIASES (self)->owner (self, name, &owner, &is_alias, error))
    return -1;
  return is_alias ? owner : 0;
}

/* In a merge of @from_id into @into_id, before @from_id goes: its name
 * and its aliases stay as aliases of @into_id, so that reports and
 * searches that write it the old way still find it. */
gboolean
_wp_store_keep_aliases_on_merge (WpStore     *self,
                                 gint64       from_id,
                                 const char  *from_name,
                                 gint64       into_id,
                                 GError     **error)
{
  return ALIASES (self)->move (self, from_id, into_id, error)
         && ALIASES (self)->add (self, into_id, from_name, error);
}
