"""A JavaScript/TypeScript module's summary, built from what the scan asks for.

A query or walk over every node of a big file costs as much as parsing it again (a
1.9 MB bundle has ~930k nodes), while the reachability walk usually reads a few top-level
statements and a handful of names. So nothing here visits the whole tree:

- imports, exports, packages and `process.env` names come from the places the bytes
  `require`, `import`, `export` and `process.env` occur: each is looked up in the tree
  (in C) and the declarations around it are summarised;
- what a name is bound to (functions, methods, first value, `new X()` instance) is
  summarised on first ask, from the declarations around the places the name occurs;
- the calls, `new`s and imports a unit runs are collected when the walk reaches the
  unit, by a walk of that unit alone that stops at nested functions.

Each answer is the one a summary of every node would give (a declaration keyed by a
name always holds that name within a few levels of its node). A module asked about
too many names at too many places falls back to that full summary, once, so the total
work stays linear in the file. Used from js_module.LAZY_FROM_BYTES on: a small file, most
of it reached, is cheaper to summarise whole.
"""
from __future__ import annotations

import re
from functools import lru_cache

ANCHORS = (b"require", b"import", b"export", b"process.env")
# Levels above a name occurrence where a declaration keyed by it can be: `{ 'name': f }`
# is string_fragment -> string -> pair; `this.name = ...` is property -> member -> assignment.
NAME_LEVELS = 3
# The declarations that key the per-name tables (calls, imports and exports key none).
NAMED_TYPES = frozenset({
    "function_declaration", "generator_function_declaration", "class_declaration", "class",
    "abstract_class_declaration", "variable_declarator", "assignment_expression", "method_definition",
    "field_definition", "public_field_definition", "pair",
})
# Occurrences looked at per module before one full summary is cheaper than more lookups:
# a full summary costs about as much per node as a lookup per 10-20 occurrences.
NODES_PER_OCCURRENCE = 16
MAX_NAME_BYTES = 256
SCAN_BYTES_PER_OCCURRENCE = 20_000  # searching the bytes for a name costs as much as one occurrence per 20 kB
MIN_BUDGET = 64


class Entry:
    """What one name stands for in one module."""

    __slots__ = ("functions", "methods", "value", "instance")

    def __init__(self, functions=(), methods=(), value=None, instance=None):
        self.functions, self.methods, self.value, self.instance = list(functions), list(methods), value, instance


EMPTY = Entry()


class Names:
    """The per-name part of a module's summary, filled on demand."""

    def __init__(self, module):
        self.module = module
        self.cache: dict[str, Entry] = {}
        self.work = 0
        self.budget = max(MIN_BUDGET, module.root.descendant_count // NODES_PER_OCCURRENCE)
        self.full = None  # a scratch module summarised from every node, past the budget

    def entry(self, name) -> Entry:
        if not isinstance(name, str) or not name:
            return EMPTY
        found = self.cache.get(name)
        if found is None:
            found = self.cache[name] = self._from_full(name) if self.full is not None else self._lookup(name)
        return found

    def _lookup(self, name: str) -> Entry:
        from .js_module import node_key

        module = self.module
        source, root = module.source, module.root
        length = len(name.encode("utf-8"))
        places = [] if length > MAX_NAME_BYTES else [m.start() for m in _occurrences(name).finditer(source)]
        self.work += len(places) + 1 + len(source) // SCAN_BYTES_PER_OCCURRENCE
        if self.work > self.budget or length > MAX_NAME_BYTES:  # no pattern built for a huge "name"
            self.full = full_summary(module)
            return self._from_full(name)
        nodes: dict[tuple, object] = {}
        for at in places:
            node = root.descendant_for_byte_range(at, at + length)
            for _ in range(NAME_LEVELS + 1):
                if node is None:
                    break
                if node.type in NAMED_TYPES and node.is_named:
                    nodes.setdefault(node_key(node), node)
                node = node.parent
        if not nodes:
            return EMPTY
        scratch = collected(module, nodes.values())
        return _entry(scratch, name)

    def _from_full(self, name: str) -> Entry:
        return _entry(self.full, name)


@lru_cache(maxsize=4096)
def _occurrences(name: str):
    """Where `name` stands as a whole word and could be declared: not `x.name` read or
    called (the bulk of a method name's occurrences), but `x.name = ...`. The bytes are
    searched in C: the work in Python is the places that can declare the name."""
    word = re.escape(name.encode("utf-8"))
    # the word first (a literal the engine finds fast), then what stands before it
    return re.compile(word + rb"(?![\w$\x80-\xff])(?:(?<![\w$\x80-\xff.]" + word + rb")"
                      rb"|(?<=\." + word + rb")(?=[ \t\r\n]*=(?![=>])))")


def _entry(scratch, name: str) -> Entry:
    found = Entry(scratch.functions.get(name, ()), scratch.methods.get(name, ()),
                  scratch.values.get(name), scratch.instances.get(name))
    return EMPTY if not (found.functions or found.methods or found.value is not None or found.instance is not None) \
        else found


class Table:
    """One per-name table of a module (`functions`, `methods`, `values`, `instances`),
    read like the dict a full summary would have built."""

    __slots__ = ("names", "field")

    def __init__(self, names: Names, field: str):
        self.names, self.field = names, field

    def get(self, name, default=None):
        value = getattr(self.names.entry(name), self.field)
        if isinstance(value, list):
            return value if value else default
        return default if value is None else value

    def __contains__(self, name) -> bool:
        return self.get(name) is not None

    def __getitem__(self, name):
        value = self.get(name)
        if value is None:
            raise KeyError(name)
        return value


def collected(module, nodes):
    """A scratch module (same file) summarised from `nodes`, in source order."""
    from .js_collect import collect
    from .js_module import Module

    scratch = Module(module.path, module.language, module.source, module.root)
    scratch._env_at = module.env_places()
    calls = (b"require", b"import")
    source = module.source
    for node in sorted(nodes, key=lambda n: (n.start_byte, -n.end_byte)):
        if node.type != "call_expression" or source.startswith(calls, node.start_byte):
            collect(scratch, node)
    return scratch


def full_summary(module):
    """The summary of every declaration of the file (the fallback for heavy use)."""
    from .js_module import SUMMARY_TYPES, _matches

    return collected(module, _matches(module.language, module.root, SUMMARY_TYPES))


def summarise(module) -> None:
    """Fill `module`'s imports, exports, packages and environment names from the places
    that can define them; set up the per-name tables."""
    from .js_module import SUMMARY_TYPES, node_key

    summary_types = frozenset(SUMMARY_TYPES)
    root = module.root
    nodes: dict[tuple, object] = {}
    seen: set[tuple] = set()
    for start, end in _anchors(module.source):
        node = root.descendant_for_byte_range(start, end)
        while node is not None:
            key = (*node_key(node), node.is_named)  # the `import` keyword spans its named node
            if key in seen:  # its ancestors were visited from an earlier anchor
                break
            seen.add(key)
            if node.type in summary_types and node.is_named:
                nodes[key] = node
            node = node.parent
    scratch = collected(module, nodes.values())
    _package_patterns(scratch, root)
    module.imports, module.exports, module.star_sources = scratch.imports, scratch.exports, scratch.star_sources
    module.packages, module.env_names, module.env_aliases = scratch.packages, scratch.env_names, scratch.env_aliases
    names = module.names = Names(module)
    module.functions, module.methods = Table(names, "functions"), Table(names, "methods")
    module.values, module.instances = Table(names, "value"), Table(names, "instance")


def _package_patterns(scratch, root) -> None:
    """`import wweb from 'whatsapp-web.js'; const { Client } = wweb`: the names destructured
    from a whole imported package are imports too (js_collect._whole_package). The places are
    the occurrences of each such local name that are the value of an object pattern."""
    from .js_collect import declarator

    source = scratch.source
    for local, binding in list(scratch.imports.items())[:100]:
        if binding.relative or binding.name not in (None, "default") or not local.isidentifier():
            continue
        word = local.encode()
        at = source.find(word)
        while at >= 0:
            node = root.descendant_for_byte_range(at, at + len(word))
            parent = node.parent if node is not None else None
            if node is not None and node.type == "identifier" and parent is not None and parent.type == "variable_declarator" \
                    and parent.child_by_field_name("value") == node:
                pattern = parent.child_by_field_name("name")
                if pattern is not None and pattern.type == "object_pattern":
                    declarator(scratch, pattern, node)
            at = source.find(word, at + 1)


_SUMMARISED, _UNIT, _BOUNDARY = 1, 2, 4


@lru_cache(maxsize=None)
def _roles() -> tuple[tuple, dict]:
    """The node types one query of a whole file asks for, and what each is for."""
    from .js_module import BOUNDARY_TYPES, SUMMARY_TYPES, UNIT_TYPES

    kinds = tuple(dict.fromkeys((*SUMMARY_TYPES, *UNIT_TYPES, *sorted(BOUNDARY_TYPES))))
    roles = {kind: (_SUMMARISED if kind in SUMMARY_TYPES else 0) | (_UNIT if kind in UNIT_TYPES else 0)
             | (_BOUNDARY if kind in BOUNDARY_TYPES else 0) for kind in kinds}
    return kinds, roles


def summarise_whole(module) -> None:
    """The summary of every node of a (small) file and the calls each unit owns."""
    from .js_collect import collect
    from .js_module import _matches, node_key

    # One query over the tree (each query walks every node in C: the cost of a big file)
    # finds the declarations to summarise, the calls/imports that make up each unit and
    # the boundaries (functions, class bodies) that own them. In source order, the open
    # boundaries form a stack: a unit's owner is the innermost one that contains it, found
    # without walking up through `parent` (which tree-sitter answers from the root down).
    module._whole = True
    kinds, roles = _roles()
    units: list = []
    open_boundaries: list = []  # node keys: (start byte, end byte, type)
    root_key = node_key(module.root)
    calls, source = (b"require", b"import"), module.source
    for node in _matches(module.language, module.root, kinds):
        kind = node.type
        role = roles[kind]
        if role & _SUMMARISED:
            # only `require(...)` / `import(...)` calls are summarised (they name a
            # package): a byte check first, a big file has tens of thousands of calls
            if kind != "call_expression" or source.startswith(calls, node.start_byte):
                collect(module, node)
        if role & (_BOUNDARY | _UNIT):
            start, end = node.start_byte, node.end_byte
            while open_boundaries:
                top = open_boundaries[-1]
                if top[0] <= start and end <= top[1]:
                    break
                open_boundaries.pop()
            if role & _BOUNDARY:
                open_boundaries.append((start, end, kind))
            else:
                units.append((open_boundaries[-1] if open_boundaries else root_key, node))
    owned = module.owned
    for key, node in units:
        owned.setdefault(key, []).append(node)


def _anchors(source: bytes):
    """(start, end) of every `require`, `import`, `export` and `process.env` in the bytes
    (one C search per word: an alternation of the four is several times slower)."""
    for word in ANCHORS:
        at = source.find(word)
        while at >= 0:
            yield at, at + len(word)
            at = source.find(word, at + 1)


def own_nodes(unit_node, unit_types, boundary_types) -> list:
    """Calls, `new`s, imports and exports under `unit_node` that are not inside a nested
    function or class body, in source order."""
    found = []
    stack = list(reversed(unit_node.named_children))
    while stack:
        node = stack.pop()
        kind = node.type
        if kind in boundary_types:
            continue
        if kind in unit_types:
            found.append(node)
        if node.named_child_count:
            stack.extend(reversed(node.named_children))
    return found
