/* wp-year-check-dialog.c: the year-end check of a plan (年终核查)
 *
 * Every item of the plan with its final state, area by area. Each
 * unfinished item without sub-items asks why it was not finished; an item
 * carried into next year's plan is explained by going on there. A reason
 * is saved (undoably) when Enter is pressed or the focus leaves it, and
 * before the check is marked done. Marking the plan checked is refused
 * while reasons are missing, and the dialog says how many.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "wp-closeout-group.h"
#include "wp-toast.h"
#include "wp-window-private.h"
#include "wp-year-check-dialog.h"

struct _WpYearCheckDialog
{
  AdwWindow        parent_instance;

  WpContext       *context;
  WpPlan          *plan;
  GHashTable      *reason_rows;  /* item id → AdwEntryRow */
  GtkLabel        *status_label;
  GtkWidget       *check_button;
  AdwToastOverlay *toasts;
  AdwToast        *refusal;  /* why the check was last refused, while shown */
  char            *status;
};

G_DEFINE_FINAL_TYPE (WpYearCheckDialog, wp_year_check_dialog, ADW_TYPE_WINDOW)

static WpStore *
get_store (WpYearCheckDialog *self)
{
  return wp_context_get_store (self->context);
}

static void
set_status (WpYearCheckDialog *self,
            const char        *text,
            gboolean           warning)
{
  g_free (self->status);
  self->status = g_strdup (text);
  gtk_label_set_text (self->status_label, text);
  if (warning)
    gtk_widget_add_css_class (GTK_WIDGET (self->status_label), "warning");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->status_label), "warning");
}

/* What the check still needs, or when it was done */
static void
update_status (WpYearCheckDialog *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *checked = wp_store_get_plan_checked (get_store (self),
                                                        wp_plan_get_id (self->plan), &error);
  g_autoptr(GArray) missing = NULL;

  if (checked != NULL)
    {
      g_autofree char *when = wp_format_timestamp (checked);
      g_autofree char *text =
        /* Translators: %s is a date and time */
        g_strdup_printf (_("The year-end check of this plan was done on %s."), when);

      set_status (self, text, FALSE);
      return;
    }
  missing = wp_store_list_unexplained (get_store (self), wp_plan_get_id (self->plan), &error);
  if (missing == NULL)
    set_status (self, error->message, TRUE);
  else if (missing->len > 0)
    {
      g_autofree char *text =
        g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                      "%u unfinished item still needs a reason.",
                                      "%u unfinished items still need a reason.",
                                      missing->len), missing->len);
      set_status (self, text, TRUE);
    }
  else
    set_status (self, _("Every unfinished item has its reason: the check can be marked done."),
                FALSE);
}

/* Saves what a reason row shows if it differs from what is saved */
static gboolean
save_reason (WpYearCheckDialog  *self,
             AdwEntryRow        *row,
             GError            **error)
{
  gint64 item_id = *(gint64 *) g_object_get_data (G_OBJECT (row), "wp-item-id");
  g_autofree char *saved = wp_store_get_check_reason (get_store (self), item_id, error);
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));

  if (saved == NULL)
    return FALSE;
  if (g_strcmp0 (saved, text) != 0
      && !wp_edit_set_check_reason (wp_context_get_undo_stack (self->context), item_id, text,
                                    error))
    return FALSE;
  return TRUE;
}

static gboolean
save_all (WpYearCheckDialog  *self,
          GError            **error)
{
  GHashTableIter iter;
  gpointer row;

  g_hash_table_iter_init (&iter, self->reason_rows);
  while (g_hash_table_iter_next (&iter, NULL, &row))
    if (!save_reason (self, row, error))
      return FALSE;
  return TRUE;
}

static void
on_reason_saved_by (WpYearCheckDialog *self,
                    AdwEntryRow       *row)
{
  g_autoptr(GError) error = NULL;

  if (!save_reason (self, row, &error))
    adw_toast_overlay_add_toast (self->toasts, wp_toast_new (error->message));
  update_status (self);
}

static void
on_reason_apply (AdwEntryRow       *row,
                 WpYearCheckDialog *self)
{
  on_reason_saved_by (self, row);
}

static void
on_reason_leave (GtkEventControllerFocus *focus,
                 WpYearCheckDialog       *self)
{
  on_reason_saved_by (self, ADW_ENTRY_ROW (gtk_event_controller_get_widget (
                                GTK_EVENT_CONTROLLER (focus))));
}

/**
 * wp_year_check_dialog_mark_checked:
 *
 * Saves the reasons typed, then marks the plan checked, or says why not
 * (how many reasons are missing).
 *
 * Returns: whether the plan is now checked
 */
gboolean
wp_year_check_dialog_mark_checked (WpYearCheckDialog *self)
{
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (WP_IS_YEAR_CHECK_DIALOG (self), FALSE);

  if (!save_all (self, &error)
      || !wp_edit_mark_plan_checked (wp_context_get_undo_stack (self->context),
                                     wp_plan_get_id (self->plan), &error))
    {
      /* (the status says how many are missing; the toast says why nothing
       * happened) */
      update_status (self);
      if (self->refusal != NULL)
        adw_toast_dismiss (self->refusal);
      g_clear_object (&self->refusal);
      self->refusal = wp_toast_new (error->message);
      adw_toast_overlay_add_toast (self->toasts, g_object_ref (self->refusal));
      return FALSE;
    }
  /* (a refusal still shown would contradict the check now done) */
  if (self->refusal != NULL)
    adw_toast_dismiss (self->refusal);
  g_clear_object (&self->refusal);
  update_status (self);
  gtk_widget_set_visible (self->check_button, FALSE);
  return TRUE;
}

static char *
final_state (WpItem  *item,
             WpStore *store)
{
  WpItemStatus status = wp_item_get_effective_status (item);
  GString *text = g_string_new (wp_item_status_to_label (status));
  WpCloseout closeout = { 0 };

  if (status != WP_ITEM_STATUS_DONE)
    g_string_append_printf (text, " · %d%%", wp_item_get_effective_progress (item));
  if (wp_store_get_closeout (store, wp_item_get_id (item), &closeout, NULL))
    {
      if (closeout.state == WP_CLOSEOUT_PENDING_REVIEW)
        g_string_append_printf (text, " · %s", _("Awaiting close-out"));
      else if (closeout.state == WP_CLOSEOUT_CLOSED)
        g_string_append_printf (text, " · %s", _("Closed out"));
      wp_closeout_clear (&closeout);
    }
  if (wp_item_get_carried_forward (item))
    g_string_append_printf (text, " · %s", _("Goes on next year"));
  return g_string_free (text, FALSE);
}

static void add_items (WpYearCheckDialog   *self,
                       AdwPreferencesGroup *group,
                       gint64               parent_id,
                       guint                depth);

/* An item's row with its final state, then its reason when it needs one,
 * then its sub-items */
static void
add_item (WpYearCheckDialog   *self,
          AdwPreferencesGroup *group,
          WpItem              *item,
          guint                depth)
{
  g_autofree char *state = final_state (item, get_store (self));
  GtkWidget *row = adw_action_row_new ();
  gboolean leaf = wp_item_get_n_children (item) == 0;

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), wp_item_get_title (item));
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 2);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), state);
  gtk_widget_set_margin_start (gtk_widget_get_first_child (row), 12 * (int) depth);
  if (wp_item_get_carried_forward (item))
    adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                               gtk_image_new_from_icon_name ("go-next-symbolic"));
  adw_preferences_group_add (group, row);

  if (leaf && wp_item_get_status (item) != WP_ITEM_STATUS_DONE
      && !wp_item_get_carried_forward (item))
    {
      GtkWidget *reason = adw_entry_row_new ();
      GtkEventController *focus = gtk_event_controller_focus_new ();
      g_autofree char *saved = wp_store_get_check_reason (get_store (self),
                                                          wp_item_get_id (item), NULL);
      gint64 *id = g_new (gint64, 1);

      *id = wp_item_get_id (item);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (reason), _("Why it was not finished"));
      adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (reason), TRUE);
      gtk_editable_set_text (GTK_EDITABLE (reason), saved != NULL ? saved : "");
      gtk_widget_set_margin_start (gtk_widget_get_first_child (reason), 12 * (int) depth);
      g_object_set_data_full (G_OBJECT (reason), "wp-item-id", id, g_free);
      g_signal_connect (reason, "apply", G_CALLBACK (on_reason_apply), self);
      g_signal_connect (focus, "leave", G_CALLBACK (on_reason_leave), self);
      gtk_widget_add_controller (reason, focus);
      adw_preferences_group_add (group, reason);
      g_hash_table_insert (self->reason_rows, g_memdup2 (id, sizeof *id), reason);
    }
  if (!leaf)
    add_items (self, group, wp_item_get_id (item), depth + 1);
}

static void
add_items (WpYearCheckDialog   *self,
           AdwPreferencesGroup *group,
           gint64               parent_id,
           guint                depth)
{
  g_autoptr(GPtrArray) items = wp_store_list_children (get_store (self),
                                                       wp_plan_get_id (self->plan), parent_id,
                                                       NULL);

  for (guint i = 0; items != NULL && i < items->len; i++)
    add_item (self, group, g_ptr_array_index (items, i), depth);
}

static GtkWidget *
items_page (WpYearCheckDialog *self)
{
  g_autoptr(GPtrArray) areas = wp_store_list_children (get_store (self),
                                                       wp_plan_get_id (self->plan), 0, NULL);
  GtkWidget *page = adw_preferences_page_new ();

  for (guint i = 0; areas != NULL && i < areas->len; i++)
    {
      WpItem *area = g_ptr_array_index (areas, i);
      g_autofree char *state = final_state (area, get_store (self));
      GtkWidget *group = adw_preferences_group_new ();

      adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), wp_item_get_title (area));
      adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), state);
      if (wp_item_get_n_children (area) > 0)
        add_items (self, ADW_PREFERENCES_GROUP (group), wp_item_get_id (area), 0);
      else
        add_item (self, ADW_PREFERENCES_GROUP (group), area, 0);  /* (checked as an item) */
      adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (group));
    }
  return page;
}

static gboolean
wp_year_check_dialog_close_request (GtkWindow *window)
{
  WpYearCheckDialog *self = WP_YEAR_CHECK_DIALOG (window);
  g_autoptr(GError) error = NULL;

  /* (what is typed is kept, as everywhere; a reason that cannot be saved
   * is said in the window's toast) */
  if (self->context != NULL && !save_all (self, &error))
    {
      GtkWindow *parent = gtk_window_get_transient_for (window);

      if (WP_IS_WINDOW (parent))
        _wp_window_toast (WP_WINDOW (parent), error->message);
    }
  return GTK_WINDOW_CLASS (wp_year_check_dialog_parent_class)->close_request (window);
}

static void
wp_year_check_dialog_dispose (GObject *object)
{
  WpYearCheckDialog *self = WP_YEAR_CHECK_DIALOG (object);

  g_clear_object (&self->context);
  g_clear_object (&self->plan);
  g_clear_pointer (&self->reason_rows, g_hash_table_unref);
  g_clear_pointer (&self->status, g_free);
  g_clear_object (&self->refusal);
  G_OBJECT_CLASS (wp_year_check_dialog_parent_class)->dispose (object);
}

static void
wp_year_check_dialog_class_init (WpYearCheckDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = wp_year_check_dialog_dispose;
  GTK_WINDOW_CLASS (klass)->close_request = wp_year_check_dialog_close_request;
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
wp_year_check_dialog_init (WpYearCheckDialog *self)
{
  self->reason_rows = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
}

static void
on_check_clicked (WpYearCheckDialog *self)
{
  wp_year_check_dialog_mark_checked (self);
}

/**
 * wp_year_check_dialog_new:
 *
 * Returns: (transfer none): the year-end check of @window's plan, not
 *   yet shown
 */
WpYearCheckDialog *
wp_year_check_dialog_new (WpWindow *window)
{
  WpYearCheckDialog *self = g_object_new (WP_TYPE_YEAR_CHECK_DIALOG, "modal", TRUE,
                                          "transient-for", window, "default-width", 640,
                                          "default-height", 720, NULL);
  GtkWidget *box, *header, *title, *close, *bar;
  g_autofree char *subtitle = NULL;
  g_autofree char *checked = NULL;

  self->context = g_object_ref (_wp_window_get_context (window));
  self->plan = g_object_ref (_wp_window_get_selected_plan (window));
  gtk_window_set_title (GTK_WINDOW (self), _("Year-end Check"));

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  header = adw_header_bar_new ();
  adw_header_bar_set_show_end_title_buttons (ADW_HEADER_BAR (header), FALSE);
  subtitle = g_strdup (wp_plan_get_title (self->plan));
  title = adw_window_title_new (_("Year-end Check"), subtitle);
  adw_header_bar_set_title_widget (ADW_HEADER_BAR (header), title);
  close = gtk_button_new_with_mnemonic (_("_Close"));
  g_signal_connect_swapped (close, "clicked", G_CALLBACK (gtk_window_close), self);
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), close);
  self->check_button = gtk_button_new_with_mnemonic (_("_Mark as Checked"));
  gtk_widget_add_css_class (self->check_button, "suggested-action");
  g_signal_connect_swapped (self->check_button, "clicked", G_CALLBACK (on_check_clicked), self);
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), self->check_button);
  gtk_box_append (GTK_BOX (box), header);

  bar = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_widget_set_margin_top (bar, 12);
  gtk_widget_set_margin_start (bar, 18);
  gtk_widget_set_margin_end (bar, 18);
  {
    GtkWidget *intro = gtk_label_new (
      _("Every item of the plan with its final state. Give the reason each unfinished item "
        "was not finished; an item carried over goes on next year."));

    gtk_label_set_wrap (GTK_LABEL (intro), TRUE);
    gtk_label_set_xalign (GTK_LABEL (intro), 0);
    gtk_widget_add_css_class (intro, "dim-label");
    gtk_box_append (GTK_BOX (bar), intro);
  }
  self->status_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->status_label, TRUE);
  gtk_label_set_xalign (self->status_label, 0);
  gtk_widget_add_css_class (GTK_WIDGET (self->status_label), "heading");
  gtk_box_append (GTK_BOX (bar), GTK_WIDGET (self->status_label));
  gtk_box_append (GTK_BOX (box), bar);

  self->toasts = ADW_TOAST_OVERLAY (adw_toast_overlay_new ());
  adw_toast_overlay_set_child (self->toasts, items_page (self));
  gtk_widget_set_vexpand (GTK_WIDGET (self->toasts), TRUE);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->toasts));
  adw_window_set_content (ADW_WINDOW (self), box);

  checked = wp_store_get_plan_checked (get_store (self), wp_plan_get_id (self->plan), NULL);
  gtk_widget_set_visible (self->check_button, checked == NULL);
  update_status (self);
  return self;
}

/* The reason row of an unfinished item, or NULL */
AdwEntryRow *
wp_year_check_dialog_get_reason_row (WpYearCheckDialog *self,
                                     gint64             item_id)
{
  g_return_val_if_fail (WP_IS_YEAR_CHECK_DIALOG (self), NULL);
  return g_hash_table_lookup (self->reason_rows, &item_id);
}

/* What the dialog says of the check: what is missing, or when it was done */
const char *
wp_year_check_dialog_get_status (WpYearCheckDialog *self)
{
  g_return_val_if_fail (WP_IS_YEAR_CHECK_DIALOG (self), NULL);
  return self->status;
}
