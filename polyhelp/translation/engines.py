"""Translation engines: DeepL through its official SDK, and an offline pseudo-localizer."""

from __future__ import annotations

import hashlib
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from typing import Protocol

from polyhelp.errors import PolyhelpError


class EngineError(PolyhelpError):
    """The engine stopped answering; what was translated before is kept."""


class BadKeyError(EngineError):
    exit_code = 3


class QuotaError(EngineError):
    exit_code = 4


class NetworkError(EngineError):
    exit_code = 5


class EngineTimeout(NetworkError):
    """DeepL did not answer one request in time; it may have billed it all the same."""


class BudgetError(EngineError):
    """The run's character budget (--max-characters) is spent; what was translated is kept."""

    exit_code = 6


class AnswerError(EngineError):
    """DeepL's answer cannot be used as a whole (not JSON, fewer texts, a refused request)."""

    exit_code = 7


class Engine(Protocol):
    name: str
    budget: CharacterBudget | None

    def translate(self, texts: list[str], locale: str, context: str | None = None) -> list[object]:
        """Translate XML texts from English into `locale`, in order (answers as they came).

        `context` is text around them (the rest of their paragraph), read by the engine but
        neither translated nor billed.
        """


# DeepL's target codes where they are not simply the locale in upper case.
DEEPL_TARGETS = {"en": "EN-GB", "pt": "PT-PT", "zh": "ZH-HANS"}
# DeepL bills per character and accepts at most 50 texts and 128 KiB a request.
MAX_TEXTS = 50
MAX_CHARACTERS = 100_000


class CharacterBudget:
    """Characters one run may send, over every locale; None: no limit.

    Counted as DeepL bills them at most: every character of the XML sent, tags included, and
    a request that timed out counts as billed (DeepL may have translated it all the same).
    """

    def __init__(self, limit: int | None):
        self.limit = limit
        self.spent = 0

    def fitting(self, sizes: list[int]) -> int:
        """How many of the next texts (of these sizes) the budget can still pay for."""
        if self.limit is None:
            return len(sizes)
        left, count = self.limit - self.spent, 0
        for size in sizes:
            if size > left:
                break
            left -= size
            count += 1
        return count

    def spend(self, characters: int) -> None:
        self.spent += characters


def send_batches(
    engine: Engine,
    units: list,
    locale: str,
    max_texts: int = MAX_TEXTS,
    max_characters: int = MAX_CHARACTERS,
):
    """Send units (each with .xml) in batches; yield (batch, answers) for each answered request.

    Batches hold at most `max_texts` texts and `max_characters` characters, and units of one
    `context` only (DeepL takes one context per request; a unit without the attribute has
    none). A request that times
    out is not resent as it was: its batch is split in two and later batches are at most as
    large as the halves, so a slow engine costs at most the timed-out batch again; a second
    timeout in a row (or one of a single text) stops the run. The budget is checked before
    each request: the run stops (BudgetError) before it would send a character too many.
    What was answered before any stop has been yielded, and so stored, by then.
    """
    budget = getattr(engine, "budget", None) or CharacterBudget(None)
    pending = list(units)
    timed_out = False
    while pending:
        batch, size = [], 0
        context = getattr(pending[0], "context", None)
        for unit in pending:
            if batch and (len(batch) == max_texts or size + len(unit.xml) > max_characters):
                break
            if getattr(unit, "context", None) != context:
                break
            batch.append(unit)
            size += len(unit.xml)
        affordable = budget.fitting([len(unit.xml) for unit in batch])
        if affordable == 0:
            raise BudgetError(
                f"stopped before going over the character budget of {budget.limit:,} "
                "(--max-characters, or deepl.max_characters in data/translation.yml): "
                f"{budget.spent:,} characters sent"
            )
        batch = batch[:affordable]
        size = sum(len(unit.xml) for unit in batch)
        try:
            texts = [unit.xml for unit in batch]
            if context is None:
                answers = engine.translate(texts, locale)
            else:
                answers = engine.translate(texts, locale, context=context)
        except EngineTimeout as error:
            budget.spend(size)
            if timed_out or len(batch) == 1:
                error.message += "; raise deepl.timeout in data/translation.yml if DeepL is slow"
                raise
            timed_out = True
            max_texts = max(1, len(batch) // 2)
            max_characters = max(1, size // 2)
            continue
        timed_out = False
        budget.spend(size)
        pending = pending[len(batch) :]
        yield batch, answers


def deepl_target(locale: str) -> str:
    language = locale.replace("_", "-").split("-")[0].lower()
    return DEEPL_TARGETS.get(language, language.upper())


@dataclass
class DeepLLanguages:
    """What DeepL said about its target languages; None where it was not asked (no key)."""

    codes: dict[str, bool] | None = None  # target code -> supports formality

    def supports(self, locale: str) -> bool | None:
        if self.codes is None:
            return None
        target = deepl_target(locale)
        return target in self.codes or target.split("-")[0] in {
            code.split("-")[0] for code in self.codes
        }

    def formality(self, locale: str) -> bool | None:
        if self.codes is None:
            return None
        target = deepl_target(locale)
        same = [v for code, v in self.codes.items() if code.split("-")[0] == target.split("-")[0]]
        return self.codes.get(target, any(same))


class DeepLEngine:
    name = "deepl"

    def __init__(
        self,
        auth_key: str,
        server_url: str | None = None,
        formality: dict[str, str] | None = None,
        glossaries: dict[str, str] | None = None,
        max_retries: int | None = None,
        timeout: float | None = None,
    ):
        import deepl

        if max_retries is not None:
            # The SDK retries 429 and 5xx itself, with exponential backoff: we only say how often.
            deepl.http_client.max_network_retries = max_retries
        if timeout is not None:
            deepl.http_client.min_connection_timeout = timeout
        self._deepl = deepl
        self.translator = deepl.Translator(auth_key, server_url=server_url or None)
        _no_resending_after_a_read_timeout(self.translator)
        self.formality = formality or {}
        self.glossaries = glossaries or {}  # locale -> glossary id
        self.requests = 0
        self.budget: CharacterBudget | None = None

    def translate(self, texts: list[str], locale: str, context: str | None = None) -> list[object]:
        """The engine's answer for each text, as it came (a text, or None, or anything).

        `context` goes as the SDK's `context` argument: DeepL reads it and bills nothing for it.
        """
        with self.errors():
            results = self.translator.translate_text(
                texts,
                context=context,
                source_lang="EN",
                target_lang=deepl_target(locale),
                tag_handling="xml",
                formality=self.formality.get(locale, "default"),
                glossary=self.glossaries.get(locale),
            )
        self.requests += 1
        if not isinstance(results, list) or len(results) != len(texts):
            count = len(results) if isinstance(results, list) else "no list of"
            raise AnswerError(
                f"DeepL answered {count} translations for {len(texts)} texts; nothing from "
                "that answer was used (run translate again; if it persists, DeepL's API changed)"
            )
        return [result.text for result in results]

    def target_languages(self) -> dict[str, bool]:
        """DeepL's target languages (/v2/languages), each with whether it offers formality."""
        with self.errors():
            languages = self.translator.get_target_languages()
        return {language.code.upper(): bool(language.supports_formality) for language in languages}

    def remaining_characters(self) -> tuple[int, int | None]:
        """Characters used and the limit of the account, from the usage endpoint."""
        with self.errors():
            usage = self.translator.get_usage()
        return usage.character.count, usage.character.limit

    def ensure_glossary(self, locale: str, entries: dict[str, str], digest: str) -> str:
        """The id of a DeepL glossary with these entries, created only if none has its name."""
        name = f"polyhelp-{locale}-{digest}"
        with self.errors():
            for glossary in self.translator.list_glossaries():
                if glossary.name == name:
                    self.glossaries[locale] = glossary.glossary_id
                    return glossary.glossary_id
            created = self.translator.create_glossary(
                name,
                source_lang="EN",
                target_lang=deepl_target(locale).split("-")[0],
                entries=entries,
            )
        self.glossaries[locale] = created.glossary_id
        return created.glossary_id

    def errors(self):
        return _DeepLErrors(self._deepl)


class _DeepLErrors:
    """Turns the SDK's exceptions into ours; the message never carries the key."""

    def __init__(self, deepl_module):
        self.deepl = deepl_module

    def __enter__(self):
        return self

    def __exit__(self, kind, error, traceback):
        if error is None:
            return False
        if isinstance(error, (IndexError, KeyError, TypeError, ValueError, AttributeError)):
            # The SDK reads a 200 answer it cannot parse (not JSON, fields missing) this way.
            raise AnswerError(
                "DeepL's answer was not the JSON its API sends; nothing from it was used "
                "(run translate again; if it persists, check DEEPL_SERVER_URL)"
            ) from None
        if not isinstance(error, self.deepl.DeepLException):
            return False
        if isinstance(error, self.deepl.AuthorizationException):
            raise BadKeyError(
                "DeepL refused the key (403): check DEEPL_AUTH_KEY (keys of free accounts end "
                "in ':fx')"
            ) from None
        if isinstance(error, self.deepl.QuotaExceededException):
            raise QuotaError("DeepL quota exhausted (456)") from None
        status = getattr(error, "http_status_code", None)
        if status is not None and 400 <= status < 500 and status != 429:
            detail = str(error).partition(", message: ")[2] or str(error)
            raise AnswerError(
                f"DeepL refused the request ({status}: {detail}); nothing was translated by it"
            ) from None
        if _is_read_timeout(error):
            raise EngineTimeout(
                "DeepL did not answer in time (deepl.timeout in data/translation.yml, "
                f"{self.deepl.http_client.min_connection_timeout:g} s)"
            ) from None
        reason = type(error).__name__.replace("Exception", "").lower() or "error"
        raise NetworkError(f"DeepL did not answer after retries ({reason})") from None


def _is_read_timeout(error: BaseException) -> bool:
    import requests

    return isinstance(error.__cause__, requests.exceptions.ReadTimeout)


def _no_resending_after_a_read_timeout(translator) -> None:
    """Let the SDK retry everything it retries, except a request that timed out unanswered.

    DeepL bills a request it received even when the answer comes too late, and the SDK sends
    the same batch again after a read timeout (up to max_retries times: a batch was billed
    six times). send_batches resends it in smaller halves instead. The SDK has no option for
    this, so this reaches into two private names of deepl 1.32 (Translator._client and
    HttpClient._should_retry); tests/translation/test_faults.py fails if they change.
    """
    client = translator._client
    sdk_should_retry = client._should_retry

    def should_retry(response, exception, num_retries):
        if exception is not None and _is_read_timeout(exception):
            return False
        return sdk_should_retry(response, exception, num_retries)

    client._should_retry = should_retry


class PseudoEngine:
    """Accented, about 30 % longer text; tags and what they protect stay as they are."""

    name = "pseudo"
    requests = 0
    budget = None  # free: no character budget

    ACCENTS = str.maketrans(
        "abcdeghiklnorstuwyzABCDEGHIKLNORSTUWYZ", "åƀçđéĝĥîķļñöŕšţûŵýžÅƁÇĐÉĜĤÎĶĻÑÖŔŠŢÛŴÝŽ"
    )

    def translate(self, texts: list[str], locale: str, context: str | None = None) -> list[str]:
        self.requests += 1
        return [self._pseudo(text) for text in texts]

    def _pseudo(self, xml: str) -> str:
        root = ET.fromstring(f"<r>{xml}</r>")
        for element in root.iter():
            element.text = self._text(element.text)
            if element is not root:
                element.tail = self._text(element.tail)
        inner = ET.tostring(root, encoding="unicode")
        return inner[len("<r>") : -len("</r>")] if inner != "<r />" else ""

    def _text(self, text: str | None) -> str | None:
        if not text or not text.strip():
            return text
        core = text.strip()
        lead = text[: len(text) - len(text.lstrip())]
        trail = text[len(text.rstrip()) :]
        padding = "·" * max(1, round(len(core) * 0.3))
        return f"{lead}{core.translate(self.ACCENTS)}{padding}{trail}"


def glossary_digest(entries: dict[str, str]) -> str:
    text = "\n".join(f"{source}\t{target}" for source, target in sorted(entries.items()))
    return hashlib.sha256(text.encode()).hexdigest()[:10]
