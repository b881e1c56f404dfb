/* bench-report.c: parse time of a large work report
 *
 * Builds a report of about 5 MB from the sample reports, each copy with
 * its numbers varied so no two areas are alike, and times the reading
 * (decoding, paragraphs) and the structure rules; then the same text as a
 * Word document, its 一、 and （一） headings drawn by automatic numbering
 * and every other paragraph opening in bold, read as a .docx.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>
#include <time.h>
#include <zip.h>
#include <glib/gstdio.h>

#include "workplan-core.h"

#define W_NS "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\""

static const char numbering_xml[] =
  "<?xml version=\"1.0\"?><w:numbering " W_NS "><w:abstractNum w:abstractNumId=\"0\">"
  "<w:lvl w:ilvl=\"0\"><w:start w:val=\"1\"/><w:numFmt w:val=\"chineseCounting\"/>"
  "<w:lvlText w:val=\"%1、\"/></w:lvl><w:lvl w:ilvl=\"1\"><w:start w:val=\"1\"/>"
  "<w:numFmt w:val=\"chineseCounting\"/><w:lvlText w:val=\"（%2）\"/></w:lvl></w:abstractNum>"
  "<w:num w:numId=\"1\"><w:abstractNumId w:val=\"0\"/></w:num></w:numbering>";

static void
add_run (GString    *xml,
         const char *text,
         gsize       length,
         gboolean    bold)
{
  g_autofree char *words = g_strndup (text, length);
  g_autofree char *escaped = g_markup_escape_text (words, -1);

  g_string_append_printf (xml, "<w:r>%s<w:t xml:space=\"preserve\">%s</w:t></w:r>",
                          bold ? "<w:rPr><w:b/></w:rPr>" : "", escaped);
}

/* The paragraphs of @source as a .docx's bytes */
static GBytes *
make_docx (const WpReportSource *source)
{
  g_autoptr(GString) xml = g_string_new ("<?xml version=\"1.0\"?><w:document " W_NS "><w:body>");
  g_autoptr(GRegex) h1 = g_regex_new ("^[一二三四五六七八九十]{1,3}、", 0, 0, NULL);
  g_autoptr(GRegex) h2 = g_regex_new ("^（[一二三四五六七八九十]{1,3}）", 0, 0, NULL);
  g_autofree char *dir = g_dir_make_tmp ("workplan-bench-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "report.docx", NULL);
  g_autofree char *data = NULL;
  gsize length = 0;
  int err = 0;
  zip_t *zip;

  for (guint i = 0; i < source->paragraphs->len; i++)
    {
      const WpReportParagraph *p = &g_array_index (source->paragraphs, WpReportParagraph, i);
      const char *text = source->text + p->start;
      gsize n = p->end - p->start;
      g_autofree char *line = g_strndup (text, n);
      g_autoptr(GMatchInfo) m = NULL;
      const char *stop;
      int s, e, level = -1;

      if (g_regex_match (h1, line, 0, &m))
        level = 0;
      else
        {
          g_clear_pointer (&m, g_match_info_free);
          if (g_regex_match (h2, line, 0, &m))
            level = 1;
        }
      g_string_append (xml, "<w:p>");
      if (level >= 0)
        {
          g_match_info_fetch_pos (m, 0, &s, &e);
          g_string_append_printf (xml, "<w:pPr><w:numPr><w:ilvl w:val=\"%d\"/>"
                                  "<w:numId w:val=\"1\"/></w:numPr></w:pPr>", level);
          add_run (xml, line + e, n - (gsize) e, FALSE);
        }
      else if (i % 2 == 0 && (stop = strstr (line, "。")) != NULL && stop[3] != '\0')
        {
          gsize opening = (gsize) (stop - line) + strlen ("。");
          add_run (xml, line, opening, TRUE);
          add_run (xml, line + opening, n - opening, FALSE);
        }
      else
        add_run (xml, line, n, FALSE);
      g_string_append (xml, "</w:p>");
    }
  g_string_append (xml, "</w:body></w:document>");

  zip = zip_open (path, ZIP_CREATE | ZIP_TRUNCATE, &err);
  g_assert (zip != NULL);
  zip_file_add (zip, "word/document.xml", zip_source_buffer (zip, xml->str, xml->len, 0), 0);
  zip_file_add (zip, "word/numbering.xml",
                zip_source_buffer (zip, numbering_xml, strlen (numbering_xml), 0), 0);
  if (zip_close (zip) != 0 || !g_file_get_contents (path, &data, &length, NULL))
    g_error ("Cannot write %s", path);
  g_unlink (path);
  g_rmdir (dir);
  return g_bytes_new_take (g_steal_pointer (&data), length);
}

int
main (int    argc,
      char **argv)
{
  const char *dir = argc > 1 ? argv[1] : "tests/data/reports";
  static const char *const names[] = { "xiamen-2025-work-report.txt", "city-speeches.txt",
                                       "xiamen-2020-review.txt" };
  g_autoptr(GString) report = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(WpReportSource) source = NULL;
  g_autoptr(WpReportDraft) draft = NULL;
  WpReportOptions options = { 2025, NULL, NULL, NULL };
  guint areas, tasks, actions, copy = 0;
  gint64 t0, t1, t2;
  clock_t text_c0, text_c1, text_c2;

  while (report->len < 5 * 1000 * 1000)
    for (guint i = 0; i < G_N_ELEMENTS (names); i++, copy++)
      {
        g_autofree char *path = g_build_filename (dir, names[i], NULL);
        g_autofree char *data = NULL;

        if (!g_file_get_contents (path, &data, NULL, &error))
          g_error ("%s", error->message);
        g_auto(GStrv) pieces = NULL;
        g_autofree char *whole = NULL;

        /* 相关阅读 ends a report: later copies would not be read */
        pieces = g_strsplit (data, "相关阅读", -1);
        whole = g_strjoinv ("", pieces);
        g_string_append_printf (report, "第%u部分 工作安排\n", copy + 1);
        g_string_append (report, whole);
        g_string_append_printf (report, "\n（牵头单位：市公安局；完成时限：%u月底前）\n",
                                copy % 12 + 1);
      }

  text_c0 = clock ();
  t0 = g_get_monotonic_time ();
  source = wp_report_source_new_for_text (report->str, report->len, &error);
  if (source == NULL)
    g_error ("%s", error->message);
  t1 = g_get_monotonic_time ();
  text_c1 = clock ();
  draft = wp_report_import (source, &options);
  t2 = g_get_monotonic_time ();
  text_c2 = clock ();
  wp_report_draft_count (draft, &areas, &tasks, &actions);
  g_print ("report of %.1f MB: paragraphs %.3f s, structure %.3f s, total %.3f s "
           "(%u areas, %u tasks, %u actions); CPU %.3f + %.3f s\n", report->len / 1e6,
           (t1 - t0) / 1e6, (t2 - t1) / 1e6, (t2 - t0) / 1e6, areas, tasks, actions,
           (double) (text_c1 - text_c0) / CLOCKS_PER_SEC,
           (double) (text_c2 - text_c1) / CLOCKS_PER_SEC);

  {
    g_autoptr(GBytes) docx = make_docx (source);
    g_autoptr(WpReportSource) from_docx = NULL;
    g_autoptr(WpReportDraft) docx_draft = NULL;
    gsize size;
    const char *bytes = g_bytes_get_data (docx, &size);
    clock_t c0, c1, c2;

    /* (CPU time too: on a shared machine the wall clock counts others' work) */
    c0 = clock ();
    t0 = g_get_monotonic_time ();
    from_docx = wp_report_source_new_for_docx (bytes, size, &error);
    if (from_docx == NULL)
      g_error ("%s", error->message);
    t1 = g_get_monotonic_time ();
    c1 = clock ();
    docx_draft = wp_report_import (from_docx, &options);
    t2 = g_get_monotonic_time ();
    c2 = clock ();
    wp_report_draft_count (docx_draft, &areas, &tasks, &actions);
    g_print (".docx of %.1f MB text (%.1f MB zipped): reading %.3f s, structure %.3f s, "
             "total %.3f s (%u areas, %u tasks, %u actions); CPU %.3f + %.3f s\n",
             from_docx->length / 1e6, size / 1e6, (t1 - t0) / 1e6, (t2 - t1) / 1e6,
             (t2 - t0) / 1e6, areas, tasks, actions, (double) (c1 - c0) / CLOCKS_PER_SEC,
             (double) (c2 - c1) / CLOCKS_PER_SEC);
  }
  return 0;
}
