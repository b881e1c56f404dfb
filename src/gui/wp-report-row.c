/* wp-report-row.c: one item of a report's draft, as the review shows it
 *
 * The review holds the draft flat, in the report's order: each row owns
 * its WpReportItem (whose children array is left empty: the children are
 * rows of their own) and has a level, 0 area, 1 key task, 2 action. Its
 * properties are what the review's cells show and its fields edit.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "wp-report-row.h"

struct _WpReportRow
{
  GObject       parent_instance;

  WpReportItem *item;   /* owned; its children are rows of their own */
  guint         level;
  gboolean      included;  /* checked: imported (the review's check box) */
};

enum {
  ROW_PROP_0,
  ROW_PROP_TITLE,
  ROW_PROP_LEAD,
  ROW_PROP_CO,
  ROW_PROP_DEADLINE,
  ROW_PROP_LEVEL,
  ROW_PROP_INCLUDED,
  ROW_N_PROPS
};

static GParamSpec *row_props[ROW_N_PROPS];

G_DEFINE_FINAL_TYPE (WpReportRow, wp_report_row, G_TYPE_OBJECT)

char *
wp_report_join_names (GPtrArray *names)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < names->len; i++)
    {
      if (i > 0)
        g_string_append (text, "、");
      g_string_append (text, g_ptr_array_index (names, i));
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* Names as typed: separated by 、，,；; or spaces */
static void
set_names (GPtrArray  *names,
           const char *text)
{
  g_auto(GStrv) parts = g_regex_split_simple ("[、，,；;\\s]+", text != NULL ? text : "", 0, 0);

  g_ptr_array_set_size (names, 0);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      gboolean seen = FALSE;

      for (guint k = 0; k < names->len && !seen; k++)
        seen = g_str_equal (g_ptr_array_index (names, k), parts[i]);
      if (parts[i][0] != '\0' && !seen)
        g_ptr_array_add (names, g_strdup (parts[i]));
    }
}

static void
wp_report_row_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  WpReportRow *self = WP_REPORT_ROW (object);

  switch (prop_id)
    {
    case ROW_PROP_TITLE:
      g_value_set_string (value, self->item->title);
      break;
    case ROW_PROP_LEAD:
      g_value_take_string (value, wp_report_join_names (self->item->lead));
      break;
    case ROW_PROP_CO:
      g_value_take_string (value, wp_report_join_names (self->item->co));
      break;
    case ROW_PROP_DEADLINE:
      g_value_set_string (value, self->item->due_label);
      break;
    case ROW_PROP_LEVEL:
      g_value_set_uint (value, self->level);
      break;
    case ROW_PROP_INCLUDED:
      g_value_set_boolean (value, self->included);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wp_report_row_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  WpReportRow *self = WP_REPORT_ROW (object);
  const char *text = NULL;

  if (G_VALUE_HOLDS_STRING (value))
    text = g_value_get_string (value) != NULL ? g_value_get_string (value) : "";
  switch (prop_id)
    {
    case ROW_PROP_TITLE:
      g_free (self->item->title);
      self->item->title = g_strstrip (g_strdup (text));
      break;
    case ROW_PROP_LEAD:
      set_names (self->item->lead, text);
      break;
    case ROW_PROP_CO:
      set_names (self->item->co, text);
      break;
    case ROW_PROP_DEADLINE:
      g_free (self->item->due_label);
      self->item->due_label = g_strstrip (g_strdup (text));
      break;
    case ROW_PROP_LEVEL:
      wp_report_row_set_level (self, g_value_get_uint (value));
      return;
    case ROW_PROP_INCLUDED:
      wp_report_row_set_included (self, g_value_get_boolean (value));
      return;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
      return;
    }
  g_object_notify_by_pspec (object, pspec);
}

static void
wp_report_row_finalize (GObject *object)
{
  WpReportRow *self = WP_REPORT_ROW (object);

  g_clear_pointer (&self->item, wp_report_item_free);
  G_OBJECT_CLASS (wp_report_row_parent_class)->finalize (object);
}

static void
wp_report_row_class_init (WpReportRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->get_property = wp_report_row_get_property;
  object_class->set_property = wp_report_row_set_property;
  object_class->finalize = wp_report_row_finalize;
  row_props[ROW_PROP_TITLE] = g_param_spec_string ("title", NULL, NULL, "", flags);
  row_props[ROW_PROP_LEAD] = g_param_spec_string ("lead", NULL, NULL, "", flags);
  row_props[ROW_PROP_CO] = g_param_spec_string ("co", NULL, NULL, "", flags);
  row_props[ROW_PROP_DEADLINE] = g_param_spec_string ("deadline", NULL, NULL, "", flags);
  row_props[ROW_PROP_LEVEL] = g_param_spec_uint ("level", NULL, NULL, 0, WP_REPORT_ROW_MAX_LEVEL, 0, flags);
  row_props[ROW_PROP_INCLUDED] = g_param_spec_boolean ("included", NULL, NULL, TRUE, flags);
  g_object_class_install_properties (object_class, ROW_N_PROPS, row_props);
}

static void
wp_report_row_init (WpReportRow *self)
{
  self->included = TRUE;
}

/**
 * wp_report_row_new:
 * @item: (transfer full): the item, whose children are rows of their own
 *
 * Returns: (transfer full): the row
 */
WpReportRow *
wp_report_row_new (WpReportItem *item,
                   guint         level)
{
  WpReportRow *self = g_object_new (WP_TYPE_REPORT_ROW, NULL);

  self->item = item;
  self->level = MIN (level, WP_REPORT_ROW_MAX_LEVEL);
  return self;
}

void
wp_report_row_set_level (WpReportRow *self,
                         guint        level)
{
  g_return_if_fail (WP_IS_REPORT_ROW (self));
  level = MIN (level, WP_REPORT_ROW_MAX_LEVEL);
  if (self->level == level)
    return;
  self->level = level;
  g_object_notify_by_pspec (G_OBJECT (self), row_props[ROW_PROP_LEVEL]);
}

WpReportItem *
wp_report_row_get_item (WpReportRow *self)
{
  g_return_val_if_fail (WP_IS_REPORT_ROW (self), NULL);
  return self->item;
}

const char *
wp_report_row_get_title (WpReportRow *row)
{
  g_return_val_if_fail (WP_IS_REPORT_ROW (row), NULL);
  return row->item->title;
}

guint
wp_report_row_get_level (WpReportRow *row)
{
  g_return_val_if_fail (WP_IS_REPORT_ROW (row), 0);
  return row->level;
}

gboolean
wp_report_row_get_included (WpReportRow *self)
{
  g_return_val_if_fail (WP_IS_REPORT_ROW (self), FALSE);
  return self->included;
}

void
wp_report_row_set_included (WpReportRow *self,
                            gboolean     included)
{
  g_return_if_fail (WP_IS_REPORT_ROW (self));
  included = !!included;
  if (self->included == included)
    return;
  self->included = included;
  g_object_notify_by_pspec (G_OBJECT (self), row_props[ROW_PROP_INCLUDED]);
}
