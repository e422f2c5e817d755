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
from ..record import dataclass

from ..model import Copies, Location, Overlap, Shadow, Step, Target
from ..repo import Repo, join
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
    from .platform_common import parse_toml, toml_where

    text = repo.read_text(path)
    data = parse_toml(repo, path, text) if text is not None else None
    if data is None:
        return None, None
    lines = text.splitlines()
    return data, lambda keys: toml_where(path, lines, keys)


def targets(repo: Repo) -> list[Target]:
    """Railway targets: one per Infrastructure-as-Code file (.railway/railway.ts|js|py,
    all services of the project) and one per Config-as-Code file no IaC file covers
    (railway_iac.supersedes). IaC wins: a service cannot be managed by both, and Config
    as Code stops being read on 2026-12-01 (https://docs.railway.com/infrastructure-as-code).
    In one directory railway.toml wins over railway.json."""
    from ..checks.deprecated_config import past_cutoff
    from . import railway_iac

    iac, managed = railway_iac.targets(repo)
    found = list(iac)
    paths = repo.named(is_railway)
    for path in paths:
        directory = posixpath.dirname(path)
        if directory in managed or railway_iac.supersedes(repo, directory):
            continue
        if path.endswith(".json") and join(directory, "railway.toml") in paths:
            continue  # railway.toml wins; reported as a shadow on its target
        config = load(repo, path)
        if config is not None:
            target = _target(repo, config)
            twin = join(directory, "railway.json")
            if path.endswith(".toml") and twin in paths and not past_cutoff():  # after the cutoff: neither is read (DPL005)
                target.shadows.append(Shadow(
                    Location(twin, 1, 1), f"{twin} is ignored: Railway reads {path} when both are in one directory",
                    f"delete {twin} (or merge what it sets into {path})", [Step(Location(path, 1, 1), f"{path} wins over {twin}")]))
            found.append(target)
    return found


def environments(config: RailwayConfig) -> list[tuple[str, dict]]:
    """("", the base config) and (name, base merged with `environments.<name>`)."""
    out = [("", config.data)]
    envs = config.get("environments")
    if isinstance(envs, dict):
        for name, override in list(envs.items())[:50]:
            if isinstance(override, dict):
                out.append((str(name), _merge(config.data, override)))
    return out


def _dockerfile_path(repo: Repo, directory: str, path: str) -> tuple[str, str | None]:
    """`build.dockerfilePath`, relative to the service's root directory. A config at the
    top of its directory (the usual `app/railway.json`) sits in that root; a config kept
    elsewhere under a custom name (`deploy/railway/railway.bot.json`, set as the service's
    config path) says nothing about the root, which is most often the repository's: the
    path is looked up beside the config first, then from the repository root (which is
    then also the build context). Returns (the Dockerfile, the context or None)."""
    beside = join(directory, path)
    if directory and not repo.exists(beside) and repo.exists(join("", path)):
        return join("", path), ""
    return beside, None


def _merge(base: dict, override: dict, depth: int = 0) -> dict:
    merged = {k: v for k, v in base.items() if k != "environments"} if depth == 0 else dict(base)
    for key, value in override.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict) and depth < 20:
            merged[key] = _merge(merged[key], value, depth + 1)
        else:
            merged[key] = value
    return merged


def _target(repo: Repo, config: RailwayConfig) -> Target:
    from .railway_start import Service, resolve

    path = config.path
    directory = posixpath.dirname(path)
    target = Target("railway", path, Location(path, 1, 1), env={"RAILWAY_ENVIRONMENT": "production"})
    environment, data, copies = _worst(config)
    prefix = ("environments", environment) if environment and _has(data, config.get("environments", environment), "deploy", "startCommand") else ()
    target.overlaps.append(Overlap("Railway starts the new deployment before it stops the old one", Location(path, 1, 1), explicit=False))
    from ..checks.deprecated_config import past_cutoff

    unread = past_cutoff()  # from 2026-12-01 Railway no longer reads the file (railway_unread)
    overlap = _get(data, "deploy", "overlapSeconds")
    if isinstance(overlap, (int, float)) and not isinstance(overlap, bool) and overlap > 0 and not unread:
        target.overlaps.append(Overlap(f"deploy.overlapSeconds = {overlap}", config.locate(("deploy", "overlapSeconds"))))
    start = _get(data, "deploy", "startCommand")
    dockerfile_path = _get(data, "build", "dockerfilePath")
    dockerfile, context = _dockerfile_path(repo, directory, dockerfile_path) if isinstance(dockerfile_path, str) \
        else (None, None)
    from .railway_unread import service_root

    service = Service(
        "Railway service", path, service_root(repo, path), copies,  # a custom-named config: its code's directory
        start=start if isinstance(start, str) else None,
        start_at=config.locate((*prefix, "deploy", "startCommand")),
        start_label="Railway `deploy.startCommand`" + (f" (environment `{environment}`)" if prefix else ""),
        builder=str(_get(data, "build", "builder") or ""),
        builder_at=config.locate(("build", "builder")) if config.get("build", "builder") else config.locate(("build",)),
        dockerfile=dockerfile,
        context=context,
        dockerfile_at=config.locate(("build", "dockerfilePath")),
    )
    schedule = _get(data, "deploy", "cronSchedule")
    if isinstance(schedule, str) and schedule.strip():
        service.schedule = " ".join(schedule.split())[:80]
        service.schedule_at = config.locate(("deploy", "cronSchedule"))
        if not unread:
            target.overlaps.clear()  # no run starts beside a running one, on a deploy either
    if unread:
        from .railway_unread import resolve_unread

        launches, shadows, built = resolve_unread(repo, path, service)
        repo.consumed.update(built)
        target.launches.extend(launches)
        target.shadows.extend(shadows)
        return target
    launches, shadows, used = resolve(repo, service)
    if used:
        repo.consumed.add(used)  # the Dockerfile this service builds is not a target of its own
    target.launches.extend(launches)
    target.shadows.extend(shadows)
    return target


def _has(_data, override, *keys) -> bool:
    return _get(override, *keys) is not None if isinstance(override, dict) else False


def _get(data, *keys):
    for key in keys:
        if not isinstance(data, dict) or key not in data:
            return None
        data = data[key]
    return data


def _worst(config: RailwayConfig) -> tuple[str, dict, Copies]:
    """The environment with the most copies (the base config first on a tie)."""
    best = ("", config.data, Copies())
    for name, data in environments(config):
        copies = _copies(config, data, name)
        if copies.count > best[2].count:
            best = (name, data, copies)
    return best


def _count(value) -> int | None:
    """A count of copies: `1e309` (JSON's Infinity) is none (the schema rejects it: DPL002),
    a huge whole number is capped (count_of)."""
    from ..code.js_static import count_of

    return None if isinstance(value, float) and value in (float("inf"), float("-inf")) else count_of(value)


def _copies(config: RailwayConfig, data: dict, environment: str = "") -> Copies:
    prefix = ("environments", environment) if environment else ()
    own = config.get(*prefix) if prefix else config.data
    suffix = f" in environment `{environment}`" if environment else ""
    regions = _get(data, "deploy", "multiRegionConfig")
    if isinstance(regions, dict) and regions:
        counts = {name: (r.get("numReplicas", 1) if isinstance(r, dict) else r) for name, r in regions.items()}
        total = min(sum(c for c in (_count(v) for v in counts.values()) if c is not None), 10_000)
        if total > 1:
            detail = ", ".join(f"{name}: {count}" for name, count in counts.items())
            where_prefix = prefix if _get(own, "deploy", "multiRegionConfig") is not None else ()
            return Copies(total, f"multiRegionConfig replicas ({detail}){suffix}",
                          config.locate((*where_prefix, "deploy", "multiRegionConfig")))
    written = _get(data, "deploy", "numReplicas")
    replicas = _count(written)
    if replicas is not None and replicas > 1:
        where_prefix = prefix if _get(own, "deploy", "numReplicas") is not None else ()
        name = ".".join((*where_prefix, "deploy", "numReplicas"))
        said = f"{name} = {replicas}" if written == replicas else f"{name} = {str(written)[:40]}, counted as {replicas}"
        return Copies(replicas, said, config.locate((*where_prefix, "deploy", "numReplicas")))
    return Copies()
