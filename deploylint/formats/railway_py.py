"""`.railway/railway.py` (Railway IaC, Python SDK, beta) read with `ast`, never run.

https://docs.railway.com/cli/config, https://pypi.org/project/railway-sdk/:
`@define_railway def main(ctx=None): return project("app", resources=[service("bot",
start="python bot.py", replicas=2)])`, or `define_railway(lambda ctx: ...)`. Values:
literals, module constants, `ctx.environment == "production"`, conditional
expressions, `if`/`return` in the defining function and small helper functions.
Anything else is Unknown. Depth and step budgets as in the JS evaluator.
"""
from __future__ import annotations

import ast

from ..code.js_static import MAX_DEPTH, MAX_STEPS, Arr, Builtin, Obj, Unknown, _operate, _options, truth
from ..model import Location
from ..repo import Repo
from .railway_iac import MAX_ENVIRONMENTS, OTHER, Runs, ServiceDecl, builtins, context, project_name, services_of, set_partial

_OPS = {ast.Eq: "===", ast.NotEq: "!==", ast.Lt: "<", ast.Gt: ">", ast.LtE: "<=", ast.GtE: ">=",
        ast.Add: "+", ast.Sub: "-", ast.Mult: "*", ast.Div: "/"}


class _Budget(Exception):
    pass


def evaluate(repo: Repo, path: str) -> dict[str, list[ServiceDecl]] | None:
    text = repo.read_text(path)
    if text is None:
        return None
    from ..safe import TooDeep, parse_python, report_too_deep

    try:
        tree = parse_python(text, path)
    except TooDeep as error:
        report_too_deep(repo, path, error)
        return None
    except (SyntaxError, ValueError) as error:
        line = getattr(error, "lineno", 1) or 1
        repo.problem("DPL001", Location(path, line, 1), f"Python syntax error in {path}",
                     "fix the syntax; `railway config plan` cannot load this file either")
        return None
    runs = Runs()
    _partial(repo, runs, tree, path)
    exhausted = False
    for environment in _environments(tree):
        calls: list[ServiceDecl] = []
        reader = _Reader(path, text, calls)
        try:
            value = reader.main(tree, context(environment))
        except (_Budget, RecursionError):
            value, reader.exhausted = Unknown(path), True
        exhausted = exhausted or reader.exhausted
        if value is None and not calls:
            repo.problem("DPL004", Location(path, 1, 1), f"{path}: no `define_railway` function that deploylint can read",
                         "decorate the function that returns the project with `@define_railway`")
            return runs
        runs[environment] = services_of(value, calls)
        runs.project = runs.project or project_name(value)
        if exhausted:
            break  # a file that exhausts the budget once costs no more for every environment
    if exhausted:
        repo.problem("DPL004", Location(path, 1, 1),
                     f"{path} is nested too deeply (or computes too much) to be read completely; parts of it were skipped",
                     "keep the Railway configuration flat: services as literal values, small helpers")
    return runs


def _partial(repo: Repo, runs: Runs, tree, path: str) -> None:
    """A module-level `PARTIAL = "api"` (or Partial, partial: the CLI takes the first
    that is set and not empty)."""
    found: dict[str, ast.AST] = {}
    for statement in tree.body:
        if isinstance(statement, (ast.Assign, ast.AnnAssign)) and statement.value is not None:
            targets = statement.targets if isinstance(statement, ast.Assign) else [statement.target]
            for target in targets:
                if isinstance(target, ast.Name) and target.id in ("PARTIAL", "Partial", "partial"):
                    found[target.id] = statement.value
    for name in ("PARTIAL", "Partial", "partial"):
        node = found.get(name)
        if node is None:
            continue
        if isinstance(node, (ast.Dict, ast.List, ast.Set, ast.Tuple, ast.Lambda)):
            continue  # not a string: the CLI passes over it
        value = node.value if isinstance(node, ast.Constant) else Unknown(name)
        if value is None or value is False or value == "":
            continue  # `or` passes over a falsy value
        line = getattr(node, "lineno", 1)
        set_partial(repo, runs, value, Location(path, line, getattr(node, "col_offset", 0) + 1))
        return


def _environments(tree) -> list[str]:
    names = ["production"]
    for node in ast.walk(tree):
        literal = None
        if isinstance(node, ast.Compare):
            for side in (node.left, *node.comparators):
                if isinstance(side, ast.Constant) and isinstance(side.value, str):
                    literal = side.value
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in ("is_environment", "isEnvironment"):
            first = node.args[0] if node.args else None
            literal = first.value if isinstance(first, ast.Constant) and isinstance(first.value, str) else None
        if literal and literal not in names:
            names.append(literal)
        if len(names) >= MAX_ENVIRONMENTS:
            break
    return names + [OTHER]


class _Function:
    def __init__(self, node, scope: dict):
        self.node, self.scope = node, scope


class _Reader:
    def __init__(self, path: str, text: str, calls: list):
        self.path = path
        self.module: dict[str, object] = {}
        self.nodes: dict[str, ast.AST] = {}
        self.builtins = builtins(calls, self.where)
        self.steps = 0
        self.exhausted = False
        self.declared: dict[str, str] = {}  # local name -> the expression it was assigned

    def where(self, node) -> Location:
        line = getattr(node, "lineno", 1)
        return Location(self.path, line, getattr(node, "col_offset", 0) + 1,
                        getattr(node, "end_lineno", line) or line, (getattr(node, "end_col_offset", 0) or 0) + 1)

    def main(self, tree, ctx):
        entry = None
        for statement in tree.body:
            if isinstance(statement, (ast.FunctionDef, ast.AsyncFunctionDef)):
                self.module[statement.name] = _Function(statement, self.module)
                if any(_name(d) in ("define_railway", "defineRailway") for d in statement.decorator_list):
                    entry = self.module[statement.name]
            elif isinstance(statement, (ast.Assign, ast.AnnAssign)) and statement.value is not None:
                targets = statement.targets if isinstance(statement, ast.Assign) else [statement.target]
                value = self.value(statement.value, self.module, 0)
                for target in targets:
                    if isinstance(target, ast.Name):
                        self.module[target.id] = value
                if isinstance(value, _Function) and _name(getattr(statement.value, "func", None)) in ("define_railway", "defineRailway"):
                    entry = value
            elif isinstance(statement, ast.Expr) and isinstance(statement.value, ast.Call) and \
                    _name(statement.value.func) in ("define_railway", "defineRailway"):
                value = self.value(statement.value, self.module, 0)
                entry = value if isinstance(value, _Function) else entry
        if entry is None:  # the Railway CLI's fallback: the module's `main`, `Railway` or `default`
            entry = next((self.module[n] for n in ("main", "Railway", "default") if n in self.module), None)
            if entry is None or not isinstance(entry, _Function):
                return entry
            return self.call(entry, [ctx] if entry.node.args.args else [], {}, 1)
        return self.call(entry, [ctx], {}, 1)

    def call(self, function: _Function, args: list, kwargs: dict, depth: int):
        if depth > MAX_DEPTH:
            self.exhausted = True
            return Unknown("call")
        node = function.node
        scope = dict(function.scope)
        params = node.args.args
        defaults = [None] * (len(params) - len(node.args.defaults)) + list(node.args.defaults)
        for index, (param, default) in enumerate(zip(params, defaults)):
            if index < len(args):
                value = args[index]
            elif param.arg in kwargs:
                value = kwargs[param.arg]
            else:
                value = self.value(default, scope, depth + 1) if default is not None else None
            scope[param.arg] = value
        if isinstance(node, ast.Lambda):
            return self.value(node.body, scope, depth + 1)
        done, value = self.run(node.body, scope, depth + 1)
        return value if done else None

    def run(self, statements: list, scope: dict, depth: int):
        for index, statement in enumerate(statements):
            self._tick(depth)
            if isinstance(statement, ast.Return):
                return True, self.value(statement.value, scope, depth + 1) if statement.value is not None else None
            if isinstance(statement, (ast.Assign, ast.AnnAssign)) and statement.value is not None:
                value = self.value(statement.value, scope, depth + 1)
                for target in (statement.targets if isinstance(statement, ast.Assign) else [statement.target]):
                    if isinstance(target, ast.Name):
                        scope[target.id] = value
                        if len(self.declared) < 200:
                            self.declared[target.id] = _unparse(statement.value)
                    elif isinstance(target, ast.Attribute) and isinstance(target.value, ast.Name) \
                            and hasattr(scope.get(target.value.id), "assign"):
                        # `worker.deploy = {...}` on a service (as `railway config pull` writes them)
                        scope[target.value.id].assign(target.attr, value, self.where(statement.value),
                                                      _unparse(statement.value))
            elif isinstance(statement, (ast.FunctionDef, ast.AsyncFunctionDef)):
                scope[statement.name] = _Function(statement, scope)
            elif isinstance(statement, ast.If):
                rest = statements[index + 1:]
                known = truth(self.value(statement.test, scope, depth + 1))
                if known is not None:
                    return self.run((statement.body if known else statement.orelse) + rest, scope, depth + 1)
                first = self.run(statement.body + rest, dict(scope), depth + 1)
                second = self.run(statement.orelse + rest, dict(scope), depth + 1)
                if first[0] or second[0]:
                    return True, Unknown("if", _options(first[1], second[1]))
                return False, None
            elif isinstance(statement, ast.Expr) and isinstance(statement.value, ast.Call):
                self.value(statement.value, scope, depth + 1)
        return False, None

    def _tick(self, depth: int) -> None:
        self.steps += 1
        if self.steps > MAX_STEPS or depth > MAX_DEPTH * 3:
            self.exhausted = True
            raise _Budget()

    def value(self, node, scope: dict, depth: int):
        self._tick(depth)
        if depth > MAX_DEPTH:
            self.exhausted = True
            return Unknown("...")
        if isinstance(node, ast.Constant):
            value = node.value
            return value if isinstance(value, (str, int, float, bool)) or value is None else Unknown(repr(value)[:40])
        if isinstance(node, ast.Name):
            if node.id in scope:
                return scope[node.id]
            if node.id in self.builtins:
                return self.builtins[node.id]
            return {"True": True, "False": False, "None": None}.get(node.id, Unknown(node.id))
        if isinstance(node, ast.Dict):
            obj = Obj(self.where(node))
            for key, item in zip(node.keys, node.values):
                if key is None:
                    spread = self.value(item, scope, depth + 1)
                    if isinstance(spread, Obj):
                        obj.update(spread)
                        obj.values_at.update(spread.values_at)
                        obj.texts.update(spread.texts)
                    else:
                        obj.partial = True
                    continue
                name = self.value(key, scope, depth + 1)
                if not isinstance(name, str):
                    obj.partial = True
                    continue
                obj[name] = self.value(item, scope, depth + 1)
                obj.keys_at[name], obj.values_at[name], obj.texts[name] = self.where(key), self.where(item), ast.unparse(item)
            return obj
        if isinstance(node, (ast.List, ast.Tuple)):
            arr = Arr(self.where(node))
            for item in node.elts:
                arr.append(self.value(item, scope, depth + 1))
                arr.items_at.append(self.where(item))
            return arr
        if isinstance(node, ast.IfExp):
            known = truth(self.value(node.test, scope, depth + 1))
            if known is not None:
                return self.value(node.body if known else node.orelse, scope, depth + 1)
            first, second = self.value(node.body, scope, depth + 1), self.value(node.orelse, scope, depth + 1)
            return first if first == second and not isinstance(first, Unknown) else Unknown(_unparse(node), _options(first, second))
        if isinstance(node, ast.Compare) and len(node.ops) == 1 and type(node.ops[0]) in _OPS:
            left, right = self.value(node.left, scope, depth + 1), self.value(node.comparators[0], scope, depth + 1)
            if isinstance(left, Unknown) or isinstance(right, Unknown):
                return Unknown(_unparse(node))
            return _operate(_OPS[type(node.ops[0])], left, right, _unparse(node))
        if isinstance(node, ast.BinOp) and type(node.op) in _OPS:
            left, right = self.value(node.left, scope, depth + 1), self.value(node.right, scope, depth + 1)
            if isinstance(left, Unknown) or isinstance(right, Unknown) or isinstance(left, str) != isinstance(right, str):
                return Unknown(_unparse(node))
            return _operate(_OPS[type(node.op)], left, right, _unparse(node))
        if isinstance(node, ast.UnaryOp):
            inner = self.value(node.operand, scope, depth + 1)
            if isinstance(node.op, ast.Not):
                known = truth(inner)
                return Unknown(_unparse(node)) if known is None else not known
            if isinstance(node.op, ast.USub) and isinstance(inner, (int, float)) and not isinstance(inner, bool):
                return -inner
            return Unknown(_unparse(node))
        if isinstance(node, ast.BoolOp):
            result = None
            for item in node.values:
                result = self.value(item, scope, depth + 1)
                known = truth(result)
                if known is None:
                    return Unknown(_unparse(node))
                if known == isinstance(node.op, ast.Or):
                    return result
            return result
        if isinstance(node, ast.Attribute):
            base = self.value(node.value, scope, depth + 1)
            if isinstance(base, Obj):
                return base.get(node.attr, Unknown(_unparse(node)) if base.partial else None)
            return Unknown(_unparse(node))
        if isinstance(node, ast.Subscript):
            base, key = self.value(node.value, scope, depth + 1), self.value(node.slice, scope, depth + 1)
            if isinstance(base, Obj) and isinstance(key, str) and key in base:
                return base[key]
            return Unknown(_unparse(node))
        if isinstance(node, ast.Lambda):
            return _Function(node, scope)
        if isinstance(node, ast.Call):
            return self._call(node, scope, depth)
        return Unknown(_unparse(node))

    def _call(self, node: ast.Call, scope: dict, depth: int):
        callee = self.value(node.func, scope, depth + 1)
        args = [self.value(a, scope, depth + 1) for a in node.args if not isinstance(a, ast.Starred)]
        kwargs = Obj(self.where(node))
        for keyword in node.keywords:
            if keyword.arg is None:
                kwargs.partial = True
                continue
            kwargs[keyword.arg] = self.value(keyword.value, scope, depth + 1)
            kwargs.keys_at[keyword.arg] = self.where(keyword)
            kwargs.values_at[keyword.arg] = self.where(keyword.value)
            kwargs.texts[keyword.arg] = _unparse(keyword.value)
        if isinstance(callee, Builtin):
            if callee.name == "define_railway" or callee.name == "defineRailway":
                return args[0] if args else None
            if callee.name in ("service", "github", "image") and (kwargs or kwargs.partial):
                args = [*args[:1], kwargs]  # service("bot", start=...) reads like service("bot", {start: ...})
            elif callee.name in ("project", "group") and "resources" in kwargs:
                args = [*args[:1], kwargs["resources"]]
            try:
                return callee.call(self, args, node.args, node)
            except (_Budget, RecursionError):
                raise
            except Exception:  # noqa: BLE001 - a model never stops the scan
                return Unknown(_unparse(node))
        if isinstance(callee, _Function):
            return self.call(callee, args, dict(kwargs), depth + 1)
        return Unknown(_unparse(node))


def _name(node) -> str:
    if isinstance(node, ast.Call):
        node = node.func
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return node.attr
    return ""


def _unparse(node) -> str:
    try:
        return ast.unparse(node)[:200]
    except (ValueError, RecursionError, AttributeError):
        return "..."
