/* wp-report-import-agencies.c: the agencies, deadlines and targets an item's
 * words name, and one agency written two ways in one report
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "wp-deadline.h"
#include "wp-report-import-private.h"

/* ------------------------------------------------------------------ */
/* Agencies                                                            */

static const char *const known_agencies[] = {
  "市委", "市政府", "市人大", "市政协", "区委", "区政府", "县委", "县政府",
  "中央政法委", "省委政法委", "市委政法委", "区委政法委", "县委政法委", "政法委",
  "国家发改委", "国家发展改革委", "国务院", "最高人民法院", "最高人民检察院", "公安部",
  "司法部", "国家安全部", "中组部", "中宣部", "中央网信办", "国家禁毒委",
  "市纪委监委", "市委组织部", "市委宣传部", "市委统战部", "市委网信办", "市委编办",
  "市委依法治市办", "市平安办", "市综治中心", "市信访局", "市国家安全局",
  "市中级人民法院", "市中级法院", "市人民检察院", "市检察院", "海事法院",
  "市公安局", "市司法局", "市教育局", "市民政局", "市财政局", "市人社局",
  "市发改委", "市发展改革委", "市发展和改革委员会", "市工信局", "市自然资源局",
  "市生态环境局", "市住建局", "市交通运输局", "市水利局", "市农业农村局", "市商务局",
  "市文旅局", "市卫健委", "市应急管理局", "市应急局", "市市场监管局", "市国资委",
  "市税务局", "市消防救援支队", "市总工会", "团市委", "市妇联", "市法学会",
  "市律师协会", "市仲裁委", "市法律援助中心", "国际商事法庭",
  NULL
};

/* What an agency's name ends with, longest first where one ends another. */
#define AGENCY_CORES \
  "党委政法委|政法委员会|政法委|中级人民法院|中级法院|人民法院|海事法院|法院|" \
  "人民检察院|检察院|公安分局|公安局|派出所|司法局|司法所|国家安全局|信访局|" \
  "公安机关|检察机关|审判机关|政法机关|司法行政机关|政法单位|政法部门|" \
  "综治中心|平安办|依法治市办|网信办|编办|宣传部|组织部|统战部|" \
  "发展和改革委员会|发展改革委|发改委|教育局|民政局|财政局|人社局|自然资源局|" \
  "生态环境局|住建局|交通运输局|交通局|水利局|农业农村局|商务局|文旅局|卫健委|" \
  "应急管理局|应急局|市场监管局|国资委|税务局|海关|消防救援支队|交警支队|" \
  "总工会|妇联|团委|法学会|律师协会|仲裁委|法律援助中心|公证处|纪委监委|监委|纪委|" \
  "纪委监委派驻纪检监察组|纪委监委派驻纪检组|派驻纪检监察组|派驻纪检组|纪检监察组"

static gboolean
is_fragment (const char *name)
{
  /* words that belong to a clause, never to an agency's name */
  return matches (REGEX ("[的和与及要在将等把从向为对了是这其、，。；：“”《》]|工作|建设|推进|"
                         "加强|开展|会议|进一步|全面|深化|持续|召开|提出|坚持|领导|系统"),
                  name);
}

static char *known_form (const char *name);

static gboolean
directory_has_core (const char **directory,
                    const char  *core)
{
  g_autofree char *known = NULL;

  /* (法院, 检察院, 公安机关 alone are words for any of them) */
  if (directory == NULL || directory[0] == NULL || g_str_has_suffix (core, "法院")
      || g_str_has_suffix (core, "检察院") || g_str_has_suffix (core, "机关"))
    return FALSE;
  known = known_form (core);
  for (guint i = 0; directory[i] != NULL; i++)
    {
      g_autofree char *d = known_form (directory[i]);
      if (g_str_has_suffix (d, known))
        return TRUE;
    }
  return FALSE;
}

/**
 * wp_report_is_agency:
 *
 * Whether @name is an agency's name: in @directory, in the built-in list,
 * or a place and level followed by what agencies' names end with
 * (厦门市委政法委, 各区党委政法委, 全市检察机关, 市文旅局).
 */
gboolean
wp_report_is_agency (const char  *name,
                     const char **directory)
{
  glong n = chars (name);
  const char *last;

  if (n < 2 || n > AGENCY_MAX_CHARS)
    return FALSE;
  /* most candidates are a clause's words: what no agency's name ends with
   * is refused before any pattern runs (a 5 MB report tries millions) */
  for (guint i = 0; directory != NULL && directory[i] != NULL; i++)
    if (g_str_equal (directory[i], name))
      return TRUE;
  last = g_utf8_find_prev_char (name, name + strlen (name));
  if (strstr ("委办局院厅队心部所关位门会联处庭府协大室组", last) == NULL)
    return FALSE;
  for (guint i = 0; known_agencies[i] != NULL; i++)
    if (g_str_equal (known_agencies[i], name))
      return TRUE;
  if (contains (name, "政法委员") && !g_str_has_suffix (name, "委员会"))
    return FALSE;
  /* a post (县委常委), not the body */
  if (g_str_has_suffix (name, "常委"))
    return FALSE;

  if (matches (REGEX ("^(?:\\p{Han}{2,4}?(?:省|自治区))?(?:\\p{Han}{2,3}?(?:市|州|盟))?"
                      "(?:\\p{Han}{2,3}?(?:区|县|旗))?"
                      "(?:全市|全省|全区|全县|各区|各县|各市|各级|各地|各|市|区|县|省)?"
                      "(?:委|党委)?(?:" AGENCY_CORES ")$"),
               name))
    {
      /* the core alone (法院) is a word, not an agency, unless the
       * directory has a body it is the short name of (发改委) */
      return !matches (REGEX ("^(?:" AGENCY_CORES ")$"), name)
             || g_str_equal (name, "政法委") || directory_has_core (directory, name);
    }
  /* a place's bureau the list does not know: 市城管局, 区行政服务中心 */
  if (matches (REGEX ("^(?:\\p{Han}{2,3}?(?:市|区|县))?(?:市|区|县|省)(?:委)?"
                      "\\p{Han}{1,6}(?:局|委员会|委|办公室|办|厅|中心|支队|大队)$"), name))
    return !is_fragment (name);
  return FALSE;
}

/* The longest agency name @text ends with */
static char *
agency_at_end (const char  *text,
               const char **directory)
{
  glong n = chars (text);

  for (glong k = MIN (n, AGENCY_MAX_CHARS); k >= 2; k--)
    {
      const char *start = g_utf8_offset_to_pointer (text, n - k);
      if (wp_report_is_agency (start, directory))
        return g_strdup (start);
    }
  return NULL;
}

/* The longest agency name @text starts with */
static char *
agency_at_start (const char  *text,
                 const char **directory)
{
  glong n = chars (text);

  for (glong k = MIN (n, AGENCY_MAX_CHARS); k >= 2; k--)
    {
      g_autofree char *prefix = g_utf8_substring (text, 0, k);
      if (wp_report_is_agency (prefix, directory))
        return g_steal_pointer (&prefix);
    }
  return NULL;
}

void
_wp_report_add_name (GPtrArray  *names,
                     const char *name)
{
  for (guint i = 0; i < names->len; i++)
    if (g_str_equal (g_ptr_array_index (names, i), name))
      return;
  g_ptr_array_add (names, g_strdup (name));
}

/* A list of agencies (X、Y、Z) ending where @end is in @text */
static void
add_list_before (const char  *text,
                 const char  *end,
                 const char **directory,
                 GPtrArray   *first,
                 GPtrArray   *others)
{
  /* (X要牵头…, X将负责…: the list ends before its modal) */
  g_autofree char *before = g_regex_replace (REGEX ("(?:要|将|应|须|具体|共同|统一)+$"),
                                             text, end - text, 0, "", 0, NULL);
  g_auto(GStrv) parts = NULL;
  const char *from = before;
  guint n;

  /* the clause the list is in */
  for (const char *p = before; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      if (c == 0x3002 || c == 0xFF0C || c == 0xFF1B || c == 0xFF1A || c == 0xFF08
          || c == 0x201C || c == 0x201D)
        from = g_utf8_next_char (p);
    }
  if (g_str_has_prefix (from, "由"))
    from += strlen ("由");
  parts = g_strsplit (from, "、", -1);
  n = g_strv_length (parts);
  for (guint i = 0; i < n; i++)
    {
      /* the first name may follow other words of its clause */
      g_autofree char *name = i == 0 ? agency_at_end (parts[i], directory)
                                     : (wp_report_is_agency (parts[i], directory)
                                        ? g_strdup (parts[i]) : NULL);
      if (name == NULL)
        {
          if (i == 0)
            continue;
          break;
        }
      _wp_report_add_name (i == 0 || others == NULL ? first : others, name);
    }
}

/* The names of a 牵头单位/责任单位 list, up to its ； or the bracket that
 * holds it; a bracket inside a name is the name's (各县（市、区）人民政府). */
static GStrv
split_name_list (const char *list)
{
  GPtrArray *names = g_ptr_array_new ();
  GString *name = g_string_new (NULL);
  int depth = 0;

  for (const char *p = list; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == 0xFF08 || c == '(')
        depth++;
      else if ((c == 0xFF09 || c == ')') && depth-- == 0)
        break;
      else if (depth == 0 && (c == 0xFF1B || c == ';' || c == '\n' || c == 0x3002))
        break;
      if (depth == 0 && (c == 0x3001 || c == 0xFF0C || c == ','))
        {
          g_ptr_array_add (names, g_string_free (g_steal_pointer (&name), FALSE));
          name = g_string_new (NULL);
          continue;
        }
      g_string_append_unichar (name, c);
    }
  g_ptr_array_add (names, g_string_free (name, FALSE));
  g_ptr_array_add (names, NULL);
  return (GStrv) g_ptr_array_free (names, FALSE);
}

/* A listed name that is a clause's words, its brackets aside */
static gboolean
is_listed_fragment (const char *name)
{
  g_autofree char *bare = g_regex_replace (REGEX ("（[^（）]*）|\\([^()]*\\)"), name, -1, 0, "",
                                           0, NULL);

  return bare == NULL || bare[0] == '\0' || is_fragment (bare);
}

/* The agencies @clause opens with (市公安局…, 县法院、县检察院…, 由X…),
 * added to @lead when what follows is their work: with @need_order only
 * when they are given it (要…, 负责…) or speak for the whole system */
static void
read_subject (const char  *clause,
              const char **directory,
              gboolean     need_order,
              GPtrArray   *lead)
{
  const char *from = g_str_has_prefix (clause, "由") ? clause + strlen ("由") : clause;
  g_autofree char *name = agency_at_start (from, directory);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *next = name != NULL ? from + strlen (name) : NULL;

  /* 县法院、县检察院要…: a list of them opens the clause */
  while (next != NULL && g_str_has_prefix (next, "、"))
    {
      g_autofree char *another = agency_at_start (next + strlen ("、"), directory);

      if (another == NULL)
        break;
      g_ptr_array_add (names, g_strdup (name));
      g_free (name);
      name = g_steal_pointer (&another);
      next += strlen ("、") + strlen (name);
    }
  if (name == NULL)
    return;
  /* a name, then its verb: not the first words of a longer noun */
  if (*next && !g_str_has_prefix (next, "的") && !g_str_has_prefix (next, "和")
      && !g_str_has_prefix (next, "、") && !g_str_has_prefix (next, "与")
      /* 市公安局集美分局…: a unit inside it, someone's address */
      && !matches (REGEX ("^\\p{Han}{0,6}?(?:分局|派出所|支队|大队|法庭|检察室)"), next)
      && (!need_order
          || matches (REGEX ("^(?:要|将|应|须|必须|需|负责|牵头|会同|承担|统筹)"), next)
          /* the whole system (全市政法机关) speaks for the work */
          || matches (REGEX ("^[全各]|(?:机关|系统|部门)$"), name)))
    {
      for (guint i = 0; i < names->len; i++)
        _wp_report_add_name (lead, g_ptr_array_index (names, i));
      _wp_report_add_name (lead, name);
    }
}

/**
 * wp_report_find_agencies:
 *
 * Adds to @lead and @co the agencies @text names for its work: the forms
 * “X牵头”, “X负责”, “由X…”, “X会同Y”, “X、Y等部门”, “（牵头单位：X；责任单位：
 * Y、Z）” and a clause opening with an agency (“市公安局要…”).
 */
void
wp_report_find_agencies (const char  *text,
                         const char **directory,
                         GPtrArray   *lead,
                         GPtrArray   *co)
{
  g_autoptr(GMatchInfo) m = NULL;
  static const char *const lead_words[] = { "牵头", "负责", "为主", "主抓" };

  /* (牵头单位：X；责任单位：Y、Z), 责任单位：Y */
  g_regex_match (REGEX ("(牵头单位|责任单位|配合单位|协办单位|参与单位)[：:]"), text, 0, &m);
  for (; g_match_info_matches (m); g_match_info_next (m, NULL))
    {
      g_autofree char *role = g_match_info_fetch (m, 1);
      int start, end;
      g_auto(GStrv) names = NULL;
      gboolean leading = g_str_equal (role, "牵头单位")
                         || (g_str_equal (role, "责任单位") && !contains (text, "牵头单位"));

      g_match_info_fetch_pos (m, 0, &start, &end);
      names = split_name_list (text + end);
      for (guint i = 0; names[i]; i++)
        {
          g_strstrip (names[i]);
          if (names[i][0] && chars (names[i]) <= AGENCY_MAX_CHARS
              && !is_listed_fragment (names[i]))
            _wp_report_add_name (leading && (i == 0 || g_str_equal (role, "牵头单位")) ? lead : co,
                                 names[i]);
        }
    }
  if (lead->len > 0)
    return;

  for (guint w = 0; w < G_N_ELEMENTS (lead_words); w++)
    for (const char *p = strstr (text, lead_words[w]); p; p = strstr (p + 1, lead_words[w]))
      add_list_before (text, p, directory, lead, co);

  /* X会同Y: X leads, Y supports */
  for (const char *p = strstr (text, "会同"); p; p = strstr (p + 1, "会同"))
    {
      g_autofree char *after = agency_at_start (p + strlen ("会同"), directory);
      add_list_before (text, p, directory, lead, NULL);
      if (after != NULL)
        _wp_report_add_name (co, after);
    }
  /* X、Y等部门 */
  for (const char *p = strstr (text, "等部门"); p; p = strstr (p + 1, "等部门"))
    add_list_before (text, p, directory, lead->len ? co : lead, co);
  /* a lead named again in a list of 等部门 is still the lead */
  for (guint i = co->len; i > 0; i--)
    for (guint k = 0; k < lead->len; k++)
      if (g_str_equal (g_ptr_array_index (co, i - 1), g_ptr_array_index (lead, k)))
        {
          g_ptr_array_remove_index (co, i - 1);
          break;
        }
  if (lead->len > 0)
    return;

  /* a clause that opens with its agency: 由X…, 市公安局要…, 全市检察机关…
   * The first sentence's actor is the work's; one unit opening a later
   * sentence, or a clause after a comma, leads only when given the work
   * (要…, 负责…): otherwise it is that unit's part told in passing
   * (…。市中级法院成立诉非联动中心). */
  {
    const char *s = text;
    gboolean first_sentence = TRUE;

    while (*s)
      {
        gsize len = _wp_report_sentence_length (s);

        read_subject (s, directory, !first_sentence, lead);
        /* …，市国家安全局、市公安局要加强…: a later clause's */
        for (const char *c = strstr (s, "，"); c != NULL && c < s + len;
             c = strstr (c + strlen ("，"), "，"))
          {
            const char *clause = c + strlen ("，");
            gssize reach = MIN (s + len - clause, AGENCY_MAX_CHARS * 2 * 3);
            const char *stop = g_strstr_len (clause, reach, "，");

            /* (a quick look for the order first, within the clause: most
             * clauses have none) */
            if (stop != NULL)
              reach = stop - clause;
            if (g_strstr_len (clause, reach, "要") != NULL
                || g_strstr_len (clause, reach, "负责") != NULL
                || g_strstr_len (clause, reach, "牵头") != NULL)
              read_subject (clause, directory, TRUE, lead);
          }
        /* (clauses up to the first full stop are its first sentence's) */
        first_sentence = first_sentence && len >= strlen ("；")
                         && g_str_has_prefix (s + len - strlen ("；"), "；");
        s += len;
      }
  }
}

/**
 * wp_report_owner_agency:
 *
 * The agency of a speaker's line such as “刘宏 辽宁省大连市委常委、政法委书记”
 * (大连市委政法委) or “高山 江苏省南通市副市长、公安局局长” (南通市公安局).
 *
 * Returns: (transfer full) (nullable): the agency, or %NULL if @line is no
 *   speaker's line
 */
char *
wp_report_owner_agency (const char *line)
{
  g_autoptr(GMatchInfo) m = NULL;
  g_autofree char *place = NULL;
  g_autofree char *rest = NULL;
  g_auto(GStrv) parts = NULL;
  char *best = NULL;

  if (!g_regex_match (REGEX ("^\\p{Han}{2,4} (?:\\p{Han}{2,4}?(?:省|自治区))?"
                             "(\\p{Han}{2,3}?(?:市|州|县|区))?(\\p{Han}[\\p{Han}、]{1,30}"
                             "(?:书记|局长|院长|检察长|主任|市长|厅长|部长|委员|处长|政委|"
                             "区长|县长|庭长|所长|队长|署长))$"), line, 0, &m))
    return NULL;
  place = g_match_info_fetch (m, 1);
  rest = g_match_info_fetch (m, 2);
  parts = g_strsplit (rest, "、", -1);
  for (guint i = 0; parts[i]; i++)
    {
      g_autofree char *org = NULL;
      g_autoptr(GMatchInfo) t = NULL;

      if (!g_regex_match (REGEX ("^(.*?)(?:党组书记|党组副书记|党委书记|党委副书记|副书记|书记|"
                                 "常委|副局长|局长|副院长|院长|检察长|副检察长|副主任|主任|"
                                 "副市长|市长|厅长|副厅长|部长|副部长|委员|政委|处长|区长|"
                                 "县长|庭长|所长|队长|署长)$"), parts[i], 0, &t))
        continue;
      org = g_match_info_fetch (t, 1);
      if (org[0] == '\0' || g_str_equal (org, "委") || g_str_equal (org, "市委"))
        continue;
      g_free (best);
      /* 市委常委、政法委书记: the committee's 政法委 */
      if (g_str_equal (org, "政法委") && place[0] != '\0')
        best = g_strconcat (place, "委政法委", NULL);
      else
        best = g_strconcat (place, org, NULL);
    }
  return best;
}

/* ------------------------------------------------------------------ */
/* Deadlines and targets                                               */

void
_wp_report_find_deadline (WpReportItem *item,
                          const char   *text,
                          int           year)
{
  g_autoptr(GMatchInfo) m = NULL;
  GDate latest;

  g_date_clear (&latest, 1);
  g_regex_match (REGEX ("(?:力争|争取|确保)?(?:今年|明年|次年|本年|\\d{4}年)?"
                        "(?:上半年|下半年|年中|年底前|年底|年末前|年内|"
                        "第?[一二三四1-4]季度(?:末|底)?前?|"
                        "(?:\\d{1,2}|十[一二]?|[一二三四五六七八九])月(?:份)?"
                        "(?:底前|末前|底|末|上旬|中旬|下旬|\\d{1,2}[日号]前|前))"
                        "|长期坚持"),
                 text, 0, &m);
  for (; g_match_info_matches (m); g_match_info_next (m, NULL))
    {
      g_autofree char *words = g_match_info_fetch (m, 0);
      WpDeadline d;

      if (!wp_deadline_parse (words, year, &d))
        continue;
      if (d.ongoing && !g_date_valid (&latest))
        {
          item->ongoing = TRUE;
          g_free (item->due_label);
          item->due_label = g_steal_pointer (&words);
          continue;
        }
      if (g_date_valid (&d.date) && (!g_date_valid (&latest) || g_date_compare (&d.date, &latest) >= 0))
        {
          latest = d.date;
          g_free (item->due);
          item->due = wp_date_to_iso (&d.date);
          g_free (item->due_label);
          item->due_label = g_steal_pointer (&words);
          item->ongoing = FALSE;
        }
    }
}

void
_wp_report_find_targets (WpReportItem *item,
                         const char   *text)
{
  g_autoptr(GMatchInfo) m = NULL;

  /* 安全感率保持99%以上, 完成45个镇(街)综治中心: the clause is the label */
  g_regex_match (REGEX ("([^，。；：、]{0,24}?)(\\d+(?:\\.\\d+)?)(%|个百分点|个|项|家|件|人|所)"
                        "([^，。；、]{0,16})"), text, 0, &m);
  for (; g_match_info_matches (m); g_match_info_next (m, NULL))
    {
      g_autofree char *before = g_match_info_fetch (m, 1);
      g_autofree char *number = g_match_info_fetch (m, 2);
      g_autofree char *unit = g_match_info_fetch (m, 3);
      g_autofree char *after = g_match_info_fetch (m, 4);
      WpTarget *t;

      /* a count is a target only when the clause says to reach it */
      if (!g_str_equal (unit, "%") && !g_str_equal (unit, "个百分点")
          && !g_str_has_suffix (before, "完成") && !g_str_has_suffix (before, "达到")
          && !g_str_has_suffix (before, "建成") && !g_str_has_suffix (before, "新增"))
        continue;
      t = g_new0 (WpTarget, 1);
      t->label = g_strstrip (g_strconcat (before, after, NULL));
      t->unit = g_strdup (unit);
      t->target = g_ascii_strtod (number, NULL);
      t->has_target = TRUE;
      g_ptr_array_add (item->targets, t);
    }
}

/* ------------------------------------------------------------------ */
/* Aliases: one agency written two ways in one report                  */

/* Groups, not one agency: 全市公安机关 is never 市公安局 */
static gboolean
is_collective (const char *core)
{
  return g_str_has_suffix (core, "机关") || g_str_has_suffix (core, "单位")
         || g_str_has_suffix (core, "部门");
}

/* What @name is called without its place (市公安局 → 公安局, 市委政法委 →
 * 政法委), or NULL: a name with no place, or a group (各区党委政法委) */
static const char *
short_form (const char *name)
{
  g_autoptr(GMatchInfo) m = NULL;
  int start = 0, end = 0;

  if (g_str_has_prefix (name, "各") || g_str_has_prefix (name, "全"))
    return NULL;
  if (!g_regex_match (REGEX ("^(?:\\p{Han}{1,4}?(?:省|自治区|市|州|盟|区|县|旗))?"
                             "(?:市|区|县|省)?(?:委|党委)?(" AGENCY_CORES ")$"),
                      name, 0, &m))
    return NULL;
  g_match_info_fetch_pos (m, 1, &start, &end);
  if (start <= 0 || is_collective (name + start))
    return NULL;
  return name + start;
}

/* short form → the one name it stands for; a short form two names share
 * (市公安局, 区公安局) stands for neither and is left out */
void
_wp_report_add_aliases (GHashTable        *aliases,
                        const char *const *names,
                        guint              n)
{
  g_autoptr(GHashTable) found = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  GHashTableIter iter;
  gpointer key, value;

  for (guint i = 0; i < n && names[i] != NULL; i++)
    {
      const char *s = short_form (names[i]);
      const char *seen;

      if (s == NULL)
        continue;
      seen = g_hash_table_lookup (found, s);
      if (seen == NULL)
        g_hash_table_insert (found, g_strdup (s), g_strdup (names[i]));
      else if (!g_str_equal (seen, names[i]))
        g_hash_table_insert (found, g_strdup (s), g_strdup (""));
    }
  /* (the report's own names first: the directory only fills the gaps) */
  g_hash_table_iter_init (&iter, found);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (((char *) value)[0] != '\0' && !g_hash_table_contains (aliases, key))
      g_hash_table_insert (aliases, g_strdup (key), g_strdup (value));
}

guint
_wp_report_count_in (const char *text,
                     const char *word)
{
  guint n = 0;
  gsize length = strlen (word);

  for (const char *p = strstr (text, word); p != NULL; p = strstr (p + length, word))
    n++;
  return n;
}

void
_wp_report_rename_names (GPtrArray  *names,
                         GHashTable *aliases,
                         GPtrArray  *taken)
{
  for (guint i = 0; i < names->len;)
    {
      char **name = (char **) &g_ptr_array_index (names, i);
      const char *whole = g_hash_table_lookup (aliases, *name);
      gboolean twice = FALSE;

      if (whole != NULL)
        {
          g_free (*name);
          *name = g_strdup (whole);
        }
      for (guint k = 0; k < i && !twice; k++)
        twice = g_str_equal (g_ptr_array_index (names, k), *name);
      for (guint k = 0; taken != NULL && k < taken->len && !twice; k++)
        twice = g_str_equal (g_ptr_array_index (taken, k), *name);
      if (twice)
        g_ptr_array_remove_index (names, i);
      else
        i++;
    }
}

void
_wp_report_rename_agencies (GPtrArray  *items,
                            GHashTable *aliases)
{
  for (guint i = 0; i < items->len; i++)
    {
      WpReportItem *item = g_ptr_array_index (items, i);

      _wp_report_rename_names (item->lead, aliases, NULL);
      _wp_report_rename_names (item->co, aliases, item->lead);
      _wp_report_rename_agencies (item->children, aliases);
    }
}

gboolean
_wp_report_in_directory (const char  *name,
                         const char **directory)
{
  for (guint i = 0; directory != NULL && directory[i] != NULL; i++)
    if (g_str_equal (directory[i], name))
      return TRUE;
  return FALSE;
}

/* The ways offices write one body's name, each with the short form it is
 * known by: 发展和改革委员会 = 发展改革委 = 发改委. Longest first where one
 * ends another. */
static const struct { const char *written; const char *known_as; } name_variants[] = {
  { "发展和改革委员会", "发改委" }, { "发展改革委员会", "发改委" }, { "发展改革委", "发改委" },
  { "中级人民法院", "中级法院" }, { "人民法院", "法院" }, { "人民检察院", "检察院" },
  { "人力资源和社会保障局", "人社局" }, { "人力资源社会保障局", "人社局" },
  { "住房和城乡建设局", "住建局" }, { "住房城乡建设局", "住建局" },
  { "文化和旅游局", "文旅局" }, { "文化旅游局", "文旅局" },
  { "工业和信息化局", "工信局" }, { "工业信息化局", "工信局" },
  { "市场监督管理局", "市场监管局" }, { "卫生健康委员会", "卫健委" }, { "卫生健康委", "卫健委" },
  { "应急管理局", "应急局" }, { "交通运输局", "交通局" },
  { "国有资产监督管理委员会", "国资委" }, { "政法委员会", "政法委" },
  { "网络安全和信息化委员会办公室", "网信办" }, { "机构编制委员会办公室", "编办" },
  { "全面依法治市委员会办公室", "依法治市办" }, { "纪律检查委员会", "纪委" },
};

/* @name in its shortest usual form: 中共厦门市委政法委员会 → 厦门市委政法委 */
static char *
known_form (const char *name)
{
  const char *s = g_str_has_prefix (name, "中共") ? name + strlen ("中共") : name;

  for (guint i = 0; i < G_N_ELEMENTS (name_variants); i++)
    if (g_str_has_suffix (s, name_variants[i].written))
      {
        gsize keep = strlen (s) - strlen (name_variants[i].written);
        g_autofree char *place = g_strndup (s, keep);

        return g_strconcat (place, name_variants[i].known_as, NULL);
      }
  return g_strdup (s);
}

/* The place a name is written with (厦门市, 市, 区), or "" */
static char *
place_of (const char *known)
{
  const char *core = short_form (known);

  return core != NULL ? g_strndup (known, (gsize) (core - known)) : g_strdup ("");
}

/* report name → the directory's name for the same body, written another
 * way (市发改委 for 厦门市发展和改革委员会): the same short form, the same or
 * a shorter form of the place, and the only directory name that fits */
GHashTable *
_wp_report_directory_variants (GPtrArray   *names,
                               const char **directory)
{
  GHashTable *variants = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  for (guint i = 0; i < names->len; i++)
    {
      const char *name = g_ptr_array_index (names, i);
      g_autofree char *known = known_form (name);
      g_autofree char *place = place_of (known);
      const char *core = short_form (known) != NULL ? short_form (known) : known;
      const char *found = NULL;
      guint n_found = 0;

      if (_wp_report_in_directory (name, directory) || g_str_has_prefix (name, "各")
          || g_str_has_prefix (name, "全"))
        continue;
      for (guint k = 0; directory[k] != NULL; k++)
        {
          g_autofree char *d_known = known_form (directory[k]);
          g_autofree char *d_place = place_of (d_known);
          const char *d_core = short_form (d_known) != NULL ? short_form (d_known) : d_known;

          if (g_str_equal (d_known, known)
              || (g_str_equal (d_core, core) && g_str_has_suffix (d_place, place)))
            {
              /* the same name in full wins over a guess from its core */
              if (g_str_equal (d_known, known))
                {
                  found = directory[k];
                  n_found = 1;
                  break;
                }
              found = directory[k];
              n_found++;
            }
        }
      if (n_found == 1)
        g_hash_table_insert (variants, g_strdup (name), g_strdup (found));
    }
  return variants;
}
