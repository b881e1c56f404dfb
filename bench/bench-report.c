/* bench-report.c: parse time of a large work report
 *
 * Builds a report of about 5 MB from the sample reports, each copy with
 * its numbers varied so no two areas are alike, and times the reading
 * (decoding, paragraphs) and the structure rules.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "workplan-core.h"

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

  t0 = g_get_monotonic_time ();
  source = wp_report_source_new_for_text (report->str, report->len, &error);
  if (source == NULL)
    g_error ("%s", error->message);
  t1 = g_get_monotonic_time ();
  draft = wp_report_import (source, &options);
  t2 = g_get_monotonic_time ();
  wp_report_draft_count (draft, &areas, &tasks, &actions);
  g_print ("report of %.1f MB: paragraphs %.3f s, structure %.3f s, total %.3f s "
           "(%u areas, %u tasks, %u actions)\n", report->len / 1e6, (t1 - t0) / 1e6,
           (t2 - t1) / 1e6, (t2 - t0) / 1e6, areas, tasks, actions);
  return 0;
}
