"""The command line is read by the parser of the subcommand it names alone, with the full parser's answers."""

from __future__ import annotations

import contextlib
import io

import pytest

import main

ARGUMENT_LISTS = [
    [],
    ["--docs", "/x", "--fresh"],
    ["search", "q"],
    ["--docs", "/x", "search", "q", "--limit", "3"],
    ["search", "q", "--docs", "/y", "--json"],
    ["--lang", "en", "list"],
    ["--lang=en", "list"],
    ["--doc", "/x", "search", "q"],  # a unique prefix of --docs takes its value too
    ["--docs", "search", "index"],  # a folder named like a subcommand
    ["review", "list"],
    ["review", "export", "--help"],
    ["bogus"],
    ["search"],
    ["--lang", "xx"],
    ["-h"],
    ["search", "-h"],
    ["--", "search"],
    ["list", "--markdown"],
    ["tasks", "001", "--json"],
    ["--follow-links", "index"],
    ["search", "q", "--bogus"],
]


def answer(parse, argv: list[str]) -> tuple[object, ...]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            namespace = parse(argv)
        except SystemExit as exc:
            return None, exc.code, out.getvalue(), err.getvalue()
    return sorted((k, getattr(v, "__name__", v)) for k, v in vars(namespace).items()), None, out.getvalue(), ""


@pytest.mark.parametrize("argv", ARGUMENT_LISTS, ids=" ".join)
def test_the_same_arguments_help_and_errors_as_the_full_parser(argv):
    assert answer(main.parse_arguments, argv) == answer(lambda a: main.build_parser().parse_args(a), argv)


def test_only_the_named_subcommand_gets_a_parser(monkeypatch):
    made: list[str] = []
    init = main.CommandParser.__init__

    def counted(self, *args, **kwargs):
        made.append(kwargs.get("prog", ""))
        init(self, *args, **kwargs)

    monkeypatch.setattr(main.CommandParser, "__init__", counted)
    assert main.parse_arguments(["--docs", "/x", "search", "q"]).command == "search"
    assert made == ["ceyue search"]
    made.clear()
    assert main.parse_arguments(["--fresh"]).command is None  # the browser: no subcommand's parser
    assert made == []
