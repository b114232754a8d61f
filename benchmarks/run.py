"""Benchmark `digimandate check` against Stoplight Spectral and the floors of its stack.

Usage: python benchmarks/run.py [--runs 5] [--heavy 100,1000,10000] [--sizes 100,1000,10000] [--folder 40]
                               [--compare 342] [--formats-at 10000] [--no-spectral] [--python PY] [--before PY]

digimandate is measured as a user runs it: installed from this checkout (`pip install .`) into
benchmarks/.venv, so its bytecode is compiled, with the optional C loader (`pip install ./fast`)
beside it when a C compiler is found. Every digimandate figure is taken twice, with the C loader and
without it (DIGIMANDATE_PURE_PYTHON=1: exactly what an installation without ./fast runs), the runs
interleaved. `--python` measures another interpreter that has digimandate installed instead;
`--before` measures one more beside it (an earlier commit, installed into its own venv), interleaved
run by run with this one, so that before and after see the same machine.

Prints Markdown tables of medians (wall time, and CPU time: user plus system, which other work on a
shared machine disturbs far less), ratios and peak memory. Spectral 6 is installed with npm into
benchmarks/.spectral when missing (skipped, with a note, when npm is absent). Its ruleset asks four
simple questions of the file (owners of processes and channels, mandate holders, process KPIs);
digimandate runs every built-in rule and writes its whole result.

- Findings-heavy organisations (`--heavy`): generated with most facts missing (`generate(n, sparse=True)`
  in benchmarks/generate.py), so nearly every product fails several rules: the case where writing the
  result weighs most. The speed goal is stated on these.
- Full organisations (`--sizes`): every fact recorded; with three floors beside them.
  "libyaml alone" scans the file with the LibYAML that the C loader carries, from C
  (benchmarks/libyaml_scan.c, compiled when a C compiler is found); "libyaml events" iterates PyYAML's
  C event stream from Python and builds nothing; "stack floor" is the smallest program on the fixed
  stack (Typer, PyYAML and pydantic imported, one command, one model validated, the file not even
  read): no implementation on that stack starts faster.
- Output formats (`--formats-at`): the largest findings-heavy organisation written as JSON, SARIF and
  the terminal view.
- The folder row audits a folder of generated organisations of mixed sizes in one command (both
  cores), against Spectral linting the same files in one command.
- The comparison row (`--compare`) writes `report FOLDER --compare` of a folder of generated
  municipalities (`municipalities(n)` in benchmarks/generate.py: 150 to 600 products each, as the
  342 municipalities of 2025 have); the goal is under 30 s on 2 cores.
"""

from __future__ import annotations

import argparse
import itertools
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
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
COUNT = "import json, sys; print(json.load(sys.stdin)['summary']['findings'])"
LINTED = (0, 1)  # Spectral ends with 1 when it reports an error
Figures = tuple[float, float, float]  # median wall seconds, median CPU seconds (user + system), largest peak MB


@dataclass(frozen=True)
class Mode:
    """One way digimandate is run: an interpreter that has it installed, with or without the C loader."""

    label: str
    python: str
    pure: bool

    def env(self) -> dict[str, str]:
        """The environment: DIGIMANDATE_PURE_PYTHON=1 is exactly an installation without the C loader."""
        env = {k: v for k, v in os.environ.items() if k != "DIGIMANDATE_PURE_PYTHON"}
        if self.pure:
            env["DIGIMANDATE_PURE_PYTHON"] = "1"
        return env

    def command(self, args: list[str]) -> list[str]:
        """``digimandate ARGS`` in this mode's interpreter."""
        return [self.python, "-m", "digimandate", *args]


def measure(command: list[str], env: dict[str, str] | None = None, codes: tuple[int, ...] = (0,)) -> Figures:
    """Wall time (s), CPU time (s) and peak memory (MB) of one run of a command, which must end with one of ``codes``.

    CPU time is user plus system time of the process and its waited-for children: on a shared
    machine other work stretches wall time far more than it does CPU time.
    """
    start = time.perf_counter()
    # Run from the data folder: from the checkout, `python -m` would import the sources, not the installation.
    proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=DATA, env=env)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) not in codes:
        sys.exit(f"failed ({os.waitstatus_to_exitcode(status)}): {' '.join(command)}")
    return elapsed, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024  # ru_maxrss is in KB on Linux


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


def tree_peak(command: list[str], env: dict[str, str] | None = None) -> float:
    """Peak memory (MB) of a command and its worker processes together, sampled every 10 ms.

    Resident sizes are summed, so pages a forked worker shares with its parent count twice: an
    upper bound, never flattering.
    """
    proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=DATA, env=env)
    peak = 0
    while proc.poll() is None:
        peak = max(peak, _rss_of_tree(proc.pid))
        time.sleep(0.01)
    return peak / 1024


def median_of(command: list[str], runs: int, codes: tuple[int, ...] = (0,)) -> Figures:
    """Median time and the largest peak memory over several runs (after one warm-up)."""
    measure(command, None, codes)
    results = [measure(command, None, codes) for _ in range(runs)]
    return summary(results)


def summary(results: list[Figures]) -> Figures:
    """Median wall and CPU time, and the largest peak memory, of several runs."""
    return (statistics.median(r[0] for r in results), statistics.median(r[1] for r in results),
            max(r[2] for r in results))


def modes_of(args: list[str], runs: int, modes: list[Mode]) -> dict[Mode, Figures]:
    """``median_of`` of ``digimandate ARGS`` in each mode, interleaved run by run: a busy machine slows all alike."""
    for mode in modes:
        measure(mode.command(args), mode.env())
    results: dict[Mode, list[Figures]] = {mode: [] for mode in modes}
    for _ in range(runs):
        for mode in modes:
            results[mode].append(measure(mode.command(args), mode.env()))
    return {mode: summary(rs) for mode, rs in results.items()}


def installed_python() -> str:
    """A Python with digimandate installed from this checkout (and the C loader when it builds), in benchmarks/.venv."""
    python = INSTALL / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    if not python.exists():
        subprocess.run([sys.executable, "-m", "venv", str(INSTALL)], check=True)
    # pip rebuilds a local project on every install, so the measured code is this checkout's.
    done = subprocess.run([str(python), "-m", "pip", "install", "--quiet", str(HERE.parent)],
                          capture_output=True, text=True)
    if done.returncode:
        sys.exit(f"installing digimandate into {INSTALL} failed:\n{done.stdout}{done.stderr}")
    fast = subprocess.run([str(python), "-m", "pip", "install", "--quiet", str(HERE.parent / "fast")],
                          capture_output=True, text=True)
    if fast.returncode:  # no C compiler: digimandate is measured with its Python loader only
        subprocess.run([str(python), "-m", "pip", "uninstall", "--quiet", "--yes", "digimandate-cload"],
                       capture_output=True)
    return str(python)


def libyaml_scanner() -> list[str] | None:
    """benchmarks/libyaml_scan.c compiled with the C loader's vendored LibYAML; None without a C compiler."""
    cc = shutil.which("cc") or shutil.which("gcc")
    if cc is None:
        return None
    INSTALL.mkdir(exist_ok=True)
    binary = INSTALL / "libyaml_scan"
    libyaml = HERE.parent / "fast" / "libyaml"
    major, minor, patch = (0, 2, 5)  # as fast/setup.py defines them for the extension
    built = subprocess.run([cc, "-O2", "-DYAML_DECLARE_STATIC", f"-DYAML_VERSION_MAJOR={major}",
                            f"-DYAML_VERSION_MINOR={minor}", f"-DYAML_VERSION_PATCH={patch}",
                            f'-DYAML_VERSION_STRING="{major}.{minor}.{patch}"', f"-I{libyaml / 'include'}",
                            "-o", str(binary), str(HERE / "libyaml_scan.c"),
                            *(str(p) for p in sorted((libyaml / "src").glob("*.c")))],
                           capture_output=True, text=True)
    if built.returncode:
        return None
    return [str(binary)]


def describe(python: str) -> tuple[str, bool]:
    """Where the interpreter's digimandate is, and whether it has the C loader."""
    code = "import digimandate, digimandate.model.loader as l; print(digimandate.__file__, l.fast_loader_active())"
    env = {k: v for k, v in os.environ.items() if k != "DIGIMANDATE_PURE_PYTHON"}
    out = subprocess.run([python, "-c", code], check=True, capture_output=True, text=True, cwd=DATA,
                         env=env).stdout.split()
    return out[0].rsplit("/", 1)[0], out[1] == "True"


def modes_for(python: str, before: bool = False) -> tuple[list[Mode], str]:
    """The modes of one interpreter (with the C loader when it has it, and without), and where it is."""
    where, has_c = describe(python)
    prefix = "before, " if before else ""
    modes = [Mode(f"{prefix}C loader", python, False)] if has_c else []
    return [*modes, Mode(f"{prefix}Python loader", python, True)], where


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


def organisation(n: int, heavy: bool) -> Path:
    """The generated organisation file of ``n`` processes (findings-heavy or full), made once."""
    from generate import generate

    path = DATA / (f"org-{n}-sparse.yaml" if heavy else f"org-{n}.yaml")
    if not path.exists():
        path.write_text(generate(n, sparse=heavy), encoding="utf-8")
    return path


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


def municipal_folder(count: int) -> tuple[Path, int]:
    """A folder of ``count`` generated municipalities to compare, made once, and its number of products."""
    from generate import municipalities

    target = DATA / f"compare-{count}"
    made = municipalities(count)
    if not target.exists():
        target.mkdir(parents=True)
        for name, text in made:
            (target / name).write_text(text, encoding="utf-8")
    return target, sum(text.count("\n  - id: product-") + text.count("\n  - {id: product-") for _, text in made)


def ratios(ours: Figures, theirs: Figures | None) -> str:
    """The speed (wall and CPU time) and memory ratios against Spectral."""
    if theirs is None:
        return "- | - | -"
    return f"{theirs[0] / ours[0]:.2f}x | {theirs[1] / ours[1]:.2f}x | {ours[2] / theirs[2]:.2f}"


def cells(figures: Figures | None) -> str:
    """Wall seconds, CPU seconds and peak MB."""
    return "- | - | -" if figures is None else f"{figures[0]:.2f} | {figures[1]:.2f} | {figures[2]:.0f}"


def output_of(command: list[str], count: bool = False) -> tuple[float, int]:
    """The size (MB) of what a command writes and, with ``count``, the findings of that JSON result.

    Through a file and a separate process: this process must stay small, because a child's peak
    memory (ru_maxrss) includes what it shares with this one between the fork and the exec.
    """
    with tempfile.TemporaryFile(dir=DATA) as out:
        subprocess.run(command, stdout=out, cwd=DATA, check=True)
        size = out.tell() / 1e6
        if not count:
            return size, 0
        out.seek(0)
        done = subprocess.run([sys.executable, "-c", COUNT], stdin=out, capture_output=True, text=True, check=True)
    return size, int(done.stdout)


def main() -> None:
    """Run the benchmark and print the tables."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--heavy", default="100,1000,10000",
                        help="processes of the findings-heavy organisations: most facts missing (empty: none)")
    parser.add_argument("--sizes", default="100,1000,10000", help="processes of the full organisations (empty: none)")
    parser.add_argument("--folder", type=int, default=40, help="organisations in the folder row (0: none)")
    parser.add_argument("--compare", type=int, default=342, help="municipalities in the comparison row (0: none)")
    parser.add_argument("--formats-at", type=int, default=10000,
                        help="processes of the findings-heavy organisation written in every format (0: none)")
    parser.add_argument("--no-spectral", action="store_true")
    parser.add_argument("--python", help="an interpreter with digimandate installed (default: benchmarks/.venv)")
    parser.add_argument("--before", help="another interpreter with digimandate installed (an earlier commit, say), "
                                         "measured in the same runs, interleaved")
    args = parser.parse_args()
    sys.path.insert(0, str(HERE))

    DATA.mkdir(exist_ok=True)
    heavy = [int(s) for s in args.heavy.split(",") if s]
    sizes = [int(s) for s in args.sizes.split(",") if s]
    spectral_cmd = None if args.no_spectral else spectral()
    modes, where = modes_for(args.python or installed_python())
    if args.before:
        before, before_where = modes_for(args.before, before=True)
        modes += before
        where += f"; before: {before_where}"
    scanner = libyaml_scanner()
    check = ["check", "--exit-zero", "--no-config"]
    json_args = [*check, "--format", "json"]
    head = "digimandate | s | CPU s | peak MB | Spectral s | CPU s | peak MB | speed vs Spectral | CPU vs Spectral " \
           "| memory vs Spectral"
    rule = "---|---:|---:|---:|---:|---:|---:|---:|---:|---:"

    print(f"digimandate check, median of {args.runs} runs (wall and CPU time: user + system), largest peak memory; "
          f"{os.cpu_count()} cores; digimandate from {where}\n")

    if heavy:
        print("Findings-heavy organisations (most facts missing), `check --format json`\n")
        print(f"| processes | findings | file MB | result MB | {head} |")
        print(f"|---:|---:|---:|---:|{rule}|")
        cpu_per_process: dict[int, dict[Mode, float]] = {}
        for n in heavy:
            path = organisation(n, heavy=True)
            ours = modes_of([*json_args, str(path)], args.runs, modes)
            theirs = median_of([*spectral_cmd, str(path)], args.runs, LINTED) if spectral_cmd else None
            result_mb, findings = output_of(modes[0].command([*json_args, str(path)]), count=True)
            cpu_per_process[n] = {m: ours[m][1] / n for m in modes}
            for m in modes:
                print(f"| {n:,} | {findings:,} | {path.stat().st_size / 1e6:.2f} | {result_mb:.1f} | {m.label} | "
                      f"{cells(ours[m])} | {cells(theirs)} | {ratios(ours[m], theirs)} |", flush=True)
        for a, b in itertools.pairwise(heavy):
            steps = "; ".join(f"{m.label} {cpu_per_process[a][m] * 1000:.3f} -> {cpu_per_process[b][m] * 1000:.3f} "
                              f"(ratio {cpu_per_process[b][m] / cpu_per_process[a][m]:.2f})" for m in modes)
            print(f"\nCPU ms per process from {a:,} to {b:,} processes: {steps}; linear means at most 1.5.")
        print()

    if args.formats_at:
        path = organisation(args.formats_at, heavy=True)
        print(f"Output formats, findings-heavy {args.formats_at:,} processes\n")
        print("| format | output MB | digimandate | s | CPU s | peak MB |")
        print("|---|---:|---|---:|---:|---:|")
        for fmt in ("json", "sarif", "terminal"):
            fmt_args = [*check, "--format", fmt, str(path)]
            ours = modes_of(fmt_args, args.runs, modes)
            size = output_of(modes[0].command(fmt_args))[0]
            for m in modes:
                print(f"| {fmt} | {size:.1f} | {m.label} | {cells(ours[m])} |", flush=True)
        print()

    if sizes:
        print("Full organisations (every fact recorded), `check --format json`; floors in CPU seconds\n")
        print(f"| processes | file MB | libyaml alone | libyaml events | stack floor | {head} |")
        print(f"|---:|---:|---:|---:|---:|{rule}|")
        python = modes[0].python
        for n in sizes:
            path = organisation(n, heavy=False)
            ours = modes_of([*json_args, str(path)], args.runs, modes)
            events = median_of([python, "-c", FLOOR, str(path)], args.runs)
            alone = f"{median_of([*scanner, str(path)], args.runs)[1]:.2f}" if scanner else "-"
            stack = median_of([python, "-c", STACK_FLOOR, str(path)], args.runs)
            theirs = median_of([*spectral_cmd, str(path)], args.runs, LINTED) if spectral_cmd else None
            for m in modes:
                print(f"| {n:,} | {path.stat().st_size / 1e6:.2f} | {alone} | {events[1]:.2f} | {stack[1]:.2f} | "
                      f"{m.label} | {cells(ours[m])} | {cells(theirs)} | {ratios(ours[m], theirs)} |", flush=True)
        print()

    if args.folder:
        target, total = folder(args.folder)
        files = sorted(str(f) for f in target.glob("*.yaml"))
        folder_args = [*json_args, str(target)]
        ours = modes_of(folder_args, args.runs, modes)
        theirs = median_of([*spectral_cmd, *files], args.runs, LINTED) if spectral_cmd else None
        if Path("/proc/self/status").exists():  # count the workers' memory too, in one more run each
            ours = {m: (*ours[m][:2], max(ours[m][2], tree_peak(m.command(folder_args), m.env()))) for m in modes}
            if theirs is not None:
                theirs = (*theirs[:2], max(theirs[2], tree_peak([*spectral_cmd, *files])))
        megabytes = sum(Path(f).stat().st_size for f in files) / 1e6
        print(f"Folder: {len(files)} full organisations, {total:,} processes, {megabytes:.2f} MB, both cores\n")
        print(f"| {head} |")
        print(f"|{rule}|")
        for m in modes:
            print(f"| {m.label} | {cells(ours[m])} | {cells(theirs)} | {ratios(ours[m], theirs)} |")
        print("\nPeak MB of the folder is the resident memory of the parent and its workers together, sampled "
              "every 10 ms (pages shared after the fork count once per process), or the largest single "
              "process where that is more.")
    if args.compare:
        target, products = municipal_folder(args.compare)
        out = DATA / f"compare-{args.compare}.md"
        compare_args = ["report", str(target), "--compare", "--no-config", "-o", str(out), "--force"]
        ours = modes_of(compare_args, args.runs, modes)
        if Path("/proc/self/status").exists():
            ours = {m: (*ours[m][:2], max(ours[m][2], tree_peak(m.command(compare_args), m.env()))) for m in modes}
        megabytes = sum(f.stat().st_size for f in target.glob("*.yaml")) / 1e6
        print(f"\nComparison: `report FOLDER --compare` of {args.compare} municipalities, {products:,} products, "
              f"{megabytes:.1f} MB, both cores (goal: under 30 s)\n")
        print("| digimandate | s | CPU s | peak MB |")
        print("|---|---:|---:|---:|")
        for m in modes:
            print(f"| {m.label} | {cells(ours[m])} |")
    if scanner is None and sizes:
        print("\nlibyaml alone was skipped: no C compiler.")
    if not any(not m.pure for m in modes):
        print("\nThe C loader is not installed (no C compiler, or `--python` without it): Python loader only.")
    if spectral_cmd is None and not args.no_spectral:
        print("\nSpectral was skipped: npm is not installed.")


if __name__ == "__main__":
    main()
