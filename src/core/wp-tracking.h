/* wp-tracking.h: the tracking year's records — each plan's light rules and
 * reporting cycle, close-out (销号) with evidence files, and the year-end
 * check (年终核查)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "wp-store.h"

G_BEGIN_DECLS

typedef enum {
  WP_REPORT_MONTHLY,
  WP_REPORT_SEMIMONTHLY,  /* twice a month: the 1st-15th and the 16th to the end */
  WP_REPORT_QUARTERLY,
} WpReportFrequency;

/* How a plan is judged and reported on; the defaults are what the app
 * did before plans had settings. */
typedef struct {
  int               due_soon_days;   /* yellow within this many days of the deadline (N) */
  int               yellow_points;   /* yellow when behind by this many points or more (Y) */
  int               red_points;      /* red when behind a milestone by more than this (R) */
  WpReportFrequency report_frequency;
  int               report_due_day;  /* agencies report by this day of the period's month */
  gboolean          review_closeout; /* done items wait as 待销号 until confirmed */
} WpPlanSettings;

#define WP_PLAN_SETTINGS_INIT { 30, 10, 30, WP_REPORT_MONTHLY, 25, FALSE }

/* Largest evidence file kept in a plan file */
#define WP_ATTACHMENT_MAX_SIZE (50 * 1024 * 1024)

typedef enum {
  WP_CLOSEOUT_NONE,            /* not closed out (not done, or done before close-out existed) */
  WP_CLOSEOUT_PENDING_REVIEW,  /* 待销号 */
  WP_CLOSEOUT_CLOSED,          /* 已销号 */
} WpCloseoutState;

typedef struct {
  WpCloseoutState  state;
  char            *completion;  /* 办结情况 */
  char            *closed_by;   /* who confirmed it, when review is required */
  char            *closed_at;   /* ISO 8601 date and time, or NULL */
} WpCloseout;

typedef struct {
  gint64  id;
  gint64  item_id;
  char   *name;
  char   *type;    /* a MIME type, or "" */
  gint64  size;
  char   *sha256;  /* lower-case hex */
  char   *added;   /* ISO 8601 date and time */
} WpAttachment;

const char *wp_report_frequency_to_string   (WpReportFrequency  frequency);
gboolean    wp_report_frequency_from_string (const char        *name,
                                             WpReportFrequency *frequency);
const char *wp_closeout_state_to_string     (WpCloseoutState    state);

gboolean    wp_store_get_plan_settings  (WpStore              *self,
                                         gint64                plan_id,
                                         WpPlanSettings       *settings,
                                         GError              **error);
gboolean    wp_store_set_plan_settings  (WpStore              *self,
                                         gint64                plan_id,
                                         const WpPlanSettings *settings,
                                         GError              **error);

gboolean    wp_store_get_closeout       (WpStore              *self,
                                         gint64                item_id,
                                         WpCloseout           *closeout,
                                         GError              **error);
gboolean    wp_store_close_out          (WpStore              *self,
                                         gint64                item_id,
                                         const char           *completion,
                                         GError              **error);
gboolean    wp_store_confirm_closeout   (WpStore              *self,
                                         gint64                item_id,
                                         const char           *by,
                                         GError              **error);
GArray     *wp_store_list_pending_closeouts (WpStore          *self,
                                         gint64                plan_id,
                                         GError              **error);
void        wp_closeout_clear           (WpCloseout           *closeout);

gint64      wp_store_add_attachment     (WpStore              *self,
                                         gint64                item_id,
                                         const char           *name,
                                         const char           *type,
                                         GBytes               *data,
                                         GError              **error);
GPtrArray  *wp_store_list_attachments   (WpStore              *self,
                                         gint64                item_id,
                                         GError              **error);
GBytes     *wp_store_read_attachment    (WpStore              *self,
                                         gint64                attachment_id,
                                         GError              **error);
gboolean    wp_store_delete_attachment  (WpStore              *self,
                                         gint64                attachment_id,
                                         GError              **error);
void        wp_attachment_free          (WpAttachment         *attachment);

char       *wp_store_get_check_reason   (WpStore              *self,
                                         gint64                item_id,
                                         GError              **error);
gboolean    wp_store_set_check_reason   (WpStore              *self,
                                         gint64                item_id,
                                         const char           *reason,
                                         GError              **error);
GArray     *wp_store_list_unexplained   (WpStore              *self,
                                         gint64                plan_id,
                                         GError              **error);
gboolean    wp_store_mark_plan_checked  (WpStore              *self,
                                         gint64                plan_id,
                                         GError              **error);
char       *wp_store_get_plan_checked   (WpStore              *self,
                                         gint64                plan_id,
                                         GError              **error);

gboolean    wp_store_list_plan_tracking (WpStore              *self,
                                         gint64                plan_id,
                                         GHashTable          **closeouts,
                                         GHashTable          **attachments,
                                         GHashTable          **reasons,
                                         GError              **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (WpAttachment, wp_attachment_free)

G_END_DECLS
