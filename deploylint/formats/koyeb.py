"""Koyeb services deployed from a GitHub Actions workflow (Koyeb has no config file in the
repository: a service is what a workflow step creates or updates).

Two ways a workflow deploys (read statically; the CLI is never run):
- the action `koyeb/action-git-deploy` with `with:` inputs `git-run-command`
  (buildpack builder), `git-docker-command` / `git-docker-entrypoint` /
  `git-docker-dockerfile` (docker builder), `git-workdir`, `docker` (a prebuilt image) and
  `docker-command`, `service-type` (web/worker), `service-name`
  (https://github.com/koyeb/action-git-deploy README);
- the CLI in a `run:` step: `koyeb app init NAME`, `koyeb service create|update APP/NAME`
  with the same flags (`--git-run-command`, `--docker`, `--docker-command`, `--type`),
  `--min-scale`/`--max-scale` (or `--scale`) and `--regions`
  (https://www.koyeb.com/docs/build-and-deploy/cli/reference).

Copies: the minimum number of Instances (at least 1; autoscaling adds more under load up to
the maximum: https://www.koyeb.com/docs/run-and-scale/autoscaling), in every region the
service runs in (each region gets its own Instances and load balancing:
https://www.koyeb.com/docs/reference/scaling; per-region counting is assumed).
Overlap: "Any currently running Deployments for the Service will continue to run until the
new Deployment is marked as healthy. When a new Deployment is marked healthy, the existing
Deployment is automatically stopped" (https://www.koyeb.com/docs/reference/deployments):
old and new Instances run side by side on every deploy.
Without a run command the service runs the Dockerfile's command (docker builder, or a
Dockerfile in the work directory); a buildpack's default command is not modelled (the
launch's command is unknown, and nothing is reported about it).
"""
from __future__ import annotations

import re

from ..model import Command, Copies, Launch, Location, Overlap, Target
from ..patterns import lazy_re
from ..repo import Repo, join
from . import platform_common as kit

DOCS = "https://www.koyeb.com/docs/reference/deployments"
QUICK = lazy_re(rb"(?i)koyeb")
_CLI = lazy_re(r"(?:^|[\s;&|(])koyeb\s+(?:apps?\s+init|services?\s+(?:create|update)|deploy)\b")
MAX_STEPS = 300
MAX_SERVICES = 20


def workflows(repo: Repo) -> list[tuple[str, str]]:
    """(path, text) of the workflows that mention Koyeb, read once per scan (the format's
    claim and its targets ask for them)."""
    def read():
        from .names import CLAIMS, is_workflow

        found = []
        for path in repo.named(CLAIMS["github_actions"]):
            if is_workflow(path):
                text = repo.peek(path, QUICK)
                if text and "koyeb" in text.lower():
                    found.append((path, text))
        return found

    return repo.memo(("koyeb-workflows",), read)


def targets(repo: Repo) -> list[Target]:
    found = []
    for path, text in workflows(repo):
        if len(found) >= MAX_SERVICES:
            break
        found.extend(_workflow(repo, path, text))
    return found[:MAX_SERVICES]


def _workflow(repo: Repo, path: str, text: str) -> list[Target]:
    from .. import yamlfile
    from .github_actions import MAX_WORKFLOW_BYTES

    # a syntax error is GitHub's to report; a file past the limits costs DPL006 (once: memoised)
    data = repo.memo(("workflow-yaml", path), lambda: yamlfile.load_quietly(repo, path, text, MAX_WORKFLOW_BYTES))
    jobs = data.get("jobs") if isinstance(data, dict) else None
    if not isinstance(jobs, dict):
        return []
    found = []
    for job_id, job in list(jobs.items())[:60]:
        steps = job.get("steps") if isinstance(job, dict) else None
        if not isinstance(steps, list):
            continue
        for step in steps[:MAX_STEPS]:
            if not isinstance(step, dict):
                continue
            uses = step.get("uses")
            if isinstance(uses, str) and uses.lower().startswith("koyeb/action-git-deploy") and "/" not in uses.split("@")[0][24:]:
                given = step.get("with") if isinstance(step.get("with"), dict) else {}
                options = {str(k): v for k, v in list(given.items())[:100] if isinstance(v, (str, int, float))}
                options.pop("regions", None)  # not an input of the action (`service-regions` is)
                if isinstance(options.get("service-regions"), str):
                    options["regions"] = options["service-regions"].split(",")
                made = _target(repo, path, yamlfile.where(path, step, "uses"), options, f"job `{job_id}`")
                _per_branch(data, options, made)
                found.append(made)
            run = step.get("run")
            if isinstance(run, str) and _CLI.search(run):
                at = yamlfile.value_where(path, step, "run")
                for options, offset in _cli_calls(run):
                    if "\n" in run.rstrip("\n"):  # a block (`run: |`): its lines start below the key
                        at = Location(path, at.line + 1 + offset, 1)
                    found.append(_target(repo, path, at, options, f"job `{job_id}`"))
    return [t for t in found if t is not None]


def _per_branch(data: dict, options: dict, target: Target) -> None:
    """The action names the service after the branch by default (`service-name` defaults
    to `${{ github.ref_name }}`, `app-name` to `<repo>-<branch>`): a workflow that deploys
    on pushes to more than one branch creates one service per branch, each running the
    program with the same environment."""
    names = [str(options.get(key) or "") for key in ("service-name", "app-name")]
    if not all(not name or "ref_name" in name or "head_ref" in name or "github.ref" in name for name in names):
        return  # a fixed name: every branch deploys the same service
    trigger = data.get("on") if isinstance(data, dict) else None
    push = trigger.get("push") if isinstance(trigger, dict) else ("" if trigger == "push" or (
        isinstance(trigger, list) and "push" in trigger) else None)
    if push is None and not (isinstance(trigger, dict) and "push" in trigger):
        return
    branches = push.get("branches") if isinstance(push, dict) else None
    if isinstance(branches, str):
        branches = [branches]
    if isinstance(branches, list) and len(branches) == 1 and isinstance(branches[0], str) \
            and not any(c in branches[0] for c in "*?[!"):
        return  # one branch: one service
    for launch in target.launches:
        launch.copies = launch.copies.times(Copies(
            2, "Koyeb service named after the branch (the action's default `service-name`): every branch pushed gets its own "
               "service, each running the program (at least 2 assumed)", target.location, assumed=True,
            switch="give the action a fixed `service-name` and `app-name`, or deploy from one branch only "
                   "(`on: push: branches: [main]`)"))


def _cli_calls(run: str) -> list[tuple[dict, int]]:
    """Each `koyeb app init / service create|update` in a step's script, as the action's
    input names (so both read alike)."""
    import shlex

    calls = []
    offset = 0
    for line in re.split(r"(?<!\\)\n", run):
        first, offset = offset, offset + line.count("\n") + 1
        line = re.sub(r"\$\{\{[^}]{0,200}\}\}", "${expression}", re.sub(r"\\\r?\n", " ", line))
        match = _CLI.search(line)
        if not match:
            continue
        try:
            words = shlex.split(line[match.start():], comments=True)
        except ValueError:
            continue
        options: dict = {}
        index = 0
        while index < len(words) and len(calls) < MAX_SERVICES:
            word = words[index]
            if word in ("&&", ";", "||", "|"):
                break
            if word.startswith("--"):
                key, has_value, value = word[2:].partition("=")
                if not has_value:
                    value = words[index + 1] if index + 1 < len(words) and not words[index + 1].startswith("--") else ""
                    index += 1 if value else 0
                _cli_option(options, key, value)
            elif "service-name" not in options and index >= 3 and not words[index - 1].startswith("--"):
                options["service-name"] = word.rsplit("/", 1)[-1]
            index += 1
        options.setdefault("_cli", "1")
        calls.append((options, first))
    return calls


_CLI_NAMES = {"git-run-command": "git-run-command", "git-docker-command": "git-docker-command",
              "git-docker-entrypoint": "git-docker-entrypoint", "git-docker-dockerfile": "git-docker-dockerfile",
              "git-workdir": "git-workdir", "git-builder": "git-builder", "docker": "docker",
              "docker-command": "docker-command", "docker-args": "docker-args", "type": "service-type",
              "min-scale": "min-scale", "max-scale": "max-scale", "scale": "scale", "name": "service-name",
              "deployment-strategy": "deployment-strategy"}


def _cli_option(options: dict, key: str, value: str) -> None:
    if key == "regions" or key == "region":
        options.setdefault("regions", []).extend(r for r in value.split(",") if r.strip())
    elif key in _CLI_NAMES:
        options[_CLI_NAMES[key]] = value


def _target(repo: Repo, path: str, where: Location, options: dict, job: str) -> Target | None:
    name = str(options.get("service-name") or "") or "<branch>"
    kind = str(options.get("service-type") or "web")
    label = f"Koyeb {kind} service `{name}` ({path} {job})"
    workdir = str(options.get("git-workdir") or "").strip("/")
    copies = _copies(repo, where, options, name)
    run = options.get("git-run-command")
    docker_cmd = options.get("git-docker-command") or options.get("docker-command")
    entry = options.get("git-docker-entrypoint")
    builder = str(options.get("git-builder") or "")
    if isinstance(run, str) and run.strip() and builder != "docker" and not options.get("docker"):
        launch = Launch(name, label, where, Command(where, shell=run.strip()), copies, cwd=workdir)
    elif options.get("docker") and not docker_cmd:
        launch = Launch(name, label, where, None, copies, cwd=workdir)
        launch.note = f"image `{options.get('docker')}`: its command is not in this repository"
    else:
        dockerfile = join(workdir, str(options.get("git-docker-dockerfile") or "Dockerfile")) if workdir \
            else str(options.get("git-docker-dockerfile") or "Dockerfile")
        if builder != "docker" and not repo.exists(dockerfile) and not docker_cmd:
            launch = Launch(name, label, where, None, copies, cwd=workdir)
            launch.note = "buildpack default command (not modelled)"
        else:
            cmd = Command(where, shell=str(docker_cmd).strip()) if isinstance(docker_cmd, str) and docker_cmd.strip() else None
            ent = Command(where, shell=str(entry).strip()) if isinstance(entry, str) and entry.strip() else None
            launch = kit.image_launch(repo, dockerfile if repo.exists(dockerfile) else "", workdir, name=name, label=label,
                                      location=where, entrypoint=ent, cmd=cmd, copies=copies)
    launch.role = "worker" if kind == "worker" else "web"
    strategy = str(options.get("deployment-strategy") or "").lower()
    if strategy != "immediate":  # (`immediate`: stops the old deployment first; unconfirmed)
        launch.overlaps.append(Overlap(
            "Koyeb's deploy (the running deployment goes on until the new one is healthy, and is stopped then)", where,
            platform="koyeb",
            switch=f"no Koyeb setting stops the old deployment first ({DOCS})"))
    target = Target("koyeb", f"{path} {job} -> Koyeb service `{name}`", where, [launch])
    return target


def _copies(repo: Repo, where: Location, options: dict, name: str) -> Copies:
    low = options.get("scale") if options.get("scale") not in (None, "") else options.get("min-scale")
    number = kit.count(repo, low, where, f"Koyeb service `{name}` min-scale", default=1, minimum=0,
                       variables="when the workflow runs") if low not in (None, "") else 1
    copies = Copies()
    if number is not None and number > 1:
        copies = Copies(number, f"Koyeb service `{name}` min-scale = {number} (Instances always running)", where)
    elif number == 0:
        copies = Copies(1, f"Koyeb service `{name}` min-scale = 0 (scale-to-zero: Instances start on traffic)", where)
    given = options.get("regions")
    given = given.split(",") if isinstance(given, str) else given if isinstance(given, list) else []
    regions = [r.strip() for r in given[:50] if isinstance(r, str) and r.strip()]
    regions = list(dict.fromkeys(regions))
    if len(regions) > 1:
        copies = copies.times(Copies(len(regions), f"{len(regions)} regions ({', '.join(regions[:5])}): Instances in each",
                                     where, assumed=True))
    return copies

