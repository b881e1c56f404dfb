/* wp-store-debug.h: what tests and benchmarks may ask of a store beyond its API
 *
 * Nothing in the app calls these. They let a test look at what the store
 * keeps (its cached figures, its checkpoint thread) and ask its own
 * connection a question (which knows the search index's tokenizer) without
 * reaching into the store's struct.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "wp-store.h"

G_BEGIN_DECLS

gboolean  wp_store_debug_query_int64       (WpStore     *self,
                                            const char  *sql,
                                            gint64      *value,
                                            GError     **error);
gboolean  wp_store_debug_exec              (WpStore     *self,
                                            const char  *sql,
                                            GError     **error);
void      wp_store_debug_forget_rollups    (WpStore     *self);
void      wp_store_debug_rollup_plan       (WpStore     *self,
                                            gint64       plan_id,
                                            int          plan_year);
guint     wp_store_debug_get_n_rollups     (WpStore     *self);
gboolean  wp_store_debug_wait_for_prefetch (WpStore     *self);
gboolean  wp_store_debug_checkpoint_started (WpStore    *self);
gboolean  wp_store_debug_checkpoint_done   (WpStore     *self);

G_END_DECLS
