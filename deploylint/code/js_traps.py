"""Schedulers (must run once) and the fragile single-instance tricks around bots:
kill-by-name, pid/lock files, and SIGTERM handlers that stop the bot."""
from __future__ import annotations

import re

from ..treesitter import node_text
from .js_bots import Hit
from .js_expr import Callee, arguments, callee_of, object_entries, path_text, string_value, value_of
from .js_module import FUNCTION_TYPES, Module, name_of
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
    found = _scheduler(module, node, callee)
    if found is not None:
        found.pm2_once = _guarded(unit, node)  # still once per platform replica
        return [found]
    if node.type == "new_expression":
        return []
    for check in (_kill, _lock, _stop_signal):
        hit = check(program, module, node, callee)
        if hit is not None:
            return [hit]
    return []


# -- schedulers ------------------------------------------------------------------------------
def _scheduler(module: Module, node, callee: Callee) -> Hit | None:
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
    if package == "cron" and (name == "CronJob" and node.type == "new_expression" or name in ("CronJob.from", "job")):
        options = object_entries(value_of(module, args[0])) if args else {}
        start = args[3] if len(args) > 3 and not options else options.get("start")
        if (start is not None and start.type == "true") or _started(module, node):
            return _job("cron", node, args)
    return None


def _job(library: str, node, args) -> Hit:
    spec = string_value(args[0]) if args else None
    what = f"{library} job `{spec}`" if spec else f"{library} job"
    # the family ("scheduler:path:line") is completed where the file's path is known
    return Hit("scheduler", what, "scheduler", node, f"`{short(node, 30)}` schedules a {library} job in this process")


def _started(module: Module, node) -> bool:
    """`new CronJob(...).start()`, or `job = new CronJob(...)` then `job.start()`."""
    parent = node.parent
    if parent is not None and parent.type == "member_expression" and name_of(parent.child_by_field_name("property")) == "start":
        return True
    holder = parent.child_by_field_name("name") if parent is not None and parent.type == "variable_declarator" else None
    if parent is not None and parent.type == "assignment_expression":
        left = parent.child_by_field_name("left")
        holder = left.child_by_field_name("property") if left.type == "member_expression" else left
    if holder is None or name_of(holder) is None:
        return False
    source = module.source.decode("utf-8", errors="replace")
    return re.search(rf"\b{re.escape(node_text(holder))}\s*\.\s*start\s*\(", source) is not None


def _guarded(unit: Unit, node) -> bool:
    """Whether a branch or early return limits the job to one PM2 instance."""
    for module, ancestor, child in context(unit, node):
        if ancestor.type in ("if_statement", "ternary_expression"):
            condition = ancestor.child_by_field_name("condition")
            if child == ancestor.child_by_field_name("consequence") and _is_guard(module, condition):
                return True
        elif ancestor.type == "binary_expression" and child == ancestor.child_by_field_name("right"):
            if node_text(ancestor.child_by_field_name("operator")) == "&&" \
                    and _is_guard(module, ancestor.child_by_field_name("left")):
                return True
        elif ancestor.type in ("statement_block", "program"):
            if any(_returns_unless_guard(module, s) for s in ancestor.named_children if s.end_byte <= child.start_byte):
                return True
    return False


_NAME = re.compile(r"[A-Za-z_$][\w$]*")


def _is_guard(module: Module, condition) -> bool:
    """A condition on the PM2 instance: written out, or through a constant set from it
    (`const isPrimary = !process.env.NODE_APP_INSTANCE || process.env.NODE_APP_INSTANCE === '0'`)."""
    if condition is None:
        return False
    text = node_text(condition)
    if INSTANCE_GUARD.search(text):
        return True
    if b"NODE_APP_INSTANCE" not in module.source and b"pm_id" not in module.source:
        return False  # (a substring test in C before any regular expression over the file)
    names = {n for n in _NAME.findall(text) if n not in ("process", "env", "true", "false", "null", "undefined")}
    if not names or len(text) > 300:
        return False
    source = module.source.decode("utf-8", errors="replace")
    return any(re.search(rf"(?<![\w$.]){re.escape(name)}\s*(?::[^=;\n]*)?=(?!=)[^;\n]*(?:NODE_APP_INSTANCE|\bpm_id\b)", source)
               for name in sorted(names)[:8])


one_pm2_instance = _guarded  # bots use the same guard (javascript._scan)


def _returns_unless_guard(module: Module, statement) -> bool:
    if statement.type != "if_statement":
        return False
    condition = statement.child_by_field_name("condition")
    body = statement.child_by_field_name("consequence")
    exits = body is not None and (body.type == "return_statement" or any(
        c.type == "return_statement" for c in body.named_children))
    return exits and _is_guard(module, condition)


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
