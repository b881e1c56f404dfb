/* fuzz-report.c: libFuzzer target for the work report import
 *
 * Each input is read as `workplan import-report` reads a text report:
 * decoded, cut into paragraphs, turned into a draft plan. Whatever draft
 * comes out must be interchange JSON that `workplan import` accepts, since
 * the command hands it straight on. A refusal must be one line.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stdint.h>
#include <string.h>

#include "workplan-core.h"

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

static void
assert_one_line (const GError *error)
{
  g_assert_nonnull (error);
  g_assert_nonnull (error->message);
  g_assert_true (g_utf8_validate (error->message, -1, NULL));
  g_assert_null (strchr (error->message, '\n'));
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  /* one known agency, so that both known and new names are looked up */
  static const char *directory[] = { "市发展改革委", "市财政局", NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *encoding = NULL;
  g_autoptr(WpReportSource) source = NULL;
  g_autoptr(WpReportDraft) draft = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(JsonGenerator) generator = NULL;
  g_autoptr(WpJsonDocument) doc = NULL;
  g_autofree char *json = NULL;
  WpReportOptions options = { .year = 2025, .directory = directory };
  guint areas, tasks, actions;

  text = wp_report_decode ((const char *) data, size, &encoding, &error);
  if (text == NULL)
    {
      g_assert_true (error->domain == WP_REPORT_ERROR);
      assert_one_line (error);
    }
  else
    {
      g_assert_no_error (error);
      g_assert_true (g_utf8_validate (text, -1, NULL));
      g_assert_nonnull (encoding);
    }
  g_clear_error (&error);

  source = wp_report_source_new_for_text ((const char *) data, size, &error);
  if (source == NULL)
    {
      assert_one_line (error);
      return 0;
    }
  g_assert_no_error (error);
  g_assert_true (g_utf8_validate (source->text, source->length, NULL));
  for (guint i = 0; i < source->paragraphs->len; i++)
    {
      const WpReportParagraph *p = &g_array_index (source->paragraphs, WpReportParagraph, i);

      g_assert_cmpuint (p->start, <=, p->end);
      g_assert_cmpuint (p->end, <=, source->length);
    }

  draft = wp_report_import (source, &options);
  g_assert_nonnull (draft);
  wp_report_draft_count (draft, &areas, &tasks, &actions);

  root = wp_report_draft_to_json (draft);
  generator = json_generator_new ();
  json_generator_set_root (generator, root);
  json = json_generator_to_data (generator, NULL);
  /* `workplan import-report` refuses a draft without areas before this */
  if (areas == 0)
    return 0;
  doc = wp_json_document_parse (json, -1, &error);
  g_assert_no_error (error);
  g_assert_nonnull (doc);
  return 0;
}
