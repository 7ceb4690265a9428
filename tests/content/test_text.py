"""Plain text out of HTML: words of different blocks never glue, permalinks are not text."""

from __future__ import annotations

from polyhelp.content.text import html_to_text


def test_words_of_adjacent_cells_and_blocks_stay_apart():
    html = "<table><tr><th>Country</th><th>Price</th></tr><tr><td>Canada</td><td>$9</td></tr>"
    html += "</table><dl><dt>Shipping</dt><dd>Free</dd></dl><h5>Next</h5><p>Step</p>"
    assert html_to_text(html) == "Country Price Canada $9 Shipping Free Next Step"


def test_inline_markup_does_not_split_a_word():
    assert html_to_text("<p>re<strong>fund</strong>ed <a href='#'>here</a></p>") == "refunded here"


def test_heading_permalinks_and_scripts_are_not_text():
    html = '<h2 id="x">Costs<a class="headerlink" href="#x">¶</a></h2><script>var a = 1</script>'
    assert html_to_text(html) == "Costs"
