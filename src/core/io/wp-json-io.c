/* wp-json-io.c: the interchange JSON (workplan export/import --format json)
 *
 * Import reads and checks the whole document before it writes anything, then
 * writes it in one transaction: a bad file leaves the database as it was.
 * Export writes every key of every item (empty list or null where unknown;
 * the carried_over and carried_forward marks only where set), so export →
 * import → export gives the same bytes.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
/* O_CLOEXEC and O_NOCTTY under -std=c11 */
#define _POSIX_C_SOURCE 200809L

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "wp-deadline.h"
#include "wp-json-io.h"
#include "wp-json-scan.h"
#include "wp-output.h"
#include "wp-store-bulk.h"
#include "wp-store-walk.h"
#include "wp-util.h"

/* Items nest as area, key task and action, and a few levels more where
 * offices split actions up. The JSON of an item nested this deep is twice
 * as deep plus the root, its targets and their objects. */
#define MAX_ITEM_DEPTH 64
#define MAX_JSON_DEPTH (2 * MAX_ITEM_DEPTH + 8)

G_DEFINE_QUARK (wp-io-error-quark, wp_io_error)

/* Export */

/* Export: written out as the plan is read, laid out as json-glib 1.6 lays
 * a tree out (so that existing exports stay byte for byte) but without
 * building one: at 100,000 items the JsonBuilder tree, the generator's
 * buffer and a copy of it were 500 MB. The items come in outline order
 * from one walk of the plan (wp_store_walk_plan()), and their targets,
 * notes, milestones and tracking from one query each, instead of a query
 * per parent and two per item. */

typedef struct {
  GString    *out;
  GArray     *empty;    /* gboolean per open container: nothing in it yet */
  GHashTable *targets;  /* gint64 item id → GPtrArray of WpTarget (borrowed) */
  GHashTable *notes;    /* gint64 item id → GPtrArray of WpNote */
  GHashTable *milestones;   /* gint64 item id → GPtrArray of WpMilestone */
  GHashTable *closeouts;    /* gint64 item id → WpCloseout */
  GHashTable *attachments;  /* gint64 item id → GPtrArray of WpAttachment */
  GHashTable *reasons;      /* gint64 item id → the year-end check's reason */
  WpOutput   *sink;     /* where out is emptied as it fills, or NULL */
  guint       open_items;   /* items whose children are being written */
} Writer;

/* Hands what is written so far to the sink, past a few pages of it. */
static gboolean
flush_some (Writer  *w,
            GError **error)
{
  if (w->sink == NULL || w->out->len < 64 * 1024)
    return TRUE;
  if (!wp_output_write (w->sink, w->out->str, w->out->len, error))
    return FALSE;
  g_string_truncate (w->out, 0);
  return TRUE;
}

static void write_string (GString    *out,
                          const char *text);
static void write_double (GString *out,
                          double   value);

static void
write_indent (GString *out,
              guint    level)
{
  /* (written before every member: one append, not one a level) */
  static const char spaces[] = "                                                                ";

  for (gsize n = 2 * (gsize) level; n > 0;)
    {
      gsize some = MIN (n, sizeof spaces - 1);

      g_string_append_len (out, spaces, (gssize) some);
      n -= some;
    }
}

/* Before a member or an element: the separator and the indent. */
static void
next_entry (Writer *w)
{
  gboolean *empty = &g_array_index (w->empty, gboolean, w->empty->len - 1);

  if (*empty)
    g_string_append_c (w->out, '\n');
  else
    g_string_append_len (w->out, ",\n", 2);
  *empty = FALSE;
  write_indent (w->out, w->empty->len);
}

static void
open_container (Writer *w,
                char    bracket)
{
  gboolean empty = TRUE;

  g_string_append_c (w->out, bracket);
  g_array_append_val (w->empty, empty);
}

static void
close_container (Writer *w,
                 char    bracket)
{
  gboolean empty = g_array_index (w->empty, gboolean, w->empty->len - 1);

  g_array_set_size (w->empty, w->empty->len - 1);
  if (!empty)
    {
      g_string_append_c (w->out, '\n');
      write_indent (w->out, w->empty->len);
    }
  g_string_append_c (w->out, bracket);
}

static void
write_key (Writer     *w,
           const char *key)
{
  /* (the keys are ours: nothing in them to escape) */
  next_entry (w);
  g_string_append_c (w->out, '"');
  g_string_append (w->out, key);
  g_string_append_len (w->out, "\" : ", 4);
}

static void
write_string_member (Writer     *w,
                     const char *key,
                     const char *value)
{
  write_key (w, key);
  if (value != NULL)
    write_string (w->out, value);
  else
    g_string_append (w->out, "null");
}

static void
write_bool_member (Writer     *w,
                   const char *key,
                   gboolean    value)
{
  write_key (w, key);
  g_string_append (w->out, value ? "true" : "false");
}

static void
write_number_member (Writer     *w,
                     const char *key,
                     gboolean    has_value,
                     double      value)
{
  write_key (w, key);
  /* JSON has no infinity: an unknown value is what the file can say. */
  if (!has_value || !isfinite (value))
    g_string_append (w->out, "null");
  else if (value == floor (value) && fabs (value) < 1e15)
    g_string_append_printf (w->out, "%" G_GINT64_FORMAT, (gint64) value);
  else
    write_double (w->out, value);
}

static void
write_names_member (Writer             *w,
                    const char         *key,
                    const char * const *values)
{
  write_key (w, key);
  open_container (w, '[');
  for (guint i = 0; values[i] != NULL; i++)
    {
      next_entry (w);
      write_string (w->out, values[i]);
    }
  close_container (w, ']');
}

/* Writes @row up to its children, whose list it leaves open: the rows
 * that follow deeper are written into it. */
static gboolean
export_row (const WpItemRow  *row,
            gpointer          user_data,
            GError          **error)
{
  Writer *w = user_data;
  g_autofree char *due = wp_date_to_iso (&row->due);
  gint64 id = row->id;
  GPtrArray *targets = g_hash_table_lookup (w->targets, &id);
  GPtrArray *notes = g_hash_table_lookup (w->notes, &id);
  GPtrArray *milestones = g_hash_table_lookup (w->milestones, &id);
  GPtrArray *attachments = g_hash_table_lookup (w->attachments, &id);
  WpCloseout *closeout = g_hash_table_lookup (w->closeouts, &id);
  const char *reason = g_hash_table_lookup (w->reasons, &id);

  /* Items the row is not under are complete: their children and
   * themselves closed */
  while (w->open_items > row->depth)
    {
      close_container (w, ']');
      close_container (w, '}');
      w->open_items--;
    }

  next_entry (w);
  open_container (w, '{');
  write_string_member (w, "kind", wp_item_kind_to_string (row->kind));
  write_string_member (w, "title", row->title);
  write_string_member (w, "description", row->description);
  write_names_member (w, "lead", row->lead);
  write_names_member (w, "co", row->co);
  write_string_member (w, "status", wp_item_status_to_string (row->status));
  write_number_member (w, "progress", row->progress >= 0, row->progress);
  write_string_member (w, "due", due);
  write_string_member (w, "due_label", row->due_label);
  write_bool_member (w, "ongoing", row->ongoing);
  /* Only when set, so that files of plans without carried work stay as
   * they were: copied from last year's plan, gone on into next year's. */
  if (row->carried_over)
    write_bool_member (w, "carried_over", TRUE);
  if (row->carried_forward)
    write_bool_member (w, "carried_forward", TRUE);

  write_key (w, "targets");
  open_container (w, '[');
  for (guint i = 0; targets != NULL && i < targets->len; i++)
    {
      WpTarget *t = g_ptr_array_index (targets, i);

      next_entry (w);
      open_container (w, '{');
      write_string_member (w, "label", t->label);
      write_string_member (w, "unit", t->unit);
      write_number_member (w, "baseline", t->has_baseline, t->baseline);
      write_number_member (w, "target", t->has_target, t->target);
      write_number_member (w, "current", t->has_current, t->current);
      close_container (w, '}');
    }
  close_container (w, ']');

  write_key (w, "notes");
  open_container (w, '[');
  for (guint i = 0; notes != NULL && i < notes->len; i++)
    {
      WpNote *n = g_ptr_array_index (notes, i);
      g_autofree char *date = wp_date_to_iso (&n->date);

      next_entry (w);
      open_container (w, '{');
      write_string_member (w, "date", date);
      write_string_member (w, "text", n->text);
      write_number_member (w, "progress", n->progress >= 0, n->progress);
      if (n->reporter != NULL && n->reporter[0] != '\0')
        write_string_member (w, "reporter", n->reporter);
      close_container (w, '}');
    }
  close_container (w, ']');

  /* (always there, [] when none, so that a sheet or a script can count on
   * it: issue 21) */
  write_key (w, "milestones");
  open_container (w, '[');
  for (guint i = 0; milestones != NULL && i < milestones->len; i++)
    {
      WpMilestone *m = g_ptr_array_index (milestones, i);

      next_entry (w);
      open_container (w, '{');
      write_number_member (w, "quarter", TRUE, m->quarter);
      write_string_member (w, "text", m->text);
      write_number_member (w, "progress", m->progress >= 0, m->progress);
      close_container (w, '}');
    }
  close_container (w, ']');

  /* The close-out, evidence files (by reference: their bytes stay in the
   * plan file) and year-end reason, only when there are */
  if (closeout != NULL)
    {
      write_key (w, "closeout");
      open_container (w, '{');
      write_string_member (w, "state", wp_closeout_state_to_string (closeout->state));
      write_string_member (w, "completion", closeout->completion);
      write_string_member (w, "closed_by", closeout->closed_by);
      write_string_member (w, "closed_at", closeout->closed_at);
      close_container (w, '}');
    }
  if (attachments != NULL)
    {
      write_key (w, "attachments");
      open_container (w, '[');
      for (guint i = 0; i < attachments->len; i++)
        {
          WpAttachment *a = g_ptr_array_index (attachments, i);

          next_entry (w);
          open_container (w, '{');
          write_string_member (w, "name", a->name);
          write_string_member (w, "type", a->type);
          write_number_member (w, "size", TRUE, (double) a->size);
          write_string_member (w, "sha256", a->sha256);
          write_string_member (w, "added", a->added);
          close_container (w, '}');
        }
      close_container (w, ']');
    }
  if (reason != NULL && reason[0] != '\0')
    write_string_member (w, "unfinished_reason", reason);

  write_key (w, "children");
  open_container (w, '[');
  w->open_items++;
  return flush_some (w, error);
}

/* json-glib 1.6 writes 1e17 as “1e+17.0” and U+001F unescaped, which no
 * JSON reader accepts: the tree is written out here instead, laid out as
 * json-glib lays it out so that existing exports stay byte for byte. */
static void
write_string (GString    *out,
              const char *text)
{
  g_autofree char *valid = NULL;

  /* Text stored before import checked it may not be UTF-8. */
  if (!g_utf8_validate (text, -1, NULL))
    text = valid = g_utf8_make_valid (text, -1);

  g_string_append_c (out, '"');
  for (const char *p = text; *p != '\0'; p++)
    {
      guchar c = (guchar) *p;
      const char *run = p;

      /* What needs no escape, most of the text, in one piece */
      while (c >= 0x20 && c != '"' && c != '\\' && c != 0x7f)
        c = (guchar) *++p;
      if (p > run)
        g_string_append_len (out, run, p - run);
      if (c == '\0')
        break;

      switch (c)
        {
        case '"':
        case '\\':
          g_string_append_c (out, '\\');
          g_string_append_c (out, (char) c);
          break;
        case '\b':
          g_string_append (out, "\\b");
          break;
        case '\f':
          g_string_append (out, "\\f");
          break;
        case '\n':
          g_string_append (out, "\\n");
          break;
        case '\r':
          g_string_append (out, "\\r");
          break;
        case '\t':
          g_string_append (out, "\\t");
          break;
        default:
          if (c < 0x20 || c == 0x7f)
            g_string_append_printf (out, "\\u%04x", c);
          else
            g_string_append_c (out, (char) c);
          break;
        }
    }
  g_string_append_c (out, '"');
}

/* %.17g reads back as the same double; a JSON number needs a digit after
 * the point and none after the exponent. */
static void
write_double (GString *out,
              double   value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  if (!isfinite (value))
    {
      g_string_append (out, "null");
      return;
    }
  g_ascii_dtostr (buffer, sizeof buffer, value);
  g_string_append (out, buffer);
  if (strpbrk (buffer, ".eE") == NULL)
    g_string_append (out, ".0");
}

/* "aliases": the other written forms of the agencies the plan names, by
 * agency (issue 19); only a plan that has some says so, so that files of
 * other plans stay as they were */
static gboolean
write_aliases (Writer   *w,
               WpStore  *store,
               gint64    plan_id,
               GError  **error)
{
  g_auto(GStrv) named = wp_store_list_plan_agency_names (store, plan_id, error);
  g_autoptr(GPtrArray) agencies = named != NULL ? wp_store_list_agencies (store, error) : NULL;
  gboolean open = FALSE;

  if (agencies == NULL)
    return FALSE;
  for (guint i = 0; i < agencies->len; i++)
    {
      WpAgency *agency = g_ptr_array_index (agencies, i);
      g_auto(GStrv) aliases = NULL;

      if (!g_strv_contains ((const char * const *) named, wp_agency_get_name (agency)))
        continue;
      aliases = wp_store_list_agency_aliases (store, wp_agency_get_id (agency), error);
      if (aliases == NULL)
        return FALSE;
      if (aliases[0] == NULL)
        continue;
      if (!open)
        {
          write_key (w, "aliases");
          open_container (w, '{');
          open = TRUE;
        }
      next_entry (w);
      write_string (w->out, wp_agency_get_name (agency));
      g_string_append_len (w->out, " : ", 3);
      open_container (w, '[');
      for (guint k = 0; aliases[k] != NULL; k++)
        {
          next_entry (w);
          write_string (w->out, aliases[k]);
        }
      close_container (w, ']');
    }
  if (open)
    close_container (w, '}');
  return TRUE;
}

/* The plan as interchange JSON; what is left of it after @sink took the
 * rest, when there is one. */
static GString *
export_plan (WpStore   *store,
             gint64     plan_id,
             WpOutput  *sink,
             GError   **error)
{
  g_autoptr(WpPlan) plan = NULL;
  g_autoptr(GPtrArray) targets = NULL;
  g_autoptr(GHashTable) by_item = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL,
                                                         (GDestroyNotify) g_ptr_array_unref);
  g_autoptr(GHashTable) notes = NULL;
  g_autoptr(GHashTable) milestones = NULL;
  g_autoptr(GHashTable) closeouts = NULL;
  g_autoptr(GHashTable) attachments = NULL;
  g_autoptr(GHashTable) reasons = NULL;
  g_autofree char *checked = NULL;
  WpPlanSettings settings;
  const WpPlanSettings defaults = WP_PLAN_SETTINGS_INIT;
  g_autoptr(GArray) empty = g_array_new (FALSE, FALSE, sizeof (gboolean));
  g_autoptr(GString) text = NULL;
  Writer w;

  plan = wp_store_get_plan (store, plan_id, error);
  if (plan == NULL)
    return NULL;
  targets = wp_store_list_plan_targets (store, plan_id, error);
  if (targets == NULL)
    return NULL;
  notes = wp_store_list_plan_notes (store, plan_id, error);
  if (notes == NULL)
    return NULL;
  milestones = wp_store_list_plan_milestones (store, plan_id, error);
  if (milestones == NULL
      || !wp_store_list_plan_tracking (store, plan_id, &closeouts, &attachments, &reasons, error)
      || !wp_store_get_plan_settings (store, plan_id, &settings, error))
    return NULL;
  checked = wp_store_get_plan_checked (store, plan_id, NULL);
  /* Each item's targets, in their order; the lists borrow them. */
  for (guint i = 0; i < targets->len; i++)
    {
      WpTarget *t = g_ptr_array_index (targets, i);
      GPtrArray *list = g_hash_table_lookup (by_item, &t->item_id);

      if (list == NULL)
        {
          list = g_ptr_array_new ();
          g_hash_table_insert (by_item, &t->item_id, list);
        }
      g_ptr_array_add (list, t);
    }

  text = g_string_new (NULL);
  w = (Writer) { .out = text, .empty = empty, .targets = by_item, .notes = notes,
                 .milestones = milestones, .closeouts = closeouts, .attachments = attachments,
                 .reasons = reasons, .sink = sink };
  open_container (&w, '{');
  write_string_member (&w, "format", "workplan");
  write_number_member (&w, "version", TRUE, WP_JSON_FORMAT_VERSION);
  write_key (&w, "plan");
  open_container (&w, '{');
  write_number_member (&w, "year", TRUE, wp_plan_get_year (plan));
  write_string_member (&w, "title", wp_plan_get_title (plan));
  write_string_member (&w, "organization", wp_plan_get_organization (plan));
  /* (only a plan whose rules differ from the defaults says so, and only a
   * checked one when: files of other plans stay as they were) */
  if (memcmp (&settings, &defaults, sizeof settings) != 0)
    {
      write_key (&w, "settings");
      open_container (&w, '{');
      write_number_member (&w, "due_soon_days", TRUE, settings.due_soon_days);
      write_number_member (&w, "yellow_points", TRUE, settings.yellow_points);
      write_number_member (&w, "red_points", TRUE, settings.red_points);
      write_string_member (&w, "report_frequency",
                           wp_report_frequency_to_string (settings.report_frequency));
      write_number_member (&w, "report_due_day", TRUE, settings.report_due_day);
      write_bool_member (&w, "review_closeout", settings.review_closeout);
      close_container (&w, '}');
    }
  if (checked != NULL)
    write_string_member (&w, "checked", checked);
  close_container (&w, '}');
  write_key (&w, "items");
  open_container (&w, '[');
  if (!wp_store_walk_plan (store, plan_id, export_row, &w, error))
    return NULL;
  for (; w.open_items > 0; w.open_items--)
    {
      close_container (&w, ']');
      close_container (&w, '}');
    }
  close_container (&w, ']');
  if (!write_aliases (&w, store, plan_id, error))
    return NULL;
  close_container (&w, '}');
  g_string_append_c (text, '\n');

  return g_steal_pointer (&text);
}

/**
 * wp_json_export_plan:
 *
 * Returns: (transfer full): the plan as interchange JSON, ending in a newline
 */
char *
wp_json_export_plan (WpStore  *store,
                     gint64    plan_id,
                     GError  **error)
{
  GString *text = export_plan (store, plan_id, NULL, error);

  return text != NULL ? g_string_free (text, FALSE) : NULL;
}

/**
 * wp_json_export_plan_to:
 * @output: where the text goes as it is written; the caller closes it
 *
 * wp_json_export_plan() without holding the whole text.
 */
gboolean
wp_json_export_plan_to (WpStore   *store,
                        gint64     plan_id,
                        WpOutput  *output,
                        GError   **error)
{
  g_autoptr(GString) text = export_plan (store, plan_id, output, error);

  return text != NULL && wp_output_write (output, text->str, text->len, error);
}

/* Import: first into this tree, checked, then into the store. */

typedef struct _ImportItem ImportItem;
struct _ImportItem {
  WpItemKind    kind;
  char         *title;
  char         *description;
  GStrv         lead;
  GStrv         co;
  WpItemStatus  status;
  int           progress;
  char         *due;
  char         *due_label;
  gboolean      ongoing;
  gboolean      carried_over;
  gboolean      carried_forward;
  GPtrArray    *targets;   /* WpTarget */
  GPtrArray    *notes;     /* WpNote */
  GPtrArray    *milestones;   /* WpMilestone */
  WpCloseout    closeout;
  GPtrArray    *attachments;  /* WpAttachment, by reference */
  char         *reason;
  GPtrArray    *children;  /* ImportItem */
};

static void
import_item_free (ImportItem *item)
{
  g_free (item->title);
  g_free (item->description);
  g_strfreev (item->lead);
  g_strfreev (item->co);
  g_free (item->due);
  g_free (item->due_label);
  g_clear_pointer (&item->targets, g_ptr_array_unref);
  g_clear_pointer (&item->notes, g_ptr_array_unref);
  g_clear_pointer (&item->milestones, g_ptr_array_unref);
  wp_closeout_clear (&item->closeout);
  g_clear_pointer (&item->attachments, g_ptr_array_unref);
  g_free (item->reason);
  g_clear_pointer (&item->children, g_ptr_array_unref);
  g_free (item);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ImportItem, import_item_free)

static gboolean
invalid (GError     **error,
         const char  *where,
         const char  *format,
         ...) G_GNUC_PRINTF (3, 4);

static gboolean
invalid (GError     **error,
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
static gboolean
get_member (JsonObject   *object,
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
      return invalid (error, where, _("“%s” must be %s"), key, expected);
    }

  *out = node;
  return TRUE;
}

static gboolean
get_string (JsonObject  *object,
            const char  *key,
            char       **out,
            const char  *where,
            GError     **error)
{
  JsonNode *node;

  if (!get_member (object, key, JSON_NODE_VALUE, G_TYPE_STRING, &node, where, error))
    return FALSE;
  if (node != NULL)
    {
      /* wp_json_scan() refused what would not decode to Unicode; this
       * keeps it so whatever json-glib does with escapes. */
      if (!g_utf8_validate (json_node_get_string (node), -1, NULL))
        return invalid (error, where, _("“%s” is not valid text"), key);
      g_free (*out);
      *out = g_strdup (json_node_get_string (node));
    }
  return TRUE;
}

static gboolean
get_number (JsonObject  *object,
            const char  *key,
            gboolean    *has_value,
            double      *value,
            const char  *where,
            GError     **error)
{
  JsonNode *node;

  *has_value = FALSE;
  if (!get_member (object, key, JSON_NODE_VALUE, G_TYPE_DOUBLE, &node, where, error))
    return FALSE;
  if (node != NULL)
    {
      *has_value = TRUE;
      *value = json_node_get_value_type (node) == G_TYPE_INT64
               ? (double) json_node_get_int (node) : json_node_get_double (node);
      if (!isfinite (*value))
        return invalid (error, where, _("“%s” is out of range"), key);
    }
  return TRUE;
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
  if (!get_number (object, "progress", &has, &value, where, error))
    return FALSE;
  if (!has)
    return TRUE;
  if (value < 0 || value > 100 || value != floor (value))
    return invalid (error, where, _("“progress” must be a whole number from 0 to 100"));
  *progress = (int) value;
  return TRUE;
}

static gboolean
get_names (JsonObject  *object,
           const char  *key,
           GStrv       *out,
           const char  *where,
           GError     **error)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  JsonNode *node;

  if (!get_member (object, key, JSON_NODE_ARRAY, G_TYPE_INVALID, &node, where, error))
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
            return invalid (error, where, _("“%s” must be a list of agency names"), key);
          if (!g_utf8_validate (json_node_get_string (element), -1, NULL))
            return invalid (error, where, _("“%s” is not valid text"), key);
          /* A name of one full-width space looks empty in every list. */
          name = wp_utf8_strip_blank (g_strdup (json_node_get_string (element)));
          if (name[0] == '\0')
            return invalid (error, where, _("“%s” has an empty agency name"), key);
          g_strv_builder_add (builder, name);
        }
    }

  *out = g_strv_builder_end (builder);
  return TRUE;
}

static gboolean
read_targets (JsonObject  *object,
              ImportItem  *item,
              const char  *where,
              GError     **error)
{
  JsonNode *node;

  if (!get_member (object, "targets", JSON_NODE_ARRAY, G_TYPE_INVALID, &node, where, error))
    return FALSE;
  if (node == NULL)
    return TRUE;

  for (guint i = 0; i < json_array_get_length (json_node_get_array (node)); i++)
    {
      JsonNode *element = json_array_get_element (json_node_get_array (node), i);
      g_autofree char *here = g_strdup_printf ("%s.targets[%u]", where, i);
      WpTarget *t;
      JsonObject *o;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        return invalid (error, here, _("a target must be an object"));
      o = json_node_get_object (element);

      t = g_new0 (WpTarget, 1);
      g_ptr_array_add (item->targets, t);
      t->label = g_strdup ("");
      t->unit = g_strdup ("");
      if (!get_string (o, "label", &t->label, here, error)
          || !get_string (o, "unit", &t->unit, here, error)
          || !get_number (o, "baseline", &t->has_baseline, &t->baseline, here, error)
          || !get_number (o, "target", &t->has_target, &t->target, here, error)
          || !get_number (o, "current", &t->has_current, &t->current, here, error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
read_notes (JsonObject  *object,
            ImportItem  *item,
            const char  *where,
            GError     **error)
{
  JsonNode *node;

  if (!get_member (object, "notes", JSON_NODE_ARRAY, G_TYPE_INVALID, &node, where, error))
    return FALSE;
  if (node == NULL)
    return TRUE;

  for (guint i = 0; i < json_array_get_length (json_node_get_array (node)); i++)
    {
      JsonNode *element = json_array_get_element (json_node_get_array (node), i);
      g_autofree char *here = g_strdup_printf ("%s.notes[%u]", where, i);
      g_autofree char *date = NULL;
      WpNote *n;
      JsonObject *o;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        return invalid (error, here, _("a progress note must be an object"));
      o = json_node_get_object (element);

      n = g_new0 (WpNote, 1);
      g_ptr_array_add (item->notes, n);
      n->text = g_strdup ("");
      if (!get_string (o, "date", &date, here, error)
          || !get_string (o, "text", &n->text, here, error)
          || !get_progress (o, &n->progress, here, error)
          || !get_string (o, "reporter", &n->reporter, here, error))
        return FALSE;
      if (!wp_date_from_iso (date, &n->date))
        return invalid (error, here, _("“date” must be a date like 2025-06-30"));
    }

  return TRUE;
}

/* "milestones": [{"quarter": 1, "text": "…", "progress": 30}] */
static gboolean
read_milestones (JsonObject  *object,
                 ImportItem  *item,
                 const char  *where,
                 GError     **error)
{
  JsonNode *node;
  gboolean seen[5] = { FALSE };

  if (!get_member (object, "milestones", JSON_NODE_ARRAY, G_TYPE_INVALID, &node, where, error))
    return FALSE;
  if (node == NULL)
    return TRUE;

  for (guint i = 0; i < json_array_get_length (json_node_get_array (node)); i++)
    {
      JsonNode *element = json_array_get_element (json_node_get_array (node), i);
      g_autofree char *here = g_strdup_printf ("%s.milestones[%u]", where, i);
      WpMilestone *m;
      gboolean has;
      double quarter;
      JsonObject *o;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        return invalid (error, here, _("a milestone must be an object"));
      o = json_node_get_object (element);
      m = g_new0 (WpMilestone, 1);
      g_ptr_array_add (item->milestones, m);
      m->text = g_strdup ("");
      if (!get_number (o, "quarter", &has, &quarter, here, error)
          || !get_string (o, "text", &m->text, here, error)
          || !get_progress (o, &m->progress, here, error))
        return FALSE;
      if (!has || quarter != floor (quarter) || quarter < 1 || quarter > 4)
        return invalid (error, here, _("“quarter” must be 1, 2, 3 or 4"));
      m->quarter = (int) quarter;
      if (seen[m->quarter])
        return invalid (error, here, _("an item has one milestone per quarter"));
      seen[m->quarter] = TRUE;
    }
  return TRUE;
}

/* "closeout", "attachments" (by reference) and "unfinished_reason" */
static gboolean
read_tracking (JsonObject  *object,
               ImportItem  *item,
               const char  *where,
               GError     **error)
{
  JsonNode *node;

  if (!get_string (object, "unfinished_reason", &item->reason, where, error)
      || !get_member (object, "closeout", JSON_NODE_OBJECT, G_TYPE_INVALID, &node, where, error))
    return FALSE;
  if (node != NULL)
    {
      g_autofree char *here = g_strdup_printf ("%s.closeout", where);
      g_autofree char *state = NULL;
      JsonObject *o = json_node_get_object (node);

      if (!get_string (o, "state", &state, here, error)
          || !get_string (o, "completion", &item->closeout.completion, here, error)
          || !get_string (o, "closed_by", &item->closeout.closed_by, here, error)
          || !get_string (o, "closed_at", &item->closeout.closed_at, here, error))
        return FALSE;
      if (g_strcmp0 (state, "closed") == 0)
        item->closeout.state = WP_CLOSEOUT_CLOSED;
      else if (g_strcmp0 (state, "pending_review") == 0)
        item->closeout.state = WP_CLOSEOUT_PENDING_REVIEW;
      else
        return invalid (error, here, _("“state” must be closed or pending_review"));
    }

  if (!get_member (object, "attachments", JSON_NODE_ARRAY, G_TYPE_INVALID, &node, where, error))
    return FALSE;
  for (guint i = 0; node != NULL && i < json_array_get_length (json_node_get_array (node)); i++)
    {
      JsonNode *element = json_array_get_element (json_node_get_array (node), i);
      g_autofree char *here = g_strdup_printf ("%s.attachments[%u]", where, i);
      WpAttachment *a;
      gboolean has;
      double size;
      JsonObject *o;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        return invalid (error, here, _("an attachment must be an object"));
      o = json_node_get_object (element);
      a = g_new0 (WpAttachment, 1);
      g_ptr_array_add (item->attachments, a);
      if (!get_string (o, "name", &a->name, here, error)
          || !get_string (o, "type", &a->type, here, error)
          || !get_number (o, "size", &has, &size, here, error)
          || !get_string (o, "sha256", &a->sha256, here, error)
          || !get_string (o, "added", &a->added, here, error))
        return FALSE;
      if (a->name == NULL || a->name[0] == '\0' || a->sha256 == NULL
          || strlen (a->sha256) != 64 || !has || size < 0 || size != floor (size))
        return invalid (error, here,
                        _("an attachment needs its “name”, “size” and “sha256”"));
      a->size = (gint64) size;
      if (a->type == NULL)
        a->type = g_strdup ("");
    }
  return TRUE;
}

/* An item's own members, read from @object; its children are read by
 * parse_item() as the text goes. */
static ImportItem *
read_item_fields (JsonObject  *object,
                  const char  *where,
                  GError     **error)
{
  g_autoptr(ImportItem) item = g_new0 (ImportItem, 1);
  g_autofree char *kind = NULL;
  g_autofree char *status = NULL;
  JsonNode *member;

  item->title = g_strdup ("");
  item->description = g_strdup ("");
  item->due_label = g_strdup ("");
  item->targets = g_ptr_array_new_with_free_func ((GDestroyNotify) wp_target_free);
  item->notes = g_ptr_array_new_with_free_func ((GDestroyNotify) wp_note_free);
  item->milestones = g_ptr_array_new_with_free_func ((GDestroyNotify) wp_milestone_free);
  item->attachments = g_ptr_array_new_with_free_func ((GDestroyNotify) wp_attachment_free);
  item->children = g_ptr_array_new_with_free_func ((GDestroyNotify) import_item_free);

  if (!get_string (object, "kind", &kind, where, error)
      || !get_string (object, "title", &item->title, where, error)
      || !get_string (object, "description", &item->description, where, error)
      || !get_names (object, "lead", &item->lead, where, error)
      || !get_names (object, "co", &item->co, where, error)
      || !get_string (object, "status", &status, where, error)
      || !get_progress (object, &item->progress, where, error)
      || !get_string (object, "due", &item->due, where, error)
      || !get_string (object, "due_label", &item->due_label, where, error)
      || !read_targets (object, item, where, error)
      || !read_notes (object, item, where, error)
      || !read_milestones (object, item, where, error)
      || !read_tracking (object, item, where, error))
    return NULL;

  if (kind == NULL || !wp_item_kind_from_string (kind, &item->kind))
    {
      invalid (error, where, _("“kind” must be area, task or action"));
      return NULL;
    }
  if (status == NULL)
    item->status = WP_ITEM_STATUS_NOT_STARTED;
  else if (!wp_item_status_from_string (status, &item->status))
    {
      invalid (error, where,
               _("“status” must be not_started, in_progress, done or suspended, not “%s”"),
               status);
      return NULL;
    }
  if (item->due != NULL)
    {
      GDate date;
      if (!wp_date_from_iso (item->due, &date))
        {
          invalid (error, where, _("“due” must be a date like 2025-06-30, not “%s”"), item->due);
          return NULL;
        }
    }
  if (!get_member (object, "ongoing", JSON_NODE_VALUE, G_TYPE_BOOLEAN, &member, where, error))
    return NULL;
  item->ongoing = member != NULL && json_node_get_boolean (member);
  if (!get_member (object, "carried_over", JSON_NODE_VALUE, G_TYPE_BOOLEAN, &member, where,
                   error))
    return NULL;
  item->carried_over = member != NULL && json_node_get_boolean (member);
  if (!get_member (object, "carried_forward", JSON_NODE_VALUE, G_TYPE_BOOLEAN, &member, where,
                   error))
    return NULL;
  item->carried_forward = member != NULL && json_node_get_boolean (member);

  /* A "children" list was read as the text went; anything else there is
   * not one. */
  if (!get_member (object, "children", JSON_NODE_ARRAY, G_TYPE_INVALID, &member, where, error))
    return NULL;

  return g_steal_pointer (&item);
}

/* Reading the document as the text goes. wp_json_scan() has checked the
 * whole text first (RFC 8259 JSON, members named once, numbers in range,
 * escapes that decode to Unicode without U+0000, depth), so this reader
 * takes what it finds without checking it again. It builds json-glib
 * nodes only for one item's own members at a time and reads each
 * "children" list (and the top "items") straight into ImportItems: the
 * whole document is never held as a tree, which at 100,000 items was
 * 450 MB and most of an import's time. */

typedef struct {
  const char *p;
  const char *end;
  GString    *text;  /* the string being decoded */
} Reader;

static void
skip_space (Reader *r)
{
  while (r->p < r->end && (*r->p == ' ' || *r->p == '\n' || *r->p == '\r' || *r->p == '\t'))
    r->p++;
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
static void
read_string (Reader *r)
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

static JsonNode *
read_value (Reader *r)
{
  JsonNode *node;

  skip_space (r);
  switch (*r->p)
    {
    case '{':
      {
        JsonObject *object = json_object_new ();

        for (r->p++, skip_space (r); *r->p != '}'; skip_space (r))
          {
            g_autofree char *key = NULL;

            if (*r->p == ',')
              {
                r->p++;
                skip_space (r);
              }
            read_string (r);
            key = g_strdup (r->text->str);
            skip_space (r);
            r->p++;  /* : */
            json_object_set_member (object, key, read_value (r));
          }
        r->p++;
        node = json_node_init_object (json_node_alloc (), object);
        json_object_unref (object);
        return node;
      }
    case '[':
      {
        JsonArray *array = json_array_new ();

        for (r->p++, skip_space (r); *r->p != ']'; skip_space (r))
          {
            if (*r->p == ',')
              r->p++;
            json_array_add_element (array, read_value (r));
          }
        r->p++;
        node = json_node_init_array (json_node_alloc (), array);
        json_array_unref (array);
        return node;
      }
    case '"':
      read_string (r);
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
static void
skip_value (Reader *r)
{
  int depth = 0;

  skip_space (r);
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

static ImportItem *parse_item (Reader      *r,
                               const char  *where,
                               int          depth,
                               GError     **error);

/* At a "[": reads the items of a children (or top "items") list into
 * @items. The first bad item's error goes to @error and the rest of the
 * list is stepped over, so that the object holding it can still be read:
 * its own errors come first, as they did when the tree was read whole. */
static void
parse_item_list (Reader      *r,
                 GPtrArray   *items,
                 const char  *where,
                 const char  *member,
                 int          depth,
                 GError     **error)
{
  guint i = 0;

  for (r->p++, skip_space (r); *r->p != ']'; skip_space (r), i++)
    {
      if (*r->p == ',')
        r->p++;
      if (error != NULL && *error != NULL)
        skip_value (r);
      else
        {
          g_autofree char *here = g_strdup_printf ("%s%s[%u]", where, member, i);
          ImportItem *item = parse_item (r, here, depth, error);

          if (item != NULL)
            g_ptr_array_add (items, item);
        }
    }
  r->p++;
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
  ImportItem *item;

  skip_space (r);
  if (depth > MAX_ITEM_DEPTH)
    {
      skip_value (r);
      invalid (error, where, _("items are nested too deeply"));
      return NULL;
    }
  if (*r->p != '{')
    {
      skip_value (r);
      invalid (error, where, _("an item must be an object"));
      return NULL;
    }

  object = json_object_new ();
  children = g_ptr_array_new_with_free_func ((GDestroyNotify) import_item_free);
  for (r->p++, skip_space (r); *r->p != '}'; skip_space (r))
    {
      g_autofree char *key = NULL;

      if (*r->p == ',')
        {
          r->p++;
          skip_space (r);
        }
      read_string (r);
      key = g_strdup (r->text->str);
      skip_space (r);
      r->p++;  /* : */
      skip_space (r);
      if (*r->p == '[' && g_str_equal (key, "children"))
        parse_item_list (r, children, where, ".children", depth + 1, &child_error);
      else
        json_object_set_member (object, key, read_value (r));
    }
  r->p++;

  item = read_item_fields (object, where, error);
  if (item == NULL)
    return NULL;
  if (child_error != NULL)
    {
      import_item_free (item);
      g_propagate_error (error, g_steal_pointer (&child_error));
      return NULL;
    }
  g_ptr_array_extend_and_steal (item->children, g_steal_pointer (&children));
  return item;
}

/* Writes @item as child @position of @parent_id, then its children. */
static gboolean
write_item (WpStoreBulk *bulk,
            gint64       plan_id,
            gint64       parent_id,
            int          position,
            ImportItem  *item,
            guint       *n_missing,
            GError     **error)
{
  g_autofree char *done_date = NULL;
  WpBulkItem row = {
    .kind = item->kind,
    .title = item->title,
    .description = item->description,
    .status = item->status,
    .progress = item->progress,
    .due = item->due,
    .due_label = item->due_label,
    .ongoing = item->ongoing,
    .carried_over = item->carried_over,
    .carried_forward = item->carried_forward,
    .lead = (const char * const *) item->lead,
    .co = (const char * const *) item->co,
  };
  gint64 id;

  /* Work done before it was imported was done when it was last reported,
   * not on the day of the import. */
  if (item->status == WP_ITEM_STATUS_DONE && item->notes->len > 0)
    {
      GDate last;

      g_date_clear (&last, 1);
      for (guint i = 0; i < item->notes->len; i++)
        {
          WpNote *n = g_ptr_array_index (item->notes, i);
          if (!g_date_valid (&last) || g_date_compare (&n->date, &last) > 0)
            last = n->date;
        }
      row.done_date = done_date = wp_date_to_iso (&last);
    }

  id = wp_store_bulk_add_item (bulk, plan_id, parent_id, position, &row, error);
  if (id == 0)
    return FALSE;

  for (guint i = 0; i < item->targets->len; i++)
    if (!wp_store_bulk_add_target (bulk, id, g_ptr_array_index (item->targets, i), error))
      return FALSE;

  for (guint i = 0; i < item->notes->len; i++)
    {
      WpNote *n = g_ptr_array_index (item->notes, i);
      if (!wp_store_bulk_add_note (bulk, id, &n->date, n->text, n->progress, n->reporter,
                                   error))
        return FALSE;
    }

  for (guint i = 0; i < item->milestones->len; i++)
    {
      WpMilestone *m = g_ptr_array_index (item->milestones, i);
      if (!wp_store_bulk_add_milestone (bulk, id, m->quarter, m->text, m->progress, error))
        return FALSE;
    }

  if ((item->closeout.state != WP_CLOSEOUT_NONE || item->attachments->len > 0
       || item->reason != NULL)
      && !wp_store_bulk_add_tracking (bulk, id, &item->closeout, item->attachments,
                                      item->reason, n_missing, error))
    return FALSE;

  for (guint i = 0; i < item->children->len; i++)
    if (!write_item (bulk, plan_id, id, (int) i, g_ptr_array_index (item->children, i),
                     n_missing, error))
      return FALSE;

  return TRUE;
}

struct _WpJsonDocument {
  int             year;
  char           *title;
  char           *organization;
  WpPlanSettings  settings;
  char           *checked;
  guint           n_missing_attachments;  /* by the last write */
  GPtrArray      *items;  /* ImportItem */
  GPtrArray      *aliases;  /* GStrv: an agency's name, then its aliases */
};

/**
 * wp_json_document_get_missing_attachments:
 *
 * Returns: how many evidence files the last wp_json_document_write() left
 *   out: the document names them by reference, and this plan file does not
 *   hold their bytes
 */
guint
wp_json_document_get_missing_attachments (WpJsonDocument *doc)
{
  return doc->n_missing_attachments;
}

void
wp_json_document_free (WpJsonDocument *doc)
{
  if (doc == NULL)
    return;
  g_free (doc->title);
  g_free (doc->organization);
  g_free (doc->checked);
  g_clear_pointer (&doc->items, g_ptr_array_unref);
  g_clear_pointer (&doc->aliases, g_ptr_array_unref);
  g_free (doc);
}

int
wp_json_document_get_year (WpJsonDocument *doc)
{
  return doc->year;
}

static gboolean
not_a_plan (GError **error)
{
  g_set_error (error, WP_IO_ERROR, WP_IO_ERROR_INVALID,
               _("The file is JSON but not a Workplan plan (expected an object with "
                 "\"format\": \"workplan\")."));
  return FALSE;
}

/* "settings" of a plan: its light rules and reporting cycle */
static gboolean
read_settings (JsonObject      *plan_object,
               WpPlanSettings  *settings,
               GError         **error)
{
  static const struct {
    const char *name;
    gsize       offset;
    int         min, max;
  } numbers[] = {
    { "due_soon_days", G_STRUCT_OFFSET (WpPlanSettings, due_soon_days), 0, 366 },
    { "yellow_points", G_STRUCT_OFFSET (WpPlanSettings, yellow_points), 0, 100 },
    { "red_points", G_STRUCT_OFFSET (WpPlanSettings, red_points), 0, 100 },
    { "report_due_day", G_STRUCT_OFFSET (WpPlanSettings, report_due_day), 1, 31 },
  };
  g_autofree char *frequency = NULL;
  JsonObject *o;
  JsonNode *node;

  if (!get_member (plan_object, "settings", JSON_NODE_OBJECT, G_TYPE_INVALID, &node, "$.plan",
                   error))
    return FALSE;
  if (node == NULL)
    return TRUE;
  o = json_node_get_object (node);
  for (guint i = 0; i < G_N_ELEMENTS (numbers); i++)
    {
      gboolean has;
      double value;

      if (!get_number (o, numbers[i].name, &has, &value, "$.plan.settings", error))
        return FALSE;
      if (!has)
        continue;
      if (value != floor (value) || value < numbers[i].min || value > numbers[i].max)
        return invalid (error, "$.plan.settings",
                        _("“%s” must be a whole number from %d to %d"),
                        numbers[i].name, numbers[i].min, numbers[i].max);
      G_STRUCT_MEMBER (int, settings, numbers[i].offset) = (int) value;
    }
  if (!get_string (o, "report_frequency", &frequency, "$.plan.settings", error))
    return FALSE;
  if (frequency != NULL && !wp_report_frequency_from_string (frequency,
                                                             &settings->report_frequency))
    return invalid (error, "$.plan.settings",
                    _("“report_frequency” must be monthly, semimonthly or quarterly"));
  if (!get_member (o, "review_closeout", JSON_NODE_VALUE, G_TYPE_BOOLEAN, &node,
                   "$.plan.settings", error))
    return FALSE;
  if (node != NULL)
    settings->review_closeout = json_node_get_boolean (node);
  if (settings->red_points < settings->yellow_points)
    return invalid (error, "$.plan.settings",
                    _("“red_points” cannot be below “yellow_points”"));
  return TRUE;
}

/* "aliases" (optional; files before it have none): agency name → the
 * other ways it is written */
static gboolean
read_aliases (JsonObject  *root,
              GPtrArray   *out,
              GError     **error)
{
  g_autoptr(GList) names = NULL;
  JsonNode *node;

  if (!get_member (root, "aliases", JSON_NODE_OBJECT, G_TYPE_INVALID, &node, "$", error))
    return FALSE;
  if (node == NULL)
    return TRUE;
  names = json_object_get_members (json_node_get_object (node));
  for (GList *l = names; l != NULL; l = l->next)
    {
      g_auto(GStrv) aliases = NULL;
      g_autoptr(GStrvBuilder) entry = g_strv_builder_new ();

      if (!get_names (json_node_get_object (node), l->data, &aliases, "$.aliases", error))
        return FALSE;
      g_strv_builder_add (entry, l->data);
      g_strv_builder_addv (entry, (const char **) aliases);
      g_ptr_array_add (out, g_strv_builder_end (entry));
    }
  return TRUE;
}

/* The document's aliases, in the plan write: one a file names that this
 * directory gives another agency already stays that agency's */
static gboolean
write_aliases_of (WpJsonDocument  *doc,
                  WpStore         *store,
                  GError         **error)
{
  for (guint i = 0; i < doc->aliases->len; i++)
    {
      char **entry = g_ptr_array_index (doc->aliases, i);
      g_autoptr(WpAgency) agency = NULL;

      if (entry[1] == NULL)
        continue;
      agency = wp_store_ensure_agency (store, entry[0], error);
      if (agency == NULL)
        return FALSE;
      for (guint k = 1; entry[k] != NULL; k++)
        {
          g_autoptr(GError) local = NULL;

          if (!wp_store_add_agency_alias (store, wp_agency_get_id (agency), entry[k], &local)
              && !g_error_matches (local, WP_STORE_ERROR, WP_STORE_ERROR_EXISTS))
            {
              g_propagate_error (error, g_steal_pointer (&local));
              return FALSE;
            }
        }
    }
  return TRUE;
}

/**
 * wp_json_document_parse:
 *
 * Reads and checks a whole interchange document without touching any store.
 *
 * Returns: (transfer full): the document, or %NULL with @error set
 */
WpJsonDocument *
wp_json_document_parse (const char  *data,
                        gssize       length,
                        GError     **error)
{
  g_autoptr(WpJsonDocument) doc = g_new0 (WpJsonDocument, 1);
  g_autoptr(JsonObject) root_members = NULL;
  g_autoptr(GError) items_error = NULL;
  g_autoptr(GString) text = NULL;
  Reader r;
  g_autofree char *format = NULL;
  JsonObject *root, *plan_object;
  JsonNode *node;
  gboolean has_number;
  double number;

  doc->title = g_strdup ("");
  doc->organization = g_strdup ("");
  doc->settings = (WpPlanSettings) WP_PLAN_SETTINGS_INIT;
  doc->items = g_ptr_array_new_with_free_func ((GDestroyNotify) import_item_free);
  doc->aliases = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);

  if (length < 0)
    length = (gssize) strlen (data);
  if (length > WP_IO_MAX_INPUT_SIZE)
    {
      g_set_error (error, WP_IO_ERROR, WP_IO_ERROR_TOO_LARGE,
                   _("The file is too large to be a plan (over %d MB)."),
                   WP_IO_MAX_INPUT_SIZE / (1024 * 1024));
      return NULL;
    }
  if (!g_utf8_validate (data, length, NULL))
    {
      g_set_error (error, WP_IO_ERROR, WP_IO_ERROR_INVALID,
                   _("The file is not UTF-8 text, so it is not Workplan JSON."));
      return NULL;
    }
  /* Windows editors put a byte-order mark in front; it is not the data. */
  if (length >= 3 && memcmp (data, "\xef\xbb\xbf", 3) == 0)
    {
      data += 3;
      length -= 3;
    }
  /* Before the reader below, which counts on it; see wp-json-scan.c. */
  if (!wp_json_scan (data, length, MAX_JSON_DEPTH, error))
    return NULL;

  text = g_string_new (NULL);
  r = (Reader) { .p = data, .end = data + length, .text = text };
  skip_space (&r);
  if (*r.p != '{')
    return not_a_plan (error), NULL;
  root_members = json_object_new ();
  for (r.p++, skip_space (&r); *r.p != '}'; skip_space (&r))
    {
      g_autofree char *key = NULL;

      if (*r.p == ',')
        {
          r.p++;
          skip_space (&r);
        }
      read_string (&r);
      key = g_strdup (r.text->str);
      skip_space (&r);
      r.p++;  /* : */
      skip_space (&r);
      if (*r.p == '[' && g_str_equal (key, "items"))
        parse_item_list (&r, doc->items, "$", ".items", 0, &items_error);
      else
        json_object_set_member (root_members, key, read_value (&r));
    }
  root = root_members;

  if (!get_string (root, "format", &format, "$", error))
    return NULL;
  if (g_strcmp0 (format, "workplan") != 0)
    return not_a_plan (error), NULL;
  if (!get_number (root, "version", &has_number, &number, "$", error))
    return NULL;
  if (!has_number || number != WP_JSON_FORMAT_VERSION)
    {
      g_set_error (error, WP_IO_ERROR, WP_IO_ERROR_UNSUPPORTED,
                   _("The file has Workplan format version %g; this version of Workplan reads "
                     "version %d."), has_number ? number : 0.0, WP_JSON_FORMAT_VERSION);
      return NULL;
    }

  if (!get_member (root, "plan", JSON_NODE_OBJECT, G_TYPE_INVALID, &node, "$", error))
    return NULL;
  if (node == NULL)
    return invalid (error, "$", _("“plan” is missing")), NULL;
  plan_object = json_node_get_object (node);
  if (!get_number (plan_object, "year", &has_number, &number, "$.plan", error)
      || !get_string (plan_object, "title", &doc->title, "$.plan", error)
      || !get_string (plan_object, "organization", &doc->organization, "$.plan", error))
    return NULL;
  if (!has_number || number != floor (number) || number < 1 || number > 9999)
    return invalid (error, "$.plan", _("“year” must be a year such as 2025")), NULL;
  doc->year = (int) number;
  if (!get_string (plan_object, "checked", &doc->checked, "$.plan", error)
      || !read_settings (plan_object, &doc->settings, error))
    return NULL;

  if (!read_aliases (root, doc->aliases, error))
    return NULL;

  /* A list of items was read as the text went; anything else is not one. */
  if (!get_member (root, "items", JSON_NODE_ARRAY, G_TYPE_INVALID, &node, "$", error))
    return NULL;
  if (items_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&items_error));
      return NULL;
    }

  return g_steal_pointer (&doc);
}

/**
 * wp_json_document_write:
 * @year_override: the year to file the plan under, or 0 for the file's own
 * @replace: replace an existing plan of that year instead of failing
 *
 * Writes the document as a new plan, all or nothing.
 *
 * Returns: (transfer full): the new plan, or %NULL with @error set and the
 *   store unchanged
 */
WpPlan *
wp_json_document_write (WpJsonDocument  *doc,
                        WpStore         *store,
                        int              year_override,
                        gboolean         replace,
                        GError         **error)
{
  g_autoptr(WpPlan) plan = NULL;
  WpStoreBulk *bulk = NULL;
  int year = year_override > 0 ? year_override : doc->year;
  gint64 replaced_id = 0;

  /* (one row of the change log for the plan, not one per item) */
  if (!wp_store_begin_plan_write (store, error))
    return NULL;
  wp_store_freeze_signals (store);

  if (replace)
    {
      g_autoptr(WpPlan) existing = wp_store_get_plan_by_year (store, year, NULL);

      if (existing != NULL)
        {
          replaced_id = wp_plan_get_id (existing);
          if (!wp_store_delete_plan (store, replaced_id, error))
            goto fail;
        }
    }

  plan = wp_store_create_plan (store, year, doc->title, doc->organization, error);
  if (plan == NULL)
    goto fail;

  /* The plan is new: its items go in from the first place on. */
  bulk = wp_store_bulk_begin (store, NULL, error);
  if (bulk == NULL)
    goto fail;
  doc->n_missing_attachments = 0;
  if (!wp_store_bulk_set_plan (bulk, wp_plan_get_id (plan), &doc->settings, doc->checked, error))
    goto fail;
  for (guint i = 0; i < doc->items->len; i++)
    if (!write_item (bulk, wp_plan_get_id (plan), 0, (int) i,
                     g_ptr_array_index (doc->items, i), &doc->n_missing_attachments, error))
      goto fail;
  if (!wp_store_bulk_commit (bulk, error))
    goto fail;
  g_clear_pointer (&bulk, wp_store_bulk_free);
  if (!write_aliases_of (doc, store, error))
    goto fail;

  if (!wp_store_commit_plan_write (store, wp_plan_get_id (plan), replaced_id, error))
    {
      wp_store_thaw_signals (store);
      return NULL;
    }
  wp_store_thaw_signals (store);
  return g_steal_pointer (&plan);

fail:
  /* Inside the transaction below, so before it */
  g_clear_pointer (&bulk, wp_store_bulk_free);
  wp_store_rollback_plan_write (store);
  wp_store_thaw_signals (store);
  return NULL;
}

/**
 * wp_json_import:
 *
 * Parses @data and writes it as a new plan; see wp_json_document_write().
 */
WpPlan *
wp_json_import (WpStore     *store,
                const char  *data,
                gssize       length,
                int          year_override,
                gboolean     replace,
                GError     **error)
{
  g_autoptr(WpJsonDocument) doc = wp_json_document_parse (data, length, error);

  if (doc == NULL)
    return NULL;
  return wp_json_document_write (doc, store, year_override, replace, error);
}

static gboolean
load_failed (GError     **error,
             int          code,
             const char  *format,
             ...) G_GNUC_PRINTF (3, 4);

static gboolean
load_failed (GError     **error,
             int          code,
             const char  *format,
             ...)
{
  va_list args;

  va_start (args, format);
  g_propagate_error (error, g_error_new_valist (WP_IO_ERROR, code, format, args));
  va_end (args);
  return FALSE;
}

static gboolean
too_large (GError **error)
{
  return load_failed (error, WP_IO_ERROR_TOO_LARGE,
                      _("The file is too large to be a plan (over %d MB)."),
                      WP_IO_MAX_INPUT_SIZE / (1024 * 1024));
}

/* Reads a plan file whole, after making sure it is one: /dev/zero would be
 * read until memory runs out, a FIFO would wait for a writer for ever, and
 * a file of 300 MB would be read before being refused. The checks are made
 * on the open descriptor, so the file cannot be swapped in between. */
static gboolean
read_plan_file (const char  *path,
                char       **contents,
                gsize       *length,
                GError     **error)
{
  g_autofree char *buffer = NULL;
  gsize capacity, used = 0;
  struct stat st;
  int fd;

  /* O_NONBLOCK: opening a FIFO does not wait for a writer. */
  fd = g_open (path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC, 0);
  if (fd < 0 || fstat (fd, &st) != 0)
    {
      int saved = errno;

      if (fd >= 0)
        close (fd);
      if (saved == ENOENT || saved == ENOTDIR)
        return load_failed (error, WP_IO_ERROR_INVALID, _("There is no such file."));
      if (saved == EACCES || saved == EPERM)
        return load_failed (error, WP_IO_ERROR_INVALID,
                            _("You are not allowed to read this file."));
      return load_failed (error, WP_IO_ERROR_INVALID, _("The file cannot be read: %s"),
                          g_strerror (saved));
    }

  if (S_ISDIR (st.st_mode))
    {
      close (fd);
      return load_failed (error, WP_IO_ERROR_INVALID, _("This is a folder, not a plan file."));
    }
  if (!S_ISREG (st.st_mode))
    {
      close (fd);
      return load_failed (error, WP_IO_ERROR_INVALID,
                          _("This is not a regular file but a device, a pipe or a socket; "
                            "a plan is imported from a file."));
    }
  if (st.st_size > WP_IO_MAX_INPUT_SIZE)
    {
      close (fd);
      return too_large (error);
    }

  /* One byte more than the size, to see the end; files in /proc say 0, and
   * a file may grow while it is read: never past the limit. */
  capacity = (gsize) st.st_size + 1;
  buffer = g_malloc (capacity + 1);
  for (;;)
    {
      gssize n = read (fd, buffer + used, capacity - used);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          int saved = errno;

          close (fd);
          if (saved == EISDIR)
            return load_failed (error, WP_IO_ERROR_INVALID,
                                _("This is a folder, not a plan file."));
          return load_failed (error, WP_IO_ERROR_INVALID, _("The file cannot be read: %s"),
                              g_strerror (saved));
        }
      if (n == 0)
        break;
      used += (gsize) n;
      if (used > WP_IO_MAX_INPUT_SIZE)
        {
          close (fd);
          return too_large (error);
        }
      if (used == capacity)
        {
          capacity = MIN (capacity * 2, (gsize) WP_IO_MAX_INPUT_SIZE + 1);
          buffer = g_realloc (buffer, capacity + 1);
        }
    }
  close (fd);

  buffer[used] = '\0';
  *contents = g_steal_pointer (&buffer);
  *length = used;
  return TRUE;
}

/**
 * wp_json_document_load:
 * @path: a file name, or a file:// URI
 *
 * Returns: (transfer full): the checked document in the file at @path
 */
WpJsonDocument *
wp_json_document_load (const char  *path,
                       GError     **error)
{
  g_autoptr(GFile) file = g_file_new_for_commandline_arg (path);
  g_autofree char *local = g_file_get_path (file);
  g_autofree char *contents = NULL;
  gsize length = 0;

  /* Callers name the file in front of these messages. */
  if (local == NULL)
    {
      g_set_error (error, WP_IO_ERROR, WP_IO_ERROR_INVALID,
                   _("Only files on this computer can be imported; copy it here first."));
      return NULL;
    }
  if (!read_plan_file (local, &contents, &length, error))
    return NULL;

  return wp_json_document_parse (contents, (gssize) length, error);
}
