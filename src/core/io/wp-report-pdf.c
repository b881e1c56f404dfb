/* wp-report-pdf.c: a work report as a PDF with a text layer
 *
 * A PDF says where glyphs go, not which are paragraphs: poppler gives each
 * page's text as lines. What a printed page adds is dropped — a header or
 * footer that repeats on most pages, a page number alone on its line
 * ("3", "- 3 -", "第3页 共10页") — and the lines are handed to the text
 * reader, which joins a paragraph's lines again across pages too. A PDF
 * of scanned pages has no text at all: it is refused as such, since
 * reading pictures is OCR's work, not ours.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>
#include <poppler.h>

#include "wp-report-text.h"

/* (poppler 22.12 declares no autoptr cleanups) */
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PopplerDocument, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PopplerPage, g_object_unref)

/* A report runs to tens of pages; a thousand is a book, not a report. */
#define MAX_PAGES 2000
/* Headers and footers are within this many lines of a page's edge. */
#define EDGE_LINES 3

static GRegex *page_number_regex;

/* "3", "- 3 -", "— 3 —", "第3页", "第 3 页 共 10 页", "3/10", "Page 3 of 10" */
static gboolean
is_page_number (const char *line)
{
  if (g_once_init_enter (&page_number_regex))
    g_once_init_leave (&page_number_regex, g_regex_new (
      "^(?:[-—–－·• ]*\\d{1,4}[-—–－·• ]*|第\\s*\\d{1,4}\\s*页(?:\\s*[，,]?\\s*共\\s*\\d{1,4}\\s*页)?"
      "|\\d{1,4}\\s*/\\s*\\d{1,4}|(?i:page)\\s*\\d{1,4}(?:\\s*(?i:of)\\s*\\d{1,4})?)$",
      G_REGEX_OPTIMIZE, 0, NULL));
  return g_regex_match (page_number_regex, line, 0, NULL);
}

/* A line as a header is compared: without spaces, its digits as one mark */
static char *
furniture_key (const char *line)
{
  GString *key = g_string_new (NULL);

  for (const char *p = line; *p != '\0'; p++)
    {
      if (*p == ' ')
        continue;
      if (g_ascii_isdigit (*p))
        {
          if (key->len == 0 || key->str[key->len - 1] != '#')
            g_string_append_c (key, '#');
          continue;
        }
      g_string_append_c (key, *p);
    }
  return g_string_free (key, FALSE);
}

/* A line of a page, and where it is printed (points, from the top left) */
typedef struct {
  char     *text;
  double    x1, x2, y1, y2;
  gboolean  placed;     /* poppler gave its characters' boxes */
  gboolean  gap_after;  /* more space below it than between a paragraph's lines */
  gboolean  indented;   /* starts further right than the page's lines */
  double    size;       /* its characters' font size, on average; 0 if unknown */
  gboolean  heading_font; /* 黑体, 楷体 or a title face throughout */
  gsize     strong;     /* bytes of its text, from the start, in a bold or heading face */
} Line;

/* A paragraph as the PDF prints it, with what its fonts say */
typedef struct {
  char         *text;
  WpReportCues  cues;
  gsize         run_in;  /* bytes of a bold opening */
} PdfPara;

static void
pdf_para_free (PdfPara *p)
{
  g_free (p->text);
  g_free (p);
}

static void
line_free (Line *line)
{
  g_free (line->text);
  g_free (line);
}

static Line *
line_copy (const Line *line)
{
  Line *copy = g_memdup2 (line, sizeof *line);

  copy->text = g_strdup (line->text);
  return copy;
}

static int
compare_double (gconstpointer a,
                gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return x < y ? -1 : x > y;
}

static double
quantile (GArray *values,
          guint   percent)
{
  if (values->len == 0)
    return 0;
  g_array_sort (values, compare_double);
  return g_array_index (values, double, (values->len - 1) * percent / 100);
}

/* What a font's name says of its face: a bold weight, or the faces
 * offices set headings in (黑体 SimHei, 楷体 KaiTi, 小标宋 for titles).
 * Embedded names carry a subset prefix (ABCDEF+SimHei). */
static gboolean
is_strong_face (const char *name)
{
  static const char *const marks[] = { "Bold", "bold", "Heavy", "Black", "Semibold", "Demi",
                                       "Hei", "hei", "黑", "Kai", "kai", "楷", "XBS",
                                       "XiaoBiaoSong", "小标宋" };

  for (guint i = 0; name != NULL && i < G_N_ELEMENTS (marks); i++)
    if (strstr (name, marks[i]) != NULL)
      return TRUE;
  return FALSE;
}

static gboolean
is_heading_face (const char *name)
{
  static const char *const marks[] = { "Hei", "hei", "黑", "Kai", "kai", "楷", "XBS",
                                       "XiaoBiaoSong", "小标宋" };

  for (guint i = 0; name != NULL && i < G_N_ELEMENTS (marks); i++)
    if (strstr (name, marks[i]) != NULL)
      return TRUE;
  return FALSE;
}

/* Each character's font size and face, from poppler's runs of attributes */
typedef struct {
  float   *size;
  guint8  *face;  /* 1 strong, 2 a heading face too */
} Fonts;

static void
read_fonts (PopplerPage *page,
            glong        n_chars,
            Fonts       *fonts)
{
  GList *runs = page != NULL ? poppler_page_get_text_attributes (page) : NULL;

  fonts->size = g_new0 (float, (gsize) n_chars + 1);
  fonts->face = g_new0 (guint8, (gsize) n_chars + 1);
  for (GList *l = runs; l != NULL; l = l->next)
    {
      const PopplerTextAttributes *a = l->data;
      guint8 face = is_heading_face (a->font_name) ? 2 : is_strong_face (a->font_name) ? 1 : 0;

      for (glong k = MAX (a->start_index, 0); k <= a->end_index && k < n_chars; k++)
        {
          fonts->size[k] = (float) a->font_size;
          fonts->face[k] = face;
        }
    }
  poppler_page_free_text_attributes (runs);
}

/* A line's fonts: its average size, whether it is in a heading face
 * throughout, and how much of it opens in a strong face */
static void
line_fonts (Line        *line,
            const char  *raw,
            glong        index,
            const Fonts *fonts)
{
  const char *c = raw;
  double total = 0;
  guint n = 0, heading = 0;
  const char *strong_end = raw;
  gboolean opening = TRUE;

  for (glong k = index; *c != '\0'; k++, c = g_utf8_next_char (c))
    {
      if (g_unichar_isspace (g_utf8_get_char (c)))
        continue;
      total += fonts->size[k];
      n++;
      heading += fonts->face[k] == 2;
      if (opening && fonts->face[k] > 0)
        strong_end = g_utf8_next_char (c);
      else
        opening = FALSE;
    }
  line->size = n > 0 ? total / n : 0;
  line->heading_font = n > 0 && heading == n;
  if (strong_end > raw)
    {
      g_autofree char *prefix = g_strndup (raw, (gsize) (strong_end - raw));
      g_autofree char *normal = _wp_report_normalise_line (prefix);

      if (g_str_has_prefix (line->text, normal))
        line->strong = strlen (normal);
    }
}

/* The page's lines with their boxes: poppler gives one box per character
 * of its text, newlines included. */
static GPtrArray *
page_lines (PopplerPage *page,
            const char  *text)
{
  GPtrArray *lines = g_ptr_array_new_with_free_func ((GDestroyNotify) line_free);
  g_autofree PopplerRectangle *boxes = NULL;
  guint n_boxes = 0;
  glong n_chars = g_utf8_strlen (text, -1);
  gboolean placed;
  const char *p = text;
  glong index = 0;
  g_autoptr(GArray) steps = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) lefts = g_array_new (FALSE, FALSE, sizeof (double));
  double step, left;

  Fonts fonts = { NULL, NULL };

  placed = page != NULL && poppler_page_get_text_layout (page, &boxes, &n_boxes)
           && (glong) n_boxes == n_chars;
  read_fonts (page, n_chars, &fonts);
  while (*p != '\0')
    {
      const char *end = strchr (p, '\n');
      gsize length = end ? (gsize) (end - p) : strlen (p);
      g_autofree char *raw = g_strndup (p, length);
      char *normal = _wp_report_normalise_line (raw);
      glong count = g_utf8_strlen (raw, -1);
      Line *line;

      if (normal[0] == '\0')
        g_free (normal);
      else
        {
          line = g_new0 (Line, 1);
          line->text = normal;
          line->placed = placed;
          line_fonts (line, raw, index, &fonts);
          if (placed)
            {
              gboolean first = TRUE;
              const char *c = raw;

              for (glong k = index; k < index + count; k++, c = g_utf8_next_char (c))
                {
                  const PopplerRectangle *b = &boxes[k];

                  if (g_unichar_isspace (g_utf8_get_char (c)))
                    continue;
                  if (first)
                    {
                      line->x1 = b->x1;
                      line->y1 = b->y1;
                      line->y2 = b->y2;
                      first = FALSE;
                    }
                  line->x2 = MAX (line->x2, b->x2);
                  line->y1 = MIN (line->y1, b->y1);
                  line->y2 = MAX (line->y2, b->y2);
                }
            }
          g_ptr_array_add (lines, line);
        }
      index += count + (end ? 1 : 0);
      p = end ? end + 1 : p + length;
    }
  g_free (fonts.size);
  g_free (fonts.face);
  if (!placed || lines->len < 2)
    return lines;

  /* a paragraph's lines are one step apart; a larger gap ends it, and a
   * line that starts further right (the 2-character indent) begins one */
  for (guint i = 0; i < lines->len; i++)
    {
      Line *l = g_ptr_array_index (lines, i);

      g_array_append_val (lefts, l->x1);
      if (i + 1 < lines->len)
        {
          Line *n = g_ptr_array_index (lines, i + 1);
          double d = n->y1 - l->y1;
          if (d > 0)
            g_array_append_val (steps, d);
        }
    }
  step = quantile (steps, 50);
  left = quantile (lefts, 10);
  for (guint i = 0; i < lines->len; i++)
    {
      Line *l = g_ptr_array_index (lines, i);
      double size = l->y2 - l->y1;

      l->indented = l->x1 > left + MAX (size, 4) * 1.2;
      if (i + 1 < lines->len)
        {
          Line *n = g_ptr_array_index (lines, i + 1);
          l->gap_after = step > 0 && n->y1 - l->y1 > step * 1.3;
        }
    }
  return lines;
}

/* How wide a line is printed: a Chinese character two columns */
static guint
line_width (const char *line)
{
  guint width = 0;

  for (const char *p = line; *p != '\0'; p = g_utf8_next_char (p))
    width += g_unichar_iswide (g_utf8_get_char (p)) ? 2 : 1;
  return width;
}

static int
compare_uint (gconstpointer a,
              gconstpointer b)
{
  guint x = *(const guint *) a, y = *(const guint *) b;
  return x < y ? -1 : x > y;
}

static gboolean
ends_sentence (const char *line)
{
  const char *end = line + strlen (line);
  gunichar last = end > line ? g_utf8_get_char (g_utf8_find_prev_char (line, end)) : 0;

  return last == 0x3002 || last == 0xFF01 || last == 0xFF1F || last == 0xFF1A
         || last == 0xFF1B || last == 0x201D;
}

/* What sets a line apart: a larger size than the body's, a bold or
 * heading face throughout */
static guint
font_class (const Line *l,
            double      body_size)
{
  return (body_size > 0 && l->size >= body_size * 1.1 ? 2 : 0)
         | (l->strong > 0 && l->strong == strlen (l->text) ? 1 : 0);
}

/* A line that fills the page's width runs on into the next, unless a gap
 * or an indented line follows: that is how a PDF breaks a paragraph, and
 * plain text rules cannot see it in lines as short as a page's. Where the
 * boxes are unknown, a line ending a sentence ends its paragraph. */
static void
join_lines (GPtrArray *lines,
            GString   *text,
            GPtrArray *paras)
{
  g_autoptr(GArray) widths = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GArray) rights = g_array_new (FALSE, FALSE, sizeof (double));
  guint full = 0, indented = 0;
  double right, body_size;
  gsize para_start = 0, run_in = 0;
  gboolean large = TRUE, heading_face = TRUE, opening = TRUE;

  for (guint i = 0; i < lines->len; i++)
    {
      Line *l = g_ptr_array_index (lines, i);
      guint w = line_width (l->text);

      g_array_append_val (widths, w);
      if (l->placed)
        g_array_append_val (rights, l->x2);
      indented += l->indented;
    }
  if (widths->len > 0)
    {
      g_autoptr(GArray) sorted = g_array_copy (widths);
      g_array_sort (sorted, compare_uint);
      full = g_array_index (sorted, guint, (sorted->len - 1) * 9 / 10);
    }
  right = quantile (rights, 90);
  {
    g_autoptr(GArray) sizes = g_array_new (FALSE, FALSE, sizeof (double));

    for (guint i = 0; i < lines->len; i++)
      if (((Line *) g_ptr_array_index (lines, i))->size > 0)
        g_array_append_val (sizes, ((Line *) g_ptr_array_index (lines, i))->size);
    body_size = quantile (sizes, 50);
  }
  g_string_truncate (text, 0);
  for (guint i = 0; i < lines->len; i++)
    {
      const Line *l = g_ptr_array_index (lines, i);
      const Line *n = i + 1 < lines->len ? g_ptr_array_index (lines, i + 1) : NULL;
      gboolean runs_on;
      gsize length = strlen (l->text);

      /* what the paragraph's fonts say, line by line */
      large &= body_size > 0 && l->size >= body_size * 1.1;
      heading_face &= l->heading_font;
      if (opening)
        {
          run_in += l->strong;
          opening = l->strong == length;
        }

      if (n == NULL)
        runs_on = FALSE;
      else if (font_class (l, body_size) != font_class (n, body_size))
        runs_on = FALSE;  /* a line set apart by its font: a heading */
      else if (l->placed && n->placed)
        /* paragraphs that indent their first lines say where they begin */
        runs_on = l->x2 >= right - MAX (l->y2 - l->y1, 4) * 1.5 && !l->gap_after
                  && !n->indented && (indented * 10 >= lines->len || !ends_sentence (l->text));
      else
        runs_on = full >= 20 && g_array_index (widths, guint, i) * 5 >= full * 4
                  && !ends_sentence (l->text);
      g_string_append (text, l->text);
      if (!runs_on)
        {
          PdfPara *p = g_new0 (PdfPara, 1);

          p->text = g_strndup (text->str + para_start, text->len - para_start);
          if (large || heading_face)
            p->cues |= WP_REPORT_CUE_HEADING;
          if (run_in == strlen (p->text))
            p->cues |= WP_REPORT_CUE_BOLD;
          else
            p->run_in = run_in;
          g_ptr_array_add (paras, p);
          g_string_append_c (text, '\n');
          para_start = text->len;
          large = heading_face = opening = TRUE;
          run_in = 0;
        }
    }
}

/* A paragraph's words only, to find it again after the text reader has
 * normalised it */
static char *
words_key (const char *text,
           gsize       length)
{
  GString *key = g_string_new (NULL);

  for (const char *p = text; p < text + length && *p != '\0'; p = g_utf8_next_char (p))
    if (g_unichar_isalnum (g_utf8_get_char (p)))
      g_string_append_unichar (key, g_utf8_get_char (p));
  return g_string_free (key, FALSE);
}

/* Bytes of @text its first @n words (alphanumeric characters) take, or 0
 * if @key is not how @text begins */
static gsize
words_length (const char *text,
              gsize       length,
              const char *key)
{
  const char *p = text, *k = key;

  while (*k != '\0')
    {
      gunichar c;

      if (p >= text + length)
        return 0;
      c = g_utf8_get_char (p);
      p = g_utf8_next_char (p);
      if (!g_unichar_isalnum (c))
        continue;
      if (c != g_utf8_get_char (k))
        return 0;
      k = g_utf8_next_char (k);
    }
  /* (with the punctuation that ends it) */
  while (p < text + length && !g_unichar_isalnum (g_utf8_get_char (p))
         && !g_unichar_isspace (g_utf8_get_char (p)))
    p = g_utf8_next_char (p);
  return (gsize) (p - text);
}

static void
add_piece (GArray                  *out,
           GString                 *text,
           const char              *words,
           gsize                    length,
           const WpReportParagraph *from,
           WpReportCues             cues,
           gsize                    run_in)
{
  WpReportParagraph p = *from;

  while (length > 0 && *words == ' ')
    words++, length--;
  if (length == 0)
    return;
  p.start = text->len;
  g_string_append_len (text, words, (gssize) length);
  p.end = text->len;
  g_string_append_c (text, '\n');
  p.cues |= cues;
  p.run_in = run_in > 0 && run_in < length ? run_in : p.run_in;
  p.number = g_strdup (from->number);
  g_array_append_val (out, p);
}

/* The fonts' cues, given to the reader's paragraphs: a heading in a larger
 * size or 黑体/楷体, a bold line, a bold opening. The reader joins a line
 * that ends without a full stop to the next (a heading with commas, say);
 * a line the fonts set apart is its own paragraph again. */
static void
give_cues (WpReportSource *source,
           GPtrArray      *paras)
{
  g_autoptr(GString) text = g_string_new (NULL);
  GArray *out = g_array_new (FALSE, FALSE, sizeof (WpReportParagraph));
  guint k = 0;

  for (guint i = 0; i < source->paragraphs->len; i++)
    {
      WpReportParagraph *sp = &g_array_index (source->paragraphs, WpReportParagraph, i);
      const char *words = source->text + sp->start;
      gsize length = sp->end - sp->start, pos = 0, piece = 0;
      gsize run_in = 0;

      while (pos < length && k < paras->len)
        {
          PdfPara *p = NULL;
          gsize e = 0;

          /* (the PDF's paragraphs the reader left out are skipped) */
          for (guint j = k; j < paras->len && j < k + 8 && e == 0; j++)
            {
              const char *ptext = ((PdfPara *) g_ptr_array_index (paras, j))->text;
              g_autofree char *key = words_key (ptext, strlen (ptext));
              e = key[0] != '\0' ? words_length (words + pos, length - pos, key) : 0;
              if (e > 0)
                {
                  p = g_ptr_array_index (paras, j);
                  k = j + 1;
                }
            }
          if (p == NULL)
            break;
          if (pos == piece)
            run_in = p->run_in;
          if ((p->cues & (WP_REPORT_CUE_HEADING | WP_REPORT_CUE_BOLD)) != 0)
            {
              /* what came before, then the heading alone */
              if (pos > piece)
                add_piece (out, text, words + piece, pos - piece, sp, 0, run_in);
              add_piece (out, text, words + pos, e, sp, p->cues, 0);
              piece = pos + e;
              run_in = 0;
            }
          pos += e;
        }
      if (piece < length)
        add_piece (out, text, words + piece, length - piece, sp, 0, run_in);
      g_free (sp->number);
    }
  g_array_unref (source->paragraphs);
  source->paragraphs = out;
  g_free (source->text);
  source->length = text->len;
  source->text = g_string_free (g_steal_pointer (&text), FALSE);
}

/**
 * wp_report_source_new_for_pdf:
 *
 * Reads a PDF's text layer, without page furniture, into a source.
 *
 * Returns: (transfer full): the source, or %NULL with @error set
 */
WpReportSource *
wp_report_source_new_for_pdf (const char  *data,
                              gsize        length,
                              GError     **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(PopplerDocument) document = NULL;
  g_autoptr(GPtrArray) pages = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  g_autoptr(GHashTable) edges = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GPtrArray) body = g_ptr_array_new_with_free_func ((GDestroyNotify) line_free);
  g_autoptr(GPtrArray) paras = g_ptr_array_new_with_free_func ((GDestroyNotify) pdf_para_free);
  gsize text_bytes = 0;
  int n_pages;
  guint with_text = 0;

  if (length > WP_REPORT_MAX_FILE_SIZE)
    {
      g_set_error (error, WP_REPORT_ERROR, WP_REPORT_ERROR_TOO_LARGE,
                   _("The file is too large to be a work report (over %d MB)."),
                   WP_REPORT_MAX_FILE_SIZE / (1024 * 1024));
      return NULL;
    }
  bytes = g_bytes_new (data, length);
  document = poppler_document_new_from_bytes (bytes, NULL, &local_error);
  if (document == NULL)
    {
      if (g_error_matches (local_error, POPPLER_ERROR, POPPLER_ERROR_ENCRYPTED))
        g_set_error (error, WP_REPORT_ERROR, WP_REPORT_ERROR_DAMAGED,
                     _("The PDF is protected by a password: save it without one and import "
                       "that."));
      else
        g_set_error (error, WP_REPORT_ERROR, WP_REPORT_ERROR_DAMAGED,
                     _("The PDF is damaged and cannot be read."));
      return NULL;
    }
  n_pages = poppler_document_get_n_pages (document);
  if (n_pages > MAX_PAGES)
    {
      g_set_error (error, WP_REPORT_ERROR, WP_REPORT_ERROR_TOO_LARGE,
                   _("The PDF has %d pages, too many to be a work report."), n_pages);
      return NULL;
    }

  for (int i = 0; i < n_pages; i++)
    {
      g_autoptr(PopplerPage) page = poppler_document_get_page (document, i);
      g_autofree char *page_text = page != NULL ? poppler_page_get_text (page) : NULL;
      GPtrArray *lines = page_lines (page, page_text != NULL ? page_text : "");
      g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

      with_text += lines->len > 0;
      g_ptr_array_add (pages, lines);
      if (text_bytes + (page_text ? strlen (page_text) : 0) > WP_REPORT_MAX_INPUT_SIZE)
        {
          g_set_error (error, WP_REPORT_ERROR, WP_REPORT_ERROR_TOO_LARGE,
                       _("The file is too large to be a work report (over %d MB)."),
                       WP_REPORT_MAX_INPUT_SIZE / (1024 * 1024));
          return NULL;
        }
      text_bytes += page_text ? strlen (page_text) : 0;
      /* count each edge line once a page */
      for (guint k = 0; k < lines->len; k++)
        {
          char *key;

          if (k >= EDGE_LINES && k + EDGE_LINES < lines->len)
            continue;
          key = furniture_key (((Line *) g_ptr_array_index (lines, k))->text);
          if (g_hash_table_contains (seen, key))
            {
              g_free (key);
              continue;
            }
          g_hash_table_add (seen, key);
          g_hash_table_insert (edges, g_strdup (key),
                               GINT_TO_POINTER (GPOINTER_TO_INT (g_hash_table_lookup (edges,
                                                                                      key)) + 1));
        }
    }
  if (with_text == 0)
    {
      g_set_error (error, WP_REPORT_ERROR, WP_REPORT_ERROR_NO_TEXT,
                   _("The PDF has no text, only pictures of pages (a scan): Workplan cannot "
                     "read it. Import the Word file or text it was made from, or have it "
                     "recognised (OCR) first."));
      return NULL;
    }

  for (guint i = 0; i < pages->len; i++)
    {
      GPtrArray *lines = g_ptr_array_index (pages, i);

      for (guint k = 0; k < lines->len; k++)
        {
          Line *l = g_ptr_array_index (lines, k);
          const char *line = l->text;

          if (is_page_number (line))
            continue;
          if ((k < EDGE_LINES || k + EDGE_LINES >= lines->len) && pages->len >= 3)
            {
              g_autofree char *key = furniture_key (line);
              guint times = GPOINTER_TO_UINT (g_hash_table_lookup (edges, key));

              /* on most pages: a running header or footer */
              if (times * 2 > pages->len && g_utf8_strlen (line, -1) <= 40)
                continue;
            }
          g_ptr_array_add (body, line_copy (l));
        }
    }
  join_lines (body, text, paras);
  {
    WpReportSource *source = wp_report_source_new_for_text (text->str, text->len, error);

    if (source != NULL)
      {
        g_free (source->encoding);
        source->encoding = g_strdup ("pdf");
        give_cues (source, paras);
      }
    return source;
  }
}
