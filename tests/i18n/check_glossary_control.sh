#!/usr/bin/env bash
# The glossary check can fail: planted catalogs that use ruled-out terms must be refused, each hit
# named by file:line and term, and a catalog that uses the same stem where it is right (a backup is
# «сақтық көшірме») must pass. Without this a check that matched nothing would look green.
set -u
src=$1
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/bad" "$tmp/good"
cat > "$tmp/bad/kk.po" <<'PO'
msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\n"

msgid "Awaiting a supervisor's decision"
msgstr "Супервайзердің шешімін күтуде"

msgid "&Pull"
msgstr "&Көшіру"

msgid "Back up the workspace"
msgstr "Жұмыс кеңістігінің сақтық көшірмесін жасау"
PO
cat > "$tmp/bad/ru.po" <<'PO'
msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\n"

msgid "Census &round:"
msgstr "&Раунд переписи:"

msgid "Paper &stock..."
msgstr "Бумажные &материалы..."
PO
printf '%s\n' '# English | Kazakh | Russian' \
  'Equipment custodian | Жабдық сақтаушы | Материально ответственное лицо' > "$tmp/bad/translations.txt"
fail=0
out=$(python3 "$here/check_glossary.py" "$src" "$tmp/bad/kk.po" "$tmp/bad/ru.po" "$tmp/bad/translations.txt")
rc=$?
[ $rc = 1 ] || { echo "planted catalogs: expected exit 1, got $rc"; fail=1; }
for want in "kk.po:6: «супервайзер»" "kk.po:9: «көшіру»" "ru.po:6: «раунд»" "ru.po:9: «бумажные материалы»" \
            "translations.txt:2: «жабдық сақтаушы»"; do
  grep -qF "$want" <<<"$out" || { echo "planted catalogs: no hit $want"; fail=1; }
done
if grep -q "kk.po:12:" <<<"$out"; then echo "a backup's «сақтық көшірме» was refused"; fail=1; fi
# The same entries in the glossary's terms pass.
cat > "$tmp/good/kk.po" <<'PO'
msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\n"

msgid "&Pull"
msgstr "Т&үсіру"

msgid "Back up the workspace"
msgstr "Жұмыс кеңістігінің сақтық көшірмесін жасау"
PO
python3 "$here/check_glossary.py" "$src" "$tmp/good/kk.po" >/dev/null || { echo "a clean catalog was refused"; fail=1; }
[ $fail = 0 ] && echo "glossary check refuses planted terms"
exit $fail
