"""Validated pack models -> the pandas tables that pages chart and download.

Every date becomes three columns: the first day it covers (``date``), its
precision (``date_precision``: year, month or day) and its label at that
precision (``date_label``: "Sep 2025", never 1 September). Every record
carries its source's title, citation and address beside its quote, so a page
shows where a number comes from without a join of its own. Enumerations are
ordered categoricals in the schema's order; text columns use pandas' string
dtype; lists (people, sectors, evidence) are tuples with a ``_label`` column
joined by "; " for tables and CSV.
"""

from __future__ import annotations

import typing
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Context, Decimal
from typing import Any

import pandas as pd

from components.schema import (
    CURRENCY_SYMBOLS,
    MEASURES,
    RECORD_FILES,
    Agreement,
    Check,
    Event,
    Figure,
    Metric,
    Pack,
    PartialDate,
    Source,
    Statement,
    assumed_roles,
    unit_currency,
)

if typing.TYPE_CHECKING:
    from components.packs import CheckedPack

PRECISIONS = ("year", "month", "day")
SOURCE_COLUMNS = ("source_title", "source_publisher", "source_citation", "source_url")


@dataclass(frozen=True)
class PackTables:
    """Everything a page needs of one valid pack."""

    pack: Pack
    sources: pd.DataFrame
    metrics: pd.DataFrame
    figures: pd.DataFrame
    events: pd.DataFrame
    agreements: pd.DataFrame
    statements: pd.DataFrame
    checks: pd.DataFrame
    texts: dict[str, str] = field(default_factory=dict)
    # The trade metric with the most yearly figures, worked out once from the pack's models.
    yearly_trade_metric: str | None = None

    TABLE_NAMES = (*RECORD_FILES, "sources", "metrics")

    @property
    def id(self) -> str:
        return self.pack.id

    @property
    def trade_metric(self) -> str | None:
        """The pair's own trade metric: declared (``headline_trade``), the format's default
        key, else the trade metric with the most yearly figures; None without trade figures."""
        declared = self.pack.trade_metric
        return declared if declared is not None else self.yearly_trade_metric

    def assumed_roles(self) -> list[str]:
        """One line per role the pack leaves undeclared, and what the loader assumed."""
        return assumed_roles(self.pack, self.yearly_trade_metric)

    def table(self, name: str) -> pd.DataFrame:
        """The table called ``name`` (one of ``TABLE_NAMES``)."""
        if name not in self.TABLE_NAMES:
            raise KeyError(f"no table {name!r}; tables are {', '.join(self.TABLE_NAMES)}")
        return getattr(self, name)

    def record(self, record_id: str) -> tuple[str, pd.Series] | None:
        """The table name and row of the record with this id, if any."""
        for name in RECORD_FILES:
            rows = self.table(name)
            match = rows[rows["id"] == record_id]
            if not match.empty:
                return name, match.iloc[0]
        return None


# Who said it and what it is first, then how many records cite it: a 1024 px window shows a
# table's first columns, and with the id first the titles were cut at its edge.
SOURCE_LIST_COLUMNS = ["citation", "title", "records", "kind", "date_label", "url", "text", "id"]


def source_list(tables: PackTables) -> pd.DataFrame:
    """The pack's sources as the Sources page lists them: what each is and how many records
    cite it, its stored text named as the one quotes are verified against."""
    return tables.sources[SOURCE_LIST_COLUMNS].rename(
        columns={"text": "stored text (quotes verified)"}
    )


def metrics_on(tables: PackTables, topic: str) -> list[str]:
    """The pack's metrics of ``topic``, in the pack's order."""
    metrics = tables.metrics
    return list(metrics.loc[metrics["topic"] == topic, "metric"])


def statements_on(tables: PackTables, topic: str) -> pd.DataFrame:
    """What was said on ``topic`` (statements naming it among their topics)."""
    statements = tables.statements
    return statements[statements["topics"].map(lambda topics: topic in topics)]


def most_first(column: pd.Series) -> list[str]:
    """A column's values, the most frequent first (ties in the order met); blanks left out."""
    counts = column.dropna().astype(str).value_counts(sort=False)
    return sorted(counts.index, key=lambda value: -counts[value])


def statement_speakers(tables: PackTables) -> list[str]:
    """Who the pack's statements are by, the most statements first."""
    return most_first(tables.statements["speaker"])


def statement_themes(tables: PackTables) -> list[str]:
    """The themes the pack's statements are on, the most statements first."""
    return most_first(tables.statements["theme"])


def statements_by(
    tables: PackTables, speakers: tuple[str, ...], themes: tuple[str, ...]
) -> pd.DataFrame:
    """The statements of any of ``speakers`` on any of ``themes``; none chosen of either is
    every one (a statement without a theme is on none)."""
    statements = tables.statements
    chosen = pd.Series(True, index=statements.index)
    if speakers:
        chosen &= statements["speaker"].isin(speakers)
    if themes:
        chosen &= statements["theme"].isin(themes)
    return statements[chosen]


def source_labels(tables: PackTables) -> dict[str, str]:
    """Each source's id -> "citation · title", as a chooser of sources names it."""
    sources = tables.sources
    return dict(zip(sources["id"], sources["citation"] + " · " + sources["title"], strict=True))


def sources_matching(tables: PackTables, words: str) -> list[str]:
    """The ids of the sources whose id, citation or title holds ``words`` (any case), in the
    pack's order; every source for no words."""
    sources = tables.sources
    if not words.strip():
        return list(sources["id"])
    text = sources["id"] + " " + sources["citation"] + " " + sources["title"]
    found = text.str.contains(words.strip(), case=False, regex=False)
    return list(sources.loc[found.fillna(False).astype(bool), "id"])


def records_citing(tables: PackTables, source_id: str) -> pd.DataFrame:
    """Every record of every table that names ``source_id``: what it says and its quote first
    (a 1024 px window shows the table's first columns; the quote came fourth, out of sight),
    whether the quote was verified, then its table and id."""
    found = []
    for name in RECORD_FILES:
        table = tables.table(name)
        found += [
            {
                "table": name,
                "id": row["id"],
                "record": record_summary(row),
                "quote": row["quote"],
                "quote_verified": bool(row["quote_verified"]),
            }
            for _, row in table[table["source"] == source_id].iterrows()
        ]
    columns = ["record", "quote", "quote_verified", "table", "id"]
    return pd.DataFrame(found, columns=columns)


def record_summary(row: pd.Series) -> str:
    """What a record of any table says, in one short text: its value, title, words or claim."""
    return next(
        (str(row[c]) for c in ("value_label", "title", "said", "claim") if pd.notna(row.get(c))),
        "",
    )


NO_PERIOD = "period not stated"
_NO_DATE = PartialDate(pd.Timestamp.min.date(), "day")


def format_value(
    value: float, unit: str, currency: str | None = None, places: int = 1, trim: bool = True
) -> str:
    """A value with its unit at a reader's precision: "$244.8 bn", "31.1 bcm", "95%".

    Money in a currency with a common symbol reads "$244.8 bn" or "€12 bn"
    (the code is dropped from the unit when the unit repeats it); any other
    currency keeps its code: "7 CNY trn". ``places``: decimals kept, one unless two values
    must be told apart (``told_apart``); trailing zeros are dropped unless ``trim`` is false.
    """
    # Half up, as readers round: 10.25 reads "10.3", not banker's "10.2". Enough digits for
    # any finite float (1e308 has 309), where the default context stops at 28.
    rounded = Decimal(repr(value)).quantize(
        Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP, context=Context(prec=400)
    )
    number = f"{rounded:,.{places}f}"
    if trim and "." in number:
        number = number.rstrip("0").removesuffix(".")
    currency = currency or unit_currency(unit)  # an amount's unit may open on its code
    symbol = CURRENCY_SYMBOLS.get(currency or "")
    if symbol:
        rest = unit.removeprefix(currency).strip()
        return f"{symbol}{number} {rest}".rstrip()
    if unit.strip() == "%":
        return f"{number}%"
    return f"{number} {unit}"


def told_apart(value: float, unit: str, currency: str | None, other: float) -> str:
    """``value`` formatted as ``format_value`` does, with as many more decimals (up to six) as
    it takes not to read the same as ``other`` when the two differ: beside a source's
    "$12.5 bn", another's 12.48 reads "$12.48 bn", not a second "$12.5 bn"; beside a
    "95%" that stands for 95.04, another's 95 reads "95.00%"."""
    places = 1
    while (
        value != other
        and places < 6
        and format_value(value, unit, currency, places, trim=False)
        == format_value(other, unit, currency, places, trim=False)
    ):
        places += 1
    if places == 1:
        return format_value(value, unit, currency)
    return format_value(value, unit, currency, places, trim=False)


def plural(count: int, noun: str) -> str:
    """ "1 row", "14 rows": a count with its noun."""
    return f"{count:,} {noun}{'' if count == 1 else 's'}"


def as_given(value: float, unit: str, currency: str | None = None) -> str:
    """``value`` with the decimals it was recorded with (up to six), as ``format_value``
    writes it otherwise: "$12.48 bn", "$10.25 bn", "$245 bn". Where a reader holds a record
    against a claim and its quote, it reads as the quote does: at one decimal, Customs'
    12.48 read "$12.5 bn", the very figure of the claim it was weighed against."""
    value = float(value)  # a table's numpy float reads np.float64(...)
    decimals = -Decimal(repr(value)).normalize().as_tuple().exponent
    return format_value(value, unit, currency, places=min(max(decimals, 1), 6))


def source_citation(source: Source) -> str:
    """The short form a chart's source line uses: "Realist English (May 2025)"."""
    when = (
        source.date.label if source.date.precision != "day" else source.date.start.strftime("%b %Y")
    )
    return f"{source.publisher} ({when})"


def build_pack_tables(checked: CheckedPack) -> PackTables:
    """Build every table of a valid pack from its models (each with its line)."""
    pack = checked.pack
    source_list = [source for source, _ in checked.sources]
    by_source = {source.id: source for source in source_list}
    items = {name: [record for record, _ in found] for name, found in checked.records.items()}
    citing = pd.Series(
        [record.source for found in items.values() for record in found], dtype="str"
    ).value_counts()
    return PackTables(
        pack=pack,
        sources=_sources_table(source_list, citing),
        metrics=_metrics_table(pack.metrics, items["figures"]),
        figures=_figures_table(pack, items["figures"], by_source),
        events=_events_table(items["events"], by_source, pack),
        agreements=_agreements_table(items["agreements"], by_source),
        statements=_statements_table(items["statements"], by_source),
        checks=_checks_table(items["checks"], by_source),
        texts=dict(checked.texts),
        yearly_trade_metric=checked.yearly_trade_metric,
    )


def _date_columns(name: str, dates: list[PartialDate | None]) -> dict[str, Any]:
    return {
        name: pd.to_datetime([d.start if d else None for d in dates]).as_unit("s"),
        f"{name}_precision": pd.Categorical(
            [d.precision if d else None for d in dates], categories=PRECISIONS, ordered=True
        ),
        f"{name}_label": [d.label if d else None for d in dates],
    }


def _source_columns(records, by_source: dict[str, Source]) -> dict[str, list]:
    found = [by_source[record.source] for record in records]
    return {
        "source": [record.source for record in records],
        "source_title": [s.title for s in found],
        "source_publisher": [s.publisher for s in found],
        "source_citation": [source_citation(s) for s in found],
        "source_url": [s.url for s in found],
        "quote": [record.quote for record in records],
        # A quote of a source with a stored text was found in it by the loader.
        "quote_verified": [
            r.quote is not None and s.text is not None for r, s in zip(records, found, strict=True)
        ],
        "note": [record.note for record in records],
    }


def _categorical(values: list, model: type, field_name: str) -> pd.Categorical:
    annotation = model.model_fields[field_name].annotation
    categories = [arg for arg in typing.get_args(annotation) if isinstance(arg, str)]
    return pd.Categorical(values, categories=categories, ordered=True)


def _frame(columns: dict[str, Any]) -> pd.DataFrame:
    """A frame whose object columns of text become pandas' string dtype."""
    frame = pd.DataFrame(columns)
    for name, column in frame.items():
        if column.dtype == object and column.map(lambda v: v is None or isinstance(v, str)).all():
            frame[name] = column.astype("str")
    return frame


def _joined(values: list[tuple[str, ...]]) -> list[str | None]:
    return ["; ".join(v) if v else None for v in values]


def _sources_table(sources: list[Source], citing: pd.Series) -> pd.DataFrame:
    return _frame(
        {
            "id": [s.id for s in sources],
            "title": [s.title for s in sources],
            "publisher": [s.publisher for s in sources],
            **_date_columns("date", [s.date for s in sources]),
            "citation": [source_citation(s) for s in sources],
            "kind": _categorical([s.kind for s in sources], Source, "kind"),
            "url": [s.url for s in sources],
            "text": [s.text for s in sources],
            **_date_columns("accessed", [s.accessed for s in sources]),
            "records": pd.array([int(citing.get(s.id, 0)) for s in sources], dtype="Int64"),
        }
    )


def _metrics_table(metrics: dict[str, Metric], figures: list[Figure]) -> pd.DataFrame:
    counts = pd.Series([f.metric for f in figures], dtype="str").value_counts()
    return _frame(
        {
            "metric": list(metrics),
            "label": [m.label for m in metrics.values()],
            "unit": [m.unit for m in metrics.values()],
            "topic": _categorical([m.topic for m in metrics.values()], Metric, "topic"),
            "measure": pd.Categorical([m.role for m in metrics.values()], categories=MEASURES),
            "measure_declared": [m.measure is not None for m in metrics.values()],
            "currency": [m.money for m in metrics.values()],
            "figures": pd.array([int(counts.get(key, 0)) for key in metrics], dtype="Int64"),
        }
    )


def _figures_table(pack: Pack, figures: list[Figure], by_source) -> pd.DataFrame:
    order = {key: position for position, key in enumerate(pack.metrics)}
    # A figure whose source gives no period sorts after the dated ones of its metric.
    figures = sorted(
        figures,
        key=lambda f: (order[f.metric], f.period is None, f.period or _NO_DATE, f.status, f.source),
    )
    metrics = [pack.metrics[f.metric] for f in figures]
    periods = _date_columns("period", [f.period for f in figures])
    periods["period_label"] = [label or NO_PERIOD for label in periods["period_label"]]
    periods["period_end"] = pd.to_datetime(
        [f.period.end_exclusive if f.period else None for f in figures]
    ).as_unit("s")
    return _frame(
        {
            "id": [f.id for f in figures],
            "metric": [f.metric for f in figures],
            "metric_label": [m.label for m in metrics],
            "unit": [m.unit for m in metrics],
            "topic": _categorical([m.topic for m in metrics], Metric, "topic"),
            "measure": pd.Categorical([m.role for m in metrics], categories=MEASURES),
            **periods,
            "value": pd.array([f.value for f in figures], dtype="float64"),
            "value_label": [
                format_value(f.value, m.unit, currency=m.money)
                for f, m in zip(figures, metrics, strict=True)
            ],
            "status": _categorical([f.status for f in figures], Figure, "status"),
            **_source_columns(figures, by_source),
        }
    )


def span_label(start: PartialDate, end: PartialDate | None) -> str:
    """A date or span at its precision: "7–10 May 2025", "31 Aug – 3 Sep 2025", "Sep 2025"."""
    if end is None or end == start:
        return start.label
    if start.precision == end.precision == "day" and start.start.year == end.start.year:
        if start.start.month == end.start.month:
            return f"{start.start.day}\u2013{end.label}"
        return f"{start.label.rsplit(' ', 1)[0]} \u2013 {end.label}"
    return f"{start.label} \u2013 {end.label}"


def _events_table(events: list[Event], by_source, pack: Pack) -> pd.DataFrame:
    events = sorted(events, key=lambda e: (e.date, e.id))
    names = {country.code: country.name for country in pack.countries}
    people = [tuple(e.people or ()) for e in events]
    return _frame(
        {
            "id": [e.id for e in events],
            **_date_columns("date", [e.date for e in events]),
            **_date_columns("end", [e.end for e in events]),
            "when": [span_label(e.date, e.end) for e in events],
            "span_start": pd.to_datetime([e.date.start for e in events]).as_unit("s"),
            "span_end": pd.to_datetime([(e.end or e.date).end_exclusive for e in events]).as_unit(
                "s"
            ),
            "title": [e.title for e in events],
            "kind": _categorical([e.kind for e in events], Event, "kind"),
            "place": [e.place for e in events],
            "host": [e.host for e in events],
            # The pair's countries by name; a third country by its code.
            "host_label": [names.get(e.host, e.host) for e in events],
            "status": _categorical([e.status for e in events], Event, "status"),
            "people": pd.Series(people, dtype=object),
            "people_label": _joined(people),
            **_source_columns(events, by_source),
        }
    )


def _agreements_table(agreements: list[Agreement], by_source) -> pd.DataFrame:
    far_future = PartialDate(pd.Timestamp.max.date(), "day")
    agreements = sorted(agreements, key=lambda a: (a.date or far_future, a.id))
    sectors = [tuple(a.sectors or ()) for a in agreements]
    amounts = [a.amount for a in agreements]
    return _frame(
        {
            "id": [a.id for a in agreements],
            "title": [a.title for a in agreements],
            "kind": _categorical([a.kind for a in agreements], Agreement, "kind"),
            **_date_columns("date", [a.date for a in agreements]),
            "status": _categorical([a.status for a in agreements], Agreement, "status"),
            "sectors": pd.Series(sectors, dtype=object),
            "sectors_label": _joined(sectors),
            "amount_value": pd.array([a.value if a else None for a in amounts], dtype="Float64"),
            "amount_unit": [a.unit if a else None for a in amounts],
            "amount_label": [format_value(a.value, a.unit) if a else None for a in amounts],
            "count": pd.array([a.count for a in agreements], dtype="Int64"),
            **_source_columns(agreements, by_source),
        }
    )


def _statements_table(statements: list[Statement], by_source) -> pd.DataFrame:
    statements = sorted(statements, key=lambda s: (s.date, s.id))
    return _frame(
        {
            "id": [s.id for s in statements],
            "speaker": [s.speaker for s in statements],
            **_date_columns("date", [s.date for s in statements]),
            "said": [s.said for s in statements],
            "theme": [s.theme for s in statements],
            "topics": pd.Series([s.topics for s in statements], dtype=object),
            **_source_columns(statements, by_source),
        }
    )


def _checks_table(checks: list[Check], by_source) -> pd.DataFrame:
    evidence = [tuple(c.evidence) for c in checks]
    return _frame(
        {
            "id": [c.id for c in checks],
            "claim": [c.claim for c in checks],
            "verdict": _categorical([c.verdict for c in checks], Check, "verdict"),
            "evidence": pd.Series(evidence, dtype=object),
            "evidence_label": _joined(evidence),
            **_source_columns(checks, by_source),
        }
    )


__all__ = ["SOURCE_COLUMNS", "PackTables", "build_pack_tables", "format_value", "span_label"]
