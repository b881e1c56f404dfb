/* wp-table-xlsx.c: the first sheet of an .xlsx workbook, as WpTable
 *
 * An .xlsx is a zip of XML parts; they are read with libzip and libxml2's
 * streaming reader, so a 100,000-row sheet is never a tree in memory. What
 * a cell shows is what its file says: shared strings (rich-text runs joined,
 * phonetic guides skipped), inline strings, and the value a formula had
 * when the file was saved — formulas are never evaluated. styles.xml tells
 * which numbers are dates.
 *
 * The file came by mail: every part's unpacked size is checked before and
 * while it is read (zip bombs), the whole unpacked total is capped, and XML
 * with a document type is refused (no part of an .xlsx has one, and a DTD
 * is how external entities and entity bombs come in); the network is off.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>
#include <zip.h>
#include <glib/gi18n-lib.h>
#include <libxml/xmlreader.h>

#include "wp-zip-xml.h"

#include "wp-json-io.h"
#include "wp-table.h"

#define REL_NS "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

enum { STYLE_DATE = 1, STYLE_PERCENT = 2 };

typedef struct {
  WpZipXml   package;
  GPtrArray *strings;        /* the shared strings */
  GArray    *styles;         /* guint8 STYLE_* per cell format (xf) */
  GArray    *indents;        /* guint8: each cell format's indent (alignment indent="n") */
  gboolean   date1904;
} Book;

typedef WpZipXmlPart Part;

static gboolean
too_large (GError **error)
{
  g_set_error (error, WP_IO_ERROR, WP_IO_ERROR_TOO_LARGE,
               _("The workbook unpacks to more than %d MB, too large to be a work plan."),
               WP_TABLE_MAX_BYTES / (1024 * 1024));
  return FALSE;
}

static gboolean
damaged (GError     **error,
         const char  *name)
{
  g_set_error (error, WP_IO_ERROR, WP_IO_ERROR_INVALID,
               _("The workbook is damaged: its part “%s” cannot be read."), name);
  return FALSE;
}

static void
set_too_large (GError **error)
{
  too_large (error);
}

static void
set_damaged (GError     **error,
             const char  *name)
{
  damaged (error, name);
}

static void
set_missing (GError     **error,
             const char  *name)
{
  g_set_error (error, WP_IO_ERROR, WP_IO_ERROR_INVALID,
               _("The file is a zip but not an Excel workbook (it has no “%s”)."), name);
}

static void
set_doctype (GError     **error,
             const char  *name)
{
  g_set_error (error, WP_IO_ERROR, WP_IO_ERROR_INVALID,
               _("The workbook's part “%s” declares a document type, which no Excel "
                 "workbook does; it is not read."), name);
}

static const WpZipXmlErrors xlsx_errors = {
  WP_TABLE_MAX_BYTES, set_missing, set_damaged, set_too_large, set_doctype
};

#define open_part(book, part, name, optional, error) \
  wp_zip_xml_open_part (&(book)->package, (part), (name), (optional), (error))
#define close_part wp_zip_xml_close_part
#define next_node wp_zip_xml_next

#define is_element wp_zip_xml_is_element

static gboolean
is_end (xmlTextReaderPtr  reader,
        const char       *name)
{
  return xmlTextReaderNodeType (reader) == XML_READER_TYPE_END_ELEMENT
         && g_strcmp0 ((const char *) xmlTextReaderConstLocalName (reader), name) == 0;
}

static char *
attribute (xmlTextReaderPtr  reader,
           const char       *name)
{
  xmlChar *value = xmlTextReaderGetAttribute (reader, (const xmlChar *) name);
  char *copy = value != NULL ? g_strdup ((const char *) value) : NULL;

  xmlFree (value);
  return copy;
}

static gboolean
is_text_node (xmlTextReaderPtr reader)
{
  int type = xmlTextReaderNodeType (reader);

  return type == XML_READER_TYPE_TEXT || type == XML_READER_TYPE_CDATA
         || type == XML_READER_TYPE_SIGNIFICANT_WHITESPACE
         || type == XML_READER_TYPE_WHITESPACE;
}

/* OOXML writes characters XML cannot hold as _xHHHH_ (a line break as
 * _x000D_); a literal "_x" is written _x005F_x. */
static char *
decode_escapes (GString *text)
{
  GString *out;

  if (strstr (text->str, "_x") == NULL)
    return g_strndup (text->str, text->len);
  out = g_string_sized_new (text->len);
  for (gsize i = 0; i < text->len; i++)
    {
      const char *p = text->str + i;

      if (p[0] == '_' && p[1] == 'x' && g_ascii_isxdigit (p[2]) && g_ascii_isxdigit (p[3])
          && g_ascii_isxdigit (p[4]) && g_ascii_isxdigit (p[5]) && p[6] == '_')
        {
          gunichar c = (gunichar) g_ascii_strtoull (p + 2, NULL, 16);

          if (c == '\r')
            c = '\n';  /* (what the cell's user typed was Alt+Enter) */
          if (c != 0 && g_unichar_validate (c))
            g_string_append_unichar (out, c);
          i += 6;
        }
      else
        g_string_append_c (out, *p);
    }
  /* (a CRLF that became \n\n) */
  return g_string_free (out, FALSE);
}

/* Reads a string item (<si> or <is>) up to its end element: the <t> of
 * the item and of each run, not those of phonetic runs (<rPh>). */
static char *
read_string_item (xmlTextReaderPtr   reader,
                  Part              *part,
                  const char        *name,
                  const char        *end_name,
                  GError           **error)
{
  g_autoptr(GString) text = g_string_new (NULL);
  gboolean in_t = FALSE;
  int in_phonetic = 0;
  int ret;

  if (xmlTextReaderIsEmptyElement (reader))
    return g_strdup ("");
  while ((ret = next_node (reader, part, name, error)) == 1)
    {
      if (is_end (reader, end_name))
        break;
      if (is_element (reader, "rPh") && !xmlTextReaderIsEmptyElement (reader))
        in_phonetic++;
      else if (is_end (reader, "rPh"))
        in_phonetic--;
      else if (is_element (reader, "t") && !xmlTextReaderIsEmptyElement (reader))
        in_t = TRUE;
      else if (is_end (reader, "t"))
        in_t = FALSE;
      else if (in_t && in_phonetic == 0 && is_text_node (reader))
        g_string_append (text, (const char *) xmlTextReaderConstValue (reader));
    }
  if (ret != 1)
    {
      if (ret == 0)
        damaged (error, name);
      return NULL;
    }
  return decode_escapes (text);
}

static gboolean
read_shared_strings (Book     *book,
                     GError  **error)
{
  static const char name[] = "xl/sharedStrings.xml";
  Part part = { 0 };
  xmlTextReaderPtr reader = open_part (book, &part, name, TRUE, error);
  gboolean ok = TRUE;
  int ret;

  if (reader == NULL)
    return error == NULL || *error == NULL;
  while (ok && (ret = next_node (reader, &part, name, error)) == 1)
    {
      if (is_element (reader, "si"))
        {
          char *text = read_string_item (reader, &part, name, "si", error);

          if (text == NULL)
            ok = FALSE;
          else if (book->strings->len >= WP_TABLE_MAX_CELLS)
            {
              g_free (text);
              g_set_error (error, WP_IO_ERROR, WP_IO_ERROR_TOO_LARGE,
                           _("The workbook has more than %d different texts, too many to be a "
                             "work plan."), WP_TABLE_MAX_CELLS);
              ok = FALSE;
            }
          else
            g_ptr_array_add (book->strings, text);
        }
    }
  ok = ok && ret == 0;
  close_part (&part, reader);
  return ok;
}

static guint8
builtin_style (guint64 id)
{
  if ((id >= 14 && id <= 22) || (id >= 27 && id <= 36) || (id >= 50 && id <= 58))
    return STYLE_DATE;
  if (id == 9 || id == 10)
    return STYLE_PERCENT;
  return 0;
}

static gboolean
read_styles (Book     *book,
             GError  **error)
{
  static const char name[] = "xl/styles.xml";
  g_autoptr(GHashTable) custom = g_hash_table_new (g_direct_hash, g_direct_equal);
  Part part = { 0 };
  xmlTextReaderPtr reader = open_part (book, &part, name, TRUE, error);
  gboolean in_cell_xfs = FALSE;
  int ret;

  if (reader == NULL)
    return error == NULL || *error == NULL;
  while ((ret = next_node (reader, &part, name, error)) == 1)
    {
      if (is_element (reader, "numFmt"))
        {
          g_autofree char *id = attribute (reader, "numFmtId");
          g_autofree char *code = attribute (reader, "formatCode");
          guint64 n = id != NULL ? g_ascii_strtoull (id, NULL, 10) : 0;
          guint8 style = 0;

          if (code != NULL && wp_table_format_is_date (code))
            style = STYLE_DATE;
          else if (code != NULL && strchr (code, '%') != NULL)
            style = STYLE_PERCENT;
          if (n < G_MAXUINT)
            g_hash_table_insert (custom, GUINT_TO_POINTER ((guint) n + 1),
                                 GUINT_TO_POINTER (style + 1u));
        }
      else if (is_element (reader, "cellXfs"))
        in_cell_xfs = !xmlTextReaderIsEmptyElement (reader);
      else if (is_end (reader, "cellXfs"))
        in_cell_xfs = FALSE;
      else if (in_cell_xfs && is_element (reader, "xf"))
        {
          g_autofree char *id = attribute (reader, "numFmtId");
          guint64 n = id != NULL ? g_ascii_strtoull (id, NULL, 10) : 0;
          gpointer found = n < G_MAXUINT
                           ? g_hash_table_lookup (custom, GUINT_TO_POINTER ((guint) n + 1))
                           : NULL;
          guint8 style = found != NULL ? (guint8) (GPOINTER_TO_UINT (found) - 1)
                                       : builtin_style (n);

          if (book->styles->len < 65536)
            {
              guint8 none = 0;

              g_array_append_val (book->styles, style);
              g_array_append_val (book->indents, none);
            }
        }
      /* (an xf's alignment is its child: it belongs to the latest xf) */
      else if (in_cell_xfs && is_element (reader, "alignment") && book->indents->len > 0)
        {
          g_autofree char *indent = attribute (reader, "indent");
          guint64 n = indent != NULL ? g_ascii_strtoull (indent, NULL, 10) : 0;

          g_array_index (book->indents, guint8, book->indents->len - 1) = (guint8) MIN (n, 250);
        }
    }
  close_part (&part, reader);
  return ret == 0;
}

/* The path in the zip of the workbook's first visible sheet. */
static char *
first_sheet_path (Book     *book,
                  GError  **error)
{
  static const char name[] = "xl/workbook.xml";
  static const char rels_name[] = "xl/_rels/workbook.xml.rels";
  g_autofree char *rel_id = NULL;
  g_autofree char *target = NULL;
  Part part = { 0 };
  xmlTextReaderPtr reader = open_part (book, &part, name, FALSE, error);
  int ret;

  if (reader == NULL)
    return NULL;
  while ((ret = next_node (reader, &part, name, error)) == 1)
    {
      if (is_element (reader, "workbookPr"))
        {
          g_autofree char *value = attribute (reader, "date1904");
          book->date1904 = value != NULL && (g_str_equal (value, "1")
                                             || g_ascii_strcasecmp (value, "true") == 0);
        }
      else if (is_element (reader, "sheet") && rel_id == NULL)
        {
          g_autofree char *state = attribute (reader, "state");
          xmlChar *id = xmlTextReaderGetAttributeNs (reader, (const xmlChar *) "id",
                                                     (const xmlChar *) REL_NS);

          if (state == NULL || g_str_equal (state, "visible"))
            rel_id = g_strdup ((const char *) id);
          xmlFree (id);
        }
    }
  close_part (&part, reader);
  if (ret != 0)
    return NULL;

  reader = open_part (book, &part, rels_name, TRUE, error);
  if (reader == NULL && error != NULL && *error != NULL)
    return NULL;
  while (reader != NULL && rel_id != NULL && target == NULL
         && (ret = next_node (reader, &part, rels_name, error)) == 1)
    if (is_element (reader, "Relationship"))
      {
        g_autofree char *id = attribute (reader, "Id");

        if (g_strcmp0 (id, rel_id) == 0)
          target = attribute (reader, "Target");
      }
  close_part (&part, reader);
  if (ret < 0)
    return NULL;
  if (target == NULL)
    return g_strdup ("xl/worksheets/sheet1.xml");
  if (target[0] == '/')
    return g_strdup (target + 1);
  return g_strconcat ("xl/", target, NULL);
}

/* "B12" → column 1, row 11; FALSE if it is not a cell reference. */
static gboolean
parse_reference (const char *ref,
                 guint      *row,
                 guint      *column)
{
  guint64 c = 0, r = 0;
  const char *p = ref;
  int letters = 0;

  while (g_ascii_isalpha (*p) && letters < 4)
    {
      c = c * 26 + (guint64) (g_ascii_toupper (*p) - 'A' + 1);
      p++;
      letters++;
    }
  if (letters == 0 || letters > 3 || !g_ascii_isdigit (*p))
    return FALSE;
  while (g_ascii_isdigit (*p) && r <= WP_TABLE_MAX_ROWS)
    r = r * 10 + (guint64) (*p++ - '0');
  if (*p != '\0' || r == 0 || r > WP_TABLE_MAX_ROWS || c > WP_TABLE_MAX_COLUMNS)
    return FALSE;
  *row = (guint) r - 1;
  *column = (guint) c - 1;
  return TRUE;
}

typedef struct {
  guint    row, column;
  char    *type;
  guint    style;
  GString *value;
  char    *inline_text;
  gboolean in_v;
} CellState;

static gboolean
store_cell_value (WpTable    *table,
                  Book       *book,
                  CellState  *c,
                  GError    **error)
{
  const char *type = c->type != NULL ? c->type : "n";
  guint8 style = c->style < book->styles->len ? g_array_index (book->styles, guint8, c->style)
                                              : 0;
  WpTableCell *cell;

  if (g_str_equal (type, "inlineStr"))
    return c->inline_text == NULL
           || wp_table_set (table, c->row, c->column, g_steal_pointer (&c->inline_text),
                            error) != NULL;
  if (c->value->len == 0)
    return TRUE;
  if (g_str_equal (type, "s"))
    {
      guint64 index = g_ascii_strtoull (c->value->str, NULL, 10);

      if (index >= book->strings->len)
        {
          g_set_error (error, WP_IO_ERROR, WP_IO_ERROR_INVALID,
                       _("The workbook is damaged: a cell names a text it does not have."));
          return FALSE;
        }
      return wp_table_set (table, c->row, c->column,
                           g_strdup (g_ptr_array_index (book->strings, index)), error) != NULL;
    }
  if (g_str_equal (type, "str") || g_str_equal (type, "d"))
    return wp_table_set (table, c->row, c->column, g_strndup (c->value->str, c->value->len),
                         error) != NULL;
  if (g_str_equal (type, "e"))
    return TRUE;  /* (#N/A and friends: nothing) */
  if (g_str_equal (type, "b"))
    return wp_table_set (table, c->row, c->column,
                         g_strdup (g_str_equal (c->value->str, "1") ? "TRUE" : "FALSE"),
                         error) != NULL;
  {
    char *end = NULL;
    double number = g_ascii_strtod (c->value->str, &end);
    char buffer[G_ASCII_DTOSTR_BUF_SIZE];
    GDate date;

    if (end == c->value->str || !isfinite (number))
      return wp_table_set (table, c->row, c->column, g_strdup (c->value->str), error) != NULL;
    if ((style & STYLE_DATE) && wp_table_serial_to_date (number, book->date1904, &date))
      {
        cell = wp_table_set (table, c->row, c->column,
                             g_strdup_printf ("%04d-%02d-%02d", g_date_get_year (&date),
                                              g_date_get_month (&date), g_date_get_day (&date)),
                             error);
        if (cell == NULL)
          return FALSE;
        cell->is_date = TRUE;
      }
    else
      {
        /* (%.15g: 0.1 + 0.2 reads 0.3, as Excel shows it) */
        g_ascii_formatd (buffer, sizeof buffer, "%.15g",
                         (style & STYLE_PERCENT) ? number * 100 : number);
        cell = wp_table_set (table, c->row, c->column,
                             (style & STYLE_PERCENT) ? g_strconcat (buffer, "%", NULL)
                                                     : g_strdup (buffer), error);
        if (cell == NULL)
          return FALSE;
        cell->is_percent = (style & STYLE_PERCENT) != 0;
      }
    cell->is_number = TRUE;
    cell->number = number;
  }
  return TRUE;
}

/* The cell, with the indent its format gives it: an office's way of
 * showing an action below its key task in the same column */
static gboolean
store_cell (WpTable    *table,
            Book       *book,
            CellState  *c,
            GError    **error)
{
  guint8 indent = c->style < book->indents->len ? g_array_index (book->indents, guint8, c->style)
                                                : 0;
  WpTableCell *cell;

  if (!store_cell_value (table, book, c, error))
    return FALSE;
  cell = indent > 0 ? (WpTableCell *) wp_table_get (table, c->row, c->column) : NULL;
  if (cell != NULL)
    cell->indent = indent;
  return TRUE;
}

static gboolean
add_merge (WpTable    *table,
           const char *ref)
{
  g_auto(GStrv) ends = g_strsplit (ref, ":", 2);
  WpTableRange range;

  if (g_strv_length (ends) != 2
      || !parse_reference (ends[0], &range.first_row, &range.first_column)
      || !parse_reference (ends[1], &range.last_row, &range.last_column)
      || range.last_row < range.first_row || range.last_column < range.first_column)
    return FALSE;
  if (table->merges->len < WP_TABLE_MAX_ROWS)
    g_array_append_val (table->merges, range);
  return TRUE;
}

static gboolean
read_sheet (WpTable     *table,
            Book        *book,
            const char  *name,
            GError     **error)
{
  g_autoptr(GString) value = g_string_new (NULL);
  Part part = { 0 };
  xmlTextReaderPtr reader = open_part (book, &part, name, FALSE, error);
  CellState c = { 0 };
  guint next_row = 0, next_column = 0;
  gboolean in_cell = FALSE, ok = TRUE;
  int ret = 0;

  if (reader == NULL)
    return FALSE;
  c.value = value;
  while (ok && (ret = next_node (reader, &part, name, error)) == 1)
    {
      if (is_element (reader, "row"))
        {
          g_autofree char *r = attribute (reader, "r");
          guint64 n = r != NULL ? g_ascii_strtoull (r, NULL, 10) : next_row + 1;

          if (n == 0 || n > WP_TABLE_MAX_ROWS)
            {
              g_set_error (error, WP_IO_ERROR, WP_IO_ERROR_TOO_LARGE,
                           _("The sheet has more than %d rows or %d columns, more than a "
                             "spreadsheet can hold."), WP_TABLE_MAX_ROWS, WP_TABLE_MAX_COLUMNS);
              ok = FALSE;
              break;
            }
          next_row = (guint) n;
          next_column = 0;
        }
      else if (is_element (reader, "c"))
        {
          g_autofree char *r = attribute (reader, "r");
          g_autofree char *s = attribute (reader, "s");

          c.row = next_row > 0 ? next_row - 1 : 0;
          c.column = next_column;
          if (r != NULL && !parse_reference (r, &c.row, &c.column))
            {
              g_set_error (error, WP_IO_ERROR, WP_IO_ERROR_INVALID,
                           _("The workbook is damaged: a cell is at “%s”, which is no place "
                             "on a sheet."), r);
              ok = FALSE;
              break;
            }
          next_column = c.column + 1;
          g_free (c.type);
          c.type = attribute (reader, "t");
          c.style = s != NULL ? (guint) MIN (g_ascii_strtoull (s, NULL, 10), G_MAXUINT) : 0;
          g_string_truncate (value, 0);
          g_clear_pointer (&c.inline_text, g_free);
          in_cell = !xmlTextReaderIsEmptyElement (reader);
        }
      else if (in_cell && is_element (reader, "v"))
        c.in_v = !xmlTextReaderIsEmptyElement (reader);
      else if (is_end (reader, "v"))
        c.in_v = FALSE;
      else if (in_cell && c.in_v && is_text_node (reader))
        g_string_append (value, (const char *) xmlTextReaderConstValue (reader));
      else if (in_cell && is_element (reader, "is"))
        {
          g_free (c.inline_text);
          c.inline_text = read_string_item (reader, &part, name, "is", error);
          ok = c.inline_text != NULL;
        }
      else if (in_cell && is_end (reader, "c"))
        {
          in_cell = FALSE;
          ok = store_cell (table, book, &c, error);
        }
      else if (is_element (reader, "mergeCell"))
        {
          g_autofree char *ref = attribute (reader, "ref");
          if (ref != NULL)
            add_merge (table, ref);
        }
    }
  g_free (c.type);
  g_free (c.inline_text);
  close_part (&part, reader);
  return ok && ret == 0;
}

/**
 * wp_table_read_xlsx:
 *
 * Returns: (transfer full): the first visible sheet of the workbook
 *   @path, or %NULL with @error set
 */
WpTable *
wp_table_read_xlsx (const char  *path,
                    GError     **error)
{
  g_autoptr(WpTable) table = wp_table_new (WP_TABLE_FORMAT_XLSX);
  g_autofree char *sheet = NULL;
  Book book = { 0 };
  int zip_error = 0;
  gboolean ok;

  book.package.errors = &xlsx_errors;
  book.package.zip = zip_open (path, ZIP_RDONLY | ZIP_CHECKCONS, &zip_error);
  if (book.package.zip == NULL)
    {
      zip_error_t ze;

      zip_error_init_with_code (&ze, zip_error);
      g_set_error (error, WP_IO_ERROR, WP_IO_ERROR_INVALID,
                   _("The file is not a readable Excel workbook (%s)."), zip_error_strerror (&ze));
      zip_error_fini (&ze);
      return NULL;
    }
  book.strings = g_ptr_array_new_with_free_func (g_free);
  book.styles = g_array_new (FALSE, TRUE, 1);
  book.indents = g_array_new (FALSE, TRUE, 1);

  sheet = first_sheet_path (&book, error);
  ok = sheet != NULL && read_shared_strings (&book, error) && read_styles (&book, error);
  table->date1904 = book.date1904;
  ok = ok && read_sheet (table, &book, sheet, error);

  g_ptr_array_unref (book.strings);
  g_array_unref (book.styles);
  g_array_unref (book.indents);
  zip_discard (book.package.zip);
  if (!ok)
    return NULL;
  return g_steal_pointer (&table);
}
