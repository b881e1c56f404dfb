/* wp-agency.c: an organisation unit (单位) that leads or supports items
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "wp-agency.h"

struct _WpAgency
{
  GObject parent_instance;

  gint64 id;
  char *name;
  char *short_name;
  WpAgencyKind kind;
};

G_DEFINE_FINAL_TYPE (WpAgency, wp_agency, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_NAME,
  PROP_SHORT_NAME,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
wp_agency_finalize (GObject *object)
{
  WpAgency *self = WP_AGENCY (object);

  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->short_name, g_free);

  G_OBJECT_CLASS (wp_agency_parent_class)->finalize (object);
}

static void
wp_agency_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  WpAgency *self = WP_AGENCY (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_SHORT_NAME:
      g_value_set_string (value, self->short_name);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wp_agency_class_init (WpAgencyClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = wp_agency_finalize;
  object_class->get_property = wp_agency_get_property;

  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_SHORT_NAME] =
    g_param_spec_string ("short-name", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
wp_agency_init (WpAgency *self)
{
}

WpAgency *
wp_agency_new (gint64        id,
               const char   *name,
               const char   *short_name,
               WpAgencyKind  kind)
{
  WpAgency *self = g_object_new (WP_TYPE_AGENCY, NULL);

  self->id = id;
  self->name = g_strdup (name);
  self->short_name = g_strdup (short_name ? short_name : "");
  self->kind = kind;

  return self;
}

gint64
wp_agency_get_id (WpAgency *self)
{
  g_return_val_if_fail (WP_IS_AGENCY (self), 0);
  return self->id;
}

const char *
wp_agency_get_name (WpAgency *self)
{
  g_return_val_if_fail (WP_IS_AGENCY (self), NULL);
  return self->name;
}

const char *
wp_agency_get_short_name (WpAgency *self)
{
  g_return_val_if_fail (WP_IS_AGENCY (self), NULL);
  return self->short_name;
}

WpAgencyKind
wp_agency_get_kind (WpAgency *self)
{
  g_return_val_if_fail (WP_IS_AGENCY (self), WP_AGENCY_KIND_OTHER);
  return self->kind;
}

static gboolean
has_any (const char         *name,
         const char * const *parts)
{
  for (guint i = 0; parts[i] != NULL; i++)
    if (strstr (name, parts[i]) != NULL)
      return TRUE;
  return FALSE;
}

/**
 * wp_agency_kind_guess:
 * @name: an agency's full name, e.g. 市中级法院
 *
 * Reads the kind a Chinese agency name states: courts (法院), procuratorates
 * (检察院), public security (公安, 警), party committee bodies (市委…, 党委,
 * 纪委), districts (各区, 区人民政府) and government departments (市…局/委/
 * 办/厅). People's congress and CPPCC bodies, associations and the rest are
 * "other". New agencies start with this kind; the directory can change it.
 */
WpAgencyKind
wp_agency_kind_guess (const char *name)
{
  static const char * const court[] = { "法院", "法庭", NULL };
  static const char * const procuratorate[] = { "检察", NULL };
  static const char * const police[] = { "公安", "警", NULL };
  static const char * const party[] = { "党委", "纪委", "党组", NULL };
  static const char * const party_prefix[] = { "市委", "区委", "县委", "省委", NULL };
  static const char * const other[] = { "人大", "政协", "团市委", "团区委", "工会", "妇联",
                                        "协会", "仲裁委员会", NULL };
  static const char * const district[] = { "各区", "区人民政府", "区政府", "县人民政府",
                                           "县政府", NULL };
  static const char * const local[] = { "市", "区", "县", "省", NULL };
  static const char * const bureau[] = { "局", "委", "办", "厅", "署", NULL };

  if (name == NULL)
    return WP_AGENCY_KIND_OTHER;
  if (has_any (name, court))
    return WP_AGENCY_KIND_COURT;
  if (has_any (name, procuratorate))
    return WP_AGENCY_KIND_PROCURATORATE;
  if (has_any (name, police))
    return WP_AGENCY_KIND_PUBLIC_SECURITY;
  if (has_any (name, other))
    return WP_AGENCY_KIND_OTHER;
  if (has_any (name, party))
    return WP_AGENCY_KIND_PARTY_COMMITTEE;
  for (guint i = 0; party_prefix[i] != NULL; i++)
    if (g_str_has_prefix (name, party_prefix[i]))
      return WP_AGENCY_KIND_PARTY_COMMITTEE;
  if (has_any (name, district))
    return WP_AGENCY_KIND_DISTRICT;
  for (guint i = 0; local[i] != NULL; i++)
    if (g_str_has_prefix (name, local[i]))
      for (guint k = 0; bureau[k] != NULL; k++)
        if (g_str_has_suffix (name, bureau[k]))
          return WP_AGENCY_KIND_GOVERNMENT_BUREAU;
  return WP_AGENCY_KIND_OTHER;
}

/* The length, in characters, of the longest run of characters @a and @b
 * have in common */
static guint
longest_common_run (const char *a,
                    const char *b)
{
  g_autofree gunichar *x = g_utf8_to_ucs4_fast (a, -1, NULL);
  g_autofree gunichar *y = g_utf8_to_ucs4_fast (b, -1, NULL);
  glong nx = 0, ny = 0;
  g_autofree guint *row = NULL;
  guint best = 0;

  while (x[nx] != 0)
    nx++;
  while (y[ny] != 0)
    ny++;
  row = g_new0 (guint, ny + 1);
  for (glong i = 1; i <= nx; i++)
    for (glong j = ny; j >= 1; j--)
      {
        row[j] = x[i - 1] == y[j - 1] ? row[j - 1] + 1 : 0;
        best = MAX (best, row[j]);
      }
  return best;
}

/**
 * wp_agency_names_alike:
 *
 * Whether two names may write the same agency: they share a run of at
 * least two characters that is at least half of the shorter name (市禁毒办
 * and 市禁毒委员会办公室, 司法局 and 市司法局), not merely the 市 and 局
 * every bureau has (市司法局 and 市公安局).
 *
 * Returns: how alike they are (the length of the shared run), or 0 when
 *   they are not
 */
guint
wp_agency_names_alike (const char *a,
                       const char *b)
{
  guint run, shorter;

  if (a == NULL || b == NULL || a[0] == '\0' || b[0] == '\0')
    return 0;
  run = longest_common_run (a, b);
  shorter = (guint) MIN (g_utf8_strlen (a, -1), g_utf8_strlen (b, -1));
  return run >= 2 && 2 * run >= shorter ? run : 0;
}
