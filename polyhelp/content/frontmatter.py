"""Page front matter: parsed strictly, because MkDocs silently ignores a malformed block."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from polyhelp.errors import FrontMatterError
from polyhelp.project.yamlfile import key_line, parse_yaml, read_text

# hub: a page that mostly lists other pages (the list of markets); it ranks low in search.
PAGE_TYPES = ("home", "guide", "faq", "legal", "hub")
REQUIRED = ("title", "description", "type")
DESCRIPTION_MAX = 200
EXAMPLE = "---\ntitle: Shipping options and costs\ndescription: One sentence.\ntype: guide\n---"


@dataclass(frozen=True)
class Page:
    """A Markdown page split into its front matter and its body."""

    path: Path
    meta: dict[str, Any]
    body: str
    body_line: int  # the file's line number of the body's first line
    meta_lines: dict[str, int]  # the file's line number of each top-level front matter key

    @property
    def page_type(self) -> str:
        return self.meta["type"]


def split(text: str, path: Path | str, max_description: int | None = DESCRIPTION_MAX) -> Page:
    """Split a page into validated front matter and body.

    `max_description` holds writers to what search engines show; None for translations,
    which run longer than their English and are not the writer's to shorten.
    """
    path = Path(path)
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].rstrip() != "---":
        raise FrontMatterError(
            f"the page must start with a front matter block, e.g.\n{EXAMPLE}", path, 1
        )
    for index in range(1, len(lines)):
        if lines[index].rstrip() in ("---", "..."):
            break
    else:
        raise FrontMatterError(
            "the front matter block opened on line 1 is never closed with '---'", path, 1
        )
    yaml_text = "".join(lines[1:index])
    meta = parse_yaml(yaml_text, path, FrontMatterError, first_line=2)
    if meta is None:
        meta = {}
    if not isinstance(meta, dict):
        raise FrontMatterError(f"front matter must be 'key: value' lines, e.g.\n{EXAMPLE}", path, 2)
    _validate(meta, yaml_text, path, max_description)
    meta_lines = {key: key_line(yaml_text, str(key), first_line=2) or 2 for key in meta}
    return Page(
        path=path,
        meta=meta,
        body="".join(lines[index + 1 :]),
        body_line=index + 2,
        meta_lines=meta_lines,
    )


def read(path: Path | str, max_description: int | None = DESCRIPTION_MAX) -> Page:
    """Read and split a page file."""
    path = Path(path)
    # utf-8-sig, as MkDocs reads pages: editors on Windows may save a byte-order mark.
    return split(read_text(path, "utf-8-sig"), path, max_description)


def _validate(
    meta: dict[str, Any], yaml_text: str, path: Path, max_description: int | None
) -> None:
    missing = [key for key in REQUIRED if key not in meta]
    if missing:
        raise FrontMatterError(
            f"front matter lacks {', '.join(missing)}; every page needs title, description "
            f"and type ({', '.join(PAGE_TYPES)})",
            path,
            1,
        )
    for key in ("title", "description"):
        value = meta[key]
        if not isinstance(value, str) or not value.strip():
            raise FrontMatterError(
                f"'{key}' must be non-empty text, found {value!r}",
                path,
                key_line(yaml_text, key, first_line=2),
            )
    if max_description is not None and len(meta["description"]) > max_description:
        raise FrontMatterError(
            f"'description' has {len(meta['description'])} characters; search engines show "
            f"about {max_description}, shorten it",
            path,
            key_line(yaml_text, "description", first_line=2),
        )
    keywords = meta.get("keywords")
    if keywords is not None and not (
        isinstance(keywords, list)
        and all(isinstance(keyword, str) and keyword.strip() for keyword in keywords)
    ):
        raise FrontMatterError(
            f"'keywords' must be a list of the words customers search with, e.g. "
            f"[refund, money back]; found {keywords!r}",
            path,
            key_line(yaml_text, "keywords", first_line=2),
        )
    if meta["type"] not in PAGE_TYPES:
        raise FrontMatterError(
            f"'type' is {meta['type']!r}; expected one of {', '.join(PAGE_TYPES)}",
            path,
            key_line(yaml_text, "type", first_line=2),
        )


def set_block(text: str, key: str, value: dict[str, Any]) -> str:
    """The page with top-level front matter `key` set to `value` (replaced, or added last)."""
    lines = text.splitlines(keepends=True)
    close = next(i for i in range(1, len(lines)) if lines[i].rstrip() in ("---", "..."))
    kept: list[str] = []
    inside = False
    for line in lines[1:close]:
        if line.startswith(f"{key}:"):
            inside = True
            continue
        if inside and (line.startswith((" ", "\t")) or not line.strip()):
            continue
        inside = False
        kept.append(line)
    newline = "\r\n" if lines[0].endswith("\r\n") else "\n"
    block = yaml.safe_dump({key: value}, sort_keys=False, allow_unicode=True, width=1000)
    block_lines = [line + newline for line in block.splitlines()]
    return "".join([lines[0], *kept, *block_lines, *lines[close:]])
