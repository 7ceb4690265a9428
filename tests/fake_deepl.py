"""A fake DeepL API server for tests, spoken to through the real ``deepl`` SDK.

Standard library only. Usage::

    with FakeDeepL() as fake, fast_sdk_retries():
        translator = deepl.Translator(fake.auth_key, server_url=fake.url)
        result = translator.translate_text("<p>Return items</p>", target_lang="FR",
                                           tag_handling="xml")
        assert result.text == "<p>RETURN·fr ITEMS·fr</p>"

What the SDK (deepl 1.32) sends, and so what this server understands:

* ``Authorization: DeepL-Auth-Key <key>`` on every request; a wrong or missing key answers 403.
* ``POST /v2/translate`` with a JSON body (``text`` is a list, ``ignore_tags`` etc. are lists,
  ``show_billed_characters`` is ``true``). Form-encoded bodies (repeated ``text=``, comma
  separated tag lists) are accepted too.
* ``GET /v2/usage``, ``GET /v2/languages`` (the SDK sends ``type=target`` as a *form body* of a
  GET), ``GET /v2/glossary-language-pairs``.
* v2 glossaries: ``POST /v2/glossaries`` (JSON, entries as TSV or CSV), ``GET /v2/glossaries``,
  ``GET /v2/glossaries/<id>``, ``GET /v2/glossaries/<id>/entries`` (answers TSV),
  ``DELETE /v2/glossaries/<id>`` (204).
* ``context`` (a string) on ``POST /v2/translate``: read, recorded, neither translated nor
  billed, as DeepL does; anything but a string answers 400.
* Anything else: 404 (unknown path) or 405 (known path, other method), always a JSON body.

The "translation" is deterministic: every word (``\\w+`` with at least one letter) of a text node
becomes ``WORD.upper() + "·" + target_lang.lower()``, so "Return items" into FR gives
"RETURN·fr ITEMS·fr". Everything else (spaces, digits, punctuation) is kept. With
``tag_handling`` ("xml" or "html") only text nodes change: tags, comments, CDATA and entities are
copied byte for byte, and the content of the tags named in ``ignore_tags`` is not changed at all.
Without ``tag_handling`` the whole text is one text node. With a ``glossary_id``, glossary source
terms (whole words, case sensitive) are first replaced by their target terms, which are then left
as they are.
"""

from __future__ import annotations

import contextlib
import csv
import datetime
import html
import io
import json
import re
import sys
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

INJECTED_MARKUP = "<script>alert(1)</script><img src=x onerror=y>"
WRONG_TAGS_MODES = (None, "drop", "inject", "swap")
DEFAULT_CHARACTER_LIMIT = 1_000_000_000

# Tags, comments and CDATA sections: copied verbatim under tag handling.
_MARKUP_RE = re.compile(r"<!--.*?-->|<!\[CDATA\[.*?\]\]>|<[^>]*>", re.S)
_ENTITY_RE = re.compile(r"&(?:#\d+|#[xX][0-9a-fA-F]+|\w+);")
_WORD_RE = re.compile(r"\w*[^\W\d_]\w*")
_TAG_NAME_RE = re.compile(r"<\s*(/?)\s*([^\s/>]+)")
_GLOSSARY_PATH_RE = re.compile(r"^/v2/glossaries/([^/]+)(/entries)?$")

_SOURCE_LANGUAGES = {
    "DE": "German",
    "EN": "English",
    "ES": "Spanish",
    "FR": "French",
    "IT": "Italian",
    "NL": "Dutch",
    "PL": "Polish",
    "PT": "Portuguese",
}
_TARGET_LANGUAGES = {
    "DE": ("German", True),
    "EL": ("Greek", False),
    "EN-GB": ("English (British)", False),
    "EN-US": ("English (American)", False),
    "ES": ("Spanish", True),
    "FR": ("French", True),
    "IT": ("Italian", True),
    "NL": ("Dutch", True),
    "PL": ("Polish", True),
    "PT-BR": ("Portuguese (Brazilian)", True),
    "PT-PT": ("Portuguese (European)", True),
    "VI": ("Vietnamese", False),
}
# Persian (FA) is not among them: translating into it answers 400, as DeepL does for a
# target it does not offer.


class _Reply(Exception):
    """Raised inside a handler to answer at once with a status and a JSON message."""

    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status = status
        self.message = message


def _tag_list(value: Any) -> set[str]:
    """ignore_tags etc.: a JSON list, a repeated form field or a comma separated string."""
    if value is None:
        return set()
    items = [value] if isinstance(value, str) else list(value)
    return {name.strip() for item in items for name in str(item).split(",") if name.strip()}


def _words(text: str, target: str) -> str:
    suffix = "·" + target.lower()
    return _WORD_RE.sub(lambda m: m.group(0).upper() + suffix, text)


def _swap_first_two_tags(text: str) -> str:
    tags = list(_MARKUP_RE.finditer(text))
    if len(tags) < 2:
        return text
    first, second = tags[0], tags[1]
    return (
        text[: first.start()]
        + second.group(0)
        + text[first.end() : second.start()]
        + first.group(0)
        + text[second.end() :]
    )


def _parse_entries(entries: str, entries_format: str) -> dict[str, str]:
    result: dict[str, str] = {}
    if entries_format == "csv":
        rows = [row for row in csv.reader(io.StringIO(entries)) if row]
    elif entries_format == "tsv":
        rows = [line.split("\t", 1) for line in entries.splitlines() if line.strip()]
    else:
        raise _Reply(400, f"Value for 'entries_format' not supported: {entries_format!r}")
    for row in rows:
        if len(row) < 2 or not row[0].strip() or not row[1].strip():
            raise _Reply(400, f"Invalid glossary entry: {row!r}")
        result[row[0].strip()] = row[1].strip()
    if not result:
        raise _Reply(400, "Glossary entries must not be empty")
    return result


class FakeDeepL:
    """A local HTTP server speaking enough of DeepL's API for the ``deepl`` SDK.

    Use as a context manager (or call ``start()`` / ``stop()``); ``url`` is then
    ``http://127.0.0.1:<port>``. All counters are updated under one lock, the server answers
    requests in parallel threads.

    Recorded:
        translate_requests: translate requests answered 200 (counted when the answer is produced,
            even if the client already gave up waiting).
        characters: billed characters of those requests (sum of ``len(text)`` of every text;
            ``context`` is not billed).
        texts: every text translated, in order.
        contexts: the ``context`` of each answered translate request (None without one), in
            order, one per request.
        requests: ``(method, path)`` of every request, failed ones included (path without query).
        last_params: the parameters of the last well-formed translate request, ``text`` excluded,
            as received (JSON types; form fields as strings, or lists when repeated).
        glossaries: ``glossary_id -> {"name", "source_lang", "target_lang", "entries"}``
            (languages upper case, entries ``{source: target}``).
        glossaries_created: glossaries created so far (ids are "glossary-1", "glossary-2", ...).

    Faults:
        fail_next(status, times): the next ``times`` translate requests answer ``status``.
        quota(characters): the translate request that would bring ``characters`` over this limit,
            and every translate request after it, answers 456.
        delay: seconds to sleep before answering each translate request.
        delay_next(seconds, times): the next ``times`` translate requests sleep ``seconds``
            instead of ``delay`` (a server slow for some requests only).
        wrong_tags: None, or "drop" (all tags removed from translations), "inject"
            (``INJECTED_MARKUP`` appended to each translation) or "swap" (the first two tags of
            each translation exchange places; with fewer than two tags nothing changes).
        rewrite: None, or a function ``(source_text, translation) -> answer`` applied to each
            translation before it is sent back: the answer may be any JSON value (a string with
            markup or newlines, ``None``, a number), as a hostile or broken engine would send.
        raw_answer: None, or a function ``(params) -> (status, body_bytes, content_type)`` that
            answers translate requests instead of the server (non-JSON bodies, fewer
            translations than texts, ...); billing is not counted for such answers.
    """

    def __init__(self, auth_key: str = "fake-key:fx"):
        self.auth_key = auth_key
        self.url = ""
        self.translate_requests = 0
        self.characters = 0
        self.texts: list[str] = []
        self.contexts: list[str | None] = []
        self.requests: list[tuple[str, str]] = []
        self.last_params: dict[str, Any] = {}
        self.glossaries: dict[str, dict[str, Any]] = {}
        self.glossaries_created = 0
        self.delay = 0.0
        self._delays: list[float] = []
        self._in_flight = 0
        self.rewrite: Any = None
        self.raw_answer: Any = None
        self._wrong_tags: str | None = None
        self._lock = threading.Lock()
        self._failures: list[int] = []
        self._quota: int | None = None
        self._quota_exhausted = False
        self._creation_times: dict[str, str] = {}
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    # -- lifecycle ---------------------------------------------------------------------------

    def start(self) -> FakeDeepL:
        fake = self

        class Handler(_Handler):
            server_fake = fake

        self._server = _Server(("127.0.0.1", 0), Handler)
        host, port = self._server.server_address[:2]
        self.url = f"http://{host}:{port}"
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None
        if self._thread is not None:
            self._thread.join(timeout=5)
            self._thread = None

    def __enter__(self) -> FakeDeepL:
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    # -- faults ------------------------------------------------------------------------------

    @property
    def wrong_tags(self) -> str | None:
        return self._wrong_tags

    @wrong_tags.setter
    def wrong_tags(self, mode: str | None) -> None:
        if mode not in WRONG_TAGS_MODES:
            raise ValueError(f"wrong_tags must be one of {WRONG_TAGS_MODES}, not {mode!r}")
        self._wrong_tags = mode

    def fail_next(self, status: int, times: int = 1) -> None:
        """The next ``times`` well-formed translate requests answer ``status`` (after ``delay``)."""
        with self._lock:
            self._failures.extend([status] * times)

    def delay_next(self, seconds: float, times: int = 1) -> None:
        """The next ``times`` translate requests sleep ``seconds`` before they are answered."""
        with self._lock:
            self._delays.extend([seconds] * times)

    def wait_idle(self, timeout: float = 10.0) -> bool:
        """Wait until no translate request is being answered (a slow one is billed at its end)."""
        deadline = time.monotonic() + timeout
        while True:
            with self._lock:
                if not self._in_flight:
                    return True
            if time.monotonic() > deadline:
                return False
            time.sleep(0.01)

    def quota(self, characters: int) -> None:
        """Character limit: the request that would go over it, and all later ones, answer 456."""
        with self._lock:
            self._quota = characters
            self._quota_exhausted = False

    # -- request handling (called from server threads) -----------------------------------------

    def _record(self, method: str, path: str) -> None:
        with self._lock:
            self.requests.append((method, path))

    def _handle(self, method: str, path: str, params: dict[str, Any]) -> tuple[int, Any]:
        """Route one authorised request; returns (status, JSON-able body or str or None)."""
        if path == "/v2/translate":
            if method != "POST":
                raise _Reply(405, "Method not allowed")
            return 200, self._translate(params)
        if path == "/v2/usage":
            if method not in ("GET", "POST"):
                raise _Reply(405, "Method not allowed")
            with self._lock:
                limit = DEFAULT_CHARACTER_LIMIT if self._quota is None else self._quota
                return 200, {"character_count": self.characters, "character_limit": limit}
        if path == "/v2/languages":
            if method not in ("GET", "POST"):
                raise _Reply(405, "Method not allowed")
            return 200, self._languages(str(params.get("type", "source")))
        if path == "/v2/glossary-language-pairs":
            if method != "GET":
                raise _Reply(405, "Method not allowed")
            codes = sorted(_SOURCE_LANGUAGES)
            pairs = [
                {"source_lang": s.lower(), "target_lang": t.lower()}
                for s in codes
                for t in codes
                if s != t
            ]
            return 200, {"supported_languages": pairs}
        if path == "/v2/glossaries":
            if method == "POST":
                return 201, self._create_glossary(params)
            if method == "GET":
                with self._lock:
                    return 200, {"glossaries": [self._glossary_info(g) for g in self.glossaries]}
            raise _Reply(405, "Method not allowed")
        match = _GLOSSARY_PATH_RE.match(path)
        if match:
            return self._glossary(method, match.group(1), bool(match.group(2)))
        raise _Reply(404, "Not found")

    def _languages(self, kind: str) -> list[dict[str, Any]]:
        if kind == "target":
            return [
                {"language": code, "name": name, "supports_formality": formality}
                for code, (name, formality) in _TARGET_LANGUAGES.items()
            ]
        return [{"language": code, "name": name} for code, name in _SOURCE_LANGUAGES.items()]

    def _translate(self, params: dict[str, Any]) -> dict[str, Any]:
        with self._lock:
            self._in_flight += 1
        try:
            return self._translate_texts(params)
        finally:
            with self._lock:
                self._in_flight -= 1

    def _translate_texts(self, params: dict[str, Any]) -> dict[str, Any]:
        texts = params.get("text")
        if isinstance(texts, str):
            texts = [texts]
        if not texts or not all(isinstance(t, str) for t in texts):
            raise _Reply(400, "Parameter 'text' not specified.")
        target = params.get("target_lang")
        if not isinstance(target, str) or not target:
            raise _Reply(400, "Parameter 'target_lang' not specified.")
        if target.upper() not in _TARGET_LANGUAGES and target.upper() not in {
            code.split("-")[0] for code in _TARGET_LANGUAGES if code.startswith(("EN", "PT"))
        }:
            raise _Reply(400, "Value for 'target_lang' not supported.")
        source = params.get("source_lang")
        context = params.get("context")
        if context is not None and not isinstance(context, str):
            raise _Reply(400, "Value for 'context' not supported: it must be a string.")
        tag_handling = params.get("tag_handling")
        if tag_handling not in (None, "xml", "html"):
            raise _Reply(400, f"Value for 'tag_handling' not supported: {tag_handling!r}")
        with self._lock:
            self.last_params = {k: v for k, v in params.items() if k != "text"}
            glossary = self._glossary_for(params.get("glossary_id"), source, target)
            delay = self._delays.pop(0) if self._delays else self.delay

        if delay:
            time.sleep(delay)

        wrong_tags = self.wrong_tags
        ignored = _tag_list(params.get("ignore_tags"))
        translations = []
        for text in texts:
            translated = self._translate_one(text, target, tag_handling, ignored, glossary)
            if wrong_tags == "drop":
                translated = _MARKUP_RE.sub("", translated)
            elif wrong_tags == "inject":
                translated += INJECTED_MARKUP
            elif wrong_tags == "swap":
                translated = _swap_first_two_tags(translated)
            if self.rewrite is not None:
                translated = self.rewrite(text, translated)
            translations.append(
                {
                    "detected_source_language": (source or "EN").upper(),
                    "text": translated,
                    "billed_characters": len(text),
                }
            )

        billed = sum(len(t) for t in texts)  # the context is read, not billed
        with self._lock:  # faults, quota and billing decided atomically
            if self._failures:
                status = self._failures.pop(0)
                raise _Reply(status, f"Simulated failure {status}")
            if self._quota is not None and (
                self._quota_exhausted or self.characters + billed > self._quota
            ):
                self._quota_exhausted = True
                raise _Reply(456, "Quota exceeded")
            self.translate_requests += 1
            self.characters += billed
            self.texts.extend(texts)
            self.contexts.append(context)
        return {"translations": translations}

    def _glossary_for(self, glossary_id: Any, source: Any, target: str) -> dict[str, str]:
        """Entries of the requested glossary (caller holds the lock); {} without glossary_id."""
        if glossary_id is None:
            return {}
        glossary = self.glossaries.get(str(glossary_id))
        if glossary is None:
            raise _Reply(400, "Value for 'glossary_id' not supported: unknown glossary.")
        if not isinstance(source, str) or source.upper() != glossary["source_lang"]:
            raise _Reply(400, "Language pair of the glossary does not match source_lang.")
        if target.upper().split("-")[0] != glossary["target_lang"]:
            raise _Reply(400, "Language pair of the glossary does not match target_lang.")
        return dict(glossary["entries"])

    def _translate_one(
        self,
        text: str,
        target: str,
        tag_handling: str | None,
        ignored: set[str],
        glossary: dict[str, str],
    ) -> str:
        if tag_handling is None:
            return self._translate_node(text, target, glossary, escape=False)
        out: list[str] = []
        open_tags: list[str] = []
        pos = 0
        for markup in _MARKUP_RE.finditer(text):
            out.append(
                self._text_node(text[pos : markup.start()], target, glossary, open_tags, ignored)
            )
            out.append(markup.group(0))
            pos = markup.end()
            _track_tag(markup.group(0), open_tags)
        out.append(self._text_node(text[pos:], target, glossary, open_tags, ignored))
        return "".join(out)

    def _text_node(
        self,
        node: str,
        target: str,
        glossary: dict[str, str],
        open_tags: list[str],
        ignored: set[str],
    ) -> str:
        if not node or any(tag in ignored for tag in open_tags):
            return node
        # Entities (&amp; &#160; ...) are markup too: copied, never "translated".
        out: list[str] = []
        pos = 0
        for entity in _ENTITY_RE.finditer(node):
            out.append(self._translate_node(node[pos : entity.start()], target, glossary, True))
            out.append(entity.group(0))
            pos = entity.end()
        out.append(self._translate_node(node[pos:], target, glossary, True))
        return "".join(out)

    @staticmethod
    def _translate_node(node: str, target: str, glossary: dict[str, str], escape: bool) -> str:
        if not glossary:
            return _words(node, target)
        terms = sorted(glossary, key=len, reverse=True)
        pattern = re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, terms)) + r")(?!\w)")
        out: list[str] = []
        pos = 0
        for match in pattern.finditer(node):
            out.append(_words(node[pos : match.start()], target))
            term = glossary[match.group(0)]
            out.append(html.escape(term, quote=False) if escape else term)
            pos = match.end()
        out.append(_words(node[pos:], target))
        return "".join(out)

    # -- glossaries --------------------------------------------------------------------------

    def _create_glossary(self, params: dict[str, Any]) -> dict[str, Any]:
        name = params.get("name")
        source = params.get("source_lang")
        target = params.get("target_lang")
        if not name or not source or not target:
            raise _Reply(400, "Parameters 'name', 'source_lang' and 'target_lang' are required.")
        entries = _parse_entries(
            str(params.get("entries", "")), str(params.get("entries_format", "tsv"))
        )
        now = datetime.datetime.now(datetime.UTC)
        with self._lock:
            self.glossaries_created += 1
            glossary_id = f"glossary-{self.glossaries_created}"
            self.glossaries[glossary_id] = {
                "name": str(name),
                "source_lang": str(source).upper(),
                "target_lang": str(target).upper(),
                "entries": entries,
            }
            self._creation_times[glossary_id] = now.strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"
            return self._glossary_info(glossary_id)

    def _glossary_info(self, glossary_id: str) -> dict[str, Any]:
        """The API's glossary JSON (caller holds the lock)."""
        glossary = self.glossaries[glossary_id]
        return {
            "glossary_id": glossary_id,
            "name": glossary["name"],
            "ready": True,
            "source_lang": glossary["source_lang"].lower(),
            "target_lang": glossary["target_lang"].lower(),
            "creation_time": self._creation_times[glossary_id],
            "entry_count": len(glossary["entries"]),
        }

    def _glossary(self, method: str, glossary_id: str, entries: bool) -> tuple[int, Any]:
        with self._lock:
            if glossary_id not in self.glossaries:
                raise _Reply(404, "Glossary not found")
            if entries:
                if method != "GET":
                    raise _Reply(405, "Method not allowed")
                items = self.glossaries[glossary_id]["entries"].items()
                return 200, "\n".join(f"{s}\t{t}" for s, t in items)
            if method == "GET":
                return 200, self._glossary_info(glossary_id)
            if method == "DELETE":
                del self.glossaries[glossary_id]
                del self._creation_times[glossary_id]
                return 204, None
        raise _Reply(405, "Method not allowed")


def _track_tag(markup: str, open_tags: list[str]) -> None:
    """Keep the stack of open elements up to date.

    Tolerant of HTML: a closing tag pops everything up to its opening tag, so unclosed elements
    such as ``<br>`` inside an ignored tag do not keep the rest of the text ignored.
    """
    if markup.startswith(("<!", "<?")):
        return
    match = _TAG_NAME_RE.match(markup)
    if not match:
        return
    closing, name = match.group(1), match.group(2)
    if closing:
        if name in open_tags:
            while open_tags.pop() != name:
                pass
    elif not markup.rstrip(">").endswith("/"):
        open_tags.append(name)


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    # socketserver's default listen backlog is 5: more parallel clients would see dropped SYNs
    # and a 1 s TCP retransmit delay.
    request_queue_size = 128

    def handle_error(self, request: Any, client_address: Any) -> None:
        # A client that gave up (SDK timeout) is expected in tests: stay quiet about it.
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


class _Handler(BaseHTTPRequestHandler):
    server_fake: FakeDeepL
    server_version = "FakeDeepL/1.0"

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def do_GET(self) -> None:
        self._dispatch()

    def do_POST(self) -> None:
        self._dispatch()

    def do_DELETE(self) -> None:
        self._dispatch()

    def do_PATCH(self) -> None:
        self._dispatch()

    def do_PUT(self) -> None:
        self._dispatch()

    def _dispatch(self) -> None:
        fake = self.server_fake
        split = urlsplit(self.path)
        path = split.path
        fake._record(self.command, path)
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        try:
            auth = self.headers.get("Authorization", "")
            if auth != f"DeepL-Auth-Key {fake.auth_key}":
                raise _Reply(403, "Wrong auth key")
            params = self._params(split.query, body)
            if fake.raw_answer is not None and path == "/v2/translate":
                status, data, content_type = fake.raw_answer(params)
                self._send_bytes(status, data, content_type)
                return
            status, payload = fake._handle(self.command, path, params)
        except _Reply as reply:
            status, payload = reply.status, {"message": reply.message}
        self._send(status, payload)

    def _params(self, query: str, body: bytes) -> dict[str, Any]:
        params: dict[str, Any] = _form(query)
        content_type = self.headers.get("Content-Type", "").split(";")[0].strip().lower()
        text = body.decode("utf-8", errors="replace")
        if content_type == "application/json":
            try:
                data = json.loads(text) if text else {}
            except json.JSONDecodeError as error:
                raise _Reply(400, f"Invalid JSON body: {error}") from error
            if not isinstance(data, dict):
                raise _Reply(400, "JSON body must be an object")
            params.update(data)
        elif text:
            params.update(_form(text))
        return params

    def _send(self, status: int, payload: Any) -> None:
        if payload is None:
            data, content_type = b"", None
        elif isinstance(payload, str):
            data, content_type = payload.encode(), "text/tab-separated-values; charset=utf-8"
        else:
            data = json.dumps(payload, ensure_ascii=False).encode()
            content_type = "application/json; charset=utf-8"
        self._send_bytes(status, data, content_type)

    def _send_bytes(self, status: int, data: bytes, content_type: str | None) -> None:
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            self.send_response(status)
            if content_type:
                self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)


def _form(encoded: str) -> dict[str, Any]:
    """Form/query fields: single values as str, repeated ones as lists; ``text`` always a list."""
    fields = parse_qs(encoded, keep_blank_values=True)
    return {
        key: values if key == "text" or len(values) > 1 else values[0]
        for key, values in fields.items()
    }


@contextlib.contextmanager
def fast_sdk_retries(max_retries: int = 3, timeout: float = 2.0) -> Iterator[None]:
    """Make the ``deepl`` SDK retry quickly, and restore its settings afterwards.

    The SDK retries 429, every status >= 500 and connection errors/timeouts by itself, sleeping
    with exponential backoff (1 s, then x1.6 with +-23 % jitter, up to 120 s) and giving each
    attempt a timeout of ``max(time left until the backoff deadline, min_connection_timeout)``.

    Touched (all read by the SDK at call time, so no Translator needs re-creating):

    * ``deepl.http_client.max_network_retries`` = ``max_retries`` (SDK default 5): retries after
      the first attempt, so a request is sent at most ``max_retries + 1`` times.
    * ``deepl.http_client.min_connection_timeout`` = ``timeout`` (SDK default 10.0 s): the
      per-attempt timeout. Keep it above ``FakeDeepL.delay``, else the attempt times out and is
      retried (the slow request is still answered, and billed, by the server).
    * ``deepl.http_client._BackoffTimer.BACKOFF_INITIAL`` = 0.01 (SDK default 1.0 s).
    * ``deepl.http_client._BackoffTimer.BACKOFF_MAX`` = 0.05 (SDK default 120.0 s).

    ``_BackoffTimer`` is private: if a later SDK renames it this raises AttributeError instead of
    silently leaving the slow defaults in place.
    """
    from deepl import http_client

    timer = http_client._BackoffTimer
    module_settings = {
        "max_network_retries": max_retries,
        "min_connection_timeout": timeout,
    }
    timer_settings = {"BACKOFF_INITIAL": 0.01, "BACKOFF_MAX": 0.05}
    saved_module = {name: getattr(http_client, name) for name in module_settings}
    saved_timer = {name: getattr(timer, name) for name in timer_settings}
    try:
        for name, value in module_settings.items():
            setattr(http_client, name, value)
        for name, value in timer_settings.items():
            setattr(timer, name, value)
        yield
    finally:
        for name, value in saved_module.items():
            setattr(http_client, name, value)
        for name, value in saved_timer.items():
            setattr(timer, name, value)


@contextlib.contextmanager
def deepl_for_polyhelp(monkeypatch, key: str, max_retries: int = 2) -> Iterator[FakeDeepL]:
    """A FakeDeepL that `polyhelp translate` reaches as it reaches DeepL: through
    DEEPL_AUTH_KEY and DEEPL_SERVER_URL, with the SDK retrying quickly."""
    with FakeDeepL(key) as server, fast_sdk_retries(max_retries=max_retries):
        monkeypatch.setenv("DEEPL_AUTH_KEY", key)
        monkeypatch.setenv("DEEPL_SERVER_URL", server.url)
        yield server
