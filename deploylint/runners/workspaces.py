"""Monorepo task runners that run one script in many workspace packages at once:
`turbo run start` (`turbo start`), `pnpm -r start` / `pnpm --recursive run start`,
`lerna run start`, `yarn workspaces foreach -p run start`, and in turn:
`npm run start --workspaces`, `yarn workspaces foreach run start`.

The workspace packages come from the root package.json `workspaces` (an array or
`{packages: [...]}`) or pnpm-workspace.yaml `packages`, as glob patterns of directories.
Each package that defines the script runs it; turbo, pnpm and lerna start independent
packages side by side (persistent tasks never finish), so with more than one package
each one is a background process beside the others (DPL103), and two that poll one
token are two pollers (DPL101). `--filter`/`-F`/`--scope` narrow the packages (a
package name, a glob of names, or a `./path`); yarn's foreach runs them one after
another unless `-p`/`--parallel`, and so does npm's `--workspaces`.
"""
from __future__ import annotations

import fnmatch
import posixpath

from ..commands import Analysis, Call, Context
from ..record import replace
from ..repo import join

MAX_PACKAGES = 200
_TURBO_VALUED = {"--filter", "-F", "--concurrency", "--cache-dir", "--graph", "--log-order", "--output-logs",
                 "--env-mode", "--cwd", "--token", "--team", "--profile", "--summarize", "--ui", "--log-prefix"}
_LERNA_VALUED = {"--scope", "--ignore", "--concurrency", "--since", "--npm-client", "--loglevel"}
_YARN_VALUED = {"--include", "--exclude", "--from", "-j", "--jobs", "--since"}


def turbo(call: Call, ctx: Context) -> Analysis:
    """`turbo run start [--filter=bot]`, `turbo start` (turbo 2 runs a task by name)."""
    args = list(call.args)
    words, filters, i = [], [], 0
    while i < len(args):
        arg = args[i]
        if arg == "--":
            break
        option, value, width = _option(args, i, _TURBO_VALUED)
        if option in ("--filter", "-F") and value:
            filters.append(value)
        elif not arg.startswith("-"):
            words.append((i, arg))
        i += width
    if words and words[0][1] == "run":
        words = words[1:]
    if not words:
        return Analysis([ctx.process(call, kind="other", long_running=False)])
    tasks = [(i, w) for i, w in words if w not in ("build", "lint", "test", "check-types", "typecheck")]
    if not tasks:  # `turbo run build`: builds finish
        return Analysis([ctx.process(call, kind="other", long_running=False)])
    return _fan_out(call, ctx, tasks, filters, parallel=True, runner="turbo")


def pnpm_recursive(call: Call, ctx: Context, args: list[str], at: int) -> Analysis:
    """`pnpm -r [run] start` from its subcommand on (`args` start at argv index `at`)."""
    if args and args[0] in ("run", "run-script"):
        args, at = args[1:], at + 1
    if not args or args[0].startswith("-"):
        return Analysis([ctx.process(call, kind="other", long_running=False)])
    return _fan_out(call, ctx, [(at - 1, args[0])], _filters(call.args), parallel=True, runner="pnpm -r")


def npm_workspaces(call: Call, ctx: Context, args: list[str], at: int) -> Analysis:
    """`npm run start --workspaces` / `npm start -ws`: npm runs the script in each workspace
    in turn (the next starts when one exits)."""
    if args and args[0] in ("run", "run-script"):
        args, at = args[1:], at + 1
    words = [w for w in args if not w.startswith("-")]
    if not words or words[0] in ("install", "i", "ci", "test", "build"):
        return Analysis([ctx.process(call, kind="other", long_running=False)])
    return _fan_out(call, ctx, [(at - 1, words[0])], [], parallel=False, runner="npm --workspaces")


def lerna(call: Call, ctx: Context) -> Analysis:
    """`lerna run start [--scope bot] [--parallel]`."""
    args = list(call.args)
    if not args or args[0] != "run":
        return Analysis([ctx.process(call, kind="other", long_running=False)])
    words, scopes, i = [], [], 1
    while i < len(args):
        option, value, width = _option(args, i, _LERNA_VALUED)
        if option == "--scope" and value:
            scopes.append(value)
        elif not args[i].startswith("-"):
            words.append((i, args[i]))
        i += width
    if not words:
        return Analysis([ctx.process(call, kind="other", long_running=False)])
    return _fan_out(call, ctx, words[:1], scopes, parallel=True, runner="lerna")


def yarn_foreach(call: Call, ctx: Context, args: list[str], at: int) -> Analysis:
    """`yarn workspaces foreach [-A] [-p] run start` from after `foreach`."""
    parallel, include, i = False, [], 0
    while i < len(args) and args[i] not in ("run", "exec"):
        option, value, width = _option(args, i, _YARN_VALUED)
        if option in ("-p", "--parallel") or (option.startswith("-") and not option.startswith("--")
                                               and "p" in option[1:] and width == 1):
            parallel = True
        elif option == "--include" and value:
            include.append(value)
        i += width
    if i + 1 >= len(args) or args[i] != "run":
        return Analysis([ctx.process(call, kind="other", long_running=False)])
    return _fan_out(call, ctx, [(at + i + 1, args[i + 1])], include, parallel=parallel, runner="yarn workspaces foreach")


# -- shared ---------------------------------------------------------------------------
def _fan_out(call: Call, ctx: Context, tasks, filters, parallel: bool, runner: str) -> Analysis:
    from .npm import run_script, scripts_of

    packages = packages_of(ctx)
    if packages is None:
        ctx.unresolved(call.location, f"`{' '.join(call.argv)}` runs a script in every workspace package, "
                                      f"but {join(ctx.cwd, 'package.json')} declares no workspaces",
                       "declare the packages in package.json `workspaces` or pnpm-workspace.yaml")
        return Analysis([ctx.process(call, kind="unknown")])
    chosen = [(d, n) for d, n in packages if not filters or any(_selects(f, d, n, ctx.cwd) for f in filters)]
    runs = [(index, task, directory, name) for index, task in tasks for directory, name in chosen
            if isinstance(scripts_of(ctx.repo, directory).get(task), str)]
    together = parallel and len(runs) > 1
    if not parallel and len(runs) > 1:  # one after another: the shell's `a; b` semantics (DPL109)
        import shlex

        text = "; ".join(f"npm --prefix {shlex.quote(_relative(d, ctx.cwd))} run {shlex.quote(t)}" for _, t, d, _ in runs)
        inner = ctx.step(call.location, f"{runner} runs `{runs[0][1]}` in each workspace package, one after another")
        return inner.analyse_shell(text, call.location)
    result = Analysis()
    for index, task, directory, name in runs:
        where = call.at(index + 1)
        note = f"{runner} runs `{task}` in workspace `{name or directory}`" + (" beside the others" if together else "")
        inner = replace(ctx.step(where, note, background=together or ctx.background), cwd=directory)
        sub = Call(("npm", "run", task), where, together or call.background, call.env)
        result.add(run_script(sub, inner.deeper(), task, [], 2))
    if not runs:
        result.add(Analysis([ctx.process(call, kind="other", long_running=False)]))
    return result


def _relative(directory: str, cwd: str) -> str:
    return posixpath.relpath(directory or ".", cwd or ".")


def packages_of(ctx: Context) -> list[tuple[str, str]] | None:
    """(directory, package name) of each workspace package under ctx.cwd, or None when
    the root declares no workspaces."""
    patterns = _patterns(ctx)
    if patterns is None:
        return None
    from .node import read_jsonc

    root = ctx.cwd.rstrip("/")
    found = []
    for path in sorted(ctx.repo.with_name("package.json")):
        directory = posixpath.dirname(path)
        relative = directory[len(root) + 1:] if root and directory.startswith(root + "/") else (directory if not root else None)
        if not relative or relative.startswith("..") or "node_modules" in relative.split("/"):
            continue
        if any(fnmatch.fnmatchcase(relative, p.rstrip("/")) or fnmatch.fnmatchcase(relative, p.rstrip("/").replace("/**", "/*"))
               for p in patterns if not p.startswith("!")) \
                and not any(fnmatch.fnmatchcase(relative, p[1:].rstrip("/")) for p in patterns if p.startswith("!")):
            data = read_jsonc(ctx.repo, path)
            found.append((directory, data.get("name") if isinstance(data, dict) and isinstance(data.get("name"), str) else ""))
            if len(found) >= MAX_PACKAGES:
                break
    return found


def _patterns(ctx: Context) -> list[str] | None:
    from .node import read_jsonc

    data = read_jsonc(ctx.repo, join(ctx.cwd, "package.json"))
    workspaces = data.get("workspaces") if isinstance(data, dict) else None
    if isinstance(workspaces, dict):
        workspaces = workspaces.get("packages")
    if isinstance(workspaces, list):
        return [w for w in workspaces if isinstance(w, str)][:100]
    path = join(ctx.cwd, "pnpm-workspace.yaml")
    if ctx.repo.exists(path):
        from .. import yamlfile

        loaded = yamlfile.load(ctx.repo, path)  # a broken file is reported once, as DPL001
        packages = loaded.get("packages") if isinstance(loaded, dict) else None
        if isinstance(packages, list):
            return [p for p in packages if isinstance(p, str)][:100]
    return None


def _selects(spec: str, directory: str, name: str, cwd: str) -> bool:
    """A turbo/pnpm filter, a lerna scope: a package name or glob, or a `./path` (`...` and
    `{...}` graph suffixes are dropped: the named package itself runs)."""
    spec = spec.strip().strip("{}").rstrip(".").lstrip("^").removeprefix("...")
    if not spec or spec.startswith("!"):
        return False
    if spec.startswith("./") or spec.startswith("../") or "/" in spec and not spec.startswith("@"):
        target = posixpath.normpath(join(cwd, spec))
        return fnmatch.fnmatchcase(directory, target)
    return fnmatch.fnmatchcase(name, spec) or name.split("/")[-1] == spec


def _filters(args) -> list[str]:
    found, i = [], 0
    args = list(args)
    while i < len(args):
        option, value, width = _option(args, i, {"--filter", "-F"})
        if option in ("--filter", "-F") and value:
            found.append(value)
        i += width
    return found


def _option(args: list[str], i: int, valued: set[str]) -> tuple[str, str | None, int]:
    arg = args[i]
    if arg.startswith("--") and "=" in arg:
        option, value = arg.split("=", 1)
        return option, value, 1
    if arg in valued and i + 1 < len(args):
        return arg, args[i + 1], 2
    return arg, None, 1
