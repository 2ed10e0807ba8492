"""Lighthouse scores for `bench/run.py --lighthouse`: home, timeline and one profile, mobile preset.

Where it sits: inside the benchmark harness only. It generates the data, makes one strict build
(same temporary config as `run.py`), serves the built site from a local HTTP server on a free
127.0.0.1 port and runs the pinned Lighthouse from `bench/node_modules` (`cd bench && npm ci`)
against Chromium (CHROME_PATH, default /usr/bin/chromium), headless. Returns the performance and
accessibility scores (0-100) per page.
"""

from __future__ import annotations

import functools
import gzip
import http.server
import json
import os
import shutil
import subprocess
import tempfile
import threading
from pathlib import Path
from typing import Any

from bench import run as bench_run
from bench.generate import generate

BIN = bench_run.BENCH / "node_modules" / ".bin" / "lighthouse"


class _Quiet(http.server.SimpleHTTPRequestHandler):
    """Serves the built site the way a static host does: text compressed with gzip when the
    browser asks for it (GitHub Pages does; Python's http.server alone does not, and Lighthouse
    would then time ~300 KiB of uncompressed CSS, JS and search index that no reader gets)."""

    COMPRESSIBLE = (".html", ".css", ".js", ".json", ".svg", ".xml", ".atom", ".ics", ".csv")

    def do_GET(self) -> None:  # noqa: N802 - the stdlib's name
        path = Path(self.translate_path(self.path))
        if path.is_dir() and self.path.split("?")[0].endswith("/"):
            path = path / "index.html"
        if ("gzip" not in self.headers.get("Accept-Encoding", "") or not path.is_file()
                or path.suffix not in self.COMPRESSIBLE):
            super().do_GET()  # redirects, 404s and binary files as usual
            return
        body = gzip.compress(path.read_bytes(), compresslevel=6, mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - stdlib signature
        return


def run(participants: int, seed: int) -> dict[str, Any]:
    if not BIN.exists():
        raise SystemExit("Lighthouse is not installed: run `cd bench && npm ci` first")
    work = Path(tempfile.mkdtemp(prefix="tradetalks-lighthouse-"))
    try:
        data = work / "data"
        if participants:
            generate(data, participants=participants, seed=seed)
        else:  # --participants 0: the shipped data, the site readers actually get
            shutil.copytree(bench_run.REPO / "data", data)
        docs, _ = bench_run._copy_docs(work)
        config = bench_run._site_config(work, "site", docs, data, hooks=True)
        bench_run._child(work, "mkdocs", "build", "--strict", "-q", "-f", str(config), cwd=work)
        site = work / "site-site"
        _, person, _ = bench_run._first_person(data)
        server = http.server.ThreadingHTTPServer(
            ("127.0.0.1", bench_run._free_port()),
            functools.partial(_Quiet, directory=str(site)))
        threading.Thread(target=server.serve_forever, daemon=True).start()
        base = f"http://127.0.0.1:{server.server_address[1]}/"
        scores = {}
        try:
            for name, path in (("home", ""), ("timeline", "timeline/"),
                               ("profile", f"participants/{person}/")):
                report = work / f"{name}.json"
                subprocess.run(
                    [str(BIN), base + path, "--quiet", "--output=json",
                     f"--output-path={report}", "--only-categories=performance,accessibility",
                     "--form-factor=mobile", "--chrome-flags=--headless --no-sandbox "
                     "--disable-gpu --disable-dev-shm-usage"],
                    env={**os.environ, "CHROME_PATH": os.environ.get("CHROME_PATH",
                                                                     "/usr/bin/chromium")},
                    check=True, capture_output=True, text=True, timeout=600)
                categories = json.loads(report.read_text())["categories"]
                scores[name] = {key: round(100 * (categories[key]["score"] or 0))
                                for key in ("performance", "accessibility")}
        finally:
            server.shutdown()
        return scores
    finally:
        shutil.rmtree(work, ignore_errors=True)


__all__ = ["run"]
