#!/usr/bin/env bash
# Fails when a source file with translatable strings is missing from
# po/POTFILES.in, or when po/zh_CN.po has untranslated or fuzzy messages
# against the current sources.
# SPDX-License-Identifier: GPL-3.0-or-later
set -eu
top=${1:?usage: check-translations.sh SOURCE_ROOT}
cd "$top"

status=0
while read -r f; do
  if ! grep -qxF "$f" po/POTFILES.in; then
    echo "missing from po/POTFILES.in: $f"
    status=1
  fi
done < <( { grep -rlE '(^|[^A-Za-z0-9_])(_|N_|C_|NC_|g_dngettext)\(' src --include='*.c';
            grep -rl 'translatable="yes"' src data --include='*.ui';
            ls data/*.desktop.in data/*.metainfo.xml.in; } | sort -u)

while read -r f; do
  case "$f" in ''|'#'*) continue ;; esac
  [ -f "$f" ] || { echo "listed in po/POTFILES.in but missing: $f"; status=1; }
done < po/POTFILES.in

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# The same keywords as meson's 'glib' gettext preset.
xgettext --from-code=UTF-8 --add-comments --keyword=_ --keyword=N_ --keyword=C_:1c,2 \
  --keyword=NC_:1c,2 --keyword=g_dngettext:2,3 --keyword=g_dpgettext2:2c,3 \
  -f po/POTFILES.in -o "$tmp/workplan.pot"
for lang in $(cat po/LINGUAS); do
  msgmerge -q --no-fuzzy-matching "po/$lang.po" "$tmp/workplan.pot" -o "$tmp/$lang.po"
  stats=$(LC_ALL=C msgfmt --check --statistics -o /dev/null "$tmp/$lang.po" 2>&1)
  echo "$lang: $stats"
  case "$stats" in
    *untranslated*|*fuzzy*) echo "po/$lang.po is not complete"; status=1 ;;
  esac
  # msgmerge keeps obsolete entries as #~; they are harmless but stale.
done
exit $status
