"""Which bot a poller belongs to: the environment variable (or settings field) its
credential is read from, followed through assignments and imports. A mixin of the walk
(python._Walker, a Resolver), which supplies `repo`, `locate` and `_imported_files`."""
from __future__ import annotations

import ast

from ..patterns import lazy_re
from . import python_signatures as sig
from .python_module import Module, load
from .python_values import env_name

NOT_CREDENTIALS = lazy_re(r"URL|HOST|PORT|PATH|WEBHOOK|DEBUG|MODE|ENV")


class Tokens:
    def token(self, m: Module, hit: sig.Hit) -> str:
        """The environment variable the bot's credential comes from, best effort."""
        names: list[str] = []
        seen: set[tuple[str, str]] = set()
        for expr in hit.credentials:
            self._env_in(m, expr, names, seen, 4)
        imported = [load(self.repo, path) for path in self._imported_files(m)]  # every import is read, as ever
        tokens = [n for n in names if "TOKEN" in n.upper()]
        if tokens:
            return tokens[0]
        for module in (m, *imported):  # the first TOKEN variable the module or its imports read
            for name in module.env_names("TOKEN") if module is not None else ():
                return name
        found = next((n for n in names if not NOT_CREDENTIALS.search(n.upper())), "")
        return found or self._token_setting(m, hit)

    def _token_setting(self, m: Module, hit: sig.Hit) -> str:
        """No environment variable in sight: the settings field the credential is read from
        (`settings.HOOK_TOKEN`, a pydantic BaseSettings field reads the variable of that name),
        so two bots read from two different token fields are told apart."""
        seen: set[tuple[str, str]] = set()
        stack = [(m, expr, 3) for expr in hit.credentials[:8]]
        while stack:
            module, expr, depth = stack.pop(0)
            nodes = list(ast.walk(expr))
            called = {id(n.func) for n in nodes if isinstance(n, ast.Call)}  # `builder().token(T)` is a method
            for node in nodes:
                if (isinstance(node, ast.Attribute) and "TOKEN" in node.attr.upper() and id(node) not in called
                        and isinstance(node.ctx, ast.Load)):
                    return "field:" + node.attr
                if depth and isinstance(node, ast.Name) and isinstance(node.ctx, ast.Load):
                    for owner, key in self._definitions(module, node):
                        if (owner.path, key) not in seen and len(seen) < 32:
                            seen.add((owner.path, key))
                            stack.extend((owner, value, depth - 1) for value in owner.values(key)[:3])
        return ""

    def _env_in(self, m: Module, expr: ast.AST, out: list[str], seen: set, depth: int) -> None:
        for node in ast.walk(expr):
            name = env_name(node)
            if name:
                out.append(name)
            elif depth and isinstance(node, (ast.Name, ast.Attribute)) and isinstance(node.ctx, ast.Load):
                for owner, key in self._definitions(m, node):
                    if (owner.path, key) not in seen:
                        seen.add((owner.path, key))
                        for value in owner.values(key)[:3]:
                            self._env_in(owner, value, out, seen, depth - 1)

    def _definitions(self, m: Module, node: ast.expr) -> list[tuple[Module, str]]:
        """Where a name's value is assigned: this module, or the module it is imported from."""
        if isinstance(node, ast.Attribute):
            root = node.value
            if isinstance(root, ast.Name) and m.imported_module(root.id):
                located = self.locate(m.path, m.bindings[root.id].module, 0)
                owner = load(self.repo, located[1]) if located and located[1] else None
                return [(owner, node.attr)] if owner else []
            return [(m, "." + node.attr)]
        if not isinstance(node, ast.Name):
            return []
        binding = m.bindings.get(node.id)
        if binding is not None and binding.attr:
            located = self.locate(m.path, binding.module, binding.level)
            owner = load(self.repo, located[1]) if located and located[1] else None
            return [(owner, binding.attr)] if owner else []
        return [(m, node.id)]
