#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""End-to-end: the app started while another program holds the plan file
locked opens it by itself once the lock is gone (issue 15, defect 8: the
window stayed on "Cannot open … in use" after the lock was gone).

Another program (here this script, through Python's sqlite3) keeps the file
locked in SQLite's exclusive locking mode, so that not even a reader gets
in; the real app is started on it, shows that it cannot open the file, and
once the lock is let go must show the plan, without anyone touching it.
Prints TAP.
"""
import os
import platform
import sqlite3
import subprocess
import sys
import tempfile
import time

from wp_xtest import poll, results, start_app, stop_app, tap, wait_for_window

BIN = os.environ["WORKPLAN_BIN"]
SAMPLE = os.path.join(os.environ["G_TEST_SRCDIR"], "..", "data", "samples", "xiamen-2025.json")
TITLE = "2025年全市政法工作任务分解"


def window_names():
    found = subprocess.run(["xdotool", "search", "--onlyvisible", "--class", "workplan"],
                           capture_output=True, text=True)
    names = []
    for wid in found.stdout.split():
        name = subprocess.run(["xdotool", "getwindowname", wid], capture_output=True, text=True)
        names.append(name.stdout.strip())
    return names


def main_thread_states(pid, samples=20):
    """What the app's main thread is doing, sampled every quarter second:
    the number of the system call it waits in, or "running" """
    states = []
    for _ in range(samples):
        try:
            with open(f"/proc/{pid}/syscall", encoding="ascii") as f:
                states.append(f.read().split()[0])
        except OSError:
            states.append("gone")
        time.sleep(0.25)
    return states


def main():
    with tempfile.TemporaryDirectory(prefix="workplan-open-when-free-") as tmp:
        db = os.path.join(tmp, "plans.db")
        subprocess.run([BIN, "import", SAMPLE, "--db", db], check=True, capture_output=True,
                       env=dict(os.environ, LC_ALL="C.UTF-8"))

        holder = sqlite3.connect(db, isolation_level=None)
        holder.execute("PRAGMA locking_mode = EXCLUSIVE")
        holder.execute("BEGIN EXCLUSIVE")
        holder.execute("COMMIT")  # (the exclusive lock stays until the connection closes)
        app = start_app(BIN, db, LC_ALL="C.UTF-8", LANGUAGE="C")
        try:
            wait_for_window(timeout=60)
            got = window_names()
            tap(got != [] and not any(TITLE in name for name in got),
                "while the file is locked, the window shows no plan", got)

            # The window that says so must not freeze: it asked for the file
            # on the main thread, each time waiting seconds for the lock.
            # (x86-64 numbers: 7 is poll(), where an idle main loop waits)
            if platform.machine() == "x86_64":
                states = main_thread_states(app.pid)
                tap(states.count("7") > len(states) // 2,
                    "meanwhile the window waits for events, not for the file", states)

            holder.close()
            got = poll(window_names, lambda names: any(TITLE in name for name in names),
                       timeout=60)
            tap(any(TITLE in name for name in got),
                "once the lock is gone, the window shows the plan by itself", got)
        finally:
            stop_app(app)
    print(f"1..{len(results)}")
    return 0 if all(results) else 1


if __name__ == "__main__":
    sys.exit(main())
