/* wp-test-util.h: fixtures shared by the test programs
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib/gstdio.h>
#include <stdlib.h>
#include <string.h>

#include "workplan-core.h"

G_BEGIN_DECLS

/* A fresh temporary folder, removed with its files by wp_test_dir_free(). */
static inline char *
wp_test_dir_new (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("workplan-test-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

static inline void
wp_test_dir_free (char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_chmod (path, 0600);
      g_unlink (path);
    }
  g_chmod (dir, 0700);
  g_rmdir (dir);
  g_free (dir);
}

static inline char *
wp_test_file_checksum (const char *path)
{
  g_autofree char *contents = NULL;
  gsize length = 0;

  if (!g_file_get_contents (path, &contents, &length, NULL))
    return NULL;
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, length);
}

static inline char *
wp_test_sample_path (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "..", "data", "samples", name, NULL);
}

/* Opens a new database in @dir holding the demo plan (Xiamen 2025), judged
 * on 15 July 2025 as `make run` shows it. */
static inline WpStore *
wp_test_open_demo (const char  *dir,
                   WpPlan     **plan)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (dir, "plan.db", NULL);
  g_autofree char *sample = wp_test_sample_path ("xiamen-2025.json");
  g_autofree char *json = NULL;
  WpStore *store;
  GDate day;

  store = wp_store_open (path, WP_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (sample, &json, NULL, NULL));
  *plan = wp_json_import (store, json, -1, 0, FALSE, &error);
  g_assert_no_error (error);

  g_date_clear (&day, 1);
  g_date_set_dmy (&day, 15, 7, 2025);
  wp_store_set_judging (store, &day, 30);
  return store;
}

/* Runs a poppler tool (pdftotext, pdfinfo, pdffonts) on a PDF and returns
 * what it printed; @last_arg is "-" for pdftotext's standard output. */
static inline char *
wp_test_poppler (const char *tool,
                 const char *pdf,
                 const char *last_arg)
{
  g_autoptr(GError) error = NULL;
  char *out = NULL;
  const char *argv[] = { tool, pdf, last_arg, NULL };
  int status = 0;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                NULL, NULL, &out, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return out;
}

static inline int
wp_test_pdf_pages (const char *pdf)
{
  g_autofree char *info = wp_test_poppler ("pdfinfo", pdf, NULL);
  const char *pages = strstr (info, "Pages:");

  g_assert_nonnull (pages);
  return atoi (pages + strlen ("Pages:"));
}

/* Skips the test when poppler-utils is missing (make check installs it) */
static inline gboolean
wp_test_have_poppler (void)
{
  g_autofree char *a = g_find_program_in_path ("pdftotext");
  g_autofree char *b = g_find_program_in_path ("pdffonts");
  g_autofree char *c = g_find_program_in_path ("pdfinfo");

  if (a && b && c)
    return TRUE;
  g_test_skip ("poppler-utils (pdftotext, pdffonts, pdfinfo) are not installed");
  return FALSE;
}

G_END_DECLS
