"""The one data model every stage shares.

discover -> formats (Target, Launch) -> commands (Process, Fact) -> code (Evidence)
-> plan (Instance) -> checks (Finding) -> report.
Everything here is plain data: no I/O, no parsing.
"""
from __future__ import annotations

import enum
from .record import dataclass, field


class Severity(enum.IntEnum):
    INFO = 1
    WARNING = 2
    ERROR = 3

    @property
    def label(self) -> str:
        return self.name.lower()

    @classmethod
    def parse(cls, text: str) -> "Severity":
        return cls[text.strip().upper()]


@dataclass(frozen=True)
class Location:
    """A place in a scanned file. Paths are root-relative with '/'. Lines and columns
    are 1-based; 0 means "the whole file" (line) or "start of line" (column)."""

    path: str
    line: int = 0
    column: int = 0
    end_line: int = 0
    end_column: int = 0

    def __str__(self) -> str:
        if not self.line:
            return self.path
        return f"{self.path}:{self.line}:{max(self.column, 1)}"

    def shifted(self, offset: int, length: int = 0) -> "Location":
        """The place `offset` characters further along the same line."""
        column = max(self.column, 1) + offset
        end = column + length if length else 0
        return Location(self.path, self.line, column, self.line if end else 0, end)


@dataclass(frozen=True)
class Step:
    """One link of an evidence chain: config line -> command -> code line."""

    location: Location
    note: str


# Appended to the note of a condition step that tells a dev reloader's two processes apart
# (`if not is_running_from_reloader():`): what it guards runs in one of them, not twice.
RELOADER_ONCE = " (one of the dev reloader's two processes)"
MAIN_BLOCK = "the `__main__` block runs"  # the trace step of code under `if __name__ == "__main__":`


@dataclass(frozen=True)
class Copies:
    """How many copies something runs, and why we think so."""

    count: int = 1
    reason: str = ""  # "numReplicas = 3", "WEB_CONCURRENCY (Heroku default: 2)"
    location: Location | None = None
    assumed: bool = False  # True when the number comes from a default, not the repo
    pm2: int = 1  # the factor of `count` that is PM2 instances (NODE_APP_INSTANCE tells them apart)
    switch: str = ""  # how to bring it down to one copy where the count is not a number to edit (hints)
    # one copy per something the repository does not count ("Swarm node" for compose `deploy.mode:
    # global`): `count` then assumes PER_ASSUMED of them, and messages say "per node" instead
    per: str = ""

    def times(self, other: "Copies") -> "Copies":
        if other.count == 1 and not other.reason:
            return self
        if self.count == 1 and not self.reason:
            return other
        reason = " x ".join(r for r in (self.reason, other.reason) if r)
        switch = "; ".join(s for s in (self.switch, other.switch) if s)
        return Copies(self.count * other.count, reason, other.location or self.location,
                      self.assumed or other.assumed, self.pm2 * other.pm2, switch, self.per or other.per)

    def per_unit(self) -> int:
        """Copies on each `per` unit (each Swarm node), when `per` is set."""
        return max(self.count // PER_ASSUMED, 1) if self.per else self.count

    def without_pm2(self) -> "Copies":
        """The copies PM2 instances do not make: a platform's replicas each have their own
        instance 0, so code guarded by `NODE_APP_INSTANCE === '0'` still runs once per replica."""
        if self.pm2 <= 1:
            return self
        if self.count <= self.pm2:
            return ONE
        reason = " x ".join(r for r in self.reason.split(" x ") if not r.startswith("PM2 "))
        return Copies(max(self.count // self.pm2, 1), reason, None, self.assumed, per=self.per)


ONE = Copies()
PER_ASSUMED = 2  # units (Swarm nodes) assumed where the repository does not say how many: "more than one"


@dataclass(frozen=True)
class Command:
    """A start command as a config file writes it: a shell string or an exec-form argv.
    `location` is where the command text starts, so a column inside a one-line command
    is `location.shifted(offset)`."""

    location: Location
    shell: str | None = None
    argv: tuple[str, ...] | None = None

    @property
    def text(self) -> str:
        if self.shell is not None:
            return self.shell
        import shlex

        return shlex.join(self.argv or ())


@dataclass
class Overlap:
    """A deploy mechanism that runs old and new copies side by side for a while."""

    reason: str  # "overlapSeconds = 30", "pm2 reload in cluster mode"
    location: Location
    explicit: bool = True  # explicit config (DPL105) vs platform default behaviour
    switch: str = ""  # how to turn it off, for hints: "set `strategy.type: Recreate` ..."
    platform: str = ""  # "render", "fly", "kubernetes", ... ("" : the target's)
    when: str = "during every deploy"  # when old and new run side by side, for messages ("on every push")
    signals_old: bool = True  # the old copy gets a stop signal when the new one is up (False: it runs on until it ends)
    beside: str = ""  # what it does, for messages, when it is no old-and-new pair ("runs a second copy beside production")
    elsewhere: bool = False  # counts only beside another target that runs the same singleton (a CI check with its token)


@dataclass
class Launch:
    """One process definition a platform starts: a Procfile line, a compose service,
    a PM2 app, a Dockerfile's final CMD."""

    name: str  # "web", the service or app name
    label: str  # "Procfile `web`", "compose service `bot`"
    location: Location  # the line that defines it
    command: Command | None  # None: the platform's command is unknown
    copies: Copies = ONE
    cwd: str = ""  # root-relative directory the command runs in
    role: str = ""  # "web", "worker", "release", "" (unknown)
    env: dict[str, str] = field(default_factory=dict)
    # the platform passes exactly `env` (compose: the service's environment, its env_files, the
    # image's ENV): a variable not in it is unset, so `[ "$RUN_BEAT" = 1 ]` is decided
    env_closed: bool = False
    overlaps: list[Overlap] = field(default_factory=list)
    runs: bool = True  # False: declared but the platform will not start it
    note: str = ""  # why it does (not) run, e.g. "profile `debug` only"
    steps: list[Step] = field(default_factory=list)  # how the config was assembled (trace, before the launch)
    built: tuple[str, ...] = ()  # fnmatch patterns of paths the image build creates (not DPL003)
    image: object = None  # formats.dockerfile_image.ImagePaths: absolute container paths -> repo files
    schedule: str = ""  # a cron schedule: the platform starts a run on it, one run at a time, and the run exits
    source: str = ""  # what in the config starts it, for messages: "Dockerfile Dockerfile", "Procfile `web`", "Railpack default: ..."
    # compose: the prebuilt image an image-only service pulls (its name without tag or digest);
    # two services pulling different images run two programs, not two copies of one
    pulled: str = ""
    built_from: str = ""  # compose: the Dockerfile (and stage) a built service's image comes from
    # copies a config asks for that the platform no longer reads (a railway.json after Railway's
    # cutoff, for the same program): they come back when the file is migrated as it is
    unread_copies: Copies | None = None


@dataclass
class Shadow:
    """A start command that looks like it runs but never does, because another source
    wins (DPL107): a Procfile beside a Railway Dockerfile build, a CMD dropped by an
    entrypoint, a Dockerfile CMD replaced by deploy.startCommand."""

    location: Location
    message: str
    hint: str
    trace: list[Step] = field(default_factory=list)


@dataclass
class Target:
    """One way of deploying the repository (a platform + its config). Launches of one
    target run together; targets are alternatives and are never added up."""

    platform: str  # "heroku", "railway", "docker", "compose", "pm2"
    name: str  # "Procfile", "railway.json", "docker-compose.yml"
    location: Location
    launches: list[Launch] = field(default_factory=list)
    overlaps: list[Overlap] = field(default_factory=list)
    env: dict[str, str] = field(default_factory=dict)  # platform-set environment
    hosts_differ: bool = True  # copies run in separate containers/hosts (locks can't see)
    shadows: list[Shadow] = field(default_factory=list)
    environments: tuple[str, ...] = ()  # the platform environments this target plans (Railway IaC), () : all
    # CI that runs programs (GitHub Actions): only what reaches a singleton is reported, not
    # the missing files, unresolved commands or shell facts (sleep, pkill) of its steps
    quiet: bool = False


@dataclass(frozen=True)
class StartHook:
    """Code a runner calls besides the entry module: a gunicorn config file and its
    server hooks, the task modules and task bodies of a Celery worker. `qual` is a
    function's qualified name, "" for the module body; `per_worker` when it runs once in
    every server worker (or worker child) rather than once per process."""

    path: str
    qual: str
    per_worker: bool
    step: Step  # the first trace step: "gunicorn calls `post_fork` in every worker"
    context: str = ""  # how the rules say where it starts: "in gunicorn's `post_fork` hook"


@dataclass
class Process:
    """A program a launch actually runs, after following shells, scripts and runners
    (sh -c, npm scripts, pm2, honcho...)."""

    argv: tuple[str, ...]
    location: Location  # where this program's command is written
    kind: str = "other"  # python-script, python-module, python-app, node, celery, other, unknown
    entry: str | None = None  # root-relative file that runs (script or app module file)
    app: str | None = None  # attribute of an app: "app" in "api:app"
    server: str | None = None  # gunicorn, uvicorn, hypercorn, ... for python-app
    copies: Copies = ONE  # copies added by runners on the way (pm2 instances, honcho)
    workers: Copies = ONE  # server worker processes: multiply per-worker evidence only
    preload: bool = False  # gunicorn --preload: import-time code runs once in the master
    leader: str = ""  # a wrapper that runs it in one copy at a time (`single-beat`): Evidence.leader of its singletons
    background: bool = False  # started with & / nohup & / concurrently beside others
    reloader: bool = False  # a dev reloader that imports the module twice
    long_running: bool = True  # False for one-shot commands (migrations, echo)
    trace: tuple[Step, ...] = ()  # launch line -> ... -> this program
    cwd: str = ""  # root-relative working directory (the import base for -m and apps)
    language: str = ""  # "python", "javascript", "typescript", "" (unknown)
    # Shell sequencing (commands/shell.py, resolved in commands/sequence.py):
    after: str = ""  # "`uvicorn app:app` exits": starts only once that long-running command ends
    after_location: Location | None = None  # where the command it waits for is written
    condition: str = ""  # "if [ \"$DEBUG\" = 1 ]": runs only in this branch of a condition
    restarted: str = ""  # "the `while true` loop (start.sh:2)": a shell loop starts it again when it exits
    branches: tuple[tuple[str, int], ...] = ()  # (alternative group, branch index), outermost first
    waits_for: "Process | None" = field(default=None, repr=False, compare=False)  # foreground command before it
    waits_how: str = ""  # "exits", "fails" (`a || b`): how it follows `waits_for`
    variant: str = ""  # which branch of the entry runs: "" (main), "cluster-worker", "worker-thread"
    spawned: str = ""  # how the code of another process started this one (`fork('bot.js')`), "" for a platform's
    hooks: tuple[StartHook, ...] = ()  # more start points than the entry (gunicorn hooks, Celery tasks)
    # the values a click/Typer sub-command's parameters get from the command line, (name, value)
    # pairs (runners/python_cli): `run all` binds `what` to "all", so `if what == "bot":` is not taken
    arguments: tuple = ()
    # the environment the program starts with, where a config sets it (PM2 `env`, compose
    # `environment`, Dockerfile ENV): decides `process.env.X === 'v'` branches (Evidence.env_test)
    env: dict = field(default_factory=dict, repr=False, compare=False)

    def excludes(self, other: "Process") -> bool:
        """True when the two never run at once: different branches of one if/case/`||`."""
        if not self.branches or not other.branches:
            return False
        mine = dict(self.branches)
        return any(group in mine and mine[group] != index for group, index in other.branches)

    def runs_beside(self, other: "Process") -> bool:
        """True when both can be running at the same moment (neither is a fallback that
        starts after a foreground command exits, and they are not alternatives)."""
        return not self.after and not other.after and not self.excludes(other)


@dataclass(frozen=True)
class Fact:
    """Something a start command or script does beside starting programs, for the
    rules on fragile guards: sleep, pkill, trap, wait, lock files."""

    kind: str  # "sleep", "kill-by-name", "trap", "wait", "lock-file"
    location: Location
    text: str


@dataclass(frozen=True)
class Evidence:
    """A must-run-once thing (or a related trap) found in code reachable at start-up."""

    kind: str  # "polling", "webhook", "polling-fallback", "beat", "scheduler", "gateway",
    # "session", "kill-by-name", "lock-file", "stop-signal", "user-singleton"
    singleton: str  # human name: "Telegram polling (python-telegram-bot)"
    location: Location  # the code line
    trace: tuple[Step, ...] = ()  # import chain / hook that reaches it, ends at location
    per_worker: bool = False  # runs on import / app start-up: once per server worker
    family: str = ""  # what two copies of it fight over: "telegram", "discord", "celery-beat"
    token: str = ""  # where its credential comes from (env var name), "" if unknown
    # "manual": the client is told which shard it is (discord.js `shardId`/`shards` options from
    # the environment or config): separate launches are separate shards, not copies
    shard: str = ""
    context: str = ""  # where it starts when not the entry's import/start-up: "when Celery task `x` runs"
    # Code after a blocking server call in the same block (`app.run()` then `bot.polling()`):
    # it starts only once the server returns, so it is a fallback (DPL109), never a copy.
    after: str = ""  # "`app.run()` returns"
    after_location: Location | None = None  # the blocking call
    pm2_once: bool = False  # guarded by `NODE_APP_INSTANCE === '0'`: one PM2 instance of each copy runs it
    on_failure: str = ""  # starts only in a catch: "`bot.telegram.setWebhook(url)` fails" (a fallback, not a copy)
    # starts only when the server handles a request ("`POST /start`"), never at start-up: not a copy
    on_request: str = ""
    # (NAME, op, value, runs_when): it runs only when the test `process.env.NAME op value` (op "==",
    # "!=", "truthy") comes out `runs_when` (a webhook/polling choice); () when unconditional
    env_test: tuple = field(default=(), repr=False, compare=False)
    # Runs in one copy at a time whatever the copies (code/python_leader.py): a lease every copy
    # sees ("a Redis `SET NX` lease (bot.py:12)"), or a test of the copy's identity (`DYNO ==
    # 'worker.1'`) that holds only where `leader_where` names the platform and, when set, only
    # for the launch `leader_type` names
    leader: str = ""
    leader_where: tuple = ()
    leader_type: str = ""
    # Copies a loop or comprehension starts at once inside this one process, with one
    # credential (code/python_repeat.py): `for _ in range(3): Thread(target=poll).start()`
    repeated: Copies | None = field(default=None, compare=False)

    @property
    def is_singleton(self) -> bool:
        """A must-run-once thing that runs while the process runs: not one that only starts
        after a blocking server call returns (`after_serving`, DPL109), nor a fallback that
        starts only when the code it guards fails (`on_failure`, DPL108)."""
        return self.kind in SINGLETON_KINDS and not self.after and not self.on_failure and not self.on_request

    @property
    def after_serving(self) -> bool:
        return bool(self.after) and self.kind in SINGLETON_KINDS


SINGLETON_KINDS = frozenset(
    {"polling", "polling-fallback", "beat", "scheduler", "gateway", "session", "user-singleton"}
)


@dataclass
class Instance:
    """A process of a target with what it reaches: the plan's unit."""

    target: Target
    launch: Launch
    process: Process
    evidence: list[Evidence]

    @property
    def copies(self) -> Copies:
        return self.launch.copies.times(self.process.copies)

    def copies_of(self, evidence: Evidence) -> Copies:
        """The copies that run `evidence`: without PM2's instances when a NODE_APP_INSTANCE
        guard keeps it to one of them."""
        if evidence.leader and (not evidence.leader_where or self.target.platform in evidence.leader_where) and (
                not evidence.leader_type or evidence.leader_type == self.launch.name):
            return Copies(1, f"one at a time: {evidence.leader}")
        if evidence.repeated is not None:  # a loop starts several in each copy
            return self._copies_of(evidence).times(evidence.repeated)
        return self._copies_of(evidence)

    def _copies_of(self, evidence: Evidence) -> Copies:
        if not evidence.pm2_once:
            return self.copies
        return self.launch.copies.without_pm2().times(self.process.copies.without_pm2())

    @property
    def label(self) -> str:
        return self.launch.label


@dataclass(frozen=True)
class Edit:
    """Replace the text between (line, column) and (end_line, end_column) of `path`
    (1-based, end exclusive) with `content`: a minimal edit at a parsed location."""

    path: str
    line: int
    column: int
    end_line: int
    end_column: int
    content: str


@dataclass(frozen=True)
class FileEdit:
    """Write the whole of `path` (`content`), a file that does not exist yet, or delete
    it (`content` None): a migration that moves settings to another file."""

    path: str
    content: str | None


@dataclass(frozen=True)
class Fix:
    """How to remove a finding. `safe`: keeps every service running and only removes the
    duplicate; `unsafe`: changes behaviour (applied only with --unsafe-fixes)."""

    applicability: str  # "safe" | "unsafe"
    description: str  # "set `numReplicas` to 1"
    edits: tuple[Edit | FileEdit, ...]


@dataclass
class Finding:
    code: str
    message: str
    location: Location
    hint: str
    trace: list[Step] = field(default_factory=list)
    severity: Severity | None = None  # None: the rule's default
    platform: str = ""  # the target platform the finding is about ("heroku", "railway"...), "" if none
    fix: Fix | None = None
    singleton: tuple[str, str | None] | None = None  # DPL1xx: (family, library), see checks/wording.py

    def sort_key(self):
        return (self.location.path, self.location.line, self.location.column, self.code)
