"""The ``esc-sync`` command.

Its jobs (customers, relevant information, PQRS, mass-communication requests) arrive with the
sync engine; until then it answers ``--version`` and prints its help.

Exit codes: 0 success; 2 usage error (argparse's own).
"""

import argparse
from collections.abc import Sequence

from . import __version__


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="esc-sync",
        description="Push customer information, PQRS and mass-communication requests from "
        "other systems into the ESC PQRS Odoo add-on, and pull decisions back.",
    )
    parser.add_argument("--version", action="version", version=f"esc-sync {__version__}")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    parser.parse_args(argv)
    parser.print_help()
    return 0
