"""A Railway Config-as-Code service after the cutoff: what Railway starts once it no
longer reads `railway.json` / `railway.toml` (2026-12-01, https://docs.railway.com/config-as-code).

"The settings in the dashboard will not be updated with the settings defined in code"
(https://docs.railway.com/guides/config-as-code): nothing the file set survives it. The
service then runs with its dashboard settings, which the repository does not show; what the
repository does show is what Railway starts when the dashboard sets nothing: the builder's
default (railway_start with no start command, no builder, no Dockerfile path): a
`Dockerfile` in the service's root directory (Railway builds it whenever it is there), else
Railpack (`railpack.json`, ONE Procfile process, the language default). One replica (the
dashboard's default), no cron schedule, no `overlapSeconds`, no `environments` overrides.

A `.railway/railway.ts|py|go` that manages the service is not this module's business: it
wins before and after the cutoff (railway_iac.supersedes).

The plan follows what runs; each launch's trace starts at the unread file. A setting of the
file that no longer wins (a start command, a Dockerfile path, a builder) and whose program
differs from what now runs is DPL107 at its own line, naming what runs instead.
"""
from __future__ import annotations

import posixpath

from ..model import Copies, Launch, Location, Shadow, Step
from ..repo import Repo, join
from .names import RAILWAY_NAMES
from ..textutil import clip as _clip

# files that say "the service's code is here" (its root directory)
_ROOT_MARKERS = ("Dockerfile", "Procfile", "package.json", "railpack.json", "requirements.txt", "pyproject.toml",
                 "Pipfile", "main.py", "app.py", "bot.py", "index.js")


def service_root(repo: Repo, path: str) -> str:
    """The root directory of the service a config belongs to. `railway.json` sits at the top
    of its root directory (Railway looks for it there); a custom-named config
    (`deploy/railway/railway.bot.json`, a path set in the dashboard) says nothing about the
    root: its own directory when the code is there, else the repository's root."""
    directory = posixpath.dirname(path)
    if not directory or posixpath.basename(path) in RAILWAY_NAMES:
        return directory
    if any(repo.exists(join(directory, name)) for name in _ROOT_MARKERS):
        return directory
    return ""


def default_service(repo: Repo, path: str):
    """The service as Railway sees it without the file: nothing set."""
    from .railway_start import Service

    return Service("Railway service", path, service_root(repo, path), Copies())


def resolve_unread(repo: Repo, path: str, written) -> tuple[list[Launch], list[Shadow], list[str]]:
    """(launches, shadows, Dockerfiles to mark consumed) for a Config-as-Code service after
    the cutoff. `written`: the railway_start.Service the file describes."""
    from ..checks.deprecated_config import CUTOFF
    from .railway_start import resolve

    default = resolve(repo, default_service(repo, path))
    launches = default.launches
    if posixpath.basename(path) not in RAILWAY_NAMES:
        # a per-service config (`railway.bot.json`): the Procfile processes this service does
        # not run may be other services' (DPL106 is for the one-service layout)
        launches = [l for l in launches if l.runs]
    running = next((l for l in launches if l.runs), None)
    unread = Step(Location(path, 1, 1), f"{path} is no longer read by Railway (since {CUTOFF})"
                  + (f": unless the service's dashboard sets a start command, Railway runs {_source(running)}"
                     if running is not None else ""))
    for launch in launches:
        if launch.runs:
            # said in the label, not as a trace step of its own: the same launch reached
            # through another platform (Render building the same Dockerfile) keeps the same
            # trace places, so the engine reports the problem once
            launch.label = launch.label[:-1] + f"; {path} is no longer read)" if launch.label.endswith(")") \
                else f"{launch.label} ({path} is no longer read)"
        else:
            launch.steps.insert(0, unread)  # DPL106 "never starts": why Railway runs another process
        if launch.runs and written.schedule:
            launch.note = (f"`cronSchedule` `{written.schedule}` is only in {path}: without it the service runs as an "
                           "ordinary service" + (f"; {launch.note}" if launch.note else ""))
    shadows = list(default.shadows)
    before = _written_launch(repo, written)
    changed = _changed(repo, written, before, running)
    if changed is None and running is not None and written.copies.count > 1 and not written.schedule:
        running.unread_copies = written.copies  # `railway config migrate` carries them to `replicas`
    if changed is not None and running is not None:
        ran = before[0]
        if ran is not None and ran.location.path in {s.location.path for s in shadows}:
            # "the Procfile is ignored" says less than the unread setting that made Railway run it
            shadows = [s for s in shadows if s.location.path != ran.location.path]
        where, setting, what = changed
        now = running.command.text if running.command is not None else ""
        shadows.append(Shadow(
            where,
            f"{path} {setting}, but Railway no longer reads {path} (since {CUTOFF}): unless the service's dashboard "
            f"sets {what}, Railway runs {_source(running)} (`{_clip(now)}`) instead",
            f"move the setting to .railway/railway.ts (`railway config migrate`) or the service's dashboard, or make "
            f"{_source(running)} start what Railway should run; then delete {path}",
            [Step(where, f"{path}: no longer read"),
             Step(running.command.location if running.command is not None else running.location,
                  f"Railway runs {_source(running)}")],
        ))
    used = [d for d in (default.used, before[1] if before else None) if d]
    return launches, shadows, used


def _written_launch(repo: Repo, written):
    """(the launch the file made Railway run, the Dockerfile it built) as read before the cutoff."""
    from .railway_start import resolve

    found = repo.memo(("railway-written", written.config), lambda: resolve(repo, written))
    chosen = next((l for l in found.launches if l.runs), None)
    return chosen, found.used


def _changed(repo: Repo, written, before, running):
    """(where, what the file set, what the dashboard would have to set) when the file's
    setting made Railway run another program than the one it runs now; None otherwise."""
    if running is None or running.command is None:
        return None  # nothing known runs now: DPL005 says what the file set
    now = running.command.text
    start = (written.start or "").strip()
    if start:
        if _same_in(repo, running.cwd, start, now):
            return None
        return (written.start_at or Location(written.config, 1, 1),
                f"sets `{written.start_what}` (`{_clip(start)}`)", "a start command")
    chosen, built = before if before else (None, None)
    if chosen is None or chosen.command is None or _same_in(repo, running.cwd, chosen.command.text, now):
        return None
    if built and built != _root_dockerfile(running):
        return (written.dockerfile_at or written.builder_at or Location(written.config, 1, 1),
                f"points Railway at {built} (`{_clip(chosen.command.text)}`)", "the Dockerfile path")
    if written.builder and written.builder_at is not None:
        return (written.builder_at, f"sets the builder `{written.builder}` (Railway ran {_source(chosen)}: "
                                    f"`{_clip(chosen.command.text)}`)", "the builder")
    return None


def _expand(repo: Repo, cwd: str, text: str) -> str:
    import re

    found = re.fullmatch(r"\s*(?:npm|yarn|pnpm|bun)\s+(?:run(?:-script)?\s+)?([\w:.-]+)\s*", text)
    package = join(cwd, "package.json")
    if not found or not repo.exists(package):
        return text
    from .. import jsonfile

    doc = jsonfile.load(repo, package)
    scripts = doc.data.get("scripts") if doc is not None and isinstance(doc.data, dict) else None
    script = scripts.get(found.group(1)) if isinstance(scripts, dict) else None
    return script if isinstance(script, str) and script.strip() else text


def same_start(repo: Repo, launch, command: str) -> bool:
    """Whether `launch` (what Railway runs without the file) starts what `command` does."""
    return launch.command is not None and _same_in(repo, launch.cwd, command, launch.command.text)


def _same_in(repo: Repo, cwd: str, one: str, other: str) -> bool:
    """`_same`, also after replacing `npm start` & co. by the package.json script they run."""
    return _same(one, other) or _same(_expand(repo, cwd, one), _expand(repo, cwd, other))


def _same(one: str, other: str) -> bool:
    """Whether two start commands start the same program: the same words (whatever the
    quoting), or the same script or module (`python bot.py` and `python3 -u bot.py`) when
    neither starts more than one program."""
    from .railway_start import _program, same_words

    if same_words(one, other):
        return True
    several = any(op in text for text in (one, other) for op in ("&", ";", "|", "concurrently", "honcho", "supervisord"))
    return not several and _program(one) == _program(other)


def _inner(launch) -> str:
    """What starts the launch (`Launch.source`, set where railway_start builds it):
    "Dockerfile Dockerfile", "Procfile `web`", "Railpack default: ..."; the label when
    another module built it."""
    return launch.source or launch.label


def _root_dockerfile(launch) -> str | None:
    inner = _inner(launch)
    return inner[len("Dockerfile "):] if inner.startswith("Dockerfile ") else None


def _source(launch) -> str:
    """What a default launch is, for a message: "Procfile `web`", "the command of the image
    it builds from Dockerfile", "Railpack's default start (python on main.py)"."""
    inner = _inner(launch)
    if inner.startswith("Dockerfile "):
        return f"the command of the image it builds from {inner[len('Dockerfile '):]}"
    if inner.startswith("Procfile "):
        return inner
    if inner.startswith("Railpack default: "):
        return f"Railpack's default start ({inner[len('Railpack default: '):]})"
    return inner
