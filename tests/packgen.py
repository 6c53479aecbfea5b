"""Generated fact packs: valid by construction, of any shape and size, as plain dicts.

A *spec* is a pack as data: one key per YAML file of the pack (``pack``,
``sources``, ``figures``, ``events``, ``agreements``, ``statements``,
``checks``) holding what that file holds, and ``texts`` mapping each stored
source text's path inside the pack (``sources/<id>.txt``) to its content.
``write_pack`` writes a spec to disk as a pack folder the loader reads.

Two ways to get one:

- ``packs()``: a hypothesis strategy of small packs of every shape a curator
  can write (``SHAPES``: no records at all, events only, figures only,
  everything planned, everything in the future, one point per series, the
  pair's trade under another key, and anything at all), with any metrics,
  units, topics, statuses and date precisions, one or many sources, and
  hostile text (markdown, HTML, LaTeX, Streamlit icons) in titles and quotes.
- ``scaled_pack(scale, seed)``: a fast, deterministic pack about ``scale``
  times the shipped Russia–China pack in records, for benchmarks and the
  speed work::

      from tests.packgen import scaled_pack, write_pack
      folder = write_pack(data_dir, scaled_pack(100, seed=1))  # data_dir/scaled-x100/

Every quote of a source with a stored text is an exact excerpt of it; sources
without a text have an address and their records no quote. Nothing here
imports streamlit.
"""

from __future__ import annotations

import datetime as dt
import math
import random
import re
from pathlib import Path
from typing import Any

import yaml
from hypothesis import strategies as st

RECORD_FILES = ("figures", "events", "agreements", "statements", "checks")
TOPICS = ("trade", "energy", "investment", "finance", "diplomacy", "other")
MEASURES = ("volume", "rate", "share", "count", "money")
FIGURE_STATUSES = ("reported", "estimate", "planned", "target", "claim")
EVENT_KINDS = ("visit", "talks", "summit", "signing", "commemoration", "anniversary", "other")
AGREEMENT_KINDS = ("agreement", "declaration", "memorandum", "programme", "portfolio")
AGREEMENT_STATUSES = ("signed", "in-force", "underway", "in-preparation", "planned")
VERDICTS = ("supported", "partly", "contradicted", "unverified")
SOURCE_KINDS = ("news", "official", "statistics", "analysis")
UNITS = (
    *("USD bn", "EUR bn", "CNY trn", "GBP m", "JPY bn", "INR cr"),
    *("bcm", "bcm/yr", "TWh", "MW", "GW", "t", "Mt/yr", "barrels/day", "%"),
    *("visits", "projects", "people", "$x$ units", "**bold** bn", ":material/bolt: kWh"),
)
# Text a page must show as written: markdown, HTML, LaTeX, Streamlit icons and colours.
HOSTILE = (
    "**bold** _it_ [link](javascript:alert(1))",
    "<script>alert(1)</script> <b>tag</b> &amp;",
    "$x^2$ and $$\\frac{1}{2}$$",
    ":material/warning: :red[red] :rainbow[text]",
    "# heading | table | `code` ~~strike~~",
    "yes",
    "2025-01-01",
    "Ünïcödé — «кириллица» 中文 ‘curly’ “quotes” – dash",
    "a line\nand another",
    "{braces} %{hovertext} %s {0}",
)
# What every generated pack's "today" is measured against: the suite's DYAD_TODAY.
TODAY = dt.date(2025, 6, 1)
SHAPES = (
    "empty",
    "events-only",
    "figures-only",
    "all-planned",
    "all-future",
    "one-point-per-series",
    "trade-under-another-key",
    "anything",
)


# ---- small strategies -------------------------------------------------------------------

_SECTORS = ("energy", "trade", "finance", "nuclear energy", "space")
_WORDS = st.sampled_from(
    ("trade", "gas", "power", "cable", "visit", "summit", "oil", "grain", "yuan", "port")
)
_SAFE_TEXT = st.text(
    alphabet=st.characters(
        codec="utf-8",
        categories=("L", "N", "P", "S", "Zs"),
        exclude_characters="\u2028\u2029\x85\ufeff",
    ),
    min_size=1,
    max_size=30,
).filter(lambda text: text.strip() != "")


# What pandas prints for a missing value: pack text never spells it, so a test can tell one
# on screen from the curator's words.
MISSING_VALUE = re.compile(r"\b(nan|NaN|NaT|None)\b|<NA>")


def text() -> st.SearchStrategy[str]:
    """Non-blank text: words, hostile markup, or any printable characters."""
    return st.one_of(
        st.lists(_WORDS, min_size=1, max_size=5).map(" ".join).map(str.capitalize),
        st.sampled_from(HOSTILE),
        _SAFE_TEXT.filter(lambda text: not MISSING_VALUE.search(text)),
    )


def dates(first: int = 1950, last: int = 2060) -> st.SearchStrategy[str]:
    """A date as a curator writes it, at year, month or day precision."""
    return st.builds(
        _date_text,
        st.dates(dt.date(first, 1, 1), dt.date(last, 12, 31)),
        st.sampled_from(("year", "month", "day")),
    )


def _date_text(day: dt.date, precision: str) -> str:
    return {"year": day.isoformat()[:4], "month": day.isoformat()[:7], "day": day.isoformat()}[
        precision
    ]


def _last_day(written: str) -> dt.date:
    parts = [int(p) for p in written.split("-")]
    if len(parts) == 3:
        return dt.date(*parts)
    if len(parts) == 2:
        year, month = parts
        return dt.date(year + (month == 12), month % 12 + 1, 1) - dt.timedelta(days=1)
    return dt.date(parts[0], 12, 31)


def _first_day(written: str) -> dt.date:
    parts = [int(p) for p in written.split("-")] + [1, 1]
    return dt.date(*parts[:3])


def cycled(draw: st.DrawFn, options: tuple | list, n: int) -> Any:
    """One of ``options``, the ``n``-th in turn when the draw is the simplest.

    Hypothesis tries the simplest choices first, and a derandomized suite runs
    few examples: cycling by record number makes even the simplest pack varied
    (metrics of every topic, a series over several years, events of each kind).
    """
    return options[(n + draw(st.integers(0, len(options) - 1))) % len(options)]


def dates_from(draw: st.DrawFn, first: int, n: int, span: int = 40) -> str:
    """A date in ``first + n`` (the simplest) to ``first + n + span``, at any precision."""
    return draw(dates(first + n, first + n + span))


_COLOUR = st.integers(0, 0xFFFFFF).map(lambda n: f"#{n:06x}")
_CODE = st.text(alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZ", min_size=3, max_size=3)
_VALUE = st.one_of(
    st.floats(-1e6, 1e12, allow_nan=False, allow_infinity=False),
    st.integers(-1000, 10**9),
    st.sampled_from((0, 0.05, 10.25, 1e15, -0.0, 1e30, -1e20, 1e-9, 1.7976931348623157e308)),
)


# ---- the pack strategy ------------------------------------------------------------------


@st.composite
def packs(
    draw: st.DrawFn, shape: str | None = None, min_records: int = 0, max_records: int = 12
) -> dict[str, Any]:
    """A valid pack spec of ``shape`` (one of ``SHAPES``; drawn when None).

    Each record file holds ``min_records`` to ``max_records`` records, where the
    shape allows: an empty pack has none, an events-only pack only events.
    """
    shape = shape or draw(st.sampled_from(SHAPES))
    codes = draw(st.lists(_CODE, min_size=2, max_size=2, unique=True))
    countries = [{"code": c, "name": draw(text()), "color": draw(_COLOUR)} for c in codes]
    metrics = _draw_metrics(draw, shape)
    pack = {
        "id": "generated",
        "title": draw(text()),
        "countries": countries,
        "as_of": draw(dates(2000, 2030)),
        "summary": draw(text()),
        "metrics": metrics,
    }
    if metrics and draw(st.booleans()):
        # Any metric may be declared the headline trade, even one of another topic.
        pack["headline_trade"] = draw(st.sampled_from(sorted(metrics)))
    sources = _draw_sources(draw)
    many = st.integers(min_records, max_records)
    counts = {name: draw(many) for name in RECORD_FILES}
    if shape == "empty":
        counts = dict.fromkeys(RECORD_FILES, 0)
    elif shape == "events-only":
        counts = {**dict.fromkeys(RECORD_FILES, 0), "events": draw(st.integers(1, max_records))}
    elif shape == "figures-only":
        counts = {**dict.fromkeys(RECORD_FILES, 0), "figures": draw(st.integers(1, max_records))}
    if not metrics:
        counts["figures"] = 0
    future = shape == "all-future"
    planned = shape == "all-planned"
    first = TODAY.year + 1 if future else 1950
    spec: dict[str, Any] = {"pack": pack, "sources": sources, "texts": {}}
    spec["figures"] = _draw_figures(draw, shape, metrics, sources, counts["figures"], first)
    spec["events"] = [
        _draw_event(draw, n, sources, codes, first, planned) for n in range(counts["events"])
    ]
    spec["agreements"] = [
        _draw_agreement(draw, n, sources, first, planned) for n in range(counts["agreements"])
    ]
    spec["statements"] = [
        _draw_statement(draw, n, sources, first) for n in range(counts["statements"])
    ]
    evidence_ids = [r["id"] for name in RECORD_FILES[:-1] for r in spec[name]]
    spec["checks"] = [_draw_check(draw, n, sources, evidence_ids) for n in range(counts["checks"])]
    store_texts(spec, filler=draw(text()))
    return spec


# Topics in the order the simplest pack's metrics take them: two trade metrics to compare.
_TOPIC_TURNS = ("trade", "energy", "trade", "finance", "energy", "investment", "diplomacy", "other")
METRIC_KEYS = ("bilateral-trade", "hydro", "goods-trade", "cable", "share", "visits", "a")


def _draw_metrics(draw: st.DrawFn, shape: str) -> dict[str, dict]:
    if shape in ("empty", "events-only"):
        return {}
    keys = list(draw(st.permutations(METRIC_KEYS)))[: 5 - draw(st.integers(0, 4))]
    if shape == "trade-under-another-key":
        keys = [k for k in keys if k != "bilateral-trade"] or ["goods-trade"]
    metrics = {}
    for n, key in enumerate(keys):
        # The simplest pack's trade metrics share a unit, so they can be compared.
        metric: dict[str, Any] = {"label": draw(text()), "unit": cycled(draw, UNITS, 8 * (n % 2))}
        metric["topic"] = cycled(draw, _TOPIC_TURNS, n)
        if draw(st.booleans()):
            metric["measure"] = draw(st.sampled_from(MEASURES))
        if metric.get("measure") in (None, "money") and draw(st.booleans()):
            metric["currency"] = draw(st.sampled_from(("USD", "EUR", "CNY", "XXX")))
        metrics[key] = metric
    if shape == "trade-under-another-key":
        metrics[keys[0]]["topic"] = "trade"
    return metrics


def _draw_sources(draw: st.DrawFn) -> list[dict]:
    sources = []
    for n in range(4 - draw(st.integers(0, 3))):
        source: dict[str, Any] = {
            "id": f"source-{n}",
            "title": draw(text()),
            "publisher": draw(st.one_of(text(), st.sampled_from(("Same Publisher",)))),
            "date": draw(dates(1990, 2030)),
            "kind": draw(st.sampled_from(SOURCE_KINDS)),
        }
        stored, address = cycled(draw, ((True, False), (False, True), (True, True)), n)
        if address:
            source["url"] = f"https://example.org/{n}?q=<x>&y=$1"
        if stored:
            source["text"] = f"sources/source-{n}.txt"
        if draw(st.booleans()):
            source["accessed"] = draw(dates(2000, 2030))
        sources.append(source)
    return sources


def _provenance(draw: st.DrawFn, record_id: str, sources: list[dict]) -> dict[str, Any]:
    """``id``, ``source`` and, for a source with a stored text, a quote (stored later)."""
    source = cycled(draw, sources, int(record_id.rsplit("-", 1)[1]))
    record: dict[str, Any] = {"id": record_id, "source": source["id"]}
    if "text" in source:
        record["quote"] = draw(text())
    if draw(st.booleans()):
        record["note"] = draw(text())
    return record


def _draw_figures(draw, shape, metrics, sources, count, first) -> list[dict]:
    keys = list(metrics)
    if shape == "one-point-per-series":
        count = len(keys)
    figures, seen = [], set()
    for n in range(count):
        metric = keys[n] if shape == "one-point-per-series" else cycled(draw, keys, n // 3)
        figure = _provenance(draw, f"figure-{n}", sources)
        figure["metric"] = metric
        if draw(st.integers(0, 4)) < 4:  # a fifth of figures give no period
            figure["period"] = dates_from(draw, first, n)
        figure["value"] = draw(_VALUE) + 10 * n
        statuses = ("planned",) if shape == "all-planned" else FIGURE_STATUSES
        figure["status"] = cycled(draw, statuses, n // 4)
        key = (metric, figure.get("period"), figure["status"], figure["source"])
        if key not in seen:
            seen.add(key)
            figures.append(figure)
    return figures


def _draw_event(draw, n, sources, codes, first, planned) -> dict:
    event = _provenance(draw, f"event-{n}", sources)
    event["date"] = dates_from(draw, first, 3 * n)
    if draw(st.booleans()):
        start = _last_day(event["date"])
        end = start + dt.timedelta(days=draw(st.integers(0, 800)))
        event["end"] = _date_text(end, draw(st.sampled_from(("year", "month", "day"))))
    event["title"] = draw(text())
    event["kind"] = cycled(draw, EVENT_KINDS, n)
    event["status"] = "planned" if planned else cycled(draw, ("held", "planned"), n // 3)
    if draw(st.booleans()):
        event["place"] = draw(text())
    if draw(st.integers(0, 2)) < 2:
        event["host"] = cycled(draw, (*codes, "ZZZ"), n)
    if draw(st.booleans()):
        event["people"] = draw(st.lists(text(), max_size=3))
    return event


def _draw_agreement(draw, n, sources, first, planned) -> dict:
    agreement = _provenance(draw, f"agreement-{n}", sources)
    agreement["title"] = draw(text())
    agreement["kind"] = cycled(draw, AGREEMENT_KINDS, n)
    if draw(st.integers(0, 3)) < 3:
        agreement["date"] = dates_from(draw, first, 2 * n)
    agreement["status"] = "planned" if planned else cycled(draw, AGREEMENT_STATUSES, n)
    if draw(st.integers(0, 2)) < 2:
        more = draw(st.lists(st.one_of(_WORDS, text()), max_size=3))
        agreement["sectors"] = [cycled(draw, _SECTORS, n), *more]
    if draw(st.booleans()):
        agreement["amount"] = {"value": draw(_VALUE), "unit": draw(st.sampled_from(UNITS))}
    if draw(st.booleans()):
        agreement["count"] = draw(st.integers(0, 500))
    return agreement


def _draw_statement(draw, n, sources, first) -> dict:
    statement = _provenance(draw, f"statement-{n}", sources)
    statement["speaker"] = draw(text())
    statement["date"] = dates_from(draw, first, 2 * n)
    statement["said"] = draw(text())
    if draw(st.booleans()):
        statement["topic"] = cycled(draw, TOPICS, n)
    if draw(st.integers(0, 2)) < 2:
        statement["theme"] = draw(
            st.one_of(st.sampled_from(("trade and finance", "energy", "finance")), text())
        )
    return statement


def _draw_check(draw, n, sources, evidence_ids) -> dict:
    check = _provenance(draw, f"check-{n}", sources)
    check["claim"] = draw(text())
    evidence = []
    if evidence_ids and draw(st.integers(0, 3)) < 3:  # the simplest check has evidence
        evidence = [cycled(draw, evidence_ids, n)]
        evidence += draw(st.lists(st.sampled_from(evidence_ids), max_size=3))
        evidence = list(dict.fromkeys(evidence))
    check["verdict"] = cycled(draw, VERDICTS[:3], n) if evidence else "unverified"
    check["evidence"] = evidence
    return check


def store_texts(spec: dict[str, Any], filler: str = "A stored passage.") -> None:
    """Write each stored text of ``spec``: a line of filler, then every quote citing it."""
    for source in spec["sources"]:
        if "text" not in source:
            continue
        quotes = [
            record["quote"]
            for name in RECORD_FILES
            for record in spec[name]
            if record["source"] == source["id"]
        ]
        spec["texts"][source["text"]] = "\n\n".join([filler, *quotes]) + "\n"


# ---- writing ----------------------------------------------------------------------------


def write_pack(data_dir: Path | str, spec: dict[str, Any]) -> Path:
    """Write ``spec`` as the pack folder ``data_dir/<pack id>``; return that folder.

    Record files with no records are left out, as a curator may (a missing file
    is an empty list).
    """
    folder = Path(data_dir) / spec["pack"]["id"]
    (folder / "sources").mkdir(parents=True, exist_ok=True)
    _dump(folder / "pack.yaml", spec["pack"])
    _dump(folder / "sources.yaml", spec["sources"])
    for name in RECORD_FILES:
        if spec.get(name):
            _dump(folder / f"{name}.yaml", spec[name])
    for relative, content in spec.get("texts", {}).items():
        (folder / relative).write_text(content, encoding="utf-8")
    return folder


def _dump(path: Path, data: Any) -> None:
    text = yaml.dump(
        data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, default_flow_style=False
    )
    path.write_text(text, encoding="utf-8")


class _Dumper(getattr(yaml, "CSafeDumper", yaml.SafeDumper)):  # type: ignore[misc]
    """A safe dumper that never writes anchors: a curator's file has none."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


# ---- scaled packs -----------------------------------------------------------------------

# The shipped Russia–China pack, in records: what ``scaled_pack(1, ...)`` is about the size of.
SHIPPED_COUNTS = {
    "sources": 50,
    "figures": 40,
    "events": 31,
    "agreements": 15,
    "statements": 13,
    "checks": 12,
}
_SCALED_TOPICS = ("trade",) * 4 + ("energy",) * 3 + ("finance", "diplomacy", "investment")
_SCALED_UNITS = {
    "trade": ("USD bn", "EUR bn", "CNY trn"),
    "energy": ("bcm", "bcm/yr", "TWh", "MW"),
    "finance": ("%",),
    "diplomacy": ("visits",),
    "investment": ("USD bn",),
}


def scaled_pack(scale: int, seed: int = 0) -> dict[str, Any]:
    """A pack about ``scale`` times the shipped one in records, the same for the same seed.

    Events span decades (1950 on), figures come in annual and monthly series
    with the documents' own figures beside them, a fifth of the sources have a
    stored text that every quote of theirs is an excerpt of. Built with
    ``random.Random(seed)``: no hypothesis, fast enough for 100× in a second or two.
    """
    if scale < 1:
        raise ValueError(f"scale must be 1 or more, got {scale}")
    rng = random.Random(seed)
    n = {name: count * scale for name, count in SHIPPED_COUNTS.items()}
    metric_count = 10 * math.ceil(math.sqrt(scale))
    metrics: dict[str, dict[str, Any]] = {}
    for index in range(metric_count):
        topic = _SCALED_TOPICS[index % len(_SCALED_TOPICS)]
        key = "bilateral-trade" if index == 0 else f"{topic}-{index}"
        units = _SCALED_UNITS[topic]
        unit = "USD bn" if index == 0 else units[index % len(units)]
        metrics[key] = {"label": f"{topic.capitalize()} measure {index}", "unit": unit}
        metrics[key]["topic"] = topic
    sources = []
    for index in range(n["sources"]):
        source: dict[str, Any] = {
            "id": f"source-{index}",
            "title": f"Report {index} on the pair's relations",
            "publisher": f"Publisher {index % (5 + scale)}",
            "date": _date_text(_random_day(rng, 1990, 2026), rng.choice(("year", "month", "day"))),
            "kind": rng.choice(SOURCE_KINDS),
            "url": f"https://example.org/reports/{index}",
        }
        if index % 5 == 0:
            source["text"] = f"sources/source-{index}.txt"
        sources.append(source)
    documents = [s["id"] for s in sources[: max(1, scale)] if "text" in s]
    spec: dict[str, Any] = {
        "pack": {
            "id": f"scaled-x{scale}",
            "title": f"Scaled pack ×{scale}",
            "countries": [
                {"code": "AAA", "name": "Aland", "color": "#1f5fa8"},
                {"code": "BBB", "name": "Bland", "color": "#c8102e"},
            ],
            "as_of": "2026-01-14",
            "summary": f"A generated pack {scale} times the shipped one in records.",
            "metrics": metrics,
        },
        "sources": sources,
        "texts": {},
    }
    quotes: dict[str, list[str]] = {s["id"]: [] for s in sources if "text" in s}

    def cite(record: dict[str, Any], source_id: str | None = None) -> dict[str, Any]:
        source_id = source_id or rng.choice(sources)["id"]
        record["source"] = source_id
        if source_id in quotes:
            record["quote"] = f"As reported, record {record['id']} says {rng.random():.6f}."
            quotes[source_id].append(record["quote"])
        return record

    figures = []
    keys = list(metrics)
    per_metric = math.ceil(n["figures"] / len(keys))
    for index in range(n["figures"]):
        key = keys[index % len(keys)]
        step = index // len(keys)
        if step < 76:  # an annual series, 1950 on
            period = str(1950 + step)
        else:  # then a monthly one, from 1950
            months = step - 76
            period = f"{1950 + months // 12}-{months % 12 + 1:02d}"
        status = "reported" if step < per_metric - 2 else rng.choice(FIGURE_STATUSES)
        figure = {"id": f"figure-{index}", "metric": key, "period": period}
        figure |= {"value": round(rng.uniform(0, 500), 1), "status": status}
        figures.append(cite(figure, sources[1 + index % (len(sources) - 1)]["id"]))
    for index, key in enumerate(k for k in keys if metrics[k]["unit"].endswith("/yr")):
        # Routes not yet built: a capacity planned ahead, known only as planned.
        figure = {"id": f"planned-figure-{index}", "metric": key, "period": "2030"}
        figures.append(cite(figure | {"value": 38.0, "status": "planned"}))
    for index in range(0, n["figures"] // 10):  # the documents' own figures beside the series
        key = keys[index % len(keys)]
        figure = {
            "id": f"document-figure-{index}",
            "metric": key,
            "period": str(2024 - index // 10),
        }
        figure |= {"value": round(rng.uniform(0, 500), 1), "status": "claim"}
        figures.append(cite(figure, documents[index % len(documents)]))
    spec["figures"] = _unique_figures(figures)
    spec["events"] = [cite(_scaled_event(rng, index)) for index in range(n["events"])]
    spec["agreements"] = [cite(_scaled_agreement(rng, index)) for index in range(n["agreements"])]
    spec["statements"] = [
        cite(
            {
                "id": f"statement-{index}",
                "speaker": rng.choice(("Leader A", "Leader B", "Minister C")),
                "date": _random_day(rng, 1990, 2026).isoformat(),
                "said": f"Statement {index} on {rng.choice(TOPICS)}",
                "theme": rng.choice(("finance", "global order", "energy", "trade")),
            }
        )
        for index in range(n["statements"])
    ]
    figure_ids = [f["id"] for f in spec["figures"]]
    spec["checks"] = []
    for index in range(n["checks"]):
        evidence = rng.sample(figure_ids, k=min(len(figure_ids), rng.randint(0, 3)))
        verdict = rng.choice(VERDICTS[:3]) if evidence else "unverified"
        check = {"id": f"check-{index}", "claim": f"Claim {index}", "verdict": verdict}
        check["evidence"] = evidence
        spec["checks"].append(cite(check, documents[index % len(documents)]))
    for source in sources:
        if "text" in source:
            body = [f"Report {source['id']}. Stored passage of the source."]
            spec["texts"][source["text"]] = "\n\n".join(body + quotes[source["id"]]) + "\n"
    return spec


def _random_day(rng: random.Random, first: int, last: int) -> dt.date:
    start = dt.date(first, 1, 1).toordinal()
    return dt.date.fromordinal(rng.randint(start, dt.date(last, 12, 31).toordinal()))


def _unique_figures(figures: list[dict]) -> list[dict]:
    seen, kept = set(), []
    for figure in figures:
        key = (figure["metric"], figure["period"], figure["status"], figure["source"])
        if key not in seen:
            seen.add(key)
            kept.append(figure)
    return kept


def _scaled_event(rng: random.Random, index: int) -> dict[str, Any]:
    day = _random_day(rng, 1950, 2030)
    event: dict[str, Any] = {
        "id": f"event-{index}",
        "date": _date_text(day, rng.choice(("year", "month", "day", "day", "day"))),
    }
    if rng.random() < 0.2:
        event["end"] = (_last_day(event["date"]) + dt.timedelta(days=rng.randint(0, 4))).isoformat()
    event |= {
        "title": f"Event {index} between the pair",
        "kind": rng.choice(EVENT_KINDS),
        "place": rng.choice(("Capital A", "Capital B", "Elsewhere")),
        "status": "planned" if day > TODAY else "held",
        "host": rng.choice(("AAA", "BBB", "CCC", None)),
        "people": rng.sample(("Leader A", "Leader B", "Minister C", "Envoy D"), k=2),
    }
    if event["host"] is None:  # a pack may leave the host out
        del event["host"]
    return event


def _scaled_agreement(rng: random.Random, index: int) -> dict[str, Any]:
    agreement: dict[str, Any] = {
        "id": f"agreement-{index}",
        "title": f"Agreement {index}",
        "kind": rng.choice(AGREEMENT_KINDS),
        "date": _random_day(rng, 1990, 2026).isoformat(),
        "status": rng.choice(AGREEMENT_STATUSES),
        "sectors": rng.sample(("energy", "trade", "finance", "transport", "space"), k=2),
    }
    if rng.random() < 0.2:
        agreement["amount"] = {"value": round(rng.uniform(1, 300), 1), "unit": "USD bn"}
    if rng.random() < 0.2:
        agreement["count"] = rng.randint(1, 100)
    return agreement
