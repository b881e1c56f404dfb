#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The store's files call each other in one direction only (issue 17).

Reads src/core/wp-store*.c, finds which file's non-static functions each
file calls (comments left out), and fails on any circle: two files that
call each other, or a longer loop. A new call that closes one names the
files and the functions, so that it goes through the change log, the
backend (db/wp-backend.h) or wp-store-state.c instead.
Also checks that no file of src/ above db/ and queries/ calls SQLite.
Prints TAP.
"""
import glob
import os
import re
import sys

root = sys.argv[1]
files = sorted(glob.glob(os.path.join(root, "src", "core", "wp-store*.c")))
texts = {f: re.sub(r"/\*.*?\*/", "", open(f, encoding="utf-8").read(), flags=re.S) for f in files}
defined = {}
for f, text in texts.items():
    names = set(re.findall(r"^([a-z_][a-z0-9_]*) \(", text, re.M))
    static = set(re.findall(r"^static[^\n]*\n([a-z_][a-z0-9_]*) \(", text, re.M))
    defined[f] = names - static

calls = {}
for f, text in texts.items():
    for g in files:
        if g != f:
            used = sorted(n for n in defined[g] if re.search(r"\b" + n + r"\s*\(", text))
            if used:
                calls.setdefault(f, {})[g] = used

# Tarjan's strongly connected components
index, low, stack, on_stack, loops = {}, {}, [], set(), []


def visit(v):
    index[v] = low[v] = len(index)
    stack.append(v)
    on_stack.add(v)
    for w in calls.get(v, {}):
        if w not in index:
            visit(w)
            low[v] = min(low[v], low[w])
        elif w in on_stack:
            low[v] = min(low[v], index[w])
    if low[v] == index[v]:
        component = []
        while True:
            w = stack.pop()
            on_stack.discard(w)
            component.append(w)
            if w == v:
                break
        if len(component) > 1:
            loops.append(sorted(component))


for f in files:
    if f not in index:
        visit(f)

results = []


def tap(ok, what, detail=None):
    results.append(ok)
    print(f"{'ok' if ok else 'not ok'} {len(results)} {what}")
    if not ok and detail:
        for line in detail:
            print(f"# {line}")


name = os.path.basename
detail = []
for loop in loops:
    detail.append("a circle: " + ", ".join(name(f) for f in loop))
    for f in loop:
        for g, used in calls.get(f, {}).items():
            if g in loop:
                detail.append(f"  {name(f)} -> {name(g)}: {', '.join(used[:4])}")
tap(len(files) > 10 and not loops, f"no circles among the {len(files)} store files", detail)

# Everything of SQLite's own is in db/ and queries/ (a second backend
# replaces those two): no call, code or statement type above them
above = [f for f in sorted(glob.glob(os.path.join(root, "src", "**", "*.c"), recursive=True))
         if os.sep + os.path.join("core", "db") + os.sep not in f
         and os.sep + os.path.join("core", "queries") + os.sep not in f]
sqlite = [os.path.relpath(f, root) for f in above
          if re.search(r"\bsqlite3_|\bSQLITE_|\bsqlite3\b",
                       re.sub(r"/\*.*?\*/", "", open(f, encoding="utf-8").read(), flags=re.S))]
tap(len(above) > 50 and not sqlite,
    f"no SQLite above db/ and queries/ ({len(above)} files)", sqlite)

# The change log is the backend's: above db/ and queries/ it is reached
# through WpBackend.changes (CHANGE_LOG (self)->read …), never by the
# SQLite backend's own functions
direct = [os.path.relpath(f, root) for f in above
          if re.search(r"\bwp_change_log_\w+\s*\(",
                       re.sub(r"/\*.*?\*/", "", open(f, encoding="utf-8").read(), flags=re.S))]
tap(not direct, "the change log only through the backend", direct)
print(f"1..{len(results)}")
sys.exit(0 if all(results) else 1)
