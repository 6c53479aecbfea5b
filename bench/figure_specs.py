"""The figures each page of the app draws, read back from the app itself.

Every page of the registry is run under Streamlit's ``AppTest`` on the data
directory in view, and each ``st.plotly_chart`` it sends is kept as the app
sent it: the figure's JSON, its toolbar config and its text alternative. The
same-figure floor app (``bench/same_figure_app.py``) draws exactly these.

    python -m bench.figure_specs OUT.json [--data DIR] [--pages Trade,Claims]

With ``--pages``, only those pages (and the first, which a new reader lands
on) are read; the others keep their title and address with no figures, so a
floor made from them has the same navigation.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

from components.registry import PAGES

REPO = Path(__file__).resolve().parent.parent
APPTEST_TIMEOUT_S = 120


def page_figures(data_dir: str | Path | None = None, titles: list[str] | None = None) -> list[dict]:
    """Each page of the registry, in order, with the plotly charts its first run sends
    (only the first page and ``titles``, when given: the others get none).

    Returns a list of ``{"title", "url_path", "icon", "charts": [{"spec", "config", "alt"}]}``,
    where ``spec`` and ``config`` are the JSON strings of the element as sent.
    """
    from streamlit.testing.v1 import AppTest

    saved = os.environ.get("DYAD_DATA")
    if data_dir is None:
        os.environ.pop("DYAD_DATA", None)
    else:
        os.environ["DYAD_DATA"] = str(data_dir)
    try:
        pages = []
        # One session going from page to page, as a reader does.
        app = AppTest.from_file(str(REPO / "app.py"), default_timeout=APPTEST_TIMEOUT_S)
        app.run()
        for spec in PAGES:
            page = {"title": spec.title, "url_path": spec.url_path, "icon": spec.icon, "charts": []}
            pages.append(page)
            if titles is not None and spec.title not in titles and spec is not PAGES[0]:
                continue
            if spec is not PAGES[0]:
                app.switch_page(spec.script)
                app.run()
            if app.exception:
                raise RuntimeError(f"{spec.title}: {[e.value for e in app.exception]}")
            if [title.value for title in app.title] != [spec.title]:
                # No valid pack: the page stopped before its header.
                raise RuntimeError(f"{spec.title} did not run: {[w.value for w in app.warning]}")
            page["charts"] = [
                {"spec": chart.proto.spec, "config": chart.proto.config, "alt": chart.proto.alt}
                for chart in app.get("plotly_chart")
            ]
        return pages
    finally:
        if saved is None:
            os.environ.pop("DYAD_DATA", None)
        else:
            os.environ["DYAD_DATA"] = saved


def write_page_figures(
    path: Path, data_dir: str | Path | None = None, titles: list[str] | None = None
) -> list[dict]:
    """Read every page's figures from the app and write them to ``path`` as JSON.

    Runs in a fresh interpreter, so this process keeps none of AppTest's state,
    and with Streamlit's log at ``error`` (AppTest runs outside a server, and
    says so on every run).
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    command = [sys.executable, "-m", "bench.figure_specs", str(path)]
    if data_dir is not None:
        command += ["--data", str(data_dir)]
    if titles is not None:
        command += ["--pages", ",".join(titles)]
    environment = {**os.environ, "STREAMLIT_LOGGER_LEVEL": "error"}
    done = subprocess.run(command, cwd=REPO, env=environment, capture_output=True, text=True)
    if done.returncode != 0:
        raise RuntimeError(f"reading the app's figures failed:\n{done.stderr[-4000:]}")
    return json.loads(path.read_text(encoding="utf-8"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--data", type=Path, default=None, help="a data directory ($DYAD_DATA)")
    parser.add_argument("--pages", default=None, help="comma-separated page titles (default all)")
    arguments = parser.parse_args()
    pages = page_figures(arguments.data, arguments.pages.split(",") if arguments.pages else None)
    arguments.out.write_text(json.dumps(pages), encoding="utf-8")
    for page in pages:
        print(f"{page['title']:<12} {len(page['charts'])} chart(s)")


if __name__ == "__main__":
    main()
