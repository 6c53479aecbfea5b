"""The fact-pack contract in code: pydantic models of every file of a pack.

Each model mirrors one section of ``docs/pack-format.md``. Models are frozen
and forbid unknown fields, so a curator's typo is an error rather than a
silently missing value. Every rule about one record lives here (a source a
reader can find, an end on or after its date, a verdict with evidence), raised
as ``RecordProblem`` so the loader can point at the field's line. Checks that
span records (ids that repeat, references, quotes against source texts) live
in ``packs.py``, which knows the files and lines.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
import typing
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, PlainValidator, model_validator

KEBAB_CASE = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")
DATE_FORM = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")

Precision = Literal["year", "month", "day"]


@dataclass(frozen=True, order=True)
class PartialDate:
    """A date known to the year, the month or the day, as a curator wrote it.

    ``2025-09`` means some day in September 2025: it starts on 1 September
    and ends before 1 October, and it reads "Sep 2025", never "1 Sep 2025".
    """

    start: dt.date
    precision: Precision

    @property
    def end_exclusive(self) -> dt.date:
        """The first day after the period this date covers."""
        year, month = self.start.year, self.start.month
        if self.precision == "year":
            return dt.date(year + 1, 1, 1)
        if self.precision == "month":
            return dt.date(year + (month == 12), month % 12 + 1, 1)
        return self.start + dt.timedelta(days=1)

    @property
    def last_day(self) -> dt.date:
        """The last day the period covers."""
        return self.end_exclusive - dt.timedelta(days=1)

    @property
    def label(self) -> str:
        """The date at its precision: "2025", "Sep 2025" or "8 May 2025"."""
        if self.precision == "year":
            return str(self.start.year)
        month = MONTHS[self.start.month - 1]
        if self.precision == "month":
            return f"{month} {self.start.year}"
        return f"{self.start.day} {month} {self.start.year}"

    def __str__(self) -> str:
        iso = self.start.isoformat()
        return {"year": iso[:4], "month": iso[:7], "day": iso}[self.precision]


def parse_partial_date(value: object) -> PartialDate:
    """Read ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` (quoted or not) into a PartialDate.

    Raises:
        ValueError: the value has another form, or names a day that does not exist.
    """
    if isinstance(value, PartialDate):
        return value
    if isinstance(value, bool) or not isinstance(value, (str, int, dt.date)):
        raise ValueError(f"expected a date as YYYY, YYYY-MM or YYYY-MM-DD, got {value!r}")
    if isinstance(value, dt.datetime):
        raise ValueError(f"expected a date without a time, got {value.isoformat()!r}")
    if isinstance(value, dt.date):
        return PartialDate(value, "day")
    text = str(value).strip()
    match = DATE_FORM.fullmatch(text)
    if not match:
        raise ValueError(f"expected a date as YYYY, YYYY-MM or YYYY-MM-DD, got {text!r}")
    year, month, day = (int(part) if part else None for part in match.groups())
    if month is None:
        return PartialDate(dt.date(year, 1, 1), "year")
    if not 1 <= month <= 12:
        raise ValueError(f"{text} is not a date that exists: there is no month {month}")
    if day is None:
        return PartialDate(dt.date(year, month, 1), "month")
    days_in_month = calendar.monthrange(year, month)[1]
    if not 1 <= day <= days_in_month:
        raise ValueError(
            f"{text} is not a date that exists: {MONTHS[month - 1]} {year} has {days_in_month} days"
        )
    return PartialDate(dt.date(year, month, day), "day")


def _kebab_case(value: str) -> str:
    if not KEBAB_CASE.fullmatch(value):
        raise ValueError(
            f"{value!r} is not kebab-case: use lower-case letters and digits joined by single "
            "hyphens, such as 'trade-2024'"
        )
    return value


def _web_address(value: str) -> str:
    if not re.match(r"https?://[^\s/]+", value):
        raise ValueError(f"expected a web address starting with http:// or https://, got {value!r}")
    return value


def _not_blank(value: str) -> str:
    if not value.strip():
        raise ValueError("must not be empty")
    return value


class RecordProblem(ValueError):
    """A one-record rule broken: the message, and the field a curator should look at."""

    def __init__(self, field_name: str, message: str) -> None:
        super().__init__(message)
        self.field_name = field_name


Date = Annotated[PartialDate, PlainValidator(parse_partial_date)]
Id = Annotated[str, AfterValidator(_kebab_case)]
Text = Annotated[str, AfterValidator(_not_blank)]
Url = Annotated[str, AfterValidator(_web_address)]
Color = Annotated[str, Field(pattern=r"^#[0-9a-fA-F]{6}$")]
FiniteNumber = Annotated[float, Field(allow_inf_nan=False)]


class Contract(BaseModel):
    """Base of every model: frozen, strict types, unknown fields refused."""

    model_config = ConfigDict(frozen=True, extra="forbid", strict=True)


class Country(Contract):
    """One party of the pair: a state, or a bloc such as the EU."""

    code: CountryCode
    name: Text
    color: Color


Topic = Literal["trade", "energy", "investment", "finance", "diplomacy", "other"]
TOPICS: tuple[str, ...] = typing.get_args(Topic)
Measure = Literal["volume", "rate", "share", "count", "money"]
MEASURES: tuple[str, ...] = typing.get_args(Measure)
CountryCode = Annotated[str, Field(pattern=r"^[A-Z]{3}$")]
CURRENCY_SYMBOLS = {"USD": "$", "EUR": "€", "GBP": "£", "JPY": "¥"}


class Metric(Contract):
    """What a figure measures; pages pick figures by ``topic`` and draw them by ``measure``.

    ``measure`` and ``currency`` are optional: a pack written before they
    existed gets the role its unit implies (``assumed_roles`` says which), and
    ``python -m components.validate`` tells the curator what was assumed.
    """

    label: Text
    unit: Text
    topic: Topic
    measure: Measure | None = None
    currency: CountryCode | None = None

    @model_validator(mode="after")
    def _currency_is_for_money(self) -> Metric:
        if self.currency is not None and self.measure not in (None, "money"):
            raise ValueError(
                f"currency is for money metrics; this one's measure is {self.measure!r}"
            )
        return self

    @property
    def role(self) -> Measure:
        """The declared measure, or the one the unit implies."""
        return self.measure or implied_measure(self.unit)

    @property
    def money(self) -> str | None:
        """The ISO 4217 code of a money metric (declared, or the unit's first word)."""
        if self.role != "money":
            return None
        return self.currency or unit_currency(self.unit)


def unit_currency(unit: str) -> str | None:
    """The currency code a unit opens on ("USD bn" -> "USD"), if it opens on three capitals."""
    first = unit.split()[0] if unit.split() else ""
    return first if re.fullmatch(r"[A-Z]{3}", first) else None


def implied_measure(unit: str) -> Measure:
    """What a unit implies when a metric declares no measure (the format's defaults).

    ``x/yr`` (any ``/``) is a rate or capacity, ``%`` a share, a unit opening on a
    three-letter currency code (``USD bn``) money, anything else a volume in a period.
    """
    if "/" in unit:
        return "rate"
    if unit.strip() == "%":
        return "share"
    if unit_currency(unit):
        return "money"
    return "volume"


class Pack(Contract):
    """``pack.yaml``: the pair, its colours and its metrics."""

    id: Id
    title: Text
    countries: Annotated[list[Country], Field(min_length=2, max_length=2)]
    as_of: Date
    summary: Text
    metrics: dict[str, Metric]
    headline_trade: Text | None = None

    LEGACY_TRADE_METRIC: typing.ClassVar[str] = "bilateral-trade"

    @property
    def trade_metric(self) -> str | None:
        """The pair's own trade metric: declared, else the format's example key if present."""
        if self.headline_trade is not None:
            return self.headline_trade
        return self.LEGACY_TRADE_METRIC if self.LEGACY_TRADE_METRIC in self.metrics else None


class Source(Contract):
    """An entry of ``sources.yaml``: where records come from."""

    id: Id
    title: Text
    publisher: Text
    date: Date
    kind: Literal["news", "official", "statistics", "analysis"]
    url: Url | None = None
    text: Text | None = None
    accessed: Date | None = None

    @model_validator(mode="after")
    def _findable(self) -> Source:
        if self.url is None and self.text is None:
            raise RecordProblem("url", "a source needs a url or a text (or both)")
        return self


class Record(Contract):
    """The fields every record of a record file has."""

    id: Id
    source: Id
    quote: Text | None = None
    note: Text | None = None


class Figure(Record):
    """One value of one metric for one period."""

    metric: Text
    period: Date | None = None
    value: FiniteNumber
    status: Literal["reported", "estimate", "planned", "target", "claim"]


class Event(Record):
    """A dated happening: a visit, talks, a summit, a signing."""

    date: Date
    end: Date | None = None
    title: Text
    kind: Literal["visit", "talks", "summit", "signing", "commemoration", "anniversary", "other"]
    place: Text | None = None
    host: CountryCode | None = None
    status: Literal["held", "planned"]
    people: list[Text] | None = None

    @model_validator(mode="after")
    def _end_after_date(self) -> Event:
        if self.end is not None and self.end.last_day < self.date.start:
            raise RecordProblem("end", f"end {self.end} is before date {self.date}")
        return self


class Amount(Contract):
    """A sum of money or a quantity with its unit."""

    value: FiniteNumber
    unit: Text


class Agreement(Record):
    """An agreement, declaration, memorandum, programme or project portfolio."""

    title: Text
    kind: Literal["agreement", "declaration", "memorandum", "programme", "portfolio"]
    date: Date | None = None
    status: Literal["signed", "in-force", "underway", "in-preparation", "planned"]
    sectors: list[Text] | None = None
    amount: Amount | None = None
    count: Annotated[int, Field(ge=0)] | None = None


class Statement(Record):
    """An attributed position or quotation."""

    speaker: Text
    date: Date
    said: Text
    theme: Text | None = None
    topic: Topic | None = None

    @property
    def topics(self) -> tuple[str, ...]:
        """The declared topic, else every topic word the theme names (the old default)."""
        if self.topic is not None:
            return (self.topic,)
        return tuple(dict.fromkeys(w for w in (self.theme or "").split() if w in TOPICS))


class Check(Record):
    """A source's claim held against other records of the pack."""

    claim: Text
    verdict: Literal["supported", "partly", "contradicted", "unverified"]
    evidence: list[Id]

    @model_validator(mode="after")
    def _verdict_has_evidence(self) -> Check:
        if not self.evidence and self.verdict != "unverified":
            raise RecordProblem(
                "evidence",
                f"verdict {self.verdict!r} needs evidence; only 'unverified' may have none",
            )
        return self


# Record files, the model of their records and the table each becomes, in page order.
RECORD_FILES: dict[str, type[Record]] = {
    "figures": Figure,
    "events": Event,
    "agreements": Agreement,
    "statements": Statement,
    "checks": Check,
}


def yearly_trade_metric(pack: Pack, figures: Iterable[Figure]) -> str | None:
    """The trade metric with the most yearly figures (on a tie, the one ``pack.yaml`` lists
    first); None when no trade metric has a yearly figure."""
    counts = Counter(
        figure.metric
        for figure in figures
        if figure.period is not None
        and figure.period.precision == "year"
        and pack.metrics[figure.metric].topic == "trade"
    )
    return max((key for key in pack.metrics if counts[key]), key=counts.__getitem__, default=None)


def assumed_roles(pack: Pack, yearly_trade: str | None) -> list[str]:
    """One line per role ``pack`` leaves undeclared, and what the loader assumed
    (``yearly_trade``: the pack's :func:`yearly_trade_metric`)."""
    lines = []
    if pack.headline_trade is None:
        chosen = pack.trade_metric or yearly_trade
        lines.append(
            f"headline_trade: assumed {chosen!r}"
            if chosen
            else "headline_trade: none (no trade figures); Trade draws no pair series"
        )
    for key, metric in pack.metrics.items():
        if metric.measure is None:
            lines.append(
                f"metrics.{key}.measure: assumed {metric.role!r} from unit {metric.unit!r}"
            )
    return lines
