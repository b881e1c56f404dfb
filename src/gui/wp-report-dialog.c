/* wp-report-dialog.c: a work report, read into a draft plan the user fixes
 *
 * Import Work Report… reads a .txt, .docx or .pdf in a thread, so that a
 * long or strange file never stops the window (Cancel drops whatever the
 * thread finds), then shows the report's text beside the draft the
 * importer made of it (wp-report-import.c). Selecting an item marks the
 * words it came from. The user renames items, moves them a level up or
 * down, deletes them, sets their agencies and deadlines and the plan's
 * year, title and organisation; nothing is written until Import, which
 * writes the draft through the same interchange JSON as `workplan
 * import-report`, as one undoable step.
 *
 * The draft is held flat, in the report's order, each item with its level,
 * the way an outline is written: a level change is one number, and the
 * tree is built again only at Import.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "wp-deadline.h"
#include "wp-report-dialog.h"
#include "wp-report-import.h"
#include "wp-window-private.h"

/* The dialog */

struct _WpReportDialog
{
  AdwWindow           parent_instance;

  WpWindow           *window;   /* (weak) */
  char               *path;
  char               *name;     /* the file's name, for messages and Undo */
  GCancellable       *cancellable;
  gboolean            reading;
  WpReportSource     *source;
  WpReportDraft      *draft;    /* its items moved into the rows */
  GListStore         *rows;     /* WpReportRow, in the report's order */
  GtkSingleSelection *selection;
  gboolean            loading_editor;

  GtkStack           *stack;
  GtkSpinner         *spinner;
  AdwStatusPage      *error_page;
  GtkTextView        *source_view;
  GtkTextTag         *span_tag;
  GtkTextMark        *span_mark;
  GtkColumnView      *outline;
  GtkLabel           *summary;
  GtkLabel           *year_warning;
  GtkSpinButton      *year;
  GtkEditable        *title;
  GtkEditable        *organization;
  GtkWidget          *editor;
  GtkEditable        *item_title;
  GtkEditable        *item_lead;
  GtkEditable        *item_co;
  GtkEditable        *item_deadline;
  GtkWidget          *import_button;
  GtkWidget          *cancel_button;
  GHashTable         *directory;  /* the agency directory's names, as a set */
};

G_DEFINE_FINAL_TYPE (WpReportDialog, wp_report_dialog, ADW_TYPE_WINDOW)

static WpStore *
dialog_store (WpReportDialog *self)
{
  WpContext *context = self->window != NULL ? _wp_window_get_context (self->window) : NULL;

  return context != NULL ? wp_context_get_store (context) : NULL;
}

static gboolean
year_has_plan (WpReportDialog *self,
               int             year)
{
  WpStore *store = dialog_store (self);
  g_autoptr(WpPlan) plan = store != NULL ? wp_store_get_plan_by_year (store, year, NULL) : NULL;

  return plan != NULL;
}

static WpReportRow *
row_at (WpReportDialog *self,
        guint           position)
{
  g_autoptr(WpReportRow) row = g_list_model_get_item (G_LIST_MODEL (self->rows), position);

  return row; /* (the store holds it) */
}

static WpReportRow *
selected_row (WpReportDialog *self,
              guint          *position)
{
  guint selected = gtk_single_selection_get_selected (self->selection);

  if (selected == GTK_INVALID_LIST_POSITION)
    return NULL;
  if (position != NULL)
    *position = selected;
  return row_at (self, selected);
}

/* The rows after @position that belong under it: one past its last */
static guint
subtree_end (WpReportDialog *self,
             guint           position)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->rows));
  guint level = wp_report_row_get_level (row_at (self, position));
  guint end = position + 1;

  while (end < n && wp_report_row_get_level (row_at (self, end)) > level)
    end++;
  return end;
}

static void
update_summary (WpReportDialog *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->rows));
  guint counts[WP_REPORT_ROW_MAX_LEVEL + 1] = { 0 };
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *areas = NULL, *tasks = NULL, *actions = NULL;

  for (guint i = 0; i < n; i++)
    counts[wp_report_row_get_level (row_at (self, i))]++;
  areas = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u area", "%u areas", counts[0]),
                           counts[0]);
  tasks = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u key task", "%u key tasks",
                                        counts[1]), counts[1]);
  actions = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u action", "%u actions",
                                          counts[2]), counts[2]);
  /* Translators: the draft of a report: the numbers of areas, key tasks and actions */
  g_string_printf (text, _("The draft: %s, %s, %s."), areas, tasks, actions);
  if (self->draft->no_structure)
    {
      g_string_append_c (text, '\n');
      g_string_append (text, _("The report has no headings: each paragraph became an area. "
                               "Demote the ones that belong under another."));
    }
  if (self->draft->has_review)
    {
      g_string_append_c (text, '\n');
      g_string_append_printf (text, _("The previous year’s review is the area “%s”: delete it "
                                      "unless you want it in the plan."),
                              _("Review of the previous year"));
    }
  if (self->draft->new_agencies->len > 0)
    {
      g_autofree char *names = wp_report_join_names (self->draft->new_agencies);

      g_string_append_c (text, '\n');
      g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE,
                                                 "%u agency is not in the directory yet: %s.",
                                                 "%u agencies are not in the directory yet: %s.",
                                                 self->draft->new_agencies->len),
                              self->draft->new_agencies->len, names);
    }
  gtk_label_set_text (self->summary, text->str);
  gtk_widget_set_sensitive (self->import_button, n > 0);
}

static void
update_actions (WpReportDialog *self)
{
  guint position = 0;
  WpReportRow *row = selected_row (self, &position);
  gboolean can_demote = FALSE;

  if (row != NULL && position > 0 && wp_report_row_get_level (row) < WP_REPORT_ROW_MAX_LEVEL)
    can_demote = wp_report_row_get_level (row_at (self, position - 1)) >= wp_report_row_get_level (row);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "report.promote",
                                 row != NULL && wp_report_row_get_level (row) > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "report.demote", can_demote);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "report.delete-item", row != NULL);
}

/* Marks where @row came from in the report's text, and scrolls to it */
static void
show_span (WpReportDialog *self,
           WpReportRow    *row)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->source_view);
  const char *text = self->source != NULL ? self->source->text : NULL;
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  gtk_text_buffer_remove_tag (buffer, self->span_tag, &start, &end);
  if (row == NULL || text == NULL || wp_report_row_get_item (row)->end <= wp_report_row_get_item (row)->start
      || wp_report_row_get_item (row)->end > self->source->length)
    return;
  gtk_text_buffer_get_iter_at_offset (buffer, &start,
                                      (int) g_utf8_pointer_to_offset (text,
                                                                      text + wp_report_row_get_item (row)->start));
  gtk_text_buffer_get_iter_at_offset (buffer, &end,
                                      (int) g_utf8_pointer_to_offset (text,
                                                                      text + wp_report_row_get_item (row)->end));
  gtk_text_buffer_apply_tag (buffer, self->span_tag, &start, &end);
  gtk_text_buffer_move_mark (buffer, self->span_mark, &start);
  gtk_text_view_scroll_to_mark (self->source_view, self->span_mark, 0.05, TRUE, 0.0, 0.2);
}

static void
load_editor (WpReportDialog *self)
{
  WpReportRow *row = selected_row (self, NULL);
  g_autofree char *lead = row != NULL ? wp_report_join_names (wp_report_row_get_item (row)->lead) : NULL;
  g_autofree char *co = row != NULL ? wp_report_join_names (wp_report_row_get_item (row)->co) : NULL;

  self->loading_editor = TRUE;
  gtk_editable_set_text (self->item_title, row != NULL ? wp_report_row_get_item (row)->title : "");
  gtk_editable_set_text (self->item_lead, lead != NULL ? lead : "");
  gtk_editable_set_text (self->item_co, co != NULL ? co : "");
  gtk_editable_set_text (self->item_deadline, row != NULL ? wp_report_row_get_item (row)->due_label : "");
  self->loading_editor = FALSE;
  gtk_widget_set_sensitive (self->editor, row != NULL);
  update_actions (self);
  show_span (self, row);
}

/* GTK 4.8 has no gtk_column_view_scroll_to(): its list view's action */
static void
scroll_to_selected (WpReportDialog *self)
{
  guint position = gtk_single_selection_get_selected (self->selection);

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->outline));
       child != NULL && position != GTK_INVALID_LIST_POSITION;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_LIST_VIEW (child))
      gtk_widget_activate_action (child, "list.scroll-to-item", "u", position);
}

static void
on_selected (GtkSingleSelection *selection,
             GParamSpec         *pspec,
             WpReportDialog     *self)
{
  load_editor (self);
  scroll_to_selected (self);
}

static void
on_item_field_changed (GtkEditable    *editable,
                       WpReportDialog *self)
{
  WpReportRow *row = selected_row (self, NULL);
  const char *property = g_object_get_data (G_OBJECT (editable), "wp-property");

  if (row != NULL && !self->loading_editor)
    g_object_set (row, property, gtk_editable_get_text (editable), NULL);
}

static void
on_year_changed (GtkSpinButton  *spin,
                 WpReportDialog *self)
{
  int year = gtk_spin_button_get_value_as_int (spin);
  gboolean taken = year_has_plan (self, year);

  if (taken)
    {
      g_autofree char *text =
        g_strdup_printf (_("There is already a %d plan: choose another year."), year);

      gtk_label_set_text (self->year_warning, text);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->year_warning), taken);
}

/* Editing the outline */

static void
promote_activated (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  WpReportDialog *self = WP_REPORT_DIALOG (widget);
  guint position, end;
  WpReportRow *row = selected_row (self, &position);

  if (row == NULL || wp_report_row_get_level (row) == 0)
    return;
  /* The item and what is under it move up one level; the items after it
   * on its old level come under it, as in an outline. */
  end = subtree_end (self, position);
  for (guint i = position; i < end; i++)
    wp_report_row_set_level (row_at (self, i), wp_report_row_get_level (row_at (self, i)) - 1);
  update_summary (self);
  update_actions (self);
}

static void
demote_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  WpReportDialog *self = WP_REPORT_DIALOG (widget);
  guint position, end;
  WpReportRow *row = selected_row (self, &position);

  if (row == NULL || position == 0 || wp_report_row_get_level (row) >= WP_REPORT_ROW_MAX_LEVEL
      || wp_report_row_get_level (row_at (self, position - 1)) < wp_report_row_get_level (row))
    return;
  /* What is under it goes down with it, but no deeper than actions: a key
   * task made an action leaves its actions beside it, as Up a Level took
   * them in. */
  end = subtree_end (self, position);
  for (guint i = position; i < end; i++)
    wp_report_row_set_level (row_at (self, i), MIN (wp_report_row_get_level (row_at (self, i)) + 1, WP_REPORT_ROW_MAX_LEVEL));
  update_summary (self);
  update_actions (self);
}

static void
delete_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  WpReportDialog *self = WP_REPORT_DIALOG (widget);
  guint position, end, n;

  if (selected_row (self, &position) == NULL)
    return;
  /* with what is under it: the review area goes whole */
  end = subtree_end (self, position);
  g_list_store_splice (self->rows, position, end - position, NULL, 0);
  n = g_list_model_get_n_items (G_LIST_MODEL (self->rows));
  if (n > 0)
    gtk_single_selection_set_selected (self->selection, MIN (position, n - 1));
  update_summary (self);
  load_editor (self);
}

/* Words of the report the importer left: selected in the report's text,
 * they become an item after the selected one, a key task under an area
 * or beside the item selected, with what they name. */
static void
new_from_selection_activated (GtkWidget  *widget,
                              const char *action_name,
                              GVariant   *parameter)
{
  WpReportDialog *self = WP_REPORT_DIALOG (widget);
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->source_view);
  GtkTextIter first, last;
  g_autoptr(GPtrArray) directory = g_ptr_array_new ();
  WpReportOptions options = { 0 };
  WpReportItem *item;
  g_autoptr(WpReportRow) row = NULL;
  guint position = 0, at = 0, level = 0;
  const char *text;

  if (self->source == NULL || !gtk_text_buffer_get_selection_bounds (buffer, &first, &last))
    return;
  text = self->source->text;
  if (self->directory != NULL)
    {
      GHashTableIter iter;
      gpointer name;

      g_hash_table_iter_init (&iter, self->directory);
      while (g_hash_table_iter_next (&iter, &name, NULL))
        g_ptr_array_add (directory, name);
    }
  g_ptr_array_add (directory, NULL);
  options.year = gtk_spin_button_get_value_as_int (self->year);
  options.directory = (const char **) directory->pdata;
  item = wp_report_item_from_span (
    self->source,
    (gsize) (g_utf8_offset_to_pointer (text, gtk_text_iter_get_offset (&first)) - text),
    (gsize) (g_utf8_offset_to_pointer (text, gtk_text_iter_get_offset (&last)) - text),
    &options);
  if (item == NULL)
    return;
  if (selected_row (self, &position) != NULL)
    {
      level = MAX (wp_report_row_get_level (row_at (self, position)), 1);
      at = subtree_end (self, position);
    }
  row = wp_report_row_new (item, level);
  g_list_store_insert (self->rows, at, row);
  gtk_single_selection_set_selected (self->selection, at);
  update_summary (self);
  load_editor (self);
}

static void
on_source_selection (GtkTextBuffer  *buffer,
                     GParamSpec     *pspec,
                     WpReportDialog *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "report.new-from-selection",
                                 self->source != NULL
                                 && gtk_text_buffer_get_has_selection (buffer));
}

/* The outline's cells */

static void
remember_binding (GtkWidget *widget,
                  GBinding  *binding)
{
  GPtrArray *bindings = g_object_get_data (G_OBJECT (widget), "wp-bindings");

  if (bindings == NULL)
    {
      bindings = g_ptr_array_new ();
      g_object_set_data_full (G_OBJECT (widget), "wp-bindings", bindings,
                              (GDestroyNotify) g_ptr_array_unref);
    }
  g_ptr_array_add (bindings, binding);
}

static void
unbind_cell (GtkSignalListItemFactory *factory,
             GtkListItem              *list_item,
             gpointer                  user_data)
{
  GtkWidget *child = gtk_list_item_get_child (list_item);
  GPtrArray *bindings = g_object_get_data (G_OBJECT (child), "wp-bindings");

  for (guint i = 0; bindings != NULL && i < bindings->len; i++)
    g_binding_unbind (g_ptr_array_index (bindings, i));
  if (bindings != NULL)
    g_ptr_array_set_size (bindings, 0);
}

static GtkWidget *
cell_label (void)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_single_line_mode (GTK_LABEL (label), TRUE);
  return label;
}

static void
setup_text_cell (GtkSignalListItemFactory *factory,
                 GtkListItem              *list_item,
                 gpointer                  user_data)
{
  gtk_list_item_set_child (list_item, cell_label ());
}

static void
bind_text_cell (GtkSignalListItemFactory *factory,
                GtkListItem              *list_item,
                gpointer                  property)
{
  GtkWidget *label = gtk_list_item_get_child (list_item);
  GObject *row = gtk_list_item_get_item (list_item);

  remember_binding (label, g_object_bind_property (row, property, label, "label",
                                                   G_BINDING_SYNC_CREATE));
  remember_binding (label, g_object_bind_property (row, property, label, "tooltip-text",
                                                   G_BINDING_SYNC_CREATE));
}

/* Agencies not in the directory yet are marked “(new)” for the user to
 * check: the importer may have misread them */
static gboolean
names_to_markup (GBinding     *binding,
                 const GValue *from,
                 GValue       *to,
                 gpointer      user_data)
{
  WpReportDialog *self = user_data;
  const char *joined = g_value_get_string (from);
  g_auto(GStrv) names = g_strsplit (joined != NULL ? joined : "", "、", -1);
  g_autoptr(GString) markup = g_string_new (NULL);

  for (guint i = 0; names[i] != NULL; i++)
    {
      g_autofree char *name = g_markup_escape_text (names[i], -1);

      if (names[i][0] == '\0')
        continue;
      if (markup->len > 0)
        g_string_append (markup, "、");
      if (self->directory != NULL && g_hash_table_contains (self->directory, names[i]))
        g_string_append (markup, name);
      else
        {
          /* Translators: marks an agency the directory does not list yet */
          g_autofree char *mark = g_markup_escape_text (_("(new)"), -1);

          g_string_append_printf (markup, "<i>%s</i><small>%s</small>", name, mark);
        }
    }
  g_value_take_string (to, g_string_free (g_steal_pointer (&markup), FALSE));
  return TRUE;
}

static void
bind_agency_cell (GtkSignalListItemFactory *factory,
                  GtkListItem              *list_item,
                  gpointer                  user_data)
{
  GtkWidget *label = gtk_list_item_get_child (list_item);
  GObject *row = gtk_list_item_get_item (list_item);
  const char *property = g_object_get_data (G_OBJECT (factory), "wp-property");

  gtk_label_set_use_markup (GTK_LABEL (label), TRUE);
  remember_binding (label, g_object_bind_property_full (row, property, label, "label",
                                                        G_BINDING_SYNC_CREATE, names_to_markup,
                                                        NULL, user_data, NULL));
  remember_binding (label, g_object_bind_property (row, property, label, "tooltip-text",
                                                   G_BINDING_SYNC_CREATE));
}

static void
setup_title_cell (GtkSignalListItemFactory *factory,
                  GtkListItem              *list_item,
                  gpointer                  user_data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *kind = gtk_label_new (NULL);
  GtkWidget *title = cell_label ();

  /* two lines of a long title tell items apart; the editor shows it whole */
  gtk_label_set_single_line_mode (GTK_LABEL (title), FALSE);
  gtk_label_set_wrap (GTK_LABEL (title), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (title), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_lines (GTK_LABEL (title), 2);
  gtk_label_set_width_chars (GTK_LABEL (title), 12);
  gtk_label_set_max_width_chars (GTK_LABEL (title), 80);
  gtk_widget_add_css_class (kind, "caption");
  gtk_widget_add_css_class (kind, "dim-label");
  gtk_label_set_xalign (GTK_LABEL (kind), 0);
  gtk_label_set_width_chars (GTK_LABEL (kind), 6);
  gtk_widget_set_hexpand (title, TRUE);
  gtk_box_append (GTK_BOX (box), kind);
  gtk_box_append (GTK_BOX (box), title);
  gtk_list_item_set_child (list_item, box);
}

static gboolean
level_to_margin (GBinding     *binding,
                 const GValue *from,
                 GValue       *to,
                 gpointer      user_data)
{
  g_value_set_int (to, 18 * (int) g_value_get_uint (from));
  return TRUE;
}

static gboolean
level_to_kind (GBinding     *binding,
               const GValue *from,
               GValue       *to,
               gpointer      user_data)
{
  g_value_set_string (to, wp_item_kind_to_label (MIN (g_value_get_uint (from), WP_REPORT_ROW_MAX_LEVEL)));
  return TRUE;
}

/* Areas stand out as headings do */
static gboolean
level_to_classes (GBinding     *binding,
                  const GValue *from,
                  GValue       *to,
                  gpointer      user_data)
{
  static const char *area[] = { "heading", NULL };
  static const char *other[] = { NULL };

  g_value_set_boxed (to, g_value_get_uint (from) == 0 ? area : other);
  return TRUE;
}

static void
bind_title_cell (GtkSignalListItemFactory *factory,
                 GtkListItem              *list_item,
                 gpointer                  user_data)
{
  GtkWidget *box = gtk_list_item_get_child (list_item);
  GtkWidget *kind = gtk_widget_get_first_child (box);
  GtkWidget *title = gtk_widget_get_last_child (box);
  GObject *row = gtk_list_item_get_item (list_item);

  remember_binding (box, g_object_bind_property_full (row, "level", box, "margin-start",
                                                      G_BINDING_SYNC_CREATE, level_to_margin,
                                                      NULL, NULL, NULL));
  remember_binding (box, g_object_bind_property_full (row, "level", kind, "label",
                                                      G_BINDING_SYNC_CREATE, level_to_kind,
                                                      NULL, NULL, NULL));
  remember_binding (box, g_object_bind_property_full (row, "level", title, "css-classes",
                                                      G_BINDING_SYNC_CREATE, level_to_classes,
                                                      NULL, NULL, NULL));
  remember_binding (box, g_object_bind_property (row, "title", title, "label",
                                                 G_BINDING_SYNC_CREATE));
  remember_binding (box, g_object_bind_property (row, "title", title, "tooltip-text",
                                                 G_BINDING_SYNC_CREATE));
}

static void
add_column (WpReportDialog *self,
            const char     *title,
            const char     *property,
            int             width)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkColumnViewColumn *column;

  if (property == NULL)
    {
      g_signal_connect (factory, "setup", G_CALLBACK (setup_title_cell), NULL);
      g_signal_connect (factory, "bind", G_CALLBACK (bind_title_cell), NULL);
    }
  else if (g_str_equal (property, "lead") || g_str_equal (property, "co"))
    {
      g_object_set_data (G_OBJECT (factory), "wp-property", (gpointer) property);
      g_signal_connect (factory, "setup", G_CALLBACK (setup_text_cell), NULL);
      g_signal_connect (factory, "bind", G_CALLBACK (bind_agency_cell), self);
    }
  else
    {
      g_signal_connect (factory, "setup", G_CALLBACK (setup_text_cell), NULL);
      g_signal_connect (factory, "bind", G_CALLBACK (bind_text_cell), (gpointer) property);
    }
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_cell), NULL);
  column = gtk_column_view_column_new (title, factory);
  gtk_column_view_column_set_resizable (column, TRUE);
  if (width > 0)
    gtk_column_view_column_set_fixed_width (column, width);
  else
    gtk_column_view_column_set_expand (column, TRUE);
  gtk_column_view_append_column (self->outline, column);
  g_object_unref (column);
}

/* Reading, in a thread */

typedef struct {
  char  *path;
  int    fallback_year;
  GStrv  directory;
} ReadJob;

typedef struct {
  WpReportSource *source;
  WpReportDraft  *draft;
} ReadResult;

static void
read_job_free (ReadJob *job)
{
  g_free (job->path);
  g_strfreev (job->directory);
  g_free (job);
}

static void
read_result_free (ReadResult *result)
{
  g_clear_pointer (&result->source, wp_report_source_free);
  g_clear_pointer (&result->draft, wp_report_draft_free);
  g_free (result);
}

static void
read_in_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  ReadJob *job = task_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(WpReportSource) source = wp_report_source_load (job->path, &error);
  WpReportOptions options = { 0 };
  ReadResult *result;

  if (source == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (g_task_return_error_if_cancelled (task))
    return;
  options.year = wp_report_guess_year (source);
  if (options.year == 0)
    options.year = job->fallback_year;
  options.directory = (const char **) job->directory;
  result = g_new0 (ReadResult, 1);
  result->draft = wp_report_import (source, &options);
  result->source = g_steal_pointer (&source);
  g_task_return_pointer (task, result, (GDestroyNotify) read_result_free);
}

/* The draft's tree, flat: each row takes its item, and each item's
 * children array lets go of the children (they are rows of their own). */
static void
flatten (GPtrArray *items,
         guint      level,
         GPtrArray *rows)
{
  for (guint i = 0; i < items->len; i++)
    {
      WpReportItem *item = g_ptr_array_index (items, i);
      g_ptr_array_add (rows, wp_report_row_new (item, level));
      flatten (item->children, level + 1, rows);
      g_ptr_array_set_free_func (item->children, NULL);
      g_ptr_array_set_size (item->children, 0);
    }
}

static void
show_draft (WpReportDialog *self)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_object_unref);
  WpPlan *current = self->window != NULL ? _wp_window_get_selected_plan (self->window) : NULL;
  const char *organization = self->draft->organization;

  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->source_view), self->source->text,
                            (int) self->source->length);
  flatten (self->draft->items, 0, rows);
  g_ptr_array_set_free_func (self->draft->items, NULL);
  g_ptr_array_set_size (self->draft->items, 0);
  g_list_store_splice (self->rows, 0, 0, rows->pdata, rows->len);

  gtk_spin_button_set_value (self->year, self->draft->year);
  on_year_changed (self->year, self);
  gtk_editable_set_text (self->title, self->draft->title != NULL ? self->draft->title : "");
  /* an office writes the same organisation on every year's plan */
  if ((organization == NULL || organization[0] == '\0') && current != NULL)
    organization = wp_plan_get_organization (current);
  gtk_editable_set_text (self->organization, organization != NULL ? organization : "");
  update_summary (self);
  if (rows->len == 0)
    {
      gtk_stack_set_visible_child_name (self->stack, "empty");
      gtk_widget_set_sensitive (self->import_button, FALSE);
      gtk_button_set_label (GTK_BUTTON (self->cancel_button), _("_Close"));
      return;
    }
  gtk_stack_set_visible_child_name (self->stack, "review");
  gtk_single_selection_set_selected (self->selection, 0);
  load_editor (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->outline));
}

static void
on_read (GObject      *object,
         GAsyncResult *res,
         gpointer      user_data)
{
  WpReportDialog *self = WP_REPORT_DIALOG (object);
  g_autoptr(GError) error = NULL;
  ReadResult *result = g_task_propagate_pointer (G_TASK (res), &error);

  /* (cancelled: the dialog is closing) */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self->reading = FALSE;
  gtk_spinner_stop (self->spinner);
  if (result == NULL)
    {
      g_autofree char *message = g_markup_escape_text (error->message, -1);

      adw_status_page_set_description (self->error_page, message);
      gtk_stack_set_visible_child_name (self->stack, "error");
      gtk_button_set_label (GTK_BUTTON (self->cancel_button), _("_Close"));
      return;
    }
  self->source = g_steal_pointer (&result->source);
  self->draft = g_steal_pointer (&result->draft);
  read_result_free (result);
  show_draft (self);
}

static void
start_reading (WpReportDialog *self)
{
  g_autoptr(GTask) task = g_task_new (self, self->cancellable, on_read, NULL);
  ReadJob *job = g_new0 (ReadJob, 1);
  WpStore *store = dialog_store (self);
  g_autoptr(GPtrArray) agencies = store != NULL ? wp_store_list_agencies (store, NULL) : NULL;
  GPtrArray *names = g_ptr_array_new ();
  WpPlan *current = self->window != NULL ? _wp_window_get_selected_plan (self->window) : NULL;

  /* the store stays in this thread: the directory goes along as names */
  for (guint i = 0; agencies != NULL && i < agencies->len; i++)
    g_ptr_array_add (names, g_strdup (wp_agency_get_name (g_ptr_array_index (agencies, i))));
  g_ptr_array_add (names, NULL);
  job->directory = (GStrv) g_ptr_array_free (names, FALSE);
  for (guint i = 0; job->directory[i] != NULL; i++)
    g_hash_table_add (self->directory, g_strdup (job->directory[i]));
  job->path = g_strdup (self->path);
  if (current != NULL)
    job->fallback_year = wp_plan_get_year (current);
  else
    {
      GDate today;

      wp_date_get_reference (&today);
      job->fallback_year = g_date_get_year (&today);
    }
  self->reading = TRUE;
  gtk_spinner_start (self->spinner);
  g_task_set_task_data (task, job, (GDestroyNotify) read_job_free);
  /* Cancel answers at once; what the thread still finds is dropped */
  g_task_set_return_on_cancel (task, TRUE);
  g_task_run_in_thread (task, read_in_thread);
}

/* Importing */

/* The rows as interchange JSON: the tree built again from their levels,
 * deadlines read again for @year (they may have been typed) */
static char *
draft_json (WpReportDialog *self,
            int             year)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->rows));
  g_autoptr(GPtrArray) roots = g_ptr_array_new ();
  WpReportItem *parents[WP_REPORT_ROW_MAX_LEVEL + 1] = { NULL };
  g_autofree char *title = g_strstrip (g_strdup (gtk_editable_get_text (self->title)));
  g_autofree char *organization =
    g_strstrip (g_strdup (gtk_editable_get_text (self->organization)));
  WpReportDraft view = *self->draft;
  char *json;

  for (guint i = 0; i < n; i++)
    {
      WpReportRow *row = row_at (self, i);
      WpReportItem *item = wp_report_row_get_item (row);
      guint level = wp_report_row_get_level (row);
      WpDeadline deadline;

      while (level > 0 && parents[level - 1] == NULL)
        level--;
      item->kind = (WpItemKind) level;
      g_clear_pointer (&item->due, g_free);
      item->ongoing = FALSE;
      if (item->due_label[0] != '\0' && wp_deadline_parse (item->due_label, year, &deadline))
        {
          item->ongoing = deadline.ongoing;
          if (g_date_valid (&deadline.date))
            item->due = wp_date_to_iso (&deadline.date);
        }
      g_ptr_array_add (level == 0 ? roots : parents[level - 1]->children, item);
      parents[level] = item;
      for (guint l = level + 1; l <= WP_REPORT_ROW_MAX_LEVEL; l++)
        parents[l] = NULL;
    }
  view.year = year;
  view.title = title[0] != '\0' ? title : self->draft->title;
  view.organization = organization;
  view.items = roots;
  json = wp_report_draft_to_string (&view);
  /* the children arrays own nothing: empty them for the next try */
  for (guint i = 0; i < n; i++)
    g_ptr_array_set_size (wp_report_row_get_item (row_at (self, i))->children, 0);
  return json;
}

static gboolean
import_later (gpointer user_data)
{
  WpReportDialog *self = user_data;

  if (gtk_widget_get_realized (GTK_WIDGET (self)))
    wp_report_dialog_import (self);
  return G_SOURCE_REMOVE;
}

static void
on_other_year_response (AdwMessageDialog *dialog,
                        const char       *response,
                        WpReportDialog   *self)
{
  int year = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (dialog), "wp-year"));

  if (g_strcmp0 (response, "other") != 0)
    {
      gtk_widget_grab_focus (GTK_WIDGET (self->year));
      return;
    }
  gtk_spin_button_set_value (self->year, year);
  /* once the question has gone: Import closes the dialog it belongs to */
  g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, import_later, g_object_ref (self), g_object_unref);
}

/* A year holds one plan: offer the next free year */
static void
offer_other_year (WpReportDialog *self,
                  int             year)
{
  int free_year = year + 1;
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;
  g_autofree char *other = NULL;
  AdwMessageDialog *dialog;

  while (free_year < 9999 && year_has_plan (self, free_year))
    free_year++;
  heading = g_strdup_printf (_("There Is Already a %d Plan"), year);
  body = g_strdup_printf (_("Each year holds one plan. Import the report as the %d plan "
                            "instead, or choose the year yourself."), free_year);
  /* Translators: a button; %d is a year */
  other = g_strdup_printf (_("Import as %d"), free_year);
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), heading, body));
  adw_message_dialog_add_responses (dialog, "cancel", _("_Choose Another Year"),
                                    "other", other, NULL);
  adw_message_dialog_set_response_appearance (dialog, "other", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "other");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_object_set_data (G_OBJECT (dialog), "wp-year", GINT_TO_POINTER (free_year));
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_other_year_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/**
 * wp_report_dialog_import:
 *
 * Writes the draft as shown as a new plan, in one undoable step, shows it
 * in the window and closes the dialog. When the year has a plan already,
 * offers another year and writes nothing; on failure the window says why
 * and the dialog stays open.
 *
 * Returns: whether the plan was written
 */
gboolean
wp_report_dialog_import (WpReportDialog *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WpJsonDocument) doc = NULL;
  g_autofree char *json = NULL;
  int year;

  g_return_val_if_fail (WP_IS_REPORT_DIALOG (self), FALSE);
  if (self->reading || self->draft == NULL || self->window == NULL
      || g_list_model_get_n_items (G_LIST_MODEL (self->rows)) == 0)
    return FALSE;
  gtk_spin_button_update (self->year);
  year = gtk_spin_button_get_value_as_int (self->year);
  if (year_has_plan (self, year))
    {
      offer_other_year (self, year);
      return FALSE;
    }
  json = draft_json (self, year);
  doc = wp_json_document_parse (json, -1, &error);
  if (!_wp_window_import_document (self->window, self->name, doc, error))
    return FALSE;
  gtk_window_destroy (GTK_WINDOW (self));
  return TRUE;
}

static void
on_import_clicked (GtkButton      *button,
                   WpReportDialog *self)
{
  wp_report_dialog_import (self);
}

static void
on_cancel_clicked (GtkButton      *button,
                   WpReportDialog *self)
{
  gtk_window_close (GTK_WINDOW (self));
}

gboolean
wp_report_dialog_is_reading (WpReportDialog *self)
{
  g_return_val_if_fail (WP_IS_REPORT_DIALOG (self), FALSE);
  return self->reading;
}

GListModel *
wp_report_dialog_get_rows (WpReportDialog *self)
{
  g_return_val_if_fail (WP_IS_REPORT_DIALOG (self), NULL);
  return G_LIST_MODEL (self->rows);
}

void
wp_report_dialog_select (WpReportDialog *self,
                         guint           position)
{
  g_return_if_fail (WP_IS_REPORT_DIALOG (self));
  gtk_single_selection_set_selected (self->selection, position);
}

GtkTextView *
wp_report_dialog_get_source_view (WpReportDialog *self)
{
  g_return_val_if_fail (WP_IS_REPORT_DIALOG (self), NULL);
  return self->source_view;
}

/* Building the dialog */

static GtkWidget *
heading_label (const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "heading");
  return label;
}

static GtkWidget *
field_label (const char *mnemonic,
             GtkWidget  *field)
{
  GtkWidget *label = gtk_label_new_with_mnemonic (mnemonic);

  gtk_label_set_xalign (GTK_LABEL (label), 1);
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), field);
  return label;
}

static GtkEditable *
item_field (WpReportDialog *self,
            GtkGrid        *grid,
            int             row,
            const char     *mnemonic,
            const char     *name,
            const char     *property)
{
  GtkWidget *entry = gtk_entry_new ();

  gtk_widget_set_name (entry, name);
  gtk_widget_set_hexpand (entry, TRUE);
  g_object_set_data (G_OBJECT (entry), "wp-property", (gpointer) property);
  g_signal_connect (entry, "changed", G_CALLBACK (on_item_field_changed), self);
  gtk_grid_attach (grid, field_label (mnemonic, entry), 0, row, 1, 1);
  gtk_grid_attach (grid, entry, 1, row, 1, 1);
  return GTK_EDITABLE (entry);
}

static GtkWidget *
tool_button (const char *icon,
             const char *label,
             const char *tooltip,
             const char *action)
{
  GtkWidget *button = gtk_button_new ();
  GtkWidget *content = adw_button_content_new ();

  adw_button_content_set_icon_name (ADW_BUTTON_CONTENT (content), icon);
  adw_button_content_set_label (ADW_BUTTON_CONTENT (content), label);
  adw_button_content_set_use_underline (ADW_BUTTON_CONTENT (content), TRUE);
  gtk_button_set_child (GTK_BUTTON (button), content);
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  return button;
}

static GtkWidget *
build_plan_fields (WpReportDialog *self)
{
  GtkWidget *grid = gtk_grid_new ();
  GtkWidget *year = gtk_spin_button_new_with_range (1, 9999, 1);
  GtkWidget *title = gtk_entry_new ();
  GtkWidget *organization = gtk_entry_new ();
  GtkWidget *warning = gtk_label_new (NULL);

  gtk_grid_set_column_spacing (GTK_GRID (grid), 8);
  gtk_grid_set_row_spacing (GTK_GRID (grid), 6);
  gtk_spin_button_set_numeric (GTK_SPIN_BUTTON (year), TRUE);
  gtk_editable_set_width_chars (GTK_EDITABLE (year), 5);
  gtk_widget_set_name (year, "plan-year");
  gtk_widget_set_name (title, "plan-title");
  gtk_widget_set_name (organization, "plan-organization");
  gtk_widget_set_hexpand (title, TRUE);
  gtk_widget_set_hexpand (organization, TRUE);
  gtk_grid_attach (GTK_GRID (grid), field_label (_("_Year"), year), 0, 0, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), year, 1, 0, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), field_label (_("_Title"), title), 2, 0, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), title, 3, 0, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), field_label (_("_Organization"), organization), 4, 0, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), organization, 5, 0, 1, 1);
  gtk_label_set_xalign (GTK_LABEL (warning), 0);
  gtk_label_set_wrap (GTK_LABEL (warning), TRUE);
  gtk_widget_add_css_class (warning, "error");
  gtk_widget_set_visible (warning, FALSE);
  gtk_grid_attach (GTK_GRID (grid), warning, 1, 1, 5, 1);
  g_signal_connect (year, "value-changed", G_CALLBACK (on_year_changed), self);
  self->year = GTK_SPIN_BUTTON (year);
  self->title = GTK_EDITABLE (title);
  self->organization = GTK_EDITABLE (organization);
  self->year_warning = GTK_LABEL (warning);
  return grid;
}

static GtkWidget *
build_source_pane (WpReportDialog *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *view = gtk_text_view_new ();
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));
  GtkTextIter start;

  gtk_box_append (GTK_BOX (box), heading_label (_("The report")));
  gtk_text_view_set_editable (GTK_TEXT_VIEW (view), FALSE);
  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (view), GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_pixels_below_lines (GTK_TEXT_VIEW (view), 6);
  gtk_text_view_set_left_margin (GTK_TEXT_VIEW (view), 8);
  gtk_text_view_set_right_margin (GTK_TEXT_VIEW (view), 8);
  gtk_text_view_set_top_margin (GTK_TEXT_VIEW (view), 6);
  gtk_accessible_update_property (GTK_ACCESSIBLE (view), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("The report"), -1);
  self->span_tag = gtk_text_buffer_create_tag (buffer, "wp-span",
                                               "background", "rgba(53,132,228,0.25)",
                                               NULL);
  gtk_text_buffer_get_start_iter (buffer, &start);
  self->span_mark = gtk_text_buffer_create_mark (buffer, "wp-span", &start, TRUE);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), view);
  gtk_widget_set_vexpand (scrolled, TRUE);
  gtk_widget_add_css_class (scrolled, "card");
  gtk_box_append (GTK_BOX (box), scrolled);
  self->source_view = GTK_TEXT_VIEW (view);
  {
    GtkWidget *add = tool_button ("list-add-symbolic", _("_New Item from Selection"),
                                  _("Make an item of the words selected in the report"),
                                  "report.new-from-selection");

    gtk_widget_set_halign (add, GTK_ALIGN_START);
    gtk_box_append (GTK_BOX (box), add);
    g_signal_connect (buffer, "notify::has-selection", G_CALLBACK (on_source_selection), self);
  }
  return box;
}

static GtkWidget *
build_draft_pane (WpReportDialog *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *tools = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *grid = gtk_grid_new ();
  GtkEventController *keys = gtk_shortcut_controller_new ();
  GtkColumnView *view;

  gtk_box_append (GTK_BOX (box), heading_label (_("The draft plan")));
  self->outline = view = GTK_COLUMN_VIEW (gtk_column_view_new (
    GTK_SELECTION_MODEL (g_object_ref (self->selection))));
  gtk_column_view_set_show_row_separators (view, TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (view), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("The draft plan"), -1);
  add_column (self, _("Item"), NULL, -1);
  add_column (self, _("Lead agency"), "lead", 120);
  add_column (self, _("Supporting agencies"), "co", 150);
  add_column (self, _("Deadline"), "deadline", 84);
  /* Tab and Shift+Tab change the level, as in the plan's outline */
  gtk_shortcut_controller_add_shortcut (
    GTK_SHORTCUT_CONTROLLER (keys),
    gtk_shortcut_new (gtk_shortcut_trigger_parse_string ("Tab"),
                      gtk_named_action_new ("report.demote")));
  gtk_shortcut_controller_add_shortcut (
    GTK_SHORTCUT_CONTROLLER (keys),
    gtk_shortcut_new (gtk_shortcut_trigger_parse_string ("<Shift>Tab|<Shift>ISO_Left_Tab"),
                      gtk_named_action_new ("report.promote")));
  gtk_shortcut_controller_add_shortcut (
    GTK_SHORTCUT_CONTROLLER (keys),
    gtk_shortcut_new (gtk_shortcut_trigger_parse_string ("Delete|KP_Delete"),
                      gtk_named_action_new ("report.delete-item")));
  gtk_widget_add_controller (GTK_WIDGET (view), keys);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), GTK_WIDGET (view));
  gtk_widget_set_vexpand (scrolled, TRUE);
  gtk_widget_add_css_class (scrolled, "card");
  gtk_box_append (GTK_BOX (box), scrolled);

  gtk_box_append (GTK_BOX (tools),
                  tool_button ("go-previous-symbolic", _("_Up a Level"),
                               _("Make the item one level higher (Shift+Tab)"),
                               "report.promote"));
  gtk_box_append (GTK_BOX (tools),
                  tool_button ("go-next-symbolic", _("_Down a Level"),
                               _("Put the item under the one above it (Tab)"),
                               "report.demote"));
  gtk_box_append (GTK_BOX (tools),
                  tool_button ("user-trash-symbolic", C_("report review", "_Leave Out"),
                               _("Leave the item and what is under it out of the plan (Delete)"),
                               "report.delete-item"));
  gtk_box_append (GTK_BOX (box), tools);

  gtk_grid_set_column_spacing (GTK_GRID (grid), 8);
  gtk_grid_set_row_spacing (GTK_GRID (grid), 6);
  self->item_title = item_field (self, GTK_GRID (grid), 0, _("Item _title"), "item-title",
                                 "title");
  self->item_lead = item_field (self, GTK_GRID (grid), 1, _("L_ead agency"), "item-lead",
                                "lead");
  self->item_co = item_field (self, GTK_GRID (grid), 2, _("_Supporting agencies"), "item-co",
                              "co");
  self->item_deadline = item_field (self, GTK_GRID (grid), 3, _("Dead_line"), "item-deadline",
                                    "deadline");
  self->editor = grid;
  gtk_box_append (GTK_BOX (box), grid);
  return box;
}

static GtkWidget *
build_review_page (WpReportDialog *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *paned = gtk_paned_new (GTK_ORIENTATION_HORIZONTAL);
  GtkWidget *source = build_source_pane (self);
  GtkWidget *draft = build_draft_pane (self);

  gtk_widget_set_margin_start (box, 18);
  gtk_widget_set_margin_end (box, 18);
  gtk_widget_set_margin_top (box, 12);
  gtk_widget_set_margin_bottom (box, 18);
  gtk_box_append (GTK_BOX (box), build_plan_fields (self));
  self->summary = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->summary, TRUE);
  gtk_label_set_xalign (self->summary, 0);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->summary));
  gtk_widget_set_margin_end (source, 6);
  gtk_widget_set_margin_start (draft, 6);
  gtk_paned_set_start_child (GTK_PANED (paned), source);
  gtk_paned_set_end_child (GTK_PANED (paned), draft);
  gtk_paned_set_shrink_start_child (GTK_PANED (paned), FALSE);
  gtk_paned_set_shrink_end_child (GTK_PANED (paned), FALSE);
  gtk_paned_set_position (GTK_PANED (paned), 380);
  gtk_widget_set_vexpand (paned, TRUE);
  gtk_box_append (GTK_BOX (box), paned);
  return box;
}

static GtkWidget *
build_reading_page (WpReportDialog *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *spinner = gtk_spinner_new ();
  g_autofree char *text = g_strdup_printf (_("Reading “%s”…"), self->name);
  GtkWidget *label = gtk_label_new (text);
  GtkWidget *hint = gtk_label_new (_("A long report takes a few seconds. Cancel stops it; "
                                     "nothing is written."));

  gtk_widget_set_valign (box, GTK_ALIGN_CENTER);
  gtk_widget_set_size_request (spinner, 32, 32);
  gtk_widget_add_css_class (label, "title-2");
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_widget_add_css_class (hint, "dim-label");
  gtk_label_set_wrap (GTK_LABEL (hint), TRUE);
  gtk_box_append (GTK_BOX (box), spinner);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), hint);
  self->spinner = GTK_SPINNER (spinner);
  return box;
}

static void
wp_report_dialog_dispose (GObject *object)
{
  WpReportDialog *self = WP_REPORT_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_weak_pointer (&self->window);
  G_OBJECT_CLASS (wp_report_dialog_parent_class)->dispose (object);
}

static void
wp_report_dialog_finalize (GObject *object)
{
  WpReportDialog *self = WP_REPORT_DIALOG (object);

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->directory, g_hash_table_unref);
  g_clear_object (&self->selection);
  g_clear_object (&self->rows);
  g_clear_pointer (&self->source, wp_report_source_free);
  g_clear_pointer (&self->draft, wp_report_draft_free);
  g_free (self->path);
  g_free (self->name);
  G_OBJECT_CLASS (wp_report_dialog_parent_class)->finalize (object);
}

static void
wp_report_dialog_class_init (WpReportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = wp_report_dialog_dispose;
  object_class->finalize = wp_report_dialog_finalize;
  gtk_widget_class_install_action (widget_class, "report.promote", NULL, promote_activated);
  gtk_widget_class_install_action (widget_class, "report.demote", NULL, demote_activated);
  gtk_widget_class_install_action (widget_class, "report.delete-item", NULL, delete_activated);
  gtk_widget_class_install_action (widget_class, "report.new-from-selection", NULL,
                                   new_from_selection_activated);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
wp_report_dialog_init (WpReportDialog *self)
{
  self->cancellable = g_cancellable_new ();
  self->directory = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->rows = g_list_store_new (WP_TYPE_REPORT_ROW);
  self->selection = gtk_single_selection_new (G_LIST_MODEL (g_object_ref (self->rows)));
  gtk_single_selection_set_autoselect (self->selection, TRUE);
  g_signal_connect (self->selection, "notify::selected", G_CALLBACK (on_selected), self);
  /* (until words of the report are selected) */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "report.new-from-selection", FALSE);
}

/**
 * wp_report_dialog_new:
 *
 * Starts reading the report @path, and shows the draft when it is read.
 *
 * Returns: (transfer none): the dialog, not yet shown
 */
WpReportDialog *
wp_report_dialog_new (WpWindow   *window,
                      const char *path)
{
  WpReportDialog *self;
  GtkWidget *box, *header, *cancel, *page;
  g_autofree char *title = NULL;

  self = g_object_new (WP_TYPE_REPORT_DIALOG, "modal", TRUE, "transient-for", window,
                       "default-width", 1100, "default-height", 720, NULL);
  g_set_weak_pointer (&self->window, window);
  self->path = g_strdup (path);
  self->name = g_path_get_basename (path);

  title = g_strdup_printf (_("Import “%s”"), self->name);
  gtk_window_set_title (GTK_WINDOW (self), title);
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  header = adw_header_bar_new ();
  adw_header_bar_set_show_end_title_buttons (ADW_HEADER_BAR (header), FALSE);
  cancel = gtk_button_new_with_mnemonic (_("_Cancel"));
  g_signal_connect (cancel, "clicked", G_CALLBACK (on_cancel_clicked), self);
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), cancel);
  self->cancel_button = cancel;
  self->import_button = gtk_button_new_with_mnemonic (_("_Import"));
  gtk_widget_add_css_class (self->import_button, "suggested-action");
  gtk_widget_set_sensitive (self->import_button, FALSE);
  g_signal_connect (self->import_button, "clicked", G_CALLBACK (on_import_clicked), self);
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), self->import_button);
  gtk_box_append (GTK_BOX (box), header);

  self->stack = GTK_STACK (gtk_stack_new ());
  gtk_widget_set_vexpand (GTK_WIDGET (self->stack), TRUE);
  gtk_stack_add_named (self->stack, build_reading_page (self), "reading");
  gtk_stack_add_named (self->stack, build_review_page (self), "review");
  page = adw_status_page_new ();
  adw_status_page_set_icon_name (ADW_STATUS_PAGE (page), "dialog-error-symbolic");
  adw_status_page_set_title (ADW_STATUS_PAGE (page), _("Could Not Read the Report"));
  self->error_page = ADW_STATUS_PAGE (page);
  gtk_stack_add_named (self->stack, page, "error");
  page = adw_status_page_new ();
  adw_status_page_set_icon_name (ADW_STATUS_PAGE (page), "edit-find-symbolic");
  adw_status_page_set_title (ADW_STATUS_PAGE (page), _("No Work Found in the Report"));
  adw_status_page_set_description (
    ADW_STATUS_PAGE (page),
    _("Workplan found no areas, key tasks or actions in it. A work report lists the year’s "
      "work under headings such as “一、” or in paragraphs of tasks: check that this is the "
      "year’s report and not a scan or a notice, or copy its text into a .txt file and "
      "import that."));
  gtk_stack_add_named (self->stack, page, "empty");
  gtk_stack_set_visible_child_name (self->stack, "reading");
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->stack));
  adw_window_set_content (ADW_WINDOW (self), box);
  gtk_window_set_default_widget (GTK_WINDOW (self), self->import_button);

  start_reading (self);
  return self;
}
