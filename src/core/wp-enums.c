/* wp-enums.c: names and labels of the domain enumerations
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "wp-enums.h"

static const char *item_kind_names[] = { "area", "task", "action" };
static const char *item_status_names[] = { "not_started", "in_progress", "done", "suspended" };
static const char *agency_kind_names[] = {
  "other", "party_committee", "government_bureau", "court",
  "procuratorate", "public_security", "district",
};

static gboolean
lookup_name (const char  *str,
             const char **names,
             guint        n_names,
             int         *out)
{
  if (str == NULL)
    return FALSE;

  for (guint i = 0; i < n_names; i++)
    {
      if (g_str_equal (str, names[i]))
        {
          *out = (int) i;
          return TRUE;
        }
    }

  return FALSE;
}

const char *
wp_item_kind_to_string (WpItemKind kind)
{
  g_return_val_if_fail (kind <= WP_ITEM_KIND_ACTION, NULL);
  return item_kind_names[kind];
}

gboolean
wp_item_kind_from_string (const char *str,
                          WpItemKind *kind)
{
  int v;

  if (!lookup_name (str, item_kind_names, G_N_ELEMENTS (item_kind_names), &v))
    return FALSE;
  *kind = (WpItemKind) v;
  return TRUE;
}

const char *
wp_item_kind_to_label (WpItemKind kind)
{
  switch (kind)
    {
    case WP_ITEM_KIND_AREA:
      return _("Area");
    case WP_ITEM_KIND_TASK:
      return _("Key task");
    case WP_ITEM_KIND_ACTION:
      return _("Action");
    default:
      g_return_val_if_reached (NULL);
    }
}

const char *
wp_item_status_to_string (WpItemStatus status)
{
  g_return_val_if_fail (status <= WP_ITEM_STATUS_SUSPENDED, NULL);
  return item_status_names[status];
}

gboolean
wp_item_status_from_string (const char   *str,
                            WpItemStatus *status)
{
  int v;

  if (!lookup_name (str, item_status_names, G_N_ELEMENTS (item_status_names), &v))
    return FALSE;
  *status = (WpItemStatus) v;
  return TRUE;
}

const char *
wp_item_status_to_label (WpItemStatus status)
{
  switch (status)
    {
    case WP_ITEM_STATUS_NOT_STARTED:
      return _("Not started");
    case WP_ITEM_STATUS_IN_PROGRESS:
      return _("In progress");
    case WP_ITEM_STATUS_DONE:
      return _("Done");
    case WP_ITEM_STATUS_SUSPENDED:
      return _("Suspended");
    default:
      g_return_val_if_reached (NULL);
    }
}

const char *
wp_agency_kind_to_string (WpAgencyKind kind)
{
  g_return_val_if_fail (kind <= WP_AGENCY_KIND_DISTRICT, NULL);
  return agency_kind_names[kind];
}

gboolean
wp_agency_kind_from_string (const char   *str,
                            WpAgencyKind *kind)
{
  int v;

  if (!lookup_name (str, agency_kind_names, G_N_ELEMENTS (agency_kind_names), &v))
    return FALSE;
  *kind = (WpAgencyKind) v;
  return TRUE;
}

const char *
wp_agency_role_to_string (WpAgencyRole role)
{
  return role == WP_AGENCY_ROLE_LEAD ? "lead" : "co";
}
