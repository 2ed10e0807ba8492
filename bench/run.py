"""The scale-and-speed benchmark of issue 8: one command, one JSON object, optionally recorded.

Where it sits: outside the flow, around all of it. For N participants it generates synthetic data
(`bench/generate.py`), points a temporary copy of the repository's site config at it (the real
`mkdocs.yml` via INHERIT, with absolute paths, `extra.data_dir` at the generated data) and, each
in a fresh child process whose own peak memory (VmHWM) is reported:

* `check`: `tradetalks.validate.check` on the data, against the C YAML parser alone on the same
  files (same child, alternating);
* `build`: `mkdocs build --strict` of the real site;
* `baseline`: the same pages written as plain Markdown (`bench/baseline.py`) built by MkDocs +
  Material with no hooks, and `ratio` = build / baseline;
* `serve`: a running `mkdocs serve` on a free 127.0.0.1 port; one participant's name is edited in
  its data file and the page is polled until it is served changed (seconds from the save);
* the largest HTML page and the site's total size, from the strict build.

Times are medians of `--runs` runs. `--record` appends the result and the targets to
`bench/RESULTS.md`; `--lighthouse` also runs Lighthouse (bench/package.json) on three pages.

    .venv/bin/python bench/run.py --participants 1000 --runs 3 --record
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from importlib import metadata
from pathlib import Path
from typing import Any

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
sys.path.insert(0, str(REPO))  # run as a script from anywhere
from bench import baseline  # noqa: E402
from bench.generate import generate  # noqa: E402
from tradetalks import urls  # noqa: E402

PY = sys.executable
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONHASHSEED": "0"}
TARGETS = {"build_ratio": 0.6, "serve_s": 3.0, "serve_shipped_s": 1.5, "check_ratio": 2.0,
           "peak_mib_5000": 1024, "largest_page_bytes": 1_000_000,
           "site_bytes_5000": 1_000_000_000}

_CHECK_CHILD = """
import json, statistics, sys, time
from pathlib import Path
import yaml
from tradetalks.validate import check

data, runs = Path(sys.argv[1]), int(sys.argv[2])
files = sorted(p for p in data.rglob("*") if p.suffix in {".yml", ".yaml"})
checks, parses = [], []
for _ in range(runs):
    start = time.perf_counter(); explainer, problems = check(data)
    checks.append(time.perf_counter() - start)
    start = time.perf_counter()
    for path in files:
        yaml.load(path.read_bytes().decode("utf-8"), Loader=yaml.CSafeLoader)
    parses.append(time.perf_counter() - start)
assert explainer is not None and not problems, problems[:3]
print(json.dumps({"check": checks, "parse": parses}))
"""


def _child(out_dir: Path, module: str, *args: str, cwd: Path) -> tuple[float, float, str]:
    """Run `python -m module args` via bench/_child.py: (wall seconds, peak MiB, stderr)."""
    peak_file = out_dir / f"peak-{time.monotonic_ns()}"
    start = time.perf_counter()
    proc = subprocess.run([PY, str(BENCH / "_child.py"), str(peak_file), module, *args],
                          cwd=cwd, env=ENV, capture_output=True, text=True, check=False)
    wall = time.perf_counter() - start
    if proc.returncode != 0:
        raise SystemExit(f"{module} {' '.join(args)} failed ({proc.returncode}):\n"
                         f"{proc.stderr[-3000:]}")
    return wall, int(peak_file.read_text()) / 1024, proc.stderr


def _site_config(work: Path, name: str, docs: Path, data: Path, hooks: bool) -> Path:
    """A config inheriting the repository's mkdocs.yml, with every path made absolute."""
    config = {
        "INHERIT": str(REPO / "mkdocs.yml"),
        "docs_dir": str(docs),
        "site_dir": str(work / f"site-{name}"),
        "theme": {"name": "material", "custom_dir": str(REPO / "overrides")},
        "hooks": [str(REPO / "hooks" / "mkdocs_hooks.py")] if hooks else [],
        "watch": [str(data), str(REPO / "src" / "tradetalks"), str(REPO / "hooks")],
        "extra": {"data_dir": str(data)},
    }
    path = work / f"{name}.yml"
    path.write_text(json.dumps(config, indent=1), encoding="utf-8")  # JSON is YAML
    return path


def _copy_docs(work: Path) -> tuple[Path, list[str]]:
    """The repository's docs/, plus a note for any nav page missing from it (built anyway, as
    an empty page, so the benchmark measures the rest; the note goes into the result)."""
    docs = work / "docs"
    shutil.copytree(REPO / "docs", docs)
    notes = []
    generated = {urls.index_src_uri(name) for name in urls.INDEX_PAGES}  # the home page, ...
    for target in re.findall(r"^\s*-\s*[^:\n]+:\s*(\S+\.md)\s*$",
                             (REPO / "mkdocs.yml").read_text(encoding="utf-8"), re.M):
        if not (docs / target).exists() and "/" not in target and target not in generated:
            (docs / target).write_text("# Missing\n\nNot in the repository yet.\n")
            notes.append(f"docs/{target} missing from the repository: an empty page was built")
    return docs, notes


def _site_sizes(site: Path) -> dict[str, Any]:
    pages = [(p.stat().st_size, p.relative_to(site).as_posix()) for p in site.rglob("*.html")]
    largest = max(pages)
    total = sum(p.stat().st_size for p in site.rglob("*") if p.is_file())
    return {"html_pages": len(pages), "largest_page_bytes": largest[0],
            "largest_page": largest[1], "site_bytes": total}


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _get(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:  # noqa: S310 - loopback only
            return str(response.read().decode("utf-8"))
    except (urllib.error.URLError, OSError):
        return None


def _first_person(data: Path) -> tuple[Path, str, str]:
    """(file, id, name line) of the first person record, the one the serve test edits."""
    for path in sorted(data.rglob("*.yml")):
        if "participants" not in path.as_posix():
            continue
        match = re.search(r"^([a-z0-9-]+):\n  kind: person\n  name: (.+)$",
                          path.read_text(encoding="utf-8"), re.M)
        if match:
            return path, match.group(1), f"  name: {match.group(2)}\n"
    raise SystemExit("no person record in the generated data")


def measure_serve(work: Path, config: Path, data: Path, runs: int) -> dict[str, Any]:
    """Seconds from saving a data file until `mkdocs serve` serves the edited page changed."""
    path, record_id, name_line = _first_person(data)
    original = path.read_text(encoding="utf-8")
    port = _free_port()
    url = f"http://127.0.0.1:{port}/participants/{record_id}/"
    log = (work / "serve.log").open("w")
    # As `make serve` runs it: --dirty rebuilds only the pages that show a changed record.
    proc = subprocess.Popen([PY, "-m", "mkdocs", "serve", "--dirty", "-f", str(config), "-a",
                             f"127.0.0.1:{port}"], cwd=work, env=ENV, stdout=log, stderr=log)
    times: list[float] = []
    try:
        start = time.perf_counter()
        while _get(url) is None:
            if proc.poll() is not None or time.perf_counter() - start > 3600:
                log_text = (work / "serve.log").read_text()[-2000:]
                raise SystemExit(f"mkdocs serve did not come up: {log_text}")
            time.sleep(0.2)
        first_build = time.perf_counter() - start
        for run in range(runs):
            time.sleep(1.0)  # let the watcher settle after the previous build
            marker = f"Benchedit{run}x"
            edited = original.replace(name_line, name_line.rstrip("\n") + f" {marker}\n", 1)
            saved = time.perf_counter()
            path.write_text(edited, encoding="utf-8")
            while True:
                page = _get(url)
                if page is not None and marker in page:
                    break
                if time.perf_counter() - saved > 3600:
                    raise SystemExit("edit never showed up")
                time.sleep(0.05)
            times.append(time.perf_counter() - saved)
    finally:
        proc.terminate()
        proc.wait(timeout=30)
        log.close()
        path.write_text(original, encoding="utf-8")
    return {"serve_first_build_s": round(first_build, 2),
            "serve_edit_s": round(statistics.median(times), 2),
            "serve_edit_runs_s": [round(t, 2) for t in times], "serve_edited_page": url}


def machine() -> dict[str, Any]:
    meminfo = Path("/proc/meminfo").read_text()
    cpuinfo = Path("/proc/cpuinfo").read_text()
    model = re.search(r"model name\s*:\s*(.+)", cpuinfo)
    return {
        "nproc": os.cpu_count(),
        "memory_gib": round(int(re.search(r"MemTotal:\s+(\d+)", meminfo).group(1)) / 2**20, 1),
        "cpu": model.group(1) if model else platform.machine(),
        "python": platform.python_version(),
        "mkdocs": metadata.version("mkdocs"),
        "mkdocs_material": metadata.version("mkdocs-material"),
        "markdown": metadata.version("markdown"),
    }


def run(participants: int, runs: int, seed: int, serve: bool,
        serve_only: bool = False) -> dict[str, Any]:
    work = Path(tempfile.mkdtemp(prefix=f"tradetalks-bench-{participants}-"))
    try:
        data = work / "data"
        if participants:
            counts = generate(data, participants=participants, seed=seed)
        elif serve_only:  # --participants 0: the shipped data, as an editor previews it
            shutil.copytree(REPO / "data", data)
        else:
            raise SystemExit("--participants 0 (the shipped data) goes with --serve-only or "
                             "--lighthouse-only: the build comparison needs generated data")
        docs, notes = _copy_docs(work)
        real = _site_config(work, "site", docs, data, hooks=True)
        if serve_only:
            return {"participants": participants, "runs": runs,
                    **measure_serve(work, real, data, runs), "machine": machine(),
                    "notes": notes}
        base_docs = work / "baseline-docs"
        generated_pages = baseline.write_markdown_docs(data, docs, base_docs)
        base = _site_config(work, "baseline", base_docs, data, hooks=False)

        check_out = subprocess.run([PY, "-c", _CHECK_CHILD, str(data), str(runs)], env=ENV,
                                   capture_output=True, text=True, check=True, cwd=work)
        check_runs = json.loads(check_out.stdout)
        _, check_peak, _ = _child(work, "tradetalks", "check", str(data), cwd=work)

        builds, base_builds, peaks, base_peaks = [], [], [], []
        base_warnings = 0
        for _ in range(runs):  # alternate, so both see the same machine state
            # Never -q with --strict: it stops strict from counting warnings.
            wall, peak, _ = _child(work, "mkdocs", "build", "--strict", "-f", str(real),
                                   cwd=work)
            builds.append(wall)
            peaks.append(peak)
            wall, peak, err = _child(work, "mkdocs", "build", "-q", "-f", str(base), cwd=work)
            base_builds.append(wall)
            base_peaks.append(peak)
            base_warnings = err.count("WARNING")
        sizes = _site_sizes(work / "site-site")
        base_sizes = _site_sizes(work / "site-baseline")
        check_s = statistics.median(check_runs["check"])
        parse_s = statistics.median(check_runs["parse"])
        build_s, base_s = statistics.median(builds), statistics.median(base_builds)
        result: dict[str, Any] = {
            "participants": participants,
            "records": {k: v for k, v in counts.items() if k != "files"},
            "data_bytes": sum(p.stat().st_size for p in counts["files"]),
            "runs": runs,
            "check_s": round(check_s, 3),
            "check_yaml_c_parser_s": round(parse_s, 3),
            "check_ratio": round(check_s / parse_s, 2),
            "check_peak_mib": round(check_peak, 1),
            "build_s": round(build_s, 2),
            "build_runs_s": [round(t, 2) for t in builds],
            "build_peak_mib": round(max(peaks), 1),
            **sizes,
            "baseline_build_s": round(base_s, 2),
            "baseline_build_runs_s": [round(t, 2) for t in base_builds],
            "baseline_peak_mib": round(max(base_peaks), 1),
            "baseline_pages": generated_pages,
            "baseline_warnings": base_warnings,
            "baseline_largest_page_bytes": base_sizes["largest_page_bytes"],
            "baseline_site_bytes": base_sizes["site_bytes"],
            "build_ratio": round(build_s / base_s, 3),
        }
        if serve:
            result.update(measure_serve(work, real, data, runs))
        result["machine"] = machine()
        result["notes"] = notes
        result["work_dir"] = str(work)
        return result
    finally:
        if not os.environ.get("TRADETALKS_BENCH_KEEP"):
            shutil.rmtree(work, ignore_errors=True)


def lighthouse(participants: int, seed: int) -> dict[str, Any]:
    """Lighthouse (mobile preset) on home, timeline and one profile of a strict build."""
    from bench import lighthouse as lh  # only needed with --lighthouse

    return lh.run(participants, seed)


def _verdicts(result: dict[str, Any]) -> list[str]:
    n = result["participants"]
    lines = []

    def verdict(name: str, value: Any, target: str, ok: bool) -> None:
        lines.append(f"| {name} | {value} | {target} | {'met' if ok else '**not met**'} |")

    if n == 1000 and "build_ratio" in result:
        verdict("build / baseline", result["build_ratio"], "≤ 0.6",
                result["build_ratio"] <= TARGETS["build_ratio"])
        if "serve_edit_s" in result:
            verdict("live preview edit (s)", result["serve_edit_s"], "≤ 3",
                    result["serve_edit_s"] <= TARGETS["serve_s"])
        verdict("check / C YAML parser", result["check_ratio"], "≤ 2",
                result["check_ratio"] <= TARGETS["check_ratio"])
    if n == 5000 and "build_peak_mib" in result:
        verdict("build peak memory (MiB)", result["build_peak_mib"], "≤ 1024",
                result["build_peak_mib"] <= TARGETS["peak_mib_5000"])
        verdict("largest page (bytes)", result["largest_page_bytes"], "≤ 1,000,000",
                result["largest_page_bytes"] <= TARGETS["largest_page_bytes"])
        verdict("site (bytes; GitHub Pages' limit)", result["site_bytes"], "< 1,000,000,000",
                result["site_bytes"] < TARGETS["site_bytes_5000"])
    if n == 0 and "serve_edit_s" in result:
        verdict("live preview edit (s)", result["serve_edit_s"], "≤ 1.5",
                result["serve_edit_s"] <= TARGETS["serve_shipped_s"])
    for page, scores in result.get("lighthouse", {}).items():
        verdict(f"Lighthouse {page} performance", scores["performance"], "≥ 95",
                scores["performance"] >= 95)
        verdict(f"Lighthouse {page} accessibility", scores["accessibility"], "100",
                scores["accessibility"] == 100)
    return lines


def record(result: dict[str, Any]) -> None:
    """Append one run to bench/RESULTS.md: a summary table and the full JSON."""
    path = BENCH / "RESULTS.md"
    if not path.exists():
        path.write_text("# Benchmark results\n\nAppended by `bench/run.py --record`; never edited "
                        "by hand. Targets: issue 8. Times are medians of the runs listed.\n",
                        encoding="utf-8")
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=REPO,
                            capture_output=True, text=True, check=False).stdout.strip()
    dirty = subprocess.run(["git", "status", "--porcelain", "--", "src", "hooks", "overrides",
                            "docs", "mkdocs.yml"], cwd=REPO, capture_output=True, text=True,
                           check=False).stdout.strip()
    when = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    m = result["machine"]
    r = result
    rows = [
        (f"\n## N = {r['participants']:,}" if r["participants"] else "\n## The shipped data")
        + f" — {when}, commit {commit}"
        f"{' (+ local edits)' if dirty else ''}\n",
        f"Machine: {m['nproc']} cores ({m['cpu']}), {m['memory_gib']} GiB; Python {m['python']}, "
        f"MkDocs {m['mkdocs']}, Material {m['mkdocs_material']}, Markdown {m['markdown']}.\n",
    ]
    if "check_s" in r:
        rows += _timing_rows(r)
    verdicts = _verdicts(r)
    if verdicts:
        rows += ["", "| target | value | wanted | |", "|---|---|---|---|", *verdicts]
    for note in r.get("notes", []):
        rows.append(f"\nNote: {note}")
    shown = {k: v for k, v in r.items() if k != "work_dir"}
    rows += ["", "<details><summary>JSON</summary>", "", "```json", json.dumps(shown, indent=1),
             "```", "", "</details>", ""]
    with path.open("a", encoding="utf-8") as handle:
        handle.write("\n".join(rows))


def _timing_rows(r: dict[str, Any]) -> list[str]:
    rows = [
        "| measure | value |", "|---|---|",
        f"| check (s) | {r['check_s']} (C YAML parser alone {r['check_yaml_c_parser_s']}; "
        f"ratio {r['check_ratio']}) |",
        f"| strict build (s) | {r['build_s']} (runs {r['build_runs_s']}) |",
        f"| baseline build, Markdown + no hooks (s) | {r['baseline_build_s']} "
        f"(runs {r['baseline_build_runs_s']}) |",
        f"| build / baseline | {r['build_ratio']} |",
        f"| peak memory build / baseline / check (MiB) | {r['build_peak_mib']} / "
        f"{r['baseline_peak_mib']} / {r['check_peak_mib']} |",
    ]
    if "serve_edit_s" in r:
        rows.append(f"| live preview: edit visible (s) | {r['serve_edit_s']} "
                    f"(runs {r['serve_edit_runs_s']}; first build {r['serve_first_build_s']}) |")
    rows += [f"| largest page | {r['largest_page_bytes']:,} B ({r['largest_page']}) |",
             f"| site total | {r['site_bytes']:,} B in {r['html_pages']} HTML pages |"]
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--participants", type=int, default=100)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--no-serve", action="store_true", help="skip the live-preview timing")
    parser.add_argument("--serve-only", action="store_true",
                        help="only the live-preview timing (no builds, no baseline)")
    parser.add_argument("--lighthouse", action="store_true",
                        help="also score home, timeline and a profile with Lighthouse")
    parser.add_argument("--lighthouse-only", action="store_true",
                        help="only the Lighthouse scores, no timings")
    parser.add_argument("--record", action="store_true", help="append to bench/RESULTS.md")
    args = parser.parse_args()
    if args.lighthouse_only:
        result = {"participants": args.participants, "machine": machine(),
                  "lighthouse": lighthouse(args.participants, args.seed)}
        print(json.dumps(result))
        if args.record:
            record(result)
        return 0
    result = run(args.participants, max(1, args.runs), args.seed, serve=not args.no_serve,
                 serve_only=args.serve_only)
    if args.lighthouse:
        result["lighthouse"] = lighthouse(args.participants, args.seed)
    print(json.dumps({k: v for k, v in result.items() if k != "work_dir"}))
    if args.record:
        record(result)
    return 0


if __name__ == "__main__":
    sys.exit(main())
