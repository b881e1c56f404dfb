/* wp-report-import.c: the structure of a prose work report, as a draft plan
 *
 * A report (工作会议报告, 工作要点, a speech) says its plan in prose. This
 * reads the paragraphs of a WpReportSource, whatever reader made it, and
 * builds the draft: headings (numbered by GB/T 9704 or not, speeches under
 * their speaker's line) become areas and key tasks; run-in subheadings,
 * enumerations (一是…二是…) and directives (要…) become tasks and actions;
 * each item gets the agencies, deadlines and targets its own words name.
 * The previous year's review goes to one area of its own, boilerplate of
 * web pages nowhere. The rules read general forms, not one report: they
 * are measured on reports they were not written for.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "wp-deadline.h"
#include "wp-json-io.h"
#include "wp-report-import.h"
#include "wp-sheet-import.h"

#define MAX_DEPTH 8
#define HEADING_MAX_CHARS 32
#define TITLE_MAX_CHARS 60
#define AGENCY_MAX_CHARS 20
/* A paragraph this long says a piece of work, not a transition. */
#define WORK_PARAGRAPH_MIN_CHARS 40

typedef enum {
  STYLE_NONE,
  STYLE_PART,    /* 第一部分, 回顾2024, 总体思路: groups areas, is no item */
  STYLE_SPEECH,  /* a speaker's line, with or without a title above it */
  STYLE_H1,      /* 一、 */
  STYLE_H2,      /* （一） */
  STYLE_H3,      /* 1. */
  STYLE_H4,      /* （1） */
  STYLE_PLAIN,   /* a short standalone line */
  N_STYLES
} Style;

typedef struct {
  gsize   start;
  gsize   end;
  char   *text;       /* without page furniture */
  Style   style;      /* STYLE_NONE: body */
  char   *title;      /* a heading's words, without its number */
  char   *rest;       /* the body a numbered heading runs into, or NULL */
  gsize   rest_start;
  char   *owner;      /* a speech's agency */
  char   *label;      /* a speech's speaker line, below its title */
  gboolean review;
  WpReportCues cues;  /* what a .docx said of it: bold, a heading's font */
  int     outline_level;
  gsize   run_in;     /* bytes of its bold opening, or 0 */
} Para;

typedef struct {
  WpReportItem *item;
  int           rank;
  GPtrArray    *statements;  /* Para *, said under it but no item */
  WpReportItem *enumeration; /* the 一是 item later paragraphs belong to */
} Open;

typedef struct {
  const WpReportSource  *source;
  const WpReportOptions *options;
  WpReportDraft         *draft;
  int                    ranks[N_STYLES];
  int                    n_ranks;
  Open                   open[MAX_DEPTH];
  int                    depth;        /* open[0..depth-1] */
  gboolean               in_review;
  gboolean               review_from_part;
  WpReportItem          *review_area;
  GHashTable            *seen_agencies;
} Ctx;

static GRegex *
compile (GRegex     **slot,
         const char  *pattern)
{
  if (g_once_init_enter (slot))
    {
      g_autoptr(GError) error = NULL;
      GRegex *regex = g_regex_new (pattern, G_REGEX_OPTIMIZE, 0, &error);

      g_assert_no_error (error);
      g_once_init_leave (slot, regex);
    }
  return *slot;
}

#define REGEX(pattern) ({ static GRegex *slot_; compile (&slot_, pattern); })

static gboolean
matches (GRegex     *regex,
         const char *text)
{
  return g_regex_match (regex, text, 0, NULL);
}

static glong
chars (const char *s)
{
  return g_utf8_strlen (s, -1);
}

static gboolean
contains (const char *s,
          const char *needle)
{
  return strstr (s, needle) != NULL;
}

void
wp_report_item_free (WpReportItem *item)
{
  if (item == NULL)
    return;
  g_free (item->title);
  g_free (item->description);
  g_ptr_array_unref (item->lead);
  g_ptr_array_unref (item->co);
  g_free (item->due);
  g_free (item->due_label);
  g_ptr_array_unref (item->targets);
  g_ptr_array_unref (item->children);
  g_free (item);
}

void
wp_report_draft_free (WpReportDraft *draft)
{
  if (draft == NULL)
    return;
  g_free (draft->title);
  g_free (draft->organization);
  g_ptr_array_unref (draft->items);
  g_ptr_array_unref (draft->agencies);
  g_ptr_array_unref (draft->new_agencies);
  g_free (draft);
}

static void
para_clear (Para *p)
{
  g_free (p->text);
  g_free (p->title);
  g_free (p->rest);
  g_free (p->owner);
  g_free (p->label);
}

/* (a statement is a Para of its own, in a GPtrArray) */
static void
para_free (Para *p)
{
  para_clear (p);
  g_free (p);
}

static WpReportItem *
item_new (const char *title,
          gsize       start,
          gsize       end)
{
  WpReportItem *item = g_new0 (WpReportItem, 1);

  item->title = g_strdup (title);
  item->description = g_strdup ("");
  item->lead = g_ptr_array_new_with_free_func (g_free);
  item->co = g_ptr_array_new_with_free_func (g_free);
  item->due_label = g_strdup ("");
  item->targets = g_ptr_array_new_with_free_func ((GDestroyNotify) wp_target_free);
  item->children = g_ptr_array_new_with_free_func ((GDestroyNotify) wp_report_item_free);
  item->start = start;
  item->end = end;
  return item;
}

static void
append_description (WpReportItem *item,
                    const char   *text)
{
  char *joined;

  if (text == NULL || text[0] == '\0')
    return;
  joined = item->description[0] ? g_strconcat (item->description, "\n", text, NULL)
                                 : g_strdup (text);
  g_free (item->description);
  item->description = joined;
}

static char *
strip_trailing_punctuation (char *s)
{
  static const char *const tails[] = { "。", "，", "；", "：", "、", "！", "？", "——", " ", "." };
  gboolean again = TRUE;

  while (again)
    {
      again = FALSE;
      for (guint i = 0; i < G_N_ELEMENTS (tails); i++)
        if (g_str_has_suffix (s, tails[i]) && strlen (s) > strlen (tails[i]))
          {
            s[strlen (s) - strlen (tails[i])] = '\0';
            again = TRUE;
          }
    }
  return s;
}

/* Byte length of the first sentence, ending at 。！？； outside quotes
 * and brackets (a quote holds whole sentences of its own). */
static gsize
sentence_length (const char *s)
{
  int depth = 0;

  for (const char *p = s; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == 0x201C || c == 0x300A || c == 0xFF08 || c == 0x300C)
        depth++;
      else if ((c == 0x201D || c == 0x300B || c == 0xFF09 || c == 0x300D) && depth > 0)
        depth--;
      else if (depth == 0 && (c == 0x3002 || c == 0xFF01 || c == 0xFF1F || c == 0xFF1B))
        return (gsize) (g_utf8_next_char (p) - s);
    }
  return strlen (s);
}

/* The title an item gets from its words: the first sentence, or its first
 * clause when the sentence is long, without the 要 that makes it an order. */
static char *
make_title (const char *text)
{
  g_autofree char *sentence = g_strndup (text, sentence_length (text));
  const char *comma;
  char *title;

  strip_trailing_punctuation (sentence);
  if (chars (sentence) > 40 && (comma = strstr (sentence, "，")) != NULL
      && g_utf8_strlen (sentence, comma - sentence) >= 4)
    sentence[comma - sentence] = '\0';
  {
    g_autoptr(GMatchInfo) m = NULL;
    if (g_regex_match (REGEX ("^在([^，]{1,12})方面，"), sentence, 0, &m))
      {
        char *inner = g_match_info_fetch (m, 1);
        g_free (sentence);
        sentence = inner;
      }
  }
  title = sentence;
  if (g_str_has_prefix (title, "要") && chars (title) > 3)
    title += strlen ("要");
  if (chars (title) > TITLE_MAX_CHARS)
    {
      char *cut = g_utf8_offset_to_pointer (title, TITLE_MAX_CHARS);
      *cut = '\0';
    }
  return strip_trailing_punctuation (g_strdup (title));
}

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

static void
add_name (GPtrArray  *names,
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
      add_name (i == 0 || others == NULL ? first : others, name);
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
        add_name (lead, g_ptr_array_index (names, i));
      add_name (lead, name);
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
            add_name (leading && (i == 0 || g_str_equal (role, "牵头单位")) ? lead : co,
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
        add_name (co, after);
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
        gsize len = sentence_length (s);

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

static void
find_deadline (WpReportItem *item,
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

static void
find_targets (WpReportItem *item,
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
/* Paragraphs                                                          */

static gboolean
is_noise (const char *text)
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
static char *
strip_furniture (const char *text)
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

static void
classify (Ctx   *ctx,
          Para  *p,
          Para  *next)
{
  gsize number = 0;
  Style style = numbered_style (p->text, &number);

  if (style != STYLE_NONE)
    {
      const char *words = p->text + number;
      gsize len = sentence_length (words);
      const char *colon = strstr (words, "：");

      if (colon != NULL && (gsize) (colon - words) < len)
        len = (gsize) (colon - words) + strlen ("：");
      /* a heading that runs into its body: （一）加强…。正文 */
      if (words[len] != '\0' && chars (p->text) > HEADING_MAX_CHARS)
        {
          p->rest = g_strdup (words + len);
          p->rest_start = p->start + (gsize) (words + len - p->text);
        }
      p->title = strip_trailing_punctuation (g_strndup (words, len));
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
      p->title = strip_trailing_punctuation (g_strdup (p->text));
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

/* ------------------------------------------------------------------ */
/* The tree                                                            */

static void
note_agencies (Ctx          *ctx,
               WpReportItem *item)
{
  GPtrArray *lists[] = { item->lead, item->co };

  for (guint l = 0; l < G_N_ELEMENTS (lists); l++)
    for (guint i = 0; i < lists[l]->len; i++)
      {
        const char *name = g_ptr_array_index (lists[l], i);
        gboolean known = FALSE;

        if (g_hash_table_contains (ctx->seen_agencies, name))
          continue;
        g_hash_table_add (ctx->seen_agencies, g_strdup (name));
        g_ptr_array_add (ctx->draft->agencies, g_strdup (name));
        for (guint k = 0; ctx->options->directory && ctx->options->directory[k]; k++)
          known |= g_str_equal (ctx->options->directory[k], name);
        if (!known)
          g_ptr_array_add (ctx->draft->new_agencies, g_strdup (name));
      }
}

/* Agencies, deadline and targets of the words an item says itself */
static void
read_fields (Ctx          *ctx,
             WpReportItem *item,
             const char   *text)
{
  wp_report_find_agencies (text, ctx->options->directory, item->lead, item->co);
  find_deadline (item, text, ctx->options->year);
  if (!item->review)
    find_targets (item, text);
  note_agencies (ctx, item);
}

static WpReportItem *
add_child (Ctx          *ctx,
           WpReportItem *parent,
           int           depth,
           const char   *title,
           gsize         start,
           gsize         end)
{
  WpReportItem *item = item_new (title, start, end);

  item->kind = depth <= 0 ? WP_ITEM_KIND_AREA : depth == 1 ? WP_ITEM_KIND_TASK
                                                           : WP_ITEM_KIND_ACTION;
  item->review = ctx->in_review;
  g_ptr_array_add (parent != NULL ? parent->children : ctx->draft->items, item);
  return item;
}

static int
item_depth (Ctx          *ctx,
            WpReportItem *item)
{
  for (int d = 0; d < ctx->depth; d++)
    if (ctx->open[d].item == item)
      return d;
  return ctx->depth - 1;
}

/* Byte offsets of the sentences in @text that give an order (要…, 在X方面，要…) */
static GArray *
directive_starts (const char *text)
{
  GArray *starts = g_array_new (FALSE, FALSE, sizeof (gsize));

  for (gsize at = 0; text[at] != '\0'; at += sentence_length (text + at))
    if (g_str_has_prefix (text + at, "要") || matches (REGEX ("^在[^，。]{1,12}方面，要"), text + at))
      g_array_append_val (starts, at);
  if (starts->len >= 2)
    return starts;

  /* one unit's order after another's in one sentence: 市市场监管局要…，市应急
   *管理局要…, each the action of the unit it names */
  {
    g_autoptr(GArray) units = g_array_new (FALSE, FALSE, sizeof (gsize));

    for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
      {
        gsize at = (gsize) (p - text);

        if (at == 0 || g_str_has_prefix (p, "，") || g_str_has_prefix (p, "；")
            || g_str_has_prefix (p, "。"))
          {
            const char *clause = at == 0 ? p : g_utf8_next_char (p);
            const char *order = clause;
            glong n = 0;

            /* (the name is all before its 要: one test, not one a length) */
            while (*order != '\0' && n <= AGENCY_MAX_CHARS && !g_str_has_prefix (order, "要")
                   && !g_str_has_prefix (order, "，") && !g_str_has_prefix (order, "。"))
              order = g_utf8_next_char (order), n++;
            if (n >= 2 && n <= AGENCY_MAX_CHARS && g_str_has_prefix (order, "要"))
              {
                g_autofree char *name = g_strndup (clause, (gsize) (order - clause));

                if (wp_report_is_agency (name, NULL))
                  {
                    gsize from = (gsize) (clause - text);
                    g_array_append_val (units, from);
                  }
              }
          }
      }
    if (units->len >= 2)
      {
        g_array_unref (starts);
        return g_steal_pointer (&units);
      }
  }
  return starts;
}

/* The words after an item's title: its actions when they give several
 * orders, else its description. */
static void
read_rest (Ctx          *ctx,
           WpReportItem *item,
           int           depth,
           const char   *rest,
           gsize         rest_start)
{
  g_autoptr(GArray) starts = directive_starts (rest);

  if (starts->len < 2)
    {
      append_description (item, rest);
      read_fields (ctx, item, rest);
      return;
    }
  {
    g_autofree char *intro = g_strndup (rest, g_array_index (starts, gsize, 0));
    append_description (item, intro);
    read_fields (ctx, item, intro);
  }
  for (guint i = 0; i < starts->len; i++)
    {
      gsize s = g_array_index (starts, gsize, i);
      gsize e = i + 1 < starts->len ? g_array_index (starts, gsize, i + 1) : strlen (rest);
      g_autofree char *words = g_strndup (rest + s, e - s);
      g_autofree char *title = make_title (words);
      WpReportItem *action = add_child (ctx, item, depth + 1, title, rest_start + s,
                                        rest_start + e);

      append_description (action, words);
      read_fields (ctx, action, words);
    }
}

static gboolean
is_directive (const char *text)
{
  return matches (REGEX ("^(?:要|坚持|加强|推进|全面|深化|强化|健全|完善|提高|提升|着力|持续|扎实|"
                         "大力|进一步|聚力|不断|积极|切实|加快|全力|严格|坚决|推动|打造|构建|"
                         "建立|落实|做好|抓好|优化|创新|维护|保持|升级|营造|提供|厚植|多元|筑牢|"
                         "夯实|守牢|统筹|深入|依法|巩固|规范|服务|保障|防范|化解|开展|实施|抓牢|"
                         "抓实|主动|牢固|始终|准确|充分|勇于|善于|敢于|注重|确保|力争|探索)"), text);
}

/* Where the title of a paragraph that opens with one ends (坚决捍卫国家政治
 * 安全。…, 进一步守牢社会稳定底线。…, 聚焦主业——…), or 0. */
static gsize
run_in_length (const char *text)
{
  gsize len = sentence_length (text);
  g_autofree char *first = g_strndup (text, len);
  const char *dash = strstr (text, "——");
  const char *colon = strstr (text, "：");
  const char *comma;

  if (dash != NULL && g_utf8_strlen (text, dash - text) <= 30 && dash - text < (gssize) len)
    return (gsize) (dash - text) + strlen ("——");
  if (colon != NULL && g_utf8_strlen (text, colon - text) <= 30 && colon - text < (gssize) len
      && !g_str_has_prefix (text, "目标") && colon[strlen ("：")] != '\0'
      && strstr (first, "，") == NULL)
    return (gsize) (colon - text) + strlen ("：");
  if (text[len] == '\0')
    return 0;
  comma = strstr (first, "，");
  if (comma == NULL && chars (first) <= 22 && !contains (first, "是"))
    return len;
  if (comma != NULL && strstr (comma + 1, "，") == NULL && chars (first) <= 40
      && is_directive (text))
    return len;
  return 0;
}

/* Cuts a paragraph at the enumerations inside it: …。二是…, …；其次，… */
static GArray *
enumeration_starts (const char *text)
{
  GArray *starts = g_array_new (FALSE, FALSE, sizeof (gsize));
  g_autoptr(GMatchInfo) m = NULL;

  g_regex_match (REGEX ("(?:^|(?<=[。；：]))(?:[一二三四五六七八九十][是要]|一方面|另一方面|首先|"
                        "其次|再次|最后|第[一二三四五六七八九十]，|（\\d{1,2}）|●|•)"),
                 text, 0, &m);
  for (; g_match_info_matches (m); g_match_info_next (m, NULL))
    {
      int s, e;
      gsize at;

      g_match_info_fetch_pos (m, 0, &s, &e);
      at = (gsize) s;
      g_array_append_val (starts, at);
    }
  return starts;
}

static gsize
enumerator_length (const char *text)
{
  g_autoptr(GMatchInfo) m = NULL;
  int s, e;

  if (!g_regex_match (REGEX ("^(?:[一二三四五六七八九十][是要]|一方面|另一方面|首先|其次|再次|最后|"
                             "第[一二三四五六七八九十]|（\\d{1,2}）|●|•)[，、 ]?"), text, 0, &m))
    return 0;
  g_match_info_fetch_pos (m, 0, &s, &e);
  return (gsize) e;
}

static void
read_body (Ctx        *ctx,
           const char *text,
           gsize       start,
           gsize       run_in)
{
  Open *top = &ctx->open[ctx->depth - 1];
  g_autoptr(GArray) cuts = enumeration_starts (text);
  gsize first = cuts->len > 0 ? g_array_index (cuts, gsize, 0) : strlen (text);
  /* the key task the paragraph's words before its 一是…二是… open, which
   * holds them as its actions */
  WpReportItem *holder = NULL;

  if (first > 0)
    {
      /* words before any enumeration */
      g_autofree char *words = g_strndup (text, first);
      WpReportItem *parent = top->enumeration ? top->enumeration : top->item;
      int depth = top->enumeration ? item_depth (ctx, top->item) + 1 : item_depth (ctx, top->item);
      /* a bold opening is the title, whatever its words */
      gsize title_length = run_in > 0 && run_in < first ? run_in : run_in_length (words);
      g_autoptr(GArray) orders = directive_starts (words);

      if (g_str_has_prefix (words, "目标：") && top->enumeration == NULL)
        {
          append_description (top->item, words);
          read_fields (ctx, top->item, words);
        }
      else if (orders->len >= 2 && g_array_index (orders, gsize, 0) == 0 && run_in == 0)
        read_rest (ctx, parent, depth, words, start);  /* 要…。要…。: one action each */
      else if (title_length > 0 || is_directive (words))
        {
          g_autofree char *title = title_length ? g_strndup (words, title_length)
                                                : make_title (words);
          WpReportItem *item;

          strip_trailing_punctuation (title);
          if (g_str_has_prefix (title, "要") && chars (title) > 3)
            memmove (title, title + strlen ("要"), strlen (title) - strlen ("要") + 1);
          item = add_child (ctx, parent, depth + 1, title, start, start + first);
          if (depth + 1 == 1 && cuts->len >= 2)
            holder = item;
          if (title_length > 0 && words[title_length])
            read_rest (ctx, item, depth + 1, words + title_length, start + title_length);
          else if (title_length > 0)
            read_fields (ctx, item, words);
          else
            read_rest (ctx, item, depth + 1, words, start);
          if (title_length > 0 && !contains (title, "要"))
            read_fields (ctx, item, title);
        }
      else if (orders->len >= 2)
        read_rest (ctx, parent, depth, words, start);
      else if (depth == 0 && cuts->len >= 2 && chars (words) >= 8
               && !g_str_has_suffix (words, "："))
        {
          /* 会议要求，全县政法系统要…。一是…二是…: the sentence is the task */
          g_autofree char *title = make_title (words);

          holder = add_child (ctx, parent, 1, title, start, start + first);
          append_description (holder, words);
          read_fields (ctx, holder, words);
        }
      else
        {
          Para *p = g_new0 (Para, 1);
          p->start = start;
          p->end = start + first;
          p->text = g_strdup (words);
          g_ptr_array_add (top->statements, p);
          append_description (parent, words);
          read_fields (ctx, parent, words);
        }
    }

  for (guint i = 0; i < cuts->len; i++)
    {
      gsize s = g_array_index (cuts, gsize, i);
      gsize e = i + 1 < cuts->len ? g_array_index (cuts, gsize, i + 1) : strlen (text);
      g_autofree char *words = g_strndup (text + s, e - s);
      gsize skip = enumerator_length (words);
      const char *body = words + skip;
      gsize title_length = i == 0 && s == 0 && run_in > skip && run_in < e
                           ? run_in - skip : run_in_length (body);
      g_autofree char *title = title_length ? g_strndup (body, title_length) : make_title (body);
      int depth = holder != NULL ? 1 : item_depth (ctx, top->item);
      WpReportItem *item;

      strip_trailing_punctuation (title);
      if (g_str_has_prefix (title, "要") && chars (title) > 3)
        memmove (title, title + strlen ("要"), strlen (title) - strlen ("要") + 1);
      item = add_child (ctx, holder != NULL ? holder : top->item, depth + 1, title, start + s,
                        start + e);
      if (title_length > 0 && body[title_length])
        read_rest (ctx, item, depth + 1, body + title_length, start + s + skip + title_length);
      else if (title_length == 0)
        read_rest (ctx, item, depth + 1, body, start + s + skip);
      else
        read_fields (ctx, item, body);
      /* a paragraph that opens with 一是 holds what follows, up to the next */
      if (i == 0 && s == 0 && holder == NULL)
        top->enumeration = item;
    }
}

/* An area that says its work in plain paragraphs, no subheadings: each
 * paragraph of work is a key task. */
static void
close_open (Ctx *ctx,
            int  depth)
{
  while (ctx->depth > depth)
    {
      Open *o = &ctx->open[ctx->depth - 1];
      WpReportItem *item = o->item;

      if (item->children->len == 0 && item->kind != WP_ITEM_KIND_ACTION && o->statements->len > 1)
        {
          g_autoptr(GString) kept = g_string_new (NULL);
          for (guint i = 0; i < o->statements->len; i++)
            {
              Para *p = g_ptr_array_index (o->statements, i);
              if (chars (p->text) >= WORK_PARAGRAPH_MIN_CHARS)
                {
                  g_autofree char *title = make_title (p->text);
                  WpReportItem *task = item_new (title, p->start, p->end);
                  task->kind = item->kind == WP_ITEM_KIND_AREA ? WP_ITEM_KIND_TASK
                                                               : WP_ITEM_KIND_ACTION;
                  task->review = item->review;
                  append_description (task, p->text);
                  wp_report_find_agencies (p->text, ctx->options->directory, task->lead,
                                           task->co);
                  find_deadline (task, p->text, ctx->options->year);
                  g_ptr_array_add (item->children, task);
                }
              else
                g_string_append_printf (kept, "%s%s", kept->len ? "\n" : "", p->text);
            }
          g_free (item->description);
          item->description = g_string_free (g_steal_pointer (&kept), FALSE);
          /* the leads of its paragraphs are theirs now */
          if (item->children->len > 0)
            {
              g_ptr_array_set_size (item->lead, 0);
              g_ptr_array_set_size (item->co, 0);
              wp_report_find_agencies (item->description, ctx->options->directory, item->lead,
                                       item->co);
            }
        }
      g_ptr_array_unref (o->statements);
      ctx->depth--;
    }
}

static int
style_rank (Ctx   *ctx,
            Style  style)
{
  if (ctx->ranks[style] < 0)
    ctx->ranks[style] = ctx->n_ranks++;
  return ctx->ranks[style];
}

/* Where a trailing （牵头单位：…；责任单位：…） starts in @text, else its length */
static gsize
trailing_units_start (const char *text)
{
  g_autoptr(GMatchInfo) m = NULL;
  int s, e;

  if (!g_regex_match (REGEX ("[（(](?:牵头单位|责任单位)[：:](?:[^（）()]|[（(][^（）()]*[）)])*"
                             "[）)][。；\\s]*$"), text, 0, &m))
    return strlen (text);
  g_match_info_fetch_pos (m, 0, &s, &e);
  return (gsize) s;
}

static void
open_heading (Ctx  *ctx,
              Para *p)
{
  int rank = style_rank (ctx, p->style);
  int base = ctx->in_review ? 1 : 0;
  int depth;
  WpReportItem *parent = NULL, *item;
  Open *o;

  /* the deepest open heading of a higher rank is the parent */
  depth = base;
  for (int d = ctx->depth - 1; d >= base; d--)
    if (ctx->open[d].rank < rank)
      {
        depth = d + 1;
        break;
      }
  depth = MIN (depth, MAX_DEPTH - 1);
  close_open (ctx, depth);
  if (depth > 0)
    parent = ctx->open[depth - 1].item;

  item = add_child (ctx, parent, depth, p->title, p->start, p->end);
  if (p->owner != NULL)
    {
      add_name (item->lead, p->owner);
      note_agencies (ctx, item);
    }
  if (p->label != NULL)
    append_description (item, p->label);
  else if (p->style != STYLE_SPEECH)
    read_fields (ctx, item, p->title);

  o = &ctx->open[ctx->depth++];
  o->item = item;
  o->rank = rank;
  o->statements = g_ptr_array_new_with_free_func ((GDestroyNotify) para_free);
  o->enumeration = NULL;

  if (p->rest != NULL)
    {
      g_autoptr(GArray) cuts = enumeration_starts (p->rest);
      g_autoptr(GArray) orders = directive_starts (p->rest);
      gsize units = trailing_units_start (p->rest);

      /* 4.严格规范性文件管理。全面落实…（牵头单位：X）: one statement
       * is what the heading's work is, not an action of its own; and the
       * units a numbered paragraph ends with are the whole item's */
      if (cuts->len == 0 && orders->len < 2)
        {
          append_description (item, p->rest);
          read_fields (ctx, item, p->rest);
        }
      else
        {
          g_autofree char *body = g_strndup (p->rest, units);

          if (units < strlen (p->rest))
            read_fields (ctx, item, p->rest + units);
          read_body (ctx, body, p->rest_start, 0);
        }
    }
}

static void
start_review (Ctx      *ctx,
              gsize     start,
              gboolean  from_part)
{
  close_open (ctx, 0);
  ctx->in_review = TRUE;
  ctx->review_from_part = from_part;
  if (ctx->review_area == NULL)
    {
      ctx->review_area = add_child (ctx, NULL, 0, _("Review of the previous year"), start, start);
      ctx->review_area->review = TRUE;
      ctx->draft->has_review = TRUE;
    }
  ctx->open[0].item = ctx->review_area;
  ctx->open[0].rank = -1;
  ctx->open[0].statements = g_ptr_array_new_with_free_func ((GDestroyNotify) para_free);
  ctx->open[0].enumeration = NULL;
  ctx->depth = 1;
}

static void
end_review (Ctx *ctx)
{
  close_open (ctx, 0);
  ctx->in_review = FALSE;
}

/* ------------------------------------------------------------------ */
/* Task breakdown tables inside a .docx                                */

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
        add_name (names, name);
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
  item = item_new (title, start, end);
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
  note_agencies (ctx, item);
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
static void
import_tables (Ctx *ctx)
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

              area = item_new (caption && caption[0] ? caption : _("Task breakdown"),
                               table->start, table->end);
              area->kind = WP_ITEM_KIND_AREA;
              insert_in_place (ctx->draft->items, area);
            }
          insert_in_place (area->children, item);
        }
    }
}

/* The caption of a task table names its area, and is no item of its own */
static gboolean
is_table_caption (const WpReportSource    *source,
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

/* Tells options->progress that paragraph @i of @n is being read, by a
 * reading that is @span of the whole from @base on: at each hundredth of
 * the paragraphs, not for every one */
static void
tell_progress (const WpReportOptions *options,
               double                 base,
               double                 span,
               guint                  i,
               guint                  n)
{
  if (options->progress != NULL && n > 0
      && (i == 0 || (guint64) i * 100 / n != (guint64) (i - 1) * 100 / n))
    options->progress (base + span * i / n, options->progress_data);
}

/* One reading of the report, @span of the whole from @base on for its
 * progress; wp_report_import() may read it twice */
static WpReportDraft *
import_once (const WpReportSource  *source,
             const WpReportOptions *options,
             double                 base,
             double                 span)
{
  Ctx ctx = { 0 };
  g_autoptr(GArray) paras = g_array_new (FALSE, TRUE, sizeof (Para));
  WpReportDraft *draft = g_new0 (WpReportDraft, 1);
  guint first = 0, headings = 0;
  char *title = NULL;

  draft->year = options->year;
  draft->items = g_ptr_array_new_with_free_func ((GDestroyNotify) wp_report_item_free);
  draft->agencies = g_ptr_array_new_with_free_func (g_free);
  draft->new_agencies = g_ptr_array_new_with_free_func (g_free);
  ctx.source = source;
  ctx.options = options;
  ctx.draft = draft;
  ctx.seen_agencies = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (int i = 0; i < N_STYLES; i++)
    ctx.ranks[i] = -1;
  ctx.ranks[STYLE_PART] = -2;

  for (guint i = 0; i < source->paragraphs->len; i++)
    {
      const WpReportParagraph *sp = &g_array_index (source->paragraphs, WpReportParagraph, i);
      g_autofree char *raw = wp_report_paragraph_dup (source, sp);
      Para p = { 0 };

      /* what follows 相关阅读 is other articles */
      if (g_str_has_prefix (raw, "相关阅读") || g_str_has_prefix (raw, "相关新闻")
          || g_str_has_prefix (raw, "延伸阅读"))
        break;
      if (is_noise (raw) || is_table_caption (source, sp))
        continue;
      p.text = strip_furniture (raw);
      if (p.text[0] == '\0')
        {
          para_clear (&p);
          continue;
        }
      p.start = sp->start;
      p.end = sp->end;
      p.cues = sp->cues;
      p.outline_level = sp->outline_level;
      /* (an opening is the words', not the furniture's stripped before) */
      p.run_in = g_str_equal (p.text, raw) ? sp->run_in : 0;
      g_array_append_val (paras, p);
    }

  for (guint i = 0; i < paras->len; i++)
    classify (&ctx, &g_array_index (paras, Para, i),
              i + 1 < paras->len ? &g_array_index (paras, Para, i + 1) : NULL);

  /* A speaker's title above the speaker's line is one heading. */
  for (guint i = 0; i + 1 < paras->len; i++)
    {
      Para *p = &g_array_index (paras, Para, i), *n = &g_array_index (paras, Para, i + 1);

      if (p->style == STYLE_PLAIN && n->style == STYLE_SPEECH)
        {
          p->style = STYLE_SPEECH;
          p->owner = g_steal_pointer (&n->owner);
          p->label = g_strdup (n->text);
          p->end = n->end;
          n->style = STYLE_NONE;
          n->text[0] = '\0';
        }
    }

  /* The first line is the report's title, unless it heads a speech. */
  if (paras->len > 1)
    {
      Para *p = &g_array_index (paras, Para, 0);
      if (p->style != STYLE_SPEECH && chars (p->text) <= 40 && !contains (p->text, "。"))
        {
          title = g_strdup (p->text);
          p->style = STYLE_NONE;
          first = 1;
        }
    }
  for (guint i = first; i < paras->len; i++)
    headings += g_array_index (paras, Para, i).style != STYLE_NONE;

  if (headings == 0)
    {
      draft->no_structure = TRUE;
      for (guint i = first; i < paras->len; i++)
        {
          Para *p = &g_array_index (paras, Para, i);
          g_autofree char *t = make_title (p->text);
          WpReportItem *area;

          if (p->text[0] == '\0')
            continue;
          area = add_child (&ctx, NULL, 0, t, p->start, p->end);
          append_description (area, p->text);
          read_fields (&ctx, area, p->text);
        }
    }
  else
    for (guint i = first; i < paras->len; i++)
      {
        Para *p = &g_array_index (paras, Para, i);

        tell_progress (options, base, span, i, paras->len);
        if (p->text[0] == '\0')
          continue;
        if (p->style == STYLE_PART)
          {
            if (p->review)
              start_review (&ctx, p->start, TRUE);
            else
              {
                end_review (&ctx);
                close_open (&ctx, 0);
              }
            continue;
          }
        if (p->style != STYLE_NONE)
          {
            int rank = style_rank (&ctx, p->style);
            if (p->review && rank == 0 && !ctx.in_review)
              {
                start_review (&ctx, p->start, FALSE);
                continue;  /* its heading is the review area's */
              }
            if (ctx.in_review && !ctx.review_from_part && rank == 0)
              end_review (&ctx);
            open_heading (&ctx, p);
            continue;
          }
        if (ctx.depth == 0)
          continue;  /* an introduction, before the first heading */
        read_body (&ctx, p->text, p->start, p->run_in);
      }
  close_open (&ctx, 0);

  /* a heading the text ends with, nothing under it: the next article's */
  if (draft->items->len > 0)
    {
      WpReportItem *last = g_ptr_array_index (draft->items, draft->items->len - 1);
      if (last->children->len == 0 && last->description[0] == '\0' && !last->review
          && paras->len > 0 && last->start == g_array_index (paras, Para, paras->len - 1).start)
        g_ptr_array_remove_index (draft->items, draft->items->len - 1);
    }

  import_tables (&ctx);
  /* a document that is only its table: the caption is its title */
  if (title == NULL && paras->len == 0 && source->tables != NULL && source->tables->len > 0)
    title = g_strdup (((WpReportTable *) g_ptr_array_index (source->tables, 0))->caption);
  if (draft->no_structure && draft->items->len > 0 && source->tables != NULL
      && paras->len <= 1)
    draft->no_structure = FALSE;

  draft->title = g_strdup (options->title ? options->title : title ? title : "");
  draft->organization = g_strdup (options->organization ? options->organization : "");
  g_free (title);
  for (guint i = 0; i < paras->len; i++)
    para_clear (&g_array_index (paras, Para, i));
  g_hash_table_unref (ctx.seen_agencies);
  return draft;
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
static void
add_aliases (GHashTable        *aliases,
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

static guint
count_in (const char *text,
          const char *word)
{
  guint n = 0;
  gsize length = strlen (word);

  for (const char *p = strstr (text, word); p != NULL; p = strstr (p + length, word))
    n++;
  return n;
}

static void
rename_names (GPtrArray  *names,
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

static void
rename_agencies (GPtrArray  *items,
                 GHashTable *aliases)
{
  for (guint i = 0; i < items->len; i++)
    {
      WpReportItem *item = g_ptr_array_index (items, i);

      rename_names (item->lead, aliases, NULL);
      rename_names (item->co, aliases, item->lead);
      rename_agencies (item->children, aliases);
    }
}

static gboolean
in_directory (const char  *name,
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
static GHashTable *
directory_variants (GPtrArray   *names,
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

      if (in_directory (name, directory) || g_str_has_prefix (name, "各")
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

/**
 * wp_report_import:
 *
 * Builds the draft plan a report's paragraphs describe. An agency the
 * report names in full and also by its short form (市公安局, then 公安局;
 * 市委政法委, then 政法委) is one agency, the full name, where only one
 * name the report or the directory knows has that short form. An alias
 * of the directory (options->aliases: 发改委) is always its agency.
 *
 * Returns: (transfer full): the draft; a text without any structure gives
 *   one area per paragraph and sets no_structure
 */
WpReportDraft *
wp_report_import (const WpReportSource  *source,
                  const WpReportOptions *options)
{
  WpReportDraft *draft;
  g_autoptr(GHashTable) aliases = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                         g_free);
  g_autoptr(GPtrArray) extended = NULL;
  g_autoptr(GPtrArray) agencies = NULL;
  GHashTableIter iter;
  gpointer key, value;

  if (options->progress != NULL)
    options->progress (0.0, options->progress_data);
  /* (the first reading is most of the work; a second one, when there is
   * one, is the rest) */
  draft = import_once (source, options, 0.0, 0.7);

  /* The directory's own aliases first: the user said what they stand for */
  if (options->aliases != NULL)
    {
      g_hash_table_iter_init (&iter, options->aliases);
      while (g_hash_table_iter_next (&iter, &key, &value))
        g_hash_table_insert (aliases, g_strdup (key), g_strdup (value));
    }
  add_aliases (aliases, (const char *const *) draft->agencies->pdata, draft->agencies->len);
  if (options->directory != NULL)
    add_aliases (aliases, (const char *const *) options->directory, G_MAXUINT);
  if (g_hash_table_size (aliases) == 0 && options->directory == NULL)
    return draft;

  /* A short form the rules take for a word (公安局, unlike 政法委) is read
   * as an agency only where the report writes it bare: read it again with
   * those short forms known. */
  extended = g_ptr_array_new ();
  for (guint i = 0; options->directory != NULL && options->directory[i] != NULL; i++)
    g_ptr_array_add (extended, (gpointer) options->directory[i]);
  /* (an alias is read as an agency wherever it is written, as the name is) */
  if (options->aliases != NULL)
    {
      g_hash_table_iter_init (&iter, options->aliases);
      while (g_hash_table_iter_next (&iter, &key, NULL))
        g_ptr_array_add (extended, key);
    }
  g_hash_table_iter_init (&iter, aliases);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if ((options->aliases == NULL || !g_hash_table_contains (options->aliases, key))
        && !wp_report_is_agency (key, options->directory)
        && count_in (source->text, key) > count_in (source->text, value))
      g_ptr_array_add (extended, key);
  if (extended->len > (options->directory != NULL ? g_strv_length ((GStrv) options->directory)
                                                  : 0))
    {
      WpReportOptions again = *options;

      g_ptr_array_add (extended, NULL);
      again.directory = (const char **) extended->pdata;
      wp_report_draft_free (draft);
      draft = import_once (source, &again, 0.7, 0.3);
    }

  rename_agencies (draft->items, aliases);
  agencies = g_steal_pointer (&draft->agencies);
  g_ptr_array_set_size (draft->new_agencies, 0);
  draft->agencies = g_ptr_array_new_with_free_func (g_free);
  rename_names (agencies, aliases, NULL);
  if (options->directory != NULL)
    {
      g_autoptr(GHashTable) variants = directory_variants (agencies, options->directory);

      if (g_hash_table_size (variants) > 0)
        {
          rename_agencies (draft->items, variants);
          rename_names (agencies, variants, NULL);
        }
    }
  for (guint i = 0; i < agencies->len; i++)
    {
      const char *name = g_ptr_array_index (agencies, i);

      g_ptr_array_add (draft->agencies, g_strdup (name));
      if (!in_directory (name, options->directory))
        g_ptr_array_add (draft->new_agencies, g_strdup (name));
    }
  if (options->progress != NULL)
    options->progress (1.0, options->progress_data);
  return draft;
}

/**
 * wp_report_item_from_span:
 *
 * An item the user makes of words of the report the importer did not take
 * (@start to @end, bytes of @source's text): titled by its first sentence,
 * with the agencies, deadline and targets those words name, as a key task.
 *
 * Returns: (transfer full) (nullable): the item, or %NULL when the span
 *   holds no words
 */
WpReportItem *
wp_report_item_from_span (const WpReportSource  *source,
                          gsize                  start,
                          gsize                  end,
                          const WpReportOptions *options)
{
  g_autofree char *words = NULL;
  g_autofree char *title = NULL;
  WpReportItem *item;

  if (start >= end || end > source->length)
    return NULL;
  words = g_strndup (source->text + start, end - start);
  g_strdelimit (words, "\n", ' ');
  g_strstrip (words);
  if (words[0] == '\0' || !g_utf8_validate (words, -1, NULL))
    return NULL;
  title = make_title (words);
  strip_trailing_punctuation (title);
  item = item_new (title[0] != '\0' ? title : words, start, end);
  item->kind = WP_ITEM_KIND_TASK;
  append_description (item, words);
  wp_report_find_agencies (words, options->directory, item->lead, item->co);
  find_deadline (item, words, options->year);
  find_targets (item, words);
  return item;
}

/* ------------------------------------------------------------------ */
/* Interchange JSON                                                    */

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

/**
 * wp_report_guess_year:
 *
 * The year a report plans for, as its opening names it: the title's year
 * (部署2025年政法工作, 2025年工作要点), else the year the first paragraphs
 * name most often, the later one on a tie. The review dialog offers it; the
 * user can change it.
 *
 * Returns: the year, or 0 when the opening names none
 */
int
wp_report_guess_year (const WpReportSource *source)
{
  g_autoptr(GHashTable) counts = g_hash_table_new (NULL, NULL);
  GRegex *regex = REGEX ("(?<!\\d)((?:19|20)\\d{2})\\s*年(?!\\d)");
  int best = 0;
  guint best_count = 0;

  g_return_val_if_fail (source != NULL, 0);
  for (guint i = 0; i < MIN (source->paragraphs->len, 4); i++)
    {
      const WpReportParagraph *p = &g_array_index (source->paragraphs, WpReportParagraph, i);
      g_autofree char *text = wp_report_paragraph_dup (source, p);
      g_autoptr(GMatchInfo) m = NULL;

      for (g_regex_match (regex, text, 0, &m); g_match_info_matches (m);
           g_match_info_next (m, NULL))
        {
          g_autofree char *digits = g_match_info_fetch (m, 1);
          int year = (int) g_ascii_strtoll (digits, NULL, 10);
          guint count = GPOINTER_TO_UINT (g_hash_table_lookup (counts, GINT_TO_POINTER (year)));

          /* the title, a short first line, says it outright */
          if (i == 0 && g_utf8_strlen (text, -1) <= 60)
            return year;
          g_hash_table_insert (counts, GINT_TO_POINTER (year), GUINT_TO_POINTER (count + 1));
          if (count + 1 > best_count || (count + 1 == best_count && year > best))
            {
              best = year;
              best_count = count + 1;
            }
        }
    }
  return best;
}
