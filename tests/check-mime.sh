#!/usr/bin/env bash
# The MIME type of plan files: by name (*.workplan) and by content (a SQLite
# file whose application_id is 'WPLN'), as GIO sees them with our
# shared-mime-info entry installed in a private data folder.
# SPDX-License-Identifier: GPL-3.0-or-later
set -eu
mime_xml=${1:?usage: check-mime.sh MIME.xml SAMPLE.json}
sample=${2:?}
command -v update-mime-database >/dev/null || { echo "1..0 # SKIP update-mime-database not installed"; exit 0; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/mime/packages"
cp "$mime_xml" "$tmp/mime/packages/"
update-mime-database "$tmp/mime" >/dev/null

"$WORKPLAN_BIN" import "$sample" --db "$tmp/plan-without-extension" >/dev/null
cp "$tmp/plan-without-extension" "$tmp/copy.workplan"
printf 'not a plan' > "$tmp/notes.txt"

type_of () {
  XDG_DATA_DIRS="$tmp:/usr/share" XDG_DATA_HOME="$tmp/none" \
    gio info -a standard::content-type "$1" | sed -n 's/.*standard::content-type: //p'
}

echo "1..3"
n=0
check () {
  n=$((n + 1))
  if [ "$2" = "$3" ]; then echo "ok $n $1"; else echo "not ok $n $1 (got $2)"; status=1; fi
}
status=0
check "a plan file is recognised by its content" "$(type_of "$tmp/plan-without-extension")" application/x-workplan
check "a .workplan file is recognised" "$(type_of "$tmp/copy.workplan")" application/x-workplan
check "other files are not" "$(type_of "$tmp/notes.txt")" text/plain
exit $status
