/* fuzz-deadline.c: libFuzzer target for the deadline words parser
 *
 * Each input is read as deadline words (上半年, 6月底前, 2025-06-30) for a
 * few plan years, the edge ones included, and as a stored ISO date. What
 * the parser returns must hold together: a date or ongoing, never both,
 * and every date written back as ISO reads back as itself.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stdint.h>

#include "workplan-core.h"

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

static void
check_date (const GDate *date)
{
  g_autofree char *iso = wp_date_to_iso (date);
  g_autofree char *shown = wp_date_format_display (date);
  GDate back;
  WpDeadline again;

  g_assert_true (g_date_valid (date));
  g_assert_nonnull (iso);
  g_assert_true (shown[0] != '\0');
  g_assert_true (wp_date_from_iso (iso, &back));
  g_assert_cmpint (g_date_compare (date, &back), ==, 0);
  g_assert_true (wp_deadline_parse (iso, 2025, &again));
  g_assert_cmpint (g_date_compare (date, &again.date), ==, 0);
  g_assert_cmpint (wp_deadline_quarter (date), >=, 1);
  g_assert_cmpint (wp_deadline_quarter (date), <=, 4);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  static const int plan_years[] = { 2025, 1, 9998, 9999, 0, -1, G_MININT, G_MAXINT };
  /* The parser takes C strings: the input up to its first NUL */
  g_autofree char *text = g_strndup ((const char *) data, size);
  GDate date;

  for (guint i = 0; i < G_N_ELEMENTS (plan_years); i++)
    {
      WpDeadline deadline;

      if (!wp_deadline_parse (text, plan_years[i], &deadline))
        {
          g_assert_false (g_date_valid (&deadline.date));
          g_assert_false (deadline.ongoing);
          continue;
        }
      g_assert_true (g_date_valid (&deadline.date) != deadline.ongoing);
      if (g_date_valid (&deadline.date))
        check_date (&deadline.date);
    }

  if (wp_date_from_iso (text, &date))
    check_date (&date);
  else
    g_assert_false (g_date_valid (&date));

  return 0;
}
