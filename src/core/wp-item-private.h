/* wp-item-private.h: how the store fills and refreshes items
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "wp-item.h"

G_BEGIN_DECLS

typedef struct {
  gint64        id;
  gint64        plan_id;
  gint64        parent_id;         /* 0 at the top level */
  int           plan_year;
  int           position;
  char         *uuid;
  WpItemKind    kind;
  char         *title;
  char         *description;
  WpItemStatus  status;
  WpItemStatus  effective_status;  /* rolled up from the children */
  int           progress;          /* -1: derived from the children */
  int           effective_progress;
  WpLight       light;             /* the worst of its own and its subtree's */
  GDate         due;
  GDate         done_date;         /* when it was marked done, if it is */
  char         *due_label;
  gboolean      ongoing;
  gboolean      carried_over;      /* copied from last year's plan */
  gboolean      carried_forward;   /* went on into next year's plan */
  guint         n_children;
  char        **lead;
  char        **co;
  guint         revision;          /* bumped whenever anything changes */
} WpItemData;

void    wp_item_data_clear (WpItemData       *data);
WpItem *_wp_item_new       (WpItemData       *data);
void    _wp_item_update    (WpItem           *self,
                            WpItemData       *data);
void    _wp_item_set_position (WpItem        *self,
                               int            position);

G_END_DECLS
