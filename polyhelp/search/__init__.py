"""Search: each locale's lunr index, built once with lunr.py, and the one way it is queried.

Owns the table of which language gets which pipeline (languages.py), the customers' words of
data/search-synonyms.yml (synonyms.py), turning a locale's pages into a prebuilt, serialized
lunr index the browser loads as it is (index.py), and the query logic (query.py) that
`polyhelp search` runs in Python and the browser's worker
(overrides/assets/javascripts/polyhelp-search.js) runs in JavaScript, clause for clause. It
knows nothing of the site generator: it may import `polyhelp.project`, `polyhelp.content`,
`polyhelp.markets` (for its YAML reader with line numbers), `polyhelp.errors` and libraries.
"""
