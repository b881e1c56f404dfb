/* wp-backup.h: backup copies of plan files, kept in the user's data folder
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "wp-store.h"

G_BEGIN_DECLS

/* Why a backup was taken; its nick is part of the backup's file name. */
typedef enum {
  WP_BACKUP_OTHER,             /* a name this version does not know */
  WP_BACKUP_BEFORE_MIGRATION,
  WP_BACKUP_BEFORE_IMPORT,
  WP_BACKUP_BEFORE_REPLACE,
  WP_BACKUP_BEFORE_COLLECT,
  WP_BACKUP_DAILY,
  WP_BACKUP_BEFORE_RESTORE,
} WpBackupReason;

/* How many backups of one plan file are kept unless the user says otherwise
 * (the GSettings key backups-kept) */
#define WP_BACKUP_DEFAULT_KEPT 10

/* A daily backup is taken when the newest one is older than this (µs). */
#define WP_BACKUP_DAILY_INTERVAL (24 * G_TIME_SPAN_HOUR)

typedef struct {
  char           *path;
  GDateTime      *time;    /* when it was taken, in UTC */
  WpBackupReason  reason;
  goffset         size;    /* bytes */
} WpBackup;

void        wp_backup_free              (WpBackup        *backup);
const char *wp_backup_reason_to_nick    (WpBackupReason   reason);
const char *wp_backup_reason_to_label   (WpBackupReason   reason);

char       *wp_backup_get_folder        (const char      *plan_path);
char       *wp_backup_take              (WpStore         *store,
                                         WpBackupReason   reason,
                                         guint            keep,
                                         GError         **error);
char       *wp_backup_take_keeping_deleted (WpStore        *store,
                                            WpBackupReason  reason,
                                            guint           keep,
                                            GError        **error);
char       *wp_backup_take_of_file      (const char      *plan_path,
                                         WpBackupReason   reason,
                                         guint            keep,
                                         GError         **error);
char       *wp_backup_take_daily        (WpStore         *store,
                                         guint            keep,
                                         GError         **error);
void        wp_backup_take_daily_async  (WpStore             *store,
                                         guint                keep,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data);
char       *wp_backup_take_daily_finish (GAsyncResult    *result,
                                         GError         **error);
GPtrArray  *wp_backup_list              (const char      *plan_path,
                                         GError         **error);
gboolean    wp_backup_check             (const char      *backup_path,
                                         GError         **error);
gboolean    wp_backup_count             (const char      *backup_path,
                                         guint           *n_plans,
                                         guint           *n_items,
                                         GError         **error);
WpBackup   *wp_backup_find_latest_good  (const char      *plan_path,
                                         GError         **error);
gboolean    wp_backup_restore           (const char      *plan_path,
                                         const char      *backup_path,
                                         guint            keep,
                                         char           **saved_path,
                                         GError         **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (WpBackup, wp_backup_free)

G_END_DECLS
