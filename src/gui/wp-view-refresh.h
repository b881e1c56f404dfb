/* wp-view-refresh.h: what the board, the progress view and the agency
 * directory share: refreshing after edits, and toasts
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "wp-context.h"

G_BEGIN_DECLS

typedef void (*WpRefreshFunc) (gpointer view);

/* A view's figures are read again once per burst of edits, when idle, and
 * only while it shows: a hidden view notes it is stale and catches up when
 * mapped. */
typedef struct {
  GtkWidget     *view;
  WpRefreshFunc  func;
  int            priority;
  guint          idle_id;
  gboolean       stale;
} WpViewRefresh;

void wp_view_refresh_init   (WpViewRefresh *refresh,
                             GtkWidget     *view,
                             WpRefreshFunc  func,
                             int            priority);
void wp_view_refresh_watch  (WpViewRefresh *refresh,
                             WpContext     *context);
void wp_view_refresh_follow (WpViewRefresh *refresh,
                             WpContext     *context);
void wp_view_refresh_queue  (WpViewRefresh *refresh);
void wp_view_refresh_cancel  (WpViewRefresh *refresh);
void wp_view_refresh_mapped (WpViewRefresh *refresh);

void wp_view_toast          (GtkWidget     *view,
                             const char    *message,
                             WpUndoStack   *undo);

GtkWidget *wp_view_popup_menu (GtkWidget     *anchor,
                             GMenuModel    *menu,
                             double         x,
                             double         y);

G_END_DECLS
