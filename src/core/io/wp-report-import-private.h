/* wp-report-import-private.h: what the report importer's files share
 *
 * wp-report-import.c reads a report once, or twice, paragraph after
 * paragraph, into a draft; wp-report-import-classify.c says what each
 * paragraph is (a heading, a body, noise, the review);
 * wp-report-import-tree.c builds the areas, tasks and actions of the
 * headings, enumerations and directives; wp-report-import-agencies.c
 * finds the agencies, deadlines and targets an item's words name, and the
 * aliases of one agency; wp-report-import-tables.c reads the task tables
 * of a .docx; wp-report-import-draft.c writes the draft as interchange
 * JSON.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <string.h>

#include "wp-report-import.h"

G_BEGIN_DECLS

#define MAX_DEPTH 8
#define HEADING_MAX_CHARS 32
#define TITLE_MAX_CHARS 60
#define AGENCY_MAX_CHARS 20
/* A paragraph this long says a piece of work, not a transition. */
#define WORK_PARAGRAPH_MIN_CHARS 40

typedef enum {
  STYLE_NONE,
  STYLE_PART,    /* 第一部分, 回顾2024, 总体思路: groups areas, is no item */
  STYLE_SPEECH,  /* a speaker's line, with or without a title above it */
  STYLE_H1,      /* 一、 */
  STYLE_H2,      /* （一） */
  STYLE_H3,      /* 1. */
  STYLE_H4,      /* （1） */
  STYLE_PLAIN,   /* a short standalone line */
  N_STYLES
} Style;

typedef struct {
  gsize   start;
  gsize   end;
  char   *text;       /* without page furniture */
  Style   style;      /* STYLE_NONE: body */
  char   *title;      /* a heading's words, without its number */
  char   *rest;       /* the body a numbered heading runs into, or NULL */
  gsize   rest_start;
  char   *owner;      /* a speech's agency */
  char   *label;      /* a speech's speaker line, below its title */
  gboolean review;
  WpReportCues cues;  /* what a .docx said of it: bold, a heading's font */
  int     outline_level;
  gsize   run_in;     /* bytes of its bold opening, or 0 */
} Para;

typedef struct {
  WpReportItem *item;
  int           rank;
  GPtrArray    *statements;  /* Para *, said under it but no item */
  WpReportItem *enumeration; /* the 一是 item later paragraphs belong to */
} Open;

typedef struct {
  const WpReportSource  *source;
  const WpReportOptions *options;
  WpReportDraft         *draft;
  int                    ranks[N_STYLES];
  int                    n_ranks;
  Open                   open[MAX_DEPTH];
  int                    depth;        /* open[0..depth-1] */
  gboolean               in_review;
  gboolean               review_from_part;
  WpReportItem          *review_area;
  GHashTable            *seen_agencies;
} Ctx;

static inline GRegex *
compile (GRegex     **slot,
         const char  *pattern)
{
  if (g_once_init_enter (slot))
    {
      g_autoptr(GError) error = NULL;
      GRegex *regex = g_regex_new (pattern, G_REGEX_OPTIMIZE, 0, &error);

      g_assert_no_error (error);
      g_once_init_leave (slot, regex);
    }
  return *slot;
}

#define REGEX(pattern) ({ static GRegex *slot_; compile (&slot_, pattern); })

static inline gboolean
matches (GRegex     *regex,
         const char *text)
{
  return g_regex_match (regex, text, 0, NULL);
}

static inline glong
chars (const char *s)
{
  return g_utf8_strlen (s, -1);
}

static inline gboolean
contains (const char *s,
          const char *needle)
{
  return strstr (s, needle) != NULL;
}

/* wp-report-import.c */
void          _wp_report_para_free                  (Para *p);
WpReportItem *_wp_report_item_new                   (const char *title,
                                                     gsize       start,
                                                     gsize       end);
void          _wp_report_append_description         (WpReportItem *item,
                                                     const char   *text);
char         *_wp_report_strip_trailing_punctuation (char *s);
gsize         _wp_report_sentence_length            (const char *s);
char         *_wp_report_make_title                 (const char *text);

/* wp-report-import-agencies.c */
void        _wp_report_add_name           (GPtrArray  *names,
                                           const char *name);
void        _wp_report_find_deadline      (WpReportItem *item,
                                           const char   *text,
                                           int           year);
void        _wp_report_find_targets       (WpReportItem *item,
                                           const char   *text);
void        _wp_report_add_aliases        (GHashTable        *aliases,
                                           const char *const *names,
                                           guint              n);
guint       _wp_report_count_in           (const char *text,
                                           const char *word);
void        _wp_report_rename_names       (GPtrArray  *names,
                                           GHashTable *aliases,
                                           GPtrArray  *taken);
void        _wp_report_rename_agencies    (GPtrArray  *items,
                                           GHashTable *aliases);
gboolean    _wp_report_in_directory       (const char  *name,
                                           const char **directory);
GHashTable *_wp_report_directory_variants (GPtrArray   *names,
                                           const char **directory);

/* wp-report-import-classify.c */
gboolean _wp_report_is_noise        (const char *text);
char    *_wp_report_strip_furniture (const char *text);
void     _wp_report_classify        (Ctx   *ctx,
                                     Para  *p,
                                     Para  *next);

/* wp-report-import-tree.c */
void          _wp_report_note_agencies (Ctx          *ctx,
                                        WpReportItem *item);
void          _wp_report_take_words    (Ctx          *ctx,
                                        WpReportItem *item,
                                        const char   *text);
WpReportItem *_wp_report_add_child     (Ctx          *ctx,
                                        WpReportItem *parent,
                                        int           depth,
                                        const char   *title,
                                        gsize         start,
                                        gsize         end);
void          _wp_report_read_body     (Ctx        *ctx,
                                        const char *text,
                                        gsize       start,
                                        gsize       run_in);
void          _wp_report_close_open    (Ctx *ctx,
                                        int  depth);
int           _wp_report_style_rank    (Ctx   *ctx,
                                        Style  style);
void          _wp_report_open_heading  (Ctx  *ctx,
                                        Para *p);
void          _wp_report_start_review  (Ctx      *ctx,
                                        gsize     start,
                                        gboolean  from_part);
void          _wp_report_end_review    (Ctx *ctx);

/* wp-report-import-tables.c */
void     _wp_report_import_tables    (Ctx *ctx);
gboolean _wp_report_is_table_caption (const WpReportSource    *source,
                                      const WpReportParagraph *p);

G_END_DECLS
