/* wp-zip-xml.h: reading the XML parts of an Office Open XML zip (.xlsx, .docx)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <zip.h>
#include <libxml/xmlreader.h>

G_BEGIN_DECLS

/* What a reader tells the user, in its own words: each sets @error. */
typedef struct {
  guint64   max_unpacked;  /* bytes all parts may unpack to */
  void    (*missing)   (GError **error, const char *name);
  void    (*damaged)   (GError **error, const char *name);
  void    (*too_large) (GError **error);
  void    (*doctype)   (GError **error, const char *name);
} WpZipXmlErrors;

/* The package: its zip, and what its parts have unpacked to so far */
typedef struct {
  zip_t                *zip;
  guint64               unpacked;
  const WpZipXmlErrors *errors;
} WpZipXml;

/* One part being read */
typedef struct {
  WpZipXml   *package;
  zip_file_t *file;
  gboolean    too_large;
} WpZipXmlPart;

xmlTextReaderPtr wp_zip_xml_open_part  (WpZipXml          *package,
                                        WpZipXmlPart      *part,
                                        const char        *name,
                                        gboolean           optional,
                                        GError           **error);
void             wp_zip_xml_close_part (WpZipXmlPart      *part,
                                        xmlTextReaderPtr   reader);
int              wp_zip_xml_next       (xmlTextReaderPtr   reader,
                                        WpZipXmlPart      *part,
                                        const char        *name,
                                        GError           **error);
gboolean         wp_zip_xml_is_element (xmlTextReaderPtr   reader,
                                        const char        *name);

G_END_DECLS
