/* wp-item.c: a node of a plan's hierarchy (area, key task or action)
 *
 * Items are read-only views of rows: WpStore keeps one live object per row
 * and refreshes it after every write, so widgets bound to an item's
 * properties follow edits made anywhere (another view, undo, the CLI
 * importer in the same process).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "wp-enums.h"
#include "wp-item-private.h"
#include "wp-deadline.h"

struct _WpItem
{
  GObject parent_instance;
  WpItemData data;
};

G_DEFINE_FINAL_TYPE (WpItem, wp_item, G_TYPE_OBJECT)

/* Revisions are unique across all items, so a view can tell a changed item
 * from an unchanged one, and a new object for a row from the one before. */
static guint
next_revision (void)
{
  static guint revision;
  return ++revision;
}

enum {
  PROP_0,
  PROP_ID,
  PROP_UUID,
  PROP_PARENT_ID,
  PROP_POSITION,
  PROP_KIND,
  PROP_TITLE,
  PROP_DESCRIPTION,
  PROP_STATUS,
  PROP_EFFECTIVE_STATUS,
  PROP_LIGHT,
  PROP_PROGRESS,
  PROP_EFFECTIVE_PROGRESS,
  PROP_DUE,
  PROP_DONE_DATE,
  PROP_DUE_LABEL,
  PROP_ONGOING,
  PROP_CARRIED_OVER,
  PROP_CARRIED_FORWARD,
  PROP_N_CHILDREN,
  PROP_LEAD_AGENCIES,
  PROP_CO_AGENCIES,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

void
wp_item_data_clear (WpItemData *data)
{
  g_clear_pointer (&data->uuid, g_free);
  g_clear_pointer (&data->title, g_free);
  g_clear_pointer (&data->description, g_free);
  g_clear_pointer (&data->due_label, g_free);
  g_clear_pointer (&data->lead, g_strfreev);
  g_clear_pointer (&data->co, g_strfreev);
}

static void
wp_item_finalize (GObject *object)
{
  WpItem *self = WP_ITEM (object);

  wp_item_data_clear (&self->data);

  G_OBJECT_CLASS (wp_item_parent_class)->finalize (object);
}

static void
wp_item_get_property (GObject    *object,
                      guint       prop_id,
                      GValue     *value,
                      GParamSpec *pspec)
{
  WpItem *self = WP_ITEM (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->data.id);
      break;
    case PROP_UUID:
      g_value_set_string (value, self->data.uuid);
      break;
    case PROP_PARENT_ID:
      g_value_set_int64 (value, self->data.parent_id);
      break;
    case PROP_POSITION:
      g_value_set_int (value, self->data.position);
      break;
    case PROP_KIND:
      g_value_set_string (value, wp_item_kind_to_string (self->data.kind));
      break;
    case PROP_TITLE:
      g_value_set_string (value, self->data.title);
      break;
    case PROP_DESCRIPTION:
      g_value_set_string (value, self->data.description);
      break;
    case PROP_STATUS:
      g_value_set_string (value, wp_item_status_to_string (self->data.status));
      break;
    case PROP_EFFECTIVE_STATUS:
      g_value_set_string (value, wp_item_status_to_string (self->data.effective_status));
      break;
    case PROP_LIGHT:
      g_value_set_string (value, wp_light_to_string (self->data.light));
      break;
    case PROP_PROGRESS:
      g_value_set_int (value, self->data.progress);
      break;
    case PROP_EFFECTIVE_PROGRESS:
      g_value_set_int (value, self->data.effective_progress);
      break;
    case PROP_DUE:
      g_value_take_string (value, wp_date_to_iso (&self->data.due));
      break;
    case PROP_DONE_DATE:
      g_value_take_string (value, wp_date_to_iso (&self->data.done_date));
      break;
    case PROP_DUE_LABEL:
      g_value_set_string (value, self->data.due_label);
      break;
    case PROP_ONGOING:
      g_value_set_boolean (value, self->data.ongoing);
      break;
    case PROP_CARRIED_OVER:
      g_value_set_boolean (value, self->data.carried_over);
      break;
    case PROP_CARRIED_FORWARD:
      g_value_set_boolean (value, self->data.carried_forward);
      break;
    case PROP_N_CHILDREN:
      g_value_set_uint (value, self->data.n_children);
      break;
    case PROP_LEAD_AGENCIES:
      g_value_set_boxed (value, self->data.lead);
      break;
    case PROP_CO_AGENCIES:
      g_value_set_boxed (value, self->data.co);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wp_item_class_init (WpItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = wp_item_finalize;
  object_class->get_property = wp_item_get_property;

  properties[PROP_ID] = g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_UUID] = g_param_spec_string ("uuid", NULL, NULL, NULL, flags);
  properties[PROP_PARENT_ID] =
    g_param_spec_int64 ("parent-id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_POSITION] = g_param_spec_int ("position", NULL, NULL, 0, G_MAXINT, 0, flags);
  properties[PROP_KIND] = g_param_spec_string ("kind", NULL, NULL, "area", flags);
  properties[PROP_TITLE] = g_param_spec_string ("title", NULL, NULL, "", flags);
  properties[PROP_DESCRIPTION] = g_param_spec_string ("description", NULL, NULL, "", flags);
  properties[PROP_STATUS] = g_param_spec_string ("status", NULL, NULL, "not_started", flags);
  properties[PROP_EFFECTIVE_STATUS] =
    g_param_spec_string ("effective-status", NULL, NULL, "not_started", flags);
  properties[PROP_LIGHT] = g_param_spec_string ("light", NULL, NULL, "green", flags);
  properties[PROP_PROGRESS] = g_param_spec_int ("progress", NULL, NULL, -1, 100, 0, flags);
  properties[PROP_EFFECTIVE_PROGRESS] =
    g_param_spec_int ("effective-progress", NULL, NULL, 0, 100, 0, flags);
  properties[PROP_DUE] = g_param_spec_string ("due", NULL, NULL, NULL, flags);
  properties[PROP_DUE_LABEL] = g_param_spec_string ("due-label", NULL, NULL, "", flags);
  properties[PROP_DONE_DATE] = g_param_spec_string ("done-date", NULL, NULL, NULL, flags);
  properties[PROP_ONGOING] = g_param_spec_boolean ("ongoing", NULL, NULL, FALSE, flags);
  properties[PROP_CARRIED_OVER] =
    g_param_spec_boolean ("carried-over", NULL, NULL, FALSE, flags);
  properties[PROP_CARRIED_FORWARD] =
    g_param_spec_boolean ("carried-forward", NULL, NULL, FALSE, flags);
  properties[PROP_N_CHILDREN] =
    g_param_spec_uint ("n-children", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties[PROP_LEAD_AGENCIES] =
    g_param_spec_boxed ("lead-agencies", NULL, NULL, G_TYPE_STRV, flags);
  properties[PROP_CO_AGENCIES] =
    g_param_spec_boxed ("co-agencies", NULL, NULL, G_TYPE_STRV, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
wp_item_init (WpItem *self)
{
  g_date_clear (&self->data.due, 1);
  g_date_clear (&self->data.done_date, 1);
}

/* Takes the contents of @data, leaving it cleared. */
WpItem *
_wp_item_new (WpItemData *data)
{
  WpItem *self = g_object_new (WP_TYPE_ITEM, NULL);

  self->data = *data;
  self->data.revision = next_revision ();
  memset (data, 0, sizeof *data);
  g_date_clear (&data->due, 1);

  return self;
}

static gboolean
strv_equal0 (char **a,
             char **b)
{
  if (a == NULL || b == NULL)
    return a == b;
  return g_strv_equal ((const char * const *) a, (const char * const *) b);
}

#define UPDATE_SCALAR(field, prop) \
  if (self->data.field != data->field) \
    { \
      self->data.field = data->field; \
      self->data.revision = next_revision (); \
      g_object_notify_by_pspec (G_OBJECT (self), properties[prop]); \
    }

#define UPDATE_STRING(field, prop) \
  if (g_strcmp0 (self->data.field, data->field) != 0) \
    { \
      g_free (self->data.field); \
      self->data.field = g_steal_pointer (&data->field); \
      self->data.revision = next_revision (); \
      g_object_notify_by_pspec (G_OBJECT (self), properties[prop]); \
    }

#define UPDATE_STRV(field, prop) \
  if (!strv_equal0 (self->data.field, data->field)) \
    { \
      g_strfreev (self->data.field); \
      self->data.field = g_steal_pointer (&data->field); \
      self->data.revision = next_revision (); \
      g_object_notify_by_pspec (G_OBJECT (self), properties[prop]); \
    }

static gboolean
dates_equal (const GDate *a,
             const GDate *b)
{
  if (g_date_valid (a) != g_date_valid (b))
    return FALSE;
  return !g_date_valid (a) || g_date_compare (a, b) == 0;
}

/* Refreshes the item from a freshly read row, notifying what changed. */
void
_wp_item_update (WpItem     *self,
                 WpItemData *data)
{
  gboolean due_changed;

  g_return_if_fail (WP_IS_ITEM (self));
  g_return_if_fail (self->data.id == data->id);

  g_object_freeze_notify (G_OBJECT (self));

  self->data.plan_id = data->plan_id;
  self->data.plan_year = data->plan_year;
  UPDATE_SCALAR (parent_id, PROP_PARENT_ID);
  _wp_item_set_position (self, data->position);
  UPDATE_SCALAR (kind, PROP_KIND);
  UPDATE_STRING (title, PROP_TITLE);
  UPDATE_STRING (description, PROP_DESCRIPTION);
  UPDATE_SCALAR (status, PROP_STATUS);
  UPDATE_SCALAR (effective_status, PROP_EFFECTIVE_STATUS);
  UPDATE_SCALAR (light, PROP_LIGHT);
  UPDATE_SCALAR (progress, PROP_PROGRESS);
  UPDATE_SCALAR (effective_progress, PROP_EFFECTIVE_PROGRESS);
  UPDATE_STRING (due_label, PROP_DUE_LABEL);
  UPDATE_SCALAR (ongoing, PROP_ONGOING);
  UPDATE_SCALAR (carried_over, PROP_CARRIED_OVER);
  UPDATE_SCALAR (carried_forward, PROP_CARRIED_FORWARD);
  UPDATE_SCALAR (n_children, PROP_N_CHILDREN);
  UPDATE_STRV (lead, PROP_LEAD_AGENCIES);
  UPDATE_STRV (co, PROP_CO_AGENCIES);

  due_changed = !dates_equal (&self->data.due, &data->due);
  if (due_changed)
    {
      self->data.due = data->due;
      self->data.revision = next_revision ();
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DUE]);
    }
  if (!dates_equal (&self->data.done_date, &data->done_date))
    {
      self->data.done_date = data->done_date;
      self->data.revision = next_revision ();
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DONE_DATE]);
    }

  g_object_thaw_notify (G_OBJECT (self));

  wp_item_data_clear (data);
}

#undef UPDATE_SCALAR

/* The place among siblings: notified, but not a new revision, since no
 * view draws the number. */
void
_wp_item_set_position (WpItem *self,
                       int     position)
{
  if (self->data.position == position)
    return;
  self->data.position = position;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_POSITION]);
}
#undef UPDATE_STRING
#undef UPDATE_STRV

gint64
wp_item_get_id (WpItem *self)
{
  g_return_val_if_fail (WP_IS_ITEM (self), 0);
  return self->data.id;
}

const char *
wp_item_get_uuid (WpItem *self)
{
  g_return_val_if_fail (WP_IS_ITEM (self), NULL);
  return self->data.uuid;
}

gint64
wp_item_get_plan_id (WpItem *self)
{
  g_return_val_if_fail (WP_IS_ITEM (self), 0);
  return self->data.plan_id;
}

int
wp_item_get_plan_year (WpItem *self)
{
  g_return_val_if_fail (WP_IS_ITEM (self), 0);
  return self->data.plan_year;
}

gint64
wp_item_get_parent_id (WpItem *self)
{
  g_return_val_if_fail (WP_IS_ITEM (self), 0);
  return self->data.parent_id;
}

int
wp_item_get_position (WpItem *self)
{
  g_return_val_if_fail (WP_IS_ITEM (self), 0);
  return self->data.position;
}

WpItemKind
wp_item_get_kind (WpItem *self)
{
  g_return_val_if_fail (WP_IS_ITEM (self), WP_ITEM_KIND_AREA);
  return self->data.kind;
}

const char *
wp_item_get_title (WpItem *self)
{
  g_return_val_if_fail (WP_IS_ITEM (self), NULL);
  return self->data.title;
}

const char *
wp_item_get_description (WpItem *self)
{
  g_return_val_if_fail (WP_IS_ITEM (self), NULL);
  return self->data.description;
}

WpItemStatus
wp_item_get_status (WpItem *self)
{
  g_return_val_if_fail (WP_IS_ITEM (self), WP_ITEM_STATUS_NOT_STARTED);
  return self->data.status;
}

/* The stored progress, or -1 when it is derived from the children. */
int
wp_item_get_progress (WpItem *self)
{
  g_return_val_if_fail (WP_IS_ITEM (self), 0);
  return self->data.progress;
}

int
wp_item_get_effective_progress (WpItem *self)
{
  g_return_val_if_fail (WP_IS_ITEM (self), 0);
  return self->data.effective_progress;
}

/* Returns: (nullable): the due date, or %NULL when there is none */
const GDate *
wp_item_get_due (WpItem *self)
{
  g_return_val_if_fail (WP_IS_ITEM (self), NULL);
  return g_date_valid (&self->data.due) ? &self->data.due : NULL;
}

/* Returns: (nullable): the day the item was marked done, or %NULL */
const GDate *
wp_item_get_done_date (WpItem *self)
{
  g_return_val_if_fail (WP_IS_ITEM (self), NULL);
  return g_date_valid (&self->data.done_date) ? &self->data.done_date : NULL;
}

const char *
wp_item_get_due_label (WpItem *self)
{
  g_return_val_if_fail (WP_IS_ITEM (self), NULL);
  return self->data.due_label;
}

gboolean
wp_item_get_ongoing (WpItem *self)
{
  g_return_val_if_fail (WP_IS_ITEM (self), FALSE);
  return self->data.ongoing;
}

gboolean
wp_item_get_carried_over (WpItem *self)
{
  g_return_val_if_fail (WP_IS_ITEM (self), FALSE);
  return self->data.carried_over;
}

/* Whether the item went on into next year's plan (已结转): its year no
 * longer judges it, see wp_light_roll_up(). */
gboolean
wp_item_get_carried_forward (WpItem *self)
{
  g_return_val_if_fail (WP_IS_ITEM (self), FALSE);
  return self->data.carried_forward;
}

guint
wp_item_get_n_children (WpItem *self)
{
  g_return_val_if_fail (WP_IS_ITEM (self), 0);
  return self->data.n_children;
}

const char * const *
wp_item_get_lead_agencies (WpItem *self)
{
  static const char *empty[] = { NULL };
  g_return_val_if_fail (WP_IS_ITEM (self), empty);
  return self->data.lead ? (const char * const *) self->data.lead : empty;
}

const char * const *
wp_item_get_co_agencies (WpItem *self)
{
  static const char *empty[] = { NULL };
  g_return_val_if_fail (WP_IS_ITEM (self), empty);
  return self->data.co ? (const char * const *) self->data.co : empty;
}

/* The status shown for the item: a parent that was not closed (done) or
 * put on hold (suspended) by hand takes its children's: all done is done,
 * any started is in progress. */
WpItemStatus
wp_item_get_effective_status (WpItem *self)
{
  g_return_val_if_fail (WP_IS_ITEM (self), WP_ITEM_STATUS_NOT_STARTED);
  return self->data.effective_status;
}

/* A number that changes whenever any field of the item changes: a view
 * that drew the item at one revision need not draw it again at the same. */
guint
wp_item_get_revision (WpItem *self)
{
  g_return_val_if_fail (WP_IS_ITEM (self), 0);
  return self->data.revision;
}

/* The traffic light on the store's reference date: for a parent, the worst
 * of its own and of everything below it, so a red action shows on its area. */
WpLight
wp_item_get_light (WpItem *self)
{
  g_return_val_if_fail (WP_IS_ITEM (self), WP_LIGHT_NONE);
  return self->data.light;
}

/**
 * wp_item_get_status_label:
 *
 * Returns: the status as the views show it: 已结转 for work carried over
 *   into next year's plan, else the rolled-up status's name
 */
const char *
wp_item_get_status_label (WpItem *self)
{
  g_return_val_if_fail (WP_IS_ITEM (self), "");
  if (self->data.carried_forward)
    /* Translators: the status of an item of a year that went on into
     * the next year's plan (已结转) */
    return C_("status", "Carried over");
  return wp_item_status_to_label (self->data.effective_status);
}

/**
 * wp_item_get_light_label:
 *
 * Returns: the word shown beside the light: 已结转 for work carried over,
 *   the status's name on a finished item, else the light's
 */
const char *
wp_item_get_light_label (WpItem *self)
{
  g_return_val_if_fail (WP_IS_ITEM (self), "");
  if (self->data.carried_forward
      || (self->data.light == WP_LIGHT_GREEN
          && self->data.effective_status == WP_ITEM_STATUS_DONE))
    return wp_item_get_status_label (self);
  return wp_light_to_label (self->data.light);
}
