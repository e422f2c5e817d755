"""One Python module read with `ast` (never imported, never run): its definitions,
import bindings and assignments, and the Facts protocol python_signatures asks.

Parsed once per scan and memoised on the Repo. A file that only a newer Python
accepts (PEP 701 f-strings, `type` statements, PEP 695 generics) is read through
python_modern, not reported as broken.
"""
from __future__ import annotations

import ast
import re
from bisect import bisect_left, bisect_right

from ..record import dataclass

from ..model import Location
from ..repo import Repo
from . import python_lazy as lazy
from .python_blocks import StubbedBlocks, _may_assign
from . import python_signatures as sig
from .python_values import env_name
from .python_walk import _BLOCK_STATEMENTS, _Index, child_blocks, walk  # noqa: F401 (walk, child_blocks re-exported)

# forks that keep the original's API under another package name: the signatures of the
# original apply (Hydrogram is a Pyrogram fork; pyrofork and kurigram import as `pyrogram`)
LIB_ALIASES = {"hydrogram": "pyrogram"}


@dataclass(frozen=True)
class Binding:
    """A name bound by an import: `from .m import f as g` -> Binding("m", "f", 1)."""

    module: str
    attr: str | None
    level: int


class Skeleton(Exception):
    """The skeleton of a large module did not parse as expected: parse it whole."""


class Module(StubbedBlocks):
    def __init__(self, path: str, tree: ast.Module, text: str, stubs: list | None = None, whole=None):
        self.path = path
        self.tree = tree
        self.text = text
        self.version = 0  # blocks parsed since the tree was read (python_lazy): indexes follow it
        self._stubs = stubs or []
        self._asked: set[tuple] = set()  # patterns whose stubbed blocks are parsed
        self._whole = whole  # () -> the module parsed whole (python_lazy fallback), or None
        self._full: ast.Module | None = None
        self._lines: list[str] | None = None  # split on first use (only non-ASCII columns need them)
        self.hits: dict[tuple, list] = {}  # (node id, libraries) -> signature hits, shared by scans
        self.bindings: dict[str, Binding] = {}
        self.alternates: dict[str, list[Binding]] = {}  # later imports of a bound name (`except ImportError:`)
        self.stars: list[Binding] = []  # `from x import *`
        self.libs: set[str] = set()  # top-level packages imported absolutely
        self.defs: dict[str, ast.AST] = {}  # "main", "Bot", "Bot.run", "main.inner"
        self._assigned: dict[str, list[ast.expr]] | None = None  # "TOKEN" or ".attr" -> values
        self._order: dict[str, list[tuple]] = {}  # the walk order of each value in _assigned
        self._env: list[tuple[tuple, str]] | None = None  # (walk order, variable) read from the environment
        self._env_names: list[str] | None = None
        self._env_with: dict[str, list[str]] = {}  # env_names(containing) answered without the index
        self._indexes: list[_Index] = []  # grown as stubbed blocks are parsed
        self._mentions: dict = {}  # word (or ("i", word): in any case) -> found in the source
        self._locations: dict[tuple, Location] = {}
        self._qualified: dict[ast.AST, str] = {}
        self._candidates: dict[str, list[tuple[tuple, ast.AST]]] = {}  # word -> stubbed blocks that may assign it
        self._words: dict[str, list] | None = None  # ASCII word -> stubs whose text holds it (_stubs_with)
        self._tokens: set[str] | None = None  # ASCII words of a large text (mentions_word)
        if stubs and not lazy.attach(tree, stubs, self, text):
            raise Skeleton(path)
        nested: list[ast.stmt] = []
        self._collect(tree.body, "", nested)
        if self._stubs:  # imports in stubbed blocks, read from their text; in the order of the text
            found = lazy.imports(text, self._stubs)
            if found is None:
                for stub in self._stubs:
                    self._collect(stub.node.body, stub.qual, nested)
            else:
                nested.extend(found)
            nested.sort(key=lambda stmt: stmt.lineno)
        for stmt in nested:  # imports inside functions bind too, but module-level ones win
            self._import(stmt)

    def _collect(self, body: list[ast.stmt], prefix: str, nested: list[ast.stmt]) -> None:
        """Definitions and imports, visiting statements only (expressions are not needed)."""
        for stmt in body:
            if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                qual = f"{prefix}.{stmt.name}" if prefix else stmt.name
                self.defs.setdefault(qual, stmt)
                stub = lazy.pending(stmt) if type(stmt) in lazy.LAZY_TYPES else None
                if stub is not None:
                    stub.qual = qual  # its definitions are collected when it is parsed
                else:
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
                self.libs.add(LIB_ALIASES.get(top, top))
                self._bind(alias.asname or top, Binding(alias.name if alias.asname else top, None, 0))
            return
        if not node.level and node.module:
            top = node.module.split(".")[0]
            self.libs.add(LIB_ALIASES.get(top, top))
        for alias in node.names:
            if alias.name == "*":
                self.stars.append(Binding(node.module or "", None, node.level))
            else:
                self._bind(alias.asname or alias.name, Binding(node.module or "", alias.name, node.level))

    def _bind(self, name: str, binding: Binding) -> None:
        """The first import of a name binds it; a different later one (`try: from local import
        bot` / `except ImportError: from prod import bot`) is an alternate the resolver also reads."""
        first = self.bindings.setdefault(name, binding)
        if first != binding:
            others = self.alternates.setdefault(name, [])
            if binding not in others and len(others) < 4:
                others.append(binding)

    @property
    def assigned(self) -> dict[str, list[ast.expr]]:
        """Assignments, indexed on first use (most modules never need them), in the order
        of a walk of the whole tree. Assignments are statements (and `with ... as`), so
        only statements are visited, in that same order; a walrus (`:=`, an assignment
        inside an expression) makes it the walk of every node. A block parsed later
        (python_lazy) adds its own assignments where the walk of the whole tree has them,
        so the index is built once per module, not once per parsed block."""
        if self._assigned is None:
            self._assigned, self._order = {}, {}
            self._assigning = _Index(self, ":=" in self.text, self._index_assignment)
            self._indexes.append(self._assigning)
        return self._assigned

    def _index_assignment(self, order: tuple, node: ast.AST, appending: bool) -> None:
        kind = type(node)
        if kind in _ASSIGNS and node.value is not None:
            for target in node.targets if kind is ast.Assign else [node.target]:
                self._assign(target, node.value, order, appending)
        elif kind is ast.withitem and node.optional_vars is not None:
            self._assign(node.optional_vars, node.context_expr, order, appending)

    def env_names(self, containing: str = "") -> list[str]:
        """Environment variables read anywhere in the module, in the order of a walk of
        the whole tree (only those whose name holds `containing`, upper case, when given:
        stubbed blocks without it stay unparsed)."""
        if not self.mentions("env") and not self.mentions("config"):
            return []  # no getenv/environ/env(...)/config(...) anywhere: nothing to walk for
        wanted = _pattern("%s", containing, re.I) if containing else None
        if wanted is not None and not self._mentions.setdefault(("i", containing), wanted.search(self.text) is not None):
            return []  # a name holding `containing` is a string in the source: none, so no need to index
        def holds(text: str, start: int, end: int) -> bool:
            return (text.find("env", start, end) >= 0 or text.find("config", start, end) >= 0) and (
                wanted is None or wanted.search(text, start, end) is not None)

        if self._stubs:  # the blocks that read the environment (python_signatures.env_name), with `containing`
            self.parse_matching(("env", containing), holds)
        if containing and self._env is None:
            return self._env_holding(containing, holds)
        if self._env is None:
            self._env = []
            self._indexes.append(_Index(self, True, self._index_env))
        if self._env_names is None:
            self._env_names = [name for _, name in self._env]
        return [name for name in self._env_names if containing in name.upper()] if containing else self._env_names

    def _env_holding(self, containing: str, holds) -> list[str]:
        """env_names(containing) without the index: one walk of the parsed tree that does
        not enter the blocks whose text cannot hold such a read (the blocks `holds` accepts
        are parsed: the rest can add none later), in the same order (a breadth-first walk
        keeps the order of the nodes it visits whatever subtrees it leaves out). Asked for
        one word (the token variable) in every module a bot imports: the index, kept for
        lookups that grow, costs an order key per node of every such module."""
        found = self._env_with.get(containing)
        if found is None:
            text = self.text
            closed = {id(stub.node) for stub in self._stubs if not holds(text, stub.start, stub.end)}
            found = self._env_with[containing] = [
                name for node in walk(self.tree, True, closed) if type(node) in (ast.Call, ast.Subscript)
                and (name := env_name(node)) and containing in name.upper()]
        return found

    def _index_env(self, order: tuple, node: ast.AST, appending: bool) -> None:
        if type(node) in (ast.Call, ast.Subscript) and (name := env_name(node)):
            at = len(self._env) if appending else bisect_right(self._env, order, key=lambda entry: entry[0])
            self._env.insert(at, (order, name))
            self._env_names = None

    def _assign(self, target: ast.expr, value: ast.expr, order: tuple, appending: bool) -> None:
        if isinstance(target, (ast.Tuple, ast.List)):
            if isinstance(value, (ast.Tuple, ast.List)) and len(value.elts) == len(target.elts):
                for t, v in zip(target.elts, value.elts):
                    self._assign(t, v, order, appending)
            return
        key = target.id if isinstance(target, ast.Name) else "." + target.attr if isinstance(target, ast.Attribute) else None
        if not key:
            return
        values, orders = self._assigned.setdefault(key, []), self._order.setdefault(key, [])  # type: ignore[union-attr]
        if appending:  # the first walk: in order already
            values.append(value)
            orders.append(order)
            return
        at = bisect_right(orders, order)
        orders.insert(at, order)
        self._assigned[key] = [*values[:at], value, *values[at:]]  # type: ignore[index]  # a list handed out stays as it was

    # -- the Facts protocol of python_signatures -------------------------------------------
    def qualified(self, expr: ast.AST) -> str:
        """`tg.Bot` -> "telegram.Bot" through the import bindings (remembered per node: the
        detectors ask it of the same callee many times; keyed on the node itself, so a
        node made on the fly is not mistaken for another)."""
        found = self._qualified.get(expr)
        if found is None:
            found = self._qualified[expr] = self._qualify(expr)
        return found

    def _qualify(self, expr: ast.AST) -> str:
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

    def values(self, key: str, limit: int | None = None) -> list[ast.expr]:
        """What `key` ("NAME" or ".attr") is assigned, in walk order (the first `limit`
        only, when given). A name that is nowhere in the source text is assigned nowhere:
        asked across many modules, most answers need no walk."""
        word = key.lstrip(".")
        if key.isascii() and not self.mentions_word(word):
            return []
        if limit is None or not self._stubs or ("assign", word) in self._asked:
            self.parse_assigning(word)
            return self.assigned.get(key, []) if limit is None else self.assigned.get(key, [])[:limit]
        return self._first_values(key, word, limit)

    def _first_values(self, key: str, word: str, limit: int) -> list[ast.expr]:
        """The first `limit` values of `key` in walk order, parsing only the stubbed blocks
        that could hold one of them. A block's assignments all come after its `def` in the
        walk (one level deeper, under its path), so once `limit` values sort before the
        next candidate block, no block left can change the answer. A local variable asked
        about (`resp.json()`) no longer parses every function of the module that assigns one."""
        _ = self.assigned  # the index, with every block parsed so far
        candidates = self._candidates.get(word)
        if candidates is None:  # (where its values would sort, stubbed function) for blocks that may assign `word`
            text = self.text
            stub_order = self._assigning.stub_order
            candidates = self._candidates[word] = sorted(
                (((order[0] + 1, *order[1:]), node) for order, node in
                 (stub_order[id(s.node)] for s in self._stubs_with(word) if id(s.node) in stub_order)
                 if (stub := lazy.pending(node)) is not None and _may_assign(text, word, stub.start, stub.end)),
                key=lambda candidate: candidate[0])
        for bound, node in candidates:
            if lazy.pending(node) is None:
                continue
            if bisect_left(self._order.get(key, []), bound) >= limit:
                break
            _ = node.body  # parsed: its assignments join the index
        return self.assigned.get(key, [])[:limit]

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
        """Where `node` is (a function of its four positions, remembered: every process
        that walks the module asks for the same call sites)."""
        key = (getattr(node, "lineno", 0), getattr(node, "col_offset", 0), getattr(node, "end_lineno", None),
               getattr(node, "end_col_offset", None))
        found = self._locations.get(key)
        if found is None:
            line, column, end_line, end_column = key
            end_line = end_line or line
            found = self._locations[key] = Location(self.path, line, self._column(line, column) + 1, end_line,
                                                    self._column(end_line, end_column or 0) + 1)
        return found

    @property
    def lines(self) -> list[str]:
        if self._lines is None:
            self._lines = self.text.splitlines()
        return self._lines

    def _column(self, line: int, offset: int) -> int:
        """ast counts UTF-8 bytes; Locations count characters."""
        lines = self.lines
        text = lines[line - 1] if 0 < line <= len(lines) else ""
        return offset if text.isascii() else len(text.encode("utf-8")[:offset].decode("utf-8", "ignore"))


_ASSIGNS = (ast.Assign, ast.AnnAssign, ast.NamedExpr)
_PATTERNS: dict[tuple, re.Pattern] = {}


def _pattern(template: str, word: str, flags: int = 0) -> re.Pattern:
    """`template` with `word` (escaped) in every %s, compiled once."""
    key = (template, word, flags)
    if key not in _PATTERNS:
        _PATTERNS[key] = re.compile(template.replace("%s", re.escape(word)), flags)
    return _PATTERNS[key]


def load(repo: Repo, path: str) -> Module | None:
    """The parsed module, or None (unreadable, or DPL001 for invalid Python)."""
    return repo.memo(("python-module", path), lambda: _parse(repo, path))


def _parse(repo: Repo, path: str) -> Module | None:
    text = repo.read_text(path)
    if text is None:
        return None
    if len(text) >= lazy.LAZY_MIN:
        module = _skeleton(path, text, lambda: _whole(repo, path, text))
        if module is not None:
            return module
    return _whole(repo, path, text)


def _whole(repo: Repo, path: str, text: str) -> Module | None:
    """The module parsed whole; None when it is broken (DPL001) or too deep."""
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


def _skeleton(path: str, text: str, whole=None) -> Module | None:
    """A large module read with its function blocks stubbed (python_lazy), or None: no
    stubs (or tab indentation, or lone CR line ends; CRLF and a missing final newline
    are normalised first), or the skeleton does not parse as planned (then the whole text is parsed, and
    reported as before if it is broken). `whole()` parses the module whole when a block
    turns out not to parse on its own (a block that is broken, or needs a newer Python):
    a broken block is reported when the walk reaches it, not before."""
    from ..safe import LimitExceeded, parse_python

    text = lazy.normalised(text)  # type: ignore[assignment]
    if text is None:
        return None
    skeleton, stubs = lazy.skeleton(text)
    if not stubs:
        return None
    try:
        module = Module(path, parse_python(skeleton, path), text, stubs, whole)
    except (SyntaxError, ValueError, LimitExceeded, Skeleton):
        return None
    return module


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
