"""Literals for the js_eval Evaluator: object and array literals (spreads, keys and where
each value is written), template strings, and `path.join(__dirname, ...)` calls. A mixin
of Evaluator (js_eval), which supplies `_value`, `_identifier`, `where` and `text_of`."""
from __future__ import annotations

import re

from .js_static import MAX_ITEMS, Arr, DirPath, Obj, Overflow, Unknown, _js_number_text, _unescape, concat

# the module's own file in ES modules (whitespace removed)
MODULE_FILE = frozenset({"(fileURLToPath(import.meta.url))", "(url.fileURLToPath(import.meta.url))",
                         "(import.meta.filename)", "(new URL(import.meta.url).pathname)".replace(" ", "")})


class Literals:
    # -- literals -------------------------------------------------------------------
    def _object(self, node, depth: int, scope) -> Obj:
        obj = Obj(self.where(node))
        for child in node.named_children:
            if child.type == "pair":
                key_node, value_node = child.child_by_field_name("key"), child.child_by_field_name("value")
                key = self._key(key_node, depth, scope)
                if key is None:
                    obj.partial = True
                    continue
                obj[key] = self._value(value_node, depth + 1, scope)
                obj.keys_at[key], obj.values_at[key] = self.where(key_node), self.where(value_node)
                obj.texts[key] = self.text_of(value_node)
            elif child.type == "shorthand_property_identifier":
                key = self.text_of(child)
                obj[key] = self._identifier(child, depth + 1, scope)
                obj.keys_at[key] = obj.values_at[key] = self.where(child)
                obj.texts[key] = key
            elif child.type == "spread_element" and child.named_children:
                obj.absorb(self._value(child.named_children[0], depth + 1, scope))
            elif child.type not in ("comment",):
                obj.partial = True  # a method or getter: keys we do not evaluate
        return obj

    def _key(self, node, depth: int, scope) -> str | None:
        if node.type in ("property_identifier", "number"):
            return self.text_of(node)
        if node.type == "string":
            return self._value(node, depth + 1, scope)
        if node.type == "computed_property_name" and node.named_children:
            key = self._value(node.named_children[0], depth + 1, scope)
            return key if isinstance(key, str) else None
        return None

    def _array(self, node, depth: int, scope) -> Arr:
        arr = Arr(self.where(node))
        for child in node.named_children:
            if child.type == "comment":
                continue
            if child.type == "spread_element" and child.named_children:
                spread = self._value(child.named_children[0], depth + 1, scope)
                if isinstance(spread, Overflow):
                    return spread
                if isinstance(spread, Arr):
                    if len(arr) + len(spread) > MAX_ITEMS:
                        self.exhausted = True  # `[...a, ...a]` doubled: never built
                        return Overflow(self.text_of(node))
                    arr.extend(spread)
                    arr.items_at.extend(spread.items_at)
                    arr.partial = arr.partial or spread.partial
                    continue
                arr.partial = True  # `...x` with x unknown: any number of items
            arr.append(self._value(child, depth + 1, scope))
            arr.items_at.append(self.where(child))
        return arr

    def _template(self, node, depth: int, scope):
        text = None
        for child in node.named_children:
            part = self._value(child.named_children[0], depth + 1, scope) if child.type == "template_substitution" and child.named_children else \
                self._fragment(child)
            if isinstance(part, (int, float)) and not isinstance(part, bool):
                part = _js_number_text(part)
            if not isinstance(part, str):
                return Unknown(self.text_of(node))
            text = part if text is None else concat(text, part)
            if not isinstance(text, str):
                self.exhausted = True  # past MAX_STRING
                return Unknown(self.text_of(node))
        return "" if text is None else text

    def _fragment(self, node) -> str:
        text = self.text_of(node)
        return _unescape(text) if node.type == "escape_sequence" else text

    def _path_call(self, node, depth: int, scope):
        """`path.join(__dirname, 'bot.js')`, `path.resolve(__dirname, 'dist')`; None: not one."""
        callee = re.sub(r"\s+", "", self.text_of(node.child_by_field_name("function")))
        args = node.child_by_field_name("arguments")
        if callee in ("path.dirname", "dirname") and args is not None \
                and re.sub(r"\s+", "", self.text_of(args)) in MODULE_FILE:
            return DirPath("")  # ESM's __dirname: `dirname(fileURLToPath(import.meta.url))`
        if callee not in ("path.join", "path.resolve", "join", "resolve", "require('path').join") or args is None:
            return None
        if callee in ("join", "resolve") and self.builtins.get(callee) is not None:
            return None
        parts = [self._value(a, depth + 1, scope) for a in args.named_children if a.type != "comment"]
        if not parts or not all(isinstance(p, str) for p in parts):
            return Unknown(self.text_of(node))
        result = parts[0]
        for part in parts[1:]:
            result = concat(result, "/" + part) if result or isinstance(result, DirPath) else part
            if not isinstance(result, str):
                return Unknown(self.text_of(node))
        return result
