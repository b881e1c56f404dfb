/* wp-deadline.h: fuzzy deadlines (完成时限) such as 上半年, 年底前, 6月底前
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct {
  GDate    date;     /* cleared (invalid) when the deadline has no date */
  gboolean ongoing;  /* 长期坚持 and its synonyms */
} WpDeadline;

gboolean  wp_deadline_parse         (const char   *text,
                                     int           plan_year,
                                     WpDeadline   *out);
int       wp_deadline_quarter       (const GDate  *date);
char     *wp_date_to_iso            (const GDate  *date);
gboolean  wp_date_from_iso          (const char   *iso,
                                     GDate        *date);
char     *wp_date_format_display    (const GDate  *date);
void      wp_date_get_reference     (GDate        *date);

G_END_DECLS
