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

#include "wp-report-docx-private.h"
#include "wp-sheet-import.h"

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

Para *
_wp_docx_para_new (void)
{
  Para *p = g_new0 (Para, 1);

  p->text = g_string_new (NULL);
  p->bold_open = TRUE;
  p->fonts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  p->sizes = g_hash_table_new (NULL, NULL);
  p->outline_level = -1;
  return p;
}

void
_wp_docx_para_free (Para *p)
{
  g_string_free (p->text, TRUE);
  g_free (p->number);
  g_hash_table_unref (p->fonts);
  g_hash_table_unref (p->sizes);
  g_free (p);
}

void
_wp_docx_table_free (Table *t)
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
            _wp_docx_table_free (b->table);
          else
            _wp_docx_para_free (b->para);
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

gboolean
_wp_docx_is_end (xmlTextReaderPtr  reader,
                 const char       *name)
{
  return (xmlTextReaderNodeType (reader) == XML_READER_TYPE_END_ELEMENT
          || (xmlTextReaderNodeType (reader) == XML_READER_TYPE_ELEMENT
              && xmlTextReaderIsEmptyElement (reader)))
         && g_strcmp0 ((const char *) xmlTextReaderConstLocalName (reader), name) == 0;
}

/* Whether the reader is inside an element skipped whole, which began at
 * depth *@skip_depth (-1: none); at its end, the skipping stops */
gboolean
_wp_docx_skipping (xmlTextReaderPtr  reader,
                   int              *skip_depth)
{
  if (*skip_depth < 0)
    return FALSE;
  if (xmlTextReaderNodeType (reader) == XML_READER_TYPE_END_ELEMENT
      && xmlTextReaderDepth (reader) == *skip_depth)
    *skip_depth = -1;
  return TRUE;
}

/* w:val, or another attribute, whatever prefix the writer gave it */
char *
_wp_docx_attribute (xmlTextReaderPtr  reader,
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

/* Puts w:val, or NULL, in *@slot in place of what it held */
void
_wp_docx_take_value (xmlTextReaderPtr   reader,
                     char             **slot)
{
  g_free (*slot);
  *slot = _wp_docx_attribute (reader, "val");
}

int
_wp_docx_int_attribute (xmlTextReaderPtr  reader,
                        const char       *name,
                        int               fallback)
{
  g_autofree char *value = _wp_docx_attribute (reader, name);
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
  g_autofree char *value = _wp_docx_attribute (reader, "val");

  return value == NULL || g_str_equal (value, "1") || g_str_equal (value, "true")
         || g_str_equal (value, "on");
}

/* Reads one element of a w:rPr into @props */
void
_wp_docx_read_run_property (xmlTextReaderPtr  reader,
                            RunProps         *props)
{
  if (is_element (reader, "b"))
    props->bold = toggle_value (reader);
  else if (is_element (reader, "sz"))
    props->size = MAX (0, _wp_docx_int_attribute (reader, "val", 0));
  else if (is_element (reader, "rFonts"))
    {
      char *font = _wp_docx_attribute (reader, "eastAsia");

      if (font == NULL)
        font = _wp_docx_attribute (reader, "ascii");
      if (font != NULL)
        {
          g_free (props->font);
          props->font = font;
        }
    }
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
  const char *body_font = _wp_docx_most (doc->fonts);
  int body_size = GPOINTER_TO_INT (_wp_docx_most (doc->sizes));
  const char *font = _wp_docx_most (p->fonts);
  int size = GPOINTER_TO_INT (_wp_docx_most (p->sizes));

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

  if (!_wp_docx_read_styles (&doc, error) || !_wp_docx_read_numbering (&doc, error)
      || !_wp_docx_read_document (&doc, error))
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
