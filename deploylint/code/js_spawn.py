"""Programs a Node program starts itself: each is a Process of its own in the plan.

`child_process.fork('bot.js')`, `spawn('node', ['worker.js'])`, `exec('node worker.js')`,
`execFile`, execa and cross-spawn; `cluster.fork()` (the same entry again, where
`cluster.isPrimary` is false); worker_threads `new Worker('./bot.js')` (or `__filename`,
where `isMainThread` is false). A command string goes through the shared shell analysis
(`commands.analyse`), an argv through the runners, so `spawn('npm', ['start'])` is
followed like a start command. A start inside an `exit`/`close` handler restarts a child
that has ended: it is not another copy.
"""
from __future__ import annotations

import posixpath
from ..record import dataclass, replace

from ..model import Command, Copies, Location, Process, Step
from ..repo import Repo, join, normalise
from ..treesitter import node_text
from .js_expr import arguments, callee_of
from .js_module import Module, name_of, string_value, strip
from .js_reach import MAX_PARENTS, Program, Unit, context, short

PACKAGES = frozenset({"child_process", "cross-spawn", "execa", "cluster", "worker_threads"})
MAX_SPAWNS = 20  # start sites followed per program
CHILD_PROCESS = {"child_process", "cross-spawn", "execa"}
FORK, SHELL, ARGV, CLUSTER, WORKER = "fork", "shell", "argv", "cluster", "worker"
METHODS = {
    "fork": FORK, "spawn": ARGV, "spawnSync": ARGV, "execFile": ARGV, "execFileSync": ARGV,
    "exec": SHELL, "execSync": SHELL,
}
EXECA = {"default": ARGV, "execa": ARGV, "execaSync": ARGV, "execaNode": FORK, "execaCommand": SHELL,
         "execaCommandSync": SHELL}
RESTART_EVENTS = frozenset({"exit", "close", "disconnect", "error"})
NODE_BINARIES = frozenset({"process.execPath", "process.argv0", "process.argv[0]"})
CPU_COUNT = ("cpus()", "availableParallelism()", "numCPUs", "cpuCount", "numCpus", "CPUS", "NUM_CPUS")
VARIANT_NOTES = {"cluster-worker": "cluster worker", "worker-thread": "worker thread"}


@dataclass(frozen=True)
class Spawn:
    """A start site in the code, before it becomes a Process."""

    location: Location
    how: str  # fork, shell, argv, cluster, worker
    note: str
    trace: tuple[Step, ...]
    argv: tuple[str, ...] = ()
    shell: str | None = None
    cwd: str | None = None  # root-relative, when the code sets it
    here: str = ""  # the directory of the file that starts it (for module-relative paths)
    copies: Copies = Copies()
    variant: str = ""


def detect(program: Program, unit: Unit, node) -> Spawn | None:
    module = unit.module
    callee = callee_of(module, node)
    if callee is None or callee.package is None:
        return None
    package, name = callee.package, callee.qualified
    how = None
    if package == "child_process" and node.type == "call_expression":
        how = METHODS.get(name)
    elif package == "cross-spawn" and node.type == "call_expression" and name in ("default", "spawn", "sync"):
        how = ARGV
    elif package == "execa" and node.type == "call_expression":
        how = EXECA.get(name)
    elif package == "cluster" and name == "fork" and node.type == "call_expression":
        how = CLUSTER
    elif package == "worker_threads" and name == "Worker" and node.type == "new_expression":
        how = WORKER
    if how is None or _restart(unit, node):
        return None
    args = arguments(node)
    location = module.location(node)
    note = f"`{short(node, 50)}` starts"
    base = dict(location=location, trace=unit.trace, here=posixpath.dirname(module.path),
                copies=_loop_copies(unit, node, how))
    if how == CLUSTER:
        return Spawn(how=how, note=f"{note} a cluster worker (the same entry, `cluster.isPrimary` false)",
                     variant="cluster-worker", **base)
    if not args:
        return None
    if how in (FORK, WORKER):
        path = _path(program, module, args[0])
        if path is None:
            return None
        text, relative_to = path
        if relative_to == "file" or (text and normalise(join(base["here"], text)) == module.path and relative_to == "module"):
            if how == WORKER:
                return Spawn(how=how, note=f"{note} a worker thread running this file again (`isMainThread` false)",
                             variant="worker-thread", **base)
            text, relative_to = posixpath.basename(module.path), "module"
        argv = ("node", text)
        cwd = base["here"] if relative_to == "module" else None
        kind = "a worker thread" if how == WORKER else "a child process"
        return Spawn(how=how, note=f"{note} {kind}: `node {text}`", argv=argv, cwd=cwd, **base)
    options = args[-1] if args and args[-1].type == "object" else None
    cwd = _option_path(program, module, options, "cwd")
    shell_option = _option_true(options, "shell")
    if how == SHELL:
        command = _text(program, module, args[0])
        if command is None:
            return None
        return Spawn(how=how, note=f"{note} `{_brief(command)}`", shell=command, cwd=cwd, **base)
    command = _text(program, module, args[0])
    if command is None:
        return None
    words = [command]
    listed = _array(program, module, args[1]) if len(args) > 1 else None
    if listed is not None:
        for element in listed.named_children:
            if element.type == "spread_element":
                continue
            word = _text(program, module, element)
            if word is None:
                return None  # an argument only known at run time
            words.append(word)
    if shell_option:
        text = " ".join(words)
        return Spawn(how=SHELL, note=f"{note} `{_brief(text)}`", shell=text, cwd=cwd, **base)
    return Spawn(how=how, note=f"{note} `{_brief(' '.join(words))}`", argv=tuple(words), cwd=cwd, **base)


def processes(repo: Repo, parent: Process, spawns: list[Spawn]) -> list[Process]:
    """The Processes the start sites of `parent` run, with the parent's trace in front."""
    found: list[Process] = []
    for spawn in spawns[:MAX_SPAWNS]:
        if spawn.how == CLUSTER or spawn.variant == "worker-thread":
            step = Step(spawn.location, spawn.note)
            child = replace(parent, trace=(*parent.trace, *spawn.trace, step), variant=spawn.variant,
                            location=spawn.location,
                            copies=parent.copies.times(spawn.copies), background=False,
                            spawned=f"{VARIANT_NOTES[spawn.variant]} started at {spawn.location.path}:{spawn.location.line}")
            found.append(child)
            continue
        for process in repo.memo(("js-child", spawn, parent.cwd), lambda: _analyse(repo, spawn, parent.cwd)) or ():
            found.append(replace(process, trace=(*parent.trace, *process.trace),
                                 copies=parent.copies.times(process.copies), background=False,
                                 spawned=f"child `{_brief(' '.join(process.argv))}` started at "
                                         f"{spawn.location.path}:{spawn.location.line}"))
    return found


def _analyse(repo: Repo, spawn: Spawn, parent_cwd: str) -> list[Process]:
    from ..commands import Context, analyse

    cwd = spawn.cwd if spawn.cwd is not None else parent_cwd
    if spawn.how in (FORK, WORKER) and spawn.cwd is None and not _exists(repo, join(cwd, spawn.argv[1])) \
            and _exists(repo, join(spawn.here, spawn.argv[1])):
        cwd = spawn.here  # a path written relative to the file rather than to the working directory
    if spawn.how in (FORK, WORKER) and not _exists(repo, join(cwd, spawn.argv[1])):
        return []  # not a file of the repository: nothing to follow (and no guess to report)
    ctx = Context(repo, cwd=cwd, trace=(*spawn.trace, Step(spawn.location, spawn.note)), copies=spawn.copies)
    command = Command(spawn.location, shell=spawn.shell) if spawn.shell is not None else Command(spawn.location, argv=spawn.argv)
    before = len(repo.findings)
    try:
        analysis = analyse(command, ctx)
    finally:  # as for Python (code/spawn.py): code checks or fetches what it starts at run time
        # (`if (fs.existsSync(bin)) execFile(bin)`, a binary the image build downloads)
        kept = [f for f in repo.findings[before:] if f.code not in ("DPL003", "DPL004")]
        del repo.findings[before:]
        repo.findings.extend(kept)
    return list(analysis.processes) if analysis is not None else []


def _exists(repo: Repo, path: str) -> bool:
    from ..runners.node import resolve, source_for

    return bool(resolve(repo, path) or source_for(repo, path)[0])


# -- reading the arguments ----------------------------------------------------------------------
def _text(program: Program, module: Module, node) -> str | None:
    """A command word or string: a literal, a template without run-time parts, the node binary."""
    node = strip(node)
    if node is None:
        return None
    if "".join(node_text(node).split()) in NODE_BINARIES:
        return "node"
    literal = string_value(node)
    if literal is not None:
        return literal
    path = _path(program, module, node)
    if path is not None:
        text, relative_to = path
        return join(posixpath.dirname(module.path), text) if relative_to == "module" else text
    if node.type == "identifier":
        from . import js_values

        found = js_values.resolve(program, module, node)
        if found is not None and found[1] is not None and found[1].type in ("string", "template_string"):
            return string_value(found[1])
        passed = _passed(module, node)
        if passed is not None:
            return string_value(passed)
    return None


def _array(program: Program, module: Module, node):
    """The array literal an argument list is: written in place, or a local constant
    (`const args = [path.join(file), ...process.argv.slice(2)]; spawn(process.argv[0], args)`)."""
    node = strip(node)
    if node is not None and node.type == "identifier":
        from . import js_values

        found = js_values.resolve(program, module, node)
        node = found[1] if found is not None and found[0] is module and found[1] is not None else None
    return node if node is not None and node.type == "array" else None


MAX_CALL_SITES = 20  # calls of a function looked at for the value of one of its parameters


def _passed(module: Module, identifier):
    """The literal every call of the enclosing function in this module passes for the
    parameter `identifier` (`function start(file) { spawn(node, [file]) } start('./index.js')`),
    or None when it is no parameter, or the calls disagree or pass something else. Calls
    inside the function itself (a restart from its exit handler) do not count."""
    name, function = node_text(identifier), identifier.parent
    index = None
    for _ in range(MAX_PARENTS):
        if function is None:
            return None
        if function.type in ("function_declaration", "function_expression", "arrow_function", "function"):
            params = function.child_by_field_name("parameters")
            names = [node_text(p.child_by_field_name("pattern") or p) for p in params.named_children] if params is not None else []
            if name in names:
                index = names.index(name)
                break
        function = function.parent
    if index is None:
        return None
    declared = function.child_by_field_name("name")
    if declared is None and function.parent is not None and function.parent.type == "variable_declarator":
        declared = function.parent.child_by_field_name("name")
    callee = node_text(declared) if declared is not None and declared.type == "identifier" else ""
    if not callee:
        return None
    values, start, word = set(), 0, (callee + "(").encode()
    for _ in range(MAX_CALL_SITES):
        at = module.source.find(word, start)
        if at < 0:
            break
        start = at + len(word)
        node = module.root.descendant_for_byte_range(at, at + len(callee))
        call = node.parent if node is not None else None
        if call is None or call.type != "call_expression" or call.child_by_field_name("function") != node \
                or function.start_byte <= at < function.end_byte:  # a call inside it restarts it
            continue
        args = arguments(call)
        value = string_value(args[index]) if index < len(args) else None
        if value is None:
            return None
        values.add(value)
        found = args[index]
    return strip(found) if len(values) == 1 else None


def _path(program: Program, module: Module, node, depth: int = 0):
    """(path, "cwd" | "module" | "file") a path expression spells: relative to the working
    directory, to the file's directory (`__dirname`, `import.meta.url`), or the file itself."""
    node = strip(node)
    if node is None or depth > 4:
        return None
    text = "".join(node_text(node).split())
    if text in ("__filename", "import.meta.filename", "process.argv[1]", "require.main.filename"):
        return "", "file"
    if text == "import.meta.url":
        return "", "file"
    literal = string_value(node)
    if literal is not None:
        return literal, "cwd"
    if node.type == "template_string":
        body = text[1:-1]
        for root in ("${__dirname}", "${import.meta.dirname}"):
            if body.startswith(root):
                rest = body[len(root):]
                return (rest.lstrip("/"), "module") if "${" not in rest else None
        for root in ("${process.cwd()}",):
            if body.startswith(root):
                rest = body[len(root):]
                return (rest.lstrip("/"), "cwd") if "${" not in rest else None
        return None
    if node.type == "new_expression" and name_of(strip(node.child_by_field_name("constructor"))) == "URL":
        args = arguments(node)  # new URL('./bot.js', import.meta.url)
        if len(args) == 2 and "".join(node_text(args[1]).split()) == "import.meta.url" and string_value(args[0]):
            return string_value(args[0]), "module"
        return None
    if node.type == "call_expression":
        callee = callee_of(module, node)
        if callee is None or callee.method not in ("join", "resolve") or not (
                callee.package in ("path", "path/posix") or callee.root == "path"):
            return None
        parts, relative_to = [], "cwd"
        for i, arg in enumerate(arguments(node)):
            word = "".join(node_text(arg).split())
            if i == 0 and word in ("__dirname", "import.meta.dirname"):
                relative_to = "module"
                continue
            if i == 0 and word == "process.cwd()":
                continue
            value = string_value(arg)
            if value is None:
                found = _path(program, module, arg, depth + 1)
                if found is None or found[1] != "cwd":
                    return None
                value = found[0]
            parts.append(value)
        return posixpath.normpath("/".join(parts)) if parts else "", relative_to
    if node.type == "identifier":
        from . import js_values

        found = js_values.resolve(program, module, node)
        if found is not None and found[1] is not None and found[0] is not None and node_text(found[1]) != node_text(node):
            return _path(program, found[0], found[1], depth + 1)
        passed = _passed(module, node)  # a parameter every call gives the same path
        if passed is not None:
            return _path(program, module, passed, depth + 1)
    return None


def _option_path(program: Program, module: Module, options, key: str) -> str | None:
    from . import js_values

    value = js_values.entries(options).get(key) if options is not None else None
    if value is None:
        return None
    path = _path(program, module, value)
    if path is None:
        return None
    text, relative_to = path
    return normalise(join(posixpath.dirname(module.path), text)) if relative_to == "module" else normalise(text)


def _option_true(options, key: str) -> bool:
    from . import js_values

    value = strip(js_values.entries(options).get(key)) if options is not None else None
    return value is not None and value.type in ("true", "string")


def _brief(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


# -- where the start sits --------------------------------------------------------------------------
def _restart(unit: Unit, node) -> bool:
    """Inside an `exit`/`close` handler: it replaces a child that has ended."""
    sites = [(module, ancestor) for module, ancestor, child in context(unit, node)
             if ancestor.type == "call_expression" and child.type == "arguments"]
    current = unit
    while current is not None and current.parent is not None:  # callbacks reached through their call
        if current.site is not None and current.site.type == "call_expression":
            sites.append((current.parent.module, current.site))
        current = current.parent
    for module, call in sites:
        callee = callee_of(module, call)
        args = arguments(call)
        if callee is not None and callee.method in ("on", "once", "addListener") and args \
                and string_value(args[0]) in RESTART_EVENTS:
            return True
    return False


def _loop_copies(unit: Unit, node, how: str) -> Copies:
    """Copies a start in a loop makes: the literal bound, or one per CPU (assumed 2)."""
    for module, ancestor, child in context(unit, node):
        if ancestor.type in ("for_statement", "while_statement", "do_statement", "for_in_statement"):
            if child == ancestor.child_by_field_name("body"):
                return _bound(module, ancestor, how)
        if ancestor.type == "call_expression" and child.type == "arguments":
            callee = callee_of(module, ancestor)
            if callee is not None and callee.method in ("forEach", "map") and callee.names:
                return Copies(2, f"`{short(ancestor.child_by_field_name('function'), 30)}` starts one per item (assumed 2)",
                              module.location(ancestor), assumed=True)
    return Copies()


def _bound(module: Module, loop, how: str) -> Copies:
    where = module.location(loop)
    condition = loop.child_by_field_name("condition")
    text = "".join(node_text(condition).split()) if condition is not None else ""
    for operator in ("<=", "<"):
        if operator in text:
            limit = text.split(operator, 1)[1].rstrip(";")
            value = _int(limit)
            if value is not None:
                value += operator == "<="
                if value <= 1:
                    return Copies()
                return Copies(min(value, 1000), f"a loop starts {value} ({_started(how)})", where)
            if any(marker in limit for marker in CPU_COUNT):
                return Copies(2, f"a loop starts one per CPU ({_started(how)}, assumed 2)", where, assumed=True)
            break
    return Copies(2, f"a loop starts several ({_started(how)}, assumed 2)", where, assumed=True)


def _started(how: str) -> str:
    return {CLUSTER: "cluster.fork()", WORKER: "new Worker()"}.get(how, "child processes")


def _int(text: str) -> int | None:
    text = text.strip()
    if not text.isdigit():
        return None
    from ..safe import to_int

    return to_int(text, digits=6)  # None for '²' (isdigit, not a number) and long numbers
