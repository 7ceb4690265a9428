"""Machine pre-translation: from changed English text to translated pages, paying only for
what is new.

Owns splitting a page into segments and back (`segment`), inline Markdown as XML tags an
engine keeps (`inline_xml`), sentences of a segment and the language's spacing between
them (`sentences`), the translation memory in `translations/` (`memory`), the
engines (DeepL through its official SDK, and the offline pseudo engine), the glossary and
translation settings of `data/translation.yml` (`glossary`), one locale's run (`run`) and
the translate command's flow (`command`). It may import `polyhelp.project`,
`polyhelp.content`, `polyhelp.errors` and libraries; never the review workflow or the site.
"""
