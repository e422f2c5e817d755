"""Nx: `nx run-many -t start`, `nx run bot:start`, `nx start bot` / `nx serve bot`,
`nx exec -- CMD` (runs CMD in the current project).

An Nx project is a directory with a project.json (its `name`, else the directory name)
or a workspace package (package.json `name`, or `nx.name`). Its targets are project.json
`targets`, package.json `nx.targets`, and the package.json scripts, which Nx infers as
targets (https://nx.dev/concepts/inferred-tasks). A target runs by its executor:
  - `nx:run-commands` (or the `command` shorthand): `options.command` / `options.commands`
    as shell commands, from `options.cwd` (default: the workspace root), all at once
    unless `parallel: false`;
  - `nx:run-script`: the package.json script `options.script` in the project;
  - `@nx/js:node` / `@nrwl/js:node` / `@nx/node:execute` / `@nrwl/node:execute`: node on
    the output of `options.buildTarget`, whose source is that target's `options.main`.
`run-many` runs the target in every project that has it (`--projects` narrows them),
several at a time (`--parallel`, default 3), so two of them are processes side by side.
Targets that finish (build, lint, test) are not long-running.
(https://nx.dev/nx-api/nx/documents/run-many, https://nx.dev/nx-api/nx/executors/run-commands)
"""
from __future__ import annotations

import fnmatch
import posixpath

from ..commands import Analysis, Call, Context
from ..record import replace
from ..repo import join

MAX_PROJECTS = 200
FINISHING = frozenset({"build", "lint", "test", "typecheck", "type-check", "e2e", "format", "check"})
NODE_EXECUTORS = frozenset({"@nx/js:node", "@nrwl/js:node", "@nx/node:execute", "@nrwl/node:execute",
                            "@nx/node:node", "@nrwl/node:node"})
# nx's own commands: anything else in first place is a target (`nx serve bot`)
COMMANDS = frozenset({"add", "affected", "connect", "connect-to-nx-cloud", "daemon", "graph", "dep-graph", "exec",
                      "format", "format:check", "format:write", "generate", "g", "import", "init", "list", "migrate",
                      "release", "report", "reset", "repair", "run", "run-many", "show", "sync", "sync:check",
                      "view-logs", "watch", "login", "logout", "record", "--version", "--help"})
_MANY_VALUED = {"-t", "--target", "--targets", "-p", "--projects", "--exclude", "--parallel", "-c", "--configuration",
                "--output-style", "--nxBail", "--maxParallel"}


def expand(call: Call, ctx: Context) -> Analysis:
    args = list(call.args)
    words = [(i, a) for i, a in enumerate(args) if not a.startswith("-")]
    if not words:
        return Analysis([ctx.process(call, kind="other", long_running=False)])
    first, command = words[0]
    if command == "run-many":
        return _run_many(call, ctx, args)
    if command == "exec" and "--" in args:  # `nx exec -- nuxt preview`: the command, in the current project
        from ..commands import run_call

        skip = args.index("--") + 2
        if skip < len(call.argv):
            return run_call(call.shifted(skip), ctx.step(call.at(0), "`nx exec` runs the command after `--`"))
    if command == "run" and len(words) > 1:  # `nx run bot:serve[:production]`, `nx run bot serve`
        index, spec = words[1]
        parts = spec.split(":")
        target = parts[1] if len(parts) > 1 else (words[2][1] if len(words) > 2 else "")
        return _one(call, ctx, parts[0], target, index + 1)
    if command not in COMMANDS and len(words) > 1 and ":" not in command:  # `nx serve bot`
        return _one(call, ctx, words[1][1], command, first + 1)
    if command not in COMMANDS and ":" in command:  # `nx bot:serve`
        project, target = command.split(":")[:2]
        return _one(call, ctx, project, target, first + 1)
    return Analysis([ctx.process(call, kind="other", long_running=False)])


def _run_many(call: Call, ctx: Context, args: list[str]) -> Analysis:
    targets: list[str] = []
    patterns: list[str] = []
    excluded: list[str] = []
    parallel = True
    i = 0
    while i < len(args):
        arg = args[i]
        option, value, width = _option(args, i)
        if option in ("-t", "--target", "--targets") and value:
            targets += [t for t in value.split(",") if t]
            while i + width < len(args) and not args[i + width].startswith("-") and option == "-t" and "=" not in arg:
                targets += [t for t in args[i + width].split(",") if t]  # `-t start serve`
                width += 1
        elif option in ("-p", "--projects") and value:
            patterns += [p for p in value.split(",") if p]
        elif option == "--exclude" and value:
            excluded += [p for p in value.split(",") if p]
        elif option == "--parallel" and value is not None:
            parallel = value.strip().lower() not in ("false", "1", "0")
        i += width
    tasks = [t for t in targets if t not in FINISHING]
    if not tasks:
        return Analysis([ctx.process(call, kind="other", long_running=bool(targets) and not set(targets) <= FINISHING)])
    projects = projects_of(ctx)
    runs = [(name, directory, target) for target in tasks for name, directory in projects
            if (not patterns or any(_matches(p, name) for p in patterns)) and not any(_matches(p, name) for p in excluded)
            and target in targets_of(ctx, directory)]
    if not runs:
        ctx.unresolved(call.location, f"`{' '.join(call.argv)}` runs `{', '.join(tasks)}` in every Nx project that "
                                      "has it, and deploylint found none", "name the project's target (`nx run bot:start`) "
                                      "or declare it in the project's project.json or package.json")
        return Analysis([ctx.process(call, kind="unknown")])
    together = parallel and len(runs) > 1
    result = Analysis()
    last = ctx.waits_for
    for name, directory, target in runs:
        note = f"nx run-many runs `{target}` of project `{name}`" + (" beside the others" if together else "")
        inner = ctx.step(call.location, note, background=together or ctx.background)
        if not together and last is not ctx.waits_for:
            # `--parallel=false`: one project after another, as the shell's `a; b` (the shared
            # waits_for mechanism: sequence.resolve decides whether `a` ever exits, DPL109)
            inner = replace(inner, waits_for=last, waits_how="exits")
        part = _target(call, inner, name, directory, target, together)
        result.add(part)
        if not together:
            from ..commands.shell import _foreground

            last = next((p for p in reversed(part.processes) if _foreground(p)), last)
    return result


def _one(call: Call, ctx: Context, project: str, target: str, index: int) -> Analysis:
    if not target:
        return Analysis([ctx.process(call, kind="other", long_running=False)])
    directory = next((d for n, d in projects_of(ctx) if n == project), None)
    if directory is None or target not in targets_of(ctx, directory):
        ctx.unresolved(call.at(index), f"`{' '.join(call.argv)}` runs target `{target}` of Nx project `{project}`, "
                                       "which deploylint could not find", "declare the target in the project's "
                                       "project.json or package.json scripts")
        return Analysis([ctx.process(call, kind="unknown")])
    if target in FINISHING:
        return Analysis([ctx.process(call, kind="other", long_running=False)])
    inner = ctx.step(call.at(index), f"nx runs `{target}` of project `{project}` ({directory or '.'})")
    return _target(call, inner, project, directory, target, False)


def _target(call: Call, ctx: Context, project: str, directory: str, target: str, background: bool) -> Analysis:
    from .npm import run_script

    definition = targets_of(ctx, directory)[target]
    where = call.location
    if definition == "script":  # an inferred npm script
        sub = Call(("npm", "run", target), where, background or call.background, call.env)
        return run_script(sub, replace(ctx, cwd=directory).deeper(), target, [], 2)
    executor = definition.get("executor") or definition.get("builder") or ""
    options = definition.get("options") if isinstance(definition.get("options"), dict) else {}
    if not executor and isinstance(definition.get("command"), str):
        executor, options = "nx:run-commands", {**options, "command": definition["command"]}
    if executor in ("nx:run-script", "@nrwl/workspace:run-script") and isinstance(options.get("script"), str):
        sub = Call(("npm", "run", options["script"]), where, background or call.background, call.env)
        return run_script(sub, replace(ctx, cwd=directory).deeper(), options["script"], [], 2)
    if executor in ("nx:run-commands", "@nrwl/workspace:run-commands"):
        commands = _commands(options)
        cwd = join(ctx.cwd, options["cwd"]) if isinstance(options.get("cwd"), str) else ctx.cwd
        together = len(commands) > 1 and options.get("parallel") is not False
        text = (" & ".join(commands) + " & wait") if together else " && ".join(commands)
        return replace(ctx, cwd=cwd).analyse_shell(text, where) if text else Analysis([ctx.process(call, kind="unknown")])
    if executor in NODE_EXECUTORS:
        main = _build_main(ctx, project, directory, options)
        if main:
            inner = ctx.step(where, f"`{executor}` runs node on the output of {main}")
            return inner.analyse_argv(("node", main), where, background)
    ctx.unresolved(where, f"Nx target `{project}:{target}` uses executor `{executor or '?'}`, which deploylint "
                          "does not follow", "use `nx:run-commands` or a package.json script for the start target")
    return Analysis([ctx.process(call, kind="unknown")])


def _commands(options: dict) -> list[str]:
    if isinstance(options.get("command"), str):
        return [options["command"]]
    found = []
    for item in options.get("commands") or () if isinstance(options.get("commands"), list) else ():
        text = item.get("command") if isinstance(item, dict) else item
        if isinstance(text, str) and text.strip():
            found.append(text.strip())
    return found[:20]


def _build_main(ctx: Context, project: str, directory: str, options: dict) -> str | None:
    """The source file `options.buildTarget` (`bot:build[:production]`) builds: its `options.main`."""
    spec = options.get("buildTarget") or options.get("build")
    if not isinstance(spec, str) or not spec:
        return None
    parts = spec.split(":")
    name, target = (parts[0], parts[1]) if len(parts) > 1 else (project, parts[0])
    where = directory if name == project else next((d for n, d in projects_of(ctx) if n == name), None)
    build = targets_of(ctx, where).get(target) if where is not None else None
    main = build.get("options", {}).get("main") if isinstance(build, dict) and isinstance(build.get("options"), dict) else None
    return main if isinstance(main, str) and main else None


# -- projects and targets ------------------------------------------------------------------
def projects_of(ctx: Context) -> list[tuple[str, str]]:
    """(name, directory) of each Nx project under the workspace root (ctx.cwd)."""
    return ctx.repo.memo(("nx-projects", ctx.cwd), lambda: _projects(ctx))


def _projects(ctx: Context) -> list[tuple[str, str]]:
    from .node import read_jsonc
    from .workspaces import packages_of

    root = ctx.cwd.rstrip("/")
    found: dict[str, str] = {}
    for path in sorted(ctx.repo.with_name("project.json")):
        directory = posixpath.dirname(path)
        if root and not (directory + "/").startswith(root + "/") or "node_modules" in directory.split("/"):
            continue
        data = read_jsonc(ctx.repo, path)
        name = data.get("name") if isinstance(data, dict) and isinstance(data.get("name"), str) else posixpath.basename(directory)
        found.setdefault(name, directory)
        if len(found) >= MAX_PROJECTS:
            break
    for directory, name in packages_of(ctx) or ():
        data = read_jsonc(ctx.repo, join(directory, "package.json"))
        nx = data.get("nx") if isinstance(data, dict) and isinstance(data.get("nx"), dict) else {}
        name = nx.get("name") if isinstance(nx.get("name"), str) else name or posixpath.basename(directory)
        if directory not in found.values():
            found.setdefault(name, directory)
    return list(found.items())[:MAX_PROJECTS]


def targets_of(ctx: Context, directory: str) -> dict:
    """target name -> its definition (a dict) or "script" (an inferred package.json script)."""
    return ctx.repo.memo(("nx-targets", directory), lambda: _targets(ctx, directory))


def _targets(ctx: Context, directory: str) -> dict:
    from .node import read_jsonc

    targets: dict = {}
    package = read_jsonc(ctx.repo, join(directory, "package.json")) if ctx.repo.exists(join(directory, "package.json")) else None
    if isinstance(package, dict):
        scripts = package.get("scripts")
        for name, text in (scripts.items() if isinstance(scripts, dict) else ()):
            if isinstance(text, str):
                targets[name] = "script"
        nx = package.get("nx")
        declared = nx.get("targets") if isinstance(nx, dict) else None
        for name, value in (declared.items() if isinstance(declared, dict) else ()):
            if isinstance(value, dict) and (value.get("executor") or value.get("command")):
                targets[name] = value
    project = read_jsonc(ctx.repo, join(directory, "project.json")) if ctx.repo.exists(join(directory, "project.json")) else None
    declared = project.get("targets") if isinstance(project, dict) else None
    for name, value in (declared.items() if isinstance(declared, dict) else ()):
        if isinstance(value, dict):
            targets[name] = value
    return targets


def _matches(pattern: str, name: str) -> bool:
    return fnmatch.fnmatchcase(name, pattern) or name.split("/")[-1] == pattern


def _option(args: list[str], i: int) -> tuple[str, str | None, int]:
    arg = args[i]
    if arg.startswith("--") and "=" in arg:
        option, value = arg.split("=", 1)
        return option, value, 1
    if arg.startswith("-t=") or arg.startswith("-p="):
        return arg[:2], arg[3:], 1
    if arg in _MANY_VALUED and i + 1 < len(args):
        return arg, args[i + 1], 2
    return arg, None, 1
