"""What a hostile or faulty engine can do to the help center: figures for the real pages.

    .venv/bin/python scripts/hostile_engine.py [--modes N] [--skip-timeouts]

Part 1, a hostile engine. A copy of this repository's help center keeps three reviewed French
pages and loses the others; then, once for each of 20 ways of rewriting an answer (markup,
escaped markup, CDATA, an attribute break-out, placeholders, Markdown block syntax after a
newline, control characters, invented or dropped tags, null, empty, very long), `translate --to
fr` runs through the real `deepl` SDK against the local fake DeepL server
(tests/fake_deepl.py), which applies that rewrite to every translation. The site is then built
and its French pages are searched for what the engine tried to inject: a `<script>` or an
event-handler attribute, a link or image to the attacker's host, an element (a heading, list
item, admonition, code block, table cell, link) that the same page does not have when an honest
engine translates it (the first run, the baseline). Printed per mode: pages written, segments
refused, injections that reached site/ (must be 0), and whether the reviewed pages kept every
byte.

Part 2, timeouts. The English pages are translated into French twice with small batches: once
against a server that answers at once, once against one that is slower than the configured
timeout for the first request (DeepL bills a request it answers too late). Printed: characters
billed by each run and the difference, against the characters of the timed-out batch (the
target: at most one batch more).
"""

from __future__ import annotations

import argparse
import collections
import json
import os
import re
import shutil
import sys
import tempfile
import time
from html.parser import HTMLParser
from pathlib import Path
from unittest import mock

import yaml

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from polyhelp.site.build import build_site  # noqa: E402
from polyhelp.site.mkdocs_config import load_site  # noqa: E402
from polyhelp.translation import run as translation_run  # noqa: E402
from polyhelp.translation.command import run_translate  # noqa: E402
from tests.fake_deepl import FakeDeepL, fast_sdk_retries  # noqa: E402

AUTH_KEY = "hostile-key:fx"
EVIL = "evil.example"
MARK = "PWN"  # every payload carries it, so what reaches a page can be traced to the engine
REVIEWED_KEPT = ("index.md", "returns-refunds/returns.md", "support/contact.md")
TAGS = re.compile(r"<[^>]*>")


def _add(answer):
    return lambda source, translation: translation + answer


MODES = {
    "raw <script>": _add(f"<script>{MARK}()</script>"),
    "escaped <script>": _add(f"&lt;script&gt;{MARK}()&lt;/script&gt;"),
    "escaped <img onerror>": _add(f"&lt;img src=https://{EVIL}/x onerror={MARK}()&gt;"),
    "CDATA with markup": _add(f"<![CDATA[<script>{MARK}()</script>]]>"),
    "attribute break-out": _add(f'" onmouseover="{MARK}()'),
    "placeholder": _add(" {{ shop.email }} {{ markets.list }}"),
    "Markdown link": _add(f" [{MARK}](https://{EVIL}/)"),
    "escaped autolink": _add(f" &lt;https://{EVIL}/{MARK}&gt;"),
    "newline admonition": _add(f'\n!!! danger "{MARK}"\n    {MARK}'),
    "newline setext heading": _add(f"\n{MARK}\n==="),
    "newline code fence": _add(f"\n~~~\n{MARK}"),
    "newline list item": _add(f"\n- {MARK}"),
    "newline ATX heading": _add(f"\n# {MARK}"),
    "table cell": _add(f" | {MARK} |"),
    "control characters": _add(f"\x00\x1b\x0b\x85\u2028{MARK}\x7f"),
    "invented tag": _add(f'<x id="999">{MARK}</x>'),
    "all tags dropped": lambda source, translation: TAGS.sub("", translation),
    "null": lambda source, translation: None,
    "empty": lambda source, translation: "",
    "very long": _add(f" {MARK}" * 5_000),
}


class _Found(HTMLParser):
    """Counts, in a page's <article>, the elements by tag and what only an attacker adds."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.depth = 0
        self.tags: collections.Counter[str] = collections.Counter()
        self.injected: list[str] = []
        self._script = self._json = False

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name.startswith("on"):
                self.injected.append(f"<{tag} {name}=...>")
            if name in ("href", "src") and value and EVIL in value:
                self.injected.append(f"<{tag} {name}={value}>")
        # JSON-LD holds the page's questions as JSON data: text there is no code.
        self._script = tag == "script" and dict(attrs).get("type") != "application/ld+json"
        self._json = tag == "script" and not self._script
        if tag == "article":
            self.depth += 1
        elif self.depth and not _english_wrapper(tag, attrs):
            self.tags[tag] += 1

    def handle_endtag(self, tag):
        self._script = self._json = False
        if tag == "article" and self.depth:
            self.depth -= 1

    def handle_data(self, data):
        if self._script and MARK in data:
            self.injected.append("<script> with the engine's code")
        if self._json:
            try:
                json.loads(data)
            except ValueError:
                self.injected.append("JSON-LD the engine's text broke")


def _english_wrapper(tag: str, attrs) -> bool:
    """The build's own wrapper of English text on a French page: where a machine translation
    fails QA (as the engine's injections make it), the page shows the English one instead."""
    return tag == "div" and "polyhelp-fallback-content" in (dict(attrs).get("class") or "")


def scan(page: Path) -> _Found:
    found = _Found()
    found.feed(page.read_text(encoding="utf-8"))
    return found


def french_pages(site_dir: Path) -> dict[Path, _Found]:
    return {
        page.relative_to(site_dir / "fr"): scan(page)
        for page in sorted((site_dir / "fr").rglob("*.html"))
    }


def injections(pages: dict[Path, _Found], honest: dict[Path, _Found]) -> list[str]:
    """What the engine put into the French pages: markup, or elements (blocks, links) that the
    same pages translated by an honest engine do not have."""
    found = []
    for relative, page in pages.items():
        found += [f"fr/{relative}: {what}" for what in page.injected]
        extra = page.tags - honest[relative].tags if relative in honest else page.tags
        found += [f"fr/{relative}: {count} more <{tag}>" for tag, count in extra.items()]
    return found


def help_center_copy(root: Path, **deepl) -> Path:
    """The repository's help center in `root` (its pages, data and settings)."""
    for name in ("docs", "data", "overrides", "hooks"):
        shutil.copytree(REPO / name, root / name)
    shutil.copy2(REPO / "mkdocs.yml", root / "mkdocs.yml")
    settings = yaml.safe_load((REPO / "data" / "translation.yml").read_text(encoding="utf-8"))
    settings.setdefault("deepl", {}).pop("max_characters", None)  # measured, not budgeted
    settings["deepl"].update(deepl)
    (root / "data" / "translation.yml").write_text(yaml.safe_dump(settings), encoding="utf-8")
    return root / "mkdocs.yml"


def lines_of(config: Path, **kwargs) -> list[str]:
    site, _ = load_site(config)
    return list(run_translate(site, [], "fr", False, "deepl", **kwargs))


def hostile(base: Path, count: int) -> int:
    config = help_center_copy(base / "help")
    root = config.parent
    french = root / "docs" / "fr"
    kept = {name: (french / name).read_bytes() for name in REVIEWED_KEPT}
    pristine = base / "fr-pristine"
    shutil.copytree(french, pristine)
    print(
        f"{'mode':<24} {'pages written':>13} {'segments refused':>16} "
        f"{'injections in site/':>19} {'reviewed kept':>13}"
    )
    totals = collections.Counter()
    failed = False
    with FakeDeepL(AUTH_KEY) as fake, fast_sdk_retries(max_retries=0):
        os.environ["DEEPL_AUTH_KEY"], os.environ["DEEPL_SERVER_URL"] = AUTH_KEY, fake.url
        honest = None
        for label, rewrite in [("honest engine", None), *list(MODES.items())[:count]]:
            shutil.rmtree(french)
            shutil.copytree(pristine, french)
            for page in french.rglob("*.md"):
                if str(page.relative_to(french)) not in REVIEWED_KEPT:
                    page.unlink()
            shutil.rmtree(root / "translations", ignore_errors=True)
            fake.rewrite = rewrite
            lines = lines_of(config)
            written = sum(
                int(m[1]) for line in lines if (m := re.search(r"wrote (\d+) pages", line))
            )
            refused = sum(line.endswith("(English kept)") for line in lines)
            site_dir = base / "site"
            build_site(config, site_dir=site_dir, jobs=2)
            pages = french_pages(site_dir)
            if honest is None:
                honest = pages  # the baseline: what the same pages look like translated
            found = injections(pages, honest)
            same = all((french / name).read_bytes() == data for name, data in kept.items())
            print(f"{label:<24} {written:>13} {refused:>16} {len(found):>19} {str(same):>13}")
            for what in found[:5]:
                print(f"    {what}")
            failed |= bool(found) or not same
            if rewrite is not None:
                totals.update(written=written, refused=refused, injected=len(found))
    print(
        f"{'all ' + str(count) + ' modes':<24} {totals['written']:>13} {totals['refused']:>16} "
        f"{totals['injected']:>19}"
    )
    return 1 if failed else 0


def timeouts(base: Path) -> None:
    batch = 3
    billed = {}
    with (
        FakeDeepL(AUTH_KEY) as fake,
        fast_sdk_retries(max_retries=2),
        mock.patch.object(translation_run, "MAX_TEXTS", batch),
    ):
        os.environ["DEEPL_AUTH_KEY"], os.environ["DEEPL_SERVER_URL"] = AUTH_KEY, fake.url
        first_batch = 0
        for label in ("unfaulted", "timed out once"):
            config = help_center_copy(base / label.replace(" ", "-"), timeout=0.5, max_retries=2)
            shutil.rmtree(config.parent / "docs" / "fr")
            before, sent = fake.characters, len(fake.texts)
            if label != "unfaulted":
                fake.delay_next(1.5)  # longer than the timeout: answered, billed, too late
            started = time.monotonic()
            lines_of(config)
            fake.wait_idle()
            billed[label] = fake.characters - before
            if label == "unfaulted":
                first_batch = sum(len(text) for text in fake.texts[sent : sent + batch])
            print(
                f"{label:<16} {billed[label]:>10,} characters billed "
                f"({time.monotonic() - started:.1f} s)"
            )
    extra = billed["timed out once"] - billed["unfaulted"]
    print(
        f"difference       {extra:>+10,} characters ({100 * extra / billed['unfaulted']:+.2f} %); "
        f"the timed-out batch of {batch} texts: {first_batch:,} characters"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--modes", type=int, default=len(MODES), help="how many rewrite modes")
    parser.add_argument("--skip-timeouts", action="store_true", help="only the hostile engine")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="polyhelp-hostile-") as folder:
        base = Path(folder)
        print(f"Hostile engine, {args.modes} ways of rewriting every answer (translate --to fr)")
        status = hostile(base / "hostile", args.modes)
        if not args.skip_timeouts:
            print("\nTimeouts (batches of 3 texts, timeout 0.5 s, first request answered at 1.5 s)")
            timeouts(base / "timeouts")
    return status


if __name__ == "__main__":
    sys.exit(main())
