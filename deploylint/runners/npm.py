"""Package managers and parallel runners: `npm start`, `npm run x`, `yarn x`, `pnpm x`,
`bun run x`, `bun x.ts`, `npx tool`, `concurrently "a" "b"`, `npm-run-all -p a b`, `run-p`, `run-s`.

A script is read from package.json in the working directory and its text analysed as
shell, with `pre<name>`/`post<name>` around it (one-shot steps). Without a `start`
script, `npm start` runs `node server.js` when that file exists (npm's documented
default). concurrently and npm-run-all's parallel groups start their commands side by
side, so those are background processes (DPL103).
"""
from __future__ import annotations

import fnmatch
import posixpath
import re
import shlex
from ..record import replace

from ..commands import Analysis, Call, Context, run_call
from ..model import Location
from ..repo import join

_RUN = {"run", "run-script", "rum", "urn"}
_SCRIPT_ALIASES = {"start": "start", "test": "test", "t": "test", "tst": "test", "stop": "stop", "restart": "restart"}
_TOOL = {"exec", "x", "dlx"}
# yarn/pnpm/bun built-ins: anything else is a script (or a bin) name
_BUILTINS = {
    "install", "i", "ci", "add", "remove", "rm", "uninstall", "un", "update", "up", "upgrade", "outdated", "audit",
    "init", "create", "info", "view", "why", "link", "unlink", "pack", "publish", "config", "set", "cache", "global",
    "version", "versions", "login", "logout", "bin", "list", "ls", "licenses", "plugin", "prune", "store", "fetch",
    "rebuild", "import", "setup", "env", "patch", "patch-commit", "dedupe", "help", "pm", "build", "node", "workspaces",
}
# bun's own commands that a package.json script of the same name does not replace (https://bun.sh/docs/cli/run)
_BUN_BUILTINS = {"test", "repl", "upgrade", "completions", "bake"}
# options before the subcommand that take a value, per manager
_GLOBAL_VALUED = {
    "npm": {"--prefix", "-C", "-w", "--workspace", "--loglevel", "--registry", "--userconfig", "--cache"},
    "yarn": {"--cwd", "--registry", "--cache-folder", "--modules-folder"},
    "pnpm": {"-C", "--dir", "--filter", "-F", "--reporter", "--loglevel"},
    "bun": {"-r", "--preload", "--env-file", "--cwd", "--tsconfig-override", "--config", "-c", "--port"},
}
_CONCURRENTLY_VALUED = {"-n", "--names", "-c", "--prefix-colors", "-p", "--prefix", "-l", "--prefix-length",
                        "-t", "--timestamp-format", "-s", "--success", "--restart-tries", "--restart-after",
                        "--default-input-target", "-m", "--max-processes", "--name-separator", "--hide", "--teardown",
                        "--pad-prefix", "--kill-signal", "--cwd"}
_RUN_ALL_VALUED = {"--npm-path", "--max-parallel"}


def expand(call: Call, ctx: Context) -> Analysis:
    program = call.program
    if program in ("turbo", "lerna"):  # one script in every workspace package (runners/workspaces)
        from . import workspaces

        return workspaces.turbo(call, ctx) if program == "turbo" else workspaces.lerna(call, ctx)
    if program == "concurrently":
        return _concurrently(call, ctx)
    if program in ("npm-run-all", "run-p", "run-s"):
        return _run_all(call, ctx)
    if program in ("npx", "bunx", "pnpx"):
        return _tool(call, ctx, 1)
    return _manager(call, ctx)


# -- npm / yarn / pnpm / bun ----------------------------------------------------------
def _manager(call: Call, ctx: Context) -> Analysis:
    program, args = call.program, list(call.args)
    i, cwd, recursive = 0, ctx.cwd, False
    while i < len(args) and args[i].startswith("-") and args[i] != "--":
        option, value, width = _split_option(args, i, _GLOBAL_VALUED.get(program, set()))
        recursive = recursive or (program == "pnpm" and option in ("-r", "--recursive"))
        if option in ("--prefix", "-C", "--dir", "--cwd") and value:
            cwd = join(cwd, value)
        elif option in ("-w", "--workspace", "--filter", "-F") and value:
            found = _workspace(ctx, value)
            if found is None:
                return _unresolved_workspace(call, ctx, value, i + 1)
            cwd = found
        i += width
    if cwd != ctx.cwd:
        ctx = replace(ctx, cwd=cwd)
    if i >= len(args):  # bare `yarn` installs; bare `npm` prints help
        return Analysis([ctx.process(call, kind="other", long_running=False)])
    sub, rest, at = args[i], args[i + 1:], i + 1
    if program == "pnpm" and sub in _RUN and rest[:1] in (["-r"], ["--recursive"]):
        recursive, rest, at = True, rest[1:], at + 1  # `pnpm run -r start`
    if program == "npm" and any(a in ("--workspaces", "-ws", "--ws") for a in args) and cwd == ctx.cwd:
        from . import workspaces  # `npm run start --workspaces`: each workspace, one after another

        return workspaces.npm_workspaces(call, ctx, [a for a in args[i:] if a not in ("--workspaces", "-ws", "--ws")], at)
    if recursive and cwd == ctx.cwd:  # `pnpm -r start`: every workspace package
        from . import workspaces

        return workspaces.pnpm_recursive(call, ctx, args[i:], at)
    if program == "yarn" and sub == "workspaces" and rest[:1] == ["foreach"]:
        from . import workspaces

        return workspaces.yarn_foreach(call, ctx, rest[1:], at + 1)
    if program == "yarn" and sub == "workspace" and len(rest) >= 2:
        found = _workspace(ctx, rest[0])
        if found is None:
            return _unresolved_workspace(call, ctx, rest[0], at + 1)
        return _manager(_without(call, at, 2), replace(ctx, cwd=found))  # `yarn workspace api start`
    if program == "bun" and sub in _BUN_BUILTINS:  # `bun test` is bun's test runner, never the `test` script
        return Analysis([ctx.process(call, kind="other", long_running=False)])
    if sub in _SCRIPT_ALIASES:
        return run_script(call, ctx, _SCRIPT_ALIASES[sub], _passed(program, rest), at)
    if sub in _RUN:
        index = next((k for k, a in enumerate(rest) if not a.startswith("-")), None)
        if index is None:
            return Analysis([ctx.process(call, kind="other", long_running=False)])  # lists the scripts
        return _run_name(call, ctx, rest[index], _passed(program, rest[index + 1:]), at + index + 1, explicit=True)
    if sub in _TOOL:
        return _tool(call, ctx, at + 1)
    if program == "yarn" and sub == "node":
        return run_call(Call(("node", *rest), call.at(at), call.background, call.env, call.arg_locations[at:]), ctx.deeper())
    if program == "npm" or sub in _BUILTINS:
        return Analysis([ctx.process(call, kind="other", long_running=False)])
    return _run_name(call, ctx, sub, rest, at, explicit=False)  # `yarn dev`, `pnpm bot`, `bun bot.ts`


def _without(call: Call, start: int, count: int) -> Call:
    """`call` without argv[start:start+count]."""
    locations = call.arg_locations[:start] + call.arg_locations[start + count:] if call.arg_locations else ()
    return Call(call.argv[:start] + call.argv[start + count:], call.location, call.background, call.env, locations)


def _run_name(call: Call, ctx: Context, name: str, extra: list[str], at: int, explicit: bool) -> Analysis:
    """A script name, or for bun/yarn/pnpm a file or an installed bin of that name."""
    program = call.program
    scripts = _scripts(ctx)
    if name in scripts or program == "npm":
        return run_script(call, ctx, name, extra, at)
    if program == "bun" and (posixpath.splitext(name)[1] or "/" in name or ctx.repo.exists(join(ctx.cwd, name))):
        from . import node

        return node.entry_process(call, ctx, name, at)
    if explicit and program != "yarn" and not (program == "bun" and _depends_on(ctx, name)):
        # (`bun run drizzle-kit`: bun runs a package's executable when no script has the name)
        return run_script(call, ctx, name, extra, at)  # reports the missing script
    return _tool(call, ctx, at)  # `yarn tsc`, `pnpm prisma ...`: a bin from node_modules


def run_script(call: Call, ctx: Context, name: str, extra: list[str], at: int) -> Analysis:
    """Run package.json script `name` (with its pre/post scripts)."""
    repo, program, where = ctx.repo, call.program, call.at(at)
    package = join(ctx.cwd, "package.json")
    command = " ".join(call.argv)
    doc = _package(ctx)
    if doc is None:
        if not repo.exists(package):
            ctx.missing(where, f"`{command}` runs package.json script `{name}`, but there is no {package}",
                        "run the command in the directory of package.json (`cd dir && ...`), or commit package.json")
        return Analysis([ctx.process(call, kind="unknown")])
    scripts = _scripts(ctx)
    text = scripts.get(name)
    if not isinstance(text, str):
        if name == "start" and repo.exists(join(ctx.cwd, "server.js")):
            inner = ctx.step(where, f"{package} has no `start` script: {program} starts `node server.js`")
            return inner.analyse_argv(("node", "server.js", *extra), where, call.background)
        known = ", ".join(f"`{s}`" for s in scripts) or "none"
        ctx.missing(where, f"`{command}` runs script `{name}`, which {package} does not define",
                    f"add `scripts.{name}` to {package}, or run one of its scripts ({known})")
        return Analysis([ctx.process(call, kind="unknown")])
    background = ctx.background or call.background
    result = Analysis()
    if isinstance(scripts.get("pre" + name), str):
        result.add(_one_shot(_script(ctx, doc, "pre" + name, scripts["pre" + name], [], background)))
    result.add(_script(ctx, doc, name, text, extra, background))
    if isinstance(scripts.get("post" + name), str):
        result.add(_one_shot(_script(ctx, doc, "post" + name, scripts["post" + name], [], background)))
    return result


def _script(ctx: Context, doc, name: str, text: str, extra: list[str], background: bool) -> Analysis:
    key_at = doc.where("scripts", name)
    full = f"{text} {shlex.join(extra)}" if extra else text
    inner = ctx.step(key_at, f"package.json script `{name}`: `{_short(full)}`", background=background)
    return inner.analyse_shell(full, ctx.repo.value_location(key_at, text))


def _one_shot(analysis: Analysis) -> Analysis:
    """pre/post scripts run to completion around the main one; only what they put in the
    background keeps running."""
    analysis.processes = [p if p.background else replace(p, long_running=False) for p in analysis.processes]
    return analysis


def _passed(program: str, rest: list[str]) -> list[str]:
    """Arguments a manager passes on to the script (npm needs `--`)."""
    if rest[:1] == ["--"]:
        return rest[1:]
    return [] if program == "npm" else rest


# -- npx, yarn dlx, pnpm exec, bunx: run a tool --------------------------------------
def _tool(call: Call, ctx: Context, start: int) -> Analysis:
    args = call.argv
    i = start
    while i < len(args):
        arg = args[i]
        if arg in ("-c", "--call") and i + 1 < len(args):
            return ctx.analyse_shell(args[i + 1], call.at(i + 1))
        if arg in ("-p", "--package") and i + 1 < len(args):
            i += 2
        elif arg == "--":
            i += 1
            break
        elif arg.startswith("-"):
            i += 1
        else:
            break
    if i >= len(args):
        return Analysis([ctx.process(call, kind="other", long_running=False)])
    tool = call.shifted(i)
    name = tool.argv[0].split("@", 1)[0] if not tool.argv[0].startswith("@") else tool.argv[0]
    if name != tool.argv[0]:  # `npx pm2-runtime@5 start ...`
        tool = Call((name, *tool.argv[1:]), tool.location, tool.background, tool.env, tool.arg_locations)
    return run_call(tool, ctx.deeper())


# -- concurrently / npm-run-all -------------------------------------------------------
def _concurrently(call: Call, ctx: Context) -> Analysis:
    commands = _positionals(call.args, _CONCURRENTLY_VALUED)
    # `concurrently "npm:start:*"`: one argument, as many commands as scripts it matches
    expanded: list[tuple[int, str, tuple[str, str] | None]] = []
    for index, text in commands:
        match = re.fullmatch(r"(npm|yarn|pnpm|bun):(.+)", text)
        if match:
            manager, pattern = match.groups()
            expanded += [(index, text, (manager, name)) for name in _matching(ctx, pattern, ":")]
        else:
            expanded.append((index, text, None))
    parallel = len(expanded) > 1
    result = Analysis()
    for index, text, script in expanded:
        where = _inside_quotes(call.at(index + 1), text)
        inner = ctx.step(where, "run in parallel by concurrently", background=True) if parallel else ctx
        if script is not None:
            manager, name = script
            sub = Call((manager, "run", *name.split()), where, parallel or call.background, call.env)
            result.add(run_script(sub, inner.deeper(), name.split()[0], name.split()[1:], 2))
        else:
            result.add(inner.analyse_shell(text, where))
    return result


def _run_all(call: Call, ctx: Context) -> Analysis:
    """`npm-run-all clean -p api bot`, `run-p api bot`, `run-s build start`."""
    mode = "p" if call.program == "run-p" else "s"
    groups: list[tuple[str, list[tuple[int, str]]]] = [(mode, [])]
    args = call.args
    i = 0
    while i < len(args):
        arg = args[i]
        if arg in ("-p", "--parallel", "-s", "--sequential", "--serial"):
            groups.append(("p" if arg in ("-p", "--parallel") else "s", []))
        elif arg in _RUN_ALL_VALUED:
            i += 1
        elif arg == "--":
            break
        elif not arg.startswith("-"):
            groups[-1][1].append((i, arg))
        i += 1
    result = Analysis()
    for group_mode, members in groups:
        names = [(index, name) for index, pattern in members for name in _matching(ctx, pattern, "npm-run-all")]
        parallel = group_mode == "p" and len(names) > 1
        for index, name in names:
            where = call.at(index + 1)
            inner = ctx.step(where, f"run in parallel by {call.program}", background=True) if parallel else ctx
            words = name.split()
            sub = Call(("npm", "run", *words), where, parallel or call.background, call.env)
            result.add(run_script(sub, inner.deeper(), words[0], words[1:], 2))
    return result


def _matching(ctx: Context, pattern: str, style: str) -> list[str]:
    """Script names a glob (`watch:*`, `build:**`) names; the pattern itself when it has none."""
    head, _, tail = pattern.partition(" ")
    if "*" not in head:
        return [pattern]
    if style == "npm-run-all":  # `*` stays within one `:` segment, `**` crosses them
        regex = re.compile("^" + re.escape(head).replace(r"\*\*", ".*").replace(r"\*", "[^:]*") + "$")
        names = [n for n in _scripts(ctx) if regex.match(n)]
    else:
        names = [n for n in _scripts(ctx) if fnmatch.fnmatchcase(n, head)]
    return [f"{n} {tail}".strip() for n in names]


def _positionals(args: tuple[str, ...], valued: set[str]) -> list[tuple[int, str]]:
    found, i = [], 0
    while i < len(args):
        arg = args[i]
        if arg in valued:
            i += 2
            continue
        if not arg.startswith("-") or arg == "-":
            found.append((i, arg))
        i += 1
    return found


# -- package.json ---------------------------------------------------------------------
def _package(ctx: Context):
    path = join(ctx.cwd, "package.json")
    if not ctx.repo.exists(path):
        return None
    from .. import jsonfile

    return jsonfile.load(ctx.repo, path)


def scripts_of(repo, directory: str) -> dict:
    """The `scripts` of directory/package.json ({} when there are none)."""
    from .node import read_jsonc

    data = read_jsonc(repo, join(directory, "package.json"))
    scripts = data.get("scripts") if isinstance(data, dict) else None
    return scripts if isinstance(scripts, dict) else {}


def _depends_on(ctx: Context, name: str) -> bool:
    """package.json lists a package whose executable is probably `name` (`drizzle-kit`,
    `@prisma/cli` -> `cli`): bun runs it from node_modules/.bin."""
    doc = _package(ctx)
    data = doc.data if doc is not None and isinstance(doc.data, dict) else {}
    for key in ("dependencies", "devDependencies", "optionalDependencies"):
        listed = data.get(key)
        if isinstance(listed, dict) and any(isinstance(p, str) and (p == name or p.rsplit("/", 1)[-1] == name)
                                            for p in listed):
            return True
    return False


def _scripts(ctx: Context) -> dict:
    doc = _package(ctx)
    scripts = doc.data.get("scripts") if doc is not None and isinstance(doc.data, dict) else None
    return scripts if isinstance(scripts, dict) else {}


def _inside_quotes(where: Location, text: str) -> Location:
    """A quoted argument's text starts one column after its quote."""
    quoted = where.end_line == where.line and where.end_column - where.column == len(text) + 2
    return where.shifted(1, len(text)) if quoted else where


def _workspace(ctx: Context, spec: str) -> str | None:
    """The directory of a workspace given by path or package name."""
    if ctx.repo.exists(join(ctx.cwd, spec, "package.json")):
        return join(ctx.cwd, spec)
    from .node import read_jsonc

    for path in ctx.repo.with_name("package.json"):
        data = read_jsonc(ctx.repo, path)
        if isinstance(data, dict) and data.get("name") == spec:
            return posixpath.dirname(path)
    return None


def _unresolved_workspace(call: Call, ctx: Context, spec: str, at: int) -> Analysis:
    if "$" in spec:  # `npm -w packages/${PACKAGE} run start`: a build argument or variable picks it
        ctx.unresolved(call.at(at), f"`{' '.join(call.argv)}` runs in workspace `{spec}`, which is only known at run time",
                       "check which package the variable selects in each deployment: deploylint cannot tell what it starts")
        return Analysis([ctx.process(call, kind="unknown")])
    ctx.unresolved(call.at(at), f"`{' '.join(call.argv)}` runs in workspace `{spec}`, which is not a package in the repository",
                   "name the workspace by its package.json `name` or its directory")
    return Analysis([ctx.process(call, kind="unknown")])


def _split_option(args: list[str], i: int, valued: set[str]) -> tuple[str, str | None, int]:
    """(option, value, words used) for a global option at args[i]."""
    arg = args[i]
    if "=" in arg and arg.startswith("--"):
        option, value = arg.split("=", 1)
        return option, value, 1
    if arg in valued and i + 1 < len(args):
        return arg, args[i + 1], 2
    return arg, None, 1


def _short(text: str, limit: int = 70) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
