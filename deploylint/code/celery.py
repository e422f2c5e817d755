"""What a `celery` process runs: Celery beat (`celery beat`, `worker -B`), the app
module's import-time code (every celery process imports it), and for a worker the task
modules it imports (`Celery(include=[...])`, `imports`, `autodiscover_tasks()`, task
modules beside the app) and the task bodies, which run in whichever worker child executes
the task. A task that starts a singleton is reported with its schedule (`beat_schedule`,
`add_periodic_task`, `@periodic_task`) in the trace.

Read with `ast` only; the Python walker (code/python.py) follows what each start point
calls.
"""
from __future__ import annotations

import ast
import posixpath
import re
from ..record import dataclass, replace

from ..model import Evidence, Location, Process, StartHook, Step
from ..repo import Repo, join
from ..patterns import lazy_re
from .python_locate import package_parent

MAX_TASK_FILES = 200
TASK_DECORATORS = ("task", "shared_task", "periodic_task")
_TASK_DECORATOR = lazy_re(r"@\s*[\w.]*\b(shared_task|task|periodic_task)\b")
_SCHEDULE_KEYS = ("beat_schedule", "CELERY_BEAT_SCHEDULE", "CELERYBEAT_SCHEDULE")
_IMPORT_KEYS = ("imports", "include", "CELERY_IMPORTS", "CELERY_INCLUDE")
# Celery signals whose receivers run once in every pool child vs once in the worker
_PER_CHILD_SIGNALS = ("worker_process_init",)
_ONCE_SIGNALS = ("worker_init", "worker_ready", "celeryd_init", "celeryd_after_setup", "beat_init",
                 "on_after_configure", "on_after_finalize", "import_modules")


def scan(repo: Repo, process: Process) -> list[Evidence]:
    found = beat(process)
    if found and not found[0].leader and process.entry:
        leader = configured_redbeat(repo, process.entry, process.cwd)
        found = [replace(e, leader=leader) for e in found] if leader else found
    command = subcommand(process.argv)
    if process.entry and command in ("worker", "beat", "flower", "events", ""):
        found.extend(_app_code(repo, process, command))
    return found


def subcommand(argv: tuple[str, ...]) -> str:
    from ..runners.celery import _VALUED

    skip = False
    for arg in argv[1:]:
        if skip:
            skip = False
            continue
        if arg in _VALUED:
            skip = True
        elif not arg.startswith("-"):
            return arg
    return ""


def beat(process: Process) -> list[Evidence]:
    """`celery ... beat` and `celery ... worker -B/--beat` run the periodic-task scheduler."""
    args = process.argv[1:]
    embedded = "worker" in args and any(a in ("-B", "--beat") or (a.startswith("-") and not a.startswith("--") and "B" in a) for a in args)
    if "beat" not in args and not embedded:
        return []
    how = "`worker -B` embeds Celery beat" if embedded else "`celery beat` runs the periodic-task scheduler"
    return [Evidence("beat", "Celery beat", process.location, trace=(Step(process.location, how),),
                     family="celery-beat", leader=_redbeat(args))]


def _redbeat(args: tuple[str, ...]) -> str:
    """RedBeat (`-S redbeat.RedBeatScheduler`) takes a Redis lock before it sends anything:
    further beats wait for it (its docs: "a distributed lock to prevent multiple instances")."""
    for index, arg in enumerate(args[:64]):
        value = args[index + 1] if arg in ("-S", "--scheduler") and index + 1 < len(args) else (
            arg.split("=", 1)[1] if arg.startswith("--scheduler=") else arg[2:] if arg.startswith("-S") else "")
        if value.startswith("redbeat."):
            return f"RedBeat's Redis lock (`{value}`)"
    return ""


_SCHEDULER_KEYS = ("beat_scheduler", "CELERY_BEAT_SCHEDULER", "CELERYBEAT_SCHEDULER")
_SETTINGS = lazy_re(r"""DJANGO_SETTINGS_MODULE["']\s*,\s*["']([\w.]+)["']""")


def configured_redbeat(repo: Repo, app_path: str, cwd: str) -> str:
    """RedBeat chosen in the Celery configuration rather than on the command line:
    `app.conf.beat_scheduler = "redbeat.RedBeatScheduler"`, the same key in the module
    `config_from_object("celeryconfig")` names, or `CELERY_BEAT_SCHEDULER` in the Django
    settings `config_from_object("django.conf:settings", namespace="CELERY")` reads (and the
    modules those star-import). `redbeat_redis_url` alone does not choose RedBeat."""
    tree = _parse(repo, app_path)
    if tree is None:
        return ""
    bases = [cwd, package_parent(repo, posixpath.dirname(app_path)), ""]
    paths = [app_path]
    text = repo.read_text(app_path) or ""
    for node in _nodes(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "config_from_object":
            for name in _strings(node.args[0] if node.args else None):
                if name.startswith("django.conf"):
                    match = _SETTINGS.search(text)
                    name = match.group(1) if match else ""
                path = _module_path(repo, name.split(":")[0], bases) if name else None
                if path:
                    paths.append(path)
    for path in list(dict.fromkeys(paths))[:8]:
        for candidate in [path, *_star_imports(repo, path, bases)]:
            found = _scheduler_setting(repo, candidate)
            if found:
                return found
    return ""


def _star_imports(repo: Repo, path: str, bases: list[str]) -> list[str]:
    """`from .base import *` in a settings module: the modules it pulls in (one level)."""
    tree = _parse(repo, path)
    package = posixpath.splitext(path)[0].removesuffix("/__init__").replace("/", ".")
    package = package if path.endswith("__init__.py") else package.rpartition(".")[0]
    found = []
    for stmt in tree.body if tree is not None else ():
        if isinstance(stmt, ast.ImportFrom) and any(a.name == "*" for a in stmt.names):
            parts = package.split(".") if package else []
            base = parts[:len(parts) - stmt.level + 1] if stmt.level else []
            dotted = ".".join([*base, stmt.module] if stmt.module else base) if stmt.level else stmt.module or ""
            module = _module_path(repo, dotted, ["", *bases]) if dotted else None
            if module:
                found.append(module)
    return found[:8]


def _scheduler_setting(repo: Repo, path: str) -> str:
    tree = _parse(repo, path)
    if tree is None:
        return ""
    for value, node in _assigned(tree, _SCHEDULER_KEYS):
        texts = _strings(value)
        if isinstance(value, (ast.Name, ast.Attribute)) and _short(value).endswith("RedBeatScheduler"):
            texts = [_short(value)]  # `beat_scheduler = RedBeatScheduler`, the class imported from redbeat
        for text in texts:
            if text.startswith("redbeat.") or text.endswith("RedBeatScheduler"):
                return f"RedBeat's Redis lock (`{text}` in {path}:{getattr(node, 'lineno', 0)})"
    return ""


# -- the app module and its tasks --------------------------------------------------------------
@dataclass(frozen=True)
class Task:
    path: str
    function: str  # qualified name in its module
    name: str  # the task name as Celery registers it
    location: Location
    schedule: str = ""  # "every 60.0 (beat_schedule `poll`, proj/celery.py:12)"


def _app_code(repo: Repo, process: Process, command: str) -> list[Evidence]:
    from .python import scan as python_scan

    app_path = process.entry or ""
    hooks: list[StartHook] = []
    app_step = Step(process.location, f"celery imports the app module {app_path}")
    if command == "worker":
        modules = task_modules(repo, app_path, process.cwd)
        schedules = _schedules(repo, [app_path, *modules])
        for path in modules:
            if path != app_path:
                hooks.append(StartHook(path, "", False, Step(process.location, f"the celery worker imports task module {path}"),
                                       f"when the celery worker imports {path}"))
        paths = list(dict.fromkeys([app_path, *modules]))
        for path in paths:
            for task in tasks_of(repo, path, schedules):
                scheduled = f"; scheduled {task.schedule}" if task.schedule else ""
                from .celery_queued import queued_once

                once = queued_once(repo, paths, task, _ONCE_SIGNALS)
                if once:  # `worker_ready` queues it once per worker start: one run, in one child
                    hooks.append(StartHook(
                        task.path, task.function, False,
                        Step(task.location, f"Celery task `{task.name}` runs once per worker start: "
                                            f"signal receiver {once} queues it"),
                        f"when Celery task `{task.name}` runs (queued once per worker start by {once})"))
                    continue
                hooks.append(StartHook(
                    task.path, task.function, True,
                    Step(task.location, f"Celery task `{task.name}` runs in whichever worker child executes it{scheduled}"),
                    f"when Celery task `{task.name}` runs ({'scheduled ' + task.schedule if task.schedule else 'each time it is called'})"))
            hooks.extend(_signal_receivers(repo, path))
    module = posixpath.splitext(app_path)[0].replace("/", ".").removesuffix(".__init__")
    scanned = Process(argv=(process.argv[0], module), location=process.location, kind="python-app", entry=app_path,
                      server="celery", preload=True, cwd=process.cwd, language="python", hooks=tuple(hooks))
    found = []
    for evidence in python_scan(repo, scanned):
        hook = next((h for h in hooks if h.step in evidence.trace), None)
        if hook is None:
            found.append(replace(evidence, trace=(app_step, *evidence.trace)))
        else:
            found.append(replace(evidence, context=evidence.context or hook.context))
    return found


def _parse(repo: Repo, path: str) -> ast.Module | None:
    def parse():
        text = repo.read_text(path)
        if text is None:
            return None
        from ..safe import LimitExceeded, parse_python

        try:
            return parse_python(text, path)
        except (SyntaxError, ValueError, LimitExceeded):
            return None  # the Python walker reports it (DPL001)

    return repo.memo(("celery-ast", path), parse)


def _nodes(tree: ast.Module) -> list[ast.AST]:
    """Every node of a module _parse read, listed once (the readers here each go over them
    all: a module of 5,000 signal receivers was walked node by node six times)."""
    nodes = tree.__dict__.get("_deploylint_nodes")
    if nodes is None:
        nodes = tree.__dict__["_deploylint_nodes"] = list(ast.walk(tree))
    return nodes


def _strings(node: ast.AST | None) -> list[str]:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value]
    if isinstance(node, (ast.List, ast.Tuple, ast.Set)):
        return [e.value for e in node.elts[:200] if isinstance(e, ast.Constant) and isinstance(e.value, str)]
    return []


def _assigned(tree: ast.Module, keys: tuple[str, ...]):
    """(value, node) of `key = ...`, `x.conf.key = ...`, `conf.update(key=...)`, `Celery(key=...)`."""
    for node in _nodes(tree):
        if isinstance(node, (ast.Assign, ast.AnnAssign)) and node.value is not None:
            for target in node.targets if isinstance(node, ast.Assign) else [node.target]:
                name = target.id if isinstance(target, ast.Name) else target.attr if isinstance(target, ast.Attribute) else ""
                if name in keys:
                    yield node.value, node
        elif isinstance(node, ast.Call):
            for keyword in node.keywords:
                if keyword.arg in keys:
                    yield keyword.value, node


def _module_path(repo: Repo, dotted: str, bases: list[str]) -> str | None:
    parts = dotted.split(".")
    if not all(re.fullmatch(r"[A-Za-z_]\w*", p) for p in parts):
        return None
    for base in dict.fromkeys(bases):
        stem = join(base, "/".join(parts))
        for candidate in (f"{stem}.py", f"{stem}/__init__.py"):
            if repo.exists(candidate):
                return candidate
    return None


def task_modules(repo: Repo, app_path: str, cwd: str) -> list[str]:
    """The modules a worker imports besides the app module, in a stable order."""
    tree = _parse(repo, app_path)
    if tree is None:
        return []
    directory = posixpath.dirname(app_path)
    bases = [cwd, package_parent(repo, directory), ""]
    found: list[str] = []
    for value, _ in _assigned(tree, _IMPORT_KEYS):
        for dotted in _strings(value):
            path = _module_path(repo, dotted, bases)
            if path:
                found.append(path)
    for node in _nodes(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "autodiscover_tasks":
            found.extend(_autodiscovered(repo, node, bases, cwd))
    siblings = [p for p in repo.files if p.endswith(".py") and posixpath.dirname(p) == directory]
    for path in siblings[:MAX_TASK_FILES]:
        if path == app_path:
            continue
        text = repo.read_text(path) or ""
        if _TASK_DECORATOR.search(text):
            found.append(path)  # a task module beside the app
    return list(dict.fromkeys(p for p in found if p != app_path))[:MAX_TASK_FILES]


def _autodiscovered(repo: Repo, call: ast.Call, bases: list[str], cwd: str) -> list[str]:
    related = next((k.value.value for k in call.keywords if k.arg == "related_name"
                    and isinstance(k.value, ast.Constant) and isinstance(k.value.value, str)), "tasks")
    packages = _strings(call.args[0]) if call.args else []
    if packages:
        return [p for p in (_module_path(repo, f"{pkg}.{related}", bases) for pkg in packages) if p]
    # no list (Django: the installed apps): every `<package>/tasks.py` of the project
    found = []
    for path in repo.with_name(f"{related}.py"):
        if (not cwd or path.startswith(cwd + "/")) and "/tests/" not in f"/{path}" and \
                repo.exists(join(posixpath.dirname(path), "__init__.py")):
            found.append(path)
        if len(found) >= MAX_TASK_FILES:
            break
    return sorted(found)


def _decorator_word(decorator: ast.expr) -> tuple[str, ast.Call | None]:
    call = decorator if isinstance(decorator, ast.Call) else None
    func = decorator.func if isinstance(decorator, ast.Call) else decorator
    word = func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""
    return word, call


def tasks_of(repo: Repo, path: str, schedules: dict[str, str]) -> list[Task]:
    tree = _parse(repo, path)
    if tree is None:
        return []
    module = posixpath.splitext(path)[0].replace("/", ".").removesuffix(".__init__")
    found = []
    for node in tree.body:
        if not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            continue
        for decorator in node.decorator_list:
            word, call = _decorator_word(decorator)
            if word not in TASK_DECORATORS:
                continue
            explicit = next((k.value.value for k in (call.keywords if call else []) if k.arg == "name"
                             and isinstance(k.value, ast.Constant) and isinstance(k.value.value, str)), None)
            name = explicit or f"{module}.{node.name}"
            schedule = schedules.get(name) or schedules.get(node.name, "")
            if word == "periodic_task" and call is not None:
                every = next((k.value for k in call.keywords if k.arg == "run_every"), None)
                schedule = schedule or (f"by `@periodic_task(run_every={_short(every)})` ({path}:{decorator.lineno})"
                                        if every is not None else "")
            found.append(Task(path, node.name, name, Location(path, node.lineno, node.col_offset + 1), schedule))
            break
    return found


def _schedules(repo: Repo, paths: list[str]) -> dict[str, str]:
    """Task name (full and last component) -> how it is scheduled."""
    found: dict[str, str] = {}
    for path in paths:
        tree = _parse(repo, path)
        if tree is None:
            continue
        for value, node in _assigned(tree, _SCHEDULE_KEYS):
            if not isinstance(value, ast.Dict):
                continue
            for key, entry in zip(value.keys[:200], value.values[:200]):
                if not isinstance(entry, ast.Dict):
                    continue
                fields = {k.value: v for k, v in zip(entry.keys, entry.values) if isinstance(k, ast.Constant)}
                task = _strings(fields.get("task"))
                if not task:
                    continue
                label = key.value if isinstance(key, ast.Constant) else "?"
                text = (f"every `{_short(fields['schedule'])}` " if "schedule" in fields else "") + \
                       f"by beat_schedule `{label}` ({path}:{getattr(entry, 'lineno', node.lineno)})"
                found.setdefault(task[0], text)
                found.setdefault(task[0].rsplit(".", 1)[-1], text)
        for call in _nodes(tree):
            if isinstance(call, ast.Call) and isinstance(call.func, ast.Attribute) and \
                    call.func.attr == "add_periodic_task" and len(call.args) >= 2:
                signature = call.args[1]
                target = signature.func.value if isinstance(signature, ast.Call) and isinstance(signature.func, ast.Attribute) else None
                name = target.attr if isinstance(target, ast.Attribute) else target.id if isinstance(target, ast.Name) else None
                if name:
                    found.setdefault(name, f"every `{_short(call.args[0])}` by `add_periodic_task` ({path}:{call.lineno})")
    return found


def _signal_receivers(repo: Repo, path: str) -> list[StartHook]:
    """`@worker_process_init.connect` runs in every worker child; `@worker_ready.connect`,
    `@app.on_after_configure.connect`... once in the worker."""
    tree = _parse(repo, path)
    hooks = []
    for node in tree.body if tree is not None else []:
        if not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            continue
        for decorator in node.decorator_list:
            func = decorator.func if isinstance(decorator, ast.Call) else decorator
            if not (isinstance(func, ast.Attribute) and func.attr == "connect"):
                continue
            signal = func.value.attr if isinstance(func.value, ast.Attribute) else getattr(func.value, "id", "")
            if signal in _PER_CHILD_SIGNALS or signal in _ONCE_SIGNALS:
                per_child = signal in _PER_CHILD_SIGNALS
                where = "in every worker child" if per_child else "once in the worker"
                hooks.append(StartHook(path, node.name, per_child,
                                       Step(Location(path, node.lineno, node.col_offset + 1),
                                            f"Celery's `{signal}` signal calls `{node.name}()` {where}"),
                                       f"in Celery's `{signal}` signal receiver ({where})"))
                break
    return hooks


def _short(node: ast.AST, limit: int = 40) -> str:
    try:
        text = " ".join(ast.unparse(node).split())
    except (ValueError, RecursionError, AttributeError):
        return "..."
    return text if len(text) <= limit else text[: limit - 1] + "…"
