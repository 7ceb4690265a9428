"""The writers' status page: a page's file name is input, and lands as a URL and as text."""

from __future__ import annotations

from html.parser import HTMLParser

from polyhelp.locales.catalog import load_for_update, save
from polyhelp.review.report import offending, rule_problem, status_page_html
from polyhelp.review.states import PageState, site_states
from polyhelp.site.mkdocs_config import load_site
from tests.conftest import TINY_MKDOCS, filled_catalog, make_site


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links: list[dict] = []

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            self.links.append(dict(attrs))


def test_a_file_name_with_quotes_and_markup_stays_inside_its_link(tiny_site):
    site, _ = load_site(tiny_site)
    name = 'x" onmouseover="alert(1)<b>.md'
    state = PageState("fr", name, "missing", "guide", 10, None, {})
    parser = _Links()
    parser.feed(status_page_html(site, [state]))
    [link] = [attrs for attrs in parser.links if "href" in attrs and "alert" in attrs["href"]]
    assert set(link) == {"href"}, "no attribute besides href"
    assert '"' not in link["href"] and "<" not in link["href"]


GREEK = TINY_MKDOCS.replace(
    "        - {locale: de, name: Deutsch}\n", "        - {locale: el, name: Ελληνικά}\n"
)


def test_a_help_centers_own_catalog_is_a_row_of_the_status_in_its_worst_state(tmp_path):
    config = make_site(tmp_path, mkdocs_yml=GREEK)
    site, _ = load_site(config)
    path = filled_catalog(tmp_path, "el")
    [row] = [s for s in site_states(site) if s.page_type == "interface"]
    assert (row.locale, row.name, row.state) == ("el", "locales/el.po", "reviewed")
    made = load_for_update(path, "el")
    entry = next(m for m in made if m.context == "head.price")
    entry.flags.add("fuzzy")
    entry.user_comments.append("machine: pseudo")
    save(made, path)
    [row] = [s for s in site_states(site) if s.page_type == "interface"]
    assert row.state == "pseudo"
    assert offending([row], ["pseudo"]) == [row]
    assert rule_problem("machine:interface") is None
    assert "<code>locales/el.po</code> (interface)" in status_page_html(site, [row])


def test_a_locale_without_any_catalog_is_missing_its_interface_text(tmp_path):
    site, _ = load_site(make_site(tmp_path, mkdocs_yml=GREEK))
    [row] = [s for s in site_states(site) if s.page_type == "interface"]
    assert (row.state, row.path) == ("missing", None)


def test_shipped_catalogs_are_no_row_of_the_status(tiny_site):
    site, _ = load_site(tiny_site)
    assert not [s for s in site_states(site) if s.page_type == "interface"]
