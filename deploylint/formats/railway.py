"""railway.json / railway.toml (config as code): what one Railway service starts.

Railway's order (https://docs.railway.com/reference/config-as-code,
https://docs.railway.com/guides/dockerfiles): `deploy.startCommand` wins; otherwise a
Dockerfile build (builder DOCKERFILE, a dockerfilePath, or a Dockerfile at the root)
runs the image's ENTRYPOINT/CMD and the Procfile is ignored; otherwise Nixpacks or
Railpack run ONE Procfile process (web, else worker, else the first). Copies are
numReplicas, or the sum of multiRegionConfig.<region>.numReplicas. Every deploy overlaps
the old and new containers for a moment; overlapSeconds makes it longer.
"""
from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass

from ..model import Command, Copies, Launch, Location, Overlap, Step, Target
from ..repo import Repo, join
from ..safe import mapping, to_int
from .names import is_railway



@dataclass
class RailwayConfig:
    path: str
    data: dict
    locate: object  # (key, ...) -> Location

    def get(self, *keys, default=None):
        node = self.data
        for key in keys:
            if not isinstance(node, dict) or key not in node:
                return default
            node = node[key]
        return node


def load(repo: Repo, path: str) -> RailwayConfig | None:
    return repo.memo(("railway", path), lambda: _load(repo, path))


def _load(repo: Repo, path: str) -> RailwayConfig | None:
    if path.endswith(".json"):
        from .. import jsonfile

        doc = jsonfile.load(repo, path)
        if doc is None:
            return None
        data, locate = doc.data, (lambda keys: doc.where(*keys))
    else:
        data, locate = _load_toml(repo, path)
        if data is None:
            return None
    if not isinstance(data, dict):
        repo.problem("DPL002", Location(path, 1, 1), "railway config must be an object at the top level",
                     "see https://docs.railway.com/reference/config-as-code")
        return None
    from .. import schema

    schema.check(repo, data, "railway", locate, what=path)
    return RailwayConfig(path, data, locate)


def _load_toml(repo: Repo, path: str):
    text = repo.read_text(path)
    if text is None:
        return None, None
    try:
        import tomllib
    except ModuleNotFoundError:  # Python 3.10
        import tomli as tomllib
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        match = re.search(r"\(at line (\d+), column (\d+)\)", str(error))
        where = Location(path, int(match.group(1)), int(match.group(2))) if match else Location(path, 1, 1)
        message = re.sub(r"\s*\(at line \d+, column \d+\)", "", str(error))
        repo.problem("DPL001", where, f"invalid TOML: {message}", "fix the TOML syntax")
        return None, None
    lines = text.splitlines()
    return data, lambda keys: _toml_where(path, lines, keys)


def _toml_where(path: str, lines: list[str], keys: tuple) -> Location:
    """The line of `key` under its `[table]` (best effort: TOML parsers give no positions)."""
    keys = tuple(str(k) for k in keys)
    if not keys:
        return Location(path, 1, 1)
    table, current = keys[:-1], ()
    for number, line in enumerate(lines, start=1):
        stripped = line.strip()
        header = re.fullmatch(r"\[+\s*([^\]]+?)\s*\]+", stripped)
        if header:
            current = tuple(part.strip().strip('"') for part in header.group(1).split("."))
            if current == keys:
                return Location(path, number, 1)
            continue
        match = re.match(r"([A-Za-z0-9_.\"-]+)\s*=", stripped)
        if match:
            full = current + tuple(p.strip('"') for p in match.group(1).split("."))
            if full == keys or (full[: len(keys)] == keys):
                return Location(path, number, line.index(stripped[0]) + 1)
    return Location(path, 1, 1) if len(keys) == 1 else _toml_where(path, lines, table)


def targets(repo: Repo) -> list[Target]:
    found = []
    for path in repo.named(is_railway):
        config = load(repo, path)
        if config is not None:
            found.append(_target(repo, config))
    return found


def _target(repo: Repo, config: RailwayConfig) -> Target:
    path = config.path
    directory = posixpath.dirname(path)
    target = Target("railway", path, Location(path, 1, 1), env={"RAILWAY_ENVIRONMENT": "production"})
    copies = _copies(config)
    target.overlaps.append(Overlap("Railway starts the new deployment before it stops the old one", Location(path, 1, 1), explicit=False))
    overlap = config.get("deploy", "overlapSeconds")
    if isinstance(overlap, (int, float)) and not isinstance(overlap, bool) and overlap > 0:
        target.overlaps.append(Overlap(f"deploy.overlapSeconds = {overlap}", config.locate(("deploy", "overlapSeconds"))))
    start = config.get("deploy", "startCommand")
    builder = str(config.get("build", "builder", default="")).upper()
    dockerfile_path = config.get("build", "dockerfilePath")
    dockerfile = join(directory, dockerfile_path) if isinstance(dockerfile_path, str) else None
    if dockerfile is None and builder not in ("NIXPACKS", "RAILPACK", "HEROKU", "PAKETO") and repo.exists(join(directory, "Dockerfile")):
        dockerfile = join(directory, "Dockerfile")
    uses_dockerfile = dockerfile is not None and builder not in ("NIXPACKS", "RAILPACK")
    if uses_dockerfile:
        if not repo.exists(dockerfile):
            repo.problem("DPL003", config.locate(("build", "dockerfilePath")),
                         f"build.dockerfilePath names {dockerfile}, which is not in the repository",
                         "fix the path or commit the Dockerfile")
        else:
            repo.consumed.add(dockerfile)
    procfiles = [p for p in (join(directory, "Procfile"),) if repo.exists(p)]
    if isinstance(start, str) and start.strip():
        where = config.locate(("deploy", "startCommand"))
        target.launches.append(Launch("service", "Railway `deploy.startCommand`", where,
                                      Command(repo.value_location(where, start), shell=start), copies, cwd=directory))
        _shadowed(repo, target, config, procfiles, dockerfile if uses_dockerfile else None, winner="deploy.startCommand")
    elif uses_dockerfile:
        launch = _dockerfile_launch(repo, dockerfile, copies) if repo.exists(dockerfile) else None
        if launch is not None:
            target.launches.append(launch)
        _shadowed(repo, target, config, procfiles, None, winner=f"the Dockerfile ({dockerfile})")
    elif procfiles:
        target.launches.extend(_procfile_launches(repo, procfiles[0], copies))
    return target


def _copies(config: RailwayConfig) -> Copies:
    regions = config.get("deploy", "multiRegionConfig")
    if isinstance(regions, dict) and regions:
        counts = {name: to_int(r.get("numReplicas", 1)) for name, r in regions.items() if isinstance(r, dict)}
        total = sum(c for c in counts.values() if isinstance(c, int))
        if total > 1:
            detail = ", ".join(f"{name}: {count}" for name, count in counts.items())
            return Copies(total, f"multiRegionConfig replicas ({detail})", config.locate(("deploy", "multiRegionConfig")))
    replicas = to_int(config.get("deploy", "numReplicas"))  # a 5000-digit int is no count
    if isinstance(replicas, int) and not isinstance(replicas, bool) and replicas > 1:
        return Copies(replicas, f"deploy.numReplicas = {replicas}", config.locate(("deploy", "numReplicas")))
    for name, environment in mapping(config.get("environments")).items():
        replicas = to_int(mapping(environment.get("deploy")).get("numReplicas")) if isinstance(environment, dict) else None
        if isinstance(replicas, int) and not isinstance(replicas, bool) and replicas > 1:
            return Copies(replicas, f"environments.{name}.deploy.numReplicas = {replicas}",
                          config.locate(("environments", name, "deploy", "numReplicas")))
    return Copies()


def _dockerfile_launch(repo: Repo, dockerfile: str, copies: Copies) -> Launch | None:
    from . import dockerfile as docker

    launch = docker.launch_for(repo, dockerfile, context=posixpath.dirname(dockerfile))
    if launch is None:
        return None
    launch.copies = copies
    launch.label = f"Railway service (Dockerfile {dockerfile})"
    return launch


def _procfile_launches(repo: Repo, path: str, copies: Copies) -> list[Launch]:
    from . import procfile

    entries = procfile.parse(repo, path)
    runnable = [e for e in entries if e.name != "release"]
    chosen = next((e for e in runnable if e.name == "web"), None) or next(
        (e for e in runnable if e.name == "worker"), None) or (runnable[0] if runnable else None)
    launches = []
    for entry in runnable:
        runs = entry is chosen
        launches.append(Launch(
            entry.name, f"Railway service (Procfile `{entry.name}`)", entry.location, entry.command,
            copies if runs else Copies(), cwd=posixpath.dirname(path), role=procfile._role(entry.name), runs=runs,
            note="" if runs else f"Railway runs one Procfile process per service (`{chosen.name}`); `{entry.name}` never starts",
        ))
    return launches


def _shadowed(repo: Repo, target: Target, config: RailwayConfig, procfiles: list[str], dockerfile: str | None, winner: str) -> None:
    """Start commands Railway ignores here (DPL107)."""
    from ..model import Shadow
    from .names import RAILWAY_NAMES

    if posixpath.basename(config.path) not in RAILWAY_NAMES:
        procfiles = []  # `railway.<service>.toml` is one service's config: another service may run the Procfile

    where = config.locate(("deploy", "startCommand")) if winner == "deploy.startCommand" else \
        config.locate(("build", "builder")) if config.get("build", "builder") else config.locate(("build",))
    for path in procfiles:
        names = ", ".join(f"`{e.name}`" for e in _procfile_entries(repo, path))
        target.shadows.append(Shadow(
            Location(path, 1, 1),
            f"{path} ({names}) is ignored on Railway: {config.path} makes Railway start {winner}",
            f"remove the Procfile (Railway builds from {winner}, so this file only misleads), or move its commands into {config.path}",
            [Step(where, f"{config.path}: Railway starts {winner}")],
        ))
    if dockerfile and repo.exists(dockerfile):
        from . import dockerfile as docker

        launch = docker.launch_for(repo, dockerfile, context=posixpath.dirname(dockerfile))
        if launch is not None and launch.command is not None:
            start = config.get("deploy", "startCommand")
            if _program(launch.command.text) != _program(start):
                target.shadows.append(Shadow(
                    launch.command.location,
                    f"the Dockerfile's `{launch.command.text}` never runs on Railway: deploy.startCommand `{start}` replaces it",
                    "make the Dockerfile CMD and deploy.startCommand start the same program, or drop one of them",
                    [Step(where, f"{config.path}: deploy.startCommand = `{start}`")],
                ))


def _procfile_entries(repo: Repo, path: str):
    from . import procfile

    return procfile.parse(repo, path)


def _program(command: str) -> str:
    """The script or module a command is about, for comparing two start commands."""
    words = [w for w in re.split(r"\s+", command.replace('"', " ").replace("'", " ")) if w]
    interesting = [w for w in words if w.endswith((".py", ".js", ".ts", ".sh")) or ":" in w]
    return interesting[0] if interesting else (words[0] if words else "")
