/* wp-import-preview.c: a spreadsheet's columns, as they will be imported
 *
 * Before a 任务分解表 becomes a plan, the user sees the header row the
 * importer found, what it takes each column for (a drop-down per column
 * to change that), the first rows as read, and the first items as they
 * will be imported with the count of areas, key tasks and actions. Each
 * change of a column imports the sheet again into JSON (nothing is
 * written), so what is shown is what Import writes. The choices are
 * remembered for sheets with the same headers (an office gets the same
 * ledger every year).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <string.h>
#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "wp-import-job.h"
#include "wp-import-preview.h"
#include "wp-window-private.h"

#define N_SAMPLE_ROWS 4
#define N_PREVIEW_ITEMS 12

struct _WpImportPreview
{
  AdwWindow       parent_instance;

  WpWindow       *window;   /* (weak) */
  char           *path;
  char           *name;     /* the file's name, for messages */
  char           *fallback_title;
  WpTable        *table;
  WpSheetMapping *mapping;
  char           *json;     /* the sheet as the mapping imports it, or NULL */
  GPtrArray      *choosers; /* GtkDropDown per column */
  GtkLabel       *summary;
  GtkGrid        *items;
  GtkWidget      *import_button;
};

G_DEFINE_FINAL_TYPE (WpImportPreview, wp_import_preview, ADW_TYPE_WINDOW)

/* Remembered mappings: by the headers of the sheet */

static char *
mappings_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "workplan", "sheet-columns.ini", NULL);
}

static char *
mapping_key (const WpSheetMapping *mapping)
{
  g_autofree char *joined = g_strjoinv ("\n", mapping->headers);

  return g_compute_checksum_for_string (G_CHECKSUM_SHA1, joined, -1);
}

static void
recall_mapping (WpSheetMapping *mapping)
{
  g_autoptr(GKeyFile) file = g_key_file_new ();
  g_autofree char *path = mappings_path ();
  g_autofree char *key = mapping_key (mapping);
  g_autofree int *fields = NULL;
  gsize n = 0;

  if (!g_key_file_load_from_file (file, path, G_KEY_FILE_NONE, NULL))
    return;
  fields = g_key_file_get_integer_list (file, key, "fields", &n, NULL);
  if (fields == NULL || n != mapping->n_columns)
    return;
  for (guint c = 0; c < n; c++)
    if (fields[c] >= 0 && fields[c] < WP_SHEET_N_FIELDS)
      mapping->fields[c] = (WpSheetField) fields[c];
}

/* (a mapping not remembered is only a convenience lost: no error shown) */
static void
remember_mapping (const WpSheetMapping *mapping)
{
  g_autoptr(GKeyFile) file = g_key_file_new ();
  g_autofree char *path = mappings_path ();
  g_autofree char *folder = g_path_get_dirname (path);
  g_autofree char *key = mapping_key (mapping);
  g_autofree int *fields = g_new (int, mapping->n_columns);
  g_autoptr(GError) error = NULL;

  g_key_file_load_from_file (file, path, G_KEY_FILE_KEEP_COMMENTS, NULL);
  for (guint c = 0; c < mapping->n_columns; c++)
    fields[c] = mapping->fields[c];
  g_key_file_set_integer_list (file, key, "fields", fields, mapping->n_columns);
  if (g_mkdir_with_parents (folder, 0700) != 0 || !g_key_file_save_to_file (file, path, &error))
    g_debug ("Could not remember the sheet's columns: %s",
             error != NULL ? error->message : g_strerror (errno));
}

/* The preview */

static void
clear_grid (GtkGrid *grid)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (grid))) != NULL)
    gtk_grid_remove (grid, child);
}

static GtkWidget *
cell_label (const char *text,
            gboolean    heading)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 24);
  gtk_label_set_width_chars (GTK_LABEL (label), 6);
  if (heading)
    gtk_widget_add_css_class (label, "heading");
  return label;
}

static char *
join_strings (JsonObject *object,
              const char *member)
{
  JsonArray *array = json_object_has_member (object, member)
                     ? json_object_get_array_member (object, member) : NULL;
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      if (i > 0)
        g_string_append (text, "、");
      g_string_append (text, json_array_get_string_element (array, i));
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* Counts the items by kind and shows the first ones, in outline order */
static void
add_items (WpImportPreview *self,
           JsonArray       *items,
           guint            depth,
           guint            counts[3],
           guint           *shown)
{
  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      JsonObject *item = json_array_get_object_element (items, i);
      const char *kind_name = json_object_get_string_member_with_default (item, "kind", "");
      WpItemKind kind = WP_ITEM_KIND_ACTION;

      if (!wp_item_kind_from_string (kind_name, &kind))
        kind = WP_ITEM_KIND_ACTION;
      counts[MIN ((guint) kind, 2)]++;
      if (*shown < N_PREVIEW_ITEMS)
        {
          g_autofree char *lead = join_strings (item, "lead");
          g_autofree char *co = join_strings (item, "co");
          const char *due = json_object_get_string_member_with_default (item, "due_label", "");
          GtkWidget *title = cell_label (json_object_get_string_member_with_default (item,
                                                                                   "title", ""),
                                         FALSE);
          int row = (int) *shown + 1;

          gtk_label_set_max_width_chars (GTK_LABEL (title), 40);
          gtk_widget_set_margin_start (title, 18 * depth);
          gtk_grid_attach (self->items, cell_label (wp_item_kind_to_label (kind), FALSE), 0,
                           row, 1, 1);
          gtk_grid_attach (self->items, title, 1, row, 1, 1);
          gtk_grid_attach (self->items, cell_label (lead, FALSE), 2, row, 1, 1);
          gtk_grid_attach (self->items, cell_label (co, FALSE), 3, row, 1, 1);
          gtk_grid_attach (self->items, cell_label (due, FALSE), 4, row, 1, 1);
          (*shown)++;
        }
      if (json_object_has_member (item, "children"))
        add_items (self, json_object_get_array_member (item, "children"), depth + 1, counts,
                   shown);
    }
}

/* Imports the sheet again with the columns as chosen, and shows it */
static void
update_preview (WpImportPreview *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  const char *headings[] = { N_("Level"), N_("Title"), N_("Lead agency"),
                             N_("Supporting agencies"), N_("Deadline") };
  guint counts[3] = { 0 }, shown = 0;

  g_clear_pointer (&self->json, g_free);
  clear_grid (self->items);
  self->json = wp_sheet_import_table_mapped (self->table, self->mapping, 0,
                                             self->fallback_title, &error);
  if (self->json == NULL || !json_parser_load_from_data (parser, self->json, -1, &error))
    {
      g_clear_pointer (&self->json, g_free);
      gtk_label_set_text (self->summary, error->message);
      gtk_widget_add_css_class (GTK_WIDGET (self->summary), "error");
      gtk_widget_set_sensitive (self->import_button, FALSE);
      return;
    }
  for (guint c = 0; c < G_N_ELEMENTS (headings); c++)
    gtk_grid_attach (self->items, cell_label (_(headings[c]), TRUE), (int) c, 0, 1, 1);
  {
    JsonObject *root = json_node_get_object (json_parser_get_root (parser));
    JsonObject *plan = json_object_get_object_member (root, "plan");
    g_autofree char *areas = NULL;
    g_autofree char *text = NULL;

    add_items (self, json_object_get_array_member (root, "items"), 0, counts, &shown);
    areas = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u area", "%u areas", counts[0]),
                             counts[0]);
    {
      g_autofree char *tasks = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u key task",
                                                             "%u key tasks", counts[1]),
                                                counts[1]);
      g_autofree char *actions = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u action",
                                                               "%u actions", counts[2]),
                                                  counts[2]);

      /* Translators: what an import will make: the plan's year and title, then
       * the numbers of areas, key tasks and actions */
      text = g_strdup_printf (_("The %d plan “%s”: %s, %s, %s"),
                              (int) json_object_get_int_member (plan, "year"),
                              json_object_get_string_member_with_default (plan, "title", ""),
                              areas, tasks, actions);
    }
    gtk_label_set_text (self->summary, text);
    gtk_widget_remove_css_class (GTK_WIDGET (self->summary), "error");
    gtk_widget_set_sensitive (self->import_button, TRUE);
  }
}

static void
on_field_chosen (GtkDropDown     *chooser,
                 GParamSpec      *pspec,
                 WpImportPreview *self)
{
  guint column = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (chooser), "wp-column"));
  guint field = gtk_drop_down_get_selected (chooser);

  if (column < self->mapping->n_columns && field < WP_SHEET_N_FIELDS
      && self->mapping->fields[column] != (WpSheetField) field)
    {
      self->mapping->fields[column] = (WpSheetField) field;
      update_preview (self);
    }
}

/* Spreadsheet column names: A … Z, AA … */
static char *
column_name (guint column)
{
  char name[8];
  int i = G_N_ELEMENTS (name) - 1;

  name[i] = '\0';
  do
    {
      name[--i] = (char) ('A' + column % 26);
      column = column / 26;
    }
  while (column-- > 0 && i > 0);
  return g_strdup (name + i);
}

static GtkWidget *
columns_grid (WpImportPreview *self)
{
  GtkWidget *grid = gtk_grid_new ();
  g_autoptr(GtkStringList) fields = gtk_string_list_new (NULL);

  gtk_grid_set_column_spacing (GTK_GRID (grid), 12);
  gtk_grid_set_row_spacing (GTK_GRID (grid), 6);
  for (int f = 0; f < WP_SHEET_N_FIELDS; f++)
    gtk_string_list_append (fields, wp_sheet_field_to_label ((WpSheetField) f));
  for (guint c = 0; c < self->mapping->n_columns; c++)
    {
      g_autofree char *letter = column_name (c);
      const char *header = self->mapping->headers[c];
      /* Translators: a column of a sheet being imported: its letter, its header */
      g_autofree char *heading = header[0] != '\0' ? g_strdup_printf (_("%s: %s"), letter, header)
                                                   : g_strdup (letter);
      GtkWidget *chooser = gtk_drop_down_new (G_LIST_MODEL (g_object_ref (fields)), NULL);
      /* Translators: the accessible name of the drop-down choosing what a column holds */
      g_autofree char *name = g_strdup_printf (_("What column %s holds"), heading);

      gtk_drop_down_set_selected (GTK_DROP_DOWN (chooser), self->mapping->fields[c]);
      g_object_set_data (G_OBJECT (chooser), "wp-column", GUINT_TO_POINTER (c));
      gtk_accessible_update_property (GTK_ACCESSIBLE (chooser), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      name, -1);
      g_signal_connect (chooser, "notify::selected", G_CALLBACK (on_field_chosen), self);
      g_ptr_array_add (self->choosers, chooser);
      gtk_grid_attach (GTK_GRID (grid), cell_label (heading, TRUE), (int) c, 0, 1, 1);
      gtk_grid_attach (GTK_GRID (grid), chooser, (int) c, 1, 1, 1);
      for (guint r = 0; r < N_SAMPLE_ROWS; r++)
        {
          const WpTableCell *cell = wp_table_get (self->table, self->mapping->first_row + r, c);
          GtkWidget *label = cell_label (cell != NULL ? cell->text : "", FALSE);

          gtk_widget_add_css_class (label, "dim-label");
          gtk_grid_attach (GTK_GRID (grid), label, (int) c, 2 + (int) r, 1, 1);
        }
    }
  return grid;
}

static GtkWidget *
section (const char *title,
         GtkWidget  *child)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *label = gtk_label_new (title);
  GtkWidget *scrolled = gtk_scrolled_window_new ();

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_widget_add_css_class (label, "heading");
  gtk_box_append (GTK_BOX (box), label);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_AUTOMATIC,
                                  GTK_POLICY_NEVER);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), child);
  gtk_box_append (GTK_BOX (box), scrolled);
  return box;
}

GtkDropDown *
wp_import_preview_get_field_chooser (WpImportPreview *self,
                                     guint            column)
{
  g_return_val_if_fail (WP_IS_IMPORT_PREVIEW (self), NULL);
  return column < self->choosers->len ? g_ptr_array_index (self->choosers, column) : NULL;
}

const char *
wp_import_preview_get_summary (WpImportPreview *self)
{
  g_return_val_if_fail (WP_IS_IMPORT_PREVIEW (self), NULL);
  return gtk_label_get_text (self->summary);
}

/**
 * wp_import_preview_import:
 *
 * Imports the sheet as shown, as one undoable step, and closes the
 * preview; on failure the window says why and the preview stays open.
 */
gboolean
wp_import_preview_import (WpImportPreview *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WpJsonDocument) doc = NULL;

  if (self->json == NULL || self->window == NULL)
    return FALSE;
  /* (a large sheet is written in a thread, with a bar) */
  if (strlen (self->json) > WP_IMPORT_IN_THREAD_BYTES)
    {
      _wp_window_import_in_thread (self->window, self->name, NULL, g_steal_pointer (&self->json));
      remember_mapping (self->mapping);
      gtk_window_destroy (GTK_WINDOW (self));
      return TRUE;
    }
  doc = wp_json_document_parse (self->json, -1, &error);
  if (!_wp_window_import_document (self->window, self->name, doc, error))
    return FALSE;
  remember_mapping (self->mapping);
  gtk_window_destroy (GTK_WINDOW (self));
  return TRUE;
}

static void
on_import_clicked (GtkButton       *button,
                   WpImportPreview *self)
{
  wp_import_preview_import (self);
}

static void
on_cancel_clicked (GtkButton       *button,
                   WpImportPreview *self)
{
  gtk_window_close (GTK_WINDOW (self));
}

static void
wp_import_preview_dispose (GObject *object)
{
  WpImportPreview *self = WP_IMPORT_PREVIEW (object);

  g_clear_weak_pointer (&self->window);
  g_clear_pointer (&self->table, wp_table_free);
  g_clear_pointer (&self->mapping, wp_sheet_mapping_free);
  g_clear_pointer (&self->choosers, g_ptr_array_unref);
  G_OBJECT_CLASS (wp_import_preview_parent_class)->dispose (object);
}

static void
wp_import_preview_finalize (GObject *object)
{
  WpImportPreview *self = WP_IMPORT_PREVIEW (object);

  g_free (self->path);
  g_free (self->name);
  g_free (self->fallback_title);
  g_free (self->json);
  G_OBJECT_CLASS (wp_import_preview_parent_class)->finalize (object);
}

static void
wp_import_preview_class_init (WpImportPreviewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = wp_import_preview_dispose;
  object_class->finalize = wp_import_preview_finalize;
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
wp_import_preview_init (WpImportPreview *self)
{
  self->choosers = g_ptr_array_new ();
}

/**
 * wp_import_preview_new:
 *
 * Reads the spreadsheet @path and finds its header row.
 *
 * Returns: (transfer none): the preview, not yet shown, or %NULL with
 *   @error set when the file cannot be read or has no header row
 */
WpImportPreview *
wp_import_preview_new (WpWindow    *window,
                       const char  *path,
                       GError     **error)
{
  g_autoptr(WpTable) table = wp_table_read_file (path, error);
  g_autoptr(WpSheetMapping) mapping = table != NULL ? wp_sheet_import_guess (table, error) : NULL;
  WpImportPreview *self;
  GtkWidget *box, *header, *cancel, *content, *scrolled, *intro;
  g_autofree char *title = NULL;
  g_autofree char *text = NULL;
  char *dot;

  if (mapping == NULL)
    return NULL;
  recall_mapping (mapping);

  self = g_object_new (WP_TYPE_IMPORT_PREVIEW, "modal", TRUE, "transient-for", window,
                       "default-width", 900, "default-height", 640, NULL);
  g_set_weak_pointer (&self->window, window);
  self->path = g_strdup (path);
  self->name = g_path_get_basename (path);
  self->fallback_title = g_strdup (self->name);
  dot = strrchr (self->fallback_title, '.');
  if (dot != NULL && dot != self->fallback_title)
    *dot = '\0';
  self->table = g_steal_pointer (&table);
  self->mapping = g_steal_pointer (&mapping);

  title = g_strdup_printf (_("Import “%s”"), self->name);
  gtk_window_set_title (GTK_WINDOW (self), title);
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  header = adw_header_bar_new ();
  adw_header_bar_set_show_end_title_buttons (ADW_HEADER_BAR (header), FALSE);
  cancel = gtk_button_new_with_mnemonic (_("_Cancel"));
  g_signal_connect (cancel, "clicked", G_CALLBACK (on_cancel_clicked), self);
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), cancel);
  self->import_button = gtk_button_new_with_mnemonic (_("_Import"));
  gtk_widget_add_css_class (self->import_button, "suggested-action");
  g_signal_connect (self->import_button, "clicked", G_CALLBACK (on_import_clicked), self);
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), self->import_button);
  gtk_box_append (GTK_BOX (box), header);

  content = gtk_box_new (GTK_ORIENTATION_VERTICAL, 18);
  gtk_widget_set_margin_start (content, 18);
  gtk_widget_set_margin_end (content, 18);
  gtk_widget_set_margin_top (content, 12);
  gtk_widget_set_margin_bottom (content, 18);
  text = g_strdup_printf (_("The header is row %u of the sheet. Check what each column is taken "
                            "for and change it where it is wrong; nothing is written until you "
                            "import."),
                          self->mapping->header_row + 1);
  intro = gtk_label_new (text);
  gtk_label_set_wrap (GTK_LABEL (intro), TRUE);
  gtk_label_set_xalign (GTK_LABEL (intro), 0);
  gtk_box_append (GTK_BOX (content), intro);
  gtk_box_append (GTK_BOX (content),
                  section (_("Columns, and the first rows as read"), columns_grid (self)));

  self->summary = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (GTK_LABEL (self->summary), TRUE);
  gtk_label_set_xalign (self->summary, 0);
  gtk_label_set_selectable (self->summary, TRUE);
  self->items = GTK_GRID (gtk_grid_new ());
  gtk_grid_set_column_spacing (self->items, 18);
  gtk_grid_set_row_spacing (self->items, 4);
  {
    GtkWidget *imported = section (_("As it will be imported"), GTK_WIDGET (self->items));

    gtk_box_insert_child_after (GTK_BOX (imported), GTK_WIDGET (self->summary),
                                gtk_widget_get_first_child (imported));
    gtk_box_append (GTK_BOX (content), imported);
  }

  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_widget_set_vexpand (scrolled, TRUE);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), content);
  gtk_box_append (GTK_BOX (box), scrolled);
  adw_window_set_content (ADW_WINDOW (self), box);
  gtk_window_set_default_widget (GTK_WINDOW (self), self->import_button);

  update_preview (self);
  return self;
}
