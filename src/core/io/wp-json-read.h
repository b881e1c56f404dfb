/* wp-json-read.h: reading interchange JSON into checked items, for
 * wp-json-import.c (private to the JSON import)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "wp-json-io.h"
#include "wp-tracking.h"

G_BEGIN_DECLS

/* Items nest as area, key task and action, and a few levels more where
 * offices split actions up. The JSON of an item nested this deep is twice
 * as deep plus the root, its targets and their objects. */
#define MAX_ITEM_DEPTH 64
#define MAX_JSON_DEPTH (2 * MAX_ITEM_DEPTH + 8)

/* An item as read from the document and checked, before it is written.
 * Its text is kept in the document's GStringChunk, which holds all the
 * items' text: in a string each it took 20 MB more at 100,000 items. */
typedef struct _ImportItem ImportItem;
struct _ImportItem {
  WpItemKind    kind;
  const char   *title;
  const char   *description;
  const char  **lead;  /* %NULL-terminated; the array is the item's */
  const char  **co;
  WpItemStatus  status;
  int           progress;
  const char   *due;
  const char   *due_label;
  gboolean      ongoing;
  gboolean      carried_over;
  gboolean      carried_forward;
  /* The lists are %NULL when empty, as most are: 100,000 items held five
   * empty arrays in 24 MB. */
  GPtrArray    *targets;   /* WpTarget */
  GPtrArray    *notes;     /* WpNote */
  GPtrArray    *milestones;   /* WpMilestone */
  WpCloseout    closeout;
  GPtrArray    *attachments;  /* WpAttachment, by reference */
  const char   *reason;
  GPtrArray    *children;  /* ImportItem */
};

/* How many entries a list of an ImportItem has */
#define IMPORT_LIST_LEN(list) ((list) != NULL ? (list)->len : 0u)

void      _wp_json_import_item_free (ImportItem *item);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ImportItem, _wp_json_import_item_free)

gboolean  _wp_json_invalid     (GError       **error,
                                const char    *where,
                                const char    *format,
                                ...) G_GNUC_PRINTF (3, 4);
gboolean  _wp_json_get_member  (JsonObject    *object,
                                const char    *key,
                                JsonNodeType   type,
                                GType          value_type,
                                JsonNode     **out,
                                const char    *where,
                                GError       **error);
gboolean  _wp_json_get_string  (JsonObject    *object,
                                const char    *key,
                                char         **out,
                                const char    *where,
                                GError       **error);
gboolean  _wp_json_get_names   (JsonObject    *object,
                                const char    *key,
                                GStrv         *out,
                                const char    *where,
                                GError       **error);
gboolean  _wp_json_get_number  (JsonObject    *object,
                                const char    *key,
                                gboolean      *has_value,
                                double        *value,
                                const char    *where,
                                GError       **error);

/* The text being read, after wp_json_scan() has checked all of it
 * (wp-json-text.c) */
typedef struct {
  const char *p;
  const char *end;
  GString    *text;  /* the string being decoded */
  /* Where the text not yet given back starts (page-aligned), when it is
   * a mapping of the reader's own that it may give back as it reads on;
   * %NULL when the text is the caller's. */
  const char *kept;
  GStringChunk *strings;  /* the items' text */
} Reader;

void      _wp_json_skip_space      (Reader       *r);
void      _wp_json_read_string     (Reader       *r);
const char *_wp_json_next_member   (Reader       *r);
char     *_wp_json_read_member_key (Reader       *r);
void      _wp_json_let_go          (Reader       *r);
JsonNode *_wp_json_read_value      (Reader       *r);
void      _wp_json_skip_value      (Reader       *r);
ImportItem *_wp_json_read_item_fields (JsonObject    *object,
                                       GStringChunk  *strings,
                                       const char    *where,
                                       GError       **error);
void      _wp_json_parse_item_list (Reader       *r,
                                    GPtrArray    *items,
                                    const char   *where,
                                    const char   *member,
                                    int           depth,
                                    GError      **error);

G_END_DECLS
