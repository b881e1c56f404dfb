/* wp-backend-tracking.h: what a database backend implements for the
 * tracking year: milestones (形象进度), plan settings, close-out (销号),
 * evidence files and reporting periods (报送)
 *
 * Part of wp-backend.h, which includes it; the rules there hold here.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "wp-store.h"
#include "wp-tracking.h"

G_BEGIN_DECLS

/* Called once per milestone read; @item_id is 0 when one item's are read */
typedef void (*WpMilestoneFunc) (gint64      item_id,
                                 int         quarter,
                                 const char *text,
                                 int         progress,
                                 gpointer    user_data);

/* Milestones (形象进度), by quarter (queries/wp-milestone-queries.c) */
typedef struct {
  /* Sets @item_id's milestone for @quarter (1-4); @progress -1 for none */
  gboolean (*put)          (WpStore          *conn,
                            gint64            item_id,
                            int               quarter,
                            const char       *text,
                            int               progress,
                            GError          **error);
  gboolean (*delete)       (WpStore          *conn,
                            gint64            item_id,
                            int               quarter,
                            GError          **error);
  /* Calls @row for each milestone of @item_id, by quarter */
  gboolean (*list_of_item) (WpStore          *conn,
                            gint64            item_id,
                            WpMilestoneFunc   row,
                            gpointer          user_data,
                            GError          **error);
  /* Calls @row for each milestone of @plan_id's items, by item and quarter */
  gboolean (*list_of_plan) (WpStore          *conn,
                            gint64            plan_id,
                            WpMilestoneFunc   row,
                            gpointer          user_data,
                            GError          **error);
} WpMilestoneQueries;

/* Called once per close-out of a plan; @closeout's strings are borrowed */
typedef void (*WpCloseoutFunc)  (gint64            item_id,
                                 const WpCloseout *closeout,
                                 gpointer          user_data);
/* Called once per item with a text: a year-end reason, a title */
typedef void (*WpItemTextFunc)  (gint64      item_id,
                                 const char *text,
                                 gpointer    user_data);

/* The tracking year: plan settings, close-out (销号), evidence files and
 * the year-end check (年终核查) (queries/wp-tracking-queries.c). Lists of
 * ids are appended to a GArray of gint64; attachments to a GPtrArray as
 * #WpAttachment (freed with wp_attachment_free()). */
typedef struct {
  /* Fills the fields the plan keeps; NOT_FOUND when there is no plan */
  gboolean (*get_settings)     (WpStore               *conn,
                                gint64                 plan_id,
                                WpPlanSettings        *settings,
                                GError               **error);
  gboolean (*put_settings)     (WpStore               *conn,
                                gint64                 plan_id,
                                const WpPlanSettings  *settings,
                                GError               **error);
  /* @closeout's fields become the caller's; %WP_CLOSEOUT_NONE with an
   * empty completion when there is none */
  gboolean (*get_closeout)     (WpStore               *conn,
                                gint64                 item_id,
                                WpCloseout            *closeout,
                                GError               **error);
  /* @closed_at NULL while it waits for review */
  gboolean (*put_closeout)     (WpStore               *conn,
                                gint64                 item_id,
                                const char            *completion,
                                WpCloseoutState        state,
                                const char            *closed_by,
                                const char            *closed_at,
                                GError               **error);
  gboolean (*drop_closeout)    (WpStore               *conn,
                                gint64                 item_id,
                                GError               **error);
  /* The plan's done items waiting for review, in id order */
  gboolean (*list_pending)     (WpStore               *conn,
                                gint64                 plan_id,
                                GArray                *ids,
                                GError               **error);
  /* Keeps @data once under its digest: files with the same bytes share them */
  gboolean (*put_data)         (WpStore               *conn,
                                const char            *sha256,
                                GBytes                *data,
                                GError               **error);
  /* Whether the bytes of @sha256 are kept (for a file named by reference) */
  gboolean (*has_data)         (WpStore               *conn,
                                const char            *sha256,
                                gboolean              *has,
                                GError               **error);
  /* Removes the bytes no file names any more, nor a change the change log
   * could still undo */
  gboolean (*drop_unused_data) (WpStore               *conn,
                                GError               **error);
  /* A file row over bytes put_data() kept; its id in *@id */
  gboolean (*add_attachment)   (WpStore               *conn,
                                gint64                 item_id,
                                const char            *name,
                                const char            *type,
                                gint64                 size,
                                const char            *sha256,
                                const char            *added,
                                gint64                *id,
                                GError               **error);
  /* @item_id's files, oldest first */
  gboolean (*list_attachments) (WpStore               *conn,
                                gint64                 item_id,
                                GPtrArray             *attachments,
                                GError               **error);
  /* The file's bytes in *@data; NOT_FOUND when there is no such file */
  gboolean (*read_attachment)  (WpStore               *conn,
                                gint64                 attachment_id,
                                GBytes               **data,
                                GError               **error);
  gboolean (*drop_attachment)  (WpStore               *conn,
                                gint64                 attachment_id,
                                GError               **error);
  /* *@reason the caller's: "" when none */
  gboolean (*get_reason)       (WpStore               *conn,
                                gint64                 item_id,
                                char                 **reason,
                                GError               **error);
  /* An empty or NULL @reason removes it */
  gboolean (*put_reason)       (WpStore               *conn,
                                gint64                 item_id,
                                const char            *reason,
                                GError               **error);
  /* The plan's unfinished items with no sub-items, not carried forward,
   * with no reason, in id order */
  gboolean (*list_unexplained) (WpStore               *conn,
                                gint64                 plan_id,
                                GArray                *ids,
                                GError               **error);
  /* When the year-end check was done (ISO 8601), NULL for not done */
  gboolean (*set_checked)      (WpStore               *conn,
                                gint64                 plan_id,
                                const char            *when,
                                GError               **error);
  gboolean (*get_checked)      (WpStore               *conn,
                                gint64                 plan_id,
                                char                 **when,
                                GError               **error);
  /* Plan-wide reads for exports, by item */
  gboolean (*list_plan_closeouts)   (WpStore          *conn,
                                     gint64            plan_id,
                                     WpCloseoutFunc    row,
                                     gpointer          user_data,
                                     GError          **error);
  gboolean (*list_plan_attachments) (WpStore          *conn,
                                     gint64            plan_id,
                                     GPtrArray        *attachments,
                                     GError          **error);
  gboolean (*list_plan_reasons)     (WpStore          *conn,
                                     gint64            plan_id,
                                     WpItemTextFunc    row,
                                     gpointer          user_data,
                                     GError          **error);
} WpTrackingQueries;

/* Called once per item found */
typedef void (*WpIdFunc)        (gint64      item_id,
                                 gpointer    user_data);
/* Called once per item with a progress: a milestone's expected one */
typedef void (*WpItemProgressFunc) (gint64    item_id,
                                    int       progress,
                                    gpointer  user_data);

/* Reporting periods (报送): only reads (queries/wp-reporting-queries.c) */
typedef struct {
  /* Calls @row with each item of @plan_id that has a progress note
   * dated @from to @to (ISO dates, both included), once per item */
  gboolean (*noted_items) (WpStore             *conn,
                           gint64               plan_id,
                           const char          *from,
                           const char          *to,
                           WpIdFunc             row,
                           gpointer             user_data,
                           GError             **error);
  /* Calls @row with each milestone progress of @plan_id's items up to
   * @quarter, by item and then quarter: an item's last is the progress
   * expected once @quarter has ended */
  gboolean (*expected)    (WpStore             *conn,
                           gint64               plan_id,
                           int                  quarter,
                           WpItemProgressFunc   row,
                           gpointer             user_data,
                           GError             **error);
  /* Calls @row with the id and title of every item row of @plan_id */
  gboolean (*titles)      (WpStore             *conn,
                           gint64               plan_id,
                           WpItemTextFunc       row,
                           gpointer             user_data,
                           GError             **error);
} WpReportingQueries;

G_END_DECLS
