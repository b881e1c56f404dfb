/* wp-briefing-threads.c: laying the briefing out in threads of its own
 *
 * Reading the plan (the store, the figures, the cells' words) and shaping
 * its text took as long as each other, one after the other, and shaping
 * took most: the sections now hand what they lay out, in order, in batches,
 * to a thread that places it while they read on, and a helper thread
 * shapes batches ahead of it, in a Pango context of its own (Pango's
 * objects are not to be shared between threads). The placing thread alone
 * uses the briefing's context and its blocks until the laying out ends;
 * the sections no longer look at the page or the place. The helper is
 * used only when its context gives the same cairo fonts as the briefing's:
 * then what it shaped is what the placing thread would have, glyph for
 * glyph. A bounded number of batches wait, so that the words read ahead
 * take little memory.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "wp-briefing-private.h"

typedef enum {
  OP_TEXT,
  OP_ROW,
  OP_CHART,
  OP_NEED,
  OP_SKIP,
  OP_HEADER,
  OP_END_TABLE,
} OpKind;

typedef struct {
  OpKind           kind;
  guint8           bold;
  int              light;
  double           size;     /* a text's */
  double           amount;   /* the gap after, the shade, the height needed or skipped */
  double           height;   /* a chart's */
  WpBriefingChart  chart;
  char            *text;     /* a text's; a row's cells one after another, each ending in NUL */
  Shaped           shaped;
} Op;

#define OPS_PER_BATCH  256
#define BATCHES_AHEAD  16

typedef enum {
  BATCH_WAITING,
  BATCH_SHAPING,  /* by the helper */
  BATCH_SHAPED,
} BatchState;

typedef struct {
  GArray     *ops;   /* Op */
  BatchState  state;
} OpBatch;

struct _WpBriefingPlacer {
  GThread  *thread;
  GThread  *helper;
  Doc      *helper_doc;  /* the helper's context and layouts */
  GMutex    lock;
  GCond     cond;
  GQueue    batches;    /* OpBatch, to place */
  GArray   *filling;    /* the ops not handed over yet */
  gboolean  ended;
};

/* @op's row cells */
static void
op_cells (Op          *op,
          const char **cells)
{
  const char *p = op->text;

  for (guint i = 0; i < N_COLUMNS; i++)
    {
      cells[i] = p;
      p += strlen (p) + 1;
    }
}

static void
place_op (Doc *doc,
          Op  *op)
{
  const char *cells[N_COLUMNS];

  switch (op->kind)
    {
    case OP_TEXT:
      _wp_briefing_place_text_block (doc, op->text, op->size, op->bold, op->amount, &op->shaped);
      break;
    case OP_ROW:
      op_cells (op, cells);
      _wp_briefing_place_table_row (doc, cells, op->bold, op->amount, op->light, &op->shaped);
      break;
    case OP_CHART:
      _wp_briefing_place_chart_block (doc, op->chart, op->height, op->amount);
      break;
    case OP_NEED:
      _wp_briefing_make_room (doc, op->amount);
      break;
    case OP_SKIP:
      doc->y += op->amount;
      break;
    case OP_HEADER:
      _wp_briefing_place_table_header (doc);
      break;
    case OP_END_TABLE:
      doc->in_table = FALSE;
      break;
    }
  g_free (op->text);
  if (op->shaped.record != NULL)
    g_byte_array_unref (op->shaped.record);
}

static void
place_batch (Doc     *doc,
             OpBatch *batch)
{
  for (guint i = 0; i < batch->ops->len; i++)
    place_op (doc, &g_array_index (batch->ops, Op, i));
  g_array_unref (batch->ops);
  g_free (batch);
}

static gpointer
place_in_thread (gpointer data)
{
  Doc *doc = data;
  WpBriefingPlacer *placer = doc->placer;

  for (;;)
    {
      OpBatch *batch;

      g_mutex_lock (&placer->lock);
      while (g_queue_is_empty (&placer->batches) && !placer->ended)
        g_cond_wait (&placer->cond, &placer->lock);
      batch = g_queue_pop_head (&placer->batches);
      /* (what the helper shapes, it finishes) */
      while (batch != NULL && batch->state == BATCH_SHAPING)
        g_cond_wait (&placer->cond, &placer->lock);
      g_cond_broadcast (&placer->cond);
      g_mutex_unlock (&placer->lock);
      if (batch == NULL)
        return NULL;
      place_batch (doc, batch);
    }
}

/* Shapes the paragraphs and rows of batches the placing thread has not
 * come to yet */
static gpointer
shape_in_thread (gpointer data)
{
  Doc *doc = data;
  WpBriefingPlacer *placer = doc->placer;
  gboolean recording = doc->records != NULL;

  for (;;)
    {
      OpBatch *batch = NULL;

      g_mutex_lock (&placer->lock);
      for (;;)
        {
          /* (the first batch waiting is left to the placing thread, which
       * comes to it next) */
      for (GList *l = placer->batches.head != NULL ? placer->batches.head->next : NULL;
           l != NULL && batch == NULL; l = l->next)
            if (((OpBatch *) l->data)->state == BATCH_WAITING)
              batch = l->data;
          if (batch != NULL || placer->ended)
            break;
          g_cond_wait (&placer->cond, &placer->lock);
        }
      if (batch != NULL)
        batch->state = BATCH_SHAPING;
      g_mutex_unlock (&placer->lock);
      if (batch == NULL)
        return NULL;

      for (guint i = 0; i < batch->ops->len; i++)
        {
          Op *op = &g_array_index (batch->ops, Op, i);
          const char *cells[N_COLUMNS];

          if (op->kind == OP_TEXT)
            _wp_briefing_shape_text (placer->helper_doc, op->text, op->size, op->bold, recording, &op->shaped);
          else if (op->kind == OP_ROW)
            {
              op_cells (op, cells);
              _wp_briefing_shape_row (placer->helper_doc, cells, op->bold, recording, &op->shaped);
            }
        }

      g_mutex_lock (&placer->lock);
      batch->state = BATCH_SHAPED;
      g_cond_broadcast (&placer->cond);
      g_mutex_unlock (&placer->lock);
    }
}

/* The font of the briefing's text in @pango, if a cairo one */
static PangoFont *
probe_font (PangoContext *pango)
{
  PangoFontDescription *description = pango_font_description_from_string (FONT);
  PangoFont *font;

  pango_font_description_set_size (description, 8 * PANGO_SCALE);
  font = pango_context_load_font (pango, description);
  pango_font_description_free (description);
  if (font != NULL && !PANGO_IS_CAIRO_FONT (font))
    g_clear_object (&font);
  return font;
}

/* A context of its own for the helper, set as the briefing's; %NULL when
 * its fonts are not the same */
static PangoContext *
helper_context (PangoContext *pango)
{
  PangoFontMap *map = pango_context_get_font_map (pango);
  g_autoptr(PangoFont) font = probe_font (pango);
  g_autoptr(PangoFont) own_font = NULL;
  cairo_font_options_t *options;
  PangoFontMap *own_map;
  PangoContext *own;

  if (font == NULL || !PANGO_IS_CAIRO_FONT_MAP (map))
    return NULL;
  own_map = pango_cairo_font_map_new_for_font_type (
              pango_cairo_font_map_get_font_type (PANGO_CAIRO_FONT_MAP (map)));
  if (own_map == NULL)
    return NULL;
  pango_cairo_font_map_set_resolution (PANGO_CAIRO_FONT_MAP (own_map),
                                       pango_cairo_font_map_get_resolution (
                                         PANGO_CAIRO_FONT_MAP (map)));
  own = pango_font_map_create_context (own_map);
  g_object_unref (own_map);
  pango_cairo_context_set_resolution (own, pango_cairo_context_get_resolution (pango));
  /* (the options the briefing's fonts were made with: the surface's) */
  options = cairo_font_options_create ();
  cairo_scaled_font_get_font_options (pango_cairo_font_get_scaled_font (PANGO_CAIRO_FONT (font)),
                                      options);
  pango_cairo_context_set_font_options (own, options);
  cairo_font_options_destroy (options);
  pango_context_set_round_glyph_positions (own, pango_context_get_round_glyph_positions (pango));
  pango_context_set_language (own, pango_context_get_language (pango));
  pango_context_set_base_dir (own, pango_context_get_base_dir (pango));
  pango_context_set_base_gravity (own, pango_context_get_base_gravity (pango));
  pango_context_set_gravity_hint (own, pango_context_get_gravity_hint (pango));
  pango_context_set_matrix (own, pango_context_get_matrix (pango));
  pango_context_set_font_description (own, pango_context_get_font_description (pango));
  own_font = probe_font (own);
  if (own_font == NULL
      || pango_cairo_font_get_scaled_font (PANGO_CAIRO_FONT (own_font))
         != pango_cairo_font_get_scaled_font (PANGO_CAIRO_FONT (font)))
    g_clear_object (&own);
  return own;
}

void
_wp_briefing_free_helper (Doc *doc)
{
  for (guint bold = 0; bold < 2; bold++)
    for (guint i = 0; i < N_COLUMNS; i++)
      g_clear_object (&doc->cells[bold][i]);
  g_clear_object (&doc->footer);
  g_hash_table_unref (doc->paragraphs);
  g_hash_table_unref (doc->fonts);
  g_object_unref (doc->pango);
  g_free (doc);
}

/* Hands the ops filled over to the placing thread, or places them when
 * there is none */
static void
hand_over (Doc *doc)
{
  WpBriefingPlacer *placer = doc->placer;
  OpBatch *batch;

  if (placer->filling == NULL)
    return;
  batch = g_new0 (OpBatch, 1);
  batch->ops = g_steal_pointer (&placer->filling);
  if (placer->thread == NULL)
    {
      place_batch (doc, batch);
      return;
    }
  g_mutex_lock (&placer->lock);
  while (g_queue_get_length (&placer->batches) >= BATCHES_AHEAD)
    g_cond_wait (&placer->cond, &placer->lock);
  g_queue_push_tail (&placer->batches, batch);
  g_cond_broadcast (&placer->cond);
  g_mutex_unlock (&placer->lock);
}

static void
add_op (Doc *doc,
        Op  *op)
{
  WpBriefingPlacer *placer = doc->placer;

  if (placer->filling == NULL)
    placer->filling = g_array_sized_new (FALSE, FALSE, sizeof (Op), OPS_PER_BATCH);
  g_array_append_val (placer->filling, *op);
  if (placer->filling->len >= OPS_PER_BATCH)
    hand_over (doc);
}

/**
 * _wp_briefing_start_placing:
 * @threaded: whether to place and shape in threads of their own
 *
 * Until _wp_briefing_end_placing(), the blocks laid out are shaped and
 * placed in order, in other threads when @threaded (and they can start).
 */
void
_wp_briefing_start_placing (Doc      *doc,
                            gboolean  threaded)
{
  WpBriefingPlacer *placer = g_new0 (WpBriefingPlacer, 1);
  PangoContext *own = threaded ? helper_context (doc->pango) : NULL;

  g_mutex_init (&placer->lock);
  g_cond_init (&placer->cond);
  g_queue_init (&placer->batches);
  doc->placer = placer;
  if (threaded)
    placer->thread = g_thread_try_new ("wp-briefing", place_in_thread, doc, NULL);
  if (placer->thread != NULL && own != NULL)
    {
      Doc *helper = g_new0 (Doc, 1);

      helper->pango = g_steal_pointer (&own);
      helper->paragraphs = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL,
                                                  g_object_unref);
      helper->fonts = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL,
                                             (GDestroyNotify) pango_font_description_free);
      /* (the fonts of the records are the briefing's, numbered in turn) */
      helper->record_fonts = doc->record_fonts;
      g_mutex_init (&doc->fonts_mutex);
      helper->fonts_lock = doc->fonts_lock = &doc->fonts_mutex;
      helper->placer = placer;
      helper->records = doc->records;
      placer->helper_doc = helper;
      placer->helper = g_thread_try_new ("wp-briefing-shape", shape_in_thread, helper, NULL);
      if (placer->helper == NULL)
        g_clear_pointer (&placer->helper_doc, _wp_briefing_free_helper);
    }
  g_clear_object (&own);
}

/* Waits until every block is placed */
void
_wp_briefing_end_placing (Doc *doc)
{
  WpBriefingPlacer *placer = doc->placer;

  hand_over (doc);
  if (placer->thread != NULL)
    {
      g_mutex_lock (&placer->lock);
      placer->ended = TRUE;
      g_cond_broadcast (&placer->cond);
      g_mutex_unlock (&placer->lock);
      g_thread_join (placer->thread);
    }
  if (placer->helper != NULL)
    {
      g_thread_join (placer->helper);
      /* (kept for the footers) */
      doc->helper = g_steal_pointer (&placer->helper_doc);
      doc->helper->placer = NULL;
    }
  g_mutex_clear (&placer->lock);
  g_cond_clear (&placer->cond);
  g_free (placer);
  doc->placer = NULL;
}

void
_wp_briefing_text_block (Doc        *doc,
                         const char *text,
                         double      size,
                         gboolean    bold,
                         double      gap_after)
{
  Op op = { OP_TEXT, bold != FALSE, -1, size, gap_after, 0, NULL, g_strdup (text) };

  add_op (doc, &op);
}

/* One table row of cells; a shaded background for headers and areas. */
void
_wp_briefing_table_row (Doc         *doc,
                        const char **cells,
                        gboolean     bold,
                        double       shade,
                        int          light)
{
  Op op = { OP_ROW, bold != FALSE, light, 8, shade, 0, NULL, NULL };
  gsize lengths[N_COLUMNS], total = 0;
  char *p;

  for (guint i = 0; i < N_COLUMNS; i++)
    total += lengths[i] = (cells[i] != NULL ? strlen (cells[i]) : 0) + 1;
  p = op.text = g_malloc (total);
  for (guint i = 0; i < N_COLUMNS; i++)
    {
      if (cells[i] != NULL)
        memcpy (p, cells[i], lengths[i]);
      else
        *p = '\0';
      p += lengths[i];
    }
  add_op (doc, &op);
}

/* A chart block: drawn by the core's chart code, as on screen. */
void
_wp_briefing_chart_block (Doc             *doc,
                          WpBriefingChart  chart,
                          WpPlanStats     *stats,
                          double           height,
                          double           gap_after)
{
  Op op = { OP_CHART, 0, -1, 0, gap_after, height, chart, NULL };

  g_return_if_fail (stats == doc->stats);
  add_op (doc, &op);
}

/* Makes room for @height, starting a page when it does not fit. */
void
_wp_briefing_need (Doc    *doc,
                   double  height)
{
  Op op = { OP_NEED, 0, -1, 0, height, 0, NULL, NULL };

  add_op (doc, &op);
}

/* Leaves @height of space */
void
_wp_briefing_skip (Doc    *doc,
                   double  height)
{
  Op op = { OP_SKIP, 0, -1, 0, height, 0, NULL, NULL };

  add_op (doc, &op);
}

/* Starts the table: its header, and again at the top of each page */
void
_wp_briefing_table_header (Doc *doc)
{
  Op op = { OP_HEADER, 0, -1, 0, 0, 0, NULL, NULL };

  add_op (doc, &op);
}

/* Ends the table: the pages after it have no header */
void
_wp_briefing_end_table (Doc *doc)
{
  Op op = { OP_END_TABLE, 0, -1, 0, 0, 0, NULL, NULL };

  add_op (doc, &op);
}
