/* wp-json-text.c: walking interchange JSON text, for wp-json-read.c
 *
 * wp_json_scan() has checked the whole text first (RFC 8259 JSON, members
 * named once, numbers in range, escapes that decode to Unicode without
 * U+0000, depth), so this reader takes what it finds without checking it
 * again. wp-json-read.c reads the plain members of an item (those an
 * export writes) with it straight into an ImportItem, builds json-glib
 * nodes only for an item that has others, one item's own members at a
 * time, and reads each "children" list (and the top "items") straight
 * into ImportItems: the whole document is never
 * held as a tree, which at 100,000 items was 450 MB and most of an
 * import's time.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
/* madvise() under -std=c11 */
#define _DEFAULT_SOURCE

#include "config.h"

#include <string.h>
#include <sys/mman.h>
#include <unistd.h>
#include <json-glib/json-glib.h>

#include "wp-json-read.h"

void
_wp_json_skip_space (Reader *r)
{
  while (r->p < r->end && (*r->p == ' ' || *r->p == '\n' || *r->p == '\r' || *r->p == '\t'))
    r->p++;
}

/* Gives the pages of text read so far back to the system, a few MB at a
 * time, when the text is the reader's to give (r->kept): a file of 100,000
 * items is 69 MB of text, which otherwise stays in memory beside the items
 * made of it. Called between items, when nothing points into the text
 * behind r->p; the pages given back read as zeros and are never read
 * again. */
void
_wp_json_let_go (Reader *r)
{
  const gsize at_least = 4 * 1024 * 1024;
  gsize page_size;
  const char *upto;

  if (r->kept == NULL)
    return;
  page_size = (gsize) sysconf (_SC_PAGESIZE);
  upto = (const char *) ((guintptr) r->p & ~(guintptr) (page_size - 1));
  if (upto <= r->kept || (gsize) (upto - r->kept) < at_least)
    return;
  /* (when this fails, the text only stays in memory as it did) */
  if (madvise ((void *) r->kept, upto - r->kept, MADV_DONTNEED) == 0)
    r->kept = upto;
}

static int
hex_digit (char c)
{
  return g_ascii_xdigit_value (c);
}

static int
hex4 (const char *p)
{
  return (hex_digit (p[0]) << 12) | (hex_digit (p[1]) << 8) | (hex_digit (p[2]) << 4)
         | hex_digit (p[3]);
}

/* At the opening quote; leaves r->text holding the decoded text. */
void
_wp_json_read_string (Reader *r)
{
  g_string_truncate (r->text, 0);
  for (r->p++; r->p < r->end && *r->p != '"';)
    {
      const char *run = r->p;
      int code;

      while (r->p < r->end && *r->p != '"' && *r->p != '\\')
        r->p++;
      g_string_append_len (r->text, run, r->p - run);
      if (r->p >= r->end || *r->p == '"')
        break;

      switch (r->p[1])
        {
        case 'b': g_string_append_c (r->text, '\b'); break;
        case 'f': g_string_append_c (r->text, '\f'); break;
        case 'n': g_string_append_c (r->text, '\n'); break;
        case 'r': g_string_append_c (r->text, '\r'); break;
        case 't': g_string_append_c (r->text, '\t'); break;
        case 'u':
          code = hex4 (r->p + 2);
          if (code >= 0xD800 && code <= 0xDBFF)
            {
              code = 0x10000 + ((code - 0xD800) << 10) + (hex4 (r->p + 8) - 0xDC00);
              r->p += 6;
            }
          g_string_append_unichar (r->text, (gunichar) code);
          r->p += 4;
          break;
        default:  /* " \ / */
          g_string_append_c (r->text, r->p[1]);
          break;
        }
      r->p += 2;
    }
  r->p++;
}

/* At an object's “{”, or after one of its members' value: steps over
 * what leads to the next member's value and returns its name (in
 * r->text, until the next string is read), or steps past the “}” and
 * returns %NULL when there are no more members. */
const char *
_wp_json_next_member (Reader *r)
{
  _wp_json_skip_space (r);
  if (*r->p == '{' || *r->p == ',')
    {
      r->p++;
      _wp_json_skip_space (r);
    }
  if (*r->p == '}')
    {
      r->p++;
      return NULL;
    }
  _wp_json_read_string (r);
  _wp_json_skip_space (r);
  r->p++;  /* : */
  _wp_json_skip_space (r);
  return r->text->str;
}

/* _wp_json_next_member(), the name the caller's */
char *
_wp_json_read_member_key (Reader *r)
{
  return g_strdup (_wp_json_next_member (r));
}

JsonNode *
_wp_json_read_value (Reader *r)
{
  JsonNode *node;

  _wp_json_skip_space (r);
  switch (*r->p)
    {
    case '{':
      {
        JsonObject *object = json_object_new ();

        for (;;)
          {
            g_autofree char *key = _wp_json_read_member_key (r);

            if (key == NULL)
              break;
            json_object_set_member (object, key, _wp_json_read_value (r));
          }
        node = json_node_init_object (json_node_alloc (), object);
        json_object_unref (object);
        return node;
      }
    case '[':
      {
        JsonArray *array = json_array_new ();

        for (r->p++, _wp_json_skip_space (r); *r->p != ']'; _wp_json_skip_space (r))
          {
            if (*r->p == ',')
              r->p++;
            json_array_add_element (array, _wp_json_read_value (r));
          }
        r->p++;
        node = json_node_init_array (json_node_alloc (), array);
        json_array_unref (array);
        return node;
      }
    case '"':
      _wp_json_read_string (r);
      return json_node_init_string (json_node_alloc (), r->text->str);
    case 't':
      r->p += 4;
      return json_node_init_boolean (json_node_alloc (), TRUE);
    case 'f':
      r->p += 5;
      return json_node_init_boolean (json_node_alloc (), FALSE);
    case 'n':
      r->p += 4;
      return json_node_init_null (json_node_alloc ());
    default:
      {
        const char *start = r->p;
        gboolean integer = TRUE;
        char *number;

        while (r->p < r->end && strchr ("+-0123456789.eE", *r->p) != NULL)
          {
            if (*r->p == '.' || *r->p == 'e' || *r->p == 'E')
              integer = FALSE;
            r->p++;
          }
        /* As json-glib reads numbers: integers as such, the rest as doubles */
        number = g_strndup (start, r->p - start);
        node = integer ? json_node_init_int (json_node_alloc (), g_ascii_strtoll (number, NULL, 10))
                       : json_node_init_double (json_node_alloc (), g_ascii_strtod (number, NULL));
        g_free (number);
        return node;
      }
    }
}

/* Steps over one value, for what is read no further after an error. */
void
_wp_json_skip_value (Reader *r)
{
  int depth = 0;

  _wp_json_skip_space (r);
  do
    {
      if (*r->p == '"')
        {
          for (r->p++; *r->p != '"'; r->p++)
            if (*r->p == '\\')
              r->p++;
          r->p++;
          continue;
        }
      if (*r->p == '{' || *r->p == '[')
        depth++;
      else if (*r->p == '}' || *r->p == ']')
        depth--;
      else if (depth == 0)
        {
          /* a number or a word: up to what ends it */
          while (r->p < r->end && strchr (",}] \n\r\t", *r->p) == NULL)
            r->p++;
          return;
        }
      r->p++;
    }
  while (depth > 0 && r->p < r->end);
}
