"""AppTest without a per-run package scan.

Streamlit 1.67's ``AppTest.run`` registers installed v2 components by reading
the metadata of every installed distribution (``scan_component_manifests``):
about 0.3 s of parsing on each new ``AppTest`` here, a third of a short page
test. The installed packages do not change during a test session, so the
scan's result is kept for the session; ``streamlit run`` still scans once at
start, as it always does.
"""

from __future__ import annotations

import functools

from streamlit.components.v2 import manifest_scanner

manifest_scanner.scan_component_manifests = functools.cache(
    manifest_scanner.scan_component_manifests
)
