"""Each rejection rule of the format, one frozen broken fixture each.

A fixture folder under ``tests/fixtures/broken/<rule>/`` is the valid
fictional pack with one thing broken; its ``expected.txt`` lists every
problem a curator must see, as ``file:line: field: message``.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from components.packs import load_packs
from tests.conftest import FIXTURES

BROKEN = sorted(p for p in (FIXTURES / "broken").iterdir() if p.is_dir())


def problem_lines(directory: Path) -> list[str]:
    result = load_packs(directory)
    assert result.packs == {}, "a pack with problems must be left out"
    return [
        str(problem).removeprefix(f"{directory}/")
        for problems in result.problems.values()
        for problem in problems
    ]


@pytest.mark.parametrize("case", BROKEN, ids=[p.name for p in BROKEN])
def test_broken_fixture_reports_file_line_and_field(case: Path) -> None:
    expected = (case / "expected.txt").read_text().splitlines()
    assert expected, f"{case.name}: expected.txt is empty"
    assert problem_lines(case) == expected


def test_every_rule_of_the_format_has_a_fixture() -> None:
    rules = {p.name for p in BROKEN}
    assert {
        "not-yaml",
        "wrong-top-level",
        "missing-field",
        "wrong-type",
        "unknown-field",
        "repeated-id",
        "not-kebab-case",
        "pack-id-not-folder",
        "unknown-source",
        "unknown-metric",
        "unknown-evidence",
        "source-without-address",
        "text-file-missing",
        "date-does-not-exist",
        "end-before-date",
        "value-not-finite",
        "repeated-figure-key",
        "quote-not-found",
        "alias-bomb",
    } <= rules


def copy_valid_pack(tmp_path: Path, fixture_packs_dir: Path) -> Path:
    shutil.copytree(fixture_packs_dir, tmp_path / "data")
    return tmp_path / "data"


def test_file_over_five_megabytes_is_refused(tmp_path, fixture_packs_dir) -> None:
    data = copy_valid_pack(tmp_path, fixture_packs_dir)
    statements = data / "freedonia-sylvania" / "statements.yaml"
    statements.write_text(statements.read_text() + "#" * (5 * 1024 * 1024) + "\n")
    assert problem_lines(data) == [
        "freedonia-sylvania/statements.yaml:1: file: file is 5.2 MB; a pack file may be at most 5 MB"
    ]


def test_recursive_alias_is_refused(tmp_path, fixture_packs_dir) -> None:
    data = copy_valid_pack(tmp_path, fixture_packs_dir)
    (data / "freedonia-sylvania" / "statements.yaml").write_text("- &loop [*loop]\n")
    assert problem_lines(data) == [
        "freedonia-sylvania/statements.yaml:1: file: an alias refers to itself (recursive YAML)"
    ]


def test_nested_unknown_field_suggests_the_near_name(tmp_path, fixture_packs_dir) -> None:
    data = copy_valid_pack(tmp_path, fixture_packs_dir)
    pack = data / "freedonia-sylvania" / "pack.yaml"
    pack.write_text(pack.read_text().replace('color: "#6a3d9a"', 'colour: "#6a3d9a"'))
    assert problem_lines(data) == [
        "freedonia-sylvania/pack.yaml:6: countries[1].color: missing required field",
        "freedonia-sylvania/pack.yaml:6: countries[1].colour: unknown field; did you mean 'color'?",
    ]


def test_a_broken_pack_does_not_stop_the_others(tmp_path, fixture_packs_dir) -> None:
    data = copy_valid_pack(tmp_path, fixture_packs_dir)
    shutil.copytree(FIXTURES / "broken" / "wrong-type" / "freedonia-sylvania", data / "broken-pack")
    result = load_packs(data)
    assert list(result.packs) == ["freedonia-sylvania"]
    assert [str(p).removeprefix(f"{data}/") for p in result.problems["broken-pack"]] == [
        "broken-pack/pack.yaml:2: id: pack id 'freedonia-sylvania' differs from its folder name "
        "'broken-pack'",
        "broken-pack/figures.yaml:12: value: expected a number, got 'lots'",
    ]
