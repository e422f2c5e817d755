"""`node x.js`, `nodemon`, `ts-node`, `ts-node-dev`, `tsx [watch]`, `deno run`: the entry file.

The entry is resolved against the working directory the way Node does (exact, then
with an extension, then `index.*` or package.json `main` for a directory). A built file
(`node dist/index.js`) is mapped back to its TypeScript source through tsconfig.json's
`outDir`/`rootDir`, since the build output is not in the scanned tree.
"""
from __future__ import annotations

import json
import posixpath
import re

from ..commands import Analysis, Call, Context
from ..discover import is_hidden_build_path
from ..repo import Repo, join, normalise
from ..patterns import lazy_re

EXTENSIONS = (".js", ".ts", ".mjs", ".cjs", ".mts", ".cts", ".tsx", ".jsx")
_SOURCE_FOR = {".js": (".ts", ".tsx", ".js"), ".mjs": (".mts", ".mjs"), ".cjs": (".cts", ".cjs"), "": (".ts", ".js")}
# options whose value is the next word, per program
_VALUED = {
    "node": {"-r", "--require", "--import", "--loader", "--experimental-loader", "--env-file", "-C", "--conditions",
             "--title", "--input-type", "--inspect-port", "--openssl-config", "--icu-data-dir", "--watch-path"},
    "nodemon": {"-w", "--watch", "-e", "--ext", "-i", "--ignore", "-d", "--delay", "--signal", "--config",
                "-x", "--exec", "--cwd"},
    "ts-node": {"-r", "--require", "-P", "--project", "-O", "--compiler-options", "-C", "--compiler", "-I", "--ignore",
                "--cwd", "--dir", "--scope-dir"},
    "ts-node-dev": {"-r", "--require", "-P", "--project", "-O", "--compiler-options", "-C", "--compiler",
                    "--ignore-watch", "--watch", "--debounce", "--interval", "--dir"},
    "tsx": {"--tsconfig", "--env-file", "-r", "--require", "--import", "--include", "--exclude", "--ignore"},
    "deno": {"-c", "--config", "--import-map", "--location", "--cert", "--seed"},
    "bun": {"-r", "--preload", "--env-file", "--cwd", "--tsconfig-override", "--port"},
    "babel-node": {"--presets", "--plugins", "-x", "--extensions", "--config-file", "--root-mode", "-i", "--ignore",
                   "--only", "-r", "--require", "--env-name"},
    "vite-node": {"-r", "--root", "-c", "--config", "--mode", "-w", "--watch"},
}
_EVAL = {"-e", "--eval", "-p", "--print"}


def expand(call: Call, ctx: Context) -> Analysis:
    program = call.program
    args = list(call.args)
    skip = 1
    if program == "tsx" and args[:1] == ["watch"]:
        args, skip = args[1:], 2
    elif program == "deno":
        if args[:1] not in (["run"], ["serve"]):  # `deno task x` (deno.json) is not followed
            return Analysis([ctx.process(call, kind="other", long_running=args[:1] == ["task"])])
        args, skip = args[1:], 2
    if program == "nodemon":
        exec_words = _option(args, ("-x", "--exec"))
        if exec_words:  # `nodemon --exec ts-node src/x.ts`: nodemon runs that command
            return _nodemon_exec(call, ctx, exec_words, args)
    index = entry_index(program, args)
    if index is None:
        if any(a in _EVAL or re.fullmatch(r"-[a-z]*[ep]", a) for a in args):
            return Analysis([ctx.process(call, kind="other")])  # `node -e '...'`
        if program == "nodemon":  # nodemon without a script runs package.json `main` or index.js
            return entry_process(call, ctx, _package_main(ctx.repo, ctx.cwd) or "index.js", 0)
        return Analysis([ctx.process(call, kind="other", long_running=False)])  # a REPL or --version
    return entry_process(call, ctx, args[index], index + skip)


def entry_index(program: str, args: list[str]) -> int | None:
    """Index in `args` of the entry file, skipping the program's options."""
    valued = _VALUED.get(program, set()) | _VALUED["node"]
    i = 0
    while i < len(args):
        arg = args[i]
        if arg == "--":
            return i + 1 if i + 1 < len(args) else None
        if arg in _EVAL:
            return None
        if arg in valued:
            i += 2
            continue
        if arg.startswith("-"):
            i += 1
            continue
        return i
    return None


def entry_process(call: Call, ctx: Context, text: str, argv_index: int) -> Analysis:
    """The Process for an entry file named `text` (argv[argv_index])."""
    where = call.at(argv_index)
    command = " ".join(call.argv)
    if text.startswith("$") or "${" in text:
        ctx.unresolved(where, f"`{command}` runs a file named by a variable", "name the entry file in the start command")
        return Analysis([ctx.process(call, kind="unknown", language="javascript")])
    if text.startswith(("http://", "https://", "npm:", "jsr:")):
        return Analysis([ctx.process(call, kind="other")])
    if text.startswith("/") and ctx.in_image(text):  # `node /app/dist/bot.js`: the file the image copied there
        mapped = ctx.in_image(text)
        return Analysis([ctx.step(where, f"{text} in the image is {mapped}").process(
            call, kind="node", entry=resolve(ctx.repo, mapped) or mapped, language=language_of(mapped))])
    if text.startswith("/"):
        ctx.unresolved(where, f"`{command}` runs {text}, an absolute path outside the scanned files",
                       "use a path relative to the working directory so the entry can be checked")
        return Analysis([ctx.process(call, kind="node", language=language_of(text))])
    path = join(ctx.cwd, text)
    if (path == "" or ctx.repo.is_dir(path)) and resolve(ctx.repo, path) is None:
        main = _package_main(ctx.repo, path)  # `node .`: the directory's package.json `main`, maybe a build output
        if main and not main.startswith("/") and normalise(join(path, main)) != normalise(path):
            path = normalise(join(path, main))
    tool = package_bin(path)
    if tool is not None:  # `node node_modules/next/dist/bin/next start` (PM2 `script:`): the tool's command
        from ..commands import run_call

        inner = ctx.step(where, f"{text} is the `{tool}` command of an installed package").deeper()
        shifted = call.shifted(argv_index)
        return run_call(Call((tool, *shifted.argv[1:]), shifted.location, shifted.background, shifted.env,
                             shifted.arg_locations), inner)
    found = resolve(ctx.repo, path)
    if found:
        return Analysis([ctx.process(call, kind="node", entry=found, language=language_of(found))])
    if posixpath.basename(path) == "server.js":
        from . import next as nextjs

        project = next((d for d in (ctx.cwd, posixpath.dirname(path)) if nextjs.is_project(ctx, d)), None)
        if project is not None and not ctx.repo.exists(path):  # `next build` with output: "standalone" writes server.js
            # missing unless a build step writes it (a Dockerfile's `RUN npm run build` drops this finding)
            ctx.missing(where, f"`{command}` runs {path}, which is not in the repository",
                        "fix the path or the working directory, or commit the file")
            return nextjs.server(call, ctx, project, where, f"`{command}` (the standalone server `next build` writes)")
    if not ctx.repo.exists(path):
        from . import nuxt

        project = nuxt.output_project(ctx.repo, path)
        if project is not None:  # `nuxt build` / `nitro build` write .output/server/index.mjs
            return nuxt.server(call, ctx, project, where, f"`{command}` (the server `nuxt build` writes)")
    source, how = source_for(ctx.repo, path)
    if source:
        inner = ctx.step(where, f"{path} is built from {source} ({how})")
        return Analysis([inner.process(call, kind="node", entry=source, language=language_of(source))])
    if is_hidden_build_path(path):
        ctx.unresolved(where, f"`{command}` runs {path}, a built file, not in the scanned sources "
                              "(no source file in the repository maps to it)",
                       "set `outDir`/`rootDir` in tsconfig.json, or start the source file (ts-node/tsx) so it can be checked")
    else:
        ctx.missing(where, f"`{command}` runs {path}, which is not in the repository",
                    "fix the path or the working directory, or commit the file")
    return Analysis([ctx.process(call, kind="node", entry=None, language=language_of(text))])


_PACKAGE_BIN = lazy_re(r"(?:^|/)node_modules/(?:\.bin/(?P<bin>[\w.-]+)|(?:@[\w.-]+/)?[\w.-]+/(?:[\w.-]+/)*bin/(?P<tool>[\w-]+)(?:\.c?js)?)$",
                       needs=("node_modules",))


def package_bin(path: str) -> str | None:
    """The command an installed package's executable is (`node_modules/.bin/next`,
    `node_modules/next/dist/bin/next`, `node_modules/@nestjs/cli/bin/nest.js`), when
    deploylint has a runner for it; None otherwise."""
    from . import REGISTRY

    match = _PACKAGE_BIN.search(path)
    if match is None:
        return None
    tool = match.group("bin") or match.group("tool")
    return tool if tool in REGISTRY and tool not in ("node", "npm", "npx") else None


def language_of(path: str) -> str:
    return "typescript" if path.endswith((".ts", ".mts", ".cts", ".tsx")) else "javascript"


def resolve(repo: Repo, path: str) -> str | None:
    """The file Node runs for `path`: exact, with an extension, or a directory's entry."""
    if repo.exists(path):
        return normalise(path)
    for ext in EXTENSIONS:
        if repo.exists(path + ext):
            return normalise(path + ext)
    if repo.is_dir(path):
        main = _package_main(repo, path)
        if main and normalise(join(path, main)) != normalise(path):
            found = resolve(repo, join(path, main))
            if found:
                return found
        return next((f"{normalise(path)}/index{ext}".lstrip("/") for ext in EXTENSIONS
                     if repo.exists(join(path, "index" + ext))), None)
    return None


def source_for(repo: Repo, path: str) -> tuple[str | None, str]:
    """The source file a built `path` comes from, and how we know."""
    stem, ext = posixpath.splitext(path)
    for config, options in _tsconfigs(repo, posixpath.dirname(path)):
        base = posixpath.dirname(config)
        out_dir = options.get("outDir")
        if not isinstance(out_dir, str):
            continue
        out = join(base, out_dir)
        if not (stem + "/").startswith(out.rstrip("/") + "/") and out:
            continue
        relative = stem[len(out):].lstrip("/") if out else stem
        for root in _source_roots(options, base):
            for alt in _SOURCE_FOR.get(ext, (ext,)):
                candidate = join(root, relative) + alt
                if repo.exists(candidate):
                    return candidate, f"{config}: outDir {out_dir}" + (f", rootDir {options['rootDir']}" if options.get("rootDir") else "")
    nest = _nest_project_source(repo, stem)
    if nest is not None:
        return nest
    for alt in _SOURCE_FOR.get(ext, ()):  # `node bot.js` next to bot.ts, compiled in place
        if repo.exists(stem + alt) and stem + alt != path:
            return stem + alt, "compiled in place"
    parts = stem.split("/")
    built = [i for i, part in enumerate(parts[:-1]) if part in ("dist", "build", "out", "lib")]
    if built:  # a bundler's output dir (tsup, esbuild) beside src/
        i = built[0]
        # a bundler writes index.mjs / index.cjs from index.ts (tsc would need .mts / .cts)
        bundled = (".ts", ".tsx", ".js") if ext in (".mjs", ".cjs") else ()
        for alt in (*_SOURCE_FOR.get(ext, (ext,)), *bundled):
            candidate = "/".join([*parts[:i], "src", *parts[i + 1:]]) + alt
            if repo.exists(candidate):
                return candidate, f"assumed {parts[i]}/ is built from src/"
    return None, ""


def _nest_project_source(repo: Repo, stem: str) -> tuple[str, str] | None:
    """A Nest CLI monorepo app: `nest build steward` writes `dist/apps/steward/main.js`
    from the project's `sourceRoot`/`entryFile` (nest-cli.json `projects`)."""
    parts = stem.split("/")
    if "dist" not in parts:
        return None
    at = parts.index("dist")
    base = "/".join(parts[:at])
    config = join(base, "nest-cli.json")
    if not repo.exists(config):
        return None
    data = read_jsonc(repo, config)
    projects = data.get("projects") if isinstance(data, dict) else None
    built = "/".join(parts[at + 1:])
    for name, project in list(projects.items())[:100] if isinstance(projects, dict) else ():
        if not isinstance(project, dict) or not isinstance(project.get("sourceRoot"), str):
            continue
        entry = project.get("entryFile") if isinstance(project.get("entryFile"), str) else "main"
        root = project.get("root") if isinstance(project.get("root"), str) else f"apps/{name}"
        source_root = normalise(project["sourceRoot"])
        # webpack: `dist/apps/x/main.js`; tsc with the workspace as rootDir (an app importing libs/)
        # mirrors the source tree under the app's outDir: `dist/apps/x/apps/x/src/main.js`
        if built not in (f"{normalise(root)}/{entry}", f"apps/{name}/{entry}", f"{normalise(root)}/{source_root}/{entry}",
                         f"apps/{name}/{source_root}/{entry}", f"{source_root}/{entry}"):
            continue
        for alt in (".ts", ".js"):
            candidate = join(base, project["sourceRoot"], entry) + alt
            if repo.exists(candidate):
                return candidate, f"{config}: project `{name}` (sourceRoot {project['sourceRoot']})"
    return None


def _source_roots(options: dict, base: str) -> list[str]:
    roots = []
    if isinstance(options.get("rootDir"), str):
        roots.append(join(base, options["rootDir"]))
    for include in options.get("_include") or ():
        if isinstance(include, str):
            head = include.split("*", 1)[0].rstrip("/")
            if head and not posixpath.splitext(head)[1]:
                roots.append(join(base, head))
    roots += [join(base, "src"), base]
    return list(dict.fromkeys(roots))


def _tsconfigs(repo: Repo, directory: str):
    """(path, compilerOptions) of tsconfig.json files from `directory` up to the root."""
    current = normalise(directory)
    while True:
        path = join(current, "tsconfig.json")
        if repo.exists(path):
            options = compiler_options(repo, path)
            if options:
                yield path, options
        if not current or current.startswith(".."):
            return
        current = posixpath.dirname(current)


def compiler_options(repo: Repo, path: str, depth: int = 0) -> dict:
    """compilerOptions of a tsconfig, following relative `extends`, with `include` as `_include`."""
    data = read_jsonc(repo, path)
    if not isinstance(data, dict):
        return {}
    options: dict = {}
    parent = data.get("extends")
    if isinstance(parent, str) and parent.startswith(".") and depth < 5:
        target = join(posixpath.dirname(path), parent)
        target = target if target.endswith(".json") else target + ".json"
        if repo.exists(target):
            inherited = compiler_options(repo, target, depth + 1)
            base = posixpath.dirname(target)
            for key in ("outDir", "rootDir"):  # paths in the parent are relative to the parent
                if isinstance(inherited.get(key), str):
                    # `"rootDir": "."` in a root tsconfig joins to "" (the root): relpath needs "."
                    inherited[key] = posixpath.relpath(join(base, inherited[key]) or ".", posixpath.dirname(path) or ".")
            options.update(inherited)
    own = data.get("compilerOptions")
    if isinstance(own, dict):
        options.update(own)
    if isinstance(data.get("include"), list):
        options["_include"] = data["include"]
    return options


_JSONC = lazy_re(r'("(?:[^"\\]|\\.)*")|//[^\n]*|/\*.*?\*/', re.S)
_TRAILING_COMMA = lazy_re(r'("(?:[^"\\]|\\.)*")|,(\s*[}\]])')


def read_jsonc(repo: Repo, path: str):
    """JSON with comments and trailing commas (tsconfig.json), or None; never reports."""
    def load():
        text = repo.read_text(path)
        if text is None:
            return None
        text = _JSONC.sub(lambda m: m.group(1) or "", text)
        text = _TRAILING_COMMA.sub(lambda m: m.group(1) or m.group(2), text)
        try:
            return json.loads(text)
        except (json.JSONDecodeError, RecursionError):
            return None

    return repo.memo(("jsonc", path), load)


def _package_main(repo: Repo, directory: str) -> str | None:
    path = join(directory, "package.json")
    if not repo.exists(path):
        return None
    data = read_jsonc(repo, path)
    main = data.get("main") if isinstance(data, dict) else None
    return main if isinstance(main, str) and main else None


def _option(args: list[str], names: tuple[str, ...]) -> str | None:
    for i, arg in enumerate(args):
        if arg in names and i + 1 < len(args):
            return args[i + 1]
        for name in names:
            if arg.startswith(name + "="):
                return arg.split("=", 1)[1]
    return None


def _nodemon_exec(call: Call, ctx: Context, exec_text: str, args: list[str]) -> Analysis:
    """`nodemon --exec 'ts-node' src/x.ts`: the exec command with the script appended.
    nodemon runs the exec text with `sh -c`, so `--exec "yarn build && node dist/main.js"`
    is a shell command list (a script argument is appended to its text)."""
    import shlex

    rest = [a for i, a in enumerate(args) if not a.startswith("-") and (i == 0 or args[i - 1] not in _VALUED["nodemon"])]
    if any(op in exec_text for op in ("&&", "||", ";", "|")):
        text = " ".join([exec_text, *(shlex.quote(a) for a in rest)])
        inner = ctx.step(call.location, f"nodemon runs `{text[:200]}` (sh -c)")
        return inner.analyse_shell(text, call.location)
    try:
        words = shlex.split(exec_text)
    except ValueError:
        words = exec_text.split()
    inner = ctx.step(call.location, f"nodemon runs `{' '.join([*words, *rest])}`")
    return inner.analyse_argv((*words, *rest), call.location, call.background)
