/* wp-store-years.c: starting next year's plan from this one
 *
 * Planning offices start the new year from the old task list: the areas and
 * key tasks mostly stay, unfinished work carries over (结转至下一年), and what
 * was done stays behind in its year.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "wp-deadline.h"
#include "wp-store-private.h"

static gboolean
set_value (WpStore      *self,
           gint64        id,
           const char   *property,
           const GValue *value,
           GError      **error)
{
  return wp_store_set_item_property (self, id, property, value, error);
}

/* A figure as the note writes it: a percentage keeps its sign on the
 * number, other units follow it (12.4%, 27个镇(街)). */
static char *
format_figure (double      value,
               const char *unit)
{
  char number[G_ASCII_DTOSTR_BUF_SIZE];

  g_ascii_formatd (number, sizeof number, "%g", value);
  return g_strconcat (number, unit != NULL ? unit : "", NULL);
}

/* The note on the new year's copy that says where it came from and what
 * it had reached: the copy starts again from nothing (its progress, its
 * targets' current values), so this is where last year's figures and its
 * latest progress note stay in sight. */
static char *
carried_note (WpItem    *old,
              GPtrArray *targets,
              GPtrArray *notes)
{
  g_autoptr(GPtrArray) facts = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *joined = NULL;
  GString *text = g_string_new (NULL);

  g_ptr_array_add (facts, g_strdup (wp_item_status_to_label (wp_item_get_effective_status (old))));
  /* Translators: in the note on work carried over, how far it had come,
   * e.g. "完成进度60%" */
  g_ptr_array_add (facts, g_strdup_printf (C_("carried note", "progress %d%%"),
                                           wp_item_get_effective_progress (old)));
  for (guint i = 0; i < targets->len; i++)
    {
      const WpTarget *t = g_ptr_array_index (targets, i);
      g_autofree char *figure = NULL;

      if (!t->has_current)
        continue;
      figure = format_figure (t->current, t->unit);
      if (t->label != NULL && t->label[0] != '\0')
        /* Translators: in the note on work carried over, a target's value at
         * the time: its name and the figure, e.g. "PM2.5平均浓度现值12.4%" */
        g_ptr_array_add (facts, g_strdup_printf (C_("carried note", "%s at %s"), t->label, figure));
      else
        /* Translators: in the note on work carried over, a target's value at
         * the time, e.g. "现值12.4%" */
        g_ptr_array_add (facts, g_strdup_printf (C_("carried note", "value at %s"), figure));
    }
  g_ptr_array_add (facts, NULL);
  /* Translators: separates the figures in the note on work carried over */
  joined = g_strjoinv (C_("carried note", ", "), (char **) facts->pdata);

  /* Translators: the note on work carried over into the new year's plan:
   * the old year and what the work had reached, e.g.
   * "由2025年度结转：进行中，完成进度60%，现值12.4%。" */
  g_string_append_printf (text, _("Carried over from %d: %s."), wp_item_get_plan_year (old),
                          joined);

  if (notes->len > 0)
    {
      const WpNote *last = g_ptr_array_index (notes, notes->len - 1);
      g_autofree char *date = wp_date_format_display (&last->date);

      if (last->text != NULL && last->text[0] != '\0')
        {
          /* Translators: the old year's latest progress note, quoted in the
           * note on work carried over: its date and its text, after the
           * sentence before (Chinese needs no space between them) */
          g_string_append_printf (text, _(" Last progress note (%s): %s"), date, last->text);
        }
    }

  return g_string_free (text, FALSE);
}

static gboolean
copy_item (WpStore          *self,
           WpItem           *old,
           gint64            new_plan_id,
           gint64            new_parent_id,
           WpNextYearFlags   flags,
           gint64           *new_id,
           GError          **error)
{
  g_autoptr(WpItem) item = NULL;
  g_autoptr(GPtrArray) targets = NULL;
  g_autoptr(GPtrArray) notes = NULL;
  g_autofree char *note = NULL;
  g_auto(GValue) text = G_VALUE_INIT;
  g_auto(GValue) number = G_VALUE_INIT;
  g_auto(GValue) flag = G_VALUE_INIT;
  gboolean keep = (flags & WP_NEXT_YEAR_KEEP_PROGRESS) != 0;
  gint64 id;

  item = wp_store_create_item (self, new_plan_id, new_parent_id, -1, wp_item_get_kind (old),
                               wp_item_get_title (old), error);
  if (item == NULL)
    return FALSE;
  id = *new_id = wp_item_get_id (item);

  g_value_init (&text, G_TYPE_STRING);
  g_value_init (&number, G_TYPE_INT);
  g_value_init (&flag, G_TYPE_BOOLEAN);

  g_value_set_string (&text, wp_item_get_description (old));
  if (!set_value (self, id, "description", &text, error))
    return FALSE;

  /* A new year's work starts from nothing unless asked otherwise: last
   * year's 60% is not this year's. Progress derived from sub-items stays
   * derived. */
  g_value_set_string (&text, wp_item_status_to_string (keep ? wp_item_get_status (old)
                                                            : WP_ITEM_STATUS_NOT_STARTED));
  if (!set_value (self, id, "status", &text, error))
    return FALSE;
  g_value_set_int (&number, keep || wp_item_get_progress (old) < 0
                            ? wp_item_get_progress (old) : 0);
  if (!set_value (self, id, "progress", &number, error))
    return FALSE;

  /* 年底前 means the end of the new year now; a fixed date of last year
   * means nothing any more, so only words are carried. */
  if (!wp_store_set_item_due_text (self, id, wp_item_get_due_label (old), error))
    return FALSE;

  g_value_set_boolean (&flag, wp_item_get_kind (old) != WP_ITEM_KIND_AREA);
  if (!set_value (self, id, "carried-over", &flag, error))
    return FALSE;

  if (!wp_store_set_item_agencies (self, id, WP_AGENCY_ROLE_LEAD,
                                   wp_item_get_lead_agencies (old), error)
      || !wp_store_set_item_agencies (self, id, WP_AGENCY_ROLE_CO,
                                      wp_item_get_co_agencies (old), error))
    return FALSE;

  /* Where a target stood at the end of the year is where the new year
   * starts from: its current value becomes the baseline, and the current
   * value waits for this year's figure (a 现值 of 12.4% against a target
   * of 10% would read as reached on the first day). */
  targets = wp_store_list_targets (self, wp_item_get_id (old), error);
  if (targets == NULL)
    return FALSE;
  for (guint i = 0; i < targets->len; i++)
    {
      g_autoptr(WpTarget) t = wp_target_copy (g_ptr_array_index (targets, i));

      if (t->has_current)
        {
          t->baseline = t->current;
          t->has_baseline = TRUE;
        }
      t->has_current = FALSE;
      t->current = 0;
      if (wp_store_add_target (self, id, t, error) == 0)
        return FALSE;
    }

  notes = wp_store_list_notes (self, wp_item_get_id (old), error);
  if (notes == NULL)
    return FALSE;
  if (wp_item_get_kind (old) != WP_ITEM_KIND_AREA)
    {
      note = carried_note (old, targets, notes);
      if (wp_store_add_note (self, id, wp_store_get_reference_date (self), note, -1, error) == 0)
        return FALSE;
    }

  return TRUE;
}

static gboolean
copy_level (WpStore          *self,
            gint64            old_plan_id,
            gint64            old_parent_id,
            gint64            new_plan_id,
            gint64            new_parent_id,
            WpNextYearFlags   flags,
            GArray           *carried,
            GError          **error)
{
  g_autoptr(GPtrArray) children = wp_store_list_children (self, old_plan_id, old_parent_id,
                                                          error);

  if (children == NULL)
    return FALSE;

  for (guint i = 0; i < children->len; i++)
    {
      WpItem *old = g_ptr_array_index (children, i);
      gint64 old_id = wp_item_get_id (old);
      gint64 new_id;

      /* Done, or everything below done: it stays in its year. */
      if (wp_item_get_effective_status (old) == WP_ITEM_STATUS_DONE)
        continue;

      if (!copy_item (self, old, new_plan_id, new_parent_id, flags, &new_id, error))
        return FALSE;
      if (wp_item_get_n_children (old) > 0
          && !copy_level (self, old_plan_id, old_id, new_plan_id, new_id, flags, carried,
                          error))
        return FALSE;

      /* In its own year the work now shows 已结转 and is no longer judged
       * late: it goes on, and is judged, in the new plan. An area is only
       * the heading its key tasks stand under, in both years. */
      if (wp_item_get_kind (old) != WP_ITEM_KIND_AREA && !wp_item_get_carried_forward (old))
        g_array_append_val (carried, old_id);
    }

  return TRUE;
}

/* In its own year the work copied now shows 已结转. These rows of the old
 * plan are logged one by one (the new plan is written at once), so that
 * undo takes the marks off again and other windows show them in place. */
static gboolean
mark_carried_forward (WpStore  *self,
                      GArray   *carried,
                      GError  **error)
{
  g_auto(GValue) flag = G_VALUE_INIT;
  gboolean ok = TRUE;

  g_value_init (&flag, G_TYPE_BOOLEAN);
  g_value_set_boolean (&flag, TRUE);
  if (self->change_log != NULL)
    CHANGE_LOG (self)->resume (self->change_log);
  for (guint i = 0; ok && i < carried->len; i++)
    ok = set_value (self, g_array_index (carried, gint64, i), "carried-forward", &flag, error);
  if (self->change_log != NULL)
    CHANGE_LOG (self)->pause (self->change_log);
  return ok;
}

/**
 * wp_store_start_next_year:
 * @flags: %WP_NEXT_YEAR_KEEP_PROGRESS to copy status and progress as they
 *   are instead of starting them again
 * @carried: (out) (optional) (transfer full): the ids of the items of
 *   @plan_id that were marked carried forward (the command line counts them)
 *
 * Makes the plan for the following year from @plan_id: everything not done
 * is copied (key tasks and actions marked as carried over, with their
 * agencies, targets and deadline words re-read for the new year, and a
 * note saying where each came from and what it had reached); done work
 * stays behind. Each target's current value becomes its baseline and the
 * current value starts empty. In @plan_id, the copied key tasks and
 * actions are marked carried forward (已结转), so they are no longer
 * judged overdue there. The year's title has its year number moved on.
 *
 * Returns: (transfer full): the new plan, or %NULL with @error set and
 *   nothing written
 */
WpPlan *
wp_store_start_next_year (WpStore          *self,
                          gint64            plan_id,
                          WpNextYearFlags   flags,
                          GArray          **carried,
                          GError          **error)
{
  g_autoptr(WpPlan) old = NULL;
  g_autoptr(WpPlan) plan = NULL;
  g_autoptr(GArray) marked = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autofree char *old_year = NULL;
  g_autofree char *new_year = NULL;
  g_auto(GStrv) parts = NULL;
  g_autofree char *title = NULL;
  WpPlanSettings settings;

  g_return_val_if_fail (WP_IS_STORE (self), NULL);

  old = wp_store_get_plan (self, plan_id, error);
  if (old == NULL)
    return NULL;

  old_year = g_strdup_printf ("%d", wp_plan_get_year (old));
  new_year = g_strdup_printf ("%d", wp_plan_get_year (old) + 1);
  parts = g_strsplit (wp_plan_get_title (old), old_year, -1);
  title = g_strjoinv (new_year, parts);

  /* (a bulk write: one row of the change log for each of the two plans) */
  if (!wp_store_begin_plan_write (self, error))
    return NULL;
  wp_store_freeze_signals (self);

  plan = wp_store_create_plan (self, wp_plan_get_year (old) + 1, title,
                               wp_plan_get_organization (old), error);
  /* (the office's light rules and reporting cycle go on into the new year) */
  if (plan == NULL
      || !wp_store_get_plan_settings (self, plan_id, &settings, error)
      || !wp_store_set_plan_settings (self, wp_plan_get_id (plan), &settings, error)
      || !copy_level (self, plan_id, 0, wp_plan_get_id (plan), 0, flags, marked, error)
      || !mark_carried_forward (self, marked, error))
    {
      wp_store_rollback_plan_write (self);
      wp_store_thaw_signals (self);
      return NULL;
    }

  if (!wp_store_commit_plan_write (self, wp_plan_get_id (plan), 0, error))
    {
      wp_store_thaw_signals (self);
      return NULL;
    }
  wp_store_thaw_signals (self);
  if (carried != NULL)
    *carried = g_steal_pointer (&marked);
  return g_steal_pointer (&plan);
}
