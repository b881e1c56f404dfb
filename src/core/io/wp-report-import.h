/* wp-report-import.h: a prose work report → a draft plan
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "wp-enums.h"
#include "wp-store.h"
#include "wp-report-text.h"

G_BEGIN_DECLS

typedef struct _WpReportItem WpReportItem;

/* One item of the draft: what the interchange JSON holds, and where in the
 * source text it came from. */
struct _WpReportItem {
  WpItemKind  kind;
  char       *title;
  char       *description;
  GPtrArray  *lead;       /* char *, agency names */
  GPtrArray  *co;
  char       *due;        /* ISO date or NULL */
  char       *due_label;  /* the words, e.g. 年底前, or "" */
  gboolean    ongoing;
  GPtrArray  *targets;    /* WpTarget */
  GPtrArray  *children;   /* WpReportItem */
  gsize       start;      /* the span in WpReportSource.text */
  gsize       end;
  gboolean    review;     /* the previous year's review, not this year's work */
};

/* How far an import is, from 0 to 1: told now and then, from the thread
 * the import runs in */
typedef void (*WpReportProgressFunc) (double   fraction,
                                      gpointer user_data);

typedef struct {
  int           year;
  const char   *title;         /* NULL: the report's own title */
  const char   *organization;  /* NULL: "" */
  const char  **directory;     /* agency names already known, or NULL */
  GHashTable   *aliases;       /* the directory's aliases: alias → its agency's name, or NULL */
  WpReportProgressFunc progress;  /* or NULL */
  gpointer      progress_data;
} WpReportOptions;

typedef struct {
  int         year;
  char       *title;
  char       *organization;
  GPtrArray  *items;         /* WpReportItem, the areas */
  gboolean    has_review;    /* one area holds the previous year's review */
  gboolean    no_structure;  /* no headings found: one area per paragraph */
  GPtrArray  *agencies;      /* char *, every agency named, in order of appearance */
  GPtrArray  *new_agencies;  /* those not in the directory */
} WpReportDraft;

WpReportDraft *wp_report_import          (const WpReportSource   *source,
                                          const WpReportOptions  *options);
JsonNode      *wp_report_draft_to_json   (const WpReportDraft    *draft);
char          *wp_report_draft_to_string (const WpReportDraft    *draft);
void           wp_report_draft_count     (const WpReportDraft    *draft,
                                          guint                  *areas,
                                          guint                  *tasks,
                                          guint                  *actions);
void           wp_report_draft_free      (WpReportDraft          *draft);
void           wp_report_item_free       (WpReportItem           *item);
int            wp_report_guess_year      (const WpReportSource   *source);
WpReportItem  *wp_report_item_from_span  (const WpReportSource   *source,
                                          gsize                   start,
                                          gsize                   end,
                                          const WpReportOptions  *options);

/* wp-report-write.c: into a plan that exists, under @area_id or as new areas */
gboolean       wp_report_write_items     (WpStore                *store,
                                          gint64                  plan_id,
                                          gint64                  area_id,
                                          GPtrArray              *items,
                                          GError                **error);

/* Exposed for the tests of each rule. */
gboolean       wp_report_is_agency       (const char             *name,
                                          const char            **directory);
void           wp_report_find_agencies   (const char             *text,
                                          const char            **directory,
                                          GPtrArray              *lead,
                                          GPtrArray              *co);
char          *wp_report_owner_agency    (const char             *line);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (WpReportDraft, wp_report_draft_free)

G_END_DECLS
