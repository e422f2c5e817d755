"""How many runs of a GitHub Actions job go at once (formats/github_actions reads the
workflow): the triggers a job answers, the shortest interval of its schedules, how long a
run may last (`timeout-minutes`, a `timeout N` wrapper, the 6-hour limit of hosted
runners), the `concurrency:` group that keeps one run at a time, and the matrix that
starts the job once per combination.
https://docs.github.com/en/actions/writing-workflows/workflow-syntax-for-github-actions
"""
from __future__ import annotations

import math
import re

from ..model import Copies, Location
from ..patterns import lazy_re

CONCURRENCY = ("https://docs.github.com/en/actions/writing-workflows/choosing-what-your-workflow-does/"
               "control-the-concurrency-of-workflows-and-jobs")
DEFAULT_TIMEOUT = 360  # minutes: jobs.<id>.timeout-minutes default
HOSTED_MAX = 360  # GitHub-hosted runners end a job after 6 hours
MIN_INTERVAL = 5  # the shortest schedule interval Actions runs
MAX_RUNS = 20  # concurrent jobs of the free plan: more overlapping runs queue
_TIMEOUT_WRAPPER = lazy_re(r"(?:^|[\s;&|(])timeout\s+(?:-[-\w=]+\s+)*(\d{1,7}(?:\.\d+)?)([smhd]?)(?=\s)", needs=("timeout",))
_RUN_BOUND = lazy_re(r"github\.(?:run_id|run_number|run_attempt|sha|event\.after|event\.head_commit)|matrix\.")
_EVENT_IS = lazy_re(r"github\.event_name\s*==\s*['\"]([\w-]+)['\"]", needs=("event_name",))
_EVENT_NOT = lazy_re(r"github\.event_name\s*!=\s*['\"]([\w-]+)['\"]", needs=("event_name",))
_SCHEDULE_IS = lazy_re(r"github\.event\.schedule\s*==\s*['\"]([^'\"]+)['\"]", needs=("event.schedule",))
# events that start another run by themselves while one is running (not a manual dispatch)
REPEATING = ("push", "release", "workflow_run", "repository_dispatch", "deployment", "create")
# a run limited to this many minutes is a check (start the bot, see it come up, stop), not hosting: a
# push or a matrix that starts such runs side by side is no deployment of the bot (tests of pull
# requests run this way too, and pull requests are not among REPEATING)
SHORT_RUN = 30


class Triggers:
    def __init__(self):
        self.events: dict[str, Location] = {}  # event name -> where it is written
        self.crons: list[tuple[str, Location]] = []


def triggers_of(path: str, data) -> Triggers:
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


def job_text(job) -> str:
    """The job's text (values only), to see whether it uses `matrix.*` anywhere (a step's
    `with:`, `env:`, `run:`, `runs-on`)."""
    return " ".join(strings_with(job, "matrix."))


def strings_with(job, marker: str) -> list[str]:
    """The job's string values that mention `marker` (`matrix.`, `inputs.`), at most
    20,000 nodes deep into a hostile document."""
    found: list[str] = []
    stack, seen = [job], 0
    while stack and seen < 20_000:
        node = stack.pop()
        seen += 1
        if isinstance(node, dict):
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)
        elif isinstance(node, str) and marker in node:
            found.append(node)
    return found


def job_triggers(triggers: Triggers, job) -> tuple[dict[str, Location], list[tuple[str, Location]]]:
    """The events and schedules that start this job: an `if:` on `github.event_name` or
    `github.event.schedule` keeps the ones it names."""
    events, crons = dict(triggers.events), list(triggers.crons)
    condition = job.get("if")
    if isinstance(condition, str) and "||" not in condition and "!" not in condition.replace("!=", ""):
        for event in _EVENT_NOT.findall(condition):  # `github.event_name != 'schedule'`
            events.pop(event, None)
        condition = _EVENT_NOT.sub("", condition)
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


def concurrency_guard(path: str, data, job) -> Location | None:
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


def step_limit(value, run: str) -> float | None:
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


def run_timeout(job, limits: list[float], unlimited: bool) -> tuple[float, str]:
    """How long one run of the job may last, and why."""
    job_limit = _minutes(job.get("timeout-minutes"))
    runs_on = str(job.get("runs-on") or "")
    hosted = "self-hosted" not in runs_on
    if job_limit is None:
        timeout, why = DEFAULT_TIMEOUT, "the default job timeout"
    else:
        timeout, why = job_limit, f"`timeout-minutes: {minutes_text(job_limit)}`"
    if hosted and timeout > HOSTED_MAX:
        timeout, why = HOSTED_MAX, "GitHub-hosted runners stop a job after 6 hours"
    if limits and not unlimited and max(limits) < timeout:
        timeout, why = max(limits), f"the steps' own limit ({minutes_text(max(limits))} min)"
    return timeout, why


def minutes_text(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:.1f}"


def schedule_copies(crons, timeout: float, why: str, guard: Location | None, job_id: str) -> Copies | None:
    if not crons or guard is not None:
        return None
    every = interval([c for c, _ in crons])
    if every is None or timeout <= every:
        return None
    runs = min(math.ceil(timeout / every), MAX_RUNS)
    cron, where = min(crons, key=lambda c: interval([c[0]]) or 1440)
    limit = f" (more wait for a free runner)" if runs == MAX_RUNS else ""
    return Copies(runs, f"schedule `{cron}` starts a run every {minutes_text(every)} min while earlier runs still go, "
                        f"for up to {minutes_text(timeout)} min ({why}), with no `concurrency:` group: up to {runs} runs "
                        f"at once{limit}", where,
                  switch=(f"give job `{job_id}` a `concurrency:` group (a new run then waits until the running one "
                          f"ends; `cancel-in-progress: true` stops the running one instead), or end each run before "
                          f"the next one starts (`timeout-minutes: {max(int(every) - 1, 1)}`) ({CONCURRENCY})"))


def matrix_copies(path: str, job, texts: str, guard: Location | None) -> Copies | None:
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


# -- programs started in the background ----------------------------------------------------
# A step's `cmd &` leaves the program running after the step's shell exits, until the job
# ends: the runner's "Complete job" kills every process the job left behind ("Cleaning up
# orphan processes", https://github.com/actions/runner/issues/598). A job that starts its
# program in the background and then only runs checks (curl, wait-on, Playwright, Lighthouse,
# a fixed `sleep`) lasts as long as those checks, not until its timeout.
_CHECK_TOOL = lazy_re(
    r"^\s*(?:sudo\s+)?(?:npx|pnpm\s+(?:exec|dlx)|yarn(?:\s+dlx)?|bunx)\s+(?:--?[\w-]+\s+)*(?:wait-on|playwright|cypress|"
    r"lhci|@lhci/cli|lighthouse|newman|artillery|k6|jest|vitest|mocha|start-server-and-test|pa11y|wdio|testcafe)\b|"
    r"^\s*(?:sudo\s+)?(?:npm|pnpm|yarn|bun)\s+(?:run\s+)?(?:test|e2e|cy:|cypress|playwright|lhci|lighthouse|check|"
    r"smoke|verify|validate)[\w:.-]*\s*$")
_LOOPS = ("while_statement", "for_statement", "c_style_for_statement")


def background_minutes(steps: list[str], starts, finite) -> float | None:
    """How long the job keeps programs it started in the background, in minutes, when what
    runs after the first program started with `&` is known to end (checks, a fixed `sleep`);
    None when a later statement may run as long as the job (`wait`, `sleep infinity`,
    `tail -f`, an endless loop, a program in the foreground) or no program runs in the
    background. `steps` are the masked `run:` texts in order; `starts`/`finite` are the
    workflow reader's tests of a statement."""
    from types import SimpleNamespace

    from ..commands.sequence import keeps_running, sleep_seconds
    from ..treesitter import node_text, parse

    # A foreground program before the first background start is taken for a one-shot (setup):
    # the author expects it to end, or the background start after it would never run.
    started, seconds = False, 0.0
    for text in steps:
        if "&" not in text and not started:
            continue
        tree = parse("bash", text)
        children = tree.root_node.children
        here = False  # a program started in the background in this step (what `wait` waits for)
        for index, node in enumerate(children[:400]):
            if not node.is_named or node.type == "comment":
                continue
            statement = node_text(node)
            background = index + 1 < len(children) and children[index + 1].type == "&"
            program = bool(starts(statement)) and not finite(statement) and not _CHECK_TOOL.match(statement)
            if background:
                started = started or program
                here = here or program
                continue
            if not started:
                continue  # setup before the background start
            if node.type in _LOOPS:
                if "break" not in statement and "exit" not in statement:
                    return None  # `while true; do ...; done`: may run until the job's timeout
                continue
            words = statement.split()
            if program or (words[:1] == ["wait"] and here):
                return None  # a foreground program, or `wait` for the background one: it holds the job
            if words[:1] == ["sleep"]:
                pause = sleep_seconds(words[1:])
                if pause is None or keeps_running(SimpleNamespace(argv=tuple(words))):
                    return None
                seconds += pause
            elif words[:1] == ["tail"] and keeps_running(SimpleNamespace(argv=tuple(words))):
                return None
    return seconds / 60 if started else None


# a secret named for a test bot (or GitHub's own token) reaches no production bot
_SECRET = lazy_re(r"\bsecrets\.([A-Za-z_][A-Za-z0-9_]{0,100})", needs=("secrets.",))
_CREDENTIAL = lazy_re(r"TOKEN|KEY|SESSION|STRING|BOT|SECRET", re.I)
_NOT_PRODUCTION = lazy_re(r"(?:^|_)(?:TEST\w*|DEV|DEVELOP\w*|STAG\w*|SANDBOX|CI|MOCK|FAKE|DUMMY|QA|E2E|PREVIEW)(?:_|$)|^GITHUB_TOKEN$",
                          re.I)


def production_secret(job, data) -> str:
    """The first repository secret the job hands its steps that looks like a production
    credential (`secrets.BOT_TOKEN`; not `secrets.TEST_BOT_TOKEN`, `secrets.GITHUB_TOKEN`),
    or ''. Read from the job and the workflow's `env:`."""
    texts = strings_with(job, "secrets.")
    env = data.get("env") if isinstance(data, dict) else None
    if isinstance(env, dict):
        texts += [v for v in env.values() if isinstance(v, str) and "secrets." in v]
    for text in texts[:200]:
        for name in _SECRET.findall(text[:10_000]):
            if _CREDENTIAL.search(name) and not _NOT_PRODUCTION.search(name):
                return name
    return ""
