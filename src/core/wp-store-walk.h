/* wp-store-walk.h: a plan's items in outline order, in one query
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "wp-store.h"

G_BEGIN_DECLS

/* One item as it is stored (its own status and progress, not rolled up);
 * everything in it is borrowed for the call only. */
typedef struct {
  gint64              id;
  guint               depth;    /* 0 at the plan's top level */
  WpItemKind          kind;
  const char         *title;
  const char         *description;
  const char * const *lead;     /* agency names, in order */
  const char * const *co;
  WpItemStatus        status;
  int                 progress; /* -1: none of its own */
  GDate               due;      /* cleared when there is none */
  const char         *due_label;
  gboolean            ongoing;
  gboolean            carried_over;
  gboolean            carried_forward;
} WpItemRow;

/* FALSE (with @error set) stops the walk. */
typedef gboolean (*WpItemRowFunc) (const WpItemRow  *row,
                                   gpointer          user_data,
                                   GError          **error);

gboolean wp_store_walk_plan (WpStore        *self,
                             gint64          plan_id,
                             WpItemRowFunc   func,
                             gpointer        user_data,
                             GError        **error);

G_END_DECLS
