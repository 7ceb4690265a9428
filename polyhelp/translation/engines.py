"""Translation engines: DeepL through its official SDK, and an offline pseudo-localizer."""

from __future__ import annotations

import hashlib
import xml.etree.ElementTree as ET
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


class Engine(Protocol):
    name: str

    def translate(self, texts: list[str], locale: str) -> list[str]:
        """Translate XML texts from English into `locale`, in order."""


# DeepL's target codes where they are not simply the locale in upper case.
DEEPL_TARGETS = {"en": "EN-GB", "pt": "PT-PT", "zh": "ZH-HANS"}
# DeepL bills per character and accepts at most 50 texts and 128 KiB a request.
MAX_TEXTS = 50
MAX_CHARACTERS = 100_000


def deepl_target(locale: str) -> str:
    language = locale.replace("_", "-").split("-")[0].lower()
    return DEEPL_TARGETS.get(language, language.upper())


class DeepLEngine:
    name = "deepl"

    def __init__(
        self,
        auth_key: str,
        server_url: str | None = None,
        formality: dict[str, str] | None = None,
        glossaries: dict[str, str] | None = None,
        max_retries: int | None = None,
    ):
        import deepl

        if max_retries is not None:
            # The SDK retries 429 and 5xx itself, with exponential backoff: we only say how often.
            deepl.http_client.max_network_retries = max_retries
        self._deepl = deepl
        self.translator = deepl.Translator(auth_key, server_url=server_url or None)
        self.formality = formality or {}
        self.glossaries = glossaries or {}  # locale -> glossary id
        self.requests = 0

    def translate(self, texts: list[str], locale: str) -> list[str]:
        with self.errors():
            results = self.translator.translate_text(
                texts,
                source_lang="EN",
                target_lang=deepl_target(locale),
                tag_handling="xml",
                formality=self.formality.get(locale, "default"),
                glossary=self.glossaries.get(locale),
            )
        self.requests += 1
        return [result.text for result in results]

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
        if error is None or not isinstance(error, self.deepl.DeepLException):
            return False
        if isinstance(error, self.deepl.AuthorizationException):
            raise BadKeyError(
                "DeepL refused the key (403): check DEEPL_AUTH_KEY (keys of free accounts end "
                "in ':fx')"
            ) from None
        if isinstance(error, self.deepl.QuotaExceededException):
            raise QuotaError("DeepL quota exhausted (456)") from None
        reason = type(error).__name__.replace("Exception", "").lower() or "error"
        raise NetworkError(f"DeepL did not answer after retries ({reason})") from None


class PseudoEngine:
    """Accented, about 30 % longer text; tags and what they protect stay as they are."""

    name = "pseudo"
    requests = 0

    ACCENTS = str.maketrans(
        "abcdeghiklnorstuwyzABCDEGHIKLNORSTUWYZ", "åƀçđéĝĥîķļñöŕšţûŵýžÅƁÇĐÉĜĤÎĶĻÑÖŔŠŢÛŴÝŽ"
    )

    def translate(self, texts: list[str], locale: str) -> list[str]:
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
