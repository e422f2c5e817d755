"""DPL002: structure errors in config files, from the JSON Schemas in `schemas/`.

jsonschema costs ~130 ms to import, so a cheap pass first asks whether the document
uses only keys and types the schema names; only a document that does not is handed
to jsonschema, whose errors are then reported precisely ("did you mean" included).
"""
from __future__ import annotations

import os
from functools import lru_cache
from typing import Callable

from .jsonvalue import json_value
from .model import Location
from .repo import Repo

_TYPES = {"object": dict, "array": list, "string": str, "boolean": bool, "null": type(None)}


@lru_cache(maxsize=None)
def schema(name: str) -> dict:
    # a plain path, not importlib.resources: the schemas sit beside this module in the
    # wheel, and importlib.resources costs ~10 ms of start-up
    with open(os.path.join(os.path.dirname(__file__), "schemas", f"{name}.schema.json"), encoding="utf-8") as file:
        return json_value(file.read())


def check(repo: Repo, data: object, name: str, locate: Callable[[tuple], Location], what: str = "") -> None:
    """Report DPL002 for every place `data` breaks schema `name`. `locate(path)` maps a
    key path (tuple of keys and indexes) to a Location."""
    spec = schema(name)
    try:
        if _plausible(data, spec, spec):
            return
    except (RecursionError, ValueError, TypeError):
        pass  # a document too odd for the quick pass: jsonschema decides
    import jsonschema

    validator = jsonschema.Draft202012Validator(spec)
    for error in sorted(validator.iter_errors(data), key=lambda e: list(map(str, e.absolute_path))):
        for message, path, hint in _explain(error, spec):
            repo.problem("DPL002", locate(path), f"{what or name}: {message}", hint)


# Keywords the quick pass understands. Any other validation keyword in a schema makes
# the quick pass give up and hand the document to jsonschema: the quick pass may be too
# strict (then jsonschema decides), never too lenient (tests/test_schema_truth.py).
_ANNOTATIONS = frozenset({"$schema", "$id", "$defs", "definitions", "title", "description", "default",
                          "examples", "$comment", "deprecated", "readOnly", "writeOnly"})
_UNDERSTOOD = frozenset({"$ref", "type", "enum", "const", "properties", "patternProperties",
                         "additionalProperties", "required", "items", "minimum", "maximum",
                         "exclusiveMinimum", "exclusiveMaximum", "pattern", "minLength", "maxLength",
                         "minItems", "maxItems", "allOf", "anyOf"})


def _plausible(value, spec, root: dict, depth: int = 0) -> bool:
    """True only when `value` certainly fits `spec` (a sound under-approximation of
    jsonschema's verdict): known keys, matching types, numbers within bounds, strings
    matching their patterns, enum members."""
    if spec is True or spec == {}:
        return True
    if not isinstance(spec, dict) or depth > 64:
        return False
    if "$ref" in spec:
        target = _resolve(spec, root)
        if target is spec or not _plausible(value, target, root, depth + 1):
            return False
    if any(k not in _UNDERSTOOD and k not in _ANNOTATIONS for k in spec):
        return False
    if "allOf" in spec and not all(_plausible(value, s, root, depth + 1) for s in spec["allOf"]):
        return False
    if "anyOf" in spec and not any(_plausible(value, s, root, depth + 1) for s in spec["anyOf"]):
        return False
    kinds = spec.get("type")
    if kinds and not _type_ok(value, kinds):
        return False
    if "enum" in spec and not any(_same(value, option) for option in spec["enum"]):
        return False
    if "const" in spec and not _same(value, spec["const"]):
        return False
    if _is_number(value) and not _within(value, spec):
        return False
    if isinstance(value, str) and not _string_ok(value, spec):
        return False
    if isinstance(value, dict):
        return _object_ok(value, spec, root, depth)
    if isinstance(value, list):
        if len(value) < spec.get("minItems", 0) or ("maxItems" in spec and len(value) > spec["maxItems"]):
            return False
        if "items" in spec and not all(_plausible(item, spec["items"], root, depth + 1) for item in value):
            return False
    return True


def _object_ok(value: dict, spec: dict, root: dict, depth: int) -> bool:
    import re

    props = spec.get("properties", {})
    patterns = spec.get("patternProperties", {})
    extra = spec.get("additionalProperties", True)
    for key, item in value.items():
        if not isinstance(key, str):
            return False
        matched = [s for p, s in patterns.items() if re.search(p, key)]
        if key in props and not _plausible(item, props[key], root, depth + 1):
            return False
        if any(not _plausible(item, s, root, depth + 1) for s in matched):
            return False
        if key not in props and not matched and extra is not True and not _plausible(item, extra, root, depth + 1):
            return False
    return all(k in value for k in spec.get("required", []))


def _is_number(value) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _within(value, spec: dict) -> bool:
    if value != value:  # NaN compares false with every bound: let jsonschema decide
        return False
    return (("minimum" not in spec or value >= spec["minimum"])
            and ("maximum" not in spec or value <= spec["maximum"])
            and ("exclusiveMinimum" not in spec or value > spec["exclusiveMinimum"])
            and ("exclusiveMaximum" not in spec or value < spec["exclusiveMaximum"]))


def _string_ok(value: str, spec: dict) -> bool:
    if len(value) < spec.get("minLength", 0) or ("maxLength" in spec and len(value) > spec["maxLength"]):
        return False
    if "pattern" in spec:
        import re

        return re.search(spec["pattern"], value) is not None
    return True


def _same(value, option) -> bool:
    """JSON equality: true is not 1, 1 is 1.0, containers compare item by item."""
    if isinstance(value, bool) or isinstance(option, bool):
        return isinstance(value, bool) and isinstance(option, bool) and value == option
    if _is_number(value) and _is_number(option):
        return value == option
    if isinstance(value, list) and isinstance(option, list):
        return len(value) == len(option) and all(_same(a, b) for a, b in zip(value, option))
    if isinstance(value, dict) and isinstance(option, dict):
        return value.keys() == option.keys() and all(_same(value[k], option[k]) for k in value)
    return type(value) is type(option) and value == option


def _resolve(spec: dict, root: dict) -> dict:
    ref = spec.get("$ref")
    if ref and ref.startswith("#/"):
        node = root
        for part in ref[2:].split("/"):
            if not isinstance(node, dict) or part not in node:
                return spec
            node = node[part]
        return node
    return spec


def _type_ok(value, kinds) -> bool:
    for kind in [kinds] if isinstance(kinds, str) else kinds:
        if isinstance(value, bool):
            if kind == "boolean":
                return True
        elif kind == "integer" and isinstance(value, int):
            return True
        elif kind == "number" and isinstance(value, (int, float)):
            return True
        elif kind in _TYPES and isinstance(value, _TYPES[kind]):
            return True
    return False


def _explain(error, spec: dict):
    """(message, key path, hint) for one jsonschema error."""
    path = tuple(error.absolute_path)
    where = ".".join(str(p) for p in path) or "top level"
    if error.validator == "additionalProperties":
        known = list(_resolve(error.schema, spec).get("properties", {}))
        for key in _extra_keys(error):
            import difflib

            close = difflib.get_close_matches(key, known, n=1, cutoff=0.6)
            hint = f"did you mean `{close[0]}`?" if close else f"known keys here: {', '.join(sorted(known))}"
            yield f"unknown key `{key}` in {where}", path + (key,), hint
        return
    if error.validator == "type":
        yield (f"`{where}` should be {error.validator_value if isinstance(error.validator_value, str) else ' or '.join(error.validator_value)}, "
               f"not {type(error.instance).__name__}", path, "fix the value's type")
        return
    if error.validator == "enum":
        yield (f"`{where}` is {error.instance!r}; expected one of {', '.join(map(repr, error.validator_value))}", path,
               "use one of the listed values")
        return
    yield f"{where}: {error.message}", path, "fix the value to match the documented structure"


def _extra_keys(error) -> list[str]:
    props = error.schema.get("properties", {})
    patterns = error.schema.get("patternProperties", {})
    import re

    return [k for k in error.instance if k not in props and not any(re.search(p, k) for p in patterns)]
