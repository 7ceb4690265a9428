"""The translate command: one run at a time per repository; nothing a run paid for is lost."""

from __future__ import annotations

import subprocess
import threading

import pytest
from click.testing import CliRunner
from filelock import FileLock

from polyhelp.cli import cli
from polyhelp.translation.command import LOCK_NAME
from polyhelp.translation.memory import Entry, TranslationMemory
from tests.conftest import REPO
from tests.fake_deepl import deepl_for_polyhelp
from tests.translation.english_site import KEY, english_site, memory_keys, translate


@pytest.fixture
def fake(monkeypatch):
    with deepl_for_polyhelp(monkeypatch, KEY) as server:
        yield server


def wait_until(predicate, timeout=10.0) -> bool:
    import time

    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.01)
    return True


def test_second_run_waits_for_the_first_and_loses_nothing(tmp_path, fake, monkeypatch):
    site = english_site(tmp_path / "help", "translate:\n  wait_for_other_run: 60\n")
    monkeypatch.setattr("polyhelp.translation.run.MAX_TEXTS", 2)  # the first run lasts
    fake.delay = 0.1
    errors = []

    def run(*pages):
        try:
            translate(site, *pages, to="fr")
        except Exception as error:  # reported below, in the test's thread
            errors.append(error)

    first = threading.Thread(target=run, args=("returns.md", "refunds.md"))
    second = threading.Thread(target=run, args=("faq.md", "index.md"))
    first.start()
    assert wait_until(lambda: fake.translate_requests >= 1), "the first run has paid a batch"
    second.start()
    first.join(60)
    second.join(60)
    assert not errors

    def sent_at(words):
        return next(i for i, text in enumerate(fake.texts) if words in text)

    assert sent_at("gift receipt") > sent_at("original payment method"), "it waited"
    fake.delay = 0
    paid = fake.characters
    translate(site, to="fr")
    assert fake.characters == paid, "every translation either run paid for is in the memory"
    assert len(memory_keys(site, "fr")) == len(set(fake.texts))
    assert not list((site.parent / "translations").glob(".*.journal.jsonl"))


def test_a_second_run_that_cannot_wait_refuses_in_one_line(tmp_path, fake):
    site = english_site(tmp_path / "help", "translate:\n  wait_for_other_run: 0\n")
    (site.parent / "translations").mkdir()
    with FileLock(site.parent / "translations" / LOCK_NAME):
        result = CliRunner().invoke(cli, ["translate", "-f", str(site), "--to", "fr"])
    assert result.exit_code == 1
    assert result.output.count("\n") == 1
    assert "another polyhelp translate is running in this repository" in result.output
    assert fake.translate_requests == 0
    assert not (site.parent / "docs" / "fr").exists()


def test_a_leftover_journal_is_folded_into_the_memory_at_start(tmp_path, fake):
    site = english_site(tmp_path / "help")
    folder = site.parent / "translations"
    killed = TranslationMemory(folder, "de")  # a run killed after DeepL answered one batch
    killed.add([("paid-key", Entry("<x>Paid</x>", "<x>BEZAHLT</x>", "deepl"))])
    lines = translate(site, "faq.md", to="fr")  # a run for another locale folds it too
    assert "de: folded the journal of an interrupted run into the memory" in lines
    assert not killed.journal.exists()
    assert "paid-key" in memory_keys(site, "de")


def test_saving_merges_what_another_writer_appended_meanwhile(tmp_path):
    # A review saving the memory while a run is under way deletes no journal line.
    running = TranslationMemory(tmp_path, "fr")
    reviewing = TranslationMemory(tmp_path, "fr")
    running.add([("paid", Entry("Paid", "PAYÉ", "deepl"))])
    reviewing.pages["faq.md"] = {"reviewed_source": ["paid"]}
    reviewing.save()
    assert TranslationMemory(tmp_path, "fr").get("paid") == Entry("Paid", "PAYÉ", "deepl")


@pytest.mark.parametrize("name", [f"translations/{LOCK_NAME}", "translations/.fr.journal.jsonl"])
def test_lock_and_journal_are_ignored_by_git(name):
    ignored = subprocess.run(["git", "check-ignore", "-q", name], cwd=REPO, check=False)
    assert ignored.returncode == 0


def test_translate_help_documents_the_budget_and_its_exit_code():
    result = CliRunner().invoke(cli, ["translate", "--help"])
    assert "--max-characters" in result.output and "--retry-refused" in result.output
    assert "6  the character budget is spent" in result.output
