"""`pm2 start ecosystem.config.js [--only a]`, `pm2-runtime [start] ecosystem.config.js`,
`pm2-docker ...`, `pm2 start app.js -i 4 --name bot`, `pm2 start bot.py --interpreter python3`,
`pm2 start npm -- start`.

Each PM2 app runs its script `instances` times; the ecosystem file is read statically by
`formats.pm2` (never executed) and becomes part of this launch instead of a target of its own.
Other pm2 subcommands (logs, stop, delete, save...) start nothing that lasts.
"""
from __future__ import annotations

import posixpath
import re
import shlex

from ..commands import Analysis, Call, Context
from ..formats import names
from ..formats import pm2 as ecosystem
from ..model import Location
from ..repo import join

_STARTS = {"start", "restart", "reload", "startOrRestart", "startOrReload", "startOrGracefulReload", "gracefulReload"}
_VALUED = {
    "-i", "--instances", "-n", "--name", "--interpreter", "--interpreter-args", "--node-args", "--only", "--env",
    "--cwd", "-o", "--output", "-e", "--error", "-l", "--log", "--log-date-format", "--log-type",
    "--max-memory-restart", "-c", "--cron", "--cron-restart", "--listen-timeout", "--kill-timeout", "--restart-delay",
    "--exp-backoff-restart-delay", "--max-restarts", "--min-uptime", "--namespace", "-p", "--pid", "--uid", "--gid",
    "--user", "-u", "--ignore-watch", "--watch-delay", "--instance-var", "--stop-exit-codes", "--public", "--secret",
    "--machine-name", "--max-memory-restart", "--source-map-support-path", "--deep-monitoring-path",
}

# options that never take a value (the word after one is the script, even a quoted command)
_FLAGS = {"--time", "--no-autorestart", "--merge-logs", "--no-daemon", "--no-vizion", "--attach", "--update-env",
          "--force", "-f", "--silent", "-s", "--no-pmx", "--disable-trace", "--wait-ready", "--shutdown-with-message",
          "--fresh", "--no-color", "--no-treekill", "--no-automation", "--trace", "-x", "--raw", "--source-map-support"}


def expand(call: Call, ctx: Context) -> Analysis:
    args = list(call.args)
    offset = 1  # argv index of args[0]
    leading = _leading_flags(args) if call.program == "pm2" else 0  # `pm2 --no-daemon start app.js`
    args, offset = args[leading:], offset + leading
    if call.program == "pm2" or args[:1] == ["start"]:
        if not args or args[0] not in _STARTS and call.program == "pm2":
            return _one_shot(call, ctx)
        sub, args, offset = args[0], args[1:], 2
    else:
        sub = "start"  # `pm2-runtime ecosystem.config.js`
    options, targets, passed = _parse(args)
    if not targets:
        return _one_shot(call, ctx)
    result = Analysis()
    for index, target in targets:
        where = call.at(index + offset)
        if names.PM2_DATA_CONFIG.match(target) or names.PM2_JS_CONFIG.match(posixpath.basename(target)):
            # `pm2 start /app/docker/ecosystem.config.js`: the file the image copied there
            mapped = ctx.in_image(target) if target.startswith("/") else None
            result.add(_ecosystem(call, ctx, mapped or join(ctx.cwd, target), where, options))
        elif sub == "start" or ctx.repo.exists(join(_cwd(ctx, options), target)):
            result.add(_script(call, ctx, target, where, options, passed, offset))
        else:  # `pm2 reload api`: an app started elsewhere
            result.add(_one_shot(call, ctx))
    return result


def _leading_flags(args: list[str]) -> int:
    """How many of `args` are flags written before the subcommand (`--no-daemon`, `-s`):
    PM2 accepts its options on either side of `start`."""
    count = 0
    while count < len(args) and args[count].startswith("-") and args[count] != "--" and args[count] not in _VALUED:
        count += 1
    return count


def _one_shot(call: Call, ctx: Context) -> Analysis:
    return Analysis([ctx.process(call, kind="other", long_running=False)])


def _parse(args: list[str]) -> tuple[dict[str, str], list[tuple[int, str]], tuple[str, ...]]:
    """(options, (index, file-or-script) positionals, words after `--`)."""
    options: dict[str, str] = {}
    targets: list[tuple[int, str]] = []
    i = 0
    while i < len(args):
        arg = args[i]
        if arg == "--":
            return options, targets, tuple(args[i + 1:])
        if arg.startswith("--") and "=" in arg:
            key, value = arg.split("=", 1)
            options[key] = value
        elif arg in _VALUED and i + 1 < len(args):
            options[arg] = args[i + 1]
            options[f"@{arg}"] = str(i + 1)  # where the value is written, for locations
            i += 1
        elif arg in _FLAGS:
            options[arg] = ""  # `--time "poetry run python bot.py"`: the quoted command is the target
        elif arg.startswith("--") and i + 1 < len(args) and _option_value(args[i + 1]):
            options[arg] = args[i + 1]  # an option deploylint does not know, with a value no file has
            i += 1
        elif arg.startswith("-"):
            options[arg] = ""
        else:
            targets.append((i, arg))
        i += 1
    return options, targets, ()


def _option_value(word: str) -> bool:
    """A word that is an option's value, never a script: a cron pattern or other text
    with blanks (`--cronjob "*/5 * * * * *"`)."""
    return not word.startswith("-") and (any(c.isspace() for c in word) or word.startswith("*"))


def _option(options: dict[str, str], *names: str) -> str | None:
    return next((options[n] for n in names if n in options), None)


def _cwd(ctx: Context, options: dict[str, str]) -> str:
    cwd = _option(options, "--cwd")
    return join(ctx.cwd, cwd) if cwd and not cwd.startswith("/") else ctx.cwd


def _ecosystem(call: Call, ctx: Context, path: str, where: Location, options: dict[str, str]) -> Analysis:
    repo = ctx.repo
    command = " ".join(call.argv)
    if not repo.exists(path):
        ctx.missing(where, f"`{command}` reads {path}, which is not in the repository",
                    "fix the path (it is relative to the working directory), or commit the ecosystem file")
        return Analysis([ctx.process(call, kind="unknown")])
    repo.consumed.add(path)
    apps = ecosystem.parse(repo, path)
    if apps is None:
        ctx.unresolved(where, f"`{command}`: {path} declares no PM2 `apps`", "export `{apps: [...]}` from the file")
        return Analysis()
    only = {name.strip() for name in (_option(options, "--only") or "").split(",") if name.strip()}
    chosen = [app for app in apps if not only or app.name in only]
    for name in sorted(only - {app.name for app in apps}):
        ctx.missing(where, f"`{command}`: --only {name} matches no app in {path} (apps: {', '.join(a.name for a in apps) or 'none'})",
                    "fix the app name in --only or in the ecosystem file")
    environment = _option(options, "--env")
    result = Analysis()
    for app in chosen:
        # PM2 resolves an app's relative script and cwd against the directory pm2 runs in,
        # not the ecosystem file's (Common.prepareAppConf: path.resolve(cwd || process.cwd()))
        run = ecosystem.run_of(repo, app, base=ctx.cwd)
        env = {**ctx.env, **app.env, **(app.envs.get(environment, {}) if environment else {})}
        result.add(_run_app(ctx, app, run, env))
    return result


def _script(call: Call, ctx: Context, script: str, where: Location, options: dict[str, str],
            passed: tuple[str, ...], offset: int) -> Analysis:
    """`pm2 start app.js -i 4 --name bot`: one app described on the command line."""
    cwd = _cwd(ctx, options)
    instances_text = _option(options, "-i", "--instances")
    instances = ecosystem.Unknown(instances_text) if instances_text and instances_text.startswith("$") else instances_text
    keys = {"script": where}
    for flag in ("-i", "--instances"):
        if f"@{flag}" in options:
            keys["instances"] = call.at(int(options[f"@{flag}"]) + offset)
    app = ecosystem.App(
        name=_option(options, "--name", "-n") or posixpath.splitext(posixpath.basename(script))[0],
        script=script, args=passed, interpreter=_option(options, "--interpreter"),
        interpreter_args=tuple(_split(_option(options, "--interpreter-args", "--node-args") or "")),
        cwd=None, instances=instances, exec_mode=None, env={}, location=call.location, config="", keys=keys,
    )
    run = ecosystem.run_of(ctx.repo, app, base=cwd)
    return _run_app(ctx, app, run, dict(ctx.env))


def _run_app(ctx: Context, app, run, env: dict[str, str]) -> Analysis:
    if run.argv is None:
        return Analysis()  # the script is only known at run time (reported with the file)
    how = f"{run.copies.count}{' assumed' if run.copies.assumed else ''}"
    inner = ctx.step(app.location, f"PM2 app `{app.name}` ({run.mode} mode, instances: {how})",
                     copies=ctx.copies.times(run.copies), cwd=run.cwd, env=env)
    return inner.analyse_argv(run.argv, run.location)


def _split(text: str) -> list[str]:
    try:
        return shlex.split(text)
    except ValueError:
        return re.split(r"\s+", text.strip())
