/* wp-collect.h: merging the sheets agencies filled in back into the plan
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include <gio/gio.h>

#include "wp-store.h"
#include "wp-table.h"
#include "wp-undo.h"

G_BEGIN_DECLS

#define WP_COLLECT_N_KEYS 10

/* A returned sheet as read from its file (wp_collect_sheet_read(), which
 * needs no store and so may run in a thread), then weighed against the
 * plan by wp_collect_evaluate() */
typedef struct {
  char     *path;
  char     *file;          /* (no folder) */
  char     *agency;        /* whose sheet it says it is, or NULL */
  int       year;          /* the plan it says it is of, or 0 */
  char     *refusal;       /* why the file as a whole is refused, or NULL */
  gboolean  left_out;      /* listed, but nothing of it is collected */
  guint     n_changes;     /* its rows that change something */
  guint     n_refused;     /* its refused rows */
  /* (private) */
  char     *read_error;    /* why it could not be read as an agency's sheet */
  WpTable  *table;
  guint     key_row;
  int       columns[WP_COLLECT_N_KEYS];
} WpCollectSheet;

/* One row of a returned sheet that asks for a change, or is refused */
typedef struct {
  WpCollectSheet *sheet;      /* (unowned) the sheet the row is on */
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

/* What a set of sheets asks for. The counts are of the sheets not left
 * out; the rows of every sheet are listed (a left-out sheet's too, so
 * that its refusals can be shown). */
typedef struct {
  int        year;
  GDate      date;            /* the date the notes are given */
  GPtrArray *sheets;          /* WpCollectSheet, as given */
  GPtrArray *rows;            /* WpCollectRow, by file, then row */
  guint      n_changes;       /* rows that change something */
  guint      n_refused;
  guint      n_unchanged;     /* the agency's rows that ask for nothing new */
  guint      n_refused_sheets; /* sheets refused whole (unreadable, another year…) */
} WpCollect;

WpCollectSheet *wp_collect_sheet_read (const char        *path,
                                       GCancellable      *cancellable);
void       wp_collect_sheet_free (WpCollectSheet     *sheet);
gboolean   wp_collect_sheet_is_sound (const WpCollectSheet *sheet);

WpCollect *wp_collect_evaluate  (WpStore            *store,
                                 gint64              plan_id,
                                 GPtrArray          *sheets,
                                 const GDate        *date,
                                 GError            **error);
WpCollect *wp_collect_read      (WpStore            *store,
                                 gint64              plan_id,
                                 const char * const *files,
                                 const GDate        *date,
                                 GError            **error);
gboolean   wp_collect_is_sound  (WpCollect          *collect);
guint      wp_collect_leave_out_refused (WpCollect  *collect);
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
G_DEFINE_AUTOPTR_CLEANUP_FUNC (WpCollectSheet, wp_collect_sheet_free)

G_END_DECLS
