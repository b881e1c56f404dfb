/* wp-deadline.c: parser for the deadline words planning offices write
 *
 * Task sheets rarely hold a date; they hold 年底前, 上半年, 三季度 or
 * 6月底前. The parser keeps those forms first class: the caller stores the
 * original words as the due label and the date this returns as the due date.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "wp-deadline.h"

static const char *ongoing_words[] = {
  "长期坚持", "长期", "持续推进", "持续", "常态化", "常年", "ongoing",
};

static GRegex *
get_deadline_regex (void)
{
  static GRegex *regex;

  if (g_once_init_enter (&regex))
    {
      g_autoptr(GError) error = NULL;
      GRegex *r = g_regex_new (
        "^(?:力争|争取|确保|计划|预计|于|在|截至|截止)*"
        "(?:(?<y>\\d{4})年?|(?<rel>今年|明年|次年|下一年|本年度|本年))?"
        "(?:"
          "(?<ye>年底|年末|年内|全年|年度内|年度|底|末|内)"
          "|(?<half>上半年|下半年|年中)"
          "|(?:第?(?<q>[1-4])季度|Q(?<qq>[1-4]))(?:末|底)?"
          "|(?<m>\\d{1,2})月(?:份)?(?:(?<d>\\d{1,2})[日号]|(?<me>底|末|中旬|上旬|下旬)?)"
        ")"
        "(?:前|以前|之前|止|内|为止)?(?:完成|实现|到位)?$",
        G_REGEX_OPTIMIZE, 0, &error);
      g_assert_no_error (error);
      g_once_init_leave (&regex, r);
    }

  return regex;
}

static int
cjk_digit (gunichar c)
{
  static const gunichar digits[] = { 0x96F6, 0x4E00, 0x4E8C, 0x4E09, 0x56DB, 0x4E94,
                                     0x516D, 0x4E03, 0x516B, 0x4E5D }; /* 零一二…九 */
  for (guint i = 0; i < G_N_ELEMENTS (digits); i++)
    if (digits[i] == c)
      return (int) i;
  return -1;
}

/* Value of a run of Chinese numerals up to 99 (十二, 二十, 三十一), or -1. */
static int
cjk_number_value (const gunichar *run,
                  gsize           len)
{
  int value = 0;
  int pending = -1;

  for (gsize i = 0; i < len; i++)
    {
      if (run[i] == 0x5341) /* 十 */
        {
          value += (pending < 0 ? 1 : pending) * 10;
          pending = -1;
        }
      else
        {
          int d = cjk_digit (run[i]);
          if (d < 0 || pending >= 0)
            return -1;
          pending = d;
        }
    }

  return value + (pending < 0 ? 0 : pending);
}

/* Drops spaces, maps full-width digits to ASCII and Chinese numerals in
 * front of 月, 日, 号 or 季 to Arabic digits. */
static char *
normalize (const char *text)
{
  g_autofree gunichar *chars = g_utf8_to_ucs4 (text, -1, NULL, NULL, NULL);
  GString *out = g_string_new (NULL);

  if (chars == NULL)
    return g_string_free (out, FALSE);

  for (gsize i = 0; chars[i] != 0; )
    {
      gunichar c = chars[i];
      gsize run = 0;

      while (chars[i + run] != 0 && (cjk_digit (chars[i + run]) >= 0 || chars[i + run] == 0x5341))
        run++;

      if (run > 0)
        {
          gunichar next = chars[i + run];
          int value = cjk_number_value (&chars[i], run);

          /* 月 日 号 季 */
          if (value >= 0 && (next == 0x6708 || next == 0x65E5 || next == 0x53F7 || next == 0x5B63))
            g_string_append_printf (out, "%d", value);
          else
            for (gsize k = 0; k < run; k++)
              g_string_append_unichar (out, chars[i + k]);
          i += run;
          continue;
        }

      if (c >= 0xFF10 && c <= 0xFF19)
        g_string_append_c (out, (char) ('0' + (c - 0xFF10)));
      else if (!g_unichar_isspace (c) && c != 0x3000)
        g_string_append_unichar (out, c);
      i++;
    }

  return g_string_free (out, FALSE);
}

static int
fetch_int (GMatchInfo *match,
           const char *name)
{
  g_autofree char *s = g_match_info_fetch_named (match, name);

  if (s == NULL || s[0] == '\0')
    return -1;
  return (int) g_ascii_strtoll (s, NULL, 10);
}

static gboolean
fetch_is_set (GMatchInfo *match,
              const char *name)
{
  g_autofree char *s = g_match_info_fetch_named (match, name);
  return s != NULL && s[0] != '\0';
}

static gboolean
set_date (WpDeadline *out,
          int         year,
          int         month,
          int         day)
{
  if (month < 1 || month > 12 || year < 1 || year > 9999)
    return FALSE;
  if (day == 0)
    day = g_date_get_days_in_month ((GDateMonth) month, (GDateYear) year);
  if (!g_date_valid_dmy ((GDateDay) day, (GDateMonth) month, (GDateYear) year))
    return FALSE;
  g_date_set_dmy (&out->date, (GDateDay) day, (GDateMonth) month, (GDateYear) year);
  return TRUE;
}

static gboolean
parse_iso (const char *text,
           WpDeadline *out)
{
  int y, m, d;
  char sep1, sep2;
  int consumed = 0;

  /* Day 0 is set_date()'s end of the month, which a date never means */
  if (sscanf (text, "%4d%c%2d%c%2d%n", &y, &sep1, &m, &sep2, &d, &consumed) == 5
      && text[consumed] == '\0'
      && sep1 == sep2 && strchr ("-/.", sep1) != NULL && d >= 1)
    return set_date (out, y, m, d);

  return FALSE;
}

/**
 * wp_deadline_parse:
 * @text: the deadline as written, e.g. "上半年", "6月底前", "2025-06-30"
 * @plan_year: the year the plan is for, used where @text names no year
 * @out: (out caller-allocates): the result
 *
 * Returns: %TRUE if @text was understood; @out then holds a date or is ongoing.
 */
gboolean
wp_deadline_parse (const char *text,
                   int         plan_year,
                   WpDeadline *out)
{
  g_autofree char *norm = NULL;
  g_autoptr(GMatchInfo) match = NULL;
  int year = plan_year;

  g_return_val_if_fail (out != NULL, FALSE);

  g_date_clear (&out->date, 1);
  out->ongoing = FALSE;

  if (text == NULL || !g_utf8_validate (text, -1, NULL))
    return FALSE;

  norm = normalize (text);
  if (norm[0] == '\0')
    return FALSE;

  if (parse_iso (norm, out))
    return TRUE;

  if (g_regex_match (get_deadline_regex (), norm, 0, &match))
    {
      g_autofree char *rel = g_match_info_fetch_named (match, "rel");
      g_autofree char *half = g_match_info_fetch_named (match, "half");
      int y = fetch_int (match, "y");
      int q = fetch_int (match, "q") > 0 ? fetch_int (match, "q") : fetch_int (match, "qq");
      int m = fetch_int (match, "m");
      int d = fetch_int (match, "d");

      if (y > 0)
        year = y;
      else if (rel != NULL && (g_str_equal (rel, "明年") || g_str_equal (rel, "次年")
                               || g_str_equal (rel, "下一年")))
        /* No overflow past G_MAXINT: any year after 9999 is refused */
        year = MIN (plan_year, 9999) + 1;

      if (fetch_is_set (match, "ye"))
        return set_date (out, year, 12, 31);
      if (half != NULL && half[0] != '\0')
        return set_date (out, year, g_str_equal (half, "下半年") ? 12 : 6, 0);
      if (q > 0)
        return set_date (out, year, q * 3, 0);
      if (m > 0)
        {
          g_autofree char *me = g_match_info_fetch_named (match, "me");

          if (d > 0)
            return set_date (out, year, m, d);
          if (me != NULL && g_str_equal (me, "上旬"))
            return set_date (out, year, m, 10);
          if (me != NULL && g_str_equal (me, "中旬"))
            return set_date (out, year, m, 20);
          return set_date (out, year, m, 0);
        }
    }

  for (guint i = 0; i < G_N_ELEMENTS (ongoing_words); i++)
    {
      if (strstr (norm, ongoing_words[i]) != NULL)
        {
          out->ongoing = TRUE;
          return TRUE;
        }
    }

  return FALSE;
}

int
wp_deadline_quarter (const GDate *date)
{
  g_return_val_if_fail (date != NULL && g_date_valid (date), 0);
  return (g_date_get_month (date) - 1) / 3 + 1;
}

char *
wp_date_to_iso (const GDate *date)
{
  if (date == NULL || !g_date_valid (date))
    return NULL;
  return g_strdup_printf ("%04u-%02u-%02u", g_date_get_year (date),
                          g_date_get_month (date), g_date_get_day (date));
}

gboolean
wp_date_from_iso (const char *iso,
                  GDate      *date)
{
  WpDeadline d;

  g_date_clear (date, 1);
  /* The stored form, read for every item of a plan: no scanf. */
  if (iso != NULL && strlen (iso) == 10 && iso[4] == '-' && iso[7] == '-'
      && g_ascii_isdigit (iso[0]) && g_ascii_isdigit (iso[1]) && g_ascii_isdigit (iso[2])
      && g_ascii_isdigit (iso[3]) && g_ascii_isdigit (iso[5]) && g_ascii_isdigit (iso[6])
      && g_ascii_isdigit (iso[8]) && g_ascii_isdigit (iso[9]))
    {
      int y = (iso[0] - '0') * 1000 + (iso[1] - '0') * 100 + (iso[2] - '0') * 10 + (iso[3] - '0');
      int m = (iso[5] - '0') * 10 + (iso[6] - '0');
      int day = (iso[8] - '0') * 10 + (iso[9] - '0');

      if (!g_date_valid_dmy ((GDateDay) day, (GDateMonth) m, (GDateYear) y))
        return FALSE;
      g_date_set_dmy (date, (GDateDay) day, (GDateMonth) m, (GDateYear) y);
      return TRUE;
    }
  if (iso == NULL || strchr (iso, '-') == NULL || !parse_iso (iso, &d))
    return FALSE;
  *date = d.date;
  return TRUE;
}

/* The date as the user's locale writes it: 2025年6月30日 in zh_CN. */
char *
wp_date_format_display (const GDate *date)
{
  if (date == NULL || !g_date_valid (date))
    return g_strdup ("");
  /* Translators: a full date; %1$u is the year, %2$u the month, %3$u the day.
   * Reorder as your language writes dates, e.g. "%1$u年%2$u月%3$u日". */
  return g_strdup_printf (_("%3$u/%2$u/%1$u"), g_date_get_year (date),
                          g_date_get_month (date), g_date_get_day (date));
}

/**
 * wp_date_get_reference:
 * @date: (out): where to put the day
 *
 * The day the app and every command judge deadlines on unless told
 * another: today, or the day WORKPLAN_TODAY=YYYY-MM-DD pins (for tests,
 * and for the demo plan, a 2025 plan shown as it stood in mid-2025). One
 * rule, so that `workplan summary` and the window agree.
 */
void
wp_date_get_reference (GDate *date)
{
  const char *pinned = g_getenv ("WORKPLAN_TODAY");
  g_autoptr(GDateTime) now = NULL;

  if (pinned != NULL && wp_date_from_iso (pinned, date))
    return;
  now = g_date_time_new_now_local ();
  g_date_clear (date, 1);
  g_date_set_dmy (date, (GDateDay) g_date_time_get_day_of_month (now),
                  (GDateMonth) g_date_time_get_month (now),
                  (GDateYear) g_date_time_get_year (now));
}
