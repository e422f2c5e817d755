"""Shells, wrappers that exec their arguments, and shell scripts in the repository.

`sh -c 'text'` is analysed as shell text; `exec`, `nohup`, `env A=B`, `tini --`... run
the rest of the line; `sh start.sh` and `./start.sh` read the script (never run it).
"""
from __future__ import annotations

import posixpath

from ..commands import Analysis, Call, Context
from ..record import replace
from ..repo import join

SHELLS = {"sh", "bash", "dash", "zsh", "ash"}
# wrappers: how many option words to skip before the wrapped command
_WRAPPERS = {"exec", "nohup", "setsid", "dumb-init", "tini", "chpst", "gosu", "su-exec", "timeout", "env",
             "cross-env", "env-cmd", "dotenv", "dotenvx"}
# npm-world environment loaders that run the rest of the line: options that take a value
_OPTION_VALUES = {"env-cmd": {"-f", "--file", "-e", "--environments", "-r", "--rc-file"},
                  "dotenv": {"-e", "-v", "-p"},
                  "dotenvx": {"-f", "--env-file", "-e", "--env", "-fk", "--env-keys-file", "-l", "--log-level"}}


def expand(call: Call, ctx: Context) -> Analysis:
    program = call.program
    if program in SHELLS:
        return _shell(call, ctx)
    if program in _WRAPPERS:
        return _wrapper(call, ctx)
    if program in _AGENTS:
        return _agent(call, ctx)
    if "/" not in call.argv[0] and (not ctx.repo.exists(join(ctx.cwd, call.argv[0])) or _image_ships(call, ctx)):
        return _on_path(call, ctx)
    return script(call, ctx, call.argv[0], 1)


def _image_ships(call: Call, ctx: Context) -> bool:
    """`ENTRYPOINT ["docker-entrypoint.sh"]` on an official image that ships one in
    /usr/local/bin (node, postgres, redis...): a bare name is looked up on PATH, never in
    the working directory, so a repository copy that was only `COPY . .`'d into WORKDIR is
    not what runs (a copy the Dockerfile puts on PATH was made a path by localise)."""
    from ..formats.dockerfile_image import ships_entrypoint

    dc = getattr(ctx.image, "dc", None)
    return call.program == "docker-entrypoint.sh" and dc is not None and ships_entrypoint(dc.image)


def on_image_path(call: Call, ctx: Context) -> str | None:
    """The container path of a bare program name found in a repository directory that the
    image puts on PATH (`ENV PATH="/bot/scripts:${PATH}"` + `ENTRYPOINT ["run-bot.sh"]`)."""
    name = call.argv[0] if call.argv else ""
    if not name or "/" in name or name.startswith("$"):
        return None
    for entry in str(ctx.env.get("PATH", "")).split(":")[:16]:
        entry = entry.strip().strip("\"'").rstrip("/")
        if not entry.startswith("/") or "$" in entry or entry in _SYSTEM_BIN:
            continue
        candidate = f"{entry}/{name}"
        mapped = ctx.in_image(candidate)
        if mapped is not None and ctx.repo.exists(mapped):
            return candidate
    return None


_SYSTEM_BIN = frozenset({"/usr/local/sbin", "/usr/local/bin", "/usr/sbin", "/usr/bin", "/sbin", "/bin"})
_SCRIPT_SUFFIXES = (".sh", ".bash", ".py", ".js", ".mjs", ".cjs", ".ts")


def _system_program(path_text: str) -> bool:
    """`/usr/sbin/nginx`, `/usr/local/bin/redis-server`: a program in a system bin directory
    that the image did not copy from the repository is an installed program, like the same
    name looked up on PATH (not a script outside the repository). A script name
    (`/usr/local/bin/start.sh`) is still one the repository should hold."""
    directory, _, name = path_text.rpartition("/")
    return directory in _SYSTEM_BIN and bool(name) and "$" not in name and not name.endswith(_SCRIPT_SUFFIXES)


def _on_path(call: Call, ctx: Context) -> Analysis:
    """A bare script name that is not in the working directory runs from the image's PATH."""
    found = on_image_path(call, ctx)
    if found is not None:
        return script(call, ctx, found, 1)
    if call.program == "docker-entrypoint.sh":  # the official images' entrypoint ends in `exec "$@"`
        from ..commands import run_call

        inner = call.shifted(1)
        return run_call(inner, ctx.deeper()) if inner.argv else Analysis()
    ctx.unresolved(call.location, f"`{call.argv[0]}` is found on the image's PATH, not in the repository",
                   "copy the script from the repository (COPY x.sh /usr/local/bin/) so it can be followed")
    return Analysis([ctx.process(call, kind="unknown")])


def _shell(call: Call, ctx: Context) -> Analysis:
    args = call.args
    for i, arg in enumerate(args):
        if arg.startswith("-") and "c" in arg[1:] and not arg.startswith("--"):
            # `sh -c -m 'text'`: options may follow -c; the command string is the first operand
            j = i + 1
            while j < len(args) and args[j][:1] in ("-", "+") and args[j] not in ("-", "--") and len(args[j]) > 1:
                j += 1
            if j < len(args) and args[j] == "--":
                j += 1
            if j >= len(args):
                return Analysis()
            text_at = call.at(j + 1)
            # inside quotes the text starts one column after the quote
            inner = text_at.shifted(1) if text_at != call.location else text_at
            if ctx.script:  # in `sh -c 'text'`, $0 is the shell (or the name after the text), not the script
                ctx = replace(ctx, script="")
            if len(args) > j + 1:  # `sh -c 'exec "$@"' name a b`: $0 = name, "$@" = a b
                ctx = replace(ctx, positional=tuple(args[j + 2:]))
            return ctx.analyse_shell(args[j], inner) if not call.background else \
                ctx.deeper(background=True).analyse_shell(args[j], inner)
        if not arg.startswith("-"):
            return script(call.shifted(i + 1), ctx, arg, 0)
    return Analysis()  # an interactive shell: nothing to follow


# APM agents that start the rest of the line in the same process, instrumented:
# `newrelic-admin run-program gunicorn app:app`, `newrelic-admin run-python manage.py x`,
# `ddtrace-run python bot.py`, `opentelemetry-instrument --service_name x uvicorn app:app`
_AGENTS = frozenset({"newrelic-admin", "ddtrace-run", "opentelemetry-instrument"})


def _agent(call: Call, ctx: Context) -> Analysis:
    from ..commands import run_call

    args = call.args
    if call.program == "newrelic-admin":
        if not args or args[0] not in ("run-program", "run-python"):
            return Analysis([ctx.process(call, kind="other", long_running=False)])  # generate-config...
        inner = call.shifted(2)
        if not inner.argv:
            return Analysis()
        if args[0] == "run-python":
            inner = Call(("python", *inner.argv), call.at(1), inner.background, inner.env,
                         (call.at(1), *inner.arg_locations))
        return run_call(inner, ctx.deeper())
    skip = 1
    while skip < len(call.argv) and call.argv[skip].startswith("-"):
        word = call.argv[skip]
        skip += 1
        if word == "--":
            break
        if call.program == "opentelemetry-instrument" and word.startswith("--") and "=" not in word:
            skip += 1  # every long option of opentelemetry-instrument takes a value
    inner = call.shifted(skip)
    return run_call(inner, ctx.deeper()) if inner.argv else Analysis()


def _wrapper(call: Call, ctx: Context) -> Analysis:
    args = list(call.args)
    skip = 1
    program = call.program
    while args:
        arg = args[0]
        if program in ("env", "cross-env") and "=" in arg and not arg.startswith("-"):
            pass
        elif program == "dotenvx" and skip == 1 and arg == "run":
            pass
        elif arg in _OPTION_VALUES.get(program, ()) and len(args) > 1:
            args.pop(0)  # the option's value
            skip += 1
        elif arg == "--":
            args.pop(0)
            skip += 1
            break
        elif not arg.startswith("-"):
            if program in ("timeout",) and arg[:1].isdigit():
                pass
            elif program in ("gosu", "su-exec", "chpst") and skip == 1:
                pass  # the user to run as
            else:
                break
        args.pop(0)
        skip += 1
    inner = call.shifted(skip)
    if not inner.argv:
        return Analysis()
    from ..commands import run_call

    if program == "setsid" and any(a in ("-f", "--fork") for a in call.argv[1:skip]):
        # `setsid -f python bot.py`: forks, and setsid returns at once
        detached = replace(inner, background=True)
        return run_call(detached, ctx.step(call.location, "`setsid --fork` detaches it").deeper(background=True))
    return run_call(inner, ctx.deeper())


def cycle(ctx: Context, call: Call, what: str) -> Analysis:
    """DPL006 where a script (a Makefile target) runs itself again, directly or through
    others it runs: the inner run is not followed (each pass would fan out again)."""
    ctx.limit(call.location, f"{what} is run again from inside itself (a cycle); the inner run was not analysed",
              "start the process once, without a script that runs itself")
    return Analysis()


def script(call: Call, ctx: Context, path_text: str, skip: int) -> Analysis:
    """A shell script file: read it from the repo and analyse its text."""
    from ..commands.shell_files import generated, run_generated

    entry = generated(ctx, path_text)
    copied = entry.source if entry is not None and entry.text is None else None
    if copied is not None:  # `cp deploy/run.sh /app/run.sh` earlier: the file it copied
        path_text, entry = copied, None
    if entry is not None:  # `cat > /app/run.sh <<EOF ... EOF` earlier in the start command
        return run_generated(call, ctx, path_text, entry)
    mapped = ctx.in_image(path_text) if path_text.startswith("/") else None  # a file the image copied there
    if copied is not None and not copied.startswith("/"):
        mapped = copied  # a repository path already
    if mapped is None and path_text.startswith("/"):
        from ..formats.platform_common import checkout_path  # `/opt/app/run.sh` under systemd: the checkout

        mapped = checkout_path(ctx.repo, ctx.cwd, ctx.platform, path_text)
    if mapped is None and not path_text.startswith("$") and not ctx.repo.exists(join(ctx.cwd, path_text)):
        from .go import binary

        built = binary(call, ctx, path_text)  # `/app/bot`, `bin/bot`: built from the repository's Go package
        if built is not None:
            return built
    if mapped is None and skip == 1 and _system_program(path_text):
        from . import other  # `/usr/sbin/nginx -g 'daemon off;'`: the system's program, as if named bare

        return other(call, ctx)
    if mapped is None and (path_text.startswith("/") or path_text.startswith("$")):
        ctx.unresolved(call.location, f"`{path_text}` is outside the repository or only known at run time",
                       "use a path relative to the repository so the script can be checked")
        return Analysis([ctx.process(call, kind="unknown")])
    path = mapped if mapped is not None else join(ctx.cwd, path_text)
    repo = ctx.repo
    if not repo.exists(path):
        if "/" in path_text or path_text.endswith(".sh"):
            ctx.missing(call.at(skip - 1 if skip else 0),
                        f"`{path_text}` is not in the repository (looked for {path})",
                        "fix the path, or commit the script")
        return Analysis([ctx.process(call, kind="unknown" if "/" in path_text else "other")])
    text = repo.read_text(path)
    if text is None:
        return Analysis()
    first = text.split("\n", 1)[0]
    if first.startswith("#!") and "python" in first:
        from . import python

        return python.script_process(call, ctx, path)
    if first.startswith("#!") and "node" in first:
        return Analysis([ctx.process(call, kind="node", entry=path, language="javascript")])
    if first.startswith("#!") and _foreign_interpreter(first):
        # `#!/usr/bin/env ruby` (a Rails `bin/rails`): that program's script, not shell text to parse
        return Analysis([ctx.process(call, kind="other", entry=path)])
    from ..model import Location

    note = f"runs script {path}"
    if any(step.note == note for step in ctx.trace):  # the script runs itself: a cycle, cut at once
        return cycle(ctx, call, f"`{path}`")
    inner = ctx.step(call.location, note)
    # its arguments are $1.. and "$@" (ENTRYPOINT ["./entrypoint.sh"] + CMD ["python", "bot.py"])
    return inner.deeper(background=call.background or ctx.background, positional=tuple(call.argv[1:]),
                        script=path).analyse_shell(text, Location(path, 1, 1))


_FOREIGN = frozenset({"ruby", "jruby", "perl", "php", "lua", "tclsh", "wish", "Rscript", "raku", "elixir", "crystal",
                      "osascript", "expect", "awk", "gawk"})


def _foreign_interpreter(shebang: str) -> bool:
    """A `#!` line naming an interpreter that is neither a shell nor one deploylint reads
    (`#!/usr/bin/env ruby`, `#!/usr/bin/perl -w`): the file is that language's program."""
    words = shebang[2:200].split()
    if words and posixpath.basename(words[0]) == "env":
        words = [w for w in words[1:] if not w.startswith("-") and "=" not in w]
    if not words:
        return False
    name = posixpath.basename(words[0]).rstrip("0123456789.")
    return name in _FOREIGN

