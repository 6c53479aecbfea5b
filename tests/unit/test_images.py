"""Server-side chart images: sizes, text inside SVG and PDF, and a clear message without Chromium.

One kaleido browser serves the whole test session (``components.images`` keeps
one per process), and only a few images are drawn, so this file stays fast.
Expected words come from the fixture pack's files, not from the code under test.
"""

from __future__ import annotations

import functools
import io
import re
import time

import pypdf
import pytest
import yaml
from PIL import Image

from components import images
from components.catalogue import build_catalogue
from components.packs import load_pack
from tests.conftest import FIXTURES

PACK_DIR = FIXTURES / "packs" / "freedonia-sylvania"
TABLES, _ = load_pack(PACK_DIR)


@functools.cache
def catalogue():
    """The pack's catalogue, built when a test first needs it (not when the suite collects)."""
    return build_catalogue(TABLES, TABLES.pack.as_of.start)


PACK_FILE = yaml.safe_load((PACK_DIR / "pack.yaml").read_text())
SOURCES_FILE = yaml.safe_load((PACK_DIR / "sources.yaml").read_text())
AS_OF = TABLES.pack.as_of.label
# What the trade chart must carry, from the pack's own files.
TRADE_LABEL = PACK_FILE["metrics"]["bilateral-trade"]["label"]
TRADE_UNIT = PACK_FILE["metrics"]["bilateral-trade"]["unit"]
PUBLISHERS = [source["publisher"] for source in SOURCES_FILE]

needs_chromium = pytest.mark.skipif(
    not images.images_available(), reason="no Chromium here: apt-get install chromium"
)


def trade_image(fmt: str) -> bytes:
    return images.chart_image(catalogue().chart("trade-by-year"), fmt, AS_OF)


def as_text(svg_or_pdf_text: str) -> str:
    """Text as a reader sees it: entities decoded, runs of space made one."""
    text = svg_or_pdf_text.replace("&amp;", "&").replace("&#39;", "'")
    return re.sub(r"\s+", " ", text)


def test_the_as_of_date_is_the_pack_files():
    assert AS_OF == "2 Mar 2024"  # pack.yaml: as_of: 2024-03-02


@needs_chromium
@pytest.mark.parametrize(("fmt", "size"), [("png", (3200, 1800)), ("png4", (6400, 3600))])
def test_png_decodes_at_the_asked_size(fmt, size):
    image = Image.open(io.BytesIO(trade_image(fmt)))
    assert image.format == "PNG"
    assert image.size == size


@needs_chromium
def test_svg_carries_title_unit_source_line_and_as_of_as_text():
    svg = trade_image("svg").decode()
    texts = as_text(" ".join(re.findall(r"<text[^>]*>(.*?)</text>", svg)))
    assert TRADE_LABEL in texts
    assert TRADE_UNIT in texts
    for publisher in PUBLISHERS:
        assert publisher in texts
    assert texts.count("Source") == 1 and "Sources: " in texts
    assert f"sources to {AS_OF}" in texts
    assert 'width="1600"' in svg and 'height="900"' in svg


@needs_chromium
def test_pdf_carries_title_unit_source_line_and_as_of_as_text():
    reader = pypdf.PdfReader(io.BytesIO(trade_image("pdf")))
    assert len(reader.pages) == 1
    box = reader.pages[0].mediabox
    assert float(box.width) / float(box.height) == pytest.approx(16 / 9, rel=0.01)
    text = as_text(reader.pages[0].extract_text())
    assert TRADE_LABEL in text
    assert TRADE_UNIT in text
    for publisher in PUBLISHERS:
        assert publisher in text
    assert f"sources to {AS_OF}" in text


@needs_chromium
def drawn_lines(figure) -> dict[str, list[str]]:
    """The figure's title, subtitle and source line, each as the lines it is drawn in."""
    [source] = [note.text for note in figure.layout.annotations if note.name == "source-line"]
    title = figure.layout.title
    return {
        "title": title.text.removeprefix("<b>").removesuffix("</b>").split("<br>"),
        "subtitle": title.subtitle.text.split("<br>"),
        "source line": source.split("<br>"),
    }


def test_an_export_wraps_its_text_again_for_its_width_and_keeps_every_word():
    """On screen a chart's text is wrapped for the narrowest card a reader meets (a 1024 px
    window with the sidebar open); a 1600 px export wraps it again, in fewer, longer lines
    and never more, with not one word lost or added. The pack's publishers are all named."""
    fewer = []
    for chart_id in catalogue().ids:
        chart = catalogue().chart(chart_id)
        on_screen = drawn_lines(chart.figure)
        exported = drawn_lines(images.export_figure(chart, AS_OF))
        for part, lines in exported.items():
            assert " ".join(lines).split() == " ".join(on_screen[part]).split(), (chart_id, part)
            assert len(lines) <= len(on_screen[part]), (chart_id, part)
            fewer += [(chart_id, part)] if len(lines) < len(on_screen[part]) else []
        cited = set(chart.sources["publisher"])
        assert cited <= {p for p in PUBLISHERS if p in " ".join(exported["source line"])}
    assert fewer, "no chart's text was wrapped again for the export's width"


def test_a_second_request_comes_from_the_cache():
    first = trade_image("png")
    # The very same bytes object: served from the cache, not drawn again.
    assert trade_image("png") is first


def test_no_chromium_is_said_clearly_and_fast(monkeypatch, tmp_path):
    monkeypatch.setenv("DYAD_CHROMIUM", str(tmp_path / "no-such-chromium"))
    assert not images.images_available()
    started = time.perf_counter()
    with pytest.raises(images.ImagesUnavailable) as raised:
        images.chart_image(catalogue().chart("timeline"), "svg", AS_OF)
    # Said at once, never a hang: a bound far above the milliseconds it takes, for a busy machine.
    assert time.perf_counter() - started < 5
    message = str(raised.value)
    assert "apt-get install chromium" in message
    assert "DYAD_CHROMIUM" in message and "no-such-chromium" in message


def test_an_image_chromium_was_too_slow_for_is_drawn_again_and_said_in_the_log(monkeypatch, caplog):
    """A browser stuck over one image is started afresh and the image drawn once more; the
    server's log says so (a reader waiting on a slow download leaves a trace to read)."""
    drawn = []

    def render(spec, image_format):
        drawn.append(image_format.label)
        if len(drawn) == 1:
            raise images.RenderTimeout("Chromium did not draw the image within 30 s")
        return b"drawn the second time"

    monkeypatch.setattr(images._BROWSER, "render", render)
    # A chart of its own height, so no earlier test's cached image answers.
    figure = images.export_figure(catalogue().chart("timeline"), "retried", height=901)
    with caplog.at_level("WARNING", logger="components.images"):
        assert images.figure_image(figure, "svg") == b"drawn the second time"
    assert drawn == ["SVG", "SVG"]
    assert "Chromium did not draw the image within 30 s" in caplog.text
    assert "drawing the SVG once more" in caplog.text
