"""Human review in git: what state each translated page is in, and what a person checks.

Owns the page states (reviewed, machine, stale, missing, pseudo) read from each page's
`translation` record (`states`), translation QA of a page against its English (`qa`), the
review workflow with its word-level English diff and `--accept` (`workflow`), the status
report for the terminal, JSON and the writers' page (`report`), and the English pages'
history in git (`history`), and the facts pages type by hand instead of taking them from
data (`facts`). It may import `polyhelp.translation`, `polyhelp.markets` (the data's
values), `polyhelp.content`, `polyhelp.project`, `polyhelp.errors` and libraries; never
the site.
"""
