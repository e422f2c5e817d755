"""Callables a call makes run later: start-up hooks (lifespan=, on_startup, on_event
decorators, post_init...) and callables handed to threads, executors and timers
(`Thread(target=f)`, `executor.submit(f)`, `loop.run_in_executor(None, f)`).

Pure functions over `ast` nodes; python.py decides what they reach.
"""
from __future__ import annotations

import ast

from .python_signatures import callee, chain_words, short

# calls that run a callable they are given: name -> position of that callable
RUNS_CALLABLE = {"submit": 0, "run_in_executor": 1, "to_thread": 0, "start_new_thread": 0, "Timer": 1,
                 "partial": 0, "call_soon": 0, "call_soon_threadsafe": 0, "call_later": 1, "spawn": 0,
                 # Quart `app.add_background_task(f, *args)`, Sanic `app.add_task(f)`, anyio/trio
                 # `tg.start_soon(f)` and `to_thread.run_sync(f)`
                 "add_background_task": 0, "add_task": 0, "start_soon": 0, "run_sync": 0,
                 # Tornado `IOLoop.current().spawn_callback(f)` / `add_callback(f)`
                 "spawn_callback": 0, "add_callback": 0}
# `pool.map(run, tokens)` of multiprocessing.Pool and concurrent.futures executors: the function
# runs once per item (method calls only: the builtin `map(f, xs)` is lazy)
RUNS_PER_ITEM = {"map": 0, "starmap": 0, "imap": 0, "imap_unordered": 0, "map_async": 0, "starmap_async": 0,
                 "apply_async": 0}
HOOK_KEYWORDS = frozenset({"lifespan", "on_startup", "startup", "post_init", "on_start"})
HOOK_DECORATORS = frozenset({"before_first_request", "before_app_first_request", "before_serving",
                             "before_server_start", "after_server_start", "on_startup", "startup"})
# BlackSheep's `@app.on_start` / `@app.after_start`: only as an attribute of the app
HOOK_EVENT_DECORATORS = frozenset({"on_start", "after_start"})
# Sanic listeners that run once, in the worker manager's main process, not in each worker
MAIN_PROCESS_HOOKS = frozenset({"main_process_start", "main_process_ready"})


Choice = tuple[ast.expr, bool] | None  # (the test of `a if test else b`, whether it is the else arm)


def hook_references(call: ast.Call, scope: ast.AST | None = None) -> list[tuple[ast.expr, str]]:
    """hook_choices without the tests that pick them."""
    return [(expr, how) for expr, how, _ in hook_choices(call, scope)]


def hook_choices(call: ast.Call, scope: ast.AST | None = None) -> list[tuple[ast.expr, str, Choice]]:
    """Callables a call registers to run at start-up: lifespan=, on_startup=[...],
    add_event_handler("startup", f), app.on_startup.append(f), builder.post_init(f).
    A list named in `scope` (the calling function) is read: `hooks = [a, b]` then
    `app.on_startup.extend(hooks)`. A hook chosen by a conditional expression
    (`lifespan=prod_lifespan if PROD else dev_lifespan`, also through a name bound to one
    in `scope`) is each arm, with the test that picks it (condition_step)."""
    name, receiver = callee(call)
    found: list[tuple[ast.expr, str, Choice]] = []
    for kw in call.keywords:
        if kw.arg in HOOK_KEYWORDS:
            found.extend((item, f"{kw.arg}={short(item, 30)}", choice) for item, choice in _items(kw.value, scope))
    target = chain_words(receiver)[-1:] if receiver is not None else []
    if name == "add_event_handler" and len(call.args) > 1 and getattr(call.args[0], "value", None) == "startup":
        found.append((call.args[1], "add_event_handler('startup')", None))
    elif name in ("append", "extend", "insert") and target in (["on_startup"], ["cleanup_ctx"]):
        for arg in call.args:
            found.extend((item, f"{target[0]}.{name}", choice) for item, choice in _items(arg, scope))
    elif (name == "post_init" or (name == "register" and target == ["startup"]) or name == "register_listener") and call.args:
        found.append((call.args[0], f"{name}()", None))
    elif len(call.args) == 1 and not call.keywords:
        applied = decorator_applied(call)
        if applied is not None:
            found.append((call.args[0], applied, None))
    # a call is a factory whose returned function is the hook (`lifespan=make_lifespan(cfg)`)
    return [(expr, how, choice) for expr, how, choice in found if isinstance(expr, (ast.Name, ast.Attribute, ast.Call))]


def condition_step(m, choice: Choice):
    """The trace step of the test that picks a hook (python_env_guard decides it), or None."""
    if choice is None:
        return None
    from ..model import Step

    test, otherwise = choice
    text = short(test, 40)
    return Step(m.location(test), f"else of `if {text}`" if otherwise else f"if `{text}`")


def _items(value: ast.expr, scope: ast.AST | None) -> list[tuple[ast.expr, Choice]]:
    if isinstance(value, ast.Name) and scope is not None:
        bound = _local_value(scope, value.id)
        if bound is not None:
            value = bound
    if isinstance(value, ast.IfExp):  # each arm that names a hook (`... else None` names none)
        return [(arm, (value.test, otherwise)) for arm, otherwise in ((value.body, False), (value.orelse, True))
                if not isinstance(arm, (ast.Constant, ast.IfExp))]
    return [(item, None) for item in value.elts[:32]] if isinstance(value, (ast.List, ast.Tuple)) else [(value, None)]


def _local_value(scope: ast.AST, name: str) -> ast.List | ast.Tuple | ast.IfExp | None:
    """The list or tuple literal (or conditional expression) `name` is bound to, once,
    directly in `scope`'s body."""
    values = [stmt.value for stmt in getattr(scope, "body", ())[:500]
              if isinstance(stmt, ast.Assign) and len(stmt.targets) == 1
              and isinstance(stmt.targets[0], ast.Name) and stmt.targets[0].id == name]
    return values[0] if len(values) == 1 and isinstance(values[0], (ast.List, ast.Tuple, ast.IfExp)) else None


# attributes whose assignment registers a start-up hook: `app.router.lifespan_context = lifespan`
# (Starlette/FastAPI apps built elsewhere), `app.router.on_startup = [start_bot]`
_HOOK_ATTRIBUTES = {"lifespan_context": "lifespan", "on_startup": "on_startup"}
# event attributes a handler is added to with `+=`: BlackSheep `app.on_start += start_bot`
# (`after_start` runs once the app has started), aiohttp-style `app.on_startup += [f]`
_HOOK_EVENTS = {"on_start": "on_start", "after_start": "on_start", "on_startup": "on_startup"}


def assigned_hook(stmt: ast.stmt) -> ast.Call | None:
    """`app.router.lifespan_context = lifespan` or `app.on_start += start_bot` as the
    registration call it amounts to (`register(lifespan=lifespan)`), for hook_references;
    None for other statements."""
    if isinstance(stmt, ast.AugAssign) and isinstance(stmt.op, ast.Add) and isinstance(stmt.target, ast.Attribute):
        target, keyword = stmt.target, _HOOK_EVENTS.get(stmt.target.attr)
    elif isinstance(stmt, ast.Assign) and len(stmt.targets) == 1 and isinstance(stmt.targets[0], ast.Attribute):
        target, keyword = stmt.targets[0], _HOOK_ATTRIBUTES.get(stmt.targets[0].attr)
    else:
        return None
    if keyword is None or not isinstance(stmt.value, (ast.Name, ast.Attribute, ast.List, ast.Tuple)):
        return None
    func = ast.Attribute(value=target.value, attr="register_hook", ctx=ast.Load())
    call = ast.Call(func=func, args=[], keywords=[ast.keyword(arg=keyword, value=stmt.value)])
    for node in (func, call, call.keywords[0]):
        ast.copy_location(node, stmt)
    return call


def decorator_applied(call: ast.Call) -> str | None:
    """A start-up decorator called on a function instead of written above it:
    `app.on_event("startup")(on_startup)`, `app.before_serving(start_bot)`,
    `app.listener("before_server_start")(start)` register the function as `@...` would
    (a bare name such as `startup(f)` is a call of the project's own function, not a hook)."""
    func, ref = call.func, call.args[0]
    if isinstance(func, ast.Call):
        if not isinstance(func.func, ast.Attribute):
            return None
    elif not isinstance(func, ast.Attribute):
        return None
    if isinstance(ref, ast.Call):  # `app.on_event("startup")(make_startup(app))`: the function it returns
        ref = ref.func
    name = ref.id if isinstance(ref, ast.Name) else ref.attr if isinstance(ref, ast.Attribute) else ""
    return hook_decorator(func, name) if name else None


def hook_decorator(decorator: ast.expr, function_name: str) -> str | None:
    """How a decorator makes a function a start-up hook, or None."""
    call = decorator if isinstance(decorator, ast.Call) else None
    name = callee(call)[0] if call else (chain_words(decorator) or [""])[-1]
    if name == "on_event" and call and call.args and getattr(call.args[0], "value", None) == "startup":
        return "on_event('startup')"
    if name == "listener" and call and call.args and getattr(call.args[0], "value", None) in (
            "before_server_start", "after_server_start", *MAIN_PROCESS_HOOKS):
        return f"listener('{call.args[0].value}')"  # type: ignore[attr-defined]
    if name in HOOK_DECORATORS:
        return name
    if name in HOOK_EVENT_DECORATORS and call is None and isinstance(decorator, ast.Attribute):
        return name
    if name == "before_request" and call is None and isinstance(decorator, ast.Attribute):
        # Flask/Quart `@app.before_request`: every request, so each worker's first one
        # (`if not started: Thread(target=poll).start()` is a per-worker start)
        return "before_request: at each worker's first request"
    if name in MAIN_PROCESS_HOOKS and call is None and isinstance(decorator, ast.Attribute):
        return name
    if name == "event" and function_name in ("on_ready", "setup_hook", "on_connect"):
        return f"event {function_name}"
    return None


def bound_partial(module, call: ast.Call) -> bool:
    """`start_polling = partial(executor.start_polling, dp)`: a `functools.partial` kept under a
    name runs nothing yet; the library method starts where the name is called (the call is
    classified through the name's value)."""
    if callee(call)[0] != "partial" or not module.mentions("partial"):
        return False
    return any(value is call for values in module.assigned.values() for value in values)


def plain_getattr(call: ast.Call) -> ast.Call:
    """`getattr(app, "run_polling")()` as `app.run_polling()` (the name a literal identifier);
    the call itself otherwise. Made once per node and kept on it (hits are remembered by node)."""
    func = call.func
    if not (isinstance(func, ast.Call) and isinstance(func.func, ast.Name) and func.func.id == "getattr"
            and len(func.args) == 2 and not func.keywords and isinstance(func.args[1], ast.Constant)
            and isinstance(func.args[1].value, str) and func.args[1].value.isidentifier()):
        return call
    made = getattr(call, "_deploylint_plain", None)
    if made is None:
        attribute = ast.copy_location(ast.Attribute(value=func.args[0], attr=func.args[1].value, ctx=ast.Load()), func)
        attribute.end_lineno, attribute.end_col_offset = func.end_lineno, func.end_col_offset
        made = ast.copy_location(ast.Call(func=attribute, args=call.args, keywords=call.keywords), call)
        made.end_lineno, made.end_col_offset = call.end_lineno, call.end_col_offset
        call._deploylint_plain = made  # type: ignore[attr-defined]
    return made


def partial_target(module, expr: ast.expr) -> ast.expr | None:
    """`runner` where the module binds `runner = partial(bot.infinity_polling, timeout=20)` once:
    the callable the partial runs when it is called (`runner()`, `Thread(target=runner)`)."""
    if not isinstance(expr, ast.Name) or not module.mentions("partial"):
        return None
    values = module.values(expr.id, 2)
    if len(values) != 1 or not isinstance(values[0], ast.Call) or callee(values[0])[0] != "partial" or \
            not values[0].args or not isinstance(values[0].args[0], (ast.Name, ast.Attribute)):
        return None
    return values[0].args[0]


def callable_arguments(call: ast.Call) -> list[ast.expr]:
    """Callables a call runs: Thread(target=f), executor.submit(f), loop.run_in_executor(None, f),
    pool.map(f, items)."""
    name, receiver = callee(call)
    found = [k.value for k in call.keywords if k.arg in ("target", "func", "fn", "callback")]
    position = RUNS_CALLABLE.get(name, RUNS_PER_ITEM.get(name) if receiver is not None else None)
    if position is not None and len(call.args) > position:
        found.append(call.args[position])
    return [e for e in found if isinstance(e, (ast.Name, ast.Attribute))]
