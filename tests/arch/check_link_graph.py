#!/usr/bin/env python3
"""DESIGN.md's dependency direction checked on the build graph CMake configured (link_graph.cmake),
not on what the sources happen to include.

Usage: check_link_graph.py GRAPH.tsv ALLOWED.txt [--negative-control]

Rules, for the product's targets (every folder but tests/):
  * wx only in ui/, libusb only in devices/, SQLCipher only in db/, plain libsqlite3 nowhere — as
    direct edges, and in what a target links transitively: only the composition roots (ui/,
    src/cli) reach a layer's library through another target, and the application layer (src/app)
    libusb through devices/ (it composes the tablet sources; it never reaches wx or SQLCipher);
  * the crypto library (sanaq_crypto) reaches no sanaq target at all (OpenSSL only); the core
    (sanaq_core) reaches only it, and none of the three;
  * db, devices and the upstream client never depend on each other, nor on ui/ or the CLI;
  * the census simulator (sanaq_census_sim) is for demos, training and tests: of the product's
    targets only devices/ (the simulator and its program sanaq-tablet-sim) and ui/ (the GUI's demo
    workspace) reach it, so `sanaq`, `sanaq-upstream` and the libraries never carry it;
  * every direct edge is listed in ALLOWED.txt (a new target or edge is a decision, made there).
The tests' own targets (tests/) are held to the first rule's direct edges: wx in tests/ui,
libusb in tests/devices, SQLCipher in tests/db, plain libsqlite3 nowhere.
With --negative-control the checker runs on doctored copies of the graph, one planted edge each,
and succeeds only if every one of them is reported.
"""
import fnmatch
import re
import sys

EXTERNAL = {  # name -> (pattern on a dependency, folders whose targets may link it directly)
    "wx": (re.compile(r"(^|[^A-Za-z])wx|-lwx|wx_|wxWidgets|^sanaq_wx$"), ("ui",)),
    "libusb": (re.compile(r"libusb|LIBUSB"), ("devices",)),
    "SQLCipher": (re.compile(r"sqlcipher|SQLCIPHER"), ("db",)),
}
PLAIN_SQLITE = re.compile(r"sqlite3|SQLite::|DataSQLite|(^|[^A-Za-z])SQLITE3?([^A-Za-z]|$)")
COMPOSITION_ROOTS = ("ui", "cli")
# layer -> the external libraries it may reach through another layer's target
REACHES_THROUGH = {"ui": set(EXTERNAL), "cli": set(EXTERNAL), "app": {"libusb"}}
# layer -> the only layers it may reach, directly or through other targets
ONLY = {"crypto": {"crypto"}, "core": {"core", "crypto"}, "db": {"db", "core", "crypto"}}
# layer -> layers it must never reach
NEVER = {
    "devices": {"db", "upstream", "ui", "cli"},
    "upstream": {"db", "devices", "ui", "cli"},
    "app": {"db", "ui", "cli"},
}

# The census simulator and the layers that may reach it (devices/README.md, "The census data
# simulator"): its own folder and program, and the GUI's demo workspace.
SIMULATOR = "sanaq_census_sim"
SIMULATOR_USERS = {"devices", "ui"}


def layer(folder):
    """The layer a folder belongs to: src -> core, src/X/... -> X, devices/... -> devices."""
    parts = folder.split("/")
    if parts[0] == "src":
        return "core" if len(parts) == 1 else parts[1]
    if parts[0] == "tests":
        return "tests/" + (parts[1] if len(parts) > 1 else "")
    return parts[0]


def read_graph(lines):
    folders, edges = {}, {}
    for line in lines:
        line = line.rstrip("\n")
        if not line:
            continue
        target, folder, dep = (line.split("\t") + ["", ""])[:3]
        folders[target] = folder
        edges.setdefault(target, [])
        if dep:
            edges[target].append(dep)
    return folders, edges


def read_allowed(path):
    allowed = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.split("#", 1)[0].split()
            if line:
                allowed.setdefault(line[0].rstrip(":"), set()).update(line[1:])
    return allowed


def closure(target, edges):
    seen, todo = set(), list(edges.get(target, []))
    while todo:
        dep = todo.pop()
        if dep in seen:
            continue
        seen.add(dep)
        todo.extend(edges.get(dep, []))
    return seen


def externals(dep):
    return [name for name, (pattern, _) in EXTERNAL.items() if pattern.search(dep)]


def problems_of(folders, edges, allowed):
    problems = []
    for target, folder in sorted(folders.items()):
        own = layer(folder)
        test = own.startswith("tests/")
        for dep in edges[target]:
            for name in externals(dep):
                if own.removeprefix("tests/") not in EXTERNAL[name][1]:
                    problems.append(f"{target} ({folder}) links {name} directly: {dep}")
            if PLAIN_SQLITE.search(dep) and not EXTERNAL["SQLCipher"][0].search(dep):
                problems.append(f"{target} ({folder}) links plain libsqlite3: {dep}")
        if test:
            continue
        if target not in allowed:
            problems.append(f"{target} ({folder}) is not in allowed_links.txt")
        else:
            for dep in edges[target]:
                if not any(fnmatch.fnmatchcase(dep, a) for a in allowed[target]):
                    problems.append(f"{target} ({folder}) -> {dep} is not an allowed edge")
        reach = closure(target, edges)
        reached_layers = {layer(folders[d]) for d in reach if d in folders and d != target}
        bad_layers = reached_layers & NEVER.get(own, set())
        if own in ONLY:
            bad_layers |= reached_layers - ONLY[own]
        for bad in sorted(bad_layers):
            problems.append(f"{target} ({own}) depends on the {bad} layer")
        if SIMULATOR in reach and own not in SIMULATOR_USERS:
            problems.append(f"{target} ({own}) reaches the census simulator {SIMULATOR}: only devices/ "
                            "and the GUI's demo workspace may")
        if own not in COMPOSITION_ROOTS:
            for name, (pattern, homes) in EXTERNAL.items():
                if own in homes or name in REACHES_THROUGH.get(own, ()):
                    continue
                hits = sorted(d for d in reach if pattern.search(d))
                if hits:
                    problems.append(f"{target} ({own}) reaches {name} through its dependencies: {hits}")
            for root in COMPOSITION_ROOTS:
                if root in reached_layers and own != root:
                    problems.append(f"{target} ({own}) depends on the composition root {root}")
    return problems


PLANTS = [  # target, folder, dependency: each one breaks a rule of the design (caught even when
    # the edge is also added to allowed_links.txt), or, the last ones, only the list
    ("sanaq_core", "src", "PkgConfig::SQLCIPHER"),
    ("sanaq_core", "src", "sanaq_lists"),
    ("sanaq_core", "src", "sanaq_matching"),
    ("sanaq_crypto", "src/crypto", "sanaq_core"),
    ("sanaq_crypto", "src/crypto", "PkgConfig::SQLCIPHER"),
    ("sanaq_crypto", "src/crypto", "sanaq_wx"),
    ("sanaq_matching", "src/matching", "sanaq_wx"),
    ("sanaq_lists", "src/lists", "PkgConfig::LIBUSB"),
    ("sanaq_coverage", "src/coverage", "sanaq_db"),
    ("sanaq_db", "db", "sanaq_usb"),
    ("sanaq_db", "db", "sanaq_census_sim"),
    ("sanaq_mtp", "devices/mtp", "sanaq_db"),
    ("sanaq_upstream", "src/upstream/client", "sanaq_db"),
    ("sanaq_upstream_protocol", "src/upstream/protocol", "sanaq_simulator"),
    ("sanaq_tables", "src/tables", "SQLite::SQLite3"),
    ("sanaq_cli_objects", "src/cli", "sanaq_census_sim"),
    ("sanaq_app", "src/app", "sanaq_census_sim"),
    ("sanaq_upstream_receiver", "src/upstream/server", "sanaq_census_sim"),
    ("test_core", "tests/core", "PkgConfig::SQLCIPHER_TESTS"),
]
LIST_ONLY_PLANTS = [
    ("sanaq_acts", "src/acts", "sanaq_tables"),
    ("sanaq_newcomer", "src/newcomer", "sanaq_core"),
]


def main(argv):
    with open(argv[1], encoding="utf-8") as f:
        graph = f.readlines()
    allowed = read_allowed(argv[2])
    if "--negative-control" in argv:
        missed = 0
        for plants, listed in ((PLANTS, False), (PLANTS, True), (LIST_ONLY_PLANTS, False)):
            for target, folder, dep in plants:
                folders, edges = read_graph(graph + [f"{target}\t{folder}\t{dep}\n"])
                allowed_here = {t: set(d) for t, d in allowed.items()}
                if listed:
                    allowed_here.setdefault(target, set()).add(dep)
                found = problems_of(folders, edges, allowed_here)
                how = " (with the edge allowed)" if listed else ""
                if not found:
                    print(f"LINK GRAPH: the checker missed {target} ({folder}) -> {dep}{how}")
                    missed += 1
                else:
                    print(f"caught {target} -> {dep}{how}: {found[0]}")
        return 1 if missed else 0
    folders, edges = read_graph(graph)
    if "sanaq_core" not in folders:
        print("LINK GRAPH: no sanaq_core in the graph; is it the right file?")
        return 1
    problems = problems_of(folders, edges, allowed)
    for p in problems:
        print("LINK GRAPH:", p)
    for listed in sorted(set(allowed) - set(folders)):
        print(f"note: {listed} is in allowed_links.txt but not in this build (an option turned off?)")
    if not problems:
        print(f"link graph ok: {len(folders)} targets, {sum(map(len, edges.values()))} edges")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
