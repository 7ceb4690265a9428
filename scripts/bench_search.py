"""Benchmark search where a customer waits: what it costs before, at and after the first key.

Builds the synthetic help center of scripts/bench_build.py (N articles per locale, default
2,500; or measures an already built one with --site) and, in Chromium, on each locale's home
page:
- what the page fetches for search before the customer types (it should be the worker and
  the settings, no search data), and what a search then fetches (the index, lunr.js, the
  stemmer), as the bytes a server compressing with gzip -6 sends;
- first results: from the keydown of the first key, a word typed at 150 ms a key into the
  focused search field of a freshly loaded page, to the first result shown, with Chromium's
  CPU throttled 4 x (CDP Emulation.setCPUThrottlingRate) and unthrottled (median of 3 loads);
- per keystroke, unthrottled, with the index loaded: keydown to that key's results shown,
  over every key of Q words of the site typed letter by letter (p50, p95).
Targets (issue 17): first results <= 1 s throttled 4 x, p95 per key <= 50 ms, <= 1 MB gzip.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import random
import re
import shutil
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import urlparse

REPO = Path(__file__).resolve().parent.parent
for folder in (REPO, REPO / "scripts"):
    if str(folder) not in sys.path:
        sys.path.insert(0, str(folder))

from bench_build import CHROMIUM_ARGS, LOCALES, PROTECTED, SEED, WORD, generate  # noqa: E402

from polyhelp.content.frontmatter import split  # noqa: E402
from polyhelp.search.languages import stop_words  # noqa: E402
from polyhelp.site.build import build_site  # noqa: E402

PREFIXES = {locale: "" if locale == "en" else f"{locale}/" for locale in LOCALES}
KB = 1e3

# Material talks to its search worker in messages: 0 SETUP, 1 READY, 2 QUERY, 3 RESULT. The
# spy timestamps keys and results; "shown" is after the RESULT's listeners (Material renders
# the first results there) have run, and counts only results with at least one item.
SPY = """(() => {
  const b = window.__bench = {queries: 0, done: 0, shown: [], found: [], key: 0};
  document.addEventListener("keydown", () => { b.key = performance.now(); }, true);
  window.Worker = class extends window.Worker {
    constructor(...args) {
      super(...args);
      this.addEventListener("message", ({data}) => {
        if (data.type === 3) setTimeout(() => {
          b.shown.push(performance.now()); b.found.push(data.data.items.length); b.done++;
        });
      });
    }
    postMessage(message, ...rest) {
      if (message.type === 2) b.queries++;
      return super.postMessage(message, ...rest);
    }
  };
})();"""
IDLE = "window.__bench.done === window.__bench.queries"


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002
        pass


def gzip_size(path: Path) -> int:
    return len(gzip.compress(path.read_bytes(), 6))


def site_words(root: Path, locale: str, count: int) -> list[str]:
    """`count` words of six letters or more from the locale's generated articles (no stop
    word: search drops those, and a word that finds nothing would wait for ever)."""
    words = set()
    for path in sorted((root / "docs" / locale).rglob("*-[0-9][0-9][0-9][0-9].md")):
        body = split(path.read_text(encoding="utf-8"), path).body
        words |= {w.lower() for w in WORD.findall(PROTECTED.sub(" ", body)) if len(w) >= 6}
    # Material searches on keyup, and Playwright types a character missing from the US
    # keyboard without key events: every character typed must be on it.
    candidates = sorted(w for w in words - stop_words(locale) if w.isascii())
    return random.Random(SEED).sample(candidates, min(count, len(candidates)))


def fetched_paths(requests: list[str]) -> list[str]:
    return [urlparse(url).path for url in requests]


def search_files(site: Path, paths: list[str]) -> list[Path]:
    """The search files among the requested paths (worker, settings, index, lunr, stemmer)."""
    found = []
    for path in paths:
        if any(part in path for part in ("/search/", "polyhelp-search", "/lunr/", "/workers/")):
            found.append(site / path.lstrip("/"))
    return found


def first_results(browser, url: str, word: str, throttle: float):
    """ms from the first key to the first result shown on a fresh page, the customer typing
    the word at 150 ms a key (one letter finds nothing: prefixes start at two); requests."""
    context = browser.new_context()
    requests: list[str] = []
    context.on("request", lambda request: requests.append(request.url))
    page = context.new_page()
    page.set_default_timeout(120_000)
    page.add_init_script(SPY)
    if throttle != 1:
        cdp = context.new_cdp_session(page)
        cdp.send("Emulation.setCPUThrottlingRate", {"rate": throttle})
    page.goto(url, wait_until="networkidle")
    before = len(requests)
    box = page.locator("input.md-search__input")
    box.focus()
    page.wait_for_function(IDLE)
    start = page.evaluate("window.__bench.done")
    page.evaluate("window.__bench.first = 0")
    page.evaluate(
        "document.addEventListener('keydown', () => {"
        " window.__bench.first ||= performance.now(); }, true)"
    )
    box.press_sequentially(word, delay=150)
    page.wait_for_function(f"window.__bench.found.slice({start}).some(n => n > 0)", polling=10)
    shown = page.evaluate(
        f"(() => {{ const b = window.__bench, i = b.found.findIndex((n, i) => i >= {start} && n);"
        " return b.shown[i] - b.first; })()"
    )
    context.close()
    return shown, requests[:before], requests[before:]


def keystrokes(browser, url: str, words: list[str]) -> list[float]:
    """ms from keydown to results shown, for every key of every word (index loaded first)."""
    page = browser.new_context().new_page()
    page.set_default_timeout(120_000)
    page.add_init_script(SPY)
    page.goto(url, wait_until="networkidle")
    box = page.locator("input.md-search__input")
    box.click()
    box.press("a")
    page.wait_for_function(f"window.__bench.found.length > 0 && {IDLE}")  # the index is loaded
    box.press("Backspace")
    page.wait_for_function(IDLE)
    times = []
    for word in words:
        for char in word:
            before = page.evaluate("window.__bench.done")
            box.press(char)
            page.wait_for_function(f"window.__bench.done > {before} && {IDLE}", polling=5)
            times.append(page.evaluate(f"window.__bench.shown[{before}] - window.__bench.key"))
        box.press("Control+a")
        box.press("Backspace")
        page.wait_for_function(IDLE)
    page.context.close()
    return times


def percentile(values: list[float], which: int) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[which - 1]


def measure(site: Path, root: Path | None, locales: list[str], count: int) -> None:
    from playwright.sync_api import sync_playwright

    handler = functools.partial(QuietHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    origin = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        with sync_playwright() as playwright:
            chromium = shutil.which("chromium")
            browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
            for locale in locales:
                url = f"{origin}/{PREFIXES[locale]}"
                words = site_words(root, locale, count) if root else sample_words(site, locale)
                report_locale(site, browser, url, locale, words[:count])
            browser.close()
    finally:
        server.shutdown()
        server.server_close()


def sample_words(site: Path, locale: str) -> list[str]:
    """Words of the built index's page titles (when the generated pages are not at hand)."""
    import json

    index = json.loads((site / PREFIXES[locale] / "search" / "lunr_index.json").read_bytes())
    titles = [doc[1] for doc in index["docs"]]
    words = {w.lower() for title in titles for w in re.findall(r"[a-zA-Z]{6,}", title)}
    return random.Random(SEED).sample(sorted(words), min(100, len(words)))


def report_locale(site: Path, browser, url: str, locale: str, words: list[str]) -> None:
    runs = {1: [], 4: []}
    for throttle in runs:
        for number in range(3):
            shown, early, late = first_results(browser, url, words[number], throttle)
            runs[throttle].append(shown)
    early_files, late_files = (
        search_files(site, fetched_paths(early)),
        search_files(site, fetched_paths(late)),
    )
    early_bytes = sum(gzip_size(path) for path in early_files)
    late_bytes = sum(gzip_size(path) for path in late_files)
    times = keystrokes(browser, url, words)
    index = site / PREFIXES[locale] / "search" / "lunr_index.json"
    raw = index.stat().st_size / KB
    print(f"\n/{PREFIXES[locale]} ({locale}): lunr_index.json {raw:,.0f} KB raw")
    print(
        "  before the first key, for search: "
        + ", ".join(f"{p.name} {gzip_size(p) / KB:.1f} KB" for p in early_files)
        + f" = {early_bytes / KB:.1f} KB gzip"
    )
    print(
        "  after it: "
        + ", ".join(f"{p.name} {gzip_size(p) / KB:.1f} KB" for p in late_files)
        + f" = {late_bytes / KB:.1f} KB gzip; in all {(early_bytes + late_bytes) / KB:.1f} KB"
    )
    print(
        "  first key to first results: "
        f"CPU throttled 4 x: median {statistics.median(runs[4]):.0f} ms "
        f"({', '.join(f'{t:.0f}' for t in runs[4])}); "
        f"unthrottled: median {statistics.median(runs[1]):.0f} ms"
    )
    print(
        f"  per keystroke, unthrottled, {len(times)} keys of {len(words)} words: "
        f"p50 {statistics.median(times):.1f} ms, p95 {percentile(times, 95):.1f} ms, "
        f"max {max(times):.1f} ms"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    add = parser.add_argument
    add("--size", type=int, default=2500, help="articles per locale (default 2500)")
    add("--site", type=Path, help="measure this built site instead of building one")
    add("--keep", type=Path, metavar="DIR", help="keep the generated help center in DIR")
    add("--locales", default="de,en", help="locales measured in the browser (default de,en)")
    add("--words", type=int, default=60, help="words typed per locale (default 60)")
    args = parser.parse_args(argv)
    locales = [locale for locale in args.locales.split(",") if locale]
    if not set(locales) <= set(LOCALES):
        parser.error(f"--locales: choose among {', '.join(LOCALES)}")
    if shutil.which("chromium") is None:
        parser.error("chromium is not installed (sh scripts/setup.sh --test)")
    print(__doc__.split("\n\n")[0])
    if args.site:
        measure(args.site.resolve(), None, locales, args.words)
        return 0
    with tempfile.TemporaryDirectory(prefix="bench-search-") as scratch:
        root = (args.keep or Path(scratch)).resolve()
        root.mkdir(parents=True, exist_ok=True)
        generate(root, args.size)
        started = time.perf_counter()
        build_site(root / "mkdocs.yml", site_dir=root / "site", jobs=2)
        built = time.perf_counter() - started
        print(f"N = {args.size:,} articles per locale, built in {built:.0f} s")
        measure(root / "site", root, locales, args.words)
    return 0


if __name__ == "__main__":
    sys.exit(main())
