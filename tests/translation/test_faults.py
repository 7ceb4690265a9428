"""translate against a faulty engine: timeouts, a budget, refusals and malformed answers.

Every test goes through the real deepl SDK to the fake server; none asserts timing.
"""

from __future__ import annotations

import json
import re

import pytest
from click.testing import CliRunner

from polyhelp.cli import cli
from polyhelp.content import frontmatter
from polyhelp.translation.engines import AnswerError, BudgetError, NetworkError
from tests.fake_deepl import deepl_for_polyhelp
from tests.translation.english_site import KEY, english_site, memory_keys, translate

TAG = re.compile(r"<[^>]*>")


@pytest.fixture
def fake(monkeypatch):
    with deepl_for_polyhelp(monkeypatch, KEY) as server:
        yield server


@pytest.fixture
def site(tmp_path):
    return english_site(tmp_path / "help")


@pytest.fixture
def small_batches(monkeypatch):
    monkeypatch.setattr("polyhelp.translation.run.MAX_TEXTS", 3)
    return 3


def docs(config):
    return config.parent / "docs"


def cli_translate(config, *args):
    return CliRunner().invoke(cli, ["translate", "-f", str(config), *args])


# --- timeouts ------------------------------------------------------------------------------


TIMEOUT_SETTINGS = "deepl:\n  timeout: 0.5\n"


def unfaulted_run(tmp_path, fake) -> tuple[int, list[str]]:
    """Characters billed for translating the English site, and the texts in order."""
    config = english_site(tmp_path / "unfaulted", TIMEOUT_SETTINGS)
    translate(config)
    fake.wait_idle()
    return fake.characters, list(fake.texts)


def test_a_timeout_bills_at_most_one_batch_more(tmp_path, fake, small_batches):
    baseline, texts = unfaulted_run(tmp_path, fake)
    first_batch = sum(len(text) for text in texts[:small_batches])

    site = english_site(tmp_path / "faulted", TIMEOUT_SETTINGS)
    before = fake.characters
    fake.delay_next(1.5)  # the first request outlasts the timeout; DeepL bills it all the same
    translate(site)
    fake.wait_idle()
    extra = fake.characters - before - baseline
    print(
        f"\none timed-out request: unfaulted run {baseline:,} characters billed, faulted run "
        f"{baseline + extra:,} (+{extra:,}, +{100 * extra / baseline:.1f} %); the timed-out "
        f"batch {first_batch:,}"
    )
    assert extra <= first_batch
    assert memory_keys(site, "fr") == memory_keys(tmp_path / "unfaulted" / "mkdocs.yml", "fr")


def test_a_slow_server_stops_the_run_before_billing_a_batch_twice(tmp_path, fake, small_batches):
    baseline, texts = unfaulted_run(tmp_path, fake)
    first_batch = sum(len(text) for text in texts[:small_batches])

    site = english_site(tmp_path / "faulted", TIMEOUT_SETTINGS)
    before = fake.characters
    # Slow for two requests: the SDK alone billed the same batch twice, then a third time.
    fake.delay_next(1.5, times=2)
    with pytest.raises(NetworkError, match="did not answer in time"):
        translate(site)
    fake.wait_idle()
    translate(site)  # the resumed run
    fake.wait_idle()
    extra = fake.characters - before - baseline
    print(
        f"\nserver slow for two requests: unfaulted run {baseline:,} characters billed, "
        f"faulted run + resumed run {baseline + extra:,} (+{extra:,}, "
        f"+{100 * extra / baseline:.1f} %); the first batch {first_batch:,}"
    )
    assert extra < 2 * first_batch


def test_a_timed_out_request_is_not_resent_by_the_sdk(site, fake):
    # Our hook into the SDK's private retry decision (deepl 1.32): the slow batch is split,
    # never sent again whole.
    fake.delay_next(1.5, times=1)
    site.parent.joinpath("data", "translation.yml").write_text("deepl:\n  timeout: 0.5\n")
    translate(site, "faq.md", to="fr")
    fake.wait_idle()
    first_batch = [text for text in fake.texts if "gift receipt" in text]
    assert len(first_batch) == 2, "sent twice: the timed-out batch, then its half"
    assert fake.translate_requests >= 3  # the slow one (billed) and two halves


def test_two_timeouts_in_a_row_stop_the_run_resumably(site, fake):
    site.parent.joinpath("data", "translation.yml").write_text("deepl:\n  timeout: 0.3\n")
    fake.delay_next(1.0, times=2)
    with pytest.raises(NetworkError, match="did not answer in time.*deepl.timeout"):
        translate(site, to="fr")
    fake.wait_idle()
    translate(site, to="fr")
    assert (docs(site) / "fr" / "faq.md").exists()


# --- the character budget ------------------------------------------------------------------


def test_budget_is_never_exceeded(tmp_path, fake, small_batches):
    full = english_site(tmp_path / "full")
    translate(full)
    total = fake.characters

    site = english_site(tmp_path / "budget")
    budget = total // 3
    before = fake.characters
    result = cli_translate(site, "--max-characters", str(budget))
    assert result.exit_code == 6, result.output
    spent = fake.characters - before
    assert 0 < spent <= budget
    message = result.output.strip().splitlines()[-1]
    assert message.startswith("polyhelp: error: ") and "character budget" in message
    assert "still to translate, everything translated before is saved" in message
    assert "Traceback" not in result.output
    kept = memory_keys(site, "fr") | memory_keys(site, "de")
    assert kept, "what the budget paid for is in the memory"

    # The next run sends only what the first one could not pay for.
    before = fake.characters
    translate(site)
    assert spent + fake.characters - before == total


def test_budget_comes_from_the_settings_without_the_option(site, fake):
    site.parent.joinpath("data", "translation.yml").write_text("deepl:\n  max_characters: 40\n")
    with pytest.raises(BudgetError, match="budget of 40"):
        translate(site, to="fr")
    assert fake.characters <= 40


# --- refusals ------------------------------------------------------------------------------


def drop_tags_of(words: str):
    def rewrite(source, translation):
        return TAG.sub("", translation) if words in source else translation

    return rewrite


def test_refused_segment_is_not_resent_until_its_source_changes(site, fake):
    fake.rewrite = drop_tags_of("refund within")
    lines = translate(site, "refunds.md", to="fr")
    assert any("refunds.md:" in line and "(English kept)" in line for line in lines)
    assert any("--retry-refused" in line for line in lines)
    sent = len(fake.texts)

    translate(site, "refunds.md", to="fr")
    assert len(fake.texts) == sent, "a refused segment is not billed again"
    refused = (site.parent / "translations" / "fr.refused.jsonl").read_text("utf-8")
    assert "refund within" in refused

    english = docs(site) / "en" / "refunds.md"
    english.write_text(english.read_text("utf-8").replace("14 days", "ten days"), "utf-8")
    fake.rewrite = None
    translate(site, "refunds.md", to="fr")
    assert [t for t in fake.texts[sent:] if "refund within" in t], "its new English is sent"
    assert "REFUND·fr WITHIN·fr" in (docs(site) / "fr" / "refunds.md").read_text("utf-8")


def test_retry_refused_sends_refused_segments_again(site, fake):
    fake.rewrite = drop_tags_of("refund within")
    translate(site, "refunds.md", to="fr")
    fake.rewrite = None
    translate(site, "refunds.md", to="fr", retry_refused=True)
    assert "REFUND·fr WITHIN·fr" in (docs(site) / "fr" / "refunds.md").read_text("utf-8")
    refused = site.parent / "translations" / "fr.refused.jsonl"
    assert not refused.read_text("utf-8").strip()


# --- malformed answers ---------------------------------------------------------------------


def answer_for(source_text: str, answer):
    def rewrite(source, translation):
        return answer if source == source_text else translation

    return rewrite


def test_null_translation_writes_nothing(site, fake):
    fake.rewrite = answer_for("Refunds", None)  # the title
    lines = translate(site, "refunds.md", to="fr")
    page = frontmatter.read(docs(site) / "fr" / "refunds.md")
    assert page.meta["title"] == "Refunds", "the English stays"
    assert "None" not in (docs(site) / "fr" / "refunds.md").read_text("utf-8")
    assert any("refunds.md:" in line and "(English kept)" in line for line in lines)
    memory = (site.parent / "translations" / "fr.jsonl").read_text("utf-8")
    assert all(json.loads(line)["target"] is not None for line in memory.splitlines())


def test_empty_translation_writes_nothing(site, fake):
    fake.rewrite = answer_for("Refunds", "")
    translate(site, "refunds.md", to="fr")
    text = (docs(site) / "fr" / "refunds.md").read_text("utf-8")
    assert 'title: ""' not in text and "title: ''" not in text
    assert frontmatter.read(docs(site) / "fr" / "refunds.md").meta["title"] == "Refunds"


def test_fewer_translations_than_texts_is_one_line_and_writes_nothing(site, fake):
    def one_translation(params):
        body = {"translations": [{"text": "X", "detected_source_language": "EN"}]}
        body["translations"][0]["billed_characters"] = 1
        return 200, json.dumps(body).encode(), "application/json"

    fake.raw_answer = one_translation
    result = cli_translate(site, "--to", "fr")
    assert result.exit_code == AnswerError.exit_code == 7
    assert result.output.count("\n") == 1 and "Traceback" not in result.output
    assert "answered 1 translations for" in result.output
    assert not (docs(site) / "fr").exists()


@pytest.mark.parametrize("texts_per_request", [1, 3])
def test_a_non_json_answer_is_one_line_and_writes_nothing(
    site, fake, monkeypatch, texts_per_request
):
    # One text: the SDK itself fails (IndexError); several: it finds no translations.
    monkeypatch.setattr("polyhelp.translation.run.MAX_TEXTS", texts_per_request)
    fake.raw_answer = lambda params: (200, b"<html>Bad gateway</html>", "text/html")
    result = cli_translate(site, "--to", "fr")
    assert result.exit_code == 7, result.output
    assert result.output.startswith("polyhelp: error: ") and result.output.count("\n") == 1
    assert not (docs(site) / "fr").exists()


def test_http_400_is_a_refused_request_not_an_unanswered_one(site, fake):
    fake.fail_next(400)
    with pytest.raises(AnswerError) as refused:
        translate(site, to="fr")
    assert "refused the request (400" in str(refused.value)
    assert "did not answer" not in str(refused.value)
    assert fake.translate_requests == 0
    assert not (docs(site) / "fr").exists()
