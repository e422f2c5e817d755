"""Programs that start a command detached, in the background, and return at once.

- `start-stop-daemon --start --background --exec /usr/bin/python -- bot.py` (Debian's
  init helper): the program is `--startas` (or `--exec`), its arguments follow `--`;
  without `--background` it runs in the foreground; `--stop` / `--status` start nothing.
- `daemonize [-c dir] [-p pidfile] ... /usr/bin/python bot.py`: always detached.
- `coproc python bot.py`: bash runs the command as a co-process, in the background.
"""
from __future__ import annotations

from ..commands import Analysis, Call, Context, run_call

_SSD_VALUES = frozenset({"-x", "--exec", "-a", "--startas", "-p", "--pidfile", "-n", "--name", "-u", "--user",
                         "-c", "--chuid", "-d", "--chdir", "-r", "--chroot", "-N", "--nicelevel", "-P", "--procsched",
                         "-I", "--iosched", "-k", "--umask", "-R", "--retry", "-s", "--signal", "-g", "--group",
                         "--notify-timeout", "-O", "--output", "--ppid"})
_DAEMONIZE_VALUES = frozenset({"-c", "-e", "-E", "-o", "-p", "-l", "-u"})


def expand(call: Call, ctx: Context) -> Analysis:
    if call.program == "start-stop-daemon":
        return _start_stop_daemon(call, ctx)
    if call.program == "daemonize":
        i = 1
        while i < len(call.argv) and call.argv[i].startswith("-"):
            i += 2 if call.argv[i] in _DAEMONIZE_VALUES else 1
        return _detached(call, ctx, i, "`daemonize` detaches it")
    return _detached(call, ctx, 1, "`coproc` runs it as a co-process")


def _nothing(call: Call, ctx: Context) -> Analysis:
    return Analysis([ctx.process(call, kind="other", long_running=False)])


def _detached(call: Call, ctx: Context, start: int, note: str, background: bool = True,
              program: str | None = None) -> Analysis:
    argv = call.argv[start:]
    locations = call.arg_locations[start:]
    if program is not None:  # start-stop-daemon: the program from --exec, its arguments after `--`
        argv, locations = (program, *argv), (call.location, *locations)
    if not argv:
        return _nothing(call, ctx)
    inner = ctx.step(call.location, note)
    if background:
        inner = inner.deeper(background=True)
    at = locations[0] if locations else call.location
    return run_call(Call(tuple(argv), at, background or call.background, call.env, tuple(locations)), inner.deeper())


def _start_stop_daemon(call: Call, ctx: Context) -> Analysis:
    args = call.args
    start = background = False
    program = None
    i = 0
    while i < len(args):
        arg = args[i]
        if arg == "--":
            i += 1
            break
        name, _, attached = arg.partition("=") if arg.startswith("--") else (arg, "", "")
        if name in ("-S", "--start"):
            start = True
        elif name in ("-b", "--background"):
            background = True
        elif name in _SSD_VALUES:
            value = attached if attached else (args[i + 1] if i + 1 < len(args) else "")
            if name in ("-a", "--startas") or name in ("-x", "--exec") and program is None:
                program = value
            i += 1 if attached else 2
            continue
        elif not arg.startswith("-"):
            break
        i += 1
    if not start or not program:
        return _nothing(call, ctx)
    note = "`start-stop-daemon --background` detaches it" if background else "`start-stop-daemon` runs it"
    return _detached(call, ctx, i + 1, note, background, program)
