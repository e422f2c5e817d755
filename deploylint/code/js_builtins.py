"""The standard methods a configuration file calls on its own values, for the JS/TS
evaluator (js_eval): array methods with a callback (`names.map((n) => service(n, ...))`,
`filter`, `flatMap`, `forEach`...), `Object.fromEntries/entries/keys/values/assign/freeze`,
and a few string/array helpers (`includes`, `join`, `concat`, `trim`, `replace`). Everything else stays
unknown. A callback runs through the evaluator, so the step budget bounds the work."""
from __future__ import annotations

import re

from .js_static import MAX_ITEMS as MAX_BUILT, MAX_STRING, Arr, Builtin, Function, Obj, Overflow, Unknown, truth

NOT_BUILTIN = object()
NUMBER_FUNCTIONS = frozenset({"Number", "parseInt", "parseFloat"})
MAX_ITEMS = 1_000  # items an array method walks before the result is unknown
_CALLBACK = {"map", "filter", "flatMap", "forEach", "find", "some", "every"}
ARRAY_METHODS = _CALLBACK | {"includes", "indexOf", "join", "concat", "slice", "push"}


def method(evaluator, obj, name: str, values: list, depth: int, node):
    """`obj.name(*values)`, or NOT_BUILTIN when this is not a modelled standard method."""
    if isinstance(obj, Arr):
        return _array(evaluator, obj, name, values, depth, node)
    if isinstance(obj, str) and name in ("includes", "startsWith", "endsWith") and values and isinstance(values[0], str):
        return getattr(obj, {"includes": "__contains__", "startsWith": "startswith", "endsWith": "endswith"}[name])(values[0])
    if isinstance(obj, str) and name in _STRING_METHODS and not values:
        return _STRING_METHODS[name](obj)  # `cmd.trim()`: a multi-line template literal made one line
    if isinstance(obj, str) and name in ("replace", "replaceAll") and len(values) == 2 \
            and all(isinstance(v, str) for v in values) and values[0]:
        if len(obj) + obj.count(values[0]) * len(values[1]) > MAX_STRING:
            return Unknown(evaluator.text_of(node))
        return obj.replace(values[0], values[1], 1 if name == "replace" else -1)
    return NOT_BUILTIN


_WHITESPACE = " \t\n\r\v\f\ufeff\u00a0"
_STRING_METHODS = {"trim": lambda s: s.strip(_WHITESPACE), "trimStart": lambda s: s.lstrip(_WHITESPACE),
                   "trimEnd": lambda s: s.rstrip(_WHITESPACE), "toLowerCase": str.lower, "toUpperCase": str.upper}


def static(evaluator, name: str, values: list, node):
    """`Object.name(*values)`, or NOT_BUILTIN."""
    first = values[0] if values else None
    at = evaluator.where(node)
    if name in ("freeze", "seal") and values:
        return first
    if name == "fromEntries" and isinstance(first, Arr):
        obj = Obj(at)
        for item in first[:MAX_ITEMS]:
            if isinstance(item, Arr) and len(item) >= 2 and isinstance(item[0], str):
                obj[item[0]] = item[1]
                obj.values_at[item[0]] = obj.keys_at[item[0]] = at
            else:
                obj.partial = True
        return obj
    if name in ("keys", "values", "entries") and isinstance(first, Obj):
        arr = Arr(at)
        for key, value in list(first.items())[:MAX_ITEMS]:
            item = key if name == "keys" else value if name == "values" else _pair(key, value, at)
            arr.append(item)
            arr.items_at.append(first.values_at.get(key, at))
        return arr if not first.partial else Unknown(evaluator.text_of(node))
    if name == "assign" and isinstance(first, Obj):
        merged = Obj(first.at)
        for source in values:
            merged.absorb(source)
        return merged
    return NOT_BUILTIN


def _pair(key, value, at) -> Arr:
    pair = Arr(at)
    pair.extend([key, value])
    pair.items_at.extend([at, at])
    return pair


def _array(evaluator, arr: Arr, name: str, values: list, depth: int, node):
    at = evaluator.where(node)
    if name == "push":  # `resources.push(service(...))` in a loop: the list grows (up to MAX_ITEMS)
        for value in values:
            if len(arr) >= MAX_ITEMS:
                return Unknown(evaluator.text_of(node))
            arr.append(value)
            arr.items_at.append(at)
        return len(arr)
    if name in ("includes", "indexOf") and values:
        if isinstance(values[0], Unknown):
            return Unknown(evaluator.text_of(node))
        return values[0] in arr if name == "includes" else (arr.index(values[0]) if values[0] in arr else -1)
    if name == "join":
        separator = values[0] if values and isinstance(values[0], str) else ","
        if all(isinstance(v, str) for v in arr):
            if sum(map(len, arr)) + len(separator) * len(arr) > MAX_STRING:
                return Unknown(evaluator.text_of(node))
            return separator.join(arr)
        return Unknown(evaluator.text_of(node))
    if name == "concat":
        if len(arr) + sum(len(v) if isinstance(v, Arr) else 1 for v in values) > MAX_BUILT:
            return Overflow(evaluator.text_of(node))  # `a.concat(a)` doubled: never built
        out = Arr(at)
        out.extend(arr)
        out.items_at.extend(arr.items_at)
        for value in values:
            if isinstance(value, Arr):
                out.extend(value)
                out.items_at.extend(value.items_at)
            else:
                out.append(value)
                out.items_at.append(at)
        return out
    if name == "slice":
        out = Arr(at)
        ints = [v for v in values if isinstance(v, int) and not isinstance(v, bool)]
        if len(ints) != len(values):
            return Unknown(evaluator.text_of(node))
        out.extend(arr[slice(*ints[:2])])
        out.items_at.extend(arr.items_at[slice(*ints[:2])])
        return out
    if name not in _CALLBACK or not values or not isinstance(values[0], (Function, Builtin)):
        return NOT_BUILTIN
    if len(arr) > MAX_ITEMS:
        return Unknown(evaluator.text_of(node))
    callback = values[0]
    out = Arr(at)
    for index, item in enumerate(arr):
        result = _apply(evaluator, callback, [item, index, arr], depth, node)
        where = arr.items_at[index] if index < len(arr.items_at) else at
        if name == "map":
            out.append(result)
            out.items_at.append(where)
        elif name == "flatMap":
            items = result if isinstance(result, Arr) else [result]
            out.extend(items)
            out.items_at.extend([where] * len(items))
        elif name in ("filter", "find", "some", "every"):
            known = truth(result)
            if known is None:
                return Unknown(evaluator.text_of(node))
            if name == "filter" and known:
                out.append(item)
                out.items_at.append(where)
            elif name == "find" and known:
                return item
            elif name == "some" and known:
                return True
            elif name == "every" and not known:
                return False
    if name == "find":
        return None
    if name in ("some", "every"):
        return name == "every"
    return None if name == "forEach" else out


def _apply(evaluator, callback, args: list, depth: int, node):
    if isinstance(callback, Builtin):
        return callback.call(evaluator, args, [], node)
    return evaluator.call(callback, args, depth + 1)


def to_number(value, text: str):
    """`Number(v)` / `parseInt(v)` of a known value (a number, or a string of digits);
    of an unknown one, Unknown with the numbers of its possible values."""
    if isinstance(value, Unknown):
        return Unknown(text, tuple(_number(v) if not isinstance(v, Unknown) else v for v in value.options))
    converted = _number(value)
    return converted if not isinstance(converted, Unknown) else Unknown(text)


def _number(value):
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, (int, float)):
        return value
    if isinstance(value, str) and re.fullmatch(r"\s*-?[0-9]{1,9}\s*", value):
        return int(value)
    return Unknown(str(value))
