"""`make run`, `make -C bot start`, `$(MAKE) worker`: a Makefile target's recipe.

make runs the goal's prerequisites first, then each recipe line in its own shell, one
after another (a line after a long-running one is a fallback, as in a script). `-j N`
runs the prerequisites side by side. `.ONESHELL:` runs a recipe as one shell script.
Variables: `NAME = value` / `:=` / `?=` / `+=` and `NAME=value` on the command line are
expanded; `$(ENV)` that the Makefile does not set comes from the environment (`$ENV` to
the shell); `$$` is `$`. Other make functions (`$(shell ...)`, `$(wildcard ...)`) are left
as they are. Everything is bounded: MAX_LINES recipe lines, MAX_TARGETS targets followed,
MAX_ROUNDS of variable expansion, MAX_EXPANDED characters per expanded line (DPL006), and
a target whose recipe runs it again (`$(MAKE) run` in `run:`) is a cycle, cut at once (DPL006).
"""
from __future__ import annotations

from ..commands import Analysis, Call, Context
from ..model import Location
from ..record import replace
from ..repo import join
from ..patterns import lazy_re

MAX_LINES = 2000  # Makefile lines read
MAX_TARGETS = 32  # targets (goal and prerequisites) followed per `make` command
MAX_ROUNDS = 8  # nested `$(A)` -> `$(B)` expansions
MAX_EXPANDED = 32_000  # characters a recipe line may grow to (MAX_COMMAND): `A += $(A)` doubles it
_NAMES = ("GNUmakefile", "makefile", "Makefile")
_ASSIGN = lazy_re(r"^(?:export\s+|override\s+)?([A-Za-z_.][\w.-]*)\s*([:?+!]?:?=)\s*(.*)$")
_MESSAGES = lazy_re(r"\$[({](info|warning)\s[^)}]*[)}]")  # printed by make itself: the shell gets nothing
_RULE = lazy_re(r"^([^\t:=#][^:=#]*?)\s*::?\s*([^=].*)?$")
_VAR = lazy_re(r"\$[({]([A-Za-z_][\w.-]*)[)}]")
_DIRECTIVES = ("ifeq", "ifneq", "ifdef", "ifndef", "else", "endif", "include", "-include", "sinclude", "define",
               "endef", "undefine", "vpath", "unexport")


class _Makefile:
    def __init__(self, path: str, text: str):
        self.path = path
        self.variables: dict[str, str] = {}
        self.rules: dict[str, tuple[list[str], list[tuple[int, str]]]] = {}  # target -> (prereqs, recipe)
        self.first = ""
        self.oneshell = False
        self.overflow = False
        self._parse(text)

    def _parse(self, text: str) -> None:
        current: list[str] = []
        pending = ""
        lines = text.replace("\r\n", "\n").split("\n")[:MAX_LINES]
        start = 0
        for number, raw in enumerate(lines, 1):
            if pending:
                raw = pending + " " + raw.lstrip("\t ")
            else:
                start = number
            if raw.endswith("\\"):
                pending = raw[:-1]
                continue
            pending = ""
            if raw.startswith("\t"):
                if current:
                    for target in current:
                        self.rules[target][1].append((start, raw[1:]))
                continue
            line = raw.split("#", 1)[0].rstrip()
            if not line.strip():
                continue
            if line.split(None, 1)[0] in _DIRECTIVES:
                continue  # both sides of a conditional are read (the values may differ at run time)
            assignment = _ASSIGN.match(line)
            if assignment:
                name, operator, value = assignment.groups()
                if name == ".DEFAULT_GOAL":
                    self.first = value.strip()
                elif operator == "?=":
                    self.variables.setdefault(name, value)
                elif operator == "+=":
                    self.variables[name] = (self.variables.get(name, "") + " " + value).strip()
                else:
                    self.variables[name] = value
                current = []
                continue
            rule = _RULE.match(line)
            if rule is None:
                current = []
                continue
            targets = rule.group(1).split()
            rest = (rule.group(2) or "").split(";", 1)
            prerequisites = [p for p in rest[0].split() if "|" != p]
            if ".ONESHELL" in targets:
                self.oneshell = True
            current = [t for t in targets if not t.startswith(".") and "%" not in t]
            for target in current:
                known = self.rules.setdefault(target, ([], []))
                known[0].extend(prerequisites)
                if len(rest) > 1 and rest[1].strip():
                    known[1].append((start, rest[1].strip()))
            if not self.first and current:
                self.first = current[0]

    def expand(self, text: str, extra: dict[str, str]) -> str:
        """The text with the variables put in, round by round; a text that would grow past
        MAX_EXPANDED keeps its remaining references (`self.overflow` is set)."""
        text = _MESSAGES.sub("", text)
        values = {**self.variables, **extra}
        self.overflow = False
        for _ in range(MAX_ROUNDS):
            size = [len(text)]

            def value(match) -> str:
                name = match.group(1)
                put = values[name] if name in values else ("make" if name == "MAKE" else "\0" + name + "\1")
                if size[0] + len(put) > MAX_EXPANDED:
                    self.overflow = True
                    return match.group(0)
                size[0] += len(put)
                return put

            changed = _VAR.sub(value, text)
            if changed == text:
                break
            text = changed
        # variables the Makefile does not set come from the environment: the shell sees `${NAME}`
        text = text.replace("\0", "${").replace("\1", "}")
        return text.replace("$$", "$")


def expanded(path: str, text: str) -> str:
    """A Makefile's text with its own variables put in (`-o bin/$(OUT)` -> `-o bin/relay`),
    for readers that look for commands in it (runners/go_build)."""
    return _Makefile(path, text).expand(text.replace("\r\n", "\n"), {})


def expand(call: Call, ctx: Context) -> Analysis:
    args = list(call.args)
    directory, file_name, goals, extra, jobs = ctx.cwd, "", [], {}, 1
    i = 0
    while i < len(args):
        arg = args[i]
        if arg in ("-C", "--directory", "-f", "--file", "--makefile") and i + 1 < len(args):
            if arg in ("-C", "--directory"):
                directory = join(directory, args[i + 1])
            else:
                file_name = args[i + 1]
            i += 2
            continue
        if arg.startswith("-C") and len(arg) > 2:
            directory = join(directory, arg[2:])
        elif arg.startswith("-f") and len(arg) > 2:
            file_name = arg[2:]
        elif arg in ("-j", "--jobs") or arg.startswith(("-j", "--jobs=")):
            number = arg[2:] if arg.startswith("-j") else arg.partition("=")[2]
            if not number and i + 1 < len(args) and args[i + 1].isdigit():
                number = args[i + 1]
                i += 1
            jobs = int(number) if number.isdigit() and len(number) < 5 else 2  # `-j` alone: no limit
        elif "=" in arg and not arg.startswith("-"):
            name, _, value = arg.partition("=")
            extra[name] = value
        elif not arg.startswith("-"):
            goals.append(arg)
        i += 1
    if "$" in directory or "$" in file_name:
        return Analysis([ctx.process(call, kind="other")])
    path = join(directory, file_name) if file_name else \
        next((join(directory, n) for n in _NAMES if ctx.repo.exists(join(directory, n))), join(directory, "Makefile"))
    if not ctx.repo.exists(path):
        if file_name:
            ctx.missing(call.location, f"`{call.program}` reads {path}, which is not in the repository",
                        "fix the `-f` path, or commit the Makefile")
        return Analysis([ctx.process(call, kind="other")])
    text = ctx.repo.read_text(path)
    if text is None:
        return Analysis()
    makefile = _Makefile(path, text)
    goals = goals or ([makefile.first] if makefile.first else [])
    note = f"`{call.program}` runs target(s) {', '.join(goals[:3])} of {path}"
    if any(step.note == note for step in ctx.trace):  # `run:` whose recipe is `$(MAKE) run`
        from .shell import cycle

        return cycle(ctx, call, f"target {', '.join(goals[:3])} of {path}")
    run = _Run(makefile, extra, ctx.step(call.location, note).deeper(cwd=directory), jobs, call.background)
    for goal in goals[:MAX_TARGETS]:
        run.target(goal, background=call.background)
    return run.result


class _Run:
    def __init__(self, makefile: _Makefile, extra: dict, ctx: Context, jobs: int, background: bool):
        self.makefile, self.extra, self.ctx, self.jobs = makefile, extra, ctx, jobs
        self.result = Analysis()
        self.done: set[str] = set()
        self.last = ctx.waits_for
        self.background = background

    def target(self, name: str, background: bool) -> None:
        """The prerequisites, then the recipe (an explicit stack: no recursion)."""
        stack = [(name, False)]
        while stack and len(self.done) < MAX_TARGETS:
            target, ready = stack.pop()
            if target in self.done and not ready:
                continue
            rule = self.makefile.rules.get(target)
            if rule is None:
                self.done.add(target)
                continue
            if not ready:
                self.done.add(target)
                stack.append((target, True))
                if self.jobs > 1 and len(rule[0]) > 1:  # `make -j2 run` with `run: bot web`: side by side
                    for prerequisite in rule[0][:MAX_TARGETS]:
                        if prerequisite not in self.done:
                            self.done.add(prerequisite)
                            self._recipe(prerequisite, True)
                else:
                    stack.extend((prerequisite, False) for prerequisite in reversed(rule[0][:MAX_TARGETS]))
                continue
            self._recipe(target, background)

    def _recipe(self, target: str, background: bool) -> None:
        rule = self.makefile.rules.get(target)
        if rule is None:
            return
        lines = rule[1]
        if self.makefile.oneshell and lines:
            lines = [(lines[0][0], "\n".join(text for _, text in lines))]
        for number, raw in lines:
            text = raw.lstrip()
            offset = len(raw) - len(text) + 2  # the tab, then the prefix characters
            while text[:1] in ("@", "-", "+"):
                text, offset = text[1:].lstrip(), offset + 1
            command = self.makefile.expand(text, self.extra)
            if self.makefile.overflow:
                self.ctx.limit(Location(self.makefile.path, number, offset),
                               f"the variables of this recipe line expand past {MAX_EXPANDED:,} characters "
                               "(a variable that refers to itself?); the rest was left unexpanded",
                               "give the variables plain values")
            if not command.strip():
                continue
            ctx = replace(self.ctx, waits_for=self.last, waits_how="exits" if self.last is not None else "",
                          background=background or self.background)
            analysis = ctx.analyse_shell(command, Location(self.makefile.path, number, offset))
            self.result.add(analysis)
            if not (background or self.background):
                from ..commands.shell import _foreground

                candidate = next((p for p in reversed(analysis.processes) if _foreground(p)), None)
                self.last = candidate or self.last
