/* wp-json-read-items.c: reading interchange JSON's items as the text goes
 *
 * The items of a document, read one at a time from the text (wp-json-text.c)
 * and checked by _wp_json__wp_json_read_item_fields() in wp-json-read.c; the members
 * most items have are read without json-glib nodes.
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

/* Reading the document as the text goes (wp-json-text.c): json-glib
 * nodes only for one item's own members at a time, each "children" list
 * (and the top "items") straight into ImportItems. */

static ImportItem *parse_item (Reader      *r,
                               const char  *where,
                               int          depth,
                               GError     **error);

/* At a "[": reads the items of a children (or top "items") list into
 * @items. The first bad item's error goes to @error and the rest of the
 * list is stepped over, so that the object holding it can still be read:
 * its own errors come first, as they did when the tree was read whole. */
void
_wp_json_parse_item_list (Reader      *r,
                          GPtrArray   *items,
                          const char  *where,
                          const char  *member,
                          int          depth,
                          GError     **error)
{
  guint i = 0;

  for (r->p++, _wp_json_skip_space (r); *r->p != ']'; _wp_json_skip_space (r), i++)
    {
      if (*r->p == ',')
        r->p++;
      if (error != NULL && *error != NULL)
        _wp_json_skip_value (r);
      else
        {
          g_autofree char *here = g_strdup_printf ("%s%s[%u]", where, member, i);
          ImportItem *item = parse_item (r, here, depth, error);

          if (item != NULL)
            g_ptr_array_add (items, item);
        }
      _wp_json_let_go (r);
    }
  r->p++;
}

/* The members most items have, read without json-glib nodes: an item of
 * only these, of the plain types an export writes, is made straight from
 * them (fast_item()); anything else, or anything fast_item() would not
 * take, goes the way of every other item (_wp_json_read_item_fields()), which
 * then gives the same item or the same error. At 100,000 items the nodes
 * were most of the parse. */
enum {
  FAST_KIND, FAST_TITLE, FAST_DESCRIPTION, FAST_STATUS, FAST_DUE, FAST_DUE_LABEL,
  FAST_N_TEXTS,  /* the ones above are text or null */
  FAST_LEAD = FAST_N_TEXTS, FAST_CO,   /* lists of text */
  FAST_PROGRESS,  /* a whole number or null */
  FAST_ONGOING, FAST_CARRIED_OVER, FAST_CARRIED_FORWARD,  /* true or false */
  FAST_TARGETS, FAST_NOTES, FAST_MILESTONES, FAST_ATTACHMENTS,  /* [] */
  FAST_N_MEMBERS
};

static const char *const fast_keys[FAST_N_MEMBERS] = {
  "kind", "title", "description", "status", "due", "due_label", "lead", "co", "progress",
  "ongoing", "carried_over", "carried_forward", "targets", "notes", "milestones",
  "attachments",
};

#define FAST_MAX_NAMES 16

typedef struct {
  guint        seen;   /* 1 << FAST_… */
  gboolean     good;   /* what was read is what fast_item() takes */
  const char  *text[FAST_N_TEXTS];  /* in the document's strings; NULL: null */
  const char  *names[2][FAST_MAX_NAMES + 1];  /* stripped, in the strings */
  guint        n_names[2];
  gint64       progress;  /* -1: null */
  gboolean     flag[3];
} FastItem;

static int
fast_member (const char *key)
{
  for (int i = 0; i < FAST_N_MEMBERS; i++)
    if (strcmp (key, fast_keys[i]) == 0)
      return i;
  return -1;
}

/* Reads member @slot's value into @f, when it is of the plain type; else
 * leaves r->p where it was and returns FALSE. */
static gboolean
fast_read (Reader       *r,
           FastItem     *f,
           int           slot)
{
  const char *start = r->p;

  if (slot < FAST_N_TEXTS)
    {
      if (*r->p == 'n')
        {
          r->p += 4;
          f->text[slot] = NULL;
        }
      else if (*r->p == '"')
        {
          _wp_json_read_string (r);
          if (!g_utf8_validate (r->text->str, (gssize) r->text->len, NULL))
            f->good = FALSE;
          /* (as _wp_json_read_item_fields() keeps each: recurring text once) */
          f->text[slot] = slot == FAST_TITLE
                          ? g_string_chunk_insert_len (r->strings, r->text->str,
                                                       (gssize) r->text->len)
                          : g_string_chunk_insert_const (r->strings, r->text->str);
        }
      else
        return FALSE;
    }
  else if (slot == FAST_LEAD || slot == FAST_CO)
    {
      guint list = slot == FAST_CO, n = 0;

      if (*r->p != '[')
        return FALSE;
      for (r->p++, _wp_json_skip_space (r); *r->p != ']'; _wp_json_skip_space (r))
        {
          if (*r->p == ',')
            {
              r->p++;
              _wp_json_skip_space (r);
            }
          if (*r->p != '"' || n == FAST_MAX_NAMES)
            {
              r->p = start;
              return FALSE;
            }
          _wp_json_read_string (r);
          /* (kept when refused too: _wp_json_read_item_fields() says why) */
          if (!g_utf8_validate (r->text->str, (gssize) r->text->len, NULL)
              || wp_utf8_strip_blank (r->text->str)[0] == '\0')
            f->good = FALSE;
          f->names[list][n++] = g_string_chunk_insert_const (r->strings, r->text->str);
        }
      r->p++;
      f->names[list][n] = NULL;
      f->n_names[list] = n;
    }
  else if (slot == FAST_PROGRESS)
    {
      if (*r->p == 'n')
        {
          r->p += 4;
          f->progress = -1;
        }
      else
        {
          /* (up to three digits, as an export writes them: others the
           * usual way) */
          gint64 value = 0;
          int digits = 0;

          for (; g_ascii_isdigit (*r->p) && digits < 4; r->p++, digits++)
            value = 10 * value + (*r->p - '0');
          if (digits == 0 || digits > 3 || *r->p == '.' || *r->p == 'e' || *r->p == 'E')
            {
              r->p = start;
              return FALSE;
            }
          f->progress = value;
          if (value > 100)
            f->good = FALSE;
        }
    }
  else if (slot <= FAST_CARRIED_FORWARD)
    {
      if (*r->p == 't')
        r->p += 4;
      else if (*r->p == 'f')
        r->p += 5;
      else
        return FALSE;
      f->flag[slot - FAST_ONGOING] = *start == 't';
    }
  else
    {
      if (*r->p != '[')
        return FALSE;
      r->p++;
      _wp_json_skip_space (r);
      if (*r->p != ']')
        {
          r->p = start;
          return FALSE;
        }
      r->p++;
    }
  f->seen |= 1u << slot;
  return TRUE;
}

/* What @f read, as json-glib nodes in @object: for _wp_json_read_item_fields() */
static void
fast_to_object (const FastItem *f,
                JsonObject     *object)
{
  for (int slot = 0; slot < FAST_N_MEMBERS; slot++)
    {
      JsonNode *node = json_node_alloc ();

      if (!(f->seen & (1u << slot)))
        {
          json_node_free (node);
          continue;
        }
      if (slot < FAST_N_TEXTS)
        {
          if (f->text[slot] == NULL)
            json_node_init_null (node);
          else
            json_node_init_string (node, f->text[slot]);
        }
      else if (slot == FAST_LEAD || slot == FAST_CO)
        {
          JsonArray *array = json_array_new ();

          for (guint i = 0; i < f->n_names[slot == FAST_CO]; i++)
            json_array_add_string_element (array, f->names[slot == FAST_CO][i]);
          json_node_init_array (node, array);
          json_array_unref (array);
        }
      else if (slot == FAST_PROGRESS)
        {
          if (f->progress < 0)
            json_node_init_null (node);
          else
            json_node_init_int (node, f->progress);
        }
      else if (slot <= FAST_CARRIED_FORWARD)
        json_node_init_boolean (node, f->flag[slot - FAST_ONGOING]);
      else
        {
          JsonArray *array = json_array_new ();

          json_node_init_array (node, array);
          json_array_unref (array);
        }
      json_object_set_member (object, fast_keys[slot], node);
    }
}

/* The item _wp_json_read_item_fields() would make of what @f read, or %NULL when
 * it would make something else (an error, most likely) */
static ImportItem *
fast_item (const FastItem *f)
{
  g_autoptr(ImportItem) item = NULL;
  const char *status = f->text[FAST_STATUS];
  GDate date;

  if (!f->good)
    return NULL;
  item = g_new0 (ImportItem, 1);
  if (f->text[FAST_KIND] == NULL || !wp_item_kind_from_string (f->text[FAST_KIND], &item->kind))
    return NULL;
  if (status == NULL)
    item->status = WP_ITEM_STATUS_NOT_STARTED;
  else if (!wp_item_status_from_string (status, &item->status))
    return NULL;
  item->due = f->text[FAST_DUE];
  if (item->due != NULL && !wp_date_from_iso (item->due, &date))
    return NULL;
  item->title = f->text[FAST_TITLE] != NULL ? f->text[FAST_TITLE] : "";
  item->description = f->text[FAST_DESCRIPTION] != NULL ? f->text[FAST_DESCRIPTION] : "";
  item->due_label = f->text[FAST_DUE_LABEL] != NULL ? f->text[FAST_DUE_LABEL] : "";
  item->lead = g_memdup2 (f->names[0], (f->n_names[0] + 1) * sizeof (const char *));
  item->co = g_memdup2 (f->names[1], (f->n_names[1] + 1) * sizeof (const char *));
  item->progress = (int) f->progress;
  item->ongoing = f->flag[0];
  item->carried_over = f->flag[1];
  item->carried_forward = f->flag[2];
  return g_steal_pointer (&item);
}

/* Reads one JSON value as an item (and its children) and checks it. */
static ImportItem *
parse_item (Reader      *r,
            const char  *where,
            int          depth,
            GError     **error)
{
  g_autoptr(JsonObject) object = NULL;
  g_autoptr(GPtrArray) children = NULL;
  g_autoptr(GError) child_error = NULL;
  FastItem fast = { .good = TRUE, .progress = -1 };
  ImportItem *item = NULL;

  _wp_json_skip_space (r);
  if (depth > MAX_ITEM_DEPTH)
    {
      _wp_json_skip_value (r);
      _wp_json_invalid (error, where, _("items are nested too deeply"));
      return NULL;
    }
  if (*r->p != '{')
    {
      _wp_json_skip_value (r);
      _wp_json_invalid (error, where, _("an item must be an object"));
      return NULL;
    }

  children = g_ptr_array_new_with_free_func ((GDestroyNotify) _wp_json_import_item_free);
  for (;;)
    {
      const char *name = _wp_json_next_member (r);
      g_autofree char *key = NULL;
      int slot;

      if (name == NULL)
        break;
      if (*r->p == '[' && g_str_equal (name, "children"))
        {
          _wp_json_parse_item_list (r, children, where, ".children", depth + 1, &child_error);
          continue;
        }
      if (object == NULL && (slot = fast_member (name)) >= 0)
        {
          if (fast_read (r, &fast, slot))
            continue;
          /* (r->text, the name, may hold what fast_read() went over) */
          key = g_strdup (fast_keys[slot]);
        }
      else
        key = g_strdup (name);  /* (r->text: before the value is read into it) */
      if (object == NULL)
        {
          /* (not plain: this item goes the usual way, with what was read) */
          object = json_object_new ();
          fast_to_object (&fast, object);
        }
      json_object_set_member (object, key, _wp_json_read_value (r));
    }

  if (object == NULL && (item = fast_item (&fast)) == NULL)
    {
      object = json_object_new ();
      fast_to_object (&fast, object);
    }
  if (item == NULL)
    item = _wp_json_read_item_fields (object, r->strings, where, error);
  if (item == NULL)
    return NULL;
  if (child_error != NULL)
    {
      _wp_json_import_item_free (item);
      g_propagate_error (error, g_steal_pointer (&child_error));
      return NULL;
    }
  if (children->len > 0)
    item->children = g_steal_pointer (&children);
  return item;
}
