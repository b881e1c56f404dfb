/* wp-id-list.h: a list of items given by id, as a GListModel that makes
 * item objects only for the rows asked for
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "wp-store.h"

G_BEGIN_DECLS

#define WP_TYPE_ID_LIST (wp_id_list_get_type ())
G_DECLARE_FINAL_TYPE (WpIdList, wp_id_list, WP, ID_LIST, GObject)

WpIdList     *wp_id_list_new      (WpStore      *store);
void          wp_id_list_set_ids  (WpIdList     *self,
                                   const GArray *ids);
void          wp_id_list_set_limit (WpIdList    *self,
                                   guint         limit);
guint         wp_id_list_get_limit (WpIdList    *self);
guint         wp_id_list_get_n_ids (WpIdList    *self);
int           wp_id_list_find     (WpIdList     *self,
                                   gint64        id);

/* Sets of ids: arrays of gint64 in order, each once */
void          wp_ids_sort_unique  (GArray       *ids);
void          wp_ids_append_json  (GString      *json,
                                   gint64        id);
gboolean      wp_ids_contain      (const GArray *sorted_ids,
                                   gint64        id);
int           wp_ids_find         (const GArray *sorted_ids,
                                   gint64        id);

G_END_DECLS
