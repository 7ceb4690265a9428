"""Benchmark the site build: Polyhelp (four locales) against four bare mkdocs-material sites.

For each size N a synthetic help center is generated from the shapes of the real pages in
docs/<locale>/: N articles per locale (article i has the shape of real page i % 17, its words
and numbers varied by a seeded random generator, its links pointing to other generated
articles), in about 25 topic folders, each with an index.md topic page, plus a home page.
Translated articles carry a reviewed `translation:` block computed from their English article,
so the build shows them without notices; es has no article shaped like support/complaints.md
(as in docs/es/), so the es site shows those articles in English (the fallback).

Every build runs in a fresh subprocess. wall s: that subprocess from start to exit
(interpreter, imports and writing the site included). peak RSS: ru_maxrss from os.wait4(),
i.e. the largest resident set of the build process or of any descendant it waited for (build
workers included); tree RSS: the sum of the RSS of the process and its descendants, sampled
every 20 ms (pages shared after fork are counted in each process).
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import inspect
import json
import math
import os
import posixpath
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from polyhelp.build import build_site  # noqa: E402
from polyhelp.frontmatter import split  # noqa: E402
from polyhelp.segment import segment  # noqa: E402

LOCALES = ("en", "fr", "de", "es")
SEED = 20240611
MIB = 1024 * 1024
TOPIC_TEXT = {  # topic page title word, its description, the heading of its article list
    "en": ("Topic", "Every article about topic {n}.", "Articles in this topic"),
    "fr": ("Rubrique", "Tous les articles de la rubrique {n}.", "Articles de cette rubrique"),
    "de": ("Thema", "Alle Artikel zum Thema {n}.", "Artikel zu diesem Thema"),
    "es": ("Tema", "Todos los artículos del tema {n}.", "Artículos de este tema"),
}
ALL_TOPICS = {"en": "All topics", "fr": "Toutes les rubriques", "de": "Alle Themen", "es": "Todos"}
# Left as written: placeholders, attribute lists, code, HTML, link targets, URLs, e-mail
# addresses, list markers (their numbers) and admonition types.
PROTECTED = re.compile(
    r"(\{\{.*?\}\}|\{[:#.][^}\n]*\}|`[^`\n]*`|<[^>\n]*>|\]\([^)\n]*\)|https?://[^\s)]+"
    r"|[\w.+-]+@[\w-]+\.[\w.]+|^[ \t]*(?:[-*+]|\d+[.)])[ \t]|^(?:!!!|\?\?\?)\+?[ \t]+\w+)",
    re.M,
)
WORD = re.compile(r"(?<![\w'’-])[^\W\d_]{5,}(?![\w'’-])")
DIGITS = re.compile(r"\d+")
LINK = re.compile(r"\]\(([^)\s:#]+\.md)\)")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]
CHROMIUM_ARGS += ["--disable-component-update", "--disable-sync", "--no-first-run"]


# --- the synthetic help center ----------------------------------------------------------------


def vary(text: str, rng: random.Random, vocabulary: list[str]) -> str:
    """`text` with a quarter of its words swapped for the locale's words, its numbers redrawn."""

    def word(match: re.Match[str]) -> str:
        if rng.random() >= 0.25:
            return match.group()
        new = rng.choice(vocabulary)
        return new.capitalize() if match.group()[0].isupper() else new

    def number(match: re.Match[str]) -> str:
        digits = match.group()
        first = rng.randint(1, 9) if len(digits) > 1 else rng.randint(0, 9)
        return str(first) + "".join(str(rng.randint(0, 9)) for _ in digits[1:])

    parts = PROTECTED.split(text)  # free text at even positions, protected at odd ones
    for i in range(0, len(parts), 2):
        parts[i] = DIGITS.sub(number, WORD.sub(word, parts[i]))
    return "".join(parts)


@dataclass
class Plan:
    """Which article lives where: article i has the shape of template i % len(names)."""

    n: int
    topics: int
    names: list[str]  # the real pages used as article shapes ('orders-delivery/shipping.md')

    def path(self, i: int) -> str:
        stem = posixpath.splitext(posixpath.basename(self.names[i % len(self.names)]))[0]
        return f"{self.topic_dir(i * self.topics // self.n)}/{stem}-{i + 1:04d}.md"

    def topic_dir(self, topic: int) -> str:
        return f"topic-{topic + 1:02d}"

    def articles(self, topic: int) -> list[int]:
        return [i for i in range(self.n) if i * self.topics // self.n == topic]

    def target(self, i: int, name: str) -> str:
        """The generated page a link of article i to real page `name` points to."""
        if name not in self.names:
            return "index.md"  # the home page
        k, size = self.names.index(name), len(self.names)
        j = i - i % size + k  # the article of that shape in i's own run of templates
        return self.path(j if j < self.n else k if k < self.n else i)


def rewrite_links(body: str, template: str, own_path: str, plan: Plan, i: int) -> str:
    def relink(match: re.Match[str]) -> str:
        name = posixpath.normpath(posixpath.join(posixpath.dirname(template), match.group(1)))
        target = plan.target(i, name)
        return f"]({posixpath.relpath(target, posixpath.dirname(own_path) or '.')})"

    return LINK.sub(relink, body)


def page_text(meta: dict, body: str) -> str:
    front = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, width=1000)
    return f"---\n{front}---\n\n{body.lstrip(chr(10))}"


def reviewed_block(english_text: str) -> dict:
    source_hash = segment(english_text).source_hash()
    return {"source_hash": source_hash, "status": "reviewed", "engine": "human",
            "reviewed_by": "bench_build.py", "reviewed_source_hash": source_hash}  # fmt: skip


def generate(root: Path, n: int) -> tuple[Path, str, Plan]:
    """Write the help center of n articles per locale under root; returns mkdocs.yml, nav."""
    for folder in ("hooks", "overrides"):
        shutil.copytree(REPO / folder, root / folder)
    (root / "data").mkdir(parents=True)
    for data in (REPO / "data").glob("*.yml"):
        shutil.copy2(data, root / "data" / data.name)
    templates = {}
    for locale in LOCALES:
        folder = REPO / "docs" / locale
        pages = sorted(folder.rglob("*.md"))
        templates[locale] = {
            p.relative_to(folder).as_posix(): split(p.read_text(), p) for p in pages
        }
    plan = Plan(n, min(25, max(1, n // 10)), sorted(set(templates["en"]) - {"index.md"}))
    english: dict[str, str] = {}  # generated path -> English text (for the reviewed blocks)
    titles: dict[tuple[str, int], str] = {}
    for locale in LOCALES:
        vocabulary = sorted(
            {w for page in templates[locale].values() for w in WORD.findall(page.body)}
        )
        docs = root / "docs" / locale

        def write(path: str, meta: dict, body: str, locale=locale, docs=docs) -> None:
            meta = {key: value for key, value in meta.items() if key != "translation"}
            if locale != "en":
                meta["translation"] = reviewed_block(english[path])
            text = page_text(meta, body)
            if locale == "en":
                english[path] = text
            (docs / path).parent.mkdir(parents=True, exist_ok=True)
            (docs / path).write_text(text, encoding="utf-8")

        for i in range(n):
            name = plan.names[i % len(plan.names)]
            if name not in templates[locale]:
                continue  # no translation of this shape: the site shows the English article
            page, rng, path = (
                templates[locale][name],
                random.Random(f"{SEED}:{locale}:{i}"),
                plan.path(i),
            )
            meta = dict(page.meta, title=vary(page.meta["title"], rng, vocabulary))
            description = vary(page.meta["description"], rng, vocabulary)
            meta["description"] = (
                description if len(description) <= 200 else page.meta["description"]
            )
            titles[locale, i] = meta["title"]
            write(path, meta, vary(rewrite_links(page.body, name, path, plan, i), rng, vocabulary))
        word, description, heading = TOPIC_TEXT[locale]
        home_list = []
        for topic in range(plan.topics):
            title = f"{word} {topic + 1:02d}"
            links = [f"- [{titles.get((locale, i)) or titles['en', i]}]({posixpath.basename(plan.path(i))})"
                     for i in plan.articles(topic)]  # fmt: skip
            meta = {"title": title, "description": description.format(n=topic + 1), "type": "guide"}
            body = f"{meta['description']}\n\n## {heading}\n\n" + "\n".join(links) + "\n"
            write(f"{plan.topic_dir(topic)}/index.md", meta, body)
            home_list.append(f"- [{title}]({plan.topic_dir(topic)}/index.md)")
        home = templates[locale]["index.md"]
        body = rewrite_links(home.body, "index.md", "index.md", plan, 0).rstrip()
        write(
            "index.md",
            home.meta,
            f"{body}\n\n## {ALL_TOPICS[locale]}\n\n" + "\n".join(home_list) + "\n",
        )
    nav = ["nav:", "  - index.md"]
    for topic in range(plan.topics):
        nav += [f"  - Topic {topic + 1:02d}:", f"      - {plan.topic_dir(topic)}/index.md"]
        nav += [f"      - {plan.path(i)}" for i in plan.articles(topic)]
    nav_text = "\n".join(nav) + "\n"
    original = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    config = root / "mkdocs.yml"
    config.write_text(re.sub(r"^nav:\n(?:[ \t].*\n?)*", nav_text, original, flags=re.M))
    return config, nav_text, plan


# --- measuring a build ------------------------------------------------------------------------


def tree_rss(pid: int) -> int:
    """The summed RSS of a process and all its descendants, from /proc."""
    total, stack = 0, [pid]
    while stack:
        current = stack.pop()
        try:
            total += int(Path(f"/proc/{current}/statm").read_text().split()[1]) * os.sysconf(
                "SC_PAGE_SIZE"
            )
            for task in os.listdir(f"/proc/{current}/task"):
                stack += map(int, Path(f"/proc/{current}/task/{task}/children").read_text().split())
        except (OSError, ValueError, IndexError):
            continue  # the process ended meanwhile
    return total


@dataclass
class Measured:
    label: str
    wall: float
    max_rss: int
    tree_rss: int
    output: str
    inner: float | None = None  # build_site's own BuildResult.seconds


def measure(label: str, command: list[str], cwd: Path) -> Measured:
    peak, done = [0], threading.Event()

    def sample(pid: int) -> None:
        while not done.wait(0.02):
            peak[0] = max(peak[0], tree_rss(pid))

    with tempfile.TemporaryFile("w+", encoding="utf-8") as out:
        started = time.perf_counter()
        process = subprocess.Popen(command, cwd=cwd, stdout=out, stderr=subprocess.STDOUT)
        sampler = threading.Thread(target=sample, args=(process.pid,), daemon=True)
        sampler.start()
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - started
        done.set()
        sampler.join()
        process.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        output = out.read()
    if process.returncode != 0:
        raise SystemExit(f"{label} failed (exit {process.returncode}):\n{output[-4000:]}")
    return Measured(label, wall, usage.ru_maxrss * 1024, peak[0], output)


CHILD = """import json, sys
from pathlib import Path
from polyhelp.build import build_site
result = build_site(Path(sys.argv[1]), site_dir=Path(sys.argv[2]), **json.loads(sys.argv[3]))
print(json.dumps({"seconds": result.seconds, "pages": result.pages}))
"""


def polyhelp_build(label: str, config: Path, site: Path, **kwargs) -> Measured:
    command = [sys.executable, "-c", CHILD, str(config), str(site), json.dumps(kwargs)]
    measured = measure(label, command, config.parent)
    measured.inner = json.loads(measured.output.strip().splitlines()[-1])["seconds"]
    return measured


BASELINE_YML = """site_name: Help Center
docs_dir: {docs}
site_dir: {site}
theme:
  name: material
markdown_extensions:
  - admonition
  - attr_list
  - md_in_html
  - tables
  - toc:
      permalink: true
"""


def baseline_build(root: Path, nav: str) -> Measured:
    """The English articles as four bare mkdocs-material sites: times summed, peak = max."""
    runs = []
    for copy in range(4):
        folder = root / f"baseline-{copy + 1}"
        folder.mkdir()
        text = BASELINE_YML.format(docs=json.dumps(str(root / "docs" / "en")),
                                   site=json.dumps(str(folder / "site")))  # fmt: skip
        (folder / "mkdocs.yml").write_text(text + nav, encoding="utf-8")
        command = [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(folder / "mkdocs.yml")]
        runs.append(measure("baseline mkdocs build", command, folder))
        shutil.rmtree(folder / "site")
    return Measured("baseline 4 x mkdocs", sum(r.wall for r in runs),
                    max(r.max_rss for r in runs), max(r.tree_rss for r in runs), "")  # fmt: skip


# --- the built site ---------------------------------------------------------------------------


def table(header: list[str], rows: list[list[str]]) -> str:
    widths = [max(len(row[c]) for row in [header, *rows]) for c in range(len(header))]
    lines = ["  ".join(c.ljust(w) if k == 0 else c.rjust(w) for k, (c, w) in enumerate(zip(row, widths, strict=True)))
             for row in [header, *rows]]  # fmt: skip
    return "\n".join([lines[0], "  ".join("-" * w for w in widths), *lines[1:]])


def site_report(site: Path, plan: Plan) -> str:
    files = [p for p in site.rglob("*") if p.is_file()]
    articles = []
    for locale in LOCALES:
        prefix = "" if locale == "en" else f"{locale}/"
        for i in range(plan.n):
            html = site / f"{prefix}{plan.path(i)[:-3]}/index.html"
            if html.is_file():
                articles.append(html.stat().st_size)
    lines = [
        f"site: {sum(p.stat().st_size for p in files) / 1e6:.1f} MB in {len(files):,} files; "
        f"article pages ({len(articles):,} in {len(LOCALES)} locales): median "
        f"{statistics.median(articles) / 1e3:.1f} KB, largest {max(articles) / 1e3:.1f} KB"
    ]
    indexes = {}
    for locale in LOCALES:
        prefix = "" if locale == "en" else f"{locale}/"
        indexes[locale] = (site / prefix / "search" / "search_index.json").read_bytes()
    combined = {"config": json.loads(indexes["en"])["config"], "docs": []}
    for locale in LOCALES:
        combined["docs"] += json.loads(indexes[locale])["docs"]
    combined["config"]["lang"] = list(LOCALES)
    indexes["all 4"] = json.dumps(combined, ensure_ascii=False, separators=(",", ":")).encode()
    rows = []
    for name, raw in indexes.items():
        rows.append([name, f"{len(json.loads(raw)['docs']):,}", f"{len(raw) / 1e3:,.0f}",
                     f"{len(gzip.compress(raw, 6)) / 1e3:,.0f}",
                     f"{len(raw) / len(indexes['all 4']):.2f}"])  # fmt: skip
    header = ["search index", "entries", "raw KB", "gzip KB", "/ combined"]
    return "\n".join(lines) + "\n" + table(header, rows)


# --- search in the browser --------------------------------------------------------------------

WORKER_SPY = """(() => {
  const b = window.__bench = {ready: null, setup: null, queries: 0, done: 0, shown: [], key: 0};
  document.addEventListener("keydown", () => { b.key = performance.now(); }, true);
  const Native = window.Worker;
  window.Worker = class extends Native {
    constructor(...args) {
      super(...args);
      this.addEventListener("message", (event) => {
        const type = event.data && event.data.type;
        if (type === 1 && b.ready === null) b.ready = performance.now();  // READY
        if (type === 3) setTimeout(() => { b.shown.push(performance.now()); b.done++; }, 0);
      });
    }
    postMessage(message, ...rest) {
      if (message && message.type === 0) b.setup = performance.now();  // SETUP: the index
      if (message && message.type === 2) b.queries++;  // QUERY
      return super.postMessage(message, ...rest);
    }
  };
})();"""


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002
        pass


def browser_search(site: Path, queries: list[str]) -> dict:
    """Index readiness on the German home page (3 fresh loads) and per-query latency (ms)."""
    from playwright.sync_api import sync_playwright

    handler = functools.partial(QuietHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}/de/"
    loads, times = [], []
    idle = "window.__bench.done === window.__bench.queries"
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=shutil.which("chromium"), args=CHROMIUM_ARGS
            )
            for _ in range(3):
                context = browser.new_context()
                page = context.new_page()
                page.set_default_timeout(300_000)
                page.add_init_script(WORKER_SPY)
                page.goto(url, wait_until="domcontentloaded")
                page.wait_for_function("window.__bench.ready !== null")
                loads.append(page.evaluate("""() => {
                    const b = window.__bench, entry = performance.getEntriesByType("resource")
                        .find(e => e.name.endsWith("/de/search/search_index.json"));
                    return {ready: b.ready, fetched: entry.responseEnd, worker: b.ready - b.setup};
                }"""))  # fmt: skip
                if len(loads) < 3:
                    context.close()
            box = page.locator("input.md-search__input")
            box.click()
            for query in queries:
                box.press_sequentially(query[:-1])
                page.wait_for_function(idle)
                before = page.evaluate("window.__bench.done")
                box.press(query[-1])
                page.wait_for_function(f"window.__bench.done > {before}")
                times.append(page.evaluate(f"window.__bench.shown[{before}] - window.__bench.key"))
                box.press("Control+a")
                box.press("Backspace")
                page.wait_for_function(idle)
            browser.close()
    finally:
        server.shutdown()
        server.server_close()
    middle = sorted(loads, key=lambda load: load["ready"])[1]
    p95 = statistics.quantiles(times, n=20, method="inclusive")[18] if len(times) > 1 else times[0]
    return {**middle, "p50": statistics.median(times), "p95": p95, "count": len(times)}


def german_queries(root: Path, count: int) -> list[str]:
    words = set()
    for path in sorted((root / "docs" / "de").rglob("*-[0-9][0-9][0-9][0-9].md")):
        body = split(path.read_text(encoding="utf-8"), path).body
        words |= {w.lower() for w in WORD.findall(PROTECTED.sub(" ", body)) if len(w) >= 6}
    # Material reacts to keyup; Playwright types characters outside a US keyboard without key
    # events, so the last character, the one timed, must be on it.
    candidates = sorted(w for w in words if w[-1].isascii())
    return random.Random(SEED).sample(candidates, min(count, len(candidates)))


# --- main -------------------------------------------------------------------------------------


def bench_size(base: Path, n: int, args, jobs: bool, browser: bool) -> tuple[dict, dict | None]:
    root = base / f"n{n}"
    root.mkdir(parents=True)
    config, nav, plan = generate(root, n)
    builds = []
    if jobs:
        builds.append(polyhelp_build("polyhelp jobs=2", config, root / "site", jobs=2))
    if args.also_sequential or not jobs:
        label = "polyhelp jobs=1" if jobs else "polyhelp (sequential)"
        sequential = root / ("site-jobs1" if jobs else "site")
        builds.append(polyhelp_build(label, config, sequential, **({"jobs": 1} if jobs else {})))
        if jobs:
            shutil.rmtree(sequential)
    baseline = None if args.skip_baseline else baseline_build(root, nav)
    pages = sum(1 for _ in (root / "docs").rglob("*.md"))
    print(f"\nN = {n:,} articles per locale, {len(LOCALES)} locales, {plan.topics} topics "
          f"({pages:,} source pages{'; kept in ' + str(root) if args.keep else ''})")  # fmt: skip
    header = ["build", "wall s", "build_site s", "peak RSS MiB", "tree RSS MiB", "time x", "RSS x"]
    rows = []
    for run in builds + ([baseline] if baseline else []):
        rows.append([run.label, f"{run.wall:.2f}", "-" if run.inner is None else f"{run.inner:.2f}",
                     f"{run.max_rss / MIB:.0f}", f"{run.tree_rss / MIB:.0f}",
                     "-" if baseline is None else f"{run.wall / baseline.wall:.2f}",
                     "-" if baseline is None else f"{run.max_rss / baseline.max_rss:.2f}"])  # fmt: skip
    print(table(header, rows))
    print(site_report(root / "site", plan))
    result = {"n": n, "polyhelp": builds[0].wall, "baseline": baseline and baseline.wall}
    search = (
        browser_search(root / "site", german_queries(root, args.search_queries))
        if browser
        else None
    )
    if not args.keep:
        shutil.rmtree(root)
    return result, search


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Benchmark the Polyhelp build on synthetic help centers of N articles in "
        "four locales (generated from docs/<locale>/), against four bare mkdocs-material "
        "builds of the same English articles; then Material's search in Chromium."
    )
    parser.add_argument(
        "--sizes", default="250,1000,2500", help="articles per locale (default 250,1000,2500)"
    )
    parser.add_argument("--keep", type=Path, metavar="DIR", help="keep the generated sites in DIR")
    parser.add_argument("--skip-baseline", action="store_true", help="do not build the baseline")
    parser.add_argument(
        "--also-sequential",
        action="store_true",
        help="also build with jobs=1 (when build_site has jobs)",
    )
    parser.add_argument(
        "--search-queries", type=int, default=50, metavar="N", help="browser queries (default 50)"
    )
    parser.add_argument(
        "--no-browser", action="store_true", help="skip the search timing in Chromium"
    )
    args = parser.parse_args(argv)
    try:
        sizes = sorted({int(size) for size in args.sizes.split(",") if size.strip()})
    except ValueError:
        parser.error(f"--sizes {args.sizes}: expected numbers such as 250,1000")
    if not sizes or sizes[0] < 1 or args.search_queries < 1:
        parser.error("need sizes >= 1 and --search-queries >= 1")
    if args.keep and args.keep.exists() and any(args.keep.iterdir()):
        parser.error(f"--keep {args.keep}: not an empty folder")
    browser = not args.no_browser
    if browser and shutil.which("chromium") is None:
        parser.error("chromium is not installed (sh scripts/setup.sh --test), or pass --no-browser")
    jobs = "jobs" in inspect.signature(build_site).parameters
    print(
        "polyhelp build benchmark: "
        + (
            "build_site(jobs=2) is the main figure"
            if jobs
            else "build_site has no 'jobs' argument here: Polyhelp is measured sequentially only"
        )
    )
    print(
        "translated articles carry a reviewed translation: block (no notices); es has no "
        "complaints-shaped articles, shown in English (fallback), as in docs/es/"
    )
    with tempfile.TemporaryDirectory(prefix="bench-build-") as scratch:
        base = args.keep.resolve() if args.keep else Path(scratch)
        results = []
        for n in sizes:
            result, search = bench_size(base, n, args, jobs, browser and n == sizes[-1])
            results.append(result)
    print()
    first, last = results[0], results[-1]
    for key, label in (
        ("polyhelp", "Polyhelp (" + ("jobs=2" if jobs else "sequential") + ")"),
        ("baseline", "baseline"),
    ):
        if len(results) < 2 or not first[key]:
            continue
        exponent = math.log(last[key] / first[key]) / math.log(last["n"] / first["n"])
        print(
            f"growth exponent of {label} wall time, N={first['n']:,} -> {last['n']:,}: "
            f"log(t_large/t_small)/log(N_large/N_small) = {exponent:.2f} (1 = linear)"
        )
    if len(results) < 2:
        print("growth exponent: n/a (one size only)")
    if search:
        print(
            f"browser search (N={last['n']:,}, German home page /de/, Chromium): index ready "
            f"{search['ready']:.0f} ms after navigation start (median of 3 fresh loads; "
            f"search_index.json fetched at {search['fetched']:.0f} ms, the worker built it in "
            f"{search['worker']:.0f} ms); {search['count']} queries, keydown of the last "
            f"character to results shown: p50 {search['p50']:.1f} ms, p95 {search['p95']:.1f} ms"
        )
    print(
        "wall s: the build subprocess, start to exit; build_site s: BuildResult.seconds; peak "
        "RSS: ru_maxrss of the build process or its largest waited-for descendant (os.wait4); "
        "tree RSS: RSS summed over the process tree, sampled every 20 ms; x: Polyhelp / "
        "baseline (4 bare mkdocs-material builds of the English articles: wall times summed, "
        "peak = max); sizes in MB/KB of 10^6/10^3 bytes, gzip level 6"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
