"""`nest start [project]`: the Nest CLI builds and runs a project's entry file.

The entry is `<sourceRoot>/<entryFile>.ts` from nest-cli.json (defaults `src` and `main`),
or the named project's in a monorepo (`projects.<name>.sourceRoot/entryFile`);
`--entryFile`, `--sourceRoot` and `-c/--config FILE` override them. `--watch` restarts the
one process on changes (it does not add a copy). Other subcommands (`nest build`,
`nest generate`) run once and exit.
"""
from __future__ import annotations

from ..commands import Analysis, Call, Context
from ..repo import join

CONFIG_FILES = ("nest-cli.json", ".nestcli.json", ".nest-cli.json", "nest.json")
_VALUED = {"-c", "--config", "-p", "--path", "-e", "--exec", "--entryFile", "--sourceRoot", "--preserveWatchOutput",
           "--env-file", "-b", "--builder", "--type-check"}


def expand(call: Call, ctx: Context) -> Analysis:
    args = list(call.args)
    if not args or args[0] != "start":
        return Analysis([ctx.process(call, kind="other", long_running=False)])
    options, positional = _parse(args[1:])
    config_path = options.get("-c") or options.get("--config")
    config = _config(ctx, config_path)
    project = positional[0] if positional else None
    settings = config
    projects = config.get("projects") if isinstance(config.get("projects"), dict) else {}
    if project and isinstance(projects.get(project), dict):
        settings = projects[project]
    source_root = options.get("--sourceRoot") or _text(settings.get("sourceRoot")) or _text(config.get("sourceRoot")) or "src"
    entry_file = options.get("--entryFile") or _text(settings.get("entryFile")) or _text(config.get("entryFile")) or "main"
    from . import node

    base = join(source_root, entry_file)
    found = next((node.resolve(ctx.repo, join(ctx.cwd, base + ext)) for ext in (".ts", ".js", ".mts", ".cts")
                  if node.resolve(ctx.repo, join(ctx.cwd, base + ext))), None)
    where = call.at(0)
    inner = ctx.step(where, f"`nest start{' ' + project if project else ''}` runs {base}.ts (nest-cli.json sourceRoot/entryFile)")
    if found is None:
        inner.missing(where, f"`{' '.join(call.argv)}` runs {join(ctx.cwd, base)}.ts, which is not in the repository",
                      "set `sourceRoot`/`entryFile` in nest-cli.json to the application's entry file")
        return Analysis([inner.process(call, kind="node", entry=None, language="typescript")])
    return Analysis([inner.process(call, kind="node", entry=found, language=node.language_of(found))])


def _parse(args: list[str]) -> tuple[dict[str, str], list[str]]:
    options: dict[str, str] = {}
    positional: list[str] = []
    i = 0
    while i < len(args):
        arg = args[i]
        if arg == "--":
            break
        if "=" in arg and arg.startswith("-"):
            key, value = arg.split("=", 1)
            options[key] = value
        elif arg in _VALUED and i + 1 < len(args):
            options[arg] = args[i + 1]
            i += 1
        elif not arg.startswith("-"):
            positional.append(arg)
        i += 1
    return options, positional


def _config(ctx: Context, path: str | None) -> dict:
    from .node import read_jsonc

    for name in ([path] if path else CONFIG_FILES):
        if not ctx.repo.exists(join(ctx.cwd, name)):
            continue
        data = read_jsonc(ctx.repo, join(ctx.cwd, name))
        if isinstance(data, dict):
            return data
    return {}


def _text(value) -> str | None:
    return value if isinstance(value, str) and value else None
