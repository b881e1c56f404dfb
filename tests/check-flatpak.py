#!/usr/bin/env python3
# Checks the Flatpak manifest without flatpak-builder (not available here):
# it parses, names the app id and command the meson build installs, asks
# for no more sandbox holes than the app needs, and pins every remote
# source (sha256 for archives and files, a commit for git).
# SPDX-License-Identifier: GPL-3.0-or-later
import json
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

for e in errors:
    print(e)
print("flatpak manifest:", "ok" if not errors else f"{len(errors)} problem(s)")
sys.exit(1 if errors else 0)
