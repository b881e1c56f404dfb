/* wp-report-docx-private.h: what the .docx reader's files share
 *
 * wp-report-docx.c opens the package and its parts and makes the
 * WpReportSource; wp-report-docx-styles.c reads styles.xml and
 * numbering.xml and draws Word's numbers; wp-report-docx-body.c reads
 * document.xml: its paragraphs, runs and tables.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <libxml/xmlreader.h>

#include "wp-report-text.h"
#include "wp-table.h"
#include "wp-zip-xml.h"

G_BEGIN_DECLS

#define MAX_STYLE_CHAIN 16
#define MAX_LEVELS 9
/* A run-in heading is a phrase, not half a paragraph. */
#define RUN_IN_MAX_CHARS 40

typedef struct {
  int   bold;       /* -1: not said */
  int   size;       /* half-points, 0: not said */
  char *font;       /* the East Asian font, or NULL */
} RunProps;

typedef struct {
  char    *based_on;
  char    *name;
  RunProps run;
  int      outline_level;  /* -1 */
  char    *num_id;         /* a heading style's numbering, or NULL */
  int      ilvl;
} Style;

typedef struct {
  char *format;   /* numFmt */
  char *text;     /* lvlText */
  int   start;
  char *suffix;   /* tab, space, nothing */
} Level;

typedef struct {
  Level levels[MAX_LEVELS];
  int   counters[MAX_LEVELS];
  int   last_level;
} AbstractNum;

typedef struct {
  char *abstract_id;
  int   start_override[MAX_LEVELS];  /* 0: none */
  gboolean started;
} Num;

typedef struct {
  GString      *text;
  char         *number;
  gsize         bold_prefix;  /* bytes of text, from the start, all bold */
  gboolean      bold_open;    /* every run so far bold */
  glong         n_chars;
  glong         bold_chars;
  GHashTable   *fonts;        /* font → chars */
  GHashTable   *sizes;        /* size → chars */
  int           outline_level;
  gboolean      centered;
  gboolean      heading_style;
} Para;

typedef struct {
  GPtrArray *paras;       /* Para *, every paragraph of the table in order */
  WpTable   *table;
  GPtrArray *row_texts;   /* char *, a row's cells joined */
} Table;

typedef struct {
  gboolean is_table;
  Para    *para;
  Table   *table;
} Block;

typedef struct {
  WpZipXml    package;
  GHashTable *styles;     /* id → Style * */
  RunProps    defaults;
  GHashTable *abstracts;  /* id → AbstractNum * */
  GHashTable *nums;       /* id → Num * */
  GArray     *blocks;     /* Block */
  GHashTable *fonts;      /* font → chars, all the body */
  GHashTable *sizes;
} Doc;

typedef WpZipXmlPart Part;

#define open_part(doc, part, name, optional, error) \
  wp_zip_xml_open_part (&(doc)->package, (part), (name), (optional), (error))
#define close_part wp_zip_xml_close_part
#define next_node wp_zip_xml_next

#define is_element wp_zip_xml_is_element

/* wp-report-docx.c */
Para    *_wp_docx_para_new          (void);
void     _wp_docx_para_free         (Para *p);
void     _wp_docx_table_free        (Table *t);
gboolean _wp_docx_is_end            (xmlTextReaderPtr  reader,
                                     const char       *name);
gboolean _wp_docx_skipping          (xmlTextReaderPtr  reader,
                                     int              *skip_depth);
char    *_wp_docx_attribute         (xmlTextReaderPtr  reader,
                                     const char       *name);
void     _wp_docx_take_value        (xmlTextReaderPtr   reader,
                                     char             **slot);
int      _wp_docx_int_attribute     (xmlTextReaderPtr  reader,
                                     const char       *name,
                                     int               fallback);
void     _wp_docx_read_run_property (xmlTextReaderPtr  reader,
                                     RunProps         *props);

/* wp-report-docx-styles.c */
gboolean _wp_docx_read_styles     (Doc     *doc,
                                   GError **error);
gboolean _wp_docx_read_numbering  (Doc     *doc,
                                   GError **error);
guint    _wp_docx_style_chain     (Doc        *doc,
                                   const char *id,
                                   Style     **chain);
void     _wp_docx_style_run_props (Doc        *doc,
                                   const char *id,
                                   RunProps   *props);
char    *_wp_docx_next_number     (Doc        *doc,
                                   const char *num_id,
                                   int         ilvl);

/* wp-report-docx-body.c */
gpointer _wp_docx_most          (GHashTable *table);
gboolean _wp_docx_read_document (Doc     *doc,
                                 GError **error);

G_END_DECLS
