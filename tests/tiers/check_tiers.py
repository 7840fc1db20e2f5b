#!/usr/bin/env python3
"""Every CTest entry carries exactly one tier label (fast, slow, system) and a TIMEOUT.

Usage: check_tiers.py BUILD_DIR [--negative-control]
Reads `ctest --show-only=json-v1` of BUILD_DIR. With --negative-control it checks doctored copies
instead (one entry without a tier, one with two, one without a timeout) and succeeds only if the
check fails on each of them.
"""
import json
import subprocess
import sys

TIERS = {"fast", "slow", "system"}


def tests_of(build_dir):
    out = subprocess.run(["ctest", "--show-only=json-v1"], cwd=build_dir, check=True,
                         capture_output=True, text=True).stdout
    return json.loads(out)["tests"]


def properties(test):
    return {p["name"]: p["value"] for p in test.get("properties", [])}


def problems_of(tests):
    problems = []
    for test in tests:
        props = properties(test)
        tiers = sorted(TIERS.intersection(props.get("LABELS", [])))
        if len(tiers) != 1:
            problems.append(f"{test['name']}: tier labels {tiers or 'none'} (exactly one of fast, slow, system)")
        if not props.get("TIMEOUT"):
            problems.append(f"{test['name']}: no TIMEOUT")
    return problems


def set_property(test, name, value):
    test["properties"] = [p for p in test.get("properties", []) if p["name"] != name]
    if value is not None:
        test["properties"].append({"name": name, "value": value})


def negative_control(tests):
    """Each doctoring of a copy must be reported; returns how many went unnoticed."""
    def untiered(t):
        set_property(t, "LABELS", [l for l in properties(t).get("LABELS", []) if l not in TIERS])
    def two_tiers(t):
        set_property(t, "LABELS", properties(t).get("LABELS", []) + ["fast", "slow"])
    def no_timeout(t):
        set_property(t, "TIMEOUT", None)
    missed = 0
    for doctor in (untiered, two_tiers, no_timeout):
        copy = json.loads(json.dumps(tests))
        doctor(copy[len(copy) // 2])
        if not problems_of(copy):
            print(f"TIERS: the check missed a doctored entry ({doctor.__name__})")
            missed += 1
    return missed


def main(argv):
    tests = tests_of(argv[1])
    if "--negative-control" in argv:
        missed = negative_control(tests)
        if not missed:
            print("the tier check catches an untiered, a twice-tiered and an unbounded entry")
        return 1 if missed else 0
    problems = problems_of(tests)
    for p in problems:
        print("TIERS:", p)
    if not problems:
        print(f"{len(tests)} tests, each with one tier and a timeout")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
