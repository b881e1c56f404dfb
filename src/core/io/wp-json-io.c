/* wp-json-io.c: the interchange JSON (workplan export/import --format json),
 * its export
 *
 * Import reads and checks the whole document before it writes anything, then
 * writes it in one transaction: a bad file leaves the database as it was
 * (wp-json-import.c, reading with wp-json-read.c). Export writes every key
 * of every item (empty list or null where unknown; the carried_over and
 * carried_forward marks only where set), so export → import → export gives
 * the same bytes.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "wp-deadline.h"
#include "wp-json-io.h"
#include "wp-output.h"
#include "wp-store-walk.h"
#include "wp-tracking.h"
#include "wp-util.h"

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
  GHashTable *aliased;  /* the name of an agency with aliases → its aliases, or NULL */
  GHashTable *named;    /* the names of those that the plan's items name */
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

/* Notes which of @names have aliases (the "aliases" written at the end) */
static void
note_named (Writer             *w,
            const char * const *names)
{
  for (guint i = 0; names[i] != NULL; i++)
    {
      gpointer name;

      if (g_hash_table_lookup_extended (w->aliased, names[i], &name, NULL))
        g_hash_table_add (w->named, name);
    }
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

  if (w->aliased != NULL)
    {
      note_named (w, row->lead);
      note_named (w, row->co);
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

/* The agencies that have aliases, in the directory's order (@order),
 * and their aliases by name (@aliased): read before the items, whose rows
 * tell which of them the plan names (instead of a pass over the plan's
 * facts, a fifth of the export at 100,000 items) */
static gboolean
read_aliased (WpStore      *store,
              GPtrArray   **order,
              GHashTable  **aliased,
              GError      **error)
{
  g_autoptr(GPtrArray) agencies = wp_store_list_agencies (store, error);

  if (agencies == NULL)
    return FALSE;
  *order = g_ptr_array_new_with_free_func (g_free);
  *aliased = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) g_strfreev);
  for (guint i = 0; i < agencies->len; i++)
    {
      WpAgency *agency = g_ptr_array_index (agencies, i);
      g_auto(GStrv) aliases = wp_store_list_agency_aliases (store, wp_agency_get_id (agency),
                                                            error);
      char *name;

      if (aliases == NULL)
        return FALSE;
      if (aliases[0] == NULL || g_hash_table_contains (*aliased, wp_agency_get_name (agency)))
        continue;
      name = g_strdup (wp_agency_get_name (agency));
      g_ptr_array_add (*order, name);
      g_hash_table_insert (*aliased, name, g_steal_pointer (&aliases));
    }
  return TRUE;
}

/* "aliases": the other written forms of the agencies the plan names, by
 * agency (issue 19); only a plan that has some says so, so that files of
 * other plans stay as they were */
static void
write_aliases (Writer    *w,
               GPtrArray *order)
{
  gboolean open = FALSE;

  for (guint i = 0; i < order->len; i++)
    {
      const char *name = g_ptr_array_index (order, i);
      const char * const *aliases = g_hash_table_lookup (w->aliased, name);

      if (!g_hash_table_contains (w->named, name))
        continue;
      if (!open)
        {
          write_key (w, "aliases");
          open_container (w, '{');
          open = TRUE;
        }
      next_entry (w);
      write_string (w->out, name);
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
  g_autoptr(GPtrArray) aliased_order = NULL;
  g_autoptr(GHashTable) aliased = NULL;
  g_autoptr(GHashTable) named = g_hash_table_new (g_str_hash, g_str_equal);
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
  if (!read_aliased (store, &aliased_order, &aliased, error))
    return NULL;
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
                 .reasons = reasons, .named = named, .sink = sink,
                 .aliased = g_hash_table_size (aliased) > 0 ? aliased : NULL };
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
  if (w.aliased != NULL)
    write_aliases (&w, aliased_order);
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
