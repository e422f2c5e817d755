"""How PM2 runs one app of an ecosystem file: its command, copies, mode and directory
(split from formats/pm2.py).

PM2 semantics (https://pm2.keymetrics.io/docs/usage/application-declaration/):
`instances` > 1 starts that many copies; `max`/0 one per CPU and -1 one per CPU but
one; several instances of a node script run in cluster mode unless `exec_mode` says
fork; `pm2 reload` in cluster mode starts new workers before it stops the old ones.
"""
from __future__ import annotations

import posixpath
import re
import shlex
from typing import TYPE_CHECKING

from ..record import dataclass
from ..model import Copies, Location, Overlap, ONE
from ..repo import Repo, join
from ..safe import to_int

from ..code.js_static import DirPath, Unknown
from .pm2_deploy import deployed_build
from .names import is_pm2_candidate as is_candidate
from .pm2_load import _short
from ..patterns import lazy_re

if TYPE_CHECKING:
    from .pm2 import App


ASSUMED_CPUS = 2
NODE_EXTENSIONS = (".js", ".mjs", ".cjs", ".ts", ".mts", ".cts", ".tsx", ".jsx")
_BY_EXTENSION = {".py": "python3", ".sh": "bash", ".rb": "ruby", ".php": "php", ".pl": "perl"}


@dataclass(frozen=True)
class Run:
    """How PM2 starts one app: its command, copies, mode and directory."""

    argv: tuple[str, ...] | None  # None: the script is only known at run time
    location: Location  # where the script is written
    copies: Copies
    mode: str  # "cluster" or "fork"
    cwd: str
    overlap: Overlap | None


def _words(value) -> tuple[str, ...] | Unknown:
    if isinstance(value, Unknown):
        return value
    if isinstance(value, list):
        return tuple(str(v) for v in value if not isinstance(v, Unknown))
    if isinstance(value, str):
        try:
            return tuple(shlex.split(value))
        except ValueError:
            return tuple(value.split())
    return ()


def run_of(repo: Repo, app: App, base: str | None = None) -> Run:
    """The command, copies and mode of one app. Relative paths resolve against `base`,
    by default the ecosystem file's directory."""
    base = posixpath.dirname(app.config) if base is None else base
    cwd = _cwd(base, app.cwd, repo)
    script = deployed_build(repo, cwd, app.script) if isinstance(app.cwd, str) and app.cwd.startswith(("/", "~")) \
        else app.script
    if isinstance(script, str) and not isinstance(script, DirPath) and script.startswith("/") and " " not in script:
        from .platform_common import local_paths  # `script: '/root/mybot/bot.py'`: the checkout on the server

        script = local_paths(repo, cwd, script)
    argv = app_argv(repo, cwd, base, script, app.args, app.interpreter, app.interpreter_args)
    node_script = bool(argv) and argv[0] == "node"
    count, assumed, how = _instances(repo, app)
    explicit_mode = (app.exec_mode or "").removesuffix("_mode")
    mode = "cluster" if explicit_mode == "cluster" or (not explicit_mode and node_script and count > 1) else "fork"
    mode_at = app.at("exec_mode") if explicit_mode else app.at("instances")
    copies = ONE if count == 1 else Copies(count, f"PM2 `instances: {how}` ({mode} mode{_per_cpu(how)})",
                                           app.at("instances"), assumed, pm2=count)
    overlap = None
    if mode == "cluster":
        reload_at = _reload_command(repo)
        overlap = Overlap(f"`pm2 reload` in cluster mode ({reload_at})" if reload_at else "cluster mode (a `pm2 reload` would overlap old and new workers)",
                          mode_at, explicit=reload_at is not None)
    return Run(argv, app.value_at("script"), copies, mode, cwd, overlap)


_RELOAD = lazy_re(r"pm2\s+(?:reload|gracefulReload|startOrReload)\b|\bstartOrReload\b|\bgracefulReload\b")


def _reload_command(repo: Repo) -> str | None:
    """Where the repository reloads PM2 in place (a deploy hook, an npm script, a shell
    script): only then does a cluster-mode reload overlap old and new workers."""
    def find() -> str | None:
        for path in repo.files:
            name = posixpath.basename(path)
            if not (name == "package.json" or name.endswith(".sh") or is_candidate(path)
                    or path.startswith(".github/workflows/")):
                continue
            text = repo.read_text(path) or ""
            match = _RELOAD.search(text)
            if match:
                return f"{path}:{text.count(chr(10), 0, match.start()) + 1}"
        return None

    return repo.memo("pm2-reload", find)


def _per_cpu(how: str) -> str:
    if how in ("max", "0"):
        return f": one per CPU, assumed {ASSUMED_CPUS}"
    if _PER_CPU.search(how):  # `instances: os.cpus().length` (computed by the config)
        return f": one per CPU, assumed {ASSUMED_CPUS}"
    if not re.fullmatch(r"-?\d+", how):  # `process.env.N || 2`: the largest value the config can give
        return ": computed by the config; its largest known value"
    if how.startswith("-"):
        return f": one per CPU but {how[1:]}, assumed {ASSUMED_CPUS}"
    return ""


def _instances(repo: Repo, app: App) -> tuple[int, bool, str]:
    """(copies, assumed, as written)."""
    value = app.instances
    if isinstance(value, Unknown):
        guessed = _computed_instances(value)
        if guessed is not None:
            return guessed
        repo.problem("DPL004", app.value_at("instances"),
                     f"PM2 app `{app.name}`: `instances` is `{_short(value.text)}`, only known at run time; assumed 1 copy",
                     "write the number of instances in the config so the copies can be checked")
        return 1, True, value.text
    if isinstance(value, str) and re.fullmatch(r"-?\d+", value.strip()):
        value = to_int(value, default=value)  # '٣' or 5000 digits: not a count (stays a string)
    if isinstance(value, float):
        value = to_int(value, default=value)  # 2.0 -> 2; inf, nan, 1e400 stay floats (not counts)
    if value == "max" or (isinstance(value, int) and not isinstance(value, bool) and value <= 0):
        return ASSUMED_CPUS, True, str(value)
    if isinstance(value, int) and not isinstance(value, bool) and value > 1:
        return value, False, str(value)
    return 1, False, "1"


_PER_CPU = lazy_re(r"\bcpus\s*\(\s*\)\s*\.\s*length\b|\bavailableParallelism\s*\(\s*\)")


def _computed_instances(value: Unknown) -> tuple[int, bool, str] | None:
    """`instances` a JS config computes: `os.cpus().length` (one per CPU, like 'max'), or
    one of several values (`process.env.N || 2`, `prod ? os.cpus().length : 1`): the
    largest of the ones known, as for alternative branches of a shell command. None
    when nothing about it is known."""
    counts = []
    for option in value.options or (value,):
        if isinstance(option, Unknown):
            if _PER_CPU.search(option.text):
                counts.append(ASSUMED_CPUS)
            continue
        if isinstance(option, str) and option.strip() == "max":
            counts.append(ASSUMED_CPUS)
        elif isinstance(option, (int, float)) and not isinstance(option, bool) and option == option and abs(option) < 1e6:
            count = int(option)
            counts.append(ASSUMED_CPUS if count <= 0 else count)
        elif isinstance(option, str) and re.fullmatch(r"\s*-?[0-9]{1,6}\s*", option):
            count = int(option)
            counts.append(ASSUMED_CPUS if count <= 0 else count)
    if not counts:
        return None
    return max(counts), True, _short(value.text)


def _cwd(base: str, cwd, repo: Repo | None = None) -> str:
    if isinstance(cwd, DirPath):
        return join(base, cwd)
    if isinstance(cwd, str) and cwd and not cwd.startswith(("/", "~")) and not re.match(r"[A-Za-z]:[\\/]", cwd):
        return join(base, cwd)
    if isinstance(cwd, str) and cwd.startswith(("/", "~")) and repo is not None:
        return _app_root(repo, base)
    return base  # unknown: assume the ecosystem file's directory


def _app_root(repo: Repo, base: str) -> str:
    """For `cwd: '/opt/app'` (a server path): the checkout of this repository the server
    runs, read as the nearest directory from the ecosystem file's up that holds a
    package.json (`deploy/configs/ecosystem.config.cjs` of the app in the parent folders)."""
    current = base
    for _ in range(8):
        if repo.exists(join(current, "package.json")):
            return current
        if not current:
            break
        current = posixpath.dirname(current)
    return base


_SHELL_SYNTAX = lazy_re(r"[;&|<>$`()\\'\"*?~#{}\n]")


def app_argv(repo: Repo, cwd: str, base: str, script, args, interpreter: str | None,
             interpreter_args: tuple[str, ...] = ()) -> tuple[str, ...] | None:
    """The command PM2 runs for `script`: `node x.js`, `python3 bot.py`, `npm start`..."""
    if not isinstance(script, str) or not script:
        return None
    if not isinstance(script, DirPath) and " " in script.strip() and not (interpreter and interpreter != "none"):
        # PM2 runs a script with a space in it as `bash -c '<script>'` (and drops `args`):
        # `script: "cd bot && python3 main.py"` is shell text, not a file named that way
        words = _words(script) if not _SHELL_SYNTAX.search(script) else None
        return words if isinstance(words, tuple) and words else ("bash", "-c", script.strip())
    if isinstance(script, DirPath):
        script = posixpath.relpath(join(base, script), cwd or ".")
    extra = args if isinstance(args, tuple) else ()
    if interpreter and interpreter != "none":
        return (interpreter, *interpreter_args, script, *extra)
    stem, ext = posixpath.splitext(script)
    if interpreter == "none":
        return (script, *extra)
    if ext in _BY_EXTENSION:
        return (_BY_EXTENSION[ext], *interpreter_args, script, *extra)
    if ext in NODE_EXTENSIONS or repo.exists(join(cwd, script)) or "/" in script:
        return ("node", *interpreter_args, script, *extra)
    words = _words(script)  # a program on PATH: `npm`, `yarn`, or "npm run start"
    return (*words, *extra) if isinstance(words, tuple) and words else None
