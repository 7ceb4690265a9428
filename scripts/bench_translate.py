"""Benchmark `polyhelp translate`: a full run, three one-sentence edits and a no-op rerun.

A synthetic help center of N English pages is generated from the shapes of the real pages in
docs/en/ (page i is template i % len(templates), with words and numbers varied per page so that
its segments are not shared with other pages), then translated three times through the official
`deepl` SDK against the local fake DeepL server (tests/fake_deepl.py):

  run 1    everything, into every locale;
  runs 2-4 after one word was changed in one sentence of a paragraph of three sentences or
           more, in K pages: the paragraph's first sentence (run 2), a middle one (run 3),
           its last one (run 4);
  run 5    with nothing changed (must send nothing).

Each run calls polyhelp.translation.command.run_translate in a fresh worker process (this script
again, with --worker), so that its peak memory is its own: the fake server, which keeps every
text it receives, lives in this parent process. The run is timed untraced; its Python peak
(tracemalloc) comes from a replay of the same run on a copy of the site, against a second fake
server, because tracing slows a run about threefold. Each edit run's ratio is the characters the
fake server billed over the characters of the edited sentences as polyhelp sends them (and the
same without tags); the characters of their whole paragraphs (what a memory per paragraph
sends) are printed beside it. Exits 1 if an edit run sent more than 1.05 times the edited
sentences' characters, or if run 5 sent anything; else 0.

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
from polyhelp.translation.sentences import local_ids, split  # noqa: E402

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
# Where in its paragraph the edited sentence is, for runs 2, 3 and 4.
POSITIONS = ("start", "middle", "end")
MIN_SENTENCES = 3


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
    where: str  # start, middle or end of its paragraph
    pages: list[str] = field(default_factory=list)
    sentences: int = 0  # changed sentences, per locale
    plain_characters: int = 0  # their plain text (what polyhelp counts), per locale
    xml_characters: int = 0  # their XML as sent (what DeepL bills), per locale
    paragraph_plain: int = 0  # the same for their whole paragraphs
    paragraph_xml: int = 0


def _is_paragraph(seg: Segment, lines: list[str]) -> bool:
    """A top-level paragraph: inline text starting at column 0 (not a heading, item or cell)."""
    line, start, _ = seg.spans[0]
    return seg.kind == "inline" and start == 0 and not lines[line].startswith(("!!!", "???"))


def _sentences(source: str, settings, references) -> list[str]:
    """A segment's sentences as polyhelp sends them (XML, tags numbered per sentence)."""
    xml, _ = to_xml(source, "inline", settings.do_not_translate, references)
    return [local_ids(piece)[0] for piece in split(xml, "en")]


def edit_pages(config: Path, pages: int, count: int, protected, where: str, seed: int) -> Edits:
    """Change one word of one sentence (at `where` in its paragraph) in `count` pages."""
    rng = random.Random(seed)
    settings = load_settings(config.parent / "data")
    edits = Edits(where)
    for page in rng.sample(range(pages), pages):
        if len(edits.pages) == count:
            break
        path = config.parent / "docs" / "en" / page_name(page)
        document = segment(path.read_text(encoding="utf-8"))
        references = document.references
        candidates = [
            index
            for index, seg in enumerate(document.segments)
            if _is_paragraph(seg, document.lines)
            and len(_sentences(seg.source, settings, references)) >= MIN_SENTENCES
        ]
        rng.shuffle(candidates)
        for index in candidates:
            source = document.segments[index].source
            before = _sentences(source, settings, references)
            wanted = {"start": 0, "middle": len(before) // 2, "end": len(before) - 1}[where]
            words = eligible_words(source, protected)
            for word in rng.sample(words, len(words)):
                new_word = rng.choice([w for w in EDIT_WORDS if w != word.group().lower()])
                changed = source[: word.start()] + _like(new_word, word.group())
                changed += source[word.end() :]
                after = _sentences(changed, settings, references)
                differ = [i for i, (a, b) in enumerate(zip(before, after, strict=False)) if a != b]
                if len(after) == len(before) and differ == [wanted]:
                    break
            else:
                continue
            texts = [seg.source for seg in document.segments]
            texts[index] = changed
            path.write_text(reassemble(document, texts), encoding="utf-8")
            if segment(path.read_text(encoding="utf-8")).segments[index].source != changed:
                raise RuntimeError(f"page {page}: the edit changed the page's structure")
            xml, _ = to_xml(changed, "inline", settings.do_not_translate, references)
            edits.sentences += 1
            edits.plain_characters += len(plain_text(after[wanted]))
            edits.xml_characters += len(after[wanted])
            edits.paragraph_plain += len(plain_text(xml))
            edits.paragraph_xml += len(xml)
            edits.pages.append(page_name(page))
            break
    if len(edits.pages) < count:
        raise SystemExit(
            f"only {len(edits.pages)} pages have a paragraph of {MIN_SENTENCES} sentences "
            f"or more to edit at its {where}, not {count}"
        )
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
        "billed/changed",
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
            "reruns after editing one sentence at the start, middle or end of a paragraph in K "
            "pages, and a rerun with nothing changed. Exits 1 if an edit run sends more than "
            f"{MAX_RATIO} x the edited sentences' characters or the no-op rerun sends anything."
        )
    )
    parser.add_argument("--pages", type=int, default=1000, help="English pages (default 1000)")
    parser.add_argument(
        "--locales", default="fr,de,es", help="locales to translate into (default fr,de,es)"
    )
    parser.add_argument(
        "--edited", type=int, default=10, help="pages edited before each edit run (default 10)"
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

    protected = protection(root / "data")
    edit_runs: list[tuple[Run, Edits]] = []
    with FakeDeepL(AUTH_KEY) as fake, FakeDeepL(AUTH_KEY) as tracer:
        full = run_once("1 full", config, joined, fake, tracer, args.quick)
        for number, where in enumerate(POSITIONS, start=2):
            edits = edit_pages(config, args.pages, args.edited, protected, where, SEED + number)
            label = f"{number} {where}"
            edit_runs.append((run_once(label, config, joined, fake, tracer, args.quick), edits))
        noop = run_once(f"{len(POSITIONS) + 2} no-op", config, joined, fake, tracer, args.quick)
    runs = [full, *(run for run, _ in edit_runs), noop]

    ratios: dict[str, str] = {}
    verdicts = []
    for run, edits in edit_runs:
        sentence_plain = edits.plain_characters * len(locales)
        sentence_xml = edits.xml_characters * len(locales)
        ratio = run.plain / sentence_plain if sentence_plain else float("inf")
        billed_ratio = run.billed / sentence_xml if sentence_xml else float("inf")
        ratios[run.label] = f"{billed_ratio:.3f}"
        verdicts.append((run, edits, ratio, billed_ratio, max(ratio, billed_ratio) <= MAX_RATIO))
    noop_ok = noop.billed == 0 and noop.segments == 0 and noop.pages_written == 0

    print(
        f"polyhelp translate benchmark: {args.pages:,} English pages "
        f"({len(templates())} templates from docs/en/), locales {joined}, "
        f"{args.edited} pages edited before each of runs 2-{len(POSITIONS) + 1}"
    )
    print(
        f"corpus: {corpus.segments:,} segments, {corpus.distinct:,} distinct, "
        f"{corpus.plain_characters:,} plain characters to translate per locale "
        f"(generated in {generated:.1f} s, {root if args.keep else 'in a temporary folder'})"
    )
    print()
    print(table(runs, args.pages, len(locales), ratios))
    print()
    print(
        "segments sent, chars billed, chars plain, requests: what the fake DeepL server "
        "received; chars billed = len() of the XML texts, tags included (what DeepL bills; "
        "the context sent with a sentence is not billed); chars plain = the same texts "
        "without their tags (how polyhelp counts characters). billed/changed: chars billed "
        "over the edited sentences' XML."
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
        "characters changed: the edited sentence of each edited paragraph (one word changed in "
        f"it; paragraphs of {MIN_SENTENCES} sentences or more), as polyhelp sends it, once per "
        "locale; its whole paragraph is what a memory kept per paragraph would send."
    )
    ok = noop_ok
    for run, edits, ratio, billed_ratio, run_ok in verdicts:
        ok = ok and run_ok
        sentence_plain = edits.plain_characters * len(locales)
        sentence_xml = edits.xml_characters * len(locales)
        paragraph_xml = edits.paragraph_xml * len(locales)
        print(
            f"run {run.label} (one sentence at the {edits.where} of a paragraph, "
            f"{edits.sentences} pages x {len(locales)} locales): billed / sentence characters "
            f"= {run.billed:,} / {sentence_xml:,} = {billed_ratio:.3f} (plain: {run.plain:,} "
            f"/ {sentence_plain:,} = {ratio:.3f}); whole paragraphs: {paragraph_xml:,} "
            f"(x{paragraph_xml / sentence_xml if sentence_xml else float('inf'):.2f}); "
            f"target <= {MAX_RATIO}: " + ("OK" if run_ok else "FAILED")
        )
    print(
        f"run {noop.label}: sent {noop.billed:,} characters in {noop.requests} requests, "
        f"wrote {noop.pages_written} pages: " + ("OK" if noop_ok else "FAILED, expected 0")
    )
    for run, edits, *_ in verdicts:
        expected = edits.sentences * len(locales)
        if run.segments < expected or run.pages_written < len(edits.pages) * len(locales):
            print(
                f"WARNING: run {run.label} sent {run.segments} of the {expected} changed "
                f"sentences and rewrote {run.pages_written} of "
                f"{len(edits.pages) * len(locales)} edited pages: some edits were not "
                "translated (see polyhelp's lines below)."
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
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
