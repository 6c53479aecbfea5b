"""Every page of the registry runs in AppTest, and shows the numbers a reader must see."""

from __future__ import annotations

import json
import re
import shutil

import pandas as pd
import pytest
import yaml
from streamlit.testing.v1 import AppTest

from components.registry import PAGES
from tests.app.reader import cards_shown, claim_cards, open_page
from tests.conftest import FIXTURES, REPO, SHIPPED_DATA

TIMEOUT = 60


def run_page(script: str) -> AppTest:
    """The page at ``script``, opened by a link to it."""
    app = AppTest.from_file(str(REPO / "app.py"), default_timeout=TIMEOUT)
    if script != PAGES[0].script:
        app.switch_page(script)
    app.run()
    return app


def page_text(app: AppTest) -> str:
    """Everything a reader can read on the page: text elements and chart titles."""
    parts = [
        element.value
        for kind in ("title", "header", "subheader", "markdown", "caption", "metric", "info")
        for element in getattr(app, kind)
    ]
    parts += [str(metric.label) for metric in app.metric]
    parts += [card.text for card in cards_shown(app).values()]
    for chart in app.get("plotly_chart"):
        spec = json.loads(chart.proto.spec)
        layout = spec["layout"]
        parts.append(layout["title"]["text"])
        for trace in spec["data"]:
            text = trace.get("text", [])
            parts += text if isinstance(text, list) else [text]
        parts += [annotation.get("text", "") for annotation in layout.get("annotations", [])]
    # Chart titles are wrapped with <br> and bolded with <b>: read them as words.
    text = "\n".join(str(part) for part in parts)
    return re.sub(r"[ \t]+", " ", re.sub(r"<[^>]+>", " ", text))


def as_words(markup: object) -> str:
    """Markdown or plotly label text read as words: tags, escapes and runs of spaces undone."""
    text = re.sub(r"<[^>]+>", " ", str(markup))
    return " ".join(re.sub(r"\\(.)", r"\1", text).split())


def visible_places(app: AppTest) -> dict[str, list[str]]:
    """Where a reader sees a value without opening anything, by kind of place.

    Quotes (block quotes and whatever sits in a Source popover) are left out: a number
    found only in a quote is not a number the page shows.
    """
    in_popovers = {id(m) for p in app.get("popover") for m in p.get("markdown")}
    prose = [
        as_words(element.value)
        for kind in ("title", "header", "subheader", "markdown", "caption", "info")
        for element in app.get(kind)
        if id(element) not in in_popovers and not str(element.value).startswith(">")
    ]
    chart_items = []
    for chart in app.get("plotly_chart"):
        spec = json.loads(chart.proto.spec)
        chart_items.append(as_words(spec["layout"]["title"]["text"]))
        for trace in spec["data"]:
            text = trace.get("text", [])
            chart_items += [as_words(t) for t in (text if isinstance(text, list) else [text])]
        chart_items += [as_words(a.get("text", "")) for a in spec["layout"].get("annotations", [])]
    # The Overview's headline cards: their numbers as metrics, their lines as prose (their
    # Source, closed, holds the quote).
    cards = cards_shown(app).values()
    prose += [line for card in cards for line in card.lines]
    card_numbers = [value for card in cards for value in card.values.values()]
    card_numbers += [label for card in cards for label in card.values if label]
    return {
        "metric": [as_words(m.value) for m in app.metric]
        + [as_words(m.label) for m in app.metric]
        + card_numbers,
        "chart": chart_items,
        "prose": prose,
        # The chips of a multiselect: what it has chosen, as the reader sees it named.
        "chosen": [
            as_words(chooser.options[index])
            for chooser in app.get("multiselect")
            for index in chooser.indices
        ],
    }


VALUE = re.compile(r"[$€£¥]?\d[\d.,]*(?: [a-z/]+)?")


def shows(places: dict[str, list[str]], expected: str) -> bool:
    """Whether ``expected`` is on the page as a reader reads it.

    A value ("90", "$245 bn", "32 events") must be a whole metric value, or stand as whole
    words in a chart; a phrase may also stand in the prose outside quotes. Whole words:
    "90" is not found in "1990", "90.5" or in a note's "around 90 projects".
    """
    phrase = re.compile(rf"(?<![\w.]){re.escape(expected)}(?![\w])")
    if VALUE.fullmatch(expected):
        return expected in places["metric"] or any(phrase.search(t) for t in places["chart"])
    return any(phrase.search(text) for texts in places.values() for text in texts)


@pytest.mark.parametrize("spec", PAGES, ids=[spec.title for spec in PAGES])
def test_every_page_runs_without_exception(spec, monkeypatch):
    monkeypatch.delenv("DYAD_DATA", raising=False)
    app = run_page(spec.script)
    assert not app.exception, [e.value for e in app.exception]
    assert not app.error, [e.value for e in app.error]
    assert not app.warning, [w.value for w in app.warning]
    assert [t.value for t in app.title] == [spec.title]


READER_MUST_SEE = {
    "Overview": ["$245 bn", "31 bcm", "11 visits", "90", "$200 bn", "Next planned:", "Jan 2027"],
    "Trade": [
        "peaked at $244.8 bn in 2024",
        "then fell to $228.1 bn in 2025",
        "Record: $244.8 bn",
        "Almost all of Russia–China trade is settled in rubles and yuan",
    ],
    "Energy": ["4.1 bcm in 2020", "38.8 bcm in 2025", "50 bcm/yr"],
    "Agreements": ["agreements, declarations, memoranda, programmes and project", "nuclear energy"],
    "Timeline": ["32 events"],
    # statements.yaml: every statement, its speaker and the curator's words
    "Statements": [
        "14 of 14 statements",
        "Xi Jinping",
        "China–Russia friendship is a pillar of a just global order",
        "Almost all payments between Russia and China are now made in rubles and yuan",
    ],
    # figures.yaml: the EU, 785.82 (a claim weighs it as recorded, not "$785.8 bn")
    "Claims": ["Contradicted", "11th visit", "$688.3 bn", "$785.82 bn", "$245 bn"],
    "Sources": ["records from this source", "Realist English"],
    "Briefing": ["Headline numbers", "Bilateral trade turnover peaked at", "Take away"],
}


@pytest.mark.parametrize("spec", PAGES, ids=[spec.title for spec in PAGES])
def test_page_shows_the_numbers_a_reader_must_see(spec, monkeypatch):
    monkeypatch.delenv("DYAD_DATA", raising=False)
    places = visible_places(run_page(spec.script))
    missing = [expected for expected in READER_MUST_SEE[spec.title] if not shows(places, expected)]
    assert not missing, f"{spec.title} does not show {missing}"


def test_every_chart_carries_its_source_line(monkeypatch):
    monkeypatch.delenv("DYAD_DATA", raising=False)
    for spec in PAGES:
        for chart in run_page(spec.script).get("plotly_chart"):
            layout = json.loads(chart.proto.spec)["layout"]
            lines = [
                a["text"] for a in layout.get("annotations", []) if a.get("name") == "source-line"
            ]
            assert lines and lines[0].startswith("Source"), (spec.title, layout["title"]["text"])


@pytest.fixture
def two_packs(tmp_path, monkeypatch):
    data = tmp_path / "data"
    shutil.copytree(SHIPPED_DATA / "russia-china", data / "russia-china")
    shutil.copytree(FIXTURES / "packs" / "freedonia-sylvania", data / "freedonia-sylvania")
    monkeypatch.setenv("DYAD_DATA", str(data))
    return data


def test_pack_selector_switches_the_whole_app_and_keeps_it_in_the_url(two_packs):
    app = run_page(PAGES[0].script)
    selector = app.sidebar.selectbox(key="pack")
    assert selector.options == ["Freedonia–Sylvania relations", "Russia–China relations"]
    selector.set_value("freedonia-sylvania").run()
    assert app.query_params["pack"] in ("freedonia-sylvania", ["freedonia-sylvania"])
    text = page_text(app)
    assert "$12.5 bn" in text and "Freedonia" in text
    assert "Russia" not in text
    app.switch_page("pages/trade.py").run()
    trade = page_text(app)
    assert "Bilateral trade turnover reached a record $12.5 bn in 2023" in trade
    assert "Russia" not in trade


def test_a_broken_pack_is_listed_with_its_problems_and_the_rest_still_serves(two_packs):
    shutil.rmtree(two_packs / "freedonia-sylvania")
    shutil.copytree(
        FIXTURES / "broken" / "unknown-metric" / "freedonia-sylvania",
        two_packs / "freedonia-sylvania",
    )
    app = run_page(PAGES[0].script)
    assert not app.exception
    problems = "\n".join(code.value for code in app.sidebar.code)
    assert "figures.yaml:24: metric: 'gas-suply' names nothing in pack.yaml" in problems
    assert "$245 bn" in page_text(app)


def test_pack_text_is_shown_as_plain_text_never_as_markup(tmp_path, monkeypatch):
    data = tmp_path / "data"
    shutil.copytree(FIXTURES / "packs" / "freedonia-sylvania", data / "freedonia-sylvania")
    pack = data / "freedonia-sylvania" / "pack.yaml"
    pack.write_text(
        pack.read_text().replace(
            "A fictional pair used by Dyad's tests",
            "<script>alert(1)</script> **bold** [link](javascript:alert(1)) $x^2$ :red[red]",
        )
    )
    monkeypatch.setenv("DYAD_DATA", str(data))
    app = run_page(PAGES[0].script)
    summary = next(m.value for m in app.markdown if "alert" in m.value)
    assert summary.startswith(
        r"\<script\>alert\(1\)\</script\> \*\*bold\*\* \[link\]\(javascript\:alert\(1\)\) "
        r"\$x^2\$ \:red\[red\]"
    )


def test_toolbar_saves_print_resolution_png_or_svg_named_after_the_chart(monkeypatch):
    monkeypatch.delenv("DYAD_DATA", raising=False)
    app = run_page("pages/trade.py")
    config = json.loads(app.get("plotly_chart")[0].proto.config)
    assert config["toImageButtonOptions"] == {
        "format": "png",
        "filename": "russia-china-trade-by-year",
        "width": 1600,
        "height": 900,
        "scale": 2,
    }
    app.sidebar.get("button_group")[0].set_value("SVG").run()
    config = json.loads(app.get("plotly_chart")[0].proto.config)
    assert config["toImageButtonOptions"]["format"] == "svg"


# A page's "More figures": the pack's other measures of its topics, behind one click. The
# metric keys are pack.yaml's; their labels are read from it.
MORE_FIGURES = {"Trade": ["china-trade-asean"], "Timeline": ["xi-visits-to-russia"]}


@pytest.mark.parametrize("title", list(MORE_FIGURES))
def test_more_figures_open_with_one_click_on_charts_with_their_sources(title, monkeypatch):
    monkeypatch.delenv("DYAD_DATA", raising=False)
    metrics = yaml.safe_load((SHIPPED_DATA / "russia-china" / "pack.yaml").read_text())["metrics"]
    [spec] = [spec for spec in PAGES if spec.title == title]
    app = run_page(spec.script)

    def more_charts() -> list[dict]:
        return [
            json.loads(chart.proto.spec)
            for chart in app.get("plotly_chart")
            if chart.proto.id.endswith("-over-time") and "currency-share" not in chart.proto.id
        ]

    [closed] = [e for e in app.expander if e.label.startswith("More figures")]
    count = len(MORE_FIGURES[title])
    assert closed.label.startswith(f"More figures: {count} other measure")
    assert more_charts() == []
    app.session_state[f"more-figures-open-{title}"] = True
    app.run()
    assert not app.exception, [e.value for e in app.exception]
    drawn = more_charts()
    assert len(drawn) == count
    for chart, metric in zip(drawn, MORE_FIGURES[title], strict=True):
        layout = chart["layout"]
        lines = [a["text"] for a in layout["annotations"] if a.get("name") == "source-line"]
        assert lines and lines[0].startswith("Source")
        assert metrics[metric]["label"] in json.dumps(chart)


def test_every_session_and_rerun_is_sent_the_same_charts(monkeypatch):
    """Finished figures are shared by every session and handed to Streamlit in a dict made
    once (``ui.sent_figure``): nothing a run does may change what the next one sends."""
    monkeypatch.delenv("DYAD_DATA", raising=False)

    def specs(app: AppTest) -> dict[str, str]:
        return {chart.proto.id: chart.proto.spec for chart in app.get("plotly_chart")}

    first = run_page("pages/claims.py")
    sent = specs(first)
    assert len(sent) >= 2
    first.run()
    assert specs(first) == sent
    assert specs(run_page("pages/claims.py")) == sent


def test_a_claim_without_a_chart_says_why_in_its_own_block(monkeypatch):
    """A claim with no figure among its evidence draws no chart and says so; one with no
    evidence at all says it is unverified. Counted from the pack's files."""
    monkeypatch.delenv("DYAD_DATA", raising=False)
    pack = SHIPPED_DATA / "russia-china"
    checks = yaml.safe_load((pack / "checks.yaml").read_text("utf-8"))
    figures = {f["id"] for f in yaml.safe_load((pack / "figures.yaml").read_text("utf-8"))}
    unverified = [c for c in checks if not c.get("evidence")]
    no_numbers = [c for c in checks if c.get("evidence") and not set(c["evidence"]) & figures]
    assert unverified and no_numbers, "the shipped pack has claims of both kinds"
    app = run_page("pages/claims.py")
    blocks = [card.text for card in claim_cards(app).values()]
    assert len(blocks) == len(checks)
    said = {
        "No evidence: this claim is unverified.": unverified,
        "No numbers among the evidence; see the records below.": no_numbers,
    }
    for why, claims in said.items():
        shown = [block for block in blocks if block.endswith(why)]
        assert len(shown) == len(claims), why
        for check in claims:
            assert any(as_words(check["claim"]) in block for block in shown), check["id"]


def test_a_missing_address_shows_as_an_empty_cell_not_as_none(monkeypatch):
    """A source the pack gives no address for: its cell is empty in the Sources list, as in
    its CSV, not a grey "None" that reads as a value."""
    pack = FIXTURES / "packs" / "freedonia-sylvania"
    sources = yaml.load((pack / "sources.yaml").read_text(), Loader=yaml.CSafeLoader)
    no_address = [s["id"] for s in sources if not s.get("url")]
    assert no_address, "the fixture pack no longer has a source without an address: test is void"
    app = open_page("Sources", pack.parent, monkeypatch)
    [listed] = [d.value for d in app.dataframe if {"id", "url"} <= set(d.value.columns)]
    cells = dict(zip(listed["id"], listed["url"], strict=True))
    assert [cells[source_id] for source_id in no_address] == [""] * len(no_address)


def test_a_missing_category_shows_as_an_empty_cell_not_as_none(monkeypatch):
    """An event without an end: its end's precision (a category of the format) is an empty
    cell in the events table on Sources, as in its CSV, not a grey "None"."""
    pack = FIXTURES / "packs" / "freedonia-sylvania"
    events = yaml.load((pack / "events.yaml").read_text(), Loader=yaml.CSafeLoader)
    no_end = [e["id"] for e in events if not e.get("end")]
    with_end = [e["id"] for e in events if e.get("end")]
    assert no_end and with_end, "the fixture pack needs events with and without an end"
    app = open_page("Sources", pack.parent, monkeypatch, "sources-table-shown=Events")
    [table] = [d.value for d in app.dataframe if "end_precision" in d.value.columns]
    # Sent as text: Streamlit's table draws a category's empty text as "None" (seen in Chromium).
    assert not isinstance(table["end_precision"].dtype, pd.CategoricalDtype)
    cells = dict(zip(table["id"], table["end_precision"], strict=True))
    assert [cells[event_id] for event_id in no_end] == [""] * len(no_end)
    assert all(cells[event_id] for event_id in with_end), "an end's precision went missing"
