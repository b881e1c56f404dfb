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

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <gio/gio.h>
#include <glib/gstdio.h>
#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "wp-deadline.h"
#include "wp-json-io.h"
#include "wp-sheet-import-private.h"
#include "wp-sheet.h"
#include "wp-util.h"

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

static void
import_clear (Import *im)
{
  _wp_sheet_grid_clear (&im->grid);
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
Node *
_wp_sheet_open_node (Import     *im,
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
        g_autofree char *text = _wp_sheet_grid_text (&im->grid, r, c, NULL);
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
        text = _wp_sheet_grid_text (&im->grid, r, c, NULL);
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
  if (!_wp_sheet_grid_init (&im.grid, table, error) || !_wp_sheet_find_header (&im, error))
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
  if (!_wp_sheet_grid_init (&im.grid, table, error) || !_wp_sheet_find_header (&im, error))
    return NULL;
  if (mapping != NULL)
    {
      gboolean titles = FALSE;

      for (guint c = 0; c < im.n_columns; c++)
        {
          im.roles[c] = c < mapping->n_columns ? (Role) mapping->fields[c] : ROLE_NONE;
          titles |= _wp_sheet_role_is_title (im.roles[c]);
        }
      if (!titles)
        {
          g_set_error (error, WP_IO_ERROR, WP_IO_ERROR_INVALID,
                       _("No column is taken for the tasks: choose “Key task / action”, "
                         "“Key task” or “Action” for the column that holds them."));
          return NULL;
        }
    }
  _wp_sheet_choose_columns (&im);
  read_title_rows (&im, &title, &organization);
  if (im.year == 0)
    im.year = year_of_dates (&im);
  if (im.year == 0)
    im.year = g_date_time_get_year (now);

  im.root = node_new ("", 0);
  im.open = g_ptr_array_new ();
  im.styles = g_array_new (FALSE, FALSE, sizeof (int));
  _wp_sheet_find_indents (&im);
  for (guint r = im.first_data_row; r < table->rows->len; r++)
    {
      if (_wp_sheet_is_total_row (&im, r) || _wp_sheet_score_row (&im, r, NULL) >= 3)
        continue;  /* (a header repeated on each printed page) */
      _wp_sheet_read_row (&im, r);
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
