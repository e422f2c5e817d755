"""A command line's options and operands, as most CLIs take them: `--key=value`,
`--key value` for the options that take a value, short options glued to their value
(`-Aproj`, `-c4`), flags, and operands. The first value of an option wins."""
from __future__ import annotations

from typing import Callable


def parse(args: list[str] | tuple[str, ...], valued: set[str] | frozenset[str], start: int = 0,
          glued: dict[str, Callable[[str], bool]] | None = None) -> tuple[dict[str, str], list[str]]:
    """(options, operands) of `args[start:]`. `glued` maps a short option to a test of
    the rest of the word (`{"-c": str.isdigit}` reads `-c4` as `-c 4`)."""
    options: dict[str, str] = {}
    operands: list[str] = []
    i = start
    while i < len(args):
        arg = args[i]
        if arg.startswith("--") and "=" in arg:
            key, value = arg.split("=", 1)
            options.setdefault(key, value)
        elif arg in valued and i + 1 < len(args):
            options.setdefault(arg, args[i + 1])
            i += 1
        elif glued and arg[:2] in glued and len(arg) > 2 and glued[arg[:2]](arg[2:]):
            options.setdefault(arg[:2], arg[2:])
        elif not arg.startswith("-"):
            operands.append(arg)
        i += 1
    return options, operands
