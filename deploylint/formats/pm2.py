"""PM2 ecosystem files: `apps[]` from ecosystem.config.{js,cjs,mjs}, JSON and YAML.

JavaScript configs are read with tree-sitter and the shared static evaluator (code/js_eval): objects,
arrays, strings, numbers, consts, spreads, `__dirname` paths. Anything else (a call,
`process.env.X`) becomes `Unknown(text)` and is reported where it matters; the file is
never run. This module finds the files and reads their apps; formats/pm2_load reads a
file into located values, formats/pm2_run works out how PM2 runs an app (PM2 semantics,
https://pm2.keymetrics.io/docs/usage/application-declaration/: `instances`, cluster
mode, `pm2 reload` overlap).
"""
from __future__ import annotations

import posixpath
import re
from ..record import dataclass, field

from ..model import Command, Launch, Location, Target
from ..repo import Repo

from ..code.js_static import Arr, Obj, Unknown
from .names import PM2_DATA_CONFIG as DATA_CONFIG
from .names import is_pm2_candidate as is_candidate
from .pm2_load import _item_at, _load_js, _load_json, _load_yaml, _named_ecosystem, _short, _where, locate
from .pm2_load import _for_schema
from ..patterns import lazy_re
from .pm2_run import Run, _words, app_argv, run_of  # noqa: F401 (Run, app_argv: used by runners and tests)


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


# -- which files ----------------------------------------------------------------------
# an `apps` key (`apps:`, `"apps": [`, `{apps: [`), not the word: `apiVersion: apps/v1` is Kubernetes'
_APPS_KEY = lazy_re(r"(?m)(?:^[ \t]*|[{,][ \t]*)[\"']?apps[\"']?[ \t]*:", needs=("apps",))
def targets(repo: Repo) -> list[Target]:
    found = []
    for path in repo.files:
        if not is_candidate(path):
            continue
        if not _named_ecosystem(path) and not _APPS_KEY.search(repo.read_text(path) or ""):
            continue  # a webpack/jest config, some process-*.json, a Kubernetes `deployment-processor.yaml`
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


def _tuple(words) -> tuple[str, ...]:
    return words if isinstance(words, tuple) else ()


def _text(value) -> str | None:
    return value if isinstance(value, str) and value else None


def _env_text(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return "" if value is None else str(value)


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
