"""A value the data defines, typed by hand in a page, is an error naming its placeholder."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from polyhelp.cli import cli
from polyhelp.review.facts import literal_facts
from polyhelp.site.mkdocs_config import load_site
from tests.conftest import TINY_PAGES, make_site

POLICIES = "returns:\n  window: {amount: 45, unit: days}\n"  # the tiny pages type 30 days


def site_with(tmp_path, body: str, locale: str = "en"):
    pages = {**TINY_PAGES, f"{locale}/index.md": ("home", "Help", body)}
    config = make_site(tmp_path / "help", pages=pages)
    (config.parent / "data" / "policies.yml").write_text(POLICIES, encoding="utf-8")
    return config


def findings(config):
    """The findings on the page under test (the tiny site's other pages type facts too)."""
    return [f for f in literal_facts(load_site(config)[0]) if f.path.name == "index.md"]


def test_a_literal_that_equals_a_policy_is_an_error_naming_its_placeholder(tmp_path):
    config = site_with(tmp_path, "Intro.\n\nYou have **45 days** to return it.\n")
    [finding] = findings(config)
    lines = finding.path.read_text("utf-8").splitlines()
    assert finding.severity == "error" and "**45 days**" in lines[finding.line - 1]
    assert "{{ policies.returns.window }}" in finding.message


def test_the_placeholder_passes(tmp_path):
    assert findings(site_with(tmp_path, "You have {{ policies.returns.window }}.\n")) == []


def test_a_literal_in_a_code_example_passes(tmp_path):
    body = "Write `45 days` like this:\n\n```text\n45 days\n```\n"
    assert findings(site_with(tmp_path, body)) == []


def test_a_longer_number_is_not_the_fact(tmp_path):
    found = findings(site_with(tmp_path, "Within 145 days or 30.5 days.\n"))
    assert not any("policies.returns.window" in finding.message for finding in found)


def test_a_translation_that_types_the_fact_is_an_error_too(tmp_path):
    # French writes a no-break space between number and unit, or a plain one.
    config = site_with(tmp_path, "Vous avez 45 jours, soit 45\u00a0jours.\n", locale="fr")
    [finding] = findings(config)
    assert finding.path.parts[-2:] == ("fr", "index.md")


def test_the_shops_email_address_typed_by_hand_is_an_error(tmp_path):
    [finding] = findings(site_with(tmp_path, "Write to help@shop.example.test today.\n"))
    assert "{{ shop.email }}" in finding.message


def test_check_fails_on_literal_facts(tmp_path):
    config = site_with(tmp_path, "You have 45 days.\n")
    checked = CliRunner().invoke(cli, ["check", "-q", "-f", str(config)])
    skipped = CliRunner().invoke(cli, ["check", "-q", "-f", str(config), "--no-literal-facts"])
    assert checked.exit_code == 1 and "[literal-fact]" in checked.output
    assert "literal-fact" not in skipped.output


def test_the_repository_types_no_fact_by_hand():
    # The help center this repository ships: every fact in every locale comes from data.
    from polyhelp.site.mkdocs_config import load_site as load
    from tests.conftest import REPO

    assert [str(finding) for finding in literal_facts(load(REPO / "mkdocs.yml")[0])] == []


@pytest.mark.parametrize(
    ("locale", "body", "typed"),
    [
        ("en", "Orders placed by 14:00 ship today.", "14:00"),
        ("en", "Call us from 9 a.m. on weekdays.", "9 a.m."),
        ("fr", "Commandez avant 14 h 00.", "14 h 00"),
        ("en", "Standard delivery costs €4.90.", "€4.90"),
        ("de", "Der Versand kostet 4,90 € pro Bestellung.", "4,90 €"),
        ("fr", "La livraison coûte 16,90 $US.", "16,90 $US"),
        ("en", "Call +44 20 7946 0321 today.", "+44 20 7946 0321"),
        ("en", "Write to someone@example.org.", "someone@example.org"),
        ("en", "We answer within 3 working days.", "3 working days"),
        ("de", "Wir antworten innerhalb von 12 Tagen.", "12 Tagen"),
        ("fr", "Nous répondons sous 12 jours ouvrés.", "12 jours"),
        ("de", "Wir antworten binnen 12 Werktagen.", "12 Werktagen"),
    ],
)
def test_a_fact_the_data_does_not_define_is_an_error_too(tmp_path, locale, body, typed):
    # It contradicts the data, or states a fact the data lacks: either way it drifts.
    [finding] = findings(site_with(tmp_path, body + "\n", locale=locale))
    assert finding.check == "literal-fact" and f"'{typed}" in finding.message
    assert "data/policies.yml" in finding.message


@pytest.mark.parametrize(
    "body",
    [
        "Save your 10 backup codes; your order number has 8 digits.",
        "See GDPR Art. 15 and Directive 2011/83/EU, Art. 9(1).",
        "Read [the guide](https://example.org/14:00/page) and <https://example.org/a?b=45>.",
        "Use 3-D Secure in your banking app.",
    ],
)
def test_numbers_that_are_no_facts_pass(tmp_path, body):
    assert findings(site_with(tmp_path, body + "\n")) == []
