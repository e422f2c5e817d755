"""The console script. `deploylint --version` (or `-V`) alone is answered here, before
the command-line library and the rest of deploylint are imported: the version is
asked for by CI logs and bug reports and costs only the interpreter's start-up. Every
other command line goes to the click application in `cli.py`."""
from __future__ import annotations

import sys


def main() -> None:
    if sys.argv[1:] in (["--version"], ["-V"]):
        from . import __version__

        sys.stdout.write(f"deploylint, version {__version__}\n")
        return
    from .cli import main as cli_main

    cli_main()
