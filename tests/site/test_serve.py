"""The writers' preview: a saved page is rendered again alone, as the full build writes it."""

from __future__ import annotations

import filecmp
import logging
from pathlib import Path

import pytest

from polyhelp.errors import ConfigError
from polyhelp.site.build import build_site
from polyhelp.site.mkdocs_config import load_site
from polyhelp.site.serve import Preview, check_locale, classify, markdown_files
from polyhelp.translation.segment import segment
from tests.conftest import TINY_PAGES, make_site, page_text, replace_once

SITE_URL = "https://help.example.test/"  # the tiny site's; the preview is given the same


def reviewed(english: str, title: str, body: str) -> str:
    """A French page reviewed against `english` (no notice until the English changes)."""
    source_hash = segment(english).source_hash()
    meta = (
        f"title: {title}\ndescription: About {title.lower()}.\ntype: guide\n"
        f"translation:\n  source_hash: {source_hash}\n  reviewed_source_hash: {source_hash}\n"
        "  status: reviewed\n  engine: human\n"
    )
    return f"---\n{meta}---\n\n{body}"


@pytest.fixture
def help_center(tmp_path: Path) -> Path:
    english = page_text(*TINY_PAGES["en/returns.md"])
    pages = dict(TINY_PAGES)
    pages["fr/returns.md"] = reviewed(english, "Retours", "## Retourner un article\n\nGratuit.\n")
    return make_site(tmp_path / "help", pages)


@pytest.fixture
def preview(help_center: Path, tmp_path: Path):
    shown = Preview(help_center, tmp_path / "preview", ["en", "fr", "de"], site_url=SITE_URL)
    shown.start()
    yield shown
    shown.stop()


def differing(config: Path, tmp_path: Path, preview: Preview) -> list[str]:
    """The HTML pages where the preview differs from a full build of the same files."""
    preview.settle()
    preview_dir = preview.site_dir
    site_dir = build_site(config, site_dir=tmp_path / "built", site_url=SITE_URL).site_dir
    pages = sorted(site_dir.rglob("*.html"))
    assert len(pages) > 10
    return [
        page.relative_to(site_dir).as_posix()
        for page in pages
        if not filecmp.cmp(page, preview_dir / page.relative_to(site_dir), shallow=False)
    ]


def test_the_preview_starts_as_the_full_build(help_center, preview, tmp_path):
    assert differing(help_center, tmp_path, preview) == []


def test_a_saved_english_page_is_rendered_again_in_every_locale_showing_it(
    help_center, preview, tmp_path
):
    page = help_center.parent / "docs" / "en" / "returns.md"
    replace_once(page, "free within 30 days", "free within 45 days")
    rendered = preview.update({str(page)})
    # Its own page, and the translations compared with it (French becomes stale).
    assert sorted(rendered) == ["de/returns/", "fr/returns/", "returns/"]
    assert "45 days" in (preview.site_dir / "returns" / "index.html").read_text()
    assert differing(help_center, tmp_path, preview) == []
    french = (preview.site_dir / "fr" / "returns" / "index.html").read_text()
    assert "polyhelp-notice" in french  # the stale notice, as the full build writes it


def test_a_saved_translation_is_rendered_again_in_its_locale_only(help_center, preview, tmp_path):
    page = help_center.parent / "docs" / "fr" / "refunds.md"
    replace_once(page, "sous 14 jours", "sous 10 jours")
    assert preview.update({str(page)}) == ["fr/refunds/"]
    assert differing(help_center, tmp_path, preview) == []


def test_a_fallback_page_follows_its_english_text(help_center, preview, tmp_path):
    page = help_center.parent / "docs" / "en" / "faq.md"
    replace_once(page, "with the gift receipt", "with the receipt")
    # French shows the English text; German compares its translation with it.
    assert sorted(preview.update({str(page)})) == ["de/faq/", "faq/", "fr/faq/"]
    assert "with the receipt" in (preview.site_dir / "fr" / "faq" / "index.html").read_text()
    assert differing(help_center, tmp_path, preview) == []


def test_a_new_title_renders_the_pages_whose_navigation_lists_it(help_center, preview, tmp_path):
    reloads = []
    preview.reload = lambda: reloads.append(True)
    page = help_center.parent / "docs" / "en" / "refunds.md"
    replace_once(page, "title: Refunds", "title: Refunds and credits")
    # The saved page first, in each locale made from it: the writer waits for that alone.
    assert sorted(preview.update({str(page)})) == ["de/refunds/", "fr/refunds/", "refunds/"]
    preview.settle()
    # Then the pages whose navigation shows the title, and the browsers reload again.
    later = preview.rendered_later
    assert {"returns/", "faq/", "404.html"} <= set(later) and "refunds/" not in later
    # French pages keep their own titles: no French page lists the new one.
    assert not [page for page in later if page.startswith("fr/")]
    assert reloads == [True]
    assert differing(help_center, tmp_path, preview) == []


def test_a_save_while_the_navigation_is_rendered_is_not_lost(help_center, preview, tmp_path):
    refunds = help_center.parent / "docs" / "en" / "refunds.md"
    replace_once(refunds, "title: Refunds", "title: Refunds and credits")
    preview.update({str(refunds)})
    french = help_center.parent / "docs" / "fr" / "refunds.md"
    replace_once(french, "sous 14 jours", "sous 10 jours")
    assert preview.update({str(french)}) == ["fr/refunds/"]
    assert differing(help_center, tmp_path, preview) == []


def test_a_new_translation_builds_its_locale_again(help_center, preview, tmp_path):
    page = help_center.parent / "docs" / "fr" / "faq.md"
    page.write_text(page_text("faq", "FAQ", "## Puis-je rendre un cadeau ?\n\nOui.\n"), "utf-8")
    assert preview.update({str(page)}) == ["fr"]
    assert "Puis-je rendre" in (preview.site_dir / "fr" / "faq" / "index.html").read_text()
    assert differing(help_center, tmp_path, preview) == []


def test_a_data_change_builds_every_locale_again(help_center, preview, tmp_path):
    shop = help_center.parent / "data" / "shop.yml"
    replace_once(shop, "name: Tiny Shop\n", "name: Small Shop\n")
    assert sorted(preview.update({str(shop)})) == ["de", "en", "fr"]
    assert "Small Shop" in (preview.site_dir / "returns" / "index.html").read_text()
    assert differing(help_center, tmp_path, preview) == []


def test_a_broken_page_is_said_and_the_last_good_page_stays(help_center, preview, caplog):
    page = help_center.parent / "docs" / "fr" / "refunds.md"
    before = (preview.site_dir / "fr" / "refunds" / "index.html").read_bytes()
    replace_once(page, "sous 14 jours", "sous {{ shop.fax }} jours")
    with caplog.at_level(logging.ERROR, logger="polyhelp"):
        assert preview.update({str(page)}) == []
    assert "unknown placeholder {{ shop.fax }}" in caplog.text
    assert "fr preview not updated" in caplog.text
    assert (preview.site_dir / "fr" / "refunds" / "index.html").read_bytes() == before
    replace_once(page, "sous {{ shop.fax }} jours", "sous 12 jours")
    assert preview.update({str(page)}) == ["fr/refunds/"]


def test_one_locale_is_previewed_alone(help_center, tmp_path):
    preview = Preview(help_center, tmp_path / "preview", ["fr"], site_url=SITE_URL)
    preview.start()
    try:
        assert (preview.site_dir / "fr" / "returns" / "index.html").is_file()
        assert not (preview.site_dir / "returns" / "index.html").exists()
        english = help_center.parent / "docs" / "en" / "returns.md"
        replace_once(english, "free within", "always free within")
        assert preview.update({str(english)}) == ["fr/returns/"]  # its notice may change
    finally:
        preview.stop()


def test_an_unknown_locale_is_refused(help_center):
    site, _ = load_site(help_center)
    assert check_locale(site, "fr") == ["fr"]
    assert check_locale(site, None) == ["en", "fr", "de"]
    with pytest.raises(ConfigError, match="--locale it: the site builds no such locale"):
        check_locale(site, "it")


def test_what_a_save_asks_of_each_locale(help_center):
    site, _ = load_site(help_center)
    docs, locales = site.docs_dir, ["en", "fr", "de"]
    known = markdown_files(site)

    def change(*names: str):
        return classify(site, locales, {str(help_center.parent / name) for name in names}, known)

    english = change("docs/en/returns.md")
    assert english.pages == {locale: {docs.resolve() / "en/returns.md"} for locale in locales}
    assert not english.rebuild
    assert change("docs/de/returns.md").pages == {"de": {docs.resolve() / "de/returns.md"}}
    (docs / "de" / "new.md").write_text(page_text("guide", "Neu", "Text.\n"), "utf-8")
    assert change("docs/de/new.md").rebuild == {"de"}
    assert change("docs/de/new.md").pages == {}
    assert change("docs/en/logo.png").rebuild == set(locales)
    assert change("data/shop.yml").rebuild == set(locales)
    assert change("mkdocs.yml").pages == {}
    leftovers = change("docs/en/.returns.md.swp", "docs/en/returns.md~")
    assert not leftovers.pages and not leftovers.rebuild
