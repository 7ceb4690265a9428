"""`polyhelp locale add`: Greek, Vietnamese and Persian with one command plus translate.

DeepL (the fake, through the real SDK) translates into Greek and Vietnamese, not Persian;
Persian is right to left and stays human-translated, its interface shown in English only
where data/translation.yml allows it, marked lang="en" dir="ltr".
"""

from __future__ import annotations

import functools
import http.server
import re
import threading
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from polyhelp.cli import cli
from polyhelp.locales import catalog, lookup
from polyhelp.site.build import build_site
from tests.conftest import REPO, TINY_MKDOCS, copy_help_center, make_site
from tests.fake_deepl import FakeDeepL, deepl_for_polyhelp, fast_sdk_retries
from tests.site.test_in_browser import serious_violations

KEY = "locale-key:fx"
# The tiny site with the repository's colours and style sheet, as a shop would have them.
STYLED_MKDOCS = TINY_MKDOCS.replace(
    "  language: en\n",
    "  language: en\n"
    "  palette:\n"
    "    - {scheme: default, primary: custom, accent: deep orange}\n"
    "extra:\n"
    "  generator: false\n"
    "extra_css:\n"
    "  - assets/polyhelp.css\n",
)


def run(config: Path, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, [*args, "-f", str(config)], catch_exceptions=False)
    return result.exit_code, result.output


@pytest.fixture
def fake(monkeypatch):
    with deepl_for_polyhelp(monkeypatch, KEY, max_retries=1) as server:
        yield server


@pytest.fixture
def config(tmp_path):
    lookup.use_project(None)
    yield make_site(tmp_path)
    lookup.use_project(None)


def languages(config: Path) -> dict[str, dict]:
    data = yaml.safe_load(config.read_text(encoding="utf-8"))
    i18n = next(p["i18n"] for p in data["plugins"] if isinstance(p, dict) and "i18n" in p)
    return {language["locale"]: language for language in i18n["languages"]}


def files_of(root: Path) -> set[str]:
    return {p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file()}


def test_locale_add_writes_the_language_its_catalog_and_folder_and_says_what_next(config, fake):
    before = {p: (config.parent / p).read_bytes() for p in files_of(config.parent)}
    code, output = run(config, "locale", "add", "el")
    assert code == 0, output
    greek = languages(config)["el"]
    assert greek["name"] == "Ελληνικά"  # CLDR's own name for the language
    assert greek["nav_translations"] == {"Help": "HELP·el"}  # machine-translated by DeepL
    assert "# machine translation (DeepL): review" in config.read_text(encoding="utf-8")
    assert "# Help center" not in config.read_text(encoding="utf-8")
    assert (config.parent / "docs" / "el").is_dir()
    assert catalog.entry_states("el", config.parent)["site_name"] == "missing"
    assert "Next: polyhelp translate --to el" in output
    changed = {
        p for p in files_of(config.parent) if before.get(p) != (config.parent / p).read_bytes()
    }
    assert changed == {"mkdocs.yml", "locales/el.po"}, "no Python file, nothing else"
    assert languages(config)["fr"] == {"locale": "fr", "name": "Français"}


def test_a_locale_deepl_cannot_translate_is_added_as_human_translated_and_rtl(config, fake):
    code, output = run(config, "locale", "add", "fa")
    assert code == 0, output
    persian = languages(config)["fa"]
    assert persian["extra"] == {"direction": "rtl"}  # CLDR: Persian is written right to left
    assert persian["nav_translations"] == {"Help": "Help"}
    assert "DeepL does not translate into 'fa' (/v2/languages)" in output
    assert "human-translated" in output
    code, output = run(config, "translate", "--to", "fa")
    assert code == 0, output
    assert "fa: DeepL does not translate into 'fa'" in output
    assert fake.translate_requests == 0


def test_locale_add_options_name_direction_and_formality(config, fake):
    code, output = run(
        config, "locale", "add", "it", "--name", "Italiano", "--formality", "prefer_more"
    )
    assert code == 0, output
    assert languages(config)["it"]["name"] == "Italiano"
    settings = yaml.safe_load((config.parent / "data" / "translation.yml").read_text("utf-8"))
    assert settings["formality"] == {"it": "prefer_more"}
    code, output = run(config, "locale", "add", "he", "--direction", "ltr")
    assert code == 0, output
    assert "extra" not in languages(config)["he"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["fr"], "'fr' is already a locale of this site"),
        (["xx"], "'xx' is not a language CLDR knows"),
        (["el", "--formality", "more"], "DeepL offers no formality for 'el'"),
    ],
)
def test_locale_add_refuses_in_one_line_and_changes_nothing(config, fake, args, message):
    before = config.read_bytes()
    code, output = run(config, "locale", "add", *args)
    assert code == 2
    assert output.count("\n") == 1 and message in output
    assert config.read_bytes() == before
    assert not (config.parent / "locales").exists()


# --- the whole way: add, translate, build, read in Chromium ------------------------------


@pytest.fixture(scope="module")
def three_locales(tmp_path_factory):
    """A tiny site with el, vi and fa added and translated through the fake DeepL, built and
    served; Persian's interface allowed to show English (it has no translator yet)."""
    root = tmp_path_factory.mktemp("locales") / "help"
    root.mkdir()
    config = make_site(root, mkdocs_yml=STYLED_MKDOCS)
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=None)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    origin = f"http://127.0.0.1:{server.server_address[1]}"
    with (
        pytest.MonkeyPatch.context() as patch,
        FakeDeepL(KEY) as fake,
        fast_sdk_retries(max_retries=1),
    ):
        patch.setenv("DEEPL_AUTH_KEY", KEY)
        patch.setenv("DEEPL_SERVER_URL", fake.url)
        patch.setenv("NO_PROXY", "127.0.0.1,localhost")
        for code in ("el", "vi", "fa"):
            assert run(config, "locale", "add", code)[0] == 0
        status, output = run(config, "translate")
        assert status == 0, output
    with pytest.raises(Exception, match=r"locales/fa\.po:\d+: 'site_name' is not translated"):
        build_site(config, site_dir=root / "site")
    settings = root / "data" / "translation.yml"
    settings.write_text("interface:\n  english_fallback: [fa]\n", encoding="utf-8")
    build_site(config, site_dir=root / "site", site_url=f"{origin}/")
    server.RequestHandlerClass = functools.partial(
        http.server.SimpleHTTPRequestHandler, directory=str(root / "site")
    )
    server.RequestHandlerClass.log_message = lambda *args: None
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    lookup.use_project(None)
    yield root, origin
    server.shutdown()
    server.server_close()


def english_interface_texts() -> list[str]:
    """Every English interface text of two words or more (single words such as "Express"
    or "PayPal" are the same in many languages)."""
    texts = []
    for entry in catalog.template().values():
        for form in (entry.english,) if isinstance(entry.english, str) else entry.english:
            words = re.sub(r"\{\w+\}", "", form).strip()
            if len(words.split()) >= 2:
                texts.append(words.split("{")[0].strip())
    return [text for text in texts if len(text) > 8]


@pytest.mark.parametrize("locale", ["el", "vi"])
def test_machine_translated_locales_show_no_english_interface_text(three_locales, locale):
    root, _ = three_locales
    pages = list((root / "site" / locale).rglob("*.html"))
    assert pages
    for path in pages:
        text = path.read_text(encoding="utf-8")
        assert 'lang="en" dir="ltr"' not in text.split('class="polyhelp-fallback-content"')[0]
        assert "<html dir=" not in text, "left to right: no dir on <html>"
        for english in english_interface_texts():
            assert english not in text, f"{english!r} in {path}"


@pytest.mark.browser
def test_persian_pages_are_right_to_left_with_a_mirrored_layout(three_locales, page):
    _, origin = three_locales
    page.goto(f"{origin}/fa/returns/")
    assert page.locator("body").get_attribute("dir") == "rtl"
    assert page.locator("html").get_attribute("lang") == "fa"
    assert page.locator("html").get_attribute("dir") == "rtl"
    width = page.viewport_size["width"]
    navigation = page.locator(".md-sidebar--primary").bounding_box()
    content = page.locator(".md-content").bounding_box()
    assert navigation["x"] > content["x"], "the navigation is on the right, mirrored"
    assert navigation["x"] + navigation["width"] > width / 2


@pytest.mark.browser
def test_english_on_a_persian_page_is_marked_english_and_left_to_right(three_locales, page):
    _, origin = three_locales
    page.goto(f"{origin}/fa/returns/")
    content = page.locator(".polyhelp-fallback-content")
    assert content.get_attribute("lang") == "en"
    assert content.get_attribute("dir") == "ltr"
    assert (
        page.evaluate(
            "getComputedStyle(document.querySelector('.polyhelp-fallback-content')).direction"
        )
        == "ltr"
    )
    title = page.locator(".polyhelp-notice .admonition-title span")
    assert (title.get_attribute("lang"), title.get_attribute("dir")) == ("en", "ltr")
    assert page.locator(".polyhelp-notice").get_attribute("aria-label") == "Not yet translated"


@pytest.mark.browser
@pytest.mark.parametrize("path", ["fa/", "fa/returns/", "el/returns/", "vi/faq/"])
def test_new_locales_have_no_serious_accessibility_violations(three_locales, page, path):
    _, origin = three_locales
    page.goto(f"{origin}/{path}")
    assert serious_violations(page) == []


# --- the repository's help center with Persian added ----------------------------------------


@pytest.fixture(scope="module")
def persian_help_center(tmp_path_factory):
    """The real help center plus Persian (no DeepL key: nothing is asked or translated), its
    interface allowed to show English; built and served."""
    root = tmp_path_factory.mktemp("persian") / "help"
    root.mkdir()
    config = copy_help_center(root)
    with pytest.MonkeyPatch.context() as patch:
        patch.delenv("DEEPL_AUTH_KEY", raising=False)
        code, output = run(config, "locale", "add", "fa")
    assert code == 0, output
    settings = root / "data" / "translation.yml"
    settings.write_text(
        settings.read_text(encoding="utf-8") + "interface:\n  english_fallback: [fa]\n",
        encoding="utf-8",
    )
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=None)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    origin = f"http://127.0.0.1:{server.server_address[1]}"
    build_site(config, site_dir=root / "site", site_url=f"{origin}/")
    lookup.use_project(None)
    server.RequestHandlerClass = functools.partial(
        http.server.SimpleHTTPRequestHandler, directory=str(root / "site")
    )
    server.RequestHandlerClass.log_message = lambda *args: None
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield root, origin
    server.shutdown()
    server.server_close()


def test_the_help_center_keeps_its_four_locales_and_adds_persian(persian_help_center):
    root, _ = persian_help_center
    assert list(languages(root / "mkdocs.yml")) == ["en", "fr", "de", "es", "fa"]
    assert list(languages(REPO / "mkdocs.yml")) == ["en", "fr", "de", "es"]


@pytest.mark.browser
@pytest.mark.parametrize("path", ["fa/", "fa/markets/", "fa/orders-delivery/shipping/"])
def test_persian_pages_of_the_help_center_read_right_to_left_and_pass_axe(
    persian_help_center, page, path
):
    _, origin = persian_help_center
    page.goto(f"{origin}/{path}")
    assert page.locator("body").get_attribute("dir") == "rtl"
    assert page.locator("html").get_attribute("dir") == "rtl"
    # The home page is made of interface text (Persian's, here English marked as such);
    # the others show their English page.
    if path != "fa/":
        english = page.locator(".polyhelp-fallback-content")
        assert english.get_attribute("dir") == "ltr"
        assert (
            page.evaluate(
                "getComputedStyle(document.querySelector('.polyhelp-fallback-content')).direction"
            )
            == "ltr"
        )
        marked = page.locator('[lang="en"][dir="ltr"]')
        assert marked.count() > 0, "English text on the page is marked as English"
    assert serious_violations(page) == []


def test_languages_written_on_one_line_are_refused_naming_the_line(tmp_path, fake):
    config = make_site(
        tmp_path,
        mkdocs_yml=TINY_MKDOCS.replace(
            "      languages:\n"
            "        - {locale: en, name: English, default: true}\n"
            "        - {locale: fr, name: Français}\n"
            "        - {locale: de, name: Deutsch}\n",
            "      languages: [{locale: en, name: English, default: true}, "
            "{locale: fr, name: Français}]\n",
        ),
    )
    before = config.read_bytes()
    code, output = run(config, "locale", "add", "el")
    assert code == 1
    assert "mkdocs.yml:" in output and "written on one line" in output
    assert config.read_bytes() == before
