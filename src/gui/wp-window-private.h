/* wp-window-private.h: what the window's action files use of it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "wp-outline-view.h"
#include "wp-progress-view.h"
#include "wp-window.h"

G_BEGIN_DECLS

WpContext     *_wp_window_get_context       (WpWindow   *self);
WpPlan        *_wp_window_get_selected_plan (WpWindow   *self);
WpOutlineView *_wp_window_get_outline       (WpWindow   *self);
WpProgressView *_wp_window_get_progress     (WpWindow   *self);
void           _wp_window_toast             (WpWindow   *self,
                                             const char *message);

/* What the window knows of its file's backups (see wp-window-backups.c) */
typedef struct {
  char         *plan_path;    /* the plan file, also when it could not be opened */
  WpBackup     *latest_good;  /* offered by the damaged file's page, or NULL */
  gboolean      looking;      /* for that backup, in a thread */
  GCancellable *cancellable;  /* of that search */
  gint64        next_daily;   /* real time of the next look for a daily backup */
  GCancellable *daily;        /* of the daily backup being written, or NULL */
  gboolean      daily_failed; /* and said so */
  gpointer      restore;      /* a restore waiting for that backup to stop */
} WpWindowBackups;

WpWindowBackups *_wp_window_get_backups     (WpWindow   *self);
AdwStatusPage *_wp_window_get_error_page    (WpWindow   *self);
GtkWidget     *_wp_window_get_restore_button (WpWindow  *self);

/* wp-window-backups.c */
void           _wp_window_add_backup_actions (WpWindow  *self);
void           _wp_window_update_backup_actions (WpWindow *self);
void           _wp_window_clear_backups     (WpWindow   *self);
guint          _wp_window_get_backups_kept  (WpWindow   *self);
void           _wp_window_take_daily_backup (WpWindow   *self);
void           _wp_window_import_file       (WpWindow   *self,
                                             const char *path);
void           _wp_window_export_sheet      (WpWindow   *self,
                                             const char *path);
gboolean       _wp_window_back_up_before_import (WpWindow *self,
                                             int         year,
                                             GError    **error);
void           _wp_window_show_damaged      (WpWindow     *self,
                                             const GError *error);
gboolean       _wp_window_is_looking_for_backup (WpWindow *self);
gboolean       _wp_window_is_backing_up     (WpWindow   *self);

/* wp-window-plans.c */
void           _wp_window_add_plan_actions  (WpWindow   *self);
void           _wp_window_update_plan_actions (WpWindow *self);

/* wp-window-sheets.c: sending and collecting agencies' sheets */
void           _wp_window_add_sheet_actions (WpWindow   *self);
void           _wp_window_update_sheet_actions (WpWindow *self,
                                             gboolean    has_plan);
gboolean       _wp_window_preview_import    (WpWindow   *self,
                                             const char *path,
                                             GError    **error);
gboolean       _wp_window_is_report         (const char *path);
gboolean       _wp_window_drop_files        (WpWindow   *self,
                                             GSList     *files);
struct _WpReportDialog *_wp_window_review_report (WpWindow *self,
                                             const char *path);
gboolean       _wp_window_import_document   (WpWindow       *self,
                                             const char     *name,
                                             WpJsonDocument *doc,
                                             const GError   *read_error);

G_END_DECLS
