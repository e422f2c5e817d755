"""Workflows that start one another, and workflows that run side by side
(formats/github_actions reads each workflow; this module joins them).

Reusable workflows (https://docs.github.com/en/actions/sharing-automations/reusing-workflows):
a job `uses: ./.github/workflows/x.yml` runs the jobs of x.yml (which answers
`on: workflow_call`) inside the caller's run: the caller's triggers, its job-level `if:`
and `concurrency:` decide when and how often; the called workflow's own `concurrency:`
applies too. Only local calls (`./.github/workflows/...`) are followed, nested up to
MAX_NESTING levels (GitHub allows 10: "You can connect a maximum of ten levels of
workflows", same page, "Nesting reusable workflows"); a call into another repository (`owner/repo/.github/workflows/x.yml@ref`) runs code deploylint
does not have.

Separate workflows (https://docs.github.com/en/actions/writing-workflows/choosing-what-your-workflow-does/control-the-concurrency-of-workflows-and-jobs):
runs of different workflows go in parallel unless they share a `concurrency` group (the
group name is repository-wide). A job whose schedule starts a new run at most twice as long
after the last one as a run may last keeps the program running most of the time (it is
"hosted" on Actions: `0 */6 * * *` with runs of up to 350 minutes); another
workflow's job that may run longer than a check (a push, a manual `workflow_dispatch`, another
schedule) then starts a second copy beside it. Two such jobs are one target (DPL101 when both
reach one singleton); two jobs that only run when someone triggers them are not (they meet
only when both are triggered at once; a push that restarts one is DPL105's).
"""
from __future__ import annotations

import posixpath

from ..model import Location, Target
from ..record import dataclass
from .github_actions_runs import SHORT_RUN, interval, strings_with
from ..patterns import lazy_re


@dataclass
class JobRun:
    """What formats/github_actions learned about one job's runs, for joining workflows."""
    path: str  # the workflow file
    timeout: float  # minutes one run may last
    crons: tuple  # (cron, Location) that start it
    group: str  # a stable `concurrency` group name ("" when none)
    guard: object = None  # Location of a guard (concurrency group, self-hosted runner)
    long_running: bool = True
    variant: str = ""  # a reusable workflow's job that reads `inputs.*`: which caller values it runs with

    @property
    def hosted(self) -> bool:
        """The schedule keeps the program running at least half the time (a run may last at
        least half the interval between runs): a run of another workflow started at any
        moment more likely than not finds it polling."""
        if not self.crons or self.timeout <= SHORT_RUN:
            return False
        every = interval([c for c, _ in self.crons])
        return every is not None and every <= 2 * self.timeout


def local_call(job) -> str | None:
    """The workflow file a job calls (`uses: ./.github/workflows/x.yml`), or None."""
    uses = job.get("uses") if isinstance(job, dict) else None
    if not isinstance(uses, str) or not uses.startswith("./.github/workflows/") or "@" in uses:
        return None
    path = posixpath.normpath(uses[2:].strip())
    if not path.startswith(".github/workflows/") or path.count("/") != 2 or not path.endswith((".yml", ".yaml")):
        return None
    return path


def group_name(data, job) -> str:
    """The stable `concurrency` group of a job (job level first, then the workflow's)."""
    from .github_actions_runs import _RUN_BOUND

    for scope in (job, data):
        value = scope.get("concurrency") if isinstance(scope, dict) else None
        group = value.get("group") if isinstance(value, dict) else value
        if isinstance(group, (str, int)) and not isinstance(group, bool) and str(group).strip() \
                and not _RUN_BOUND.search(str(group)):
            return " ".join(str(group).split())
    return ""


MAX_JOINED = 20  # launches in one joined target
MAX_NESTING = 10  # levels of workflows GitHub connects (the caller and up to nine nested reusable ones)
MAX_CALLS = 100  # reusable workflows opened for one calling job (a fan-out of nested calls ends there)


def join_hosted(found: list[Target], runs: dict[int, JobRun]) -> list[Target]:
    """A job hosted on a schedule and the long-running jobs of OTHER workflows run side by
    side: one target with all their launches (labels name the workflow file). Jobs that
    share a concurrency group with the hosted one wait for it and stay apart."""
    hosted = [t for t in found if id(t) in runs and runs[id(t)].hosted and runs[id(t)].long_running]
    if not hosted:
        return found
    joined: set[int] = set()
    result: list[Target] = []
    for anchor in hosted:
        if id(anchor) in joined:
            continue
        mine = runs[id(anchor)]
        partners = []
        members = [mine]
        for other in found:
            info = runs.get(id(other))
            if other is anchor or id(other) in joined or info is None or info.variant != mine.variant:
                continue  # a reusable workflow run with other inputs (another account, another token) is another program
            if not info.long_running or info.timeout <= SHORT_RUN:
                continue
            if any(info.path == m.path or (info.group and info.group == m.group) for m in members) \
                    or (info.guard is not None and not info.group):
                continue  # one workflow (DPL101 per workflow), one group (runs wait for each other), a self-hosted runner
            partners.append(other)
            members.append(info)
        if not partners:
            continue
        members = [anchor, *partners][:MAX_JOINED]
        launches = []
        for member in members:
            joined.add(id(member))
            for launch in member.launches:
                workflow = posixpath.basename(runs[id(member)].path)
                if workflow not in launch.label:
                    launch.label = f"{launch.label} ({workflow})"
                if workflow not in launch.name:
                    launch.name = f"{launch.name} in {workflow}"
                launches.append(launch)
        _why(anchor, mine)
        target = Target("github-actions", "workflows " + ", ".join(runs[id(m)].path for m in members),
                        anchor.location, launches, env=dict(anchor.env))
        target.quiet = True
        result.append(target)
    return result + [t for t in found if id(t) not in joined]


def _why(anchor: Target, run: JobRun) -> None:
    """A first trace step on the hosted job: why it is running whenever another one starts."""
    from ..model import Step
    from .github_actions_runs import minutes_text

    every = interval([c for c, _ in run.crons]) or 0
    cron, where = min(run.crons, key=lambda c: interval([c[0]]) or 1440)
    note = (f"schedule `{cron}` starts a run every {minutes_text(every)} min and a run may last "
            f"{minutes_text(run.timeout)} min: the job is running most of the time, and a run of another "
            f"workflow starts beside it (no shared `concurrency:` group)")
    for launch in anchor.launches[:1]:
        launch.steps = [Step(where, note), *launch.steps]


def variant_of(called: str, caller_job, called_job) -> str:
    """Which program a call runs: "" when the called job reads neither `inputs.*` nor
    `secrets.*`, else the called file with the caller's `with:` values and `secrets:`
    mapping it reads (two callers that pass other values run another account/token)."""
    parts = []
    if uses(called_job, "inputs."):
        parts.append(str(sorted(with_values(caller_job).items())))
    if uses(called_job, "secrets."):
        given = caller_job.get("secrets") if isinstance(caller_job, dict) else None
        parts.append(str(sorted((str(k), str(v)) for k, v in list(given.items())[:100])) if isinstance(given, dict)
                     else str(given) if isinstance(given, str) else "")
    return f"{called}:{'|'.join(parts)}" if parts else ""


def uses(job, marker: str) -> bool:
    """Whether a called job's values mention `marker` (`inputs.`, `secrets.`) anywhere."""
    return bool(strings_with(job, marker))


def with_values(job) -> dict[str, str]:
    """The caller's `with:` values (scalars only), for the called workflow's `inputs.*`."""
    given = job.get("with") if isinstance(job, dict) else None
    if not isinstance(given, dict):
        return {}
    return {str(k): str(v) for k, v in list(given.items())[:100]
            if isinstance(v, (str, int, float, bool)) and isinstance(k, (str, int))}


_INPUT = lazy_re(r"\$\{\{\s*inputs\.([A-Za-z_][\w-]*)\s*\}\}")


def substituted(text: str, values: dict[str, str]) -> str:
    """`${{ inputs.x }}` in a called workflow's text, replaced by the caller's value."""
    return _INPUT.sub(lambda m: values.get(m.group(1), m.group(0)), text) if "inputs." in text else text


def where_called(path: str, job) -> Location:
    from .. import yamlfile

    return yamlfile.value_where(path, job, "uses")
