"""The browser tests' Chromium keeps Playwright's own disabled features.

Chromium honours only the last ``--disable-features`` of its command line, and
Playwright passes its own list before ours, so ours (``tests/e2e/server.py``)
repeats Playwright's. When a Playwright upgrade changes its list, this fails
instead of the browser tests quietly running without some of Playwright's
settings.
"""

from __future__ import annotations

import re
from pathlib import Path

from playwright._impl._driver import compute_driver_executable

from tests.e2e.server import CHROMIUM_ARGS, PLAYWRIGHT_DISABLED_FEATURES, UNSEEN_BROWSER_UI


def playwrights_disabled_features() -> set[str]:
    """The names in ``disabledFeatures = [...]`` of the installed Playwright driver."""
    package = Path(compute_driver_executable()[1]).parent
    for script in sorted((package / "lib").rglob("*.js")):
        text = script.read_text(encoding="utf-8", errors="replace")
        found = re.search(r"disabledFeatures = \[(.*?)\]", text, re.DOTALL)
        if found:
            body = re.sub(r"//[^\n]*", "", found.group(1))
            return set(re.findall(r'"([^"]+)"', body))
    raise AssertionError(f"no disabledFeatures list in Playwright's driver under {package}")


def test_our_list_repeats_playwrights_own() -> None:
    theirs = playwrights_disabled_features()
    assert "PaintHolding" in theirs  # the reading of the driver found the real list
    assert theirs <= set(PLAYWRIGHT_DISABLED_FEATURES), theirs - set(PLAYWRIGHT_DISABLED_FEATURES)


def test_chromium_gets_one_disable_features_with_both_lists() -> None:
    switches = [arg for arg in CHROMIUM_ARGS if arg.startswith("--disable-features")]
    assert len(switches) == 1, switches
    names = switches[0].partition("=")[2].split(",")
    assert set(names) == {*PLAYWRIGHT_DISABLED_FEATURES, *UNSEEN_BROWSER_UI}
