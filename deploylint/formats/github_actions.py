"""GitHub Actions workflows (`.github/workflows/*.yml`) that run a program of the repository.

Many hobby bots are "hosted" on Actions: a job runs `python bot.py` and the bot polls
until the job's timeout ends it. What Actions starts, and how many copies run at once
(https://docs.github.com/en/actions/writing-workflows/workflow-syntax-for-github-actions):
- Only files directly in `.github/workflows/` are workflows. Each job runs on its own
  runner, its `run:` steps one after the other in one shell each (bash on Linux).
- `on.schedule[].cron` starts a run on the schedule (at most every 5 minutes), whether
  or not the previous run has finished. A job ends when its steps end or after
  `timeout-minutes` (default 360; GitHub-hosted runners stop a job at 6 hours). A run
  that polls until its timeout therefore overlaps the next scheduled runs: copies =
  timeout / interval.
- Every push (pull request, release...) starts another run beside a run still going.
- `concurrency:` (workflow or job) keeps one run of the group at a time: a new run waits
  (pending) until the running one ends, or cancels it with `cancel-in-progress: true`
  (https://docs.github.com/en/actions/writing-workflows/choosing-what-your-workflow-does/control-the-concurrency-of-workflows-and-jobs).
  A group named after the run (`github.run_id`, `github.sha`) guards nothing.
- `strategy.matrix` runs the job once per combination (`max-parallel` at a time); when the
  steps do not use `matrix.*`, every combination starts the same program.

Each job is a target of its own (jobs of one workflow and separate workflows are not
added up), with one launch: its `run:` steps joined in order (blank lines keep each
step on its own lines, so the shell analysis points at the right line and a second
long-running step is a fallback, not a copy). `${{ ... }}` expressions are masked as
shell variables of the same length. A workflow is CI, not a deployment config: only a
step that may start a program of the repository is analysed, and the target is
`quiet` (no missing-file or unresolved-command reports, no shell-fact rules): only what
reaches a singleton is reported. A broken or hostile workflow file is skipped silently
(GitHub reports it) within the YAML limits of yamlfile.
"""
from __future__ import annotations

import math
import posixpath
import re

from ..model import Command, Copies, Launch, Location, Overlap, Target
from ..repo import Repo
from ..patterns import lazy_re

SYNTAX = "https://docs.github.com/en/actions/writing-workflows/workflow-syntax-for-github-actions"
CONCURRENCY = ("https://docs.github.com/en/actions/writing-workflows/choosing-what-your-workflow-does/"
               "control-the-concurrency-of-workflows-and-jobs")
DEFAULT_TIMEOUT = 360  # minutes: jobs.<id>.timeout-minutes default
HOSTED_MAX = 360  # GitHub-hosted runners end a job after 6 hours
MIN_INTERVAL = 5  # the shortest schedule interval Actions runs
MAX_RUNS = 20  # concurrent jobs of the free plan: more overlapping runs queue
MAX_WORKFLOWS = 200
MAX_JOBS = 200
MAX_STEPS = 300
MAX_WORKFLOW_BYTES = 512_000

# a word that starts a program the repository may hold (interpreters, package runners,
# process managers, a script path); `pip install`, `docker build`, `curl` do not
_STARTS = lazy_re(
    r"(?:^|[\s;&|(`])(?:sudo\s+)?(?:python[\d.]*|py|pypy3?|node|nodejs|deno|bun|ts-node|tsx|npm|yarn|pnpm|npx|"
    r"poetry|pipenv|uv|pdm|rye|hatch|pm2|pm2-runtime|nodemon|forever|celery|gunicorn|uvicorn|hypercorn|daphne|"
    r"honcho|foreman|bash|sh|\.{1,2}/[\w./-]+|[\w./-]+\.(?:sh|py|js|mjs|cjs|ts))(?=[\s;&|)`]|$)", re.M)
# a line that installs, tests, lints or builds: such a step ends by itself and starts no program to host
_FINITE = lazy_re(
    r"^\s*(?:sudo\s+)?(?:pip3?\s|python[\d.]*\s+-m\s+(?:pip|pytest|unittest|compileall|flake8|mypy|black|ruff|pylint|"
    r"build|twine|coverage)\b|npm\s+(?:ci|i|install|test|t|audit|run\s+(?:build|test|lint|format|typecheck|check)\S*)\b|"
    r"yarn(?:\s+(?:install|test|build|lint|--frozen-lockfile)\b|\s*$)|pnpm\s+(?:i|install|test|build|lint)\b|"
    r"bun\s+(?:install|i|test)\b|poetry\s+(?:install|lock|build|check)\b|pipenv\s+(?:install|sync)\b|"
    r"uv\s+(?:sync|pip|lock|venv)\b|pytest\b|tox\b|nox\b|npx\s+(?:tsc|eslint|prettier|jest|vitest)\b|"
    r"echo\b|cd\b|ls\b|cat\b|mkdir\b|cp\b|mv\b|rm\b|export\b|set\s+-|git\s|curl\b|wget\b|touch\b|chmod\b)")
_EXPRESSION = lazy_re(r"\$\{\{.*?\}\}", re.S, needs=("${{",))
_TIMEOUT_WRAPPER = lazy_re(r"(?:^|[\s;&|(])timeout\s+(?:-[-\w=]+\s+)*(\d{1,7}(?:\.\d+)?)([smhd]?)(?=\s)", needs=("timeout",))
_RUN_BOUND = lazy_re(r"github\.(?:run_id|run_number|run_attempt|sha|event\.after|event\.head_commit)|matrix\.")
_EVENT_IS = lazy_re(r"github\.event_name\s*==\s*['\"]([\w-]+)['\"]", needs=("event_name",))
_SCHEDULE_IS = lazy_re(r"github\.event\.schedule\s*==\s*['\"]([^'\"]+)['\"]", needs=("event.schedule",))
# events that start another run by themselves while one is running (not a manual dispatch)
REPEATING = ("push", "release", "workflow_run", "repository_dispatch", "deployment", "create")
# a run limited to this many minutes is a check (start the bot, see it come up, stop), not hosting: a
# push or a matrix that starts such runs side by side is no deployment of the bot (tests of pull
# requests run this way too, and pull requests are not among REPEATING)
SHORT_RUN = 30


def is_workflow(path: str) -> bool:
    """A workflow file: directly in `.github/workflows/` at the root, .yml or .yaml."""
    return path.startswith(".github/workflows/") and path.count("/") == 2 and path.endswith((".yml", ".yaml"))


def in_ci_dir(path: str) -> bool:
    """A file under a `.github/` directory (workflows, actions, templates): CI, never a
    platform manifest, whatever its name (`.github/workflows/heroku.yml`, `render.yml`)."""
    return path.startswith(".github/") or "/.github/" in path


def targets(repo: Repo) -> list[Target]:
    from .names import is_yaml

    found: list[Target] = []
    for path in sorted(p for p in repo.named(is_yaml) if is_workflow(p))[:MAX_WORKFLOWS]:
        try:
            found.extend(_workflow(repo, path))
        except (RecursionError, MemoryError, ValueError, TypeError, AttributeError, KeyError, IndexError) as error:
            from ..safe import skipped  # this workflow only: DPL006 on it, the others are still read

            skipped(repo, path, path, error)
    return found


def _load(repo: Repo, path: str):
    """The workflow as ruamel data, or None: a workflow deploylint cannot read is GitHub's
    to report (its run fails), so nothing is reported here; the YAML depth and alias
    limits of yamlfile still apply before and after the parse."""
    text = repo.peek(path)
    if not text or len(text) > MAX_WORKFLOW_BYTES or "run" not in text or not _STARTS.search(text):
        return None
    from .. import yamlfile
    from ..safe import MAX_DEPTH, value_depth, yaml_depth

    if yaml_depth(text) > MAX_DEPTH:
        return None
    try:
        data = yamlfile.parse(text)
    except Exception:  # noqa: BLE001 - any parse failure: not analysed, not reported
        return None
    try:
        if value_depth(data) > MAX_DEPTH or yamlfile._expanded_size(data, {}) > yamlfile.MAX_EXPANDED_NODES:
            return None
    except RecursionError:
        return None
    return data if isinstance(data, dict) else None


def _workflow(repo: Repo, path: str) -> list[Target]:
    from .. import yamlfile

    data = _load(repo, path)
    if data is None:
        return []
    jobs = data.get("jobs")
    if not isinstance(jobs, dict):
        return []
    triggers = _triggers(path, data)
    found = []
    for index, (job_id, job) in enumerate(jobs.items()):
        if index >= MAX_JOBS:
            break
        if not isinstance(job, dict) or not isinstance(job.get("steps"), list):
            continue
        target = _job(repo, path, data, triggers, str(job_id), job, yamlfile.where(path, jobs, job_id))
        if target is not None:
            found.append(target)
    return found


# -- triggers ----------------------------------------------------------------------------
class Triggers:
    def __init__(self):
        self.events: dict[str, Location] = {}  # event name -> where it is written
        self.crons: list[tuple[str, Location]] = []


def _triggers(path: str, data) -> Triggers:
    from .. import yamlfile

    found = Triggers()
    key = "on" if "on" in data else True if True in data else None  # YAML 1.1 reads a bare `on` as true
    if key is None:
        return found
    on = data.get(key)
    if isinstance(on, str):
        found.events[on] = yamlfile.value_where(path, data, key)
    elif isinstance(on, list):
        for index, event in enumerate(on[:100]):
            if isinstance(event, str):
                found.events[event] = yamlfile.where(path, on, index)
    elif isinstance(on, dict):
        for event in list(on)[:100]:
            if isinstance(event, str):
                found.events[event] = yamlfile.where(path, on, event)
        schedule = on.get("schedule")
        if isinstance(schedule, list):
            for index, entry in enumerate(schedule[:100]):
                if isinstance(entry, dict) and isinstance(entry.get("cron"), str):
                    found.crons.append((" ".join(entry["cron"].split()), yamlfile.where(path, entry, "cron")))
    return found


# -- cron --------------------------------------------------------------------------------
def _field(text: str, low: int, high: int) -> set[int] | None:
    """The values of one cron field (`*`, `*/n`, `a-b/n`, `a,b`), or None when unreadable."""
    values: set[int] = set()
    for part in text.split(",")[:60]:
        match = re.fullmatch(r"(\*|\d{1,2}(?:-\d{1,2})?)(?:/(\d{1,3}))?", part)
        if match is None:
            return None
        span, step = match.group(1), int(match.group(2) or 1)
        if step < 1:
            return None
        if span == "*":
            start, end = low, high
        elif "-" in span:
            start, end = (int(x) for x in span.split("-"))
        else:
            start = int(span)
            end = high if match.group(2) else start
        if start < low or end > high or start > end:
            return None
        values.update(range(start, end + 1, step))
    return values


def interval(crons: list[str]) -> int | None:
    """The shortest time in minutes between two runs the schedules start (at least 5;
    a day when some field limits the days and they fire once a day), or None when no
    schedule can be read."""
    minutes: set[int] = set()
    every_day = True
    for cron in crons:
        fields = cron.split()
        if len(fields) != 5:
            continue
        minute, hour = _field(fields[0], 0, 59), _field(fields[1], 0, 23)
        if minute is None or hour is None:
            continue
        if fields[2:] != ["*", "*", "*"]:
            every_day = False
        minutes.update(h * 60 + m for h in hour for m in minute)
    if not minutes:
        return None
    times = sorted(minutes)
    gaps = [b - a for a, b in zip(times, times[1:])]
    if every_day:
        gaps.append(times[0] + 1440 - times[-1])  # across midnight
    return max(min(gaps) if gaps else 1440, MIN_INTERVAL)


# -- jobs --------------------------------------------------------------------------------
def _job(repo: Repo, path: str, data, triggers: Triggers, job_id: str, job, where: Location) -> Target | None:
    from .. import yamlfile

    defaults = _defaults(data, job)
    base = _directory(defaults.get("working-directory"))
    if base is None:
        return None
    shell = defaults.get("shell")
    steps = job["steps"]
    parts: list[tuple[str, int, Location]] = []  # (masked text, first line, where the value starts)
    limits: list[float] = []
    unlimited = False
    env: dict[str, str] = {}
    for step in steps[:MAX_STEPS]:
        if not isinstance(step, dict) or "run" not in step:
            continue
        run = step.get("run")
        if not isinstance(run, str) or not run.strip() or not _sh(step.get("shell", shell)):
            continue
        if _directory(step.get("working-directory", defaults.get("working-directory"))) != base:
            continue  # another directory: not this job's program (rare)
        masked = _mask(run.rstrip("\n"))
        if not _STARTS.search(masked) or _finite(masked):
            continue
        line_at = yamlfile.value_where(path, step, "run")
        line = _first_line(repo, line_at)
        parts.append((masked, line, line_at if line == line_at.line else Location(path, line, 1)))
        for name, value in (step.get("env") or {}).items() if isinstance(step.get("env"), dict) else ():
            if isinstance(value, (str, int, float)) and not isinstance(value, bool) and "${{" not in str(value):
                env.setdefault(str(name), str(value))
        limit = _step_limit(step.get("timeout-minutes"), run)
        if limit is None:
            unlimited = True
        else:
            limits.append(limit)
    if not parts:
        return None
    for scope in (job, data):
        if isinstance(scope.get("env"), dict):
            for name, value in scope["env"].items():
                if isinstance(value, (str, int, float)) and not isinstance(value, bool) and "${{" not in str(value):
                    env.setdefault(str(name), str(value))
    command = Command(parts[0][2], shell=_joined(parts))
    label = f"GitHub Actions job `{job_id}`"
    launch = Launch(job_id, label, where, command, cwd=base, role="worker", env=env,
                    built=("*",), note=f"workflow {path}")
    target = Target("github-actions", f"{path} job `{job_id}`", where, [launch],
                    env={"CI": "true", "GITHUB_ACTIONS": "true"})
    target.quiet = True
    events, crons = _job_triggers(triggers, job)
    guard = _concurrency(path, data, job)
    timeout, timeout_why = _timeout(job, limits, unlimited)
    copies = _schedule_copies(crons, timeout, timeout_why, guard, job_id)
    matrix = _matrix_copies(path, job, _text_of(job), guard) if timeout > SHORT_RUN else None
    if matrix is not None:
        copies = copies.times(matrix) if copies is not None else matrix
    if copies is not None:
        launch.copies = copies
    elif guard is None and crons and interval([c for c, _ in crons]) == timeout:
        cron, at = crons[0]
        launch.overlaps.append(Overlap(
            f"schedule `{cron}` (a run every {_number(timeout)} min, each allowed {_number(timeout)} min by "
            f"{timeout_why}: a run that starts late still runs when the next one starts)", at, platform="github-actions",
            switch=(f"give job `{job_id}` a `concurrency:` group with `cancel-in-progress: true`, or end each run a few "
                    f"minutes before the next one starts (`timeout-minutes: {max(int(timeout) - 10, 1)}`) ({CONCURRENCY})")))
    elif guard is None and timeout > SHORT_RUN:
        repeating = [e for e in REPEATING if e in events]
        if repeating:
            first = repeating[0]
            launch.overlaps.append(Overlap(
                f"a new workflow run on every {first.replace('_', ' ')} (no `concurrency:` group)", events[first],
                platform="github-actions",
                switch=(f"give job `{job_id}` a `concurrency:` group with `cancel-in-progress: true`, so a new run "
                        f"stops the running one before it starts the program ({CONCURRENCY})")))
    return target


def _defaults(data, job) -> dict:
    """`defaults.run` of the job over the workflow's."""
    merged: dict = {}
    for scope in (data, job):
        defaults = scope.get("defaults") if isinstance(scope, dict) else None
        run = defaults.get("run") if isinstance(defaults, dict) else None
        if isinstance(run, dict):
            merged.update({k: v for k, v in run.items() if k in ("shell", "working-directory")})
    return merged


def _directory(value) -> str | None:
    """A working directory as a repository path ('' for the root); None when it is not
    one (an expression, an absolute path, `..` out of the workspace)."""
    if value is None:
        return ""
    if not isinstance(value, str) or "${{" in value or value.startswith(("/", "~", "$")):
        return None
    parts = [p for p in value.strip().split("/") if p and p != "."]
    if any(p == ".." for p in parts):
        return None
    return posixpath.join(*parts) if parts else ""


def _sh(shell) -> bool:
    """bash/sh (the default on Linux runners); not python, pwsh, cmd or a custom shell."""
    if shell is None or (isinstance(shell, str) and not shell.strip()):
        return True
    if not isinstance(shell, str):
        return False
    return shell.split()[0].rsplit("/", 1)[-1] in ("bash", "sh")


def _mask(text: str) -> str:
    """`${{ expr }}` as a shell variable of the same length (columns stay put), named
    after the expression: `${{ secrets.TOKEN }}` -> `${__secrets_TOKEN__}`."""
    def variable(match) -> str:
        body = match.group(0)
        if "\n" in body:
            return "$_" + "\n" * body.count("\n")
        return "${_" + re.sub(r"[^A-Za-z0-9_]", "_", body[3:-2]) + "_}"

    return _EXPRESSION.sub(variable, text) if "${{" in text else text


def _first_line(repo: Repo, where: Location) -> int:
    """The line the value's text starts on: the next line after a block indicator."""
    lines = repo.lines(where.path)
    if 0 < where.line <= len(lines):
        rest = lines[where.line - 1][max(where.column, 1) - 1:].strip()
        if rest[:1] in ("|", ">"):
            return where.line + 1
    return where.line


def _joined(parts: list[tuple[str, int, Location]]) -> str:
    """The steps' texts in order, padded with blank lines so each stays on its own lines."""
    text, start = parts[0][0], parts[0][1]
    for masked, line, _ in parts[1:]:
        end = start + text.count("\n")  # the last line the text so far covers
        text += "\n" * max(line - end, 1) + masked
    return text


def _finite(text: str) -> bool:
    """Every line of the step installs, tests, lints or builds (or is a comment)."""
    lines = [line for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]
    return len(lines) <= 200 and all(_FINITE.match(line) for line in lines)


def _text_of(job) -> str:
    """The job's text (values only), to see whether it uses `matrix.*` anywhere (a step's
    `with:`, `env:`, `run:`, `runs-on`)."""
    found: list[str] = []
    stack, seen = [job], 0
    while stack and seen < 20_000:
        node = stack.pop()
        seen += 1
        if isinstance(node, dict):
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)
        elif isinstance(node, str) and "matrix." in node:
            found.append(node)
    return " ".join(found)


def _job_triggers(triggers: Triggers, job) -> tuple[dict[str, Location], list[tuple[str, Location]]]:
    """The events and schedules that start this job: an `if:` on `github.event_name` or
    `github.event.schedule` keeps the ones it names."""
    events, crons = dict(triggers.events), list(triggers.crons)
    condition = job.get("if")
    if isinstance(condition, str) and "||" not in condition and "!=" not in condition:
        named = _EVENT_IS.findall(condition)
        if named:
            events = {e: w for e, w in events.items() if e in named}
            if "schedule" not in named:
                crons = []
        schedules = _SCHEDULE_IS.findall(condition)
        if schedules:
            wanted = {" ".join(s.split()) for s in schedules}
            crons = [c for c in crons if c[0] in wanted]
            events = {e: w for e, w in events.items() if e == "schedule"}
    if "schedule" not in events:
        crons = []
    return events, crons


def _concurrency(path: str, data, job) -> Location | None:
    """Where a `concurrency:` group that keeps one run at a time is set (job or workflow),
    or None. A group named after the run or the matrix entry guards nothing."""
    from .. import yamlfile

    for scope in (job, data):
        value = scope.get("concurrency")
        group = value.get("group") if isinstance(value, dict) else value
        if isinstance(group, (str, int)) and str(group).strip() and not _RUN_BOUND.search(str(group)):
            return yamlfile.where(path, scope, "concurrency")
    return None


def _minutes(value) -> float | None:
    """A `timeout-minutes` value (a number; an expression is unknown)."""
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)) and 0 < value < 1e7:
        return float(value)
    if isinstance(value, str) and re.fullmatch(r"\s*\d{1,7}(\.\d+)?\s*", value):
        return float(value)
    return None


def _step_limit(value, run: str) -> float | None:
    """How long a step may run, in minutes: its `timeout-minutes`, or a `timeout N` the
    command is wrapped in; None when nothing limits it."""
    limits = []
    minutes = _minutes(value)
    if minutes is not None:
        limits.append(minutes)
    match = _TIMEOUT_WRAPPER.search(run)
    if match:
        try:
            number = float(match.group(1))
        except ValueError:
            number = None
        if number is not None:
            limits.append(number * {"": 1 / 60, "s": 1 / 60, "m": 1, "h": 60, "d": 1440}[match.group(2)])
    return min(limits) if limits else None


def _timeout(job, limits: list[float], unlimited: bool) -> tuple[float, str]:
    """How long one run of the job may last, and why."""
    job_limit = _minutes(job.get("timeout-minutes"))
    runs_on = str(job.get("runs-on") or "")
    hosted = "self-hosted" not in runs_on
    if job_limit is None:
        timeout, why = DEFAULT_TIMEOUT, "the default job timeout"
    else:
        timeout, why = job_limit, f"`timeout-minutes: {_number(job_limit)}`"
    if hosted and timeout > HOSTED_MAX:
        timeout, why = HOSTED_MAX, "GitHub-hosted runners stop a job after 6 hours"
    if limits and not unlimited and max(limits) < timeout:
        timeout, why = max(limits), f"the steps' own limit ({_number(max(limits))} min)"
    return timeout, why


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:.1f}"


def _schedule_copies(crons, timeout: float, why: str, guard: Location | None, job_id: str) -> Copies | None:
    if not crons or guard is not None:
        return None
    every = interval([c for c, _ in crons])
    if every is None or timeout <= every:
        return None
    runs = min(math.ceil(timeout / every), MAX_RUNS)
    cron, where = min(crons, key=lambda c: interval([c[0]]) or 1440)
    limit = f" (more wait for a free runner)" if runs == MAX_RUNS else ""
    return Copies(runs, f"schedule `{cron}` starts a run every {_number(every)} min while earlier runs still go, "
                        f"for up to {_number(timeout)} min ({why}), with no `concurrency:` group: up to {runs} runs "
                        f"at once{limit}", where,
                  switch=(f"give job `{job_id}` a `concurrency:` group (a new run then waits until the running one "
                          f"ends; `cancel-in-progress: true` stops the running one instead), or end each run before "
                          f"the next one starts (`timeout-minutes: {max(int(every) - 1, 1)}`) ({CONCURRENCY})"))


def _matrix_copies(path: str, job, texts: str, guard: Location | None) -> Copies | None:
    """A matrix whose combinations all run the same commands (no `matrix.*` in the
    steps or their environment) starts the program once per combination."""
    from .. import yamlfile

    strategy = job.get("strategy")
    matrix = strategy.get("matrix") if isinstance(strategy, dict) else None
    if not isinstance(matrix, dict) or "matrix." in texts or guard is not None:
        return None
    size = 1
    axes = [v for k, v in matrix.items() if k not in ("include", "exclude")]
    if any(not isinstance(v, list) for v in axes):
        return None  # an expression (`fromJSON(...)`): unknown
    for values in axes:
        size *= max(len(values), 1)
        if size > 10_000:
            return None
    if isinstance(matrix.get("exclude"), list):
        size -= len(matrix["exclude"])
    if not axes and isinstance(matrix.get("include"), list):
        size = len(matrix["include"])
    parallel = _minutes(strategy.get("max-parallel"))
    if parallel is not None:
        size = min(size, int(parallel))
    if size <= 1:
        return None
    where = yamlfile.where(path, strategy, "matrix")
    return Copies(size, f"`strategy.matrix` runs the job {size} times at once, with the same commands", where,
                  switch="drop the `strategy.matrix` from the job that runs the program, or run the program in one "
                         "combination only (an `if:` on one matrix value)")
