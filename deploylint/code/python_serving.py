"""Statements that serve until the process stops: `uvicorn.run(app)`, Flask's `app.run()`,
aiohttp's `web.run_app(app)`, `httpd.serve_forever()`, `waitress.serve(app)`.

A statement written after one of them in the same block runs only once the server
returns (it was stopped or crashed): a poller there is a fallback, down while the server
serves (DPL109), not a copy running beside it. Only a call that is a statement of its
own counts (`app.run()`, `await site.serve_forever()`): a call passed to a thread or an
executor (`Thread(target=app.run)`, `lambda: app.run()`) does not block the block.
"""
from __future__ import annotations

import ast

from . import python_signatures as sig

# module-level functions that run a server until it stops (qualified names)
SERVE_FUNCTIONS = frozenset({
    "uvicorn.run", "aiohttp.web.run_app", "web.run_app", "waitress.serve", "bjoern.run", "hypercorn.run",
    "eventlet.wsgi.server", "werkzeug.serving.run_simple", "werkzeug.run_simple", "cheroot.wsgi.Server.start",
    "tornado.ioloop.IOLoop.current.start", "hypercorn.asyncio.serve", "hypercorn.trio.serve",
})
# app classes whose `.run()` serves HTTP until stopped (FastAPI/Starlette have no `.run`)
SERVING_APPS = frozenset({"Flask", "Quart", "Sanic", "Dash", "SocketIO", "Bottle", "APIFlask"})
SERVE_METHODS = frozenset({"run", "run_server"})
# objects whose `await x.serve()` / `await x.run_task()` serves until stopped
SERVER_OBJECTS = frozenset({"uvicorn.server", "quart.quart", "quart"})
WEB_MODULES = ("flask", "quart", "sanic", "dash", "bottle", "flask_socketio")


def blocking_server(stmt: ast.stmt, facts: sig.Facts, depth: int = 2) -> str | None:
    """The call text when `stmt` serves until stopped, else None. A `try:` or `with` block
    whose own statements include such a call blocks too (`try: app.run() except ...: pass`)."""
    if isinstance(stmt, (ast.Try, ast.With, ast.AsyncWith)) and depth:
        for inner in stmt.body[:50]:
            found = blocking_server(inner, facts, depth - 1)
            if found:
                return found
        return None
    if not isinstance(stmt, ast.Expr):
        return None
    call = stmt.value.value if isinstance(stmt.value, ast.Await) else stmt.value
    if not isinstance(call, ast.Call):
        return None
    if facts.qualified(call.func) in ("asyncio.run", "trio.run", "anyio.run") and call.args \
            and isinstance(call.args[0], ast.Call) and depth:  # asyncio.run(serve(app, config))
        return blocking_server(ast.Expr(value=call.args[0]), facts, depth - 1)
    text = f"{sig.short(call.func, 40)}({'…' if call.args or call.keywords else ''})"
    name, receiver = sig.callee(call)
    qualified = facts.qualified(call.func)
    if qualified in SERVE_FUNCTIONS or name == "run_app" and qualified.startswith("aiohttp"):
        return text
    if name == "serve_forever" and receiver is not None:
        return text
    if name in SERVE_METHODS and receiver is not None and _serving_app(receiver, facts):
        return text
    if name in ("serve", "run_task") and receiver is not None and _made_by(receiver, facts, SERVER_OBJECTS):
        return text  # `await server.serve()` with server = uvicorn.Server(...); Quart's `await app.run_task()`
    return None


def _made_by(receiver: ast.expr, facts: sig.Facts, kinds: frozenset[str]) -> bool:
    try:
        return any(owner.qualified(call.func).lower().replace(".server.", ".") in kinds
                   for call, owner in sig.origins_with(receiver, facts, 2))
    except RecursionError:
        return False


def _serving_app(receiver: ast.expr, facts: sig.Facts) -> bool:
    """`app` was made by Flask(...)/Quart(...)/SocketIO(...)...; or, when the module does not
    say where it comes from, it is named like a web app in a module that imports a web framework."""
    try:
        made = [sig.last(owner.qualified(call.func)) for call, owner in sig.origins_with(receiver, facts, 2)]
    except RecursionError:
        return False
    if made:
        return any(kind in SERVING_APPS for kind in made)
    words = sig.chain_words(receiver)
    if words[-1:] not in (["app"], ["server"], ["socketio"], ["sio"]):
        return False
    return any(facts.mentions(f"import {module}") or facts.mentions(f"from {module}") for module in WEB_MODULES)
