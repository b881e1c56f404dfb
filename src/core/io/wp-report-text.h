/* wp-report-text.h: a work report's text, decoded and cut into paragraphs
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "wp-table.h"

G_BEGIN_DECLS

#define WP_REPORT_ERROR (wp_report_error_quark ())

typedef enum {
  WP_REPORT_ERROR_EMPTY,        /* nothing but white space */
  WP_REPORT_ERROR_BINARY,       /* not text in any encoding we read */
  WP_REPORT_ERROR_TOO_LARGE,
  WP_REPORT_ERROR_UNSUPPORTED,  /* .doc, .wps, .et: old binary formats */
  WP_REPORT_ERROR_DAMAGED,      /* a .docx or .pdf that cannot be read */
  WP_REPORT_ERROR_NO_TEXT,      /* a PDF of scanned pages, without a text layer */
} WpReportError;

/* A .docx or .pdf holds pictures besides its text: the file may be this
 * large, but what its XML unpacks to is bounded by WP_REPORT_MAX_UNPACKED. */
#define WP_REPORT_MAX_FILE_SIZE (100 * 1024 * 1024)
#define WP_REPORT_MAX_UNPACKED (64 * 1024 * 1024)

/* Reports run to a few hundred kilobytes; 5 MB parses in well under a
 * second. 20 MiB leaves room for pasted-together years and refuses a
 * stray video before reading it. */
#define WP_REPORT_MAX_INPUT_SIZE (20 * 1024 * 1024)

/* Cues a reader found on a paragraph. Plain text has none; the .docx and
 * .pdf readers set them from runs and fonts, and the structure rules read
 * them beside the words. */
typedef enum {
  WP_REPORT_CUE_NONE     = 0,
  WP_REPORT_CUE_BOLD     = 1 << 0,  /* the whole paragraph, or its run-in opening */
  WP_REPORT_CUE_HEADING  = 1 << 1,  /* a heading style, larger font, 黑体 or 楷体 */
  WP_REPORT_CUE_CENTERED = 1 << 2,
} WpReportCues;

typedef struct {
  gsize         start;         /* byte offsets into WpReportSource.text */
  gsize         end;
  WpReportCues  cues;
  int           outline_level; /* a Word heading level 0…8, or -1 */
  char         *number;        /* Word's automatic numbering (“一、”), or NULL;
                                * the text starts with it */
  gsize         run_in;        /* bytes of a bold opening (加强…。) the rest
                                * of the paragraph is not, or 0 */
} WpReportParagraph;

/* A task breakdown table (任务分解) inside a .docx: its rows are lines of
 * the text, not paragraphs, and the importer reads them as a sheet. */
typedef struct {
  WpTable  *table;
  char     *caption;      /* the short paragraph above it, or NULL */
  GArray   *row_starts;   /* gsize, where each row's line starts in the text */
  gsize     start;
  gsize     end;
} WpReportTable;

/* The normalised text, one paragraph a line, and its paragraphs. Every
 * span the importer keeps is an offset into @text, so a review can show it. */
typedef struct {
  char      *text;
  gsize      length;
  GArray    *paragraphs;   /* WpReportParagraph */
  char      *encoding;     /* what the input was in, e.g. "GB18030", "docx", "pdf" */
  GPtrArray *tables;       /* WpReportTable, or NULL */
} WpReportSource;

GQuark          wp_report_error_quark        (void);
char           *wp_report_decode             (const char      *data,
                                              gsize            length,
                                              char           **encoding,
                                              GError         **error);
WpReportSource *wp_report_source_new_for_text (const char     *data,
                                              gsize            length,
                                              GError         **error);
WpReportSource *wp_report_source_load        (const char      *path,
                                              GError         **error);
WpReportSource *wp_report_source_new_for_data (const char     *data,
                                              gsize            length,
                                              GError         **error);
WpReportSource *wp_report_source_new_for_docx (const char     *data,
                                              gsize            length,
                                              GError         **error);
WpReportSource *wp_report_source_new_for_pdf  (const char     *data,
                                              gsize            length,
                                              GError         **error);
void            wp_report_source_free        (WpReportSource  *source);

/* For the readers: a paragraph normalised as the text's are, appended to
 * @text and @source's paragraphs; @raw_run_in bytes of @raw are its bold
 * opening. Returns FALSE when nothing was left of it. */
gboolean        _wp_report_source_append     (WpReportSource  *source,
                                              GString         *text,
                                              const char      *raw,
                                              gsize            raw_run_in,
                                              WpReportCues     cues,
                                              int              outline_level,
                                              const char      *number);
char           *_wp_report_normalise_line    (const char      *line);

static inline char *
wp_report_paragraph_dup (const WpReportSource    *source,
                         const WpReportParagraph *p)
{
  return g_strndup (source->text + p->start, p->end - p->start);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (WpReportSource, wp_report_source_free)

G_END_DECLS
