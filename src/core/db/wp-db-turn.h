/* wp-db-turn.h: letting a window's write go before the next of a batch
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _WpDbTurn WpDbTurn;

WpDbTurn *_wp_db_turn_new        (const char *db_path);
void      _wp_db_turn_free       (WpDbTurn   *turn);
gboolean  _wp_db_turn_want       (WpDbTurn   *turn);
void      _wp_db_turn_let_go     (WpDbTurn   *turn);
gboolean  _wp_db_turn_is_wanted  (WpDbTurn   *turn);
gboolean  _wp_db_turn_wanting    (WpDbTurn   *turn);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (WpDbTurn, _wp_db_turn_free)

G_END_DECLS
