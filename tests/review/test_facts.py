"""A value the data defines, typed by hand in a page, is an error naming its placeholder."""

from __future__ import annotations

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
    return literal_facts(load_site(config)[0])


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
    assert findings(site_with(tmp_path, "Within 145 days or 30.5 days.\n")) == []


def test_a_translation_that_types_the_fact_is_an_error_too(tmp_path):
    # French writes a no-break space between number and unit, or a plain one.
    config = site_with(tmp_path, "Vous avez 45 jours, soit 45\u00a0jours.\n", locale="fr")
    [finding] = findings(config)
    assert finding.path.parts[-2:] == ("fr", "index.md")


def test_the_shops_email_address_typed_by_hand_is_an_error(tmp_path):
    [finding] = findings(site_with(tmp_path, "Write to help@shop.example.test today.\n"))
    assert "{{ shop.email }}" in finding.message


def test_check_fails_on_literal_facts_when_asked(tmp_path):
    config = site_with(tmp_path, "You have 45 days.\n")
    plain = CliRunner().invoke(cli, ["check", "-q", "-f", str(config)])
    asked = CliRunner().invoke(cli, ["check", "-q", "-f", str(config), "--literal-facts"])
    assert "literal-fact" not in plain.output
    assert asked.exit_code == 1 and "[literal-fact]" in asked.output
