"""Time the C loader against the Python builder, loader only and end to end, at realistic sizes.

Usage: python benchmarks/loader.py [--sizes 100,300,1000] [--runs 15] [--e2e-runs 7]

Run it with the interpreter that has digimandate and its C loader installed (`pip install . ./fast`;
an editable checkout works). For each size, a generated organisation (benchmarks/generate.py) is
loaded in a fresh process with the C loader and in one with DIGIMANDATE_PURE_PYTHON=1 (median of
the loads after one warm-up), and `digimandate check --format json` is run as a whole in both
modes, the two interleaved so that a busy machine slows both alike. Both are measured in CPU time
(user + system), which other work on a shared machine disturbs far less than wall time; the
end-to-end wall time is printed beside it.
Prints a Markdown table of medians.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from generate import generate  # noqa: E402

LOAD_ONLY = """
import statistics, sys, time
from digimandate.model import loader
raw = open(sys.argv[1], "rb").read()
loader.load_bytes(raw, "f.yaml")
times = []
for _ in range(int(sys.argv[2])):
    start = time.process_time()
    loader.load_bytes(raw, "f.yaml")
    times.append(time.process_time() - start)
print(loader.fast_loader_active(), statistics.median(times))
"""


def env(pure: bool) -> dict[str, str]:
    """The environment of one mode; bytecode may be written so that only the first run compiles it."""
    out = {k: v for k, v in os.environ.items() if k not in ("DIGIMANDATE_PURE_PYTHON", "PYTHONDONTWRITEBYTECODE")}
    if pure:
        out["DIGIMANDATE_PURE_PYTHON"] = "1"
    return out


def load_only(path: Path, runs: int, pure: bool) -> float:
    """Median CPU seconds of one load in a warm process."""
    done = subprocess.run([sys.executable, "-c", LOAD_ONLY, str(path), str(runs)], env=env(pure),
                          capture_output=True, text=True, check=True)
    active, seconds = done.stdout.split()
    if active != str(not pure):
        sys.exit(f"expected the C loader {'off' if pure else 'on'}, got fast_loader_active() = {active}")
    return float(seconds)


def end_to_end(path: Path, runs: int) -> dict[bool, tuple[float, float]]:
    """Median CPU and wall seconds of `digimandate check --format json`, by mode (pure or not), interleaved."""
    command = [sys.executable, "-m", "digimandate", "check", str(path), "--format", "json"]
    times: dict[bool, list[tuple[float, float]]] = {False: [], True: []}
    for i in range(runs + 1):
        for pure in (False, True):
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            start = time.perf_counter()
            subprocess.run(command, env=env(pure), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            wall = time.perf_counter() - start
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
            if i:  # the first round warms the disk cache and writes bytecode
                times[pure].append((cpu, wall))
    return {pure: (statistics.median(t[0] for t in runs_), statistics.median(t[1] for t in runs_))
            for pure, runs_ in times.items()}


def main() -> None:
    """Generate, measure and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100,300,1000")
    parser.add_argument("--runs", type=int, default=15, help="loads per process, loader only")
    parser.add_argument("--e2e-runs", type=int, default=7, help="runs per mode, end to end")
    args = parser.parse_args()
    print("| processes | file KB | load C ms | load Python ms | saved ms | check C s | check Python s | saved s "
          "| check wall C s | check wall Python s |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    with tempfile.TemporaryDirectory() as scratch:
        for size in (int(s) for s in args.sizes.split(",")):
            path = Path(scratch) / f"org-{size}.yaml"
            path.write_text(generate(size), encoding="utf-8")
            c_load, py_load = load_only(path, args.runs, False), load_only(path, args.runs, True)
            run = end_to_end(path, args.e2e_runs)
            (c_cpu, c_wall), (py_cpu, py_wall) = run[False], run[True]
            print(f"| {size:,} | {path.stat().st_size / 1024:.0f} | {c_load * 1000:.0f} | {py_load * 1000:.0f} | "
                  f"{(py_load - c_load) * 1000:.0f} | {c_cpu:.2f} | {py_cpu:.2f} | {py_cpu - c_cpu:.2f} | "
                  f"{c_wall:.2f} | {py_wall:.2f} |", flush=True)


if __name__ == "__main__":
    main()
