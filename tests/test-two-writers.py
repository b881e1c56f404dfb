#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Two writers: imports and progress notes from several processes at once.

On one file, at the same time: two `workplan import` runs of a generated
plan of 1,000 items (into two new years; then both over one year with
--replace) and a third process writing progress notes with `workplan note`,
one after another. Afterwards every writer must have succeeded (each waits
for the others' transactions instead of failing), every import is there
whole (two imports over one year leave one of them whole, never a mix),
every note is there with its progress and status, and PRAGMA
integrity_check is ok. Prints TAP.
"""
import json
import os
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time

BIN = os.environ["WORKPLAN_BIN"]
BENCH_STORE = os.environ["WORKPLAN_BENCH_STORE"]
SAMPLE = os.path.join(os.environ["G_TEST_SRCDIR"], "..", "data", "samples", "xiamen-2025.json")
ENV = dict(os.environ, LC_ALL="C.UTF-8", LANGUAGE="C")
ROUNDS = 3
NOTES_PER_ROUND = 15

results = []


def tap(ok, name, detail=None):
    results.append(ok)
    print(f"{'ok' if ok else 'not ok'} {len(results)} {name}", flush=True)
    if not ok and detail:
        for line in str(detail).splitlines():
            print(f"# {line}", flush=True)


def workplan(*argv):
    return subprocess.run([BIN, *argv], capture_output=True, text=True, env=ENV)


def export(db, year):
    proc = workplan("export", "--year", str(year), "--db", db)
    return json.loads(proc.stdout) if proc.returncode == 0 else None


def walk(items):
    for item in items:
        yield item
        yield from walk(item["children"])


def integrity(db):
    con = sqlite3.connect(f"file:{db}?mode=rw", uri=True, timeout=30)
    try:
        return ([row[0] for row in con.execute("PRAGMA integrity_check")]
                + [str(row) for row in con.execute("PRAGMA foreign_key_check")])
    finally:
        con.close()


class Plans:
    """The generated plan, under any year and title"""

    def __init__(self, tmp):
        gen = os.path.join(tmp, "generated.db")
        subprocess.run([BENCH_STORE, "--items", "1000", "--keep", gen], check=True,
                       stdout=subprocess.DEVNULL, env=ENV)
        doc = export(gen, 2025)
        self.items = doc["items"]
        self.items_text = json.dumps(self.items, ensure_ascii=False)
        self.tmp = tmp

    @staticmethod
    def header(year, title):
        return {"year": year, "title": title, "organization": "两个写入者"}

    def write(self, year, title):
        path = os.path.join(self.tmp, f"{title}.json")
        with open(path, "w", encoding="utf-8") as f:
            f.write('{"format": "workplan", "version": 1, "plan": '
                    + json.dumps(self.header(year, title), ensure_ascii=False)
                    + ', "items": ' + self.items_text + "}")
        return path

    def is_whole(self, doc, year, title):
        return doc is not None and doc["plan"] == self.header(year, title) \
            and doc["items"] == self.items


class NoteWriter(threading.Thread):
    """Notes on the demo plan's actions, one process after another, each
    with a text, progress and status of its own"""

    def __init__(self, db, titles, first):
        super().__init__()
        self.db = db
        self.notes = []
        for i in range(NOTES_PER_ROUND):
            n = first + i
            self.notes.append((titles[n % len(titles)], f"two writers #{n}", n * 7 % 101,
                               ("not_started", "in_progress", "done", "suspended")[n % 4]))
        self.failures = []
        self.spans = []

    def run(self):
        for title, text, progress, status in self.notes:
            started = time.monotonic()
            proc = workplan("note", "--year", "2025", "--item", title, "--text", text,
                            "--date", "2025-07-01", "--progress", str(progress),
                            "--status", status, "--db", self.db)
            self.spans.append((started, time.monotonic()))
            if proc.returncode != 0:
                self.failures.append(f"{text}: {proc.stderr.strip()}")


def run_together(imports, notes):
    """Starts the imports and the note writer at once and waits for all."""
    started = time.monotonic()
    procs = [subprocess.Popen([BIN, *argv], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              text=True, env=ENV) for argv in imports]
    notes.start()
    outcomes = []
    ended = []
    for p in procs:
        out, err = p.communicate()
        ended.append(time.monotonic())
        outcomes.append((p.returncode, out, err))
    notes.join()
    # Not a check (how processes overlap depends on the machine), but what
    # the log should show for the test to mean something.
    during = sum(1 for a, b in notes.spans if a < max(ended) and b > started)
    print(f"# imports took {', '.join(f'{e - started:.2f}' for e in ended)} s; "
          f"{during} of {len(notes.spans)} notes ran while an import did", flush=True)
    return outcomes


def check_notes(db, writer, what):
    doc = export(db, 2025)
    found = {}
    for item in walk(doc["items"]):
        for n in item["notes"]:
            found[n["text"]] = (item["title"], n["progress"])
    missing = [text for title, text, progress, status in writer.notes
               if found.get(text) != (title, progress)]
    tap(not writer.failures and not missing, f"{what}: every note was written and is there",
        "\n".join(writer.failures + [f"missing: {t}" for t in missing]))
    # Each item's progress and status are those of the last note on it.
    last = {}
    for title, text, progress, status in writer.notes:
        last[title] = (progress, status)
    items = {i["title"]: (i["progress"], i["status"]) for i in walk(doc["items"])}
    wrong = {t: (items.get(t), want) for t, want in last.items() if items.get(t) != want}
    tap(not wrong, f"{what}: each item has the progress and status of its last note", wrong)


def main():
    print(f"1..{ROUNDS * 9}", flush=True)
    tmp = tempfile.mkdtemp(prefix="workplan-two-writers-")
    db = os.path.join(tmp, "plan.db")
    plans = Plans(tmp)
    proc = workplan("import", SAMPLE, "--db", db)
    assert proc.returncode == 0, proc.stderr
    titles = [i["title"] for i in walk(export(db, 2025)["items"]) if not i["children"]]
    proc = workplan("import", plans.write(2030, "before"), "--db", db)
    assert proc.returncode == 0, proc.stderr
    serial = 0

    for r in range(ROUNDS):
        # Two new years at once, with notes
        a, b = (f"round {r} year A", 2031 + 2 * r), (f"round {r} year B", 2032 + 2 * r)
        writer = NoteWriter(db, titles, serial)
        serial += NOTES_PER_ROUND
        outcomes = run_together([["import", plans.write(year, title), "--db", db]
                                 for title, year in (a, b)], writer)
        tap(all(o[0] == 0 for o in outcomes), f"round {r}: two imports of new years succeed",
            "\n".join(o[2] for o in outcomes))
        whole = [plans.is_whole(export(db, year), year, title) for title, year in (a, b)]
        tap(all(whole), f"round {r}: both new years are there whole", whole)
        check_notes(db, writer, f"round {r}, new years")

        # Two imports over the same year with --replace, with notes
        a, b = f"round {r} replace A", f"round {r} replace B"
        writer = NoteWriter(db, titles, serial)
        serial += NOTES_PER_ROUND
        outcomes = run_together([["import", plans.write(2030, title), "--replace", "--db", db]
                                 for title in (a, b)], writer)
        tap(all(o[0] == 0 for o in outcomes),
            f"round {r}: two imports with --replace over one year succeed",
            "\n".join(o[2] for o in outcomes))
        doc = export(db, 2030)
        listed = [p["year"] for p in json.loads(workplan("list-plans", "--json", "--db",
                                                         db).stdout)]
        tap(listed.count(2030) == 1
            and (plans.is_whole(doc, 2030, a) or plans.is_whole(doc, 2030, b)),
            f"round {r}: the year holds one of the two imports, whole",
            doc["plan"] if doc else listed)
        check_notes(db, writer, f"round {r}, one year")

        problems = integrity(db)
        tap(problems == ["ok"], f"round {r}: integrity check", problems)

    subprocess.run(["rm", "-rf", tmp])
    return 0 if all(results) else 1


if __name__ == "__main__":
    sys.exit(main())
