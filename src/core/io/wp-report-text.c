/* wp-report-text.c: decoding a work report and cutting it into paragraphs
 *
 * Reports reach an office as text copied from a web page, saved by Notepad
 * (UTF-16, a BOM) or by an old Windows tool (GBK). This reads each of them
 * into one normalised UTF-8 text, one paragraph a line: lines a web page or
 * a PDF broke mid-sentence are joined again, and the single lines some
 * pages give a whole article, its headings and paragraphs run together with
 * spaces, are cut apart. The importer's spans are offsets into that text.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>
#include <gio/gio.h>
#include <uchardet.h>

#include "wp-report-text.h"

G_DEFINE_QUARK (wp-report-error-quark, wp_report_error)

/* A longer paragraph holding spaces is several run together. */
#define RUN_TOGETHER_MIN_CHARS 200
/* Phrases of a heading chain (坚持主动创稳 强化系统治理) are this short. */
#define HEADING_PHRASE_MAX_CHARS 25

void
wp_report_source_free (WpReportSource *source)
{
  if (source == NULL)
    return;
  for (guint i = 0; i < source->paragraphs->len; i++)
    g_free (g_array_index (source->paragraphs, WpReportParagraph, i).number);
  g_array_unref (source->paragraphs);
  if (source->tables != NULL)
    g_ptr_array_unref (source->tables);
  g_free (source->text);
  g_free (source->encoding);
  g_free (source);
}

static gboolean
looks_like_text (const char *utf8)
{
  gsize controls = 0, total = 0;

  for (const char *p = utf8; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      total++;
      if ((c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f')
          || c == 0xFFFD || (c >= 0x7F && c < 0xA0))
        controls++;
    }
  /* A few stray controls survive copying; binary data is full of them. */
  return total > 0 && controls * 100 <= total;
}

static char *
convert_checked (const char  *data,
                 gsize        length,
                 const char  *charset)
{
  g_autofree char *out = NULL;
  gsize written = 0;

  out = g_convert (data, (gssize) length, "UTF-8", charset, NULL, &written, NULL);
  if (out == NULL || memchr (out, '\0', written) != NULL || !looks_like_text (out))
    return NULL;
  return g_steal_pointer (&out);
}

/**
 * wp_report_decode:
 * @encoding: (out) (optional): the encoding the data was in
 *
 * Decodes a plain-text report: UTF-8 with or without a BOM, UTF-16 with a
 * BOM, or whatever uchardet recognises (GB18030 and GBK above all), each
 * checked by converting it, never assumed.
 *
 * Returns: (transfer full): UTF-8 text, or %NULL with @error set
 */
char *
wp_report_decode (const char  *data,
                  gsize        length,
                  char       **encoding,
                  GError     **error)
{
  const char *charset = NULL;
  char *text = NULL;

  if (length >= 3 && memcmp (data, "\xef\xbb\xbf", 3) == 0)
    {
      data += 3;
      length -= 3;
      charset = "UTF-8";
    }
  else if (length >= 2 && (memcmp (data, "\xff\xfe", 2) == 0 || memcmp (data, "\xfe\xff", 2) == 0))
    {
      charset = (guchar) data[0] == 0xff ? "UTF-16LE" : "UTF-16BE";
      text = convert_checked (data + 2, length - 2, charset);
    }

  if (text == NULL && (charset == NULL || g_str_equal (charset, "UTF-8"))
      && g_utf8_validate (data, (gssize) length, NULL) && memchr (data, '\0', length) == NULL)
    {
      text = g_strndup (data, length);
      charset = "UTF-8";
      if (!looks_like_text (text) && text[0] != '\0')
        g_clear_pointer (&text, g_free);
    }
  else if (text == NULL && charset == NULL && memchr (data, '\0', length) == NULL)
    {
      uchardet_t detector = uchardet_new ();
      g_autofree char *detected = NULL;

      uchardet_handle_data (detector, data, length);
      uchardet_data_end (detector);
      detected = g_strdup (uchardet_get_charset (detector));
      uchardet_delete (detector);

      if (detected[0] != '\0' && g_ascii_strcasecmp (detected, "ASCII") != 0)
        {
          /* GB18030 is a superset of GBK and GB2312: read either as it */
          if (g_ascii_strcasecmp (detected, "GB2312") == 0
              || g_ascii_strcasecmp (detected, "GBK") == 0)
            {
              g_free (detected);
              detected = g_strdup ("GB18030");
            }
          text = convert_checked (data, length, detected);
          charset = text ? g_intern_string (detected) : NULL;
        }
    }

  if (text == NULL)
    {
      g_set_error (error, WP_REPORT_ERROR, WP_REPORT_ERROR_BINARY,
                   _("The file is not text that Workplan can read (nor UTF-8, UTF-16 or GB18030)."));
      return NULL;
    }
  if (encoding != NULL)
    *encoding = g_strdup (charset);
  return text;
}

static gboolean
is_cjk (gunichar c)
{
  return g_unichar_get_script (c) == G_UNICODE_SCRIPT_HAN
         || (c >= 0x3000 && c <= 0x303F) || (c >= 0xFF00 && c <= 0xFFEF)
         || (c >= 0x2018 && c <= 0x201D) || c == 0x2026 || c == 0x2014;
}

/* One line, as the rules want it: no zero-width or odd spaces, one space
 * where there were several, and the half-width punctuation web pages put
 * in Chinese text made full-width, so that rules read one form. */
static char *
normalise_line (const char *line)
{
  return _wp_report_normalise_line (line);
}

char *
_wp_report_normalise_line (const char *line)
{
  g_autofree gunichar *chars = g_utf8_to_ucs4_fast (line, -1, NULL);
  GString *out = g_string_new (NULL);
  gsize n = 0;

  while (chars[n] != 0)
    n++;

  for (gsize i = 0; i < n; i++)
    {
      gunichar c = chars[i];
      gunichar prev = 0, next = 0;

      if (c == 0x200B || c == 0x200C || c == 0x200D || c == 0xFEFF || c == 0xAD)
        continue;
      if (c == '\t' || c == 0x3000 || c == 0xA0 || (c >= 0x2000 && c <= 0x200A) || c == '\f')
        c = ' ';
      if (c >= 0xFF10 && c <= 0xFF19)
        c = '0' + (c - 0xFF10);
      else if (c >= 0xFF21 && c <= 0xFF3A)
        c = c - 0xFF21 + 'A';
      else if (c >= 0xFF41 && c <= 0xFF5A)
        c = c - 0xFF41 + 'a';
      else if (c == 0xFF05)
        c = '%';
      else if (c == 0xFF0E && i > 0 && g_ascii_isdigit (chars[i - 1]))
        c = '.';

      if (c == ' ')
        {
          if (out->len == 0 || out->str[out->len - 1] == ' ')
            continue;
          g_string_append_c (out, ' ');
          continue;
        }

      for (gsize k = i; k > 0; k--)
        if (chars[k - 1] != ' ')
          {
            prev = chars[k - 1];
            break;
          }
      for (gsize k = i + 1; k < n; k++)
        if (chars[k] != ' ')
          {
            next = chars[k];
            break;
          }

      if (c != 0 && c < 128 && strchr (",:;?!()", (int) c) != NULL)
        {
          gboolean digits = prev < 128 && next < 128 && g_ascii_isdigit (prev)
                            && g_ascii_isdigit (next);
          gboolean cjk = (prev != 0 && is_cjk (prev)) || (next != 0 && is_cjk (next));

          if (cjk && !digits)
            {
              static const char ascii[] = ",:;?!()";
              static const gunichar wide[] = { 0xFF0C, 0xFF1A, 0xFF1B, 0xFF1F, 0xFF01,
                                               0xFF08, 0xFF09 };
              c = wide[strchr (ascii, (int) c) - ascii];
              /* the space a web page put beside it goes too */
              if (out->len > 0 && out->str[out->len - 1] == ' ')
                g_string_truncate (out, out->len - 1);
              g_string_append_unichar (out, c);
              while (i + 1 < n && chars[i + 1] == ' ' && c != 0xFF09)
                i++;
              continue;
            }
        }
      g_string_append_unichar (out, c);
    }

  while (out->len > 0 && out->str[out->len - 1] == ' ')
    g_string_truncate (out, out->len - 1);
  return g_string_free (out, FALSE);
}

static gunichar
last_char (const char *s)
{
  const char *end = s + strlen (s);

  if (end == s)
    return 0;
  return g_utf8_get_char (g_utf8_find_prev_char (s, end));
}

static gboolean
is_terminal (gunichar c)
{
  /* 。！？；：”’）」』》…】 and their half-width forms */
  if (c == 0)
    return FALSE;
  if (c < 128)
    return strchr (".!?;:\"')|", (int) c) != NULL;
  return c == 0x3002 || c == 0xFF01 || c == 0xFF1F || c == 0xFF1B || c == 0xFF1A
         || c == 0x201D || c == 0x2019 || c == 0xFF09 || c == 0x300D || c == 0x300F
         || c == 0x300B || c == 0x2026 || c == 0x3011;
}

/* Brackets and quotes a line leaves open: a sentence running on. */
static gboolean
leaves_open (const char *s)
{
  int depth = 0;

  for (const char *p = s; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == 0x201C || c == 0x300A || c == 0xFF08 || c == 0x300C)  /* “《（「 */
        depth++;
      else if ((c == 0x201D || c == 0x300B || c == 0xFF09 || c == 0x300D) && depth > 0)
        depth--;
    }
  return depth > 0;
}

static gboolean
starts_with_marker (const char *s)
{
  static GRegex *regex;

  if (g_once_init_enter (&regex))
    g_once_init_leave (&regex, g_regex_new (
      "^(?:[一二三四五六七八九十]{1,3}[、.．]|[（(][一二三四五六七八九十\\d]{1,3}[）)]"
      "|\\d{1,2}[、.．](?!\\d)|第[一二三四五六七八九十]{1,3}(?:部分|章|篇)|[●•■◆▪□★☆·])",
      G_REGEX_OPTIMIZE, 0, NULL));
  return g_regex_match (regex, s, 0, NULL);
}

/* A line that surely runs on into the next: it ends mid-sentence after a
 * sentence ended inside it, leaves a quote open, or is longer than any
 * heading. */
static gboolean
surely_wrapped (const char *line)
{
  glong chars = g_utf8_strlen (line, -1);

  if (is_terminal (last_char (line)) || starts_with_marker (line))
    return FALSE;
  return strstr (line, "。") != NULL || strstr (line, "；") != NULL || leaves_open (line)
         || chars >= 40;
}

/* 刘宏 辽宁省大连市委常委、政法委书记: a speaker's line, whole */
static gboolean
is_speaker_line (const char *line)
{
  static GRegex *regex;

  if (g_once_init_enter (&regex))
    g_once_init_leave (&regex, g_regex_new (
      "^\\p{Han}{2,4} \\p{Han}[\\p{Han}、]{3,40}(?:书记|局长|院长|检察长|主任|市长|厅长|部长|"
      "委员|处长|政委|区长|县长|庭长|所长|队长|署长)$", G_REGEX_OPTIMIZE, 0, NULL));
  return g_regex_match (regex, line, 0, NULL);
}

static gboolean
maybe_wrapped (const char *line)
{
  if (is_terminal (last_char (line)) || starts_with_marker (line) || is_speaker_line (line))
    return FALSE;
  return surely_wrapped (line) || strstr (line, "，") != NULL || strstr (line, "、") != NULL
         || g_utf8_strlen (line, -1) >= 20;
}

typedef struct {
  GString *text;
  GArray  *paragraphs;
} Builder;

static void
emit (Builder    *b,
      const char *text,
      gsize       length)
{
  WpReportParagraph p = { 0, 0, WP_REPORT_CUE_NONE, -1, NULL, 0 };

  while (length > 0 && text[0] == ' ')
    text++, length--;
  while (length > 0 && text[length - 1] == ' ')
    length--;
  if (length == 0)
    return;
  p.start = b->text->len;
  g_string_append_len (b->text, text, (gssize) length);
  p.end = b->text->len;
  g_string_append_c (b->text, '\n');
  g_array_append_val (b->paragraphs, p);
}

static gboolean
is_heading_phrase (const char *s,
                   gsize       length)
{
  g_autofree char *phrase = g_strndup (s, length);

  if (g_utf8_strlen (phrase, -1) > HEADING_PHRASE_MAX_CHARS)
    return FALSE;
  return strstr (phrase, "，") == NULL && strstr (phrase, "。") == NULL
         && strstr (phrase, "；") == NULL && strstr (phrase, "！") == NULL
         && strstr (phrase, "？") == NULL && !starts_with_marker (phrase)
         && !is_terminal (last_char (phrase));
}

/* A label (目标：…) or a year marker (回顾2024, 成绩单) stands for itself. */
static gboolean
is_marker_phrase (const char *s,
                  gsize       length)
{
  g_autofree char *phrase = g_strndup (s, length);
  glong chars = g_utf8_strlen (phrase, -1);

  if (chars > 8)
    return FALSE;
  for (const char *p = phrase; *p; p++)
    if (g_ascii_isdigit (p[0]) && g_ascii_isdigit (p[1]) && g_ascii_isdigit (p[2])
        && g_ascii_isdigit (p[3]))
      return TRUE;
  return g_str_equal (phrase, "成绩单") || g_str_equal (phrase, "路线图")
         || g_str_equal (phrase, "关键词");
}

/* Emits a chain of heading phrases: year markers go with what follows,
 * labels stand alone, the rest pair up (two phrases make a heading). */
static void
emit_heading_chain (Builder    *b,
                    const char *base,
                    GArray     *starts,
                    GArray     *ends)
{
  guint i = 0;

  while (i < starts->len)
    {
      gsize s = g_array_index (starts, gsize, i);
      gsize e = g_array_index (ends, gsize, i);
      g_autofree char *phrase = g_strndup (base + s, e - s);
      guint j = i + 1;

      if (strstr (phrase, "：") != NULL)
        ;  /* a label */
      else if (is_marker_phrase (base + s, e - s))
        {
          while (j < starts->len
                 && is_marker_phrase (base + g_array_index (starts, gsize, j),
                                      g_array_index (ends, gsize, j)
                                      - g_array_index (starts, gsize, j)))
            j++;
          if (j < starts->len && j == i + 1)
            j++;
        }
      else if (j < starts->len)
        {
          g_autofree char *next = g_strndup (base + g_array_index (starts, gsize, j),
                                             g_array_index (ends, gsize, j)
                                             - g_array_index (starts, gsize, j));
          if (strstr (next, "：") == NULL)
            j++;
        }
      emit (b, base + s, g_array_index (ends, gsize, j - 1) - s);
      i = j;
    }
}

/* Cuts a paragraph that is several run together (a web page's one line)
 * at the spaces between them: after a sentence, before a bullet, and
 * around chains of short heading phrases. Spaces inside brackets and
 * quotes are the text's own. */
static void
emit_run_together (Builder    *b,
                   const char *line)
{
  g_autoptr(GArray) starts = g_array_new (FALSE, FALSE, sizeof (gsize));
  g_autoptr(GArray) ends = g_array_new (FALSE, FALSE, sizeof (gsize));
  g_autoptr(GArray) chain_starts = g_array_new (FALSE, FALSE, sizeof (gsize));
  g_autoptr(GArray) chain_ends = g_array_new (FALSE, FALSE, sizeof (gsize));
  gsize token_start = 0, body_start = 0;
  gboolean in_body = FALSE;
  int depth = 0;

  /* the tokens between spaces outside brackets */
  for (const char *p = line;; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == 0x201C || c == 0x300A || c == 0xFF08 || c == 0x300C || c == '(')
        depth++;
      else if ((c == 0x201D || c == 0x300B || c == 0xFF09 || c == 0x300D || c == ')')
               && depth > 0)
        depth--;
      if (c == 0 || (c == ' ' && depth == 0))
        {
          gsize end = (gsize) (p - line);
          if (end > token_start)
            {
              g_array_append_val (starts, token_start);
              g_array_append_val (ends, end);
            }
          token_start = end + 1;
          if (c == 0)
            break;
        }
    }

  for (guint i = 0; i < starts->len; i++)
    {
      gsize s = g_array_index (starts, gsize, i);
      gsize e = g_array_index (ends, gsize, i);
      gboolean bullet = starts_with_marker (line + s) && !g_ascii_isdigit (line[s]);
      gboolean heading = !bullet && is_heading_phrase (line + s, e - s);

      if (heading && !in_body)
        {
          g_array_append_val (chain_starts, s);
          g_array_append_val (chain_ends, e);
          continue;
        }
      if (heading && in_body)
        {
          /* a short phrase inside a sentence is the sentence's, unless the
           * body before it ended */
          g_autofree char *before = g_strndup (line + body_start,
                                               g_array_index (ends, gsize, i - 1) - body_start);
          if (!is_terminal (last_char (before)))
            continue;
          emit (b, line + body_start, g_array_index (ends, gsize, i - 1) - body_start);
          in_body = FALSE;
          g_array_append_val (chain_starts, s);
          g_array_append_val (chain_ends, e);
          continue;
        }
      if (chain_starts->len > 0)
        {
          emit_heading_chain (b, line, chain_starts, chain_ends);
          g_array_set_size (chain_starts, 0);
          g_array_set_size (chain_ends, 0);
        }
      if (in_body)
        {
          g_autofree char *before = g_strndup (line + body_start,
                                               g_array_index (ends, gsize, i - 1) - body_start);
          if (bullet || is_terminal (last_char (before)))
            {
              emit (b, line + body_start, g_array_index (ends, gsize, i - 1) - body_start);
              body_start = s;
            }
        }
      else
        {
          in_body = TRUE;
          body_start = s;
        }
    }
  if (in_body)
    emit (b, line + body_start, g_array_index (ends, gsize, ends->len - 1) - body_start);
  if (chain_starts->len > 0)
    emit_heading_chain (b, line, chain_starts, chain_ends);
}

static void
emit_paragraph (Builder    *b,
                const char *text)
{
  if (strchr (text, ' ') != NULL && g_utf8_strlen (text, -1) >= RUN_TOGETHER_MIN_CHARS)
    emit_run_together (b, text);
  else
    emit (b, text, strlen (text));
}

gboolean
_wp_report_source_append (WpReportSource *source,
                          GString        *text,
                          const char     *raw,
                          gsize           raw_run_in,
                          WpReportCues    cues,
                          int             outline_level,
                          const char     *number)
{
  g_autofree char *line = normalise_line (raw);
  WpReportParagraph p = { 0, 0, cues, outline_level, NULL, 0 };
  const char *words = line;

  while (*words == ' ')
    words++;
  if (*words == '\0')
    return FALSE;
  if (raw_run_in > 0 && raw_run_in < strlen (raw))
    {
      /* the opening normalised alone is the opening of the whole, unless
       * its last character changed with what follows */
      g_autofree char *head = g_strndup (raw, raw_run_in);
      g_autofree char *opening = normalise_line (head);
      const char *o = opening;

      while (*o == ' ')
        o++;
      if (*o != '\0' && g_str_has_prefix (words, o) && strlen (o) < strlen (words))
        p.run_in = strlen (o);
    }
  p.start = text->len;
  g_string_append (text, words);
  p.end = text->len;
  g_string_append_c (text, '\n');
  p.number = g_strdup (number);
  g_array_append_val (source->paragraphs, p);
  return TRUE;
}

/**
 * wp_report_source_new_for_text:
 *
 * Decodes @data and cuts it into paragraphs: hard-wrapped lines joined,
 * blank lines dropped, run-together paragraphs cut apart.
 *
 * Returns: (transfer full): the source, or %NULL with @error set
 */
WpReportSource *
wp_report_source_new_for_text (const char  *data,
                               gsize        length,
                               GError     **error)
{
  g_autoptr(WpReportSource) source = g_new0 (WpReportSource, 1);
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GPtrArray) clean = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) paragraph = g_string_new (NULL);
  Builder b;
  guint wraps = 0;

  source->paragraphs = g_array_new (FALSE, FALSE, sizeof (WpReportParagraph));
  if (length > WP_REPORT_MAX_INPUT_SIZE)
    {
      g_set_error (error, WP_REPORT_ERROR, WP_REPORT_ERROR_TOO_LARGE,
                   _("The file is too large to be a work report (over %d MB)."),
                   WP_REPORT_MAX_INPUT_SIZE / (1024 * 1024));
      return NULL;
    }
  text = wp_report_decode (data, length, &source->encoding, error);
  if (text == NULL)
    return NULL;

  g_strdelimit (text, "\r", '\n');
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      char *line = normalise_line (lines[i]);

      if (line[0] == '\0')
        {
          g_free (line);
          continue;
        }
      wraps += surely_wrapped (line);
      g_ptr_array_add (clean, line);
    }
  if (clean->len == 0)
    {
      g_set_error (error, WP_REPORT_ERROR, WP_REPORT_ERROR_EMPTY, _("The file has no text."));
      return NULL;
    }

  b.text = g_string_new (NULL);
  b.paragraphs = source->paragraphs;
  for (guint i = 0; i < clean->len; i++)
    {
      const char *line = g_ptr_array_index (clean, i);
      const char *next = i + 1 < clean->len ? g_ptr_array_index (clean, i + 1) : NULL;
      gboolean runs_on;

      if (paragraph->len > 0 && paragraph->str[paragraph->len - 1] < 0
          && (guchar) line[0] >= 0x80)
        ;  /* Chinese joins without a space */
      else if (paragraph->len > 0)
        g_string_append_c (paragraph, ' ');
      g_string_append (paragraph, line);

      /* A document that wraps its lines wraps short ones too. */
      runs_on = next != NULL && !starts_with_marker (next) && !is_speaker_line (next)
                && (wraps >= 2 ? maybe_wrapped (paragraph->str) : surely_wrapped (paragraph->str));
      if (!runs_on)
        {
          emit_paragraph (&b, paragraph->str);
          g_string_truncate (paragraph, 0);
        }
    }

  source->length = b.text->len;
  source->text = g_string_free (b.text, FALSE);
  return g_steal_pointer (&source);
}

static gboolean
is_ole (const char *data,
        gsize       length)
{
  return length >= 8 && memcmp (data, "\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", 8) == 0;
}

static gboolean
refuse_old_format (GError **error)
{
  g_set_error (error, WP_REPORT_ERROR, WP_REPORT_ERROR_UNSUPPORTED,
               _("Old Word and WPS files (.doc, .wps, .et) cannot be read: open it in Word or "
                 "WPS, save it as .docx, and import that."));
  return FALSE;
}

static gboolean
too_large (gsize    bound,
           GError **error)
{
  g_set_error (error, WP_REPORT_ERROR, WP_REPORT_ERROR_TOO_LARGE,
               _("The file is too large to be a work report (over %d MB)."),
               (int) (bound / (1024 * 1024)));
  return FALSE;
}

/**
 * wp_report_source_new_for_data:
 *
 * Reads a report whatever its format, known by its first bytes and never by
 * a name: a .docx (a zip), a PDF, or text; old binary Office and WPS files
 * get a message saying to save them as .docx.
 *
 * Returns: (transfer full): the source, or %NULL with @error set
 */
WpReportSource *
wp_report_source_new_for_data (const char  *data,
                               gsize        length,
                               GError     **error)
{
  if (length >= 4 && memcmp (data, "PK\003\004", 4) == 0)
    return wp_report_source_new_for_docx (data, length, error);
  if (length >= 5 && memcmp (data, "%PDF-", 5) == 0)
    return wp_report_source_new_for_pdf (data, length, error);
  if (is_ole (data, length))
    return refuse_old_format (error), NULL;
  if (length == 0)
    {
      g_set_error (error, WP_REPORT_ERROR, WP_REPORT_ERROR_EMPTY, _("The file has no text."));
      return NULL;
    }
  return wp_report_source_new_for_text (data, length, error);
}

/**
 * wp_report_source_load:
 *
 * Reads a report file: text, .docx or .pdf, by its content.
 *
 * Returns: (transfer full): the source, or %NULL with @error set
 */
WpReportSource *
wp_report_source_load (const char  *path,
                       GError     **error)
{
  g_autoptr(GFile) file = g_file_new_for_commandline_arg (path);
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GFileInputStream) stream = NULL;
  g_autofree char *data = NULL;
  char head[8] = { 0 };
  gsize length = 0, bound = WP_REPORT_MAX_INPUT_SIZE;
  goffset size;

  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE ","
                            G_FILE_ATTRIBUTE_STANDARD_TYPE, G_FILE_QUERY_INFO_NONE, NULL, error);
  if (info == NULL)
    return NULL;
  /* A FIFO would wait for a writer for ever, /dev/zero never end (as the
   * JSON import found in issue 15): refused before they are opened. */
  if (g_file_info_get_file_type (info) == G_FILE_TYPE_SPECIAL)
    {
      g_set_error (error, WP_REPORT_ERROR, WP_REPORT_ERROR_UNSUPPORTED,
                   _("This is not a regular file but a device, a pipe or a socket; "
                     "a plan is imported from a file."));
      return NULL;
    }
  size = g_file_info_get_size (info);
  stream = g_file_read (file, NULL, error);
  if (stream == NULL)
    return NULL;
  if (!g_input_stream_read_all (G_INPUT_STREAM (stream), head, sizeof head, &length, NULL,
                                error))
    return NULL;
  if (is_ole (head, length))
    return refuse_old_format (error), NULL;
  /* a Word file or a PDF carries its pictures: allow it more */
  if (length >= 4 && (memcmp (head, "PK\003\004", 4) == 0 || memcmp (head, "%PDF", 4) == 0))
    bound = WP_REPORT_MAX_FILE_SIZE;
  if (size > (goffset) bound)
    return too_large (bound, error), NULL;

  /* Read at most one byte past the bound: a file that grew meanwhile is
   * refused, not read whole. */
  data = g_malloc (bound + 2);
  memcpy (data, head, length);
  if (length == sizeof head)
    {
      gsize more = 0;

      if (!g_input_stream_read_all (G_INPUT_STREAM (stream), data + length,
                                    bound + 1 - length, &more, NULL, error))
        return NULL;
      length += more;
    }
  if (length > bound)
    return too_large (bound, error), NULL;
  data[length] = '\0';
  return wp_report_source_new_for_data (data, length, error);
}
