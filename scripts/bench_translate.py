"""Benchmark `polyhelp translate`: a full run, an incremental rerun and a no-op rerun.

A synthetic help center of N English pages is generated from the shapes of the real pages in
docs/en/ (page i is template i % len(templates), with words and numbers varied per page so that
its segments are not shared with other pages), then translated three times through the official
`deepl` SDK against the local fake DeepL server (tests/fake_deepl.py):

  run 1  everything, into every locale;
  run 2  after one word was changed in one paragraph of K pages;
  run 3  with nothing changed (must send nothing).

Each run calls polyhelp.translation.command.run_translate in a fresh worker process (this script
again, with --worker), so that its peak memory is its own: the fake server, which keeps every
text it receives, lives in this parent process. The run is timed untraced; its Python peak
(tracemalloc) comes from a replay of the same run on a copy of the site, against a second fake
server, because tracing slows a run about threefold. Exits 1 if run 2 sent more than 1.05 times the
characters that changed, or if run 3 sent anything; else 0.

With --quick (the smoke test, tests/test_bench_translate.py) every step is the same, but each
traced replay runs alongside its measured run instead of before it: the wall times are then not
figures to compare.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
import tracemalloc
from dataclasses import dataclass, field
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from polyhelp.translation.glossary import load_settings  # noqa: E402
from polyhelp.translation.inline_xml import plain_text, to_xml  # noqa: E402
from polyhelp.translation.segment import Segment, reassemble, segment  # noqa: E402

MAX_RATIO = 1.05
SEED = 20240611
AUTH_KEY = "bench-key:fx"
MIB = 1024 * 1024

# Words put into the pages to make each page's text its own; page i gets
# VOCABULARY[(i + ...) % V] and VOCABULARY[(i // V + ...) % V], distinct for i < V * V.
_VOCABULARY_TEXT = """
amber basket blanket bottle bracket breeze bucket butter cabinet candle canvas carpet cedar
chair cherry clover copper cotton crystal cushion curtain dresser drawer falcon feather
flannel garden glacier granite harbour hazel heather hollow island jasmine juniper kettle
ladder lantern lattice linen maple marble meadow mirror mosaic napkin orchard oyster paddle
pebble pepper pillow pine planter pocket porcelain quilt rattan ribbon river saddle saffron
satin shelf shutter silver slate spindle spruce stool summit teapot thimble timber towel
tulip tumbler valley velvet walnut willow window winter wicker woollen yarrow zephyr
acorn alder aspen birch bramble cobalt coral dune ember fennel fern flint glade grove
"""
VOCABULARY = _VOCABULARY_TEXT.split()
# Words a writer might swap in when editing a sentence (run 2).
EDIT_WORDS = ["revised", "updated", "amended", "adjusted", "reworded", "corrected", "clarified"]

# Markdown the variation must leave exactly as it is: placeholders, attribute lists,
# footnote references, inline code, inline HTML, link targets, URLs, entities, emails.
_PROTECTED = (
    r"\{\{.*?\}\}|\{[:#.][^}\n]*\}|\[\^[^\]\s]+\]|`[^`\n]*`|<[^>\n]*>|\]\([^)\n]*\)"
    r"|\]\[[^\]\n]*\]|https?://[^\s)]+|&#?\w+;|[\w.+-]+@[\w-]+\.[\w.]+"
)
_WORD = re.compile(r"(?<![\w'’-])(?:[a-z]{4,}|[A-Z][a-z]{3,})(?![\w'’-])")
_DIGITS = re.compile(r"\d+")
_SENTENCE_END = re.compile(r"[.!?](?=\s|$)")


# --- the synthetic corpus ---------------------------------------------------------------------


def protected_pattern(terms: list[str]) -> re.Pattern[str]:
    """What variation must not touch; `terms` are the glossary's terms and protected names."""
    words = sorted({t for t in terms if t}, key=len, reverse=True)
    alternatives = [_PROTECTED] + [rf"(?<!\w){re.escape(t)}(?!\w)" for t in words]
    return re.compile("|".join(alternatives), re.IGNORECASE)


def free_ranges(text: str, protected: re.Pattern[str]) -> list[tuple[int, int]]:
    """The (start, end) ranges of `text` outside protected Markdown."""
    ranges, position = [], 0
    for match in protected.finditer(text):
        if match.start() > position:
            ranges.append((position, match.start()))
        position = max(position, match.end())
    if position < len(text):
        ranges.append((position, len(text)))
    return ranges


def eligible_words(text: str, protected: re.Pattern[str]) -> list[re.Match[str]]:
    return [
        match
        for start, end in free_ranges(text, protected)
        for match in _WORD.finditer(text, start, end)
    ]


def _like(word: str, original: str) -> str:
    return word.capitalize() if original[0].isupper() else word


def vary_text(text: str, page: int, index: int, rng: random.Random, protected) -> str:
    """`text` with its numbers redrawn and up to two words replaced, deterministically."""
    size = len(VOCABULARY)
    replacements = [
        VOCABULARY[(page + 31 * index) % size],
        VOCABULARY[(page // size + 17 * index) % size],
    ]
    words = eligible_words(text, protected)
    chosen = sorted(rng.sample(range(len(words)), min(2, len(words))))
    edits = {
        words[i].span(): _like(word, words[i].group())
        for i, word in zip(chosen, replacements, strict=False)
    }
    for start, end in free_ranges(text, protected):
        for match in _DIGITS.finditer(text, start, end):
            digits = match.group()
            first = str(rng.randint(1, 9)) if len(digits) > 1 else str(rng.randint(0, 9))
            new = first + "".join(str(rng.randint(0, 9)) for _ in digits[1:])
            edits[match.span()] = new
    out, position = [], 0
    for (start, end), new in sorted(edits.items()):
        out.append(text[position:start])
        out.append(new)
        position = end
    out.append(text[position:])
    return "".join(out)


def vary_page(template: str, page: int, protected) -> str:
    """A template page with every segment's text made specific to page number `page`."""
    rng = random.Random(SEED * 1_000_003 + page)
    document = segment(template)
    texts = [
        vary_text(seg.source, page, index, rng, protected)
        for index, seg in enumerate(document.segments)
    ]
    text = reassemble(document, texts)
    check = [seg.source for seg in segment(text).segments]
    if check != texts:
        raise RuntimeError(f"page {page}: variation changed the page's structure")
    return text


def templates() -> list[str]:
    english = REPO / "docs" / "en"
    return [path.read_text(encoding="utf-8-sig") for path in sorted(english.rglob("*.md"))]


def page_name(page: int) -> str:
    return f"topic-{page // 50:02d}/page-{page:04d}.md"


def mkdocs_yml(locales: list[str]) -> str:
    """The repository's mkdocs.yml, translating into `locales` and without its nav."""
    # Derived, not a template of its own: the corpus is translated under the real site's
    # settings, and there is no second copy of them to drift.
    config = yaml.safe_load((REPO / "mkdocs.yml").read_text(encoding="utf-8"))
    plugins = [plugin for plugin in config["plugins"] if isinstance(plugin, dict)]
    i18n = next(plugin["i18n"] for plugin in plugins if "i18n" in plugin)
    known = {language["locale"]: language for language in i18n["languages"]}
    default = next(language for language in i18n["languages"] if language.get("default"))
    i18n["languages"] = [default] + [
        known.get(locale, {"locale": locale, "name": locale, "build": True})
        for locale in locales
        if locale != default["locale"]
    ]
    del config["nav"]  # the real pages' nav; the corpus is translated, never built
    text = yaml.safe_dump(config, allow_unicode=True, sort_keys=False, width=1000)
    return f"# Generated by scripts/bench_translate.py from mkdocs.yml.\n{text}"


def make_corpus(root: Path, pages: int, locales: list[str]) -> Path:
    """Write the synthetic help center under `root`; returns its mkdocs.yml."""
    for folder in ("hooks", "overrides"):
        shutil.copytree(REPO / folder, root / folder)
    (root / "data").mkdir(parents=True)
    for name in ("glossary.yml", "translation.yml", "shop.yml"):
        shutil.copy2(REPO / "data" / name, root / "data" / name)
    # The real settings, for the locales the corpus translates into (formality for another
    # locale is an error) and without a character budget (the benchmark measures the run).
    settings = yaml.safe_load((REPO / "data" / "translation.yml").read_text(encoding="utf-8"))
    formality = settings.get("formality", {})
    settings["formality"] = {locale: formality[locale] for locale in formality if locale in locales}
    settings.get("deepl", {}).pop("max_characters", None)
    (root / "data" / "translation.yml").write_text(yaml.safe_dump(settings), encoding="utf-8")
    protected = protection(root / "data")
    shapes = templates()
    english = root / "docs" / "en"
    for page in range(pages):
        path = english / page_name(page)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(vary_page(shapes[page % len(shapes)], page, protected), encoding="utf-8")
    config = root / "mkdocs.yml"
    config.write_text(mkdocs_yml(locales), encoding="utf-8")
    return config


@dataclass
class Corpus:
    segments: int = 0
    distinct: int = 0
    plain_characters: int = 0  # of the distinct segments, as polyhelp counts them


def describe_corpus(config: Path, pages: int) -> Corpus:
    settings = load_settings(config.parent / "data")
    seen: set[str] = set()
    corpus = Corpus()
    for page in range(pages):
        document = segment((config.parent / "docs" / "en" / page_name(page)).read_text("utf-8"))
        for seg in document.segments:
            xml, _ = to_xml(seg.source, seg.kind, settings.do_not_translate, document.references)
            corpus.segments += 1
            key = " ".join(xml.split())
            if key not in seen:
                seen.add(key)
                corpus.distinct += 1
                corpus.plain_characters += len(plain_text(xml))
    return corpus


# --- run 2's edits ----------------------------------------------------------------------------


@dataclass
class Edits:
    pages: list[str] = field(default_factory=list)
    segments: int = 0  # changed segments, per locale
    plain_characters: int = 0  # their plain text (what polyhelp counts), per locale
    xml_characters: int = 0  # their XML as sent (what DeepL bills), per locale


def _is_paragraph(seg: Segment, lines: list[str]) -> bool:
    """A top-level paragraph: inline text starting at column 0 (not a heading, item or cell)."""
    line, start, _ = seg.spans[0]
    return seg.kind == "inline" and start == 0 and not lines[line].startswith(("!!!", "???"))


def edit_pages(config: Path, pages: int, count: int, protected) -> Edits:
    """Change one word of one sentence in `count` pages; return what changed."""
    rng = random.Random(SEED + 1)
    settings = load_settings(config.parent / "data")
    edits = Edits()
    for page in rng.sample(range(pages), pages):
        if len(edits.pages) == count:
            break
        path = config.parent / "docs" / "en" / page_name(page)
        document = segment(path.read_text(encoding="utf-8"))
        candidates = [
            index
            for index, seg in enumerate(document.segments)
            if _is_paragraph(seg, document.lines) and len(eligible_words(seg.source, protected)) > 5
        ]
        if not candidates:
            continue
        index = rng.choice(candidates)
        source = document.segments[index].source
        words = eligible_words(source, protected)
        # One sentence of the paragraph, then one word of that sentence.
        sentence_of = [len(_SENTENCE_END.findall(source, 0, word.start())) for word in words]
        sentence = rng.choice(sorted(set(sentence_of)))
        word = rng.choice([w for w, s in zip(words, sentence_of, strict=True) if s == sentence])
        new_word = rng.choice([w for w in EDIT_WORDS if w != word.group().lower()])
        changed = source[: word.start()] + _like(new_word, word.group()) + source[word.end() :]
        texts = [seg.source for seg in document.segments]
        texts[index] = changed
        path.write_text(reassemble(document, texts), encoding="utf-8")
        after = segment(path.read_text(encoding="utf-8"))
        before_sources = [seg.source for seg in document.segments]
        for old, seg in zip(before_sources, after.segments, strict=True):
            if seg.source != old:
                xml, _ = to_xml(seg.source, seg.kind, settings.do_not_translate, after.references)
                edits.segments += 1
                edits.plain_characters += len(plain_text(xml))
                edits.xml_characters += len(xml)
        edits.pages.append(page_name(page))
    if len(edits.pages) < count:
        raise SystemExit(f"only {len(edits.pages)} pages have a paragraph to edit, not {count}")
    return edits


# --- one run ----------------------------------------------------------------------------------


def worker(config: Path, locales: str, trace: bool) -> int:
    """Run translate once in this process and print its figures as one JSON line."""
    from polyhelp.site.mkdocs_config import load_site
    from polyhelp.translation.command import run_translate

    load_site(config)  # imports MkDocs' plugins and theme: not part of the measured run
    import deepl  # noqa: F401  (the same: imported before the timer starts)

    if trace:
        tracemalloc.start()
    started = time.perf_counter()
    lines = list(run_translate(load_site(config)[0], [], locales, False, "deepl"))
    wall = time.perf_counter() - started
    peak = tracemalloc.get_traced_memory()[1] if trace else None
    tracemalloc.stop()
    max_rss_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux
    print(json.dumps({"lines": lines, "wall": wall, "peak": peak, "max_rss": max_rss_kib * 1024}))
    return 0


def start_worker(config: Path, locales: str, server_url: str, trace: bool) -> subprocess.Popen:
    """A worker process translating the site of `config` through the server at `server_url`."""
    command = [sys.executable, str(Path(__file__).resolve()), "--worker", str(config)]
    command += ["--locales", locales] + (["--trace"] if trace else [])
    env = dict(os.environ, DEEPL_AUTH_KEY=AUTH_KEY, DEEPL_SERVER_URL=server_url)
    pipe = subprocess.PIPE
    return subprocess.Popen(command, stdout=pipe, stderr=pipe, text=True, env=env)


def finish_worker(label: str, process: subprocess.Popen) -> dict:
    """The figures a worker printed, once it has ended."""
    stdout, stderr = process.communicate()
    if process.returncode != 0:
        sys.stderr.write(stdout + stderr)
        raise SystemExit(f"{label}: the translate run failed (exit {process.returncode})")
    return json.loads(stdout.strip().splitlines()[-1])


@dataclass
class Run:
    label: str
    segments: int  # texts the server received
    billed: int  # characters the server billed (XML, tags included)
    plain: int  # the same texts without tags
    reported: int  # characters polyhelp says it sent
    requests: int
    pages_written: int
    wall: float
    peak: int
    max_rss: int
    lines: list[str]


_SENT = re.compile(
    r"^\S+: sent (\d+) segments \(([\d,]+) characters\) in (\d+) requests; wrote (\d+)"
)


def run_once(label: str, config: Path, locales: str, fake, tracer, overlap: bool) -> Run:
    """One translate run in a worker process, measured against the fake server's counters.

    The Python peak comes from a replay of the same run, traced by tracemalloc, on a copy of
    the site against a second fake server (`tracer`): tracing slows a run about threefold, so
    the measured run itself is not traced. The replay runs before the measured run, or with
    `overlap` (--quick) alongside it.
    """
    with tempfile.TemporaryDirectory(prefix="bench-translate-traced-") as scratch:
        copy = Path(scratch) / "help"
        shutil.copytree(config.parent, copy)
        replay = start_worker(copy / config.name, locales, tracer.url, trace=True)
        try:
            traced = None if overlap else finish_worker(label, replay)
            characters, requests, texts = fake.characters, fake.translate_requests, len(fake.texts)
            figures = finish_worker(label, start_worker(config, locales, fake.url, trace=False))
            if traced is None:
                traced = finish_worker(label, replay)
        finally:
            if replay.poll() is None:  # the measured run failed: do not leave the replay behind
                replay.kill()
                replay.wait()
    sent = fake.texts[texts:]
    matches = [m for m in map(_SENT.match, figures["lines"]) if m]
    return Run(
        label=label,
        segments=len(sent),
        billed=fake.characters - characters,
        plain=sum(len(plain_text(text)) for text in sent),
        reported=sum(int(m.group(2).replace(",", "")) for m in matches),
        requests=fake.translate_requests - requests,
        pages_written=sum(int(m.group(4)) for m in matches),
        wall=figures["wall"],
        peak=traced["peak"],
        max_rss=figures["max_rss"],
        lines=figures["lines"],
    )


# --- report -----------------------------------------------------------------------------------


def table(runs: list[Run], pages: int, locales: int, ratios: dict[str, str]) -> str:
    header = [
        "run",
        "pages",
        "locales",
        "segments sent",
        "chars billed",
        "chars plain",
        "requests",
        "pages written",
        "wall s",
        "py peak MiB",
        "max RSS MiB",
        "sent/changed",
    ]
    rows = [header]
    for run in runs:
        rows.append(
            [
                run.label,
                f"{pages:,}",
                str(locales),
                f"{run.segments:,}",
                f"{run.billed:,}",
                f"{run.plain:,}",
                f"{run.requests:,}",
                f"{run.pages_written:,}",
                f"{run.wall:.2f}",
                f"{run.peak / MIB:.1f}",
                f"{run.max_rss / MIB:.1f}",
                ratios.get(run.label, "-"),
            ]
        )
    widths = [max(len(row[i]) for row in rows) for i in range(len(header))]
    lines = []
    for number, row in enumerate(rows):
        cells = [row[0].ljust(widths[0])] + [
            c.rjust(w) for c, w in zip(row[1:], widths[1:], strict=True)
        ]
        lines.append("  ".join(cells))
        if number == 0:
            lines.append("  ".join("-" * w for w in widths))
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=(
            "Benchmark `polyhelp translate` on a synthetic help center generated from docs/en/, "
            "through the deepl SDK and the local fake DeepL server (no network): a full run, "
            "a rerun after editing one sentence in K pages, and a rerun with nothing changed. "
            f"Exits 1 if the rerun sends more than {MAX_RATIO} x the characters that changed "
            "or the no-op rerun sends anything."
        )
    )
    parser.add_argument("--pages", type=int, default=1000, help="English pages (default 1000)")
    parser.add_argument(
        "--locales", default="fr,de,es", help="locales to translate into (default fr,de,es)"
    )
    parser.add_argument(
        "--edited", type=int, default=10, help="pages edited before run 2 (default 10)"
    )
    parser.add_argument("--keep", type=Path, metavar="DIR", help="keep the generated site in DIR")
    parser.add_argument(
        "--quick",
        action="store_true",
        help="a smoke run: each traced replay alongside its measured run (wall s not comparable)",
    )
    parser.add_argument("--worker", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--trace", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker:
        return worker(args.worker, args.locales, args.trace)

    locales = [locale.strip() for locale in args.locales.split(",") if locale.strip()]
    if args.pages < 1 or not locales or not 1 <= args.edited <= args.pages:
        parser.error("need --pages >= 1, at least one locale and 1 <= --edited <= --pages")
    # The fake servers listen on 127.0.0.1: never through a proxy (the workers inherit this).
    os.environ["NO_PROXY"] = os.environ["no_proxy"] = "127.0.0.1,localhost"
    if args.keep:
        if args.keep.exists() and any(args.keep.iterdir()):
            parser.error(f"--keep {args.keep}: not an empty folder")
        root = args.keep.resolve()
        root.mkdir(parents=True, exist_ok=True)
        return bench(root, args, locales)
    with tempfile.TemporaryDirectory(prefix="bench-translate-") as scratch:
        return bench(Path(scratch) / "help", args, locales)


def protection(data_dir: Path) -> re.Pattern[str]:
    """What the corpus generator and the edits leave alone, glossary terms included."""
    settings = load_settings(data_dir)
    terms = list(settings.do_not_translate)
    terms += [term for locale_terms in settings.terms.values() for term in locale_terms]
    return protected_pattern(terms)


def other_lines(run: Run) -> list[str]:
    """polyhelp's lines other than the per-locale totals, counted by kind."""
    kinds: dict[str, int] = {}
    for line in run.lines:
        if _SENT.match(line):
            continue
        kind = re.sub(r"[\w./-]+\.md(:\d+)?", "<page>", line)
        kind = re.sub(r"^[\w-]+:", "<locale>:", kind)
        kinds[kind] = kinds.get(kind, 0) + 1
    return [f"{count:>6} x {kind}" for kind, count in sorted(kinds.items())]


def bench(root: Path, args, locales: list[str]) -> int:
    from tests.fake_deepl import FakeDeepL

    started = time.perf_counter()
    config = make_corpus(root, args.pages, locales)
    corpus = describe_corpus(config, args.pages)
    generated = time.perf_counter() - started
    joined = ",".join(locales)

    with FakeDeepL(AUTH_KEY) as fake, FakeDeepL(AUTH_KEY) as tracer:
        full = run_once("1 full", config, joined, fake, tracer, args.quick)
        edits = edit_pages(config, args.pages, args.edited, protection(root / "data"))
        rerun = run_once("2 edited", config, joined, fake, tracer, args.quick)
        noop = run_once("3 no-op", config, joined, fake, tracer, args.quick)
    runs = [full, rerun, noop]

    changed_plain = edits.plain_characters * len(locales)
    changed_xml = edits.xml_characters * len(locales)
    ratio = rerun.plain / changed_plain if changed_plain else float("inf")
    billed_ratio = rerun.billed / changed_xml if changed_xml else float("inf")
    ratio_ok = max(ratio, billed_ratio) <= MAX_RATIO
    noop_ok = noop.billed == 0 and noop.segments == 0

    print(
        f"polyhelp translate benchmark: {args.pages:,} English pages "
        f"({len(templates())} templates from docs/en/), locales {joined}, "
        f"{len(edits.pages)} pages edited before run 2"
    )
    print(
        f"corpus: {corpus.segments:,} segments, {corpus.distinct:,} distinct, "
        f"{corpus.plain_characters:,} plain characters to translate per locale "
        f"(generated in {generated:.1f} s, {root if args.keep else 'in a temporary folder'})"
    )
    print()
    print(table(runs, args.pages, len(locales), {"2 edited": f"{ratio:.3f}"}))
    print()
    print(
        "segments sent, chars billed, chars plain, requests: what the fake DeepL server "
        "received; chars billed = len() of the XML texts, tags included (what DeepL bills); "
        "chars plain = the same texts without their tags (how polyhelp counts characters)."
    )
    print(
        "pages written: from polyhelp's summary lines. wall s: run_translate alone (imports "
        "done before), untraced. max RSS MiB: ru_maxrss of the worker process running it "
        "(interpreter and imports included). py peak MiB: tracemalloc peak of the Python "
        "allocations during the same run, replayed on a copy of the site (tracing is slow)."
    )
    if args.quick:
        print("--quick: each replay ran alongside its measured run; wall s is not a figure.")
    print(
        "characters changed: the full source text (plain, without tags) of every segment "
        "whose text changed, counted once per locale: "
        f"{edits.segments} segments x {len(locales)} locales = {changed_plain:,} characters "
        f"({changed_xml:,} as XML)."
    )
    print(
        f"run 2 ratio: characters sent / characters changed = {rerun.plain:,} / "
        f"{changed_plain:,} = {ratio:.3f} (billed: {rerun.billed:,} / {changed_xml:,} = "
        f"{billed_ratio:.3f}); target <= {MAX_RATIO}: " + ("OK" if ratio_ok else "FAILED")
    )
    print(
        f"run 3 (no-op): sent {noop.billed:,} characters in {noop.requests} requests: "
        + ("OK" if noop_ok else "FAILED, expected 0")
    )
    expected = edits.segments * len(locales)
    if rerun.segments < expected or rerun.pages_written < len(edits.pages) * len(locales):
        print(
            f"WARNING: run 2 sent {rerun.segments} of the {expected} changed segments and "
            f"rewrote {rerun.pages_written} of {len(edits.pages) * len(locales)} edited pages: "
            "some edits were not translated (see polyhelp's lines below)."
        )
    for run in runs:
        if run.reported != run.plain:
            print(
                f"WARNING: run {run.label}: polyhelp reported {run.reported:,} characters "
                f"sent, the server received {run.plain:,}."
            )
    for run in runs:
        lines = other_lines(run)
        if lines:
            print(f"run {run.label}: polyhelp also said")
            print("\n".join(lines))
    return 0 if ratio_ok and noop_ok else 1


if __name__ == "__main__":
    sys.exit(main())
