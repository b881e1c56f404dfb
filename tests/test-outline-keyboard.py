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

from wp_xtest import (drag, keys, poll, results, start_app, stop_app, tap, type_text,
                      wait_for_window, xdo)

BIN = os.environ["WORKPLAN_BIN"]


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

    app = start_app(BIN, db, GTK_IM_MODULE="gtk-im-context-simple")
    try:
        wait_for_window()
        xdo("mousemove", 400, 400)

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
        tap(got == want, "typed outline with Enter, Tab, Shift+Tab", got)

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
        tap(got == want, "dragging a row before another reorders", got)
        keys("ctrl+z")
        got = poll(lambda: shape(export(db, 2026)["items"]),
                   lambda g: first_action(g) == "Action x")
        tap(first_action(got) == "Action x", "the drag is undone with Ctrl+Z")

        # The row's menu, from the keyboard: the Menu key opens it on the
        # selected row ("Action y", clicked) and its mnemonic I indents.
        xdo("mousemove", 200, 74 + 3 * 28 + 14, "click", 1)
        time.sleep(0.3)
        keys("Menu")
        keys("i")
        want = [["Area A", "area", [["Task A1", "task", [["Action x", "action", [
            ["Action y", "action", []]]]]]]]]
        got = poll(lambda: shape(export(db, 2026)["items"]), lambda g: g == want)
        tap(got == want, "the row menu's Indent indents", got)
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
        tap(got == ["你"], "the composed text became the title", got)
    finally:
        stop_app(app)

    return 0 if all(results) and len(results) == 10 else 1


if __name__ == "__main__":
    sys.exit(main())
