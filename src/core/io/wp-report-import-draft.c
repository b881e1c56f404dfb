/* wp-report-import-draft.c: the draft as interchange JSON, what `workplan
 * import` reads, and its counts
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "wp-json-io.h"
#include "wp-report-import-private.h"

static void
add_names (JsonBuilder *b,
           const char  *key,
           GPtrArray   *names)
{
  json_builder_set_member_name (b, key);
  json_builder_begin_array (b);
  for (guint i = 0; i < names->len; i++)
    json_builder_add_string_value (b, g_ptr_array_index (names, i));
  json_builder_end_array (b);
}

static void
add_item (JsonBuilder        *b,
          const WpReportItem *item)
{
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "kind");
  json_builder_add_string_value (b, wp_item_kind_to_string (item->kind));
  json_builder_set_member_name (b, "title");
  json_builder_add_string_value (b, item->title);
  json_builder_set_member_name (b, "description");
  json_builder_add_string_value (b, item->description);
  add_names (b, "lead", item->lead);
  add_names (b, "co", item->co);
  json_builder_set_member_name (b, "status");
  json_builder_add_string_value (b, "not_started");
  json_builder_set_member_name (b, "progress");
  json_builder_add_int_value (b, 0);
  json_builder_set_member_name (b, "due");
  if (item->due)
    json_builder_add_string_value (b, item->due);
  else
    json_builder_add_null_value (b);
  json_builder_set_member_name (b, "due_label");
  json_builder_add_string_value (b, item->due_label);
  json_builder_set_member_name (b, "ongoing");
  json_builder_add_boolean_value (b, item->ongoing);
  json_builder_set_member_name (b, "targets");
  json_builder_begin_array (b);
  for (guint i = 0; i < item->targets->len; i++)
    {
      const WpTarget *t = g_ptr_array_index (item->targets, i);
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "label");
      json_builder_add_string_value (b, t->label);
      json_builder_set_member_name (b, "unit");
      json_builder_add_string_value (b, t->unit);
      json_builder_set_member_name (b, "baseline");
      json_builder_add_null_value (b);
      json_builder_set_member_name (b, "target");
      json_builder_add_double_value (b, t->target);
      json_builder_set_member_name (b, "current");
      json_builder_add_null_value (b);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_set_member_name (b, "notes");
  json_builder_begin_array (b);
  json_builder_end_array (b);
  /* An optional key json-io passes over: the review area the user may drop */
  if (item->review && item->kind == WP_ITEM_KIND_AREA)
    {
      json_builder_set_member_name (b, "review");
      json_builder_add_boolean_value (b, TRUE);
    }
  json_builder_set_member_name (b, "children");
  json_builder_begin_array (b);
  for (guint i = 0; i < item->children->len; i++)
    add_item (b, g_ptr_array_index (item->children, i));
  json_builder_end_array (b);
  json_builder_end_object (b);
}

/**
 * wp_report_draft_to_json:
 *
 * Returns: (transfer full): the draft as interchange JSON, what
 *   `workplan import` reads
 */
JsonNode *
wp_report_draft_to_json (const WpReportDraft *draft)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "format");
  json_builder_add_string_value (b, "workplan");
  json_builder_set_member_name (b, "version");
  json_builder_add_int_value (b, WP_JSON_FORMAT_VERSION);
  json_builder_set_member_name (b, "plan");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "year");
  json_builder_add_int_value (b, draft->year);
  json_builder_set_member_name (b, "title");
  json_builder_add_string_value (b, draft->title);
  json_builder_set_member_name (b, "organization");
  json_builder_add_string_value (b, draft->organization);
  json_builder_end_object (b);
  json_builder_set_member_name (b, "items");
  json_builder_begin_array (b);
  for (guint i = 0; i < draft->items->len; i++)
    add_item (b, g_ptr_array_index (draft->items, i));
  json_builder_end_array (b);
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

char *
wp_report_draft_to_string (const WpReportDraft *draft)
{
  g_autoptr(JsonNode) root = wp_report_draft_to_json (draft);
  g_autoptr(JsonGenerator) gen = json_generator_new ();

  json_generator_set_root (gen, root);
  json_generator_set_pretty (gen, TRUE);
  json_generator_set_indent (gen, 2);
  return json_generator_to_data (gen, NULL);
}

static void
count_items (GPtrArray *items,
             guint     *counts)
{
  for (guint i = 0; i < items->len; i++)
    {
      WpReportItem *item = g_ptr_array_index (items, i);
      counts[MIN ((guint) item->kind, 2u)]++;
      count_items (item->children, counts);
    }
}

void
wp_report_draft_count (const WpReportDraft *draft,
                       guint               *areas,
                       guint               *tasks,
                       guint               *actions)
{
  guint counts[3] = { 0, 0, 0 };

  count_items (draft->items, counts);
  *areas = counts[0];
  *tasks = counts[1];
  *actions = counts[2];
}
