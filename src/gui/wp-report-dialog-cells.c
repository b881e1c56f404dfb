/* wp-report-dialog-cells.c: the cells of the draft outline in the report review
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "wp-report-dialog-private.h"

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
setup_check_cell (GtkSignalListItemFactory *factory,
                  GtkListItem              *list_item,
                  gpointer                  user_data)
{
  GtkWidget *check = gtk_check_button_new ();

  gtk_widget_set_name (check, "include-item");
  gtk_accessible_update_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Import this item"), -1);
  gtk_list_item_set_child (list_item, check);
}

static void
bind_check_cell (GtkSignalListItemFactory *factory,
                 GtkListItem              *list_item,
                 gpointer                  user_data)
{
  GtkWidget *check = gtk_list_item_get_child (list_item);
  GObject *row = gtk_list_item_get_item (list_item);

  remember_binding (check, g_object_bind_property (row, "included", check, "active",
                                                   G_BINDING_SYNC_CREATE
                                                   | G_BINDING_BIDIRECTIONAL));
}

/* The first column: a box per row, checked for the rows Import writes */
void
_wp_report_dialog_add_check_column (WpReportDialog *self)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkColumnViewColumn *column;

  g_signal_connect (factory, "setup", G_CALLBACK (setup_check_cell), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_check_cell), NULL);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_cell), NULL);
  column = gtk_column_view_column_new (NULL, factory);
  gtk_column_view_append_column (self->outline, column);
  g_object_unref (column);
}

void
_wp_report_dialog_add_column (WpReportDialog *self,
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
