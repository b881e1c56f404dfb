/* wp-agency-completion.c: suggests agency names while they are typed
 *
 * An entry row holds a list of agencies separated by 、 or commas. As the
 * last name is typed, a popover lists the agencies of the directory that
 * contain what was typed (公安 finds 市公安局 and 厦门海警局 does not), so
 * the same agency is not written two ways. Down moves into the list, Enter
 * or a click takes a name, Escape goes back to typing.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "wp-agency-completion.h"

#define MAX_SUGGESTIONS 8

typedef struct {
  AdwEntryRow *row;
  WpStore     *store;     /* weak: the row's pane holds the context */
  GtkWidget   *popover;
  GtkListBox  *list;
  GPtrArray   *agencies;  /* WpAgency, loaded on first use */
  gboolean     completing;
} Completion;

static void
completion_free (Completion *c)
{
  g_clear_pointer (&c->agencies, g_ptr_array_unref);
  if (c->store != NULL)
    g_object_remove_weak_pointer (G_OBJECT (c->store), (gpointer *) &c->store);
  g_free (c);
}

/* Byte offset where the name being typed starts. */
static gsize
last_segment_start (const char *text)
{
  const char *seps[] = { "、", "，", ",", ";", "；" };
  gsize start = 0;

  for (guint i = 0; i < G_N_ELEMENTS (seps); i++)
    {
      const char *p = g_strrstr (text, seps[i]);

      if (p != NULL && (gsize) (p - text) + strlen (seps[i]) > start)
        start = (p - text) + strlen (seps[i]);
    }
  return start;
}

static void
on_agencies_changed (AdwEntryRow *row)
{
  Completion *c = g_object_get_data (G_OBJECT (row), "wp-agency-completion");

  if (c != NULL)
    g_clear_pointer (&c->agencies, g_ptr_array_unref);
}

/* Text set by the program (showing another item) must not pop up names. */
static gboolean
is_typing_in (AdwEntryRow *row)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (row));
  GtkWidget *focus = root ? gtk_root_get_focus (root) : NULL;

  return focus != NULL && gtk_widget_is_ancestor (focus, GTK_WIDGET (row));
}

static void
take (Completion *c,
      const char *name)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (c->row));
  g_autofree char *head = g_strndup (text, last_segment_start (text));
  g_autofree char *joined = g_strconcat (head, name, NULL);

  c->completing = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (c->row), joined);
  c->completing = FALSE;
  gtk_popover_popdown (GTK_POPOVER (c->popover));
  gtk_widget_grab_focus (GTK_WIDGET (c->row));
  gtk_editable_set_position (GTK_EDITABLE (c->row), -1);
}

static void
on_row_activated (GtkListBox    *list,
                  GtkListBoxRow *row,
                  Completion    *c)
{
  take (c, g_object_get_data (G_OBJECT (row), "wp-name"));
}

static void
on_text_changed (Completion *c)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (c->row));
  g_autofree char *typed = g_strstrip (g_strdup (text + last_segment_start (text)));
  g_autofree char *typed_lower = g_utf8_strdown (typed, -1);
  GtkWidget *child;
  guint n = 0;

  if (c->completing || c->store == NULL)
    return;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (c->list))) != NULL)
    gtk_list_box_remove (c->list, child);

  if (typed[0] == '\0' || !is_typing_in (c->row))
    {
      gtk_popover_popdown (GTK_POPOVER (c->popover));
      return;
    }

  if (c->agencies == NULL)
    c->agencies = wp_store_list_agencies (c->store, NULL);

  for (guint i = 0; c->agencies != NULL && i < c->agencies->len && n < MAX_SUGGESTIONS; i++)
    {
      const char *name = wp_agency_get_name (g_ptr_array_index (c->agencies, i));
      g_autofree char *name_lower = g_utf8_strdown (name, -1);
      GtkWidget *label, *row;

      if (strstr (name_lower, typed_lower) == NULL || g_str_equal (name, typed))
        continue;

      label = gtk_label_new (name);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_widget_set_margin_start (label, 6);
      gtk_widget_set_margin_end (label, 6);
      gtk_widget_set_margin_top (label, 6);
      gtk_widget_set_margin_bottom (label, 6);
      row = gtk_list_box_row_new ();
      gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), label);
      g_object_set_data_full (G_OBJECT (row), "wp-name", g_strdup (name), g_free);
      gtk_list_box_append (c->list, row);
      n++;
    }

  if (n > 0)
    gtk_popover_popup (GTK_POPOVER (c->popover));
  else
    gtk_popover_popdown (GTK_POPOVER (c->popover));
}

static gboolean
on_row_key (GtkEventControllerKey *controller,
            guint                  keyval,
            guint                  keycode,
            GdkModifierType        state,
            Completion            *c)
{
  GtkListBoxRow *first;

  /* (Escape closes the names first, before it leaves the field) */
  if (keyval == GDK_KEY_Escape && gtk_widget_get_visible (c->popover))
    {
      gtk_popover_popdown (GTK_POPOVER (c->popover));
      return GDK_EVENT_STOP;
    }
  if (keyval != GDK_KEY_Down || !gtk_widget_get_visible (c->popover))
    return GDK_EVENT_PROPAGATE;
  first = gtk_list_box_get_row_at_index (c->list, 0);
  if (first == NULL)
    return GDK_EVENT_PROPAGATE;
  gtk_widget_grab_focus (GTK_WIDGET (first));
  return GDK_EVENT_STOP;
}

static gboolean
on_list_key (GtkEventControllerKey *controller,
             guint                  keyval,
             guint                  keycode,
             GdkModifierType        state,
             Completion            *c)
{
  if (keyval != GDK_KEY_Escape)
    return GDK_EVENT_PROPAGATE;
  gtk_popover_popdown (GTK_POPOVER (c->popover));
  gtk_widget_grab_focus (GTK_WIDGET (c->row));
  gtk_editable_set_position (GTK_EDITABLE (c->row), -1);
  return GDK_EVENT_STOP;
}

void
wp_agency_completion_attach (AdwEntryRow *row,
                             WpStore     *store)
{
  Completion *c = g_new0 (Completion, 1);
  GtkWidget *scroller = gtk_scrolled_window_new ();
  GtkEventController *key;

  c->row = row;
  c->store = store;
  g_object_add_weak_pointer (G_OBJECT (store), (gpointer *) &c->store);
  g_signal_connect_object (store, "agencies-changed", G_CALLBACK (on_agencies_changed), row,
                           G_CONNECT_SWAPPED);

  c->list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_activate_on_single_click (c->list, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (c->list), "navigation-sidebar");
  g_signal_connect (c->list, "row-activated", G_CALLBACK (on_row_activated), c);
  key = gtk_event_controller_key_new ();
  g_signal_connect (key, "key-pressed", G_CALLBACK (on_list_key), c);
  gtk_widget_add_controller (GTK_WIDGET (c->list), key);

  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scroller), TRUE);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scroller), 280);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), GTK_WIDGET (c->list));

  c->popover = gtk_popover_new ();
  gtk_popover_set_child (GTK_POPOVER (c->popover), scroller);
  gtk_popover_set_autohide (GTK_POPOVER (c->popover), FALSE);
  gtk_popover_set_has_arrow (GTK_POPOVER (c->popover), FALSE);
  gtk_popover_set_position (GTK_POPOVER (c->popover), GTK_POS_BOTTOM);
  gtk_widget_set_halign (c->popover, GTK_ALIGN_START);
  gtk_widget_set_parent (c->popover, GTK_WIDGET (row));

  g_signal_connect_swapped (row, "changed", G_CALLBACK (on_text_changed), c);
  key = gtk_event_controller_key_new ();
  g_signal_connect (key, "key-pressed", G_CALLBACK (on_row_key), c);
  gtk_widget_add_controller (GTK_WIDGET (row), key);

  /* The popover is a child of the row: unparent it with the row. */
  g_object_set_data_full (G_OBJECT (row), "wp-agency-completion", c,
                          (GDestroyNotify) completion_free);
  g_signal_connect_swapped (row, "destroy", G_CALLBACK (gtk_widget_unparent), c->popover);
}
