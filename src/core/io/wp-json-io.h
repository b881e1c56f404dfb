/* wp-json-io.h: the interchange JSON (workplan export/import --format json)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "wp-output.h"
#include "wp-store.h"

G_BEGIN_DECLS

#define WP_IO_ERROR (wp_io_error_quark ())

typedef enum {
  WP_IO_ERROR_INVALID,      /* malformed input: nothing was written */
  WP_IO_ERROR_UNSUPPORTED,  /* a format or version this build cannot read */
  WP_IO_ERROR_TOO_LARGE,
} WpIoError;

#define WP_JSON_FORMAT_VERSION 1
/* A plan is read whole, and json-glib's tree takes about seven times the
 * file: the 100,000-item plan of bench/ exports to 62 MiB and imports in
 * 445 MB. 256 MiB takes plans four times that size (about 1.8 GB to
 * import) and refuses larger files before reading a byte of them. */
#define WP_IO_MAX_INPUT_SIZE (256 * 1024 * 1024)

GQuark   wp_io_error_quark   (void);
char    *wp_json_export_plan (WpStore      *store,
                              gint64        plan_id,
                              GError      **error);
gboolean wp_json_export_plan_to (WpStore   *store,
                                 gint64     plan_id,
                                 WpOutput  *output,
                                 GError   **error);
WpPlan  *wp_json_import      (WpStore      *store,
                              const char   *data,
                              gssize        length,
                              int           year_override,
                              gboolean      replace,
                              GError      **error);

/* Parse and check first, write second: a bad file never opens a database. */
typedef struct _WpJsonDocument WpJsonDocument;

WpJsonDocument *wp_json_document_parse    (const char      *data,
                                           gssize           length,
                                           GError         **error);
WpJsonDocument *wp_json_document_load     (const char      *path,
                                           GError         **error);
int             wp_json_document_get_year (WpJsonDocument  *doc);
guint           wp_json_document_get_missing_attachments (WpJsonDocument *doc);
WpPlan         *wp_json_document_write    (WpJsonDocument  *doc,
                                           WpStore         *store,
                                           int              year_override,
                                           gboolean         replace,
                                           GError         **error);
void            wp_json_document_free     (WpJsonDocument  *doc);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (WpJsonDocument, wp_json_document_free)

G_END_DECLS
