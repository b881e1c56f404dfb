/* wp-char-tokenizer.c: an FTS5 tokenizer with one token per character
 *
 * Chinese has no spaces between words, and what people look for is often
 * one or two characters (禁毒, 法). The trigram tokenizer SQLite ships
 * cannot answer a query shorter than three characters, so those were a
 * scan of every text: 25–40 ms over 100,000 items on every first
 * keystroke. With one token per character, a query of any length is a
 * phrase of its characters, and the index finds it: any substring of a
 * title, description or note, letters folded to lower case.
 *
 * Every connection that writes items must have the tokenizer: the search
 * index is kept up to date by triggers.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib.h>

#include "wp-char-tokenizer.h"

/* There is nothing to configure; a tokenizer object is still expected. */
static int
char_tokenizer_create (void                *user_data,
                       const char         **args,
                       int                  n_args,
                       Fts5Tokenizer      **out)
{
  static int instance;

  *out = (Fts5Tokenizer *) &instance;
  return SQLITE_OK;
}

static void
char_tokenizer_delete (Fts5Tokenizer *tokenizer)
{
}

static int
char_tokenizer_tokenize (Fts5Tokenizer *tokenizer,
                         void          *ctx,
                         int            flags,
                         const char    *text,
                         int            n_text,
                         int          (*token) (void       *ctx,
                                                int         tflags,
                                                const char *token,
                                                int         n_token,
                                                int         start,
                                                int         end))
{
  int at = 0;

  while (at < n_text)
    {
      guchar first = (guchar) text[at];
      char folded[6];
      int len, n_folded, rc;

      if (first < 0x80)
        {
          /* ASCII, most of the Latin text: folded by hand, fast */
          folded[0] = g_ascii_tolower ((char) first);
          len = n_folded = 1;
        }
      else
        {
          gunichar c = g_utf8_get_char_validated (text + at, n_text - at);

          if (c == (gunichar) -1 || c == (gunichar) -2)
            {
              /* Not UTF-8: the byte is a token of its own */
              folded[0] = (char) first;
              len = n_folded = 1;
            }
          else
            {
              len = (int) (g_utf8_next_char (text + at) - (text + at));
              n_folded = g_unichar_to_utf8 (g_unichar_tolower (c), folded);
            }
        }
      rc = token (ctx, 0, folded, n_folded, at, at + len);
      if (rc != SQLITE_OK)
        return rc;
      at += len;
    }
  return SQLITE_OK;
}

/* The way to FTS5's API, as its documentation gives it */
static fts5_api *
get_fts5_api (sqlite3 *db)
{
  fts5_api *api = NULL;
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (db, "SELECT fts5 (?1)", -1, &stmt, NULL) != SQLITE_OK)
    return NULL;
  sqlite3_bind_pointer (stmt, 1, (void *) &api, "fts5_api_ptr", NULL);
  sqlite3_step (stmt);
  sqlite3_finalize (stmt);
  return api;
}

/**
 * _wp_char_tokenizer_register:
 * @db: a connection
 *
 * Makes the tokenizer "wp_chars" known to @db.
 *
 * Returns: an SQLite result code
 */
int
_wp_char_tokenizer_register (sqlite3 *db)
{
  static fts5_tokenizer tokenizer = {
    char_tokenizer_create,
    char_tokenizer_delete,
    char_tokenizer_tokenize,
  };
  fts5_api *api = get_fts5_api (db);

  if (api == NULL || api->iVersion < 2)
    return SQLITE_ERROR;
  return api->xCreateTokenizer (api, "wp_chars", NULL, &tokenizer, NULL);
}
