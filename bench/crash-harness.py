#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Crash harness: kill -9 at random moments, then check that nothing saved is lost.

    crash-harness.py [--kills N] [--scenarios imports,notes,gui] [--items N] [--seed S]

Three scenarios share the kills (a third each):

  imports  `workplan import` of a generated plan (bench-store --keep), into a
           new year or over an existing one with --replace
  notes    `workplan note` in a loop, each with a unique text, a progress and
           a status
  gui      the app, driven by real key events through XTest (xdotool): F2
           renames a row, Enter adds one and its title is typed; the app is
           killed at a random moment

Each command or app is killed with SIGKILL at a random moment of its run;
commands that finish before their moment are committed edits, and the next
one starts. After each kill:

  - PRAGMA integrity_check and foreign_key_check must pass (Python's sqlite3,
    before any Workplan process opens the file);
  - every committed edit must be there (a command that exited 0 before the
    kill), and nothing half-written (an import is there whole or not at all;
    a note is there with its progress and status, or none of them is);
  - every edit shown before the kill must be there: for the command line, the
    success message read from its output before the kill; for the app, the
    row's title as the window shows it (see GuiScenario.wait_shown).

Prints a table and exits 1 if anything was lost, torn or damaged. The GUI
scenario needs an X server and a session bus: without DISPLAY the harness
runs itself under xvfb-run and dbus-run-session.
"""
import argparse
import collections
import json
import os
import random
import select
import shutil
import signal
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
SOURCE_ROOT = os.path.dirname(HERE)


class Result:
    def __init__(self, name):
        self.name = name
        self.kills = 0
        self.integrity_failures = 0
        self.committed = 0          # edits committed before a kill (exit 0)
        self.committed_lost = 0
        self.shown = 0              # edits shown before the kill
        self.shown_missing = 0
        self.torn = 0               # writes found half done
        self.killed_committed = 0   # killed commands whose write was there anyway
        self.errors = []            # commands that failed without being killed
        self.notes = []

    def failed(self):
        return (self.integrity_failures or self.committed_lost or self.shown_missing
                or self.torn or self.errors)


def log(message):
    print(f"# {message}", flush=True)


def integrity_problems(db):
    """What integrity_check and foreign_key_check say, or [] when all is well.
    A file that does not exist holds nothing to damage."""
    if not os.path.exists(db):
        return []
    try:
        con = sqlite3.connect(f"file:{db}?mode=rw", uri=True, timeout=30)
        try:
            check = [row[0] for row in con.execute("PRAGMA integrity_check")]
            keys = con.execute("PRAGMA foreign_key_check").fetchall()
        finally:
            con.close()
    except sqlite3.Error as error:
        return [f"sqlite3: {error}"]
    problems = [] if check == ["ok"] else check[:5]
    return problems + [f"foreign key: {row}" for row in keys[:5]]


def run_killed(argv, delay, env=None):
    """Runs @argv and kills it with SIGKILL @delay seconds after it started,
    unless it has exited by then. Returns (killed, returncode, output read
    before the kill, all output, stderr)."""
    start = time.monotonic()
    proc = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    deadline = start + delay
    seen = b""
    eof = False
    while True:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            break
        if eof:
            try:
                proc.wait(timeout=remaining)
            except subprocess.TimeoutExpired:
                pass
            break
        ready, _, _ = select.select([proc.stdout], [], [], remaining)
        if ready:
            chunk = os.read(proc.stdout.fileno(), 65536)
            if chunk:
                seen += chunk
            else:
                eof = True
    if proc.poll() is None:
        # Not yet reaped, so the pid cannot have been reused.
        os.kill(proc.pid, signal.SIGKILL)
    rest, err = proc.communicate()
    killed = proc.returncode == -signal.SIGKILL
    return killed, proc.returncode, seen, seen + rest, err


class Harness:
    def __init__(self, args, work):
        self.args = args
        self.work = work
        self.bin = args.bin
        self.rng = random.Random(args.seed)
        self.env = dict(os.environ, LC_ALL="C.UTF-8", LANGUAGE="C")
        self.env.pop("G_DEBUG", None)

    def workplan(self, *argv, check=True):
        proc = subprocess.run([self.bin, *argv], capture_output=True, env=self.env)
        if check and proc.returncode != 0:
            raise RuntimeError(f"workplan {' '.join(argv)}: {proc.stderr.decode()}")
        return proc

    def export(self, db, year):
        proc = self.workplan("export", "--year", str(year), "--db", db, check=False)
        if proc.returncode != 0:
            return None, proc.stderr.decode().strip()
        return json.loads(proc.stdout), None

    def check_integrity(self, db, result):
        problems = integrity_problems(db)
        if problems:
            result.integrity_failures += 1
            log(f"{result.name}: integrity check after kill {result.kills}: {problems}")
            # A copy of the damaged file to look at: the run goes on with the
            # file as it is, as a user would.
            keep = os.path.join(self.work, f"damaged-{result.name}-{result.kills}.db")
            shutil.copy(db, keep)
        return not problems

    def timed(self, argv):
        t0 = time.monotonic()
        proc = subprocess.run(argv, capture_output=True, env=self.env)
        if proc.returncode != 0:
            raise RuntimeError(f"{' '.join(argv)}: {proc.stderr.decode()}")
        return time.monotonic() - t0



class KillWindow:
    """When to kill a command: a random moment from a little before the
    program could first touch the file (what `workplan --version` takes:
    loading the binary and its libraries, where a kill tests nothing) to a
    little after the longest of its recent runs left to finish, so that
    kills fall on every phase of it, the commit and what follows included.

    The machine is shared, so run times drift: the scenarios time a command
    left to finish every RETIME kills and the window follows."""
    RETIME = 10

    def __init__(self, harness, times):
        self.h = harness
        self.times = collections.deque(times, maxlen=5)
        self.widest = 0
        self.update()

    def update(self):
        startup = statistics.median(self.h.timed([self.h.bin, "--version"]) for _ in range(3))
        self.hi = 1.2 * max(self.times)
        self.lo = min(0.7 * startup, 0.5 * self.hi)
        self.widest = max(self.widest, self.hi)

    def add(self, seconds):
        self.times.append(seconds)
        self.update()

    def draw(self):
        return self.h.rng.uniform(self.lo, self.hi)

    def describe(self, unit=1.0, name="s"):
        return f"kills from {self.lo / unit:.3f} to {self.hi / unit:.3f} {name}"


class ImportScenario:
    """Imports of one generated plan under a few years, new or --replace.

    Each import's plan carries a serial in its title, so the file tells which
    import it holds for each year; the items are compared whole."""
    YEARS = (2030, 2031, 2032)

    def __init__(self, harness):
        self.h = harness
        self.result = Result("cli-import")
        self.db = os.path.join(harness.work, "imports.db")
        self.json_path = os.path.join(harness.work, "import.json")
        self.expected = {}   # year → serial of the import the file must hold
        self.serial = 0
        self.retimed = 0

    def generate(self):
        gen = os.path.join(self.h.work, "generated.db")
        subprocess.run([self.h.args.bench_store, "--items", str(self.h.args.items),
                        "--keep", gen], check=True, stdout=subprocess.DEVNULL,
                       env=self.h.env)
        doc, error = self.h.export(gen, 2025)
        if doc is None:
            raise RuntimeError(error)
        self.organization = doc["plan"]["organization"]
        self.items = doc["items"]
        self.items_text = json.dumps(self.items, ensure_ascii=False)

    def header(self, year, serial):
        return {"year": year, "title": f"crash import #{serial}",
                "organization": self.organization}

    def write_plan(self, year):
        self.serial += 1
        with open(self.json_path, "w", encoding="utf-8") as f:
            f.write('{"format": "workplan", "version": 1, "plan": '
                    + json.dumps(self.header(year, self.serial), ensure_ascii=False)
                    + ', "items": ' + self.items_text + "}")
        argv = [self.h.bin, "import", self.json_path, "--db", self.db]
        if year in self.expected:
            argv.append("--replace")
        return argv

    def held(self):
        """year → (serial, number of items) as list-plans reports them"""
        proc = self.h.workplan("list-plans", "--json", "--db", self.db, check=False)
        if proc.returncode != 0:
            return None, proc.stderr.decode().strip()
        held = {}
        for plan in json.loads(proc.stdout):
            title = plan["title"]
            serial = int(title.split("#")[1]) if title.startswith("crash import #") else -1
            held[plan["year"]] = (serial, plan["items"])
        return held, None

    def check_whole(self, year, serial):
        doc, error = self.h.export(self.db, year)
        return doc is not None and doc["plan"] == self.header(year, serial) \
            and doc["items"] == self.items

    def run(self, kills):
        r = self.result
        self.generate()
        # An import into each year, then one over an existing plan: kills
        # are drawn over a little more than the longest, so that they fall
        # on every phase of either kind.
        times = []
        for year in self.YEARS + self.YEARS[:1]:
            times.append(self.h.timed(self.write_plan(year)))
            self.expected[year] = self.serial
            r.committed += 1
        window = KillWindow(self.h, times)
        log(f"cli-import: {len_items(self.items)} items, an import takes {min(times):.2f} to "
            f"{max(times):.2f} s; {window.describe()}")
        while r.kills < kills:
            year = self.h.rng.choice(self.YEARS)
            argv = self.write_plan(year)
            if r.kills % KillWindow.RETIME == 0 and r.kills // KillWindow.RETIME != self.retimed:
                self.retimed = r.kills // KillWindow.RETIME
                window.add(self.h.timed(argv))
                self.expected[year] = self.serial
                r.committed += 1
                continue
            killed, status, seen, _, err = run_killed(argv, window.draw(), self.h.env)
            if not killed:
                if status == 0:
                    self.expected[year] = self.serial
                    r.committed += 1
                else:
                    r.errors.append(err.decode().strip())
                continue
            r.kills += 1
            shown = b"Imported the" in seen
            r.shown += shown
            self.check(year, self.serial, shown)
        r.notes.append(f"at the end, {window.describe()}")

    def check(self, year, serial, shown):
        r = self.result
        if not self.h.check_integrity(self.db, r):
            return
        held, error = self.held()
        if held is None:
            if self.expected:
                r.integrity_failures += 1
                log(f"cli-import: the file cannot be read after kill {r.kills}: {error}")
            return
        for y in self.YEARS:
            got = held.get(y, (None, 0))[0]
            want = self.expected.get(y)
            if y == year and got == serial:
                r.killed_committed += 1
                self.expected[y] = serial
                if not self.check_whole(y, serial):
                    r.torn += 1
                    log(f"cli-import: the {y} plan of import #{serial} is not whole")
                continue
            if y == year and shown:
                r.shown_missing += 1
                log(f"cli-import: import #{serial} said it was done, the file holds #{got}")
            if got != want:
                r.committed_lost += 1
                log(f"cli-import: the {y} plan should be import #{want}, the file holds #{got}")
                if got is None:
                    self.expected.pop(y, None)
                else:
                    self.expected[y] = got
            elif got is not None and held[y][1] != len_items(self.items):
                r.torn += 1
                log(f"cli-import: the {y} plan has {held[y][1]} items")

    def final_check(self):
        for year, serial in self.expected.items():
            if not self.check_whole(year, serial):
                self.result.torn += 1
                log(f"cli-import: at the end, the {year} plan is not import #{serial} whole")


def len_items(items):
    return sum(1 + len_items(i["children"]) for i in items)


def walk_items(items):
    for item in items:
        yield item
        yield from walk_items(item["children"])


class NoteScenario:
    """`workplan note` on the actions of the demo plan, each with a unique
    text, a progress and a status, which must land together or not at all."""
    STATUSES = ("not_started", "in_progress", "done", "suspended")

    def __init__(self, harness):
        self.h = harness
        self.result = Result("cli-note")
        self.db = os.path.join(harness.work, "notes.db")
        self.serial = 0
        self.committed_texts = {}   # text → title of the item it is on

    def setup(self):
        sample = os.path.join(SOURCE_ROOT, "data", "samples", "xiamen-2025.json")
        self.h.workplan("import", sample, "--db", self.db)
        doc, _ = self.h.export(self.db, 2025)
        leaves = [i for i in walk_items(doc["items"]) if not i["children"]]
        self.titles = [i["title"] for i in leaves]
        self.state = {i["title"]: (i["progress"], i["status"]) for i in leaves}

    def next_note(self):
        self.serial += 1
        title = self.h.rng.choice(self.titles)
        progress = self.h.rng.randint(0, 100)
        status = self.h.rng.choice(self.STATUSES)
        text = f"crash note #{self.serial}"
        argv = [self.h.bin, "note", "--year", "2025", "--item", title, "--text", text,
                "--date", "2025-07-01", "--progress", str(progress), "--status", status,
                "--db", self.db]
        return argv, (title, text, progress, status)

    def commit(self, note):
        title, text, progress, status = note
        self.state[title] = (progress, status)
        self.committed_texts[text] = title
        self.result.committed += 1

    def run(self, kills):
        r = self.result
        self.setup()
        times = []
        for _ in range(5):
            argv, note = self.next_note()
            times.append(self.h.timed(argv))
            self.commit(note)
        window = KillWindow(self.h, times)
        log(f"cli-note: a note takes {statistics.median(times) * 1000:.0f} ms; "
            f"{window.describe(0.001, 'ms')}")
        retimed = 0
        while r.kills < kills:
            argv, note = self.next_note()
            if r.kills % KillWindow.RETIME == 0 and r.kills // KillWindow.RETIME != retimed:
                retimed = r.kills // KillWindow.RETIME
                window.add(self.h.timed(argv))
                self.commit(note)
                continue
            killed, status, seen, _, err = run_killed(argv, window.draw(), self.h.env)
            if not killed:
                if status == 0:
                    self.commit(note)
                else:
                    r.errors.append(err.decode().strip())
                continue
            r.kills += 1
            shown = b"Added a progress note" in seen
            r.shown += shown
            self.check(note, shown)
        r.notes.append(f"at the end, {window.describe(0.001, 'ms')}")

    def check(self, note, shown):
        r = self.result
        title, text, progress, status = note
        if not self.h.check_integrity(self.db, r):
            return
        doc, error = self.h.export(self.db, 2025)
        if doc is None:
            r.integrity_failures += 1
            log(f"cli-note: the file cannot be read after kill {r.kills}: {error}")
            return
        notes = {}
        state = {}
        for item in walk_items(doc["items"]):
            for n in item["notes"]:
                notes[n["text"]] = (item["title"], n)
            if not item["children"]:
                state[item["title"]] = (item["progress"], item["status"])
        lost = self.committed_texts.keys() - notes.keys()
        lost_on = {self.committed_texts.pop(text) for text in lost}
        if lost:
            r.committed_lost += len(lost)
            log(f"cli-note: committed notes missing after kill {r.kills}: {sorted(lost)[:5]}")
        if text in notes:
            r.killed_committed += 1
            on, n = notes[text]
            if on != title or n["progress"] != progress or state[title] != (progress, status):
                r.torn += 1
                log(f"cli-note: {text} is there without all of what it set: {n}, "
                    f"item {state.get(title)}")
            self.commit(note)
            r.committed -= 1  # counted among the killed, not the exited
        else:
            if shown:
                r.shown_missing += 1
                log(f"cli-note: {text} said it was added and is not there")
            if state[title] != self.state[title]:
                r.torn += 1
                log(f"cli-note: {title} changed to {state[title]} without its note {text}")
        for t, s in self.state.items():
            if t != title and state.get(t) != s:
                # A lost note took its progress and status with it: one loss.
                if t not in lost_on:
                    r.committed_lost += 1
                    log(f"cli-note: {t} should be {s}, is {state.get(t)}")
                self.state[t] = state.get(t)


class GuiScenario:
    """The app on a plan of 30 areas, edited with real keys until it is killed.

    Each life of the app: rename a row (click it, F2, type, Enter), press
    Enter again for a new row and type titles into the rows Enter adds, now
    and then Escape (which takes the empty new row back) and rename another
    row. The kill comes from a timer
    thread at a random moment from launch on, so it falls on startup as well
    as on any point of an edit."""
    YEAR = 2026
    HEADER_Y = 74   # rows start below the header bar and column titles
    ROW_H = 28

    def __init__(self, harness):
        self.h = harness
        self.result = Result("gui")
        self.db = os.path.join(harness.work, "gui.db")
        self.serial = 0
        self.killed_before_editing = 0

    def setup(self):
        import gi
        gi.require_version("Atspi", "2.0")
        from gi.repository import Atspi, GLib
        self.Atspi, self.GLib = Atspi, GLib
        plan = os.path.join(self.h.work, "gui.json")
        with open(plan, "w", encoding="utf-8") as f:
            json.dump({"format": "workplan", "version": 1,
                       "plan": {"year": self.YEAR, "title": "crash gui", "organization": ""},
                       "items": [{"kind": "area", "title": f"Area {i:02d}"} for i in range(30)]},
                      f)
        self.h.workplan("import", plan, "--db", self.db)
        self.bus = subprocess.Popen(["/usr/libexec/at-spi-bus-launcher", "--launch-immediately"],
                                    stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(1.0)
        self.focused = []
        self.listener = Atspi.EventListener.new(self.on_focus)
        self.listener.register("object:state-changed:focused")
        self.app_env = dict(self.h.env, GTK_A11Y="atspi", GSETTINGS_BACKEND="memory",
                            GDK_BACKEND="x11", GTK_IM_MODULE="gtk-im-context-simple")
        self.app_env.pop("NO_AT_BRIDGE", None)

    def teardown(self):
        self.listener.deregister("object:state-changed:focused")
        self.bus.terminate()
        self.bus.wait()

    def on_focus(self, event):
        if event.detail1 != 1:
            return
        try:
            source = event.source
            app = getattr(self, "app", None)
            if (app is not None and source.get_role_name() == "text"
                    and source.get_name() == "Title" and source.get_process_id() == app.pid):
                self.focused.append(source)
        except self.GLib.Error:
            pass  # the app is gone

    def pump(self, seconds):
        context = self.GLib.MainContext.default()
        end = time.monotonic() + seconds
        while True:
            while context.iteration(False):
                pass
            if time.monotonic() >= end or self.killed.is_set():
                return
            time.sleep(0.01)

    def xdo(self, *args):
        if not self.killed.is_set():
            subprocess.run(["xdotool", *[str(a) for a in args]], check=False)

    def wait_entry(self, timeout):
        """The title entry that took the focus, once one has"""
        end = time.monotonic() + timeout
        while time.monotonic() < end and not self.killed.is_set():
            self.pump(0.02)
            if self.focused:
                entry = self.focused[-1]
                self.focused.clear()
                return entry
        return None

    def label_of(self, entry):
        """The label of the title cell whose entry is @entry: the cell is a
        stack of a label page (shown when not editing) and an entry page."""
        node = entry
        try:
            for step in ("up", "up", 0, 0):
                node = node.get_parent() if step == "up" else node.get_child_at_index(step)
                if node is None:
                    return None  # the row went away, or the app did
            return node if node.get_role_name() == "label" else None
        except self.GLib.Error:
            return None

    def wait_shown(self, label, title, timeout=3.0):
        """The time the window showed @title in @label, or None.

        Why this counts as shown: the title cell's label takes its text from
        the item, and the item changes only once the store has written the
        new title (an edit the store refuses leaves the old title in the
        label); ending the edit then shows that label instead of the entry,
        in the same main-loop turn, and the next frame paints it. So a label
        reporting @title through AT-SPI is what a user looking at the window,
        or hearing it read by a screen reader, is told is saved. The answer
        comes from the live app, so its time stamp is before any kill that
        comes after it."""
        end = time.monotonic() + timeout
        while time.monotonic() < end and not self.killed.is_set():
            try:
                if label.get_name() == title:
                    return time.monotonic()
            except self.GLib.Error:
                return None
            self.pump(0.01)
        return None

    def wait_window(self, timeout=90.0):
        """Waits until the app has a window on screen, or is killed: on a
        loaded machine starting it takes far longer than 20 tries of F2"""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline and not self.killed.is_set():
            found = subprocess.run(["xdotool", "search", "--onlyvisible", "--pid",
                                    str(self.app.pid)], capture_output=True, text=True)
            if found.returncode == 0 and found.stdout.strip():
                time.sleep(0.5)  # (its first frame)
                return True
            time.sleep(0.2)
        return False

    def start_rename(self):
        """Clicks a row and presses F2; returns (entry, label, old title)"""
        self.wait_window()
        for _ in range(20):
            if self.killed.is_set():
                return None
            row = self.h.rng.randrange(15)
            self.focused.clear()
            self.xdo("mousemove", 200, self.HEADER_Y + row * self.ROW_H + 14, "click", 1)
            self.xdo("key", "F2")
            entry = self.wait_entry(1.0)
            if entry is None:
                continue
            label = self.label_of(entry)
            try:
                old = label.get_name() if label is not None else None
            except self.GLib.Error:
                continue
            if label is None or old in self.life_titles:
                # Renaming a row again in the same life would take away a
                # title the check expects: leave it.
                self.xdo("key", "Escape")
                continue
            return entry, label, old
        return None

    def life(self):
        """One run of the app, until it is killed; returns the titles it
        showed before the kill, and what the kill fell on."""
        self.killed = threading.Event()
        self.killed_at = None
        self.focused = []
        self.life_titles = set()
        shown = []   # (title, time shown)
        self.app = subprocess.Popen([self.h.bin, "--db", self.db], env=self.app_env,
                                    stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

        def kill():
            if not self.killed.is_set():
                self.killed_at = time.monotonic()
                os.kill(self.app.pid, signal.SIGKILL)
                self.killed.set()

        # A fifth of the kills fall on startup (opening the file, the check
        # in the background), the rest at a random moment of the edits from
        # the first one on: starting takes a second or two, which would
        # otherwise take most of the kills.
        if self.h.rng.random() < 0.2:
            timer = threading.Timer(self.h.rng.uniform(0.05, 2.0), kill)
            timer.start()
        else:
            timer = None
        step = self.start_rename()
        if step is None or self.killed.is_set():
            self.killed_before_editing += 1
        if timer is None:
            timer = threading.Timer(self.h.rng.uniform(0, 4.0), kill)
            timer.start()
        if step is None and not self.killed.is_set():
            # What the screen showed, to tell a page the app chose (a damaged
            # or busy file) from a window that did not answer
            shot = os.path.join(self.h.work, f"never-renamed-{self.result.kills}.png")
            if shutil.which("import"):
                subprocess.run(["import", "-window", "root", shot], capture_output=True)
            self.result.errors.append(f"the app never let a row be renamed (screen: {shot})")
            kill()

        while step is not None and not self.killed.is_set():
            entry, label, _ = step
            self.serial += 1
            title = f"gui-{self.serial}"
            self.life_titles.add(title)
            self.focused.clear()
            self.xdo("key", "ctrl+a")
            self.xdo("type", "--delay", "15", title)
            self.xdo("key", "Return")
            at = self.wait_shown(label, title)
            if at is not None:
                shown.append((title, at))
            # Enter confirmed a rename (and stopped), or a new row's title
            # and went on to the next new row; after a rename, Enter again
            # adds a row below, editing its title.
            entry = self.wait_entry(0.5)
            if entry is None and not self.killed.is_set():
                self.xdo("key", "Return")
                entry = self.wait_entry(2.0)
            if entry is None or self.h.rng.random() < 0.3:
                self.xdo("key", "Escape")
                step = self.start_rename()
                continue
            label = self.label_of(entry)
            step = (entry, label, "") if label is not None else self.start_rename()

        timer.join()
        self.app.wait()
        if self.app.returncode != -signal.SIGKILL:
            self.result.errors.append(f"the app exited by itself ({self.app.returncode})")
        return [title for title, at in shown if at < self.killed_at], len(self.life_titles)

    def run(self, kills):
        r = self.result
        self.setup()
        try:
            while r.kills < kills:
                titles, typed = self.life()
                r.kills += 1
                r.shown += len(titles)
                if self.h.args.verbose:
                    log(f"gui: life {r.kills}: typed {typed} titles, shown before the kill "
                        f"{titles}")
                self.check(titles)
        finally:
            self.teardown()
        if r.shown == 0:
            r.errors.append("no edit was ever shown: the GUI scenario tested nothing")
        r.notes.append(f"{self.killed_before_editing} of {r.kills} kills came before the "
                       "window was ready for the first edit")

    def check(self, titles):
        r = self.result
        if not self.h.check_integrity(self.db, r):
            return
        doc, error = self.h.export(self.db, self.YEAR)
        if doc is None:
            r.integrity_failures += 1
            log(f"gui: the file cannot be read after kill {r.kills}: {error}")
            return
        present = {i["title"] for i in walk_items(doc["items"])}
        missing = [t for t in titles if t not in present]
        if missing:
            r.shown_missing += len(missing)
            log(f"gui: shown before kill {r.kills} and missing after: {missing}")


def print_table(results):
    head = ("scenario", "kills", "integrity failures", "committed edits lost",
            "shown before kill, missing after", "torn writes")
    rows = [head]
    for r in results:
        committed = "n/a" if r.name == "gui" else f"{r.committed_lost} of {r.committed}"
        rows.append((r.name, str(r.kills), str(r.integrity_failures), committed,
                     f"{r.shown_missing} of {r.shown}", str(r.torn)))
    total = Result("total")
    for r in results:
        for field in ("kills", "integrity_failures", "committed", "committed_lost", "shown",
                      "shown_missing", "torn"):
            setattr(total, field, getattr(total, field) + getattr(r, field))
    rows.append(("total", str(total.kills), str(total.integrity_failures),
                 f"{total.committed_lost} of {total.committed}",
                 f"{total.shown_missing} of {total.shown}", str(total.torn)))
    widths = [max(len(row[i]) for row in rows) for i in range(len(head))]
    for n, row in enumerate(rows):
        print("  ".join(cell.ljust(w) if i == 0 else cell.rjust(w)
                        for i, (cell, w) in enumerate(zip(row, widths))), flush=True)
        if n == 0 or n == len(rows) - 2:
            print("  ".join("-" * w for w in widths))
    for r in results:
        if r.name != "gui":
            r.notes.append(f"{r.killed_committed} of {r.kills} killed commands had committed "
                           "before the kill")
        for note in r.notes:
            print(f"{r.name}: {note}")
        for error in r.errors[:5]:
            print(f"{r.name}: error: {error}")


def reexec_with_display(argv):
    """The GUI scenario needs an X server and a session bus."""
    if not os.environ.get("DISPLAY"):
        os.execvp("xvfb-run", ["xvfb-run", "-a", "-s", "-screen 0 1280x800x24",
                               "dbus-run-session", "--", sys.executable, *argv])
    if not os.environ.get("DBUS_SESSION_BUS_ADDRESS"):
        os.execvp("dbus-run-session", ["dbus-run-session", "--", sys.executable, *argv])


def main():
    default_bin = os.environ.get("WORKPLAN_BIN",
                                 os.path.join(SOURCE_ROOT, "_build", "src", "workplan"))
    default_bench = os.environ.get("WORKPLAN_BENCH_STORE",
                                   os.path.join(SOURCE_ROOT, "_build", "bench", "bench-store"))
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--kills", type=int, default=1000, help="kills in all (default 1000)")
    parser.add_argument("--scenarios", default="imports,notes,gui",
                        help="which of imports, notes, gui (default: all)")
    # bench-store measures moves among the 1,000 key tasks of its first
    # area, so it needs at least that many items: 1,000 make ten areas and
    # 999 key tasks, an import of about a second.
    parser.add_argument("--items", type=int, default=1000,
                        help="items of the imported plan, at least 1000 (default 1000)")
    parser.add_argument("--seed", type=int, default=None, help="seed of the random moments")
    parser.add_argument("--bin", default=default_bin, help="the workplan binary")
    parser.add_argument("--bench-store", default=default_bench, help="the bench-store binary")
    parser.add_argument("--keep", action="store_true", help="keep the work folder")
    parser.add_argument("--verbose", action="store_true", help="say what each kill hit")
    args = parser.parse_args()
    if args.items < 1000:
        parser.error("--items must be at least 1000")
    scenarios = [s for s in args.scenarios.split(",") if s]
    unknown = set(scenarios) - {"imports", "notes", "gui"}
    if unknown:
        parser.error(f"unknown scenarios: {', '.join(sorted(unknown))}")
    if "gui" in scenarios:
        reexec_with_display(sys.argv)
    if args.seed is None:
        args.seed = random.randrange(1 << 30)

    work = tempfile.mkdtemp(prefix="workplan-crash-")
    harness = Harness(args, work)
    log(f"seed {args.seed}, work folder {work}")
    classes = {"imports": ImportScenario, "notes": NoteScenario, "gui": GuiScenario}
    results = []
    t0 = time.monotonic()
    for i, name in enumerate(scenarios):
        share = args.kills // len(scenarios) + (1 if i < args.kills % len(scenarios) else 0)
        scenario = classes[name](harness)
        start = time.monotonic()
        scenario.run(share)
        if hasattr(scenario, "final_check"):
            scenario.final_check()
        log(f"{scenario.result.name}: {share} kills in {time.monotonic() - start:.0f} s")
        results.append(scenario.result)
    log(f"all scenarios: {time.monotonic() - t0:.0f} s")
    print_table(results)
    failed = any(r.failed() for r in results)
    if failed or args.keep:
        print(f"# the files are kept in {work}")
    else:
        shutil.rmtree(work, ignore_errors=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
