/* wp-table-xls-merges.c: the merged ranges of an .xls workbook's first
 * sheet, which libfreexl does not report
 *
 * Offices merge a 类别 or a key task down over the rows it covers, and a
 * lead agency down over its actions; without the ranges only the first
 * row of each would have its text. So the workbook is opened here a second
 * time: the compound file (OLE2) is followed to its Workbook stream, and
 * its BIFF records are scanned for the first worksheet's MERGEDCELLS
 * (0x00E5). Only that is read; everything else is FreeXL's. A file this
 * reader cannot follow gives no ranges, never an error: the cells are
 * still read, as before, and the importer takes an empty parent cell as
 * the same as above. It runs in wp-table-xls.c's child process, and every
 * offset is checked against the file's size.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "wp-table.h"

#define END_OF_CHAIN 0xfffffffeu
#define BIFF_BOF 0x0809
#define BIFF_EOF 0x000a
#define BIFF_BOUNDSHEET 0x0085
#define BIFF_MERGEDCELLS 0x00e5
/* (Excel writes at most 1026 ranges a record; a sheet may have more records) */
#define MAX_MERGES 65536

typedef struct {
  const guint8 *data;
  gsize         size;
  gsize         sector_size;
  GArray       *fat;      /* guint32 */
} Cfb;

static inline guint16
le16 (const guint8 *p)
{
  return (guint16) (p[0] | p[1] << 8);
}

static inline guint32
le32 (const guint8 *p)
{
  return (guint32) p[0] | (guint32) p[1] << 8 | (guint32) p[2] << 16 | (guint32) p[3] << 24;
}

static const guint8 *
sector (Cfb     *cfb,
        guint32  n)
{
  gsize offset = ((gsize) n + 1) * cfb->sector_size;

  if (n >= END_OF_CHAIN || offset > cfb->size || cfb->size - offset < cfb->sector_size)
    return NULL;
  return cfb->data + offset;
}

/* The sectors of a chain, joined; NULL when the chain leaves the file or
 * loops (it has more links than the FAT has entries) */
static GByteArray *
read_chain (Cfb     *cfb,
            guint32  start,
            gsize    limit)
{
  g_autoptr(GByteArray) out = g_byte_array_new ();
  guint steps = 0;

  for (guint32 n = start; n != END_OF_CHAIN && out->len < limit; steps++)
    {
      const guint8 *data = sector (cfb, n);

      if (data == NULL || n >= cfb->fat->len || steps > cfb->fat->len)
        return NULL;
      g_byte_array_append (out, data, cfb->sector_size);
      n = g_array_index (cfb->fat, guint32, n);
    }
  return g_steal_pointer (&out);
}

static void
add_fat_sector (Cfb     *cfb,
                guint32  n)
{
  const guint8 *data = sector (cfb, n);

  for (gsize i = 0; data != NULL && i < cfb->sector_size; i += 4)
    {
      guint32 next = le32 (data + i);

      g_array_append_val (cfb->fat, next);
    }
}

/* Whether the directory entry is named @name (ASCII, stored as UTF-16LE
 * with its terminator counted) */
static gboolean
has_name (const guint8 *entry,
          const char   *name)
{
  gsize n = strlen (name);

  if (le16 (entry + 0x40) != 2 * (n + 1))
    return FALSE;
  for (gsize i = 0; i < n; i++)
    if (entry[2 * i] != (guint8) name[i] || entry[2 * i + 1] != 0)
      return FALSE;
  return TRUE;
}

/* The Workbook stream (or Book, BIFF5) of the compound file */
static GByteArray *
workbook_stream (Cfb *cfb)
{
  static const guint8 magic[] = { 0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1 };
  const guint8 *h = cfb->data;
  g_autoptr(GByteArray) directory = NULL;
  g_autoptr(GByteArray) mini_stream = NULL;
  g_autoptr(GByteArray) mini_fat = NULL;
  guint32 mini_cutoff, difat;
  guint16 shift;

  if (cfb->size < 512 || memcmp (h, magic, sizeof magic) != 0)
    return NULL;
  shift = le16 (h + 0x1e);
  if (shift != 9 && shift != 12)
    return NULL;
  cfb->sector_size = (gsize) 1 << shift;
  mini_cutoff = le32 (h + 0x38);

  /* The FAT's sectors: 109 named in the header, the rest in DIFAT sectors */
  for (guint i = 0; i < 109; i++)
    add_fat_sector (cfb, le32 (h + 0x4c + 4 * i));
  difat = le32 (h + 0x44);
  for (guint k = 0; k < le32 (h + 0x48) && k < cfb->size / cfb->sector_size; k++)
    {
      const guint8 *data = sector (cfb, difat);

      if (data == NULL)
        break;
      for (gsize i = 0; i + 4 < cfb->sector_size; i += 4)
        add_fat_sector (cfb, le32 (data + i));
      difat = le32 (data + cfb->sector_size - 4);
    }

  directory = read_chain (cfb, le32 (h + 0x30), WP_TABLE_MAX_BYTES);
  if (directory == NULL || directory->len < 128)
    return NULL;
  for (gsize e = 0; e + 128 <= directory->len; e += 128)
    {
      const guint8 *entry = directory->data + e;
      guint32 start = le32 (entry + 0x74), size = le32 (entry + 0x78);
      g_autoptr(GByteArray) stream = NULL;

      if (entry[0x42] != 2 || (!has_name (entry, "Workbook") && !has_name (entry, "Book")))
        continue;
      if (size > WP_TABLE_MAX_BYTES)
        return NULL;
      if (size >= mini_cutoff)
        stream = read_chain (cfb, start, size);
      else
        {
          /* A small stream is in 64-byte sectors of the root's stream */
          const guint8 *root = directory->data;
          guint steps = 0;

          mini_stream = read_chain (cfb, le32 (root + 0x74), le32 (root + 0x78));
          mini_fat = read_chain (cfb, le32 (h + 0x3c), WP_TABLE_MAX_BYTES);
          if (mini_stream == NULL || mini_fat == NULL)
            return NULL;
          stream = g_byte_array_new ();
          for (guint32 n = start; n != END_OF_CHAIN && stream->len < size; steps++)
            {
              if ((gsize) n * 4 + 4 > mini_fat->len || (gsize) n * 64 + 64 > mini_stream->len
                  || steps > mini_fat->len / 4)
                return NULL;
              g_byte_array_append (stream, mini_stream->data + (gsize) n * 64, 64);
              n = le32 (mini_fat->data + (gsize) n * 4);
            }
        }
      if (stream == NULL || stream->len < size)
        return NULL;
      g_byte_array_set_size (stream, size);
      return g_steal_pointer (&stream);
    }
  return NULL;
}

/* The MERGEDCELLS of the substream at @offset (a worksheet's BOF) */
static void
read_sheet_merges (const guint8 *data,
                   gsize         size,
                   gsize         offset,
                   GArray       *merges)
{
  for (gsize pos = offset; pos + 4 <= size;)
    {
      guint16 type = le16 (data + pos), length = le16 (data + pos + 2);
      const guint8 *body = data + pos + 4;

      if (size - pos - 4 < length || (pos == offset && type != BIFF_BOF))
        return;
      if (type == BIFF_EOF)
        return;
      if (type == BIFF_MERGEDCELLS && length >= 2)
        for (guint i = 0; i < le16 (body) && 2 + 8 * (gsize) (i + 1) <= length; i++)
          {
            const guint8 *r = body + 2 + 8 * i;
            WpTableRange range = { le16 (r), le16 (r + 4), le16 (r + 2), le16 (r + 6) };

            if (merges->len >= MAX_MERGES)
              return;
            if (range.first_row <= range.last_row && range.first_column <= range.last_column)
              g_array_append_val (merges, range);
          }
      pos += 4 + (gsize) length;
    }
}

/**
 * _wp_table_read_xls_merges:
 * @data: the whole .xls file
 * @merges: (element-type WpTableRange): where the ranges are added
 *
 * Adds the merged ranges of the workbook's first worksheet (the sheet
 * FreeXL reads as number 0) to @merges; adds nothing to a file it cannot
 * follow.
 */
void
_wp_table_read_xls_merges (const guint8 *data,
                           gsize         size,
                           GArray       *merges)
{
  g_autoptr(GArray) fat = g_array_new (FALSE, FALSE, sizeof (guint32));
  Cfb cfb = { data, size, 0, fat };
  g_autoptr(GByteArray) stream = workbook_stream (&cfb);

  if (stream == NULL)
    return;
  /* The globals substream names each sheet and where its BOF is */
  for (gsize pos = 0; pos + 4 <= stream->len;)
    {
      guint16 type = le16 (stream->data + pos), length = le16 (stream->data + pos + 2);
      const guint8 *body = stream->data + pos + 4;

      if (stream->len - pos - 4 < length || type == BIFF_EOF || (pos == 0 && type != BIFF_BOF))
        return;
      /* (a worksheet's type is 0; chart and macro sheets are not read) */
      if (type == BIFF_BOUNDSHEET && length >= 6 && body[5] == 0)
        {
          read_sheet_merges (stream->data, stream->len, le32 (body), merges);
          return;
        }
      pos += 4 + (gsize) length;
    }
}
