/* wp-edit-plan.c: editing plans, targets, agencies, milestones; collected sheets
 *
 * Each edit is a label and one or a few store calls, run in one
 * transaction by _wp_undo_run_logged(): it undoes by reversing the rows it
 * left in the change log, with no undo code of its own.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "wp-report-import.h"
#include "wp-undo-private.h"
#include "wp-collect.h"

/* Plans */

typedef struct {
  gint64           plan_id;
  int              year;
  const char      *title;
  const char      *organization;
  WpNextYearFlags  flags;
  WpPlan          *made;
} PlanEdit;

static gboolean
create_plan (WpStore   *store,
             gpointer   data,
             GError   **error)
{
  PlanEdit *edit = data;

  edit->made = wp_store_create_plan (store, edit->year, edit->title, edit->organization, error);
  return edit->made != NULL;
}

WpPlan *
wp_edit_new_plan (WpUndoStack  *self,
                  int           year,
                  const char   *title,
                  const char   *organization,
                  GError      **error)
{
  PlanEdit edit = { .year = year, .title = title, .organization = organization };

  g_return_val_if_fail (WP_IS_UNDO_STACK (self), NULL);

  if (!_wp_undo_run_logged (self, 0, g_strdup_printf (_("Create the %d plan"), year),
                            create_plan, &edit, error))
    {
      g_clear_object (&edit.made);
      return NULL;
    }
  return edit.made;
}

static gboolean
start_next_year (WpStore   *store,
                 gpointer   data,
                 GError   **error)
{
  PlanEdit *edit = data;

  edit->made = wp_store_start_next_year (store, edit->plan_id, edit->flags, NULL, error);
  return edit->made != NULL;
}

/**
 * wp_edit_start_next_year:
 * @flags: see wp_store_start_next_year()
 *
 * Starts next year's plan as one step: Undo removes the new plan and
 * takes the 已结转 mark off the old year's items again.
 */
WpPlan *
wp_edit_start_next_year (WpUndoStack      *self,
                         gint64            plan_id,
                         WpNextYearFlags   flags,
                         GError          **error)
{
  PlanEdit edit = { .plan_id = plan_id, .flags = flags };
  GPtrArray *marks;

  g_return_val_if_fail (WP_IS_UNDO_STACK (self), NULL);

  /* The new plan is written at once (undone with a snapshot); the marks
   * on the old year's items are logged row by row. */
  marks = _wp_undo_run_reading (self, start_next_year, &edit, error);
  if (marks == NULL)
    {
      g_clear_object (&edit.made);
      return NULL;
    }
  _wp_undo_push_plan_written (self, wp_plan_get_id (edit.made),
                              g_strdup_printf (_("Create the %d plan"),
                                               wp_plan_get_year (edit.made)),
                              marks);
  return edit.made;
}

gboolean
wp_edit_delete_plan (WpUndoStack  *self,
                     gint64        plan_id,
                     GError      **error)
{
  g_autoptr(WpPlan) plan = NULL;
  Command *cmd;
  char *label;

  g_return_val_if_fail (WP_IS_UNDO_STACK (self), FALSE);

  plan = wp_store_get_plan (self->store, plan_id, error);
  if (plan == NULL)
    return FALSE;
  label = g_strdup_printf (_("Delete the %d plan"), wp_plan_get_year (plan));
  cmd = _wp_undo_command_new (CMD_DELETE_PLAN, 0, label);
  cmd->plan_id = plan_id;
  return _wp_undo_run_and_push (self, cmd, error);
}

typedef struct {
  gint64          item_id;
  const WpTarget *target;
} TargetEdit;

static gboolean
add_target (WpStore   *store,
            gpointer   data,
            GError   **error)
{
  TargetEdit *edit = data;

  return wp_store_add_target (store, edit->item_id, edit->target, error) != 0;
}

/**
 * wp_edit_add_target:
 *
 * Adds a quantified target (目标指标) to an item.
 */
gboolean
wp_edit_add_target (WpUndoStack     *self,
                    gint64           item_id,
                    const WpTarget  *target,
                    GError         **error)
{
  TargetEdit edit = { item_id, target };
  g_autofree char *title = NULL;

  g_return_val_if_fail (WP_IS_UNDO_STACK (self), FALSE);

  title = _wp_edit_item_title (self->store, item_id);
  return _wp_undo_run_logged (self, item_id, g_strdup_printf (_("Add a target to “%s”"), title),
                              add_target, &edit, error);
}

static gboolean
set_target (WpStore   *store,
            gpointer   data,
            GError   **error)
{
  TargetEdit *edit = data;
  g_autoptr(GPtrArray) targets = wp_store_list_targets (store, edit->item_id, error);

  if (targets == NULL)
    return FALSE;
  for (guint i = 0; i < targets->len; i++)
    if (((WpTarget *) g_ptr_array_index (targets, i))->id == edit->target->id)
      return wp_store_update_target (store, edit->target, error);
  g_set_error (error, WP_STORE_ERROR, WP_STORE_ERROR_NOT_FOUND,
               _("The target no longer exists."));
  return FALSE;
}

/**
 * wp_edit_set_target:
 * @target: the target with its stored id and the new label, unit and figures
 */
gboolean
wp_edit_set_target (WpUndoStack     *self,
                    gint64           item_id,
                    const WpTarget  *target,
                    GError         **error)
{
  TargetEdit edit = { item_id, target };
  g_autofree char *title = NULL;

  g_return_val_if_fail (WP_IS_UNDO_STACK (self), FALSE);

  title = _wp_edit_item_title (self->store, item_id);
  return _wp_undo_run_logged (self, item_id,
                              g_strdup_printf (_("Change a target of “%s”"), title),
                              set_target, &edit, error);
}

typedef struct {
  gint64        agency_id;
  const char   *name;
  const char   *short_name;
  WpAgencyKind  kind;
  gint64        into_id;
} AgencyEdit;

static gboolean
update_agency (WpStore   *store,
               gpointer   data,
               GError   **error)
{
  AgencyEdit *edit = data;

  return wp_store_update_agency (store, edit->agency_id, edit->name, edit->short_name,
                                 edit->kind, error);
}

/**
 * wp_edit_update_agency:
 *
 * Renames an agency and sets its short name and kind, as one command.
 */
gboolean
wp_edit_update_agency (WpUndoStack   *self,
                       gint64         agency_id,
                       const char    *name,
                       const char    *short_name,
                       WpAgencyKind   kind,
                       GError       **error)
{
  AgencyEdit edit = { agency_id, name, short_name, kind, 0 };
  g_autoptr(WpAgency) agency = NULL;

  g_return_val_if_fail (WP_IS_UNDO_STACK (self), FALSE);

  agency = wp_store_get_agency (self->store, agency_id, error);
  if (agency == NULL)
    return FALSE;
  return _wp_undo_run_logged (self, 0,
                              g_strcmp0 (name, wp_agency_get_name (agency)) != 0
                              ? g_strdup_printf (_("Rename “%s”"), wp_agency_get_name (agency))
                              : g_strdup_printf (_("Change “%s”"), wp_agency_get_name (agency)),
                              update_agency, &edit, error);
}

static gboolean
merge_agencies (WpStore   *store,
                gpointer   data,
                GError   **error)
{
  AgencyEdit *edit = data;

  return wp_store_merge_agencies (store, edit->agency_id, edit->into_id, error);
}

/**
 * wp_edit_merge_agencies:
 * @from_id: the agency that goes
 * @into_id: the agency that stays and takes over its items
 */
gboolean
wp_edit_merge_agencies (WpUndoStack  *self,
                        gint64        from_id,
                        gint64        into_id,
                        GError      **error)
{
  AgencyEdit edit = { .agency_id = from_id, .into_id = into_id };
  g_autoptr(WpAgency) from = NULL;
  g_autoptr(WpAgency) into = NULL;

  g_return_val_if_fail (WP_IS_UNDO_STACK (self), FALSE);

  from = wp_store_get_agency (self->store, from_id, error);
  if (from == NULL)
    return FALSE;
  into = wp_store_get_agency (self->store, into_id, error);
  if (into == NULL)
    return FALSE;
  return _wp_undo_run_logged (self, 0, g_strdup_printf (_("Merge “%s” into “%s”"),
                                                        wp_agency_get_name (from),
                                                        wp_agency_get_name (into)),
                              merge_agencies, &edit, error);
}

static gboolean
add_agency_alias (WpStore   *store,
                  gpointer   data,
                  GError   **error)
{
  AgencyEdit *edit = data;

  return wp_store_add_agency_alias (store, edit->agency_id, edit->name, error);
}

static gboolean
remove_agency_alias (WpStore   *store,
                     gpointer   data,
                     GError   **error)
{
  AgencyEdit *edit = data;

  return wp_store_remove_agency_alias (store, edit->agency_id, edit->name, error);
}

/**
 * wp_edit_set_agency_alias:
 * @alias: another written form of the agency's name
 * @add: add it, or take it away
 *
 * Adds or removes an alias of an agency, as one command.
 */
gboolean
wp_edit_set_agency_alias (WpUndoStack  *self,
                          gint64        agency_id,
                          const char   *alias,
                          gboolean      add,
                          GError      **error)
{
  AgencyEdit edit = { .agency_id = agency_id, .name = alias };
  g_autoptr(WpAgency) agency = NULL;

  g_return_val_if_fail (WP_IS_UNDO_STACK (self), FALSE);

  agency = wp_store_get_agency (self->store, agency_id, error);
  if (agency == NULL)
    return FALSE;
  return _wp_undo_run_logged (self, 0,
                              add ? g_strdup_printf (_("Add the alias “%s” to “%s”"), alias,
                                                     wp_agency_get_name (agency))
                                  : g_strdup_printf (_("Remove the alias “%s” of “%s”"), alias,
                                                     wp_agency_get_name (agency)),
                              add ? add_agency_alias : remove_agency_alias, &edit, error);
}


typedef struct {
  gint64      item_id;
  int         quarter;
  const char *text;
  int         progress;
} MilestoneEdit;

static gboolean
set_milestone (WpStore   *store,
               gpointer   data,
               GError   **error)
{
  MilestoneEdit *edit = data;

  return wp_store_set_milestone (store, edit->item_id, edit->quarter, edit->text,
                                 edit->progress, error);
}

/**
 * wp_edit_set_milestone:
 * @quarter: 1 to 4
 * @text: (nullable): the state expected by the quarter's end
 * @progress: the progress expected by then, or -1
 *
 * Sets an item's milestone (形象进度) for a quarter. An edit of the change
 * log's kind: a label and one store call, undone by reversing its rows.
 */
gboolean
wp_edit_set_milestone (WpUndoStack  *self,
                       gint64        item_id,
                       int           quarter,
                       const char   *text,
                       int           progress,
                       GError      **error)
{
  MilestoneEdit edit = { item_id, quarter, text, progress };
  g_autofree char *title = NULL;

  g_return_val_if_fail (WP_IS_UNDO_STACK (self), FALSE);

  title = _wp_edit_item_title (self->store, item_id);
  return _wp_undo_run_logged (self, item_id,
                              g_strdup_printf (_("Set the milestone of “%s” for quarter %d"),
                                               title, quarter),
                              set_milestone, &edit, error);
}

/**
 * wp_edit_set_lead_agency:
 * @name: (nullable): the one lead agency, or %NULL for none
 *
 * Makes @name the item's only lead agency, as a board's drop does; if it
 * was a supporting agency of the item it stops being one. One command.
 */
gboolean
wp_edit_set_lead_agency (WpUndoStack  *self,
                         gint64        item_id,
                         const char   *name,
                         GError      **error)
{
  const char *lead[] = { name, NULL };

  return wp_edit_set_agencies (self, item_id, WP_AGENCY_ROLE_LEAD, lead, error);
}

/* Returned sheets */

static gboolean
apply_collect (WpStore   *store,
               gpointer   data,
               GError   **error)
{
  return wp_collect_apply (store, data, error);
}

/**
 * wp_edit_collect:
 * @collect: what the returned sheets ask for (see wp_collect_read())
 *
 * Writes what @collect asks for as one step, in one transaction: Undo puts
 * every item's status and progress back and takes the added notes away.
 * Refused rows or sheets not left out refuse the whole set, as
 * wp_collect_apply() does.
 */
gboolean
wp_edit_collect (WpUndoStack  *self,
                 WpCollect    *collect,
                 GError      **error)
{
  g_return_val_if_fail (WP_IS_UNDO_STACK (self), FALSE);

  if (!wp_collect_is_sound (collect))
    return wp_collect_apply (self->store, collect, error);  /* (says why, writes nothing) */
  const WpCollectRow *first = collect->rows->len > 0 ? g_ptr_array_index (collect->rows, 0)
                                                     : NULL;

  return _wp_undo_run_logged (self, first != NULL ? first->item_id : 0,
                              g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                 "Collect %u change from returned sheets",
                                                 "Collect %u changes from returned sheets",
                                                 collect->n_changes),
                                               collect->n_changes),
                              apply_collect, collect, error);
}

typedef struct {
  gint64     plan_id;
  gint64     area_id;
  GPtrArray *items;
} ReportItemsEdit;

static gboolean
add_report_items (WpStore   *store,
                  gpointer   data,
                  GError   **error)
{
  ReportItemsEdit *edit = data;

  return wp_report_write_items (store, edit->plan_id, edit->area_id, edit->items, error);
}

/**
 * wp_edit_add_report_items:
 * @area_id: the area they go under, or 0 for new areas
 * @items: (element-type WpReportItem): a report's draft areas
 * @label: what Undo names, e.g. Import “report.docx”
 *
 * Adds a report's draft to a plan that exists, as one command (see
 * wp_report_write_items()).
 */
gboolean
wp_edit_add_report_items (WpUndoStack  *self,
                          gint64        plan_id,
                          gint64        area_id,
                          GPtrArray    *items,
                          const char   *label,
                          GError      **error)
{
  ReportItemsEdit edit = { plan_id, area_id, items };

  g_return_val_if_fail (WP_IS_UNDO_STACK (self), FALSE);
  return _wp_undo_run_logged (self, 0, g_strdup (label), add_report_items, &edit, error);
}
