/* wp-zip-xml.c: reading the XML parts of an Office Open XML zip (.xlsx, .docx)
 *
 * The sheet reader (wp-table-xlsx.c) and the Word reader (wp-report-docx.c)
 * read mailed-in files the same careful way: a part's size is checked
 * against what the whole package may unpack to before it is opened, and
 * what actually comes out is counted as it is read (a zip's sizes are what
 * its writer says); the XML is read as a stream, with no network and no
 * entities expanded, and a part that declares a document type is refused.
 * Each reader says what went wrong in its own words (WpZipXmlErrors).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "wp-zip-xml.h"

static int
part_read (void *context,
           char *buffer,
           int   length)
{
  WpZipXmlPart *part = context;
  zip_int64_t n = zip_fread (part->file, buffer, (zip_uint64_t) length);

  if (n < 0)
    return -1;
  part->package->unpacked += (guint64) n;
  if (part->package->unpacked > part->package->errors->max_unpacked)
    {
      part->too_large = TRUE;
      return -1;
    }
  return (int) n;
}

static int
part_close (void *context)
{
  return 0;
}

/**
 * wp_zip_xml_open_part:
 * @optional: whether a package without the part is fine
 *
 * Returns: a reader of the part @name, or %NULL: with @error set, or
 *   without it when the part is not there and @optional
 */
xmlTextReaderPtr
wp_zip_xml_open_part (WpZipXml      *package,
                      WpZipXmlPart  *part,
                      const char    *name,
                      gboolean       optional,
                      GError       **error)
{
  const WpZipXmlErrors *errors = package->errors;
  zip_int64_t index = zip_name_locate (package->zip, name, 0);
  zip_stat_t stat;

  part->file = NULL;
  if (index < 0)
    {
      if (!optional)
        errors->missing (error, name);
      return NULL;
    }
  zip_stat_init (&stat);
  if (zip_stat_index (package->zip, (zip_uint64_t) index, 0, &stat) != 0)
    return errors->damaged (error, name), NULL;
  if ((stat.valid & ZIP_STAT_SIZE) && package->unpacked + stat.size > errors->max_unpacked)
    return errors->too_large (error), NULL;
  part->package = package;
  part->too_large = FALSE;
  part->file = zip_fopen_index (package->zip, (zip_uint64_t) index, 0);
  if (part->file == NULL)
    return errors->damaged (error, name), NULL;
  /* NONET: no fetching; no NOENT nor DTDLOAD: entities stay unexpanded. */
  return xmlReaderForIO (part_read, part_close, part, name, NULL,
                         XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
}

void
wp_zip_xml_close_part (WpZipXmlPart     *part,
                       xmlTextReaderPtr  reader)
{
  if (reader != NULL)
    xmlFreeTextReader (reader);
  if (part->file != NULL)
    zip_fclose (part->file);
  part->file = NULL;
}

/* The next node of @reader: 1, 0 at the end, or -1 with @error set. */
int
wp_zip_xml_next (xmlTextReaderPtr   reader,
                 WpZipXmlPart      *part,
                 const char        *name,
                 GError           **error)
{
  int ret = xmlTextReaderRead (reader);

  if (ret == 1 && xmlTextReaderNodeType (reader) == XML_READER_TYPE_DOCUMENT_TYPE)
    {
      part->package->errors->doctype (error, name);
      return -1;
    }
  if (ret < 0)
    {
      if (part->too_large)
        part->package->errors->too_large (error);
      else
        part->package->errors->damaged (error, name);
    }
  return ret;
}

gboolean
wp_zip_xml_is_element (xmlTextReaderPtr  reader,
                       const char       *name)
{
  return xmlTextReaderNodeType (reader) == XML_READER_TYPE_ELEMENT
         && g_strcmp0 ((const char *) xmlTextReaderConstLocalName (reader), name) == 0;
}
