/* wp-report-import-tree.c: the areas, tasks and actions a report's
 * headings, run-in titles, enumerations (一是…二是…) and directives (要…) make
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "wp-report-import-private.h"

void
_wp_report_note_agencies (Ctx          *ctx,
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
  _wp_report_find_deadline (item, text, ctx->options->year);
  if (!item->review)
    _wp_report_find_targets (item, text);
  _wp_report_note_agencies (ctx, item);
}

/* Words an item says itself: added to its description, and read for its
 * fields */
void
_wp_report_take_words (Ctx          *ctx,
                       WpReportItem *item,
                       const char   *text)
{
  _wp_report_append_description (item, text);
  read_fields (ctx, item, text);
}

WpReportItem *
_wp_report_add_child (Ctx          *ctx,
                      WpReportItem *parent,
                      int           depth,
                      const char   *title,
                      gsize         start,
                      gsize         end)
{
  WpReportItem *item = _wp_report_item_new (title, start, end);

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

  for (gsize at = 0; text[at] != '\0'; at += _wp_report_sentence_length (text + at))
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
      _wp_report_take_words (ctx, item, rest);
      return;
    }
  {
    g_autofree char *intro = g_strndup (rest, g_array_index (starts, gsize, 0));
    _wp_report_take_words (ctx, item, intro);
  }
  for (guint i = 0; i < starts->len; i++)
    {
      gsize s = g_array_index (starts, gsize, i);
      gsize e = i + 1 < starts->len ? g_array_index (starts, gsize, i + 1) : strlen (rest);
      g_autofree char *words = g_strndup (rest + s, e - s);
      g_autofree char *title = _wp_report_make_title (words);
      WpReportItem *action = _wp_report_add_child (ctx, item, depth + 1, title, rest_start + s,
                                                   rest_start + e);

      _wp_report_take_words (ctx, action, words);
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
  gsize len = _wp_report_sentence_length (text);
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

void
_wp_report_read_body (Ctx        *ctx,
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
          _wp_report_take_words (ctx, top->item, words);
        }
      else if (orders->len >= 2 && g_array_index (orders, gsize, 0) == 0 && run_in == 0)
        read_rest (ctx, parent, depth, words, start);  /* 要…。要…。: one action each */
      else if (title_length > 0 || is_directive (words))
        {
          g_autofree char *title = title_length ? g_strndup (words, title_length)
                                                : _wp_report_make_title (words);
          WpReportItem *item;

          _wp_report_strip_trailing_punctuation (title);
          if (g_str_has_prefix (title, "要") && chars (title) > 3)
            memmove (title, title + strlen ("要"), strlen (title) - strlen ("要") + 1);
          item = _wp_report_add_child (ctx, parent, depth + 1, title, start, start + first);
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
          g_autofree char *title = _wp_report_make_title (words);

          holder = _wp_report_add_child (ctx, parent, 1, title, start, start + first);
          _wp_report_take_words (ctx, holder, words);
        }
      else
        {
          Para *p = g_new0 (Para, 1);
          p->start = start;
          p->end = start + first;
          p->text = g_strdup (words);
          g_ptr_array_add (top->statements, p);
          _wp_report_take_words (ctx, parent, words);
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
      g_autofree char *title = title_length ? g_strndup (body, title_length)
                                            : _wp_report_make_title (body);
      int depth = holder != NULL ? 1 : item_depth (ctx, top->item);
      WpReportItem *item;

      _wp_report_strip_trailing_punctuation (title);
      if (g_str_has_prefix (title, "要") && chars (title) > 3)
        memmove (title, title + strlen ("要"), strlen (title) - strlen ("要") + 1);
      item = _wp_report_add_child (ctx, holder != NULL ? holder : top->item, depth + 1, title,
                                   start + s, start + e);
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
void
_wp_report_close_open (Ctx *ctx,
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
                  g_autofree char *title = _wp_report_make_title (p->text);
                  WpReportItem *task = _wp_report_item_new (title, p->start, p->end);
                  task->kind = item->kind == WP_ITEM_KIND_AREA ? WP_ITEM_KIND_TASK
                                                               : WP_ITEM_KIND_ACTION;
                  task->review = item->review;
                  _wp_report_append_description (task, p->text);
                  wp_report_find_agencies (p->text, ctx->options->directory, task->lead,
                                           task->co);
                  _wp_report_find_deadline (task, p->text, ctx->options->year);
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

int
_wp_report_style_rank (Ctx   *ctx,
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

void
_wp_report_open_heading (Ctx  *ctx,
                         Para *p)
{
  int rank = _wp_report_style_rank (ctx, p->style);
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
  _wp_report_close_open (ctx, depth);
  if (depth > 0)
    parent = ctx->open[depth - 1].item;

  item = _wp_report_add_child (ctx, parent, depth, p->title, p->start, p->end);
  if (p->owner != NULL)
    {
      _wp_report_add_name (item->lead, p->owner);
      _wp_report_note_agencies (ctx, item);
    }
  if (p->label != NULL)
    _wp_report_append_description (item, p->label);
  else if (p->style != STYLE_SPEECH)
    read_fields (ctx, item, p->title);

  o = &ctx->open[ctx->depth++];
  o->item = item;
  o->rank = rank;
  o->statements = g_ptr_array_new_with_free_func ((GDestroyNotify) _wp_report_para_free);
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
          _wp_report_take_words (ctx, item, p->rest);
        }
      else
        {
          g_autofree char *body = g_strndup (p->rest, units);

          if (units < strlen (p->rest))
            read_fields (ctx, item, p->rest + units);
          _wp_report_read_body (ctx, body, p->rest_start, 0);
        }
    }
}

void
_wp_report_start_review (Ctx      *ctx,
                         gsize     start,
                         gboolean  from_part)
{
  _wp_report_close_open (ctx, 0);
  ctx->in_review = TRUE;
  ctx->review_from_part = from_part;
  if (ctx->review_area == NULL)
    {
      ctx->review_area = _wp_report_add_child (ctx, NULL, 0, _("Review of the previous year"),
                                               start, start);
      ctx->review_area->review = TRUE;
      ctx->draft->has_review = TRUE;
    }
  ctx->open[0].item = ctx->review_area;
  ctx->open[0].rank = -1;
  ctx->open[0].statements = g_ptr_array_new_with_free_func ((GDestroyNotify) _wp_report_para_free);
  ctx->open[0].enumeration = NULL;
  ctx->depth = 1;
}

void
_wp_report_end_review (Ctx *ctx)
{
  _wp_report_close_open (ctx, 0);
  ctx->in_review = FALSE;
}
