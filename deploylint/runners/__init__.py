"""Program runners: what a program name means for the processes it starts.

A runner is `expand(call: Call, ctx: Context) -> Analysis`. This registry maps a
program's base name to the module that handles it; modules are imported on first use.
A program with no runner is a plain process of kind "other".
"""
from __future__ import annotations

import importlib
import re
from typing import Callable

from ..commands import Analysis, Call, Context

REGISTRY: dict[str, str] = {
    # python interpreters and tools
    "python": "python", "python3": "python", "python2": "python", "py": "python",
    "pypy": "python", "pypy3": "python", "uv": "python", "poetry": "python", "pipenv": "python",
    "flask": "python", "celery": "celery",
    "huey_consumer": "task_queues", "huey_consumer.py": "task_queues", "periodiq": "task_queues",
    "dramatiq": "dramatiq", "single-beat": "python_single_beat",
    "watchmedo": "python_reloaders", "hupper": "python_reloaders", "watchfiles": "python_reloaders",
    # python servers
    "gunicorn": "servers", "uvicorn": "servers", "hypercorn": "servers", "daphne": "servers",
    "uwsgi": "servers", "waitress-serve": "servers", "fastapi": "fastapi_cli",
    "sanic": "sanic_cli",
    # shells and wrappers
    "sh": "shell", "bash": "shell", "dash": "shell", "zsh": "shell", "ash": "shell",
    "exec": "shell", "nohup": "shell", "env": "shell", "setsid": "shell", "timeout": "shell",
    "dumb-init": "shell", "tini": "shell", "gosu": "shell", "su-exec": "shell", "chpst": "shell",
    "newrelic-admin": "shell", "ddtrace-run": "shell", "opentelemetry-instrument": "shell",
    "cross-env": "shell", "env-cmd": "shell", "dotenv": "shell", "dotenvx": "shell",
    "nice": "wrappers", "ionice": "wrappers", "stdbuf": "wrappers", "taskset": "wrappers", "chrt": "wrappers",
    "sudo": "wrappers", "su": "wrappers", "runuser": "wrappers", "setpriv": "wrappers", "s6-setuidgid": "wrappers",
    "unbuffer": "wrappers", "xvfb-run": "wrappers", "catatonit": "wrappers", "doppler": "wrappers",
    # Heroku/Dokku buildpacks put these in bin/ at build time; each runs its arguments as the app
    "start-pgbouncer": "wrappers", "start-pgbouncer-stunnel": "wrappers", "start-stunnel": "wrappers",
    "start-nginx": "wrappers", "start-nginx-debug": "wrappers",
    "infisical": "wrappers", "xargs": "wrappers", "parallel": "wrappers", "make": "make", "gmake": "make", "eval": "wrappers",
    "honcho": "procfile", "foreman": "procfile", "forego": "procfile", "overmind": "procfile", "hivemind": "procfile",
    "sleep": "builtins", "pkill": "builtins", "killall": "builtins", "kill": "builtins",
    "fuser": "builtins", "trap": "builtins", "wait": "builtins", "rm": "builtins", "flock": "flock",
    "wait-for": "wrappers", "wait-for.sh": "wrappers", "wait-for-it": "wrappers", "wait-for-it.sh": "wrappers",
    "dockerize": "wrappers", "entr": "wrappers",
    # node
    "node": "node", "nodemon": "node", "ts-node": "node", "tsx": "node", "ts-node-dev": "node",
    "bun": "npm", "deno": "node",
    "npm": "npm", "yarn": "npm", "pnpm": "npm", "npx": "npm", "bunx": "npm", "pnpx": "npm",
    "tsnd": "node", "ts-node-esm": "node",
    "tsm": "node", "esno": "node", "esr": "node", "babel-node": "node", "vite-node": "node",  # TS/ESM file runners
    "concurrently": "npm", "npm-run-all": "npm", "run-p": "npm", "run-s": "npm",
    "turbo": "npm", "lerna": "npm",  # a script in every workspace package (runners/workspaces)
    "nx": "nx",  # Nx targets: run-many, run project:target (runners/nx)
    "pm2": "pm2", "pm2-runtime": "pm2", "pm2-docker": "pm2",
    "nest": "nest", "next": "next",
    "nuxt": "nuxt", "nuxi": "nuxt", "nitro": "nuxt", "nitropack": "nuxt",  # the Nitro server (runners/nuxt)
    "supervisord": "supervisord", "supervisorctl": "supervisord",
    "tmux": "terminals", "screen": "terminals",  # detached sessions (runners/terminals)
    "start-stop-daemon": "daemons", "daemonize": "daemons", "coproc": "daemons",  # detached (runners/daemons)
    "go": "go",  # `go run ./cmd/bot` (runners/go; Go binaries: runners/go_build)
}


def runner_for(argv0: str) -> Callable[[Call, Context], Analysis]:
    program = argv0.rsplit("/", 1)[-1]
    name = REGISTRY.get(program)
    if name is None and re.fullmatch(r"python\d(\.\d+)?", program):
        name = "python"
    if name is None and re.fullmatch(r"(?i)python[w\d.]*\.exe|py\.exe", program):
        name = "python"  # a Windows interpreter by path (WSL: `/mnt/c/.../python.exe bot.py`)
    if name is None and program.endswith(".py"):
        name = "python"  # an executable script: `./bot.py`
    if name is None and program in ONE_SHOT and ("/bin/" in argv0 or "/Scripts/" in argv0):
        return other  # `.venv/bin/pip install ...`, `$VENV/bin/pip`: a virtualenv's (or the system's) tool
    if name is None and "node_modules/" in argv0 and not program.endswith(".sh"):
        return other  # `./node_modules/.bin/prisma`: a package's bin, installed, never committed
    if name is None and (program.endswith(".sh") or "/" in argv0):
        name = "shell"  # `./start.sh`, `scripts/run`
    if name is None:
        return other
    module = importlib.import_module(f"{__name__}.{name}")
    return module.expand


ONE_SHOT = frozenset({
    "echo", "printf", "true", "false", "cat", "ls", "mkdir", "cp", "mv", "chmod", "chown",
    "test", "[", "export", "set", "source", ".", "cd", "pip", "pip3", "alembic", "prisma",
    "git", "apt-get", "apt", "apk", "sed", "grep", "awk", "seq", "pgrep", "pidof", "tee", "head", "tr", "cut", "sort", "wc", "touch", "ln", "date", "whoami", "env", "curl", "wget", "unset",
    "wait-on",  # waits for files or ports to appear, then exits (`wait-on dist/index.js && nodemon`)
    # shell builtins that control a script's own flow, never a process of their own
    "shift", "return", "exit", "local", "declare", "typeset", "readonly", "read", "let", ":", "break",
    "continue", "umask", "ulimit", "hash", "type", "printenv", "shopt", "disown", "alias", "sync",
    # lookups a start script makes about itself and its host; `deactivate` leaves a virtualenv
    "which", "basename", "dirname", "realpath", "readlink", "uname", "hostname", "id", "nproc", "deactivate",
    # database clients and readiness probes: a query or a check, then exit (no terminal in a container)
    "psql", "pg_isready", "mysql", "mysqladmin", "redis-cli", "mongosh", "mongo", "sqlite3", "netstat", "ss",
})


def other(call: Call, ctx: Context) -> Analysis:
    """A program deploylint does not model: a process of kind "other" (or a one-shot)."""
    if call.argv and call.argv[0] in ("$0", "${0}") and ctx.script:
        # the script re-running itself (`timeout 15 $0 --child &`, wait-for-it.sh): nothing the
        # script does not already show; no program to follow
        return Analysis([ctx.process(call, kind="unknown")])
    if call.argv and call.argv[0].startswith("$") and not (call.program in ONE_SHOT and "/bin/" in call.argv[0]):
        from ..textutil import clip

        # `$($($(...)))`: each nested substitution is a command of its own; the line is
        # said once (it was once one finding per level, each quoting the whole line)
        first: list = []
        if not call.argv[0].startswith("$(") or \
                ctx.repo.memo(("runs-substitution", call.location.path, call.location.line), lambda: first.append(1)) or first:
            ctx.unresolved(call.location, f"start command runs `{clip(call.argv[0], 80)}`, which is only known at run time",
                           "write the program name in the config so the deployment can be checked statically")
        return Analysis([ctx.process(call, kind="unknown")])
    if call.program not in ONE_SHOT:
        from .shell import on_image_path, script

        found = on_image_path(call, ctx)  # `run-bot` from a repository bin/ the image puts on PATH
        if found is not None:
            return script(call, ctx, found, 1)
        from .console_scripts import expand as console_script

        declared = console_script(call, ctx)  # `mybot` from the project's own [project.scripts]
        if declared is not None:
            return declared
        from .go import binary

        built = binary(call, ctx, call.argv[0])  # `bot`: a binary built from the repository's Go package
        if built is not None:
            return built
    return Analysis([ctx.process(call, kind="other", long_running=call.program not in ONE_SHOT and not _one_shot_form(call)
                                 and not _keep_alive(call))])


# a program deploylint does not model, run with one of these subcommands, does a task and
# exits (`ollama pull`, `mc alias set`, `docker pull`, `certbot renew`), unlike `serve`/`run`/`start`
_EXITING_VERBS = frozenset({"pull", "push", "install", "uninstall", "download", "fetch", "update", "upgrade", "init",
                            "migrate", "build", "login", "logout", "mb", "alias", "version", "healthcheck", "ping",
                            "config", "renew", "setup", "seed", "createdb", "dropdb"})


def _keep_alive(call: Call) -> bool:
    """`tail -f /dev/null` keeps a container alive and does nothing, like `sleep infinity`
    (it still orders what follows it: commands/sequence.keeps_running)."""
    if call.program != "tail":
        return False
    files = [a for a in call.args if not a.startswith("-") and not a.isdigit()]
    return files == ["/dev/null"]


def _one_shot_form(call: Call) -> bool:
    """Servers whose command line also has one-shot forms: `nginx -s reload` signals the
    running master and exits, `nginx -t` tests the config; certbot always exits."""
    if call.program == "command":  # `command -v git`: a lookup, prints a path and exits
        return bool(call.args) and call.args[0] in ("-v", "-V")
    if call.program in ("nc", "netcat", "ncat"):  # `nc -z db 5432`: a port check in a wait loop
        return any(a.startswith("-") and not a.startswith("--") and "z" in a for a in call.args)
    if call.program == "nginx":
        return any(a in ("-t", "-T", "-v", "-V", "-h", "-?") or (a.startswith("-s") and a != "-") for a in call.args)
    if call.program == "tail":  # `tail -n 5 file` prints and exits; only `tail -f` keeps running
        from ..commands.sequence import follows

        return not follows(call.args)
    if call.args[:1] in (("--version",), ("--help",)) and len(call.args) == 1:
        return True  # `steamcmd --version`: prints and exits
    if call.args and call.args[0] in _EXITING_VERBS:
        return True  # `ollama pull llama3`, `mc mb local/bucket`, `docker pull img`: a task that ends
    return call.program == "certbot"
