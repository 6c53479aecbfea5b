"""Dyad's one plotly template, palettes and the marks that tell statuses apart.

Readable at projector distance (16 px body text, 24 px titles), Okabe–Ito
for categories, a contrast-safe grey for context series, and for every
status a marker and dash as well as a colour, so no meaning rests on colour
alone. Charts take a pack's country colours from the pack, never from here.
"""

from __future__ import annotations

import plotly.graph_objects as go
import plotly.io as pio

OKABE_ITO = ("#E69F00", "#56B4E9", "#009E73", "#0072B2", "#D55E00", "#CC79A7", "#000000", "#F0E442")
# 4.6:1 on white: context series and secondary text stay legible (WCAG AA).
CONTEXT_GREY = "#707070"
TEXT = "#1a1a1a"
GRID = "#e3e3e3"
# Fonts every browser and the export Chromium have, so text is measured as it is drawn.
FONT = "Arial, Liberation Sans, Helvetica, sans-serif"
BASE_FONT_SIZE = 16
EXPORT_SIZE = {"width": 1600, "height": 900, "scale": 2}

SYMBOLS = ("circle", "diamond", "square", "triangle-up", "star", "hexagon", "cross", "x")
DASHES = ("solid", "dash", "dot", "dashdot", "longdash", "longdashdot")

# How each figure status is drawn: reported values solid and filled; planned,
# target and estimate values hollow or dashed; claims with their own marker.
STATUS_MARKS = {
    "reported": {"symbol": "circle", "dash": "solid", "pattern": "", "label": "reported"},
    "estimate": {"symbol": "circle-open", "dash": "dot", "pattern": ".", "label": "estimate"},
    "planned": {"symbol": "diamond-open", "dash": "dash", "pattern": "/", "label": "planned"},
    "target": {"symbol": "square-open", "dash": "dash", "pattern": "x", "label": "target"},
    "claim": {"symbol": "star", "dash": "dot", "pattern": "\\", "label": "claim"},
}

TEMPLATE_NAME = "dyad"


def dyad_template() -> go.layout.Template:
    """The template every Dyad chart uses, on screen and in exports."""
    axis = {
        "showgrid": True,
        "gridcolor": GRID,
        "zeroline": False,
        "linecolor": "#8c8c8c",
        "ticks": "outside",
        "tickcolor": "#8c8c8c",
        "tickfont": {"size": BASE_FONT_SIZE},
        "title": {"font": {"size": BASE_FONT_SIZE}},
        "automargin": True,
    }
    return go.layout.Template(
        layout={
            "font": {"family": FONT, "size": BASE_FONT_SIZE, "color": TEXT},
            "title": {
                "font": {"size": 24, "color": TEXT},
                "x": 0,
                "xanchor": "left",
                "xref": "container",
                "pad": {"l": 16},
                "subtitle": {"font": {"size": BASE_FONT_SIZE, "color": "#404040"}},
            },
            "colorway": list(OKABE_ITO),
            "paper_bgcolor": "#ffffff",
            "plot_bgcolor": "#ffffff",
            "xaxis": axis,
            "yaxis": axis,
            "legend": {
                "orientation": "h",
                "yanchor": "bottom",
                "y": 1.01,
                "x": 0,
                "font": {"size": BASE_FONT_SIZE - 1},
            },
            "modebar": {"orientation": "v"},
            "hoverlabel": {"font": {"size": 15, "family": FONT}, "align": "left"},
            "margin": {"l": 16, "r": 24, "t": 110, "b": 90},
        }
    )


pio.templates[TEMPLATE_NAME] = dyad_template()
