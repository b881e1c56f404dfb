/* wp-collect-dialog.c: reviewing and collecting the sheets agencies
 * returned (汇总报送表)
 *
 * The files are read first, in a thread with a bar and Cancel (a folder
 * of large sheets takes a while; reading writes nothing, so Cancel simply
 * closes), then weighed against the plan on the main thread, where the
 * store is (wp_collect_evaluate()). Every change they ask for is listed
 * under its file: the item, its status, progress and the note to be
 * added. What cannot be taken (a file that cannot be read or is no
 * agency's sheet, a sheet of another year, an item no longer in the plan,
 * a title or agency edited in a locked column) is listed in the core's
 * words, which say what to do. A refused sheet can be left out, and the
 * sheets are weighed again without it; Collect is offered once every
 * sheet left in is sound, as the core takes a set of sheets whole or not
 * at all. Collect writes everything in one transaction as one undoable
 * step (wp_edit_collect()), after a backup of the plan file.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "wp-collect-dialog.h"
#include "wp-toast.h"
#include "wp-thread-progress.h"
#include "wp-window-private.h"

struct _WpCollectDialog
{
  AdwWindow     parent_instance;

  WpWindow     *window;      /* (weak) */
  gint64        plan_id;
  GPtrArray    *sheets;      /* WpCollectSheet, once read */
  WpCollect    *collect;     /* what the sheets left in ask for, or NULL */
  char         *failure;     /* why the sheets could not be weighed, or NULL */
  guint         n_files;
  GCancellable *cancellable; /* while reading, else NULL */
  GtkStack     *stack;
  GtkProgressBar *bar;
  GtkWidget    *apply_button;
  GtkWidget    *cancel_button;
  GtkWidget    *page;        /* the review, an AdwPreferencesPage */
  GPtrArray    *groups;      /* what the review shows in @page */
  GtkWidget    *empty;       /* the review when there is nothing new */
  guint         n_pending;   /* reviews to come after a Leave Out */
};

G_DEFINE_FINAL_TYPE (WpCollectDialog, wp_collect_dialog, ADW_TYPE_WINDOW)

gboolean
wp_collect_dialog_can_apply (WpCollectDialog *self)
{
  return self->cancellable == NULL && self->n_pending == 0 && self->collect != NULL
         && wp_collect_is_sound (self->collect) && self->collect->n_changes > 0;
}

/**
 * wp_collect_dialog_is_reading:
 *
 * Returns: whether the files are still being read
 */
gboolean
wp_collect_dialog_is_reading (WpCollectDialog *self)
{
  return self->cancellable != NULL;
}

/* What a row changes, in one line or a few */
static char *
describe_change (const WpCollectRow *row)
{
  g_autoptr(GString) text = g_string_new (NULL);

  if (row->set_status)
    /* Translators: a status change from a returned sheet: old, new */
    g_string_append_printf (text, _("Status: %s → %s"), wp_item_status_to_label (row->old_status),
                            wp_item_status_to_label (row->status));
  if (row->set_progress)
    {
      if (text->len > 0)
        g_string_append (text, C_("list of changes", ", "));
      /* Translators: a progress change from a returned sheet: old, new percent */
      g_string_append_printf (text, _("Progress: %d%% → %d%%"), row->old_progress,
                              row->progress);
    }
  if (row->note != NULL)
    {
      if (text->len > 0)
        g_string_append_c (text, '\n');
      /* Translators: the progress note a returned sheet adds to an item */
      g_string_append_printf (text, _("New note: %s"), row->note);
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static GtkWidget *
row_new (const char *title,
         const char *subtitle,
         gboolean    refused)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 2);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
  if (refused)
    {
      GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");

      gtk_widget_add_css_class (icon, "warning");
      gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _("Refused"), -1);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
    }
  /* (rows can take the focus, so the list is read with the keyboard) */
  gtk_widget_set_focusable (row, TRUE);
  return row;
}

static void review (WpCollectDialog *self,
                    gint             focus_sheet);

typedef struct {
  WpCollectDialog *self;  /* (owned) */
  guint            sheet;
} Review;

static gboolean
review_later (gpointer data)
{
  Review *later = data;

  later->self->n_pending--;
  if (later->self->window != NULL)
    review (later->self, later->sheet);
  g_object_unref (later->self);
  g_free (later);
  return G_SOURCE_REMOVE;
}

/* (weighed again once the toggle is done: the review replaces the button) */
static void
on_leave_out_toggled (GtkToggleButton *button,
                      WpCollectDialog *self)
{
  Review *later = g_new0 (Review, 1);
  WpCollectSheet *sheet;

  later->self = g_object_ref (self);
  later->sheet = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "wp-sheet"));
  sheet = g_ptr_array_index (self->sheets, later->sheet);
  sheet->left_out = gtk_toggle_button_get_active (button);
  self->n_pending++;
  gtk_widget_set_sensitive (self->apply_button, FALSE);
  g_idle_add (review_later, later);
}

/* A left-out sheet's rows are dimmed: they are not collected */
static GtkWidget *
dim_if (GtkWidget *row,
        gboolean   dim)
{
  if (dim)
    gtk_widget_set_opacity (row, 0.55);
  return row;
}

/* The group of one file: its agency and year, then each change or
 * refusal; a refused or left-out sheet has the Leave Out toggle */
static GtkWidget *
sheet_group (WpCollectDialog *self,
             guint            index,
             GtkWidget      **toggle)
{
  WpCollectSheet *sheet = g_ptr_array_index (self->sheets, index);
  GtkWidget *group = adw_preferences_group_new ();
  g_autofree char *description = NULL;
  g_autofree char *counts = NULL;

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), sheet->file);
  if (sheet->refusal != NULL)
    adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                               dim_if (row_new (_("Refused"), sheet->refusal, TRUE),
                                       sheet->left_out));
  for (guint i = 0; i < self->collect->rows->len; i++)
    {
      WpCollectRow *row = g_ptr_array_index (self->collect->rows, i);
      g_autofree char *title = NULL;
      g_autofree char *subtitle = NULL;

      if (row->sheet != sheet)
        continue;
      /* Translators: a row of a returned sheet: its row number, the item's title */
      title = g_strdup_printf (_("Row %u: %s"), row->row,
                               row->title[0] != '\0' ? row->title : _("(no title)"));
      subtitle = row->refusal != NULL ? g_strdup (row->refusal) : describe_change (row);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                                 dim_if (row_new (title, subtitle, row->refusal != NULL),
                                         sheet->left_out));
    }

  if (sheet->refusal != NULL)
    counts = g_strdup (_("This file cannot be collected."));
  else if (sheet->n_changes + sheet->n_refused == 0)
    counts = g_strdup_printf (_("The %d plan: nothing new in this sheet."), self->collect->year);
  else
    {
      g_autofree char *changes = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u change",
                                                               "%u changes", sheet->n_changes),
                                                  sheet->n_changes);
      g_autofree char *refused = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u refused",
                                                               "%u refused", sheet->n_refused),
                                                  sheet->n_refused);

      counts = sheet->n_refused > 0 && sheet->n_changes == 0
               /* Translators: under a returned sheet's name: agency, year, refused rows */
               ? g_strdup_printf (_("%s, the %d plan: %s"), sheet->agency, self->collect->year,
                                  refused)
               : sheet->n_refused > 0
               /* Translators: under a returned sheet's name: agency, year, changes, refused rows */
               ? g_strdup_printf (_("%s, the %d plan: %s, %s"), sheet->agency,
                                  self->collect->year, changes, refused)
               /* Translators: under a returned sheet's name: agency, year, changes */
               : g_strdup_printf (_("%s, the %d plan: %s"), sheet->agency, self->collect->year,
                                  changes);
    }
  if (sheet->left_out && sheet->refusal != NULL)
    description = g_strdup (_("Left out: nothing of this sheet is collected."));
  else if (sheet->left_out)
    /* Translators: under a returned sheet's name when it is left out; then
     * what it holds */
    description = g_strdup_printf (_("Left out: nothing of this sheet is collected. %s"),
                                   counts);
  else
    description = g_steal_pointer (&counts);
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), description);

  *toggle = NULL;
  if (sheet->left_out || !wp_collect_sheet_is_sound (sheet))
    {
      g_autofree char *label = NULL;

      *toggle = gtk_toggle_button_new_with_mnemonic (_("_Leave Out"));
      gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (*toggle), sheet->left_out);
      gtk_widget_set_valign (*toggle, GTK_ALIGN_END);
      /* Translators: the accessible name of the Leave Out button of a sheet */
      label = g_strdup_printf (_("Leave out “%s”"), sheet->file);
      gtk_accessible_update_property (GTK_ACCESSIBLE (*toggle), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      label, -1);
      g_object_set_data (G_OBJECT (*toggle), "wp-sheet", GUINT_TO_POINTER (index));
      g_signal_connect (*toggle, "toggled", G_CALLBACK (on_leave_out_toggled), self);
      adw_preferences_group_set_header_suffix (ADW_PREFERENCES_GROUP (group), *toggle);
    }
  return group;
}

/* Reading writes nothing: Cancel stops it after the file being read and
 * closes at once (the thread's end then finds the dialog gone). */
static void
on_cancel_clicked (GtkButton       *button,
                   WpCollectDialog *self)
{
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  gtk_window_destroy (GTK_WINDOW (self));
}

/**
 * wp_collect_dialog_apply:
 *
 * Collects what the sheets ask for as one undoable step, says so in a
 * toast and closes the dialog; on failure says why and stays open.
 */
gboolean
wp_collect_dialog_apply (WpCollectDialog *self)
{
  g_autoptr(GError) error = NULL;
  WpContext *context;
  g_autofree char *message = NULL;
  g_autofree char *backup = NULL;
  AdwToastOverlay *overlay;
  AdwToast *toast;

  if (self->window == NULL || !wp_collect_dialog_can_apply (self))
    return FALSE;
  context = _wp_window_get_context (self->window);
  /* As the command line does: the file as it was is kept first (with
   * what the undo history may still bring back). */
  backup = wp_backup_take_keeping_deleted (wp_context_get_store (context),
                                           WP_BACKUP_BEFORE_COLLECT,
                                           _wp_window_get_backups_kept (self->window), &error);
  if (backup == NULL)
    g_prefix_error (&error, _("The plan file could not be backed up first. "));
  if (backup == NULL
      || !wp_edit_collect (wp_context_get_undo_stack (context), self->collect, &error))
    {
      g_autofree char *body = g_strdup_printf (_("Nothing was changed: %s"), error->message);
      GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self),
                                                  _("The Sheets Were Not Collected"), body);

      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
      gtk_window_present (GTK_WINDOW (dialog));
      return FALSE;
    }
  message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                          "Collected %u change from the returned sheets",
                                          "Collected %u changes from the returned sheets",
                                          self->collect->n_changes),
                             self->collect->n_changes);
  overlay = ADW_TOAST_OVERLAY (gtk_widget_get_ancestor (
    GTK_WIDGET (_wp_window_get_outline (self->window)), ADW_TYPE_TOAST_OVERLAY));
  toast = wp_toast_new (message);
  wp_toast_offer_undo (toast, wp_context_get_undo_stack (context));
  adw_toast_overlay_add_toast (overlay, toast);
  gtk_window_destroy (GTK_WINDOW (self));
  return TRUE;
}

static void
on_apply_clicked (GtkButton       *button,
                  WpCollectDialog *self)
{
  wp_collect_dialog_apply (self);
}

static void
wp_collect_dialog_dispose (GObject *object)
{
  WpCollectDialog *self = WP_COLLECT_DIALOG (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_weak_pointer (&self->window);
  g_clear_pointer (&self->collect, wp_collect_free);
  g_clear_pointer (&self->sheets, g_ptr_array_unref);
  g_clear_pointer (&self->groups, g_ptr_array_unref);
  g_clear_pointer (&self->failure, g_free);
  G_OBJECT_CLASS (wp_collect_dialog_parent_class)->dispose (object);
}

static void
wp_collect_dialog_class_init (WpCollectDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = wp_collect_dialog_dispose;
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
wp_collect_dialog_init (WpCollectDialog *self)
{
  self->groups = g_ptr_array_new ();
}

/* The summary above the sheets: what Collect would do, or what stops it */
static GtkWidget *
summary_group (WpCollectDialog *self)
{
  GtkWidget *summary = adw_preferences_group_new ();
  g_autofree char *heading = NULL;
  g_autofree char *text = NULL;
  guint n_problems = 0, n_left_out = 0, n_sound = 0;

  for (guint i = 0; i < self->sheets->len; i++)
    {
      WpCollectSheet *sheet = g_ptr_array_index (self->sheets, i);

      if (sheet->left_out)
        n_left_out++;
      else if (!wp_collect_sheet_is_sound (sheet))
        n_problems += sheet->refusal != NULL ? 1 : sheet->n_refused;
      else
        n_sound++;
    }

  if (self->failure != NULL)
    {
      heading = g_strdup (_("The Sheets Cannot Be Weighed"));
      text = g_strdup (self->failure);
    }
  else if (n_problems > 0)
    {
      heading = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                              "%u problem to correct before collecting",
                                              "%u problems to correct before collecting",
                                              n_problems),
                                 n_problems);
      text = g_strdup (_("Nothing is collected while a sheet left in is refused. Ask its "
                         "agency to correct it and send it again, or leave it out to collect "
                         "the others."));
    }
  else
    {
      guint n = self->collect->n_changes;
      g_autofree char *date = wp_date_format_display (&self->collect->date);
      g_autofree char *sheets = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                              "%u sheet", "%u sheets",
                                                              n_sound),
                                                 n_sound);

      heading = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u change to collect",
                                              "%u changes to collect", n),
                                 n);
      /* Translators: the number of sheets, then the date the collected
       * progress notes are given */
      text = g_strdup_printf (_("From %s; the notes are dated %s. Collect "
                                "writes every change at once, and Undo "
                                "takes all of them back."), sheets, date);
      if (n_left_out > 0)
        {
          g_autofree char *left = g_strdup_printf (
            g_dngettext (GETTEXT_PACKAGE, "%u sheet is left out and not collected.",
                         "%u sheets are left out and not collected.", n_left_out),
            n_left_out);
          g_autofree char *both = g_strconcat (text, " ", left, NULL);

          g_free (text);
          text = g_steal_pointer (&both);
        }
    }
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (summary), heading);
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (summary), text);
  return summary;
}

/* Weighs the sheets left in against the plan, and shows the review; the
 * Leave Out button of sheet @focus_sheet (or none, -1) keeps the focus */
static void
review (WpCollectDialog *self,
        gint             focus_sheet)
{
  g_autoptr(GError) error = NULL;
  WpContext *context = self->window != NULL ? _wp_window_get_context (self->window) : NULL;
  WpStore *store = context != NULL ? wp_context_get_store (context) : NULL;
  GtkWidget *focus = NULL;
  gboolean anything = FALSE;

  if (store == NULL)
    return;
  g_clear_pointer (&self->collect, wp_collect_free);
  g_clear_pointer (&self->failure, g_free);
  self->collect = wp_collect_evaluate (store, self->plan_id, self->sheets,
                                       wp_store_get_reference_date (store), &error);
  if (self->collect == NULL)
    self->failure = g_strdup (error->message);

  for (guint i = 0; i < self->groups->len; i++)
    adw_preferences_page_remove (ADW_PREFERENCES_PAGE (self->page),
                                 g_ptr_array_index (self->groups, i));
  g_ptr_array_set_size (self->groups, 0);
  g_ptr_array_add (self->groups, summary_group (self));
  for (guint i = 0; self->collect != NULL && i < self->sheets->len; i++)
    {
      WpCollectSheet *sheet = g_ptr_array_index (self->sheets, i);
      GtkWidget *toggle;

      g_ptr_array_add (self->groups, sheet_group (self, i, &toggle));
      if ((gint) i == focus_sheet)
        focus = toggle;
      anything |= sheet->left_out || !wp_collect_sheet_is_sound (sheet);
    }
  for (guint i = 0; i < self->groups->len; i++)
    adw_preferences_page_add (ADW_PREFERENCES_PAGE (self->page),
                              g_ptr_array_index (self->groups, i));

  anything |= self->collect == NULL || self->collect->rows->len > 0;
  gtk_stack_set_visible_child (self->stack, anything ? self->page : self->empty);
  gtk_widget_set_visible (self->apply_button, anything);
  gtk_widget_set_sensitive (self->apply_button, wp_collect_dialog_can_apply (self));
  gtk_window_set_default_widget (GTK_WINDOW (self), wp_collect_dialog_can_apply (self)
                                                    ? self->apply_button : self->cancel_button);
  if (focus != NULL)
    gtk_widget_grab_focus (focus);
}

/* Reading, in a thread */

static void
read_sheets (GTask        *task,
             gpointer      source,
             gpointer      task_data,
             GCancellable *cancellable)
{
  WpCollectDialog *self = source;
  const char * const *files = task_data;
  g_autoptr(GPtrArray) sheets = g_ptr_array_new_with_free_func (
    (GDestroyNotify) wp_collect_sheet_free);

  for (guint i = 0; files[i] != NULL; i++)
    {
      g_autofree char *name = g_path_get_basename (files[i]);
      WpCollectSheet *sheet;

      wp_thread_progress_post (source, self->bar, &self->cancellable, &self->n_files, i, name);
      /* (stopped between files: reading writes nothing, so nothing is lost) */
      sheet = wp_collect_sheet_read (files[i], cancellable);
      if (sheet == NULL)
        break;
      g_ptr_array_add (sheets, sheet);
    }
  if (g_task_return_error_if_cancelled (task))
    return;
  g_task_return_pointer (task, g_steal_pointer (&sheets), (GDestroyNotify) g_ptr_array_unref);
}

static void
on_sheets_read (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  WpCollectDialog *self = WP_COLLECT_DIALOG (source);
  g_autoptr(GError) error = NULL;
  GPtrArray *sheets = g_task_propagate_pointer (G_TASK (result), &error);

  /* (cancelled: the dialog is gone already) */
  if (sheets == NULL)
    return;
  g_clear_object (&self->cancellable);
  if (self->window == NULL)
    {
      g_ptr_array_unref (sheets);
      return;
    }
  self->sheets = sheets;
  review (self, -1);
}

/**
 * wp_collect_dialog_new:
 * @files: the returned sheets, by path
 *
 * Starts reading @files in a thread (nothing is written) and then lists
 * what they would change.
 *
 * Returns: (transfer none): the dialog, not yet shown
 */
WpCollectDialog *
wp_collect_dialog_new (WpWindow           *window,
                       const char * const *files)
{
  WpCollectDialog *self = g_object_new (WP_TYPE_COLLECT_DIALOG, "modal", TRUE,
                                        "transient-for", window, "default-width", 720,
                                        "default-height", 640, NULL);
  WpPlan *plan = _wp_window_get_selected_plan (window);
  g_autoptr(GTask) task = NULL;
  g_autofree char *title = NULL;
  GtkWidget *box, *header, *status, *progress_box;

  g_set_weak_pointer (&self->window, window);
  self->plan_id = wp_plan_get_id (plan);
  self->n_files = g_strv_length ((char **) files);
  title = g_strdup_printf (_("Collect Returned Sheets into the %d Plan"),
                           wp_plan_get_year (plan));
  gtk_window_set_title (GTK_WINDOW (self), title);

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  header = adw_header_bar_new ();
  adw_header_bar_set_show_end_title_buttons (ADW_HEADER_BAR (header), FALSE);
  self->cancel_button = gtk_button_new_with_mnemonic (_("_Cancel"));
  g_signal_connect (self->cancel_button, "clicked", G_CALLBACK (on_cancel_clicked), self);
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), self->cancel_button);
  self->apply_button = gtk_button_new_with_mnemonic (_("C_ollect"));
  gtk_widget_add_css_class (self->apply_button, "suggested-action");
  g_signal_connect (self->apply_button, "clicked", G_CALLBACK (on_apply_clicked), self);
  gtk_widget_set_sensitive (self->apply_button, FALSE);
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), self->apply_button);
  gtk_box_append (GTK_BOX (box), header);

  self->stack = GTK_STACK (gtk_stack_new ());
  gtk_widget_set_vexpand (GTK_WIDGET (self->stack), TRUE);
  status = adw_status_page_new ();
  adw_status_page_set_icon_name (ADW_STATUS_PAGE (status), "x-office-spreadsheet-symbolic");
  adw_status_page_set_title (ADW_STATUS_PAGE (status), _("Reading the Returned Sheets…"));
  progress_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  self->bar = GTK_PROGRESS_BAR (gtk_progress_bar_new ());
  gtk_progress_bar_set_show_text (self->bar, TRUE);
  gtk_box_append (GTK_BOX (progress_box), GTK_WIDGET (self->bar));
  adw_status_page_set_child (ADW_STATUS_PAGE (status), progress_box);
  gtk_stack_add_named (self->stack, status, "reading");

  self->page = adw_preferences_page_new ();
  gtk_stack_add_named (self->stack, self->page, "review");
  self->empty = adw_status_page_new ();
  adw_status_page_set_icon_name (ADW_STATUS_PAGE (self->empty), "x-office-spreadsheet-symbolic");
  adw_status_page_set_title (ADW_STATUS_PAGE (self->empty), _("Nothing New to Collect"));
  adw_status_page_set_description (
    ADW_STATUS_PAGE (self->empty),
    _("The sheets ask for nothing the plan does not already hold: they were collected "
      "before, or the agencies have not filled them in yet."));
  gtk_stack_add_named (self->stack, self->empty, "empty");
  gtk_stack_set_visible_child (self->stack, status);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->stack));
  adw_window_set_content (ADW_WINDOW (self), box);
  gtk_window_set_default_widget (GTK_WINDOW (self), self->cancel_button);

  self->cancellable = g_cancellable_new ();
  task = g_task_new (self, self->cancellable, on_sheets_read, NULL);
  g_task_set_task_data (task, g_strdupv ((char **) files), (GDestroyNotify) g_strfreev);
  g_task_run_in_thread (task, read_sheets);
  return self;
}
