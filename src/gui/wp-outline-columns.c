/* wp-outline-columns.c: the outline's columns and how their cells show an item
 *
 * Cells follow their item's notify signals, so edits made anywhere (the
 * editor, undo, another view) show at once. The title cell holds a label and
 * an entry for editing in place; the view decides when to edit.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "wp-light-cell.h"
#include "wp-progress-cell.h"
#include "wp-text-cell.h"
#include "wp-outline-row.h"
#include "wp-outline-view-private.h"

/* Characters of a title shown in its row, at most */
#define MAX_TITLE_SHOWN 300

typedef void (*CellUpdateFunc) (WpOutlineView *self,
                                GtkWidget     *cell,
                                WpItem        *item);

/* (transfer full) */
static WpItem *
list_item_get_item (GtkListItem *list_item)
{
  GtkTreeListRow *row = gtk_list_item_get_item (list_item);

  if (row == NULL)
    return NULL;
  return gtk_tree_list_row_get_item (row);
}

static char *
join_names (const char * const *names)
{
  /* Translators: separates agency names in a list, e.g. 市公安局、市司法局 */
  return g_strjoinv (_(", "), (char **) names);
}

/* Cells */

GtkWidget *
wp_outline_title_get_label (GtkWidget *title_cell)
{
  return gtk_stack_get_child_by_name (GTK_STACK (title_cell), "label");
}

/* The entry to rename with, made on the first rename: two hundred rows of
 * entries that are almost never used made every row slower to make. */
GtkWidget *
wp_outline_title_get_entry (GtkWidget *title_cell)
{
  GtkWidget *entry = gtk_stack_get_child_by_name (GTK_STACK (title_cell), "entry");

  if (entry == NULL)
    {
      entry = gtk_entry_new ();
      gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _("Title"), -1);
      gtk_stack_add_named (GTK_STACK (title_cell), entry, "entry");
      g_object_set_data (G_OBJECT (entry), "wp-new-entry", GINT_TO_POINTER (TRUE));
    }
  return entry;
}

/* The length in bytes of @query's characters at @p, letters in any case as
 * the search index folds them (see wp-char-tokenizer.c), or 0. */
static gsize
match_at (const char *p,
          const char *query)
{
  const char *t = p;

  for (const char *q = query; *q != '\0'; q = g_utf8_next_char (q), t = g_utf8_next_char (t))
    if (*t == '\0'
        || g_unichar_tolower (g_utf8_get_char (t)) != g_unichar_tolower (g_utf8_get_char (q)))
      return 0;
  return t - p;
}

/* @text with each occurrence of @query marked, as Pango markup. */
static char *
highlight (const char *text,
           const char *query)
{
  GString *out = g_string_new (NULL);
  g_autofree char *words = g_strstrip (g_strdup (query != NULL ? query : ""));
  const char *done = text;  /* up to where @text is in @out */

  if (words[0] != '\0' && g_utf8_validate (text, -1, NULL) && g_utf8_validate (words, -1, NULL))
    for (const char *p = text; *p != '\0';)
      {
        gsize len = match_at (p, words);
        g_autofree char *before = NULL;
        g_autofree char *match = NULL;

        if (len == 0)
          {
            p = g_utf8_next_char (p);
            continue;
          }
        before = g_markup_escape_text (done, p - done);
        match = g_markup_escape_text (p, (gssize) len);
        g_string_append (out, before);
        g_string_append_printf (out,
                                "<span background=\"#f8e45c\" foreground=\"#000000\">%s</span>",
                                match);
        p = done = p + len;
      }
  {
    g_autofree char *rest = g_markup_escape_text (done, -1);
    g_string_append (out, rest);
  }
  return g_string_free (out, FALSE);
}

/* The title with the search's words highlighted, its kind's style, and
 * "from last year" when it was carried over */
void
wp_outline_title_draw (WpOutlineView *self,
                       GtkWidget     *title_cell,
                       WpItem        *item)
{
  GtkWidget *label = wp_outline_title_get_label (title_cell);
  WpItemKind kind = wp_item_get_kind (item);
  const char *title = wp_item_get_title (item);
  g_autofree char *shortened = NULL;

  /* A row shows a few lines of a title (see wp-text-cell.c); the rest of a
   * title of a megabyte only made every redraw slow. */
  if (g_utf8_strlen (title, MAX_TITLE_SHOWN * 4 + 1) > MAX_TITLE_SHOWN)
    {
      g_autofree char *start = g_utf8_substring (title, 0, MAX_TITLE_SHOWN);

      title = shortened = g_strconcat (start, "…", NULL);
    }

  {
    g_autofree char *markup = NULL;

    if (_wp_outline_view_is_match (self, wp_item_get_id (item)) && title[0])
      markup = highlight (title, _wp_outline_view_get_search (self));
    else
      markup = g_markup_escape_text (title[0] ? title : _("(untitled)"), -1);

    /* Work carried over from last year says so, in words. */
    if (wp_item_get_carried_over (item))
      {
        g_autofree char *tag = g_markup_printf_escaped (
          " <span size=\"small\" alpha=\"60%%\">%s</span>", _("· from last year"));
        char *joined = g_strconcat (markup, tag, NULL);

        g_free (markup);
        markup = joined;
      }
    wp_text_cell_set_markup (WP_TEXT_CELL (label), markup);
  }
  if (title[0])
    gtk_widget_remove_css_class (label, "dim-label");
  else
    gtk_widget_add_css_class (label, "dim-label");
  gtk_widget_remove_css_class (label, "wp-kind-area");
  gtk_widget_remove_css_class (label, "wp-kind-task");
  gtk_widget_remove_css_class (label, "wp-kind-action");
  gtk_widget_add_css_class (label, kind == WP_ITEM_KIND_AREA ? "wp-kind-area"
                                 : kind == WP_ITEM_KIND_TASK ? "wp-kind-task"
                                 : "wp-kind-action");
  /* Said to screen readers; a tooltip would cost every new row a round
   * trip to the display server for the pointer's position. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (label), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  wp_item_kind_to_label (kind), -1);
}

static void
update_title (WpOutlineView *self,
              GtkWidget     *cell,
              WpItem        *item)
{
  wp_outline_title_draw (self, cell, item);
}

static void
update_lead (WpOutlineView *self,
             GtkWidget     *cell,
             WpItem        *item)
{
  g_autofree char *text = join_names (wp_item_get_lead_agencies (item));
  wp_text_cell_set_text (WP_TEXT_CELL (cell), text);
}

static void
update_co (WpOutlineView *self,
           GtkWidget     *cell,
           WpItem        *item)
{
  g_autofree char *text = join_names (wp_item_get_co_agencies (item));
  wp_text_cell_set_text (WP_TEXT_CELL (cell), text);
}

static void
update_due (WpOutlineView *self,
            GtkWidget     *cell,
            WpItem        *item)
{
  const char *due_label = wp_item_get_due_label (item);
  const GDate *due = wp_item_get_due (item);
  g_autofree char *date_text = wp_date_format_display (due);
  g_autofree char *markup = NULL;

  if (wp_item_get_ongoing (item) && due_label[0] == '\0')
    due_label = _("Ongoing");

  /* The words as written, and under them, smaller, the date they stand
   * for: one cell, so that a row makes fewer widgets. */
  if (due_label[0] != '\0' && due != NULL && g_strcmp0 (due_label, date_text) != 0)
    markup = g_markup_printf_escaped ("%s\n<span size=\"small\" alpha=\"60%%\">%s</span>",
                                      due_label, date_text);
  else
    markup = g_markup_escape_text (due_label[0] != '\0' ? due_label : date_text, -1);
  wp_text_cell_set_markup (WP_TEXT_CELL (cell), markup);
}

static void
update_status (WpOutlineView *self,
               GtkWidget     *cell,
               WpItem        *item)
{
  wp_text_cell_set_text (WP_TEXT_CELL (cell), wp_item_get_status_label (item));
}

static void
update_progress (WpOutlineView *self,
                 GtkWidget     *cell,
                 WpItem        *item)
{
  wp_progress_cell_set_percent (WP_PROGRESS_CELL (cell),
                                wp_item_get_effective_progress (item));
}

static void
update_light (WpOutlineView *self,
              GtkWidget     *cell,
              WpItem        *item)
{
  g_assert (self != NULL);
  wp_light_cell_set_item (WP_LIGHT_CELL (cell), item);
}

/* The quarter the reference date is in, for a plan of @year: its first
 * quarter before the year, its last after it */
static int
current_quarter (int          year,
                 const GDate *today)
{
  if (g_date_get_year (today) < year)
    return 1;
  if (g_date_get_year (today) > year)
    return 4;
  return (g_date_get_month (today) - 1) / 3 + 1;
}

/* This quarter's milestone: the state and progress expected by its end,
 * and, in words, when the item is behind what the last quarter ended
 * expects (not by colour alone). */
static void
update_milestone (WpOutlineView *self,
                  GtkWidget     *cell,
                  WpItem        *item)
{
  WpContext *context = _wp_outline_view_get_context (self);
  WpStore *store = context != NULL ? wp_context_get_store (context) : NULL;
  g_autoptr(GPtrArray) milestones = NULL;
  g_autoptr(GString) markup = g_string_new (NULL);
  const char *text = "";
  int progress = -1;
  int quarter, expected;

  /* (a hidden column costs nothing: it is drawn when it is shown) */
  if (store == NULL || !wp_outline_column_get_shown (WP_OUTLINE_COLUMN_MILESTONE))
    return;

  quarter = current_quarter (wp_item_get_plan_year (item), wp_context_get_today (context));
  milestones = wp_store_list_milestones (store, wp_item_get_id (item), NULL);
  for (guint i = 0; milestones != NULL && i < milestones->len; i++)
    {
      WpMilestone *m = g_ptr_array_index (milestones, i);

      if (m->quarter == quarter)
        {
          text = m->text;
          progress = m->progress;
        }
    }

  if (text[0] != '\0' && progress >= 0)
    /* Translators: a milestone in the outline: the progress expected, then the
     * state (first, the figure, which a narrow column must not cut off) */
    g_string_append_printf (markup, _("%d%% · %s"), progress, text);
  else if (text[0] != '\0')
    g_string_append (markup, text);
  else if (progress >= 0)
    g_string_append_printf (markup, _("%d%%"), progress);
  {
    g_autofree char *escaped = g_markup_escape_text (markup->str, -1);

    g_string_assign (markup, escaped);
  }

  expected = wp_store_get_expected_progress (store, wp_item_get_plan_id (item),
                                             wp_item_get_plan_year (item),
                                             wp_item_get_id (item));
  if (wp_light_pace (wp_item_get_effective_status (item), wp_item_get_effective_progress (item),
                     expected) == WP_PACE_BEHIND)
    {
      /* Translators: in the outline, under an item's milestone: it is behind
       * (欠进度) what the last quarter ended expects, e.g. "Behind (60% expected)" */
      g_autofree char *behind = g_strdup_printf (_("%s (%d%% expected)"),
                                                 wp_pace_to_label (WP_PACE_BEHIND), expected);
      g_autofree char *line = g_markup_printf_escaped (
        "<span size=\"small\" weight=\"bold\" foreground=\"#e01b24\">%s</span>", behind);

      if (markup->len > 0)
        g_string_append_c (markup, '\n');
      g_string_append (markup, line);
    }
  wp_text_cell_set_markup (WP_TEXT_CELL (cell), markup->str);
}

/* Factories */

/* The title: a text, and an entry in its place while renaming. */
static GtkWidget *
new_title_cell (void)
{
  GtkWidget *stack = gtk_stack_new ();
  GtkWidget *label = wp_text_cell_new ();

  /* Titles wrap, but never down to a column of single characters. */
  wp_text_cell_set_wrap (WP_TEXT_CELL (label), TRUE);
  gtk_stack_add_named (GTK_STACK (stack), label, "label");
  gtk_stack_set_hhomogeneous (GTK_STACK (stack), FALSE);
  gtk_stack_set_vhomogeneous (GTK_STACK (stack), FALSE);
  gtk_stack_set_interpolate_size (GTK_STACK (stack), FALSE);
  gtk_stack_set_visible_child_name (GTK_STACK (stack), "label");
  return stack;
}

static GtkWidget *
centered (GtkWidget *cell)
{
  gtk_widget_set_valign (cell, GTK_ALIGN_CENTER);
  return cell;
}

/* What a row last drew: the item's revision (unique across items) and the
 * search it highlighted. */
static void
mark_drawn (WpOutlineView *self,
            GtkWidget     *row,
            WpItem        *item)
{
  g_object_set_data (G_OBJECT (row), "wp-drawn-revision",
                     GUINT_TO_POINTER (wp_item_get_revision (item)));
  g_object_set_data (G_OBJECT (row), "wp-drawn-search",
                     GUINT_TO_POINTER (_wp_outline_view_get_search_serial (self) + 1));
}

static gboolean
is_drawn (WpOutlineView *self,
          GtkWidget     *row,
          WpItem        *item)
{
  return GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row), "wp-drawn-revision"))
           == wp_item_get_revision (item)
         && GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row), "wp-drawn-search"))
           == _wp_outline_view_get_search_serial (self) + 1;
}

static void
draw_row (WpOutlineView *self,
          GtkWidget     *row,
          WpItem        *item)
{
  static const CellUpdateFunc updates[WP_OUTLINE_N_COLUMNS] = {
    update_title, update_lead, update_co, update_due, update_status, update_progress,
    update_light, update_milestone,
  };

  /* A move notifies every sibling's new position, which no cell shows, and
   * GTK binds rows again when rows above them come or go: the revision
   * tells whether anything drawn changed. */
  if (is_drawn (self, row, item))
    return;
  for (guint i = 0; i < WP_OUTLINE_N_COLUMNS; i++)
    updates[i] (self, wp_outline_row_get_cell (WP_OUTLINE_ROW (row), i), item);
  mark_drawn (self, row, item);
}

static void
on_item_notify (GtkListItem *list_item,
                GParamSpec  *pspec,
                WpItem      *item)
{
  WpOutlineView *self = g_object_get_data (G_OBJECT (list_item), "wp-outline");

  draw_row (self, gtk_list_item_get_child (list_item), item);
}

static void
setup_row (GtkSignalListItemFactory *factory,
           GtkListItem              *list_item,
           WpOutlineView            *self)
{
  WpOutlineRow *row = WP_OUTLINE_ROW (wp_outline_row_new ());
  GtkWidget *expander = gtk_tree_expander_new ();

  /* Beside the title, not around it (see wp-outline-row.c); the arrow
   * stays by the first line of a title that wraps. */
  gtk_widget_set_valign (expander, GTK_ALIGN_START);
  wp_outline_row_set_expander (row, expander);
  wp_outline_row_set_cell (row, WP_OUTLINE_COLUMN_TITLE, new_title_cell ());
  wp_outline_row_set_cell (row, WP_OUTLINE_COLUMN_LEAD, wp_text_cell_new ());
  wp_outline_row_set_cell (row, WP_OUTLINE_COLUMN_CO, wp_text_cell_new ());
  wp_outline_row_set_cell (row, WP_OUTLINE_COLUMN_DUE, wp_text_cell_new ());
  wp_outline_row_set_cell (row, WP_OUTLINE_COLUMN_STATUS, wp_text_cell_new ());
  wp_outline_row_set_cell (row, WP_OUTLINE_COLUMN_PROGRESS, centered (wp_progress_cell_new ()));
  wp_outline_row_set_cell (row, WP_OUTLINE_COLUMN_LIGHT, centered (wp_light_cell_new ()));
  wp_outline_row_set_cell (row, WP_OUTLINE_COLUMN_MILESTONE, wp_text_cell_new ());
  gtk_list_item_set_child (list_item, GTK_WIDGET (row));
  g_object_set_data (G_OBJECT (list_item), "wp-outline", self);
  wp_outline_dnd_setup_row (self, list_item, GTK_WIDGET (row),
                            wp_outline_row_get_cell (row, WP_OUTLINE_COLUMN_TITLE));
}

static void
bind_row (GtkSignalListItemFactory *factory,
          GtkListItem              *list_item,
          WpOutlineView            *self)
{
  g_autoptr(WpItem) item = list_item_get_item (list_item);
  GtkWidget *row = gtk_list_item_get_child (list_item);
  GtkWidget *expander = wp_outline_row_get_expander (WP_OUTLINE_ROW (row));

  if (item == NULL)
    {
      gtk_tree_expander_set_list_row (GTK_TREE_EXPANDER (expander), NULL);
      return;
    }

  /* GTK 4.8 unbinds and binds a row again whenever its position changes
   * (a row above it came or went): the expander keeps its row through
   * the unbind, so that binding it to the same row again does not make
   * its arrow and indentation anew. */
  if (gtk_tree_expander_get_list_row (GTK_TREE_EXPANDER (expander))
      != gtk_list_item_get_item (list_item))
    gtk_tree_expander_set_list_row (GTK_TREE_EXPANDER (expander),
                                    gtk_list_item_get_item (list_item));
  _wp_outline_view_title_bound (self, item,
                                wp_outline_row_get_cell (WP_OUTLINE_ROW (row),
                                                         WP_OUTLINE_COLUMN_TITLE));
  g_object_set_data_full (G_OBJECT (list_item), "wp-item", g_object_ref (item), g_object_unref);
  /* (for _wp_outline_redraw_milestones(); the list item holds the item) */
  g_object_set_data (G_OBJECT (row), "wp-row-item", item);
  g_signal_connect_object (item, "notify", G_CALLBACK (on_item_notify), list_item,
                           G_CONNECT_SWAPPED);
  draw_row (self, row, item);
  _wp_outline_view_row_shown (self, list_item, item);
}

static void
unbind_row (GtkSignalListItemFactory *factory,
            GtkListItem              *list_item,
            WpOutlineView            *self)
{
  WpItem *item = g_object_get_data (G_OBJECT (list_item), "wp-item");
  GtkWidget *row = gtk_list_item_get_child (list_item);

  /* (the expander keeps its row: see bind_row()) */
  if (item != NULL)
    {
      g_signal_handlers_disconnect_by_func (item, on_item_notify, list_item);
      _wp_outline_view_title_unbound (self, item,
                                      wp_outline_row_get_cell (WP_OUTLINE_ROW (row),
                                                               WP_OUTLINE_COLUMN_TITLE));
    }
  g_object_set_data (G_OBJECT (row), "wp-row-item", NULL);
  g_object_set_data (G_OBJECT (list_item), "wp-item", NULL);
}

static void
redraw_milestones (WpOutlineView *self,
                   GtkWidget     *widget)
{
  WpItem *item = g_object_get_data (G_OBJECT (widget), "wp-row-item");

  if (WP_IS_OUTLINE_ROW (widget))
    {
      if (item != NULL)
        update_milestone (self, wp_outline_row_get_cell (WP_OUTLINE_ROW (widget),
                                                         WP_OUTLINE_COLUMN_MILESTONE), item);
      return;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    redraw_milestones (self, child);
}

/* Draws the milestone column of every row again: a milestone, or a plan's
 * rules, changes nothing of the item that its notify signals would tell. */
void
_wp_outline_redraw_milestones (WpOutlineView *self)
{
  if (wp_outline_column_get_shown (WP_OUTLINE_COLUMN_MILESTONE))
    redraw_milestones (self, GTK_WIDGET (self->grid_view));
}

/* The factory of the outline's rows. */
GtkListItemFactory *
wp_outline_columns_new_factory (WpOutlineView *self)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  g_signal_connect (factory, "setup", G_CALLBACK (setup_row), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_row), self);
  return factory;
}
