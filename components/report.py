"""The offline report: one self-contained HTML file that works, and presents, with no network.

plotly.js is inlined once; each chosen chart is interactive, with its source
line and the verbatim quotes behind it; then the timeline, every claim with
its verdict and quote, and every source with its address. **Present** (or
the P key) shows one section per screen; the arrow keys move, Escape leaves,
and ``#slide-3`` in the address opens the third. All pack text is escaped:
a pack can never add markup or script to the file.
"""

from __future__ import annotations

import html

import pandas as pd
import plotly.io as pio
import plotly.offline

from components import images
from components.cards import web_address
from components.catalogue import CLAIMS, Catalogue
from components.charts.base import SLIDE_FIGURE_PX, pair_name
from components.charts.claims import VERDICT_SYMBOLS
from components.deck import text_slide_lines
from components.tables import plural

STYLE = """
body { font-family: Arial, "Liberation Sans", Helvetica, sans-serif; color: #1a1a1a;
  margin: 0 auto; max-width: 1280px; padding: 1rem 2rem 5rem; line-height: 1.45; }
h1 { font-size: 2.2rem; } h2 { font-size: 1.6rem; margin-top: 0; }
.slide { border-top: 1px solid #ddd; padding: 1.5rem 0; }
.source-line { color: #404040; font-size: 0.95rem; }
blockquote { margin: 0.4rem 0 0.4rem 1rem; padding-left: 0.8rem; border-left: 3px solid #bbb; }
.verdict { font-weight: bold; }
#controls { display: none; position: fixed; bottom: 0.8rem; right: 1.2rem; gap: 0.6rem;
  align-items: center; background: #fff; padding: 0.3rem 0.6rem; border: 1px solid #ccc; }
button { font-size: 1rem; padding: 0.35rem 0.9rem; cursor: pointer; }
body.presenting { max-width: none; padding: 1rem 3rem 4rem; font-size: 1.5rem; }
body.presenting .slide { display: none; border: none; }
body.presenting .slide.current { display: block; }
body.presenting #controls { display: flex; }
body.presenting #present { display: none; }
body.presenting h2 { font-size: 2.2rem; }
/* A chosen slide of claims or of what was said, presented: two columns, so that its dozen
   lines and its source line fit a 1280 x 720 screen (one column ran past its bottom). */
body.presenting .slide[data-slide="statements"] ul, body.presenting .slide[data-slide="claims"]
  ul { columns: 2; column-gap: 3rem; font-size: 1.1rem; }
body.presenting .slide li { break-inside: avoid; }
"""

SCRIPT = """
const slides = Array.from(document.querySelectorAll(".slide"));
let current = -1;
function show(index) {
  current = Math.max(0, Math.min(slides.length - 1, index));
  document.body.classList.add("presenting");
  slides.forEach((slide, k) => slide.classList.toggle("current", k === current));
  document.getElementById("where").textContent = (current + 1) + " / " + slides.length;
  history.replaceState(null, "", "#slide-" + (current + 1));
  slides[current].querySelectorAll(".js-plotly-plot").forEach((plot) => Plotly.Plots.resize(plot));
  window.scrollTo(0, 0);
}
function leave() {
  document.body.classList.remove("presenting");
  slides.forEach((slide) => slide.classList.remove("current"));
  current = -1;
  history.replaceState(null, "", location.pathname);
}
document.getElementById("present").addEventListener("click", () => show(0));
document.getElementById("previous").addEventListener("click", () => show(current - 1));
document.getElementById("next").addEventListener("click", () => show(current + 1));
document.getElementById("exit").addEventListener("click", leave);
document.addEventListener("keydown", (event) => {
  const presenting = document.body.classList.contains("presenting");
  if (!presenting) { if (event.key === "p" || event.key === "P") show(0); return; }
  if (["ArrowRight", "PageDown", " "].includes(event.key)) { show(current + 1); }
  else if (["ArrowLeft", "PageUp"].includes(event.key)) { show(current - 1); }
  else if (event.key === "Escape") { leave(); } else { return; }
  event.preventDefault();
});
const asked = /^#slide-(\\d+)$/.exec(location.hash);
if (asked) show(Number(asked[1]) - 1);
"""


def e(text: object) -> str:
    """Pack text escaped for HTML: shown as written, never as markup."""
    if text is None or (isinstance(text, float) and pd.isna(text)):
        return ""
    return html.escape(str(text))


def offline_report(catalogue: Catalogue, slide_ids: list[str]) -> str:
    """The report of the chosen slides, the timeline, the claims and the sources, as HTML."""
    tables = catalogue.tables
    as_of = tables.pack.as_of.label
    sections = [_opening(catalogue)]
    for slide_id in slide_ids:
        sections.append(_slide(catalogue, slide_id))
    if "timeline" in catalogue and "timeline" not in slide_ids:
        sections.append(_slide(catalogue, "timeline"))
    if not tables.checks.empty:
        sections.append(_claims(catalogue))
    sections.append(_sources(catalogue))
    title = f"{tables.pack.title} · Dyad briefing · sources to {as_of}"
    return "\n".join(
        [
            "<!DOCTYPE html>",
            '<html lang="en"><head><meta charset="utf-8">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            f"<title>{e(title)}</title>",
            f"<style>{STYLE}</style>",
            f'<script type="text/javascript">{plotly.offline.get_plotlyjs()}</script>',
            "</head><body>",
            *sections,
            '<nav id="controls"><button id="previous">← Previous</button>'
            '<span id="where"></span><button id="next">Next →</button>'
            '<button id="exit">Exit</button></nav>',
            f"<script>{SCRIPT}</script>",
            "</body></html>",
        ]
    )


def _opening(catalogue: Catalogue) -> str:
    tables = catalogue.tables
    return (
        '<header class="slide" id="opening">'
        f"<h1>{e(tables.pack.title)}</h1>"
        f"<p>{e(pair_name(tables))} · a Dyad briefing · sources considered to "
        f"{e(tables.pack.as_of.label)}</p>"
        f"<p>{e(tables.pack.summary)}</p>"
        '<p><button id="present">Present</button> one section per screen; arrow keys move, '
        "Escape leaves. This file needs no network.</p></header>"
    )


def _quotes(catalogue: Catalogue, slide_id: str) -> str:
    quotes = catalogue.slide_quotes(slide_id)
    if not quotes:
        return ""
    items = "".join(
        f"<blockquote>“{e(quote)}”<br><small>— {e(citation)}</small></blockquote>"
        for quote, citation in quotes
    )
    return (
        f"<details><summary>{plural(len(quotes), 'quote')} behind this</summary>{items}</details>"
    )


def _slide(catalogue: Catalogue, slide_id: str) -> str:
    source = f'<p class="source-line">{e(catalogue.slide_source_line(slide_id))}</p>'
    entry = catalogue.get(slide_id)
    if entry is None:
        items = "".join(f"<li>{e(line)}</li>" for line in text_slide_lines(catalogue, slide_id))
        body = f"<h2>{e(catalogue.slide_title(slide_id))}</h2><ul>{items}</ul>"
    else:
        # Read in a window of a screen (1024 px or wider), or presented: wrapped as a slide is.
        figure = images.export_figure(
            entry.chart, catalogue.tables.pack.as_of.label, height=680, text_px=SLIDE_FIGURE_PX
        )
        div = pio.to_html(
            figure,
            full_html=False,
            include_plotlyjs=False,
            div_id=f"chart-{slide_id}",
            config={"displaylogo": False, "responsive": True},
        )
        body = f"<h2>{e(entry.title)}</h2><p>{e(entry.chart.summary)}</p>{div}"
    kind = "chart" if entry is not None else slide_id
    return (
        f'<section class="slide" data-slide="{e(slide_id)}" data-kind="{kind}">'
        f"{body}{source}{_quotes(catalogue, slide_id)}</section>"
    )


def _claims(catalogue: Catalogue) -> str:
    items = []
    for _, check in catalogue.tables.checks.iterrows():
        verdict = str(check["verdict"])
        quote = (
            f"<blockquote>“{e(check['quote'])}”<br><small>— {e(check['source_citation'])}"
            "</small></blockquote>"
            if pd.notna(check["quote"])
            else ""
        )
        note = f"<p>{e(check['note'])}</p>" if pd.notna(check["note"]) else ""
        items.append(
            f'<li><span class="verdict">{VERDICT_SYMBOLS.get(verdict, "")} '
            f"{e(verdict.capitalize())}</span>: {e(check['claim'])}{quote}{note}</li>"
        )
    return (
        '<section class="slide" data-slide="claims-all" data-kind="claims">'
        f"<h2>Claims and their verdicts</h2><ul>{''.join(items)}</ul>"
        f'<p class="source-line">{e(catalogue.slide_source_line(CLAIMS))}</p></section>'
    )


def _sources(catalogue: Catalogue) -> str:
    items = []
    for _, source in catalogue.tables.sources.iterrows():
        url = source["url"]
        address = f' · <a href="{e(url)}">{e(url)}</a>' if web_address(url) else ""
        items.append(f"<li>{e(source['citation'])} · {e(source['title'])}{address}</li>")
    return (
        '<section class="slide" data-slide="sources" data-kind="sources">'
        f"<h2>Sources</h2><ol>{''.join(items)}</ol>"
        "<p>Cite as: Dyad, "
        f"{e(catalogue.tables.pack.title)}, sources considered to "
        f"{e(catalogue.tables.pack.as_of.label)}; and the original source of each figure.</p>"
        "</section>"
    )
