/* fuzz-pdf.c: libFuzzer target for the PDF report reader
 *
 * The same as fuzz-docx, but every input goes to
 * wp_report_source_new_for_pdf(): poppler reads it in the app's own
 * process (unlike FreeXL, which is kept in a child), so a PDF that breaks
 * poppler would take the window with it, and what poppler gives back
 * (lines placed on pages) goes through Workplan's own code that drops page
 * furniture and joins paragraphs. Seeds: a hand-written two-page PDF whose
 * text operators are not compressed, so that mutations reach them, and a
 * report page printed by LibreOffice, with its Chinese font embedded.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define FUZZ_PDF 1
#include "fuzz-docx.c"
