/* wp-briefing-draw.c: the briefing's pages drawn, one at a time, their text from the
 * records of the measuring pass
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
/* fseeko() */
#define _XOPEN_SOURCE 700

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "wp-briefing-private.h"
#include "wp-stats.h"

/* Column @i's layout of @block: shared, or laid out again as it was
 * measured (valid until the next of its kind) */
static PangoLayout *
block_layout (Doc         *doc,
              const Block *block,
              guint        i)
{
  PangoLayout *shared = _wp_briefing_block_shared (doc, block, i);

  if (shared != NULL)
    return shared;
  if (!block->row)
    return _wp_briefing_paragraph_layout (doc, block->texts[0], block->size, block->bold);
  return _wp_briefing_cell_layout (doc, i, block->bold, _wp_briefing_block_text (block, i));
}

/* The light's word in its colour, as the outline's dot; black for the rest */
static const double *
cell_colour (const Block *block,
             guint        i)
{
  static const double red[] = { 0.78, 0.11, 0.16 }, yellow[] = { 0.72, 0.45, 0.0 },
                      green[] = { 0.15, 0.52, 0.25 }, black[] = { 0, 0, 0 };

  if (i == LIGHT_COLUMN && block->light == WP_LIGHT_RED)
    return red;
  if (i == LIGHT_COLUMN && block->light == WP_LIGHT_YELLOW)
    return yellow;
  if (i == LIGHT_COLUMN && block->light == WP_LIGHT_GREEN)
    return green;
  return black;
}

/* Glyphs in one font and colour, shown at once: cairo's PDF surface
 * records, analyses and writes each show of glyphs on its own, and a page
 * of the table showed about 150 runs of a few glyphs. The black runs drawn
 * one after another in the same font are one show, so the text stays in
 * the order it had; each row's light, in its colour, broke the text object
 * in three (a show of its own, and the colour set twice): the coloured
 * runs are kept aside by font and colour and shown after the page's
 * black text. */
typedef struct {
  cairo_scaled_font_t *font;
  const double        *colour;
  GArray              *glyphs;    /* cairo_glyph_t */
  GArray              *clusters;  /* cairo_text_cluster_t */
  GString             *text;
} Batch;

#define N_ASIDE 6

typedef struct {
  cairo_t      *cr;
  const double *colour;   /* of the text drawn next */
  Batch         batch;    /* the black glyphs not shown yet */
  Batch         aside[N_ASIDE];  /* the coloured ones, by font and colour */
  const guint8 *cursor;   /* the page's next record, or %NULL */
} Pen;

static void
pen_set (Pen          *pen,
         const double *colour)
{
  pen->colour = colour;
}

static void
batch_show (cairo_t *cr,
            Batch   *batch)
{
  if (batch->glyphs->len == 0 && batch->text->len == 0)
    return;
  cairo_set_source_rgb (cr, batch->colour[0], batch->colour[1], batch->colour[2]);
  cairo_set_scaled_font (cr, batch->font);
  cairo_show_text_glyphs (cr, batch->text->str, batch->text->len,
                          (cairo_glyph_t *) batch->glyphs->data, batch->glyphs->len,
                          (cairo_text_cluster_t *) batch->clusters->data, batch->clusters->len,
                          0);
  g_array_set_size (batch->glyphs, 0);
  g_array_set_size (batch->clusters, 0);
  g_string_truncate (batch->text, 0);
}

/* Shows the glyphs not shown yet: the black ones, then the coloured */
static void
pen_flush (Pen *pen)
{
  batch_show (pen->cr, &pen->batch);
  for (guint i = 0; i < N_ASIDE && pen->aside[i].font != NULL; i++)
    batch_show (pen->cr, &pen->aside[i]);
}

static gboolean
is_black (const double *colour)
{
  return colour[0] == 0 && colour[1] == 0 && colour[2] == 0;
}

/* The batch for glyphs of @font in the pen's colour */
static Batch *
pen_batch (Pen                 *pen,
           cairo_scaled_font_t *font)
{
  Batch *batch = &pen->batch;

  if (!is_black (pen->colour))
    {
      guint i;

      for (i = 0; i < N_ASIDE && pen->aside[i].font != NULL; i++)
        if (pen->aside[i].font == font && pen->aside[i].colour == pen->colour)
          return &pen->aside[i];
      if (i == N_ASIDE)
        {
          /* (more kinds than kept aside: all of them shown now) */
          pen_flush (pen);
          i = 0;
        }
      batch = &pen->aside[i];
      if (batch->glyphs == NULL)
        {
          batch->glyphs = g_array_new (FALSE, FALSE, sizeof (cairo_glyph_t));
          batch->clusters = g_array_new (FALSE, FALSE, sizeof (cairo_text_cluster_t));
          batch->text = g_string_new (NULL);
        }
      cairo_scaled_font_destroy (batch->font);
      batch->font = cairo_scaled_font_reference (font);
      batch->colour = pen->colour;
      if (i == 0)
        for (guint k = 1; k < N_ASIDE; k++)
          g_clear_pointer (&pen->aside[k].font, cairo_scaled_font_destroy);
      return batch;
    }
  if (batch->font != font || batch->colour != pen->colour)
    {
      batch_show (pen->cr, batch);
      cairo_scaled_font_destroy (batch->font);
      batch->font = cairo_scaled_font_reference (font);
      batch->colour = pen->colour;
    }
  return batch;
}

static void
pen_clear (Pen *pen)
{
  cairo_scaled_font_destroy (pen->batch.font);
  for (guint i = 0; i < N_ASIDE; i++)
    if (pen->aside[i].glyphs != NULL)
      {
        cairo_scaled_font_destroy (pen->aside[i].font);
        g_array_unref (pen->aside[i].glyphs);
        g_array_unref (pen->aside[i].clusters);
        g_string_free (pen->aside[i].text, TRUE);
      }
}

/* Whether pango_cairo_show_layout() would draw @layout's runs as text and
 * nothing else: left to right, no box for a missing glyph; on the
 * baseline, unless @raised is allowed (a fallback font's run, the arrow of
 * the listed work, is raised to its own baseline) */
static gboolean
layout_is_plain_text (PangoLayout *layout,
                      gboolean     raised)
{
  for (GSList *l = pango_layout_get_lines_readonly (layout); l != NULL; l = l->next)
    for (GSList *r = ((PangoLayoutLine *) l->data)->runs; r != NULL; r = r->next)
      {
        PangoGlyphItem *run = r->data;

        if (run->item->analysis.level & 1 || (run->y_offset != 0 && !raised))
          return FALSE;
        for (int i = 0; i < run->glyphs->num_glyphs; i++)
          {
            PangoGlyph glyph = run->glyphs->glyphs[i].glyph;

            if (glyph & PANGO_GLYPH_UNKNOWN_FLAG && glyph != (0x20 | PANGO_GLYPH_UNKNOWN_FLAG))
              return FALSE;
          }
      }
  return TRUE;
}

/* A run's glyphs and clusters as pango_cairo_show_layout() shows them,
 * at @x, @y on the baseline, added to its batch */
static void
batch_run (Pen            *pen,
           const char     *text,
           PangoGlyphItem *run,
           double          x,
           double          y)
{
  Batch *batch = pen_batch (pen, pango_cairo_font_get_scaled_font (PANGO_CAIRO_FONT (
                                   run->item->analysis.font)));
  PangoGlyphString *glyphs = run->glyphs;
  PangoGlyphItemIter iter;
  int position = 0;

  for (int i = 0; i < glyphs->num_glyphs; i++)
    {
      PangoGlyphInfo *info = &glyphs->glyphs[i];

      if (info->glyph != PANGO_GLYPH_EMPTY && !(info->glyph & PANGO_GLYPH_UNKNOWN_FLAG))
        {
          cairo_glyph_t glyph = {
            info->glyph, x + (double) (position + info->geometry.x_offset) / PANGO_SCALE,
            info->geometry.y_offset == 0 ? y : y + (double) info->geometry.y_offset / PANGO_SCALE,
          };

          g_array_append_val (batch->glyphs, glyph);
        }
      position += info->geometry.width;
    }
  if (pango_glyph_item_iter_init_start (&iter, run, text))
    do
      {
        cairo_text_cluster_t cluster = {
          iter.end_index - iter.start_index, iter.end_glyph - iter.start_glyph,
        };

        /* (the glyphs not drawn are in no cluster) */
        for (int i = iter.start_glyph; i < iter.end_glyph; i++)
          if (glyphs->glyphs[i].glyph == PANGO_GLYPH_EMPTY
              || glyphs->glyphs[i].glyph & PANGO_GLYPH_UNKNOWN_FLAG)
            cluster.num_glyphs--;
        g_array_append_val (batch->clusters, cluster);
      }
    while (pango_glyph_item_iter_next_cluster (&iter));
  g_string_append_len (batch->text, text + run->item->offset, run->item->length);
}

static void
draw_text (Pen         *pen,
           PangoLayout *layout,
           double       x,
           double       y)
{
  PangoLayoutIter *iter;
  const char *text = pango_layout_get_text (layout);

  if (!layout_is_plain_text (layout, FALSE))
    {
      pen_flush (pen);
      cairo_set_source_rgb (pen->cr, pen->colour[0], pen->colour[1], pen->colour[2]);
      cairo_move_to (pen->cr, x, y);
      pango_cairo_show_layout (pen->cr, layout);
      return;
    }
  /* (placed as pango_renderer_draw_layout() places them) */
  iter = pango_layout_get_iter (layout);
  do
    {
      PangoLayoutLine *line = pango_layout_iter_get_line_readonly (iter);
      PangoRectangle logical;
      int run_x;
      double baseline;

      pango_layout_iter_get_line_extents (iter, NULL, &logical);
      baseline = y + (double) pango_layout_iter_get_baseline (iter) / PANGO_SCALE;
      run_x = logical.x;
      for (GSList *r = line->runs; r != NULL; r = r->next)
        {
          PangoGlyphItem *run = r->data;

          batch_run (pen, text, run, x + (double) run_x / PANGO_SCALE, baseline);
          run_x += pango_glyph_string_get_width (run->glyphs);
        }
    }
  while (pango_layout_iter_next_line (iter));
  pango_layout_iter_free (iter);
}

/* The records of shaped text (see wp-briefing-private.h): numbers in the
 * machine's order, read back by the same program */
static void
put_u32 (GByteArray *record,
         guint32     value)
{
  g_byte_array_append (record, (const guint8 *) &value, sizeof value);
}

static guint32
get_u32 (const guint8 **cursor)
{
  guint32 value;

  memcpy (&value, *cursor, sizeof value);
  *cursor += sizeof value;
  return value;
}

/* The number of @font in the records */
static guint32
record_font (Doc                 *doc,
             cairo_scaled_font_t *font)
{
  guint index;

  if (doc->fonts_lock != NULL)
    g_mutex_lock (doc->fonts_lock);
  if (!g_ptr_array_find (doc->record_fonts, font, &index))
    {
      g_ptr_array_add (doc->record_fonts, cairo_scaled_font_reference (font));
      index = doc->record_fonts->len - 1;
    }
  if (doc->fonts_lock != NULL)
    g_mutex_unlock (doc->fonts_lock);
  return index;
}

/* Font @index of the records (another thread may be adding one) */
static cairo_scaled_font_t *
recorded_font (Doc     *doc,
               guint32  index)
{
  cairo_scaled_font_t *font;

  if (doc->fonts_lock != NULL)
    g_mutex_lock (doc->fonts_lock);
  font = g_ptr_array_index (doc->record_fonts, index);
  if (doc->fonts_lock != NULL)
    g_mutex_unlock (doc->fonts_lock);
  return font;
}

/**
 * _wp_briefing_record_layout:
 *
 * Adds to @record the glyphs and clusters draw_text() would show of
 * @layout, at 0, 0, so that it is not shaped again when drawn; or, when it
 * is not plain text, that it is to be laid out again.
 *
 * Returns: whether the glyphs are in the record
 */
gboolean
_wp_briefing_record_layout (Doc         *doc,
                            PangoLayout *layout,
                            GByteArray  *record)
{
  const char *text = pango_layout_get_text (layout);
  PangoLayoutIter *iter;

  if (!layout_is_plain_text (layout, TRUE))
    {
      g_byte_array_append (record, (const guint8 *) "\1", 1);
      return FALSE;
    }
  g_byte_array_append (record, (const guint8 *) "\0", 1);
  put_u32 (record, pango_layout_get_line_count (layout));
  iter = pango_layout_get_iter (layout);
  do
    {
      PangoLayoutLine *line = pango_layout_iter_get_line_readonly (iter);
      PangoRectangle logical;
      int run_x;

      pango_layout_iter_get_line_extents (iter, NULL, &logical);
      put_u32 (record, pango_layout_iter_get_baseline (iter));
      put_u32 (record, g_slist_length (line->runs));
      run_x = logical.x;
      for (GSList *r = line->runs; r != NULL; r = r->next)
        {
          PangoGlyphItem *run = r->data;
          PangoGlyphString *glyphs = run->glyphs;
          PangoGlyphItemIter clusters;
          guint count_at, n = 0;
          int position = 0;

          put_u32 (record, record_font (doc, pango_cairo_font_get_scaled_font (
                                               PANGO_CAIRO_FONT (run->item->analysis.font))));
          put_u32 (record, run_x);
          put_u32 (record, run->y_offset);
          put_u32 (record, run->item->length);
          g_byte_array_append (record, (const guint8 *) text + run->item->offset,
                               run->item->length);
          count_at = record->len;
          put_u32 (record, 0);
          for (int i = 0; i < glyphs->num_glyphs; i++)
            {
              PangoGlyphInfo *info = &glyphs->glyphs[i];

              if (info->glyph != PANGO_GLYPH_EMPTY && !(info->glyph & PANGO_GLYPH_UNKNOWN_FLAG))
                {
                  put_u32 (record, info->glyph);
                  put_u32 (record, position + info->geometry.x_offset);
                  put_u32 (record, info->geometry.y_offset);
                  n++;
                }
              position += info->geometry.width;
            }
          memcpy (record->data + count_at, &n, sizeof n);

          count_at = record->len;
          n = 0;
          put_u32 (record, 0);
          if (pango_glyph_item_iter_init_start (&clusters, run, text))
            do
              {
                int n_glyphs = clusters.end_glyph - clusters.start_glyph;

                /* (the glyphs not drawn are in no cluster) */
                for (int i = clusters.start_glyph; i < clusters.end_glyph; i++)
                  if (glyphs->glyphs[i].glyph == PANGO_GLYPH_EMPTY
                      || glyphs->glyphs[i].glyph & PANGO_GLYPH_UNKNOWN_FLAG)
                    n_glyphs--;
                put_u32 (record, clusters.end_index - clusters.start_index);
                put_u32 (record, n_glyphs);
                n++;
              }
            while (pango_glyph_item_iter_next_cluster (&clusters));
          memcpy (record->data + count_at, &n, sizeof n);
          run_x += pango_glyph_string_get_width (glyphs);
        }
    }
  while (pango_layout_iter_next_line (iter));
  pango_layout_iter_free (iter);
  return TRUE;
}

/* Draws the text recorded at @cursor at @x, @y, as draw_text() draws its
 * layout, and moves the cursor past it.
 *
 * Returns: %FALSE when the record says to lay the text out again */
static gboolean
draw_record (Doc            *doc,
             Pen            *pen,
             const guint8  **cursor,
             double          x,
             double          y)
{
  guint n_lines;

  if (*(*cursor)++ != 0)
    return FALSE;
  n_lines = get_u32 (cursor);
  for (guint l = 0; l < n_lines; l++)
    {
      int line_baseline = (int) get_u32 (cursor);
      guint n_runs = get_u32 (cursor);

      for (guint r = 0; r < n_runs; r++)
        {
          Batch *batch = pen_batch (pen, recorded_font (doc, get_u32 (cursor)));
          double run_x = x + (double) (int) get_u32 (cursor) / PANGO_SCALE;
          int raised = (int) get_u32 (cursor);
          /* (as draw_text() places a run on the baseline, and as
           * pango_renderer_draw_layout_line() a raised one) */
          double baseline = raised == 0 ? y + (double) line_baseline / PANGO_SCALE
                                        : y + (double) (line_baseline - raised) / PANGO_SCALE;
          guint length = get_u32 (cursor), n;

          g_string_append_len (batch->text, (const char *) *cursor, length);
          *cursor += length;
          n = get_u32 (cursor);
          for (guint i = 0; i < n; i++)
            {
              cairo_glyph_t glyph;
              int y_offset;

              glyph.index = get_u32 (cursor);
              glyph.x = run_x + (double) (int) get_u32 (cursor) / PANGO_SCALE;
              y_offset = (int) get_u32 (cursor);
              glyph.y = y_offset == 0 ? baseline : baseline + (double) y_offset / PANGO_SCALE;
              g_array_append_val (batch->glyphs, glyph);
            }
          n = get_u32 (cursor);
          for (guint i = 0; i < n; i++)
            {
              cairo_text_cluster_t cluster;

              cluster.num_bytes = (int) get_u32 (cursor);
              cluster.num_glyphs = (int) get_u32 (cursor);
              g_array_append_val (batch->clusters, cluster);
            }
        }
    }
  return TRUE;
}

/* Draws shared layout @index (from 1) from its record, made the first
 * time: walking a layout's lines, runs and clusters again cost as much,
 * over the 600,000 shared cells of 100,000 items, as drawing the rest */
static void
draw_shared (Doc    *doc,
             Pen    *pen,
             guint   index,
             double  x,
             double  y)
{
  PangoLayout *layout = g_ptr_array_index (doc->shared, index - 1);
  GByteArray *record;
  const guint8 *cursor;

  if (doc->shared_records->len < doc->shared->len)
    g_ptr_array_set_size (doc->shared_records, doc->shared->len);
  record = g_ptr_array_index (doc->shared_records, index - 1);
  if (record == NULL)
    {
      record = g_byte_array_new ();
      _wp_briefing_record_layout (doc, layout, record);
      g_ptr_array_index (doc->shared_records, index - 1) = record;
    }
  cursor = record->data;
  if (!draw_record (doc, pen, &cursor, x, y))
    draw_text (pen, layout, x, y);
}

static void
draw_block_text (Doc         *doc,
                 Pen         *pen,
                 const Block *block)
{
  static const double black[] = { 0, 0, 0 };
  double width = PAGE_WIDTH - 2 * MARGIN, x = MARGIN;

  if (block->chart != NULL)
    {
      pen_flush (pen);
      cairo_save (pen->cr);
      cairo_translate (pen->cr, MARGIN, block->y);
      block->chart (pen->cr, doc->stats, width, block->height);
      cairo_restore (pen->cr);
      return;
    }

  if (!block->row)
    {
      pen_set (pen, black);
      if (pen->cursor == NULL || !draw_record (doc, pen, &pen->cursor, MARGIN, block->y))
        draw_text (pen, block_layout (doc, block, 0), MARGIN, block->y);
      return;
    }

  for (guint i = 0; i < N_COLUMNS; x += _wp_briefing_columns[i].share * width, i++)
    {
      /* (an empty cell, most notes of a large plan, draws nothing: it is
       * shared, and the cells not shared have a record) */
      PangoLayout *shared = _wp_briefing_block_shared (doc, block, i);

      if (shared != NULL ? pango_layout_get_text (shared)[0] == '\0'
                         : pen->cursor == NULL && _wp_briefing_block_text (block, i)[0] == '\0')
        continue;
      pen_set (pen, cell_colour (block, i));
      if (shared != NULL)
        draw_shared (doc, pen, block->shared[i], x + 3, block->y + 3);
      else if (pen->cursor == NULL || !draw_record (doc, pen, &pen->cursor, x + 3, block->y + 3))
        draw_text (pen, block_layout (doc, block, i), x + 3, block->y + 3);
    }
}

/* The shaded backgrounds of the rows from @start to @end, then the lines
 * under them, each kind as one path. (Drawn row by row, a shaded row
 * painted over the lower half of the line above it, 0.25 pt.) */
static void
draw_grid (Doc     *doc,
           cairo_t *cr,
           guint    start,
           guint    end)
{
  double width = PAGE_WIDTH - 2 * MARGIN;
  double shades[2] = { 0, 0 };

  for (guint k = 0; k < G_N_ELEMENTS (shades); k++)
    {
      for (guint i = start; i < end; i++)
        {
          const Block *block = &g_array_index (doc->blocks, Block, i);

          if (!block->row || block->shade <= 0)
            continue;
          if (shades[k] == 0 && (k == 0 || block->shade != shades[0]))
            shades[k] = block->shade;
          if (block->shade == shades[k])
            cairo_rectangle (cr, MARGIN, block->y, width, block->height);
        }
      if (shades[k] > 0)
        {
          cairo_set_source_rgb (cr, 1 - shades[k], 1 - shades[k], 1 - shades[k]);
          cairo_fill (cr);
        }
    }

  for (guint i = start; i < end; i++)
    {
      const Block *block = &g_array_index (doc->blocks, Block, i);

      if (!block->row)
        continue;
      cairo_move_to (cr, MARGIN, block->y + block->height);
      cairo_line_to (cr, MARGIN + width, block->y + block->height);
    }
  cairo_set_source_rgb (cr, 0.75, 0.75, 0.75);
  cairo_set_line_width (cr, 0.5);
  cairo_stroke (cr);
}

/* The footer's layout in @doc, showing the number of @page */
static PangoLayout *
footer_layout (Doc *doc,
               int  page,
               int  pages)
{
  /* Translators: page footer of the briefing, e.g. "第 2 页，共 5 页" */
  g_autofree char *number = g_strdup_printf (_("Page %d of %d"), page, pages);

  if (doc->footer == NULL)
    {
      doc->footer = _wp_briefing_new_layout (doc, "", 8, FALSE, PAGE_WIDTH - 2 * MARGIN, FOOTER);
      pango_layout_set_alignment (doc->footer, PANGO_ALIGN_CENTER);
    }
  pango_layout_set_text (doc->footer, number, -1);
  return doc->footer;
}

/* Each page's footer shaped in the helper's context, in turn, while the
 * pages are drawn: a footer was a twentieth of the drawing */
static gpointer
shape_footers (gpointer data)
{
  Doc *doc = data;

  for (int page = 0; page < doc->page; page++)
    {
      GByteArray *record = g_byte_array_new ();
      gboolean stop;

      _wp_briefing_record_layout (doc->helper, footer_layout (doc->helper, page + 1, doc->page),
                                  record);
      g_mutex_lock (&doc->footer_lock);
      g_ptr_array_index (doc->footer_records, page) = record;
      stop = doc->footers_done;
      g_cond_broadcast (&doc->footer_cond);
      g_mutex_unlock (&doc->footer_lock);
      if (stop)
        break;
    }
  g_mutex_lock (&doc->footer_lock);
  doc->footers_done = TRUE;
  g_cond_broadcast (&doc->footer_cond);
  g_mutex_unlock (&doc->footer_lock);
  return NULL;
}

static void
free_footer (gpointer record)
{
  if (record != NULL)
    g_byte_array_unref (record);
}

/* Starts shaping the footers, when there is a helper to */
void
_wp_briefing_start_footers (Doc *doc)
{
  if (doc->helper == NULL)
    return;
  g_mutex_init (&doc->footer_lock);
  g_cond_init (&doc->footer_cond);
  doc->footer_records = g_ptr_array_new_full (doc->page, free_footer);
  g_ptr_array_set_size (doc->footer_records, doc->page);
  doc->footer_thread = g_thread_try_new ("wp-briefing-footers", shape_footers, doc, NULL);
  if (doc->footer_thread == NULL)
    {
      g_clear_pointer (&doc->footer_records, g_ptr_array_unref);
      g_mutex_clear (&doc->footer_lock);
      g_cond_clear (&doc->footer_cond);
    }
}

/* Stops shaping the footers, and lets the helper go */
void
_wp_briefing_stop_footers (Doc *doc)
{
  if (doc->footer_thread != NULL)
    {
      g_mutex_lock (&doc->footer_lock);
      doc->footers_done = TRUE;
      g_mutex_unlock (&doc->footer_lock);
      g_thread_join (g_steal_pointer (&doc->footer_thread));
      g_clear_pointer (&doc->footer_records, g_ptr_array_unref);
      g_mutex_clear (&doc->footer_lock);
      g_cond_clear (&doc->footer_cond);
    }
  g_clear_pointer (&doc->helper, _wp_briefing_free_helper);
}

/* Page @page's footer shaped by the helper, or %NULL */
static GByteArray *
shaped_footer (Doc *doc,
               int  page)
{
  GByteArray *record;

  if (doc->footer_thread == NULL)
    return NULL;
  g_mutex_lock (&doc->footer_lock);
  while ((record = g_ptr_array_index (doc->footer_records, page - 1)) == NULL
         && !doc->footers_done)
    g_cond_wait (&doc->footer_cond, &doc->footer_lock);
  g_mutex_unlock (&doc->footer_lock);
  return record;
}

static void
draw_footer (Doc     *doc,
             Pen     *pen,
             int      page,
             int      pages)
{
  static const double grey[] = { 0.4, 0.4, 0.4 };
  GByteArray *record = shaped_footer (doc, page);
  const guint8 *cursor = record != NULL ? record->data : NULL;

  pen_set (pen, grey);
  if (cursor == NULL || !draw_record (doc, pen, &cursor, MARGIN, PAGE_HEIGHT - MARGIN + 8))
    draw_text (pen, footer_layout (doc, page, pages), MARGIN, PAGE_HEIGHT - MARGIN + 8);
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
  Pen pen = { cr, NULL, { NULL }, { { NULL } }, NULL };
  guint start, end;

  g_return_if_fail (page >= 0 && page < self->page);

  start = g_array_index (self->page_starts, guint, page);
  end = g_array_index (self->page_starts, guint, page + 1);
  if (self->records != NULL)
    {
      gint64 from = g_array_index (self->record_starts, gint64, page);
      gint64 to = g_array_index (self->record_starts, gint64, page + 1);

      g_byte_array_set_size (self->record, to - from);
      if (fseeko (self->records, from, SEEK_SET) != 0
          || fread (self->record->data, 1, to - from, self->records) != (size_t) (to - from))
        {
          /* (the text is in the records alone) */
          self->records_failed = TRUE;
          return;
        }
      pen.cursor = self->record->data;
    }
  pen.batch.glyphs = self->glyphs;
  pen.batch.clusters = self->clusters;
  pen.batch.text = self->text;
  cairo_save (cr);  /* (the font set) */
  /* (the rows' backgrounds and lines are under nothing but their own text) */
  draw_grid (self, cr, start, end);
  for (guint i = start; i < end; i++)
    draw_block_text (self, &pen, &g_array_index (self->blocks, Block, i));
  draw_footer (self, &pen, page + 1, self->page);
  pen_flush (&pen);
  pen_clear (&pen);
  cairo_restore (cr);
}
