/* wp-char-tokenizer.h: an FTS5 tokenizer with one token per character
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <sqlite3.h>

int _wp_char_tokenizer_register (sqlite3 *db);
