/* wp-sheet-import-fields.c: an item's cells other than its title: agencies,
 * deadline, status, progress, notes, milestones and the description
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "wp-deadline.h"
#include "wp-sheet-import-private.h"
#include "wp-util.h"

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

void
_wp_sheet_set_fields (Import *im,
                      Node   *node,
                      guint   row)
{
  for (guint c = 0; c < im->n_columns; c++)
    {
      gboolean copy;
      g_autofree char *text = _wp_sheet_grid_text (&im->grid, row, c, &copy);
      const WpTableCell *cell = _wp_sheet_grid_get (&im->grid, row, c, NULL);
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
          if (!copy && _wp_sheet_quarter_of_label (im->labels[c]) > 0)
            {
              guint q = _wp_sheet_quarter_of_label (im->labels[c]) - 1;

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
          if (_wp_sheet_is_kind_label (text, &kind))
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
