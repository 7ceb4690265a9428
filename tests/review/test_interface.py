"""`polyhelp check` reports a catalog's problems as the build would, naming file and line."""

from __future__ import annotations

from polyhelp.locales.catalog import entry_states, load_for_update, save
from polyhelp.review.gate import check_site
from polyhelp.site.mkdocs_config import load_site
from polyhelp.translation.glossary import load_settings
from tests.conftest import TINY_MKDOCS, filled_catalog, line_of, make_site

GREEK = TINY_MKDOCS.replace(
    "        - {locale: de, name: Deutsch}\n", "        - {locale: el, name: Ελληνικά}\n"
)


def interface(findings):
    return [f for f in findings if f.check == "interface"]


def test_check_names_a_catalog_entry_that_drops_a_placeholder(tmp_path):
    site, _ = load_site(make_site(tmp_path, mkdocs_yml=GREEK))
    path = filled_catalog(tmp_path, "el", {"free_from": "δωρεάν"})
    [finding] = interface(check_site(site, load_settings(site.data_dir)))
    assert finding.path == path and finding.severity == "error"
    assert finding.line == line_of(path.read_text(encoding="utf-8"), 'msgctxt "free_from"') + 1
    assert "'free_from' drops {amount}" in str(finding)


def test_untranslated_entries_are_errors_unless_english_is_allowed(tmp_path):
    site, _ = load_site(make_site(tmp_path, mkdocs_yml=GREEK))
    filled_catalog(tmp_path, "el", {"picker.label": ""})
    [finding] = interface(check_site(site, load_settings(site.data_dir)))
    assert "'picker.label' is not translated" in finding.message
    (tmp_path / "data" / "translation.yml").write_text(
        "interface:\n  english_fallback: [el]\n", encoding="utf-8"
    )
    assert interface(check_site(site, load_settings(site.data_dir))) == []


def test_shipped_catalogs_pass_the_check(tiny_site):
    site, _ = load_site(tiny_site)
    assert interface(check_site(site, load_settings(site.data_dir))) == []


def test_review_lists_machine_entries_and_accept_marks_them_reviewed(tmp_path):
    config = make_site(tmp_path, mkdocs_yml=GREEK)
    site, _ = load_site(config)
    path = filled_catalog(tmp_path, "el")
    made = load_for_update(path, "el")
    for message in made:
        if message.context in ("head.price", "picker.label"):
            message.flags.add("fuzzy")
            message.user_comments.append("machine: deepl")
    save(made, path)
    code, output = run(config, "review", str(path))
    assert code == 0, output
    assert "2 entries to review (el)" in output
    assert "head.price (machine)" in output and "English:      Price" in output
    code, output = run(config, "review", str(path), "--accept", "--by", "Eleni")
    assert code == 0, output
    assert "2 machine entries marked reviewed" in output
    assert set(entry_states("el", tmp_path).values()) == {"reviewed"}
    assert "Last-Translator: Eleni" in path.read_text(encoding="utf-8")


def test_review_refuses_a_po_file_that_is_no_catalog_of_the_site(tmp_path):
    config = make_site(tmp_path, mkdocs_yml=GREEK)
    stray = tmp_path / "other.po"
    stray.write_text("", encoding="utf-8")
    code, output = run(config, "review", str(stray))
    assert code == 1 and "not a catalog of this help center's locales" in output


def run(config, *args):
    from click.testing import CliRunner

    from polyhelp.cli import cli

    result = CliRunner().invoke(cli, [*args, "-f", str(config)])
    return result.exit_code, result.output
