/* wp-report-docx-body.c: a .docx's document.xml read: its paragraphs, their
 * runs and cues, and its tables with their merged cells
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "wp-report-docx-private.h"

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

gpointer
_wp_docx_most (GHashTable *table)
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

gboolean
_wp_docx_read_document (Doc     *doc,
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
      if (_wp_docx_skipping (reader, &skip_depth))
        continue;
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
              ts.table->paras =
                g_ptr_array_new_with_free_func ((GDestroyNotify) _wp_docx_para_free);
              ts.table->table = wp_table_new (WP_TABLE_FORMAT_UNKNOWN);
              ts.table->row_texts = g_ptr_array_new_with_free_func (g_free);
              ts.row = 0;
              ts.cell = g_string_new (NULL);
              g_array_set_size (ts.merge_top, 0);
              g_array_set_size (ts.merge_index, 0);
            }
        }
      else if (_wp_docx_is_end (reader, "tbl") && ts.table != NULL)
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
      else if (ts.table != NULL && ts.depth == 0 && _wp_docx_is_end (reader, "tr"))
        ts.row = MIN (ts.row + 1, WP_TABLE_MAX_ROWS - 1);
      else if (ts.table != NULL && ts.depth == 0 && is_element (reader, "tc"))
        {
          ts.span = 1;
          ts.merge_continue = FALSE;
          if (xmlTextReaderIsEmptyElement (reader))
            end_cell (&ts);
        }
      else if (ts.table != NULL && ts.depth == 0 && _wp_docx_is_end (reader, "tc"))
        end_cell (&ts);
      else if (ts.table != NULL && ts.depth == 0 && is_element (reader, "tcPr"))
        in_tcpr = !xmlTextReaderIsEmptyElement (reader);
      else if (_wp_docx_is_end (reader, "tcPr"))
        in_tcpr = FALSE;
      else if (in_tcpr && is_element (reader, "gridSpan"))
        ts.span = (guint) CLAMP (_wp_docx_int_attribute (reader, "val", 1), 1, 64);
      else if (in_tcpr && is_element (reader, "vMerge"))
        {
          g_autofree char *val = _wp_docx_attribute (reader, "val");
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
          para = _wp_docx_para_new ();
          g_clear_pointer (&para_props.font, g_free);
          para_props.bold = -1;
          para_props.size = 0;
          g_clear_pointer (&para_style, g_free);
          g_clear_pointer (&num_id, g_free);
          has_numpr = FALSE;
          ilvl = 0;
        }
      else if (_wp_docx_is_end (reader, "p") && para != NULL)
        {
          if (--para_depth > 0)
            continue;
          {
            Style *chain[MAX_STYLE_CHAIN];
            guint n = _wp_docx_style_chain (doc, para_style, chain);

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
            para->number = _wp_docx_next_number (doc, num_id, ilvl);
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
      else if (_wp_docx_is_end (reader, "pPr"))
        {
          in_ppr = FALSE;
          _wp_docx_style_run_props (doc, para_style, &para_props);
        }
      else if (in_ppr && !in_rpr && is_element (reader, "pStyle"))
        _wp_docx_take_value (reader, &para_style);
      else if (in_ppr && is_element (reader, "numId"))
        {
          _wp_docx_take_value (reader, &num_id);
          has_numpr = TRUE;
        }
      else if (in_ppr && is_element (reader, "ilvl"))
        ilvl = _wp_docx_int_attribute (reader, "val", 0);
      else if (in_ppr && is_element (reader, "outlineLvl"))
        para->outline_level = _wp_docx_int_attribute (reader, "val", -1);
      else if (in_ppr && is_element (reader, "jc"))
        {
          g_autofree char *val = _wp_docx_attribute (reader, "val");
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
              _wp_docx_style_run_props (doc, NULL, &para_props);
            }
          g_free (run_props.font);
          run_props = para_props;
          run_props.font = g_strdup (para_props.font);
        }
      else if (_wp_docx_is_end (reader, "r"))
        in_run = FALSE;
      else if (in_run && is_element (reader, "rPr"))
        in_rpr = !xmlTextReaderIsEmptyElement (reader);
      else if (_wp_docx_is_end (reader, "rPr"))
        in_rpr = FALSE;
      else if (in_rpr && is_element (reader, "rStyle"))
        {
          g_autofree char *id = _wp_docx_attribute (reader, "val");
          _wp_docx_style_run_props (doc, id, &run_props);
        }
      else if (in_rpr)
        _wp_docx_read_run_property (reader, &run_props);
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
    _wp_docx_para_free (para);
  if (ts.table != NULL)
    _wp_docx_table_free (ts.table);
  if (ts.cell != NULL)
    g_string_free (ts.cell, TRUE);
  g_array_unref (ts.merge_top);
  g_array_unref (ts.merge_index);
  g_free (para_props.font);
  g_free (run_props.font);
  close_part (&part, reader);
  return ret == 0;
}
