/* wp-board.h: the kanban board's columns and the agency directory's
 * workload, computed from a plan's facts (no widgets)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "wp-filter.h"
#include "wp-undo.h"

G_BEGIN_DECLS

typedef enum {
  WP_BOARD_BY_STATUS,
  WP_BOARD_BY_LEAD,
  WP_BOARD_BY_QUARTER,
  WP_BOARD_BY_AREA,
} WpBoardGrouping;

typedef enum {
  WP_BOARD_CARDS_TASKS   = 1 << 0,
  WP_BOARD_CARDS_ACTIONS = 1 << 1,
  WP_BOARD_CARDS_BOTH    = WP_BOARD_CARDS_TASKS | WP_BOARD_CARDS_ACTIONS,
} WpBoardCards;

/* The quarter columns' values */
enum {
  WP_BOARD_QUARTER_NONE    = 0,   /* 无期限 */
  WP_BOARD_QUARTER_ONGOING = 5,   /* 长期 */
  WP_BOARD_QUARTER_LATER   = 6,   /* due after the plan's year */
};

typedef struct {
  char     *key;           /* stable across refreshes, e.g. "lead:12" */
  char     *title;         /* shown in the header, translated */
  gint64    value;         /* status, agency id (0: none), quarter, area id */
  gboolean  accepts_drops;
  GArray   *ids;           /* gint64: the cards, in outline order */
  guint     n_overdue;
} WpBoardColumn;

typedef struct {
  WpAgency *agency;
  guint     n_lead;        /* items it leads */
  guint     n_co;          /* items it supports */
  guint     n_done;        /* of both */
  guint     n_in_progress;
  guint     n_overdue;
} WpAgencyLoad;

GPtrArray  *wp_board_compute         (WpStore           *store,
                                      gint64             plan_id,
                                      WpBoardGrouping    grouping,
                                      WpBoardCards       cards,
                                      const WpFilter    *filter,
                                      GError           **error);
gboolean    wp_board_move_card       (WpUndoStack       *undo,
                                      WpBoardGrouping    grouping,
                                      gint64             item_id,
                                      const WpBoardColumn *to,
                                      GError           **error);
gboolean    wp_board_reorder_card    (WpUndoStack       *undo,
                                      gint64             item_id,
                                      gint64             before_id,
                                      GError           **error);
const char *wp_board_quarter_label   (int                quarter);
void        wp_board_column_free     (WpBoardColumn     *column);

GPtrArray  *wp_agency_loads_compute  (WpStore           *store,
                                      gint64             plan_id,
                                      GError           **error);
void        wp_agency_load_free      (WpAgencyLoad      *load);

G_END_DECLS
