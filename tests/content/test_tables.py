"""Wide tables labelled cell by cell, so a phone can show each row as a card."""

from __future__ import annotations

import markdown

from polyhelp.content.tables import stackable_tables

WIDE = """\
| Option | Carrier | Price & fee |
|---|---|---|
| Standard | DHL | 4,90 € |
| Express | <b>UPS</b> | 9,90 € |
"""


def test_each_cell_of_a_wide_table_carries_its_heading():
    page = stackable_tables(markdown.markdown(WIDE, extensions=["tables"]))
    assert page.startswith("<table data-polyhelp-stack>")
    assert '<td data-label="Option">Standard</td>' in page
    assert '<td data-label="Carrier">DHL</td>' in page
    assert '<td data-label="Price &amp; fee">9,90 €</td>' in page
    assert page.count("data-label=") == 6


def test_a_heading_with_markup_is_labelled_by_its_text():
    table = "| *Day* | `When` | Who |\n|---|---|---|\n| Mon | 8 | us |\n"
    page = stackable_tables(markdown.markdown(table, extensions=["tables"]))
    assert '<td data-label="Day">Mon</td>' in page
    assert '<td data-label="When">8</td>' in page


def test_a_narrow_table_and_a_raw_html_table_stay_as_they_are():
    narrow = "| Day | Hours |\n|---|---|\n| Mon | 8–20 |\n"
    narrow = markdown.markdown(narrow, extensions=["tables"])
    assert stackable_tables(narrow) == narrow
    raw = '<table class="x"><thead><tr><th>a</th><th>b</th><th>c</th></tr></thead></table>'
    assert stackable_tables(raw) == raw
