"""Every valid pack, of any shape, loads and goes through every chart builder without raising.

Packs come from ``tests.packgen``: valid by construction, so a pack that does
not load is a bug of the generator, and a builder that raises is a bug of the
app. Builders are found by name (every ``*_chart`` function of
``components.charts``), so a new one is tested here the day it is added. The
example budget is fixed and derandomized (``tests/conftest.py``'s ``dyad``
profile); ``DYAD_HYPOTHESIS_PROFILE=long`` runs many more by hand.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import tempfile
from collections.abc import Callable, Iterator

import pytest
from hypothesis import given
from hypothesis import strategies as st

import components.charts
from components.charts.agreements import joint_venture_sectors
from components.charts.base import Chart
from components.charts.claims import evidence_records
from components.overview import headline_agreements, headline_figures, other_values, strip_events
from components.packs import load_pack
from components.tables import PackTables
from tests import packgen

TODAY = packgen.TODAY


def chart_builders() -> dict[str, Callable]:
    """Every public ``*_chart`` function of every module of ``components.charts``."""
    found = {}
    for module_info in pkgutil.iter_modules(components.charts.__path__):
        module = importlib.import_module(f"components.charts.{module_info.name}")
        for name, function in inspect.getmembers(module, inspect.isfunction):
            if name.endswith("_chart") and function.__module__ == module.__name__:
                found[f"{module_info.name}.{name}"] = function
    return found


BUILDERS = chart_builders()


def calls(tables: PackTables, builder: Callable) -> Iterator[tuple[str, Chart | None]]:
    """Each way a page calls ``builder`` on this pack: once, per metric or per check."""
    parameters = inspect.signature(builder).parameters
    required = [
        name
        for name, p in parameters.items()
        if p.default is inspect.Parameter.empty and name != "tables"
    ]
    if not required:
        kwargs = {"today": TODAY} if "today" in parameters else {}
        yield "", builder(tables, **kwargs)
        if "events" in parameters:  # a subset of the events, as the Overview's strip
            extra = {"key": "strip", "title": "Strip"}
            kwargs |= {name: value for name, value in extra.items() if name in parameters}
            yield "strip", builder(tables, strip_events(tables, TODAY), **kwargs)
    elif required == ["metric"]:
        for metric in tables.pack.metrics:
            yield metric, builder(tables, metric)
    elif required == ["check_id"]:
        for check_id in tables.checks["id"]:
            yield check_id, builder(tables, check_id)
    else:
        pytest.fail(f"{builder.__name__} takes {required}: teach this test how pages call it")


def loaded(spec: dict) -> PackTables:
    with tempfile.TemporaryDirectory() as scratch:
        tables, problems = load_pack(packgen.write_pack(scratch, spec))
    assert not problems, "the generator wrote an invalid pack:\n" + "\n".join(map(str, problems))
    return tables


NOT_A_VALUE = packgen.MISSING_VALUE


def assert_well_made(tables: PackTables, chart: Chart, where: str) -> None:
    """A source line in the figure, rows that cite the pack's sources, no missing value shown."""
    layout = chart.figure.layout
    lines = [a.text for a in layout.annotations if a.name == "source-line"]
    assert lines and lines[0].startswith("Source"), f"{where}: no source line"
    cited = set(chart.rows["source"].dropna())
    assert cited, f"{where}: a chart drawn from no sourced row"
    assert cited <= set(tables.sources["id"]), f"{where}: rows cite sources the pack lacks"
    for text in (chart.title, chart.subtitle, chart.summary):
        assert not NOT_A_VALUE.search(str(text)), f"{where}: a missing value in {text!r}"


def run_everything(tables: PackTables) -> int:
    """Every builder as pages call it, and the page helpers beside them; the charts drawn."""
    tables.assumed_roles()
    drawn = 0
    for name, builder in BUILDERS.items():
        for argument, chart in calls(tables, builder):
            if chart is not None:
                assert_well_made(tables, chart, f"{name}({argument})")
                drawn += 1
    for _, check in tables.checks.iterrows():
        evidence_records(tables, check)
    joint_venture_sectors(tables)
    headline_agreements(tables)
    for _, figure in headline_figures(tables).iterrows():
        other_values(tables, figure)
    return drawn


def test_every_chart_builder_is_found():
    assert {"trade.trade_by_year_chart", "energy.gas_delivered_chart"} <= set(BUILDERS)
    assert len(BUILDERS) >= 8, sorted(BUILDERS)


def has_shape(spec: dict, shape: str) -> bool:
    """What each shape promises (the generator's own contract)."""
    records = [r for name in packgen.RECORD_FILES for r in spec.get(name, [])]
    dated = [r.get("date") or r.get("period") for r in records]
    return {
        "empty": not records,
        "events-only": bool(spec["events"]) and len(records) == len(spec["events"]),
        "figures-only": bool(spec["figures"]) and len(records) == len(spec["figures"]),
        "all-planned": all(r.get("status") in (None, "planned") for r in records),
        "all-future": all(d is None or int(str(d)[:4]) > TODAY.year for d in dated),
        "one-point-per-series": len({f["metric"] for f in spec["figures"]}) == len(spec["figures"]),
        "trade-under-another-key": "bilateral-trade" not in spec["pack"]["metrics"]
        and any(m["topic"] == "trade" for m in spec["pack"]["metrics"].values()),
        "anything": True,
    }[shape]


@pytest.mark.parametrize("shape", packgen.SHAPES)
@given(data=st.data())
def test_a_generated_pack_of_each_shape_goes_through_every_chart_builder(shape, data):
    spec = data.draw(packgen.packs(shape=shape, max_records=8), label="pack")
    assert has_shape(spec, shape), f"the generator broke its {shape} shape"
    run_everything(loaded(spec))


@pytest.mark.parametrize("scale", [1])
def test_a_scaled_pack_goes_through_every_chart_builder(scale):
    spec = packgen.scaled_pack(scale, seed=scale)
    assert len(spec["figures"]) >= 40 * scale and len(spec["events"]) == 31 * scale
    assert run_everything(loaded(spec)) >= 8


def test_a_scaled_pack_is_the_same_for_the_same_seed():
    assert packgen.scaled_pack(2, seed=7) == packgen.scaled_pack(2, seed=7)
    assert packgen.scaled_pack(2, seed=7) != packgen.scaled_pack(2, seed=8)


def two_source_pack(metrics: dict, figures: list[dict]) -> dict:
    """A pack of a document (a stored text, checked) and a statistics office (an address)."""
    spec = packgen.scaled_pack(1, seed=0)
    spec["pack"]["metrics"] = metrics
    spec["sources"] = [
        {"id": "document", "title": "The document", "publisher": "Gazette", "date": "2025-05"}
        | {"kind": "news", "text": "sources/document.txt"},
        {"id": "office", "title": "Trade by partner", "publisher": "Statistics", "date": "2025"}
        | {"kind": "statistics", "url": "https://example.org/trade"},
    ]
    for n, figure in enumerate(figures):
        figure.setdefault("status", "reported")
        figure |= {"id": f"figure-{n}", "period": figure.get("period", 2020 + n)}
        if figure["source"] == "document":
            figure["quote"] = f"The figure {n} is {figure['value']}."
    spec["figures"] = figures
    spec |= {"events": [], "agreements": [], "statements": [], "texts": {}}
    spec["checks"] = [
        {"id": "check-0", "claim": "A claim", "source": "document", "quote": "The claim."}
        | {"verdict": "supported", "evidence": [figures[0]["id"]]}
    ]
    packgen.store_texts(spec, filler="The claim.")
    return spec


TRADE = {"label": "Trade", "unit": "EUR bn", "topic": "trade"}


@pytest.mark.parametrize(
    ("metrics", "figures"),
    [
        pytest.param(  # IndexError in energy.py: every energy figure from the pack's document
            {"hydro": {"label": "Hydroelectric power", "unit": "TWh", "topic": "energy"}},
            [{"metric": "hydro", "value": 9.1, "source": "document"}] * 2,
            id="energy-only-from-the-document",
        ),
        pytest.param(  # argmax of an empty sequence in trade.py: one value per metric
            {"goods": TRADE, "world": TRADE | {"label": "World trade"}},
            [
                {"metric": "goods", "value": 41, "source": "document"},
                {"metric": "world", "value": 600, "source": "office"},
            ],
            id="one-value-per-metric",
        ),
        pytest.param(  # partners: other metrics share a year the pair's own series lacks
            {"goods": TRADE, "world": TRADE | {"label": "World"}, "eu": TRADE | {"label": "EU"}},
            [
                {"metric": "goods", "value": 41, "source": "office", "period": 2020},
                {"metric": "world", "value": 600, "source": "office", "period": 2021},
                {"metric": "eu", "value": 300, "source": "office", "period": 2021},
            ],
            id="partners-without-the-pair",
        ),
        pytest.param(  # decimal.InvalidOperation in tables.py: more digits than 28
            {"goods": TRADE},
            [{"metric": "goods", "value": 1e30, "source": "office"}],
            id="a-value-of-31-digits",
        ),
    ],
)
def test_a_pack_that_crashed_a_chart_goes_through_every_chart_builder(metrics, figures):
    figures = [dict(figure) for figure in figures]
    run_everything(loaded(two_source_pack(metrics, figures)))
