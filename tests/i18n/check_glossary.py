#!/usr/bin/env python3
"""No catalog uses a term the glossary rules out.

The glossary table in i18n/README.md is the single source: its last column ("Ruled out") lists
each ruled-out term in backticks, written `[kk:|ru:]term[@scope]`:
  - kk: / ru: limits the term to that language (the Kazakh ИИН is ЖСН, the Russian one is ИИН);
  - @scope limits it to entries whose English msgid contains scope («көшіру» is the wrong word for
    a pull, but the right one in «сақтық көшірме», a backup);
  - the term matches case-insensitively where a word begins, so a stem rules out its inflections
    («супервайзер» also catches «супервайзердің», «супервайзером»).
Mnemonic ampersands are dropped before matching («Бумажные &материалы»).

Usage: check_glossary.py SOURCE_DIR [FILE...]
Without FILEs it scans SOURCE_DIR/i18n/kk.po, SOURCE_DIR/i18n/ru.po and the kk and ru columns of
SOURCE_DIR/src/acts/translations.txt. A .po file's language is its name (kk.po, ru.po); a file
named translations.txt is read as the act table (English | Kazakh | Russian).
Prints file:line and the term for every hit; exits 1 when there is one.
"""
import os
import re
import sys


def ruled_out_terms(readme):
    """(lang or None, term, scope or None, concept) for every term in the glossary's last column."""
    terms = []
    in_table = False
    with open(readme, encoding="utf-8") as f:
        for line in f:
            if line.startswith("## "):
                in_table = line.strip().lower().startswith("## glossary")
                continue
            if not in_table or not line.startswith("|"):
                continue
            cells = [c.strip() for c in line.strip().strip("|").split("|")]
            if len(cells) < 2 or set(cells[-1]) <= set("-: "):
                continue
            for item in re.findall(r"`([^`]+)`", cells[-1]):
                lang = None
                m = re.match(r"^(kk|ru):(.*)$", item)
                if m:
                    lang, item = m.group(1), m.group(2)
                term, _, scope = item.partition("@")
                if term.strip():
                    terms.append((lang, term.strip(), scope.strip() or None, cells[0]))
    return terms


def po_entries(path):
    """(msgid, [(line number, msgstr text line)]) for each live entry but the header."""
    entries = []
    msgid, strs, part = [], [], None

    def flush():
        if strs and "".join(msgid):
            entries.append(("".join(msgid), list(strs)))

    with open(path, encoding="utf-8") as f:
        for n, raw in enumerate(f, 1):
            line = raw.rstrip("\n")
            if not line.strip():
                flush()
                msgid, strs, part = [], [], None
                continue
            if line.startswith("#"):  # comments and obsolete (#~) entries are never shown
                continue
            m = re.match(r'^(msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?) "(.*)"$', line)
            if m:
                part = m.group(1)
                text = m.group(2)
            elif line.startswith('"') and part:
                text = line[1:-1]
            else:
                continue
            if part == "msgid":
                msgid.append(text)
            elif part.startswith("msgstr"):
                strs.append((n, text))
    flush()
    return entries


def act_entries(path):
    """(msgid, {lang: [(line, text)]}) for every row of the act table."""
    rows = []
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            if line.startswith("#") or "|" not in line:
                continue
            cols = [c.strip() for c in line.rstrip("\n").split(" | ")]
            if len(cols) == 3:
                rows.append((cols[0], {"kk": [(n, cols[1])], "ru": [(n, cols[2])]}))
    return rows


def word_start(term):
    return re.compile(r"(?<!\w)" + re.escape(term), re.IGNORECASE)


def scan(path, terms, out):
    name = os.path.basename(path)
    if name == "translations.txt":
        units = [(mid, lang, lines) for mid, by in act_entries(path) for lang, lines in by.items()]
    else:
        lang = name.split(".")[0]
        units = [(mid, lang, lines) for mid, lines in po_entries(path)]
    hits = 0
    for mid, lang, lines in units:
        mid_plain = mid.replace("&", "").lower()
        for tlang, term, scope, concept in terms:
            if tlang and tlang != lang:
                continue
            if scope and scope.lower() not in mid_plain:
                continue
            rx = word_start(term)
            where = [n for n, text in lines if rx.search(text.replace("&", ""))]
            # A phrase may be wrapped over two lines of a .po entry.
            if not where and rx.search(" ".join(t for _, t in lines).replace("&", "")):
                where = [lines[0][0]]
            for n in where[:1]:
                out.append(f"{path}:{n}: «{term}» is ruled out ({concept}): {mid[:70]}")
                hits += 1
    return hits


def main(argv):
    if len(argv) < 2:
        print(__doc__.strip().splitlines()[0], file=sys.stderr)
        print("usage: check_glossary.py SOURCE_DIR [FILE...]", file=sys.stderr)
        return 2
    src = argv[1]
    terms = ruled_out_terms(os.path.join(src, "i18n", "README.md"))
    if not terms:
        print("i18n/README.md: the glossary table names no ruled-out term")
        return 1
    files = argv[2:] or [os.path.join(src, "i18n", "kk.po"), os.path.join(src, "i18n", "ru.po"),
                         os.path.join(src, "src", "acts", "translations.txt")]
    out = []
    hits = 0
    for path in files:
        if not os.path.isfile(path):
            print(f"missing {path}")
            return 1
        hits += scan(path, terms, out)
    for line in out:
        print(line)
    if hits:
        print(f"ruled-out terms used: {hits}; the glossary is i18n/README.md")
        return 1
    print(f"no ruled-out term in {len(files)} file(s) ({len(terms)} terms checked)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
