"""DPL002: structure errors in config files, from the JSON Schemas in `schemas/`.

jsonschema costs ~130 ms to import, so a cheap pass first asks whether the document
uses only keys and types the schema names; only a document that does not is handed
to jsonschema, whose errors are then reported precisely ("did you mean" included).
"""
from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Callable

from .model import Location
from .repo import Repo

_TYPES = {"object": dict, "array": list, "string": str, "boolean": bool, "null": type(None)}


@lru_cache(maxsize=None)
def schema(name: str) -> dict:
    # a plain path, not importlib.resources: the schemas sit beside this module in the
    # wheel, and importlib.resources costs ~10 ms of start-up
    return json.loads((Path(__file__).parent / "schemas" / f"{name}.schema.json").read_text("utf-8"))


def check(repo: Repo, data: object, name: str, locate: Callable[[tuple], Location], what: str = "") -> None:
    """Report DPL002 for every place `data` breaks schema `name`. `locate(path)` maps a
    key path (tuple of keys and indexes) to a Location."""
    spec = schema(name)
    if _plausible(data, spec, spec):
        return
    import jsonschema

    validator = jsonschema.Draft202012Validator(spec)
    for error in sorted(validator.iter_errors(data), key=lambda e: list(map(str, e.absolute_path))):
        for message, path, hint in _explain(error, spec):
            repo.problem("DPL002", locate(path), f"{what or name}: {message}", hint)


def _plausible(value, spec: dict, root: dict) -> bool:
    """True when `value` obviously fits: known keys, matching simple types."""
    spec = _resolve(spec, root)
    if any(k in spec for k in ("anyOf", "oneOf", "allOf", "not", "if")):
        return all(_plausible(value, s, root) for s in spec.get("allOf", [])) if "allOf" in spec and len(spec) <= 2 else _options_fit(value, spec, root)
    kinds = spec.get("type")
    if kinds and not _type_ok(value, kinds):
        return False
    if "enum" in spec and value not in spec["enum"]:
        return False
    if isinstance(value, dict):
        props = spec.get("properties", {})
        extra = spec.get("additionalProperties", True)
        patterns = spec.get("patternProperties", {})
        for key, item in value.items():
            if key in props:
                if not _plausible(item, props[key], root):
                    return False
            elif patterns:
                import re

                matched = [s for p, s in patterns.items() if re.search(p, str(key))]
                if not matched and extra is False:
                    return False
                if any(not _plausible(item, s, root) for s in matched):
                    return False
            elif extra is False:
                return False
            elif isinstance(extra, dict) and not _plausible(item, extra, root):
                return False
        if any(k not in value for k in spec.get("required", [])):
            return False
    if isinstance(value, list) and isinstance(spec.get("items"), dict):
        return all(_plausible(item, spec["items"], root) for item in value)
    return True


def _options_fit(value, spec, root) -> bool:
    options = spec.get("anyOf") or spec.get("oneOf")
    if not options:
        return False
    base = {k: v for k, v in spec.items() if k not in ("anyOf", "oneOf")}
    return (not base or _plausible(value, base, root)) and any(_plausible(value, o, root) for o in options)


def _resolve(spec: dict, root: dict) -> dict:
    ref = spec.get("$ref")
    if ref and ref.startswith("#/"):
        node = root
        for part in ref[2:].split("/"):
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
