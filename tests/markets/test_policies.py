"""Shop-wide policies: stated once in data/policies.yml, shown in every page's language."""

from __future__ import annotations

import pytest

from polyhelp.errors import DataError
from polyhelp.markets.policies import policy_values
from polyhelp.site.build import build_site
from tests.conftest import TINY_PAGES, make_site

POLICIES = """\
returns:
  window: {amount: 30, unit: days}
  processing: {amount: 3, unit: working_days}
orders:
  change_window: {amount: 1, unit: hours}
  cancelled_refund: {amount: 1, unit: working_days}
"""


def write(tmp_path, text=POLICIES):
    (tmp_path / "policies.yml").write_text(text, encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize(
    ("language", "window", "processing", "one_day"),
    [
        ("en", "30 days", "3 working days", "1 working day"),
        ("fr", "30\u00a0jours", "3\u00a0jours ouvrés", "1\u00a0jour ouvré"),
        ("de", "30 Tage", "3 Werktage", "1 Werktag"),
        ("es", "30 días", "3 días hábiles", "1 día hábil"),
    ],
)
def test_durations_are_written_in_the_pages_language(
    tmp_path, language, window, processing, one_day
):
    values = policy_values(write(tmp_path), language)
    assert values["returns"] == {"window": window, "processing": processing}
    assert values["orders"]["cancelled_refund"] == one_day


def test_calendar_units_use_cldr_plural_forms(tmp_path):
    assert policy_values(write(tmp_path), "de")["orders"]["change_window"] == "1 Stunde"


def test_a_help_center_without_policies_has_none(tmp_path):
    assert policy_values(tmp_path, "en") is None


@pytest.mark.parametrize(
    ("bad", "line", "message"),
    [
        ("  window: {amount: 30, unit: fortnights}\n", 2, "unit"),
        ("  window: {amount: 0, unit: days}\n", 2, "amount"),
        ("  window: {amount: 30, unit: days, note: x}\n", 2, "note"),
        ("  Window: {amount: 30, unit: days}\n", 2, "Window"),
    ],
    ids=["unknown-unit", "zero", "unknown-key", "not-a-name"],
)
def test_bad_policies_name_file_and_line(tmp_path, bad, line, message):
    write(tmp_path, "returns:\n" + bad)
    with pytest.raises(DataError, match=message) as caught:
        policy_values(tmp_path, "en")
    assert caught.value.line == line
    assert caught.value.path.name == "policies.yml"


def test_a_page_states_a_policy_through_its_placeholder_in_every_locale(tmp_path):
    config = make_site(
        tmp_path / "help",
        pages={
            **TINY_PAGES,
            "en/index.md": ("guide", "Help", "You have {{ policies.returns.window }}.\n"),
            "fr/index.md": ("guide", "Aide", "Vous avez {{ policies.returns.window }}.\n"),
        },
    )
    write(config.parent / "data")
    site = build_site(config, site_dir=tmp_path / "site").site_dir
    assert "You have 30 days." in (site / "index.html").read_text("utf-8")
    assert "Vous avez 30\u00a0jours." in (site / "fr" / "index.html").read_text("utf-8")


def test_a_changed_policy_changes_every_page_that_states_it(tmp_path):
    config = make_site(
        tmp_path / "help",
        pages={
            **TINY_PAGES,
            "en/index.md": ("guide", "Help", "You have {{ policies.returns.window }}.\n"),
        },
    )
    write(config.parent / "data", POLICIES.replace("amount: 30", "amount: 45"))
    site = build_site(config, site_dir=tmp_path / "site").site_dir
    assert "You have 45 days." in (site / "index.html").read_text("utf-8")
