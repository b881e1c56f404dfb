/* wp-report-import-tables.c: the task breakdown tables (任务分解) of a .docx,
 * read as the sheet importer reads a sheet, each put under its area
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "wp-json-io.h"
#include "wp-report-import-private.h"
#include "wp-sheet-import.h"

static void
read_names (JsonObject *object,
            const char *key,
            GPtrArray  *names)
{
  JsonArray *array = json_object_has_member (object, key)
                     ? json_object_get_array_member (object, key) : NULL;

  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      const char *name = json_array_get_string_element (array, i);
      if (name != NULL && name[0] != '\0')
        _wp_report_add_name (names, name);
    }
}

/* Where in the text the row naming @title is, else the whole table */
static void
table_span (const WpReportSource *source,
            const WpReportTable  *table,
            const char           *title,
            gsize                *start,
            gsize                *end)
{
  *start = table->start;
  *end = table->end;
  for (guint r = 0; title[0] != '\0' && r < table->row_starts->len; r++)
    {
      gsize s = g_array_index (table->row_starts, gsize, r);
      const char *line_end = memchr (source->text + s, '\n', table->end - s);
      gsize e = line_end ? (gsize) (line_end - source->text) : table->end;
      g_autofree char *line = g_strndup (source->text + s, e - s);

      if (strstr (line, title) != NULL)
        {
          *start = s;
          *end = e;
          return;
        }
    }
}

static WpReportItem *
item_from_json (Ctx                 *ctx,
                const WpReportTable *table,
                JsonObject          *object)
{
  const char *title = json_object_get_string_member_with_default (object, "title", "");
  const char *kind = json_object_get_string_member_with_default (object, "kind", "task");
  JsonArray *children = json_object_has_member (object, "children")
                        ? json_object_get_array_member (object, "children") : NULL;
  gsize start, end;
  WpReportItem *item;

  table_span (ctx->source, table, title, &start, &end);
  item = _wp_report_item_new (title, start, end);
  if (!wp_item_kind_from_string (kind, &item->kind))
    item->kind = WP_ITEM_KIND_TASK;
  g_free (item->description);
  item->description = g_strdup (json_object_get_string_member_with_default (object,
                                                                          "description", ""));
  read_names (object, "lead", item->lead);
  read_names (object, "co", item->co);
  if (json_object_has_member (object, "due") && !json_object_get_null_member (object, "due"))
    item->due = g_strdup (json_object_get_string_member (object, "due"));
  g_free (item->due_label);
  item->due_label = g_strdup (json_object_get_string_member_with_default (object, "due_label",
                                                                        ""));
  item->ongoing = json_object_get_boolean_member_with_default (object, "ongoing", FALSE);
  _wp_report_note_agencies (ctx, item);
  for (guint i = 0; children != NULL && i < json_array_get_length (children); i++)
    {
      JsonObject *child = json_array_get_object_element (children, i);
      if (child != NULL)
        g_ptr_array_add (item->children, item_from_json (ctx, table, child));
    }
  return item;
}

static void
kinds_under (WpReportItem *item,
             WpItemKind    kind)
{
  item->kind = kind;
  for (guint i = 0; i < item->children->len; i++)
    kinds_under (g_ptr_array_index (item->children, i),
                 kind == WP_ITEM_KIND_AREA ? WP_ITEM_KIND_TASK : WP_ITEM_KIND_ACTION);
}

/* Puts @item among @items where its words are in the text */
static void
insert_in_place (GPtrArray    *items,
                 WpReportItem *item)
{
  guint at = items->len;

  while (at > 0 && ((WpReportItem *) g_ptr_array_index (items, at - 1))->start > item->start)
    at--;
  g_ptr_array_insert (items, (gint) at, item);
}

/* The area of the report's own words that @offset is in, or NULL */
static WpReportItem *
area_at (WpReportDraft *draft,
         gsize          offset)
{
  WpReportItem *found = NULL;

  for (guint i = 0; i < draft->items->len; i++)
    {
      WpReportItem *area = g_ptr_array_index (draft->items, i);

      if (area->start > offset)
        break;
      found = area->review ? NULL : area;
    }
  return found;
}

/* A 任务分解 table's rows, read as the sheet importer reads a sheet: areas
 * of their own, or tasks under one area named by the table's caption. */
void
_wp_report_import_tables (Ctx *ctx)
{
  const WpReportSource *source = ctx->source;

  for (guint t = 0; source->tables != NULL && t < source->tables->len; t++)
    {
      const WpReportTable *table = g_ptr_array_index (source->tables, t);
      g_autoptr(GError) error = NULL;
      g_autofree char *json = wp_sheet_import_table (table->table, ctx->options->year, NULL,
                                                     &error);
      g_autoptr(JsonParser) parser = json_parser_new ();
      JsonObject *root;
      JsonArray *items;
      WpReportItem *area = NULL;

      if (json == NULL || !json_parser_load_from_data (parser, json, -1, NULL))
        continue;
      root = json_node_get_object (json_parser_get_root (parser));
      items = root != NULL && json_object_has_member (root, "items")
              ? json_object_get_array_member (root, "items") : NULL;
      for (guint i = 0; items != NULL && i < json_array_get_length (items); i++)
        {
          JsonObject *object = json_array_get_object_element (items, i);
          WpReportItem *item;

          if (object == NULL)
            continue;
          item = item_from_json (ctx, table, object);
          if (item->kind == WP_ITEM_KIND_AREA)
            {
              kinds_under (item, WP_ITEM_KIND_AREA);
              insert_in_place (ctx->draft->items, item);
              continue;
            }
          kinds_under (item, WP_ITEM_KIND_TASK);
          /* a table in an area's text, no caption: its rows are that area's */
          if (area == NULL && table->caption == NULL)
            area = area_at (ctx->draft, table->start);
          if (area == NULL)
            {
              g_autofree char *caption =
                table->caption ? g_regex_replace (REGEX ("^附[件表]\\d*[：:、 ]?"), table->caption,
                                                  -1, 0, "", 0, NULL) : NULL;

              area = _wp_report_item_new (caption && caption[0] ? caption : _("Task breakdown"),
                                          table->start, table->end);
              area->kind = WP_ITEM_KIND_AREA;
              insert_in_place (ctx->draft->items, area);
            }
          insert_in_place (area->children, item);
        }
    }
}

/* The caption of a task table names its area, and is no item of its own */
gboolean
_wp_report_is_table_caption (const WpReportSource    *source,
                             const WpReportParagraph *p)
{
  for (guint t = 0; source->tables != NULL && t < source->tables->len; t++)
    {
      const WpReportTable *table = g_ptr_array_index (source->tables, t);
      if (table->caption != NULL && table->start == p->end + 1)
        return TRUE;
    }
  return FALSE;
}
