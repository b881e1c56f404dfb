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

#include "wp-json-io.h"
#include "wp-report-import-private.h"

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
void
_wp_report_para_free (Para *p)
{
  para_clear (p);
  g_free (p);
}

WpReportItem *
_wp_report_item_new (const char *title,
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

void
_wp_report_append_description (WpReportItem *item,
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

char *
_wp_report_strip_trailing_punctuation (char *s)
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
gsize
_wp_report_sentence_length (const char *s)
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
char *
_wp_report_make_title (const char *text)
{
  g_autofree char *sentence = g_strndup (text, _wp_report_sentence_length (text));
  const char *comma;
  char *title;

  _wp_report_strip_trailing_punctuation (sentence);
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
  return _wp_report_strip_trailing_punctuation (g_strdup (title));
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
      if (_wp_report_is_noise (raw) || _wp_report_is_table_caption (source, sp))
        continue;
      p.text = _wp_report_strip_furniture (raw);
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
    _wp_report_classify (&ctx, &g_array_index (paras, Para, i),
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
          g_autofree char *t = _wp_report_make_title (p->text);
          WpReportItem *area;

          if (p->text[0] == '\0')
            continue;
          area = _wp_report_add_child (&ctx, NULL, 0, t, p->start, p->end);
          _wp_report_take_words (&ctx, area, p->text);
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
              _wp_report_start_review (&ctx, p->start, TRUE);
            else
              {
                _wp_report_end_review (&ctx);
                _wp_report_close_open (&ctx, 0);
              }
            continue;
          }
        if (p->style != STYLE_NONE)
          {
            int rank = _wp_report_style_rank (&ctx, p->style);
            if (p->review && rank == 0 && !ctx.in_review)
              {
                _wp_report_start_review (&ctx, p->start, FALSE);
                continue;  /* its heading is the review area's */
              }
            if (ctx.in_review && !ctx.review_from_part && rank == 0)
              _wp_report_end_review (&ctx);
            _wp_report_open_heading (&ctx, p);
            continue;
          }
        if (ctx.depth == 0)
          continue;  /* an introduction, before the first heading */
        _wp_report_read_body (&ctx, p->text, p->start, p->run_in);
      }
  _wp_report_close_open (&ctx, 0);

  /* a heading the text ends with, nothing under it: the next article's */
  if (draft->items->len > 0)
    {
      WpReportItem *last = g_ptr_array_index (draft->items, draft->items->len - 1);
      if (last->children->len == 0 && last->description[0] == '\0' && !last->review
          && paras->len > 0 && last->start == g_array_index (paras, Para, paras->len - 1).start)
        g_ptr_array_remove_index (draft->items, draft->items->len - 1);
    }

  _wp_report_import_tables (&ctx);
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
  _wp_report_add_aliases (aliases, (const char *const *) draft->agencies->pdata,
                          draft->agencies->len);
  if (options->directory != NULL)
    _wp_report_add_aliases (aliases, (const char *const *) options->directory, G_MAXUINT);
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
        && _wp_report_count_in (source->text, key) > _wp_report_count_in (source->text, value))
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

  _wp_report_rename_agencies (draft->items, aliases);
  agencies = g_steal_pointer (&draft->agencies);
  g_ptr_array_set_size (draft->new_agencies, 0);
  draft->agencies = g_ptr_array_new_with_free_func (g_free);
  _wp_report_rename_names (agencies, aliases, NULL);
  if (options->directory != NULL)
    {
      g_autoptr(GHashTable) variants = _wp_report_directory_variants (agencies, options->directory);

      if (g_hash_table_size (variants) > 0)
        {
          _wp_report_rename_agencies (draft->items, variants);
          _wp_report_rename_names (agencies, variants, NULL);
        }
    }
  for (guint i = 0; i < agencies->len; i++)
    {
      const char *name = g_ptr_array_index (agencies, i);

      g_ptr_array_add (draft->agencies, g_strdup (name));
      if (!_wp_report_in_directory (name, options->directory))
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
  title = _wp_report_make_title (words);
  _wp_report_strip_trailing_punctuation (title);
  item = _wp_report_item_new (title[0] != '\0' ? title : words, start, end);
  item->kind = WP_ITEM_KIND_TASK;
  _wp_report_append_description (item, words);
  wp_report_find_agencies (words, options->directory, item->lead, item->co);
  _wp_report_find_deadline (item, words, options->year);
  _wp_report_find_targets (item, words);
  return item;
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
