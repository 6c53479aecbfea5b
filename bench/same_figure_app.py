"""The same-figure floor: pages that draw exactly the figures Dyad's pages draw, nothing else;
and its padded and replayed forms (below).

``bench.page_times`` reads the figures back from the app (``bench.figure_specs``)
into a JSON file and starts this app with ``$DYAD_FLOOR_FIGURES`` pointing at
it. Each page has the app page's title and URL path and draws its figures with
the same toolbar config and text alternative; the figures are built once per
server (precomputed), so a rerun costs only what Streamlit itself needs to send
and draw them. Whatever a Dyad page costs beyond this is the page's own work.

A page's ``padding`` (``--padded-floor`` of ``bench.page_times`` and
``bench.loadtest``; 0 otherwise) is how many other elements and blocks the
app's page sends beside its charts: the padded floor draws as many one-character
captions above its figures, so it sends as many messages as the app's page.
Streamlit handles and sends each message on its own; what the app costs beyond
the padded floor is its own work, not the number of things it shows.

A page's ``replay`` (``--replayed-floor``) is the app page's own messages, its
elements and blocks as a reader coming back to it gets them (charts, tables,
widgets and all, recorded by ``bench.page_times.recorded_messages``): the replayed
floor sends those, each through the run's context as an element's would go
(hashed, and sent as a reference where the browser holds it), and computes
nothing; a session's first run sends the app's first run's (``first_replay``:
some elements are sent once a session, such as the script that fetches the
code of every page's elements). The browser draws the very page the app's
draws; what the app costs beyond it is its own work (the pack, the page's
logic, Streamlit's calls that make the elements). Its widgets are drawn, not
registered: changing one reruns the page, which sends the same messages again.
"""

import base64
import json
import os
import sys
from pathlib import Path

import plotly.io as pio
import streamlit as st
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.runtime.scriptrunner_utils.script_run_context import enqueue_message

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from components.transport import no_delay


@st.cache_resource(show_spinner=False)
def same_transport() -> int:
    """The app's transport (no TCP delay, ``components.transport``), set once a server: the
    floor differs from Dyad in the pages' own work only."""
    return no_delay()


# No spinner: the server's first run would draw one the app's first run does not send.
@st.cache_resource(show_spinner=False)
def floor_pages(path: str) -> list[dict]:
    pages = json.loads(Path(path).read_text(encoding="utf-8"))
    for page in pages:
        for chart in page["charts"]:
            chart["figure"] = pio.from_json(chart["spec"], skip_invalid=True)
            chart["config"] = json.loads(chart["config"])
        for replay in ("replay", "first_replay"):
            page[replay] = [
                ForwardMsg.FromString(base64.b64decode(message)) for message in page.get(replay, [])
            ]
    return pages


def replayed(message: ForwardMsg) -> ForwardMsg:
    """A copy of a recorded message to send in this run: its hash made again, as the app's
    server makes each element's, and marked cacheable (or not) by it."""
    fresh = ForwardMsg()
    fresh.CopyFrom(message)
    fresh.ClearField("hash")
    fresh.metadata.cacheable = False
    return fresh


def page_body(
    charts: list[dict],
    padding: int = 0,
    replay: list[ForwardMsg] = (),
    first_replay: list[ForwardMsg] = (),
):
    def draw() -> None:
        if replay:
            # A session's first run sends what the app's first run sends (once a session too).
            first = first_replay and st.session_state["floor-runs"] == 1
            for message in first_replay if first else replay:
                enqueue_message(replayed(message))
            return
        for _ in range(padding):
            st.caption("·")
        for number, chart in enumerate(charts):
            st.plotly_chart(
                chart["figure"],
                key=f"floor-{number}",
                theme=None,
                config=chart["config"],
                alt=chart["alt"] or None,
            )

    return draw


same_transport()
pages = floor_pages(os.environ["DYAD_FLOOR_FIGURES"])
st.session_state["floor-runs"] = st.session_state.get("floor-runs", 0) + 1
st.set_page_config(page_title="Floor", layout="wide")
current = st.navigation(
    [
        st.Page(
            page_body(page["charts"], page.get("padding", 0), page["replay"], page["first_replay"]),
            title=page["title"],
            icon=page["icon"],
            url_path=page["url_path"],
            default=index == 0,
        )
        for index, page in enumerate(pages)
    ]
)
current.run()
