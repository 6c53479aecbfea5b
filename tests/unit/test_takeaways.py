"""Take-aways of a briefing, opened and read back: the deck (PPTX, PDF), the report, the ZIP.

Expected values come from the fictional pack's YAML files, never from the
writers. The image-drawing tests share the one kaleido browser of the session.
"""

from __future__ import annotations

import csv
import functools
import html
import io
import re
import shutil
import zipfile
from pathlib import Path

import pypdf
import pytest
import yaml
from PIL import ImageFont
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE
from pptx.util import Inches, Pt

from components import images
from components.bundle import data_bundle
from components.catalogue import STATEMENTS_ON_A_SLIDE, build_catalogue
from components.deck import deck_pdf, deck_pptx, text_slide_lines, title_lines
from components.packs import load_pack, pack_folder
from components.report import offline_report
from tests.conftest import FIXTURES, SHIPPED_DATA

PACK_DIR = FIXTURES / "packs" / "freedonia-sylvania"
TABLES, _ = load_pack(PACK_DIR)


@functools.cache
def catalogue():
    """The pack's catalogue, built when a test first needs it (not when the suite collects)."""
    return build_catalogue(TABLES, TABLES.pack.as_of.start)


CHOSEN = ["headlines", "trade-by-year", "timeline", "claims"]
TEXT_ONLY = ["headlines", "claims", "statements"]


def pack_file(name: str):
    return yaml.safe_load((PACK_DIR / f"{name}.yaml").read_text())


PACK = pack_file("pack")
SOURCES = pack_file("sources")
FIGURES = pack_file("figures")
CHECKS = pack_file("checks")
AS_OF = "2 Mar 2024"  # pack.yaml: as_of: 2024-03-02
TRADE_QUOTES = [f["quote"] for f in FIGURES if f["metric"] == "bilateral-trade" and "quote" in f]

needs_chromium = pytest.mark.skipif(
    not images.images_available(), reason="no Chromium here: apt-get install chromium"
)


def slide_text(slide) -> str:
    return "\n".join(s.text_frame.text for s in slide.shapes if s.has_text_frame)


@functools.cache
def pptx() -> Presentation:
    return Presentation(io.BytesIO(deck_pptx(catalogue(), CHOSEN)))


@needs_chromium
def test_pptx_has_title_a_slide_per_choice_and_the_sources():
    slides = list(pptx().slides)
    assert len(slides) == 1 + len(CHOSEN) + 1  # two sources fit one closing slide
    opening = slide_text(slides[0])
    assert PACK["title"] in opening and AS_OF in opening
    closing = slide_text(slides[-1])
    for source in SOURCES:
        assert source["publisher"] in closing and source["title"] in closing
        if "url" in source:
            assert source["url"] in closing


@needs_chromium
def test_pptx_chart_slides_carry_their_image_source_line_and_quotes_in_the_notes():
    slides = list(pptx().slides)[1:-1]
    pictures = [
        [s for s in slide.shapes if s.shape_type == MSO_SHAPE_TYPE.PICTURE] for slide in slides
    ]
    assert [len(p) for p in pictures] == [0, 1, 1, 0]  # headlines, trade, timeline, claims
    trade = slides[1]
    assert PACK["metrics"]["bilateral-trade"]["label"] in slide_text(trade)
    notes = trade.notes_slide.notes_text_frame.text
    for quote in TRADE_QUOTES:
        assert f"“{quote}”" in notes
    for slide in slides:
        assert re.search(r"^Sources?: ", slide_text(slide), re.M), slide_text(slide)
    claims = slide_text(slides[3])
    for check in CHECKS:
        assert check["claim"] in claims and check["verdict"].capitalize() in claims


@needs_chromium
def test_pdf_has_the_same_slides_with_their_text():
    reader = pypdf.PdfReader(io.BytesIO(deck_pdf(catalogue(), CHOSEN)))
    texts = [re.sub(r"\s+", " ", page.extract_text()) for page in reader.pages]
    assert len(texts) == 1 + len(CHOSEN) + 1
    assert PACK["title"] in texts[0]
    assert "Headline numbers" in texts[1]
    assert PACK["metrics"]["bilateral-trade"]["label"] in texts[2]
    for text in texts[1:-1]:
        assert "Source" in text and f"sources to {AS_OF}" in text
    for source in SOURCES:
        assert source["publisher"] in texts[-1]


def test_report_is_self_contained_and_holds_every_chosen_slide_claim_and_source():
    page = offline_report(catalogue(), CHOSEN)
    assert not re.search(r"<script[^>]*\ssrc=", page, re.I)
    assert not re.search(r"<link[^>]*\shref=", page, re.I)
    assert not re.search(r"@import|url\(\s*['\"]?https?:", page)
    for slide_id in CHOSEN:
        assert f'data-slide="{slide_id}"' in page
    for chart_id in ("trade-by-year", "timeline"):
        assert f'id="chart-{chart_id}"' in page
    for check in CHECKS:
        assert check["claim"] in page and check["quote"] in page
    for source in SOURCES:
        assert source["title"] in page
        if "url" in source:
            assert f'href="{source["url"]}"' in page
    assert AS_OF in page


def test_what_was_said_is_a_slide_of_the_documents_statements_in_the_deck_and_the_report():
    """A briefing's "What was said": each statement of the documents the pack checks, after
    who said it, in the deck (its quotes in the speaker notes) and in the report."""
    documents = {check["source"] for check in CHECKS}
    said = [s for s in pack_file("statements") if s["source"] in documents]
    assert said, "no statement of a checked document in the pack: test is void"
    deck = Presentation(io.BytesIO(deck_pptx(catalogue(), ["statements"])))
    slide = list(deck.slides)[1]
    notes = slide.notes_slide.notes_text_frame.text
    page = offline_report(catalogue(), ["statements"])
    assert 'data-slide="statements"' in page
    for statement in said:
        line = f"{statement['speaker']}: {statement['said'].strip()}"
        assert line in slide_text(slide)
        assert html.escape(line) in page
        if statement.get("quote"):
            assert f"“{statement['quote']}”" in notes


def test_what_was_said_holds_a_screens_worth_and_says_how_many_more(tmp_path):
    """A pack whose documents said more than a slide holds: the slide shows at most
    ``STATEMENTS_ON_A_SLIDE`` of them, each one of the pack's, and how many it leaves out."""
    pack = tmp_path / PACK_DIR.name
    shutil.copytree(PACK_DIR, pack)
    document = CHECKS[0]["source"]
    # The document's text is stored: each statement quotes a sentence of it (its own one's).
    [quote] = [s["quote"] for s in pack_file("statements") if s["source"] == document]
    added = [
        {
            "id": f"said-{number:02}",
            "speaker": f"Speaker {number}",
            "date": "2024-01-10",
            "said": f"Point number {number} was made",
            "source": document,
            "quote": quote,
        }
        for number in range(1, STATEMENTS_ON_A_SLIDE + 4)
    ]
    every = pack_file("statements") + added
    (pack / "statements.yaml").write_text(yaml.safe_dump(every), encoding="utf-8")
    tables, problems = load_pack(pack)
    assert tables is not None, problems
    lines = text_slide_lines(build_catalogue(tables, tables.pack.as_of.start), "statements")
    *shown, more = lines
    assert len(shown) == STATEMENTS_ON_A_SLIDE
    # Each after who said it, and its date when the slide's statements differ in date.
    said = [f"{s['speaker']}: {s['said'].strip()}" for s in every]
    for line in shown:
        assert any(line == one or line.endswith(f" · {one}") for one in said), line
    assert (
        more
        == f"… and {len(every) - STATEMENTS_ON_A_SLIDE} more statements on Dyad's Statements page"
    )


def test_report_adds_the_timeline_when_it_was_not_chosen():
    page = offline_report(catalogue(), ["trade-by-year"])
    assert 'data-slide="timeline"' in page and 'id="chart-timeline"' in page


def read_zip(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def csv_rows(body: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(body.decode("utf-8-sig"))))


def test_zip_tables_equal_the_pack_files():
    files = read_zip(data_bundle(TABLES, PACK_DIR))
    root = f"{PACK['id']}/"
    figures = csv_rows(files[root + "tables/figures.csv"])
    assert sorted((r["id"], float(r["value"]), r["quote"]) for r in figures) == sorted(
        (f["id"], float(f["value"]), f.get("quote", "")) for f in FIGURES
    )
    for name in ("events", "agreements", "statements", "checks", "sources"):
        rows = csv_rows(files[root + f"tables/{name}.csv"])
        assert sorted(r["id"] for r in rows) == sorted(r["id"] for r in pack_file(name)), name
    metrics = csv_rows(files[root + "tables/metrics.csv"])
    assert {m["metric"]: m["unit"] for m in metrics} == {
        key: metric["unit"] for key, metric in PACK["metrics"].items()
    }
    for path in PACK_DIR.rglob("*"):
        if path.is_file():
            assert files[root + "pack/" + path.relative_to(PACK_DIR).as_posix()] == (
                path.read_bytes()
            )


def test_zip_readme_names_every_source_units_precisions_and_how_to_cite():
    readme = read_zip(data_bundle(TABLES, PACK_DIR))[f"{PACK['id']}/README.md"].decode()
    for source in SOURCES:
        assert source["publisher"] in readme and source["title"] in readme
        if "url" in source:
            assert source["url"] in readme
    for metric in PACK["metrics"].values():
        assert f"| {metric['label']} | {metric['unit']} |" in readme
    for precision in ("`year`", "`month`", "`day`"):
        assert precision in readme
    assert AS_OF in readme and "How to cite" in readme
    for check in CHECKS:
        assert check["verdict"] in readme


@pytest.mark.parametrize("one_pack", [True, False], ids=["pack-folder", "folder-of-packs"])
def test_the_data_zip_holds_the_packs_files_whichever_folder_the_data_directory_is(
    one_pack, tmp_path
):
    """Briefing's "All data (ZIP)" finds the pack's folder from the data directory, which may
    be the pack folder itself (``packs_in``) or a folder of packs."""
    data = tmp_path / "data"
    shutil.copytree(PACK_DIR, data / PACK_DIR.name)
    directory = data / PACK_DIR.name if one_pack else data
    files = read_zip(data_bundle(TABLES, pack_folder(directory, TABLES.id)))
    expected = {
        f"{TABLES.id}/pack/{path.relative_to(PACK_DIR).as_posix()}"
        for path in PACK_DIR.rglob("*")
        if path.is_file()
    }
    assert expected <= set(files), sorted(expected - set(files))


def test_one_quote_is_one_quote():
    """The report counts a slide's quotes as a reader counts them: the pack's one agreement
    is "1 quote behind this", never "1 quotes"."""
    [agreement] = pack_file("agreements")
    assert agreement.get("quote"), "the fixture's agreement has no quote: the test is void"
    report = offline_report(catalogue(), ["agreement-sectors"])
    assert "<summary>1 quote behind this</summary>" in report
    assert "1 quotes" not in report


def test_a_pack_of_one_source_says_one_source(tmp_path):
    """The deck's title slide counts the pack's sources: "1 source in all", not "1 sources"."""
    folder = tmp_path / PACK_DIR.name
    shutil.copytree(PACK_DIR, folder)
    [kept] = [s for s in SOURCES if s.get("text")]  # the one whose quotes are checked
    dropped = {f["id"] for f in FIGURES if f["source"] != kept["id"]}
    checks = []
    for check in CHECKS:
        evidence = [e for e in check.get("evidence", []) if e not in dropped]
        # A claim left with no evidence is unverified.
        rest = {k: v for k, v in check.items() if k != "evidence"}
        checks.append(
            {**rest, "evidence": evidence}
            if evidence
            else {**rest, "evidence": [], "verdict": "unverified"}
        )
    for name, rows in (
        ("sources", [kept]),
        ("figures", [f for f in FIGURES if f["id"] not in dropped]),
        ("checks", checks),
    ):
        (folder / f"{name}.yaml").write_text(yaml.safe_dump(rows, sort_keys=False), "utf-8")
    tables, problems = load_pack(folder)
    assert tables is not None, problems
    _, lines = title_lines(build_catalogue(tables, tables.pack.as_of.start))
    assert "1 source in all, listed with their addresses on the last slides." in lines, lines


LIBERATION_SANS = "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf"


@pytest.mark.skipif(
    not Path(LIBERATION_SANS).exists(), reason="no Liberation Sans (Debian's fonts-liberation)"
)
def test_the_shipped_decks_text_slides_fit_their_box_above_the_source_line():
    """Each text slide's lines, wrapped at their type size in Arial's metrics (Liberation
    Sans), end inside their box, above the source line: at a fixed 20 pt the shipped pack's
    dozen claims ran off the slide's bottom edge (seen in LibreOffice)."""
    shipped = load_pack(SHIPPED_DATA / "russia-china")[0]
    deck = Presentation(
        io.BytesIO(deck_pptx(build_catalogue(shipped, shipped.pack.as_of.start), TEXT_ONLY))
    )
    for slide in list(deck.slides)[1 : 1 + len(TEXT_ONLY)]:
        [box] = [
            s
            for s in slide.shapes
            if s.has_text_frame and s.top > Inches(1.2) and s.height > Inches(1)
        ]
        frame = box.text_frame
        width = box.width - frame.margin_left - frame.margin_right
        drawn = 0
        for paragraph in frame.paragraphs:
            size = paragraph.runs[0].font.size
            font = ImageFont.truetype(LIBERATION_SANS, round(size.pt * 100))
            lines, current = 1, ""
            for word in paragraph.text.split():
                wider = f"{current} {word}".strip()
                if current and font.getlength(wider) / 100 * Pt(1) > width:
                    lines, current = lines + 1, word
                else:
                    current = wider
            drawn += lines * size * 1.2 + (paragraph.space_after or 0)
        assert box.top + drawn <= box.top + box.height, (frame.paragraphs[0].text, drawn)
        footer = min(
            s.top for s in slide.shapes if s.has_text_frame and s.top > box.top + Inches(1)
        )
        assert box.top + box.height <= footer
