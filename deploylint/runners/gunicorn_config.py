"""A gunicorn configuration: the config file (`-c FILE`, `-c python:module`, default
./gunicorn.conf.py) read with `ast` and never run, plus GUNICORN_CMD_ARGS.

gunicorn executes the config file once, in the master, and takes every module-level
name that is a setting (lower case only: `WORKERS = 4` is an ordinary variable that
gunicorn ignores). Functions named after server hooks are called by gunicorn: some in
the master once (`on_starting`, `when_ready`...), some once per worker (`post_fork`,
`post_worker_init`...), `pre_fork` in the master once before each worker is forked.
Precedence (later wins): config file, GUNICORN_CMD_ARGS, command line.
"""
from __future__ import annotations

import ast
from ..record import dataclass, field

from ..model import Copies, Location, StartHook, Step

ASSUMED_CPUS = 2  # for `multiprocessing.cpu_count()` in a gunicorn config
MAX_STATEMENTS = 2000  # module-level statements evaluated per config file
MAX_DEPTH = 40  # expression nesting the evaluator follows

# hook name -> (runs once per worker, where it runs): https://docs.gunicorn.org/en/stable/settings.html#server-hooks
HOOKS: dict[str, tuple[bool, str]] = {
    "on_starting": (False, "in the master, once, before it starts"),
    "on_reload": (False, "in the master, on a reload (SIGHUP)"),
    "when_ready": (False, "in the master, once, when the server is ready"),
    "pre_exec": (False, "in the master, before a new master is exec'd"),
    "nworkers_changed": (False, "in the master, when the worker count changes"),
    "on_exit": (False, "in the master, at exit"),
    "child_exit": (False, "in the master, when a worker exits"),
    "pre_fork": (True, "in the master, once before each worker is forked"),
    "post_fork": (True, "in every worker, just after it is forked"),
    "post_worker_init": (True, "in every worker, after it loads the app"),
    "worker_int": (True, "in every worker that gets SIGINT/SIGQUIT"),
    "worker_abort": (True, "in every worker that gets SIGABRT (timeout)"),
    "worker_exit": (True, "in every worker, as it exits"),
    "pre_request": (True, "in every worker, before each request"),
    "post_request": (True, "in every worker, after each request"),
}

SETTINGS = frozenset({
    "wsgi_app", "bind", "backlog", "workers", "worker_class", "threads", "worker_connections", "max_requests",
    "max_requests_jitter", "timeout", "graceful_timeout", "keepalive", "limit_request_line",
    "limit_request_fields", "limit_request_field_size", "reload", "reload_engine", "reload_extra_files", "spew",
    "check_config", "print_config", "preload_app", "sendfile", "reuse_port", "chdir", "daemon", "raw_env",
    "pidfile", "worker_tmp_dir", "user", "group", "umask", "initgroups", "tmp_upload_dir",
    "secure_scheme_headers", "forwarded_allow_ips", "accesslog", "disable_redirect_access_to_syslog",
    "access_log_format", "errorlog", "loglevel", "capture_output", "logger_class", "logconfig",
    "logconfig_dict", "logconfig_json", "syslog_addr", "syslog", "syslog_prefix", "syslog_facility",
    "enable_stdio_inheritance", "statsd_host", "dogstatsd_tags", "statsd_prefix", "proc_name",
    "default_proc_name", "pythonpath", "paste", "proxy_protocol", "proxy_allow_ips", "keyfile", "certfile",
    "ssl_version", "cert_reqs", "ca_certs", "suppress_ragged_eofs", "do_handshake_on_connect", "ciphers",
    "raw_paste_global_conf", "strip_header_spaces", "permit_unconventional_http_method",
    "permit_unconventional_http_version", "casefold_http_method", "header_map", "ssl_context", *HOOKS,
})


class _Unknown:
    def __repr__(self) -> str:
        return "UNKNOWN"


UNKNOWN = _Unknown()


@dataclass
class Setting:
    value: object  # a Python value, or UNKNOWN
    location: Location
    source: str  # the expression as written
    assumed: bool = False  # depends on an assumed CPU count or an environment default
    cpus: bool = False


@dataclass
class GunicornConfig:
    path: str
    settings: dict[str, Setting] = field(default_factory=dict)
    hooks: dict[str, tuple[Location, str]] = field(default_factory=dict)  # hook -> (its line, function name)
    imported: dict[str, tuple[Location, str, str]] = field(default_factory=dict)  # hook -> (line, file, function)

    def hook_starts(self) -> tuple[StartHook, ...]:
        """The config module body (master, once) and each server hook, as start points."""
        starts = [StartHook(self.path, "", False, Step(Location(self.path, 1, 1),
                                                       f"gunicorn executes {self.path} once in the master"),
                            f"in gunicorn config {self.path}, which runs once in the master")]
        defined = [(name, location, self.path, function) for name, (location, function) in self.hooks.items()]
        defined += [(name, location, path, function) for name, (location, path, function) in self.imported.items()]
        for name, location, path, function in defined:
            per_worker, when = HOOKS[name]
            starts.append(StartHook(path, function, per_worker, Step(location, f"gunicorn calls `{name}()` {when}"),
                                    f"in gunicorn's `{name}` hook ({when})"))
        return tuple(starts)

    def workers(self) -> Copies | None:
        setting = self.settings.get("workers")
        if setting is None or setting.value is UNKNOWN:
            return None
        try:
            count = max(int(setting.value), 1)  # type: ignore[call-overload]
        except (TypeError, ValueError, OverflowError):
            return None
        cpus = f" (= {count} with {ASSUMED_CPUS} CPUs assumed)" if setting.cpus else ""
        return Copies(count, f"gunicorn config `workers = {setting.source}`{cpus}", setting.location,
                      assumed=setting.assumed)

    def flag(self, name: str) -> bool | None:
        setting = self.settings.get(name)
        if setting is None or setting.value is UNKNOWN:
            return None
        return bool(setting.value)

    def text(self, name: str) -> str | None:
        setting = self.settings.get(name)
        return setting.value if setting is not None and isinstance(setting.value, str) else None


def read(repo, path: str, env: dict[str, str]) -> GunicornConfig | None:
    """The config at `path` evaluated against `env`; problems are reported on the repo
    (DPL001 invalid Python, DPL002 upper-case settings, DPL004 unknowable workers)."""
    tree = repo.memo(("gunicorn-config-tree", path), lambda: _parse(repo, path))
    if tree is None:
        return None
    config = GunicornConfig(path)
    reader = _Reader(config, env, repo)
    reader.block(tree.body, [0])
    reader.report_ignored()
    return config


def _parse(repo, path: str):
    text = repo.read_text(path)
    if text is None:
        return None
    from ..safe import TooDeep, parse_python, report_too_deep

    try:
        return parse_python(text, path)
    except TooDeep as error:
        report_too_deep(repo, path, error, "gunicorn config")
    except SyntaxError as error:
        repo.problem("DPL001", Location(path, error.lineno or 1, error.offset or 1),
                     f"invalid Python in gunicorn config: {error.msg}", "fix the syntax error")
    except ValueError as error:
        repo.problem("DPL001", Location(path, 1, 1), f"invalid Python in gunicorn config: {error}", "fix the file")
    return None


class _Reader:
    def __init__(self, config: GunicornConfig, env: dict[str, str], repo):
        self.config = config
        self.env = env
        self.repo = repo
        self.names: dict[str, object] = {}
        self.functions: set[str] = set()
        self.flags: set[str] = set()  # "cpus", "assumed" seen while evaluating one expression
        self.ignored: dict[str, Location] = {}  # upper-case setting names

    def where(self, node: ast.AST) -> Location:
        return Location(self.config.path, getattr(node, "lineno", 1), getattr(node, "col_offset", 0) + 1,
                        getattr(node, "end_lineno", 0) or 0, (getattr(node, "end_col_offset", 0) or 0) + 1)

    def block(self, body: list[ast.stmt], budget: list[int]) -> None:
        for stmt in body:
            budget[0] += 1
            if budget[0] > MAX_STATEMENTS:
                return
            if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef)):
                self.functions.add(stmt.name)
                self.bind(stmt.name, UNKNOWN, stmt, "", function=True)
            elif isinstance(stmt, ast.Assign):
                for target in stmt.targets:
                    if isinstance(target, ast.Name):
                        self.assign(target.id, stmt.value, stmt)
            elif isinstance(stmt, ast.AnnAssign) and isinstance(stmt.target, ast.Name) and stmt.value is not None:
                self.assign(stmt.target.id, stmt.value, stmt)
            elif isinstance(stmt, ast.If):
                test = self.evaluate(stmt.test)
                if test is UNKNOWN:
                    self.branches(stmt, budget)
                else:
                    self.block(stmt.body if test else stmt.orelse, budget)
            elif isinstance(stmt, ast.Try):
                self.block(stmt.body, budget)
                self.block(stmt.orelse, budget)
                self.block(stmt.finalbody, budget)
            elif isinstance(stmt, (ast.Import, ast.ImportFrom)):
                for alias in stmt.names:
                    self.names[(alias.asname or alias.name).split(".")[0]] = UNKNOWN
                    if isinstance(stmt, ast.ImportFrom) and (alias.asname or alias.name) in HOOKS:
                        self.imported_hook(stmt, alias)

    def branches(self, stmt: ast.If, budget: list[int]) -> None:
        """An if whose test is unknown: a name both branches set to one value keeps it;
        otherwise its value is unknown (hooks defined in either branch count)."""
        before = dict(self.names)
        self.block(stmt.body, budget)
        after_body, self.names = self.names, dict(before)
        self.block(stmt.orelse, budget)
        for name in set(after_body) | set(self.names):
            if after_body.get(name, UNKNOWN) != self.names.get(name, UNKNOWN):
                self.names[name] = UNKNOWN
                if name in self.config.settings:
                    self.config.settings[name].value = UNKNOWN

    def assign(self, name: str, value: ast.expr, stmt: ast.stmt) -> None:
        self.flags = set()
        result = self.evaluate(value)
        if isinstance(value, ast.Name) and value.id in self.functions and name in HOOKS:
            self.bind(name, UNKNOWN, stmt, "", function=True, alias=value.id)
            return
        self.bind(name, result, stmt, _source(value))

    def bind(self, name: str, value: object, stmt: ast.stmt, source: str, function: bool = False,
             alias: str = "") -> None:
        self.names[name] = value
        lower = name.lower()
        if name != lower and lower in SETTINGS:
            self.ignored.setdefault(name, self.where(stmt))
            return
        if name in HOOKS and function:
            self.config.hooks[name] = (self.where(stmt), alias or name)
            return
        if name in SETTINGS:
            self.config.settings[name] = Setting(value, self.where(stmt), source,
                                                 assumed=bool(self.flags & {"cpus", "assumed"}),
                                                 cpus="cpus" in self.flags)

    def imported_hook(self, stmt: ast.ImportFrom, alias: ast.alias) -> None:
        """`from deploy.hooks import post_fork`: the hook is a function of a repository module."""
        import posixpath

        from ..repo import join

        parts = (stmt.module or "").split(".") if stmt.module else []
        base = posixpath.dirname(self.config.path)
        bases = [base] if not stmt.level else [posixpath.normpath(join(base, "/".join([".."] * (stmt.level - 1)) or "."))]
        bases += [""] if not stmt.level else []
        for directory in dict.fromkeys(bases):
            stem = join(directory, "/".join(parts)) if parts else directory
            for candidate in (f"{stem}.py", join(stem, "__init__.py")):
                if self.repo.exists(candidate):
                    self.config.imported[alias.asname or alias.name] = (self.where(stmt), candidate, alias.name)
                    return

    def report_ignored(self) -> None:
        """`PRELOAD_APP = True` with no `preload_app` anywhere: gunicorn never sees it."""
        for name, location in self.ignored.items():
            lower = name.lower()
            if lower in self.names:
                continue  # `bind = BIND`: an upper-case constant that feeds the setting
            what = "server hook" if lower in HOOKS else "setting"
            self.repo.problem(
                "DPL002", location,
                f"gunicorn ignores `{name}` in {self.config.path}: {what} names are lower-case only, so "
                f"`{lower}` keeps its default",
                f"rename it to `{lower}`")

    # -- a tiny evaluator: constants, arithmetic, cpu_count(), environment reads --------------
    def evaluate(self, node: ast.AST, depth: int = 0) -> object:
        if depth > MAX_DEPTH:
            return UNKNOWN
        try:
            return self._evaluate(node, depth + 1)
        except (TypeError, ValueError, ZeroDivisionError, OverflowError, AttributeError, RecursionError):
            return UNKNOWN

    def _evaluate(self, node: ast.AST, depth: int) -> object:
        if isinstance(node, ast.Constant):
            if isinstance(node.value, (int, float)) and abs(node.value) > 10**6:
                return UNKNOWN
            return node.value
        if isinstance(node, ast.Name):
            return self.names.get(node.id, UNKNOWN)
        if isinstance(node, ast.BinOp):
            left, right = self.evaluate(node.left, depth), self.evaluate(node.right, depth)
            if left is UNKNOWN or right is UNKNOWN:
                return UNKNOWN
            if isinstance(left, str) or isinstance(right, str):
                return left + right if isinstance(node.op, ast.Add) and isinstance(left, str) and isinstance(right, str) \
                    and len(left) + len(right) < 1000 else UNKNOWN
            operations = {ast.Add: lambda a, b: a + b, ast.Sub: lambda a, b: a - b, ast.Mult: lambda a, b: a * b,
                          ast.FloorDiv: lambda a, b: a // b, ast.Div: lambda a, b: a / b, ast.Mod: lambda a, b: a % b}
            operation = operations.get(type(node.op))
            result = operation(left, right) if operation else UNKNOWN
            return result if result is UNKNOWN or abs(result) <= 10**6 else UNKNOWN  # type: ignore[arg-type]
        if isinstance(node, ast.UnaryOp):
            operand = self.evaluate(node.operand, depth)
            if operand is UNKNOWN:
                return UNKNOWN
            if isinstance(node.op, ast.Not):
                return not operand
            return -operand if isinstance(node.op, ast.USub) else operand  # type: ignore[operator]
        if isinstance(node, ast.BoolOp):
            values = [self.evaluate(v, depth) for v in node.values]
            result: object = values[0]
            for value in values[1:]:
                if result is UNKNOWN:
                    return UNKNOWN
                if isinstance(node.op, ast.Or):
                    result = result or value
                else:
                    result = result and value
            return result
        if isinstance(node, ast.Compare) and len(node.ops) == 1:
            left, right = self.evaluate(node.left, depth), self.evaluate(node.comparators[0], depth)
            if left is UNKNOWN or right is UNKNOWN:
                return UNKNOWN
            compare = {ast.Eq: lambda a, b: a == b, ast.NotEq: lambda a, b: a != b, ast.Lt: lambda a, b: a < b,
                       ast.Gt: lambda a, b: a > b, ast.LtE: lambda a, b: a <= b, ast.GtE: lambda a, b: a >= b,
                       ast.In: lambda a, b: a in b, ast.NotIn: lambda a, b: a not in b}.get(type(node.ops[0]))
            return compare(left, right) if compare else UNKNOWN
        if isinstance(node, ast.IfExp):
            test = self.evaluate(node.test, depth)
            if test is UNKNOWN:
                return UNKNOWN
            return self.evaluate(node.body if test else node.orelse, depth)
        if isinstance(node, (ast.Tuple, ast.List)):
            items = [self.evaluate(e, depth) for e in node.elts[:100]]
            return UNKNOWN if UNKNOWN in items else tuple(items)
        if isinstance(node, ast.Subscript):
            return self._environment(node)
        if isinstance(node, ast.Call):
            return self._call(node, depth)
        return UNKNOWN

    def _environment(self, node: ast.Subscript) -> object:
        """`os.environ["X"]`: the deployment's value, else unknown."""
        if not _source(node.value).endswith("environ") or not isinstance(node.slice, ast.Constant):
            return UNKNOWN
        key = node.slice.value
        return self.env[key] if isinstance(key, str) and key in self.env else UNKNOWN

    def _call(self, node: ast.Call, depth: int) -> object:
        name = _source(node.func)
        if name.endswith("cpu_count"):
            self.flags.add("cpus")
            return ASSUMED_CPUS
        if name.endswith(("getenv", "environ.get")) and node.args and isinstance(node.args[0], ast.Constant):
            key = node.args[0].value
            if isinstance(key, str) and key in self.env:
                return self.env[key]
            self.flags.add("assumed")
            default = node.args[1] if len(node.args) > 1 else next(
                (k.value for k in node.keywords if k.arg == "default"), None)
            return self.evaluate(default, depth) if default is not None else None
        args = [self.evaluate(a, depth) for a in node.args[:4]]
        if UNKNOWN in args:
            return UNKNOWN
        if name in ("int", "float", "str", "bool") and len(args) == 1:
            value = args[0]
            if isinstance(value, str) and len(value) > 30:
                return UNKNOWN
            return {"int": int, "float": float, "str": str, "bool": bool}[name](value)  # type: ignore[operator]
        if name in ("max", "min") and args:
            values = args[0] if len(args) == 1 and isinstance(args[0], tuple) else args
            return (max if name == "max" else min)(values)  # type: ignore[type-var]
        if isinstance(node.func, ast.Attribute) and node.func.attr in ("lower", "upper", "strip") and not node.args:
            value = self.evaluate(node.func.value, depth)
            return getattr(value, node.func.attr)() if isinstance(value, str) else UNKNOWN
        return UNKNOWN


def _source(node: ast.AST) -> str:
    try:
        text = ast.unparse(node)
    except (ValueError, RecursionError, AttributeError):
        return "..."
    return text if len(text) <= 80 else text[:79] + "…"
