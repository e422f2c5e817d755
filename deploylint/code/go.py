"""Singleton evidence in a Go program, read with tree-sitter-go (never built or run).

A Go process (runners/go: `go run ./cmd/bot`, or a binary built from a main package) has
its `func main` file as entry. The program is the main package's files (same directory,
`package main`, not `_test.go`) and the repository packages they import (the module path
from go.mod; a bounded closure). From `main()`, plus every loaded package's `init()` and
package-level variable initialisers, calls are followed:
- `f()` and `f` used as a value (`go f()`, `Run: runBot`): a function of the same package;
- `pkg.F()` / `pkg.F`: a function of an imported repository package;
- `x.M()`: every method named `M` of the loaded packages (the receiver's type is not
  worked out, so this over-approximates; the trace says "a method named").
Bot signatures (code/go_signatures.py) in the functions reached become Evidence with a
trace from `main()`. A package without `func main` is read whole (the trace says so).
"""
from __future__ import annotations

import posixpath

from ..model import Evidence, Location, Process, Step
from ..repo import Repo, join
from ..record import dataclass, field

MAX_PACKAGES = 60  # repository packages loaded per program
MAX_FILES_PER_PACKAGE = 200
MAX_FILE_BYTES = 1_000_000
MAX_FUNCTIONS = 5000  # functions visited per program
MAX_NODES = 400_000  # syntax nodes walked per program


@dataclass
class Function:
    """A function or method declaration (or a package-level initialiser, name "")."""

    name: str
    receiver: bool  # a method
    package: "Package"
    path: str
    node: object  # the declaration (its body is walked)
    imports: dict  # the file's import aliases: name -> import path

    @property
    def label(self) -> str:
        if self.name.startswith("var "):
            return self.name
        return f"{self.name}()"


@dataclass
class Package:
    directory: str
    name: str = ""
    functions: dict = field(default_factory=dict)  # name -> Function (plain functions)
    methods: dict = field(default_factory=dict)  # name -> [Function]
    starts: list = field(default_factory=list)  # init() and package-level initialisers
    consts: dict = field(default_factory=dict)  # name -> string value of a package-level `const`
    files: list = field(default_factory=list)  # (path, imports)


class Program:
    """The packages of one Go program, loaded on demand."""

    def __init__(self, repo: Repo, main_dir: str):
        from ..runners.go_build import module_of

        self.repo = repo
        self.main_dir = main_dir
        self.module = module_of(repo, main_dir)  # (go.mod directory, module path)
        self.packages: dict[str, Package] = {}
        self.nodes = 0

    def package(self, directory: str, main: bool = False) -> Package | None:
        if directory in self.packages:
            return self.packages[directory]
        if len(self.packages) >= MAX_PACKAGES:
            return None
        package = Package(directory)
        self.packages[directory] = package
        prefix = f"{directory}/" if directory else ""
        files = [p for p in self.repo.named(_is_go_source) if posixpath.dirname(p) == directory]
        for path in files[:MAX_FILES_PER_PACKAGE]:
            _load_file(self.repo, package, path, main)
        del prefix
        return package

    def import_dir(self, import_path: str) -> str | None:
        """The repository directory of an import path inside this program's module."""
        if self.module is None:
            return None
        root, module = self.module
        if import_path == module:
            return root
        if import_path.startswith(module + "/"):
            directory = join(root, import_path[len(module) + 1:])
            return directory if self.repo.is_dir(directory) else None
        return None


def _is_go_source(name: str) -> bool:
    return name.endswith(".go") and not name.endswith("_test.go")


def _load_file(repo: Repo, package: Package, path: str, main: bool) -> None:
    from ..treesitter import node_text, parse

    text = repo.read_text(path)
    if not text or len(text) > MAX_FILE_BYTES:
        return
    tree = repo.memo(("go-tree", path), lambda: parse("go", text))
    root = tree.root_node
    name = ""
    imports: dict[str, str] = {}
    for child in root.children:
        if child.type == "package_clause":
            name = node_text(child.named_children[0]) if child.named_children else ""
            if main and name != "main":
                return  # another package's file in the directory (rare): not part of the program
        elif child.type == "import_declaration":
            _imports(child, imports)
    package.name = package.name or name
    package.files.append((path, imports))
    for child in root.children:
        if child.type == "function_declaration":
            fname = _field_text(child, "name")
            function = Function(fname, False, package, path, child, imports)
            if fname == "init":
                package.starts.append(function)
            else:
                package.functions.setdefault(fname, function)
        elif child.type == "method_declaration":
            fname = _field_text(child, "name")
            package.methods.setdefault(fname, []).append(Function(fname, True, package, path, child, imports))
        elif child.type == "const_declaration":
            _consts(child, package.consts)
        elif child.type == "var_declaration":
            names = [node_text(n) for n in _var_names(child)][:3]
            package.starts.append(Function("var " + ", ".join(names or ["_"]), False, package, path, child, imports))


def _consts(node, out: dict) -> None:
    """String constants (`const getUpdates = "getUpdates"`), for the raw Bot API reader."""
    from ..treesitter import node_text

    for spec in node.named_children[:200]:
        if spec.type != "const_spec" or len(out) >= 2000:
            continue
        value = spec.child_by_field_name("value")
        names = spec.children_by_field_name("name")
        if value is None or not names or not value.named_children:
            continue
        literal = value.named_children[0]
        if literal.type in ("interpreted_string_literal", "raw_string_literal"):
            out[node_text(names[0])] = node_text(literal)[1:-1][:500]


def _var_names(node) -> list:
    """The names a package-level `var` declares."""
    out = []
    for spec in node.named_children[:50]:
        specs = spec.named_children if spec.type == "var_spec_list" else [spec]
        for one in specs[:50]:
            if one.type == "var_spec":
                out.extend(c for c in one.children_by_field_name("name")[:5])
    return out


def _imports(node, out: dict[str, str]) -> None:
    from ..treesitter import node_text
    from .go_signatures import default_alias

    stack = [node]
    while stack and len(out) < 500:
        current = stack.pop()
        if current.type == "import_spec":
            path_node = current.child_by_field_name("path")
            if path_node is None:
                continue
            path = node_text(path_node).strip("\"`")
            alias_node = current.child_by_field_name("name")
            alias = node_text(alias_node) if alias_node is not None else default_alias(path)
            if alias not in ("_", "."):
                out[alias] = path
            elif alias == ".":
                out.setdefault(".", path)
        else:
            stack.extend(current.named_children)


def _field_text(node, name: str) -> str:
    from ..treesitter import node_text

    child = node.child_by_field_name(name)
    return node_text(child) if child is not None else ""


def scan(repo: Repo, process: Process) -> list[Evidence]:
    entry = process.entry or ""
    key = ("go-scan", entry)
    found = repo.memo(key, lambda: _scan(repo, entry))
    start = Step(process.location, f"the Go program starts in `main()` ({entry})")
    return [Evidence(e.kind, e.singleton, e.location, (start, *e.trace), family=e.family, token=e.token,
                     env_test=e.env_test) for e in found]


def _scan(repo: Repo, entry: str) -> list[Evidence]:
    from .go_signatures import detect, in_loop, raw_getupdates
    from .go_env import guard

    program = Program(repo, posixpath.dirname(entry))
    main_package = program.package(program.main_dir, main=True)
    if main_package is None:
        return []
    main = main_package.functions.get("main")
    # (function, trace to it, call sites from main() to it)
    roots: list[tuple[Function, tuple[Step, ...], tuple]] = []
    if main is not None:
        roots.append((main, (), ()))
    else:  # no `func main` in the package: every function counts (package-level presence)
        note = "no `func main` found: every function of the package is read"
        roots.extend((f, (Step(Location(f.path, _line(f.node)), note),), ()) for f in main_package.functions.values())
    roots.extend((f, (), ()) for f in main_package.starts)
    found: list[tuple[Evidence, tuple | None]] = []
    seen: set[int] = set()
    queue = list(roots)
    visited = 0
    while queue and visited < MAX_FUNCTIONS and program.nodes < MAX_NODES:
        function, trace, sites = queue.pop(0)
        if id(function.node) in seen:
            continue
        seen.add(id(function.node))
        visited += 1
        calls = _walk(program, function)
        hits = detect(program, function, calls.nodes)
        hits.extend((hit, node) for hit, node in raw_getupdates(function, calls.nodes)
                    if in_loop(node, function.node) or any(in_loop(site, None) for site in sites))
        for hit, node in hits:
            location = Location(function.path, hit.line, hit.column)
            found.append((Evidence(hit.kind, hit.singleton, location, (*trace, Step(location, hit.note)),
                                   family=hit.family, token=hit.token), guard((node, *reversed(sites)))))
        for callee, site, how in calls.callees:
            if id(callee.node) not in seen and len(trace) < 30:
                caller = f"the package-level `{function.label}`" if function.name.startswith("var ") else f"`{function.label}`"
                note = f"{caller} {how} `{callee.label}` ({callee.path})"
                queue.append((callee, (*trace, Step(Location(function.path, site.start_point[0] + 1,
                                                             site.start_point[1] + 1), note)), (*sites, site)))
        for package in list(program.packages.values()):  # packages loaded since: their init()s run too
            for start in package.starts:
                if id(start.node) not in seen:
                    queue.append((start, (), ()))
    return _unique(_choices(found))


def _choices(found: list) -> list[Evidence]:
    """Evidence in an environment branch gets its `env_test`; a poller on the other side of
    the `if` that chooses a webhook is the webhook's fallback."""
    from ..record import replace
    from ..treesitter import node_text
    from .go_env import describes_webhook

    def key(node) -> tuple:  # tree-sitter gives a new Node object per access: compare places
        return node.start_byte, node.end_byte, node.text[:400]

    webhook_sides = {(key(g[0]), g[1]) for e, g in found if g is not None and e.kind == "webhook"}
    out = []
    for evidence, chosen in found:
        if chosen is None:
            out.append(evidence)
            continue
        if_node, side, test = chosen
        changes: dict = {"env_test": test} if test else {}
        if evidence.kind == "polling" and ((key(if_node), not side) in webhook_sides or describes_webhook(if_node)):
            condition = " ".join(node_text(if_node.child_by_field_name("condition"))[:80].split())
            last = evidence.trace[-1]
            changes["kind"] = "polling-fallback"
            changes["trace"] = (*evidence.trace[:-1], Step(last.location, f"{last.note}, unless `{condition}` chooses the webhook"))
        out.append(replace(evidence, **changes) if changes else evidence)
    return out


def _line(node) -> int:
    return node.start_point[0] + 1


@dataclass
class _Calls:
    nodes: list = field(default_factory=list)  # every call_expression / composite_literal in the body
    callees: list = field(default_factory=list)  # (Function, node, "calls" | "uses")


def _walk(program: Program, function: Function) -> _Calls:
    from ..treesitter import node_text

    out = _Calls()
    package = function.package
    stack = [function.node]
    while stack and program.nodes < MAX_NODES:
        node = stack.pop()
        program.nodes += 1
        kind = node.type
        if kind in ("call_expression", "composite_literal"):
            out.nodes.append(node)
        if kind == "identifier" and node.parent is not None and node.parent.type not in ("function_declaration",):
            target = package.functions.get(node_text(node))
            if target is not None and target is not function:
                how = "calls" if node.parent.type == "call_expression" else "uses"
                out.callees.append((target, node, how))
        elif kind == "qualified_type" and node.named_children:  # `tg.Client{...}`: its package's methods can run
            path = function.imports.get(node_text(node.named_children[0]))
            directory = program.import_dir(path) if path is not None else None
            if directory is not None:
                program.package(directory)
        elif kind == "selector_expression":
            operand, name = node.child_by_field_name("operand"), node.child_by_field_name("field")
            if operand is not None and name is not None:
                _selector(program, function, node, node_text(operand), node_text(name), out)
        stack.extend(reversed(node.named_children))
    return out


def _selector(program: Program, function: Function, node, operand: str, name: str, out: _Calls) -> None:
    path = function.imports.get(operand)
    if path is not None:  # `pkg.F`: a function of an imported package, when it is the repository's
        directory = program.import_dir(path)
        package = program.package(directory) if directory is not None else None
        target = package.functions.get(name) if package is not None else None
        if target is not None:
            out.callees.append((target, node, "calls" if node.parent.type == "call_expression" else "uses"))
        return
    if node.parent is None or node.parent.type != "call_expression":
        return
    for package in list(program.packages.values()):  # `x.M()`: a method named M (its receiver type is not worked out)
        for target in package.methods.get(name, ())[:8]:
            out.callees.append((target, node, "calls a method named"))


def _unique(evidence: list[Evidence]) -> list[Evidence]:
    seen, out = set(), []
    for e in evidence:
        key = (e.kind, e.location)
        if key not in seen:
            seen.add(key)
            out.append(e)
    return out
