"""The planted bugs of ``tools/mutants.py`` still fit the code they are planted in.

Each mutant replaces a snippet that must stand exactly once in its file; when the code
moves on, the tool stops with "snippet not found" before any mutant runs. Four had gone
stale that way (the code they named had been rewritten) and were found only by hand; this
fails the test command instead, naming each one.
"""

from __future__ import annotations

from tests.conftest import REPO
from tools.mutants import MUTANTS


def test_every_mutants_snippet_stands_once_in_its_file():
    stale = {
        mutant.name: count
        for mutant in MUTANTS
        if (count := (REPO / mutant.path).read_text(encoding="utf-8").count(mutant.original)) != 1
    }
    assert stale == {}, f"mutants whose snippet is not in their file exactly once: {stale}"
    assert len({mutant.name for mutant in MUTANTS}) == len(MUTANTS), "two mutants share a name"
