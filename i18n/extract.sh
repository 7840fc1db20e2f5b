#!/usr/bin/env bash
# Extracts every translatable string of the sources into i18n/sanaq.pot and merges it into the
# kk, ru and en catalogs. Keywords: _() and wxPLURAL in ui/, tr()/trn() in the CLI and core,
# N_() where a msgid is only marked (error messages, labels looked up later), N_n() / fail_n() /
# Error::make_n() for the singular and plural msgids of a counted error.

set -euo pipefail
root=${1:-$(cd "$(dirname "$0")/.." && pwd)}
cd "$root"
# Tracked files deleted in the working tree (moved, not yet committed) are skipped.
files=$(git ls-files -co --exclude-standard 'src/*.cpp' 'src/*.h' 'db/*.cpp' 'db/*.h' 'devices/*.cpp' 'devices/*.h' 'ui/*.cpp' 'ui/*.h' |
  while read -r f; do [ -f "$f" ] && echo "$f"; done | sort)
xgettext --from-code=UTF-8 --language=C++ --c++ --sort-by-file --add-comments=TRANSLATORS: \
  --keyword=_ --keyword=N_ --keyword=tr --keyword=trn:1,2 --keyword=N_n:1,2 --keyword=fail_n:2,3 --keyword=make_n:2,3 \
  --keyword=wxPLURAL:1,2 --keyword=wxTRANSLATE \
  --package-name="Sanaq Station" --msgid-bugs-address="sanaq@localhost" \
  -o i18n/sanaq.pot $files
for lang in kk ru en; do
  if [ -f "i18n/$lang.po" ]; then
    msgmerge --quiet --update --backup=none --no-fuzzy-matching "i18n/$lang.po" i18n/sanaq.pot
  else
    msginit --no-translator --locale="$lang" -i i18n/sanaq.pot -o "i18n/$lang.po"
  fi
done
# English is the source language: its catalog repeats each msgid.
msgen --force-po i18n/en.po -o i18n/en.po 2>/dev/null || true
