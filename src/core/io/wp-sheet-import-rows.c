/* wp-sheet-import-rows.c: a task sheet's rows made items at their depth: by
 * level columns, numbering, 类别, merged sections or indentation; totals skipped
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "wp-sheet-import-private.h"
#include "wp-util.h"

gboolean
_wp_sheet_is_total_row (Import *im,
                        guint   row)
{
  for (guint c = 0; c < MIN (im->n_columns, 4); c++)
    {
      g_autofree char *text = _wp_sheet_grid_text (&im->grid, row, c, NULL);
      g_autofree char *norm = _wp_sheet_normalise_header (text);

      if (g_str_has_prefix (norm, "合计") || g_str_has_prefix (norm, "小计")
          || g_str_has_prefix (norm, "总计"))
        return TRUE;
    }
  return FALSE;
}

/* The depth below the container of an item numbered in @style: that of
 * the latest item numbered alike, or one deeper than the latest item. */
static guint
depth_of_style (Import *im,
                int     style)
{
  for (guint d = 0; d < im->styles->len; d++)
    if (g_array_index (im->styles, int, d) == style)
      {
        g_array_set_size (im->styles, d + 1);
        return d;
      }
  g_array_append_val (im->styles, style);
  return im->styles->len - 1;
}

/* @text without its numbering, or @text when it is only a number */
static char *
strip_numbering (const char *text,
                 int        *style)
{
  const char *rest;
  int found = _wp_sheet_numbering_style (text, &rest);

  if (style != NULL)
    *style = found;
  if (found == STYLE_NONE || rest[0] == '\0')
    return g_strdup (text);
  return wp_utf8_strip_blank (g_strdup (rest));
}

/* The text of a row with one numbered cell left of the title's, and
 * nothing else (一、平安建设 where the merge was lost), or NULL */
static char *
lone_numbered_cell (Import *im,
                    guint   row)
{
  char *found = NULL;

  for (guint c = 0; c < im->n_columns; c++)
    {
      g_autofree char *text = _wp_sheet_grid_text (&im->grid, row, c, NULL);
      const char *rest;

      if (text[0] == '\0')
        continue;
      if (found != NULL || c >= (guint) im->title_column || im->roles[c] != ROLE_NUMBER
          || _wp_sheet_numbering_style (text, &rest) == STYLE_NONE || rest[0] == '\0')
        {
          g_free (found);
          return NULL;
        }
      found = g_steal_pointer (&text);
    }
  return found;
}

/* A row merged across from the title's cell over three columns or more
 * heads a section (一、平安建设) */
static gboolean
read_section_row (Import *im,
                  guint   row)
{
  guint column = (guint) im->title_column;
  WpTableRange *range = g_hash_table_lookup (im->grid.filled, KEY (row, column));
  g_autofree char *anchor = NULL;
  g_autofree char *title = NULL;
  Node *node;
  int style;

  if (range == NULL)
    range = g_hash_table_lookup (im->grid.anchors, KEY (row, column));
  if (range != NULL && range->first_row == row && range->last_column - range->first_column >= 2)
    anchor = _wp_sheet_grid_text (&im->grid, range->first_row, range->first_column, NULL);
  else if (im->levels->len > 0)
    anchor = lone_numbered_cell (im, row);
  if (anchor == NULL)
    return FALSE;
  if (anchor[0] == '\0')
    return TRUE;
  title = strip_numbering (anchor, &style);
  if (im->levels->len > 0)
    {
      im->section_depth = 1;
      node = _wp_sheet_open_node (im, title, 0);
      g_array_set_size (im->styles, 0);
    }
  else
    node = _wp_sheet_open_node (im, title,
                                depth_of_style (im, style != STYLE_NONE ? style : STYLE_SECTION));
  if (node->depth == 0)
    {
      node->kind = WP_ITEM_KIND_AREA;
      node->kind_known = TRUE;
    }
  return TRUE;
}

/* Indentation: how far a title cell is indented, by its format (XLSX
 * alignment, a level of which is about four spaces wide) or by blanks in
 * front of its text (a full-width space is two wide, a tab four). A
 * single space is taken for a typing slip, not a level. */
static guint
indent_of (Import *im,
           guint   row)
{
  const WpTableCell *cell = _wp_sheet_grid_get (&im->grid, row, (guint) im->title_column, NULL);
  guint width = 0;

  if (cell == NULL)
    return 0;
  for (const char *p = cell->text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == ' ' || c == 0xa0)
        width += 1;
      else if (c == 0x3000)
        width += 2;
      else if (c == '\t')
        width += 4;
      else
        break;
    }
  width += 4 * cell->indent;
  return width >= 2 ? width : 0;
}

static int
compare_guint (gconstpointer a,
               gconstpointer b)
{
  guint x = *(const guint *) a, y = *(const guint *) b;

  return x < y ? -1 : x > y;
}

/* When the items are in one column and indented by level, the indents
 * seen, so that each row's depth is the rank of its indent */
void
_wp_sheet_find_indents (Import *im)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_direct_hash, g_direct_equal);
  GHashTableIter iter;
  gpointer key;

  if (im->levels->len > 0)
    return;
  for (guint r = im->first_data_row; r < im->grid.table->rows->len; r++)
    {
      g_autofree char *title = _wp_sheet_grid_text (&im->grid, r, (guint) im->title_column, NULL);

      if (title[0] != '\0')
        g_hash_table_add (seen, GUINT_TO_POINTER (indent_of (im, r) + 1));
    }
  if (g_hash_table_size (seen) < 2)
    return;
  im->indents = g_array_new (FALSE, FALSE, sizeof (guint));
  g_hash_table_iter_init (&iter, seen);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      guint indent = GPOINTER_TO_UINT (key) - 1;

      g_array_append_val (im->indents, indent);
    }
  g_array_sort (im->indents, compare_guint);
}

static guint
depth_of_indent (Import *im,
                 guint   row)
{
  guint indent = indent_of (im, row);

  for (guint i = 0; i < im->indents->len; i++)
    if (g_array_index (im->indents, guint, i) == indent)
      return i;
  return 0;
}

void
_wp_sheet_read_row (Import *im,
                    guint   row)
{
  g_autofree char *title = _wp_sheet_grid_text (&im->grid, row, (guint) im->title_column, NULL);
  g_autofree char *number = NULL;
  Node *row_node = NULL;
  Role title_role = im->roles[im->title_column];
  guint base, depth;
  gboolean number_copy = FALSE;
  int style = STYLE_NONE;

  if (read_section_row (im, row))
    return;

  /* The parents' columns: a new parent where the text changes, or where a
   * cell of its own (not a merged copy) says the same again. */
  for (guint i = 0; i < im->levels->len; i++)
    {
      guint column = g_array_index (im->levels, guint, i);
      guint at = im->section_depth + i;
      gboolean copy;
      g_autofree char *text = _wp_sheet_grid_text (&im->grid, row, column, &copy);
      g_autofree char *stripped = NULL;
      Node *current = at < im->open->len ? g_ptr_array_index (im->open, at) : NULL;

      if (text[0] == '\0' || copy)
        continue;
      stripped = strip_numbering (text, NULL);
      if (current == NULL || !g_str_equal (current->title, stripped)
          || g_hash_table_contains (im->grid.anchors, KEY (row, column)))
        {
          Role role = im->roles[column];

          row_node = _wp_sheet_open_node (im, stripped, at);
          row_node->kind = role == ROLE_AREA ? WP_ITEM_KIND_AREA
                         : role == ROLE_TASK ? WP_ITEM_KIND_TASK : WP_ITEM_KIND_ACTION;
          row_node->kind_known = role != ROLE_TITLE;
          g_array_set_size (im->styles, 0);
        }
    }
  base = MIN (im->section_depth + im->levels->len, im->open->len);

  /* The numbering: in the 序号 column, else in front of the title */
  if (im->number_column >= 0)
    number = _wp_sheet_grid_text (&im->grid, row, (guint) im->number_column, &number_copy);
  if (number != NULL && number[0] != '\0' && !number_copy)
    {
      const char *rest;

      style = _wp_sheet_numbering_style (number, &rest);
      /* (a title written in the number's cell, 一、平安建设) */
      if (style != STYLE_NONE && title[0] == '\0' && rest[0] != '\0')
        {
          g_free (title);
          title = wp_utf8_strip_blank (g_strdup (rest));
        }
    }
  else if (title[0] != '\0')
    {
      char *stripped = strip_numbering (title, &style);

      g_free (title);
      title = stripped;
    }

  if (title[0] == '\0')
    {
      if (row_node != NULL)
        _wp_sheet_set_fields (im, row_node, row);
      return;
    }

  /* Below parents' columns, a 序号 numbers the parents (merged down with
   * them) or the rows one after another: the items are siblings. */
  /* Indented titles: the indent is what the reader's eye goes by, and the
   * numbering is only taken off the title. */
  depth = im->levels->len > 0 ? 0
        : im->indents != NULL ? depth_of_indent (im, row)
        : depth_of_style (im, style);
  row_node = _wp_sheet_open_node (im, title, base + depth);
  if (title_role != ROLE_TITLE)
    row_node->column_kind = title_role == ROLE_AREA ? WP_ITEM_KIND_AREA
                          : title_role == ROLE_TASK ? WP_ITEM_KIND_TASK : WP_ITEM_KIND_ACTION;
  if (im->levels->len > 0 && row_node->column_kind >= 0)
    {
      row_node->kind = row_node->column_kind;
      row_node->kind_known = TRUE;
    }
  _wp_sheet_set_fields (im, row_node, row);
}
