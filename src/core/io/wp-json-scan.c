/* wp-json-scan.c: a strict check of JSON text before json-glib reads it
 *
 * json-glib 1.6 recurses once per level of nesting (100,000 “[” overflow the
 * stack), keeps the last of two members of the same name, reads a second
 * document after the first, wraps integers past 2^63 around to wrong
 * values, turns a lone UTF-16 surrogate into bytes that are not UTF-8 and
 * cuts text at \u0000. It also reads comments, single quotes and hex
 * numbers, so what it makes of a file is not what other programs make of
 * it. This scanner walks the text once, without recursion, and lets through
 * only RFC 8259 JSON free of those cases; json-glib then builds the tree of
 * text that passed, so its own leniency never decides what a file means.
 * Errors name the place as a path ($.items[0].title) plus line and column.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "wp-json-io.h"
#include "wp-json-scan.h"

typedef struct {
  gboolean    is_object;
  guint       index;  /* elements or members before the current one */
  const char *key;    /* the current member's name, owned by keys */
  GHashTable *keys;   /* names seen in this object; kept for the next object */
} Frame;

typedef struct {
  const char *start;
  const char *p;
  const char *end;
  guint       max_depth;
  guint       depth;   /* open containers; frames may hold more, for reuse */
  GArray     *frames;  /* Frame */
  GString    *text;    /* the member name being decoded */
  GError    **error;
} Scanner;

/* @text with control characters shown as “?” and cut after @max_chars, so
 * that a message stays one readable line. */
static void
append_printable (GString    *out,
                  const char *text,
                  gsize       length,
                  guint       max_chars)
{
  const char *end = text + length;
  guint n = 0;

  for (const char *c = text; c < end; c = g_utf8_next_char (c), n++)
    {
      gunichar ch = g_utf8_get_char (c);

      if (n == max_chars)
        {
          g_string_append (out, "…");
          return;
        }
      if (ch < 0x20 || ch == 0x7f)
        g_string_append_c (out, '?');
      else
        g_string_append_unichar (out, ch);
    }
}

static void
append_member (GString    *path,
               const char *key)
{
  gboolean plain = g_ascii_isalpha (key[0]) || key[0] == '_';

  for (const char *k = key; plain && *k != '\0'; k++)
    plain = g_ascii_isalnum (*k) || *k == '_';
  if (plain && strlen (key) <= 40)
    {
      g_string_append_printf (path, ".%s", key);
      return;
    }
  g_string_append (path, "[“");
  append_printable (path, key, strlen (key), 40);
  g_string_append (path, "”]");
}

static void
append_frame (GString     *path,
              const Frame *frame)
{
  if (!frame->is_object)
    g_string_append_printf (path, "[%u]", frame->index);
  else if (frame->key != NULL)
    append_member (path, frame->key);
}

/* The place being read: $ and the member or element of each open container,
 * with the middle left out when it is long. */
static char *
scan_path (Scanner *sc)
{
  GString *path = g_string_new ("$");
  const guint head = 8, tail = 6;

  for (guint i = 0; i < sc->depth; i++)
    {
      if (sc->depth > head + tail && i == head)
        {
          g_string_append (path, "…");
          i = sc->depth - tail;
        }
      append_frame (path, &g_array_index (sc->frames, Frame, i));
    }
  return g_string_free (path, FALSE);
}

static gboolean
scan_fail (Scanner    *sc,
           const char *at,
           const char *format,
           ...) G_GNUC_PRINTF (3, 4);

static gboolean
scan_fail (Scanner    *sc,
           const char *at,
           const char *format,
           ...)
{
  g_autofree char *path = scan_path (sc);
  g_autofree char *message = NULL;
  const char *line_start = sc->start;
  guint line = 1;
  va_list args;

  for (const char *c = sc->start; c < at; c++)
    if (*c == '\n')
      {
        line++;
        line_start = c + 1;
      }

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  /* Translators: where in a file a problem is: a message, then a line and
   * a column number */
  g_set_error (sc->error, WP_IO_ERROR, WP_IO_ERROR_INVALID, _("%s: %s (line %u, column %u)"),
               path, message, line, (guint) g_utf8_strlen (line_start, at - line_start) + 1);
  return FALSE;
}

static gboolean
syntax_error (Scanner *sc)
{
  g_autoptr(GString) what = NULL;

  if (sc->p >= sc->end)
    return scan_fail (sc, sc->end, _("the text ends before the data does"));

  what = g_string_new (NULL);
  if ((guchar) *sc->p < 0x20 || *sc->p == 0x7f)
    g_string_printf (what, "U+%04X", (guint) (guchar) *sc->p);
  else
    append_printable (what, sc->p, g_utf8_next_char (sc->p) - sc->p, 1);
  return scan_fail (sc, sc->p, _("“%s” is not valid JSON here"), what->str);
}

static void
skip_space (Scanner *sc)
{
  while (sc->p < sc->end
         && (*sc->p == ' ' || *sc->p == '\n' || *sc->p == '\r' || *sc->p == '\t'))
    sc->p++;
}

static int
hex_value (const char *p)
{
  int value = 0;

  for (int i = 0; i < 4; i++)
    {
      int digit = g_ascii_xdigit_value (p[i]);

      if (digit < 0)
        return -1;
      value = value * 16 + digit;
    }
  return value;
}

/* Reads the string at sc->p, decoding it into sc->text when @decode. */
static gboolean
scan_string (Scanner  *sc,
             gboolean  decode)
{
  if (decode)
    g_string_truncate (sc->text, 0);

  for (sc->p++; sc->p < sc->end; )
    {
      const char *escape = sc->p;
      guchar c = (guchar) *sc->p;
      int code, low;

      if (c == '"')
        {
          sc->p++;
          return TRUE;
        }
      if (c == '\0')
        return scan_fail (sc, escape, _("text holds a NUL character (U+0000), which cannot be "
                                        "stored"));
      if (c != '\\')
        {
          /* Raw control characters are not JSON, but json-glib wrote
           * U+001F unescaped in Workplan's own exports: accept them. */
          if (decode)
            g_string_append_c (sc->text, (char) c);
          sc->p++;
          continue;
        }

      if (sc->end - sc->p < 2)
        break;
      c = (guchar) sc->p[1];
      sc->p += 2;
      if (c != 'u')
        {
          const char *from = "\"\\/bfnrt", *to = "\"\\/\b\f\n\r\t";
          const char *which = c != '\0' ? strchr (from, c) : NULL;

          if (which == NULL)
            {
              sc->p = escape;
              return syntax_error (sc);
            }
          if (decode)
            g_string_append_c (sc->text, to[which - from]);
          continue;
        }

      code = sc->end - sc->p >= 4 ? hex_value (sc->p) : -1;
      if (code < 0)
        {
          sc->p = escape;
          return syntax_error (sc);
        }
      sc->p += 4;
      if (code == 0)
        return scan_fail (sc, escape, _("text holds a NUL character (U+0000), which cannot be "
                                        "stored"));
      if (code >= 0xD800 && code <= 0xDBFF)
        {
          low = sc->end - sc->p >= 6 && sc->p[0] == '\\' && sc->p[1] == 'u'
                ? hex_value (sc->p + 2) : -1;
          if (low < 0xDC00 || low > 0xDFFF)
            return scan_fail (sc, escape, _("“\\u%04x” is half of a UTF-16 surrogate pair "
                                            "without its other half, not a character"), code);
          sc->p += 6;
          code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00);
        }
      else if (code >= 0xDC00 && code <= 0xDFFF)
        return scan_fail (sc, escape, _("“\\u%04x” is half of a UTF-16 surrogate pair "
                                        "without its other half, not a character"), code);
      if (decode)
        g_string_append_unichar (sc->text, (gunichar) code);
    }

  return syntax_error (sc);
}

static gboolean
scan_digits (Scanner *sc)
{
  const char *first = sc->p;

  while (sc->p < sc->end && g_ascii_isdigit (*sc->p))
    sc->p++;
  if (sc->p == first)
    return syntax_error (sc);
  return TRUE;
}

/* json-glib reads integers into 64 bits and wraps those past 2^63 around
 * (2^64 + 2025 becomes 2025), and turns 1e400 into infinity: refused. */
static gboolean
scan_number (Scanner *sc)
{
  const char *start = sc->p;
  const char *digits;
  gboolean integer = TRUE;
  gboolean in_range;
  gsize n_digits;

  if (*sc->p == '-')
    sc->p++;
  digits = sc->p;
  if (sc->p < sc->end && *sc->p == '0')
    sc->p++;
  else if (!scan_digits (sc))
    return FALSE;
  n_digits = sc->p - digits;

  if (sc->p < sc->end && *sc->p == '.')
    {
      sc->p++;
      integer = FALSE;
      if (!scan_digits (sc))
        return FALSE;
    }
  if (sc->p < sc->end && (*sc->p == 'e' || *sc->p == 'E'))
    {
      sc->p++;
      integer = FALSE;
      if (sc->p < sc->end && (*sc->p == '+' || *sc->p == '-'))
        sc->p++;
      if (!scan_digits (sc))
        return FALSE;
    }

  if (integer)
    in_range = n_digits < 19 || (n_digits == 19 && memcmp (digits, "9223372036854775807", 19) <= 0);
  else
    {
      g_autofree char *copy = g_strndup (start, sc->p - start);
      in_range = isfinite (g_ascii_strtod (copy, NULL));
    }

  if (!in_range)
    {
      g_autoptr(GString) number = g_string_new (NULL);

      append_printable (number, start, sc->p - start, 24);
      return scan_fail (sc, start, _("the number %s is out of range"), number->str);
    }
  return TRUE;
}

static gboolean
scan_member_name (Scanner *sc)
{
  Frame *top = &g_array_index (sc->frames, Frame, sc->depth - 1);
  const char *start;

  skip_space (sc);
  top->key = NULL;
  start = sc->p;
  if (sc->p >= sc->end || *sc->p != '"')
    return syntax_error (sc);
  if (!scan_string (sc, TRUE))
    return FALSE;

  if (g_hash_table_contains (top->keys, sc->text->str))
    {
      g_autoptr(GString) name = g_string_new (NULL);

      append_printable (name, sc->text->str, sc->text->len, 40);
      return scan_fail (sc, start, _("“%s” is given twice"), name->str);
    }
  top->key = g_strdup (sc->text->str);
  g_hash_table_add (top->keys, (char *) top->key);

  skip_space (sc);
  if (sc->p >= sc->end || *sc->p != ':')
    return syntax_error (sc);
  sc->p++;
  return TRUE;
}

static gboolean
push (Scanner  *sc,
      gboolean  is_object)
{
  Frame *frame;

  if (sc->depth >= sc->max_depth)
    return scan_fail (sc, sc->p, _("the data is nested more than %u levels deep"),
                      sc->max_depth);

  if (sc->depth == sc->frames->len)
    g_array_set_size (sc->frames, sc->depth + 1);
  frame = &g_array_index (sc->frames, Frame, sc->depth);
  frame->is_object = is_object;
  frame->index = 0;
  frame->key = NULL;
  if (is_object && frame->keys == NULL)
    frame->keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  else if (is_object)
    g_hash_table_remove_all (frame->keys);
  sc->depth++;
  return TRUE;
}

static gboolean
scan_literal (Scanner    *sc,
              const char *word)
{
  gsize length = strlen (word);

  if ((gsize) (sc->end - sc->p) < length || memcmp (sc->p, word, length) != 0)
    return syntax_error (sc);
  sc->p += length;
  return TRUE;
}

/* One value, then closing brackets and commas up to where the next value
 * starts, until the document ends. */
static gboolean
scan_document (Scanner *sc)
{
  for (;;)
    {
      skip_space (sc);
      if (sc->p >= sc->end)
        return syntax_error (sc);

      switch (*sc->p)
        {
        case '{':
        case '[':
          {
            gboolean is_object = *sc->p == '{';

            if (!push (sc, is_object))
              return FALSE;
            sc->p++;
            skip_space (sc);
            if (sc->p < sc->end && *sc->p == (is_object ? '}' : ']'))
              {
                sc->p++;
                sc->depth--;
                break;
              }
            if (is_object && !scan_member_name (sc))
              return FALSE;
            continue;
          }
        case '"':
          if (!scan_string (sc, FALSE))
            return FALSE;
          break;
        case 't':
          if (!scan_literal (sc, "true"))
            return FALSE;
          break;
        case 'f':
          if (!scan_literal (sc, "false"))
            return FALSE;
          break;
        case 'n':
          if (!scan_literal (sc, "null"))
            return FALSE;
          break;
        default:
          if (*sc->p != '-' && !g_ascii_isdigit (*sc->p))
            return syntax_error (sc);
          if (!scan_number (sc))
            return FALSE;
          break;
        }

      for (;;)
        {
          Frame *top;

          skip_space (sc);
          if (sc->depth == 0)
            {
              if (sc->p < sc->end)
                return scan_fail (sc, sc->p, _("there is more after the end of the document"));
              return TRUE;
            }
          top = &g_array_index (sc->frames, Frame, sc->depth - 1);
          if (sc->p >= sc->end)
            return syntax_error (sc);
          if (*sc->p == ',')
            {
              sc->p++;
              top->index++;
              if (top->is_object && !scan_member_name (sc))
                return FALSE;
              break;
            }
          if (*sc->p != (top->is_object ? '}' : ']'))
            return syntax_error (sc);
          sc->p++;
          sc->depth--;
        }
    }
}

/**
 * wp_json_scan:
 * @data: UTF-8 text (checked by the caller)
 * @max_depth: how many arrays and objects may be open at once
 *
 * Checks that @data is one JSON document (RFC 8259) with no member named
 * twice in an object, no integer outside 64 bits, no number beyond a
 * double, and no text that is not Unicode or holds U+0000.
 *
 * Returns: %TRUE if json-glib may read it, or %FALSE with @error set to a
 *   WP_IO_ERROR_INVALID that names the place
 */
gboolean
wp_json_scan (const char  *data,
              gsize        length,
              guint        max_depth,
              GError     **error)
{
  Scanner sc = {
    .start = data,
    .p = data,
    .end = data + length,
    .max_depth = max_depth,
    .frames = g_array_new (FALSE, TRUE, sizeof (Frame)),
    .text = g_string_new (NULL),
    .error = error,
  };
  gboolean ok = scan_document (&sc);

  for (guint i = 0; i < sc.frames->len; i++)
    g_clear_pointer (&g_array_index (sc.frames, Frame, i).keys, g_hash_table_unref);
  g_array_unref (sc.frames);
  g_string_free (sc.text, TRUE);
  return ok;
}
