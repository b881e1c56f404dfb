/* wp-briefing-sections.c: what the briefing says, in order: title, summary, charts,
 * the table by area, the overdue, at-risk and behind items, the year-end check
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "wp-briefing-private.h"
#include "wp-charts.h"
#include "wp-deadline.h"
#include "wp-sheet.h"
#include "wp-stats.h"
#include "wp-store-walk.h"
#include "wp-tracking.h"

static void
overview_chart (cairo_t     *cr,
                WpPlanStats *stats,
                double       width,
                double       height)
{
  double half = (width - 24) / 2;

  wp_chart_draw_status (cr, &stats->counts, half, height);
  cairo_save (cr);
  cairo_translate (cr, half + 24, 0);
  wp_chart_draw_trend (cr, stats->done_by_month, half, height);
  cairo_restore (cr);
}

static void
areas_chart (cairo_t     *cr,
             WpPlanStats *stats,
             double       width,
             double       height)
{
  wp_chart_draw_bars (cr, stats->areas, G_MAXUINT, width);
}

/* The breakdown against the milestones (形象进度), as in the progress view */
#define PACE_MAX_AGENCIES 12

static void
pace_areas_chart (cairo_t     *cr,
                  WpPlanStats *stats,
                  double       width,
                  double       height)
{
  wp_chart_draw_pace (cr, stats->areas, G_MAXUINT, width);
}

static void
pace_agencies_chart (cairo_t     *cr,
                     WpPlanStats *stats,
                     double       width,
                     double       height)
{
  wp_chart_draw_pace (cr, stats->agencies, PACE_MAX_AGENCIES, width);
}

/* The table's rows, read in one walk of the plan: each item's own fields
 * from the walk, what it rolls up to from the plan's facts (as the outline
 * shows it), its latest note from the plan's notes. */
typedef struct {
  Doc               *doc;
  const char        *agency;  /* (nullable): only the items it leads or supports */
  const WpPlanFacts *facts;
  GHashTable        *notes;   /* gint64 item id → GPtrArray of WpNote, by date */
} ItemRows;

/* As wp_sheet_latest_note() writes it */
static char *
latest_note (GHashTable *notes,
             gint64      item_id)
{
  GPtrArray *list = g_hash_table_lookup (notes, &item_id);
  WpNote *note;
  g_autofree char *date = NULL;

  if (list == NULL || list->len == 0)
    return g_strdup ("");
  note = g_ptr_array_index (list, list->len - 1);
  date = wp_date_format_display (&note->date);
  return g_strdup_printf ("%s %s", date, note->text);
}

static gboolean
item_row (const WpItemRow  *row,
          gpointer          user_data,
          GError          **error)
{
  ItemRows *rows = user_data;
  const WpItemFacts *f = wp_plan_facts_lookup (rows->facts, row->id);
  gboolean involved = rows->agency == NULL
                      || g_strv_contains (row->lead, rows->agency)
                      || g_strv_contains (row->co, rows->agency);
  g_autofree char *indent = NULL;
  g_autofree char *title = NULL;
  g_autofree char *leads = NULL;
  g_autofree char *cos = NULL;
  g_autofree char *date = NULL;
  g_autofree char *progress = NULL;
  g_autofree char *note = NULL;
  const char *status, *light_label;
  WpLight light;

  /* (an agency's briefing lists the areas, and of the rest its own) */
  if (f == NULL || (row->depth > 0 && !involved))
    return TRUE;
  indent = g_strnfill (row->depth * 2, ' ');
  title = g_strconcat (indent, row->title, NULL);
  leads = g_strjoinv ("、", (char **) row->lead);
  cos = g_strjoinv ("、", (char **) row->co);
  date = wp_date_format_display (&row->due);
  progress = g_strdup_printf (_("%d%%"), f->progress);
  note = latest_note (rows->notes, row->id);
  /* An agency's own light, not one red only through another agency's
   * action; the status as wp_item_get_status_label() words it */
  light = rows->agency != NULL ? f->agency_light : f->light;
  status = row->carried_forward ? C_("status", "Carried over")
                                : wp_item_status_to_label (f->status);
  light_label = row->carried_forward ? status : wp_light_to_label (light);

  {
    const char *cells[] = {
      title, leads, cos, row->due_label[0] ? row->due_label : date, status, light_label,
      progress, note,
    };

    _wp_briefing_table_row (rows->doc, cells, row->depth == 0, row->depth == 0 ? 0.05 : 0, light);
  }
  return TRUE;
}

/* One line of the overdue or at-risk list: "N. title — lead, due …, 40%" */
static char *
listed_line (const char *number,
             WpItem     *item)
{
  g_autofree char *leads = g_strjoinv ("、", (char **) wp_item_get_lead_agencies (item));
  g_autofree char *date = wp_date_format_display (wp_item_get_due (item));
  const char *due = wp_item_get_due_label (item)[0] ? wp_item_get_due_label (item) : date;

  if (due[0] == '\0')
    /* Translators: a listed item without a deadline in the briefing: number,
     * title, lead agency, progress */
    return g_strdup_printf (_("%s %s — %s, %d%%"), number, wp_item_get_title (item), leads,
                            wp_item_get_effective_progress (item));
  /* Translators: a listed item in the briefing: number, title, lead agency,
   * deadline, progress */
  return g_strdup_printf (_("%s %s — %s, due %s, %d%%"), number, wp_item_get_title (item), leads,
                          due, wp_item_get_effective_progress (item));
}

/* A list after the table: its heading and lines, worded before the table
 * is read, so that the items it names can go before: 10 MB of items for
 * 100,000 of them. */
typedef struct {
  const char *heading;
  GPtrArray  *lines;  /* char * */
  GArray     *gaps;   /* double: the space after each line */
} Listing;

static void
listing_init (Listing    *listing,
              const char *heading)
{
  listing->heading = heading;
  listing->lines = g_ptr_array_new_with_free_func (g_free);
  listing->gaps = g_array_new (FALSE, FALSE, sizeof (double));
}

static void
listing_add (Listing *listing,
             char    *line,
             double   gap_after)
{
  g_ptr_array_add (listing->lines, line);
  g_array_append_val (listing->gaps, gap_after);
}

/* Lays the list out, and frees it */
static void
listing_lay_out (Doc     *doc,
                 Listing *listing)
{
  if (listing->lines->len > 0)
    {
      _wp_briefing_text_block (doc, listing->heading, 12, TRUE, 6);
      for (guint i = 0; i < listing->lines->len; i++)
        {
          _wp_briefing_text_block (doc, g_ptr_array_index (listing->lines, i), 9, FALSE,
                                   g_array_index (listing->gaps, double, i));
          /* (its text is the block's now) */
          g_clear_pointer (&g_ptr_array_index (listing->lines, i), g_free);
        }
      _wp_briefing_skip (doc, 12);
    }
  g_ptr_array_unref (listing->lines);
  g_array_unref (listing->gaps);
}

/* The counted items behind their milestone: "N. title — lead, expected
 * 50%, actual 30%", furthest behind first */
static void
behind_items (Listing     *listing,
              WpPlanStats *stats)
{
  listing_init (listing, _("Items Behind Their Milestone"));
  for (guint i = 0; i < stats->behind->len; i++)
    {
      WpItemBehind *behind = g_ptr_array_index (stats->behind, i);
      g_autofree char *leads = g_strjoinv ("、", (char **) wp_item_get_lead_agencies (
                                                              behind->item));

      /* Translators: an item behind its milestone in the briefing: number,
       * title, lead agency, the progress expected by now and its own */
      listing_add (listing, g_strdup_printf (_("%u. %s — %s, expected %d%%, actual %d%%"),
                                             i + 1, wp_item_get_title (behind->item), leads,
                                             behind->expected, behind->progress), 4);
    }
}

/* The counted items of a list (overdue, at risk), each with the work under
 * it that makes it so, indented */
static void
listed_items (Listing     *listing,
              WpPlanStats *stats,
              GPtrArray   *items,
              const char  *heading)
{
  listing_init (listing, heading);
  for (guint i = 0; i < items->len; i++)
    {
      WpItem *item = g_ptr_array_index (items, i);
      GPtrArray *below = wp_plan_stats_get_below (stats, item);
      g_autofree char *number = g_strdup_printf ("%u.", i + 1);

      listing_add (listing, listed_line (number, item), below != NULL ? 2 : 4);
      for (guint k = 0; below != NULL && k < below->len; k++)
        listing_add (listing, listed_line ("    ↳", g_ptr_array_index (below, k)),
                     k + 1 == below->len ? 4 : 2);
    }
}

static int
compare_ids (gconstpointer a,
             gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return (x > y) - (x < y);
}

/* The year-end check (年终核查), once there is one: when the plan was
 * checked, and each unfinished item with the reason given for it */
static void
year_end_check (Doc        *doc,
                WpStore    *store,
                WpPlan     *plan,
                const char *agency)
{
  g_autoptr(GHashTable) closeouts = NULL;
  g_autoptr(GHashTable) attachments = NULL;
  g_autoptr(GHashTable) reasons = NULL;
  g_autoptr(GList) ids = NULL;
  g_autofree char *checked = wp_store_get_plan_checked (store, wp_plan_get_id (plan), NULL);
  guint n = 0;

  if (!wp_store_list_plan_tracking (store, wp_plan_get_id (plan), &closeouts, &attachments,
                                    &reasons, NULL)
      || (checked == NULL && g_hash_table_size (reasons) == 0))
    return;

  _wp_briefing_text_block (doc, _("Year-end Check"), 12, TRUE, 6);
  if (checked != NULL)
    {
      GDate day;
      g_autofree char *when = NULL;
      g_autofree char *line = NULL;

      g_date_clear (&day, 1);
      wp_date_from_iso (checked, &day);
      when = wp_date_format_display (&day);
      /* Translators: in the briefing: the day the year-end check was done */
      line = g_strdup_printf (_("Checked on %s. The unfinished items and why:"), when);
      _wp_briefing_text_block (doc, line, 9, FALSE, 6);
    }
  else
    _wp_briefing_text_block (doc, _("Not finished yet. The unfinished items explained so far:"), 9,
                             FALSE, 6);

  ids = g_hash_table_get_keys (reasons);
  ids = g_list_sort (ids, (GCompareFunc) compare_ids);
  for (GList *l = ids; l != NULL; l = l->next)
    {
      g_autoptr(WpItem) item = wp_store_get_item (store, *(gint64 *) l->data, NULL);
      g_autofree char *line = NULL;

      if (item == NULL || (agency != NULL && !wp_sheet_involves (item, agency)))
        continue;
      /* Translators: an unfinished item in the briefing's year-end check:
       * number, title, the reason it was not finished */
      line = g_strdup_printf (_("%u. %s — %s"), ++n, wp_item_get_title (item),
                              (const char *) g_hash_table_lookup (reasons, l->data));
      _wp_briefing_text_block (doc, line, 9, FALSE, 4);
    }
  _wp_briefing_skip (doc, 12);
}

void
_wp_briefing_lay_out (Doc         *doc,
                      WpStore     *store,
                      WpPlan      *plan,
                      WpPlanStats *stats,
                      const char  *agency,
                      const char  *edited_summary)
{
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *as_of = wp_date_format_display (&stats->as_of);
  g_autofree char *summary = edited_summary
                             ? g_strdup (edited_summary)
                             : wp_plan_stats_compose_summary (stats, wp_plan_get_title (plan));
  Listing listings[3];

  /* Translators: the briefing's title: the plan's title */
  title = g_strdup_printf (_("%s — Progress Briefing"), wp_plan_get_title (plan));
  _wp_briefing_text_block (doc, title, 16, TRUE, 6);
  /* Translators: under the briefing's title: organisation, date, agency */
  subtitle = agency
             ? g_strdup_printf (_("%s · as of %s · items of %s"), wp_plan_get_organization (plan),
                                as_of, agency)
             : g_strdup_printf (_("%s · as of %s"), wp_plan_get_organization (plan), as_of);
  _wp_briefing_text_block (doc, subtitle, 9, FALSE, 4);
  _wp_briefing_text_block (doc, wp_plan_stats_describe_unit (stats), 8, FALSE, 14);

  _wp_briefing_text_block (doc, summary, 10, FALSE, 16);

  if (stats->counts.total == 0 && stats->areas->len == 0)
    return;

  _wp_briefing_chart_block (doc, overview_chart, stats, 130, 16);
  _wp_briefing_chart_block (doc, areas_chart, stats, wp_chart_bars_height (stats->areas->len), 16);

  /* Once milestones are due: how the items stand against them */
  if (wp_counts_have_milestones (&stats->counts))
    {
      g_autofree char *counts = wp_counts_describe_pace (&stats->counts);
      /* Translators: under the briefing's milestone heading: the counts */
      g_autofree char *line = g_strdup_printf (_("%s."), counts);

      /* (the heading starts a page rather than end one without its chart) */
      _wp_briefing_need (doc, 60 + wp_chart_pace_height (stats->areas->len));
      _wp_briefing_text_block (doc, _("Against the Milestones"), 12, TRUE, 6);
      _wp_briefing_text_block (doc, line, 9, FALSE, 8);
      _wp_briefing_text_block (doc, _("By Area"), 10, TRUE, 4);
      _wp_briefing_chart_block (doc, pace_areas_chart, stats,
                                wp_chart_pace_height (stats->areas->len), 8);
      _wp_briefing_text_block (doc, _("By Lead Agency"), 10, TRUE, 4);
      _wp_briefing_chart_block (doc, pace_agencies_chart, stats,
                   wp_chart_pace_height (MIN (stats->agencies->len, PACE_MAX_AGENCIES)), 16);
    }

  if (stats->targets->len > 0)
    {
      _wp_briefing_text_block (doc, _("Targets"), 12, TRUE, 6);
      for (guint i = 0; i < stats->targets->len; i++)
        {
          WpItemTarget *pair = g_ptr_array_index (stats->targets, i);
          g_autofree char *values = wp_target_format_values (pair->target);
          g_autofree char *line = g_strdup_printf (
            /* Translators: a target in the briefing: number, label, values, item */
            _("%u. %s: %s — %s"), i + 1, pair->target->label, values,
            wp_item_get_title (pair->item));

          _wp_briefing_text_block (doc, line, 9, FALSE, i + 1 == stats->targets->len ? 16 : 4);
        }
    }

  /* The lists after the table are worded now, and the items in them go:
   * nothing draws them (the charts count, and list no item) */
  listed_items (&listings[0], stats, stats->overdue, _("Overdue Items"));
  listed_items (&listings[1], stats, stats->due_soon, _("Items at Risk"));
  behind_items (&listings[2], stats);
  g_clear_pointer (&stats->overdue, g_ptr_array_unref);
  g_clear_pointer (&stats->due_soon, g_ptr_array_unref);
  g_clear_pointer (&stats->behind, g_ptr_array_unref);
  g_clear_pointer (&stats->below, g_hash_table_unref);
  g_clear_pointer (&stats->targets, g_ptr_array_unref);

  _wp_briefing_text_block (doc, _("Items by Area"), 12, TRUE, 6);
  _wp_briefing_table_header (doc);
  {
    g_autoptr(WpPlanFacts) facts = wp_store_list_plan_facts (store, wp_plan_get_id (plan), NULL);
    g_autoptr(GHashTable) notes = wp_store_list_plan_notes (store, wp_plan_get_id (plan), NULL);
    ItemRows rows = { doc, agency, facts, notes };

    if (facts != NULL && notes != NULL)
      wp_store_walk_plan (store, wp_plan_get_id (plan), item_row, &rows, NULL);
  }
  _wp_briefing_end_table (doc);
  _wp_briefing_skip (doc, 16);

  for (guint i = 0; i < G_N_ELEMENTS (listings); i++)
    listing_lay_out (doc, &listings[i]);
  year_end_check (doc, store, plan, agency);
}
