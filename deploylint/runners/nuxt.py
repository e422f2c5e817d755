"""`nuxt start|preview|dev` (also `nuxi`), `nitro dev|preview` (also `nitropack`), and
`node .output/server/index.mjs` of `nuxt build`/`nitro build`'s output: the Nitro server.

At start the server runs every Nitro plugin of the project once per process, in file-name
order (https://nitro.build/guide/plugins): `server/plugins/*` of a Nuxt project (the app's
`plugins/` are Vue plugins, run per render), `<srcDir>/plugins/*` of a standalone Nitro
project (nitro.config `srcDir`, `server/` and the project root tried when it is not given).
A plugin is `export default defineNitroPlugin((nitroApp) => {...})` or a bare default
function; that is where a Nuxt/Nitro app starts a bot or a scheduler. The plugins are the
process's entries (variant "nitro-server"; js_reach walks each and calls its default
export). Nitro auto-imports what `utils/*` and `utils/*/index` beside the plugins folder
export (`server/utils/bot.ts`'s `startBot()` is called in a plugin without an import):
util_files. `nuxt build`, `generate`, `prepare`, `typecheck` run once and exit.
"""
from __future__ import annotations

import posixpath

from ..commands import Analysis, Call, Context
from ..repo import join

SERVERS = ("start", "preview", "dev")
VARIANT = "nitro-server"
NUXT_CONFIGS = tuple(f"nuxt.config.{ext}" for ext in ("ts", "js", "mjs", "mts", "cjs"))
NITRO_CONFIGS = tuple(f"nitro.config.{ext}" for ext in ("ts", "js", "mjs", "mts", "cjs"))
EXTENSIONS = (".ts", ".js", ".mjs", ".mts", ".cjs")
MAX_PLUGINS = 100  # plugin modules walked per project
OUTPUT = ".output/server/index.mjs"  # what `nuxt build` / `nitro build` write


def expand(call: Call, ctx: Context) -> Analysis:
    args = list(call.args)
    if not args or args[0] not in SERVERS:
        return Analysis([ctx.process(call, kind="other", long_running=False)])
    positional = [a for a in args[1:] if not a.startswith("-")]
    directory = ctx.cwd
    if positional and is_project(ctx.repo, join(ctx.cwd, positional[0])):  # `nuxt start [rootDir]`
        directory = join(ctx.cwd, positional[0])
    return server(call, ctx, directory, call.at(0), f"`{posixpath.basename(call.argv[0])} {args[0]}`")


def server(call: Call, ctx: Context, directory: str, where, how: str) -> Analysis:
    """The Nitro server process of the project in `directory`: its entries are the plugins."""
    from . import node

    plugins = plugin_files(ctx.repo, directory)
    if not plugins:
        return Analysis([ctx.process(call, kind="node", entry=None, language="javascript")])
    inner = ctx.step(where, f"{how} starts the Nitro server, which runs the {len(plugins)} server plugin(s) "
                            f"of {directory or 'the project'} once per process")
    return Analysis([inner.process(call, kind="node", entry=plugins[0], language=node.language_of(plugins[0]),
                                   variant=VARIANT)])


def output_project(repo, path: str) -> str | None:
    """The project whose build writes `path` (`<project>/.output/server/index.mjs`)."""
    if not (path == OUTPUT or path.endswith("/" + OUTPUT)):
        return None
    directory = path[:-len(OUTPUT)].rstrip("/")
    return directory if is_project(repo, directory) else None


def is_project(repo, directory: str) -> bool:
    return any(repo.exists(join(directory, name)) for name in NUXT_CONFIGS + NITRO_CONFIGS)


def plugin_files(repo, directory: str) -> list[str]:
    """The Nitro plugin modules of the project in `directory`, in the order Nitro runs them."""
    for folder in _plugin_dirs(repo, directory):
        found = in_folder(repo, folder)
        if found:
            return found
    return []


def in_folder(repo, folder: str) -> list[str]:
    """The plugin modules directly in `folder`, sorted (Nitro's order)."""
    prefix = f"{folder}/" if folder else ""
    found: list[str] = []
    for path in repo.files:
        if path.startswith(prefix) and "/" not in path[len(prefix):] and path.endswith(EXTENSIONS) \
                and not path.endswith(".d.ts"):
            if len(found) >= MAX_PLUGINS:  # said where the reading stopped, never dropped in silence
                _stopped(repo, path, f"more than {MAX_PLUGINS} Nitro modules in {folder or 'the project root'}/")
                break
            found.append(path)
    return sorted(found)


def _stopped(repo, path: str, what: str) -> None:
    from ..checks import RULES
    from ..model import Location

    if "DPL006" in RULES:
        repo.problem("DPL006", Location(path, 1, 1), f"{what}: deploylint reads the first "
                     f"{MAX_PLUGINS}, so what this one and the ones after it start is not analysed",
                     "move what a plugin starts into fewer plugins, or exclude the folder")


def _plugin_dirs(repo, directory: str) -> list[str]:
    if any(repo.exists(join(directory, name)) for name in NUXT_CONFIGS):
        return [join(directory, "server/plugins")]
    config = next((join(directory, n) for n in NITRO_CONFIGS if repo.exists(join(directory, n))), None)
    src = _src_dir(repo, config) if config else None
    if src is not None:
        return [join(join(directory, src), "plugins")]
    return [join(directory, "server/plugins"), join(directory, "plugins")]


def _src_dir(repo, config: str) -> str | None:
    """`srcDir` of `export default defineNitroConfig({ srcDir: "server" })`, when a string."""
    from ..code.js_module import load, string_value, strip
    from ..code.js_values import entries

    module = load(repo, config)
    value = strip(module.exports.get("default")) if module is not None else None
    if value is not None and not isinstance(value, str) and value.type == "call_expression":
        arguments = value.child_by_field_name("arguments")
        value = strip(arguments.named_children[0]) if arguments is not None and arguments.named_children else None
    if value is None or isinstance(value, str) or value.type != "object":
        return None
    src = entries(value).get("srcDir")
    text = string_value(strip(src)) if src is not None and not isinstance(src, str) else None
    if not text or text.startswith("/") or ".." in text.split("/"):
        return None
    text = posixpath.normpath(text)
    return "" if text == "." else text


def util_files(repo, plugins_folder: str) -> list[str]:
    """The auto-imported util modules of the server whose plugins are in `plugins_folder`."""
    utils = join(posixpath.dirname(plugins_folder), "utils")
    found = in_folder(repo, utils)
    prefix = f"{utils}/"
    for path in repo.files:
        if path.startswith(prefix) and path.count("/") == prefix.count("/") + 1 \
                and posixpath.basename(path) in tuple(f"index{ext}" for ext in EXTENSIONS):
            if len(found) >= MAX_PLUGINS:
                _stopped(repo, path, f"more than {MAX_PLUGINS} Nitro util modules in {utils}/")
                break
            found.append(path)
    return found
