"""ceyue entry point: the command line, wiring documents/, index/ and tui/ together."""

from __future__ import annotations

import argparse
import sys


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="ceyue", description="策阅 — browse Chinese policy documents")
    parser.add_argument("--docs", action="append", metavar="DIR", help="documents folder (repeatable)")
    sub = parser.add_subparsers(dest="command")
    # --- subcommands: documents (outline/tables/meta/show) ---
    # --- subcommands: index (index/search) ---
    # --- subcommands: extraction (refs/tasks/compare) ---
    # --- subcommands: review ---
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return 0


if __name__ == "__main__":
    sys.exit(main())
