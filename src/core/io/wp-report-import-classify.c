/* wp-report-import-classify.c: what a paragraph of a report is: a heading of
 * which level, a body, the previous year's review or the noise of a web page
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "wp-report-import-private.h"

gboolean
_wp_report_is_noise (const char *text)
{
  if (matches (REGEX ("^(?:来源|责任编辑|编辑|分享到|原文链接|打印|【字号|扫一扫|我来说两句|"
                      "点击|本报记者|记者|通讯员|图为|图片来源|编者按|【编者按】|\\|)"), text))
    return TRUE;
  if (chars (text) < 80
      && matches (REGEX ("责任编辑|来源[：:]|\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}|收藏 \\||^!\\[\\]"),
                  text))
    return TRUE;
  /* who spoke or chaired, a news report's last line */
  if (chars (text) < 60 && matches (REGEX ("在会上(?:作|讲话|发言)|作了?(?:讲话|发言)|(?:出席|主持)"
                                           "(?:会议|并讲话)|参加会议"), text))
    return TRUE;
  /* the closing demand of a 要点 or 方案 (各地各部门要对照本要点…): how to
   * carry the document out, not a piece of its work */
  if (matches (REGEX ("^(?:各|全市|全县|全区|全省|市直|县直|区直)[^。]{0,40}(?:要|须|应)"
                      "[^。]{0,12}(?:对照|结合|按照|根据)本(?:要点|方案|意见|通知|计划|安排)"), text))
    return TRUE;
  /* only page furniture: bars, image marks */
  return matches (REGEX ("^[|!\\[\\]() ]*$"), text);
}

/* The paragraph without a reporter's byline in front (厦门日报讯（记者…）)
 * and without photo captions (图为…。（…摄）). */
char *
_wp_report_strip_furniture (const char *text)
{
  g_autofree char *a = g_regex_replace (REGEX ("^\\p{Han}{0,8}讯（[^）]*）"), text, -1, 0, "", 0,
                                        NULL);
  g_autofree char *b = g_regex_replace (REGEX ("图为[^。]*。|（[^）]*摄）|（资料图[^）]*）"), a, -1, 0,
                                        "", 0, NULL);
  return g_strstrip (g_strdup (b));
}

static Style
numbered_style (const char *text,
                gsize      *number_length)
{
  static const struct { Style style; const char *pattern; } forms[] = {
    { STYLE_PART, "^第[一二三四五六七八九十]{1,3}(?:部分|篇|章)[ 、：]?" },
    { STYLE_H1, "^[一二三四五六七八九十]{1,3}、" },
    { STYLE_H2, "^（[一二三四五六七八九十]{1,3}）" },
    { STYLE_H3, "^\\d{1,2}[.．、](?!\\d)" },
    { STYLE_H4, "^（\\d{1,2}）" },
  };
  static GRegex *regexes[G_N_ELEMENTS (forms)];

  for (guint i = 0; i < G_N_ELEMENTS (forms); i++)
    {
      g_autoptr(GMatchInfo) m = NULL;
      int s, e;

      if (g_regex_match (compile (&regexes[i], forms[i].pattern), text, 0, &m))
        {
          g_match_info_fetch_pos (m, 0, &s, &e);
          *number_length = (gsize) e;
          return forms[i].style;
        }
    }
  return STYLE_NONE;
}

static gboolean
is_review_words (const char *text,
                 int         year)
{
  g_autofree char *last_year = g_strdup_printf ("%d", year - 1);

  return contains (text, "回顾") || contains (text, "成绩单") || contains (text, "工作总结")
         || contains (text, "过去一年") || contains (text, "过去的一年")
         || (contains (text, last_year)
             && matches (REGEX ("取得|成效|成绩|亮点|工作情况"), text));
}

static gboolean
is_part_heading (const char *text)
{
  return matches (REGEX ("^(?:回顾|奋进|展望|聚焦)?\\s*\\d{4}(?:年|\\s|$)|成绩单|工作回顾|总体思路|"
                         "总体要求|指导思想|工作安排$"), text)
         && chars (text) <= 20;
}

static gboolean
is_plain_heading (const char *text)
{
  const char *comma;

  if (chars (text) > HEADING_MAX_CHARS || chars (text) < 4)
    return FALSE;
  if (matches (REGEX ("[。；！？]|^[一二三四五六七八九十]是|^(?:首先|其次|要|目标|●)|[：，、]$"),
               text))
    return FALSE;
  comma = strstr (text, "，");
  return comma == NULL || strstr (comma + 1, "，") == NULL;
}

/* A whole paragraph a .docx marks as a heading: its style or font, or bold
 * throughout, and short as headings are. */
static gboolean
is_cued_heading (const Para *p)
{
  if (p->run_in > 0 || chars (p->text) > HEADING_MAX_CHARS + 8)
    return FALSE;
  return (p->cues & (WP_REPORT_CUE_HEADING | WP_REPORT_CUE_BOLD)) != 0 || p->outline_level >= 0;
}

void
_wp_report_classify (Ctx   *ctx,
                     Para  *p,
                     Para  *next)
{
  gsize number = 0;
  Style style = numbered_style (p->text, &number);

  if (style != STYLE_NONE)
    {
      const char *words = p->text + number;
      gsize len = _wp_report_sentence_length (words);
      const char *colon = strstr (words, "：");

      if (colon != NULL && (gsize) (colon - words) < len)
        len = (gsize) (colon - words) + strlen ("：");
      /* a heading that runs into its body: （一）加强…。正文 */
      if (words[len] != '\0' && chars (p->text) > HEADING_MAX_CHARS)
        {
          p->rest = g_strdup (words + len);
          p->rest_start = p->start + (gsize) (words + len - p->text);
        }
      p->title = _wp_report_strip_trailing_punctuation (g_strndup (words, len));
      g_strstrip (p->title);
      if (p->rest == NULL && chars (p->text) > HEADING_MAX_CHARS + 20 && !is_cued_heading (p))
        return;  /* a numbered paragraph, not a heading */
      p->style = style;
      if (style == STYLE_PART)
        p->review = is_review_words (p->title, ctx->options->year);
      return;
    }
  if ((p->owner = wp_report_owner_agency (p->text)) != NULL)
    {
      p->style = STYLE_SPEECH;
      p->title = g_strdup (p->text);
      return;
    }
  if (is_cued_heading (p) && !matches (REGEX ("[。；！？]."), p->text)
      && !matches (REGEX ("^[一二三四五六七八九十]是|^(?:首先|其次|再次|最后)"), p->text))
    {
      /* Word said so: a heading style or font, or bold through */
      p->title = _wp_report_strip_trailing_punctuation (g_strdup (p->text));
      if (is_part_heading (p->text))
        p->style = STYLE_PART;
      else if (p->outline_level >= 0)
        p->style = STYLE_H1 + MIN (p->outline_level, 3);
      else
        p->style = STYLE_PLAIN;
      p->review = is_review_words (p->text, ctx->options->year);
      return;
    }
  if (next == NULL || !is_plain_heading (p->text))
    return;
  p->title = g_strdup (p->text);
  if (is_part_heading (p->text))
    {
      p->style = STYLE_PART;
      p->review = is_review_words (p->text, ctx->options->year);
      return;
    }
  p->style = STYLE_PLAIN;
  p->review = is_review_words (p->text, ctx->options->year);
}
