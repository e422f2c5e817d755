"""PM2 ecosystem files: `apps[]` from ecosystem.config.{js,cjs,mjs}, JSON and YAML.

JavaScript configs are read with tree-sitter and the shared static evaluator (code/js_eval): objects,
arrays, strings, numbers, consts, spreads, `__dirname` paths. Anything else (a call,
`process.env.X`) becomes `Unknown(text)` and is reported where it matters; the file is
never run. PM2 semantics (https://pm2.keymetrics.io/docs/usage/application-declaration/):
`instances` > 1 starts that many copies; `max`/0 one per CPU and -1 one per CPU but
one; several instances of a node script run in cluster mode unless `exec_mode` says
fork; `pm2 reload` in cluster mode starts new workers before it stops the old ones.
"""
from __future__ import annotations

import posixpath
import re
import shlex
from ..record import dataclass, field

from ..model import Command, Copies, Launch, Location, Overlap, Target, ONE
from ..repo import Repo, join
from ..safe import to_int

from ..code.js_eval import Evaluator as _JsReader
from ..code.js_static import Arr, DirPath, Obj, Unknown
from .pm2_deploy import deployed_build
from .names import PM2_CANONICAL as CANONICAL, PM2_DATA_CONFIG as DATA_CONFIG
from .names import is_pm2_candidate as is_candidate
from ..patterns import lazy_re
ASSUMED_CPUS = 2
NODE_EXTENSIONS = (".js", ".mjs", ".cjs", ".ts", ".mts", ".cts", ".tsx", ".jsx")
_BY_EXTENSION = {".py": "python3", ".sh": "bash", ".rb": "ruby", ".php": "php", ".pl": "perl"}


@dataclass
class App:
    name: str
    script: object  # str | Unknown | None
    args: tuple[str, ...] | Unknown
    interpreter: str | None
    interpreter_args: tuple[str, ...]
    cwd: object  # str | DirPath | Unknown | None
    instances: object  # int | str | Unknown | None
    exec_mode: str | None
    env: dict[str, str]
    location: Location  # the app object
    config: str  # the ecosystem file
    keys: dict[str, Location] = field(default_factory=dict)
    values: dict[str, Location] = field(default_factory=dict)
    envs: dict[str, dict[str, str]] = field(default_factory=dict)  # env_production -> "production"

    def at(self, key: str) -> Location:
        return self.keys.get(key, self.location)

    def value_at(self, key: str) -> Location:
        return self.values.get(key) or self.at(key)


@dataclass(frozen=True)
class Run:
    """How PM2 starts one app: its command, copies, mode and directory."""

    argv: tuple[str, ...] | None  # None: the script is only known at run time
    location: Location  # where the script is written
    copies: Copies
    mode: str  # "cluster" or "fork"
    cwd: str
    overlap: Overlap | None


# -- which files ----------------------------------------------------------------------
def _named_ecosystem(path: str) -> bool:
    name = posixpath.basename(path)
    return name in CANONICAL or name.startswith("ecosystem")


def targets(repo: Repo) -> list[Target]:
    found = []
    for path in repo.files:
        if not is_candidate(path):
            continue
        if not _named_ecosystem(path) and not re.search(r"\bapps\b", repo.read_text(path) or ""):
            continue  # a webpack/jest config or some process-*.json: not PM2's
        if parse(repo, path) is None:
            continue
        found.append(Target("pm2", path, Location(path, 1, 1), launches(repo, path), hosts_differ=False))
    return found


# -- reading --------------------------------------------------------------------------
def parse(repo: Repo, path: str) -> list[App] | None:
    """The apps of an ecosystem file, or None when `path` is not one (or unreadable)."""
    return repo.memo(("pm2", path), lambda: _parse(repo, path))


def _parse(repo: Repo, path: str) -> list[App] | None:
    if DATA_CONFIG.match(path):
        root = _load_json(repo, path) if path.endswith(".json") else _load_yaml(repo, path)
    else:
        root = _load_js(repo, path)
    if root is None:
        return None
    apps = root.get("apps") if isinstance(root, Obj) else root if isinstance(root, Arr) and _lists_apps(path) else None
    if apps is None:
        if isinstance(root, Unknown) and _named_ecosystem(path):
            repo.problem("DPL004", Location(path, 1, 1), f"{path}: the exported config is `{_short(root.text)}`, which is only known when it runs",
                         "export a literal `{apps: [...]}` object so the apps can be checked statically")
            return []
        return None
    from .. import schema

    plain = _for_schema(root, schema.schema("pm2"))
    from .pm2_deploy import env_files

    env_files(repo, path, plain, lambda keys: locate(root, keys))
    schema.check(repo, plain, "pm2", lambda keys: locate(root, keys), what=path)
    if isinstance(apps, Unknown):
        repo.problem("DPL004", _where(root, "apps"), f"{path}: `apps` is `{_short(apps.text)}`, which is only known when it runs",
                     "write the apps as a literal array so they can be checked statically")
        return []
    if isinstance(apps, Obj):  # PM2 accepts a single app object
        apps = [apps]
    items = apps if isinstance(apps, list) else []
    return [app for i, item in enumerate(items) if (app := _app(repo, path, item, _item_at(apps, i))) is not None]


def _lists_apps(path: str) -> bool:
    """PM2 also reads a top-level array of apps from a JSON/YAML file or an ecosystem file."""
    return bool(DATA_CONFIG.match(path)) or _named_ecosystem(path)


def _load_json(repo: Repo, path: str):
    from .. import jsonfile

    doc = jsonfile.load(repo, path)
    return None if doc is None else _located(doc.data, (), lambda keys: doc.where(*keys), lambda keys: doc.where(*keys))


def _load_yaml(repo: Repo, path: str):
    from .. import yamlfile

    data = yamlfile.load(repo, path)
    if data is None:
        return None
    nodes = {(): data}

    def node(keys):
        if keys not in nodes:
            parent = node(keys[:-1])
            nodes[keys] = parent[keys[-1]]
        return nodes[keys]

    def key_at(keys):
        return yamlfile.where(path, node(keys[:-1]), keys[-1]) if keys else yamlfile.where(path, data)

    def value_at(keys):
        parent = node(keys[:-1]) if keys else None
        return yamlfile.value_where(path, parent, keys[-1]) if isinstance(parent, dict) else key_at(keys)

    return _located(data, (), key_at, value_at)


def _located(value, keys: tuple, key_at, value_at):
    """Plain JSON/YAML data as Obj/Arr with locations."""
    if isinstance(value, dict):
        obj = Obj(key_at(keys))
        for key, item in value.items():
            obj[str(key)] = _located(item, (*keys, key), key_at, value_at)
            obj.keys_at[str(key)] = key_at((*keys, key))
            obj.values_at[str(key)] = value_at((*keys, key))
        return obj
    if isinstance(value, list):
        arr = Arr(key_at(keys))
        for i, item in enumerate(value):
            arr.append(_located(item, (*keys, i), key_at, value_at))
            arr.items_at.append(key_at((*keys, i)))
        return arr
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, int):
        return int(value)
    if isinstance(value, float):
        return float(value)
    return str(value)


def locate(root, keys: tuple) -> Location:
    """Where the key path `keys` is written (or its nearest parent)."""
    node, where = root, getattr(root, "at", None)
    for key in keys:
        if isinstance(node, Obj) and key in node:
            where, node = node.keys_at.get(key, node.at), node[key]
        elif isinstance(node, Arr) and isinstance(key, int) and key < len(node):
            where, node = node.items_at[key], node[key]
        else:
            break
    return where or Location("", 1, 1)


def _where(obj, key) -> Location:
    return obj.keys_at.get(key, obj.at) if isinstance(obj, Obj) else Location("", 1, 1)


def _item_at(items, index: int) -> Location:
    return items.items_at[index] if isinstance(items, Arr) and index < len(items.items_at) else getattr(items, "at", Location("", 1, 1))


# -- JavaScript, statically -----------------------------------------------------------
def _load_js(repo: Repo, path: str):
    text = repo.read_text(path)
    if text is None:
        return None
    from ..treesitter import first_error, parse as ts_parse

    tree = ts_parse("javascript", text)
    reader = _JsReader(path, text)
    exports = reader.exports(tree.root_node)
    error = first_error(tree.root_node)
    pm2_like = _named_ecosystem(path) or (isinstance(exports, Obj) and "apps" in exports)
    if error is None or not pm2_like:
        return exports
    where, what = _describe_error(reader, error, text)
    repo.problem("DPL001", where, f"JavaScript syntax error in {path}: {what}",
                 "fix the syntax; PM2 cannot load this file either")
    if exports is None:  # an ecosystem file with nothing readable: no apps, not "not PM2's"
        exports = Obj(Location(path, 1, 1))
        exports["apps"] = Arr(Location(path, 1, 1))
    return exports


def _describe_error(reader: "_JsReader", error, text: str) -> tuple[Location, str]:
    if error.is_missing:
        return reader.where(error), f"expected `{error.type}`"
    if not text.encode("utf-8")[error.end_byte:].strip():  # the error runs to the end of the file
        openers = []
        for child in error.children:
            if child.type in ("{", "[", "("):
                openers.append(child)
            elif child.type in ("}", "]", ")") and openers:
                openers.pop()
        if openers:
            return reader.where(openers[-1]), f"`{openers[-1].type}` is never closed (the file ends first)"
        return reader.where(error), "unexpected end of file"
    return reader.where(error), f"unexpected `{_short(reader.text_of(error), 30)}`"


def _short(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


# -- schema ---------------------------------------------------------------------------
def _for_schema(value, spec: dict, root: dict | None = None):
    """Plain data for jsonschema; an Unknown becomes a placeholder of the expected type,
    so only the keys the file really has wrong are reported."""
    from ..schema import _resolve

    root = root or spec
    spec = _resolve(spec, root)
    if isinstance(value, Unknown):
        return _placeholder(spec, root)
    if isinstance(value, dict):
        props, patterns = spec.get("properties", {}), spec.get("patternProperties", {})
        extra = spec.get("additionalProperties")
        out = {}
        for key, item in value.items():
            sub = props.get(key) or next((s for p, s in patterns.items() if re.search(p, key)), None) or \
                (extra if isinstance(extra, dict) else {})
            out[key] = _for_schema(item, sub, root)
        return out
    if isinstance(value, list):
        items = spec.get("items") if isinstance(spec.get("items"), dict) else {}
        return [_for_schema(item, items, root) for item in value]
    return str(value) if isinstance(value, str) else value


def _placeholder(spec: dict, root: dict):
    from ..schema import _resolve

    options = spec.get("anyOf") or spec.get("oneOf")
    if options:
        return _placeholder(_resolve(options[0], root), root)
    kinds = spec.get("type", "string")
    kind = kinds[0] if isinstance(kinds, list) else kinds
    if "enum" in spec:
        return spec["enum"][0]
    return {"string": "", "integer": 1, "number": 1, "boolean": False, "object": {}, "array": [], "null": None}.get(kind, "")


# -- apps -----------------------------------------------------------------------------
def _app(repo: Repo, path: str, node, at: Location) -> App | None:
    if isinstance(node, Unknown):
        repo.problem("DPL004", at, f"{path}: an app is `{_short(node.text)}`, which is only known when the config runs",
                     "write the app as a literal object so it can be checked statically")
        return None
    if not isinstance(node, Obj):
        return None  # the schema check reported it
    script = node.get("script")
    if script is None:
        if node.partial:
            repo.problem("DPL004", node.at, f"{path}: this app's `script` comes from a spread or method deploylint cannot read",
                         "write `script` in the app object itself so the app can be checked statically")
        else:
            repo.problem("DPL002", node.at, f"{path}: app has no `script`", "add `script: 'path/to/entry.js'` (PM2 requires it)")
    elif isinstance(script, Unknown):
        repo.problem("DPL004", node.values_at.get("script", node.at),
                     f"{path}: `script` is `{_short(script.text)}`, which is only known when the config runs",
                     "write the script path as a string so the app can be checked statically")
    name = node.get("name")
    if not isinstance(name, (str, Unknown)):
        name = posixpath.splitext(posixpath.basename(script))[0] if isinstance(script, str) else "app"
    instance_var = _text(node.get("instance_var"))
    if instance_var and re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]{0,63}", instance_var):
        instance_vars(repo).add(instance_var)  # `instance_var: 'INSTANCE_ID'`: PM2's instance number under that name
    return App(
        name=str(name), script=script if isinstance(script, (str, Unknown)) else None,
        args=_words(node.get("args")), interpreter=_text(node.get("interpreter")) or _text(node.get("exec_interpreter")),
        interpreter_args=_tuple(_words(node.get("interpreter_args") or node.get("node_args"))),
        cwd=node.get("cwd"), instances=node.get("instances"), exec_mode=_text(node.get("exec_mode")),
        env=_env(node.get("env")), location=node.at, config=path, keys=dict(node.keys_at), values=dict(node.values_at),
        envs={key[4:]: _env(value) for key, value in node.items() if key.startswith("env_")},
    )


def instance_vars(repo: Repo) -> set[str]:
    """Names PM2 apps of this repository give their instance number (`instance_var`,
    default NODE_APP_INSTANCE): a guard on one of them runs code in one instance."""
    return repo.memo(("pm2-instance-vars",), set)


def _env(value) -> dict[str, str]:
    """An `env` block as strings; values only known at run time are left out."""
    if not isinstance(value, dict):
        return {}
    return {str(k): _env_text(v) for k, v in value.items() if not isinstance(v, (Unknown, dict, list))}


def _words(value) -> tuple[str, ...] | Unknown:
    if isinstance(value, Unknown):
        return value
    if isinstance(value, list):
        return tuple(str(v) for v in value if not isinstance(v, Unknown))
    if isinstance(value, str):
        try:
            return tuple(shlex.split(value))
        except ValueError:
            return tuple(value.split())
    return ()


def _tuple(words) -> tuple[str, ...]:
    return words if isinstance(words, tuple) else ()


def _text(value) -> str | None:
    return value if isinstance(value, str) and value else None


def _env_text(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return "" if value is None else str(value)


# -- how PM2 runs an app ----------------------------------------------------------------
def run_of(repo: Repo, app: App, base: str | None = None) -> Run:
    """The command, copies and mode of one app. Relative paths resolve against `base`,
    by default the ecosystem file's directory."""
    base = posixpath.dirname(app.config) if base is None else base
    cwd = _cwd(base, app.cwd, repo)
    script = deployed_build(repo, cwd, app.script) if isinstance(app.cwd, str) and app.cwd.startswith(("/", "~")) \
        else app.script
    if isinstance(script, str) and not isinstance(script, DirPath) and script.startswith("/") and " " not in script:
        from .platform_common import local_paths  # `script: '/root/mybot/bot.py'`: the checkout on the server

        script = local_paths(repo, cwd, script)
    argv = app_argv(repo, cwd, base, script, app.args, app.interpreter, app.interpreter_args)
    node_script = bool(argv) and argv[0] == "node"
    count, assumed, how = _instances(repo, app)
    explicit_mode = (app.exec_mode or "").removesuffix("_mode")
    mode = "cluster" if explicit_mode == "cluster" or (not explicit_mode and node_script and count > 1) else "fork"
    mode_at = app.at("exec_mode") if explicit_mode else app.at("instances")
    copies = ONE if count == 1 else Copies(count, f"PM2 `instances: {how}` ({mode} mode{_per_cpu(how)})",
                                           app.at("instances"), assumed, pm2=count)
    overlap = None
    if mode == "cluster":
        reload_at = _reload_command(repo)
        overlap = Overlap(f"`pm2 reload` in cluster mode ({reload_at})" if reload_at else "cluster mode (a `pm2 reload` would overlap old and new workers)",
                          mode_at, explicit=reload_at is not None)
    return Run(argv, app.value_at("script"), copies, mode, cwd, overlap)


_RELOAD = lazy_re(r"pm2\s+(?:reload|gracefulReload|startOrReload)\b|\bstartOrReload\b|\bgracefulReload\b")


def _reload_command(repo: Repo) -> str | None:
    """Where the repository reloads PM2 in place (a deploy hook, an npm script, a shell
    script): only then does a cluster-mode reload overlap old and new workers."""
    def find() -> str | None:
        for path in repo.files:
            name = posixpath.basename(path)
            if not (name == "package.json" or name.endswith(".sh") or is_candidate(path)
                    or path.startswith(".github/workflows/")):
                continue
            text = repo.read_text(path) or ""
            match = _RELOAD.search(text)
            if match:
                return f"{path}:{text.count(chr(10), 0, match.start()) + 1}"
        return None

    return repo.memo("pm2-reload", find)


def _per_cpu(how: str) -> str:
    if how in ("max", "0"):
        return f": one per CPU, assumed {ASSUMED_CPUS}"
    if _PER_CPU.search(how):  # `instances: os.cpus().length` (computed by the config)
        return f": one per CPU, assumed {ASSUMED_CPUS}"
    if not re.fullmatch(r"-?\d+", how):  # `process.env.N || 2`: the largest value the config can give
        return ": computed by the config; its largest known value"
    if how.startswith("-"):
        return f": one per CPU but {how[1:]}, assumed {ASSUMED_CPUS}"
    return ""


def _instances(repo: Repo, app: App) -> tuple[int, bool, str]:
    """(copies, assumed, as written)."""
    value = app.instances
    if isinstance(value, Unknown):
        guessed = _computed_instances(value)
        if guessed is not None:
            return guessed
        repo.problem("DPL004", app.value_at("instances"),
                     f"PM2 app `{app.name}`: `instances` is `{_short(value.text)}`, only known at run time; assumed 1 copy",
                     "write the number of instances in the config so the copies can be checked")
        return 1, True, value.text
    if isinstance(value, str) and re.fullmatch(r"-?\d+", value.strip()):
        value = to_int(value, default=value)  # '٣' or 5000 digits: not a count (stays a string)
    if isinstance(value, float):
        value = to_int(value, default=value)  # 2.0 -> 2; inf, nan, 1e400 stay floats (not counts)
    if value == "max" or (isinstance(value, int) and not isinstance(value, bool) and value <= 0):
        return ASSUMED_CPUS, True, str(value)
    if isinstance(value, int) and not isinstance(value, bool) and value > 1:
        return value, False, str(value)
    return 1, False, "1"


_PER_CPU = lazy_re(r"\bcpus\s*\(\s*\)\s*\.\s*length\b|\bavailableParallelism\s*\(\s*\)")


def _computed_instances(value: Unknown) -> tuple[int, bool, str] | None:
    """`instances` a JS config computes: `os.cpus().length` (one per CPU, like 'max'), or
    one of several values (`process.env.N || 2`, `prod ? os.cpus().length : 1`): the
    largest of the ones known, as for alternative branches of a shell command. None
    when nothing about it is known."""
    counts = []
    for option in value.options or (value,):
        if isinstance(option, Unknown):
            if _PER_CPU.search(option.text):
                counts.append(ASSUMED_CPUS)
            continue
        if isinstance(option, str) and option.strip() == "max":
            counts.append(ASSUMED_CPUS)
        elif isinstance(option, (int, float)) and not isinstance(option, bool) and option == option and abs(option) < 1e6:
            count = int(option)
            counts.append(ASSUMED_CPUS if count <= 0 else count)
        elif isinstance(option, str) and re.fullmatch(r"\s*-?[0-9]{1,6}\s*", option):
            count = int(option)
            counts.append(ASSUMED_CPUS if count <= 0 else count)
    if not counts:
        return None
    return max(counts), True, _short(value.text)


def _cwd(base: str, cwd, repo: Repo | None = None) -> str:
    if isinstance(cwd, DirPath):
        return join(base, cwd)
    if isinstance(cwd, str) and cwd and not cwd.startswith(("/", "~")) and not re.match(r"[A-Za-z]:[\\/]", cwd):
        return join(base, cwd)
    if isinstance(cwd, str) and cwd.startswith(("/", "~")) and repo is not None:
        return _app_root(repo, base)
    return base  # unknown: assume the ecosystem file's directory


def _app_root(repo: Repo, base: str) -> str:
    """For `cwd: '/opt/app'` (a server path): the checkout of this repository the server
    runs, read as the nearest directory from the ecosystem file's up that holds a
    package.json (`deploy/configs/ecosystem.config.cjs` of the app in the parent folders)."""
    current = base
    for _ in range(8):
        if repo.exists(join(current, "package.json")):
            return current
        if not current:
            break
        current = posixpath.dirname(current)
    return base


_SHELL_SYNTAX = lazy_re(r"[;&|<>$`()\\'\"*?~#{}\n]")


def app_argv(repo: Repo, cwd: str, base: str, script, args, interpreter: str | None,
             interpreter_args: tuple[str, ...] = ()) -> tuple[str, ...] | None:
    """The command PM2 runs for `script`: `node x.js`, `python3 bot.py`, `npm start`..."""
    if not isinstance(script, str) or not script:
        return None
    if not isinstance(script, DirPath) and " " in script.strip() and not (interpreter and interpreter != "none"):
        # PM2 runs a script with a space in it as `bash -c '<script>'` (and drops `args`):
        # `script: "cd bot && python3 main.py"` is shell text, not a file named that way
        words = _words(script) if not _SHELL_SYNTAX.search(script) else None
        return words if isinstance(words, tuple) and words else ("bash", "-c", script.strip())
    if isinstance(script, DirPath):
        script = posixpath.relpath(join(base, script), cwd or ".")
    extra = args if isinstance(args, tuple) else ()
    if interpreter and interpreter != "none":
        return (interpreter, *interpreter_args, script, *extra)
    stem, ext = posixpath.splitext(script)
    if interpreter == "none":
        return (script, *extra)
    if ext in _BY_EXTENSION:
        return (_BY_EXTENSION[ext], *interpreter_args, script, *extra)
    if ext in NODE_EXTENSIONS or repo.exists(join(cwd, script)) or "/" in script:
        return ("node", *interpreter_args, script, *extra)
    words = _words(script)  # a program on PATH: `npm`, `yarn`, or "npm run start"
    return (*words, *extra) if isinstance(words, tuple) and words else None


def launches(repo: Repo, path: str, ctx_cwd: str = "") -> list[Launch]:
    """One Launch per app. PM2 resolves an app's relative `cwd` (and a script without one)
    against the ecosystem file's directory, so `ctx_cwd` (where pm2 ran) is not used."""
    found = []
    for app in parse(repo, path) or []:
        run = run_of(repo, app)
        command = Command(run.location, argv=run.argv) if run.argv else None
        found.append(Launch(
            name=app.name, label=f"PM2 app `{app.name}`", location=app.location, command=command,
            copies=run.copies, cwd=run.cwd, role="web" if re.search(r"web|api|server", app.name, re.I) else "",
            env=dict(app.env), overlaps=[run.overlap] if run.overlap else [],
        ))
    return found
