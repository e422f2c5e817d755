"""DPL005 deprecated-config: a config file its platform no longer reads or is about to
stop reading. Today: Railway Config as Code (`railway.json` / `railway.toml`), which
Railway stops reading on 2026-12-01 (https://docs.railway.com/config-as-code); the
replacement is Infrastructure as Code in `.railway/railway.ts`
(https://docs.railway.com/infrastructure-as-code), written by `railway config migrate`.

Documentation: rules/DPL005.md.
"""
from __future__ import annotations

import posixpath

from ..model import Finding, Location, Severity

CODE = "DPL005"
NAME = "deprecated-config"
SEVERITY = Severity.INFO
SUMMARY = "a config file its platform no longer reads or is about to stop reading"
CUTOFF = "2026-12-01"


def check(plan):
    from ..formats.names import is_railway

    repo = plan.repo
    paths = repo.named(is_railway)
    if not paths or ("railway-iac",) not in getattr(repo, "_memo", {}):
        return  # no Railway config, or the Railway format was not read (`--platform` without railway)
    from ..formats import railway, railway_iac

    _, managed = railway_iac.targets(repo)
    for path in paths:
        directory = posixpath.dirname(path)
        config = railway.load(repo, path)  # memoised: parse problems are reported once
        iac = railway_iac.supersedes(repo, directory)
        if iac:
            which = "already manages this service" if directory in managed else "declares the whole project"
            yield Finding(CODE, f"{path} is Railway Config as Code, and {iac} {which}: "
                                f"Railway ignores {path} (Config as Code is deprecated and stops being read on {CUTOFF})",
                          Location(path, 1, 1),
                          f"delete {path}; make sure {iac} sets what it did ({_mapping(config)})")
            continue
        yield Finding(CODE, f"{path} is Railway Config as Code, which is deprecated: Railway stops reading it on {CUTOFF}, "
                            "and the service then runs with its dashboard settings",
                      Location(path, 1, 1),
                      f"run `railway config migrate` to move it to .railway/railway.ts ({_mapping(config)}), "
                      f"then delete {path}")


def _mapping(config) -> str:
    """What the file's settings become in .railway/railway.ts."""
    if config is None:
        return "`deploy.startCommand` -> `start`, `deploy.numReplicas` -> `replicas`"
    parts = []
    start = config.get("deploy", "startCommand")
    if isinstance(start, str):
        parts.append(f"`startCommand: {_short(start)}` -> `start: {_short(start)}`")
    replicas = config.get("deploy", "numReplicas")
    if isinstance(replicas, int) and not isinstance(replicas, bool):
        parts.append(f"`numReplicas: {replicas}` -> `replicas: {replicas}`")
    regions = config.get("deploy", "multiRegionConfig")
    if isinstance(regions, dict) and regions:
        mapping = ", ".join(f"\"{name}\": {r.get('numReplicas', 1) if isinstance(r, dict) else r}" for name, r in list(regions.items())[:4])
        parts.append(f"`multiRegionConfig` -> `replicas: {{ {mapping} }}`")
    if config.get("deploy", "healthcheckPath") is not None:
        parts.append("`healthcheckPath` -> `healthcheck`")
    if config.get("build", "dockerfilePath") is not None or config.get("build", "builder") is not None:
        parts.append("`build.*` -> the service's `build`")
    envs = config.get("environments")
    if isinstance(envs, dict) and envs:
        names = ", ".join(f"`{name}`" for name in list(envs)[:3])
        parts.append(f"`environments.{{{names}}}` -> branches on `ctx.environment`")
    return "; ".join(parts) or "its settings become `service(name, { start, replicas })`"


def _short(text: str, limit: int = 40) -> str:
    text = " ".join(text.split())
    return f'"{text}"' if len(text) <= limit else f'"{text[: limit - 1]}…"'
