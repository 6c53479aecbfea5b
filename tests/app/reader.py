"""What a reader sees of a page under AppTest: its text, its charts, its tables and downloads.

Helpers only read the element tree AppTest gives back; nothing here calls the
app's own loaders, exporters or chart builders, so expectations stay outside
the code under test.
"""

from __future__ import annotations

import csv
import dataclasses
import html
import io
import json
import re
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import ClassVar
from urllib.parse import parse_qsl

import pytest
from streamlit.runtime.memory_media_file_storage import MemoryMediaFileStorage
from streamlit.testing.v1 import AppTest
from streamlit.testing.v1 import app_test as app_test_module

from components.registry import page_spec
from tests.conftest import FIXTURES, REPO

TIMEOUT = 60
READER_DATA = FIXTURES / "packs-reader"
PAGE_SCRIPTS = {
    "Overview": "pages/overview.py",
    "Trade": "pages/trade.py",
    "Energy": "pages/energy.py",
    "Agreements": "pages/agreements.py",
    "Timeline": "pages/timeline.py",
    "Claims": "pages/claims.py",
    "Sources": "pages/sources.py",
}


class _RecordingStorage(MemoryMediaFileStorage):
    """AppTest's in-memory media storage, kept after the run so downloads can be read.

    AppTest makes a new storage for every run and drops it when the run ends;
    a download button only keeps the file's address.
    """

    live: ClassVar[list[MemoryMediaFileStorage]] = []

    def __init__(self, media_endpoint: str) -> None:
        super().__init__(media_endpoint)
        _RecordingStorage.live.append(self)


# Installed when this module is imported, so module-scoped fixtures' runs are recorded too.
app_test_module.MemoryMediaFileStorage = _RecordingStorage


@pytest.fixture(autouse=True)
def _downloads_kept():
    """Kept for the imports of test modules; the storage is patched at import."""
    yield


def open_page(
    title: str, data_dir: Path | str | None = READER_DATA, monkeypatch=None, query: str = ""
) -> AppTest:
    """Run the app on the page titled ``title``, as a reader's link to it opens it (with the
    address's ``query``, ``a=1&a=2&b=3``, when given); ``data_dir`` becomes $DYAD_DATA."""
    if monkeypatch is not None:
        if data_dir is None:
            monkeypatch.delenv("DYAD_DATA", raising=False)
        else:
            monkeypatch.setenv("DYAD_DATA", str(data_dir))
    app = AppTest.from_file(str(REPO / "app.py"), default_timeout=TIMEOUT)
    for key, value in parse_qsl(query.lstrip("?")):
        app.query_params.setdefault(key, []).append(value)
    if title != "Overview":
        app.switch_page(page_spec(title).script)
    app.run()
    assert not app.exception, [e.value for e in app.exception]
    return app


def visit_another_page_and_come_back(app: AppTest, title: str) -> None:
    """Trade, then ``title`` again, through the page list as a reader clicks: a page link
    opens a page without the address's query (seen in Chromium by the e2e tests), so a
    view can come back only from what the session kept."""
    for script in (PAGE_SCRIPTS["Trade"], PAGE_SCRIPTS[title]):
        app.query_params.clear()
        app.switch_page(script).run()
        assert not app.exception, [e.value for e in app.exception]


def open_all(app: AppTest, prefix: str) -> AppTest:
    """Open every expander, popover and tab whose key starts with ``prefix`` and rerun, as a
    reader's clicks would: the app draws what such a container holds only once it is open."""
    keys = _openable_keys(app, prefix)
    assert keys, f"nothing to open whose key starts with {prefix!r}"
    return _open(app, keys)


def _openable_keys(app: AppTest, prefix: str) -> list[str]:
    """The keys of the page's expanders and popovers that start with ``prefix``."""
    ids = [block.proto.id for block in app.get("expander")]
    ids += [block.proto.popover.id for block in app.get("popover")]
    keys = [element_id.split("-", 2)[2] for element_id in ids if element_id.count("-") >= 2]
    return [key for key in keys if key.startswith(prefix)]


def _open(app: AppTest, keys: list[str]) -> AppTest:
    for key in keys:
        app.session_state[key] = True
    app.run()
    assert not app.exception, [e.value for e in app.exception]
    return app


def download_bytes(app: AppTest, key: str) -> bytes:
    """The bytes the download button with ``key`` serves."""
    button = app.get("download_button")
    matches = [b for b in button if b.proto.id.endswith(f"-{key}")]
    assert len(matches) == 1, f"{len(matches)} download buttons with key {key!r}"
    file_id = Path(matches[0].proto.url).stem
    for storage in reversed(_RecordingStorage.live):
        try:
            return storage.get_file(file_id).content
        except Exception:
            continue
    raise AssertionError(f"no stored file for download {key!r} ({matches[0].proto.url})")


def download_name(app: AppTest, key: str) -> str:
    """The file name the download button with ``key`` offers."""
    [button] = [b for b in app.get("download_button") if b.proto.id.endswith(f"-{key}")]
    return _file_name(button.proto)


def _file_name(proto) -> str:
    for field in ("file_name", "filename"):
        if hasattr(proto, field) and getattr(proto, field):
            return getattr(proto, field)
    url = proto.url
    return Path(url).name


def csv_rows(data: bytes) -> list[dict[str, str]]:
    """A downloaded CSV as rows of text, read with the standard library."""
    assert data.startswith(b"\xef\xbb\xbf"), "CSV without a byte-order mark"
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))


def chart_csv_rows(app: AppTest, key: str) -> list[dict[str, str]] | None:
    """The CSV of the chart card whose chart key is ``key`` (or starts with it), fetched as a
    reader does: its closed "Data, CSV and images" expander opened, then CSV. None when the
    page draws no such card."""
    [data] = _openable_keys(app, f"data-{key}") or [None]
    if data is None:
        return None
    _open(app, [data])
    return csv_rows(download_bytes(app, "csv-" + data.removeprefix("data-")))


def download_keys(app: AppTest) -> list[str]:
    """The keys of every download button on the page (the part after Streamlit's id prefix)."""
    return [re.sub(r"^\$\$ID-[0-9a-f]+-", "", b.proto.id) for b in app.get("download_button")]


def charts(app: AppTest) -> dict[str, dict]:
    """Every plotly chart's figure spec, by the chart key (``plot-<key>`` without ``plot-``)."""
    found = {}
    for chart in app.get("plotly_chart"):
        key = re.sub(r"^\$\$ID-[0-9a-f]+-", "", chart.proto.id).removeprefix("plot-")
        found[key] = json.loads(chart.proto.spec)
    return found


def _container(app: AppTest, key: str):
    for block in _blocks(app._tree):
        if getattr(block, "key", None) == key:
            return block
    return None


def _blocks(node):
    yield node
    for child in getattr(node, "children", {}).values():
        yield from _blocks(child)


def container(app: AppTest, key: str):
    """The container made with ``key=`` (``st.container(key=...)``)."""
    found = _container(app, key)
    assert found is not None, f"no container with key {key!r}"
    return found


def texts(node, kinds=("markdown", "caption", "metric", "info", "title", "subheader")) -> str:
    """The text of every element of these kinds under ``node``, one per line."""
    parts = []
    for kind in kinds:
        for element in node.get(kind):
            parts.append(str(element.value))
            if kind == "metric":
                parts.append(str(element.label))
    return "\n".join(parts)


def dataframes(node) -> list:
    """The pandas frames of every ``st.dataframe`` under ``node``."""
    return [element.value for element in node.get("dataframe")]


def plain_text(markup: str) -> str:
    """Plotly label markup read as words: tags dropped, entities undone."""
    return html.unescape(re.sub(r"<[^>]+>", " ", markup))


def page_table(node, first_columns: list[str]):
    """The last ``st.dataframe`` under ``node`` whose columns start with ``first_columns``.

    A page's own table comes after its charts' Data views (Streamlit gives a
    dataframe without selection no key in its proto, so it is found by its columns).
    """
    found = [
        e.value
        for e in node.get("dataframe")
        if list(e.value.columns)[: len(first_columns)] == first_columns
    ]
    assert found, f"no dataframe with columns {first_columns}"
    return found[-1]


@dataclass
class Card:
    """One card of HTML as a reader reads it: an Overview headline card, a Trade statement,
    an Agreements programme, a claim (``components.cards``, from the HTML the page sends)."""

    record: str
    kind: str
    lines: list[str] = dataclasses.field(default_factory=list)  # what shows, the Source closed
    values: dict[str, str] = dataclasses.field(
        default_factory=dict
    )  # number under its label ("" alone)
    source: list[str] = dataclasses.field(default_factory=list)  # what its opened Source shows
    quotes: list[str] = dataclasses.field(default_factory=list)  # every quote, in order
    links: list[str] = dataclasses.field(default_factory=list)  # the addresses its Source links to
    evidence: list[str] = dataclasses.field(default_factory=list)  # a claim's evidence, by id

    @property
    def text(self) -> str:
        return "\n".join(self.lines)

    @property
    def quote(self) -> str:
        """The card's own quote: its first (a claim's evidence lists more)."""
        return self.quotes[0] if self.quotes else ""


class _CardReader(HTMLParser):
    """Reads ``div.dyad-card`` blocks: their text, numbers, Source and links, as drawn."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.cards: list[Card] = []
        self._stack: list[tuple[str, str]] = []  # (tag, class) of the open elements
        self._label = ""
        self._line: list[str] = []

    def _inside(self, css_class: str = "", tag: str = "") -> bool:
        return any(
            (not css_class or css_class in c.split()) and (not tag or t == tag)
            for t, c in self._stack
        )

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        css_class = attributes.get("class") or ""
        if "dyad-card" in css_class.split():
            self.cards.append(Card(attributes["data-record"], attributes["data-kind"]))
        if tag == "a" and self.cards:
            self.cards[-1].links.append(attributes.get("href", ""))
        if tag == "blockquote" and self.cards:
            self.cards[-1].quotes.append("")
        if tag == "li" and self.cards and "data-record" in attributes:
            self.cards[-1].evidence.append(attributes["data-record"])
        if tag == "br":
            self._line.append(" ")
        else:
            self._stack.append((tag, css_class))

    def handle_endtag(self, tag):
        while self._stack:
            open_tag, _ = self._stack[-1]
            if tag in {"p", "blockquote", "summary"} and open_tag == tag:
                self._flush()  # while the element is still open: a quote's line is a quote
            self._stack.pop()
            if open_tag == tag:
                self._line.append(" " if tag == "span" else "")
                break

    def _flush(self) -> None:
        line = " ".join("".join(self._line).split())
        self._line = []
        if not line or not self.cards:
            return
        card = self.cards[-1]
        if self._inside(tag="details"):
            card.source.append(line)
        elif not self._inside(tag="blockquote"):  # a quote shown outright: in ``quote`` only
            card.lines.append(line)

    def handle_data(self, data):
        if not self.cards or not self._inside("dyad-card") or self._inside(tag="style"):
            return
        card = self.cards[-1]
        text = " ".join(data.split())
        if self._inside("dyad-card-label"):
            self._label = text
        elif self._inside("dyad-card-value"):
            card.values[self._label] = text
            self._label = ""
        if self._inside(tag="blockquote"):
            card.quotes[-1] += data
        self._line.append(data)


def cards_shown(app: AppTest) -> dict[str, Card]:
    """The page's cards of HTML (the Overview's headline cards, Trade's statements,
    Agreements' programmes), by record id, read from the HTML the page sends."""
    reader = _CardReader()
    for block in app.get("html"):
        if "dyad-card" in block.proto.body:
            reader.feed(block.proto.body)
    return {card.record: card for card in reader.cards}


def claim_cards(app: AppTest) -> dict[str, Card]:
    """The Claims page's cards, by check id, in the page's order: a charted claim's in its
    box, the others' drawn together."""
    return {record: card for record, card in cards_shown(app).items() if card.kind == "claim"}


def card_values(app: AppTest) -> list[str]:
    """Every number on the Overview's headline cards, as shown."""
    return [value for card in cards_shown(app).values() for value in card.values.values()]


def numbers_shown(app: AppTest, css_class: str) -> dict[str, str]:
    """The numbers under their labels (``components.cards.values``) in the page's blocks of
    HTML whose outer element has ``css_class``, such as Claims' count of each verdict."""
    found = {}
    for block in app.get("html"):
        if f'class="{css_class}"' in block.proto.body:
            for label, value in re.findall(
                r'<span class="dyad-card-label">(.*?)</span><span class="dyad-card-value">(.*?)</span>',
                block.proto.body,
            ):
                found[html.unescape(label)] = html.unescape(value)
    return found
