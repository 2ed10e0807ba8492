"""Benchmark of `check` (load + validate) against the C YAML parser alone, on synthetic data.

Where it sits: outside the flow, measuring its first two steps. It generates N participants' worth
of data (`bench/generate.py`: 5N events, 2N quotes) into a temporary folder, then, in this one
process and alternating so that both see the same machine state:

* times `tradetalks.validate.check(data)` (every rule, the model built) over R runs;
* times `yaml.load(text, Loader=yaml.CSafeLoader)` over the same files (reading included), the
  cheapest way to get the same values out of the same bytes: the target is check <= 2x this.

Peak memory is measured in a fresh child process that runs `check` once (its VmHWM, so it
includes the interpreter and imports; `baseline_rss_mib` is the same child before `check`). Prints
one JSON object. Target (issue 8): `ratio` <= 2.0 at N = 1,000.

    .venv/bin/python bench/check_bench.py --participants 1000 --runs 5
"""

from __future__ import annotations

import argparse
import gc
import json
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run as a script from anywhere
from bench.generate import generate  # noqa: E402
from tradetalks.validate import check  # noqa: E402

_CHILD = """
import json, sys
from pathlib import Path
from tradetalks.validate import check

def high_water_kib():
    # VmHWM, not ru_maxrss: Linux carries ru_maxrss over exec from the (large) parent process.
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    return 0

base = high_water_kib()
explainer, problems = check(Path(sys.argv[1]))
print(json.dumps({"baseline_kib": base, "peak_kib": high_water_kib(), "problems": len(problems)}))
"""

def parse_only(files: list[Path]) -> None:
    for path in files:
        yaml.load(path.read_bytes().decode("utf-8"), Loader=yaml.CSafeLoader)  # noqa: S506


def _timed(func, *args) -> float:  # type: ignore[no-untyped-def]
    gc.collect()
    start = time.perf_counter()
    func(*args)
    return time.perf_counter() - start


def run(participants: int, runs: int, seed: int) -> dict[str, object]:
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "data"
        made = generate(data, participants=participants, seed=seed)
        files = made["files"]
        explainer, problems = check(data)  # warm-up, and proof the data is clean
        if explainer is None or problems:
            raise SystemExit(f"generated data has {len(problems)} problems: {problems[:3]}")
        check_times, parse_times = [], []
        for _ in range(runs):
            check_times.append(_timed(check, data))
            parse_times.append(_timed(parse_only, files))
        child = subprocess.run([sys.executable, "-c", _CHILD, str(data)], capture_output=True,
                               text=True, check=True)
        memory = json.loads(child.stdout)
        check_s, parse_s = statistics.median(check_times), statistics.median(parse_times)
        return {
            "participants": participants,
            "events": made["events"],
            "quotes": made["quotes"],
            "files": len(files),
            "bytes": sum(p.stat().st_size for p in files),
            "runs": runs,
            "check_median_s": round(check_s, 3),
            "check_runs_s": [round(t, 3) for t in check_times],
            "yaml_c_parser_median_s": round(parse_s, 3),
            "ratio": round(check_s / parse_s, 2),
            "target_ratio": 2.0,
            "peak_rss_mib": round(memory["peak_kib"] / 1024, 1),
            "baseline_rss_mib": round(memory["baseline_kib"] / 1024, 1),
            "python": platform.python_version(),
            "machine": f"{platform.machine()}, {platform.processor() or 'unknown cpu'}",
        }


def main() -> int:
    parser = argparse.ArgumentParser(description="Time `check` against the C YAML parser.")
    parser.add_argument("--participants", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    print(json.dumps(run(args.participants, max(3, args.runs), args.seed)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
