"""Which command one Railway service runs: the precedence shared by Config as Code
(railway.json/toml) and Infrastructure as Code (.railway/railway.ts|py).

Highest first (https://docs.railway.com/reference/config-as-code,
https://docs.railway.com/builds/dockerfiles, Railpack docs `config/procfile`,
`languages/python`, `languages/node` at https://railpack.com):
1. the service start command (`deploy.startCommand`, IaC `start`);
2. a Dockerfile: `RAILWAY_DOCKERFILE_PATH` / `build.dockerfilePath`, or a `Dockerfile`
   in the service's root directory (Railway always builds it when present), its
   ENTRYPOINT/CMD;
3. Railpack: `RAILPACK_START_CMD`, then `railpack.json` `deploy.startCommand`, then ONE
   Procfile process (web, else worker, else the first), then the language default
   (Python: Django/FastAPI/Flask, else `python` on the first of main.py, app.py,
   start.py, bot.py, hello.py, server.py; Node: `scripts.start`, `main`, index.js/ts).
"""
from __future__ import annotations

import posixpath
import re
from ..record import dataclass, field

from ..model import Command, Copies, Launch, Location, Shadow, Step
from ..repo import Repo, join
from ..textutil import clip as _clip

PYTHON_MAIN_FILES = ("main.py", "app.py", "start.py", "bot.py", "hello.py", "server.py")
PYTHON_MARKERS = ("requirements.txt", "pyproject.toml", "Pipfile", "setup.py", "uv.lock", "poetry.lock")
NOT_DOCKER_BUILDERS = ("NIXPACKS", "RAILPACK", "HEROKU", "PAKETO")


@dataclass
class Service:
    """What Railway needs to know about one service to pick its command."""

    label: str  # "Railway service `bot`" / "Railway service (railway.json)"
    config: str  # the file that defines the service
    directory: str  # root directory: where the build and the command run
    copies: Copies
    start: str | None = None
    start_at: Location | None = None  # where the start command is written
    start_what: str = "deploy.startCommand"  # how the config names it
    builder: str = ""
    builder_at: Location | None = None
    dockerfile: str | None = None  # an explicit Dockerfile path (root-relative)
    context: str | None = None  # the build context when it is not `directory` (Railway builds the root directory)
    dockerfile_at: Location | None = None
    env: dict[str, str] = field(default_factory=dict)
    env_at: dict[str, Location] = field(default_factory=dict)
    name: str = "service"
    start_label: str = ""  # the launch label when the start command runs
    schedule: str = ""  # `deploy.cronSchedule`: a cron service
    schedule_at: Location | None = None


@dataclass
class Resolved:
    """What one service runs: its launches (one runs; Procfile processes Railway ignores
    are listed with runs=False), the start commands it shadows (DPL107) and the Dockerfile
    Railway builds for it (`used`: the caller records it in `repo.consumed`, so that a
    check can ask "what would Railway run" without changing what the formats consumed)."""

    launches: list[Launch]
    shadows: list[Shadow]
    used: str | None = None

    def __iter__(self):  # `launches, shadows, used = resolve(...)`
        return iter((self.launches, self.shadows, self.used))


def resolve(repo: Repo, service: Service) -> Resolved:
    """The launches of one service and what it shadows; reads the repository only
    (DPL003 for a named Dockerfile that is missing is the one problem it reports)."""
    launches, shadows, used = _resolve(repo, service)
    if service.schedule:
        for launch in launches:
            cron(launch, service.schedule, service.schedule_at)
    return Resolved(launches, shadows, used)


def cron(launch: Launch, schedule: str, where: Location | None) -> None:
    """A cron service (https://docs.railway.com/cron-jobs): Railway runs its start command
    on the schedule and skips a run while the previous one is still running, so its runs
    never overlap one another, and a deploy does not start a run beside a running one. The
    docs say nothing of replicas for a cron service: one run at a time is what they
    describe, so the copies are one. What a run starts still runs beside the project's
    other services (DPL101)."""
    if not launch.runs:
        return
    launch.schedule = schedule
    launch.copies = Copies()
    launch.overlaps.clear()
    launch.note = (f"cron service (schedule `{schedule}`): Railway starts a run on the schedule and skips it while "
                   "the previous run is still running")
    if where is not None:
        launch.steps.append(Step(where, f"cronSchedule `{schedule}`: one run at a time, each run is expected to exit"))


def _resolve(repo: Repo, service: Service) -> tuple[list[Launch], list[Shadow], str | None]:
    directory = service.directory
    dockerfile = service.dockerfile
    explicit = dockerfile is not None
    env_path = service.env.get("RAILWAY_DOCKERFILE_PATH")
    if dockerfile is None and env_path:
        dockerfile, explicit = join(directory, env_path), True
        service.dockerfile_at = service.env_at.get("RAILWAY_DOCKERFILE_PATH", service.dockerfile_at)
    builder = service.builder.upper()
    if dockerfile is None and builder not in NOT_DOCKER_BUILDERS and repo.exists(join(directory, "Dockerfile")):
        dockerfile = join(directory, "Dockerfile")
    uses_dockerfile = dockerfile is not None and builder not in ("NIXPACKS", "RAILPACK")
    used = None
    if uses_dockerfile:
        if not repo.exists(dockerfile):
            if explicit:
                repo.problem("DPL003", service.dockerfile_at or Location(service.config, 1, 1),
                             f"{service.config} names the Dockerfile {dockerfile}, which is not in the repository",
                             "fix the path or commit the Dockerfile")
        else:
            used = dockerfile
    procfile = join(directory, "Procfile")
    procfiles = [procfile] if repo.exists(procfile) else []
    launches: list[Launch] = []
    shadows: list[Shadow] = []
    if service.start and service.start.strip():
        where = service.start_at or Location(service.config, 1, 1)
        location = repo.value_location(where, service.start) if where.path.endswith((".json", ".toml")) else where
        launches.append(Launch(service.name, service.start_label or f"{service.label} `{service.start_what}`", where,
                               Command(location, shell=service.start), service.copies, cwd=directory,
                               source=f"{service.label} `{service.start_what}`"))
        shadows += _shadowed(repo, service, procfiles, dockerfile if uses_dockerfile else None, service.start_what)
        return launches, shadows, used
    if uses_dockerfile:
        if repo.exists(dockerfile):
            launch = _dockerfile_launch(repo, dockerfile, service)
            if launch is not None:
                launches.append(launch)
        shadows += _shadowed(repo, service, procfiles, None, f"the Dockerfile ({dockerfile})", dockerfile)
        return launches, shadows, used
    if builder == "NIXPACKS" or builder == "":
        found = _nixpacks(repo, service, directory, first=builder == "NIXPACKS")
        if found is not None:
            launches.append(found)
            return launches, shadows, used
    railpack = service.env.get("RAILPACK_START_CMD") if builder != "NIXPACKS" else None
    if railpack:
        where = service.env_at.get("RAILPACK_START_CMD") or Location(service.config, 1, 1)
        launches.append(Launch(service.name, f"{service.label} (RAILPACK_START_CMD)", where,
                               Command(where, shell=railpack), service.copies, cwd=directory, source="RAILPACK_START_CMD"))
        return launches, shadows, used
    found = _railpack_json(repo, directory) if builder != "NIXPACKS" else None
    if found is not None:
        start, where = found
        launches.append(Launch(service.name, f"{service.label} (railpack.json deploy.startCommand)", where,
                               Command(repo.value_location(where, start), shell=start), service.copies, cwd=directory,
                               source="railpack.json deploy.startCommand"))
        return launches, shadows, used
    if procfiles:
        return procfile_launches(repo, procfiles[0], service), shadows, used
    default = language_default(repo, directory)
    if default is not None:
        command, where, why = default
        launches.append(Launch(service.name, f"{service.label} (Railpack default: {why})", where,
                               Command(where, shell=command), service.copies, cwd=directory,
                               source=f"Railpack default: {why}"))
    return launches, shadows, used


def _nixpacks(repo: Repo, service: Service, directory: str, first: bool) -> Launch | None:
    """Nixpacks' start command (`NIXPACKS_START_CMD`, nixpacks.toml/json `[start] cmd`),
    which wins over the Procfile. With builder NIXPACKS it is the builder's own; with no
    builder named (the dashboard decides), a Nixpacks config beside a Config-as-Code file
    (a service old enough to have one) is the repository's word that the service builds with
    Nixpacks, unless Railpack is configured too (RAILPACK_START_CMD or railpack.json, which
    Railpack reads first); an IaC service is new and builds with Railpack unless told."""
    if not first and (service.env.get("RAILPACK_START_CMD") or _railpack_json(repo, directory) is not None
                      or not service.config.endswith((".json", ".toml"))):
        return None  # Railpack configured, or an IaC service (new services build with Railpack)
    from .names import is_nixpacks

    if not any(k.startswith("NIXPACKS_") for k in service.env) and not repo.named(is_nixpacks):
        return None  # nothing Nixpacks reads: the module is not imported
    from . import nixpacks

    found = nixpacks.start_command(repo, directory, service.env, service.env_at)
    if found is None:
        return None
    start, where, what = found
    return Launch(service.name, f"{service.label} (Nixpacks: {what})", where, Command(where, shell=start),
                  service.copies, cwd=directory, source=what)


def _railpack_json(repo: Repo, directory: str):
    path = join(directory, "railpack.json")
    if not repo.exists(path):
        return None
    from .. import jsonfile

    doc = jsonfile.load(repo, path)
    deploy = doc.data.get("deploy") if doc is not None and isinstance(doc.data, dict) else None
    start = deploy.get("startCommand") if isinstance(deploy, dict) else None
    if isinstance(start, str) and start.strip():
        return start, doc.where("deploy", "startCommand")
    return None


def language_default(repo: Repo, directory: str) -> tuple[str, Location, str] | None:
    """Railpack's start command when nothing else names one: (command, where, why)."""
    python = any(repo.exists(join(directory, m)) for m in PYTHON_MARKERS) or \
        any(repo.exists(join(directory, m)) for m in PYTHON_MAIN_FILES) or repo.exists(join(directory, "manage.py"))
    if python:
        found = _python_default(repo, directory)
        if found is not None:
            return found
    package = join(directory, "package.json")
    if repo.exists(package):
        from .. import jsonfile

        doc = jsonfile.load(repo, package)
        data = doc.data if doc is not None and isinstance(doc.data, dict) else {}
        scripts = data.get("scripts") if isinstance(data.get("scripts"), dict) else {}
        if isinstance(scripts.get("start"), str) and scripts["start"].strip():
            return "npm start", doc.where("scripts", "start"), "package.json scripts.start"
        if isinstance(data.get("main"), str) and data["main"].strip():
            return f"node {data['main']}", doc.where("main"), "package.json main"
        for name in ("index.js", "index.ts"):
            if repo.exists(join(directory, name)):
                return f"node {name}", Location(join(directory, name), 1, 1), name
    return None


def _python_default(repo: Repo, directory: str):
    manage = join(directory, "manage.py")
    if repo.exists(manage):
        wsgi = next((p for p in repo.files if p.endswith("/wsgi.py") and posixpath.dirname(posixpath.dirname(p)) == directory), None)
        if wsgi:
            module = posixpath.relpath(wsgi, directory or ".")[:-3].replace("/", ".")
            return f"python manage.py migrate && gunicorn {module}:application", Location(manage, 1, 1), "Django"
    requirements = " ".join((repo.peek(join(directory, m)) or "").lower() for m in PYTHON_MARKERS[:3])
    for name in PYTHON_MAIN_FILES:
        path = join(directory, name)
        if not repo.exists(path):
            continue
        text = repo.peek(path) or ""
        stem = name[:-3]
        if "fastapi" in requirements and re.search(r"\bFastAPI\s*\(", text) and re.search(r"^app\s*=", text, re.M):
            return f"uvicorn {stem}:app --host 0.0.0.0 --port ${{PORT:-8000}}", Location(path, 1, 1), "FastAPI"
        if "flask" in requirements and re.search(r"\bFlask\s*\(", text) and re.search(r"^app\s*=", text, re.M):
            return f"gunicorn --bind 0.0.0.0:${{PORT:-8000}} {stem}:app", Location(path, 1, 1), "Flask"
        return f"python {name}", Location(path, 1, 1), f"python on {name}"
    return None


def _dockerfile_launch(repo: Repo, dockerfile: str, service: Service) -> Launch | None:
    from . import dockerfile as docker

    launch = docker.launch_for(repo, dockerfile, context=_context(service))
    if launch is None:
        return None
    launch.copies = service.copies
    launch.label = f"{service.label} (Dockerfile {dockerfile})"
    launch.source = f"Dockerfile {dockerfile}"
    if service.name != "service":  # an IaC service: name the launch after it
        launch.name = service.name
    return launch


def _context(service: Service) -> str:
    """Railway builds every Dockerfile, wherever `dockerfilePath` puts it, with the
    service's root directory as the build context (`COPY . .` copies that directory)."""
    return service.context if service.context is not None else service.directory


def procfile_launches(repo: Repo, path: str, service: Service) -> list[Launch]:
    """Railpack runs ONE Procfile process: web, else worker, else the first."""
    from . import procfile

    entries = procfile.parse(repo, path)
    runnable = [e for e in entries if e.name != "release"]
    chosen = next((e for e in runnable if e.name == "web"), None) or next(
        (e for e in runnable if e.name == "worker"), None) or (runnable[0] if runnable else None)
    launches = []
    for entry in runnable:
        runs = entry is chosen
        label = f"{service.label} (Procfile `{entry.name}`)"
        launches.append(Launch(
            entry.name, label, entry.location, entry.command,
            service.copies if runs else Copies(), cwd=posixpath.dirname(path), role=procfile._role(entry.name), runs=runs,
            note="" if runs else f"Railway runs one Procfile process per service (`{chosen.name}`); `{entry.name}` never starts",
            source=f"Procfile `{entry.name}`",
        ))
    return launches


def _shadowed(repo: Repo, service: Service, procfiles: list[str], dockerfile: str | None, winner: str,
              built: str | None = None) -> list[Shadow]:
    """Start commands Railway ignores here (DPL107). `built`: the Dockerfile that wins
    when no start command is set. From 2026-12-01 Railway no longer reads Config as Code
    (checks/deprecated_config.past_cutoff): what the file set no longer wins, so the
    finding says what runs instead and blames the file's setting, not the Procfile or the
    Dockerfile that now runs."""
    from .names import RAILWAY_NAMES

    shadows = []
    if posixpath.basename(service.config) not in RAILWAY_NAMES:
        procfiles = []  # `railway.<service>.toml` or an IaC service: another service may run the Procfile
    where = service.start_at if winner == service.start_what else service.builder_at
    where = where or Location(service.config, 1, 1)
    legacy = service.config.endswith((".json", ".toml"))  # Config as Code, not IaC
    from ..checks.deprecated_config import CUTOFF, past_cutoff

    unread = legacy and past_cutoff()
    root_dockerfile = join(service.directory, "Dockerfile")
    found_anyway = repo.exists(root_dockerfile)  # Railway builds a root Dockerfile without being told
    for path in procfiles:
        from . import procfile

        entries = procfile.parse(repo, path)
        names = ", ".join(f"`{e.name}`" for e in entries)
        runnable = [e for e in entries if e.name != "release"]
        chosen = next((e for e in runnable if e.name == "web"), None) or next(
            (e for e in runnable if e.name == "worker"), None) or (runnable[0] if runnable else None)
        by_config = winner == service.start_what or (built is not None and built != root_dockerfile)
        if _says_the_same(repo, service, runnable, winner, built, root_dockerfile if unread and found_anyway else None):
            continue
        if unread and by_config and not found_anyway and chosen is not None:
            setting = f"sets `{service.start_what}` (`{_clip(service.start or '')}`)" if winner == service.start_what \
                else f"points Railway at {built}"
            what = "a start command" if winner == service.start_what else "the Dockerfile path"
            shadows.append(Shadow(
                where,
                f"{service.config} {setting}, but Railway no longer reads {service.config} (since {CUTOFF}): unless the "
                f"service's dashboard sets {what}, Railway runs {path} `{chosen.name}` (`{_clip(chosen.command.text if chosen.command else '')}`) "
                f"instead",
                f"move the setting to .railway/railway.ts (`railway config migrate`) or the service's dashboard, or make "
                f"{path} `{chosen.name}` start what Railway should run; then delete {service.config}",
                [Step(where, f"{service.config}: no longer read"), Step(chosen.location, f"{path}: Railway runs `{chosen.name}`")],
            ))
            continue
        if unread and found_anyway:
            message = f"{path} ({names}) is ignored on Railway: Railway builds {root_dockerfile} (a Dockerfile in the service's root)"
            steps = [Step(Location(root_dockerfile, 1, 1), f"Railway builds {root_dockerfile}")]
        else:
            message = f"{path} ({names}) is ignored on Railway: {service.config} makes Railway start {winner}"
            if legacy and by_config and not found_anyway and chosen is not None:
                message += (f" (until {CUTOFF}, when Railway stops reading {service.config}; then it runs "
                            f"`{chosen.name}` unless the service's dashboard sets {'a start command' if winner == service.start_what else 'the Dockerfile path'})")
            steps = [Step(where, f"{service.config}: Railway starts {winner}")]
        shadows.append(Shadow(
            Location(path, 1, 1), message,
            f"remove the Procfile (Railway builds from {winner}, so this file only misleads), or move its commands into {service.config}",
            steps,
        ))
    if dockerfile and repo.exists(dockerfile):
        from . import dockerfile as docker

        launch = docker.launch_for(repo, dockerfile, context=_context(service))
        if launch is not None and launch.command is not None and _program(launch.command.text) != _program(service.start or "") \
                and not _sibling_runs(repo, service, _program(launch.command.text)):
            if unread and dockerfile == root_dockerfile:
                shadows.append(Shadow(
                    where,
                    f"{service.config} sets {service.start_what} `{_clip(service.start or '')}` to replace the Dockerfile's "
                    f"`{_clip(launch.command.text)}`, but Railway no longer reads {service.config} (since {CUTOFF}): unless "
                    f"the service's dashboard sets a start command, the image's `{_clip(launch.command.text)}` runs",
                    f"move the start command to .railway/railway.ts (`railway config migrate`) or the dashboard, or make the "
                    f"Dockerfile start what Railway should run; then delete {service.config}",
                    [Step(where, f"{service.config}: no longer read"), Step(launch.command.location, "the image's command runs")],
                ))
            else:
                shadows.append(Shadow(
                    launch.command.location,
                    f"the Dockerfile's `{launch.command.text}` never runs on Railway: {service.start_what} `{service.start}` replaces it",
                    f"make the Dockerfile CMD and {service.start_what} start the same program, or drop one of them",
                    [Step(where, f"{service.config}: {service.start_what} = `{service.start}`")],
                ))
    return shadows



def _sibling_runs(repo: Repo, service: Service, program: str) -> bool:
    """Whether another per-service config beside this one (`railway.web.json` beside
    `railway.worker.json`, one Dockerfile for all) runs the Dockerfile's own command: then
    the CMD is the default one service uses and the others replace on purpose, not a
    command that never runs."""
    from .names import RAILWAY_NAMES, is_railway
    from .railway import load

    if posixpath.basename(service.config) in RAILWAY_NAMES or not service.config.endswith((".json", ".toml")):
        return False
    directory = posixpath.dirname(service.config)
    for path in repo.named(is_railway):
        if path == service.config or posixpath.dirname(path) != directory:
            continue
        config = load(repo, path)
        start = config.get("deploy", "startCommand") if config is not None else None
        if not isinstance(start, str) or not start.strip() or _program(start) == program:
            return True
    return False


def same_words(one: str, other: str) -> bool:
    """Two start commands with the same words as the shell splits them, whatever the
    quoting or spacing (`sh -c "a & b"` and exec-form `["sh", "-c", "a & b"]` too); the
    blank-separated words when the quoting is broken. The one comparison of commands for
    Railway (railway_unread builds its looser `same program` on it)."""
    return _shell_words(one) == _shell_words(other)


def _shell_words(text: str) -> tuple[str, ...]:
    import shlex

    try:
        return tuple(shlex.split(text))
    except ValueError:
        return tuple(text.split())


def _says_the_same(repo: Repo, service: Service, runnable: list, winner: str, built: str | None,
                   root_dockerfile: str | None) -> bool:
    """Whether every process the Procfile declares runs exactly what Railway starts anyway
    (the start command, and the Dockerfile's CMD when that one runs instead): then the
    ignored Procfile changes nothing and saying so is noise (`web: npm start` beside
    `startCommand: npm start`)."""
    if not runnable or any(e.command is None for e in runnable):
        return False
    texts = set()
    if winner == service.start_what and service.start:
        texts.add(_shell_words(service.start))
    for path in {p for p in (built, root_dockerfile) if p}:
        if not repo.exists(path):
            return False
        from . import dockerfile as docker

        launch = docker.launch_for(repo, path, context=_context(service))
        if launch is None or launch.command is None:
            return False
        texts.add(_shell_words(launch.command.text))
    return len(texts) == 1 and all(_shell_words(e.command.text) in texts for e in runnable)


def _program(command: str) -> str:
    """The script or module a command is about, for comparing two start commands."""
    words = [w for w in re.split(r"\s+", command.replace('"', " ").replace("'", " ")) if w]
    interesting = [w for w in words if w.endswith((".py", ".js", ".ts", ".sh")) or ":" in w]
    return interesting[0] if interesting else (words[0] if words else "")
