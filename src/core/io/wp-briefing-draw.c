/* wp-briefing-draw.c: the briefing's pages drawn, one at a time, their text laid out
 * again
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "wp-briefing-private.h"
#include "wp-stats.h"

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
    return _wp_briefing_new_layout (doc, block->texts[0], block->size, block->bold, width,
                                    BODY_HEIGHT);
  return _wp_briefing_new_layout (doc, block->texts[i], 8, block->bold,
                                  _wp_briefing_columns[i].share * width - 6, CELL_MAX_HEIGHT);
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
  for (guint i = 0; i < N_COLUMNS; x += _wp_briefing_columns[i].share * width, i++)
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
  g_autoptr(PangoLayout) layout = _wp_briefing_new_layout (doc, number, 8, FALSE,
                                                           PAGE_WIDTH - 2 * MARGIN, FOOTER);

  pango_layout_set_alignment (layout, PANGO_ALIGN_CENTER);
  cairo_set_source_rgb (cr, 0.4, 0.4, 0.4);
  cairo_move_to (cr, MARGIN, PAGE_HEIGHT - MARGIN + 8);
  pango_cairo_show_layout (cr, layout);
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
