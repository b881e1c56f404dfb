#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The window as a screen reader sees it, in Chinese.

Runs the real app in zh_CN under the X server of xvfb-run and the session
bus of dbus-run-session, with the accessibility bus started, and finds its
views and buttons through AT-SPI by their Chinese names. Prints TAP.
"""
import json
import os
import subprocess
import sys
import tempfile
import time

import gi
gi.require_version("Atspi", "2.0")
from gi.repository import Atspi, GLib  # noqa: E402

BIN = os.environ["WORKPLAN_BIN"]
results = []


def tap(ok, name):
    results.append(ok)
    print(f"{'ok' if ok else 'not ok'} {len(results)} {name}", flush=True)


def walk(node, depth=0):
    yield node
    if depth > 40:
        return
    for i in range(node.get_child_count()):
        child = node.get_child_at_index(i)
        if child is not None:
            yield from walk(child, depth + 1)


def find_app(name):
    # Under load the accessibility bus or the app's registration can lag
    # behind: a failed call here means "not yet", not a failure.
    try:
        desktop = Atspi.get_desktop(0)
        for i in range(desktop.get_child_count()):
            app = desktop.get_child_at_index(i)
            if app is not None and app.get_name() == name:
                return app
    except GLib.Error as error:
        print(f"# not yet on the bus: {error.message}", flush=True)
    return None


def main():
    locales = subprocess.run(["locale", "-a"], capture_output=True, text=True).stdout.lower()
    if "zh_cn.utf8" not in locales and "zh_cn.utf-8" not in locales:
        print("1..0 # SKIP the zh_CN.UTF-8 locale is not installed (make check installs it)")
        return 0
    print("1..5", flush=True)
    tmp = tempfile.mkdtemp(prefix="workplan-a11y-")
    db = os.path.join(tmp, "plan.db")
    sample = os.path.join(os.environ["G_TEST_SRCDIR"], "..", "data", "samples", "xiamen-2025.json")
    subprocess.run([BIN, "import", sample, "--db", db], check=True, capture_output=True)

    bus = subprocess.Popen(["/usr/libexec/at-spi-bus-launcher", "--launch-immediately"],
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(1.5)
    env = dict(os.environ, GTK_A11Y="atspi", GSETTINGS_BACKEND="memory",
               LANG="zh_CN.UTF-8", LANGUAGE="zh_CN", LC_ALL="zh_CN.UTF-8",
               WORKPLAN_TODAY="2025-07-15", XDG_DATA_HOME=tmp)
    env.pop("NO_AT_BRIDGE", None)
    env.pop("G_DEBUG", None)
    app = subprocess.Popen([BIN, "--db", db], env=env)
    try:
        found = None
        for _ in range(60):
            time.sleep(0.5)
            found = find_app("workplan")
            if found is not None and found.get_child_count() > 0:
                break
        tap(found is not None, "the app is on the accessibility bus")
        if found is None:
            return 1

        nodes = list(walk(found))
        names = {}
        for n in nodes:
            try:
                names.setdefault(n.get_role_name(), set()).add(n.get_name())
            except Exception:
                pass
        all_names = set().union(*names.values())

        views = {"大纲", "看板", "进度", "单位"}
        tap(views <= all_names, "the four views are named 大纲, 看板, 进度 and 单位")
        if not views <= all_names:
            print("# missing", json.dumps(sorted(views - all_names), ensure_ascii=False))

        buttons = set().union(*(v for k, v in names.items() if "button" in k))
        wanted = {"主菜单", "搜索", "事项详情"}
        tap(wanted <= buttons, "icon-only header buttons have Chinese names")
        if not wanted <= buttons:
            print("# buttons", json.dumps(sorted(n for n in buttons if n), ensure_ascii=False))

        tap("计划年份" in all_names, "the year selector is named")
        tap(any("坚持主动创稳" in (n or "") for n in all_names),
            "the outline's rows can be read")
    finally:
        app.terminate()
        try:
            app.wait(timeout=5)
        except subprocess.TimeoutExpired:
            app.kill()
        bus.terminate()

    return 0 if all(results) and len(results) == 5 else 1


if __name__ == "__main__":
    sys.exit(main())
