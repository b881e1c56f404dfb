# SPDX-License-Identifier: GPL-3.0-or-later
"""What the end-to-end tests share: TAP output, real key and pointer events
through XTest (xdotool), and waiting for the app to have done a thing."""
import json
import os
import subprocess
import time

results = []


def tap(ok, name, got=None):
    results.append(ok)
    print(f"{'ok' if ok else 'not ok'} {len(results)} {name}", flush=True)
    if not ok and got is not None:
        print("# got", json.dumps(got, ensure_ascii=False), flush=True)


def start_app(binary, db, **env):
    """The app on @db, with in-memory settings and no accessibility bus, and
    @env on top."""
    # (the app's daily backup of @db goes into @db's own folder)
    env = dict(os.environ, GSETTINGS_BACKEND="memory", GTK_A11Y="none",
               XDG_DATA_HOME=os.path.dirname(os.path.abspath(db)), **env)
    env.pop("G_DEBUG", None)  # a stray GTK warning must not kill the app mid-test
    return subprocess.Popen([binary, "--db", db], env=env)


def wait_for_window(timeout=30):
    """Waits until a window of the app is mapped and then a little more for
    its first frame: a loaded machine may take far longer than usual to
    start the app, and keys sent before it has a window are lost."""
    deadline = time.time() + timeout
    while time.time() < deadline:
        found = subprocess.run(["xdotool", "search", "--onlyvisible", "--class", "workplan"],
                               capture_output=True, text=True)
        if found.returncode == 0 and found.stdout.strip():
            break
        time.sleep(0.2)
    time.sleep(2.5)


def stop_app(app):
    app.terminate()
    try:
        app.wait(timeout=10)
    except subprocess.TimeoutExpired:
        app.kill()


def xdo(*args):
    subprocess.run(["xdotool", *[str(a) for a in args]], check=True)


def keys(*names):
    for name in names:
        xdo("key", "--delay", "60", name)
        time.sleep(0.4)


def type_text(text):
    xdo("type", "--delay", "50", text)
    time.sleep(0.35)


def drag(x0, y0, x1, y1):
    """In small steps, as a hand would: the drag starts past GTK's threshold
    and the drop target needs motion over it to know the place."""
    xdo("mousemove", x0, y0)
    time.sleep(0.3)
    xdo("mousedown", 1)
    time.sleep(0.3)
    for i in range(1, 11):
        xdo("mousemove", x0 + (x1 - x0) * i // 10 + (3 if i < 10 else 0),
            y0 + (y1 - y0) * i // 10)
        time.sleep(0.12)
    xdo("mousemove", x1, y1)
    time.sleep(0.4)
    xdo("mouseup", 1)
    time.sleep(1.0)


def poll(read, ok, timeout=10):
    """What read() gives once ok() of it holds, or after timeout seconds: a
    busy machine may take a while to handle the keys."""
    deadline = time.time() + timeout
    while True:
        got = read()
        if ok(got) or time.time() > deadline:
            return got
        time.sleep(0.2)
