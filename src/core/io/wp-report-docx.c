/* wp-report-docx.c: a work report written in Word (.docx)
 *
 * Offices write reports in Word, and Word says what plain text cannot:
 * which paragraphs are headings (a heading style, 黑体 or 楷体 where the
 * body is 仿宋, a larger size, bold), which opening of a paragraph is its
 * bold run-in heading, and a heading's number, which Word's automatic
 * numbering draws (w:numPr, defined in numbering.xml) without it being in
 * the text. This reads word/document.xml with those cues into the same
 * WpReportSource the text reader makes, the numbers written in front as
 * the text would have them, so that one set of structure rules reads both.
 * A 任务分解 table in the document is kept as a table for the importer to
 * read as the sheet importer reads sheets; other tables (a layout table
 * round a letterhead) are read as paragraphs.
 *
 * The file came by mail: each part's unpacked size is checked before and
 * while it is read, XML with a document type is refused (no part of a
 * .docx has one; it is how entity tricks come in) and the network is off.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <zip.h>
#include <glib/gi18n-lib.h>
#include <libxml/xmlreader.h>

#include "wp-zip-xml.h"

#include "wp-report-text.h"
#include "wp-sheet-import.h"
#include "wp-table.h"

#define MAX_STYLE_CHAIN 16
#define MAX_LEVELS 9
/* A run-in heading is a phrase, not half a paragraph. */
#define RUN_IN_MAX_CHARS 40

typedef struct {
  int   bold;       /* -1: not said */
  int   size;       /* half-points, 0: not said */
  char *font;       /* the East Asian font, or NULL */
} RunProps;

typedef struct {
  char    *based_on;
  char    *name;
  RunProps run;
  int      outline_level;  /* -1 */
  char    *num_id;         /* a heading style's numbering, or NULL */
  int      ilvl;
} Style;

typedef struct {
  char *format;   /* numFmt */
  char *text;     /* lvlText */
  int   start;
  char *suffix;   /* tab, space, nothing */
} Level;

typedef struct {
  Level levels[MAX_LEVELS];
  int   counters[MAX_LEVELS];
  int   last_level;
} AbstractNum;

typedef struct {
  char *abstract_id;
  int   start_override[MAX_LEVELS];  /* 0: none */
  gboolean started;
} Num;

typedef struct {
  GString      *text;
  char         *number;
  gsize         bold_prefix;  /* bytes of text, from the start, all bold */
  gboolean      bold_open;    /* every run so far bold */
  glong         n_chars;
  glong         bold_chars;
  GHashTable   *fonts;        /* font → chars */
  GHashTable   *sizes;        /* size → chars */
  int           outline_level;
  gboolean      centered;
  gboolean      heading_style;
} Para;

typedef struct {
  GPtrArray *paras;       /* Para *, every paragraph of the table in order */
  WpTable   *table;
  GPtrArray *row_texts;   /* char *, a row's cells joined */
} Table;

typedef struct {
  gboolean is_table;
  Para    *para;
  Table   *table;
} Block;

typedef struct {
  WpZipXml    package;
  GHashTable *styles;     /* id → Style * */
  RunProps    defaults;
  GHashTable *abstracts;  /* id → AbstractNum * */
  GHashTable *nums;       /* id → Num * */
  GArray     *blocks;     /* Block */
  GHashTable *fonts;      /* font → chars, all the body */
  GHashTable *sizes;
} Doc;

typedef WpZipXmlPart Part;

static void
style_free (Style *s)
{
  g_free (s->based_on);
  g_free (s->name);
  g_free (s->run.font);
  g_free (s->num_id);
  g_free (s);
}

static void
abstract_free (AbstractNum *a)
{
  for (int i = 0; i < MAX_LEVELS; i++)
    {
      g_free (a->levels[i].format);
      g_free (a->levels[i].text);
      g_free (a->levels[i].suffix);
    }
  g_free (a);
}

static void
num_free (Num *n)
{
  g_free (n->abstract_id);
  g_free (n);
}

static Para *
para_new (void)
{
  Para *p = g_new0 (Para, 1);

  p->text = g_string_new (NULL);
  p->bold_open = TRUE;
  p->fonts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  p->sizes = g_hash_table_new (NULL, NULL);
  p->outline_level = -1;
  return p;
}

static void
para_free (Para *p)
{
  g_string_free (p->text, TRUE);
  g_free (p->number);
  g_hash_table_unref (p->fonts);
  g_hash_table_unref (p->sizes);
  g_free (p);
}

static void
table_free (Table *t)
{
  g_ptr_array_unref (t->paras);
  g_clear_pointer (&t->table, wp_table_free);
  g_ptr_array_unref (t->row_texts);
  g_free (t);
}

static void
doc_clear (Doc *doc)
{
  if (doc->package.zip != NULL)
    zip_discard (doc->package.zip);
  g_clear_pointer (&doc->styles, g_hash_table_unref);
  g_clear_pointer (&doc->abstracts, g_hash_table_unref);
  g_clear_pointer (&doc->nums, g_hash_table_unref);
  g_clear_pointer (&doc->fonts, g_hash_table_unref);
  g_clear_pointer (&doc->sizes, g_hash_table_unref);
  g_free (doc->defaults.font);
  if (doc->blocks != NULL)
    {
      for (guint i = 0; i < doc->blocks->len; i++)
        {
          Block *b = &g_array_index (doc->blocks, Block, i);
          if (b->is_table)
            table_free (b->table);
          else
            para_free (b->para);
        }
      g_array_unref (doc->blocks);
    }
}

/* ------------------------------------------------------------------ */
/* Parts                                                               */

static void
set_too_large (GError **error)
{
  g_set_error (error, WP_REPORT_ERROR, WP_REPORT_ERROR_TOO_LARGE,
               _("The Word file unpacks to more than %d MB of text, too large to be a work "
                 "report."), WP_REPORT_MAX_UNPACKED / (1024 * 1024));
}

static void
set_damaged (GError     **error,
             const char  *name)
{
  g_set_error (error, WP_REPORT_ERROR, WP_REPORT_ERROR_DAMAGED,
               _("The Word file is damaged: its part “%s” cannot be read."), name);
}

static void
set_missing (GError     **error,
             const char  *name)
{
  g_set_error (error, WP_REPORT_ERROR, WP_REPORT_ERROR_DAMAGED,
               _("The file is a zip but not a Word document (it has no “%s”)."), name);
}

static void
set_doctype (GError     **error,
             const char  *name)
{
  g_set_error (error, WP_REPORT_ERROR, WP_REPORT_ERROR_DAMAGED,
               _("The Word file's part “%s” declares a document type, which no Word "
                 "document does; it is not read."), name);
}

static const WpZipXmlErrors docx_errors = {
  WP_REPORT_MAX_UNPACKED, set_missing, set_damaged, set_too_large, set_doctype
};

#define open_part(doc, part, name, optional, error) \
  wp_zip_xml_open_part (&(doc)->package, (part), (name), (optional), (error))
#define close_part wp_zip_xml_close_part
#define next_node wp_zip_xml_next

#define is_element wp_zip_xml_is_element

static gboolean
is_end (xmlTextReaderPtr  reader,
        const char       *name)
{
  return (xmlTextReaderNodeType (reader) == XML_READER_TYPE_END_ELEMENT
          || (xmlTextReaderNodeType (reader) == XML_READER_TYPE_ELEMENT
              && xmlTextReaderIsEmptyElement (reader)))
         && g_strcmp0 ((const char *) xmlTextReaderConstLocalName (reader), name) == 0;
}

/* w:val, or another attribute, whatever prefix the writer gave it */
static char *
attribute (xmlTextReaderPtr  reader,
           const char       *name)
{
  char *copy = NULL;

  if (xmlTextReaderMoveToFirstAttribute (reader) == 1)
    {
      do
        if (g_strcmp0 ((const char *) xmlTextReaderConstLocalName (reader), name) == 0)
          {
            copy = g_strdup ((const char *) xmlTextReaderConstValue (reader));
            break;
          }
      while (xmlTextReaderMoveToNextAttribute (reader) == 1);
      xmlTextReaderMoveToElement (reader);
    }
  return copy;
}

static int
int_attribute (xmlTextReaderPtr  reader,
               const char       *name,
               int               fallback)
{
  g_autofree char *value = attribute (reader, name);
  gint64 n;

  if (value == NULL)
    return fallback;
  n = g_ascii_strtoll (value, NULL, 10);
  return (int) CLAMP (n, -1000000, 1000000);
}

/* A w:b's value: absent, 1, true, on are bold */
static int
toggle_value (xmlTextReaderPtr reader)
{
  g_autofree char *value = attribute (reader, "val");

  return value == NULL || g_str_equal (value, "1") || g_str_equal (value, "true")
         || g_str_equal (value, "on");
}

/* Reads one element of a w:rPr into @props */
static void
read_run_property (xmlTextReaderPtr  reader,
                   RunProps         *props)
{
  if (is_element (reader, "b"))
    props->bold = toggle_value (reader);
  else if (is_element (reader, "sz"))
    props->size = MAX (0, int_attribute (reader, "val", 0));
  else if (is_element (reader, "rFonts"))
    {
      char *font = attribute (reader, "eastAsia");

      if (font == NULL)
        font = attribute (reader, "ascii");
      if (font != NULL)
        {
          g_free (props->font);
          props->font = font;
        }
    }
}

/* ------------------------------------------------------------------ */
/* styles.xml and numbering.xml                                        */

static gboolean
read_styles (Doc     *doc,
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
      if (skip_depth >= 0)
        {
          if (xmlTextReaderNodeType (reader) == XML_READER_TYPE_END_ELEMENT
              && xmlTextReaderDepth (reader) == skip_depth)
            skip_depth = -1;
          continue;
        }
      if (is_element (reader, "rPrDefault"))
        in_defaults = TRUE;
      else if (is_end (reader, "rPrDefault"))
        in_defaults = FALSE;
      else if (is_element (reader, "style"))
        {
          g_autofree char *id = attribute (reader, "styleId");

          style = NULL;
          if (id != NULL && !xmlTextReaderIsEmptyElement (reader))
            {
              style = g_new0 (Style, 1);
              style->run.bold = -1;
              style->outline_level = -1;
              g_hash_table_replace (doc->styles, g_steal_pointer (&id), style);
            }
        }
      else if (is_end (reader, "style"))
        style = NULL;
      else if (is_element (reader, "pPr"))
        in_ppr = !xmlTextReaderIsEmptyElement (reader);
      else if (is_end (reader, "pPr"))
        in_ppr = FALSE;
      else if (is_element (reader, "rPrChange") || is_element (reader, "pPrChange"))
        skip_depth = xmlTextReaderIsEmptyElement (reader) ? -1 : xmlTextReaderDepth (reader);
      else if (in_defaults)
        read_run_property (reader, &doc->defaults);
      else if (style != NULL && is_element (reader, "basedOn"))
        {
          g_free (style->based_on);
          style->based_on = attribute (reader, "val");
        }
      else if (style != NULL && is_element (reader, "name"))
        {
          g_free (style->name);
          style->name = attribute (reader, "val");
        }
      else if (style != NULL && in_ppr && is_element (reader, "outlineLvl"))
        style->outline_level = int_attribute (reader, "val", -1);
      else if (style != NULL && in_ppr && is_element (reader, "numId"))
        {
          g_free (style->num_id);
          style->num_id = attribute (reader, "val");
        }
      else if (style != NULL && in_ppr && is_element (reader, "ilvl"))
        style->ilvl = int_attribute (reader, "val", 0);
      else if (style != NULL && !in_ppr)
        read_run_property (reader, &style->run);
    }
  close_part (&part, reader);
  return ret == 0;
}

static gboolean
read_numbering (Doc     *doc,
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
      if (skip_depth >= 0)
        {
          if (xmlTextReaderNodeType (reader) == XML_READER_TYPE_END_ELEMENT
              && xmlTextReaderDepth (reader) == skip_depth)
            skip_depth = -1;
          continue;
        }
      if (is_element (reader, "abstractNum"))
        {
          g_autofree char *id = attribute (reader, "abstractNumId");

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
          g_autofree char *id = attribute (reader, "numId");

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
          int i = int_attribute (reader, "ilvl", -1);

          level = i >= 0 && i < MAX_LEVELS ? &abstract->levels[i] : NULL;
          if (level != NULL)
            level->start = 1;
        }
      else if (abstract != NULL && is_end (reader, "lvl"))
        level = NULL;
      else if (level != NULL && is_element (reader, "start"))
        level->start = int_attribute (reader, "val", 1);
      else if (level != NULL && is_element (reader, "numFmt"))
        {
          g_free (level->format);
          level->format = attribute (reader, "val");
        }
      else if (level != NULL && is_element (reader, "lvlText"))
        {
          g_free (level->text);
          level->text = attribute (reader, "val");
        }
      else if (level != NULL && is_element (reader, "suff"))
        {
          g_free (level->suffix);
          level->suffix = attribute (reader, "val");
        }
      else if (num != NULL && is_element (reader, "abstractNumId"))
        {
          g_free (num->abstract_id);
          num->abstract_id = attribute (reader, "val");
        }
      else if (num != NULL && is_element (reader, "lvlOverride"))
        override_level = int_attribute (reader, "ilvl", -1);
      else if (num != NULL && is_element (reader, "startOverride")
               && override_level >= 0 && override_level < MAX_LEVELS)
        num->start_override[override_level] = MAX (1, int_attribute (reader, "val", 1));
      else if (is_element (reader, "rPr") || is_element (reader, "pPr"))
        skip_depth = xmlTextReaderIsEmptyElement (reader) ? -1 : xmlTextReaderDepth (reader);
    }
  close_part (&part, reader);
  return ret == 0;
}

/* The chain of a style and those it is based on, nearest first */
static guint
style_chain (Doc        *doc,
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
static void
style_run_props (Doc        *doc,
                 const char *id,
                 RunProps   *props)
{
  Style *chain[MAX_STYLE_CHAIN];
  guint n = style_chain (doc, id, chain);

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
static char *
next_number (Doc        *doc,
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

/* ------------------------------------------------------------------ */
/* document.xml                                                        */

static void
count (GHashTable *table,
       gpointer    key,
       glong       n,
       gboolean    string_key)
{
  gpointer old = g_hash_table_lookup (table, key);

  /* (insert frees the key it is given when the table has one) */
  if (string_key)
    key = g_strdup (key);
  g_hash_table_insert (table, key, GSIZE_TO_POINTER (GPOINTER_TO_SIZE (old) + (gsize) n));
}

static gpointer
most (GHashTable *table)
{
  GHashTableIter iter;
  gpointer key, value, best = NULL;
  gsize best_n = 0;

  g_hash_table_iter_init (&iter, table);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (GPOINTER_TO_SIZE (value) > best_n)
      {
        best_n = GPOINTER_TO_SIZE (value);
        best = key;
      }
  return best;
}

static void
add_run_text (Doc            *doc,
              Para           *p,
              const char     *text,
              const RunProps *props)
{
  glong n = 0;

  if (!g_utf8_validate (text, -1, NULL))
    return;
  for (const char *c = text; *c != '\0'; c = g_utf8_next_char (c))
    if (!g_unichar_isspace (g_utf8_get_char (c)))
      n++;
  g_string_append (p->text, text);
  if (n == 0)
    {
      if (p->bold_open)
        p->bold_prefix = p->text->len;
      return;
    }
  p->n_chars += n;
  if (props->bold > 0)
    p->bold_chars += n;
  if (p->bold_open && props->bold > 0)
    p->bold_prefix = p->text->len;
  else
    p->bold_open = FALSE;
  count (p->fonts, props->font ? props->font : "", n, TRUE);
  count (p->sizes, GINT_TO_POINTER (props->size), n, FALSE);
  count (doc->fonts, props->font ? props->font : "", n, TRUE);
  count (doc->sizes, GINT_TO_POINTER (props->size), n, FALSE);
}

typedef struct {
  Table   *table;
  guint    row;
  guint    column;
  GString *cell;
  GArray  *merge_top;   /* guint per column: the row a vertical merge began, or G_MAXUINT */
  GArray  *merge_index; /* guint per column: its range in the table's merges, or G_MAXUINT */
  gboolean merge_continue;
  guint    span;
  int      depth;       /* nested tables inside a cell */
} TableState;

static void
end_cell (TableState *ts)
{
  WpTableCell *cell;
  guint c = ts->column;

  if (ts->table->table->n_cells >= WP_TABLE_MAX_CELLS / 16 || c >= 256)
    {
      g_string_truncate (ts->cell, 0);
      ts->column += MAX (ts->span, 1);
      return;
    }
  while (ts->merge_top->len <= c + ts->span)
    {
      guint none = G_MAXUINT;
      g_array_append_val (ts->merge_top, none);
      g_array_append_val (ts->merge_index, none);
    }
  if (ts->merge_continue && g_array_index (ts->merge_top, guint, c) != G_MAXUINT)
    {
      /* the text is the merge's top cell's: extend the range */
      GArray *merges = ts->table->table->merges;
      guint *index = &g_array_index (ts->merge_index, guint, c);

      if (*index == G_MAXUINT)
        {
          WpTableRange range = { g_array_index (ts->merge_top, guint, c), c, ts->row, c };
          *index = merges->len;
          g_array_append_val (merges, range);
        }
      g_array_index (merges, WpTableRange, *index).last_row = ts->row;
    }
  else
    {
      g_autofree char *text = g_strstrip (g_string_free (g_steal_pointer (&ts->cell), FALSE));

      ts->cell = g_string_new (NULL);
      g_array_index (ts->merge_top, guint, c) = ts->row;
      g_array_index (ts->merge_index, guint, c) = G_MAXUINT;
      cell = wp_table_set (ts->table->table, ts->row, c, g_steal_pointer (&text), NULL);
      (void) cell;
      /* A cell spanning grid columns (w:gridSpan) is one cell, written in
       * its first: Word's grid lines up the cells, it does not repeat
       * them as a sheet's merged range would. */
    }
  g_string_truncate (ts->cell, 0);
  ts->column += MAX (ts->span, 1);
}

static gboolean
read_document (Doc     *doc,
               GError **error)
{
  Part part;
  xmlTextReaderPtr reader = open_part (doc, &part, "word/document.xml", FALSE, error);
  Para *para = NULL;
  int para_depth = 0;
  gboolean in_ppr = FALSE, in_rpr = FALSE, in_run = FALSE, in_tcpr = FALSE;
  RunProps para_props = { -1, 0, NULL }, run_props = { -1, 0, NULL };
  g_autofree char *para_style = NULL;
  g_autofree char *num_id = NULL;
  int ilvl = 0;
  gboolean has_numpr = FALSE;
  TableState ts = { 0 };
  gsize text_bytes = 0;
  int skip_depth = -1;
  int ret;

  if (reader == NULL)
    return FALSE;
  ts.merge_top = g_array_new (FALSE, FALSE, sizeof (guint));
  ts.merge_index = g_array_new (FALSE, FALSE, sizeof (guint));
  while ((ret = next_node (reader, &part, "word/document.xml", error)) == 1)
    {
      int type = xmlTextReaderNodeType (reader);

      /* what is not the text: deleted text, field codes, the fallback copy
       * of a text box, and the changes tracked on properties */
      if (skip_depth >= 0)
        {
          if (type == XML_READER_TYPE_END_ELEMENT && xmlTextReaderDepth (reader) == skip_depth)
            skip_depth = -1;
          continue;
        }
      if (type == XML_READER_TYPE_ELEMENT && !xmlTextReaderIsEmptyElement (reader)
          && (is_element (reader, "del") || is_element (reader, "instrText")
              || is_element (reader, "Fallback") || is_element (reader, "rPrChange")
              || is_element (reader, "pPrChange") || is_element (reader, "delText")
              || is_element (reader, "sectPr") || (in_ppr && is_element (reader, "rPr"))))
        {
          skip_depth = xmlTextReaderDepth (reader);
          continue;
        }

      if (is_element (reader, "tbl"))
        {
          if (ts.table != NULL)
            ts.depth++;
          else if (para_depth == 0 && !xmlTextReaderIsEmptyElement (reader))
            {
              ts.table = g_new0 (Table, 1);
              ts.table->paras = g_ptr_array_new_with_free_func ((GDestroyNotify) para_free);
              ts.table->table = wp_table_new (WP_TABLE_FORMAT_UNKNOWN);
              ts.table->row_texts = g_ptr_array_new_with_free_func (g_free);
              ts.row = 0;
              ts.cell = g_string_new (NULL);
              g_array_set_size (ts.merge_top, 0);
              g_array_set_size (ts.merge_index, 0);
            }
        }
      else if (is_end (reader, "tbl") && ts.table != NULL)
        {
          if (ts.depth > 0)
            ts.depth--;
          else
            {
              Block b = { TRUE, NULL, ts.table };
              g_array_append_val (doc->blocks, b);
              ts.table = NULL;
              g_string_free (ts.cell, TRUE);
              ts.cell = NULL;
            }
        }
      else if (ts.table != NULL && ts.depth == 0 && is_element (reader, "tr"))
        ts.column = 0;
      else if (ts.table != NULL && ts.depth == 0 && is_end (reader, "tr"))
        ts.row = MIN (ts.row + 1, WP_TABLE_MAX_ROWS - 1);
      else if (ts.table != NULL && ts.depth == 0 && is_element (reader, "tc"))
        {
          ts.span = 1;
          ts.merge_continue = FALSE;
          if (xmlTextReaderIsEmptyElement (reader))
            end_cell (&ts);
        }
      else if (ts.table != NULL && ts.depth == 0 && is_end (reader, "tc"))
        end_cell (&ts);
      else if (ts.table != NULL && ts.depth == 0 && is_element (reader, "tcPr"))
        in_tcpr = !xmlTextReaderIsEmptyElement (reader);
      else if (is_end (reader, "tcPr"))
        in_tcpr = FALSE;
      else if (in_tcpr && is_element (reader, "gridSpan"))
        ts.span = (guint) CLAMP (int_attribute (reader, "val", 1), 1, 64);
      else if (in_tcpr && is_element (reader, "vMerge"))
        {
          g_autofree char *val = attribute (reader, "val");
          ts.merge_continue = val == NULL || g_str_equal (val, "continue");
        }
      else if (is_element (reader, "p"))
        {
          if (para_depth++ > 0 || xmlTextReaderIsEmptyElement (reader))
            {
              /* a text box's paragraph inside one: its words are the outer's */
              if (xmlTextReaderIsEmptyElement (reader))
                para_depth--;
              if (para == NULL && xmlTextReaderIsEmptyElement (reader) && ts.table != NULL)
                g_string_append_c (ts.cell, '\n');
              continue;
            }
          para = para_new ();
          g_clear_pointer (&para_props.font, g_free);
          para_props.bold = -1;
          para_props.size = 0;
          g_clear_pointer (&para_style, g_free);
          g_clear_pointer (&num_id, g_free);
          has_numpr = FALSE;
          ilvl = 0;
        }
      else if (is_end (reader, "p") && para != NULL)
        {
          if (--para_depth > 0)
            continue;
          {
            Style *chain[MAX_STYLE_CHAIN];
            guint n = style_chain (doc, para_style, chain);

            /* numbering and outline level a paragraph's style gives it */
            for (guint i = 0; i < n && !has_numpr; i++)
              if (chain[i]->num_id != NULL)
                {
                  num_id = g_strdup (chain[i]->num_id);
                  ilvl = chain[i]->ilvl;
                  has_numpr = TRUE;
                }
            for (guint i = 0; i < n && para->outline_level < 0; i++)
              para->outline_level = chain[i]->outline_level;
            for (guint i = 0; i < n; i++)
              if (chain[i]->name != NULL
                  && (g_ascii_strncasecmp (chain[i]->name, "heading", 7) == 0
                      || g_ascii_strcasecmp (chain[i]->name, "title") == 0))
                para->heading_style = TRUE;
            if (para->outline_level > 8)
              para->outline_level = -1;
          }
          if (has_numpr && para->text->len > 0)
            para->number = next_number (doc, num_id, ilvl);
          text_bytes += para->text->len;
          if (ts.table != NULL)
            {
              if (ts.cell->len > 0)
                g_string_append_c (ts.cell, '\n');
              if (para->number != NULL)
                g_string_append (ts.cell, para->number);
              g_string_append (ts.cell, para->text->str);
              g_ptr_array_add (ts.table->paras, para);
            }
          else
            {
              Block b = { FALSE, para, NULL };
              g_array_append_val (doc->blocks, b);
            }
          para = NULL;
          if (text_bytes > WP_REPORT_MAX_INPUT_SIZE)
            {
              g_set_error (error, WP_REPORT_ERROR, WP_REPORT_ERROR_TOO_LARGE,
                           _("The file is too large to be a work report (over %d MB)."),
                           WP_REPORT_MAX_INPUT_SIZE / (1024 * 1024));
              ret = -1;
              break;
            }
        }
      else if (para == NULL)
        continue;
      else if (is_element (reader, "pPr") && para_depth == 1)
        {
          in_ppr = !xmlTextReaderIsEmptyElement (reader);
          g_clear_pointer (&para_props.font, g_free);
          para_props.bold = doc->defaults.bold;
          para_props.size = doc->defaults.size;
          para_props.font = g_strdup (doc->defaults.font);
        }
      else if (is_end (reader, "pPr"))
        {
          in_ppr = FALSE;
          style_run_props (doc, para_style, &para_props);
        }
      else if (in_ppr && !in_rpr && is_element (reader, "pStyle"))
        {
          g_free (para_style);
          para_style = attribute (reader, "val");
        }
      else if (in_ppr && is_element (reader, "numId"))
        {
          g_free (num_id);
          num_id = attribute (reader, "val");
          has_numpr = TRUE;
        }
      else if (in_ppr && is_element (reader, "ilvl"))
        ilvl = int_attribute (reader, "val", 0);
      else if (in_ppr && is_element (reader, "outlineLvl"))
        para->outline_level = int_attribute (reader, "val", -1);
      else if (in_ppr && is_element (reader, "jc"))
        {
          g_autofree char *val = attribute (reader, "val");
          para->centered = g_strcmp0 (val, "center") == 0;
        }
      else if (is_element (reader, "r"))
        {
          in_run = !xmlTextReaderIsEmptyElement (reader);
          if (para_props.font == NULL && para_props.bold == -1 && para_props.size == 0)
            {
              /* a paragraph without w:pPr: its style is the default one */
              para_props.bold = doc->defaults.bold;
              para_props.size = doc->defaults.size;
              para_props.font = g_strdup (doc->defaults.font);
              style_run_props (doc, NULL, &para_props);
            }
          g_free (run_props.font);
          run_props = para_props;
          run_props.font = g_strdup (para_props.font);
        }
      else if (is_end (reader, "r"))
        in_run = FALSE;
      else if (in_run && is_element (reader, "rPr"))
        in_rpr = !xmlTextReaderIsEmptyElement (reader);
      else if (is_end (reader, "rPr"))
        in_rpr = FALSE;
      else if (in_rpr && is_element (reader, "rStyle"))
        {
          g_autofree char *id = attribute (reader, "val");
          style_run_props (doc, id, &run_props);
        }
      else if (in_rpr)
        read_run_property (reader, &run_props);
      else if (in_run && (is_element (reader, "tab") || is_element (reader, "br")))
        add_run_text (doc, para, " ", &run_props);
      else if (in_run && is_element (reader, "t") && !xmlTextReaderIsEmptyElement (reader))
        {
          xmlChar *value = xmlTextReaderReadString (reader);

          if (value != NULL)
            add_run_text (doc, para, (const char *) value, &run_props);
          xmlFree (value);
        }
    }
  if (para != NULL)
    para_free (para);
  if (ts.table != NULL)
    table_free (ts.table);
  if (ts.cell != NULL)
    g_string_free (ts.cell, TRUE);
  g_array_unref (ts.merge_top);
  g_array_unref (ts.merge_index);
  g_free (para_props.font);
  g_free (run_props.font);
  close_part (&part, reader);
  return ret == 0;
}

/* ------------------------------------------------------------------ */
/* The source                                                          */

static gboolean
is_heading_font (const char *font)
{
  return font != NULL && (strstr (font, "黑体") || strstr (font, "楷体")
                          || strstr (font, "小标宋") || strstr (font, "Hei") || strstr (font, "Kai")
                          || strstr (font, "hei") || strstr (font, "kai"));
}

static WpReportCues
para_cues (Doc  *doc,
           Para *p)
{
  WpReportCues cues = WP_REPORT_CUE_NONE;
  const char *body_font = most (doc->fonts);
  int body_size = GPOINTER_TO_INT (most (doc->sizes));
  const char *font = most (p->fonts);
  int size = GPOINTER_TO_INT (most (p->sizes));

  if (p->n_chars == 0)
    return cues;
  if (p->bold_chars == p->n_chars)
    cues |= WP_REPORT_CUE_BOLD;
  if (p->heading_style || p->outline_level >= 0
      || (is_heading_font (font) && g_strcmp0 (font, body_font) != 0)
      || (body_size > 0 && size > body_size))
    cues |= WP_REPORT_CUE_HEADING;
  if (p->centered)
    cues |= WP_REPORT_CUE_CENTERED;
  return cues;
}

static void
append_para (Doc            *doc,
             WpReportSource *source,
             GString        *text,
             Para           *p)
{
  g_autofree char *raw = g_strconcat (p->number ? p->number : "", p->text->str, NULL);
  gsize run_in = 0;
  WpReportCues cues = para_cues (doc, p);

  /* a bold opening the paragraph runs on from: 加强…。正文 */
  if (p->bold_prefix > 0 && p->bold_prefix < p->text->len && p->bold_chars < p->n_chars
      && g_utf8_strlen (p->text->str, (gssize) p->bold_prefix) <= RUN_IN_MAX_CHARS)
    {
      run_in = p->bold_prefix + (p->number ? strlen (p->number) : 0);
      cues |= WP_REPORT_CUE_BOLD;
    }
  _wp_report_source_append (source, text, raw, run_in, cues, p->outline_level, p->number);
}

static void
report_table_free (WpReportTable *t)
{
  wp_table_free (t->table);
  g_free (t->caption);
  g_array_unref (t->row_starts);
  g_free (t);
}

/* A table's caption says it is one (附件2：…任务分解表, …清单); a short
 * heading or a task's line right above a table is no caption. */
static gboolean
is_caption (const char *words)
{
  static const char *const marks[] = { "附件", "附表", "表", "清单", "一览", "台账", "分工" };

  if (strstr (words, "。") != NULL)
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (marks); i++)
    if (strstr (words, marks[i]) != NULL)
      return TRUE;
  return FALSE;
}

static void
append_table (Doc            *doc,
              WpReportSource *source,
              GString        *text,
              Table          *t)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *json = NULL;
  WpReportTable *rt;

  /* Only a task breakdown has a header the sheet importer finds */
  if (t->table->rows->len >= 2)
    json = wp_sheet_import_table (t->table, 0, NULL, &error);
  if (json == NULL)
    {
      for (guint i = 0; i < t->paras->len; i++)
        append_para (doc, source, text, g_ptr_array_index (t->paras, i));
      return;
    }

  rt = g_new0 (WpReportTable, 1);
  rt->row_starts = g_array_new (FALSE, FALSE, sizeof (gsize));
  rt->start = text->len;
  if (source->paragraphs->len > 0)
    {
      WpReportParagraph *p = &g_array_index (source->paragraphs, WpReportParagraph,
                                             source->paragraphs->len - 1);
      g_autofree char *words = g_strndup (text->str + p->start, p->end - p->start);

      if (g_utf8_strlen (words, -1) <= 40 && is_caption (words))
        rt->caption = g_steal_pointer (&words);
    }
  for (guint r = 0; r < t->table->rows->len; r++)
    {
      GArray *row = g_ptr_array_index (t->table->rows, r);
      g_autoptr(GString) line = g_string_new (NULL);

      for (guint c = 0; c < row->len; c++)
        {
          const WpTableCell *cell = &g_array_index (row, WpTableCell, c);
          g_autofree char *flat = g_strdup (cell->text ? cell->text : "");

          g_strdelimit (flat, "\n\t", ' ');
          if (line->len > 0)
            g_string_append_c (line, '\t');
          g_string_append (line, flat);
        }
      g_array_append_val (rt->row_starts, text->len);
      g_string_append_len (text, line->str, (gssize) line->len);
      g_string_append_c (text, '\n');
    }
  rt->end = text->len;
  rt->table = g_steal_pointer (&t->table);
  if (source->tables == NULL)
    source->tables = g_ptr_array_new_with_free_func ((GDestroyNotify) report_table_free);
  g_ptr_array_add (source->tables, rt);
}

static zip_t *
open_zip (const char  *data,
          gsize        length,
          GError     **error)
{
  zip_error_t zerror;
  zip_source_t *src;
  zip_t *zip;

  zip_error_init (&zerror);
  src = zip_source_buffer_create (data, length, 0, &zerror);
  if (src == NULL)
    {
      zip_error_fini (&zerror);
      g_set_error (error, WP_REPORT_ERROR, WP_REPORT_ERROR_DAMAGED,
                   _("The file looks like a Word document (.docx) but is not a zip that can "
                     "be read."));
      return NULL;
    }
  zip = zip_open_from_source (src, ZIP_RDONLY, &zerror);
  zip_error_fini (&zerror);
  if (zip == NULL)
    {
      zip_source_free (src);
      g_set_error (error, WP_REPORT_ERROR, WP_REPORT_ERROR_DAMAGED,
                   _("The file looks like a Word document (.docx) but is not a zip that can "
                     "be read."));
      return NULL;
    }
  return zip;
}

/**
 * wp_report_source_new_for_docx:
 *
 * Reads a Word document: its paragraphs with their heading cues and Word's
 * numbering written in front, and its task breakdown tables.
 *
 * Returns: (transfer full): the source, or %NULL with @error set
 */
WpReportSource *
wp_report_source_new_for_docx (const char  *data,
                               gsize        length,
                               GError     **error)
{
  Doc doc = { 0 };
  g_autoptr(WpReportSource) source = NULL;
  g_autoptr(GString) text = NULL;
  WpReportSource *result = NULL;

  if (length > WP_REPORT_MAX_FILE_SIZE)
    {
      g_set_error (error, WP_REPORT_ERROR, WP_REPORT_ERROR_TOO_LARGE,
                   _("The file is too large to be a work report (over %d MB)."),
                   WP_REPORT_MAX_FILE_SIZE / (1024 * 1024));
      return NULL;
    }
  doc.package.errors = &docx_errors;
  doc.package.zip = open_zip (data, length, error);
  if (doc.package.zip == NULL)
    return NULL;
  doc.styles = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                      (GDestroyNotify) style_free);
  doc.abstracts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                         (GDestroyNotify) abstract_free);
  doc.nums = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) num_free);
  doc.fonts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  doc.sizes = g_hash_table_new (NULL, NULL);
  doc.blocks = g_array_new (FALSE, FALSE, sizeof (Block));
  doc.defaults.bold = -1;

  if (!read_styles (&doc, error) || !read_numbering (&doc, error)
      || !read_document (&doc, error))
    goto out;

  source = g_new0 (WpReportSource, 1);
  source->paragraphs = g_array_new (FALSE, FALSE, sizeof (WpReportParagraph));
  source->encoding = g_strdup ("docx");
  text = g_string_new (NULL);
  for (guint i = 0; i < doc.blocks->len; i++)
    {
      Block *b = &g_array_index (doc.blocks, Block, i);

      if (b->is_table)
        append_table (&doc, source, text, b->table);
      else
        append_para (&doc, source, text, b->para);
    }
  if (source->paragraphs->len == 0 && source->tables == NULL)
    {
      g_set_error (error, WP_REPORT_ERROR, WP_REPORT_ERROR_EMPTY,
                   _("The Word document has no text."));
      goto out;
    }
  source->length = text->len;
  source->text = g_string_free (g_steal_pointer (&text), FALSE);
  result = g_steal_pointer (&source);

out:
  doc_clear (&doc);
  return result;
}
