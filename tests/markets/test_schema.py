"""URLs and page names in market data are checked as such where the data is loaded: a
value that would end a Markdown link or an HTML attribute early never reaches a page."""

from __future__ import annotations

from pathlib import Path

import pytest

from polyhelp.markets.load import MarketDataError, load_market_data
from polyhelp.site.mkdocs_config import load_site
from tests.conftest import copy_help_center, line_of, replace_once

AUTHORITY_URL = "url: https://www.dsb.gv.at"


@pytest.fixture
def help_center(tmp_path: Path) -> Path:
    return copy_help_center(tmp_path / "help")


def load_error(config: Path) -> str:
    with pytest.raises(MarketDataError) as caught:
        load_market_data(load_site(config)[0])
    return str(caught.value)


def refused_url(config: Path, url: str) -> tuple[str, int]:
    path = config.parent / "data" / "markets" / "at.yml"
    text = replace_once(path, AUTHORITY_URL, f"url: {url}")
    return load_error(config), line_of(text, f"url: {url}")


def test_authority_url_with_parenthesis_is_refused(help_center):
    error, line = refused_url(help_center, "https://www.dsb.gv.at/a)b](javascript:alert(1)")
    assert len(error.splitlines()) == 1
    assert f"at.yml:{line}: privacy.authority.url: " in error
    assert "')'" in error or "'('" in error


@pytest.mark.parametrize(
    "url",
    [
        "'https://www.dsb.gv.at/\"onmouseover=\"x'",
        "'https://www.dsb.gv.at/a b'",
        "'https://www.dsb.gv.at/<script>'",
        "http://www.dsb.gv.at",
        "javascript:alert(1)",
        "https:///nohost",
    ],
)
def test_authority_url_that_is_not_an_https_url_is_refused(help_center, url):
    error, line = refused_url(help_center, url)
    assert f"at.yml:{line}: privacy.authority.url: " in error


def test_policy_page_that_could_end_a_link_is_refused(help_center):
    path = help_center.parent / "data" / "privacy-regimes.yml"
    text = path.read_text(encoding="utf-8")
    hostile = "policy_page: 'policies/privacy>).md'"
    path.write_text(text.replace("policy_page: policies/privacy.md", hostile, 1), "utf-8")
    error = load_error(help_center)
    assert "policy_page: " in error and "is not a page of the help center" in error
