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
#include "wp-report-dialog-private.h"

G_DEFINE_FINAL_TYPE (WpReportDialog, wp_report_dialog, ADW_TYPE_WINDOW)

WpStore *
_wp_report_dialog_store (WpReportDialog *self)
{
  WpContext *context = self->window != NULL ? _wp_window_get_context (self->window) : NULL;

  return context != NULL ? wp_context_get_store (context) : NULL;
}

gboolean
_wp_report_dialog_year_has_plan (WpReportDialog *self,
               int             year)
{
  WpStore *store = _wp_report_dialog_store (self);
  g_autoptr(WpPlan) plan = store != NULL ? wp_store_get_plan_by_year (store, year, NULL) : NULL;

  return plan != NULL;
}

WpReportRow *
_wp_report_dialog_row_at (WpReportDialog *self,
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
  return _wp_report_dialog_row_at (self, selected);
}

/* The rows after @position that belong under it: one past its last */
static guint
subtree_end (WpReportDialog *self,
             guint           position)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->rows));
  guint level = wp_report_row_get_level (_wp_report_dialog_row_at (self, position));
  guint end = position + 1;

  while (end < n && wp_report_row_get_level (_wp_report_dialog_row_at (self, end)) > level)
    end++;
  return end;
}

/* Whether the row at @position is imported: it is checked, and so is
 * every row above it */
gboolean
_wp_report_dialog_row_is_imported (WpReportDialog *self,
                                   guint           position)
{
  WpReportRow *row = _wp_report_dialog_row_at (self, position);
  guint level = wp_report_row_get_level (row);

  if (!wp_report_row_get_included (row))
    return FALSE;
  for (guint i = position; i-- > 0 && level > 0;)
    {
      WpReportRow *above = _wp_report_dialog_row_at (self, i);

      if (wp_report_row_get_level (above) < level)
        {
          if (!wp_report_row_get_included (above))
            return FALSE;
          level = wp_report_row_get_level (above);
        }
    }
  return TRUE;
}

/* A box checked or unchecked by the user: what is under the row follows
 * it, and checking a row checks the rows above it, so that it is imported */
static void
on_row_included (WpReportRow    *row,
                 GParamSpec     *pspec,
                 WpReportDialog *self)
{
  guint position, end, level;
  gboolean included = wp_report_row_get_included (row);

  if (self->cascading || !g_list_store_find (self->rows, row, &position))
    return;
  self->cascading = TRUE;
  end = subtree_end (self, position);
  for (guint i = position + 1; i < end; i++)
    wp_report_row_set_included (_wp_report_dialog_row_at (self, i), included);
  level = wp_report_row_get_level (row);
  for (guint i = position; included && i-- > 0 && level > 0;)
    {
      WpReportRow *above = _wp_report_dialog_row_at (self, i);

      if (wp_report_row_get_level (above) < level)
        {
          wp_report_row_set_included (above, TRUE);
          level = wp_report_row_get_level (above);
        }
    }
  self->cascading = FALSE;
  _wp_report_dialog_update_summary (self);
}

static void
on_rows_changed (GListModel     *rows,
                 guint           position,
                 guint           removed,
                 guint           added,
                 WpReportDialog *self)
{
  for (guint i = position; i < position + added; i++)
    g_signal_connect_object (_wp_report_dialog_row_at (self, i), "notify::included",
                             G_CALLBACK (on_row_included), self, 0);
}

void
_wp_report_dialog_update_summary (WpReportDialog *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->rows));
  guint counts[WP_REPORT_ROW_MAX_LEVEL + 1] = { 0 };
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *areas = NULL, *tasks = NULL, *actions = NULL;

  guint n_in = 0;

  /* (what Import writes: the checked rows, none under an unchecked one) */
  for (guint i = 0; i < n; i++)
    if (_wp_report_dialog_row_is_imported (self, i))
      {
        counts[wp_report_row_get_level (_wp_report_dialog_row_at (self, i))]++;
        n_in++;
      }
  areas = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u area", "%u areas", counts[0]),
                           counts[0]);
  tasks = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u key task", "%u key tasks",
                                        counts[1]), counts[1]);
  actions = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u action", "%u actions",
                                          counts[2]), counts[2]);
  /* Translators: the draft of a report: the numbers of areas, key tasks and actions */
  g_string_printf (text, _("The draft: %s, %s, %s."), areas, tasks, actions);
  if (n_in < n)
    {
      g_string_append_c (text, ' ');
      g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE,
                                                 "%u unchecked item is left out.",
                                                 "%u unchecked items are left out.", n - n_in),
                              n - n_in);
    }
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
  gtk_widget_set_sensitive (self->import_button, n_in > 0);
}

static void
update_actions (WpReportDialog *self)
{
  guint position = 0;
  WpReportRow *row = selected_row (self, &position);
  gboolean can_demote = FALSE;

  if (row != NULL && position > 0 && wp_report_row_get_level (row) < WP_REPORT_ROW_MAX_LEVEL)
    can_demote = wp_report_row_get_level (_wp_report_dialog_row_at (self, position - 1)) >= wp_report_row_get_level (row);
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

void
_wp_report_dialog_load_editor (WpReportDialog *self)
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
  _wp_report_dialog_load_editor (self);
  scroll_to_selected (self);
}

void
_wp_report_dialog_on_item_field_changed (GtkEditable    *editable,
                       WpReportDialog *self)
{
  WpReportRow *row = selected_row (self, NULL);
  const char *property = g_object_get_data (G_OBJECT (editable), "wp-property");

  if (row != NULL && !self->loading_editor)
    g_object_set (row, property, gtk_editable_get_text (editable), NULL);
}

void
_wp_report_dialog_on_year_changed (GtkSpinButton  *spin,
                 WpReportDialog *self)
{
  int year = gtk_spin_button_get_value_as_int (spin);
  gboolean taken = _wp_report_dialog_year_has_plan (self, year);

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
    wp_report_row_set_level (_wp_report_dialog_row_at (self, i), wp_report_row_get_level (_wp_report_dialog_row_at (self, i)) - 1);
  _wp_report_dialog_update_summary (self);
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
      || wp_report_row_get_level (_wp_report_dialog_row_at (self, position - 1)) < wp_report_row_get_level (row))
    return;
  /* What is under it goes down with it, but no deeper than actions: a key
   * task made an action leaves its actions beside it, as Up a Level took
   * them in. */
  end = subtree_end (self, position);
  for (guint i = position; i < end; i++)
    wp_report_row_set_level (_wp_report_dialog_row_at (self, i), MIN (wp_report_row_get_level (_wp_report_dialog_row_at (self, i)) + 1, WP_REPORT_ROW_MAX_LEVEL));
  _wp_report_dialog_update_summary (self);
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
  _wp_report_dialog_update_summary (self);
  _wp_report_dialog_load_editor (self);
}

/* Space: the selected row's check box, from the keyboard */
static void
toggle_included_activated (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  WpReportDialog *self = WP_REPORT_DIALOG (widget);
  WpReportRow *row = selected_row (self, NULL);

  if (row != NULL)
    wp_report_row_set_included (row, !wp_report_row_get_included (row));
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
  options.aliases = self->aliases;
  item = wp_report_item_from_span (
    self->source,
    (gsize) (g_utf8_offset_to_pointer (text, gtk_text_iter_get_offset (&first)) - text),
    (gsize) (g_utf8_offset_to_pointer (text, gtk_text_iter_get_offset (&last)) - text),
    &options);
  if (item == NULL)
    return;
  if (selected_row (self, &position) != NULL)
    {
      level = MAX (wp_report_row_get_level (_wp_report_dialog_row_at (self, position)), 1);
      at = subtree_end (self, position);
    }
  row = wp_report_row_new (item, level);
  g_list_store_insert (self->rows, at, row);
  gtk_single_selection_set_selected (self->selection, at);
  _wp_report_dialog_update_summary (self);
  _wp_report_dialog_load_editor (self);
}

void
_wp_report_dialog_on_source_selection (GtkTextBuffer  *buffer,
                     GParamSpec     *pspec,
                     WpReportDialog *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "report.new-from-selection",
                                 self->source != NULL
                                 && gtk_text_buffer_get_has_selection (buffer));
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
  g_clear_pointer (&self->aliases, g_hash_table_unref);
  g_clear_pointer (&self->area_ids, g_array_unref);
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
  gtk_widget_class_install_action (widget_class, "report.toggle-included", NULL,
                                   toggle_included_activated);
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
  g_signal_connect (self->rows, "items-changed", G_CALLBACK (on_rows_changed), self);
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
  gtk_stack_add_named (self->stack, _wp_report_dialog_build_reading_page (self), "reading");
  gtk_stack_add_named (self->stack, _wp_report_dialog_build_review_page (self), "review");
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

  _wp_report_dialog_start_reading (self);
  return self;
}
