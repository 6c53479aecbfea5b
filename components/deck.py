"""The briefing deck: PPTX (python-pptx) and the same slides as one PDF (kaleido + pypdf).

A deck opens on a title slide (the pack, its "as of" date, the documents it
is about), has one slide per chosen chart (its title, its image as drawn on
the server, its source line; the verbatim quotes behind it in the speaker
notes) or text slide, and closes on every source of the pack with its
address. The PDF draws each slide as a 1600×900 page with kaleido and joins
them with pypdf, so charts stay vector and their text stays searchable.
"""

from __future__ import annotations

import io
import textwrap
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go
import pypdf
from PIL import Image, ImageFont
from pptx import Presentation
from pptx.util import Emu, Inches, Pt

from components import images
from components.catalogue import CLAIMS, HEADLINES, STATEMENTS, Catalogue
from components.charts.base import document_sources, pair_name, plain
from components.charts.claims import VERDICT_SYMBOLS
from components.tables import plural
from components.theme import FONT, TEXT

Progress = Callable[[int, int, str], None]
SLIDE_WIDTH, SLIDE_HEIGHT = Inches(13.333), Inches(7.5)
SOURCES_PER_SLIDE = 14


def _no_progress(done: int, total: int, what: str) -> None:
    del done, total, what


# -- What each slide says, shared by the PPTX and the PDF ---------------------------


def title_lines(catalogue: Catalogue) -> tuple[str, list[str]]:
    """The title slide: the pack's title, and the pair, the date and the documents."""
    tables = catalogue.tables
    documents = tables.sources[tables.sources["id"].isin(document_sources(tables))]
    lines = [
        f"{pair_name(tables)} · a Dyad briefing · sources considered to {tables.pack.as_of.label}",
        "",
        "About: " + "; ".join(f"{r['title']} ({r['citation']})" for _, r in documents.iterrows()),
        f"{plural(len(tables.sources), 'source')} in all, listed with their addresses on the last "
        "slides.",
    ]
    return tables.pack.title, lines


def headline_parts(row: pd.Series) -> tuple[str, str, str]:
    """A headline figure as a text slide shows it: its metric and period, its value, and its
    status when it is not reported ("planned", "claim"; "" when reported)."""
    note = "" if row["status"] == "reported" else str(row["status"])
    return f"{row['metric_label']}, {row['period_label']}", row["value_label"], note


def claim_parts(row: pd.Series) -> tuple[str, str, str]:
    """A check as a text slide shows it: its verdict's symbol, the verdict, the claim."""
    verdict = str(row["verdict"])
    return VERDICT_SYMBOLS.get(verdict, ""), verdict.capitalize(), row["claim"]


def statement_parts(row: pd.Series, dated: bool) -> tuple[str, str]:
    """A statement as a text slide shows it: who said it (after its date when ``dated``, the
    slide's statements being of several dates) and the curator's words of what was said."""
    speaker = f"{row['date_label']} · {row['speaker']}" if dated else str(row["speaker"])
    return speaker, str(row["said"]).strip()


def statements_more(catalogue: Catalogue) -> str:
    """The last line of a "What was said" slide that leaves statements out; "" otherwise."""
    left_out = catalogue.statements_left_out
    if not left_out:
        return ""
    return f"… and {plural(left_out, 'more statement')} on Dyad's Statements page"


def statement_lines(catalogue: Catalogue) -> list[tuple[str, str]]:
    """Each statement of the "What was said" slide as (speaker, words)."""
    rows = catalogue.slide_rows(STATEMENTS)
    dated = rows["date_label"].nunique() > 1
    return [statement_parts(row, dated) for _, row in rows.iterrows()]


def text_slide_lines(catalogue: Catalogue, slide_id: str) -> list[str]:
    """The lines of a text slide: the headline numbers, every claim with its verdict, or
    what was said."""
    rows = catalogue.slide_rows(slide_id)
    if slide_id == HEADLINES:
        return [
            f"{label}: {value}" + (f" ({note})" if note else "")
            for label, value, note in (headline_parts(r) for _, r in rows.iterrows())
        ]
    if slide_id == CLAIMS:
        return [
            f"{symbol} {verdict}: {claim}"
            for symbol, verdict, claim in (claim_parts(r) for _, r in rows.iterrows())
        ]
    if slide_id == STATEMENTS:
        more = statements_more(catalogue)
        return [f"{who}: {said}" for who, said in statement_lines(catalogue)] + (
            [more] if more else []
        )
    raise KeyError(slide_id)


def source_pages(catalogue: Catalogue) -> list[list[str]]:
    """Every source of the pack with its address, a closing slide's worth at a time."""
    lines = [
        f"{r['citation']} · {r['title']}" + (f" · {r['url']}" if pd.notna(r["url"]) else "")
        for _, r in catalogue.tables.sources.iterrows()
    ]
    return [
        lines[start : start + SOURCES_PER_SLIDE]
        for start in range(0, len(lines), SOURCES_PER_SLIDE)
    ] or [[]]


def speaker_notes(catalogue: Catalogue, slide_id: str) -> str:
    """The quotes behind a slide, verbatim with their sources, then its text alternative."""
    quotes = catalogue.slide_quotes(slide_id)
    parts = ["Quotes behind this slide:"] if quotes else ["No quotes behind this slide."]
    parts += [f"“{quote}” — {citation}" for quote, citation in quotes]
    entry = catalogue.get(slide_id)
    if entry is not None:
        parts += ["", "Text alternative: " + entry.chart.alt_text]
    parts += ["", catalogue.slide_source_line(slide_id)]
    return "\n".join(parts)


# -- PPTX -----------------------------------------------------------------------------


def deck_pptx(
    catalogue: Catalogue, slide_ids: list[str], progress: Progress = _no_progress
) -> bytes:
    """The deck as a PowerPoint file: title, one slide per choice, then the sources."""
    as_of = catalogue.tables.pack.as_of.label
    deck = Presentation()
    deck.slide_width, deck.slide_height = SLIDE_WIDTH, SLIDE_HEIGHT
    title, lines = title_lines(catalogue)
    _text_slide(deck, title, lines, notes="")
    for done, slide_id in enumerate(slide_ids, start=1):
        progress(done - 1, len(slide_ids), catalogue.slide_title(slide_id))
        entry = catalogue.get(slide_id)
        if entry is None:
            slide = _text_slide(
                deck,
                catalogue.slide_title(slide_id),
                text_slide_lines(catalogue, slide_id),
                notes=speaker_notes(catalogue, slide_id),
            )
        else:
            slide = _chart_slide(deck, entry.chart, images.chart_image(entry.chart, "png", as_of))
            slide.notes_slide.notes_text_frame.text = speaker_notes(catalogue, slide_id)
        _footer(slide, catalogue.slide_source_line(slide_id))
    for page, sources in enumerate(source_pages(catalogue), start=1):
        pages = len(source_pages(catalogue))
        heading = "Sources" + (f" ({page} of {pages})" if pages > 1 else "")
        _text_slide(deck, heading, sources, notes="", size=14)
    progress(len(slide_ids), len(slide_ids), "done")
    out = io.BytesIO()
    deck.save(out)
    return out.getvalue()


# A text slide's lines are set in Arial (the charts' font, ``theme.FONT``), as large as lets
# them all fit their box, measured with Liberation Sans, Arial's metric twin, which Debian's
# Chromium (the images' browser) brings: at a fixed 20 pt the shipped pack's dozen claims ran
# over the source line and off the slide's bottom edge, two of them out of sight. (python-pptx's
# own ``fit_text`` runs a frame's paragraphs together, so it found 20 pt to fit.)
DECK_FONT = "Arial"
DECK_FONT_FILE = Path("/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf")
PARAGRAPH_SPACE = Pt(6)
# A line's height, as a share of its type's size: what PowerPoint and LibreOffice draw.
LINE_HEIGHT = 1.2
SMALLEST_TEXT = 10


def _text_slide(deck, title: str, lines: list[str], notes: str, size: int = 20):
    slide = deck.slides.add_slide(deck.slide_layouts[5])  # title only
    _set_title(slide, title)
    box = slide.shapes.add_textbox(Inches(0.6), Inches(1.5), Inches(12.1), Inches(5.3))
    frame = box.text_frame
    frame.word_wrap = True
    size = fitting_size(
        lines,
        box.width - frame.margin_left - frame.margin_right,
        box.height - frame.margin_top - frame.margin_bottom,
        size,
    )
    for index, line in enumerate(lines):
        paragraph = frame.paragraphs[0] if index == 0 else frame.add_paragraph()
        paragraph.text = line
        paragraph.space_after = PARAGRAPH_SPACE
        # On each run: PowerPoint may ignore a paragraph's own defaults.
        for run in paragraph.runs:
            run.font.size = Pt(size)
            run.font.name = DECK_FONT
    if notes:
        slide.notes_slide.notes_text_frame.text = notes
    return slide


def fitting_size(lines: list[str], width: int, height: int, largest: int) -> int:
    """The largest type size (points, ``largest`` at the most, ``SMALLEST_TEXT`` at the least)
    at which ``lines``, each a paragraph wrapped at spaces, fit ``width`` by ``height`` (EMU);
    ``largest`` where the font to measure with is missing."""
    if not DECK_FONT_FILE.exists():
        return largest
    for size in range(largest, SMALLEST_TEXT, -1):
        font = ImageFont.truetype(str(DECK_FONT_FILE), size * 100)  # hundredths of a point
        drawn = sum(_wrapped_count(line, font, width / Pt(1) * 100) for line in lines)
        if drawn * size * LINE_HEIGHT * Pt(1) + len(lines) * PARAGRAPH_SPACE <= height:
            return size
    return SMALLEST_TEXT


def _wrapped_count(line: str, font, width: float) -> int:
    """How many lines ``line`` takes, wrapped at spaces to ``width`` (the font's units)."""
    count, current = 1, ""
    for word in line.split():
        trial = f"{current} {word}" if current else word
        if current and font.getlength(trial) > width:
            count, current = count + 1, word
        else:
            current = trial
    return count


def _chart_slide(deck, chart, png: bytes):
    slide = deck.slides.add_slide(deck.slide_layouts[5])
    _set_title(slide, chart.title, size=24)
    pixels_wide, pixels_high = Image.open(io.BytesIO(png)).size
    height = Inches(5.5)  # a chart taller than 16:9 keeps its proportions, narrower
    width = Emu(int(height * pixels_wide / pixels_high))
    left = Emu(int((SLIDE_WIDTH - width) / 2))
    picture = slide.shapes.add_picture(io.BytesIO(png), left, Inches(1.35), width, height)
    picture._element.nvPicPr.cNvPr.set("descr", chart.alt_text)  # the image's alt text
    return slide


def _set_title(slide, text: str, size: int = 28) -> None:
    title = slide.shapes.title
    title.left, title.top, title.width, title.height = (
        Inches(0.5),
        Inches(0.3),
        Inches(12.3),
        Inches(1.0),
    )
    title.text = text
    for paragraph in title.text_frame.paragraphs:
        paragraph.font.size = Pt(size)
        paragraph.font.bold = True


def _footer(slide, line: str) -> None:
    box = slide.shapes.add_textbox(Inches(0.5), Inches(6.9), Inches(12.3), Inches(0.5))
    box.text_frame.word_wrap = True
    box.text_frame.text = line
    box.text_frame.paragraphs[0].font.size = Pt(11)


# -- PDF ------------------------------------------------------------------------------


def text_figure(title: str, lines: list[str], footer: str = "", size: int = 20) -> go.Figure:
    """A slide of text as a 1600×900 figure, so kaleido draws it like the charts."""
    width = max(40, int(1500 / (size * 0.55)))
    body = "<br>".join(
        "<br>".join(textwrap.wrap(plain(line), width)) if line else "" for line in lines
    )
    figure = go.Figure()
    figure.update_layout(
        width=images.WIDTH,
        height=images.HEIGHT,
        paper_bgcolor="#ffffff",
        plot_bgcolor="#ffffff",
        xaxis={"visible": False},
        yaxis={"visible": False},
        margin={"l": 60, "r": 60, "t": 40, "b": 40},
        font={"family": FONT, "color": TEXT},
    )
    texts = [
        (f"<b>{'<br>'.join(textwrap.wrap(plain(title), 60))}</b>", 0.98, 34),
        (body, 0.82, size),
        (plain(footer), 0.0, 14),
    ]
    for text, y, font_size in texts:
        figure.add_annotation(
            text=text,
            xref="paper",
            yref="paper",
            x=0,
            y=y,
            xanchor="left",
            yanchor="top" if y else "bottom",
            align="left",
            showarrow=False,
            font={"size": font_size},
        )
    return figure


def deck_pdf(
    catalogue: Catalogue, slide_ids: list[str], progress: Progress = _no_progress
) -> bytes:
    """The same slides as one PDF, a 16:9 page each."""
    as_of = catalogue.tables.pack.as_of.label
    title, lines = title_lines(catalogue)
    pages = [images.figure_image(text_figure(title, lines, size=24), "pdf")]
    for done, slide_id in enumerate(slide_ids):
        progress(done, len(slide_ids), catalogue.slide_title(slide_id))
        entry = catalogue.get(slide_id)
        if entry is None:
            figure = text_figure(
                catalogue.slide_title(slide_id),
                text_slide_lines(catalogue, slide_id),
                footer=catalogue.slide_source_line(slide_id) + f" · Dyad · sources to {as_of}",
            )
            pages.append(images.figure_image(figure, "pdf"))
        else:
            pages.append(images.chart_image(entry.chart, "pdf", as_of))
    for sources in source_pages(catalogue):
        pages.append(images.figure_image(text_figure("Sources", sources, size=15), "pdf"))
    progress(len(slide_ids), len(slide_ids), "done")
    writer = pypdf.PdfWriter()
    for page in pages:
        writer.append(pypdf.PdfReader(io.BytesIO(page)))
    writer.add_metadata({"/Title": f"{title} · Dyad briefing", "/Creator": "Dyad"})
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
