#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""End-to-end: type an outline into the real app with the keyboard.

Runs the installed-in-build `workplan` binary on a new database under the X
server that xvfb-run provides, sends real key events through XTest
(xdotool), quits, and checks the database with `workplan export`.
Prints TAP.
"""
import json
import os
import subprocess
import sys
import tempfile
import time

BIN = os.environ["WORKPLAN_BIN"]
results = []


def tap(ok, name):
    results.append(ok)
    print(f"{'ok' if ok else 'not ok'} {len(results)} {name}", flush=True)


def keys(*names):
    for name in names:
        subprocess.run(["xdotool", "key", "--delay", "60", name], check=True)
        time.sleep(0.35)


def type_text(text):
    subprocess.run(["xdotool", "type", "--delay", "50", text], check=True)
    time.sleep(0.35)


def drag(x0, y0, x1, y1):
    # In small steps, as a hand would: the drag starts past GTK's threshold
    # and the drop target needs motion over it to know the place.
    subprocess.run(["xdotool", "mousemove", str(x0), str(y0)], check=True)
    time.sleep(0.3)
    subprocess.run(["xdotool", "mousedown", "1"], check=True)
    time.sleep(0.3)
    for i in range(1, 9):
        x = x0 + (x1 - x0) * i // 8 + (3 if i < 8 else 0)
        y = y0 + (y1 - y0) * i // 8
        subprocess.run(["xdotool", "mousemove", str(x), str(y)], check=True)
        time.sleep(0.15)
    subprocess.run(["xdotool", "mousemove", str(x1), str(y1)], check=True)
    time.sleep(0.4)
    subprocess.run(["xdotool", "mouseup", "1"], check=True)
    time.sleep(0.8)


def poll(read, ok, timeout=10):
    """What read() gives once ok() of it holds, or after timeout seconds: a
    busy machine may take a while to handle the keys."""
    deadline = time.time() + timeout
    while True:
        got = read()
        if ok(got) or time.time() > deadline:
            return got
        time.sleep(0.2)


def first_action(shaped):
    """The title of the first action of the first key task of the first area"""
    try:
        return shaped[0][2][0][2][0][0]
    except (IndexError, TypeError):
        return None


def titles(db):
    return [i["title"] for i in export(db, 2026)["items"]]


def export(db, year):
    out = subprocess.run([BIN, "export", "--year", str(year), "--db", db],
                         check=True, capture_output=True, text=True).stdout
    return json.loads(out)


def shape(items):
    return [[i["title"], i["kind"], shape(i["children"])] for i in items]


def main():
    print("1..10", flush=True)
    tmp = tempfile.mkdtemp(prefix="workplan-kbd-")
    db = os.path.join(tmp, "plan.db")
    empty = os.path.join(tmp, "empty.json")
    with open(empty, "w", encoding="utf-8") as f:
        json.dump({"format": "workplan", "version": 1,
                   "plan": {"year": 2026, "title": "键盘测试", "organization": ""},
                   "items": []}, f)
    subprocess.run([BIN, "import", empty, "--db", db], check=True, capture_output=True)

    env = dict(os.environ, GSETTINGS_BACKEND="memory", GTK_A11Y="none",
               GTK_IM_MODULE="gtk-im-context-simple")
    env.pop("G_DEBUG", None)  # a stray GTK warning must not kill the app mid-test
    app = subprocess.Popen([BIN, "--db", db], env=env)
    try:
        time.sleep(2.5)
        subprocess.run(["xdotool", "mousemove", "400", "400"], check=True)

        # The empty plan offers "Add Area", focused: Enter adds the first area.
        keys("Return")
        type_text("Area A")
        keys("Return")                    # a sibling below, editing its title
        type_text("Task A1")
        keys("Tab")                       # indent while typing: becomes a key task
        keys("Return")
        type_text("Action x")
        keys("Tab")                       # becomes an action
        keys("Return")
        type_text("Action y")
        keys("Return")
        type_text("Area B")
        keys("shift+Tab", "shift+Tab")    # back to the top level: an area again
        keys("Return", "Escape")          # a new empty row, taken back by Escape
        want = [["Area A", "area", [["Task A1", "task", [["Action x", "action", []],
                                                         ["Action y", "action", []]]]]],
                ["Area B", "area", []]]
        got = poll(lambda: shape(export(db, 2026)["items"]), lambda g: g == want)
        tap(got == want, "typed outline with Enter, Tab, Shift+Tab")
        if got != shape([]) and not results[-1]:
            print("# got", json.dumps(got, ensure_ascii=False))

        keys("alt+Up")                    # Area B above Area A
        got = poll(lambda: titles(db), lambda g: g == ["Area B", "Area A"])
        tap(got == ["Area B", "Area A"], "Alt+Up moves among siblings")

        keys("Delete")                    # removes Area B, with an undo toast
        got = poll(lambda: titles(db), lambda g: g == ["Area A"])
        tap(got == ["Area A"], "Delete removes the selected item")

        keys("ctrl+z")
        got = poll(lambda: titles(db), lambda g: g == ["Area B", "Area A"])
        tap(got == ["Area B", "Area A"], "Ctrl+Z brings it back")

        keys("ctrl+shift+z")
        got = poll(lambda: titles(db), lambda g: g == ["Area A"])
        tap(got == ["Area A"], "Ctrl+Shift+Z deletes it again")

        if os.environ.get("WORKPLAN_TEST_SHOT"):
            subprocess.run(["import", "-window", "root", os.environ["WORKPLAN_TEST_SHOT"]])
        # Drag "Action y" by its title onto the top edge of "Action x": it
        # goes before it. Rows are 28 px high below a 74 px header here.
        drag(90, 74 + 3 * 28 + 14, 90, 74 + 2 * 28 + 4)
        want = [["Area A", "area", [["Task A1", "task", [["Action y", "action", []],
                                                         ["Action x", "action", []]]]]]]
        got = poll(lambda: shape(export(db, 2026)["items"]), lambda g: g == want)
        tap(got == want, "dragging a row before another reorders")
        if not results[-1]:
            print("# got", json.dumps(got, ensure_ascii=False))
        keys("ctrl+z")
        got = poll(lambda: shape(export(db, 2026)["items"]),
                   lambda g: first_action(g) == "Action x")
        tap(first_action(got) == "Action x", "the drag is undone with Ctrl+Z")

        # The row's menu, from the keyboard: the Menu key opens it on the
        # selected row ("Action y", clicked) and its mnemonic I indents.
        subprocess.run(["xdotool", "mousemove", "200", str(74 + 3 * 28 + 14), "click", "1"],
                       check=True)
        time.sleep(0.3)
        keys("Menu")
        keys("i")
        want = [["Area A", "area", [["Task A1", "task", [["Action x", "action", [
            ["Action y", "action", []]]]]]]]]
        got = poll(lambda: shape(export(db, 2026)["items"]), lambda g: g == want)
        tap(got == want, "the row menu's Indent indents")
        if not results[-1]:
            print("# got", json.dumps(got, ensure_ascii=False))
        keys("ctrl+z")
        poll(lambda: shape(export(db, 2026)["items"]), lambda g: g != want)

        # Enter while an input method is composing belongs to the input
        # method. GTK's own input method composes Ctrl+Shift+U and hex
        # digits as preedit text and takes Enter to commit 你 (U+4F60); only
        # the second Enter ends the title and adds a row.
        keys("Up", "Up", "Up")            # back to "Area A"
        keys("F2", "ctrl+a", "BackSpace")
        keys("ctrl+shift+u")
        type_text("4f60")
        keys("Return")                    # commits the composed character
        got = titles(db)
        tap(got == ["Area A"] or got == [""], "Enter during composition adds no row")
        keys("Return")                    # ends the title, adds a row
        keys("Escape")                    # and takes the empty row back
        got = poll(lambda: titles(db), lambda g: g == ["你"])
        tap(got == ["你"], "the composed text became the title")
        if not results[-1]:
            print("# got", json.dumps(got, ensure_ascii=False))
    finally:
        app.terminate()
        try:
            app.wait(timeout=5)
        except subprocess.TimeoutExpired:
            app.kill()

    return 0 if all(results) and len(results) == 10 else 1


if __name__ == "__main__":
    sys.exit(main())
