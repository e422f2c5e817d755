"""DPL005 deprecated-config: a config file its platform no longer reads or is about to
stop reading. Today: Railway Config as Code (`railway.json` / `railway.toml`), which
Railway stops reading on 2026-12-01 (https://docs.railway.com/config-as-code); the
replacement is Infrastructure as Code in `.railway/railway.ts`
(https://docs.railway.com/infrastructure-as-code), written by `railway config migrate`.

The wording follows the calendar: before the cutoff the file "stops being read", from the
cutoff on it "is no longer read". The date is today's (UTC), or the one `SOURCE_DATE_EPOCH`
gives (seconds since 1970, the reproducible-builds convention) so that output can be pinned.

The fix (unsafe, `--fix --unsafe-fixes`): checks/railway_migrate writes the `.railway/railway.ts`
that `railway config migrate` writes and deletes the old file, where that is certain.
Documentation: rules/DPL005.md.
"""
from __future__ import annotations

import os
import posixpath
import time

from ..model import Finding, Location, Severity

CODE = "DPL005"
NAME = "deprecated-config"
SEVERITY = Severity.INFO
SUMMARY = "a config file its platform no longer reads or is about to stop reading"
CUTOFF = "2026-12-01"
FIX = "sometimes"  # --fix --unsafe-fixes: the migration to .railway/railway.ts (checks/railway_migrate)


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
                                f"Railway ignores {path} (Config as Code is deprecated and {_when('is no longer read since', 'stops being read on')} {CUTOFF})",
                          Location(path, 1, 1),
                          f"delete {path}; make sure {iac} sets what it did ({_mapping(config)})")
            continue
        if past_cutoff():
            message = (f"{path} is Railway Config as Code, which Railway no longer reads (since {CUTOFF}): "
                       "the service runs with its dashboard settings, not with this file")
        else:
            message = (f"{path} is Railway Config as Code, which is deprecated: Railway stops reading it on {CUTOFF}, "
                       "and the service then runs with its dashboard settings")
        message += _without(repo, path, config)
        from .railway_migrate import migration

        yield Finding(CODE, message,
                      Location(path, 1, 1),
                      f"run `railway config migrate` to move it to .railway/railway.ts ({_mapping(config, _latent(plan, path))})"
                      f"{_when(' so that these settings apply again', '')}, then delete {path}",
                      fix=migration(repo, path, config))


def _without(repo, path: str, config) -> str:
    """What changes when the file is not read: the command Railway falls back to (the
    dashboard's start command if one is set, else the Dockerfile, a Procfile process or
    the language default, railway_start) and the copies it no longer sets. The dashboard
    is never updated from the file (https://docs.railway.com/guides/config-as-code)."""
    if config is None:
        return ""
    from ..formats.railway_start import resolve
    from ..formats.railway_unread import default_service, same_start

    parts = []
    start = config.get("deploy", "startCommand")
    if isinstance(start, str) and start.strip():
        launches = resolve(repo, default_service(repo, path)).launches
        chosen = next((l for l in launches if l.runs and l.command is not None), None)
        fallback = chosen.command.text if chosen is not None else None  # shell or exec form
        if fallback is None:
            parts.append(f"unless its dashboard sets a start command, the service {_when('has', 'will have')} none (`{_plain(start)}` is only in this file)")
        elif not same_start(repo, chosen, start):
            source = chosen.label.split("(", 1)[1].rstrip(")") if "(" in chosen.label else chosen.label
            if source.startswith("Dockerfile "):  # "Dockerfile Dockerfile" said once
                source = f"the image built from {source[len('Dockerfile '):]}"
            parts.append(f"unless its dashboard sets a start command, Railway {_when('starts', 'will start')} `{_plain(fallback)}` ({source}), "
                         f"not `{_plain(start)}`")
    replicas = config.get("deploy", "numReplicas")
    if config.get("deploy", "multiRegionConfig"):
        parts.append(f"its replicas {_when('come', 'will come')} from the dashboard, not from `multiRegionConfig` here")
    elif isinstance(replicas, int) and not isinstance(replicas, bool) and replicas != 1:
        parts.append(f"its replicas {_when('come', 'will come')} from the dashboard, not from `numReplicas: {replicas}` here")
    return "".join(f"; {part}" for part in parts)


def _plain(command: str) -> str:
    return _short(command, 60)[1:-1]


def today(environ=os.environ) -> str:
    """Today's date (UTC) as YYYY-MM-DD, or the date of `SOURCE_DATE_EPOCH` when it holds a
    plausible count of seconds (anything else is ignored, never an error)."""
    now = time.time()
    pinned = environ.get("SOURCE_DATE_EPOCH", "").strip()
    if pinned.isdigit() and len(pinned) <= 12:
        now = int(pinned)
    try:
        return time.strftime("%Y-%m-%d", time.gmtime(now))
    except (OverflowError, OSError, ValueError):
        return time.strftime("%Y-%m-%d", time.gmtime())


def past_cutoff(environ=os.environ) -> bool:
    return today(environ) >= CUTOFF


def _when(after: str, before: str) -> str:
    return after if past_cutoff() else before


def _latent(plan, path: str) -> str:
    """The singleton a migration would copy (`numReplicas` of a poller, DPL102's warning), or ""."""
    from .common import singleton_hits

    for instance, evidence in singleton_hits(plan):
        if instance.target.location.path == path and instance.launch.unread_copies is not None:
            return evidence.singleton
    return ""


def _mapping(config, latent: str = "") -> str:
    """What the file's settings become in .railway/railway.ts (`latent`: the singleton the
    copies would multiply: the mapping says to make them 1)."""
    if config is None:
        return "`deploy.startCommand` -> `start`, `deploy.numReplicas` -> `replicas`"
    parts = []
    start = config.get("deploy", "startCommand")
    if isinstance(start, str):
        parts.append(f"`startCommand: {_short(start)}` -> `start: {_short(start)}`")
    replicas = config.get("deploy", "numReplicas")
    regions = config.get("deploy", "multiRegionConfig")
    if latent:
        copies = f"`numReplicas: {replicas}` -> `replicas: {replicas}`" \
            if isinstance(replicas, int) and not isinstance(replicas, bool) else "`multiRegionConfig` -> `replicas`"
        parts.append(f"{copies}: make it 1, every copy would start {latent.split(' (')[0]} (DPL102)")
    elif isinstance(replicas, int) and not isinstance(replicas, bool):
        parts.append(f"`numReplicas: {replicas}` -> `replicas: {replicas}`")
    if isinstance(regions, dict) and regions and not latent:
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
