#!/usr/bin/python3
# Fills in an agency's sheet as the agency would, with openpyxl:
#   fill-sheet.py IN.xlsx OUT.xlsx EDITS.json
# EDITS is a list of {"title": PREFIX, "key": COLUMN-KEY, "value": V}: the
# cell of column KEY (named in the sheet's hidden key row) in the first row
# whose title starts with PREFIX gets V. "uuid" may be edited too, as a
# tampering agency would.
# SPDX-License-Identifier: GPL-3.0-or-later
import json
import sys

import openpyxl

book = openpyxl.load_workbook(sys.argv[1])
ws = book.worksheets[0]
keys = {cell.value: cell.column for cell in ws[3] if cell.value}
with open(sys.argv[3], encoding="utf-8") as f:
    edits = json.load(f)
for edit in edits:
    for row in range(5, ws.max_row + 1):
        title = ws.cell(row, keys["title"]).value or ""
        if title.startswith(edit["title"]):
            ws.cell(row, keys[edit["key"]]).value = edit["value"]
            break
    else:
        sys.exit("no row titled %s" % edit["title"])
book.save(sys.argv[2])
