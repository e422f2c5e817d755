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
- A program a step starts in the background (`cmd &`) runs until the job ends: the runner
  then kills every process the job left (actions/runner#598). A job that starts its program
  that way and then only runs checks lasts as long as the checks (github_actions_runs.
  background_minutes): a check, not hosting. Likewise a job whose program step (no
  `timeout`) is followed by a step that runs only when the steps before it succeed (`git
  commit` of what a collector wrote): the job is written for a program that exits (`_then`).
- `strategy.matrix` runs the job once per combination (`max-parallel` at a time); when the
  steps do not use `matrix.*`, every combination starts the same program.

Each job is a target of its own (jobs of one workflow and separate workflows are not
added up), with one launch: its `run:` steps joined in order (blank lines keep each
step on its own lines, so the shell analysis points at the right line and a second
long-running step is a fallback, not a copy). `${{ ... }}` expressions are masked as
shell variables of the same length. A workflow is CI, not a deployment config: only a
step that may start a program of the repository is analysed, and the target is
`quiet` (no missing-file or unresolved-command reports, no shell-fact rules): only what
reaches a singleton is reported. A broken workflow file is skipped silently
(GitHub reports it); one past the YAML limits of yamlfile costs a DPL006 on it.
"""
from __future__ import annotations

import posixpath
import re

from ..model import Command, Launch, Location, Overlap, Step, Target
from ..repo import Repo
from ..patterns import lazy_re
from .github_actions_runs import (CONCURRENCY, REPEATING, SHORT_RUN, Triggers, background_minutes, concurrency_guard,
                                  interval, job_text, job_triggers, matrix_copies, minutes_text, production_secret,
                                  run_timeout, schedule_copies, step_limit, triggers_of)

SYNTAX = "https://docs.github.com/en/actions/writing-workflows/workflow-syntax-for-github-actions"
MAX_WORKFLOWS = 200
CI_ONLY = frozenset({"pull_request", "pull_request_target", "pull_request_review", "pull_request_review_comment",
                     "merge_group"})
MAX_JOBS = 60  # jobs read per workflow
MAX_LAUNCHES = 60  # workflow jobs analysed per scan (each is a launch whose programs are followed)
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
    r"bun\s+(?:install|i|test)\b|poetry\s+(?:install|lock|build|check|config|self|export|env)\b|pipenv\s+(?:install|sync)\b|"
    r"uv\s+(?:sync|pip|lock|venv)\b|pytest\b|tox\b|nox\b|npx\s+(?:tsc|eslint|prettier|jest|vitest)\b|alembic\b|"
    r"(?:poetry|pipenv|uv|pdm|hatch)\s+run\s+(?:pytest|alembic|flake8|mypy|black|ruff|isort|pylint|coverage|"
    r"python[\d.]*\s+-m\s+(?:pytest|unittest|mypy|black|ruff|flake8))\b|"
    r"python[\d.]*\s+manage\.py\s+(?:migrate|test|check|collectstatic|makemigrations)\b|"
    r"echo\b|cd\b|ls\b|cat\b|mkdir\b|cp\b|mv\b|rm\b|export\b|set\s+-|git\s|curl\b|wget\b|touch\b|chmod\b)")
_KEY = lazy_re(r"[A-Za-z_][\w.-]*:(?:\s|$)")
_EXPRESSION = lazy_re(r"\$\{\{.*?\}\}", re.S, needs=("${{",))


def targets(repo: Repo) -> list[Target]:
    from .names import is_workflow, is_yaml

    from .github_actions_calls import join_hosted

    found: list[Target] = []
    runs: dict = {}  # id(target) -> JobRun (github_actions_calls): to join workflows that run together
    launches = 0
    for path in sorted(p for p in repo.named(is_yaml) if is_workflow(p))[:MAX_WORKFLOWS]:
        if launches >= MAX_LAUNCHES:
            from ..safe import LimitExceeded, skipped

            skipped(repo, path, f"{path} and the workflows after it",
                    LimitExceeded(f"more than {MAX_LAUNCHES} workflow jobs run programs of the repository"))
            break
        try:
            made = _workflow(repo, path, runs)
            launches += sum(len(t.launches) for t in made)
            found.extend(made)
        except (RecursionError, MemoryError, ValueError, TypeError, AttributeError, KeyError, IndexError) as error:
            from ..safe import skipped  # this workflow only: DPL006 on it, the others are still read

            skipped(repo, path, path, error)
    return join_hosted(found, runs)


def _load(repo: Repo, path: str):
    """The workflow as ruamel data, or None: a workflow deploylint cannot read is GitHub's
    to report (its run fails), so a syntax error is not reported here; one past the limits
    of yamlfile (size, depth, aliases) costs a DPL006 on it (yamlfile.load_quietly). Parsed
    once per scan: nested calls open the same reusable workflow again and again."""
    return repo.memo(("workflow", path), lambda: _parse(repo, path))


def _parse(repo: Repo, path: str):
    from .. import yamlfile

    text = repo.peek(path)
    if text is None:
        return yamlfile.load_quietly(repo, path, text)  # a file too large to read: said so
    calls = "./.github/workflows/" in text  # a job that calls a reusable workflow of the repository
    if not calls and ("run" not in text or not _STARTS.search(text)):
        return None
    if not calls and not any(_may_start(line) for line in text.splitlines()):
        return None  # no line that may start a program (parsing YAML costs more than this look)
    data = yamlfile.load_quietly(repo, path, text, MAX_WORKFLOW_BYTES)
    return data if isinstance(data, dict) else None


def _may_start(line: str) -> bool:
    """A line of a workflow that may start a program of the repository: a `run:` value or a
    line of a `run: |` block that is no install/test/build command."""
    line = line.strip()
    if line.startswith("- "):
        line = line[2:].lstrip()
    if line.startswith("run:"):
        line = line[4:].strip().lstrip("|>-+ ").strip("'\"")
    elif _KEY.match(line):
        return False  # another key (`shell: bash`, `name: Run python bot`)
    return bool(line) and not line.startswith("#") and bool(_STARTS.search(line)) and not _FINITE.match(line)


def _workflow(repo: Repo, path: str, runs: dict | None = None) -> list[Target]:
    from .. import yamlfile
    from .github_actions_calls import local_call

    data = _load(repo, path)
    if data is None:
        return []
    jobs = data.get("jobs")
    if not isinstance(jobs, dict):
        return []
    triggers = triggers_of(path, data)
    if triggers.events and set(triggers.events) == {"workflow_call"}:
        return []  # a reusable workflow runs only when called: its callers analyse it (_called)
    found = []
    together: list[Target] = []  # jobs that start side by side on every run of the workflow
    for index, (job_id, job) in enumerate(jobs.items()):
        if index >= MAX_JOBS:
            break
        called = local_call(job) if isinstance(job, dict) and "steps" not in job else None
        if called is not None:
            made_all = _called(repo, path, data, triggers, str(job_id), job, called, runs, yamlfile.where(path, jobs, job_id))
        elif not isinstance(job, dict) or not isinstance(job.get("steps"), list):
            continue
        else:
            made_all = [_job(repo, path, data, triggers, str(job_id), job, yamlfile.where(path, jobs, job_id), runs)]
        for made in made_all:
            if made is None:
                continue
            target, long_running = made
            # (a job with `needs` starts when those end: whether it overlaps another job is not known)
            if not _needs(job) and job.get("if") is None and long_running:
                together.append(target)
            else:
                found.append(target)
    if len(together) > 1:
        # one target: two of these jobs reaching one singleton run it twice at once (DPL101)
        first = together[0]
        first.name = f"{path} jobs {', '.join(f'`{t.launches[0].name}`' for t in together)}"
        first.launches = [t.launches[0] for t in together]
        if runs is not None:  # the joined target keeps the first job's runs (for join_hosted)
            for other in together[1:]:
                runs.pop(id(other), None)
        together = [first]
    return together + found


def _called(repo: Repo, path: str, data, triggers: Triggers, job_id: str, job, called: str,
            runs: dict | None, at: Location, chain: tuple = (), guard_from: Location | None = None,
            group_from: str = "", budget: list | None = None, matrix_from=None) -> list:
    """The jobs of a reusable workflow a job calls (`uses: ./.github/workflows/x.yml`): they
    run in the caller's runs, so the caller's triggers, `if:` and `concurrency:` apply. A
    called job that calls again is followed too (GitHub allows up to 10 levels of nested
    calls: MAX_NESTING); `chain` holds the workflows above, so a loop ends."""
    from .. import yamlfile
    from .github_actions_calls import MAX_CALLS, MAX_NESTING, group_name, local_call, substituted, variant_of, where_called, with_values

    chain = chain or (path,)
    budget = budget if budget is not None else [MAX_CALLS]
    if called in chain or len(chain) >= MAX_NESTING or budget[0] <= 0 or not repo.exists(called):
        return []
    budget[0] -= 1  # calls fanning out (60 jobs each calling 60 jobs...) end after MAX_CALLS workflows
    called_data = _load(repo, called)
    jobs = called_data.get("jobs") if called_data is not None else None
    if not isinstance(jobs, dict):
        return []
    events, crons = job_triggers(triggers, job)
    passed = Triggers()
    passed.events, passed.crons = events, crons
    guard = concurrency_guard(path, data, job) or guard_from
    group = group_name(data, job) or group_from
    values = with_values(job)
    # a matrix on the calling job runs the called workflow once per combination (the same
    # program when its `with:`/`secrets:` do not use `matrix.*`)
    matrix = matrix_copies(path, job, job_text(job), guard)
    if matrix_from is not None:
        matrix = matrix_from.times(matrix) if matrix is not None else matrix_from
    made = []
    for index, (called_id, called_job) in enumerate(jobs.items()):
        if index >= MAX_JOBS:
            break
        nested = local_call(called_job) if isinstance(called_job, dict) and "steps" not in called_job else None
        if nested is not None:  # a reusable workflow that calls another: the outer caller's runs, triggers and group
            inner = _called(repo, called, called_data, passed, job_id, called_job, nested, runs, at, (*chain, called),
                            guard, group, budget, matrix)
            for result in inner:
                if runs is not None and id(result[0]) in runs:
                    runs[id(result[0])].path = chain[0]  # the outermost caller's workflow (joins across workflows)
                launch = result[0].launches[0]
                launch.label = launch.label.replace("(calls ", f"(calls {called} job `{called_id}` -> ", 1)
                launch.note = f"workflow {path} (calls {called}, which calls {nested})"
                launch.steps = [*launch.steps[:-1], Step(where_called(path, job), f"job `{job_id}` runs {called}"),
                                Step(where_called(called, called_job), f"job `{called_id}` runs {nested}")]
                result[0].name = f"{path} job `{job_id}` -> {called} job `{called_id}` -> {result[0].name.split(' -> ', 1)[-1]}"
            made.extend(inner)
            continue
        if not isinstance(called_job, dict) or not isinstance(called_job.get("steps"), list):
            continue
        variant = variant_of(called, job, called_job)
        result = _job(repo, called, called_data, passed, job_id, called_job, yamlfile.where(called, jobs, called_id),
                      runs, guard_from=guard, group_from=group or substituted(group_name(called_data, called_job), values),
                      origin=path, variant=variant, caller_matrix=matrix)
        if result is not None:
            launch = result[0].launches[0]
            launch.label = f"GitHub Actions job `{job_id}` (calls {called} job `{called_id}`)"
            launch.location = result[0].location = at  # the calling job: where its schedule, concurrency and call are
            launch.note = f"workflow {path} (calls {called})"
            launch.steps = [*launch.steps, Step(where_called(path, job), f"job `{job_id}` runs {called}")]
            result[0].name = f"{path} job `{job_id}` -> {called} job `{called_id}`"
            made.append(result)
    return made


def _needs(job) -> list:
    """The jobs this job waits for (`needs: a` or `needs: [a, b]`): it starts after they end."""
    needs = job.get("needs")
    if isinstance(needs, (str, int)):
        return [needs]
    return [n for n in needs if isinstance(n, (str, int))][:MAX_JOBS] if isinstance(needs, list) else []


# -- triggers ----------------------------------------------------------------------------
# -- jobs --------------------------------------------------------------------------------
def _job(repo: Repo, path: str, data, triggers: Triggers, job_id: str, job,
         where: Location, runs: dict | None = None, guard_from: Location | None = None, group_from: str = "",
         origin: str = "", variant: str = "", caller_matrix=None) -> tuple[Target, bool] | None:
    """The job's target, and whether a run of it may last longer than a check (SHORT_RUN)."""
    from .. import yamlfile

    events, crons = job_triggers(triggers, job)
    if events and all(e in CI_ONLY for e in events):
        return None  # runs for pull requests only: a check of the code, never where the bot is hosted
    defaults = _defaults(data, job)
    shell = defaults.get("shell")
    steps = job["steps"]
    base = _base(steps, defaults, shell)
    if base is None:
        return None
    parts: list[tuple[str, int, Location]] = []  # (masked text, first line, where the value starts)
    limits: list[float] = []
    unlimited = False
    env: dict[str, str] = {}
    last = -1  # the index of the last step that starts a program
    for index, step in enumerate(steps[:MAX_STEPS]):
        if not isinstance(step, dict) or "run" not in step:
            continue
        run = step.get("run")
        if not isinstance(run, str) or not run.strip() or not _sh(step.get("shell", shell)):
            continue
        masked = _mask(run.rstrip("\n"))
        if not _STARTS.search(masked) or _finite(masked):
            continue
        if _directory(step.get("working-directory", defaults.get("working-directory"))) != base:
            continue  # another directory than the step that starts the program: its setup, not the program
        line_at = yamlfile.value_where(path, step, "run")
        line = _first_line(repo, line_at)
        parts.append((masked, line, line_at if line == line_at.line else Location(path, line, 1)))
        last = index
        for name, value in (step.get("env") or {}).items() if isinstance(step.get("env"), dict) else ():
            if isinstance(value, (str, int, float)) and not isinstance(value, bool) and "${{" not in str(value):
                env.setdefault(str(name), str(value))
        limit = step_limit(step.get("timeout-minutes"), run)
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
    # a self-hosted runner runs one job at a time (how many runners the repository has is
    # unknown: one, as DESIGN assumes when nothing is known): later runs wait for it
    self_hosted = "self-hosted" in str(job.get("runs-on") or "")
    guard = guard_from or concurrency_guard(path, data, job) or (yamlfile.where(path, job, "runs-on") if self_hosted else None)
    timeout, timeout_why = run_timeout(job, limits, unlimited)
    if any("&" in masked for masked, _, _ in parts):
        held = background_minutes([_mask(s["run"]) for s in steps[:MAX_STEPS] if isinstance(s, dict)
                                   and isinstance(s.get("run"), str) and _sh(s.get("shell", shell))],
                                  _STARTS.search, _finite)
        if held is not None and held < timeout:
            timeout = max(held, 1.0)
            timeout_why = (f"its program runs in the background only while the later steps run (about "
                           f"{minutes_text(timeout)} min): the job then ends, and the runner stops what it left running")
    then = _then(path, steps[last + 1:MAX_STEPS]) if unlimited and not any("&" in m for m, _, _ in parts) else None
    if then is not None and timeout > SHORT_RUN:
        timeout = float(SHORT_RUN)
        timeout_why = (f"a later step ({then[0]}, line {then[1].line}) runs only once its program has exited: the job "
                       "is written for a program that ends")
    if runs is not None:
        from .github_actions_calls import JobRun, group_name

        runs[id(target)] = JobRun(origin or path, timeout, tuple(crons), group_from or group_name(data, job), guard,
                                  timeout > SHORT_RUN and not self_hosted, variant)
    copies = schedule_copies(crons, timeout, timeout_why, guard, job_id)
    matrix = matrix_copies(path, job, job_text(job), guard) if timeout > SHORT_RUN else None
    if caller_matrix is not None and timeout > SHORT_RUN:
        matrix = caller_matrix.times(matrix) if matrix is not None else caller_matrix
    if matrix is not None:
        copies = copies.times(matrix) if copies is not None else matrix
    if copies is not None:
        launch.copies = copies
    elif guard is None and crons and interval([c for c, _ in crons]) == timeout:
        cron, at = crons[0]
        launch.overlaps.append(Overlap(
            f"schedule `{cron}` (a run every {minutes_text(timeout)} min, each allowed {minutes_text(timeout)} min by "
            f"{timeout_why}: a run that starts late still runs when the next one starts)", at, platform="github-actions",
            when="whenever a scheduled run starts late", signals_old=False,
            switch=(f"give job `{job_id}` a `concurrency:` group with `cancel-in-progress: true`, or end each run a few "
                    f"minutes before the next one starts (`timeout-minutes: {max(int(timeout) - 10, 1)}`) ({CONCURRENCY})")))
    elif guard is None and timeout > SHORT_RUN:
        repeating = [e for e in REPEATING if e in events]
        if repeating:
            first = repeating[0]
            launch.overlaps.append(Overlap(
                f"every {first.replace('_', ' ')} (it starts a new workflow run; no `concurrency:` group)", events[first],
                platform="github-actions", when="until the old run ends or times out", signals_old=False,
                switch=(f"give job `{job_id}` a `concurrency:` group with `cancel-in-progress: true`, so a new run "
                        f"stops the running one before it starts the program ({CONCURRENCY})")))
    if timeout <= SHORT_RUN:
        _check_beside(launch, job, data, events, crons, job_id)
    return target, timeout > SHORT_RUN and not self_hosted


def _check_beside(launch: Launch, job, data, events: dict, crons: list, job_id: str) -> None:
    """A check (a short run) that starts the program with a production-looking secret on every
    push or schedule: while it runs, it is a second copy beside the deployed one (DPL105 reports
    it only when another target of the repository runs the same singleton: `elsewhere`)."""
    secret = production_secret(job, data)
    first = next((e for e in REPEATING if e in events), "schedule" if crons else None)
    if not secret or first is None:
        return
    at = events.get(first) or crons[0][1]
    what = "every scheduled run" if first == "schedule" else f"every {first.replace('_', ' ')}"
    launch.overlaps.append(Overlap(
        f"{what} starts it for a check with `secrets.{secret}`", at, platform="github-actions",
        when="for as long as the check runs", signals_old=False, elsewhere=True, beside="as a second copy",
        switch=(f"give job `{job_id}` its own test bot token (a separate secret such as `secrets.TEST_{secret}`), or keep "
                "the check from starting the bot")))


def _base(steps, defaults: dict, shell) -> str | None:
    """The directory the job's program runs in: that of its last step that may start one
    (`working-directory` of the step, else `defaults.run`), None when it is no repository path."""
    found = defaults.get("working-directory")
    for step in steps[:MAX_STEPS]:
        if isinstance(step, dict) and isinstance(step.get("run"), str) and _sh(step.get("shell", shell)):
            masked = _mask(step["run"])
            if _STARTS.search(masked) and not _finite(masked):
                found = step.get("working-directory", defaults.get("working-directory"))
    return _directory(found)


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


_NOT_ONLY_ON_SUCCESS = ("always()", "failure()", "cancelled()")


def _then(path: str, later: list) -> tuple[str, Location] | None:
    """The first step after the program's that runs only when the steps before it succeed
    (no `if:`, or one without always()/failure()/cancelled()) and does work (`run:` or
    `uses:`): the job expects the program to exit (`python fetch.py`, then commit what it
    wrote). A program that never ends never lets that step run. (name, where) or None."""
    from .. import yamlfile

    for step in later:
        if not isinstance(step, dict) or not ("run" in step or "uses" in step):
            continue
        condition = step.get("if")
        if condition is not None and (not isinstance(condition, str) or any(w in condition.replace(" ", "")
                                                                           for w in _NOT_ONLY_ON_SUCCESS)):
            continue
        if step.get("continue-on-error") not in (None, False):
            continue
        name = step.get("name")
        label = f"`{name[:60]}`" if isinstance(name, str) and name.strip() else (
            f"`{str(step.get('uses'))[:60]}`" if "uses" in step else "a `run:` step")
        return label, yamlfile.where(path, step, "name" if "name" in step else ("run" if "run" in step else "uses"))
    return None


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
