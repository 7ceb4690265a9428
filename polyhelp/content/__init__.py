"""What a page says, read from its Markdown: front matter, placeholders, conditions, FAQs.

Owns reading a page's front matter (with line numbers), filling `{{ placeholders }}` from
data, showing or hiding sections by a heading's `when=` condition, extracting FAQ questions
and answers (for structured data), and turning HTML into plain text. It knows nothing of
locales, translation or the site generator: it may import `polyhelp.project`,
`polyhelp.errors` and libraries.
"""
