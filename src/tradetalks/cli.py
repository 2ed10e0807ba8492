"""Command line: `tradetalks check [DATA_DIR]` and friends, for editors, CI and other repositories.

The commands are thin: they call the same `validate.check` and `errors.format_problems` the build
uses, so what an editor sees in a terminal, on a pull request or in the browser is the same text.
In this repository editors run them through `make check` and `make new ...`; installed as a
package (pre-commit does it, see .pre-commit-hooks.yaml) the entry point is `tradetalks`.
Help and errors name the command as it was invoked (`program_name`).
Exit codes: 0 clean, 1 problems in the data, 2 a usage mistake (argparse's own convention).
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from . import __version__
from .errors import errors_in, format_problems
from .validate import check

#: Extra sub-commands registered by other modules: name -> (add arguments, run).
Command = tuple[Callable[[argparse.ArgumentParser], None], Callable[[argparse.Namespace], int]]


def _add_check(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("data_dir", nargs="?", default="data", type=Path,
                        help="the data folder (default: data)")
    parser.add_argument("--format", choices=["text", "github", "json"], default="text",
                        help="text for people, github for pull-request annotations, json for tools")
    parser.add_argument("--strict", action="store_true",
                        help="treat warnings (an unused source...) as problems")


def program_name(argv0: str | None = None) -> str:
    """The command as it was invoked: `tradetalks` (or whatever the entry point is called) from
    its script, `python -m tradetalks` when run as a module (argv[0] is then __main__.py)."""
    argv0 = sys.argv[0] if argv0 is None else argv0
    name = os.path.basename(argv0)
    if not name or name in ("__main__.py", "-c") or name.endswith(".py"):
        return "python -m tradetalks"
    return name


def run_check(args: argparse.Namespace) -> int:
    if not args.data_dir.is_dir():  # a mistyped argument, not a problem in the data
        print(f"{args.prog} check: error: no data folder at {args.data_dir}", file=sys.stderr)
        return 2
    _, problems = check(args.data_dir)
    failing = problems if args.strict else errors_in(problems)
    report = format_problems(problems, args.format)
    if report:
        print(report)
    elif args.format == "json":
        print("[]")
    elif args.format == "text":
        print(f"{args.data_dir}: no problems", file=sys.stderr)
    return 1 if failing else 0


def _commands() -> dict[str, Command]:
    commands: dict[str, Command] = {"check": (_add_check, run_check)}
    try:  # the scaffolding command lives in its own module
        from .scaffold import COMMAND as new_command
    except ImportError:  # pragma: no cover
        pass
    else:
        commands["new"] = new_command
    from .schema import COMMAND as schema_command

    commands["schema"] = schema_command
    return commands


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; with `argv` given (a caller in Python), the command is named
    `tradetalks`, else as it was invoked."""
    prog = program_name() if argv is None else "tradetalks"
    parser = argparse.ArgumentParser(prog=prog,
                                     description="Check and edit the explainer's data.")
    parser.add_argument("--version", action="version", version=f"{prog} {__version__}")
    parser.set_defaults(prog=prog)
    sub = parser.add_subparsers(dest="command", required=True)
    commands = _commands()
    for name, (add_arguments, _) in commands.items():
        doc = {"check": "validate the data and print every problem",
               "new": "scaffold a new record",
               "schema": "write (or --check) the JSON Schemas in data/schema/"}.get(name, name)
        add_arguments(sub.add_parser(name, help=doc, description=doc))
    args = parser.parse_args(argv)
    return commands[args.command][1](args)
