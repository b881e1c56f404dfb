/* wp-briefing-pdf.c: the progress briefing (工作进展通报) as an A4 PDF
 *
 * Title, date and organisation; the drafted summary; a table of every item
 * by area (title, lead and supporting agencies, deadline, status, light,
 * progress, latest progress note) whose header repeats on each page; the
 * overdue and at-risk items, each with the late work under it; once
 * milestones are due, the breakdown against them and the items behind;
 * page numbers.
 * Text is laid out with Pango, so Chinese wraps at characters and the CJK
 * font is embedded. A measuring pass first places every block (a paragraph
 * or a table row) on its page, so that the pages can be counted for "page
 * N of M", and keeps only its height, place and text: a plan of 100,000
 * items kept 200,000 layouts alive. Then the pages are drawn one by one,
 * their text laid out again. Cells whose texts repeat row after row
 * (agencies, deadlines, statuses, percentages, an empty note) are shaped
 * once for both passes. No piece of text costs more than a page of it: no
 * block runs over a page, longer text ends in an ellipsis.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <cairo-pdf.h>
#include <glib/gstdio.h>
#include <glib/gi18n-lib.h>
#include <pango/pangocairo.h>

#include "wp-briefing-pdf.h"
#include "wp-charts.h"
#include "wp-deadline.h"
#include "wp-output.h"
#include "wp-sheet.h"
#include "wp-stats.h"
#include "wp-store-walk.h"
#include "wp-tracking.h"

#define PAGE_WIDTH  595.28  /* A4 in points */
#define PAGE_HEIGHT 841.89
#define MARGIN      50.0
#define FOOTER      24.0
#define FONT        "Noto Sans CJK SC, Noto Sans, sans"

#define N_COLUMNS 8
#define LIGHT_COLUMN 5

/* A laid-out piece of a page: a paragraph, or a table row. */
typedef struct {
  int          page;
  double       y;
  double       height;
  PangoLayout *layouts[N_COLUMNS];  /* a shared cell's, or NULL */
  char        *texts[N_COLUMNS];    /* the others' (a paragraph's first), laid out again
                                       when drawn */
  double       size;                /* their font size */
  gboolean     bold;
  gboolean     row;
  double       shade;               /* grey background of a table row, 0 for none */
  int          light;               /* a row's WpLight, for the colour of its cell; -1: none */
  void       (*chart) (cairo_t *cr, WpPlanStats *stats, double width, double height);
  WpPlanStats *stats;
} Block;

struct _WpBriefing {
  PangoContext *pango;
  GArray       *blocks;   /* Block */
  GHashTable   *shaped;   /* "column|bold|text" → PangoLayout of a short cell */
  GHashTable   *fonts;    /* GINT_TO_POINTER (size × 2 + bold) → PangoFontDescription */
  GArray       *page_starts;  /* guint: the first block of each page (from 0), then the end */
  WpPlanStats  *stats;
  int           last_chart_page;  /* the last page (from 1) with a chart on it, or 0 */
  char         *title;
  double        y;
  int           page;
  gboolean      in_table;
};

typedef WpBriefing Doc;

/* Table columns: share of the width, header. */
static const struct {
  double      share;
  const char *header;
  gboolean    repeats;   /* the same few texts over and over */
} columns[N_COLUMNS] = {
  { 0.23, N_("Item"), FALSE },
  { 0.12, N_("Lead agency"), TRUE },
  { 0.12, N_("Supporting agencies"), TRUE },
  { 0.09, N_("Deadline"), TRUE },
  { 0.08, N_("Status"), TRUE },
  { 0.08, N_("Status light"), TRUE },
  { 0.07, N_("Progress"), TRUE },
  { 0.21, N_("Latest progress note"), FALSE },
};

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

/* @text cut to the characters a block of @width × @max_height can show in
 * a font of @size, with an ellipsis where it was cut. */
static char *
bounded_text (const char *text,
              double      size,
              double      width,
              double      max_height)
{
  gsize max_chars = (gsize) (max_height / size + 1) * (gsize) (width / (size * MIN_ADVANCE_EM) + 1);
  const char *end = text;

  if (strlen (text) <= max_chars)
    return g_strdup (text);  /* a character is at least a byte */
  for (gsize n = 0; n < max_chars && *end != '\0'; n++)
    end = g_utf8_next_char (end);
  if (*end == '\0')
    return g_strdup (text);
  return g_strdup_printf ("%.*s…", (int) (end - text), text);
}

/* Gives the long runs of @text, those without a space or a CJK character
 * to break at, a boundary of shaping items every SHAPING_PIECE characters:
 * an attribute that changes nothing visible (letter spacing of 0 and 1/1024
 * pt in turn) but ends an item. Pieces start only where a character does
 * not attach to the one before. */
static void
split_long_runs (PangoLayout *layout,
                 const char  *text)
{
  g_autoptr(PangoAttrList) attrs = NULL;
  const char *piece = text;
  gunichar previous = 0;
  guint n = 0, n_pieces = 0;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c) || g_unichar_iswide (c))
        {
          piece = g_utf8_next_char (p);
          n = 0;
        }
      else if (++n > SHAPING_PIECE && !g_unichar_ismark (c) && c != 0x200D && previous != 0x200D)
        {
          PangoAttribute *attr = pango_attr_letter_spacing_new (n_pieces++ % 2);

          attr->start_index = piece - text;
          attr->end_index = p - text;
          if (attrs == NULL)
            attrs = pango_attr_list_new ();
          pango_attr_list_insert (attrs, attr);
          piece = p;
          n = 1;
        }
      previous = c;
    }
  if (attrs != NULL)
    pango_layout_set_attributes (layout, attrs);
}

/* A paragraph of @text, at most @max_height high: what does not fit ends in
 * an ellipsis. Its cost is bounded by what it can show. */
static PangoLayout *
new_layout (Doc        *doc,
            const char *text,
            double      size,
            gboolean    bold,
            double      width,
            double      max_height)
{
  PangoLayout *layout = pango_layout_new (doc->pango);
  gpointer key = GINT_TO_POINTER ((int) (size * 2) * 2 + (bold != FALSE));
  PangoFontDescription *font = g_hash_table_lookup (doc->fonts, key);
  g_autofree char *shown = bounded_text (text, size, width, max_height);

  /* (parsed once: a table row asked for it eight times) */
  if (font == NULL)
    {
      font = pango_font_description_from_string (FONT);
      pango_font_description_set_size (font, (int) (size * PANGO_SCALE));
      if (bold)
        pango_font_description_set_weight (font, PANGO_WEIGHT_BOLD);
      g_hash_table_insert (doc->fonts, key, font);
    }
  pango_layout_set_font_description (layout, font);
  pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_height (layout, (int) (max_height * PANGO_SCALE));
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  pango_layout_set_text (layout, shown, -1);
  split_long_runs (layout, shown);
  return layout;
}

static double
layout_height (PangoLayout *layout)
{
  int w, h;

  pango_layout_get_size (layout, &w, &h);
  return (double) h / PANGO_SCALE;
}

static void draw_table_header (Doc *doc);

static void
new_page (Doc *doc)
{
  doc->page++;
  doc->y = MARGIN;
  if (doc->in_table)
    draw_table_header (doc);
}

/* Makes room for @height, starting a page when it does not fit. */
static void
need (Doc    *doc,
      double  height)
{
  if (doc->y + height > PAGE_HEIGHT - MARGIN - FOOTER && doc->y > MARGIN + 1)
    new_page (doc);
}

static void
text_block (Doc        *doc,
            const char *text,
            double      size,
            gboolean    bold,
            double      gap_after)
{
  g_autoptr(PangoLayout) layout = new_layout (doc, text, size, bold, PAGE_WIDTH - 2 * MARGIN,
                                              BODY_HEIGHT);
  Block block = { 0 };

  block.texts[0] = g_strdup (text);
  block.size = size;
  block.bold = bold;
  block.height = layout_height (layout);
  need (doc, block.height);
  block.page = doc->page;
  block.y = doc->y;
  g_array_append_val (doc->blocks, block);
  doc->y += block.height + gap_after;
}

/* One table row of cells; a shaded background for headers and areas. */
static void
table_row (Doc         *doc,
           const char **cells,
           gboolean     bold,
           double       shade,
           int          light)
{
  double width = PAGE_WIDTH - 2 * MARGIN;
  Block block = { 0 };

  block.row = TRUE;
  block.shade = shade;
  block.light = light;
  block.size = 8;
  block.bold = bold;
  for (guint i = 0; i < N_COLUMNS; i++)
    {
      const char *text = cells[i] ? cells[i] : "";

      /* Agencies, deadlines, statuses and percentages repeat row after
       * row, and so does a note where there is none: shape each once and
       * share the layout. */
      if (columns[i].repeats || text[0] == '\0')
        {
          g_autofree char *key = g_strdup_printf ("%u|%d|%s", i, bold, text);
          PangoLayout *layout = g_hash_table_lookup (doc->shaped, key);

          if (layout == NULL)
            {
              layout = new_layout (doc, text, 8, bold, columns[i].share * width - 6,
                                  CELL_MAX_HEIGHT);
              g_hash_table_insert (doc->shaped, g_steal_pointer (&key), layout);
            }
          block.layouts[i] = g_object_ref (layout);
        }
      else
        {
          g_autoptr(PangoLayout) layout = new_layout (doc, text, 8, bold,
                                                      columns[i].share * width - 6,
                                                      CELL_MAX_HEIGHT);

          block.texts[i] = g_strdup (text);
          block.height = MAX (block.height, layout_height (layout));
          continue;
        }
      block.height = MAX (block.height, layout_height (block.layouts[i]));
    }
  block.height += 6;

  need (doc, block.height);
  block.page = doc->page;
  block.y = doc->y;
  g_array_append_val (doc->blocks, block);
  doc->y += block.height;
}

/* A chart block: drawn by the core's chart code, as on screen. */
static void
chart_block (Doc         *doc,
             void       (*chart) (cairo_t *, WpPlanStats *, double, double),
             WpPlanStats *stats,
             double       height,
             double       gap_after)
{
  Block block = { 0 };

  block.chart = chart;
  block.stats = stats;
  block.height = height;
  need (doc, height);
  block.page = doc->page;
  doc->last_chart_page = doc->page;
  block.y = doc->y;
  g_array_append_val (doc->blocks, block);
  doc->y += height + gap_after;
}

static void
overview_chart (cairo_t     *cr,
                WpPlanStats *stats,
                double       width,
                double       height)
{
  double half = (width - 24) / 2;

  wp_chart_draw_status (cr, &stats->counts, half, height);
  cairo_save (cr);
  cairo_translate (cr, half + 24, 0);
  wp_chart_draw_trend (cr, stats->done_by_month, half, height);
  cairo_restore (cr);
}

static void
areas_chart (cairo_t     *cr,
             WpPlanStats *stats,
             double       width,
             double       height)
{
  wp_chart_draw_bars (cr, stats->areas, G_MAXUINT, width);
}

/* The breakdown against the milestones (形象进度), as in the progress view */
#define PACE_MAX_AGENCIES 12

static void
pace_areas_chart (cairo_t     *cr,
                  WpPlanStats *stats,
                  double       width,
                  double       height)
{
  wp_chart_draw_pace (cr, stats->areas, G_MAXUINT, width);
}

static void
pace_agencies_chart (cairo_t     *cr,
                     WpPlanStats *stats,
                     double       width,
                     double       height)
{
  wp_chart_draw_pace (cr, stats->agencies, PACE_MAX_AGENCIES, width);
}

/* Column @i's layout of @block: shared, or made again as it was measured */
static PangoLayout *
block_layout (Doc         *doc,
              const Block *block,
              guint        i)
{
  double width = PAGE_WIDTH - 2 * MARGIN;

  if (block->layouts[i] != NULL)
    return g_object_ref (block->layouts[i]);
  if (!block->row)
    return new_layout (doc, block->texts[0], block->size, block->bold, width, BODY_HEIGHT);
  return new_layout (doc, block->texts[i], 8, block->bold, columns[i].share * width - 6,
                     CELL_MAX_HEIGHT);
}

static void
draw_block (Doc         *doc,
            cairo_t     *cr,
            const Block *block)
{
  double width = PAGE_WIDTH - 2 * MARGIN, x = MARGIN;

  if (block->chart != NULL)
    {
      cairo_save (cr);
      cairo_translate (cr, MARGIN, block->y);
      block->chart (cr, block->stats, width, block->height);
      cairo_restore (cr);
      return;
    }

  if (!block->row)
    {
      g_autoptr(PangoLayout) layout = block_layout (doc, block, 0);

      cairo_set_source_rgb (cr, 0, 0, 0);
      cairo_move_to (cr, MARGIN, block->y);
      pango_cairo_show_layout (cr, layout);
      return;
    }

  if (block->shade > 0)
    {
      cairo_set_source_rgb (cr, 1 - block->shade, 1 - block->shade, 1 - block->shade);
      cairo_rectangle (cr, MARGIN, block->y, width, block->height);
      cairo_fill (cr);
    }
  cairo_set_source_rgb (cr, 0.75, 0.75, 0.75);
  cairo_set_line_width (cr, 0.5);
  cairo_move_to (cr, MARGIN, block->y + block->height);
  cairo_line_to (cr, MARGIN + width, block->y + block->height);
  cairo_stroke (cr);
  for (guint i = 0; i < N_COLUMNS; x += columns[i].share * width, i++)
    {
      g_autoptr(PangoLayout) layout = NULL;

      /* (an empty cell, most notes of a large plan, draws nothing) */
      if (block->layouts[i] != NULL ? pango_layout_get_text (block->layouts[i])[0] == '\0'
                                    : block->texts[i][0] == '\0')
        continue;
      layout = block_layout (doc, block, i);
      /* The light's word in its colour, as the outline's dot */
      if (i == LIGHT_COLUMN && block->light == WP_LIGHT_RED)
        cairo_set_source_rgb (cr, 0.78, 0.11, 0.16);
      else if (i == LIGHT_COLUMN && block->light == WP_LIGHT_YELLOW)
        cairo_set_source_rgb (cr, 0.72, 0.45, 0.0);
      else if (i == LIGHT_COLUMN && block->light == WP_LIGHT_GREEN)
        cairo_set_source_rgb (cr, 0.15, 0.52, 0.25);
      else
        cairo_set_source_rgb (cr, 0, 0, 0);
      cairo_move_to (cr, x + 3, block->y + 3);
      pango_cairo_show_layout (cr, layout);
    }
}

static void
draw_footer (Doc     *doc,
             cairo_t *cr,
             int      page,
             int      pages)
{
  /* Translators: page footer of the briefing, e.g. "第 2 页，共 5 页" */
  g_autofree char *number = g_strdup_printf (_("Page %d of %d"), page, pages);
  g_autoptr(PangoLayout) layout = new_layout (doc, number, 8, FALSE, PAGE_WIDTH - 2 * MARGIN,
                                              FOOTER);

  pango_layout_set_alignment (layout, PANGO_ALIGN_CENTER);
  cairo_set_source_rgb (cr, 0.4, 0.4, 0.4);
  cairo_move_to (cr, MARGIN, PAGE_HEIGHT - MARGIN + 8);
  pango_cairo_show_layout (cr, layout);
}

static void
block_clear (Block *block)
{
  for (guint i = 0; i < N_COLUMNS; i++)
    {
      g_clear_object (&block->layouts[i]);
      g_clear_pointer (&block->texts[i], g_free);
    }
}

static void
draw_table_header (Doc *doc)
{
  const char *cells[N_COLUMNS];

  for (guint i = 0; i < N_COLUMNS; i++)
    cells[i] = _(columns[i].header);
  doc->in_table = FALSE;  /* the header itself must not repeat the header */
  table_row (doc, cells, TRUE, 0.12, -1);
  doc->in_table = TRUE;
}

/* The table's rows, read in one walk of the plan: each item's own fields
 * from the walk, what it rolls up to from the plan's facts (as the outline
 * shows it), its latest note from the plan's notes. */
typedef struct {
  Doc               *doc;
  const char        *agency;  /* (nullable): only the items it leads or supports */
  const WpPlanFacts *facts;
  GHashTable        *notes;   /* gint64 item id → GPtrArray of WpNote, by date */
} ItemRows;

/* As wp_sheet_latest_note() writes it */
static char *
latest_note (GHashTable *notes,
             gint64      item_id)
{
  GPtrArray *list = g_hash_table_lookup (notes, &item_id);
  WpNote *note;
  g_autofree char *date = NULL;

  if (list == NULL || list->len == 0)
    return g_strdup ("");
  note = g_ptr_array_index (list, list->len - 1);
  date = wp_date_format_display (&note->date);
  return g_strdup_printf ("%s %s", date, note->text);
}

static gboolean
item_row (const WpItemRow  *row,
          gpointer          user_data,
          GError          **error)
{
  ItemRows *rows = user_data;
  const WpItemFacts *f = wp_plan_facts_lookup (rows->facts, row->id);
  gboolean involved = rows->agency == NULL
                      || g_strv_contains (row->lead, rows->agency)
                      || g_strv_contains (row->co, rows->agency);
  g_autofree char *indent = NULL;
  g_autofree char *title = NULL;
  g_autofree char *leads = NULL;
  g_autofree char *cos = NULL;
  g_autofree char *date = NULL;
  g_autofree char *progress = NULL;
  g_autofree char *note = NULL;
  const char *status, *light_label;
  WpLight light;

  /* (an agency's briefing lists the areas, and of the rest its own) */
  if (f == NULL || (row->depth > 0 && !involved))
    return TRUE;
  indent = g_strnfill (row->depth * 2, ' ');
  title = g_strconcat (indent, row->title, NULL);
  leads = g_strjoinv ("、", (char **) row->lead);
  cos = g_strjoinv ("、", (char **) row->co);
  date = wp_date_format_display (&row->due);
  progress = g_strdup_printf (_("%d%%"), f->progress);
  note = latest_note (rows->notes, row->id);
  /* An agency's own light, not one red only through another agency's
   * action; the status as wp_item_get_status_label() words it */
  light = rows->agency != NULL ? f->agency_light : f->light;
  status = row->carried_forward ? C_("status", "Carried over")
                                : wp_item_status_to_label (f->status);
  light_label = row->carried_forward ? status : wp_light_to_label (light);

  {
    const char *cells[] = {
      title, leads, cos, row->due_label[0] ? row->due_label : date, status, light_label,
      progress, note,
    };

    table_row (rows->doc, cells, row->depth == 0, row->depth == 0 ? 0.05 : 0, light);
  }
  return TRUE;
}

/* One line of the overdue or at-risk list: "N. title — lead, due …, 40%" */
static char *
listed_line (const char *number,
             WpItem     *item)
{
  g_autofree char *leads = g_strjoinv ("、", (char **) wp_item_get_lead_agencies (item));
  g_autofree char *date = wp_date_format_display (wp_item_get_due (item));
  const char *due = wp_item_get_due_label (item)[0] ? wp_item_get_due_label (item) : date;

  if (due[0] == '\0')
    /* Translators: a listed item without a deadline in the briefing: number,
     * title, lead agency, progress */
    return g_strdup_printf (_("%s %s — %s, %d%%"), number, wp_item_get_title (item), leads,
                            wp_item_get_effective_progress (item));
  /* Translators: a listed item in the briefing: number, title, lead agency,
   * deadline, progress */
  return g_strdup_printf (_("%s %s — %s, due %s, %d%%"), number, wp_item_get_title (item), leads,
                          due, wp_item_get_effective_progress (item));
}

/* The counted items behind their milestone: "N. title — lead, expected
 * 50%, actual 30%", furthest behind first */
static void
behind_items (Doc         *doc,
              WpPlanStats *stats)
{
  if (stats->behind->len == 0)
    return;
  text_block (doc, _("Items Behind Their Milestone"), 12, TRUE, 6);
  for (guint i = 0; i < stats->behind->len; i++)
    {
      WpItemBehind *behind = g_ptr_array_index (stats->behind, i);
      g_autofree char *leads = g_strjoinv ("、", (char **) wp_item_get_lead_agencies (
                                                              behind->item));
      /* Translators: an item behind its milestone in the briefing: number,
       * title, lead agency, the progress expected by now and its own */
      g_autofree char *line = g_strdup_printf (_("%u. %s — %s, expected %d%%, actual %d%%"),
                                               i + 1, wp_item_get_title (behind->item), leads,
                                               behind->expected, behind->progress);

      text_block (doc, line, 9, FALSE, 4);
    }
  doc->y += 12;
}

/* The counted items of a list (overdue, at risk), each with the work under
 * it that makes it so, indented */
static void
listed_items (Doc         *doc,
              WpPlanStats *stats,
              GPtrArray   *items,
              const char  *heading)
{
  if (items->len == 0)
    return;
  text_block (doc, heading, 12, TRUE, 6);
  for (guint i = 0; i < items->len; i++)
    {
      WpItem *item = g_ptr_array_index (items, i);
      GPtrArray *below = wp_plan_stats_get_below (stats, item);
      g_autofree char *number = g_strdup_printf ("%u.", i + 1);
      g_autofree char *line = listed_line (number, item);

      text_block (doc, line, 9, FALSE, below != NULL ? 2 : 4);
      for (guint k = 0; below != NULL && k < below->len; k++)
        {
          g_autofree char *work = listed_line ("    ↳", g_ptr_array_index (below, k));

          text_block (doc, work, 9, FALSE, k + 1 == below->len ? 4 : 2);
        }
    }
  doc->y += 12;
}

static int
compare_ids (gconstpointer a,
             gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return (x > y) - (x < y);
}

/* The year-end check (年终核查), once there is one: when the plan was
 * checked, and each unfinished item with the reason given for it */
static void
year_end_check (Doc        *doc,
                WpStore    *store,
                WpPlan     *plan,
                const char *agency)
{
  g_autoptr(GHashTable) closeouts = NULL;
  g_autoptr(GHashTable) attachments = NULL;
  g_autoptr(GHashTable) reasons = NULL;
  g_autoptr(GList) ids = NULL;
  g_autofree char *checked = wp_store_get_plan_checked (store, wp_plan_get_id (plan), NULL);
  guint n = 0;

  if (!wp_store_list_plan_tracking (store, wp_plan_get_id (plan), &closeouts, &attachments,
                                    &reasons, NULL)
      || (checked == NULL && g_hash_table_size (reasons) == 0))
    return;

  text_block (doc, _("Year-end Check"), 12, TRUE, 6);
  if (checked != NULL)
    {
      GDate day;
      g_autofree char *when = NULL;
      g_autofree char *line = NULL;

      g_date_clear (&day, 1);
      wp_date_from_iso (checked, &day);
      when = wp_date_format_display (&day);
      /* Translators: in the briefing: the day the year-end check was done */
      line = g_strdup_printf (_("Checked on %s. The unfinished items and why:"), when);
      text_block (doc, line, 9, FALSE, 6);
    }
  else
    text_block (doc, _("Not finished yet. The unfinished items explained so far:"), 9, FALSE,
                6);

  ids = g_hash_table_get_keys (reasons);
  ids = g_list_sort (ids, (GCompareFunc) compare_ids);
  for (GList *l = ids; l != NULL; l = l->next)
    {
      g_autoptr(WpItem) item = wp_store_get_item (store, *(gint64 *) l->data, NULL);
      g_autofree char *line = NULL;

      if (item == NULL || (agency != NULL && !wp_sheet_involves (item, agency)))
        continue;
      /* Translators: an unfinished item in the briefing's year-end check:
       * number, title, the reason it was not finished */
      line = g_strdup_printf (_("%u. %s — %s"), ++n, wp_item_get_title (item),
                              (const char *) g_hash_table_lookup (reasons, l->data));
      text_block (doc, line, 9, FALSE, 4);
    }
  doc->y += 12;
}

static void
lay_out (Doc         *doc,
         WpStore     *store,
         WpPlan      *plan,
         WpPlanStats *stats,
         const char  *agency,
         const char  *edited_summary)
{
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *as_of = wp_date_format_display (&stats->as_of);
  g_autofree char *summary = edited_summary
                             ? g_strdup (edited_summary)
                             : wp_plan_stats_compose_summary (stats, wp_plan_get_title (plan));

  doc->page = 1;
  doc->y = MARGIN;
  doc->in_table = FALSE;

  /* Translators: the briefing's title: the plan's title */
  title = g_strdup_printf (_("%s — Progress Briefing"), wp_plan_get_title (plan));
  text_block (doc, title, 16, TRUE, 6);
  /* Translators: under the briefing's title: organisation, date, agency */
  subtitle = agency
             ? g_strdup_printf (_("%s · as of %s · items of %s"), wp_plan_get_organization (plan),
                                as_of, agency)
             : g_strdup_printf (_("%s · as of %s"), wp_plan_get_organization (plan), as_of);
  text_block (doc, subtitle, 9, FALSE, 4);
  text_block (doc, wp_plan_stats_describe_unit (stats), 8, FALSE, 14);

  text_block (doc, summary, 10, FALSE, 16);

  if (stats->counts.total == 0 && stats->areas->len == 0)
    return;

  chart_block (doc, overview_chart, stats, 130, 16);
  chart_block (doc, areas_chart, stats, wp_chart_bars_height (stats->areas->len), 16);

  /* Once milestones are due: how the items stand against them */
  if (wp_counts_have_milestones (&stats->counts))
    {
      g_autofree char *counts = wp_counts_describe_pace (&stats->counts);
      /* Translators: under the briefing's milestone heading: the counts */
      g_autofree char *line = g_strdup_printf (_("%s."), counts);

      /* (the heading starts a page rather than end one without its chart) */
      need (doc, 60 + wp_chart_pace_height (stats->areas->len));
      text_block (doc, _("Against the Milestones"), 12, TRUE, 6);
      text_block (doc, line, 9, FALSE, 8);
      text_block (doc, _("By Area"), 10, TRUE, 4);
      chart_block (doc, pace_areas_chart, stats, wp_chart_pace_height (stats->areas->len), 8);
      text_block (doc, _("By Lead Agency"), 10, TRUE, 4);
      chart_block (doc, pace_agencies_chart, stats,
                   wp_chart_pace_height (MIN (stats->agencies->len, PACE_MAX_AGENCIES)), 16);
    }

  if (stats->targets->len > 0)
    {
      text_block (doc, _("Targets"), 12, TRUE, 6);
      for (guint i = 0; i < stats->targets->len; i++)
        {
          WpItemTarget *pair = g_ptr_array_index (stats->targets, i);
          g_autofree char *values = wp_target_format_values (pair->target);
          g_autofree char *line = g_strdup_printf (
            /* Translators: a target in the briefing: number, label, values, item */
            _("%u. %s: %s — %s"), i + 1, pair->target->label, values,
            wp_item_get_title (pair->item));

          text_block (doc, line, 9, FALSE, i + 1 == stats->targets->len ? 16 : 4);
        }
    }

  text_block (doc, _("Items by Area"), 12, TRUE, 6);
  draw_table_header (doc);
  {
    g_autoptr(WpPlanFacts) facts = wp_store_list_plan_facts (store, wp_plan_get_id (plan), NULL);
    g_autoptr(GHashTable) notes = wp_store_list_plan_notes (store, wp_plan_get_id (plan), NULL);
    ItemRows rows = { doc, agency, facts, notes };

    if (facts != NULL && notes != NULL)
      wp_store_walk_plan (store, wp_plan_get_id (plan), item_row, &rows, NULL);
  }
  doc->in_table = FALSE;
  doc->y += 16;

  listed_items (doc, stats, stats->overdue, _("Overdue Items"));
  listed_items (doc, stats, stats->due_soon, _("Items at Risk"));
  behind_items (doc, stats);
  year_end_check (doc, store, plan, agency);
}

/**
 * wp_briefing_new:
 * @agency: (nullable): only the items this agency leads or supports
 * @summary: (nullable): the summary as the user edited it, or %NULL to
 *   draft it from the figures
 * @pango: the Pango context of the surface the briefing will be drawn on,
 *   whose units are points
 *
 * Lays out the progress briefing of a plan on the store's reference date,
 * on A4 pages in points.
 *
 * Returns: (transfer full): the laid-out briefing, or %NULL with @error set
 */
WpBriefing *
wp_briefing_new (WpStore       *store,
                 gint64         plan_id,
                 const char    *agency,
                 const char    *summary,
                 PangoContext  *pango,
                 GError       **error)
{
  g_autoptr(WpPlan) plan = NULL;
  WpBriefing *self;
  WpPlanStats *stats;

  plan = wp_store_get_plan (store, plan_id, error);
  if (plan == NULL)
    return NULL;
  stats = wp_plan_stats_compute (store, plan_id, agency, error);
  if (stats == NULL)
    return NULL;

  self = g_new0 (WpBriefing, 1);
  self->pango = g_object_ref (pango);
  self->stats = stats;
  self->title = g_strdup (wp_plan_get_title (plan));
  self->blocks = g_array_new (FALSE, TRUE, sizeof (Block));
  g_array_set_clear_func (self->blocks, (GDestroyNotify) block_clear);
  self->shaped = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  self->fonts = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL,
                                       (GDestroyNotify) pango_font_description_free);
  lay_out (self, store, plan, stats, agency, summary);
  /* (the blocks hold the shared layouts they need) */
  g_clear_pointer (&self->shaped, g_hash_table_unref);

  /* The blocks are in page order: note where each page starts */
  self->page_starts = g_array_new (FALSE, FALSE, sizeof (guint));
  for (guint i = 0, page = 0; i <= self->blocks->len; i++)
    {
      guint block_page = i < self->blocks->len
                         ? (guint) g_array_index (self->blocks, Block, i).page
                         : (guint) self->page + 1;

      while (page < block_page)
        {
          g_array_append_val (self->page_starts, i);
          page++;
        }
    }
  return self;
}

void
wp_briefing_free (WpBriefing *self)
{
  if (self == NULL)
    return;
  g_array_unref (self->blocks);
  g_array_unref (self->page_starts);
  g_object_unref (self->pango);
  g_hash_table_unref (self->fonts);
  g_clear_pointer (&self->stats, wp_plan_stats_free);
  g_free (self->title);
  g_free (self);
}

int
wp_briefing_get_n_pages (WpBriefing *self)
{
  return self->page;
}

const char *
wp_briefing_get_title (WpBriefing *self)
{
  return self->title;
}

/**
 * wp_briefing_draw_page:
 * @page: from 0
 *
 * Draws one page with its footer on @cr, whose origin is the top left
 * corner of the A4 sheet and whose units are points.
 */
void
wp_briefing_draw_page (WpBriefing *self,
                       cairo_t    *cr,
                       int         page)
{
  g_return_if_fail (page >= 0 && page < self->page);

  for (guint i = g_array_index (self->page_starts, guint, page);
       i < g_array_index (self->page_starts, guint, page + 1); i++)
    draw_block (self, cr, &g_array_index (self->blocks, Block, i));
  draw_footer (self, cr, page + 1, self->page);
}

/* Where cairo's PDF stream goes: the first write error is kept for the message. */
typedef struct {
  WpOutput *output;
  GError   *error;
} PdfSink;

static cairo_status_t
write_to_output (void                *closure,
                 const unsigned char *data,
                 unsigned int         length)
{
  PdfSink *sink = closure;

  if (sink->error != NULL || !wp_output_write (sink->output, data, length, &sink->error))
    return CAIRO_STATUS_WRITE_ERROR;
  return CAIRO_STATUS_SUCCESS;
}

/**
 * wp_briefing_write_pdf:
 * @agency: (nullable): only the items this agency leads or supports
 * @summary: (nullable): the summary as the user edited it, or %NULL to
 *   draft it from the figures
 * @path: the PDF file to write: a regular file is replaced atomically, a
 *   device or FIFO written into; never the plan file of @store
 *
 * Writes the progress briefing of a plan on the store's reference date.
 * On failure no partial file is left.
 */
gboolean
wp_briefing_write_pdf (WpStore     *store,
                       gint64       plan_id,
                       const char  *agency,
                       const char  *summary,
                       const char  *path,
                       GError     **error)
{
  g_autoptr(WpOutput) output = NULL;
  PdfSink sink = { NULL, NULL };
  PangoContext *pango;
  WpBriefing *briefing;
  cairo_surface_t *surface;
  cairo_t *cr;
  cairo_status_t status;

  if (!wp_output_refuse_plan_file (path, wp_store_get_path (store), error))
    return FALSE;

  /* The output opens at cairo's first byte, when the first page is shown:
   * laying out, the long part, creates no file yet. */
  output = wp_output_new (path);
  sink.output = output;
  surface = cairo_pdf_surface_create_for_stream (write_to_output, &sink, PAGE_WIDTH, PAGE_HEIGHT);
  cr = cairo_create (surface);
  pango = pango_cairo_create_context (cr);
  pango_cairo_context_set_resolution (pango, 72);

  briefing = wp_briefing_new (store, plan_id, agency, summary, pango, error);
  g_object_unref (pango);
  if (briefing == NULL)
    {
      /* Destroying the surface finishes it: let it write nothing. */
      sink.error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED, "");
      cairo_destroy (cr);
      cairo_surface_destroy (surface);
      g_error_free (sink.error);
      return FALSE;
    }

  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, briefing->title);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Workplan");
  for (int page = 0; page < briefing->page && sink.error == NULL; page++)
    {
      wp_briefing_draw_page (briefing, cr, page);
      cairo_show_page (cr);
      /* Each page is drawn once here: its text can go, making room for
       * what cairo keeps of the pages drawn, and so can the figures once
       * the last chart is drawn (the lists are in the blocks' text) */
      for (guint i = g_array_index (briefing->page_starts, guint, page);
           i < g_array_index (briefing->page_starts, guint, page + 1); i++)
        block_clear (&g_array_index (briefing->blocks, Block, i));
      if (page + 1 >= briefing->last_chart_page)
        g_clear_pointer (&briefing->stats, wp_plan_stats_free);
    }

  wp_briefing_free (briefing);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);

  if (sink.error != NULL)
    {
      g_propagate_error (error, sink.error);
      return FALSE;  /* freeing the output removes its partial file */
    }
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   _("Could not write the briefing to “%s”: %s"), path,
                   cairo_status_to_string (status));
      return FALSE;
    }
  return wp_output_close (output, error);
}
