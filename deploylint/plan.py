"""Targets x launches x processes x evidence: what the deployment will run.

The plan is a tree per target (platform config); copies multiply down the tree.
Checks read the plan; they never parse files themselves.
"""
from __future__ import annotations

from .record import dataclass, field

from .model import Fact, Instance, Launch, Target
from .repo import Repo
from .safe import guarded, within_limits


@dataclass
class LaunchPlan:
    target: Target
    launch: Launch
    instances: list[Instance] = field(default_factory=list)
    facts: list[Fact] = field(default_factory=list)


@dataclass
class Plan:
    repo: Repo
    targets: list[Target] = field(default_factory=list)
    launches: list[LaunchPlan] = field(default_factory=list)
    singletons: tuple[str, ...] = ()  # user-declared must-run-once patterns (config)
    # computed once from the finished plan (rules ask per target and per instance)
    _cache: dict = field(default_factory=dict, repr=False, compare=False)

    def _once(self, name: str, compute):
        key = (name, id(self.launches), len(self.launches))  # a new or longer launch list: recompute
        if key not in self._cache:
            self._cache[key] = compute()
        return self._cache[key]

    @property
    def instances(self) -> list[Instance]:
        return self._once("instances", lambda: [i for lp in self.launches for i in lp.instances])

    def of_target(self, target: Target) -> list[LaunchPlan]:
        """The launches of `target` (grouped once for all targets)."""
        def group() -> dict[int, list[LaunchPlan]]:
            groups: dict[int, list[LaunchPlan]] = {}
            for lp in self.launches:
                groups.setdefault(id(lp.target), []).append(lp)
            return groups

        return self._once("by-target", group).get(id(target), [])

    def running(self, target: Target) -> list[LaunchPlan]:
        return [lp for lp in self.of_target(target) if lp.launch.runs]


QUIET_CODES = frozenset({"DPL001", "DPL002", "DPL003", "DPL004", "DPL006"})  # not reported for a quiet target (Target.quiet)


def build(repo: Repo, targets: list[Target], singletons: tuple[str, ...] = ()) -> Plan:
    from .code import evidence_for
    from .commands import Context, analyse

    plan = Plan(repo, singletons=singletons)
    emitted: dict[int, list] = {}  # id(target) -> the problems found while analysing it
    for target in targets:
        before = len(repo.findings)
        for launch in target.launches:
            lp = LaunchPlan(target, launch)
            if launch.command is not None and within_limits(repo, launch):
                # each launch behind a boundary: a command or a program deploylint cannot
                # analyse costs DPL006 on its line, the other launches are still planned
                guarded(repo, launch.location.path, f"the command of {launch.label}",
                        lambda: _analyse(repo, target, launch, lp, singletons, analyse, Context, evidence_for),
                        line=launch.location.line)
            plan.launches.append(lp)
            if getattr(target, "quiet", False):
                lp.facts = []  # CI steps: their sleeps and kills order no deployment
        if getattr(target, "quiet", False):  # CI steps: files they build and tools they install are not reported
            repo.findings[before:] = [f for f in repo.findings[before:]
                                      if f.code not in QUIET_CODES or (f.code == "DPL006" and f.location.path == target.location.path)]
        emitted[id(target)] = repo.findings[before:]
    # A file another target runs (a Dockerfile that compose builds, an ecosystem file that
    # pm2-runtime starts) is not also a deployment of its own.
    # A Procfile in a subdirectory that honcho/foreman run inside an image or on a host is
    # theirs, not a Heroku app's (a root Procfile is Heroku's whatever else reads it).
    local = repo.memo(LOCAL_PROCFILES, set)
    plan.targets = [t for t in targets if t.location.path not in repo.consumed
                    or (t.platform in ("heroku", "railway", "compose")
                        and not (t.platform == "heroku" and t.location.path in local and "/" in t.location.path))]
    kept = {id(t) for t in plan.targets}
    plan.launches = [lp for lp in plan.launches if id(lp.target) in kept]
    # what analysing a dropped target found (a path it could not follow on its own) is not a
    # problem of the deployment: the target that runs the file says what it finds there
    dropped = {id(f) for t in targets if id(t) not in kept for f in emitted.get(id(t), ())}
    if dropped:
        repo.findings[:] = [f for f in repo.findings if id(f) not in dropped]
    return plan


def _analyse(repo, target, launch, lp, singletons, analyse, Context, evidence_for) -> None:
    from .code.spawn import expand as spawned_instances

    ctx = Context(repo, cwd=launch.cwd, env={**target.env, **launch.env},
                  platform=target.platform, label=launch.label, image=getattr(launch, "image", None),
                  env_closed=getattr(launch, "env_closed", False),
                  trace=(*getattr(launch, "steps", ()), _launch_step(launch)))
    before = len(repo.findings)
    analysis = repo.memo(("launch", target.platform, launch.location, launch.command, ctx.trace[:-1]),
                         lambda: analyse(launch.command, ctx))
    if len(repo.findings) > before:
        from .formats.docker_build import script_outputs

        built = (*getattr(launch, "built", ()), *script_outputs(repo))
        if built:
            _drop_built(repo, before, built)
    if analysis is not None:
        lp.facts = analysis.facts
        # each process, then the programs its code starts: Python (code/spawn.py) and
        # Node (children_for: fork, spawn, cluster workers)
        for instance in spawned_instances(repo, target, launch, analysis.processes, ctx,
                                          lambda r, p: evidence_for(r, p, singletons)):
            if target.platform in ("heroku", "dokku"):  # `DYNO.startswith("worker.")` fails in a web dyno
                from .code.python_leader import dyno_runs

                instance.evidence = [e for e in instance.evidence if dyno_runs(repo, e, launch.name)]
            lp.instances.append(instance)
            _add_children(repo, lp, instance.process, singletons)
        from .commands.sequence import resolve

        resolve(lp.instances)  # what starts only after a foreground server exits


LOCAL_PROCFILES = ("procfiles-run-locally",)  # repo.memo key: Procfiles honcho/foreman/overmind start (runners/procfile)
MAX_CHILD_DEPTH = 4  # child of a child of ... followed this deep
MAX_CHILDREN = 50  # programs started from code, per launch


def _add_children(repo: Repo, lp: LaunchPlan, process, singletons) -> None:
    """Programs a process starts from its own code (fork, spawn, cluster workers) are
    processes of the launch too. A program already running higher in the chain (a child
    that starts its parent again) is not followed further."""
    from .code import children_for, evidence_for

    queue = [(process, ((process.entry, process.variant),))]
    added = 0
    while queue and added < MAX_CHILDREN:
        parent, chain = queue.pop(0)
        if len(chain) > MAX_CHILD_DEPTH:
            continue
        for child in children_for(repo, parent):
            key = (child.entry, child.variant)
            if key in chain or added >= MAX_CHILDREN:
                continue
            added += 1
            lp.instances.append(Instance(lp.target, lp.launch, child, evidence_for(repo, child, singletons)))
            queue.append((child, (*chain, key)))


def _drop_built(repo: Repo, before: int, built: tuple[str, ...]) -> None:
    """A file the image build creates (`next build` output, `tsc` output, a file a RUN
    writes) is not missing: drop the DPL003 this launch's analysis just reported for it."""
    import fnmatch

    from .formats.docker_build import COMPILED, compiled
    from .runners.go import MISPLACED

    def made(finding) -> bool:
        if MISPLACED in finding.message:  # built, but not where the command runs it (runners/go)
            return False
        words = [w.strip("`'\"(),;") for w in finding.message.split()]
        return any(compiled(w) if pattern == COMPILED else fnmatch.fnmatch(w, pattern)
                   for w in words if "." in w or "/" in w for pattern in built)

    repo.findings[before:] = [f for f in repo.findings[before:] if f.code != "DPL003" or not made(f)]


def _launch_step(launch: Launch):
    from .model import Step

    command = launch.command.text if launch.command else ""
    return Step(launch.command.location if launch.command else launch.location,
                f"{launch.label} runs `{_short(command)}`")


def _short(text: str, limit: int = 70) -> str:
    from .secrets import redact

    text = redact(" ".join(text.split()))  # before the cut, which could leave a token's tail
    return text if len(text) <= limit else text[: limit - 1] + "…"
