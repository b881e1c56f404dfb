/* wp-sheet-import-header.c: the header row of a task sheet, found below its
 * title rows, its headers matched by the many words offices use for each
 * column, and the columns that give the hierarchy
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "wp-json-io.h"
#include "wp-sheet-import-private.h"
#include "wp-util.h"

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

gboolean
_wp_sheet_role_is_title (Role role)
{
  return role == ROLE_AREA || role == ROLE_TASK || role == ROLE_ACTION || role == ROLE_TITLE;
}

/* Header text without spaces, line breaks or a trailing colon, ASCII
 * letters lower-cased: “牵头\n单位” and “Lead Agency” match. */
char *
_wp_sheet_normalise_header (const char *text)
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
guint
_wp_sheet_quarter_of_label (const char *label)
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
  g_autofree char *norm = _wp_sheet_normalise_header (text);
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

/* Finding the header */

guint
_wp_sheet_score_row (Import *im,
                     guint   row,
                     Role   *roles)
{
  gboolean seen[ROLE_MILESTONE + 1] = { 0 };
  gboolean title = FALSE;
  guint score = 0;

  for (guint c = 0; c < im->n_columns; c++)
    {
      g_autofree char *text = _wp_sheet_grid_text (&im->grid, row, c, NULL);
      Role role = match_header (text);

      if (roles != NULL)
        roles[c] = role;
      if (role != ROLE_NONE && !seen[role])
        {
          seen[role] = TRUE;
          score++;
        }
      title |= _wp_sheet_role_is_title (role);
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

      if (im->roles[c] != ROLE_NONE || !_wp_sheet_role_is_title (left)
          || (im->labels[c] != NULL && im->labels[c][0] != '\0'))
        continue;
      for (guint r = im->first_data_row; r < im->grid.table->rows->len; r++)
        {
          g_autofree char *text = _wp_sheet_grid_text (&im->grid, r, c, NULL);
          g_autofree char *before = NULL;

          if (text[0] == '\0')
            continue;
          before = _wp_sheet_grid_text (&im->grid, r, c - 1, NULL);
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

gboolean
_wp_sheet_find_header (Import  *im,
                       GError **error)
{
  guint best = 0, best_row = 0;
  guint last = MIN (im->grid.table->rows->len, 20);

  for (guint r = 0; r < last; r++)
    {
      guint score = _wp_sheet_score_row (im, r, NULL);

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
  _wp_sheet_score_row (im, best_row, im->roles);

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
          g_autofree char *text = _wp_sheet_grid_text (&im->grid, best_row + 1, c, NULL);
          subheaders += match_header (text) == ROLE_MILESTONE;
        }
      if (subheaders >= 2)
        im->first_data_row = best_row + 2;
    }
  for (guint c = 0; c < im->n_columns; c++)
    {
      g_autofree char *top = _wp_sheet_grid_text (&im->grid, best_row, c, NULL);

      if (im->first_data_row > best_row + 1)
        {
          g_autofree char *sub = _wp_sheet_grid_text (&im->grid, im->first_data_row - 1, c, NULL);
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

gboolean
_wp_sheet_is_kind_label (const char  *text,
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

void
_wp_sheet_choose_columns (Import *im)
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
      else if (_wp_sheet_role_is_title (im->roles[c]))
        g_array_append_val (titles, c);
    }

  /* 类别 names the level (our export) or the area the rows are in */
  if (im->kind_column >= 0)
    {
      guint labels = 0, others = 0;

      for (guint r = im->first_data_row; r < im->grid.table->rows->len; r++)
        {
          g_autofree char *text = _wp_sheet_grid_text (&im->grid, r, (guint) im->kind_column, NULL);
          WpItemKind kind;

          if (text[0] != '\0')
            {
              if (_wp_sheet_is_kind_label (text, &kind))
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
