"""A field of a settings object, for the branches the process's environment decides:
`if settings.use_webhook:` in a service that sets `USE_WEBHOOK: "true"` serves a webhook and
does not poll.

`settings` is followed to the value it is assigned (here or in the module it is imported
from): an instance of a pydantic `BaseSettings` class reads the field from the environment
(`env_prefix`, `Field(alias=...)`/`validation_alias`/`env=`, case-insensitive names,
pydantic's bool words); an instance of any other repository class (a dataclass, a plain
class) built with the field as a keyword (`Config(use_webhook=os.getenv(...) == "1")`,
also in a loader function's `return Config(...)`) takes the expression, folded by
python_env_guard; without the keyword, or for the class itself (`Config.USE_WEBHOOK`), the
class attribute (`USE_WEBHOOK = os.getenv(...) == "true"`, a dataclass default, also of a
repository base class) unless `__init__` sets it. A settings object chosen by a conditional
expression (`Prod() if ENV == "prod" else Dev()`) is the arm the environment picks, one taken
from a literal table by an environment key (`CONFIGS[os.getenv("APP_ENV")]`) that entry. A variable the process does not set leaves the field undecided (it may
come from a dashboard or an `.env` file), and so does any other shape.
"""
from __future__ import annotations

import ast

from .python_condition import UNKNOWN

MAX_ORIGINS = 4
_TRUE = frozenset({"1", "on", "t", "true", "y", "yes"})
_FALSE = frozenset({"0", "off", "f", "false", "n", "no"})


def field_value(resolver, m, node: ast.Attribute, env, truth, depth: int = 0):
    """The value of `obj.field`; `truth(module, expr)` folds an expression in a module."""
    if depth > 2 or not isinstance(node.value, ast.Name):
        return UNKNOWN
    named = resolver.resolve(m, "", node.value)
    if len(named) == 1 and named[0][0] == "class":  # `Config.USE_WEBHOOK`, `from config import Config as settings`
        return _class_attribute(resolver, named[0][1], named[0][2], node.attr, truth)
    found = [_from_value(resolver, owner, value, node.attr, env, truth, depth)
             for value, owner in _origins(resolver, m, node.value)[:MAX_ORIGINS]]
    return _agreed(found)


def _agreed(found: list):
    if not found or any(v is UNKNOWN for v in found) or len(set(map(repr, found))) != 1:
        return UNKNOWN
    return found[0]


def _from_value(resolver, owner, value: ast.expr, attr: str, env, truth, depth: int, arms: int = 0):
    """The field of what a settings name is assigned: an instance (`Config(...)`, `load()`),
    or one chosen by a conditional expression (`Prod() if ENV == "prod" else Dev()`, also of
    classes: `Prod if ... else Dev`): the arm the environment picks, else both when they agree."""
    while isinstance(value, ast.Await):
        value = value.value
    if isinstance(value, ast.Call):
        return _from_call(resolver, owner, value, attr, env, truth, depth)
    if isinstance(value, ast.IfExp) and arms < 4:
        test = truth(owner, value.test)
        if test is not UNKNOWN:
            return _from_value(resolver, owner, value.body if test else value.orelse, attr, env, truth, depth, arms + 1)
        return _agreed([_from_value(resolver, owner, arm, attr, env, truth, depth, arms + 1)
                        for arm in (value.body, value.orelse)])
    if isinstance(value, ast.Subscript) and isinstance(value.value, ast.Name) and arms < 4:
        return _from_table(resolver, owner, value, attr, env, truth, depth, arms)
    if isinstance(value, (ast.Name, ast.Attribute)) and arms:  # an arm naming a class
        named = resolver.resolve(owner, "", value)
        if len(named) == 1 and named[0][0] == "class":
            return _class_attribute(resolver, named[0][1], named[0][2], attr, truth)
    return UNKNOWN


def _origins(resolver, m, name: ast.Name) -> list:
    """What `name` is assigned (here, or in the module it is imported from): Linked.sources."""
    return [(v, linked.module) for v, linked in resolver.linked(m).sources(name)]


def _from_call(resolver, owner, call: ast.Call, attr: str, env, truth, depth: int):
    targets = resolver.resolve(owner, "", call.func)
    if len(targets) != 1:
        return UNKNOWN
    kind, path, qual = targets[0]
    from .python_module import load

    where = load(resolver.repo, path)
    node = where.defs.get(qual) if where is not None else None
    if kind == "func" and node is not None:  # `settings = load_config()`: its `return Config(...)`
        returned = [r for r in resolver._return_nodes(where, qual) if isinstance(r, (ast.Call, ast.IfExp))]
        if len(returned) != 1 or depth > 1:
            return UNKNOWN  # `return Dev() if DEBUG else Prod()` is read like the assignment
        return _from_value(resolver, where, returned[0], attr, env, truth, depth + 1)
    if kind != "class" or not isinstance(node, ast.ClassDef):
        return UNKNOWN
    if _pydantic_settings(node):
        return _from_environment(node, attr, env)
    given = next((k.value for k in call.keywords if k.arg == attr), None)
    if given is None:
        fields = [s.target.id for s in node.body if isinstance(s, ast.AnnAssign) and isinstance(s.target, ast.Name)]
        if attr in fields and fields.index(attr) < len(call.args) and \
                not any(isinstance(a, ast.Starred) for a in call.args):
            given = call.args[fields.index(attr)]
    if given is None:  # not passed: the class attribute (a dataclass default), unless __init__ sets it
        return _class_attribute(resolver, path, qual, attr, truth)
    return truth(owner, given)


def _from_table(resolver, owner, value: ast.Subscript, attr: str, env, truth, depth: int, arms: int):
    """`CONFIGS[os.getenv("APP_ENV", "dev")]` with `CONFIGS = {"dev": Dev, "prod": Prod}` (the
    Flask `config_by_name` idiom): the entry the environment's key names, else all agreeing."""
    tables = [t for t in owner.values(value.value.id)[:2] if isinstance(t, ast.Dict)]
    if len(tables) != 1 or len(tables[0].keys) > 32:
        return UNKNOWN
    entries = {k.value: v for k, v in zip(tables[0].keys, tables[0].values)
               if isinstance(k, ast.Constant) and isinstance(k.value, str)}
    key = truth(owner, value.slice)
    if isinstance(key, str):
        chosen = entries.get(key)
        return UNKNOWN if chosen is None else _from_value(resolver, owner, chosen, attr, env, truth, depth, arms + 1)
    return _agreed([_from_value(resolver, owner, v, attr, env, truth, depth, arms + 1) for v in entries.values()])


def _class_attribute(resolver, path: str, qual: str, attr: str, truth, depth: int = 0):
    """`attr = expr` in the class body (or a repository base class's), folded in its module."""
    from .python_module import load

    module = load(resolver.repo, path)
    node = module.defs.get(qual) if module is not None else None
    if not isinstance(node, ast.ClassDef) or depth > 2 or _pydantic_settings(node):
        return UNKNOWN
    values = []
    for stmt in node.body:
        if isinstance(stmt, ast.Assign) and any(isinstance(t, ast.Name) and t.id == attr for t in stmt.targets):
            values.append(stmt.value)
        elif isinstance(stmt, ast.AnnAssign) and isinstance(stmt.target, ast.Name) and stmt.target.id == attr \
                and stmt.value is not None:
            values.append(stmt.value)
        elif isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef)) and stmt.name == "__init__" and any(
                isinstance(n, ast.Attribute) and n.attr == attr and isinstance(n.ctx, ast.Store)
                for n in ast.walk(stmt)):
            return UNKNOWN  # the instance sets its own
    if len(values) == 1:
        return truth(module, values[0])
    if values:
        return UNKNOWN
    for base in node.bases:
        for kind, base_path, base_qual in resolver.resolve(module, "", base)[:1]:
            if kind == "class":
                return _class_attribute(resolver, base_path, base_qual, attr, truth, depth + 1)
    return UNKNOWN


def _pydantic_settings(node: ast.ClassDef) -> bool:
    for base in node.bases:
        words = []
        while isinstance(base, ast.Attribute):
            words.append(base.attr)
            base = base.value
        if isinstance(base, ast.Name):
            words.append(base.id)
        if words and words[0] == "BaseSettings":
            return True
    return False


def _from_environment(node: ast.ClassDef, attr: str, env):
    prefix, sensitive = _config(node)
    for stmt in node.body:
        if isinstance(stmt, ast.AnnAssign) and isinstance(stmt.target, ast.Name) and stmt.target.id == attr:
            name = _alias(stmt.value) or prefix + attr
            return _convert(stmt.annotation, _read(env, name, sensitive))
    return UNKNOWN


def _config(node: ast.ClassDef) -> tuple[str, bool]:
    """`env_prefix` and `case_sensitive` of `model_config = SettingsConfigDict(...)` or of an
    inner `class Config:`."""
    prefix, sensitive = "", False
    for stmt in node.body:
        pairs: list[tuple[str, ast.expr]] = []
        if isinstance(stmt, (ast.Assign, ast.AnnAssign)) and isinstance(stmt.value, ast.Call) and any(
                isinstance(t, ast.Name) and t.id == "model_config"
                for t in (stmt.targets if isinstance(stmt, ast.Assign) else [stmt.target])):
            pairs = [(k.arg, k.value) for k in stmt.value.keywords if k.arg]
        elif isinstance(stmt, ast.ClassDef) and stmt.name == "Config":
            pairs = [(t.id, s.value) for s in stmt.body if isinstance(s, ast.Assign) for t in s.targets
                     if isinstance(t, ast.Name)]
        for key, value in pairs:
            if key == "env_prefix" and isinstance(value, ast.Constant) and isinstance(value.value, str):
                prefix = value.value
            elif key == "case_sensitive" and isinstance(value, ast.Constant) and isinstance(value.value, bool):
                sensitive = value.value
    return prefix, sensitive


def _alias(default: ast.expr | None) -> str | None:
    if isinstance(default, ast.Call) and isinstance(default.func, (ast.Name, ast.Attribute)) and \
            (getattr(default.func, "id", None) or getattr(default.func, "attr", None)) == "Field":
        for keyword in default.keywords:
            if keyword.arg in ("alias", "validation_alias", "env") and isinstance(keyword.value, ast.Constant) \
                    and isinstance(keyword.value.value, str):
                return keyword.value.value
    return None


def _read(env, name: str, sensitive: bool):
    if sensitive:
        value = env[name] if name in env else UNKNOWN
    else:
        keys = [k for k in env if isinstance(k, str) and k.lower() == name.lower()]
        value = env[keys[0]] if len(keys) == 1 else UNKNOWN
    if value is UNKNOWN or value is None:
        return UNKNOWN
    text = str(value)
    return UNKNOWN if "$" in text else text


def _convert(annotation: ast.expr, text):
    if text is UNKNOWN:
        return UNKNOWN
    kind = annotation.id if isinstance(annotation, ast.Name) else None
    if kind == "bool":
        return boolean(text)
    if kind == "str":
        return text
    if kind == "int":
        stripped = text.strip()
        return int(stripped) if stripped.isdigit() and len(stripped) < 18 else UNKNOWN
    return UNKNOWN


def boolean(word):
    """pydantic's (and environs') reading of an environment word as a bool."""
    if not isinstance(word, str):
        return UNKNOWN
    word = word.strip().lower()
    return True if word in _TRUE else False if word in _FALSE else UNKNOWN
