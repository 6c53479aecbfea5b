"""The Overview's headline cards as HTML: pack text shown as written, links safe, nothing lost.

The rows here are written out in each test (what a card is given); what the card
shows is read back from its HTML with the standard library's parser.
"""

from __future__ import annotations

from html.parser import HTMLParser

import pandas as pd

from components.overview import Card, card_html


class _Read(HTMLParser):
    """The text a card shows and the attributes of its links."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.text: list[str] = []
        self.links: list[dict] = []
        self.tags: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        if tag == "a":
            self.links.append(dict(attrs))

    def handle_data(self, data):
        self.text.append(data)


def read(markup: str) -> _Read:
    reader = _Read()
    reader.feed(markup)
    return reader


def figure_row(**changes) -> pd.Series:
    row = {
        "id": "trade-2024",
        "metric_label": "Bilateral trade",
        "period_label": "2024",
        "value_label": "$245 bn",
        "status": "reported",
        "quote": "In 2024, trade hit $245 billion.",
        "note": None,
        "source_title": "Annual report",
        "source_url": "https://example.org/report",
        "source_citation": "Gazette (Jan 2025)",
    }
    return pd.Series(row | changes)


def test_pack_text_is_shown_as_written_never_as_markup():
    hostile = "**bold** <b>tag</b> <script>alert(1)</script> & [link](https://evil.example)"
    markup = card_html(Card("figure", figure_row(metric_label=hostile, quote=hostile)))
    card = read(markup)
    assert "".join(card.text).count(hostile) == 2  # the heading and the quote, as written
    assert "script" not in card.tags and "b" not in card.tags
    assert [link["href"] for link in card.links] == ["https://example.org/report"]


def test_a_source_address_that_is_not_http_is_no_link():
    for address in ("javascript:alert(1)", "data:text/html,<b>x</b>", None):
        card = read(card_html(Card("figure", figure_row(source_url=address))))
        assert card.links == [], address
        assert "Annual report" in "".join(card.text)  # the title still names the source


def test_a_link_opens_beside_the_app():
    [link] = read(card_html(Card("figure", figure_row()))).links
    assert link["target"] == "_blank" and "noopener" in link["rel"]


def test_the_quote_sits_behind_the_source_and_a_card_without_one_still_names_its_source():
    with_quote = card_html(Card("figure", figure_row()))
    closed, _, opened = with_quote.partition("<details>")
    assert "In 2024, trade hit $245 billion." in opened
    assert "In 2024, trade hit $245 billion." not in closed
    without = read(card_html(Card("figure", figure_row(quote=None))))
    assert "blockquote" not in without.tags
    assert "Gazette (Jan 2025)" in "".join(without.text)


def test_a_figure_card_says_what_other_sources_give_or_that_none_does():
    other = "$244.8 bn from Customs (Jan 2025)"
    assert f"Other sources: {other}" in "".join(
        read(card_html(Card("figure", figure_row()), other)).text
    )
    assert "No other source gives this value." in "".join(
        read(card_html(Card("figure", figure_row()))).text
    )
    planned = "".join(read(card_html(Card("figure", figure_row(status="planned")))).text)
    assert planned.startswith("Bilateral trade, 2024$245 bnplanned · ")


def test_a_portfolio_without_a_count_shows_its_worth_alone():
    row = pd.Series(
        {
            "id": "portfolio",
            "title": "Joint projects",
            "count": pd.NA,
            "amount_label": "$200 bn",
            "status": "underway",
            "kind": "portfolio",
            "quote": "worth $200 billion",
            "source_title": "Talks",
            "source_url": "https://example.org/talks",
            "source_citation": "Agency (May 2025)",
        }
    )
    text = read(card_html(Card("agreement", row))).text
    assert "worth" in text and "$200 bn" in text
    assert "projects" not in text
