/* wp-query-util.h: the steps every SQLite query file repeats
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "wp-backend.h"
#include "wp-db-stmt.h"

G_BEGIN_DECLS

/* Steps @stmt once: TRUE on a row; FALSE with @error set, to
 * WP_STORE_ERROR_NOT_FOUND and the message @gone (a msgid, N_()) when
 * there is none */
gboolean  wp_query_step_row      (WpStmt      *stmt,
                                  const char  *gone,
                                  GError     **error);
/* Runs @stmt, which must change a row: else NOT_FOUND with @gone */
gboolean  wp_query_run_changing  (WpStmt      *stmt,
                                  const char  *gone,
                                  GError     **error);
/* Runs @sql with @id as its one parameter and calls @row with each row's
 * id and text (columns 0 and 1; the text NULL for NULL) */
gboolean  wp_query_id_text_rows  (WpStore         *conn,
                                  const char      *sql,
                                  gint64           id,
                                  WpItemTextFunc   row,
                                  gpointer         user_data,
                                  GError         **error);

G_END_DECLS
