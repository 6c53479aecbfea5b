"""All of a pack's data as one ZIP: a CSV per table, the pack's own files, and a README.

``tables/<name>.csv`` holds every table as the app builds it (the same CSV
writer as every download, formula cells neutralised); ``pack/`` holds the
pack's YAML files and stored source texts exactly as curated; ``README.md``
says what the columns mean (units, date precisions, statuses), lists every
source with its address, and says how to cite Dyad and the original sources.
"""

from __future__ import annotations

import io
import typing
import zipfile
from pathlib import Path

import pandas as pd

from components.charts.base import pair_name
from components.exports import csv_bytes
from components.schema import Agreement, Check, Event, Figure
from components.tables import PackTables

# Every entry gets this time, so the same pack always gives the same bytes.
ZIP_TIME = (2000, 1, 1, 0, 0, 0)

STATUS_MEANINGS = {
    "reported": "a statistic as published",
    "estimate": "an estimate, not a final figure",
    "planned": "planned or contracted, not yet delivered",
    "target": "a stated goal",
    "claim": "a value an official stated, not a statistic",
}


def _choices(model: type, field: str) -> list[str]:
    annotation = model.model_fields[field].annotation
    return [arg for arg in typing.get_args(annotation) if isinstance(arg, str)]


def readme(tables: PackTables, files: list[str]) -> str:
    """The bundle's README: what is in it, what the columns mean, the sources, how to cite."""
    pack = tables.pack
    lines = [
        f"# {pack.title}: the data behind Dyad",
        "",
        f"{pair_name(tables)}. Sources considered to **{pack.as_of.label}** "
        f"(the pack's as-of date, {pack.as_of.start.isoformat()}).",
        "",
        " ".join(str(pack.summary).split()),
        "",
        "## Files",
        "",
        "- `tables/<name>.csv`: every table, one row per record, each with its `source`,",
        "  `source_citation`, `source_url` and the verbatim `quote` it came from. UTF-8 with a",
        "  byte-order mark; text cells a spreadsheet would run as a formula start with `'`.",
        "- `pack/`: the pack's YAML files and stored source texts, exactly as curated.",
        "",
        *[f"  - `{name}`" for name in files],
        "",
        "## Units",
        "",
        "Every figure carries its `unit`; `value_label` is the value as a reader writes it.",
        "",
        "| metric | label | unit | topic |",
        "| --- | --- | --- | --- |",
        *[
            f"| {m['metric']} | {m['label']} | {m['unit']} | {m['topic']} |"
            for _, m in tables.metrics.iterrows()
        ],
        "",
        "## Dates and their precision",
        "",
        "A date is known to the year, the month or the day. Each date column comes with",
        '`<column>_precision` (`year`, `month` or `day`) and `<column>_label` ("2025",',
        '"Sep 2025", "8 May 2025"). The date column itself is the first day the date covers:',
        "`2025-09-01` with precision `month` means some day in September 2025, not the 1st.",
        "",
        "## Statuses",
        "",
        *[f"- Figures, `{s}`: {STATUS_MEANINGS.get(s, s)}" for s in _choices(Figure, "status")],
        f"- Events: {', '.join(_choices(Event, 'status'))}",
        f"- Agreements: {', '.join(_choices(Agreement, 'status'))}",
        f"- Claims (checks), verdict: {', '.join(_choices(Check, 'verdict'))}; each check lists",
        "  the records it weighed in `evidence`.",
        "",
        "## Sources",
        "",
        *[_source_line(source) for _, source in tables.sources.iterrows()],
        "",
        "## How to cite",
        "",
        "Cite the original source of each number (its `source_citation` and `source_url`, and",
        "the quote), and Dyad for the selection and checks:",
        "",
        f"> Dyad, *{pack.title}* (pack `{pack.id}`), sources considered to {pack.as_of.label}.",
        "",
    ]
    return "\n".join(lines)


def _source_line(source: pd.Series) -> str:
    address = f" <{source['url']}>" if pd.notna(source["url"]) else ""
    text = f" Text: `pack/{source['text']}`." if pd.notna(source["text"]) else ""
    return (
        f"- **{source['citation']}**: {source['title']}. {source['publisher']}, "
        f"{source['date_label']} ({source['kind']}).{address}{text}"
    )


def data_bundle(tables: PackTables, pack_folder: Path) -> bytes:
    """The ZIP of a pack: CSV tables, the pack's files and the README."""
    pack_folder = Path(pack_folder)
    files = sorted(
        path.relative_to(pack_folder).as_posix()
        for path in pack_folder.rglob("*")
        if path.is_file() and not any(part.startswith(".") for part in path.parts)
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:

        def put(name: str, data: bytes) -> None:
            archive.writestr(
                zipfile.ZipInfo(f"{tables.id}/{name}", ZIP_TIME), data, zipfile.ZIP_DEFLATED
            )

        put("README.md", readme(tables, files).encode())
        for name in tables.TABLE_NAMES:
            put(f"tables/{name}.csv", csv_bytes(tables.table(name)))
        for name in files:
            put(f"pack/{name}", (pack_folder / name).read_bytes())
    return out.getvalue()
