"""Walks over a module's syntax tree that the module's indexes use (python_module): a
breadth-first walk in `ast.walk`'s order that reads only the fields that can hold nodes,
and the assignment/environment index that grows as stubbed blocks (python_lazy) are
parsed, filing each block's nodes where a walk of the whole tree has them. Split from
python_module, which re-exports `walk` and `child_blocks`.
"""
from __future__ import annotations

import ast
from collections import deque
from typing import TYPE_CHECKING

from . import python_lazy as lazy

if TYPE_CHECKING:
    from .python_module import Module


# fields that never hold a node worth visiting (names, flags, operators, load/store contexts)
_PLAIN_FIELDS = frozenset({"ctx", "op", "ops", "id", "arg", "attr", "kind", "type_comment", "level", "module", "is_async",
                           "conversion", "simple", "name", "asname", "names", "kwd_attrs", "rest", "tag", "lineno"})
_CHILD_FIELDS: dict[type, tuple[str, ...]] = {ast.Constant: (), ast.MatchSingleton: ()}


def walk(tree: ast.AST, parsed_only: bool = False, closed: set[int] | frozenset = frozenset()) -> list[ast.AST]:
    """The nodes under `tree` in `ast.walk`'s order (breadth first), about twice as fast:
    only the fields that can hold nodes are read, no generator per node; operators,
    load/store contexts and import aliases (leaves nothing asks for) are left out.
    `parsed_only`: stubbed blocks not parsed yet (python_lazy) are not entered; nor are
    the blocks of the (stubbed) functions whose ids are in `closed`."""
    return _breadth_first(tree, _CHILD_FIELDS, lambda name: name not in _PLAIN_FIELDS, parsed_only, closed)


def _breadth_first(tree: ast.AST, fields_of: dict, followed, parsed_only: bool = False,
                   closed: set[int] | frozenset = frozenset()) -> list[ast.AST]:
    """`tree` and the nodes under it, breadth first, entering the fields `followed(name)`
    accepts (decided once per node type, remembered in `fields_of`)."""
    nodes: list[ast.AST] = []
    todo = deque([tree])
    pop, push, extend, append = todo.popleft, todo.append, todo.extend, nodes.append
    lazy_types = lazy.LAZY_TYPES
    while todo:
        node = pop()
        append(node)
        kind = type(node)
        fields = fields_of.get(kind)
        if fields is None:
            fields = fields_of[kind] = tuple(f for f in kind._fields if followed(f))
        if kind in lazy_types and ((parsed_only and "_stub" in node.__dict__) or id(node) in closed):
            fields = tuple(f for f in fields if f != "body")
        for name in fields:
            value = getattr(node, name, None)
            if type(value) is list:
                extend([item for item in value if item is not None])
            elif isinstance(value, ast.AST):
                push(value)
    return nodes


class _Index:
    """Facts read from a breadth-first walk of a module's parsed nodes, in the walk's
    order (`take(order, node, appending)` files them), grown as stubbed blocks are parsed:
    a block's nodes are filed where a walk of the whole tree has them (`order`)."""

    def __init__(self, module: Module, every_node: bool, take):
        self.fields_of, self.followed = _index_fields(every_node)
        self.stub_order: dict[int, tuple] = {}  # id(stub not parsed yet) -> (its walk order, it)
        self.take = take
        for order, node in _keyed([((0,), module.tree)], self.fields_of, self.followed, self.stub_order):
            take(order, node, True)

    def grow(self, node: ast.AST) -> None:
        """A stubbed block was just parsed: file its nodes."""
        entry = self.stub_order.pop(id(node), None)
        if entry is None:  # the walk did not meet it as a stub (it was parsed before)
            return
        roots = _children(node, entry[0], self.fields_of, self.followed, only="body")
        for entry in _keyed(roots, self.fields_of, self.followed, self.stub_order):
            self.take(*entry, False)


def _index_fields(every_node: bool) -> tuple[dict, object]:
    """What the assignment index walks: every node (`walk`) or statements (`statements`)."""
    if every_node:
        return _CHILD_FIELDS, lambda name: name not in _PLAIN_FIELDS
    return _STATEMENT_FIELDS, lambda name: name in _BLOCK_FIELDS


def _children(node: ast.AST, order: tuple, fields_of: dict, followed, skip: str = "", only: str = "") -> list:
    """(order, child) for the children of `node` the walk enters. A child's order is the
    parent's with its depth one more and (field number, item number) appended, so orders
    sort as a breadth-first walk of the whole tree visits the nodes, whatever blocks are
    parsed yet (a stubbed block's statements take the place they would have had)."""
    kind = type(node)
    fields = fields_of.get(kind)
    if fields is None:
        fields = fields_of[kind] = tuple(f for f in kind._fields if followed(f))
    depth, path = order[0] + 1, order[1:]
    found = []
    for number, name in enumerate(fields):
        if name == skip or (only and name != only):
            continue
        value = getattr(node, name, None)
        if type(value) is list:
            found += [((depth, *path, number << 32 | item), child) for item, child in enumerate(value)
                      if child is not None]
        elif isinstance(value, ast.AST):
            found.append(((depth, *path, number << 32), value))
    return found


def _keyed(roots: list, fields_of: dict, followed, stub_order: dict) -> list[tuple[tuple, ast.AST]]:
    """(order, node) for `roots` and the nodes under them, breadth first, not entering the
    stubbed blocks not parsed yet (their orders are kept in `stub_order` by node id)."""
    found: list[tuple[tuple, ast.AST]] = []
    todo = deque(roots)
    lazy_types = lazy.LAZY_TYPES
    while todo:
        order, node = entry = todo.popleft()
        found.append(entry)
        skip = ""
        if type(node) in lazy_types and "_stub" in node.__dict__:
            stub_order[id(node)] = entry
            skip = "body"
        todo.extend(_children(node, order, fields_of, followed, skip))
    return found


# the statements that hold statements (besides definitions): child_blocks is empty for the others
_BLOCK_STATEMENTS = frozenset({ast.If, ast.For, ast.AsyncFor, ast.While, ast.With, ast.AsyncWith, ast.Try, ast.Match,
                               *([ast.TryStar] if hasattr(ast, "TryStar") else [])})
_BLOCK_FIELDS = frozenset({"body", "orelse", "finalbody", "handlers", "cases", "items"})
_STATEMENT_FIELDS: dict[type, tuple[str, ...]] = {}


def child_blocks(stmt: ast.stmt) -> list[list[ast.stmt]]:
    blocks = [getattr(stmt, name) for name in ("body", "orelse", "finalbody") if isinstance(getattr(stmt, name, None), list)]
    blocks.extend(h.body for h in getattr(stmt, "handlers", []))
    blocks.extend(c.body for c in getattr(stmt, "cases", []))
    return blocks
