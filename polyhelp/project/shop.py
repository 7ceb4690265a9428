"""The shop's own facts (data/shop.yml): its name and contact details, named once."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from polyhelp.errors import DataError
from polyhelp.project.urls import email_problem, phone_problem, url_problem
from polyhelp.project.yamlfile import key_line, parse_yaml

REQUIRED_KEYS = ("name", "legal_name", "website", "email", "phone", "address")
# Channels a shop may or may not offer, and the condition a page's section shown only when
# it does is written with: ## Live chat {: when="shop.has_chat" }.
OPTIONAL_CHANNELS = {"chat_url": "has_chat", "contact_form_url": "has_contact_form"}


def is_url_key(key: str) -> bool:
    return key == "website" or key.endswith("_url")


def is_email_key(key: str) -> bool:
    return key == "email" or key.endswith("_email")


def is_phone_key(key: str) -> bool:
    return key == "phone" or key.endswith("_phone")


def load_shop(data_dir: Path) -> dict[str, str]:
    """Load data/shop.yml; every value must be a non-empty string, `website` and `*_url` an
    http(s) URL, `email` and `*_email` an e-mail address, `phone` and `*_phone` a phone number
    in international format."""
    path = Path(data_dir) / "shop.yml"
    try:
        stamp = path.stat().st_mtime_ns
    except FileNotFoundError:
        raise DataError(
            "not found; it names the shop, e.g. 'name: Nordvik Home' and 'email: help@...'", path
        ) from None
    return dict(_load(path, stamp))


@lru_cache(maxsize=8)
def _load(path: Path, _stamp: int) -> tuple[tuple[str, str], ...]:
    text = path.read_text(encoding="utf-8")
    data = parse_yaml(text, path, DataError)
    if not isinstance(data, dict):
        raise DataError("must be a mapping of keys to values, e.g. 'name: Nordvik Home'", path)
    missing = [key for key in REQUIRED_KEYS if key not in data]
    if missing:
        raise DataError(f"missing key(s): {', '.join(missing)}", path)
    for key, value in data.items():
        if not isinstance(value, str) or not value.strip():
            raise DataError(
                f"'{key}' must be a non-empty text value, found {value!r}",
                path,
                key_line(text, str(key)),
            )
        problem = _format_problem(str(key), value)
        if problem:
            raise DataError(f"'{key}': {problem}", path, key_line(text, str(key)))
    return tuple(data.items())


def _format_problem(key: str, value: str) -> str | None:
    """What is wrong with a value whose key says it is a URL, an e-mail address or a phone."""
    if is_url_key(key):
        return url_problem(value, ("http", "https"))
    if is_email_key(key):
        return email_problem(value)
    if is_phone_key(key):
        return phone_problem(value)
    return None
