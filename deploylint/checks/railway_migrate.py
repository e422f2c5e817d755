"""DPL005's unsafe fix: a `railway.json` / `railway.toml` moved to `.railway/railway.ts`.

The text is the one `railway config migrate` (the Railway CLI, src/commands/config/migrate.rs)
writes for `--lang ts` next to the directory it runs in: one `service(<directory name>, {...})`
in `project(<same name>, { resources: [web] })`, with `build`, `start`, `healthcheck`,
`healthcheckTimeout` and `replicas`, and the settings the DSL has no field for kept as
`// <key> from CaC: <value>` comments. Two places differ, both to keep the copies the file
ran: one `replicas` key (the CLI writes `numReplicas` and then the region map as a second
`replicas`, and the second wins), and the region map as `{ "<region>": n }` (the DSL's form)
instead of the Config as Code objects.

Offered only where the result is certain: the repository's only Config as Code file, named
`railway.json` or `railway.toml` (what the CLI finds), no Infrastructure as Code file yet,
every value of the type the CLI reads, and nothing the migration would silently drop that
decides what runs: per-environment overrides (`environments`) and a `cronSchedule` (which
the CLI only writes as a comment) keep the finding without a fix.
"""
from __future__ import annotations

import json
import posixpath

from ..model import FileEdit, Fix

# keys the CLI carries as comments (in its order), then the ones it drops: kept as comments too
_COMMENTED = (("build", "dockerfilePath"), ("build", "builder"), ("deploy", "preDeployCommand"),
              ("build", "watchPatterns"))
_DROPPED = (("build", "nixpacksConfigPath"), ("build", "nixpacksPlan"), ("deploy", "restartPolicyType"),
            ("deploy", "restartPolicyMaxRetries"), ("deploy", "sleepApplication"), ("deploy", "drainingSeconds"),
            ("deploy", "overlapSeconds"), ("deploy", "runtime"), ("deploy", "limitOverride"))
_MAX_COMMENT = 200  # characters of a value kept in a comment


def migration(repo, path: str, config) -> Fix | None:
    """The fix for `path`, or None where the migration is not certain."""
    name = posixpath.basename(path)
    if name not in ("railway.json", "railway.toml") or config is None or not isinstance(config.data, dict):
        return None
    from ..formats import railway_iac
    from ..formats.names import is_railway

    if repo.named(is_railway) != [path] or railway_iac.files(repo):
        return None
    directory = posixpath.dirname(path)
    target = posixpath.join(directory, ".railway", "railway.ts")
    if repo.exists(target) or repo.is_dir(posixpath.join(directory, ".railway")):
        return None
    service = _service_name(repo, directory)
    text = emit(service, config)
    if text is None or not _faithful(text):
        return None
    return Fix("unsafe", f"move it to {target} as `railway config migrate` writes it (service \"{service}\"), "
                         f"then delete {path}: review the comments, then `railway config plan`",
               (FileEdit(target, text), FileEdit(path, None)))


def _service_name(repo, directory: str) -> str:
    """The CLI's guess: the name of the directory holding the file (run from there)."""
    base = posixpath.basename(directory) if directory else posixpath.basename(str(repo.root).rstrip("/"))
    return base or "web"


def _int(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and -2**63 <= value < 2**63


def emit(service: str, config) -> str | None:
    """The `.railway/railway.ts` text, or None when a value is not of the type the CLI reads
    or the file sets what the migration would drop."""
    deploy, build = config.get("deploy", default={}), config.get("build", default={})
    if not isinstance(deploy, dict) or not isinstance(build, dict):
        return None
    environments = config.get("environments")
    if environments not in (None, {}) or deploy.get("cronSchedule") is not None:
        return None
    fields = []
    for source, key, dsl in ((build, "buildCommand", "build"), (deploy, "startCommand", "start"),
                             (deploy, "healthcheckPath", "healthcheck")):
        value = source.get(key)
        if value is None:
            continue
        if not isinstance(value, str):
            return None
        fields.append(f"    {dsl}: {_js(value)},")
    timeout = deploy.get("healthcheckTimeout")
    if timeout is not None:
        if not _int(timeout):
            return None
        fields.append(f"    healthcheckTimeout: {timeout},")
    replicas = _replicas(deploy)
    if replicas is False:
        return None
    if replicas is not None:
        fields.append(f"    replicas: {replicas},")
    for section, key in (*_COMMENTED, *_DROPPED):
        value = (build if section == "build" else deploy).get(key)
        if value is not None:
            fields.append(f"    // {key} from CaC: {_comment(value)}")
    body = f"  const web = service({_js(service)});\n" if not fields else \
        f"  const web = service({_js(service)}, {{\n" + "\n".join(fields) + "\n  });\n"
    return ('import { defineRailway, project, service } from "railway/iac";\n\n'
            "export default defineRailway(() => {\n"
            f"{body}\n"
            f"  return project({_js(service)}, {{\n"
            "    resources: [web],\n"
            "  });\n"
            "});\n")


def _replicas(deploy: dict):
    """`replicas`' value as text, None when the file sets no copies, False when unreadable."""
    count, regions, region = deploy.get("numReplicas"), deploy.get("multiRegionConfig"), deploy.get("region")
    if count is not None and not (_int(count) and count >= 0):
        return False
    if regions is not None:
        if not isinstance(regions, dict) or len(regions) > 64:
            return False
        parts = []
        for name, entry in regions.items():
            if entry is None:
                continue  # a region set to null is removed
            copies = entry.get("numReplicas", 1) if isinstance(entry, dict) else entry
            if not (_int(copies) and copies >= 0):
                return False
            parts.append(f"{_js(name)}: {copies}")
        return "{ " + ", ".join(parts) + " }" if parts else False
    if region is not None:
        if not isinstance(region, str):
            return False
        return f"{{ {_js(region)}: {count if count is not None else 1} }}"
    return None if count is None else str(count)


def _faithful(text: str) -> bool:
    """False when the text cannot say what the file said: a lone surrogate (a directory
    name that is not UTF-8) cannot be written, and U+FFFD is what the JSON reader put in
    place of a `\\ud800` escape (a value Railway's reader rejects, not a character to copy)."""
    if "\ufffd" in text:
        return False
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _js(value: str) -> str:
    """A JS string literal (JSON's, as the CLI writes them), with U+2028/U+2029 escaped."""
    return json.dumps(value, ensure_ascii=False).replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


def _comment(value) -> str:
    """A value on one comment line: JSON, control characters and line breaks escaped, cut."""
    try:
        text = json.dumps(value, ensure_ascii=True, default=str)
    except (ValueError, TypeError, RecursionError):
        text = "..."
    return text if len(text) <= _MAX_COMMENT else text[:_MAX_COMMENT - 1] + "…"
