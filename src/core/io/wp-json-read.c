/* wp-json-read.c: reading interchange JSON into checked items
 *
 * An item's members are checked one by one (types, ranges, dates, agency
 * names), with messages that say where in the document (“$.items[2]”);
 * the document is read as the text goes, one item's members at a time.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "wp-deadline.h"
#include "wp-json-read.h"
#include "wp-util.h"

/* Import: first into this tree, checked, then into the store. */

void
_wp_json_import_item_free (ImportItem *item)
{
  g_free (item->lead);
  g_free (item->co);
  g_clear_pointer (&item->targets, g_ptr_array_unref);
  g_clear_pointer (&item->notes, g_ptr_array_unref);
  g_clear_pointer (&item->milestones, g_ptr_array_unref);
  wp_closeout_clear (&item->closeout);
  g_clear_pointer (&item->attachments, g_ptr_array_unref);
  g_clear_pointer (&item->children, g_ptr_array_unref);
  g_free (item);
}

gboolean
_wp_json_invalid (GError     **error,
                  const char  *where,
                  const char  *format,
                  ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  /* Messages quote the file's text: a line break in it must not break the
   * message's one line. */
  for (char *c = message; *c != '\0'; c++)
    if ((guchar) *c < 0x20)
      *c = ' ';

  g_set_error (error, WP_IO_ERROR, WP_IO_ERROR_INVALID, "%s: %s", where, message);
  return FALSE;
}

/* Reads an optional member of @type; a missing or null member keeps the
 * caller's default. */
gboolean
_wp_json_get_member (JsonObject   *object,
                     const char   *key,
                     JsonNodeType  type,
                     GType         value_type,
                     JsonNode    **out,
                     const char   *where,
                     GError      **error)
{
  JsonNode *node = json_object_get_member (object, key);

  *out = NULL;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;

  if (JSON_NODE_TYPE (node) != type
      || (type == JSON_NODE_VALUE && value_type != G_TYPE_DOUBLE
          && json_node_get_value_type (node) != value_type)
      || (type == JSON_NODE_VALUE && value_type == G_TYPE_DOUBLE
          && json_node_get_value_type (node) != G_TYPE_DOUBLE
          && json_node_get_value_type (node) != G_TYPE_INT64))
    {
      const char *expected = type == JSON_NODE_ARRAY ? _("a list")
                           : type == JSON_NODE_OBJECT ? _("an object")
                           : value_type == G_TYPE_STRING ? _("text")
                           : value_type == G_TYPE_BOOLEAN ? _("true or false")
                           : _("a number");
      return _wp_json_invalid (error, where, _("“%s” must be %s"), key, expected);
    }

  *out = node;
  return TRUE;
}

/* An optional text member: *@text is left alone when it is missing or null,
 * else points to the member's text, in @object */
static gboolean
get_text (JsonObject  *object,
          const char  *key,
          const char **text,
          const char  *where,
          GError     **error)
{
  JsonNode *node;

  if (!_wp_json_get_member (object, key, JSON_NODE_VALUE, G_TYPE_STRING, &node, where, error))
    return FALSE;
  if (node != NULL)
    {
      /* wp_json_scan() refused what would not decode to Unicode; this
       * keeps it so whatever json-glib does with escapes. */
      if (!g_utf8_validate (json_node_get_string (node), -1, NULL))
        return _wp_json_invalid (error, where, _("“%s” is not valid text"), key);
      *text = json_node_get_string (node);
    }
  return TRUE;
}

gboolean
_wp_json_get_string (JsonObject  *object,
                     const char  *key,
                     char       **out,
                     const char  *where,
                     GError     **error)
{
  const char *text = NULL;

  if (!get_text (object, key, &text, where, error))
    return FALSE;
  if (text != NULL)
    {
      g_free (*out);
      *out = g_strdup (text);
    }
  return TRUE;
}

/* As _wp_json_get_string(), the text kept in @strings: an item's text,
 * which the document holds for all its items. Text that recurs (dates,
 * agency names, "") is kept once. */
static gboolean
get_item_text (JsonObject    *object,
               const char    *key,
               GStringChunk  *strings,
               gboolean       recurs,
               const char   **out,
               const char    *where,
               GError       **error)
{
  const char *text = NULL;

  if (!get_text (object, key, &text, where, error))
    return FALSE;
  if (text != NULL)
    *out = recurs ? g_string_chunk_insert_const (strings, text)
                  : g_string_chunk_insert (strings, text);
  return TRUE;
}

gboolean
_wp_json_get_number (JsonObject  *object,
                     const char  *key,
                     gboolean    *has_value,
                     double      *value,
                     const char  *where,
                     GError     **error)
{
  JsonNode *node;

  *has_value = FALSE;
  if (!_wp_json_get_member (object, key, JSON_NODE_VALUE, G_TYPE_DOUBLE, &node, where, error))
    return FALSE;
  if (node != NULL)
    {
      *has_value = TRUE;
      *value = json_node_get_value_type (node) == G_TYPE_INT64
               ? (double) json_node_get_int (node) : json_node_get_double (node);
      if (!isfinite (*value))
        return _wp_json_invalid (error, where, _("“%s” is out of range"), key);
    }
  return TRUE;
}

/* Adds @entry to one of an item's lists, made on its first entry */
static gpointer
list_add (GPtrArray      **list,
          GDestroyNotify   free_func,
          gpointer         entry)
{
  if (*list == NULL)
    *list = g_ptr_array_new_with_free_func (free_func);
  g_ptr_array_add (*list, entry);
  return entry;
}

static gboolean
get_progress (JsonObject  *object,
              int         *progress,
              const char  *where,
              GError     **error)
{
  gboolean has;
  double value = 0;

  *progress = -1;
  if (!_wp_json_get_number (object, "progress", &has, &value, where, error))
    return FALSE;
  if (!has)
    return TRUE;
  if (value < 0 || value > 100 || value != floor (value))
    return _wp_json_invalid (error, where, _("“progress” must be a whole number from 0 to 100"));
  *progress = (int) value;
  return TRUE;
}

/* Adds the agency names of list @key to @names (g_free()d) */
static gboolean
read_names (JsonObject  *object,
            const char  *key,
            GPtrArray   *names,
            const char  *where,
            GError     **error)
{
  JsonNode *node;

  if (!_wp_json_get_member (object, key, JSON_NODE_ARRAY, G_TYPE_INVALID, &node, where, error))
    return FALSE;

  if (node != NULL)
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *element = json_array_get_element (array, i);
          g_autofree char *name = NULL;

          if (!JSON_NODE_HOLDS_VALUE (element)
              || json_node_get_value_type (element) != G_TYPE_STRING)
            return _wp_json_invalid (error, where, _("“%s” must be a list of agency names"), key);
          if (!g_utf8_validate (json_node_get_string (element), -1, NULL))
            return _wp_json_invalid (error, where, _("“%s” is not valid text"), key);
          /* A name of one full-width space looks empty in every list. */
          name = wp_utf8_strip_blank (g_strdup (json_node_get_string (element)));
          if (name[0] == '\0')
            return _wp_json_invalid (error, where, _("“%s” has an empty agency name"), key);
          g_ptr_array_add (names, g_steal_pointer (&name));
        }
    }
  return TRUE;
}

gboolean
_wp_json_get_names (JsonObject  *object,
                    const char  *key,
                    GStrv       *out,
                    const char  *where,
                    GError     **error)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);

  if (!read_names (object, key, names, where, error))
    return FALSE;
  g_ptr_array_add (names, NULL);
  *out = (GStrv) g_ptr_array_free (g_steal_pointer (&names), FALSE);
  return TRUE;
}

/* As _wp_json_get_names(), the names kept in @strings */
static gboolean
get_item_names (JsonObject     *object,
                const char     *key,
                GStringChunk   *strings,
                const char   ***out,
                const char     *where,
                GError        **error)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);

  if (!read_names (object, key, names, where, error))
    return FALSE;
  *out = g_new (const char *, names->len + 1);
  for (guint i = 0; i < names->len; i++)
    (*out)[i] = g_string_chunk_insert_const (strings, g_ptr_array_index (names, i));
  (*out)[names->len] = NULL;
  return TRUE;
}

/* Reads one object of a list of an item's: @here names its place */
typedef gboolean (*ReadEntry) (JsonObject  *o,
                               ImportItem  *item,
                               gpointer     state,
                               const char  *here,
                               GError     **error);

/* The optional list @key of objects, each read by @read_entry; one that is
 * not an object is refused with @not_an_object */
static gboolean
read_list (JsonObject  *object,
           const char  *key,
           const char  *not_an_object,
           ReadEntry    read_entry,
           ImportItem  *item,
           gpointer     state,
           const char  *where,
           GError     **error)
{
  JsonNode *node;

  if (!_wp_json_get_member (object, key, JSON_NODE_ARRAY, G_TYPE_INVALID, &node, where, error))
    return FALSE;

  for (guint i = 0; node != NULL && i < json_array_get_length (json_node_get_array (node)); i++)
    {
      JsonNode *element = json_array_get_element (json_node_get_array (node), i);
      g_autofree char *here = g_strdup_printf ("%s.%s[%u]", where, key, i);

      if (!JSON_NODE_HOLDS_OBJECT (element))
        return _wp_json_invalid (error, here, "%s", not_an_object);
      if (!read_entry (json_node_get_object (element), item, state, here, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
read_target (JsonObject  *o,
             ImportItem  *item,
             gpointer     state,
             const char  *here,
             GError     **error)
{
  WpTarget *t = list_add (&item->targets, (GDestroyNotify) wp_target_free, g_new0 (WpTarget, 1));

  t->label = g_strdup ("");
  t->unit = g_strdup ("");
  return _wp_json_get_string (o, "label", &t->label, here, error)
         && _wp_json_get_string (o, "unit", &t->unit, here, error)
         && _wp_json_get_number (o, "baseline", &t->has_baseline, &t->baseline, here, error)
         && _wp_json_get_number (o, "target", &t->has_target, &t->target, here, error)
         && _wp_json_get_number (o, "current", &t->has_current, &t->current, here, error);
}

static gboolean
read_note (JsonObject  *o,
           ImportItem  *item,
           gpointer     state,
           const char  *here,
           GError     **error)
{
  g_autofree char *date = NULL;
  WpNote *n = list_add (&item->notes, (GDestroyNotify) wp_note_free, g_new0 (WpNote, 1));

  n->text = g_strdup ("");
  if (!_wp_json_get_string (o, "date", &date, here, error)
      || !_wp_json_get_string (o, "text", &n->text, here, error)
      || !get_progress (o, &n->progress, here, error)
      || !_wp_json_get_string (o, "reporter", &n->reporter, here, error))
    return FALSE;
  if (!wp_date_from_iso (date, &n->date))
    return _wp_json_invalid (error, here, _("“date” must be a date like 2025-06-30"));
  return TRUE;
}

/* "milestones": [{"quarter": 1, "text": "…", "progress": 30}]; @state:
 * gboolean[5], the quarters seen */
static gboolean
read_milestone (JsonObject  *o,
                ImportItem  *item,
                gpointer     state,
                const char  *here,
                GError     **error)
{
  gboolean *seen = state;
  WpMilestone *m = list_add (&item->milestones, (GDestroyNotify) wp_milestone_free,
                             g_new0 (WpMilestone, 1));
  gboolean has;
  double quarter;

  m->text = g_strdup ("");
  if (!_wp_json_get_number (o, "quarter", &has, &quarter, here, error)
      || !_wp_json_get_string (o, "text", &m->text, here, error)
      || !get_progress (o, &m->progress, here, error))
    return FALSE;
  if (!has || quarter != floor (quarter) || quarter < 1 || quarter > 4)
    return _wp_json_invalid (error, here, _("“quarter” must be 1, 2, 3 or 4"));
  m->quarter = (int) quarter;
  if (seen[m->quarter])
    return _wp_json_invalid (error, here, _("an item has one milestone per quarter"));
  seen[m->quarter] = TRUE;
  return TRUE;
}

/* An attachment, by reference */
static gboolean
read_attachment (JsonObject  *o,
                 ImportItem  *item,
                 gpointer     state,
                 const char  *here,
                 GError     **error)
{
  WpAttachment *a = list_add (&item->attachments, (GDestroyNotify) wp_attachment_free,
                              g_new0 (WpAttachment, 1));
  gboolean has;
  double size;

  if (!_wp_json_get_string (o, "name", &a->name, here, error)
      || !_wp_json_get_string (o, "type", &a->type, here, error)
      || !_wp_json_get_number (o, "size", &has, &size, here, error)
      || !_wp_json_get_string (o, "sha256", &a->sha256, here, error)
      || !_wp_json_get_string (o, "added", &a->added, here, error))
    return FALSE;
  if (a->name == NULL || a->name[0] == '\0' || a->sha256 == NULL
      || strlen (a->sha256) != 64 || !has || size < 0 || size != floor (size))
    return _wp_json_invalid (error, here,
                             _("an attachment needs its “name”, “size” and “sha256”"));
  a->size = (gint64) size;
  if (a->type == NULL)
    a->type = g_strdup ("");
  return TRUE;
}

/* "closeout" and "unfinished_reason" (the attachments are a list of their
 * own) */
static gboolean
read_tracking (JsonObject    *object,
               ImportItem    *item,
               GStringChunk  *strings,
               const char    *where,
               GError       **error)
{
  JsonNode *node;

  if (!get_item_text (object, "unfinished_reason", strings, FALSE, &item->reason, where, error)
      || !_wp_json_get_member (object, "closeout", JSON_NODE_OBJECT, G_TYPE_INVALID,
                               &node, where, error))
    return FALSE;
  if (node != NULL)
    {
      g_autofree char *here = g_strdup_printf ("%s.closeout", where);
      g_autofree char *state = NULL;
      JsonObject *o = json_node_get_object (node);

      if (!_wp_json_get_string (o, "state", &state, here, error)
          || !_wp_json_get_string (o, "completion", &item->closeout.completion, here, error)
          || !_wp_json_get_string (o, "closed_by", &item->closeout.closed_by, here, error)
          || !_wp_json_get_string (o, "closed_at", &item->closeout.closed_at, here, error))
        return FALSE;
      if (g_strcmp0 (state, "closed") == 0)
        item->closeout.state = WP_CLOSEOUT_CLOSED;
      else if (g_strcmp0 (state, "pending_review") == 0)
        item->closeout.state = WP_CLOSEOUT_PENDING_REVIEW;
      else
        return _wp_json_invalid (error, here, _("“state” must be closed or pending_review"));
    }
  return TRUE;
}

/* An item's own members, read from @object; its children are read by
 * parse_item() in wp-json-read-items.c as the text goes. */
ImportItem *
_wp_json_read_item_fields (JsonObject    *object,
                           GStringChunk  *strings,
                           const char    *where,
                           GError       **error)
{
  g_autoptr(ImportItem) item = g_new0 (ImportItem, 1);
  g_autofree char *kind = NULL;
  g_autofree char *status = NULL;
  gboolean quarters_seen[5] = { FALSE };
  JsonNode *member;

  item->title = item->description = item->due_label = "";

  if (!_wp_json_get_string (object, "kind", &kind, where, error)
      || !get_item_text (object, "title", strings, FALSE, &item->title, where, error)
      || !get_item_text (object, "description", strings, TRUE, &item->description, where,
                         error)
      || !get_item_names (object, "lead", strings, &item->lead, where, error)
      || !get_item_names (object, "co", strings, &item->co, where, error)
      || !_wp_json_get_string (object, "status", &status, where, error)
      || !get_progress (object, &item->progress, where, error)
      || !get_item_text (object, "due", strings, TRUE, &item->due, where, error)
      || !get_item_text (object, "due_label", strings, TRUE, &item->due_label, where, error)
      || !read_list (object, "targets", _("a target must be an object"), read_target,
                     item, NULL, where, error)
      || !read_list (object, "notes", _("a progress note must be an object"), read_note,
                     item, NULL, where, error)
      || !read_list (object, "milestones", _("a milestone must be an object"), read_milestone,
                     item, quarters_seen, where, error)
      || !read_tracking (object, item, strings, where, error)
      || !read_list (object, "attachments", _("an attachment must be an object"),
                     read_attachment, item, NULL, where, error))
    return NULL;

  if (kind == NULL || !wp_item_kind_from_string (kind, &item->kind))
    {
      _wp_json_invalid (error, where, _("“kind” must be area, task or action"));
      return NULL;
    }
  if (status == NULL)
    item->status = WP_ITEM_STATUS_NOT_STARTED;
  else if (!wp_item_status_from_string (status, &item->status))
    {
      _wp_json_invalid (error, where,
                        _("“status” must be not_started, in_progress, done or suspended, not “%s”"),
                        status);
      return NULL;
    }
  if (item->due != NULL)
    {
      GDate date;
      if (!wp_date_from_iso (item->due, &date))
        {
          _wp_json_invalid (error, where,
                            _("“due” must be a date like 2025-06-30, not “%s”"), item->due);
          return NULL;
        }
    }
  if (!_wp_json_get_member (object, "ongoing", JSON_NODE_VALUE, G_TYPE_BOOLEAN,
                            &member, where, error))
    return NULL;
  item->ongoing = member != NULL && json_node_get_boolean (member);
  if (!_wp_json_get_member (object, "carried_over", JSON_NODE_VALUE, G_TYPE_BOOLEAN,
                            &member, where, error))
    return NULL;
  item->carried_over = member != NULL && json_node_get_boolean (member);
  if (!_wp_json_get_member (object, "carried_forward", JSON_NODE_VALUE, G_TYPE_BOOLEAN,
                            &member, where, error))
    return NULL;
  item->carried_forward = member != NULL && json_node_get_boolean (member);

  /* A "children" list was read as the text went; anything else there is
   * not one. */
  if (!_wp_json_get_member (object, "children", JSON_NODE_ARRAY, G_TYPE_INVALID,
                            &member, where, error))
    return NULL;

  return g_steal_pointer (&item);
}
