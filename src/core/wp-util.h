/* wp-util.h: small helpers shared by the core
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <string.h>

G_BEGIN_DECLS

/* Like g_set_str() of GLib 2.76, which Debian 12 does not have yet. */
static inline gboolean
wp_set_str (char       **str_pointer,
            const char  *new_str)
{
  char *copy;

  if (*str_pointer == new_str || g_strcmp0 (*str_pointer, new_str) == 0)
    return FALSE;

  copy = g_strdup (new_str);
  g_free (*str_pointer);
  *str_pointer = copy;
  return TRUE;
}

/* Space a name cannot be made of: Unicode white space, the full-width
 * U+3000 of Chinese text included, and invisible format characters such as
 * U+200B ZERO WIDTH SPACE and U+FEFF. */
static inline gboolean
wp_unichar_is_blank (gunichar c)
{
  return g_unichar_isspace (c) || g_unichar_type (c) == G_UNICODE_FORMAT;
}

/* Removes blank characters from both ends of the valid UTF-8 @text, in
 * place; returns @text. */
static inline char *
wp_utf8_strip_blank (char *text)
{
  char *start = text;
  char *end = text + strlen (text);

  while (*start != '\0' && wp_unichar_is_blank (g_utf8_get_char (start)))
    start = g_utf8_next_char (start);
  while (end > start && wp_unichar_is_blank (g_utf8_get_char (g_utf8_prev_char (end))))
    end = g_utf8_prev_char (end);
  memmove (text, start, end - start);
  text[end - start] = '\0';
  return text;
}

G_END_DECLS
