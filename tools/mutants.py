"""Plant realistic bugs one at a time and report which ones the fast test layers miss.

Run by hand, never as part of the test command::

    .venv/bin/python -m tools.mutants             # every mutant
    .venv/bin/python -m tools.mutants --only timeline-status-ignored --only csv-drops-a-row
    .venv/bin/python -m tools.mutants --list

The working tree is copied to a temporary directory (without ``.git`` and
``.venv``) and each mutant is planted in that copy only, then restored, so
nobody else's files are ever touched. Each mutant is a file, an exact
snippet of it and its replacement; a snippet that is no longer in its file
(or is there twice) stops the run with "snippet not found" before anything
runs, rather than counting as a caught bug. Tests that already fail on the
unmutated copy are named and deselected, so they cannot "catch" every bug.

A mutant survives when the fast layers (``tests/unit`` and ``tests/app``,
``-m "not e2e"``) still pass with it planted. ``browser_only`` mutants are
ones only a real browser can see; they are run and reported all the same.
Exit status: 0 when no mutant survives (browser-only ones aside), 1 when
some survive, 2 when a snippet was not found or the copy does not run.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
FAST_LAYERS = ["tests/unit", "tests/app"]
# The test that each mutant's snippet stands once in its file fails on every planted copy:
# left in, it would "catch" every mutant.
PYTEST = [
    "-m",
    "pytest",
    "-q",
    "-m",
    "not e2e",
    "-p",
    "no:cacheprovider",
    "--ignore=tests/unit/test_mutants_list.py",
]
COPY_IGNORE = shutil.ignore_patterns(
    ".git", ".venv", "test-results", "__pycache__", ".pytest_cache", ".ruff_cache", "tmp*"
)


@dataclass(frozen=True)
class Mutant:
    """One realistic bug: in ``path``, ``original`` (exactly once) becomes ``replacement``."""

    name: str
    path: str
    original: str
    replacement: str
    browser_only: bool = False


MUTANTS = [
    # --- The 31 bugs of issue 9 -------------------------------------------------------------
    Mutant(
        "source-line-removed",
        "components/charts/base.py",
        'name="source-line",',
        'name="source-line", visible=False,',
    ),
    Mutant(
        "csv-formula-let-through",
        "components/exports.py",
        'if isinstance(value, str) and value.startswith(FORMULA_STARTS):\n        return "\'" + value',
        "if isinstance(value, str) and value.startswith(FORMULA_STARTS):\n        return value",
    ),
    Mutant(
        "csv-formula-let-through-in-text-columns",
        "components/exports.py",
        """return column.mask(formula, "'" + column)""",
        "return column",
    ),
    Mutant(
        "pack-text-not-escaped",
        "components/ui.py",
        'return _MARKDOWN_SPECIAL.sub(r"\\\\\\1", str(text)).replace("\\n", " ")',
        'return str(text).replace("\\n", " ")',
    ),
    Mutant(
        "missing-quote-accepted",
        "components/packs.py",
        "        if quote not in text:\n            matched",
        "        if False:\n            matched",
    ),
    Mutant(
        "check-command-exits-zero",
        "components/validate.py",
        "return 1 if found_problem else 0",
        "return 0",
    ),
    Mutant(
        "day-label-off-by-one",
        "components/schema.py",
        'return f"{self.start.day} {month} {self.start.year}"',
        'return f"{self.start.day + 1} {month} {self.start.year}"',
    ),
    Mutant(
        "csv-drops-a-row",
        "components/ui.py",
        "        _csv_of(rows),",
        "        _csv_of(rows.iloc[:-1]),",
    ),
    Mutant(
        "pack-query-ignored",
        "components/ui.py",
        'st.session_state["pack"] = wanted if wanted in ids else ids[0]',
        'st.session_state["pack"] = ids[0]',
    ),
    Mutant(
        "timeline-status-ignored",
        "components/timeline_filters.py",
        'shown = shown[shown["status"].isin(filters.statuses)]',
        "shown = shown",
    ),
    Mutant(
        "timeline-last-year-dropped",
        "components/timeline_filters.py",
        "end = pd.Timestamp(filters.years[1] + 1, 1, 1)",
        "end = pd.Timestamp(filters.years[1], 1, 1)",
    ),
    Mutant(
        "timeline-csv-ignores-filters",
        "pages/timeline.py",
        'ui.table_download(table, f"{tables.id}-events"',
        'ui.table_download(events, f"{tables.id}-events"',
    ),
    Mutant(
        "agreements-search-ignored",
        "components/agreements.py",
        "shown = shown[haystack.str.contains(search.strip(), case=False, regex=False)]",
        "shown = shown",
    ),
    Mutant(
        "agreements-kind-ignored",
        "components/agreements.py",
        'shown = shown[shown["kind"].isin(kinds)]',
        "shown = shown",
    ),
    Mutant(
        "agreements-status-ignored",
        "components/agreements.py",
        'shown = shown[shown["status"].isin(statuses)]',
        "shown = shown",
    ),
    Mutant(
        "claims-verdict-ignored",
        "pages/claims.py",
        'return checks[checks["verdict"].isin(verdicts)] if verdicts else checks',
        "return checks",
    ),
    Mutant(
        "data-view-five-rows",
        "components/ui.py",
        "dataframe(chart.rows, hide_index=True",
        "dataframe(chart.rows.head(), hide_index=True",
    ),
    Mutant(
        "source-links-not-links",
        "components/ui.py",
        'items = [link(c, u) for c, u in zip(shown["citation"], shown["url"], strict=True)]',
        'items = [md(c) for c, u in zip(shown["citation"], shown["url"], strict=True)]',
    ),
    Mutant(
        "source-links-wrong-address",
        "components/ui.py",
        'items = [link(c, u) for c, u in zip(shown["citation"], shown["url"], strict=True)]',
        'items = [link(c, shown["url"].dropna().iloc[0]) for c in shown["citation"]]',
    ),
    Mutant(
        "sources-page-other-records",
        "components/tables.py",
        'for _, row in table[table["source"] == source_id].iterrows()',
        'for _, row in table[table["source"] == tables.sources["id"].iloc[0]].iterrows()',
    ),
    Mutant(
        "energy-colours-swapped",
        "components/charts/energy.py",
        "strong = tables.pack.countries[0].color",
        "strong = tables.pack.countries[1].color",
    ),
    Mutant(
        "claims-chart-colours-swapped",
        "components/charts/trade.py",
        'marker={"size": 18, "symbol": marks["symbol"], "color": tables.pack.countries[0].color},',
        'marker={"size": 18, "symbol": marks["symbol"], "color": tables.pack.countries[1].color},',
    ),
    Mutant(
        "quote-first-twenty-characters",
        "components/packs.py",
        "        if quote not in text:\n            matched",
        "        if quote[:20] not in text:\n            matched",
    ),
    Mutant(
        "claims-page-unescaped",
        "pages/claims.py",
        "{cards.text(check['claim'])}",
        "{check['claim']}",
    ),
    Mutant(
        "overview-projects-metric-removed",
        "components/overview.py",
        'numbers = values([("projects", row["count"]), ("worth", row["amount_label"])])',
        'numbers = values([("worth", row["amount_label"])])',
    ),
    Mutant(
        "hover-without-quote",
        "components/charts/base.py",
        '    if pd.notna(row["quote"]):\n        parts.append("“" + wrapped(row["quote"]) + "”")\n    return "<br>".join(parts)',
        '    return "<br>".join(parts)',
    ),
    Mutant(
        "timeline-kind-ignored",
        "components/timeline_filters.py",
        'shown = shown[shown["kind"].isin(filters.kinds)]',
        "shown = shown",
    ),
    Mutant(
        "timeline-person-ignored",
        "components/timeline_filters.py",
        'shown = shown[shown["people"].map(lambda people: bool(wanted & set(people)))]',
        "shown = shown",
    ),
    Mutant(
        "trade-colours-swapped",
        "components/charts/trade.py",
        "strong = tables.pack.countries[0].color",
        "strong = tables.pack.countries[1].color",
    ),
    Mutant(
        "missing-data-directory-silent",
        "components/ui.py",
        "    if not directory.is_dir():\n        if say_why:\n            st.error(",
        "    if not directory.is_dir():\n        if False:\n            st.error(",
    ),
    Mutant(
        "edited-pack-not-picked-up",
        "components/ui.py",
        "result = _load_packs(str(directory), files_fingerprint(directory))",
        'result = _load_packs(str(directory), "")',
    ),
    Mutant(
        "next-planned-event-in-the-past",
        "components/overview.py",
        'ahead = events[(events["status"] == "planned") & (events["span_end"] > now)]',
        'ahead = events[(events["status"] == "planned")]',
    ),
    # --- More of our own ----------------------------------------------------------------------
    Mutant(
        "timeline-years-ignored",
        "components/timeline_filters.py",
        "    if filters.years:\n        start",
        "    if False:\n        start",
    ),
    Mutant(
        "sources-table-csv-drops-rows",
        "pages/sources.py",
        'ui.table_download(tables.table(name), f"{tables.id}-{name}"',
        'ui.table_download(tables.table(name).head(3), f"{tables.id}-{name}"',
    ),
    Mutant(
        "chart-csv-other-rows",
        "components/ui.py",
        "        table_download(\n            chart.rows,",
        "        table_download(\n            chart.rows.iloc[::-1],",
    ),
    Mutant(
        "sources-page-publisher-unescaped",
        "pages/sources.py",
        "{ui.md(source['publisher'])}",
        "{source['publisher']}",
    ),
    Mutant(
        "agreements-programme-unescaped",
        "pages/agreements.py",
        "<strong>{cards.text(first['title'])}</strong>",
        "<strong>{first['title']}</strong>",
    ),
    Mutant(
        "trade-statement-unescaped",
        "components/cards.py",
        "{text(row['said'])}</p>{theme}",
        "{row['said']}</p>{theme}",
    ),
    Mutant(
        "overview-event-unescaped",
        "components/overview.py",
        "heading = f\"<strong>Next planned:</strong> {text(row['title'])}\"",
        "heading = f\"<strong>Next planned:</strong> {row['title']}\"",
    ),
    Mutant(
        "overview-card-quote-unescaped",
        "components/cards.py",
        "parts.append(f\"<blockquote>{text(row['quote'])}</blockquote>\")",
        "parts.append(f\"<blockquote>{row['quote']}</blockquote>\")",
    ),
    Mutant(
        "overview-card-other-sources-hidden",
        "components/overview.py",
        'card_html(headline, other_values(tables, headline.row) if headline.kind == "figure" else "")',
        'card_html(headline, "")',
    ),
    Mutant(
        "link-address-unchecked",
        "components/cards.py",
        'return isinstance(url, str) and url.startswith(("http://", "https://"))',
        "return isinstance(url, str)",
    ),
    Mutant(
        "no-energy-crashes",
        "components/charts/energy.py",
        "    metric = delivered_metric(tables)\n    if metric is None:\n        return None\n",
        "    metric = delivered_metric(tables)\n",
    ),
    Mutant(
        "no-agreements-crashes",
        "components/charts/agreements.py",
        "    rows = tables.agreements\n    if rows.empty:\n        return None\n",
        "    rows = tables.agreements\n",
    ),
    Mutant(
        "no-events-crashes",
        "pages/timeline.py",
        'if events.empty:\n    st.info("This pack has no events.")',
        'if False:\n    st.info("This pack has no events.")',
    ),
    Mutant(
        "claims-evidence-record-dropped",
        "components/cards.py",
        "    for _, row in rows.iterrows():\n        said_when",
        "    for _, row in rows.iloc[:-1].iterrows():\n        said_when",
    ),
    Mutant(
        "claims-verdict-count-wrong",
        "pages/claims.py",
        '(f"{VERDICT_SYMBOLS[verdict]} {verdict}", int(count))',
        '(f"{VERDICT_SYMBOLS[verdict]} {verdict}", len(counts))',
    ),
    Mutant(
        "event-hover-without-source",
        "components/charts/timeline.py",
        '            ("Source: ", row["source_citation"]),\n',
        "",
    ),
    Mutant(
        "agreements-caption-counts-all",
        "pages/agreements.py",
        "st.caption(f\"{len(shown):,} of {ui.plural(len(agreements), 'agreement')}\")",
        "st.caption(f\"{len(agreements):,} of {ui.plural(len(agreements), 'agreement')}\")",
    ),
    Mutant(
        "views-forgotten-on-another-page",
        "components/ui.py",
        'KEPT = "session"',
        "KEPT = None",
    ),
    Mutant(
        "sources-choice-forgotten-on-another-page",
        "pages/sources.py",
        '    key="sources-chosen",\n    persist_state=ui.KEPT,',
        '    key="sources-chosen",',
    ),
    Mutant(
        "filters-not-in-the-address",
        "components/ui.py",
        'BOUND = "query-params"',
        "BOUND = None",
    ),
    Mutant(
        "sources-link-ignored",
        "pages/sources.py",
        'from_address = st.query_params.get("source")',
        "from_address = None",
    ),
    Mutant(
        "sources-linked-source-unlisted",
        "pages/sources.py",
        "    options = [kept, *options]",
        "    pass",
    ),
    Mutant(
        "sources-table-not-in-the-address",
        "pages/sources.py",
        "    persist_state=ui.KEPT,\n    bind=ui.BOUND,\n)",
        "    persist_state=ui.KEPT,\n)",
    ),
    Mutant(
        "nagle-left-on",
        "components/transport.py",
        "                    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)",
        "                    pass",
    ),
    Mutant(
        "pack-folder-as-data-taken-apart",
        "components/packs.py",
        "        for folder in packs_in(directory):",
        "        for folder in pack_folders(directory):",
    ),
    Mutant(
        "empty-data-directory-unnamed",
        "components/ui.py",
        "    if say_why and not result.packs and not result.problems:",
        "    if False:",
    ),
    Mutant(
        "few-people-in-a-dropdown",
        "components/ui.py",
        "    if len(options) > FEW_OPTIONS:",
        "    if True:",
    ),
    Mutant(
        "planned-headline-unmarked-on-its-slide",
        "components/deck.py",
        '    note = "" if row["status"] == "reported" else str(row["status"])',
        '    note = ""',
    ),
    Mutant(
        "other-source-rounded-into-the-figure",
        "components/overview.py",
        "        f\"{told_apart(r['value'], metric.unit, metric.money, figure['value'])} \"",
        "        f\"{r['value_label']} \"",
    ),
    Mutant(
        "claim-evidence-rounded",
        "components/charts/claims.py",
        '                "record": given_label(tables, row) if table == "figures" else record_summary(row),',
        '                "record": record_summary(row),',
    ),
    Mutant(
        "claim-chart-bars-rounded",
        "components/charts/claims.py",
        "    rows = rows.assign(value_label=[given_label(tables, figure) for _, figure in rows.iterrows()])",
        "    pass",
    ),
    Mutant(
        "any-folder-is-a-pack",
        "components/packs.py",
        "    return [child for child in _visible_folders(directory) if holds_pack_files(child)]",
        "    return _visible_folders(directory)",
    ),
    Mutant(
        "chart-slide-source-line-twice",
        "pages/briefing.py",
        "        if catalogue.get(slide_id) is None:\n            st.caption(",
        "        if True:\n            st.caption(",
    ),
    Mutant(
        "overview-documents-all-sources",
        "pages/overview.py",
        "    documents = headline_documents(tables)",
        "    documents = tables.sources",
    ),
    Mutant(
        "agreement-kinds-fixed-list",
        "components/charts/agreements.py",
        "    named = kinds_named(rows)\n",
        '    named = "agreements, declarations and programmes"\n',
    ),
    Mutant(
        "sector-tied-leads-alone",
        "components/charts/agreements.py",
        "    if len(leaders) == 1:",
        "    if len(leaders) >= 1:",
    ),
    Mutant(
        "event-kind-tied-leads-alone",
        "components/charts/timeline.py",
        "    if len(leaders) == len(counts):\n",
        "    if False:\n",
    ),
    Mutant(
        "trade-level-with-record-fell",
        "components/charts/trade.py",
        '    elif last["value"] == peak["value"]:',
        "    elif False:",
    ),
    Mutant(
        "trade-one-year-a-record",
        "components/charts/trade.py",
        "    if len(series) == 1:\n        return",
        "    if False:\n        return",
    ),
    Mutant(
        "gas-every-year-with-gaps",
        "components/charts/energy.py",
        '    return "rose every year" if (ordered["year"].diff().iloc[1:] == 1).all() else "rose"',
        '    return "rose every year"',
    ),
    Mutant(
        "planned-volume-tie-first-alone",
        "components/charts/energy.py",
        "    if len(names) == 1:",
        "    if len(names) >= 1:",
    ),
    Mutant(
        "sources-end-line-dropped",
        "components/charts/timeline.py",
        "    if today is None or sources_end <= today:",
        "    if False:",
    ),
    Mutant(
        "export-keeps-the-screens-wrap",
        "components/images.py",
        "    fit_text(figure, width or text_px, keep_right_px=len(note) * SOURCE_CHAR_PX + 24)",
        "    pass",
    ),
    Mutant(
        "wrap-drops-lines",
        "components/charts/base.py",
        "    return textwrap.wrap(text, min(most, int(width_px / char_px)))",
        "    return textwrap.wrap(text, min(most, int(width_px / char_px)), max_lines=2)",
    ),
    Mutant(
        "report-wrapped-for-a-card",
        "components/report.py",
        "height=680, text_px=SLIDE_FIGURE_PX",
        "height=680",
        browser_only=True,
    ),
    Mutant(
        "claim-subtitle-names-a-missing-bar",
        "components/charts/claims.py",
        """    own = " · hatched black: the claiming document's figure" if from_claim.any() else \"\"""",
        """    own = " · hatched black: the claiming document's figure\"""",
    ),
    Mutant(
        "narrow-window-padding-dropped",
        "components/ui.py",
        '    st.sidebar.caption(f"{SIDEBAR_NOTE}\\n\\n{APP_CSS}", unsafe_allow_html=True)',
        "    st.sidebar.caption(SIDEBAR_NOTE)",
        browser_only=True,
    ),
    Mutant(
        "claims-own-figure-not-on-top",
        "components/charts/claims.py",
        '        [rows[rows["source"] == check["source"]], rows[rows["source"] != check["source"]]]',
        "        [rows]",
    ),
    Mutant(
        "deck-text-at-a-fixed-size",
        "components/deck.py",
        "    if not DECK_FONT_FILE.exists():\n        return largest",
        "    if True:\n        return largest",
    ),
    Mutant(
        "half-screen-sidebar-kept-wide",
        "components/ui.py",
        "@media (min-width: 640px) and (max-width: 1023.98px) {",
        "@media (min-width: 640px) and (max-width: 639.98px) {",
        browser_only=True,
    ),
    Mutant(
        "over-time-labels-all-above",
        "components/charts/trade.py",
        '            textposition=[positions[i] or "top center" for i in points.index],',
        '            textposition="top center",',
        browser_only=True,
    ),
    Mutant(
        "crowded-labels-all-drawn",
        "components/charts/trade.py",
        '            text=[texts[i] if positions[i] else "" for i in points.index],',
        "            text=[texts[i] for i in points.index],",
    ),
    Mutant(
        "partners-labels-aslant",
        "components/charts/trade.py",
        "    if chars >= 8:",
        "    if True:\n        chars = max(chars, 1)",
        browser_only=True,
    ),
    Mutant(
        "over-time-label-below-the-axis",
        "components/charts/trade.py",
        "            if box[2] >= 0 and not any(_overlap(box, other) for other in placed)",
        "            if not any(_overlap(box, other) for other in placed)",
        browser_only=True,
    ),
    Mutant(
        "last-year-label-always-below",
        "components/charts/trade.py",
        "(10, 50 if below else -50)",
        "(10, 50)",
    ),
    Mutant(
        "trade-ticks-past-the-last-year",
        "components/charts/base.py",
        'return {"tickvals": list(years)} if len(years) <= YEAR_TICKS_AT_MOST else {}',
        'return {"dtick": 1} if len(years) <= YEAR_TICKS_AT_MOST else {}',
        browser_only=True,
    ),
    Mutant(
        "planned-volume-label-room-fixed",
        "components/charts/energy.py",
        "* label_room(rows) or 1.0,",
        "* 1.25 or 1.0,",
        browser_only=True,
    ),
    Mutant(
        "claims-without-a-chart-dropped",
        "pages/claims.py",
        "        ui.html(cards.cards_block([card for _, _, card in claims], rows=True))",
        "        pass",
    ),
]


def copy_of_the_tree(into: Path) -> Path:
    """The working tree as it is now (others' unsaved work included), without .git or .venv."""
    copy = into / "repo"
    shutil.copytree(REPO, copy, ignore=COPY_IGNORE, symlinks=True)
    return copy


def missing_snippets(copy: Path, mutants: list[Mutant]) -> list[str]:
    """One line per mutant whose snippet is not exactly once in its file."""
    problems = []
    for mutant in mutants:
        path = copy / mutant.path
        if not path.is_file():
            problems.append(f"{mutant.name}: snippet not found: {mutant.path} does not exist")
            continue
        count = path.read_text(encoding="utf-8").count(mutant.original)
        if count != 1:
            problems.append(
                f"{mutant.name}: snippet not found exactly once in {mutant.path} "
                f"(found {count} times): {mutant.original[:70]!r}"
            )
    return problems


def run_fast_layers(
    copy: Path, extra: list[str], timeout: float, tests: list[str] = FAST_LAYERS
) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, *PYTEST, *tests, *extra],
        cwd=copy,
        capture_output=True,
        text=True,
        timeout=timeout,
        env={**_environment(), "PYTHONDONTWRITEBYTECODE": "1"},
    )


def _environment() -> dict[str, str]:
    import os

    environment = dict(os.environ)
    environment.pop("DYAD_DATA", None)
    return environment


def baseline_failures(copy: Path, timeout: float, tests: list[str]) -> list[str]:
    """Node ids of tests that fail with no mutant planted."""
    result = run_fast_layers(copy, ["-rf"], timeout, tests)
    failed = [line.split()[1] for line in result.stdout.splitlines() if line.startswith("FAILED ")]
    if result.returncode not in (0, 1) or (result.returncode == 1 and not failed):
        sys.exit(f"the unmutated copy does not run:\n{result.stdout[-3000:]}\n{result.stderr}")
    return failed


def first_failure(output: str) -> str:
    for line in output.splitlines():
        if line.startswith(("FAILED ", "ERROR ")):
            return line.split(" - ")[0].split(" ", 1)[1]
    return "(no test named)"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--only", action="append", help="run only the mutant of this name")
    parser.add_argument("--list", action="store_true", help="list the mutants and exit")
    parser.add_argument("--timeout", type=float, default=600, help="seconds per test run")
    parser.add_argument(
        "--tests",
        action="append",
        help="run only these test paths (default: tests/unit and tests/app); "
        "for trying one new test against its mutant quickly",
    )
    args = parser.parse_args(argv)

    mutants = [m for m in MUTANTS if not args.only or m.name in args.only]
    if args.list:
        for mutant in mutants:
            print(
                f"{mutant.name:40} {mutant.path}{'  (browser only)' if mutant.browser_only else ''}"
            )
        return 0
    unknown = set(args.only or ()) - {m.name for m in MUTANTS}
    if unknown:
        print(f"no mutant named {', '.join(sorted(unknown))}", file=sys.stderr)
        return 2

    with tempfile.TemporaryDirectory(prefix="dyad-mutants-") as temporary:
        copy = copy_of_the_tree(Path(temporary))
        problems = missing_snippets(copy, mutants)
        if problems:
            print("\n".join(problems), file=sys.stderr)
            return 2
        tests = args.tests or FAST_LAYERS
        already_failing = baseline_failures(copy, args.timeout, tests)
        deselect = [f"--deselect={node}" for node in already_failing]
        if already_failing:
            print(f"failing before any mutant (deselected): {', '.join(already_failing)}")

        survivors: list[Mutant] = []
        for mutant in mutants:
            path = copy / mutant.path
            original = path.read_text(encoding="utf-8")
            started = time.monotonic()
            try:
                path.write_text(
                    original.replace(mutant.original, mutant.replacement, 1), encoding="utf-8"
                )
                result = run_fast_layers(copy, ["-x", *deselect], args.timeout, tests)
            finally:
                path.write_text(original, encoding="utf-8")
            seconds = time.monotonic() - started
            if result.returncode == 0:
                survivors.append(mutant)
                verdict = "SURVIVED"
            else:
                verdict = f"caught by {first_failure(result.stdout)}"
            note = " (browser only)" if mutant.browser_only else ""
            print(f"{mutant.name:40} {seconds:5.1f}s  {verdict}{note}", flush=True)

    print(
        f"\n{len(survivors)} of {len(mutants)} mutants survive the fast layers"
        + (f": {', '.join(m.name for m in survivors)}" if survivors else "")
    )
    return 1 if any(not m.browser_only for m in survivors) else 0


if __name__ == "__main__":
    sys.exit(main())
