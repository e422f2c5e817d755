"""Reading a PM2 ecosystem file into located values (split from formats/pm2.py).

JSON and YAML data become `Obj`/`Arr` with the location of every key; a JavaScript config
is read with tree-sitter and the shared static evaluator (code/js_eval), never run. Also:
the plain data handed to the schema check, with placeholders for values only known at run
time.
"""
from __future__ import annotations

import posixpath
import re

from ..model import Location
from ..repo import Repo

from ..code.js_eval import Evaluator as _JsReader
from ..code.js_static import Arr, Obj, Unknown
from .names import PM2_CANONICAL as CANONICAL


def _named_ecosystem(path: str) -> bool:
    name = posixpath.basename(path)
    return name in CANONICAL or name.startswith("ecosystem")


def _load_json(repo: Repo, path: str):
    from .. import jsonfile

    doc = jsonfile.load(repo, path)
    return None if doc is None else _located(doc.data, (), lambda keys: doc.where(*keys), lambda keys: doc.where(*keys))


def _load_yaml(repo: Repo, path: str):
    from .. import yamlfile

    data = yamlfile.load(repo, path)
    if data is None:
        return None
    nodes = {(): data}

    def node(keys):
        if keys not in nodes:
            parent = node(keys[:-1])
            nodes[keys] = parent[keys[-1]]
        return nodes[keys]

    def key_at(keys):
        return yamlfile.where(path, node(keys[:-1]), keys[-1]) if keys else yamlfile.where(path, data)

    def value_at(keys):
        parent = node(keys[:-1]) if keys else None
        return yamlfile.value_where(path, parent, keys[-1]) if isinstance(parent, dict) else key_at(keys)

    return _located(data, (), key_at, value_at)


def _located(value, keys: tuple, key_at, value_at):
    """Plain JSON/YAML data as Obj/Arr with locations."""
    if isinstance(value, dict):
        obj = Obj(key_at(keys))
        for key, item in value.items():
            obj[str(key)] = _located(item, (*keys, key), key_at, value_at)
            obj.keys_at[str(key)] = key_at((*keys, key))
            obj.values_at[str(key)] = value_at((*keys, key))
        return obj
    if isinstance(value, list):
        arr = Arr(key_at(keys))
        for i, item in enumerate(value):
            arr.append(_located(item, (*keys, i), key_at, value_at))
            arr.items_at.append(key_at((*keys, i)))
        return arr
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, int):
        return int(value)
    if isinstance(value, float):
        return float(value)
    return str(value)


def locate(root, keys: tuple) -> Location:
    """Where the key path `keys` is written (or its nearest parent)."""
    node, where = root, getattr(root, "at", None)
    for key in keys:
        if isinstance(node, Obj) and key in node:
            where, node = node.keys_at.get(key, node.at), node[key]
        elif isinstance(node, Arr) and isinstance(key, int) and key < len(node):
            where, node = node.items_at[key], node[key]
        else:
            break
    return where or Location("", 1, 1)


def _where(obj, key) -> Location:
    return obj.keys_at.get(key, obj.at) if isinstance(obj, Obj) else Location("", 1, 1)


def _item_at(items, index: int) -> Location:
    return items.items_at[index] if isinstance(items, Arr) and index < len(items.items_at) else getattr(items, "at", Location("", 1, 1))


# -- JavaScript, statically -----------------------------------------------------------
def _load_js(repo: Repo, path: str):
    text = repo.read_text(path)
    if text is None:
        return None
    from ..treesitter import first_error, parse as ts_parse

    tree = ts_parse("javascript", text)
    reader = _JsReader(path, text)
    exports = reader.exports(tree.root_node)
    error = first_error(tree.root_node)
    pm2_like = _named_ecosystem(path) or (isinstance(exports, Obj) and "apps" in exports)
    if error is None or not pm2_like:
        return exports
    where, what = _describe_error(reader, error, text)
    repo.problem("DPL001", where, f"JavaScript syntax error in {path}: {what}",
                 "fix the syntax; PM2 cannot load this file either")
    if exports is None:  # an ecosystem file with nothing readable: no apps, not "not PM2's"
        exports = Obj(Location(path, 1, 1))
        exports["apps"] = Arr(Location(path, 1, 1))
    return exports


def _describe_error(reader: "_JsReader", error, text: str) -> tuple[Location, str]:
    if error.is_missing:
        return reader.where(error), f"expected `{error.type}`"
    if not text.encode("utf-8")[error.end_byte:].strip():  # the error runs to the end of the file
        openers = []
        for child in error.children:
            if child.type in ("{", "[", "("):
                openers.append(child)
            elif child.type in ("}", "]", ")") and openers:
                openers.pop()
        if openers:
            return reader.where(openers[-1]), f"`{openers[-1].type}` is never closed (the file ends first)"
        return reader.where(error), "unexpected end of file"
    return reader.where(error), f"unexpected `{_short(reader.text_of(error), 30)}`"


def _short(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


# -- schema ---------------------------------------------------------------------------
def _for_schema(value, spec: dict, root: dict | None = None):
    """Plain data for jsonschema; an Unknown becomes a placeholder of the expected type,
    so only the keys the file really has wrong are reported."""
    from ..schema import _resolve

    root = root or spec
    spec = _resolve(spec, root)
    if isinstance(value, Unknown):
        return _placeholder(spec, root)
    if isinstance(value, dict):
        props, patterns = spec.get("properties", {}), spec.get("patternProperties", {})
        extra = spec.get("additionalProperties")
        out = {}
        for key, item in value.items():
            sub = props.get(key) or next((s for p, s in patterns.items() if re.search(p, key)), None) or \
                (extra if isinstance(extra, dict) else {})
            out[key] = _for_schema(item, sub, root)
        return out
    if isinstance(value, list):
        items = spec.get("items") if isinstance(spec.get("items"), dict) else {}
        return [_for_schema(item, items, root) for item in value]
    return str(value) if isinstance(value, str) else value


def _placeholder(spec: dict, root: dict):
    from ..schema import _resolve

    options = spec.get("anyOf") or spec.get("oneOf")
    if options:
        return _placeholder(_resolve(options[0], root), root)
    kinds = spec.get("type", "string")
    kind = kinds[0] if isinstance(kinds, list) else kinds
    if "enum" in spec:
        return spec["enum"][0]
    return {"string": "", "integer": 1, "number": 1, "boolean": False, "object": {}, "array": [], "null": None}.get(kind, "")
