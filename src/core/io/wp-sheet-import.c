/* wp-sheet-import.c: a 任务分解表 (task breakdown sheet) as offices really
 * write it, turned into the interchange JSON that wp-json-io.c reads
 *
 * The sheet comes as WpTable cells (wp-table*.c). What is worked out here:
 * - the header row, below one or two title rows, its headers matched by
 *   the many words offices use for each column (牵头单位/责任单位/牵头部门…),
 *   a second header row under merged headers (形象进度 over 一季度…四季度);
 * - merged cells, filled from their first cell: an area merged across a
 *   row, a key task merged down over its actions;
 * - the hierarchy: from separate area / key task / action columns, from
 *   the 序号 (1 / 1.1 / 1.1.1, or 一、/（一）/1./（1）), from 类别, or from
 *   indenting: the actions one column right of their key tasks under one
 *   header, or the titles indented by blanks or by the cells' indent;
 * - 合计/小计 rows skipped, agencies split on 、，,/; and spaces, deadlines
 *   as Excel dates or as words (through wp_deadline_parse(), the words kept
 *   as the due label).
 * Writing is then the JSON import's: checked whole, one transaction.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <gio/gio.h>
#include <glib/gstdio.h>
#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "wp-deadline.h"
#include "wp-enums.h"
#include "wp-json-io.h"
#include "wp-sheet.h"
#include "wp-sheet-import.h"
#include "wp-util.h"

typedef enum {
  ROLE_NONE,
  ROLE_NUMBER,
  ROLE_KIND,       /* 类别: a level's name, or the name of the area */
  ROLE_AREA,       /* a column of areas */
  ROLE_TASK,       /* a column of key tasks */
  ROLE_ACTION,     /* a column of actions */
  ROLE_TITLE,      /* the one title column */
  ROLE_LEAD,
  ROLE_CO,
  ROLE_DUE,
  ROLE_STATUS,
  ROLE_PROGRESS,
  ROLE_NOTE,
  ROLE_REMARK,
  ROLE_EXTRA,      /* kept in the description under its header */
  ROLE_MILESTONE,  /* 形象进度: by quarter, the item's milestones; else in the description */
} Role;

/* Headers, normalised (no spaces, ASCII lower case); English ones are our
 * own export's in a C or English locale. */
static const struct {
  const char *header;
  Role        role;
} synonyms[] = {
  { "序号", ROLE_NUMBER }, { "编号", ROLE_NUMBER }, { "no.", ROLE_NUMBER },
  { "no", ROLE_NUMBER }, { "#", ROLE_NUMBER },
  { "类别", ROLE_KIND }, { "层级", ROLE_KIND }, { "级别", ROLE_KIND }, { "level", ROLE_KIND },
  { "类型", ROLE_KIND },
  { "工作领域", ROLE_AREA }, { "领域", ROLE_AREA }, { "重点领域", ROLE_AREA },
  { "板块", ROLE_AREA }, { "工作板块", ROLE_AREA }, { "工作目标", ROLE_AREA },
  { "重点任务", ROLE_TASK }, { "主要任务", ROLE_TASK }, { "工作任务", ROLE_TASK },
  { "任务", ROLE_TASK }, { "重点工作", ROLE_TASK },
  { "具体措施", ROLE_ACTION }, { "工作措施", ROLE_ACTION }, { "主要措施", ROLE_ACTION },
  { "主要举措", ROLE_ACTION }, { "具体举措", ROLE_ACTION }, { "工作内容", ROLE_ACTION },
  { "具体任务", ROLE_ACTION }, { "措施", ROLE_ACTION },
  { "重点任务/具体措施", ROLE_TITLE }, { "重点任务（具体措施）", ROLE_TITLE },
  { "重点任务(具体措施)", ROLE_TITLE }, { "任务内容", ROLE_TITLE }, { "工作事项", ROLE_TITLE },
  { "事项", ROLE_TITLE }, { "任务名称", ROLE_TITLE }, { "keytask/action", ROLE_TITLE },
  { "title", ROLE_TITLE },
  { "牵头单位", ROLE_LEAD }, { "责任单位", ROLE_LEAD }, { "牵头部门", ROLE_LEAD },
  { "责任部门", ROLE_LEAD }, { "牵头单位（部门）", ROLE_LEAD }, { "主责单位", ROLE_LEAD },
  { "leadagency", ROLE_LEAD }, { "lead", ROLE_LEAD },
  { "配合单位", ROLE_CO }, { "协办单位", ROLE_CO }, { "协同部门", ROLE_CO },
  { "责任（配合）单位", ROLE_CO }, { "责任(配合)单位", ROLE_CO }, { "配合部门", ROLE_CO },
  { "协同单位", ROLE_CO }, { "参与单位", ROLE_CO }, { "co-agencies", ROLE_CO },
  { "co-agency", ROLE_CO }, { "supportingagencies", ROLE_CO },
  { "完成时限", ROLE_DUE }, { "时间节点", ROLE_DUE }, { "完成时间", ROLE_DUE },
  { "时限", ROLE_DUE }, { "完成期限", ROLE_DUE }, { "时间要求", ROLE_DUE },
  { "deadline", ROLE_DUE },
  { "状态", ROLE_STATUS }, { "完成状态", ROLE_STATUS }, { "status", ROLE_STATUS },
  { "进度", ROLE_PROGRESS }, { "进度(%)", ROLE_PROGRESS }, { "进度（%）", ROLE_PROGRESS },
  { "完成进度", ROLE_PROGRESS }, { "完成比例", ROLE_PROGRESS }, { "progress(%)", ROLE_PROGRESS },
  { "progress", ROLE_PROGRESS },
  { "进展情况", ROLE_NOTE }, { "推进情况", ROLE_NOTE }, { "完成情况", ROLE_NOTE },
  { "目前进展", ROLE_NOTE }, { "工作进展", ROLE_NOTE }, { "进展", ROLE_NOTE },
  { "progressnotes", ROLE_NOTE },
  { "备注", ROLE_REMARK }, { "remarks", ROLE_REMARK }, { "说明", ROLE_REMARK },
  { "责任领导", ROLE_EXTRA }, { "分管领导", ROLE_EXTRA }, { "存在问题", ROLE_EXTRA },
  { "下步打算", ROLE_EXTRA }, { "下一步打算", ROLE_EXTRA }, { "下步计划", ROLE_EXTRA },
  { "目标任务", ROLE_EXTRA }, { "工作目标（指标）", ROLE_EXTRA },
  { "形象进度", ROLE_MILESTONE }, { "季度形象进度", ROLE_MILESTONE },
  { "一季度", ROLE_MILESTONE }, { "二季度", ROLE_MILESTONE }, { "三季度", ROLE_MILESTONE },
  { "四季度", ROLE_MILESTONE }, { "第一季度", ROLE_MILESTONE }, { "第二季度", ROLE_MILESTONE },
  { "第三季度", ROLE_MILESTONE }, { "第四季度", ROLE_MILESTONE },
  { "q1milestone", ROLE_MILESTONE }, { "q2milestone", ROLE_MILESTONE },
  { "q3milestone", ROLE_MILESTONE }, { "q4milestone", ROLE_MILESTONE },
};

static gboolean
role_is_title (Role role)
{
  return role == ROLE_AREA || role == ROLE_TASK || role == ROLE_ACTION || role == ROLE_TITLE;
}

/* Header text without spaces, line breaks or a trailing colon, ASCII
 * letters lower-cased: “牵头\n单位” and “Lead Agency” match. */
static char *
normalise_header (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (wp_unichar_is_blank (c) || c == '*' || c == 0xFF1A || c == ':')
        continue;
      if (c < 0x80)
        g_string_append_c (out, g_ascii_tolower ((char) c));
      else
        g_string_append_unichar (out, c);
    }
  return g_string_free (out, FALSE);
}

/* The quarter a milestone column's header names (一季度, 第二季度, Q3…),
 * or 0 */
static guint
quarter_of_label (const char *label)
{
  static const char *names[4][3] = {
    { "一季度", "1季度", "Q1" }, { "二季度", "2季度", "Q2" },
    { "三季度", "3季度", "Q3" }, { "四季度", "4季度", "Q4" },
  };
  guint found = 0;

  for (guint q = 0; label != NULL && q < 4; q++)
    for (guint i = 0; i < G_N_ELEMENTS (names[q]); i++)
      if (strstr (label, names[q][i]) != NULL)
        {
          if (found != 0 && found != q + 1)
            return 0;  /* (一季度至二季度: no one quarter) */
          found = q + 1;
        }
  return found;
}

static Role
match_header (const char *text)
{
  g_autofree char *norm = normalise_header (text);
  Role best = ROLE_NONE;
  gsize best_len = 0;

  if (norm[0] == '\0')
    return ROLE_NONE;
  for (guint i = 0; i < G_N_ELEMENTS (synonyms); i++)
    if (g_str_equal (norm, synonyms[i].header))
      return synonyms[i].role;
  /* “牵头单位（部门）”, “完成时限（2025年）”: the longest synonym it starts with */
  for (guint i = 0; i < G_N_ELEMENTS (synonyms); i++)
    {
      gsize len = strlen (synonyms[i].header);

      if (len > best_len && len >= 6 && g_str_has_prefix (norm, synonyms[i].header))
        {
          best = synonyms[i].role;
          best_len = len;
        }
    }
  return best;
}

/* The cells of the sheet with merged ranges filled from their first cell */

typedef struct {
  WpTable    *table;
  GHashTable *filled;  /* row << 14 | column → the WpTableRange it is in (not the first cell) */
  GHashTable *anchors; /* row << 14 | column of a range's first cell → its WpTableRange */
} Grid;

#define KEY(r, c) GSIZE_TO_POINTER (((gsize) (r) << 14) | (gsize) (c))

static gboolean
grid_init (Grid     *grid,
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

static void
grid_clear (Grid *grid)
{
  g_clear_pointer (&grid->filled, g_hash_table_unref);
  g_clear_pointer (&grid->anchors, g_hash_table_unref);
}

/* The cell shown at (@row, @column), and whether it is a merged copy of a
 * cell above or left of it. */
static const WpTableCell *
grid_get (Grid     *grid,
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
static char *
grid_text (Grid     *grid,
           guint     row,
           guint     column,
           gboolean *copy)
{
  const WpTableCell *cell = grid_get (grid, row, column, copy);
  char *text;

  if (cell == NULL)
    return g_strdup ("");
  text = wp_utf8_strip_blank (g_strdup (cell->text));
  if (text[0] == '\'' && strchr ("=+-@\t\r", text[1]) != NULL && text[1] != '\0')
    memmove (text, text + 1, strlen (text));
  return text;
}

/* Numbering: 一、 / （一） / 1. / （1） / ① / 1.1.1 */

enum {
  STYLE_NONE = 0,      /* no number */
  STYLE_CJK = 1,       /* 一、 */
  STYLE_PAREN_CJK,     /* （一） */
  STYLE_PAREN_ARABIC,  /* （1） */
  STYLE_CIRCLED,       /* ① */
  STYLE_SECTION,       /* a row merged across, not numbered */
  STYLE_DOTTED = 10,   /* 1 / 1. / 1、 is 10, 1.1 is 11, 1.1.1 is 12… */
};

static gboolean
is_cjk_numeral (gunichar c)
{
  return (c == 0x4E00 || c == 0x4E8C || c == 0x4E09 || c == 0x56DB || c == 0x4E94
             || c == 0x516D || c == 0x4E03 || c == 0x516B || c == 0x4E5D || c == 0x5341
             || c == 0x96F6 || c == 0x767E);
}

/* The numbering style of @text's beginning; *@rest is what follows it
 * (the title, when the number is written in the title's cell). */
static int
numbering_style (const char  *text,
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

/* Items as they are read */

typedef struct _Node Node;
struct _Node {
  WpItemKind  kind;
  gboolean    kind_known;
  int         column_kind;  /* the kind its column's header names, or -1 */
  char       *title;
  GString    *description;
  GPtrArray  *lead, *co;
  int         status;    /* WpItemStatus, or -1 */
  gboolean    carried_forward;
  int         progress;  /* or -1 */
  char       *due;
  char       *due_label;
  gboolean    ongoing;
  char       *note_date;
  char       *note_text;
  char       *milestones[4];  /* 形象进度 cells by quarter, or NULL */
  guint       depth;
  GPtrArray  *children;
};

static void
node_free (Node *node)
{
  g_free (node->title);
  g_string_free (node->description, TRUE);
  g_ptr_array_unref (node->lead);
  g_ptr_array_unref (node->co);
  g_free (node->due);
  g_free (node->due_label);
  g_free (node->note_date);
  g_free (node->note_text);
  for (guint q = 0; q < 4; q++)
    g_free (node->milestones[q]);
  g_ptr_array_unref (node->children);
  g_free (node);
}

static Node *
node_new (const char *title,
          guint       depth)
{
  Node *node = g_new0 (Node, 1);

  node->title = g_strdup (title);
  node->description = g_string_new (NULL);
  node->lead = g_ptr_array_new_with_free_func (g_free);
  node->co = g_ptr_array_new_with_free_func (g_free);
  node->status = -1;
  node->progress = -1;
  node->column_kind = -1;
  node->due_label = g_strdup ("");
  node->depth = depth;
  node->children = g_ptr_array_new_with_free_func ((GDestroyNotify) node_free);
  return node;
}

typedef struct {
  Grid       grid;
  int        year;
  Role      *roles;        /* per column */
  char     **labels;       /* per column: its header, for extra columns */
  guint      n_columns;
  guint      header_row, first_data_row;
  int        number_column;  /* or -1 */
  int        kind_column;    /* or -1; a column of level names */
  GArray    *levels;         /* guint: the columns of parents, outermost first */
  int        title_column;
  Node      *root;
  GPtrArray *open;           /* Node: the latest item at each depth */
  GArray    *styles;         /* int: the numbering style at each depth under the container */
  guint      section_depth;    /* 1 once rows merged across head sections, else 0 */
  GArray    *indents;        /* guint: the title cells' indents, deepest last; NULL if alike */
  char      *today;
} Import;

static void
import_clear (Import *im)
{
  grid_clear (&im->grid);
  g_free (im->roles);
  g_strfreev (im->labels);
  g_clear_pointer (&im->levels, g_array_unref);
  g_clear_pointer (&im->root, node_free);
  g_clear_pointer (&im->open, g_ptr_array_unref);
  g_clear_pointer (&im->styles, g_array_unref);
  g_clear_pointer (&im->indents, g_array_unref);
  g_free (im->today);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Import, import_clear)

/* Adds an item at @depth, below the latest item one level up. */
static Node *
open_node (Import     *im,
           const char *title,
           guint       depth)
{
  Node *parent = im->root;
  Node *node;

  depth = MIN (depth, im->open->len);
  if (depth > 0)
    parent = g_ptr_array_index (im->open, depth - 1);
  node = node_new (title, depth);
  g_ptr_array_add (parent->children, node);
  g_ptr_array_set_size (im->open, depth);
  g_ptr_array_add (im->open, node);
  return node;
}

/* Finding the header */

static guint
score_row (Import *im,
           guint   row,
           Role   *roles)
{
  gboolean seen[ROLE_MILESTONE + 1] = { 0 };
  gboolean title = FALSE;
  guint score = 0;

  for (guint c = 0; c < im->n_columns; c++)
    {
      g_autofree char *text = grid_text (&im->grid, row, c, NULL);
      Role role = match_header (text);

      if (roles != NULL)
        roles[c] = role;
      if (role != ROLE_NONE && !seen[role])
        {
          seen[role] = TRUE;
          score++;
        }
      title |= role_is_title (role);
    }
  return title ? score : 0;
}

/* A column without a header right of a column of tasks, whose text
 * stands where the column left of it is empty, holds the items one level
 * below it: the key tasks in B, their actions indented into C under one
 * header (or under a header merged across both, its merge lost). */
static void
find_indented_columns (Import *im)
{
  for (guint c = 1; c < im->n_columns; c++)
    {
      Role left = im->roles[c - 1];
      guint alone = 0, beside = 0;

      if (im->roles[c] != ROLE_NONE || !role_is_title (left)
          || (im->labels[c] != NULL && im->labels[c][0] != '\0'))
        continue;
      for (guint r = im->first_data_row; r < im->grid.table->rows->len; r++)
        {
          g_autofree char *text = grid_text (&im->grid, r, c, NULL);
          g_autofree char *before = NULL;

          if (text[0] == '\0')
            continue;
          before = grid_text (&im->grid, r, c - 1, NULL);
          if (before[0] == '\0')
            alone++;
          else
            beside++;
        }
      if (alone > 0 && alone >= beside)
        im->roles[c] = left == ROLE_AREA ? ROLE_TASK
                     : left == ROLE_TASK ? ROLE_ACTION : ROLE_TITLE;
    }
}

static gboolean
find_header (Import  *im,
             GError **error)
{
  guint best = 0, best_row = 0;
  guint last = MIN (im->grid.table->rows->len, 20);

  for (guint r = 0; r < last; r++)
    {
      guint score = score_row (im, r, NULL);

      if (score > best)
        {
          best = score;
          best_row = r;
        }
    }
  if (best < 2)
    {
      g_set_error (error, WP_IO_ERROR, WP_IO_ERROR_INVALID,
                   _("No header row found in the sheet's first rows: a task breakdown sheet "
                     "needs a column such as 重点任务 or 具体措施 and one such as 牵头单位 "
                     "or 完成时限."));
      return FALSE;
    }
  im->header_row = best_row;
  im->first_data_row = best_row + 1;
  im->roles = g_new0 (Role, im->n_columns);
  im->labels = g_new0 (char *, im->n_columns + 1);
  score_row (im, best_row, im->roles);

  /* A second header row: below headers merged down, or of sub-headers
   * such as 一季度…四季度 under a 形象进度 merged across. */
  for (guint c = 0; c < im->n_columns; c++)
    {
      WpTableRange *range = g_hash_table_lookup (im->grid.anchors, KEY (best_row, c));

      if (range == NULL)
        range = g_hash_table_lookup (im->grid.filled, KEY (best_row, c));
      if (range != NULL && range->first_row == best_row && range->last_row > best_row)
        im->first_data_row = MAX (im->first_data_row, MIN (range->last_row, best_row + 2) + 1);
    }
  if (im->first_data_row == best_row + 1)
    {
      guint subheaders = 0;

      for (guint c = 0; c < im->n_columns; c++)
        {
          g_autofree char *text = grid_text (&im->grid, best_row + 1, c, NULL);
          subheaders += match_header (text) == ROLE_MILESTONE;
        }
      if (subheaders >= 2)
        im->first_data_row = best_row + 2;
    }
  for (guint c = 0; c < im->n_columns; c++)
    {
      g_autofree char *top = grid_text (&im->grid, best_row, c, NULL);

      if (im->first_data_row > best_row + 1)
        {
          g_autofree char *sub = grid_text (&im->grid, im->first_data_row - 1, c, NULL);
          Role sub_role = match_header (sub);

          if (sub[0] != '\0' && !g_str_equal (sub, top))
            {
              if (im->roles[c] == ROLE_NONE || sub_role == ROLE_MILESTONE)
                im->roles[c] = sub_role != ROLE_NONE ? sub_role : ROLE_EXTRA;
              im->labels[c] = sub_role == ROLE_MILESTONE && top[0] != '\0'
                              ? g_strdup_printf ("%s·%s", top, sub) : g_strdup (sub);
              continue;
            }
        }
      if (im->roles[c] == ROLE_NONE && top[0] != '\0')
        im->roles[c] = ROLE_EXTRA;
      im->labels[c] = g_steal_pointer (&top);
    }
  find_indented_columns (im);
  return TRUE;
}

/* Which columns give the hierarchy */

static gboolean
is_kind_label (const char  *text,
               WpItemKind  *kind)
{
  static const struct { const char *label; WpItemKind kind; } labels[] = {
    { "工作领域", WP_ITEM_KIND_AREA }, { "领域", WP_ITEM_KIND_AREA },
    { "Area", WP_ITEM_KIND_AREA }, { "area", WP_ITEM_KIND_AREA },
    { "重点任务", WP_ITEM_KIND_TASK }, { "任务", WP_ITEM_KIND_TASK },
    { "Key task", WP_ITEM_KIND_TASK }, { "task", WP_ITEM_KIND_TASK },
    { "具体措施", WP_ITEM_KIND_ACTION }, { "措施", WP_ITEM_KIND_ACTION },
    { "Action", WP_ITEM_KIND_ACTION }, { "action", WP_ITEM_KIND_ACTION },
  };

  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    if (g_str_equal (text, labels[i].label))
      {
        *kind = labels[i].kind;
        return TRUE;
      }
  for (int k = WP_ITEM_KIND_AREA; k <= WP_ITEM_KIND_ACTION; k++)
    if (g_str_equal (text, wp_item_kind_to_label (k)))
      {
        *kind = k;
        return TRUE;
      }
  return FALSE;
}

static void
choose_columns (Import *im)
{
  g_autoptr(GArray) titles = g_array_new (FALSE, FALSE, sizeof (guint));

  im->number_column = im->kind_column = im->title_column = -1;
  im->levels = g_array_new (FALSE, FALSE, sizeof (guint));
  /* 责任单位 beside a 牵头单位 are those who work with the lead */
  for (guint c = 0; c < im->n_columns; c++)
    if (im->roles[c] == ROLE_LEAD && im->labels[c] != NULL && strstr (im->labels[c], "牵头"))
      for (guint k = 0; k < im->n_columns; k++)
        if (k != c && im->roles[k] == ROLE_LEAD && im->labels[k] != NULL
            && strstr (im->labels[k], "责任") != NULL)
          im->roles[k] = ROLE_CO;
  for (guint c = 0; c < im->n_columns; c++)
    {
      if (im->roles[c] == ROLE_NUMBER && im->number_column < 0)
        im->number_column = (int) c;
      else if (im->roles[c] == ROLE_KIND && im->kind_column < 0)
        im->kind_column = (int) c;
      else if (role_is_title (im->roles[c]))
        g_array_append_val (titles, c);
    }

  /* 类别 names the level (our export) or the area the rows are in */
  if (im->kind_column >= 0)
    {
      guint labels = 0, others = 0;

      for (guint r = im->first_data_row; r < im->grid.table->rows->len; r++)
        {
          g_autofree char *text = grid_text (&im->grid, r, (guint) im->kind_column, NULL);
          WpItemKind kind;

          if (text[0] != '\0')
            {
              if (is_kind_label (text, &kind))
                labels++;
              else
                others++;
            }
        }
      if (others > labels)
        {
          guint c = (guint) im->kind_column;

          g_array_prepend_val (titles, c);
          im->roles[c] = ROLE_AREA;
          im->kind_column = -1;
        }
    }

  /* The last title column holds the items of each row; those before it
   * their parents. */
  im->title_column = (int) g_array_index (titles, guint, titles->len - 1);
  for (guint i = 0; i + 1 < titles->len; i++)
    g_array_append_val (im->levels, g_array_index (titles, guint, i));
}

/* Fields */

static void
add_agencies (GPtrArray  *names,
              const char *text)
{
  static GRegex *regex;
  g_auto(GStrv) parts = NULL;

  /* 、，,/；; and blanks */
  if (g_once_init_enter (&regex))
    g_once_init_leave (&regex, g_regex_new ("[、，,/／；;\\s\\x{3000}]+", G_REGEX_OPTIMIZE, 0,
                                            NULL));
  parts = g_regex_split (regex, text, 0);

  for (guint i = 0; parts[i] != NULL; i++)
    {
      char *name = wp_utf8_strip_blank (parts[i]);
      gboolean seen = FALSE;

      if (name[0] == '\0')
        continue;
      for (guint k = 0; k < names->len && !seen; k++)
        seen = g_str_equal (g_ptr_array_index (names, k), name);
      if (!seen)
        g_ptr_array_add (names, g_strdup (name));
    }
}

/* “30/6/2025”, how our export writes a date in a C or English locale */
static gboolean
parse_day_month_year (const char *text,
                      GDate      *date)
{
  int d, m, y, n = 0;

  g_date_clear (date, 1);
  if (sscanf (text, "%2d/%2d/%4d%n", &d, &m, &y, &n) != 3 || text[n] != '\0'
      || !g_date_valid_dmy (d, m, y))
    return FALSE;
  g_date_set_dmy (date, d, m, y);
  return TRUE;
}

static void
set_due (Import            *im,
         Node              *node,
         const WpTableCell *cell,
         const char        *text)
{
  WpDeadline deadline;
  GDate date;

  g_date_clear (&date, 1);
  if (cell->is_date && wp_date_from_iso (text, &date))
    {
      node->due = wp_date_to_iso (&date);
      return;
    }
  /* An Excel serial where the style was lost (a CSV of a sheet) */
  if (cell->is_number && !cell->is_date && im->grid.table->format != WP_TABLE_FORMAT_CSV
      && cell->number >= 20000 && cell->number < 80000
      && wp_table_serial_to_date (cell->number, im->grid.table->date1904, &date))
    {
      node->due = wp_date_to_iso (&date);
      return;
    }
  if (wp_deadline_parse (text, im->year, &deadline))
    {
      g_autofree char *display = NULL;

      node->ongoing = deadline.ongoing;
      if (g_date_valid (&deadline.date))
        {
          node->due = wp_date_to_iso (&deadline.date);
          display = wp_date_format_display (&deadline.date);
        }
      /* A plain date is the date, not words to keep */
      if (display != NULL && (g_str_equal (text, display) || g_str_equal (text, node->due)))
        return;
    }
  else if (parse_day_month_year (text, &date))
    {
      g_autofree char *display = wp_date_format_display (&date);

      node->due = wp_date_to_iso (&date);
      if (g_str_equal (text, display))
        return;
    }
  g_free (node->due_label);
  node->due_label = g_strdup (text);
}

static void
set_status (Node       *node,
            const char *text)
{
  static const struct { const char *label; WpItemStatus status; } labels[] = {
    { "未开始", WP_ITEM_STATUS_NOT_STARTED }, { "未启动", WP_ITEM_STATUS_NOT_STARTED },
    { "Not started", WP_ITEM_STATUS_NOT_STARTED },
    { "进行中", WP_ITEM_STATUS_IN_PROGRESS }, { "推进中", WP_ITEM_STATUS_IN_PROGRESS },
    { "正在推进", WP_ITEM_STATUS_IN_PROGRESS }, { "序时推进", WP_ITEM_STATUS_IN_PROGRESS },
    { "In progress", WP_ITEM_STATUS_IN_PROGRESS },
    { "已完成", WP_ITEM_STATUS_DONE }, { "完成", WP_ITEM_STATUS_DONE },
    { "已办结", WP_ITEM_STATUS_DONE }, { "办结", WP_ITEM_STATUS_DONE },
    { "Done", WP_ITEM_STATUS_DONE },
    { "暂缓", WP_ITEM_STATUS_SUSPENDED }, { "暂停", WP_ITEM_STATUS_SUSPENDED },
    { "Suspended", WP_ITEM_STATUS_SUSPENDED },
  };

  if (g_str_equal (text, "已结转") || g_str_equal (text, "Carried over")
      || g_str_equal (text, C_("status", "Carried over")))
    {
      node->carried_forward = TRUE;
      return;
    }
  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    if (g_str_equal (text, labels[i].label))
      {
        node->status = labels[i].status;
        return;
      }
  for (int s = WP_ITEM_STATUS_NOT_STARTED; s <= WP_ITEM_STATUS_SUSPENDED; s++)
    if (g_str_equal (text, wp_item_status_to_label (s))
        || g_str_equal (text, wp_item_status_to_string (s)))
      {
        node->status = s;
        return;
      }
}

static void
set_progress (Node              *node,
              const WpTableCell *cell,
              const char        *text)
{
  double value;
  char *end = NULL;

  if (cell->is_number && !cell->is_date)
    value = cell->is_percent ? cell->number * 100 : cell->number;
  else
    {
      value = g_ascii_strtod (text, &end);
      if (end == text)
        return;
    }
  /* (0.5 in a column of fractions is half done) */
  if (cell->is_number && !cell->is_percent && value > 0 && value < 1)
    value *= 100;
  if (!isfinite (value) || value < 0 || value > 100)
    return;
  node->progress = (int) lround (value);
}

/* Our export writes the latest note as “date text”; an office's cell is
 * text only, reported today. */
static void
set_note (Import     *im,
          Node       *node,
          const char *text)
{
  const char *space = strchr (text, ' ');
  GDate date;

  g_date_clear (&date, 1);
  if (space != NULL)
    {
      g_autofree char *first = g_strndup (text, space - text);
      WpDeadline deadline;

      if ((strstr (first, "日") != NULL && wp_deadline_parse (first, im->year, &deadline)
           && g_date_valid (&deadline.date) && (date = deadline.date, TRUE))
          || parse_day_month_year (first, &date))
        {
          node->note_date = wp_date_to_iso (&date);
          node->note_text = g_strdup (space + 1);
          return;
        }
    }
  node->note_date = g_strdup (im->today);
  node->note_text = g_strdup (text);
}

static void
append_description (Node       *node,
                    const char *label,
                    const char *text)
{
  if (node->description->len > 0)
    g_string_append_c (node->description, '\n');
  if (label != NULL)
    g_string_append_printf (node->description, "%s：", label);
  g_string_append (node->description, text);
}

static void
set_fields (Import *im,
            Node   *node,
            guint   row)
{
  for (guint c = 0; c < im->n_columns; c++)
    {
      gboolean copy;
      g_autofree char *text = grid_text (&im->grid, row, c, &copy);
      const WpTableCell *cell = grid_get (&im->grid, row, c, NULL);
      WpItemKind kind;

      if (text[0] == '\0')
        continue;
      if (copy)
        {
          WpTableRange *range = g_hash_table_lookup (im->grid.filled, KEY (row, c));

          /* (a section's text merged across the row is no agency or date) */
          if (range->first_column != c && im->roles[range->first_column] != im->roles[c])
            continue;
        }
      switch (im->roles[c])
        {
        case ROLE_LEAD:
          add_agencies (node->lead, text);
          break;
        case ROLE_CO:
          add_agencies (node->co, text);
          break;
        case ROLE_DUE:
          if (node->due == NULL && node->due_label[0] == '\0')
            set_due (im, node, cell, text);
          break;
        case ROLE_STATUS:
          set_status (node, text);
          break;
        case ROLE_PROGRESS:
          set_progress (node, cell, text);
          break;
        case ROLE_NOTE:
          if (node->note_text == NULL && !copy)
            set_note (im, node, text);
          break;
        case ROLE_REMARK:
          if (!copy)
            append_description (node, NULL, text);
          break;
        case ROLE_MILESTONE:
          /* (a quarter's column becomes the item's milestone; a 形象进度
           * column of no quarter stays words in the description) */
          if (!copy && quarter_of_label (im->labels[c]) > 0)
            {
              guint q = quarter_of_label (im->labels[c]) - 1;

              g_free (node->milestones[q]);
              node->milestones[q] = g_strdup (text);
            }
          else if (!copy)
            append_description (node, im->labels[c], text);
          break;
        case ROLE_EXTRA:
          if (!copy)
            append_description (node, im->labels[c], text);
          break;
        case ROLE_KIND:
          if (is_kind_label (text, &kind))
            {
              node->kind = kind;
              node->kind_known = TRUE;
            }
          break;
        case ROLE_NONE:
        case ROLE_NUMBER:
        case ROLE_AREA:
        case ROLE_TASK:
        case ROLE_ACTION:
        case ROLE_TITLE:
        default:
          break;
        }
    }
}

/* Rows */

static gboolean
is_total_row (Import *im,
              guint   row)
{
  for (guint c = 0; c < MIN (im->n_columns, 4); c++)
    {
      g_autofree char *text = grid_text (&im->grid, row, c, NULL);
      g_autofree char *norm = normalise_header (text);

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
  int found = numbering_style (text, &rest);

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
      g_autofree char *text = grid_text (&im->grid, row, c, NULL);
      const char *rest;

      if (text[0] == '\0')
        continue;
      if (found != NULL || c >= (guint) im->title_column || im->roles[c] != ROLE_NUMBER
          || numbering_style (text, &rest) == STYLE_NONE || rest[0] == '\0')
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
    anchor = grid_text (&im->grid, range->first_row, range->first_column, NULL);
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
      node = open_node (im, title, 0);
      g_array_set_size (im->styles, 0);
    }
  else
    node = open_node (im, title, depth_of_style (im, style != STYLE_NONE ? style
                                                                         : STYLE_SECTION));
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
  const WpTableCell *cell = grid_get (&im->grid, row, (guint) im->title_column, NULL);
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
static void
find_indents (Import *im)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_direct_hash, g_direct_equal);
  GHashTableIter iter;
  gpointer key;

  if (im->levels->len > 0)
    return;
  for (guint r = im->first_data_row; r < im->grid.table->rows->len; r++)
    {
      g_autofree char *title = grid_text (&im->grid, r, (guint) im->title_column, NULL);

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

static void
read_row (Import *im,
          guint   row)
{
  g_autofree char *title = grid_text (&im->grid, row, (guint) im->title_column, NULL);
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
      g_autofree char *text = grid_text (&im->grid, row, column, &copy);
      g_autofree char *stripped = NULL;
      Node *current = at < im->open->len ? g_ptr_array_index (im->open, at) : NULL;

      if (text[0] == '\0' || copy)
        continue;
      stripped = strip_numbering (text, NULL);
      if (current == NULL || !g_str_equal (current->title, stripped)
          || g_hash_table_contains (im->grid.anchors, KEY (row, column)))
        {
          Role role = im->roles[column];

          row_node = open_node (im, stripped, at);
          row_node->kind = role == ROLE_AREA ? WP_ITEM_KIND_AREA
                         : role == ROLE_TASK ? WP_ITEM_KIND_TASK : WP_ITEM_KIND_ACTION;
          row_node->kind_known = role != ROLE_TITLE;
          g_array_set_size (im->styles, 0);
        }
    }
  base = MIN (im->section_depth + im->levels->len, im->open->len);

  /* The numbering: in the 序号 column, else in front of the title */
  if (im->number_column >= 0)
    number = grid_text (&im->grid, row, (guint) im->number_column, &number_copy);
  if (number != NULL && number[0] != '\0' && !number_copy)
    {
      const char *rest;

      style = numbering_style (number, &rest);
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
        set_fields (im, row_node, row);
      return;
    }

  /* Below parents' columns, a 序号 numbers the parents (merged down with
   * them) or the rows one after another: the items are siblings. */
  /* Indented titles: the indent is what the reader's eye goes by, and the
   * numbering is only taken off the title. */
  depth = im->levels->len > 0 ? 0
        : im->indents != NULL ? depth_of_indent (im, row)
        : depth_of_style (im, style);
  row_node = open_node (im, title, base + depth);
  if (title_role != ROLE_TITLE)
    row_node->column_kind = title_role == ROLE_AREA ? WP_ITEM_KIND_AREA
                          : title_role == ROLE_TASK ? WP_ITEM_KIND_TASK : WP_ITEM_KIND_ACTION;
  if (im->levels->len > 0 && row_node->column_kind >= 0)
    {
      row_node->kind = row_node->column_kind;
      row_node->kind_known = TRUE;
    }
  set_fields (im, row_node, row);
}

/* JSON */

static void
kinds_by_depth (Node     *node,
                gboolean  flat)
{
  for (guint i = 0; i < node->children->len; i++)
    {
      Node *child = g_ptr_array_index (node->children, i);

      if (!child->kind_known)
        child->kind = flat && child->column_kind >= 0 ? (WpItemKind) child->column_kind
                    : flat ? WP_ITEM_KIND_TASK
                    : child->depth == 0 ? WP_ITEM_KIND_AREA
                    : child->depth == 1 ? WP_ITEM_KIND_TASK : WP_ITEM_KIND_ACTION;
      kinds_by_depth (child, flat);
    }
}

static void
add_strings (JsonBuilder *builder,
             const char  *key,
             GPtrArray   *values)
{
  json_builder_set_member_name (builder, key);
  json_builder_begin_array (builder);
  for (guint i = 0; i < values->len; i++)
    json_builder_add_string_value (builder, g_ptr_array_index (values, i));
  json_builder_end_array (builder);
}

static void
build_node (JsonBuilder *builder,
            Node        *node)
{
  gboolean leaf = node->children->len == 0;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "kind");
  json_builder_add_string_value (builder, wp_item_kind_to_string (node->kind));
  json_builder_set_member_name (builder, "title");
  json_builder_add_string_value (builder, node->title);
  json_builder_set_member_name (builder, "description");
  json_builder_add_string_value (builder, node->description->str);
  add_strings (builder, "lead", node->lead);
  add_strings (builder, "co", node->co);
  /* A parent's status and progress in a sheet are those of the work below
   * it, which the plan works out itself. */
  json_builder_set_member_name (builder, "status");
  json_builder_add_string_value (builder,
                                 wp_item_status_to_string (leaf && node->status >= 0
                                                           ? node->status
                                                           : WP_ITEM_STATUS_NOT_STARTED));
  json_builder_set_member_name (builder, "progress");
  if (leaf && node->progress >= 0)
    json_builder_add_int_value (builder, node->progress);
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "due");
  if (node->due != NULL)
    json_builder_add_string_value (builder, node->due);
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "due_label");
  json_builder_add_string_value (builder, node->due_label);
  json_builder_set_member_name (builder, "ongoing");
  json_builder_add_boolean_value (builder, node->ongoing);
  if (node->carried_forward)
    {
      json_builder_set_member_name (builder, "carried_forward");
      json_builder_add_boolean_value (builder, TRUE);
    }
  json_builder_set_member_name (builder, "targets");
  json_builder_begin_array (builder);
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "notes");
  json_builder_begin_array (builder);
  if (node->note_text != NULL)
    {
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "date");
      json_builder_add_string_value (builder, node->note_date);
      json_builder_set_member_name (builder, "text");
      json_builder_add_string_value (builder, node->note_text);
      json_builder_set_member_name (builder, "progress");
      json_builder_add_null_value (builder);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "milestones");
  json_builder_begin_array (builder);
  for (guint q = 0; q < 4; q++)
    {
      g_autofree char *text = NULL;
      int progress;

      if (node->milestones[q] == NULL || node->milestones[q][0] == '\0')
        continue;
      wp_sheet_parse_milestone (node->milestones[q], &text, &progress);
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "quarter");
      json_builder_add_int_value (builder, q + 1);
      json_builder_set_member_name (builder, "text");
      json_builder_add_string_value (builder, text);
      json_builder_set_member_name (builder, "progress");
      if (progress >= 0)
        json_builder_add_int_value (builder, progress);
      else
        json_builder_add_null_value (builder);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "children");
  json_builder_begin_array (builder);
  for (guint i = 0; i < node->children->len; i++)
    build_node (builder, g_ptr_array_index (node->children, i));
  json_builder_end_array (builder);
  json_builder_end_object (builder);
}

static guint
max_depth (Node *node)
{
  guint depth = 0;

  for (guint i = 0; i < node->children->len; i++)
    {
      Node *child = g_ptr_array_index (node->children, i);
      depth = MAX (depth, MAX (child->depth, max_depth (child)));
    }
  return depth;
}

/* The plan's title and year from the title rows above the header */
static void
read_title_rows (Import  *im,
                 char   **title,
                 char   **organization)
{
  g_autoptr(GRegex) year = g_regex_new ("(20\\d\\d|19\\d\\d)\\s*年", 0, 0, NULL);

  for (guint r = 0; r < im->header_row; r++)
    for (guint c = 0; c < im->n_columns; c++)
      {
        g_autofree char *text = grid_text (&im->grid, r, c, NULL);
        g_autoptr(GMatchInfo) match = NULL;

        if (text[0] == '\0')
          continue;
        if (*title == NULL)
          {
            *title = g_strdup (text);
            if (im->year == 0 && g_regex_match (year, text, 0, &match))
              {
                g_autofree char *y = g_match_info_fetch (match, 1);
                im->year = atoi (y);
              }
            /* (our export: “2025: title” when the title has no year) */
            if (g_ascii_isdigit (text[0]) && strlen (text) > 6 && text[4] == ':'
                && text[5] == ' ')
              {
                if (im->year == 0)
                  im->year = atoi (text);
                memmove (*title, *title + 6, strlen (*title + 6) + 1);
              }
          }
        else if (*organization == NULL && strstr (text, " · ") != NULL)
          *organization = g_strndup (text, strstr (text, " · ") - text);
        break;
      }
}

/* The year the deadlines and notes say most often, or 0 (a CSV has no title) */
static int
year_of_dates (Import *im)
{
  g_autoptr(GRegex) regex = g_regex_new ("(?<!\\d)(20\\d\\d)(?!\\d)", 0, 0, NULL);
  g_autoptr(GHashTable) counts = g_hash_table_new (g_direct_hash, g_direct_equal);
  int best = 0;
  guint best_count = 0;

  for (guint r = im->first_data_row; r < MIN (im->grid.table->rows->len, 2000); r++)
    for (guint c = 0; c < im->n_columns; c++)
      {
        g_autoptr(GMatchInfo) match = NULL;
        g_autofree char *text = NULL;

        if (im->roles[c] != ROLE_DUE && im->roles[c] != ROLE_NOTE)
          continue;
        text = grid_text (&im->grid, r, c, NULL);
        if (g_regex_match (regex, text, 0, &match))
          {
            g_autofree char *y = g_match_info_fetch (match, 1);
            int year = atoi (y);
            guint n = GPOINTER_TO_UINT (g_hash_table_lookup (counts, GINT_TO_POINTER (year))) + 1;

            g_hash_table_insert (counts, GINT_TO_POINTER (year), GUINT_TO_POINTER (n));
            if (n > best_count)
              {
                best = year;
                best_count = n;
              }
          }
      }
  return best;
}

/* The mapping's roles are the importer's own, in the same order */
G_STATIC_ASSERT ((int) WP_SHEET_FIELD_MILESTONE == (int) ROLE_MILESTONE);
G_STATIC_ASSERT ((int) WP_SHEET_FIELD_EXTRA == (int) ROLE_EXTRA);
G_STATIC_ASSERT ((int) WP_SHEET_FIELD_TITLE == (int) ROLE_TITLE);

/**
 * wp_sheet_field_to_label:
 *
 * Returns: what a column taken for @field holds, in the user's words
 */
const char *
wp_sheet_field_to_label (WpSheetField field)
{
  switch (field)
    {
    case WP_SHEET_FIELD_NUMBER: return _("No. (序号)");
    case WP_SHEET_FIELD_KIND: return _("Level (类别)");
    case WP_SHEET_FIELD_AREA: return _("Area");
    case WP_SHEET_FIELD_TASK: return _("Key task");
    case WP_SHEET_FIELD_ACTION: return _("Action");
    case WP_SHEET_FIELD_TITLE: return _("Key task / action");
    case WP_SHEET_FIELD_LEAD: return _("Lead agency");
    case WP_SHEET_FIELD_CO: return _("Supporting agencies");
    case WP_SHEET_FIELD_DUE: return _("Deadline");
    case WP_SHEET_FIELD_STATUS: return _("Status");
    case WP_SHEET_FIELD_PROGRESS: return _("Progress");
    case WP_SHEET_FIELD_NOTE: return _("Progress note");
    case WP_SHEET_FIELD_REMARK: return _("Remarks");
    case WP_SHEET_FIELD_EXTRA: return _("Kept in the description");
    case WP_SHEET_FIELD_MILESTONE: return _("Milestone");
    case WP_SHEET_FIELD_NONE:
    case WP_SHEET_N_FIELDS:
    default:
      return _("Not imported");
    }
}

void
wp_sheet_mapping_free (WpSheetMapping *mapping)
{
  if (mapping == NULL)
    return;
  g_strfreev (mapping->headers);
  g_free (mapping->fields);
  g_free (mapping);
}

/**
 * wp_sheet_import_guess:
 *
 * Finds the header row of @table and what each column holds, as
 * wp_sheet_import_table() would take them.
 *
 * Returns: (transfer full): the mapping, or %NULL with @error set when the
 *   sheet has no header row
 */
WpSheetMapping *
wp_sheet_import_guess (WpTable  *table,
                       GError  **error)
{
  g_auto(Import) im = { 0 };
  WpSheetMapping *mapping;

  im.n_columns = MIN (wp_table_n_columns (table), 256);
  if (!grid_init (&im.grid, table, error) || !find_header (&im, error))
    return NULL;
  mapping = g_new0 (WpSheetMapping, 1);
  mapping->header_row = im.header_row;
  mapping->first_row = im.first_data_row;
  mapping->n_columns = im.n_columns;
  mapping->headers = g_new0 (char *, im.n_columns + 1);
  mapping->fields = g_new0 (WpSheetField, im.n_columns);
  for (guint c = 0; c < im.n_columns; c++)
    {
      mapping->headers[c] = g_strdup (im.labels[c] != NULL ? im.labels[c] : "");
      mapping->fields[c] = (WpSheetField) im.roles[c];
    }
  return mapping;
}

/**
 * wp_sheet_import_table:
 * @year: the plan's year, or 0 to take it from the sheet's title (else
 *   this year)
 * @fallback_title: the plan's title when the sheet has no title row
 *
 * Returns: (transfer full): the sheet as interchange JSON, or %NULL with
 *   @error set
 */
char *
wp_sheet_import_table (WpTable     *table,
                       int          year,
                       const char  *fallback_title,
                       GError     **error)
{
  return wp_sheet_import_table_mapped (table, NULL, year, fallback_title, error);
}

/**
 * wp_sheet_import_table_mapped:
 * @mapping: (nullable): what each column holds, as the user chose it
 *   from wp_sheet_import_guess(); %NULL to guess
 *
 * Like wp_sheet_import_table(), with the columns taken as @mapping says.
 */
char *
wp_sheet_import_table_mapped (WpTable              *table,
                              const WpSheetMapping *mapping,
                              int                   year,
                              const char           *fallback_title,
                              GError              **error)
{
  g_auto(Import) im = { 0 };
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *title = NULL;
  g_autofree char *organization = NULL;

  im.year = year;
  im.n_columns = MIN (wp_table_n_columns (table), 256);
  im.today = g_date_time_format (now, "%Y-%m-%d");
  if (!grid_init (&im.grid, table, error) || !find_header (&im, error))
    return NULL;
  if (mapping != NULL)
    {
      gboolean titles = FALSE;

      for (guint c = 0; c < im.n_columns; c++)
        {
          im.roles[c] = c < mapping->n_columns ? (Role) mapping->fields[c] : ROLE_NONE;
          titles |= role_is_title (im.roles[c]);
        }
      if (!titles)
        {
          g_set_error (error, WP_IO_ERROR, WP_IO_ERROR_INVALID,
                       _("No column is taken for the tasks: choose “Key task / action”, "
                         "“Key task” or “Action” for the column that holds them."));
          return NULL;
        }
    }
  choose_columns (&im);
  read_title_rows (&im, &title, &organization);
  if (im.year == 0)
    im.year = year_of_dates (&im);
  if (im.year == 0)
    im.year = g_date_time_get_year (now);

  im.root = node_new ("", 0);
  im.open = g_ptr_array_new ();
  im.styles = g_array_new (FALSE, FALSE, sizeof (int));
  find_indents (&im);
  for (guint r = im.first_data_row; r < table->rows->len; r++)
    {
      if (is_total_row (&im, r) || score_row (&im, r, NULL) >= 3)
        continue;  /* (a header repeated on each printed page) */
      read_row (&im, r);
    }
  if (im.root->children->len == 0)
    {
      g_set_error (error, WP_IO_ERROR, WP_IO_ERROR_INVALID,
                   _("The sheet has a header row but no tasks below it."));
      return NULL;
    }
  kinds_by_depth (im.root, max_depth (im.root) == 0 && im.levels->len == 0);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "format");
  json_builder_add_string_value (builder, "workplan");
  json_builder_set_member_name (builder, "version");
  json_builder_add_int_value (builder, WP_JSON_FORMAT_VERSION);
  json_builder_set_member_name (builder, "plan");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "year");
  json_builder_add_int_value (builder, im.year);
  json_builder_set_member_name (builder, "title");
  json_builder_add_string_value (builder, title != NULL ? title
                                          : fallback_title != NULL ? fallback_title : "");
  json_builder_set_member_name (builder, "organization");
  json_builder_add_string_value (builder, organization != NULL ? organization : "");
  json_builder_end_object (builder);
  json_builder_set_member_name (builder, "items");
  json_builder_begin_array (builder);
  for (guint i = 0; i < im.root->children->len; i++)
    build_node (builder, g_ptr_array_index (im.root->children, i));
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  return json_generator_to_data (generator, NULL);
}

/**
 * wp_sheet_import_file:
 *
 * Reads the .xlsx, .xls or .csv @path (told by its content) and returns it
 * as interchange JSON; see wp_sheet_import_table().
 */
char *
wp_sheet_import_file (const char  *path,
                      int          year,
                      GError     **error)
{
  g_autoptr(WpTable) table = wp_table_read_file (path, error);
  g_autofree char *base = NULL;
  char *dot;

  if (table == NULL)
    return NULL;
  base = g_path_get_basename (path);
  dot = strrchr (base, '.');
  if (dot != NULL && dot != base)
    *dot = '\0';
  return wp_sheet_import_table (table, year, base, error);
}

/* (FIFOs, devices and folders count as JSON: see below) */
static gboolean
is_json_file (const char *file)
{
  g_autoptr(GFile) gfile = g_file_new_for_path (file);
  g_autoptr(GFileInputStream) stream = NULL;
  char head[512];
  gssize n;
  gsize i = 0;
  GStatBuf st;

  /* FIFOs, devices and folders are the JSON reader's to refuse: reading
   * one to sniff it could wait for ever. */
  if (g_stat (file, &st) != 0 || !S_ISREG (st.st_mode))
    return TRUE;
  stream = g_file_read (gfile, NULL, NULL);
  if (stream == NULL)
    return g_str_has_suffix (file, ".json");  /* (the JSON reader says why it cannot) */
  n = g_input_stream_read (G_INPUT_STREAM (stream), head, sizeof head, NULL, NULL);
  if (n <= 0)
    return g_str_has_suffix (file, ".json");
  if (n >= 3 && memcmp (head, "\xef\xbb\xbf", 3) == 0)
    i = 3;
  while (i < (gsize) n && g_ascii_isspace (head[i]))
    i++;
  return i < (gsize) n && (head[i] == '{' || head[i] == '[');
}

/**
 * wp_sheet_import_is_spreadsheet:
 *
 * Whether @file holds a spreadsheet rather than interchange JSON: by its
 * content, since sheets are mailed under any name.
 */
gboolean
wp_sheet_import_is_spreadsheet (const char *file)
{
  return !is_json_file (file);
}
