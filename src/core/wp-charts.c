/* wp-charts.c: the progress charts, drawn with Cairo and Pango, for the
 * screen, the PDF and print alike
 *
 * Every chart lays itself out in the size it is given: labels are measured
 * with Pango (CJK agency names included) and bars take what is left. No
 * position is fixed in pixels, so the same code serves a narrow pane, a
 * wide window and an A4 page.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <glib/gi18n-lib.h>
#include <pango/pangocairo.h>

#include "wp-charts.h"

#define FONT "Noto Sans CJK SC, Noto Sans, sans"
#define BAR_ROW 22.0

void
wp_chart_status_rgb (WpItemStatus  status,
                     double       *r,
                     double       *g,
                     double       *b)
{
  /* GNOME palette: green 4, blue 3, light grey 3, brown 2. */
  static const double colours[][3] = {
    { 0.75, 0.75, 0.74 },  /* not started */
    { 0.21, 0.52, 0.89 },  /* in progress */
    { 0.18, 0.76, 0.49 },  /* done */
    { 0.71, 0.51, 0.35 },  /* suspended */
  };

  *r = colours[status][0];
  *g = colours[status][1];
  *b = colours[status][2];
}

/* A label is one line, which shows fewer characters than this on any page
 * or screen; Pango's cost grows with the text it is given (a 1 MB area
 * title took seconds for each drawing of the chart). */
#define LABEL_MAX_CHARS 1000

static PangoLayout *
label (cairo_t    *cr,
       const char *text,
       double      size,
       gboolean    bold)
{
  PangoLayout *layout = pango_cairo_create_layout (cr);
  g_autoptr(PangoFontDescription) font = pango_font_description_from_string (FONT);
  g_autofree char *cut = NULL;

  if (strlen (text) > LABEL_MAX_CHARS)
    cut = g_utf8_substring (text, 0, LABEL_MAX_CHARS);
  pango_font_description_set_absolute_size (font, size * PANGO_SCALE);
  if (bold)
    pango_font_description_set_weight (font, PANGO_WEIGHT_BOLD);
  pango_layout_set_font_description (layout, font);
  pango_layout_set_text (layout, cut != NULL ? cut : text, -1);
  return layout;
}

static void
text_size (PangoLayout *layout,
           double      *w,
           double      *h)
{
  int pw, ph;

  pango_layout_get_size (layout, &pw, &ph);
  *w = (double) pw / PANGO_SCALE;
  *h = (double) ph / PANGO_SCALE;
}

static void
show (cairo_t     *cr,
      PangoLayout *layout,
      double       x,
      double       y)
{
  cairo_move_to (cr, x, y);
  pango_cairo_show_layout (cr, layout);
}

/* Where the status chart's ring and legend go, for drawing it and for
 * finding what a click hit. */
typedef struct {
  guint  values[4];   /* the items of each of status_order[] */
  double radius, cx, cy;
  double legend_x, legend_y;
} StatusRing;

static const WpItemStatus status_order[] = {
  WP_ITEM_STATUS_DONE, WP_ITEM_STATUS_IN_PROGRESS, WP_ITEM_STATUS_NOT_STARTED,
  WP_ITEM_STATUS_SUSPENDED,
};

static void
status_ring (const WpCounts *counts,
             double          width,
             double          height,
             StatusRing     *ring)
{
  gboolean legend_right = width > height * 1.6;
  double size = legend_right ? MIN (height, width * 0.45) : MIN (width, height * 0.62);

  ring->values[0] = counts->done;
  ring->values[1] = counts->in_progress;
  ring->values[2] = counts->not_started;
  ring->values[3] = counts->suspended;
  ring->radius = size / 2 - 2;
  ring->cx = ring->cy = size / 2;
  ring->legend_x = legend_right ? size + 16 : 0;
  ring->legend_y = legend_right ? MAX (0, (size - 4 * 20) / 2) : size + 8;
}

/**
 * wp_chart_draw_status:
 *
 * A ring of the statuses with the share done in its middle, and a legend
 * beside it when there is room (below it otherwise).
 */
void
wp_chart_draw_status (cairo_t        *cr,
                      const WpCounts *counts,
                      double          width,
                      double          height)
{
  StatusRing ring;
  double angle = -G_PI / 2;
  g_autofree char *share = NULL;
  g_autoptr(PangoLayout) middle = NULL;
  double tw, th;

  status_ring (counts, width, height, &ring);
  cairo_save (cr);
  cairo_new_path (cr);
  cairo_set_line_width (cr, ring.radius * 0.32);
  if (counts->total == 0)
    {
      cairo_set_source_rgb (cr, 0.87, 0.87, 0.85);
      cairo_arc (cr, ring.cx, ring.cy, ring.radius * 0.84, 0, 2 * G_PI);
      cairo_stroke (cr);
    }
  for (guint i = 0; i < G_N_ELEMENTS (ring.values) && counts->total > 0; i++)
    {
      double sweep = 2 * G_PI * ring.values[i] / counts->total, r, g, b;

      if (ring.values[i] == 0)
        continue;
      wp_chart_status_rgb (status_order[i], &r, &g, &b);
      cairo_set_source_rgb (cr, r, g, b);
      cairo_arc (cr, ring.cx, ring.cy, ring.radius * 0.84, angle, angle + sweep);
      cairo_stroke (cr);
      angle += sweep;
    }

  share = g_strdup_printf (_("%.0f%%"), counts->total ? 100.0 * counts->done / counts->total : 0);
  middle = label (cr, share, ring.radius * 0.38, TRUE);
  text_size (middle, &tw, &th);
  cairo_set_source_rgb (cr, 0.14, 0.14, 0.14);
  show (cr, middle, ring.cx - tw / 2, ring.cy - th / 2);

  /* Legend: colour, status, count. */
  {
    double x = ring.legend_x;
    double y = ring.legend_y;

    for (guint i = 0; i < G_N_ELEMENTS (ring.values); i++)
      {
        g_autofree char *text = g_strdup_printf ("%s  %u",
                                                 wp_item_status_to_label (status_order[i]),
                                                 ring.values[i]);
        g_autoptr(PangoLayout) layout = label (cr, text, 11, FALSE);
        double r, g, b;

        wp_chart_status_rgb (status_order[i], &r, &g, &b);
        cairo_set_source_rgb (cr, r, g, b);
        cairo_rectangle (cr, x, y + 4, 10, 10);
        cairo_fill (cr);
        cairo_set_source_rgb (cr, 0.14, 0.14, 0.14);
        show (cr, layout, x + 16, y);
        y += 20;
      }
  }
  cairo_restore (cr);
}

/**
 * wp_chart_status_hit:
 * @width: @height: the size wp_chart_draw_status() drew at
 * @x: @y: a point on the chart
 *
 * Returns: the status of the ring's segment or legend row at the point,
 *   or -1
 */
int
wp_chart_status_hit (const WpCounts *counts,
                     double          width,
                     double          height,
                     double          x,
                     double          y)
{
  StatusRing ring;
  double distance;

  status_ring (counts, width, height, &ring);
  distance = hypot (x - ring.cx, y - ring.cy);

  /* The ring's band: its line is 0.32 of the radius wide at 0.84 of it */
  if (counts->total > 0 && distance >= ring.radius * 0.68 && distance <= ring.radius)
    {
      /* Clockwise from twelve o'clock, as drawn */
      double angle = atan2 (y - ring.cy, x - ring.cx) + G_PI / 2;
      double start = 0;

      if (angle < 0)
        angle += 2 * G_PI;
      for (guint i = 0; i < G_N_ELEMENTS (ring.values); i++)
        {
          double sweep = 2 * G_PI * ring.values[i] / counts->total;

          if (ring.values[i] > 0 && angle >= start && angle < start + sweep)
            return status_order[i];
          start += sweep;
        }
      return -1;
    }

  if (x >= ring.legend_x && x <= width && y >= ring.legend_y && y < ring.legend_y + 4 * 20)
    return status_order[(int) ((y - ring.legend_y) / 20)];
  return -1;
}

/**
 * wp_chart_trend_hit:
 * @width: the width wp_chart_draw_trend() drew at
 *
 * Returns: the month (1–12) whose column is at @x, or 0
 */
int
wp_chart_trend_hit (double width,
                    double x)
{
  if (width <= 0 || x < 0 || x >= width)
    return 0;
  return (int) (x / (width / 12)) + 1;
}

double
wp_chart_bars_height (guint n_groups)
{
  return n_groups * BAR_ROW;
}

/**
 * wp_chart_bars_hit:
 * @y: from the top of the bars as drawn by wp_chart_draw_bars()
 *
 * Returns: the group whose bar is at @y, or -1 for none
 */
int
wp_chart_bars_hit (guint  n_groups,
                   double y)
{
  if (y < 0 || y >= n_groups * BAR_ROW)
    return -1;
  return (int) (y / BAR_ROW);
}

/**
 * wp_chart_draw_bars:
 * @groups: (element-type WpGroupCounts): areas or agencies
 *
 * One bar of progress per group, stacked by status share under a line of
 * the overall progress; names take the width their longest needs, up to
 * two fifths of @width, and are cut with an ellipsis beyond.
 */
void
wp_chart_draw_bars (cairo_t   *cr,
                    GPtrArray *groups,
                    guint      max_groups,
                    double     width)
{
  guint n = MIN (groups->len, max_groups);
  double name_width = 0;

  cairo_save (cr);
  cairo_new_path (cr);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PangoLayout) layout =
        label (cr, ((WpGroupCounts *) g_ptr_array_index (groups, i))->name, 11, FALSE);
      double w, h;

      text_size (layout, &w, &h);
      name_width = MAX (name_width, w);
    }
  name_width = MIN (name_width + 8, width * 0.4);

  for (guint i = 0; i < n; i++)
    {
      WpGroupCounts *group = g_ptr_array_index (groups, i);
      g_autoptr(PangoLayout) name = label (cr, group->name, 11, FALSE);
      g_autofree char *value_text = g_strdup_printf (_("%.0f%%"), group->counts.progress);
      g_autoptr(PangoLayout) value = label (cr, value_text, 11, FALSE);
      double y = i * BAR_ROW, vw, vh, bar_x = name_width, bar_w;

      text_size (value, &vw, &vh);
      bar_w = MAX (10, width - name_width - vw - 8);

      pango_layout_set_width (name, (int) ((name_width - 8) * PANGO_SCALE));
      pango_layout_set_ellipsize (name, PANGO_ELLIPSIZE_END);
      cairo_set_source_rgb (cr, 0.14, 0.14, 0.14);
      show (cr, name, 0, y + 2);

      cairo_set_source_rgb (cr, 0.87, 0.87, 0.85);
      cairo_rectangle (cr, bar_x, y + 6, bar_w, BAR_ROW - 12);
      cairo_fill (cr);
      cairo_set_source_rgb (cr, 0.21, 0.52, 0.89);
      cairo_rectangle (cr, bar_x, y + 6, bar_w * CLAMP (group->counts.progress, 0, 100) / 100,
                       BAR_ROW - 12);
      cairo_fill (cr);
      /* Overdue work shows as a red mark at the bar's end, with its count. */
      if (group->counts.overdue > 0)
        {
          cairo_set_source_rgb (cr, 0.88, 0.11, 0.14);
          cairo_rectangle (cr, bar_x + bar_w - 4, y + 4, 4, BAR_ROW - 8);
          cairo_fill (cr);
        }
      cairo_set_source_rgb (cr, 0.14, 0.14, 0.14);
      show (cr, value, bar_x + bar_w + 6, y + 2);
    }
  cairo_restore (cr);
}

/* The milestone breakdown (形象进度): one stacked bar per group, under a
 * legend. The segments go in this order, the legend's, so that position
 * and the hatched 欠进度 say what a segment is without its colour. */
static const WpPace pace_order[] = {
  WP_PACE_AHEAD, WP_PACE_ON_TRACK, WP_PACE_BEHIND, WP_PACE_DONE, WP_PACE_NONE,
};

#define PACE_LEGEND_ROW 24.0

static void
pace_rgb (WpPace  pace,
          double *r,
          double *g,
          double *b)
{
  /* GNOME palette: green 4, blue 3, teal-ish blue 2, orange 4, light grey 2 */
  static const double colours[][3] = {
    [WP_PACE_NONE] = { 0.87, 0.87, 0.85 },
    [WP_PACE_AHEAD] = { 0.21, 0.52, 0.89 },
    [WP_PACE_ON_TRACK] = { 0.60, 0.76, 0.95 },
    [WP_PACE_BEHIND] = { 0.90, 0.38, 0.00 },
    [WP_PACE_DONE] = { 0.18, 0.76, 0.49 },
  };

  *r = colours[pace][0];
  *g = colours[pace][1];
  *b = colours[pace][2];
}

double
wp_chart_pace_height (guint n_groups)
{
  return PACE_LEGEND_ROW + n_groups * BAR_ROW;
}

/* Where a group's bar and its segments go: the name column, then the bar;
 * every segment with items is at least as wide as its count */
typedef struct {
  double name_width;
  double x[G_N_ELEMENTS (pace_order)];   /* from the bar's start */
  double w[G_N_ELEMENTS (pace_order)];
} PaceRow;

static double
pace_name_width (cairo_t   *cr,
                 GPtrArray *groups,
                 guint      n,
                 double     width)
{
  double name_width = 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PangoLayout) layout =
        label (cr, ((WpGroupCounts *) g_ptr_array_index (groups, i))->name, 11, FALSE);
      double w, h;

      text_size (layout, &w, &h);
      name_width = MAX (name_width, w);
    }
  return MIN (name_width + 8, width * 0.4);
}

static void
pace_row (cairo_t             *cr,
          const WpGroupCounts *group,
          double               name_width,
          double               width,
          PaceRow             *row)
{
  double bar_w = MAX (10, width - name_width), least[G_N_ELEMENTS (pace_order)];
  double sum_least = 0, x = 0;
  guint total = 0;

  row->name_width = name_width;
  for (guint k = 0; k < G_N_ELEMENTS (pace_order); k++)
    {
      guint n = group->counts.pace[pace_order[k]];

      least[k] = 0;
      if (n > 0)
        {
          g_autofree char *text = g_strdup_printf ("%u", n);
          g_autoptr(PangoLayout) layout = label (cr, text, 10, TRUE);
          double tw, th;

          text_size (layout, &tw, &th);
          least[k] = tw + 8;
        }
      sum_least += least[k];
      total += n;
    }
  for (guint k = 0; k < G_N_ELEMENTS (pace_order); k++)
    {
      guint n = group->counts.pace[pace_order[k]];

      if (total == 0)
        row->w[k] = 0;
      else if (sum_least < bar_w)
        row->w[k] = least[k] + (bar_w - sum_least) * n / total;
      else
        row->w[k] = bar_w * n / total;
      row->x[k] = x;
      x += row->w[k];
    }
}

static cairo_t *
measuring_context (void)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1, 1);
  cairo_t *cr = cairo_create (surface);

  cairo_surface_destroy (surface);
  return cr;
}

/**
 * wp_chart_draw_pace:
 * @groups: (element-type WpGroupCounts): areas or agencies
 *
 * The legend, then one bar per group stacked by where its items stand
 * against their milestones, each segment with its count written on it.
 */
void
wp_chart_draw_pace (cairo_t   *cr,
                    GPtrArray *groups,
                    guint      max_groups,
                    double     width)
{
  guint n = MIN (groups->len, max_groups);
  double name_width, x = 0;

  cairo_save (cr);
  cairo_new_path (cr);
  for (guint k = 0; k < G_N_ELEMENTS (pace_order); k++)
    {
      g_autoptr(PangoLayout) layout = label (cr, wp_pace_to_label (pace_order[k]), 11, FALSE);
      double r, g, b, tw, th;

      pace_rgb (pace_order[k], &r, &g, &b);
      cairo_set_source_rgb (cr, r, g, b);
      cairo_rectangle (cr, x, 6, 10, 10);
      cairo_fill (cr);
      if (pace_order[k] == WP_PACE_BEHIND)
        {
          cairo_set_source_rgb (cr, 1, 1, 1);
          cairo_set_line_width (cr, 1.2);
          cairo_move_to (cr, x, 12);
          cairo_line_to (cr, x + 4, 16);
          cairo_move_to (cr, x, 6);
          cairo_line_to (cr, x + 10, 16);
          cairo_move_to (cr, x + 6, 6);
          cairo_line_to (cr, x + 10, 10);
          cairo_stroke (cr);
        }
      text_size (layout, &tw, &th);
      cairo_set_source_rgb (cr, 0.14, 0.14, 0.14);
      show (cr, layout, x + 14, 3);
      x += 14 + tw + 16;
    }

  name_width = pace_name_width (cr, groups, n, width);
  for (guint i = 0; i < n; i++)
    {
      WpGroupCounts *group = g_ptr_array_index (groups, i);
      g_autoptr(PangoLayout) name = label (cr, group->name, 11, FALSE);
      double y = PACE_LEGEND_ROW + i * BAR_ROW;
      PaceRow row;

      pace_row (cr, group, name_width, width, &row);
      pango_layout_set_width (name, (int) ((name_width - 8) * PANGO_SCALE));
      pango_layout_set_ellipsize (name, PANGO_ELLIPSIZE_END);
      cairo_set_source_rgb (cr, 0.14, 0.14, 0.14);
      show (cr, name, 0, y + 2);

      for (guint k = 0; k < G_N_ELEMENTS (pace_order); k++)
        {
          guint count = group->counts.pace[pace_order[k]];
          double sx = name_width + row.x[k], r, g, b;
          g_autofree char *text = NULL;
          g_autoptr(PangoLayout) number = NULL;
          double tw, th;

          if (count == 0)
            continue;
          pace_rgb (pace_order[k], &r, &g, &b);
          cairo_set_source_rgb (cr, r, g, b);
          cairo_rectangle (cr, sx, y + 3, row.w[k], BAR_ROW - 6);
          cairo_fill (cr);
          if (pace_order[k] == WP_PACE_BEHIND)
            {
              /* Stripes, for those who cannot tell the colours apart */
              cairo_save (cr);
              cairo_rectangle (cr, sx, y + 3, row.w[k], BAR_ROW - 6);
              cairo_clip (cr);
              cairo_set_source_rgba (cr, 1, 1, 1, 0.35);
              cairo_set_line_width (cr, 2);
              for (double d = -BAR_ROW; d < row.w[k]; d += 7)
                {
                  cairo_move_to (cr, sx + d, y + BAR_ROW - 3);
                  cairo_line_to (cr, sx + d + BAR_ROW - 6, y + 3);
                }
              cairo_stroke (cr);
              cairo_restore (cr);
            }
          /* A thin gap between segments */
          cairo_set_source_rgb (cr, 1, 1, 1);
          cairo_rectangle (cr, sx + row.w[k] - 1, y + 3, 1, BAR_ROW - 6);
          cairo_fill (cr);

          text = g_strdup_printf ("%u", count);
          number = label (cr, text, 10, TRUE);
          text_size (number, &tw, &th);
          if (tw + 4 > row.w[k])
            continue;
          if (pace_order[k] == WP_PACE_NONE || pace_order[k] == WP_PACE_ON_TRACK)
            cairo_set_source_rgb (cr, 0.14, 0.14, 0.14);
          else
            cairo_set_source_rgb (cr, 1, 1, 1);
          show (cr, number, sx + (row.w[k] - tw) / 2, y + (BAR_ROW - th) / 2);
        }
    }
  cairo_restore (cr);
}

/**
 * wp_chart_pace_hit:
 * @width: the width wp_chart_draw_pace() drew at
 * @x: @y: a point on the chart
 * @pace: (out): the segment's category
 *
 * Returns: the group whose bar has a segment with items at the point, or -1
 */
int
wp_chart_pace_hit (GPtrArray *groups,
                   guint      max_groups,
                   double     width,
                   double     x,
                   double     y,
                   WpPace    *pace)
{
  guint n = MIN (groups->len, max_groups);
  cairo_t *cr;
  double name_width;
  PaceRow row;
  int index;

  if (y < PACE_LEGEND_ROW || y >= PACE_LEGEND_ROW + n * BAR_ROW)
    return -1;
  index = (int) ((y - PACE_LEGEND_ROW) / BAR_ROW);
  cr = measuring_context ();
  name_width = pace_name_width (cr, groups, n, width);
  pace_row (cr, g_ptr_array_index (groups, index), name_width, width, &row);
  cairo_destroy (cr);
  for (guint k = 0; k < G_N_ELEMENTS (pace_order); k++)
    if (row.w[k] > 0 && x >= name_width + row.x[k] && x < name_width + row.x[k] + row.w[k])
      {
        *pace = pace_order[k];
        return index;
      }
  return -1;
}

/**
 * wp_chart_pace_segment_centre:
 * @x: @y: (out): the middle of the segment of @pace in the bar of group @index
 *
 * Returns: whether that segment has items (and so is drawn)
 */
gboolean
wp_chart_pace_segment_centre (GPtrArray *groups,
                              guint      max_groups,
                              double     width,
                              guint      index,
                              WpPace     pace,
                              double    *x,
                              double    *y)
{
  guint n = MIN (groups->len, max_groups);
  cairo_t *cr;
  double name_width;
  PaceRow row;
  gboolean found = FALSE;

  if (index >= n)
    return FALSE;
  cr = measuring_context ();
  name_width = pace_name_width (cr, groups, n, width);
  pace_row (cr, g_ptr_array_index (groups, index), name_width, width, &row);
  cairo_destroy (cr);
  for (guint k = 0; k < G_N_ELEMENTS (pace_order); k++)
    if (pace_order[k] == pace && row.w[k] > 0)
      {
        *x = name_width + row.x[k] + row.w[k] / 2;
        *y = PACE_LEGEND_ROW + index * BAR_ROW + BAR_ROW / 2;
        found = TRUE;
      }
  return found;
}

/**
 * wp_chart_draw_trend:
 *
 * Items finished in each month of the year, as columns with the month
 * under each.
 */
void
wp_chart_draw_trend (cairo_t     *cr,
                     const guint *done_by_month,
                     double       width,
                     double       height)
{
  guint max = 1, label_step = 1;
  double slot = width / 12, base;
  g_autoptr(PangoLayout) probe = NULL;
  g_autofree char *widest = NULL;
  double lw, lh;

  for (guint m = 0; m < 12; m++)
    max = MAX (max, done_by_month[m]);

  cairo_save (cr);
  cairo_new_path (cr);
  widest = g_strdup_printf (C_("month", "%u"), 12);
  probe = label (cr, widest, 10, FALSE);
  text_size (probe, &lw, &lh);
  base = height - lh - 4;
  /* Label every other month when the labels would run together */
  if (lw + 4 > slot)
    label_step = 2;

  cairo_set_source_rgb (cr, 0.75, 0.75, 0.74);
  cairo_set_line_width (cr, 1);
  cairo_move_to (cr, 0, base + 0.5);
  cairo_line_to (cr, width, base + 0.5);
  cairo_stroke (cr);

  for (guint m = 0; m < 12; m++)
    {
      /* Translators: a month under the monthly chart, e.g. "6月" */
      g_autofree char *month = g_strdup_printf (C_("month", "%u"), m + 1);
      g_autoptr(PangoLayout) layout = label (cr, month, 10, FALSE);
      double bar_h = (base - lh - 6) * done_by_month[m] / max;
      double x = m * slot + slot * 0.2, w = slot * 0.6, tw, th;

      cairo_set_source_rgb (cr, 0.18, 0.76, 0.49);
      cairo_rectangle (cr, x, base - bar_h, w, bar_h);
      cairo_fill (cr);

      text_size (layout, &tw, &th);
      cairo_set_source_rgb (cr, 0.35, 0.35, 0.35);
      if (m % label_step == 0)
        show (cr, layout, m * slot + (slot - tw) / 2, base + 3);

      if (done_by_month[m] > 0)
        {
          g_autofree char *n = g_strdup_printf ("%u", done_by_month[m]);
          g_autoptr(PangoLayout) count = label (cr, n, 10, TRUE);

          text_size (count, &tw, &th);
          cairo_set_source_rgb (cr, 0.14, 0.14, 0.14);
          show (cr, count, m * slot + (slot - tw) / 2, base - bar_h - th - 1);
        }
    }
  cairo_restore (cr);
}
