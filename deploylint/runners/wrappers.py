"""Programs that run another command, as the same one copy or as several at once.

Same copy, other settings: `nice -n 10 python bot.py`, `ionice -c2 -n7 ...`, `stdbuf -oL
...`, `taskset -c 0 ...`, `chrt -f 10 ...`, `sudo -u bot -E ...`, `su bot -c 'text'`,
`runuser -u bot -- ...`, `setpriv --reuid=1000 ...`, `s6-setuidgid bot ...`, `unbuffer
...`, `xvfb-run -a ...`, `catatonit -- ...`, secret loaders `doppler run -- ...`,
`infisical run -- ...`, Heroku/Dokku buildpack launchers `bin/start-pgbouncer ...`,
`bin/start-nginx ...` (the buildpack writes them at build time: they start their daemon
and then run the app command given); waiters `wait-for db:5432 -- cmd`, `wait-for-it.sh
db:5432 -t 60 -- cmd`, `dockerize -wait tcp://db:5432 cmd` (usually downloaded by the image
build; a committed script of that name is read as a script instead); `eval words` runs its
words as shell text; the file watcher `entr -r cmd` restarts its one copy of cmd when a
file changes (`-s 'text'`: shell text). The words before the command (options and their values, a user, a
CPU mask, a host:port) are skipped; `-c 'text'` is shell text.

Several at once: `xargs -P 4 python bot.py` (up to 4 copies side by side) and GNU
`parallel cmd ::: a b c` / `parallel ::: 'cmd1' 'cmd2'` (one job per item, all at once by
default). Items are capped (MAX_JOBS).
"""
from __future__ import annotations

from ..commands import Analysis, Call, Context, run_call
from ..model import Copies
from ..record import replace

MAX_JOBS = 16

# program -> (options that take a value, positional words before the command, subcommand)
_SPECS: dict[str, tuple[frozenset, int, str]] = {
    "nice": (frozenset({"-n", "--adjustment"}), 0, ""),
    "ionice": (frozenset({"-c", "-n", "--class", "--classdata"}), 0, ""),
    "stdbuf": (frozenset({"-i", "-o", "-e", "--input", "--output", "--error"}), 0, ""),
    "taskset": (frozenset(), 1, ""),  # the CPU mask or list
    "chrt": (frozenset(), 1, ""),  # the priority
    "sudo": (frozenset({"-u", "-g", "-C", "-D", "-h", "-p", "-r", "-t", "-U", "-T", "--user", "--group",
                        "--close-from", "--chdir", "--host", "--prompt", "--role", "--type", "--other-user",
                        "--command-timeout"}), 0, ""),
    "su": (frozenset({"-s", "--shell", "-g", "--group", "-G", "--supp-group", "-w", "--whitelist-environment"}), 1, ""),
    "runuser": (frozenset({"-u", "--user", "-s", "--shell", "-g", "--group", "-G", "--supp-group", "-w",
                           "--whitelist-environment"}), 0, ""),
    "setpriv": (frozenset({"--reuid", "--regid", "--ruid", "--rgid", "--euid", "--egid", "--groups", "--inh-caps",
                           "--ambient-caps", "--bounding-set", "--securebits", "--pdeathsig", "--selinux-label",
                           "--apparmor-profile", "--landlock-access", "--landlock-rule"}), 0, ""),
    "s6-setuidgid": (frozenset(), 1, ""),  # the user
    "unbuffer": (frozenset(), 0, ""),
    "xvfb-run": (frozenset({"-n", "-s", "-e", "-f", "-p", "-w", "--server-num", "--server-args", "--error-file",
                            "--auth-file", "--xauth-protocol", "--wait"}), 0, ""),
    "catatonit": (frozenset(), 0, ""),
    "doppler": (frozenset({"-p", "--project", "-c", "--config", "--token", "--scope", "--command", "--mount",
                           "--fallback", "--mount-format", "--name-transformer"}), 0, "run"),
    "infisical": (frozenset({"--env", "--path", "--projectId", "--token", "--domain", "--tags", "--command"}), 0, "run"),
    # wait for a dependency, then exec the command after `--` (the host:port is the positional word)
    "wait-for": (frozenset({"-t", "--timeout"}), 1, ""),
    "wait-for.sh": (frozenset({"-t", "--timeout"}), 1, ""),
    "wait-for-it": (frozenset({"-t", "--timeout", "-h", "--host", "-p", "--port"}), 1, ""),
    "wait-for-it.sh": (frozenset({"-t", "--timeout", "-h", "--host", "-p", "--port"}), 1, ""),
    "dockerize": (frozenset({"-wait", "--wait", "-timeout", "--timeout", "-template", "--template", "-stdout", "--stdout",
                             "-stderr", "--stderr", "-wait-retry-interval", "--wait-retry-interval", "-delims",
                             "--delims", "-wait-http-header", "--wait-http-header", "-cacert", "--cacert"}), 0, ""),
}
# downloaded into the image far more often than committed: a committed script of that name is read instead
WAITERS = frozenset({"wait-for", "wait-for.sh", "wait-for-it", "wait-for-it.sh", "dockerize"})


def expand(call: Call, ctx: Context) -> Analysis:
    if call.program == "eval":  # `eval TOKEN=\$BOT_TOKEN_${N}`, `eval "$CMD"`: its words are shell text
        return ctx.deeper().analyse_shell(" ".join(call.args), call.at(1)) if call.args else Analysis()
    if call.program == "xargs":
        return _xargs(call, ctx)
    if call.program == "parallel":
        return _parallel(call, ctx)
    if call.program == "entr":
        return _entr(call, ctx)
    if call.program in WAITERS and _committed(call, ctx):
        from .shell import script

        return script(call, ctx, call.argv[0], 1)
    values, positional, subcommand = _SPECS.get(call.program, (frozenset(), 0, ""))
    args = call.args
    if call.program in ("su", "runuser"):  # `su bot -c 'text'`, `runuser -l bot -c 'text'`: shell text
        c = next((k for k, a in enumerate(args) if a in ("-c", "--command")), -1)
        if 0 <= c < len(args) - 1:
            text_at = call.at(c + 2)
            return ctx.deeper().analyse_shell(args[c + 1], text_at.shifted(1) if text_at != call.location else text_at)
    i = 0
    if subcommand:
        if not args or args[0] != subcommand:
            return Analysis([ctx.process(call, kind="other", long_running=False)])  # `doppler setup`, `doppler login`
        i = 1
    skipped = 0
    while i < len(args):
        arg = args[i]
        if arg == "--":
            i += 1
            break
        if arg == "--command" and subcommand and i + 1 < len(args):  # `doppler run --command 'text'`
            text_at = call.at(i + 2)
            inner = text_at.shifted(1) if text_at != call.location else text_at
            return ctx.deeper().analyse_shell(args[i + 1], inner)
        if arg.startswith("-") and len(arg) > 1:
            i += 2 if arg in values else 1
            continue
        if arg == "-" or skipped < positional:  # `su - bot -c ...`: a login shell; the user
            skipped += 0 if arg == "-" else 1
            i += 1
            continue
        break
    inner = call.shifted(i + 1)
    if not inner.argv:
        return Analysis([ctx.process(call, kind="other", long_running=False)])
    return run_call(inner, ctx.deeper())


def _entr(call: Call, ctx: Context) -> Analysis:
    """`find . -name '*.py' | entr -r python bot.py`: entr runs one copy of the utility (with
    -r it stops the copy, waits for it to exit, then starts the next), so the command runs
    as itself; with -s its first argument is shell text. Options take no values."""
    args, i, shell = call.args, 0, False
    while i < len(args) and args[i].startswith("-") and len(args[i]) > 1:
        shell = shell or (args[i] != "--" and "s" in args[i][1:])
        i += 1
        if args[i - 1] == "--":
            break
    if i >= len(args):
        return Analysis([ctx.process(call, kind="other", long_running=False)])
    if shell:
        text_at = call.at(i + 1)
        return ctx.deeper().analyse_shell(args[i], text_at.shifted(1) if text_at != call.location else text_at)
    return run_call(call.shifted(i + 1), ctx.deeper())


def _committed(call: Call, ctx: Context) -> bool:
    """Is the program a file of the repository (in the working directory, or where the
    image's COPY rules put it)?"""
    from ..repo import join

    program = call.argv[0]
    if program.startswith("/"):
        return ctx.in_image(program) is not None
    from .shell import on_image_path

    return ctx.repo.exists(join(ctx.cwd, program)) or on_image_path(call, ctx) is not None


def _count(text: str) -> int | None:
    return int(text) if text.isascii() and text.isdigit() and len(text) < 6 else None


def _xargs(call: Call, ctx: Context) -> Analysis:
    """`xargs -P N cmd`: up to N copies of `cmd` at once (`-P 0`: as many as it can)."""
    args = call.args
    values = {"-n", "-P", "-L", "-I", "-d", "-E", "-s", "-a", "--max-args", "--max-procs", "--max-lines",
              "--delimiter", "--eof", "--max-chars", "--arg-file", "--replace"}
    procs, i = 1, 0
    while i < len(args) and args[i].startswith("-") and args[i] != "--":
        arg = args[i]
        if arg in ("-P", "--max-procs") and i + 1 < len(args):
            procs = _count(args[i + 1]) if _count(args[i + 1]) is not None else procs
        elif arg.startswith("-P") and len(arg) > 2:
            procs = _count(arg[2:]) if _count(arg[2:]) is not None else procs
        elif arg.startswith("--max-procs="):
            procs = _count(arg.split("=", 1)[1]) if _count(arg.split("=", 1)[1]) is not None else procs
        i += 2 if arg in values else 1
    if i < len(args) and args[i] == "--":
        i += 1
    inner = call.shifted(i + 1)
    if not inner.argv:
        return Analysis([ctx.process(call, kind="other", long_running=False)])  # `xargs` alone runs echo
    if procs == 1:
        return run_call(inner, ctx.deeper())
    count = 2 if procs == 0 else min(procs, 1000)
    reason = f"`xargs -P {procs}` runs " + ("as many at once as it has input lines (at least 2)" if procs == 0
                                              else f"up to {procs} at once")
    deeper = ctx.deeper(copies=ctx.copies.times(Copies(count, reason, call.location)))
    return run_call(inner, deeper)


_PARALLEL_VALUES = frozenset({"-j", "--jobs", "-P", "--max-procs", "-S", "--sshlogin", "--delay", "--timeout",
                              "--joblog", "--results", "--tmpdir", "-a", "--arg-file", "-d", "--delimiter",
                              "--halt", "--retries", "--tag-string", "--colsep", "-C", "--memfree", "--load"})


def _parallel(call: Call, ctx: Context) -> Analysis:
    """GNU `parallel [options] [command] ::: item...`: one job per item, side by side."""
    args = list(call.args)
    if ":::" not in args:
        return Analysis([ctx.process(call, kind="other", long_running=False)])  # items from stdin: unknown
    split = args.index(":::")
    head, items = args[:split], args[split + 1:]
    items = items[: items.index(":::")] if ":::" in items else items
    i = 0
    while i < len(head) and head[i].startswith("-"):
        i += 2 if head[i] in _PARALLEL_VALUES else 1
    template = head[i:]
    result = Analysis()
    inner = replace(ctx.step(call.location, f"`{call.program}` runs one job per item, side by side"), background=True)
    for item in items[:MAX_JOBS]:
        if not template:
            result.add(inner.deeper().analyse_shell(item, call.location))
            continue
        words = tuple(w.replace("{}", item) for w in template)
        argv = words if any("{}" in w for w in template) else (*words, item)
        result.add(inner.analyse_argv(argv, call.location, background=True))
    return result
