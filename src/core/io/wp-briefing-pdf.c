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
 * N of M", and keeps only its height and place: a plan of 100,000 items
 * kept 200,000 layouts alive. What it shaped, the glyphs and clusters the
 * drawing shows, goes into a temporary file, a record for each text, so
 * that the pages are drawn one by one without shaping the text again (a
 * third of the time) nor keeping it in memory. Cells whose texts repeat
 * row after row (agencies, deadlines, statuses, percentages, an empty
 * note) are shaped once for both passes, and recorded once. The
 * measuring pass shapes and places in two threads of its own while the
 * plan is read (see wp-briefing-layout.c). No piece of
 * text costs more than a page of it: no block runs over a page, longer
 * text ends in an ellipsis.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
/* fdopen() */
#define _XOPEN_SOURCE 700

#include "config.h"

#include <errno.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif
#include <unistd.h>
#include <cairo-pdf.h>
#include <glib/gstdio.h>
#include <glib/gi18n-lib.h>
#include <pango/pangocairo.h>

#include "wp-briefing-private.h"
#include "wp-output.h"

static void
free_record (gpointer record)
{
  if (record != NULL)
    g_byte_array_unref (record);
}

/* The file of the shaped text (see wp-briefing-private.h), gone from
 * the directory once open; without one, the text is laid out again when
 * drawn. */
static void
open_records (WpBriefing *self)
{
  g_autofree char *path = NULL;
  int fd = g_file_open_tmp ("workplan-briefing-XXXXXX", &path, NULL);

  if (fd < 0)
    return;
  g_unlink (path);
  self->records = fdopen (fd, "w+b");
  if (self->records == NULL)
    {
      close (fd);
      return;
    }
  self->record_starts = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->record = g_byte_array_new ();
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
  gboolean facts_kept = wp_store_keeps_plan_facts (store, plan_id);

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
  g_array_set_clear_func (self->blocks, (GDestroyNotify) _wp_briefing_block_clear);
  for (guint bold = 0; bold < 2; bold++)
    for (guint i = 0; i < N_COLUMNS; i++)
      self->shaped[bold][i] = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->shared = g_ptr_array_new_with_free_func (g_object_unref);
  self->shared_records = g_ptr_array_new_with_free_func (free_record);
  self->record_fonts = g_ptr_array_new_with_free_func ((GDestroyNotify) cairo_scaled_font_destroy);
  self->glyphs = g_array_new (FALSE, FALSE, sizeof (cairo_glyph_t));
  self->clusters = g_array_new (FALSE, FALSE, sizeof (cairo_text_cluster_t));
  self->text = g_string_new (NULL);
  self->paragraphs = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL, g_object_unref);
  self->fonts = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL,
                                       (GDestroyNotify) pango_font_description_free);
  open_records (self);
  self->page = 1;
  self->y = MARGIN;
  _wp_briefing_start_placing (self, g_getenv ("WORKPLAN_BRIEFING_ONE_THREAD") == NULL);
  _wp_briefing_lay_out (self, store, plan, stats, agency, summary);
  _wp_briefing_end_placing (self);
  for (guint bold = 0; bold < 2; bold++)
    for (guint i = 0; i < N_COLUMNS; i++)
      g_clear_pointer (&self->shaped[bold][i], g_hash_table_unref);
  if (self->records != NULL)
    {
      gint64 end;

      /* (and where the last page's end) */
      _wp_briefing_add_record (self, self->page + 1, NULL);
      end = g_array_index (self->record_starts, gint64, self->page);
      if (fflush (self->records) != 0 || end < 0)
        self->records_failed = TRUE;
      if (self->records_failed)
        {
          int saved_errno = errno;

          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                       _("Could not keep the briefing’s text in a temporary file: %s"),
                       g_strerror (saved_errno));
          if (!facts_kept)
            wp_store_forget_plan_facts (store, plan_id);
          wp_briefing_free (self);
          return NULL;
        }
    }
  /* The plan's facts, read for the laying out, go before the drawing
   * (20 MB for 100,000 items), unless the store kept them before (a
   * window's) */
  if (!facts_kept)
    wp_store_forget_plan_facts (store, plan_id);
#ifdef __GLIBC__
  /* What the laying out freed, the items and the facts, goes back to the
   * system before the first page is shown: cairo then reads a CJK font's
   * 16 MB table, on top of what malloc would otherwise keep */
  malloc_trim (0);
#endif

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
  _wp_briefing_start_footers (self);
  return self;
}

void
wp_briefing_free (WpBriefing *self)
{
  if (self == NULL)
    return;
  _wp_briefing_stop_footers (self);
  if (self->fonts_lock != NULL)
    g_mutex_clear (self->fonts_lock);
  g_array_unref (self->blocks);
  g_clear_pointer (&self->page_starts, g_array_unref);
  g_clear_pointer (&self->records, fclose);
  g_clear_pointer (&self->record_starts, g_array_unref);
  g_clear_pointer (&self->record, g_byte_array_unref);
  g_clear_pointer (&self->record_fonts, g_ptr_array_unref);
  g_clear_pointer (&self->header_record, g_byte_array_unref);
  g_object_unref (self->pango);
  for (guint bold = 0; bold < 2; bold++)
    for (guint i = 0; i < N_COLUMNS; i++)
      g_clear_object (&self->cells[bold][i]);
  g_hash_table_unref (self->paragraphs);
  g_ptr_array_unref (self->shared);
  g_ptr_array_unref (self->shared_records);
  g_clear_object (&self->footer);
  g_array_unref (self->glyphs);
  g_array_unref (self->clusters);
  g_string_free (self->text, TRUE);
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
      if (briefing->records_failed && sink.error == NULL)
        {
          int saved_errno = errno;

          sink.error = g_error_new (G_IO_ERROR, g_io_error_from_errno (saved_errno),
                                    _("Could not read the briefing’s text back from its "
                                      "temporary file: %s"), g_strerror (saved_errno));
        }
      cairo_show_page (cr);
      /* Each page is drawn once here: its text can go, making room for
       * what cairo keeps of the pages drawn, and so can the figures once
       * the last chart is drawn (the lists are in the blocks' text) */
      for (guint i = g_array_index (briefing->page_starts, guint, page);
           i < g_array_index (briefing->page_starts, guint, page + 1); i++)
        _wp_briefing_block_clear (&g_array_index (briefing->blocks, Block, i));
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
