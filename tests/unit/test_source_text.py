"""The full source text: quotes marked where they stand, everything else escaped."""

from __future__ import annotations

from components.source_text import marked_source_html, quoted_spans


def test_quote_with_straight_marks_is_found_in_text_with_curly_ones():
    text = "Putin said ties had reached “an all-time high,” and more."
    [(start, end)] = quoted_spans(text, ['reached "an all-time high,"'])
    assert text[start:end] == "reached “an all-time high,”"


def test_quote_across_a_line_break_and_dash_is_marked():
    text = "currencies —\n the majority of trade"
    html = marked_source_html(text, ["currencies - the majority"])
    assert html.endswith("<mark>currencies —<br> the majority</mark> of trade</div>")


def test_overlapping_quotes_are_merged_and_markup_in_text_is_escaped():
    text = "<b>Record</b> trade of $245 billion."
    html = marked_source_html(text, ["trade of $245", "of $245 billion"])
    assert "&lt;b&gt;Record&lt;/b&gt; <mark>trade of $245 billion</mark>." in html
    assert html.count("<mark>") == 1
