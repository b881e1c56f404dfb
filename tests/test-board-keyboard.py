#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""End-to-end: move cards on the real board with the keyboard and the mouse.

Runs the `workplan` binary on the demo plan under the X server that
xvfb-run provides, sends real key and pointer events through XTest
(xdotool), and checks the database with `workplan export`. Prints TAP.
"""
import json
import os
import subprocess
import tempfile
import time

from wp_xtest import drag, keys, poll, start_app, stop_app, tap, wait_for_window, xdo

BIN = os.environ["WORKPLAN_BIN"]
SAMPLE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "data", "samples",
                      "xiamen-2025.json")

# The window is 1100 px wide at the top left of the screen: four status
# columns of 260 px, 12 px apart, below the header bar and the toolbar.
COLUMN_X = [12 + i * 272 + 130 for i in range(4)]
FIRST_CARD_Y = 200


def tasks(db):
    out = subprocess.run([BIN, "export", "--year", "2025", "--db", db],
                         check=True, capture_output=True, text=True).stdout
    return {t["title"]: t["status"] for a in json.loads(out)["items"] for t in a["children"]}


def first_task(db):
    title, status = next(iter(tasks(db).items()))
    return title, status


def main():
    print("1..4", flush=True)
    tmp = tempfile.mkdtemp(prefix="workplan-board-")
    db = os.path.join(tmp, "plan.db")
    subprocess.run([BIN, "import", SAMPLE, "--db", db], check=True, capture_output=True)
    title, status = first_task(db)

    app = start_app(BIN, db, WORKPLAN_TODAY="2025-07-15")
    try:
        wait_for_window()
        xdo("mousemove", 600, 400)
        keys("alt+2")                          # the board: key tasks by status
        xdo("mousemove", COLUMN_X[1], FIRST_CARD_Y)
        xdo("click", 1)                        # the first card under 进行中
        time.sleep(0.5)
        # (to 未开始: a move to 已完成 asks for the completion note first)
        keys("ctrl+Left")
        got = poll(lambda: first_task(db), lambda g: g == (title, "not_started"))
        tap(got == (title, "not_started"), "Ctrl+Left moves the card to the column before", got)

        keys("ctrl+z")
        got = poll(lambda: first_task(db), lambda g: g == (title, status))
        tap(got == (title, status), "Ctrl+Z moves it back", got)

        # Drag the card under the pointer (the column may have scrolled
        # since) onto the empty part of 暂缓: exactly that task changes.
        # A drag the loaded machine did not start (the pointer moved past
        # the card before GTK saw the press) changes nothing and is tried
        # again.
        before = tasks(db)
        for attempt in range(3):
            drag(COLUMN_X[1], FIRST_CARD_Y, COLUMN_X[3], 500)
            after = poll(lambda: tasks(db), lambda g: g != before, timeout=5)
            if after != before:
                break
        changed = {t: s for t, s in after.items() if before[t] != s}
        tap(list(changed.values()) == ["suspended"],
            "dragging a card to a column sets its status", changed)
        if os.environ.get("WORKPLAN_TEST_SHOT"):
            subprocess.run(["import", "-window", "root", os.environ["WORKPLAN_TEST_SHOT"]])

        # A loaded machine may still be ending the drag (X11 drag and drop
        # holds the keyboard until the pointer moves on) when the key comes,
        # and drop it: move the pointer and press again if nothing changed.
        # (Safe: the drag is the only edit left to undo, so an extra Ctrl+Z
        # does nothing.)
        for attempt in range(3):
            xdo("mousemove", 600 + 10 * attempt, 420)
            time.sleep(1.0)
            keys("ctrl+z")
            got = poll(lambda: tasks(db), lambda g: g == before, timeout=4)
            if got == before:
                break
        tap(got == before, "the drag is undone with Ctrl+Z", got)
    finally:
        stop_app(app)


if __name__ == "__main__":
    main()
