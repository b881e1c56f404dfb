/* wp-enums.h: the enumerations of the domain model
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef enum {
  WP_ITEM_KIND_AREA,
  WP_ITEM_KIND_TASK,
  WP_ITEM_KIND_ACTION,
} WpItemKind;

typedef enum {
  WP_ITEM_STATUS_NOT_STARTED,
  WP_ITEM_STATUS_IN_PROGRESS,
  WP_ITEM_STATUS_DONE,
  WP_ITEM_STATUS_SUSPENDED,
} WpItemStatus;

typedef enum {
  WP_AGENCY_KIND_OTHER,
  WP_AGENCY_KIND_PARTY_COMMITTEE,
  WP_AGENCY_KIND_GOVERNMENT_BUREAU,
  WP_AGENCY_KIND_COURT,
  WP_AGENCY_KIND_PROCURATORATE,
  WP_AGENCY_KIND_PUBLIC_SECURITY,
  WP_AGENCY_KIND_DISTRICT,
} WpAgencyKind;

typedef enum {
  WP_AGENCY_ROLE_LEAD,
  WP_AGENCY_ROLE_CO,
} WpAgencyRole;

/* Stable names used in the database and the interchange JSON. */
const char   *wp_item_kind_to_string     (WpItemKind    kind);
gboolean      wp_item_kind_from_string   (const char   *str,
                                          WpItemKind   *kind);
const char   *wp_item_kind_to_label      (WpItemKind    kind);
const char   *wp_item_status_to_string   (WpItemStatus  status);
gboolean      wp_item_status_from_string (const char   *str,
                                          WpItemStatus *status);
const char   *wp_item_status_to_label    (WpItemStatus  status);
const char   *wp_agency_kind_to_string   (WpAgencyKind  kind);
gboolean      wp_agency_kind_from_string (const char   *str,
                                          WpAgencyKind *kind);
const char   *wp_agency_role_to_string   (WpAgencyRole  role);

G_END_DECLS
