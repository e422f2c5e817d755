"""fly.toml (Fly.io Launch): the process groups a Fly app runs and how many machines.

https://fly.io/docs/reference/configuration/: `[processes]` maps a group name to a command
that replaces the image's CMD (no `[processes]`: one group `app` running the image's
command); `[build]` `dockerfile` (default `Dockerfile` beside fly.toml) or `image`;
`[http_service]` / `[[services]]` (with `processes = [...]`, default every group);
`[mounts]`; `[deploy]` `strategy` and `release_command` (runs once in a temporary machine).
fly.toml holds no machine count: https://fly.io/docs/apps/app-availability/ says the
first deploy creates 2 machines for a group with services, 1 running + 1 stopped standby
for a group without, 1 when the group has a volume, and 1 with `--ha=false`;
`fly scale count N` changes it. Deploy strategies `canary` and `bluegreen` boot new
machines beside the old ones (overlap); `rolling` and `immediate` replace in place.
A fly.toml that `fly launch` wrote for apps v1 (Nomad: `processes = []`, `[experimental]
allowed_public_ports`) belongs to an app created with 1 instance, which kept its count
when Fly moved it to Machines: no 2-machine assumption there.
"""
from __future__ import annotations

import posixpath
import re
import shlex

from ..model import Command, Copies, Launch, Location, Overlap, Target
from ..repo import Repo, join
from . import platform_common as kit
from .names import is_fly, is_other_toml
from ..patterns import lazy_re

DOCS = "https://fly.io/docs/reference/configuration/"
HA_OFF = lazy_re(r"--ha[= ]false\b")
SCALE = lazy_re(r"\b(?:fly|flyctl)\s+scale\s+count\s+([0-9]{1,40})(?![0-9])\b([^\n]*)")
# `fly scale count app=2 worker=1`: a count per process group (https://fly.io/docs/flyctl/scale-count/)
SCALE_GROUPS = lazy_re(r"\b(?:fly|flyctl)\s+scale\s+count((?:\s+[\w-]+=[0-9]{1,40}(?![0-9]))+)")
# `fly deploy -c deploy/bot.toml` / `flyctl deploy --config=fly.production.toml`: the named file is the app config
CONFIG_FLAG = lazy_re(r"\b(?:fly|flyctl)\s+(?:deploy|launch|config|scale|secrets|status|machines?|volumes|apps|console|ssh)\b"
                      r"[^\n]*?\s(?:-c|--config)(?:=|[ \t]+)[\"']?([\w./-]+\.toml)\b")


def maybe_named(repo: Repo) -> bool:
    """Cheap test before the mentions are read: a .toml file fly.toml discovery misses."""
    return bool(repo.named(is_other_toml))


def named_configs(repo: Repo) -> list[str]:
    """Fly app configs a script, workflow or README passes with `-c`/`--config`, as repository
    paths (relative to the root, where CI runs `fly deploy`, else to the mentioning file)."""
    found: list[str] = []
    for where, match in kit.mentions(repo, CONFIG_FLAG):
        name = match.group(1)
        for candidate in (posixpath.normpath(name), posixpath.normpath(join(posixpath.dirname(where.path), name))):
            if not candidate.startswith("..") and not candidate.startswith("/") and repo.exists(candidate):
                if candidate not in found and is_other_toml(posixpath.basename(candidate)):
                    found.append(candidate)
                break
    return found


def targets(repo: Repo) -> list[Target]:
    found = []
    paths = list(repo.named(is_fly))
    paths += [path for path in (named_configs(repo) if maybe_named(repo) else []) if path not in paths]
    for path in paths:
        data, locate = kit.load_toml(repo, path)
        if data is None:
            continue
        found.append(_target(repo, path, data, locate))
    return found


def _table(repo: Repo, data: dict, key: str, locate, path: str) -> dict:
    value = data.get(key)
    if value is None:
        return {}
    if isinstance(value, dict):
        return value
    if value == []:  # `processes = []`: what `fly launch` wrote in Fly's apps v1 era, no group declared
        return {}
    repo.problem("DPL002", locate((key,)), f"fly.toml: `{key}` must be a table", f"see {DOCS}")
    return {}


def _target(repo: Repo, path: str, data: dict, locate) -> Target:
    directory = posixpath.dirname(path)
    target = Target("fly", path, Location(path, 1, 1), env={"FLY_APP_NAME": str(data.get("app", ""))})
    kit.typos(repo, data, ("processes", "http_service", "services", "mounts", "deploy", "build", "experimental"),
              frozenset({"app", "primary_region", "kill_signal", "kill_timeout", "swap_size_mb", "console_command", "env",
                         "vm", "checks", "metrics", "statics", "files", "restart", "http_checks", "machine_checks"}),
              lambda key: locate((key,)), path, DOCS)
    build = _table(repo, data, "build", locate, path)
    deploy = _table(repo, data, "deploy", locate, path)
    processes = _table(repo, data, "processes", locate, path)
    groups: dict[str, tuple[object, Location]] = {}
    for name, command in processes.items():
        groups[str(name)] = (command, locate(("processes", name)))
    if not groups:
        experimental = data.get("experimental") if isinstance(data.get("experimental"), dict) else {}
        groups["app"] = (experimental.get("cmd"), locate(("experimental", "cmd")) if "cmd" in experimental else Location(path, 1, 1))
    services = _services(data, list(groups), locate)
    if not processes and "app" in services and groups["app"][1].line <= 1:
        groups["app"] = (groups["app"][0], services["app"])  # the default group: point at its services
    mounts = _mounts(data, list(groups), locate)
    legacy = _apps_v1(data)
    strategy = deploy.get("strategy")
    if strategy in ("canary", "bluegreen"):
        target.overlaps.append(Overlap(
            f"[deploy] strategy = \"{strategy}\"", locate(("deploy", "strategy")), platform="fly",
            switch="use `strategy = \"rolling\"` (the default) or `\"immediate\"` in [deploy], which replace machines in place"))
    for name, (value, where) in groups.items():
        command = _command(repo, value, where, name)
        copies = _copies(repo, name, None if legacy else services.get(name), mounts.get(name), len(groups))
        label = f"Fly process group `{name}`"
        dockerfile = _dockerfile(repo, build, directory)
        if dockerfile is not None:
            launch = kit.image_launch(repo, dockerfile, directory, name=name, label=label, location=where, cmd=command, copies=copies)
        else:
            launch = Launch(name, label, where, command, copies, cwd=directory)
            if command is None:
                what = f"image `{build.get('image')}`" if isinstance(build.get("image"), str) else "a buildpack image"
                repo.problem("DPL004", where, f"Fly process group `{name}` runs {what} whose command deploylint cannot see",
                             "add a `[processes]` entry with the command, or build from a Dockerfile in the repository")
        launch.role = "web" if services.get(name) else "worker"
        # Fly sets FLY_PROCESS_GROUP to the machine's group: `if os.environ["FLY_PROCESS_GROUP"] == "bot":`
        launch.env = {**launch.env, "FLY_PROCESS_GROUP": name}
        if copies.count == 1 and legacy:
            launch.note = "fly.toml of a Fly apps v1 (Nomad) app: 1 instance unless scaled (migrated apps keep their count)"
        elif copies.count == 1 and not services.get(name) and not mounts.get(name):
            launch.note = "1 machine running plus 1 stopped standby (no services)"
        target.launches.append(launch)
    release = deploy.get("release_command")
    if isinstance(release, str) and release.strip():
        where = locate(("deploy", "release_command"))
        target.launches.append(Launch("release_command", "Fly `release_command`", where,
                                      Command(repo.value_location(where, release), shell=release), cwd=directory,
                                      role="release", runs=False, note="runs once per deploy in a temporary machine"))
    return target


def _dockerfile(repo: Repo, build: dict, directory: str) -> str | None:
    if isinstance(build.get("dockerfile"), str):
        return join(directory, build["dockerfile"])
    if build.get("image") or build.get("builder") or build.get("buildpacks"):
        return None
    default = join(directory, "Dockerfile")
    return default if repo.exists(default) else None


def _command(repo: Repo, value, where: Location, name: str) -> Command | None:
    """A process command: Fly splits the string into words (no shell) and hands them to
    the image's ENTRYPOINT in place of CMD."""
    if value is None:
        return None
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return Command(where, argv=tuple(value))
    if not isinstance(value, str):
        repo.problem("DPL002", where, f"fly.toml: process `{name}` must be a command string", f"see {DOCS}")
        return None
    start = repo.value_location(where, value)
    try:
        return Command(start, argv=tuple(shlex.split(value)))
    except ValueError:
        return Command(start, shell=value)


def _applies(section: dict, groups: list[str]) -> list[str]:
    chosen = section.get("processes")
    if isinstance(chosen, list):
        return [str(g) for g in chosen if str(g) in groups]
    return list(groups)


def _services(data: dict, groups: list[str], locate) -> dict[str, Location]:
    found: dict[str, Location] = {}
    http = data.get("http_service")
    if isinstance(http, dict):
        for group in _applies(http, groups):
            found.setdefault(group, locate(("http_service",)))
    services = data.get("services")
    if isinstance(services, list):
        for service in services:
            if isinstance(service, dict):
                for group in _applies(service, groups):
                    found.setdefault(group, locate(("services",)))
    return found


def _mounts(data: dict, groups: list[str], locate) -> dict[str, Location]:
    mounts = data.get("mounts")
    items = mounts if isinstance(mounts, list) else [mounts] if isinstance(mounts, dict) else []
    found: dict[str, Location] = {}
    for mount in items:
        if isinstance(mount, dict):
            for group in _applies(mount, groups):
                found.setdefault(group, locate(("mounts",)))
    return found


def _apps_v1(data: dict) -> bool:
    """A fly.toml written for Fly's apps v1 (Nomad) platform, as `fly launch` generated it
    before Machines: top-level `processes = []`, `[experimental] allowed_public_ports`,
    `script_checks` in `[[services]]`. Such an app started with 1 instance and kept its
    count when Fly migrated it to Machines; the 2-machine default is for a new Machines app."""
    experimental = data.get("experimental")
    services = data.get("services") if isinstance(data.get("services"), list) else []
    return (data.get("processes") == [] or (isinstance(experimental, dict) and "allowed_public_ports" in experimental)
            or any(isinstance(s, dict) and "script_checks" in s for s in services))


def _copies(repo: Repo, group: str, services: Location | None, mounts: Location | None, group_count: int) -> Copies:
    for where, match in kit.mentions(repo, SCALE_GROUPS):
        counts = dict(re.findall(r"([\w-]+)=([0-9]{1,40})(?![0-9])", match.group(1)))
        if group in counts:
            number = kit.count(repo, counts[group], where, f"`fly scale count {group}`", default=None)
            return Copies(number, f"`fly scale count {group}={number}` ({where.path}:{where.line})", where) \
                if number is not None and number > 1 else Copies()
    for where, match in kit.mentions(repo, SCALE):
        rest = match.group(2)
        named = re.search(r"(?:--process-group|-g)[= ](\S+)", rest)
        if named and named.group(1) != group:
            continue
        number = kit.count(repo, match.group(1), where, "fly scale count", default=None)
        if number is not None:
            return Copies(number, f"`fly scale count {number}` ({where.path}:{where.line})", where) if number > 1 else Copies()
    if mounts is not None or services is None:
        return Copies()
    ha_off = kit.mentions(repo, HA_OFF)
    if ha_off:
        return Copies()
    return Copies(2, "Fly deploys 2 machines for a process group with services ([http_service]/[[services]]) unless "
                     "`--ha=false` or `fly scale count 1`", services, assumed=True)
