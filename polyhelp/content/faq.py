"""FAQ pages: question/answer pairs from the Markdown, published as schema.org FAQPage."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from markdown_it import MarkdownIt

from polyhelp.content.text import html_to_text
from polyhelp.errors import FrontMatterError

_markdown = MarkdownIt("commonmark").enable("table")


@dataclass(frozen=True)
class Question:
    question: str
    answer: str  # plain text: what a search engine may show as the answer
    line: int  # line of the question heading, counted within the body


def extract(body: str) -> list[Question]:
    """Every `## heading` of a FAQ body is a question; what follows, until the next, its answer."""
    tokens = _markdown.parse(body)
    questions: list[Question] = []
    starts = [
        index
        for index, token in enumerate(tokens)
        if token.type == "heading_open" and token.tag == "h2"
    ]
    for position, start in enumerate(starts):
        end = starts[position + 1] if position + 1 < len(starts) else len(tokens)
        heading = tokens[start + 1]
        answer_tokens = tokens[start + 3 : end]
        answer_html = _markdown.renderer.render(answer_tokens, _markdown.options, {})
        questions.append(
            Question(
                question=_plain(heading.children or []),
                answer=html_to_text(answer_html),
                line=(tokens[start].map or [0])[0] + 1,
            )
        )
    return questions


def faq_page_jsonld(body: str, locale: str, path: Path, body_line: int = 1) -> str:
    """The FAQPage JSON-LD of a FAQ page, safe to put inside a <script> element."""
    questions = extract(body)
    if not questions:
        raise FrontMatterError(
            "a page of type faq needs questions: one '## Question?' heading per question",
            path,
            body_line,
        )
    for item in questions:
        if not item.answer:
            raise FrontMatterError(
                f"the question '{item.question}' has no answer below it",
                path,
                body_line + item.line - 1,
            )
    data = {
        "@context": "https://schema.org",
        "@type": "FAQPage",
        "inLanguage": locale,
        "mainEntity": [
            {
                "@type": "Question",
                "name": item.question,
                "acceptedAnswer": {"@type": "Answer", "text": item.answer},
            }
            for item in questions
        ],
    }
    # No "<" at all inside <script>: "</script" would end it and "<!--" would hide its end.
    # JSON reads "\u003c" as the same character.
    return json.dumps(data, ensure_ascii=False, indent=1).replace("<", "\\u003c")


def _plain(inline_tokens) -> str:
    parts = []
    for token in inline_tokens:
        if token.type in ("text", "code_inline"):
            parts.append(token.content)
        elif token.type in ("softbreak", "hardbreak"):
            parts.append(" ")
    return " ".join("".join(parts).split())
