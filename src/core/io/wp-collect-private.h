/* wp-collect-private.h: what the collecting's files share
 *
 * wp-collect-sheet.c reads one agency's sheet, row by row, apart from the
 * store; wp-collect.c weighs the sheets against the plan and writes them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "wp-collect.h"
#include "wp-table.h"

G_BEGIN_DECLS

/* The columns of the key row that collect reads */
enum {
  KEY_TITLE,
  KEY_LEAD,
  KEY_CO,
  KEY_DUE,
  KEY_STATUS,
  KEY_PROGRESS,
  KEY_NOTE,
  KEY_PROBLEMS,
  KEY_NEXT_STEPS,
  KEY_UUID,
  N_KEYS
};

G_STATIC_ASSERT (N_KEYS == WP_COLLECT_N_KEYS);

/* wp-collect.c */
void _wp_collect_row_free (gpointer data);

/* wp-collect-sheet.c */
WpCollectRow *_wp_collect_read_row (WpStore    *store,
                                    WpTable    *table,
                                    guint       r,
                                    const int   columns[N_KEYS],
                                    const char *file,
                                    const char *agency,
                                    int         year,
                                    GHashTable *expected,
                                    GHashTable *by_uuid,
                                    GHashTable *asked);

G_END_DECLS
