"""Benchmark `digimandate check --format json` against Stoplight Spectral and the floors of its stack.

Usage: python benchmarks/run.py [--runs 5] [--sizes 100,1000,10000] [--sparse 10000] [--folder 40]
                               [--no-spectral] [--python PY]

digimandate is measured as a user runs it: installed from this checkout (`pip install .`) into
benchmarks/.venv, so its bytecode is compiled and its C loader built, as any installation has
them (`--python` measures another interpreter that has digimandate installed instead).

Prints a Markdown table of medians, ratios and peak memory. Spectral 6 is installed with npm
into benchmarks/.spectral when missing (skipped, with a note, when npm is absent). Its ruleset
asks four simple questions of the file (owners of processes and channels, mandate holders,
process KPIs); digimandate runs every built-in rule.

Three floors stand beside the figures: "libyaml alone" scans the file with the LibYAML that the
C loader carries, from C (benchmarks/libyaml_scan.c, compiled when a C compiler is found); "libyaml events"
iterates PyYAML's C event stream from Python and builds nothing; "stack floor" is the smallest
program on the fixed stack (Typer, PyYAML and pydantic imported, one command, one model
validated, the file not even read): no implementation on that stack starts faster. The folder
row audits a folder of generated organisations of mixed sizes in one command (both cores),
against Spectral linting the same files in one command.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
DATA = HERE / "data"
INSTALL = HERE / ".venv"
SPECTRAL_DIR = HERE / ".spectral"
RULESET = """\
rules:
  process-owner: {given: "$.processes[*]", severity: error, then: {field: owner, function: truthy}}
  channel-owner: {given: "$.channels[*]", severity: error, then: {field: owner, function: truthy}}
  mandate-holders: {given: "$.mandates[*]", severity: error, then: {field: holders, function: truthy}}
  process-kpis: {given: "$.processes[*]", severity: warn, then: {field: kpis, function: truthy}}
"""
FLOOR = (
    "import sys, yaml\n"
    "for _ in yaml.parse(open(sys.argv[1], encoding='utf-8').read(), Loader=yaml.CSafeLoader): pass\n"
)
STACK_FLOOR = (
    "import typer, yaml\n"
    "from pydantic import BaseModel\n"
    "class Organisation(BaseModel):\n"
    "    schema_version: int\n"
    "def check(path: str) -> None:\n"
    "    Organisation.model_validate({'schema_version': 1})\n"
    "typer.run(check)\n"
)


def measure(command: list[str]) -> tuple[float, float]:
    """Wall time (s) and peak memory (MB) of one run of a command."""
    start = time.perf_counter()
    # Run from the data folder: from the checkout, `python -m` would import the sources, not the installation.
    proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=DATA)
    _, _, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    return elapsed, usage.ru_maxrss / 1024  # ru_maxrss is in KB on Linux


def _rss_of_tree(root: int) -> int:
    """Resident memory (KB) of a process and all its descendants, from /proc."""
    parents: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            parents[int(entry.name)] = int(stat.rpartition(")")[2].split()[1])
    tree, frontier = {root}, [root]
    while frontier:
        pid = frontier.pop()
        children = [child for child, parent in parents.items() if parent == pid]
        tree.update(children)
        frontier.extend(children)
    total = 0
    for pid in tree:
        try:
            status = Path(f"/proc/{pid}/status").read_text()
        except OSError:
            continue
        total += next((int(line.split()[1]) for line in status.splitlines() if line.startswith("VmRSS:")), 0)
    return total


def tree_peak(command: list[str]) -> float:
    """Peak memory (MB) of a command and its worker processes together, sampled every 10 ms.

    Resident sizes are summed, so pages a forked worker shares with its parent count twice: an
    upper bound, never flattering.
    """
    proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=DATA)
    peak = 0
    while proc.poll() is None:
        peak = max(peak, _rss_of_tree(proc.pid))
        time.sleep(0.01)
    return peak / 1024


def median_of(command: list[str], runs: int) -> tuple[float, float]:
    """Median time and the largest peak memory over several runs (after one warm-up)."""
    measure(command)
    results = [measure(command) for _ in range(runs)]
    return statistics.median(r[0] for r in results), max(r[1] for r in results)


def installed_python() -> str:
    """A Python with digimandate installed from this checkout, created or refreshed in benchmarks/.venv."""
    python = INSTALL / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    if not python.exists():
        subprocess.run([sys.executable, "-m", "venv", str(INSTALL)], check=True)
    # pip rebuilds a local project on every install, so the measured code is this checkout's.
    done = subprocess.run([str(python), "-m", "pip", "install", "--quiet", str(HERE.parent)],
                          capture_output=True, text=True)
    if done.returncode:
        sys.exit(f"installing digimandate into {INSTALL} failed:\n{done.stdout}{done.stderr}")
    return str(python)


def libyaml_scanner() -> list[str] | None:
    """benchmarks/libyaml_scan.c compiled with the C loader's vendored LibYAML; None without a C compiler."""
    cc = shutil.which("cc") or shutil.which("gcc")
    if cc is None:
        return None
    INSTALL.mkdir(exist_ok=True)
    binary = INSTALL / "libyaml_scan"
    libyaml = HERE.parent / "digimandate" / "model" / "_native" / "libyaml"
    major, minor, patch = (0, 2, 5)  # as setup.py defines them for the extension
    built = subprocess.run([cc, "-O2", "-DYAML_DECLARE_STATIC", f"-DYAML_VERSION_MAJOR={major}",
                            f"-DYAML_VERSION_MINOR={minor}", f"-DYAML_VERSION_PATCH={patch}",
                            f'-DYAML_VERSION_STRING="{major}.{minor}.{patch}"', f"-I{libyaml / 'include'}",
                            "-o", str(binary), str(HERE / "libyaml_scan.c"),
                            *(str(p) for p in sorted((libyaml / "src").glob("*.c")))],
                           capture_output=True, text=True)
    if built.returncode:
        return None
    return [str(binary)]


def describe(python: str) -> str:
    """Which digimandate the interpreter runs, and with which loader."""
    code = "import digimandate, digimandate.model.loader as l; print(digimandate.__file__, l.fast_loader_active())"
    out = subprocess.run([python, "-c", code], check=True, capture_output=True, text=True, cwd=DATA).stdout.split()
    return f"{out[0].rsplit('/', 1)[0]} (C loader: {'yes' if out[1] == 'True' else 'no'})"


def spectral() -> list[str] | None:
    """The Spectral command, installing it into a scratch folder when needed; None without npm."""
    binary = SPECTRAL_DIR / "node_modules" / ".bin" / "spectral"
    if not binary.exists():
        npm = shutil.which("npm")
        if npm is None:
            return None
        SPECTRAL_DIR.mkdir(exist_ok=True)
        subprocess.run([npm, "install", "--silent", "--prefix", str(SPECTRAL_DIR), "@stoplight/spectral-cli@6"],
                       check=True, stdout=subprocess.DEVNULL)
    ruleset = SPECTRAL_DIR / "ruleset.yaml"
    ruleset.write_text(RULESET, encoding="utf-8")
    return [str(binary), "lint", "-r", str(ruleset), "-f", "json", "-q"]


def folder(count: int) -> tuple[Path, int]:
    """A folder of ``count`` generated organisations of mixed sizes, and their process total."""
    from generate import generate

    target = DATA / f"folder-{count}"
    sizes = [100 + 25 * i for i in range(count)]
    if not target.exists():
        target.mkdir(parents=True)
        for i, n in enumerate(sizes):
            (target / f"org-{i:03d}.yaml").write_text(generate(n, seed=i), encoding="utf-8")
    return target, sum(sizes)


def ratio_cells(ours: tuple[float, float], theirs: tuple[float, float] | None) -> str:
    """The Spectral columns and the two ratios of one row."""
    if theirs is None:
        return "- | - | - | -"
    return f"{theirs[0]:.2f} | {theirs[1]:.0f} | {theirs[0] / ours[0]:.2f}x | {ours[1] / theirs[1]:.2f}"


def main() -> None:
    """Run the benchmark and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--sizes", default="100,1000,10000")
    parser.add_argument("--folder", type=int, default=40, help="organisations in the folder row (0: none)")
    parser.add_argument("--sparse", type=int, default=10000,
                        help="processes in the sparse row: most facts missing, about four findings each (0: none)")
    parser.add_argument("--no-spectral", action="store_true")
    parser.add_argument("--python", help="an interpreter with digimandate installed (default: benchmarks/.venv)")
    args = parser.parse_args()
    sys.path.insert(0, str(HERE))
    from generate import generate

    DATA.mkdir(exist_ok=True)
    sizes = [int(s) for s in args.sizes.split(",")]
    spectral_cmd = None if args.no_spectral else spectral()
    python = args.python or installed_python()
    scanner = libyaml_scanner()
    ours_cmd = [python, "-m", "digimandate", "check", "--format", "json", "--exit-zero", "--no-config"]
    rows = []
    per_process = {}
    for n in sizes:
        path = DATA / f"org-{n}.yaml"
        if not path.exists():
            path.write_text(generate(n), encoding="utf-8")
        ours = median_of([*ours_cmd, str(path)], args.runs)
        events = median_of([python, "-c", FLOOR, str(path)], args.runs)
        alone = f"{median_of([*scanner, str(path)], args.runs)[0]:.2f}" if scanner else "-"
        stack = median_of([python, "-c", STACK_FLOOR, str(path)], args.runs)
        theirs = median_of([*spectral_cmd, str(path)], args.runs) if spectral_cmd else None
        per_process[n] = ours[0] / n
        rows.append((f"{n:,}", path.stat().st_size / 1e6, ours, alone, f"{events[0]:.2f}", f"{stack[0]:.2f}", theirs))
    if args.sparse:
        path = DATA / f"org-{args.sparse}-sparse.yaml"
        if not path.exists():
            path.write_text(generate(args.sparse, sparse=True), encoding="utf-8")
        ours = median_of([*ours_cmd, str(path)], args.runs)
        theirs = median_of([*spectral_cmd, str(path)], args.runs) if spectral_cmd else None
        result = subprocess.run([*ours_cmd, str(path)], capture_output=True, text=True, cwd=DATA, check=True)
        findings = len(json.loads(result.stdout)["findings"])
        rows.append((f"sparse {args.sparse:,}: {findings:,} findings", path.stat().st_size / 1e6, ours, "-", "-", "-",
                     theirs))
    if args.folder:
        target, total = folder(args.folder)
        files = sorted(str(f) for f in target.glob("*.yaml"))
        ours = median_of([*ours_cmd, str(target)], args.runs)
        theirs = median_of([*spectral_cmd, *files], args.runs) if spectral_cmd else None
        if Path("/proc/self/status").exists():  # count the workers' memory too, in one more run each
            ours = (ours[0], max(ours[1], tree_peak([*ours_cmd, str(target)])))
            if theirs is not None:
                theirs = (theirs[0], max(theirs[1], tree_peak([*spectral_cmd, *files])))
        megabytes = sum(Path(f).stat().st_size for f in files) / 1e6
        rows.append((f"folder: {len(files)} files, {total:,}", megabytes, ours, "-", "-", "-", theirs))
    print(f"digimandate check --format json, median of {args.runs} runs; {os.cpu_count()} cores; "
          f"digimandate from {describe(python)}\n")
    print("| processes | file MB | digimandate s | peak MB | libyaml alone s | libyaml events s | stack floor s "
          "| Spectral s | Spectral peak MB | speed vs Spectral | memory vs Spectral |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for label, mb, ours, alone_s, events_s, stack_s, theirs in rows:
        print(f"| {label} | {mb:.2f} | {ours[0]:.2f} | {ours[1]:.0f} | {alone_s} | {events_s} | {stack_s} "
              f"| {ratio_cells(ours, theirs)} |")
    if len(sizes) >= 2:
        a, b = sizes[-2], sizes[-1]
        print(f"\nTime per process: {per_process[a] * 1000:.3f} ms at {a:,}, {per_process[b] * 1000:.3f} ms at {b:,} "
              f"(ratio {per_process[b] / per_process[a]:.2f}; linear means at most 1.5).")
    if args.folder:
        print("\nFolder row: peak MB is the resident memory of the parent and its workers together, sampled "
              "every 10 ms (pages shared after the fork count once per process), or the largest single "
              "process where that is more.")
    if scanner is None:
        print("\nlibyaml alone was skipped: no C compiler.")
    if spectral_cmd is None and not args.no_spectral:
        print("\nSpectral was skipped: npm is not installed.")


if __name__ == "__main__":
    main()
