/* fuzz-docx.c: libFuzzer target for the .docx (and PDF) report readers
 * (included by fuzz-pdf.c for the PDF reader alone)
 *
 * An input that starts as a zip, or as a PDF, is read as
 * `workplan import-report` reads the file. Any other input is the XML of a
 * Word document's parts, separated by lines "--numbering--" and
 * "--styles--": it is packed into a zip first, so that mutations reach the
 * XML reader and the numbering and table code rather than dying in the
 * zip's checksums. Each source must hold spans inside its text, and each
 * draft must be interchange JSON that `workplan import` accepts; a refusal
 * is one line.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stdint.h>
#include <string.h>
#include <zip.h>

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

/* The parts, zipped without compression, as bytes (unused by fuzz-pdf) */
G_GNUC_UNUSED static GBytes *
pack (const char *data,
      gsize       size)
{
  static const char *const names[] = { "word/document.xml", "word/numbering.xml",
                                       "word/styles.xml" };
  static const char *const separators[] = { "\n--numbering--\n", "\n--styles--\n" };
  zip_error_t zerror;
  zip_source_t *buffer;
  zip_t *zip;
  const char *part = data, *end = data + size;
  GBytes *bytes = NULL;

  zip_error_init (&zerror);
  buffer = zip_source_buffer_create (NULL, 0, 0, &zerror);
  g_assert_nonnull (buffer);
  zip_source_keep (buffer);
  zip = zip_open_from_source (buffer, ZIP_TRUNCATE, &zerror);
  g_assert_nonnull (zip);
  for (guint i = 0; i < G_N_ELEMENTS (names) && part != NULL; i++)
    {
      const char *next = i < G_N_ELEMENTS (separators)
                         ? g_strstr_len (part, end - part, separators[i]) : NULL;
      gsize length = (gsize) ((next != NULL ? next : end) - part);
      zip_source_t *src = zip_source_buffer (zip, part, length, 0);
      zip_int64_t index = zip_file_add (zip, names[i], src, ZIP_FL_OVERWRITE);

      g_assert_cmpint (index, >=, 0);
      zip_set_file_compression (zip, (zip_uint64_t) index, ZIP_CM_STORE, 0);
      part = next != NULL ? next + strlen (separators[i]) : NULL;
    }
  if (zip_close (zip) == 0 && zip_source_open (buffer) == 0)
    {
      zip_stat_t stat;
      char *out;
      zip_int64_t n;

      zip_stat_init (&stat);
      zip_source_stat (buffer, &stat);
      out = g_malloc (stat.size + 1);
      n = zip_source_read (buffer, out, stat.size);
      zip_source_close (buffer);
      bytes = g_bytes_new_take (out, n > 0 ? (gsize) n : 0);
    }
  else
    zip_discard (zip);
  zip_source_free (buffer);
  zip_error_fini (&zerror);
  return bytes;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  static const char *directory[] = { "市公安局", NULL };
  g_autoptr(GError) error = NULL;
#ifndef FUZZ_PDF
  g_autoptr(GBytes) packed = NULL;
#endif
  g_autoptr(WpReportSource) source = NULL;
  g_autoptr(WpReportDraft) draft = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(JsonGenerator) generator = NULL;
  g_autoptr(WpJsonDocument) doc = NULL;
  g_autofree char *json = NULL;
  WpReportOptions options = { .year = 2025, .directory = directory };
  const char *input = (const char *) data;
  gsize length = size;
  guint areas, tasks, actions;

#ifdef FUZZ_PDF
  source = wp_report_source_new_for_pdf (input, length, &error);
#else
  if (!(size >= 2 && memcmp (data, "PK", 2) == 0) && !(size >= 4 && memcmp (data, "%PDF", 4) == 0))
    {
      packed = pack (input, length);
      if (packed == NULL)
        return 0;
      input = g_bytes_get_data (packed, &length);
    }

  source = wp_report_source_new_for_data (input, length, &error);
#endif
  if (source == NULL)
    {
      assert_one_line (error);
      g_assert_true (error->domain == WP_REPORT_ERROR);
      return 0;
    }
  g_assert_no_error (error);
  g_assert_true (g_utf8_validate (source->text, (gssize) source->length, NULL));
  for (guint i = 0; i < source->paragraphs->len; i++)
    {
      const WpReportParagraph *p = &g_array_index (source->paragraphs, WpReportParagraph, i);

      g_assert_cmpuint (p->start, <=, p->end);
      g_assert_cmpuint (p->end, <=, source->length);
      g_assert_cmpuint (p->run_in, <=, p->end - p->start);
    }
  for (guint i = 0; source->tables != NULL && i < source->tables->len; i++)
    {
      const WpReportTable *t = g_ptr_array_index (source->tables, i);

      g_assert_cmpuint (t->start, <=, t->end);
      g_assert_cmpuint (t->end, <=, source->length);
    }

  draft = wp_report_import (source, &options);
  g_assert_nonnull (draft);
  wp_report_draft_count (draft, &areas, &tasks, &actions);
  root = wp_report_draft_to_json (draft);
  generator = json_generator_new ();
  json_generator_set_root (generator, root);
  json = json_generator_to_data (generator, NULL);
  if (areas == 0)
    return 0;
  doc = wp_json_document_parse (json, -1, &error);
  g_assert_no_error (error);
  g_assert_nonnull (doc);
  return 0;
}
