"""One Python module read with `ast` (never imported, never run): its definitions,
import bindings and assignments, and the Facts protocol python_signatures asks.

Parsed once per scan and memoised on the Repo. A file that only a newer Python
accepts (PEP 701 f-strings, `type` statements, PEP 695 generics) is read through
python_modern, not reported as broken.
"""
from __future__ import annotations

import ast
from collections import deque

from ..record import dataclass

from ..model import Location
from ..repo import Repo
from . import python_signatures as sig

@dataclass(frozen=True)
class Binding:
    """A name bound by an import: `from .m import f as g` -> Binding("m", "f", 1)."""

    module: str
    attr: str | None
    level: int


class Module:
    def __init__(self, path: str, tree: ast.Module, text: str):
        self.path = path
        self.tree = tree
        self.text = text
        self.lines = text.splitlines()
        self.hits: dict[tuple, list] = {}  # (node id, libraries) -> signature hits, shared by scans
        self.bindings: dict[str, Binding] = {}
        self.stars: list[Binding] = []  # `from x import *`
        self.libs: set[str] = set()  # top-level packages imported absolutely
        self.defs: dict[str, ast.AST] = {}  # "main", "Bot", "Bot.run", "main.inner"
        self._assigned: dict[str, list[ast.expr]] | None = None  # "TOKEN" or ".attr" -> values
        self._env_names: list[str] | None = None
        self._mentions: dict[str, bool] = {}
        nested: list[ast.stmt] = []
        self._collect(tree.body, "", nested)
        for stmt in nested:  # imports inside functions bind too, but module-level ones win
            self._import(stmt)

    def _collect(self, body: list[ast.stmt], prefix: str, nested: list[ast.stmt]) -> None:
        """Definitions and imports, visiting statements only (expressions are not needed)."""
        for stmt in body:
            if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                qual = f"{prefix}.{stmt.name}" if prefix else stmt.name
                self.defs.setdefault(qual, stmt)
                self._collect(stmt.body, qual, nested)
            elif isinstance(stmt, (ast.Import, ast.ImportFrom)):
                if prefix:
                    nested.append(stmt)
                else:
                    self._import(stmt)
            elif type(stmt) in _BLOCK_STATEMENTS:
                for block in child_blocks(stmt):
                    self._collect(block, prefix, nested)

    def _import(self, node: ast.Import | ast.ImportFrom) -> None:
        if isinstance(node, ast.Import):
            for alias in node.names:
                top = alias.name.split(".")[0]
                self.libs.add(top)
                self.bindings.setdefault(alias.asname or top, Binding(alias.name if alias.asname else top, None, 0))
            return
        if not node.level and node.module:
            self.libs.add(node.module.split(".")[0])
        for alias in node.names:
            if alias.name == "*":
                self.stars.append(Binding(node.module or "", None, node.level))
            else:
                self.bindings.setdefault(alias.asname or alias.name, Binding(node.module or "", alias.name, node.level))

    @property
    def assigned(self) -> dict[str, list[ast.expr]]:
        """Assignments, indexed on first use (most modules never need them), in the order
        of a walk of the whole tree. Assignments are statements (and `with ... as`), so
        only statements are visited, in that same order; a walrus (`:=`, an assignment
        inside an expression) makes it the walk of every node."""
        if self._assigned is None:
            self._assigned = {}
            for node in walk(self.tree) if ":=" in self.text else statements(self.tree):
                kind = type(node)
                if kind in _ASSIGNS and node.value is not None:
                    for target in node.targets if kind is ast.Assign else [node.target]:
                        self._assign(target, node.value)
                elif kind is ast.withitem and node.optional_vars is not None:
                    self._assign(node.optional_vars, node.context_expr)
        return self._assigned

    @property
    def env_names(self) -> list[str]:
        """Environment variables read anywhere in the module."""
        if self._assigned is None and "env" not in self.text and "config" not in self.text:
            return []  # no getenv/environ/env(...)/config(...) anywhere: nothing to walk for
        if self._env_names is None:
            _ = self.assigned
            self._env_names = [name for node in walk(self.tree) if type(node) in (ast.Call, ast.Subscript)
                               and (name := sig.env_name(node))]
        return self._env_names

    def _assign(self, target: ast.expr, value: ast.expr) -> None:
        if isinstance(target, (ast.Tuple, ast.List)):
            if isinstance(value, (ast.Tuple, ast.List)) and len(value.elts) == len(target.elts):
                for t, v in zip(target.elts, value.elts):
                    self._assign(t, v)
            return
        key = target.id if isinstance(target, ast.Name) else "." + target.attr if isinstance(target, ast.Attribute) else None
        if key:
            self._assigned.setdefault(key, []).append(value)  # type: ignore[union-attr]

    # -- the Facts protocol of python_signatures -------------------------------------------
    def qualified(self, expr: ast.AST) -> str:
        words: list[str] = []
        while isinstance(expr, ast.Attribute):
            words.append(expr.attr)
            expr = expr.value
        if isinstance(expr, ast.Name):
            binding = self.bindings.get(expr.id)
            root = expr.id
            if binding is not None and not binding.level:
                root = f"{binding.module}.{binding.attr}" if binding.attr else binding.module
            words.append(root)
        return ".".join(reversed(words))

    def imported_module(self, name: str) -> bool:
        binding = self.bindings.get(name)
        return binding is not None and binding.attr is None

    def values(self, key: str) -> list[ast.expr]:
        """What `key` ("NAME" or ".attr") is assigned. A name that is nowhere in the source
        text is assigned nowhere: asked across many modules, most answers need no walk."""
        if self._assigned is None and key.isascii() and not self.mentions(key.lstrip(".")):
            return []
        return self.assigned.get(key, [])

    def mentions(self, word: str) -> bool:
        """`word` occurs in the source (asked for the same few words many times: remembered)."""
        found = self._mentions.get(word)
        if found is None:
            found = self._mentions[word] = word in self.text
        return found

    def classify(self, call: ast.Call, libs: frozenset[str], facts: sig.Facts | None = None) -> list[sig.Hit]:
        """What `call` starts, memoised; `facts` may see through imports (Resolver.linked)."""
        key = (id(call), libs)
        if key not in self.hits:
            self.hits[key] = sig.classify(call, facts or self, libs)
        return self.hits[key]

    # -- names in scope -------------------------------------------------------------------------
    def local(self, name: str, scope: str) -> str | None:
        """The definition `name` means inside `scope` (enclosing functions, then the module;
        class bodies are not enclosing scopes)."""
        parts = scope.split(".") if scope else []
        for i in range(len(parts), -1, -1):
            prefix = ".".join(parts[:i])
            if i and isinstance(self.defs.get(prefix), ast.ClassDef):
                continue
            qual = f"{prefix}.{name}" if prefix else name
            if qual in self.defs:
                return qual
        return None

    def class_of(self, scope: str) -> str | None:
        parts = scope.split(".") if scope else []
        for i in range(len(parts), 0, -1):
            prefix = ".".join(parts[:i])
            if isinstance(self.defs.get(prefix), ast.ClassDef):
                return prefix
        return None

    def location(self, node: ast.AST) -> Location:
        line = getattr(node, "lineno", 0)
        end_line = getattr(node, "end_lineno", None) or line
        return Location(self.path, line, self._column(line, getattr(node, "col_offset", 0)) + 1, end_line,
                        self._column(end_line, getattr(node, "end_col_offset", None) or 0) + 1)

    def _column(self, line: int, offset: int) -> int:
        """ast counts UTF-8 bytes; Locations count characters."""
        text = self.lines[line - 1] if 0 < line <= len(self.lines) else ""
        return offset if text.isascii() else len(text.encode("utf-8")[:offset].decode("utf-8", "ignore"))


_ASSIGNS = (ast.Assign, ast.AnnAssign, ast.NamedExpr)
# fields that never hold a node worth visiting (names, flags, operators, load/store contexts)
_PLAIN_FIELDS = frozenset({"ctx", "op", "ops", "id", "arg", "attr", "kind", "type_comment", "level", "module", "is_async",
                           "conversion", "simple", "name", "asname", "names", "kwd_attrs", "rest", "tag", "lineno"})
_CHILD_FIELDS: dict[type, tuple[str, ...]] = {ast.Constant: (), ast.MatchSingleton: ()}


def walk(tree: ast.AST) -> list[ast.AST]:
    """The nodes under `tree` in `ast.walk`'s order (breadth first), about twice as fast:
    only the fields that can hold nodes are read, no generator per node; operators,
    load/store contexts and import aliases (leaves nothing asks for) are left out."""
    return _breadth_first(tree, _CHILD_FIELDS, lambda name: name not in _PLAIN_FIELDS)


def _breadth_first(tree: ast.AST, fields_of: dict, followed) -> list[ast.AST]:
    """`tree` and the nodes under it, breadth first, entering the fields `followed(name)`
    accepts (decided once per node type, remembered in `fields_of`)."""
    nodes: list[ast.AST] = []
    todo = deque([tree])
    pop, push, extend, append = todo.popleft, todo.append, todo.extend, nodes.append
    while todo:
        node = pop()
        append(node)
        kind = type(node)
        fields = fields_of.get(kind)
        if fields is None:
            fields = fields_of[kind] = tuple(f for f in kind._fields if followed(f))
        for name in fields:
            value = getattr(node, name, None)
            if type(value) is list:
                extend([item for item in value if item is not None])
            elif isinstance(value, ast.AST):
                push(value)
    return nodes


# the statements that hold statements (besides definitions): child_blocks is empty for the others
_BLOCK_STATEMENTS = frozenset({ast.If, ast.For, ast.AsyncFor, ast.While, ast.With, ast.AsyncWith, ast.Try, ast.Match,
                               *([ast.TryStar] if hasattr(ast, "TryStar") else [])})
_BLOCK_FIELDS = frozenset({"body", "orelse", "finalbody", "handlers", "cases", "items"})
_STATEMENT_FIELDS: dict[type, tuple[str, ...]] = {}


def statements(tree: ast.AST) -> list[ast.AST]:
    """The statements under `tree` (with the `except`/`case` clauses and `with` items
    between them), in the order `walk` visits them: breadth first, fields in the same
    order. Expressions never hold statements, so they are not entered."""
    return _breadth_first(tree, _STATEMENT_FIELDS, lambda name: name in _BLOCK_FIELDS)


def child_blocks(stmt: ast.stmt) -> list[list[ast.stmt]]:
    blocks = [getattr(stmt, name) for name in ("body", "orelse", "finalbody") if isinstance(getattr(stmt, name, None), list)]
    blocks.extend(h.body for h in getattr(stmt, "handlers", []))
    blocks.extend(c.body for c in getattr(stmt, "cases", []))
    return blocks


def load(repo: Repo, path: str) -> Module | None:
    """The parsed module, or None (unreadable, or DPL001 for invalid Python)."""
    return repo.memo(("python-module", path), lambda: _parse(repo, path))


def _parse(repo: Repo, path: str) -> Module | None:
    text = repo.read_text(path)
    if text is None:
        return None
    from ..safe import TooDeep, parse_python, report_too_deep

    try:
        return Module(path, parse_python(text, path), text)
    except TooDeep as error:
        report_too_deep(repo, path, error)
    except SyntaxError as error:
        newer = _newer_python(repo, path, text)
        if newer is not None:
            return newer or None
        repo.problem("DPL001", Location(path, error.lineno or 1, error.offset or 1), f"invalid Python: {error.msg}",
                     "fix the syntax error: deploylint reads this file to find what it starts")
    except (ValueError, RecursionError, MemoryError) as error:
        repo.problem("DPL001", Location(path, 1, 1), f"invalid Python: {error}",
                     "fix the file: deploylint reads it to find what it starts")
    return None


def _newer_python(repo: Repo, path: str, text: str) -> Module | bool | None:
    """A file valid for a newer Python (python_modern): its Module; False when it is
    valid newer Python that still cannot be read (reported as an analysis limit when
    that rule exists); None when it is simply broken."""
    from .python_modern import downgrade

    patched = downgrade(text)
    if patched is None:
        return None
    from ..safe import LimitExceeded, parse_python

    try:
        return Module(path, parse_python(patched, path), text)
    except (SyntaxError, ValueError, LimitExceeded):
        from ..checks import RULES

        if "DPL006" in RULES:
            repo.problem("DPL006", Location(path, 1, 1),
                         f"{path} uses Python syntax newer than the Python deploylint runs on; not analysed",
                         "run deploylint with the Python version the project targets")
        return False
