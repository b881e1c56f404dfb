/* wp-sheet-import-cells.c: a task sheet's cells, merged ranges filled from
 * their first cell, and the numbering their text opens with
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "wp-json-io.h"
#include "wp-sheet-import-private.h"
#include "wp-util.h"

gboolean
_wp_sheet_grid_init (Grid     *grid,
                     WpTable  *table,
                     GError  **error)
{
  guint n_rows = table->rows->len, n_columns = wp_table_n_columns (table);
  gsize n_filled = 0;

  grid->table = table;
  grid->filled = g_hash_table_new (g_direct_hash, g_direct_equal);
  grid->anchors = g_hash_table_new (g_direct_hash, g_direct_equal);
  for (guint i = 0; i < table->merges->len; i++)
    {
      WpTableRange *range = &g_array_index (table->merges, WpTableRange, i);
      /* (past the cells the sheet has, a range fills nothing) */
      guint last_row = MIN (range->last_row, n_rows > 0 ? n_rows - 1 : 0);
      guint last_column = MIN (range->last_column, n_columns > 0 ? n_columns - 1 : 0);

      if (range->first_row >= n_rows || range->first_column >= n_columns)
        continue;
      g_hash_table_insert (grid->anchors, KEY (range->first_row, range->first_column), range);
      for (guint r = range->first_row; r <= last_row; r++)
        for (guint c = range->first_column; c <= last_column; c++)
          {
            if (r == range->first_row && c == range->first_column)
              continue;
            /* (each takes a hash table entry: half the cells a sheet may have) */
            if (++n_filled > WP_TABLE_MAX_CELLS / 2)
              {
                g_set_error (error, WP_IO_ERROR, WP_IO_ERROR_TOO_LARGE,
                             _("The sheet has more than %d cells, too many to be a work plan."),
                             WP_TABLE_MAX_CELLS / 2);
                return FALSE;
              }
            g_hash_table_insert (grid->filled, KEY (r, c), range);
          }
    }
  return TRUE;
}

void
_wp_sheet_grid_clear (Grid *grid)
{
  g_clear_pointer (&grid->filled, g_hash_table_unref);
  g_clear_pointer (&grid->anchors, g_hash_table_unref);
}

/* The cell shown at (@row, @column), and whether it is a merged copy of a
 * cell above or left of it. */
const WpTableCell *
_wp_sheet_grid_get (Grid     *grid,
                    guint     row,
                    guint     column,
                    gboolean *copy)
{
  WpTableRange *range = g_hash_table_lookup (grid->filled, KEY (row, column));

  if (copy != NULL)
    *copy = range != NULL;
  if (range != NULL)
    return wp_table_get (grid->table, range->first_row, range->first_column);
  return wp_table_get (grid->table, row, column);
}

/* The cell's text without surrounding blanks; our export's apostrophe in
 * front of a would-be formula taken off. */
char *
_wp_sheet_grid_text (Grid     *grid,
                     guint     row,
                     guint     column,
                     gboolean *copy)
{
  const WpTableCell *cell = _wp_sheet_grid_get (grid, row, column, copy);
  char *text;

  if (cell == NULL)
    return g_strdup ("");
  text = wp_utf8_strip_blank (g_strdup (cell->text));
  if (text[0] == '\'' && strchr ("=+-@\t\r", text[1]) != NULL && text[1] != '\0')
    memmove (text, text + 1, strlen (text));
  return text;
}

static gboolean
is_cjk_numeral (gunichar c)
{
  return (c == 0x4E00 || c == 0x4E8C || c == 0x4E09 || c == 0x56DB || c == 0x4E94
             || c == 0x516D || c == 0x4E03 || c == 0x516B || c == 0x4E5D || c == 0x5341
             || c == 0x96F6 || c == 0x767E);
}

/* The numbering style of @text's beginning; *@rest is what follows it
 * (the title, when the number is written in the title's cell). */
int
_wp_sheet_numbering_style (const char  *text,
                           const char **rest)
{
  const char *p = text;
  gunichar c = g_utf8_get_char (p);
  int style = STYLE_NONE;

  *rest = text;
  if (c == '(' || c == 0xFF08)
    {
      const char *q = g_utf8_next_char (p);
      gboolean cjk = is_cjk_numeral (g_utf8_get_char (q));
      gboolean arabic = g_ascii_isdigit (*q);

      while (*q != '\0' && (cjk ? is_cjk_numeral (g_utf8_get_char (q)) : g_ascii_isdigit (*q)))
        q = g_utf8_next_char (q);
      c = g_utf8_get_char (q);
      if ((cjk || arabic) && (c == ')' || c == 0xFF09))
        {
          *rest = g_utf8_next_char (q);
          return cjk ? STYLE_PAREN_CJK : STYLE_PAREN_ARABIC;
        }
      return STYLE_NONE;
    }
  if (c >= 0x2460 && c <= 0x2473)  /* ①…⑳ */
    {
      *rest = g_utf8_next_char (p);
      return STYLE_CIRCLED;
    }
  if (is_cjk_numeral (c))
    {
      while (is_cjk_numeral (g_utf8_get_char (p)))
        p = g_utf8_next_char (p);
      c = g_utf8_get_char (p);
      if (c == 0x3001 || c == '.' || c == 0xFF0E)
        {
          *rest = g_utf8_next_char (p);
          return STYLE_CJK;
        }
      if (*p == '\0')
        {
          *rest = p;
          return STYLE_CJK;
        }
      return STYLE_NONE;
    }
  if (g_ascii_isdigit (*p))
    {
      style = STYLE_DOTTED;
      while (g_ascii_isdigit (*p))
        {
          while (g_ascii_isdigit (*p))
            p++;
          if (*p == '.' && g_ascii_isdigit (p[1]))
            {
              style++;
              p++;
            }
          else
            break;
        }
      if (*p == '\0')
        {
          *rest = p;
          return MIN (style, STYLE_DOTTED + 60);
        }
      c = g_utf8_get_char (p);
      if (c == '.' || c == 0x3001 || c == 0xFF0E)
        {
          p = g_utf8_next_char (p);
          /* (“1.5万” is a number, not a numbering) */
          if (!g_ascii_isdigit (*p))
            {
              *rest = p;
              return MIN (style, STYLE_DOTTED + 60);
            }
        }
    }
  return STYLE_NONE;
}
