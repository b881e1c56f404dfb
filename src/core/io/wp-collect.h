/* wp-collect.h: merging the sheets agencies filled in back into the plan
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "wp-store.h"
#include "wp-undo.h"

G_BEGIN_DECLS

/* One row of a returned sheet that asks for a change, or is refused */
typedef struct {
  char        *file;          /* the sheet's file name (no folder) */
  char        *agency;        /* whose sheet it is */
  guint        row;           /* as the spreadsheet numbers it, from 1 */
  gint64       item_id;       /* 0 when the row's item was not found */
  char        *title;
  gboolean     set_status;
  WpItemStatus old_status;
  WpItemStatus status;
  gboolean     set_progress;
  int          old_progress;
  int          progress;
  char        *note;          /* a progress note to add, or NULL */
  char        *refusal;       /* why nothing of the row is taken, or NULL */
} WpCollectRow;

typedef struct {
  int        year;
  GDate      date;            /* the date the notes are given */
  GPtrArray *rows;            /* WpCollectRow, by file, then row */
  guint      n_changes;       /* rows that change something */
  guint      n_refused;
  guint      n_unchanged;     /* the agency's rows that ask for nothing new */
} WpCollect;

WpCollect *wp_collect_read      (WpStore            *store,
                                 gint64              plan_id,
                                 const char * const *files,
                                 const GDate        *date,
                                 GError            **error);
gboolean   wp_collect_apply     (WpStore            *store,
                                 WpCollect          *collect,
                                 GError            **error);
JsonNode  *wp_collect_to_json   (WpCollect          *collect);
void       wp_collect_free      (WpCollect          *collect);
/* (in wp-undo.c: one undoable step) */
gboolean   wp_edit_collect      (WpUndoStack        *undo,
                                 WpCollect          *collect,
                                 GError            **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (WpCollect, wp_collect_free)

G_END_DECLS
