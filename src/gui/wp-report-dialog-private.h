/* wp-report-dialog-private.h: the review of a report's draft, shared by its files
 *
 * wp-report-dialog.c holds the dialog, its selection and its edits;
 * -import.c Import; -cells.c the draft outline's cells; -read.c the
 * reading in a thread; -build.c the widgets.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "wp-report-dialog.h"
#include "wp-report-import.h"
#include "wp-report-row.h"
#include "wp-window-private.h"

G_BEGIN_DECLS

struct _WpReportDialog
{
  AdwWindow           parent_instance;

  WpWindow           *window;   /* (weak) */
  char               *path;
  char               *name;     /* the file's name, for messages and Undo */
  GCancellable       *cancellable;
  gboolean            reading;
  WpReportSource     *source;
  WpReportDraft      *draft;    /* its items moved into the rows */
  GListStore         *rows;     /* WpReportRow, in the report's order */
  GtkSingleSelection *selection;
  gboolean            loading_editor;

  GtkStack           *stack;
  GtkProgressBar     *bar;      /* how far the reading is */
  AdwStatusPage      *error_page;
  GtkTextView        *source_view;
  GtkTextTag         *span_tag;
  GtkTextMark        *span_mark;
  GtkColumnView      *outline;
  GtkLabel           *summary;
  GtkLabel           *year_warning;
  GtkSpinButton      *year;
  GtkEditable        *title;
  GtkEditable        *organization;
  GtkWidget          *editor;
  GtkEditable        *item_title;
  GtkEditable        *item_lead;
  GtkEditable        *item_co;
  GtkEditable        *item_deadline;
  GtkWidget          *import_button;
  GtkWidget          *cancel_button;
  GHashTable         *directory;  /* the agency directory's names, as a set */
  GHashTable         *aliases;    /* the directory's aliases: alias → agency name */
  GtkCheckButton     *as_new_plan;
  GtkCheckButton     *into_current;
  GtkDropDown        *into_area;  /* 0: as new areas; then the current plan's areas */
  GArray             *area_ids;   /* gint64, by the drop-down's place */
  gboolean            cascading;  /* a check box's subtree is following it */
};

WpStore     *_wp_report_dialog_store               (WpReportDialog *self);
gboolean     _wp_report_dialog_year_has_plan       (WpReportDialog *self,
                                                    int             year);
WpReportRow *_wp_report_dialog_row_at              (WpReportDialog *self,
                                                    guint           position);
void         _wp_report_dialog_update_summary      (WpReportDialog *self);
gboolean     _wp_report_dialog_row_is_imported     (WpReportDialog *self,
                                                    guint           position);
void         _wp_report_dialog_load_editor         (WpReportDialog *self);
void         _wp_report_dialog_show_draft          (WpReportDialog *self);
void         _wp_report_dialog_on_year_changed     (GtkSpinButton  *spin,
                                                    WpReportDialog *self);
void         _wp_report_dialog_on_item_field_changed (GtkEditable  *editable,
                                                    WpReportDialog *self);
void         _wp_report_dialog_on_source_selection (GtkTextBuffer  *buffer,
                                                    GParamSpec     *pspec,
                                                    WpReportDialog *self);
/* wp-report-dialog-cells.c */
void         _wp_report_dialog_add_column          (WpReportDialog *self,
                                                    const char     *title,
                                                    const char     *property,
                                                    int             width);
void         _wp_report_dialog_add_check_column    (WpReportDialog *self);
/* wp-report-dialog-read.c */
void         _wp_report_dialog_start_reading       (WpReportDialog *self);
/* wp-report-dialog-build.c */
GtkWidget   *_wp_report_dialog_build_review_page   (WpReportDialog *self);
GtkWidget   *_wp_report_dialog_build_reading_page  (WpReportDialog *self);

G_END_DECLS
