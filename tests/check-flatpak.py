#!/usr/bin/env python3
# Checks the Flatpak manifest without flatpak-builder (not available here):
# it parses, names the app id and command the meson build installs, asks
# for no more sandbox holes than the app needs, and pins every remote
# source (sha256 for archives and files, a commit for git); every library the
# build needs is in the GNOME runtime or a module of its own.
# SPDX-License-Identifier: GPL-3.0-or-later
import glob
import json
import os
import re
import sys

manifest_path, meson_build = sys.argv[1], sys.argv[2]
with open(manifest_path, encoding="utf-8") as f:
    manifest = json.load(f)
with open(meson_build, encoding="utf-8") as f:
    meson = f.read()

errors = []
app_id = re.search(r"app_id = '([^']+)'", meson).group(1)
if manifest.get("id") != app_id:
    errors.append(f"id {manifest.get('id')!r} is not the meson app_id {app_id!r}")
if manifest.get("command") != "workplan":
    errors.append("command must be workplan, the executable meson installs")
for key in ("runtime", "runtime-version", "sdk"):
    if not manifest.get(key):
        errors.append(f"{key} is missing")

allowed = {"--share=ipc", "--socket=wayland", "--socket=fallback-x11", "--device=dri"}
for arg in manifest.get("finish-args", []):
    if arg not in allowed:
        errors.append(f"finish-arg {arg} is not needed: files go through the portal")
for needed in ("--socket=wayland", "--socket=fallback-x11"):
    if needed not in manifest.get("finish-args", []):
        errors.append(f"finish-arg {needed} is missing")


def check_module(module, where):
    if isinstance(module, str):
        return
    name = module.get("name", "?")
    for source in module.get("sources", []):
        kind = source.get("type")
        if kind in ("archive", "file"):
            if not re.fullmatch(r"[0-9a-f]{64}", source.get("sha256", "")):
                errors.append(f"{where}{name}: {kind} source {source.get('url')} has no sha256")
        elif kind == "git":
            if not re.fullmatch(r"[0-9a-f]{40}", source.get("commit", "")):
                errors.append(f"{where}{name}: git source {source.get('url')} is not pinned to a commit")
        elif kind not in ("dir", "patch", "shell"):
            errors.append(f"{where}{name}: unexpected source type {kind}")
    for sub in module.get("modules", []):
        check_module(sub, f"{where}{name}/")


modules = manifest.get("modules", [])
if not modules or modules[-1].get("name") != "workplan" or modules[-1].get("buildsystem") != "meson":
    errors.append("the last module must be workplan itself, built with meson")
for module in modules:
    check_module(module, "")

# Every library the build asks pkg-config for comes from the GNOME runtime
# or from a module of the manifest, built before the app
in_runtime = {"glib-2.0", "gio-2.0", "gobject-2.0", "sqlite3", "json-glib-1.0", "gtk4",
              "libadwaita-1", "pangocairo", "cairo-pdf", "libxml-2.0"}
module_for = {"xlsxwriter": "libxlsxwriter", "libzip": "libzip", "freexl": "freexl",
              "uchardet": "uchardet", "poppler-glib": "poppler"}
root = os.path.dirname(os.path.abspath(meson_build))
names = [m.get("name") for m in modules if isinstance(m, dict)]
for build_file in [meson_build] + glob.glob(os.path.join(root, "src", "**", "meson.build"),
                                            recursive=True):
    with open(build_file, encoding="utf-8") as f:
        for dep in re.findall(r"dependency\('([^']+)'", f.read()):
            if dep in in_runtime:
                continue
            wanted = module_for.get(dep)
            if wanted is None:
                errors.append(f"{dep} (in {os.path.relpath(build_file, root)}) is neither in the "
                              "GNOME runtime nor known here: add a module for it")
            elif wanted not in names[:-1]:
                errors.append(f"{dep}: the manifest has no module {wanted} before workplan")

for e in errors:
    print(e)
print("flatpak manifest:", "ok" if not errors else f"{len(errors)} problem(s)")
sys.exit(1 if errors else 0)
