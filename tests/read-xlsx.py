#!/usr/bin/python3
# Reads a workbook written by Workplan with openpyxl and prints, as JSON,
# what tests/test-sheet.c checks: the first sheet's name, cells, frozen
# panes, filter, data validation, print setup, and per item row its
# outline level, fill and boldness.
# SPDX-License-Identifier: GPL-3.0-or-later
import json
import sys

import openpyxl

book = openpyxl.load_workbook(sys.argv[1])
ws = book.worksheets[0]
rows = [[cell.value for cell in row] for row in ws.iter_rows()]
# an agency's sheet has a hidden row of column keys above its header
keyed = ws.row_dimensions[3].hidden
items = range(5 if keyed else 4, ws.max_row + 1)
validation = ws.data_validations.dataValidation
loads = [[cell.value for cell in row] for row in book.worksheets[1].iter_rows()] \
    if len(book.worksheets) > 1 else []
print(json.dumps({
    "sheets": ",".join(sheet.title for sheet in book.worksheets),
    "protected": bool(ws.protection.sheet),
    "hidden_columns": ",".join(sorted(k for k, d in ws.column_dimensions.items() if d.hidden)),
    "keys": ",".join(str(c.value) for c in ws[3]) if keyed else "",
    "unlocked": [",".join(c.column_letter for c in ws[r] if not c.protection.locked)
                 for r in items],
    "loads": loads,
    "sheet": ws.title,
    "freeze": ws.freeze_panes,
    "filter": ws.auto_filter.ref,
    "validation": " ".join([validation[0].formula1, str(validation[0].sqref)]) if validation else "",
    "orientation": ws.page_setup.orientation,
    "paper": int(ws.page_setup.paperSize or 0),
    # fitToWidth and fitToHeight default to 1 when absent (ECMA-376 18.3.1.63)
    "fit": "%s %s×%s" % (ws.sheet_properties.pageSetUpPr.fitToPage
                         if ws.sheet_properties.pageSetUpPr else False,
                         1 if ws.page_setup.fitToWidth is None else ws.page_setup.fitToWidth,
                         1 if ws.page_setup.fitToHeight is None else ws.page_setup.fitToHeight),
    "print_titles": str(ws.print_title_rows),
    "rows": rows,
    "levels": ",".join(str(ws.row_dimensions[r].outline_level) for r in items),
    "fills": ",".join(ws.cell(r, 3).fill.fgColor.rgb for r in items),
    "bold": ",".join("1" if ws.cell(r, 3).font.bold else "0" for r in items),
}, ensure_ascii=False))
