"""The catalogue of a pack's charts: every chart the app can draw, by a stable id.

Each entry names its chart's id (the chart's ``key``, so a link or a deck
written today still finds it tomorrow), the page it belongs to, its title and
the builder that draws it, with the chart built once. The Briefing page,
server-side images, the deck, the offline report and the data bundle all read
the same catalogue, so a chart looks the same everywhere. Besides charts a
briefing can show three text slides: the documents' headline numbers
(``headlines``), the claims with their verdicts (``claims``) and what was said
(``statements``).

No streamlit here: ``components.ui.catalogue`` caches it on the pack files'
fingerprint, like the tables.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import cached_property, partial

import pandas as pd

from components.charts.agreements import agreements_by_kind_chart, sectors_chart
from components.charts.base import (
    Chart,
    document_sources,
    source_line,
    sources_of,
    undrawn_metrics,
)
from components.charts.claims import check_chart_title, check_evidence_chart
from components.charts.energy import gas_delivered_chart, planned_volumes_chart
from components.charts.timeline import timeline_chart, visits_by_host_chart
from components.charts.trade import claims_over_time_chart, partners_chart, trade_by_year_chart
from components.overview import headline_figures, strip_events
from components.registry import PAGES
from components.tables import PackTables

# Slides that are not charts: the headline numbers, the claims' verdicts and what was said.
HEADLINES = "headlines"
CLAIMS = "claims"
STATEMENTS = "statements"
TEXT_SLIDES = {
    HEADLINES: "Headline numbers",
    CLAIMS: "Claims and their verdicts",
    STATEMENTS: "What was said",
}
# What was said fits one screen at the most this many statements (two columns of six, as a
# dozen claims); the rest are on the Statements page, and the slide says how many.
STATEMENTS_ON_A_SLIDE = 12


def slide_statements(tables: PackTables) -> pd.DataFrame:
    """The statements a "What was said" slide shows: those of the pack's documents (the
    sources it checks; every statement when they made none), the latest
    ``STATEMENTS_ON_A_SLIDE``, in the pack's order."""
    statements = tables.statements
    documents = statements[statements["source"].isin(document_sources(tables))]
    chosen = documents if not documents.empty else statements
    return chosen.iloc[-STATEMENTS_ON_A_SLIDE:]


@dataclass(frozen=True)
class CatalogueEntry:
    """One chart of the pack: stable id, page, title, builder and the chart it draws.

    A claim's chart is drawn when first asked for (``chart``): a large pack has
    thousands of checks, and a list of slides needs only their ids and titles.
    """

    id: str
    page: str
    title: str
    builder: Callable[[PackTables], Chart | None] = field(repr=False)
    tables: PackTables = field(repr=False, compare=False)
    built: Chart | None = field(default=None, repr=False, compare=False)

    # Drawn once per entry; the catalogue is shared read-only by every session and rerun.
    @cached_property
    def chart(self) -> Chart:
        if self.built is not None:
            return self.built
        chart = self.builder(self.tables)
        if chart is None:
            raise LookupError(f"{self.id} of {self.tables.id} draws no chart")
        return chart


@dataclass(frozen=True)
class Catalogue:
    """Every chart a pack can draw, in the app's page order."""

    tables: PackTables = field(repr=False)
    entries: tuple[CatalogueEntry, ...]
    today: dt.date

    def __iter__(self) -> Iterator[CatalogueEntry]:
        return iter(self.entries)

    def __len__(self) -> int:
        return len(self.entries)

    def __contains__(self, chart_id: object) -> bool:
        return chart_id in self._by_id

    # Worked out once per catalogue (it is shared by every session and rerun, read-only).
    @cached_property
    def _by_id(self) -> dict[str, CatalogueEntry]:
        found: dict[str, CatalogueEntry] = {}
        for entry in self.entries:
            found.setdefault(entry.id, entry)
        return found

    @cached_property
    def _headlines(self) -> pd.DataFrame:
        return headline_figures(self.tables)

    @cached_property
    def _said(self) -> pd.DataFrame:
        return slide_statements(self.tables)

    @property
    def statements_left_out(self) -> int:
        """How many of the pack's statements the "What was said" slide leaves out."""
        return len(self.tables.statements) - len(self._said)

    @property
    def ids(self) -> list[str]:
        return [entry.id for entry in self.entries]

    def get(self, chart_id: str) -> CatalogueEntry | None:
        return self._by_id.get(chart_id)

    def chart(self, chart_id: str) -> Chart:
        entry = self.get(chart_id)
        if entry is None:
            raise KeyError(f"no chart {chart_id!r} in the catalogue of {self.tables.id}")
        return entry.chart

    def slide_ids(self) -> list[str]:
        """Everything a briefing can show: the text slides the pack has, then every chart."""
        return [*self.text_slides(), *self.ids]

    def text_slides(self) -> list[str]:
        """The text slides this pack has material for."""
        slides = []
        if not self._headlines.empty:
            slides.append(HEADLINES)
        if not self.tables.checks.empty:
            slides.append(CLAIMS)
        if not self._said.empty:
            slides.append(STATEMENTS)
        return slides

    def slide_title(self, slide_id: str) -> str:
        if slide_id == STATEMENTS:
            # One date for all (a document's): said once, in the title.
            dates = self._said["date_label"].unique()
            return TEXT_SLIDES[STATEMENTS] + (f", {dates[0]}" if len(dates) == 1 else "")
        if slide_id in TEXT_SLIDES:
            return TEXT_SLIDES[slide_id]
        entry = self.get(slide_id)
        if entry is None:
            raise KeyError(f"no chart {slide_id!r} in the catalogue of {self.tables.id}")
        return entry.title

    def slide_rows(self, slide_id: str) -> pd.DataFrame:
        """The records behind a slide: a chart's rows, the headline figures, the checks or
        the statements."""
        if slide_id == HEADLINES:
            return self._headlines
        if slide_id == CLAIMS:
            return self.tables.checks
        if slide_id == STATEMENTS:
            return self._said
        return self.chart(slide_id).rows

    def slide_sources(self, slide_id: str) -> pd.DataFrame:
        """The sources behind a slide, in the order its records first cite them."""
        if slide_id in TEXT_SLIDES:
            return sources_of(self.tables, self.slide_rows(slide_id))
        return self.chart(slide_id).sources

    def slide_source_line(self, slide_id: str) -> str:
        """ "Sources: A (2025); B (May 2025)", as drawn under every chart."""
        return source_line(self.slide_sources(slide_id))

    def slide_quotes(self, slide_id: str) -> list[tuple[str, str]]:
        """Each verbatim quote behind a slide, once, with the citation of its source."""
        rows = self.slide_rows(slide_id)
        if "quote" not in rows:
            return []
        found = rows.loc[rows["quote"].notna(), ["quote", "source_citation"]]
        return list(dict.fromkeys((str(q), str(c)) for q, c in found.itertuples(index=False)))

    def known(self, slide_ids: list[str]) -> list[str]:
        """``slide_ids`` without unknown or repeated ids, order kept (for ids from a URL)."""
        valid = set(self.slide_ids())
        return [s for s in dict.fromkeys(slide_ids) if s in valid]


def builders(tables: PackTables, today: dt.date) -> list[tuple[str, Callable]]:
    """(page, builder) for every chart the app's pages can draw for this pack."""
    finance = tables.metrics.loc[tables.metrics["topic"] == "finance", "metric"]
    strip = partial(_events_strip, today=today)
    return [
        ("Overview", strip),
        ("Trade", trade_by_year_chart),
        *[("Trade", partial(claims_over_time_chart, metric=m)) for m in finance],
        ("Trade", partners_chart),
        ("Energy", gas_delivered_chart),
        ("Energy", planned_volumes_chart),
        ("Agreements", agreements_by_kind_chart),
        ("Agreements", sectors_chart),
        ("Timeline", partial(timeline_chart, today=today)),
        ("Timeline", visits_by_host_chart),
    ]


def check_entries(tables: PackTables) -> list[CatalogueEntry]:
    """An entry per check whose evidence includes figures (those have a chart), not drawn yet."""
    figure_ids = set(tables.figures["id"])
    checks = tables.checks[["id", "claim", "verdict", "evidence"]].to_dict("records")
    return [
        CatalogueEntry(
            f"check-{check['id']}",
            "Claims",
            check_chart_title(check["verdict"], check["claim"]),
            partial(check_evidence_chart, check_id=check["id"]),
            tables,
        )
        for check in checks
        if any(evidence in figure_ids for evidence in check["evidence"])
    ]


def _events_strip(tables: PackTables, today: dt.date) -> Chart | None:
    """The Overview's strip: the latest events and every planned one ahead."""
    strip = strip_events(tables, today)
    ahead = strip[strip["status"] == "planned"]
    title = (
        f"The latest events, and {len(ahead)} planned ahead"
        if len(ahead)
        else "The latest events; none planned ahead"
    )
    return timeline_chart(tables, strip, today=today, key="events-strip", title=title)


def build_catalogue(tables: PackTables, today: dt.date) -> Catalogue:
    """Every chart of the pack, drawn once (a claim's chart when first asked for); charts the
    pack has no data for are left out."""
    entries: list[CatalogueEntry] = []
    for page, builder in builders(tables, today):
        chart = builder(tables)
        if chart is not None:
            entries.append(CatalogueEntry(chart.key, page, chart.title, builder, tables, chart))
    # Then, page by page, each figure of the page's topics that its own charts leave out.
    for spec in PAGES:
        if not spec.topics:
            continue
        drawn = [entry.chart for entry in entries if entry.page == spec.title]
        for metric in undrawn_metrics(tables, spec.topics, drawn):
            builder = partial(claims_over_time_chart, metric=metric)
            chart = builder(tables)
            if chart is not None:
                entries.append(
                    CatalogueEntry(chart.key, spec.title, chart.title, builder, tables, chart)
                )
    entries.extend(check_entries(tables))
    order = [spec.title for spec in PAGES]
    entries.sort(key=lambda entry: order.index(entry.page))  # stable: page order, then as built
    return Catalogue(tables=tables, entries=tuple(entries), today=today)


def default_deck(catalogue: Catalogue, size: int = 6) -> list[str]:
    """A short deck of the pack's key findings, in the order a briefer tells them.

    The headline numbers, then the pair's trade, energy delivered, the claim
    the evidence most contradicts, agreements and the timeline: whichever of
    these the pack has, then other charts until ``size`` slides.
    """
    checks = catalogue.tables.checks
    severity = {"contradicted": 0, "partly": 1, "supported": 2, "unverified": 3}
    # Looked up once: a lookup per check in the sort was seconds on a pack of 1,200 checks.
    rank = {
        f"check-{check}": severity.get(str(verdict), 9)
        for check, verdict in zip(checks["id"], checks["verdict"], strict=True)
    }
    ranked = sorted(rank, key=rank.__getitem__)
    wanted = [
        *catalogue.text_slides()[:1],
        "trade-by-year",
        "gas-delivered",
        *ranked[:1],
        "agreements-by-kind",
        "timeline",
    ]
    slide_ids = catalogue.slide_ids()
    known = set(slide_ids)
    deck = [slide for slide in wanted if slide in known]
    for slide in slide_ids:
        if len(deck) >= size:
            break
        if slide not in deck:
            deck.append(slide)
    return deck[:size]
