"""Run a Python module as a child of `bench/run.py` and report its own peak memory.

Where it sits: inside the benchmark harness only. `python bench/_child.py OUT module args...`
runs `module` as `python -m module args...` would, and at exit writes the process's VmHWM (peak
resident set, KiB) to OUT. VmHWM belongs to this process's own address space, unlike ru_maxrss,
which Linux carries over exec from the parent (a benchmark parent holding generated data).
"""

from __future__ import annotations

import atexit
import runpy
import sys
from pathlib import Path


def _write_peak(out: Path) -> None:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            out.write_text(line.split()[1])
            return


if __name__ == "__main__":
    out, module, *args = sys.argv[1:]
    atexit.register(_write_peak, Path(out))
    sys.argv = [module, *args]
    runpy.run_module(module, run_name="__main__", alter_sys=True)
