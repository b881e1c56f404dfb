/* wp-briefing-private.h: what the briefing's files share
 *
 * The measuring pass (wp-briefing-layout.c) places every block on its page;
 * the sections (wp-briefing-sections.c) say what the blocks are; the pages
 * are drawn in wp-briefing-draw.c; wp-briefing-pdf.c holds them together
 * and writes the PDF.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <stdio.h>

#include "wp-briefing-pdf.h"
#include "wp-stats.h"

G_BEGIN_DECLS

#define PAGE_WIDTH  595.28  /* A4 in points */
#define PAGE_HEIGHT 841.89
#define MARGIN      50.0
#define FOOTER      24.0
#define FONT        "Noto Sans CJK SC, Noto Sans, sans"

#define N_COLUMNS 8
#define LIGHT_COLUMN 5

#define NOTE_COLUMN 7

/* A laid-out piece of a page: a paragraph, or a table row. A plan of
 * 100,000 items has as many rows: a block is kept small. */
typedef struct {
  double           y;
  double           height;
  int              page;
  int              light;              /* a row's WpLight, for the colour of its cell; -1: none */
  guint32          shared[N_COLUMNS];  /* a shared cell's layout in the briefing's, from 1; 0 */
  char            *texts[2];           /* a paragraph's, or a row's title and note when not
                                          shared and not shaped (in the record): laid out
                                          again when drawn */
  float            size;               /* their font size */
  guint8           bold;
  guint8           row;
  double           shade;              /* grey background of a table row, 0 for none */
  void           (*chart) (cairo_t *cr, WpPlanStats *stats, double width, double height);
} Block;

typedef struct _WpBriefingPlacer WpBriefingPlacer;

struct _WpBriefing {
  PangoContext *pango;    /* while laying out, the placer's alone */
  WpBriefingPlacer *placer;  /* while laying out: what places the blocks */
  GArray       *blocks;   /* Block */
  GPtrArray    *shared;   /* PangoLayout of a short cell, shared by the blocks */
  GPtrArray    *shared_records;  /* GByteArray: their records, once drawn (or %NULL) */
  GHashTable   *shaped[2][N_COLUMNS];  /* [bold][column]: text → its index in shared, from 1 */
  PangoLayout  *cells[2][N_COLUMNS];   /* [bold][column]: the other cells' */
  GHashTable   *paragraphs;  /* GINT_TO_POINTER (size × 2 + bold) → PangoLayout */
  PangoLayout  *footer;
  GArray       *glyphs;    /* cairo_glyph_t: a page's glyphs not shown yet */
  GArray       *clusters;  /* cairo_text_cluster_t */
  GString      *text;
  GHashTable   *fonts;    /* GINT_TO_POINTER (size × 2 + bold) → PangoFontDescription */
  GArray       *page_starts;  /* guint: the first block of each page (from 0), then the end */
  /* The text the measuring pass shaped, as the drawing shows it: a record
   * of each paragraph and of each row's cell not shared, in the blocks'
   * order, in a temporary file (20 MB for 100,000 items). %NULL: laid out
   * again when drawn. */
  FILE         *records;
  GArray       *record_starts;  /* gint64: where each page's records start, then the end */
  GByteArray   *record;         /* a page's records, read back */
  GPtrArray    *record_fonts;   /* cairo_scaled_font_t: a record's fonts, by number */
  GMutex       *fonts_lock;     /* (nullable): theirs, while two threads shape */
  GMutex        fonts_mutex;    /* what it points to */
  /* A Pango context of its own for another thread, set as @pango and
   * giving the same fonts (or %NULL): it shapes ahead while the
   * briefing's is busy, batches of the laying out, then the footers */
  WpBriefing   *helper;
  GThread      *footer_thread;
  GMutex        footer_lock;
  GCond         footer_cond;
  GPtrArray    *footer_records;  /* GByteArray: each page's footer, once shaped */
  gboolean      footers_done;    /* (or stopped) */
  gboolean      records_failed; /* the file could not be written or read back */
  /* The table's header, shaped once: its highest cell not shared, its
   * record (or %NULL) and the cells not in it */
  gboolean      header_shaped;
  double        header_height;
  GByteArray   *header_record;
  guint8        header_unrecorded;
  WpPlanStats  *stats;
  int           last_chart_page;  /* the last page (from 1) with a chart on it, or 0 */
  char         *title;
  double        y;
  int           page;
  gboolean      in_table;
};

typedef WpBriefing Doc;

/* Table columns: share of the width, header. */
typedef struct {
  double      share;
  const char *header;
  gboolean    repeats;   /* the same few texts over and over */
} WpBriefingColumn;

extern const WpBriefingColumn _wp_briefing_columns[N_COLUMNS];

/* What a block may take: a page, less the table header for a row. No block
 * runs over a page, so nothing longer can show. */
#define BODY_HEIGHT     (PAGE_HEIGHT - 2 * MARGIN - FOOTER)
#define ROW_MAX_HEIGHT  (BODY_HEIGHT - 40)
#define CELL_MAX_HEIGHT (ROW_MAX_HEIGHT - 6)

/* The narrowest advance a character can have, in em: a line of a given
 * width holds no more characters than this allows. */
#define MIN_ADVANCE_EM 0.1

/* Pango breaks a line inside a run it cannot break at words (a pasted URL,
 * a row of dashes, a title without spaces) by shaping the rest of the
 * run again, line after line: its cost grows with the square of the run.
 * Runs are cut into pieces of this many characters, which Pango shapes as
 * separate items; the lines break at the same places. */
#define SHAPING_PIECE 128
typedef void (*WpBriefingChart) (cairo_t *cr, WpPlanStats *stats, double width, double height);

PangoLayout *_wp_briefing_new_layout    (Doc             *doc,
                                         const char      *text,
                                         double           size,
                                         gboolean         bold,
                                         double           width,
                                         double           max_height);
PangoLayout *_wp_briefing_cell_layout   (Doc             *doc,
                                         guint            column,
                                         gboolean         bold,
                                         const char      *text);
PangoLayout *_wp_briefing_paragraph_layout (Doc          *doc,
                                            const char   *text,
                                            double        size,
                                            gboolean      bold);
double       _wp_briefing_layout_height (PangoLayout     *layout);
void         _wp_briefing_need          (Doc             *doc,
                                         double           height);
void         _wp_briefing_text_block    (Doc             *doc,
                                         const char      *text,
                                         double           size,
                                         gboolean         bold,
                                         double           gap_after);
void         _wp_briefing_table_row     (Doc             *doc,
                                         const char     **cells,
                                         gboolean         bold,
                                         double           shade,
                                         int              light);
void         _wp_briefing_table_header  (Doc             *doc);
void         _wp_briefing_end_table     (Doc             *doc);
void         _wp_briefing_skip          (Doc             *doc,
                                         double           height);
void         _wp_briefing_start_placing (Doc             *doc,
                                         gboolean         threaded);
void         _wp_briefing_end_placing   (Doc             *doc);
void         _wp_briefing_free_helper   (Doc             *helper);
void         _wp_briefing_start_footers (Doc             *doc);
void         _wp_briefing_stop_footers  (Doc             *doc);
void         _wp_briefing_chart_block   (Doc             *doc,
                                         WpBriefingChart  chart,
                                         WpPlanStats     *stats,
                                         double           height,
                                         double           gap_after);
void         _wp_briefing_block_clear   (Block           *block);
void         _wp_briefing_add_record    (Doc             *doc,
                                         int              page,
                                         GByteArray      *record);
gboolean     _wp_briefing_record_layout (Doc             *doc,
                                         PangoLayout     *layout,
                                         GByteArray      *record);
PangoLayout *_wp_briefing_block_shared  (Doc             *doc,
                                         const Block     *block,
                                         guint            column);
const char  *_wp_briefing_block_text    (const Block     *block,
                                         guint            column);

void         _wp_briefing_lay_out       (Doc             *doc,
                                         WpStore         *store,
                                         WpPlan          *plan,
                                         WpPlanStats     *stats,
                                         const char      *agency,
                                         const char      *edited_summary);

/* wp-briefing-layout.c: placing blocks (wp-briefing-threads.c calls them in order) */
/* What shaping a paragraph, or a row's cells not shared, gave: done in
 * the placing thread, or before in a helper's (wp-briefing-threads.c) */
typedef struct {
  gboolean    done;
  double      height;    /* a paragraph's; the highest cell's not shared */
  GByteArray *record;    /* (nullable): without a file of records */
  guint8      unrecorded;  /* the cells (a paragraph: 1) laid out again when drawn */
} Shaped;

void _wp_briefing_make_room          (Doc    *doc,
                                      double  height);
void _wp_briefing_place_table_header (Doc *doc);
void _wp_briefing_shape_text         (Doc        *doc,
                                      const char *text,
                                      double      size,
                                      gboolean    bold,
                                      gboolean    recording,
                                      Shaped     *shaped);
void _wp_briefing_place_table_row    (Doc         *doc,
                                      const char **cells,
                                      gboolean     bold,
                                      double       shade,
                                      int          light,
                                      Shaped      *shaped);
void _wp_briefing_place_chart_block  (Doc             *doc,
                                      WpBriefingChart  chart,
                                      double           height,
                                      double           gap_after);
void _wp_briefing_shape_row          (Doc         *doc,
                                      const char **cells,
                                      gboolean     bold,
                                      gboolean     recording,
                                      Shaped      *shaped);
void _wp_briefing_place_text_block   (Doc        *doc,
                                      const char *text,
                                      double      size,
                                      gboolean    bold,
                                      double      gap_after,
                                      Shaped     *shaped);

G_END_DECLS
