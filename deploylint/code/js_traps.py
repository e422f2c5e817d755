"""Schedulers (must run once) and the fragile single-instance tricks around bots:
kill-by-name, pid/lock files, and SIGTERM handlers that stop the bot."""
from __future__ import annotations

import re

from ..treesitter import node_text
from .js_bots import Hit
from .js_expr import Callee, arguments, callee_of, object_entries, path_text, string_value, value_of
from .js_module import FUNCTION_TYPES, Module, name_of, strip
from .js_reach import Program, Unit, context, short
from ..patterns import lazy_re

# PM2 sets NODE_APP_INSTANCE (and pm_id) per instance: `=== '0'` runs a job in one of them.
INSTANCE_GUARD = lazy_re(r"NODE_APP_INSTANCE|\bpm_id\b")
KILL = lazy_re(r"(?:^|[\s;&|(`'\"])(?:pkill|killall)\b|\bkill\b[^;&|]*\$\(\s*pgrep|\bpgrep\b[^;&]*\|\s*xargs\s+kill")
EXEC = frozenset({"exec", "execSync", "spawn", "spawnSync", "execFile", "execFileSync",
                  "execa", "execaSync", "execaCommand", "execaCommandSync"})
FS = frozenset({"fs", "fs/promises", "fs-extra", "graceful-fs"})
CREATES = frozenset({"open", "openSync", "writeFile", "writeFileSync", "outputFile", "outputFileSync"})
LOCKERS = frozenset({"proper-lockfile", "lockfile"})
SIGNAL_METHODS = frozenset({"on", "once", "addListener", "prependListener"})
STOPS = lazy_re(r"[\w$.]*\.\s*(?:stop|stopPolling|close|destroy)\s*\([^)]*\)")


def detect(program: Program, unit: Unit, node) -> list[Hit]:
    module = unit.module
    callee = callee_of(module, node)
    if callee is None:
        return []
    found = _scheduler(module, node, callee, unit) or _toad(program, module, node, callee)
    if found is not None:
        found.pm2_once = _guarded(unit, node, program) or _method_returns_unless_guard(module, node, program)
        return [found]  # (still once per platform replica)
    if node.type == "new_expression":
        return []
    for check in (_kill, _lock, _stop_signal):
        hit = check(program, module, node, callee)
        if hit is not None:
            return [hit]
    return []


# -- schedulers ------------------------------------------------------------------------------
def _scheduler(module: Module, node, callee: Callee, unit: Unit | None = None) -> Hit | None:
    args = arguments(node)
    package, name = callee.package, callee.qualified
    if package == "node-cron" and name == "schedule" and node.type == "call_expression":
        options = object_entries(value_of(module, args[2])) if len(args) > 2 else {}
        if options.get("scheduled") is not None and options["scheduled"].type == "false" and not _started(module, node):
            return None
        return _job("node-cron", node, args)
    if package == "@nestjs/schedule" and name in ("Cron", "Interval") and node.parent is not None \
            and node.parent.type == "decorator":  # a method of a provider Nest created (js_nest walks its body)
        what = f"@nestjs/schedule `@{name}({short(args[0], 30) if args else ''})`"
        return Hit("scheduler", what, "scheduler", node, f"`@{name}(...)` runs the method on a schedule in this process")
    if package == "node-schedule" and name == "scheduleJob":
        return _job("node-schedule", node, args)
    if package == "croner" and name in ("Cron", "default"):
        return _croner(module, node, args)
    if callee.method == "start" and node.type == "call_expression" and _bree(module, callee):
        # `bree.start()`: Bree runs every job of `jobs: [...]` on its timer, in worker threads of this process
        return Hit("scheduler", "Bree job scheduler", "scheduler", node, f"`{short(node, 30)}` starts Bree's jobs in this process")
    if package == "cron" and (name == "CronJob" and node.type == "new_expression" or name in ("CronJob.from", "job")):
        options = object_entries(value_of(module, args[0])) if args else {}
        start = args[3] if len(args) > 3 and not options else options.get("start")
        if (start is not None and start.type == "true") or _started(module, node) or _started_by_importer(unit, node):
            return _job("cron", node, args)
    return None


def _started_by_importer(unit: Unit | None, node) -> bool:
    """`module.exports = new CronJob(...)` (or `export default`) in a module whose importer
    starts what it loaded: `const job = require('./jobs/cleanup'); job.start()`."""
    if unit is None or unit.parent is None or unit.site is None or unit.node.type != "program":
        return False
    parent = node.parent
    exported = parent is not None and (
        (parent.type == "assignment_expression" and node_text(parent.child_by_field_name("left")).replace(" ", "")
         in ("module.exports", "exports.default")) or parent.type == "export_statement")
    if not exported:
        return False
    site = unit.site
    if site.type == "import_statement":  # `import purge from './jobs/purge'; purge.start()`
        clause = next((c for c in site.named_children if c.type == "import_clause"), None)
        local = next((c for c in clause.named_children if c.type == "identifier"), None) if clause is not None else None
        if local is None:
            return False
        source = unit.parent.module.source.decode("utf-8", errors="replace")
        return re.search(rf"(?<![\w$.]){re.escape(node_text(local))}\s*\.\s*start\s*\(", source) is not None
    return _started(unit.parent.module, site)


def _bree(module: Module, callee: Callee) -> bool:
    """`bree.start()` / `this.bree.start()` on a `new Bree(...)` of this file, or `new Bree(...).start()`."""
    made = callee.root_node if not callee.names else module.instances.get(callee.names[-1])
    made = strip(made) if made is not None else None
    if made is None or made.type != "new_expression":
        return False
    maker = callee_of(module, made)
    return maker is not None and maker.package == "bree" and maker.qualified in ("default", "Bree")


TOAD_ADD = frozenset({"addSimpleIntervalJob", "addLongIntervalJob", "addIntervalJob", "addCronJob"})
TOAD_PACKAGES = frozenset({"toad-scheduler", "@fastify/schedule", "fastify-schedule"})


def _toad(program: Program, module: Module, node, callee: Callee) -> Hit | None:
    """`scheduler.addSimpleIntervalJob(job)` / `addCronJob(job)` on a toad-scheduler
    `new ToadScheduler()` (or fastify's `fastify.scheduler`, the same scheduler): the job
    runs on a timer inside this process, so in every copy of it."""
    if node.type != "call_expression" or callee.method not in TOAD_ADD:
        return None
    names = callee.names
    instance = program.instance(module, names[-1]) if names else None
    if instance is not None:
        made = callee_of(*instance)
        if made is None or made.package not in TOAD_PACKAGES:
            return None
    elif not any(m.packages & TOAD_PACKAGES for m in program.modules.values()):
        return None
    args = arguments(node)
    what = f"toad-scheduler job `{_toad_job(module, args[0])}`" if args else "toad-scheduler job"
    return Hit("scheduler", what, "scheduler", node,
               f"`{short(node, 40)}` adds a toad-scheduler job that runs on a timer in this process")


def _toad_job(module: Module, job) -> str:
    """A job's name: its `{ id }` option, else the variable holding it, else its class."""
    made = value_of(module, job)
    if made is not None and made.type == "new_expression":
        for option in arguments(made)[2:3]:
            ident = object_entries(value_of(module, option)).get("id")
            if string_value(ident):
                return string_value(ident)
        if job.type != "identifier":
            return name_of(made.child_by_field_name("constructor")) or short(job, 30)
    return short(job, 30)


def _croner(module: Module, node, args) -> Hit | None:
    """`new Cron(pattern, [options], fn)` (croner) runs fn on the schedule; without a
    function it only computes run times, and `{ paused: true }` waits for resume()."""
    rest = [value_of(module, a) for a in args[1:3]]
    if not any(a is not None and (a.type in FUNCTION_TYPES or a.type == "identifier") for a in rest):
        return None
    options = next((a for a in rest if a is not None and a.type == "object"), None)
    paused = object_entries(options).get("paused") if options is not None else None
    if paused is not None and paused.type == "true" and not _started(module, node, "resume"):
        return None
    return _job("croner", node, args)


def _job(library: str, node, args) -> Hit:
    spec = string_value(args[0]) if args else None
    what = f"{library} job `{spec}`" if spec else f"{library} job"
    # the family ("scheduler:path:line") is completed where the file's path is known
    return Hit("scheduler", what, "scheduler", node, f"`{short(node, 30)}` schedules a {library} job in this process")


def _started(module: Module, node, method: str = "start") -> bool:
    """`new CronJob(...).start()`, or `job = new CronJob(...)` then `job.start()`."""
    parent = node.parent
    if parent is not None and parent.type == "member_expression" and name_of(parent.child_by_field_name("property")) == method:
        return True
    holder = parent.child_by_field_name("name") if parent is not None and parent.type == "variable_declarator" else None
    if parent is not None and parent.type == "assignment_expression":
        left = parent.child_by_field_name("left")
        holder = left.child_by_field_name("property") if left.type == "member_expression" else left
    if holder is None or name_of(holder) is None:
        return False
    source = module.source.decode("utf-8", errors="replace")
    return re.search(rf"\b{re.escape(node_text(holder))}\s*\.\s*{method}\s*\(", source) is not None


def _guarded(unit: Unit, node, program: Program | None = None) -> bool:
    """Whether a branch or early return limits the job to one PM2 instance."""
    for module, ancestor, child in context(unit, node):
        if ancestor.type in ("if_statement", "ternary_expression"):
            condition = ancestor.child_by_field_name("condition")
            if child == ancestor.child_by_field_name("consequence") and _is_guard(module, condition, program):
                return True
        elif ancestor.type == "binary_expression" and child == ancestor.child_by_field_name("right"):
            if node_text(ancestor.child_by_field_name("operator")) == "&&" \
                    and _is_guard(module, ancestor.child_by_field_name("left"), program):
                return True
        elif ancestor.type in ("statement_block", "program"):
            if any(_returns_unless_guard(module, s, program) for s in ancestor.named_children if s.end_byte <= child.start_byte):
                return True
    return False


_NAME = lazy_re(r"[A-Za-z_$][\w$]*")


def _is_guard(module: Module, condition, program: Program | None = None) -> bool:
    """A condition on the PM2 instance: written out, through a constant set from it
    (`const isPrimary = !process.env.NODE_APP_INSTANCE || process.env.NODE_APP_INSTANCE === '0'`),
    or through a function or method that returns such a test (`if (this.isPrimary())`,
    `if (isRootClusterAppInstance())` imported from a helper module)."""
    if condition is None:
        return False
    return _text_is_guard(module, node_text(condition), program, 0)


def _text_is_guard(module: Module, text: str, program: Program | None, depth: int) -> bool:
    if INSTANCE_GUARD.search(text) or (program is not None and _renamed_instance(program, text)):
        return True
    if len(text) > 300:
        return False
    if "(" in text and depth <= _GUARD_DEPTH and _calls_a_guard(module, text, program, depth):
        return True
    renamed = sorted(_instance_names(program))
    if not module.mentions(b"NODE_APP_INSTANCE") and not module.mentions(b"pm_id") \
            and not any(module.mentions(r.encode()) for r in renamed):
        return False  # (a substring test in C before any regular expression over the file)
    names = {n for n in _NAME.findall(text) if n not in ("process", "env", "true", "false", "null", "undefined", "this")}
    if not names:
        return False
    source = module.source.decode("utf-8", errors="replace")
    instance = "|".join(["NODE_APP_INSTANCE", r"\bpm_id\b", *(rf"\b{re.escape(r)}\b" for r in renamed)])
    return any(re.search(rf"(?<![\w$.]){re.escape(name)}\s*(?::[^=;\n]*)?=(?!=)[^;\n]*(?:{instance})", source)
               for name in sorted(names)[:8])


def _instance_names(program: Program | None) -> set[str]:
    if program is None:
        return set()
    from ..formats.pm2 import instance_vars

    return set(list(instance_vars(program.repo))[:4])


one_pm2_instance = _guarded  # bots use the same guard (javascript._scan)


def _renamed_instance(program: Program, text: str) -> bool:
    """`process.env.INSTANCE_ID` where a PM2 app of the repository sets `instance_var: 'INSTANCE_ID'`."""
    if "env" not in text:
        return False
    return any(re.search(rf"\benv\s*(?:\.\s*{re.escape(name)}\b|\[\s*['\"`]{re.escape(name)}['\"`])", text)
               for name in sorted(_instance_names(program)))


_CALLED = lazy_re(r"([A-Za-z_$][\w$]*)\s*\(")
_GUARD_DEPTH = 2  # `isRoot()` returns `isDev() || instance() === 0`; `instance()` reads NODE_APP_INSTANCE


def _calls_a_guard(module: Module, text: str, program: Program | None, depth: int) -> bool:
    """Whether `text` calls a function or method (of this module, imported from one of the
    repository's, or a method of a repository class: `this.cronGuard.isPrimaryInstance()`)
    whose returned value is a test of the PM2 instance."""
    for match in list(_CALLED.finditer(text))[:4]:
        name = match.group(1)
        member = text[:match.start()].rstrip().endswith(".")
        for owner, function in _named_functions(module, name, program, member):
            returned = _returned_text(function)
            if returned and _text_is_guard(owner, returned, program, depth + 1):
                return True
    return False


def _named_functions(module: Module, name: str, program: Program | None, member: bool = False) -> list:
    if name in ("require", "Number", "String", "Boolean", "parseInt", "includes", "test", "get"):
        return []
    found = [(module, f) for f in (*module.functions.get(name, ()), *module.methods.get(name, ()))]
    binding = module.imports.get(name)
    if program is not None and binding is not None and binding.relative:
        found += program.functions(program.definition(module, name))
    if not found and member and program is not None:  # a method of another repository class (an injected service)
        found = [(m, f) for m in list(program.modules.values())[:200] for f in m.methods.get(name, ())]
    return [(owner, f) for owner, f in found if f.type in FUNCTION_TYPES][:4]


def _returned_text(function) -> str:
    """The text of what a short function returns (its expression body, or its return
    statements); "" for a long function, which is no mere instance test."""
    body = function.child_by_field_name("body")
    if body is None or body.end_byte - body.start_byte > 600:
        return ""
    if body.type != "statement_block":
        return node_text(body)
    returns = []
    stack = list(body.named_children)
    while stack and len(returns) < 8:
        child = stack.pop()
        if child.type == "return_statement":
            returns.append(node_text(child))
        elif child.type not in FUNCTION_TYPES:
            stack.extend(child.named_children)
    return "\n".join(returns)


def _method_returns_unless_guard(module: Module, node, program: Program | None) -> bool:
    """`@Cron(...)` on a method whose body starts by returning unless this is the first PM2
    instance (`if (!this.cronGuard.isPrimaryInstance()) return;`): the job runs everywhere
    but does its work in one instance."""
    decorator = node.parent
    if decorator is None or decorator.type != "decorator":
        return False
    method = decorator.parent if decorator.parent is not None and decorator.parent.type == "method_definition" else None
    sibling = decorator.next_named_sibling
    while method is None and sibling is not None and sibling.type == "decorator":
        sibling = sibling.next_named_sibling
    method = method or (sibling if sibling is not None and sibling.type == "method_definition" else None)
    body = method.child_by_field_name("body") if method is not None else None
    if body is None:
        return False
    return any(_returns_unless_guard(module, s, program) for s in body.named_children[:3])


def _returns_unless_guard(module: Module, statement, program: Program | None = None) -> bool:
    if statement.type != "if_statement":
        return False
    condition = statement.child_by_field_name("condition")
    body = statement.child_by_field_name("consequence")
    exits = body is not None and (body.type == "return_statement" or any(
        c.type == "return_statement" for c in body.named_children))
    return exits and _is_guard(module, condition, program)


# -- traps -----------------------------------------------------------------------------------
def _kill(program: Program, module: Module, node, callee: Callee) -> Hit | None:
    if callee.method not in EXEC:
        return None
    args = arguments(node)
    if not args:
        return None
    command = string_value(value_of(module, args[0])) or _template(value_of(module, args[0]))
    if command is None:
        return None
    if len(args) > 1 and args[1].type == "array":
        command = " ".join([command, *(string_value(a) or node_text(a) for a in args[1].named_children)])
    if not KILL.search(command):
        return None
    return Hit("kill-by-name", f"kill-by-name `{' '.join(command.split())[:60]}`", "", node,
               f"`{short(node, 50)}` kills other processes by name")


def _template(node) -> str | None:
    return node_text(node)[1:-1] if node is not None and node.type == "template_string" else None


def _lock(program: Program, module: Module, node, callee: Callee) -> Hit | None:
    args = arguments(node)
    if not args:
        return None
    locker = callee.package in LOCKERS and callee.method in ("lock", "lockSync")
    if not locker and callee.method not in CREATES:
        return None
    path = path_text(module, args[0])
    exclusive = callee.package in FS and _exclusive(module, callee.method, args)
    if not (locker or exclusive or (path and path.endswith((".pid", ".lock")))):
        return None
    what = f"lock file {path}" if path else "lock file"
    return Hit("lock-file", what, "", node, f"`{short(node, 50)}` creates {what} as a single-instance guard")


def _exclusive(module: Module, method: str, args) -> bool:
    """An exclusive-create flag ('wx', 'ax'): fails when the file exists."""
    if method.startswith("open"):
        flag = string_value(value_of(module, args[1])) if len(args) > 1 else None
    else:
        options = value_of(module, args[2]) if len(args) > 2 else None
        flag = string_value(object_entries(options).get("flag")) if options is not None else None
    return bool(flag) and "x" in flag


def _stop_signal(program: Program, module: Module, node, callee: Callee) -> Hit | None:
    args = arguments(node)
    if callee.root != "process" or callee.path or callee.method not in SIGNAL_METHODS or len(args) < 2:
        return None
    if string_value(args[0]) != "SIGTERM":
        return None
    handler = args[1]
    if handler.type == "identifier":
        handlers = program.functions(program.definition(module, node_text(handler)))
        handler = handlers[0][1] if handlers else None
    if handler is None or handler.type not in FUNCTION_TYPES:
        return None
    stop = STOPS.search(node_text(handler))
    if stop is None:
        return None
    call = " ".join(stop.group(0).split())
    return Hit("stop-signal", f"SIGTERM handler calls `{call}`", "", node,
               f"`{short(node, 40)}` stops the bot on SIGTERM (`{call}`)")
