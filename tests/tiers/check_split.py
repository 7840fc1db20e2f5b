#!/usr/bin/env python3
"""A Boost.Test executable split into several CTest entries (--run_test= filters) still runs every
one of its cases: each case is selected by at least one entry, and each filter selects something.

Usage: check_split.py BUILD_DIR [--without ENTRY]...
The executable's cases come from its own --list_content; the entries and their filters from
`ctest --show-only=json-v1`. --without leaves an entry out (the negative control: a case in no
entry must be reported).
"""
import fnmatch
import json
import re
import subprocess
import sys


def entries(build_dir, without):
    out = subprocess.run(["ctest", "--show-only=json-v1"], cwd=build_dir, check=True,
                         capture_output=True, text=True).stdout
    by_program = {}
    for test in json.loads(out)["tests"]:
        command = test.get("command", [])
        if test["name"] in without:
            continue
        filters = [a[len("--run_test="):] for a in command if a.startswith("--run_test=")]
        if not filters:
            continue
        # The program is the argument before the first filter (after xvfb-run, env and the like).
        program = command[command.index("--run_test=" + filters[0]) - 1]
        by_program.setdefault(program, []).append((test["name"], filters))
    return by_program


def cases_of(program):
    """Paths (suite/.../case) of every case, from the HRF tree of --list_content."""
    try:
        run = subprocess.run([program, "--list_content"], capture_output=True, text=True)
    except OSError as e:
        raise SystemExit(f"SPLIT: {program} cannot run ({e.strerror}); build it first")
    if run.returncode != 0:
        raise SystemExit(f"SPLIT: {program} --list_content failed ({run.returncode}): {run.stderr[-2000:]}")
    stack, units = [], []
    for line in (run.stdout + run.stderr).splitlines():
        m = re.fullmatch(r"( *)([A-Za-z_][A-Za-z0-9_<>,: ]*?)\*?", line)
        if not m:
            continue
        depth = len(m.group(1)) // 4
        del stack[depth:]
        stack.append(m.group(2))
        units.append("/".join(stack))
    # A unit that is a prefix of another one is a suite.
    return [u for u in units if not any(v.startswith(u + "/") for v in units)]


def selects(pattern, case):
    """Boost.Test's filter on a path: each component may carry a * wildcard; a suite selects
    everything below it."""
    parts, names = pattern.split("/"), case.split("/")
    return len(parts) <= len(names) and all(fnmatch.fnmatchcase(n, p) for p, n in zip(parts, names))


def selected(filters, cases):
    chosen = set()
    for f in filters:
        positive = [p for p in f.split(",") if not p.startswith("!")]
        negative = [p[1:] for p in f.split(",") if p.startswith("!")]
        base = {c for c in cases if any(selects(p, c) for p in positive)} if positive else set(cases)
        chosen |= {c for c in base if not any(selects(n, c) for n in negative)}
    return chosen


def main(argv):
    build_dir = argv[1]
    without = [argv[i + 1] for i, a in enumerate(argv) if a == "--without"]
    problems = []
    split = entries(build_dir, without)
    for program, its_entries in sorted(split.items()):
        cases = cases_of(program)
        covered = set()
        for name, filters in its_entries:
            got = selected(filters, cases)
            if not got:
                problems.append(f"{name}: {filters} selects no case of {program}")
            covered |= got
        for case in cases:
            if case not in covered:
                problems.append(f"{program}: {case} is in no CTest entry")
        print(f"{program}: {len(cases)} cases in {len(its_entries)} entries")
    for p in problems:
        print("SPLIT:", p)
    if not split:
        problems.append("no split executable found")
        print("SPLIT: no entry with a --run_test= filter")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
