/* test-report-import.c: the work-report importer, rule by rule, and its
 * precision and recall on the sample reports against hand-written fixtures
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stdio.h>
#include <string.h>

#include <glib/gstdio.h>
#include <zip.h>
#include <cairo-pdf.h>

#include "workplan-core.h"

static WpReportDraft *
import_text (const char *text,
             gssize      length,
             int         year)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WpReportSource) source =
    wp_report_source_new_for_text (text, length < 0 ? strlen (text) : (gsize) length, &error);
  WpReportOptions options = { year, NULL, NULL, NULL };

  g_assert_no_error (error);
  return wp_report_import (source, &options);
}

static WpReportItem *
child (GPtrArray *items,
       guint      i)
{
  g_assert_cmpuint (i, <, items->len);
  return g_ptr_array_index (items, i);
}

/* ---- decoding ---- */

static void
test_decode (void)
{
  const char *utf8 = "一、加强平安建设\n市公安局要开展专项行动。";
  g_autofree char *bom = g_strconcat ("\xef\xbb\xbf", utf8, NULL);
  gsize n16 = 0, ngb = 0;
  g_autofree char *utf16 = g_convert (utf8, -1, "UTF-16LE", "UTF-8", NULL, &n16, NULL);
  g_autofree char *with_bom16 = g_malloc (n16 + 2);
  g_autofree char *gbk = g_convert (utf8, -1, "GB18030", "UTF-8", NULL, &ngb, NULL);
  const char *inputs[] = { bom, with_bom16, gbk };
  gsize lengths[] = { strlen (bom), n16 + 2, ngb };
  const char *encodings[] = { "UTF-8", "UTF-16LE", "GB18030" };

  memcpy (with_bom16, "\xff\xfe", 2);
  memcpy (with_bom16 + 2, utf16, n16);
  for (guint i = 0; i < G_N_ELEMENTS (inputs); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *encoding = NULL;
      g_autofree char *text = wp_report_decode (inputs[i], lengths[i], &encoding, &error);

      g_assert_no_error (error);
      g_assert_cmpstr (text, ==, utf8);
      g_assert_cmpstr (encoding, ==, encodings[i]);
    }
}

static void
test_bad_input (void)
{
  static const char binary[] = "\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\x01\0";
  g_autoptr(GError) error = NULL;
  g_autoptr(WpReportSource) s1 = wp_report_source_new_for_text (" \n\n  \n", 6, &error);
  g_assert_null (s1);
  g_assert_error (error, WP_REPORT_ERROR, WP_REPORT_ERROR_EMPTY);
  g_clear_error (&error);

  g_autoptr(WpReportSource) s2 = wp_report_source_new_for_text (binary, sizeof binary, &error);
  g_assert_null (s2);
  g_assert_error (error, WP_REPORT_ERROR, WP_REPORT_ERROR_BINARY);
  g_clear_error (&error);

  /* an old Word or WPS file is known by its bytes, whatever its name */
  g_autofree char *dir = g_dir_make_tmp ("workplan-report-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "report.txt", NULL);
  g_assert_true (g_file_set_contents (path, "\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1\0\0\0\0", 12,
                                      NULL));
  g_autoptr(WpReportSource) s3 = wp_report_source_load (path, &error);
  g_unlink (path);
  g_rmdir (dir);
  g_assert_null (s3);
  g_assert_error (error, WP_REPORT_ERROR, WP_REPORT_ERROR_UNSUPPORTED);
  g_assert_nonnull (strstr (error->message, ".docx"));
  g_clear_error (&error);

  g_autoptr(WpReportSource) s4 = wp_report_source_new_for_text ("x", WP_REPORT_MAX_INPUT_SIZE + 1,
                                                                &error);
  g_assert_null (s4);
  g_assert_error (error, WP_REPORT_ERROR, WP_REPORT_ERROR_TOO_LARGE);
}

/* ---- paragraphs ---- */

static void
test_hard_wraps (void)
{
  /* broken mid-sentence, a blank line between every line */
  const char *text = "一、深化平安建设\n\n坚决捍卫国家政治安全。牢固树立总体国家安全观，把维护政治安全摆在首位。全力防\n\n"
                     "范化解各类政治安全风险。\n\n聚力社会治理多元化。推行一站式服务，实现社情民\n\n"
                     "意在网格中掌握，平安建设在网格中落地。\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(WpReportSource) source = wp_report_source_new_for_text (text, strlen (text), &error);

  g_assert_no_error (error);
  g_assert_cmpuint (source->paragraphs->len, ==, 3);
  g_assert_nonnull (strstr (source->text, "全力防范化解"));
  g_assert_nonnull (strstr (source->text, "社情民意"));
}

static void
test_run_together (void)
{
  /* a web page's one line: headings and paragraphs with spaces between */
  const char *text = "标题\n路线图。 坚持主动创稳 强化系统治理 目标:提升安全感 安不忘危,治不忘乱。"
                     "会议提出,新的一年要推进平安建设,这是一个足够长的句子,让这一行超过两百个字符,"
                     "因为只有很长的一行才会被切开,短行保持原样。再写一些文字,让它更长更长更长更长更长更长"
                     "更长更长更长更长更长更长更长更长更长更长更长更长更长更长更长更长更长更长更长更长更长"
                     "更长更长更长更长更长更长更长更长更长更长更长更长。 一方面,进一步守牢底线。要落实责任制。"
                     "要推进专项攻坚。\n";
  g_autoptr(WpReportDraft) draft = import_text (text, -1, 2025);
  WpReportItem *area = child (draft->items, 0), *task;

  g_assert_cmpstr (area->title, ==, "坚持主动创稳 强化系统治理");
  g_assert_nonnull (strstr (area->description, "目标：提升安全感"));
  task = child (area->children, 0);
  g_assert_cmpstr (task->title, ==, "进一步守牢底线");
  g_assert_cmpuint (task->children->len, ==, 2);
  g_assert_cmpstr (child (task->children, 1)->title, ==, "推进专项攻坚");
}

/* ---- structure ---- */

static void
test_numbered_and_enumerations (void)
{
  const char *text = "2025年工作要点\n一、维护社会稳定\n（一）防范化解风险\n"
                     "具体抓三项：一是健全排查机制，年底前全覆盖。二是市信访局牵头化解积案。"
                     "三是加强应急处置。\n（二）打击犯罪\n严打电信诈骗，上半年完成专项整治。\n"
                     "二、建设法治城市\n首先，完善执法监督。其次，推进公正司法。\n";
  g_autoptr(WpReportDraft) draft = import_text (text, -1, 2025);
  WpReportItem *area = child (draft->items, 0), *task = child (area->children, 0);

  g_assert_cmpstr (draft->title, ==, "2025年工作要点");
  g_assert_cmpuint (draft->items->len, ==, 2);
  g_assert_cmpstr (area->title, ==, "维护社会稳定");
  g_assert_cmpstr (task->title, ==, "防范化解风险");
  g_assert_cmpuint (task->children->len, ==, 3);
  g_assert_cmpstr (child (task->children, 0)->due, ==, "2025-12-31");
  g_assert_cmpstr (child (task->children, 1)->title, ==, "市信访局牵头化解积案");
  g_assert_cmpstr (g_ptr_array_index (child (task->children, 1)->lead, 0), ==, "市信访局");
  g_assert_cmpstr (child (area->children, 1)->due_label, ==, "上半年");
  g_assert_cmpuint (child (draft->items, 1)->children->len, ==, 2);
  g_assert_false (draft->no_structure);

  /* 一要…二要… enumerate as 一是…二是… do; a numbered heading's trailing
   * 牵头单位 is the heading's, not its last action's */
  {
    g_autoptr(WpReportDraft) orders = import_text (
      "2024年工作要点\n一、加强治安防控\n（一）推进防控体系建设。一要加强视频监控建设；"
      "二要深化“雪亮工程”应用；三要完善检查站布局。（牵头单位：市公安局；责任单位：市财政局）\n",
      -1, 2024);
    WpReportItem *heading = child (child (orders->items, 0)->children, 0);

    g_assert_cmpstr (heading->title, ==, "推进防控体系建设");
    g_assert_cmpuint (heading->children->len, ==, 3);
    g_assert_cmpstr (child (heading->children, 1)->title, ==, "深化“雪亮工程”应用");
    g_assert_cmpstr (g_ptr_array_index (heading->lead, 0), ==, "市公安局");
    g_assert_cmpuint (child (heading->children, 2)->lead->len, ==, 0);
  }
}

static void
test_run_in_and_owner (void)
{
  const char *text = "守护平安 建设法治\n王某 福建省厦门市委常委、政法委书记\n"
                     "平安是最大的民生，必须常抓不懈。\n"
                     "深化扫黑除恶——常态化推进斗争，依法严惩黑恶势力。\n"
                     "聚力源头治理：市公安局会同市司法局排查矛盾纠纷。\n";
  g_autoptr(WpReportDraft) draft = import_text (text, -1, 2025);
  WpReportItem *area = child (draft->items, 0);

  g_assert_cmpstr (area->title, ==, "守护平安 建设法治");
  g_assert_cmpstr (g_ptr_array_index (area->lead, 0), ==, "厦门市委政法委");
  g_assert_cmpuint (area->children->len, ==, 2);
  g_assert_cmpstr (child (area->children, 0)->title, ==, "深化扫黑除恶");
  g_assert_cmpstr (child (area->children, 1)->title, ==, "聚力源头治理");
  g_assert_cmpstr (g_ptr_array_index (child (area->children, 1)->lead, 0), ==, "市公安局");
  g_assert_cmpstr (g_ptr_array_index (child (area->children, 1)->co, 0), ==, "市司法局");
}

static void
test_noise_and_review (void)
{
  const char *text = "全市政法工作会议召开\n| 2025-01-25 09:42:37 来源: 某日报 责任编辑: 某某 |\n分享到:\n"
                     "本报记者 张三\n回顾2024 成绩单\n● 群众安全感率保持99%以上。\n"
                     "奋进2025 工作思路\n坚持主动创稳 强化系统治理\n要落实稳定责任制。要推进专项攻坚。\n"
                     "图为会场。\n相关阅读:\n另一篇文章的标题\n别的内容。\n";
  g_autoptr(WpReportDraft) draft = import_text (text, -1, 2025);
  WpReportItem *review = child (draft->items, 0), *area = child (draft->items, 1);

  g_assert_cmpuint (draft->items->len, ==, 2);
  g_assert_true (draft->has_review);
  g_assert_true (review->review);
  g_assert_cmpuint (review->children->len, ==, 1);
  g_assert_false (area->review);
  g_assert_cmpstr (area->title, ==, "坚持主动创稳 强化系统治理");
  g_assert_cmpuint (area->children->len, ==, 2);
}

static void
test_no_structure (void)
{
  g_autoptr(WpReportDraft) draft =
    import_text ("我们今年要做很多事情，并且做好。\n明年还要继续努力，争取更好成绩。\n", -1, 2025);

  g_assert_true (draft->no_structure);
  g_assert_cmpuint (draft->items->len, ==, 2);
}

static gboolean names_are (GPtrArray  *names,
                           const char *joined);

static void
test_agencies (void)
{
  static const struct { const char *text; const char *lead; const char *co; } cases[] = {
    { "由市发改委牵头制定方案。", "市发改委", NULL },
    { "市教育局、市民政局等部门负责落实。", "市教育局", "市民政局" },
    { "完善机制（牵头单位：市司法局；责任单位：市公安局、市检察院）", "市司法局", "市公安局" },
    { "全市检察机关要强化法律监督。", "全市检察机关", NULL },
    { "各区党委政法委要压实属地责任。", "各区党委政法委", NULL },
    { "推进平安建设工作会议召开。", NULL, NULL },
    /* a later sentence's actor, told in passing, is not the lead */
    { "厦门政法各部门主动排查化解涉稳风险隐患。全国首创调解机制。市中级法院成立诉非联动中心。",
      NULL, NULL },
    /* but one given the work in a later sentence is */
    { "推进诉源治理。市中级法院要完善诉非联动机制。", "市中级法院", NULL },
    /* a bracket inside a listed name is the name's */
    { "公开报告（牵头单位：市委依法治市办；责任单位：各县（市、区）人民政府）", "市委依法治市办",
      "各县（市、区）人民政府" },
    /* the lead before its modal, a list opening the clause, a 派驻 office */
    { "健全机制，县委政法委要牵头建立会商制度。", "县委政法委", NULL },
    { "县法院、县检察院要完善快立快审机制。", "县法院", NULL },
    { "县纪委监委派驻纪检组负责开展专项整治。", "县纪委监委派驻纪检组", NULL },
    /* a clause after a comma that gives a unit the work */
    { "坚持把政治安全放在首位，健全研判机制，市国家安全局要加强情报收集。", "市国家安全局", NULL },
    /* but not one telling what a unit did */
    { "坚持把政治安全放在首位，健全研判机制，市国家安全局加强了情报收集。", NULL, NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GPtrArray) lead = g_ptr_array_new_with_free_func (g_free);
      g_autoptr(GPtrArray) co = g_ptr_array_new_with_free_func (g_free);

      g_test_message ("%s", cases[i].text);
      wp_report_find_agencies (cases[i].text, NULL, lead, co);
      if (cases[i].lead == NULL)
        g_assert_cmpuint (lead->len, ==, 0);
      else
        g_assert_cmpstr (g_ptr_array_index (lead, 0), ==, cases[i].lead);
      if (cases[i].co != NULL)
        g_assert_cmpstr (g_ptr_array_index (co, 0), ==, cases[i].co);
      for (guint k = 0; k < co->len; k++)
        g_assert_false (strstr (g_ptr_array_index (co, k), "（") != NULL
                        && strstr (g_ptr_array_index (co, k), "）") == NULL);
    }
  {
    g_autoptr(GPtrArray) lead = g_ptr_array_new_with_free_func (g_free);
    g_autoptr(GPtrArray) co = g_ptr_array_new_with_free_func (g_free);

    wp_report_find_agencies ("县法院、县检察院要完善快立快审机制。", NULL, lead, co);
    g_assert_true (names_are (lead, "县法院、县检察院"));
  }
  g_assert_false (wp_report_is_agency ("推进平安建设工作", NULL));
  g_assert_false (wp_report_is_agency ("法院", NULL));
  g_assert_true (wp_report_is_agency ("厦门市委政法委", NULL));
  {
    g_autofree char *a = wp_report_owner_agency ("高山 江苏省南通市副市长、公安局局长");
    g_autofree char *b = wp_report_owner_agency ("张新中 河南省信阳市中级人民法院党组书记、院长");
    g_assert_cmpstr (a, ==, "南通市公安局");
    g_assert_cmpstr (b, ==, "信阳市中级人民法院");
  }
}

static void
test_json_is_interchange (void)
{
  g_autoptr(WpReportDraft) draft =
    import_text ("一、维护稳定\n市公安局要开展专项行动，年底前完成。\n", -1, 2025);
  g_autofree char *json = wp_report_draft_to_string (draft);
  g_autoptr(GError) error = NULL;
  g_autoptr(WpJsonDocument) doc = wp_json_document_parse (json, -1, &error);

  g_assert_no_error (error);
  g_assert_cmpint (wp_json_document_get_year (doc), ==, 2025);
}

/* ---- quality on the samples ---- */

typedef struct {
  int    level;   /* 0 area, 1 task, 2 action */
  char  *title;
  GStrv  lead;
  char  *due_label;  /* the deadline's words, or NULL */
  gboolean matched;
} Entry;

static void
entry_free (Entry *e)
{
  g_free (e->title);
  g_strfreev (e->lead);
  g_free (e->due_label);
  g_free (e);
}

static char *
normalise_title (const char *title)
{
  GString *out = g_string_new (NULL);

  for (const char *p = title; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      if (g_unichar_isalnum (c))
        g_string_append_unichar (out, c);
    }
  return g_string_free (out, FALSE);
}

static void
flatten (GPtrArray *items,
         int        level,
         GPtrArray *out)
{
  for (guint i = 0; i < items->len; i++)
    {
      WpReportItem *item = g_ptr_array_index (items, i);
      Entry *e = g_new0 (Entry, 1);
      GPtrArray *lead = g_ptr_array_new ();

      e->level = MIN (level, 2);
      e->due_label = g_strdup (item->due_label);
      e->title = item->review && level == 0 ? g_strdup ("REVIEW") : normalise_title (item->title);
      /* (the review is one area the user discards: its contents are not scored) */
      if (item->review && level == 0)
        {
          e->lead = g_new0 (char *, 1);
          g_ptr_array_add (out, e);
          g_ptr_array_unref (lead);
          continue;
        }
      for (guint k = 0; k < item->lead->len; k++)
        g_ptr_array_add (lead, g_strdup (g_ptr_array_index (item->lead, k)));
      g_ptr_array_add (lead, NULL);
      e->lead = (GStrv) g_ptr_array_free (lead, FALSE);
      g_ptr_array_add (out, e);
      flatten (item->children, level + 1, out);
    }
}

static GPtrArray *
read_fixture (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "reports", name, NULL);
  g_autofree char *data = NULL;
  g_auto(GStrv) lines = NULL;
  GPtrArray *out = g_ptr_array_new_with_free_func ((GDestroyNotify) entry_free);
  g_autoptr(GError) error = NULL;

  g_file_get_contents (path, &data, NULL, &error);
  g_assert_no_error (error);
  lines = g_strsplit (data, "\n", -1);
  for (guint i = 0, in_review = FALSE; lines[i]; i++)
    {
      g_auto(GStrv) f = g_strsplit (lines[i], "\t", -1);
      Entry *e;

      if (lines[i][0] == '#' || lines[i][0] == '\0' || g_strv_length (f) < 2)
        continue;
      if (lines[i][0] == 'A' || lines[i][0] == 'R')
        in_review = lines[i][0] == 'R';
      else if (in_review)
        continue;
      e = g_new0 (Entry, 1);
      e->level = f[0][0] == 'A' || f[0][0] == 'R' ? 0 : f[0][0] == 'T' ? 1 : 2;
      e->title = f[0][0] == 'R' ? g_strdup ("REVIEW") : normalise_title (f[1]);
      e->lead = g_strsplit (g_strv_length (f) > 2 ? f[2] : "", "、", -1);
      if (e->lead[0] != NULL && e->lead[0][0] == '\0')
        g_clear_pointer (&e->lead[0], g_free);
      if (g_strv_length (f) > 3 && f[3][0] != '\0')
        e->due_label = g_strdup (f[3]);
      g_ptr_array_add (out, e);
    }
  return out;
}

/* Titles match when one begins the other, or they share their first 8
 * characters: a draft may cut a title at another comma. */
static gboolean
titles_match (const char *a,
              const char *b)
{
  glong n = MIN (MIN (g_utf8_strlen (a, -1), g_utf8_strlen (b, -1)), 8);
  const char *ea = g_utf8_offset_to_pointer (a, n);

  return g_str_has_prefix (a, b) || g_str_has_prefix (b, a)
         || (n >= 4 && strncmp (a, b, (gsize) (ea - a)) == 0);
}

typedef struct {
  double precision[3], recall[3], lead_precision, lead_recall, due_recall;
  guint noise_areas;
} Scores;

static Scores
score_file (const char *sample,
            const char *extension,
            int         year)
{
  g_autofree char *txt = g_strconcat (sample, extension, NULL);
  g_autofree char *exp = g_strconcat (sample, ".expected", NULL);
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "reports", txt, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(WpReportSource) source = wp_report_source_load (path, &error);
  WpReportOptions options = { year, NULL, NULL, NULL };
  g_autoptr(WpReportDraft) draft = NULL;
  g_autoptr(GPtrArray) expected = read_fixture (exp);
  g_autoptr(GPtrArray) got = g_ptr_array_new_with_free_func ((GDestroyNotify) entry_free);
  guint n_exp[3] = { 0 }, n_got[3] = { 0 }, hits[3] = { 0 };
  guint lead_exp = 0, lead_got = 0, lead_hits = 0, due_exp = 0, due_hits = 0;
  Scores s = { 0 };

  g_assert_no_error (error);
  draft = wp_report_import (source, &options);
  flatten (draft->items, 0, got);

  for (guint i = 0; i < expected->len; i++)
    {
      Entry *e = g_ptr_array_index (expected, i);
      n_exp[e->level]++;
      lead_exp += g_strv_length (e->lead);
      due_exp += e->due_label != NULL;
    }
  /* in order, one to one: the next unmatched draft item of the level */
  for (guint i = 0; i < got->len; i++)
    {
      Entry *g = g_ptr_array_index (got, i);

      n_got[g->level]++;
      lead_got += g_strv_length (g->lead);
      for (guint k = 0; k < expected->len; k++)
        {
          Entry *e = g_ptr_array_index (expected, k);
          if (e->matched || e->level != g->level || !titles_match (e->title, g->title))
            continue;
          e->matched = g->matched = TRUE;
          hits[g->level]++;
          for (guint l = 0; g->lead[l]; l++)
            lead_hits += g_strv_contains ((const char *const *) e->lead, g->lead[l]);
          /* a deadline is read when the draft's words for it hold the fixture's */
          due_hits += e->due_label != NULL && g->due_label != NULL
                      && strstr (g->due_label, e->due_label) != NULL;
          break;
        }
      if (!g->matched && g->level == 0)
        s.noise_areas++;
      if (!g->matched)
        g_test_message ("%s: not expected: %d %s", sample, g->level, g->title);
    }
  for (guint i = 0; i < expected->len; i++)
    {
      Entry *e = g_ptr_array_index (expected, i);
      if (!e->matched)
        g_test_message ("%s: missed: %d %s", sample, e->level, e->title);
    }
  for (int l = 0; l < 3; l++)
    {
      s.precision[l] = n_got[l] ? 100.0 * hits[l] / n_got[l] : 100.0;
      s.recall[l] = n_exp[l] ? 100.0 * hits[l] / n_exp[l] : 100.0;
    }
  s.lead_precision = lead_got ? 100.0 * lead_hits / lead_got : 100.0;
  s.lead_recall = lead_exp ? 100.0 * lead_hits / lead_exp : 100.0;
  s.due_recall = due_exp ? 100.0 * due_hits / due_exp : 100.0;
  g_test_message ("%s: areas P %.1f R %.1f, tasks P %.1f R %.1f, actions P %.1f R %.1f, "
                  "lead agencies P %.1f R %.1f (%u/%u/%u), deadlines R %.1f (%u/%u), "
                  "noise areas %u", sample,
                  s.precision[0], s.recall[0], s.precision[1], s.recall[1], s.precision[2],
                  s.recall[2], s.lead_precision, s.lead_recall, lead_hits, lead_got, lead_exp,
                  s.due_recall, due_hits, due_exp, s.noise_areas);
  return s;
}

static Scores
score (const char *sample,
       int         year)
{
  return score_file (sample, ".txt", year);
}

static void
check_floors (Scores s,
              double task_recall,
              double action_recall,
              double lead_precision,
              double lead_recall)
{
  g_assert_cmpfloat (s.recall[0], >=, 100.0);
  g_assert_cmpuint (s.noise_areas, ==, 0);
  g_assert_cmpfloat (s.recall[1], >=, task_recall);
  g_assert_cmpfloat (s.recall[2], >=, action_recall);
  g_assert_cmpfloat (s.lead_precision, >=, lead_precision);
  g_assert_cmpfloat (s.lead_recall, >=, lead_recall);
  /* the deadlines of the items found, where the fixtures give them (one
   * of nanping's six is its task's, written in its last action only) */
  g_assert_cmpfloat (s.due_recall, >=, 80);
}

static void
test_quality_xiamen_2025 (void)
{
  check_floors (score ("xiamen-2025-work-report", 2025), 100, 100, 100, 100);
}

static void
test_quality_city_speeches (void)
{
  check_floors (score ("city-speeches", 2022), 100, 100, 100, 100);
}

static void
test_quality_xiamen_2020 (void)
{
  check_floors (score ("xiamen-2020-review", 2020), 100, 100, 100, 100);
}

/* Reports the rules were not written from: their fixtures were written by
 * hand before the importer first read them (a county's web copy, hard
 * wrapped, with a review part; a city's 工作要点 with 牵头单位 lines). */
static void
test_quality_unseen (void)
{
  check_floors (score ("nanping-2023-rule-of-law", 2023), 100, 100, 100, 100);
  check_floors (score ("lishui-2024-county-speech", 2024), 100, 100, 100, 100);
  /* (held out: P/R of leads 100/70, actions recall 0 when first read; see
   * the fixture) */
  check_floors (score ("ganzhou-2024-work-points", 2024), 100, 100, 100, 100);
  /* and as Word files: numbering.xml's 1., headings in 黑体 with no number */
  check_floors (score_file ("nanping-2023-rule-of-law", ".docx", 2023), 100, 100, 100, 100);
  check_floors (score_file ("lishui-2024-county-speech", ".docx", 2024), 100, 100, 100, 100);
}

/* For tests/data/reports/make-docx.py: a sample's paragraphs as the text
 * reader cuts them, one a line, which the Word copies are written from. */
static int
dump_paragraphs (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WpReportSource) source = wp_report_source_load (path, &error);

  if (source == NULL)
    {
      g_printerr ("%s: %s\n", path, error->message);
      return 1;
    }
  for (guint i = 0; i < source->paragraphs->len; i++)
    {
      g_autofree char *text =
        wp_report_paragraph_dup (source, &g_array_index (source->paragraphs,
                                                         WpReportParagraph, i));
      fputs (text, stdout);
      fputc ('\n', stdout);
    }
  return 0;
}

/* ---- Word and PDF ---- */

/* The samples as Word writes them (make-docx.py): paragraphs, the heading
 * numbers drawn by numbering.xml and not in the text, 黑体/楷体 headings.
 * They score as the text does. */
static void
test_quality_docx (void)
{
  check_floors (score_file ("xiamen-2025-work-report", ".docx", 2025), 100, 100, 100, 100);
  check_floors (score_file ("city-speeches", ".docx", 2022), 100, 100, 100, 100);
  check_floors (score_file ("xiamen-2020-review", ".docx", 2020), 100, 100, 100, 100);
}

/* The Word copy printed to PDF by LibreOffice, a running header and page
 * numbers on each of its pages */
static void
test_quality_pdf (void)
{
  check_floors (score_file ("city-speeches", ".pdf", 2022), 100, 100, 100, 100);
}

static WpReportItem *
find_item (GPtrArray  *items,
           const char *title)
{
  for (guint i = 0; i < items->len; i++)
    {
      WpReportItem *item = g_ptr_array_index (items, i);
      WpReportItem *found;

      if (g_str_equal (item->title, title))
        return item;
      if ((found = find_item (item->children, title)) != NULL)
        return found;
    }
  return NULL;
}

static WpReportSource *
load_data_file (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "reports", name, NULL);
  g_autoptr(GError) error = NULL;
  WpReportSource *source = wp_report_source_load (path, &error);

  g_assert_no_error (error);
  return source;
}

static void
test_docx_rules (void)
{
  g_autoptr(WpReportSource) source = load_data_file ("rules.docx");
  WpReportOptions options = { 2025, NULL, NULL, NULL };
  g_autoptr(WpReportDraft) draft = wp_report_import (source, &options);
  WpReportItem *area, *task, *item;

  g_assert_cmpstr (source->encoding, ==, "docx");
  /* Word's numbers, drawn by numbering.xml, are written as the text has them */
  g_assert_nonnull (strstr (source->text, "\n一、坚决维护国家政治安全\n（一）严密防范政治风险\n"));
  g_assert_nonnull (strstr (source->text, "\n二、建设更高水平的平安厦门\n"));
  g_assert_cmpstr (draft->title, ==, "2025年全市政法工作要点");
  g_assert_cmpuint (draft->items->len, ==, 3);

  area = child (draft->items, 0);
  g_assert_cmpstr (area->title, ==, "坚决维护国家政治安全");
  g_assert_cmpuint (area->kind, ==, WP_ITEM_KIND_AREA);
  task = child (area->children, 0);
  g_assert_cmpstr (task->title, ==, "严密防范政治风险");
  /* bold run-in headings: the bold words are the title, the rest its body */
  item = child (task->children, 0);
  g_assert_cmpstr (item->title, ==, "深化反渗透反分裂斗争");
  g_assert_cmpstr (g_ptr_array_index (item->lead, 0), ==, "市国家安全局");
  g_assert_cmpstr (item->due, ==, "2025-12-31");
  item = child (task->children, 1);
  g_assert_cmpstr (item->title, ==, "筑牢网络安全防线");
  g_assert_cmpstr (item->due, ==, "2025-06-30");

  area = child (draft->items, 1);
  g_assert_cmpstr (area->title, ==, "建设更高水平的平安厦门");
  /* a paragraph bold throughout, not numbered: a heading */
  task = find_item (area->children, "推进诉源治理");
  g_assert_nonnull (task);
  g_assert_cmpstr (g_ptr_array_index (task->lead, 0), ==, "市中级人民法院");

  /* the task table: items with their agencies and deadlines, under its caption */
  area = child (draft->items, 2);
  g_assert_cmpstr (area->title, ==, "重点任务分解表");
  g_assert_cmpuint (area->children->len, ==, 3);
  task = child (area->children, 1);
  g_assert_cmpstr (task->title, ==, "开展扫黑除恶常态化斗争");
  g_assert_cmpuint (task->kind, ==, WP_ITEM_KIND_TASK);
  g_assert_cmpuint (task->lead->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (task->lead, 0), ==, "市公安局");
  g_assert_cmpuint (task->co->len, ==, 2);
  g_assert_cmpstr (task->due, ==, "2025-12-31");
  /* its span is its row in the text */
  {
    g_autofree char *span = g_strndup (source->text + task->start, task->end - task->start);
    g_assert_true (g_str_has_prefix (span, "2\t开展扫黑除恶常态化斗争\t市公安局"));
  }
  g_assert_null (find_item (draft->items, "附件"));
}

/* A 工作领域 column merged down: the merged cell is each row's area */
static void
test_docx_merged_table (void)
{
  g_autoptr(WpReportSource) source = load_data_file ("merged-table.docx");
  WpReportOptions options = { 2025, NULL, NULL, NULL };
  g_autoptr(WpReportDraft) draft = wp_report_import (source, &options);
  WpReportItem *area, *task;

  g_assert_nonnull (source->tables);
  g_assert_cmpstr (draft->title, ==, "2025年重点工作任务分解表");
  g_assert_cmpuint (draft->items->len, ==, 2);
  area = child (draft->items, 0);
  g_assert_cmpstr (area->title, ==, "平安建设");
  g_assert_cmpuint (area->kind, ==, WP_ITEM_KIND_AREA);
  g_assert_cmpuint (area->children->len, ==, 2);
  task = child (area->children, 1);
  g_assert_cmpstr (task->title, ==, "开展夏季治安整治");
  /* a cell two grid columns wide is one cell: no action repeats its task */
  g_assert_cmpuint (task->children->len, ==, 0);
  g_assert_cmpuint (task->kind, ==, WP_ITEM_KIND_TASK);
  g_assert_cmpstr (g_ptr_array_index (task->lead, 0), ==, "市公安局");
  g_assert_cmpstr (task->due, ==, "2025-09-30");
  area = child (draft->items, 1);
  g_assert_cmpstr (area->title, ==, "法治建设");
  g_assert_cmpuint (area->children->len, ==, 1);
}

/* A zip holding @names[i] with @contents[i], as bytes */
static GBytes *
make_zip (const char *const *names,
          const char *const *contents,
          const gsize        *lengths)
{
  g_autofree char *dir = g_dir_make_tmp ("workplan-docx-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "test.docx", NULL);
  g_autofree char *data = NULL;
  gsize length = 0;
  int err = 0;
  zip_t *zip = zip_open (path, ZIP_CREATE | ZIP_TRUNCATE, &err);

  g_assert_nonnull (zip);
  for (guint i = 0; names[i] != NULL; i++)
    {
      gsize n = lengths != NULL && lengths[i] > 0 ? lengths[i] : strlen (contents[i]);
      zip_source_t *src = zip_source_buffer (zip, contents[i], n, 0);
      g_assert_nonnull (src);
      g_assert_cmpint (zip_file_add (zip, names[i], src, ZIP_FL_OVERWRITE), >=, 0);
    }
  g_assert_cmpint (zip_close (zip), ==, 0);
  g_assert_true (g_file_get_contents (path, &data, &length, NULL));
  g_unlink (path);
  g_rmdir (dir);
  return g_bytes_new_take (g_steal_pointer (&data), length);
}

#define W_NS "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\""

static void
assert_docx_refused (GBytes     *zip,
                     int         code,
                     const char *words)
{
  g_autoptr(GError) error = NULL;
  gsize length;
  const char *data = g_bytes_get_data (zip, &length);
  g_autoptr(WpReportSource) source = wp_report_source_new_for_data (data, length, &error);

  g_assert_null (source);
  g_assert_error (error, WP_REPORT_ERROR, code);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, words));
}

static void
test_docx_bad_input (void)
{
  static const char *const other_names[] = { "hello.txt", NULL };
  static const char *const other[] = { "hello", NULL };
  static const char *const doc_names[] = { "word/document.xml", NULL };
  static const char *const truncated[] = {
    "<?xml version=\"1.0\"?><w:document " W_NS "><w:body><w:p><w:r><w:t>一、加强", NULL
  };
  static const char *const entities[] = {
    "<?xml version=\"1.0\"?><!DOCTYPE d [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;"
    "&a;&a;&a;&a;&a;\">]><w:document " W_NS "><w:body><w:p><w:r><w:t>&b;</w:t></w:r></w:p>"
    "</w:body></w:document>", NULL
  };
  static const char *const empty[] = {
    "<?xml version=\"1.0\"?><w:document " W_NS "><w:body><w:p/><w:p><w:r><w:t> </w:t>"
    "</w:r></w:p></w:body></w:document>", NULL
  };
  g_autoptr(GBytes) not_docx = make_zip (other_names, other, NULL);
  g_autoptr(GBytes) broken = make_zip (doc_names, truncated, NULL);
  g_autoptr(GBytes) dtd = make_zip (doc_names, entities, NULL);
  g_autoptr(GBytes) blank = make_zip (doc_names, empty, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(WpReportSource) source = NULL;

  assert_docx_refused (not_docx, WP_REPORT_ERROR_DAMAGED, "word/document.xml");
  assert_docx_refused (broken, WP_REPORT_ERROR_DAMAGED, "word/document.xml");
  assert_docx_refused (dtd, WP_REPORT_ERROR_DAMAGED, "document type");
  assert_docx_refused (blank, WP_REPORT_ERROR_EMPTY, "no text");

  /* not a zip past its first bytes */
  source = wp_report_source_new_for_data ("PK\003\004garbage", 11, &error);
  g_assert_null (source);
  g_assert_error (error, WP_REPORT_ERROR, WP_REPORT_ERROR_DAMAGED);
  g_clear_error (&error);

  /* a zip bomb: a few hundred kilobytes that unpack to 70 MB */
  {
    gsize n = 70 * 1024 * 1024;
    g_autofree char *huge = g_malloc (n + 1);
    const char *bomb[] = { huge, NULL };
    const gsize lengths[] = { n };
    g_autoptr(GBytes) zip = NULL;
    const char *head = "<?xml version=\"1.0\"?><w:document " W_NS "><w:body><w:p><w:r><w:t>";

    memset (huge, 'a', n);
    memcpy (huge, head, strlen (head));
    huge[n] = '\0';
    zip = make_zip (doc_names, bomb, lengths);
    g_assert_cmpuint (g_bytes_get_size (zip), <, 1024 * 1024);
    assert_docx_refused (zip, WP_REPORT_ERROR_TOO_LARGE, "MB");
  }
}

/* Headings Word knows by their styles (Heading 1, Heading 2 with their
 * outline levels), numbered neither in the text nor by Word: two levels,
 * where the words alone would give one */
static void
test_docx_heading_styles (void)
{
  static const char *const names[] = { "word/document.xml", "word/styles.xml", NULL };
  static const char *const parts[] = {
    "<?xml version=\"1.0\"?><w:document " W_NS "><w:body>"
    "<w:p><w:r><w:t>2025年工作要点</w:t></w:r></w:p>"
    "<w:p><w:pPr><w:pStyle w:val=\"H1\"/></w:pPr><w:r><w:t>坚持稳中求进 推动高质量发展</w:t>"
    "</w:r></w:p>"
    "<w:p><w:pPr><w:pStyle w:val=\"H2\"/></w:pPr><w:r><w:t>守牢安全底线 防范化解风险</w:t>"
    "</w:r></w:p>"
    "<w:p><w:r><w:t>市公安局牵头，年底前完成全市风险隐患排查整治，确保不发生重大案事件。</w:t>"
    "</w:r></w:p>"
    "<w:p><w:pPr><w:pStyle w:val=\"H2\"/></w:pPr><w:r><w:t>深化诉源治理 化解矛盾纠纷</w:t>"
    "</w:r></w:p>"
    "<w:p><w:r><w:t>市中级人民法院负责，上半年建成诉讼服务中心，推动矛盾纠纷就地化解。</w:t>"
    "</w:r></w:p>"
    "<w:p><w:pPr><w:pStyle w:val=\"H1\"/></w:pPr><w:r><w:t>加强队伍建设 锻造政法铁军</w:t>"
    "</w:r></w:p>"
    "<w:p><w:pPr><w:pStyle w:val=\"H2\"/></w:pPr><w:r><w:t>从严管党治警 筑牢思想根基</w:t>"
    "</w:r></w:p>"
    "<w:p><w:r><w:t>市委政法委牵头，全年开展政法队伍教育整顿成果巩固工作，每季度通报一次。</w:t>"
    "</w:r></w:p>"
    "</w:body></w:document>",
    "<?xml version=\"1.0\"?><w:styles " W_NS ">"
    "<w:style w:type=\"paragraph\" w:styleId=\"H1\"><w:name w:val=\"heading 1\"/>"
    "<w:pPr><w:outlineLvl w:val=\"0\"/></w:pPr></w:style>"
    "<w:style w:type=\"paragraph\" w:styleId=\"H2\"><w:name w:val=\"heading 2\"/>"
    "<w:basedOn w:val=\"H1\"/><w:pPr><w:outlineLvl w:val=\"1\"/></w:pPr></w:style>"
    "</w:styles>",
    NULL
  };
  g_autoptr(GBytes) zip = make_zip (names, parts, NULL);
  g_autoptr(GError) error = NULL;
  gsize length;
  const char *data = g_bytes_get_data (zip, &length);
  g_autoptr(WpReportSource) source = wp_report_source_new_for_data (data, length, &error);
  WpReportOptions options = { 2025, NULL, NULL, NULL };
  g_autoptr(WpReportDraft) draft = NULL;
  WpReportItem *area;

  g_assert_no_error (error);
  draft = wp_report_import (source, &options);
  g_assert_cmpuint (draft->items->len, ==, 2);
  area = child (draft->items, 0);
  g_assert_cmpstr (area->title, ==, "坚持稳中求进 推动高质量发展");
  g_assert_cmpuint (area->children->len, ==, 2);
  g_assert_cmpstr (child (area->children, 1)->title, ==, "深化诉源治理 化解矛盾纠纷");
  g_assert_cmpstr (g_ptr_array_index (child (area->children, 1)->lead, 0), ==,
                   "市中级人民法院");
  area = child (draft->items, 1);
  g_assert_cmpstr (area->title, ==, "加强队伍建设 锻造政法铁军");
  g_assert_cmpuint (area->children->len, ==, 1);
}

/* A file of 200 MB (sparse: nothing is written) that starts as a zip */
#define W_TABLE_ROW(a, b, c, d) \
  "<w:tr><w:tc><w:p><w:r><w:t>" a "</w:t></w:r></w:p></w:tc>" \
  "<w:tc><w:p><w:r><w:t>" b "</w:t></w:r></w:p></w:tc>" \
  "<w:tc><w:p><w:r><w:t>" c "</w:t></w:r></w:p></w:tc>" \
  "<w:tc><w:p><w:r><w:t>" d "</w:t></w:r></w:p></w:tc></w:tr>"

/* Page furniture of a Word file (its header and footer parts) and its
 * footnotes stay out of the text; a task table without a caption gives its
 * rows to the area it sits in, where it sits; one with a caption is an area
 * where it sits, not after the last heading. */
static void
test_docx_furniture_and_table_place (void)
{
  static const char *const names[] = { "word/document.xml", "word/header1.xml",
                                       "word/footer1.xml", "word/footnotes.xml", NULL };
  static const char *const parts[] = {
    "<?xml version=\"1.0\"?><w:document " W_NS "><w:body>"
    "<w:p><w:r><w:t>2026年工作要点</w:t></w:r></w:p>"
    "<w:p><w:r><w:t>一、深化平安建设</w:t></w:r></w:p>"
    "<w:p><w:r><w:t>（一）落实执法“三项制度”</w:t></w:r><w:r><w:footnoteReference w:id=\"1\"/>"
    "</w:r><w:r><w:t>。市司法局牵头，年底前完成全市执法案卷评查。</w:t></w:r></w:p>"
    "<w:tbl>"
    W_TABLE_ROW ("序号", "重点任务", "牵头单位", "完成时限")
    W_TABLE_ROW ("1", "建成市级综治中心", "市委政法委", "2026年6月底前")
    W_TABLE_ROW ("2", "开展夏季治安整治", "市公安局", "2026年9月底前")
    "</w:tbl>"
    "<w:p><w:r><w:t>（二）推进诉源治理</w:t></w:r></w:p>"
    "<w:p><w:r><w:t>市中级人民法院负责，上半年建成诉讼服务中心，推动矛盾纠纷就地化解。</w:t></w:r></w:p>"
    "<w:p><w:r><w:t>附表：法治建设任务清单</w:t></w:r></w:p>"
    "<w:tbl>"
    W_TABLE_ROW ("序号", "重点任务", "牵头单位", "完成时限")
    W_TABLE_ROW ("1", "推进法治乡村建设", "市司法局", "2026年10月底前")
    "</w:tbl>"
    "<w:p><w:r><w:t>二、加强队伍建设</w:t></w:r></w:p>"
    "<w:p><w:r><w:t>（一）从严管党治警</w:t></w:r></w:p>"
    "<w:p><w:r><w:t>市委政法委牵头，全年开展政法队伍教育整顿成果巩固工作。</w:t></w:r></w:p>"
    "</w:body></w:document>",
    "<?xml version=\"1.0\"?><w:hdr " W_NS "><w:p><w:r><w:t>政法工作会议材料</w:t></w:r></w:p>"
    "</w:hdr>",
    "<?xml version=\"1.0\"?><w:ftr " W_NS "><w:p><w:r><w:t>- 1 -</w:t></w:r></w:p></w:ftr>",
    "<?xml version=\"1.0\"?><w:footnotes " W_NS "><w:footnote w:id=\"1\"><w:p><w:r>"
    "<w:t>“三项制度”是指行政执法公示、执法全过程记录、重大执法决定法制审核制度。</w:t></w:r></w:p>"
    "</w:footnote></w:footnotes>",
    NULL
  };
  g_autoptr(GBytes) zip = make_zip (names, parts, NULL);
  g_autoptr(GError) error = NULL;
  gsize length;
  const char *data = g_bytes_get_data (zip, &length);
  g_autoptr(WpReportSource) source = wp_report_source_new_for_data (data, length, &error);
  WpReportOptions options = { 2026, NULL, NULL, NULL };
  g_autoptr(WpReportDraft) draft = NULL;
  WpReportItem *area;

  g_assert_no_error (error);
  g_assert_null (strstr (source->text, "会议材料"));
  g_assert_null (strstr (source->text, "是指"));
  g_assert_null (strstr (source->text, "- 1 -"));
  draft = wp_report_import (source, &options);
  g_assert_cmpuint (draft->items->len, ==, 3);
  area = child (draft->items, 0);
  g_assert_cmpstr (area->title, ==, "深化平安建设");
  /* the uncaptioned table's rows after the task above it, before the next */
  g_assert_cmpuint (area->children->len, ==, 4);
  g_assert_cmpstr (child (area->children, 0)->title, ==, "落实执法“三项制度”");
  g_assert_cmpstr (child (area->children, 1)->title, ==, "建成市级综治中心");
  g_assert_cmpuint (child (area->children, 1)->kind, ==, WP_ITEM_KIND_TASK);
  g_assert_cmpstr (g_ptr_array_index (child (area->children, 1)->lead, 0), ==, "市委政法委");
  g_assert_cmpstr (child (area->children, 2)->title, ==, "开展夏季治安整治");
  g_assert_cmpstr (child (area->children, 3)->title, ==, "推进诉源治理");
  /* the captioned one: an area of its own, where it is */
  area = child (draft->items, 1);
  g_assert_cmpstr (area->title, ==, "法治建设任务清单");
  g_assert_cmpuint (area->children->len, ==, 1);
  area = child (draft->items, 2);
  g_assert_cmpstr (area->title, ==, "加强队伍建设");
}

static void
test_report_too_large_file (void)
{
  g_autofree char *dir = g_dir_make_tmp ("workplan-report-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "huge.docx", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(WpReportSource) source = NULL;
  FILE *f = fopen (path, "wb");

  g_assert_nonnull (f);
  g_assert_cmpint (fwrite ("PK\003\004", 1, 4, f), ==, 4);
  g_assert_cmpint (fseek (f, 200 * 1024 * 1024, SEEK_SET), ==, 0);
  g_assert_cmpint (fwrite ("x", 1, 1, f), ==, 1);
  fclose (f);
  source = wp_report_source_load (path, &error);
  g_unlink (path);
  g_rmdir (dir);
  g_assert_null (source);
  g_assert_error (error, WP_REPORT_ERROR, WP_REPORT_ERROR_TOO_LARGE);
}

/* A PDF as an office prints a report: a running header and a page number
 * on each page, lines broken where the page is full, a sentence running
 * from one page onto the next. */
static GBytes *
make_pdf (const char *const *pages,
          gboolean           furniture,
          gboolean           text)
{
  g_autofree char *dir = g_dir_make_tmp ("workplan-pdf-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "test.pdf", NULL);
  g_autofree char *data = NULL;
  gsize length = 0;
  cairo_surface_t *surface = cairo_pdf_surface_create (path, 595, 842);
  cairo_t *cr = cairo_create (surface);

  cairo_select_font_face (cr, "Noto Sans CJK SC", CAIRO_FONT_SLANT_NORMAL,
                          CAIRO_FONT_WEIGHT_NORMAL);
  cairo_set_font_size (cr, 14);
  for (guint i = 0; pages[i] != NULL; i++)
    {
      g_auto(GStrv) lines = g_strsplit (pages[i], "\n", -1);
      double y = 100;

      if (furniture && text)
        {
          g_autofree char *number = g_strdup_printf ("- %u -", i + 1);
          cairo_move_to (cr, 200, 40);
          cairo_show_text (cr, "厦门市委政法委员会文件");
          cairo_move_to (cr, 280, 810);
          cairo_show_text (cr, number);
        }
      for (guint k = 0; text && lines[k] != NULL; k++, y += 24)
        {
          cairo_move_to (cr, 60, y);
          cairo_show_text (cr, lines[k]);
        }
      if (!text)
        {
          cairo_rectangle (cr, 50, 50, 400, 600);
          cairo_fill (cr);
        }
      cairo_show_page (cr);
    }
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);
  g_assert_true (g_file_get_contents (path, &data, &length, NULL));
  g_unlink (path);
  g_rmdir (dir);
  return g_bytes_new_take (g_steal_pointer (&data), length);
}

static void
test_pdf (void)
{
  /* lines as full as a page makes them */
  static const char *const pages[] = {
    "2025年全市政法工作要点\n一、坚决维护国家政治安全\n"
    "市国家安全局牵头，年底前完成重点领域风险排查，严密防\n范各类政治安全风险。",
    "二、建设更高水平的平安厦门\n市公安局要持续开展夏季治安打击整治行动，刑事警情下\n"
    "降一成，六月底前完成全市矛盾纠纷大排查，推动平安建设",
    "提质增效。\n三、推进诉源治理\n市中级人民法院负责，年底前实现诉讼服务中心全覆盖。",
    NULL
  };
  g_autoptr(GBytes) pdf = make_pdf (pages, TRUE, TRUE);
  g_autoptr(GBytes) scan = make_pdf (pages, FALSE, FALSE);
  g_autoptr(GError) error = NULL;
  gsize length;
  const char *data = g_bytes_get_data (pdf, &length);
  g_autoptr(WpReportSource) source = wp_report_source_new_for_data (data, length, &error);
  WpReportOptions options = { 2025, NULL, NULL, NULL };
  g_autoptr(WpReportDraft) draft = NULL;
  g_autoptr(WpReportSource) none = NULL;

  g_assert_no_error (error);
  g_test_message ("%s", source->text);
  g_assert_cmpstr (source->encoding, ==, "pdf");
  /* the running header and the page numbers are gone */
  g_assert_null (strstr (source->text, "委员会文件"));
  g_assert_null (strstr (source->text, "- 2 -"));
  /* lines joined again, across a page too */
  g_assert_nonnull (strstr (source->text, "风险排查，严密防范各类政治安全风险。\n"));
  g_assert_nonnull (strstr (source->text, "刑事警情下降一成，"));
  g_assert_nonnull (strstr (source->text, "大排查，推动平安建设提质增效。\n"));
  draft = wp_report_import (source, &options);
  g_assert_cmpstr (draft->title, ==, "2025年全市政法工作要点");
  g_assert_cmpuint (draft->items->len, ==, 3);
  g_assert_cmpstr (child (draft->items, 1)->title, ==, "建设更高水平的平安厦门");
  g_assert_cmpstr (g_ptr_array_index (child (draft->items, 2)->lead, 0), ==, "市中级人民法院");

  /* pictures of pages, no text layer */
  data = g_bytes_get_data (scan, &length);
  none = wp_report_source_new_for_data (data, length, &error);
  g_assert_null (none);
  g_assert_error (error, WP_REPORT_ERROR, WP_REPORT_ERROR_NO_TEXT);
  g_clear_error (&error);

  none = wp_report_source_new_for_data ("%PDF-1.4\nnot really", 19, &error);
  g_assert_null (none);
  g_assert_error (error, WP_REPORT_ERROR, WP_REPORT_ERROR_DAMAGED);
}

/* The review dialog's default year: the title's, else the opening's */
/* A page set as offices set it: each line's runs in their own face and
 * size ("B" a bold sans, "S" a serif body, "L" the body face but larger);
 * a line whose first face is followed by "i" is a paragraph's first line,
 * indented two characters */
static GBytes *
make_styled_pdf (const char *const *runs)
{
  g_autofree char *dir = g_dir_make_tmp ("workplan-pdf-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "test.pdf", NULL);
  g_autofree char *data = NULL;
  gsize length = 0;
  cairo_surface_t *surface = cairo_pdf_surface_create (path, 595, 842);
  cairo_t *cr = cairo_create (surface);
  double y = 80;

  /* runs: face, text, face, text, …; NULL ends a line, two NULLs the page */
  for (guint i = 0; runs[i] != NULL || runs[i + 1] != NULL; i++, y += 26)
    {
      cairo_move_to (cr, runs[i][1] == 'i' ? 88 : 60, y);
      for (; runs[i] != NULL; i += 2)
        {
          gboolean bold = runs[i][0] == 'B';

          cairo_select_font_face (cr, bold ? "Noto Sans CJK SC" : "Noto Serif CJK SC",
                                  CAIRO_FONT_SLANT_NORMAL,
                                  bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL);
          cairo_set_font_size (cr, runs[i][0] == 'L' ? 18 : 14);
          cairo_show_text (cr, runs[i + 1]);
        }
    }
  cairo_show_page (cr);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);
  g_assert_true (g_file_get_contents (path, &data, &length, NULL));
  g_unlink (path);
  g_rmdir (dir);
  return g_bytes_new_take (g_steal_pointer (&data), length);
}

/* A PDF's fonts are heading cues as Word's are: a bold or 黑体 line, a
 * line set larger, a bold opening; the words alone would not say so. */
static void
test_pdf_font_cues (void)
{
  static const char *const runs[] = {
    "S", "2026年全市平安建设工作要点", NULL,
    "B", "坚持人民至上，强化系统治理，提升治理效能", NULL,
    "Bi", "群众满意是第一标准，平安是最大民生。", "S", "市公安局牵头开展夏季治安整治。",
    NULL,
    "Si", "市司法局负责，全年开展矛盾纠纷排查化解，调解成功率保持在95%以上。", NULL,
    "L", "深化诉源治理，化解矛盾纠纷，建设平安法院", NULL,
    "Si", "市中级人民法院负责，上半年建成诉讼服务中心，推动矛盾纠纷就地化解。", NULL,
    NULL, NULL
  };
  g_autoptr(GBytes) pdf = make_styled_pdf (runs);
  g_autoptr(GError) error = NULL;
  gsize length;
  const char *data = g_bytes_get_data (pdf, &length);
  g_autoptr(WpReportSource) source = wp_report_source_new_for_data (data, length, &error);
  WpReportOptions options = { 2026, NULL, NULL, NULL };
  g_autoptr(WpReportDraft) draft = NULL;
  WpReportItem *area, *task;

  g_assert_no_error (error);
  g_test_message ("%s", source->text);
  draft = wp_report_import (source, &options);
  g_assert_cmpstr (draft->title, ==, "2026年全市平安建设工作要点");
  g_assert_cmpuint (draft->items->len, ==, 2);
  area = child (draft->items, 0);
  g_assert_cmpstr (area->title, ==, "坚持人民至上，强化系统治理，提升治理效能");
  task = child (area->children, 0);
  /* the bold opening is the title, the rest its body */
  g_assert_cmpstr (task->title, ==, "群众满意是第一标准，平安是最大民生");
  g_assert_cmpstr (g_ptr_array_index (task->lead, 0), ==, "市公安局");
  area = child (draft->items, 1);
  g_assert_cmpstr (area->title, ==, "深化诉源治理，化解矛盾纠纷，建设平安法院");
  g_assert_cmpstr (g_ptr_array_index (area->lead, 0), ==, "市中级人民法院");
  /* a body line is no heading for being the first after one */
  g_assert_cmpuint (source->paragraphs->len, ==, 6);
}

static void
test_guess_year (void)
{
  struct { const char *text; int year; } cases[] = {
    { "厦门市委政法工作会议研究部署2025年政法工作\n2025年，全市政法系统将……福建省2024年度考评结果公布。\n", 2025 },
    { "奋力开创政法工作新局面\n刘宏 辽宁省大连市委常委\n党的十九届六中全会以来……\n", 0 },
    { "平安建设工作要点\n2026年是十五五开局之年。2025年取得新成效。2026年要……\n", 2026 },
    { "关于印发《2031年工作要点》的通知\n各区：\n", 2031 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(WpReportSource) source =
        wp_report_source_new_for_text (cases[i].text, strlen (cases[i].text), &error);

      g_assert_no_error (error);
      g_assert_cmpint (wp_report_guess_year (source), ==, cases[i].year);
    }
}

static WpReportItem *
first_action (GPtrArray *items,
              guint      n)
{
  /* the n-th action of the only area's only key task */
  WpReportItem *area = g_ptr_array_index (items, 0);
  WpReportItem *task = g_ptr_array_index (area->children, 0);

  g_assert_cmpuint (n, <, task->children->len);
  return g_ptr_array_index (task->children, n);
}

static WpReportDraft *
import_with_directory (const char  *text,
             const char **directory)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WpReportSource) source = wp_report_source_new_for_text (text, strlen (text), &error);
  WpReportOptions options = { .year = 2031, .directory = directory };

  g_assert_no_error (error);
  return wp_report_import (source, &options);
}

static gboolean
names_are (GPtrArray  *names,
           const char *joined)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < names->len; i++)
    g_string_append_printf (text, "%s%s", i > 0 ? "、" : "", (char *) names->pdata[i]);
  if (!g_str_equal (text->str, joined))
    g_test_message ("names: %s, expected %s", text->str, joined);
  return g_str_equal (text->str, joined);
}

/* One agency written in full and short in one report is one agency, where
 * the short form stands for one name only */
static void
test_agency_aliases (void)
{
  g_autoptr(WpReportDraft) draft = import_with_directory (
    "2031年工作要点\n一、深化平安建设\n（一）推进社会治理\n"
    "1.完善网格化管理，由市公安局牵头，市司法局、市委政法委等部门配合。\n"
    "2.健全矛盾纠纷化解机制，由公安局牵头。\n"
    "3.加强治安防控，公安局、司法局负责。\n"
    "4.推进平安创建，政法委牵头。\n", NULL);
  g_autoptr(WpReportDraft) shared = import_with_directory (
    "2031年工作要点\n一、深化平安建设\n（一）推进社会治理\n"
    "1.完善网格化管理，由市委政法委牵头。\n"
    "2.健全调解机制，由区委政法委牵头。\n"
    "3.推进平安创建，政法委牵头。\n", NULL);
  const char *directory[] = { "厦门市委政法委", NULL };
  g_autoptr(WpReportDraft) known = import_with_directory (
    "2031年工作要点\n一、深化平安建设\n（一）推进社会治理\n"
    "1.推进平安创建，由政法委牵头。\n", directory);
  g_autoptr(WpReportDraft) groups = import_with_directory (
    "2031年工作要点\n一、深化平安建设\n（一）推进社会治理\n"
    "1.完善网格化管理，由市委政法委牵头，各区党委政法委负责落实。\n", NULL);

  g_assert_true (names_are (first_action (draft->items, 0)->lead, "市公安局"));
  g_assert_true (names_are (first_action (draft->items, 1)->lead, "市公安局"));
  g_assert_true (names_are (first_action (draft->items, 2)->lead, "市公安局"));
  g_assert_true (names_are (first_action (draft->items, 2)->co, "市司法局"));
  g_assert_true (names_are (first_action (draft->items, 3)->lead, "市委政法委"));
  g_assert_true (names_are (draft->agencies, "市公安局、市司法局、市委政法委"));
  g_assert_true (names_are (draft->new_agencies, "市公安局、市司法局、市委政法委"));

  /* 政法委 could be either: it stays as written */
  g_assert_true (names_are (first_action (shared->items, 2)->lead, "政法委"));
  g_assert_true (names_are (shared->agencies, "市委政法委、区委政法委、政法委"));

  /* the directory's one name for it, which is not new */
  g_assert_true (names_are (first_action (known->items, 0)->lead, "厦门市委政法委"));
  g_assert_cmpuint (known->new_agencies->len, ==, 0);

  /* a group is not the one agency its short form names */
  g_assert_true (names_are (groups->agencies, "市委政法委、各区党委政法委"));
}

/* The directory's name for a body the report writes another usual way:
 * 发改委 = 发展改革委 = 市发展和改革委员会, 市中级法院 = 市中级人民法院 */
static void
test_agency_directory_variants (void)
{
  const char *directory[] = { "厦门市发展和改革委员会", "厦门市中级人民法院",
                              "市市场监督管理局", "思明区人民法院", "湖里区人民法院",
                              "中共厦门市委政法委员会", NULL };
  g_autoptr(WpReportDraft) draft = import_with_directory (
    "2031年工作要点\n一、优化营商环境\n（一）推进法治化营商环境建设\n"
    "1.清理妨碍公平竞争的政策，由市发改委牵头。\n"
    "2.开展涉企收费检查，发展改革委负责。\n"
    "3.完善涉企案件快立快审机制，市中级法院负责。\n"
    "4.加强食品安全监管，市场监管局负责。\n"
    "5.推进诉源治理，区法院负责。\n"
    "6.健全营商环境监督机制，市委政法委牵头。\n", directory);

  g_assert_true (names_are (first_action (draft->items, 0)->lead, "厦门市发展和改革委员会"));
  g_assert_true (names_are (first_action (draft->items, 1)->lead, "厦门市发展和改革委员会"));
  g_assert_true (names_are (first_action (draft->items, 2)->lead, "厦门市中级人民法院"));
  g_assert_true (names_are (first_action (draft->items, 3)->lead, "市市场监督管理局"));
  /* two district courts fit 区法院: it stays as written, and new */
  g_assert_true (names_are (first_action (draft->items, 4)->lead, "区法院"));
  g_assert_true (names_are (first_action (draft->items, 5)->lead, "中共厦门市委政法委员会"));
  g_assert_true (names_are (draft->new_agencies, "区法院"));
}

/* The review's "new item from selection": words the importer left, made an
 * item with what they name */
static void
test_item_from_span (void)
{
  const char *text = "2026年工作要点\n一、深化平安建设\n会议还指出，市司法局负责推进法律援助扩面，"
                     "年底前覆盖率达到95%。\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(WpReportSource) source = wp_report_source_new_for_text (text, strlen (text), &error);
  WpReportOptions options = { 2026, NULL, NULL, NULL };
  const char *from = NULL;
  WpReportItem *item;

  g_assert_no_error (error);
  from = strstr (source->text, "市司法局");
  item = wp_report_item_from_span (source, (gsize) (from - source->text), source->length - 1,
                                   &options);
  g_assert_nonnull (item);
  g_assert_cmpstr (item->title, ==, "市司法局负责推进法律援助扩面，年底前覆盖率达到95%");
  g_assert_cmpuint (item->kind, ==, WP_ITEM_KIND_TASK);
  g_assert_cmpstr (g_ptr_array_index (item->lead, 0), ==, "市司法局");
  g_assert_cmpstr (item->due, ==, "2026-12-31");
  g_assert_cmpuint (item->targets->len, ==, 1);
  g_assert_cmpuint (item->start, ==, (gsize) (from - source->text));
  wp_report_item_free (item);
  /* nothing but spaces and line ends: no item */
  g_assert_null (wp_report_item_from_span (source, source->length - 1, source->length,
                                           &options));
}

/* A long report tells how far its reading is, for the review's bar: from
 * 0, never back, up to 1, many times on the way */
static void
record_progress (double   fraction,
                 gpointer data)
{
  g_array_append_val ((GArray *) data, fraction);
}

static void
test_progress_told (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "reports",
                                                 "xiamen-2025-work-report.txt", NULL);
  g_autofree char *text = NULL;
  g_autoptr(GString) long_text = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(WpReportSource) source = NULL;
  g_autoptr(WpReportDraft) draft = NULL;
  g_autoptr(GArray) told = g_array_new (FALSE, FALSE, sizeof (double));
  const char *directory[] = { "市公安局", NULL };
  WpReportOptions options = { 2025, NULL, NULL, directory, NULL, record_progress, told };

  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  /* (the report 40 times over: some 4,000 paragraphs) */
  for (int i = 0; i < 40; i++)
    g_string_append (long_text, text);
  source = wp_report_source_new_for_text (long_text->str, long_text->len, &error);
  g_assert_no_error (error);
  draft = wp_report_import (source, &options);
  g_assert_nonnull (draft);

  g_test_message ("told %u times", told->len);
  g_assert_cmpuint (told->len, >, 5);
  g_assert_cmpfloat (g_array_index (told, double, 0), ==, 0.0);
  for (guint i = 1; i < told->len; i++)
    g_assert_cmpfloat (g_array_index (told, double, i), >=, g_array_index (told, double, i - 1));
  g_assert_cmpfloat (g_array_index (told, double, told->len - 1), ==, 1.0);
}

int
main (int    argc,
      char **argv)
{
  if (argc == 3 && g_str_equal (argv[1], "--dump-paragraphs"))
    return dump_paragraphs (argv[2]);
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/report/decode", test_decode);
  g_test_add_func ("/report/bad-input", test_bad_input);
  g_test_add_func ("/report/hard-wraps", test_hard_wraps);
  g_test_add_func ("/report/run-together", test_run_together);
  g_test_add_func ("/report/numbered-and-enumerations", test_numbered_and_enumerations);
  g_test_add_func ("/report/run-in-and-owner", test_run_in_and_owner);
  g_test_add_func ("/report/noise-and-review", test_noise_and_review);
  g_test_add_func ("/report/no-structure", test_no_structure);
  g_test_add_func ("/report/agencies", test_agencies);
  g_test_add_func ("/report/json-is-interchange", test_json_is_interchange);
  g_test_add_func ("/report/quality/xiamen-2025", test_quality_xiamen_2025);
  g_test_add_func ("/report/quality/city-speeches", test_quality_city_speeches);
  g_test_add_func ("/report/quality/xiamen-2020", test_quality_xiamen_2020);
  g_test_add_func ("/report/quality/docx", test_quality_docx);
  g_test_add_func ("/report/quality/unseen", test_quality_unseen);
  g_test_add_func ("/report/quality/pdf", test_quality_pdf);
  g_test_add_func ("/report/docx/rules", test_docx_rules);
  g_test_add_func ("/report/docx/merged-table", test_docx_merged_table);
  g_test_add_func ("/report/docx/heading-styles", test_docx_heading_styles);
  g_test_add_func ("/report/docx/bad-input", test_docx_bad_input);
  g_test_add_func ("/report/docx/furniture-and-table-place", test_docx_furniture_and_table_place);
  g_test_add_func ("/report/too-large-file", test_report_too_large_file);
  g_test_add_func ("/report/pdf", test_pdf);
  g_test_add_func ("/report/pdf/font-cues", test_pdf_font_cues);
  g_test_add_func ("/report/guess-year", test_guess_year);
  g_test_add_func ("/report/agency-aliases", test_agency_aliases);
  g_test_add_func ("/report/item-from-span", test_item_from_span);
  g_test_add_func ("/report/agency-directory-variants", test_agency_directory_variants);
  g_test_add_func ("/report/progress-told", test_progress_told);
  return g_test_run ();
}
