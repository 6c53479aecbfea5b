"""Briefing: pick and order slides from the pack's catalogue, present them, take them away.

The selection and the slide in view live in the URL (``?charts=a,b&slide=2``),
so a presenter can reopen or share the exact deck. With ``slide`` the page
presents: one slide per screen, large type, no sidebar, toolbar or expanders,
Previous and Next (arrow keys, and Page Up and Page Down as a clicker sends them) and the
source line on every slide.
"""

import streamlit as st

from components import bundle, cards, deck, images, report, ui
from components.catalogue import CLAIMS, HEADLINES, STATEMENTS, default_deck
from components.overview import other_values
from components.packs import default_data_dir, pack_folder

# The app's own CSS for presenting: Streamlit's chrome hidden, type for a projector.
PRESENT_CSS = """<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"],
[data-testid="stHeader"], [data-testid="stToolbar"], [data-testid="stDecoration"] {
  display: none !important;
}
[data-testid="stMainBlockContainer"] { padding: 1.5rem 3rem 1rem !important; max-width: 100%; }
.st-key-slide [data-testid="stFullScreenFrame"]:has([data-testid="stPlotlyChart"]),
.st-key-slide [data-testid="stPlotlyChart"] { height: calc(100vh - 7.75rem) !important; }
.st-key-slide-clicker { display: none !important; }
[data-testid="stMain"] [data-testid="stMarkdownContainer"] p { font-size: 1.6rem; }
[data-testid="stMain"] [data-testid="stCaptionContainer"] p { font-size: 1.25rem; }
</style>"""

# 1. Get data: the pack, its catalogue, and the deck the URL asks for
tables = ui.current_pack()
catalogue = ui.catalogue(tables)
as_of = tables.pack.as_of.label
from_url = catalogue.known(st.query_params.get("charts", "").split(","))
if "briefing-slides" not in st.session_state:
    st.session_state["briefing-slides"] = from_url or default_deck(catalogue)
slides = catalogue.known(st.session_state["briefing-slides"])
st.session_state["briefing-slides"] = slides
ui.set_query(["charts"], {"charts": ",".join(slides)})


def go_to(number: int | None) -> None:
    """Show slide ``number`` (from 1), or go back to choosing slides with None."""
    if number is None:
        st.query_params.pop("slide", None)
    else:
        st.query_params["slide"] = str(number)


def move(index: int, step: int) -> None:
    """Move the chosen slide at ``index`` one place up (-1) or down (+1)."""
    chosen = list(st.session_state["briefing-slides"])
    other = index + step
    if 0 <= other < len(chosen):
        chosen[index], chosen[other] = chosen[other], chosen[index]
        st.session_state["briefing-slides"] = chosen


def slide_label(slide_id: str) -> str:
    entry = catalogue.get(slide_id)
    return f"{entry.page if entry else 'Text'} · {catalogue.slide_title(slide_id)}"


def headline_numbers(tables) -> str:
    """The headline slide's numbers as the deck words them (``deck.headline_parts``), each
    with what other sources give for it, as its Overview card says (``cards``)."""
    figures = ui.catalogue(tables).slide_rows(HEADLINES)
    return cards.slide_numbers(
        [(*deck.headline_parts(f), other_values(tables, f)) for _, f in figures.iterrows()]
    )


def claims_slide(tables) -> str:
    """The claims slide: each claim after its verdict, as the deck words it
    (``deck.claim_parts``), and a count of each verdict."""
    return cards.slide_claims([deck.claim_parts(check) for _, check in tables.checks.iterrows()])


def statements_slide(tables) -> str:
    """What was said, each statement after who said it, as the deck words it
    (``deck.statement_lines``), and how many the slide leaves out."""
    shown = ui.catalogue(tables)
    return cards.slide_statements(deck.statement_lines(shown), deck.statements_more(shown))


def present(number: int) -> None:
    """One slide on the whole screen: its chart or text, its source line, the controls."""
    st.html(PRESENT_CSS)
    slide_id = slides[number - 1]
    with st.container(key="slide"):
        if slide_id == HEADLINES:
            st.markdown(f"## Headline numbers, as the documents give them · {ui.md(as_of)}")
            # HTML, not st.metric: a metric cuts a long label off ("Russian gas supplied
            # to China, as s…") and the presenting type made its number no larger than it.
            ui.html(ui.computed(headline_numbers, tables))
        elif slide_id == CLAIMS:
            st.markdown("## Claims and their verdicts")
            # One block of HTML, two columns past a few claims: a dozen, one a paragraph, ran
            # past the bottom of a projector's screen, their source line with them.
            ui.html(ui.computed(claims_slide, tables))
        elif slide_id == STATEMENTS:
            st.markdown(f"## {ui.md(catalogue.slide_title(STATEMENTS))}")
            ui.html(ui.computed(statements_slide, tables))
        else:
            # The chart fills the slide, its source line inside (as in every export); a
            # caption under it said the same again and, with the chart 700 px high, pushed
            # itself and the buttons off a 1280x720 screen.
            chart = catalogue.chart(slide_id)
            st.plotly_chart(
                ui.sent_figure(ui.slide_figure(chart, as_of)),
                key=f"slide-{slide_id}",
                theme=None,
                config={"displayModeBar": False},
                alt=chart.alt_text,
                height="stretch",
            )
        if catalogue.get(slide_id) is None:
            st.caption(ui.md(catalogue.slide_source_line(slide_id)))
    leave, previous, where, following = st.columns([2, 2, 1, 2], vertical_alignment="center")
    leave.button("Exit", key="slide-exit", on_click=go_to, args=(None,), shortcut="Esc")
    step(previous, "Previous", "slide-previous", number - 1, "Left", ":material/arrow_back:")
    where.markdown(f"**{number} / {len(slides)}**")
    step(following, "Next", "slide-next", number + 1, "Right", ":material/arrow_forward:")
    # A presentation clicker sends Page Down and Page Up, not the arrows: the same two steps,
    # on buttons no one sees (a button takes one shortcut; these are hidden by PRESENT_CSS).
    with st.container(key="slide-clicker"):
        step(st, "Next slide", "slide-next-page", number + 1, "PageDown")
        step(st, "Previous slide", "slide-previous-page", number - 1, "PageUp")


def step(where, label: str, key: str, to: int, shortcut: str, icon: str | None = None) -> None:
    """A button (and its ``shortcut``) that shows slide ``to``, disabled past either end."""
    where.button(
        label,
        key=key,
        on_click=go_to,
        args=(to,),
        disabled=not 1 <= to <= len(slides),
        shortcut=shortcut,
        icon=icon,
    )


# 2. Present, when the URL names a slide
asked = st.query_params.get("slide", "")
if slides and asked.isdigit():
    number = min(max(int(asked), 1), len(slides))
    ui.set_query(["slide"], {"slide": str(number)})
    present(number)
    st.stop()
ui.set_query(["slide"], {})

# 3. Choose and order the slides
ui.page_header(
    tables,
    "Briefing",
    "Pick the slides and their order; **Present** shows one per screen (arrow keys move). "
    "The address keeps the deck, so the link reopens it.",
)
# Every slide of the deck in sight: Streamlit's box of chosen options stops at 155 px and
# scrolls, so the default deck's sixth slide was cut off at its bottom edge.
st.html(
    "<style>.st-key-briefing-slides div:has(> [data-testid='stMultiSelectTagsContainer'])"
    " { max-height: none; }</style>"
)
st.multiselect(
    "Slides, in the order they are shown",
    catalogue.slide_ids(),
    key="briefing-slides",
    format_func=slide_label,
    placeholder="Choose charts, the headline numbers, the claims or what was said",
    persist_state=ui.KEPT,
)


def order_rows() -> None:
    """One row per chosen slide, its arrows kept beside the title however long it is."""
    for index, slide_id in enumerate(slides):
        with st.container(
            horizontal=True, wrap=False, vertical_alignment="center", key=f"order-{slide_id}"
        ):
            st.markdown(f"{index + 1}\\. {ui.md(slide_label(slide_id))}", width="stretch")
            st.button(
                "↑", key=f"up-{slide_id}", on_click=move, args=(index, -1), disabled=index == 0
            )
            st.button(
                "↓",
                key=f"down-{slide_id}",
                on_click=move,
                args=(index, 1),
                disabled=index == len(slides) - 1,
            )


# The chips above already show the order; the arrows that change it wait behind one click.
if len(slides) > 1:
    ui.lazy_expander(
        f"Change the order of the {len(slides)} slides", key="briefing-order", body=order_rows
    )
with st.container(horizontal=True):
    st.button(
        "Present",
        key="present",
        type="primary",
        icon=":material/slideshow:",
        on_click=go_to,
        args=(1,),
        disabled=not slides,
    )
    st.button(
        "Default deck",
        key="default-deck",
        on_click=lambda: st.session_state.update({"briefing-slides": default_deck(catalogue)}),
    )
ui.copy_link()

# 4. Take-aways: each one click, made on the server when clicked, each citing its sources
st.subheader("Take away")
chosen = list(slides)
stem = f"{tables.id}-briefing"
drawn = ui.images_available()
if not drawn:
    st.warning(images.missing_chromium_message(), icon=":material/warning:")
charted = [entry.chart for entry in map(catalogue.get, chosen) if entry is not None]
# A deck's images are drawn one by one on the server; drawn here first, with progress,
# the deck downloads at once (each image is cached per chart).
if drawn and len(charted) > 1:
    st.button(
        f"Prepare the deck's {len(charted)} images",
        key="prepare-deck",
        on_click=lambda: st.session_state.update({"prepare-deck-asked": True}),
    )
if st.session_state.pop("prepare-deck-asked", False):
    bar = st.progress(0.0, text="Drawing the deck's images…")
    as_of = tables.pack.as_of.label
    for done, chart in enumerate(charted, start=1):
        images.chart_image(chart, "png", as_of)
        bar.progress(
            done / len(charted), text=f"Drew {done} of {len(charted)}: {ui.md(chart.title)}"
        )
    st.success(f"{len(charted)} images ready: the deck downloads at once.")
with st.container(horizontal=True, key="takeaways"):
    ui.made_on_click_download(
        "Deck (PPTX)",
        lambda: deck.deck_pptx(catalogue, chosen),
        file_name=f"{stem}.pptx",
        mime="application/vnd.openxmlformats-officedocument.presentationml.presentation",
        key="take-pptx",
        disabled=not (drawn and chosen),
        icon=":material/co_present:",
    )
    ui.made_on_click_download(
        "Deck (PDF)",
        lambda: deck.deck_pdf(catalogue, chosen),
        file_name=f"{stem}.pdf",
        mime="application/pdf",
        key="take-pdf",
        disabled=not (drawn and chosen),
        icon=":material/picture_as_pdf:",
    )
    ui.made_on_click_download(
        "Offline report (HTML)",
        lambda: report.offline_report(catalogue, chosen),
        file_name=f"{stem}.html",
        mime="text/html",
        key="take-html",
        disabled=not chosen,
        icon=":material/language:",
    )
    ui.made_on_click_download(
        "All data (ZIP)",
        lambda: bundle.data_bundle(tables, pack_folder(default_data_dir(), tables.id)),
        file_name=f"{tables.id}-data.zip",
        mime="application/zip",
        key="take-zip",
        icon=":material/folder_zip:",
    )
st.caption(
    "Deck: a title slide, a slide per choice with its source line and, in the speaker notes, "
    "the quotes behind it, and every source at the end. Report: one file that works offline "
    "and presents too. Data: every table as CSV, the pack's files and a README on citing them."
)
