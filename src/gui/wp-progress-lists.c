/* wp-progress-lists.c: the progress view's lists of items
 *
 * Overdue, at risk, behind their milestones, waiting for close-out: each a
 * group of rows that show their item in the outline when activated, the
 * first ten of a long list until asked for the rest.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "wp-tooltip.h"
#include "wp-progress-view-private.h"
#include "wp-row-text.h"

/* The work named under a listed item: a key task of a big plan can have
 * dozens of late actions, and every line is text to lay out */
#define MAX_BELOW_SHOWN 3
/* The rows a list shows until asked for the rest: thirty late key tasks
 * of five lines each were a third of the time the view took to open on a
 * big plan, most of them far below the first screen. (A list of up to
 * two more shows them all, rather than a row offering one or two.) */
#define SHOWN_AT_FIRST 10

/* Fills a list's group with its rows, from row @from on */
typedef void (*WpFillList) (WpProgressView *self,
                            guint           from);

/* How many of the @listed rows of @group to show */
static guint
n_shown (AdwPreferencesGroup *group,
         guint                listed)
{
  if (g_object_get_data (G_OBJECT (group), "wp-show-all") != NULL
      || listed <= SHOWN_AT_FIRST + 2)
    return listed;
  return SHOWN_AT_FIRST;
}

/* Takes away the rows after @group's items: the one that showed the
 * rest, and the one saying how many more there are */
static void
remove_rows_after_items (WpProgressView      *self,
                         AdwPreferencesGroup *group)
{
  for (guint i = self->rows->len; i > 0; i--)
    {
      GtkWidget *row = g_ptr_array_index (self->rows, i - 1);

      if (gtk_widget_get_ancestor (row, ADW_TYPE_PREFERENCES_GROUP) == GTK_WIDGET (group)
          && g_object_get_data (G_OBJECT (row), "wp-item-id") == NULL)
        {
          adw_preferences_group_remove (group, row);
          g_ptr_array_remove_index (self->rows, i - 1);
        }
    }
}

static void
on_show_all_activated (AdwActionRow   *row,
                       WpProgressView *self)
{
  AdwPreferencesGroup *group = ADW_PREFERENCES_GROUP (gtk_widget_get_ancestor (
                                                        GTK_WIDGET (row),
                                                        ADW_TYPE_PREFERENCES_GROUP));
  WpFillList fill = g_object_get_data (G_OBJECT (row), "wp-fill");
  GtkWidget *before = gtk_widget_get_prev_sibling (GTK_WIDGET (row));

  /* Keyboard focus goes back to the row above, the last one shown, with
   * the first new one below it: a row that has not been laid out yet
   * would take the view to the top of the list */
  if (gtk_widget_has_focus (GTK_WIDGET (row)) && before != NULL)
    gtk_widget_grab_focus (before);
  /* (until another plan is shown) */
  g_object_set_data (G_OBJECT (group), "wp-show-all", GINT_TO_POINTER (TRUE));
  remove_rows_after_items (self, group);
  fill (self, SHOWN_AT_FIRST);
}

/* After a list's @shown rows: a row that shows the rest of the @listed
 * when activated, and one saying how many of the @total are not listed */
static void
end_list (WpProgressView      *self,
          AdwPreferencesGroup *group,
          guint                shown,
          guint                listed,
          guint                total,
          WpFillList           fill)
{
  if (shown < listed)
    {
      /* Translators: the last row of a list in the progress view, which
       * shows the rest of it */
      g_autofree char *title = g_strdup_printf (
        g_dngettext (GETTEXT_PACKAGE, "Show %u more", "Show %u more", listed - shown),
        listed - shown);
      GtkWidget *row = _wp_progress_add_group_row (self, group, title, NULL, -1);
      GtkWidget *icon = gtk_image_new_from_icon_name ("pan-down-symbolic");

      gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      title, -1);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), icon);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      g_object_set_data (G_OBJECT (row), "wp-fill", fill);
      g_signal_connect (row, "activated", G_CALLBACK (on_show_all_activated), self);
    }
  if (total > listed)
    {
      /* Translators: under a list cut short in the progress view */
      g_autofree char *more = g_strdup_printf (
        g_dngettext (GETTEXT_PACKAGE, "and %u more item", "and %u more items",
                     total - listed), total - listed);

      _wp_progress_add_group_row (self, group, more, NULL, -1);
    }
}

static void
on_item_row_activated (AdwActionRow   *row,
                       WpProgressView *self)
{
  gint64 id = *(gint64 *) g_object_get_data (G_OBJECT (row), "wp-item-id");

  _wp_progress_show_in_outline (self, id);
}

GtkWidget *
_wp_progress_add_group_row (WpProgressView      *self,
                            AdwPreferencesGroup *group,
                            const char          *title,
                            const char          *subtitle,
                            double               progress)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  if (progress >= 0)
    {
      GtkWidget *bar = gtk_progress_bar_new ();
      g_autofree char *percent = g_strdup_printf (_("%d%%"), (int) (progress + 0.5));

      gtk_progress_bar_set_fraction (GTK_PROGRESS_BAR (bar), progress / 100.0);
      gtk_progress_bar_set_text (GTK_PROGRESS_BAR (bar), percent);
      gtk_progress_bar_set_show_text (GTK_PROGRESS_BAR (bar), TRUE);
      gtk_widget_set_valign (bar, GTK_ALIGN_CENTER);
      gtk_widget_set_size_request (bar, 160, -1);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), bar);
    }
  adw_preferences_group_add (group, row);
  g_ptr_array_add (self->rows, row);
  return row;
}


/* The items of a list with their lead agencies and deadlines; the group is
 * hidden when there are none. */
/* "lead · due …" of an item */
static char *
lead_and_due (WpItem *item)
{
  g_autofree char *leads = g_strjoinv ("、", (char **) wp_item_get_lead_agencies (item));
  const char *label = wp_item_get_due_label (item);
  g_autofree char *date = wp_date_format_display (wp_item_get_due (item));

  if (label[0] == '\0' && date[0] == '\0')
    return g_strdup (leads[0] ? leads : _("No lead agency"));
  /* Translators: an overdue item's lead agency and deadline */
  return g_strdup_printf (_("%s · due %s"), leads[0] ? leads : _("No lead agency"),
                          label[0] ? label : date);
}

/* The list's rows are the counted items, as many as the tile says (@total;
 * the first of them are in @items); a key task names the actions under it
 * that make it late. */
static void
add_item_rows (WpProgressView      *self,
               AdwPreferencesGroup *group,
               GPtrArray           *items,
               guint                total,
               guint                from,
               WpFillList           fill)
{
  guint listed = MIN (items->len, MAX_LISTED);
  guint shown = n_shown (group, listed);

  gtk_widget_set_visible (GTK_WIDGET (group), total > 0);
  for (guint i = from; i < shown; i++)
    {
      WpItem *item = g_ptr_array_index (items, i);
      GPtrArray *below = wp_plan_stats_get_below (self->stats, item);
      g_autoptr(GString) line = g_string_new (NULL);
      g_autofree char *own = lead_and_due (item);

      g_string_append (line, own);
      for (guint k = 0; below != NULL && k < MIN (below->len, MAX_BELOW_SHOWN); k++)
        {
          WpItem *work = g_ptr_array_index (below, k);
          g_autofree char *about = lead_and_due (work);

          g_string_append_c (line, '\n');
          /* Translators: under a late key task in the progress view: an
           * action under it that makes it late, its lead and deadline */
          g_string_append_printf (line, _("↳ %s (%s)"), wp_item_get_title (work), about);
        }
      if (below != NULL && below->len > MAX_BELOW_SHOWN)
        {
          guint rest = below->len - MAX_BELOW_SHOWN;

          g_string_append_c (line, '\n');
          /* Translators: under a late key task in the progress view, after
           * the first few actions that make it late */
          g_string_append_printf (line, g_dngettext (GETTEXT_PACKAGE, "↳ and %u more under it",
                                                     "↳ and %u more under it", rest), rest);
        }
      wp_row_unwrap_subtitle (
        _wp_progress_add_item_row (self, group, item, wp_item_get_title (item), line->str, -1));
    }
  /* (the tile's count, when more are counted than listed) */
  end_list (self, group, shown, listed, MAX (total, listed), fill);
}

void
_wp_progress_fill_overdue (WpProgressView *self,
                           guint           from)
{
  add_item_rows (self, self->overdue_group, self->stats->overdue, self->stats->counts.overdue,
                 from, _wp_progress_fill_overdue);
}

void
_wp_progress_fill_due_soon (WpProgressView *self,
                            guint           from)
{
  add_item_rows (self, self->due_soon_group, self->stats->due_soon,
                 self->stats->counts.due_soon, from, _wp_progress_fill_due_soon);
}

/* The plan's done items waiting as 待销号, with their completion notes,
 * when the plan requires review (issue 21) */
void
_wp_progress_fill_pending (WpProgressView *self,
                           guint           from)
{
  WpStore *store = wp_context_get_store (self->binding.context);
  g_autoptr(GArray) ids = wp_store_list_pending_closeouts (store,
                                                           wp_plan_get_id (self->binding.plan),
                                                           NULL);
  guint n = ids != NULL ? ids->len : 0;
  guint shown = n_shown (self->pending_group, MIN (n, MAX_LISTED));

  gtk_widget_set_visible (GTK_WIDGET (self->pending_group), n > 0);
  for (guint i = from; i < shown; i++)
    {
      gint64 id = g_array_index (ids, gint64, i);
      g_autoptr(WpItem) item = wp_store_get_item (store, id, NULL);
      g_autofree char *lead = NULL;
      WpCloseout closeout = { 0 };

      if (item == NULL || !wp_store_get_closeout (store, id, &closeout, NULL))
        continue;
      lead = g_strjoinv ("、", (char **) wp_item_get_lead_agencies (item));
      {
        /* Translators: an item waiting for its close-out: its lead agency
         * and its completion note (办结情况) */
        g_autofree char *line = g_strdup_printf (_("%s · %s"),
                                                 lead[0] ? lead : _("No lead agency"),
                                                 closeout.completion);

        _wp_progress_add_item_row (self, self->pending_group, item, wp_item_get_title (item),
                                   line, -1);
      }
      wp_closeout_clear (&closeout);
    }
  end_list (self, self->pending_group, shown, MIN (n, MAX_LISTED), n, _wp_progress_fill_pending);
}

/* A row that shows its item in the outline when activated. */
GtkWidget *
_wp_progress_add_item_row (WpProgressView      *self,
                           AdwPreferencesGroup *group,
                           WpItem              *item,
                           const char          *title,
                           const char          *subtitle,
                           double               progress)
{
  GtkWidget *row = _wp_progress_add_group_row (self, group, title, subtitle, progress);
  GtkWidget *arrow = gtk_image_new_from_icon_name ("go-next-symbolic");
  gint64 id = wp_item_get_id (item);

  gtk_accessible_update_property (GTK_ACCESSIBLE (arrow), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Show in the outline"), -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), arrow);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  wp_tooltip_set_text (row, _("Show in the outline"));
  g_object_set_data_full (G_OBJECT (row), "wp-item-id", g_memdup2 (&id, sizeof id), g_free);
  g_signal_connect (row, "activated", G_CALLBACK (on_item_row_activated), self);
  return row;
}

/* The items behind their milestones */
void
_wp_progress_fill_behind (WpProgressView *self,
                          guint           from)
{
  GPtrArray *list = self->stats->behind;
  guint shown = n_shown (self->behind_group, MIN (list->len, MAX_LISTED));

  gtk_widget_set_visible (GTK_WIDGET (self->behind_group), list->len > 0);
  for (guint i = from; i < shown; i++)
    {
      WpItemBehind *behind = g_ptr_array_index (list, i);
      g_autofree char *leads = g_strjoinv ("、", (char **) wp_item_get_lead_agencies (behind->item));
      /* Translators: under an item behind its milestone: its lead agency,
       * the progress expected by now and its own */
      g_autofree char *line = g_strdup_printf (_("%s · expected %d%%, actual %d%%"),
                                               leads[0] ? leads : _("No lead agency"),
                                               behind->expected, behind->progress);

      _wp_progress_add_item_row (self, self->behind_group, behind->item,
                                 wp_item_get_title (behind->item), line, -1);
    }
  end_list (self, self->behind_group, shown, MIN (list->len, MAX_LISTED), list->len,
            _wp_progress_fill_behind);
}
