"""The Briefing page under AppTest: the deck in the URL, presenting slide by slide, ordering.

Runs on the small fictional pack; expected words come from its files.
"""

from __future__ import annotations

import re
import shutil

import pytest
import yaml
from streamlit.testing.v1 import AppTest

from tests.app.reader import charts, open_all
from tests.conftest import FIXTURES, REPO

PACK_DIR = FIXTURES / "packs" / "freedonia-sylvania"
PUBLISHERS = [s["publisher"] for s in yaml.safe_load((PACK_DIR / "sources.yaml").read_text())]
CHECK_IDS = [c["id"] for c in yaml.safe_load((PACK_DIR / "checks.yaml").read_text())]


@pytest.fixture
def briefing(monkeypatch):
    monkeypatch.setenv("DYAD_DATA", str(FIXTURES / "packs"))

    def open_briefing(**query: str) -> AppTest:
        # A link to the Briefing page with ``query`` in its address, opened.
        app = AppTest.from_file(str(REPO / "app.py"), default_timeout=60)
        for key, value in query.items():
            app.query_params[key] = value
        app.switch_page("pages/briefing.py")
        app.run()
        assert not app.exception, [e.value for e in app.exception]
        return app

    return open_briefing


def deck_in_url(app: AppTest) -> list[str]:
    return app.query_params["charts"].split(",")


def test_opens_on_the_default_deck_and_keeps_it_in_the_url(briefing):
    app = briefing()
    deck = deck_in_url(app)
    assert deck[:2] == ["headlines", "trade-by-year"]
    assert f"check-{CHECK_IDS[0]}" in deck
    assert "slide" not in app.query_params
    assert [t.value for t in app.title] == ["Briefing"]


def test_a_shared_link_reopens_the_exact_deck_on_its_slide(briefing):
    app = briefing(charts="timeline,nonsense,claims,trade-by-year", slide="2")
    assert deck_in_url(app) == ["timeline", "claims", "trade-by-year"]
    assert app.query_params["slide"] == "2"
    assert "2 / 3" in [m.value for m in app.markdown][-1]
    assert any("Claims and their verdicts" in m.value for m in app.markdown)


def slide_source_line(app: AppTest) -> str:
    """The one source line of the slide in view: a chart's inside its figure (as in its
    exports), a text slide's as a caption under it; never both, never none."""
    captions = [c.value for c in app.caption if c.value.startswith("Source")]
    in_figures = [
        re.sub(r"<br>", " ", note["text"])
        for figure in charts(app).values()
        for note in figure["layout"].get("annotations", [])
        if note.get("name") == "source-line"
    ]
    [line] = captions + in_figures
    return line


def test_present_walks_the_deck_with_a_source_line_on_every_slide(briefing):
    app = briefing(charts="headlines,trade-by-year,claims")
    app.button(key="present").click().run()
    seen = []
    for number in (1, 2, 3):
        assert app.query_params["slide"] == str(number)
        seen.append(slide_source_line(app))
        assert not app.sidebar.button, "the sidebar is not drawn while presenting"
        if number < 3:
            app.button(key="slide-next").click().run()
    assert app.button(key="slide-next").disabled
    for publisher in PUBLISHERS:
        assert any(publisher in line for line in seen), publisher
    app.button(key="slide-previous").click().run()
    assert app.query_params["slide"] == "2"
    app.button(key="slide-exit").click().run()
    assert "slide" not in app.query_params
    assert [t.value for t in app.title] == ["Briefing"]


def test_the_headline_slide_shows_each_number_under_its_whole_label_and_other_sources(briefing):
    app = briefing(charts="headlines,claims", slide="1")
    assert not app.metric, "st.metric cuts a long label off on a slide"
    [block] = [h.value for h in app.html if "dyad-slide-numbers" in h.value]
    labels = re.findall(r'class="dyad-slide-number-label">([^<]*)<', block)
    values = re.findall(r'class="dyad-slide-number-value">([^<]*)<', block)
    # figures.yaml: the document's (gazette-2024-03-02) one figure, bilateral-trade 2023, 12.5;
    # pack.yaml: its label "Bilateral trade turnover", in USD bn.
    assert list(zip(labels, values, strict=True)) == [
        ("Bilateral trade turnover, 2023", "$12.5 bn")
    ]
    assert not re.findall(r'class="dyad-slide-number-note"', block)  # reported: no note
    # figures.yaml: customs-2024 gives the same year too, 12.48: where sources differ, both
    # are shown, as the Overview's card shows them, and told apart.
    others = re.findall(r'class="dyad-slide-number-others">([^<]*)<', block)
    assert others == ["Other sources: $12.48 bn from Sylvanian Customs (Jan 2024)"]


def test_the_headline_slide_marks_a_planned_number_as_the_deck_does(
    briefing, tmp_path, monkeypatch
):
    data = tmp_path / "packs"
    shutil.copytree(PACK_DIR, data / PACK_DIR.name)
    figures = data / PACK_DIR.name / "figures.yaml"
    text = figures.read_text(encoding="utf-8")
    gazette = text.index("- id: trade-2023-gazette")
    status = text.index("status: reported", gazette)
    figures.write_text(
        text[:status] + "status: planned" + text[status + len("status: reported") :],
        encoding="utf-8",
    )
    monkeypatch.setenv("DYAD_DATA", str(data))
    app = briefing(charts="headlines,claims", slide="1")
    [block] = [h.value for h in app.html if "dyad-slide-numbers" in h.value]
    assert re.findall(r'class="dyad-slide-number-value">([^<]*)<span', block) == ["$12.5 bn "]
    assert re.findall(r'class="dyad-slide-number-note">([^<]*)<', block) == ["(planned)"]


def test_the_claims_slide_lists_each_claim_after_its_verdict_with_a_count_of_each(briefing):
    checks = yaml.safe_load((PACK_DIR / "checks.yaml").read_text(encoding="utf-8"))
    app = briefing(charts="claims", slide="1")
    [block] = [h.value for h in app.html if "dyad-slide-claims" in h.value]
    shown = re.findall(r"<li><strong>\S* (\w+)</strong>: ([^<]*)</li>", block)
    assert shown == [(c["verdict"].capitalize(), c["claim"]) for c in checks]
    [tally] = re.findall(r'class="dyad-slide-verdicts">([^<]*)<', block)
    for verdict in {c["verdict"] for c in checks}:
        count = sum(c["verdict"] == verdict for c in checks)
        assert f"{verdict.capitalize()} {count}" in tally, tally


def test_the_what_was_said_slide_lists_each_statement_of_the_documents_after_who_said_it(
    briefing,
):
    checks = yaml.safe_load((PACK_DIR / "checks.yaml").read_text(encoding="utf-8"))
    statements = yaml.safe_load((PACK_DIR / "statements.yaml").read_text(encoding="utf-8"))
    documents = {check["source"] for check in checks}
    said = [(s["speaker"], s["said"].strip()) for s in statements if s["source"] in documents]
    assert said, "no statement of a checked document in the pack: test is void"
    app = briefing(charts="statements", slide="1")
    assert any(m.value.startswith("## What was said") for m in app.markdown)
    [block] = [h.value for h in app.html if "dyad-slide-said" in h.value]
    shown = re.findall(r"<li><strong>([^<]*)</strong>: ([^<]*)</li>", block)
    assert sorted(shown) == sorted(said)


def test_moving_a_slide_down_changes_the_order_in_the_url(briefing):
    app = briefing(charts="headlines,timeline,claims")
    # The arrows wait behind one click; the chips show the order meanwhile.
    assert not [b for b in app.button if b.key and b.key.startswith(("up-", "down-"))]
    assert app.multiselect(key="briefing-slides").value == ["headlines", "timeline", "claims"]
    order = [e.label for e in app.expander if e.label.startswith("Change the order")]
    assert order == ["Change the order of the 3 slides"]
    app.session_state["briefing-order"] = True
    app.run()
    app.button(key="down-headlines").click().run()
    assert deck_in_url(app) == ["timeline", "headlines", "claims"]
    app.button(key="up-claims").click().run()
    assert deck_in_url(app) == ["timeline", "claims", "headlines"]


def test_without_chromium_the_buttons_say_how_to_install_it(briefing, monkeypatch, tmp_path):
    monkeypatch.setenv("DYAD_CHROMIUM", str(tmp_path / "no-chromium-here"))
    app = briefing(charts="headlines,trade-by-year")
    warnings = [w.value for w in app.warning]
    assert any("apt-get install chromium" in w and "no-chromium-here" in w for w in warnings)
    disabled = {b.key: b.proto.disabled for b in app.get("download_button") if b.key}
    assert disabled["take-pptx"] and disabled["take-pdf"]
    assert not disabled["take-html"] and not disabled["take-zip"]

    app.switch_page("pages/trade.py")
    app.run()
    open_all(app, "data-")
    card_images = {
        b.key: b.proto.disabled
        for b in app.get("download_button")
        if b.key and b.key.startswith("image-")
    }
    assert card_images and all(card_images.values())
    assert any("apt-get install chromium" in w.value for w in app.warning)


def test_preparing_a_deck_draws_its_images_with_progress(briefing):
    app = briefing(charts="headlines,trade-by-year,timeline")
    app.button(key="prepare-deck").click().run()
    assert not app.exception, [e.value for e in app.exception]
    # Two chart slides (the headlines are text): two images drawn, counted as they go.
    assert [s.value for s in app.success] == ["2 images ready: the deck downloads at once."]
    assert app.get("progress")[0].proto.value == 100
