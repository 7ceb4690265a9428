"""Benchmark the site build: Polyhelp (four locales) against four bare mkdocs-material sites.

For each size N, a synthetic help center is generated from the real pages of docs/<locale>/:
N articles per locale (article i is shaped like real page i % 17, with a quarter of its words
swapped for other words of its locale and its numbers redrawn, seeded per article; its links
point to other generated articles), in topic folders (25 at least, of about 25 articles once N
allows) with an index.md topic page each, grouped in nav under mkdocs.yml's five sections, and
a home page. Every build runs in a fresh subprocess; what is measured is printed with the
results (NOTES below).

With --quick (the smoke test, tests/test_bench_build.py) every step is the same, but the
baseline is one mkdocs build instead of four: its ratios are then not figures to compare.
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
from dataclasses import dataclass, field
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from polyhelp.content.frontmatter import split  # noqa: E402
from polyhelp.site.build import build_site  # noqa: E402
from polyhelp.translation.segment import segment  # noqa: E402

LOCALES = ("en", "fr", "de", "es")
SEED = 20240611
MIB = 1024 * 1024
TOPIC_TEXT = {  # topic page title, its description, the heading of its list; the home's heading
    "en": ("Topic", "Every article about topic {n}.", "Articles in this topic", "All topics"),
    "fr": ("Rubrique", "Les articles de la rubrique {n}.", "Articles", "Toutes les rubriques"),
    "de": ("Thema", "Alle Artikel zum Thema {n}.", "Artikel zu diesem Thema", "Alle Themen"),
    "es": ("Tema", "Los artículos del tema {n}.", "Artículos de este tema", "Todos los temas"),
}
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
        digits = [str(rng.randint(0, 9)) for _ in match.group()]
        if len(digits) > 1:
            digits[0] = str(rng.randint(1, 9))
        return "".join(digits)

    parts = PROTECTED.split(text)  # free text at even positions, protected text at odd ones
    for i in range(0, len(parts), 2):
        parts[i] = DIGITS.sub(number, WORD.sub(word, parts[i]))
    return "".join(parts)


@dataclass
class Plan:
    """Where each article lives: article i has the shape of real page names[i % len(names)]."""

    n: int
    topics: int
    names: list[str]  # the real pages used as shapes ('orders-delivery/shipping.md')

    def path(self, i: int) -> str:
        stem = posixpath.basename(self.names[i % len(self.names)])[:-3]
        return f"{self.folder(i * self.topics // self.n)}/{stem}-{i + 1:04d}.md"

    def folder(self, topic: int) -> str:
        return f"topic-{topic + 1:02d}"

    def articles(self, topic: int) -> list[int]:
        return [i for i in range(self.n) if i * self.topics // self.n == topic]

    def relink(self, body: str, template: str, own: str, i: int) -> str:
        """Links to real page X become links to the article shaped like X nearest to i."""

        def target(match: re.Match[str]) -> str:
            name = posixpath.normpath(posixpath.join(posixpath.dirname(template), match[1]))
            path = "index.md"  # the home page, or a page that is not an article shape
            if name in self.names:
                k, size = self.names.index(name), len(self.names)
                j = i - i % size + k
                path = self.path(j if j < self.n else k if k < self.n else i)
            return f"]({posixpath.relpath(path, posixpath.dirname(own) or '.')})"

        return LINK.sub(target, body)


def write_page(docs: Path, path: str, meta: dict, body: str) -> str:
    text = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, width=1000)
    text = f"---\n{text}---\n\n{body.lstrip()}"
    (docs / path).parent.mkdir(parents=True, exist_ok=True)
    (docs / path).write_text(text, encoding="utf-8")
    return text


ARTICLES_PER_TOPIC = 25
TOPIC_GROUPS = (
    "Orders and delivery",
    "Returns and refunds",
    "Payment and account",
    "Privacy and policies",
    "Contact and complaints",
)


def generate(root: Path, n: int, per_topic: int = ARTICLES_PER_TOPIC) -> tuple[Path, str, Plan]:
    """Write the help center of n articles per locale under root, in topics of about
    `per_topic` articles; returns mkdocs.yml, nav, plan."""
    for folder in ("hooks", "overrides"):
        shutil.copytree(REPO / folder, root / folder)
    (root / "data").mkdir(parents=True)
    for data in (REPO / "data").glob("*.yml"):
        shutil.copy2(data, root / "data" / data.name)
    templates = {
        locale: {
            p.relative_to(REPO / "docs" / locale).as_posix(): split(p.read_text("utf-8"), p)
            for p in sorted((REPO / "docs" / locale).rglob("*.md"))
            # Articles only: market pages need the market data (scripts/bench_markets.py).
            if not p.relative_to(REPO / "docs" / locale).as_posix().startswith("markets/")
        }
        for locale in LOCALES
    }
    # Topics of about 25 articles, as a help center grows (at least 25 once it can fill them);
    # or of about `per_topic` (80: fewer, larger topics, each page's navigation longer).
    if per_topic == ARTICLES_PER_TOPIC:
        topics = max(min(25, max(1, n // 10)), n // ARTICLES_PER_TOPIC)
    else:
        topics = max(1, n // per_topic)
    plan = Plan(n, topics, sorted(set(templates["en"]) - {"index.md"}))
    hashes: dict[str, str] = {}  # path -> its English page's source hash
    titles: dict[tuple[str, int], str] = {}
    for locale in LOCALES:
        docs = root / "docs" / locale
        vocabulary = sorted({w for p in templates[locale].values() for w in WORD.findall(p.body)})

        def write(path: str, meta: dict, body: str, locale: str = locale, docs: Path = docs):
            meta = {key: value for key, value in meta.items() if key != "translation"}
            if locale != "en":
                block = dict.fromkeys(("source_hash", "reviewed_source_hash"), hashes[path])
                meta["translation"] = block | {"status": "reviewed", "engine": "human"}
            text = write_page(docs, path, meta, body)
            if locale == "en":
                hashes[path] = segment(text).source_hash()

        for i in range(n):
            name = plan.names[i % len(plan.names)]
            if name not in templates[locale]:
                continue  # untranslated shape: the site shows the English article
            page, path = templates[locale][name], plan.path(i)
            rng = random.Random(f"{SEED}:{locale}:{i}")
            meta = dict(page.meta, title=vary(page.meta["title"], rng, vocabulary))
            description = vary(page.meta["description"], rng, vocabulary)
            if len(description) <= 200:  # polyhelp's limit
                meta["description"] = description
            titles[locale, i] = meta["title"]
            write(path, meta, vary(plan.relink(page.body, name, path, i), rng, vocabulary))
        word, description, heading, all_topics = TOPIC_TEXT[locale]
        topic_links = []
        for topic in range(plan.topics):
            meta = {"title": f"{word} {topic + 1:02d}", "type": "guide"}
            meta["description"] = description.format(n=topic + 1)
            links = [
                f"- [{titles.get((locale, i), titles['en', i])}]({plan.path(i).split('/')[1]})"
                for i in plan.articles(topic)
            ]
            body = f"{meta['description']}\n\n## {heading}\n\n" + "\n".join(links) + "\n"
            write(f"{plan.folder(topic)}/index.md", meta, body)
            topic_links.append(f"- [{meta['title']}]({plan.folder(topic)}/index.md)")
        home = templates[locale]["index.md"]
        body = plan.relink(home.body, "index.md", "index.md", 0).rstrip()
        write("index.md", home.meta, f"{body}\n\n## {all_topics}\n\n" + "\n".join(topic_links))
    # As the real site: a few top-level topic groups (mkdocs.yml's sections, whose names
    # nav_translations translates), topics inside them. With navigation.sections the groups
    # are always shown and each topic is a collapsible section: navigation.prune leaves out
    # every topic's articles but the current one's.
    nav = ["nav:", "  - index.md"]
    for number, group in enumerate(TOPIC_GROUPS):
        topics = [t for t in range(plan.topics) if t % len(TOPIC_GROUPS) == number]
        if not topics:
            continue
        nav.append(f"  - {group}:")
        for topic in topics:
            nav += [f"      - Topic {topic + 1:02d}:", f"          - {plan.folder(topic)}/index.md"]
            nav += [f"          - {plan.path(i)}" for i in plan.articles(topic)]
    nav_text = "\n".join(nav) + "\n"
    config = root / "mkdocs.yml"
    original = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    config.write_text(re.sub(r"^nav:\n(?:[ \t].*\n?)*", nav_text, original, flags=re.M))
    return config, nav_text, plan


# --- measuring a build ------------------------------------------------------------------------


def tree_rss(pid: int) -> int:
    """The RSS of a process and all its descendants, summed, from /proc."""
    total, stack, page = 0, [pid], os.sysconf("SC_PAGE_SIZE")
    while stack:
        current = stack.pop()
        try:
            total += int(Path(f"/proc/{current}/statm").read_text().split()[1]) * page
            for task in os.listdir(f"/proc/{current}/task"):
                stack += map(int, Path(f"/proc/{current}/task/{task}/children").read_text().split())
        except (OSError, ValueError, IndexError):
            continue  # it ended meanwhile
    return total


@dataclass
class Measured:
    label: str
    wall: float
    max_rss: int
    tree_rss: int
    report: dict = field(default_factory=dict)  # what the Polyhelp child printed


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
        _, status, usage = os.wait4(process.pid, 0)  # ru_maxrss of the child (and its children)
        wall = time.perf_counter() - started
        done.set()
        sampler.join()
        process.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        output = out.read()
    if process.returncode != 0:
        raise SystemExit(f"{label} failed (exit {process.returncode}):\n{output[-4000:]}")
    lines = output.strip().splitlines()
    report = json.loads(lines[-1]) if lines and lines[-1].startswith("{") else {}
    return Measured(label, wall, usage.ru_maxrss * 1024, peak[0], report)


# The measured build: this checkout's build_site, imported from where this script imports it
# (so a move of it fails above, where ruff and the smoke test see it). A string for `python -c`,
# not this script run again: a script is compiled from source at every start, and that adds
# about 1.6 MiB to the peak RSS of the build it measures.
CHILD = f"""import json, sys
sys.path.insert(0, {str(REPO)!r})
from pathlib import Path
from {build_site.__module__} import build_site
result = build_site(Path(sys.argv[1]), site_dir=Path(sys.argv[2]), **json.loads(sys.argv[3]))
print(json.dumps({{"seconds": result.seconds, "pages": result.pages}}))
"""


def polyhelp_build(label: str, config: Path, site: Path, **kwargs) -> Measured:
    command = [sys.executable, "-c", CHILD, str(config), str(site), json.dumps(kwargs)]
    return measure(label, command, config.parent)


def baseline_yml(docs: Path, site: Path, pruned: bool = False) -> str:
    """A bare mkdocs-material site of `docs`, with the Markdown extensions of mkdocs.yml;
    `pruned`: with Material's navigation.prune, as mkdocs.yml has it (each page carries only
    the navigation it shows)."""
    real = yaml.safe_load((REPO / "mkdocs.yml").read_text(encoding="utf-8"))
    config = {"site_name": real["site_name"], "docs_dir": str(docs), "site_dir": str(site)}
    theme = {"name": "material"} | ({"features": ["navigation.prune"]} if pruned else {})
    config |= {"theme": theme, "markdown_extensions": real["markdown_extensions"]}
    return yaml.safe_dump(config, allow_unicode=True, sort_keys=False, width=1000)


def baseline_build(
    root: Path, nav: str, copies: int = len(LOCALES), pruned: bool = False
) -> Measured:
    """The English articles as `copies` bare mkdocs-material sites: wall summed, peak = max."""
    runs = []
    for copy in range(1, copies + 1):
        folder = root / f"baseline-{copy}"
        folder.mkdir()
        text = baseline_yml(root / "docs" / "en", folder / "site", pruned)
        (folder / "mkdocs.yml").write_text(text + nav, encoding="utf-8")
        command = [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(folder / "mkdocs.yml")]
        runs.append(measure(f"baseline mkdocs build {copy}", command, folder))
        shutil.rmtree(folder)
    wall, rss = sum(r.wall for r in runs), max(r.max_rss for r in runs)
    label = f"{'pruned ' if pruned else ''}baseline {copies} x mkdocs"
    return Measured(label, wall, rss, max(r.tree_rss for r in runs))


# --- the built site ---------------------------------------------------------------------------


def table(header: list[str], rows: list[list[str]]) -> str:
    widths = [max(map(len, column)) for column in zip(header, *rows, strict=True)]

    def line(row: list[str]) -> str:
        return "  ".join([row[0].ljust(widths[0]), *map(str.rjust, row[1:], widths[1:])])

    return "\n".join([line(header), line(["-" * w for w in widths]), *map(line, rows)])


def site_report(site: Path, plan: Plan) -> str:
    files = [p.stat().st_size for p in site.rglob("*") if p.is_file()]
    prefixes = {locale: "" if locale == "en" else f"{locale}/" for locale in LOCALES}
    articles = [
        html.stat().st_size
        for prefix in prefixes.values()
        for i in range(plan.n)
        if (html := site / f"{prefix}{plan.path(i)[:-3]}/index.html").is_file()
    ]
    # Each locale's prebuilt lunr index (what its worker fetches when a customer types).
    indexes = {
        locale: (site / prefix / "search" / "lunr_index.json").read_bytes()
        for locale, prefix in prefixes.items()
    }
    entries = {locale: len(json.loads(data)["docs"]) for locale, data in indexes.items()}
    indexes["combined"], entries["combined"] = b"".join(indexes.values()), sum(entries.values())
    rows, sizes = [], []
    for name, data in indexes.items():
        sizes.append(len(data))
        rows.append([name, f"{entries[name]:,}", f"{len(data) / 1e3:,.0f}"])
        rows[-1].append(f"{len(gzip.compress(data, 6)) / 1e3:,.0f}")
    for row, size in zip(rows, sizes, strict=True):
        row.append(f"{size / sizes[-1]:.2f}")
    return (
        f"site: {sum(files) / 1e6:,.1f} MB in {len(files):,} files; article pages "
        f"({len(articles):,} in {len(LOCALES)} locales): median "
        f"{statistics.median(articles) / 1e3:.1f} KB, largest {max(articles) / 1e3:.1f} KB\n"
        + table(["search index", "entries", "raw KB", "gzip KB", "/ combined"], rows)
    )


# --- search in the browser --------------------------------------------------------------------

# Material talks to its search worker in messages: 0 SETUP (the index), 1 READY, 2 QUERY,
# 3 RESULT. The spy timestamps them; "shown" is after the RESULT's listeners (Material renders
# the first results there) have run.
WORKER_SPY = """(() => {
  const b = window.__bench = {ready: null, setup: null, queries: 0, done: 0, shown: [], key: 0};
  document.addEventListener("keydown", () => { b.key = performance.now(); }, true);
  window.Worker = class extends window.Worker {
    constructor(...args) {
      super(...args);
      this.addEventListener("message", ({data}) => {
        if (data.type === 1 && b.ready === null) b.ready = performance.now();
        if (data.type === 3) setTimeout(() => { b.shown.push(performance.now()); b.done++; });
      });
    }
    postMessage(message, ...rest) {
      if (message.type === 0) b.setup = performance.now();
      if (message.type === 2) b.queries++;
      return super.postMessage(message, ...rest);
    }
  };
})();"""
LOAD_TIMES = """() => {
  const b = window.__bench, entry = performance.getEntriesByType("resource")
    .find(e => e.name.endsWith("/de/search/search_index.json"));
  return {ready: b.ready, fetched: entry.responseEnd, worker: b.ready - b.setup};
}"""


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002
        pass


def browser_search(site: Path, queries: list[str]) -> dict:
    """Search readiness on the German home page (3 fresh loads) and query latency, in ms."""
    from playwright.sync_api import sync_playwright

    handler = functools.partial(QuietHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}/de/"
    idle = "window.__bench.done === window.__bench.queries"
    loads, times = [], []
    try:
        with sync_playwright() as playwright:
            chromium = shutil.which("chromium")
            browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
            for _ in range(3):
                page = browser.new_context().new_page()
                page.set_default_timeout(300_000)
                page.add_init_script(WORKER_SPY)
                page.goto(url, wait_until="domcontentloaded")
                page.wait_for_function("window.__bench.ready !== null")
                loads.append(page.evaluate(LOAD_TIMES))
            box = page.locator("input.md-search__input")
            box.click()
            for query in queries:
                box.press_sequentially(query[:-1])
                page.wait_for_function(idle)  # every result of the prefix is shown
                before = page.evaluate("window.__bench.done")
                box.press(query[-1])
                page.wait_for_function(f"window.__bench.done > {before}")
                times.append(page.evaluate(f"window.__bench.shown[{before}] - window.__bench.key"))
                box.press("Control+a")
                box.press("Backspace")  # an empty query: the next one is always new
                page.wait_for_function(idle)
            browser.close()
    finally:
        server.shutdown()
        server.server_close()
    p95 = statistics.quantiles(times, n=20, method="inclusive")[18] if len(times) > 1 else times[0]
    middle = sorted(loads, key=lambda load: load["ready"])[1]
    return {**middle, "p50": statistics.median(times), "p95": p95, "count": len(times)}


def german_queries(root: Path, count: int) -> list[str]:
    words = set()
    for path in sorted((root / "docs" / "de").rglob("*-[0-9][0-9][0-9][0-9].md")):
        body = split(path.read_text(encoding="utf-8"), path).body
        words |= {w.lower() for w in WORD.findall(PROTECTED.sub(" ", body)) if len(w) >= 6}
    # Material searches on keyup, and Playwright types a character missing from the US
    # keyboard without key events: the last character, the timed one, must be on it.
    candidates = sorted(w for w in words if w[-1].isascii())
    return random.Random(SEED).sample(candidates, min(count, len(candidates)))


# --- main -------------------------------------------------------------------------------------

INTRO = """Polyhelp build benchmark: {}
Translated articles carry a reviewed translation: block (no notices); es lacks the
complaints-shaped articles (as docs/es/ does): shown in English with the fallback notice."""
NO_JOBS = "build_site has no 'jobs' argument here: Polyhelp is timed sequentially only."
EXPONENT = "growth exponent of {} wall time, N={:,} -> {:,}: {} = {:.2f}"
FORMULA = "log(t_large/t_small)/log(N_large/N_small)"
BROWSER = (
    "browser search, N={n:,}, German home page /de/ in Chromium:\n"
    "  search ready {ready:.0f} ms after navigation start (median of 3 fresh loads: "
    "search_index.json fetched at {fetched:.0f} ms, then built by the worker in {worker:.0f} ms)\n"
    "  {count} queries, keydown of the last character to results shown: "
    "p50 {p50:.1f} ms, p95 {p95:.1f} ms"
)
NOTES = """wall s: the build subprocess, start to exit; build_site s: its BuildResult.seconds.
peak RSS: ru_maxrss (os.wait4) of the build process or its largest waited-for descendant;
tree RSS: RSS summed over the process tree, sampled every 20 ms. x: Polyhelp / baseline;
baseline: bare mkdocs-material builds of the English articles, one per locale (one in all with
--quick), wall summed, peak = max; pruned baseline: the same with Material's navigation.prune
(as mkdocs.yml), and time x pruned: Polyhelp / pruned baseline.
Sizes: MB/KB = 10^6/10^3 bytes; gzip at level 6; / combined: raw size over the combined index
(the four locales' lunr_index.json together)."""


def growth_exponents(results: list[dict], jobs: bool) -> list[str]:
    """How the wall times grow from the smallest size to the largest, one line per build."""
    if len(results) < 2:
        return ["growth exponent: n/a (one size only)"]
    first, last = results[0], results[-1]
    lines = []
    for key in ("polyhelp", "baseline", "pruned"):
        if first.get(key):
            exponent = math.log(last[key] / first[key]) / math.log(last["n"] / first["n"])
            label = f"Polyhelp ({'jobs=2' if jobs else 'sequential'})" if key == "polyhelp" else key
            label = "pruned baseline" if key == "pruned" else label
            lines.append(EXPONENT.format(label, first["n"], last["n"], FORMULA, exponent))
    return lines


def bench_size(
    base: Path, n: int, per_topic: int, args, jobs: bool, browser: bool
) -> tuple[dict, dict | None]:
    root = base / f"n{n}-t{per_topic}"
    root.mkdir(parents=True)
    config, nav, plan = generate(root, n, per_topic)
    builds = []
    if jobs:
        builds.append(polyhelp_build("polyhelp jobs=2", config, root / "site", jobs=2))
    if args.also_sequential or not jobs:
        label, site = ("polyhelp jobs=1", root / "site-1") if jobs else ("polyhelp", root / "site")
        builds.append(polyhelp_build(label, config, site, **({"jobs": 1} if jobs else {})))
        shutil.rmtree(root / "site-1", ignore_errors=True)
    copies = 1 if args.quick else len(LOCALES)
    unpruned = not (args.skip_baseline or args.pruned_only)
    baseline = baseline_build(root, nav, copies) if unpruned else None
    pruned = None if args.skip_baseline else baseline_build(root, nav, copies, pruned=True)
    pages = ", ".join(f"{k} {v:,}" for k, v in builds[0].report["pages"].items())
    kept = f"; kept in {root}" if args.keep else ""
    print(
        f"\nN = {n:,} articles per locale, {plan.topics} topics (about {per_topic} articles "
        f"each); HTML pages: {pages}{kept}"
    )
    rows = []
    for run in builds + [b for b in (baseline, pruned) if b]:
        inner = f"{run.report['seconds']:.2f}" if run.report else "-"
        row = [run.label, f"{run.wall:.2f}", inner, f"{run.max_rss / MIB:.0f}"]
        rows.append(row + [f"{run.tree_rss / MIB:.0f}", "-", "-", "-"])
        if baseline:
            rows[-1][-3:-1] = [
                f"{run.wall / baseline.wall:.2f}",
                f"{run.max_rss / baseline.max_rss:.2f}",
            ]
        if pruned:
            rows[-1][-1] = f"{run.wall / pruned.wall:.2f}"
    header = ["build", "wall s", "build_site s", "peak RSS MiB", "tree RSS MiB", "time x", "RSS x"]
    header.append("time x pruned")
    print(table(header, rows))
    print(site_report(root / "site", plan), flush=True)
    search = None
    if browser:
        search = browser_search(root / "site", german_queries(root, args.search_queries))
    if not args.keep:
        shutil.rmtree(root)
    result = {"n": n, "polyhelp": builds[0].wall, "baseline": baseline and baseline.wall}
    return result | {"pruned": pruned and pruned.wall}, search


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Benchmark the Polyhelp build on synthetic help centers of N articles in "
        "four locales (made from docs/<locale>/) against four bare mkdocs-material builds of "
        "the same English articles; then time Material's search in Chromium."
    )
    add = parser.add_argument
    add("--sizes", default="250,1000,2500", help="articles per locale (default 250,1000,2500)")
    add("--keep", type=Path, metavar="DIR", help="keep the generated help centers in DIR")
    add("--skip-baseline", action="store_true", help="do not build the mkdocs-material baseline")
    add(
        "--pruned-only",
        action="store_true",
        help="only the pruned baseline (the unpruned one grows as N squared: 18 min at 2,500)",
    )
    add("--also-sequential", action="store_true", help="also time build_site(jobs=1)")
    add("--search-queries", type=int, default=50, metavar="N", help="queries timed (default 50)")
    add("--no-browser", action="store_true", help="do not time the search in Chromium")
    add("--quick", action="store_true", help="a smoke run: a baseline of 1 build, not 4")
    add(
        "--topic-articles",
        default=str(ARTICLES_PER_TOPIC),
        metavar="N[,N]",
        help=f"articles per topic, e.g. 25,80 to run both (default {ARTICLES_PER_TOPIC})",
    )
    args = parser.parse_args(argv)
    try:
        topic_sizes = [int(size) for size in args.topic_articles.split(",") if size.strip()]
    except ValueError:
        parser.error(f"--topic-articles {args.topic_articles}: expected numbers such as 25,80")
    if not topic_sizes or min(topic_sizes) < 1:
        parser.error("need --topic-articles >= 1")
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
        parser.error("chromium is not installed (sh scripts/setup.sh --test); or --no-browser")
    jobs = "jobs" in inspect.signature(build_site).parameters
    print(INTRO.format("build_site(jobs=2) is the main figure." if jobs else NO_JOBS))
    results: dict[int, list[dict]] = {per_topic: [] for per_topic in topic_sizes}
    search = None
    with tempfile.TemporaryDirectory(prefix="bench-build-") as scratch:
        base = args.keep.resolve() if args.keep else Path(scratch)
        for per_topic in topic_sizes:
            for n in sizes:
                last = browser and n == sizes[-1] and per_topic == topic_sizes[0]
                result, measured = bench_size(base, n, per_topic, args, jobs, last)
                search = measured or search
                results[per_topic].append(result)
    for per_topic, measured in results.items():
        print(f"\ntopics of about {per_topic} articles:")
        print("\n".join(growth_exponents(measured, jobs)))
    if search:
        print(BROWSER.format(n=results[-1]["n"], **search))
    print(NOTES)
    return 0


if __name__ == "__main__":
    sys.exit(main())
