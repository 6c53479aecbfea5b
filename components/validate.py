"""The curator's command: check fact packs and say exactly what to fix.

    python -m components.validate [DIR ...]

Each DIR is a data directory holding pack folders, or one pack folder (it
has a ``pack.yaml``); with none, the app's data directory (``$DYAD_DATA`` or
``data/``). Every problem is printed on its own line as
``file:line: field: message``; then, for a valid pack, each role the pack does
not declare and the loader assumed (``pack.yaml: assumed: ...``), and one
summary line per pack. Exit status:
0 when every pack is valid, 1 when any problem was found, 2 on a usage error.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TextIO

from components.packs import (
    CheckedPack,
    check_pack,
    default_data_dir,
    folders_of_packs_below,
    packs_in,
)
from components.schema import RECORD_FILES


def summary(checked: CheckedPack) -> str:
    """One line counting what a valid pack holds."""
    counts = ", ".join(f"{checked.count(name)} {name}" for name in ("sources", *RECORD_FILES))
    return f"{checked.pack.id}: valid ({counts})"


def validate(directories: list[Path], out: TextIO | None = None) -> int:
    """Check every pack under ``directories``; print problems and summaries (to ``out``, by
    default standard output as it is at the call); return the status."""
    out = sys.stdout if out is None else out
    found_problem = False
    for directory in directories:
        folders = packs_in(directory)
        if not folders:
            below = "".join(f"; {f} holds packs" for f in folders_of_packs_below(directory))
            print(
                f"{directory}: no packs found (a pack is a folder with a pack.yaml){below}",
                file=out,
            )
            found_problem = True
        for folder in folders:
            checked, problems = check_pack(folder)
            for problem in problems:
                print(problem, file=out)
            if checked is not None:
                for line in checked.assumed_roles():
                    print(f"{folder / 'pack.yaml'}: assumed: {line}", file=out)
                print(summary(checked), file=out)
            else:
                noun = "problem" if len(problems) == 1 else "problems"
                print(
                    f"{folder.name}: {len(problems)} {noun}; the app leaves this pack out", file=out
                )
                found_problem = True
    return 1 if found_problem else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m components.validate",
        description="Check Dyad fact packs against the format and print every problem.",
    )
    parser.add_argument(
        "directories",
        metavar="DIR",
        nargs="*",
        type=Path,
        help="a data directory of packs, or one pack folder (default: $DYAD_DATA or data/)",
    )
    arguments = parser.parse_args(argv)
    directories = arguments.directories or [default_data_dir()]
    missing = [str(d) for d in directories if not d.is_dir()]
    if missing:
        parser.error(f"not a directory: {', '.join(missing)}")
    return validate(directories)


if __name__ == "__main__":
    sys.exit(main())
