/* wp-briefing-layout.c: the briefing's measuring pass: every block placed on its page,
 * keeping its height and place, and a record of the text it shaped
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
/* ftello() */
#define _XOPEN_SOURCE 700

#include "config.h"

#include <glib/gi18n-lib.h>

#include "wp-briefing-private.h"

/* Table columns: share of the width, header. */
const WpBriefingColumn _wp_briefing_columns[N_COLUMNS] = {
  { 0.23, N_("Item"), FALSE },
  { 0.12, N_("Lead agency"), TRUE },
  { 0.12, N_("Supporting agencies"), TRUE },
  { 0.09, N_("Deadline"), TRUE },
  { 0.08, N_("Status"), TRUE },
  { 0.08, N_("Status light"), TRUE },
  { 0.07, N_("Progress"), TRUE },
  { 0.21, N_("Latest progress note"), FALSE },
};

/* @text cut to the characters a block of @width × @max_height can show in
 * a font of @size, with an ellipsis where it was cut; %NULL when all of it
 * can show. */
static char *
bounded_text (const char *text,
              double      size,
              double      width,
              double      max_height)
{
  gsize max_chars = (gsize) (max_height / size + 1) * (gsize) (width / (size * MIN_ADVANCE_EM) + 1);
  const char *end = text;

  if (strlen (text) <= max_chars)
    return NULL;  /* a character is at least a byte */
  for (gsize n = 0; n < max_chars && *end != '\0'; n++)
    end = g_utf8_next_char (end);
  if (*end == '\0')
    return NULL;
  return g_strdup_printf ("%.*s…", (int) (end - text), text);
}

/* Gives the long runs of @text, those without a space or a CJK character
 * to break at, a boundary of shaping items every SHAPING_PIECE characters:
 * an attribute that changes nothing visible (letter spacing of 0 and 1/1024
 * pt in turn) but ends an item. Pieces start only where a character does
 * not attach to the one before. The attributes of a layout used before are
 * replaced. */
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
  if (attrs != NULL || pango_layout_get_attributes (layout) != NULL)
    pango_layout_set_attributes (layout, attrs);
}

/* A layout without text for paragraphs at most @max_height high: what does
 * not fit ends in an ellipsis. */
static PangoLayout *
empty_layout (Doc      *doc,
              double    size,
              gboolean  bold,
              double    width,
              double    max_height)
{
  PangoLayout *layout = pango_layout_new (doc->pango);
  gpointer key = GINT_TO_POINTER ((int) (size * 2) * 2 + (bold != FALSE));
  PangoFontDescription *font = g_hash_table_lookup (doc->fonts, key);

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
  return layout;
}

/* Gives @layout the text it shows of @text. Its cost is bounded by what it
 * can show. */
static void
set_layout_text (PangoLayout *layout,
                 const char  *text,
                 double       size,
                 double       width,
                 double       max_height)
{
  g_autofree char *cut = bounded_text (text, size, width, max_height);
  const char *shown = cut != NULL ? cut : text;

  pango_layout_set_text (layout, shown, -1);
  split_long_runs (layout, shown);
}

/* A paragraph of @text, at most @max_height high: what does not fit ends in
 * an ellipsis. */
PangoLayout *
_wp_briefing_new_layout (Doc        *doc,
                         const char *text,
                         double      size,
                         gboolean    bold,
                         double      width,
                         double      max_height)
{
  PangoLayout *layout = empty_layout (doc, size, bold, width, max_height);

  set_layout_text (layout, text, size, width, max_height);
  return layout;
}

/* Table cells and paragraphs are laid out in one layout each of their
 * kind, its text replaced: making a layout, its font and its settings cost
 * as much as a short cell's shaping. */

/* Column @column's layout showing @text: the briefing's, valid until the
 * next call for that column */
PangoLayout *
_wp_briefing_cell_layout (Doc        *doc,
                          guint       column,
                          gboolean    bold,
                          const char *text)
{
  PangoLayout **layout = &doc->cells[bold != FALSE][column];
  double width = _wp_briefing_columns[column].share * (PAGE_WIDTH - 2 * MARGIN) - 6;

  if (*layout == NULL)
    *layout = empty_layout (doc, 8, bold, width, CELL_MAX_HEIGHT);
  set_layout_text (*layout, text, 8, width, CELL_MAX_HEIGHT);
  return *layout;
}

/* A paragraph's layout showing @text, as _wp_briefing_cell_layout() */
PangoLayout *
_wp_briefing_paragraph_layout (Doc        *doc,
                               const char *text,
                               double      size,
                               gboolean    bold)
{
  gpointer key = GINT_TO_POINTER ((int) (size * 2) * 2 + (bold != FALSE));
  PangoLayout *layout = g_hash_table_lookup (doc->paragraphs, key);

  if (layout == NULL)
    {
      layout = empty_layout (doc, size, bold, PAGE_WIDTH - 2 * MARGIN, BODY_HEIGHT);
      g_hash_table_insert (doc->paragraphs, key, layout);
    }
  set_layout_text (layout, text, size, PAGE_WIDTH - 2 * MARGIN, BODY_HEIGHT);
  return layout;
}

double
_wp_briefing_layout_height (PangoLayout *layout)
{
  int w, h;

  pango_layout_get_size (layout, &w, &h);
  return (double) h / PANGO_SCALE;
}

static void
new_page (Doc *doc)
{
  doc->page++;
  doc->y = MARGIN;
  if (doc->in_table)
    _wp_briefing_place_table_header (doc);
}

/* Makes room for @height, starting a page when it does not fit. */
void
_wp_briefing_make_room (Doc    *doc,
                        double  height)
{
  if (doc->y + height > PAGE_HEIGHT - MARGIN - FOOTER && doc->y > MARGIN + 1)
    new_page (doc);
}

void
_wp_briefing_shape_text (Doc        *doc,
                         const char *text,
                         double      size,
                         gboolean    bold,
                         gboolean    recording,
                         Shaped     *shaped)
{
  PangoLayout *layout = _wp_briefing_paragraph_layout (doc, text, size, bold);

  shaped->height = _wp_briefing_layout_height (layout);
  shaped->record = recording ? g_byte_array_new () : NULL;
  if (!recording || !_wp_briefing_record_layout (doc, layout, shaped->record))
    shaped->unrecorded = 1;
  shaped->done = TRUE;
}

/* Whether column @column's @text is shared: agencies, deadlines, statuses
 * and percentages repeat row after row, and so does a note where there is
 * none: shaped once, the layout shared. */
static gboolean
is_shared (guint       column,
           const char *text)
{
  return _wp_briefing_columns[column].repeats || text[0] == '\0';
}

void
_wp_briefing_shape_row (Doc         *doc,
                        const char **cells,
                        gboolean     bold,
                        gboolean     recording,
                        Shaped      *shaped)
{
  shaped->record = recording ? g_byte_array_new () : NULL;
  shaped->height = 0;
  for (guint i = 0; i < N_COLUMNS; i++)
    {
      const char *text = cells[i] ? cells[i] : "";
      PangoLayout *layout;

      if (is_shared (i, text))
        continue;
      layout = _wp_briefing_cell_layout (doc, i, bold, text);
      /* (shaped now, and drawn from the record: the next row, or
       * the header of the next page, lays out its own) */
      if (!recording || !_wp_briefing_record_layout (doc, layout, shaped->record))
        shaped->unrecorded |= 1 << i;
      shaped->height = MAX (shaped->height, _wp_briefing_layout_height (layout));
    }
  shaped->done = TRUE;
}

void
_wp_briefing_place_text_block (Doc        *doc,
                               const char *text,
                               double      size,
                               gboolean    bold,
                               double      gap_after,
                               Shaped     *shaped)
{
  Block block = { 0 };

  if (!shaped->done)
    _wp_briefing_shape_text (doc, text, size, bold, doc->records != NULL, shaped);
  block.size = size;
  block.bold = bold;
  block.height = shaped->height;
  if (shaped->unrecorded)
    block.texts[0] = g_strdup (text);
  _wp_briefing_make_room (doc, block.height);
  block.page = doc->page;
  block.y = doc->y;
  _wp_briefing_add_record (doc, block.page, shaped->record);
  g_array_append_val (doc->blocks, block);
  doc->y += block.height + gap_after;
}

/* One table row of cells; a shaded background for headers and areas. */
void
_wp_briefing_place_table_row (Doc         *doc,
                              const char **cells,
                              gboolean     bold,
                              double       shade,
                              int          light,
                              Shaped      *shaped)
{
  Block block = { 0 };

  if (!shaped->done)
    _wp_briefing_shape_row (doc, cells, bold, doc->records != NULL, shaped);
  block.row = TRUE;
  block.shade = shade;
  block.light = light;
  block.size = 8;
  block.bold = bold;
  block.height = shaped->height;
  for (guint i = 0; i < N_COLUMNS; i++)
    {
      const char *text = cells[i] ? cells[i] : "";
      GHashTable *table;
      guint index;

      if (!is_shared (i, text))
        {
          if (shaped->unrecorded & (1 << i))
            block.texts[i == 0 ? 0 : 1] = g_strdup (text);
          continue;
        }
      table = doc->shaped[bold != FALSE][i];
      index = GPOINTER_TO_UINT (g_hash_table_lookup (table, text));
      if (index == 0)
        {
          g_ptr_array_add (doc->shared,
                           _wp_briefing_new_layout (doc, text, 8, bold,
                                                    _wp_briefing_columns[i].share
                                                    * (PAGE_WIDTH - 2 * MARGIN) - 6,
                                                    CELL_MAX_HEIGHT));
          index = doc->shared->len;
          g_hash_table_insert (table, g_strdup (text), GUINT_TO_POINTER (index));
        }
      block.shared[i] = index;
      block.height = MAX (block.height,
                          _wp_briefing_layout_height (g_ptr_array_index (doc->shared, index - 1)));
    }
  block.height += 6;

  _wp_briefing_make_room (doc, block.height);
  block.page = doc->page;
  block.y = doc->y;
  _wp_briefing_add_record (doc, block.page, shaped->record);
  g_array_append_val (doc->blocks, block);
  doc->y += block.height;
}

/* A chart block: drawn by the core's chart code, as on screen. */
void
_wp_briefing_place_chart_block (Doc             *doc,
                                WpBriefingChart  chart,
                                double           height,
                                double           gap_after)
{
  Block block = { 0 };

  block.chart = chart;
  block.height = height;
  _wp_briefing_make_room (doc, height);
  block.page = doc->page;
  _wp_briefing_add_record (doc, block.page, NULL);
  doc->last_chart_page = doc->page;
  block.y = doc->y;
  g_array_append_val (doc->blocks, block);
  doc->y += height + gap_after;
}

/* Writes a block's @record, on @page: the blocks are placed in order */
void
_wp_briefing_add_record (Doc        *doc,
                         int         page,
                         GByteArray *record)
{
  if (doc->records == NULL)
    return;
  while (doc->record_starts->len < (guint) page)
    {
      gint64 at = ftello (doc->records);

      g_array_append_val (doc->record_starts, at);
    }
  if (record != NULL && record->len > 0
      && fwrite (record->data, 1, record->len, doc->records) != record->len)
    doc->records_failed = TRUE;
}

void
_wp_briefing_block_clear (Block *block)
{
  g_clear_pointer (&block->texts[0], g_free);
  g_clear_pointer (&block->texts[1], g_free);
}

/* Column @column's shared layout in @block, or %NULL */
PangoLayout *
_wp_briefing_block_shared (Doc         *doc,
                           const Block *block,
                           guint        column)
{
  return block->shared[column] > 0 ? g_ptr_array_index (doc->shared, block->shared[column] - 1)
                                   : NULL;
}

/* Column @column's text in @block when it is not shared */
const char *
_wp_briefing_block_text (const Block *block,
                         guint        column)
{
  if (column == 0)
    return block->texts[0];
  return column == NOTE_COLUMN ? block->texts[1] : NULL;
}

void
_wp_briefing_place_table_header (Doc *doc)
{
  const char *cells[N_COLUMNS];
  Shaped shaped = { FALSE };

  for (guint i = 0; i < N_COLUMNS; i++)
    cells[i] = _(_wp_briefing_columns[i].header);
  /* (the same on every page: shaped once) */
  if (doc->header_shaped)
    {
      shaped.done = TRUE;
      shaped.height = doc->header_height;
      shaped.record = doc->header_record;
      shaped.unrecorded = doc->header_unrecorded;
    }
  doc->in_table = FALSE;  /* the header itself must not repeat the header */
  _wp_briefing_place_table_row (doc, cells, TRUE, 0.12, -1, &shaped);
  if (!doc->header_shaped)
    {
      doc->header_shaped = TRUE;
      doc->header_height = shaped.height;
      doc->header_record = shaped.record;
      doc->header_unrecorded = shaped.unrecorded;
    }
  doc->in_table = TRUE;
}
