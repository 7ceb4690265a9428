"""URLs in data: checked as URLs where the data is loaded, before any page uses one."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

_URL_SCHEMES = ("http", "https", "mailto", "tel")
# Nothing that ends a Markdown link target or an HTML attribute, or that no URL holds raw.
_URL_FORBIDDEN = re.compile(r"[\s\"'<>()\\`\x00-\x1f\x7f]")


def url_problem(url: object, schemes: tuple[str, ...] = _URL_SCHEMES) -> str | None:
    """Why `url` is not a URL Polyhelp may put in a page, or None where it is one."""
    if not isinstance(url, str) or not url:
        return f"{url!r} is not a URL"
    found = _URL_FORBIDDEN.search(url)
    if found:
        return (
            f"{url!r} is not a URL: it contains {found.group(0)!r}; "
            "percent-encode it (space %20, ( %28, ) %29, \" %22, ' %27)"
        )
    try:
        parts = urlsplit(url)
    except ValueError as error:
        return f"{url!r} is not a URL ({error})"
    if parts.scheme not in schemes:
        return f"{url!r} is not a URL: it must start with {' or '.join(s + ':' for s in schemes)}"
    if parts.scheme in ("http", "https") and not parts.netloc:
        return f"{url!r} is not a URL: it names no host, e.g. https://www.example.com"
    if parts.scheme in ("mailto", "tel") and not parts.path:
        return f"{url!r} is not a URL: nothing follows '{parts.scheme}:'"
    return None


# The address part of a mailto: URL as people write it; no quotes, brackets or spaces that
# could end an attribute or a link, and a host with a dot.
_EMAIL = re.compile(
    r"[A-Za-z0-9.!#$%&*+/=?^_{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+"
)


def email_problem(address: object) -> str | None:
    """Why `address` is not an e-mail address Polyhelp may put in a page, or None."""
    if isinstance(address, str) and _EMAIL.fullmatch(address):
        return None
    return f"{address!r} is not an e-mail address; write e.g. help@example.com"


# A phone number as people write it in international form: +, the country code and the
# number, in groups separated by single spaces, hyphens or dots.
_PHONE = re.compile(r"\+[1-9](?:[ .-]?[0-9])+")


def phone_problem(number: object) -> str | None:
    """Why `number` is not a phone number in international form (E.164 once its separators
    are dropped), or None."""
    if isinstance(number, str) and _PHONE.fullmatch(number) and 8 <= len(e164(number)) - 1 <= 15:
        return None
    return f"{number!r} is not a phone number in international format; write e.g. +43 1 555 0123"


def e164(number: str) -> str:
    """A checked phone number in E.164 form, as a tel: URL wants it: +4930555012 34 ->
    +493055501234."""
    return "+" + re.sub(r"[^0-9]", "", number)
