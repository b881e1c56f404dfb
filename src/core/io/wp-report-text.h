/* wp-report-text.h: a work report's text, decoded and cut into paragraphs
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define WP_REPORT_ERROR (wp_report_error_quark ())

typedef enum {
  WP_REPORT_ERROR_EMPTY,        /* nothing but white space */
  WP_REPORT_ERROR_BINARY,       /* not text in any encoding we read */
  WP_REPORT_ERROR_TOO_LARGE,
  WP_REPORT_ERROR_UNSUPPORTED,  /* .doc, .wps, and for now .docx and .pdf */
} WpReportError;

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
  char         *number;        /* Word's automatic numbering (“一、”), or NULL */
} WpReportParagraph;

/* The normalised text, one paragraph a line, and its paragraphs. Every
 * span the importer keeps is an offset into @text, so a review can show it. */
typedef struct {
  char      *text;
  gsize      length;
  GArray    *paragraphs;   /* WpReportParagraph */
  char      *encoding;     /* what the input was in, e.g. "GB18030" */
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
void            wp_report_source_free        (WpReportSource  *source);

static inline char *
wp_report_paragraph_dup (const WpReportSource    *source,
                         const WpReportParagraph *p)
{
  return g_strndup (source->text + p->start, p->end - p->start);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (WpReportSource, wp_report_source_free)

G_END_DECLS
