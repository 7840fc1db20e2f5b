#!/usr/bin/env bash
# Every user-visible string is in every catalog and translated: extract a fresh .pot from the
# sources (in a temp folder — the tree is not touched) and compare each catalog with it.
set -u
src=$1
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
cd "$src"
files=$(find src db devices ui -type f \( -name '*.cpp' -o -name '*.h' \) | sort)
xgettext --from-code=UTF-8 --language=C++ --keyword=_ --keyword=N_ --keyword=tr --keyword=trn:1,2 \
  --keyword=wxPLURAL:1,2 --keyword=wxTRANSLATE -o "$tmp/fresh.pot" $files || exit 1
fail=0
# A count goes through the plural API (trn, wxPLURAL, fail_n): "{} package(s)" has no Russian
# translation, which needs three forms.
for pot in "$tmp/fresh.pot" i18n/sanaq.pot; do
  if msgcat --no-wrap "$pot" | grep -E '^msgid(_plural)? ".*\(s\)' ; then
    echo "$pot: a msgid counts with \"(s)\"; use singular and plural msgids"; fail=1
  fi
done
for lang in kk ru en; do
  po=i18n/$lang.po
  [ -f "$po" ] || { echo "missing catalog $po"; fail=1; continue; }
  msgfmt -c -o /dev/null "$po" || { echo "msgfmt -c fails on $po"; fail=1; }
  stats=$(LC_ALL=C msgfmt --statistics -o /dev/null "$po" 2>&1)
  case "$stats" in *untranslated*|*fuzzy*) echo "$po: $stats"; fail=1;; esac
  # msgcmp: every msgid of the sources must be in the catalog (and translated).
  if ! msgcmp --use-untranslated "$po" "$tmp/fresh.pot" 2>"$tmp/cmp.txt"; then
    echo "$po lacks strings from the sources:"; grep -m 20 'this message' "$tmp/cmp.txt" || head -20 "$tmp/cmp.txt"; fail=1
  fi
done
# Kazakh and Russian must differ from English for the bulk of strings (a copied English catalog
# would pass the checks above).
for lang in kk ru; do
  same=$(msgattrib --no-obsolete i18n/$lang.po 2>/dev/null | awk '/^msgid "/{id=$0; sub(/^msgid /,"",id)} /^msgstr "/{s=$0; sub(/^msgstr /,"",s); if (id!="\"\"" && s==id) n++} END{print n+0}')
  total=$(grep -c '^msgid "..*"' i18n/$lang.po)
  if [ "$total" -gt 0 ] && [ $((same * 4)) -gt "$total" ]; then echo "$lang.po: $same of $total strings equal their English msgid"; fail=1; fi
done
[ $fail = 0 ] && echo "catalogs complete"
exit $fail
