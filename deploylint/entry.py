"""The console script. `deploylint --version` (or `-V`) alone is answered here, before
the command-line library and the rest of deploylint are imported: the version is
asked for by CI logs and bug reports and costs only the interpreter's start-up. Every
other command line goes to the click application in `cli.py`."""
from __future__ import annotations

import gc
import sys


def main() -> None:
    # A command-line run is short and allocates mostly objects that live to its end (the
    # modules it imports, then the scan's trees): the cyclic collector would only walk
    # them again and again (engine.py keeps it off around a scan for library callers
    # too). Reference counting still frees everything that is not in a cycle; freezing
    # at the end keeps the interpreter's own collection at exit from walking it all.
    gc.disable()
    try:
        _run()
    finally:
        gc.freeze()


def run() -> None:
    """The console script: `main`, then the process ends without the interpreter's own
    teardown, which frees every module, class and object one by one (~2 % of a small
    scan's instructions, and the unmapping) when nothing is left to run: deploylint starts
    no threads, registers no exit handlers and closes the files it writes. stdout and
    stderr are flushed first; an exit message, an odd exit code or a stream that cannot be
    flushed (a closed pipe) takes the ordinary exit, which reports it as Python does."""
    try:
        main()
        code = 0
    except SystemExit as stop:
        code = 0 if stop.code is None else stop.code
        if not isinstance(code, int) or not 0 <= code <= 255:
            raise
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except BaseException:  # noqa: BLE001 - the ordinary exit says what went wrong
        sys.exit(code)
    import os

    os._exit(code)


def _run() -> None:
    if sys.argv[1:] in (["--version"], ["-V"]):
        from . import __version__

        sys.stdout.write(f"deploylint, version {__version__}\n")
        return
    from .cli import main as cli_main

    cli_main()
