/* wp-table-xls.c: the first sheet of an old binary .xls workbook (BIFF,
 * still what many WPS offices save), as WpTable, read with libfreexl
 *
 * FreeXL gives values, not layout: it does not report merged ranges, so
 * wp-table-xls-merges.c reads them from the file's BIFF records (where it
 * cannot, a merged cell's text is in its first cell only, and the
 * importer takes an empty parent cell as "the same as above").
 *
 * FreeXL 1.0.6 (Debian 12's) crashes on some damaged files (a double free
 * and a wild memcpy in freexl_open(), found by tests/fuzz/fuzz-xls; the
 * files are in tests/fuzz/known-freexl/). So the workbook is read in a
 * child process, which sends the cells back as a GVariant: a file that
 * crashes the reader is refused with a message, and the app goes on.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <freexl.h>
#include <math.h>
#include <unistd.h>
#include <sys/wait.h>
#include <glib-unix.h>
#include <gio/gio.h>
#include <glib/gi18n-lib.h>

#include "wp-json-io.h"
#include "wp-table.h"

static WpTable *
freexl_failed (const void  *handle,
               int          code,
               GError     **error)
{
  if (handle != NULL)
    freexl_close (handle);
  if (code == FREEXL_BIFF_OBFUSCATED)
    g_set_error (error, WP_IO_ERROR, WP_IO_ERROR_UNSUPPORTED,
                 _("The workbook is password-protected; save it without a password first."));
  else
    g_set_error (error, WP_IO_ERROR, WP_IO_ERROR_INVALID,
                 _("The file is not a readable Excel 97–2003 workbook (.xls) (error %d)."), code);
  return NULL;
}

/**
 * _wp_table_read_xls_here:
 *
 * Reads the workbook in this process: only for the fuzzer, and for the
 * child process of wp_table_read_xls().
 */
WpTable *
_wp_table_read_xls_here (const char  *path,
                         GError     **error)
{
  g_autoptr(WpTable) table = wp_table_new (WP_TABLE_FORMAT_XLS);
  const void *handle = NULL;
  unsigned int rows = 0, info = 0;
  unsigned short columns = 0;
  int ret;

  ret = freexl_open (path, &handle);
  if (ret != FREEXL_OK)
    return freexl_failed (handle, ret, error);
  if (freexl_get_info (handle, FREEXL_BIFF_PASSWORD, &info) == FREEXL_OK
      && info == FREEXL_BIFF_OBFUSCATED)
    return freexl_failed (handle, FREEXL_BIFF_OBFUSCATED, error);
  if (freexl_get_info (handle, FREEXL_BIFF_DATEMODE, &info) == FREEXL_OK)
    table->date1904 = info == FREEXL_BIFF_DATEMODE_1904;
  ret = freexl_select_active_worksheet (handle, 0);
  if (ret == FREEXL_OK)
    ret = freexl_worksheet_dimensions (handle, &rows, &columns);
  if (ret != FREEXL_OK)
    return freexl_failed (handle, ret, error);
  if (rows > WP_TABLE_MAX_ROWS || (gsize) rows * columns > WP_TABLE_MAX_CELLS)
    {
      freexl_close (handle);
      g_set_error (error, WP_IO_ERROR, WP_IO_ERROR_TOO_LARGE,
                   _("The sheet has more than %d cells, too many to be a work plan."),
                   WP_TABLE_MAX_CELLS);
      return NULL;
    }

  for (unsigned int r = 0; r < rows; r++)
    for (unsigned short c = 0; c < columns; c++)
      {
        FreeXL_CellValue value;
        WpTableCell *cell = NULL;
        char buffer[G_ASCII_DTOSTR_BUF_SIZE];

        ret = freexl_get_cell_value (handle, r, c, &value);
        if (ret != FREEXL_OK)
          return freexl_failed (handle, ret, error);
        switch (value.type)
          {
          case FREEXL_CELL_INT:
            cell = wp_table_set (table, r, c, g_strdup_printf ("%d", value.value.int_value),
                                 error);
            if (cell != NULL)
              cell->number = value.value.int_value;
            break;
          case FREEXL_CELL_DOUBLE:
            if (!isfinite (value.value.double_value))
              continue;
            g_ascii_formatd (buffer, sizeof buffer, "%.15g", value.value.double_value);
            cell = wp_table_set (table, r, c, g_strdup (buffer), error);
            if (cell != NULL)
              cell->number = value.value.double_value;
            break;
          case FREEXL_CELL_TEXT:
          case FREEXL_CELL_SST_TEXT:
            if (value.value.text_value == NULL
                || !g_utf8_validate (value.value.text_value, -1, NULL))
              continue;
            if (wp_table_set (table, r, c, g_strdup (value.value.text_value), error) == NULL)
              {
                freexl_close (handle);
                return NULL;
              }
            continue;
          case FREEXL_CELL_DATE:
          case FREEXL_CELL_DATETIME:
            if (value.value.text_value == NULL)
              continue;
            cell = wp_table_set (table, r, c, g_strndup (value.value.text_value, 10), error);
            if (cell != NULL)
              cell->is_date = TRUE;
            break;
          default:
            continue;  /* (empty, or a time of day: no deadline) */
          }
        if (cell == NULL)
          {
            freexl_close (handle);
            return NULL;
          }
        cell->is_number = TRUE;
      }
  freexl_close (handle);

  /* (FreeXL read the file, so it is no larger than a workbook can be) */
  {
    g_autoptr(GMappedFile) file = g_mapped_file_new (path, FALSE, NULL);

    if (file != NULL && g_mapped_file_get_length (file) <= WP_TABLE_MAX_BYTES)
      _wp_table_read_xls_merges ((const guint8 *) g_mapped_file_get_contents (file),
                                 g_mapped_file_get_length (file), table->merges);
  }
  return g_steal_pointer (&table);
}

/* How the child ends: exit statuses no sanitizer or libc uses, so that
 * a child that failed some other way is not taken for one that read */
enum { CHILD_TABLE = 10, CHILD_ERROR = 11, CHILD_FAILED = 12 };

/* (row, column, is_number, is_date, number, text) per cell, then the
 * merged ranges (first row, first column, last row, last column) */
#define CELLS_TYPE "(ba(uubbds)a(uuuu))"

static GVariant *
table_to_variant (WpTable *table)
{
  GVariantBuilder cells, merges;

  g_variant_builder_init (&cells, G_VARIANT_TYPE ("a(uubbds)"));
  for (guint r = 0; r < table->rows->len; r++)
    {
      GArray *row = g_ptr_array_index (table->rows, r);

      for (guint c = 0; row != NULL && c < row->len; c++)
        {
          const WpTableCell *cell = &g_array_index (row, WpTableCell, c);

          if (cell->text != NULL && (cell->text[0] != '\0' || cell->is_number))
            g_variant_builder_add (&cells, "(uubbds)", r, c, cell->is_number, cell->is_date,
                                   cell->number, cell->text);
        }
    }
  g_variant_builder_init (&merges, G_VARIANT_TYPE ("a(uuuu)"));
  for (guint i = 0; i < table->merges->len; i++)
    {
      const WpTableRange *range = &g_array_index (table->merges, WpTableRange, i);

      g_variant_builder_add (&merges, "(uuuu)", range->first_row, range->first_column,
                             range->last_row, range->last_column);
    }
  return g_variant_ref_sink (g_variant_new ("(b@a(uubbds)@a(uuuu))", table->date1904,
                                            g_variant_builder_end (&cells),
                                            g_variant_builder_end (&merges)));
}

static WpTable *
table_from_variant (GVariant  *variant,
                    GError   **error)
{
  g_autoptr(WpTable) table = wp_table_new (WP_TABLE_FORMAT_XLS);
  g_autoptr(GVariantIter) iter = NULL;
  g_autoptr(GVariantIter) merges = NULL;
  WpTableRange range;
  gboolean date1904, is_number, is_date;
  const char *text;
  double number;
  guint32 r, c;

  g_variant_get (variant, "(ba(uubbds)a(uuuu))", &date1904, &iter, &merges);
  table->date1904 = date1904;
  while (g_variant_iter_next (iter, "(uubbd&s)", &r, &c, &is_number, &is_date, &number, &text))
    {
      WpTableCell *cell = wp_table_set (table, r, c, g_strdup (text), error);

      if (cell == NULL)
        return NULL;
      cell->is_number = is_number;
      cell->is_date = is_date;
      cell->number = number;
    }
  while (g_variant_iter_next (merges, "(uuuu)", &range.first_row, &range.first_column,
                              &range.last_row, &range.last_column))
    g_array_append_val (table->merges, range);
  return g_steal_pointer (&table);
}

static gboolean
write_all (int           fd,
           gconstpointer data,
           gsize         size)
{
  const char *p = data;

  while (size > 0)
    {
      ssize_t n = write (fd, p, size);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        return FALSE;
      p += n;
      size -= n;
    }
  return TRUE;
}

/* In the child: reads @path and writes the table, or the error as
 * "(is)" (code, message), to @fd; never returns */
G_GNUC_NORETURN static void
read_in_child (const char *path,
               int         fd)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WpTable) table = NULL;
  g_autoptr(GVariant) reply = NULL;
  int null = open ("/dev/null", O_WRONLY);

  /* What the library (or a sanitizer) says as it fails is not the
   * program's to print: the parent tells the user in one line. */
  if (null >= 0)
    {
      dup2 (null, STDERR_FILENO);
      close (null);
    }
  table = _wp_table_read_xls_here (path, &error);
  if (table != NULL)
    reply = table_to_variant (table);
  else
    reply = g_variant_ref_sink (g_variant_new ("(is)", error->code, error->message));
  /* (_exit: nothing of the parent's is run or flushed here) */
  _exit (!write_all (fd, g_variant_get_data (reply), g_variant_get_size (reply)) ? CHILD_FAILED
         : table != NULL ? CHILD_TABLE : CHILD_ERROR);
}

/**
 * wp_table_read_xls:
 *
 * Reads the workbook in a child process (see the top of this file).
 *
 * Returns: (transfer full): the first sheet of the workbook @path, or
 *   %NULL with @error set
 */
WpTable *
wp_table_read_xls (const char  *path,
                   GError     **error)
{
  g_autoptr(GByteArray) reply = g_byte_array_new ();
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GVariant) variant = NULL;
  int fds[2];
  int status = 0;
  pid_t pid;

  if (!g_unix_open_pipe (fds, FD_CLOEXEC, error))
    return NULL;
  pid = fork ();
  if (pid < 0)
    {
      int saved = errno;

      close (fds[0]);
      close (fds[1]);
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _("Cannot start reading the workbook: %s"), g_strerror (saved));
      return NULL;
    }
  if (pid == 0)
    {
      close (fds[0]);
      read_in_child (path, fds[1]);
    }

  close (fds[1]);
  for (;;)
    {
      guint8 buffer[65536];
      ssize_t n = read (fds[0], buffer, sizeof buffer);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        break;
      /* (the child's table is bounded by the reader's own limits) */
      if (reply->len + (gsize) n <= 2 * (gsize) WP_TABLE_MAX_BYTES)
        g_byte_array_append (reply, buffer, n);
    }
  close (fds[0]);
  while (waitpid (pid, &status, 0) < 0 && errno == EINTR)
    ;

  if (!WIFEXITED (status)
      || (WEXITSTATUS (status) != CHILD_TABLE && WEXITSTATUS (status) != CHILD_ERROR))
    {
      g_set_error (error, WP_IO_ERROR, WP_IO_ERROR_INVALID,
                   _("The .xls reader stopped on this file: it is damaged. Open it in WPS or "
                     "Excel, save it as .xlsx and import that."));
      return NULL;
    }
  bytes = g_byte_array_free_to_bytes (g_steal_pointer (&reply));
  if (WEXITSTATUS (status) == CHILD_ERROR)
    {
      int code = WP_IO_ERROR_INVALID;
      const char *message = NULL;

      variant = g_variant_ref_sink (g_variant_new_from_bytes (G_VARIANT_TYPE ("(is)"), bytes,
                                                              FALSE));
      g_variant_get (variant, "(i&s)", &code, &message);
      g_set_error_literal (error, WP_IO_ERROR, code, message[0] ? message
                                                                : _("The .xls file cannot be read."));
      return NULL;
    }
  variant = g_variant_ref_sink (g_variant_new_from_bytes (G_VARIANT_TYPE (CELLS_TYPE), bytes,
                                                          FALSE));
  return table_from_variant (variant, error);
}
