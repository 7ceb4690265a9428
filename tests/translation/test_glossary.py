"""data/glossary.yml and data/translation.yml are validated before anything is sent."""

from __future__ import annotations

import pytest

from polyhelp.errors import DataError
from polyhelp.translation.glossary import load_settings
from tests.conftest import REPO, line_of
from tests.fake_deepl import FakeDeepL, fast_sdk_retries
from tests.translation.english_site import KEY, english_site, translate

GLOSSARY = """\
do_not_translate:
  - PayPal
terms:
  refund:
    fr: remboursement
    de: Rückerstattung
"""


def data_dir(tmp_path, glossary: str = GLOSSARY, settings: str = ""):
    folder = tmp_path / "data"
    folder.mkdir()
    (folder / "glossary.yml").write_text(glossary, encoding="utf-8")
    (folder / "translation.yml").write_text(settings, encoding="utf-8")
    return folder


def error_of(folder, locales=None) -> DataError:
    with pytest.raises(DataError) as raised:
        load_settings(folder, locales)
    return raised.value


def test_the_help_centers_own_glossary_and_settings_are_valid():
    settings = load_settings(REPO / "data", ["fr", "de", "es"])
    assert settings.terms_for("fr")["refund"] == "remboursement"
    assert settings.timeout and settings.max_characters and settings.max_retries is not None


@pytest.mark.parametrize(
    ("bad", "needle", "why"),
    [
        ("    fr: ''", "fr: ''", "is empty"),
        ("    fr:", "fr:", "is empty"),
        ('    fr: "rem\\tboursement"', "boursement", "contains a tab or a line break"),
        ('    fr: "rem\\nboursement"', "boursement", "contains a tab or a line break"),
        ("    fr: [remboursement, avoir]", "avoir", "is a list"),
        ("    fr: {masculine: remboursement}", "masculine", "is a dict"),
    ],
)
def test_a_glossary_term_that_is_not_one_line_of_text_is_an_error_naming_its_line(
    tmp_path, bad, needle, why
):
    glossary = GLOSSARY.replace("    fr: remboursement", bad)
    error = error_of(data_dir(tmp_path, glossary))
    assert why in error.message
    assert error.path.name == "glossary.yml"
    assert error.line == line_of(glossary, needle)


@pytest.mark.parametrize(
    ("glossary", "needle"),
    [
        (GLOSSARY.replace("  refund:", '  "":'), '"":'),
        (GLOSSARY.replace("  refund:", '  "re\\tfund":'), "fund"),
        (GLOSSARY.replace("  - PayPal", "  - ''"), "- ''"),
        (GLOSSARY.replace("  - PayPal", "  - [Pay, Pal]"), "[Pay, Pal]"),
    ],
)
def test_an_english_term_or_protected_name_that_is_empty_tabbed_or_a_list_is_an_error(
    tmp_path, glossary, needle
):
    error = error_of(data_dir(tmp_path, glossary))
    assert error.path.name == "glossary.yml" and error.line == line_of(glossary, needle)


@pytest.mark.parametrize(
    ("setting", "expected"),
    [
        ("max_retries: lots", "deepl.max_retries is 'lots'"),
        ("max_retries: -1", "deepl.max_retries is -1"),
        ("max_retries: 2.5", "a whole number"),
        ("timeout: -3", "deepl.timeout is -3"),
        ("timeout: 0", "above 0"),
        ("max_characters: 0", "deepl.max_characters is 0"),
        ("max_characters: many", "a whole number, 1 or more"),
        ("retries: 3", "unknown key deepl.retries"),
    ],
)
def test_a_bad_deepl_setting_is_an_error_naming_file_and_line(tmp_path, setting, expected):
    settings = f"# settings\ndeepl:\n  {setting}\n"
    error = error_of(data_dir(tmp_path, settings=settings))
    assert expected in error.message
    assert error.path.name == "translation.yml" and error.line == 3
    assert "\n" not in str(error)


def test_a_negative_wait_for_another_run_is_an_error(tmp_path):
    error = error_of(data_dir(tmp_path, settings="translate:\n  wait_for_other_run: -5\n"))
    assert "translate.wait_for_other_run is -5" in error.message and error.line == 2


def test_formality_for_a_locale_the_site_does_not_build_is_an_error(tmp_path):
    settings = "formality:\n  fr: prefer_more\n  it: more\n"
    error = error_of(data_dir(tmp_path, settings=settings), ["fr", "de"])
    assert "'it', which the site does not translate into" in error.message
    assert error.path.name == "translation.yml" and error.line == 3


def test_glossary_is_validated_before_anything_is_sent(tmp_path, monkeypatch):
    site = english_site(tmp_path / "help")
    (site.parent / "data" / "glossary.yml").write_text(
        GLOSSARY.replace("    fr: remboursement", "    fr: ''"), encoding="utf-8"
    )
    with FakeDeepL(KEY) as fake, fast_sdk_retries(max_retries=0):
        monkeypatch.setenv("DEEPL_AUTH_KEY", KEY)
        monkeypatch.setenv("DEEPL_SERVER_URL", fake.url)
        with pytest.raises(DataError, match="is empty"):
            translate(site)
        assert fake.requests == []
    assert not (site.parent / "translations").exists()


def test_a_settings_file_that_is_not_utf8_is_an_error_naming_its_line(tmp_path):
    folder = data_dir(tmp_path)
    (folder / "glossary.yml").write_bytes(b"terms:\n  caf\xe9:\n    fr: caf\xe9\n")
    error = error_of(folder)
    assert "not UTF-8" in error.message and error.line == 2
