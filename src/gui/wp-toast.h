/* wp-toast.h: toasts whose text is shown as written
 *
 * libadwaita 1.2 reads a toast's title as Pango markup (use-markup came in
 * 1.4): an item titled "R&D" or an error naming a file with "<" in it
 * made an empty toast and a warning. These escape the text.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* A toast showing @text as it is */
static inline AdwToast *
wp_toast_new (const char *text)
{
  g_autofree char *escaped = g_markup_escape_text (text, -1);

  return adw_toast_new (escaped);
}

/* A toast from a format (itself not escaped) and arguments (escaped) */
G_GNUC_PRINTF (1, 2)
static inline AdwToast *
wp_toast_new_printf (const char *format,
                     ...)
{
  g_autofree char *title = NULL;
  va_list args;

  va_start (args, format);
  title = g_markup_vprintf_escaped (format, args);
  va_end (args);
  return adw_toast_new (title);
}

G_END_DECLS
