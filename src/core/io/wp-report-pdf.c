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
} Line;

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

  placed = page != NULL && poppler_page_get_text_layout (page, &boxes, &n_boxes)
           && (glong) n_boxes == n_chars;
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

/* A line that fills the page's width runs on into the next, unless a gap
 * or an indented line follows: that is how a PDF breaks a paragraph, and
 * plain text rules cannot see it in lines as short as a page's. Where the
 * boxes are unknown, a line ending a sentence ends its paragraph. */
static void
join_lines (GPtrArray *lines,
            GString   *text)
{
  g_autoptr(GArray) widths = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GArray) rights = g_array_new (FALSE, FALSE, sizeof (double));
  guint full = 0, indented = 0;
  double right;

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
  g_string_truncate (text, 0);
  for (guint i = 0; i < lines->len; i++)
    {
      const Line *l = g_ptr_array_index (lines, i);
      const Line *n = i + 1 < lines->len ? g_ptr_array_index (lines, i + 1) : NULL;
      gboolean runs_on;

      if (n == NULL)
        runs_on = FALSE;
      else if (l->placed && n->placed)
        /* paragraphs that indent their first lines say where they begin */
        runs_on = l->x2 >= right - MAX (l->y2 - l->y1, 4) * 1.5 && !l->gap_after
                  && !n->indented && (indented * 10 >= lines->len || !ends_sentence (l->text));
      else
        runs_on = full >= 20 && g_array_index (widths, guint, i) * 5 >= full * 4
                  && !ends_sentence (l->text);
      g_string_append (text, l->text);
      if (!runs_on)
        g_string_append_c (text, '\n');
    }
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
  join_lines (body, text);
  {
    WpReportSource *source = wp_report_source_new_for_text (text->str, text->len, error);

    if (source != NULL)
      {
        g_free (source->encoding);
        source->encoding = g_strdup ("pdf");
      }
    return source;
  }
}
