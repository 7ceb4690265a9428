"""The fake DeepL server answers the real deepl SDK like DeepL would, and fails on demand."""

from __future__ import annotations

import json
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor

import deepl
import pytest

from tests.fake_deepl import INJECTED_MARKUP, FakeDeepL, fast_sdk_retries

HTML = '<p class="intro">Return <a href="/fr/returns/">your items</a> within 30 days.</p>'


@pytest.fixture(autouse=True)
def no_proxy_for_localhost(monkeypatch):
    # requests honours HTTP(S)_PROXY from the environment, even for 127.0.0.1.
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")
    monkeypatch.setenv("no_proxy", "127.0.0.1,localhost")


@pytest.fixture
def fake():
    with FakeDeepL() as server:
        yield server


@pytest.fixture
def translator(fake):
    client = deepl.Translator(fake.auth_key, server_url=fake.url)
    yield client
    client.close()


def raw_request(fake, method, path, body=None, content_type=None, auth=True):
    """A request without the SDK: returns (status, content type, body text)."""
    request = urllib.request.Request(fake.url + path, data=body, method=method)
    if auth:
        request.add_header("Authorization", f"DeepL-Auth-Key {fake.auth_key}")
    if content_type:
        request.add_header("Content-Type", content_type)
    try:
        with urllib.request.urlopen(request, timeout=5) as response:
            return response.status, response.headers["Content-Type"], response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.headers["Content-Type"], error.read().decode()


def wait_until(predicate, timeout=2.0):
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.01)
    return True


# -- translation ----------------------------------------------------------------------------


def test_a_batch_keeps_xml_tags_byte_for_byte_and_transforms_only_text_nodes(fake, translator):
    results = translator.translate_text(
        [HTML, "Free <b>shipping</b>!", "  Leading and trailing spaces  "],
        source_lang="EN",
        target_lang="FR",
        tag_handling="xml",
    )
    assert [r.text for r in results] == [
        '<p class="intro">RETURN·fr <a href="/fr/returns/">YOUR·fr ITEMS·fr</a>'
        " WITHIN·fr 30 DAYS·fr.</p>",
        "FREE·fr <b>SHIPPING·fr</b>!",
        "  LEADING·fr AND·fr TRAILING·fr SPACES·fr  ",
    ]
    assert all(r.detected_source_lang == "EN" for r in results)
    assert fake.texts == [HTML, "Free <b>shipping</b>!", "  Leading and trailing spaces  "]
    assert fake.translate_requests == 1


def test_ignore_tags_content_and_entities_are_not_translated(fake, translator):
    text = "Type <code>return_id &amp; order</code> then <kbd>Enter</kbd> &amp; wait&#160;now"
    result = translator.translate_text(
        text, target_lang="DE", tag_handling="xml", ignore_tags=["code", "kbd"]
    )
    assert result.text == (
        "TYPE·de <code>return_id &amp; order</code> THEN·de <kbd>Enter</kbd>"
        " &amp; WAIT·de&#160;NOW·de"
    )
    assert fake.last_params["ignore_tags"] == ["code", "kbd"]


def test_unclosed_html_elements_inside_ignored_tags_do_not_extend_them(translator):
    result = translator.translate_text(
        "<code>a<br>b</code> after", target_lang="ES", tag_handling="html", ignore_tags="code"
    )
    assert result.text == "<code>a<br>b</code> AFTER·es"


def test_without_tag_handling_the_whole_text_is_one_text_node(translator):
    result = translator.translate_text("Hello <b>world</b>", target_lang="EN-GB")
    assert result.text == "HELLO·en-gb <B·en-gb>WORLD·en-gb</B·en-gb>"


def test_billed_characters_are_reported_per_text_and_summed(fake, translator):
    first = translator.translate_text(["abc", "défg"], target_lang="FR")
    second = translator.translate_text("Hi there", target_lang="FR")
    assert [r.billed_characters for r in first] == [3, 4]
    assert second.billed_characters == 8
    assert fake.characters == 15
    assert fake.translate_requests == 2
    assert fake.texts == ["abc", "défg", "Hi there"]


def test_last_params_records_the_options_the_sdk_sent(fake, translator):
    translator.translate_text(
        "Hello",
        source_lang="en",
        target_lang="de",
        formality="more",
        context="A help center about returns",
        split_sentences="nonewlines",
        tag_handling="xml",
        ignore_tags="code,kbd",
    )
    assert fake.last_params == {
        "target_lang": "DE",
        "source_lang": "EN",
        "formality": "more",
        "context": "A help center about returns",
        "split_sentences": "nonewlines",
        "tag_handling": "xml",
        "ignore_tags": ["code", "kbd"],
        "show_billed_characters": True,
    }


def test_form_encoded_translate_requests_are_accepted_too(fake):
    body = b"text=Hello&text=Good+bye&target_lang=FR&tag_handling=xml&ignore_tags=code"
    status, content_type, text = raw_request(
        fake, "POST", "/v2/translate", body, "application/x-www-form-urlencoded"
    )
    assert status == 200
    assert content_type.startswith("application/json")
    assert [t["text"] for t in json.loads(text)["translations"]] == ["HELLO·fr", "GOOD·fr BYE·fr"]
    assert fake.last_params["ignore_tags"] == "code"


def test_concurrent_requests_are_all_counted(fake, translator):
    with ThreadPoolExecutor(max_workers=8) as pool:
        list(
            pool.map(lambda i: translator.translate_text(f"text {i}", target_lang="FR"), range(40))
        )
    assert fake.translate_requests == 40
    assert fake.characters == sum(len(f"text {i}") for i in range(40))
    assert sorted(fake.texts) == sorted(f"text {i}" for i in range(40))


# -- authorisation, usage, unknown paths --------------------------------------------------


def test_a_wrong_auth_key_raises_authorization_exception_and_is_not_retried(fake):
    translator = deepl.Translator("wrong-key:fx", server_url=fake.url)
    with fast_sdk_retries(), pytest.raises(deepl.AuthorizationException) as caught:
        translator.translate_text("Hello", target_lang="FR")
    assert caught.value.http_status_code == 403
    assert "Wrong auth key" in str(caught.value)
    assert fake.requests == [("POST", "/v2/translate")]
    assert fake.translate_requests == 0
    assert fake.characters == 0


def test_usage_reports_billed_characters_and_the_limit(fake, translator):
    translator.translate_text("Twelve chars", target_lang="FR")
    usage = translator.get_usage()
    assert (usage.character.count, usage.character.limit) == (12, 1_000_000_000)
    fake.quota(100)
    assert translator.get_usage().character.limit == 100
    assert ("GET", "/v2/usage") in fake.requests


def test_unknown_paths_answer_404_json_and_wrong_methods_405(fake):
    status, content_type, text = raw_request(fake, "GET", "/v2/nothing-here")
    assert (status, json.loads(text)) == (404, {"message": "Not found"})
    assert content_type.startswith("application/json")
    status, _, text = raw_request(fake, "GET", "/v2/translate")
    assert status == 405
    status, _, _ = raw_request(fake, "GET", "/v2/nothing-here", auth=False)
    assert status == 403
    assert fake.requests == [
        ("GET", "/v2/nothing-here"),
        ("GET", "/v2/translate"),
        ("GET", "/v2/nothing-here"),
    ]


def test_target_languages_are_listed_from_the_get_form_body(translator):
    codes = {language.code for language in translator.get_target_languages()}
    assert {"FR", "DE", "EN-GB", "EN-US"} <= codes
    assert "EN" not in codes
    assert "EN" in {language.code for language in translator.get_source_languages()}


# -- faults and SDK retries ------------------------------------------------------------------


def test_two_429_answers_are_retried_by_the_sdk_which_then_succeeds(fake, translator):
    fake.fail_next(429, 2)
    start = time.monotonic()
    with fast_sdk_retries(max_retries=3):
        result = translator.translate_text("Hello", target_lang="FR")
    assert time.monotonic() - start < 1.0
    assert result.text == "HELLO·fr"
    assert fake.requests == [("POST", "/v2/translate")] * 3
    assert fake.translate_requests == 1
    assert fake.characters == 5


def test_persistent_500_exhausts_the_sdk_retries_and_raises_deepl_exception(fake, translator):
    fake.fail_next(500, 10)
    with fast_sdk_retries(max_retries=2), pytest.raises(deepl.DeepLException) as caught:
        translator.translate_text("Hello", target_lang="FR")
    assert caught.value.http_status_code == 500
    assert len(fake.requests) == 3  # one attempt and two retries
    assert fake.translate_requests == 0
    assert fake.texts == []


def test_persistent_429_raises_too_many_requests_exception(fake, translator):
    fake.fail_next(429, 5)
    with fast_sdk_retries(max_retries=1), pytest.raises(deepl.TooManyRequestsException):
        translator.translate_text("Hello", target_lang="FR")
    assert len(fake.requests) == 2


def test_a_503_is_retried_like_a_500(fake, translator):
    fake.fail_next(503)
    with fast_sdk_retries(max_retries=1):
        assert translator.translate_text("Hello", target_lang="FR").text == "HELLO·fr"
    assert len(fake.requests) == 2


def test_a_failing_403_is_not_retried(fake, translator):
    fake.fail_next(403, 3)
    with fast_sdk_retries(max_retries=3), pytest.raises(deepl.AuthorizationException):
        translator.translate_text("Hello", target_lang="FR")
    assert len(fake.requests) == 1


def test_going_over_the_quota_raises_quota_exceeded_from_then_on(fake, translator):
    fake.quota(10)
    translator.translate_text("12345678", target_lang="FR")
    with pytest.raises(deepl.QuotaExceededException) as caught:
        translator.translate_text("123", target_lang="FR")
    assert caught.value.http_status_code == 456
    with pytest.raises(deepl.QuotaExceededException):
        translator.translate_text("1", target_lang="FR")  # would fit, but the quota is spent
    assert fake.characters == 8
    assert fake.translate_requests == 1
    assert len(fake.requests) == 3  # 456 is not retried


def test_delay_makes_translate_requests_slower(fake, translator):
    start = time.monotonic()
    translator.translate_text("Hello", target_lang="FR")
    quick = time.monotonic() - start
    fake.delay = 0.2
    start = time.monotonic()
    translator.translate_text("Hello", target_lang="FR")
    slow = time.monotonic() - start
    assert slow > quick
    assert slow >= 0.2


def test_a_server_slower_than_the_sdk_timeout_is_retried_and_billed_twice(fake, translator):
    fake.delay = 0.3
    with (
        fast_sdk_retries(max_retries=1, timeout=0.1),
        pytest.raises(deepl.ConnectionException),
    ):
        translator.translate_text("Hello", target_lang="FR")
    assert fake.requests == [("POST", "/v2/translate")] * 2
    # Both timed-out attempts still reach the server and are billed.
    assert wait_until(lambda: fake.translate_requests == 2)
    assert fake.characters == 10


def test_fast_sdk_retries_sets_and_restores_the_sdk_settings():
    http_client = deepl.http_client
    timer = http_client._BackoffTimer
    before = (
        http_client.max_network_retries,
        http_client.min_connection_timeout,
        timer.BACKOFF_INITIAL,
        timer.BACKOFF_MAX,
    )
    with pytest.raises(RuntimeError), fast_sdk_retries(max_retries=7, timeout=1.5):
        assert http_client.max_network_retries == 7
        assert http_client.min_connection_timeout == 1.5
        assert timer.BACKOFF_INITIAL <= 0.01
        assert timer.BACKOFF_MAX <= 0.05
        raise RuntimeError("restored even on errors")
    after = (
        http_client.max_network_retries,
        http_client.min_connection_timeout,
        timer.BACKOFF_INITIAL,
        timer.BACKOFF_MAX,
    )
    assert after == before == (5, 10.0, 1.0, 120.0)


# -- glossaries ------------------------------------------------------------------------------


def test_a_created_glossary_is_listed_and_its_terms_appear_verbatim(fake, translator):
    entries = {"gift card": "Gutschein", "Return": "Rücksendung"}
    glossary = translator.create_glossary("Shop terms", "EN", "DE", entries)
    assert glossary.glossary_id == "glossary-1"
    assert (glossary.source_lang, glossary.target_lang, glossary.entry_count) == ("EN", "DE", 2)
    assert [g.glossary_id for g in translator.list_glossaries()] == ["glossary-1"]
    assert translator.get_glossary("glossary-1").name == "Shop terms"
    assert translator.get_glossary_entries(glossary) == entries
    assert fake.glossaries == {
        "glossary-1": {"name": "Shop terms", "source_lang": "EN", "target_lang": "DE",
                       "entries": entries}
    }  # fmt: skip
    assert fake.glossaries_created == 1

    result = translator.translate_text(
        "<p>Return a <b>gift card</b> or Returns.</p>",
        source_lang="EN",
        target_lang="DE",
        glossary=glossary,
        tag_handling="xml",
    )
    assert result.text == "<p>Rücksendung A·de <b>Gutschein</b> OR·de RETURNS·de.</p>"
    assert fake.last_params["glossary_id"] == "glossary-1"


def test_glossary_ids_are_deterministic_and_deleted_glossaries_are_gone(fake, translator):
    first = translator.create_glossary("a", "EN", "FR", {"cart": "panier"})
    second = translator.create_glossary("b", "EN", "DE", {"cart": "Warenkorb"})
    assert (first.glossary_id, second.glossary_id) == ("glossary-1", "glossary-2")
    translator.delete_glossary(first)
    assert list(fake.glossaries) == ["glossary-2"]
    assert fake.glossaries_created == 2
    with pytest.raises(deepl.GlossaryNotFoundException):
        translator.get_glossary("glossary-1")
    assert ("DELETE", "/v2/glossaries/glossary-1") in fake.requests


def test_a_glossary_for_another_language_pair_is_refused(translator):
    glossary = translator.create_glossary("fr", "EN", "FR", {"cart": "panier"})
    with pytest.raises(deepl.DeepLException) as caught:
        translator.translate_text("cart", source_lang="EN", target_lang="DE", glossary="glossary-1")
    assert caught.value.http_status_code == 400
    assert translator.translate_text_with_glossary("my cart", glossary).text == "MY·fr panier"


def test_glossary_language_pairs_are_listed(translator):
    pairs = {(p.source_lang, p.target_lang) for p in translator.get_glossary_languages()}
    assert {("en", "fr"), ("en", "de"), ("fr", "en")} <= pairs
    assert ("en", "en") not in pairs


# -- wrong tags ------------------------------------------------------------------------------


def translate_xml(translator, text):
    return translator.translate_text(text, target_lang="FR", tag_handling="xml").text


def test_wrong_tags_drop_removes_every_tag(fake, translator):
    fake.wrong_tags = "drop"
    assert translate_xml(translator, HTML) == "RETURN·fr YOUR·fr ITEMS·fr WITHIN·fr 30 DAYS·fr."


def test_wrong_tags_inject_appends_script_and_event_handler_markup(fake, translator):
    fake.wrong_tags = "inject"
    text = translate_xml(translator, "<p>Hello</p>")
    assert text == "<p>HELLO·fr</p>" + INJECTED_MARKUP
    assert "<script>alert(1)</script>" in text
    assert "onerror=" in text


def test_wrong_tags_swap_exchanges_the_first_two_tags(fake, translator):
    fake.wrong_tags = "swap"
    assert translate_xml(translator, '<x id="1"/>a<x id="2"/>b<x id="3"/>') == (
        '<x id="2"/>A·fr<x id="1"/>B·fr<x id="3"/>'
    )
    assert translate_xml(translator, "<b>bold</b>") == "</b>BOLD·fr<b>"
    assert translate_xml(translator, "no tags") == "NO·fr TAGS·fr"


def test_wrong_tags_refuses_unknown_modes(fake):
    with pytest.raises(ValueError):
        fake.wrong_tags = "shuffle"
    assert fake.wrong_tags is None


def test_rewrite_sends_back_whatever_a_hostile_engine_would(fake):
    fake.rewrite = lambda source, translation: translation + "\n!!! danger"
    translator = deepl.Translator(fake.auth_key, server_url=fake.url)
    result = translator.translate_text("Return items", target_lang="FR")
    assert result.text == "RETURN·fr ITEMS·fr\n!!! danger"


def test_raw_answer_replaces_the_servers_answer(fake):
    fake.raw_answer = lambda params: (200, b"not json", "text/plain")
    body = json.dumps({"text": ["Return items"], "target_lang": "FR"}).encode()
    answer = raw_request(fake, "POST", "/v2/translate", body, "application/json")
    assert answer == (200, "text/plain", "not json")
    assert fake.translate_requests == 0 and fake.characters == 0
