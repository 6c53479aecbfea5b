"""Pack text is shown exactly as written on every page, never as markup.

A hostile copy of the reader pack puts markdown, HTML, LaTeX, a Streamlit icon
shortcode and a link into every kind of text a page shows (titles, places,
people, sectors, claims, notes, quotes, publishers, the summary). Each page
must show the text (escaped) and never hand it to markdown or plotly raw.
"""

from __future__ import annotations

import json
import shutil

import pytest
import yaml

from tests.app.reader import (
    PAGE_SCRIPTS,
    READER_DATA,
    _downloads_kept,  # noqa: F401 - autouse fixture
    cards_shown,
    claim_cards,
    open_all,
    open_page,
)

HOSTILE = "**bold** <b>tag</b> $x$ :material/home: [link](https://evil.example) ~~gone~~"
RAW_MARKUP = [
    "**bold**",
    "<b>tag</b>",
    "$x$",
    ":material/home:",
    "[link](https://evil.example)",
    "~~gone~~",
]
PACK = "ruritania-graustark"

# (file, text as written in the reader pack, what it becomes in the hostile pack)
EDITS = [
    ("pack.yaml", "title: Ruritania–Graustark relations", f'title: "Ruritania {HOSTILE}"'),
    ("pack.yaml", "  A fictional pair for Dyad's reader tests", f"  A fictional pair {HOSTILE}"),
    ("pack.yaml", "name: Ruritania,", f'name: "Ruritania {HOSTILE}",'),
    ("pack.yaml", "label: Bilateral trade turnover,", f'label: "Bilateral trade {HOSTILE}",'),
    ("pack.yaml", "label: Pipeline gas supplied", f'label: "Pipeline gas {HOSTILE}'),
    ("pack.yaml", "to Graustark, unit: bcm,", 'to Graustark", unit: bcm,'),
    ("sources.yaml", "publisher: The Strelsau Chronicle", f'publisher: "Chronicle {HOSTILE}"'),
    ("sources.yaml", "title: Annual trade", f'title: "Annual {HOSTILE} trade'),
    ("sources.yaml", "and energy statistics", 'and energy statistics"'),
    ("events.yaml", "title: Summit in Zenda", f'title: "Summit {HOSTILE}"'),
    ("events.yaml", "title: Summit in Strelsau", f'title: "Summit {HOSTILE} 2023"'),
    (
        "events.yaml",
        "place: Zenda\n  status: planned",
        f'place: "Zenda {HOSTILE}"\n  status: planned',
    ),
    ("events.yaml", "people: [King Rudolf, President Michael]", f'people: ["Rudolf {HOSTILE}"]'),
    (
        "events.yaml",
        "quote: The next summit is planned for October 2025 in Zenda.",
        f'quote: "{HOSTILE}"',
    ),
    ("agreements.yaml", "title: Joint research programme", f'title: "Research {HOSTILE}"'),
    ("agreements.yaml", "sectors: [science, education]", f'sectors: [science, "edu {HOSTILE}"]'),
    (
        "agreements.yaml",
        "quote: a joint research programme of 12 projects worth $3.5 billion",
        f'quote: "{HOSTILE}"',
    ),
    ("agreements.yaml", "note: Names the Northern route", f'note: "{HOSTILE} Names the route'),
    ("agreements.yaml", "as its first project.", 'as its first project."'),
    ("statements.yaml", "said: Payments in crowns", f'said: "{HOSTILE} Payments in crowns'),
    ("statements.yaml", "speaker: Minister of Finance", f'speaker: "Minister {HOSTILE}"'),
    ("statements.yaml", "will keep growing.", 'will keep growing."'),
    ("checks.yaml", "claim: Trade hit a record $14 billion in 2024", f'claim: "Trade {HOSTILE}"'),
    (
        "checks.yaml",
        "claim: Graustark is Ruritania's largest",
        f'claim: "{HOSTILE} Graustark is the largest',
    ),
    ("checks.yaml", "trading partner\n  source", 'trading partner"\n  source'),
    (
        "checks.yaml",
        "quote: Almost all trade is now settled in crowns and ducats.",
        f'quote: "{HOSTILE}"',
    ),
    ("checks.yaml", "note: Customs gives", f'note: "{HOSTILE} Customs gives'),
    ("checks.yaml", "up from $12.6 bn in 2023.", 'up from $12.6 bn in 2023."'),
    (
        "figures.yaml",
        "quote: In 2024, trade between the two countries hit a record $14 billion",
        f'quote: "{HOSTILE}"',
    ),
]


@pytest.fixture(scope="module")
def hostile_data(tmp_path_factory):
    data = tmp_path_factory.mktemp("hostile") / "data"
    shutil.copytree(READER_DATA / PACK, data / PACK)
    for name, before, after in EDITS:
        path = data / PACK / name
        text = path.read_text()
        assert text.count(before) >= 1, f"{name}: {before!r} is no longer in the reader pack"
        path.write_text(text.replace(before, after, 1))
    text_file = data / PACK / "sources" / "chronicle-2025-05-10.txt"
    text_file.write_text(text_file.read_text() + HOSTILE + "\n")
    return data


TEXT_KINDS = ("title", "header", "subheader", "markdown", "caption", "info", "warning", "error")


def shown_texts(app) -> list[str]:
    """Every text a page hands to markdown: elements, expander, tab and popover labels."""
    found = [str(element.value) for kind in TEXT_KINDS for element in app.get(kind)]
    found += [str(e.label) for e in app.get("expander")]
    found += [str(t.label) for t in app.get("tab")]
    found += [str(m.label) for m in app.get("metric") if m.proto.label_visibility.value == 0]
    found += [p.proto.popover.label for p in app.get("popover")]
    return found


def chart_strings(app) -> list[str]:
    """Every string in every plotly figure (titles, labels, legends, hovers, annotations)."""
    strings: list[str] = []

    def walk(value):
        if isinstance(value, str):
            strings.append(value)
        elif isinstance(value, dict):
            for item in value.values():
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    for chart in app.get("plotly_chart"):
        walk(json.loads(chart.proto.spec))
    return strings


@pytest.mark.parametrize("title", list(PAGE_SCRIPTS))
def test_pack_text_is_escaped_on_every_page(hostile_data, title, monkeypatch):
    app = open_page(title, data_dir=hostile_data, monkeypatch=monkeypatch)
    assert not app.error, [e.value for e in app.error]
    if title == "Sources":  # the chosen source's stored text, as a reader opens it
        open_all(app, "source-text")
        assert any("tag" in html.proto.body for html in app.main.get("html")), "void"
    texts = shown_texts(app)
    assert any("bold" in text for text in texts), f"{title} shows no hostile text: test is void"
    for text in texts:
        for raw in RAW_MARKUP:
            assert raw not in text, f"{title} hands {raw!r} to markdown raw: {text[:200]!r}"
    for text in chart_strings(app):
        assert "<b>tag</b>" not in text, f"{title}: a chart draws pack HTML raw: {text[:200]!r}"
    for html in app.get("html"):
        assert "<b>tag</b>" not in html.proto.body


def test_overview_cards_show_the_hostile_text_as_written(hostile_data, monkeypatch):
    """The Overview's cards (one block of HTML): the quote behind a card and the next planned
    event read exactly as written, and the HTML sent holds no tag of the pack's own."""
    app = open_page("Overview", data_dir=hostile_data, monkeypatch=monkeypatch)
    cards = cards_shown(app).values()
    quotes = [card.quote for card in cards]
    assert HOSTILE in quotes, f"no card's Source shows the hostile quote as written: {quotes}"
    events = [card.lines[0] for card in cards if card.kind == "event"]
    assert any(HOSTILE in line for line in events), f"no planned event shows it: {events}"
    bodies = [html.proto.body for html in app.get("html") if "dyad-card" in html.proto.body]
    assert bodies, "no headline cards: test is void"
    for body in bodies:
        assert "<b>tag</b>" not in body  # escaped: &lt;b&gt;tag&lt;/b&gt;
        assert 'href="https://evil.example' not in body  # a link in pack text is no link


def test_claim_cards_show_the_hostile_claim_quote_and_note_as_written(hostile_data, monkeypatch):
    """Each claim on Claims is a card of HTML: its claim, quote and note read exactly as the
    hostile pack writes them, and the HTML sent holds no tag or link of the pack's own."""
    app = open_page("Claims", data_dir=hostile_data, monkeypatch=monkeypatch)
    claims = claim_cards(app)
    assert f"Trade {HOSTILE}" in claims["record-trade-2024"].text
    assert f"{HOSTILE} Customs gives" in claims["record-trade-2024"].text
    assert claims["almost-all-in-national-currencies"].quote == HOSTILE
    for card in claims.values():
        assert "https://evil.example" not in card.links
    bodies = [html.proto.body for html in app.get("html") if 'data-kind="claim"' in html.proto.body]
    written = yaml.safe_load((hostile_data / PACK / "checks.yaml").read_text(encoding="utf-8"))
    assert len(bodies) == len(claims) == len(written), "a claim is not a card of its own"
    for body in bodies:
        assert "<b>tag</b>" not in body
