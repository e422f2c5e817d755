"""Command analysis shared by every format: a start command -> the Processes it runs.

`analyse(command, ctx)` parses shell text with tree-sitter-bash (see `shell.py`), or
takes an exec-form argv as is, and hands each simple command to the runner registered
for its program name (`deploylint/runners/`): python, gunicorn, npm, pm2, honcho...
A runner returns an `Analysis`, possibly by analysing further commands through
`ctx.analyse_shell` / `ctx.analyse_argv` (an npm script, a shell script, a Procfile
line), so wrappers nest to any depth with one trace.
"""
from __future__ import annotations

import re

from ..record import dataclass, field, replace
from typing import Mapping

from ..model import Command, Copies, Fact, Finding, Location, Process, Step, ONE
from ..repo import Repo, join

MAX_DEPTH = 12  # commands that start commands (wrappers, scripts, npm scripts): an explicit budget


@dataclass
class Analysis:
    processes: list[Process] = field(default_factory=list)
    facts: list[Fact] = field(default_factory=list)

    def add(self, other: "Analysis | None") -> "Analysis":
        if other is not None:
            self.processes.extend(other.processes)
            self.facts.extend(other.facts)
        return self


@dataclass(frozen=True)
class Call:
    """One simple command after shell syntax is stripped: `exec`, `nohup`, env
    assignments and redirections are gone; `argv[0]` is the program."""

    argv: tuple[str, ...]
    location: Location  # where argv[0] is written
    background: bool = False
    env: Mapping[str, str] = field(default_factory=dict)  # VAR=value prefixes
    arg_locations: tuple[Location, ...] = ()  # where each argv word is written, when known

    def at(self, index: int) -> Location:
        """Where argv[index] is written (the command's start when unknown)."""
        return self.arg_locations[index] if index < len(self.arg_locations) else self.location

    def shifted(self, skip: int) -> "Call":
        """The call without its first `skip` words (`exec`, `nohup`, `uv run`...)."""
        return Call(self.argv[skip:], self.at(skip), self.background, self.env, self.arg_locations[skip:])

    @property
    def program(self) -> str:
        return self.argv[0].rsplit("/", 1)[-1] if self.argv else ""

    @property
    def args(self) -> tuple[str, ...]:
        return self.argv[1:]


@dataclass(frozen=True)
class Context:
    """Where a command runs: the repo, the working directory, known environment, and
    the trace that led here."""

    repo: Repo
    cwd: str = ""
    env: Mapping[str, str] = field(default_factory=dict)
    platform: str = ""
    label: str = ""  # the launch's label, for messages
    trace: tuple[Step, ...] = ()
    copies: Copies = ONE  # copies added by runners on the way down
    background: bool = False
    depth: int = 0
    # shell sequencing, copied onto every Process made here (see shell.py)
    waits_for: Process | None = None  # the foreground command that runs before this one
    waits_how: str = ""
    after: str = ""  # set directly when known (`trap ... EXIT`)
    branches: tuple[tuple[str, int], ...] = ()
    condition: str = ""
    positional: tuple[str, ...] | None = None  # a script's arguments ($1, "$@"), when known
    image: object = None  # the launch's ImagePaths: an absolute container path -> the repo file
    written: Mapping[str, tuple] = field(default_factory=dict)  # files the start command wrote (shell_files.py)
    script: str = ""  # the script file being read, when the shell text is one (its $0: shell_values.py)
    env_closed: bool = False  # a variable not in `env` is unset (Launch.env_closed; shell_words.py)

    def in_image(self, path_text: str) -> str | None:
        """The repository file an absolute path names inside the launch's image, if any."""
        return self.image.to_repo(self.repo, path_text) if self.image is not None else None  # type: ignore[attr-defined]

    def step(self, location: Location, note: str, **changes) -> "Context":
        return replace(self, trace=(*self.trace, Step(location, note)), **changes)

    def deeper(self, **changes) -> "Context":
        return replace(self, depth=self.depth + 1, **changes)

    def analyse_shell(self, text: str, location: Location) -> Analysis:
        if self.depth >= MAX_DEPTH:
            return self.too_deep(location)
        return _analyse_text(text, location, self.deeper())

    def analyse_argv(self, argv: tuple[str, ...], location: Location, background: bool = False) -> Analysis:
        if not argv:
            return Analysis()
        if self.depth >= MAX_DEPTH:
            return self.too_deep(location)
        return run_call(Call(tuple(argv), location, background or self.background), self.deeper())

    def process(self, call: Call, **fields) -> Process:
        """A leaf Process for `call`, carrying this context's trace and copies."""
        fields.setdefault("copies", self.copies)
        fields.setdefault("cwd", self.cwd)
        fields.setdefault("background", call.background or self.background)
        fields.setdefault("env", dict(self.env))
        for name in ("waits_for", "waits_how", "after", "branches", "condition"):
            fields.setdefault(name, getattr(self, name))
        return Process(argv=call.argv, location=call.location, trace=self.trace, **fields)

    def unresolved(self, location: Location, message: str, hint: str) -> None:
        self.repo.findings.append(Finding("DPL004", message, location, hint, list(self.trace)))

    def too_deep(self, location: Location) -> Analysis:
        """DPL006 where commands that start commands nest past MAX_DEPTH (a chain of
        wrappers, scripts or npm scripts, or a cycle of them); the inner part is skipped."""
        self.limit(location, f"commands that start commands are nested more than {MAX_DEPTH} levels deep "
                   "(wrappers, scripts, npm scripts calling each other, or a cycle); the inner part was not analysed",
                   "start the process more directly (fewer wrappers and scripts calling scripts)")
        return Analysis()

    def limit(self, location: Location, message: str, hint: str) -> None:
        """DPL006 (analysis-limit) at `location`, with the trace that led there."""
        self.repo.findings.append(Finding("DPL006", message, location, hint, list(self.trace)))

    def missing(self, location: Location, message: str, hint: str) -> None:
        if self.written and self._cloned(message):
            return
        if self.image is not None and getattr(getattr(self.image, "dc", None), "clones", ()):
            from ..formats.dockerfile_clones import missing_in_clone

            if missing_in_clone(self, message):  # the image's code comes from a `RUN git clone`
                return
        from ..submodules import recast

        code, recast_as = "DPL003", recast(self.repo, "DPL003", message, location, self.cwd)
        if recast_as is not None:
            code, message, hint = recast_as
            if not code:
                return
        self.repo.findings.append(Finding(code, message, location, hint, list(self.trace)))

    def _cloned(self, message: str) -> bool:
        """A file looked for in a directory the start command `git clone`s at run time: its
        code is not in this repository. One DPL004 at the clone instead of a DPL003."""
        from .shell_files import fetched

        looked = re.search(r"\(looked for ([^)\s]+)\)", message)
        found = fetched(self, self.cwd) or (fetched(self, looked.group(1)) if looked else None)
        if found is None:
            return False
        directory, entry = found
        self.repo.findings.append(Finding(
            "DPL004", f"the start command runs code from {directory or '.'}/, which it fetches with `git clone` at run time: "
                      "that code is not in this repository, so it is not checked",
            entry.where, "commit the code this deployment runs (or add it as a git submodule) to have it checked",
            list(self.trace)))
        return True


def analyse(command: Command, ctx: Context) -> Analysis:
    """The Processes and Facts of a start command."""
    if command.shell is not None:
        return _analyse_text(command.shell, command.location, ctx)
    return run_call(Call(tuple(command.argv or ()), command.location, ctx.background), ctx)


def _analyse_text(text: str, location: Location, ctx: Context) -> Analysis:
    # shell.analyse_shell, with its first step here: one plain simple command needs neither
    # the shell walk's modules nor the grammar (tests/test_startup.py)
    from .shell_simple import analyse_simple

    result = analyse_simple(text, location, ctx)
    if result is not None:
        return result
    from .shell import walk_shell

    return walk_shell(text, location, ctx)


def run_call(call: Call, ctx: Context) -> Analysis:
    """Hand a simple command to the runner for its program."""
    from ..runners import runner_for

    if ctx.depth > MAX_DEPTH:  # every runner that passes a command on goes through here
        return ctx.too_deep(call.location)
    program = call.argv[0] if call.argv else ""
    if " " in program.strip() and "$" not in program and not ctx.repo.exists(join(ctx.cwd, program)):
        # `["python bot.py"]` (exec form, one item) or a quoted `"python bot.py"`: no shell splits it
        shown = program if len(program) <= 120 else program[:117] + "..."
        ctx.missing(call.location, f"{ctx.label or 'the start command'} runs one word with spaces in it, `{shown}`: "
                    "nothing splits it into words (an exec-form list, or quotes), so it looks for a program of that "
                    "whole name",
                    "write one list item per word (`[\"python\", \"bot.py\"]`), or run the text with `sh -c`")
        return Analysis([ctx.process(call, kind="unknown")])
    return runner_for(program)(call, ctx)
