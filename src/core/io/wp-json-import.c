/* wp-json-import.c: the interchange JSON's import: the document read and
 * checked whole (wp-json-read.c), then written into the store in one bulk
 * write; and reading a plan file safely
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
/* O_CLOEXEC, O_NOCTTY and MAP_ANONYMOUS under -std=c11 */
#define _DEFAULT_SOURCE

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "wp-deadline.h"
#include "wp-json-read.h"
#include "wp-json-scan.h"
#include "wp-store-bulk.h"
#include "wp-util.h"

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
  if (item->status == WP_ITEM_STATUS_DONE && item->notes != NULL)
    {
      GDate last;

      g_date_clear (&last, 1);
      for (guint i = 0; i < IMPORT_LIST_LEN (item->notes); i++)
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

  for (guint i = 0; i < IMPORT_LIST_LEN (item->targets); i++)
    if (!wp_store_bulk_add_target (bulk, id, g_ptr_array_index (item->targets, i), error))
      return FALSE;

  for (guint i = 0; i < IMPORT_LIST_LEN (item->notes); i++)
    {
      WpNote *n = g_ptr_array_index (item->notes, i);
      if (!wp_store_bulk_add_note (bulk, id, &n->date, n->text, n->progress, n->reporter,
                                   error))
        return FALSE;
    }

  for (guint i = 0; i < IMPORT_LIST_LEN (item->milestones); i++)
    {
      WpMilestone *m = g_ptr_array_index (item->milestones, i);
      if (!wp_store_bulk_add_milestone (bulk, id, m->quarter, m->text, m->progress, error))
        return FALSE;
    }

  if (item->closeout.state != WP_CLOSEOUT_NONE || item->attachments != NULL
      || item->reason != NULL)
    {
      g_autoptr(GPtrArray) none = item->attachments == NULL ? g_ptr_array_new () : NULL;

      if (!wp_store_bulk_add_tracking (bulk, id, &item->closeout,
                                       none != NULL ? none : item->attachments,
                                       item->reason, n_missing, error))
        return FALSE;
    }

  for (guint i = 0; i < IMPORT_LIST_LEN (item->children); i++)
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
  GStringChunk   *strings;  /* the items' text */
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
  g_clear_pointer (&doc->strings, g_string_chunk_free);
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

  if (!_wp_json_get_member (plan_object, "settings", JSON_NODE_OBJECT, G_TYPE_INVALID, &node,
                            "$.plan",
                            error))
    return FALSE;
  if (node == NULL)
    return TRUE;
  o = json_node_get_object (node);
  for (guint i = 0; i < G_N_ELEMENTS (numbers); i++)
    {
      gboolean has;
      double value;

      if (!_wp_json_get_number (o, numbers[i].name, &has, &value, "$.plan.settings", error))
        return FALSE;
      if (!has)
        continue;
      if (value != floor (value) || value < numbers[i].min || value > numbers[i].max)
        return _wp_json_invalid (error, "$.plan.settings",
                                 _("“%s” must be a whole number from %d to %d"),
                                 numbers[i].name, numbers[i].min, numbers[i].max);
      G_STRUCT_MEMBER (int, settings, numbers[i].offset) = (int) value;
    }
  if (!_wp_json_get_string (o, "report_frequency", &frequency, "$.plan.settings", error))
    return FALSE;
  if (frequency != NULL && !wp_report_frequency_from_string (frequency,
                                                             &settings->report_frequency))
    return _wp_json_invalid (error, "$.plan.settings",
                             _("“report_frequency” must be monthly, semimonthly or quarterly"));
  if (!_wp_json_get_member (o, "review_closeout", JSON_NODE_VALUE, G_TYPE_BOOLEAN, &node,
                            "$.plan.settings", error))
    return FALSE;
  if (node != NULL)
    settings->review_closeout = json_node_get_boolean (node);
  if (settings->red_points < settings->yellow_points)
    return _wp_json_invalid (error, "$.plan.settings",
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

  if (!_wp_json_get_member (root, "aliases", JSON_NODE_OBJECT, G_TYPE_INVALID, &node, "$", error))
    return FALSE;
  if (node == NULL)
    return TRUE;
  names = json_object_get_members (json_node_get_object (node));
  for (GList *l = names; l != NULL; l = l->next)
    {
      g_auto(GStrv) aliases = NULL;
      g_autoptr(GStrvBuilder) entry = g_strv_builder_new ();

      if (!_wp_json_get_names (json_node_get_object (node), l->data, &aliases, "$.aliases", error))
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

/* @own_text: @data is a mapping of its own (FileText), which the reader
 * may give back page by page as it reads on */
static WpJsonDocument *
parse_document (const char  *data,
                gssize       length,
                gboolean     own_text,
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
  doc->items = g_ptr_array_new_with_free_func ((GDestroyNotify) _wp_json_import_item_free);
  doc->strings = g_string_chunk_new (64 * 1024);
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
  r = (Reader) { .p = data, .end = data + length, .text = text, .strings = doc->strings };
  if (own_text)
    r.kept = (const char *) ((guintptr) data & ~(guintptr) (sysconf (_SC_PAGESIZE) - 1));
  _wp_json_skip_space (&r);
  if (*r.p != '{')
    return not_a_plan (error), NULL;
  root_members = json_object_new ();
  for (;;)
    {
      g_autofree char *key = _wp_json_read_member_key (&r);

      if (key == NULL)
        break;
      if (*r.p == '[' && g_str_equal (key, "items"))
        _wp_json_parse_item_list (&r, doc->items, "$", ".items", 0, &items_error);
      else
        json_object_set_member (root_members, key, _wp_json_read_value (&r));
    }
  root = root_members;

  if (!_wp_json_get_string (root, "format", &format, "$", error))
    return NULL;
  if (g_strcmp0 (format, "workplan") != 0)
    return not_a_plan (error), NULL;
  if (!_wp_json_get_number (root, "version", &has_number, &number, "$", error))
    return NULL;
  if (!has_number || number != WP_JSON_FORMAT_VERSION)
    {
      g_set_error (error, WP_IO_ERROR, WP_IO_ERROR_UNSUPPORTED,
                   _("The file has Workplan format version %g; this version of Workplan reads "
                     "version %d."), has_number ? number : 0.0, WP_JSON_FORMAT_VERSION);
      return NULL;
    }

  if (!_wp_json_get_member (root, "plan", JSON_NODE_OBJECT, G_TYPE_INVALID, &node, "$", error))
    return NULL;
  if (node == NULL)
    return _wp_json_invalid (error, "$", _("“plan” is missing")), NULL;
  plan_object = json_node_get_object (node);
  if (!_wp_json_get_number (plan_object, "year", &has_number, &number, "$.plan", error)
      || !_wp_json_get_string (plan_object, "title", &doc->title, "$.plan", error)
      || !_wp_json_get_string (plan_object, "organization", &doc->organization, "$.plan", error))
    return NULL;
  if (!has_number || number != floor (number) || number < 1 || number > 9999)
    return _wp_json_invalid (error, "$.plan", _("“year” must be a year such as 2025")), NULL;
  doc->year = (int) number;
  if (!_wp_json_get_string (plan_object, "checked", &doc->checked, "$.plan", error)
      || !read_settings (plan_object, &doc->settings, error))
    return NULL;

  if (!read_aliases (root, doc->aliases, error))
    return NULL;

  /* A list of items was read as the text went; anything else is not one. */
  if (!_wp_json_get_member (root, "items", JSON_NODE_ARRAY, G_TYPE_INVALID, &node, "$", error))
    return NULL;
  if (items_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&items_error));
      return NULL;
    }

  return g_steal_pointer (&doc);
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
  return parse_document (data, length, FALSE, error);
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

/* A plan file's text, in a mapping of its own rather than from malloc():
 * the reader gives its pages back as it reads on (_wp_json_let_go()). */
typedef struct {
  char  *data;
  gsize  size;  /* of the mapping */
} FileText;

static void
file_text_clear (FileText *text)
{
  if (text->data != NULL)
    munmap (text->data, text->size);
  *text = (FileText) { NULL, 0 };
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (FileText, file_text_clear)

/* Makes room for @size bytes, keeping the first @used */
static gboolean
file_text_resize (FileText  *text,
                  gsize      size,
                  gsize      used,
                  GError   **error)
{
  char *data = mmap (NULL, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

  if (data == MAP_FAILED)
    return load_failed (error, WP_IO_ERROR_INVALID, _("The file cannot be read: %s"),
                        g_strerror (errno));
  if (text->data != NULL)
    {
      memcpy (data, text->data, used);
      munmap (text->data, text->size);
    }
  text->data = data;
  text->size = size;
  return TRUE;
}

/* Reads a plan file whole, after making sure it is one: /dev/zero would be
 * read until memory runs out, a FIFO would wait for a writer for ever, and
 * a file of 300 MB would be read before being refused. The checks are made
 * on the open descriptor, so the file cannot be swapped in between. */
static gboolean
read_plan_file (const char  *path,
                FileText    *contents,
                gsize       *length,
                GError     **error)
{
  g_auto(FileText) buffer = { NULL, 0 };
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
  if (!file_text_resize (&buffer, capacity + 1, 0, error))
    {
      close (fd);
      return FALSE;
    }
  for (;;)
    {
      gssize n = read (fd, buffer.data + used, capacity - used);

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
          if (!file_text_resize (&buffer, capacity + 1, used, error))
            {
              close (fd);
              return FALSE;
            }
        }
    }
  close (fd);

  buffer.data[used] = '\0';
  *contents = buffer;
  buffer = (FileText) { NULL, 0 };
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
  g_auto(FileText) contents = { NULL, 0 };
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

  return parse_document (contents.data, (gssize) length, TRUE, error);
}
