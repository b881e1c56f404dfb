/* wp-window-private.h: what the window's action files use of it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "wp-outline-view.h"
#include "wp-item-editor.h"
#include "wp-progress-view.h"
#include "wp-view.h"
#include "wp-window.h"

G_BEGIN_DECLS

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

/* The outline, the board, the progress view, the agencies, reporting */
#define WP_WINDOW_N_VIEWS 5

struct _WpWindow
{
  AdwApplicationWindow  parent_instance;

  guint                 recent_idle;  /* reads the recent files once shown */
  guint                 check_tick;   /* the file's check waits for the first frame */
  guint                 check_idle;
  gboolean              check_started;

  GtkDropDown          *year_dropdown;
  AdwViewStack         *view_stack;
  AdwViewSwitcherTitle *switcher_title;
  AdwViewSwitcherBar   *switcher_bar;
  GtkStack             *main_stack;
  AdwStatusPage        *error_page;
  GtkWidget            *restore_button;
  AdwBin               *pages[WP_WINDOW_N_VIEWS];  /* of the view stack */
  WpView               *views[WP_WINDOW_N_VIEWS];  /* each made when first shown or needed */
  AdwFlap              *flap;
  GtkSearchBar         *search_bar;
  GtkSearchEntry       *search_entry;
  GtkBox               *filter_box;
  GtkDropDown          *agency_filter;
  GtkStringList        *agency_names;
  GtkDropDown          *status_filter;
  GtkToggleButton      *overdue_filter;
  GtkButton            *month_filter;    /* shown while narrowed to a month */
  int                   done_month;
  GtkButton            *pace_filter;     /* shown while narrowed to a breakdown segment */
  WpFilter              pace;            /* that segment: its pace, area, kind, lead */
  gboolean              agencies_stale;  /* the agency filter's list, until the bar shows */
  GtkToggleButton      *search_button;
  GMenu                *recent_section;
  AdwBin               *editor_page;
  WpItemEditor         *item_editor;    /* made when the pane first opens */
  AdwToastOverlay      *toast_overlay;
  gboolean              closing_unsaved; /* closed once with the pane's text unsaved */

  WpContext            *context;
  GPtrArray            *plans;
  gulong                plans_changed_id;
  guint                 outside_changes_source; /* asks the file for others' edits */
  GtkInfoBar           *read_only_bar;
  GtkWidget            *discard_log_button;
  GtkExpander          *error_details;   /* SQLite's own report, when there is one */
  GtkLabel             *error_details_label;
  WpWindowBackups       backups;
};

WpContext     *_wp_window_get_context       (WpWindow   *self);
WpPlan        *_wp_window_get_selected_plan (WpWindow   *self);
WpOutlineView *_wp_window_get_outline       (WpWindow   *self);
WpProgressView *_wp_window_get_progress     (WpWindow   *self);
void           _wp_window_toast             (WpWindow   *self,
                                             const char *message);
WpView        *_wp_window_get_visible_view  (WpWindow   *self);
void           _wp_window_show_main_view    (WpWindow   *self);

WpWindowBackups *_wp_window_get_backups     (WpWindow   *self);
AdwStatusPage *_wp_window_get_error_page    (WpWindow   *self);
GtkWidget     *_wp_window_get_restore_button (WpWindow  *self);

/* wp-window-backups.c */
void           _wp_window_add_backup_actions (WpWindow  *self);
void           _wp_window_update_backup_actions (WpWindow *self);
void           _wp_window_clear_backups     (WpWindow   *self);
guint          _wp_window_get_backups_kept  (WpWindow   *self);
gboolean       _wp_window_back_up_before_adding (WpWindow  *self,
                                                 GError   **error);
void           _wp_window_take_daily_backup (WpWindow   *self);
void           _wp_window_import_file       (WpWindow   *self,
                                             const char *path);
void           _wp_window_export_sheet      (WpWindow   *self,
                                             const char *path);
gboolean       _wp_window_back_up_before_import (WpWindow *self,
                                             int         year,
                                             GError    **error);
gboolean       _wp_back_up_before_import   (WpStore    *store,
                                            int         year,
                                            guint       keep,
                                            GError    **error);
void           _wp_window_show_damaged      (WpWindow     *self,
                                             const GError *error);
gboolean       _wp_window_is_looking_for_backup (WpWindow *self);
gboolean       _wp_window_is_backing_up     (WpWindow   *self);

/* wp-window-plans.c */
typedef void (*WpWindowFileFunc) (WpWindow   *self,
                                  const char *path);
void           _wp_window_show_file_chooser (WpWindow             *self,
                                             GtkFileChooserNative *chooser,
                                             WpWindowFileFunc      on_chosen);
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
void           _wp_window_show_imported     (WpWindow       *self,
                                             const char     *name,
                                             WpPlan         *plan);
void           _wp_window_say_import_failed (WpWindow       *self,
                                             const char     *name,
                                             const GError   *error);

/* wp-window-search.c: the search bar and its filters */
void           _wp_window_add_search        (WpWindow   *self);
void           _wp_window_get_filter        (WpWindow   *self,
                                             WpFilter   *filter);
void           _wp_window_search_changed    (WpWindow   *self);
void           _wp_window_update_filter_agencies (WpWindow *self);
void           _wp_window_mark_filter_agencies (WpWindow *self);

/* wp-window-pane.c: the item pane */
void           _wp_window_add_pane          (WpWindow   *self);
void           _wp_window_ensure_editor     (WpWindow   *self);
gboolean       _wp_window_save_editor       (WpWindow   *self);
void           _wp_window_pane_follow_view  (WpWindow   *self,
                                             WpView     *view);
void           _wp_window_show_visible_selection (WpWindow *self);
void           _wp_window_open_pane         (WpWindow   *self);
gboolean       _wp_window_focus_is_within   (WpWindow   *self,
                                             GtkWidget  *widget);
void           _wp_window_focus_view        (WpWindow   *self);

G_END_DECLS
