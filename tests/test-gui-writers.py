#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Two writers and the window: two `workplan import` runs and the app on one
file at once (issue 15, "Two writers").

The real app shows the demo plan; while two imports of a generated plan of
1,000 items at a time write two other years into the same file, round after
round, rows of the demo plan
are renamed with real keys (F2, the title, Enter). An edit the window could
not save while an import held the file keeps its typed title and is saved
by itself once that import is done, before the next one begins; should it
not be, Enter tries again, as a user would, and that is counted. Afterwards: both imports succeeded and are
whole, every title typed renamed one row of the demo plan and nothing else
changed (none lost, none written into another item or plan), and PRAGMA
integrity_check is ok, also after the app has quit.
Prints TAP.
"""
import importlib
import os
import subprocess
import sys
import tempfile
import threading
import time

from wp_xtest import keys, results, start_app, stop_app, tap, type_text, wait_for_window, xdo

two_writers = importlib.import_module("test-two-writers")
BIN, SAMPLE, ENV = two_writers.BIN, two_writers.SAMPLE, two_writers.ENV
EDITS = 6


def titles_2025(db):
    """The demo plan's titles, depth first"""
    doc = two_writers.export(db, 2025)
    return [] if doc is None else [i["title"] for i in two_writers.walk(doc["items"])]


class Importer(threading.Thread):
    """Two imports at once, one into each of two years (over the year's
    plan after the first round), round after round until told to stop"""

    def __init__(self, plans, db):
        super().__init__()
        self.plans, self.db = plans, db
        self.stop = threading.Event()
        self.rounds = 0
        self.failures = []
        self.titles = {}

    def run(self):
        while not self.stop.is_set() or self.rounds < 2:
            procs = []
            for year in (2031, 2032):
                title = f"gui writers {year} #{self.rounds}"
                argv = [BIN, "import", self.plans.write(year, title), "--db", self.db]
                if self.rounds > 0:
                    argv.append("--replace")
                procs.append((year, title, subprocess.Popen(
                    argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=ENV)))
            for year, title, proc in procs:
                _, err = proc.communicate()
                if proc.returncode == 0:
                    self.titles[year] = title
                else:
                    self.failures.append(err.strip())
            self.rounds += 1
            # (no pause between rounds: the window's edits still go
            # between two imports, not after the last)


def main():
    tmp = tempfile.mkdtemp(prefix="workplan-gui-writers-")
    db = os.path.join(tmp, "plan.db")
    plans = two_writers.Plans(tmp)
    proc = two_writers.workplan("import", SAMPLE, "--db", db)
    assert proc.returncode == 0, proc.stderr
    before = titles_2025(db)

    app = start_app(BIN, db, LC_ALL="C.UTF-8", LANGUAGE="C",
                    GTK_IM_MODULE="gtk-im-context-simple")
    typed = []
    retries = 0
    try:
        wait_for_window(timeout=60)
        xdo("mousemove", 200, 88, "click", 1)   # the first row
        time.sleep(0.5)
        importer = Importer(plans, db)
        importer.start()
        # Each edit renames the next row down
        for n in range(EDITS):
            title = f"window edit {n}"
            keys("Down", "F2", "ctrl+a")
            type_text(title)
            keys("Return")
            typed.append(title)
            # Saved, or still typed in its entry because the file was busy:
            # then Enter again
            for _ in range(20):
                if title in titles_2025(db):
                    break
                time.sleep(1.5)
                if title not in titles_2025(db):
                    retries += 1
                    keys("Return")
        importer.stop.set()
        importer.join()
        tap(importer.rounds >= 2 and not importer.failures,
            f"two imports at once, {importer.rounds} times, all succeed beside the window",
            importer.failures)
        whole = [plans.is_whole(two_writers.export(db, year), year, importer.titles[year])
                 for year in (2031, 2032)]
        tap(all(whole), "both years hold their last import whole", whole)

        after = titles_2025(db)
        changed = [(b, a) for b, a in zip(before, after) if b != a]
        tap(len(after) == len(before) and sorted(a for _, a in changed) == sorted(typed),
            "every title typed renamed one row of the plan shown, and nothing else changed",
            changed)
        print(f"# {retries} edits tried again after the file was busy", flush=True)
        tap(retries == 0, "every rename saved while the imports went on, without another Enter",
            retries)
        problems = two_writers.integrity(db)
        tap(problems == ["ok"], "integrity check with the window open", problems)
    finally:
        stop_app(app)
    problems = two_writers.integrity(db)
    tap(problems == ["ok"], "integrity check after the app quit", problems)
    kept = titles_2025(db)
    tap(all(kept.count(t) == 1 for t in typed), "the typed titles are kept after quitting",
        [t for t in typed if kept.count(t) != 1])
    print(f"1..{len(results)}")
    subprocess.run(["rm", "-rf", tmp])
    return 0 if all(results) else 1


if __name__ == "__main__":
    sys.exit(main())
