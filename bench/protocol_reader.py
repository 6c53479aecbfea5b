"""A reader that speaks Streamlit's own websocket protocol: cheap enough to run 25 at once.

It does what the browser does on ``/_stcore/stream`` (subprotocol
``streamlit``): sends a ``BackMsg`` ``rerun_script`` with a ``ClientState``
(page script hash, query string, widget states and the hashes of the
messages it has cached, so the server sends references to those, as it does
to a browser) and reads ``ForwardMsg``s until ``script_finished``. It keeps the
elements of the last run, so it can find a widget to change or a download
button to fetch. It never draws anything: its page time is the server's.
"""

from __future__ import annotations

import asyncio
import itertools
import time
import urllib.request
from dataclasses import dataclass, field

import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.Block_pb2 import Block
from streamlit.proto.Element_pb2 import Element
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState

RUN_TIMEOUT_S = 120.0
_request_ids = itertools.count()


class ReaderError(RuntimeError):
    """What a reader saw go wrong: an exception on the page, a failed download, a timeout."""


@dataclass
class Page:
    """A page of the app as the navigation message names it."""

    script_hash: str
    name: str
    url_path: str


@dataclass
class ProtocolReader:
    """One websocket session on the app at ``base_url`` (``http://127.0.0.1:PORT``)."""

    base_url: str
    pages: list[Page] = field(default_factory=list)
    elements: list[Element] = field(default_factory=list)
    # The deltas (elements and blocks) the last run sent, each cached one as the message it
    # refers to: each is one message, which the server handles and sends on its own.
    messages: list[ForwardMsg] = field(default_factory=list)
    expanders: list[Block.Expandable] = field(default_factory=list)
    page_hash: str = ""
    session_id: str = ""
    query_string: str = ""
    _socket: websockets.ClientConnection | None = None
    _cache: dict[str, ForwardMsg] = field(default_factory=dict)

    async def connect(self) -> float:
        """Open the session and run the first page, as a new visitor; return seconds."""
        url = self.base_url.replace("http://", "ws://") + "/_stcore/stream"
        self._socket = await websockets.connect(
            url, subprotocols=["streamlit"], max_size=None, open_timeout=RUN_TIMEOUT_S
        )
        return await self.rerun()

    async def close(self) -> None:
        if self._socket is not None:
            await self._socket.close()

    async def rerun(
        self, page: Page | None = None, widget_states: list[WidgetState] | None = None
    ) -> float:
        """Ask for a run (of ``page``, or the page in view), wait for it to finish; seconds."""
        message = BackMsg()
        state = message.rerun_script
        state.query_string = "" if page is not None else self.query_string
        state.page_script_hash = page.script_hash if page is not None else self.page_hash
        state.cached_message_hashes.extend(self._cache)
        if widget_states:
            state.widget_states.widgets.extend(widget_states)
        started = time.perf_counter()
        await self._socket.send(message.SerializeToString())
        await asyncio.wait_for(self._read_run(), RUN_TIMEOUT_S)
        return time.perf_counter() - started

    async def _read_run(self) -> None:
        elements: list[Element] = []
        expanders: list[Block.Expandable] = []
        messages: list[ForwardMsg] = []
        started = False
        while True:
            message = ForwardMsg.FromString(await self._socket.recv())
            if message.WhichOneof("type") == "ref_hash":
                cached = self._cache.get(message.ref_hash)
                if cached is None:
                    raise ReaderError(f"the server referred to a message never sent: {message}")
                # The message referred to, where the reference puts it (its own delta path).
                resolved = ForwardMsg()
                resolved.CopyFrom(cached)
                resolved.metadata.CopyFrom(message.metadata)
                message = resolved
            elif message.metadata.cacheable:
                self._cache[message.hash] = message
            kind = message.WhichOneof("type")
            if kind == "delta":
                messages.append(message)
            if kind == "new_session":
                started = True
                self.page_hash = message.new_session.page_script_hash
                self.session_id = message.new_session.initialize.session_id or self.session_id
            elif kind == "navigation":
                self.pages = [
                    Page(page.page_script_hash, page.page_name, page.url_pathname)
                    for page in message.navigation.app_pages
                ]
                self.page_hash = message.navigation.page_script_hash or self.page_hash
            elif kind == "page_info_changed":
                self.query_string = message.page_info_changed.query_string
            elif kind == "delta" and message.delta.WhichOneof("type") == "new_element":
                element = message.delta.new_element
                if element.WhichOneof("type") == "exception":
                    raise ReaderError(
                        f"exception on the page: {element.exception.type}: "
                        f"{element.exception.message}"
                    )
                elements.append(element)
            elif kind == "delta" and message.delta.WhichOneof("type") == "add_block":
                block = message.delta.add_block
                if block.WhichOneof("type") == "expandable" and block.expandable.id:
                    expanders.append(block.expandable)
            elif kind == "page_not_found":
                raise ReaderError(f"page not found: {message.page_not_found.page_name}")
            elif (
                kind == "script_finished"
                and started
                and message.script_finished != ForwardMsg.FINISHED_EARLY_FOR_RERUN
            ):
                if message.script_finished == ForwardMsg.FINISHED_WITH_COMPILE_ERROR:
                    raise ReaderError("the page did not compile")
                self.elements = elements
                self.expanders = expanders
                self.messages = messages
                return

    def of_type(self, kind: str) -> list:
        """The last run's elements of one type (``multiselect``, ``download_button``...)."""
        return [getattr(e, kind) for e in self.elements if e.WhichOneof("type") == kind]

    async def choose(self, label: str, option_index: int = 0) -> float:
        """Choose one option of the multiselect or pills labelled ``label``; seconds of the
        rerun."""
        found = [
            widget
            for widget in self.of_type("multiselect") + self.of_type("button_group")
            if widget.label == label
        ]
        if not found:
            raise ReaderError(f"no multiselect or pills {label!r} on the page")
        widget = found[0]
        options = [getattr(option, "content", option) for option in widget.options]
        state = WidgetState(id=widget.id)
        state.string_array_value.data.append(options[option_index % len(options)])
        return await self.rerun(widget_states=[state])

    async def open_expander(self, label_start: str) -> float | None:
        """Open the page's first closed expander whose label starts with ``label_start``, as a
        click on it does (its state goes to the server, which draws what it holds); seconds of
        the rerun, or None when the page has no such expander."""
        found = [e for e in self.expanders if e.label.startswith(label_start) and not e.expanded]
        if not found:
            return None
        state = WidgetState(id=found[0].id, bool_value=True)
        return await self.rerun(widget_states=[state])

    async def download(self, label: str) -> int | None:
        """Fetch the page's first download button labelled ``label`` (``CSV``, ``PNG``); bytes.

        None when the page has no such download.
        """
        url = await self.file_url(label)
        if url is None:
            return None
        return len(await self.fetch(url))

    async def file_url(self, label: str) -> str | None:
        """The address of the file behind the page's first download labelled ``label``, as a
        click asks for it: a file made when clicked (a deferred download) is made now. None
        when the page has no such download."""
        buttons = [b for b in self.of_type("download_button") if b.label == label]
        if not buttons:
            return None
        button = buttons[0]
        url = button.url
        if button.HasField("deferred_file_id") and button.deferred_file_id:
            url = await self._deferred_url(button.deferred_file_id)
        return url if url.startswith("http") else self.base_url + url

    async def fetch(self, url: str) -> bytes:
        """The file at ``url`` (on loopback only), as the browser fetches a download."""
        body = await asyncio.to_thread(_fetch, url)
        if not body:
            raise ReaderError(f"empty download {url}")
        return body

    async def _deferred_url(self, file_id: str) -> str:
        message = BackMsg()
        request = message.backend_operation_request
        request.request_id = f"loadtest-{next(_request_ids)}"
        request.session_id = self.session_id
        request.deferred_file.file_id = file_id
        await self._socket.send(message.SerializeToString())
        while True:
            answer = ForwardMsg.FromString(
                await asyncio.wait_for(self._socket.recv(), RUN_TIMEOUT_S)
            )
            if answer.WhichOneof("type") != "backend_operation_response":
                continue
            response = answer.backend_operation_response
            if response.request_id != request.request_id:
                continue
            if response.error_msg:
                raise ReaderError(f"deferred download failed: {response.error_msg}")
            return response.deferred_file.url


def _fetch(url: str) -> bytes:
    if not url.startswith("http://127.0.0.1:"):
        raise ReaderError(f"refusing a download off loopback: {url}")
    with urllib.request.urlopen(url, timeout=RUN_TIMEOUT_S) as answer:
        return answer.read()
