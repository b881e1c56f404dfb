/* wp-store-bulk.h: writing many complete items at once (imports)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "wp-store.h"
#include "wp-tracking.h"

G_BEGIN_DECLS

/* An item as an importer has it, every field known at once. */
typedef struct {
  WpItemKind          kind;
  const char         *title;
  const char         *description;
  WpItemStatus        status;
  int                 progress;   /* -1: derived from the children */
  const char         *due;        /* ISO date, or NULL */
  const char         *due_label;
  gboolean            ongoing;
  gboolean            carried_over;
  gboolean            carried_forward;
  const char         *done_date;  /* ISO date; NULL: the reference day if done */
  const char * const *lead;       /* agency names, NULL-terminated, or NULL */
  const char * const *co;
} WpBulkItem;

typedef struct _WpStoreBulk WpStoreBulk;

WpStoreBulk *wp_store_bulk_begin     (WpStore            *store,
                                      GCancellable       *cancellable,
                                      GError            **error);
gint64       wp_store_bulk_add_item  (WpStoreBulk        *bulk,
                                      gint64              plan_id,
                                      gint64              parent_id,
                                      int                 position,
                                      const WpBulkItem   *item,
                                      GError            **error);
gboolean     wp_store_bulk_add_target (WpStoreBulk       *bulk,
                                       gint64             item_id,
                                       const WpTarget    *target,
                                       GError           **error);
gboolean     wp_store_bulk_add_note  (WpStoreBulk        *bulk,
                                      gint64              item_id,
                                      const GDate        *date,
                                      const char         *text,
                                      int                 progress,
                                      const char         *reporter,
                                      GError            **error);
gboolean     wp_store_bulk_set_plan  (WpStoreBulk        *bulk,
                                      gint64              plan_id,
                                      const WpPlanSettings *settings,
                                      const char         *checked,
                                      GError            **error);
gboolean     wp_store_bulk_add_milestone (WpStoreBulk    *bulk,
                                      gint64              item_id,
                                      int                 quarter,
                                      const char         *text,
                                      int                 progress,
                                      GError            **error);
gboolean     wp_store_bulk_add_tracking (WpStoreBulk     *bulk,
                                      gint64              item_id,
                                      const WpCloseout   *closeout,
                                      GPtrArray          *attachment_refs,
                                      const char         *reason,
                                      guint              *n_missing,
                                      GError            **error);
gboolean     wp_store_bulk_commit    (WpStoreBulk        *bulk,
                                      GError            **error);
void         wp_store_bulk_free      (WpStoreBulk        *bulk);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (WpStoreBulk, wp_store_bulk_free)

G_END_DECLS
