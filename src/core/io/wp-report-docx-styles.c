/* wp-report-docx-styles.c: a .docx's styles.xml and numbering.xml: what a
 * paragraph's style says of its runs, and the numbers Word draws in front
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "wp-report-docx-private.h"

gboolean
_wp_docx_read_styles (Doc     *doc,
                      GError **error)
{
  Part part;
  xmlTextReaderPtr reader = open_part (doc, &part, "word/styles.xml", TRUE, error);
  Style *style = NULL;
  gboolean in_defaults = FALSE, in_ppr = FALSE;
  int skip_depth = -1;
  int ret;

  if (reader == NULL)
    return error == NULL || *error == NULL;
  while ((ret = next_node (reader, &part, "word/styles.xml", error)) == 1)
    {
      if (_wp_docx_skipping (reader, &skip_depth))
        continue;
      if (is_element (reader, "rPrDefault"))
        in_defaults = TRUE;
      else if (_wp_docx_is_end (reader, "rPrDefault"))
        in_defaults = FALSE;
      else if (is_element (reader, "style"))
        {
          g_autofree char *id = _wp_docx_attribute (reader, "styleId");

          style = NULL;
          if (id != NULL && !xmlTextReaderIsEmptyElement (reader))
            {
              style = g_new0 (Style, 1);
              style->run.bold = -1;
              style->outline_level = -1;
              g_hash_table_replace (doc->styles, g_steal_pointer (&id), style);
            }
        }
      else if (_wp_docx_is_end (reader, "style"))
        style = NULL;
      else if (is_element (reader, "pPr"))
        in_ppr = !xmlTextReaderIsEmptyElement (reader);
      else if (_wp_docx_is_end (reader, "pPr"))
        in_ppr = FALSE;
      else if (is_element (reader, "rPrChange") || is_element (reader, "pPrChange"))
        skip_depth = xmlTextReaderIsEmptyElement (reader) ? -1 : xmlTextReaderDepth (reader);
      else if (in_defaults)
        _wp_docx_read_run_property (reader, &doc->defaults);
      else if (style != NULL && is_element (reader, "basedOn"))
        _wp_docx_take_value (reader, &style->based_on);
      else if (style != NULL && is_element (reader, "name"))
        _wp_docx_take_value (reader, &style->name);
      else if (style != NULL && in_ppr && is_element (reader, "outlineLvl"))
        style->outline_level = _wp_docx_int_attribute (reader, "val", -1);
      else if (style != NULL && in_ppr && is_element (reader, "numId"))
        _wp_docx_take_value (reader, &style->num_id);
      else if (style != NULL && in_ppr && is_element (reader, "ilvl"))
        style->ilvl = _wp_docx_int_attribute (reader, "val", 0);
      else if (style != NULL && !in_ppr)
        _wp_docx_read_run_property (reader, &style->run);
    }
  close_part (&part, reader);
  return ret == 0;
}

gboolean
_wp_docx_read_numbering (Doc     *doc,
                         GError **error)
{
  Part part;
  xmlTextReaderPtr reader = open_part (doc, &part, "word/numbering.xml", TRUE, error);
  AbstractNum *abstract = NULL;
  Num *num = NULL;
  Level *level = NULL;
  int override_level = -1;
  int skip_depth = -1;
  int ret;

  if (reader == NULL)
    return error == NULL || *error == NULL;
  while ((ret = next_node (reader, &part, "word/numbering.xml", error)) == 1)
    {
      if (_wp_docx_skipping (reader, &skip_depth))
        continue;
      if (is_element (reader, "abstractNum"))
        {
          g_autofree char *id = _wp_docx_attribute (reader, "abstractNumId");

          abstract = NULL;
          num = NULL;
          if (id != NULL && !xmlTextReaderIsEmptyElement (reader))
            {
              abstract = g_new0 (AbstractNum, 1);
              abstract->last_level = -1;
              g_hash_table_replace (doc->abstracts, g_steal_pointer (&id), abstract);
            }
        }
      else if (is_element (reader, "num"))
        {
          g_autofree char *id = _wp_docx_attribute (reader, "numId");

          abstract = NULL;
          num = NULL;
          if (id != NULL && !xmlTextReaderIsEmptyElement (reader))
            {
              num = g_new0 (Num, 1);
              g_hash_table_replace (doc->nums, g_steal_pointer (&id), num);
            }
        }
      else if (abstract != NULL && is_element (reader, "lvl"))
        {
          int i = _wp_docx_int_attribute (reader, "ilvl", -1);

          level = i >= 0 && i < MAX_LEVELS ? &abstract->levels[i] : NULL;
          if (level != NULL)
            level->start = 1;
        }
      else if (abstract != NULL && _wp_docx_is_end (reader, "lvl"))
        level = NULL;
      else if (level != NULL && is_element (reader, "start"))
        level->start = _wp_docx_int_attribute (reader, "val", 1);
      else if (level != NULL && is_element (reader, "numFmt"))
        _wp_docx_take_value (reader, &level->format);
      else if (level != NULL && is_element (reader, "lvlText"))
        _wp_docx_take_value (reader, &level->text);
      else if (level != NULL && is_element (reader, "suff"))
        _wp_docx_take_value (reader, &level->suffix);
      else if (num != NULL && is_element (reader, "abstractNumId"))
        _wp_docx_take_value (reader, &num->abstract_id);
      else if (num != NULL && is_element (reader, "lvlOverride"))
        override_level = _wp_docx_int_attribute (reader, "ilvl", -1);
      else if (num != NULL && is_element (reader, "startOverride")
               && override_level >= 0 && override_level < MAX_LEVELS)
        num->start_override[override_level] = MAX (1, _wp_docx_int_attribute (reader, "val", 1));
      else if (is_element (reader, "rPr") || is_element (reader, "pPr"))
        skip_depth = xmlTextReaderIsEmptyElement (reader) ? -1 : xmlTextReaderDepth (reader);
    }
  close_part (&part, reader);
  return ret == 0;
}

/* The chain of a style and those it is based on, nearest first */
guint
_wp_docx_style_chain (Doc        *doc,
                      const char *id,
                      Style     **chain)
{
  guint n = 0;

  while (id != NULL && n < MAX_STYLE_CHAIN)
    {
      Style *s = g_hash_table_lookup (doc->styles, id);

      if (s == NULL)
        break;
      for (guint i = 0; i < n; i++)
        if (chain[i] == s)
          return n;  /* a loop */
      chain[n++] = s;
      id = s->based_on;
    }
  return n;
}

/* @props as a style and its bases give them, over the defaults */
void
_wp_docx_style_run_props (Doc        *doc,
                          const char *id,
                          RunProps   *props)
{
  Style *chain[MAX_STYLE_CHAIN];
  guint n = _wp_docx_style_chain (doc, id, chain);

  for (guint i = n; i > 0; i--)
    {
      const RunProps *r = &chain[i - 1]->run;

      if (r->bold >= 0)
        props->bold = r->bold;
      if (r->size > 0)
        props->size = r->size;
      if (r->font != NULL)
        {
          g_free (props->font);
          props->font = g_strdup (r->font);
        }
    }
}

static void
format_counter (GString    *out,
                const char *format,
                int         n)
{
  static const char *const digits[] = { "〇", "一", "二", "三", "四", "五", "六", "七",
                                         "八", "九" };

  if (n < 0)
    n = 0;
  if (format != NULL && (g_str_has_prefix (format, "chineseCounting")
                         || g_str_has_prefix (format, "ideograph")
                         || g_str_has_prefix (format, "japaneseCounting")
                         || g_str_has_prefix (format, "taiwaneseCounting")
                         || g_str_equal (format, "chineseLegalSimplified"))
      && n > 0 && n < 100)
    {
      if (n >= 20)
        g_string_append (out, digits[n / 10]);
      if (n >= 10)
        g_string_append (out, "十");
      if (n % 10 != 0 || n < 10)
        g_string_append (out, digits[n % 10]);
    }
  else if (format != NULL && (g_str_equal (format, "lowerLetter")
                              || g_str_equal (format, "upperLetter")) && n > 0)
    g_string_append_c (out, (char) ((g_str_equal (format, "lowerLetter") ? 'a' : 'A')
                                    + (n - 1) % 26));
  else if (format != NULL && g_str_equal (format, "decimalEnclosedCircle") && n > 0 && n <= 20)
    g_string_append_unichar (out, 0x2460 + (gunichar) (n - 1));
  /* ⑴ and ⒈ as the text writes them, which the rules read */
  else if (format != NULL && g_str_equal (format, "decimalEnclosedParen"))
    g_string_append_printf (out, "（%d）", n);
  else if (format != NULL && g_str_equal (format, "decimalEnclosedFullstop"))
    g_string_append_printf (out, "%d.", n);
  else if (format != NULL && (g_str_equal (format, "none") || g_str_equal (format, "bullet")))
    ;
  else
    g_string_append_printf (out, "%d", n);
}

/* What Word draws in front of a paragraph numbered @num_id at @ilvl,
 * counting it; NULL for none. */
char *
_wp_docx_next_number (Doc        *doc,
                      const char *num_id,
                      int         ilvl)
{
  Num *num = num_id != NULL ? g_hash_table_lookup (doc->nums, num_id) : NULL;
  AbstractNum *a;
  Level *level;
  GString *out;

  if (num == NULL || num->abstract_id == NULL || ilvl < 0 || ilvl >= MAX_LEVELS)
    return NULL;
  a = g_hash_table_lookup (doc->abstracts, num->abstract_id);
  if (a == NULL)
    return NULL;
  level = &a->levels[ilvl];
  if (!num->started)
    {
      /* a list that restarts its numbering (startOverride) */
      num->started = TRUE;
      for (int i = 0; i < MAX_LEVELS; i++)
        if (num->start_override[i] > 0)
          {
            a->counters[i] = num->start_override[i] - 1;
            if (i < MAX_LEVELS)
              for (int k = i + 1; k < MAX_LEVELS; k++)
                a->counters[k] = 0;
          }
    }
  if (a->counters[ilvl] == 0)
    a->counters[ilvl] = MAX (level->start, 0);
  else
    a->counters[ilvl] = MIN (a->counters[ilvl] + 1, 100000);
  for (int k = ilvl + 1; k < MAX_LEVELS; k++)
    a->counters[k] = 0;
  a->last_level = ilvl;

  if (level->text == NULL || (level->format != NULL && g_str_equal (level->format, "none")))
    return NULL;
  out = g_string_new (NULL);
  for (const char *p = level->text; *p != '\0'; p++)
    {
      if (p[0] == '%' && p[1] >= '1' && p[1] <= '9')
        {
          int k = p[1] - '1';
          format_counter (out, a->levels[k].format, a->counters[k] ? a->counters[k]
                                                                   : a->levels[k].start);
          p++;
        }
      else
        g_string_append_c (out, *p);
    }
  /* a bare number (lvlText "%1", then a tab) reads as the text would
   * write it */
  if (g_str_equal (level->text, "%1") || g_str_equal (level->text, "%2"))
    {
      if (level->format != NULL && g_str_has_prefix (level->format, "chinese"))
        g_string_append (out, "、");
      else if (out->len > 0 && g_ascii_isdigit (out->str[out->len - 1]))
        g_string_append_c (out, '.');
    }
  if (level->format != NULL && g_str_equal (level->format, "bullet"))
    {
      /* Symbol-font bullets are private-use characters: one the rules read */
      g_string_assign (out, "●");
    }
  if (out->len == 0 || !g_utf8_validate (out->str, (gssize) out->len, NULL))
    {
      g_string_free (out, TRUE);
      return NULL;
    }
  return g_string_free (out, FALSE);
}
