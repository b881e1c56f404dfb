#!/usr/bin/python3
# make-sheet-fixtures.py DIR: sheets written the way offices write them, and
# hostile files, for test-sheet-import.c
#
# office.xlsx is written with openpyxl as a planning office lays a 任务分解表
# out: two title rows merged across, synonyms for the headers, 形象进度
# merged over 一季度…四季度, areas merged across, key tasks merged down over
# their actions, lead agencies merged down, dates as Excel dates and as
# words. raw.xlsx is written part by part, for what openpyxl cannot write:
# rich text with phonetic runs, inline strings, cached formula values, the
# Chinese built-in date formats and the 1904 date system.
#
# SPDX-License-Identifier: GPL-3.0-or-later

import datetime
import os
import sys
import zipfile
import zlib

out = sys.argv[1]
os.makedirs(out, exist_ok=True)


def office():
    import openpyxl
    from openpyxl.styles import Alignment

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "任务分解表"
    ws.append(["2025年全市政法工作要点任务分解表"])
    ws.merge_cells("A1:L1")
    ws.append(["（截至2025年3月）"])
    ws.merge_cells("A2:L2")
    ws.append(["序号", "重点任务", "具体措施", "责任单位", "协办单位", "时间节点",
               "形象进度", None, None, None, "推进情况", "备注"])
    ws.append([None, None, None, None, None, None, "一季度", "二季度", "三季度", "四季度",
               None, None])
    for col in "ABCDEFKL":
        ws.merge_cells(f"{col}3:{col}4")
    ws.merge_cells("G3:J3")
    # row 5: an area merged across the whole row
    ws.append(["一、平安建设"])
    ws.merge_cells("A5:L5")
    # rows 6-8: a task merged down over three actions, its lead merged too
    ws.append([1, "守牢社会稳定底线", "落实维护稳定责任制", "市委政法委、市信访局",
               "各区党委政法委，市公安局", datetime.date(2025, 6, 30), "部署", "推进",
               "深化", "总结", "已召开部署会", "重点"])
    ws.append([None, None, "开展矛盾纠纷排查化解", None, "市司法局/市信访局",
               "2025年6月底前", None, None, None, None, "排查纠纷1200件", None])
    ws.append([None, None, "完善信访工作机制", None, "市信访局 市人社局",
               "长期坚持", None, None, None, None, None, None])
    for col in "ABD":
        ws.merge_cells(f"{col}6:{col}8")
    ws["F6"].number_format = 'yyyy"年"m"月"d"日"'
    # row 9: a subtotal
    ws.append(["小计", None, "3项"])
    # row 10: the second area
    ws.append(["二、法治建设"])
    ws.merge_cells("A10:L10")
    ws.append([2, "推进严格规范公正文明执法", "开展执法质量考评", "市司法局", None,
               datetime.date(2025, 9, 30), None, None, None, None, None, None])
    ws["F11"].number_format = "yyyy-mm-dd"
    ws.append([3, "加强法治宣传", "落实普法责任制", "市司法局；市教育局", None, "2025.9.30",
               None, None, None, None, "正在推进", None])
    ws.append(["合计", None, "5项"])
    for row in ws.iter_rows():
        for cell in row:
            cell.alignment = Alignment(wrap_text=True)
    wb.save(os.path.join(out, "office.xlsx"))


def write_zip(name, parts, compression=zipfile.ZIP_DEFLATED):
    with zipfile.ZipFile(os.path.join(out, name), "w", compression) as z:
        for part, data in parts.items():
            z.writestr(part, data)


CONTENT_TYPES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>
</Types>"""

RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>
</Relationships>"""


def workbook(date1904):
    pr = '<workbookPr date1904="1"/>' if date1904 else "<workbookPr/>"
    return f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">
{pr}<sheets><sheet name="隐藏" sheetId="1" state="hidden" r:id="rId9"/><sheet name="台账" sheetId="2" r:id="rId3"/></sheets></workbook>"""


WB_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/ledger.xml"/>
<Relationship Id="rId9" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/hidden.xml"/>
</Relationships>"""

# cellXfs: 0 general, 1 built-in 14 (m/d/yyyy), 2 built-in 31 (yyyy年m月d日),
# 3 built-in 57 (yyyy年m月), 4 custom 164 with quoted text, 5 percent (9)
STYLES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">
<numFmts count="1"><numFmt numFmtId="164" formatCode="&quot;截至&quot;yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;"/></numFmts>
<cellStyleXfs count="1"><xf numFmtId="0"/></cellStyleXfs>
<cellXfs count="6"><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="31"/><xf numFmtId="57"/><xf numFmtId="164"/><xf numFmtId="9"/></cellXfs>
</styleSheet>"""

SHARED = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="9" uniqueCount="9">
<si><t>序号</t></si>
<si><r><rPr><b/></rPr><t>具体</t></r><r><t>措施</t></r></si>
<si><t>牵头部门</t></si>
<si><t>完成时间</t></si>
<si><t>进度</t></si>
<si><r><t>完善</t></r><r><rPr><color rgb="FFFF0000"/></rPr><t xml:space="preserve">矛盾 </t></r><r><t>调解机制</t></r><rPh sb="0" eb="2"><t>ワンセイ</t></rPh><phoneticPr fontId="1"/></si>
<si><t>市司法局</t></si>
<si><t>目前进展</t></si>
<si><t>第一行_x000D_第二行</t></si>
</sst>"""


def ledger(serial_31, serial_14, serial_57, serial_164):
    return f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>
<row r="1"><c r="A1" t="inlineStr"><is><t>2025年台账</t></is></c></row>
<row r="3"><c r="A3" t="s"><v>0</v></c><c r="B3" t="s"><v>1</v></c><c r="C3" t="s"><v>2</v></c><c r="D3" t="s"><v>3</v></c><c r="E3" t="s"><v>4</v></c><c r="F3" t="s"><v>7</v></c></row>
<row r="4"><c r="A4"><v>1</v></c><c r="B4" t="s"><v>5</v></c><c r="C4" t="s"><v>6</v></c><c r="D4" s="2"><v>{serial_31}</v></c><c r="E4" s="5"><v>0.25</v></c><c r="F4" t="s"><v>8</v></c></row>
<row r="5"><c r="A5"><f>A4+1</f><v>2</v></c><c r="B5" t="str"><f>"规范"&amp;"执法"</f><v>规范执法</v></c><c r="C5" t="inlineStr"><is><r><t>市公安</t></r><r><t>局</t></r></is></c><c r="D5" s="1"><v>{serial_14}</v></c><c r="E5"><f>SUM(1,2)*10</f><v>30</v></c></row>
<row r="6"><c r="A6"><v>3</v></c><c r="B6" t="inlineStr"><is><t>三项制度</t></is></c><c r="C6" t="inlineStr"><is><t>市检察院</t></is></c><c r="D6" s="3"><v>{serial_57}</v></c><c r="E6" t="e"><v>#DIV/0!</v></c></row>
<row r="7"><c r="A7"><v>4</v></c><c r="B7" t="inlineStr"><is><t>第四项</t></is></c><c r="C7" t="inlineStr"><is><t>市法院</t></is></c><c r="D7" s="4"><v>{serial_164}</v></c></row>
</sheetData></worksheet>"""


HIDDEN = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>
<row r="1"><c r="A1" t="inlineStr"><is><t>not this sheet</t></is></c></row></sheetData></worksheet>"""


def raw_parts(date1904):
    def serial(d):
        base = datetime.date(1904, 1, 1) if date1904 else datetime.date(1899, 12, 30)
        return (d - base).days
    return {
        "[Content_Types].xml": CONTENT_TYPES,
        "_rels/.rels": RELS,
        "xl/workbook.xml": workbook(date1904),
        "xl/_rels/workbook.xml.rels": WB_RELS,
        "xl/styles.xml": STYLES,
        "xl/sharedStrings.xml": SHARED,
        "xl/worksheets/ledger.xml": ledger(serial(datetime.date(2025, 6, 30)),
                                           serial(datetime.date(2025, 3, 31)),
                                           serial(datetime.date(2025, 9, 1)),
                                           serial(datetime.date(2025, 12, 31))),
        "xl/worksheets/hidden.xml": HIDDEN,
    }


def hostile():
    parts = raw_parts(False)
    # XXE: a document type with an external entity in the workbook
    xxe = dict(parts)
    xxe["xl/sharedStrings.xml"] = SHARED.replace(
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>',
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<!DOCTYPE sst [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>').replace(
        "<t>序号</t>", "<t>&xxe;</t>")
    write_zip("xxe.xlsx", xxe)
    # Billion laughs in the sheet
    laughs = dict(parts)
    ents = "".join(f'<!ENTITY l{i} "&l{i-1};&l{i-1};&l{i-1};&l{i-1};&l{i-1};&l{i-1};">'
                   for i in range(1, 10))
    laughs["xl/worksheets/ledger.xml"] = (
        '<?xml version="1.0"?><!DOCTYPE worksheet [<!ENTITY l0 "ha">' + ents + ']>'
        + parts["xl/worksheets/ledger.xml"].split("?>", 1)[1].replace("2025年台账", "&l9;"))
    write_zip("laughs.xlsx", laughs)
    # A zip bomb: 300 MB of spaces in the sheet, a few hundred kB packed
    path = os.path.join(out, "bomb.xlsx")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as z:
        for part, data in parts.items():
            if part != "xl/worksheets/ledger.xml":
                z.writestr(part, data)
        with z.open("xl/worksheets/ledger.xml", "w", force_zip64=True) as f:
            head = parts["xl/worksheets/ledger.xml"]
            f.write(head[:head.index("<sheetData>")].encode())
            chunk = b" " * (1 << 20)
            for _ in range(300):
                f.write(chunk)
            f.write(b"<sheetData/></worksheet>")
    # A zip that is not a workbook
    write_zip("notxlsx.xlsx", {"readme.txt": "hello", "data/a.xml": "<a/>"})
    # More rows than Excel has
    rows = dict(parts)
    rows["xl/worksheets/ledger.xml"] = parts["xl/worksheets/ledger.xml"].replace(
        '<row r="7">', '<row r="1048577">').replace('r="A7"', 'r="A1048577"').replace(
        'r="B7"', 'r="B1048577"').replace('r="C7"', 'r="C1048577"').replace(
        'r="D7"', 'r="D1048577"')
    write_zip("rows.xlsx", rows)
    # A truncated workbook
    with open(os.path.join(out, "raw.xlsx"), "rb") as f:
        data = f.read()
    with open(os.path.join(out, "truncated.xlsx"), "wb") as f:
        f.write(data[:len(data) // 2])


def gbk_ledger():
    lines = [
        "2025年平安建设工作台账,,,,",
        "序号,工作任务,牵头单位,配合单位,完成时限",
        "一、,平安建设,市委政法委,,",
        "（一）,社会治安防控,市公安局,,",
        "1.,开展打击整治行动,市公安局,\"市检察院,市法院\",2025年6月底前",
        "2.,推进视频监控建设,市公安局,市大数据局、市财政局,三季度",
        "（二）,矛盾纠纷化解,市司法局,,",
        "1.,健全调解网络,市司法局,,年底前",
        "（1）,建设调解室,各区政府,,2025年9月30日",
        "二、,法治建设,市司法局,,",
        "（一）,普法宣传,市司法局,市教育局,长期坚持",
        "合计,,,,",
    ]
    with open(os.path.join(out, "ledger-gbk.csv"), "wb") as f:
        f.write("\r\n".join(lines).encode("gb18030") + b"\r\n")
    # The same in UTF-16 with semicolons, as "Unicode text" from Excel
    with open(os.path.join(out, "ledger-utf16.csv"), "wb") as f:
        text = "\r\n".join(l.replace('"市检察院,市法院"', '"市检察院;市法院"').replace(",", ";")
                           for l in lines)
        f.write(b"\xff\xfe" + text.encode("utf-16-le"))


def indented():
    """Hierarchy shown by indenting, as offices do it without a 序号:
    indent-columns.xlsx has its key tasks in B and their actions one
    column to the right, under the one header; indent-spaces.xlsx indents
    the titles with spaces and full-width spaces; indent-format.xlsx with
    the cells' own indent (Format Cells > Alignment > Indent)."""
    import openpyxl
    from openpyxl.styles import Alignment

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["2025年法治建设任务分解表"])
    ws.merge_cells("A1:E1")
    ws.append(["序号", "重点任务/具体措施", None, "牵头单位", "完成时限"])
    ws.append(["一、法治政府建设"])
    ws.merge_cells("A3:E3")
    ws.append([1, "深化行政执法体制改革", None, "市司法局", "2025年底前"])
    ws.append([None, None, "推进综合行政执法", "市司法局", "2025年6月底前"])
    ws.append([None, None, "规范执法自由裁量权", "市司法局、市公安局", "2025年9月底前"])
    ws.append([2, "加强行政复议工作", None, "市政府", None])
    ws.append([None, None, "畅通复议渠道", "市司法局", "长期坚持"])
    ws.append(["二、法治社会建设"])
    ws.merge_cells("A9:E9")
    ws.append([1, "深入开展普法", None, "市委宣传部", None])
    ws.append([None, None, "落实普法责任制", "市司法局", "2025年底前"])
    wb.save(os.path.join(out, "indent-columns.xlsx"))

    # (level, title as indented with blanks, lead, deadline)
    rows = [
        (0, "法治政府建设", "", ""),
        (1, "\u3000深化行政执法体制改革", "市司法局", "2025年底前"),
        (2, "\u3000\u3000推进综合行政执法", "市司法局", "2025年6月底前"),
        (2, "    规范执法自由裁量权", "市司法局", "2025年9月底前"),
        (1, "  加强行政复议工作", "市政府", ""),
        (2, "\u3000\u3000畅通复议渠道", "市司法局", "长期坚持"),
        (0, "法治社会建设", "", ""),
        (1, "\u3000深入开展普法", "市委宣传部", ""),
        (2, "\u3000\u3000落实普法责任制", "市司法局", "2025年底前"),
    ]
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["2025年法治建设工作台账"])
    ws.append(["工作任务", "责任单位", "完成时间"])
    for row in rows:
        ws.append(list(row[1:]))
    wb.save(os.path.join(out, "indent-spaces.xlsx"))

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["2025年法治建设工作台账"])
    ws.append(["工作任务", "责任单位", "完成时间"])
    for level, title, lead, due in rows:
        ws.append([title.lstrip(" \u3000"), lead, due])
        if level > 0:
            ws.cell(ws.max_row, 1).alignment = Alignment(indent=level)
    wb.save(os.path.join(out, "indent-format.xlsx"))


def category():
    """category.xlsx: 类别 merged down over the key tasks of each area, a
    lead agency merged down over two tasks (converted to .xls by the
    test, where the merges must still apply to every row)."""
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["2025年重点工作台账"])
    ws.merge_cells("A1:E1")
    ws.append(["序号", "类别", "重点任务", "牵头单位", "完成时限"])
    ws.append([1, "平安建设", "深化扫黑除恶常态化", "市公安局", "2025年底前"])
    ws.append([2, None, "推进智慧警务建设", None, "2025年9月底前"])
    ws.append([3, None, "完善矛盾纠纷化解机制", "市司法局", "2025年6月底前"])
    ws.append([4, None, "加强重点人群服务管理", "市委政法委", "长期坚持"])
    ws.append([5, "法治建设", "推进严格规范执法", "市司法局", "2025年底前"])
    ws.append([6, None, "深化普法宣传", "市委宣传部", "2025年12月31日"])
    ws.merge_cells("B3:B6")
    ws.merge_cells("D3:D4")
    ws.merge_cells("B7:B8")
    wb.save(os.path.join(out, "category.xlsx"))


office()
indented()
category()
write_zip("raw.xlsx", raw_parts(False))
write_zip("raw1904.xlsx", raw_parts(True))
hostile()
gbk_ledger()
