"""Benchmark the writers' preview: from saving a page to the served page showing the change.

For each size N, the synthetic help center of scripts/bench_build.py (N articles per locale,
four locales) is built once by `polyhelp build` (the full build, the baseline of the ratio)
and then served by `polyhelp serve`, each in a fresh subprocess. Then pages are saved, one
at a time, as a writer does: an English article's text, the same article's French text, and
an English article's title; after each save the page is fetched from the server every 10 ms
until it shows the change (what the browser's live reload then loads). NOTES below says what
is measured.
"""

from __future__ import annotations

import argparse
import json
import os
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
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

sys.path.insert(0, str(REPO / "scripts"))
from bench_build import generate, polyhelp_build, table  # noqa: E402

SAVES = 3  # saves timed per kind of change
POLL = 0.01  # seconds between two fetches of the page
NOTES = """save -> served: from just before the file is written to the first answer of the server
that shows the change (fetched every 10 ms; live reload's long poll answers the browser at the
same moment); median and largest of {saves} saves per kind, one save at a time.
text: a word of an English or French article's body; title: an English article's title,
checked on its own page, then on the last article of its topic (whose navigation lists it:
rendered after the saved page is served, with the rest of the topic).
full build: `polyhelp build` (jobs=2) of the same site in the same run, subprocess wall time;
x full: median save -> served over the full build. start: `polyhelp serve` started to the
first page served (every locale built once)."""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.read().decode("utf-8")
    except (urllib.error.URLError, OSError):
        return None


def wait_for(url: str, text: str, timeout: float, server: subprocess.Popen) -> float:
    """Seconds until the page at `url` contains `text`."""
    started = time.perf_counter()
    while True:
        page = fetch(url)
        if page is not None and text in page:
            return time.perf_counter() - started
        if server.poll() is not None:
            raise SystemExit(f"polyhelp serve ended (exit {server.returncode})")
        if time.perf_counter() - started > timeout:
            raise SystemExit(f"{url} did not show {text!r} within {timeout:.0f} s")
        time.sleep(POLL)


def save_and_time(
    path: Path, old: str, new: str, urls: list[str], server: subprocess.Popen, timeout: float
) -> list[float]:
    """Seconds from saving `path` with `old` replaced by `new` to each page of `urls` (in
    turn) showing the word `new` starts with."""
    text = path.read_text(encoding="utf-8")
    if old not in text:
        raise SystemExit(f"{path}: {old!r} not found")
    started = time.perf_counter()
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    word = re.search(r"[A-Z]\w+", new)[0]
    times = []
    for url in urls:
        wait_for(url, word, timeout, server)
        times.append(time.perf_counter() - started)
    return times


def body_sentence(path: Path) -> str:
    """A word of the page's body (after its front matter) to replace."""
    body = path.read_text(encoding="utf-8").split("\n---\n", 1)[1]
    words = re.findall(r"(?<![\w{.-])[^\W\d_]{6,}(?![\w}-])", body)
    if not words:
        raise SystemExit(f"{path}: no word to change")
    return words[len(words) // 2]


def bench_size(base: Path, n: int, saves: int, timeout: float, per_topic: int) -> dict:
    root = base / f"n{n}"
    root.mkdir(parents=True)
    config, _, plan = generate(root, n, per_topic)
    full = polyhelp_build("polyhelp build", config, root / "site", jobs=2)
    shutil.rmtree(root / "site")
    port = free_port()
    log = (root / "serve.log").open("w", encoding="utf-8")
    command = [sys.executable, "-m", "polyhelp", "serve", "-f", str(config)]
    environment = dict(os.environ, PYTHONPATH=str(REPO))
    started = time.perf_counter()
    server = subprocess.Popen(
        [*command, "-a", f"127.0.0.1:{port}"], cwd=root, stdout=log, stderr=log, env=environment
    )
    site = f"http://127.0.0.1:{port}/"
    kinds = ("en text", "fr text", "en title: its page", "en title: every listing")
    times: dict[str, list[float]] = {kind: [] for kind in kinds}
    try:
        wait_for(site, "</html>", timeout, server)
        start = time.perf_counter() - started
        # Articles in the middle of the site, with a French translation and a next article;
        # not a legal text (once its English changes, its translation is shown in English
        # until reviewed, so a French save would never show).
        middle = [
            i
            for i in range(n)
            if (root / "docs/fr" / plan.path(i)).is_file()
            and "\ntype: legal\n" not in (root / "docs/en" / plan.path(i)).read_text("utf-8")
        ]
        chosen = [middle[(len(middle) * (k + 1)) // (saves + 2)] for k in range(saves)]
        for k, i in enumerate(chosen):
            article = plan.path(i)[:-3] + "/"
            for locale, kind in (("en", "en text"), ("fr", "fr text")):
                page = root / "docs" / locale / plan.path(i)
                prefix = "" if locale == "en" else f"{locale}/"
                new = f"Savedword{k}{locale}"
                old = body_sentence(page)
                url = site + prefix + article
                times[kind] += save_and_time(page, old, new, [url], server, timeout)
            # A title: on its page at once, then in the navigation of the other articles of
            # its topic (rendered after the saved page is served); the one timed is the
            # topic's last article, rendered last.
            topic = [j for j in plan.articles(i * plan.topics // n) if j != i] or [i]
            page = root / "docs" / "en" / plan.path(i)
            line = re.search(r"^title: .+$", page.read_text(encoding="utf-8"), re.M)[0]
            urls = [site + article, site + plan.path(topic[-1])[:-3] + "/"]
            new = f"title: {json.dumps(f'Renamed{k} title')}"
            own, listing = save_and_time(page, line, new, urls, server, timeout)
            times["en title: its page"].append(own)
            times["en title: every listing"].append(listing)
    finally:
        server.terminate()
        server.wait(timeout=60)
        log.close()
    return {"n": n, "full": full.wall, "start": start, "times": times, "topics": plan.topics}


def report(result: dict) -> str:
    rows = []
    for kind, values in result["times"].items():
        median = statistics.median(values)
        rows.append(
            [
                kind,
                f"{median:.2f}",
                f"{max(values):.2f}",
                f"{result['full']:.1f}",
                f"{median / result['full']:.3f}",
            ]
        )
    header = ["save", "median s", "largest s", "full build s", "x full"]
    return (
        f"\nN = {result['n']:,} articles per locale x 4 locales, {result['topics']} topics; "
        f"serve start {result['start']:.1f} s\n" + table(header, rows)
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Time `polyhelp serve` from a saved page to the served page showing the "
        "change, on synthetic help centers (scripts/bench_build.py), against a full build."
    )
    parser.add_argument("--sizes", default="250,1000,2500", help="articles per locale")
    parser.add_argument("--saves", type=int, default=SAVES, help="saves timed per kind")
    parser.add_argument("--timeout", type=float, default=1800, help="seconds to wait at most")
    parser.add_argument(
        "--topic-articles", type=int, default=80, help="articles per topic (default 80)"
    )
    args = parser.parse_args(argv)
    try:
        sizes = sorted({int(size) for size in args.sizes.split(",") if size.strip()})
    except ValueError:
        parser.error(f"--sizes {args.sizes}: expected numbers such as 250,1000")
    if not sizes or sizes[0] < 2 or args.saves < 1:
        parser.error("need sizes >= 2 and --saves >= 1")
    print("Polyhelp preview benchmark: polyhelp serve, four locales")
    with tempfile.TemporaryDirectory(prefix="bench-preview-") as scratch:
        for n in sizes:
            result = bench_size(Path(scratch), n, args.saves, args.timeout, args.topic_articles)
            print(report(result), flush=True)
    print(NOTES.format(saves=args.saves))
    return 0


if __name__ == "__main__":
    sys.exit(main())
