#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Makes the .docx fixtures of tests/test-report-import.c and tests/test-cli.c.

Run it from this folder with /usr/bin/python3 (python3-docx); the files it
writes are committed, so that the tests need neither. Each is written as an
office writes a report in Word: 黑体 and 楷体 headings over a 仿宋 body, the
heading numbers drawn by Word's automatic numbering (numbering.xml, not in
the text), bold run-in headings, and a 任务分解 table.

The PDF fixture is the Word copy of a sample printed by LibreOffice:
    soffice --headless --convert-to pdf city-speeches.docx
"""
import re
import subprocess
import sys

from docx import Document
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Pt

NUMBERING = """
<w:abstractNum {ns} w:abstractNumId="90">
  <w:multiLevelType w:val="multilevel"/>
  <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/>
    <w:lvlText w:val="%1、"/><w:suff w:val="nothing"/></w:lvl>
  <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/>
    <w:lvlText w:val="（%2）"/><w:suff w:val="nothing"/></w:lvl>
  <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/>
    <w:lvlText w:val="%3."/><w:suff w:val="nothing"/></w:lvl>
</w:abstractNum>
"""


def set_font(run, name, size=16, bold=None):
    run.font.name = name
    run.font.size = Pt(size)
    if bold is not None:
        run.font.bold = bold
    rpr = run._element.get_or_add_rPr()
    rpr.get_or_add_rFonts().set(qn("w:eastAsia"), name)


def new_document():
    doc = Document()
    numbering = doc.part.numbering_part.element
    numbering.insert(0, parse_xml(NUMBERING.format(ns=nsdecls("w"))))
    numbering.append(parse_xml(
        '<w:num %s w:numId="90"><w:abstractNumId w:val="90"/></w:num>' % nsdecls("w")))
    return doc


def numbered(doc, text, level, font):
    p = doc.add_paragraph()
    ppr = p._p.get_or_add_pPr()
    ppr.append(parse_xml('<w:numPr %s><w:ilvl w:val="%d"/><w:numId w:val="90"/></w:numPr>'
                         % (nsdecls("w"), level)))
    set_font(p.add_run(text), font)
    return p


def body(doc, text, bold_opening=None):
    p = doc.add_paragraph()
    if bold_opening:
        set_font(p.add_run(bold_opening), "仿宋_GB2312", bold=True)
    set_font(p.add_run(text), "仿宋_GB2312")
    return p


def title(doc, text):
    p = doc.add_paragraph()
    p.alignment = 1
    set_font(p.add_run(text), "方正小标宋简体", size=22)


def task_table(doc, rows):
    table = doc.add_table(rows=len(rows), cols=len(rows[0]))
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    return table


def make_rules():
    """Numbering, run-in headings, an unnumbered bold heading and a task table."""
    doc = new_document()
    title(doc, "2025年全市政法工作要点")
    body(doc, "2025年是“十四五”规划收官之年，全市政法工作的总体要求是：坚持稳中求进。")
    numbered(doc, "坚决维护国家政治安全", 0, "黑体")
    numbered(doc, "严密防范政治风险", 1, "楷体_GB2312")
    body(doc, "市国家安全局牵头，年底前完成重点领域风险排查。", "深化反渗透反分裂斗争。")
    body(doc, "由市委网信办负责，上半年出台网络舆情应对办法。", "筑牢网络安全防线")
    numbered(doc, "全力防范化解重大风险", 1, "楷体_GB2312")
    body(doc, "市公安局要会同市信访局开展矛盾纠纷大排查，6月底前完成。")
    numbered(doc, "建设更高水平的平安厦门", 0, "黑体")
    body(doc, "市公安局牵头，持续开展夏季治安打击整治行动，刑事警情下降10%。",
         "严厉打击突出违法犯罪。")
    p = doc.add_paragraph()
    set_font(p.add_run("推进诉源治理"), "仿宋_GB2312", bold=True)
    body(doc, "市中级人民法院负责，年底前实现诉讼服务中心全覆盖，万人成讼率下降5%。")
    doc.add_paragraph("附件：重点任务分解表")
    task_table(doc, [
        ["序号", "重点任务", "牵头单位", "责任单位", "完成时限"],
        ["1", "建成市级社会治安综合治理中心", "市委政法委", "市公安局、市财政局", "2025年6月底前"],
        ["2", "开展扫黑除恶常态化斗争", "市公安局", "市中级人民法院、市人民检察院", "2025年12月底前"],
        ["3", "推进法治乡村建设", "市司法局", "市农业农村局", "2025年10月底前"],
    ])
    doc.save("rules.docx")


def make_merged_table():
    """A task table whose 工作领域 cells are merged down (w:vMerge), and a
    header cell merged across (w:gridSpan)."""
    doc = new_document()
    title(doc, "2025年重点工作任务分解表")
    table = task_table(doc, [
        ["工作领域", "重点任务", "", "牵头单位", "完成时限"],
        ["平安建设", "建成市级综治中心", "年内投入运行", "市委政法委", "2025年6月底前"],
        ["", "开展夏季治安整治", "每月一次集中行动", "市公安局", "2025年9月底前"],
        ["法治建设", "推进法治乡村建设", "培育法治带头人", "市司法局", "2025年10月底前"],
    ])
    table.cell(1, 0).merge(table.cell(2, 0))
    table.cell(1, 0).text = "平安建设"
    # 重点任务 over two columns: the task and its measure
    table.cell(0, 1).merge(table.cell(0, 2))
    table.cell(0, 1).text = "重点任务"
    doc.save("merged-table.docx")


def make_sample(test_program, name):
    """A sample report as Word writes it, one paragraph where the text reader
    finds one: 一、 and （一） numbers as automatic numbering, headings in
    黑体/楷体."""
    doc = new_document()
    out = subprocess.run([test_program, "--dump-paragraphs", name + ".txt"], check=True,
                         capture_output=True, text=True).stdout
    lines = [line for line in out.split("\n") if line]
    for i, line in enumerate(lines):
        m1 = re.match(r"^[一二三四五六七八九十]{1,3}、(.*)$", line)
        m2 = re.match(r"^（[一二三四五六七八九十]{1,3}）(.*)$", line)
        if i == 0 and not m1 and not m2:
            title(doc, line)
        elif m1 and len(line) <= 40:
            numbered(doc, m1.group(1), 0, "黑体")
        elif m2 and len(line) <= 40:
            numbered(doc, m2.group(1), 1, "楷体_GB2312")
        else:
            body(doc, line)
    # page furniture, as offices print it: a running header, "- 3 -" below
    section = doc.sections[0]
    section.header.paragraphs[0].text = "政法工作会议材料"
    footer = section.footer.paragraphs[0]
    footer.alignment = 1
    footer.add_run("- ")
    footer._p.append(parse_xml('<w:fldSimple %s w:instr="PAGE"><w:r><w:t>1</w:t></w:r>'
                               '</w:fldSimple>' % nsdecls("w")))
    footer.add_run(" -")
    doc.save(name + ".docx")


def make_unseen(test_program, name):
    """A report the rules were not written from, as another office writes it:
    the 1. numbers drawn by numbering.xml too, short headings set in 黑体
    with no number, a date line in the running header."""
    doc = new_document()
    out = subprocess.run([test_program, "--dump-paragraphs", name + ".txt"], check=True,
                         capture_output=True, text=True).stdout
    lines = [line for line in out.split("\n") if line]
    for i, line in enumerate(lines):
        m1 = re.match(r"^[一二三四五六七八九十]{1,3}、(.*)$", line)
        m3 = re.match(r"^\d{1,2}\.(.*)$", line)
        if i == 0:
            title(doc, line)
        elif m1 and len(line) <= 40:
            numbered(doc, m1.group(1), 0, "黑体")
        elif m3:
            numbered(doc, m3.group(1), 2, "仿宋_GB2312")
        elif len(line) <= 24 and not re.search("[。，：；]", line):
            body_heading = doc.add_paragraph()
            set_font(body_heading.add_run(line), "黑体")
        else:
            body(doc, line)
    doc.sections[0].header.paragraphs[0].text = "2024年2月  工作会议材料"
    doc.save(name + ".docx")


if __name__ == "__main__":
    # make-docx.py [_build/tests/test-report-import SAMPLE...]
    # (the samples' .docx: xiamen-2025-work-report city-speeches xiamen-2020-review
    # nanping-2023-rule-of-law lishui-2024-county-speech)
    make_rules()
    make_merged_table()
    for sample in sys.argv[2:]:
        if sample.startswith(("nanping-", "lishui-")):
            make_unseen(sys.argv[1], sample)
        else:
            make_sample(sys.argv[1], sample)
