/* test-pdf.c: the progress briefing as a PDF, read back with poppler
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <cairo.h>
#include <pango/pangocairo.h>

#include "wp-test-util.h"

static void
test_demo_briefing (void)
{
  g_autofree char *dir = wp_test_dir_new ();
  g_autofree char *db = g_build_filename (dir, "plan.db", NULL);
  g_autofree char *pdf = g_build_filename (dir, "briefing.pdf", NULL);
  g_autofree char *sample = wp_test_sample_path ("xiamen-2025.json");
  g_autofree char *json = NULL;
  g_autofree char *text = NULL;
  g_autofree char *fonts = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(WpStore) store = wp_store_open (db, WP_STORE_OPEN_DEFAULT, &error);
  g_autoptr(WpPlan) plan = NULL;
  g_autofree char *footer = NULL;
  GDate day;
  int pages;

  if (!wp_test_have_poppler ())
    {
      wp_test_dir_free (g_steal_pointer (&dir));
      return;
    }

  g_assert_true (g_file_get_contents (sample, &json, NULL, NULL));
  plan = wp_json_import (store, json, -1, 0, FALSE, &error);
  g_assert_no_error (error);
  g_date_clear (&day, 1);
  g_date_set_dmy (&day, 15, 7, 2025);
  wp_store_set_judging (store, &day, 30);

  g_assert_true (wp_briefing_write_pdf (store, wp_plan_get_id (plan), NULL, NULL, pdf, &error));
  g_assert_no_error (error);

  text = wp_test_poppler ("pdftotext", pdf, "-");
  /* The title, every area and the overdue items, in Chinese. */
  g_assert_nonnull (strstr (text, "2025年全市政法工作任务分解"));
  g_assert_nonnull (strstr (text, "坚持主动创稳 强化系统治理"));
  g_assert_nonnull (strstr (text, "坚持守正创新 维护公平正义"));
  g_assert_nonnull (strstr (text, "从严管党治警 深化铁军锻造"));
  g_assert_nonnull (strstr (text, "Overdue Items"));
  g_assert_nonnull (strstr (text, "法律服务中心实体化运转"));
  g_assert_nonnull (strstr (text, "has 9 key tasks"));
  /* The targets with their values */
  g_assert_nonnull (strstr (text, "Targets"));
  g_assert_nonnull (strstr (text, "镇(街)综治中心规范化运作: baseline 0 → now 27 → target 45"));

  /* The footer counts the pages there are. */
  pages = wp_test_pdf_pages (pdf);
  g_assert_cmpint (pages, >=, 2);
  footer = g_strdup_printf ("Page %d of %d", pages, pages);
  g_assert_nonnull (strstr (text, footer));

  /* The CJK font is embedded, so the briefing prints anywhere. */
  fonts = wp_test_poppler ("pdffonts", pdf, NULL);
  g_test_message ("%s", fonts);
  g_assert_nonnull (strstr (fonts, "CJK"));
  g_assert_null (strstr (fonts, " no "));

  g_clear_object (&plan);
  g_clear_object (&store);
  wp_test_dir_free (g_steal_pointer (&dir));
}

/* The briefing's table has the light and the co-agencies, and lists what
 * needs attention; one agency's briefing says what it leads and supports
 * and counts only its own lateness (the crafted plan: 乙单位 is late on
 * 3 items, not the 5 red ones it is on). */
static void
test_crafted_briefings (void)
{
  g_autofree char *dir = wp_test_dir_new ();
  g_autofree char *all_pdf = g_build_filename (dir, "all.pdf", NULL);
  g_autofree char *one_pdf = g_build_filename (dir, "one.pdf", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(WpPlan) plan = NULL;
  g_autoptr(WpStore) store = wp_test_open_crafted (dir, &plan);
  g_autofree char *all = NULL;
  g_autofree char *one = NULL;
  g_autofree char *flat = NULL;
  g_autofree char *all_flat = NULL;
  g_auto(GStrv) lines = NULL;
  g_auto(GStrv) all_lines = NULL;

  if (!wp_test_have_poppler ())
    {
      g_clear_object (&plan);
      g_clear_object (&store);
      wp_test_dir_free (g_steal_pointer (&dir));
      return;
    }

  g_assert_true (wp_briefing_write_pdf (store, wp_plan_get_id (plan), NULL, NULL, all_pdf,
                                        &error));
  g_assert_no_error (error);
  all = wp_test_poppler ("pdftotext", all_pdf, "-");
  g_test_message ("%s", all);
  /* (the headers wrap in their narrow columns) */
  all_lines = g_strsplit (all, "\n", -1);
  all_flat = g_strjoinv (" ", all_lines);
  g_assert_nonnull (strstr (all_flat, "Supporting agencies"));
  g_assert_nonnull (strstr (all_flat, "Status light"));
  g_assert_nonnull (strstr (all_flat, "Overdue"));   /* 措施1's light */
  g_assert_nonnull (strstr (all_flat, "Counted by key task"));
  g_assert_nonnull (strstr (all, "has 4 key tasks"));
  g_assert_nonnull (strstr (all, "3 are overdue and 1 needs attention"));
  /* The lists: the three late key tasks, with their late actions, and the
   * one at risk */
  g_assert_nonnull (strstr (all, "Overdue Items"));
  g_assert_nonnull (strstr (all, "Items at Risk"));
  g_assert_nonnull (strstr (all, "3. 任务乙 — 丙单位, 30%"));
  g_assert_nonnull (strstr (all, "↳ 措施4 — 丙单位, due 31/5/2025, 0%"));
  g_assert_nonnull (strstr (all, "1. 任务丁 — 甲单位, 20%"));
  g_assert_null (strstr (all, "4. "));

  g_assert_true (wp_briefing_write_pdf (store, wp_plan_get_id (plan), "乙单位", NULL, one_pdf,
                                        &error));
  g_assert_no_error (error);
  one = wp_test_poppler ("pdftotext", one_pdf, "-");
  g_test_message ("%s", one);
  /* pdftotext breaks the paragraph into lines */
  lines = g_strsplit (one, "\n", -1);
  flat = g_strjoinv (" ", lines);
  g_assert_nonnull (strstr (flat, "leads 1 key task and 2 actions, supports 2 key tasks and 2 "
                                  "actions"));
  g_assert_nonnull (strstr (flat, "3 are overdue and 1 needs attention"));
  g_assert_null (strstr (flat, "has 4 key tasks"));
  g_assert_nonnull (strstr (one, "1. 任务丙"));
  g_assert_nonnull (strstr (one, "3. 措施3"));
  g_assert_null (strstr (one, "4. "));
  g_assert_nonnull (strstr (one, "1. 措施7"));

  g_clear_object (&plan);
  g_clear_object (&store);
  wp_test_dir_free (g_steal_pointer (&dir));
}

static void
test_empty_and_large (void)
{
  g_autofree char *dir = wp_test_dir_new ();
  g_autofree char *db = g_build_filename (dir, "plan.db", NULL);
  g_autofree char *empty_pdf = g_build_filename (dir, "empty.pdf", NULL);
  g_autofree char *large_pdf = g_build_filename (dir, "large.pdf", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(WpStore) store = wp_store_open (db, WP_STORE_OPEN_DEFAULT, &error);
  g_autoptr(WpPlan) empty = wp_store_create_plan (store, 2026, "空计划", "", &error);
  g_autoptr(WpPlan) large = wp_store_create_plan (store, 2027, "大计划", "", &error);
  g_autofree char *text = NULL;
  int pages_small, pages_large;

  if (!wp_test_have_poppler ())
    {
      g_clear_object (&empty);
      g_clear_object (&large);
      g_clear_object (&store);
      wp_test_dir_free (g_steal_pointer (&dir));
      return;
    }

  /* A plan with nothing in it still gives a valid one-page briefing. */
  g_assert_true (wp_briefing_write_pdf (store, wp_plan_get_id (empty), NULL, NULL, empty_pdf, &error));
  g_assert_no_error (error);
  g_assert_cmpint (wp_test_pdf_pages (empty_pdf), ==, 1);
  text = wp_test_poppler ("pdftotext", empty_pdf, "-");
  g_assert_nonnull (strstr (text, "has no actions yet"));

  /* 3 areas × 10 key tasks × 20 actions: the table runs over many pages. */
  wp_store_freeze_signals (store);
  wp_test_generate_plan (store, wp_plan_get_id (large), 3, 10, 20, "：推进综治中心规范化建设",
                         NULL, NULL);
  wp_store_thaw_signals (store);

  g_assert_true (wp_briefing_write_pdf (store, wp_plan_get_id (large), NULL, NULL, large_pdf, &error));
  pages_small = wp_test_pdf_pages (empty_pdf);
  pages_large = wp_test_pdf_pages (large_pdf);
  g_test_message ("633 items: %d pages", pages_large);
  /* 633 rows of one or two lines (14–24 pt) on pages of about 720 pt. */
  g_assert_cmpint (pages_large, >=, 10);
  g_assert_cmpint (pages_large, <=, 40);
  g_assert_cmpint (pages_small, <, pages_large);

  g_clear_object (&empty);
  g_clear_object (&large);
  g_clear_object (&store);
  wp_test_dir_free (g_steal_pointer (&dir));
}

static void
test_unwritable_path (void)
{
  g_autofree char *dir = wp_test_dir_new ();
  g_autofree char *db = g_build_filename (dir, "plan.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(WpStore) store = wp_store_open (db, WP_STORE_OPEN_DEFAULT, &error);
  g_autoptr(WpPlan) plan = wp_store_create_plan (store, 2026, "计划", "", &error);

  g_assert_false (wp_briefing_write_pdf (store, wp_plan_get_id (plan), NULL, NULL,
                                         "/nonexistent-folder/briefing.pdf", &error));
  g_assert_nonnull (error);
  g_clear_object (&plan);
  g_clear_object (&store);
  wp_test_dir_free (g_steal_pointer (&dir));
}

/* A plan whose title, area, key task and latest note are long runs of
 * Latin letters without a space. */
static WpPlan *
import_long_plan (WpStore *store,
                  int      year,
                  gsize    title_length,
                  gsize    text_length)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *title = g_strnfill (title_length, 'a');
  g_autofree char *text = g_strnfill (text_length, 'b');
  g_autofree char *json = g_strdup_printf (
    "{\"format\": \"workplan\", \"version\": 1,"
    " \"plan\": {\"year\": %d, \"title\": \"%s\", \"organization\": \"单位\"},"
    " \"items\": [{\"kind\": \"area\", \"title\": \"%s\", \"lead\": [\"甲\"],"
    "  \"status\": \"in_progress\", \"progress\": 10,"
    "  \"children\": [{\"kind\": \"task\", \"title\": \"%s\", \"description\": \"%s\","
    "   \"lead\": [\"甲\"], \"status\": \"in_progress\", \"progress\": 10,"
    "   \"due\": \"2025-03-01\", \"notes\": [{\"date\": \"2025-02-01\", \"text\": \"%s\"}]}]}]}",
    year, title, text, text, text, text);
  WpPlan *plan = wp_json_import (store, json, -1, 0, FALSE, &error);

  g_assert_no_error (error);
  return plan;
}

/* Pango shapes the rest of a run it cannot break at words again for each
 * line it breaks there: a 10,000-character title took 1 s, 100,000 took
 * 49 s and a 1 MB title ran for more than ten minutes. Each block now
 * costs what a page can show. A 1 MB title with 100,000-character texts
 * gives the pages that 10,000 characters, already more than a page holds,
 * give: every long block fills one page and ends in an ellipsis. */
static void
test_long_unbroken_text (void)
{
  g_autofree char *dir = wp_test_dir_new ();
  g_autofree char *db = g_build_filename (dir, "plan.db", NULL);
  g_autofree char *short_pdf = g_build_filename (dir, "short.pdf", NULL);
  g_autofree char *long_pdf = g_build_filename (dir, "long.pdf", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(WpStore) store = wp_store_open (db, WP_STORE_OPEN_DEFAULT, &error);
  g_autoptr(WpPlan) short_plan = NULL;
  g_autoptr(WpPlan) long_plan = NULL;
  g_autofree char *first_page = NULL;
  int short_pages, long_pages;
  GDate day;

  if (!wp_test_have_poppler ())
    {
      g_clear_object (&store);
      wp_test_dir_free (g_steal_pointer (&dir));
      return;
    }

  short_plan = import_long_plan (store, 2025, 10000, 10000);
  long_plan = import_long_plan (store, 2026, 1000000, 100000);
  g_date_clear (&day, 1);
  g_date_set_dmy (&day, 15, 7, 2025);
  wp_store_set_judging (store, &day, 30);

  g_assert_true (wp_briefing_write_pdf (store, wp_plan_get_id (short_plan), NULL, NULL,
                                        short_pdf, &error));
  g_assert_no_error (error);
  g_assert_true (wp_briefing_write_pdf (store, wp_plan_get_id (long_plan), NULL, NULL,
                                        long_pdf, &error));
  g_assert_no_error (error);

  short_pages = wp_test_pdf_pages (short_pdf);
  long_pages = wp_test_pdf_pages (long_pdf);
  g_test_message ("10,000 characters: %d pages; 1 MB and 100,000: %d pages", short_pages,
                  long_pages);
  g_assert_cmpint (long_pages, ==, short_pages);
  g_assert_cmpint (long_pages, <=, 8);

  /* The first page shows the start of the title and where it was cut. */
  {
    const char *argv[] = { "pdftotext", "-f", "1", "-l", "1", long_pdf, "-", NULL };
    int status = 0;

    g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                  NULL, NULL, &first_page, NULL, &status, &error);
    g_assert_no_error (error);
    g_assert_true (g_str_has_prefix (first_page, "aaaaaaaaaa"));
    g_assert_nonnull (strstr (first_page, "…"));
    g_assert_cmpuint (strlen (first_page), <, 100000);
  }

  g_clear_object (&short_plan);
  g_clear_object (&long_plan);
  g_clear_object (&store);
  wp_test_dir_free (g_steal_pointer (&dir));
}

/* The app's Export PDF writes where the file chooser says: never onto the
 * plan file open in it. A failed export leaves no partial file. */
static void
test_refuses_plan_file (void)
{
  g_autofree char *dir = wp_test_dir_new ();
  g_autofree char *db = g_build_filename (dir, "plan.db", NULL);
  g_autofree char *wal = g_strconcat (db, "-wal", NULL);
  g_autofree char *missing = g_build_filename (dir, "missing", "briefing.pdf", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(WpStore) store = wp_store_open (db, WP_STORE_OPEN_DEFAULT, &error);
  g_autoptr(WpPlan) plan = wp_store_create_plan (store, 2026, "计划", "", &error);
  g_autoptr(GPtrArray) plans = NULL;
  g_autoptr(GDir) d = NULL;
  const char *name;

  g_assert_no_error (error);
  g_assert_false (wp_briefing_write_pdf (store, wp_plan_get_id (plan), NULL, NULL, db, &error));
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_INVAL);
  g_test_message ("%s", error->message);
  g_clear_error (&error);
  g_assert_false (wp_briefing_write_pdf (store, wp_plan_get_id (plan), NULL, NULL, wal, &error));
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_INVAL);
  g_clear_error (&error);

  plans = wp_store_list_plans (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (plans->len, ==, 1);

  g_assert_false (wp_briefing_write_pdf (store, wp_plan_get_id (plan), NULL, NULL, missing,
                                         &error));
  g_assert_nonnull (error);
  d = g_dir_open (dir, 0, NULL);
  while ((name = g_dir_read_name (d)) != NULL)
    g_assert_false (g_str_has_suffix (name, ".part"));

  g_clear_object (&plan);
  g_clear_object (&store);
  wp_test_dir_free (g_steal_pointer (&dir));
}

/* The pages of a briefing drawn again, and out of order, as a print
 * preview does, show what they showed first: the text shaped once is read
 * back for each. The briefing leaves the store keeping the plan's facts as
 * it found it: a window's kept, an export's let go. */
static void
test_pages_drawn_again (void)
{
  g_autofree char *dir = wp_test_dir_new ();
  g_autofree char *db = g_build_filename (dir, "plan.db", NULL);
  g_autofree char *pdf = g_build_filename (dir, "briefing.pdf", NULL);
  g_autofree char *sample = wp_test_sample_path ("xiamen-2025.json");
  g_autofree char *json = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(WpStore) store = wp_store_open (db, WP_STORE_OPEN_DEFAULT, &error);
  g_autoptr(WpPlan) plan = NULL;
  g_autoptr(WpBriefing) briefing = NULL;
  g_autoptr(GPtrArray) first = g_ptr_array_new_with_free_func (g_free);
  WpPlanFacts *facts;
  cairo_surface_t *surface;
  cairo_t *cr;
  PangoContext *pango;
  int pages, stride;
  gsize size;

  g_assert_true (g_file_get_contents (sample, &json, NULL, NULL));
  plan = wp_json_import (store, json, -1, 0, FALSE, &error);
  g_assert_no_error (error);

  g_assert_false (wp_store_keeps_plan_facts (store, wp_plan_get_id (plan)));
  g_assert_true (wp_briefing_write_pdf (store, wp_plan_get_id (plan), NULL, NULL, pdf, &error));
  g_assert_no_error (error);
  g_assert_false (wp_store_keeps_plan_facts (store, wp_plan_get_id (plan)));
  facts = wp_store_list_plan_facts (store, wp_plan_get_id (plan), &error);
  g_assert_no_error (error);
  wp_plan_facts_free (facts);
  g_assert_true (wp_store_keeps_plan_facts (store, wp_plan_get_id (plan)));
  g_assert_true (wp_briefing_write_pdf (store, wp_plan_get_id (plan), NULL, NULL, pdf, &error));
  g_assert_true (wp_store_keeps_plan_facts (store, wp_plan_get_id (plan)));

  /* (A4 at 36 dpi) */
  surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 298, 421);
  stride = cairo_image_surface_get_stride (surface);
  size = (gsize) stride * 421;
  cr = cairo_create (surface);
  cairo_scale (cr, 0.5, 0.5);
  pango = pango_cairo_create_context (cr);
  pango_cairo_context_set_resolution (pango, 72);
  briefing = wp_briefing_new (store, wp_plan_get_id (plan), NULL, NULL, pango, &error);
  g_assert_no_error (error);
  pages = wp_briefing_get_n_pages (briefing);
  g_assert_cmpint (pages, >=, 2);
  for (int round = 0; round < 2; round++)
    for (int k = 0; k < pages; k++)
      {
        /* (forwards, then backwards) */
        int page = round == 0 ? k : pages - 1 - k;

        cairo_save (cr);
        cairo_set_source_rgb (cr, 1, 1, 1);
        cairo_paint (cr);
        cairo_restore (cr);
        wp_briefing_draw_page (briefing, cr, page);
        cairo_surface_flush (surface);
        if (round == 0)
          g_ptr_array_add (first, g_memdup2 (cairo_image_surface_get_data (surface), size));
        else
          g_assert_cmpmem (cairo_image_surface_get_data (surface), size,
                           g_ptr_array_index (first, page), size);
      }
  /* (a page of the table has text on it) */
  {
    const guint8 *data = g_ptr_array_index (first, pages - 1);
    gsize dark = 0;

    for (gsize i = 0; i < size; i++)
      dark += data[i] < 128;
    g_assert_cmpuint (dark, >, 1000);
  }

  g_object_unref (pango);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  g_clear_pointer (&briefing, wp_briefing_free);
  g_clear_object (&plan);
  g_clear_object (&store);
  wp_test_dir_free (g_steal_pointer (&dir));
}

/* Each row's light is drawn in its colour, though the coloured text of a
 * page is shown after its black text; and every page has its footer */
static void
test_lights_in_colour (void)
{
  g_autofree char *dir = wp_test_dir_new ();
  g_autofree char *db = g_build_filename (dir, "plan.db", NULL);
  g_autofree char *sample = wp_test_sample_path ("xiamen-2025.json");
  g_autofree char *json = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(WpStore) store = wp_store_open (db, WP_STORE_OPEN_DEFAULT, &error);
  g_autoptr(WpPlan) plan = NULL;
  g_autoptr(WpBriefing) briefing = NULL;
  cairo_surface_t *surface;
  cairo_t *cr;
  PangoContext *pango;
  guint coloured = 0;

  g_assert_true (g_file_get_contents (sample, &json, NULL, NULL));
  plan = wp_json_import (store, json, -1, 0, FALSE, &error);
  g_assert_no_error (error);

  surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 596, 842);
  cr = cairo_create (surface);
  pango = pango_cairo_create_context (cr);
  pango_cairo_context_set_resolution (pango, 72);
  briefing = wp_briefing_new (store, wp_plan_get_id (plan), NULL, NULL, pango, &error);
  g_assert_no_error (error);
  for (int page = 0; page < wp_briefing_get_n_pages (briefing); page++)
    {
      const guint8 *data;
      int stride = cairo_image_surface_get_stride (surface);
      guint footer = 0;

      cairo_save (cr);
      cairo_set_source_rgb (cr, 1, 1, 1);
      cairo_paint (cr);
      cairo_restore (cr);
      wp_briefing_draw_page (briefing, cr, page);
      cairo_surface_flush (surface);
      data = cairo_image_surface_get_data (surface);
      for (int y = 0; y < 842; y++)
        for (int x = 0; x < 596; x++)
          {
            guint32 pixel = *(const guint32 *) (data + y * stride + x * 4);
            int r = (pixel >> 16) & 0xff, g = (pixel >> 8) & 0xff, b = pixel & 0xff;

            /* (the lights' red, yellow and green; the footer's grey) */
            if (ABS (r - g) > 60 || ABS (g - b) > 60)
              coloured++;
            if (y > 842 - 50 && r < 200 && ABS (r - g) < 8 && ABS (g - b) < 8)
              footer++;
          }
      g_assert_cmpuint (footer, >, 0);
    }
  g_assert_cmpuint (coloured, >, 0);
  g_clear_pointer (&briefing, wp_briefing_free);
  g_object_unref (pango);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

/* The briefing is shaped and placed in threads while the plan is read
 * (the helper's Pango context its own): laid out in one thread, it has the
 * same pages, drawn pixel for pixel the same, and its PDF the same text */
static void
test_laid_out_in_threads (void)
{
  g_autofree char *dir = wp_test_dir_new ();
  g_autofree char *db = g_build_filename (dir, "plan.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(WpStore) store = wp_store_open (db, WP_STORE_OPEN_DEFAULT, &error);
  g_autoptr(WpPlan) plan = wp_store_create_plan (store, 2027, "大计划", "", &error);
  g_autoptr(GPtrArray) threaded = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) alone = g_ptr_array_new_with_free_func (g_free);
  GPtrArray *pixels[2] = { threaded, alone };
  char *texts[2] = { NULL, NULL };
  int pages[2];
  int stride;
  gsize size;

  /* 633 items, many batches of rows; with overdue ones listed after */
  wp_store_freeze_signals (store);
  wp_test_generate_plan (store, wp_plan_get_id (plan), 3, 10, 20,
                         "：推进综治中心规范化建设 and a Latin phrase, 2025年第3季度 100%",
                         NULL, NULL);
  wp_store_thaw_signals (store);

  for (int one_thread = 0; one_thread < 2; one_thread++)
    {
      g_autofree char *pdf = g_strdup_printf ("%s/briefing-%d.pdf", dir, one_thread);
      cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 298, 421);
      cairo_t *cr = cairo_create (surface);
      PangoContext *pango;
      WpBriefing *briefing;

      if (one_thread)
        g_setenv ("WORKPLAN_BRIEFING_ONE_THREAD", "1", TRUE);
      else
        g_unsetenv ("WORKPLAN_BRIEFING_ONE_THREAD");

      stride = cairo_image_surface_get_stride (surface);
      size = (gsize) stride * 421;
      cairo_scale (cr, 0.5, 0.5);
      pango = pango_cairo_create_context (cr);
      pango_cairo_context_set_resolution (pango, 72);
      briefing = wp_briefing_new (store, wp_plan_get_id (plan), NULL, NULL, pango, &error);
      g_assert_no_error (error);
      pages[one_thread] = wp_briefing_get_n_pages (briefing);
      for (int page = 0; page < pages[one_thread]; page++)
        {
          cairo_save (cr);
          cairo_set_source_rgb (cr, 1, 1, 1);
          cairo_paint (cr);
          cairo_restore (cr);
          wp_briefing_draw_page (briefing, cr, page);
          cairo_surface_flush (surface);
          g_ptr_array_add (pixels[one_thread],
                           g_memdup2 (cairo_image_surface_get_data (surface), size));
        }
      wp_briefing_free (briefing);
      g_object_unref (pango);
      cairo_destroy (cr);
      cairo_surface_destroy (surface);

      g_assert_true (wp_briefing_write_pdf (store, wp_plan_get_id (plan), NULL, NULL, pdf,
                                            &error));
      g_assert_no_error (error);
      if (wp_test_have_poppler ())
        texts[one_thread] = wp_test_poppler ("pdftotext", pdf, "-");
    }
  g_unsetenv ("WORKPLAN_BRIEFING_ONE_THREAD");

  g_test_message ("%d pages", pages[0]);
  g_assert_cmpint (pages[0], >=, 10);
  g_assert_cmpint (pages[0], ==, pages[1]);
  for (int page = 0; page < pages[0]; page++)
    g_assert_cmpmem (g_ptr_array_index (pixels[0], page), size,
                     g_ptr_array_index (pixels[1], page), size);
  g_assert_cmpstr (texts[0], ==, texts[1]);

  /* The table's header, shaped once, heads each of its pages */
  if (texts[0] != NULL)
    {
      g_auto(GStrv) sheets = g_strsplit (texts[0], "\f", -1);
      int first = -1, last = -1;

      for (int i = 0; sheets[i] != NULL; i++)
        if (strstr (sheets[i], "Latest progress note") != NULL)
          {
            if (first < 0)
              first = i;
            last = i;
          }
      g_assert_cmpint (first, >=, 0);
      g_assert_cmpint (last - first + 1, >=, 10);
      for (int i = first; i <= last; i++)
        {
          const char *header = strstr (sheets[i], "Lead agency");

          g_assert_nonnull (header);
          g_assert_nonnull (strstr (header, "Latest progress note"));
        }
    }

  g_free (texts[0]);
  g_free (texts[1]);
  g_clear_object (&plan);
  g_clear_object (&store);
  wp_test_dir_free (g_steal_pointer (&dir));
}

int
main (int    argc,
      char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/pdf/demo-briefing", test_demo_briefing);
  g_test_add_func ("/pdf/empty-and-large", test_empty_and_large);
  g_test_add_func ("/pdf/unwritable-path", test_unwritable_path);
  g_test_add_func ("/pdf/long-unbroken-text", test_long_unbroken_text);
  g_test_add_func ("/pdf/refuses-plan-file", test_refuses_plan_file);
  g_test_add_func ("/pdf/crafted-briefings", test_crafted_briefings);
  g_test_add_func ("/pdf/pages-drawn-again", test_pages_drawn_again);
  g_test_add_func ("/pdf/lights-in-colour", test_lights_in_colour);
  g_test_add_func ("/pdf/laid-out-in-threads", test_laid_out_in_threads);

  status = g_test_run ();
  return status;
}
