"""heroku.yml (Heroku container stack) and app.json (Heroku Button, Review Apps, Dokku).

heroku.yml (https://devcenter.heroku.com/articles/build-docker-images-heroku-yml):
`build.docker` maps a process type to the Dockerfile its image is built from (context:
the Dockerfile's directory); `run` maps a process type to a command (a string, or
`{command: [...], image: <built process>}`) and replaces the Procfile; without `run`
every built process runs its Dockerfile's CMD. `release` runs once per deploy.

app.json (https://devcenter.heroku.com/articles/app-json-schema): `formation.<type>.quantity`
sets how many dynos each process type gets when the app is created (Heroku Button,
Review Apps; `environments.<name>.formation` per environment) and on Dokku
(https://dokku.com/docs/processes/process-management/#manually-managing-process-scaling:
without it Dokku runs web 1, others 0). An app.json without formation, buildpacks, stack,
scripts, addons or environments (an Expo app config) is not Heroku's.
Overlap: Dokku's zero-downtime checks run new containers beside the old ones for every
process type (old ones retire after 60 s) unless `dokku checks:disable`
(https://dokku.com/docs/deployment/zero-downtime-deploys/); Heroku's preboot does the same
for web dynos (https://devcenter.heroku.com/articles/preboot).
"""
from __future__ import annotations

import posixpath
import re

from ..model import Command, Copies, Launch, Location, Overlap, Shadow, Step, Target
from ..repo import Repo, join
from . import platform_common as kit
from ..patterns import lazy_re

HEROKU_YML = "https://devcenter.heroku.com/articles/build-docker-images-heroku-yml"
APP_JSON = "https://devcenter.heroku.com/articles/app-json-schema"
HEROKU_KEYS = ("formation", "buildpacks", "stack", "scripts", "addons", "environments", "healthchecks")
DOKKU = lazy_re(r"\bdokku(?:@|\s+(?:apps|ps|checks|config|git|domains|letsencrypt):|\s+git:|\b\s+(?:main|master)\b)",
                needs=("dokku",))
# https://devcenter.heroku.com/articles/scaling: `heroku ps:scale web=2 worker=1[:standard-1x]`
# counts are ASCII digits (`\d` also matches '٣'), all of them (a count cut at 5 digits is another number)
HEROKU_SCALE = lazy_re(r"\bheroku\s+ps:scale((?:\s+[\w-]+=[0-9]{1,40}(?![0-9])(?::[\w.-]+)?)+)", needs=("heroku",))
DOKKU_SCALE = lazy_re(r"\bdokku\s+ps:scale\s+(?:--\S+\s+)?\S+((?:\s+[\w-]+=[0-9]{1,40}(?![0-9]))+)", needs=("dokku",))
SCALE_ITEM = lazy_re(r"([\w-]+)=([0-9]{1,40})(?![0-9])")
CHECKS_OFF = lazy_re(r"\bdokku\s+checks:(?:disable|skip)\b", needs=("dokku",))
PREBOOT = lazy_re(r"\bfeatures:enable\s+preboot\b", needs=("preboot",))


def targets(repo: Repo) -> list[Target]:
    found = []
    from .names import in_ci_dir

    for path in sorted(repo.with_name("heroku.yml") + repo.with_name("heroku.yaml")):
        if in_ci_dir(path):  # `.github/workflows/heroku.yml` deploys to Heroku: a workflow, not the manifest
            continue
        target = _heroku_yml(repo, path)
        if target is not None:
            found.append(target)
    return found


# -- heroku.yml -------------------------------------------------------------------------
def _heroku_yml(repo: Repo, path: str) -> Target | None:
    from .. import yamlfile

    data = kit.yaml_mapping(repo, path, "heroku.yml must be a mapping (build, run, release)", HEROKU_YML)
    if data is None:
        return None
    directory = posixpath.dirname(path)
    target = Target("heroku", path, Location(path, 1, 1))
    build = data.get("build") if isinstance(data.get("build"), dict) else {}
    docker = build.get("docker") if isinstance(build.get("docker"), dict) else {}
    images: dict[str, str] = {}
    for name, value in docker.items():
        dockerfile = value if isinstance(value, str) else value.get("dockerfile") if isinstance(value, dict) else None
        if not isinstance(dockerfile, str):
            repo.problem("DPL002", yamlfile.where(path, docker, name), f"heroku.yml: build.docker.{name} must name a Dockerfile",
                         f"write `{name}: Dockerfile` ({HEROKU_YML})")
            continue
        images[str(name)] = join(directory, dockerfile)
        if not repo.exists(images[str(name)]):
            repo.problem("DPL003", yamlfile.value_where(path, docker, name),
                         f"heroku.yml: process `{name}` builds {images[str(name)]}, which is not in the repository",
                         "fix the Dockerfile path or commit the Dockerfile")
    run = data.get("run")
    if run is not None and not isinstance(run, dict):
        repo.problem("DPL002", yamlfile.where(path, data, "run"), "heroku.yml: `run` must map process types to commands", f"see {HEROKU_YML}")
        run = None
    if run:
        for name, value in run.items():
            launch = _run_launch(repo, path, run, str(name), value, images)
            if launch is not None:
                target.launches.append(launch)
    else:
        for name, dockerfile in images.items():
            where = yamlfile.where(path, docker, name)
            target.launches.append(kit.image_launch(
                repo, dockerfile, posixpath.dirname(dockerfile), name=name, label=f"heroku.yml process `{name}`",
                location=where, role=_role(name)))
    release = data.get("release")
    if isinstance(release, dict) and release.get("command") is not None:
        where = yamlfile.where(path, data, "release")
        command = kit.shell_command(yamlfile.value_where(path, release, "command"), _joined(release.get("command")))
        target.launches.append(Launch("release", "heroku.yml `release`", where, command, cwd=directory,
                                      role="release", runs=False, note="runs once per deploy"))
    for launch in target.launches:
        if launch.runs:
            launch.copies = Copies()
    return target


def _run_launch(repo: Repo, path: str, run: dict, name: str, value, images: dict[str, str]) -> Launch | None:
    from .. import yamlfile

    where = yamlfile.where(path, run, name)
    image = None
    if isinstance(value, dict):
        image = value.get("image") if isinstance(value.get("image"), str) else None
        command = kit.shell_command(yamlfile.value_where(path, value, "command"), _joined(value.get("command")))
    else:
        text_where = yamlfile.value_where(path, run, name)
        command = Command(repo.value_location(text_where, value), shell=value.strip()) \
            if isinstance(value, str) and value.strip() else None
    if command is None and not isinstance(value, dict):
        repo.problem("DPL002", where, f"heroku.yml: run.{name} must be a command", f"see {HEROKU_YML}")
        return None
    dockerfile = images.get(image or name) or images.get("web")
    label = f"heroku.yml process `{name}`"
    if dockerfile is None:
        return Launch(name, label, where, command, cwd=posixpath.dirname(path), role=_role(name))
    return kit.image_launch(repo, dockerfile, posixpath.dirname(dockerfile), name=name, label=label, location=where,
                            cmd=command, role=_role(name))


def _joined(value):
    """heroku.yml writes commands as a list of shell lines (`- python bot.py`): one shell text."""
    if isinstance(value, list) and value and all(isinstance(v, str) for v in value):
        return " && ".join(v.strip() for v in value if v.strip())
    return value


def _same_commands(procfile: Target, yml: Target) -> bool:
    """The Procfile says what heroku.yml runs anyway (same process names, same commands):
    which of the two Heroku reads changes nothing."""
    def commands(target: Target) -> dict[str, tuple[str, ...]]:
        return {l.name: tuple((l.command.text if l.command else "").replace("&&", " && ").split())
                for l in target.launches if l.role != "release"}

    mine, theirs = commands(procfile), commands(yml)
    return bool(mine) and all(name in theirs and theirs[name] == words and words for name, words in mine.items())


def _role(name: str) -> str:
    return "web" if name == "web" else "release" if name == "release" else "worker"


# -- app.json and Dokku: applied to the Procfile / heroku.yml targets -------------------
def refine(repo: Repo, targets: list[Target]) -> list[Target]:
    ymls = {posixpath.dirname(t.location.path): t for t in targets
            if t.platform == "heroku" and posixpath.basename(t.location.path) in ("heroku.yml", "heroku.yaml")}
    kept = []
    for target in targets:
        directory = posixpath.dirname(target.location.path)
        if target.platform == "heroku" and posixpath.basename(target.location.path) == "Procfile" and directory in ymls \
                and _same_commands(target, ymls[directory]):
            continue  # the same processes either way: read once, through heroku.yml (not every finding twice)
        if target.platform == "heroku" and posixpath.basename(target.location.path) == "Procfile" and directory in ymls:
            yml = ymls[directory]
            names = ", ".join(f"`{l.name}`" for l in target.launches)
            yml.shadows.append(Shadow(
                Location(target.location.path, 1, 1),
                f"{target.location.path} ({names}) is ignored on Heroku's container stack: {yml.location.path} decides what runs",
                f"remove the Procfile, or move its commands into `run:` in {yml.location.path}",
                [Step(yml.location, f"{yml.location.path}: Heroku builds and runs the container stack")]))
            continue
        kept.append(target)
    apps = {}
    for path in repo.with_name("app.json"):
        app = _app_json(repo, path)
        if app is not None:
            apps[posixpath.dirname(path)] = app
    for target in kept:
        if target.platform == "heroku":
            _apply(repo, apps.get(posixpath.dirname(target.location.path)), target)
    return kept


def _app_json(repo: Repo, path: str):
    from .. import jsonfile

    text = repo.peek(path)
    if text is None or not any(f'"{key}"' in text for key in HEROKU_KEYS):
        return None  # an Expo or other app config: not read, not reported
    doc = jsonfile.load(repo, path)
    if doc is None or not isinstance(doc.data, dict) or "expo" in doc.data:
        return None
    if not any(key in doc.data for key in HEROKU_KEYS):
        return None
    return doc


def _formations(repo: Repo, doc) -> list[tuple[str, dict, tuple]]:
    """(label, formation, key path) for the app and each environment (review, test...)."""
    found = []
    formation = doc.data.get("formation")
    if formation is not None:
        found.append(("formation", formation, ("formation",)))
    environments = doc.data.get("environments")
    if isinstance(environments, dict):
        for name, env in environments.items():
            if isinstance(env, dict) and env.get("formation") is not None:
                found.append((f"environments.{name}.formation", env["formation"], ("environments", name, "formation")))
    result = []
    for label, value, keys in found:
        if isinstance(value, list):  # the older list form: [{"process": "web", "quantity": 1}]
            value = {str(item.get("process")): item for item in value if isinstance(item, dict) and item.get("process")}
        if not isinstance(value, dict):
            repo.problem("DPL002", doc.where(*keys), f"app.json: `{label}` must map process types to {{\"quantity\": N}}",
                         f"see {APP_JSON}")
            continue
        result.append((label, value, keys))
    return result


def _apply(repo: Repo, doc, target: Target) -> None:
    """app.json formation, Dokku's scaling defaults and deploy checks, Heroku preboot."""
    formations = _formations(repo, doc) if doc is not None else []
    dokku = _dokku(repo, doc) if posixpath.basename(target.location.path) == "Procfile" else None
    if dokku is not None:
        target.platform = "dokku"
    scaled = _dokku_scale(repo) if dokku is not None else _heroku_scale(repo)
    for launch in target.launches:
        if launch.role == "release":
            continue
        best: Copies | None = None
        for label, formation, keys in formations:
            entry = formation.get(launch.name)
            if entry is None:
                continue
            where = doc.where(*keys, launch.name, "quantity") if isinstance(entry, dict) and "quantity" in entry else doc.where(*keys, launch.name)
            quantity = entry.get("quantity", 1) if isinstance(entry, dict) else entry
            number = kit.count(repo, quantity, where, f"app.json {label}.{launch.name}.quantity", default=None)
            if number is not None and (best is None or number > best.count):
                best = Copies(number, f"app.json {label}.{launch.name}.quantity = {number}", where)
        if best is None and launch.name in scaled:
            best = scaled[launch.name]
        if best is None:
            # Dokku runs web 1, others 0 until scaled; only when the repository is clearly a
            # Dokku app (a README that merely mentions Dokku may describe Heroku too)
            if dokku is not None and dokku[1] and not formations and launch.name != "web" \
                    and any(l.name == "web" for l in target.launches):
                launch.runs = False
                launch.note = "Dokku starts only `web` until the process type is scaled (`dokku ps:scale`)"
            continue
        if best.count == 0:
            launch.runs = False
            launch.note = f"{best.reason}: not started"
            continue
        launch.copies = best if best.count > 1 else Copies()
    if dokku is not None:
        if not kit.mentions(repo, CHECKS_OFF):
            for launch in target.launches:
                if launch.runs and launch.role != "release":
                    launch.overlaps.append(Overlap(
                        "Dokku's zero-downtime deploy checks (old containers retire 60 s after the new ones start)", dokku[0],
                        platform="dokku",
                        switch=f"run `dokku checks:disable <app> {launch.name}` so Dokku stops the old container before "
                               "it starts the new one (https://dokku.com/docs/deployment/zero-downtime-deploys/)"))
    else:
        _preboot(repo, target)


def _preboot(repo: Repo, target: Target) -> None:
    """`heroku features:enable preboot` in the repository's scripts or README."""
    preboot = kit.mentions(repo, PREBOOT)
    if not preboot:
        return
    for launch in target.launches:
        if launch.name == "web" and launch.runs:
            launch.overlaps.append(Overlap(
                "Heroku preboot (old web dynos run ~3 min beside the new ones)", preboot[0][0], platform="heroku",
                switch="turn preboot off (`heroku features:disable preboot`) for an app whose web dyno runs the singleton"))


def _dokku(repo: Repo, doc) -> tuple[Location, bool] | None:
    """(where the repository shows Dokku, whether that is a Dokku-only file), or None."""
    if doc is not None and "healthchecks" in doc.data:
        return doc.where("healthchecks"), True
    named = sorted(repo.with_name("DOKKU_SCALE") + repo.with_name("CHECKS"))  # an index: not every file per target
    if named:
        return Location(named[0], 1, 1), True
    found = kit.mentions(repo, DOKKU)
    return (found[0][0], False) if found else None


def _heroku_scale(repo: Repo) -> dict[str, Copies]:
    """`heroku ps:scale worker=2` in the repository's scripts, CI files or README: more than
    one dyno of a process type (a count of 0 or 1 there changes nothing deploylint assumes:
    it may be a one-off step, and a process type in the Procfile is counted as running)."""
    found: dict[str, Copies] = {}
    for where, match in kit.mentions(repo, HEROKU_SCALE):
        for name, text in SCALE_ITEM.findall(match.group(1)):
            count = kit.count(repo, text, where, f"`heroku ps:scale {name}`", default=None)
            if count is not None and count > 1:
                found.setdefault(name, Copies(count, f"`heroku ps:scale {name}={count}` ({where.path}:{where.line})",
                                              where))
    return found


def _dokku_scale(repo: Repo) -> dict[str, Copies]:
    found: dict[str, Copies] = {}
    for path in repo.with_name("DOKKU_SCALE"):
        for number, line in enumerate(repo.lines(path), start=1):
            match = re.fullmatch(r"\s*([\w-]+)\s*=\s*([0-9]{1,40})\s*", line)
            if match:
                where = Location(path, number, 1)
                count = kit.count(repo, match.group(2), where, f"DOKKU_SCALE {match.group(1)}", default=None)
                if count is not None:
                    found[match.group(1)] = Copies(count, f"DOKKU_SCALE {match.group(1)}={count}", where)
    for where, match in kit.mentions(repo, DOKKU_SCALE):
        for name, text in SCALE_ITEM.findall(match.group(1)):
            count = kit.count(repo, text, where, f"`dokku ps:scale {name}`", default=None)
            if count is not None:
                found.setdefault(name, Copies(count, f"`dokku ps:scale {name}={count}` ({where.path}:{where.line})", where))
    return found
